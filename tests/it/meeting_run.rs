//! `pulse meeting run` and `pulse meeting summary` (issue 21, SPEC §8): the
//! run refused without a terminal; the session written at once and resumed
//! (through the library, the clock set by hand); a short meeting driven
//! through the real binary in tmux, with its one commit; Ctrl-C and a second
//! run that resumes; the recap as text and Markdown.

use crate::common::TestCompany;
use crate::tmux::{Pane, skip_without_tmux};
use pulse::model::level10::Section;
use pulse::ops::Ctx;
use pulse::ops::meeting_run::event::TodoDraft;
use pulse::ops::meeting_run::{Action, Session};
use pulse::store::Workspace;
use std::time::Duration;

#[test]
fn meeting_run_needs_a_terminal() {
    let t = TestCompany::demo();
    let stderr = t.fails(&["meeting", "run"], 1);
    assert_eq!(
        stderr,
        "error: meeting run needs a terminal; use 'pulse agenda' to print the meeting\n"
    );
    assert!(t.clean(), "nothing written");
}

/// The demo company's context on the morning of its meeting, writing
/// without committing (the library's git would not be hermetic).
fn ctx(t: &TestCompany, now: &str) -> Ctx {
    let ws = Workspace::open(t.path()).unwrap();
    Ctx::new(ws, None, Some(now), true).unwrap()
}

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

