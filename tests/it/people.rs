//! The V/TO, the accountability chart, processes and `pulse check`.

use crate::common::TestCompany;

#[test]
fn vision_with_every_section_and_empty() {
    let t = TestCompany::demo();
    let v = t.ok(&["vision"]);
    for part in [
        "Core values",
        "Humbly confident",
        "Core focus",
        "10-year target",
        "2034-12-31 (2958 days left)",
        "Marketing strategy",
        "3-year picture",
        "1-year plan",
        "Rocks for 2026-Q4",
        "Issues list (long-term)",
        "GPU servers",
    ] {
        assert!(v.contains(part), "{part} missing:\n{v}");
    }
    assert!(
        t.ok(&["vision", "--format", "markdown"])
            .contains("## Core values")
    );
    let json: serde_json::Value = serde_json::from_str(&t.ok(&["--json", "vision"])).unwrap();
    assert_eq!(json["vision"]["core_values"].as_array().unwrap().len(), 4);

    let empty = TestCompany::new();
    let v = empty.ok(&["vision"]);
    assert_eq!(v.matches("not set yet").count(), 7, "{v}");
}

#[test]
fn the_chart_as_a_tree_and_seat_commands() {
    let t = TestCompany::demo();
    let tree = t.ok(&["seats"]);
    assert!(tree.starts_with("Integrator — Zoe Park\n"), "{tree}");
    assert!(
        tree.contains("├── Product — Priya Raman") && tree.contains("└── Finance — Felix Wagner"),
        "{tree}"
    );
    assert_eq!(
        t.ok(&[
            "seat",
            "add",
            "Data centre ops",
            "--reports-to",
            "net",
            "--person",
            "nate",
            "--role",
            "Racks"
        ]),
        "data-centre-ops\n"
    );
    assert!(
        t.ok(&["seats"])
            .contains("│   └── Data centre ops — Nate Okafor")
    );
    t.ok(&["seat", "assign", "data-c", "ian"]);
    t.ok(&["seat", "unassign", "data-c", "nate"]);
    assert!(t.read("seats.toml").contains("people = [\"ian\"]"));
    let err = t.fails(&["seat", "remove", "network"], 1);
    assert!(err.contains("data-centre-ops"), "{err}");
    t.ok(&["seat", "remove", "data-c"]);
    assert!(!t.read("seats.toml").contains("data-centre-ops"));
    let err = t.fails(&["seat", "add", "X", "--reports-to", "nowhere"], 1);
    assert!(
        err.contains("unknown seat `nowhere`") && err.contains("integrator"),
        "{err}"
    );
    let err = t.fails(&["seat", "assign", "product", "bob"], 1);
    assert!(err.contains("unknown person `bob`"), "{err}");
}

#[test]
fn a_reports_to_cycle_is_an_error() {
    let t = TestCompany::new();
    t.commit_file("seats.toml", "[[seat]]\nid = \"a\"\nname = \"A\"\nreports_to = \"b\"\npeople = [\"zoe\"]\n\n[[seat]]\nid = \"b\"\nname = \"B\"\nreports_to = \"a\"\npeople = [\"ian\", \"amy\"]\n");
    let out = t.pulse().arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("loop: a → b → a"), "{stdout}");
    assert!(
        t.ok(&["seats"])
            .contains("report to each other in a loop: a, b")
    );
}

#[test]
fn processes_list_with_last_change() {
    let t = TestCompany::demo();
    let out = t.ok(&["processes"]);
    assert!(
        out.contains("Customer onboarding")
            && out.contains("followed-by-all")
            && out.contains("2026-11-27"),
        "{out}"
    );
    t.commit_file(
        "processes/broken.md",
        "+++\nname = \"Broken\nowner = \"amy\"\n+++\n",
    );
    let err = t.fails(&["processes"], 2);
    assert!(err.contains("processes/broken.md:2:"), "{err}");
}

#[test]
fn check_reports_references_and_rules() {
    let t = TestCompany::new();
    t.commit_file(
        "rocks/2026-Q4.toml",
        "[[rock]]\nid = \"a\"\ntitle = \"A\"\nowner = \"bob\"\n",
    );
    t.commit_file(
        "todos.toml",
        "[[todo]]\nid = \"t\"\ntitle = \"T\"\nowner = \"amy\"\nissue = \"ghost\"\n",
    );
    t.commit_file("vision.toml", "[one_year_plan]\ndate = 2025-12-31\n");
    let out = t.pulse().arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(
            "error: rocks/2026-Q4.toml:2: rock `a`: unknown person `bob` (valid: amy, ian, zoe)"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("to-do `t`: unknown issue `ghost`"),
        "{stdout}"
    );
    assert!(
        stdout.contains("warning: vision.toml: [one_year_plan] date 2025-12-31 is in the past"),
        "{stdout}"
    );

    let clean = TestCompany::new();
    clean.commit_file("vision.toml", "[one_year_plan]\ndate = 2025-12-31\n");
    clean.ok(&["check"]);
    clean.fails(&["check", "--strict"], 1);

    let broken = TestCompany::new();
    broken.commit_file("issues.toml", "[[issue]\nid = 1\n");
    let out = broken.pulse().arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("issues.toml:1:"));
}

