//! Everyday completeness (issue 18): edit, remove and fix every kind of
//! item; the roster, seats and processes; past meetings; completions that
//! know the company. Each verb: its happy path, its refusals, the hand
//! edits it keeps, one commit with a message that says what changed, and
//! its JSON.

use crate::common::TestCompany;
use serde_json::Value;

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// A fresh company with one rock, hand-edited: a comment and a key pulse
/// does not know, which every edit must keep.
fn with_a_rock() -> TestCompany {
    let t = TestCompany::new();
    t.ok(&["rock", "add", "Hire three engineers", "--owner", "zoe"]);
    let text = t.read("rocks/2026-Q4.toml").replace(
        "owner = \"zoe\"",
        "owner = \"zoe\"   # she asked for it\nx-budget = 300000",
    );
    t.commit_file("rocks/2026-Q4.toml", &format!("# Our rocks\n{text}"));
    t
}

#[test]
fn rock_edit_changes_what_is_given_and_keeps_hand_edits() {
    let t = with_a_rock();
    let out = t.ok(&[
        "--json",
        "rock",
        "edit",
        "hire",
        "--owner",
        "ian",
        "--due",
        "2026-12-15",
    ]);
    let rock = json(&out);
    assert_eq!(rock["id"], "hire-three-engineers");
    assert_eq!(rock["owner"], "ian");
    assert_eq!(rock["due"], "2026-12-15");
    assert_eq!(rock["quarter"], "2026-Q4");
    assert_eq!(
        t.log()[0],
        "rock: edit \"Hire three engineers\" (owner zoe → ian, due 2026-12-15)"
    );
    let file = t.read("rocks/2026-Q4.toml");
    assert!(file.starts_with("# Our rocks\n"), "{file}");
    assert!(
        file.contains("owner = \"ian\"   # she asked for it"),
        "{file}"
    );
    assert!(file.contains("x-budget = 300000"), "{file}");

    // A new title keeps the id; --company and --individual flip the kind.
    t.ok(&[
        "rock",
        "edit",
        "hire",
        "--title",
        "Hire four engineers",
        "--company",
    ]);
    assert_eq!(
        t.log()[0],
        "rock: edit \"Hire three engineers\" (title \"Hire four engineers\", company)"
    );
    let rocks = json(&t.ok(&["--json", "rocks"]));
    assert_eq!(rocks[0]["id"], "hire-three-engineers");
    assert_eq!(rocks[0]["title"], "Hire four engineers");
    assert_eq!(rocks[0]["company"], true);
    assert_eq!(t.log().len(), 5, "one commit per command: {:?}", t.log());
    assert!(t.clean());
}

#[test]
fn rock_edit_refuses_nothing_to_change_bad_values_and_unknown_ids() {
    let t = with_a_rock();
    let before = t.read("rocks/2026-Q4.toml");
    let err = t.fails(&["rock", "edit", "hire"], 1);
    assert!(
        err.contains("nothing to change: give --title, --owner, --due, --company or --individual"),
        "{err}"
    );
    let err = t.fails(&["rock", "edit", "hire", "--owner", "zoe"], 1);
    assert!(err.contains("nothing to change"), "{err}");
    let err = t.fails(&["rock", "edit", "hire", "--due", "2026-13-01"], 1);
    assert!(err.contains("--due"), "{err}");
    let err = t.fails(&["rock", "edit", "hire", "--owner", "bob"], 1);
    assert!(err.contains("unknown person `bob`"), "{err}");
    let err = t.fails(&["rock", "edit", "hire", "--title", "  "], 1);
    assert!(err.contains("must not be empty"), "{err}");
    let err = t.fails(&["rock", "edit", "nothing-like-it", "--owner", "ian"], 1);
    assert!(err.contains("unknown rock `nothing-like-it`"), "{err}");
    t.fails(&["rock", "edit", "hire", "--company", "--individual"], 1);
    assert_eq!(t.read("rocks/2026-Q4.toml"), before);
    assert!(t.clean());
}

