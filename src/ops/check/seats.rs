//! seats.toml: the accountability chart's references, loops and empty
//! seats, and EOS's shape: one seat on top (a Visionary above the
//! Integrator is the one exception), one person per seat, 3 to 7 roles.

use super::findings::{Findings, Named, Roster, duplicates};
use crate::model::eos;
use crate::model::seats::SeatsFile;
use crate::store::Workspace;
use crate::store::parse::IdLines;
use std::collections::HashSet;

pub fn check_seats(f: &mut Findings, ws: &Workspace, roster: &Roster) {
    let company = &ws.company;
    let seats_file = ws.seats_file();
    if let Some((seats, text)) = f.load::<SeatsFile>(&seats_file) {
        let seat_lines = IdLines::new(&text);
        duplicates(
            f,
            &seats_file,
            &seat_lines,
            "seat",
            seats.seat.iter().map(|s| s.id.as_str()),
        );
        let ids = seats.ids();
        for seat in &seats.seat {
            let line = Some(seat_lines.first(&seat.id));
            if let Some(parent) = &seat.reports_to
                && !ids.contains(&parent.as_str())
            {
                f.error(
                    &seats_file,
                    line,
                    format!(
                        "seat `{}` reports to unknown seat `{parent}` (seats: {})",
                        seat.id,
                        ids.join(", ")
                    ),
                );
            }
            for person in &seat.people {
                roster.check(f, &seats_file, || line, Named("seat", &seat.id), person);
            }
            if seat.people.is_empty() {
                f.note(
                    &seats_file,
                    line,
                    format!("seat `{}` has nobody in it", seat.id),
                );
            }
            if seat.people.len() > eos::PEOPLE_PER_SEAT {
                f.warn(
                    &seats_file,
                    line,
                    format!(
                        "seat `{}` is shared by {}: EOS puts one person in each seat (split the seat, or choose one)",
                        seat.id,
                        seat.people.join(", ")
                    ),
                );
            }
            let roles = seat.roles.len();
            if !eos::ROLES_PER_SEAT.within(roles) {
                f.warn(
                    &seats_file,
                    line,
                    format!(
                        "seat `{}` has {roles} role{}: EOS gives a seat {} (`pulse seat edit {} --role R ...`)",
                        seat.id,
                        if roles == 1 { "" } else { "s" },
                        eos::ROLES_PER_SEAT.range(),
                        crate::shell::quote(&seat.id)
                    ),
                );
            }
        }
        let top: Vec<&str> = seats
            .seat
            .iter()
            .filter(|s| s.reports_to.is_none())
            .map(|s| s.id.as_str())
            .collect();
        if top.len() > eos::TOP_SEATS {
            f.warn(
                &seats_file,
                Some(seat_lines.first(top[1])),
                format!(
                    "{} seats report to no one ({}): the chart has one seat on top (a Visionary may sit above the Integrator); move the others under it with `pulse seat edit SEAT --reports-to SEAT`",
                    top.len(),
                    top.join(", ")
                ),
            );
        }
        for cycle in seats.cycles() {
            f.error(
                &seats_file,
                None,
                format!(
                    "seats report to each other in a loop: {} → {}",
                    cycle.join(" → "),
                    cycle[0]
                ),
            );
        }
        if !seats.seat.is_empty() {
            let seated: HashSet<&str> = seats
                .seat
                .iter()
                .flat_map(|s| s.people.iter().map(String::as_str))
                .collect();
            for handle in company.active_handles().filter(|h| !seated.contains(h)) {
                f.note(&seats_file, None, format!("{handle} sits in no seat"));
            }
        }
    }
}
