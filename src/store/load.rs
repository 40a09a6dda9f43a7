//! Loading the parts of a company into the model. Each command loads only the
//! files it needs; a missing optional file reads as empty.

use super::files::{FileRef, list_dir, list_subdirs, read_text};
use super::parse::{ListFile, TomlFile, ids_in, located_error, parse_list, parse_toml};
use super::values;
use super::workspace::Workspace;
use crate::error::{Error, Result};
use crate::model::goal::Goal;
use crate::model::issue::{Issue, IssuesFile};
use crate::model::meeting::Meeting;
use crate::model::process::{ProcessMeta, split_front_matter};
use crate::model::rock::RocksFile;
use crate::model::scorecard::{EarlierGoal, Measurable, ScorecardFile, Values};
use crate::model::seats::SeatsFile;
use crate::model::time::{Quarter, Week, parse_date};
use crate::model::todo::{Todo, TodosFile};
use crate::model::vision::Vision;
use chrono::{Days, NaiveDate};

/// Parses a TOML file, or gives the default when it does not exist.
pub fn toml_or_default<T: TomlFile + Default>(file: &FileRef) -> Result<T> {
    match read_text(file)? {
        Some(text) => T::parse(file, &text),
        None => Ok(T::default()),
    }
}

pub fn vision(ws: &Workspace) -> Result<Vision> {
    toml_or_default(&ws.vision_file())
}

pub fn seats(ws: &Workspace) -> Result<SeatsFile> {
    toml_or_default(&ws.seats_file())
}

// Files read whole (they are short).
impl TomlFile for crate::model::checkup::CheckupFile {}
impl TomlFile for crate::model::company::CompanyFile {}
impl TomlFile for crate::model::conversation::Conversation {}
impl TomlFile for Meeting {}
impl TomlFile for crate::model::people::PeopleFile {}
impl TomlFile for RocksFile {}
impl TomlFile for ScorecardFile {}
impl TomlFile for SeatsFile {}
impl TomlFile for crate::model::team::TeamFile {}
impl TomlFile for Vision {}

impl TomlFile for IssuesFile {
    fn parse(file: &FileRef, text: &str) -> Result<Self> {
        parse_list(file, text)
    }
}

impl ListFile for IssuesFile {
    const KEY: &'static str = "issue";
    type Item = crate::model::issue::Issue;
    fn items(&self) -> &[Self::Item] {
        &self.issue
    }
    fn items_mut(&mut self) -> &mut Vec<Self::Item> {
        &mut self.issue
    }
    fn id(item: &Self::Item) -> &str {
        &item.id
    }
}

impl TomlFile for TodosFile {
    fn parse(file: &FileRef, text: &str) -> Result<Self> {
        parse_list(file, text)
    }
}

impl ListFile for TodosFile {
    const KEY: &'static str = "todo";
    type Item = crate::model::todo::Todo;
    fn items(&self) -> &[Self::Item] {
        &self.todo
    }
    fn items_mut(&mut self) -> &mut Vec<Self::Item> {
        &mut self.todo
    }
    fn id(item: &Self::Item) -> &str {
        &item.id
    }
}

/// The files of a folder, each with what it parsed to and its text, or its
/// error.
pub type Loaded<T> = Vec<(FileRef, Result<(T, String)>)>;

/// Every `.toml` file of a folder, each read and parsed (or its error), with
/// its text, in name order.
pub fn folder<T: TomlFile + Default>(ws: &Workspace, dir: &std::path::Path) -> Result<Loaded<T>> {
    Ok(list_dir(&ws.file(dir.to_path_buf()), "toml")?
        .into_iter()
        .map(|path| {
            let file = ws.file(path);
            let value = match read_text(&file) {
                Ok(Some(text)) => T::parse(&file, &text).map(|v| (v, text)),
                Ok(None) => Ok((T::default(), String::new())),
                Err(e) => Err(e),
            };
            (file, value)
        })
        .collect())
}

pub fn issues(ws: &Workspace) -> Result<IssuesFile> {
    toml_or_default(&ws.issues_file())
}

pub fn todos(ws: &Workspace) -> Result<TodosFile> {
    toml_or_default(&ws.todos_file())
}

