//! The one error type of pulse: a message for a human, hints, and the exit
//! code it maps to (SPEC §4: 1 for a user error, 2 for a broken or missing
//! company file, 3 when git or the network fails).

use std::fmt;
use std::path::Path;

/// What kind of failure this is; decides the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Bad input on the command line: unknown id, bad value. Exit 1.
    User,
    /// A company file is missing, unreadable or does not parse. Exit 2.
    Broken,
    /// Git or the network failed: a push rejected, a remote unreachable. Exit 3.
    Git,
}

#[derive(Debug)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    pub hints: Vec<String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn user(message: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::User,
            message: message.into(),
            hints: Vec::new(),
        }
    }

    pub fn broken(message: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::Broken,
            message: message.into(),
            hints: Vec::new(),
        }
    }

    /// git or the network failed (a push rejected, a remote unreachable). Exit 3.
    pub fn git(message: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::Git,
            message: message.into(),
            hints: Vec::new(),
        }
    }

    /// An I/O failure: writing, locking, a folder or file named on the
    /// command line. Exit 1.
    pub fn io(action: &str, path: &Path, err: &std::io::Error) -> Self {
        Error::user(format!(
            "cannot {action} {}: {}",
            path.display(),
            reason(err)
        ))
    }

    /// A company file or folder that cannot be read: the company is broken
    /// for pulse until it can. Exit 2.
    pub fn unreadable(path: &Path, err: &std::io::Error) -> Self {
        Error::broken(format!("cannot read {}: {}", path.display(), reason(err)))
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    pub fn exit_code(&self) -> i32 {
        match self.kind {
            ErrorKind::User => 1,
            ErrorKind::Broken => 2,
            ErrorKind::Git => 3,
        }
    }
}

fn reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        _ => err.to_string(),
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
