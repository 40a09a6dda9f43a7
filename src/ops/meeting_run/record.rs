//! What `meeting run` keeps in the meeting's file (SPEC §1 and §8): who
//! attends, `started`, the `minutes` each section took and, while the run is
//! unfinished, `[run]` (its section, each section's seconds, the files it
//! changed) so that a second run resumes it; `ended` when it is left from
//! Conclude, `[run]` then removed. And the one commit made on leaving.

use crate::error::{Error, Result};
use crate::git;
use crate::model::issue::IssueStatus;
use crate::model::level10::Section;
use crate::model::meeting::{Meeting, RunRecord};
use crate::model::time::{Quarter, toml_moment};
use crate::ops::Ctx;
use crate::ops::change::{Change, Outcome};
use crate::ops::meetings::open;
use crate::store::edit::{TomlDoc, array_mut, set, unset};
use crate::store::load;
use chrono::{NaiveDate, NaiveDateTime};
use toml_edit::{Array, InlineTable, Item, Table, Value};

/// Edits the meeting's file under the lock, without committing (`ctx` is
/// the run's).
fn edit(ctx: &Ctx, date: NaiveDate, apply: impl FnOnce(&mut TomlDoc) -> Result<()>) -> Result<()> {
    let mut change = Change::begin(ctx)?;
    let file = ctx.ws.meeting_file(date);
    let mut doc = open(&change, &file, date)?;
    apply(&mut doc)?;
    change.put_toml::<Meeting>(&file, &doc)?;
    change.finish(&format!("meeting {date}: run"))?;
    Ok(())
}

/// Starts (or resumes) the record: `started` unless already there, and
/// everyone on `attendees` when nobody was marked present yet.
pub fn begin(
    ctx: &Ctx,
    date: NaiveDate,
    started: NaiveDateTime,
    attendees: &[String],
) -> Result<()> {
    edit(ctx, date, |doc| {
        let root = doc.doc.as_table_mut();
        if root.get("started").is_none() {
            set(root, "started", toml_moment(started));
        }
        let array = array_mut(root, "attendees").ok_or_else(|| {
            Error::broken(format!(
                "meetings/{date}.toml: `attendees` must be an array"
            ))
        })?;
        if array.is_empty() {
            for handle in attendees {
                array.push(handle.as_str());
            }
        }
        Ok(())
    })
}

/// Each visited section's whole minutes (half a minute rounds up).
pub fn minutes(seconds: &[u64; 7]) -> Vec<(Section, u64)> {
    Section::ALL
        .iter()
        .zip(seconds)
        .filter(|(_, s)| **s > 0)
        .map(|(section, s)| (*section, (s + 30) / 60))
        .collect()
}

fn minutes_value(seconds: &[u64; 7]) -> Value {
    let mut table = InlineTable::new();
    for (section, m) in minutes(seconds) {
        table.insert(section.key(), Value::from(m as i64));
    }
    Value::InlineTable(table)
}

/// Saves where an unfinished run stands: `minutes`, and `[run]`.
pub fn save(
    ctx: &Ctx,
    date: NaiveDate,
    section: Section,
    seconds: &[u64; 7],
    files: &[String],
) -> Result<()> {
    edit(ctx, date, |doc| {
        let root = doc.doc.as_table_mut();
        if seconds.iter().any(|s| *s > 0) {
            set(root, "minutes", minutes_value(seconds));
        }
        if !root.get("run").is_some_and(Item::is_table) {
            root.insert("run", Item::Table(Table::new()));
        }
        let run = root
            .get_mut("run")
            .and_then(Item::as_table_like_mut)
            .ok_or_else(|| Error::broken(format!("meetings/{date}.toml: `run` must be a table")))?;
        set(run, "section", section.key());
        let mut per_section = InlineTable::new();
        for (s, secs) in Section::ALL.iter().zip(seconds) {
            if *secs > 0 {
                per_section.insert(s.key(), Value::from(*secs as i64));
            }
        }
        set(run, "seconds", Value::InlineTable(per_section));
        set(
            run,
            "files",
            Value::Array(files.iter().map(String::as_str).collect::<Array>()),
        );
        Ok(())
    })
}

