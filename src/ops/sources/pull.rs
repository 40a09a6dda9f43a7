//! `pulse scorecard pull [MEASURABLE...] [--week W] [--dry-run]`: runs the
//! measurables' sources in parallel, each under the time limit, and records
//! every value that came back in one commit, under `scorecard record`'s
//! rules. A source that is not trusted in this clone is refused without
//! running; it counts as a failure, as a source that fails does.
//!
//! The sources run before the company's write lock is taken: a source that
//! takes its thirty seconds keeps no other pulse command waiting, and one
//! that runs pulse itself does not wait for the pull that started it.

use super::trust::{Trust, Untrusted};
use super::{Ctx, command_line, selected};
use crate::error::{Error, Result};
use crate::model::scorecard::Measurable;
use crate::model::source::{Unreadable, read_output};
use crate::model::time::Week;
use crate::ops::calendar::Calendar;
use crate::ops::change::{Change, Outcome};
use crate::ops::scorecard::{Recorded, Replacing, target_week};
use crate::render::shell::quote;
use crate::runner::{self, Ended, Event, Finished, Job};
use crate::store::files::read_text;
use crate::store::values::{self, ValuesDoc};
use serde::Serialize;
use std::time::Duration;

/// How many lines of a failed source's standard error are shown.
const STDERR_LINES: usize = 5;
/// How much of what a source printed is shown, in characters.
const PRINTED_CHARS: usize = 120;

/// What the command line is told while the sources run.
pub trait Progress: Sync {
    /// The sources about to run for `week`, by measurable id.
    fn begin(&self, _week: Week, _ids: &[String]) {}
    fn started(&self, _id: &str) {}
    fn finished(&self, _id: &str, _ok: bool) {}
}

/// No progress shown.
pub struct Silent;
impl Progress for Silent {}

/// What one source gave.
#[derive(Debug, Serialize)]
pub struct Pulled {
    pub measurable: String,
    pub command: String,
    #[serde(flatten)]
    pub result: PullResult,
    /// How long it ran, in seconds (absent for a source refused unrun).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seconds: Option<f64>,
}

