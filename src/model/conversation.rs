//! A Quarterly Conversation (EOS's 5-5-5): a manager and a direct report go
//! over the core values, the roles of the report's seat, the report's rocks
//! of the quarter and GWC, each side with notes. One file per conversation,
//! `people/conversations/<quarter>/<id>.toml`; private like people.toml.

use super::people::{Gwc, ValueRating};
use super::rock::RockStatus;
use super::time::Date;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize, Default)]
pub struct Conversation {
    /// The direct report (a handle).
    #[serde(default, serialize_with = "super::absent::empty_as_null")]
    pub person: String,
    /// The manager (a handle).
    #[serde(default, serialize_with = "super::absent::empty_as_null")]
    pub manager: String,
    /// `YYYY-Qn`, as the folder the file is in.
    #[serde(default, serialize_with = "super::absent::empty_as_null")]
    pub quarter: String,
    pub date: Option<Date>,
    /// The seat whose roles are reviewed.
    pub seat: Option<String>,
    /// Each core value: `+`, `+/-` or `-` (absent until rated).
    #[serde(default)]
    pub values: Vec<ValueEntry>,
    /// Each role of the seat: doing it well, `true` or `false`.
    #[serde(default)]
    pub roles: Vec<RoleEntry>,
    /// The person's rocks of the quarter: `done`, `on-track` or `off-track`.
    #[serde(default)]
    pub rocks: Vec<RockEntry>,
    /// Gets it, wants it, capacity: three letters Y or N.
    pub gwc: Option<String>,
    /// The person's own notes.
    #[serde(default, serialize_with = "super::absent::empty_as_null")]
    pub notes: String,
    /// The manager's notes.
    #[serde(default, serialize_with = "super::absent::empty_as_null")]
    pub manager_notes: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct ValueEntry {
    pub name: String,
    pub rating: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct RoleEntry {
    pub role: String,
    pub well: Option<bool>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct RockEntry {
    pub id: String,
    #[serde(default, serialize_with = "super::absent::empty_as_null")]
    pub title: String,
    pub status: Option<String>,
}

/// How a rock stands in the conversation: done, on track, or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RockCheck {
    Done,
    OnTrack,
    OffTrack,
}

impl RockCheck {
    pub const WORDS: &'static str = "done, on-track or off-track";

    pub fn parse(text: &str) -> Result<RockCheck, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "done" => Ok(RockCheck::Done),
            "on-track" | "on" => Ok(RockCheck::OnTrack),
            "off-track" | "off" | "not" | "not-done" => Ok(RockCheck::OffTrack),
            other => Err(format!(
                "invalid rock status `{other}`: expected {}",
                Self::WORDS
            )),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RockCheck::Done => "done",
            RockCheck::OnTrack => "on-track",
            RockCheck::OffTrack => "off-track",
        }
    }

    /// Where a rock of the quarter stands, from its status.
    pub fn of(status: RockStatus) -> RockCheck {
        match status {
            RockStatus::Done => RockCheck::Done,
            RockStatus::OnTrack => RockCheck::OnTrack,
            RockStatus::OffTrack | RockStatus::Dropped | RockStatus::NotDone => RockCheck::OffTrack,
        }
    }
}

/// "Doing it well": yes or no, in the words people type.
pub fn parse_well(text: &str) -> Result<bool, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "well" | "+" => Ok(true),
        "false" | "no" | "n" | "not" | "-" => Ok(false),
        other => Err(format!(
            "invalid role rating `{other}`: expected true or false (doing it well, or not; yes and no work too)"
        )),
    }
}

impl Conversation {
    /// Every value that does not read: the first problem, in words.
    pub fn problem(&self) -> Option<String> {
        for v in &self.values {
            if let Some(r) = &v.rating
                && let Err(e) = ValueRating::parse(r)
            {
                return Some(format!("{}: {e}", v.name));
            }
        }
        for r in &self.rocks {
            if let Some(s) = &r.status
                && let Err(e) = RockCheck::parse(s)
            {
                return Some(format!("rock {}: {e}", r.id));
            }
        }
        if let Some(g) = &self.gwc
            && let Err(e) = Gwc::parse(g)
        {
            return Some(e);
        }
        None
    }

    /// How much is filled in: (rated, to rate) over values, roles, rocks
    /// and GWC.
    pub fn filled(&self) -> (usize, usize) {
        let rated = self.values.iter().filter(|v| v.rating.is_some()).count()
            + self.roles.iter().filter(|r| r.well.is_some()).count()
            + self.rocks.iter().filter(|r| r.status.is_some()).count()
            + usize::from(self.gwc.is_some());
        let total = self.values.len() + self.roles.len() + self.rocks.len() + 1;
        (rated, total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_for_rocks_and_roles() {
        assert_eq!(RockCheck::parse("Done"), Ok(RockCheck::Done));
        assert_eq!(RockCheck::parse("not"), Ok(RockCheck::OffTrack));
        assert!(RockCheck::parse("late").unwrap_err().contains("on-track"));
        assert_eq!(parse_well("yes"), Ok(true));
        assert_eq!(parse_well("false"), Ok(false));
        assert!(parse_well("maybe").unwrap_err().contains("true or false"));
    }
}
