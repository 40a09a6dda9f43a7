//! The company folder, safe edits and git (SPEC §1, §3, §4).

use crate::common::TestCompany;

#[test]
fn init_scaffolds_commented_templates_and_commits() {
    let t = TestCompany::bare();
    t.ok(&["init", "acme", "--name", "Acme Inc"]);
    let root = t.path().join("acme");
    for file in [
        "company.toml",
        "vision.toml",
        "seats.toml",
        "scorecard.toml",
        "scorecard.csv",
        "rocks/2026-Q4.toml",
        "issues.toml",
        "todos.toml",
        "processes/customer-onboarding.md",
    ] {
        assert!(root.join(file).is_file(), "{file} missing");
    }
    let company = std::fs::read_to_string(root.join("company.toml")).unwrap();
    assert!(
        company.contains("name = \"Acme Inc\"") && company.contains("# "),
        "{company}"
    );
    let attributes = std::fs::read_to_string(root.join(".gitattributes")).unwrap();
    assert!(
        attributes.contains("/scorecard.csv merge=pulse"),
        "{attributes}"
    );
    assert!(!attributes.contains("merge=union"), "{attributes}");
    let ignore = std::fs::read_to_string(root.join(".gitignore")).unwrap();
    assert!(
        ignore.lines().any(|l| l == "people.toml") && ignore.lines().any(|l| l == "people/"),
        "people data stays out of git: {ignore}"
    );
    assert!(root.join(".git").is_dir(), "git init ran");
    let sub = TestCompany {
        dir: tempfile::TempDir::new().unwrap(),
        today: t.today.clone(),
    };
    drop(sub);
    let log = std::process::Command::new("git")
        .args(["-C", root.to_str().unwrap(), "log", "--format=%s"])
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&log.stdout).trim(),
        "init: start Acme Inc with pulse"
    );
    let status = std::process::Command::new("git")
        .args(["-C", root.to_str().unwrap(), "status", "--porcelain"])
        .output()
        .unwrap();
    assert!(status.stdout.is_empty(), "every file committed");
}

#[test]
fn a_new_company_checks_clean_of_errors() {
    let t = TestCompany::bare();
    t.ok(&["init", "--name", "Acme"]);
    t.ok(&["check"]);
    let err = t.fails(&["init"], 1);
    assert!(err.contains("already holds a company"), "{err}");
}

/// A company made today showed `last 2026-11-23, not rated` in `status`: a
/// meeting day from before it used pulse, which `agenda` and `meetings`
/// rightly do not know.
#[test]
fn status_of_a_new_company_invents_no_last_meeting() {
    let t = TestCompany::bare();
    t.ok(&["init", "--name", "Acme"]);
    let status = t.ok(&["status"]);
    assert!(status.contains("none on record yet"), "{status}");
    let json: serde_json::Value = serde_json::from_str(&t.ok(&["--json", "status"])).unwrap();
    assert!(json["last_meeting"].is_null(), "{json}");
}

#[test]
fn init_inside_a_repo_commits_there_without_a_new_repo() {
    let t = TestCompany::new();
    t.ok(&["init", "ops", "--name", "Ops"]);
    assert!(!t.path().join("ops/.git").exists());
    assert_eq!(t.log()[0], "init: start Ops with pulse");
}

#[test]
fn discovery_walks_up_and_honours_dir_flags() {
    let t = TestCompany::new();
    std::fs::create_dir_all(t.path().join("deep/er")).unwrap();
    t.pulse()
        .current_dir(t.path().join("deep/er"))
        .arg("check")
        .assert()
        .success();

    let outside = TestCompany::bare();
    let err = outside.fails(&["check"], 2);
    assert!(err.starts_with("error: no company.toml in "), "{err}");
    assert!(err.contains("run 'pulse init' to start one"), "{err}");

    let dir = t.path().to_str().unwrap();
    outside.ok(&["-C", dir, "check"]);
    outside
        .pulse()
        .env("PULSE_DIR", dir)
        .arg("check")
        .assert()
        .success();
}