#[test]
fn completions_for_every_shell() {
    let t = TestCompany::bare();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        // The script calls pulse back on TAB for commands, flags and the
        // company's ids; `--static` is the fixed list of commands and flags.
        let out = t.ok(&["completions", shell]);
        assert!(out.contains("COMPLETE") && out.contains("pulse"), "{shell}");
        let out = t.ok(&["completions", shell, "--static"]);
        assert!(
            out.contains("agenda") && out.contains("scorecard"),
            "{shell}"
        );
    }
}

/// A scripted `$EDITOR`: the n-th time it runs it replaces the file with
/// `drafts[n]` (the last one again once they run out).
fn scripted_editor(drafts: &[&str]) -> (tempfile::TempDir, String) {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    for (i, draft) in drafts.iter().enumerate() {
        std::fs::write(dir.path().join(format!("draft{}", i + 1)), draft).unwrap();
    }
    let script = dir.path().join("editor");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nd={dir}\nn=$(cat \"$d/count\" 2>/dev/null || echo 0)\nn=$((n+1))\necho $n > \"$d/count\"\n[ -f \"$d/draft$n\" ] || n={last}\ncp \"$d/draft$n\" \"$1\"\n",
            dir = dir.path().display(),
            last = drafts.len()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = script.display().to_string();
    (dir, path)
}

fn editor_runs(dir: &tempfile::TempDir) -> String {
    std::fs::read_to_string(dir.path().join("count"))
        .unwrap_or_default()
        .trim()
        .to_string()
}

#[test]
fn vision_edit_validates_reopens_and_commits() {
    let t = TestCompany::new();
    let good = "# Our V/TO\n[[core_values]]\nname = \"Help first\"\n\n[core_focus]\npurpose = \"Keep small firms online\"\n";
    let (dir, editor) = scripted_editor(&["[[core_values]\nname = 1\n", good]);
    let out = t
        .pulse()
        .args(["vision", "edit"])
        .env("EDITOR", &editor)
        .env_remove("VISUAL")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("error: vision.toml:1:"), "{stderr}");
    assert!(stderr.contains("Reopening the editor"), "{stderr}");
    assert_eq!(editor_runs(&dir), "2");
    assert_eq!(t.read("vision.toml"), good);
    assert_eq!(t.log()[0], "vision: edit core_focus, core_values");
    assert!(t.clean());
    assert!(t.ok(&["vision"]).contains("Help first"));
}

#[test]
fn vision_edit_gives_up_on_an_unchanged_broken_draft() {
    let t = TestCompany::new();
    t.commit_file(
        "vision.toml",
        "# ours\n[core_focus]\nniche = \"Bare metal\"\n",
    );
    let before = t.read("vision.toml");
    let commits = t.log().len();
    let (dir, editor) = scripted_editor(&["core_values = [\n"]);
    let out = t
        .pulse()
        .args(["vision", "edit"])
        .env("VISUAL", &editor)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("vision.toml was not changed; your draft is kept in"),
        "{stderr}"
    );
    assert_eq!(editor_runs(&dir), "2");
    assert_eq!(t.read("vision.toml"), before);
    assert_eq!(t.log().len(), commits);

    // An editor that fails, or that cannot be found, writes nothing either.
    let err = t
        .pulse()
        .args(["vision", "edit"])
        .env("VISUAL", "false")
        .output()
        .unwrap();
    assert_eq!(err.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&err.stderr).contains("the editor `false` exited"));
    let missing = t
        .pulse()
        .args(["vision", "edit"])
        .env("VISUAL", "no-such-editor-here --wait")
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&missing.stderr)
            .contains("cannot start the editor `no-such-editor-here`")
    );
    assert_eq!(t.read("vision.toml"), before);
    // Saving without a change is not a change.
    let (_dir, same) = scripted_editor(&[&before]);
    let out = t
        .pulse()
        .args(["vision", "edit"])
        .env("VISUAL", &same)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("vision.toml unchanged"));
    assert_eq!(t.log().len(), commits);
}

