//! `pulse log ID`: the history of one rock, issue, to-do or measurable
//! through the commits that touched its file. Two git processes in all: one
//! `git log` for the commits, one `git cat-file --batch` for every version of
//! the file; consecutive versions are compared with `pulse diff`'s words.

use super::Ctx;
use super::diff::{ChangeRecord, Component, Kind as DiffKind, compare};
use super::history::{self, Files};
use crate::error::{Error, Result};
use crate::git;
use crate::model::issue::IssuesFile;
use crate::model::time::Quarter;
use crate::model::todo::TodosFile;
use crate::store::load;
use crate::store::parse::tables_mentioning;
use crate::store::values;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Rock,
    Issue,
    Todo,
    Measurable,
}

impl Kind {
    fn component(self) -> Component {
        match self {
            Kind::Rock => Component::Rocks,
            Kind::Issue => Component::Issues,
            Kind::Todo => Component::Todos,
            Kind::Measurable => Component::Scorecard,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Rock => "rock",
            Kind::Issue => "issue",
            Kind::Todo => "to-do",
            Kind::Measurable => "measurable",
        }
    }
}

/// The item whose history is told.
#[derive(Debug, Clone, Serialize)]
pub struct Target {
    pub kind: Kind,
    pub id: String,
    pub title: String,
    pub quarter: Option<Quarter>,
    /// The archive quarter a finished to-do or issue was moved to.
    pub archived: Option<Quarter>,
    /// The department it belongs to (absent: leadership).
    pub team: Option<String>,
}

impl Target {
    /// Its files, relative to the data folder.
    fn files(&self) -> Vec<String> {
        let files = match (self.kind, self.quarter) {
            (Kind::Rock, Some(q)) => vec![format!("rocks/{q}.toml")],
            (Kind::Rock, None) => Vec::new(),
            (Kind::Issue, _) => self.with_archive("issues.toml"),
            (Kind::Todo, _) => self.with_archive("todos.toml"),
            (Kind::Measurable, _) => vec!["scorecard.toml".into(), "scorecard.csv".into()],
        };
        match &self.team {
            Some(team) => files
                .into_iter()
                .map(|f| format!("teams/{team}/{f}"))
                .collect(),
            None => files,
        }
    }

    /// The live list, and the archive file the item went to.
    fn with_archive(&self, name: &str) -> Vec<String> {
        let mut files = vec![name.to_string()];
        files.extend(self.archived.map(|q| format!("archive/{q}/{name}")));
        files
    }

