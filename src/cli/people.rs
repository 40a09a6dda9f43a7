//! `pulse people` (the People Analyzer) and `pulse people rate`.

use super::output::Out;
use crate::error::Result;
use crate::ops::Ctx;
use crate::ops::people;
use crate::render::people::people_table;
use clap::{Args, Subcommand};

/// The People Analyzer: everyone against the core values and GWC for their seat
#[derive(Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Ratings live in people.toml, which is sensitive: see the README to keep it out of a shared repo.\n\nExamples:\n  pulse people\n  pulse people rate ian --value \"Help first=+\" --value \"Own it=+/-\" --gwc YYN"
)]
pub struct PeopleArgs {
    #[command(subcommand)]
    command: Option<PeopleCommand>,
}

#[derive(Subcommand)]
enum PeopleCommand {
    /// Rate a person on the core values (+, +/-, -) and GWC (Y/N ×3)
    #[command(
        after_help = "A core value is named as in vision.toml (case aside) or by a unique prefix.\nGWC is three letters Y or N: Gets it, Wants it, Capacity to do it.\n\nExamples:\n  pulse people rate ian --value \"Help first=+\" --value own=+/-\n  pulse people rate amy --gwc YYY"
    )]
    Rate {
        handle: String,
        /// NAME=RATING with RATING one of +, +/-, - (repeatable)
        #[arg(long = "value", allow_hyphen_values = true)]
        values: Vec<String>,
        /// Gets it, wants it, capacity: three letters Y or N, e.g. YYN
        #[arg(long)]
        gwc: Option<String>,
    },
}

pub fn run(args: PeopleArgs, ctx: &Ctx, out: &Out) -> Result<i32> {
    match args.command {
        None => show(ctx, out),
        Some(PeopleCommand::Rate {
            handle,
            values,
            gwc,
        }) => {
            let (row, outcome) = people::rate(ctx, &handle, &values, gwc.as_deref())?;
            out.outcome(&outcome);
            if out.json {
                out.print_json(&row);
            } else if !out.quiet {
                let values: Vec<String> = row
                    .values
                    .iter()
                    .map(|v| format!("{} {}", v.value, v.rating.map_or("·", |r| r.as_str())))
                    .collect();
                let gwc = row.gwc.map_or("·".to_string(), |g| g.to_string());
                let mut parts = Vec::new();
                if !values.is_empty() {
                    parts.push(values.join(", "));
                }
                parts.push(format!("GWC {gwc}"));
                parts.push(row.verdict.as_str().to_string());
                out.println(&format!("{}: {}", row.id, parts.join(" · ")));
            }
            Ok(0)
        }
    }
}

fn show(ctx: &Ctx, out: &Out) -> Result<i32> {
    let analysis = people::analyze(ctx)?;
    for warning in &analysis.warnings {
        super::output::warn(warning);
    }
    if out.json {
        out.print_json(&analysis);
        return Ok(0);
    }
    if analysis.people.is_empty() {
        out.println("Nobody on the roster yet. Add someone: pulse person add HANDLE --name NAME");
        return Ok(0);
    }
    out.print(&people_table(out.painter, &analysis));
    if analysis.core_values.is_empty() && !out.quiet {
        out.println("No core values in vision.toml yet: only GWC can be rated.");
    }
    Ok(0)
}
