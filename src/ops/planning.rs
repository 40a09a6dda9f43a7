//! The quarterly and annual planning agendas: the same live data as the
//! weekly meeting, looked at over a quarter or a year.

use super::Ctx;
use super::checkup::CheckupReport;
use super::meetings::next_meeting_date;
use crate::error::Result;
use crate::model::issue::{Issue, Term, meeting_order};
use crate::model::people::Verdict;
use crate::model::rock::{Rock, completion};
use crate::model::time::{Quarter, Week};
use crate::model::vision::Vision;
use crate::store::load;
use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Serialize)]
pub struct Step {
    pub title: &'static str,
    pub hours: f32,
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
    pub hits: usize,
    pub recorded: usize,
    #[serde(serialize_with = "crate::model::number::json_opt")]
    pub average: Option<f64>,
}

#[derive(Debug, Serialize)]
pub struct Plan {
    /// `quarterly` or `annual`.
    pub kind: &'static str,
    pub company: String,
    pub date: NaiveDate,
    pub steps: Vec<Step>,
    /// The period under review.
    pub review_from: NaiveDate,
    pub review_to: NaiveDate,
    pub review_quarter: Quarter,
    pub numbers: Vec<NumberSummary>,
    pub review_rocks: Vec<Rock>,
    pub rock_completion: Option<f64>,
    pub vision: Vision,
    pub next_quarter: Quarter,
    pub next_rocks: Vec<Rock>,
    pub rocks_per_owner: BTreeMap<String, usize>,
    pub long_term_issues: Vec<Issue>,
    /// The annual planning's Team health: the People Analyzer in numbers
    /// and the Organizational Checkup (absent from the quarterly agenda).
    pub team_health: Option<TeamHealth>,
}

#[derive(Debug, Serialize)]
pub struct TeamHealth {
    /// How many people stand where against the bar (no names: an agenda
    /// is sent around); none when the people data cannot be read.
    pub people: Option<PeopleCounts>,
    /// Why there are no counts.
    pub people_note: Option<String>,
    pub checkup: CheckupReport,
}

#[derive(Debug, Default, Serialize)]
pub struct PeopleCounts {
    pub people: usize,
    pub right_person_right_seat: usize,
    pub right_person_wrong_seat: usize,
    pub below_the_bar: usize,
    pub not_rated: usize,
}

