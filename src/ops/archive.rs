//! `pulse archive`: finished to-dos and issues of past quarters move out of
//! the live lists into `archive/<quarter>/` (SPEC §10), so the files every
//! command reads stay small however old the company is.

use super::Ctx;
use super::change::{Change, Outcome};
use crate::error::Result;
use crate::model::ids;
use crate::model::issue::{Issue, IssuesFile};
use crate::model::time::Quarter;
use crate::model::todo::{Todo, TodosFile};
use crate::store::FileRef;
use crate::store::edit::TomlDoc;
use crate::store::parse::TomlFile;
use crate::store::{Workspace, load};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// What an archive run moved: ids by the quarter they went to.
#[derive(Debug, Serialize)]
pub struct Archived {
    pub before: Quarter,
    pub todos: BTreeMap<Quarter, Vec<String>>,
    pub issues: BTreeMap<Quarter, Vec<String>>,
}

impl Archived {
    pub fn todo_count(&self) -> usize {
        self.todos.values().map(Vec::len).sum()
    }
    pub fn issue_count(&self) -> usize {
        self.issues.values().map(Vec::len).sum()
    }
    pub fn is_empty(&self) -> bool {
        self.todo_count() + self.issue_count() == 0
    }
}

/// Moves the finished items of quarters before `before` into the archive,
/// in one commit; nothing to move writes nothing.
pub fn archive(ctx: &Ctx, before: Quarter) -> Result<(Archived, Option<Outcome>)> {
    let now = Quarter::of(ctx.today);
    if before > now {
        return Err(crate::error::Error::user(format!(
            "--before {before} is after the current quarter ({now}): the archive holds quarters that are over"
        )));
    }
    let mut change = Change::begin(ctx)?;
    let archived = stage(&mut change, before)?;
    if archived.is_empty() {
        return Ok((archived, None));
    }
    let message = format!(
        "archive: {} before {before}",
        counts(archived.todo_count(), archived.issue_count())
    );
    Ok((archived, Some(change.finish(&message)?)))
}

/// "3 to-dos, 1 issue".
pub fn counts(todos: usize, issues: usize) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{} and {}",
        plural(todos, "to-do", "to-dos"),
        plural(issues, "issue", "issues")
    )
}

/// Stages the move in a change (also used by `quarter close`). Archive
/// files are staged before the live lists, so they are written first: a
/// crash between the two leaves an item in both places, never in neither,
/// and the next run takes the live copy away.
pub fn stage(change: &mut Change, before: Quarter) -> Result<Archived> {
    let ws = &change.ctx().ws;
    let (todos_file, issues_file) = (ws.todos_file(), ws.issues_file());
    let todos: TodosFile = change.load(&todos_file)?;
    let issues: IssuesFile = change.load(&issues_file)?;
    let finished_in = |date: Option<crate::model::time::Date>| {
        date.map(|d| Quarter::of(d.0)).filter(|q| *q < before)
    };
    let todo_moves: Vec<(&Todo, Quarter)> = todos
        .todo
        .iter()
        .filter_map(|t| Some((t, finished_in(t.done)?)))
        .collect();
    // A solved issue that a to-do staying live points at stays live too.
    let moving: HashSet<&str> = todo_moves.iter().map(|(t, _)| t.id.as_str()).collect();
    let still_referenced: HashSet<&str> = todos
        .todo
        .iter()
        .filter(|t| !moving.contains(t.id.as_str()))
        .filter_map(|t| t.issue.as_deref())
        .collect();
    let issue_moves: Vec<(&Issue, Quarter)> = issues
        .issue
        .iter()
        .filter(|i| !i.is_open() && !still_referenced.contains(i.id.as_str()))
        .filter_map(|i| Some((i, finished_in(i.solved)?)))
        .collect();

    let mut archived = Archived {
        before,
        todos: BTreeMap::new(),
        issues: BTreeMap::new(),
    };
    let todo_ids: Vec<(String, Quarter)> =
        todo_moves.iter().map(|(t, q)| (t.id.clone(), *q)).collect();
    let issue_ids: Vec<(String, Quarter)> = issue_moves
        .iter()
        .map(|(i, q)| (i.id.clone(), *q))
        .collect();
    archived.todos = move_items::<TodosFile>(
        change,
        &todos_file,
        "todo",
        &todo_ids,
        Workspace::archived_todos_file,
    )?;
    archived.issues = move_items::<IssuesFile>(
        change,
        &issues_file,
        "issue",
        &issue_ids,
        Workspace::archived_issues_file,
    )?;
    Ok(archived)
}

/// The header of a new archive file.
fn header(key: &str, quarter: Quarter) -> String {
    let what = if key == "todo" { "to-dos" } else { "issues" };
    format!(
        "# Finished {what} of {quarter}, moved here by `pulse archive`.\n# The same tables and fields as the live list.\n"
    )
}

