//! `pulse init --demo DIR`: the demo company of `examples/demo`, embedded in
//! the binary, moved in time so that it is "this week" whenever it is
//! written, with several weeks of backdated git history behind it.
//!
//! The demo is written as of 2026-11-25 (a Wednesday before a Thursday
//! meeting). Every date moves by the same whole number of weeks, so meetings
//! stay on their weekday; rocks move by whole quarters; the vision by whole
//! years. The history replays the weeks before today from the final files.

use crate::error::{Error, Result};
use crate::git;
use crate::model::time::{Quarter, Week, parse_date};
use crate::store::atomic::write_atomic;
use chrono::{Datelike, Days, NaiveDate};
use std::path::{Path, PathBuf};
use toml_edit::{DocumentMut, Item};

const PINNED: &str = "2026-11-25";

const FILES: [(&str, &str); 54] = [
    (
        "vision.toml",
        include_str!("../../examples/demo/vision.toml"),
    ),
    ("seats.toml", include_str!("../../examples/demo/seats.toml")),
    (
        "people.toml",
        include_str!("../../examples/demo/people.toml"),
    ),
    (
        "scorecard.toml",
        include_str!("../../examples/demo/scorecard.toml"),
    ),
    (
        "scorecard.csv",
        include_str!("../../examples/demo/scorecard.csv"),
    ),
    (
        "issues.toml",
        include_str!("../../examples/demo/issues.toml"),
    ),
    ("todos.toml", include_str!("../../examples/demo/todos.toml")),
    (
        "archive/2026-Q3/todos.toml",
        include_str!("../../examples/demo/archive/2026-Q3/todos.toml"),
    ),
    (
        "archive/2026-Q3/issues.toml",
        include_str!("../../examples/demo/archive/2026-Q3/issues.toml"),
    ),
    (
        "rocks/2026-Q3.toml",
        include_str!("../../examples/demo/rocks/2026-Q3.toml"),
    ),
    (
        "rocks/2026-Q4.toml",
        include_str!("../../examples/demo/rocks/2026-Q4.toml"),
    ),
    (
        "meetings/2026-11-12.toml",
        include_str!("../../examples/demo/meetings/2026-11-12.toml"),
    ),
    (
        "meetings/2026-11-19.toml",
        include_str!("../../examples/demo/meetings/2026-11-19.toml"),
    ),
    (
        "meetings/2026-11-26.toml",
        include_str!("../../examples/demo/meetings/2026-11-26.toml"),
    ),
    (
        "teams/engineering/issues.toml",
        include_str!("../../examples/demo/teams/engineering/issues.toml"),
    ),
    (
        "teams/engineering/meetings/2026-11-17.toml",
        include_str!("../../examples/demo/teams/engineering/meetings/2026-11-17.toml"),
    ),
    (
        "teams/engineering/meetings/2026-11-24.toml",
        include_str!("../../examples/demo/teams/engineering/meetings/2026-11-24.toml"),
    ),
    (
        "teams/engineering/rocks/2026-Q4.toml",
        include_str!("../../examples/demo/teams/engineering/rocks/2026-Q4.toml"),
    ),
    (
        "teams/engineering/scorecard.csv",
        include_str!("../../examples/demo/teams/engineering/scorecard.csv"),
    ),
    (
        "teams/engineering/scorecard.toml",
        include_str!("../../examples/demo/teams/engineering/scorecard.toml"),
    ),
    (
        "teams/engineering/team.toml",
        include_str!("../../examples/demo/teams/engineering/team.toml"),
    ),
    (
        "teams/engineering/todos.toml",
        include_str!("../../examples/demo/teams/engineering/todos.toml"),
    ),
    (
        "teams/sales/issues.toml",
        include_str!("../../examples/demo/teams/sales/issues.toml"),
    ),
    (
        "teams/sales/meetings/2026-11-16.toml",
        include_str!("../../examples/demo/teams/sales/meetings/2026-11-16.toml"),
    ),
    (
        "teams/sales/meetings/2026-11-23.toml",
        include_str!("../../examples/demo/teams/sales/meetings/2026-11-23.toml"),
    ),
    (
        "teams/sales/rocks/2026-Q4.toml",
        include_str!("../../examples/demo/teams/sales/rocks/2026-Q4.toml"),
    ),
    (
        "teams/sales/scorecard.csv",
        include_str!("../../examples/demo/teams/sales/scorecard.csv"),
    ),
    (
        "teams/sales/scorecard.toml",
        include_str!("../../examples/demo/teams/sales/scorecard.toml"),
    ),
    (
        "teams/sales/team.toml",
        include_str!("../../examples/demo/teams/sales/team.toml"),
    ),
    (
        "teams/sales/todos.toml",
        include_str!("../../examples/demo/teams/sales/todos.toml"),
    ),
    (
        "processes/customer-onboarding.md",
        include_str!("../../examples/demo/processes/customer-onboarding.md"),
    ),
    (
        "processes/incident-response.md",
        include_str!("../../examples/demo/processes/incident-response.md"),
    ),
    (
        "processes/hiring.md",
        include_str!("../../examples/demo/processes/hiring.md"),
    ),
    (
        ".gitattributes",
        include_str!("../../examples/demo/.gitattributes"),
    ),
    // The scorecard's sources and the exports they read (SPEC §9).
    (
        "scripts/leads.sh",
        include_str!("../../examples/demo/scripts/leads.sh"),
    ),
    (
        "scripts/tickets.sh",
        include_str!("../../examples/demo/scripts/tickets.sh"),
    ),
    (
        "scripts/uptime.sh",
        include_str!("../../examples/demo/scripts/uptime.sh"),
    ),
    (
        "data/leads.csv",
        include_str!("../../examples/demo/data/leads.csv"),
    ),
    (
        "data/tickets.csv",
        include_str!("../../examples/demo/data/tickets.csv"),
    ),
    (
        "data/uptime.json",
        include_str!("../../examples/demo/data/uptime.json"),
    ),
    (
        "checkups/2026-Q2/felix.toml",
        include_str!("../../examples/demo/checkups/2026-Q2/felix.toml"),
    ),
    (
        "checkups/2026-Q2/priya.toml",
        include_str!("../../examples/demo/checkups/2026-Q2/priya.toml"),
    ),
    (
        "checkups/2026-Q2/zoe.toml",
        include_str!("../../examples/demo/checkups/2026-Q2/zoe.toml"),
    ),
    (
        "checkups/2026-Q3/felix.toml",
        include_str!("../../examples/demo/checkups/2026-Q3/felix.toml"),
    ),
    (
        "checkups/2026-Q3/ian.toml",
        include_str!("../../examples/demo/checkups/2026-Q3/ian.toml"),
    ),
    (
        "checkups/2026-Q3/priya.toml",
        include_str!("../../examples/demo/checkups/2026-Q3/priya.toml"),
    ),
    (
        "checkups/2026-Q3/zoe.toml",
        include_str!("../../examples/demo/checkups/2026-Q3/zoe.toml"),
    ),
    (
        "checkups/2026-Q4/amy.toml",
        include_str!("../../examples/demo/checkups/2026-Q4/amy.toml"),
    ),
    (
        "checkups/2026-Q4/anonymous-3fa9c1.toml",
        include_str!("../../examples/demo/checkups/2026-Q4/anonymous-3fa9c1.toml"),
    ),
    (
        "checkups/2026-Q4/ian.toml",
        include_str!("../../examples/demo/checkups/2026-Q4/ian.toml"),
    ),
    (
        "checkups/2026-Q4/priya.toml",
        include_str!("../../examples/demo/checkups/2026-Q4/priya.toml"),
    ),
    (
        "checkups/2026-Q4/zoe.toml",
        include_str!("../../examples/demo/checkups/2026-Q4/zoe.toml"),
    ),
    (
        "people/conversations/2026-Q4/ian-2026-q4.toml",
        include_str!("../../examples/demo/people/conversations/2026-Q4/ian-2026-q4.toml"),
    ),
    ("company.toml", include_str!("../../company.toml")),
];

