//! Talking to git by running `git` as a program (never through a shell), so
//! the user's hooks, signing and identity apply. Output is parsed in the C
//! locale, with no prompt and no standard input, and every pathspec is
//! literal (`GIT_LITERAL_PATHSPECS`): a company in a folder named `co[12]`
//! is not a glob that also matches `co1/`. A failure is an
//! [`Error::git`](crate::error::Error::git) (exit 3) carrying git's words.

pub mod config;
pub mod remote;
pub mod state;

use crate::error::{Error, Result};
use crate::shell::quote;
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

/// The one place git is started: in `dir`, no prompt, the C locale, no
/// standard input, pathspecs literal, and no optional lock (a `git status`
/// pulse asks, even outside its own lock, never takes the index's lock from
/// under another pulse's commit).
fn git(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.arg("-C")
        .arg(dir)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_LITERAL_PATHSPECS", "1")
        .env("GIT_OPTIONAL_LOCKS", "0")
        .env("LC_ALL", "C")
        .stdin(Stdio::null());
    cmd
}

/// Git could not be started at all.
fn not_started(e: &std::io::Error) -> Error {
    Error::git(match e.kind() {
        std::io::ErrorKind::NotFound => {
            "git is not installed (no `git` program on PATH)".to_string()
        }
        _ => format!("could not run git: {e}"),
    })
}

/// Runs a git command to its end; a non-zero exit is an error holding what
/// git said (its standard error, else its output).
fn run(mut cmd: Command) -> Result<Output> {
    let output = cmd.output().map_err(|e| not_started(&e))?;
    if output.status.success() {
        Ok(output)
    } else {
        Err(Error::git(format!("git: {}", said(&output))))
    }
}

/// What git said on a failure: its standard error, else its output.
fn said(output: &Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let text = if stderr.trim().is_empty() {
        stdout
    } else {
        stderr
    };
    text.trim().to_string()
}

/// Whether git ignores `path` (a `.gitignore` rule), so pulse writes it but
/// never tries to commit it.
pub fn is_ignored(workdir: &Path, path: &Path) -> bool {
    let mut cmd = git(workdir);
    // check-ignore takes paths, never patterns, and refuses the literal
    // pathspec magic.
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

/// A path of the work tree that differs from `HEAD` (staged or not), or that
/// git does not track: git's two status letters and the path, relative to
/// the top of the work tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    pub staged: char,
    pub unstaged: char,
    pub path: String,
}

impl Changed {
    /// Deleted from the work tree or the index while `HEAD` has it.
    pub fn deleted(&self) -> bool {
        self.staged == 'D' || self.unstaged == 'D'
    }
}

/// What `git status` says of `paths`: each one changed since `HEAD`, staged
/// or not, deleted, or not tracked (git-ignored files are left out).
pub fn changed(workdir: &Path, paths: &[PathBuf]) -> Result<Vec<Changed>> {
    Asked::start(workdir, paths)?.answer()
}

/// A `git status` of some paths, started and not yet answered: pulse asks
/// when it first reads a file and reads the answer when it writes it, so
/// that git works while pulse does.
pub struct Asked {
    child: Option<std::process::Child>,
}

impl Asked {
    pub fn start(workdir: &Path, paths: &[PathBuf]) -> Result<Asked> {
        let mut cmd = git(workdir);
        cmd.args([
            "status",
            "--porcelain=v1",
            "-z",
            "--untracked-files=all",
            "--no-renames",
            "--",
        ])
        .args(paths)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
        let child = cmd.spawn().map_err(|e| not_started(&e))?;
        Ok(Asked { child: Some(child) })
    }

    /// What git said: the paths that differ from `HEAD` or are untracked.
    pub fn answer(mut self) -> Result<Vec<Changed>> {
        let child = self
            .child
            .take()
            .ok_or_else(|| Error::git("git status: no answer"))?;
        let output = child.wait_with_output().map_err(|e| not_started(&e))?;
        if !output.status.success() {
            return Err(Error::git(said(&output)));
        }
        let text = String::from_utf8_lossy(&output.stdout);
        Ok(text
            .split('\0')
            .filter(|e| e.len() > 3)
            .map(|e| {
                let mut letters = e.chars();
                Changed {
                    staged: letters.next().unwrap_or(' '),
                    unstaged: letters.next().unwrap_or(' '),
                    path: e[3..].to_string(),
                }
            })
            .collect())
    }
}

