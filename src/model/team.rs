//! `teams/<team>/team.toml`: a departmental team with its own weekly
//! meeting (SPEC §7). The root's own files are the leadership team's.

use super::company::MeetingSettings;
use serde::{Deserialize, Serialize};

/// The name of the root's team on the command line.
pub const LEADERSHIP: &str = "leadership";

#[derive(Debug, Clone, Deserialize, Serialize, Default, PartialEq)]
pub struct TeamFile {
    /// The team's display name ("Sales"); its folder's name is its id.
    #[serde(default, serialize_with = "super::absent::empty_as_null")]
    pub name: String,
    #[serde(default)]
    pub members: Vec<String>,
    /// Keys left out come from `company.toml`'s `[meeting]`.
    #[serde(default)]
    pub meeting: MeetingOverride,
}

#[derive(Debug, Clone, Deserialize, Serialize, Default, PartialEq)]
pub struct MeetingOverride {
    pub weekday: Option<String>,
    pub time: Option<String>,
    pub minutes: Option<u32>,
}

impl MeetingOverride {
    /// The team's meeting: its own keys over the company's.
    pub fn over(&self, company: &MeetingSettings) -> MeetingSettings {
        MeetingSettings {
            weekday: self
                .weekday
                .clone()
                .unwrap_or_else(|| company.weekday.clone()),
            time: self.time.clone().unwrap_or_else(|| company.time.clone()),
            minutes: self.minutes.unwrap_or(company.minutes),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_meeting_key_comes_from_the_company() {
        let company = MeetingSettings {
            weekday: "thursday".into(),
            time: "09:00".into(),
            minutes: 90,
        };
        let team: TeamFile =
            toml::from_str("name = \"Sales\"\n[meeting]\nweekday = \"tuesday\"\nminutes = 60\n")
                .unwrap();
        let m = team.meeting.over(&company);
        assert_eq!(
            (m.weekday.as_str(), m.time.as_str(), m.minutes),
            ("tuesday", "09:00", 60)
        );
    }
}
