//! Finding the company: walk up from a folder to `company.toml`, like cargo
//! finds `Cargo.toml`, and know where every file of it lives.

use super::files::{FileRef, inspect, read_text};
use super::parse::parse_toml;
use crate::error::{Error, Result};
use crate::model::company::CompanyFile;
use crate::model::time::Quarter;
use chrono::NaiveDate;
use std::path::{Component, Path, PathBuf};

pub const COMPANY_FILE: &str = "company.toml";

/// Where a company's files are. `team` is the folder of one team's own files
/// (rocks, issues, to-dos, scorecard, meetings): the data folder for the
/// leadership team, `teams/<name>/` for a departmental team.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// The folder holding `company.toml`.
    pub root: PathBuf,
    /// Where `vision.toml`, `seats.toml` and the rest live (`data = "dir"`).
    pub data: PathBuf,
    /// The folder of the current team's files.
    pub team: PathBuf,
    pub company: CompanyFile,
}

/// The folder `data = "dir"` names: inside the company folder, not in the
/// git folder, and reached through no symbolic link (SPEC §1).
fn data_folder(root: &Path, dir: &str) -> Result<PathBuf> {
    let rel = Path::new(dir);
    let bad = |why: &str| {
        Error::broken(format!(
            "company.toml: `data = \"{}\"` {why}",
            crate::escape::escape(dir)
        ))
    };
    if rel.is_absolute() || rel.components().any(|c| matches!(c, Component::ParentDir)) {
        return Err(bad("must be a folder inside the company folder"));
    }
    if rel.components().any(|c| c.as_os_str() == ".git") {
        return Err(bad(
            "is inside the git folder: pulse keeps no company file there",
        ));
    }
    let data = root.join(rel);
    let folder = FileRef::new(root, data.clone());
    match inspect(&folder)? {
        Some(meta) if meta.is_dir() => Ok(data),
        Some(_) => Err(bad("names a file, not a folder")),
        None => Err(bad("names a folder that does not exist")),
    }
}

impl Workspace {
    /// Walks up from `start` to the first folder holding `company.toml`.
    pub fn discover(start: &Path) -> Result<Workspace> {
        let start = std::path::absolute(start).map_err(|e| Error::io("read", start, &e))?;
        let mut dir = Some(start.as_path());
        while let Some(candidate) = dir {
            // Whatever is there (a link, a FIFO) is the company's file, and
            // opening it says what is wrong with it.
            if std::fs::symlink_metadata(candidate.join(COMPANY_FILE)).is_ok() {
                return Workspace::open(candidate);
            }
            dir = candidate.parent();
        }
        Err(Error::broken(format!(
            "no company.toml in {} or any parent; run 'pulse init' to start one",
            start.display()
        )))
    }

    /// Opens the company whose `company.toml` is in `root`.
    pub fn open(root: &Path) -> Result<Workspace> {
        let file = FileRef::new(root, root.join(COMPANY_FILE));
        let text = read_text(&file)?
            .ok_or_else(|| Error::broken(format!("no company.toml in {}", root.display())))?;
        let company: CompanyFile = parse_toml(&file, &text)?;
        let data = match company.data.as_deref() {
            Some(dir) => data_folder(root, dir)?,
            None => root.to_path_buf(),
        };
        Ok(Workspace {
            root: root.to_path_buf(),
            team: data.clone(),
            data,
            company,
        })
    }

    /// The company file at `path` (absolute, or relative to the folder of
    /// `company.toml`).
    pub fn file(&self, path: PathBuf) -> FileRef {
        FileRef::new(&self.root, path)
    }

