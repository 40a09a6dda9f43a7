//! The core processes: each `processes/<id>.md` with its front matter and
//! the date git last saw it change.

use super::Ctx;
use crate::error::Result;
use crate::git;
use crate::store::load;
use serde::Serialize;

#[derive(Serialize)]
pub struct ProcessRow {
    /// The file's name without `.md`.
    pub id: String,
    pub file: String,
    pub name: String,
    pub owner: String,
    pub status: &'static str,
    pub last_changed: Option<String>,
}

pub fn list(ctx: &Ctx) -> Result<Vec<ProcessRow>> {
    let processes = load::processes(&ctx.ws)?;
    // One git process for all files' dates; outside git there are none.
    let dates = if git::find_git_dir(&ctx.ws.root).is_some() {
        git::last_change_dates(&ctx.ws.processes_dir()).unwrap_or_default()
    } else {
        Default::default()
    };
    Ok(processes
        .iter()
        .map(|p| {
            let file_name = p
                .file
                .path
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            ProcessRow {
                id: file_name.trim_end_matches(".md").to_string(),
                file: p.file.display.clone(),
                name: p.meta.name.clone(),
                owner: p.meta.owner.clone(),
                status: p.meta.status.as_str(),
                last_changed: dates.get(&file_name).cloned(),
            }
        })
        .collect())
}
