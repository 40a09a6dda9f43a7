//! `pulse headline add` and `pulse meeting rate|cascade|attend`.

use super::output::Out;
use super::values;
use crate::error::Result;
use crate::model::meeting::HeadlineKind;
use crate::ops::Ctx;
use crate::ops::calendar::Calendar;
use crate::ops::meetings::{self, NewHeadline};
use clap::Subcommand;

/// Customer and employee headlines for the next meeting
#[derive(Subcommand)]
pub enum HeadlineCommand {
    /// File a headline for the next weekly meeting
    #[command(
        after_help = "Examples:\n  pulse headline add \"Acme renewed for three years\" --by amy --customer\n  pulse headline add \"Rack 12 lost power twice\" --by ian --issue   also raise it as an issue"
    )]
    Add {
        text: String,
        #[arg(long)]
        by: String,
        #[arg(long, conflicts_with = "employee")]
        customer: bool,
        #[arg(long)]
        employee: bool,
        /// Also raise it on the issues list (it needs action)
        #[arg(long)]
        issue: bool,
    },
}

/// Record a meeting: ratings, cascading messages, attendees
#[derive(Subcommand)]
pub enum MeetingCommand {
    /// Rate the meeting, 1 to 10 per person
    #[command(after_help = "Example:\n  pulse meeting rate zoe=9 ian=8 amy=9")]
    Rate {
        #[arg(required = true, value_name = "H=N")]
        ratings: Vec<String>,
        /// YYYY-MM-DD (default: the meeting in progress, else the last one held)
        #[arg(long)]
        date: Option<String>,
    },
    /// Record a message to cascade to the company
    #[command(after_help = "Example:\n  pulse meeting cascade \"The holiday schedule is final\"")]
    Cascade {
        text: String,
        /// YYYY-MM-DD (default: the meeting in progress, else the last one held)
        #[arg(long)]
        date: Option<String>,
    },
    /// Record who attended
    #[command(after_help = "Example:\n  pulse meeting attend zoe ian amy")]
    Attend {
        #[arg(required = true)]
        handles: Vec<String>,
        /// YYYY-MM-DD (default: the meeting in progress, else the last one held)
        #[arg(long)]
        date: Option<String>,
    },
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
