//! The state machine's key handling, on the demo company's board (read
//! only): which keys move, pause, ask, open forms, and which actions they
//! hand to the session.

use super::demo;
use super::event::{Action, Key, Step, TodoDraft};
use super::form::FormKind;
use super::state::{Mode, Run};
use crate::model::level10::Section;
use crate::model::meeting::HeadlineKind;
use crate::model::rock::RockStatus;
use chrono::NaiveDate;
use std::time::Duration;

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

fn at(section: Section) -> Run {
    let mut run = demo::run(Section::Segue);
    run.clock.go_to(section, Duration::ZERO);
    run
}

fn typed(run: &mut Run, text: &str) {
    for c in text.chars() {
        assert_eq!(run.key(Key::Char(c), secs(1)), Step::Nothing);
    }
}

#[test]
fn n_and_p_and_arrows_walk_the_sections_and_save() {
    let mut run = demo::run(Section::Segue);
    assert_eq!(run.key(Key::Char('n'), secs(10)), Step::Save);
    assert_eq!(run.section(), Section::Scorecard);
    assert_eq!(run.key(Key::Right, secs(20)), Step::Save);
    assert_eq!(run.section(), Section::Rocks);
    assert_eq!(run.key(Key::Left, secs(25)), Step::Save);
    assert_eq!(run.key(Key::Char('p'), secs(30)), Step::Save);
    assert_eq!(run.section(), Section::Segue);
    assert_eq!(run.key(Key::Char('p'), secs(30)), Step::Nothing);
    assert_eq!(run.clock.spent(Section::Segue, secs(30)), secs(10));
    assert_eq!(run.clock.spent(Section::Scorecard, secs(30)), secs(15));
    assert_eq!(run.clock.total(secs(30)), secs(30));

    let mut run = at(Section::Conclude);
    assert_eq!(run.key(Key::Char('n'), secs(1)), Step::Nothing);
    assert_eq!(run.section(), Section::Conclude);
    assert!(run.notice.as_ref().unwrap().text.contains("last section"));
}

#[test]
fn space_pauses_and_resumes_the_clock() {
    let mut run = demo::run(Section::Segue);
    assert_eq!(run.key(Key::Char(' '), secs(60)), Step::Save);
    assert!(run.clock.paused());
    assert_eq!(run.clock.total(secs(600)), secs(60));
    assert_eq!(run.key(Key::Char(' '), secs(600)), Step::Save);
    assert_eq!(run.clock.total(secs(630)), secs(90));
}

#[test]
fn help_opens_with_a_question_mark_and_any_key_closes_it() {
    let mut run = demo::run(Section::Segue);
    run.key(Key::Char('?'), secs(1));
    assert_eq!(run.mode, Mode::Help);
    // The key that closes the help does nothing else.
    assert_eq!(run.key(Key::Char('n'), secs(2)), Step::Nothing);
    assert_eq!(run.mode, Mode::Browse);
    assert_eq!(run.section(), Section::Segue);
}

#[test]
fn q_before_conclude_asks_and_y_confirms() {
    let mut run = at(Section::Ids);
    assert_eq!(run.key(Key::Char('q'), secs(1)), Step::Nothing);
    assert_eq!(run.mode, Mode::ConfirmQuit);
    assert_eq!(run.key(Key::Char('n'), secs(1)), Step::Nothing);
    assert_eq!(run.mode, Mode::Browse);
    assert_eq!(run.section(), Section::Ids);
    run.key(Key::Char('q'), secs(1));
    assert_eq!(
        run.key(Key::Char('y'), secs(1)),
        Step::Leave { ended: false }
    );

    let mut run = at(Section::Conclude);
    assert_eq!(
        run.key(Key::Char('q'), secs(1)),
        Step::Leave { ended: true }
    );
}

#[test]
fn ctrl_c_interrupts_in_every_mode() {
    let mut run = at(Section::Ids);
    assert_eq!(run.key(Key::Interrupt, secs(1)), Step::Interrupt);
    run.key(Key::Enter, secs(1));
    assert!(matches!(run.mode, Mode::Form(_)));
    assert_eq!(run.key(Key::Interrupt, secs(1)), Step::Interrupt);
}

