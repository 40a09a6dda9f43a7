//! Finding the company: walk up from a folder to `company.toml`, like cargo
//! finds `Cargo.toml`, and know where every file of it lives.

use super::files::{FileRef, inspect, read_text};
use super::parse::parse_toml;
use crate::error::{Error, Result};
use crate::model::company::{CompanyFile, MeetingSettings};
use crate::model::team::{LEADERSHIP, TeamFile};
use crate::model::time::Quarter;
use chrono::NaiveDate;
use std::path::{Component, Path, PathBuf};

pub const COMPANY_FILE: &str = "company.toml";

/// The company's (and each team's) files of one name beside `company.toml`
/// or in the data folder: the V/TO, the chart, the scorecard and its
/// values, the issues and the to-dos.
pub const LIST_FILES: [&str; 6] = [
    "vision.toml",
    "seats.toml",
    "scorecard.toml",
    "scorecard.csv",
    "issues.toml",
    "todos.toml",
];

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
    /// The team in effect: `None` for the leadership team (the root).
    pub team_name: Option<String>,
    /// The departmental team's `team.toml` (`None` for leadership).
    pub team_file: Option<TeamFile>,
    /// The team's weekly meeting: its `team.toml` over `company.toml`.
    pub meeting: MeetingSettings,
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
        if !start.is_dir() {
            return Err(Error::broken(format!(
                "{} is not a folder that exists: -C and PULSE_DIR name the company's folder",
                start.display()
            )));
        }
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
            team_name: None,
            team_file: None,
            meeting: company.meeting.clone(),
            company,
        })
    }

    /// The team in effect (SPEC §7): `name` (`--team`, `PULSE_TEAM`), else
    /// the team whose folder holds `start`, else leadership. An unknown team
    /// is an error that lists the teams.
    pub fn select_team(self, name: Option<&str>, start: &Path) -> Result<Workspace> {
        let name = match name.map(str::trim).filter(|n| !n.is_empty()) {
            Some(name) => Some(name.to_string()),
            None => self.team_holding(start),
        };
        match name {
            None => Ok(self),
            Some(name) if name == LEADERSHIP => Ok(self.leadership()),
            Some(name) => self.for_team(&name),
        }
    }

    /// The folder of departmental teams.
    pub fn teams_dir(&self) -> PathBuf {
        self.data.join("teams")
    }

    /// `teams/<name>/team.toml`.
    pub fn team_toml(&self, name: &str) -> FileRef {
        self.file(self.teams_dir().join(name).join("team.toml"))
    }

    /// The departmental teams: the folders of `teams/` that hold a
    /// `team.toml`, by name.
    pub fn team_names(&self) -> Result<Vec<String>> {
        let dir = self.teams_dir();
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::unreadable(&dir, &e)),
        };
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter(|e| {
                e.file_type().is_ok_and(|t| t.is_dir()) && e.path().join("team.toml").is_file()
            })
            .filter_map(|e| e.file_name().into_string().ok())
            .collect();
        names.sort();
        Ok(names)
    }

    /// This company with the leadership team in effect.
    pub fn leadership(&self) -> Workspace {
        Workspace {
            team: self.data.clone(),
            team_name: None,
            team_file: None,
            meeting: self.company.meeting.clone(),
            ..self.clone()
        }
    }

    /// This company with the departmental team `name` in effect.
    pub fn for_team(&self, name: &str) -> Result<Workspace> {
        // A slug can only name a folder inside `teams/`.
        let file = crate::model::ids::is_slug(name).then(|| self.team_toml(name));
        let text = match file.as_ref().map(read_text).transpose()?.flatten() {
            Some(text) => text,
            None => {
                let mut teams = vec![LEADERSHIP.to_string()];
                teams.extend(self.team_names()?);
                return Err(crate::model::ids::unknown(
                    "team",
                    name,
                    teams.iter().map(String::as_str),
                )
                .with_hint("add one with `pulse team add NAME`"));
            }
        };
        let team: TeamFile = parse_toml(&self.team_toml(name), &text)?;
        Ok(Workspace {
            team: self.teams_dir().join(name),
            team_name: Some(name.to_string()),
            meeting: team.meeting.over(&self.company.meeting),
            team_file: Some(team),
            ..self.clone()
        })
    }

    /// Every team: leadership first, then the departments by name.
    pub fn all_teams(&self) -> Result<Vec<Workspace>> {
        let mut all = vec![self.leadership()];
        for name in self.team_names()? {
            all.push(self.for_team(&name)?);
        }
        Ok(all)
    }

    /// The team's name on the command line (`leadership` for the root).
    pub fn team_label(&self) -> &str {
        self.team_name.as_deref().unwrap_or(LEADERSHIP)
    }

    /// The team whose folder holds `start`, if it is inside `teams/<name>/`.
    fn team_holding(&self, start: &Path) -> Option<String> {
        let start = std::path::absolute(start).ok()?;
        let teams = std::path::absolute(self.teams_dir()).ok()?;
        let rest = start.strip_prefix(&teams).ok()?;
        let name = rest.components().next()?.as_os_str().to_str()?.to_string();
        self.team_toml(&name).path.is_file().then_some(name)
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
    /// `checkups/`: the Organizational Checkup, a folder per quarter.
    pub fn checkups_dir(&self) -> PathBuf {
        self.data.join("checkups")
    }
    /// `checkups/<quarter>/<name>.toml`: one leader's answers; `name` is a
    /// handle or a random slug, so the path stays inside the folder.
    pub fn checkup_file(&self, quarter: Quarter, name: &str) -> FileRef {
        self.file(
            self.checkups_dir()
                .join(quarter.to_string())
                .join(format!("{name}.toml")),
        )
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
        const OTHER_FILES: [&str; 3] = ["people.toml", "team.toml", ".gitattributes"];
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
                (rel.components().count() == 1
                    && (LIST_FILES.contains(&top.as_str()) || OTHER_FILES.contains(&top.as_str())))
                    || (rel.components().count() > 1 && FOLDERS.contains(&top.as_str()))
            })
        })
    }
}