    pub fn company_file(&self) -> FileRef {
        self.file(self.root.join(COMPANY_FILE))
    }
    pub fn vision_file(&self) -> FileRef {
        self.file(self.data.join("vision.toml"))
    }
    pub fn seats_file(&self) -> FileRef {
        self.file(self.data.join("seats.toml"))
    }
    /// The People Analyzer (optional, sensitive: often git-ignored).
    pub fn people_file(&self) -> FileRef {
        self.file(self.data.join("people.toml"))
    }
    pub fn processes_dir(&self) -> PathBuf {
        self.data.join("processes")
    }
    pub fn scorecard_file(&self) -> FileRef {
        self.file(self.team.join("scorecard.toml"))
    }
    pub fn values_file(&self) -> FileRef {
        self.file(self.team.join("scorecard.csv"))
    }
    pub fn issues_file(&self) -> FileRef {
        self.file(self.team.join("issues.toml"))
    }
    pub fn todos_file(&self) -> FileRef {
        self.file(self.team.join("todos.toml"))
    }
    pub fn rocks_dir(&self) -> PathBuf {
        self.team.join("rocks")
    }
    /// A quarter's rock file; a validated [`Quarter`] can only name a file in `rocks/`.
    pub fn rocks_file(&self, quarter: Quarter) -> FileRef {
        self.file(self.rocks_dir().join(format!("{quarter}.toml")))
    }
    /// Finished to-dos and issues of past quarters (SPEC §10).
    pub fn archive_dir(&self) -> PathBuf {
        self.team.join("archive")
    }
    /// `archive/<quarter>/todos.toml`.
    pub fn archived_todos_file(&self, quarter: Quarter) -> FileRef {
        self.file(
            self.archive_dir()
                .join(quarter.to_string())
                .join("todos.toml"),
        )
    }
    /// `archive/<quarter>/issues.toml`.
    pub fn archived_issues_file(&self, quarter: Quarter) -> FileRef {
        self.file(
            self.archive_dir()
                .join(quarter.to_string())
                .join("issues.toml"),
        )
    }
    pub fn meetings_dir(&self) -> PathBuf {
        self.team.join("meetings")
    }
    pub fn meeting_file(&self, date: NaiveDate) -> FileRef {
        self.file(
            self.meetings_dir()
                .join(format!("{}.toml", date.format("%Y-%m-%d"))),
        )
    }

    /// Whether `path` is (or would be) one of the company's own files: what
    /// pulse reads or keeps, or anything in the git folder. A file written
    /// for people (a report) must not land on one.
    pub fn owns(&self, path: &Path) -> bool {
        const FILES: [&str; 9] = [
            "vision.toml",
            "seats.toml",
            "scorecard.toml",
            "scorecard.csv",
            "issues.toml",
            "todos.toml",
            "people.toml",
            "team.toml",
            ".gitattributes",
        ];
        const FOLDERS: [&str; 7] = [
            "rocks",
            "meetings",
            "archive",
            "processes",
            "people",
            "checkups",
            "teams",
        ];
        if path.file_name().is_none() {
            return true;
        }
        // The path as it will be: its nearest existing folder resolved (links
        // and all), the rest as written.
        let Ok(absolute) = std::path::absolute(path) else {
            return false;
        };
        let Some((base, rest)) = absolute.ancestors().skip(1).find_map(|a| {
            let base = a.canonicalize().ok()?;
            Some((base, absolute.strip_prefix(a).ok()?.to_path_buf()))
        }) else {
            return false;
        };
        // What follows does not exist yet, so `x/..` is where `x` would be.
        let mut full = base;
        for part in rest.components() {
            match part {
                Component::ParentDir => {
                    full.pop();
                }
                Component::CurDir => {}
                other => full.push(other),
            }
        }
        let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        let first = |rel: &Path| {
            rel.components()
                .next()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        if let Ok(rel) = full.strip_prefix(canonical(&self.root)) {
            let top = first(rel);
            if top == ".git"
                || [COMPANY_FILE, ".gitignore", ".gitattributes"].contains(&top.as_str())
            {
                return true;
            }
        }
        [&self.data, &self.team].iter().any(|base| {
            full.strip_prefix(canonical(base)).is_ok_and(|rel| {
                let top = first(rel);
                (rel.components().count() == 1 && FILES.contains(&top.as_str()))
                    || (rel.components().count() > 1 && FOLDERS.contains(&top.as_str()))
            })
        })
    }
}
