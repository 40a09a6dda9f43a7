//! The accountability chart: add seats, put people in them, take them out,
//! edit (rename, move under another seat, new roles), remove a seat.

use super::Ctx;
use super::change::{Change, Outcome};
use super::items::{Edits, find, new_id, nothing_to_change, required, vanished};
use crate::error::{Error, Result};
use crate::model::seats::{Seat, SeatsFile};
use crate::store::edit::{array_mut, set, unset};
use crate::store::to_toml::strings;

/// The accountability chart as it is.
pub fn chart(ctx: &Ctx) -> Result<SeatsFile> {
    crate::store::load::seats(&ctx.ws)
}

pub struct NewSeat {
    pub name: String,
    pub reports_to: Option<String>,
    pub people: Vec<String>,
    pub roles: Vec<String>,
}

pub fn add(ctx: &Ctx, new: NewSeat) -> Result<(Seat, Outcome)> {
    let name = required(&new.name, "the seat's name")?;
    for p in &new.people {
        ctx.owner(p)?;
    }
    let mut change = Change::begin(ctx)?;
    let file = ctx.ws.seats_file();
    let current: SeatsFile = change.load(&file)?;
    let reports_to = match &new.reports_to {
        Some(q) => Some(
            find(&current.seat, q, "seat", |s| s.id.as_str())?
                .1
                .id
                .clone(),
        ),
        None => None,
    };
    let id = new_id(&name, "seat", current.seat.iter().map(|s| s.id.as_str()));
    let seat = Seat {
        id,
        name,
        reports_to,
        people: new.people,
        roles: new.roles,
    };
    change.append::<SeatsFile, _>(&file, &seat)?;
    let under = seat
        .reports_to
        .as_deref()
        .map(|r| format!(" under {r}"))
        .unwrap_or_default();
    let top = current.seat.iter().find(|s| s.reports_to.is_none());
    let mut outcome = change.finish(&format!("seat: add {:?}{under}", seat.name))?;
    // EOS has one seat at the top (a Visionary above the Integrator is
    // still one): said at once, as `pulse check` says it.
    if let (None, Some(top)) = (&seat.reports_to, top) {
        outcome.warnings.push(format!(
            "{} reports to no seat, as {} does: the chart has one seat at the top (put it under another with `pulse seat edit {} --reports-to SEAT`)",
            seat.name, top.name, seat.id
        ));
    }
    Ok((seat, outcome))
}

/// Puts a person in a seat (`assign`) or takes them out (`unassign`).
pub fn assign(ctx: &Ctx, seat_query: &str, handle: &str, seated: bool) -> Result<(Seat, Outcome)> {
    if seated {
        ctx.owner(handle)?;
    } else {
        ctx.person(handle)?;
    }
    let mut change = Change::begin(ctx)?;
    let file = ctx.ws.seats_file();
    let current: SeatsFile = change.load(&file)?;
    let (_, seat) = find(&current.seat, seat_query, "seat", |s| s.id.as_str())?;
    let already = seat.people.iter().any(|p| p == handle);
    if seated && already {
        return Err(Error::user(format!(
            "{handle} already sits in seat `{}`",
            seat.id
        )));
    }
    if !seated && !already {
        return Err(Error::user(format!(
            "{handle} is not in seat `{}` (it holds: {})",
            seat.id,
            if seat.people.is_empty() {
                "nobody".to_string()
            } else {
                seat.people.join(", ")
            }
        )));
    }
    let mut doc = change.toml(&file)?;
    let t = doc
        .find_mut("seat", &seat.id)
        .ok_or_else(|| vanished("seat", &seat.id))?;
    let people = array_mut(t, "people")
        .ok_or_else(|| Error::broken(format!("seat `{}`: `people` must be an array", seat.id)))?;
    if seated {
        people.push(handle);
    } else {
        crate::store::edit::remove_string(people, handle);
    }
    change.put_toml::<SeatsFile>(&file, &doc)?;
    let verb = if seated { "assign" } else { "unassign" };
    let outcome = change.finish(&format!(
        "seat: {verb} {handle} {} {}",
        if seated { "to" } else { "from" },
        seat.id
    ))?;
    let mut seat = seat.clone();
    if seated {
        seat.people.push(handle.to_string());
    } else {
        seat.people.retain(|p| p != handle);
    }
    Ok((seat, outcome))
}

