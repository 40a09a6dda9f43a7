//! How one change record of `pulse diff` and `pulse log` reads on a page: a
//! mark and a colour by kind, and the word diff below it.

use super::page::{Line, Section};
use super::style::{BAD, GOOD, WARN};
use crate::ops::diff::ChangeRecord;

pub fn push_change(section: &mut Section, c: &ChangeRecord) {
    let (mark, style) = match c.kind {
        "added" | "raised" | "assigned" | "milestone-added" => ("+", Some(GOOD)),
        "removed" | "dropped" | "unassigned" => ("-", Some(BAD)),
        "solved" | "done" | "milestone-done" => ("✓", Some(GOOD)),
        "overdue" => ("!", Some(BAD)),
        "recorded" if c.summary.contains("(miss") => ("✗", Some(BAD)),
        "recorded" => ("✓", Some(GOOD)),
        _ => ("~", Some(WARN)),
    };
    section.push(Line::marked(mark, c.summary.clone(), style));
    if let Some(detail) = &c.detail {
        for l in detail.lines() {
            section.push(Line::plain(l.to_string()).indented(1));
        }
    }
}
