//! `pulse todo ...` and `pulse todos`.

use super::output::Out;
use super::values;
use crate::error::Result;
use crate::model::todo::Todo;
use crate::ops::Ctx;
use crate::ops::todos::{self, NewTodo};
use crate::render::style::{BAD, DIM, GOOD};
use crate::render::table::TableBuilder;
use clap::{Args, Subcommand};

/// Change the 7-day to-do list
#[derive(Subcommand)]
pub enum TodoCommand {
    /// Add a to-do (due in 7 days unless --due)
    #[command(
        after_help = "Examples:\n  pulse todo add \"Call the ten largest accounts\" --owner amy\n  pulse todo add \"Draft the price change\" --owner zoe --due 2026-12-03 --issue churn"
    )]
    Add {
        title: String,
        #[arg(long)]
        owner: String,
        /// YYYY-MM-DD (default: 7 days from today)
        #[arg(long)]
        due: Option<String>,
        /// The issue it came from (id or unique prefix)
        #[arg(long)]
        issue: Option<String>,
    },
    /// Mark a to-do done today
    #[command(after_help = "Example:\n  pulse todo done call-the")]
    Done {
        /// The to-do's id, or a unique prefix of it or of one of its words
        id: String,
    },
    /// Reopen a to-do marked done by mistake (an archived one comes back)
    #[command(after_help = "Example:\n  pulse todo reopen call-the")]
    Reopen {
        /// The to-do's id, or a unique prefix of it or of one of its words
        id: String,
    },
}

/// List the to-dos: open ones, or all with --all
#[derive(Args)]
#[command(after_help = "Examples:\n  pulse todos\n  pulse todos --all --owner amy")]
pub struct TodosArgs {
    /// Include the done ones
    #[arg(long)]
    all: bool,
    #[arg(long)]
    owner: Option<String>,
}

pub fn run(cmd: TodoCommand, ctx: &Ctx, out: &Out) -> Result<i32> {
    let (todo, outcome) = match cmd {
        TodoCommand::Add {
            title,
            owner,
            due,
            issue,
        } => {
            let due = due.map(|d| values::date(&d, "--due")).transpose()?;
            let (todo, outcome) = todos::add(
                ctx,
                NewTodo {
                    title,
                    owner,
                    due,
                    issue,
                },
            )?;
            out.outcome(&outcome);
            if out.json {
                out.print_json(&todo);
            } else {
                out.println(&todo.id);
            }
            return Ok(0);
        }
        TodoCommand::Done { id } => todos::done(ctx, &id)?,
        TodoCommand::Reopen { id } => {
            let (todo, outcome) = todos::reopen(ctx, &id)?;
            out.outcome(&outcome);
            if out.json {
                out.print_json(&todo);
            } else if !out.quiet {
                out.println(&format!("{}: open again", todo.id));
            }
            return Ok(0);
        }
    };
    out.outcome(&outcome);
    if out.json {
        out.print_json(&todo);
    } else if !out.quiet {
        out.println(&format!("{}: done", todo.id));
    }
    Ok(0)
}

pub fn list(args: TodosArgs, ctx: &Ctx, out: &Out) -> Result<i32> {
    let list = todos::list(ctx, args.all, args.owner.as_deref())?;
    if out.json {
        out.print_json(&list.todos);
        return Ok(0);
    }
    let mut text = String::new();
    if list.todos.is_empty() {
        text.push_str("No open to-dos.\n");
    } else {
        text.push_str(&todo_table(out, &list.todos, ctx));
    }
    text.push('\n');
    text.push_str(&completion_line(list.completion));
    out.print(&text);
    Ok(0)
}

pub fn completion_line(completion: Option<(usize, usize)>) -> String {
    match completion {
        Some((done, due)) => {
            let pct = done * 100 / due;
            let verdict = if pct >= 90 { "meets" } else { "below" };
            format!(
                "To-do completion, last 7 days: {done}/{due} done on time = {pct}% ({verdict} the EOS goal of 90%)\n"
            )
        }
        None => "To-do completion, last 7 days: nothing was due\n".to_string(),
    }
}

pub fn todo_table(out: &Out, todos: &[Todo], ctx: &Ctx) -> String {
    let mut table = TableBuilder::new(out.painter, &["to-do", "title", "owner", "due", "state"]);
    for t in todos {
        let due = t
            .due_date()
            .map(|d| d.to_string())
            .unwrap_or_else(|| "-".into());
        let (state, style) = match t.done {
            Some(d) => (format!("done {}", d.0), GOOD),
            None if t.is_overdue(ctx.today) => ("overdue".to_string(), BAD),
            None => ("open".to_string(), DIM),
        };
        table.styled_row(vec![
            (t.id.clone(), None),
            (t.title.clone(), None),
            (t.owner.clone(), None),
            (due, None),
            (state, Some(style)),
        ]);
    }
    table.render()
}
