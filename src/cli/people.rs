//! `pulse people` (the People Analyzer), `pulse people --history H` and
//! `pulse people rate`.

use super::complete;
use super::output::{Out, warn};
use crate::error::Result;
use crate::ops::Ctx;
use crate::ops::people;
use crate::ops::people_history;
use crate::ops::people_rate::{self, Rating};
use crate::render::people::{history_page, people_table};
use clap::{Args, Subcommand};

#[derive(Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Ratings live in people.toml, which is private: git-ignored, never committed by pulse\n(unless [privacy] people_dir keeps it in a repository of its own). See the README.\n\nThe bar is the team's: [people_analyzer] bar = { minus = 0, plus_minus = 1 } in company.toml\n(at most that many - and +/- on the core values; this is the default).\n\nExamples:\n  pulse people\n  pulse people --history ian\n  pulse people rate ian --value \"Help first=+\" --value \"Own it=+/-\" --gwc YYN"
)]
pub struct PeopleArgs {
    /// One person's ratings over the quarters: who rated, when, and what
    #[arg(long, value_name = "H", add = complete::everyone())]
    history: Option<String>,
    #[command(subcommand)]
    command: Option<PeopleCommand>,
}

#[derive(Subcommand)]
enum PeopleCommand {
    /// Rate a person on the core values (+, +/-, -) and GWC (Y/N ×3) for a seat
    #[command(
        after_help = "A core value is named as in vision.toml (case aside) or by a unique prefix.\nGWC is three letters Y or N: Gets it, Wants it, Capacity to do it; it is rated per\nseat (--seat, needed when the person sits in more than one). The rating records\ntoday's date and who rated: --by, else the person whose email is git's user.email.\n\nExamples:\n  pulse people rate ian --value \"Help first=+\" --value own=+/-\n  pulse people rate amy --gwc YYY --by zoe\n  pulse people rate ian --gwc YYN --seat software"
    )]
    Rate {
        /// Who is rated (a handle)
        #[arg(add = complete::people())]
        handle: String,
        /// NAME=RATING with RATING one of +, +/-, - (repeatable)
        #[arg(long = "value", allow_hyphen_values = true)]
        values: Vec<String>,
        /// Gets it, wants it, capacity: three letters Y or N, e.g. YYN
        #[arg(long)]
        gwc: Option<String>,
        /// The seat the GWC is for (default: the person's only seat)
        #[arg(long, value_name = "SEAT", add = complete::seats())]
        seat: Option<String>,
        /// Who rates (a handle; default: the person with git's user.email)
        #[arg(long, value_name = "H", add = complete::people())]
        by: Option<String>,
    },
}

pub fn run(args: PeopleArgs, ctx: &Ctx, out: &Out) -> Result<i32> {
    match args.command {
        None => match args.history {
            Some(handle) => history(ctx, out, &handle),
            None => show(ctx, out),
        },
        Some(PeopleCommand::Rate {
            handle,
            values,
            gwc,
            seat,
            by,
        }) => {
            let (row, outcome) = people_rate::rate(
                ctx,
                Rating {
                    handle: &handle,
                    values: &values,
                    gwc: gwc.as_deref(),
                    seat: seat.as_deref(),
                    by: by.as_deref(),
                },
            )?;
            out.outcome(&outcome);
            if out.json {
                out.print_json(&row);
            } else if !out.quiet {
                let values: Vec<String> = row
                    .values
                    .iter()
                    .map(|v| format!("{} {}", v.value, v.rating.map_or("·", |r| r.as_str())))
                    .collect();
                let mut parts = Vec::new();
                if !values.is_empty() {
                    parts.push(values.join(", "));
                }
                let gwc = |g: Option<crate::model::people::Gwc>| {
                    g.map_or("·".to_string(), |g| g.to_string())
                };
                match &row.seat_ratings[..] {
                    [] => parts.push("in no seat".to_string()),
                    [one] => parts.push(format!("GWC {}", gwc(one.gwc))),
                    many => parts.extend(
                        many.iter()
                            .map(|s| format!("GWC {} {}", s.name, gwc(s.gwc))),
                    ),
                }
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
        warn(warning);
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
        out.println(
            "No core values in vision.toml yet: nobody can be the right person (not rated).",
        );
    }
    Ok(0)
}

fn history(ctx: &Ctx, out: &Out, handle: &str) -> Result<i32> {
    let history = people_history::history(ctx, handle)?;
    for warning in &history.warnings {
        warn(warning);
    }
    if out.json {
        out.print_json(&history);
        return Ok(0);
    }
    if history.entries.is_empty() {
        out.println(&format!(
            "{} ({}) has not been rated yet: pulse people rate {} --value NAME=RATING --gwc YYN",
            history.name,
            history.id,
            crate::shell::quote(&history.id)
        ));
        return Ok(0);
    }
    out.page(&history_page(&history), super::agenda::Format::Text, false);
    Ok(0)
}