#[test]
fn rock_remove_takes_the_rock_and_its_comment_only() {
    let t = with_a_rock();
    t.ok(&["rock", "add", "Open Frankfurt", "--owner", "ian"]);
    let out = t.ok(&["--json", "rock", "remove", "frankfurt"]);
    assert_eq!(json(&out)["id"], "open-frankfurt");
    assert_eq!(t.log()[0], "rock: remove \"Open Frankfurt\" (ian, 2026-Q4)");
    let file = t.read("rocks/2026-Q4.toml");
    assert!(!file.contains("open-frankfurt"), "{file}");
    assert!(
        file.starts_with("# Our rocks\n") && file.contains("x-budget"),
        "{file}"
    );
    t.fails(&["rock", "remove", "frankfurt"], 1);
    assert!(t.clean());
}

#[test]
fn milestones_edit_remove_and_undone_by_number() {
    let t = with_a_rock();
    for title in ["Job ads out", "Ten interviews", "Three offers"] {
        t.ok(&["rock", "milestone", "hire", title]);
    }
    t.ok(&["rock", "milestone-done", "hire", "1"]);
    assert_eq!(
        t.ok(&["rock", "milestone-undone", "hire", "1"]),
        "hire-three-engineers: milestone 1 not done (0/3 done)\n"
    );
    assert_eq!(
        t.log()[0],
        "rock: hire-three-engineers milestone 1 undone (\"Job ads out\")"
    );
    let err = t.fails(&["rock", "milestone-undone", "hire", "1"], 1);
    assert!(
        err.contains("milestone 1 of rock `hire-three-engineers` is not done"),
        "{err}"
    );

    let out = t.ok(&[
        "--json",
        "rock",
        "milestone-edit",
        "hire",
        "2",
        "--title",
        "Twelve interviews",
        "--due",
        "2026-12-01",
    ]);
    let rock = json(&out);
    assert_eq!(rock["milestones"][1]["title"], "Twelve interviews");
    assert_eq!(rock["milestones"][1]["due"], "2026-12-01");
    assert_eq!(
        t.log()[0],
        "rock: hire-three-engineers milestone 2 edit (\"Ten interviews\": title \"Twelve interviews\", due 2026-12-01)"
    );
    let err = t.fails(&["rock", "milestone-edit", "hire", "2"], 1);
    assert!(
        err.contains("nothing to change: give --title or --due"),
        "{err}"
    );

    t.ok(&["rock", "milestone-remove", "hire", "3"]);
    assert_eq!(
        t.log()[0],
        "rock: hire-three-engineers milestone 3 removed (\"Three offers\")"
    );
    let err = t.fails(&["rock", "milestone-remove", "hire", "3"], 1);
    assert!(
        err.contains("has milestones 1 to 2; there is no milestone 3"),
        "{err}"
    );
    t.fails(&["rock", "milestone-remove", "hire", "0"], 1);
    let file = t.read("rocks/2026-Q4.toml");
    assert!(
        file.contains("x-budget = 300000") && !file.contains("Three offers"),
        "{file}"
    );
    assert!(t.clean());
}

#[test]
fn milestones_written_as_tables_by_hand_are_edited_in_place() {
    let t = TestCompany::new();
    t.commit_file(
        "rocks/2026-Q4.toml",
        "[[rock]]\nid = \"ipv6\"\ntitle = \"IPv6\"\nowner = \"ian\"\n\n[[rock.milestones]]\ntitle = \"Contract\"  # signed in October\ndone = true\n\n[[rock.milestones]]\ntitle = \"Ashburn\"\ndone = false\n",
    );
    t.ok(&["rock", "milestone-undone", "ipv6", "1"]);
    t.ok(&[
        "rock",
        "milestone-edit",
        "ipv6",
        "2",
        "--title",
        "Ashburn dual-stack",
    ]);
    let file = t.read("rocks/2026-Q4.toml");
    assert!(
        file.contains("title = \"Contract\"  # signed in October\ndone = false"),
        "{file}"
    );
    assert!(file.contains("title = \"Ashburn dual-stack\""), "{file}");
    t.ok(&["rock", "milestone-remove", "ipv6", "1"]);
    let file = t.read("rocks/2026-Q4.toml");
    assert!(
        !file.contains("Contract") && file.contains("Ashburn dual-stack"),
        "{file}"
    );
}

