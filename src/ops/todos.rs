//! To-dos: 7-day action items.

use super::Ctx;
use super::change::{Change, Outcome};
use super::items::{find, find_in, new_id, required, vanished};
use crate::error::{Error, Result};
use crate::model::issue::IssuesFile;
use crate::model::time::{Date, Quarter, toml_date};
use crate::model::todo::{Todo, TodosFile};
use crate::store::edit::{TomlDoc, set, unset};
use crate::store::load;
use crate::store::to_toml::ToToml;
use chrono::{Days, NaiveDate};

pub struct NewTodo {
    pub title: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub issue: Option<String>,
}

/// Appends a to-do to an open `todos.toml` document; used by `issue solve`,
/// which makes several in one change.
pub fn append(
    ctx: &Ctx,
    doc: &mut TomlDoc,
    taken: &mut Vec<String>,
    new: &NewTodo,
) -> Result<Todo> {
    let todo = new_todo(ctx, taken, new)?;
    doc.append(Todo::KEY, todo.to_toml());
    Ok(todo)
}

/// The ids a new to-do must avoid: the live list's and its archive's.
pub fn taken_ids(ctx: &Ctx, live: &TodosFile) -> Result<Vec<String>> {
    let mut taken: Vec<String> = live.todo.iter().map(|t| t.id.clone()).collect();
    taken.extend(load::archived_ids(&ctx.ws, "todos.toml")?);
    Ok(taken)
}

/// A new to-do, checked, with a fresh id.
fn new_todo(ctx: &Ctx, taken: &mut Vec<String>, new: &NewTodo) -> Result<Todo> {
    let title = required(&new.title, "the to-do's title")?;
    let owner = ctx.owner(&new.owner)?;
    let created = ctx.today;
    // A due date in the past is accepted (importing, back-filling): the
    // command warns that the to-do is overdue.
    let due = new.due.unwrap_or(created + Days::new(7));
    let id = new_id(&title, "todo", taken.iter().map(String::as_str));
    taken.push(id.clone());
    Ok(Todo {
        id,
        title,
        owner,
        created: Some(Date(created)),
        due: Some(Date(due)),
        done: None,
        issue: new.issue.clone(),
    })
}

pub fn add(ctx: &Ctx, mut new: NewTodo) -> Result<(Todo, Outcome)> {
    let mut change = Change::begin(ctx)?;
    if let Some(query) = &new.issue {
        let issues: IssuesFile = change.load(&ctx.ws.issues_file())?;
        let (_, issue) = find(&issues.issue, query, "issue", |i| i.id.as_str())?;
        new.issue = Some(issue.id.clone());
    }
    let file = ctx.ws.todos_file();
    let current: TodosFile = change.load(&file)?;
    let mut taken = taken_ids(ctx, &current)?;
    let todo = new_todo(ctx, &mut taken, &new)?;
    change.append::<TodosFile, _>(&file, &todo)?;
    let mut outcome = change.finish(&format!(
        "todo: add {:?} ({}, due {})",
        todo.title,
        todo.owner,
        todo.due.map(|d| d.0.to_string()).unwrap_or_default()
    ))?;
    if let Some(due) = todo.due.filter(|d| d.0 > ctx.today + Days::new(14)) {
        outcome.warnings.push(format!(
            "--due {} is more than two weeks out: EOS to-dos are 7-day; a bigger piece of work may be a rock",
            due.0
        ));
    }
    if let Some(due) = todo.due.filter(|d| d.0 < ctx.today) {
        outcome.warnings.push(format!(
            "--due {} is before today ({}): the to-do is overdue already",
            due.0, ctx.today
        ));
    }
    Ok((todo, outcome))
}

