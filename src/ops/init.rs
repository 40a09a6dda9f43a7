//! `pulse init`: a new company folder of commented templates, a git
//! repository when there is none, pulse's merge driver registered in it and
//! routed to by `.gitattributes` (SPEC §6), and a first commit.

use crate::error::{Error, Result};
use crate::git;
use crate::model::time::Quarter;
use crate::ops::setup;
use crate::store::atomic::{Staged, write_all};
use crate::store::files::{FileRef, read_text};
use chrono::{Days, NaiveDate};
use serde::Serialize;
use std::path::{Path, PathBuf};

const TEMPLATES: [(&str, &str); 9] = [
    ("company.toml", include_str!("../templates/company.toml")),
    ("vision.toml", include_str!("../templates/vision.toml")),
    ("seats.toml", include_str!("../templates/seats.toml")),
    (
        "scorecard.toml",
        include_str!("../templates/scorecard.toml"),
    ),
    ("scorecard.csv", "week,measurable,value,note\n"),
    (
        "rocks/{{quarter}}.toml",
        include_str!("../templates/rocks.toml"),
    ),
    ("issues.toml", include_str!("../templates/issues.toml")),
    ("todos.toml", include_str!("../templates/todos.toml")),
    (
        "processes/customer-onboarding.md",
        include_str!("../templates/process.md"),
    ),
];

/// What `.gitignore` keeps out of the commits, block by block: pulse's
/// lock file when the company is not in git (in git it lives in `.git/`),
/// the temporary file of a write that a crash interrupted
/// (`.todos.toml.Ab3xYz`; the next write removes it), and what is about
/// people (SPEC §11). Each block's comment, then its patterns.
const GITIGNORE: &[(&str, &[&str])] = &[
    (
        "# pulse: its lock file, and the temporary files of a write a crash\n# interrupted (the next write removes them)\n",
        &[
            ".pulse.lock",
            ".*.toml.??????",
            ".*.csv.??????",
            ".*.md.??????",
            "..gitattributes.??????",
            "..gitignore.??????",
        ],
    ),
    (
        "# The People Analyzer's ratings (people.toml) and Quarterly Conversations\n# (people/) are about people: they stay out of the shared history.\n",
        &["people.toml", "people/"],
    ),
];

/// `.gitignore` with pulse's patterns added where missing (each block with
/// its comment); the lines already there are kept as they are.
pub fn gitignore(existing: &str) -> String {
    let mut text = existing.to_string();
    for (comment, patterns) in GITIGNORE {
        let missing: Vec<&str> = patterns
            .iter()
            .copied()
            .filter(|p| !existing.lines().any(|l| l.trim() == *p))
            .collect();
        if missing.is_empty() {
            continue;
        }
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(comment);
        for line in missing {
            text.push_str(line);
            text.push('\n');
        }
    }
    text
}

#[derive(Debug, Serialize)]
pub struct InitReport {
    pub dir: PathBuf,
    pub name: String,
    pub files: Vec<String>,
    pub git_init: bool,
    /// pulse's merge driver was registered in the repository's config.
    pub driver_registered: bool,
    pub committed: bool,
    #[serde(skip)]
    pub warning: Option<String>,
}

/// The weekly meeting a new company starts with (`pulse init --weekday
/// --time --minutes`); EOS's Level 10 is Monday at 09:00 for 90 minutes
/// unless a team says otherwise.
pub struct FirstMeeting {
    pub weekday: String,
    pub time: String,
    pub minutes: u32,
}

impl Default for FirstMeeting {
    fn default() -> Self {
        FirstMeeting {
            weekday: "monday".into(),
            time: "09:00".into(),
            minutes: 90,
        }
    }
}

