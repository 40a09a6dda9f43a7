//! The People Analyzer table — a row per person and seat, a column per core
//! value, then G, W, C and where the person stands against the bar — and
//! one person's ratings over the quarters.

use super::style::{BAD, GOOD, Painter, WARN};
use super::table::TableBuilder;
use crate::model::people::{Gwc, ValueRating, Verdict};
use crate::ops::people::{Analysis, ValueCell};
use crate::ops::people_history::PersonHistory;
use anstyle::Style;

type Cells = Vec<(String, Option<Style>)>;

fn rating_style(rating: Option<ValueRating>) -> Option<Style> {
    match rating? {
        ValueRating::Plus => Some(GOOD),
        ValueRating::PlusMinus => Some(WARN),
        ValueRating::Minus => Some(BAD),
    }
}

fn yes_no(flag: Option<bool>) -> (String, Option<Style>) {
    match flag {
        Some(true) => ("Y".into(), Some(GOOD)),
        Some(false) => ("N".into(), Some(BAD)),
        None => ("·".into(), None),
    }
}

fn verdict_cell(verdict: Verdict) -> (String, Option<Style>) {
    let style = match verdict {
        Verdict::RightPersonRightSeat => Some(GOOD),
        Verdict::RightPersonWrongSeat => Some(WARN),
        Verdict::WrongPerson => Some(BAD),
        Verdict::NotRated => None,
    };
    (verdict.as_str().into(), style)
}

fn value_cells(values: &[ValueCell]) -> Cells {
    values
        .iter()
        .map(|cell| {
            (
                cell.rating.map_or("·", ValueRating::as_str).into(),
                rating_style(cell.rating),
            )
        })
        .collect()
}

fn gwc_cells(gwc: Option<Gwc>) -> Cells {
    vec![
        yes_no(gwc.map(|g| g.gets_it)),
        yes_no(gwc.map(|g| g.wants_it)),
        yes_no(gwc.map(|g| g.capacity)),
    ]
}

pub fn people_table(painter: Painter, analysis: &Analysis) -> String {
    let mut headers: Vec<&str> = vec!["person", "seat"];
    headers.extend(analysis.core_values.iter().map(String::as_str));
    headers.extend(["G", "W", "C", "bar"]);
    let mut table = TableBuilder::new(painter, &headers);
    for person in &analysis.people {
        // GWC is per seat: a person in two seats has two rows.
        if person.seat_ratings.is_empty() {
            let mut cells: Cells = vec![(person.id.clone(), None), ("—".into(), None)];
            cells.extend(value_cells(&person.values));
            cells.extend(gwc_cells(None));
            cells.push(verdict_cell(person.verdict));
            table.styled_row(cells);
        }
        for seat in &person.seat_ratings {
            let mut cells: Cells = vec![(person.id.clone(), None), (seat.name.clone(), None)];
            cells.extend(value_cells(&person.values));
            cells.extend(gwc_cells(seat.gwc));
            cells.push(verdict_cell(seat.verdict));
            table.styled_row(cells);
        }
    }
    table.shrink(1);
    table.render()
}

/// A row per rating, oldest first: quarter, date, who rated, the values,
/// GWC per seat and the verdict.
pub fn history_table(painter: Painter, history: &PersonHistory) -> String {
    let mut headers: Vec<&str> = vec!["quarter", "date", "by"];
    headers.extend(history.core_values.iter().map(String::as_str));
    headers.extend(["GWC", "bar"]);
    let mut table = TableBuilder::new(painter, &headers);
    let or_dash = |text: Option<String>| text.unwrap_or_else(|| "—".into());
    for entry in &history.entries {
        let mut cells: Cells = vec![
            (or_dash(entry.quarter.map(|q| q.to_string())), None),
            (or_dash(entry.date.map(|d| d.to_string())), None),
            (or_dash(entry.by.clone()), None),
        ];
        cells.extend(value_cells(&entry.values));
        let gwc: Vec<String> = entry
            .seats
            .iter()
            .map(|s| match s.gwc {
                Some(g) => format!("{} {g}", s.seat),
                None => format!("{} ·", s.seat),
            })
            .collect();
        cells.push((
            if gwc.is_empty() {
                "—".into()
            } else {
                gwc.join(", ")
            },
            None,
        ));
        cells.push(verdict_cell(entry.verdict));
        table.styled_row(cells);
    }
    table.shrink(3 + history.core_values.len());
    table.render()
}
