//! `pulse check`: every file parsed, every reference resolved, and the EOS
//! rules of thumb. Errors are broken references and invalid values; warnings
//! are the rules (too many rocks, an empty seat, a stale V/TO date...).

use super::Ctx;
use crate::error::{Error, ErrorKind};
use crate::model::company::CompanyFile;
use crate::model::issue::IssuesFile;
use crate::model::meeting::Meeting;
use crate::model::people::{Gwc, PeopleFile, ValueRating};
use crate::model::rock::{RockStatus, RocksFile};
use crate::model::scorecard::Measurable;
use crate::model::seats::SeatsFile;
use crate::model::time::{Quarter, parse_date, parse_weekday};
use crate::model::todo::TodosFile;
use crate::model::vision::Vision;
use crate::store::files::{FileRef, read_text};
use crate::store::load;
use crate::store::parallel;
use crate::store::parse::{IdLines, ListFile, line_col, parse_toml};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, HashSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A file that does not parse (exit 2).
    Broken,
    Error,
    Warning,
}

#[derive(Debug, Serialize)]
pub struct Finding {
    pub severity: Severity,
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

#[derive(Default)]
struct Findings {
    list: Vec<Finding>,
}

impl Findings {
    fn add(&mut self, severity: Severity, file: &FileRef, line: Option<usize>, message: String) {
        self.list.push(Finding {
            severity,
            file: file.display.clone(),
            line,
            message,
        });
    }
    fn error(&mut self, file: &FileRef, line: Option<usize>, message: String) {
        self.add(Severity::Error, file, line, message);
    }
    fn warn(&mut self, file: &FileRef, line: Option<usize>, message: String) {
        self.add(Severity::Warning, file, line, message);
    }
    fn broken(&mut self, file: &FileRef, e: Error) {
        let severity = if e.kind == ErrorKind::Broken {
            Severity::Broken
        } else {
            Severity::Error
        };
        self.list.push(Finding {
            severity,
            file: file.display.clone(),
            line: None,
            message: e.message,
        });
    }

    /// What loading a file gave; a failure becomes a finding.
    fn loaded<T>(
        &mut self,
        file: &FileRef,
        loaded: Result<(T, String), Error>,
    ) -> Option<(T, String)> {
        loaded.map_err(|e| self.broken(file, e)).ok()
    }

    /// Reads and parses one file; a parse failure becomes a finding.
    fn load<T: DeserializeOwned + Default>(&mut self, file: &FileRef) -> Option<(T, String)> {
        match read_text(file) {
            Ok(Some(text)) => match parse_toml::<T>(file, &text) {
                Ok(value) => Some((value, text)),
                Err(e) => {
                    self.broken(file, e);
                    None
                }
            },
            Ok(None) => Some((T::default(), String::new())),
            Err(e) => {
                self.broken(file, e);
                None
            }
        }
    }
}

struct Roster<'a> {
    company: &'a CompanyFile,
}

impl Roster<'_> {
    /// An error when `handle` is not on the roster; `what` names the item
    /// (made only then: a ten-year company has thousands of items).
    fn check<W: std::fmt::Display>(
        &self,
        f: &mut Findings,
        file: &FileRef,
        line: impl FnOnce() -> Option<usize>,
        what: W,
        handle: &str,
    ) {
        if !handle.is_empty() && !self.company.has_person(handle) {
            let valid: Vec<&str> = self.company.handles().collect();
            f.error(
                file,
                line(),
                format!(
                    "{what}: unknown person `{handle}` (valid: {})",
                    valid.join(", ")
                ),
            );
        }
    }
}

/// "kind `id`", formatted only when a message needs it.
struct Named<'a>(&'a str, &'a str);

impl std::fmt::Display for Named<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} `{}`", self.0, self.1)
    }
}

fn duplicates<'a>(
    f: &mut Findings,
    file: &FileRef,
    lines: &IdLines,
    what: &str,
    ids: impl Iterator<Item = &'a str>,
) {
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for id in ids {
        let count = seen.entry(id).or_default();
        *count += 1;
        if *count > 1 {
            // Point at this copy (a bad merge leaves the second one behind).
            let line = lines.nth(id, *count - 1);
            f.error(
                file,
                Some(line),
                format!("{what} id `{id}` is used twice in this file"),
            );
        }
        if id.is_empty() {
            f.error(file, None, format!("a {what} has an empty id"));
        }
    }
}

/// Reads a list file (issues, to-dos): from the parse cache when its text
/// was parsed before, else parsed on every core.
fn read_list<T: ListFile + Default + serde::Serialize>(
    ws: &crate::store::Workspace,
    file: &FileRef,
) -> Result<(T, String), Error> {
    match read_text(file)? {
        Some(text) => Ok((load::cached_list(ws, file, &text)?, text)),
        None => Ok((T::default(), String::new())),
    }
}

