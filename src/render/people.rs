//! The People Analyzer table — a row per person and seat, a column per core
//! value, then GWC and where the person stands against the bar — and one
//! person's ratings over the quarters.

use super::page::{Line, Page, Section};
use super::style::{BAD, DIM, GOOD, Painter, WARN};
use super::table::{TableBuilder, widest, width};
use super::words::{wrap, wrap_lines};
use crate::escape::escape;
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

/// GWC in one cell, `YYN`: green when all three are Y.
fn gwc_cell(gwc: Option<Gwc>) -> (String, Option<Style>) {
    match gwc {
        Some(g) if g.all() => (g.to_string(), Some(GOOD)),
        Some(g) => (g.to_string(), Some(BAD)),
        None => ("·".into(), None),
    }
}

/// Core values as column headers: their names, or, where the table would
/// not fit the terminal, their initials with a legend below.
fn fitted(values: &[String], render: impl Fn(&[String]) -> String) -> String {
    let full = render(values);
    let too_wide = width().is_some_and(|w| widest(&full) > w);
    let short = initials(values);
    if !too_wide || short == values {
        return full;
    }
    let legend: Vec<String> = short
        .iter()
        .zip(values)
        .map(|(s, v)| format!("{s} {v}"))
        .collect();
    let mut text = render(&short);
    for line in wrap(&legend.join(" · "), width().unwrap_or(80), 0) {
        text.push_str(&escape(&line));
        text.push('\n');
    }
    text
}

/// `Humbly confident` → `HC`; numbered `V1`, `V2`... when two collide.
fn initials(values: &[String]) -> Vec<String> {
    let short: Vec<String> = values
        .iter()
        .map(|v| {
            v.split_whitespace()
                .filter_map(|w| w.chars().next())
                .flat_map(char::to_uppercase)
                .collect()
        })
        .collect();
    let unique = short
        .iter()
        .enumerate()
        .all(|(i, s)| !s.is_empty() && !short[..i].contains(s));
    if unique {
        short
    } else {
        (1..=values.len()).map(|i| format!("V{i}")).collect()
    }
}

pub fn people_table(painter: Painter, analysis: &Analysis) -> String {
    fitted(&analysis.core_values, |values| {
        people_rows(painter, analysis, values)
    })
}

fn people_rows(painter: Painter, analysis: &Analysis, values: &[String]) -> String {
    let mut headers: Vec<&str> = vec!["person", "seat"];
    headers.extend(values.iter().map(String::as_str));
    headers.extend(["GWC", "bar"]);
    let mut table = TableBuilder::new(painter, &headers);
    for person in &analysis.people {
        // GWC is per seat: a person in two seats has two rows.
        if person.seat_ratings.is_empty() {
            let mut cells: Cells = vec![(person.id.clone(), None), ("—".into(), None)];
            cells.extend(value_cells(&person.values));
            cells.push(gwc_cell(None));
            cells.push(verdict_cell(person.verdict));
            table.styled_row(cells);
        }
        for seat in &person.seat_ratings {
            let mut cells: Cells = vec![(person.id.clone(), None), (seat.name.clone(), None)];
            cells.extend(value_cells(&person.values));
            cells.push(gwc_cell(seat.gwc));
            cells.push(verdict_cell(seat.verdict));
            table.styled_row(cells);
        }
    }
    table.shrink(1);
    table.render()
}

/// One person's ratings, oldest first, as a page: a section per rating
/// (quarter, date, who rated, the verdict), the values and GWC per seat.
pub fn history_page(history: &PersonHistory) -> Page {
    let mut page = Page {
        title: format!(
            "{} ({}) — People Analyzer history",
            history.name, history.id
        ),
        subtitle: vec![crate::render::words::count(
            history.entries.len(),
            "rating",
            "ratings",
        )],
        sections: Vec::new(),
    };
    let or_dash = |text: Option<String>| text.unwrap_or_else(|| "—".into());
    for entry in &history.entries {
        let now = if entry.current { " (current)" } else { "" };
        let mut section = Section::new(
            format!(
                "{} · {} · by {}{now}",
                or_dash(entry.quarter.map(|q| q.to_string())),
                or_dash(entry.date.map(|d| d.to_string())),
                or_dash(entry.by.clone()),
            ),
            entry.verdict.as_str(),
        );
        let values: Vec<String> = entry
            .values
            .iter()
            .map(|v| format!("{} {}", v.value, v.rating.map_or("·", ValueRating::as_str)))
            .collect();
        for line in wrap_lines(&values.join(", "), 74) {
            section.push(Line::plain(line));
        }
        if entry.seats.is_empty() {
            section.push(Line::dim("GWC: in no seat"));
        }
        for seat in &entry.seats {
            let (gwc, style) = gwc_cell(seat.gwc);
            section.push(Line::marked(
                "GWC",
                format!("{gwc} in {}", seat.name),
                style.or(Some(DIM)),
            ));
        }
        page.sections.push(section);
    }
    page
}
