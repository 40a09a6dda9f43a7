//! `pulse archive [--before Q]`.

use super::output::Out;
use super::values;
use crate::error::Result;
use crate::model::time::Quarter;
use crate::ops::{Ctx, archive};
use clap::Args;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Args)]
#[command(
    after_help = "A done to-do goes to the quarter of its `done` date, a solved or dropped issue\nto the quarter of its `solved` date: archive/<quarter>/todos.toml and issues.toml.\nArchiving twice moves nothing; history commands read the archive too.\n\nExamples:\n  pulse archive\n  pulse archive --before 2026-Q3"
)]
pub struct ArchiveArgs {
    /// Archive what was finished before this quarter, YYYY-Qn (default: the current quarter)
    #[arg(long, value_name = "QUARTER")]
    before: Option<String>,
}

pub fn run(args: ArchiveArgs, ctx: &Ctx, out: &Out) -> Result<i32> {
    let before = match &args.before {
        Some(q) => values::quarter(q)?,
        None => Quarter::of(ctx.today),
    };
    let (archived, outcome) = archive::archive(ctx, before)?;
    if let Some(o) = &outcome {
        out.outcome(o);
    }
    if out.json {
        out.print_json(&archived);
        return Ok(0);
    }
    if out.quiet {
        return Ok(0);
    }
    if archived.is_empty() {
        out.println(&format!(
            "Nothing to archive: the live lists hold nothing finished before {before}."
        ));
        return Ok(0);
    }
    let mut text = format!(
        "Archived {} finished before {before}:\n",
        archive::counts(archived.todo_count(), archived.issue_count())
    );
    let quarters: BTreeSet<&Quarter> = archived
        .todos
        .keys()
        .chain(archived.issues.keys())
        .collect();
    for q in quarters {
        let n = |m: &BTreeMap<Quarter, Vec<String>>| m.get(q).map_or(0, Vec::len);
        text.push_str(&format!(
            "  {}/  {}\n",
            ctx.ws
                .file(ctx.ws.archive_dir().join(q.to_string()))
                .display,
            archive::counts(n(&archived.todos), n(&archived.issues))
        ));
    }
    out.text(&text);
    Ok(0)
}
