//! `rocks/YYYY-Qn.toml`: the quarter's 90-day priorities and their milestones.

use super::time::Date;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Deserialize, Serialize, Default)]
pub struct RocksFile {
    #[serde(default)]
    pub rock: Vec<Rock>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Rock {
    pub id: String,
    pub title: String,
    #[serde(default, serialize_with = "super::absent::empty_as_null")]
    pub owner: String,
    #[serde(default)]
    pub company: bool,
    #[serde(default)]
    pub status: RockStatus,
    pub due: Option<Date>,
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    /// The quarter this rock was rolled over from.
    pub rolled_from: Option<String>,
    /// The quarter it was rolled into when its own quarter closed.
    pub rolled_to: Option<String>,
    /// The issue it became when its quarter closed.
    pub issue: Option<String>,
    /// The to-do the rest of it became when its quarter closed.
    #[serde(default)]
    pub todo: Option<String>,
}

/// What became of a rock not done when its quarter closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fate {
    /// Rolled into this quarter.
    Rolled(String),
    /// Became this long-term issue.
    Issue(String),
    /// The rest of it became this to-do.
    Todo(String),
}

impl fmt::Display for Fate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fate::Rolled(q) => write!(f, "rolled to {q}"),
            Fate::Issue(id) => write!(f, "issue {id}"),
            Fate::Todo(id) => write!(f, "to-do {id}"),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Milestone {
    pub title: String,
    pub due: Option<Date>,
    #[serde(default)]
    pub done: bool,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Default, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum RockStatus {
    #[default]
    OnTrack,
    OffTrack,
    Done,
    Dropped,
    /// Written by `quarter close` on every rock of the closed quarter that
    /// was not done; the rock then says what became of it.
    NotDone,
}

impl RockStatus {
    /// Every status a file may hold.
    pub const ALL: [RockStatus; 5] = [
        RockStatus::OnTrack,
        RockStatus::OffTrack,
        RockStatus::Done,
        RockStatus::Dropped,
        RockStatus::NotDone,
    ];

    /// The statuses `rock set` takes: `not-done` is `quarter close`'s.
    pub const SETTABLE: [RockStatus; 4] = [
        RockStatus::OnTrack,
        RockStatus::OffTrack,
        RockStatus::Done,
        RockStatus::Dropped,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RockStatus::OnTrack => "on-track",
            RockStatus::OffTrack => "off-track",
            RockStatus::Done => "done",
            RockStatus::Dropped => "dropped",
            RockStatus::NotDone => "not-done",
        }
    }

    /// Still under way: on or off track.
    pub fn is_open(self) -> bool {
        matches!(self, RockStatus::OnTrack | RockStatus::OffTrack)
    }

    /// A status `rock set` takes (`not-done` is written by `quarter close`).
    pub fn parse(text: &str) -> Result<RockStatus, String> {
        if text.trim() == RockStatus::NotDone.as_str() {
            return Err(format!(
                "rock status `{text}` is set by `pulse quarter close`: expected one of on-track, off-track, done, dropped"
            ));
        }
        RockStatus::SETTABLE
            .into_iter()
            .find(|s| s.as_str() == text.trim())
            .ok_or_else(|| {
                format!("invalid rock status `{text}`: expected one of on-track, off-track, done, dropped")
            })
    }
}

impl fmt::Display for RockStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Rock {
    pub fn milestones_done(&self) -> usize {
        self.milestones.iter().filter(|m| m.done).count()
    }

    /// What became of it at its quarter's close, if that was decided. A file
    /// written before `todo` existed, or by hand, may name more than one:
    /// the first of rolled, issue, to-do wins here (`check` flags it).
    pub fn fate(&self) -> Option<Fate> {
        if let Some(q) = &self.rolled_to {
            return Some(Fate::Rolled(q.clone()));
        }
        if let Some(i) = &self.issue {
            return Some(Fate::Issue(i.clone()));
        }
        self.todo.clone().map(Fate::Todo)
    }

    /// Every decision the rock records: more than one is a contradiction.
    pub fn fates(&self) -> Vec<&'static str> {
        [
            ("rolled_to", self.rolled_to.is_some()),
            ("issue", self.issue.is_some()),
            ("todo", self.todo.is_some()),
        ]
        .into_iter()
        .filter_map(|(k, on)| on.then_some(k))
        .collect()
    }

    /// How a closed (past) quarter's table shows it: done, or not done and
    /// what became of it (the issue's or to-do's id is in the file and the
    /// JSON: a table keeps to 80 columns). A rock of an old file that rolled
    /// or dropped to the issues list before `not-done` existed still reads
    /// as not done.
    pub fn settled_word(&self) -> String {
        if self.status == RockStatus::Done {
            return "done".into();
        }
        match self.fate() {
            Some(Fate::Rolled(q)) => format!("not done, rolled to {q}"),
            Some(Fate::Issue(_)) => "not done, to issues".into(),
            Some(Fate::Todo(_)) => "not done, to a to-do".into(),
            None => "not done, undecided".into(),
        }
    }
}

/// Completion of a set of rocks: done / all of them. In EOS a rock is done
/// or not done: a dropped one counts as not done and never leaves the
/// denominator (4 done of 6, one dropped, is 67%). EOS aims at 80%.
pub fn completion(rocks: &[&Rock]) -> Option<f64> {
    let done = rocks
        .iter()
        .filter(|r| r.status == RockStatus::Done)
        .count();
    (!rocks.is_empty()).then(|| done as f64 * 100.0 / rocks.len() as f64)
}

#[cfg(test)]
mod completion_tests {
    use super::*;

    fn rock(status: RockStatus) -> Rock {
        Rock {
            id: "r".into(),
            title: "R".into(),
            owner: "zoe".into(),
            company: false,
            status,
            due: None,
            milestones: Vec::new(),
            rolled_from: None,
            rolled_to: None,
            issue: None,
            todo: None,
        }
    }

    /// 4 of 6 done with one dropped was shown as 80%: it is 67%.
    #[test]
    fn rock_completion_counts_every_committed_rock() {
        use RockStatus::*;
        let rocks: Vec<Rock> = [Done, Done, Done, Done, OffTrack, Dropped]
            .into_iter()
            .map(rock)
            .collect();
        let refs: Vec<&Rock> = rocks.iter().collect();
        assert_eq!(completion(&refs).map(|c| c.round()), Some(67.0));
        assert_eq!(completion(&[&rock(Done), &rock(NotDone)]), Some(50.0));
        assert_eq!(completion(&[&rock(Dropped)]), Some(0.0));
        assert_eq!(completion(&[]), None);
    }
}
