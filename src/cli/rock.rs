//! `pulse rock ...`: add, update and fix one rock and its milestones.

use super::output::Out;
use super::{complete, values};
use crate::error::Result;
use crate::model::rock::{Rock, RockStatus};
use crate::model::time::Quarter;
use crate::ops::Ctx;
use crate::ops::milestones;
use crate::ops::rocks::{self, NewRock, RockEdit};
use clap::{Args, Subcommand};
use serde::Serialize;

/// Which rock: its id, and the quarter whose file holds it.
#[derive(Args)]
pub struct Which {
    /// The rock's id, or a unique prefix of it or of one of its words
    #[arg(add = complete::rocks())]
    id: String,
    /// The rock's quarter, YYYY-Qn (default: the current quarter)
    #[arg(long, value_name = "Q", add = complete::quarters())]
    quarter: Option<String>,
}

/// Which milestone: the rock, and the milestone's number.
#[derive(Args)]
pub struct WhichMilestone {
    #[command(flatten)]
    rock: Which,
    /// The milestone's number, counting from 1 as `pulse rocks` lists them
    #[arg(value_name = "N")]
    number: usize,
}

#[derive(Subcommand)]
pub enum RockCommand {
    /// Add a rock (to the current quarter unless --quarter)
    #[command(
        after_help = "Examples:\n  pulse rock add \"Ship the IPv6 network to every region\" --owner ian --company\n  pulse rock add \"Hire two SREs\" --owner zoe --quarter 2027-Q1 --due 2027-02-28"
    )]
    Add {
        /// What done looks like, in a few words
        title: String,
        /// Who owns it (a handle)
        #[arg(long, value_name = "H", add = complete::people())]
        owner: String,
        /// YYYY-Qn (default: the current quarter)
        #[arg(long, value_name = "Q", add = complete::quarters())]
        quarter: Option<String>,
        /// A company rock (vs. an individual one)
        #[arg(long)]
        company: bool,
        /// YYYY-MM-DD (default: the quarter's last day)
        #[arg(long, value_name = "D")]
        due: Option<String>,
        /// Add it even when due outside its quarter or to a quarter that is over
        #[arg(long)]
        force: bool,
    },
    /// Set a rock's status: on-track, off-track, done or dropped
    #[command(
        after_help = "Examples:\n  pulse rock set ipv6 off-track\n  pulse rock set hire dropped    EOS drops a rock rather than deleting it"
    )]
    Set {
        #[command(flatten)]
        rock: Which,
        /// The new status
        #[arg(value_parser = RockStatus::SETTABLE.map(RockStatus::as_str))]
        status: String,
    },
    /// Fix a rock: its title, owner, due date, or company/individual
    #[command(
        after_help = "The id stays the same when the title changes.\n\nExamples:\n  pulse rock edit hire --owner ian --due 2026-12-15\n  pulse rock edit ipv6 --title \"Ship IPv6 to every region\" --individual"
    )]
    Edit {
        #[command(flatten)]
        rock: Which,
        /// The new title
        #[arg(long, value_name = "T")]
        title: Option<String>,
        /// The new owner (a handle)
        #[arg(long, value_name = "H", add = complete::people())]
        owner: Option<String>,
        /// The new due date, YYYY-MM-DD
        #[arg(long, value_name = "D")]
        due: Option<String>,
        /// Make it a company rock
        #[arg(long, conflicts_with = "individual")]
        company: bool,
        /// Make it an individual rock
        #[arg(long)]
        individual: bool,
        /// Take a due date outside the rock's quarter
        #[arg(long)]
        force: bool,
    },
    /// Remove a rock added by mistake (to give one up, `rock set ID dropped`)
    #[command(after_help = "Example:\n  pulse rock remove hire-two-sres-2")]
    Remove {
        #[command(flatten)]
        rock: Which,
    },
    /// Add a milestone to a rock
    #[command(
        after_help = "Example:\n  pulse rock milestone ipv6 \"Vendor contract signed\" --due 2026-10-31"
    )]
    Milestone {
        #[command(flatten)]
        rock: Which,
        /// What the milestone is
        title: String,
        /// YYYY-MM-DD
        #[arg(long, value_name = "D")]
        due: Option<String>,
    },
    /// Mark milestone N (counting from 1) of a rock done
    #[command(
        name = "milestone-done",
        after_help = "Example:\n  pulse rock milestone-done ipv6 1"
    )]
    MilestoneDone {
        #[command(flatten)]
        which: WhichMilestone,
    },
    /// Mark milestone N of a rock not done (it was marked done by mistake)
    #[command(
        name = "milestone-undone",
        after_help = "Example:\n  pulse rock milestone-undone ipv6 2"
    )]
    MilestoneUndone {
        #[command(flatten)]
        which: WhichMilestone,
    },
    /// Fix milestone N of a rock: its title or due date
    #[command(
        name = "milestone-edit",
        after_help = "Example:\n  pulse rock milestone-edit ipv6 2 --title \"Frankfurt racks live\" --due 2026-11-30"
    )]
    MilestoneEdit {
        #[command(flatten)]
        which: WhichMilestone,
        /// The new title
        #[arg(long, value_name = "T")]
        title: Option<String>,
        /// The new due date, YYYY-MM-DD
        #[arg(long, value_name = "D")]
        due: Option<String>,
    },
    /// Remove milestone N of a rock (those after it move up)
    #[command(
        name = "milestone-remove",
        after_help = "Example:\n  pulse rock milestone-remove ipv6 3"
    )]
    MilestoneRemove {
        #[command(flatten)]
        which: WhichMilestone,
    },
}

