//! `company.toml`: identity, the roster of people, meeting settings, options.

use super::time::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Deserialize, Serialize, Default)]
pub struct CompanyFile {
    #[serde(default)]
    pub company: CompanyInfo,
    #[serde(default)]
    pub meeting: MeetingSettings,
    #[serde(default)]
    pub people: BTreeMap<String, Person>,
    #[serde(default)]
    pub git: GitSettings,
    /// Where the other files live, relative to `company.toml`.
    pub data: Option<String>,
    #[serde(default)]
    pub demo: DemoSettings,
    #[serde(default)]
    pub scorecard: ScorecardSettings,
    #[serde(default)]
    pub privacy: PrivacySettings,
    #[serde(default)]
    pub people_analyzer: AnalyzerSettings,
}

/// `[privacy]`: where the files about people live (SPEC §11).
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
pub struct PrivacySettings {
    /// A folder, usually a separate private git repository, that holds
    /// `people.toml` and `people/` instead of the company folder; relative
    /// to `company.toml`, and the one path allowed outside it.
    pub people_dir: Option<String>,
}

/// `[people_analyzer]`: the team's bar for the core values.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, Default)]
pub struct AnalyzerSettings {
    #[serde(default)]
    pub bar: super::people::Bar,
}

/// `[scorecard]`: how `scorecard pull` runs the measurables' sources.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
pub struct ScorecardSettings {
    /// Seconds a source may run before its processes are killed (default 30).
    pub source_timeout: Option<u64>,
}

impl ScorecardSettings {
    pub const DEFAULT_TIMEOUT: u64 = 30;

    /// The time limit of one source, in seconds; an error names a limit of 0.
    pub fn timeout(&self) -> Result<u64, String> {
        match self.source_timeout {
            None => Ok(Self::DEFAULT_TIMEOUT),
            Some(0) => Err(
                "company.toml: [scorecard] source_timeout = 0: expected a number of seconds, 1 or more"
                    .to_string(),
            ),
            Some(n) => Ok(n),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, Default)]
pub struct CompanyInfo {
    #[serde(default, serialize_with = "super::absent::empty_as_null")]
    pub name: String,
    pub founded: Option<Date>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct MeetingSettings {
    #[serde(default = "default_weekday")]
    pub weekday: String,
    #[serde(default = "default_time")]
    pub time: String,
    #[serde(default = "default_minutes")]
    pub minutes: u32,
}

fn default_weekday() -> String {
    "monday".into()
}
fn default_time() -> String {
    "09:00".into()
}
fn default_minutes() -> u32 {
    90
}

impl Default for MeetingSettings {
    fn default() -> Self {
        MeetingSettings {
            weekday: default_weekday(),
            time: default_time(),
            minutes: default_minutes(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, Default)]
pub struct Person {
    #[serde(default, serialize_with = "super::absent::empty_as_null")]
    pub name: String,
    pub email: Option<String>,
    /// The day they left (`pulse person remove`): the handle stays valid for
    /// history, but new items no longer go to them.
    pub left: Option<Date>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct GitSettings {
    #[serde(default = "yes")]
    pub commit: bool,
}

fn yes() -> bool {
    true
}

impl Default for GitSettings {
    fn default() -> Self {
        GitSettings { commit: true }
    }
}

/// `[demo] today = 2026-11-25` pins the calendar of a company that is a
/// snapshot (the demo in `examples/`), so it reads the same on any date.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
pub struct DemoSettings {
    pub today: Option<Date>,
}

impl CompanyFile {
    pub fn handles(&self) -> impl Iterator<Item = &str> {
        self.people.keys().map(String::as_str)
    }

    pub fn has_person(&self, handle: &str) -> bool {
        self.people.contains_key(handle)
    }

    /// The handles of the people still with the company.
    pub fn active_handles(&self) -> impl Iterator<Item = &str> {
        self.people
            .iter()
            .filter(|(_, p)| p.left.is_none())
            .map(|(h, _)| h.as_str())
    }

    /// When a person left, if they did.
    pub fn left(&self, handle: &str) -> Option<Date> {
        self.people.get(handle).and_then(|p| p.left)
    }

    /// A person's display name, falling back to the handle.
    pub fn display_name<'a>(&'a self, handle: &'a str) -> &'a str {
        self.people
            .get(handle)
            .map(|p| p.name.as_str())
            .filter(|n| !n.is_empty())
            .unwrap_or(handle)
    }
}
