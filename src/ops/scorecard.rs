//! The scorecard: define measurables, record weekly values, and the table of
//! the last N weeks.

use super::Ctx;
use super::change::{Change, Outcome};
use super::items::{self, find, new_id, required};
use crate::error::{Error, Result};
use crate::model::goal::Goal;
use crate::model::scorecard::{Measurable, ScorecardFile};
use crate::model::time::Week;
use crate::store::edit::string;
use crate::store::load;
use crate::store::values::{self, ValuesDoc};
use serde::Serialize;

pub fn add(
    ctx: &Ctx,
    name: &str,
    owner: &str,
    goal: Goal,
    unit: Option<&str>,
) -> Result<(Measurable, Outcome)> {
    let name = required(name, "the measurable's name")?;
    let owner = ctx.person(owner)?;
    let mut change = Change::begin(ctx)?;
    let file = ctx.ws.scorecard_file();
    let current = load::measurables(&ctx.ws)?;
    let id = new_id(&name, "measurable", current.iter().map(|m| m.id.as_str()));
    let mut doc = change.toml(&file)?;
    let unit = unit.map(str::trim).unwrap_or("");
    doc.append(
        "measurable",
        items::table(vec![
            ("id", Some(string(&id))),
            ("name", Some(string(&name))),
            ("owner", Some(string(&owner))),
            ("goal", Some(string(&goal.to_string()))),
            ("unit", (!unit.is_empty()).then(|| string(unit))),
        ]),
    );
    change.put_toml::<ScorecardFile>(&file, &doc)?;
    let outcome = change.finish(&format!("scorecard: add {:?} ({owner}, goal {goal})", name))?;
    let count = current.len() + 1;
    if count > 15 {
        eprintln!("warning: {count} measurables: EOS keeps 5 to 15 on the scorecard");
    }
    Ok((
        Measurable {
            id,
            name,
            owner,
            goal,
            unit: unit.to_string(),
        },
        outcome,
    ))
}

#[derive(Debug, Serialize)]
pub struct Recorded {
    pub measurable: String,
    pub week: Week,
    pub value: f64,
    pub goal: Goal,
    pub hit: bool,
    /// The value this one replaced, if the week had one.
    pub replaced: Option<f64>,
}

pub fn record(
    ctx: &Ctx,
    query: &str,
    value: f64,
    week: Option<Week>,
    note: Option<&str>,
) -> Result<(Recorded, Outcome)> {
    let measurables = load::measurables(&ctx.ws)?;
    if measurables.is_empty() {
        return Err(Error::user("the scorecard has no measurables yet")
            .with_hint("define one with `pulse scorecard add NAME --owner H --goal \">= 20\"`"));
    }
    let (_, m) = find(&measurables, query, "measurable", |m| m.id.as_str())?;
    let this_week = Week::of(ctx.today);
    let week = week.unwrap_or_else(|| Week::last_completed(ctx.today));
    if week > this_week {
        return Err(Error::user(format!(
            "week {week} has not started yet (this week is {this_week})"
        )));
    }
    let mut change = Change::begin(ctx)?;
    let file = ctx.ws.values_file();
    let (old, mut doc) = match change.text(&file)? {
        Some(text) => values::parse(&file, &text)?,
        None => (Default::default(), ValuesDoc::empty()),
    };
    let replaced = old.get(&m.id, week).map(|e| e.value);
    doc.upsert(week, &m.id, value, note.unwrap_or("").trim());
    change.put_text(&file, doc.to_text());
    let hit = m.goal.is_hit(value);
    let verdict = if hit { "hit" } else { "miss" };
    let outcome = change.finish(&format!(
        "scorecard: {} = {} for {week} ({verdict}, goal {})",
        m.id,
        crate::model::goal::format_number(value),
        m.goal
    ))?;
    Ok((
        Recorded {
            measurable: m.id.clone(),
            week,
            value,
            goal: m.goal,
            hit,
            replaced,
        },
        outcome,
    ))
}

#[derive(Debug, Serialize)]
pub struct Cell {
    pub week: Week,
    pub value: Option<f64>,
    pub hit: Option<bool>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
}

#[derive(Debug, Serialize)]
pub struct Row {
    #[serde(flatten)]
    pub measurable: Measurable,
    pub values: Vec<Cell>,
    pub average: Option<f64>,
    pub hits: usize,
    pub recorded: usize,
}

#[derive(Debug, Serialize)]
pub struct Table {
    pub weeks: Vec<Week>,
    pub rows: Vec<Row>,
}

/// The last `weeks` completed weeks of every measurable (or one owner's).
pub fn table(ctx: &Ctx, weeks: usize, owner: Option<&str>) -> Result<Table> {
    if let Some(owner) = owner {
        ctx.person(owner)?;
    }
    let measurables = load::measurables(&ctx.ws)?;
    let values = load::values(&ctx.ws)?;
    let week_list = Week::last_completed(ctx.today).last_n(weeks);
    let rows = measurables
        .into_iter()
        .filter(|m| owner.is_none_or(|o| m.owner == o))
        .map(|m| {
            let cells: Vec<Cell> = week_list
                .iter()
                .map(|&week| match values.get(&m.id, week) {
                    Some(e) => Cell {
                        week,
                        value: Some(e.value),
                        hit: Some(m.goal.is_hit(e.value)),
                        note: e.note.clone(),
                    },
                    None => Cell {
                        week,
                        value: None,
                        hit: None,
                        note: String::new(),
                    },
                })
                .collect();
            let recorded: Vec<f64> = cells.iter().filter_map(|c| c.value).collect();
            let average = (!recorded.is_empty())
                .then(|| recorded.iter().sum::<f64>() / recorded.len() as f64);
            let hits = cells.iter().filter(|c| c.hit == Some(true)).count();
            Row {
                measurable: m,
                recorded: recorded.len(),
                values: cells,
                average,
                hits,
            }
        })
        .collect();
    Ok(Table {
        weeks: week_list,
        rows,
    })
}
