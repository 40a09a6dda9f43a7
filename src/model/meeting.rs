//! `meetings/YYYY-MM-DD.toml`: one meeting's headlines, ratings and cascading messages.

use super::time::{Date, DateTime};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Deserialize, Serialize, Default, PartialEq)]
pub struct Meeting {
    #[serde(default)]
    pub kind: MeetingKind,
    pub date: Option<Date>,
    /// When `meeting run` started and ended it.
    pub started: Option<DateTime>,
    pub ended: Option<DateTime>,
    /// Minutes each section took, by section.
    #[serde(default)]
    pub minutes: BTreeMap<String, u32>,
    #[serde(default)]
    pub attendees: Vec<String>,
    #[serde(default)]
    pub headlines: Vec<Headline>,
    #[serde(default)]
    pub ratings: BTreeMap<String, u8>,
    #[serde(default)]
    pub cascade: Vec<String>,
    /// Where an unfinished `meeting run` stands, so that a second run resumes it.
    pub run: Option<RunRecord>,
}

/// `[run]` in a meeting file: written by `meeting run` while the meeting
/// runs, removed when it ends after Conclude. Seconds rather than the
/// `minutes` table's whole minutes, so that a resumed clock loses nothing.
#[derive(Debug, Clone, Deserialize, Serialize, Default, PartialEq)]
pub struct RunRecord {
    /// The section the run was in (a key of `minutes`).
    pub section: Option<String>,
    /// The seconds each section has run, by section.
    #[serde(default)]
    pub seconds: BTreeMap<String, u64>,
    /// The company files the run changed, relative to the company folder,
    /// for the one commit made on leaving.
    #[serde(default)]
    pub files: Vec<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "kebab-case")]
pub enum MeetingKind {
    #[default]
    L10,
    Quarterly,
    Annual,
}

impl MeetingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingKind::L10 => "l10",
            MeetingKind::Quarterly => "quarterly",
            MeetingKind::Annual => "annual",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Headline {
    #[serde(default, serialize_with = "super::absent::empty_as_null")]
    pub by: String,
    #[serde(default)]
    pub kind: HeadlineKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "kebab-case")]
pub enum HeadlineKind {
    Customer,
    Employee,
    #[default]
    Other,
}

impl HeadlineKind {
    pub fn as_str(self) -> &'static str {
        match self {
            HeadlineKind::Customer => "customer",
            HeadlineKind::Employee => "employee",
            HeadlineKind::Other => "other",
        }
    }
}

impl Meeting {
    /// The average rating, if anyone rated the meeting.
    pub fn average_rating(&self) -> Option<f64> {
        let n = self.ratings.len();
        (n > 0).then(|| self.ratings.values().map(|&r| f64::from(r)).sum::<f64>() / n as f64)
    }
}

/// Validates a meeting rating (1..10).
pub fn parse_rating(text: &str) -> Result<u8, String> {
    text.trim()
        .parse::<u8>()
        .ok()
        .filter(|r| (1..=10).contains(r))
        .ok_or_else(|| format!("invalid rating `{text}`: expected a whole number from 1 to 10"))
}
