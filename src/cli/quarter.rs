//! `pulse quarter close [Q] [--roll ID]... [--to-issues ID]... [--to-todo ID]... [--all-to-issues]`.

use super::output::Out;
use super::values;
use crate::error::Result;
use crate::ops::quarter::{self, Decisions};
use crate::ops::{Ctx, planning};
use clap::Subcommand;

#[derive(Subcommand)]
pub enum QuarterCommand {
    /// Report rock completion, and move rocks not done on (one commit)
    #[command(
        after_help = "Without --roll, --to-issues or --to-todo it only reports (or settles a quarter whose rocks are all decided).\n\nExamples:\n  pulse quarter close\n  pulse quarter close 2026-Q4 --roll frankfurt --to-issues nrr --to-todo hire\n  pulse quarter close --all-to-issues"
    )]
    Close {
        /// YYYY-Qn (default: the quarter just ending or just ended)
        quarter: Option<String>,
        /// Roll this rock into the next quarter (repeatable)
        #[arg(long)]
        roll: Vec<String>,
        /// Drop this rock to the long-term issues list (repeatable)
        #[arg(long)]
        to_issues: Vec<String>,
        /// Turn the rest of this rock into a to-do for its owner (repeatable)
        #[arg(long, value_name = "ID")]
        to_todo: Vec<String>,
        /// Drop every rock not done (and not otherwise decided) to the issues list
        #[arg(long)]
        all_to_issues: bool,
    },
}

pub fn run(cmd: QuarterCommand, ctx: &Ctx, out: &Out) -> Result<i32> {
    let QuarterCommand::Close {
        quarter,
        roll,
        to_issues,
        to_todo,
        all_to_issues,
    } = cmd;
    let quarter = match quarter {
        Some(q) => values::quarter(&q)?,
        None => planning::review_quarter(ctx.today),
    };
    let (closing, outcome) = quarter::close(
        ctx,
        quarter,
        Decisions {
            roll,
            to_issues,
            to_todos: to_todo,
            all_to_issues,
        },
    )?;
    if let Some(o) = &outcome {
        out.outcome(o);
    }
    if out.json {
        out.print_json(&closing);
        return Ok(0);
    }
    let pct = |r: Option<f64>| r.map(|r| format!("{r:.0}%")).unwrap_or_else(|| "-".into());
    let mut text = format!("Closing {}\n\n", closing.quarter);
    text.push_str(&format!(
        "Company rocks: {} done (goal 80%)\nAll rocks:     {} done\n\n",
        pct(closing.company_rate),
        pct(closing.all_rate)
    ));
    for o in &closing.owners {
        text.push_str(&format!(
            "  {:<12} {}/{} = {}\n",
            o.owner,
            o.done,
            o.counted,
            pct(o.rate)
        ));
    }
    if outcome.is_none() && !closing.open.is_empty() {
        text.push_str(&format!(
            "\nNot done ({}): decide each one with --roll ID (into {}),\n--to-issues ID or --to-todo ID:\n",
            closing.open.len(),
            closing.next
        ));
        for r in &closing.open {
            text.push_str(&format!(
                "  {} — {} ({}, {})\n",
                r.id, r.title, r.owner, r.status
            ));
        }
    }
    if !closing.rolled.is_empty() {
        text.push_str(&format!(
            "\nRolled into {}: {}\n",
            closing.next,
            closing.rolled.join(", ")
        ));
    }
    if !closing.to_issues.is_empty() {
        text.push_str(&format!(
            "To the issues list: {}\n",
            closing.to_issues.join(", ")
        ));
    }
    if !closing.todos.is_empty() {
        text.push_str(&format!("To-dos: {}\n", closing.todos.join(", ")));
    }
    if !closing.already.is_empty() {
        text.push_str(&format!(
            "Already moved on by an earlier close, left as they are: {}\n",
            closing.already.join(", ")
        ));
    }
    if closing.archived > 0 {
        let n = closing.archived;
        text.push_str(&format!(
            "Archived {n} finished {} of {} and before\n",
            if n == 1 { "item" } else { "items" },
            closing.quarter
        ));
    }
    if outcome.is_some() {
        if closing.settled {
            text.push_str(&format!(
                "Settled: every rock of {} is done or not done, and says what became of it\n",
                closing.quarter
            ));
        } else {
            text.push_str(&format!(
                "Still to decide ({}): {}\n",
                closing.undecided.len(),
                closing.undecided.join(", ")
            ));
        }
    }
    out.print(&crate::render::escape_lines(&text));
    Ok(0)
}
