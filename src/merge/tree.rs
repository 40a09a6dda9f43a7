//! The three-way merge of TOML trees by meaning, done in place on our
//! document: tables by key, lists of tables by `id` (`[[todo]]`, or an
//! inline array of tables with ids), other arrays as sequences, every value
//! by the rule of [`decide`]. What theirs did not change keeps our text;
//! what only theirs changed comes in with their text and their comments.
//! A conflict is settled to one side for the pass (`prefer`) and reported
//! with the unit its markers go around.

use super::decide::{Decision, Why, decide};
use super::meaning::{fingerprint_table, fingerprint_value, same_item, same_table, same_value};
use super::sequence::{self, Pick};
use super::units::Unit;
use std::collections::{HashMap, HashSet};
use toml_edit::{
    Array, ArrayOfTables, Decor, DocumentMut, InlineTable, Item, Key, Table, TableLike, Value,
};

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

/// A table being merged into: a `[table]` or an inline `{ table }`.
enum TableMut<'a> {
    Table(&'a mut Table),
    Inline(&'a mut InlineTable),
}

impl TableMut<'_> {
    fn get(&self, key: &str) -> Option<&Item> {
        let item = match self {
            TableMut::Table(t) => t.get(key),
            TableMut::Inline(t) => TableLike::get(&**t, key),
        };
        item.filter(|i| !i.is_none())
    }

    fn get_mut(&mut self, key: &str) -> Option<&mut Item> {
        match self {
            TableMut::Table(t) => t.get_mut(key),
            TableMut::Inline(t) => TableLike::get_mut(&mut **t, key),
        }
    }

    fn keys(&self) -> Vec<String> {
        let keys: Box<dyn Iterator<Item = (&str, &Item)>> = match self {
            TableMut::Table(t) => Box::new(t.iter()),
            TableMut::Inline(t) => Box::new(TableLike::iter(&**t)),
        };
        keys.filter(|(_, i)| !i.is_none())
            .map(|(k, _)| k.to_string())
            .collect()
    }

    fn remove(&mut self, key: &str) {
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
    fn set(&mut self, key: &Key, item: Item) {
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
    fn is_section(&self) -> bool {
        matches!(self, TableMut::Table(t) if !t.is_dotted())
    }
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

/// Takes their formatting of a thing only where ours kept the base's.
fn merge_decor(base: Option<&Decor>, ours: &mut Decor, theirs: &Decor) {
    if base == Some(&*ours) {
        *ours = theirs.clone();
    }
}

fn value_decor(item: Option<&Item>) -> Option<&Decor> {
    item.and_then(Item::as_value).map(Value::decor)
}

fn table_decor(item: Option<&Item>) -> Option<&Decor> {
    item.and_then(Item::as_table).map(Table::decor)
}

fn fits_inline(decor: &Decor) -> bool {
    [decor.prefix(), decor.suffix()]
        .into_iter()
        .flatten()
        .all(|raw| raw.as_str().is_some_and(|s| !s.contains(['\n', '#'])))
}

/// Their tables come with positions in their document; cleared, they are
/// written where they now sit in ours.
fn clear_positions(item: &mut Item) {
    match item {
        Item::Table(table) => clear_table_positions(table),
        Item::ArrayOfTables(array) => array.iter_mut().for_each(clear_table_positions),
        _ => {}
    }
}

fn clear_table_positions(table: &mut Table) {
    table.set_position(None);
    table.iter_mut().for_each(|(_, item)| clear_positions(item));
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
        match ours {
            Item::Table(table) if !table.is_dotted() => {
                if let Some(their_table) = theirs.as_table_like() {
                    if let Some(decor) = table_decor(Some(theirs)) {
                        merge_decor(table_decor(base), table.decor_mut(), decor);
                    }
                    self.tables.push(key.to_string());
                    self.merge_table(
                        base.and_then(Item::as_table_like),
                        TableMut::Table(table),
                        their_table,
                    );
                    self.tables.pop();
                }
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

    /// Merges a list of `[[tables]]`. With `list` (a list at the top of the
    /// file's structure) each item is a unit of its own.
    fn merge_tables(
        &mut self,
        base: Option<&Item>,
        ours: &mut ArrayOfTables,
        theirs: &ArrayOfTables,
        list: Option<&str>,
    ) {
        let base: Vec<&Table> = match base {
            Some(Item::ArrayOfTables(array)) => array.iter().collect(),
            _ => Vec::new(),
        };
        let theirs: Vec<&Table> = theirs.iter().collect();
        let mine: Vec<Table> = std::mem::take(ours).into_iter().collect();
        for table in self.merge_list(&base, mine, &theirs, list) {
            ours.push(table);
        }
    }

    /// Merges the elements of a list: by id when every element of every
    /// version is a table with a unique `id`, else as a sequence.
    fn merge_list<E: Element>(
        &mut self,
        base: &[&E],
        ours: Vec<E>,
        theirs: &[&E],
        list: Option<&str>,
    ) -> Vec<E> {
        let ours_ref: Vec<&E> = ours.iter().collect();
        let by_id = [base, &ours_ref, theirs]
            .iter()
            .all(|side| ids(side).is_some());
        if by_id {
            return self.merge_by_id(base, ours, theirs, list);
        }
        let entered = list.is_some_and(|list| self.enter(Unit::key(&self.tables, list)));
        let merged = self.merge_in_sequence(base, ours, theirs);
        if entered {
            self.unit = None;
        }
        merged
    }

    fn merge_by_id<E: Element>(
        &mut self,
        base: &[&E],
        ours: Vec<E>,
        theirs: &[&E],
        list: Option<&str>,
    ) -> Vec<E> {
        let index = |side: &[&E]| -> HashMap<String, usize> {
            side.iter()
                .enumerate()
                .filter_map(|(i, e)| Some((id_of(*e)?.to_string(), i)))
                .collect()
        };
        let (base_at, theirs_at) = (index(base), index(theirs));
        let ours_ids: HashSet<String> = ours
            .iter()
            .filter_map(|e| id_of(e).map(str::to_string))
            .collect();
        let spacing = ours.last().and_then(E::spacing);
        let adopt = |e: &E| e.adopted(spacing.as_ref());
        let mut merged = Vec::with_capacity(ours.len() + theirs.len());
        for mut o in ours {
            let id = id_of(&o).unwrap_or_default().to_string();
            let b = base_at.get(&id).map(|&i| base[i]);
            let t = theirs_at.get(&id).map(|&i| theirs[i]);
            let entered = self.enter_item(list, &id);
            match decide(b, Some(&o), t, E::same, E::mergeable, false) {
                Decision::Ours => merged.push(o),
                Decision::Theirs => merged.extend(t.map(adopt)),
                Decision::Merge => {
                    if let Some(t) = t {
                        o.merge_with(self, b, t);
                    }
                    merged.push(o);
                }
                Decision::Conflict(why) => {
                    self.report(why, list.map(|l| Unit::item(&self.tables, l, &id)));
                    match self.prefer {
                        Side::Ours => merged.push(o),
                        Side::Theirs => merged.extend(t.map(adopt)),
                    }
                }
            }
            self.leave_item(entered);
        }
        for t in theirs {
            let id = id_of(*t).unwrap_or_default();
            if ours_ids.contains(id) {
                continue;
            }
            let b = base_at.get(id).map(|&i| base[i]);
            let entered = self.enter_item(list, id);
            match decide(b, None, Some(*t), E::same, E::mergeable, false) {
                Decision::Theirs => merged.push(adopt(t)),
                Decision::Conflict(why) => {
                    self.report(why, list.map(|l| Unit::item(&self.tables, l, id)));
                    if self.prefer == Side::Theirs {
                        merged.push(adopt(t));
                    }
                }
                Decision::Ours | Decision::Merge => {}
            }
            self.leave_item(entered);
        }
        merged
    }

    fn merge_in_sequence<E: Element>(
        &mut self,
        base: &[&E],
        ours: Vec<E>,
        theirs: &[&E],
    ) -> Vec<E> {
        let keys = |side: &[&E]| side.iter().map(|e| e.fingerprint()).collect::<Vec<_>>();
        let ours_ref: Vec<&E> = ours.iter().collect();
        let picks = sequence::merge(&keys(base), &keys(&ours_ref), &keys(theirs));
        let spacing = ours.last().and_then(E::spacing);
        let mut ours: Vec<Option<E>> = ours.into_iter().map(Some).collect();
        let mut merged = Vec::with_capacity(picks.len());
        for pick in picks {
            match pick {
                Pick::Ours(i) => merged.extend(ours[i].take()),
                Pick::Theirs(j) => merged.push(theirs[j].adopted(spacing.as_ref())),
                Pick::Both {
                    base: b,
                    ours: i,
                    theirs: j,
                } => {
                    let Some(mut o) = ours[i].take() else {
                        continue;
                    };
                    if o.mergeable(theirs[j]) {
                        self.path.push(format!("[{}]", merged.len() + 1));
                        o.merge_with(self, Some(base[b]), theirs[j]);
                        self.path.pop();
                        merged.push(o);
                    } else {
                        merged.push(o);
                        merged.push(theirs[j].adopted(spacing.as_ref()));
                    }
                }
            }
        }
        merged
    }

    /// Enters `unit` unless inside one already; true if it did.
    fn enter(&mut self, unit: Unit) -> bool {
        if self.unit.is_some() {
            return false;
        }
        self.unit = Some((unit, self.path.len()));
        true
    }

    fn enter_item(&mut self, list: Option<&str>, id: &str) -> bool {
        self.path.push(format!("[{id:?}]"));
        list.is_some_and(|list| self.enter(Unit::item(&self.tables, list, id)))
    }

    fn leave_item(&mut self, entered: bool) {
        if entered {
            self.unit = None;
        }
        self.path.pop();
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

/// The ids of a list's elements, if every element has one and no two share it.
fn ids<'e, E: Element>(side: &[&'e E]) -> Option<Vec<&'e str>> {
    let ids: Vec<&str> = side.iter().map(|e| id_of(*e)).collect::<Option<_>>()?;
    let unique: HashSet<&str> = ids.iter().copied().collect();
    (unique.len() == ids.len()).then_some(ids)
}

fn id_of<E: Element>(element: &E) -> Option<&str> {
    element.table()?.get("id")?.as_str()
}

/// An element of a list: a `[[table]]` of an array of tables, or a value of
/// an inline array.
trait Element: Clone {
    fn table(&self) -> Option<&dyn TableLike>;
    fn same(&self, other: &Self) -> bool;
    fn fingerprint(&self) -> String;
    fn mergeable(&self, other: &Self) -> bool;
    /// Merges theirs into this (ours), part by part.
    fn merge_with(&mut self, merger: &mut Merger, base: Option<&Self>, theirs: &Self);
    /// The spacing around it in its list, where the list has any.
    fn spacing(&self) -> Option<Decor>;
    /// One of theirs, made ready to sit in our list, spaced as `spacing`.
    fn adopted(&self, spacing: Option<&Decor>) -> Self;
}

impl Element for Table {
    fn table(&self) -> Option<&dyn TableLike> {
        Some(self)
    }

    fn same(&self, other: &Self) -> bool {
        same_table(self, other)
    }

    fn fingerprint(&self) -> String {
        fingerprint_table(self)
    }

    fn mergeable(&self, _other: &Self) -> bool {
        true
    }

    fn merge_with(&mut self, merger: &mut Merger, base: Option<&Self>, theirs: &Self) {
        merge_decor(base.map(Table::decor), self.decor_mut(), theirs.decor());
        merger.merge_table(
            base.map(|b| b as &dyn TableLike),
            TableMut::Table(self),
            theirs,
        );
    }

    fn spacing(&self) -> Option<Decor> {
        None
    }

    fn adopted(&self, _spacing: Option<&Decor>) -> Self {
        let mut table = self.clone();
        clear_table_positions(&mut table);
        table
    }
}

impl Element for Value {
    fn table(&self) -> Option<&dyn TableLike> {
        self.as_inline_table().map(|t| t as &dyn TableLike)
    }

    fn same(&self, other: &Self) -> bool {
        same_value(self, other)
    }

    fn fingerprint(&self) -> String {
        fingerprint_value(self)
    }

    fn mergeable(&self, other: &Self) -> bool {
        matches!(
            (self, other),
            (Value::InlineTable(_), Value::InlineTable(_)) | (Value::Array(_), Value::Array(_))
        )
    }

    fn merge_with(&mut self, merger: &mut Merger, base: Option<&Self>, theirs: &Self) {
        merge_decor(base.map(Value::decor), self.decor_mut(), theirs.decor());
        match (self, theirs) {
            (Value::InlineTable(table), Value::InlineTable(their_table)) => merger.merge_table(
                base.and_then(Value::as_inline_table)
                    .map(|t| t as &dyn TableLike),
                TableMut::Inline(table),
                their_table,
            ),
            (Value::Array(array), Value::Array(their_array)) => {
                let base: Vec<&Value> = base
                    .and_then(Value::as_array)
                    .map(|a| a.iter().collect())
                    .unwrap_or_default();
                let theirs: Vec<&Value> = their_array.iter().collect();
                let mine: Vec<Value> = array.iter().cloned().collect();
                let merged = merger.merge_list(&base, mine, &theirs, None);
                refill(array, merged);
            }
            _ => {}
        }
    }

    fn spacing(&self) -> Option<Decor> {
        Some(self.decor().clone())
    }

    fn adopted(&self, spacing: Option<&Decor>) -> Self {
        let mut value = self.clone();
        match spacing {
            Some(spacing) => *value.decor_mut() = spacing.clone(),
            None => value.decor_mut().clear(),
        }
        value
    }
}

/// Puts merged values in `array`, spaced as its own: the first as its first
/// was (`[a, b]` has no space before `a`), the others as its last.
fn refill(array: &mut Array, merged: Vec<Value>) {
    let first = array.get(0).map(|v| v.decor().clone());
    let rest = match array.len() {
        0 => None,
        1 => first.clone().filter(|d| {
            d.prefix()
                .and_then(|p| p.as_str())
                .is_some_and(|p| p.contains('\n'))
        }),
        n => array.get(n - 1).map(|v| v.decor().clone()),
    };
    array.clear();
    for (i, mut value) in merged.into_iter().enumerate() {
        let wanted = if i == 0 {
            first.as_ref()
        } else {
            rest.as_ref()
        };
        let misplaced =
            first.as_ref() != rest.as_ref() && (i == 0) != (Some(value.decor()) == first.as_ref());
        if misplaced {
            match wanted {
                Some(decor) => *value.decor_mut() = decor.clone(),
                None => value.decor_mut().clear(),
            }
        }
        array.push_formatted(value);
    }
}