    fn label(&self) -> String {
        let team = self
            .team
            .as_deref()
            .map(|t| format!("{t}: "))
            .unwrap_or_default();
        match self.quarter {
            Some(q) => format!("{team}{} {} ({q})", self.kind.as_str(), self.id),
            None => format!("{team}{} {}", self.kind.as_str(), self.id),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Entry {
    /// The commit (12 characters), or `None` for changes not committed yet.
    pub commit: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    pub subject: Option<String>,
    pub changes: Vec<ChangeRecord>,
}

#[derive(Debug, Serialize)]
pub struct Log {
    pub item: Target,
    pub entries: Vec<Entry>,
}

/// Every item of the company now, archived ones included, for finding the
/// one asked for.
fn candidates(ctx: &Ctx) -> Result<Vec<Target>> {
    let mut all = Vec::new();
    for team in ctx.teams()? {
        team_candidates(&team.ws, &mut all)?;
    }
    Ok(all)
}

/// The items of one team.
fn team_candidates(ws: &crate::store::Workspace, all: &mut Vec<Target>) -> Result<()> {
    let target = |kind, id: &str, title: &str, quarter, archived| Target {
        kind,
        id: id.to_string(),
        title: title.to_string(),
        quarter,
        archived,
        team: ws.team_name.clone(),
    };
    // Newest quarter first, so a rolled-over rock is found where it lives now.
    for quarter in load::rock_quarters(ws)?.into_iter().rev() {
        for r in load::rocks(ws, quarter)?.rock {
            all.push(target(Kind::Rock, &r.id, &r.title, Some(quarter), None));
        }
    }
    for i in load::issues(ws)?.issue {
        all.push(target(Kind::Issue, &i.id, &i.title, None, None));
    }
    for t in load::todos(ws)?.todo {
        all.push(target(Kind::Todo, &t.id, &t.title, None, None));
    }
    for q in load::archive_quarters(ws)? {
        let issues: IssuesFile = load::toml_or_default(&ws.archived_issues_file(q))?;
        for i in issues.issue {
            all.push(target(Kind::Issue, &i.id, &i.title, None, Some(q)));
        }
        let todos: TodosFile = load::toml_or_default(&ws.archived_todos_file(q))?;
        for t in todos.todo {
            all.push(target(Kind::Todo, &t.id, &t.title, None, Some(q)));
        }
    }
    for m in load::measurables(ws)? {
        all.push(target(Kind::Measurable, &m.id, &m.name, None, None));
    }
    Ok(())
}

/// Finds the item: an exact id, else a unique prefix; `kind` and `quarter`
/// narrow the search when an id is used by two kinds of item.
pub fn find(
    ctx: &Ctx,
    query: &str,
    kind: Option<Kind>,
    quarter: Option<Quarter>,
) -> Result<Target> {
    let all: Vec<Target> = candidates(ctx)?
        .into_iter()
        .filter(|t| kind.is_none_or(|k| t.kind == k))
        .filter(|t| quarter.is_none_or(|q| t.quarter.is_none_or(|tq| tq == q)))
        .collect();
    let exact: Vec<&Target> = all.iter().filter(|t| t.id == query).collect();
    let matches = if exact.is_empty() {
        all.iter()
            .filter(|t| !query.is_empty() && t.id.starts_with(query))
            .collect()
    } else {
        exact
    };
    // The same rock in several quarters (rolled over): the newest one.
    let kinds: std::collections::BTreeSet<&str> = matches.iter().map(|t| t.kind.as_str()).collect();
    let ids: std::collections::BTreeSet<&str> = matches.iter().map(|t| t.id.as_str()).collect();
    match (matches.first(), kinds.len(), ids.len()) {
        (None, _, _) => {
            let ids: Vec<&str> = all.iter().map(|t| t.id.as_str()).collect();
            Err(
                crate::model::ids::unknown("rock, issue, to-do or measurable", query, ids.into_iter())
                    .with_hint("`pulse log` follows items that exist now; for a deleted one, use `git log -p` on its file"),
            )
        }
        (Some(one), 1, 1) => Ok((*one).clone()),
        _ => {
            let names: Vec<String> = matches.iter().take(12).map(|t| t.label()).collect();
            Err(Error::user(format!(
                "`{}` is ambiguous: {}",
                crate::render::escape(query),
                names.join(", ")
            ))
            .with_hint("give more of the id, or --kind rock|issue|todo|measurable"))
        }
    }
}

pub fn log(ctx: &Ctx, target: Target) -> Result<Log> {
    let layout = history::layout(ctx)?;
    let data_paths: Vec<String> = target
        .files()
        .iter()
        .map(|rel| format!("{}{rel}", layout.data_prefix))
        .collect();
    let commits = git::commits_touching(&ctx.ws.root, &data_paths)?;
    // Every version of every file, in one cat-file: `sha:path` from the top.
    let root_prefix = &layout.root_prefix;
    let specs: Vec<String> = commits
        .iter()
        .flat_map(|c| {
            data_paths
                .iter()
                .map(move |p| format!("{}:{root_prefix}{p}", c.sha))
        })
        .collect();
    let blobs = git::cat_batch(&layout.top, &specs)?;
    let mut versions: Vec<Files> = blobs
        .chunks(data_paths.len().max(1))
        .map(|chunk| {
            data_paths
                .iter()
                .zip(chunk)
                .filter_map(|(path, blob)| {
                    Some((
                        path.clone(),
                        String::from_utf8_lossy(blob.as_ref()?).into_owned(),
                    ))
                })
                .collect()
        })
        .collect();
    let mut work_tree = Files::new();
    for (rel, path) in target.files().iter().zip(&data_paths) {
        let file = ctx.ws.file(ctx.ws.data.join(rel));
        if let Some(text) = crate::store::files::read_text(&file)? {
            work_tree.insert(path.clone(), text);
        }
    }
    let uncommitted = versions.last() != Some(&work_tree);
    if uncommitted {
        versions.push(work_tree);
    }
    // Only the item's own tables and rows can say what happened to it: each
    // version is cut down to them first (when that is certain to mean the
    // same), so ten years of a 5,000-item list are not parsed whole twice
    // per commit.
    for version in &mut versions {
        for (path, text) in version.iter_mut() {
            if let Some(narrow) = narrow(&target, path, text) {
                *text = narrow;
            }
        }
    }

    let component = target.kind.component();
    let mut entries = Vec::new();
    let nothing = Files::new();
    for (i, version) in versions.iter().enumerate() {
        let previous = if i == 0 { &nothing } else { &versions[i - 1] };
        let (changes, _) = compare(ctx, previous, version, &layout.data_prefix);
        let changes: Vec<ChangeRecord> = changes
            .into_iter()
            // "Overdue" is about today, not about what a commit did.
            .filter(|c| {
                c.id == target.id && c.component == component && c.kind != DiffKind::Overdue
            })
            .collect();
        if changes.is_empty() {
            continue;
        }
        let commit = commits.get(i);
        entries.push(Entry {
            commit: commit.map(|c| c.sha[..c.sha.len().min(12)].to_string()),
            date: commit.map(|c| c.date.clone()),
            author: commit.map(|c| c.author.clone()),
            subject: commit.map(|c| c.subject.clone()),
            changes,
        });
    }
    Ok(Log {
        item: target,
        entries,
    })
}

/// A version of one of the target's files with only what concerns the
/// target, or `None` to keep it whole.
fn narrow(target: &Target, path: &str, text: &str) -> Option<String> {
    match target.kind {
        Kind::Todo => tables_mentioning(text, "todo", &target.id),
        Kind::Issue => tables_mentioning(text, "issue", &target.id),
        Kind::Measurable if path.ends_with("scorecard.csv") => values::rows_of(text, &target.id),
        // A quarter's rocks are a few dozen: parsed whole.
        Kind::Rock | Kind::Measurable => None,
    }
}
