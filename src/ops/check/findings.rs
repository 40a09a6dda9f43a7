//! What `pulse check` finds, and the small helpers every area uses to
//! report it: a file that does not load, an unknown person, a repeated id.

use crate::error::{Error, ErrorKind};
use crate::model::company::CompanyFile;
use crate::store::files::{FileRef, read_text};
use crate::store::parse::{IdLines, ListFile, TomlFile};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A file that does not parse (exit 2).
    Broken,
    Error,
    Warning,
    /// Something still to fill in (an empty roster, a seat nobody is in
    /// yet), as a fresh company's templates leave: shown, never a
    /// failure, not even for `--strict`.
    Note,
}

#[derive(Debug, Serialize)]
pub struct Finding {
    pub severity: Severity,
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

#[derive(Default)]
pub struct Findings {
    pub list: Vec<Finding>,
}

impl Findings {
    pub fn add(
        &mut self,
        severity: Severity,
        file: &FileRef,
        line: Option<usize>,
        message: String,
    ) {
        self.list.push(Finding {
            severity,
            file: file.display.clone(),
            line,
            message,
        });
    }
    pub fn error(&mut self, file: &FileRef, line: Option<usize>, message: String) {
        self.add(Severity::Error, file, line, message);
    }
    pub fn warn(&mut self, file: &FileRef, line: Option<usize>, message: String) {
        self.add(Severity::Warning, file, line, message);
    }
    pub fn note(&mut self, file: &FileRef, line: Option<usize>, message: String) {
        self.add(Severity::Note, file, line, message);
    }
    pub fn broken(&mut self, file: &FileRef, e: Error) {
        let severity = if e.kind == ErrorKind::Broken {
            Severity::Broken
        } else {
            Severity::Error
        };
        self.list.push(Finding {
            severity,
            file: file.display.clone(),
            line: None,
            message: e.message,
        });
    }

    /// What loading a file gave; a failure becomes a finding.
    pub fn loaded<T>(
        &mut self,
        file: &FileRef,
        loaded: Result<(T, String), Error>,
    ) -> Option<(T, String)> {
        loaded.map_err(|e| self.broken(file, e)).ok()
    }

    /// Reads and parses one file; a parse failure becomes a finding.
    pub fn load<T: TomlFile + Default>(&mut self, file: &FileRef) -> Option<(T, String)> {
        match read_text(file) {
            Ok(Some(text)) => match T::parse(file, &text) {
                Ok(value) => Some((value, text)),
                Err(e) => {
                    self.broken(file, e);
                    None
                }
            },
            Ok(None) => Some((T::default(), String::new())),
            Err(e) => {
                self.broken(file, e);
                None
            }
        }
    }
}

pub struct Roster<'a> {
    pub company: &'a CompanyFile,
}

impl Roster<'_> {
    /// An error when `handle` is not on the roster; `what` names the item
    /// (made only then: a ten-year company has thousands of items).
    pub fn check<W: std::fmt::Display>(
        &self,
        f: &mut Findings,
        file: &FileRef,
        line: impl FnOnce() -> Option<usize>,
        what: W,
        handle: &str,
    ) {
        if !handle.is_empty() && !self.company.has_person(handle) {
            let valid: Vec<&str> = self.company.handles().collect();
            f.error(
                file,
                line(),
                format!(
                    "{what}: unknown person `{handle}` (valid: {})",
                    valid.join(", ")
                ),
            );
        }
    }
}

/// "kind `id`", formatted only when a message needs it.
pub struct Named<'a>(pub &'a str, pub &'a str);

impl std::fmt::Display for Named<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} `{}`", self.0, self.1)
    }
}

pub fn duplicates<'a>(
    f: &mut Findings,
    file: &FileRef,
    lines: &IdLines,
    what: &str,
    ids: impl Iterator<Item = &'a str>,
) {
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for id in ids {
        let count = seen.entry(id).or_default();
        *count += 1;
        if *count > 1 {
            // Point at this copy (a bad merge leaves the second one behind).
            let line = lines.nth(id, *count - 1);
            f.error(
                file,
                Some(line),
                format!("{what} id `{id}` is used twice in this file"),
            );
        }
        if id.is_empty() {
            f.error(file, None, format!("a {what} has an empty id"));
        } else if *count == 1 && !crate::model::ids::is_slug(id) {
            // Other characters are an error (an escape sequence, a space);
            // a slug that is only longer than pulse makes them, a warning.
            let long = crate::model::ids::is_slug_of_any_length(id);
            let message = format!(
                "{what} id `{id}` is not a slug: lowercase letters and digits joined by `-`, at most {} characters (ids are typed on command lines)",
                crate::model::ids::MAX_ID_LEN
            );
            if long {
                f.warn(file, Some(lines.first(id)), message);
            } else {
                f.error(file, Some(lines.first(id)), message);
            }
        }
    }
}

/// Reads a list file (issues, to-dos) with its text.
pub fn read_list<T: ListFile + Default>(file: &FileRef) -> Result<(T, String), Error> {
    match read_text(file)? {
        Some(text) => Ok((T::parse(file, &text)?, text)),
        None => Ok((T::default(), String::new())),
    }
}
