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
    #[serde(default)]
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
}

impl RockStatus {
    pub const ALL: [RockStatus; 4] = [
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
        }
    }

    /// Still under way: on or off track.
    pub fn is_open(self) -> bool {
        matches!(self, RockStatus::OnTrack | RockStatus::OffTrack)
    }

    pub fn parse(text: &str) -> Result<RockStatus, String> {
        RockStatus::ALL
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
        assert_eq!(completion(&[&rock(Dropped)]), Some(0.0));
        assert_eq!(completion(&[]), None);
    }
}
