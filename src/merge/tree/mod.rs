//! The three-way merge of TOML trees by meaning, done in place on our
//! document: tables by key, lists of tables by `id` (`[[todo]]`, or an
//! inline array of tables with ids), other arrays as sequences, every value
//! by the rule of [`decide`]. What theirs did not change keeps our text;
//! what only theirs changed comes in with their text and their comments.
//! A conflict is settled to one side for the pass (`prefer`) and reported
//! with the unit its markers go around.

mod formatting;
mod lists;
mod table_mut;

use super::decide::{Decision, Why, decide};
use super::meaning::same_item;
use super::units::Unit;
use formatting::{clear_positions, fits_inline, merge_decor, table_decor, value_decor};
use lists::Element;
use table_mut::TableMut;
use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Key, TableLike, Value};

/// The side a conflict is settled to in one pass of the merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Ours,
    Theirs,
}

/// One conflict: the unit it is written around, and what happened.
#[derive(Debug, Clone)]
pub struct Conflict {
    pub unit: Unit,
    pub what: String,
}

/// Merges `theirs` into `ours` over `base`; returns the conflicts, each
/// settled to `prefer` in `ours`.
pub fn merge_documents(
    base: &DocumentMut,
    ours: &mut DocumentMut,
    theirs: &DocumentMut,
    prefer: Side,
) -> Vec<Conflict> {
    let mut merger = Merger {
        prefer,
        tables: Vec::new(),
        unit: None,
        path: Vec::new(),
        conflicts: Vec::new(),
    };
    merger.merge_table(
        Some(base.as_table()),
        TableMut::Table(ours.as_table_mut()),
        theirs.as_table(),
    );
    // Comments after the last table.
    let text = |doc: &DocumentMut| doc.trailing().as_str().unwrap_or("").to_string();
    if text(ours) == text(base) {
        ours.set_trailing(text(theirs));
    }
    merger.conflicts
}

struct Merger {
    prefer: Side,
    /// Keys of the `[tables]` above, while no unit has been entered: the
    /// level at which each key, and each item of a `[[list]]`, gets markers
    /// of its own.
    tables: Vec<String>,
    /// The unit being merged, and the length of `path` when it was entered.
    unit: Option<(Unit, usize)>,
    /// Keys, ids and places from the top, for messages.
    path: Vec<String>,
    conflicts: Vec<Conflict>,
}

/// Whether two present versions can be merged part by part.
fn mergeable(ours: &Item, theirs: &Item) -> bool {
    match (ours, theirs) {
        (Item::ArrayOfTables(_), Item::ArrayOfTables(_)) => true,
        (Item::Value(Value::Array(_)), Item::Value(Value::Array(_))) => true,
        _ => ours.is_table_like() && theirs.is_table_like(),
    }
}

/// An empty list of the kind of `item`, if it is a list: what a side that
/// has no such key holds, so that its items merge one by one.
fn empty_list_like(item: &Item) -> Option<Item> {
    match item {
        Item::ArrayOfTables(_) => Some(Item::ArrayOfTables(ArrayOfTables::new())),
        Item::Value(Value::Array(_)) => Some(Item::Value(Value::Array(Array::new()))),
        _ => None,
    }
}

impl Merger {
    fn merge_table(
        &mut self,
        base: Option<&dyn TableLike>,
        mut ours: TableMut,
        theirs: &dyn TableLike,
    ) {
        let sections = self.unit.is_none() && ours.is_section();
        let mut keys = ours.keys();
        keys.extend(
            theirs
                .iter()
                .filter(|(k, i)| !i.is_none() && ours.get(k).is_none())
                .map(|(k, _)| k.to_string()),
        );
        for key in keys {
            let b = base.and_then(|t| t.get(&key)).filter(|i| !i.is_none());
            let t = theirs.get(&key).filter(|i| !i.is_none());
            self.path.push(key.clone());
            let mut decision = match (ours.get(&key), t) {
                // Merged part by part, equal parts stay as they are: no need
                // to compare a 5,000-item list as a whole first.
                (Some(o), Some(t)) if mergeable(o, t) => Decision::Merge,
                (o, t) => decide(b, o, t, same_item, mergeable, true),
            };
            // A side without the list holds no items: merge them one by one.
            let no_list = match decision {
                Decision::Conflict(Why::RemovedByTheirs) => {
                    ours.get(&key).and_then(empty_list_like)
                }
                Decision::Conflict(Why::RemovedByOurs) => t.and_then(empty_list_like),
                _ => None,
            };
            let theirs_empty;
            let mut t = t;
            if let Some(empty) = no_list {
                if ours.get(&key).is_none() {
                    let their_key = theirs.key(&key).cloned();
                    ours.set(&their_key.unwrap_or_else(|| Key::new(key.as_str())), empty);
                } else {
                    theirs_empty = empty;
                    t = Some(&theirs_empty);
                }
                decision = Decision::Merge;
            }
            match decision {
                Decision::Ours => {}
                Decision::Theirs => self.take_theirs(&mut ours, &key, b, theirs),
                Decision::Merge => {
                    if let (Some(o), Some(t)) = (ours.get_mut(&key), t) {
                        if sections {
                            self.merge_section(&key, b, o, t);
                        } else {
                            self.merge_item(b, o, t);
                        }
                    }
                }
                Decision::Conflict(why) => {
                    let here = sections.then(|| Unit::key(&self.tables, &key));
                    self.report(why, here);
                    if self.prefer == Side::Theirs {
                        self.take_theirs(&mut ours, &key, b, theirs);
                    }
                }
            }
            self.path.pop();
        }
    }

