//! `pulse quarter close`: the end-of-quarter step. Reports rock completion
//! per owner and for the company, and moves each rock that is not done into
//! the next quarter (`--roll`) or down to the long-term issues list
//! (`--to-issues`), in one commit. Closing again is harmless: a rock that
//! already rolled (`rolled_to`) or dropped to the issues list (`issue`) is
//! decided, and naming it again changes nothing.

use super::Ctx;
use super::change::{Change, Outcome};
use super::issues;
use super::items::{find, new_id};
use crate::error::{Error, Result};
use crate::model::issue::{IssuesFile, Term};
use crate::model::rock::{Milestone, Rock, RockStatus, RocksFile, completion};
use crate::model::time::{Date, Quarter};
use crate::store::edit::set;
use crate::store::to_toml::ToToml;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Serialize)]
pub struct OwnerCompletion {
    pub owner: String,
    pub done: usize,
    pub counted: usize,
    pub rate: Option<f64>,
}

#[derive(Debug, Serialize)]
pub struct Closing {
    pub quarter: Quarter,
    pub next: Quarter,
    pub company_rate: Option<f64>,
    pub all_rate: Option<f64>,
    pub owners: Vec<OwnerCompletion>,
    /// Rocks neither done nor dropped, still to be decided.
    pub open: Vec<Rock>,
    pub rolled: Vec<String>,
    pub to_issues: Vec<String>,
    /// Rocks named again that had already rolled or dropped: left as they are.
    pub already: Vec<String>,
    /// Finished to-dos and issues moved to the archive.
    pub archived: usize,
}

pub struct Decisions {
    pub roll: Vec<String>,
    pub to_issues: Vec<String>,
    pub all_to_issues: bool,
}

