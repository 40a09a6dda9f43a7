//! The quarterly and annual planning agendas as EOS runs them: the same
//! live data as the weekly meeting, looked at over a quarter or a year.

use super::Ctx;
use super::meetings::next_meeting_date;
use super::team_health::{TeamHealth, team_health};
use crate::error::Result;
use crate::model::issue::{Issue, Term, meeting_order};
use crate::model::rock::{Rock, RockStatus, completion};
use crate::model::time::{Quarter, Week};
use crate::model::vision::{Picture, Vision};
use crate::store::load;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

/// One step of the day, in minutes; `day` is 1 or 2 for the annual's two days.
#[derive(Debug, Serialize)]
pub struct Step {
    pub title: &'static str,
    pub minutes: u32,
    pub day: Option<u8>,
}

fn step(title: &'static str, minutes: u32, day: Option<u8>) -> Step {
    Step {
        title,
        minutes,
        day,
    }
}

#[derive(Debug, Serialize)]
pub struct NumberSummary {
    pub id: String,
    pub name: String,
    #[serde(serialize_with = "crate::model::absent::empty_as_null")]
    pub owner: String,
    pub goal: crate::model::goal::Goal,
    #[serde(serialize_with = "crate::model::absent::empty_as_null")]
    pub unit: String,
    /// Weeks of the period that have ended by the meeting.
    pub weeks: usize,
    pub recorded: usize,
    pub hits: usize,
    #[serde(serialize_with = "crate::model::number::json_opt")]
    pub average: Option<f64>,
}

/// A quarter's rocks under review.
#[derive(Debug, Serialize)]
pub struct QuarterRocks {
    pub quarter: Quarter,
    pub rocks: Vec<Rock>,
    pub completion: Option<f64>,
}

/// A goal of the reviewed 1-year plan, hit or missed (`hit = [...]` in
/// `[one_year_plan]` lists the goals that were hit).
#[derive(Debug, Serialize)]
pub struct GoalResult {
    pub goal: String,
    pub hit: bool,
}

#[derive(Debug, Serialize)]
pub struct Plan {
    /// `quarterly` or `annual`.
    pub kind: &'static str,
    pub company: String,
    pub date: NaiveDate,
    pub steps: Vec<Step>,
    /// The annual planning's year: the calendar year it prepares for.
    pub year: Option<i32>,
    /// The period under review.
    pub review_from: NaiveDate,
    pub review_to: NaiveDate,
    /// The last quarter under review.
    pub review_quarter: Quarter,
    pub numbers: Vec<NumberSummary>,
    /// The last quarter's rocks (the quarterly's review).
    pub review_rocks: Vec<Rock>,
    pub rock_completion: Option<f64>,
    /// Every quarter under review: one for the quarterly, four for the annual.
    pub quarters: Vec<QuarterRocks>,
    /// To-dos due in the period: done on time, and all.
    pub todos_on_time: usize,
    pub todos_due: usize,
    pub vision: Vision,
    /// The annual: the 1-year plan under review, as it stood at the year's end.
    pub reviewed_plan: Option<Picture>,
    pub plan_goals: Vec<GoalResult>,
    pub next_quarter: Quarter,
    pub next_rocks: Vec<Rock>,
    pub rocks_per_owner: BTreeMap<String, usize>,
    pub long_term_issues: Vec<Issue>,
    pub short_term_issues: Vec<Issue>,
    /// The annual planning's Team health: the People Analyzer in numbers
    /// and the Organizational Checkup (absent from the quarterly agenda).
    pub team_health: Option<TeamHealth>,
}

/// The quarter to review at a planning meeting on `date`: the current one
/// when the meeting falls in its last three weeks, else the one before.
pub fn review_quarter(date: NaiveDate) -> Quarter {
    let current = Quarter::of(date);
    if (current.last_day() - date).num_days() < 21 {
        current
    } else {
        current.prev()
    }
}

/// The year an annual planning on `date` prepares for: the next one from
/// July on, else its own (a January planning still sets up its year).
pub fn planned_year(date: NaiveDate) -> i32 {
    if date.month() >= 7 {
        date.year() + 1
    } else {
        date.year()
    }
}

/// The weeks of `from..=to` (each in the span that holds its Thursday, as a
/// week belongs to a quarter) that have ended before `date`.
fn weeks_of(from: NaiveDate, to: NaiveDate, date: NaiveDate) -> Vec<Week> {
    Week::spanning(from, to)
        .into_iter()
        .filter(|w| w.sunday() < date)
        .collect()
}

fn summarise(ctx: &Ctx, weeks: &[Week]) -> Result<Vec<NumberSummary>> {
    let values = load::values(&ctx.ws)?;
    Ok(load::measurables(&ctx.ws)?
        .into_iter()
        .map(|m| {
            let recorded: Vec<(Week, f64)> = weeks
                .iter()
                .filter_map(|&w| values.get(&m.id, w).map(|e| (w, e.value)))
                .collect();
            let vals: Vec<f64> = recorded.iter().map(|(_, v)| *v).collect();
            NumberSummary {
                weeks: weeks.len(),
                hits: recorded.iter().filter(|(w, v)| m.is_hit(*w, *v)).count(),
                recorded: vals.len(),
                average: (!vals.is_empty()).then(|| vals.iter().sum::<f64>() / vals.len() as f64),
                id: m.id,
                name: m.name,
                owner: m.owner,
                goal: m.goal,
                unit: m.unit,
            }
        })
        .collect())
}

