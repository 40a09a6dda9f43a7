//! Past meetings: `pulse meetings` lists a quarter's meeting files, and
//! `pulse meeting show` one meeting's record with what the company decided
//! that day. Issues solved and to-dos made are read from the lists' dates
//! (an issue's `solved`, a to-do's `created`, the archive included), which
//! needs no git; rock statuses carry no date, so their changes that day are
//! read from git history (the last commit before the day against the last
//! one of the day, or the work tree for today).

use super::Ctx;
use super::diff::{ChangeRecord, Component, Kind, compare};
use super::history;
use crate::error::{Error, Result};
use crate::git;
use crate::model::issue::{Issue, IssueStatus};
use crate::model::meeting::Meeting;
use crate::model::time::Quarter;
use crate::model::todo::Todo;
use crate::store::load;
use chrono::{Days, NaiveDate};
use serde::Serialize;

/// One meeting as `pulse meetings` lists it.
#[derive(Debug, Serialize)]
pub struct MeetingRow {
    pub date: NaiveDate,
    pub kind: &'static str,
    pub attendees: Vec<String>,
    pub average_rating: Option<f64>,
    pub headlines: usize,
    pub cascades: usize,
    /// Its date is still to come (a file holding headlines for it).
    pub upcoming: bool,
}

/// The meetings of a quarter that have a file, oldest first.
pub fn list(ctx: &Ctx, quarter: Quarter) -> Result<Vec<MeetingRow>> {
    let mut rows = Vec::new();
    for date in load::meeting_dates(&ctx.ws)?
        .into_iter()
        .filter(|d| Quarter::of(*d) == quarter)
    {
        let Some(m) = load::meeting(&ctx.ws, date)? else {
            continue;
        };
        rows.push(MeetingRow {
            date,
            kind: m.kind.as_str(),
            average_rating: m.average_rating().map(|a| (a * 10.0).round() / 10.0),
            headlines: m.headlines.len(),
            cascades: m.cascade.len(),
            attendees: m.attendees,
            upcoming: date > ctx.today,
        });
    }
    Ok(rows)
}

/// One meeting and what was decided on its day.
#[derive(Debug, Serialize)]
pub struct MeetingRecord {
    /// The meeting's file, its `date` set from the file's name.
    #[serde(flatten)]
    pub meeting: Meeting,
    pub average_rating: Option<f64>,
    /// Issues solved or dropped that day, with their resolutions.
    pub issues_solved: Vec<Issue>,
    /// To-dos created that day.
    pub todos_made: Vec<Todo>,
    /// Rock status changes committed that day; `None` outside git.
    pub rock_changes: Option<Vec<ChangeRecord>>,
}

/// The meeting of `date`, or by default the last one on or before today (the
/// one in progress, or the last held).
pub fn show(ctx: &Ctx, date: Option<NaiveDate>) -> Result<MeetingRecord> {
    let dates = load::meeting_dates(&ctx.ws)?;
    let date = match date {
        Some(d) if dates.contains(&d) => d,
        Some(d) => {
            let near: Vec<String> = dates.iter().rev().take(5).map(|d| d.to_string()).collect();
            let mut e = Error::user(format!(
                "no meeting on {d}: meetings/{d}.toml does not exist"
            ));
            if !near.is_empty() {
                e = e.with_hint(format!("the latest meetings: {}", near.join(", ")));
            }
            return Err(e);
        }
        // The meeting in progress or the last one held (SPEC §1), when it
        // has a record; else the last record up to today.
        None => match super::calendar::Calendar::new(ctx)?.current_or_last() {
            Ok(d) if dates.contains(&d) => d,
            _ => *dates
                .iter()
                .rev()
                .find(|d| **d <= ctx.today)
                .ok_or_else(|| {
                    Error::user("no meeting on record yet").with_hint(
                    "a meeting's file is written by `pulse meeting rate`, `cascade` or `attend`",
                )
                })?,
        },
    };
    let mut meeting = load::meeting(&ctx.ws, date)?.unwrap_or_default();
    meeting.date = Some(crate::model::time::Date(date));
    let from = Some(Quarter::of(date));
    let issues_solved = load::issues_since(&ctx.ws, from)?
        .into_iter()
        .filter(|i| i.status != IssueStatus::Open && i.solved.map(|s| s.0) == Some(date))
        .collect();
    let todos_made = load::todos_since(&ctx.ws, from)?
        .into_iter()
        .filter(|t| t.created.map(|c| c.0) == Some(date))
        .collect();
    Ok(MeetingRecord {
        average_rating: meeting.average_rating().map(|a| (a * 10.0).round() / 10.0),
        meeting,
        issues_solved,
        todos_made,
        rock_changes: rock_changes(ctx, date)?,
    })
}

/// The rock status changes of one day, from git; `None` outside git.
fn rock_changes(ctx: &Ctx, date: NaiveDate) -> Result<Option<Vec<ChangeRecord>>> {
    if git::find_git_dir(&ctx.ws.root).is_none() {
        return Ok(None);
    }
    let layout = history::layout(ctx)?;
    let commit_before =
        |day: NaiveDate| git::last_commit_before(&ctx.ws.root, &format!("{day} 00:00"));
    let old = match commit_before(date)? {
        Some(sha) => history::at_commit(&layout, &sha)?,
        None => history::Files::new(),
    };
    let new = if date >= ctx.today {
        history::work_tree(ctx, &layout)?
    } else {
        match commit_before(date + Days::new(1))? {
            Some(sha) => history::at_commit(&layout, &sha)?,
            None => history::Files::new(),
        }
    };
    // What the team in effect decided: its own files only.
    let team = ctx.for_workspace(ctx.ws.clone());
    let (changes, _) = compare(&team, &old, &new, &layout.data_prefix);
    Ok(Some(
        changes
            .into_iter()
            .filter(|c| c.component == Component::Rocks && c.kind == Kind::Status)
            .collect(),
    ))
}
