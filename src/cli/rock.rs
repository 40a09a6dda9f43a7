//! `pulse rock ...` and `pulse rocks`.

use super::output::Out;
use super::values;
use crate::error::Result;
use crate::model::eos;
use crate::model::rock::{Rock, RockStatus, completion};
use crate::ops::Ctx;
use crate::ops::rocks::{self, NewRock};
use crate::render::rocks::rocks_table;
use clap::{Args, Subcommand};
use serde::Serialize;

/// Change the quarter's rocks (90-day priorities)
#[derive(Subcommand)]
pub enum RockCommand {
    /// Add a rock (to the current quarter unless --quarter)
    #[command(
        after_help = "Examples:\n  pulse rock add \"Ship the IPv6 network to every region\" --owner ian --company\n  pulse rock add \"Hire two SREs\" --owner zoe --quarter 2027-Q1 --due 2027-02-28"
    )]
    Add {
        title: String,
        #[arg(long)]
        owner: String,
        /// YYYY-Qn (default: the current quarter)
        #[arg(long)]
        quarter: Option<String>,
        /// A company rock (vs. an individual one)
        #[arg(long)]
        company: bool,
        /// YYYY-MM-DD (default: the quarter's last day)
        #[arg(long)]
        due: Option<String>,
    },
    /// Set a rock's status: on-track, off-track, done or dropped
    #[command(after_help = "Example:\n  pulse rock set ipv6 off-track")]
    Set {
        /// The rock's id or a unique prefix of it
        id: String,
        status: String,
        #[arg(long)]
        quarter: Option<String>,
    },
    /// Add a milestone to a rock
    #[command(
        after_help = "Example:\n  pulse rock milestone ipv6 \"Vendor contract signed\" --due 2026-10-31"
    )]
    Milestone {
        id: String,
        title: String,
        #[arg(long)]
        due: Option<String>,
        #[arg(long)]
        quarter: Option<String>,
    },
    /// Mark milestone N (counting from 1) of a rock done
    #[command(
        name = "milestone-done",
        after_help = "Example:\n  pulse rock milestone-done ipv6 1"
    )]
    MilestoneDone {
        id: String,
        number: usize,
        #[arg(long)]
        quarter: Option<String>,
    },
}

/// List a quarter's rocks
#[derive(Args)]
#[command(
    after_help = "Examples:\n  pulse rocks\n  pulse rocks --owner ian\n  pulse rocks --quarter 2026-Q3     a past quarter shows its completion rate"
)]
pub struct RocksArgs {
    /// YYYY-Qn (default: the current quarter)
    #[arg(long)]
    quarter: Option<String>,
    #[arg(long)]
    owner: Option<String>,
}

#[derive(Serialize)]
struct RockJson<'a> {
    quarter: String,
    #[serde(flatten)]
    rock: &'a Rock,
    milestones_done: usize,
}

pub fn run(cmd: RockCommand, ctx: &Ctx, out: &Out) -> Result<i32> {
    match cmd {
        RockCommand::Add {
            title,
            owner,
            quarter,
            company,
            due,
        } => {
            let quarter = values::quarter_or_current(quarter.as_deref(), ctx.today)?;
            let due = due.map(|d| values::date(&d, "--due")).transpose()?;
            let (rock, outcome, warnings) = rocks::add(
                ctx,
                NewRock {
                    title: &title,
                    owner: &owner,
                    quarter,
                    company,
                    due,
                },
            )?;
            out.outcome(&outcome);
            for w in warnings {
                super::output::warn(&w);
            }
            if out.json {
                out.print_json(&RockJson {
                    quarter: quarter.to_string(),
                    milestones_done: 0,
                    rock: &rock,
                });
            } else {
                out.println(&rock.id);
            }
        }
        RockCommand::Set {
            id,
            status,
            quarter,
        } => {
            let quarter = values::quarter_or_current(quarter.as_deref(), ctx.today)?;
            let status = RockStatus::parse(&status).map_err(crate::error::Error::user)?;
            let (rock, old, outcome) = rocks::set_status(ctx, quarter, &id, status)?;
            out.outcome(&outcome);
            report(
                out,
                quarter,
                &rock,
                &format!("{}: {old} → {status}", rock.id),
            );
        }
        RockCommand::Milestone {
            id,
            title,
            due,
            quarter,
        } => {
            let quarter = values::quarter_or_current(quarter.as_deref(), ctx.today)?;
            let due = due.map(|d| values::date(&d, "--due")).transpose()?;
            let (rock, outcome) = rocks::add_milestone(ctx, quarter, &id, &title, due)?;
            out.outcome(&outcome);
            let n = rock.milestones.len();
            report(
                out,
                quarter,
                &rock,
                &format!(
                    "{}: milestone {n} added ({}/{n} done)",
                    rock.id,
                    rock.milestones_done()
                ),
            );
        }
        RockCommand::MilestoneDone {
            id,
            number,
            quarter,
        } => {
            let quarter = values::quarter_or_current(quarter.as_deref(), ctx.today)?;
            let (rock, outcome) = rocks::milestone_done(ctx, quarter, &id, number)?;
            out.outcome(&outcome);
            report(
                out,
                quarter,
                &rock,
                &format!(
                    "{}: milestone {number} done ({}/{} done)",
                    rock.id,
                    rock.milestones_done(),
                    rock.milestones.len()
                ),
            );
        }
    }
    Ok(0)
}

fn report(out: &Out, quarter: crate::model::time::Quarter, rock: &Rock, line: &str) {
    if out.json {
        out.print_json(&RockJson {
            quarter: quarter.to_string(),
            milestones_done: rock.milestones_done(),
            rock,
        });
    } else if !out.quiet {
        out.println(&crate::render::escape(line));
    }
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
    text.push_str(&rocks_table(out.painter, &refs, ctx.today));
    let count = |s: RockStatus| rocks.iter().filter(|r| r.status == s).count();
    let live = rocks.len() - count(RockStatus::Dropped);
    let on_track = count(RockStatus::OnTrack) + count(RockStatus::Done);
    text.push_str(&format!(
        "\n{} rocks: {} on track, {} off track, {} done, {} dropped",
        rocks.len(),
        count(RockStatus::OnTrack),
        count(RockStatus::OffTrack),
        count(RockStatus::Done),
        count(RockStatus::Dropped)
    ));
    if let Some(pct) = (on_track * 100).checked_div(live) {
        text.push_str(&format!(" — {pct}% on track or done"));
    }
    text.push('\n');
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
