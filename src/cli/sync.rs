//! `pulse sync`: pull the team's changes, push yours, say what came in.

use super::agenda::Format;
use super::output::Out;
use crate::error::Result;
use crate::ops::Ctx;
use crate::ops::setup::Registration;
use crate::ops::sync;
use clap::Args;

#[derive(Args)]
#[command(
    after_help = "Commits nothing itself. It stops, changing nothing, on uncommitted changes to company\nfiles, a detached HEAD, a branch without an upstream, or a rebase or merge in progress.\nA conflict stops the rebase with the files, their lines and the commands that finish it.\n\nExit status: 0 when synced; 1 when something needs you first; 3 when git or the network\nfails (a push rejected, a remote unreachable): your commits are kept.\n\nExamples:\n  pulse sync\n  pulse --json sync     what came in, as the change records of `pulse --json diff`"
)]
pub struct SyncArgs {}

pub fn run(_args: SyncArgs, ctx: &Ctx, out: &Out) -> Result<i32> {
    let report = sync::sync(ctx)?;
    let diff_warnings = report.incoming.iter().flat_map(|d| &d.warnings);
    for warning in report.warnings.iter().chain(diff_warnings) {
        super::output::warn(warning);
    }
    if out.json {
        out.print_json(&report);
    } else {
        print(&report, out);
    }
    Ok(match &report.push_error {
        Some(e) => {
            super::report(e);
            e.exit_code()
        }
        None => 0,
    })
}

fn print(report: &sync::SyncReport, out: &Out) {
    let upstream = crate::render::escape(&report.upstream);
    if !out.quiet && report.registration != Registration::Unchanged {
        out.println("Registered pulse's merge driver in this clone (.git/config).");
    }
    match &report.incoming {
        Some(d) => {
            let authors: Vec<String> = report
                .authors
                .iter()
                .map(|a| crate::render::escape(a).into_owned())
                .collect();
            let title = format!(
                "Came in from {upstream}: {} by {}",
                commits(report.pulled),
                authors.join(", ")
            );
            let page = super::diff::page(d, title, "No change to the company's files.");
            out.page(&page, Format::Text, false);
            if !out.quiet && report.push_error.is_none() {
                out.println("");
            }
        }
        None if report.pulled > 0 => out.println(&format!(
            "Pulled {} from {upstream}.",
            commits(report.pulled)
        )),
        None if !out.quiet => out.println(&format!("Nothing came in from {upstream}.")),
        None => {}
    }
    if out.quiet || report.push_error.is_some() {
        return;
    }
    if report.pushed > 0 {
        out.println(&format!("Pushed {} to {upstream}.", commits(report.pushed)));
    } else {
        out.println("Nothing to push.");
    }
}

fn commits(n: usize) -> String {
    if n == 1 {
        "1 commit".to_string()
    } else {
        format!("{n} commits")
    }
}
