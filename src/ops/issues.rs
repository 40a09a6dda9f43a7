//! The issues list and IDS: raise, prioritise, solve (into to-dos), drop,
//! reopen, move between the short- and long-term lists.

use super::Ctx;
use super::change::{Change, Outcome};
use super::items::{find_in, new_id, required, vanished};
use super::todos::{self, NewTodo};
use crate::error::{Error, Result};
use crate::model::issue::{Issue, IssueStatus, IssuesFile, Term, meeting_order};
use crate::model::time::{Date, Quarter, toml_date};
use crate::model::todo::{Todo, TodosFile};
use crate::store::edit::{TomlDoc, set, unset};
use crate::store::load;
use crate::store::to_toml::ToToml;
use toml_edit::Value;

/// Appends an issue to an open `issues.toml`; used by `headline add --issue`.
pub fn append(
    ctx: &Ctx,
    doc: &mut TomlDoc,
    current: &IssuesFile,
    title: &str,
    owner: Option<&str>,
    term: Term,
) -> Result<Issue> {
    let issue = new_issue(ctx, current, title, owner, term)?;
    doc.append(Issue::KEY, issue.to_toml());
    Ok(issue)
}

/// A new issue, checked, with a fresh id.
fn new_issue(
    ctx: &Ctx,
    current: &IssuesFile,
    title: &str,
    owner: Option<&str>,
    term: Term,
) -> Result<Issue> {
    let title = required(title, "the issue's title")?;
    let owner = owner.map(|o| ctx.owner(o)).transpose()?;
    let archived = load::archived_ids(&ctx.ws, "issues.toml")?;
    let taken = current.issue.iter().map(|i| i.id.as_str());
    let id = new_id(
        &title,
        "issue",
        taken.chain(archived.iter().map(String::as_str)),
    );
    Ok(Issue {
        id,
        title,
        owner: owner.unwrap_or_default(),
        term,
        created: Some(Date(ctx.today)),
        priority: None,
        status: IssueStatus::Open,
        solved: None,
        resolution: None,
        from: None,
    })
}

pub fn add(ctx: &Ctx, title: &str, owner: Option<&str>, term: Term) -> Result<(Issue, Outcome)> {
    let mut change = Change::begin(ctx)?;
    let file = ctx.ws.issues_file();
    let current: IssuesFile = change.load(&file)?;
    let issue = new_issue(ctx, &current, title, owner, term)?;
    change.append::<IssuesFile, _>(&file, &issue)?;
    let list = if term == Term::Long {
        " (long-term)"
    } else {
        ""
    };
    let outcome = change.finish(&format!("issue: raise {:?}{list}", issue.title))?;
    Ok((issue, outcome))
}

/// Stages an edited issues list, its top three kept whole first: only open
/// short-term issues are in it, numbered 1..n in their order (a solved or
/// moved top issue leaves no gap).
pub fn put(change: &mut Change, file: &crate::store::FileRef, doc: &mut TomlDoc) -> Result<()> {
    let mut ranked: Vec<(i64, usize)> = Vec::new();
    for (index, t) in doc.items_mut(Issue::KEY).into_iter().enumerate() {
        let Some(priority) = t.get("priority").and_then(|p| p.as_integer()) else {
            continue;
        };
        let status = t.get("status").and_then(|s| s.as_str()).unwrap_or("open");
        let term = t.get("term").and_then(|s| s.as_str()).unwrap_or("short");
        if status == "open" && term == "short" {
            ranked.push((priority, index));
        } else {
            unset(t, "priority");
        }
    }
    ranked.sort();
    let mut tables = doc.items_mut(Issue::KEY);
    for (rank, (priority, index)) in ranked.into_iter().enumerate() {
        let want = rank as i64 + 1;
        if priority != want
            && let Some(t) = tables.get_mut(index)
        {
            set(&mut **t, "priority", Value::from(want));
        }
    }
    change.put_toml::<IssuesFile>(file, doc)
}

/// Every id an issue command resolves first: the whole live list, short-
/// and long-term, open or not (tables show ids by their shortest prefix
/// among these; the archive answers only what no live id matches).
pub fn resolvable_ids(ctx: &Ctx) -> Result<Vec<String>> {
    Ok(load::issues(&ctx.ws)?
        .issue
        .into_iter()
        .map(|i| i.id)
        .collect())
}

pub struct ListFilter<'a> {
    pub all: bool,
    pub long: bool,
    pub owner: Option<&'a str>,
}

