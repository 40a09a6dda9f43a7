//! Merging `scorecard.csv`: rows keyed by (week, measurable), each field —
//! the value, the note — three-way. A corrected value survives a merge with
//! a clone that recorded other numbers; a cell changed to two different
//! values is a conflict around that row. Rows come out sorted by week as
//! pulse writes them (stable: within a week, ours first), under our header.

use super::decide::{Decision, decide};
use super::{Outcome, markers};
use crate::model::time::Week;
use crate::store::FileRef;
use crate::store::values::{Row, format_row, rows};
use std::collections::{HashMap, HashSet};

type RowKey = (Week, String);

/// Merges three versions of the scorecard (LF line ends, no byte order
/// mark); `None` when one does not read as a scorecard, or their headers
/// name different columns.
pub fn merge(base: &str, ours: &str, theirs: &str) -> Option<Outcome> {
    let file = FileRef {
        path: "scorecard.csv".into(),
        display: "scorecard.csv".into(),
    };
    let read = |text: &str| rows(&file, text).ok();
    let ((base_header, base_rows), (header, our_rows), (their_header, their_rows)) =
        (read(base)?, read(ours)?, read(theirs)?);
    let columns = |h: &str| {
        h.split(',')
            .map(|c| c.trim().to_string())
            .collect::<Vec<_>>()
    };
    if columns(&base_header) != columns(&header) || columns(&their_header) != columns(&header) {
        return None;
    }
    let (base_rows, our_rows, their_rows) =
        (latest(base_rows), latest(our_rows), latest(their_rows));
    let base_at = by_key(&base_rows);
    let ours_at = by_key(&our_rows);
    let theirs_at = by_key(&their_rows);

    // (week, text, conflict description)
    let mut merged: Vec<(Week, String, Option<String>)> = Vec::new();
    let keys = our_rows.iter().chain(their_rows.iter()).map(key);
    let mut done: HashSet<RowKey> = HashSet::new();
    for row_key in keys {
        if !done.insert(row_key.clone()) {
            continue;
        }
        let b = base_at.get(&row_key).copied();
        let o = ours_at.get(&row_key).copied();
        let t = theirs_at.get(&row_key).copied();
        let week = row_key.0;
        match decide(b, o, t, same, |_, _| true, false) {
            Decision::Ours => merged.extend(o.map(|o| (week, o.raw.clone(), None))),
            Decision::Theirs => merged.extend(t.map(|t| (week, t.raw.clone(), None))),
            Decision::Merge => {
                if let (Some(o), Some(t)) = (o, t) {
                    merged.push(merge_fields(b, o, t));
                }
            }
            Decision::Conflict(why) => merged.push(conflict(&row_key, o, t, why.describe())),
        }
    }
    merged.sort_by_key(|(week, _, _)| *week);

    let mut text = String::with_capacity(ours.len() + theirs.len() / 8);
    text.push_str(&header);
    text.push('\n');
    let mut conflicts = Vec::new();
    for (_, row, what) in merged {
        if let Some(what) = what {
            conflicts.push((text.len(), what));
        }
        text.push_str(&row);
        if !row.ends_with('\n') {
            text.push('\n');
        }
    }
    Some(Outcome { text, conflicts })
}

/// The rows that count: the last of each (week, measurable), as pulse reads
/// them, in file order.
fn latest(rows: Vec<Row>) -> Vec<Row> {
    let last: HashMap<RowKey, usize> = rows.iter().enumerate().map(|(i, r)| (key(r), i)).collect();
    rows.into_iter()
        .enumerate()
        .filter(|(i, r)| last.get(&key(r)) == Some(i))
        .map(|(_, r)| r)
        .collect()
}

fn key(row: &Row) -> RowKey {
    (row.week, row.measurable.clone())
}

fn by_key(rows: &[Row]) -> HashMap<RowKey, &Row> {
    rows.iter().map(|r| (key(r), r)).collect()
}

/// Same by meaning: `10` and `10.0` are one value.
fn same(a: &Row, b: &Row) -> bool {
    a.value == b.value && a.note == b.note
}

/// A row both sides changed: the value and the note each three-way.
fn merge_fields(base: Option<&Row>, ours: &Row, theirs: &Row) -> (Week, String, Option<String>) {
    let row_key = key(ours);
    let field = |pick: fn(&Row) -> Field| {
        decide(
            base.map(pick).as_ref(),
            Some(&pick(ours)),
            Some(&pick(theirs)),
            |a, b| a == b,
            |_, _| false,
            true,
        )
    };
    let value = field(|r| Field::Value(r.value));
    let note = field(|r| Field::Note(r.note.clone()));
    for (name, decision) in [("value", value), ("note", note)] {
        if let Decision::Conflict(why) = decision {
            let what = format!(
                "{name} {} (ours {:?}, theirs {:?})",
                why.describe(),
                field_text(ours, name),
                field_text(theirs, name)
            );
            return conflict(&row_key, Some(ours), Some(theirs), &what);
        }
    }
    let take = |decision: Decision| decision == Decision::Theirs;
    let (value, note) = (
        if take(value) {
            theirs.value
        } else {
            ours.value
        },
        if take(note) { &theirs.note } else { &ours.note },
    );
    let raw = if value == ours.value && *note == ours.note {
        ours.raw.clone()
    } else if value == theirs.value && *note == theirs.note {
        theirs.raw.clone()
    } else {
        format_row(row_key.0, &row_key.1, value, note)
    };
    (row_key.0, raw, None)
}

