//! The current section's body: its live data as a list with a selected row,
//! in a box titled with what the section looks at.

use super::Theme;
use crate::escape::escape;
use crate::model::eos;
use crate::model::issue::IssueStatus;
use crate::model::level10::Section;
use crate::model::rock::RockStatus;
use crate::model::scorecard::format_with_unit;
use crate::ops::meeting_run::Run;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListState, Paragraph};

fn text(s: &str) -> String {
    escape(s).into_owned()
}

pub fn draw(frame: &mut Frame, area: Rect, run: &Run, theme: Theme) {
    let section = run.section();
    let a = &run.board.agenda;
    let note = match section {
        Section::Segue => "good news".to_string(),
        Section::Scorecard => format!("week {}", a.scorecard_week),
        Section::Rocks => format!("{}, {} days left", a.quarter, a.days_left.max(0)),
        Section::Headlines => format!("{} filed", a.headlines.len()),
        Section::Todos => {
            let done = a.todos.iter().filter(|t| t.is_done()).count();
            let pct = a
                .todo_completion
                .map(|c| format!(", {c:.0}% (goal {:.0}%)", eos::TODO_COMPLETION_GOAL))
                .unwrap_or_default();
            format!(
                "due since {}: {done} of {} done{pct}",
                a.todos_since,
                a.todos.len()
            )
        }
        Section::Ids => {
            let solved = run
                .board
                .closed
                .iter()
                .filter(|i| i.status == IssueStatus::Solved)
                .count();
            let dropped = run.board.closed.len() - solved;
            format!(
                "{} open · {solved} solved · {dropped} dropped",
                a.issues.len()
            )
        }
        Section::Conclude => "recap, cascade, rate".to_string(),
    };
    let block = Block::bordered().title(Span::styled(
        format!(" {} — {note} ", section.title()),
        theme.bold(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    match section {
        Section::Segue => segue(frame, inner, run, theme),
        Section::Scorecard => scorecard(frame, inner, run, theme),
        Section::Rocks => rocks(frame, inner, run, theme),
        Section::Headlines => headlines(frame, inner, run, theme),
        Section::Todos => todos(frame, inner, run, theme),
        Section::Ids => ids(frame, inner, run, theme),
        Section::Conclude => conclude(frame, inner, run, theme),
    }
}

/// A list with the section's selected row shown in reverse video.
fn list(
    frame: &mut Frame,
    area: Rect,
    items: Vec<Line<'static>>,
    selected: Option<usize>,
    theme: Theme,
) {
    let mut state = ListState::default().with_selected(selected.filter(|_| !items.is_empty()));
    let list = List::new(items)
        .highlight_style(theme.selected())
        .highlight_symbol("> ");
    frame.render_stateful_widget(list, area, &mut state);
}

/// An intro line over a list, or the list's empty message.
fn split(area: Rect, top: u16) -> (Rect, Rect) {
    let [head, rest] = Layout::vertical([Constraint::Length(top), Constraint::Min(0)]).areas(area);
    (head, rest)
}

fn empty(frame: &mut Frame, area: Rect, message: &str, theme: Theme) {
    frame.render_widget(Paragraph::new(message.to_string()).style(theme.dim()), area);
}

fn segue(frame: &mut Frame, area: Rect, run: &Run, theme: Theme) {
    let (head, rest) = split(area, 2);
    frame.render_widget(
        Paragraph::new("Good news: one personal and one professional from each person.")
            .style(theme.dim()),
        head,
    );
    let items = run
        .board
        .people
        .iter()
        .map(|p| {
            let here = run.board.attendees.contains(&p.handle);
            let (mark, style) = if here {
                ("[x]", theme.good())
            } else {
                ("[ ]", theme.dim())
            };
            Line::from(vec![
                Span::styled(mark, style),
                Span::raw(format!(" {} ({})", text(&p.name), text(&p.handle))),
                Span::styled(if here { "" } else { "  away" }, theme.dim()),
            ])
        })
        .collect();
    list(frame, rest, items, Some(run.selected()), theme);
}

fn scorecard(frame: &mut Frame, area: Rect, run: &Run, theme: Theme) {
    let a = &run.board.agenda;
    if a.scorecard.is_empty() {
        return empty(frame, area, "No measurables yet.", theme);
    }
    let name_width = a
        .scorecard
        .iter()
        .map(|l| l.name.chars().count())
        .max()
        .unwrap_or(0)
        .min(32);
    let goal_width = a
        .scorecard
        .iter()
        .map(|l| {
            crate::model::number::goal_with_unit(l.goal, &l.unit)
                .chars()
                .count()
        })
        .max()
        .unwrap_or(0);
    let items = a
        .scorecard
        .iter()
        .map(|l| {
            let (mark, style, value) = match (l.value, l.hit) {
                (Some(v), Some(true)) => ("✓", theme.good(), format_with_unit(v, &l.unit)),
                (Some(v), _) => (
                    "✗",
                    theme.bad(),
                    format!("{} miss", format_with_unit(v, &l.unit)),
                ),
                (None, _) => ("·", theme.dim(), "not recorded".to_string()),
            };
            let raised = if run.board.is_raised("missed-measurable", &l.id) {
                "  → issue"
            } else {
                ""
            };
            let name: String = text(&l.name).chars().take(name_width).collect();
            Line::from(vec![
                Span::styled(mark, style),
                Span::raw(format!(" {name:<name_width$}  ")),
                Span::styled(format!("{value:>12}"), style),
                Span::raw(format!(
                    "  goal {:<goal_width$}  {}",
                    crate::model::number::goal_with_unit(l.goal, &l.unit),
                    text(&l.owner)
                )),
                Span::styled(raised, theme.warn()),
            ])
        })
        .collect();
    list(frame, area, items, Some(run.selected()), theme);
}

fn rock_style(status: RockStatus, theme: Theme) -> Style {
    match status {
        RockStatus::OnTrack => theme.good(),
        RockStatus::OffTrack => theme.bad(),
        RockStatus::Done => theme.good().add_modifier(ratatui::style::Modifier::BOLD),
        RockStatus::Dropped | RockStatus::NotDone => theme.dim(),
    }
}

fn rocks(frame: &mut Frame, area: Rect, run: &Run, theme: Theme) {
    let a = &run.board.agenda;
    if a.rocks.is_empty() {
        return empty(frame, area, &format!("No rocks for {}.", a.quarter), theme);
    }
    let items = a
        .rocks
        .iter()
        .map(|r| {
            let milestones = if r.milestones.is_empty() {
                String::new()
            } else {
                format!(
                    ", {}/{} milestones",
                    r.milestones_done(),
                    r.milestones.len()
                )
            };
            let raised = if run.board.is_raised("off-track-rock", &r.id) {
                "  → issue"
            } else {
                ""
            };
            Line::from(vec![
                Span::styled(
                    format!("{:<9}", r.status.as_str()),
                    rock_style(r.status, theme),
                ),
                Span::raw(format!(
                    " {} ({}{milestones})",
                    text(&r.title),
                    text(&r.owner)
                )),
                Span::styled(raised, theme.warn()),
            ])
        })
        .collect();
    list(frame, area, items, Some(run.selected()), theme);
}

fn headlines(frame: &mut Frame, area: Rect, run: &Run, theme: Theme) {
    let a = &run.board.agenda;
    if a.headlines.is_empty() {
        return empty(frame, area, "No headlines yet: a adds one.", theme);
    }
    let items = a
        .headlines
        .iter()
        .map(|h| {
            Line::from(vec![
                Span::raw(format!("• {}", text(&h.text))),
                Span::styled(
                    format!(" — {} ({})", text(run.board.name(&h.by)), h.kind.as_str()),
                    theme.dim(),
                ),
            ])
        })
        .collect();
    list(frame, area, items, Some(run.selected()), theme);
}

fn todos(frame: &mut Frame, area: Rect, run: &Run, theme: Theme) {
    let a = &run.board.agenda;
    if a.todos.is_empty() {
        return empty(
            frame,
            area,
            "No to-dos were due since the last meeting.",
            theme,
        );
    }
    let items = a
        .todos
        .iter()
        .map(|t| {
            let due = t.due_date().map(|d| d.to_string()).unwrap_or_default();
            let (mark, style) = if t.is_done() {
                ("[x]", theme.good())
            } else {
                ("[ ]", theme.bad())
            };
            Line::from(vec![
                Span::styled(mark, style),
                Span::raw(format!(" {} ", text(&t.title))),
                Span::styled(format!("({}, due {due})", text(&t.owner)), theme.dim()),
            ])
        })
        .collect();
    list(frame, area, items, Some(run.selected()), theme);
}

fn ids(frame: &mut Frame, area: Rect, run: &Run, theme: Theme) {
    let a = &run.board.agenda;
    let closed = &run.board.closed;
    let tail = (closed.len() as u16).min(4);
    let [top, bottom] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(if tail > 0 { tail + 1 } else { 0 }),
    ])
    .areas(area);
    if a.issues.is_empty() {
        empty(frame, top, "No open issues: a adds one.", theme);
    } else {
        let items = a
            .issues
            .iter()
            .map(|i| {
                let owner = if i.owner.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", text(&i.owner))
                };
                let mark = match i.priority {
                    Some(p) => Span::styled(
                        format!("{p}."),
                        theme.warn().add_modifier(ratatui::style::Modifier::BOLD),
                    ),
                    None => Span::styled("· ", theme.dim()),
                };
                Line::from(vec![mark, Span::raw(format!(" {}{owner}", text(&i.title)))])
            })
            .collect();
        list(frame, top, items, Some(run.selected()), theme);
    }
    if tail > 0 {
        let mut lines = vec![Line::styled("Decided today:", theme.dim())];
        for i in closed.iter().rev().take(tail as usize) {
            let how = match (&i.resolution, i.status) {
                (_, IssueStatus::Dropped) => "dropped".to_string(),
                (Some(r), _) => format!("solved: {}", text(r)),
                (None, _) => "solved".to_string(),
            };
            lines.push(Line::from(vec![
                Span::styled("  ✓ ", theme.good()),
                Span::raw(text(&i.title)),
                Span::styled(format!(" — {how}"), theme.dim()),
            ]));
        }
        frame.render_widget(Paragraph::new(lines), bottom);
    }
}

