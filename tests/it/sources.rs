//! Scorecard sources (SPEC §9, issue 22): values that fill themselves from
//! commands, run in parallel under a time limit, and only once trusted in
//! this clone.
//!
//! The test company meets on Thursdays and today is Friday 2026-11-27: the
//! meeting of 2026-11-26 is held, so the scorecard week is 2026-W48
//! (2026-11-23..2026-11-29) and 2026-W47 was reviewed.

use crate::common::TestCompany;
use std::time::{Duration, Instant};

/// The basic company with measurables whose sources are `(name, command)`,
/// added with `--source` (so trusted in this clone, as the user typed them).
fn with_sources(sources: &[(&str, &str)]) -> TestCompany {
    let t = TestCompany::new();
    for (name, command) in sources {
        t.ok(&[
            "scorecard",
            "add",
            name,
            "--owner",
            "amy",
            "--goal",
            ">= 20",
            "--source",
            command,
        ]);
    }
    t
}

/// Runs pulse, returning (exit code, stdout, stderr).
fn run(t: &TestCompany, args: &[&str]) -> (i32, String, String) {
    let out = t.pulse().args(args).output().expect("run pulse");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Sets `[scorecard] source_timeout` in company.toml, committed.
fn timeout(t: &TestCompany, seconds: u64) {
    let company = t.read("company.toml");
    t.commit_file(
        "company.toml",
        &format!("{company}\n[scorecard]\nsource_timeout = {seconds}\n"),
    );
}

/// Whether the process `pid` still runs (a zombie waiting for its parent
/// to reap it runs no more).
fn alive(pid: &str) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => !stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z')),
        Err(_) => false,
    }
}

#[test]
fn values_come_back_from_sources_and_are_recorded_in_one_commit() {
    let t = with_sources(&[
        ("Leads", "echo 23"),
        ("Margin", "printf '47%%\\nfrom the billing export\\n'"),
    ]);
    let before = t.log().len();
    let out = t.ok(&["scorecard", "pull"]);
    assert!(
        out.contains("leads 2026-W48: 23 (hit, goal >= 20)"),
        "{out}"
    );
    assert!(
        out.contains("margin 2026-W48: 47 (hit, goal >= 20)"),
        "{out}"
    );
    assert!(out.contains("  note: from the billing export"), "{out}");
    assert!(
        out.contains("pulled 2026-W48: 2 values recorded, 0 unchanged, 0 failed"),
        "{out}"
    );
    let csv = t.read("scorecard.csv");
    assert!(csv.contains("2026-W48,leads,23,\n"), "{csv}");
    assert!(
        csv.contains("2026-W48,margin,47,from the billing export"),
        "{csv}"
    );
    let log = t.log();
    assert_eq!(log.len(), before + 1, "one commit: {log:?}");
    assert_eq!(log[0], "scorecard: pull 2026-W48 (2 values)");
    assert!(t.clean());
    // The same values again change nothing: no commit.
    let out = t.ok(&["scorecard", "pull"]);
    assert!(out.contains("leads 2026-W48: 23 (unchanged)"), "{out}");
    assert!(
        out.contains("pulled 2026-W48: 0 values recorded, 2 unchanged, 0 failed"),
        "{out}"
    );
    assert_eq!(t.log().len(), before + 1);
    // JSON: each source with its status.
    let json: serde_json::Value =
        serde_json::from_str(&t.ok(&["--json", "scorecard", "pull", "leads"])).unwrap();
    assert_eq!(json["week"], "2026-W48");
    assert_eq!(json["sources"][0]["status"], "unchanged");
    assert_eq!(json["sources"][0]["value"], 23.0);
}

