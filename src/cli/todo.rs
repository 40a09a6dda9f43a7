//! `pulse todo ...` and `pulse todos`.

use super::output::Out;
use super::{complete, values};
use crate::error::Result;
use crate::model::todo::Todo;
use crate::ops::Ctx;
use crate::ops::change::Outcome;
use crate::ops::todo_edit::{self, TodoEdit};
use crate::ops::todos::{self, NewTodo};
use crate::render::style::{BAD, DIM, GOOD};
use crate::render::table::TableBuilder;
use clap::{Args, Subcommand};

#[derive(Subcommand)]
pub enum TodoCommand {
    /// Add a to-do (due in 7 days unless --due)
    #[command(
        after_help = "Examples:\n  pulse todo add \"Call the ten largest accounts\" --owner amy\n  pulse todo add \"Draft the price change\" --owner zoe --due 2026-12-03 --issue churn"
    )]
    Add {
        /// What is to be done, in a few words
        title: String,
        /// Who does it (a handle)
        #[arg(long, value_name = "H", add = complete::people())]
        owner: String,
        /// YYYY-MM-DD (default: 7 days from today)
        #[arg(long, value_name = "D")]
        due: Option<String>,
        /// The issue it came from (id or unique prefix)
        #[arg(long, value_name = "ID", add = complete::issues())]
        issue: Option<String>,
    },
    /// Mark a to-do done today
    #[command(after_help = "Example:\n  pulse todo done call-the")]
    Done {
        /// The to-do's id, or a unique prefix of it or of one of its words
        #[arg(add = complete::open_todos())]
        id: String,
    },
    /// Reopen a to-do marked done by mistake (an archived one comes back)
    #[command(after_help = "Example:\n  pulse todo reopen call-the")]
    Reopen {
        /// The to-do's id, or a unique prefix of it or of one of its words
        #[arg(add = complete::done_todos())]
        id: String,
    },
    /// Fix a to-do: its title, owner or due date
    #[command(
        after_help = "The id stays the same when the title changes.\n\nExamples:\n  pulse todo edit call-the --owner ian --due 2026-12-04\n  pulse todo edit call-the --title \"Call the twenty largest accounts\""
    )]
    Edit {
        /// The to-do's id, or a unique prefix of it or of one of its words
        #[arg(add = complete::todos())]
        id: String,
        /// The new title
        #[arg(long, value_name = "T")]
        title: Option<String>,
        /// The new owner (a handle)
        #[arg(long, value_name = "H", add = complete::people())]
        owner: Option<String>,
        /// The new due date, YYYY-MM-DD (a past date makes it overdue)
        #[arg(long, value_name = "D")]
        due: Option<String>,
    },
    /// Remove a to-do added by mistake
    #[command(after_help = "Example:\n  pulse todo remove call-the-2")]
    Remove {
        /// The to-do's id, or a unique prefix of it or of one of its words
        #[arg(add = complete::todos())]
        id: String,
    },
}

#[derive(Args)]
#[command(after_help = "Examples:\n  pulse todos\n  pulse todos --all --owner amy")]
pub struct TodosArgs {
    /// Include the done ones
    #[arg(long)]
    all: bool,
    /// Only this person's to-dos
    #[arg(long, value_name = "H", add = complete::everyone())]
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
        TodoCommand::Edit {
            id,
            title,
            owner,
            due,
        } => {
            let fix = TodoEdit {
                title: title.as_deref(),
                owner: owner.as_deref(),
                due: due.map(|d| values::date(&d, "--due")).transpose()?,
            };
            let (todo, outcome) = todo_edit::edit(ctx, &id, fix)?;
            let line = format!(
                "{}: {} ({}, due {})",
                todo.id,
                todo.title,
                todo.owner,
                todo.due.map(|d| d.0.to_string()).unwrap_or_default()
            );
            return report(out, &todo, &outcome, &line);
        }
        TodoCommand::Remove { id } => {
            let (todo, outcome) = todo_edit::remove(ctx, &id)?;
            return report(out, &todo, &outcome, &format!("{}: removed", todo.id));
        }
        TodoCommand::Reopen { id } => {
            let (todo, outcome) = todos::reopen(ctx, &id)?;
            return report(out, &todo, &outcome, &format!("{}: open again", todo.id));
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

/// Prints a changed to-do: as JSON, or one line.
fn report(out: &Out, todo: &Todo, outcome: &Outcome, line: &str) -> Result<i32> {
    out.outcome(outcome);
    if out.json {
        out.print_json(todo);
    } else if !out.quiet {
        out.println(&crate::render::escape(line));
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
                "To-dos done on time, last 7 days: {done}/{due} = {pct}% ({verdict} the EOS goal, 90%)\n"
            )
        }
        None => "To-do completion, last 7 days: nothing was due\n".to_string(),
    }
}

pub fn todo_table(out: &Out, todos: &[Todo], ctx: &Ctx) -> String {
    let mut table = TableBuilder::new(out.painter, &["to-do", "title", "owner", "due", "state"]);
    let ids: Vec<&str> = todos.iter().map(|t| t.id.as_str()).collect();
    let universe = crate::ops::todos::resolvable_ids(ctx).unwrap_or_default();
    let short = crate::model::ids::shortest_among(&ids, &universe);
    for (t, id) in todos.iter().zip(short) {
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
            (id, None),
            (t.title.clone(), None),
            (t.owner.clone(), None),
            (due, None),
            (state, Some(style)),
        ]);
    }
    table.shrink(1).render()
}
