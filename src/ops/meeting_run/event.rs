//! What goes into the meeting's state machine (keys, already translated from
//! the terminal's) and what comes out of it (steps, and actions on the
//! company for the session to carry out).

use crate::model::meeting::HeadlineKind;
use crate::model::rock::RockStatus;
use chrono::NaiveDate;

/// A key, as the state machine knows it; the screen maps the terminal's
/// keys to these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Enter,
    Esc,
    Backspace,
    Tab,
    BackTab,
    Up,
    Down,
    Left,
    Right,
    /// Ctrl-U: clear the field.
    Clear,
    /// Ctrl-C: stop at once; a second run resumes.
    Interrupt,
}

/// A to-do typed in IDS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TodoDraft {
    pub title: String,
    pub owner: String,
    pub due: NaiveDate,
}

/// A change to the company, carried out by the session through the same
/// ops as the command line's.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Segue: mark someone present or absent.
    Attend {
        handle: String,
        present: bool,
    },
    /// Scorecard and rock review: put a miss or an off-track rock on the
    /// issues list.
    RaiseIssue {
        title: String,
        owner: String,
    },
    RockStatus {
        id: String,
        status: RockStatus,
    },
    AddHeadline {
        text: String,
        by: String,
        kind: HeadlineKind,
    },
    TodoDone {
        id: String,
    },
    TodoReopen {
        id: String,
    },
    /// IDS: solve, drop or keep an issue, making its to-dos in every case.
    Solve {
        id: String,
        resolution: String,
        todos: Vec<TodoDraft>,
    },
    Drop {
        id: String,
        todos: Vec<TodoDraft>,
    },
    Keep {
        id: String,
        todos: Vec<TodoDraft>,
    },
    /// IDS: the new top three, in order (possibly empty).
    Top {
        ids: Vec<String>,
    },
    AddIssue {
        title: String,
        owner: String,
    },
    Cascade {
        text: String,
    },
    Rate {
        handle: String,
        rating: u8,
    },
}

/// What a key asks of the session around the state machine.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Nothing beyond redrawing.
    Nothing,
    /// Carry out an action, then report back with `Run::acted`.
    Act(Action),
    /// The clock changed section or paused: save where the meeting stands.
    Save,
    /// Leave the run; `ended` when it is left from Conclude.
    Leave { ended: bool },
    /// Ctrl-C: save and stop without committing.
    Interrupt,
}
