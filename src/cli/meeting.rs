//! `pulse headline add`, `pulse meeting rate|cascade|attend|show` and
//! `pulse meetings`.

use super::agenda::Format;
use super::output::Out;
use super::{complete, values};
use crate::error::Result;
use crate::model::meeting::HeadlineKind;
use crate::ops::Ctx;
use crate::ops::calendar::Calendar;
use crate::ops::meetings::{self, NewHeadline};
use crate::ops::past_meetings;
use crate::render;
use crate::render::style::DIM;
use crate::render::table::TableBuilder;
use clap::{Args, Subcommand};

#[derive(Subcommand)]
pub enum HeadlineCommand {
    /// File a headline for the next weekly meeting
    #[command(
        after_help = "Examples:\n  pulse headline add \"Acme renewed for three years\" --by amy --customer\n  pulse headline add \"Rack 12 lost power twice\" --by ian --issue   also raise it as an issue"
    )]
    Add {
        /// The headline, in a sentence
        text: String,
        /// Who brings it (a handle)
        #[arg(long, value_name = "H", add = complete::people())]
        by: String,
        /// About a customer
        #[arg(long, conflicts_with = "employee")]
        customer: bool,
        /// About an employee
        #[arg(long)]
        employee: bool,
        /// Also raise it on the issues list (it needs action)
        #[arg(long)]
        issue: bool,
    },
}

#[derive(Subcommand)]
pub enum MeetingCommand {
    /// Rate the meeting, 1 to 10 per person
    #[command(after_help = "Example:\n  pulse meeting rate zoe=9 ian=8 amy=9")]
    Rate {
        /// Each person's rating, as HANDLE=N with N from 1 to 10
        #[arg(required = true, value_name = "H=N")]
        ratings: Vec<String>,
        /// YYYY-MM-DD (default: the meeting in progress, else the last one held)
        #[arg(long, value_name = "D", add = complete::meetings())]
        date: Option<String>,
    },
    /// Record a message to cascade to the company
    #[command(after_help = "Example:\n  pulse meeting cascade \"The holiday schedule is final\"")]
    Cascade {
        /// The message, as it should reach the company
        text: String,
        /// YYYY-MM-DD (default: the meeting in progress, else the last one held)
        #[arg(long, value_name = "D", add = complete::meetings())]
        date: Option<String>,
    },
    /// Record who attended
    #[command(after_help = "Example:\n  pulse meeting attend zoe ian amy")]
    Attend {
        /// The handles of those who came
        #[arg(required = true, value_name = "H", add = complete::everyone())]
        handles: Vec<String>,
        /// YYYY-MM-DD (default: the meeting in progress, else the last one held)
        #[arg(long, value_name = "D", add = complete::meetings())]
        date: Option<String>,
    },
    /// Run the meeting in the terminal, section by section, with its clock
    #[command(
        after_help = "Full screen: one section at a time in agenda order, each with its live data and a\ncountdown of its minutes. n/→ next section, p/← previous, space pauses, ? lists\nevery key, q ends (before Conclude, y confirms). Every action is written at once;\nleaving makes one commit of everything the meeting changed. Ctrl-C stops without\ncommitting, and running it again resumes the meeting where it stood.\n\nExamples:\n  pulse meeting run                    the meeting in progress (or today's)\n  pulse meeting run --date 2026-11-26  a given meeting: resume it, or record it afterwards"
    )]
    Run {
        /// YYYY-MM-DD (default: the meeting in progress, today's, else the last one held)
        #[arg(long, value_name = "D", add = complete::meetings())]
        date: Option<String>,
    },
    /// The recap to send after a meeting: attendees, ratings, decisions, to-dos
    #[command(
        after_help = "Attendees, ratings and their average, issues solved (with their resolutions) and\ndropped, to-dos made (owner, due), rock statuses changed, cascading messages and\nheadlines: ready for an email or a chat.\n\nExamples:\n  pulse meeting summary                      the last meeting held\n  pulse meeting summary 2026-11-26 --format markdown | pbcopy"
    )]
    Summary {
        /// The meeting's date, YYYY-MM-DD (default: the meeting in progress, else the last one held)
        #[arg(value_name = "DATE", add = complete::meetings())]
        date: Option<String>,
        /// Print as terminal text or as Markdown (for an email, a chat)
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// One meeting's record, and what was decided that day
    #[command(
        after_help = "Shows the attendees, ratings, headlines and cascading messages, then the issues\nsolved that day (with their resolutions), the to-dos made that day, and the rock\nstatuses changed that day (read from git history).\n\nExamples:\n  pulse meeting show                 the last meeting (or today's)\n  pulse meeting show 2026-11-19"
    )]
    Show {
        /// The meeting's date, YYYY-MM-DD (default: the last one up to today)
        #[arg(value_name = "DATE", add = complete::meetings())]
        date: Option<String>,
    },
}

