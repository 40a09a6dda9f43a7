//! Shared steps of the commands that add and change list items (rocks,
//! issues, to-dos, measurables): new ids, resolving a typed id.

use crate::error::{Error, Result};
use crate::model::ids;

/// A fresh id for `title`, unique among `taken`.
pub fn new_id<'a>(title: &str, fallback: &str, taken: impl Iterator<Item = &'a str>) -> String {
    let taken: Vec<&str> = taken.collect();
    ids::unique_id(&ids::slugify(title, fallback), &taken)
}

/// Resolves a typed id (or unique prefix) among items, returning the index.
pub fn find<'a, T>(
    items: &'a [T],
    query: &str,
    what: &str,
    id_of: impl Fn(&T) -> &str,
) -> Result<(usize, &'a T)> {
    let ids: Vec<&str> = items.iter().map(&id_of).collect();
    let index = ids::resolve(query, &ids, what)?;
    Ok((index, &items[index]))
}

/// Non-empty, trimmed text, or an error naming the field.
pub fn required(text: &str, what: &str) -> Result<String> {
    let t = text.trim();
    if t.is_empty() {
        Err(Error::user(format!("{what} must not be empty")))
    } else {
        Ok(t.to_string())
    }
}

/// The lost-item error when a file changed between reading and editing.
pub fn vanished(what: &str, id: &str) -> Error {
    Error::user(format!(
        "{what} `{id}` is no longer in its file (edited meanwhile?); try again"
    ))
}
