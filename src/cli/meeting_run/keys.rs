//! The terminal's keys as the meeting's state machine knows them.

use crate::ops::meeting_run::Key;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// The state machine's key for a key press; `None` for a release, a repeat
/// of nothing it knows, or a key it has no use for.
pub fn key(event: KeyEvent) -> Option<Key> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    Some(match event.code {
        KeyCode::Char('c') if ctrl => Key::Interrupt,
        KeyCode::Char('u') if ctrl => Key::Clear,
        KeyCode::Char(_) if ctrl => return None,
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Tab => Key::Tab,
        KeyCode::BackTab => Key::BackTab,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presses_map_and_releases_do_not() {
        let press = |code, modifiers| KeyEvent::new(code, modifiers);
        assert_eq!(
            key(press(KeyCode::Char('n'), KeyModifiers::NONE)),
            Some(Key::Char('n'))
        );
        assert_eq!(
            key(press(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Key::Interrupt)
        );
        assert_eq!(key(press(KeyCode::Char('x'), KeyModifiers::CONTROL)), None);
        assert_eq!(
            key(press(KeyCode::Right, KeyModifiers::NONE)),
            Some(Key::Right)
        );
        let mut release = press(KeyCode::Char('n'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(key(release), None);
    }
}
