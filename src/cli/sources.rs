//! `pulse scorecard pull`, `scorecard trust` and `scorecard untrust`: what
//! the sources gave, each failure with its reason, and on a terminal a
//! progress line while they run (a pipe gets the plain lines only).

use super::output::Out;
use super::values;
use crate::error::Result;
use crate::model::goal::format_number;
use crate::model::time::Week;
use crate::ops::Ctx;
use crate::ops::sources::pull::{self, Failure, Progress, PullResult, Pulled};
use crate::ops::sources::trust;
use crate::render::escape;
use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub fn pull(
    ctx: &Ctx,
    out: &Out,
    measurables: &[String],
    week: Option<&str>,
    dry_run: bool,
) -> Result<i32> {
    let week = week.map(values::week).transpose()?;
    let live = Live::new(!out.quiet && !out.json && std::io::stderr().is_terminal());
    let report = std::thread::scope(|scope| {
        if live.on {
            scope.spawn(|| live.tick());
        }
        let report = pull::pull(ctx, measurables, week, dry_run, &live);
        live.end();
        report
    })?;
    out.outcome(&report.outcome);
    if out.json {
        out.print_json(&report);
    } else {
        for pulled in &report.sources {
            match &pulled.result {
                PullResult::Recorded { recorded, note } if !out.quiet => {
                    out.println(&escape(&super::scorecard::recorded_line(recorded)));
                    if let Some(note) = note {
                        out.println(&format!("  note: {}", escape(note)));
                    }
                }
                PullResult::Unchanged { value } if !out.quiet => out.println(&format!(
                    "{} {}: {} (unchanged)",
                    pulled.measurable,
                    report.week,
                    format_number(*value)
                )),
                PullResult::Failed(failure) => print_failure(pulled, failure),
                _ => {}
            }
        }
        if !out.quiet {
            out.println(&summary(&report));
        }
    }
    Ok(if report.failed() > 0 { 1 } else { 0 })
}

fn summary(report: &pull::PullReport) -> String {
    let (recorded, unchanged, failed) = (report.recorded(), report.unchanged(), report.failed());
    let plural = |n: usize| if n == 1 { "value" } else { "values" };
    if report.dry_run {
        format!(
            "dry run for {}: {recorded} {} would be recorded, {unchanged} unchanged, {failed} failed; nothing was written",
            report.week,
            plural(recorded)
        )
    } else {
        format!(
            "pulled {}: {recorded} {} recorded, {unchanged} unchanged, {failed} failed",
            report.week,
            plural(recorded)
        )
    }
}

/// A failure on stderr: `error: ID: reason`, what it printed, the command
/// when it was refused, the tail of its stderr and the hint.
fn print_failure(pulled: &Pulled, failure: &Failure) {
    let mut text = format!(
        "error: {}: {}\n",
        pulled.measurable,
        escape(&failure.reason)
    );
    if failure.kind == pull::FailureKind::Untrusted {
        text.push_str(&format!("  command: {}\n", escape(&pulled.command)));
    }
    if let Some(printed) = &failure.printed {
        text.push_str(&format!("  it printed: {}\n", escape(printed)));
    }
    for line in &failure.stderr {
        text.push_str(&format!("  stderr: {}\n", escape(line)));
    }
    if let Some(hint) = &failure.hint {
        text.push_str(&format!("hint: {}\n", escape(hint)));
    }
    let _ = std::io::stderr().write_all(text.as_bytes());
}

pub fn trust(ctx: &Ctx, out: &Out, measurables: &[String]) -> Result<i32> {
    let report = trust::trust(ctx, measurables)?;
    if out.json {
        out.print_json(&report);
        return Ok(0);
    }
    if out.quiet {
        return Ok(0);
    }
    for source in &report.sources {
        let how = match &source.was {
            None => "already trusted".to_string(),
            Some(trust::Untrusted::Never) => "trusted".to_string(),
            Some(why) => format!("trusted again ({})", why.describe()),
        };
        out.println(&format!(
            "{}: {}\n  command: {}",
            source.measurable,
            escape(&how),
            escape(&source.command)
        ));
        for file in &source.files {
            out.println(&format!("  with the content of {}", escape(file)));
        }
    }
    out.println(&format!("trust is {}", escape(&report.kept.describe())));
    Ok(0)
}

pub fn untrust(ctx: &Ctx, out: &Out, measurables: &[String]) -> Result<i32> {
    let (report, kept) = trust::untrust(ctx, measurables)?;
    if out.json {
        out.print_json(&report);
        return Ok(0);
    }
    if out.quiet {
        return Ok(0);
    }
    if report.is_empty() {
        out.println("no source was trusted");
    }
    for source in &report {
        out.println(&format!(
            "{}: {}",
            source.measurable,
            if source.was_trusted {
                "no longer trusted"
            } else {
                "was not trusted"
            }
        ));
    }
    out.println(&format!("trust is {}", escape(&kept.describe())));
    Ok(0)
}

/// The progress line on a terminal: how many sources are done, and those
/// still running with their time so far. Drawn on stderr, redrawn in
/// place, erased at the end.
struct Live {
    on: bool,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    week: String,
    total: usize,
    done: usize,
    failed: usize,
    running: Vec<(String, Instant)>,
    over: bool,
}

impl Live {
    fn new(on: bool) -> Live {
        Live {
            on,
            state: Mutex::new(State::default()),
        }
    }

    /// Redraws the line until the pull is over.
    fn tick(&self) {
        loop {
            std::thread::sleep(Duration::from_millis(200));
            match self.state.lock() {
                Ok(state) if !state.over => self.draw(&state),
                _ => return,
            }
        }
    }

    fn draw(&self, state: &State) {
        if !self.on || state.total == 0 {
            return;
        }
        let running: Vec<String> = state
            .running
            .iter()
            .map(|(id, at)| format!("{id} {}s", at.elapsed().as_secs()))
            .collect();
        let mut line = format!(
            "pulling {}: {} of {} done{}",
            state.week,
            state.done,
            state.total,
            if state.failed > 0 {
                format!(" ({} failed)", state.failed)
            } else {
                String::new()
            }
        );
        if !running.is_empty() {
            line.push_str(&format!(" · running {}", running.join(", ")));
        }
        let line: String = escape(&line).chars().take(78).collect();
        let _ = write!(std::io::stderr(), "\r\x1b[2K{line}");
    }

    /// Ends the display and erases the line.
    fn end(&self) {
        if let Ok(mut state) = self.state.lock() {
            state.over = true;
            if self.on && state.total > 0 {
                let _ = write!(std::io::stderr(), "\r\x1b[2K");
            }
        }
    }
}

impl Progress for Live {
    fn begin(&self, week: Week, ids: &[String]) {
        if let Ok(mut state) = self.state.lock() {
            state.total = ids.len();
            state.week = week.to_string();
            self.draw(&state);
        }
    }

    fn started(&self, id: &str) {
        if let Ok(mut state) = self.state.lock() {
            state.running.push((id.to_string(), Instant::now()));
            self.draw(&state);
        }
    }

    fn finished(&self, id: &str, ok: bool) {
        if let Ok(mut state) = self.state.lock() {
            state.running.retain(|(r, _)| r != id);
            state.done += 1;
            if !ok {
                state.failed += 1;
            }
            self.draw(&state);
        }
    }
}