    /// Puts their version of `key` in ours (or removes it), keeping our
    /// formatting of a value unless theirs changed that too.
    fn take_theirs(
        &mut self,
        ours: &mut TableMut,
        key: &str,
        base: Option<&Item>,
        theirs: &dyn TableLike,
    ) {
        let Some((their_key, item)) = theirs.get_key_value(key) else {
            ours.remove(key);
            return;
        };
        let mut item = item.clone();
        clear_positions(&mut item);
        if let (Some(Item::Value(old)), Item::Value(new)) = (ours.get(key), &mut item)
            && value_decor(base) != Some(old.decor())
        {
            *new.decor_mut() = old.decor().clone();
        }
        let mut their_key = their_key.clone();
        if matches!(ours, TableMut::Inline(_)) {
            // Comments and line breaks written for a `[table]` cannot go
            // inside `{ }`.
            if !fits_inline(their_key.leaf_decor()) {
                their_key.leaf_decor_mut().clear();
            }
            if let Some(value) = item.as_value_mut()
                && !fits_inline(value.decor())
            {
                value.decor_mut().clear();
            }
        }
        ours.set(&their_key, item);
    }

    /// Merges a key of a `[table]` at the top of the file's structure: a
    /// table goes on key by key, a `[[list]]` item by item; anything else is
    /// one unit.
    fn merge_section(&mut self, key: &str, base: Option<&Item>, ours: &mut Item, theirs: &Item) {
        let table = matches!(ours, Item::Table(t) if !t.is_dotted());
        match ours {
            _ if table => {
                self.tables.push(key.to_string());
                self.merge_item(base, ours, theirs);
                self.tables.pop();
            }
            Item::ArrayOfTables(array) => {
                if let Some(their_array) = theirs.as_array_of_tables() {
                    self.merge_tables(base, array, their_array, Some(key));
                }
            }
            _ => {
                self.enter(Unit::key(&self.tables, key));
                self.merge_item(base, ours, theirs);
                self.unit = None;
            }
        }
    }

    /// Merges two versions that both have parts (see [`mergeable`]).
    fn merge_item(&mut self, base: Option<&Item>, ours: &mut Item, theirs: &Item) {
        match ours {
            Item::ArrayOfTables(array) => {
                if let Some(their_array) = theirs.as_array_of_tables() {
                    self.merge_tables(base, array, their_array, None);
                }
            }
            Item::Table(table) => {
                if let Some(their_table) = theirs.as_table_like() {
                    if let Some(decor) = table_decor(Some(theirs)) {
                        merge_decor(table_decor(base), table.decor_mut(), decor);
                    }
                    self.merge_table(
                        base.and_then(Item::as_table_like),
                        TableMut::Table(table),
                        their_table,
                    );
                }
            }
            Item::Value(value) => {
                if let Some(their_value) = theirs.as_value() {
                    let base_value = base.and_then(Item::as_value);
                    value.merge_with(self, base_value, their_value);
                } else if let (Value::InlineTable(table), Some(their_table)) =
                    (value, theirs.as_table_like())
                {
                    self.merge_table(
                        base.and_then(Item::as_table_like),
                        TableMut::Inline(table),
                        their_table,
                    );
                }
            }
            Item::None => {}
        }
    }

    /// Enters `unit` unless inside one already; true if it did.
    fn enter(&mut self, unit: Unit) -> bool {
        if self.unit.is_some() {
            return false;
        }
        self.unit = Some((unit, self.path.len()));
        true
    }

    /// Records a conflict: inside the unit being merged, or `here`.
    fn report(&mut self, why: Why, here: Option<Unit>) {
        let (unit, field) = match (&self.unit, here) {
            (Some((unit, depth)), _) => (unit.clone(), field_path(&self.path[*depth..])),
            (None, Some(unit)) => (unit, String::new()),
            // Not below a `[table]` (cannot happen from the top): the key's line.
            (None, None) => (
                Unit::key(&self.tables, self.path.last().map_or("", |s| s.as_str())),
                String::new(),
            ),
        };
        let what = if field.is_empty() {
            format!("{}: {}", unit.name(), why.describe())
        } else {
            format!("{}: {field} {}", unit.name(), why.describe())
        };
        self.conflicts.push(Conflict { unit, what });
    }
}

/// Path segments as people read them: `milestones[2].done`.
fn field_path(segments: &[String]) -> String {
    let mut out = String::new();
    for segment in segments {
        if !out.is_empty() && !segment.starts_with('[') {
            out.push('.');
        }
        out.push_str(segment);
    }
    out
}
