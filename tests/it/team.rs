//! Team use (SPEC §6): a bare hub and clones of a company made by `pulse
//! init`; `pulse setup`, `pulse sync`, and writes refused mid-rebase; a busy
//! week in three clones merged by `pulse sync` with the merge driver on.
//! (The driver's own rules are tested in `merge.rs` and the unit tests.)

use crate::common::{TestCompany, hermetic};
use std::path::Path;
use std::process::Output;

/// A shared hub (a bare repository) and the first clone, `a`, which made the
/// company with `pulse init`, gave it a roster and pushed it.
struct Team {
    hub: tempfile::TempDir,
    a: TestCompany,
}

impl Team {
    fn new() -> Team {
        let hub = tempfile::TempDir::new().unwrap();
        let a = TestCompany::bare();
        a.git(&["init", "-q", "--bare", path(hub.path())]);
        a.ok(&["init", "--name", "Acme"]);
        a.ok(&["person", "add", "amy", "--name", "Amy Ng"]);
        a.ok(&["person", "add", "ian", "--name", "Ian Lee"]);
        a.git(&["remote", "add", "origin", path(hub.path())]);
        a.git(&["push", "-q", "-u", "origin", "HEAD"]);
        Team { hub, a }
    }

    /// A fresh clone of the hub: no pulse config in it.
    fn clone(&self) -> TestCompany {
        let b = TestCompany::bare();
        b.git(&["clone", "-q", path(self.hub.path()), "."]);
        b
    }

