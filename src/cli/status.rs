//! `pulse status [--owner H]`.

use super::output::Out;
use crate::error::Result;
use crate::model::rock::RockStatus;
use crate::model::scorecard::format_with_unit;
use crate::ops::{Ctx, status};
use crate::render::page::{Line, Page, Section};
use crate::render::style::{BAD, GOOD, WARN};
use clap::Args;

#[derive(Args)]
#[command(
    after_help = "Examples:\n  pulse status\n  pulse status --owner amy      one person's view"
)]
pub struct StatusArgs {
    /// One person's view: their rocks, to-dos, measurables and issues
    #[arg(long)]
    owner: Option<String>,
}

pub fn run(args: StatusArgs, ctx: &Ctx, out: &Out) -> Result<i32> {
    let s = status::status(ctx, args.owner.as_deref())?;
    if out.json {
        out.print_json(&s);
        return Ok(0);
    }
    let who = match &s.owner {
        Some(o) => format!(" — {}", ctx.ws.company.display_name(o)),
        None => String::new(),
    };
    let mut page = Page {
        title: format!(
            "{}{who}",
            if s.company.is_empty() {
                "Company"
            } else {
                &s.company
            }
        ),
        subtitle: vec![format!(
            "{} · {} · {} days left in the quarter",
            s.today,
            s.quarter,
            s.days_left.max(0)
        )],
        sections: Vec::new(),
    };

    let mut rocks = Section::new("Rocks", {
        // Every rock counts: a dropped one is named, never hidden.
        let dropped = s.rocks.len() - s.on_track - s.off_track - s.done;
        let dropped = if dropped > 0 {
            format!(", {dropped} dropped")
        } else {
            String::new()
        };
        format!(
            "{} on track, {} off track, {} done{dropped} of {}",
            s.on_track,
            s.off_track,
            s.done,
            s.rocks.len()
        )
    });
    for r in s
        .rocks
        .iter()
        .filter(|r| r.status == RockStatus::OffTrack || s.owner.is_some())
    {
        rocks.push(Line::marked(
            &format!("{:<9}", r.status.as_str()),
            format!("{} ({})", r.title, r.owner),
            Some(crate::render::rocks::status_style(r.status)),
        ));
    }
    page.sections.push(rocks);

    let mut numbers = Section::new(
        "Scorecard",
        format!(
            "week {}: {} of {} recorded, {} missed",
            s.week,
            s.recorded,
            s.measurables,
            s.misses.len()
        ),
    );
    for m in &s.misses {
        numbers.push(Line::marked(
            "✗",
            format!(
                "{} {} (goal {}, {})",
                m.name,
                format_with_unit(m.value, &m.unit),
                crate::model::number::goal_with_unit(m.goal, &m.unit),
                m.owner
            ),
            Some(BAD),
        ));
    }
    page.sections.push(numbers);

    let completion = match s.todo_completion {
        Some((done, due)) => format!(
            "{}% done on time over the last 7 days (goal 90%)",
            done * 100 / due
        ),
        None => "nothing was due in the last 7 days".to_string(),
    };
    let mut todos = Section::new(
        "To-dos",
        format!(
            "{} open, {} overdue; {completion}",
            s.open_todos.len(),
            s.overdue_todos
        ),
    );
    if s.owner.is_some() {
        for t in &s.open_todos {
            let style = if t.is_overdue(s.today) { BAD } else { GOOD };
            todos.push(Line::marked(
                "[ ]",
                format!(
                    "{} (due {})",
                    t.title,
                    t.due_date().map(|d| d.to_string()).unwrap_or_default()
                ),
                Some(style),
            ));
        }
    }
    page.sections.push(todos);

    let mut issues = Section::new("Issues", format!("{} open", s.open_issues));
    for i in &s.top_issues {
        issues.push(Line::marked(
            &format!("{}.", i.priority.unwrap_or(0)),
            i.title.clone(),
            Some(WARN),
        ));
    }
    for i in &s.my_issues {
        issues.push(Line::marked("-", i.title.clone(), None));
    }
    page.sections.push(issues);

    let last = match (s.last_meeting, s.last_rating) {
        (Some(d), Some(r)) => format!("last {d}, rated {r:.1}"),
        (Some(d), None) => format!("last {d}, not rated"),
        _ => "none on record yet".to_string(),
    };
    let mut meetings = Section::new("Meetings", String::new());
    meetings.push(Line::plain(format!(
        "next {} ({}), {last}",
        s.next_meeting,
        s.next_meeting.format("%A")
    )));
    page.sections.push(meetings);
    out.print(&page.text(out.painter, false));
    Ok(0)
}
