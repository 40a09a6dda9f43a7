//! Where the files about people live (SPEC §11): `people.toml` and
//! `people/` beside the other files, or in `[privacy] people_dir`, a folder
//! (a separate private repository) named in `company.toml` — the one path
//! pulse reaches outside the company folder, and never through a symbolic
//! link. Found only when a command needs it, so a clone without the private
//! repository works for everything else.

use super::files::FileRef;
use super::workspace::Workspace;
use crate::error::{Error, Result};
use crate::model::time::Quarter;
use std::path::{Component, Path, PathBuf};

/// The folder holding `people.toml` and `people/`.
#[derive(Debug, Clone)]
pub struct PeopleHome {
    pub dir: PathBuf,
    /// How the folder is shown: `""` for the company's own folder, else
    /// `people_dir` as written (`../hq-people`).
    pub shown: String,
    /// `[privacy] people_dir` is set: the files live (and are committed)
    /// in another repository.
    pub external: bool,
}

impl PeopleHome {
    fn file(&self, rel: &str) -> FileRef {
        let display = if self.shown.is_empty() {
            rel.to_string()
        } else {
            format!("{}/{rel}", self.shown.trim_end_matches('/'))
        };
        FileRef {
            path: self.dir.join(rel),
            display,
        }
    }

    /// `people.toml`: the People Analyzer's ratings.
    pub fn people_file(&self) -> FileRef {
        self.file("people.toml")
    }

    /// `people/conversations/`: one folder per quarter.
    pub fn conversations_dir(&self) -> PathBuf {
        self.dir.join("people").join("conversations")
    }

    /// `people/conversations/<quarter>/<id>.toml`; `id` is a slug, so the
    /// path stays inside the folder.
    pub fn conversation_file(&self, quarter: Quarter, id: &str) -> FileRef {
        self.file(&format!("people/conversations/{quarter}/{id}.toml"))
    }

    /// A file of this folder by its path.
    pub fn file_at(&self, path: &Path) -> FileRef {
        match path.strip_prefix(&self.dir) {
            Ok(rel) => self.file(&rel.to_string_lossy().replace('\\', "/")),
            Err(_) => FileRef {
                path: path.to_path_buf(),
                display: path.display().to_string(),
            },
        }
    }

    /// Refuses a symbolic link anywhere from this folder down to `path`
    /// (the path itself included): people data is never read or written
    /// through one.
    pub fn refuse_links(&self, path: &Path) -> Result<()> {
        let Ok(rel) = path.strip_prefix(&self.dir) else {
            return Ok(());
        };
        let mut current = self.dir.clone();
        for part in rel.components() {
            current.push(part);
            if is_link(&current) {
                return Err(link_error(&self.file_at(&current).display));
            }
        }
        Ok(())
    }
}

fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

fn link_error(shown: &str) -> Error {
    Error::broken(format!(
        "{shown} is a symbolic link: pulse reads and writes people data through none"
    ))
}

impl Workspace {
    /// Where `people.toml` and `people/` live: the data folder, or
    /// `[privacy] people_dir`, which must be a folder that exists, reached
    /// through no symbolic link (that it is another repository than the
    /// company's is checked by `ops::privacy`, which knows git).
    pub fn people_home(&self) -> Result<PeopleHome> {
        let Some(written) = self.company.privacy.people_dir.as_deref() else {
            let home = PeopleHome {
                dir: self.data.clone(),
                shown: self
                    .data
                    .strip_prefix(&self.root)
                    .map(|p| p.to_string_lossy().replace('\\', "/"))
                    .unwrap_or_default(),
                external: false,
            };
            return Ok(home);
        };
        let setting = format!("company.toml: [privacy] people_dir = \"{written}\"");
        if written.trim().is_empty() {
            return Err(Error::broken(format!(
                "{setting}: name a folder, or remove the line"
            )));
        }
        // Walked part by part as written, `..` taken lexically, so that a
        // link on the way is seen rather than followed.
        let given = Path::new(written);
        let mut dir = if given.is_absolute() {
            PathBuf::new()
        } else {
            self.root.clone()
        };
        for part in given.components() {
            match part {
                Component::ParentDir => {
                    dir.pop();
                }
                Component::CurDir => {}
                other => {
                    dir.push(other);
                    if matches!(other, Component::Normal(_)) && is_link(&dir) {
                        return Err(Error::broken(format!(
                            "{setting}: {} is a symbolic link; name the folder itself (pulse reaches people data through no link)",
                            dir.display()
                        )));
                    }
                }
            }
        }
        if !dir.is_dir() {
            return Err(Error::broken(format!(
                "{setting}: no such folder ({}); create it (a private git repository: `git init`) or fix the path",
                dir.display()
            ))
            .with_hint(format!(
                "mkdir -p {dir} && git -C {dir} init",
                dir = crate::shell::quote(&dir.display().to_string())
            )));
        }
        Ok(PeopleHome {
            dir,
            shown: written.trim_end_matches('/').to_string(),
            external: true,
        })
    }
}
