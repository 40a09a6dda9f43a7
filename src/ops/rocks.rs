//! Rocks: add, list, status, fix (edit, remove). Milestones are in
//! `milestones.rs`, closing a quarter in `quarter.rs`.

use super::Ctx;
use super::change::{Change, Outcome};
use super::items::{Edits, find_in, new_id, nothing_to_change, required, vanished};
use crate::error::{Error, Result};
use crate::model::eos;
use crate::model::rock::{Rock, RockStatus, RocksFile};
use crate::model::time::{Date, Quarter, toml_date};
use crate::store::edit::set;
use crate::store::load;
use chrono::NaiveDate;

pub struct NewRock<'a> {
    pub title: &'a str,
    pub owner: &'a str,
    pub quarter: Quarter,
    pub company: bool,
    pub due: Option<NaiveDate>,
    /// Add it even due outside its quarter, or to a quarter that is over.
    pub force: bool,
}

pub fn add(ctx: &Ctx, new: NewRock) -> Result<(Rock, Outcome, Vec<String>)> {
    let title = required(new.title, "the rock's title")?;
    let owner = ctx.owner(new.owner)?;
    let due = new.due.unwrap_or(new.quarter.last_day());
    if !new.force {
        outside_quarter(new.quarter, due, "add")?;
        if new.quarter < Quarter::of(ctx.today) {
            return Err(Error::user(format!(
                "{} is over (today is {}): a rock is a priority for the 90 days ahead",
                new.quarter, ctx.today
            ))
            .with_hint("to record a past quarter's rock anyway, add --force"));
        }
    }
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
        todo: None,
    };
    change.append::<RocksFile, _>(&file, &rock)?;
    let outcome = change.finish(&format!(
        "rock: add {:?} ({}, {})",
        rock.title, rock.owner, new.quarter
    ))?;
    let mut warnings = Vec::new();
    if let Some(same) = current
        .rock
        .iter()
        .find(|r| r.title.trim().to_lowercase() == rock.title.to_lowercase())
    {
        warnings.push(format!(
            "{} already has a rock titled {:?} (`{}`): this one is `{}`; if it was a mistake, `pulse rock remove {}`",
            new.quarter,
            same.title,
            same.id,
            rock.id,
            crate::shell::quote(&rock.id)
        ));
    }
    let owned = current
        .rock
        .iter()
        .filter(|r| r.owner == rock.owner && r.status != RockStatus::Dropped)
        .count()
        + 1;
    if let Some(w) = super::check::too_many_rocks(&rock.owner, owned) {
        warnings.push(format!("{w} (in {})", new.quarter));
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
pub(super) fn edit_rock(
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
    let (_, rock) = find_in(&change, &file, &current.rock, query, "rock", |r| {
        r.id.as_str()
    })?;
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

/// What `rock edit` may change; `None` leaves a field as it is.
#[derive(Default)]
pub struct RockEdit<'a> {
    pub title: Option<&'a str>,
    pub owner: Option<&'a str>,
    pub due: Option<NaiveDate>,
    /// `Some(true)` for a company rock, `Some(false)` for an individual one.
    pub company: Option<bool>,
    /// Take a due date outside the rock's quarter.
    pub force: bool,
}

/// A rock is a 90-day priority: a due date outside its quarter is refused
/// (`--force` takes it).
fn outside_quarter(quarter: Quarter, due: NaiveDate, verb: &str) -> Result<()> {
    if quarter.contains(due) {
        return Ok(());
    }
    Err(Error::user(format!(
        "due {due} is outside {quarter} ({} to {}): a rock is a 90-day priority",
        quarter.first_day(),
        quarter.last_day()
    ))
    .with_hint(if verb == "add" {
        format!(
            "add it to the quarter it is due in (`--quarter {}`), or give --force to keep this date",
            Quarter::of(due)
        )
    } else {
        "give --force to keep this date anyway".to_string()
    }))
}

/// Fixes a rock: its title, owner, due date or kind. Its id stays, so
/// history (`pulse log`, `pulse diff`) follows it through a new title.
pub fn edit(ctx: &Ctx, quarter: Quarter, query: &str, fix: RockEdit) -> Result<(Rock, Outcome)> {
    if fix.title.is_none() && fix.owner.is_none() && fix.due.is_none() && fix.company.is_none() {
        return Err(nothing_to_change(&[
            "--title",
            "--owner",
            "--due",
            "--company",
            "--individual",
        ]));
    }
    let title = fix
        .title
        .map(|t| required(t, "the rock's title"))
        .transpose()?;
    let owner = fix.owner.map(|o| ctx.owner(o)).transpose()?;
    if let Some(due) = fix.due
        && !fix.force
    {
        outside_quarter(quarter, due, "edit")?;
    }
    let (rock, outcome) = edit_rock(ctx, quarter, query, |rock, table| {
        let mut edits = Edits::default();
        if let Some(title) = title.as_deref().filter(|t| *t != rock.title) {
            set(table, "title", title);
            edits.push(format!("title {title:?}"));
        }
        if let Some(owner) = owner.as_deref().filter(|o| *o != rock.owner) {
            set(table, "owner", owner);
            edits.push(format!("owner {} → {owner}", rock.owner));
        }
        if let Some(due) = fix.due.filter(|d| rock.due.map(|r| r.0) != Some(*d)) {
            set(table, "due", toml_date(due));
            edits.push(format!("due {due}"));
        }
        if let Some(company) = fix.company.filter(|c| *c != rock.company) {
            set(table, "company", company);
            edits.push(if company { "company" } else { "individual" }.to_string());
        }
        let summary = edits.summary("rock", &rock.id)?;
        Ok(format!("rock: edit {:?} ({summary})", rock.title))
    })?;
    Ok((rock, outcome))
}

/// Removes a rock added by mistake. A rock the team gave up on is dropped
/// (`rock set ID dropped`), which keeps it in the quarter's record.
pub fn remove(ctx: &Ctx, quarter: Quarter, query: &str) -> Result<(Rock, Outcome)> {
    let mut change = Change::begin(ctx)?;
    let file = ctx.ws.rocks_file(quarter);
    let current: RocksFile = change.load(&file)?;
    if current.rock.is_empty() {
        return Err(Error::user(format!("there are no rocks in {quarter}")));
    }
    let (_, rock) = find_in(&change, &file, &current.rock, query, "rock", |r| {
        r.id.as_str()
    })?;
    let mut doc = change.toml(&file)?;
    if !doc.delete("rock", &rock.id) {
        return Err(vanished("rock", &rock.id));
    }
    change.put_toml::<RocksFile>(&file, &doc)?;
    let outcome = change.finish(&format!(
        "rock: remove {:?} ({}, {quarter})",
        rock.title, rock.owner
    ))?;
    Ok((rock.clone(), outcome))
}

/// The quarters that have rocks, for `--quarter` hints.
pub fn quarters(ctx: &Ctx) -> Result<Vec<Quarter>> {
    load::rock_quarters(&ctx.ws)
}
