//! The commands that change this clone's trust: `scorecard trust` and
//! `untrust`, the trust `scorecard add/edit --source` gives what the user
//! typed, and `init --demo`'s trust of the sources it wrote. Each change is
//! made under the trust file's lock, on the file read again inside it.

use super::super::named::{Files, named_files};
use super::super::{Ctx, selected};
use super::{Kept, Trust, Untrusted};
use crate::error::{Error, Result};
use crate::store::Workspace;
use crate::store::load;
use crate::store::trust::{self as file, TrustFile, Trusted};
use serde::Serialize;

/// One source `pulse scorecard trust` trusted.
#[derive(Debug, Serialize)]
pub struct Trusting {
    pub measurable: String,
    pub command: String,
    /// The company files the command names, now trusted with it.
    pub files: Vec<String>,
    /// Why it was not trusted before; `None` when it already was.
    pub was: Option<Untrusted>,
}

#[derive(Debug, Serialize)]
pub struct TrustReport {
    pub sources: Vec<Trusting>,
    pub kept: Kept,
}

/// `pulse scorecard trust [MEASURABLE...]`: trusts each source as it is
/// now. One that cannot be trusted (a link out of the company folder)
/// stops the command before anything is trusted.
pub fn trust(ctx: &Ctx, queries: &[String]) -> Result<TrustReport> {
    let chosen = selected(ctx, queries)?;
    let current = Trust::load(&ctx.ws)?;
    let mut sources = Vec::new();
    let mut entries = Vec::new();
    for m in &chosen {
        let command = m.source.clone().unwrap_or_default();
        let files = named_files(&ctx.ws.root, &command).map_err(|reason| {
            Error::user(format!(
                "the source of `{}` cannot be trusted: {reason}",
                m.id
            ))
        })?;
        sources.push(Trusting {
            measurable: m.id.clone(),
            command: command.clone(),
            files: files.keys().cloned().collect(),
            was: current.check(&m.id, &command),
        });
        entries.push(entry(&current, &m.id, command, files));
    }
    update(&current.kept, |file| {
        for entry in entries {
            file.put(entry);
        }
    })?;
    Ok(TrustReport {
        sources,
        kept: current.kept,
    })
}

/// One source `pulse scorecard untrust` acted on.
#[derive(Debug, Serialize)]
pub struct Untrusting {
    pub measurable: String,
    /// Whether it was trusted until now.
    pub was_trusted: bool,
}

/// `pulse scorecard untrust [MEASURABLE...]`: forgets the trust of the
/// measurables named, or of every source of the team.
pub fn untrust(ctx: &Ctx, queries: &[String]) -> Result<(Vec<Untrusting>, Kept)> {
    let current = Trust::load(&ctx.ws)?;
    let ids: Vec<String> = if queries.is_empty() {
        let mut ids: Vec<String> = current
            .file
            .source
            .iter()
            .filter(|t| t.company == current.company && t.team == current.team)
            .map(|t| t.measurable.clone())
            .collect();
        for m in load::measurables(&ctx.ws)? {
            if m.source.is_some() && !ids.contains(&m.id) {
                ids.push(m.id);
            }
        }
        ids
    } else {
        let measurables = load::measurables(&ctx.ws)?;
        let mut ids: Vec<String> = Vec::new();
        for query in queries {
            let (_, m) =
                crate::ops::items::find(&measurables, query, "measurable", |m| m.id.as_str())?;
            if !ids.contains(&m.id) {
                ids.push(m.id.clone());
            }
        }
        ids
    };
    let mut report = Vec::new();
    update(&current.kept, |file| {
        for id in &ids {
            report.push(Untrusting {
                measurable: id.clone(),
                was_trusted: file.remove(&current.company, &current.team, id),
            });
        }
    })?;
    Ok((report, current.kept))
}

/// Trusts the command the user typed (`scorecard add/edit --source`).
pub fn trust_typed(ctx: &Ctx, id: &str, command: &str) -> Result<()> {
    let current = Trust::load(&ctx.ws)?;
    let files = named_files(&ctx.ws.root, command)
        .map_err(|reason| Error::user(format!("the source of `{id}` is not trusted: {reason}")))?;
    let entry = entry(&current, id, command.to_string(), files);
    update(&current.kept, |file| file.put(entry))
}

/// Trusts every source of every team of the company as the files are now:
/// for `pulse init --demo`, whose sources pulse itself has just written.
/// Returns how many it trusted.
pub fn trust_every_source(ws: &Workspace) -> Result<usize> {
    let mut entries = Vec::new();
    let mut kept = None;
    for team in ws.all_teams()? {
        let current = Trust::load(&team)?;
        for m in load::measurables(&team)? {
            let Some(command) = m.source else { continue };
            let files = named_files(&team.root, &command).map_err(|reason| {
                Error::user(format!(
                    "the source of `{}` cannot be trusted: {reason}",
                    m.id
                ))
            })?;
            entries.push(entry(&current, &m.id, command, files));
        }
        kept = Some(current.kept);
    }
    let count = entries.len();
    if let (Some(kept), false) = (kept, entries.is_empty()) {
        update(&kept, |file| {
            for entry in entries {
                file.put(entry);
            }
        })?;
    }
    Ok(count)
}

/// Forgets a measurable's trust (its source was removed).
pub fn forget(ctx: &Ctx, id: &str) -> Result<()> {
    let current = Trust::load(&ctx.ws)?;
    update(&current.kept, |file| {
        file.remove(&current.company, &current.team, id);
    })
}

fn entry(current: &Trust, id: &str, command: String, files: Files) -> Trusted {
    Trusted {
        company: current.company.clone(),
        team: current.team.clone(),
        measurable: id.to_string(),
        command,
        files,
    }
}

/// Changes the trust file under its lock, read again inside it so that a
/// pulse trusting at the same time loses nothing.
fn update(kept: &Kept, change: impl FnOnce(&mut TrustFile)) -> Result<()> {
    let _lock = file::lock(&kept.path)?;
    let mut trust = file::read(&kept.path)?;
    change(&mut trust);
    file::write(&kept.path, &trust)
}