#[test]
fn people_analyzer_rates_and_shows_the_bar() {
    let t = TestCompany::new();
    t.commit_file(
        "vision.toml",
        "[[core_values]]\nname = \"Help first\"\n\n[[core_values]]\nname = \"Own it\"\n",
    );
    t.commit_file(
        "seats.toml",
        "[[seat]]\nid = \"integrator\"\nname = \"Integrator\"\npeople = [\"zoe\"]\n\n[[seat]]\nid = \"ops\"\nname = \"Operations\"\nreports_to = \"integrator\"\npeople = [\"ian\", \"amy\"]\n",
    );
    let line = t.ok(&[
        "people",
        "rate",
        "ian",
        "--value",
        "help=+",
        "--value",
        "Own it=+/-",
        "--gwc",
        "YYN",
        "--by",
        "zoe",
    ]);
    assert_eq!(
        line,
        "ian: Help first +, Own it +/- · GWC YYN · right person, wrong seat\n"
    );
    // People data is never committed to the company's repository.
    assert!(!t.log().iter().any(|l| l.starts_with("people:")));
    t.ok(&[
        "people", "rate", "zoe", "--value", "help=+", "--value", "own=+", "--gwc", "yyy",
    ]);
    t.ok(&["people", "rate", "amy", "--value", "own=-"]);
    let file = t.read("people.toml");
    assert!(file.contains("[people.ian]"), "{file}");
    assert!(file.contains("gwc_by_seat = { ops = \"YYN\" }"), "{file}");
    assert!(file.contains("rated = 2026-11-27"), "{file}");
    assert!(file.contains("by = \"zoe\""), "{file}");

    let table = t.ok(&["people"]);
    let row = |h: &str| {
        table
            .lines()
            .find(|l| l.trim_start().starts_with(h))
            .unwrap_or_else(|| panic!("{h} missing:\n{table}"))
            .to_string()
    };
    assert!(
        table.contains("Help first") && table.contains("Own it"),
        "{table}"
    );
    assert!(row("zoe").contains("right person, right seat"), "{table}");
    assert!(row("zoe").contains("Integrator"), "{table}");
    assert!(row("ian").contains("right person, wrong seat"), "{table}");
    assert!(row("amy").contains("below the bar"), "{table}");

    let json: serde_json::Value = serde_json::from_str(&t.ok(&["--json", "people"])).unwrap();
    assert_eq!(json["people"][1]["id"], "ian");
    assert_eq!(json["people"][1]["gwc"]["capacity"], false);
    assert_eq!(json["people"][1]["values"][1]["rating"], "+/-");
    assert_eq!(json["people"][1]["verdict"], "right_person_wrong_seat");

    // Bad inputs name the accepted form and the valid choices.
    assert!(
        t.fails(&["people", "rate", "ian", "--gwc", "YY"], 1)
            .contains("expected three letters Y or N")
    );
    assert!(
        t.fails(&["people", "rate", "ian", "--value", "help=++"], 1)
            .contains("expected +, +/- or -")
    );
    assert!(
        t.fails(&["people", "rate", "ian", "--value", "kindness=+"], 1)
            .contains("core values: Help first, Own it")
    );
    assert!(
        t.fails(&["people", "rate", "ian", "--value", "help"], 1)
            .contains("expected NAME=RATING")
    );
    assert!(
        t.fails(&["people", "rate", "bob", "--gwc", "YYY"], 1)
            .contains("amy")
    );
    assert!(
        t.fails(&["people", "rate", "ian"], 1)
            .contains("nothing to rate")
    );
    // Written, never committed: the only change in the work tree.
    assert_eq!(t.git(&["status", "--porcelain"]), "?? people.toml\n");
}

#[test]
fn a_git_ignored_people_file_is_written_not_committed() {
    let t = TestCompany::new();
    t.commit_file("vision.toml", "[[core_values]]\nname = \"Help first\"\n");
    t.commit_file(".gitignore", "people.toml\n");
    let commits = t.log().len();
    let out = t
        .pulse()
        .args(["people", "rate", "ian", "--value", "help=+"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("note: people.toml is ignored by git: written, not committed")
    );
    assert_eq!(t.log().len(), commits);
    assert!(t.clean());
    assert!(t.read("people.toml").contains("[people.ian]"));
}

#[test]
fn rating_into_a_tracked_people_file_warns_that_it_is_shared() {
    let t = TestCompany::new();
    t.commit_file("vision.toml", "[[core_values]]\nname = \"Help first\"\n");
    t.commit_file("people.toml", "# ratings\n");
    let commits = t.log().len();
    let out = t
        .pulse()
        .args(["people", "rate", "ian", "--value", "help=+"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("people.toml is tracked by git"), "{err}");
    assert!(err.contains("git rm --cached 'people.toml'"), "{err}");
    // Tracked or not, pulse does not commit it.
    assert_eq!(t.log().len(), commits);
    assert_eq!(t.git(&["status", "--porcelain"]), " M people.toml\n");
    // Every command about people says so, and `pulse check` too.
    let out = t.pulse().arg("people").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("people.toml is tracked by git"));
    let out = t.pulse().arg("check").output().unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("warning: .gitignore: people.toml is tracked by git")
    );
}

