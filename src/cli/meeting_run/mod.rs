//! `pulse meeting run`: the thin terminal layer over the meeting's state
//! machine (`ops::meeting_run`). It checks for a terminal, borrows it
//! (always given back, see `terminal`), reads keys and hands them on,
//! draws a frame after each key and every quarter of a second, and says
//! what happened once the terminal is back.

mod keys;
mod terminal;
mod view;

use super::output::Out;
use super::values;
use crate::error::{Error, Result};
use crate::ops::Ctx;
use crate::ops::meeting_run::clock::clock_text;
use crate::ops::meeting_run::session::default_date;
use crate::ops::meeting_run::{Run, Session, Step};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// How often the clock on the screen moves without a key.
const FRAME: Duration = Duration::from_millis(250);

enum End {
    Leave {
        ended: bool,
    },
    Interrupt,
    /// The terminal failed (closed, gone): saved, nothing committed.
    Lost(std::io::Error),
}

pub fn run(date: Option<String>, ctx: &Ctx, out: &Out) -> Result<i32> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Error::user(
            "meeting run needs a terminal; use 'pulse agenda' to print the meeting",
        ));
    }
    let date = match date {
        Some(d) => values::date(&d, "--date")?,
        None => default_date(ctx)?,
    };
    let clock = Instant::now();
    let (mut session, mut run) = Session::open(ctx, date, Duration::ZERO)?;
    let theme = view::Theme {
        color: out.painter.color,
    };
    let end = {
        let _guard = terminal::TerminalGuard::enter()
            .map_err(|e| Error::user(format!("cannot take over the terminal: {e}")))?;
        let mut screen = Terminal::new(CrosstermBackend::new(std::io::stdout()))
            .map_err(|e| Error::user(format!("cannot draw on the terminal: {e}")))?;
        event_loop(&mut screen, &mut session, &mut run, clock, theme)
    };
    let now = clock.elapsed();
    let hint = format!("`pulse meeting run --date {date}` resumes it");
    match end {
        End::Leave { ended } => {
            let left = session.leave(&run, now, ended)?;
            out.outcome(&left.outcome);
            if !out.quiet {
                let how = if left.ended {
                    format!("ended after {}", clock_text(left.total))
                } else {
                    format!(
                        "left at {} after {}; {hint}",
                        run.section().title(),
                        clock_text(left.total)
                    )
                };
                out.println(&format!("meeting {date}: {how}"));
                if left.outcome.committed {
                    out.println(&format!("committed: {}", left.message));
                }
                if left.ended {
                    out.println(&format!(
                        "the recap to send: pulse meeting summary {date} --format markdown"
                    ));
                }
            }
            Ok(0)
        }
        End::Interrupt => {
            session.interrupt(&run, now)?;
            eprintln!("stopped: everything so far is on disk, not committed; {hint}");
            Ok(130)
        }
        End::Lost(e) => {
            session.interrupt(&run, now)?;
            Err(Error::user(format!(
                "the terminal went away ({e}): everything so far is on disk, not committed"
            ))
            .with_hint(hint))
        }
    }
}

fn event_loop(
    screen: &mut Terminal<CrosstermBackend<std::io::Stdout>>,
    session: &mut Session,
    run: &mut Run,
    clock: Instant,
    theme: view::Theme,
) -> End {
    loop {
        let now = clock.elapsed();
        if let Err(e) = screen.draw(|frame| view::draw(frame, run, now, theme)) {
            return End::Lost(e);
        }
        let ready = match event::poll(FRAME) {
            Ok(ready) => ready,
            Err(e) => return End::Lost(e),
        };
        let now = clock.elapsed();
        if ready {
            match event::read() {
                Ok(Event::Key(press)) => {
                    if let Some(key) = keys::key(press) {
                        test_panic(key);
                        match run.key(key, now) {
                            Step::Nothing => {}
                            Step::Act(action) => session.perform(run, &action, now),
                            Step::Save => session.save(run, now),
                            Step::Leave { ended } => return End::Leave { ended },
                            Step::Interrupt => return End::Interrupt,
                        }
                    }
                }
                // The next draw fits the new size (ratatui resizes itself).
                Ok(_) => {}
                Err(e) => return End::Lost(e),
            }
        }
        session.tick(run, now);
    }
}

/// Debug builds only: `!` panics when `PULSE_TEST_PANIC` is set, so that a
/// test can watch the terminal come back after a panic (tests/it).
fn test_panic(key: crate::ops::meeting_run::Key) {
    if cfg!(debug_assertions)
        && key == crate::ops::meeting_run::Key::Char('!')
        && std::env::var_os("PULSE_TEST_PANIC").is_some()
    {
        panic!("PULSE_TEST_PANIC: a panic on purpose");
    }
}
