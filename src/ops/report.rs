//! `pulse report --html`: the quarter as a handout — V/TO summary, rocks, the
//! scorecard week by week, issues solved, to-do completion and meeting
//! ratings, next quarter's rocks and the long-term issues — gathered here,
//! drawn by `render::html`. A quarter still running is reported to date; a
//! past one with the V/TO it had at its end.

use super::Ctx;
use crate::error::{Error, Result};
use crate::model::goal::Goal;
use crate::model::issue::{Issue, IssueStatus, Term};
use crate::model::rock::{Rock, completion};
use crate::model::time::{Quarter, Week};
use crate::model::vision::Vision;
use crate::store::load;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Series {
    pub id: String,
    pub name: String,
    #[serde(serialize_with = "crate::model::absent::empty_as_null")]
    pub owner: String,
    /// The goal at the quarter's end.
    pub goal: Goal,
    #[serde(serialize_with = "crate::model::absent::empty_as_null")]
    pub unit: String,
    /// One value per week of the quarter, `None` where nothing was recorded.
    #[serde(serialize_with = "crate::model::number::json_list")]
    pub values: Vec<Option<f64>>,
    /// The goal in force each week: a value is judged against its week's.
    pub goals: Vec<Goal>,
}

impl Series {
    /// Whether the value of week `i` met that week's goal.
    pub fn hit(&self, i: usize, value: f64) -> bool {
        self.goals.get(i).unwrap_or(&self.goal).is_hit(value)
    }

    pub fn hits(&self) -> usize {
        self.values
            .iter()
            .enumerate()
            .filter(|(i, v)| v.is_some_and(|v| self.hit(*i, v)))
            .count()
    }
    pub fn recorded(&self) -> usize {
        self.values.iter().flatten().count()
    }
}

#[derive(Debug, Serialize)]
pub struct MeetingRating {
    pub date: NaiveDate,
    pub average: Option<f64>,
}

#[derive(Debug, Serialize)]
pub struct Report {
    pub company: String,
    pub quarter: Quarter,
    pub today: NaiveDate,
    pub vision: Vision,
    pub rocks: Vec<Rock>,
    /// Done / all rocks of the quarter, in percent.
    pub rock_completion: Option<f64>,
    pub weeks: Vec<Week>,
    pub scorecard: Vec<Series>,
    pub issues_solved: Vec<Issue>,
    /// To-dos due in the quarter: done on time, and all.
    pub todos_on_time: usize,
    pub todos_due: usize,
    pub meetings: Vec<MeetingRating>,
    /// The quarter is still running: its figures are to date.
    pub to_date: bool,
    /// The day the V/TO and the long-term issues are shown as of: the
    /// quarter's last day, or today while it runs.
    pub as_of: NaiveDate,
    pub next_quarter: Quarter,
    pub next_rocks: Vec<Rock>,
    /// Long-term issues open on `as_of`.
    pub long_term_issues: Vec<Issue>,
}

pub fn report(ctx: &Ctx, quarter: Quarter) -> Result<Report> {
    let ws = &ctx.ws;
    let (first, last) = (quarter.first_day(), quarter.last_day());
    // Each week in the quarter that holds its Thursday; while the quarter
    // runs, the weeks up to the scorecard week, the one the next meeting
    // reviews and values go into (SPEC §1): "to date", no week ahead.
    let latest = super::calendar::Calendar::new(ctx)?.scorecard_week()?;
    let weeks: Vec<Week> = Week::spanning(first, last)
        .into_iter()
        .filter(|w| *w <= latest)
        .collect();
    let values = load::values(ws)?;
    let scorecard = load::measurables(ws)?
        .into_iter()
        .map(|m| Series {
            values: weeks
                .iter()
                .map(|&w| values.get(&m.id, w).map(|e| e.value))
                .collect(),
            goals: weeks.iter().map(|&w| m.goal_in(w)).collect(),
            goal: weeks.last().map_or(m.goal, |&w| m.goal_in(w)),
            id: m.id,
            name: m.name,
            owner: m.owner,
            unit: m.unit,
        })
        .collect();
    let rocks = load::rocks(ws, quarter)?.rock;
    let in_quarter = |d: Option<crate::model::time::Date>| d.is_some_and(|d| quarter.contains(d.0));
    let issues_solved = load::issues_since(ws, Some(quarter))?
        .into_iter()
        .filter(|i| i.status == IssueStatus::Solved && in_quarter(i.solved))
        .collect();
    let todos = load::todos_since(ws, Some(quarter))?;
    // To date: a to-do not due yet is not late.
    let due: Vec<_> = todos
        .iter()
        .filter(|t| {
            t.due_date()
                .is_some_and(|d| quarter.contains(d) && d < ctx.today)
        })
        .collect();
    let calendar = super::calendar::Calendar::new(ctx)?;
    let mut held = Vec::new();
    for date in load::meeting_dates(ws)? {
        // Never a meeting still to come (a headline's file waits for it).
        if quarter.contains(date) && date <= ctx.today && calendar.held(date)? {
            held.push(date);
        }
    }
    let to_date = last >= ctx.today;
    let as_of = if to_date { ctx.today } else { last };
    let long_term_issues = load::issues_since(ws, Some(quarter))?
        .into_iter()
        .filter(|i| {
            i.term == Term::Long
                && i.created.is_none_or(|c| c.0 <= as_of)
                && (i.is_open() || i.solved.is_some_and(|s| s.0 > as_of))
        })
        .collect();
    let next_quarter = quarter.next();
    let meetings = held
        .into_iter()
        .map(|date| {
            Ok(MeetingRating {
                date,
                average: load::meeting(ws, date)?.and_then(|m| m.average_rating()),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Report {
        company: ws.company.company.name.clone(),
        quarter,
        today: ctx.today,
        vision: super::vision_history::vision_as_of(ctx, last)?,
        rock_completion: completion(&rocks.iter().collect::<Vec<_>>()),
        rocks,
        weeks,
        scorecard,
        issues_solved,
        todos_on_time: due.iter().filter(|t| t.done_on_time()).count(),
        todos_due: due.len(),
        meetings,
        to_date,
        as_of,
        next_quarter,
        next_rocks: load::rocks(ws, next_quarter)?.rock,
        long_term_issues,
    })
}

/// Writes the page to `path`, which must be a plain file of its own: never
/// one of the company's files (`--html company.toml`), and never something
/// that is not a regular file — a FIFO, a device, `/proc/self/fd/1`, a
/// link — which a rename would replace. `-` is standard output, for the
/// command line to print.
pub fn write_html(ctx: &Ctx, path: &std::path::Path, html: &str) -> Result<()> {
    let shown = crate::escape::escape(&path.display().to_string()).into_owned();
    if ctx.ws.owns(path) {
        return Err(Error::user(format!(
            "--html {shown}: that is one of the company's files; name another file for the report"
        )));
    }
    if let Ok(meta) = std::fs::symlink_metadata(path)
        && !meta.is_file()
    {
        let what = if meta.is_dir() {
            "a folder"
        } else if meta.file_type().is_symlink() {
            "a symbolic link"
        } else {
            "not a regular file (a FIFO or a device)"
        };
        return Err(Error::user(format!(
            "--html {shown}: is {what}, which pulse will not replace"
        ))
        .with_hint(
            "name a new or regular file, or `--html -` to print the page on standard output",
        ));
    }
    crate::store::atomic::write_atomic(path, html.as_bytes())
}
