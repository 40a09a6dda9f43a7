//! A change to the company: taken under the write lock, staged in memory,
//! validated, then written atomically and committed to git in one go. A
//! command that fails before `finish` writes nothing, and none begins while
//! git is in the middle of a merge or a rebase.

use super::Ctx;
use crate::error::{Error, Result};
use crate::git;
use crate::shell::quote;
use crate::store::edit::{TomlDoc, TomlItem};
use crate::store::files::read_text;
use crate::store::lock::Lock;
use crate::store::parse::{ListFile, TomlFile};
use crate::store::to_toml::ToToml;
use crate::store::{FileRef, PeopleHome, atomic, files};
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// A file's text, shared rather than copied: a ten-year list is most of a
/// megabyte, and a change looks at it several times.
pub type Text = Rc<String>;

pub struct Change<'a> {
    ctx: &'a Ctx,
    git_dir: Option<PathBuf>,
    pending: Vec<(FileRef, Text)>,
    /// Files about people (SPEC §11): never committed to the company's
    /// repository; committed in `[privacy] people_dir`'s when it is set.
    people: Vec<PathBuf>,
    /// Where those files live, once one is marked.
    people_home: Option<PeopleHome>,
    /// Files this change removes (a team's folder).
    deleted: Vec<FileRef>,
    /// The files as they were on disk when this change first read them (a
    /// ten-year list is read once, not once per step).
    originals: std::cell::RefCell<Vec<(PathBuf, Option<Text>)>>,
    /// `git status` of each file as first read, asked then and answered
    /// when the file is written (git works while pulse does).
    asked: std::cell::RefCell<Vec<(PathBuf, git::Asked)>>,
    _lock: Lock,
}

/// Refuses to write while git waits for the user to finish a merge, a
/// rebase, a cherry-pick or a revert: the files may hold conflict markers,
/// and a commit would land in the middle of it. A look at files in the git
/// folder, no process.
pub fn refuse_mid_operation(ctx: &Ctx) -> Result<()> {
    let git_dir = git::find_git_dir(&ctx.ws.root);
    let Some(op) = git_dir.as_deref().and_then(git::state::in_progress) else {
        return Ok(());
    };
    let (finish, abort) = op.finish_and_abort();
    Err(Error::user(format!(
        "{} is in progress in this repository; pulse changes no file until it is finished",
        op.name()
    ))
    .with_hint(format!(
        "resolve the conflicts (`git status` lists the files), `git add` each one, then `{finish}`"
    ))
    .with_hint(format!("or give up and go back with `{abort}`")))
}

/// Takes the company's write lock. It lives inside the git folder when there
/// is one, so it is never committed.
pub fn write_lock(ctx: &Ctx, git_dir: Option<&Path>) -> Result<Lock> {
    let lock_path = match git_dir {
        Some(dir) if dir.is_dir() => dir.join("pulse.lock"),
        _ => ctx.ws.root.join(".pulse.lock"),
    };
    let shown = lock_path
        .strip_prefix(&ctx.ws.root)
        .unwrap_or(&lock_path)
        .display()
        .to_string();
    Lock::acquire(&lock_path, &|pid| {
        let who = pid.map_or_else(
            || "another pulse".to_string(),
            |pid| format!("another pulse (process {pid})"),
        );
        (ctx.notify)(&format!(
            "{who} is changing the company and holds {shown}; waiting for it to finish"
        ))
    })
}

/// What happened to a finished change, for the command to report.
#[derive(Debug, Default)]
pub struct Outcome {
    pub files: Vec<String>,
    pub committed: bool,
    /// Set when the files were written but git refused the commit.
    pub warning: Option<String>,
    /// Written files left out of the commit because git ignores them.
    pub ignored: Vec<String>,
    /// Files about people written and, by the rule of SPEC §11, not
    /// committed (git does not ignore them: the note says to).
    pub private: Vec<String>,
    /// Files about people committed in `[privacy] people_dir`'s repository.
    pub people_committed: Vec<String>,
    /// EOS rules the change goes against (it is made all the same); the
    /// command line prints them unless `-q`.
    pub warnings: Vec<String>,
}

