//! `pulse report [--quarter Q] --html FILE`, and `pulse --json report` for
//! the report's data alone.

use super::output::Out;
use super::values;
use crate::error::{Error, Result};
use crate::ops::Ctx;
use crate::ops::report;
use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
#[command(
    after_help = "The page is one self-contained file: no server, no network, no script.\n\nExamples:\n  pulse report --html q4.html\n  pulse report --quarter 2026-Q3 --html q3.html\n  pulse --json report                   (the report's data, no page)\n  pulse --json report --html q4.html    (writes the page, prints the data too)"
)]
pub struct ReportArgs {
    /// The quarter (YYYY-Qn; default: the current one)
    #[arg(long)]
    quarter: Option<String>,
    /// Write the HTML page to FILE (`-` for standard output); needed unless --json
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
}

pub fn run(args: ReportArgs, ctx: &Ctx, out: &Out) -> Result<i32> {
    let quarter = values::quarter_or_current(args.quarter.as_deref(), ctx.today)?;
    let Some(html_file) = args.html else {
        if !out.json {
            return Err(Error::user(
                "pulse report needs --html FILE (`-` for standard output), or --json for the report's data",
            )
            .with_hint(format!("pulse report --html report-{quarter}.html")));
        }
        out.print_json(&report::report(ctx, quarter)?);
        return Ok(0);
    };
    let report = report::report(ctx, quarter)?;
    let html = crate::render::html::report(&report);
    if html_file.as_os_str() == "-" {
        out.print(&html);
        return Ok(0);
    }
    if html_file.is_dir() {
        return Err(Error::user(format!(
            "--html {}: is a folder; name the file to write, e.g. {}/report-{quarter}.html",
            html_file.display(),
            html_file.display()
        )));
    }
    report::write_html(ctx, &html_file, &html)?;
    if out.json {
        out.print_json(&report);
    } else if !out.quiet {
        out.println(&format!(
            "{quarter} report written to {} ({} KB)",
            html_file.display(),
            html.len().div_ceil(1024)
        ));
    }
    Ok(0)
}
