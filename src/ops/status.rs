//! `pulse status`: the whole company (or one person) on one screen.

use super::Ctx;
use crate::error::Result;
use crate::model::issue::{Issue, Term, meeting_order};
use crate::model::rock::{Rock, RockStatus};
use crate::model::time::{Quarter, Week};
use crate::model::todo::{Todo, completion};
use crate::store::load;
use chrono::{Days, NaiveDate};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Miss {
    pub id: String,
    pub name: String,
    #[serde(serialize_with = "crate::model::absent::empty_as_null")]
    pub owner: String,
    #[serde(serialize_with = "crate::model::number::json")]
    pub value: f64,
    #[serde(serialize_with = "crate::model::absent::empty_as_null")]
    pub unit: String,
    pub goal: crate::model::goal::Goal,
}

#[derive(Debug, Serialize)]
pub struct Status {
    pub company: String,
    pub owner: Option<String>,
    pub today: NaiveDate,
    pub quarter: Quarter,
    pub days_left: i64,
    pub rocks: Vec<Rock>,
    pub on_track: usize,
    pub off_track: usize,
    pub done: usize,
    pub week: Week,
    pub measurables: usize,
    pub recorded: usize,
    pub misses: Vec<Miss>,
    pub todo_completion: Option<(usize, usize)>,
    pub open_todos: Vec<Todo>,
    pub overdue_todos: usize,
    pub open_issues: usize,
    pub top_issues: Vec<Issue>,
    pub my_issues: Vec<Issue>,
    pub next_meeting: NaiveDate,
    pub last_meeting: Option<NaiveDate>,
    pub last_rating: Option<f64>,
}

pub fn status(ctx: &Ctx, owner: Option<&str>) -> Result<Status> {
    if let Some(o) = owner {
        ctx.person(o)?;
    }
    let mine = |h: &str| owner.is_none_or(|o| o == h);
    let ws = &ctx.ws;
    let quarter = Quarter::of(ctx.today);
    let rocks: Vec<Rock> = load::rocks(ws, quarter)?
        .rock
        .into_iter()
        .filter(|r| mine(&r.owner))
        .collect();
    let count = |s: RockStatus| rocks.iter().filter(|r| r.status == s).count();

    let calendar = super::calendar::Calendar::new(ctx)?;
    let week = calendar.scorecard_week()?;
    let all_todos = load::todos_since(ws, Some(Quarter::of(ctx.today - Days::new(7))))?;
    let values = load::values_in(ws, week..=week)?;
    let issues = load::issues(ws)?.issue;
    let measurables: Vec<_> = load::measurables(ws)?
        .into_iter()
        .filter(|m| mine(&m.owner))
        .collect();
    let mut recorded = 0;
    let mut misses = Vec::new();
    for m in &measurables {
        if let Some(e) = values.get(&m.id, week) {
            recorded += 1;
            if !m.is_hit(week, e.value) {
                misses.push(Miss {
                    id: m.id.clone(),
                    name: m.name.clone(),
                    owner: m.owner.clone(),
                    value: e.value,
                    unit: m.unit.clone(),
                    goal: m.goal_in(week),
                });
            }
        }
    }

    let todos: Vec<Todo> = all_todos.into_iter().filter(|t| mine(&t.owner)).collect();
    let todo_completion = completion(&todos, ctx.today - Days::new(7), ctx.today);
    let overdue_todos = todos.iter().filter(|t| t.is_overdue(ctx.today)).count();
    let open_todos: Vec<Todo> = todos.into_iter().filter(|t| !t.is_done()).collect();

    let short_open: Vec<&Issue> = issues
        .iter()
        .filter(|i| i.is_open() && i.term == Term::Short)
        .collect();
    let top_issues: Vec<Issue> =
        meeting_order(short_open.iter().copied().filter(|i| i.priority.is_some()))
            .into_iter()
            .cloned()
            .collect();
    let my_issues: Vec<Issue> = match owner {
        Some(o) => meeting_order(issues.iter().filter(|i| i.is_open() && i.owner == o))
            .into_iter()
            .cloned()
            .collect(),
        None => Vec::new(),
    };

    // The last meeting on record: a meeting day that passed with nothing
    // written (before the company used pulse, say) is not shown as one.
    let last = calendar.last_recorded()?;
    Ok(Status {
        company: ws.company.company.name.clone(),
        owner: owner.map(String::from),
        today: ctx.today,
        quarter,
        days_left: (quarter.last_day() - ctx.today).num_days(),
        on_track: count(RockStatus::OnTrack),
        off_track: count(RockStatus::OffTrack),
        done: count(RockStatus::Done),
        rocks,
        week,
        measurables: measurables.len(),
        recorded,
        misses,
        todo_completion,
        open_todos,
        overdue_todos,
        open_issues: short_open.len(),
        top_issues,
        my_issues,
        next_meeting: calendar.next_meeting()?,
        last_rating: last.as_ref().and_then(|(_, m)| m.average_rating()),
        last_meeting: last.map(|(d, _)| d),
    })
}
