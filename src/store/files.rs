//! Reading company files as text, with errors that name the file.

use crate::error::{Error, Result};
use std::collections::HashSet;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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

/// The most pulse reads from one file: 64 MiB, far above any real company
/// (a ten-year to-do list is under a megabyte; 100,000 to-dos in one file
/// are 12.5 MB). A file past it is a mistake, or a trap (`/dev/zero`).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

impl FileRef {
    /// How many components of the path lie inside the company folder: the
    /// ones pulse must not follow as links (none for the folder itself). A
    /// path outside it (never a company file) has only its own name checked.
    fn depth_inside(&self) -> usize {
        let shown = Path::new(&self.display);
        if shown.is_absolute() {
            1
        } else {
            shown.components().count()
        }
    }
}

/// A company path that is a symbolic link: never read, never replaced
/// (SPEC §1). `shown` names it relative to the company folder.
fn link_error(shown: &str) -> Error {
    Error::broken(format!(
        "{shown} is a symbolic link: pulse follows no link inside the company folder, for reading or writing"
    ))
    .with_hint(format!(
        "put the real file or folder at {} (a link could make pulse read or replace a file outside the company)",
        crate::escape::escape(shown)
    ))
}

/// What is at `file`, checked from the company folder down: no folder on
/// the way and not the file itself is a symbolic link (the company folder
/// itself may be reached through one). `None` when nothing is there. The
/// metadata is the file's own (`lstat`), so a link is never followed.
pub fn inspect(file: &FileRef) -> Result<Option<std::fs::Metadata>> {
    let depth = file.depth_inside();
    if depth == 0 {
        // The company folder itself, which may be reached through a link.
        return match std::fs::metadata(&file.path) {
            Ok(meta) => Ok(Some(meta)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::unreadable(&file.path, &e)),
        };
    }
    let components: Vec<&str> = file.display.split('/').collect();
    // The outermost link is the one to name: `rocks`, not `rocks/2026-Q4.toml`.
    for up in (0..depth).rev() {
        let Some(path) = file.path.ancestors().nth(up) else {
            continue;
        };
        if up > 0 && is_known_folder(path) {
            continue;
        }
        let meta = match std::fs::symlink_metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::unreadable(path, &e)),
        };
        if meta.file_type().is_symlink() {
            let shown = if depth == components.len() {
                components[..depth - up].join("/")
            } else {
                file.display.clone()
            };
            return Err(link_error(&shown));
        }
        if up == 0 {
            return Ok(Some(meta));
        }
        if meta.is_dir() {
            know_folder(path);
        }
    }
    Ok(None)
}

/// The folders inside the company that this run has found to be real
/// folders, not links: `teams/sales/meetings` is looked at once, not once
/// for each file read below it. Forgotten when a change begins and before
/// every write ([`forget_folders`]).
static KNOWN_FOLDERS: std::sync::LazyLock<Mutex<HashSet<OsString>>> =
    std::sync::LazyLock::new(Default::default);

fn is_known_folder(path: &Path) -> bool {
    KNOWN_FOLDERS
        .lock()
        .is_ok_and(|known| known.contains(path.as_os_str()))
}

/// Forgets the folders found so far: a change looks at them anew (a pull
/// in another terminal may have replaced one with a link since).
pub fn forget_folders() {
    if let Ok(mut known) = KNOWN_FOLDERS.lock() {
        known.clear();
    }
}

fn know_folder(path: &Path) {
    if let Ok(mut known) = KNOWN_FOLDERS.lock() {
        known.insert(path.as_os_str().to_owned());
    }
}

/// The metadata of a company file that exists and is a regular file (not a
/// folder, a FIFO, a device), checked as [`inspect`] does.
fn regular(file: &FileRef) -> Result<Option<std::fs::Metadata>> {
    let Some(meta) = inspect(file)? else {
        return Ok(None);
    };
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "a folder"
        } else {
            "a FIFO, a socket or a device"
        };
        return Err(Error::broken(format!(
            "cannot read {}: it is {what}, and a company file must be a regular file",
            file.display
        )));
    }
    Ok(Some(meta))
}

/// The error for a file larger than pulse reads.
fn too_big(shown: &str, size: u64) -> Error {
    Error::broken(format!(
        "{shown} is {:.1} MiB: pulse reads at most {} MiB from one file (far more than any company needs)",
        size as f64 / 1024.0 / 1024.0,
        MAX_FILE_BYTES / 1024 / 1024
    ))
    .with_hint("move finished items out of the file (`pulse archive`), or check that it is the file you meant")
}

/// Reads a file as bytes, at most [`MAX_FILE_BYTES`] of them: the cap holds
/// even for a file that grows while it is read.
pub fn read_capped(
    path: &Path,
    shown: &str,
) -> std::io::Result<std::result::Result<Vec<u8>, Error>> {
    let file = std::fs::File::open(path)?;
    let size = file.metadata().map_or(0, |m| m.len());
    read_open(file, size, shown)
}

/// [`read_capped`] of a file already open, whose size is about `size`.
fn read_open(
    file: std::fs::File,
    size: u64,
    shown: &str,
) -> std::io::Result<std::result::Result<Vec<u8>, Error>> {
    use std::io::Read;
    // Room for the whole file at once: growing the buffer as it fills
    // copies a large file several times over.
    let size = size.min(MAX_FILE_BYTES);
    let mut bytes = Vec::with_capacity(size as usize + 1);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Ok(Err(too_big(shown, bytes.len() as u64)));
    }
    Ok(Ok(bytes))
}

