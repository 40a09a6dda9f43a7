//! `pulse diff`: what changed in the company between two points of history,
//! in words — one record per change a person cares about. Items are tracked
//! by id, so a renamed title is a rename, not a removal and an addition. One
//! file per part of the company.

mod issues;
mod meetings;
mod people;
mod record;
mod rocks;
mod scorecard;
mod todos;
mod vision;

pub use record::{ChangeRecord, Component, Kind};
pub use vision::word_diff;

use super::Ctx;
use super::history::{self, Files};
use crate::error::{Error, Result};
use crate::git;
use crate::store::files::FileRef;
use crate::store::parse::{ListFile, TomlFile};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Serialize)]
pub struct Diff {
    /// The first commit compared (12 characters); `None` when the diff
    /// starts before the first commit, from nothing.
    pub from: Option<String>,
    pub from_label: String,
    pub to: String,
    pub changes: Vec<ChangeRecord>,
    pub warnings: Vec<String>,
}

/// Where the comparison starts.
pub enum From {
    /// The last commit before the previous meeting.
    PreviousMeeting,
    Since(NaiveDate),
    Rev(String),
}

pub fn diff(ctx: &Ctx, from: From, to: Option<String>) -> Result<Diff> {
    let layout = history::layout(ctx)?;
    let (from_sha, from_label) = match from {
        From::Rev(rev) => (Some(resolve(ctx, &rev)?), rev),
        From::Since(date) => {
            let sha = before(ctx, date.and_time(chrono::NaiveTime::MIN))?;
            (sha, format!("the last commit before {date}"))
        }
        From::PreviousMeeting => {
            let (date, start) = previous_meeting(ctx)?;
            (
                before(ctx, start)?,
                format!("the last commit before the meeting of {date}"),
            )
        }
    };
    // Nothing before that moment: the whole history is new.
    let (old, from_label) = match &from_sha {
        Some(sha) => (history::at_commit(&layout, sha)?, from_label),
        None => (Files::new(), "the beginning".to_string()),
    };
    let (new, to_label) = match to {
        Some(rev) => {
            let sha = resolve(ctx, &rev)?;
            (history::at_commit(&layout, &sha)?, rev)
        }
        None => (
            history::work_tree(ctx, &layout)?,
            "the work tree".to_string(),
        ),
    };
    let (changes, warnings) = compare(ctx, &old, &new, &layout.data_prefix);
    Ok(Diff {
        from: from_sha.map(|sha| sha[..sha.len().min(12)].to_string()),
        from_label,
        to: to_label,
        changes,
        warnings,
    })
}

/// The changes between two versions of the company's files, in words, and
/// warnings for files that do not parse. `data` is the data folder's prefix.
pub fn compare(
    ctx: &Ctx,
    old: &Files,
    new: &Files,
    data: &str,
) -> (Vec<ChangeRecord>, Vec<String>) {
    let teams: Vec<Option<String>> = match ctx.teams() {
        Ok(teams) => teams.into_iter().map(|t| t.ws.team_name).collect(),
        Err(_) => vec![ctx.ws.team_name.clone()],
    };
    let (mut changes, mut warnings) = (Vec::new(), Vec::new());
    for team in teams {
        // A department's files are in teams/<name>/; the company's own
        // files (vision, seats, people) are the leadership team's part.
        let prefix = match &team {
            Some(name) => format!("{data}teams/{name}/"),
            None => data.to_string(),
        };
        let mut d = Differ {
            ctx,
            old,
            new,
            data: &prefix,
            team,
            changes: Vec::new(),
            warnings: Vec::new(),
        };
        d.run();
        changes.append(&mut d.changes);
        warnings.append(&mut d.warnings);
    }
    (changes, warnings)
}

fn resolve(ctx: &Ctx, rev: &str) -> Result<String> {
    git::resolve_commit(&ctx.ws.root, rev)?.ok_or_else(|| {
        Error::user(format!(
            "unknown revision `{}`: git knows no commit by that name",
            crate::render::escape(rev)
        ))
        .with_hint("see `git log --oneline` for the commits")
    })
}

/// The last commit before a moment, or `None` when history starts later.
fn before(ctx: &Ctx, moment: chrono::NaiveDateTime) -> Result<Option<String>> {
    git::last_commit_before(&ctx.ws.root, &moment.format("%Y-%m-%d %H:%M").to_string())
}

/// The previous meeting: the last one held (SPEC §1), and when it started.
pub fn previous_meeting(ctx: &Ctx) -> Result<(NaiveDate, chrono::NaiveDateTime)> {
    let calendar = super::calendar::Calendar::new(ctx)?;
    let date = match calendar.last_held()? {
        Some(date) => date,
        None => calendar.next_meeting()? - chrono::Days::new(7),
    };
    let meeting = crate::store::load::meeting(&ctx.ws, date)?;
    Ok((date, calendar.start(date, meeting.as_ref())))
}