#[derive(Args)]
#[command(
    after_help = "Examples:\n  pulse meetings\n  pulse meetings --quarter 2026-Q3\n  pulse meeting show 2026-11-19     one of them in full"
)]
pub struct MeetingsArgs {
    /// YYYY-Qn (default: the current quarter)
    #[arg(long, value_name = "Q", add = complete::quarters())]
    quarter: Option<String>,
}

pub fn headline(cmd: HeadlineCommand, ctx: &Ctx, out: &Out) -> Result<i32> {
    let HeadlineCommand::Add {
        text,
        by,
        customer,
        employee,
        issue,
    } = cmd;
    let kind = if customer {
        HeadlineKind::Customer
    } else if employee {
        HeadlineKind::Employee
    } else {
        HeadlineKind::Other
    };
    let (date, issue, outcome) = meetings::add_headline(
        ctx,
        NewHeadline {
            text,
            by,
            kind,
            raise_issue: issue,
        },
    )?;
    out.outcome(&outcome);
    if out.json {
        out.print_json(&serde_json::json!({ "meeting": date.to_string(), "issue": issue }));
    } else if !out.quiet {
        out.println(&format!("headline filed for the meeting of {date}"));
        if let Some(issue) = issue {
            out.println(&format!("issue {} raised", issue.id));
        }
    }
    Ok(0)
}

pub fn run(cmd: MeetingCommand, ctx: &Ctx, out: &Out) -> Result<i32> {
    // Default: the meeting in progress, else the last one held (SPEC §1);
    // never a meeting in the future.
    let date_or_today = |d: Option<String>| -> Result<chrono::NaiveDate> {
        let date = match d {
            Some(d) => values::date(&d, "--date")?,
            None => Calendar::new(ctx)?.current_or_last()?,
        };
        if date > ctx.today {
            return Err(crate::error::Error::user(format!(
                "the meeting of {date} has not happened yet: a meeting is recorded on its day or after"
            )));
        }
        Ok(date)
    };
    let (meeting, outcome, line) = match cmd {
        MeetingCommand::Rate { ratings, date } => {
            let date = date_or_today(date)?;
            let ratings = ratings
                .iter()
                .map(|r| values::rating(r))
                .collect::<Result<Vec<_>>>()?;
            let (m, o) = meetings::rate(ctx, date, &ratings)?;
            let avg = m
                .average_rating()
                .map(|a| format!("{a:.1}"))
                .unwrap_or_default();
            (m, o, format!("meeting {date}: rated, average {avg}"))
        }
        MeetingCommand::Cascade { text, date } => {
            let date = date_or_today(date)?;
            let (m, o) = meetings::cascade(ctx, date, &text)?;
            (m, o, format!("meeting {date}: message recorded"))
        }
        MeetingCommand::Run { date } => return super::meeting_run::run(date, ctx, out),
        MeetingCommand::Summary { date, format } => {
            let date = date.map(|d| values::date(&d, "DATE")).transpose()?;
            let record = past_meetings::show(ctx, date)?;
            if out.json {
                out.print_json(&record);
            } else {
                let company = &ctx.ws.company;
                out.print(&match format {
                    Format::Text => render::meeting_summary::text(&record, company),
                    Format::Markdown => render::meeting_summary::markdown(&record, company),
                });
            }
            return Ok(0);
        }
        MeetingCommand::Show { date } => {
            let date = date.map(|d| values::date(&d, "DATE")).transpose()?;
            return show(ctx, out, date);
        }
        MeetingCommand::Attend { handles, date } => {
            let date = date_or_today(date)?;
            let (m, o) = meetings::attend(ctx, date, &handles)?;
            let line = format!("meeting {date}: {} attendees", m.attendees.len());
            (m, o, line)
        }
    };
    out.outcome(&outcome);
    if out.json {
        out.print_json(&meeting);
    } else if !out.quiet {
        out.println(&line);
    }
    Ok(0)
}

