//! Atomic writes: a temporary file in the same folder, renamed over the old
//! one, so a reader or a crash never sees half a file. The file's permissions
//! are kept.

use crate::error::{Error, Result};
use atomic_write_file::AtomicWriteFile;
use std::io::Write;
use std::path::Path;

pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io("create folder", dir, &e))?;
    }
    let mut file = AtomicWriteFile::options()
        .open(path)
        .map_err(|e| Error::io("write", path, &e))?;
    file.write_all(contents)
        .map_err(|e| Error::io("write", path, &e))?;
    crash_here_if_asked("before-rename");
    file.commit().map_err(|e| Error::io("write", path, &e))
}

/// Fault injection for the tests: `PULSE_FAULT=before-rename` ends the
/// process between the temporary file and the rename, as a power cut or a
/// `kill -9` would (no destructor runs, the lock file stays behind).
fn crash_here_if_asked(point: &str) {
    if std::env::var_os("PULSE_FAULT").is_some_and(|v| v == point) {
        std::process::exit(137);
    }
}