#[test]
fn every_action_is_on_disk_at_once_and_a_second_run_resumes() {
    let t = TestCompany::demo();
    let c = ctx(&t, "2026-11-26T09:00");
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let (mut session, mut run) = Session::open(&c, date, Duration::ZERO).unwrap();
    let meeting = t.read("meetings/2026-11-26.toml");
    assert!(
        meeting.contains("started = 2026-11-26T09:00:00"),
        "{meeting}"
    );
    assert!(
        meeting.contains(r#"attendees = ["amy", "felix", "ian", "nate", "priya", "zoe"]"#),
        "{meeting}"
    );
    assert!(meeting.contains("[run]\nsection = \"segue\""), "{meeting}");

    session.perform(
        &mut run,
        &Action::Attend {
            handle: "nate".into(),
            present: false,
        },
        secs(60),
    );
    assert!(
        t.read("meetings/2026-11-26.toml")
            .contains(r#"attendees = ["amy", "felix", "ian", "priya", "zoe"]"#)
    );
    run.clock.go_to(Section::Todos, secs(300));
    session.perform(
        &mut run,
        &Action::TodoDone {
            id: "exit-survey-for-churned-accounts".into(),
        },
        secs(330),
    );
    assert!(
        run.notice.as_ref().is_some_and(|n| !n.error),
        "{:?}",
        run.notice
    );
    let todos = t.read("todos.toml");
    assert!(todos.contains("done = 2026-11-26"), "{todos}");
    run.clock.go_to(Section::Ids, secs(600));
    session.perform(
        &mut run,
        &Action::Solve {
            id: "churn-doubled".into(),
            resolution: "Call every churned account".into(),
            todos: vec![TodoDraft {
                title: "Call the five churned accounts".into(),
                owner: "amy".into(),
                due: chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
            }],
        },
        secs(900),
    );
    let issues = t.read("issues.toml");
    assert!(
        issues.contains("resolution = \"Call every churned account\""),
        "{issues}"
    );
    let todos = t.read("todos.toml");
    assert!(
        todos.contains("id = \"call-the-five-churned-accounts\"\ntitle = \"Call the five churned accounts\"\nowner = \"amy\"\ncreated = 2026-11-26\ndue = 2026-12-02\nissue = \"churn-doubled\""),
        "{todos}"
    );
    // A failure is said on the screen, and nothing is written.
    session.perform(
        &mut run,
        &Action::Solve {
            id: "churn-doubled".into(),
            resolution: String::new(),
            todos: vec![],
        },
        secs(910),
    );
    assert!(run.notice.as_ref().unwrap().error);
    assert!(run.notice.as_ref().unwrap().text.contains("already solved"));
    // Ctrl-C at 20 minutes in IDS: where it stood is in the file.
    session.interrupt(&run, secs(1200)).unwrap();
    let meeting = t.read("meetings/2026-11-26.toml");
    assert!(meeting.contains("section = \"ids\""), "{meeting}");
    assert!(
        meeting.contains("files = [\"todos.toml\", \"issues.toml\"]"),
        "{meeting}"
    );
    assert!(
        meeting.contains("minutes = { segue = 5, todos = 5, ids = 10 }"),
        "{meeting}"
    );
    assert!(t.log().len() == 1, "nothing committed: {:?}", t.log());

    // A second run, later that morning, resumes in IDS with the time so far.
    let c = ctx(&t, "2026-11-26T09:30");
    let (session, run) = Session::open(&c, date, Duration::ZERO).unwrap();
    assert!(session.resumed);
    assert_eq!(run.section(), Section::Ids);
    assert_eq!(run.clock.total(Duration::ZERO), secs(1200));
    assert_eq!(run.clock.spent(Section::Ids, secs(60)), secs(660));
    assert!(
        run.notice
            .as_ref()
            .unwrap()
            .text
            .starts_with("resumed at IDS, 20:00 so far")
    );
    let meeting = t.read("meetings/2026-11-26.toml");
    assert!(
        meeting.contains("started = 2026-11-26T09:00:00"),
        "kept: {meeting}"
    );
    // Leaving from Conclude ends it: `ended`, the minutes, no [run].
    let mut run = run;
    run.clock.go_to(Section::Conclude, secs(60));
    let left = session.leave(&run, secs(360), true).unwrap();
    assert_eq!(
        left.message,
        "meeting: 2026-11-26 l10 (not rated, 1 issue solved, 1 to-do)"
    );
    assert_eq!(
        left.outcome.files,
        ["meetings/2026-11-26.toml", "todos.toml", "issues.toml"]
    );
    assert!(!left.outcome.committed, "this context does not commit");
    let meeting = t.read("meetings/2026-11-26.toml");
    assert!(meeting.contains("ended = 2026-11-26T09:36:00"), "{meeting}");
    assert!(
        meeting.contains("minutes = { segue = 5, todos = 5, ids = 11, conclude = 5 }"),
        "{meeting}"
    );
    assert!(!meeting.contains("[run]"), "{meeting}");
    t.ok(&["check"]);
}

#[test]
fn a_meeting_still_to_come_cannot_be_run() {
    let t = TestCompany::demo();
    let c = ctx(&t, "2026-11-25T09:00");
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let Err(e) = Session::open(&c, date, Duration::ZERO) else {
        panic!("a meeting of tomorrow ran")
    };
    assert!(e.message.contains("still to come"), "{}", e.message);
}

#[test]
fn the_recap_of_a_meeting() {
    let t = TestCompany::demo();
    insta::assert_snapshot!("summary_text", t.ok(&["meeting", "summary", "2026-11-19"]));
    let markdown = t.ok(&["meeting", "summary", "2026-11-19", "--format", "markdown"]);
    insta::assert_snapshot!("summary_markdown", markdown);
    // The last meeting held is the default (the demo is on 2026-11-25).
    assert_eq!(
        t.ok(&["meeting", "summary"]),
        t.ok(&["meeting", "summary", "2026-11-19"])
    );
    let json: serde_json::Value =
        serde_json::from_str(&t.ok(&["--json", "meeting", "summary", "2026-11-19"])).unwrap();
    assert_eq!(json["average_rating"], 7.5);
}

#[test]
fn the_markdown_recap_renders_as_lists_and_tables() {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let t = TestCompany::demo();
    let markdown = t.ok(&["meeting", "summary", "2026-11-19", "--format", "markdown"]);
    let mut depth = 0;
    let mut deepest = 0;
    let mut tables = 0;
    let mut headings = 0;
    for event in Parser::new_ext(&markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::List(_)) => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            Event::End(TagEnd::List(_)) => depth -= 1,
            Event::Start(Tag::Table(_)) => tables += 1,
            Event::Start(Tag::Heading { .. }) => headings += 1,
            _ => {}
        }
    }
    assert_eq!(deepest, 1, "no list inside a list:\n{markdown}");
    assert_eq!(
        tables, 2,
        "the ratings and the to-dos are tables:\n{markdown}"
    );
    assert_eq!(headings, 7, "{markdown}");
}