pub fn list(args: MeetingsArgs, ctx: &Ctx, out: &Out) -> Result<i32> {
    let quarter = values::quarter_or_current(args.quarter.as_deref(), ctx.today)?;
    let rows = past_meetings::list(ctx, quarter)?;
    if out.json {
        out.print_json(&rows);
        return Ok(0);
    }
    if rows.is_empty() {
        out.println(&format!("No meetings on record in {quarter}."));
        return Ok(0);
    }
    let mut table = TableBuilder::new(
        out.painter,
        &[
            "date",
            "kind",
            "attendees",
            "rating",
            "headlines",
            "cascades",
        ],
    );
    for r in &rows {
        let date = if r.upcoming {
            format!("{} (next)", r.date)
        } else {
            r.date.to_string()
        };
        table.styled_row(vec![
            (date, r.upcoming.then_some(DIM)),
            (r.kind.to_string(), None),
            (r.attendees.join(", "), None),
            (
                r.average_rating
                    .map(|a| format!("{a:.1}"))
                    .unwrap_or_else(|| "-".into()),
                None,
            ),
            (r.headlines.to_string(), None),
            (r.cascades.to_string(), None),
        ]);
    }
    let mut text = format!("Meetings {quarter}\n\n");
    text.push_str(&table.shrink(2).render());
    let rated: Vec<f64> = rows.iter().filter_map(|r| r.average_rating).collect();
    if !rated.is_empty() {
        text.push_str(&format!(
            "\n{} meetings, average rating {:.1}\n",
            rows.len(),
            rated.iter().sum::<f64>() / rated.len() as f64
        ));
    }
    out.print(&text);
    Ok(0)
}

fn show(ctx: &Ctx, out: &Out, date: Option<chrono::NaiveDate>) -> Result<i32> {
    let record = past_meetings::show(ctx, date)?;
    if out.json {
        out.print_json(&record);
        return Ok(0);
    }
    let m = &record.meeting;
    let company = &ctx.ws.company;
    let date = m.date.map(|d| d.0.to_string()).unwrap_or_default();
    let mut text = format!("Meeting {date} ({})\n", m.kind.as_str());
    if !m.attendees.is_empty() {
        let names: Vec<&str> = m
            .attendees
            .iter()
            .map(|h| company.display_name(h))
            .collect();
        text.push_str(&format!("Attendees: {}\n", names.join(", ")));
    }
    if let Some(avg) = record.average_rating {
        let each: Vec<String> = m.ratings.iter().map(|(h, r)| format!("{h} {r}")).collect();
        text.push_str(&format!(
            "Ratings: {} — average {avg:.1}\n",
            each.join(", ")
        ));
    }
    let mut section = |title: &str, lines: Vec<String>, none: &str| {
        text.push_str(&format!("\n{title}\n"));
        if lines.is_empty() {
            text.push_str(&format!("  {none}\n"));
        }
        for line in lines {
            text.push_str(&format!("  - {line}\n"));
        }
    };
    section(
        "Headlines",
        m.headlines
            .iter()
            .map(|h| format!("{} ({}): {}", h.by, h.kind.as_str(), h.text))
            .collect(),
        "none",
    );
    section("Cascading messages", m.cascade.clone(), "none");
    section(
        "Issues solved that day",
        record
            .issues_solved
            .iter()
            .map(|i| {
                let how = match (&i.resolution, i.status.as_str()) {
                    (Some(r), _) => format!(": {r}"),
                    (None, "dropped") => " (dropped)".to_string(),
                    (None, _) => String::new(),
                };
                format!("{} — {}{how}", i.id, i.title)
            })
            .collect(),
        "none",
    );
    section(
        "To-dos made that day",
        record
            .todos_made
            .iter()
            .map(|t| {
                format!(
                    "{} — {} ({}, due {})",
                    t.id,
                    t.title,
                    t.owner,
                    t.due.map(|d| d.0.to_string()).unwrap_or_default()
                )
            })
            .collect(),
        "none",
    );
    match &record.rock_changes {
        Some(changes) => section(
            "Rock statuses changed that day",
            changes.iter().map(|c| c.summary.clone()).collect(),
            "none",
        ),
        None => section(
            "Rock statuses changed that day",
            Vec::new(),
            "unknown: rock statuses carry no date, and this company is not in git",
        ),
    }
    out.print(&crate::render::escape_lines(&text));
    Ok(0)
}
