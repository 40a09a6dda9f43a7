//! `pulse export --format csv|json DIR`: everything the company holds, in
//! files other tools open — a spreadsheet, a BI tool, a script. The scorecard
//! comes twice in CSV: long (a row per value) and wide (a row per measurable,
//! a column per week), the way a leadership team reads it.
//!
//! people.toml (the People Analyzer) is left out: it is sensitive.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or
//! a carriage return as a formula (`=HYPERLINK(...)`, `=cmd|...`): in CSV
//! such a cell from the company's text gets a leading `'`, as OWASP
//! recommends, unless it is a plain number (`-3.5`). JSON stays exact.

use super::Ctx;
use crate::error::{Error, Result};
use crate::model::goal::{format_exact, format_number};
use crate::model::rock::Rock;
use crate::model::time::{Quarter, Week};
use crate::store::atomic::write_atomic;
use crate::store::load;
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

/// A rock with the quarter whose file it is in.
#[derive(Serialize)]
struct QuarterRock<'a> {
    quarter: Quarter,
    #[serde(flatten)]
    rock: &'a Rock,
}

/// Writes the export; returns the files written, relative to `dir`.
pub fn export(ctx: &Ctx, format: Format, dir: &Path) -> Result<Vec<String>> {
    let ws = &ctx.ws;
    let company = &ws.company;
    let vision = load::vision(ws)?;
    let seats = load::seats(ws)?.seat;
    let measurables = load::measurables(ws)?;
    let values = load::values(ws)?;
    let issues = load::issues_since(ws, None)?;
    let todos = load::todos_since(ws, None)?;
    let mut rocks = Vec::new();
    for quarter in load::rock_quarters(ws)? {
        rocks.push((quarter, load::rocks(ws, quarter)?.rock));
    }
    let mut meetings = Vec::new();
    for date in load::meeting_dates(ws)? {
        if let Some(m) = load::meeting(ws, date)? {
            meetings.push((date, m));
        }
    }
    let processes = load::processes(ws)?;

    std::fs::create_dir_all(dir).map_err(|e| Error::io("create folder", dir, &e))?;
    let mut written = Vec::new();
    let mut put = |name: &str, bytes: Vec<u8>| -> Result<()> {
        write_atomic(&dir.join(name), &bytes)?;
        written.push(name.to_string());
        Ok(())
    };
    let quarter_rocks: Vec<QuarterRock> = rocks
        .iter()
        .flat_map(|(q, list)| list.iter().map(|rock| QuarterRock { quarter: *q, rock }))
        .collect();

    match format {
        Format::Json => {
            let json = |value: serde_json::Value| -> Vec<u8> {
                let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
                text.push('\n');
                text.into_bytes()
            };
            let people: Vec<serde_json::Value> = company
                .people
                .iter()
                .map(|(id, p)| serde_json::json!({"id": id, "name": p.name, "email": p.email}))
                .collect();
            put(
                "company.json",
                json(serde_json::json!({
                    "company": company.company,
                    "meeting": company.meeting,
                    "people": people,
                })),
            )?;
            put("vision.json", json(serde_json::json!(vision)))?;
            put("seats.json", json(serde_json::json!(seats)))?;
            put("rocks.json", json(serde_json::json!(quarter_rocks)))?;
            put(
                "scorecard.json",
                json(serde_json::json!({
                    "measurables": measurables,
                    "values": values.entries,
                })),
            )?;
            put("issues.json", json(serde_json::json!(issues)))?;
            put("todos.json", json(serde_json::json!(todos)))?;
            let meetings: Vec<serde_json::Value> = meetings
                .iter()
                .map(|(date, m)| {
                    let mut value = serde_json::json!(m);
                    value["date"] = serde_json::json!(date);
                    value["id"] = serde_json::json!(date);
                    value["average_rating"] = serde_json::json!(m.average_rating());
                    value
                })
                .collect();
            put("meetings.json", json(serde_json::json!(meetings)))?;
            let processes: Vec<serde_json::Value> = processes
                .iter()
                .map(|p| {
                    serde_json::json!({
                        "file": p.file.display,
                        "name": p.meta.name,
                        "owner": p.meta.owner,
                        "status": p.meta.status,
                    })
                })
                .collect();
            put("processes.json", json(serde_json::json!(processes)))?;
        }
        Format::Csv => {
            let date = |d: Option<crate::model::time::Date>| {
                d.map(|d| d.0.to_string()).unwrap_or_default()
            };
            put(
                "people.csv",
                csv(
                    &["id", "name", "email"],
                    company.people.iter().map(|(id, p)| {
                        vec![
                            id.clone(),
                            p.name.clone(),
                            p.email.clone().unwrap_or_default(),
                        ]
                    }),
                )?,
            )?;
            put(
                "seats.csv",
                csv(
                    &["id", "name", "reports_to", "people", "roles"],
                    seats.iter().map(|s| {
                        vec![
                            s.id.clone(),
                            s.name.clone(),
                            s.reports_to.clone().unwrap_or_default(),
                            s.people.join("; "),
                            s.roles.join("; "),
                        ]
                    }),
                )?,
            )?;
            put(
                "rocks.csv",
                csv(
                    &[
                        "quarter",
                        "id",
                        "title",
                        "owner",
                        "company",
                        "status",
                        "due",
                        "milestones_done",
                        "milestones_total",
                    ],
                    quarter_rocks.iter().map(|r| {
                        let done = r.rock.milestones.iter().filter(|m| m.done).count();
                        vec![
                            r.quarter.to_string(),
                            r.rock.id.clone(),
                            r.rock.title.clone(),
                            r.rock.owner.clone(),
                            r.rock.company.to_string(),
                            r.rock.status.as_str().to_string(),
                            date(r.rock.due),
                            done.to_string(),
                            r.rock.milestones.len().to_string(),
                        ]
                    }),
                )?,
            )?;
            put(
                "measurables.csv",
                csv(
                    &["id", "name", "owner", "goal", "unit"],
                    measurables.iter().map(|m| {
                        vec![
                            m.id.clone(),
                            m.name.clone(),
                            m.owner.clone(),
                            m.goal.to_string(),
                            m.unit.clone(),
                        ]
                    }),
                )?,
            )?;
            put(
                "scorecard-values.csv",
                csv(
                    &["week", "measurable", "value", "note"],
                    values.entries.iter().map(|e| {
                        vec![
                            e.week.to_string(),
                            e.measurable.clone(),
                            format_exact(e.value),
                            e.note.clone(),
                        ]
                    }),
                )?,
            )?;
            put("scorecard-wide.csv", scorecard_wide(&measurables, &values)?)?;
            put(
                "issues.csv",
                csv(
                    &[
                        "id",
                        "title",
                        "owner",
                        "term",
                        "created",
                        "priority",
                        "status",
                        "solved",
                        "resolution",
                    ],
                    issues.iter().map(|i| {
                        vec![
                            i.id.clone(),
                            i.title.clone(),
                            i.owner.clone(),
                            i.term.as_str().to_string(),
                            date(i.created),
                            i.priority.map(|p| p.to_string()).unwrap_or_default(),
                            i.status.as_str().to_string(),
                            date(i.solved),
                            i.resolution.clone().unwrap_or_default(),
                        ]
                    }),
                )?,
            )?;
            put(
                "todos.csv",
                csv(
                    &["id", "title", "owner", "created", "due", "done", "issue"],
                    todos.iter().map(|t| {
                        vec![
                            t.id.clone(),
                            t.title.clone(),
                            t.owner.clone(),
                            date(t.created),
                            t.due_date().map(|d| d.to_string()).unwrap_or_default(),
                            date(t.done),
                            t.issue.clone().unwrap_or_default(),
                        ]
                    }),
                )?,
            )?;
            put(
                "meetings.csv",
                csv(
                    &[
                        "date",
                        "kind",
                        "attendees",
                        "average_rating",
                        "headlines",
                        "cascade",
                    ],
                    meetings.iter().map(|(d, m)| {
                        vec![
                            d.to_string(),
                            m.kind.as_str().to_string(),
                            m.attendees.join("; "),
                            m.average_rating().map(format_number).unwrap_or_default(),
                            m.headlines.len().to_string(),
                            m.cascade.join("; "),
                        ]
                    }),
                )?,
            )?;
            put(
                "processes.csv",
                csv(
                    &["file", "name", "owner", "status"],
                    processes.iter().map(|p| {
                        vec![
                            p.file.display.clone(),
                            p.meta.name.clone(),
                            p.meta.owner.clone(),
                            p.meta.status.as_str().to_string(),
                        ]
                    }),
                )?,
            )?;
        }
    }
    Ok(written)
}