/// Open issues of one list, top three first then oldest; `all` adds the
/// solved and dropped ones after them.
pub fn list(ctx: &Ctx, filter: ListFilter) -> Result<Vec<Issue>> {
    if let Some(owner) = filter.owner {
        ctx.person(owner)?;
    }
    let issues = if filter.all {
        load::issues_since(&ctx.ws, None)?
    } else {
        load::issues(&ctx.ws)?.issue
    };
    let term = if filter.long { Term::Long } else { Term::Short };
    let relevant = issues
        .iter()
        .filter(|i| i.term == term && filter.owner.is_none_or(|o| i.owner == o));
    let mut shown: Vec<Issue> = meeting_order(relevant.clone().filter(|i| i.is_open()))
        .into_iter()
        .cloned()
        .collect();
    if filter.all {
        let mut closed: Vec<&Issue> = relevant.filter(|i| !i.is_open()).collect();
        closed.sort_by_key(|i| std::cmp::Reverse(i.solved));
        shown.extend(closed.into_iter().cloned());
    }
    Ok(shown)
}

/// Edits one issue under the lock; `edit` returns the commit message.
fn edit_issue(
    ctx: &Ctx,
    query: &str,
    edit: impl FnOnce(&Issue, &mut dyn toml_edit::TableLike) -> Result<String>,
) -> Result<(Issue, Outcome)> {
    let mut change = Change::begin(ctx)?;
    let file = ctx.ws.issues_file();
    let current: IssuesFile = change.load(&file)?;
    let (_, issue) = find_in(&change, &file, &current.issue, query, "issue", |i| {
        i.id.as_str()
    })?;
    let mut doc = change.toml(&file)?;
    let table = doc
        .find_mut("issue", &issue.id)
        .ok_or_else(|| vanished("issue", &issue.id))?;
    let message = edit(issue, table)?;
    put(&mut change, &file, &mut doc)?;
    let outcome = change.finish(&message)?;
    let after: IssuesFile = load::toml_or_default(&file)?;
    let updated = after
        .issue
        .into_iter()
        .find(|i| i.id == issue.id)
        .unwrap_or_else(|| issue.clone());
    Ok((updated, outcome))
}

fn require_open(issue: &Issue) -> Result<()> {
    if issue.is_open() {
        Ok(())
    } else {
        Err(Error::user(format!(
            "issue `{}` is already {}{}",
            issue.id,
            issue.status.as_str(),
            issue
                .solved
                .map(|d| format!(" (on {})", d.0))
                .unwrap_or_default()
        ))
        .with_hint(format!(
            "reopen it with `pulse issue reopen {}`",
            crate::shell::quote(&issue.id)
        )))
    }
}

/// Sets this week's top three: priorities 1, 2, 3 in the order given; every
/// other issue loses its priority.
pub fn top(ctx: &Ctx, queries: &[String]) -> Result<(Vec<Issue>, Outcome)> {
    if queries.is_empty() {
        return Err(Error::user(
            "name one to three issues for this week's top three (got 0)",
        ));
    }
    set_top(ctx, queries)
}

/// Like [`top`], and an empty list clears the top three (the meeting
/// screen takes the last issue out of it).
pub fn set_top(ctx: &Ctx, queries: &[String]) -> Result<(Vec<Issue>, Outcome)> {
    if queries.len() > 3 {
        return Err(Error::user(format!(
            "name one to three issues for this week's top three (got {})",
            queries.len()
        )));
    }
    let mut change = Change::begin(ctx)?;
    let file = ctx.ws.issues_file();
    let current: IssuesFile = change.load(&file)?;
    let mut chosen: Vec<&Issue> = Vec::new();
    for q in queries {
        let (_, issue) = find_in(&change, &file, &current.issue, q, "issue", |i| {
            i.id.as_str()
        })?;
        require_open(issue)?;
        if issue.term == Term::Long {
            return Err(Error::user(format!(
                "issue `{}` is on the long-term list: the top three are the weekly meeting's short-term issues",
                issue.id
            ))
            .with_hint(format!("move it first: pulse issue move {} --short", issue.id)));
        }
        if chosen.iter().any(|c| c.id == issue.id) {
            return Err(Error::user(format!("issue `{}` is named twice", issue.id)));
        }
        chosen.push(issue);
    }
    let mut doc = change.toml(&file)?;
    for issue in current.issue.iter().filter(|i| i.priority.is_some()) {
        if let Some(t) = doc.find_mut("issue", &issue.id) {
            unset(t, "priority");
        }
    }
    for (rank, issue) in chosen.iter().enumerate() {
        let t = doc
            .find_mut("issue", &issue.id)
            .ok_or_else(|| vanished("issue", &issue.id))?;
        set(t, "priority", Value::from(rank as i64 + 1));
    }
    put(&mut change, &file, &mut doc)?;
    let names: Vec<&str> = chosen.iter().map(|i| i.id.as_str()).collect();
    let message = if names.is_empty() {
        "issue: no top three".to_string()
    } else {
        format!("issue: top {}", names.join(", "))
    };
    let outcome = change.finish(&message)?;
    let result = chosen
        .iter()
        .enumerate()
        .map(|(rank, i)| Issue {
            priority: Some(rank as u8 + 1),
            ..(*i).clone()
        })
        .collect();
    Ok((result, outcome))
}

