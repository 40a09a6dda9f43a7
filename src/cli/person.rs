//! `pulse person add|edit|remove|list`: the roster in company.toml.

use super::complete;
use super::output::Out;
use crate::error::Result;
use crate::ops::{self, Ctx};
use crate::render::style::DIM;
use crate::render::table::TableBuilder;
use clap::Subcommand;

#[derive(Subcommand)]
pub enum PersonCommand {
    /// Add a person to the roster
    #[command(
        after_help = "Example:\n  pulse person add zoe --name \"Zoe Park\" --email zoe@example.com"
    )]
    Add {
        /// Their handle: how every file refers to them (lowercase, e.g. zoe)
        handle: String,
        /// Their full name
        #[arg(long, value_name = "N")]
        name: String,
        /// Their email address
        #[arg(long, value_name = "E")]
        email: Option<String>,
    },
    /// Fix a person's name or email (the handle stays)
    #[command(
        after_help = "Example:\n  pulse person edit zoe --name \"Zoe Park-Lee\" --email zoe@lapwing.example"
    )]
    Edit {
        /// Their handle
        #[arg(add = complete::everyone())]
        handle: String,
        /// Their full name
        #[arg(long, value_name = "N")]
        name: Option<String>,
        /// Their email address
        #[arg(long, value_name = "E")]
        email: Option<String>,
    },
    /// A person leaves: refused while they hold open work, unless --reassign
    #[command(
        after_help = "They stay in company.toml with `left = DATE`, so history keeps their handle.\nOpen work — this quarter's rocks not done or dropped, open to-dos and issues,\nseats, measurables, processes — must go to someone first, or all at once with\n--reassign, in the same commit.\n\nExamples:\n  pulse person remove ian                   lists what ian still holds\n  pulse person remove ian --reassign amy    amy takes it all"
    )]
    Remove {
        /// Their handle
        #[arg(add = complete::people())]
        handle: String,
        /// Hand everything they hold to this person, in the same commit
        #[arg(long, value_name = "H", add = complete::people())]
        reassign: Option<String>,
    },
    /// The roster: handle, name, email, seats
    #[command(
        after_help = "Examples:\n  pulse person list\n  pulse person list --all     those who left too"
    )]
    List {
        /// Include those who left
        #[arg(long)]
        all: bool,
    },
}

pub fn run(cmd: PersonCommand, ctx: &Ctx, out: &Out) -> Result<i32> {
    match cmd {
        PersonCommand::Add {
            handle,
            name,
            email,
        } => {
            let (person, outcome) = ops::person::add(ctx, &handle, &name, email.as_deref())?;
            out.outcome(&outcome);
            if out.json {
                out.print_json(&person);
            } else {
                out.println(&person.id);
            }
        }
        PersonCommand::Edit {
            handle,
            name,
            email,
        } => {
            let (person, outcome) =
                ops::person::edit(ctx, &handle, name.as_deref(), email.as_deref())?;
            out.outcome(&outcome);
            if out.json {
                out.print_json(&person);
            } else if !out.quiet {
                let email = person.email.as_deref().unwrap_or("no email");
                out.println(&crate::render::escape(&format!(
                    "{}: {} ({email})",
                    person.id, person.name
                )));
            }
        }
        PersonCommand::Remove { handle, reassign } => {
            let (removed, outcome) = ops::person_remove::remove(ctx, &handle, reassign.as_deref())?;
            out.outcome(&outcome);
            if out.json {
                out.print_json(&removed);
            } else if !out.quiet {
                let mut line = format!("{}: left on {}", removed.id, removed.left);
                if let Some(heir) = &removed.reassigned_to {
                    line.push_str(&format!("; their open work went to {heir}"));
                }
                out.println(&line);
            }
        }
        PersonCommand::List { all } => {
            let rows = ops::person::list(ctx, all)?;
            if out.json {
                out.print_json(&rows);
                return Ok(0);
            }
            if rows.is_empty() {
                out.println(
                    "Nobody on the roster yet. Add someone: pulse person add HANDLE --name NAME",
                );
                return Ok(0);
            }
            let mut head = vec!["handle", "name", "email", "seats"];
            if all {
                head.push("left");
            }
            let mut table = TableBuilder::new(out.painter, &head);
            for r in &rows {
                let mut row = vec![
                    (r.id.clone(), None),
                    (r.name.clone(), None),
                    (r.email.clone().unwrap_or_default(), None),
                    (r.seats.join(", "), None),
                ];
                if all {
                    row.push((
                        r.left.map(|d| d.0.to_string()).unwrap_or_default(),
                        Some(DIM),
                    ));
                }
                table.styled_row(row);
            }
            out.print(&table.render());
        }
    }
    Ok(0)
}
