//! EOS fidelity (issues #17 and #23): what `pulse check` and the commands
//! that add say when a company strays from EOS's rules of thumb — limits,
//! rocks against their quarter, ids written twice, processes, the chart.

use crate::common::TestCompany;

/// stdout of `pulse check` (exit 0 or 1 allowed) and its exit code.
fn check(t: &TestCompany) -> (i32, String) {
    let out = t.pulse().arg("check").output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// Runs a command that must succeed; returns its stderr (the warnings).
fn warnings(t: &TestCompany, args: &[&str]) -> String {
    let out = t.pulse().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn rock(id: &str, title: &str, owner: &str, extra: &str) -> String {
    format!("[[rock]]\nid = \"{id}\"\ntitle = \"{title}\"\nowner = \"{owner}\"\n{extra}\n")
}

#[test]
fn check_warns_of_a_rock_due_outside_its_quarter() {
    let t = TestCompany::new();
    t.commit_file(
        "rocks/2026-Q4.toml",
        &rock("late", "Late", "amy", "due = 2027-01-15"),
    );
    let (code, out) = check(&t);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("warning: rocks/2026-Q4.toml:2: rock `late` is due 2027-01-15, outside 2026-Q4 (2026-10-01 to 2026-12-31)"),
        "{out}"
    );
}

#[test]
fn check_warns_of_a_done_rock_with_open_milestones() {
    let t = TestCompany::new();
    t.commit_file(
        "rocks/2026-Q4.toml",
        &rock(
            "half",
            "Half done",
            "amy",
            "status = \"done\"\nmilestones = [ { title = \"A\", done = true }, { title = \"B\" } ]",
        ),
    );
    let (_, out) = check(&t);
    assert!(
        out.contains("rock `half` is done with 1 of 2 milestones open"),
        "{out}"
    );
}

#[test]
fn a_rock_titled_as_another_of_its_quarter_warns_at_add_and_in_check() {
    let t = TestCompany::new();
    t.ok(&["rock", "add", "Hire a VP Sales", "--owner", "zoe"]);
    let err = warnings(&t, &["rock", "add", "Hire a VP Sales", "--owner", "amy"]);
    assert!(
        err.contains("2026-Q4 already has a rock titled \"Hire a VP Sales\" (`hire-a-vp-sales`): this one is `hire-a-vp-sales-2`"),
        "{err}"
    );
    let (_, out) = check(&t);
    assert!(
        out.contains("rock `hire-a-vp-sales-2` has the same title as `hire-a-vp-sales` in 2026-Q4"),
        "{out}"
    );
}

#[test]
fn todo_done_on_an_id_written_twice_is_refused_naming_both_lines() {
    let t = TestCompany::new();
    let todo = |title: &str| {
        format!(
            "[[todo]]\nid = \"dup\"\ntitle = \"{title}\"\nowner = \"amy\"\ncreated = 2026-11-20\ndue = 2026-11-27\n\n"
        )
    };
    t.commit_file("todos.toml", &format!("{}{}", todo("One"), todo("Two")));
    let err = t.fails(&["todo", "done", "dup"], 1);
    assert!(
        err.contains("error: two to-dos have the id `dup`: todos.toml:2 and todos.toml:9"),
        "{err}"
    );
    assert!(!t.read("todos.toml").contains("done ="), "nothing written");
    let (code, out) = check(&t);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error: todos.toml:9: to-do id `dup` is used twice in this file"),
        "{out}"
    );
}

#[test]
fn issue_and_rock_commands_refuse_an_id_written_twice() {
    let t = TestCompany::new();
    let issue = |title: &str| {
        format!(
            "[[issue]]\nid = \"dup\"\ntitle = \"{title}\"\nowner = \"amy\"\nterm = \"short\"\ncreated = 2026-11-20\nstatus = \"open\"\n\n"
        )
    };
    t.commit_file("issues.toml", &format!("{}{}", issue("One"), issue("Two")));
    let err = t.fails(&["issue", "solve", "dup"], 1);
    assert!(
        err.contains("two issues have the id `dup`: issues.toml:2 and issues.toml:10"),
        "{err}"
    );
    t.commit_file(
        "rocks/2026-Q4.toml",
        &format!(
            "{}\n{}",
            rock("r", "One", "amy", ""),
            rock("r", "Two", "ian", "")
        ),
    );
    let err = t.fails(&["rock", "set", "r", "done"], 1);
    assert!(
        err.contains("two rocks have the id `r`: rocks/2026-Q4.toml:2 and rocks/2026-Q4.toml:8"),
        "{err}"
    );
    let (code, _) = check(&t);
    assert_eq!(code, 1);
}