pub struct Solved {
    pub issue: Issue,
    pub todos: Vec<Todo>,
}

/// Solves an issue: status, date, resolution, and a to-do for each
/// `(title, owner)` — one commit for all of it.
pub fn solve(
    ctx: &Ctx,
    query: &str,
    resolution: Option<&str>,
    new_todos: &[(String, String)],
) -> Result<(Solved, Outcome)> {
    let drafts: Vec<NewTodo> = new_todos
        .iter()
        .map(|(title, owner)| NewTodo {
            title: title.clone(),
            owner: owner.clone(),
            due: None,
            issue: None,
        })
        .collect();
    solve_with(ctx, query, resolution, &drafts)
}

/// Solves an issue with to-dos that may have their own due dates (the
/// meeting screen's IDS); each to-do is linked to the issue.
pub fn solve_with(
    ctx: &Ctx,
    query: &str,
    resolution: Option<&str>,
    new_todos: &[NewTodo],
) -> Result<(Solved, Outcome)> {
    let mut change = Change::begin(ctx)?;
    let file = ctx.ws.issues_file();
    let current: IssuesFile = change.load(&file)?;
    let (_, issue) = find_in(&change, &file, &current.issue, query, "issue", |i| {
        i.id.as_str()
    })?;
    require_open(issue)?;
    let mut doc = change.toml(&file)?;
    let table = doc
        .find_mut("issue", &issue.id)
        .ok_or_else(|| vanished("issue", &issue.id))?;
    set(table, "status", "solved");
    unset(table, "priority");
    set(table, "solved", toml_date(ctx.today));
    if let Some(r) = resolution.map(str::trim).filter(|r| !r.is_empty()) {
        set(table, "resolution", r);
    }
    put(&mut change, &file, &mut doc)?;

    let mut made = Vec::new();
    if !new_todos.is_empty() {
        let todos_file = ctx.ws.todos_file();
        let existing: TodosFile = change.load(&todos_file)?;
        let mut taken = todos::taken_ids(ctx, &existing)?;
        let mut todo_doc = change.toml(&todos_file)?;
        for draft in new_todos {
            let new = NewTodo {
                title: draft.title.clone(),
                owner: draft.owner.clone(),
                due: draft.due,
                issue: Some(issue.id.clone()),
            };
            made.push(todos::append(ctx, &mut todo_doc, &mut taken, &new)?);
        }
        change.put_toml::<TodosFile>(&todos_file, &todo_doc)?;
    }
    let todo_note = match made.len() {
        0 => String::new(),
        1 => " (1 to-do)".to_string(),
        n => format!(" ({n} to-dos)"),
    };
    let outcome = change.finish(&format!("issue: solve {:?}{todo_note}", issue.title))?;
    let mut solved = issue.clone();
    solved.status = IssueStatus::Solved;
    solved.priority = None;
    solved.solved = Some(Date(ctx.today));
    solved.resolution = resolution.map(String::from).or(solved.resolution);
    Ok((
        Solved {
            issue: solved,
            todos: made,
        },
        outcome,
    ))
}

pub fn drop(ctx: &Ctx, query: &str) -> Result<(Issue, Outcome)> {
    edit_issue(ctx, query, |issue, table| {
        require_open(issue)?;
        set(table, "status", "dropped");
        unset(table, "priority");
        set(table, "solved", toml_date(ctx.today));
        Ok(format!("issue: drop {:?}", issue.title))
    })
}

