//! What the screen shows over the section: the help with every key, the
//! question before leaving early, and the form being typed.

use super::Theme;
use crate::escape::escape;
use crate::model::level10::Section;
use crate::ops::meeting_run::form::{Form, Value};
use crate::ops::meeting_run::{Mode, Run, keys};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

pub fn draw(frame: &mut Frame, run: &Run, theme: Theme) {
    match &run.mode {
        Mode::Browse => {}
        Mode::Help => help(frame, theme),
        Mode::ConfirmQuit => confirm(frame, run, theme),
        Mode::Form(form) => form_box(frame, form, theme),
    }
}

/// A box of `width` × `height` in the middle of the screen (smaller when
/// the screen is), cleared.
fn centered(frame: &mut Frame, width: u16, height: u16) -> Rect {
    let area = frame.area();
    let width = width.min(area.width);
    let height = height.min(area.height);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    frame.render_widget(Clear, rect);
    rect
}

fn help(frame: &mut Frame, theme: Theme) {
    let mut lines: Vec<Line> = Vec::new();
    let row = |scope: &str, key: &str, what: &str| {
        Line::from(vec![
            Span::styled(format!("{scope:<12}"), theme.dim()),
            Span::styled(format!("{key:<11}"), theme.bold()),
            Span::raw(what.to_string()),
        ])
    };
    for (key, what) in keys::GLOBAL {
        lines.push(row("", key, what));
    }
    lines.push(Line::raw(""));
    for section in Section::ALL {
        for (i, (key, what)) in keys::section_keys(section).iter().enumerate() {
            let scope = if i == 0 { section.short_title() } else { "" };
            lines.push(row(scope, key, what));
        }
    }
    lines.push(Line::raw(""));
    lines.push(row(
        "In a form",
        "Tab ↓ ↑ ←→",
        "move between fields, change a choice; Esc cancels",
    ));
    let height = lines.len() as u16 + 2;
    let area = centered(frame, 78, height);
    let block = Block::bordered().title(Span::styled(" Keys ", theme.bold()));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn confirm(frame: &mut Frame, run: &Run, theme: Theme) {
    let lines = vec![
        Line::styled("End the meeting before Conclude?", theme.bold()),
        Line::raw(""),
        Line::raw("y  end now: everything so far is committed;"),
        Line::raw(format!(
            "   `pulse meeting run --date {}` resumes it",
            run.date
        )),
        Line::raw("any other key: back to the meeting"),
    ];
    let area = centered(frame, 56, lines.len() as u16 + 2);
    frame.render_widget(Paragraph::new(lines).block(Block::bordered()), area);
}

fn form_box(frame: &mut Frame, form: &Form, theme: Theme) {
    let label_width = form
        .fields
        .iter()
        .map(|f| f.label.chars().count())
        .max()
        .unwrap_or(0);
    let mut lines: Vec<Line> = Vec::new();
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let value = match &field.value {
            Value::Text(t) if focused => format!("{}▌", escape(t)),
            Value::Text(t) => escape(t).into_owned(),
            Value::Choice { options, index } => {
                let label = escape(options.get(*index).map_or("", |o| o.1.as_str())).into_owned();
                if focused {
                    format!("◀ {label} ▶")
                } else {
                    label
                }
            }
        };
        let style = if focused {
            theme.selected()
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{:<label_width$}  ", field.label), theme.dim()),
            Span::styled(value, style),
        ]));
    }
    if !form.buttons.is_empty() {
        lines.push(Line::raw(""));
        let mut spans = Vec::new();
        for (i, b) in form.buttons.iter().enumerate() {
            let style = if form.on_buttons() && i == form.button {
                theme
                    .selected()
                    .add_modifier(ratatui::style::Modifier::BOLD)
            } else {
                theme.bold()
            };
            let pointer = if form.on_buttons() && i == form.button {
                "> "
            } else {
                "  "
            };
            spans.push(Span::raw(pointer));
            spans.push(Span::styled(format!("[{}] {}", b.key, b.label), style));
            spans.push(Span::raw(" "));
        }
        lines.push(Line::from(spans));
    }
    if let Some(error) = &form.error {
        lines.push(Line::raw(""));
        lines.push(Line::styled(format!("✗ {}", escape(error)), theme.bad()));
    }
    let area = frame.area();
    let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
    // Keep the field with the cursor in view when the form is taller than
    // the screen (many to-dos at 80×24).
    let visible = height.saturating_sub(2) as usize;
    let scroll = (form.focus.min(lines.len()) + 1).saturating_sub(visible) as u16;
    let rect = centered(frame, 74, height);
    let block = Block::bordered().title(Span::styled(
        format!(" {} ", escape(&form.heading)),
        theme.bold(),
    ));
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), rect);
}
