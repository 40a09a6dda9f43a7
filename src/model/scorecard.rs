//! The scorecard: measurables (`scorecard.toml`) and their weekly values
//! (`scorecard.csv`, one row per week and measurable).

use super::goal::Goal;
use super::time::Week;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Clone, Deserialize, Default)]
pub struct ScorecardFile {
    #[serde(default)]
    pub measurable: Vec<MeasurableRaw>,
}

/// A measurable as written; the goal is text until validated.
#[derive(Debug, Clone, Deserialize)]
pub struct MeasurableRaw {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub owner: String,
    /// Kept with its position so a bad goal is reported at `file:line:col`.
    pub goal: toml::Spanned<String>,
    #[serde(default)]
    pub unit: String,
    /// A command that prints the week's value (SPEC §9).
    pub source: Option<String>,
    /// The week `goal` is in force from (absent: always).
    pub goal_from: Option<toml::Spanned<String>>,
    /// Earlier goals, each in force from its week until the next one's.
    #[serde(default)]
    pub goals: Vec<EarlierGoalRaw>,
    /// The first week it was kept (written by `scorecard add`).
    pub since: Option<toml::Spanned<String>>,
}

/// An earlier goal as written: `{ from = "2026-W01", goal = ">= 15" }`.
#[derive(Debug, Clone, Deserialize)]
pub struct EarlierGoalRaw {
    pub from: toml::Spanned<String>,
    pub goal: toml::Spanned<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Measurable {
    pub id: String,
    #[serde(serialize_with = "super::absent::empty_as_null")]
    pub name: String,
    #[serde(serialize_with = "super::absent::empty_as_null")]
    pub owner: String,
    /// The goal in force now.
    pub goal: Goal,
    #[serde(serialize_with = "super::absent::empty_as_null")]
    pub unit: String,
    /// The command `scorecard pull` runs for the week's value, if any.
    pub source: Option<String>,
    /// The week `goal` holds from (`None`: always).
    pub goal_from: Option<Week>,
    /// Earlier goals, oldest first: each holds from its week until the
    /// next one's (or `goal_from`). Changing a goal never rewrites history.
    pub goals: Vec<EarlierGoal>,
    /// The first week the team kept it: no value before it is missing.
    /// (`None`, as in files written before `since`: every week counts.)
    pub since: Option<Week>,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct EarlierGoal {
    pub from: Week,
    pub goal: Goal,
}

impl Measurable {
    /// The goal in force in `week`: a value is judged against it.
    pub fn goal_in(&self, week: Week) -> Goal {
        match self.goal_from {
            Some(from) if week < from => self
                .goals
                .iter()
                .rev()
                .find(|g| g.from <= week)
                .or(self.goals.first())
                .map_or(self.goal, |g| g.goal),
            _ => self.goal,
        }
    }

    /// Whether `value` recorded for `week` meets the goal of that week.
    pub fn is_hit(&self, week: Week, value: f64) -> bool {
        self.goal_in(week).is_hit(value)
    }

    /// The goal in force in `week` as people read it: `>= $80,000`.
    pub fn goal_shown(&self, week: Week) -> String {
        super::number::goal_with_unit(self.goal_in(week), &self.unit)
    }
}

/// One recorded value: a row of `scorecard.csv`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Entry {
    pub week: Week,
    pub measurable: String,
    #[serde(serialize_with = "super::number::json")]
    pub value: f64,
    pub note: String,
    /// The row's line in the file, for messages.
    #[serde(skip)]
    pub line: u64,
}

/// All recorded values, indexed by (measurable, week). Two rows of the same
/// pair are listed in `duplicates` (the store refuses such a file; `pulse
/// check` names each pair); the index holds the later one.
#[derive(Debug, Clone, Default)]
pub struct Values {
    pub entries: Vec<Entry>,
    /// Measurable → (week, index into `entries`), sorted by week: rows come
    /// in week order, so this is built without hashing 15,000 weeks.
    index: HashMap<String, Vec<(Week, usize)>>,
    /// Rows that an earlier row of the same (week, measurable) was replaced
    /// by, as (earlier line, later line) in file order.
    pub duplicates: Vec<(u64, u64)>,
}

impl Values {
    pub fn new(entries: Vec<Entry>) -> Values {
        let mut index: HashMap<String, Vec<(Week, usize)>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            let weeks = match index.get_mut(&e.measurable) {
                Some(weeks) => weeks,
                None => index.entry(e.measurable.clone()).or_default(),
            };
            weeks.push((e.week, i));
        }
        let mut duplicates = Vec::new();
        for weeks in index.values_mut() {
            // Stable, so rows of the same week stay in file order: the later wins.
            weeks.sort_by_key(|&(week, _)| week);
            weeks.dedup_by(|later, earlier| {
                let same = later.0 == earlier.0;
                if same {
                    duplicates.push((entries[earlier.1].line, entries[later.1].line));
                    earlier.1 = later.1;
                }
                same
            });
        }
        duplicates.sort_by_key(|&(_, later)| later);
        Values {
            entries,
            index,
            duplicates,
        }
    }

    pub fn get(&self, measurable: &str, week: Week) -> Option<&Entry> {
        let weeks = self.index.get(measurable)?;
        let at = weeks.binary_search_by_key(&week, |&(w, _)| w).ok()?;
        Some(&self.entries[weeks[at].1])
    }
}

/// Formats a value with its unit for people: `$1,200`, `98%`, `23`
/// (thousands grouped; see [`super::number`]).
pub fn format_with_unit(value: f64, unit: &str) -> String {
    super::number::with_unit(value, unit)
}

#[cfg(test)]
mod goal_history_tests {
    use super::*;

    fn week(s: &str) -> Week {
        s.parse().unwrap()
    }

    /// W50's $83,500 was a hit against 80,000; a new goal of 85,000 from W52
    /// leaves it a hit.
    #[test]
    fn a_new_goal_never_rewrites_past_weeks() {
        let m = Measurable {
            id: "revenue".into(),
            name: "Revenue".into(),
            owner: "kofi".into(),
            goal: ">= 85000".parse().unwrap(),
            unit: "$".into(),
            source: None,
            goal_from: Some(week("2026-W52")),
            since: None,
            goals: vec![
                EarlierGoal {
                    from: week("2026-W01"),
                    goal: ">= 70000".parse().unwrap(),
                },
                EarlierGoal {
                    from: week("2026-W40"),
                    goal: ">= 80000".parse().unwrap(),
                },
            ],
        };
        assert!(m.is_hit(week("2026-W50"), 83_500.0));
        assert!(!m.is_hit(week("2026-W52"), 83_500.0));
        assert_eq!(m.goal_in(week("2026-W10")).to_string(), ">= 70000");
        // Before the first earlier goal: the first one known.
        assert_eq!(m.goal_in(week("2025-W10")).to_string(), ">= 70000");
    }
}
