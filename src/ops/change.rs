//! A change to the company: taken under the write lock, staged in memory,
//! validated, then written atomically and committed to git in one go. A
//! command that fails before `finish` writes nothing, and none begins while
//! git is in the middle of a merge or a rebase.

use super::Ctx;
use crate::error::{Error, Result};
use crate::git;
use crate::store::edit::TomlDoc;
use crate::store::files::read_text;
use crate::store::lock::Lock;
use crate::store::parse::parse_toml;
use crate::store::to_toml::ToToml;
use crate::store::{FileRef, PeopleHome, atomic};
use serde::de::DeserializeOwned;
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
    Lock::acquire(&lock_path)
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
        Ok(Change {
            ctx,
            git_dir,
            pending: Vec::new(),
            people: Vec::new(),
            people_home: None,
            deleted: Vec::new(),
            originals: Default::default(),
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
        Ok(text)
    }

    /// Opens a TOML file for editing (an empty document when it is new).
    pub fn toml(&self, file: &FileRef) -> Result<TomlDoc> {
        TomlDoc::parse(file, &self.text(file)?.unwrap_or_default())
    }

    /// Reads and parses a file as this change sees it.
    pub fn load<T: DeserializeOwned + Default>(&self, file: &FileRef) -> Result<T> {
        match self.text(file)? {
            Some(text) => parse_toml(file, &text),
            None => Ok(T::default()),
        }
    }

    /// Stages an edited TOML document after checking that the result still
    /// reads as a `T`, so pulse never writes a file it could not read back.
    pub fn put_toml<T: DeserializeOwned>(&mut self, file: &FileRef, doc: &TomlDoc) -> Result<()> {
        let text = doc.to_text();
        parse_toml::<T>(file, &text)?;
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
    pub fn append<F: DeserializeOwned, T: ToToml>(
        &mut self,
        file: &FileRef,
        item: &T,
    ) -> Result<()> {
        let mut doc = self.toml(file)?;
        doc.append(T::KEY, item.to_toml());
        self.put_toml::<F>(file, &doc)
    }

    pub fn put_text(&mut self, file: &FileRef, text: String) {
        match self.pending.iter_mut().find(|(f, _)| f.path == file.path) {
            Some(entry) => entry.1 = Rc::new(text),
            None => self.pending.push((file.clone(), Rc::new(text))),
        }
    }

    /// Stages the removal of a file (written out by `finish`, committed
    /// with the rest).
    pub fn delete(&mut self, file: &FileRef) {
        self.pending.retain(|(f, _)| f.path != file.path);
        self.deleted.push(file.clone());
    }

    /// Writes every staged file atomically, then commits exactly those files.
    pub fn finish(self, message: &str) -> Result<Outcome> {
        let mut outcome = Outcome::default();
        let mut written: Vec<PathBuf> = Vec::new();
        for file in &self.deleted {
            match std::fs::remove_file(&file.path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(crate::error::Error::io("remove", &file.path, &e)),
            }
            outcome.files.push(file.display.clone());
            written.push(file.path.clone());
        }
        for (file, text) in &self.pending {
            if self.original(file)?.as_ref() == Some(text) {
                continue;
            }
            atomic::write_atomic(&file.path, text.as_bytes())?;
            outcome.files.push(file.display.clone());
            written.push(file.path.clone());
        }
        if written.is_empty() || !self.ctx.commit {
            return Ok(outcome);
        }
        let (people, written): (Vec<PathBuf>, Vec<PathBuf>) =
            written.into_iter().partition(|p| self.people.contains(p));
        if !people.is_empty() {
            self.commit_people(&people, message, &mut outcome);
        }
        if written.is_empty() || self.git_dir.is_none() {
            return Ok(outcome);
        }
        match git::commit_paths(&self.ctx.ws.root, &written, message) {
            Ok(()) => outcome.committed = true,
            Err(e) => {
                outcome.warning = Some(format!(
                    "the change was written but not committed: {}\nhint: {}",
                    e.reason.replace('\n', "\n  "),
                    e.fix
                ))
            }
        }
        Ok(outcome)
    }

    /// Files about people: committed in `people_dir`'s own repository when
    /// there is one; else written only, the note saying why.
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
                outcome.warning = Some(format!(
                    "the change was written but not committed in {}: {}\nhint: {}",
                    home.shown,
                    e.reason.replace('\n', "\n  "),
                    e.fix
                ))
            }
        }
    }
}