impl Drop for Asked {
    /// An answer nobody reads: the process is ended and reaped.
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// The files under `paths` (files or folders) that git tracks, as git
/// names them (relative to `workdir`); none when git cannot tell.
pub fn tracked(workdir: &Path, paths: &[PathBuf]) -> Vec<String> {
    ls_files(workdir, &[], paths)
}

/// The files under `paths` that git neither tracks nor ignores, as git
/// names them; none when git cannot tell.
pub fn untracked(workdir: &Path, paths: &[PathBuf]) -> Vec<String> {
    ls_files(workdir, &["--others", "--exclude-standard"], paths)
}

fn ls_files(workdir: &Path, options: &[&str], paths: &[PathBuf]) -> Vec<String> {
    let mut cmd = git(workdir);
    cmd.args(["ls-files", "-z"])
        .args(options)
        .arg("--")
        .args(paths);
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
pub fn init(dir: &Path) -> Result<()> {
    let mut cmd = git(dir);
    cmd.args(["init", "-q"]);
    run(cmd).map(|_| ())
}

/// The hint for a commit refused for want of an identity.
const SET_IDENTITY: &str = "set your identity (git config --global user.name 'Your Name'; git config --global user.email 'you@example.com')";

fn no_identity(reason: &str) -> bool {
    reason.contains("tell me who you are")
        || reason.contains("empty ident")
        || reason.contains("user.email")
}

/// A commit message as pulse gives it to git: one line, the subject. Text
/// from people (a title, a name) is on it with every control character
/// escaped, so a newline in a name can never start a body or a trailer
/// (`Signed-off-by: ...`) that git would read as the commit's own.
pub fn subject_line(message: &str) -> String {
    crate::escape::escape(message).into_owned()
}

/// Like [`commit_paths`], dated `when` (author and committer) and written by
/// `author` ("Name <email>"), for replaying history (the demo).
pub fn commit_paths_at(
    workdir: &Path,
    paths: &[PathBuf],
    message: &str,
    when: &str,
    author: &str,
) -> Result<()> {
    let mut add = git(workdir);
    add.args(["add", "-A", "--"]).args(paths);
    let mut commit = git(workdir);
    commit
        .env("GIT_AUTHOR_DATE", when)
        .env("GIT_COMMITTER_DATE", when)
        .args([
            "commit",
            "-q",
            "--allow-empty",
            "-m",
            &subject_line(message),
        ])
        .arg(format!("--author={author}"));
    run(add).and_then(|_| run(commit)).map(|_| ()).map_err(|e| {
        let fix = if no_identity(&e.message) {
            format!("{SET_IDENTITY} and run pulse init --demo again in a new folder")
        } else {
            "fix what git says above and run pulse init --demo again in a new folder".to_string()
        };
        e.with_hint(fix)
    })
}

/// Commits exactly `paths` (relative to `workdir` or absolute) with `message`
/// (made one line by [`subject_line`]). `git commit --only` leaves whatever
/// else the user had staged staged and out of this commit. A failure is an
/// error with git's words and, as its hint, the fix and the command to run
/// after it, every argument quoted for a POSIX shell.
pub fn commit_paths(workdir: &Path, paths: &[PathBuf], message: &str) -> Result<()> {
    let message = subject_line(message);
    let commit = || {
        let mut commit = git(workdir);
        commit
            .args(["commit", "-q", "--only", "-m", &message, "--"])
            .args(paths);
        run(commit)
    };
    // Files git tracks (the usual case) commit in one process: `--only`
    // takes their content from the work tree. A new file is unknown to git
    // (LC_ALL=C keeps git's words stable): add it, then commit.
    let committed = commit().or_else(|e| {
        if e.message.contains("did not match any file") {
            let mut add = git(workdir);
            add.args(["add", "--"]).args(paths);
            run(add).and_then(|_| commit())
        } else {
            Err(e)
        }
    });
    committed.map(|_| ()).map_err(|e| {
        let manual = manual_commit(workdir, paths, &message);
        let fix = if no_identity(&e.message) {
            format!("{SET_IDENTITY}, then run: {manual}")
        } else if e.message.contains("not installed") {
            "install git, or set `[git] commit = false` in company.toml".to_string()
        } else {
            format!("fix what git says above, then run: {manual}")
        };
        e.with_hint(fix)
    })
}

/// The `git commit` a person runs to finish a commit pulse could not make:
/// from the folder it names the files in (a `cd` first when pulse runs
/// elsewhere), every argument single-quoted, so that nothing in a title or a
/// file name (`$(...)`, backticks) runs when the line is pasted.
pub fn manual_commit(workdir: &Path, paths: &[PathBuf], message: &str) -> String {
    let shown: Vec<String> = paths
        .iter()
        .map(|p| quote(&p.strip_prefix(workdir).unwrap_or(p).display().to_string()))
        .collect();
    let here = std::env::current_dir().ok();
    let same = |a: &Path, b: &Path| a.canonicalize().ok() == b.canonicalize().ok();
    let cd = match here {
        Some(here) if same(&here, workdir) => String::new(),
        _ => format!("cd {} && ", quote(&workdir.display().to_string())),
    };
    format!(
        "{cd}git commit -m {} -- {}",
        quote(message),
        shown.join(" ")
    )
}

/// The date (YYYY-MM-DD) each file under `dir` was last committed, from one
/// `git log` run (never one process per file). Paths are relative to the
/// repository's top level.
pub fn last_change_dates(dir: &Path) -> Result<std::collections::HashMap<String, String>> {
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
pub fn toplevel(dir: &Path) -> Result<PathBuf> {
    let mut cmd = git(dir);
    cmd.args(["rev-parse", "--show-toplevel"]);
    let out = run(cmd)?;
    Ok(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

/// The full id of the commit `rev` names, or None when it names none.
pub fn resolve_commit(dir: &Path, rev: &str) -> Result<Option<String>> {
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
        Err(e) => Err(not_started(&e)),
    }
}

/// The last commit on HEAD made before `when` (a date or date-time git understands).
pub fn last_commit_before(dir: &Path, when: &str) -> Result<Option<String>> {
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
pub fn commits_touching(dir: &Path, paths: &[String]) -> Result<Vec<CommitInfo>> {
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
pub fn read_tree(top: &Path, rev: &str, prefix: &str) -> Result<Vec<(String, Vec<u8>)>> {
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
pub fn cat_batch(top: &Path, specs: &[String]) -> Result<Vec<Option<Vec<u8>>>> {
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
        .map_err(|e| not_started(&e))?;
    let broken = |what: String| Error::git(format!("git cat-file: {what}"));
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| broken("no standard input".into()))?;
    let request: String = specs.iter().map(|spec| format!("{spec}\n")).collect();
    // Written from another thread: git answers while it reads, and a full
    // pipe on both sides would otherwise deadlock.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(request.as_bytes());
    });
    let mut reader = BufReader::new(
        child
            .stdout
            .take()
            .ok_or_else(|| broken("no standard output".into()))?,
    );
    let mut contents = Vec::with_capacity(specs.len());
    for _ in specs {
        let mut header = String::new();
        reader
            .read_line(&mut header)
            .map_err(|e| broken(e.to_string()))?;
        if header.trim_end().ends_with(" missing") || header.trim_end().ends_with(" ambiguous") {
            contents.push(None);
            continue;
        }
        let size: usize = header
            .split_whitespace()
            .nth(2)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| broken(format!("unexpected answer `{}`", header.trim())))?;
        let mut content = vec![0; size + 1];
        reader
            .read_exact(&mut content)
            .map_err(|e| broken(e.to_string()))?;
        content.truncate(size);
        contents.push(Some(content));
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(contents)
}