#[test]
fn a_bad_rating_in_people_toml_is_located() {
    let t = TestCompany::new();
    t.commit_file("vision.toml", "[[core_values]]\nname = \"Help first\"\n");
    t.commit_file(
        "people.toml",
        "[people.ian]\nvalues = { \"Help first\" = \"great\" }\n\n[people.bob]\ngwc = \"YYY\"\nvalues = { Kindness = \"+\" }\n",
    );
    let err = t.fails(&["people"], 2);
    assert!(err.contains("error: people.toml:2:"), "{err}");
    assert!(err.contains("expected +, +/- or -"), "{err}");
    let out = t.pulse().arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    for part in [
        "error: people.toml:2: `ian`, Help first: invalid core value rating `great`",
        "error: people.toml:5: people analyzer: unknown person `bob`",
        "error: people.toml:6: `bob` is rated on `Kindness`, which is not a core value (core values: Help first)",
    ] {
        assert!(stdout.contains(part), "{part} missing:\n{stdout}");
    }
}

/// Runs `pulse check` on a fresh company with `files` committed; returns
/// the exit code and stdout.
fn check_with(files: &[(&str, &str)], strict: bool) -> (i32, String) {
    let t = TestCompany::new();
    for (rel, text) in files {
        t.commit_file(rel, text);
    }
    let mut cmd = t.pulse();
    cmd.arg("check");
    if strict {
        cmd.arg("--strict");
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// One person per seat, three roles each, one seat on top.
const SEATED: (&str, &str) = (
    "seats.toml",
    "[[seat]]\nid = \"integrator\"\nname = \"Integrator\"\npeople = [\"zoe\"]\nroles = [\"Lead\", \"P&L\", \"Plan\"]\n\n[[seat]]\nid = \"sales\"\nname = \"Sales\"\nreports_to = \"integrator\"\npeople = [\"amy\"]\nroles = [\"Sell\", \"Market\", \"Forecast\"]\n\n[[seat]]\nid = \"software\"\nname = \"Software\"\nreports_to = \"integrator\"\npeople = [\"ian\"]\nroles = [\"Build\", \"Ship\", \"Hire\"]\n",
);

fn measurables(n: usize) -> String {
    (0..n)
        .map(|i| format!("[[measurable]]\nid = \"m{i}\"\nname = \"M{i}\"\nowner = \"amy\"\ngoal = \">= 1\"\n\n"))
        .collect()
}

/// A rule, the files that break it, and what `pulse check` must say.
type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a str);

#[test]
fn every_check_rule_is_a_warning_or_an_error() {
    let five = measurables(5);
    let baseline = [SEATED, ("scorecard.toml", five.as_str())];
    let (code, out) = check_with(&baseline, true);
    assert_eq!(
        (code, out.as_str()),
        (
            0,
            "all good: every file parses and every reference resolves\n"
        ),
        "{out}"
    );

    let rocks: String = (0..8)
        .map(|i| format!("[[rock]]\nid = \"r{i}\"\ntitle = \"R{i}\"\nowner = \"ian\"\n\n"))
        .collect();
    let values: String = (0..8)
        .map(|i| format!("[[core_values]]\nname = \"V{i}\"\n\n"))
        .collect();
    let sixteen = measurables(16);
    let warnings: [Case; 6] = [
        (
            "more than 7 rocks per owner (above 3 already warns)",
            vec![
                SEATED,
                ("scorecard.toml", &five),
                ("rocks/2026-Q4.toml", &rocks),
            ],
            "warning: rocks/2026-Q4.toml: ian has 8 rocks: far too many to get done (more than 7); EOS recommends 1 to 3 per person",
        ),
        (
            "more than 15 measurables",
            vec![SEATED, ("scorecard.toml", &sixteen)],
            "warning: scorecard.toml: 16 measurables: EOS keeps 5 to 15 on the scorecard",
        ),
        (
            "a seat with nobody in it",
            vec![
                (
                    "seats.toml",
                    "[[seat]]\nid = \"all\"\nname = \"All\"\npeople = [\"amy\", \"ian\", \"zoe\"]\n\n[[seat]]\nid = \"sales\"\nname = \"Sales\"\nreports_to = \"all\"\n",
                ),
                ("scorecard.toml", &five),
            ],
            "note: seats.toml:7: seat `sales` has nobody in it",
        ),
        (
            "a person in no seat",
            vec![
                (
                    "seats.toml",
                    "[[seat]]\nid = \"all\"\nname = \"All\"\npeople = [\"amy\", \"zoe\"]\n",
                ),
                ("scorecard.toml", &five),
            ],
            "note: seats.toml: ian sits in no seat",
        ),
        (
            "more than 7 core values",
            vec![SEATED, ("scorecard.toml", &five), ("vision.toml", &values)],
            "warning: vision.toml: 8 core values: EOS keeps 3 to 7",
        ),
        (
            "a stale V/TO date",
            vec![
                SEATED,
                ("scorecard.toml", &five),
                ("vision.toml", "[three_year_picture]\ndate = 2026-01-01\n"),
            ],
            "warning: vision.toml: [three_year_picture] date 2026-01-01 is in the past",
        ),
    ];
    for (rule, files, expected) in &warnings {
        let (code, out) = check_with(files, false);
        assert_eq!(code, 0, "{rule}: a warning exits 0:\n{out}");
        assert!(
            out.contains(expected),
            "{rule}: expected {expected:?} in:\n{out}"
        );
        let (strict, _) = check_with(files, true);
        assert_eq!(strict, 1, "{rule}: --strict turns the warning into exit 1");
    }

    // Too few measurables is a scorecard being built: a note, which
    // --strict does not count (a pre-commit hook lets them come one by one).
    let one: Vec<(&str, &str)> = vec![
        SEATED,
        (
            "scorecard.toml",
            "[[measurable]]\nid = \"m\"\nname = \"M\"\nowner = \"amy\"\ngoal = \">= 1\"\n",
        ),
    ];
    let (code, out) = check_with(&one, true);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("note: scorecard.toml: 1 measurable: EOS keeps 5 to 15 on the scorecard"),
        "{out}"
    );

    let errors: [Case; 8] = [
        (
            "an unknown owner",
            vec![
                SEATED,
                (
                    "scorecard.toml",
                    "[[measurable]]\nid = \"m\"\nname = \"M\"\nowner = \"bob\"\ngoal = \">= 1\"\n",
                ),
            ],
            "unknown person `bob` (valid: amy, ian, zoe)",
        ),
        (
            "an unknown seat",
            vec![(
                "seats.toml",
                "[[seat]]\nid = \"all\"\nname = \"All\"\nreports_to = \"boss\"\npeople = [\"amy\", \"ian\", \"zoe\"]\n",
            )],
            "seat `all` reports to unknown seat `boss` (seats: all)",
        ),
        (
            "an unknown issue id",
            vec![
                SEATED,
                (
                    "todos.toml",
                    "[[todo]]\nid = \"t\"\ntitle = \"T\"\nowner = \"amy\"\nissue = \"ghost\"\n",
                ),
            ],
            "to-do `t`: unknown issue `ghost`",
        ),
        (
            "a duplicate id",
            vec![
                SEATED,
                (
                    "issues.toml",
                    "[[issue]]\nid = \"a\"\ntitle = \"A\"\n\n[[issue]]\nid = \"a\"\ntitle = \"B\"\n",
                ),
            ],
            "issues.toml:6: issue id `a` is used twice in this file",
        ),
        (
            "an invalid priority",
            vec![
                SEATED,
                (
                    "issues.toml",
                    "[[issue]]\nid = \"a\"\ntitle = \"A\"\npriority = 7\n",
                ),
            ],
            "issue `a`: priority 7: expected 1, 2 or 3",
        ),
        (
            "an invalid goal",
            vec![
                SEATED,
                (
                    "scorecard.toml",
                    "[[measurable]]\nid = \"m\"\nname = \"M\"\nowner = \"amy\"\ngoal = \"lots\"\n",
                ),
            ],
            "scorecard.toml:5:",
        ),
        (
            "an invalid meeting rating",
            vec![
                SEATED,
                (
                    "meetings/2026-11-26.toml",
                    "date = 2026-11-26\n[ratings]\namy = 11\n",
                ),
            ],
            "rating amy = 11: expected 1 to 10",
        ),
        (
            "a seats loop",
            vec![(
                "seats.toml",
                "[[seat]]\nid = \"a\"\nname = \"A\"\nreports_to = \"b\"\npeople = [\"amy\", \"ian\", \"zoe\"]\n\n[[seat]]\nid = \"b\"\nname = \"B\"\nreports_to = \"a\"\npeople = [\"amy\"]\n",
            )],
            "seats report to each other in a loop: a → b → a",
        ),
    ];
    for (rule, files, expected) in &errors {
        let (code, out) = check_with(files, false);
        assert!(code >= 1, "{rule}: an error exits non-zero:\n{out}");
        assert!(
            out.contains(expected),
            "{rule}: expected {expected:?} in:\n{out}"
        );
    }
}

