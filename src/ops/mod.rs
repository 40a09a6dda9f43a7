//! What each command does: validated inputs in; model values, warnings or a
//! committed change (read through `store`, committed through `git`) out.
//! No clap, no terminal: printing is the command line's.

pub mod agenda;
pub mod archive;
pub mod calendar;
pub mod change;
pub mod check;
pub mod checkup;
pub mod complete;
pub mod conversation_edit;
pub mod conversations;
pub mod demo;
pub mod diff;
pub mod export;
pub mod history;
pub mod init;
pub mod issue_edit;
pub mod issues;
pub mod items;
pub mod log;
pub mod meeting_run;
pub mod meetings;
pub mod milestones;
pub mod past_meetings;
pub mod people;
pub mod people_history;
pub mod people_rate;
pub mod person;
pub mod person_remove;
pub mod planning;
pub mod privacy;
pub mod processes;
pub mod quarter;
pub mod report;
pub mod rocks;
pub mod scorecard;
pub mod scorecard_import;
pub mod seats;
pub mod setup;
pub mod sources;
pub mod status;
pub mod sync;
pub mod team_health;
pub mod teams;
pub mod todo_edit;
pub mod todos;
pub mod vision;
pub mod vision_history;

use crate::error::{Error, Result};
use crate::model::ids;
use crate::model::time::{parse_date, parse_moment};
use crate::store::Workspace;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// Everything a command needs to know about where and when it runs.
#[derive(Clone)]
pub struct Ctx {
    pub ws: Workspace,
    pub today: NaiveDate,
    /// The moment the command runs (`PULSE_NOW`; `PULSE_TODAY` at 00:00).
    pub now: NaiveDateTime,
    /// Commit changes to git (false with `--no-commit` or `[git] commit = false`).
    pub commit: bool,
    /// `diff`, `log` and `check` cover every team: started at the root with
    /// no `--team` (SPEC §7).
    pub every_team: bool,
    /// Tells the person at the terminal what pulse is waiting for (another
    /// pulse's lock); the command line sets it, ops never print.
    pub notify: fn(&str),
}

impl Ctx {
    /// `now_override` is `PULSE_NOW` (`YYYY-MM-DDTHH:MM`), which wins over
    /// `today_override` (`PULSE_TODAY`, at 00:00).
    pub fn new(
        ws: Workspace,
        today_override: Option<&str>,
        now_override: Option<&str>,
        no_commit: bool,
    ) -> Result<Ctx> {
        let now = match (now_override, today_override) {
            (Some(text), _) => {
                parse_moment(text).map_err(|e| Error::user(format!("PULSE_NOW: {e}")))?
            }
            (None, Some(text)) => parse_date(text)
                .map_err(|e| Error::user(format!("PULSE_TODAY: {e}")))?
                .and_time(NaiveTime::MIN),
            (None, None) => match ws.company.demo.today {
                Some(date) => date.0.and_time(NaiveTime::MIN),
                None => chrono::Local::now().naive_local(),
            },
        };
        let commit = !no_commit && ws.company.git.commit;
        refuse_deleted_lists(&ws)?;
        Ok(Ctx {
            ws,
            today: now.date(),
            now,
            commit,
            every_team: false,
            notify: |_| {},
        })
    }

    /// The same moment and options, for another team of the company.
    pub fn for_workspace(&self, ws: Workspace) -> Ctx {
        Ctx {
            ws,
            today: self.today,
            now: self.now,
            commit: self.commit,
            every_team: false,
            notify: self.notify,
        }
    }

    /// Every team the command covers: all of them when `every_team`, else
    /// the one in effect.
    pub fn teams(&self) -> Result<Vec<Ctx>> {
        if !self.every_team {
            return Ok(vec![self.for_workspace(self.ws.clone())]);
        }
        Ok(self
            .ws
            .all_teams()?
            .into_iter()
            .map(|ws| self.for_workspace(ws))
            .collect())
    }

    /// The same company as seen at `now`, writing its files without
    /// committing them: the meeting screen writes every action at once and
    /// commits them all when it is left.
    pub fn uncommitted_at(&self, now: NaiveDateTime) -> Ctx {
        let mut ctx = self.clone();
        ctx.today = now.date();
        ctx.now = now;
        ctx.commit = false;
        ctx
    }

    /// Checks that a handle can own something new: on the roster and still
    /// with the company (someone who left keeps their history, not new work).
    pub fn owner(&self, handle: &str) -> Result<String> {
        let company = &self.ws.company;
        if let Some(left) = company.left(handle) {
            return Err(Error::user(format!(
                "{handle} left on {}: give it to someone still on the roster; valid: {}",
                left.0,
                company.active_handles().collect::<Vec<_>>().join(", ")
            )));
        }
        if company.has_person(handle) {
            return Ok(handle.to_string());
        }
        Err(ids::unknown("person", handle, company.active_handles())
            .with_hint("add them with `pulse person add HANDLE --name NAME`"))
    }

    /// Checks that a handle is on the roster (those who left included: a
    /// filter or a record of the past may name them).
    pub fn person(&self, handle: &str) -> Result<String> {
        if self.ws.company.has_person(handle) {
            Ok(handle.to_string())
        } else {
            Err(ids::unknown("person", handle, self.ws.company.handles())
                .with_hint("add them with `pulse person add HANDLE --name NAME`"))
        }
    }
}

/// A list file deleted by hand while git still tracks it is an error for
/// every command (exit 2), not an empty list: read as empty, the next write
/// would commit the loss of every item in it. Only a file that is missing
/// costs a question to git.
fn refuse_deleted_lists(ws: &Workspace) -> Result<()> {
    let lists = [
        ws.vision_file(),
        ws.seats_file(),
        ws.scorecard_file(),
        ws.values_file(),
        ws.issues_file(),
        ws.todos_file(),
    ];
    let missing: Vec<&crate::store::FileRef> = lists
        .iter()
        .filter(|f| {
            std::fs::symlink_metadata(&f.path)
                .is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound)
        })
        .collect();
    if missing.is_empty() || crate::git::find_git_dir(&ws.root).is_none() {
        return Ok(());
    }
    let paths: Vec<std::path::PathBuf> = missing.iter().map(|f| f.path.clone()).collect();
    let Ok(changed) = crate::git::changed(&ws.root, &paths) else {
        return Ok(());
    };
    let deleted: Vec<&crate::store::FileRef> = missing
        .into_iter()
        .filter(|f| {
            changed
                .iter()
                .any(|c| c.deleted() && change::is_path_of(&c.path, f))
        })
        .collect();
    if deleted.is_empty() {
        Ok(())
    } else {
        Err(change::missing_but_tracked(&deleted))
    }
}
