//! The company-wide write lock: two pulse commands at once take turns, so
//! neither loses the other's change. An OS file lock (`flock`) is released
//! when its process dies, so a lock file left by a killed process is harmless.
//! The holder writes its process id into the file, so that a pulse kept
//! waiting can say whom it waits for.

use crate::error::{Error, Result};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::Path;
use std::time::{Duration, Instant};

/// How long pulse waits in silence before it says that it is waiting.
pub const QUIET_WAIT: Duration = Duration::from_millis(500);

pub struct Lock {
    _file: File,
}

impl Lock {
    /// Waits for and takes the lock at `path`. When another process holds
    /// it for longer than [`QUIET_WAIT`], `waiting` is told once, with the
    /// holder's process id when its file names one.
    pub fn acquire(path: &Path, waiting: &dyn Fn(Option<u32>)) -> Result<Lock> {
        let mut file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(path)
            .map_err(|e| Error::io("create the lock file", path, &e))?;
        let failed = |e: std::io::Error| Error::io("lock", path, &e);
        let started = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) if started.elapsed() < QUIET_WAIT => {
                    std::thread::sleep(Duration::from_millis(25));
                }
                Err(TryLockError::WouldBlock) => {
                    waiting(holder(&mut file));
                    file.lock().map_err(failed)?;
                    break;
                }
                Err(TryLockError::Error(e)) => return Err(failed(e)),
            }
        }
        // Ours now: say who holds it. A failure here costs only the message.
        let _ = file
            .set_len(0)
            .and_then(|_| file.rewind())
            .and_then(|_| writeln!(file, "{}", std::process::id()));
        Ok(Lock { _file: file })
    }
}

/// The process id the lock file names (written by its holder).
fn holder(file: &mut File) -> Option<u32> {
    let mut text = String::new();
    file.rewind().ok()?;
    file.read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_waiting_pulse_is_told_who_holds_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pulse.lock");
        let held = Lock::acquire(&path, &|_| panic!("nobody holds it")).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap().trim(),
            std::process::id().to_string()
        );
        let told = std::sync::Mutex::new(None);
        let path2 = path.clone();
        std::thread::scope(|s| {
            s.spawn(|| {
                std::thread::sleep(QUIET_WAIT + Duration::from_millis(300));
                drop(held);
            });
            // flock locks belong to the open file, so a second open in the
            // same process waits like another process would.
            Lock::acquire(&path2, &|pid| *told.lock().unwrap() = Some(pid)).unwrap();
        });
        assert_eq!(*told.lock().unwrap(), Some(Some(std::process::id())));
    }
}
