//! Issues raised, solved, dropped, reopened, moved and prioritised.

use super::{Component, Differ, Kind, by_id};
use crate::model::issue::{Issue, IssueStatus, IssuesFile};

impl Differ<'_> {
    pub(super) fn issues(&mut self) {
        let Some((old, new)) = self.pair_with_archive::<IssuesFile>("issues.toml") else {
            return;
        };
        let (matched, gone) = by_id(&old.issue, &new.issue, |i| i.id.as_str());
        for (i, was) in matched {
            let long = if i.term == crate::model::issue::Term::Long {
                " (long-term)"
            } else {
                ""
            };
            match was {
                None => {
                    let by = if i.owner.is_empty() {
                        String::new()
                    } else {
                        format!(" by {}", i.owner)
                    };
                    self.push(
                        Component::Issues,
                        Kind::Raised,
                        &i.id,
                        format!("raised{long}: {:?}{by}", i.title),
                    );
                    match i.status {
                        IssueStatus::Solved => self.solved(i),
                        IssueStatus::Dropped => self.push(
                            Component::Issues,
                            Kind::Dropped,
                            &i.id,
                            format!("dropped: {:?}", i.title),
                        ),
                        IssueStatus::Open => {}
                    }
                }
                Some(o) => {
                    if o.title != i.title {
                        self.push(
                            Component::Issues,
                            Kind::Renamed,
                            &i.id,
                            format!("issue {:?} renamed to {:?}", o.title, i.title),
                        );
                    }
                    if o.status != i.status {
                        match i.status {
                            IssueStatus::Solved => self.solved(i),
                            IssueStatus::Dropped => self.push(
                                Component::Issues,
                                Kind::Dropped,
                                &i.id,
                                format!("dropped: {:?}", i.title),
                            ),
                            IssueStatus::Open => self.push(
                                Component::Issues,
                                Kind::Reopened,
                                &i.id,
                                format!("reopened: {:?}", i.title),
                            ),
                        }
                    }
                    if o.term != i.term {
                        self.push(
                            Component::Issues,
                            Kind::Moved,
                            &i.id,
                            format!("{:?} moved to the {}-term list", i.title, i.term.as_str()),
                        );
                    }
                    if o.priority != i.priority && i.is_open() {
                        let p = i
                            .priority
                            .map(|p| format!("top three #{p}"))
                            .unwrap_or_else(|| "out of the top three".into());
                        self.push(
                            Component::Issues,
                            Kind::Priority,
                            &i.id,
                            format!("{:?}: {p}", i.title),
                        );
                    }
                }
            }
        }
        for i in gone {
            self.push(
                Component::Issues,
                Kind::Removed,
                &i.id,
                format!("removed from the list: {:?}", i.title),
            );
        }
    }

    fn solved(&mut self, i: &Issue) {
        let resolution = i
            .resolution
            .as_deref()
            .map(|r| format!(" — {r}"))
            .unwrap_or_default();
        self.push(
            Component::Issues,
            Kind::Solved,
            &i.id,
            format!("solved: {:?}{resolution}", i.title),
        );
    }
}