/// Removes a seat; refused while other seats report to it.
pub fn remove(ctx: &Ctx, seat_query: &str) -> Result<(Seat, Outcome)> {
    let mut change = Change::begin(ctx)?;
    let file = ctx.ws.seats_file();
    let current: SeatsFile = change.load(&file)?;
    let (_, seat) = find(&current.seat, seat_query, "seat", |s| s.id.as_str())?;
    let reports: Vec<&str> = current
        .seat
        .iter()
        .filter(|s| s.reports_to.as_deref() == Some(&seat.id))
        .map(|s| s.id.as_str())
        .collect();
    if !reports.is_empty() {
        return Err(Error::user(format!(
            "seat `{}` has seats reporting to it: {}",
            seat.id,
            reports.join(", ")
        ))
        .with_hint(format!(
            "move them first (`pulse seat edit {} --reports-to {}` puts one under another seat) or remove them (`pulse seat remove {}`)",
            reports[0],
            seat.reports_to.as_deref().unwrap_or("SEAT"),
            reports[0]
        )));
    }
    let mut doc = change.toml(&file)?;
    if !doc.remove("seat", &seat.id) {
        return Err(vanished("seat", &seat.id));
    }
    change.put_toml::<SeatsFile>(&file, &doc)?;
    let outcome = change.finish(&format!("seat: remove {}", seat.id))?;
    Ok((seat.clone(), outcome))
}

/// What `seat edit` may change; `None` leaves a field as it is.
#[derive(Default)]
pub struct SeatEdit {
    pub name: Option<String>,
    /// `Some(Some(seat))` moves it under that seat, `Some(None)` to the top.
    pub reports_to: Option<Option<String>>,
    /// The seat's roles, all of them (replacing the old list).
    pub roles: Option<Vec<String>>,
}

/// Renames a seat, moves it under another (refusing a cycle) or gives it
/// new roles. Its id stays.
pub fn edit(ctx: &Ctx, seat_query: &str, fix: SeatEdit) -> Result<(Seat, Outcome)> {
    if fix.name.is_none() && fix.reports_to.is_none() && fix.roles.is_none() {
        return Err(nothing_to_change(&[
            "--name",
            "--reports-to",
            "--top",
            "--role",
        ]));
    }
    let name = fix
        .name
        .as_deref()
        .map(|n| required(n, "the seat's name"))
        .transpose()?;
    let roles = fix
        .roles
        .map(|roles| {
            roles
                .iter()
                .map(|r| required(r, "a role"))
                .collect::<Result<Vec<_>>>()
        })
        .transpose()?;
    let mut change = Change::begin(ctx)?;
    let file = ctx.ws.seats_file();
    let current: SeatsFile = change.load(&file)?;
    let (_, seat) = find(&current.seat, seat_query, "seat", |s| s.id.as_str())?;
    let parent = match &fix.reports_to {
        Some(Some(q)) => {
            let (_, parent) = find(&current.seat, q, "seat", |s| s.id.as_str())?;
            refuse_cycle(&current, &seat.id, &parent.id)?;
            Some(Some(parent.id.clone()))
        }
        Some(None) => Some(None),
        None => None,
    };
    let mut doc = change.toml(&file)?;
    let t = doc
        .find_mut("seat", &seat.id)
        .ok_or_else(|| vanished("seat", &seat.id))?;
    let mut updated = seat.clone();
    let mut edits = Edits::default();
    if let Some(name) = name.filter(|n| *n != seat.name) {
        set(t, "name", name.as_str());
        edits.push(format!("name {name:?}"));
        updated.name = name;
    }
    if let Some(parent) = parent.filter(|p| *p != seat.reports_to) {
        match &parent {
            Some(p) => {
                set(t, "reports_to", p.as_str());
                edits.push(format!("reports to {p}"));
            }
            None => {
                unset(t, "reports_to");
                edits.push("at the top".to_string());
            }
        }
        updated.reports_to = parent;
    }
    if let Some(roles) = roles.filter(|r| *r != seat.roles) {
        set(t, "roles", strings(&roles));
        edits.push(match roles.len() {
            1 => "1 role".to_string(),
            n => format!("{n} roles"),
        });
        updated.roles = roles;
    }
    let summary = edits.summary("seat", &seat.id)?;
    change.put_toml::<SeatsFile>(&file, &doc)?;
    let outcome = change.finish(&format!("seat: edit {} ({summary})", seat.id))?;
    Ok((updated, outcome))
}

/// Refuses to put `seat` under `parent` when `parent` is `seat` or reports
/// to it, naming the chain that would loop.
fn refuse_cycle(chart: &SeatsFile, seat: &str, parent: &str) -> Result<()> {
    let mut chain = vec![parent];
    let mut at = parent;
    while at != seat {
        let next = chart
            .seat
            .iter()
            .find(|s| s.id == at)
            .and_then(|s| s.reports_to.as_deref());
        match next {
            // A chart that already loops elsewhere must not hang the walk.
            Some(next) if !chain.contains(&next) || next == seat => {
                chain.push(next);
                at = next;
            }
            _ => return Ok(()),
        }
    }
    Err(Error::user(format!(
        "seat `{seat}` cannot report to `{parent}`: {seat} → {} would loop",
        chain.join(" → ")
    ))
    .with_hint(if parent == seat {
        "a seat cannot report to itself: pick another seat, or `--top`".to_string()
    } else {
        format!("move `{parent}` out from under `{seat}` first, or pick another seat")
    }))
}
