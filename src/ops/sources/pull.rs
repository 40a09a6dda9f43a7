//! `pulse scorecard pull [MEASURABLE...] [--week W] [--dry-run]`: runs the
//! measurables' sources in parallel, each under the time limit, and records
//! every value that came back in one commit, under `scorecard record`'s
//! rules. A source that is not trusted in this clone is refused without
//! running; it counts as a failure, as a source that fails does.
//!
//! The sources run before the company's write lock is taken: a source that
//! takes its thirty seconds keeps no other pulse command waiting, and one
//! that runs pulse itself does not wait for the pull that started it.

pub use super::outcome::{Failure, FailureKind, PullReport, PullResult, Pulled};

use super::outcome::{round_seconds, value_of};
use super::trust::{Trust, Untrusted};
use super::{Ctx, command_line, selected};
use crate::error::{Error, Result};
use crate::model::scorecard::Measurable;
use crate::model::time::Week;
use crate::ops::calendar::Calendar;
use crate::ops::change::{Change, Outcome};
use crate::ops::scorecard::{Replacing, target_week};
use crate::runner::{self, Event, Job};
use crate::shell::quote;
use crate::store::files::read_text;
use crate::store::values::{self, ValuesDoc};
use std::time::Duration;

/// What the command line is told while the sources run.
pub trait Progress: Sync {
    /// The sources about to run for `week`, by measurable id.
    fn begin(&self, _week: Week, _ids: &[String]) {}
    fn started(&self, _id: &str) {}
    fn finished(&self, _id: &str, _ok: bool) {}
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
        change.put_text(&file, doc.checked_text(&file)?);
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
