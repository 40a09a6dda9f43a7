//! Rocks added, removed, renamed, moved, re-dated; statuses and milestones.

use super::{Component, Differ, Kind, by_id};
use crate::model::rock::RocksFile;

impl Differ<'_> {
    pub(super) fn rocks(&mut self) {
        for rel in self.changed_paths("rocks") {
            let quarter = rel
                .trim_start_matches("rocks/")
                .trim_end_matches(".toml")
                .to_string();
            let Some((old, new)) = self.pair::<RocksFile>(&rel) else {
                continue;
            };
            let (matched, gone) = by_id(&old.rock, &new.rock, |r| r.id.as_str());
            for (r, was) in matched {
                match was {
                    None => {
                        let kind = if r.company { "company rock" } else { "rock" };
                        self.push(
                            Component::Rocks,
                            Kind::Added,
                            &r.id,
                            format!(
                                "{kind} added for {quarter}: {:?} ({}, {})",
                                r.title, r.owner, r.status
                            ),
                        );
                    }
                    Some(o) => {
                        if o.title != r.title {
                            self.push(
                                Component::Rocks,
                                Kind::Renamed,
                                &r.id,
                                format!("rock {:?} renamed to {:?}", o.title, r.title),
                            );
                        }
                        if o.status != r.status {
                            self.push(
                                Component::Rocks,
                                Kind::Status,
                                &r.id,
                                format!("{:?}: {} → {} ({})", r.title, o.status, r.status, r.owner),
                            );
                        }
                        if o.owner != r.owner {
                            self.push(
                                Component::Rocks,
                                Kind::Owner,
                                &r.id,
                                format!("{:?} moved from {} to {}", r.title, o.owner, r.owner),
                            );
                        }
                        if o.due != r.due {
                            let show = |d: Option<crate::model::time::Date>| {
                                d.map(|d| d.0.to_string()).unwrap_or_else(|| "none".into())
                            };
                            self.push(
                                Component::Rocks,
                                Kind::Due,
                                &r.id,
                                format!("{:?}: due {} → {}", r.title, show(o.due), show(r.due)),
                            );
                        }
                        for m in &r.milestones {
                            match o.milestones.iter().find(|x| x.title == m.title) {
                                None => self.push(
                                    Component::Rocks,
                                    Kind::MilestoneAdded,
                                    &r.id,
                                    format!("{:?}: milestone {:?} added", r.title, m.title),
                                ),
                                Some(x) if !x.done && m.done => self.push(
                                    Component::Rocks,
                                    Kind::MilestoneDone,
                                    &r.id,
                                    format!("{:?}: milestone {:?} done", r.title, m.title),
                                ),
                                _ => {}
                            }
                        }
                    }
                }
            }
            for r in gone {
                self.push(
                    Component::Rocks,
                    Kind::Removed,
                    &r.id,
                    format!("rock removed from {quarter}: {:?} ({})", r.title, r.owner),
                );
            }
        }
    }
}