#[test]
fn rocks_per_person_warn_above_three_and_more_strongly_above_seven() {
    let t = TestCompany::new();
    let many = |n: usize| -> String {
        (0..n)
            .map(|i| rock(&format!("r{i}"), &format!("R{i}"), "ian", ""))
            .collect::<Vec<_>>()
            .join("\n")
    };
    t.commit_file("rocks/2026-Q4.toml", &many(3));
    assert!(!check(&t).1.contains("ian has"));
    t.commit_file("rocks/2026-Q4.toml", &many(4));
    let (_, out) = check(&t);
    assert!(
        out.contains(
            "warning: rocks/2026-Q4.toml: ian has 4 rocks: EOS recommends 1 to 3 per person"
        ),
        "{out}"
    );
    t.commit_file("rocks/2026-Q4.toml", &many(8));
    let (_, out) = check(&t);
    assert!(
        out.contains("ian has 8 rocks: far too many to get done (more than 7); EOS recommends 1 to 3 per person"),
        "{out}"
    );
    let err = warnings(&t, &["rock", "add", "One more", "--owner", "ian"]);
    assert!(err.contains("ian has 9 rocks: far too many"), "{err}");
}

#[test]
fn fewer_than_three_company_rocks_are_a_note_for_the_current_quarter_only() {
    let t = TestCompany::new();
    let two = format!(
        "{}\n{}",
        rock("a", "A", "amy", "company = true"),
        rock("b", "B", "ian", "company = true")
    );
    t.commit_file("rocks/2026-Q4.toml", &two);
    t.commit_file("rocks/2026-Q3.toml", &two);
    let (_, out) = check(&t);
    assert!(
        out.contains("note: rocks/2026-Q4.toml: 2 company rocks in 2026-Q4: EOS sets 3 to 7"),
        "{out}"
    );
    assert!(
        !out.contains("in 2026-Q3: EOS sets"),
        "history is not re-planned: {out}"
    );
}

#[test]
fn rock_add_due_outside_its_quarter_or_to_a_past_quarter_needs_force() {
    let t = TestCompany::new();
    let err = t.fails(
        &[
            "rock",
            "add",
            "Late",
            "--owner",
            "amy",
            "--due",
            "2027-01-15",
        ],
        1,
    );
    assert!(
        err.contains("error: due 2027-01-15 is outside 2026-Q4 (2026-10-01 to 2026-12-31)")
            && err.contains("--quarter 2027-Q1"),
        "{err}"
    );
    let err = t.fails(
        &[
            "rock",
            "add",
            "Old",
            "--owner",
            "amy",
            "--quarter",
            "2026-Q3",
        ],
        1,
    );
    assert!(err.contains("error: 2026-Q3 is over"), "{err}");
    t.ok(&[
        "rock",
        "add",
        "Late",
        "--owner",
        "amy",
        "--due",
        "2027-01-15",
        "--force",
    ]);
    t.ok(&[
        "rock",
        "add",
        "Old",
        "--owner",
        "amy",
        "--quarter",
        "2026-Q3",
        "--force",
    ]);
    let err = t.fails(&["rock", "edit", "late", "--due", "2027-02-01"], 1);
    assert!(err.contains("outside 2026-Q4"), "{err}");
    t.ok(&["rock", "edit", "late", "--due", "2027-02-01", "--force"]);
    // A future quarter is planning ahead.
    t.ok(&[
        "rock",
        "add",
        "Next",
        "--owner",
        "amy",
        "--quarter",
        "2027-Q1",
    ]);
}

#[test]
fn core_values_and_uniques_too_few_are_a_note_too_many_a_warning() {
    let t = TestCompany::new();
    t.commit_file(
        "vision.toml",
        "core_values = [ { name = \"One\" }, { name = \"Two\" } ]\n[marketing_strategy]\nuniques = [\"Fast\", \"Cheap\", \"Good\", \"Kind\"]\n",
    );
    let (code, out) = check(&t);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("note: vision.toml: 2 core values: EOS keeps 3 to 7"),
        "{out}"
    );
    assert!(
        out.contains("warning: vision.toml: [marketing_strategy] 4 uniques: EOS asks for 3"),
        "{out}"
    );
    t.commit_file(
        "vision.toml",
        "core_values = [ { name = \"One\" }, { name = \"Two\" }, { name = \"Three\" } ]\n[marketing_strategy]\nuniques = [\"Fast\", \"Cheap\", \"Good\"]\n",
    );
    let (_, out) = check(&t);
    assert!(
        !out.contains("core values") && !out.contains("uniques"),
        "{out}"
    );
}