#[test]
fn segue_toggles_who_is_here() {
    let mut run = demo::run(Section::Segue);
    run.board.attendees = vec!["amy".into()];
    assert_eq!(
        run.key(Key::Char('x'), secs(1)),
        Step::Act(Action::Attend {
            handle: "amy".into(),
            present: false
        })
    );
    run.key(Key::Down, secs(1));
    assert_eq!(
        run.key(Key::Enter, secs(1)),
        Step::Act(Action::Attend {
            handle: "felix".into(),
            present: true
        })
    );
}

#[test]
fn the_selection_stays_inside_the_list() {
    let mut run = at(Section::Rocks);
    for _ in 0..20 {
        run.key(Key::Char('j'), secs(1));
    }
    assert_eq!(run.selected(), run.board.agenda.rocks.len() - 1);
    for _ in 0..20 {
        run.key(Key::Up, secs(1));
    }
    assert_eq!(run.selected(), 0);
}

#[test]
fn a_scorecard_miss_drops_to_the_issues_list_once() {
    let mut run = at(Section::Scorecard);
    // The first measurable is a hit: nothing to drop.
    assert_eq!(run.key(Key::Char('i'), secs(1)), Step::Nothing);
    assert!(run.notice.as_ref().unwrap().error);
    run.key(Key::Down, secs(1));
    let step = run.key(Key::Char('i'), secs(1));
    let Step::Act(Action::RaiseIssue { title, owner }) = step else {
        panic!("{step:?}")
    };
    assert!(title.starts_with("Missed: Trials started"), "{title}");
    assert_eq!(owner, "amy");
    run.board
        .raised
        .push(("missed-measurable", "trials-started".into()));
    assert_eq!(run.key(Key::Char('i'), secs(1)), Step::Nothing);
    assert_eq!(
        run.notice.as_ref().unwrap().text,
        "already on the issues list"
    );
}

#[test]
fn rock_keys_set_statuses_and_drop_an_off_track_rock() {
    let mut run = at(Section::Rocks);
    assert_eq!(
        run.key(Key::Char('f'), secs(1)),
        Step::Act(Action::RockStatus {
            id: "ship-the-ipv6-network-to-every-region".into(),
            status: RockStatus::OffTrack
        })
    );
    // Already on track: nothing to write.
    assert_eq!(run.key(Key::Char('o'), secs(1)), Step::Nothing);
    assert_eq!(run.key(Key::Char('i'), secs(1)), Step::Nothing);
    run.key(Key::Down, secs(1));
    let Step::Act(Action::RaiseIssue { title, owner }) = run.key(Key::Char('i'), secs(1)) else {
        panic!("an off-track rock drops to the issues list")
    };
    assert_eq!(title, "Rock off track: Open the Frankfurt region");
    assert_eq!(owner, "ian");
    assert!(matches!(
        run.key(Key::Char('d'), secs(1)),
        Step::Act(Action::RockStatus {
            status: RockStatus::Done,
            ..
        })
    ));
}

#[test]
fn a_headline_is_typed_in_a_form() {
    let mut run = at(Section::Headlines);
    run.key(Key::Char('a'), secs(1));
    assert!(matches!(&run.mode, Mode::Form(f) if f.kind == FormKind::Headline));
    // Enter on an empty headline says what is missing and stays.
    run.key(Key::Tab, secs(1));
    run.key(Key::Tab, secs(1));
    assert_eq!(run.key(Key::Enter, secs(1)), Step::Nothing);
    let Mode::Form(form) = &run.mode else {
        panic!("the form stays open")
    };
    assert!(form.error.as_deref().unwrap().contains("type the headline"));
    run.key(Key::BackTab, secs(1));
    run.key(Key::BackTab, secs(1));
    typed(&mut run, "Acme renewed");
    run.key(Key::Tab, secs(1));
    run.key(Key::Char('z'), secs(1));
    run.key(Key::Tab, secs(1));
    run.key(Key::Right, secs(1));
    assert_eq!(
        run.key(Key::Enter, secs(1)),
        Step::Act(Action::AddHeadline {
            text: "Acme renewed".into(),
            by: "zoe".into(),
            kind: HeadlineKind::Employee
        })
    );
    run.acted(Ok("headline added".into()), None);
    assert_eq!(run.mode, Mode::Browse);
    // Esc cancels a form without an action.
    run.key(Key::Char('a'), secs(1));
    assert_eq!(run.key(Key::Esc, secs(1)), Step::Nothing);
    assert_eq!(run.mode, Mode::Browse);
}