fn quarter_rocks(ctx: &Ctx, quarter: Quarter) -> Result<QuarterRocks> {
    let rocks = load::rocks(&ctx.ws, quarter)?.rock;
    Ok(QuarterRocks {
        quarter,
        completion: completion(&rocks.iter().collect::<Vec<_>>()),
        rocks,
    })
}

/// What both agendas hold, for the quarters `review` (oldest first).
fn build(
    ctx: &Ctx,
    kind: &'static str,
    date: NaiveDate,
    review: Vec<Quarter>,
    next_quarter: Quarter,
    steps: Vec<Step>,
) -> Result<Plan> {
    let (first, last) = (review[0], review[review.len() - 1]);
    let (from, to) = (first.first_day(), last.last_day());
    let quarters = review
        .iter()
        .map(|&q| quarter_rocks(ctx, q))
        .collect::<Result<Vec<_>>>()?;
    let last_rocks = &quarters[quarters.len() - 1];
    let next_rocks = load::rocks(&ctx.ws, next_quarter)?.rock;
    let mut rocks_per_owner = BTreeMap::new();
    for r in next_rocks
        .iter()
        .filter(|r| r.status != RockStatus::Dropped)
    {
        *rocks_per_owner.entry(r.owner.clone()).or_insert(0) += 1;
    }
    let issues = load::issues(&ctx.ws)?.issue;
    let open = |term: Term| -> Vec<Issue> {
        meeting_order(issues.iter().filter(|i| i.is_open() && i.term == term))
            .into_iter()
            .cloned()
            .collect()
    };
    let todos = load::todos_since(&ctx.ws, Some(first))?;
    let due: Vec<_> = todos
        .iter()
        .filter(|t| {
            t.due_date()
                .is_some_and(|d| d >= from && d <= to && d < date)
        })
        .collect();
    Ok(Plan {
        kind,
        company: ctx.ws.company.company.name.clone(),
        date,
        steps,
        year: None,
        review_from: from,
        review_to: to,
        review_quarter: last,
        numbers: summarise(ctx, &weeks_of(from, to, date))?,
        review_rocks: last_rocks.rocks.clone(),
        rock_completion: last_rocks.completion,
        quarters,
        todos_on_time: due.iter().filter(|t| t.done_on_time()).count(),
        todos_due: due.len(),
        vision: load::vision(&ctx.ws)?,
        reviewed_plan: None,
        plan_goals: Vec::new(),
        next_quarter,
        next_rocks,
        rocks_per_owner,
        long_term_issues: open(Term::Long),
        short_term_issues: open(Term::Short),
        team_health: None,
    })
}

fn meeting_date(ctx: &Ctx, date: Option<NaiveDate>) -> Result<NaiveDate> {
    match date {
        Some(d) => Ok(d),
        None => next_meeting_date(ctx),
    }
}

/// The quarterly planning day (EOS's Quarterly Pulsing): 7 h 30 min.
pub fn quarterly(ctx: &Ctx, date: Option<NaiveDate>) -> Result<Plan> {
    let date = meeting_date(ctx, date)?;
    let review = review_quarter(date);
    let steps = vec![
        step("Segue", 15, None),
        step("Review the previous quarter", 60, None),
        step("Review the V/TO", 60, None),
        step("Establish next quarter's rocks", 120, None),
        step("Tackle key issues", 180, None),
        step("Next steps", 15, None),
        step("Conclude", 30, None),
    ];
    build(ctx, "quarterly", date, vec![review], review.next(), steps)
}

/// The two-day annual planning: it prepares for the calendar year
/// `planned_year(date)` and reviews the year before it, January to December.
pub fn annual(ctx: &Ctx, date: Option<NaiveDate>) -> Result<Plan> {
    let date = meeting_date(ctx, date)?;
    let year = planned_year(date);
    let first = Quarter::of(NaiveDate::from_ymd_opt(year - 1, 1, 1).unwrap_or(date));
    let mut review = vec![first];
    for _ in 0..3 {
        review.push(review[review.len() - 1].next());
    }
    let next = review[3].next();
    let steps = vec![
        step("Segue", 30, Some(1)),
        step("Review the previous year", 90, Some(1)),
        step("Team health", 120, Some(1)),
        step("SWOT / Issues list", 60, Some(1)),
        step("V/TO through the 3-year picture", 120, Some(1)),
        step("Create the 1-year plan", 120, Some(2)),
        step("Establish next quarter's rocks", 120, Some(2)),
        step("Tackle key issues", 150, Some(2)),
        step("Next steps", 15, Some(2)),
        step("Conclude", 15, Some(2)),
    ];
    let mut plan = build(ctx, "annual", date, review, next, steps)?;
    plan.year = Some(year);
    let then = super::vision_history::vision_as_of(ctx, plan.review_to)?;
    if let Some(reviewed) = then.one_year_plan {
        plan.plan_goals = reviewed
            .goals
            .iter()
            .map(|g| GoalResult {
                goal: g.clone(),
                hit: reviewed.hit.iter().any(|h| h.trim() == g.trim()),
            })
            .collect();
        plan.reviewed_plan = Some(reviewed);
    }
    plan.team_health = Some(team_health(ctx, date)?);
    Ok(plan)
}