#[test]
fn man_pages_for_every_command() {
    let t = TestCompany::bare();
    let page = t.ok(&["man"]);
    assert!(
        page.starts_with(".ie") && page.contains(".TH pulse 1"),
        "{page}"
    );
    assert!(page.contains("agenda") && page.contains("scorecard"));
    let out = t.ok(&["man", "--out", "man1"]);
    assert!(out.ends_with("manual pages written to man1\n"), "{out}");
    // The merge driver is git's, hidden from help: no page of its own.
    assert!(!t.path().join("man1/pulse-merge-driver.1").exists());
    let add = std::fs::read_to_string(t.path().join("man1/pulse-rock-add.1")).unwrap();
    assert!(add.contains(".TH pulse-rock-add 1"), "{add}");
    assert!(
        add.contains("pulse rock add"),
        "the examples are in the page"
    );
    // Every page another page refers to exists.
    let rock = std::fs::read_to_string(t.path().join("man1/pulse-rock.1")).unwrap();
    assert!(
        rock.contains("pulse\\-rock\\-add(1)") || rock.contains("pulse-rock-add(1)"),
        "{rock}"
    );
}

#[test]
fn man_pages_name_no_missing_page_and_the_main_page_has_environment_exit_status_files() {
    let t = TestCompany::bare();
    t.ok(&["man", "--out", "man1"]);
    let dir = t.path().join("man1");
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        pages.push(name);
    }
    assert!(pages.contains(&"pulse.1".to_string()), "{pages:?}");
    for page in &pages {
        let text = std::fs::read_to_string(dir.join(page))
            .unwrap()
            .replace("\\-", "-");
        for (at, _) in text.match_indices("(1)") {
            let start = text[..at]
                .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .map_or(0, |i| i + 1);
            let name = &text[start..at];
            if name.starts_with("pulse") {
                assert!(
                    pages.contains(&format!("{name}.1")),
                    "{page} refers to {name}(1), which is not written"
                );
            }
        }
        assert!(!text.contains("-help(1)"), "{page}");
    }
    let main = t.ok(&["man"]);
    for section in [".SH ENVIRONMENT", ".SH \"EXIT STATUS\"", ".SH FILES"] {
        assert!(main.contains(section), "{section} in:\n{main}");
    }
    for var in [
        "PULSE_TODAY",
        "PULSE_NOW",
        "PULSE_DIR",
        "PULSE_TEAM",
        "EDITOR",
        "NO_COLOR",
    ] {
        assert!(main.contains(&format!("\\fB{var}\\fR")), "{var}");
    }
    assert!(main.contains("company.toml") && main.contains("scorecard.csv"));
    assert!(main.find(".SH FILES") < main.find(".SH VERSION"));
}

