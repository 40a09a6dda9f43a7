//! The company's files at a point of history: the work tree, or a commit read
//! through git in two processes. Used by `pulse diff` and `pulse log`.

use super::Ctx;
use crate::error::{Error, Result};
use crate::git;
use crate::store::files::{list_dir, read_text};
use std::collections::BTreeMap;
use std::path::Path;

/// The files of a company that history compares, by path relative to the
/// folder of `company.toml` (`/`-separated).
pub type Files = BTreeMap<String, String>;

/// Whether a path (relative to the data folder) is one of the files pulse
/// reads: the company's, or a department's in `teams/<name>/`.
pub fn is_company_file(rel: &str) -> bool {
    if let Some((team, rest)) = rel.strip_prefix("teams/").and_then(|r| r.split_once('/')) {
        return crate::model::ids::is_slug(team) && (rest == "team.toml" || is_team_file(rest));
    }
    is_team_file(rel) || matches!(rel, "vision.toml" | "seats.toml")
}

/// Whether a path (relative to a team's folder) is one of a team's files.
fn is_team_file(rel: &str) -> bool {
    matches!(
        rel,
        "scorecard.toml" | "scorecard.csv" | "issues.toml" | "todos.toml"
    ) || (rel.starts_with("rocks/") && rel.ends_with(".toml") && !rel[6..].contains('/'))
        || (rel.starts_with("meetings/") && rel.ends_with(".toml") && !rel[9..].contains('/'))
        || is_archive_file(rel)
}

/// `archive/<quarter>/todos.toml` or `archive/<quarter>/issues.toml`.
pub fn is_archive_file(rel: &str) -> bool {
    rel.strip_prefix("archive/")
        .and_then(|r| r.split_once('/'))
        .is_some_and(|(q, name)| {
            q.parse::<crate::model::time::Quarter>().is_ok()
                && matches!(name, "todos.toml" | "issues.toml")
        })
}

/// Where the company sits inside the repository.
pub struct Layout {
    pub top: std::path::PathBuf,
    /// The company root relative to the top, `""` or ending in `/`.
    pub root_prefix: String,
    /// The data folder relative to the company root, `""` or ending in `/`.
    pub data_prefix: String,
}

fn with_slash(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    if s.is_empty() { s } else { format!("{s}/") }
}

pub fn layout(ctx: &Ctx) -> Result<Layout> {
    if git::find_git_dir(&ctx.ws.root).is_none() {
        return Err(Error::user("pulse diff and pulse log read the company's history from git, and this company is not in a git repository")
            .with_hint("run `git init && git add -A && git commit -m start` in the company folder"));
    }
    let top = git::toplevel(&ctx.ws.root)?;
    let top = top.canonicalize().unwrap_or(top);
    let root = ctx
        .ws
        .root
        .canonicalize()
        .unwrap_or_else(|_| ctx.ws.root.clone());
    let root_prefix = with_slash(root.strip_prefix(&top).unwrap_or(Path::new("")));
    let data_prefix = with_slash(
        ctx.ws
            .data
            .strip_prefix(&ctx.ws.root)
            .unwrap_or(Path::new("")),
    );
    Ok(Layout {
        top,
        root_prefix,
        data_prefix,
    })
}

/// The company's files as they are now, in the work tree.
pub fn work_tree(ctx: &Ctx, layout: &Layout) -> Result<Files> {
    let mut files = Files::new();
    // Through the store, as every read: a link is an error, not followed.
    let read = |path: &Path| read_text(&ctx.ws.file(path.to_path_buf()));
    if let Some(text) = read(&ctx.ws.root.join("company.toml"))? {
        files.insert("company.toml".into(), text);
    }
    for name in crate::store::workspace::LIST_FILES {
        if let Some(text) = read(&ctx.ws.data.join(name))? {
            files.insert(format!("{}{name}", layout.data_prefix), text);
        }
    }
    for quarter in crate::store::load::archive_quarters(&ctx.ws)? {
        for name in ["todos.toml", "issues.toml"] {
            let rel = format!("archive/{quarter}/{name}");
            if let Some(text) = read(&ctx.ws.data.join(&rel))? {
                files.insert(format!("{}{rel}", layout.data_prefix), text);
            }
        }
    }
    for team in ctx.ws.all_teams()?.into_iter().skip(1) {
        let rel_team = format!("teams/{}/", team.team_label());
        for path in crate::store::files::list_dir_all(&team.team)? {
            let Ok(rest) = path.strip_prefix(&team.team) else {
                continue;
            };
            let rest = rest.to_string_lossy().replace('\\', "/");
            let rel = format!("{rel_team}{rest}");
            if is_company_file(&rel)
                && let Some(text) = read(&path)?
            {
                files.insert(format!("{}{rel}", layout.data_prefix), text);
            }
        }
    }
    for dir in ["rocks", "meetings"] {
        for path in list_dir(&ctx.ws.file(ctx.ws.data.join(dir)), "toml")? {
            if let (Some(name), Some(text)) = (path.file_name(), read(&path)?) {
                files.insert(
                    format!("{}{dir}/{}", layout.data_prefix, name.to_string_lossy()),
                    text,
                );
            }
        }
    }
    Ok(files)
}

/// The company's files at commit `rev`.
pub fn at_commit(layout: &Layout, rev: &str) -> Result<Files> {
    let prefix = layout.root_prefix.trim_end_matches('/');
    let tree = git::read_tree(&layout.top, rev, prefix)?;
    let mut files = Files::new();
    for (path, bytes) in tree {
        let Some(rel) = path.strip_prefix(&layout.root_prefix) else {
            continue;
        };
        let keep = rel == "company.toml"
            || rel
                .strip_prefix(&layout.data_prefix)
                .is_some_and(is_company_file);
        if keep {
            files.insert(
                rel.to_string(),
                String::from_utf8_lossy(&bytes).into_owned(),
            );
        }
    }
    Ok(files)
}
