//! `pulse rocks`: a quarter's rocks as a table.

use super::output::Out;
use super::rock::RockJson;
use super::{complete, values};
use crate::error::Result;
use crate::model::eos;
use crate::model::rock::{Rock, RockStatus, completion};
use crate::ops::Ctx;
use crate::ops::rocks;
use crate::render::rocks::rocks_table;
use clap::Args;

#[derive(Args)]
#[command(
    after_help = "Examples:\n  pulse rocks\n  pulse rocks --owner ian\n  pulse rocks --quarter 2026-Q3     a past quarter shows its completion rate"
)]
pub struct RocksArgs {
    /// YYYY-Qn (default: the current quarter)
    #[arg(long, value_name = "Q", add = complete::quarters())]
    quarter: Option<String>,
    /// Only this person's rocks
    #[arg(long, value_name = "H", add = complete::everyone())]
    owner: Option<String>,
}

pub fn list(args: RocksArgs, ctx: &Ctx, out: &Out) -> Result<i32> {
    let quarter = values::quarter_or_current(args.quarter.as_deref(), ctx.today)?;
    let rocks = rocks::list(ctx, quarter, args.owner.as_deref())?;
    if out.json {
        let list: Vec<RockJson> = rocks
            .iter()
            .map(|r| RockJson {
                quarter: quarter.to_string(),
                milestones_done: r.milestones_done(),
                rock: r,
            })
            .collect();
        out.print_json(&list);
        return Ok(0);
    }
    if rocks.is_empty() {
        out.println(&format!(
            "No rocks in {quarter} yet. Add one: pulse rock add TITLE --owner H"
        ));
        return Ok(0);
    }
    let refs: Vec<&Rock> = rocks.iter().collect();
    let mut text = format!("Rocks {quarter}\n\n");
    // A quarter closed before its last day (its rocks settled) reads as
    // closed: done or not done, and what became of each.
    let closed =
        quarter.last_day() < ctx.today || rocks.iter().any(|r| r.status == RockStatus::NotDone);
    text.push_str(&rocks_table(out.painter, &refs, ctx.today, closed));
    let count = |s: RockStatus| rocks.iter().filter(|r| r.status == s).count();
    if closed {
        let done = count(RockStatus::Done);
        let undecided = rocks
            .iter()
            .filter(|r| r.status != RockStatus::Done && r.fate().is_none())
            .count();
        text.push_str(&format!(
            "\n{}: {done} done, {} not done",
            crate::render::words::count(rocks.len(), "rock", "rocks"),
            rocks.len() - done
        ));
        if undecided > 0 {
            text.push_str(&format!(
                " ({undecided} undecided: pulse quarter close {quarter})"
            ));
        }
        text.push('\n');
    } else {
        let on_track = count(RockStatus::OnTrack) + count(RockStatus::Done);
        text.push_str(&format!(
            "\n{}: {} on track, {} off track, {} done, {} dropped",
            crate::render::words::count(rocks.len(), "rock", "rocks"),
            count(RockStatus::OnTrack),
            count(RockStatus::OffTrack),
            count(RockStatus::Done),
            count(RockStatus::Dropped)
        ));
        // A dropped rock is not done: it stays in the count (EOS), and
        // the share is rounded as `quarter close` rounds it.
        let pct = on_track as f64 * 100.0 / rocks.len() as f64;
        text.push_str(&format!(" — {pct:.0}% on track or done"));
        text.push('\n');
    }
    if quarter.last_day() < ctx.today
        && let Some(rate) = completion(&refs)
    {
        let verdict = if rate >= eos::ROCK_COMPLETION_GOAL {
            "meets"
        } else {
            "below"
        };
        text.push_str(&format!(
            "Completion: {rate:.0}% of rocks done ({verdict} the EOS goal of 80%)\n"
        ));
    }
    out.print(&text);
    Ok(0)
}
