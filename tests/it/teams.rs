//! Departmental teams (SPEC §7): a team's own files, the team in effect,
//! the rules that cross teams, and the commands over every team.

use crate::common::TestCompany;

/// The basic company (meets Thursdays) with a sales team meeting on
/// Tuesdays at 10:00 for 60 minutes.
fn with_sales() -> TestCompany {
    let t = TestCompany::new();
    t.ok(&[
        "team",
        "add",
        "sales",
        "--weekday",
        "tuesday",
        "--time",
        "10:00",
        "--minutes",
        "60",
        "--member",
        "amy",
        "--member",
        "ian",
    ]);
    t
}

#[test]
fn team_add_writes_team_toml_and_commits() {
    let t = with_sales();
    let toml = t.read("teams/sales/team.toml");
    assert!(toml.starts_with("# The Sales team"), "{toml}");
    assert!(
        toml.contains("name = \"Sales\"\nmembers = [\"amy\", \"ian\"]"),
        "{toml}"
    );
    assert!(
        toml.contains("[meeting]\nweekday = \"tuesday\"\ntime = \"10:00\"\nminutes = 60"),
        "{toml}"
    );
    assert_eq!(t.log()[0], "team: add sales (Sales)");
    assert!(t.clean());
    for (args, says) in [
        (&["team", "add", "Sales Team"][..], "slug"),
        (&["team", "add", "leadership"], "root's own team"),
        (&["team", "add", "sales"], "already a team"),
        (
            &["team", "add", "ops", "--member", "bob"],
            "unknown person `bob`",
        ),
        (&["team", "add", "ops", "--time", "9am"], "HH:MM"),
    ] {
        let err = t.fails(args, 1);
        assert!(err.contains(says), "{args:?}: {err}");
    }
}

#[test]
fn the_team_in_effect_comes_from_the_flag_the_variable_or_the_folder() {
    let t = with_sales();
    t.ok(&[
        "-t",
        "sales",
        "todo",
        "add",
        "Call Globex",
        "--owner",
        "amy",
    ]);
    assert!(t.read("teams/sales/todos.toml").contains("Call Globex"));
    assert!(!t.path().join("todos.toml").exists() || !t.read("todos.toml").contains("Globex"));
    let out = t
        .pulse()
        .env("PULSE_TEAM", "sales")
        .arg("todos")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("Call Globex"));
    std::fs::create_dir_all(t.path().join("teams/sales/notes")).unwrap();
    let out = t
        .pulse()
        .current_dir(t.path().join("teams/sales/notes"))
        .arg("todos")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("Call Globex"));
    // At the root, the leadership team's list; `leadership` names it.
    assert!(!t.ok(&["todos"]).contains("Globex"));
    assert!(!t.ok(&["-t", "leadership", "todos"]).contains("Globex"));
    let err = t.fails(&["-t", "marketing", "todos"], 1);
    assert!(
        err.contains("unknown team `marketing`")
            && err.contains("leadership")
            && err.contains("sales"),
        "{err}"
    );
    let err = t.fails(&["-t", "../x", "todos"], 1);
    assert!(err.contains("unknown team"), "{err}");
}

