//! Which sources may run in this clone, as direnv's `allow` decides which
//! `.envrc` may: a source arrives with a `git pull`, so it is someone else's
//! code until it is trusted here. Trust records the command's exact text
//! and the hash of every company file it names; when either changes, the
//! source is untrusted again. The record lives inside `.git/` (never
//! committed: each clone trusts for itself), keyed by the company folder,
//! the team and the measurable. Outside a git repository it is kept in the
//! user's data folder (`$XDG_DATA_HOME/pulse/`, else
//! `~/.local/share/pulse/`), and the trust command says so.

mod commands;

pub use commands::{
    TrustReport, Trusting, Untrusting, forget, trust, trust_every_source, trust_typed, untrust,
};

use super::named::{Files, named_files};
use crate::error::{Error, Result};
use crate::git;
use crate::model::scorecard::Measurable;
use crate::store::Workspace;
use crate::store::trust::{self as file, TrustFile};
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
