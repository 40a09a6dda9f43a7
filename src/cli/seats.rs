//! `pulse seats` and `pulse seat add|assign|unassign|remove`.

use super::output::Out;
use crate::error::Result;
use crate::ops::Ctx;
use crate::ops::seats::{self, NewSeat};
use clap::Subcommand;

/// Change the accountability chart
#[derive(Subcommand)]
pub enum SeatCommand {
    /// Add a seat
    #[command(
        after_help = "Example:\n  pulse seat add \"Network\" --reports-to integrator --person ian --role \"Uptime\" --role \"Peering\""
    )]
    Add {
        name: String,
        /// The seat it reports to (id or unique prefix)
        #[arg(long)]
        reports_to: Option<String>,
        /// A person in the seat (repeatable)
        #[arg(long = "person")]
        people: Vec<String>,
        /// A role of the seat (repeatable)
        #[arg(long = "role")]
        roles: Vec<String>,
    },
    /// Put a person in a seat
    #[command(after_help = "Example:\n  pulse seat assign network ian")]
    Assign { seat: String, handle: String },
    /// Take a person out of a seat
    #[command(after_help = "Example:\n  pulse seat unassign network ian")]
    Unassign { seat: String, handle: String },
    /// Remove a seat (refused while other seats report to it)
    #[command(after_help = "Example:\n  pulse seat remove network")]
    Remove { seat: String },
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
        out.println(&line);
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
