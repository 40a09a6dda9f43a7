//! `pulse seats` and `pulse seat add|assign|unassign|edit|remove`.

use super::complete;
use super::output::Out;
use crate::error::Result;
use crate::ops::Ctx;
use crate::ops::seats::{self, NewSeat};
use clap::Subcommand;

#[derive(Subcommand)]
pub enum SeatCommand {
    /// Add a seat
    #[command(
        after_help = "Example:\n  pulse seat add \"Network\" --reports-to integrator --person ian --role \"Uptime\" --role \"Peering\""
    )]
    Add {
        /// The seat's name (its id is made from it)
        name: String,
        /// The seat it reports to (id or unique prefix)
        #[arg(long, value_name = "SEAT", add = complete::seats())]
        reports_to: Option<String>,
        /// A person in the seat (repeatable)
        #[arg(long = "person", value_name = "H", add = complete::people())]
        people: Vec<String>,
        /// A role of the seat (repeatable)
        #[arg(long = "role", value_name = "R")]
        roles: Vec<String>,
    },
    /// Put a person in a seat
    #[command(after_help = "Example:\n  pulse seat assign network ian")]
    Assign {
        /// The seat's id or a unique prefix
        #[arg(add = complete::seats())]
        seat: String,
        /// Who sits in it (a handle)
        #[arg(add = complete::people())]
        handle: String,
    },
    /// Take a person out of a seat
    #[command(after_help = "Example:\n  pulse seat unassign network ian")]
    Unassign {
        /// The seat's id or a unique prefix
        #[arg(add = complete::seats())]
        seat: String,
        /// Who leaves it (a handle)
        #[arg(add = complete::everyone())]
        handle: String,
    },
    /// Rename a seat, move it under another seat, or give it new roles
    #[command(
        after_help = "The id stays the same when the name changes. --role replaces all the roles.\n\nExamples:\n  pulse seat edit network --reports-to software     move it under Software\n  pulse seat edit network --name \"Network & DC\" --role Uptime --role Peering\n  pulse seat edit finance --top                      reports to no seat"
    )]
    Edit {
        /// The seat's id or a unique prefix
        #[arg(add = complete::seats())]
        seat: String,
        /// The new name
        #[arg(long, value_name = "N")]
        name: Option<String>,
        /// The seat it now reports to (a cycle is refused)
        #[arg(long, value_name = "SEAT", add = complete::seats(), conflicts_with = "top")]
        reports_to: Option<String>,
        /// Make it a top seat, reporting to no seat
        #[arg(long)]
        top: bool,
        /// A role of the seat (repeatable; replaces all the roles)
        #[arg(long = "role", value_name = "R")]
        roles: Vec<String>,
    },
    /// Remove a seat (refused while other seats report to it)
    #[command(after_help = "Example:\n  pulse seat remove network")]
    Remove {
        /// The seat's id or a unique prefix
        #[arg(add = complete::seats())]
        seat: String,
    },
}

pub fn run(cmd: SeatCommand, ctx: &Ctx, out: &Out) -> Result<i32> {
    let (seat, outcome, line) = match cmd {
        SeatCommand::Add {
            name,
            reports_to,
            people,
            roles,
        } => {
            let (seat, outcome) = seats::add(
                ctx,
                NewSeat {
                    name,
                    reports_to,
                    people,
                    roles,
                },
            )?;
            out.outcome(&outcome);
            if out.json {
                out.print_json(&seat);
            } else {
                out.println(&seat.id);
            }
            return Ok(0);
        }
        SeatCommand::Assign { seat, handle } => {
            let (s, o) = seats::assign(ctx, &seat, &handle, true)?;
            let line = format!("{}: {}", s.id, s.people.join(", "));
            (s, o, line)
        }
        SeatCommand::Unassign { seat, handle } => {
            let (s, o) = seats::assign(ctx, &seat, &handle, false)?;
            let line = format!(
                "{}: {}",
                s.id,
                if s.people.is_empty() {
                    "(open seat)".to_string()
                } else {
                    s.people.join(", ")
                }
            );
            (s, o, line)
        }
        SeatCommand::Edit {
            seat,
            name,
            reports_to,
            top,
            roles,
        } => {
            let fix = seats::SeatEdit {
                name,
                reports_to: if top {
                    Some(None)
                } else {
                    reports_to.map(Some)
                },
                roles: (!roles.is_empty()).then_some(roles),
            };
            let (s, o) = seats::edit(ctx, &seat, fix)?;
            let under = s
                .reports_to
                .as_deref()
                .map(|r| format!("reports to {r}"))
                .unwrap_or_else(|| "at the top".into());
            let line = format!("{}: {} ({under})", s.id, s.name);
            (s, o, line)
        }
        SeatCommand::Remove { seat } => {
            let (s, o) = seats::remove(ctx, &seat)?;
            let line = format!("{}: removed", s.id);
            (s, o, line)
        }
    };
    out.outcome(&outcome);
    if out.json {
        out.print_json(&seat);
    } else if !out.quiet {
        out.println(&crate::render::escape(&line));
    }
    Ok(0)
}

pub fn show(ctx: &Ctx, out: &Out) -> Result<i32> {
    let seats = crate::ops::seats::chart(ctx)?;
    if out.json {
        out.print_json(&seats.seat);
        return Ok(0);
    }
    if seats.seat.is_empty() {
        out.println("No seats yet. Add one: pulse seat add NAME --person H");
        return Ok(0);
    }
    out.print(&crate::render::seats::tree(
        out.painter,
        &seats,
        &ctx.ws.company,
    ));
    Ok(0)
}
