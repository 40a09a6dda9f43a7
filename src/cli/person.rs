//! `pulse person add`.

use super::output::Out;
use crate::error::Result;
use crate::ops::{self, Ctx};
use clap::Subcommand;

/// The roster of people in company.toml
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
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: Option<String>,
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
            Ok(0)
        }
    }
}
