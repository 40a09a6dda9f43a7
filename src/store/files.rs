//! Reading company files as text, with errors that name the file.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// A company file: its absolute path and the name shown to people (relative
/// to the folder of `company.toml`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FileRef {
    pub path: PathBuf,
    pub display: String,
}

impl FileRef {
    pub fn new(root: &Path, path: PathBuf) -> FileRef {
        let display = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        FileRef { path, display }
    }
}

/// The UTF-8 byte order mark some editors put at the start of a file.
pub const BOM: &str = "\u{feff}";

/// Reads a file as UTF-8 text; `None` when it does not exist. A byte order
/// mark is kept in the text: callers that parse use [`without_bom`].
pub fn read_text(file: &FileRef) -> Result<Option<String>> {
    match std::fs::read(&file.path) {
        Ok(bytes) => String::from_utf8(bytes).map(Some).map_err(|e| {
            let offset = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
            Error::broken(format!(
                "{}:{line}: the file is not valid UTF-8 text (byte {offset}); save it as UTF-8",
                file.display
            ))
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::unreadable(&file.path, &e)),
    }
}

pub fn without_bom(text: &str) -> &str {
    text.strip_prefix(BOM).unwrap_or(text)
}

/// The files of a folder with the given extension, sorted by name.
pub fn list_dir(dir: &Path, extension: &str) -> Result<Vec<PathBuf>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::unreadable(dir, &e)),
    };
    // The entry's own type, from the folder listing: no stat per file (a
    // ten-year company has 500 meetings); a symbolic link is followed.
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok())
        .filter(|e| {
            e.path().extension().is_some_and(|x| x == extension)
                && e.file_type()
                    .is_ok_and(|t| t.is_file() || (t.is_symlink() && e.path().is_file()))
        })
        .map(|e| e.path())
        .collect();
    // One folder: the names' bytes order them (a Path compares by
    // components, many times slower on 500 meeting files).
    files.sort_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    Ok(files)
}

/// Every file below `dir`, at any depth, sorted (a team's folder, to remove
/// it). Links are not followed.
pub fn list_dir_all(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = match std::fs::read_dir(&d) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(Error::unreadable(&d, &e)),
        };
        for entry in entries.filter_map(|e| e.ok()) {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                stack.push(entry.path());
            } else if kind.is_file() {
                files.push(entry.path());
            }
        }
    }
    files.sort();
    Ok(files)
}
