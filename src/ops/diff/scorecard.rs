//! Measurables defined and changed, and values recorded (hit or miss against
//! their goal).

use super::history::Files;
use super::{Component, Differ, Kind, by_id};
use crate::model::goal::Goal;
use crate::model::number::goal_with_unit;
use crate::model::scorecard::{Entry, ScorecardFile};
use crate::store::files::FileRef;
use crate::store::values;
use std::collections::BTreeMap;

impl Differ<'_> {
    pub(super) fn scorecard(&mut self) {
        let defs: Option<(ScorecardFile, ScorecardFile)> = self.pair("scorecard.toml");
        let current: ScorecardFile =
            self.parse(self.new, &format!("{}scorecard.toml", self.data), "now");
        let goals: BTreeMap<String, (String, Option<Goal>, String)> = current
            .measurable
            .iter()
            .map(|m| {
                (
                    m.id.clone(),
                    (
                        if m.name.is_empty() {
                            m.id.clone()
                        } else {
                            m.name.clone()
                        },
                        m.goal.get_ref().parse().ok(),
                        m.unit.clone(),
                    ),
                )
            })
            .collect();
        if let Some((old, new)) = defs {
            let (matched, gone) = by_id(&old.measurable, &new.measurable, |m| m.id.as_str());
            for (m, was) in matched {
                match was {
                    None => self.push(
                        Component::Scorecard,
                        Kind::Added,
                        &m.id,
                        format!(
                            "measurable added: {} (goal {}, {})",
                            m.name,
                            goal_text(m.goal.get_ref(), &m.unit),
                            m.owner
                        ),
                    ),
                    Some(o) => {
                        if o.goal.get_ref() != m.goal.get_ref() {
                            self.push(
                                Component::Scorecard,
                                Kind::Goal,
                                &m.id,
                                format!(
                                    "{}: goal {} → {}",
                                    m.name,
                                    goal_text(o.goal.get_ref(), &o.unit),
                                    goal_text(m.goal.get_ref(), &m.unit)
                                ),
                            );
                        }
                        if o.owner != m.owner {
                            self.push(
                                Component::Scorecard,
                                Kind::Owner,
                                &m.id,
                                format!("{}: owner {} → {}", m.name, o.owner, m.owner),
                            );
                        }
                        if o.name != m.name {
                            self.push(
                                Component::Scorecard,
                                Kind::Renamed,
                                &m.id,
                                format!("measurable {:?} renamed to {:?}", o.name, m.name),
                            );
                        }
                        // A source is code that runs once trusted: a change
                        // to it is worth a line after every sync.
                        if o.source != m.source {
                            let what = match (&o.source, &m.source) {
                                (None, Some(new)) => format!("source set to `{new}`"),
                                (Some(_), None) => "source removed".to_string(),
                                (Some(old), Some(new)) => format!("source `{old}` → `{new}`"),
                                (None, None) => String::new(),
                            };
                            self.push(
                                Component::Scorecard,
                                Kind::Changed,
                                &m.id,
                                format!("{}: {what}", m.name),
                            );
                        }
                    }
                }
            }
            for m in gone {
                self.push(
                    Component::Scorecard,
                    Kind::Removed,
                    &m.id,
                    format!("measurable removed: {}", m.name),
                );
            }
        }
        let path = format!("{}scorecard.csv", self.data);
        if self.old.get(&path) == self.new.get(&path) {
            return;
        }
        let read = |files: &Files, warnings: &mut Vec<String>| -> Vec<Entry> {
            let Some(text) = files.get(&path) else {
                return Vec::new();
            };
            let file = FileRef {
                path: path.clone().into(),
                display: path.clone(),
            };
            match values::parse_values(&file, text) {
                Ok(v) => v.entries,
                Err(e) => {
                    warnings.push(format!("{path} does not parse: {}", e.message));
                    Vec::new()
                }
            }
        };
        let old_entries = read(self.old, &mut self.warnings);
        let new_entries = read(self.new, &mut self.warnings);
        // Keys borrow from the entries: a year of history compares thousands of rows.
        let old_map: std::collections::HashMap<(&str, crate::model::time::Week), f64> = old_entries
            .iter()
            .map(|e| ((e.measurable.as_str(), e.week), e.value))
            .collect();
        let mut latest: std::collections::HashMap<(&str, crate::model::time::Week), &Entry> =
            std::collections::HashMap::with_capacity(new_entries.len());
        for e in &new_entries {
            latest.insert((e.measurable.as_str(), e.week), e);
        }
        let mut recorded: Vec<&Entry> = latest
            .values()
            .copied()
            .filter(|e| old_map.get(&(e.measurable.as_str(), e.week)) != Some(&e.value))
            .collect();
        recorded.sort_by_key(|e| (e.week, e.measurable.clone()));
        for e in recorded {
            let (name, goal, unit) = goals.get(&e.measurable).cloned().unwrap_or((
                e.measurable.clone(),
                None,
                String::new(),
            ));
            let value = crate::model::scorecard::format_with_unit(e.value, &unit);
            let verdict = match goal {
                Some(g) if g.is_hit(e.value) => format!("hit, goal {}", goal_with_unit(g, &unit)),
                Some(g) => format!("miss, goal {}", goal_with_unit(g, &unit)),
                None => "no goal".into(),
            };
            let was = old_map
                .get(&(e.measurable.as_str(), e.week))
                .map(|v| format!(", was {}", crate::model::number::with_unit(*v, &unit)))
                .unwrap_or_default();
            self.push(
                Component::Scorecard,
                Kind::Recorded,
                &e.measurable,
                format!("{name} {}: {value} ({verdict}{was})", e.week),
            );
        }
    }
}

/// A goal as written in a file, shown with its unit (as written when it
/// does not parse).
fn goal_text(raw: &str, unit: &str) -> String {
    raw.parse::<Goal>()
        .map(|g| goal_with_unit(g, unit))
        .unwrap_or_else(|_| raw.to_string())
}
