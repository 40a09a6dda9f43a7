//! `pulse meeting summary`: the recap a team sends after its meeting, as
//! terminal text or as Markdown for an email or a chat (real lists and
//! tables, never a list nested by accident). Who came, the ratings, what
//! IDS decided, the to-dos, rock statuses, cascading messages, headlines.

use super::page::md_escape;
use crate::escape::escape_lines;
use crate::model::company::CompanyFile;
use crate::model::issue::{Issue, IssueStatus};
use crate::model::level10::Section;
use crate::model::meeting::Meeting;
use crate::ops::past_meetings::MeetingRecord;

/// The recap's facts in words, shared by both formats.
struct Recap<'a> {
    title: String,
    time: Option<String>,
    attendees: Vec<&'a str>,
    /// (name, rating).
    ratings: Vec<(&'a str, u8)>,
    average: Option<f64>,
    solved: Vec<&'a Issue>,
    dropped: Vec<&'a Issue>,
    /// (title, owner's name, due).
    todos: Vec<(&'a str, &'a str, String)>,
    rocks: Option<Vec<&'a str>>,
    cascade: &'a [String],
    /// (text, by's name, kind).
    headlines: Vec<(&'a str, &'a str, &'static str)>,
}

fn recap<'a>(record: &'a MeetingRecord, company: &'a CompanyFile) -> Recap<'a> {
    let m = &record.meeting;
    let name = |h: &'a str| company.display_name(h);
    let date = m
        .date
        .map(|d| d.0.format("%A %Y-%m-%d").to_string())
        .unwrap_or_default();
    let kind = match m.kind.as_str() {
        "l10" => "Level 10",
        "quarterly" => "Quarterly planning",
        _ => "Annual planning",
    };
    let company_name = if company.company.name.is_empty() {
        "Company"
    } else {
        company.company.name.as_str()
    };
    Recap {
        title: format!("{company_name} — {kind} meeting, {date}"),
        time: time(m),
        attendees: m.attendees.iter().map(|h| name(h)).collect(),
        ratings: m.ratings.iter().map(|(h, r)| (name(h), *r)).collect(),
        average: record.average_rating,
        solved: record
            .issues_solved
            .iter()
            .filter(|i| i.status == IssueStatus::Solved)
            .collect(),
        dropped: record
            .issues_solved
            .iter()
            .filter(|i| i.status == IssueStatus::Dropped)
            .collect(),
        todos: record
            .todos_made
            .iter()
            .map(|t| {
                let due = t.due_date().map(|d| d.to_string()).unwrap_or_default();
                (t.title.as_str(), name(&t.owner), due)
            })
            .collect(),
        rocks: record
            .rock_changes
            .as_ref()
            .map(|c| c.iter().map(|c| c.summary.as_str()).collect()),
        cascade: &m.cascade,
        headlines: m
            .headlines
            .iter()
            .map(|h| (h.text.as_str(), name(&h.by), h.kind.as_str()))
            .collect(),
    }
}

/// "09:02–10:35, 93 minutes: Segue 6, Scorecard 5, ..." when the meeting
/// was run on the meeting screen.
fn time(m: &Meeting) -> Option<String> {
    let mut parts = Vec::new();
    match (m.started, m.ended) {
        (Some(s), Some(e)) => {
            parts.push(format!("{}–{}", s.0.format("%H:%M"), e.0.format("%H:%M")))
        }
        (Some(s), None) => parts.push(format!("started {}", s.0.format("%H:%M"))),
        _ => {}
    }
    if !m.minutes.is_empty() {
        let total: u32 = m.minutes.values().sum();
        let each: Vec<String> = Section::ALL
            .iter()
            .filter_map(|s| m.minutes.get(s.key()).map(|n| (s, n)))
            .filter(|(_, n)| **n > 0)
            .map(|(s, n)| format!("{} {n}", s.short_title()))
            .collect();
        if each.is_empty() {
            parts.push(format!("{total} minutes"));
        } else {
            parts.push(format!("{total} minutes ({})", each.join(", ")));
        }
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

fn resolution(i: &Issue) -> String {
    match &i.resolution {
        Some(r) => format!(": {r}"),
        None => String::new(),
    }
}

fn owner(i: &Issue, company: &CompanyFile) -> String {
    if i.owner.is_empty() {
        String::new()
    } else {
        format!(" ({})", company.display_name(&i.owner))
    }
}

pub fn text(record: &MeetingRecord, company: &CompanyFile) -> String {
    let r = recap(record, company);
    let mut out = format!("{}\n", r.title);
    if let Some(time) = &r.time {
        out.push_str(&format!("{time}\n"));
    }
    out.push('\n');
    let list = |items: &[String]| {
        if items.is_empty() {
            "none".to_string()
        } else {
            items.join(", ")
        }
    };
    out.push_str(&format!(
        "Attendees: {}\n",
        list(
            &r.attendees
                .iter()
                .map(|a| a.to_string())
                .collect::<Vec<_>>()
        )
    ));
    let ratings: Vec<String> = r.ratings.iter().map(|(n, v)| format!("{n} {v}")).collect();
    match r.average {
        Some(avg) => out.push_str(&format!(
            "Rating: {avg:.1} average ({})\n",
            ratings.join(", ")
        )),
        None => out.push_str("Rating: not rated\n"),
    }
    let mut section = |title: String, lines: Vec<String>| {
        out.push_str(&format!("\n{title}\n"));
        if lines.is_empty() {
            out.push_str("  none\n");
        }
        for line in lines {
            out.push_str(&format!("  - {line}\n"));
        }
    };
    section(
        format!("Issues solved ({})", r.solved.len()),
        r.solved
            .iter()
            .map(|i| format!("{}{}{}", i.title, owner(i, company), resolution(i)))
            .collect(),
    );
    section(
        format!("Issues dropped ({})", r.dropped.len()),
        r.dropped
            .iter()
            .map(|i| format!("{}{}", i.title, owner(i, company)))
            .collect(),
    );
    section(
        format!("To-dos ({})", r.todos.len()),
        r.todos
            .iter()
            .map(|(t, o, due)| format!("{t} — {o}, due {due}"))
            .collect(),
    );
    match &r.rocks {
        Some(rocks) => section(
            "Rock statuses changed".into(),
            rocks.iter().map(|s| s.to_string()).collect(),
        ),
        None => section(
            "Rock statuses changed".into(),
            vec!["unknown: rock statuses carry no date, and this company is not in git".into()],
        ),
    }
    section("Cascading messages".into(), r.cascade.to_vec());
    section(
        "Headlines".into(),
        r.headlines
            .iter()
            .map(|(t, by, kind)| format!("{t} — {by} ({kind})"))
            .collect(),
    );
    escape_lines(&out)
}

pub fn markdown(record: &MeetingRecord, company: &CompanyFile) -> String {
    let r = recap(record, company);
    let e = |s: &str| md_escape(s);
    let mut out = format!("# {}\n\n", e(&r.title));
    if let Some(time) = &r.time {
        out.push_str(&format!("{}  \n", e(time)));
    }
    let attendees: Vec<String> = r.attendees.iter().map(|a| e(a)).collect();
    out.push_str(&format!(
        "**Attendees:** {}  \n",
        if attendees.is_empty() {
            "none recorded".to_string()
        } else {
            attendees.join(", ")
        }
    ));
    match r.average {
        Some(avg) => {
            out.push_str(&format!("**Rating:** {avg:.1} average\n\n"));
            out.push_str("| Person | Rating |\n| --- | ---: |\n");
            for (name, rating) in &r.ratings {
                out.push_str(&format!("| {} | {rating} |\n", e(name)));
            }
        }
        None => out.push_str("**Rating:** not rated\n"),
    }
    let mut section = |title: String, lines: Vec<String>| {
        out.push_str(&format!("\n## {title}\n\n"));
        if lines.is_empty() {
            out.push_str("None.\n");
        }
        for line in lines {
            out.push_str(&format!("- {line}\n"));
        }
    };
    section(
        format!("Issues solved ({})", r.solved.len()),
        r.solved
            .iter()
            .map(|i| {
                format!(
                    "**{}**{}{}",
                    e(&i.title),
                    e(&owner(i, company)),
                    e(&resolution(i))
                )
            })
            .collect(),
    );
    section(
        format!("Issues dropped ({})", r.dropped.len()),
        r.dropped
            .iter()
            .map(|i| format!("{}{}", e(&i.title), e(&owner(i, company))))
            .collect(),
    );
    out.push_str(&format!("\n## To-dos ({})\n\n", r.todos.len()));
    if r.todos.is_empty() {
        out.push_str("None.\n");
    } else {
        out.push_str("| To-do | Owner | Due |\n| --- | --- | --- |\n");
        for (t, o, due) in &r.todos {
            out.push_str(&format!("| {} | {} | {due} |\n", e(t), e(o)));
        }
    }
    let mut section = |title: &str, lines: Vec<String>| {
        out.push_str(&format!("\n## {title}\n\n"));
        if lines.is_empty() {
            out.push_str("None.\n");
        }
        for line in lines {
            out.push_str(&format!("- {line}\n"));
        }
    };
    section(
        "Rock statuses changed",
        match &r.rocks {
            Some(rocks) => rocks.iter().map(|s| e(s)).collect(),
            None => vec!["Unknown: this company is not in git.".into()],
        },
    );
    section(
        "Cascading messages",
        r.cascade.iter().map(|c| e(c)).collect(),
    );
    section(
        "Headlines",
        r.headlines
            .iter()
            .map(|(t, by, kind)| format!("{} — {} ({kind})", e(t), e(by)))
            .collect(),
    );
    out
}
