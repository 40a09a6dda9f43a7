//! `pulse scorecard [--weeks N] [--owner H]`, `scorecard add`, `scorecard record`.

use super::output::Out;
use super::values;
use crate::error::{Error, Result};
use crate::model::goal::format_number;
use crate::model::scorecard::format_with_unit;
use crate::ops::Ctx;
use crate::ops::scorecard;
use crate::render::scorecard::scorecard_table;
use clap::{Args, Subcommand};

/// The weekly scorecard: measurables × the last N weeks
#[derive(Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  pulse scorecard\n  pulse scorecard --weeks 4 --owner amy\n  pulse scorecard add \"New qualified leads\" --owner amy --goal \">= 20\"\n  pulse scorecard record new-leads 23"
)]
pub struct ScorecardArgs {
    #[command(subcommand)]
    command: Option<ScorecardCommand>,
    /// How many weeks to show
    #[arg(long, default_value_t = 13)]
    weeks: usize,
    #[arg(long)]
    owner: Option<String>,
}

#[derive(Subcommand)]
enum ScorecardCommand {
    /// Define a measurable
    #[command(
        after_help = "Goals: \">= 20\", \"<= 2\", \"== 0\", \"> 0\", \"< 5\" or a range \"10..20\".\n\nExample:\n  pulse scorecard add \"Gross margin\" --owner zoe --goal \">= 45\" --unit %"
    )]
    Add {
        name: String,
        #[arg(long)]
        owner: String,
        #[arg(long, allow_hyphen_values = true)]
        goal: String,
        /// Display unit: "$", "%", "h", ...
        #[arg(long)]
        unit: Option<String>,
    },
    /// Record a week's value (default: the last completed week)
    #[command(
        after_help = "Examples:\n  pulse scorecard record new-leads 23\n  pulse scorecard record margin 47% --week 2026-W47 --note \"one-off credit\""
    )]
    Record {
        /// The measurable's id or a unique prefix
        measurable: String,
        #[arg(allow_hyphen_values = true)]
        value: String,
        /// YYYY-Www (default: the last completed ISO week)
        #[arg(long)]
        week: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
}

pub fn run(args: ScorecardArgs, ctx: &Ctx, out: &Out) -> Result<i32> {
    match args.command {
        None => show(args.weeks, args.owner.as_deref(), ctx, out),
        Some(ScorecardCommand::Add {
            name,
            owner,
            goal,
            unit,
        }) => {
            let goal = values::goal(&goal)?;
            let (m, outcome) = scorecard::add(ctx, &name, &owner, goal, unit.as_deref())?;
            out.outcome(&outcome);
            if out.json {
                out.print_json(&m);
            } else {
                out.println(&m.id);
            }
            Ok(0)
        }
        Some(ScorecardCommand::Record {
            measurable,
            value,
            week,
            note,
        }) => {
            let value = values::value(&value)?;
            let week = week.map(|w| values::week(&w)).transpose()?;
            let (rec, outcome) = scorecard::record(ctx, &measurable, value, week, note.as_deref())?;
            out.outcome(&outcome);
            if out.json {
                out.print_json(&rec);
            } else if !out.quiet {
                let verdict = if rec.hit { "hit" } else { "miss" };
                let replaced = rec
                    .replaced
                    .map(|r| format!(", replaces {}", format_number(r)))
                    .unwrap_or_default();
                out.println(&format!(
                    "{} {}: {} ({verdict}, goal {}{replaced})",
                    rec.measurable,
                    rec.week,
                    format_number(rec.value),
                    rec.goal
                ));
            }
            Ok(0)
        }
    }
}

fn show(weeks: usize, owner: Option<&str>, ctx: &Ctx, out: &Out) -> Result<i32> {
    if !(1..=520).contains(&weeks) {
        return Err(Error::user(format!("--weeks {weeks}: expected 1 to 520")));
    }
    let table = scorecard::table(ctx, weeks, owner)?;
    if out.json {
        out.print_json(&table);
        return Ok(0);
    }
    if table.rows.is_empty() {
        out.println("The scorecard has no measurables yet. Add one: pulse scorecard add NAME --owner H --goal \">= 20\"");
        return Ok(0);
    }
    let _ = format_with_unit;
    out.print(&scorecard_table(out.painter, &table));
    Ok(0)
}