#[test]
fn a_team_runs_its_own_week() {
    // Monday 2026-11-30: sales meets Tuesday 12-01, leadership Thursday 12-03.
    let t = with_sales().with_today("2026-11-30");
    let sales = |args: &[&str]| {
        let mut all = vec!["-t", "sales"];
        all.extend_from_slice(args);
        t.ok(&all)
    };
    sales(&[
        "rock",
        "add",
        "Hire two account executives",
        "--owner",
        "amy",
    ]);
    sales(&[
        "scorecard",
        "add",
        "Demos booked",
        "--owner",
        "amy",
        "--goal",
        ">= 5",
    ]);
    let out = sales(&["scorecard", "record", "demos", "6"]);
    assert!(out.contains("2026-W48"), "{out}");
    sales(&["issue", "add", "Pipeline is thin", "--owner", "ian"]);
    sales(&[
        "headline",
        "add",
        "Globex signed",
        "--by",
        "amy",
        "--customer",
    ]);
    assert!(
        t.path()
            .join("teams/sales/meetings/2026-12-01.toml")
            .exists()
    );
    let agenda = sales(&["agenda"]);
    assert!(
        agenda.contains("Tuesday 2026-12-01, 10:00, 60 minutes · Sales team"),
        "{agenda}"
    );
    assert!(agenda.contains("Hire two account executives"), "{agenda}");
    assert!(
        agenda.contains("Demos booked") && agenda.contains("Pipeline is thin"),
        "{agenda}"
    );
    assert!(agenda.contains("Globex signed"), "{agenda}");
    let leadership = t.ok(&["agenda"]);
    assert!(leadership.contains("Thursday 2026-12-03"), "{leadership}");
    assert!(!leadership.contains("Pipeline is thin"), "{leadership}");
    // During the sales meeting, `meeting rate` records it.
    let out = t
        .pulse()
        .env("PULSE_NOW", "2026-12-01T10:30")
        .args(["-t", "sales", "meeting", "rate", "amy=9", "ian=8"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        t.read("teams/sales/meetings/2026-12-01.toml")
            .contains("amy = 9")
    );
}

#[test]
fn leadership_cascades_and_company_rocks_reach_every_team() {
    let t = with_sales().with_today("2026-11-26");
    t.ok(&[
        "rock",
        "add",
        "Open Frankfurt",
        "--owner",
        "ian",
        "--company",
    ]);
    t.ok(&["rock", "add", "Leadership only", "--owner", "zoe"]);
    t.ok(&[
        "meeting",
        "cascade",
        "Holiday schedule is final",
        "--date",
        "2026-11-26",
    ]);
    let agenda = t.ok(&["-t", "sales", "agenda"]);
    assert!(
        agenda.contains("From leadership: Holiday schedule is final"),
        "{agenda}"
    );
    assert!(
        agenda.contains("Company rocks (the leadership team's):"),
        "{agenda}"
    );
    assert!(agenda.contains("Open Frankfurt"), "{agenda}");
    assert!(!agenda.contains("Leadership only"), "{agenda}");
}

#[test]
fn issue_move_hands_an_issue_up_and_down() {
    let t = with_sales();
    t.ok(&[
        "issue",
        "add",
        "Pricing page is confusing",
        "--owner",
        "zoe",
    ]);
    t.ok(&[
        "-t",
        "sales",
        "issue",
        "add",
        "Pricing page is confusing",
        "--owner",
        "amy",
    ]);
    let out = t.ok(&[
        "--json",
        "-t",
        "sales",
        "issue",
        "move",
        "pricing",
        "--team",
        "leadership",
    ]);
    let moved: serde_json::Value = serde_json::from_str(&out).unwrap();
    // The id is taken in leadership's list: a suffix.
    assert_eq!(moved["id"], "pricing-page-is-confusing-2");
    let issues = t.read("issues.toml");
    assert!(
        issues.contains("id = \"pricing-page-is-confusing-2\""),
        "{issues}"
    );
    assert!(issues.contains("from = \"sales\""), "{issues}");
    assert!(!t.read("teams/sales/issues.toml").contains("Pricing"));
    assert_eq!(
        t.log()[0],
        "issue: move \"Pricing page is confusing\" from sales to leadership"
    );
    assert!(t.clean());
    // Down again, from the root, without -t.
    t.ok(&[
        "issue",
        "move",
        "pricing-page-is-confusing-2",
        "--team",
        "sales",
    ]);
    assert!(
        t.read("teams/sales/issues.toml")
            .contains("from = \"leadership\"")
    );
    let err = t.fails(&["issue", "move", "pricing", "--team", "nowhere"], 1);
    assert!(err.contains("unknown team"), "{err}");
}

#[test]
fn teams_shows_every_team_on_one_screen() {
    let t = with_sales();
    t.ok(&[
        "-t",
        "sales",
        "issue",
        "add",
        "Pipeline is thin",
        "--owner",
        "amy",
    ]);
    let out = t.ok(&["teams"]);
    assert!(out.contains("leadership") && out.contains("sales"), "{out}");
    assert!(
        out.contains("tue 10:00") && out.contains("thu 09:00"),
        "{out}"
    );
    assert!(out.contains("sales: amy, ian"), "{out}");
    let json: serde_json::Value = serde_json::from_str(&t.ok(&["--json", "teams"])).unwrap();
    assert_eq!(json[1]["id"], "sales");
    assert_eq!(json[1]["open_issues"], 1);
    assert_eq!(json[1]["minutes"], 60);
}

#[test]
fn diff_and_check_at_the_root_cover_every_team() {
    let t = with_sales();
    t.ok(&[
        "-t",
        "sales",
        "todo",
        "add",
        "Call Globex",
        "--owner",
        "amy",
    ]);
    t.ok(&["todo", "add", "Renew the domain", "--owner", "zoe"]);
    let all = t.ok(&["diff", "HEAD~2"]);
    assert!(all.contains("sales: added: \"Call Globex\""), "{all}");
    assert!(all.contains("added: \"Renew the domain\""), "{all}");
    let sales = t.ok(&["-t", "sales", "diff", "HEAD~2"]);
    assert!(
        sales.contains("Call Globex") && !sales.contains("Renew the domain"),
        "{sales}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&t.ok(&["--json", "diff", "HEAD~2"])).unwrap();
    assert!(
        json["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["team"] == "sales")
    );
    // The item's history knows its team.
    let log = t.ok(&["--json", "log", "call-globex"]);
    assert!(log.contains("\"team\": \"sales\""), "{log}");

    // check: work owned outside the team is a warning; a member off the
    // roster an error; a broken team.toml exit 2.
    t.ok(&["-t", "sales", "todo", "add", "Board deck", "--owner", "zoe"]);
    let out = t.pulse().arg("check").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("zoe owns to-dos of the sales team but is not a member"),
        "{stdout}"
    );
    assert_eq!(out.status.code(), Some(0));
    t.write(
        "teams/sales/team.toml",
        &t.read("teams/sales/team.toml")
            .replace("\"ian\"", "\"bob\""),
    );
    let out = t.pulse().arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("unknown person `bob`"));
    t.write("teams/sales/team.toml", "name = \"Sales\nmembers = [");
    let out = t.pulse().arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("teams/sales/team.toml:2:"));
    let err = t.fails(&["-t", "sales", "todos"], 2);
    assert!(err.contains("teams/sales/team.toml:2:"), "{err}");
}

