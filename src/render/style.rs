//! Colour, decided once per run: on for a terminal unless `NO_COLOR` or
//! `TERM=dumb`, forced by `--color always`, never on a pipe otherwise.

use anstyle::{AnsiColor, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Painter {
    pub color: bool,
}

pub const GOOD: Style = AnsiColor::Green.on_default();
pub const BAD: Style = AnsiColor::Red.on_default();
pub const WARN: Style = AnsiColor::Yellow.on_default();
pub const DIM: Style = Style::new().dimmed();
pub const BOLD: Style = Style::new().bold();

impl Painter {
    pub fn paint(&self, text: &str, style: Style) -> String {
        if self.color {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }

    pub fn comfy(&self, style: Style) -> Option<comfy_table::Color> {
        if !self.color {
            return None;
        }
        match style.get_fg_color() {
            Some(anstyle::Color::Ansi(AnsiColor::Green)) => Some(comfy_table::Color::Green),
            Some(anstyle::Color::Ansi(AnsiColor::Red)) => Some(comfy_table::Color::Red),
            Some(anstyle::Color::Ansi(AnsiColor::Yellow)) => Some(comfy_table::Color::Yellow),
            _ => None,
        }
    }
}
