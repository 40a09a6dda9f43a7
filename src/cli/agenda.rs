//! `pulse agenda [--date D] [--quarterly|--annual] [--format text|markdown]`.

use super::output::Out;
use super::values;
use crate::error::Result;
use crate::ops::{Ctx, agenda, planning};
use crate::render;
use clap::{Args, ValueEnum};

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
}

#[derive(Args)]
#[command(
    after_help = "Examples:\n  pulse agenda                         the next weekly meeting\n  pulse agenda --format markdown       to paste into a doc or chat\n  pulse agenda --date 2026-11-26       a given meeting\n  pulse agenda --quarterly             the quarterly planning day"
)]
pub struct AgendaArgs {
    /// The meeting's date, YYYY-MM-DD (default: the next meeting weekday)
    #[arg(long)]
    date: Option<String>,
    /// The quarterly planning agenda
    #[arg(long, conflicts_with = "annual")]
    quarterly: bool,
    /// The two-day annual planning agenda
    #[arg(long)]
    annual: bool,
    /// Print as terminal text or as Markdown (for an email, a wiki, a chat)
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub fn run(args: AgendaArgs, ctx: &Ctx, out: &Out) -> Result<i32> {
    let date = args.date.map(|d| values::date(&d, "--date")).transpose()?;
    let page = if args.quarterly || args.annual {
        let plan = if args.annual {
            planning::annual(ctx, date)?
        } else {
            planning::quarterly(ctx, date)?
        };
        if out.json {
            out.print_json(&plan);
            return Ok(0);
        }
        render::planning::page(&plan)
    } else {
        let agenda = agenda::level10(ctx, date)?;
        if out.json {
            out.print_json(&agenda);
            return Ok(0);
        }
        render::agenda::level10(&agenda)
    };
    out.page(&page, args.format, true);
    Ok(0)
}