/// Ends the meeting: `ended`, the final `minutes`, and no `[run]`.
pub fn end(ctx: &Ctx, date: NaiveDate, ended: NaiveDateTime, seconds: &[u64; 7]) -> Result<()> {
    edit(ctx, date, |doc| {
        let root = doc.doc.as_table_mut();
        set(root, "ended", toml_moment(ended));
        if seconds.iter().any(|s| *s > 0) {
            set(root, "minutes", minutes_value(seconds));
        }
        unset(root, "run");
        Ok(())
    })
}

/// Where a run of this meeting resumes: its section and each section's
/// time so far (from `[run]`, else from `minutes`), and the files it had
/// changed.
pub fn resume_point(meeting: &Meeting) -> (Section, [u64; 7], Vec<String>) {
    let run = meeting.run.clone().unwrap_or_default();
    let mut seconds = [0u64; 7];
    for section in Section::ALL {
        seconds[section.index()] = match run.seconds.get(section.key()) {
            Some(s) => *s,
            None => meeting
                .minutes
                .get(section.key())
                .map_or(0, |m| u64::from(*m) * 60),
        };
    }
    let section = run
        .section
        .as_deref()
        .and_then(Section::from_key)
        .unwrap_or(if meeting.ended.is_some() {
            Section::Conclude
        } else {
            Section::Segue
        });
    let RunRecord { files, .. } = run;
    (section, seconds, files)
}

/// The commit message of a run: `meeting: 2026-11-26 l10 (rated 8.4, 2
/// issues solved, 5 to-dos)`, counted from the files (what was decided on
/// the meeting's day).
pub fn commit_message(ctx: &Ctx, date: NaiveDate) -> Result<String> {
    let meeting = load::meeting(&ctx.ws, date)?.unwrap_or_default();
    let from = Some(Quarter::of(date));
    let on_the_day = |d: Option<crate::model::time::Date>| d.map(|d| d.0) == Some(date);
    let issues = load::issues_since(&ctx.ws, from)?;
    let solved = issues
        .iter()
        .filter(|i| i.status == IssueStatus::Solved && on_the_day(i.solved))
        .count();
    let dropped = issues
        .iter()
        .filter(|i| i.status == IssueStatus::Dropped && on_the_day(i.solved))
        .count();
    let todos = load::todos_since(&ctx.ws, from)?
        .iter()
        .filter(|t| on_the_day(t.created))
        .count();
    let mut parts = vec![match meeting.average_rating() {
        Some(avg) => format!("rated {avg:.1}"),
        None => "not rated".to_string(),
    }];
    parts.push(format!(
        "{solved} issue{} solved",
        if solved == 1 { "" } else { "s" }
    ));
    if dropped > 0 {
        parts.push(format!("{dropped} dropped"));
    }
    parts.push(format!(
        "{todos} to-do{}",
        if todos == 1 { "" } else { "s" }
    ));
    Ok(format!(
        "meeting: {date} {} ({})",
        meeting.kind.as_str(),
        parts.join(", ")
    ))
}

/// Commits the meeting's file and every file the run changed as one commit
/// (`ctx` is the command's: nothing when it does not commit, or outside git).
pub fn commit(ctx: &Ctx, date: NaiveDate, files: &[String], message: &str) -> Result<Outcome> {
    let mut outcome = Outcome::default();
    let meeting = ctx.ws.meeting_file(date);
    let mut shown = vec![meeting.display.clone()];
    for f in files {
        if !shown.contains(f) {
            shown.push(f.clone());
        }
    }
    outcome.files = shown.clone();
    if !ctx.commit || git::find_git_dir(&ctx.ws.root).is_none() {
        return Ok(outcome);
    }
    let paths: Vec<std::path::PathBuf> = shown.iter().map(|f| ctx.ws.root.join(f)).collect();
    let _lock = crate::ops::change::write_lock(ctx, git::find_git_dir(&ctx.ws.root).as_deref())?;
    match git::commit_paths(&ctx.ws.root, &paths, message) {
        Ok(()) => outcome.committed = true,
        Err(e) => outcome.warning = Some(crate::ops::change::not_committed("the meeting", &e)),
    }
    Ok(outcome)
}
