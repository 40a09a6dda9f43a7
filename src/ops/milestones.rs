//! A rock's milestones, counted from 1 in the order of its file: add one,
//! mark one done or not done, fix its title or due date, remove one.
//! Files may hold them as an inline array or as `[[rock.milestones]]`
//! tables; both are edited in place.

use super::Ctx;
use super::change::Outcome;
use super::items::{Edits, nothing_to_change, required};
use super::rocks::edit_rock;
use crate::error::{Error, Result};
use crate::model::rock::{Milestone, Rock};
use crate::model::time::{Date, Quarter, toml_date};
use crate::store::edit::{array_mut, push_multiline, set};
use crate::store::to_toml;
use chrono::NaiveDate;
use toml_edit::{Item, TableLike, Value};

pub fn add(
    ctx: &Ctx,
    quarter: Quarter,
    query: &str,
    title: &str,
    due: Option<NaiveDate>,
) -> Result<(Rock, Outcome)> {
    let title = required(title, "the milestone's title")?;
    edit_rock(ctx, quarter, query, |rock, table| {
        let milestone = to_toml::milestone(&Milestone {
            title: title.clone(),
            due: due.map(Date),
            done: false,
        });
        if let Some(Item::ArrayOfTables(tables)) = table.get_mut("milestones") {
            if let Value::InlineTable(m) = milestone {
                tables.push(m.into_table());
            }
        } else {
            let array = array_mut(table, "milestones").ok_or_else(|| not_an_array(rock))?;
            push_multiline(array, milestone);
        }
        Ok(format!("rock: {} milestone {:?}", rock.id, title))
    })
}

/// Marks milestone `number` done (`done`) or not done.
pub fn set_done(
    ctx: &Ctx,
    quarter: Quarter,
    query: &str,
    number: usize,
    done: bool,
) -> Result<(Rock, Outcome)> {
    edit_rock(ctx, quarter, query, |rock, table| {
        let old = existing(rock, number)?;
        if !done && !old.done {
            return Err(Error::user(format!(
                "milestone {number} of rock `{}` is not done",
                rock.id
            )));
        }
        set(milestone_mut(rock, table, number)?, "done", done);
        let word = if done { "done" } else { "undone" };
        Ok(format!(
            "rock: {} milestone {number} {word} ({:?})",
            rock.id, old.title
        ))
    })
}

/// Fixes milestone `number`'s title or due date.
pub fn edit(
    ctx: &Ctx,
    quarter: Quarter,
    query: &str,
    number: usize,
    title: Option<&str>,
    due: Option<NaiveDate>,
) -> Result<(Rock, Outcome)> {
    if title.is_none() && due.is_none() {
        return Err(nothing_to_change(&["--title", "--due"]));
    }
    let title = title
        .map(|t| required(t, "the milestone's title"))
        .transpose()?;
    edit_rock(ctx, quarter, query, |rock, table| {
        let old = existing(rock, number)?;
        let milestone = milestone_mut(rock, table, number)?;
        let mut edits = Edits::default();
        if let Some(title) = title.as_deref().filter(|t| *t != old.title) {
            set(milestone, "title", title);
            edits.push(format!("title {title:?}"));
        }
        if let Some(due) = due.filter(|d| old.due.map(|o| o.0) != Some(*d)) {
            set(milestone, "due", toml_date(due));
            edits.push(format!("due {due}"));
        }
        let summary = edits.summary(&format!("milestone {number} of rock"), &rock.id)?;
        Ok(format!(
            "rock: {} milestone {number} edit ({:?}: {summary})",
            rock.id, old.title
        ))
    })
}

/// Removes milestone `number`; those after it move up one.
pub fn remove(ctx: &Ctx, quarter: Quarter, query: &str, number: usize) -> Result<(Rock, Outcome)> {
    edit_rock(ctx, quarter, query, |rock, table| {
        let old = existing(rock, number)?;
        match table.get_mut("milestones") {
            Some(Item::ArrayOfTables(tables)) => {
                tables.remove(number - 1);
            }
            Some(Item::Value(Value::Array(array))) => {
                array.remove(number - 1);
                if array.is_empty() {
                    // `[\n]` left behind reads oddly: an empty array is `[]`.
                    array.set_trailing("");
                    array.set_trailing_comma(false);
                }
            }
            _ => return Err(not_an_array(rock)),
        }
        Ok(format!(
            "rock: {} milestone {number} removed ({:?})",
            rock.id, old.title
        ))
    })
}

/// Milestone `number` of a rock as read, or the error naming the ones it has.
fn existing(rock: &Rock, number: usize) -> Result<&Milestone> {
    let count = rock.milestones.len();
    match number.checked_sub(1).and_then(|i| rock.milestones.get(i)) {
        Some(m) => Ok(m),
        None if count == 0 => Err(Error::user(format!("rock `{}` has no milestones", rock.id))
            .with_hint(format!(
                "add one with `pulse rock milestone {} TITLE`",
                rock.id
            ))),
        None => Err(Error::user(format!(
            "rock `{}` has milestones 1 to {count}; there is no milestone {number}",
            rock.id
        ))),
    }
}

/// Milestone `number`'s table in the rock's TOML, as an inline table or a
/// `[[rock.milestones]]` table.
fn milestone_mut<'a>(
    rock: &Rock,
    table: &'a mut dyn TableLike,
    number: usize,
) -> Result<&'a mut dyn TableLike> {
    let broken = || {
        Error::broken(format!(
            "rock `{}`: milestone {number} must be a table",
            rock.id
        ))
    };
    match table.get_mut("milestones") {
        Some(Item::ArrayOfTables(tables)) => tables
            .get_mut(number - 1)
            .map(|t| t as &mut dyn TableLike)
            .ok_or_else(broken),
        Some(Item::Value(Value::Array(array))) => array
            .get_mut(number - 1)
            .and_then(Value::as_inline_table_mut)
            .map(|t| t as &mut dyn TableLike)
            .ok_or_else(broken),
        _ => Err(not_an_array(rock)),
    }
}

fn not_an_array(rock: &Rock) -> Error {
    Error::broken(format!("rock `{}`: `milestones` must be an array", rock.id))
}