fn conclude(frame: &mut Frame, area: Rect, run: &Run, theme: Theme) {
    let a = &run.board.agenda;
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
            .spacing(2)
            .areas(area);
    let mut lines = vec![Line::styled(
        format!("To-dos made today ({})", a.new_todos.len()),
        theme.bold(),
    )];
    if a.new_todos.is_empty() {
        lines.push(Line::styled("  none", theme.dim()));
    }
    for t in &a.new_todos {
        let due = t.due.map(|d| d.0.to_string()).unwrap_or_default();
        lines.push(Line::from(vec![
            Span::raw(format!("• {} ", text(&t.title))),
            Span::styled(format!("({}, {due})", text(&t.owner)), theme.dim()),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!("Cascading messages ({}): c adds one", a.cascade.len()),
        theme.bold(),
    ));
    for c in &a.cascade {
        lines.push(Line::raw(format!("• {}", text(c))));
    }
    frame.render_widget(Paragraph::new(lines), left);

    let last = match &a.previous {
        Some(p) => match p.average_rating {
            Some(avg) => format!("last time {avg:.1}"),
            None => "last time not rated".to_string(),
        },
        None => "first meeting".to_string(),
    };
    let average = run
        .board
        .average()
        .map(|a| format!("average {a:.1}"))
        .unwrap_or_else(|| "not rated yet".to_string());
    let (head, rest) = split(right, 2);
    frame.render_widget(
        Paragraph::new(vec![
            Line::styled("Rating 1-10", theme.bold()),
            Line::styled(format!("{average} · {last}"), theme.dim()),
        ]),
        head,
    );
    let items = run
        .board
        .raters()
        .iter()
        .map(|p| {
            let rating = run
                .board
                .ratings
                .get(&p.handle)
                .map(|r| r.to_string())
                .unwrap_or_else(|| "-".to_string());
            let name: String = text(&p.name).chars().take(18).collect();
            Line::raw(format!("{name:<18} {rating:>2}"))
        })
        .collect();
    list(frame, rest, items, Some(run.selected()), theme);
}
