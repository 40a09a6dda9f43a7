//! Atomic writes: a temporary file in the same folder, renamed over the old
//! one, so a reader or a crashed pulse never leaves half a file. The file's
//! permissions are kept.
//!
//! There is no fsync, as in git (whose commit of the file follows at once,
//! unsynced) and cargo: the rename is what makes a write all-or-nothing for
//! a process that dies; on a power cut, ext4 and btrfs see the replace-by-
//! rename and write the new data before the rename. A flush to the disk
//! was a third of pulse's own time in `pulse todo add`.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// One file of a change: where it goes, what it will hold, and what it held
/// before (`None`: it did not exist), to put back if the change cannot
/// complete.
pub struct Staged<'a> {
    pub path: &'a Path,
    pub contents: &'a [u8],
    pub before: Option<&'a [u8]>,
}

/// A temporary file written next to its target, not yet renamed over it.
struct Prepared<'a> {
    staged: &'a Staged<'a>,
    temp: tempfile::NamedTempFile,
}

pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    write_all(&[Staged {
        path,
        contents,
        before: None,
    }])
    .map(|_| ())
}

/// Writes every file of a change or none: first a temporary file beside
/// each target (a folder that cannot be written stops the change here,
/// before any file is replaced), then the renames. Should a rename still
/// fail, the files already renamed get their old text back.
pub fn write_all(files: &[Staged]) -> Result<()> {
    let mut created: Vec<PathBuf> = Vec::new();
    let mut prepared: Vec<Prepared> = Vec::with_capacity(files.len());
    for staged in files {
        match prepare(staged, &mut created) {
            Ok(temp) => prepared.push(Prepared { staged, temp }),
            Err(e) => {
                // Dropping the temporaries deletes them.
                drop(prepared);
                remove_created(&created);
                return Err(e);
            }
        }
    }
    crash_here_if_asked("before-rename");
    let mut done: Vec<&Staged> = Vec::with_capacity(prepared.len());
    let mut rest = prepared.into_iter();
    for Prepared { staged, temp } in rest.by_ref() {
        if let Err(e) = temp.persist(staged.path) {
            let error = Error::io("write", staged.path, &e.error);
            drop(rest);
            let undone = undo(&done);
            return Err(if undone {
                error.with_hint("no file of the change was left changed")
            } else {
                error.with_hint(
                    "some files of the change were written and could not be put back: see `git status`",
                )
            });
        }
        done.push(staged);
        crash_here_if_asked("between-renames");
    }
    Ok(())
}

/// The temporary file for one target, written and given the target's
/// permissions; the folders it needs are made (and remembered in `created`).
fn prepare(staged: &Staged, created: &mut Vec<PathBuf>) -> Result<tempfile::NamedTempFile> {
    let path = staged.path;
    let fail = |e: std::io::Error| Error::io("write", path, &e);
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let missing: Vec<PathBuf> = dir
        .ancestors()
        .take_while(|d| !d.as_os_str().is_empty() && std::fs::symlink_metadata(d).is_err())
        .map(Path::to_path_buf)
        .collect();
    std::fs::create_dir_all(dir).map_err(|e| Error::io("create folder", dir, &e))?;
    created.extend(missing);
    let name = path
        .file_name()
        .map_or_else(|| "file".to_string(), |n| n.to_string_lossy().into_owned());
    let existing = std::fs::metadata(path).ok().map(|m| m.permissions());
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix("");
    // A new file gets the usual permissions (0666 less the umask), not the
    // 0600 of a temporary file.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut temp = builder.tempfile_in(dir).map_err(fail)?;
    temp.write_all(staged.contents).map_err(fail)?;
    if let Some(permissions) = existing {
        temp.as_file().set_permissions(permissions).map_err(fail)?;
    }
    Ok(temp)
}

/// Removes the folders a failed change made (innermost first), when empty.
fn remove_created(created: &[PathBuf]) {
    // The deepest first: a folder goes once the folders in it have.
    let mut deepest_first: Vec<&PathBuf> = created.iter().collect();
    deepest_first.sort_by_key(|dir| std::cmp::Reverse(dir.components().count()));
    for dir in deepest_first {
        let _ = std::fs::remove_dir(dir);
    }
}

/// Puts back the files a failed change already renamed; true when all were.
fn undo(done: &[&Staged]) -> bool {
    let mut all = true;
    for staged in done.iter().rev() {
        let put_back = match staged.before {
            Some(before) => write_atomic(staged.path, before).is_ok(),
            None => std::fs::remove_file(staged.path).is_ok(),
        };
        all &= put_back;
    }
    all
}

