//! The scorecard: define measurables, record weekly values, and the table of
//! the last N weeks.

use super::Ctx;
use super::calendar::Calendar;
use super::change::{Change, Outcome};
use super::items::{self, find, new_id, required};
use super::sources;
use crate::error::{Error, Result};
use crate::model::eos;
use crate::model::goal::Goal;
use crate::model::scorecard::{Measurable, ScorecardFile};
use crate::model::time::Week;
use crate::store::load;
use crate::store::to_toml::MeasurableRow;
use crate::store::values::{self, ValuesDoc};
use serde::Serialize;

pub fn add(
    ctx: &Ctx,
    name: &str,
    owner: &str,
    goal: Goal,
    unit: Option<&str>,
    source: Option<&str>,
) -> Result<(Measurable, Outcome)> {
    let name = required(name, "the measurable's name")?;
    let owner = ctx.owner(owner)?;
    let source = source.map(|s| required(s, "--source")).transpose()?;
    let mut change = Change::begin(ctx)?;
    let file = ctx.ws.scorecard_file();
    let current = load::measurables(&ctx.ws)?;
    let id = new_id(&name, "measurable", current.iter().map(|m| m.id.as_str()));
    let unit = unit.map(str::trim).unwrap_or("");
    // Kept from the week its first value goes to (the scorecard week): the
    // weeks before it are not "missing".
    let since = Calendar::new(ctx)?.scorecard_week()?;
    let row = MeasurableRow {
        id: &id,
        name: &name,
        owner: &owner,
        goal: goal.to_string(),
        unit,
        source: source.as_deref(),
        since: Some(since.to_string()),
    };
    change.append::<ScorecardFile, _>(&file, &row)?;
    // The user typed the command: it is trusted in this clone (SPEC §9),
    // before the commit, so that a `pulse check --strict` hook sees it so.
    let trusted = match &source {
        Some(command) => sources::trust::trust_typed(ctx, &id, command),
        None => Ok(()),
    };
    let mut outcome =
        change.finish(&format!("scorecard: add {:?} ({owner}, goal {goal})", name))?;
    if let Err(e) = trusted {
        outcome.warnings.push(e.message);
    }
    let count = current.len() + 1;
    if count > eos::MEASURABLES.max {
        outcome.warnings.push(format!(
            "{count} measurables: EOS keeps {} on the scorecard",
            eos::MEASURABLES.range()
        ));
    }
    Ok((
        Measurable {
            id,
            name,
            owner,
            goal,
            unit: unit.to_string(),
            goal_from: None,
            goals: Vec::new(),
            source,
            since: Some(since),
        },
        outcome,
    ))
}

#[derive(Debug, Serialize)]
pub struct Recorded {
    pub measurable: String,
    pub week: Week,
    #[serde(serialize_with = "crate::model::number::json")]
    pub value: f64,
    pub goal: Goal,
    /// The measurable's unit, for showing the value (`$`, `%`).
    #[serde(skip)]
    pub unit: String,
    pub hit: bool,
    /// The value this one replaced, if the week had one.
    #[serde(serialize_with = "crate::model::number::json_opt")]
    pub replaced: Option<f64>,
    /// The held meeting that had reviewed the replaced value.
    pub reviewed: Option<chrono::NaiveDate>,
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
    let calendar = Calendar::new(ctx)?;
    let explicit = week.is_some();
    let week = target_week(ctx, &calendar, week)?;
    let mut change = Change::begin(ctx)?;
    let file = ctx.ws.values_file();
    let (old, mut doc) = match change.text(&file)? {
        Some(text) => values::parse(&file, &text)?,
        None => (Default::default(), ValuesDoc::empty()),
    };
    let rules = Replacing {
        explicit,
        reviewed: calendar.reviewed_by(week)?,
    };
    let recorded = rules.stage(&mut doc, &old, m, week, value, note.unwrap_or(""), || {
        format!(
            "pulse scorecard record {} {} --week {week}",
            m.id,
            crate::model::goal::format_number(value)
        )
    })?;
    change.put_text(&file, doc.checked_text(&file)?);
    let verdict = if recorded.hit { "hit" } else { "miss" };
    let outcome = change.finish(&format!(
        "scorecard: {} = {} for {week} ({verdict}, goal {})",
        m.id,
        crate::model::goal::format_number(value),
        recorded.goal
    ))?;
    Ok((recorded, outcome))
}

/// The week a value goes to: the one given, else the scorecard week (the
/// week the next meeting reviews, SPEC §1); never a week not yet started.
pub fn target_week(ctx: &Ctx, calendar: &Calendar, week: Option<Week>) -> Result<Week> {
    let this_week = Week::of(ctx.today);
    let week = match week {
        Some(w) => w,
        None => calendar.scorecard_week()?,
    };
    if week > this_week {
        return Err(Error::user(format!(
            "week {week} has not started yet (this week is {this_week})"
        )));
    }
    Ok(week)
}

