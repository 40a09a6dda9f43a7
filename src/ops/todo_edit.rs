//! Fixing a to-do: `todo edit` (title, owner, due date) and `todo remove`
//! (for one added by mistake). Both act on the live list; an archived
//! to-do is reopened first (`todo reopen` moves it back).

use super::Ctx;
use super::change::{Change, Outcome};
use super::items::{Edits, find_in, nothing_to_change, required, vanished};
use crate::error::{Error, Result};
use crate::model::time::{Date, toml_date};
use crate::model::todo::{Todo, TodosFile};
use crate::store::edit::set;
use chrono::NaiveDate;

/// What `todo edit` may change; `None` leaves a field as it is.
#[derive(Default)]
pub struct TodoEdit<'a> {
    pub title: Option<&'a str>,
    pub owner: Option<&'a str>,
    pub due: Option<NaiveDate>,
}

pub fn edit(ctx: &Ctx, query: &str, fix: TodoEdit) -> Result<(Todo, Outcome)> {
    if fix.title.is_none() && fix.owner.is_none() && fix.due.is_none() {
        return Err(nothing_to_change(&["--title", "--owner", "--due"]));
    }
    let title = fix
        .title
        .map(|t| required(t, "the to-do's title"))
        .transpose()?;
    let owner = fix.owner.map(|o| ctx.owner(o)).transpose()?;
    let mut change = Change::begin(ctx)?;
    let file = ctx.ws.todos_file();
    let current: TodosFile = change.load(&file)?;
    let todo = live(ctx, &change, &file, &current, query)?;
    let mut item = change.toml_item::<TodosFile>(&file, &todo.id)?;
    let table = item
        .table_mut()
        .ok_or_else(|| vanished("to-do", &todo.id))?;
    let mut edits = Edits::default();
    let mut updated = todo.clone();
    if let Some(title) = title.filter(|t| *t != todo.title) {
        set(table, "title", title.as_str());
        edits.push(format!("title {title:?}"));
        updated.title = title;
    }
    if let Some(owner) = owner.filter(|o| *o != todo.owner) {
        set(table, "owner", owner.as_str());
        edits.push(format!("owner {} → {owner}", todo.owner));
        updated.owner = owner;
    }
    if let Some(due) = fix.due.filter(|d| todo.due.map(|t| t.0) != Some(*d)) {
        set(table, "due", toml_date(due));
        edits.push(format!("due {due}"));
        updated.due = Some(Date(due));
    }
    let summary = edits.summary("to-do", &todo.id)?;
    change.put_item::<TodosFile>(&file, &item)?;
    let mut outcome = change.finish(&format!("todo: edit {:?} ({summary})", todo.title))?;
    if let Some(due) = fix.due
        && due < ctx.today
        && !todo.is_done()
    {
        outcome
            .warnings
            .push(format!("due {due} is in the past: the to-do is overdue"));
    }
    Ok((updated, outcome))
}

/// Removes a to-do added by mistake (done or not: the commit keeps it in
/// history).
pub fn remove(ctx: &Ctx, query: &str) -> Result<(Todo, Outcome)> {
    let mut change = Change::begin(ctx)?;
    let file = ctx.ws.todos_file();
    let current: TodosFile = change.load(&file)?;
    let todo = live(ctx, &change, &file, &current, query)?;
    let mut item = change.toml_item::<TodosFile>(&file, &todo.id)?;
    if !item.delete() {
        return Err(vanished("to-do", &todo.id));
    }
    change.put_item::<TodosFile>(&file, &item)?;
    let outcome = change.finish(&format!("todo: remove {:?} ({})", todo.title, todo.owner))?;
    Ok((todo, outcome))
}

/// The live to-do `query` names; for an archived one, the error says to
/// reopen it first.
fn live(
    ctx: &Ctx,
    change: &Change,
    file: &crate::store::FileRef,
    current: &TodosFile,
    query: &str,
) -> Result<Todo> {
    match find_in(change, file, &current.todo, query, "to-do", |t| {
        t.id.as_str()
    }) {
        Ok((_, todo)) => Ok(todo.clone()),
        Err(e) => match super::archive::find_archived_todo(ctx, query)? {
            Some((quarter, todo)) => Err(Error::user(format!(
                "to-do `{}` is archived (done, in archive/{quarter}/todos.toml)",
                todo.id
            ))
            .with_hint(format!(
                "bring it back first with `pulse todo reopen {}`",
                todo.id
            ))),
            None => Err(e),
        },
    }
}