impl<'a> Change<'a> {
    /// Takes the company's write lock (waiting for another pulse to finish).
    /// Refused while git is in the middle of a merge or a rebase.
    pub fn begin(ctx: &'a Ctx) -> Result<Change<'a>> {
        refuse_mid_operation(ctx)?;
        let git_dir = git::find_git_dir(&ctx.ws.root);
        let lock = write_lock(ctx, git_dir.as_deref())?;
        // What this change reads is looked at anew, links included.
        crate::store::files::forget_folders();
        Ok(Change {
            ctx,
            git_dir,
            pending: Vec::new(),
            people: Vec::new(),
            people_home: None,
            deleted: Vec::new(),
            originals: Default::default(),
            asked: Default::default(),
            _lock: lock,
        })
    }

    pub fn ctx(&self) -> &Ctx {
        self.ctx
    }

    /// The file's text as this change sees it: staged, else on disk (read
    /// once; the lock keeps other pulse commands from changing it meanwhile).
    pub fn text(&self, file: &FileRef) -> Result<Option<Text>> {
        if let Some((_, text)) = self.pending.iter().find(|(f, _)| f.path == file.path) {
            return Ok(Some(text.clone()));
        }
        self.original(file)
    }

    fn original(&self, file: &FileRef) -> Result<Option<Text>> {
        if let Some((_, text)) = self
            .originals
            .borrow()
            .iter()
            .find(|(p, _)| *p == file.path)
        {
            return Ok(text.clone());
        }
        let text = read_text(file)?.map(Rc::new);
        self.originals
            .borrow_mut()
            .push((file.path.clone(), text.clone()));
        // What git says of it is read if the change writes it.
        if self.git_dir.is_some()
            && self.ctx.commit
            && let Ok(asked) =
                git::Asked::start(&self.ctx.ws.root, std::slice::from_ref(&file.path))
        {
            self.asked.borrow_mut().push((file.path.clone(), asked));
        }
        Ok(text)
    }

    /// What git says of `paths`: the answers asked when they were read,
    /// and one question now for the others. Empty when git cannot answer
    /// (the commit then reports what is wrong).
    fn git_status(&self, paths: &[PathBuf]) -> Vec<git::Changed> {
        let mut changed = Vec::new();
        let mut unasked = Vec::new();
        let mut asked = self.asked.borrow_mut();
        for path in paths {
            match asked.iter().position(|(p, _)| p == path) {
                Some(at) => changed.extend(asked.swap_remove(at).1.answer().unwrap_or_default()),
                None => unasked.push(path.clone()),
            }
        }
        if !unasked.is_empty() {
            changed.extend(git::changed(&self.ctx.ws.root, &unasked).unwrap_or_default());
        }
        changed
    }

    /// Opens a TOML file for editing (an empty document when it is new).
    pub fn toml(&self, file: &FileRef) -> Result<TomlDoc> {
        TomlDoc::parse(file, &self.text(file)?.unwrap_or_default())
    }

    /// Reads and parses a file as this change sees it.
    pub fn load<T: TomlFile + Default>(&self, file: &FileRef) -> Result<T> {
        match self.text(file)? {
            Some(text) => T::parse(file, &text),
            None => Ok(T::default()),
        }
    }

    /// Stages an edited TOML document after checking that the result still
    /// reads as a `T`, so pulse never writes a file it could not read back.
    pub fn put_toml<T: TomlFile>(&mut self, file: &FileRef, doc: &TomlDoc) -> Result<()> {
        self.put_checked::<T>(file, doc.to_text())
    }

    /// Opens the item `id` of a list file for editing (see [`TomlItem`]).
    pub fn toml_item<T: ListFile>(&self, file: &FileRef, id: &str) -> Result<TomlItem> {
        TomlItem::parse(file, &self.text(file)?.unwrap_or_default(), T::KEY, id)
    }

    /// Stages an edited item, as [`Change::put_toml`] stages a document.
    pub fn put_item<T: ListFile>(&mut self, file: &FileRef, item: &TomlItem) -> Result<()> {
        self.put_checked::<T>(file, item.to_text())
    }

    fn put_checked<T: TomlFile>(&mut self, file: &FileRef, text: String) -> Result<()> {
        T::parse(file, &text)?;
        self.put_text(file, text);
        Ok(())
    }

    /// Marks a file as one about people (`people.toml`, `people/`): pulse
    /// never commits it to the company's repository; where `[privacy]
    /// people_dir` keeps it in a repository of its own, it is committed
    /// there.
    pub fn people(&mut self, file: &FileRef, home: &PeopleHome) {
        self.people.push(file.path.clone());
        self.people_home = Some(home.clone());
    }

    /// Adds one item at the end of its list file, checking that the file
    /// still reads as a `F` (the list it belongs to).
    /// Only the list's last table is parsed for it: appending to 100,000
    /// to-dos does not hold the whole file as an editable document.
    pub fn append<F: TomlFile, T: ToToml>(&mut self, file: &FileRef, item: &T) -> Result<()> {
        let text = self.text(file)?.unwrap_or_default();
        let mut end = TomlItem::parse_end(file, &text, T::KEY)?;
        end.append(item.to_toml());
        self.put_checked::<F>(file, end.to_text())
    }

    pub fn put_text(&mut self, file: &FileRef, text: String) {
        match self.pending.iter_mut().find(|(f, _)| f.path == file.path) {
            Some(entry) => entry.1 = Rc::new(text),
            None => self.pending.push((file.clone(), Rc::new(text))),
        }
    }

    /// Stages the removal of a file (removed by `finish` once every other
    /// file of the change is written, committed with the rest).
    pub fn delete(&mut self, file: &FileRef) {
        self.pending.retain(|(f, _)| f.path != file.path);
        self.deleted.push(file.clone());
    }

    /// Writes every staged file that changed — all of them or none — then
    /// removes the files staged for removal and commits exactly those files.
    /// Before anything is written, git is asked about them: a file this
    /// change read as missing while git tracks it (deleted by hand) stops the
    /// change, and a file that already held changes pulse did not make is
    /// written but not committed, so that a commit never carries what its
    /// message does not say.
    pub fn finish(self, message: &str) -> Result<Outcome> {
        let mut outcome = Outcome::default();
        let mut staged: Vec<(&FileRef, &Text, Option<Text>)> = Vec::new();
        for (file, text) in &self.pending {
            let original = self.original(file)?;
            if original.as_ref() == Some(text) {
                continue;
            }
            files::check_writable(file)?;
            staged.push((file, text, original));
        }
        let removals: Vec<&FileRef> = self
            .deleted
            .iter()
            .filter(|f| std::fs::symlink_metadata(&f.path).is_ok())
            .collect();
        if staged.is_empty() && removals.is_empty() {
            return Ok(outcome);
        }
        let root = &self.ctx.ws.root;
        let paths: Vec<PathBuf> = staged.iter().map(|(f, _, _)| f.path.clone()).collect();
        // Files about people may live in another repository: git is asked
        // about the company's own.
        let company_paths: Vec<PathBuf> = paths
            .iter()
            .filter(|p| !self.people.contains(p))
            .cloned()
            .collect();
        let asks_git = self.git_dir.is_some()
            && (self.ctx.commit || staged.iter().any(|(_, _, original)| original.is_none()));
        let changed = if asks_git {
            self.git_status(&company_paths)
        } else {
            Vec::new()
        };
        let foreign = judge(
            staged
                .iter()
                .map(|(file, _, original)| (*file, original.is_none())),
            |file| {
                changed
                    .iter()
                    .find(|c| is_path_of(&c.path, file))
                    .map(git::Changed::deleted)
            },
        )?;
        // The same two questions of people files kept in people_dir's own
        // repository, where pulse commits them.
        let people_foreign = self.people_repo_status(&staged)?;

        let writes: Vec<atomic::Staged> = staged
            .iter()
            .map(|(file, text, original)| atomic::Staged {
                path: &file.path,
                contents: text.as_bytes(),
                before: original.as_ref().map(|t| t.as_bytes()),
            })
            .collect();
        atomic::write_all(&writes)?;
        self.sweep(&paths);
        outcome.files = staged.iter().map(|(f, _, _)| f.display.clone()).collect();
        let mut written = paths;
        for file in removals {
            std::fs::remove_file(&file.path).map_err(|e| Error::io("remove", &file.path, &e))?;
            outcome.files.push(file.display.clone());
            written.push(file.path.clone());
        }
        self.remove_emptied_folders();
        if !self.ctx.commit {
            return Ok(outcome);
        }
        let (people, written): (Vec<PathBuf>, Vec<PathBuf>) =
            written.into_iter().partition(|p| self.people.contains(p));
        if !people.is_empty() {
            if people_foreign.is_empty() {
                self.commit_people(&people, message, &mut outcome);
            } else if let Some(home) = &self.people_home {
                let quoted: Vec<String> = people_foreign.iter().map(|f| quote(f)).collect();
                outcome.warning = Some(format!(
                    "the change was written but not committed in {}: {} already held changes pulse did not make, and a commit would have carried them under this command's message\nhint: look at them with `git -C {} diff -- {}`, then commit them yourself",
                    home.shown,
                    people_foreign.join(", "),
                    quote(&home.dir.display().to_string()),
                    quoted.join(" ")
                ));
            }
        }
        if written.is_empty() || self.git_dir.is_none() {
            return Ok(outcome);
        }
        if !foreign.is_empty() {
            let names: Vec<String> = foreign.iter().map(|f| f.display.clone()).collect();
            let quoted: Vec<String> = foreign.iter().map(|f| quote(&f.display)).collect();
            outcome.warning = Some(format!(
                "the change was written but not committed: {} already held changes pulse did not make (a hand edit, or an earlier command's), and a commit would have carried them under this command's message\nhint: look at them with `git diff -- {}`, then commit the files yourself: {}",
                names.join(", "),
                quoted.join(" "),
                git::manual_commit(root, &written, message)
            ));
            return Ok(outcome);
        }
        match git::commit_paths(root, &written, message) {
            Ok(()) => outcome.committed = true,
            Err(e) => outcome.warning = Some(not_committed("the change", &e)),
        }
        Ok(outcome)
    }

    /// The folders that the removed files leave empty go too, up to the
    /// company's folder, before the commit: a pre-commit `pulse check`
    /// would otherwise see a team folder without its `team.toml`.
    fn remove_emptied_folders(&self) {
        let root = &self.ctx.ws.root;
        for file in &self.deleted {
            for dir in file.path.ancestors().skip(1) {
                // `remove_dir` takes an empty folder only.
                if dir == root.as_path()
                    || !dir.starts_with(root)
                    || std::fs::remove_dir(dir).is_err()
                {
                    break;
                }
            }
        }
    }

    /// Removes the temporary files a killed pulse left beside the files
    /// this change wrote, and in the company's folders (under the lock,
    /// no other pulse is writing one).
    fn sweep(&self, written: &[PathBuf]) {
        let ws = &self.ctx.ws;
        let mut dirs: Vec<&Path> = vec![ws.root.as_path(), ws.data.as_path(), ws.team.as_path()];
        dirs.extend(written.iter().filter_map(|p| p.parent()));
        dirs.sort();
        dirs.dedup();
        for dir in dirs {
            atomic::sweep_leftovers(dir);
        }
    }

    /// Files about people: committed in `people_dir`'s own repository when
    /// there is one; else written only, the note saying why.
    /// For people files in `[privacy] people_dir`'s repository: a file
    /// missing there while that repository tracks it stops the change (as
    /// for the company's files); the files that already held changes pulse
    /// did not make are returned (relative to that repository), so that
    /// they are written but not committed.
    fn people_repo_status(
        &self,
        staged: &[(&FileRef, &Text, Option<Text>)],
    ) -> Result<Vec<String>> {
        let Some(home) = self.people_home.as_ref().filter(|h| h.external) else {
            return Ok(Vec::new());
        };
        let people: Vec<(&FileRef, bool)> = staged
            .iter()
            .filter(|(file, _, _)| self.people.contains(&file.path))
            .map(|(file, _, original)| (*file, original.is_none()))
            .collect();
        if people.is_empty() || !self.ctx.commit || git::find_git_dir(&home.dir).is_none() {
            return Ok(Vec::new());
        }
        let paths: Vec<PathBuf> = people.iter().map(|(f, _)| f.path.clone()).collect();
        let changed = git::changed(&home.dir, &paths).unwrap_or_default();
        let rel = |file: &FileRef| {
            file.path
                .strip_prefix(&home.dir)
                .unwrap_or(&file.path)
                .to_string_lossy()
                .replace('\\', "/")
        };
        let foreign = judge(people.iter().copied(), |file| {
            let rel = rel(file);
            changed
                .iter()
                .find(|c| c.path == rel || c.path.ends_with(&format!("/{rel}")))
                .map(git::Changed::deleted)
        })?;
        Ok(foreign.into_iter().map(rel).collect())
    }

    fn commit_people(&self, paths: &[PathBuf], message: &str, outcome: &mut Outcome) {
        let Some(home) = &self.people_home else {
            return;
        };
        let shown: Vec<String> = paths.iter().map(|p| home.file_at(p).display).collect();
        if !home.external {
            let root = &self.ctx.ws.root;
            for (path, shown) in paths.iter().zip(shown) {
                if self.git_dir.is_some() && git::is_ignored(root, path) {
                    outcome.ignored.push(shown);
                } else {
                    outcome.private.push(shown);
                }
            }
            return;
        }
        if git::find_git_dir(&home.dir).is_none() {
            outcome.private.extend(shown);
            return;
        }
        match git::commit_paths(&home.dir, paths, message) {
            Ok(()) => outcome.people_committed.extend(shown),
            Err(e) => {
                outcome.warning = Some(not_committed(&format!("the change in {}", home.shown), &e))
            }
        }
    }
}

/// The files of a change judged by what `git status` says of each
/// (`status`: changed, and whether deleted; `None` when unchanged), given
/// whether this change read it as missing: one missing
/// while git tracks it (deleted by hand) is an error; those that already
/// held changes pulse did not make are returned, to be written but not
/// committed.
fn judge<'f>(
    files: impl Iterator<Item = (&'f FileRef, bool)>,
    status: impl Fn(&FileRef) -> Option<bool>,
) -> Result<Vec<&'f FileRef>> {
    let mut deleted = Vec::new();
    let mut foreign = Vec::new();
    for (file, missing) in files {
        match status(file) {
            Some(true) if missing => deleted.push(file),
            Some(_) => foreign.push(file),
            None => {}
        }
    }
    if deleted.is_empty() {
        Ok(foreign)
    } else {
        Err(missing_but_tracked(&deleted))
    }
}

