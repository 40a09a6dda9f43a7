//! The People Analyzer table: one row per person, a column per core value,
//! then G, W, C and where the person stands against the bar. Too wide for
//! the terminal, the core values are headed by their initials, with a
//! legend below.

use super::style::{BAD, GOOD, Painter, WARN};
use super::table::{TableBuilder, widest, width};
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
    let full = table_with(painter, analysis, &analysis.core_values, false);
    let Some(width) = width() else {
        return full;
    };
    if widest(&full) <= width || analysis.core_values.is_empty() {
        return full;
    }
    let short = initials(&analysis.core_values);
    let mut text = table_with(painter, analysis, &short, true);
    let legend: Vec<String> = short
        .iter()
        .zip(&analysis.core_values)
        .map(|(s, v)| format!("{s} = {}", crate::escape::escape(v)))
        .collect();
    text.push('\n');
    text.push_str(&super::words::wrap_text(
        &format!("core values: {}", legend.join(", ")),
        Some(width),
        2,
    ));
    text.push('\n');
    text
}

/// Each core value's initials (`Own the outcome` → `OTO`), a number added
/// where two would read the same.
fn initials(values: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in values {
        let mut short: String = v
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect();
        if short.is_empty() {
            short = "?".into();
        }
        let base = short.clone();
        let mut n = 2;
        while out.contains(&short) {
            short = format!("{base}{n}");
            n += 1;
        }
        out.push(short);
    }
    out
}

/// The table with these core-value headers; `compact` puts G, W and C in
/// one column (`YYN`).
fn table_with(
    painter: Painter,
    analysis: &Analysis,
    value_headers: &[String],
    compact: bool,
) -> String {
    let mut headers: Vec<&str> = vec!["person", "seat"];
    headers.extend(value_headers.iter().map(String::as_str));
    if compact {
        headers.extend(["GWC", "bar"]);
    } else {
        headers.extend(["G", "W", "C", "bar"]);
    }
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
        let gwc = [
            yes_no(person.gwc.map(|g| g.gets_it)),
            yes_no(person.gwc.map(|g| g.wants_it)),
            yes_no(person.gwc.map(|g| g.capacity)),
        ];
        if compact {
            let text: String = gwc.iter().map(|(t, _)| t.as_str()).collect();
            let style = if text.contains('N') {
                Some(BAD)
            } else if text == "YYY" {
                Some(GOOD)
            } else {
                None
            };
            cells.push((text, style));
        } else {
            cells.extend(gwc);
        }
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
