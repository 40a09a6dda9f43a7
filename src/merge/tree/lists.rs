//! Merging lists: by `id` when every item of every version has a unique
//! one (`[[todo]]`, `[[rock]]`... or an inline array of such tables), else
//! as a sequence (see [`crate::merge::sequence`]). Items added on both
//! sides are all kept, ours first; an item at the top of the file's
//! structure is a unit of its own for conflict markers.

use super::formatting::{clear_table_positions, merge_decor, refill};
use super::table_mut::TableMut;
use super::{Merger, Side};
use crate::merge::decide::{Decision, decide};
use crate::merge::meaning::{fingerprint_table, fingerprint_value, same_table, same_value};
use crate::merge::sequence::{self, Pick};
use crate::merge::units::Unit;
use std::collections::{HashMap, HashSet};
use toml_edit::{ArrayOfTables, Decor, Item, Table, TableLike, Value};

impl Merger {
    /// Merges a list of `[[tables]]`. With `list` (a list at the top of the
    /// file's structure) each item is a unit of its own.
    pub(super) fn merge_tables(
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
    pub(super) fn merge_list<E: Element>(
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
pub(super) trait Element: Clone {
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