/// Whether git's path (relative to the top of the work tree) is `file`'s
/// (relative to the company folder, which is at or below the top).
pub fn is_path_of(git_path: &str, file: &FileRef) -> bool {
    git_path == file.display
        || git_path
            .strip_suffix(file.display.as_str())
            .is_some_and(|prefix| prefix.ends_with('/'))
}

/// The error for company files that are gone from the work tree while git
/// still has them: read as empty, they would be committed as the loss of
/// everything in them.
pub fn missing_but_tracked(files: &[&FileRef]) -> Error {
    let names: Vec<String> = files.iter().map(|f| f.display.clone()).collect();
    let quoted: Vec<String> = files.iter().map(|f| quote(&f.display)).collect();
    Error::broken(format!(
        "{} {} missing, but git still tracks {}: pulse will not read {} as empty",
        names.join(", "),
        if files.len() == 1 { "is" } else { "are" },
        if files.len() == 1 { "it" } else { "them" },
        if files.len() == 1 { "it" } else { "them" },
    ))
    .with_hint(format!(
        "bring back the committed version with `git checkout -- {}` (or commit the deletion with `git rm -- {}` if you meant it)",
        quoted.join(" "),
        quoted.join(" ")
    ))
}

/// The warning for files written that git would not commit: git's words,
/// then each hint on a line of its own.
pub fn not_committed(what: &str, e: &crate::error::Error) -> String {
    let hints: String = e.hints.iter().map(|h| format!("\nhint: {h}")).collect();
    format!(
        "{what} was written but not committed: {}{hints}",
        e.message.replace('\n', "\n  ")
    )
}
