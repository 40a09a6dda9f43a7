//! The meeting screen as a state machine that knows no terminal: the
//! section, the clock, the selection in each section, the help overlay, the
//! question before leaving early, and the form being typed. A key goes in
//! (`Run::key`) and a [`Step`] comes out; actions on the company are carried
//! out by the session, which reports back with `Run::acted`.

use super::board::Board;
use super::clock::Clock;
use super::event::{Action, Key, Step};
use super::form::{Form, FormInput};
use crate::model::level10::Section;
use chrono::NaiveDate;
use std::time::Duration;

#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    Browse,
    Help,
    /// `q` before Conclude: `y` leaves, any other key goes back.
    ConfirmQuit,
    Form(Box<Form>),
}

/// The line under the section: what the last action did, or why it failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

#[derive(Debug)]
pub struct Run {
    pub date: NaiveDate,
    /// Each section's minutes on the agenda.
    pub plan: [u32; 7],
    pub clock: Clock,
    pub mode: Mode,
    /// The selected row of each section.
    pub cursor: [usize; 7],
    pub board: Board,
    pub notice: Option<Notice>,
    /// The action handed to the session, until it reports back.
    pending: Option<Action>,
    /// The issue the selection follows through a re-prioritisation.
    follow: Option<String>,
}

impl Run {
    /// A run at `section` with `spent` already banked (zero for a new one),
    /// its clock running from `now`.
    pub fn new(
        date: NaiveDate,
        board: Board,
        section: Section,
        spent: [Duration; 7],
        now: Duration,
    ) -> Run {
        let mut plan = [0; 7];
        for (i, s) in board.agenda.sections.iter().enumerate().take(7) {
            plan[i] = s.minutes;
        }
        Run {
            date,
            plan,
            clock: Clock::new(section, spent, now),
            mode: Mode::Browse,
            cursor: [0; 7],
            board,
            notice: None,
            pending: None,
            follow: None,
        }
    }

    pub fn section(&self) -> Section {
        self.clock.current()
    }

    pub fn planned(&self, section: Section) -> Duration {
        Duration::from_secs(u64::from(self.plan[section.index()]) * 60)
    }

    pub fn planned_total(&self) -> Duration {
        Duration::from_secs(u64::from(self.plan.iter().sum::<u32>()) * 60)
    }

    /// The selected row of the current section.
    pub fn selected(&self) -> usize {
        self.cursor[self.section().index()]
    }

    /// How many rows the section's list has.
    pub fn rows(&self, section: Section) -> usize {
        let a = &self.board.agenda;
        match section {
            Section::Segue => self.board.people.len(),
            Section::Scorecard => a.scorecard.len(),
            Section::Rocks => a.rocks.len(),
            Section::Headlines => a.headlines.len(),
            Section::Todos => a.todos.len(),
            Section::Ids => a.issues.len(),
            Section::Conclude => self.board.raters().len(),
        }
    }

    pub fn say(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            error: false,
        });
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            error: true,
        });
    }

    pub fn key(&mut self, key: Key, now: Duration) -> Step {
        if key == Key::Interrupt {
            return Step::Interrupt;
        }
        match &mut self.mode {
            Mode::Help => {
                self.mode = Mode::Browse;
                Step::Nothing
            }
            Mode::ConfirmQuit => {
                self.mode = Mode::Browse;
                if matches!(key, Key::Char('y' | 'Y')) {
                    Step::Leave { ended: false }
                } else {
                    self.say("the meeting goes on");
                    Step::Nothing
                }
            }
            Mode::Form(form) => match form.key(key) {
                FormInput::Stay => Step::Nothing,
                FormInput::Cancel => {
                    self.mode = Mode::Browse;
                    Step::Nothing
                }
                FormInput::Submit(button) => {
                    let form = form.clone();
                    self.submit(&form, button)
                }
            },
            Mode::Browse => self.browse(key, now),
        }
    }

    fn browse(&mut self, key: Key, now: Duration) -> Step {
        let section = self.section();
        match key {
            Key::Char('n') | Key::Right => match Section::ALL.get(section.index() + 1) {
                Some(next) => {
                    self.clock.go_to(*next, now);
                    self.notice = None;
                    Step::Save
                }
                None => {
                    self.say("Conclude is the last section: q ends the meeting");
                    Step::Nothing
                }
            },
            Key::Char('p') | Key::Left => match section.index().checked_sub(1) {
                Some(i) => {
                    self.clock.go_to(Section::ALL[i], now);
                    self.notice = None;
                    Step::Save
                }
                None => Step::Nothing,
            },
            Key::Char(' ') => {
                self.clock.toggle_pause(now);
                Step::Save
            }
            Key::Char('?') => {
                self.mode = Mode::Help;
                Step::Nothing
            }
            Key::Char('q') if section == Section::Conclude => Step::Leave { ended: true },
            Key::Char('q') => {
                self.mode = Mode::ConfirmQuit;
                Step::Nothing
            }
            Key::Up | Key::Char('k') => {
                let i = section.index();
                self.cursor[i] = self.cursor[i].saturating_sub(1);
                Step::Nothing
            }
            Key::Down | Key::Char('j') => {
                let i = section.index();
                let last = self.rows(section).saturating_sub(1);
                self.cursor[i] = (self.cursor[i] + 1).min(last);
                Step::Nothing
            }
            Key::Esc => {
                self.notice = None;
                Step::Nothing
            }
            _ => self.section_key(section, key),
        }
    }

    /// Hands an action to the session.
    pub(super) fn act(&mut self, action: Action) -> Step {
        self.follow = match &action {
            Action::Top { .. } => self
                .board
                .agenda
                .issues
                .get(self.selected())
                .map(|i| i.id.clone()),
            _ => None,
        };
        self.pending = Some(action.clone());
        Step::Act(action)
    }

    /// The session carried out (or failed) the last action: `board` is the
    /// company read again. A form closes on success and stays open, with
    /// the error, on failure.
    pub fn acted(&mut self, result: Result<String, String>, board: Option<Board>) {
        if let Some(board) = board {
            self.board = board;
        }
        let action = self.pending.take();
        match result {
            Ok(message) => {
                if matches!(self.mode, Mode::Form(_)) {
                    self.mode = Mode::Browse;
                }
                if let Some(Action::Rate { .. }) = action {
                    // On to the next person: rating goes round the table.
                    let i = Section::Conclude.index();
                    self.cursor[i] += 1;
                }
                self.say(message);
            }
            Err(message) => {
                if let Mode::Form(form) = &mut self.mode {
                    form.error = Some(message.clone());
                }
                self.warn(message);
            }
        }
        // A re-prioritised issue moves in the list: the selection goes with it.
        if let Some(id) = self.follow.take()
            && let Some(at) = self.board.agenda.issues.iter().position(|i| i.id == id)
        {
            self.cursor[Section::Ids.index()] = at;
        }
        for section in Section::ALL {
            let last = self.rows(section).saturating_sub(1);
            let i = section.index();
            self.cursor[i] = self.cursor[i].min(last);
        }
    }
}
