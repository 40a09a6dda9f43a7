//! Drawing the meeting screen from the state machine, one frame at a time
//! (ratatui diffs the frames, so only what changed reaches the terminal):
//! the header with the clock, the row of sections, the section's body, the
//! last action's outcome, the keys; and over them the help, the question
//! before leaving, or the form being typed.

mod body;
mod overlay;
#[cfg(test)]
mod tests;

use crate::escape::escape;
use crate::model::level10::Section;
use crate::ops::meeting_run::clock::{clock_text, short_clock_text};
use crate::ops::meeting_run::{Mode, Run, keys};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::time::Duration;

/// Styles, with colour only when the terminal may have it (`NO_COLOR`,
/// `--color never`); marks (✓ ✗ [x]) and reverse video carry the meaning
/// without it.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }
    pub fn good(self) -> Style {
        self.fg(Color::Green)
    }
    pub fn bad(self) -> Style {
        self.fg(Color::Red)
    }
    pub fn warn(self) -> Style {
        self.fg(Color::Yellow)
    }
    pub fn dim(self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }
    pub fn bold(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    pub fn accent(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
}

/// Draws the whole screen for the clock reading `now`.
pub fn draw(frame: &mut Frame, run: &Run, now: Duration, theme: Theme) {
    let [header, tabs, body, notice, hint] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    draw_header(frame, header, run, now, theme);
    draw_tabs(frame, tabs, run, theme);
    body::draw(frame, body, run, theme);
    if let Some(n) = &run.notice {
        let style = if n.error { theme.bad() } else { theme.good() };
        let mark = if n.error { "✗ " } else { "✓ " };
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(mark, style),
                Span::raw(escape(&n.text).into_owned()),
            ])),
            notice,
        );
    }
    let hint_text = match &run.mode {
        Mode::Form(_) => {
            "Tab next field · Shift-Tab back · ←→ choose · Enter save · Esc cancel".into()
        }
        Mode::Help => "any key closes the help".into(),
        Mode::ConfirmQuit => "y ends the meeting · any other key goes back".into(),
        Mode::Browse => keys::hint(run.section()),
    };
    frame.render_widget(Paragraph::new(hint_text).style(theme.dim()), hint);
    overlay::draw(frame, run, theme);
}

fn draw_header(frame: &mut Frame, area: Rect, run: &Run, now: Duration, theme: Theme) {
    let a = &run.board.agenda;
    let section = run.section();
    let total = format!(
        "total {} of {}",
        clock_text(run.clock.total(now)),
        clock_text(run.planned_total())
    );
    let spent = run.clock.spent(section, now);
    let planned = run.planned(section);
    let (countdown, style) = if spent > planned {
        (
            format!("over by {}", short_clock_text(spent - planned)),
            theme
                .bad()
                .add_modifier(Modifier::BOLD | Modifier::REVERSED),
        )
    } else {
        (
            format!("{} left", clock_text(planned - spent)),
            theme.bold(),
        )
    };
    let company = if a.company.is_empty() {
        "Company"
    } else {
        &a.company
    };
    let left = format!(
        "{} · {} · {}",
        escape(company),
        a.team,
        a.date.format("%a %Y-%m-%d")
    );
    let title = format!(
        "{}/7 {} · {} min",
        section.index() + 1,
        section.title(),
        run.plan[section.index()]
    );
    let mut clock = vec![Span::styled(countdown, style)];
    if run.clock.paused() {
        clock.insert(
            0,
            Span::styled("PAUSED ", theme.warn().add_modifier(Modifier::BOLD)),
        );
    }
    let clock_width = clock.iter().map(|s| s.width()).sum::<usize>() as u16;
    let [line1, line2] = Layout::vertical([Constraint::Length(1); 2]).areas(area);
    // A space between the two sides, however narrow the terminal.
    let [l1, r1] = Layout::horizontal([Constraint::Min(0), Constraint::Length(total.len() as u16)])
        .spacing(1)
        .areas(line1);
    let [l2, r2] = Layout::horizontal([Constraint::Min(0), Constraint::Length(clock_width)])
        .spacing(1)
        .areas(line2);
    frame.render_widget(Paragraph::new(left).style(theme.bold()), l1);
    frame.render_widget(Paragraph::new(total), r1);
    frame.render_widget(Paragraph::new(title).style(theme.accent()), l2);
    frame.render_widget(Paragraph::new(Line::from(clock)), r2);
}

fn draw_tabs(frame: &mut Frame, area: Rect, run: &Run, theme: Theme) {
    let current = run.section();
    let mut spans = Vec::new();
    for (i, s) in Section::ALL.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" │ ", theme.dim()));
        }
        let style = if *s == current {
            theme.selected().add_modifier(Modifier::BOLD)
        } else if *s < current {
            theme.dim()
        } else {
            Style::new()
        };
        spans.push(Span::styled(format!(" {} ", s.short_title()), style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
