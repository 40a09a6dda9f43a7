//! `scorecard import`: a wide spreadsheet (a row per measurable, a column
//! per week), as Google Sheets, Excel or `pulse export` write it, into
//! `scorecard.toml` and `scorecard.csv`, reporting what changed.

use super::Ctx;
use super::change::{Change, Outcome};
use super::items::new_id;
use crate::error::{Error, Result};
use crate::model::goal::{Goal, parse_value};
use crate::model::scorecard::ScorecardFile;
use crate::model::sheet::{self, WEEK_FORMS};
use crate::model::time::Week;
use crate::store::load;
use crate::store::to_toml::{MeasurableRow, ToToml};
use crate::store::values::{self, ValuesDoc};
use serde::Serialize;

#[derive(Debug, Serialize, Default)]
pub struct Imported {
    pub measurables_added: Vec<String>,
    pub measurables_matched: Vec<String>,
    /// Values written: new ones and replaced ones.
    pub values: usize,
    pub replaced: usize,
    /// Values the scorecard already held as the sheet has them.
    pub unchanged: usize,
    pub empty_cells: usize,
    pub skipped: Vec<Skipped>,
    pub goals: Vec<GoalChange>,
}

impl Imported {
    /// Nothing in the sheet that the company does not already hold.
    pub fn is_unchanged(&self) -> bool {
        self.values == 0
            && self.measurables_added.is_empty()
            && self.goals.iter().all(|g| !g.applied)
    }
}

/// A row that is not a measurable.
#[derive(Debug, Serialize)]
pub struct Skipped {
    pub line: usize,
    pub text: String,
    pub why: &'static str,
}

/// A measurable whose goal in the sheet is not its goal in pulse.
#[derive(Debug, Serialize)]
pub struct GoalChange {
    pub measurable: String,
    pub was: Goal,
    pub goal: Goal,
    /// The week it holds from: the sheet's last week.
    pub from: Week,
    pub applied: bool,
}

/// The sheet's columns: which one holds what.
struct Columns {
    id: Option<usize>,
    name: Option<usize>,
    owner: usize,
    goal: usize,
    unit: Option<usize>,
    weeks: Vec<(usize, Week)>,
}

/// Imports a wide spreadsheet: a header `measurable,owner,goal[,unit],<week>...`
/// (pulse's export adds `name`), each week column a week or a date. Unknown
/// measurables are defined; every value is recorded; a changed goal is
/// reported, and set from the sheet's last week with `update_goals`.
pub fn import(
    ctx: &Ctx,
    path: &std::path::Path,
    update_goals: bool,
) -> Result<(Imported, Outcome)> {
    let shown = path.display().to_string();
    let bytes = crate::store::files::read_capped(path, &shown)
        .map_err(|e| Error::io("read", path, &e))??;
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::user(format!("{shown} is not UTF-8 text; save it as UTF-8 CSV")))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(Error::user(format!("{shown}: {e}"))),
        None => return Err(Error::user(format!("{shown} is empty"))),
    };
    let columns = columns(&header, &shown, Week::of(ctx.today))?;
    let existing = load::measurables(&ctx.ws)?;
    let mut change = Change::begin(ctx)?;
    let defs_file = ctx.ws.scorecard_file();
    let mut defs = change.toml(&defs_file)?;
    let values_file = ctx.ws.values_file();
    let (old_values, mut values_doc) = match change.text(&values_file)? {
        Some(t) => values::parse(&values_file, &t)?,
        None => (Default::default(), ValuesDoc::empty()),
    };
    let last_week = columns.weeks.iter().map(|&(_, w)| w).max();
    let mut report = Imported::default();
    let mut taken: Vec<String> = existing.iter().map(|m| m.id.clone()).collect();
    for (row, record) in records.enumerate() {
        let line = row + 2;
        let record = record.map_err(|e| Error::user(format!("{shown}:{line}: {e}")))?;
        let cell = |c: Option<usize>| {
            c.and_then(|c| record.get(c))
                .map(|s| sheet::uninert(s.trim()).trim())
                .unwrap_or("")
        };
        let key = cell(columns.id.or(columns.name));
        let name = match cell(columns.name) {
            "" => key,
            n => n,
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            report.skipped.push(Skipped {
                line,
                text: String::new(),
                why: "blank",
            });
            continue;
        }
        if key.is_empty() || sheet::is_summary(key) || sheet::is_summary(name) {
            let why = if key.is_empty() {
                "no measurable named"
            } else {
                "a summary row"
            };
            let text = record.iter().find(|c| !c.trim().is_empty()).unwrap_or("");
            report.skipped.push(Skipped {
                line,
                text: text.trim().to_string(),
                why,
            });
            continue;
        }
        let at = |c: usize| format!("{shown}:{line}:{}", c + 1);
        let goal_cell = cell(Some(columns.goal));
        let goal = || {
            sheet::goal_with_unit(goal_cell)
                .map_err(|e| Error::user(format!("{}: {e}", at(columns.goal))))
        };
        let slug = crate::model::ids::slugify(name, "measurable");
        let found = existing
            .iter()
            .find(|m| m.id == key || m.name.eq_ignore_ascii_case(name) || m.id == slug);
        let id = match found {
            Some(m) => {
                report.measurables_matched.push(m.id.clone());
                if !goal_cell.is_empty()
                    && let Some(from) = last_week
                {
                    let (new, _) = goal()?;
                    if new.to_string() != m.goal.to_string() {
                        if update_goals {
                            let t = defs
                                .find_mut("measurable", &m.id)
                                .ok_or_else(|| super::items::vanished("measurable", &m.id))?;
                            super::scorecard::new_goal(ctx, t, &mut m.clone(), new, from)?;
                        }
                        report.goals.push(GoalChange {
                            measurable: m.id.clone(),
                            was: m.goal,
                            goal: new,
                            from,
                            applied: update_goals,
                        });
                    }
                }
                m.id.clone()
            }
            None => {
                let owner = roster_handle(ctx, cell(Some(columns.owner)))
                    .map_err(|e| Error::user(format!("{}: {}", at(columns.owner), e.message)))?;
                let (goal, goal_unit) = goal()?;
                let id = new_id(name, "measurable", taken.iter().map(String::as_str));
                taken.push(id.clone());
                let unit = match cell(columns.unit) {
                    "" => goal_unit,
                    u => u.to_string(),
                };
                let row = MeasurableRow {
                    id: &id,
                    name,
                    owner: &owner,
                    goal: goal.to_string(),
                    unit: &unit,
                    source: None,
                    // Imported with its history: every week counts.
                    since: None,
                };
                defs.append(MeasurableRow::KEY, row.to_toml());
                report.measurables_added.push(id.clone());
                id
            }
        };
        for &(i, week) in &columns.weeks {
            let cell = cell(Some(i));
            if cell.is_empty() {
                report.empty_cells += 1;
                continue;
            }
            let value = parse_value(cell).map_err(|e| Error::user(format!("{}: {e}", at(i))))?;
            match old_values.get(&id, week) {
                Some(old) if old.value == value => {
                    report.unchanged += 1;
                    continue;
                }
                Some(_) => report.replaced += 1,
                None => {}
            }
            values_doc.upsert(week, &id, value, "");
            report.values += 1;
        }
    }
    if report.is_unchanged() {
        // Nothing to write, nothing to commit.
        return Ok((report, Outcome::default()));
    }
    change.put_toml::<ScorecardFile>(&defs_file, &defs)?;
    if report.values > 0 {
        change.put_text(&values_file, values_doc.checked_text(&values_file)?);
    }
    let goals = report.goals.iter().filter(|g| g.applied).count();
    let outcome = change.finish(&format!(
        "scorecard: import {} ({} measurables added, {} values{})",
        path.file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default(),
        report.measurables_added.len(),
        report.values,
        if goals > 0 {
            format!(", {goals} goals changed")
        } else {
            String::new()
        }
    ))?;
    Ok((report, outcome))
}