pub fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut f = Findings::default();
    let ws = &ctx.ws;
    let company = &ws.company;
    let roster = Roster { company };
    // The big parts are read and checked on two cores at once, each into
    // findings of its own, joined below in the report's order: the rocks,
    // issues and to-dos on one; the meetings and the weekly values on the
    // other (the values are checked against the scorecard below).
    let (lists, (meetings, values_loaded)) = parallel::join(
        || {
            let mut f = Findings::default();
            check_rock_files(&mut f, ws, &roster);
            check_lists(&mut f, ws, &roster);
            f
        },
        || {
            let mut f = Findings::default();
            check_meetings(&mut f, ws, &roster);
            (f, load::values(ws))
        },
    );
    let company_file = ws.company_file();

    if let Err(e) = parse_weekday(&company.meeting.weekday) {
        f.error(&company_file, None, format!("[meeting] {e}"));
    }
    if chrono::NaiveTime::parse_from_str(&company.meeting.time, "%H:%M").is_err() {
        f.error(
            &company_file,
            None,
            format!(
                "[meeting] invalid time `{}`: expected HH:MM, e.g. 09:00",
                company.meeting.time
            ),
        );
    }
    if !(10..=1440).contains(&company.meeting.minutes) {
        f.error(
            &company_file,
            None,
            format!(
                "[meeting] minutes = {}: expected 10 to 1440",
                company.meeting.minutes
            ),
        );
    }
    if company.people.is_empty() {
        f.warn(
            &company_file,
            None,
            "nobody is on the roster yet: add people with `pulse person add`".into(),
        );
    }

    // Vision
    let vision_file = ws.vision_file();
    let mut core_values: Option<Vec<String>> = None;
    if let Some((vision, _)) = f.load::<Vision>(&vision_file) {
        core_values = Some(vision.core_values.iter().map(|v| v.name.clone()).collect());
        if vision.core_values.len() > 7 {
            f.warn(
                &vision_file,
                None,
                format!("{} core values: EOS keeps 3 to 7", vision.core_values.len()),
            );
        }
        let dates = [
            (
                "ten_year_target",
                vision.ten_year_target.as_ref().and_then(|t| t.date),
            ),
            (
                "three_year_picture",
                vision.three_year_picture.as_ref().and_then(|t| t.date),
            ),
            (
                "one_year_plan",
                vision.one_year_plan.as_ref().and_then(|t| t.date),
            ),
        ];
        for (section, date) in dates {
            if let Some(date) = date.filter(|d| d.0 < ctx.today) {
                f.warn(
                    &vision_file,
                    None,
                    format!(
                        "[{section}] date {} is in the past: time to set the next one",
                        date.0
                    ),
                );
            }
        }
    }

    // Seats
    let seats_file = ws.seats_file();
    if let Some((seats, text)) = f.load::<SeatsFile>(&seats_file) {
        let seat_lines = IdLines::new(&text);
        duplicates(
            &mut f,
            &seats_file,
            &seat_lines,
            "seat",
            seats.seat.iter().map(|s| s.id.as_str()),
        );
        let ids = seats.ids();
        for seat in &seats.seat {
            let line = Some(seat_lines.first(&seat.id));
            if let Some(parent) = &seat.reports_to
                && !ids.contains(&parent.as_str())
            {
                f.error(
                    &seats_file,
                    line,
                    format!(
                        "seat `{}` reports to unknown seat `{parent}` (seats: {})",
                        seat.id,
                        ids.join(", ")
                    ),
                );
            }
            for person in &seat.people {
                roster.check(
                    &mut f,
                    &seats_file,
                    || line,
                    Named("seat", &seat.id),
                    person,
                );
            }
            if seat.people.is_empty() {
                f.warn(
                    &seats_file,
                    line,
                    format!("seat `{}` has nobody in it", seat.id),
                );
            }
        }
        for cycle in seats.cycles() {
            f.error(
                &seats_file,
                None,
                format!(
                    "seats report to each other in a loop: {} → {}",
                    cycle.join(" → "),
                    cycle[0]
                ),
            );
        }
        if !seats.seat.is_empty() {
            let seated: HashSet<&str> = seats
                .seat
                .iter()
                .flat_map(|s| s.people.iter().map(String::as_str))
                .collect();
            for handle in company.handles().filter(|h| !seated.contains(h)) {
                f.warn(&seats_file, None, format!("{handle} sits in no seat"));
            }
        }
    }

    check_people(&mut f, ws, &roster, core_values.as_deref());

    // Scorecard
    let scorecard_file = ws.scorecard_file();
    let measurables: Vec<Measurable> = match load::measurables(ws) {
        Ok(m) => m,
        Err(e) => {
            f.broken(&scorecard_file, e);
            Vec::new()
        }
    };
    let scorecard_text = read_text(&scorecard_file)
        .ok()
        .flatten()
        .unwrap_or_default();
    let scorecard_lines = IdLines::new(&scorecard_text);
    duplicates(
        &mut f,
        &scorecard_file,
        &scorecard_lines,
        "measurable",
        measurables.iter().map(|m| m.id.as_str()),
    );
    for m in &measurables {
        let line = Some(scorecard_lines.first(&m.id));
        if m.owner.is_empty() {
            f.warn(
                &scorecard_file,
                line,
                format!("measurable `{}` has no owner", m.id),
            );
        }
        roster.check(
            &mut f,
            &scorecard_file,
            || line,
            Named("measurable", &m.id),
            &m.owner,
        );
    }
    if !measurables.is_empty() && !(5..=15).contains(&measurables.len()) {
        f.warn(
            &scorecard_file,
            None,
            format!(
                "{} measurables: EOS keeps 5 to 15 on the scorecard",
                measurables.len()
            ),
        );
    }
    let values_file = ws.values_file();
    match values_loaded {
        Ok(values) => {
            let known: HashSet<&str> = measurables.iter().map(|m| m.id.as_str()).collect();
            let mut reported = HashSet::new();
            for e in &values.entries {
                if !known.contains(e.measurable.as_str()) && reported.insert(e.measurable.clone()) {
                    f.warn(
                        &values_file,
                        Some(e.line as usize),
                        format!(
                            "values for `{}`, which scorecard.toml does not define",
                            e.measurable
                        ),
                    );
                }
            }
            for (first, later) in &values.duplicates {
                f.warn(&values_file, Some(*later as usize), format!("the same week and measurable as line {first} (after a merge?): line {later} wins; delete the other"));
            }
        }
        Err(e) => f.broken(&values_file, e),
    }

    f.list.extend(lists.list);
    f.list.extend(meetings.list);

    // Processes
    match load::processes(ws) {
        Ok(processes) => {
            for p in processes {
                roster.check(
                    &mut f,
                    &p.file,
                    || Some(1),
                    Named("process", &p.meta.name),
                    &p.meta.owner,
                );
            }
        }
        Err(e) => f.broken(&ws.file(ws.processes_dir()), e),
    }

    f.list.extend(super::setup::findings(ctx));
    f.list.sort_by_key(|x| x.severity);
    f.list
}