/// A company with two core values, zoe at the top and ian in two seats
/// under her; amy in no seat.
fn analyzer_company() -> TestCompany {
    let t = TestCompany::new();
    t.commit_file(
        "vision.toml",
        "[[core_values]]\nname = \"Help first\"\n\n[[core_values]]\nname = \"Own it\"\n",
    );
    t.commit_file(
        "seats.toml",
        "[[seat]]\nid = \"integrator\"\nname = \"Integrator\"\npeople = [\"zoe\"]\n\n[[seat]]\nid = \"software\"\nname = \"Software\"\nreports_to = \"integrator\"\npeople = [\"ian\"]\nroles = [\"Platform roadmap\", \"Release quality\"]\n\n[[seat]]\nid = \"network\"\nname = \"Network\"\nreports_to = \"integrator\"\npeople = [\"ian\"]\nroles = [\"Uptime\"]\n",
    );
    t
}

#[test]
fn gwc_is_rated_per_seat_and_the_bar_is_the_teams() {
    let t = analyzer_company();
    // Two seats: the GWC needs --seat.
    let err = t.fails(&["people", "rate", "ian", "--gwc", "YYY", "--by", "zoe"], 1);
    assert!(
        err.contains("ian sits in 2 seats: software (Software), network (Network)"),
        "{err}"
    );
    t.ok(&[
        "people", "rate", "ian", "--value", "help=+", "--value", "own=+/-", "--gwc", "YYY",
        "--seat", "soft", "--by", "zoe",
    ]);
    let line = t.ok(&[
        "people", "rate", "ian", "--gwc", "YNY", "--seat", "network", "--by", "zoe",
    ]);
    assert_eq!(
        line,
        "ian: Help first +, Own it +/- · GWC Software YYY · GWC Network YNY · right person, wrong seat\n"
    );
    // Found by a new user: the inline table grew as `{ a = "YYY" , b = ... }`.
    let file = t.read("people.toml");
    assert!(
        file.contains("gwc_by_seat = { software = \"YYY\", network = \"YNY\" }"),
        "{file}"
    );
    // A person in no seat is not rated, whatever the values.
    t.ok(&[
        "people", "rate", "amy", "--value", "help=+", "--value", "own=+", "--by", "zoe",
    ]);
    let err = t.fails(&["people", "rate", "amy", "--gwc", "YYY"], 1);
    assert!(err.contains("amy sits in no seat"), "{err}");
    let table = t.ok(&["people"]);
    let rows: Vec<&str> = table.lines().filter(|l| l.starts_with(" ian")).collect();
    assert_eq!(rows.len(), 2, "{table}");
    assert!(rows[0].contains("Software") && rows[0].ends_with("right person, right seat"));
    assert!(rows[1].contains("Network") && rows[1].ends_with("right person, wrong seat"));
    let amy = table.lines().find(|l| l.starts_with(" amy")).unwrap();
    assert!(amy.contains("—") && amy.ends_with("not rated"), "{table}");
    let json: serde_json::Value = serde_json::from_str(&t.ok(&["--json", "people"])).unwrap();
    let ian = &json["people"][1];
    assert_eq!(ian["id"], "ian");
    assert_eq!(ian["verdict"], "right_person_wrong_seat");
    assert_eq!(ian["seat_ratings"][1]["seat"], "network");
    assert_eq!(ian["seat_ratings"][1]["gwc"]["wants_it"], false);
    assert_eq!(ian["by"], "zoe");
    assert_eq!(json["bar"]["plus_minus"], 1);

    // A stricter bar: no +/- at all.
    let company = t.read("company.toml");
    t.commit_file(
        "company.toml",
        &format!("{company}\n[people_analyzer]\nbar = {{ minus = 0, plus_minus = 0 }}\n"),
    );
    let table = t.ok(&["people"]);
    let ian = table.lines().find(|l| l.starts_with(" ian")).unwrap();
    assert!(ian.ends_with("below the bar"), "{table}");

    // No core values: nobody is the right person yet.
    t.commit_file("vision.toml", "");
    let table = t.ok(&["people"]);
    assert!(
        table
            .lines()
            .filter(|l| l.starts_with(" ian"))
            .all(|l| l.ends_with("not rated")),
        "{table}"
    );
}