    /// The subjects of the hub's commits on the branch, newest first.
    fn hub_log(&self) -> Vec<String> {
        self.a
            .git(&[
                "--git-dir",
                path(self.hub.path()),
                "log",
                "--format=%s",
                &branch(&self.a),
            ])
            .lines()
            .map(String::from)
            .collect()
    }
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn branch(t: &TestCompany) -> String {
    t.git(&["symbolic-ref", "--short", "HEAD"])
        .trim()
        .to_string()
}

/// Runs pulse; the whole output, whatever the exit code.
fn run(t: &TestCompany, args: &[&str]) -> Output {
    t.pulse().args(args).output().unwrap()
}

/// Runs git where it may fail (a rebase that stops on a conflict).
fn try_git(t: &TestCompany, args: &[&str]) -> Output {
    let mut cmd = std::process::Command::new("git");
    hermetic(&mut cmd, t.path());
    cmd.current_dir(t.path()).args(args).output().unwrap()
}

fn driver(t: &TestCompany) -> Option<String> {
    let out = try_git(t, &["config", "--local", "--get", "merge.pulse.driver"]);
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

const PROCESS: &str = "processes/customer-onboarding.md";

/// Replaces line `n` (from 1) of a file.
fn edit_line(t: &TestCompany, rel: &str, n: usize, text: &str) {
    let mut lines: Vec<String> = t.read(rel).lines().map(String::from).collect();
    lines[n - 1] = text.to_string();
    t.write(rel, &(lines.join("\n") + "\n"));
}

#[test]
fn init_registers_the_driver_and_commits_the_attributes() {
    let team = Team::new();
    let a = &team.a;
    let command = driver(a).expect("init registers the driver");
    let binary = assert_cmd::cargo::cargo_bin!("pulse");
    assert_eq!(
        command,
        format!("'{}' merge-driver %O %A %B %P", binary.display())
    );
    let first = a.git(&["show", "--name-only", "--format=%s", "HEAD~2"]);
    assert!(
        first.starts_with("init: start Acme") && first.contains(".gitattributes"),
        "{first}"
    );
    for file in [
        "company.toml",
        "todos.toml",
        "scorecard.csv",
        "rocks/2026-Q4.toml",
    ] {
        let attr = a.git(&["check-attr", "merge", "--", file]);
        assert!(attr.ends_with("merge: pulse\n"), "{attr}");
    }
    let check = a.ok(&["check"]);
    assert!(!check.contains("merge driver"), "{check}");
}

#[test]
fn setup_replaces_the_union_line_once_and_then_has_nothing_to_do() {
    let t = TestCompany::new();
    t.commit_file(
        ".gitattributes",
        "# ours\n*.png binary\n# Two people recording numbers in the same week merge cleanly.\nscorecard.csv merge=union\n",
    );
    t.git(&["config", "--local", "--remove-section", "merge.pulse"]);
    let commits = t.log().len();

    let out = t.ok(&["setup"]);
    assert!(
        out.contains("Registered pulse's merge driver in this clone"),
        "{out}"
    );
    assert!(
        out.contains("in place of `scorecard.csv merge=union`); committed."),
        "{out}"
    );
    assert_eq!(
        t.log()[0],
        "setup: route company files to pulse's merge driver"
    );
    assert_eq!(t.log().len(), commits + 1);
    assert!(t.clean());
    let attributes = t.read(".gitattributes");
    assert!(
        attributes.starts_with("# ours\n*.png binary\n\n# pulse: begin\n"),
        "{attributes}"
    );
    assert!(
        !attributes.contains("union") && !attributes.contains("Two people"),
        "{attributes}"
    );
    let attr = t.git(&["check-attr", "merge", "--", "scorecard.csv"]);
    assert_eq!(attr, "scorecard.csv: merge: pulse\n");
    assert!(driver(&t).is_some());

    let again = t.ok(&["setup"]);
    assert!(again.starts_with("All set:"), "{again}");
    assert_eq!(t.log().len(), commits + 1, "nothing more to commit");
    assert_eq!(t.read(".gitattributes"), attributes);

    let json: serde_json::Value = serde_json::from_str(&t.ok(&["--json", "setup"])).unwrap();
    assert_eq!(json["registration"], "unchanged");
    assert_eq!(json["wrote_gitattributes"], false);
}

#[test]
fn setup_routes_a_data_folder_whose_name_has_blanks_and_brackets() {
    let t = TestCompany::new();
    let company = t.read("company.toml");
    t.write("company.toml", &format!("data = \"co [1]\"\n{company}"));
    t.write("co [1]/todos.toml", "");
    t.git(&["add", "-A"]);
    t.git(&["commit", "-q", "-m", "data folder"]);
    t.ok(&["setup"]);
    let attrs = t.git(&[
        "check-attr",
        "merge",
        "--",
        "company.toml",
        "co [1]/todos.toml",
        "co [1]/teams/sales/team.toml",
        "co [1]/archive/2026-Q3/issues.toml",
        "co 1/todos.toml",
    ]);
    assert_eq!(
        attrs,
        "company.toml: merge: pulse\nco [1]/todos.toml: merge: pulse\nco [1]/teams/sales/team.toml: merge: pulse\nco [1]/archive/2026-Q3/issues.toml: merge: pulse\nco 1/todos.toml: merge: unspecified\n"
    );
    let check = t.ok(&["check"]);
    assert!(!check.contains(".gitattributes"), "{check}");
}

#[test]
fn setup_and_sync_need_git() {
    let t = TestCompany::bare();
    t.ok(&["init", "--no-commit"]);
    let err = t.fails(&["setup"], 1);
    assert!(err.contains("is not in a git repository"), "{err}");
    let err = t.fails(&["sync"], 1);
    assert!(
        err.contains("this company is not in a git repository"),
        "{err}"
    );
    let check = t.ok(&["check"]);
    assert!(!check.contains("merge driver"), "{check}");
}

#[test]
fn check_warns_until_the_clone_is_set_up() {
    let team = Team::new();
    let b = team.clone();
    let check = b.ok(&["check"]);
    assert!(
        check
            .contains("warning: .git/config: pulse's merge driver is not registered in this clone")
            && check.contains("run `pulse setup`"),
        "{check}"
    );
    let out = b.ok(&["setup"]);
    assert!(out.contains("Registered pulse's merge driver"), "{out}");
    assert!(out.contains(".gitattributes already routed"), "{out}");
    assert!(!b.ok(&["check"]).contains("merge driver"));

    b.git(&[
        "config",
        "--local",
        "merge.pulse.driver",
        "'/gone/pulse' merge-driver %O %A %B %P",
    ]);
    let check = b.ok(&["check"]);
    assert!(
        check.contains("registered as '/gone/pulse', which no longer exists: run `pulse setup`"),
        "{check}"
    );
    b.ok(&["setup"]);
    assert!(!b.ok(&["check"]).contains("merge driver"));

    b.commit_file(".gitattributes", "scorecard.csv merge=union\n");
    let check = b.ok(&["check"]);
    assert!(
        check.contains("warning: .gitattributes: these company files do not merge with pulse's merge driver: company.toml, vision.toml,")
            && check.contains("scorecard.csv (merge=union)"),
        "{check}"
    );
}

#[test]
fn sync_registers_the_driver_pulls_in_words_and_pushes() {
    let team = Team::new();
    let (a, b) = (&team.a, team.clone());
    assert_eq!(driver(&b), None, "a clone has no config");

    b.ok(&["todo", "add", "Call the top ten", "--owner", "amy"]);
    let out = b.ok(&["sync"]);
    assert!(
        out.contains("Registered pulse's merge driver in this clone"),
        "{out}"
    );
    assert!(out.contains("Nothing came in from origin/"), "{out}");
    assert!(out.contains("Pushed 1 commit to origin/"), "{out}");
    assert!(driver(&b).is_some_and(|d| d.ends_with(" merge-driver %O %A %B %P")));
    assert_eq!(team.hub_log()[0], b.log()[0]);

    // a changes another file, then pulls b's to-do and pushes its rock.
    a.ok(&["rock", "add", "Open Frankfurt", "--owner", "ian"]);
    let out = a.ok(&["sync"]);
    assert!(
        out.contains("Came in from origin/") && out.contains(": 1 commit by Test Person"),
        "{out}"
    );
    assert!(
        out.contains("To-dos") && out.contains("Call the top ten"),
        "{out}"
    );
    assert!(out.contains("Pushed 1 commit to origin/"), "{out}");
    assert!(!out.contains("Registered"), "{out}");
    assert!(a.read("todos.toml").contains("Call the top ten"));
    let hub = team.hub_log();
    assert!(
        hub[0].starts_with("rock: add \"Open Frankfurt\""),
        "{hub:?}"
    );
    assert!(
        hub[1].starts_with("todo: add \"Call the top ten\""),
        "{hub:?}"
    );
    assert!(a.clean());

    // b pulls the rock, as JSON.
    let json: serde_json::Value = serde_json::from_str(&b.ok(&["--json", "sync"])).unwrap();
    assert_eq!(json["pulled"], 1);
    assert_eq!(json["pushed"], 0);
    let changes = json["incoming"]["changes"].as_array().unwrap();
    assert!(
        changes
            .iter()
            .any(|c| c["component"] == "rocks" && c["kind"] == "added"),
        "{json}"
    );

    let out = b.ok(&["sync"]);
    assert!(
        out.contains("Nothing came in") && out.contains("Nothing to push."),
        "{out}"
    );
}

#[test]
fn sync_refuses_uncommitted_changes_to_company_files() {
    let team = Team::new();
    let a = &team.a;
    a.commit_file("notes.txt", "one\n");
    a.ok(&["sync"]);
    let b = team.clone();
    b.ok(&["issue", "add", "Billing is slow"]);
    b.ok(&["sync"]);

    a.ok(&["todo", "add", "Committed", "--owner", "amy"]);
    let todos = a.read("todos.toml");
    a.write("todos.toml", &format!("{todos}# a note\n"));
    let err = a.fails(&["sync"], 1);
    assert!(
        err.contains("error: uncommitted changes to company files: todos.toml;"),
        "{err}"
    );
    assert!(
        err.contains("git commit -m 'MESSAGE' -- 'todos.toml'"),
        "{err}"
    );
    assert!(
        team.hub_log()[0].starts_with("issue:"),
        "nothing was pushed"
    );
    // From elsewhere, the command goes to the company's folder first.
    let elsewhere = a
        .pulse()
        .current_dir(std::env::temp_dir())
        .args(["-C", path(a.path()), "sync"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&elsewhere.stderr);
    let cd = format!(
        "`cd '{}' && git commit -m 'MESSAGE' -- 'todos.toml'`",
        a.path().display()
    );
    assert!(err.contains(&cd), "{err}");
    assert!(
        !a.read("issues.toml").contains("Billing"),
        "nothing was pulled"
    );

    // A file that is not the company's is no obstacle: it is put aside for
    // the rebase and back after it.
    a.git(&["checkout", "-q", "--", "todos.toml"]);
    a.write("notes.txt", "two\n");
    let out = a.ok(&["sync"]);
    assert!(
        out.contains("Billing is slow") && out.contains("Pushed 1 commit"),
        "{out}"
    );
    assert_eq!(a.read("notes.txt"), "two\n");
    assert!(a.read("issues.toml").contains("Billing is slow"));
}

#[test]
fn sync_needs_a_remote_an_upstream_and_a_branch() {
    let t = TestCompany::new();
    let name = branch(&t);
    let err = t.fails(&["sync"], 1);
    assert!(err.contains("error: this clone has no remote"), "{err}");
    assert!(
        err.contains("git remote add origin URL")
            && err.contains(&format!("git push -u origin '{name}'")),
        "{err}"
    );

    let hub = tempfile::TempDir::new().unwrap();
    t.git(&["init", "-q", "--bare", path(hub.path())]);
    t.git(&["remote", "add", "origin", path(hub.path())]);
    let err = t.fails(&["sync"], 1);
    assert!(
        err.contains(&format!("error: branch '{name}' has no upstream")),
        "{err}"
    );
    assert!(
        err.contains(&format!("git push -u 'origin' '{name}'")),
        "{err}"
    );

    t.git(&["checkout", "-q", "--detach"]);
    let err = t.fails(&["sync"], 1);
    assert!(err.contains("error: HEAD is detached"), "{err}");
    assert!(err.contains("git switch BRANCH"), "{err}");
}

/// Two branches that change the same line of a file, and a rebase of one onto
/// the other, stopped by the conflict.
fn stopped_rebase(t: &TestCompany) {
    t.commit_file("notes.md", "first\n");
    t.git(&["checkout", "-q", "-b", "other"]);
    t.commit_file("notes.md", "from other\n");
    t.git(&["checkout", "-q", "-"]);
    t.commit_file("notes.md", "from main\n");
    t.git(&["checkout", "-q", "other"]);
    assert!(!try_git(t, &["rebase", "-q", "-"]).status.success());
}

#[test]
fn writes_and_sync_are_refused_while_a_rebase_is_in_progress() {
    let t = TestCompany::new();
    stopped_rebase(&t);
    let err = t.fails(&["todo", "add", "Not now", "--owner", "amy"], 1);
    assert!(
        err.starts_with("error: a rebase is in progress in this repository; pulse changes no file until it is finished"),
        "{err}"
    );
    assert!(
        err.contains("`git rebase --continue`") && err.contains("`git rebase --abort`"),
        "{err}"
    );
    assert!(!t.path().join("todos.toml").exists(), "nothing written");
    let err = t.fails(&["setup"], 1);
    assert!(err.contains("a rebase is in progress"), "{err}");
    let err = t.fails(&["sync"], 1);
    assert!(err.contains("a rebase is in progress"), "{err}");
    t.ok(&["todos"]);

    t.git(&["rebase", "--abort"]);
    t.ok(&["todo", "add", "Now", "--owner", "amy"]);
}

#[test]
fn writes_are_refused_while_a_merge_is_in_progress() {
    let t = TestCompany::new();
    t.commit_file("notes.md", "first\n");
    t.git(&["checkout", "-q", "-b", "other"]);
    t.commit_file("notes.md", "from other\n");
    t.git(&["checkout", "-q", "-"]);
    t.commit_file("notes.md", "from main\n");
    assert!(!try_git(&t, &["merge", "-q", "other"]).status.success());
    let err = t.fails(&["issue", "add", "Not now"], 1);
    assert!(err.contains("error: a merge is in progress"), "{err}");
    assert!(err.contains("`git merge --abort`"), "{err}");
}

#[test]
fn a_conflict_stops_sync_with_the_files_and_the_commands_that_finish_it() {
    let team = Team::new();
    let (a, b) = (&team.a, team.clone());
    let name = branch(a);
    edit_line(a, PROCESS, 8, "1. Call within a day");
    a.git(&["commit", "-q", "-am", "onboarding: call"]);
    a.ok(&["sync"]);
    edit_line(&b, PROCESS, 8, "1. Email within an hour");
    b.git(&["commit", "-q", "-am", "onboarding: email"]);

    let err = b.fails(&["sync"], 1);
    assert!(
        err.starts_with("error: pulse sync stopped: your commits and the team's conflict in 1 file:\n  processes/customer-onboarding.md:8\n"),
        "{err}"
    );
    for command in [
        "\n  pulse check\n",
        "\n  git add -- 'processes/customer-onboarding.md'\n",
        "\n  git rebase --continue\n",
        "\n  pulse sync",
        "git rebase --abort",
    ] {
        assert!(err.contains(command), "{command} missing:\n{err}");
    }
    // The local commit is kept: aborting gives it back.
    let err = b.fails(&["todo", "add", "Not now", "--owner", "amy"], 1);
    assert!(err.contains("a rebase is in progress"), "{err}");
    b.git(&["rebase", "--abort"]);
    assert_eq!(b.log()[0], "onboarding: email");

    // Finishing the job as the hints say.
    let upstream = b.git(&["show", &format!("origin/{name}:{PROCESS}")]);
    b.fails(&["sync"], 1);
    b.write(PROCESS, &upstream);
    edit_line(&b, PROCESS, 8, "1. Call within a day, email within an hour");
    b.ok(&["check"]);
    b.git(&["add", "--", PROCESS]);
    b.git(&["-c", "core.editor=true", "rebase", "--continue"]);
    let out = b.ok(&["sync"]);
    assert!(out.contains("Pushed 1 commit"), "{out}");
    let hub = team.hub_log();
    assert_eq!(&hub[..2], ["onboarding: email", "onboarding: call"]);
}

#[test]
fn an_unreachable_remote_exits_3_and_keeps_the_commits() {
    let team = Team::new();
    let a = &team.a;
    let gone = a.path().join("gone.git");
    a.git(&["remote", "set-url", "origin", path(&gone)]);
    a.ok(&["todo", "add", "Kept", "--owner", "amy"]);
    let err = a.fails(&["sync"], 3);
    assert!(
        err.starts_with("error: cannot fetch from 'origin': "),
        "{err}"
    );
    assert!(err.contains("your local commits are kept"), "{err}");
    assert!(a.log()[0].starts_with("todo: add \"Kept\""));
    assert!(a.clean());
}

#[test]
fn a_rejected_push_exits_3_after_saying_what_came_in() {
    let team = Team::new();
    let (a, b) = (&team.a, team.clone());
    b.ok(&["issue", "add", "Churn doubled"]);
    b.ok(&["sync"]);
    let hook = team.hub.path().join("hooks/pre-receive");
    std::fs::write(
        &hook,
        "#!/bin/sh\necho 'pushes are closed today' >&2\nexit 1\n",
    )
    .unwrap();
    let mut perms = std::fs::metadata(&hook).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&hook, perms).unwrap();

    a.ok(&["todo", "add", "Kept", "--owner", "amy"]);
    let out = run(a, &["sync"]);
    assert_eq!(out.status.code(), Some(3));
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(stdout.contains("Churn doubled"), "{stdout}");
    assert!(stderr.contains("error: the push to 'origin/"), "{stderr}");
    assert!(
        stderr.contains("your local commits (1) are kept here"),
        "{stderr}"
    );
    assert!(a.log()[0].starts_with("todo: add \"Kept\""));
    assert!(
        a.log()[1].starts_with("issue: raise"),
        "rebased onto what came in"
    );
}

/// A busy week in three clones, merged by `pulse sync` with the driver on:
/// adds on every side, different fields of one to-do changed in two clones,
/// a scorecard correction beside another record, an archive run beside an
/// add — no conflict, nothing lost, nothing twice, the same files everywhere.
#[test]
fn a_busy_week_in_three_clones_syncs_with_no_conflict() {
    let team = Team::new();
    let a = &team.a;
    a.ok(&[
        "scorecard",
        "add",
        "Weeks of cash",
        "--owner",
        "amy",
        "--goal",
        ">= 30",
    ]);
    a.ok(&[
        "scorecard",
        "add",
        "New leads",
        "--owner",
        "amy",
        "--goal",
        ">= 20",
    ]);
    a.ok(&["scorecard", "record", "weeks", "47", "--week", "2026-W47"]);
    a.ok(&["todo", "add", "Call the top ten", "--owner", "amy"]);
    a.ok(&["issue", "add", "Old issue", "--owner", "amy"]);
    a.ok(&["issue", "solve", "old", "--resolution", "Done"]);
    a.ok(&["sync"]);
    let (b, c) = (team.clone(), team.clone());
    b.ok(&["sync"]);
    c.ok(&["sync"]);

    // a: corrects the value, renames the to-do, adds a to-do and a rock.
    a.ok(&["scorecard", "record", "weeks", "50", "--week", "2026-W47"]);
    a.ok(&["todo", "edit", "call", "--title", "Call the top twenty"]);
    a.ok(&["todo", "add", "Renew the domain", "--owner", "ian"]);
    a.ok(&["rock", "add", "Open Frankfurt", "--owner", "ian"]);
    // b: records another measurable, marks the same to-do done, adds its own.
    b.ok(&["scorecard", "record", "new", "23", "--week", "2026-W47"]);
    b.ok(&["todo", "done", "call"]);
    b.ok(&["todo", "add", "Draft the price change", "--owner", "amy"]);
    b.ok(&["rock", "add", "Hire a VP Sales", "--owner", "amy"]);
    // c: raises an issue and archives last quarter's finished work (none
    // yet in this quarter: nothing moves) — and adds a to-do.
    c.ok(&["issue", "add", "Churn doubled", "--owner", "ian"]);
    c.ok(&["todo", "add", "Exit survey", "--owner", "ian"]);

    for clone in [a, &b, &c, a, &b] {
        let out = run(clone, &["sync"]);
        assert!(
            out.status.success(),
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for clone in [a, &b, &c] {
        let todos = clone.read("todos.toml");
        assert!(!todos.contains("<<<<<<<"), "{todos}");
        for title in [
            "Call the top twenty",
            "Renew the domain",
            "Draft the price change",
            "Exit survey",
        ] {
            assert_eq!(todos.matches(title).count(), 1, "{title}: {todos}");
        }
        // Different fields of one to-do: both changes kept.
        let json: serde_json::Value =
            serde_json::from_str(&clone.ok(&["--json", "todos", "--all"])).unwrap();
        let call = json
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == "call-the-top-ten")
            .unwrap()
            .clone();
        assert_eq!(call["title"], "Call the top twenty");
        assert!(call["done"].is_string(), "{call}");
        // The correction survives the other record.
        let csv = clone.read("scorecard.csv");
        assert!(csv.contains("2026-W47,weeks-of-cash,50,"), "{csv}");
        assert!(csv.contains("2026-W47,new-leads,23,"), "{csv}");
        assert!(!csv.contains(",47,"), "{csv}");
        assert!(clone.read("issues.toml").contains("Churn doubled"));
        let rocks = clone.ok(&["--json", "rocks"]);
        assert!(
            rocks.contains("Open Frankfurt") && rocks.contains("Hire a VP Sales"),
            "{rocks}"
        );
        clone.ok(&["check"]);
    }
    assert_eq!(a.read("todos.toml"), c.read("todos.toml"));
    assert_eq!(a.read("scorecard.csv"), b.read("scorecard.csv"));
}

/// One clone archives while another adds to the same lists.
#[test]
fn an_archive_run_beside_an_add_merges() {
    let team = Team::new();
    let a = &team.a;
    a.ok(&["todo", "add", "Old to-do", "--owner", "amy"]);
    a.ok(&["todo", "done", "old"]);
    a.ok(&["sync"]);
    // Next quarter: b archives while c adds.
    let b = team.clone().with_today("2027-01-12");
    let c = team.clone().with_today("2027-01-12");
    b.ok(&["archive"]);
    c.ok(&["todo", "add", "New to-do", "--owner", "ian"]);
    b.ok(&["sync"]);
    c.ok(&["sync"]);
    b.ok(&["sync"]);
    for clone in [&b, &c] {
        let todos = clone.read("todos.toml");
        assert!(
            todos.contains("New to-do") && !todos.contains("Old to-do"),
            "{todos}"
        );
        assert!(
            clone
                .read("archive/2026-Q4/todos.toml")
                .contains("Old to-do")
        );
        clone.ok(&["check"]);
    }
}

/// What one clone does in a property case.
#[derive(Debug, Clone)]
enum Op {
    Add(u8),
    Done(usize),
    Rename(usize),
}

fn op() -> impl proptest::strategy::Strategy<Value = Op> {
    use proptest::prelude::*;
    prop_oneof![
        (0u8..50).prop_map(Op::Add),
        (0usize..3).prop_map(Op::Done),
        (0usize..3).prop_map(Op::Rename),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config {
        cases: 6,
        failure_persistence: None,
        ..proptest::test_runner::Config::default()
    })]

    /// Random pulse operations in three clones, synced in a random order:
    /// every added to-do is there exactly once, every rename and every
    /// done mark survives, and all clones end with the same file — when no
    /// field was changed two ways (each clone renames only its own to-do).
    #[test]
    fn random_work_in_three_clones_merges_by_sync(
        work in proptest::collection::vec(proptest::collection::vec(op(), 0..4), 3),
        order in proptest::strategy::Strategy::prop_shuffle(proptest::strategy::Just(vec![0usize, 1, 2])),
    ) {
        let team = Team::new();
        for i in 0..3 {
            team.a.ok(&["todo", "add", &format!("Original {i}"), "--owner", "amy"]);
        }
        team.a.ok(&["sync"]);
        let clones: Vec<TestCompany> = (0..3).map(|_| team.clone()).collect();
        let mut added = Vec::new();
        let mut renamed: std::collections::BTreeMap<usize, String> = Default::default();
        let mut done: std::collections::BTreeSet<(usize, usize)> = Default::default();
        for (c, ops) in work.iter().enumerate() {
            let clone = &clones[c];
            clone.ok(&["sync"]);
            for op in ops {
                match op {
                    Op::Add(n) => {
                        let title = format!("Clone {c} task {n} {}", added.len());
                        clone.ok(&["todo", "add", &title, "--owner", "ian"]);
                        added.push(title);
                    }
                    Op::Done(i) => {
                        let i: usize = *i;
                        let out = run(clone, &["todo", "done", &format!("original-{i}")]);
                        if out.status.success() {
                            done.insert((c, i));
                        }
                    }
                    Op::Rename(i) => {
                        // Each clone renames only the original it owns (i == c),
                        // so no title is changed two ways.
                        let i: usize = *i;
                        if i == c && !renamed.contains_key(&i) {
                            let title = format!("Renamed by clone {c}");
                            clone.ok(&["todo", "edit", &format!("original-{i}"), "--title", &title]);
                            renamed.insert(i, title);
                        }
                    }
                }
            }
        }
        for &c in order.iter().chain(order.iter()) {
            let out = run(&clones[c], &["sync"]);
            proptest::prop_assert!(
                out.status.success(),
                "sync in clone {c}: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        // A last round so the first syncs also get the later pushes.
        for &c in order.iter() {
            run(&clones[c], &["sync"]);
        }
        let reference = clones[0].read("todos.toml");
        for clone in &clones {
            proptest::prop_assert_eq!(&clone.read("todos.toml"), &reference);
            let todos = clone.read("todos.toml");
            proptest::prop_assert!(!todos.contains("<<<<<<<"));
            for title in &added {
                proptest::prop_assert_eq!(todos.matches(title.as_str()).count(), 1, "{}", title);
            }
            let json: serde_json::Value =
                serde_json::from_str(&clone.ok(&["--json", "todos", "--all"])).unwrap();
            for i in 0..3 {
                let item = json
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|t| t["id"] == format!("original-{i}"))
                    .cloned()
                    .unwrap();
                if let Some(title) = renamed.get(&i) {
                    proptest::prop_assert_eq!(&item["title"], &serde_json::json!(title));
                }
                let marked = done.iter().any(|(_, ii)| *ii == i);
                proptest::prop_assert_eq!(item["done"].is_string(), marked, "{}", item);
            }
        }
    }
}