#[derive(PartialEq)]
enum Field {
    Value(f64),
    Note(String),
}

fn field_text(row: &Row, name: &str) -> String {
    match name {
        "value" => crate::model::goal::format_number(row.value),
        _ => row.note.clone(),
    }
}

fn conflict(
    row_key: &RowKey,
    ours: Option<&Row>,
    theirs: Option<&Row>,
    what: &str,
) -> (Week, String, Option<String>) {
    let side = |row: Option<&Row>| row.map_or(String::new(), |r| format!("{}\n", r.raw));
    let block = markers::block(&side(ours), &side(theirs));
    let name = format!("{} {}: {what}", row_key.0, row_key.1);
    (row_key.0, block, Some(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "week,measurable,value,note\n";

    fn run(base: &str, ours: &str, theirs: &str) -> Outcome {
        let with_header = |rows: &str| format!("{HEADER}{rows}");
        merge(&with_header(base), &with_header(ours), &with_header(theirs)).unwrap()
    }

    /// The bug that retired `merge=union`: A corrects 47 to 50 while B
    /// records another measurable; both must survive, 47 must not return.
    #[test]
    fn a_correction_survives_another_record() {
        let base = "2026-W47,leads,47,\n";
        let ours = "2026-W47,leads,50,\n";
        let theirs = "2026-W47,leads,47,\n2026-W47,churn,2.5,\n";
        let merged = run(base, ours, theirs);
        assert!(merged.conflicts.is_empty());
        assert_eq!(
            merged.text,
            format!("{HEADER}2026-W47,leads,50,\n2026-W47,churn,2.5,\n")
        );
        // And the other way round.
        let merged = run(base, theirs, ours);
        assert_eq!(
            merged.text,
            format!("{HEADER}2026-W47,leads,50,\n2026-W47,churn,2.5,\n")
        );
    }

    #[test]
    fn rows_come_out_sorted_by_week() {
        let merged = run(
            "2026-W46,leads,1,\n",
            "2026-W46,leads,1,\n2026-W48,leads,3,\n",
            "2026-W46,leads,1,\n2026-W47,leads,2,\n",
        );
        assert_eq!(
            merged.text,
            format!("{HEADER}2026-W46,leads,1,\n2026-W47,leads,2,\n2026-W48,leads,3,\n")
        );
    }

    #[test]
    fn value_and_note_merge_separately() {
        let merged = run(
            "2026-W47,leads,47,\n",
            "2026-W47,leads,50,\n",
            "2026-W47,leads,47,\"two, late\"\n",
        );
        assert!(merged.conflicts.is_empty());
        assert_eq!(
            merged.text,
            format!("{HEADER}2026-W47,leads,50,\"two, late\"\n")
        );
    }

    #[test]
    fn the_same_cell_changed_twice_is_a_conflict() {
        let merged = run(
            "2026-W46,leads,1,\n2026-W47,leads,47,\n",
            "2026-W46,leads,1,\n2026-W47,leads,50,\n",
            "2026-W46,leads,1,\n2026-W47,leads,52,\n",
        );
        assert_eq!(
            merged.text,
            format!(
                "{HEADER}2026-W46,leads,1,\n<<<<<<< ours\n2026-W47,leads,50,\n=======\n2026-W47,leads,52,\n>>>>>>> theirs\n"
            )
        );
        assert_eq!(merged.conflicts.len(), 1);
        let (offset, what) = &merged.conflicts[0];
        assert_eq!(markers::line_at(&merged.text, *offset), 3);
        assert!(what.contains("2026-W47 leads: value"), "{what}");
    }

    #[test]
    fn a_removal_against_an_edit_is_a_conflict() {
        let merged = run("2026-W47,leads,47,\n", "", "2026-W47,leads,50,\n");
        assert_eq!(merged.conflicts.len(), 1);
        assert!(
            merged
                .text
                .contains("<<<<<<< ours\n=======\n2026-W47,leads,50,\n>>>>>>> theirs\n")
        );
        // Removed on one side, untouched on the other: removed.
        let merged = run("2026-W47,leads,47,\n", "", "2026-W47,leads,47,\n");
        assert_eq!(merged.text, HEADER);
    }

    #[test]
    fn the_same_number_written_differently_is_no_change() {
        let merged = run(
            "2026-W47,leads,47,\n",
            "2026-W47,leads,47.0,\n",
            "2026-W47,leads,47,\n2026-W48,leads,1,\n",
        );
        assert!(merged.conflicts.is_empty());
        assert_eq!(
            merged.text,
            format!("{HEADER}2026-W47,leads,47.0,\n2026-W48,leads,1,\n")
        );
    }

    #[test]
    fn what_is_not_a_scorecard_is_left_to_the_fallback() {
        assert!(merge("a,b\n1,2\n", "a,b\n1,2\n", "a,b\n1,3\n").is_none());
        let bad_week = format!("{HEADER}2026-W99,leads,1,\n");
        assert!(merge(HEADER, HEADER, &bad_week).is_none());
    }
}