#[test]
fn each_rating_says_who_and_when_and_the_history_keeps_the_quarters() {
    let t = analyzer_company();
    let rate = |today: &str, args: &[&str]| {
        let mut all = vec!["people", "rate", "ian"];
        all.extend_from_slice(args);
        let out = t
            .pulse()
            .env("PULSE_TODAY", today)
            .args(&all)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
    };
    rate(
        "2026-08-20",
        &["--value", "help=+/-", "--value", "own=+", "--by", "zoe"],
    );
    rate(
        "2026-08-20",
        &["--gwc", "YYN", "--seat", "software", "--by", "zoe"],
    );
    rate(
        "2026-11-20",
        &[
            "--value", "help=+", "--gwc", "YYY", "--seat", "software", "--by", "zoe",
        ],
    );
    rate(
        "2026-11-27",
        &["--gwc", "YYY", "--seat", "network", "--by", "amy"],
    );
    let file = t.read("people.toml");
    // One rating kept per quarter and rater: Q3 by zoe, Q4 by zoe.
    assert_eq!(file.matches("[[people.ian.history]]").count(), 2, "{file}");
    let history = t.ok(&["people", "--history", "ian"]);
    let expected = "\
Ian Brooks (ian) — People Analyzer history
3 ratings

2026-Q3 · 2026-08-20 · by zoe — right person, wrong seat
   Help first +/-, Own it +
   GWC YYN in Software

2026-Q4 · 2026-11-20 · by zoe — right person, right seat
   Help first +, Own it +
   GWC YYY in Software

2026-Q4 · 2026-11-27 · by amy (current) — right person, right seat
   Help first +, Own it +
   GWC YYY in Software
   GWC YYY in Network
";
    assert_eq!(history, expected);
    let json: serde_json::Value =
        serde_json::from_str(&t.ok(&["--json", "people", "--history", "ian"])).unwrap();
    assert_eq!(json["entries"].as_array().unwrap().len(), 3);
    assert_eq!(json["entries"][0]["quarter"], "2026-Q3");
    assert_eq!(json["entries"][2]["current"], true);
    // Someone never rated says how to start.
    assert!(
        t.ok(&["people", "--history", "zoe"])
            .contains("has not been rated yet")
    );
    let err = t.fails(&["people", "--history", "bob"], 1);
    assert!(err.contains("unknown person `bob`"), "{err}");
}

/// A private repository for the people data, beside the company's.
fn people_repo(t: &TestCompany) -> std::path::PathBuf {
    let dir = t.path().join("hq-people");
    std::fs::create_dir_all(&dir).unwrap();
    let mut git = std::process::Command::new("git");
    crate::common::hermetic(&mut git, t.path());
    assert!(
        git.current_dir(&dir)
            .args(["init", "-q"])
            .status()
            .unwrap()
            .success()
    );
    dir
}

