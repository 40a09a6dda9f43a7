//! `pulse diff`: what changed in the company between two points of history,
//! in words — one record per change a person cares about. Items are tracked
//! by id, so a renamed title is a rename, not a removal and an addition.

use super::Ctx;
use super::history::{self, Files};
use crate::error::{Error, Result};
use crate::git;
use crate::model::company::CompanyFile;
use crate::model::goal::{Goal, format_number};
use crate::model::issue::{Issue, IssueStatus, IssuesFile};
use crate::model::meeting::Meeting;
use crate::model::rock::{Rock, RocksFile};
use crate::model::scorecard::{Entry, ScorecardFile};
use crate::model::seats::{Seat, SeatsFile};
use crate::model::todo::{Todo, TodosFile};
use crate::model::vision::Vision;
use crate::store::files::FileRef;
use crate::store::parse::{ListFile, parse_toml};
use crate::store::values;
use chrono::NaiveDate;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Serialize, Clone)]
pub struct ChangeRecord {
    /// rocks, scorecard, issues, todos, people, seats, vision, meetings.
    pub component: &'static str,
    /// added, removed, status, renamed, recorded, solved, ...
    pub kind: &'static str,
    pub id: String,
    pub summary: String,
    /// A word-level diff of changed text (vision sections).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Diff {
    pub from: String,
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
        From::Rev(rev) => (resolve(ctx, &rev)?, rev),
        From::Since(date) => (before(ctx, date)?, format!("the last commit before {date}")),
        From::PreviousMeeting => {
            let date = previous_meeting(ctx)?;
            (
                before(ctx, date)?,
                format!("the last commit before the meeting of {date}"),
            )
        }
    };
    let old = history::at_commit(&layout, &from_sha)?;
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
        from: from_sha[..from_sha.len().min(12)].to_string(),
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
    let mut d = Differ {
        ctx,
        old,
        new,
        data,
        changes: Vec::new(),
        warnings: Vec::new(),
    };
    d.run();
    (d.changes, d.warnings)
}

fn resolve(ctx: &Ctx, rev: &str) -> Result<String> {
    git::resolve_commit(&ctx.ws.root, rev)
        .map_err(|e| Error::git(format!("git: {e}")))?
        .ok_or_else(|| {
            Error::user(format!(
                "unknown revision `{}`: git knows no commit by that name",
                crate::render::escape(rev)
            ))
            .with_hint("see `git log --oneline` for the commits")
        })
}

fn before(ctx: &Ctx, date: NaiveDate) -> Result<String> {
    git::last_commit_before(&ctx.ws.root, &format!("{date} 00:00"))
        .map_err(|e| Error::git(format!("git: {e}")))?
        .ok_or_else(|| {
            Error::user(format!(
                "no history before {date}: the first commit is later"
            ))
            .with_hint("name a later date, or a revision: pulse diff REV")
        })
}

/// The date of the previous meeting: the latest meeting on record before
/// today, else the last meeting weekday before today.
pub fn previous_meeting(ctx: &Ctx) -> Result<NaiveDate> {
    let dates = crate::store::load::meeting_dates(&ctx.ws)?;
    if let Some(d) = dates.iter().rev().find(|d| **d < ctx.today) {
        return Ok(*d);
    }
    let weekday = crate::model::time::parse_weekday(&ctx.ws.company.meeting.weekday)
        .map_err(Error::broken)?;
    let next = crate::model::time::next_weekday(ctx.today, weekday);
    Ok(next - chrono::Days::new(7))
}

struct Differ<'a> {
    ctx: &'a Ctx,
    old: &'a Files,
    new: &'a Files,
    data: &'a str,
    changes: Vec<ChangeRecord>,
    warnings: Vec<String>,
}

