//! Finding the company: walk up from a folder to `company.toml`, like cargo
//! finds `Cargo.toml`, and know where every file of it lives.

use super::files::{FileRef, read_text};
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

impl Workspace {
    /// Walks up from `start` to the first folder holding `company.toml`.
    pub fn discover(start: &Path) -> Result<Workspace> {
        let start = std::path::absolute(start).map_err(|e| Error::io("read", start, &e))?;
        let mut dir = Some(start.as_path());
        while let Some(candidate) = dir {
            if candidate.join(COMPANY_FILE).is_file() {
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
            Some(dir) => {
                let rel = Path::new(dir);
                if rel.is_absolute() || rel.components().any(|c| matches!(c, Component::ParentDir))
                {
                    return Err(Error::broken(format!(
                        "company.toml: `data = \"{dir}\"` must be a folder inside the company folder"
                    )));
                }
                let data = root.join(rel);
                if !data.is_dir() {
                    return Err(Error::broken(format!(
                        "company.toml: `data = \"{dir}\"` names a folder that does not exist"
                    )));
                }
                data
            }
            None => root.to_path_buf(),
        };
        Ok(Workspace {
            root: root.to_path_buf(),
            team: data.clone(),
            data,
            company,
        })
    }

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
}