/// A fresh company's templates (two seats, a process, commented V/TO and
/// scorecard) raise none of the EOS-fidelity warnings: they would only add
/// to what `check --strict` in a pre-commit hook says of a company just made.
#[test]
fn a_fresh_company_gets_no_fidelity_warnings_from_its_templates() {
    let t = TestCompany::bare();
    t.ok(&["init", "acme"]);
    let out = t.pulse().args(["-C", "acme", "check"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let warnings: Vec<&str> = text.lines().filter(|l| l.starts_with("warning:")).collect();
    assert!(warnings.is_empty(), "{text}");
    let notes: Vec<&str> = text.lines().filter(|l| l.starts_with("note:")).collect();
    assert_eq!(
        notes,
        [
            "note: company.toml: nobody is on the roster yet: add people with `pulse person add`",
            "note: seats.toml:6: seat `visionary` has nobody in it",
            "note: seats.toml:12: seat `integrator` has nobody in it",
        ],
        "{text}"
    );
}

/// The README's pre-commit recipe, `pulse check --strict -q`, lets a fresh
/// company commit: what its templates leave to fill in (an empty roster,
/// empty seats) are notes, which --strict does not count.
#[test]
fn check_strict_does_not_block_a_fresh_company_whose_template_seats_are_empty() {
    let t = TestCompany::bare();
    t.ok(&["init", "acme"]);
    let out = t
        .pulse()
        .args(["-C", "acme", "check", "--strict"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.ends_with("all good; 3 notes of what is still to fill in\n"),
        "{text}"
    );
    // The hook as the README writes it, then a first change: committed.
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let recipe = readme
        .lines()
        .find(|l| l.contains(".git/hooks/pre-commit"))
        .expect("the README's pre-commit recipe");
    let hook = std::process::Command::new("sh")
        .args(["-c", recipe])
        .current_dir(t.path().join("acme"))
        .status()
        .unwrap();
    assert!(hook.success());
    let mut add = t.pulse();
    add.args(["-C", "acme", "person", "add", "zoe", "--name", "Zoe Park"]);
    // The hook runs `pulse`: the binary under test, first on the PATH.
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_pulse"))
        .parent()
        .unwrap()
        .to_owned();
    let path = std::env::join_paths(
        std::iter::once(bin).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();
    let out = add.env("PATH", &path).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && !err.contains("warning"), "{err}");
    let log = t.git(&["-C", "acme", "log", "--format=%s", "-1"]);
    assert!(log.starts_with("person: add"), "{log}");
    // Found by a new user: the first rock and the first measurable were
    // refused by the hook (too few company rocks, too few measurables).
    for (args, subject) in [
        (
            vec![
                "rock",
                "add",
                "Ten customers",
                "--owner",
                "zoe",
                "--company",
            ],
            "rock: add",
        ),
        (
            vec![
                "scorecard",
                "add",
                "Leads",
                "--owner",
                "zoe",
                "--goal",
                ">= 20",
            ],
            "scorecard: add",
        ),
    ] {
        let mut cmd = t.pulse();
        let out = cmd
            .args(["-C", "acme"])
            .args(&args)
            .env("PATH", &path)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && !err.contains("not committed"),
            "{args:?}: {err}"
        );
        let log = t.git(&["-C", "acme", "log", "--format=%s", "-1"]);
        assert!(log.starts_with(subject), "{args:?}: {log}");
    }
}

#[test]
fn processes_follow_eos_steps_including_packaged() {
    let t = TestCompany::new();
    t.ok(&[
        "process",
        "add",
        "Hiring",
        "--owner",
        "zoe",
        "--status",
        "documented",
    ]);
    assert_eq!(
        t.ok(&["process", "set", "hiring", "packaged"]),
        "hiring: documented → packaged\n"
    );
    assert!(
        t.read("processes/hiring.md")
            .contains("status = \"packaged\"")
    );
    let list = t.ok(&["processes"]);
    assert!(list.contains("packaged"), "{list}");
    let err = t.fails(&["process", "set", "hiring", "trained"], 1);
    assert!(err.contains("packaged"), "{err}");
}

#[test]
fn a_process_without_an_owner_is_a_note() {
    let t = TestCompany::new();
    t.commit_file(
        "processes/billing.md",
        "+++\nname = \"Billing\"\nstatus = \"documented\"\n+++\n1. Invoice.\n",
    );
    let (code, out) = check(&t);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("note: processes/billing.md:1: process \"Billing\" has no owner"),
        "{out}"
    );
}

const CHART: &str = "[[seat]]\nid = \"visionary\"\nname = \"Visionary\"\npeople = [\"zoe\"]\nroles = [\"Ideas\", \"Relationships\", \"Culture\"]\n\n[[seat]]\nid = \"integrator\"\nname = \"Integrator\"\nreports_to = \"visionary\"\npeople = [\"ian\"]\nroles = [\"Lead\", \"P&L\", \"Plan\"]\n\n[[seat]]\nid = \"sales\"\nname = \"Sales\"\nreports_to = \"integrator\"\npeople = [\"amy\"]\nroles = [\"Sell\", \"Market\", \"Forecast\"]\n";

#[test]
fn a_visionary_above_the_integrator_is_one_top_seat() {
    let t = TestCompany::new();
    t.commit_file("seats.toml", CHART);
    let (_, out) = check(&t);
    assert!(!out.contains("seats.toml"), "{out}");
}

#[test]
fn a_second_top_seat_is_a_warning() {
    let t = TestCompany::new();
    t.commit_file(
        "seats.toml",
        &CHART.replace("reports_to = \"integrator\"\n", ""),
    );
    let (code, out) = check(&t);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("warning: seats.toml:15: 2 seats report to no one (visionary, sales): the chart has one seat on top"),
        "{out}"
    );
}

