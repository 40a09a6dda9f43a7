//! The roster, the meeting's settings and the accountability chart.

use super::{Component, Differ, Kind, by_id};
use crate::model::company::CompanyFile;
use crate::model::seats::SeatsFile;

impl Differ<'_> {
    pub(super) fn people_and_seats(&mut self) {
        if let Some((old, new)) = self.pair::<CompanyFile>("company.toml") {
            for (h, p) in &new.people {
                match old.people.get(h) {
                    None => self.push(
                        Component::People,
                        Kind::Added,
                        h,
                        format!("{} joined as `{h}`", p.name),
                    ),
                    Some(o) => {
                        if o.name != p.name {
                            self.push(
                                Component::People,
                                Kind::Renamed,
                                h,
                                format!("`{h}` renamed from {} to {}", o.name, p.name),
                            );
                        }
                        if let (None, Some(left)) = (o.left, p.left) {
                            self.push(
                                Component::People,
                                Kind::Left,
                                h,
                                format!("{} (`{h}`) left on {}", p.name, left.0),
                            );
                        }
                    }
                }
            }
            for (h, p) in old
                .people
                .iter()
                .filter(|(h, _)| !new.people.contains_key(*h))
            {
                self.push(
                    Component::People,
                    Kind::Removed,
                    h,
                    format!("{} (`{h}`) left the roster", p.name),
                );
            }
            if old.meeting.weekday != new.meeting.weekday
                || old.meeting.time != new.meeting.time
                || old.meeting.minutes != new.meeting.minutes
            {
                self.push(
                    Component::People,
                    Kind::Meeting,
                    "meeting",
                    format!(
                        "the weekly meeting is now {} at {}, {} minutes",
                        new.meeting.weekday, new.meeting.time, new.meeting.minutes
                    ),
                );
            }
        }
        let Some((old, new)) = self.pair::<SeatsFile>("seats.toml") else {
            return;
        };
        let (matched, gone) = by_id(&old.seat, &new.seat, |s| s.id.as_str());
        for (s, was) in matched {
            match was {
                None => self.push(
                    Component::Seats,
                    Kind::Added,
                    &s.id,
                    format!(
                        "seat added: {} ({})",
                        s.name,
                        if s.people.is_empty() {
                            "open".to_string()
                        } else {
                            s.people.join(", ")
                        }
                    ),
                ),
                Some(o) => {
                    for p in s.people.iter().filter(|p| !o.people.contains(p)) {
                        self.push(
                            Component::Seats,
                            Kind::Assigned,
                            &s.id,
                            format!("{p} now sits in {}", s.name),
                        );
                    }
                    for p in o.people.iter().filter(|p| !s.people.contains(p)) {
                        self.push(
                            Component::Seats,
                            Kind::Unassigned,
                            &s.id,
                            format!("{p} left the {} seat", s.name),
                        );
                    }
                    if o.reports_to != s.reports_to {
                        self.push(
                            Component::Seats,
                            Kind::ReportsTo,
                            &s.id,
                            format!(
                                "{} now reports to {}",
                                s.name,
                                s.reports_to.as_deref().unwrap_or("nobody")
                            ),
                        );
                    }
                    if o.roles != s.roles {
                        self.push(
                            Component::Seats,
                            Kind::Roles,
                            &s.id,
                            format!("{} roles: {}", s.name, s.roles.join("; ")),
                        );
                    }
                    if o.name != s.name {
                        self.push(
                            Component::Seats,
                            Kind::Renamed,
                            &s.id,
                            format!("seat {:?} renamed to {:?}", o.name, s.name),
                        );
                    }
                }
            }
        }
        for s in gone {
            self.push(
                Component::Seats,
                Kind::Removed,
                &s.id,
                format!("seat removed: {}", s.name),
            );
        }
    }
}
