//! The company-wide write lock: two pulse commands at once take turns, so
//! neither loses the other's change. An OS file lock (`flock`) is released
//! when its process dies, so a lock file left by a killed process is harmless.

use crate::error::{Error, Result};
use std::fs::{File, OpenOptions};
use std::path::Path;

pub struct Lock {
    _file: File,
}

impl Lock {
    /// Waits for and takes the lock at `path`.
    pub fn acquire(path: &Path) -> Result<Lock> {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .map_err(|e| Error::io("create the lock file", path, &e))?;
        file.lock().map_err(|e| Error::io("lock", path, &e))?;
        Ok(Lock { _file: file })
    }
}
