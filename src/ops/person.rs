//! `pulse person add`: a new handle on the roster in `company.toml`.

use super::Ctx;
use super::change::{Change, Outcome};
use crate::error::{Error, Result};
use crate::model::company::CompanyFile;
use crate::store::edit::{section_mut, set};
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
    if name.trim().is_empty() {
        return Err(Error::user("--name must not be empty"));
    }
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
