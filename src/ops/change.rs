//! A change to the company: taken under the write lock, staged in memory,
//! validated, then written atomically and committed to git in one go. A
//! command that fails before `finish` writes nothing, and none begins while
//! git is in the middle of a merge or a rebase.

use super::Ctx;
use crate::error::{Error, Result};
use crate::git;
use crate::store::edit::{TomlDoc, append_text};
use crate::store::files::read_text;
use crate::store::lock::Lock;
use crate::store::parse::{ListFile, parse_toml};
use crate::store::parse_cache::ParseCache;
use crate::store::{FileRef, atomic};
use serde::Serialize;
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
    /// Files committed only when git does not ignore them (people.toml).
    private: Vec<PathBuf>,
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
            private: Vec::new(),
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

    /// Marks a file as private: when `.gitignore` covers it, it is written
    /// but left out of the commit.
    pub fn private(&mut self, file: &FileRef) {
        self.private.push(file.path.clone());
    }

    /// A long list file (issues, to-dos) as this change sees it: from the
    /// parse cache when this very text was parsed before, else parsed.
    pub fn load_list_cached<T: ListFile + Default + Serialize>(&self, file: &FileRef) -> Result<T> {
        match self.text(file)? {
            Some(text) => crate::store::load::cached_list(&self.ctx.ws, file, &text),
            None => Ok(T::default()),
        }
    }

    /// The ids in use in a long list file: from the parse cache when this
    /// very text was parsed before (the items themselves are not built),
    /// else from a parse, which is returned too.
    pub fn list_ids<T: ListFile + Default + Serialize>(
        &self,
        file: &FileRef,
    ) -> Result<(Vec<String>, Option<T>)> {
        let text = self.text(file)?.unwrap_or_default();
        let cache = ParseCache::new(self.git_dir.as_deref());
        if let Some(ids) = cache.get_ids::<T>(&file.display, &text) {
            return Ok((ids, None));
        }
        let list: T = self.load_list_cached(file)?;
        let ids = list.items().iter().map(|i| T::id(i).to_string()).collect();
        Ok((ids, Some(list)))
    }

    /// Remembers what a list file parses to as this change leaves it, so the
    /// next command finds it in the parse cache: `item` appended to the text
    /// `before` (as it was loaded), else `list()` when it can give the whole
    /// list.
    pub fn remember_appended<T: ListFile + Serialize>(
        &self,
        file: &FileRef,
        before: &str,
        list: impl FnOnce() -> Option<T>,
        item: &T::Item,
    ) -> Result<()> {
        if let Some(text) = self.text(file)? {
            let cache = ParseCache::new(self.git_dir.as_deref());
            if !cache.append_item::<T>(&file.display, before, &text, item)
                && let Some(list) = list()
            {
                cache.put_list(&file.display, &text, &list);
            }
        }
        Ok(())
    }

    /// Adds one `[[key]]` table to a list file. When the file ends with
    /// that list the table is appended to its text (the file itself was
    /// parsed by `load_list_cached`, and the new table is checked on its own);
    /// otherwise the file goes through toml_edit and is checked whole.
    pub fn append_table<T: DeserializeOwned>(
        &mut self,
        file: &FileRef,
        key: &str,
        table: toml_edit::Table,
    ) -> Result<()> {
        let text = self.text(file)?.unwrap_or_default();
        if let Some(appended) = append_text(&text, key, &table) {
            let mut alone = toml_edit::DocumentMut::new();
            let mut array = toml_edit::ArrayOfTables::new();
            array.push(table);
            alone.insert(key, toml_edit::Item::ArrayOfTables(array));
            parse_toml::<T>(file, &alone.to_string())?;
            self.put_text(file, appended);
            return Ok(());
        }
        let mut doc = TomlDoc::parse(file, &text)?;
        doc.append(key, table);
        self.put_toml::<T>(file, &doc)
    }

    pub fn put_text(&mut self, file: &FileRef, text: String) {
        match self.pending.iter_mut().find(|(f, _)| f.path == file.path) {
            Some(entry) => entry.1 = Rc::new(text),
            None => self.pending.push((file.clone(), Rc::new(text))),
        }
    }

    /// Writes every staged file atomically, then commits exactly those files.
    pub fn finish(self, message: &str) -> Result<Outcome> {
        let mut outcome = Outcome::default();
        let mut written: Vec<PathBuf> = Vec::new();
        for (file, text) in &self.pending {
            if self.original(file)?.as_ref() == Some(text) {
                continue;
            }
            atomic::write_atomic(&file.path, text.as_bytes())?;
            outcome.files.push(file.display.clone());
            written.push(file.path.clone());
        }
        if written.is_empty() || !self.ctx.commit || self.git_dir.is_none() {
            return Ok(outcome);
        }
        let root = &self.ctx.ws.root;
        written.retain(|path| {
            let ignored = self.private.contains(path) && git::is_ignored(root, path);
            if ignored {
                outcome
                    .ignored
                    .push(FileRef::new(root, path.clone()).display);
            }
            !ignored
        });
        if written.is_empty() {
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
}