fn team_health(ctx: &Ctx, date: NaiveDate) -> Result<TeamHealth> {
    let (people, people_note) = match super::people::analyze(ctx) {
        Ok(analysis) => {
            let mut counts = PeopleCounts {
                people: analysis.people.len(),
                ..PeopleCounts::default()
            };
            for person in &analysis.people {
                *match person.verdict {
                    Verdict::RightPersonRightSeat => &mut counts.right_person_right_seat,
                    Verdict::RightPersonWrongSeat => &mut counts.right_person_wrong_seat,
                    Verdict::WrongPerson => &mut counts.below_the_bar,
                    Verdict::NotRated => &mut counts.not_rated,
                } += 1;
            }
            (Some(counts), None)
        }
        Err(e) => (None, Some(e.message)),
    };
    Ok(TeamHealth {
        people,
        people_note,
        checkup: super::checkup::report(ctx, None, Quarter::of(date))?,
    })
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

fn summarise(ctx: &Ctx, from: NaiveDate, to: NaiveDate) -> Result<Vec<NumberSummary>> {
    let values = load::values(&ctx.ws)?;
    let mut weeks = Vec::new();
    let mut week = Week::of(from);
    while week.sunday() <= to {
        weeks.push(week);
        week = week.next();
    }
    Ok(load::measurables(&ctx.ws)?
        .into_iter()
        .map(|m| {
            let recorded: Vec<(Week, f64)> = weeks
                .iter()
                .filter_map(|&w| values.get(&m.id, w).map(|e| (w, e.value)))
                .collect();
            let vals: Vec<f64> = recorded.iter().map(|(_, v)| *v).collect();
            NumberSummary {
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

fn build(
    ctx: &Ctx,
    kind: &'static str,
    date: NaiveDate,
    from: NaiveDate,
    to: NaiveDate,
    review: Quarter,
    steps: Vec<Step>,
) -> Result<Plan> {
    let review_rocks = load::rocks(&ctx.ws, review)?.rock;
    let rock_completion = completion(&review_rocks.iter().collect::<Vec<_>>());
    let next_quarter = review.next();
    let next_rocks = load::rocks(&ctx.ws, next_quarter)?.rock;
    let mut rocks_per_owner = BTreeMap::new();
    for r in next_rocks
        .iter()
        .filter(|r| r.status != crate::model::rock::RockStatus::Dropped)
    {
        *rocks_per_owner.entry(r.owner.clone()).or_insert(0) += 1;
    }
    let issues = load::issues(&ctx.ws)?.issue;
    let long_term_issues = meeting_order(
        issues
            .iter()
            .filter(|i| i.is_open() && i.term == Term::Long),
    )
    .into_iter()
    .cloned()
    .collect();
    Ok(Plan {
        kind,
        company: ctx.ws.company.company.name.clone(),
        date,
        steps,
        review_from: from,
        review_to: to,
        review_quarter: review,
        numbers: summarise(ctx, from, to)?,
        review_rocks,
        rock_completion,
        vision: load::vision(&ctx.ws)?,
        next_quarter,
        next_rocks,
        rocks_per_owner,
        long_term_issues,
        team_health: None,
    })
}

pub fn quarterly(ctx: &Ctx, date: Option<NaiveDate>) -> Result<Plan> {
    let date = match date {
        Some(d) => d,
        None => next_meeting_date(ctx)?,
    };
    let review = review_quarter(date);
    let steps = vec![
        Step {
            title: "Segue",
            hours: 0.25,
        },
        Step {
            title: "Review last quarter: numbers and rocks",
            hours: 1.0,
        },
        Step {
            title: "Review the V/TO",
            hours: 1.0,
        },
        Step {
            title: "Set next quarter's rocks",
            hours: 2.0,
        },
        Step {
            title: "IDS the long-term issues",
            hours: 3.0,
        },
        Step {
            title: "Next steps",
            hours: 0.25,
        },
        Step {
            title: "Conclude",
            hours: 0.5,
        },
    ];
    build(
        ctx,
        "quarterly",
        date,
        review.first_day(),
        review.last_day(),
        review,
        steps,
    )
}

pub fn annual(ctx: &Ctx, date: Option<NaiveDate>) -> Result<Plan> {
    let date = match date {
        Some(d) => d,
        None => next_meeting_date(ctx)?,
    };
    let review = review_quarter(date);
    // The year under review ends with the reviewed quarter.
    let to = review.last_day();
    let from = NaiveDate::from_ymd_opt(to.year(), 1, 1).unwrap_or(to);
    let from = if review.last_day().month() == 12 {
        from
    } else {
        to - Days::new(364)
    };
    let steps = vec![
        Step {
            title: "Day 1: Segue",
            hours: 0.5,
        },
        Step {
            title: "Day 1: Review the year's goals and numbers",
            hours: 1.5,
        },
        Step {
            title: "Day 1: Team health",
            hours: 2.0,
        },
        Step {
            title: "Day 1: The V/TO through the 3-year picture",
            hours: 3.0,
        },
        Step {
            title: "Day 2: The 1-year plan: next year's goals",
            hours: 2.0,
        },
        Step {
            title: "Day 2: Next quarter's rocks",
            hours: 2.0,
        },
        Step {
            title: "Day 2: IDS the long-term issues",
            hours: 2.5,
        },
        Step {
            title: "Day 2: Next steps and conclude",
            hours: 0.5,
        },
    ];
    let mut plan = build(ctx, "annual", date, from, to, review, steps)?;
    plan.team_health = Some(team_health(ctx, date)?);
    Ok(plan)
}
