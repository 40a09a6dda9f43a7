//! `pulse people rate`: a person against the core values and, for one of
//! their seats, GWC; the rating records who made it and when, and the one
//! it replaces is kept in the person's history when it was made in an
//! earlier quarter or by someone else.

use super::change::{Change, Outcome};
use super::people::{PersonRow, analyze, core_values, resolve_value, seats_of};
use super::{Ctx, privacy};
use crate::error::{Error, Result};
use crate::model::ids;
use crate::model::people::{Gwc, PeopleFile, ValueRating};
use crate::model::time::{Quarter, toml_date};
use crate::store::edit::{section_mut, set, table_like_mut, unset};
use crate::store::load;
use toml_edit::{ArrayOfTables, Item, Table, Value};

/// What `people rate` was given.
pub struct Rating<'a> {
    pub handle: &'a str,
    /// `NAME=RATING` pairs.
    pub values: &'a [String],
    /// Three letters Y/N.
    pub gwc: Option<&'a str>,
    /// The seat the GWC is for (default: the person's one seat).
    pub seat: Option<&'a str>,
    /// Who rates (default: the roster's person with git's user.email).
    pub by: Option<&'a str>,
}

/// The keys of a person's table that make one rating.
const RATING_KEYS: [&str; 5] = ["values", "gwc", "gwc_by_seat", "rated", "by"];

pub fn rate(ctx: &Ctx, rating: Rating) -> Result<(PersonRow, Outcome)> {
    let handle = ctx.person(rating.handle)?;
    if rating.values.is_empty() && rating.gwc.is_none() {
        return Err(Error::user(
            "nothing to rate: give --value NAME=RATING (+, +/- or -) and/or --gwc YYN",
        ));
    }
    if rating.seat.is_some() && rating.gwc.is_none() {
        return Err(Error::user(
            "--seat names the seat of --gwc: give --gwc YYN too",
        ));
    }
    let core_values = core_values(&ctx.ws)?;
    if !rating.values.is_empty() && core_values.is_empty() {
        return Err(
            Error::user("vision.toml has no core values to rate against yet")
                .with_hint("add them with `pulse vision edit` ([[core_values]] name = \"...\")"),
        );
    }
    let mut values = Vec::new();
    for pair in rating.values {
        let (name, value) = pair.rsplit_once('=').ok_or_else(|| {
            Error::user(format!(
                "invalid --value `{}`: expected NAME=RATING, e.g. \"Help first=+\"",
                crate::render::escape(pair)
            ))
        })?;
        let name = resolve_value(&core_values, name)?;
        values.push((
            name.to_string(),
            ValueRating::parse(value).map_err(Error::user)?,
        ));
    }
    let gwc = rating
        .gwc
        .map(Gwc::parse)
        .transpose()
        .map_err(Error::user)?;
    let seats = seats_of(&load::seats(&ctx.ws)?, &handle);
    let seat = match gwc {
        Some(_) => Some(seat_for(&handle, &seats, rating.seat)?),
        None => None,
    };
    let by = privacy::who(ctx, rating.by)?;

    let home = privacy::home(ctx)?;
    let file = home.people_file();
    home.refuse_links(&file.path)?;
    let mut change = Change::begin(ctx)?;
    change.people(&file, &home);
    let current: PeopleFile = change.load(&file)?;
    let mut doc = change.toml(&file)?;
    let people = section_mut(&mut doc.doc, "people")
        .ok_or_else(|| Error::broken(format!("{}: `people` must be a table", file.display)))?;
    if people.get(&handle).is_none() {
        people.insert(&handle, Item::Table(Table::new()));
    }
    let person = people
        .get_mut(&handle)
        .and_then(Item::as_table_mut)
        .ok_or_else(|| {
            Error::broken(format!(
                "{}: `people.{handle}` must be a table ([people.{handle}])",
                file.display
            ))
        })?;
    // A new quarter's rating, or another rater's, keeps the one before.
    if let Some(old) = current.people.get(&handle)
        && !old.is_empty()
        && (old
            .rated
            .is_none_or(|d| Quarter::of(d.0) != Quarter::of(ctx.today))
            || old.by != by)
    {
        keep_in_history(person);
    }
    if !values.is_empty() {
        let table = table_like_mut(person, "values").ok_or_else(|| {
            Error::broken(format!(
                "{}: `people.{handle}.values` must be a table",
                file.display
            ))
        })?;
        for (value, rating) in &values {
            set(table, value, rating.as_str());
        }
    }
    if let (Some(gwc), Some(seat)) = (gwc, &seat) {
        // The GWC once given for every seat becomes each seat's own.
        let every = person.get("gwc").and_then(Item::as_str).map(str::to_string);
        let table = table_like_mut(person, "gwc_by_seat").ok_or_else(|| {
            Error::broken(format!(
                "{}: `people.{handle}.gwc_by_seat` must be a table",
                file.display
            ))
        })?;
        if let Some(every) = every {
            for (id, _) in &seats {
                if table.get(id).is_none() {
                    set(table, id, every.as_str());
                }
            }
        }
        set(table, seat, gwc.to_string());
        unset(person, "gwc");
    }
    // An inline table grown by a key is spaced as toml_edit spaces one
    // (`{ a = "YYY", b = "YYN" }`, not `{ a = "YYY" , b = "YYN" }`).
    for key in ["values", "gwc_by_seat"] {
        if let Some(Item::Value(toml_edit::Value::InlineTable(inline))) = person.get_mut(key) {
            inline.fmt();
        }
    }
    set(person, "rated", toml_date(ctx.today));
    match &by {
        Some(by) => set(person, "by", by.as_str()),
        None => unset(person, "by"),
    }
    change.put_toml::<PeopleFile>(&file, &doc)?;
    // The ratings stay out of the message: a log is read more widely than a file.
    let mut outcome = change.finish(&format!("people: rate {handle}"))?;
    if by.is_none() {
        outcome.warnings.push(
            "who rated is not recorded: give --by H, or set git's user.email to your email on the roster"
                .to_string(),
        );
    }
    outcome.warnings.extend(privacy::tracked_warnings(ctx));
    let row = analyze(ctx)?
        .people
        .into_iter()
        .find(|p| p.id == handle)
        .ok_or_else(|| Error::user(format!("`{handle}` vanished from the roster")))?;
    Ok((row, outcome))
}