/// The rule for replacing a recorded value (SPEC §1): a value of a week
/// that a held meeting already reviewed is replaced only when the week was
/// given explicitly. `scorecard record` and `scorecard pull` both stage
/// their values through it.
pub struct Replacing {
    /// The week was given on the command line (`--week`).
    pub explicit: bool,
    /// The held meeting that reviewed the week, if one did.
    pub reviewed: Option<chrono::NaiveDate>,
}

impl Replacing {
    /// Stages `value` for `m` in `week`, or refuses under the rule; `retry`
    /// is the command that replaces it, for the hint.
    #[allow(clippy::too_many_arguments)]
    pub fn stage(
        &self,
        doc: &mut ValuesDoc,
        old: &crate::model::scorecard::Values,
        m: &Measurable,
        week: Week,
        value: f64,
        note: &str,
        retry: impl FnOnce() -> String,
    ) -> Result<Recorded> {
        let replaced = old.get(&m.id, week).map(|e| e.value);
        if let (Some(before), Some(held)) = (replaced, self.reviewed)
            && before != value
            && !self.explicit
        {
            return Err(Error::user(format!(
                "{} {week} is {} and was reviewed at the meeting of {held}: replacing it needs the week given explicitly",
                m.id,
                crate::model::goal::format_number(before)
            ))
            .with_hint(retry()));
        }
        doc.upsert(week, &m.id, value, note.trim());
        Ok(Recorded {
            measurable: m.id.clone(),
            week,
            value,
            // Judged against the goal of its week (goals have history).
            goal: m.goal_in(week),
            unit: m.unit.clone(),
            hit: m.is_hit(week, value),
            replaced,
            reviewed: replaced.and(self.reviewed),
        })
    }
}

#[derive(Debug, Serialize)]
pub struct Cell {
    pub week: Week,
    #[serde(serialize_with = "crate::model::number::json_opt")]
    pub value: Option<f64>,
    pub hit: Option<bool>,
    #[serde(serialize_with = "crate::model::absent::empty_as_null")]
    pub note: String,
    /// A week before the measurable was kept (its `since`): blank, not
    /// missing.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub before: bool,
}

