//! The accountability chart: add seats, put people in them, take them out,
//! remove a seat.

use super::Ctx;
use super::change::{Change, Outcome};
use super::items::{find, new_id, required, vanished};
use crate::error::{Error, Result};
use crate::model::seats::{Seat, SeatsFile};
use crate::store::edit::array_mut;

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
    let outcome = change.finish(&format!("seat: add {:?}{under}", seat.name))?;
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
        people.retain(|v| v.as_str() != Some(handle));
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
        .with_hint("move or remove those seats first"));
    }
    let mut doc = change.toml(&file)?;
    if !doc.remove("seat", &seat.id) {
        return Err(vanished("seat", &seat.id));
    }
    change.put_toml::<SeatsFile>(&file, &doc)?;
    let outcome = change.finish(&format!("seat: remove {}", seat.id))?;
    Ok((seat.clone(), outcome))
}
