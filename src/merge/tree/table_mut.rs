//! A table being merged into — a `[table]` or an inline `{ table }` — with
//! the few edits the merge makes, each keeping the table valid for its
//! style (an inline table holds values only, its closing space stays last).

use toml_edit::{InlineTable, Item, Key, Table, TableLike};

/// A table being merged into: a `[table]` or an inline `{ table }`.
pub(super) enum TableMut<'a> {
    Table(&'a mut Table),
    Inline(&'a mut InlineTable),
}

impl TableMut<'_> {
    pub(super) fn get(&self, key: &str) -> Option<&Item> {
        let item = match self {
            TableMut::Table(t) => t.get(key),
            TableMut::Inline(t) => TableLike::get(&**t, key),
        };
        item.filter(|i| !i.is_none())
    }

    pub(super) fn get_mut(&mut self, key: &str) -> Option<&mut Item> {
        match self {
            TableMut::Table(t) => t.get_mut(key),
            TableMut::Inline(t) => TableLike::get_mut(&mut **t, key),
        }
    }

    pub(super) fn keys(&self) -> Vec<String> {
        let keys: Box<dyn Iterator<Item = (&str, &Item)>> = match self {
            TableMut::Table(t) => Box::new(t.iter()),
            TableMut::Inline(t) => Box::new(TableLike::iter(&**t)),
        };
        keys.filter(|(_, i)| !i.is_none())
            .map(|(k, _)| k.to_string())
            .collect()
    }

    pub(super) fn remove(&mut self, key: &str) {
        match self {
            TableMut::Table(t) => {
                t.remove(key);
            }
            TableMut::Inline(t) => {
                t.remove(key);
            }
        }
    }

    /// Sets `key`: in place when it is there, else at the end with `key`'s
    /// formatting (comments above it included).
    pub(super) fn set(&mut self, key: &Key, item: Item) {
        match self {
            TableMut::Table(t) => match t.get_mut(key.get()) {
                Some(old) => *old = item,
                None => {
                    t.insert_formatted(key, item);
                }
            },
            TableMut::Inline(t) => {
                let Ok(mut value) = item.into_value() else {
                    return;
                };
                match t.get_mut(key.get()) {
                    Some(old) => *old = value,
                    None => {
                        // The space before `}` is the last value's: it moves
                        // to the new last one.
                        if let Some((_, last)) = t.iter_mut().last() {
                            let before_brace = last.decor().suffix().cloned();
                            last.decor_mut().set_suffix("");
                            if let Some(space) = before_brace {
                                value.decor_mut().set_suffix(space);
                            }
                        }
                        t.insert_formatted(key, value);
                    }
                }
            }
        }
    }

    /// A `[table]` whose keys are lines of their own (not a dotted `a.b = 1`).
    pub(super) fn is_section(&self) -> bool {
        matches!(self, TableMut::Table(t) if !t.is_dotted())
    }
}