/// Whether `name` is a temporary file pulse's write of a company file left
/// behind (`.todos.toml.Ab3xYz`): a dot, a company file's name, a dot and
/// six letters or digits.
pub fn is_leftover(name: &str) -> bool {
    let Some(rest) = name.strip_prefix('.') else {
        return false;
    };
    let Some((target, random)) = rest.rsplit_once('.') else {
        return false;
    };
    random.len() == 6
        && random.chars().all(|c| c.is_ascii_alphanumeric())
        && (target.ends_with(".toml")
            || target.ends_with(".csv")
            || target.ends_with(".md")
            || target == ".gitattributes"
            || target == ".gitignore")
        && target.len() > 3
}

/// Removes, from `dir`, the temporary files a killed pulse left (see
/// [`is_leftover`]). Called under the write lock, when no other pulse can
/// be writing one.
pub fn sweep_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(|e| e.ok()) {
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && entry.file_name().to_str().is_some_and(is_leftover) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Fault injection for the tests: `PULSE_FAULT=before-rename` ends the
/// process between the temporary files and the renames, as a power cut or a
/// `kill -9` would (no destructor runs, the lock file stays behind);
/// `between-renames` ends it after the first rename.
fn crash_here_if_asked(point: &str) {
    if std::env::var_os("PULSE_FAULT").is_some_and(|v| v == point) {
        std::process::exit(137);
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn replaces_the_text_and_keeps_the_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("todos.toml");
        write_atomic(&path, b"new\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new\n");
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        // What any new file gets (0666 less the umask), not the 0600 of a
        // temporary file.
        let plain = dir.path().join("plain");
        std::fs::write(&plain, "").unwrap();
        assert_eq!(mode(&path), mode(&plain));
        std::fs::remove_file(&plain).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, b"newer\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "newer\n");
        assert_eq!(mode(&path), 0o640);
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left");
    }

    #[test]
    fn a_change_that_cannot_write_one_file_writes_none() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.toml");
        std::fs::write(&a, "old\n").unwrap();
        // `b.toml` cannot be written: its "folder" is a file.
        std::fs::write(dir.path().join("blocker"), "").unwrap();
        let b = dir.path().join("blocker/b.toml");
        let err = write_all(&[
            Staged {
                path: &a,
                contents: b"new\n",
                before: Some(b"old\n"),
            },
            Staged {
                path: &b,
                contents: b"x\n",
                before: None,
            },
        ]);
        assert!(err.is_err());
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "old\n");
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names.len(), 2, "no temporary file is left: {names:?}");
    }

    /// Found in review: `a/b` was tried before `a/b/c` and stayed.
    #[test]
    fn a_failed_change_leaves_no_folder_it_made() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("blocker"), "").unwrap();
        let (x, y, z) = (
            dir.path().join("a/b/x.toml"),
            dir.path().join("a/b/c/y.toml"),
            dir.path().join("blocker/z.toml"),
        );
        let staged = |path| Staged {
            path,
            contents: b"x\n",
            before: None,
        };
        assert!(write_all(&[staged(&x), staged(&y), staged(&z)]).is_err());
        assert!(!dir.path().join("a").exists(), "the folders made are gone");
    }

    #[test]
    fn a_failed_rename_puts_back_the_files_already_renamed() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.toml");
        std::fs::write(&a, "old\n").unwrap();
        let new = dir.path().join("new.toml");
        // A folder where `b.toml` should go: its temporary file is made, the
        // rename over the folder fails.
        let b = dir.path().join("b.toml");
        std::fs::create_dir(&b).unwrap();
        std::fs::write(b.join("inside"), "").unwrap();
        let err = write_all(&[
            Staged {
                path: &a,
                contents: b"new\n",
                before: Some(b"old\n"),
            },
            Staged {
                path: &new,
                contents: b"fresh\n",
                before: None,
            },
            Staged {
                path: &b,
                contents: b"x\n",
                before: None,
            },
        ])
        .unwrap_err();
        assert!(err.hints[0].contains("no file"), "{:?}", err.hints);
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "old\n");
        assert!(!new.exists());
    }

    #[test]
    fn leftovers_are_pulse_temporaries_only() {
        assert!(is_leftover(".todos.toml.Ab3xYz"));
        assert!(is_leftover(".scorecard.csv.000000"));
        assert!(is_leftover("..gitattributes.abcdef"));
        assert!(!is_leftover(".todos.toml.Ab3xY"));
        assert!(!is_leftover(".bashrc.abcdef"));
        assert!(!is_leftover("todos.toml.abcdef"));
        assert!(!is_leftover(".todos.toml.ab-xyz"));
    }
}
