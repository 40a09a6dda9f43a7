//! `pulse report --html`: the quarter on one page — V/TO summary, rocks, the
//! scorecard week by week, issues solved, to-do completion and meeting
//! ratings — gathered here, drawn by `render::html`.

use super::Ctx;
use crate::error::{Error, Result};
use crate::model::goal::Goal;
use crate::model::issue::{Issue, IssueStatus};
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
}

pub fn report(ctx: &Ctx, quarter: Quarter) -> Result<Report> {
    let ws = &ctx.ws;
    let (first, last) = (quarter.first_day(), quarter.last_day());
    let mut weeks = Vec::new();
    let mut week = Week::of(first);
    while week.monday() <= last {
        weeks.push(week);
        week = week.next();
    }
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
    let due: Vec<_> = todos
        .iter()
        .filter(|t| t.due_date().is_some_and(|d| quarter.contains(d)))
        .collect();
    let meetings = load::meeting_dates(ws)?
        .into_iter()
        .filter(|d| quarter.contains(*d))
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
        vision: load::vision(ws)?,
        rock_completion: completion(&rocks.iter().collect::<Vec<_>>()),
        rocks,
        weeks,
        scorecard,
        issues_solved,
        todos_on_time: due.iter().filter(|t| t.done_on_time()).count(),
        todos_due: due.len(),
        meetings,
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
