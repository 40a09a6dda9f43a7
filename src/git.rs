//! Talking to git by running `git` as a program (never through a shell), so
//! the user's hooks, signing and identity apply. Output is parsed in the C
//! locale, with no prompt and no standard input.

pub mod config;
pub mod remote;
pub mod state;

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
        // A path is a path: a company in `co[12]` commits only its own files.
        .env("GIT_LITERAL_PATHSPECS", "1")
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

/// Whether git ignores `path` (a `.gitignore` rule), so pulse writes it but
/// never tries to commit it.
pub fn is_ignored(workdir: &Path, path: &Path) -> bool {
    let mut cmd = git(workdir);
    // check-ignore takes paths, not pathspecs, and refuses the literal magic.
    cmd.env_remove("GIT_LITERAL_PATHSPECS")
        .args(["check-ignore", "-q", "--"])
        .arg(path);
    cmd.output().is_ok_and(|o| o.status.success())
}

/// Whether git tracks `path` (it is in the index).
pub fn is_tracked(workdir: &Path, path: &Path) -> bool {
    let mut cmd = git(workdir);
    cmd.args(["ls-files", "--error-unmatch", "--"]).arg(path);
    cmd.output().is_ok_and(|o| o.status.success())
}

/// The files under `paths` (files or folders) that git tracks, as git
/// names them (relative to `workdir`); none when git cannot tell.
pub fn tracked(workdir: &Path, paths: &[PathBuf]) -> Vec<String> {
    let mut cmd = git(workdir);
    cmd.args(["ls-files", "-z", "--"]).args(paths);
    match run(cmd) {
        Ok(output) => String::from_utf8_lossy(&output.stdout)
            .split('\0')
            .filter(|p| !p.is_empty())
            .map(String::from)
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// A value of git's config as git sees it in `dir` (every scope), `None`
/// when it is not set.
pub fn config_value(dir: &Path, key: &str) -> Option<String> {
    let mut cmd = git(dir);
    cmd.args(["config", "--get", key]);
    let output = cmd.output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
        .filter(|v| !v.is_empty())
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

/// Like [`commit_paths`], dated `when` (author and committer) and written by
/// `author` ("Name <email>"), for replaying history (the demo).
pub fn commit_paths_at(
    workdir: &Path,
    paths: &[PathBuf],
    message: &str,
    when: &str,
    author: &str,
) -> Result<(), CommitError> {
    let message = crate::escape::escape(message);
    let message = message.as_ref();
    let mut add = git(workdir);
    add.args(["add", "-A", "--"]).args(paths);
    let mut commit = git(workdir);
    commit
        .env("GIT_AUTHOR_DATE", when)
        .env("GIT_COMMITTER_DATE", when)
        .args(["commit", "-q", "--allow-empty", "-m", message])
        .arg(format!("--author={author}"));
    run(add).and_then(|_| run(commit)).map(|_| ()).map_err(|reason| CommitError {
        fix: if reason.contains("tell me who you are") || reason.contains("empty ident") {
            "set your identity (git config --global user.name \"Your Name\"; git config --global user.email you@example.com) and run pulse init --demo again in a new folder".to_string()
        } else {
            "fix what git says above and run pulse init --demo again in a new folder".to_string()
        },
        reason,
    })
}

/// Commits exactly `paths` (relative to `workdir` or absolute) with `message`.
/// `git commit --only` leaves whatever else the user had staged staged and
/// out of this commit.
pub fn commit_paths(workdir: &Path, paths: &[PathBuf], message: &str) -> Result<(), CommitError> {
    // One escaped line: a name from a file or an argument can neither add a
    // trailer nor carry a terminal escape into `git log`.
    let message = crate::escape::escape(message);
    let message = message.as_ref();
    let commit = || {
        let mut commit = git(workdir);
        commit
            .args(["commit", "-q", "--only", "-m", message, "--"])
            .args(paths);
        run(commit)
    };
    // Files git tracks (the usual case) commit in one process: `--only`
    // takes their content from the work tree. A new file is unknown to git
    // (LC_ALL=C keeps git's words stable): add it, then commit.
    let committed = commit().or_else(|reason| {
        if reason.contains("did not match any file") {
            let mut add = git(workdir);
            add.args(["add", "--"]).args(paths);
            run(add).and_then(|_| commit())
        } else {
            Err(reason)
        }
    });
    committed.map(|_| ()).map_err(|reason| {
        // Every argument single-quoted: a title holding `$(...)` runs
        // nothing when the hint is pasted into a shell.
        let quoted: Vec<String> = paths
            .iter()
            .map(|p| {
                let shown = p.strip_prefix(workdir).unwrap_or(p);
                crate::shell::quote(&shown.display().to_string())
            })
            .collect();
        let manual = format!(
            "git commit -m {} -- {}",
            crate::shell::quote(message),
            quoted.join(" ")
        );
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

/// The top folder of the work tree holding `dir`.
pub fn toplevel(dir: &Path) -> Result<PathBuf, String> {
    let mut cmd = git(dir);
    cmd.args(["rev-parse", "--show-toplevel"]);
    let out = run(cmd)?;
    Ok(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

/// The full id of the commit `rev` names, or None when it names none.
pub fn resolve_commit(dir: &Path, rev: &str) -> Result<Option<String>, String> {
    if rev.starts_with('-') {
        return Ok(None);
    }
    let mut cmd = git(dir);
    cmd.args(["rev-parse", "--verify", "--quiet", "--end-of-options"])
        .arg(format!("{rev}^{{commit}}"));
    match cmd.output() {
        Ok(o) if o.status.success() => {
            Ok(Some(String::from_utf8_lossy(&o.stdout).trim().to_string()))
        }
        Ok(_) => Ok(None),
        Err(e) => Err(format!("could not run git: {e}")),
    }
}

/// The last commit on HEAD made before `when` (a date or date-time git understands).
pub fn last_commit_before(dir: &Path, when: &str) -> Result<Option<String>, String> {
    let mut cmd = git(dir);
    cmd.args(["rev-list", "-1", &format!("--before={when}"), "HEAD", "--"]);
    let out = run(cmd)?;
    let sha = String::from_utf8_lossy(&out.stdout).trim().to_string();
    Ok((!sha.is_empty()).then_some(sha))
}

/// One commit that touched some files: when, who, and its message.
#[derive(Debug, Clone)]
pub struct CommitInfo {
    pub sha: String,
    pub date: String,
    pub author: String,
    pub subject: String,
}

/// The commits that touched `paths` (relative to `dir`), oldest first.
pub fn commits_touching(dir: &Path, paths: &[String]) -> Result<Vec<CommitInfo>, String> {
    let mut cmd = git(dir);
    cmd.args(["log", "--reverse", "--format=%H%x1f%cs%x1f%an%x1f%s", "--"])
        .args(paths);
    let out = run(cmd)?;
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let mut parts = l.split('\u{1f}');
            Some(CommitInfo {
                sha: parts.next()?.to_string(),
                date: parts.next()?.to_string(),
                author: parts.next()?.to_string(),
                subject: parts.next().unwrap_or("").to_string(),
            })
        })
        .collect())
}

/// Every file under `prefix` (relative to the top of the repository) as it
/// was at commit `rev`, read with two git processes in all: `ls-tree` to list
/// the blobs and one `cat-file --batch` to read them.
pub fn read_tree(top: &Path, rev: &str, prefix: &str) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut ls = git(top);
    ls.args(["ls-tree", "-r", "-z", "--full-tree", rev, "--"]);
    if !prefix.is_empty() {
        ls.arg(prefix);
    }
    let listing = run(ls)?;
    let mut blobs: Vec<(String, String)> = Vec::new();
    for entry in listing.stdout.split(|&b| b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let mut meta = meta.split(' ');
        let (_, kind, sha) = (meta.next(), meta.next(), meta.next());
        if kind == Some("blob")
            && let Some(sha) = sha
        {
            blobs.push((path.to_string(), sha.to_string()));
        }
    }
    let specs: Vec<String> = blobs.iter().map(|(_, sha)| sha.clone()).collect();
    let contents = cat_batch(top, &specs)?;
    Ok(blobs
        .into_iter()
        .zip(contents)
        .filter_map(|((path, _), content)| Some((path, content?)))
        .collect())
}

/// Reads many objects (`sha`, or `rev:path` from the top of the repository)
/// with one `git cat-file --batch`; `None` for one that does not exist.
pub fn cat_batch(top: &Path, specs: &[String]) -> Result<Vec<Option<Vec<u8>>>, String> {
    use std::io::{BufRead, BufReader, Read, Write};
    if specs.is_empty() {
        return Ok(Vec::new());
    }
    let mut child = git(top)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("could not run git: {e}"))?;
    let mut stdin = child.stdin.take().ok_or("no stdin for git cat-file")?;
    let request: String = specs.iter().map(|spec| format!("{spec}\n")).collect();
    // Written from another thread: git answers while it reads, and a full
    // pipe on both sides would otherwise deadlock.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(request.as_bytes());
    });
    let mut reader = BufReader::new(child.stdout.take().ok_or("no stdout for git cat-file")?);
    let mut contents = Vec::with_capacity(specs.len());
    for _ in specs {
        let mut header = String::new();
        reader.read_line(&mut header).map_err(|e| e.to_string())?;
        if header.trim_end().ends_with(" missing") || header.trim_end().ends_with(" ambiguous") {
            contents.push(None);
            continue;
        }
        let size: usize = header
            .split_whitespace()
            .nth(2)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("git cat-file: unexpected answer `{}`", header.trim()))?;
        let mut content = vec![0; size + 1];
        reader.read_exact(&mut content).map_err(|e| e.to_string())?;
        content.truncate(size);
        contents.push(Some(content));
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(contents)
}
