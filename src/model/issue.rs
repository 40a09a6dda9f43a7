//! `issues.toml`: the issues list, short-term (weekly meeting) and long-term (V/TO).

use super::time::Date;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize, Default)]
pub struct IssuesFile {
    #[serde(default)]
    pub issue: Vec<Issue>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Issue {
    pub id: String,
    pub title: String,
    #[serde(default, serialize_with = "super::absent::empty_as_null")]
    pub owner: String,
    #[serde(default)]
    pub term: Term,
    pub created: Option<Date>,
    pub priority: Option<u8>,
    #[serde(default)]
    pub status: IssueStatus,
    pub solved: Option<Date>,
    pub resolution: Option<String>,
    /// The team it was handed over from (`issue move --team`).
    pub from: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Term {
    #[default]
    Short,
    Long,
}

impl Term {
    pub fn as_str(self) -> &'static str {
        match self {
            Term::Short => "short",
            Term::Long => "long",
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "kebab-case")]
pub enum IssueStatus {
    #[default]
    Open,
    Solved,
    Dropped,
}

impl IssueStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            IssueStatus::Open => "open",
            IssueStatus::Solved => "solved",
            IssueStatus::Dropped => "dropped",
        }
    }
}

impl Issue {
    pub fn is_open(&self) -> bool {
        self.status == IssueStatus::Open
    }
}

/// Open issues in the order the meeting takes them: this week's top three
/// first (by priority), then oldest first.
pub fn meeting_order<'a>(issues: impl Iterator<Item = &'a Issue>) -> Vec<&'a Issue> {
    let mut list: Vec<&Issue> = issues.collect();
    list.sort_by_key(|i| (i.priority.unwrap_or(u8::MAX), i.created));
    list
}
