//! `pulse check [--strict]`.

use super::output::Out;
use crate::error::Result;
use crate::ops::Ctx;
use crate::ops::check::{Severity, check};
use crate::render::escape;
use crate::render::style::{BAD, WARN};
use clap::Args;

#[derive(Args)]
#[command(
    after_help = "Exit status: 0 when clean (warnings and notes allowed), 1 on an error (or, with\n--strict, a warning), 2 when a file does not parse. Notes (an empty roster, a seat\nnobody is in yet) are what a fresh company has still to fill in: never a failure.\n\nExamples:\n  pulse check\n  pulse check --strict      warnings fail too (for a pre-commit hook or CI)"
)]
pub struct CheckArgs {
    /// Treat warnings as errors
    #[arg(long)]
    strict: bool,
}

pub fn run(args: CheckArgs, ctx: &Ctx, out: &Out) -> Result<i32> {
    let findings = check(ctx);
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let (broken, errors, warnings, notes) = (
        count(Severity::Broken),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note),
    );
    if out.json {
        out.print_json(&findings);
    } else {
        for finding in &findings {
            let (label, style) = match finding.severity {
                Severity::Broken | Severity::Error => ("error", BAD),
                Severity::Warning => ("warning", WARN),
                Severity::Note => ("note", WARN),
            };
            let place = match finding.line {
                Some(line) => format!("{}:{line}", finding.file),
                None => finding.file.clone(),
            };
            let message = finding
                .message
                .lines()
                .map(|l| escape(l).into_owned())
                .collect::<Vec<_>>()
                .join("\n");
            let message = if message.starts_with(&finding.file) {
                message
            } else {
                format!("{place}: {message}")
            };
            // The message is escaped above; the label may be coloured.
            out.print(&format!("{}: {message}\n", out.painter.paint(label, style)));
        }
        if !out.quiet {
            let total_errors = broken + errors;
            let summary = if findings.is_empty() {
                "all good: every file parses and every reference resolves".to_string()
            } else if notes == findings.len() {
                format!(
                    "all good; {notes} note{} of what is still to fill in",
                    plural(notes)
                )
            } else {
                let mut summary = format!(
                    "{total_errors} error{}, {warnings} warning{}",
                    plural(total_errors),
                    plural(warnings)
                );
                if notes > 0 {
                    summary.push_str(&format!(", {notes} note{}", plural(notes)));
                }
                summary
            };
            out.println(&summary);
        }
    }
    Ok(if broken > 0 {
        2
    } else if errors > 0 || (args.strict && warnings > 0) {
        1
    } else {
        0
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
