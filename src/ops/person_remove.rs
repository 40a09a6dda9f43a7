//! `pulse person remove H [--reassign H2]`: H leaves the company. Their
//! table stays in `company.toml` with `left = DATE`, so history (ratings,
//! closed items, past meetings) keeps naming a valid handle. Open work
//! that names H — rocks of this quarter and later not done or dropped,
//! open to-dos and issues, seats, measurables, processes — blocks the
//! removal, listed, unless `--reassign H2` hands all of it to H2 in the
//! same commit (every file written, or none).

use super::Ctx;
use super::change::{Change, Outcome};
use super::person::{on_roster, person_mut};
use crate::error::{Error, Result};
use crate::model::company::CompanyFile;
use crate::model::issue::{Issue, IssuesFile};
use crate::model::rock::{Rock, RockStatus, RocksFile};
use crate::model::scorecard::ScorecardFile;
use crate::model::seats::{Seat, SeatsFile};
use crate::model::time::{Quarter, toml_date};
use crate::model::todo::{Todo, TodosFile};
use crate::store::edit::{array_mut, set};
use crate::store::load;
use crate::store::to_toml::ToToml;
use crate::store::{FileRef, front_matter};
use serde::Serialize;

/// What names a person: the ids of their open work, by kind.
#[derive(Debug, Default, Serialize)]
pub struct Holdings {
    /// `QUARTER/id`'s of rocks not done or dropped.
    pub rocks: Vec<String>,
    pub todos: Vec<String>,
    pub issues: Vec<String>,
    pub seats: Vec<String>,
    pub measurables: Vec<String>,
    pub processes: Vec<String>,
    /// Departmental teams they are a member of.
    pub teams: Vec<String>,
}

impl Holdings {
    fn is_empty(&self) -> bool {
        self.parts().is_empty()
    }

    /// "rocks a, b; to-dos c" — each kind that has some, with its ids.
    fn parts(&self) -> Vec<(&'static str, &'static str, &Vec<String>)> {
        [
            ("rock", "rocks", &self.rocks),
            ("to-do", "to-dos", &self.todos),
            ("issue", "issues", &self.issues),
            ("seat", "seats", &self.seats),
            ("measurable", "measurables", &self.measurables),
            ("process", "processes", &self.processes),
            ("team", "teams", &self.teams),
        ]
        .into_iter()
        .filter(|(_, _, ids)| !ids.is_empty())
        .collect()
    }