/// The demo's history is written by its integrator (the committer is you).
const DEMO_AUTHOR: &str = "Zoe Park <zoe@lapwing.example>";

/// How the demo's calendar moves to today.
struct Shift {
    days: i64,
    quarters: i32,
    years: i32,
}

impl Shift {
    fn to(today: NaiveDate) -> Shift {
        let pinned = parse_date(PINNED).expect("valid pinned date");
        // The demo's day is the Wednesday before its Thursday meeting: on a
        // Wednesday or a Thursday (the meeting is today) the week's own;
        // from Friday to Tuesday the coming one, so that its meeting is still
        // ahead and the week it reviews recorded (a few of its dates fall
        // in the days to come).
        let since = (today - pinned).num_days();
        let mut days = since.div_euclid(7) * 7 + if since.rem_euclid(7) >= 2 { 7 } else { 0 };
        // Never into a quarter that has not begun (the last days of one).
        if Quarter::of(add_days(pinned, days)) > Quarter::of(today) {
            days -= 7;
        }
        let moved = add_days(pinned, days);
        let (from, to) = (Quarter::of(pinned), Quarter::of(moved));
        let quarters = (to.year() - from.year()) * 4 + quarter_number(to) - quarter_number(from);
        Shift {
            days,
            quarters,
            years: moved.year() - pinned.year(),
        }
    }