pub(super) struct Differ<'a> {
    pub(super) ctx: &'a Ctx,
    pub(super) old: &'a Files,
    pub(super) new: &'a Files,
    pub(super) data: &'a str,
    /// The department whose files these are (`None`: leadership).
    pub(super) team: Option<String>,
    pub(super) changes: Vec<ChangeRecord>,
    pub(super) warnings: Vec<String>,
}

impl Differ<'_> {
    pub(super) fn push(&mut self, component: Component, kind: Kind, id: &str, summary: String) {
        self.changes.push(ChangeRecord {
            component,
            kind,
            id: id.to_string(),
            summary,
            detail: None,
            team: self.team.clone(),
        });
    }

    /// Parses one side of a file; a file that does not parse counts as empty, with a warning.
    pub(super) fn parse<T: TomlFile + Default>(
        &mut self,
        files: &Files,
        path: &str,
        side: &str,
    ) -> T {
        self.parse_with(files, path, side, T::parse)
    }

    pub(super) fn parse_with<T: Default>(
        &mut self,
        files: &Files,
        path: &str,
        side: &str,
        parse: impl FnOnce(&FileRef, &str) -> Result<T>,
    ) -> T {
        let Some(text) = files.get(path) else {
            return T::default();
        };
        let file = FileRef {
            path: path.into(),
            display: path.to_string(),
        };
        parse(&file, text).unwrap_or_else(|e| {
            self.warnings.push(format!(
                "{path} ({side}) does not parse, read as empty: {}",
                e.message.lines().next().unwrap_or("")
            ));
            T::default()
        })
    }

    /// Both sides of a list (issues, to-dos) with its archive files joined
    /// to it, or None when none of them changed: an item moved into the
    /// archive is still there, not removed.
    pub(super) fn pair_with_archive<T: ListFile + Default>(
        &mut self,
        name: &str,
    ) -> Option<(T, T)> {
        let live = format!("{}{name}", self.data);
        let paths: BTreeSet<String> = self
            .old
            .keys()
            .chain(self.new.keys())
            .filter(|k| {
                **k == live
                    || k.strip_prefix(self.data).is_some_and(|r| {
                        history::is_archive_file(r) && r.ends_with(&format!("/{name}"))
                    })
            })
            .cloned()
            .collect();
        if paths.iter().all(|p| self.old.get(p) == self.new.get(p)) {
            return None;
        }
        let (old, new) = (self.old, self.new);
        let mut side = |files: &Files, label: &str| -> T {
            let mut all = T::default();
            for path in &paths {
                let mut part: T = self.parse(files, path, label);
                all.items_mut().append(part.items_mut());
            }
            all
        };
        Some((side(old, "before"), side(new, "now")))
    }

    /// Both sides of a file, or None when it did not change.
    pub(super) fn pair<T: TomlFile + Default>(&mut self, rel: &str) -> Option<(T, T)> {
        let path = format!(
            "{}{rel}",
            if rel == "company.toml" { "" } else { self.data }
        );
        if self.old.get(&path) == self.new.get(&path) {
            return None;
        }
        let (old, new) = (self.old, self.new);
        Some((
            self.parse(old, &path, "before"),
            self.parse(new, &path, "now"),
        ))
    }

    pub(super) fn changed_paths(&self, dir: &str) -> Vec<String> {
        let prefix = format!("{}{dir}/", self.data);
        let keys: BTreeSet<&String> = self
            .old
            .keys()
            .chain(self.new.keys())
            .filter(|k| k.starts_with(&prefix))
            .collect();
        keys.into_iter()
            .filter(|k| self.old.get(*k) != self.new.get(*k))
            .map(|k| k[self.data.len()..].to_string())
            .collect()
    }

    fn run(&mut self) {
        self.rocks();
        self.scorecard();
        self.issues();
        self.todos();
        if self.team.is_none() {
            self.people_and_seats();
            self.vision();
        }
        self.meetings();
    }
}

/// Two versions of a list matched by id: each item now with what it was
/// (`None`: added), then the items that are no longer there (removed).
pub(super) fn by_id<'a, T>(
    old: &'a [T],
    new: &'a [T],
    id: impl Fn(&T) -> &str,
) -> (Vec<(&'a T, Option<&'a T>)>, Vec<&'a T>) {
    let olds: BTreeMap<&str, &T> = old.iter().map(|o| (id(o), o)).collect();
    let now: BTreeSet<&str> = new.iter().map(&id).collect();
    let matched = new.iter().map(|n| (n, olds.get(id(n)).copied())).collect();
    let gone = old.iter().filter(|o| !now.contains(id(o))).collect();
    (matched, gone)
}