/// The rock files, one per quarter.
fn check_rock_files(f: &mut Findings, ws: &crate::store::Workspace, roster: &Roster) {
    let rock_files = match load::cached_folder::<RocksFile>(ws, &ws.rocks_dir()) {
        Ok(files) => files,
        Err(e) => return f.broken(&ws.file(ws.rocks_dir()), e),
    };
    for (file, loaded) in rock_files {
        let stem = file.path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if stem.parse::<Quarter>().is_err() {
            f.warn(&file, None, format!("not a quarter's file: rock files are named YYYY-Qn.toml, e.g. 2026-Q4.toml (`{stem}`)"));
            continue;
        }
        if let Some((rocks, text)) = f.loaded(&file, loaded) {
            check_rocks(f, roster, &file, &rocks, &text);
        }
    }
}

/// The issues list, then the to-dos (which may point at issues).
fn check_lists(f: &mut Findings, ws: &crate::store::Workspace, roster: &Roster) {
    let issues_file = ws.issues_file();
    let issues = f.loaded(&issues_file, read_list::<IssuesFile>(ws, &issues_file));
    let mut issue_ids: HashSet<&str> = HashSet::new();
    if let Some((issues, text)) = &issues {
        let issue_lines = IdLines::new(text);
        duplicates(
            f,
            &issues_file,
            &issue_lines,
            "issue",
            issues.issue.iter().map(|i| i.id.as_str()),
        );
        for issue in &issues.issue {
            let line = || Some(issue_lines.first(&issue.id));
            issue_ids.insert(&issue.id);
            roster.check(
                f,
                &issues_file,
                line,
                Named("issue", &issue.id),
                &issue.owner,
            );
            if let Some(p) = issue.priority
                && !(1..=3).contains(&p)
            {
                f.error(
                    &issues_file,
                    line(),
                    format!("issue `{}`: priority {p}: expected 1, 2 or 3", issue.id),
                );
            }
        }
    }

    let todos_file = ws.todos_file();
    if let Some((todos, text)) = f.loaded(&todos_file, read_list::<TodosFile>(ws, &todos_file)) {
        let todo_lines = IdLines::new(&text);
        duplicates(
            f,
            &todos_file,
            &todo_lines,
            "to-do",
            todos.todo.iter().map(|t| t.id.as_str()),
        );
        for todo in &todos.todo {
            let line = || Some(todo_lines.first(&todo.id));
            roster.check(f, &todos_file, line, Named("to-do", &todo.id), &todo.owner);
            if let Some(issue) = &todo.issue
                && !issue_ids.contains(issue.as_str())
            {
                f.error(
                    &todos_file,
                    line(),
                    format!("to-do `{}`: unknown issue `{issue}`", todo.id),
                );
            }
        }
    }
}

