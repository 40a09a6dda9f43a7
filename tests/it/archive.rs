//! `pulse archive` (SPEC §10): finished items of past quarters move to
//! `archive/<quarter>/`, and every history command still sees them.

use crate::common::TestCompany;

const TODOS: &str = "# Our to-dos.
# One [[todo]] per item.

[[todo]]
id = \"call-acme\"
title = \"Call Acme\"
owner = \"amy\"
created = 2026-09-01
due = 2026-09-08
done = 2026-09-05
x-source = \"crm\"          # a key pulse does not know

# Waiting on legal.
[[todo]]
id = \"sign-lease\"
title = \"Sign the lease\"
owner = \"ian\"
created = 2026-09-20
due = 2026-09-27
done = 2026-10-02

[[todo]]
id = \"follow-up\"
title = \"Follow up on churn\"
owner = \"amy\"
created = 2026-09-25
due = 2026-10-02
issue = \"churn\"
";

const ISSUES: &str = "# Issues.

[[issue]]
id = \"churn\"
title = \"Churn doubled\"
owner = \"amy\"
term = \"short\"
created = 2026-09-01
status = \"solved\"
solved = 2026-09-10
resolution = \"Call the top ten\"

[[issue]]
id = \"pricing\"
title = \"Pricing page is confusing\"
owner = \"zoe\"
term = \"short\"
created = 2026-08-01
status = \"dropped\"
solved = 2026-08-20
";

fn company() -> TestCompany {
    let t = TestCompany::new().with_today("2026-11-27");
    t.commit_file("todos.toml", TODOS);
    t.commit_file("issues.toml", ISSUES);
    t
}

#[test]
fn archive_moves_finished_items_by_quarter_in_one_commit() {
    let t = company();
    let out = t.ok(&["archive"]);
    assert!(out.contains("Archived 1 to-do and 1 issue"), "{out}");
    assert_eq!(t.log()[0], "archive: 1 to-do and 1 issue before 2026-Q4");
    assert!(t.clean());
    // The to-do done in Q3 moved with its unknown key and comment; the one
    // done in Q4 stays; the header stays on top of the live list.
    let archived = t.read("archive/2026-Q3/todos.toml");
    assert!(archived.contains("id = \"call-acme\""), "{archived}");
    assert!(archived.contains("x-source = \"crm\"          # a key pulse does not know"));
    let live = t.read("todos.toml");
    assert!(
        live.starts_with("# Our to-dos.\n# One [[todo]] per item.\n"),
        "{live}"
    );
    assert!(!live.contains("call-acme"));
    assert!(
        live.contains("# Waiting on legal.\n[[todo]]\nid = \"sign-lease\""),
        "{live}"
    );
    // The solved issue that an open to-do points at stays live; the
    // dropped one goes to the quarter of its `solved` date.
    assert!(t.read("issues.toml").contains("id = \"churn\""));
    assert!(
        t.read("archive/2026-Q3/issues.toml")
            .contains("id = \"pricing\"")
    );
    // Archiving twice moves nothing and commits nothing.
    let before = t.log().len();
    assert!(t.ok(&["archive"]).contains("Nothing to archive"));
    assert_eq!(t.log().len(), before);
    t.ok(&["check"]);
}

#[test]
fn archive_before_a_quarter_and_json() {
    let t = company();
    let out = t.ok(&["--json", "archive", "--before", "2026-Q3"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["issues"]["2026-Q3"], serde_json::json!(null));
    assert!(!t.path().join("archive/2026-Q3").exists());
    let err = t.fails(&["archive", "--before", "2026-Q5"], 1);
    assert!(err.contains("YYYY-Qn") || err.contains("quarter"), "{err}");
}

#[test]
fn history_commands_read_the_archive() {
    let t = company();
    t.ok(&["archive"]);
    let all = t.ok(&["todos", "--all"]);
    assert!(all.contains("Call Acme"), "{all}");
    assert!(!t.ok(&["todos"]).contains("Call Acme"));
    assert!(t.ok(&["issues", "--all"]).contains("Pricing page"));
    // A move to the archive is not a removal.
    let diff = t.ok(&["diff", "HEAD~1"]);
    assert!(!diff.contains("removed"), "{diff}");
    // An item's history follows it into the archive.
    let log = t.ok(&["log", "call-acme"]);
    assert!(log.contains("Call Acme"), "{log}");
    // New ids avoid archived ones.
    let out = t.ok(&["--json", "issue", "add", "Pricing page is confusing"]);
    let issue: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(issue["id"], "pricing-page-is-confusing");
    let out = t.ok(&["--json", "todo", "add", "Call Acme", "--owner", "amy"]);
    let todo: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(todo["id"], "call-acme-2");
    let export = tempfile::TempDir::new().unwrap();
    t.ok(&[
        "export",
        "--format",
        "json",
        export.path().to_str().unwrap(),
    ]);
    let exported = std::fs::read_to_string(export.path().join("todos.json")).unwrap();
    assert!(exported.contains("call-acme"), "{exported}");
}

#[test]
fn reopen_brings_an_archived_item_back() {
    let t = company();
    t.ok(&["archive"]);
    t.ok(&["todo", "reopen", "call-acme"]);
    assert!(!t.read("archive/2026-Q3/todos.toml").contains("call-acme"));
    let live = t.read("todos.toml");
    assert!(
        live.contains("id = \"call-acme\"") && live.contains("x-source"),
        "{live}"
    );
    assert!(t.ok(&["todos"]).contains("Call Acme"));
    t.ok(&["issue", "reopen", "pricing"]);
    assert!(t.read("issues.toml").contains("id = \"pricing\""));
    assert!(t.clean());
    t.ok(&["check"]);
    let err = t.fails(&["todo", "reopen", "follow-up"], 1);
    assert!(err.contains("not done"), "{err}");
}

/// A crash between writing the archive file and the live list leaves the
/// item in both: `check` names it, the next `archive` takes the live copy away.
#[test]
fn a_copy_left_by_a_crash_is_removed_by_the_next_archive() {
    let t = company();
    t.ok(&["archive"]);
    t.commit_file("todos.toml", TODOS);
    let out = t.pulse().arg("check").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("also used in todos.toml"), "{stdout}");
    t.ok(&["archive"]);
    let archived = t.read("archive/2026-Q3/todos.toml");
    assert_eq!(
        archived.matches("id = \"call-acme\"").count(),
        1,
        "{archived}"
    );
    assert!(!t.read("todos.toml").contains("call-acme"));
    t.ok(&["check"]);
}

#[test]
fn quarter_close_archives_the_closed_quarter() {
    let t = company().with_today("2026-10-02");
    t.commit_file(
        "rocks/2026-Q3.toml",
        "[[rock]]\nid = \"ship\"\ntitle = \"Ship it\"\nowner = \"ian\"\nstatus = \"off-track\"\n",
    );
    let out = t.ok(&["quarter", "close", "2026-Q3", "--roll", "ship"]);
    assert!(out.contains("Archived 2 finished items"), "{out}");
    assert!(
        t.log()[0].contains("archived 1 to-do and 1 issue"),
        "{}",
        t.log()[0]
    );
    assert!(t.read("archive/2026-Q3/todos.toml").contains("call-acme"));
}