pub fn rocks(ws: &Workspace, quarter: Quarter) -> Result<RocksFile> {
    toml_or_default(&ws.rocks_file(quarter))
}

/// The quarters that have a folder in `archive/`, oldest first.
pub fn archive_quarters(ws: &Workspace) -> Result<Vec<Quarter>> {
    let mut quarters: Vec<Quarter> = list_subdirs(&ws.file(ws.archive_dir()))?
        .iter()
        .filter_map(|name| name.parse().ok())
        .collect();
    quarters.sort();
    Ok(quarters)
}

/// The live to-dos, and after them the archived ones of the quarters from
/// `from` on (every archived quarter when `None`): what a command that
/// looks at a span of time reads.
pub fn todos_since(ws: &Workspace, from: Option<Quarter>) -> Result<Vec<Todo>> {
    let mut todos = todos(ws)?.todo;
    for quarter in archive_quarters(ws)? {
        if from.is_none_or(|f| quarter >= f) {
            let archived: TodosFile = toml_or_default(&ws.archived_todos_file(quarter))?;
            todos.extend(archived.todo);
        }
    }
    Ok(todos)
}

/// The live issues, and after them the archived ones of the quarters from
/// `from` on (every archived quarter when `None`).
pub fn issues_since(ws: &Workspace, from: Option<Quarter>) -> Result<Vec<Issue>> {
    let mut issues = issues(ws)?.issue;
    for quarter in archive_quarters(ws)? {
        if from.is_none_or(|f| quarter >= f) {
            let archived: IssuesFile = toml_or_default(&ws.archived_issues_file(quarter))?;
            issues.extend(archived.issue);
        }
    }
    Ok(issues)
}

/// The ids used in the archived files named `name` (`todos.toml`), found by
/// reading each line's `id = "..."` rather than parsing ten years of items:
/// a new id only has to avoid them. (A line that merely looks like an id
/// makes pulse avoid one id too many, never one too few.)
pub fn archived_ids(ws: &Workspace, name: &str) -> Result<Vec<String>> {
    let mut ids = Vec::new();
    for quarter in archive_quarters(ws)? {
        let file = ws.file(ws.archive_dir().join(quarter.to_string()).join(name));
        if let Some(text) = read_text(&file)? {
            ids.extend(ids_in(&text).map(str::to_string));
        }
    }
    Ok(ids)
}

/// The quarters that have a rock file, oldest first. Files in `rocks/` not
/// named `YYYY-Qn.toml` are skipped here and reported by `pulse check`.
pub fn rock_quarters(ws: &Workspace) -> Result<Vec<Quarter>> {
    let mut quarters: Vec<Quarter> = list_dir(&ws.file(ws.rocks_dir()), "toml")?
        .iter()
        .filter_map(|p| p.file_stem()?.to_str()?.parse().ok())
        .collect();
    quarters.sort();
    Ok(quarters)
}