impl Differ<'_> {
    fn push(&mut self, component: &'static str, kind: &'static str, id: &str, summary: String) {
        self.changes.push(ChangeRecord {
            component,
            kind,
            id: id.to_string(),
            summary,
            detail: None,
        });
    }

    /// Parses one side of a file; a file that does not parse counts as empty, with a warning.
    fn parse<T: DeserializeOwned + Default>(&mut self, files: &Files, path: &str, side: &str) -> T {
        self.parse_with(files, path, side, parse_toml)
    }

    fn parse_with<T: Default>(
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
    fn pair_with_archive<T: ListFile + Default>(&mut self, name: &str) -> Option<(T, T)> {
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
    fn pair<T: DeserializeOwned + Default>(&mut self, rel: &str) -> Option<(T, T)> {
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

    fn changed_paths(&self, dir: &str) -> Vec<String> {
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
        self.people_and_seats();
        self.vision();
        self.meetings();
    }

    fn rocks(&mut self) {
        for rel in self.changed_paths("rocks") {
            let quarter = rel
                .trim_start_matches("rocks/")
                .trim_end_matches(".toml")
                .to_string();
            let Some((old, new)) = self.pair::<RocksFile>(&rel) else {
                continue;
            };
            let olds: BTreeMap<&str, &Rock> = old.rock.iter().map(|r| (r.id.as_str(), r)).collect();
            for r in &new.rock {
                match olds.get(r.id.as_str()) {
                    None => {
                        let kind = if r.company { "company rock" } else { "rock" };
                        self.push(
                            "rocks",
                            "added",
                            &r.id,
                            format!(
                                "{kind} added for {quarter}: {:?} ({}, {})",
                                r.title, r.owner, r.status
                            ),
                        );
                    }
                    Some(o) => {
                        if o.title != r.title {
                            self.push(
                                "rocks",
                                "renamed",
                                &r.id,
                                format!("rock {:?} renamed to {:?}", o.title, r.title),
                            );
                        }
                        if o.status != r.status {
                            self.push(
                                "rocks",
                                "status",
                                &r.id,
                                format!("{:?}: {} → {} ({})", r.title, o.status, r.status, r.owner),
                            );
                        }
                        if o.owner != r.owner {
                            self.push(
                                "rocks",
                                "owner",
                                &r.id,
                                format!("{:?} moved from {} to {}", r.title, o.owner, r.owner),
                            );
                        }
                        if o.due != r.due {
                            let show = |d: Option<crate::model::time::Date>| {
                                d.map(|d| d.0.to_string()).unwrap_or_else(|| "none".into())
                            };
                            self.push(
                                "rocks",
                                "due",
                                &r.id,
                                format!("{:?}: due {} → {}", r.title, show(o.due), show(r.due)),
                            );
                        }
                        for m in &r.milestones {
                            match o.milestones.iter().find(|x| x.title == m.title) {
                                None => self.push(
                                    "rocks",
                                    "milestone-added",
                                    &r.id,
                                    format!("{:?}: milestone {:?} added", r.title, m.title),
                                ),
                                Some(x) if !x.done && m.done => self.push(
                                    "rocks",
                                    "milestone-done",
                                    &r.id,
                                    format!("{:?}: milestone {:?} done", r.title, m.title),
                                ),
                                _ => {}
                            }
                        }
                    }
                }
            }
            let ids: BTreeSet<&str> = new.rock.iter().map(|r| r.id.as_str()).collect();
            for r in old.rock.iter().filter(|r| !ids.contains(r.id.as_str())) {
                self.push(
                    "rocks",
                    "removed",
                    &r.id,
                    format!("rock removed from {quarter}: {:?} ({})", r.title, r.owner),
                );
            }
        }
    }

    fn scorecard(&mut self) {
        let defs: Option<(ScorecardFile, ScorecardFile)> = self.pair("scorecard.toml");
        let current: ScorecardFile =
            self.parse(self.new, &format!("{}scorecard.toml", self.data), "now");
        let goals: BTreeMap<String, (String, Option<Goal>, String)> = current
            .measurable
            .iter()
            .map(|m| {
                (
                    m.id.clone(),
                    (
                        if m.name.is_empty() {
                            m.id.clone()
                        } else {
                            m.name.clone()
                        },
                        m.goal.get_ref().parse().ok(),
                        m.unit.clone(),
                    ),
                )
            })
            .collect();
        if let Some((old, new)) = defs {
            let olds: BTreeMap<&str, _> =
                old.measurable.iter().map(|m| (m.id.as_str(), m)).collect();
            for m in &new.measurable {
                match olds.get(m.id.as_str()) {
                    None => self.push(
                        "scorecard",
                        "added",
                        &m.id,
                        format!(
                            "measurable added: {} (goal {}, {})",
                            m.name,
                            m.goal.get_ref(),
                            m.owner
                        ),
                    ),
                    Some(o) => {
                        if o.goal.get_ref() != m.goal.get_ref() {
                            self.push(
                                "scorecard",
                                "goal",
                                &m.id,
                                format!(
                                    "{}: goal {} → {}",
                                    m.name,
                                    o.goal.get_ref(),
                                    m.goal.get_ref()
                                ),
                            );
                        }
                        if o.owner != m.owner {
                            self.push(
                                "scorecard",
                                "owner",
                                &m.id,
                                format!("{}: owner {} → {}", m.name, o.owner, m.owner),
                            );
                        }
                        if o.name != m.name {
                            self.push(
                                "scorecard",
                                "renamed",
                                &m.id,
                                format!("measurable {:?} renamed to {:?}", o.name, m.name),
                            );
                        }
                    }
                }
            }
            let ids: BTreeSet<&str> = new.measurable.iter().map(|m| m.id.as_str()).collect();
            for m in old
                .measurable
                .iter()
                .filter(|m| !ids.contains(m.id.as_str()))
            {
                self.push(
                    "scorecard",
                    "removed",
                    &m.id,
                    format!("measurable removed: {}", m.name),
                );
            }
        }
        let path = format!("{}scorecard.csv", self.data);
        if self.old.get(&path) == self.new.get(&path) {
            return;
        }
        let read = |files: &Files, warnings: &mut Vec<String>| -> Vec<Entry> {
            let Some(text) = files.get(&path) else {
                return Vec::new();
            };
            let file = FileRef {
                path: path.clone().into(),
                display: path.clone(),
            };
            match values::parse_values(&file, text) {
                Ok(v) => v.entries,
                Err(e) => {
                    warnings.push(format!("{path} does not parse: {}", e.message));
                    Vec::new()
                }
            }
        };
        let old_entries = read(self.old, &mut self.warnings);
        let new_entries = read(self.new, &mut self.warnings);
        // Keys borrow from the entries: a year of history compares thousands of rows.
        let old_map: std::collections::HashMap<(&str, crate::model::time::Week), f64> = old_entries
            .iter()
            .map(|e| ((e.measurable.as_str(), e.week), e.value))
            .collect();
        let mut latest: std::collections::HashMap<(&str, crate::model::time::Week), &Entry> =
            std::collections::HashMap::with_capacity(new_entries.len());
        for e in &new_entries {
            latest.insert((e.measurable.as_str(), e.week), e);
        }
        let mut recorded: Vec<&Entry> = latest
            .values()
            .copied()
            .filter(|e| old_map.get(&(e.measurable.as_str(), e.week)) != Some(&e.value))
            .collect();
        recorded.sort_by_key(|e| (e.week, e.measurable.clone()));
        for e in recorded {
            let (name, goal, unit) = goals.get(&e.measurable).cloned().unwrap_or((
                e.measurable.clone(),
                None,
                String::new(),
            ));
            let value = crate::model::scorecard::format_with_unit(e.value, &unit);
            let verdict = match goal {
                Some(g) if g.is_hit(e.value) => format!("hit, goal {g}"),
                Some(g) => format!("miss, goal {g}"),
                None => "no goal".into(),
            };
            let was = old_map
                .get(&(e.measurable.as_str(), e.week))
                .map(|v| format!(", was {}", format_number(*v)))
                .unwrap_or_default();
            self.push(
                "scorecard",
                "recorded",
                &e.measurable,
                format!("{name} {}: {value} ({verdict}{was})", e.week),
            );
        }
    }

    fn issues(&mut self) {
        let Some((old, new)) = self.pair_with_archive::<IssuesFile>("issues.toml") else {
            return;
        };
        let olds: BTreeMap<&str, &Issue> = old.issue.iter().map(|i| (i.id.as_str(), i)).collect();
        for i in &new.issue {
            let long = if i.term == crate::model::issue::Term::Long {
                " (long-term)"
            } else {
                ""
            };
            match olds.get(i.id.as_str()) {
                None => {
                    let by = if i.owner.is_empty() {
                        String::new()
                    } else {
                        format!(" by {}", i.owner)
                    };
                    self.push(
                        "issues",
                        "raised",
                        &i.id,
                        format!("raised{long}: {:?}{by}", i.title),
                    );
                    match i.status {
                        IssueStatus::Solved => self.solved(i),
                        IssueStatus::Dropped => self.push(
                            "issues",
                            "dropped",
                            &i.id,
                            format!("dropped: {:?}", i.title),
                        ),
                        IssueStatus::Open => {}
                    }
                }
                Some(o) => {
                    if o.title != i.title {
                        self.push(
                            "issues",
                            "renamed",
                            &i.id,
                            format!("issue {:?} renamed to {:?}", o.title, i.title),
                        );
                    }
                    if o.status != i.status {
                        match i.status {
                            IssueStatus::Solved => self.solved(i),
                            IssueStatus::Dropped => self.push(
                                "issues",
                                "dropped",
                                &i.id,
                                format!("dropped: {:?}", i.title),
                            ),
                            IssueStatus::Open => self.push(
                                "issues",
                                "reopened",
                                &i.id,
                                format!("reopened: {:?}", i.title),
                            ),
                        }
                    }
                    if o.term != i.term {
                        self.push(
                            "issues",
                            "moved",
                            &i.id,
                            format!("{:?} moved to the {}-term list", i.title, i.term.as_str()),
                        );
                    }
                    if o.priority != i.priority && i.is_open() {
                        let p = i
                            .priority
                            .map(|p| format!("top three #{p}"))
                            .unwrap_or_else(|| "out of the top three".into());
                        self.push("issues", "priority", &i.id, format!("{:?}: {p}", i.title));
                    }
                }
            }
        }
        let ids: BTreeSet<&str> = new.issue.iter().map(|i| i.id.as_str()).collect();
        for i in old.issue.iter().filter(|i| !ids.contains(i.id.as_str())) {
            self.push(
                "issues",
                "removed",
                &i.id,
                format!("removed from the list: {:?}", i.title),
            );
        }
    }

    fn solved(&mut self, i: &Issue) {
        let resolution = i
            .resolution
            .as_deref()
            .map(|r| format!(" — {r}"))
            .unwrap_or_default();
        self.push(
            "issues",
            "solved",
            &i.id,
            format!("solved: {:?}{resolution}", i.title),
        );
    }

    fn todos(&mut self) {
        let Some((old, new)) = self.pair_with_archive::<TodosFile>("todos.toml") else {
            return;
        };
        let olds: BTreeMap<&str, &Todo> = old.todo.iter().map(|t| (t.id.as_str(), t)).collect();
        let today = self.ctx.today;
        for t in &new.todo {
            let due = t.due_date().map(|d| d.to_string()).unwrap_or_default();
            match olds.get(t.id.as_str()) {
                None => {
                    self.push(
                        "todos",
                        "added",
                        &t.id,
                        format!("added: {:?} ({}, due {due})", t.title, t.owner),
                    );
                    if t.is_done() {
                        self.push(
                            "todos",
                            "done",
                            &t.id,
                            format!("done: {:?} ({})", t.title, t.owner),
                        );
                    }
                }
                Some(o) => {
                    if !o.is_done() && t.is_done() {
                        let late = if t.done_on_time() { "" } else { ", late" };
                        self.push(
                            "todos",
                            "done",
                            &t.id,
                            format!("done: {:?} ({}{late})", t.title, t.owner),
                        );
                    }
                    if o.title != t.title {
                        self.push(
                            "todos",
                            "renamed",
                            &t.id,
                            format!("to-do {:?} renamed to {:?}", o.title, t.title),
                        );
                    }
                }
            }
            if t.is_overdue(today) && olds.get(t.id.as_str()).is_none_or(|o| !o.is_done()) {
                self.push(
                    "todos",
                    "overdue",
                    &t.id,
                    format!("overdue since {due}: {:?} ({})", t.title, t.owner),
                );
            }
        }
        let ids: BTreeSet<&str> = new.todo.iter().map(|t| t.id.as_str()).collect();
        for t in old.todo.iter().filter(|t| !ids.contains(t.id.as_str())) {
            self.push(
                "todos",
                "removed",
                &t.id,
                format!("removed: {:?} ({})", t.title, t.owner),
            );
        }
    }

    fn people_and_seats(&mut self) {
        if let Some((old, new)) = self.pair::<CompanyFile>("company.toml") {
            for (h, p) in &new.people {
                match old.people.get(h) {
                    None => self.push("people", "added", h, format!("{} joined as `{h}`", p.name)),
                    Some(o) if o.name != p.name => self.push(
                        "people",
                        "renamed",
                        h,
                        format!("`{h}` renamed from {} to {}", o.name, p.name),
                    ),
                    _ => {}
                }
            }
            for (h, p) in old
                .people
                .iter()
                .filter(|(h, _)| !new.people.contains_key(*h))
            {
                self.push(
                    "people",
                    "removed",
                    h,
                    format!("{} (`{h}`) left the roster", p.name),
                );
            }
            if old.meeting.weekday != new.meeting.weekday
                || old.meeting.time != new.meeting.time
                || old.meeting.minutes != new.meeting.minutes
            {
                self.push(
                    "people",
                    "meeting",
                    "meeting",
                    format!(
                        "the weekly meeting is now {} at {}, {} minutes",
                        new.meeting.weekday, new.meeting.time, new.meeting.minutes
                    ),
                );
            }
        }
        let Some((old, new)) = self.pair::<SeatsFile>("seats.toml") else {
            return;
        };
        let olds: BTreeMap<&str, &Seat> = old.seat.iter().map(|s| (s.id.as_str(), s)).collect();
        for s in &new.seat {
            match olds.get(s.id.as_str()) {
                None => self.push(
                    "seats",
                    "added",
                    &s.id,
                    format!(
                        "seat added: {} ({})",
                        s.name,
                        if s.people.is_empty() {
                            "open".to_string()
                        } else {
                            s.people.join(", ")
                        }
                    ),
                ),
                Some(o) => {
                    for p in s.people.iter().filter(|p| !o.people.contains(p)) {
                        self.push(
                            "seats",
                            "assigned",
                            &s.id,
                            format!("{p} now sits in {}", s.name),
                        );
                    }
                    for p in o.people.iter().filter(|p| !s.people.contains(p)) {
                        self.push(
                            "seats",
                            "unassigned",
                            &s.id,
                            format!("{p} left the {} seat", s.name),
                        );
                    }
                    if o.reports_to != s.reports_to {
                        self.push(
                            "seats",
                            "reports-to",
                            &s.id,
                            format!(
                                "{} now reports to {}",
                                s.name,
                                s.reports_to.as_deref().unwrap_or("nobody")
                            ),
                        );
                    }
                    if o.roles != s.roles {
                        self.push(
                            "seats",
                            "roles",
                            &s.id,
                            format!("{} roles: {}", s.name, s.roles.join("; ")),
                        );
                    }
                    if o.name != s.name {
                        self.push(
                            "seats",
                            "renamed",
                            &s.id,
                            format!("seat {:?} renamed to {:?}", o.name, s.name),
                        );
                    }
                }
            }
        }
        let ids: BTreeSet<&str> = new.seat.iter().map(|s| s.id.as_str()).collect();
        for s in old.seat.iter().filter(|s| !ids.contains(s.id.as_str())) {
            self.push(
                "seats",
                "removed",
                &s.id,
                format!("seat removed: {}", s.name),
            );
        }
    }

    fn vision(&mut self) {
        let Some((old, new)) = self.pair::<Vision>("vision.toml") else {
            return;
        };
        let sections: [(&str, &str, String, String); 6] = [
            (
                "core_values",
                "Core values",
                text(&old.core_values),
                text(&new.core_values),
            ),
            (
                "core_focus",
                "Core focus",
                text(&old.core_focus),
                text(&new.core_focus),
            ),
            (
                "ten_year_target",
                "10-year target",
                text(&old.ten_year_target),
                text(&new.ten_year_target),
            ),
            (
                "marketing_strategy",
                "Marketing strategy",
                text(&old.marketing_strategy),
                text(&new.marketing_strategy),
            ),
            (
                "three_year_picture",
                "3-year picture",
                text(&old.three_year_picture),
                text(&new.three_year_picture),
            ),
            (
                "one_year_plan",
                "1-year plan",
                text(&old.one_year_plan),
                text(&new.one_year_plan),
            ),
        ];
        for (id, name, before, after) in sections {
            if before != after {
                let detail = word_diff(&before, &after);
                self.changes.push(ChangeRecord {
                    component: "vision",
                    kind: "changed",
                    id: id.into(),
                    summary: format!("{name} changed"),
                    detail: Some(detail),
                });
            }
        }
    }

    fn meetings(&mut self) {
        for rel in self.changed_paths("meetings") {
            let date = rel
                .trim_start_matches("meetings/")
                .trim_end_matches(".toml")
                .to_string();
            let Some((old, new)) = self.pair::<Meeting>(&rel) else {
                continue;
            };
            for h in new.headlines.iter().filter(|h| !old.headlines.contains(h)) {
                self.push(
                    "meetings",
                    "headline",
                    &date,
                    format!(
                        "{date}: headline from {} ({}): {}",
                        h.by,
                        h.kind.as_str(),
                        h.text
                    ),
                );
            }
            if new.ratings != old.ratings
                && let Some(avg) = new.average_rating()
            {
                self.push(
                    "meetings",
                    "rated",
                    &date,
                    format!("{date}: rated {avg:.1} by {} people", new.ratings.len()),
                );
            }
            for c in new.cascade.iter().filter(|c| !old.cascade.contains(c)) {
                self.push(
                    "meetings",
                    "cascade",
                    &date,
                    format!("{date}: cascade {c:?}"),
                );
            }
        }
    }
}

/// A section as readable text, for the word diff: one `key: value` a line.
fn text<T: Serialize>(value: &T) -> String {
    let json = serde_json::to_value(value).unwrap_or_default();
    let mut out = String::new();
    flatten(&json, "", &mut out);
    out
}

fn flatten(v: &serde_json::Value, key: &str, out: &mut String) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                flatten(v, k, out);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                flatten(item, key, out);
            }
        }
        serde_json::Value::Null => {}
        serde_json::Value::String(s) if s.is_empty() => {}
        serde_json::Value::String(s) => out.push_str(&format!("{key}: {s}\n")),
        other => out.push_str(&format!("{key}: {other}\n")),
    }
}

