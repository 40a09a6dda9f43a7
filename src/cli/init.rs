//! `pulse init [DIR] [--name N]`.

use super::output::Out;
use crate::error::{Error, Result};
use crate::model::time::parse_date;
use crate::ops;
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Args)]
#[command(
    after_help = "Examples:\n  pulse init                       the current folder\n  pulse init acme --name \"Acme Inc\" --weekday tuesday --time 10:00 --minutes 90"
)]
pub struct InitArgs {
    /// The folder to create the company in (default: the current folder)
    #[arg(value_name = "DIR")]
    folder: Option<PathBuf>,
    /// The company's name (default: the folder's name)
    #[arg(long, conflicts_with = "demo")]
    name: Option<String>,
    /// Write the demo company, with weeks of backdated git history
    #[arg(long)]
    demo: bool,
    /// The weekly meeting's day (default: monday)
    #[arg(long, value_name = "DAY", conflicts_with = "demo", value_parser = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])]
    weekday: Option<String>,
    /// Its start, HH:MM (default: 09:00)
    #[arg(long, value_name = "HH:MM", conflicts_with = "demo")]
    time: Option<String>,
    /// Its length in minutes (default: 90)
    #[arg(long, value_name = "M", conflicts_with = "demo")]
    minutes: Option<u32>,
}

pub fn run(args: InitArgs, start: &Path, no_commit: bool, out: &Out) -> Result<i32> {
    let dir = match args.folder {
        Some(d) if d.is_absolute() => d,
        Some(d) => start.join(d),
        None => start.to_path_buf(),
    };
    let today = match std::env::var("PULSE_TODAY").ok().filter(|s| !s.is_empty()) {
        Some(text) => parse_date(&text).map_err(|e| Error::user(format!("PULSE_TODAY: {e}")))?,
        None => chrono::Local::now().date_naive(),
    };
    if args.demo {
        let report = ops::demo::write_demo(&dir, today)?;
        if let Some(w) = &report.warning {
            super::output::warn(w);
        }
        if out.json {
            out.print_json(&serde_json::json!({ "dir": report.dir, "commits": report.commits }));
        } else if !out.quiet {
            out.text(&format!(
                "Wrote the demo company Lapwing Cloud in {} with {} commits of history.\nTry: cd {} && pulse agenda && pulse diff --since-meeting\n",
                report.dir.display(),
                report.commits,
                crate::shell::quote(&report.dir.display().to_string())
            ));
        }
        return Ok(0);
    }
    let mut meeting = ops::init::FirstMeeting::default();
    if let Some(d) = args.weekday {
        meeting.weekday = d;
    }
    if let Some(t) = args.time {
        meeting.time = t;
    }
    if let Some(m) = args.minutes {
        meeting.minutes = m;
    }
    let report = ops::init::init(&dir, args.name.as_deref(), &meeting, today, !no_commit)?;
    if let Some(w) = &report.warning {
        super::output::warn(w);
    }
    if out.json {
        out.print_json(&report);
        return Ok(0);
    }
    if !out.quiet {
        let mut text = format!("Started {} in {}\n", report.name, report.dir.display());
        for f in &report.files {
            text.push_str(&format!("  {f}\n"));
        }
        if report.git_init {
            text.push_str("Initialised a git repository.\n");
        }
        if report.driver_registered {
            text.push_str("Registered pulse's merge driver in this clone (.git/config).\n");
        }
        if report.committed {
            text.push_str("Committed the first version.\n");
        }
        text.push_str("\nNext: add your team (pulse person add zoe --name 'Zoe Park'), then read the comments in each file.\n");
        out.text(&text);
    }
    Ok(0)
}