#[test]
fn todo_edit_and_remove() {
    let t = TestCompany::new();
    t.ok(&[
        "todo",
        "add",
        "Call the ten largest accounts",
        "--owner",
        "amy",
    ]);
    let text = t.read("todos.toml").replace(
        "owner = \"amy\"",
        "owner = \"amy\"  # top ten by revenue\nx-crm = \"sf-123\"",
    );
    t.commit_file("todos.toml", &text);
    let out = t.ok(&[
        "--json",
        "todo",
        "edit",
        "call",
        "--owner",
        "ian",
        "--due",
        "2026-12-02",
    ]);
    let todo = json(&out);
    assert_eq!(
        (todo["owner"].as_str(), todo["due"].as_str()),
        (Some("ian"), Some("2026-12-02"))
    );
    assert_eq!(
        t.log()[0],
        "todo: edit \"Call the ten largest accounts\" (owner amy → ian, due 2026-12-02)"
    );
    let file = t.read("todos.toml");
    assert!(
        file.contains("owner = \"ian\"  # top ten by revenue") && file.contains("x-crm"),
        "{file}"
    );

    // A due date in the past is taken, with a warning: the to-do is overdue.
    let output = t
        .pulse()
        .args(["todo", "edit", "call", "--due", "2026-11-20"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("warning: due 2026-11-20 is in the past"),
        "{stderr}"
    );

    let err = t.fails(&["todo", "edit", "call"], 1);
    assert!(
        err.contains("nothing to change: give --title, --owner or --due"),
        "{err}"
    );
    t.fails(&["todo", "edit", "call", "--due", "tomorrow"], 1);
    t.fails(&["todo", "edit", "nope", "--title", "x"], 1);

    t.ok(&[
        "todo",
        "add",
        "Call the ten largest accounts",
        "--owner",
        "amy",
    ]);
    assert_eq!(
        t.ok(&["todo", "remove", "call-the-ten-largest-accounts-2"]),
        "call-the-ten-largest-accounts-2: removed\n"
    );
    assert_eq!(
        t.log()[0],
        "todo: remove \"Call the ten largest accounts\" (amy)"
    );
    assert!(t.read("todos.toml").contains("x-crm"));
    assert!(!t.read("todos.toml").contains("accounts-2"));
    assert!(t.clean());
}

#[test]
fn an_archived_todo_is_reopened_before_it_is_edited() {
    let t = TestCompany::demo();
    let err = t.fails(&["todo", "edit", "sign-the-lease", "--owner", "amy"], 1);
    assert!(
        err.contains("is archived") && err.contains("pulse todo reopen sign-the-lease"),
        "{err}"
    );
    t.ok(&["todo", "reopen", "sign-the-lease"]);
    t.ok(&["todo", "edit", "sign-the-lease", "--owner", "amy"]);
    assert!(t.clean());
}

#[test]
fn issue_edit_and_remove_unlinks_its_todos() {
    let t = TestCompany::new();
    t.ok(&["issue", "add", "Churn doubled in two weeks"]);
    let out = t.ok(&[
        "--json",
        "issue",
        "edit",
        "churn",
        "--owner",
        "amy",
        "--title",
        "Churn tripled",
    ]);
    let issue = json(&out);
    assert_eq!(
        (issue["id"].as_str(), issue["title"].as_str()),
        (Some("churn-doubled-in-two-weeks"), Some("Churn tripled"))
    );
    assert_eq!(
        t.log()[0],
        "issue: edit \"Churn doubled in two weeks\" (title \"Churn tripled\", owner amy)"
    );
    let err = t.fails(&["issue", "edit", "churn"], 1);
    assert!(
        err.contains("nothing to change: give --title or --owner"),
        "{err}"
    );
    t.fails(&["issue", "edit", "churn", "--owner", "bob"], 1);

    t.ok(&[
        "todo",
        "add",
        "Call them",
        "--owner",
        "amy",
        "--issue",
        "churn",
    ]);
    let out = t.ok(&["issue", "remove", "churn"]);
    assert!(out.contains("unlinked: call-them"), "{out}");
    assert_eq!(
        t.log()[0],
        "issue: remove \"Churn tripled\" (1 to-do unlinked)"
    );
    assert!(!t.read("issues.toml").contains("churn"));
    assert!(!t.read("todos.toml").contains("issue ="));
    t.ok(&["check"]);
    assert!(t.clean());
}

#[test]
fn person_edit_list_and_the_roster_json() {
    let t = TestCompany::new();
    let out = t.ok(&[
        "--json",
        "person",
        "edit",
        "zoe",
        "--name",
        "Zoe Park-Lee",
        "--email",
        "zoe@lapwing.example",
    ]);
    let zoe = json(&out);
    assert_eq!(
        (zoe["name"].as_str(), zoe["email"].as_str()),
        (Some("Zoe Park-Lee"), Some("zoe@lapwing.example"))
    );
    assert_eq!(
        t.log()[0],
        "person: edit zoe (name \"Zoe Park-Lee\", email zoe@lapwing.example)"
    );
    let company = t.read("company.toml");
    assert!(
        company.contains("[people.zoe]              # the integrator"),
        "{company}"
    );
    assert!(company.contains("x-shoe-size = 38"), "{company}");
    let err = t.fails(&["person", "edit", "zoe", "--email", "not an email"], 1);
    assert!(err.contains("invalid email"), "{err}");
    t.fails(&["person", "edit", "zoe"], 1);
    t.fails(&["person", "edit", "bob", "--name", "Bob"], 1);

    let list = t.ok(&["person", "list"]);
    assert!(
        list.contains("Zoe Park-Lee") && list.contains("amy@lapwing.example"),
        "{list}"
    );
    let rows = json(&t.ok(&["--json", "person", "list"]));
    assert_eq!(rows.as_array().unwrap().len(), 3);
    assert_eq!(rows[0]["id"], "amy");

    // `pulse person` alone prints its help and exits 2; `pulse people` is
    // still the People Analyzer.
    let err = t.fails(&["person"], 2);
    assert!(err.contains("Usage: pulse person"), "{err}");
    t.ok(&["people"]);
}

#[test]
fn person_remove_is_refused_while_they_hold_work_and_reassign_hands_it_over() {
    let t = TestCompany::new();
    t.ok(&["rock", "add", "Open Frankfurt", "--owner", "ian"]);
    t.ok(&["todo", "add", "Order racks", "--owner", "ian"]);
    t.ok(&["issue", "add", "Racks are late", "--owner", "ian"]);
    t.ok(&["seat", "add", "Network", "--person", "ian"]);
    t.ok(&[
        "scorecard",
        "add",
        "Uptime",
        "--owner",
        "ian",
        "--goal",
        ">= 99.9",
    ]);
    t.ok(&["process", "add", "Incident response", "--owner", "ian"]);
    let commits = t.log().len();

    let err = t.fails(&["person", "remove", "ian"], 1);
    for held in [
        "rock 2026-Q4/open-frankfurt",
        "to-do order-racks",
        "issue racks-are-late",
        "seat network",
        "measurable uptime",
        "process incident-response",
        "--reassign",
    ] {
        assert!(err.contains(held), "{held} missing:\n{err}");
    }
    let err = t.fails(&["person", "remove", "ian", "--reassign", "ian"], 1);
    assert!(err.contains("who is leaving"), "{err}");
    t.fails(&["person", "remove", "ian", "--reassign", "bob"], 1);
    assert_eq!(t.log().len(), commits, "a refusal commits nothing");

    let out = t.ok(&["--json", "person", "remove", "ian", "--reassign", "amy"]);
    let removed = json(&out);
    assert_eq!(removed["left"], "2026-11-27");
    assert_eq!(removed["reassigned_to"], "amy");
    assert_eq!(removed["handed_over"]["todos"][0], "order-racks");
    assert_eq!(
        t.log()[0],
        "person: remove ian (left 2026-11-27; 1 rock, 1 to-do, 1 issue, 1 seat, 1 measurable, 1 process → amy)"
    );
    assert_eq!(t.log().len(), commits + 1, "all files in one commit");
    assert!(t.read("company.toml").contains("left = 2026-11-27"));
    assert!(t.read("seats.toml").contains("people = [\"amy\"]"));
    assert!(
        t.read("processes/incident-response.md")
            .contains("owner = \"amy\"")
    );
    for file in [
        "rocks/2026-Q4.toml",
        "todos.toml",
        "issues.toml",
        "scorecard.toml",
    ] {
        assert!(
            !t.read(file).contains("\"ian\""),
            "{file}: {}",
            t.read(file)
        );
    }
    assert!(t.clean());

    // Who left owns nothing new, is off the roster list, and stays in history.
    let err = t.fails(&["todo", "add", "Anything", "--owner", "ian"], 1);
    assert!(err.contains("ian left on 2026-11-27"), "{err}");
    assert!(!t.ok(&["person", "list"]).contains("ian"));
    let all = t.ok(&["person", "list", "--all"]);
    assert!(all.contains("ian") && all.contains("2026-11-27"), "{all}");
    t.fails(&["person", "remove", "ian"], 1);
    t.ok(&["check"]);
    let diff = t.ok(&["diff", "HEAD~1"]);
    assert!(
        diff.contains("Ian Brooks (`ian`) left on 2026-11-27"),
        "{diff}"
    );
}

#[test]
fn person_remove_with_nothing_held_needs_no_reassign() {
    let t = TestCompany::new();
    t.ok(&["todo", "add", "Done already", "--owner", "zoe"]);
    t.ok(&["todo", "done", "done-al"]);
    assert_eq!(
        t.ok(&["person", "remove", "zoe"]),
        "zoe: left on 2026-11-27\n"
    );
    assert_eq!(t.log()[0], "person: remove zoe (left 2026-11-27)");
    assert!(
        t.read("todos.toml").contains("owner = \"zoe\""),
        "history keeps the handle"
    );
}

#[test]
fn seat_edit_moves_renames_and_refuses_a_cycle() {
    let t = TestCompany::new();
    t.ok(&["seat", "add", "Integrator", "--person", "zoe"]);
    t.ok(&[
        "seat",
        "add",
        "Software",
        "--reports-to",
        "integrator",
        "--person",
        "ian",
    ]);
    t.ok(&["seat", "add", "Network", "--reports-to", "integrator"]);
    let err = t.fails(
        &["seat", "edit", "integrator", "--reports-to", "software"],
        1,
    );
    assert!(
        err.contains("integrator → software → integrator would loop"),
        "{err}"
    );
    t.fails(&["seat", "edit", "network", "--reports-to", "network"], 1);
    t.fails(&["seat", "edit", "network"], 1);

    let out = t.ok(&[
        "--json",
        "seat",
        "edit",
        "network",
        "--reports-to",
        "software",
        "--name",
        "Network & DC",
        "--role",
        "Uptime",
        "--role",
        "Peering",
    ]);
    let seat = json(&out);
    assert_eq!(seat["reports_to"], "software");
    assert_eq!(seat["roles"], serde_json::json!(["Uptime", "Peering"]));
    assert_eq!(
        t.log()[0],
        "seat: edit network (name \"Network & DC\", reports to software, 2 roles)"
    );
    assert!(
        t.ok(&["seats"]).contains("    └── Network & DC"),
        "{}",
        t.ok(&["seats"])
    );

    // The hint of a refused removal names a command that exists.
    let err = t.fails(&["seat", "remove", "software"], 1);
    assert!(
        err.contains("pulse seat edit network --reports-to"),
        "{err}"
    );
    t.ok(&["seat", "edit", "network", "--top"]);
    t.ok(&["seat", "remove", "software"]);
    assert!(t.clean());
}

#[test]
fn process_add_and_set() {
    let t = TestCompany::new();
    let out = t.ok(&[
        "--json",
        "process",
        "add",
        "Customer onboarding",
        "--owner",
        "amy",
    ]);
    let p = json(&out);
    assert_eq!(
        (p["id"].as_str(), p["status"].as_str()),
        (Some("customer-onboarding"), Some("identified"))
    );
    assert_eq!(
        t.log()[0],
        "process: add \"Customer onboarding\" (amy, identified)"
    );
    let file = t.read("processes/customer-onboarding.md");
    assert!(
        file.starts_with("+++\n") && file.contains("owner = \"amy\""),
        "{file}"
    );
    assert!(
        file.contains("## The steps")
            && file.contains("## Checklist")
            && file.contains("Owner: amy"),
        "{file}"
    );
    let err = t.fails(
        &["process", "add", "customer onboarding", "--owner", "amy"],
        1,
    );
    assert!(err.contains("already documented"), "{err}");
    t.fails(&["process", "add", "Billing", "--owner", "bob"], 1);
    t.fails(
        &[
            "process", "add", "Billing", "--owner", "amy", "--status", "done",
        ],
        1,
    );

    // A hand-written step and a front matter comment survive `set`.
    let text = file
        .replace("owner = \"amy\"", "owner = \"amy\"  # since May")
        .replace("1. ...", "1. Welcome call");
    t.commit_file("processes/customer-onboarding.md", &text);
    let out = t.ok(&["process", "set", "cust", "followed-by-all"]);
    assert_eq!(out, "customer-onboarding: identified → followed-by-all\n");
    assert_eq!(
        t.log()[0],
        "process: customer-onboarding identified → followed-by-all"
    );
    assert_eq!(
        t.read("processes/customer-onboarding.md"),
        text.replace("\"identified\"", "\"followed-by-all\"")
    );
    t.fails(&["process", "set", "cust", "followed-by-all"], 1);
    t.fails(&["process", "set", "nope", "documented"], 1);
    let list = json(&t.ok(&["--json", "processes"]));
    assert_eq!(list[0]["status"], "followed-by-all");
    assert!(t.clean());
}

#[test]
fn past_meetings_list_and_show() {
    let t = TestCompany::demo();
    let rows = json(&t.ok(&["--json", "meetings"]));
    let dates: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["date"].as_str().unwrap())
        .collect();
    assert!(dates.contains(&"2026-11-19"), "{rows}");
    let last = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["date"] == "2026-11-19")
        .unwrap();
    assert_eq!(last["average_rating"], 7.5);
    assert_eq!(last["headlines"], 2);
    let text = t.ok(&["meetings"]);
    assert!(
        text.contains("Meetings 2026-Q4") && text.contains("2026-11-26 (next)"),
        "{text}"
    );

    // The default is the last meeting up to today.
    let show = t.ok(&["meeting", "show"]);
    assert!(show.starts_with("Meeting 2026-11-19 (l10)"), "{show}");
    for part in [
        "Northwind signed",
        "Holiday on-call schedule is final",
        "pricing-page-confusing",
        "call-the-ten-largest-accounts",
        "Rock statuses changed that day",
    ] {
        assert!(show.contains(part), "{part} missing:\n{show}");
    }
    let record = json(&t.ok(&["--json", "meeting", "show", "2026-11-12"]));
    assert_eq!(record["date"], "2026-11-12");
    assert_eq!(record["issues_solved"][0]["id"], "office-plants");
    assert!(record["rock_changes"].is_array());
    let err = t.fails(&["meeting", "show", "2026-11-13"], 1);
    assert!(
        err.contains("no meeting on 2026-11-13") && err.contains("2026-11-19"),
        "{err}"
    );
}