    fn date(&self, d: NaiveDate) -> NaiveDate {
        add_days(d, self.days)
    }

    fn quarter(&self, q: Quarter) -> Quarter {
        let mut q = q;
        for _ in 0..self.quarters.abs() {
            q = if self.quarters > 0 {
                q.next()
            } else {
                q.prev()
            };
        }
        q
    }

    /// A rock's date keeps its place in its quarter: a quarter's last day
    /// stays the last day; other dates move by the days, inside the quarter.
    fn rock_date(&self, d: NaiveDate) -> NaiveDate {
        let q = Quarter::of(d);
        let target = self.quarter(q);
        if d == q.last_day() {
            return target.last_day();
        }
        self.date(d).clamp(target.first_day(), target.last_day())
    }

    fn year_date(&self, d: NaiveDate) -> NaiveDate {
        d.with_year(d.year() + self.years).unwrap_or(d)
    }
}

fn quarter_number(q: Quarter) -> i32 {
    (q.first_day().month0() / 3) as i32 + 1
}

fn add_days(d: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        d + Days::new(days as u64)
    } else {
        d - Days::new(days.unsigned_abs())
    }
}

/// Rewrites every `YYYY-MM-DD` and `YYYY-Www` in a text.
fn shift_text(text: &str, date: impl Fn(NaiveDate) -> NaiveDate, weeks: i64) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    while i < bytes.len() {
        let rest = &bytes[i..];
        if rest.len() >= 10
            && digits(&rest[..4])
            && rest[4] == b'-'
            && digits(&rest[5..7])
            && rest[7] == b'-'
            && digits(&rest[8..10])
            && let Ok(d) = parse_date(&text[i..i + 10])
        {
            out.push_str(&date(d).to_string());
            i += 10;
            continue;
        }
        if rest.len() >= 8
            && digits(&rest[..4])
            && rest[4] == b'-'
            && rest[5] == b'W'
            && digits(&rest[6..8])
            && let Ok(w) = text[i..i + 8].parse::<Week>()
        {
            let mut w = w;
            for _ in 0..weeks.abs() {
                w = if weeks > 0 { w.next() } else { w.prev() };
            }
            out.push_str(&w.to_string());
            i += 8;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// The quarter named by the folder of a file kept by quarter:
/// `archive/2026-Q3/…`, `checkups/2026-Q4/…`, `people/conversations/2026-Q4/…`.
fn quarter_folder(path: &str) -> Option<&str> {
    ["archive/", "checkups/", "people/conversations/"]
        .iter()
        .find_map(|prefix| path.strip_prefix(prefix))
        .and_then(|rest| rest.split_once('/'))
        .map(|(quarter, _)| quarter)
}

/// The demo's files moved to `today`, by path.
fn files_for(today: NaiveDate) -> Result<Vec<(String, String)>> {
    let shift = Shift::to(today);
    let weeks = shift.days / 7;
    let mut files = Vec::new();
    for (full, text) in FILES {
        // A department's files move as the company's do.
        let (team, path) = split_team(full);
        let (path, text) = if path == "company.toml" {
            (path.to_string(), own_company_toml(text)?)
        } else if path == "vision.toml" {
            (
                path.to_string(),
                shift_text(text, |d| shift.year_date(d), 0),
            )
        } else if let Some(q) = quarter_folder(path) {
            // A quarter's folder (the archive, checkups, conversations)
            // moves by whole quarters: its name and every mention of the
            // quarter (`quarter = "2026-Q4"`, the id `ian-2026-q4`), its
            // dates inside the quarter.
            let q: Quarter = q.parse().map_err(Error::user)?;
            let target = shift.quarter(q);
            let inside = |d| shift.date(d).clamp(target.first_day(), target.last_day());
            let (from, to) = (q.to_string(), target.to_string());
            let moved = |s: &str| {
                s.replace(&from, &to)
                    .replace(&from.to_lowercase(), &to.to_lowercase())
            };
            (moved(path), moved(&shift_text(text, inside, weeks)))
        } else if let Some(q) = path
            .strip_prefix("rocks/")
            .and_then(|p| p.strip_suffix(".toml"))
        {
            let q: Quarter = q.parse().map_err(Error::user)?;
            (
                format!("rocks/{}.toml", shift.quarter(q)),
                shift_text(text, |d| shift.rock_date(d), weeks),
            )
        } else {
            (
                shift_text(path, |d| shift.date(d), weeks),
                shift_text(text, |d| shift.date(d), weeks),
            )
        };
        files.push((format!("{team}{path}"), text));
    }
    files.push((".gitignore".to_string(), super::init::gitignore("")));
    Ok(files)
}

/// `teams/<name>/` and the rest of a path, or `""` and the path.
fn split_team(path: &str) -> (&str, &str) {
    match path.strip_prefix("teams/").and_then(|rest| rest.find('/')) {
        Some(at) => path.split_at("teams/".len() + at + 1),
        None => ("", path),
    }
}

/// The demo's company.toml as a company of its own: no `data` pointer, no
/// pinned calendar, commits on.
fn own_company_toml(text: &str) -> Result<String> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e| Error::broken(format!("embedded company.toml: {e}")))?;
    doc.remove("data");
    doc.remove("demo");
    if let Some(git) = doc.get_mut("git").and_then(Item::as_table_like_mut) {
        crate::store::edit::set(git, "commit", true);
    }
    Ok(format!(
        "# Lapwing Cloud, the pulse demo company. Edit anything; pulse keeps your comments.\n{}",
        doc.to_string().trim_start()
    ))
}

