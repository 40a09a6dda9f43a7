//! Meetings: headlines, ratings and cascading messages.

use super::{Component, Differ, Kind};
use crate::model::meeting::Meeting;

impl Differ<'_> {
    pub(super) fn meetings(&mut self) {
        for rel in self.changed_paths("meetings") {
            let date = rel
                .trim_start_matches("meetings/")
                .trim_end_matches(".toml")
                .to_string();
            let Some((old, new)) = self.pair::<Meeting>(&rel) else {
                continue;
            };
            for h in new.headlines.iter().filter(|h| !old.headlines.contains(h)) {
                self.push(
                    Component::Meetings,
                    Kind::Headline,
                    &date,
                    format!(
                        "{date}: headline from {} ({}): {}",
                        h.by,
                        h.kind.as_str(),
                        h.text
                    ),
                );
            }
            if new.ratings != old.ratings
                && let Some(avg) = new.average_rating()
            {
                self.push(
                    Component::Meetings,
                    Kind::Rated,
                    &date,
                    format!("{date}: rated {avg:.1} by {} people", new.ratings.len()),
                );
            }
            for c in new.cascade.iter().filter(|c| !old.cascade.contains(c)) {
                self.push(
                    Component::Meetings,
                    Kind::Cascade,
                    &date,
                    format!("{date}: cascade {c:?}"),
                );
            }
        }
    }
}