/// The measurables with their goals validated.
pub fn measurables(ws: &Workspace) -> Result<Vec<Measurable>> {
    let file = ws.scorecard_file();
    let Some(text) = read_text(&file)? else {
        return Ok(Vec::new());
    };
    let raw: ScorecardFile = parse_toml(&file, &text)?;
    let body = super::files::without_bom(&text);
    // A goal or a week that does not read is an error at its place.
    let at = |spanned_start: usize, e: String| located_error(&file, body, spanned_start, &e);
    let goal_of = |g: &toml::Spanned<String>| -> Result<Goal> {
        g.get_ref()
            .parse()
            .map_err(|e: String| at(g.span().start, e))
    };
    let week_of = |w: &toml::Spanned<String>| -> Result<Week> {
        w.get_ref()
            .parse()
            .map_err(|e: String| at(w.span().start, e))
    };
    raw.measurable
        .into_iter()
        .map(|m| {
            let goal = goal_of(&m.goal)?;
            let goal_from = m.goal_from.as_ref().map(week_of).transpose()?;
            let mut goals = m
                .goals
                .iter()
                .map(|g| {
                    Ok(EarlierGoal {
                        from: week_of(&g.from)?,
                        goal: goal_of(&g.goal)?,
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            goals.sort_by_key(|g| g.from);
            Ok(Measurable {
                name: if m.name.is_empty() {
                    m.id.clone()
                } else {
                    m.name
                },
                id: m.id,
                owner: m.owner,
                goal,
                unit: m.unit,
                goal_from,
                goals,
                since: m.since.as_ref().map(week_of).transpose()?,
                source: m.source.filter(|s| !s.trim().is_empty()),
            })
        })
        .collect()
}

pub fn values(ws: &Workspace) -> Result<Values> {
    let file = ws.values_file();
    match read_text(&file)? {
        Some(text) => values::parse_values(&file, &text),
        None => Ok(Values::default()),
    }
}

/// The weekly values of the weeks in `window` only (the agenda's week, the
/// scorecard's last weeks).
pub fn values_in(ws: &Workspace, window: values::Window) -> Result<Values> {
    let file = ws.values_file();
    match read_text(&file)? {
        Some(text) => values::parse_window(&file, &text, &window),
        None => Ok(Values::default()),
    }
}

/// The dates that have a meeting file, oldest first.
pub fn meeting_dates(ws: &Workspace) -> Result<Vec<NaiveDate>> {
    let mut dates: Vec<NaiveDate> = list_dir(&ws.file(ws.meetings_dir()), "toml")?
        .iter()
        .filter_map(|p| parse_date(p.file_stem()?.to_str()?).ok())
        .collect();
    dates.sort();
    Ok(dates)
}

pub fn meeting(ws: &Workspace, date: NaiveDate) -> Result<Option<Meeting>> {
    let file = ws.meeting_file(date);
    match read_text(&file)? {
        Some(text) => parse_toml(&file, &text).map(Some),
        None => Ok(None),
    }
}

/// The last meeting before `date` that has a file, with its date.
pub fn previous_meeting(ws: &Workspace, date: NaiveDate) -> Result<Option<(NaiveDate, Meeting)>> {
    // A weekly team's last meeting is a week back: five weeks are looked
    // at day by day before the folder is listed.
    let found = latest_meeting(ws, date - Days::new(1), date - Days::new(35), |_, m| {
        m.is_some()
    })?;
    Ok(found.and_then(|(day, meeting)| meeting.map(|m| (day, m))))
}

/// The latest day from `from` back that `accept`s, with its meeting when it
/// has a file: looked at day by day down to `until`, then among the older
/// files of the meetings folder, listed only then (ten years are 500).
pub fn latest_meeting(
    ws: &Workspace,
    from: NaiveDate,
    until: NaiveDate,
    mut accept: impl FnMut(NaiveDate, Option<&Meeting>) -> bool,
) -> Result<Option<(NaiveDate, Option<Meeting>)>> {
    let mut day = from;
    while day >= until {
        let found = meeting(ws, day)?;
        if accept(day, found.as_ref()) {
            return Ok(Some((day, found)));
        }
        day = day - Days::new(1);
    }
    for date in meeting_dates(ws)?.into_iter().rev().filter(|d| *d < until) {
        let found = meeting(ws, date)?;
        if accept(date, found.as_ref()) {
            return Ok(Some((date, found)));
        }
    }
    Ok(None)
}

/// A core process: its file, its front matter and the Markdown after it.
pub struct Process {
    pub file: FileRef,
    pub meta: ProcessMeta,
    pub body: String,
}

pub fn processes(ws: &Workspace) -> Result<Vec<Process>> {
    list_dir(&ws.file(ws.processes_dir()), "md")?
        .into_iter()
        .map(|path| {
            let file = ws.file(path);
            let text = read_text(&file)?.unwrap_or_default();
            let body = super::files::without_bom(&text);
            let (offset, front, markdown) = split_front_matter(body).ok_or_else(|| {
                Error::broken(format!(
                    "{}:1:1: expected a TOML front matter block: a line `+++`, `name = \"...\"`, `owner = \"...\"`, `status = \"...\"`, and a closing `+++`",
                    file.display
                ))
            })?;
            let meta: ProcessMeta = toml::from_str(front).map_err(|e| {
                let at = offset + e.span().map_or(0, |s| s.start);
                located_error(&file, body, at, e.message().trim())
            })?;
            Ok(Process {
                file,
                meta,
                body: markdown.to_string(),
            })
        })
        .collect()
}