#[test]
fn a_source_gets_the_week_and_its_id_and_runs_in_the_company_folder() {
    let t = with_sources(&[(
        "Leads",
        "echo 21; echo \"$PULSE_WEEK $PULSE_WEEK_START $PULSE_WEEK_END $PULSE_MEASURABLE $(pwd)\"",
    )]);
    std::fs::create_dir_all(t.path().join("deep/down")).unwrap();
    let out = t
        .pulse()
        .current_dir(t.path().join("deep/down"))
        .args(["scorecard", "pull", "--week", "2026-W45"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let root = t.path().canonicalize().unwrap();
    let csv = t.read("scorecard.csv");
    assert!(
        csv.contains(&format!(
            "2026-W45,leads,21,2026-W45 2026-11-02 2026-11-08 leads {}",
            root.display()
        )),
        "{csv}"
    );
    assert_eq!(t.log()[0], "scorecard: pull 2026-W45 (1 value)");
}

#[test]
fn sources_run_in_parallel() {
    let t = with_sources(&[("One", "sleep 1; echo 21"), ("Two", "sleep 1; echo 22")]);
    let started = Instant::now();
    t.ok(&["scorecard", "pull"]);
    let took = started.elapsed();
    assert!(
        took < Duration::from_millis(1800),
        "two 1-second sources took {took:?}"
    );
    let csv = t.read("scorecard.csv");
    assert!(csv.contains("2026-W48,one,21") && csv.contains("2026-W48,two,22"));
}

#[test]
fn the_time_limit_kills_the_source_and_every_process_it_started() {
    let pids = tempfile::tempdir().unwrap();
    let file = pids.path().join("pids");
    let f = file.display();
    // A background sleep, a sleep inside a second shell, and the source's
    // own sleep in the foreground: none may outlive the limit.
    let command = format!("sleep 60 & echo $! >> {f}; sh -c 'echo $$ >> {f}; sleep 60' & sleep 60");
    let t = with_sources(&[("Slow", &command), ("Quick", "echo 30")]);
    timeout(&t, 1);
    let started = Instant::now();
    let (code, out, err) = run(&t, &["scorecard", "pull"]);
    let took = started.elapsed();
    assert_eq!(code, 1, "{out}{err}");
    assert!(took < Duration::from_secs(10), "the pull took {took:?}");
    assert!(
        err.contains(
            "error: slow: timed out after 1 s: it and every process it started were killed"
        ),
        "{err}"
    );
    // The value that came back is recorded all the same.
    assert!(t.read("scorecard.csv").contains("2026-W48,quick,30"));
    assert_eq!(t.log()[0], "scorecard: pull 2026-W48 (1 value, 1 failed)");
    std::thread::sleep(Duration::from_millis(200));
    let written = std::fs::read_to_string(&file).unwrap();
    let pids: Vec<&str> = written.split_whitespace().collect();
    assert_eq!(pids.len(), 2, "{written}");
    for pid in pids {
        assert!(!alive(pid), "process {pid} outlived the time limit");
    }
}

#[test]
fn a_source_that_ends_leaves_no_process_behind() {
    let pids = tempfile::tempdir().unwrap();
    let file = pids.path().join("pid");
    let command = format!("sleep 60 & echo $! > {}; echo 25", file.display());
    let t = with_sources(&[("Leads", &command)]);
    let started = Instant::now();
    t.ok(&["scorecard", "pull"]);
    assert!(started.elapsed() < Duration::from_secs(10));
    std::thread::sleep(Duration::from_millis(200));
    let pid = std::fs::read_to_string(&file).unwrap();
    assert!(
        !alive(pid.trim()),
        "the background sleep outlived its source"
    );
}

#[test]
fn failures_are_listed_with_their_reason_and_the_rest_recorded() {
    let t = with_sources(&[
        ("Good", "echo 24"),
        (
            "Broken",
            "echo starting; echo 'no API token' >&2; echo 'see the wiki' >&2; exit 3",
        ),
        ("Silent", "true"),
        ("Word", "echo n/a"),
    ]);
    let (code, out, err) = run(&t, &["scorecard", "pull"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("good 2026-W48: 24 (hit, goal >= 20)"), "{out}");
    assert!(
        out.contains("pulled 2026-W48: 1 value recorded, 0 unchanged, 3 failed"),
        "{out}"
    );
    for expected in [
        "error: broken: exited with status 3\n  it printed: starting\n  stderr: no API token\n  stderr: see the wiki\n",
        "error: silent: printed nothing: a source prints the week's value on its first line",
        "error: word: printed a first line that is not a number: invalid value `n/a`: expected a number, e.g. 23, 2.5, 98%, $1,200\n  it printed: n/a",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    let csv = t.read("scorecard.csv");
    assert!(csv.contains("2026-W48,good,24"), "{csv}");
    assert!(!csv.contains("broken") && !csv.contains("word"), "{csv}");
    assert_eq!(t.log()[0], "scorecard: pull 2026-W48 (1 value, 3 failed)");
    assert!(t.clean());
}

/// The scorecard as a teammate's `git pull` brings it: committed by hand,
/// never trusted here.
fn pulled_from_a_teammate(source: &str) -> TestCompany {
    let t = TestCompany::new();
    t.commit_file(
        "scorecard.toml",
        &format!(
            "[[measurable]]\nid = \"leads\"\nname = \"Leads\"\nowner = \"amy\"\ngoal = \">= 20\"\nsource = {}\n",
            toml_string(source)
        ),
    );
    t
}

fn toml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

#[test]
fn an_untrusted_source_is_refused_without_running() {
    let t = pulled_from_a_teammate(": > ran; echo 22");
    let (code, out, err) = run(&t, &["scorecard", "pull"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(!t.path().join("ran").exists(), "an untrusted source ran");
    assert!(
        err.contains(
            "error: leads: not run: it has never been trusted in this clone\n  command: : > ran; echo 22\nhint: read it; if you trust it, run: pulse scorecard trust 'leads'\n"
        ),
        "{err}"
    );
    assert!(
        out.contains("0 values recorded, 0 unchanged, 1 failed"),
        "{out}"
    );
    // check warns, and names the line to run.
    let check = t.ok(&["check"]);
    assert!(
        check.contains("the source of `leads` is not trusted in this clone: it has never been trusted in this clone"),
        "{check}"
    );
    // Trusted: it runs.
    let trusted = t.ok(&["scorecard", "trust", "leads"]);
    assert!(
        trusted.contains("leads: trusted\n  command: : > ran; echo 22\n"),
        "{trusted}"
    );
    t.ok(&["scorecard", "pull"]);
    assert!(t.path().join("ran").exists());
    assert!(t.read("scorecard.csv").contains("2026-W48,leads,22"));
    assert!(!t.ok(&["check"]).contains("not trusted"));
}

#[test]
fn a_changed_command_is_untrusted_again() {
    let t = pulled_from_a_teammate("echo 22");
    t.ok(&["scorecard", "trust"]);
    t.commit_file(
        "scorecard.toml",
        &t.read("scorecard.toml")
            .replace("source = \"echo 22\"", "source = \": > ran; echo 22\""),
    );
    // What came in says so, in words.
    let diff = t.ok(&["diff", "HEAD~1"]);
    assert!(
        diff.contains("Leads: source `echo 22` → `: > ran; echo 22`"),
        "{diff}"
    );
    let (code, _, err) = run(&t, &["scorecard", "pull"]);
    assert_eq!(code, 1);
    assert!(!t.path().join("ran").exists(), "a changed source ran");
    assert!(
        err.contains("error: leads: not run: its command changed since it was trusted (it was `echo 22`)\n  command: : > ran; echo 22\n"),
        "{err}"
    );
}

#[test]
fn a_changed_script_is_untrusted_again() {
    let t = pulled_from_a_teammate("sh scripts/leads.sh");
    t.commit_file("scripts/leads.sh", "echo 22\n");
    let trusted = t.ok(&["scorecard", "trust"]);
    assert!(
        trusted.contains("  with the content of scripts/leads.sh"),
        "{trusted}"
    );
    t.ok(&["scorecard", "pull"]);
    // A teammate's commit changes the script, not the command.
    t.commit_file("scripts/leads.sh", "touch ran\necho 23\n");
    let (code, _, err) = run(&t, &["scorecard", "pull"]);
    assert_eq!(code, 1);
    assert!(!t.path().join("ran").exists(), "a changed script ran");
    assert!(
        err.contains("error: leads: not run: `scripts/leads.sh` changed since it was trusted\n  command: sh scripts/leads.sh\nhint: read it; if you trust it, run: pulse scorecard trust 'leads'"),
        "{err}"
    );
    let again = t.ok(&["scorecard", "trust", "leads"]);
    assert!(
        again.contains("leads: trusted again (`scripts/leads.sh` changed since it was trusted)"),
        "{again}"
    );
    t.ok(&["scorecard", "pull"]);
    assert!(t.path().join("ran").exists());
}

#[test]
fn a_link_out_of_the_company_folder_is_never_trusted() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("x.sh"), "echo 1\n").unwrap();
    let t = pulled_from_a_teammate("sh scripts/x.sh");
    std::fs::create_dir_all(t.path().join("scripts")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("x.sh"), t.path().join("scripts/x.sh")).unwrap();
    let err = t.fails(&["scorecard", "trust"], 1);
    assert!(
        err.contains("error: the source of `leads` cannot be trusted: `scripts/x.sh` leads out of the company folder through a symbolic link"),
        "{err}"
    );
    let (code, _, err) = run(&t, &["scorecard", "pull"]);
    assert_eq!(code, 1);
    assert!(err.contains("not run: it has never been trusted"), "{err}");
}

#[test]
fn trust_is_kept_per_clone_and_never_committed() {
    let a = with_sources(&[("Leads", ": > ran; echo 22")]);
    assert!(a.clean());
    let kept = a.path().join(".git/pulse/trusted-sources.toml");
    assert!(
        std::fs::read_to_string(&kept)
            .unwrap()
            .contains(": > ran; echo 22")
    );
    assert!(!a.git(&["ls-files"]).contains("trusted"));
    a.ok(&["scorecard", "pull", "--dry-run"]);
    assert!(a.path().join("ran").exists());
    std::fs::remove_file(a.path().join("ran")).unwrap();
    // A second clone of the same repository has trusted nothing.
    let b = TestCompany::bare();
    b.git(&["clone", "-q", a.path().to_str().unwrap(), "."]);
    let (code, _, err) = run(&b, &["scorecard", "pull"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("not run: it has never been trusted in this clone"),
        "{err}"
    );
    assert!(
        !b.path().join("ran").exists(),
        "the clone ran an untrusted source"
    );
    // Untrusting in the first clone stops it there too.
    let out = a.ok(&["scorecard", "untrust", "leads"]);
    assert!(out.contains("leads: no longer trusted"), "{out}");
    let (code, _, _) = run(&a, &["scorecard", "pull"]);
    assert_eq!(code, 1);
    assert!(!a.path().join("ran").exists());
}

#[test]
fn dry_run_shows_the_values_and_writes_nothing() {
    let t = with_sources(&[("Leads", "echo 19")]);
    let before = t.log();
    let csv = t.path().join("scorecard.csv");
    let had = csv.exists().then(|| t.read("scorecard.csv"));
    let out = t.ok(&["scorecard", "pull", "--dry-run"]);
    assert!(
        out.contains("leads 2026-W48: 19 (miss, goal >= 20)"),
        "{out}"
    );
    assert!(
        out.contains("dry run for 2026-W48: 1 value would be recorded, 0 unchanged, 0 failed; nothing was written"),
        "{out}"
    );
    assert_eq!(csv.exists().then(|| t.read("scorecard.csv")), had);
    assert_eq!(t.log(), before);
    assert!(t.clean());
}

#[test]
fn a_reviewed_week_is_replaced_when_the_week_is_given() {
    let t = with_sources(&[("Leads", "echo 26")]);
    t.ok(&["scorecard", "record", "leads", "21", "--week", "2026-W47"]);
    let out = t.ok(&["scorecard", "pull", "--week", "2026-W47"]);
    assert!(
        out.contains(
            "leads 2026-W47: 26 (hit, goal >= 20, replaces 21, which the meeting of 2026-11-26 reviewed)"
        ),
        "{out}"
    );
    let err = t.fails(&["scorecard", "pull", "--week", "2026-W50"], 1);
    assert!(
        err.contains("week 2026-W50 has not started yet (this week is 2026-W48)"),
        "{err}"
    );
}

#[test]
fn add_and_edit_set_trust_and_remove_a_source() {
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
    let err = t.fails(&["scorecard", "pull"], 1);
    assert!(
        err.contains("error: no measurable of the leadership scorecard has a source"),
        "{err}"
    );
    let err = t.fails(&["scorecard", "pull", "leads"], 1);
    assert!(
        err.contains("error: measurable `leads` has no source"),
        "{err}"
    );
    t.ok(&["scorecard", "edit", "leads", "--source", "echo 30"]);
    assert!(t.read("scorecard.toml").contains("source = \"echo 30\""));
    assert_eq!(t.log()[0], "scorecard: leads source \"echo 30\"");
    t.ok(&["scorecard", "pull"]);
    let json: serde_json::Value =
        serde_json::from_str(&t.ok(&["--json", "scorecard", "--weeks", "1"])).unwrap();
    assert_eq!(json["rows"][0]["source"], "echo 30");
    t.ok(&["scorecard", "edit", "leads", "--source", ""]);
    assert!(!t.read("scorecard.toml").contains("source"));
    assert_eq!(t.log()[0], "scorecard: leads source removed");
    assert!(
        !std::fs::read_to_string(t.path().join(".git/pulse/trusted-sources.toml"))
            .unwrap()
            .contains("echo 30")
    );
}

#[test]
fn a_team_source_runs_in_the_company_folder_and_is_trusted_per_team() {
    let t = TestCompany::new();
    t.ok(&["team", "add", "sales", "--member", "amy"]);
    t.ok(&[
        "-t",
        "sales",
        "scorecard",
        "add",
        "Leads",
        "--owner",
        "amy",
        "--goal",
        ">= 20",
        "--source",
        "echo 9; pwd",
    ]);
    t.ok(&["-t", "sales", "scorecard", "pull"]);
    let csv = t.read("teams/sales/scorecard.csv");
    let root = t.path().canonicalize().unwrap();
    assert!(
        csv.contains(&format!(",leads,9,{}", root.display())),
        "{csv}"
    );
    // Leadership's measurable of the same id is a different source.
    t.commit_file(
        "scorecard.toml",
        "[[measurable]]\nid = \"leads\"\nname = \"Leads\"\nowner = \"amy\"\ngoal = \">= 20\"\nsource = \"echo 9; pwd\"\n",
    );
    let (code, _, err) = run(&t, &["scorecard", "pull"]);
    assert_eq!(code, 1);
    assert!(err.contains("never been trusted"), "{err}");
    // The hint names the team where it is a department's.
    t.ok(&["-t", "sales", "scorecard", "untrust"]);
    let (_, _, err) = run(&t, &["-t", "sales", "scorecard", "pull"]);
    assert!(
        err.contains("pulse --team 'sales' scorecard trust 'leads'"),
        "{err}"
    );
}
