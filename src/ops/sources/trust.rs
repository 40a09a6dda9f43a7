//! Which sources may run in this clone, as direnv's `allow` decides which
//! `.envrc` may: a source arrives with a `git pull`, so it is someone else's
//! code until it is trusted here. Trust records the command's exact text
//! and the hash of every company file it names; when either changes, the
//! source is untrusted again. The record lives inside `.git/` (never
//! committed: each clone trusts for itself), keyed by the company folder,
//! the team and the measurable. Outside a git repository it is kept in the
//! user's data folder (`$XDG_DATA_HOME/pulse/`, else
//! `~/.local/share/pulse/`), and the trust command says so.

use super::named::{Files, named_files};
use super::{Ctx, selected};
use crate::error::{Error, Result};
use crate::git;
use crate::model::scorecard::Measurable;
use crate::store::Workspace;
use crate::store::load;
use crate::store::trust::{self as file, TrustFile, Trusted};
use serde::Serialize;
use std::path::{Path, PathBuf};

const FILE_NAME: &str = "trusted-sources.toml";

/// Where this clone's trust is kept.
#[derive(Debug, Clone, Serialize)]
pub struct Kept {
    pub path: PathBuf,
    /// Inside the repository's `.git/` folder (else the user's data folder).
    pub in_git: bool,
}

impl Kept {
    pub fn of(ws: &Workspace) -> Result<Kept> {
        if let Some(git_dir) = git::find_git_dir(&ws.root) {
            return Ok(Kept {
                path: git_dir.join("pulse").join(FILE_NAME),
                in_git: true,
            });
        }
        let var = |name: &str| {
            std::env::var_os(name)
                .map(PathBuf::from)
                .filter(|p| p.is_absolute())
        };
        let data = var("XDG_DATA_HOME").or_else(|| var("HOME").map(|h| h.join(".local/share")));
        match data {
            Some(dir) => Ok(Kept {
                path: dir.join("pulse").join(FILE_NAME),
                in_git: false,
            }),
            None => Err(Error::user(format!(
                "{} is not in a git repository, and neither XDG_DATA_HOME nor HOME is set: pulse has nowhere outside the company's files to keep the sources it may run",
                ws.root.display()
            ))
            .with_hint("run `git init` in the company folder (trust then lives in .git/), or set HOME")),
        }
    }

    /// Where the trust is kept, in words.
    pub fn describe(&self) -> String {
        if self.in_git {
            format!(
                "kept in {} (this clone only, never committed)",
                self.path.display()
            )
        } else {
            format!(
                "kept in {} (the company is not in a git repository)",
                self.path.display()
            )
        }
    }
}

/// Why a source may not run.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "why", rename_all = "kebab-case")]
pub enum Untrusted {
    /// Never trusted in this clone.
    Never,
    /// The command is not the one trusted.
    CommandChanged { trusted: String },
    /// A file the command names has other content than when trusted.
    FileChanged { file: String },
    /// The command names a file that was not there when it was trusted.
    FileNew { file: String },
    /// A file the command named when it was trusted is gone.
    FileGone { file: String },
    /// The command cannot be trusted as it is (a link out of the folder).
    Unsafe { reason: String },
}

impl Untrusted {
    pub fn describe(&self) -> String {
        match self {
            Untrusted::Never => "it has never been trusted in this clone".to_string(),
            Untrusted::CommandChanged { trusted } => {
                format!("its command changed since it was trusted (it was `{trusted}`)")
            }
            Untrusted::FileChanged { file } => {
                format!("`{file}` changed since it was trusted")
            }
            Untrusted::FileNew { file } => {
                format!("it names `{file}`, which was not there when it was trusted")
            }
            Untrusted::FileGone { file } => format!("`{file}` is gone since it was trusted"),
            Untrusted::Unsafe { reason } => reason.clone(),
        }
    }
}

/// This clone's trust, read once, for one team of one company.
pub struct Trust {
    pub kept: Kept,
    company: String,
    team: String,
    root: PathBuf,
    file: TrustFile,
}

impl Trust {
    pub fn load(ws: &Workspace) -> Result<Trust> {
        let kept = Kept::of(ws)?;
        let file = file::read(&kept.path)?;
        Ok(Trust {
            company: company_key(&ws.root),
            team: ws.team_label().to_string(),
            root: ws.root.clone(),
            kept,
            file,
        })
    }

    /// Why the source `command` of measurable `id` may not run; `None`
    /// when it is trusted as it is now.
    pub fn check(&self, id: &str, command: &str) -> Option<Untrusted> {
        let Some(entry) = self.file.find(&self.company, &self.team, id) else {
            return Some(Untrusted::Never);
        };
        if entry.command != command {
            return Some(Untrusted::CommandChanged {
                trusted: entry.command.clone(),
            });
        }
        let now = match named_files(&self.root, command) {
            Ok(files) => files,
            Err(reason) => return Some(Untrusted::Unsafe { reason }),
        };
        difference(&entry.files, &now)
    }

    /// Every measurable whose source may not run, and why.
    pub fn untrusted(&self, measurables: &[Measurable]) -> Vec<(String, Untrusted)> {
        measurables
            .iter()
            .filter_map(|m| {
                let command = m.source.as_deref()?;
                Some((m.id.clone(), self.check(&m.id, command)?))
            })
            .collect()
    }
}

/// The first difference between the files as trusted and as they are.
fn difference(trusted: &Files, now: &Files) -> Option<Untrusted> {
    for (file, hash) in now {
        match trusted.get(file) {
            None => return Some(Untrusted::FileNew { file: file.clone() }),
            Some(h) if h != hash => return Some(Untrusted::FileChanged { file: file.clone() }),
            Some(_) => {}
        }
    }
    trusted
        .keys()
        .find(|f| !now.contains_key(*f))
        .map(|f| Untrusted::FileGone { file: f.clone() })
}

/// The company folder as trust knows it: its real, absolute path.
fn company_key(root: &Path) -> String {
    root.canonicalize()
        .or_else(|_| std::path::absolute(root))
        .unwrap_or_else(|_| root.to_path_buf())
        .display()
        .to_string()
}

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
            let (_, m) = super::find(&measurables, query, "measurable", |m| m.id.as_str())?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_difference_names_the_file() {
        let trusted: Files = [("a.sh".to_string(), "sha256:1".to_string())].into();
        assert_eq!(difference(&trusted, &trusted.clone()), None);
        let changed: Files = [("a.sh".to_string(), "sha256:2".to_string())].into();
        assert_eq!(
            difference(&trusted, &changed),
            Some(Untrusted::FileChanged {
                file: "a.sh".into()
            })
        );
        assert_eq!(
            difference(&trusted, &Files::new()),
            Some(Untrusted::FileGone {
                file: "a.sh".into()
            })
        );
        assert_eq!(
            difference(&Files::new(), &trusted),
            Some(Untrusted::FileNew {
                file: "a.sh".into()
            })
        );
    }
}
