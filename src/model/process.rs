//! `processes/*.md`: a documented core process with a TOML front matter block.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct ProcessMeta {
    pub name: String,
    #[serde(default, serialize_with = "super::absent::empty_as_null")]
    pub owner: String,
    #[serde(default)]
    pub status: ProcessStatus,
}

/// Where a core process stands on EOS's steps: identified, documented
/// (the 20% that gives 80% written down), packaged (in the handbook, the
/// people trained), followed by all.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "kebab-case")]
pub enum ProcessStatus {
    #[default]
    Identified,
    Documented,
    Packaged,
    FollowedByAll,
}

impl ProcessStatus {
    pub const ALL: [ProcessStatus; 4] = [
        ProcessStatus::Identified,
        ProcessStatus::Documented,
        ProcessStatus::Packaged,
        ProcessStatus::FollowedByAll,
    ];

    pub fn parse(text: &str) -> Result<ProcessStatus, String> {
        ProcessStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == text.trim())
            .ok_or_else(|| {
                format!(
                    "invalid process status `{text}`: expected one of identified, documented, packaged, followed-by-all"
                )
            })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ProcessStatus::Identified => "identified",
            ProcessStatus::Documented => "documented",
            ProcessStatus::Packaged => "packaged",
            ProcessStatus::FollowedByAll => "followed-by-all",
        }
    }
}

/// Splits a process file into its front matter (between `+++` lines) and the
/// body, returning the front matter's byte offset in the file for error positions.
pub fn split_front_matter(text: &str) -> Option<(usize, &str, &str)> {
    let rest = text.strip_prefix("+++")?;
    let rest = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))?;
    let start = text.len() - rest.len();
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Some((start, front, body));
        }
        offset += line.len();
    }
    None
}
