//! What `scorecard pull` found for each source: the value that came back
//! (recorded, or the same as recorded), or the failure with its reason —
//! the exit status, the time limit, no output, a first line that is not a
//! number (with what it printed) — and the tail of its standard error.

use super::trust::Untrusted;
use crate::model::source::{Reading, Unreadable, read_output};
use crate::model::time::Week;
use crate::ops::change::Outcome;
use crate::ops::scorecard::Recorded;
use crate::runner::{Ended, Finished};
use serde::Serialize;
use std::time::Duration;

/// How many lines of a failed source's standard error are shown.
const STDERR_LINES: usize = 5;
/// How much of what a source printed is shown, in characters.
const PRINTED_CHARS: usize = 120;

/// What one source gave.
#[derive(Debug, Serialize)]
pub struct Pulled {
    pub measurable: String,
    pub command: String,
    #[serde(flatten)]
    pub result: PullResult,
    /// How long it ran, in seconds (absent for a source refused unrun).
    pub seconds: Option<f64>,
}

#[derive(Debug, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum PullResult {
    /// A new or different value (recorded, or with `--dry-run` to be).
    Recorded {
        #[serde(flatten)]
        recorded: Recorded,
        note: Option<String>,
    },
    /// The value is the one already recorded: nothing changes.
    Unchanged {
        value: f64,
    },
    Failed(Failure),
}

/// Why a source gave no value, with what it printed.
#[derive(Debug, Serialize)]
pub struct Failure {
    pub kind: FailureKind,
    /// The reason, in words.
    pub reason: String,
    /// The start of what it printed, when that is part of the reason.
    pub printed: Option<String>,
    /// The last lines of its standard error.
    pub stderr: Vec<String>,
    /// What to run about it.
    pub hint: Option<String>,
    /// Why it is not trusted, for a refused source.
    pub untrusted: Option<Untrusted>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FailureKind {
    /// Not trusted in this clone: refused, never run.
    Untrusted,
    ExitStatus,
    TimedOut,
    NoOutput,
    NotANumber,
    /// A value of a reviewed week, which only `--week` may replace.
    Refused,
    NotStarted,
}

#[derive(Debug, Serialize)]
pub struct PullReport {
    pub week: Week,
    pub dry_run: bool,
    pub sources: Vec<Pulled>,
    #[serde(skip)]
    pub outcome: Outcome,
}

impl PullReport {
    pub fn count(&self, wanted: fn(&PullResult) -> bool) -> usize {
        self.sources.iter().filter(|p| wanted(&p.result)).count()
    }
    pub fn recorded(&self) -> usize {
        self.count(|r| matches!(r, PullResult::Recorded { .. }))
    }
    pub fn unchanged(&self) -> usize {
        self.count(|r| matches!(r, PullResult::Unchanged { .. }))
    }
    pub fn failed(&self) -> usize {
        self.count(|r| matches!(r, PullResult::Failed(_)))
    }
}

/// The value a finished source gave, or why it gave none.
pub(super) fn value_of(done: &Finished, timeout: u64) -> Result<Reading, Box<Failure>> {
    let stdout = String::from_utf8_lossy(&done.stdout);
    let stderr = tail(&String::from_utf8_lossy(&done.stderr));
    let fail = |kind, reason: String, printed: Option<String>| {
        Box::new(Failure {
            kind,
            reason,
            printed,
            stderr: stderr.clone(),
            hint: None,
            untrusted: None,
        })
    };
    let printed = || {
        let text = stdout.trim();
        (!text.is_empty()).then(|| shorten(text))
    };
    match &done.ended {
        Ended::NotStarted(why) => return Err(fail(FailureKind::NotStarted, why.clone(), None)),
        Ended::TimedOut => {
            return Err(fail(
                FailureKind::TimedOut,
                format!(
                    "timed out after {timeout} s: it and every process it started were killed ([scorecard] source_timeout in company.toml)"
                ),
                printed(),
            ));
        }
        Ended::Exited(status) if !status.success() => {
            let how = match (
                status.code(),
                std::os::unix::process::ExitStatusExt::signal(status),
            ) {
                (Some(code), _) => format!("exited with status {code}"),
                (None, Some(signal)) => format!("was killed by signal {signal}"),
                (None, None) => "failed".to_string(),
            };
            return Err(fail(FailureKind::ExitStatus, how, printed()));
        }
        Ended::Exited(_) => {}
    }
    read_output(&stdout).map_err(|e| match e {
        Unreadable::NoOutput => fail(
            FailureKind::NoOutput,
            "printed nothing: a source prints the week's value on its first line".to_string(),
            None,
        ),
        Unreadable::NotANumber { printed, expected } => fail(
            FailureKind::NotANumber,
            format!("printed a first line that is not a number: {expected}"),
            Some(shorten(&printed)),
        ),
    })
}

/// The last lines of standard error that are not blank.
fn tail(stderr: &str) -> Vec<String> {
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    lines[lines.len().saturating_sub(STDERR_LINES)..]
        .iter()
        .map(|l| shorten(l))
        .collect()
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= PRINTED_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(PRINTED_CHARS).collect();
    format!("{cut}…")
}

pub(super) fn round_seconds(d: Duration) -> f64 {
    (d.as_secs_f64() * 100.0).round() / 100.0
}
