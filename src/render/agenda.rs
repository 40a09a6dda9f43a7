//! The Level 10 agenda as a page.

use super::page::{Line, Page, Section};
use super::style::{BAD, DIM, GOOD, WARN};
use crate::model::eos;
use crate::model::number::goal_with_unit;
use crate::model::rock::RockStatus;
use crate::model::scorecard::format_with_unit;
use crate::ops::agenda::Agenda;

pub fn level10(a: &Agenda) -> Page {
    let weekday = a.date.format("%A");
    let mut page = Page {
        title: format!(
            "{} — Level 10 meeting",
            if a.company.is_empty() {
                "Company"
            } else {
                &a.company
            }
        ),
        subtitle: vec![format!(
            "{weekday} {}, {}, {} minutes · {}",
            a.date, a.time, a.minutes, a.team
        )],
        sections: Vec::new(),
    };
    let minutes = |i: usize| format!("{} min", a.sections[i].minutes);
    let section = |i: usize, note: String| {
        let extra = if note.is_empty() {
            String::new()
        } else {
            format!(" · {note}")
        };
        Section::new(a.sections[i].title, format!("{}{extra}", minutes(i)))
    };

    let mut segue = section(0, String::new());
    segue.push(Line::dim(
        "Good news: one personal and one professional from each person.",
    ));
    page.sections.push(segue);

    let mut scorecard = section(1, format!("week {}", a.scorecard_week));
    if a.scorecard.is_empty() {
        scorecard.push(Line::dim(
            "No measurables yet: pulse scorecard add NAME --owner H --goal \">= 20\"",
        ));
    }
    let name_width = a
        .scorecard
        .iter()
        .map(|l| l.name.chars().count())
        .max()
        .unwrap_or(0);
    let cells: Vec<(&str, anstyle::Style, String)> = a
        .scorecard
        .iter()
        .map(|line| match (line.value, line.hit) {
            (Some(v), Some(true)) => ("✓", GOOD, format_with_unit(v, &line.unit)),
            (Some(v), _) => (
                "✗",
                BAD,
                format!("{} miss", format_with_unit(v, &line.unit)),
            ),
            (None, _) => ("·", DIM, "not recorded".to_string()),
        })
        .collect();
    let value_width = cells.iter().map(|c| c.2.chars().count()).max().unwrap_or(0);
    let goal_width = a
        .scorecard
        .iter()
        .map(|l| goal_with_unit(l.goal, &l.unit).chars().count())
        .max()
        .unwrap_or(0);
    for (line, (mark, style, value)) in a.scorecard.iter().zip(cells) {
        let goal = goal_with_unit(line.goal, &line.unit);
        scorecard.push(Line::marked(
            mark,
            format!(
                "{:<name_width$}  {value:>value_width$}  goal {goal:<goal_width$}  {}",
                line.name, line.owner
            ),
            Some(style),
        ));
    }
    page.sections.push(scorecard);

    let mut rocks = section(
        2,
        format!("{}, {} days left", a.quarter, a.days_left.max(0)),
    );
    if a.rocks.is_empty() {
        rocks.push(Line::dim(format!(
            "No rocks for {} yet: pulse rock add TITLE --owner H",
            a.quarter
        )));
    }
    for rock in &a.rocks {
        let style = crate::render::rocks::status_style(rock.status);
        let milestones = if rock.milestones.is_empty() {
            String::new()
        } else {
            format!(
                ", milestones {}/{}",
                rock.milestones_done(),
                rock.milestones.len()
            )
        };
        let kind = if rock.company { ", company" } else { "" };
        rocks.push(Line::marked(
            &format!("{:<9}", rock.status.as_str()),
            format!("{} ({}{kind}{milestones})", rock.title, rock.owner),
            Some(style),
        ));
    }
    if !a.company_rocks.is_empty() {
        rocks.push(Line::dim("Company rocks (the leadership team's):"));
        for rock in &a.company_rocks {
            let style = crate::render::rocks::status_style(rock.status);
            rocks.push(
                Line::marked(
                    &format!("{:<9}", rock.status.as_str()),
                    format!("{} ({})", rock.title, rock.owner),
                    Some(style),
                )
                .indented(1),
            );
        }
    }
    page.sections.push(rocks);

    let mut headlines = section(3, String::new());
    if a.headlines.is_empty() && a.from_leadership.is_empty() {
        headlines.push(Line::dim(
            "No headlines filed yet: pulse headline add TEXT --by H --customer",
        ));
    }
    for h in &a.headlines {
        headlines.push(Line::plain(format!(
            "{} ({}, {})",
            h.text,
            h.by,
            h.kind.as_str()
        )));
    }
    for message in &a.from_leadership {
        headlines.push(Line::marked(
            "»",
            format!("From leadership: {message}"),
            None,
        ));
    }
    page.sections.push(headlines);

    let completion = a
        .todo_completion
        .map(|c| format!(", {c:.0}% done (goal {:.0}%)", eos::TODO_COMPLETION_GOAL))
        .unwrap_or_default();
    let mut todos = section(4, format!("due since {}{completion}", a.todos_since));
    if a.todos.is_empty() {
        todos.push(Line::dim("No to-dos were due."));
    }
    for t in &a.todos {
        let due = t.due_date().map(|d| d.to_string()).unwrap_or_default();
        if t.is_done() {
            todos.push(Line::marked(
                "[x]",
                format!("{} ({}, due {due})", t.title, t.owner),
                Some(GOOD),
            ));
        } else {
            todos.push(Line::marked(
                "[ ]",
                format!("{} ({}, due {due})", t.title, t.owner),
                Some(BAD),
            ));
        }
    }
    page.sections.push(todos);

    let mut ids = section(5, "Identify, Discuss, Solve".to_string());
    if a.issues.is_empty() {
        ids.push(Line::dim("No open issues."));
    }
    for issue in &a.issues {
        let owner = if issue.owner.is_empty() {
            String::new()
        } else {
            format!(" ({})", issue.owner)
        };
        match issue.priority {
            Some(p) => ids.push(Line::marked(
                &format!("{p}."),
                format!("{}{owner}", issue.title),
                Some(WARN),
            )),
            None => ids.push(Line::marked("-", format!("{}{owner}", issue.title), None)),
        }
    }
    if !a.candidates.is_empty() {
        ids.push(Line::plain("Dropped down by the rules:"));
        for c in &a.candidates {
            let said: Vec<&str> = c
                .detail
                .iter()
                .map(String::as_str)
                .chain((!c.owner.is_empty()).then_some(c.owner.as_str()))
                .collect();
            let owner = if said.is_empty() {
                String::new()
            } else {
                format!(" ({})", said.join(", "))
            };
            ids.push(Line::marked("+", format!("{}{owner}", c.text), Some(BAD)).indented(1));
        }
    }
    page.sections.push(ids);

    let mut conclude = section(6, String::new());
    if a.new_todos.is_empty() {
        conclude.push(Line::plain("Recap the new to-dos."));
    } else {
        conclude.push(Line::plain("Recap the new to-dos:"));
        for t in &a.new_todos {
            conclude
                .push(Line::marked("-", format!("{} ({})", t.title, t.owner), None).indented(1));
        }
    }
    if a.cascade.is_empty() {
        conclude.push(Line::plain(
            "Cascading messages: what do we tell the company? (pulse meeting cascade TEXT)",
        ));
    } else {
        conclude.push(Line::plain("Cascading messages:"));
        for c in &a.cascade {
            conclude.push(Line::marked("-", c.clone(), None).indented(1));
        }
    }
    let last = match &a.previous {
        Some(p) => match p.average_rating {
            Some(avg) => format!("last meeting ({}) averaged {avg:.1}", p.date),
            None => format!("last meeting ({}) was not rated", p.date),
        },
        None => "no earlier meeting on record".to_string(),
    };
    conclude.push(Line::plain(format!(
        "Rate the meeting 1-10 (pulse meeting rate H=N ...); {last}."
    )));
    page.sections.push(conclude);
    let _ = RockStatus::Done;
    page
}
