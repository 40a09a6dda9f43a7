//! The People Analyzer table: one row per person, a column per core value,
//! then G, W, C and where the person stands against the bar.

use super::style::{BAD, GOOD, Painter, WARN};
use super::table::TableBuilder;
use crate::model::people::{ValueRating, Verdict};
use crate::ops::people::Analysis;
use anstyle::Style;

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

pub fn people_table(painter: Painter, analysis: &Analysis) -> String {
    let mut headers: Vec<&str> = vec!["person", "seat"];
    headers.extend(analysis.core_values.iter().map(String::as_str));
    headers.extend(["G", "W", "C", "bar"]);
    let mut table = TableBuilder::new(painter, &headers);
    for person in &analysis.people {
        let mut cells: Vec<(String, Option<Style>)> = vec![
            (person.id.clone(), None),
            (
                if person.seats.is_empty() {
                    "—".into()
                } else {
                    person.seats.join(", ")
                },
                None,
            ),
        ];
        for cell in &person.values {
            cells.push((
                cell.rating.map_or("·", ValueRating::as_str).into(),
                rating_style(cell.rating),
            ));
        }
        cells.push(yes_no(person.gwc.map(|g| g.gets_it)));
        cells.push(yes_no(person.gwc.map(|g| g.wants_it)));
        cells.push(yes_no(person.gwc.map(|g| g.capacity)));
        let style = match person.verdict {
            Verdict::RightPersonRightSeat => Some(GOOD),
            Verdict::RightPersonWrongSeat => Some(WARN),
            Verdict::WrongPerson => Some(BAD),
            Verdict::NotRated => None,
        };
        cells.push((person.verdict.as_str().into(), style));
        table.styled_row(cells);
    }
    table.render()
}