/// Moves the tables of `moves` (id, quarter) from the live list into each
/// quarter's archive file, tables as written (comments and unknown keys
/// kept). An id the archive file already holds (a crash between the two
/// writes) is only taken out of the live list.
fn move_items<F: TomlFile>(
    change: &mut Change,
    live_file: &FileRef,
    key: &str,
    moves: &[(String, Quarter)],
    archive_file: fn(&Workspace, Quarter) -> FileRef,
) -> Result<BTreeMap<Quarter, Vec<String>>> {
    let mut moved: BTreeMap<Quarter, Vec<String>> = BTreeMap::new();
    if moves.is_empty() {
        return Ok(moved);
    }
    let mut live = change.toml(live_file)?;
    let mut tables = live.take_many(key, &moves.iter().map(|(id, _)| id.as_str()).collect());
    let mut targets: BTreeMap<Quarter, (FileRef, TomlDoc, HashSet<String>)> = BTreeMap::new();
    for (id, quarter) in moves {
        let Some(table) = tables.remove(id) else {
            continue;
        };
        if !targets.contains_key(quarter) {
            let file = archive_file(&change.ctx().ws, *quarter);
            let existing: Option<String> = change.text(&file)?.map(|t| t.to_string());
            let text = existing.unwrap_or_else(|| header(key, *quarter));
            let doc = TomlDoc::parse(&file, &text)?;
            let ids = doc_ids(&text);
            targets.insert(*quarter, (file, doc, ids));
        }
        let (_, doc, ids) = targets.get_mut(quarter).expect("inserted above");
        if ids.insert(id.clone()) {
            doc.append_moved(key, table);
        }
        moved.entry(*quarter).or_default().push(id.clone());
    }
    for (file, doc, _) in targets.values() {
        change.put_toml::<F>(file, doc)?;
    }
    change.put_toml::<F>(live_file, &live)?;
    Ok(moved)
}

/// The ids an archive file already holds.
fn doc_ids(text: &str) -> HashSet<String> {
    crate::store::parse::ids_in(text)
        .map(str::to_string)
        .collect()
}

/// An archived issue that `query` names (exact id, else a unique prefix),
/// with its quarter; `None` when the archive holds no such issue.
pub fn find_archived_issue(ctx: &Ctx, query: &str) -> Result<Option<(Quarter, Issue)>> {
    let ws = &ctx.ws;
    // The archive answers only a query no live issue matches: an
    // ambiguous prefix stays ambiguous, never picks an archived item.
    let live = load::issues(ws)?;
    if ids::matches_any(
        query,
        &live.issue.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
    ) {
        return Ok(None);
    }
    let mut archived: Vec<(Quarter, Issue)> = Vec::new();
    for quarter in load::archive_quarters(ws)? {
        let file: IssuesFile = load::toml_or_default(&ws.archived_issues_file(quarter))?;
        archived.extend(file.issue.into_iter().map(|i| (quarter, i)));
    }
    let ids: Vec<&str> = archived.iter().map(|(_, i)| i.id.as_str()).collect();
    Ok(ids::resolve(query, &ids, "issue")
        .ok()
        .map(|index| archived.swap_remove(index)))
}

/// An archived to-do that `query` names, with its quarter.
pub fn find_archived_todo(ctx: &Ctx, query: &str) -> Result<Option<(Quarter, Todo)>> {
    let ws = &ctx.ws;
    let live = load::todos(ws)?;
    if ids::matches_any(
        query,
        &live.todo.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
    ) {
        return Ok(None);
    }
    let mut archived: Vec<(Quarter, Todo)> = Vec::new();
    for quarter in load::archive_quarters(ws)? {
        let file: TodosFile = load::toml_or_default(&ws.archived_todos_file(quarter))?;
        archived.extend(file.todo.into_iter().map(|t| (quarter, t)));
    }
    let ids: Vec<&str> = archived.iter().map(|(_, t)| t.id.as_str()).collect();
    Ok(ids::resolve(query, &ids, "to-do")
        .ok()
        .map(|index| archived.swap_remove(index)))
}

/// Takes an item's table out of its archive file (staged in `change`), for
/// the caller to put back into the live list.
pub fn restore<F: TomlFile>(
    change: &mut Change,
    archive_file: &FileRef,
    key: &str,
    id: &str,
) -> Result<toml_edit::Table> {
    let mut doc = change.toml(archive_file)?;
    let table = doc
        .take(key, id)
        .ok_or_else(|| super::items::vanished(key, id))?;
    change.put_toml::<F>(archive_file, &doc)?;
    Ok(table)
}
