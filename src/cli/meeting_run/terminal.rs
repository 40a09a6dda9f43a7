//! The terminal, borrowed for the meeting and always given back: raw mode
//! off, the alternate screen left, the cursor shown — when the guard drops
//! (a normal end, an error, an unwinding panic) and, through a panic hook,
//! before a panic's message is printed.

use ratatui::crossterm::{cursor, execute, terminal};
use std::io::Write;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether pulse holds the terminal now (the panic hook restores only then).
static HELD: AtomicBool = AtomicBool::new(false);
static HOOK: Once = Once::new();

pub struct TerminalGuard;

impl TerminalGuard {
    /// Raw mode, the alternate screen, no cursor.
    pub fn enter() -> std::io::Result<TerminalGuard> {
        HOOK.call_once(|| {
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                restore();
                previous(info);
            }));
        });
        terminal::enable_raw_mode()?;
        HELD.store(true, Ordering::SeqCst);
        let guard = TerminalGuard;
        execute!(
            std::io::stdout(),
            terminal::EnterAlternateScreen,
            cursor::Hide
        )?;
        Ok(guard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Gives the terminal back, once.
fn restore() {
    if HELD.swap(false, Ordering::SeqCst) {
        let _ = terminal::disable_raw_mode();
        let mut out = std::io::stdout();
        let _ = execute!(out, terminal::LeaveAlternateScreen, cursor::Show);
        let _ = out.flush();
    }
}