#[test]
fn data_key_points_at_another_folder() {
    let t = TestCompany::new();
    let company = t
        .read("company.toml")
        .replace("[company]", "data = \"ops\"\n\n[company]");
    t.write("company.toml", &company);
    t.write(
        "ops/issues.toml",
        "[[issue]]\nid = \"x\"\ntitle = \"In ops\"\n",
    );
    let out = t.ok(&["--json", "issues"]);
    assert!(out.contains("In ops"), "{out}");

    t.write(
        "company.toml",
        &t.read("company.toml")
            .replace("\"ops\"", "\"../elsewhere\""),
    );
    let err = t.fails(&["issues"], 2);
    assert!(err.contains("inside the company folder"), "{err}");
}

#[test]
fn person_add_keeps_comments_and_unknown_keys() {
    let t = TestCompany::new();
    let before = t.read("company.toml");
    assert_eq!(
        t.ok(&[
            "person",
            "add",
            "bob",
            "--name",
            "Bob Stone",
            "--email",
            "bob@x.example"
        ]),
        "bob\n"
    );
    let after = t.read("company.toml");
    assert!(
        after.starts_with(before.trim_end()),
        "everything above stays byte for byte:\n{after}"
    );
    assert!(
        after.ends_with("\n[people.bob]\nname = \"Bob Stone\"\nemail = \"bob@x.example\"\n"),
        "{after}"
    );
    assert_eq!(t.log()[0], "person: add bob (Bob Stone)");
    assert!(t.clean());

    let json = t.ok(&["--json", "person", "add", "cy", "--name", "Cy"]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["id"], "cy");
}

#[test]
fn person_add_rejects_duplicates_and_bad_handles_writing_nothing() {
    let t = TestCompany::new();
    let err = t.fails(&["person", "add", "zoe", "--name", "Another Zoe"], 1);
    assert!(err.contains("already on the roster"), "{err}");
    let err = t.fails(&["person", "add", "Zoe P", "--name", "Z"], 1);
    assert!(
        err.contains("invalid handle") && err.contains("e.g. zoe"),
        "{err}"
    );
    assert!(t.clean());
    assert_eq!(t.log().len(), 1);
}

#[test]
fn parallel_person_adds_all_land_each_committed() {
    let t = TestCompany::new();
    t.parallel(12, |i| {
        vec![
            "person".into(),
            "add".into(),
            format!("p{i}"),
            "--name".into(),
            format!("Person {i}"),
        ]
    });
    let company = t.read("company.toml");
    for i in 0..12 {
        assert!(
            company.contains(&format!("[people.p{i}]")),
            "p{i} lost:\n{company}"
        );
    }
    assert_eq!(
        t.log()
            .iter()
            .filter(|s| s.starts_with("person: add"))
            .count(),
        12
    );
    assert!(t.clean());
}

#[test]
fn broken_toml_names_file_line_column_and_writes_nothing() {
    let t = TestCompany::new();
    t.commit_file(
        "company.toml",
        &t.read("company.toml")
            .replace("minutes = 90", "minutes = = 90"),
    );
    let err = t.fails(&["person", "add", "bob", "--name", "Bob"], 2);
    assert!(err.starts_with("error: company.toml:9:11: "), "{err}");
    assert!(
        err.contains("minutes = = 90") && err.contains('^'),
        "shows the line and a caret: {err}"
    );
    assert!(t.clean());

    let t = TestCompany::new();
    t.commit_file(
        "issues.toml",
        "[[issue]]\nid = \"a\"\ntitle = \"A\"\nstatus = \"pending\"\n",
    );
    let err = t.fails(&["issues"], 2);
    assert!(
        err.contains("issues.toml:4:10") && err.contains("open") && err.contains("solved"),
        "{err}"
    );
}

