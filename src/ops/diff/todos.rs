//! To-dos added, done (late or not), renamed, removed, overdue.

use super::{Component, Differ, Kind, by_id};
use crate::model::todo::TodosFile;

impl Differ<'_> {
    pub(super) fn todos(&mut self) {
        let Some((old, new)) = self.pair_with_archive::<TodosFile>("todos.toml") else {
            return;
        };
        let (matched, gone) = by_id(&old.todo, &new.todo, |t| t.id.as_str());
        let today = self.ctx.today;
        for (t, was) in matched {
            let due = t.due_date().map(|d| d.to_string()).unwrap_or_default();
            match was {
                None => {
                    self.push(
                        Component::Todos,
                        Kind::Added,
                        &t.id,
                        format!("added: {:?} ({}, due {due})", t.title, t.owner),
                    );
                    if t.is_done() {
                        self.push(
                            Component::Todos,
                            Kind::Done,
                            &t.id,
                            format!("done: {:?} ({})", t.title, t.owner),
                        );
                    }
                }
                Some(o) => {
                    if !o.is_done() && t.is_done() {
                        let late = if t.done_on_time() { "" } else { ", late" };
                        self.push(
                            Component::Todos,
                            Kind::Done,
                            &t.id,
                            format!("done: {:?} ({}{late})", t.title, t.owner),
                        );
                    }
                    if o.title != t.title {
                        self.push(
                            Component::Todos,
                            Kind::Renamed,
                            &t.id,
                            format!("to-do {:?} renamed to {:?}", o.title, t.title),
                        );
                    }
                }
            }
            if t.is_overdue(today) && was.is_none_or(|o| !o.is_done()) {
                self.push(
                    Component::Todos,
                    Kind::Overdue,
                    &t.id,
                    format!("overdue since {due}: {:?} ({})", t.title, t.owner),
                );
            }
        }
        for t in gone {
            self.push(
                Component::Todos,
                Kind::Removed,
                &t.id,
                format!("removed: {:?} ({})", t.title, t.owner),
            );
        }
    }
}
