//! Fixing an issue: `issue edit` (title, owner) and `issue remove` (for
//! one raised by mistake). Both act on the live list; an archived issue
//! is reopened first (`issue reopen` moves it back).

use super::Ctx;
use super::change::{Change, Outcome};
use super::items::{Edits, find_in, nothing_to_change, required, vanished};
use crate::error::{Error, Result};
use crate::model::issue::{Issue, IssuesFile};
use crate::model::todo::{Todo, TodosFile};
use crate::store::edit::{set, unset};
use crate::store::to_toml::ToToml;

pub fn edit(
    ctx: &Ctx,
    query: &str,
    title: Option<&str>,
    owner: Option<&str>,
) -> Result<(Issue, Outcome)> {
    if title.is_none() && owner.is_none() {
        return Err(nothing_to_change(&["--title", "--owner"]));
    }
    let title = title
        .map(|t| required(t, "the issue's title"))
        .transpose()?;
    let owner = owner.map(|o| ctx.owner(o)).transpose()?;
    let mut change = Change::begin(ctx)?;
    let file = ctx.ws.issues_file();
    let current: IssuesFile = change.load(&file)?;
    let issue = live(ctx, &change, &file, &current, query)?;
    let mut doc = change.toml(&file)?;
    let table = doc
        .find_mut(Issue::KEY, &issue.id)
        .ok_or_else(|| vanished("issue", &issue.id))?;
    let mut edits = Edits::default();
    let mut updated = issue.clone();
    if let Some(title) = title.filter(|t| *t != issue.title) {
        set(table, "title", title.as_str());
        edits.push(format!("title {title:?}"));
        updated.title = title;
    }
    if let Some(owner) = owner.filter(|o| *o != issue.owner) {
        set(table, "owner", owner.as_str());
        edits.push(if issue.owner.is_empty() {
            format!("owner {owner}")
        } else {
            format!("owner {} → {owner}", issue.owner)
        });
        updated.owner = owner;
    }
    let summary = edits.summary("issue", &issue.id)?;
    super::issues::put(&mut change, &file, &mut doc)?;
    let outcome = change.finish(&format!("issue: edit {:?} ({summary})", issue.title))?;
    Ok((updated, outcome))
}

/// Removes an issue raised by mistake. To-dos that came from it stay,
/// without the link to it (their `issue` key goes, in the same commit). An
/// issue that is no longer one is dropped (`issue drop`), not removed.
pub fn remove(ctx: &Ctx, query: &str) -> Result<(Issue, Vec<String>, Outcome)> {
    let mut change = Change::begin(ctx)?;
    let file = ctx.ws.issues_file();
    let current: IssuesFile = change.load(&file)?;
    let issue = live(ctx, &change, &file, &current, query)?;
    let mut doc = change.toml(&file)?;
    if !doc.delete(Issue::KEY, &issue.id) {
        return Err(vanished("issue", &issue.id));
    }
    super::issues::put(&mut change, &file, &mut doc)?;

    let todos_file = ctx.ws.todos_file();
    let todos: TodosFile = change.load(&todos_file)?;
    let linked: Vec<String> = todos
        .todo
        .iter()
        .filter(|t| t.issue.as_deref() == Some(&issue.id))
        .map(|t| t.id.clone())
        .collect();
    if !linked.is_empty() {
        let mut todo_doc = change.toml(&todos_file)?;
        for id in &linked {
            if let Some(t) = todo_doc.find_mut(Todo::KEY, id) {
                unset(t, "issue");
            }
        }
        change.put_toml::<TodosFile>(&todos_file, &todo_doc)?;
    }
    let unlinked = match linked.len() {
        0 => String::new(),
        1 => " (1 to-do unlinked)".to_string(),
        n => format!(" ({n} to-dos unlinked)"),
    };
    let outcome = change.finish(&format!("issue: remove {:?}{unlinked}", issue.title))?;
    Ok((issue, linked, outcome))
}

/// The live issue `query` names; for an archived one, the error says to
/// reopen it first.
fn live(
    ctx: &Ctx,
    change: &Change,
    file: &crate::store::FileRef,
    current: &IssuesFile,
    query: &str,
) -> Result<Issue> {
    match find_in(change, file, &current.issue, query, "issue", |i| {
        i.id.as_str()
    }) {
        Ok((_, issue)) => Ok(issue.clone()),
        Err(e) => match super::archive::find_archived_issue(ctx, query)? {
            Some((quarter, issue)) => Err(Error::user(format!(
                "issue `{}` is archived ({}, in archive/{quarter}/issues.toml)",
                issue.id,
                issue.status.as_str()
            ))
            .with_hint(format!(
                "bring it back first with `pulse issue reopen {}`",
                issue.id
            ))),
            None => Err(e),
        },
    }
}