#[derive(Debug, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum PullResult {
    /// A new or different value (recorded, or with `--dry-run` to be).
    Recorded {
        #[serde(flatten)]
        recorded: Recorded,
        #[serde(skip_serializing_if = "Option::is_none")]
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub printed: Option<String>,
    /// The last lines of its standard error.
    pub stderr: Vec<String>,
    /// What to run about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Why it is not trusted, for a refused source.
    #[serde(skip_serializing_if = "Option::is_none")]
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

/// Runs the sources of the measurables named (default: every one with a
/// source) for `week` (default: the scorecard week) and records what came
/// back, unless `dry_run`.
pub fn pull(
    ctx: &Ctx,
    queries: &[String],
    week: Option<Week>,
    dry_run: bool,
    progress: &dyn Progress,
) -> Result<PullReport> {
    let chosen = selected(ctx, queries)?;
    let calendar = Calendar::new(ctx)?;
    let explicit = week.is_some();
    let week = target_week(ctx, &calendar, week)?;
    let timeout = ctx.ws.company.scorecard.timeout().map_err(Error::broken)?;
    if !dry_run {
        // Refused now rather than after the sources ran.
        crate::ops::change::refuse_mid_operation(ctx)?;
    }
    let trust = Trust::load(&ctx.ws)?;
    let mut results: Vec<Option<Pulled>> = Vec::with_capacity(chosen.len());
    let mut to_run: Vec<(usize, &Measurable)> = Vec::new();
    for (i, m) in chosen.iter().enumerate() {
        let command = m.source.clone().unwrap_or_default();
        match trust.check(&m.id, &command) {
            Some(why) => results.push(Some(refused(ctx, m, command, why))),
            None => {
                results.push(None);
                to_run.push((i, m));
            }
        }
    }
    let jobs: Vec<Job> = to_run
        .iter()
        .map(|(_, m)| Job {
            command: m.source.clone().unwrap_or_default(),
            dir: ctx.ws.root.clone(),
            env: vec![
                ("PULSE_WEEK".into(), week.to_string()),
                ("PULSE_WEEK_START".into(), week.monday().to_string()),
                ("PULSE_WEEK_END".into(), week.sunday().to_string()),
                ("PULSE_MEASURABLE".into(), m.id.clone()),
            ],
            timeout: Duration::from_secs(timeout),
        })
        .collect();
    let ids: Vec<String> = to_run.iter().map(|(_, m)| m.id.clone()).collect();
    progress.begin(week, &ids);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let finished = runner::run_all(&jobs, workers, &|i, event| match event {
        Event::Started => progress.started(&ids[i]),
        Event::Finished(done) => progress.finished(&ids[i], value_of(done, timeout).is_ok()),
    });
    // Each value that came back, in the scorecard's order.
    let mut readings = Vec::new();
    for ((i, m), done) in to_run.iter().zip(finished) {
        let seconds = Some(round_seconds(done.elapsed));
        match value_of(&done, timeout) {
            Ok(reading) => readings.push((*i, *m, reading, seconds)),
            Err(failure) => {
                results[*i] = Some(Pulled {
                    measurable: m.id.clone(),
                    command: m.source.clone().unwrap_or_default(),
                    result: PullResult::Failed(*failure),
                    seconds,
                })
            }
        }
    }
    let rules = Replacing {
        explicit,
        reviewed: calendar.reviewed_by(week)?,
    };
    let file = ctx.ws.values_file();
    let mut change = if dry_run {
        None
    } else {
        Some(Change::begin(ctx)?)
    };
    let text = match &change {
        Some(change) => change.text(&file)?.map(|t| t.to_string()),
        None => read_text(&file)?,
    };
    let (old, mut doc) = match text {
        Some(text) => values::parse(&file, &text)?,
        None => (Default::default(), ValuesDoc::empty()),
    };
    for (i, m, reading, seconds) in readings {
        let same = old.get(&m.id, week).is_some_and(|e| {
            e.value == reading.value && reading.note.as_ref().is_none_or(|n| *n == e.note)
        });
        let note = reading.note.clone();
        let result = if same {
            PullResult::Unchanged {
                value: reading.value,
            }
        } else {
            let staged = rules.stage(
                &mut doc,
                &old,
                m,
                week,
                reading.value,
                note.as_deref().unwrap_or(""),
                || {
                    format!(
                        "{} {} --week {week}",
                        command_line(ctx, "pull"),
                        quote(&m.id)
                    )
                },
            );
            match staged {
                Ok(recorded) => PullResult::Recorded { recorded, note },
                Err(e) => PullResult::Failed(Failure {
                    kind: FailureKind::Refused,
                    reason: e.message,
                    printed: None,
                    stderr: Vec::new(),
                    hint: e.hints.into_iter().next(),
                    untrusted: None,
                }),
            }
        };
        results[i] = Some(Pulled {
            measurable: m.id.clone(),
            command: m.source.clone().unwrap_or_default(),
            result,
            seconds,
        });
    }
    let mut report = PullReport {
        week,
        dry_run,
        sources: results.into_iter().flatten().collect(),
        outcome: Outcome::default(),
    };
    // Nothing new: no write, no commit (not even a rewrite of the file).
    if let Some(mut change) = change.take().filter(|_| report.recorded() > 0) {
        change.put_text(&file, doc.to_text());
        let (values, failed) = (report.recorded(), report.failed());
        let mut message = format!(
            "scorecard: pull {week} ({values} value{}",
            if values == 1 { "" } else { "s" }
        );
        if failed > 0 {
            message.push_str(&format!(", {failed} failed"));
        }
        message.push(')');
        report.outcome = change.finish(&message)?;
    }
    Ok(report)
}

/// A source refused without running, with the command that trusts it.
fn refused(ctx: &Ctx, m: &Measurable, command: String, why: Untrusted) -> Pulled {
    let hint = match why {
        Untrusted::Unsafe { .. } => None,
        _ => Some(format!(
            "read it; if you trust it, run: {} {}",
            command_line(ctx, "trust"),
            quote(&m.id)
        )),
    };
    Pulled {
        measurable: m.id.clone(),
        command,
        result: PullResult::Failed(Failure {
            kind: FailureKind::Untrusted,
            reason: format!("not run: {}", why.describe()),
            printed: None,
            stderr: Vec::new(),
            hint,
            untrusted: Some(why),
        }),
        seconds: None,
    }
}

/// The value a finished source gave, or why it gave none.
fn value_of(done: &Finished, timeout: u64) -> Result<crate::model::source::Reading, Box<Failure>> {
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

fn round_seconds(d: Duration) -> f64 {
    (d.as_secs_f64() * 100.0).round() / 100.0
}