#[derive(Debug, Serialize)]
pub struct Row {
    #[serde(flatten)]
    pub measurable: Measurable,
    pub values: Vec<Cell>,
    #[serde(serialize_with = "crate::model::number::json_opt")]
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
    let week_list = Calendar::new(ctx)?.scorecard_week()?.last_n(weeks);
    let values = match (week_list.first(), week_list.last()) {
        (Some(&first), Some(&last)) => load::values_in(&ctx.ws, first..=last)?,
        _ => Default::default(),
    };
    let measurables: Vec<Measurable> = measurables
        .into_iter()
        .filter(|m| owner.is_none_or(|o| m.owner == o))
        .collect();
    // Each measurable is kept from its `since` week, or from the first week
    // a value was recorded for it, if earlier (a back-filled value); one
    // without `since` always was. The table starts at the first of them.
    let kept_from = |m: &Measurable| -> Option<Week> {
        let since = m.since?;
        let first = week_list.iter().find(|&&w| values.get(&m.id, w).is_some());
        Some(first.map_or(since, |&f| f.min(since)))
    };
    let starts: Vec<Option<Week>> = measurables.iter().map(kept_from).collect();
    // `None` when any measurable always was kept (or there are none).
    let start: Option<Week> = starts
        .iter()
        .copied()
        .collect::<Option<Vec<Week>>>()
        .and_then(|s| s.into_iter().min());
    let week_list: Vec<Week> = match start {
        Some(start) => {
            let kept: Vec<Week> = week_list.iter().copied().filter(|&w| w >= start).collect();
            // At least the scorecard week itself.
            if kept.is_empty() {
                week_list.last().copied().into_iter().collect()
            } else {
                kept
            }
        }
        None => week_list,
    };
    let rows = measurables
        .into_iter()
        .zip(starts)
        .map(|(m, from)| {
            let cells: Vec<Cell> = week_list
                .iter()
                .map(|&week| match values.get(&m.id, week) {
                    Some(e) => Cell {
                        week,
                        value: Some(e.value),
                        hit: Some(m.is_hit(week, e.value)),
                        note: e.note.clone(),
                        before: false,
                    },
                    None => Cell {
                        week,
                        value: None,
                        hit: None,
                        note: String::new(),
                        before: from.is_some_and(|from| week < from),
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

/// Changes a measurable's definition; its id, and so its recorded values, stay.
pub fn edit(
    ctx: &Ctx,
    query: &str,
    name: Option<&str>,
    owner: Option<&str>,
    goal: Option<(Goal, Option<Week>)>,
    unit: Option<&str>,
    source: Option<&str>,
) -> Result<(Measurable, Outcome)> {
    if name.is_none() && owner.is_none() && goal.is_none() && unit.is_none() && source.is_none() {
        return Err(items::nothing_to_change(&[
            "--name", "--owner", "--goal", "--unit", "--source",
        ]));
    }
    let owner = owner.map(|o| ctx.owner(o)).transpose()?;
    let name = name.map(|n| required(n, "the name")).transpose()?;
    let mut change = Change::begin(ctx)?;
    let file = ctx.ws.scorecard_file();
    let current = load::measurables(&ctx.ws)?;
    let (_, m) = find(&current, query, "measurable", |m| m.id.as_str())?;
    let mut doc = change.toml(&file)?;
    let t = doc
        .find_mut("measurable", &m.id)
        .ok_or_else(|| items::vanished("measurable", &m.id))?;
    let mut updated = m.clone();
    let mut what = Vec::new();
    if let Some(n) = &name {
        crate::store::edit::set(t, "name", n.as_str());
        updated.name = n.clone();
        what.push(format!("name {n:?}"));
    }
    if let Some(o) = &owner {
        crate::store::edit::set(t, "owner", o.as_str());
        updated.owner = o.clone();
        what.push(format!("owner {o}"));
    }
    if let Some((g, from)) = goal {
        let from = match from {
            Some(w) => w,
            None => Calendar::new(ctx)?.scorecard_week()?,
        };
        new_goal(ctx, t, &mut updated, g, from)?;
        what.push(format!("goal {g} from {from}"));
    }
    if let Some(u) = unit {
        crate::store::edit::set(t, "unit", u.trim());
        updated.unit = u.trim().to_string();
        what.push(format!("unit {:?}", u.trim()));
    }
    // An empty --source removes the source.
    let source = source.map(str::trim);
    match source {
        Some("") => {
            crate::store::edit::unset(t, "source");
            updated.source = None;
            what.push("source removed".to_string());
        }
        Some(command) => {
            crate::store::edit::set(t, "source", command);
            updated.source = Some(command.to_string());
            what.push(format!("source {command:?}"));
        }
        None => {}
    }
    change.put_toml::<ScorecardFile>(&file, &doc)?;
    // Trusted before the commit, as in `add`.
    let trusted = match source {
        Some("") => sources::trust::forget(ctx, &m.id),
        Some(command) => sources::trust::trust_typed(ctx, &m.id, command),
        None => Ok(()),
    };
    let mut outcome = change.finish(&format!("scorecard: {} {}", m.id, what.join(", ")))?;
    if let Err(e) = trusted {
        outcome.warnings.push(e.message);
    }
    Ok((updated, outcome))
}

/// Sets a new goal from week `from` on. The goal it replaces goes to
/// `goals` with the week it held from, so past weeks keep being judged
/// against it (SPEC §1: changing a goal never rewrites history); when no
/// value was recorded under the old goal there is nothing to keep.
pub(super) fn new_goal(
    ctx: &Ctx,
    t: &mut dyn toml_edit::TableLike,
    m: &mut Measurable,
    goal: Goal,
    from: Week,
) -> Result<()> {
    if let Some(old_from) = m.goal_from
        && from < old_from
    {
        return Err(Error::user(format!(
            "--from {from} is before {old_from}, the week the current goal holds from: a new goal starts after it"
        )));
    }
    let values = load::values(&ctx.ws)?;
    let first_recorded = values
        .entries
        .iter()
        .filter(|e| e.measurable == m.id)
        .map(|e| e.week)
        .min();
    let old_start = m.goal_from.or(first_recorded.filter(|w| *w < from));
    let old_goal = m.goal;
    crate::store::edit::set(t, "goal", goal.to_string().as_str());
    crate::store::edit::set(t, "goal_from", from.to_string().as_str());
    m.goal = goal;
    m.goal_from = Some(from);
    if let Some(old_start) = old_start.filter(|w| *w < from) {
        let mut entry = toml_edit::InlineTable::new();
        entry.insert("from", old_start.to_string().as_str().into());
        entry.insert("goal", old_goal.to_string().as_str().into());
        let array = crate::store::edit::array_mut(t, "goals").ok_or_else(|| {
            Error::broken(format!("measurable `{}`: `goals` must be an array", m.id))
        })?;
        crate::store::edit::push_like_siblings(array, toml_edit::Value::InlineTable(entry));
        m.goals.push(crate::model::scorecard::EarlierGoal {
            from: old_start,
            goal: old_goal,
        });
    }
    Ok(())
}

/// Removes a measurable's definition. Its rows in `scorecard.csv` stay as
/// history (and `pulse check` notes them).
pub fn remove(ctx: &Ctx, query: &str) -> Result<(Measurable, Outcome)> {
    let mut change = Change::begin(ctx)?;
    let file = ctx.ws.scorecard_file();
    let current = load::measurables(&ctx.ws)?;
    let (_, m) = find(&current, query, "measurable", |m| m.id.as_str())?;
    let mut doc = change.toml(&file)?;
    if !doc.remove("measurable", &m.id) {
        return Err(items::vanished("measurable", &m.id));
    }
    change.put_toml::<ScorecardFile>(&file, &doc)?;
    let outcome = change.finish(&format!(
        "scorecard: remove {} (its values stay in scorecard.csv)",
        m.id
    ))?;
    Ok((m.clone(), outcome))
}
