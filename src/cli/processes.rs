//! `pulse processes` (the documented core processes) and `pulse process
//! add|set`.

use super::complete;
use super::output::Out;
use crate::error::{Error, Result};
use crate::model::process::ProcessStatus;
use crate::ops::{Ctx, processes};
use clap::Subcommand;

#[derive(Subcommand)]
pub enum ProcessCommand {
    /// Document a core process: writes processes/ID.md to fill in
    #[command(
        after_help = "The file has the front matter (name, owner, status) and an outline to fill in:\nthe steps, the owner, the checklist (EOS's \"3-step\" documentation).\n\nExample:\n  pulse process add \"Customer onboarding\" --owner amy --status documented"
    )]
    Add {
        /// The process's name (its id and file name are made from it)
        name: String,
        /// Who keeps it documented and followed (a handle)
        #[arg(long, value_name = "H", add = complete::people())]
        owner: String,
        /// How far along it is
        #[arg(long, value_name = "S", default_value = "identified", value_parser = ProcessStatus::ALL.map(ProcessStatus::as_str))]
        status: String,
    },
    /// Set a process's status
    #[command(after_help = "Example:\n  pulse process set customer-onboarding followed-by-all")]
    Set {
        /// The process's id (its file name without .md) or a unique prefix
        #[arg(add = complete::processes())]
        id: String,
        /// The new status
        #[arg(value_parser = ProcessStatus::ALL.map(ProcessStatus::as_str))]
        status: String,
    },
}

pub fn change(cmd: ProcessCommand, ctx: &Ctx, out: &Out) -> Result<i32> {
    let (row, outcome, line) = match cmd {
        ProcessCommand::Add {
            name,
            owner,
            status,
        } => {
            let status = ProcessStatus::parse(&status).map_err(Error::user)?;
            let (row, outcome) = processes::add(ctx, &name, &owner, status)?;
            let line = row.id.clone();
            (row, outcome, line)
        }
        ProcessCommand::Set { id, status } => {
            let status = ProcessStatus::parse(&status).map_err(Error::user)?;
            let (row, old, outcome) = processes::set_status(ctx, &id, status)?;
            let line = format!("{}: {old} → {}", row.id, row.status);
            (row, outcome, line)
        }
    };
    out.outcome(&outcome);
    if out.json {
        out.print_json(&row);
    } else if !out.quiet {
        out.println(&line);
    }
    Ok(0)
}
use crate::render::style::{DIM, GOOD, WARN};
use crate::render::table::TableBuilder;

pub fn run(ctx: &Ctx, out: &Out) -> Result<i32> {
    let rows = processes::list(ctx)?;
    if out.json {
        out.print_json(&rows);
        return Ok(0);
    }
    if rows.is_empty() {
        out.println("No core processes documented yet. Add one: pulse process add NAME --owner H");
        return Ok(0);
    }
    let mut table = TableBuilder::new(
        out.painter,
        &["process", "owner", "status", "last changed", "file"],
    );
    for r in &rows {
        let style = match r.status {
            "followed-by-all" => GOOD,
            "documented" | "packaged" => WARN,
            _ => DIM,
        };
        table.styled_row(vec![
            (r.name.clone(), None),
            (r.owner.clone(), None),
            (r.status.to_string(), Some(style)),
            (
                r.last_changed
                    .clone()
                    .unwrap_or_else(|| "not committed".into()),
                None,
            ),
            (r.file.clone(), None),
        ]);
    }
    let followed = rows
        .iter()
        .filter(|r| r.status == "followed-by-all")
        .count();
    let mut text = table.shrink(0).render();
    text.push_str(&format!(
        "\n{}, {followed} followed by all\n",
        crate::render::words::count(rows.len(), "core process", "core processes")
    ));
    out.print(&text);
    Ok(0)
}
