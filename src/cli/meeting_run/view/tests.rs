//! The meeting screen drawn into ratatui's `TestBackend` at 80×24 (and once
//! larger), one snapshot per section and per overlay, from the demo company.

use super::{Theme, draw};
use crate::model::level10::Section;
use crate::ops::meeting_run::demo;
use crate::ops::meeting_run::{Key, Run};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use std::time::Duration;

const PLAIN: Theme = Theme { color: false };

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

fn screen(
    run: &Run,
    now: Duration,
    width: u16,
    height: u16,
    theme: Theme,
) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| draw(f, run, now, theme)).unwrap();
    terminal
}

fn snapshot(run: &Run, now: Duration) -> String {
    screen(run, now, 80, 24, PLAIN).backend().to_string()
}

/// A run moved to `section` at `at` seconds, the clock read `later` seconds after.
fn at(section: Section) -> Run {
    let mut run = demo::run(Section::Segue);
    run.clock.go_to(section, Duration::ZERO);
    run
}

#[test]
fn segue() {
    let mut run = demo::run(Section::Segue);
    run.board.attendees = ["zoe", "ian", "amy", "priya", "felix"]
        .map(String::from)
        .to_vec();
    run.cursor[0] = 3;
    run.say("the meeting starts: good news, one personal and one professional each");
    insta::assert_snapshot!("segue", snapshot(&run, secs(95)));
}

#[test]
fn scorecard() {
    let mut run = at(Section::Scorecard);
    run.cursor[1] = 1;
    run.board
        .raised
        .push(("missed-measurable", "churned-accounts".into()));
    insta::assert_snapshot!("scorecard", snapshot(&run, secs(200)));
}

#[test]
fn rocks() {
    let mut run = at(Section::Rocks);
    run.cursor[2] = 1;
    insta::assert_snapshot!("rocks", snapshot(&run, secs(61)));
}

#[test]
fn headlines() {
    insta::assert_snapshot!("headlines", snapshot(&at(Section::Headlines), secs(30)));
}

#[test]
fn todos() {
    let mut run = at(Section::Todos);
    run.cursor[4] = 3;
    run.say("done: Q1 budget draft");
    insta::assert_snapshot!("todos", snapshot(&run, secs(150)));
}

#[test]
fn ids() {
    let mut run = at(Section::Ids);
    let mut solved = run.board.agenda.issues.remove(0);
    solved.status = crate::model::issue::IssueStatus::Solved;
    solved.resolution = Some("Call every churned account this week".into());
    run.board.closed.push(solved);
    insta::assert_snapshot!("ids", snapshot(&run, secs(1250)));
}

#[test]
fn conclude() {
    let mut run = at(Section::Conclude);
    run.board.attendees = ["zoe", "ian", "amy"].map(String::from).to_vec();
    run.board.ratings = [("zoe".to_string(), 9), ("ian".to_string(), 8)].into();
    run.cursor[6] = 2;
    run.board
        .agenda
        .cascade
        .push("Holiday schedule is final".into());
    insta::assert_snapshot!("conclude", snapshot(&run, secs(200)));
}

#[test]
fn a_section_over_its_time_says_by_how_much() {
    let mut run = at(Section::Ids);
    // IDS has 60 minutes; 61:20 in, it is over by 1:20.
    let text = snapshot(&run, secs(61 * 60 + 20));
    assert!(text.contains("over by 1:20"), "{text}");
    insta::assert_snapshot!("over_time", text);
    run.clock.toggle_pause(secs(61 * 60 + 20));
    let paused = snapshot(&run, secs(70 * 60));
    assert!(paused.contains("PAUSED over by 1:20"), "{paused}");
}

#[test]
fn help_lists_every_key() {
    let mut run = at(Section::Ids);
    run.key(Key::Char('?'), secs(5));
    let text = snapshot(&run, secs(5));
    for (key, _) in crate::ops::meeting_run::keys::GLOBAL {
        assert!(text.contains(key), "{key} missing:\n{text}");
    }
    insta::assert_snapshot!("help", text);
}

#[test]
fn leaving_early_asks_first() {
    let mut run = at(Section::Todos);
    run.key(Key::Char('q'), secs(5));
    insta::assert_snapshot!("confirm_quit", snapshot(&run, secs(5)));
}

#[test]
fn ids_form() {
    let mut run = at(Section::Ids);
    run.key(Key::Enter, secs(5));
    for c in "Call every churned account".chars() {
        run.key(Key::Char(c), secs(5));
    }
    run.key(Key::Tab, secs(5));
    for c in "Call the ten largest accounts".chars() {
        run.key(Key::Char(c), secs(5));
    }
    run.key(Key::Tab, secs(5));
    insta::assert_snapshot!("ids_form", snapshot(&run, secs(300)));
}

#[test]
fn a_larger_terminal_gets_the_room() {
    let run = at(Section::Rocks);
    let text = screen(&run, secs(10), 120, 30, PLAIN).backend().to_string();
    insta::assert_snapshot!("rocks_120x30", text);
}

#[test]
fn no_color_means_no_colour() {
    let run = at(Section::Scorecard);
    let coloured = |theme: Theme| {
        let terminal = screen(&run, secs(400), 80, 24, theme);
        let buffer = terminal.backend().buffer().clone();
        buffer
            .content()
            .iter()
            .any(|cell| cell.fg != Color::Reset || cell.bg != Color::Reset)
    };
    assert!(coloured(Theme { color: true }));
    assert!(!coloured(PLAIN));
}

#[test]
fn a_small_terminal_does_not_break_the_screen() {
    for (w, h) in [(40, 10), (80, 24), (20, 5)] {
        for section in Section::ALL {
            let mut run = at(section);
            screen(&run, secs(1), w, h, PLAIN);
            run.key(Key::Char('?'), secs(1));
            screen(&run, secs(1), w, h, PLAIN);
        }
    }
}