fn head(t: &TestCompany) -> String {
    t.git(&["rev-parse", "HEAD"]).trim().to_string()
}

/// A short meeting in a real terminal: next, a to-do done, an issue solved
/// with a to-do, a rating, quit; then the files and exactly one commit.
#[test]
fn a_short_meeting_in_a_real_terminal() {
    if skip_without_tmux() {
        return;
    }
    let t = TestCompany::demo();
    let before = head(&t);
    let pane = Pane::start(&t, "2026-11-26T09:00", "meeting run");
    pane.wait_for("1/7 Segue");
    pane.keys(&["n"]);
    pane.wait_for("2/7 Scorecard");
    pane.keys(&["n", "n", "Right"]);
    pane.wait_for("5/7 To-do list");
    // The fourth to-do is the one not done.
    pane.keys(&["Down", "Down", "Down", "x"]);
    pane.wait_for("done: Exit survey for churned accounts");
    pane.keys(&["n"]);
    pane.wait_for("6/7 IDS");
    pane.keys(&["Enter"]);
    pane.wait_for("IDS: Churn doubled in two weeks");
    pane.type_text("Call every churned account");
    pane.keys(&["Tab"]);
    pane.type_text("Call the five churned accounts");
    // Owner amy (the issue's), due in a week: on to the buttons, solve.
    pane.keys(&["Tab", "Tab", "Tab", "Tab"]);
    pane.wait_for("> [s] solve");
    pane.keys(&["s"]);
    pane.wait_for("solved: Churn doubled in two weeks, 1 to-do");
    pane.keys(&["?"]);
    pane.wait_for("Ctrl-C");
    pane.keys(&["Escape"]);
    pane.wait_until_gone("Ctrl-C");
    pane.keys(&["n"]);
    pane.wait_for("7/7 Conclude");
    pane.keys(&["9", "Enter"]);
    pane.wait_for("Amy Chen rated 9; average 9.0");
    pane.keys(&["q"]);
    assert_eq!(pane.exit_code(), 0, "{}", pane.screen());
    pane.assert_terminal_restored();
    let screen = pane.screen();
    assert!(
        screen.contains("committed: meeting: 2026-11-26 l10 (rated 9.0, 1 issue solved, 1 to-do)"),
        "{screen}"
    );

    let todos = t.read("todos.toml");
    assert!(
        todos.contains("id = \"exit-survey-for-churned-accounts\"")
            && todos.contains("done = 2026-11-26"),
        "{todos}"
    );
    assert!(
        todos.contains("title = \"Call the five churned accounts\"\nowner = \"amy\"\ncreated = 2026-11-26\ndue = 2026-12-03\nissue = \"churn-doubled\""),
        "{todos}"
    );
    let issues = t.read("issues.toml");
    assert!(
        issues.contains(
            "status = \"solved\"\nsolved = 2026-11-26\nresolution = \"Call every churned account\""
        ),
        "{issues}"
    );
    let meeting = t.read("meetings/2026-11-26.toml");
    for expected in [
        "started = 2026-11-26T09:00:00",
        "ended = 2026-11-26T09:0",
        "attendees = [\"amy\", \"felix\", \"ian\", \"nate\", \"priya\", \"zoe\"]",
        "ratings = { amy = 9 }",
    ] {
        assert!(meeting.contains(expected), "{expected} missing:\n{meeting}");
    }
    assert!(!meeting.contains("[run]"), "{meeting}");
    // One commit, of exactly the files the meeting changed, and nothing left over.
    let log = t.git(&["log", "--format=%s", &format!("{before}..HEAD")]);
    assert_eq!(
        log,
        "meeting: 2026-11-26 l10 (rated 9.0, 1 issue solved, 1 to-do)\n"
    );
    let files = t.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files, "issues.toml\nmeetings/2026-11-26.toml\ntodos.toml\n");
    assert!(t.clean(), "{}", t.git(&["status", "--short"]));
}

