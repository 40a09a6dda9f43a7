//! The Level 10 agenda, meeting records and status (issue: The weekly pulse).

use crate::common::TestCompany;

#[test]
fn agenda_of_the_demo_company() {
    let t = TestCompany::demo();
    insta::assert_snapshot!("agenda_text", t.ok(&["agenda"]));
    insta::assert_snapshot!("agenda_markdown", t.ok(&["agenda", "--format", "markdown"]));
}

#[test]
fn agenda_json_has_every_section() {
    let t = TestCompany::demo();
    let json: serde_json::Value = serde_json::from_str(&t.ok(&["--json", "agenda"])).unwrap();
    assert_eq!(json["date"], "2026-11-26");
    assert_eq!(json["sections"].as_array().unwrap().len(), 7);
    assert_eq!(json["scorecard_week"], "2026-W47");
    let kinds: Vec<&str> = json["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    for kind in [
        "off-track-rock",
        "missed-measurable",
        "overdue-todo",
        "low-rating",
    ] {
        assert!(kinds.contains(&kind), "{kind} missing from {kinds:?}");
    }
    assert_eq!(json["issues"][0]["id"], "churn-doubled");
}

#[test]
fn minutes_scale_with_the_meeting_length() {
    for (minutes, expected) in [
        (60, "IDS — 40 min"),
        (90, "IDS — 60 min"),
        (120, "IDS — 80 min"),
    ] {
        let t = TestCompany::demo();
        t.write(
            "company.toml",
            &t.read("company.toml")
                .replace("minutes = 90", &format!("minutes = {minutes}")),
        );
        let agenda = t.ok(&["agenda"]);
        assert!(agenda.contains(expected), "{minutes}: {agenda}");
        let json: serde_json::Value = serde_json::from_str(&t.ok(&["--json", "agenda"])).unwrap();
        let total: u64 = json["sections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["minutes"].as_u64().unwrap())
            .sum();
        assert_eq!(total, minutes);
    }
}

#[test]
fn agenda_date_and_planning_agendas() {
    let t = TestCompany::demo();
    let agenda = t.ok(&["agenda", "--date", "2026-11-19"]);
    assert!(
        agenda.contains("Thursday 2026-11-19") && agenda.contains("week 2026-W46"),
        "{agenda}"
    );
    let err = t.fails(&["agenda", "--date", "19/11/2026"], 1);
    assert!(err.contains("YYYY-MM-DD"), "{err}");
    let q = t.ok(&["agenda", "--quarterly", "--date", "2026-12-17"]);
    assert!(
        q.contains("Quarterly planning")
            && q.contains("Rocks of 2026-Q4")
            && q.contains("Establish next quarter's rocks: 2027-Q1")
            && q.contains("Long-term issues"),
        "{q}"
    );
    let q = t.ok(&["agenda", "--quarterly", "--date", "2026-10-08"]);
    // 4 of 6 done, one dropped: 67% (a dropped rock is not done).
    assert!(
        q.contains("Rocks of 2026-Q3: 4 of 6 rocks done (67%, goal 80%)"),
        "{q}"
    );
    let a = t.ok(&["agenda", "--annual", "--date", "2026-12-17"]);
    assert!(
        a.contains("Annual planning") && a.contains("1-year plan") && a.contains("Hire a VP Sales"),
        "{a}"
    );
}

#[test]
fn ratings_are_validated_and_recorded() {
    let t = TestCompany::demo();
    let err = t.fails(&["meeting", "rate", "zoe=11"], 1);
    assert!(err.contains("from 1 to 10"), "{err}");
    let err = t.fails(&["meeting", "rate", "bob=8"], 1);
    assert!(err.contains("unknown person `bob`"), "{err}");
    let err = t.fails(&["meeting", "rate", "zoe"], 1);
    assert!(err.contains("HANDLE=N"), "{err}");
    let err = t.fails(&["meeting", "rate", "zoe=9", "--date", "2026-11-26"], 1);
    assert!(err.contains("has not happened yet"), "{err}");
    let t = t.with_today("2026-11-26");
    t.ok(&["meeting", "rate", "zoe=9", "ian=10", "--date", "2026-11-26"]);
    t.ok(&[
        "meeting",
        "cascade",
        "Holidays are final",
        "--date",
        "2026-11-26",
    ]);
    t.ok(&["meeting", "attend", "zoe", "ian", "--date", "2026-11-26"]);
    let file = t.read("meetings/2026-11-26.toml");
    assert!(
        file.starts_with("kind = \"l10\"\ndate = 2026-11-26\nheadlines = ["),
        "keeps what was there:\n{file}"
    );
    assert!(
        file.contains("ratings = { zoe = 9, ian = 10 }")
            && file.contains("\"Holidays are final\",")
            && file.contains("attendees = [\"zoe\", \"ian\"]"),
        "{file}"
    );
    let next = t.with_today("2026-11-27");
    assert!(
        next.ok(&["agenda"])
            .contains("last meeting (2026-11-26) averaged 9.5")
    );
}

#[test]
fn status_for_the_company_and_one_person() {
    let t = TestCompany::demo();
    let s = t.ok(&["status"]);
    assert!(s.contains("2026-Q4 · 36 days left"), "{s}");
    assert!(s.contains("4 on track, 2 off track, 1 done of 7"), "{s}");
    assert!(
        s.contains("week 2026-W47: 8 of 8 recorded, 4 missed"),
        "{s}"
    );
    assert!(
        s.contains("next 2026-11-26 (Thursday), last 2026-11-19, rated 7.5"),
        "{s}"
    );
    let amy = t.ok(&["status", "--owner", "amy"]);
    assert!(
        amy.contains("Amy Chen")
            && amy.contains("Net revenue retention")
            && !amy.contains("Open the Frankfurt"),
        "{amy}"
    );
    let json: serde_json::Value = serde_json::from_str(&t.ok(&["--json", "status"])).unwrap();
    assert_eq!(json["off_track"], 2);
}

/// The text of the everyday read commands on the demo, as people see it.
#[test]
fn read_commands_text() {
    let t = TestCompany::demo();
    insta::assert_snapshot!("status_text", t.ok(&["status"]));
    insta::assert_snapshot!("issues_text", t.ok(&["issues"]));
    insta::assert_snapshot!("todos_text", t.ok(&["todos", "--all"]));
    insta::assert_snapshot!("seats_text", t.ok(&["seats"]));
    let out = t.pulse().arg("check").output().unwrap();
    insta::assert_snapshot!("check_text", String::from_utf8_lossy(&out.stdout));
}

/// A headline added at 17:00 on meeting day went into that morning's
/// meeting and never showed. The meeting is held once its time is over, so
/// it goes to next week's.
#[test]
fn a_headline_after_the_meeting_goes_to_next_week() {
    let t = TestCompany::demo();
    let run = |now: &str, text: &str| {
        let out = t
            .pulse()
            .env("PULSE_NOW", now)
            .args(["headline", "add", text, "--by", "amy"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    // The demo meets on Thursdays at 09:00 for 90 minutes.
    assert!(run("2026-11-26T08:30", "Before").contains("2026-11-26"));
    assert!(run("2026-11-26T10:29", "During").contains("2026-11-26"));
    assert!(run("2026-11-26T17:00", "After").contains("2026-12-03"));
    assert!(t.read("meetings/2026-12-03.toml").contains("After"));
}

/// A meeting whose file records ratings is held, whatever the clock says;
/// `meeting rate` defaults to the meeting in progress, else the last held.
#[test]
fn rate_defaults_to_the_meeting_in_progress_then_the_last_held() {
    let t = TestCompany::demo();
    let rate = |now: &str, rating: &str| {
        let out = t
            .pulse()
            .env("PULSE_NOW", now)
            .args(["meeting", "rate", rating])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    // In progress at 10:00: today's meeting; rated, it is held.
    assert!(rate("2026-11-26T10:00", "zoe=9").contains("meeting 2026-11-26"));
    let status = t
        .pulse()
        .env("PULSE_NOW", "2026-11-26T10:05")
        .arg("status")
        .output()
        .unwrap();
    let status = String::from_utf8_lossy(&status.stdout);
    assert!(status.contains("next 2026-12-03"), "{status}");
    // The Monday after: the last meeting held.
    assert!(rate("2026-11-30T12:00", "ian=8").contains("meeting 2026-11-26"));
}

/// `diff --since-meeting` right after a meeting covered two weeks: it now
/// starts at the meeting just held.
#[test]
fn diff_since_meeting_after_a_meeting_starts_at_that_meeting() {
    let t = TestCompany::demo();
    let git_at = |when: &str, args: &[&str]| {
        let mut cmd = std::process::Command::new("git");
        crate::common::hermetic(&mut cmd, t.path());
        let out = cmd
            .current_dir(t.path())
            .env("GIT_AUTHOR_DATE", when)
            .env("GIT_COMMITTER_DATE", when)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    git_at(
        "2026-11-20T10:00:00",
        &["commit", "-q", "--allow-empty", "-m", "week before"],
    );
    t.write("todos.toml", &format!("{}\n[[todo]]\nid = \"early\"\ntitle = \"Before the meeting\"\nowner = \"amy\"\ncreated = 2026-11-25\n", t.read("todos.toml")));
    git_at(
        "2026-11-26T08:00:00",
        &["commit", "-q", "-am", "before the meeting"],
    );
    t.write("todos.toml", &format!("{}\n[[todo]]\nid = \"late\"\ntitle = \"After the meeting\"\nowner = \"amy\"\ncreated = 2026-11-26\n", t.read("todos.toml")));
    git_at(
        "2026-11-26T12:00:00",
        &["commit", "-q", "-am", "after the meeting"],
    );
    let out = t
        .pulse()
        .env("PULSE_NOW", "2026-11-26T17:00")
        .args(["diff", "--since-meeting"])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&out.stdout);
    assert!(out.contains("After the meeting"), "{out}");
    assert!(!out.contains("Before the meeting"), "{out}");
    assert!(out.contains("the meeting of 2026-11-26"), "{out}");
}

#[test]
fn a_bad_pulse_now_shows_the_form() {
    let t = TestCompany::demo();
    let out = t
        .pulse()
        .env("PULSE_NOW", "2026-11-26 17:00")
        .arg("status")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("PULSE_NOW") && err.contains("YYYY-MM-DDTHH:MM"),
        "{err}"
    );
}

/// 10, 10, 10 and 4 average 8.5 and raised nothing: anyone who rated the
/// last meeting below 8 is asked why.
#[test]
fn the_low_rating_rule_is_per_person() {
    let t = TestCompany::new().with_today("2026-11-26");
    t.ok(&[
        "meeting",
        "rate",
        "amy=10",
        "ian=10",
        "zoe=4",
        "--date",
        "2026-11-19",
    ]);
    let agenda = t.ok(&["agenda"]);
    assert!(
        agenda.contains(
            "Rated the meeting of 2026-11-19 4 (below 8): what would make it a 10? (zoe)"
        ),
        "{agenda}"
    );
    assert!(!agenda.contains("(amy)\n"), "{agenda}");
}

/// #23.12: a weekly meeting falls on the team's meeting day; a planning
/// day (kind quarterly or annual) may fall on any day.
#[test]
fn check_warns_of_a_weekly_meeting_file_off_the_meeting_day() {
    let t = TestCompany::new();
    let weekday = t
        .read("company.toml")
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("weekday = ")
                .map(|w| w.trim_matches('"').to_string())
        })
        .unwrap();
    // 2026-11-24 is a Tuesday, 2026-11-26 a Thursday.
    let (off, on) = if weekday == "tuesday" {
        ("2026-11-26", "2026-11-24")
    } else {
        ("2026-11-24", "2026-11-26")
    };
    t.commit_file(&format!("meetings/{off}.toml"), "attendees = [\"amy\"]\n");
    t.commit_file(&format!("meetings/{on}.toml"), "attendees = [\"amy\"]\n");
    t.commit_file(
        "meetings/2026-10-02.toml",
        "kind = \"quarterly\"\nattendees = [\"amy\"]\n",
    );
    let out = t.pulse().arg("check").output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(&format!("warning: meetings/{off}.toml: {off} is a")),
        "{said}"
    );
    assert!(said.contains("not the team's meeting day"), "{said}");
    assert!(!said.contains(&format!("meetings/{on}.toml")), "{said}");
    assert!(!said.contains("meetings/2026-10-02.toml"), "{said}");
}

/// The demo company with its past meetings of November gone and one held on
/// 2026-09-10, two months before its date, recording `line`.
fn demo_last_met_on_september_10(line: &str) -> TestCompany {
    let t = TestCompany::demo();
    for gone in ["meetings/2026-11-19.toml", "meetings/2026-11-12.toml"] {
        std::fs::remove_file(t.path().join(gone)).unwrap();
    }
    t.write(
        "meetings/2026-09-10.toml",
        &format!("kind = \"l10\"\ndate = 2026-09-10\n{line}\n"),
    );
    t
}

/// The previous meeting is looked for day by day over five weeks, then in
/// the folder's listing: one two months back is still found, and a meeting
/// held off the meeting day counts.
#[test]
fn the_previous_meeting_is_found_months_back_and_off_the_meeting_day() {
    let t = demo_last_met_on_september_10("cascade = [\"Hiring freeze lifted\"]");
    let previous = |t: &TestCompany| {
        let json: serde_json::Value =
            serde_json::from_str(&t.ok(&["--json", "agenda", "--date", "2026-11-26"])).unwrap();
        json["previous"].clone()
    };
    let found = previous(&t);
    assert_eq!(found["date"], "2026-09-10", "{found}");
    assert_eq!(found["cascade"][0], "Hiring freeze lifted");
    // A Tuesday's extra meeting, nine days before: the latest before the date.
    t.write(
        "meetings/2026-11-17.toml",
        "kind = \"l10\"\ndate = 2026-11-17\n",
    );
    assert_eq!(previous(&t)["date"], "2026-11-17");
}

/// Found in a new user's trial: `status` said "none on record yet" when the
/// last meeting file was not on one of the last two meeting days (two
/// months back, or an extra meeting on a Tuesday); the agenda found it.
#[test]
fn status_shows_the_last_meeting_on_record_months_back_and_off_the_meeting_day() {
    let t = demo_last_met_on_september_10("ratings = { zoe = 7, amy = 8 }");
    let last = |t: &TestCompany| {
        let json: serde_json::Value = serde_json::from_str(&t.ok(&["--json", "status"])).unwrap();
        (json["last_meeting"].clone(), json["last_rating"].clone())
    };
    assert_eq!(last(&t), ("2026-09-10".into(), 7.5.into()));
    t.write(
        "meetings/2026-11-17.toml",
        "kind = \"l10\"\ndate = 2026-11-17\nratings = { zoe = 9 }\n",
    );
    assert_eq!(last(&t), ("2026-11-17".into(), 9.0.into()));
}
