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

/// Completion of a set of rocks: done / all not dropped. EOS aims at 80%.
pub fn completion(rocks: &[&Rock]) -> Option<f64> {
    let counted = rocks
        .iter()
        .filter(|r| r.status != RockStatus::Dropped)
        .count();
    let done = rocks
        .iter()
        .filter(|r| r.status == RockStatus::Done)
        .count();
    (counted > 0).then(|| done as f64 * 100.0 / counted as f64)
}