/// The files as they were on `day`: later rows, meetings, issues and to-dos
/// left out; later solutions, completions and milestones undone.
fn as_of(files: &[(String, String)], day: NaiveDate, today: NaiveDate) -> Vec<(String, String)> {
    let date_of = |item: &toml_edit::Table, key: &str| -> Option<NaiveDate> {
        item.get(key)?
            .as_value()?
            .as_datetime()?
            .date
            .and_then(|d| {
                NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
            })
    };
    let mut out = Vec::new();
    for (full, text) in files {
        let path = split_team(full).1;
        if let Some(d) = path
            .strip_prefix("meetings/")
            .and_then(|p| p.strip_suffix(".toml"))
            .and_then(|p| parse_date(p).ok())
            && d > day
        {
            continue;
        }
        if path.starts_with("checkups/")
            && let Ok(doc) = text.parse::<DocumentMut>()
            && date_of(doc.as_table(), "date").is_some_and(|d| d > day)
        {
            continue;
        }
        let text = if path == "scorecard.csv" {
            text.lines()
                .filter(|l| {
                    l.split(',')
                        .next()
                        .and_then(|w| w.parse::<Week>().ok())
                        .is_none_or(|w| w.sunday() < day)
                })
                .map(|l| format!("{l}\n"))
                .collect()
        } else if path == "issues.toml" || path == "todos.toml" || path.starts_with("rocks/") {
            let Ok(mut doc) = text.parse::<DocumentMut>() else {
                out.push((full.clone(), text.clone()));
                continue;
            };
            let key = if path == "issues.toml" {
                "issue"
            } else if path == "todos.toml" {
                "todo"
            } else {
                "rock"
            };
            if let Some(array) = doc.get_mut(key).and_then(Item::as_array_of_tables_mut) {
                array.retain(|t| date_of(t, "created").is_none_or(|c| c <= day));
                for t in array.iter_mut() {
                    if date_of(t, "solved").is_some_and(|s| s > day) {
                        t.insert("status", toml_edit::value("open"));
                        t.remove("solved");
                        t.remove("resolution");
                    }
                    if date_of(t, "done").is_some_and(|d| d > day) {
                        t.remove("done");
                    }
                    if key == "rock" && (today - day).num_days() > 13 {
                        let status = t.get("status").and_then(Item::as_str).unwrap_or("");
                        if status == "off-track"
                            || (status == "done" && date_of(t, "due").is_none_or(|d| d > day))
                        {
                            t.insert("status", toml_edit::value("on-track"));
                        }
                    }
                    if let Some(milestones) = t.get_mut("milestones").and_then(Item::as_array_mut) {
                        for m in milestones
                            .iter_mut()
                            .filter_map(|v| v.as_inline_table_mut())
                        {
                            let due = m
                                .get("due")
                                .and_then(|v| v.as_datetime())
                                .and_then(|d| d.date)
                                .and_then(|d| {
                                    NaiveDate::from_ymd_opt(
                                        i32::from(d.year),
                                        u32::from(d.month),
                                        u32::from(d.day),
                                    )
                                });
                            if due.is_some_and(|d| d > day) {
                                m.insert("done", false.into());
                            }
                        }
                    }
                }
            }
            doc.to_string()
        } else {
            text.clone()
        };
        out.push((full.clone(), text));
    }
    out
}