#[test]
fn team_edit_member_and_remove() {
    let t = with_sales();
    t.ok(&[
        "team",
        "edit",
        "sales",
        "--weekday",
        "wednesday",
        "--minutes",
        "75",
    ]);
    let toml = t.read("teams/sales/team.toml");
    assert!(
        toml.contains("weekday = \"wednesday\"") && toml.contains("minutes = 75"),
        "{toml}"
    );
    assert!(
        toml.starts_with("# The Sales team"),
        "comments kept: {toml}"
    );
    t.fails(&["team", "edit", "sales"], 1);
    t.ok(&["team", "member", "add", "sales", "zoe"]);
    t.fails(&["team", "member", "add", "sales", "zoe"], 1);
    t.ok(&["team", "member", "remove", "sales", "ian"]);
    assert!(
        t.read("teams/sales/team.toml")
            .contains("members = [\"amy\", \"zoe\"]")
    );
    t.ok(&[
        "-t",
        "sales",
        "issue",
        "add",
        "Pipeline is thin",
        "--owner",
        "amy",
    ]);
    let err = t.fails(&["team", "remove", "sales"], 1);
    assert!(
        err.contains("open issues: pipeline-is-thin") && err.contains("--force"),
        "{err}"
    );
    t.ok(&["team", "remove", "sales", "--force"]);
    assert!(!t.path().join("teams/sales").exists());
    assert_eq!(t.log()[0], "team: remove sales");
    assert!(t.clean());
}

