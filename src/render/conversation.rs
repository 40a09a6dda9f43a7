//! A Quarterly Conversation as a page (`pulse conversation show`) and the
//! list of them as a table (`pulse conversations`).

use super::page::{Line, Page, Section};
use super::style::{BAD, GOOD, Painter, WARN};
use super::table::TableBuilder;
use super::words::wrap_lines;
use crate::model::conversation::RockCheck;
use crate::model::people::ValueRating;
use crate::ops::conversations::ConversationView;

/// Notes are wrapped to fit 80 columns with the page's indent.
const NOTE_WIDTH: usize = 74;

pub fn page(c: &ConversationView) -> Page {
    let mut page = Page {
        title: format!(
            "Quarterly Conversation — {} with {}, {}",
            c.person_name, c.manager_name, c.quarter
        ),
        subtitle: vec![format!(
            "{} · {}{} · {} of {} rated",
            c.id,
            c.date
                .map(|d| d.to_string())
                .unwrap_or_else(|| "no date".into()),
            c.seat
                .as_deref()
                .map(|s| format!(" · seat {s}"))
                .unwrap_or_default(),
            c.filled,
            c.to_fill
        )],
        sections: Vec::new(),
    };
    let mut values = Section::new("Core values", "+, +/- or -");
    if c.values.is_empty() {
        values.push(Line::dim("No core values in vision.toml."));
    }
    for v in &c.values {
        let (mark, style) = match v.rating {
            Some(ValueRating::Plus) => ("+  ", Some(GOOD)),
            Some(ValueRating::PlusMinus) => ("+/-", Some(WARN)),
            Some(ValueRating::Minus) => ("-  ", Some(BAD)),
            None => ("·  ", None),
        };
        values.push(Line::marked(mark, v.name.clone(), style));
    }
    page.sections.push(values);

    let mut roles = Section::new("Roles of the seat", "doing it well?");
    if c.roles.is_empty() {
        roles.push(Line::dim("No roles to go over."));
    }
    for r in &c.roles {
        let (mark, style) = match r.well {
            Some(true) => ("yes", Some(GOOD)),
            Some(false) => ("no ", Some(BAD)),
            None => ("·  ", None),
        };
        roles.push(Line::marked(mark, r.role.clone(), style));
    }
    page.sections.push(roles);

    let mut rocks = Section::new(format!("Rocks of {}", c.quarter), "");
    if c.rocks.is_empty() {
        rocks.push(Line::dim("No rocks this quarter."));
    }
    for r in &c.rocks {
        let (mark, style) = match r.status {
            Some(RockCheck::Done) => ("done     ", Some(GOOD)),
            Some(RockCheck::OnTrack) => ("on-track ", Some(GOOD)),
            Some(RockCheck::OffTrack) => ("off-track", Some(BAD)),
            None => ("·        ", None),
        };
        let title = if r.title.is_empty() { &r.id } else { &r.title };
        rocks.push(Line::marked(mark, title.clone(), style));
    }
    page.sections.push(rocks);

    let mut gwc = Section::new("GWC", "gets it, wants it, capacity to do it");
    gwc.push(match c.gwc {
        Some(g) if g.all() => Line::styled(g.to_string(), GOOD),
        Some(g) => Line::styled(g.to_string(), WARN),
        None => Line::dim("not rated yet"),
    });
    page.sections.push(gwc);

    for (heading, text) in [
        (format!("{}'s notes", c.person_name), &c.notes),
        (format!("{}'s notes", c.manager_name), &c.manager_notes),
    ] {
        let mut notes = Section::new(heading, "");
        if text.trim().is_empty() {
            notes.push(Line::dim("none yet"));
        }
        for line in wrap_lines(text.trim(), NOTE_WIDTH) {
            notes.push(Line::plain(line));
        }
        page.sections.push(notes);
    }
    page
}

pub fn table(painter: Painter, list: &[ConversationView]) -> String {
    let mut table = TableBuilder::new(
        painter,
        &["id", "quarter", "person", "manager", "date", "rated"],
    );
    for c in list {
        table.row(&[
            c.short_id.clone(),
            c.quarter.to_string(),
            c.person.clone(),
            c.manager.clone(),
            c.date.map(|d| d.to_string()).unwrap_or_default(),
            format!("{}/{}", c.filled, c.to_fill),
        ]);
    }
    table.shrink(0);
    table.render()
}