pub struct DemoReport {
    pub dir: PathBuf,
    pub commits: usize,
    pub warning: Option<String>,
}

pub fn write_demo(dir: &Path, today: NaiveDate) -> Result<DemoReport> {
    let dir = std::path::absolute(dir).map_err(|e| Error::io("use", dir, &e))?;
    if dir.join("company.toml").exists() {
        return Err(Error::user(format!(
            "{} already holds a company (company.toml exists)",
            dir.display()
        )));
    }
    if dir.is_dir()
        && std::fs::read_dir(&dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(false)
    {
        return Err(Error::user(format!(
            "{} is not empty; the demo goes into a new or empty folder",
            dir.display()
        )));
    }
    let files = files_for(today)?;
    std::fs::create_dir_all(&dir).map_err(|e| Error::io("create folder", &dir, &e))?;
    let mut report = DemoReport {
        dir: dir.clone(),
        commits: 0,
        warning: None,
    };
    if let Err(e) = git::init(&dir) {
        write_all(&dir, &files)?;
        report.warning = Some(format!(
            "the demo was written without history: git init failed: {}",
            e.message
        ));
        return Ok(report);
    }
    if let Err(e) = super::setup::register(&dir) {
        report.warning = Some(format!(
            "pulse's merge driver is not registered: {}",
            e.message
        ));
    }
    // Replay the weeks: the quarterly planning six weeks ago, then every
    // meeting day up to today.
    let mut days: Vec<NaiveDate> = (1..=6).rev().map(|w| today - Days::new(7 * w)).collect();
    days.push(today);
    for (i, day) in days.iter().enumerate() {
        let state = if *day == today {
            files.clone()
        } else {
            as_of(&files, *day, today)
        };
        write_all(&dir, &state)?;
        // The ratings of people are written but, git-ignored, not committed.
        let paths: Vec<PathBuf> = state
            .iter()
            .filter(|(p, _)| p != "people.toml" && !p.starts_with("people/"))
            .map(|(p, _)| dir.join(p))
            .collect();
        let message = if i == 0 {
            "demo: the company as it was six weeks ago".to_string()
        } else {
            format!("demo: the week of {day}")
        };
        // The last commit is dated now, so the history never runs ahead of the clock.
        let time = if *day == today {
            chrono::Local::now().format("%H:%M:%S").to_string()
        } else {
            format!("{:02}:00:00", 8 + i)
        };
        let when = format!("{day}T{time}");
        match git::commit_paths_at(&dir, &paths, &message, &when, DEMO_AUTHOR) {
            Ok(()) => report.commits += 1,
            Err(e) => {
                write_all(&dir, &files)?;
                report.warning = Some(format!(
                    "the demo was written but its history was not committed: {}{}",
                    e.message,
                    e.hints
                        .iter()
                        .map(|h| format!("\nhint: {h}"))
                        .collect::<String>()
                ));
                return Ok(report);
            }
        }
    }
    // The demo's scorecard sources were written by pulse itself, just now:
    // this clone trusts them (a clone of the demo does not, SPEC §9).
    let trusted = crate::store::Workspace::open(&dir)
        .and_then(|ws| super::sources::trust::trust_every_source(&ws));
    if let Err(e) = trusted {
        report.warning = Some(format!(
            "the demo's scorecard sources are not trusted: {}\nhint: pulse scorecard trust",
            e.message
        ));
    }
    Ok(report)
}

fn write_all(dir: &Path, files: &[(String, String)]) -> Result<()> {
    for (path, text) in files {
        write_atomic(&dir.join(path), text.as_bytes())?;
    }
    Ok(())
}

/// The date the demo's files are written for.
pub fn pinned_date() -> NaiveDate {
    parse_date(PINNED).expect("valid pinned date")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pinned_date_writes_the_demo_unchanged() {
        let files = files_for(pinned_date()).unwrap();
        let (_, todos) = files.iter().find(|(p, _)| p == "todos.toml").unwrap();
        let original = FILES.iter().find(|(p, _)| *p == "todos.toml").unwrap().1;
        assert_eq!(todos, original);
        assert!(files.iter().any(|(p, _)| p == "rocks/2026-Q4.toml"));
    }

    #[test]
    fn a_later_date_moves_weeks_quarters_and_years() {
        let files = files_for(parse_date("2027-03-03").unwrap()).unwrap();
        assert!(
            files.iter().any(|(p, _)| p == "rocks/2027-Q1.toml"),
            "{:?}",
            files.iter().map(|f| &f.0).collect::<Vec<_>>()
        );
        assert!(files.iter().any(|(p, _)| p == "meetings/2027-03-04.toml"));
        let (_, q) = files
            .iter()
            .find(|(p, _)| p == "rocks/2027-Q1.toml")
            .unwrap();
        assert!(q.contains("due = 2027-03-31"), "{q}");
        let (_, csv) = files.iter().find(|(p, _)| p == "scorecard.csv").unwrap();
        assert!(csv.contains("2027-W08,new-leads"), "{csv}");
    }
}
