//! Rocks: add, list, status, milestones, and closing a quarter.

use super::Ctx;
use super::change::{Change, Outcome};
use super::items::{find, new_id, required, vanished};
use crate::error::{Error, Result};
use crate::model::eos;
use crate::model::rock::{Milestone, Rock, RockStatus, RocksFile};
use crate::model::time::{Date, Quarter};
use crate::store::edit::{array_mut, push_multiline, set};
use crate::store::load;
use crate::store::to_toml;
use chrono::NaiveDate;
use toml_edit::{Item, Value};

pub struct NewRock<'a> {
    pub title: &'a str,
    pub owner: &'a str,
    pub quarter: Quarter,
    pub company: bool,
    pub due: Option<NaiveDate>,
}

pub fn add(ctx: &Ctx, new: NewRock) -> Result<(Rock, Outcome, Vec<String>)> {
    let title = required(new.title, "the rock's title")?;
    let owner = ctx.person(new.owner)?;
    let due = new.due.unwrap_or(new.quarter.last_day());
    let mut change = Change::begin(ctx)?;
    let file = ctx.ws.rocks_file(new.quarter);
    let current: RocksFile = change.load(&file)?;
    let id = new_id(&title, "rock", current.rock.iter().map(|r| r.id.as_str()));
    let rock = Rock {
        id,
        title,
        owner,
        company: new.company,
        status: RockStatus::OnTrack,
        due: Some(Date(due)),
        milestones: Vec::new(),
        rolled_from: None,
        rolled_to: None,
        issue: None,
    };
    change.append::<RocksFile, _>(&file, &rock)?;
    let outcome = change.finish(&format!(
        "rock: add {:?} ({}, {})",
        rock.title, rock.owner, new.quarter
    ))?;
    let mut warnings = Vec::new();
    let owned = current
        .rock
        .iter()
        .filter(|r| r.owner == rock.owner && r.status != RockStatus::Dropped)
        .count()
        + 1;
    if owned > eos::ROCKS_PER_PERSON.max {
        warnings.push(format!(
            "{} now has {owned} rocks in {}: EOS keeps {} per person",
            rock.owner,
            new.quarter,
            eos::ROCKS_PER_PERSON.range()
        ));
    }
    let company_rocks = current
        .rock
        .iter()
        .filter(|r| r.company && r.status != RockStatus::Dropped)
        .count()
        + usize::from(new.company);
    if new.company && company_rocks > eos::COMPANY_ROCKS.max {
        warnings.push(format!(
            "{company_rocks} company rocks in {}: EOS keeps {}",
            new.quarter,
            eos::COMPANY_ROCKS.range()
        ));
    }
    Ok((rock, outcome, warnings))
}

pub fn list(ctx: &Ctx, quarter: Quarter, owner: Option<&str>) -> Result<Vec<Rock>> {
    if let Some(owner) = owner {
        ctx.person(owner)?;
    }
    let rocks = load::rocks(&ctx.ws, quarter)?;
    Ok(rocks
        .rock
        .into_iter()
        .filter(|r| owner.is_none_or(|o| r.owner == o))
        .collect())
}

/// Edits one rock of a quarter under the lock; `edit` gets the rock as read
/// and its TOML table, and returns the commit message.
fn edit_rock(
    ctx: &Ctx,
    quarter: Quarter,
    query: &str,
    edit: impl FnOnce(&Rock, &mut dyn toml_edit::TableLike) -> Result<String>,
) -> Result<(Rock, Outcome)> {
    let mut change = Change::begin(ctx)?;
    let file = ctx.ws.rocks_file(quarter);
    let current: RocksFile = change.load(&file)?;
    if current.rock.is_empty() {
        return Err(
            Error::user(format!("there are no rocks in {quarter}")).with_hint(format!(
                "add one with `pulse rock add TITLE --owner H --quarter {quarter}`"
            )),
        );
    }
    let (_, rock) = find(&current.rock, query, "rock", |r| r.id.as_str())?;
    let mut doc = change.toml(&file)?;
    let table = doc
        .find_mut("rock", &rock.id)
        .ok_or_else(|| vanished("rock", &rock.id))?;
    let message = edit(rock, table)?;
    change.put_toml::<RocksFile>(&file, &doc)?;
    let outcome = change.finish(&message)?;
    let after: RocksFile = crate::store::load::toml_or_default(&file)?;
    let updated = after
        .rock
        .into_iter()
        .find(|r| r.id == rock.id)
        .unwrap_or_else(|| rock.clone());
    Ok((updated, outcome))
}

pub fn set_status(
    ctx: &Ctx,
    quarter: Quarter,
    query: &str,
    status: RockStatus,
) -> Result<(Rock, RockStatus, Outcome)> {
    let mut old = RockStatus::OnTrack;
    let (rock, outcome) = edit_rock(ctx, quarter, query, |rock, table| {
        old = rock.status;
        set(table, "status", status.as_str());
        Ok(format!("rock: {} {} → {}", rock.id, rock.status, status))
    })?;
    Ok((rock, old, outcome))
}

pub fn add_milestone(
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
        // Hand-written files may use `[[rock.milestones]]` tables instead of an inline array.
        if let Some(Item::ArrayOfTables(tables)) = table.get_mut("milestones") {
            if let Value::InlineTable(m) = milestone {
                tables.push(m.into_table());
            }
            return Ok(format!("rock: {} milestone {:?}", rock.id, title));
        }
        let array = array_mut(table, "milestones").ok_or_else(|| {
            Error::broken(format!("rock `{}`: `milestones` must be an array", rock.id))
        })?;
        push_multiline(array, milestone);
        Ok(format!("rock: {} milestone {:?}", rock.id, title))
    })
}

pub fn milestone_done(
    ctx: &Ctx,
    quarter: Quarter,
    query: &str,
    number: usize,
) -> Result<(Rock, Outcome)> {
    edit_rock(ctx, quarter, query, |rock, table| {
        let count = rock.milestones.len();
        if number == 0 || number > count {
            return Err(Error::user(if count == 0 {
                format!("rock `{}` has no milestones", rock.id)
            } else {
                format!(
                    "rock `{}` has milestones 1 to {count}; there is no milestone {number}",
                    rock.id
                )
            }));
        }
        // Hand-written files may use `[[rock.milestones]]` tables instead of an inline array.
        if let Some(Item::ArrayOfTables(tables)) = table.get_mut("milestones") {
            let milestone = tables.get_mut(number - 1).ok_or_else(|| {
                Error::broken(format!("rock `{}`: no milestone {number}", rock.id))
            })?;
            set(milestone, "done", true);
            return Ok(format!(
                "rock: {} milestone {number} done ({:?})",
                rock.id,
                rock.milestones[number - 1].title
            ));
        }
        let array = array_mut(table, "milestones").ok_or_else(|| {
            Error::broken(format!("rock `{}`: `milestones` must be an array", rock.id))
        })?;
        let milestone = array
            .get_mut(number - 1)
            .and_then(Value::as_inline_table_mut)
            .ok_or_else(|| {
                Error::broken(format!(
                    "rock `{}`: milestone {number} must be a table",
                    rock.id
                ))
            })?;
        set(milestone, "done", true);
        Ok(format!(
            "rock: {} milestone {number} done ({:?})",
            rock.id,
            rock.milestones[number - 1].title
        ))
    })
}

/// The quarters that have rocks, for `--quarter` hints.
pub fn quarters(ctx: &Ctx) -> Result<Vec<Quarter>> {
    load::rock_quarters(&ctx.ws)
}
