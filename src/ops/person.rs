//! The roster in `company.toml`: `person add` (a new handle), `person edit`
//! (name, email) and `person list`. `person remove` is in `person_remove.rs`.

use super::Ctx;
use super::change::{Change, Outcome};
use super::items::{Edits, nothing_to_change};
use crate::error::{Error, Result};
use crate::model::company::CompanyFile;
use crate::model::time::Date;
use crate::store::edit::{TomlDoc, section_mut, set};
use serde::Serialize;
use toml_edit::{Item, Table};

#[derive(Debug, Serialize)]
pub struct NewPerson {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
}

/// Validates a handle: a lowercase letter, then letters, digits, `-` or `_`.
pub fn parse_handle(text: &str) -> Result<String> {
    let ok = text.len() <= 40
        && text.starts_with(|c: char| c.is_ascii_lowercase())
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if ok {
        Ok(text.to_string())
    } else {
        Err(Error::user(format!(
            "invalid handle `{}`: expected a lowercase letter followed by letters, digits, `-` or `_` (at most 40), e.g. zoe",
            crate::render::escape(text)
        )))
    }
}

pub fn add(
    ctx: &Ctx,
    handle: &str,
    name: &str,
    email: Option<&str>,
) -> Result<(NewPerson, Outcome)> {
    let handle = parse_handle(handle)?;
    let name = &super::items::required(name, "--name")?;
    let mut change = Change::begin(ctx)?;
    let file = ctx.ws.company_file();
    // Read the roster again under the lock: another pulse may have just added someone.
    let current: CompanyFile = change.load(&file)?;
    if current.people.contains_key(&handle) {
        return Err(Error::user(format!(
            "`{handle}` is already on the roster ({})",
            current.display_name(&handle)
        )));
    }
    let mut doc = change.toml(&file)?;
    let last_position = doc
        .doc
        .get("people")
        .and_then(Item::as_table)
        .and_then(|people| {
            people
                .iter()
                .filter_map(|(_, v)| v.as_table()?.position())
                .max()
        });
    let people = section_mut(&mut doc.doc, "people")
        .ok_or_else(|| Error::broken("company.toml: `people` must be a table of people"))?;
    let mut person = Table::new();
    set(&mut person, "name", name.trim());
    if let Some(email) = email {
        set(&mut person, "email", email.trim());
    }
    person.decor_mut().set_prefix("\n");
    if let Some(pos) = last_position {
        person.set_position(Some(pos));
    }
    people.insert(&handle, Item::Table(person));
    change.put_toml::<CompanyFile>(&file, &doc)?;
    let outcome = change.finish(&format!("person: add {handle} ({})", name.trim()))?;
    Ok((
        NewPerson {
            id: handle,
            name: name.trim().to_string(),
            email: email.map(|e| e.trim().to_string()),
        },
        outcome,
    ))
}

/// Validates an email address, loosely: one `@` with text on both sides,
/// no spaces.
fn parse_email(text: &str) -> Result<String> {
    let email = text.trim();
    let ok = matches!(email.split_once('@'), Some((user, host)) if !user.is_empty() && !host.is_empty() && !host.contains('@'))
        && !email.chars().any(char::is_whitespace);
    if ok {
        Ok(email.to_string())
    } else {
        Err(Error::user(format!(
            "invalid email `{}`: expected an address such as zoe@example.com",
            crate::render::escape(text)
        )))
    }
}

/// A person's table in `company.toml` (`[people.zoe]`, or `zoe = { ... }`
/// inside `[people]`).
pub(super) fn person_mut<'a>(
    doc: &'a mut TomlDoc,
    handle: &str,
) -> Result<&'a mut dyn toml_edit::TableLike> {
    doc.doc
        .get_mut("people")
        .and_then(Item::as_table_like_mut)
        .and_then(|people| people.get_mut(handle))
        .and_then(Item::as_table_like_mut)
        .ok_or_else(|| Error::broken(format!("company.toml: `people.{handle}` must be a table")))
}

/// The handle on the roster, or the error listing who is.
pub(super) fn on_roster(current: &CompanyFile, handle: &str) -> Result<String> {
    if current.people.contains_key(handle) {
        Ok(handle.to_string())
    } else {
        Err(crate::model::ids::unknown(
            "person",
            handle,
            current.handles(),
        ))
    }
}

/// Fixes a person's name or email.
pub fn edit(
    ctx: &Ctx,
    handle: &str,
    name: Option<&str>,
    email: Option<&str>,
) -> Result<(PersonRow, Outcome)> {
    if name.is_none() && email.is_none() {
        return Err(nothing_to_change(&["--name", "--email"]));
    }
    let name = name
        .map(|n| super::items::required(n, "--name"))
        .transpose()?;
    let email = email.map(parse_email).transpose()?;
    let mut change = Change::begin(ctx)?;
    let file = ctx.ws.company_file();
    let current: CompanyFile = change.load(&file)?;
    let handle = on_roster(&current, handle)?;
    let person = &current.people[&handle];
    let mut doc = change.toml(&file)?;
    let table = person_mut(&mut doc, &handle)?;
    let mut edits = Edits::default();
    if let Some(name) = name.as_deref().filter(|n| *n != person.name) {
        set(table, "name", name);
        edits.push(format!("name {name:?}"));
    }
    if let Some(email) = email
        .as_deref()
        .filter(|e| person.email.as_deref() != Some(e))
    {
        set(table, "email", email);
        edits.push(format!("email {email}"));
    }
    let summary = edits.summary("person", &handle)?;
    change.put_toml::<CompanyFile>(&file, &doc)?;
    let outcome = change.finish(&format!("person: edit {handle} ({summary})"))?;
    let after: CompanyFile = crate::store::load::toml_or_default(&file)?;
    let seats = crate::store::load::seats(&ctx.ws)?;
    Ok((row(&after, &seats, &handle), outcome))
}

/// One person as `person list` shows them.
#[derive(Debug, Serialize)]
pub struct PersonRow {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    /// The ids of the seats they sit in.
    pub seats: Vec<String>,
    /// The day they left, for those who did.
    pub left: Option<Date>,
}

fn row(company: &CompanyFile, seats: &crate::model::seats::SeatsFile, handle: &str) -> PersonRow {
    let person = company.people.get(handle).cloned().unwrap_or_default();
    PersonRow {
        id: handle.to_string(),
        name: person.name,
        email: person.email,
        seats: seats
            .seat
            .iter()
            .filter(|s| s.people.iter().any(|p| p == handle))
            .map(|s| s.id.clone())
            .collect(),
        left: person.left,
    }
}

/// The roster: people still with the company, or everyone with `all`.
pub fn list(ctx: &Ctx, all: bool) -> Result<Vec<PersonRow>> {
    let seats = crate::store::load::seats(&ctx.ws)?;
    let company = &ctx.ws.company;
    Ok(company
        .handles()
        .filter(|h| all || company.left(h).is_none())
        .map(|h| row(company, &seats, h))
        .collect())
}