pub fn reopen(ctx: &Ctx, query: &str) -> Result<(Issue, Outcome)> {
    let live = load::issues(&ctx.ws)?;
    let live_ids: Vec<&str> = live.issue.iter().map(|i| i.id.as_str()).collect();
    if crate::model::ids::resolve(query, &live_ids, "issue").is_err()
        && let Some((quarter, issue)) = super::archive::find_archived_issue(ctx, query)?
    {
        return reopen_archived(ctx, quarter, issue);
    }
    edit_issue(ctx, query, |issue, table| {
        if issue.is_open() {
            return Err(Error::user(format!("issue `{}` is already open", issue.id)));
        }
        set(table, "status", "open");
        unset(table, "solved");
        Ok(format!("issue: reopen {:?}", issue.title))
    })
}

/// Reopens an archived issue: it moves back to the live list, open.
fn reopen_archived(ctx: &Ctx, quarter: Quarter, issue: Issue) -> Result<(Issue, Outcome)> {
    let mut change = Change::begin(ctx)?;
    let mut table = super::archive::restore::<IssuesFile>(
        &mut change,
        &ctx.ws.archived_issues_file(quarter),
        Issue::KEY,
        &issue.id,
    )?;
    set(&mut table, "status", "open");
    unset(&mut table, "solved");
    let file = ctx.ws.issues_file();
    let mut doc = change.toml(&file)?;
    doc.append_moved(Issue::KEY, table);
    put(&mut change, &file, &mut doc)?;
    let outcome = change.finish(&format!(
        "issue: reopen {:?} (from the {quarter} archive)",
        issue.title
    ))?;
    let reopened = Issue {
        status: IssueStatus::Open,
        solved: None,
        ..issue
    };
    Ok((reopened, outcome))
}

/// Hands an issue to another team's list in one commit (SPEC §7): the table
/// moves as written, keeps its id when it is free there (else gains a
/// suffix) and records `from = "<team>"`.
pub fn move_to_team(ctx: &Ctx, query: &str, team: &str) -> Result<(Issue, Outcome)> {
    let target = if team == crate::model::team::LEADERSHIP {
        ctx.ws.leadership()
    } else {
        ctx.ws.for_team(team)?
    };
    let from = ctx.ws.team_label().to_string();
    if target.team == ctx.ws.team {
        return Err(Error::user(format!(
            "the issue is already on the {from} team's list"
        )));
    }
    let mut change = Change::begin(ctx)?;
    let source_file = ctx.ws.issues_file();
    let current: IssuesFile = change.load(&source_file)?;
    let (_, issue) = find_in(&change, &source_file, &current.issue, query, "issue", |i| {
        i.id.as_str()
    })?;
    let mut issue = issue.clone();
    let mut source = change.toml(&source_file)?;
    let mut table = source
        .take(Issue::KEY, &issue.id)
        .ok_or_else(|| vanished("issue", &issue.id))?;
    let target_file = target.issues_file();
    let there: IssuesFile = change.load(&target_file)?;
    let archived = load::archived_ids(&target, "issues.toml")?;
    let taken: Vec<&str> = there
        .issue
        .iter()
        .map(|i| i.id.as_str())
        .chain(archived.iter().map(String::as_str))
        .collect();
    let id = crate::model::ids::unique_id(&issue.id, &taken);
    set(&mut table, "id", id.as_str());
    set(&mut table, "from", from.as_str());
    // Its place among the top three was the other team's.
    unset(&mut table, "priority");
    let mut target_doc = change.toml(&target_file)?;
    target_doc.append_moved(Issue::KEY, table);
    put(&mut change, &target_file, &mut target_doc)?;
    put(&mut change, &source_file, &mut source)?;
    let outcome = change.finish(&format!(
        "issue: move {:?} from {from} to {team}",
        issue.title
    ))?;
    issue.id = id;
    issue.priority = None;
    Ok((issue, outcome))
}

pub fn move_to(ctx: &Ctx, query: &str, term: Term) -> Result<(Issue, Outcome)> {
    edit_issue(ctx, query, |issue, table| {
        if issue.term == term {
            return Err(Error::user(format!(
                "issue `{}` is already on the {}-term list",
                issue.id,
                term.as_str()
            )));
        }
        set(table, "term", term.as_str());
        unset(table, "priority");
        Ok(format!(
            "issue: move {:?} to the {}-term list",
            issue.title,
            term.as_str()
        ))
    })
}