#[test]
fn people_dir_keeps_people_data_in_its_own_repository_and_commits_there() {
    // The company in a folder of its own, the private repository beside it.
    let t = TestCompany::bare();
    let hq = t.path().join("hq");
    std::fs::create_dir_all(&hq).unwrap();
    let src = analyzer_company();
    for entry in ["company.toml", "vision.toml", "seats.toml"] {
        std::fs::copy(src.path().join(entry), hq.join(entry)).unwrap();
    }
    let git = |dir: &std::path::Path, args: &[&str]| {
        let mut cmd = std::process::Command::new("git");
        crate::common::hermetic(&mut cmd, t.path());
        let out = cmd.current_dir(dir).args(args).output().unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    git(&hq, &["init", "-q"]);
    let text = std::fs::read_to_string(hq.join("company.toml")).unwrap();
    std::fs::write(
        hq.join("company.toml"),
        format!("{text}\n[privacy]\npeople_dir = \"../hq-people\"\n"),
    )
    .unwrap();
    git(&hq, &["add", "-A"]);
    git(&hq, &["commit", "-q", "-m", "company"]);
    let pulse = |args: &[&str]| {
        let mut cmd = t.pulse_std();
        let out = cmd.current_dir(&hq).args(args).output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    // No such folder yet: a broken setting, exit 2, with the fix.
    let (code, _, err) = pulse(&["people"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("[privacy] people_dir = \"../hq-people\": no such folder"),
        "{err}"
    );
    assert!(err.contains("git -C"), "{err}");
    let private = people_repo(&t);
    let (code, _, err) = pulse(&["people", "rate", "ian", "--value", "help=+", "--by", "zoe"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(private.join("people.toml").is_file());
    assert!(!hq.join("people.toml").exists());
    assert_eq!(git(&private, &["log", "--format=%s"]), "people: rate ian\n");
    assert_eq!(git(&hq, &["log", "--format=%s"]), "company\n");
    assert!(git(&hq, &["status", "--porcelain"]).is_empty());
    let (_, table, _) = pulse(&["people"]);
    assert!(table.contains(" ian "), "{table}");
    // Conversations too: in the private repository, committed there.
    let (code, id, err) = pulse(&["conversation", "add", "ian"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(id, "ian-2026-q4\n");
    assert!(
        private
            .join("people/conversations/2026-Q4/ian-2026-q4.toml")
            .is_file()
    );
    assert_eq!(
        git(&private, &["log", "--format=%s"]),
        "conversation: open ian-2026-q4 (ian with zoe, 2026-Q4)\npeople: rate ian\n"
    );
    // Found by a new user: ratings left in the company folder were hidden
    // without a word once people_dir was set.
    std::fs::write(hq.join("people.toml"), "[people.ian]\n").unwrap();
    let (code, _, err) = pulse(&["people"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("people.toml in the company folder is not read: [privacy] people_dir keeps people data in ../hq-people; move it there"),
        "{err}"
    );
    std::fs::remove_file(hq.join("people.toml")).unwrap();
    // --no-commit writes only.
    let (code, _, err) = pulse(&["--no-commit", "conversation", "set", "ian", "--gwc", "YYY"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(git(&private, &["log", "--format=%s"]).lines().count(), 2);
    assert_eq!(git(&hq, &["log", "--format=%s"]), "company\n");

    // Found in review: in people_dir's repository too, a deleted file is
    // not read as empty (and committed as the loss of every rating), and a
    // hand edit is not committed under pulse's message.
    std::fs::remove_file(private.join("people.toml")).unwrap();
    let (code, _, err) = pulse(&["people", "rate", "ian", "--value", "own=+", "--by", "zoe"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("missing, but git still tracks"), "{err}");
    git(&private, &["checkout", "--", "people.toml"]);
    let edited = std::fs::read_to_string(private.join("people.toml")).unwrap();
    std::fs::write(
        private.join("people.toml"),
        format!("# a hand note\n{edited}"),
    )
    .unwrap();
    let commits = git(&private, &["log", "--format=%s"]).lines().count();
    let (code, _, err) = pulse(&["people", "rate", "ian", "--value", "own=+", "--by", "zoe"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("written but not committed in ../hq-people"),
        "{err}"
    );
    assert_eq!(
        git(&private, &["log", "--format=%s"]).lines().count(),
        commits
    );

    // Never through a symbolic link.
    std::fs::rename(&private, t.path().join("real-people")).unwrap();
    std::os::unix::fs::symlink(t.path().join("real-people"), &private).unwrap();
    let (code, _, err) = pulse(&["people"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("is a symbolic link"), "{err}");
}

#[test]
fn a_people_dir_inside_the_company_repository_is_refused() {
    let t = analyzer_company();
    std::fs::create_dir_all(t.path().join("private")).unwrap();
    let company = t.read("company.toml");
    t.commit_file(
        "company.toml",
        &format!("{company}\n[privacy]\npeople_dir = \"private\"\n"),
    );
    let err = t.fails(&["people", "rate", "ian", "--value", "help=+"], 2);
    assert!(
        err.contains("inside the company's own git repository"),
        "{err}"
    );
    // The rest of the company works without it.
    t.ok(&["seats"]);
}
