//! `pulse quarter close`: the end-of-quarter step. Reports rock completion
//! per owner and for the company, and moves each rock that is not done into
//! the next quarter (`--roll`), down to the long-term issues list
//! (`--to-issues`) or into a to-do (`--to-todo`), in one commit. Once every
//! rock not done is decided the quarter is settled: each such rock reads
//! `not-done`. Closing again is harmless: a rock that already rolled
//! (`rolled_to`), dropped to the issues list (`issue`) or became a to-do
//! (`todo`) is decided, and naming it again changes nothing.

use super::Ctx;
use super::change::{Change, Outcome};
use super::issues;
use super::items::{find, new_id};
use super::todos::{self, NewTodo};
use crate::error::{Error, Result};
use crate::model::issue::{IssuesFile, Term};
use crate::model::rock::{Fate, Milestone, Rock, RockStatus, RocksFile, completion};
use crate::model::time::{Date, Quarter};
use crate::model::todo::TodosFile;
use crate::store::edit::set;
use crate::store::to_toml::ToToml;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Serialize)]
pub struct OwnerCompletion {
    #[serde(serialize_with = "crate::model::absent::empty_as_null")]
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
    /// The new rocks' ids in the next quarter.
    pub rolled: Vec<String>,
    pub to_issues: Vec<String>,
    /// Rocks whose rest became a to-do, and those to-dos' ids.
    pub to_todos: Vec<String>,
    pub todos: Vec<String>,
    /// Rocks named again that had already moved on: left as they are.
    pub already: Vec<String>,
    /// Rocks not done that no decision names yet.
    pub undecided: Vec<String>,
    /// Every rock is done or not done and says what became of it.
    pub settled: bool,
    /// Finished to-dos and issues moved to the archive.
    pub archived: usize,
}

pub struct Decisions {
    pub roll: Vec<String>,
    pub to_issues: Vec<String>,
    pub to_todos: Vec<String>,
    pub all_to_issues: bool,
}

/// One way a rock not done moves on at the close.
#[derive(Clone, Copy)]
enum Way {
    Roll,
    Issue,
    Todo,
}

impl Way {
    fn matches(self, fate: &Fate) -> bool {
        matches!(
            (self, fate),
            (Way::Roll, Fate::Rolled(_))
                | (Way::Issue, Fate::Issue(_))
                | (Way::Todo, Fate::Todo(_))
        )
    }

