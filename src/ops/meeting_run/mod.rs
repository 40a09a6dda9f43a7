//! `pulse meeting run`: the Level 10 run section by section (SPEC §8).
//!
//! Two halves, neither knowing the terminal: [`state::Run`], a state
//! machine (section, clock, selection, forms) that turns keys into
//! [`event::Step`]s, and [`session::Session`], which carries out the
//! actions through the same ops as the command line (`issue solve`, `todo
//! done`, `meeting rate`...), written at once but not committed, keeps the
//! run's place in the meeting's file, and makes one commit on leaving. The
//! screen (`cli::meeting_run`) only maps keys and draws.

pub mod board;
pub mod clock;
pub mod event;
pub mod form;
pub mod keys;
pub mod record;
mod sections;
pub mod session;
pub mod state;
#[cfg(test)]
mod tests;

pub use board::Board;
pub use event::{Action, Key, Step};
pub use session::{Left, Session};
pub use state::{Mode, Run};

/// The demo company of `examples/demo` (read, never written) on the morning
/// of its meeting, for the tests of the state machine and of the screen.
#[cfg(test)]
pub(crate) mod demo {
    use super::{Board, Run};
    use crate::model::level10::Section;
    use crate::ops::Ctx;
    use crate::store::Workspace;
    use chrono::NaiveDate;
    use std::time::Duration;

    pub fn ctx() -> Ctx {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let ws = Workspace::open(root).expect("the demo company");
        Ctx::new(ws, None, Some("2026-11-26T09:00"), true).expect("a context")
    }

    pub fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    /// A run at `section`, its clock started at zero.
    pub fn run(section: Section) -> Run {
        let ctx = ctx();
        let board = Board::load(&ctx, date()).expect("the demo's board");
        Run::new(date(), board, section, [Duration::ZERO; 7], Duration::ZERO)
    }
}
