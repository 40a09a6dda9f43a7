//! `pulse export --format csv|json DIR`.

use super::output::Out;
use crate::error::Result;
use crate::ops::Ctx;
use crate::ops::export::{self, Format};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Args)]
#[command(
    after_help = "people.toml (the People Analyzer) is never exported.\n\nExamples:\n  pulse export --format csv out/         open out/scorecard-wide.csv in a spreadsheet\n  pulse export --format json out/"
)]
pub struct ExportArgs {
    /// CSV files (one per list, the scorecard also wide) or JSON files
    #[arg(long, value_enum, default_value = "csv")]
    format: ExportFormat,
    /// The folder to write into (created when missing)
    #[arg(value_name = "DIR")]
    folder: PathBuf,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Csv,
    Json,
}

pub fn run(args: ExportArgs, ctx: &Ctx, out: &Out) -> Result<i32> {
    let format = match args.format {
        ExportFormat::Csv => Format::Csv,
        ExportFormat::Json => Format::Json,
    };
    let files = export::export(ctx, format, &args.folder)?;
    if out.json {
        out.print_json(&serde_json::json!({ "dir": args.folder, "files": files }));
    } else if !out.quiet {
        out.println(&format!(
            "{} files written to {}: {}",
            files.len(),
            args.folder.display(),
            files.join(", ")
        ));
    }
    Ok(0)
}