pub fn init(
    dir: &Path,
    name: Option<&str>,
    meeting: &FirstMeeting,
    today: NaiveDate,
    commit: bool,
) -> Result<InitReport> {
    crate::model::time::parse_weekday(&meeting.weekday)
        .map_err(|e| Error::user(format!("--weekday: {e}")))?;
    crate::model::time::parse_time(&meeting.time)
        .map_err(|e| Error::user(format!("--time: {e}")))?;
    if !(10..=1440).contains(&meeting.minutes) {
        return Err(Error::user(format!(
            "--minutes {}: expected 10 to 1440",
            meeting.minutes
        )));
    }
    let dir = std::path::absolute(dir).map_err(|e| Error::io("use", dir, &e))?;
    if dir.join("company.toml").exists() {
        return Err(Error::user(format!(
            "{} already holds a company (company.toml exists)",
            dir.display()
        )));
    }
    let name = match name {
        Some(n) if !n.trim().is_empty() => n.trim().to_string(),
        Some(_) => return Err(Error::user("--name must not be empty")),
        None => dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "My Company".to_string()),
    };
    let quarter = Quarter::of(today);
    let quoted_name = toml_edit::Value::from(name.as_str()).to_string();
    let fill = |text: &str| {
        text.replace("\"{{name}}\"", quoted_name.trim())
            .replace("{{quarter}}", &quarter.to_string())
            .replace("{{due}}", &quarter.last_day().to_string())
            .replace("{{today}}", &today.to_string())
            .replace("{{week_later}}", &(today + Days::new(7)).to_string())
            .replace("{{weekday}}", &meeting.weekday.trim().to_lowercase())
            .replace("{{time}}", meeting.time.trim())
            .replace("{{minutes}}", &meeting.minutes.to_string())
    };

    let mut files: Vec<(PathBuf, String)> = TEMPLATES
        .iter()
        .map(|(path, text)| (dir.join(fill(path)), fill(text)))
        .collect();
    // A file of the folder as it is, or empty when there is none yet.
    let existing_text = |name: &str| -> Result<(PathBuf, String)> {
        let file = FileRef::new(&dir, dir.join(name));
        let text = read_text(&file)?.unwrap_or_default();
        Ok((file.path, text))
    };
    let (attributes, existing) = existing_text(".gitattributes")?;
    // What was there before, to put back if the writes fail half-way.
    let mut before: Vec<(PathBuf, String)> = Vec::new();
    let routed = setup::gitattributes(&existing, "");
    if routed != existing {
        files.push((attributes.clone(), routed));
        before.push((attributes, existing));
    }
    let (ignore, existing) = existing_text(".gitignore")?;
    let ignored = gitignore(&existing);
    if ignored != existing {
        files.push((ignore.clone(), ignored));
        before.push((ignore, existing));
    }
    for (path, _) in &files {
        if path.exists() && !path.ends_with(".gitattributes") && !path.ends_with(".gitignore") {
            return Err(Error::user(format!(
                "{} exists already; pulse init writes nothing over it",
                path.display()
            )));
        }
    }
    let staged: Vec<Staged> = files
        .iter()
        .map(|(path, text)| Staged {
            path,
            contents: text.as_bytes(),
            before: before
                .iter()
                .find(|(p, text)| p == path && !text.is_empty())
                .map(|(_, text)| text.as_bytes()),
        })
        .collect();
    write_all(&staged)?;

    let mut report = InitReport {
        files: files
            .iter()
            .map(|(p, _)| p.strip_prefix(&dir).unwrap_or(p).display().to_string())
            .collect(),
        dir: dir.clone(),
        name: name.clone(),
        git_init: false,
        driver_registered: false,
        committed: false,
        warning: None,
    };
    if commit && git::find_git_dir(&dir).is_none() {
        match git::init(&dir) {
            Ok(()) => report.git_init = true,
            Err(e) => {
                report.warning = Some(format!("the files were written but git init failed: {e}"));
                return Ok(report);
            }
        }
    }
    if git::find_git_dir(&dir).is_some() {
        match setup::register(&dir) {
            Ok(_) => report.driver_registered = true,
            Err(e) => {
                report.warning = Some(format!(
                    "pulse's merge driver is not registered: {}\nhint: run `pulse setup` in {}",
                    e.message,
                    crate::shell::quote(&dir.display().to_string())
                ));
            }
        }
    }
    if !commit {
        return Ok(report);
    }
    let paths: Vec<PathBuf> = files.into_iter().map(|(p, _)| p).collect();
    match git::commit_paths(&dir, &paths, &format!("init: start {name} with pulse")) {
        Ok(()) => report.committed = true,
        Err(e) => {
            let earlier = report.warning.take().map(|w| format!("{w}\nwarning: "));
            report.warning = Some(format!(
                "{}the files were written but not committed: {}{}",
                earlier.unwrap_or_default(),
                e.message,
                e.hints
                    .iter()
                    .map(|h| format!("\nhint: {h}"))
                    .collect::<String>()
            ))
        }
    }
    Ok(report)
}