/// The meeting files, one per meeting.
fn check_meetings(f: &mut Findings, ws: &crate::store::Workspace, roster: &Roster) {
    let meetings = match load::cached_folder::<Meeting>(ws, &ws.meetings_dir()) {
        Ok(meetings) => meetings,
        Err(e) => return f.broken(&ws.file(ws.meetings_dir()), e),
    };
    for (file, loaded) in meetings {
        let stem = file.path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let Ok(date) = parse_date(stem) else {
            f.warn(
                &file,
                None,
                "not a meeting file: meeting files are named YYYY-MM-DD.toml".into(),
            );
            continue;
        };
        if let Some((meeting, _)) = f.loaded(&file, loaded) {
            check_meeting(f, roster, &file, &meeting, date);
        }
    }
}

/// people.toml: valid ratings, about people on the roster, against the core
/// values of vision.toml (`None` when vision.toml is broken: not checked).
fn check_people(
    f: &mut Findings,
    ws: &crate::store::Workspace,
    roster: &Roster,
    core_values: Option<&[String]>,
) {
    let file = ws.people_file();
    let Some((people, text)) = f.load::<PeopleFile>(&file) else {
        return;
    };
    let line_at = |offset: usize| Some(line_col(&text, offset).0);
    for (handle, assessment) in &people.people {
        let first_line = assessment
            .values
            .values()
            .map(|v| v.span().start)
            .chain(assessment.gwc.as_ref().map(|g| g.span().start))
            .min()
            .and_then(line_at);
        roster.check(f, &file, || first_line, "people analyzer", handle);
        for (value, rating) in &assessment.values {
            let line = line_at(rating.span().start);
            if let Err(e) = ValueRating::parse(rating.get_ref()) {
                f.error(&file, line, format!("`{handle}`, {value}: {e}"));
            }
            if let Some(core) = core_values
                && !core.contains(value)
            {
                f.error(
                    &file,
                    line,
                    format!(
                        "`{handle}` is rated on `{value}`, which is not a core value (core values: {})",
                        core.join(", ")
                    ),
                );
            }
        }
        if let Some(gwc) = &assessment.gwc
            && let Err(e) = Gwc::parse(gwc.get_ref())
        {
            f.error(&file, line_at(gwc.span().start), format!("`{handle}`: {e}"));
        }
    }
}

fn check_rocks(f: &mut Findings, roster: &Roster, file: &FileRef, rocks: &RocksFile, text: &str) {
    let rock_lines = IdLines::new(text);
    duplicates(
        f,
        file,
        &rock_lines,
        "rock",
        rocks.rock.iter().map(|r| r.id.as_str()),
    );
    let mut per_owner: BTreeMap<&str, usize> = BTreeMap::new();
    for rock in &rocks.rock {
        let line = || Some(rock_lines.first(&rock.id));
        if rock.owner.is_empty() {
            f.warn(file, line(), format!("rock `{}` has no owner", rock.id));
        }
        roster.check(f, file, line, Named("rock", &rock.id), &rock.owner);
        if rock.status != RockStatus::Dropped {
            *per_owner.entry(rock.owner.as_str()).or_default() += 1;
        }
    }
    for (owner, n) in per_owner {
        if n > 7 && !owner.is_empty() {
            f.warn(
                file,
                None,
                format!("{owner} has {n} rocks: EOS keeps 3 to 7 per person"),
            );
        }
    }
    let company_rocks = rocks
        .rock
        .iter()
        .filter(|r| r.company && r.status != RockStatus::Dropped)
        .count();
    if company_rocks > 7 {
        f.warn(
            file,
            None,
            format!("{company_rocks} company rocks: EOS keeps 3 to 7"),
        );
    }
}

fn check_meeting(
    f: &mut Findings,
    roster: &Roster,
    file: &FileRef,
    meeting: &Meeting,
    date: chrono::NaiveDate,
) {
    if let Some(d) = meeting.date
        && d.0 != date
    {
        f.warn(
            file,
            None,
            format!("date = {} differs from the file name's date {date}", d.0),
        );
    }
    for (handle, rating) in &meeting.ratings {
        roster.check(f, file, || None, "rating", handle);
        if !(1..=10).contains(rating) {
            f.error(
                file,
                None,
                format!("rating {handle} = {rating}: expected 1 to 10"),
            );
        }
    }
    for handle in &meeting.attendees {
        roster.check(f, file, || None, "attendee", handle);
    }
    for headline in &meeting.headlines {
        roster.check(f, file, || None, "headline", &headline.by);
    }
}