/// Changed lines with the changed words marked `[-old-]{+new+}`.
pub fn word_diff(before: &str, after: &str) -> String {
    use similar::{ChangeTag, TextDiff};
    let lines = TextDiff::from_lines(before, after);
    let mut out = String::new();
    for op in lines.ops() {
        let changes: Vec<_> = lines.iter_changes(op).collect();
        let removed: String = changes
            .iter()
            .filter(|c| c.tag() == ChangeTag::Delete)
            .map(|c| c.value())
            .collect();
        let added: String = changes
            .iter()
            .filter(|c| c.tag() == ChangeTag::Insert)
            .map(|c| c.value())
            .collect();
        if removed.is_empty() && added.is_empty() {
            continue;
        }
        let words = TextDiff::from_words(removed.as_str(), added.as_str());
        let mut line = String::new();
        for change in words.iter_all_changes() {
            match change.tag() {
                ChangeTag::Equal => line.push_str(change.value()),
                ChangeTag::Delete => line.push_str(&format!("[-{}-]", change.value())),
                ChangeTag::Insert => line.push_str(&format!("{{+{}+}}", change.value())),
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::word_diff;

    #[test]
    fn word_diff_marks_changed_words() {
        let d = word_diff(
            "goal: 1,000 companies\nrevenue: $40M\n",
            "goal: 10,000 companies\nrevenue: $40M\n",
        );
        assert_eq!(d, "goal: [-1,000-]{+10,000+} companies\n");
    }
}