/// The seat a GWC is for: the one named (among the person's seats), else
/// the person's only seat.
fn seat_for(handle: &str, seats: &[(String, String)], named: Option<&str>) -> Result<String> {
    let ids: Vec<&str> = seats.iter().map(|(id, _)| id.as_str()).collect();
    let listed = || {
        seats
            .iter()
            .map(|(id, name)| format!("{id} ({name})"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (named, &ids[..]) {
        (_, []) => Err(
            Error::user(format!("{handle} sits in no seat: GWC is rated for a seat")).with_hint(
                format!(
                    "give them one first: pulse seat assign SEAT {}",
                    crate::shell::quote(handle)
                ),
            ),
        ),
        (Some(query), _) => {
            let at = ids::resolve(query, &ids, "seat").map_err(|e| {
                Error::user(format!("{}; {handle} sits in: {}", e.message, listed()))
            })?;
            Ok(ids[at].to_string())
        }
        (None, [one]) => Ok(one.to_string()),
        (None, _) => Err(Error::user(format!(
            "{handle} sits in {} seats: {}; GWC is rated per seat, name one with --seat",
            ids.len(),
            listed()
        ))),
    }
}

/// Copies the person's current rating to the end of their history.
fn keep_in_history(person: &mut Table) {
    let mut snapshot = Table::new();
    for key in RATING_KEYS {
        if let Some(value) = person.get(key).cloned().and_then(|i| i.into_value().ok()) {
            let mut value = value;
            value.decor_mut().clear();
            snapshot.insert(key, Item::Value(value));
        }
    }
    if person.get("history").is_none() {
        person.insert("history", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    match person.get_mut("history") {
        Some(Item::ArrayOfTables(history)) => history.push(snapshot),
        // Written by hand as `history = [{ ... }, ...]`: one more inline table.
        Some(Item::Value(Value::Array(history))) => {
            history.push(Value::InlineTable(snapshot.into_inline_table()))
        }
        _ => {}
    }
}
