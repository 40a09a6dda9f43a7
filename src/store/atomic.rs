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
use std::path::Path;

pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let fail = |e: std::io::Error| Error::io("write", path, &e);
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(|e| Error::io("create folder", dir, &e))?;
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
    temp.write_all(contents).map_err(fail)?;
    if let Some(permissions) = existing {
        temp.as_file().set_permissions(permissions).map_err(fail)?;
    }
    crash_here_if_asked("before-rename");
    temp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// Fault injection for the tests: `PULSE_FAULT=before-rename` ends the
/// process between the temporary file and the rename, as a power cut or a
/// `kill -9` would (no destructor runs, the lock file stays behind).
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
}
