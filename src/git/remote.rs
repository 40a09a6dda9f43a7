//! Sharing through a remote, for `pulse sync`: the branch and its upstream,
//! what is not committed, fetch, rebase and push. Every function runs git in
//! the top folder of the work tree; paths are relative to it.

use super::{git, not_started, run, said};
use crate::error::{Error, Result};
use std::path::Path;

/// Where the current branch pulls from and pushes to.
#[derive(Debug, Clone)]
pub struct Upstream {
    /// The remote's name (`origin`), `.` for a local branch.
    pub remote: String,
    /// The branch on the remote (`refs/heads/main`).
    pub remote_ref: String,
    /// The local copy of it (`refs/remotes/origin/main`).
    pub tracking: String,
    /// As people write it (`origin/main`).
    pub short: String,
}

/// The branch checked out, `None` when HEAD is detached.
pub fn current_branch(top: &Path) -> Result<Option<String>> {
    let mut cmd = git(top);
    cmd.args(["symbolic-ref", "-q", "--short", "HEAD"]);
    let output = cmd.output().map_err(|e| not_started(&e))?;
    match output.status.code() {
        Some(0) => Ok(Some(
            String::from_utf8_lossy(&output.stdout).trim().to_string(),
        )),
        // 1: HEAD is not a symbolic reference (detached).
        Some(1) => Ok(None),
        _ => Err(Error::git(said(&output))),
    }
}

/// The upstream of `branch`, `None` when it has none.
pub fn upstream(top: &Path, branch: &str) -> Result<Option<Upstream>> {
    let mut cmd = git(top);
    cmd.args([
        "for-each-ref",
        "--format=%(upstream)%00%(upstream:remotename)%00%(upstream:remoteref)%00%(upstream:short)",
    ])
    .arg(format!("refs/heads/{branch}"));
    let output = run(cmd)?;
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text.lines().next().unwrap_or("");
    let mut fields = line.split('\0').map(str::to_string);
    let (tracking, remote, remote_ref, short) = (
        fields.next().unwrap_or_default(),
        fields.next().unwrap_or_default(),
        fields.next().unwrap_or_default(),
        fields.next().unwrap_or_default(),
    );
    if tracking.is_empty() || remote.is_empty() {
        return Ok(None);
    }
    Ok(Some(Upstream {
        remote,
        remote_ref,
        tracking,
        short,
    }))
}

/// The names of the remotes.
pub fn remotes(top: &Path) -> Result<Vec<String>> {
    let mut cmd = git(top);
    cmd.arg("remote");
    let output = run(cmd)?;
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_string)
        .collect())
}

/// Tracked files under `paths` (literal, relative to `top`) that differ from
/// HEAD, staged or not. Files git does not track are left out.
pub fn uncommitted(top: &Path, paths: &[String]) -> Result<Vec<String>> {
    let mut cmd = git(top);
    cmd.args([
        "--literal-pathspecs",
        "status",
        "--porcelain",
        "-z",
        "--untracked-files=no",
        "--",
    ])
    .args(paths);
    let output = run(cmd)?;
    let text = String::from_utf8_lossy(&output.stdout);
    let mut files = Vec::new();
    let mut entries = text.split('\0').filter(|e| !e.is_empty());
    while let Some(entry) = entries.next() {
        let (status, path) = entry.split_at(entry.len().min(3));
        files.push(path.to_string());
        // A rename or copy is followed by the path it came from.
        if status.starts_with(['R', 'C']) {
            entries.next();
        }
    }
    Ok(files)
}

/// `git fetch` from `remote`.
pub fn fetch(top: &Path, remote: &str) -> Result<()> {
    let mut cmd = git(top);
    cmd.args(["fetch", "--quiet", "--end-of-options", remote]);
    run(cmd).map(|_| ())
}

/// How many commits `range` (`A..B`) holds.
pub fn count(top: &Path, range: &str) -> Result<usize> {
    let mut cmd = git(top);
    cmd.args(["rev-list", "--count", range, "--"]);
    let output = run(cmd)?;
    String::from_utf8_lossy(&output.stdout)
        .trim()
        .parse()
        .map_err(|_| Error::git("git rev-list --count gave no number"))
}

/// The authors of the commits in `range`, each once, in the order of their
/// first commit.
pub fn authors(top: &Path, range: &str) -> Result<Vec<String>> {
    let mut cmd = git(top);
    cmd.args(["log", "--reverse", "--format=%an", range, "--"]);
    let output = run(cmd)?;
    let mut names: Vec<String> = Vec::new();
    for name in String::from_utf8_lossy(&output.stdout).lines() {
        if !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
    }
    Ok(names)
}

/// The best common ancestor of two commits, `None` when they share none.
pub fn merge_base(top: &Path, a: &str, b: &str) -> Result<Option<String>> {
    let mut cmd = git(top);
    cmd.args(["merge-base", a, b]);
    let output = cmd.output().map_err(|e| not_started(&e))?;
    match output.status.code() {
        Some(0) => Ok(Some(
            String::from_utf8_lossy(&output.stdout).trim().to_string(),
        )),
        Some(1) => Ok(None),
        _ => Err(Error::git(said(&output))),
    }
}

/// Replays the local commits onto `onto` (the merge drivers of
/// `.gitattributes` apply). Uncommitted changes to other files are stashed
/// for the time of it and put back.
pub fn rebase(top: &Path, onto: &str) -> Result<()> {
    let mut cmd = git(top);
    cmd.args(["rebase", "--quiet", "--autostash", onto]);
    run(cmd).map(|_| ())
}

/// Pushes HEAD to `remote_ref` on `remote`.
pub fn push(top: &Path, remote: &str, remote_ref: &str) -> Result<()> {
    let mut cmd = git(top);
    cmd.args(["push", "--quiet", "--end-of-options", remote])
        .arg(format!("HEAD:{remote_ref}"));
    run(cmd).map(|_| ())
}

/// The files git left unmerged (a conflict it could not resolve).
pub fn unmerged(top: &Path) -> Result<Vec<String>> {
    let mut cmd = git(top);
    cmd.args(["diff", "--name-only", "--diff-filter=U", "-z"]);
    let output = run(cmd)?;
    let mut files: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .split('\0')
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    files.dedup();
    Ok(files)
}