pub fn close(ctx: &Ctx, quarter: Quarter, decide: Decisions) -> Result<(Closing, Option<Outcome>)> {
    let mut change = Change::begin(ctx)?;
    let file = ctx.ws.rocks_file(quarter);
    let rocks: RocksFile = change.load(&file)?;
    if rocks.rock.is_empty() {
        return Err(Error::user(format!("there are no rocks in {quarter}")));
    }
    let refs: Vec<&Rock> = rocks.rock.iter().collect();
    let mut per_owner: BTreeMap<String, Vec<&Rock>> = BTreeMap::new();
    for r in &rocks.rock {
        per_owner.entry(r.owner.clone()).or_default().push(r);
    }
    let owners = per_owner
        .into_iter()
        .map(|(owner, list)| OwnerCompletion {
            done: list.iter().filter(|r| r.status == RockStatus::Done).count(),
            counted: list
                .iter()
                .filter(|r| r.status != RockStatus::Dropped)
                .count(),
            rate: completion(&list),
            owner,
        })
        .collect();
    let company: Vec<&Rock> = rocks.rock.iter().filter(|r| r.company).collect();
    // Not done, and not moved on by an earlier close.
    let open: Vec<Rock> = rocks
        .rock
        .iter()
        .filter(|r| matches!(r.status, RockStatus::OnTrack | RockStatus::OffTrack))
        .filter(|r| r.rolled_to.is_none() && r.issue.is_none())
        .cloned()
        .collect();

    // Resolve the decisions; each names a rock that is not done. One that an
    // earlier close already moved the same way is left as it is (`None`).
    let mut already: Vec<String> = Vec::new();
    let mut pick = |query: &str, rolling: bool| -> Result<Option<Rock>> {
        let (_, rock) = find(&rocks.rock, query, "rock", |r| r.id.as_str())?;
        match (&rock.rolled_to, &rock.issue) {
            (Some(_), _) if rolling => {
                already.push(rock.id.clone());
                return Ok(None);
            }
            (_, Some(_)) if !rolling => {
                already.push(rock.id.clone());
                return Ok(None);
            }
            (Some(q), _) => {
                return Err(Error::user(format!(
                    "rock `{}` already rolled into {q}: it does not also drop to the issues list",
                    rock.id
                )));
            }
            (_, Some(issue)) => {
                return Err(Error::user(format!(
                    "rock `{}` already dropped to the issues list (issue `{issue}`): it does not also roll over",
                    rock.id
                )));
            }
            (None, None) => {}
        }
        if !open.iter().any(|o| o.id == rock.id) {
            return Err(Error::user(format!(
                "rock `{}` is {}: only rocks not done move on",
                rock.id, rock.status
            )));
        }
        Ok(Some(rock.clone()))
    };
    let roll: Vec<Rock> = decide
        .roll
        .iter()
        .filter_map(|q| pick(q, true).transpose())
        .collect::<Result<_>>()?;
    let mut sink: Vec<Rock> = decide
        .to_issues
        .iter()
        .filter_map(|q| pick(q, false).transpose())
        .collect::<Result<_>>()?;
    already.sort();
    already.dedup();
    let mut seen_roll = std::collections::HashSet::new();
    let roll: Vec<Rock> = roll
        .into_iter()
        .filter(|r| seen_roll.insert(r.id.clone()))
        .collect();
    if decide.all_to_issues {
        sink.extend(
            open.iter()
                .filter(|o| !roll.iter().any(|r| r.id == o.id))
                .cloned(),
        );
    }
    let mut seen = std::collections::HashSet::new();
    sink.retain(|r| seen.insert(r.id.clone()));
    if let Some(both) = roll.iter().find(|r| sink.iter().any(|s| s.id == r.id)) {
        return Err(Error::user(format!(
            "rock `{}` cannot both roll over and drop to the issues list",
            both.id
        )));
    }

    let next = quarter.next();
    let mut closing = Closing {
        quarter,
        next,
        company_rate: completion(&company),
        all_rate: completion(&refs),
        owners,
        open,
        rolled: roll.iter().map(|r| r.id.clone()).collect(),
        to_issues: sink.iter().map(|r| r.id.clone()).collect(),
        already,
        archived: 0,
    };
    if roll.is_empty() && sink.is_empty() {
        return Ok((closing, None));
    }

    let mut doc = change.toml(&file)?;
    let next_file = ctx.ws.rocks_file(next);
    let next_rocks: RocksFile = change.load(&next_file)?;
    let mut next_doc = change.toml(&next_file)?;
    let mut taken: Vec<String> = next_rocks.rock.iter().map(|r| r.id.clone()).collect();
    let mut rolled_ids = Vec::new();
    for rock in &roll {
        let id = new_id(&rock.title, "rock", taken.iter().map(String::as_str));
        taken.push(id.clone());
        let rolled = Rock {
            id: id.clone(),
            title: rock.title.clone(),
            owner: rock.owner.clone(),
            company: rock.company,
            status: RockStatus::OnTrack,
            due: Some(Date(next.last_day())),
            milestones: rock
                .milestones
                .iter()
                .filter(|m| !m.done)
                .map(|m| Milestone {
                    title: m.title.clone(),
                    due: None,
                    done: false,
                })
                .collect(),
            rolled_from: Some(quarter.to_string()),
            rolled_to: None,
            issue: None,
        };
        next_doc.append(Rock::KEY, rolled.to_toml());
        if let Some(t) = doc.find_mut("rock", &rock.id) {
            set(t, "rolled_to", next.to_string().as_str());
        }
        rolled_ids.push(id);
    }
    if !roll.is_empty() {
        change.put_toml::<RocksFile>(&next_file, &next_doc)?;
    }
    if !sink.is_empty() {
        let issues_file = ctx.ws.issues_file();
        let mut current: IssuesFile = change.load(&issues_file)?;
        let mut issues_doc = change.toml(&issues_file)?;
        for rock in &sink {
            let owner = (!rock.owner.is_empty() && ctx.ws.company.has_person(&rock.owner))
                .then_some(rock.owner.as_str());
            let issue = issues::append(
                ctx,
                &mut issues_doc,
                &current,
                &format!("Rock not done in {quarter}: {}", rock.title),
                owner,
                Term::Long,
            )?;
            if let Some(t) = doc.find_mut("rock", &rock.id) {
                set(t, "issue", issue.id.as_str());
            }
            current.issue.push(issue);
        }
        change.put_toml::<IssuesFile>(&issues_file, &issues_doc)?;
    }
    change.put_toml::<RocksFile>(&file, &doc)?;
    // The closed quarter's finished to-dos and issues go to the archive in
    // the same commit (SPEC §10).
    let archived = super::archive::stage(&mut change, next)?;
    let archived_note = if archived.is_empty() {
        String::new()
    } else {
        format!(
            "; archived {}",
            super::archive::counts(archived.todo_count(), archived.issue_count())
        )
    };
    let outcome = change.finish(&format!(
        "quarter: close {quarter} ({} rolled into {next}, {} to the issues list{archived_note})",
        roll.len(),
        sink.len()
    ))?;
    closing.rolled = rolled_ids;
    closing.archived = archived.todo_count() + archived.issue_count();
    Ok((closing, Some(outcome)))
}