#[test]
fn a_users_staged_file_is_not_committed() {
    let t = TestCompany::new();
    t.write("notes.txt", "private draft\n");
    t.git(&["add", "notes.txt"]);
    t.ok(&["person", "add", "bob", "--name", "Bob"]);
    let files = t.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files.trim(), "company.toml");
    let status = t.git(&["status", "--porcelain"]);
    assert_eq!(status.trim(), "A  notes.txt", "still staged, not committed");
}

#[test]
fn a_rejecting_hook_keeps_the_change_and_says_so() {
    let t = TestCompany::new();
    let hook = t.path().join(".git/hooks/pre-commit");
    std::fs::write(
        &hook,
        "#!/bin/sh\necho 'no commits on Fridays' >&2\nexit 1\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let out = t
        .pulse()
        .args(["person", "add", "bob", "--name", "Bob"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("written but not committed") && stderr.contains("no commits on Fridays"),
        "{stderr}"
    );
    assert!(
        stderr.contains("git commit"),
        "says how to commit by hand: {stderr}"
    );
    assert!(t.read("company.toml").contains("[people.bob]"));
    assert_eq!(t.log().len(), 1);
}

#[test]
fn works_without_git() {
    let t = TestCompany::new();
    std::fs::remove_dir_all(t.path().join(".git")).unwrap();
    t.ok(&["person", "add", "bob", "--name", "Bob"]);
    assert!(t.read("company.toml").contains("[people.bob]"));
}

#[test]
fn no_commit_only_writes() {
    let t = TestCompany::new();
    t.ok(&["--no-commit", "person", "add", "bob", "--name", "Bob"]);
    assert!(t.read("company.toml").contains("[people.bob]"));
    assert_eq!(t.log().len(), 1);
    assert!(!t.clean());
}

#[test]
fn commit_false_in_company_toml_only_writes() {
    let t = TestCompany::new();
    t.commit_file(
        "company.toml",
        &t.read("company.toml")
            .replace("commit = true", "commit = false"),
    );
    t.ok(&["person", "add", "bob", "--name", "Bob"]);
    assert_eq!(t.log().len(), 2);
    assert!(!t.clean());
}

#[test]
fn bad_pulse_today_is_a_user_error() {
    let t = TestCompany::new().with_today("27/11/2026");
    let err = t.fails(&["check"], 1);
    assert!(
        err.contains("PULSE_TODAY") && err.contains("YYYY-MM-DD"),
        "{err}"
    );
}

#[test]
fn usage_errors_exit_1_and_help_has_examples() {
    let t = TestCompany::new();
    t.fails(&["person", "add"], 1);
    t.fails(&["no-such-command"], 1);
    let help = t.ok(&["--help"]);
    assert!(help.contains("Examples:"), "{help}");
    let help = t.ok(&["person", "add", "--help"]);
    assert!(help.contains("Example"), "{help}");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let t = TestCompany::new();
    t.ok(&["rock", "add", "Open Frankfurt", "--owner", "ian"]);
    let plain = t.ok(&["rocks"]);
    assert!(!plain.contains('\u{1b}'), "a pipe gets no colour");
    let forced = t.ok(&["--color", "always", "rocks"]);
    assert!(forced.contains("\u{1b}["), "--color always colours");
    let out = t
        .pulse()
        .env("NO_COLOR", "1")
        .args(["--color", "auto", "rocks"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\u{1b}'));
    t.fails(&["--color", "sometimes", "rocks"], 1);
}

#[test]
fn quiet_prints_only_data() {
    let t = TestCompany::new();
    t.ok(&["rock", "add", "Open Frankfurt", "--owner", "ian"]);
    assert_eq!(t.ok(&["-q", "rock", "set", "open", "done"]), "");
    assert_eq!(
        t.ok(&["-q", "todo", "add", "X", "--owner", "ian"]),
        "x\n",
        "the new id is data"
    );
}

/// Every read command speaks JSON: it parses, and its lists of items carry ids.
#[test]
fn every_read_command_prints_json_with_ids() {
    let t = TestCompany::demo();
    // Something for `diff` to find.
    t.ok(&["todo", "add", "Renew the domain", "--owner", "amy"]);
    let cases: [(&[&str], &[&str]); 18] = [
        (
            &["status"],
            &["/rocks", "/misses", "/open_todos", "/top_issues"],
        ),
        (&["vision"], &["/rocks", "/long_term_issues"]),
        (&["seats"], &[""]),
        (&["people"], &["/people"]),
        (&["rocks"], &[""]),
        (&["scorecard"], &["/rows"]),
        (&["issues", "--all"], &[""]),
        (&["todos", "--all"], &[""]),
        (
            &["agenda"],
            &["/scorecard", "/rocks", "/todos", "/issues", "/candidates"],
        ),
        (
            &["agenda", "--quarterly"],
            &["/review_rocks", "/next_rocks", "/long_term_issues"],
        ),
        (&["processes"], &[""]),
        (&["person", "list"], &[""]),
        (&["meetings"], &[]),
        (&["meeting", "show"], &["/issues_solved", "/todos_made"]),
        (&["check"], &[]),
        (&["diff", "HEAD~1"], &["/changes"]),
        (&["log", "new-leads"], &[]),
        (&["report", "--html", "q.html"], &["/rocks", "/scorecard"]),
    ];
    for (args, lists) in cases {
        let mut full = vec!["--json"];
        full.extend_from_slice(args);
        let out = t.ok(&full);
        let json: serde_json::Value = serde_json::from_str(&out)
            .unwrap_or_else(|e| panic!("pulse {args:?}: not JSON ({e}):\n{out}"));
        for pointer in lists {
            let list = json
                .pointer(pointer)
                .and_then(|v| v.as_array())
                .unwrap_or_else(|| panic!("pulse {args:?}: no list at `{pointer}`:\n{out}"));
            assert!(
                list.iter().all(|item| item.get("id").is_some()),
                "pulse {args:?}: an item of `{pointer}` has no id"
            );
            assert!(!list.is_empty(), "pulse {args:?}: `{pointer}` is empty");
        }
    }
    let log: serde_json::Value =
        serde_json::from_str(&t.ok(&["--json", "log", "new-leads"])).unwrap();
    assert_eq!(log["item"]["id"], "new-leads");
    assert!(log["entries"][0]["changes"][0]["id"] == "new-leads");
    // Dates are ISO strings.
    let todos: serde_json::Value = serde_json::from_str(&t.ok(&["--json", "todos"])).unwrap();
    assert!(todos[0]["due"].as_str().unwrap().len() == 10);
}

/// `pulse todos > /dev/full` exited 0: a failed write to stdout other than
/// a closed pipe is an error.
#[test]
fn a_full_stdout_is_an_error_not_a_success() {
    let t = TestCompany::new();
    t.ok(&["todo", "add", "Call Acme", "--owner", "amy"]);
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = t.pulse_std().arg("todos").stdout(full).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error: cannot write to standard output"),
        "{err}"
    );
    // A reader that stops early is no failure.
    let mut child = t
        .pulse_std()
        .arg("todos")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    assert!(status.success() || status.code() == Some(0));
}

/// A company file that cannot be read is a broken company (exit 2), the
/// same on every path that reads it.
#[test]
fn an_unreadable_company_file_exits_2() {
    let t = TestCompany::new();
    std::fs::create_dir(t.path().join("todos.toml")).unwrap();
    for args in [
        &["todos"][..],
        &["agenda"],
        &["todo", "add", "X", "--owner", "amy"],
    ] {
        let err = t.fails(args, 2);
        assert!(
            err.contains("cannot read") && err.contains("todos.toml"),
            "{err}"
        );
    }
}