pub fn done(ctx: &Ctx, query: &str) -> Result<(Todo, Outcome)> {
    let mut change = Change::begin(ctx)?;
    let file = ctx.ws.todos_file();
    let current: TodosFile = change.load(&file)?;
    let (_, todo) = find_in(&change, &file, &current.todo, query, "to-do", |t| {
        t.id.as_str()
    })?;
    if let Some(done) = todo.done {
        return Err(Error::user(format!(
            "to-do `{}` was already done on {}",
            todo.id, done.0
        )));
    }
    let mut item = change.toml_item::<TodosFile>(&file, &todo.id)?;
    let table = item
        .table_mut()
        .ok_or_else(|| vanished("to-do", &todo.id))?;
    set(table, "done", toml_date(ctx.today));
    change.put_item::<TodosFile>(&file, &item)?;
    let outcome = change.finish(&format!("todo: done {:?} ({})", todo.title, todo.owner))?;
    let mut todo = todo.clone();
    todo.done = Some(Date(ctx.today));
    Ok((todo, outcome))
}

/// Reopens a to-do marked done by mistake; an archived one moves back to
/// the live list.
pub fn reopen(ctx: &Ctx, query: &str) -> Result<(Todo, Outcome)> {
    let mut change = Change::begin(ctx)?;
    let file = ctx.ws.todos_file();
    let current: TodosFile = change.load(&file)?;
    let ids: Vec<&str> = current.todo.iter().map(|t| t.id.as_str()).collect();
    let live = crate::model::ids::resolve(query, &ids, "to-do");
    let (todo, from) = match live {
        Ok(index) => (current.todo[index].clone(), None),
        Err(e) => match super::archive::find_archived_todo(ctx, query)? {
            Some((quarter, todo)) => (todo, Some(quarter)),
            None => return Err(e),
        },
    };
    if !todo.is_done() {
        return Err(Error::user(format!("to-do `{}` is not done", todo.id)));
    }
    match from {
        Some(quarter) => {
            let mut doc = change.toml(&file)?;
            let mut table = super::archive::restore::<TodosFile>(
                &mut change,
                &ctx.ws.archived_todos_file(quarter),
                Todo::KEY,
                &todo.id,
            )?;
            unset(&mut table, "done");
            doc.append_moved(Todo::KEY, table);
            change.put_toml::<TodosFile>(&file, &doc)?;
        }
        None => {
            let mut item = change.toml_item::<TodosFile>(&file, &todo.id)?;
            let table = item
                .table_mut()
                .ok_or_else(|| vanished("to-do", &todo.id))?;
            unset(table, "done");
            change.put_item::<TodosFile>(&file, &item)?;
        }
    }
    let outcome = change.finish(&format!("todo: reopen {:?} ({})", todo.title, todo.owner))?;
    Ok((Todo { done: None, ..todo }, outcome))
}

/// Every id a to-do command resolves first: the whole live list (the
/// archive answers only what no live id matches).
pub fn resolvable_ids(ctx: &Ctx) -> Result<Vec<String>> {
    Ok(load::todos(&ctx.ws)?
        .todo
        .into_iter()
        .map(|t| t.id)
        .collect())
}

pub struct TodoList {
    pub todos: Vec<Todo>,
    /// Done on time / due, over to-dos due in the last 7 days.
    pub completion: Option<(usize, usize)>,
}

pub fn list(ctx: &Ctx, all: bool, owner: Option<&str>) -> Result<TodoList> {
    if let Some(owner) = owner {
        ctx.person(owner)?;
    }
    // Done to-dos of past quarters may be archived: `--all` reads them all,
    // the completion of the last 7 days the quarters that span touches.
    let from = (!all).then(|| Quarter::of(ctx.today - Days::new(7)));
    let todos = load::todos_since(&ctx.ws, from)?;
    let mine: Vec<Todo> = todos
        .into_iter()
        .filter(|t| owner.is_none_or(|o| t.owner == o))
        .collect();
    let completion = crate::model::todo::completion(&mine, ctx.today - Days::new(7), ctx.today);
    let mut shown: Vec<Todo> = mine.into_iter().filter(|t| all || !t.is_done()).collect();
    shown.sort_by_key(|t| (t.is_done(), t.due_date()));
    Ok(TodoList {
        todos: shown,
        completion,
    })
}