/// Reads a company file as UTF-8 text; `None` when it does not exist. A
/// link, a folder, a FIFO or a device where the file should be is an error
/// naming it, and so is a file over [`MAX_FILE_BYTES`]. A byte order mark
/// is kept in the text: callers that parse use [`without_bom`].
pub fn read_text(file: &FileRef) -> Result<Option<String>> {
    let Some(meta) = regular(file)? else {
        return Ok(None);
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(&file.display, meta.len()));
    }
    // The size `regular` saw sizes the buffer: no second look at the file.
    let bytes = match std::fs::File::open(&file.path)
        .and_then(|open| read_open(open, meta.len(), &file.display))
    {
        Ok(read) => read?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::unreadable(&file.path, &e)),
    };
    String::from_utf8(bytes).map(Some).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
        Error::broken(format!(
            "{}:{line}: the file is not valid UTF-8 text (byte {offset}); save it as UTF-8",
            file.display
        ))
    })
}

/// Checks that pulse may write `file`: no link on the way down from the
/// company folder, and what is there now (if anything) a regular file, so a
/// rename never replaces a link, a FIFO or a device.
pub fn check_writable(file: &FileRef) -> Result<()> {
    // Every folder on the way is looked at anew before a write: one found
    // a folder earlier in a long run (`meeting run`) may be a link now.
    forget_folders();
    regular(file).map(|_| ())
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
    /// The file's lines end in CRLF by its convention ([`crlf_convention`]):
    /// every line is written so.
    pub crlf: bool,
    /// The text ended without a newline.
    pub no_final_newline: bool,
}

impl TextLayout {
    pub fn of(text: &str) -> TextLayout {
        let body = without_bom(text);
        TextLayout {
            bom: text.starts_with(BOM),
            crlf: crlf_convention(body),
            no_final_newline: !body.is_empty() && !body.ends_with('\n'),
        }
    }

    /// The text without its byte order mark, with LF line ends (the file's
    /// convention is put back by [`TextLayout::apply`]).
    pub fn body<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        let body = without_bom(text);
        if body.contains("\r\n") {
            body.replace("\r\n", "\n").into()
        } else {
            body.into()
        }
    }

    /// `body` (LF line ends, or the file's own) laid out as the file was.
    pub fn apply(&self, body: &str) -> String {
        let lf = body.replace("\r\n", "\n");
        let mut body = if self.crlf {
            lf.replace('\n', "\r\n")
        } else {
            lf
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

/// Whether a file's lines end in CRLF by its own convention: most of its
/// lines do, or, as many ending each way, its first line does. pulse
/// writes a changed file with its convention.
pub fn crlf_convention(text: &str) -> bool {
    // Most files have no CR at all: one fast search says so.
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return false;
    }
    let crlf = text.matches("\r\n").count();
    let lf = text.matches('\n').count() - crlf;
    crlf > lf
        || (crlf == lf
            && crlf > 0
            && text
                .find('\n')
                .is_some_and(|at| at > 0 && text.as_bytes()[at - 1] == b'\r'))
}

/// The entries of a company folder, checked as [`inspect`] does; none when
/// it does not exist. A folder that is a link, or not a folder, is an error.
fn entries(dir: &FileRef) -> Result<Vec<std::fs::DirEntry>> {
    let Some(meta) = inspect(dir)? else {
        return Ok(Vec::new());
    };
    if !meta.is_dir() {
        return Err(Error::broken(format!("{} is not a folder", dir.display)));
    }
    let entries = std::fs::read_dir(&dir.path).map_err(|e| Error::unreadable(&dir.path, &e))?;
    Ok(entries.filter_map(|entry| entry.ok()).collect())
}

/// The files of a company folder with the given extension, sorted by name.
/// An entry that is a symbolic link is listed too, so that reading it
/// reports it rather than pulse passing over it in silence.
pub fn list_dir(dir: &FileRef, extension: &str) -> Result<Vec<PathBuf>> {
    // The entry's own type, from the folder listing: no stat per file (a
    // ten-year company has 500 meetings).
    let mut files: Vec<PathBuf> = entries(dir)?
        .into_iter()
        .filter(|e| {
            e.path().extension().is_some_and(|x| x == extension)
                && e.file_type().is_ok_and(|t| t.is_file() || t.is_symlink())
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

/// The names of the sub-folders of a company folder (and of links there,
/// which reading through them reports), sorted.
pub fn list_subdirs(dir: &FileRef) -> Result<Vec<String>> {
    let mut names: Vec<String> = entries(dir)?
        .into_iter()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir() || t.is_symlink()))
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found in review: the folders found once were never looked at again,
    /// so one replaced by a link later in the same run (a pull during
    /// `meeting run`) was followed, for reading and for writing.
    #[test]
    fn a_folder_replaced_by_a_link_during_a_run_is_refused_before_a_write() {
        let base = tempfile::tempdir().unwrap();
        let (root, outside) = (base.path().join("acme"), base.path().join("outside"));
        std::fs::create_dir_all(root.join("rocks")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(root.join("rocks/2026-Q4.toml"), "x = 1\n").unwrap();
        std::fs::write(outside.join("2026-Q4.toml"), "secret = 1\n").unwrap();
        let file = FileRef::new(&root, root.join("rocks/2026-Q4.toml"));
        assert!(read_text(&file).unwrap().is_some());
        std::fs::remove_dir_all(root.join("rocks")).unwrap();
        std::os::unix::fs::symlink(&outside, root.join("rocks")).unwrap();
        assert!(check_writable(&file).is_err());
        assert!(read_text(&file).is_err());
    }
}
