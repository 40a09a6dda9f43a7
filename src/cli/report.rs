//! `pulse report [--quarter Q] --html FILE`.

use super::output::Out;
use super::values;
use crate::error::{Error, Result};
use crate::ops::Ctx;
use crate::ops::report;
use clap::Args;
use std::path::PathBuf;

/// The quarter on one static HTML page: V/TO, rocks, scorecard charts, issues, to-dos, meetings
#[derive(Args)]
#[command(
    after_help = "The page is one self-contained file: no server, no network, no script.\n\nExamples:\n  pulse report --html q4.html\n  pulse report --quarter 2026-Q3 --html q3.html\n  pulse --json report --html q4.html    (prints the report's data too)"
)]
pub struct ReportArgs {
    /// The quarter (YYYY-Qn; default: the current one)
    #[arg(long)]
    quarter: Option<String>,
    /// Write the HTML page to FILE (`-` for standard output)
    #[arg(long, value_name = "FILE")]
    html: PathBuf,
}

pub fn run(args: ReportArgs, ctx: &Ctx, out: &Out) -> Result<i32> {
    let quarter = values::quarter_or_current(args.quarter.as_deref(), ctx.today)?;
    let report = report::report(ctx, quarter)?;
    let html = crate::render::html::report(&report);
    if args.html.as_os_str() == "-" {
        out.print(&html);
        return Ok(0);
    }
    if args.html.is_dir() {
        return Err(Error::user(format!(
            "--html {}: is a folder; name the file to write, e.g. {}/report-{quarter}.html",
            args.html.display(),
            args.html.display()
        )));
    }
    report::write_html(ctx, &args.html, &html)?;
    if out.json {
        out.print_json(&report);
    } else if !out.quiet {
        out.println(&format!(
            "{quarter} report written to {} ({} KB)",
            args.html.display(),
            html.len().div_ceil(1024)
        ));
    }
    Ok(0)
}