fn csv(headers: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| Error::user(format!("cannot write CSV: {e}"));
    writer.write_record(headers).map_err(fail)?;
    for row in rows {
        let row: Vec<std::borrow::Cow<str>> = row.iter().map(|cell| inert(cell)).collect();
        writer
            .write_record(row.iter().map(|c| c.as_bytes()))
            .map_err(fail)?;
    }
    writer
        .into_inner()
        .map_err(|e| Error::user(format!("cannot write CSV: {e}")))
}

/// A cell a spreadsheet will not run as a formula: one that starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, unless
/// it is a plain number (`-3.5`, `+2`, `1e-3`), which stays a number.
pub fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let number = cell
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | 'e' | 'E'))
        && cell.parse::<f64>().is_ok();
    if risky && !number {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// The scorecard as a spreadsheet shows it: a row per measurable, its goal,
/// then a column per week from the first recorded week to the last.
pub fn scorecard_wide(
    measurables: &[crate::model::scorecard::Measurable],
    values: &crate::model::scorecard::Values,
) -> Result<Vec<u8>> {
    let weeks: BTreeSet<Week> = values.entries.iter().map(|e| e.week).collect();
    let weeks: Vec<Week> = match (weeks.first(), weeks.last()) {
        (Some(&first), Some(&last)) => {
            let mut all = vec![first];
            while let Some(&w) = all.last()
                && w < last
            {
                all.push(w.next());
            }
            all
        }
        _ => Vec::new(),
    };
    let mut headers: Vec<String> = ["measurable", "name", "owner", "goal", "unit"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    headers.extend(weeks.iter().map(Week::to_string));
    let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    csv(
        &header_refs,
        measurables.iter().map(|m| {
            let mut row = vec![
                m.id.clone(),
                m.name.clone(),
                m.owner.clone(),
                m.goal.to_string(),
                m.unit.clone(),
            ];
            row.extend(weeks.iter().map(|&w| {
                values
                    .get(&m.id, w)
                    .map(|e| format_exact(e.value))
                    .unwrap_or_default()
            }));
            row
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::inert;

    #[test]
    fn formulas_are_made_inert_and_numbers_stay_numbers() {
        for cell in [
            "=cmd|' /C calc'!A0",
            "=HYPERLINK(\"x\")",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "== 0",
            "-",
            "-inf",
        ] {
            assert_eq!(inert(cell), format!("'{cell}"), "{cell:?}");
        }
        for cell in [
            "-3.5", "+2", "1e-3", "-1E5", "42", "plain", "", "a=b", ">= 20", "10..20",
        ] {
            assert_eq!(inert(cell), cell, "{cell:?}");
        }
    }
}
