//! The accountability chart drawn as a tree.

use super::escape;
use super::style::{BOLD, DIM, Painter};
use crate::model::company::CompanyFile;
use crate::model::seats::{Seat, SeatsFile};

pub fn tree(painter: Painter, seats: &SeatsFile, company: &CompanyFile) -> String {
    let ids = seats.ids();
    // Roots: no parent, or a parent that does not exist (reported by `check`).
    let roots: Vec<&Seat> = seats
        .seat
        .iter()
        .filter(|s| s.reports_to.as_deref().is_none_or(|p| !ids.contains(&p)))
        .collect();
    let mut out = String::new();
    let mut seen = Vec::new();
    for (i, root) in roots.iter().enumerate() {
        draw(
            painter,
            seats,
            company,
            root,
            "",
            i + 1 == roots.len(),
            true,
            &mut out,
            &mut seen,
        );
    }
    let in_cycle: Vec<&Seat> = seats
        .seat
        .iter()
        .filter(|s| !seen.contains(&s.id))
        .collect();
    if !in_cycle.is_empty() {
        let names: Vec<&str> = in_cycle.iter().map(|s| s.id.as_str()).collect();
        out.push_str(&format!(
            "\nNot drawn: these seats report to each other in a loop: {}\n",
            names.join(", ")
        ));
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn draw(
    painter: Painter,
    seats: &SeatsFile,
    company: &CompanyFile,
    seat: &Seat,
    prefix: &str,
    last: bool,
    root: bool,
    out: &mut String,
    seen: &mut Vec<String>,
) {
    if seen.contains(&seat.id) {
        return;
    }
    seen.push(seat.id.clone());
    let branch = if root {
        ""
    } else if last {
        "└── "
    } else {
        "├── "
    };
    let people = if seat.people.is_empty() {
        painter.paint("(open seat)", DIM)
    } else {
        seat.people
            .iter()
            .map(|h| escape(company.display_name(h)).into_owned())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let name = if seat.name.is_empty() {
        &seat.id
    } else {
        &seat.name
    };
    out.push_str(&format!(
        "{prefix}{branch}{} — {people}\n",
        painter.paint(&escape(name), BOLD)
    ));
    let child_prefix = if root {
        prefix.to_string()
    } else {
        format!("{prefix}{}", if last { "    " } else { "│   " })
    };
    for role in &seat.roles {
        out.push_str(&format!("{child_prefix}  · {}\n", escape(role)));
    }
    let children: Vec<&Seat> = seats
        .seat
        .iter()
        .filter(|s| s.reports_to.as_deref() == Some(&seat.id))
        .collect();
    for (i, child) in children.iter().enumerate() {
        draw(
            painter,
            seats,
            company,
            child,
            &child_prefix,
            i + 1 == children.len(),
            false,
            out,
            seen,
        );
    }
}