/// Found by a new user: `seat add` made a second top seat without a word
/// (`rock add` says its limit at once).
#[test]
fn seat_add_says_when_it_makes_a_second_top_seat() {
    let t = TestCompany::new();
    t.commit_file("seats.toml", CHART);
    let out = t
        .pulse()
        .args(["seat", "add", "Partners"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("warning: Partners reports to no seat, as Visionary does: the chart has one seat at the top"),
        "{err}"
    );
    let out = t
        .pulse()
        .args(["seat", "add", "Support", "--reports-to", "integrator"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).is_empty());
}

#[test]
fn a_seat_with_fewer_than_three_or_more_than_seven_roles_is_a_warning() {
    let t = TestCompany::new();
    t.commit_file(
        "seats.toml",
        &CHART
            .replace("[\"Sell\", \"Market\", \"Forecast\"]", "[\"Sell\"]")
            .replace(
                "[\"Lead\", \"P&L\", \"Plan\"]",
                "[\"1\", \"2\", \"3\", \"4\", \"5\", \"6\", \"7\", \"8\"]",
            ),
    );
    let (_, out) = check(&t);
    assert!(
        out.contains("warning: seats.toml:15: seat `sales` has 1 role: EOS gives a seat 3 to 7"),
        "{out}"
    );
    assert!(out.contains("seat `integrator` has 8 roles"), "{out}");
}

#[test]
fn a_shared_seat_is_a_warning() {
    let t = TestCompany::new();
    t.commit_file(
        "seats.toml",
        &CHART.replace("people = [\"amy\"]", "people = [\"amy\", \"zoe\"]"),
    );
    let (_, out) = check(&t);
    assert!(
        out.contains("warning: seats.toml:15: seat `sales` is shared by amy, zoe: EOS puts one person in each seat"),
        "{out}"
    );
}

/// `Missed: Revenue $69900 (goal >= 80000) (kofi)`: no thousands, no unit
/// on the goal, two brackets. Shown now as people write money; the files,
/// JSON and export keep the plain number.
#[test]
fn numbers_show_thousands_and_the_unit_on_goals_with_one_bracket() {
    let t = TestCompany::new();
    t.ok(&[
        "scorecard",
        "add",
        "Revenue",
        "--owner",
        "amy",
        "--goal",
        ">= 80000",
        "--unit",
        "$",
    ]);
    t.ok(&[
        "scorecard",
        "add",
        "Leads",
        "--owner",
        "ian",
        "--goal",
        ">= 20",
    ]);
    t.ok(&["scorecard", "record", "revenue", "69900"]);
    t.ok(&["scorecard", "record", "leads", "21"]);
    t.ok(&[
        "scorecard",
        "record",
        "revenue",
        "75937.5",
        "--week",
        "2026-W47",
    ]);
    let agenda = t.ok(&["agenda"]);
    assert!(
        agenda.contains("+ Missed: Revenue $69,900 (goal >= $80,000, amy)"),
        "{agenda}"
    );
    let status = t.ok(&["status"]);
    assert!(
        status.contains("✗ Revenue $69,900 (goal >= $80,000, amy)"),
        "{status}"
    );
    let table = t.ok(&["scorecard", "--weeks", "2"]);
    assert!(
        table.contains(">= $80,000") && table.contains("$75,937.50") && table.contains("$69,900✗"),
        "{table}"
    );
    t.ok(&["report", "--html", "report.html"]);
    let report = t.read("report.html");
    assert!(
        report.contains("&gt;= $80,000") && report.contains("$69,900"),
        "{report}"
    );
    // Machine-readable output keeps the number; whole ones without `.0`.
    let json = t.ok(&["--json", "scorecard", "--weeks", "2"]);
    assert!(
        json.contains("\"value\": 21,") || json.contains("\"value\": 21\n"),
        "{json}"
    );
    assert!(json.contains("\"value\": 75937.5"), "{json}");
    assert!(!json.contains("21.0") && !json.contains("69,900"), "{json}");
    let out = tempfile::TempDir::new().unwrap();
    t.ok(&["export", out.path().to_str().unwrap()]);
    let mut exported = String::new();
    for entry in std::fs::read_dir(out.path()).unwrap() {
        exported.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default());
    }
    assert!(
        exported.contains("69900") && !exported.contains("69,900") && !exported.contains("$80,000"),
        "{exported}"
    );
    assert!(t.read("scorecard.csv").contains(",revenue,69900,"));
}

