//! How merged things are written: whose comments and spacing a merged
//! value keeps, and how their tables and array elements are made to sit in
//! our document.

use toml_edit::{Array, Decor, Item, Table, Value};

/// Takes their formatting of a thing only where ours kept the base's.
pub(super) fn merge_decor(base: Option<&Decor>, ours: &mut Decor, theirs: &Decor) {
    if base == Some(&*ours) {
        *ours = theirs.clone();
    }
}

pub(super) fn value_decor(item: Option<&Item>) -> Option<&Decor> {
    item.and_then(Item::as_value).map(Value::decor)
}

pub(super) fn table_decor(item: Option<&Item>) -> Option<&Decor> {
    item.and_then(Item::as_table).map(Table::decor)
}

/// Whether spacing can sit inside `{ }`: no comment, no line break.
pub(super) fn fits_inline(decor: &Decor) -> bool {
    [decor.prefix(), decor.suffix()]
        .into_iter()
        .flatten()
        .all(|raw| raw.as_str().is_some_and(|s| !s.contains(['\n', '#'])))
}

/// Their tables come with positions in their document; cleared, they are
/// written where they now sit in ours.
pub(super) fn clear_positions(item: &mut Item) {
    match item {
        Item::Table(table) => clear_table_positions(table),
        Item::ArrayOfTables(array) => array.iter_mut().for_each(clear_table_positions),
        _ => {}
    }
}

pub(super) fn clear_table_positions(table: &mut Table) {
    table.set_position(None);
    table.iter_mut().for_each(|(_, item)| clear_positions(item));
}

/// Puts merged values in `array`, spaced as its own: the first as its first
/// was (`[a, b]` has no space before `a`), the others as its last.
pub(super) fn refill(array: &mut Array, merged: Vec<Value>) {
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
