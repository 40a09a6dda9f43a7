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

/// As [`find`], for items read from `file` in a change: an id written
/// twice by hand (or left twice by a bad merge) is refused, naming both
/// lines, rather than acting on whichever comes first.
pub fn find_in<'a, T>(
    change: &super::change::Change,
    file: &crate::store::FileRef,
    items: &'a [T],
    query: &str,
    what: &str,
    id_of: impl Fn(&T) -> &str,
) -> Result<(usize, &'a T)> {
    let (index, item) = find(items, query, what, &id_of)?;
    let id = id_of(item);
    if items.iter().filter(|other| id_of(other) == id).count() > 1 {
        let text = change.text(file)?.unwrap_or_default();
        let lines = crate::store::parse::IdLines::new(&text);
        let place = |n| format!("{}:{}", file.display, lines.nth(id, n));
        return Err(Error::user(format!(
            "two {what}s have the id `{id}`: {} and {}",
            place(0),
            place(1)
        ))
        .with_hint("give one of them another id in the file (ids must be unique), then run the command again; `pulse check` lists every id used twice"));
    }
    Ok((index, item))
}

/// Non-empty, trimmed, one-line text, or an error naming the field: a line
/// break in a title or a name would break every table row and commit
/// subject. (Other control characters are stored as given and escaped
/// wherever pulse prints them.)
pub fn required(text: &str, what: &str) -> Result<String> {
    let t = text.trim();
    if t.is_empty() {
        Err(Error::user(format!("{what} must not be empty")))
    } else if t.contains(['\n', '\r']) {
        Err(Error::user(format!(
            "{what} must be one line of text: `{}` holds a line break",
            crate::escape::escape(t)
        )))
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

/// What an edit changes, in words for its commit message ("owner zoe →
/// ian", "due 2026-12-15"), and the refusal when it changes nothing.
#[derive(Default)]
pub struct Edits(Vec<String>);

impl Edits {
    pub fn push(&mut self, what: String) {
        self.0.push(what);
    }

    /// The changes, or an error when every value given is the one the item
    /// already has.
    pub fn summary(&self, what: &str, id: &str) -> Result<String> {
        if self.0.is_empty() {
            return Err(Error::user(format!(
                "nothing to change: {what} `{id}` already has those values"
            )));
        }
        Ok(self.0.join(", "))
    }
}

/// The refusal of an edit given no flags at all.
pub fn nothing_to_change(flags: &[&str]) -> Error {
    let list = match flags {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    };
    Error::user(format!("nothing to change: give {list}"))
}
