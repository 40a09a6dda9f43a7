//! How one change record of `pulse diff` and `pulse log` reads on a page: a
//! mark and a colour by kind, and the word diff below it.

use super::page::{Line, Section};
use super::style::{BAD, GOOD, WARN};
use crate::ops::diff::{ChangeRecord, Kind};

pub fn push_change(section: &mut Section, c: &ChangeRecord) {
    let (mark, style) = match c.kind {
        Kind::Added | Kind::Raised | Kind::Assigned | Kind::MilestoneAdded => ("+", Some(GOOD)),
        Kind::Removed | Kind::Dropped | Kind::Unassigned => ("-", Some(BAD)),
        Kind::Solved | Kind::Done | Kind::MilestoneDone => ("✓", Some(GOOD)),
        Kind::Overdue => ("!", Some(BAD)),
        Kind::Recorded if c.summary.contains("(miss") => ("✗", Some(BAD)),
        Kind::Recorded => ("✓", Some(GOOD)),
        _ => ("~", Some(WARN)),
    };
    // A department's change names its team.
    let summary = match &c.team {
        Some(team) => format!("{team}: {}", c.summary),
        None => c.summary.clone(),
    };
    section.push(Line::marked(mark, summary, style));
    if let Some(detail) = &c.detail {
        for l in detail.lines() {
            section.push(Line::plain(l.to_string()).indented(1));
        }
    }
}
