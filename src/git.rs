//! Talking to git by running `git` as a program (never through a shell), so
//! the user's hooks, signing and identity apply. Output is parsed in the C
//! locale, with no prompt and no standard input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Finds the git directory of the repository holding `dir`, without starting
/// a process: walks up looking for `.git` (a folder, or a file pointing to one).
pub fn find_git_dir(dir: &Path) -> Option<PathBuf> {
    let mut current = Some(dir);
    while let Some(d) = current {
        let dot_git = d.join(".git");
        if dot_git.is_dir() {
            return Some(dot_git);
        }
        if dot_git.is_file() {
            let text = std::fs::read_to_string(&dot_git).ok()?;
            let target = text.trim().strip_prefix("gitdir:")?.trim();
            return Some(d.join(target));
        }
        current = d.parent();
    }
    None
}

fn git(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.arg("-C")
        .arg(dir)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("LC_ALL", "C")
        .stdin(Stdio::null());
    cmd
}

fn run(mut cmd: Command) -> Result<Output, String> {
    let output = cmd.output().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            "git is not installed (no `git` program on PATH)".to_string()
        }
        _ => format!("could not run git: {e}"),
    })?;
    if output.status.success() {
        Ok(output)
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let stdout = String::from_utf8_lossy(&output.stdout);
        let text = if stderr.trim().is_empty() {
            stdout
        } else {
            stderr
        };
        Err(text.trim().to_string())
    }
}

/// `git init` in `dir`.
pub fn init(dir: &Path) -> Result<(), String> {
    let mut cmd = git(dir);
    cmd.args(["init", "-q"]);
    run(cmd).map(|_| ())
}

/// Why a commit failed, and how to fix it.
#[derive(Debug)]
pub struct CommitError {
    pub reason: String,
    pub fix: String,
}

/// Commits exactly `paths` (relative to `workdir` or absolute) with `message`.
/// `git commit --only` leaves whatever else the user had staged staged and
/// out of this commit.
pub fn commit_paths(workdir: &Path, paths: &[PathBuf], message: &str) -> Result<(), CommitError> {
    let mut add = git(workdir);
    add.args(["add", "--"]).args(paths);
    let mut commit = git(workdir);
    commit
        .args(["commit", "-q", "--only", "-m", message, "--"])
        .args(paths);
    run(add).and_then(|_| run(commit)).map(|_| ()).map_err(|reason| {
        let quoted: Vec<String> = paths
            .iter()
            .map(|p| {
                let shown = p.strip_prefix(workdir).unwrap_or(p);
                shown.display().to_string()
            })
            .collect();
        let manual = format!("git commit -m {:?} -- {}", message, quoted.join(" "));
        let fix = if reason.contains("tell me who you are") || reason.contains("empty ident") || reason.contains("user.email") {
            format!(
                "set your identity (git config --global user.name \"Your Name\"; git config --global user.email you@example.com), then run: {manual}"
            )
        } else if reason.contains("not installed") {
            "install git, or set `[git] commit = false` in company.toml".to_string()
        } else {
            format!("fix what git says above, then run: {manual}")
        };
        CommitError { reason, fix }
    })
}

/// The date (YYYY-MM-DD) each file under `dir` was last committed, from one
/// `git log` run (never one process per file). Paths are relative to the
/// repository's top level.
pub fn last_change_dates(dir: &Path) -> Result<std::collections::HashMap<String, String>, String> {
    let mut cmd = git(dir);
    cmd.args([
        "log",
        "--format=%x00%cs",
        "--name-only",
        "--relative",
        "--",
        ".",
    ]);
    let output = run(cmd)?;
    let text = String::from_utf8_lossy(&output.stdout);
    let mut dates = std::collections::HashMap::new();
    for record in text.split('\0').filter(|r| !r.is_empty()) {
        let mut lines = record.lines();
        let date = lines.next().unwrap_or("").trim().to_string();
        for name in lines.map(str::trim).filter(|l| !l.is_empty()) {
            dates
                .entry(name.to_string())
                .or_insert_with(|| date.clone());
        }
    }
    Ok(dates)
}