#[test]
fn todos_are_marked_done_and_back() {
    let mut run = at(Section::Todos);
    assert_eq!(
        run.key(Key::Char('x'), secs(1)),
        Step::Act(Action::TodoReopen {
            id: "call-the-ten-largest-accounts".into()
        })
    );
    for _ in 0..3 {
        run.key(Key::Down, secs(1));
    }
    assert_eq!(
        run.key(Key::Enter, secs(1)),
        Step::Act(Action::TodoDone {
            id: "exit-survey-for-churned-accounts".into()
        })
    );
}

#[test]
fn ids_solves_an_issue_with_its_todos() {
    let mut run = at(Section::Ids);
    run.key(Key::Enter, secs(1));
    typed(&mut run, "Call every churned account");
    run.key(Key::Tab, secs(1));
    typed(&mut run, "Call the ten largest");
    run.key(Key::Tab, secs(1));
    run.key(Key::Char('i'), secs(1));
    run.key(Key::Tab, secs(1));
    run.key(Key::Clear, secs(1));
    typed(&mut run, "2026-12-01");
    run.key(Key::Tab, secs(1));
    typed(&mut run, "Exit survey");
    for _ in 0..4 {
        run.key(Key::Tab, secs(1));
    }
    let step = run.key(Key::Char('s'), secs(1));
    assert_eq!(
        step,
        Step::Act(Action::Solve {
            id: "churn-doubled".into(),
            resolution: "Call every churned account".into(),
            todos: vec![
                TodoDraft {
                    title: "Call the ten largest".into(),
                    owner: "ian".into(),
                    due: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
                },
                TodoDraft {
                    title: "Exit survey".into(),
                    owner: "amy".into(),
                    due: NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
                },
            ],
        })
    );
    // A failure keeps the form open, with the reason in it.
    run.acted(Err("issue `churn-doubled` is already solved".into()), None);
    let Mode::Form(form) = &run.mode else {
        panic!("the form stays open on a failure")
    };
    assert!(form.error.as_deref().unwrap().contains("already solved"));
    run.acted(Ok("solved".into()), None);
    assert_eq!(run.mode, Mode::Browse);
}

#[test]
fn ids_refuses_a_bad_due_date_and_drops_or_keeps() {
    let mut run = at(Section::Ids);
    run.key(Key::Enter, secs(1));
    run.key(Key::Tab, secs(1));
    typed(&mut run, "Ask the vendor");
    run.key(Key::Tab, secs(1));
    run.key(Key::Tab, secs(1));
    run.key(Key::Clear, secs(1));
    typed(&mut run, "2026-11-02");
    for _ in 0..4 {
        run.key(Key::Tab, secs(1));
    }
    assert_eq!(run.key(Key::Char('k'), secs(1)), Step::Nothing);
    let Mode::Form(form) = &run.mode else {
        panic!("still typing")
    };
    assert!(
        form.error
            .as_deref()
            .unwrap()
            .contains("before the meeting"),
        "{:?}",
        form.error
    );
    for _ in 0..4 {
        run.key(Key::BackTab, secs(1));
    }
    run.key(Key::Clear, secs(1));
    typed(&mut run, "next week");
    for _ in 0..4 {
        run.key(Key::Tab, secs(1));
    }
    run.key(Key::Char('d'), secs(1));
    let Mode::Form(form) = &run.mode else {
        panic!("still typing")
    };
    assert!(form.error.as_deref().unwrap().contains("invalid date"));

    // Keep with nothing typed closes the form and changes nothing.
    let mut run = at(Section::Ids);
    run.key(Key::Enter, secs(1));
    run.key(Key::Tab, secs(1));
    run.key(Key::Tab, secs(1));
    run.key(Key::Tab, secs(1));
    run.key(Key::Tab, secs(1));
    assert_eq!(run.key(Key::Char('k'), secs(1)), Step::Nothing);
    assert_eq!(run.mode, Mode::Browse);
    run.key(Key::Enter, secs(1));
    for _ in 0..4 {
        run.key(Key::Tab, secs(1));
    }
    assert_eq!(
        run.key(Key::Char('d'), secs(1)),
        Step::Act(Action::Drop {
            id: "churn-doubled".into(),
            todos: vec![]
        })
    );
}

