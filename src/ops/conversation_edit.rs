//! `pulse conversation add H [--with M]` opens a Quarterly Conversation:
//! the core values, the roles of H's seat and H's rocks of the quarter, to
//! be rated; `pulse conversation set ID ...` fills it in. The files are
//! about people: written under `people/`, committed only in a `[privacy]
//! people_dir` repository.

use super::change::{Change, Outcome};
use super::conversations::{ConversationView, Found, all, find, view};
use super::people::{core_values, resolve_name};
use super::{Ctx, privacy};
use crate::error::{Error, Result};
use crate::model::conversation::{Conversation, RockCheck, parse_well};
use crate::model::ids::{self, slugify, unique_id};
use crate::model::people::{Gwc, ValueRating};
use crate::model::rock::RockStatus;
use crate::model::seats::Seat;
use crate::model::time::{Quarter, toml_date};
use crate::store::edit::{TomlDoc, push_multiline, set};
use crate::store::load;
use toml_edit::{Array, DocumentMut, InlineTable, Item, Value};

/// What `conversation add` was given.
pub struct Opening<'a> {
    pub person: &'a str,
    pub with: Option<&'a str>,
    pub quarter: Quarter,
    pub seat: Option<&'a str>,
}

pub fn add(ctx: &Ctx, opening: Opening) -> Result<(ConversationView, Outcome)> {
    let person = ctx.owner(opening.person)?;
    let chart = load::seats(&ctx.ws)?;
    let own: Vec<&Seat> = chart
        .seat
        .iter()
        .filter(|s| s.people.contains(&person))
        .collect();
    let seat = match opening.seat {
        Some(query) => {
            let ids: Vec<&str> = own.iter().map(|s| s.id.as_str()).collect();
            let at = ids::resolve(query, &ids, &format!("seat of {person}"))?;
            Some(own[at])
        }
        // The first seat that reports to someone, else the first.
        None => own
            .iter()
            .find(|s| manager_of(&chart.seat, s, &person).is_ok())
            .or(own.first())
            .copied(),
    };
    let manager = match opening.with {
        Some(m) => ctx.owner(m)?,
        None => match seat {
            Some(seat) => manager_of(&chart.seat, seat, &person)?,
            None => {
                return Err(Error::user(format!(
                    "{person} sits in no seat, so no seat above says who the manager is: name them with --with M"
                )));
            }
        },
    };
    if manager == person {
        return Err(Error::user(format!(
            "{person} cannot hold a Quarterly Conversation with themselves: --with names the manager"
        )));
    }
    let values = core_values(&ctx.ws)?;
    let mut rocks = Vec::new();
    for team in ctx.ws.all_teams()? {
        for rock in load::rocks(&team, opening.quarter)?.rock {
            if rock.owner == person && rock.status != RockStatus::Dropped {
                rocks.push(rock);
            }
        }
    }

    let home = privacy::home(ctx)?;
    let existing = all(&home)?;
    let taken: Vec<&str> = existing.iter().map(|f| f.id.as_str()).collect();
    let id = unique_id(
        &slugify(&format!("{person}-{}", opening.quarter), "conversation"),
        &taken,
    );
    let file = home.conversation_file(opening.quarter, &id);
    home.refuse_links(&file.path)?;

    let mut doc = DocumentMut::new();
    doc.decor_mut().set_prefix(format!(
        "# Quarterly Conversation (5-5-5): {person} with {manager}, {quarter}.\n# About a person: private, never committed to the company's repository.\n# values: \"+\", \"+/-\" or \"-\" · roles: well = true or false · rocks: done,\n# on-track or off-track · gwc: Y or N for gets it, wants it, capacity.\n# Fill it with `pulse conversation set {id} ...` or by hand.\n",
        quarter = opening.quarter
    ));
    doc.insert("person", Item::Value(person.as_str().into()));
    doc.insert("manager", Item::Value(manager.as_str().into()));
    doc.insert(
        "quarter",
        Item::Value(opening.quarter.to_string().as_str().into()),
    );
    doc.insert("date", Item::Value(toml_date(ctx.today)));
    if let Some(seat) = seat {
        doc.insert("seat", Item::Value(seat.id.as_str().into()));
    }
    let list = |entries: Vec<InlineTable>| {
        let mut array = Array::new();
        for entry in entries {
            push_multiline(&mut array, Value::InlineTable(entry));
        }
        Item::Value(Value::Array(array))
    };
    let entry = |pairs: &[(&str, Value)]| {
        let mut t = InlineTable::new();
        for (k, v) in pairs {
            t.insert(*k, v.clone());
        }
        t
    };
    doc.insert(
        "values",
        list(
            values
                .iter()
                .map(|v| entry(&[("name", v.as_str().into())]))
                .collect(),
        ),
    );
    doc.insert(
        "roles",
        list(
            seat.map(|s| s.roles.as_slice())
                .unwrap_or_default()
                .iter()
                .map(|r| entry(&[("role", r.as_str().into())]))
                .collect(),
        ),
    );
    doc.insert(
        "rocks",
        list(
            rocks
                .iter()
                .map(|r| {
                    entry(&[
                        ("id", r.id.as_str().into()),
                        ("title", r.title.as_str().into()),
                        ("status", RockCheck::of(r.status).as_str().into()),
                    ])
                })
                .collect(),
        ),
    );
    doc.insert("notes", Item::Value("".into()));
    doc.insert("manager_notes", Item::Value("".into()));

    let mut change = Change::begin(ctx)?;
    change.people(&file, &home);
    let text = doc.to_string();
    crate::store::parse::parse_toml::<Conversation>(&file, &text)?;
    change.put_text(&file, text);
    let mut outcome = change.finish(&format!(
        "conversation: open {id} ({person} with {manager}, {})",
        opening.quarter
    ))?;
    if let Some(earlier) = existing
        .iter()
        .find(|f| f.quarter == opening.quarter && f.conversation.person == person)
    {
        outcome.warnings.push(format!(
            "{person} already has a conversation in {}: {}",
            opening.quarter, earlier.id
        ));
    }
    if seat.is_none() {
        outcome.warnings.push(format!(
            "{person} sits in no seat: there are no roles to go over"
        ));
    }
    if values.is_empty() {
        outcome
            .warnings
            .push("vision.toml has no core values yet: none to go over".to_string());
    }
    outcome.warnings.extend(privacy::tracked_warnings(ctx));
    let found = all(&home)?;
    let found = find(found, &id)?;
    Ok((view(ctx, &found), outcome))
}

