//! EOS rules of issue #23 (items 2, 5, 13, 14): a closed quarter's rocks are
//! settled, the V/TO's Traction side and its strict checks, `vision edit`
//! keeps a draft when the file changed meanwhile, and JSON that says `null`
//! for what is absent.

use crate::common::TestCompany;

fn rock(id: &str, title: &str, owner: &str, extra: &str) -> String {
    format!("[[rock]]\nid = \"{id}\"\ntitle = \"{title}\"\nowner = \"{owner}\"\n{extra}\n")
}

/// stdout of `pulse check` with `args` (exit 0 or 1 allowed) and its code.
fn check(t: &TestCompany, args: &[&str]) -> (i32, String) {
    let out = t.pulse().arg("check").args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

// 2. Closing a quarter settles every rock.

#[test]
fn closing_a_quarter_settles_every_rock() {
    let t = TestCompany::new().with_today("2027-01-05");
    let q3 = [
        rock("ship", "Ship it", "ian", "status = \"done\""),
        rock("dc", "Open the DC", "amy", "status = \"off-track\""),
        rock(
            "nrr",
            "Net revenue retention",
            "ian",
            "status = \"on-track\"",
        ),
        rock("hire", "Hire two engineers", "zoe", "status = \"dropped\""),
    ]
    .join("\n");
    t.commit_file("rocks/2026-Q4.toml", &q3);
    // A partial close moves what it names and says what is left.
    let out = t.ok(&["quarter", "close", "2026-Q4", "--roll", "dc"]);
    assert!(out.contains("Still to decide (2): nrr, hire"), "{out}");
    let file = t.read("rocks/2026-Q4.toml");
    assert!(!file.contains("not-done"), "not settled yet: {file}");
    // The dropped rock needs a decision too; the rest becomes a to-do.
    let out = t.ok(&[
        "quarter",
        "close",
        "2026-Q4",
        "--to-todo",
        "nrr",
        "--to-issues",
        "hire",
    ]);
    assert!(out.contains("Settled: every rock of 2026-Q4"), "{out}");
    assert_eq!(
        t.log()[0],
        "quarter: close 2026-Q4 (0 rolled into 2027-Q1, 1 to the issues list, 1 to-do)"
    );
    let file = t.read("rocks/2026-Q4.toml");
    assert_eq!(file.matches("status = \"not-done\"").count(), 3, "{file}");
    assert_eq!(file.matches("status = \"done\"").count(), 1, "{file}");
    assert!(
        file.contains("todo = \"finish-the-rest-of-rock-net-revenue\""),
        "{file}"
    );
    let todos = t.read("todos.toml");
    assert!(
        todos.contains("Finish the rest of rock: Net revenue retention")
            && todos.contains("owner = \"ian\""),
        "{todos}"
    );
    // The closed quarter's table says what became of each rock.
    let table = t.ok(&["rocks", "--quarter", "2026-Q4"]);
    for word in [
        "done",
        "not done, rolled to 2027-Q1",
        "not done, to a to-do",
        "not done, to issues",
    ] {
        assert!(table.contains(word), "{word}: {table}");
    }
    assert!(
        !table.contains("on-track") && !table.contains("off-track"),
        "{table}"
    );
    assert!(table.contains("4 rocks: 1 done, 3 not done"), "{table}");
    let page = t.ok(&["report", "--quarter", "2026-Q4", "--html", "-"]);
    assert!(
        page.contains("not done, rolled to 2027-Q1"),
        "the report too"
    );
    // Closing again changes nothing; `not-done` is not a status to set.
    let commits = t.log().len();
    t.ok(&["quarter", "close", "2026-Q4", "--to-todo", "nrr"]);
    assert_eq!(t.log().len(), commits);
    let err = t.fails(
        &["rock", "set", "ship", "not-done", "--quarter", "2026-Q4"],
        1,
    );
    assert!(err.contains("not-done"), "{err}");
    let (code, out) = check(&t, &[]);
    assert_eq!(code, 0, "{out}");
    let json: serde_json::Value =
        serde_json::from_str(&t.ok(&["--json", "rocks", "--quarter", "2026-Q4"])).unwrap();
    assert_eq!(json[1]["rolled_to"], "2027-Q1");
    assert_eq!(json[0]["todo"], serde_json::Value::Null);
}

#[test]
fn closing_a_quarter_with_every_rock_decided_settles_an_old_file() {
    // Written before `not-done` existed: rolled and dropped to the issues
    // list while still off-track.
    let t = TestCompany::new().with_today("2027-01-05");
    t.commit_file(
        "rocks/2026-Q4.toml",
        &[
            rock(
                "a",
                "A",
                "ian",
                "status = \"off-track\"\nrolled_to = \"2027-Q1\"",
            ),
            rock(
                "b",
                "B",
                "amy",
                "status = \"on-track\"\nissue = \"rock-not-done-b\"",
            ),
        ]
        .join("\n"),
    );
    let table = t.ok(&["rocks", "--quarter", "2026-Q4"]);
    assert!(
        table.contains("not done, rolled to 2027-Q1") && table.contains("not done, to issues"),
        "{table}"
    );
    let out = t.ok(&["quarter", "close", "2026-Q4"]);
    assert!(out.contains("Settled"), "{out}");
    let file = t.read("rocks/2026-Q4.toml");
    assert_eq!(file.matches("status = \"not-done\"").count(), 2, "{file}");
}

#[test]
fn check_flags_a_rock_both_rolled_and_sent_to_issues() {
    let t = TestCompany::new();
    t.commit_file(
        "rocks/2026-Q3.toml",
        &rock(
            "twice",
            "Twice",
            "ian",
            "status = \"not-done\"\nrolled_to = \"2026-Q4\"\nissue = \"rock-not-done-twice\"",
        ),
    );
    let (code, out) = check(&t, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("rock `twice` says both rolled_to and issue"),
        "{out}"
    );
}

#[test]
fn a_rock_rolled_cannot_also_become_a_todo() {
    let t = TestCompany::new().with_today("2027-01-05");
    t.commit_file("rocks/2026-Q4.toml", &rock("dc", "DC", "amy", ""));
    let err = t.fails(
        &[
            "quarter",
            "close",
            "2026-Q4",
            "--roll",
            "dc",
            "--to-todo",
            "dc",
        ],
        1,
    );
    assert!(
        err.contains("cannot both roll over and become a to-do"),
        "{err}"
    );
    t.ok(&["quarter", "close", "2026-Q4", "--roll", "dc"]);
    let err = t.fails(&["quarter", "close", "2026-Q4", "--to-todo", "dc"], 1);
    assert!(
        err.contains("already rolled into 2027-Q1: it does not also become a to-do"),
        "{err}"
    );
}

// 5. The V/TO: the Traction side's Rocks block, and what `check --strict`
// says of the vision side.

#[test]
fn vto_rocks_block_holds_company_rocks_and_the_quarters_numbers() {
    let t = TestCompany::new();
    t.commit_file(
        "rocks/2026-Q4.toml",
        &[
            rock("dc", "Open the DC", "amy", "company = true"),
            rock("mine", "My own rock", "ian", ""),
        ]
        .join("\n"),
    );
    t.commit_file(
        "vision.toml",
        "[quarterly_rocks]\nrevenue = \"$3M\"\nprofit = \"$200k\"\nmeasurables = [\"450 customers\"]\n",
    );
    let page = t.ok(&["vision"]);
    let block = &page[page.find("Rocks for 2026-Q4").expect("rocks block")..];
    assert!(
        block.starts_with("Rocks for 2026-Q4 — 2026-12-31 ("),
        "{block}"
    );
    for line in [
        "Revenue: $3M",
        "Profit: $200k",
        "Measurables: 450 customers",
        "Open the DC (amy)",
    ] {
        assert!(block.contains(line), "{line}: {block}");
    }
    assert!(!page.contains("My own rock"), "{page}");
    let json: serde_json::Value = serde_json::from_str(&t.ok(&["--json", "vision"])).unwrap();
    assert_eq!(json["vision"]["quarterly_rocks"]["revenue"], "$3M");
    assert_eq!(json["rocks"].as_array().unwrap().len(), 1);
}

#[test]
fn check_strict_flags_a_vto_out_of_order() {
    let t = TestCompany::new().with_today("2026-01-05");
    t.commit_file(
        "vision.toml",
        &format!(
            "[ten_year_target]\ndate = 2027-12-31\ngoal = \"Big\"\n\n\
             [marketing_strategy]\nuniques = [\"a\", \"b\", \"c\", \"d\"]\nguarantee = \"\"\n\n\
             [three_year_picture]\ndate = 2028-12-31\n\n\
             [one_year_plan]\ndate = 2029-12-31\ngoals = [{}]\n",
            (1..=11)
                .map(|i| format!("\"goal {i}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    );
    let (code, out) = check(&t, &[]);
    assert_eq!(code, 0, "warnings only: {out}");
    let (code, out) = check(&t, &["--strict"]);
    assert_eq!(code, 1, "{out}");
    for said in [
        "[ten_year_target] date 2027-12-31 is not after the 3-year picture's 2028-12-31",
        "[three_year_picture] date 2028-12-31 is before the 1-year plan's 2029-12-31",
        "[marketing_strategy] guarantee is empty",
        "[marketing_strategy] 4 uniques: EOS asks for 3",
        "[one_year_plan] 11 goals: EOS keeps 3 to 7 for the year",
    ] {
        assert!(out.contains(said), "{said}: {out}");
    }
}

// 13. `vision edit` keeps the draft when the file changed meanwhile.

#[test]
fn vision_edit_keeps_the_draft_when_the_file_changed_meanwhile() {
    use std::os::unix::fs::PermissionsExt;
    let t = TestCompany::new();
    t.commit_file("vision.toml", "[core_focus]\nniche = \"Bare metal\"\n");
    let commits = t.log().len();
    // An editor that writes the draft while someone else changes the file.
    let dir = tempfile::tempdir().unwrap();
    let editor = dir.path().join("editor");
    let theirs = "[core_focus]\nniche = \"Bare metal\"\npurpose = \"Theirs\"\n";
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\nprintf '[core_focus]\\nniche = \"Ours\"\\n' > \"$1\"\nprintf '{}' > '{}'\n",
            theirs.replace('\n', "\\n"),
            t.path().join("vision.toml").display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = t
        .pulse()
        .args(["vision", "edit"])
        .env("VISUAL", &editor)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        stderr.contains("vision.toml changed while you were editing it; nothing was written"),
        "{stderr}"
    );
    let kept = stderr
        .lines()
        .find_map(|l| l.split("your draft is kept in ").nth(1))
        .expect("the draft's path")
        .trim()
        .to_string();
    assert_eq!(
        std::fs::read_to_string(&kept).unwrap(),
        "[core_focus]\nniche = \"Ours\"\n"
    );
    assert!(stderr.contains("git merge-file"), "{stderr}");
    assert!(
        stderr.contains(&format!("pulse vision edit --from '{kept}'")),
        "{stderr}"
    );
    assert_eq!(t.read("vision.toml"), theirs);
    assert_eq!(t.log().len(), commits);
    t.git(&["commit", "-qam", "their change"]);
    // Going on from the kept draft saves it (an editor that changes nothing).
    let out = t
        .pulse()
        .args(["vision", "edit", "--from", &kept])
        .env("VISUAL", "true")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(t.read("vision.toml"), "[core_focus]\nniche = \"Ours\"\n");
    assert_eq!(t.log()[0], "vision: edit core_focus", "{out:?}");
    let _ = std::fs::remove_file(&kept);
}

// 14. JSON: what is absent is `null`, rocks say where they came from and
// went, processes carry their text, and the report's data without a page.

/// Every string value in a JSON document, with its path.
fn empty_strings(v: &serde_json::Value, path: &str, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) if s.is_empty() => out.push(path.to_string()),
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                empty_strings(item, &format!("{path}[{i}]"), out);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, item) in map {
                empty_strings(item, &format!("{path}.{k}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn json_says_null_for_what_is_absent() {
    let t = TestCompany::new();
    t.commit_file(
        "rocks/2026-Q4.toml",
        "[[rock]]\nid = \"r\"\ntitle = \"R\"\n",
    );
    t.commit_file("issues.toml", "[[issue]]\nid = \"i\"\ntitle = \"I\"\n");
    t.commit_file("todos.toml", "[[todo]]\nid = \"t\"\ntitle = \"T\"\n");
    t.commit_file(
        "scorecard.toml",
        "[[measurable]]\nid = \"m\"\ngoal = \">= 1\"\n",
    );
    t.commit_file(
        "scorecard.csv",
        "week,measurable,value,note\n2026-W46,m,3,\n",
    );
    t.commit_file(
        "vision.toml",
        "[ten_year_target]\ngoal = \"x\"\n[core_focus]\n[marketing_strategy]\n[three_year_picture]\n[one_year_plan]\n[quarterly_rocks]\n",
    );
    t.commit_file(
        "meetings/2026-11-19.toml",
        "kind = \"l10\"\ndate = 2026-11-19\nheadlines = [ { text = \"h\" } ]\nratings = { amy = 8 }\n",
    );
    for args in [
        &["rocks"][..],
        &["issues", "--all"],
        &["todos", "--all"],
        &["scorecard"],
        &["vision"],
        &["status"],
        &["agenda"],
        &["agenda", "--quarterly"],
        &["meeting", "show", "2026-11-19"],
        &["report"],
        &["processes"],
        &["seats"],
        &["diff"],
    ] {
        let mut cmd = vec!["--json"];
        cmd.extend_from_slice(args);
        let text = t.ok(&cmd);
        let json: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{args:?}: {e}\n{text}"));
        let mut found = Vec::new();
        empty_strings(&json, "", &mut found);
        assert!(found.is_empty(), "{args:?}: \"\" at {found:?}\n{text}");
    }
    let rocks: serde_json::Value = serde_json::from_str(&t.ok(&["--json", "rocks"])).unwrap();
    for key in ["owner", "rolled_from", "rolled_to", "issue", "todo", "due"] {
        assert_eq!(rocks[0][key], serde_json::Value::Null, "{key}: {rocks}");
    }
}

#[test]
fn json_rocks_carry_rolled_to_rolled_from_and_issue() {
    let t = TestCompany::new().with_today("2027-01-05");
    t.commit_file(
        "rocks/2026-Q4.toml",
        &[rock("dc", "DC", "amy", ""), rock("nrr", "NRR", "ian", "")].join("\n"),
    );
    t.ok(&[
        "quarter",
        "close",
        "2026-Q4",
        "--roll",
        "dc",
        "--to-issues",
        "nrr",
    ]);
    let old: serde_json::Value =
        serde_json::from_str(&t.ok(&["--json", "rocks", "--quarter", "2026-Q4"])).unwrap();
    assert_eq!(old[0]["rolled_to"], "2027-Q1");
    assert_eq!(old[0]["status"], "not-done");
    assert_eq!(old[1]["issue"], "rock-not-done-in-2026-q4-nrr");
    let new: serde_json::Value = serde_json::from_str(&t.ok(&["--json", "rocks"])).unwrap();
    assert_eq!(new[0]["rolled_from"], "2026-Q4");
    let status: serde_json::Value = serde_json::from_str(&t.ok(&["--json", "status"])).unwrap();
    assert_eq!(status["rocks"][0]["rolled_from"], "2026-Q4");
}

#[test]
fn json_processes_carry_their_body() {
    let t = TestCompany::new();
    t.ok(&["process", "add", "Customer onboarding", "--owner", "amy"]);
    let added: serde_json::Value =
        serde_json::from_str(&t.ok(&["--json", "process", "set", "customer", "documented"]))
            .unwrap();
    assert!(
        added["body"]
            .as_str()
            .unwrap()
            .contains("Customer onboarding")
    );
    t.write(
        "processes/customer-onboarding.md",
        "+++\nname = \"Customer onboarding\"\nstatus = \"documented\"\n+++\n1. Call them.\n",
    );
    let list: serde_json::Value = serde_json::from_str(&t.ok(&["--json", "processes"])).unwrap();
    assert_eq!(list[0]["body"], "1. Call them.\n");
    assert_eq!(list[0]["owner"], serde_json::Value::Null);
}

#[test]
fn json_report_prints_the_data_without_html() {
    let t = TestCompany::demo();
    let json: serde_json::Value = serde_json::from_str(&t.ok(&["--json", "report"])).unwrap();
    assert_eq!(json["quarter"], "2026-Q4");
    assert!(json["rocks"].as_array().unwrap().len() > 1, "{json}");
    assert!(!t.path().join("report.html").exists());
    let err = t.fails(&["report"], 1);
    assert!(
        err.contains("pulse report needs --html FILE (`-` for standard output), or --json"),
        "{err}"
    );
}

#[test]
fn a_rock_with_no_owner_cannot_become_a_todo() {
    let t = TestCompany::new().with_today("2027-01-05");
    t.commit_file(
        "rocks/2026-Q4.toml",
        "[[rock]]\nid = \"dc\"\ntitle = \"DC\"\n",
    );
    let err = t.fails(&["quarter", "close", "2026-Q4", "--to-todo", "dc"], 1);
    assert!(err.contains("rock `dc` cannot become a to-do"), "{err}");
    assert!(
        err.contains("pulse rock edit dc --owner H --quarter 2026-Q4"),
        "{err}"
    );
    assert!(t.clean());
}

/// Found by a new user: a quarter closed in its last weeks showed a bare
/// `not-done` and a summary that left the rocks not done out.
#[test]
fn a_quarter_closed_before_its_end_reads_as_closed() {
    let t = TestCompany::new().with_today("2026-12-20");
    let q4 = [
        rock("ship", "Ship it", "ian", "status = \"done\""),
        rock("dc", "Open the DC", "amy", "status = \"off-track\""),
    ]
    .join("\n");
    t.commit_file("rocks/2026-Q4.toml", &q4);
    t.ok(&["quarter", "close", "2026-Q4", "--to-issues", "dc"]);
    let out = t.ok(&["rocks"]);
    assert!(out.contains("not done, to issues"), "{out}");
    assert!(out.contains("2 rocks: 1 done, 1 not done"), "{out}");
}

/// Found by a new user: a quarter closed with eleven days to run archived
/// its finished to-dos, which then left the live list before the quarter
/// ended. Only past quarters are archived.
#[test]
fn closing_a_quarter_before_its_end_archives_only_past_quarters() {
    let t = TestCompany::new().with_today("2026-12-20");
    t.commit_file(
        "rocks/2026-Q4.toml",
        &rock("dc", "Open the DC", "amy", "status = \"off-track\""),
    );
    t.commit_file(
        "todos.toml",
        "[[todo]]\nid = \"old\"\ntitle = \"Old\"\nowner = \"amy\"\ncreated = 2026-09-01\ndone = 2026-09-10\n\n[[todo]]\nid = \"recent\"\ntitle = \"Recent\"\nowner = \"amy\"\ncreated = 2026-12-01\ndone = 2026-12-03\n",
    );
    t.ok(&["quarter", "close", "2026-Q4", "--to-issues", "dc"]);
    let live = t.read("todos.toml");
    assert!(live.contains("id = \"recent\""), "{live}");
    assert!(!live.contains("id = \"old\""), "{live}");
    assert!(
        t.read("archive/2026-Q3/todos.toml")
            .contains("id = \"old\"")
    );
}
