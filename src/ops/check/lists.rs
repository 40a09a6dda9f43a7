//! The issues and to-do lists with their archive: owners, ids unique across
//! live and archived items, and the issues that to-dos point at.

use super::findings::{Findings, Named, Roster, duplicates, read_list};
use crate::model::issue::IssuesFile;
use crate::model::time::Quarter;
use crate::model::todo::TodosFile;
use crate::store::files::FileRef;
use crate::store::parse::IdLines;
use crate::store::{Workspace, load};
use std::collections::{HashMap, HashSet};

/// The issues lists, then the to-dos (which may point at issues): the live
/// list first, then each archived quarter.
pub fn check_lists(f: &mut Findings, ws: &Workspace, roster: &Roster) {
    let quarters = match load::archive_quarters(ws) {
        Ok(q) => q,
        Err(e) => {
            f.broken(&ws.file(ws.archive_dir()), e);
            Vec::new()
        }
    };
    let issue_files: Vec<FileRef> = std::iter::once(ws.issues_file())
        .chain(quarters.iter().map(|q| ws.archived_issues_file(*q)))
        .collect();
    let todo_files: Vec<FileRef> = std::iter::once(ws.todos_file())
        .chain(quarters.iter().map(|q| ws.archived_todos_file(*q)))
        .collect();

    let mut issue_ids: HashSet<String> = HashSet::new();
    let mut first_issue: HashMap<String, String> = HashMap::new();
    for file in &issue_files {
        let Some((issues, text)) = f.loaded(file, read_list::<IssuesFile>(file)) else {
            continue;
        };
        let lines = IdLines::new(&text);
        let ids = issues.issue.iter().map(|i| i.id.as_str());
        duplicates(f, file, &lines, "issue", ids.clone());
        elsewhere(f, file, &lines, "issue", ids, &mut first_issue);
        archived_where_it_belongs(
            f,
            file,
            &lines,
            &quarters,
            issues.issue.iter().map(|i| (i.id.as_str(), i.solved)),
        );
        for issue in &issues.issue {
            let line = || Some(lines.first(&issue.id));
            issue_ids.insert(issue.id.clone());
            roster.check(f, file, line, Named("issue", &issue.id), &issue.owner);
            if let Some(p) = issue.priority
                && !(1..=3).contains(&p)
            {
                f.error(
                    file,
                    line(),
                    format!("issue `{}`: priority {p}: expected 1, 2 or 3", issue.id),
                );
            }
        }
    }

    let mut first_todo: HashMap<String, String> = HashMap::new();
    for file in &todo_files {
        let Some((todos, text)) = f.loaded(file, read_list::<TodosFile>(file)) else {
            continue;
        };
        let lines = IdLines::new(&text);
        let ids = todos.todo.iter().map(|t| t.id.as_str());
        duplicates(f, file, &lines, "to-do", ids.clone());
        elsewhere(f, file, &lines, "to-do", ids, &mut first_todo);
        archived_where_it_belongs(
            f,
            file,
            &lines,
            &quarters,
            todos.todo.iter().map(|t| (t.id.as_str(), t.done)),
        );
        for todo in &todos.todo {
            let line = || Some(lines.first(&todo.id));
            roster.check(f, file, line, Named("to-do", &todo.id), &todo.owner);
            if let Some(issue) = &todo.issue
                && !issue_ids.contains(issue.as_str())
            {
                f.error(
                    file,
                    line(),
                    format!("to-do `{}`: unknown issue `{issue}`", todo.id),
                );
            }
        }
    }
}

/// An id already used by the live list or another archive file: ids stay
/// unique across a list and its archive. (A crash between the two writes of
/// `pulse archive` leaves such a copy; the next `pulse archive` removes it.)
fn elsewhere<'a>(
    f: &mut Findings,
    file: &FileRef,
    lines: &IdLines,
    what: &str,
    ids: impl Iterator<Item = &'a str>,
    first: &mut HashMap<String, String>,
) {
    let mut here = HashSet::new();
    for id in ids {
        if !here.insert(id) {
            continue;
        }
        match first.get(id) {
            Some(other) => f.error(
                file,
                Some(lines.first(id)),
                format!("{what} id `{id}` is also used in {other}; run `pulse archive` if this is a copy, else rename one"),
            ),
            None => {
                first.insert(id.to_string(), file.display.clone());
            }
        }
    }
}

/// An archived item must be finished, in the quarter of its folder.
fn archived_where_it_belongs<'a>(
    f: &mut Findings,
    file: &FileRef,
    lines: &IdLines,
    quarters: &[Quarter],
    items: impl Iterator<Item = (&'a str, Option<crate::model::time::Date>)>,
) {
    let Some(folder) = quarters
        .iter()
        .find(|q| file.display.contains(&format!("archive/{q}/")))
    else {
        return;
    };
    for (id, finished) in items {
        match finished {
            None => f.error(
                file,
                Some(lines.first(id)),
                format!("`{id}` is in the archive but not finished: move it back to the live list"),
            ),
            Some(d) if Quarter::of(d.0) != *folder => f.warn(
                file,
                Some(lines.first(id)),
                format!(
                    "`{id}` was finished on {} ({}), not in {folder}",
                    d.0,
                    Quarter::of(d.0)
                ),
            ),
            Some(_) => {}
        }
    }
}