    fn listed(&self) -> String {
        self.parts()
            .iter()
            .map(|(one, many, ids)| {
                let word = if ids.len() == 1 { one } else { many };
                format!("{word} {}", ids.join(", "))
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn counted(&self) -> String {
        self.parts()
            .iter()
            .map(|(one, many, ids)| {
                let word = if ids.len() == 1 { one } else { many };
                format!("{} {word}", ids.len())
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(Debug, Serialize)]
pub struct Removed {
    pub id: String,
    pub name: String,
    pub left: String,
    pub reassigned_to: Option<String>,
    /// What went to `reassigned_to` (empty when they held nothing).
    pub handed_over: Holdings,
}

fn open_rock(rock: &Rock, handle: &str) -> bool {
    rock.owner == handle && matches!(rock.status, RockStatus::OnTrack | RockStatus::OffTrack)
}

pub fn remove(ctx: &Ctx, handle: &str, reassign: Option<&str>) -> Result<(Removed, Outcome)> {
    let mut change = Change::begin(ctx)?;
    let company_file = ctx.ws.company_file();
    let company: CompanyFile = change.load(&company_file)?;
    let handle = on_roster(&company, handle)?;
    if let Some(left) = company.left(&handle) {
        return Err(Error::user(format!("{handle} already left, on {}", left.0)));
    }
    let heir = match reassign {
        Some(h) if h == handle => {
            return Err(Error::user(format!(
                "--reassign names {handle}, who is leaving: name someone who stays"
            )));
        }
        Some(h) => Some(ctx.owner(h)?),
        None => None,
    };
    let mut held = Holdings::default();
    // Every team's work: leadership's, then each department's (its ids
    // named `team/id`).
    for team in ctx.ws.all_teams()? {
        team_work(&mut change, ctx, &team, &handle, heir.as_deref(), &mut held)?;
    }

    // Seats: H2 takes H's place (once, if already there).
    let seats_file = ctx.ws.seats_file();
    let seats: SeatsFile = change.load(&seats_file)?;
    let sat: Vec<&Seat> = seats
        .seat
        .iter()
        .filter(|s| s.people.contains(&handle))
        .collect();
    held.seats = sat.iter().map(|s| s.id.clone()).collect();
    if let Some(heir) = heir.as_deref().filter(|_| !sat.is_empty()) {
        let mut doc = change.toml(&seats_file)?;
        for seat in &sat {
            let Some(t) = doc.find_mut(Seat::KEY, &seat.id) else {
                continue;
            };
            let Some(people) = array_mut(t, "people") else {
                continue;
            };
            let seated = seat.people.iter().any(|p| p == heir);
            let at = people.iter().position(|v| v.as_str() == Some(&handle));
            match at {
                Some(i) if !seated => {
                    let mut value = toml_edit::Value::from(heir);
                    *value.decor_mut() =
                        people.get(i).map(|v| v.decor().clone()).unwrap_or_default();
                    people.replace_formatted(i, value);
                }
                _ => crate::store::edit::remove_string(people, &handle),
            }
        }
        change.put_toml::<SeatsFile>(&seats_file, &doc)?;
    }

    // Processes.
    for process in load::processes(&ctx.ws)? {
        if process.meta.owner != handle {
            continue;
        }
        let id = process
            .file
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        held.processes.push(id);
        if let Some(heir) = heir.as_deref() {
            let text = change.text(&process.file)?.unwrap_or_default();
            let new = front_matter::edit(&process.file, &text, |doc| {
                set(doc.doc.as_table_mut(), "owner", heir);
            })?;
            change.put_text(&process.file, new);
        }
    }

    if heir.is_none() && !held.is_empty() {
        return Err(Error::user(format!(
            "{handle} still holds open work: {}",
            held.listed()
        ))
        .with_hint(format!(
            "hand all of it to someone in the same commit: `pulse person remove {handle} --reassign H`"
        ))
        .with_hint("or change each item first (`rock edit`, `todo edit`, `issue edit`, `seat unassign`, `scorecard edit`)"));
    }

    let mut doc = change.toml(&company_file)?;
    set(person_mut(&mut doc, &handle)?, "left", toml_date(ctx.today));
    change.put_toml::<CompanyFile>(&company_file, &doc)?;
    let handed = match heir.as_deref() {
        Some(heir) if !held.is_empty() => format!("; {} → {heir}", held.counted()),
        _ => String::new(),
    };
    let outcome = change.finish(&format!(
        "person: remove {handle} (left {}{handed})",
        ctx.today
    ))?;
    Ok((
        Removed {
            name: company.display_name(&handle).to_string(),
            id: handle,
            left: ctx.today.to_string(),
            reassigned_to: heir.filter(|_| !held.is_empty()),
            handed_over: held,
        },
        outcome,
    ))
}

/// One team's open work that names `handle`, handed to `heir` when there
/// is one; its membership too (the heir takes the place, once).
fn team_work(
    change: &mut Change,
    ctx: &Ctx,
    ws: &crate::store::Workspace,
    handle: &str,
    heir: Option<&str>,
    held: &mut Holdings,
) -> Result<()> {
    let team = ws
        .team_name
        .as_deref()
        .map(|t| format!("{t}/"))
        .unwrap_or_default();
    let now = Quarter::of(ctx.today);

    // Rocks of this quarter and later.
    for quarter in load::rock_quarters(ws)?.into_iter().filter(|q| *q >= now) {
        let file = ws.rocks_file(quarter);
        let rocks: RocksFile = change.load(&file)?;
        let ids: Vec<&str> = rocks
            .rock
            .iter()
            .filter(|r| open_rock(r, handle))
            .map(|r| r.id.as_str())
            .collect();
        held.rocks
            .extend(ids.iter().map(|id| format!("{team}{quarter}/{id}")));
        if let Some(heir) = heir.filter(|_| !ids.is_empty()) {
            let mut doc = change.toml(&file)?;
            for id in &ids {
                if let Some(t) = doc.find_mut(Rock::KEY, id) {
                    set(t, "owner", heir);
                }
            }
            change.put_toml::<RocksFile>(&file, &doc)?;
        }
    }

    // Open to-dos and issues of the live lists.
    let todos_file = ws.todos_file();
    let todos: TodosFile = change.load(&todos_file)?;
    let ids: Vec<String> = todos
        .todo
        .iter()
        .filter(|t| t.owner == handle && !t.is_done())
        .map(|t| t.id.clone())
        .collect();
    hand_over::<TodosFile>(change, &todos_file, Todo::KEY, &ids, heir)?;
    held.todos
        .extend(ids.iter().map(|id| format!("{team}{id}")));
    let issues_file = ws.issues_file();
    let issues: IssuesFile = change.load(&issues_file)?;
    let ids: Vec<String> = issues
        .issue
        .iter()
        .filter(|i| i.owner == handle && i.is_open())
        .map(|i| i.id.clone())
        .collect();
    hand_over::<IssuesFile>(change, &issues_file, Issue::KEY, &ids, heir)?;

    held.issues
        .extend(ids.iter().map(|id| format!("{team}{id}")));

    // Measurables.
    let scorecard_file = ws.scorecard_file();
    let scorecard: ScorecardFile = change.load(&scorecard_file)?;
    let ids: Vec<String> = scorecard
        .measurable
        .iter()
        .filter(|m| m.owner == handle)
        .map(|m| m.id.clone())
        .collect();
    hand_over::<ScorecardFile>(change, &scorecard_file, "measurable", &ids, heir)?;
    held.measurables
        .extend(ids.iter().map(|id| format!("{team}{id}")));

    if let Some(file) = &ws.team_file
        && file.members.iter().any(|m| m == handle)
    {
        let name = ws.team_label().to_string();
        held.teams.push(name.clone());
        if let Some(heir) = heir {
            let toml = ws.team_toml(&name);
            let mut doc = change.toml(&toml)?;
            if let Some(members) = array_mut(doc.doc.as_table_mut(), "members") {
                let already = members.iter().any(|v| v.as_str() == Some(heir));
                let at = members.iter().position(|v| v.as_str() == Some(handle));
                match at {
                    Some(i) if !already => {
                        let mut value = toml_edit::Value::from(heir);
                        *value.decor_mut() = members
                            .get(i)
                            .map(|v| v.decor().clone())
                            .unwrap_or_default();
                        members.replace_formatted(i, value);
                    }
                    _ => crate::store::edit::remove_string(members, handle),
                }
            }
            change.put_toml::<crate::model::team::TeamFile>(&toml, &doc)?;
        }
    }
    Ok(())
}

/// Sets `owner = heir` on the items `ids` of a list file (nothing without
/// an heir or items).
fn hand_over<F: crate::store::parse::TomlFile>(
    change: &mut Change,
    file: &FileRef,
    key: &str,
    ids: &[String],
    heir: Option<&str>,
) -> Result<()> {
    let Some(heir) = heir.filter(|_| !ids.is_empty()) else {
        return Ok(());
    };
    let mut doc = change.toml(file)?;
    for id in ids {
        if let Some(t) = doc.find_mut(key, id) {
            set(t, "owner", heir);
        }
    }
    change.put_toml::<F>(file, &doc)
}