/// Reads the header: the named columns, then a week per other column.
fn columns(header: &csv::StringRecord, shown: &str, this_week: Week) -> Result<Columns> {
    let names: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    let col = |n: &str| names.iter().position(|h| h == n);
    let id = col("measurable").or(col("id"));
    let name = col("name");
    let (Some(owner), Some(goal), true) = (col("owner"), col("goal"), id.or(name).is_some()) else {
        return Err(Error::user(format!(
            "{shown}:1: the header needs `measurable` (or `name`), `owner` and `goal` columns, then one column per week ({WEEK_FORMS})"
        )));
    };
    let unit = col("unit");
    let named = [id, name, Some(owner), Some(goal), unit];
    let mut weeks: Vec<(usize, Week)> = Vec::new();
    for (i, h) in header.iter().enumerate() {
        if named.contains(&Some(i)) {
            continue;
        }
        let h = h.trim();
        let Some(w) = sheet::header_week(h, this_week) else {
            return Err(Error::user(format!(
                "{shown}:1:{}: column `{h}` is not a week: expected {WEEK_FORMS}",
                i + 1
            )));
        };
        if w > this_week {
            return Err(Error::user(format!(
                "{shown}:1:{}: week {w} has not started yet (this week is {this_week})",
                i + 1
            )));
        }
        if let Some(&(other, _)) = weeks.iter().find(|&&(_, seen)| seen == w) {
            return Err(Error::user(format!(
                "{shown}:1:{}: columns `{}` ({}) and `{h}` ({}) are both week {w}: which value holds is for you to say",
                i + 1,
                header.get(other).unwrap_or("").trim(),
                other + 1,
                i + 1,
            ))
            .with_hint("keep one column per week"));
        }
        weeks.push((i, w));
    }
    Ok(Columns {
        id,
        name,
        owner,
        goal,
        unit,
        weeks,
    })
}

/// The handle a sheet's owner cell names: a handle, or a person's full
/// name as the roster writes it (either in any case).
fn roster_handle(ctx: &Ctx, text: &str) -> Result<String> {
    let company = &ctx.ws.company;
    let found = company
        .people
        .iter()
        .find(|(h, _)| h.eq_ignore_ascii_case(text))
        .or_else(|| {
            let mut by_name = company
                .people
                .iter()
                .filter(|(_, p)| !p.name.is_empty() && p.name.trim().eq_ignore_ascii_case(text));
            match (by_name.next(), by_name.next()) {
                (Some(one), None) => Some(one),
                _ => None,
            }
        });
    match found {
        Some((handle, _)) => ctx.owner(handle),
        None => ctx.owner(text),
    }
}