/// The manager of a seat's person: the one person (other than them) in
/// the seat it reports to.
fn manager_of(seats: &[Seat], seat: &Seat, person: &str) -> Result<String> {
    let Some(parent) = seat.reports_to.as_deref() else {
        return Err(Error::user(format!(
            "{person}'s seat {} reports to no seat: name the manager with --with M",
            seat.name
        )));
    };
    let above = seats.iter().find(|s| s.id == parent).ok_or_else(|| {
        Error::user(format!(
            "{person}'s seat {} reports to `{parent}`, which is not a seat: name the manager with --with M",
            seat.name
        ))
    })?;
    let people: Vec<&String> = above.people.iter().filter(|p| *p != person).collect();
    match people[..] {
        [one] => Ok(one.clone()),
        [] if above.people.iter().any(|p| p == person) => Err(Error::user(format!(
            "{person} also sits in {}, the seat above: {person} would be their own manager; name the manager with --with M",
            above.name
        ))),
        [] => Err(Error::user(format!(
            "the seat above {person}'s ({}) is empty: name the manager with --with M",
            above.name
        ))),
        _ => Err(Error::user(format!(
            "{} people sit in {}, the seat above {person}'s: {}; name the manager with --with M",
            people.len(),
            above.name,
            people
                .iter()
                .map(|p| p.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// What `conversation set` fills in.
#[derive(Default)]
pub struct Fill<'a> {
    /// `NAME=RATING`: a core value, `+`, `+/-` or `-`.
    pub values: &'a [String],
    /// `NAME=true|false`: a role, done well or not.
    pub roles: &'a [String],
    /// `ID=STATUS`: a rock, `done`, `on-track` or `off-track`.
    pub rocks: &'a [String],
    pub gwc: Option<&'a str>,
    pub notes: Option<&'a str>,
    pub manager_notes: Option<&'a str>,
}

fn pair<'t>(text: &'t str, flag: &str, form: &str) -> Result<(&'t str, &'t str)> {
    text.rsplit_once('=').ok_or_else(|| {
        Error::user(format!(
            "invalid {flag} `{}`: expected {form}",
            crate::render::escape(text)
        ))
    })
}

pub fn set_fields(ctx: &Ctx, query: &str, fill: Fill) -> Result<(ConversationView, Outcome)> {
    if fill.values.is_empty()
        && fill.roles.is_empty()
        && fill.rocks.is_empty()
        && fill.gwc.is_none()
        && fill.notes.is_none()
        && fill.manager_notes.is_none()
    {
        return Err(Error::user(
            "nothing to set: give --value, --role, --rock, --gwc, --notes or --manager-notes",
        ));
    }
    let home = privacy::home(ctx)?;
    let Found {
        id,
        file,
        conversation: c,
        ..
    } = find(all(&home)?, query)?;
    home.refuse_links(&file.path)?;
    // Every value checked before anything is written.
    let names: Vec<String> = c.values.iter().map(|v| v.name.clone()).collect();
    let mut values = Vec::new();
    for text in fill.values {
        let (name, rating) = pair(text, "--value", "NAME=RATING, e.g. \"Help first=+\"")?;
        let name = resolve_name(&names, name, "core value", "core values here")?;
        values.push((
            name.to_string(),
            ValueRating::parse(rating).map_err(Error::user)?,
        ));
    }
    let role_names: Vec<String> = c.roles.iter().map(|r| r.role.clone()).collect();
    let mut roles = Vec::new();
    for text in fill.roles {
        let (name, well) = pair(
            text,
            "--role",
            "ROLE=true|false, e.g. \"Release quality=true\"",
        )?;
        let name = resolve_name(&role_names, name, "role", "roles of the seat")?;
        roles.push((name.to_string(), parse_well(well).map_err(Error::user)?));
    }
    let rock_ids: Vec<&str> = c.rocks.iter().map(|r| r.id.as_str()).collect();
    let mut rocks = Vec::new();
    for text in fill.rocks {
        let (query, status) = pair(text, "--rock", "ID=done|on-track|off-track")?;
        let at = ids::resolve(query, &rock_ids, "rock of this conversation")?;
        rocks.push((
            rock_ids[at].to_string(),
            RockCheck::parse(status).map_err(Error::user)?,
        ));
    }
    let gwc = fill.gwc.map(Gwc::parse).transpose().map_err(Error::user)?;

    let mut change = Change::begin(ctx)?;
    change.people(&file, &home);
    let mut doc: TomlDoc = change.toml(&file)?;
    let mut apply = |key: &str, field: &str, name: &str, value: Value| {
        if let Some(entry) = doc
            .items_mut(key)
            .into_iter()
            .find(|t| t.get(field).and_then(Item::as_str) == Some(name))
        {
            let new = entry.get(value_key(key)).is_none();
            set(entry, value_key(key), value);
            if new {
                // `{ name = "X" }` + rating: `{ name = "X", rating = "+" }`.
                entry.fmt();
            }
        }
    };
    for (name, rating) in &values {
        apply("values", "name", name, rating.as_str().into());
    }
    for (name, well) in &roles {
        apply("roles", "role", name, (*well).into());
    }
    for (rock, status) in &rocks {
        apply("rocks", "id", rock, status.as_str().into());
    }
    let root = doc.doc.as_table_mut();
    if let Some(gwc) = gwc {
        set(root, "gwc", gwc.to_string());
    }
    if let Some(notes) = fill.notes {
        set(root, "notes", notes);
    }
    if let Some(notes) = fill.manager_notes {
        set(root, "manager_notes", notes);
    }
    change.put_toml::<Conversation>(&file, &doc)?;
    let mut outcome = change.finish(&format!("conversation: fill in {id}"))?;
    outcome.warnings.extend(privacy::tracked_warnings(ctx));
    let found = find(all(&home)?, &id)?;
    Ok((view(ctx, &found), outcome))
}

/// The key an entry of each list is rated with.
fn value_key(list: &str) -> &'static str {
    match list {
        "values" => "rating",
        "roles" => "well",
        _ => "status",
    }
}