/// A new company's scorecard showed 13 columns of `·` and "90 missing"; a
/// measurable added later counted the weeks before it as missing.
#[test]
fn a_new_scorecard_shows_only_the_weeks_since_its_first_measurable() {
    let t = TestCompany::new();
    t.ok(&[
        "scorecard",
        "add",
        "Leads",
        "--owner",
        "amy",
        "--goal",
        ">= 20",
    ]);
    assert!(t.read("scorecard.toml").contains("since = \"2026-W48\""));
    let table = t.ok(&["scorecard"]);
    assert!(
        table.contains("26-W48") && !table.contains("26-W47"),
        "{table}"
    );
    assert!(table.contains("week 2026-W48 (1 missing)"), "{table}");
    // Three weeks on, a second measurable: its earlier weeks are blank.
    let later = TestCompany {
        dir: t.dir,
        today: "2026-12-18".into(),
    };
    later.ok(&[
        "scorecard",
        "add",
        "Cash",
        "--owner",
        "ian",
        "--goal",
        ">= 2",
    ]);
    later.ok(&["scorecard", "record", "leads", "22"]);
    let table = later.ok(&["scorecard"]);
    assert!(
        table.contains("weeks 2026-W48 to 2026-W51 (4 missing)"),
        "3 for leads, 1 for cash: {table}"
    );
    let cash = table.lines().find(|l| l.contains("Cash")).unwrap();
    assert_eq!(cash.matches('·').count(), 1, "{table}");
    // A value back-filled before `since` is shown and counted.
    later.ok(&["scorecard", "record", "cash", "3", "--week", "2026-W46"]);
    let table = later.ok(&["scorecard"]);
    assert!(table.contains("26-W46"), "{table}");
}

/// `people`, `vision`, `diff` and `log` ran past 80 columns on the demo
/// (core values as headers, long V/TO lines, commit subjects): now within
/// 80, wrapped between words — the words are the same as on a pipe.
#[test]
fn people_vision_diff_and_log_fit_80_columns_without_breaking_words() {
    let t = TestCompany::demo();
    let run = |columns: Option<&str>, args: &[&str]| -> String {
        let mut cmd = t.pulse();
        if let Some(c) = columns {
            cmd.env("COLUMNS", c);
        }
        let out = cmd.args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let words = |text: &str| -> Vec<String> { text.split_whitespace().map(String::from).collect() };
    for args in [
        &["vision"][..],
        &["diff", "--since", "2001-01-01"],
        &["diff"],
        &["log", "frankfurt"],
        &["log", "new-leads"],
        &["log", "churn-doubled"],
        &["people"],
    ] {
        let narrow = run(Some("80"), args);
        for line in narrow.lines() {
            assert!(
                line.chars().count() <= 80,
                "{args:?}: {line:?} is wider than 80"
            );
        }
        if args != ["people"] {
            assert_eq!(
                words(&narrow),
                words(&run(None, args)),
                "{args:?}: wrapping changed the words"
            );
        }
    }
    let people = run(Some("80"), &["people"]);
    assert!(
        people.contains("right person, right seat")
            && people.contains("HC Humbly confident")
            && people.contains("GWC"),
        "{people}"
    );
    // A pipe with no COLUMNS gets the full headers.
    assert!(run(None, &["people"]).contains("Humbly confident   Own the outcome"));
}
