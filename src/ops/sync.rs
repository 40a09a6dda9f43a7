//! `pulse sync` (SPEC §6): pull the team's commits (fetch, then rebase the
//! local commits onto them, pulse's merge driver on), push the local ones,
//! and say in words what came in — the semantic diff of `pulse diff`. It
//! commits nothing itself, and stops with what to do when git cannot go on.

mod conflict;

use super::Ctx;
use super::change::{refuse_mid_operation, write_lock};
use super::diff::{self, Diff, From};
use super::history::{self, Layout};
use super::setup::{self, Registration};
use crate::error::{Error, Result};
use crate::git;
use crate::git::remote::{self, Upstream};
use crate::render::escape;
use crate::shell::quote;
use serde::Serialize;
use std::path::Path;

/// What a sync did.
#[derive(Debug, Serialize)]
pub struct SyncReport {
    /// The branch synced and its upstream (`origin/main`).
    pub branch: String,
    pub upstream: String,
    /// The driver's registration in this clone, as this sync found or left it.
    pub registration: Registration,
    /// Commits that came in from the upstream, and who wrote them.
    pub pulled: usize,
    pub authors: Vec<String>,
    /// What came in, in words (none when nothing came in).
    pub incoming: Option<Diff>,
    /// Local commits pushed (or that were to be, when `push_error` is set).
    pub pushed: usize,
    /// The push failed after the pull: the local commits are kept.
    #[serde(skip)]
    pub push_error: Option<Error>,
    /// Notes for stderr: a diff that could not be made, files `.gitattributes`
    /// does not route to the driver.
    #[serde(skip)]
    pub warnings: Vec<String>,
}

pub fn sync(ctx: &Ctx) -> Result<SyncReport> {
    let Some(git_dir) = git::find_git_dir(&ctx.ws.root) else {
        return Err(Error::user(
            "pulse sync shares the company through git, and this company is not in a git repository",
        )
        .with_hint("clone the company's repository, or start one here with `git init`"));
    };
    refuse_mid_operation(ctx)?;
    // No pulse command writes while the work tree is being rebased.
    let _lock = write_lock(ctx, Some(&git_dir))?;
    let layout = history::layout(ctx)?;
    let top = layout.top.as_path();
    let (branch, upstream) = ready(&layout)?;
    let registration = setup::register(top)?;
    let head = git::resolve_commit(top, "HEAD")?.ok_or_else(|| {
        Error::user(format!(
            "branch {} has no commit yet: nothing to sync",
            quote(&branch)
        ))
    })?;

    remote::fetch(top, &upstream.remote).map_err(|e| {
        Error::git(format!(
            "cannot fetch from {}: {}",
            quote(&upstream.remote),
            git_words(&e.message)
        ))
            .with_hint("nothing was changed: your local commits are kept")
            .with_hint("check the remote's address (`git remote -v`) and your network, then run `pulse sync` again")
    })?;
    let theirs = git::resolve_commit(top, &upstream.tracking)?.ok_or_else(|| {
        Error::user(format!(
            "{} does not exist yet: nothing to pull from",
            quote(&upstream.short)
        ))
        .with_hint(format!(
            "push this branch to create it: `git push -u {} {}`",
            quote(&upstream.remote),
            quote(&branch)
        ))
    })?;

    let range = |from: &str, to: &str| format!("{from}..{to}");
    let pulled = remote::count(top, &range(&head, &theirs))?;
    let authors = remote::authors(top, &range(&head, &theirs))?;
    if pulled > 0 {
        remote::rebase(top, &theirs)
            .map_err(|reason| conflict::stopped(&layout, &git_dir, reason.message))?;
    }
    let mut report = SyncReport {
        branch,
        upstream: upstream.short.clone(),
        registration,
        pulled,
        authors,
        incoming: None,
        pushed: remote::count(top, &range(&theirs, "HEAD"))?,
        push_error: None,
        warnings: Vec::new(),
    };
    if report.pushed > 0
        && let Err(reason) = remote::push(top, &upstream.remote, &upstream.remote_ref)
    {
        report.push_error = Some(
            Error::git(format!(
                "the push to {} failed: {}",
                quote(&upstream.short),
                git_words(&reason.message)
            ))
                .with_hint(format!(
                    "your local commits ({}) are kept here, on top of what came in",
                    report.pushed
                ))
                .with_hint("when a teammate pushed meanwhile, run `pulse sync` again; otherwise check the remote (`git remote -v`) and your network"),
        );
    }
    if pulled > 0 {
        report.incoming = incoming(ctx, top, &head, &theirs, &mut report.warnings);
    }
    if let Ok(files) = setup::unrouted(ctx)
        && !files.is_empty()
    {
        report.warnings.push(setup::unrouted_warning(&files));
    }
    Ok(report)
}