#[test]
fn meeting_show_reads_rock_changes_of_the_day_from_git() {
    let t = TestCompany::new();
    // The rock was added a week before; its status changes on the day.
    let added = t
        .pulse()
        .env("GIT_COMMITTER_DATE", "2026-11-20T10:00:00Z")
        .args(["rock", "add", "Open Frankfurt", "--owner", "ian"])
        .output()
        .unwrap();
    assert!(added.status.success());
    // An extra meeting today, the day the status changes (commits here are
    // dated 2026-11-27).
    t.ok(&["meeting", "rate", "zoe=9", "--date", "2026-11-27"]);
    t.ok(&["rock", "set", "frankfurt", "off-track"]);
    let show = t.ok(&["meeting", "show", "2026-11-27"]);
    assert!(
        show.contains("\"Open Frankfurt\": on-track → off-track (ian)"),
        "{show}"
    );
}

/// Runs the dynamic completion as the fish script does and returns the
/// candidates (one per line, a tab before their help).
fn complete(t: &TestCompany, words: &[&str]) -> Vec<String> {
    let output = t
        .pulse()
        .env("COMPLETE", "fish")
        .arg("--")
        .args(words)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| l.split('\t').next().unwrap_or("").to_string())
        .collect()
}

#[test]
fn completions_know_the_company() {
    let t = TestCompany::demo();
    let rocks = complete(&t, &["pulse", "rock", "set", ""]);
    assert!(
        rocks.contains(&"open-the-frankfurt-region".to_string()),
        "{rocks:?}"
    );
    let statuses = complete(&t, &["pulse", "rock", "set", "open", ""]);
    assert!(statuses.contains(&"off-track".to_string()), "{statuses:?}");
    let owners = complete(&t, &["pulse", "todo", "add", "x", "--owner", ""]);
    assert!(
        owners.contains(&"ian".to_string()) && owners.contains(&"zoe".to_string()),
        "{owners:?}"
    );
    let quarters = complete(&t, &["pulse", "rocks", "--quarter", ""]);
    assert!(
        quarters.contains(&"2026-Q4".to_string()) && quarters.contains(&"2026-Q3".to_string()),
        "{quarters:?}"
    );
    let todos = complete(&t, &["pulse", "todo", "done", ""]);
    assert!(todos.contains(&"reference-checks".to_string()), "{todos:?}");
    // Found in a new user's trial: `done` offered done to-dos, and
    // `reopen` no archived ones.
    let done = complete(&t, &["pulse", "todo", "reopen", ""]);
    for id in todos.iter().filter(|c| !c.starts_with('-')) {
        assert!(!done.contains(id), "{id} offered to both done and reopen");
    }
    assert!(done.contains(&"sign-the-lease".to_string()), "{done:?}");
    assert!(!todos.is_empty() && !done.is_empty());
    // Found in review: `help` lost the commands below the top ones when
    // clap began building commands only as they run.
    let help = complete(&t, &["pulse", "help", "todo", ""]);
    assert!(help.contains(&"done".to_string()), "{help:?}");

    // Someone who left is not offered as an owner any more.
    t.ok(&["person", "remove", "felix", "--reassign", "zoe"]);
    let owners = complete(&t, &["pulse", "todo", "add", "x", "--owner", ""]);
    assert!(!owners.contains(&"felix".to_string()), "{owners:?}");

    for shell in ["bash", "zsh", "fish"] {
        let script = t.ok(&["completions", shell]);
        assert!(script.contains("COMPLETE"), "{shell}: {script}");
    }
    assert!(
        t.ok(&["completions", "bash", "--static"])
            .contains("_pulse()")
    );
}

