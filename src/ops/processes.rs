//! The core processes: each `processes/<id>.md` with its front matter and
//! the date git last saw it change; documenting a new one, setting its status.

use super::Ctx;
use super::change::{Change, Outcome};
use super::items::{find, new_id, required};
use crate::error::{Error, Result};
use crate::git;
use crate::model::process::ProcessStatus;
use crate::store::edit::set;
use crate::store::front_matter;
use crate::store::load;
use serde::Serialize;

#[derive(Serialize)]
pub struct ProcessRow {
    /// The file's name without `.md`.
    pub id: String,
    pub file: String,
    pub name: String,
    #[serde(serialize_with = "crate::model::absent::empty_as_null")]
    pub owner: String,
    pub status: &'static str,
    pub last_changed: Option<String>,
    /// The Markdown after the front matter: the process itself.
    pub body: String,
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
                body: p.body.clone(),
            }
        })
        .collect())
}

/// A new process file: its front matter, then the EOS "3-step" outline to
/// fill in (the steps, the owner, the checklist).
fn new_file(name: &str, owner: &str, status: ProcessStatus) -> String {
    let mut front = toml_edit::DocumentMut::new();
    front.insert("name", toml_edit::value(name));
    front.insert("owner", toml_edit::value(owner));
    front.insert("status", toml_edit::value(status.as_str()));
    let body = include_str!("../templates/process_body.md")
        .replace("{{name}}", name)
        .replace("{{owner}}", owner);
    format!(
        "+++\n# A core process. status: identified, documented, packaged or followed-by-all.\n{front}+++\n{body}"
    )
}

/// Documents a new core process: `processes/<id>.md`, its id a slug of the
/// name, unique among the processes.
pub fn add(
    ctx: &Ctx,
    name: &str,
    owner: &str,
    status: ProcessStatus,
) -> Result<(ProcessRow, Outcome)> {
    let name = required(name, "the process's name")?;
    let owner = ctx.owner(owner)?;
    let mut change = Change::begin(ctx)?;
    let taken = list(ctx)?;
    if let Some(same) = taken.iter().find(|p| p.name.eq_ignore_ascii_case(&name)) {
        return Err(Error::user(format!(
            "a process named {:?} is already documented, in {}",
            same.name, same.file
        ))
        .with_hint(format!(
            "change its status with `pulse process set {} STATUS`",
            same.id
        )));
    }
    let id = new_id(&name, "process", taken.iter().map(|p| p.id.as_str()));
    let file = ctx.ws.file(ctx.ws.processes_dir().join(format!("{id}.md")));
    let text = new_file(&name, &owner, status);
    let body = crate::model::process::split_front_matter(&text)
        .map(|(_, _, body)| body.to_string())
        .unwrap_or_default();
    change.put_text(&file, text);
    let outcome = change.finish(&format!(
        "process: add {name:?} ({owner}, {})",
        status.as_str()
    ))?;
    Ok((
        ProcessRow {
            id,
            file: file.display,
            name,
            owner,
            status: status.as_str(),
            last_changed: None,
            body,
        },
        outcome,
    ))
}

/// Sets a process's status, editing only that line of its front matter.
pub fn set_status(
    ctx: &Ctx,
    query: &str,
    status: ProcessStatus,
) -> Result<(ProcessRow, &'static str, Outcome)> {
    let mut change = Change::begin(ctx)?;
    let rows = list(ctx)?;
    let (_, row) = find(&rows, query, "process", |p| p.id.as_str())?;
    if row.status == status.as_str() {
        return Err(Error::user(format!(
            "nothing to change: process `{}` is already {}",
            row.id, row.status
        )));
    }
    let file = ctx
        .ws
        .file(ctx.ws.processes_dir().join(format!("{}.md", row.id)));
    let text = change.text(&file)?.unwrap_or_default();
    let new = front_matter::edit(&file, &text, |doc| {
        set(doc.doc.as_table_mut(), "status", status.as_str());
    })?;
    change.put_text(&file, new);
    let outcome = change.finish(&format!(
        "process: {} {} → {}",
        row.id,
        row.status,
        status.as_str()
    ))?;
    let old = row.status;
    let updated = ProcessRow {
        id: row.id.clone(),
        file: row.file.clone(),
        name: row.name.clone(),
        owner: row.owner.clone(),
        status: status.as_str(),
        last_changed: row.last_changed.clone(),
        body: row.body.clone(),
    };
    Ok((updated, old, outcome))
}