#[test]
fn digits_reorder_the_top_three() {
    let mut run = at(Section::Ids);
    let ids = |step: Step| match step {
        Step::Act(Action::Top { ids }) => ids,
        other => panic!("{other:?}"),
    };
    // The demo's top three: churn-doubled, frankfurt-racks-late, support-queue-after-hours.
    run.key(Key::Down, secs(1));
    assert_eq!(
        ids(run.key(Key::Char('1'), secs(1))),
        [
            "frankfurt-racks-late",
            "churn-doubled",
            "support-queue-after-hours"
        ]
    );
    assert_eq!(
        ids(run.key(Key::Char('0'), secs(1))),
        ["churn-doubled", "support-queue-after-hours"]
    );
    run.key(Key::Down, secs(1));
    run.key(Key::Down, secs(1));
    run.key(Key::Down, secs(1));
    // Not in the top three: 0 has nothing to take out; 2 puts it second.
    assert_eq!(run.key(Key::Char('0'), secs(1)), Step::Nothing);
    assert_eq!(
        ids(run.key(Key::Char('2'), secs(1))),
        ["churn-doubled", "rack-12-firmware", "frankfurt-racks-late"]
    );
}

#[test]
fn conclude_rates_round_the_table_and_cascades() {
    let mut run = at(Section::Conclude);
    run.board.attendees = ["zoe", "ian", "amy"].map(String::from).to_vec();
    // Raters in roster order: amy, ian, zoe. A digit opens the rating.
    run.key(Key::Char('9'), secs(1));
    assert!(
        matches!(&run.mode, Mode::Form(f) if f.kind == FormKind::Rating { handle: "amy".into() })
    );
    run.key(Key::Char('9'), secs(1));
    assert_eq!(run.key(Key::Enter, secs(1)), Step::Nothing);
    let Mode::Form(form) = &run.mode else {
        panic!("99 is no rating")
    };
    assert!(form.error.as_deref().unwrap().contains("1 to 10"));
    run.key(Key::Backspace, secs(1));
    assert_eq!(
        run.key(Key::Enter, secs(1)),
        Step::Act(Action::Rate {
            handle: "amy".into(),
            rating: 9
        })
    );
    run.acted(Ok("Amy rated 9".into()), None);
    assert_eq!(run.selected(), 1);
    run.key(Key::Enter, secs(1));
    typed(&mut run, "10");
    assert_eq!(
        run.key(Key::Enter, secs(1)),
        Step::Act(Action::Rate {
            handle: "ian".into(),
            rating: 10
        })
    );
    run.acted(Ok("rated".into()), None);
    run.key(Key::Char('c'), secs(1));
    typed(&mut run, "Holiday schedule is final");
    assert_eq!(
        run.key(Key::Enter, secs(1)),
        Step::Act(Action::Cascade {
            text: "Holiday schedule is final".into()
        })
    );
}

#[test]
fn an_issue_can_be_added_in_ids() {
    let mut run = at(Section::Ids);
    run.key(Key::Char('a'), secs(1));
    typed(&mut run, "Printer on fire");
    run.key(Key::Tab, secs(1));
    run.key(Key::Char('f'), secs(1));
    assert_eq!(
        run.key(Key::Enter, secs(1)),
        Step::Act(Action::AddIssue {
            title: "Printer on fire".into(),
            owner: "felix".into()
        })
    );
}

#[test]
fn the_selection_follows_an_issue_through_the_top_three() {
    let mut run = at(Section::Ids);
    for _ in 0..3 {
        run.key(Key::Down, secs(1));
    }
    assert!(matches!(
        run.key(Key::Char('1'), secs(1)),
        Step::Act(Action::Top { .. })
    ));
    // The session writes it and reads the company again: expense-tool first.
    let mut board = super::Board::load(&demo::ctx(), demo::date()).unwrap();
    let moved = board.agenda.issues.remove(3);
    board.agenda.issues.insert(0, moved);
    run.acted(Ok("top three".into()), Some(board));
    assert_eq!(run.selected(), 0);
    assert_eq!(run.board.agenda.issues[0].id, "expense-tool");
}