/// Found by running the README's commands: `team remove` left an empty
/// `teams/sales/` until after its commit, so a pre-commit `pulse check`
/// saw a team folder without its `team.toml` and refused the commit.
#[test]
fn team_remove_leaves_no_empty_folder_for_a_pre_commit_hook_to_see() {
    let t = with_sales();
    let hook = t.path().join(".git/hooks/pre-commit");
    std::fs::create_dir_all(hook.parent().unwrap()).unwrap();
    std::fs::write(
        &hook,
        "#!/bin/sh\nfor d in teams/*/; do [ -d \"$d\" ] || continue; [ -f \"$d/team.toml\" ] || exit 1; done\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = t
        .pulse()
        .args(["team", "remove", "sales", "--force"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && !err.contains("not committed"),
        "{err}"
    );
    assert_eq!(t.log()[0], "team: remove sales");
    assert!(!t.path().join("teams/sales").exists());
    assert!(t.clean());
}

/// Found in review: a file git does not track in the team's folder was
/// deleted for good, and the commit then failed.
#[test]
fn team_remove_refuses_to_delete_a_file_git_does_not_track() {
    let t = with_sales();
    t.write("teams/sales/notes.txt", "call list\n");
    let err = t.fails(&["team", "remove", "sales", "--force"], 1);
    assert!(
        err.contains("holds 1 file git does not track: teams/sales/notes.txt"),
        "{err}"
    );
    assert_eq!(t.read("teams/sales/notes.txt"), "call list\n");
    assert!(t.path().join("teams/sales/team.toml").is_file());
}

#[test]
fn person_remove_hands_over_team_membership_and_work() {
    let t = with_sales();
    t.ok(&[
        "-t",
        "sales",
        "todo",
        "add",
        "Call Globex",
        "--owner",
        "ian",
    ]);
    let err = t.fails(&["person", "remove", "ian"], 1);
    assert!(
        err.contains("sales/call-globex") && err.contains("team sales"),
        "{err}"
    );
    t.ok(&["person", "remove", "ian", "--reassign", "zoe"]);
    assert!(
        t.read("teams/sales/team.toml")
            .contains("members = [\"amy\", \"zoe\"]")
    );
    assert!(t.read("teams/sales/todos.toml").contains("owner = \"zoe\""));
    assert!(t.clean());
}

/// The demo runs two departments beside the leadership team.
#[test]
fn the_demo_has_engineering_and_sales() {
    let t = TestCompany::demo();
    let out = t.ok(&["teams"]);
    assert!(
        out.contains("engineering   tue 10:00") && out.contains("sales         mon 14:00"),
        "{out}"
    );
    let agenda = t.ok(&["-t", "engineering", "agenda"]);
    assert!(
        agenda.contains("Tuesday 2026-12-01, 10:00, 60 minutes · Engineering team"),
        "{agenda}"
    );
    assert!(
        agenda.contains("Integration tests fail one run in five"),
        "{agenda}"
    );
    t.ok(&["check"]);
    let demo = TestCompany::bare();
    demo.ok(&["init", "--demo", "lapwing"]);
    let log = std::process::Command::new("git")
        .current_dir(demo.path().join("lapwing"))
        .args(["log", "--oneline", "--", "teams/sales/scorecard.csv"])
        .output()
        .unwrap();
    let commits = String::from_utf8_lossy(&log.stdout).lines().count();
    assert!(
        commits >= 3,
        "the sales numbers have a history: {commits} commits"
    );
}

/// `person remove kim --reassign zoe` left `members = [ "zoe"]`.
#[test]
fn removing_the_first_member_leaves_a_tidy_array() {
    let t = with_sales();
    t.ok(&["team", "member", "remove", "sales", "amy"]);
    assert!(
        t.read("teams/sales/team.toml")
            .contains("members = [\"ian\"]")
    );
}