    fn verb(self) -> &'static str {
        match self {
            Way::Roll => "roll over",
            Way::Issue => "drop to the issues list",
            Way::Todo => "become a to-do",
        }
    }

    fn done_words(fate: &Fate) -> String {
        match fate {
            Fate::Rolled(q) => format!("rolled into {q}"),
            Fate::Issue(i) => format!("dropped to the issues list (issue `{i}`)"),
            Fate::Todo(t) => format!("became a to-do (`{t}`)"),
        }
    }
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
            counted: list.len(),
            rate: completion(&list),
            owner,
        })
        .collect();
    let company: Vec<&Rock> = rocks.rock.iter().filter(|r| r.company).collect();
    // Not done, and not moved on by an earlier close: dropped ones too, for
    // every rock of a closed quarter says what became of it.
    let open: Vec<Rock> = rocks
        .rock
        .iter()
        .filter(|r| r.status != RockStatus::Done && r.fate().is_none())
        .cloned()
        .collect();

    // Resolve the decisions; each names a rock that is not done. One that an
    // earlier close already moved the same way is left as it is (`None`).
    let mut already: Vec<String> = Vec::new();
    let mut pick = |query: &str, way: Way| -> Result<Option<Rock>> {
        let (_, rock) = find(&rocks.rock, query, "rock", |r| r.id.as_str())?;
        if let Some(fate) = rock.fate() {
            if way.matches(&fate) {
                already.push(rock.id.clone());
                return Ok(None);
            }
            return Err(Error::user(format!(
                "rock `{}` already {}: it does not also {}",
                rock.id,
                Way::done_words(&fate),
                way.verb()
            )));
        }
        if !open.iter().any(|o| o.id == rock.id) {
            return Err(Error::user(format!(
                "rock `{}` is {}: only rocks not done move on",
                rock.id, rock.status
            )));
        }
        Ok(Some(rock.clone()))
    };
    let mut chosen = |queries: &[String], way: Way| -> Result<Vec<Rock>> {
        let mut seen = std::collections::HashSet::new();
        let list: Vec<Rock> = queries
            .iter()
            .filter_map(|q| pick(q, way).transpose())
            .collect::<Result<_>>()?;
        Ok(list
            .into_iter()
            .filter(|r| seen.insert(r.id.clone()))
            .collect())
    };
    let roll = chosen(&decide.roll, Way::Roll)?;
    let mut sink = chosen(&decide.to_issues, Way::Issue)?;
    let todos = chosen(&decide.to_todos, Way::Todo)?;
    already.sort();
    already.dedup();
    if decide.all_to_issues {
        let rest: Vec<Rock> = open
            .iter()
            .filter(|o| !roll.iter().chain(&todos).chain(&sink).any(|r| r.id == o.id))
            .cloned()
            .collect();
        sink.extend(rest);
    }
    for (a, b, what) in [
        (&roll, &sink, "both roll over and drop to the issues list"),
        (&roll, &todos, "both roll over and become a to-do"),
        (
            &sink,
            &todos,
            "both drop to the issues list and become a to-do",
        ),
    ] {
        if let Some(both) = a.iter().find(|r| b.iter().any(|s| s.id == r.id)) {
            return Err(Error::user(format!("rock `{}` cannot {what}", both.id)));
        }
    }
    // The quarter settles once every rock not done is decided: each then
    // reads `not-done` (a rock of an old file that rolled while off-track
    // is rewritten too).
    let decided_now = |r: &Rock| roll.iter().chain(&sink).chain(&todos).any(|d| d.id == r.id);
    let undecided: Vec<String> = open
        .iter()
        .filter(|r| !decided_now(r))
        .map(|r| r.id.clone())
        .collect();
    let unsettled: Vec<String> = rocks
        .rock
        .iter()
        .filter(|r| r.status != RockStatus::Done && r.status != RockStatus::NotDone)
        .map(|r| r.id.clone())
        .collect();
    let settling = undecided.is_empty() && !unsettled.is_empty();

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
        to_todos: todos.iter().map(|r| r.id.clone()).collect(),
        todos: Vec::new(),
        already,
        settled: undecided.is_empty(),
        undecided,
        archived: 0,
    };
    if roll.is_empty() && sink.is_empty() && todos.is_empty() && !settling {
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
            todo: None,
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
        super::issues::put(&mut change, &issues_file, &mut issues_doc)?;
    }
    let mut todo_ids = Vec::new();
    if !todos.is_empty() {
        let todos_file = ctx.ws.todos_file();
        let existing: TodosFile = change.load(&todos_file)?;
        let mut taken = todos::taken_ids(ctx, &existing)?;
        let mut todo_doc = change.toml(&todos_file)?;
        for rock in &todos {
            // The to-do is the rock owner's: one who left, or none, is said
            // before anything is written.
            ctx.owner(&rock.owner).map_err(|e| {
                Error::user(format!(
                    "rock `{}` cannot become a to-do: {}",
                    rock.id, e.message
                ))
                .with_hint(format!(
                    "give it an owner first: pulse rock edit {} --owner H --quarter {quarter}",
                    rock.id
                ))
            })?;
            let todo = todos::append(
                ctx,
                &mut todo_doc,
                &mut taken,
                &NewTodo {
                    title: format!("Finish the rest of rock: {}", rock.title),
                    owner: rock.owner.clone(),
                    due: None,
                    issue: None,
                },
            )?;
            if let Some(t) = doc.find_mut("rock", &rock.id) {
                set(t, "todo", todo.id.as_str());
            }
            todo_ids.push(todo.id);
        }
        change.put_toml::<TodosFile>(&todos_file, &todo_doc)?;
    }
    if settling {
        for id in &unsettled {
            if let Some(t) = doc.find_mut("rock", id) {
                set(t, "status", RockStatus::NotDone.as_str());
            }
        }
    }
    change.put_toml::<RocksFile>(&file, &doc)?;
    // The closed quarter's finished to-dos and issues go to the archive in
    // the same commit (SPEC §10) — once it is past: a quarter closed in
    // its last weeks keeps them live until it ends.
    let past = next.min(Quarter::of(ctx.today));
    let archived = super::archive::stage(&mut change, past)?;
    let archived_note = if archived.is_empty() {
        String::new()
    } else {
        format!(
            "; archived {}",
            super::archive::counts(archived.todo_count(), archived.issue_count())
        )
    };
    let todo_note = match todos.len() {
        0 => String::new(),
        n => format!(", {}", crate::render::words::count(n, "to-do", "to-dos")),
    };
    let outcome = change.finish(&format!(
        "quarter: close {quarter} ({} rolled into {next}, {} to the issues list{todo_note}{archived_note})",
        roll.len(),
        sink.len()
    ))?;
    closing.rolled = rolled_ids;
    closing.todos = todo_ids;
    closing.archived = archived.todo_count() + archived.issue_count();
    Ok((closing, Some(outcome)))
}