/// Ctrl-C leaves everything on disk and commits nothing; a second run
/// resumes at the same section, and q, y leaves it early with one commit.
#[test]
fn ctrl_c_then_a_second_run_resumes() {
    if skip_without_tmux() {
        return;
    }
    let t = TestCompany::demo();
    let before = head(&t);
    let pane = Pane::start(&t, "2026-11-26T09:00", "meeting run --date 2026-11-26");
    pane.wait_for("1/7 Segue");
    pane.keys(&["n", "n"]);
    pane.wait_for("3/7 Rock review");
    // The first rock goes off track.
    pane.keys(&["f"]);
    pane.wait_for("on-track → off-track");
    pane.keys(&["C-c"]);
    assert_eq!(pane.exit_code(), 130);
    pane.assert_terminal_restored();
    assert!(
        pane.screen()
            .contains("stopped: everything so far is on disk, not committed")
    );
    assert_eq!(head(&t), before, "nothing committed");
    let meeting = t.read("meetings/2026-11-26.toml");
    assert!(meeting.contains("section = \"rocks\""), "{meeting}");
    assert!(
        meeting.contains("files = [\"rocks/2026-Q4.toml\"]"),
        "{meeting}"
    );
    assert!(
        t.read("rocks/2026-Q4.toml")
            .contains("status = \"off-track\"")
    );
    drop(pane);

    let pane = Pane::start(&t, "2026-11-26T09:10", "meeting run");
    pane.wait_for("3/7 Rock review");
    pane.wait_for("resumed at Rock review");
    pane.keys(&["q"]);
    pane.wait_for("End the meeting before Conclude?");
    pane.keys(&["y"]);
    assert_eq!(pane.exit_code(), 0);
    let log = t.git(&["log", "--format=%s", &format!("{before}..HEAD")]);
    assert_eq!(
        log,
        "meeting: 2026-11-26 l10 (not rated, 0 issues solved, 0 to-dos)\n"
    );
    let files = t.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files, "meetings/2026-11-26.toml\nrocks/2026-Q4.toml\n");
    let meeting = t.read("meetings/2026-11-26.toml");
    assert!(
        meeting.contains("section = \"rocks\""),
        "still resumable: {meeting}"
    );
    assert!(!meeting.contains("ended ="), "{meeting}");
    assert!(t.clean());
}

/// A panic on the meeting screen still gives the terminal back, and its
/// message is printed where it can be read; what was done is on disk.
#[test]
fn the_terminal_comes_back_after_a_panic() {
    if skip_without_tmux() {
        return;
    }
    let t = TestCompany::demo();
    let pane = Pane::start(&t, "2026-11-26T09:00", "meeting run");
    pane.wait_for("1/7 Segue");
    pane.keys(&["x"]);
    pane.wait_for("Amy Chen is away");
    pane.keys(&["!"]);
    assert_eq!(pane.exit_code(), 101);
    pane.assert_terminal_restored();
    assert!(
        pane.screen()
            .contains("PULSE_TEST_PANIC: a panic on purpose")
    );
    let meeting = t.read("meetings/2026-11-26.toml");
    assert!(
        meeting.contains("attendees = [\"felix\", \"ian\", \"nate\", \"priya\", \"zoe\"]"),
        "{meeting}"
    );
}