#[derive(Serialize)]
pub struct RockJson<'a> {
    pub quarter: String,
    #[serde(flatten)]
    pub rock: &'a Rock,
    pub milestones_done: usize,
}

fn due(text: Option<String>) -> Result<Option<chrono::NaiveDate>> {
    text.map(|d| values::date(&d, "--due")).transpose()
}

impl Which {
    fn quarter(&self, ctx: &Ctx) -> Result<Quarter> {
        values::quarter_or_current(self.quarter.as_deref(), ctx.today)
    }
}

pub fn run(cmd: RockCommand, ctx: &Ctx, out: &Out) -> Result<i32> {
    let (quarter, rock, outcome, line) = match cmd {
        RockCommand::Add {
            title,
            owner,
            quarter,
            company,
            due: due_text,
            force,
        } => {
            let quarter = values::quarter_or_current(quarter.as_deref(), ctx.today)?;
            let (rock, outcome, warnings) = rocks::add(
                ctx,
                NewRock {
                    title: &title,
                    owner: &owner,
                    quarter,
                    company,
                    due: due(due_text)?,
                    force,
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
            return Ok(0);
        }
        RockCommand::Set { rock, status } => {
            let quarter = rock.quarter(ctx)?;
            let status = RockStatus::parse(&status).map_err(crate::error::Error::user)?;
            let (r, old, outcome) = rocks::set_status(ctx, quarter, &rock.id, status)?;
            // Setting the status it has changes nothing and says so.
            let line = if old == status {
                format!("{}: already {status}", r.id)
            } else {
                format!("{}: {old} → {status}", r.id)
            };
            (quarter, r, outcome, line)
        }
        RockCommand::Edit {
            rock,
            title,
            owner,
            due: due_text,
            company,
            individual,
            force,
        } => {
            let quarter = rock.quarter(ctx)?;
            let fix = RockEdit {
                title: title.as_deref(),
                owner: owner.as_deref(),
                due: due(due_text)?,
                company: match (company, individual) {
                    (true, _) => Some(true),
                    (_, true) => Some(false),
                    _ => None,
                },
                force,
            };
            let (r, outcome) = rocks::edit(ctx, quarter, &rock.id, fix)?;
            let line = format!(
                "{}: {} ({}, due {})",
                r.id,
                r.title,
                r.owner,
                r.due.map(|d| d.0.to_string()).unwrap_or_default()
            );
            (quarter, r, outcome, line)
        }
        RockCommand::Remove { rock } => {
            let quarter = rock.quarter(ctx)?;
            let (r, outcome) = rocks::remove(ctx, quarter, &rock.id)?;
            let line = format!("{}: removed from {quarter}", r.id);
            (quarter, r, outcome, line)
        }
        RockCommand::Milestone {
            rock,
            title,
            due: due_text,
        } => {
            let quarter = rock.quarter(ctx)?;
            let (r, outcome) = milestones::add(ctx, quarter, &rock.id, &title, due(due_text)?)?;
            let n = r.milestones.len();
            let line = format!(
                "{}: milestone {n} added ({}/{n} done)",
                r.id,
                r.milestones_done()
            );
            (quarter, r, outcome, line)
        }
        RockCommand::MilestoneDone { which } => milestone(ctx, which, "done", |q, id, n| {
            milestones::set_done(ctx, q, id, n, true)
        })?,
        RockCommand::MilestoneUndone { which } => milestone(ctx, which, "not done", |q, id, n| {
            milestones::set_done(ctx, q, id, n, false)
        })?,
        RockCommand::MilestoneEdit {
            which,
            title,
            due: due_text,
        } => {
            let due = due(due_text)?;
            milestone(ctx, which, "changed", |q, id, n| {
                milestones::edit(ctx, q, id, n, title.as_deref(), due)
            })?
        }
        RockCommand::MilestoneRemove { which } => milestone(ctx, which, "removed", |q, id, n| {
            milestones::remove(ctx, q, id, n)
        })?,
    };
    out.outcome(&outcome);
    if out.json {
        out.print_json(&RockJson {
            quarter: quarter.to_string(),
            milestones_done: rock.milestones_done(),
            rock: &rock,
        });
    } else if !out.quiet {
        out.println(&crate::render::escape(&line));
    }
    Ok(0)
}

type Done = (Quarter, Rock, crate::ops::change::Outcome, String);

/// Runs a change to milestone N and words the result: "ipv6: milestone 2
/// done (2/3 done)".
fn milestone(
    ctx: &Ctx,
    which: WhichMilestone,
    what: &str,
    change: impl FnOnce(Quarter, &str, usize) -> Result<(Rock, crate::ops::change::Outcome)>,
) -> Result<Done> {
    let quarter = which.rock.quarter(ctx)?;
    let n = which.number;
    let (rock, outcome) = change(quarter, &which.rock.id, n)?;
    let line = format!(
        "{}: milestone {n} {what} ({}/{} done)",
        rock.id,
        rock.milestones_done(),
        rock.milestones.len()
    );
    Ok((quarter, rock, outcome, line))
}
