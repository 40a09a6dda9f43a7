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

/// How a file's text is laid out around its content: a byte order mark,
/// CRLF line ends, a final newline. Read from a file's text and put back on
/// new text (toml_edit writes LF and always ends with a newline), so that
/// pulse's edits and merges keep the file as its author's editor wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextLayout {
    pub bom: bool,
    /// Every line ends in CRLF. (A file with mixed line ends counts as LF:
    /// its lines are written back as they came, new ones with LF.)
    pub crlf: bool,
    /// The text ended without a newline.
    pub no_final_newline: bool,
}

impl TextLayout {
    pub fn of(text: &str) -> TextLayout {
        let body = without_bom(text);
        TextLayout {
            bom: text.starts_with(BOM),
            crlf: body.contains("\r\n")
                && body.matches('\n').count() == body.matches("\r\n").count(),
            no_final_newline: !body.is_empty() && !body.ends_with('\n'),
        }
    }

    /// The text without its byte order mark, with LF line ends when every
    /// line ended in CRLF.
    pub fn body<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        let body = without_bom(text);
        if self.crlf {
            body.replace("\r\n", "\n").into()
        } else {
            body.into()
        }
    }

    /// `body` (LF line ends, or the file's own) laid out as the file was.
    pub fn apply(&self, body: &str) -> String {
        let mut body = if self.crlf {
            body.replace("\r\n", "\n").replace('\n', "\r\n")
        } else {
            body.to_string()
        };
        if self.no_final_newline && body.ends_with('\n') {
            body.pop();
            if body.ends_with('\r') {
                body.pop();
            }
        }
        if self.bom {
            body.insert_str(0, BOM);
        }
        body
    }
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