#[test]
fn help_lists_statuses_and_keeps_global_flags_apart() {
    let t = TestCompany::new();
    let help = t.ok(&["rock", "set", "--help"]);
    assert!(
        help.contains("[possible values: on-track, off-track, done, dropped]"),
        "{help}"
    );
    assert!(help.contains("Global options:"), "{help}");
    let help = t.ok(&["process", "set", "--help"]);
    assert!(
        help.contains("identified, documented, packaged, followed-by-all"),
        "{help}"
    );
}

#[test]
fn every_verb_works_on_the_demo() {
    let t = TestCompany::demo();
    t.ok(&["rock", "edit", "frankfurt", "--due", "2026-12-20"]);
    t.ok(&[
        "rock",
        "milestone-edit",
        "frankfurt",
        "2",
        "--title",
        "Provisioning API live",
    ]);
    t.ok(&["rock", "milestone-undone", "ipv6", "2"]);
    t.ok(&["todo", "edit", "reference", "--due", "2026-11-30"]);
    t.ok(&["issue", "edit", "expense", "--owner", "zoe"]);
    t.ok(&["person", "edit", "nate", "--email", "nate@okafor.example"]);
    t.ok(&["seat", "edit", "network", "--reports-to", "software"]);
    t.ok(&["process", "set", "hiring", "documented"]);
    t.ok(&["process", "add", "Month-end close", "--owner", "felix"]);
    t.ok(&["person", "remove", "ian", "--reassign", "nate"]);
    t.ok(&["todo", "remove", "exit-survey"]);
    t.ok(&["issue", "remove", "rack-12"]);
    t.ok(&["rock", "remove", "on-call"]);
    t.ok(&["check"]);
    assert!(t.clean());
}
