//! What each command does: validated inputs in; model values, warnings or a
//! committed change (read through `store`, committed through `git`) out.
//! No clap, no terminal: printing is the command line's.

pub mod agenda;
pub mod archive;
pub mod change;
pub mod check;
pub mod demo;
pub mod diff;
pub mod export;
pub mod history;
pub mod init;
pub mod issues;
pub mod items;
pub mod log;
pub mod meetings;
pub mod people;
pub mod person;
pub mod planning;
pub mod processes;
pub mod quarter;
pub mod report;
pub mod rocks;
pub mod scorecard;
pub mod seats;
pub mod setup;
pub mod status;
pub mod sync;
pub mod todos;
pub mod vision;

use crate::error::{Error, Result};
use crate::model::ids;
use crate::model::time::parse_date;
use crate::store::Workspace;
use chrono::NaiveDate;

/// Everything a command needs to know about where and when it runs.
pub struct Ctx {
    pub ws: Workspace,
    pub today: NaiveDate,
    /// Commit changes to git (false with `--no-commit` or `[git] commit = false`).
    pub commit: bool,
    /// Tells the person at the terminal what pulse is waiting for (another
    /// pulse's lock); the command line sets it, ops never print.
    pub notify: fn(&str),
}

impl Ctx {
    pub fn new(ws: Workspace, today_override: Option<&str>, no_commit: bool) -> Result<Ctx> {
        let today = match today_override {
            Some(text) => parse_date(text).map_err(|e| Error::user(format!("PULSE_TODAY: {e}")))?,
            None => match ws.company.demo.today {
                Some(date) => date.0,
                None => chrono::Local::now().date_naive(),
            },
        };
        let commit = !no_commit && ws.company.git.commit;
        refuse_deleted_lists(&ws)?;
        Ok(Ctx {
            ws,
            today,
            commit,
            notify: |_| {},
        })
    }

    /// Checks that a handle is on the roster.
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