/// The branch to sync and its upstream, once nothing stands in the way: a
/// branch checked out, an upstream, no uncommitted change to a company file.
fn ready(layout: &Layout) -> Result<(String, Upstream)> {
    let top = layout.top.as_path();
    let branch = remote::current_branch(top)
        ?
        .ok_or_else(|| {
            Error::user("HEAD is detached (no branch is checked out): pulse sync pulls into a branch and pushes it")
                .with_hint("switch to your branch first: `git switch BRANCH` (`git branch` lists them)")
        })?;
    let Some(upstream) = remote::upstream(top, &branch)? else {
        return Err(no_upstream(top, &branch));
    };
    let dirty = remote::uncommitted(top, &company_paths(layout))?;
    if !dirty.is_empty() {
        let shown: Vec<String> = dirty.iter().map(|p| shown(layout, p)).collect();
        let quoted: Vec<String> = shown.iter().map(|p| quote(p)).collect();
        return Err(Error::user(format!(
            "uncommitted changes to company files: {}; pulse sync shares commits only",
            shown.join(", ")
        ))
        .with_hint(format!(
            "commit them (`{}git commit -m 'MESSAGE' -- {}`) or put them aside (`git stash`), then run `pulse sync` again",
            cd_to_root(layout).map(|cd| format!("{cd} && ")).unwrap_or_default(),
            quoted.join(" ")
        )));
    }
    Ok((branch, upstream))
}

/// What came in, in words: from where this clone's history and the team's
/// met, to the team's new commit.
fn incoming(
    ctx: &Ctx,
    top: &Path,
    head: &str,
    theirs: &str,
    warnings: &mut Vec<String>,
) -> Option<Diff> {
    let base = match remote::merge_base(top, head, theirs) {
        Ok(Some(base)) => base,
        Ok(None) => {
            warnings.push(
                "the team's history shares no commit with this clone's: no summary of what came in"
                    .into(),
            );
            return None;
        }
        Err(e) => {
            warnings.push(format!("cannot say what came in: {e}"));
            return None;
        }
    };
    match diff::diff(ctx, From::Rev(base), Some(theirs.to_string())) {
        Ok(d) => Some(d),
        Err(e) => {
            warnings.push(format!("cannot say what came in: {}", e.message));
            None
        }
    }
}

/// The company's files, as literal paths relative to the top of the work
/// tree.
fn company_paths(layout: &Layout) -> Vec<String> {
    setup::company_paths(&layout.data_prefix)
        .into_iter()
        .map(|p| format!("{}{p}", layout.root_prefix))
        .collect()
}

/// A path from git (relative to the top) as pulse shows files: relative to
/// the folder of `company.toml` when it is inside it, control characters
/// escaped (a file name is text from a teammate).
fn shown(layout: &Layout, path: &str) -> String {
    let path = match path.strip_prefix(layout.root_prefix.as_str()) {
        Some(rel) => rel.to_string(),
        None => layout.top.join(path).display().to_string(),
    };
    escape(&path).into_owned()
}

/// `cd` to the folder of `company.toml`, for a hint whose commands name files
/// relative to it, when pulse runs elsewhere (`-C`, a subfolder).
fn cd_to_root(layout: &Layout) -> Option<String> {
    let root = match layout.root_prefix.trim_end_matches('/') {
        "" => layout.top.clone(),
        prefix => layout.top.join(prefix),
    };
    let here = std::env::current_dir().ok()?;
    let same = |a: &Path, b: &Path| a.canonicalize().ok() == b.canonicalize().ok();
    (!same(&here, &root)).then(|| format!("cd {}", quote(&escape(&root.display().to_string()))))
}

/// The line of git's message that says what went wrong (git's hints and
/// its advice on following lines left out).
fn git_words(reason: &str) -> String {
    let line = reason
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("hint:"))
        .unwrap_or(reason);
    let line = line
        .strip_prefix("fatal: ")
        .or_else(|| line.strip_prefix("error: "))
        .unwrap_or(line);
    escape(&line.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned()
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The error for a branch without an upstream, with the commands that give it one.
fn no_upstream(top: &Path, branch: &str) -> Error {
    let remotes = remote::remotes(top).unwrap_or_default();
    match remotes.iter().find(|r| *r == "origin").or(remotes.first()) {
        None => Error::user("this clone has no remote: pulse sync pulls from and pushes to the team's shared repository")
            .with_hint(format!(
                "add it, then push this branch to it once:\n  git remote add origin URL\n  git push -u origin {}",
                quote(branch)
            )),
        Some(remote) => Error::user(format!(
            "branch {} has no upstream: pulse sync does not know where to pull from",
            quote(branch)
        ))
        .with_hint(format!(
            "push it once and git remembers where: `git push -u {} {}`",
            quote(remote),
            quote(branch)
        )),
    }
}
