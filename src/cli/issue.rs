//! `pulse issue ...` and `pulse issues`.

use super::complete;
use super::output::Out;
use crate::error::{Error, Result};
use crate::model::issue::{Issue, Term};
use crate::ops::Ctx;
use crate::ops::issue_edit;
use crate::ops::issues::{self, ListFilter};
use crate::render::style::{DIM, GOOD, WARN};
use crate::render::table::TableBuilder;
use clap::{Args, Subcommand};

#[derive(Subcommand)]
pub enum IssueCommand {
    /// Raise an issue (short-term unless --long)
    #[command(
        after_help = "Examples:\n  pulse issue add \"Churn doubled in two weeks\" --owner amy\n  pulse issue add \"Open a second data centre\" --long"
    )]
    Add {
        /// The issue, in a few words
        title: String,
        /// Who raised it or owns it (a handle)
        #[arg(long, value_name = "H", add = complete::people())]
        owner: Option<String>,
        /// Put it on the long-term (V/TO) list
        #[arg(long)]
        long: bool,
    },
    /// Set this week's top three (priority 1, 2, 3 in this order)
    #[command(after_help = "Example:\n  pulse issue top churn hiring pricing")]
    Top {
        /// One to three issue ids (or unique prefixes), most important first
        #[arg(required = true, num_args = 1..=3, value_name = "ID", add = complete::issues())]
        ids: Vec<String>,
    },
    /// Solve an issue, with a to-do for each --todo
    #[command(
        after_help = "Example:\n  pulse issue solve churn --resolution \"Call every account that left\" \\\n      --todo \"Call the ten largest accounts\" --owner amy --todo \"Exit survey\" --owner zoe"
    )]
    Solve {
        /// The issue's id, or a unique prefix of it or of one of its words
        #[arg(add = complete::issues())]
        id: String,
        /// What was decided
        #[arg(long)]
        resolution: Option<String>,
        /// A to-do that comes out of the solution (repeatable)
        #[arg(long = "todo", value_name = "TITLE")]
        todos: Vec<String>,
        /// The owner of each --todo, in order (one --owner serves them all)
        #[arg(long = "owner", value_name = "H", add = complete::people())]
        owners: Vec<String>,
    },
    /// Drop an issue: it is no longer an issue
    #[command(after_help = "Example:\n  pulse issue drop office-plants")]
    Drop {
        /// The issue's id, or a unique prefix of it or of one of its words
        #[arg(add = complete::issues())]
        id: String,
    },
    /// Reopen a solved or dropped issue
    #[command(after_help = "Example:\n  pulse issue reopen churn")]
    Reopen {
        /// The issue's id, or a unique prefix of it or of one of its words
        #[arg(add = complete::issues())]
        id: String,
    },
    /// Move an issue between the short- and long-term lists, or to another team
    #[command(
        after_help = "--team hands the issue up (to leadership) or down (to a department): it keeps
its id when that is free there, and records the team it came from.

Examples:
  pulse issue move second-dc --short
  pulse -t sales issue move pricing --team leadership"
    )]
    Move {
        /// The issue's id, or a unique prefix of it or of one of its words
        #[arg(add = complete::issues())]
        id: String,
        /// To the long-term (V/TO) list
        #[arg(long, conflicts_with_all = ["short", "team"], required_unless_present_any = ["short", "team"])]
        long: bool,
        /// To the short-term list (the weekly meeting's)
        #[arg(long, conflicts_with = "team")]
        short: bool,
        /// To another team's issues list (leadership, or a department)
        #[arg(long, value_name = "T", add = complete::teams())]
        team: Option<String>,
        /// With --team: the team it leaves (default: the team whose folder you
        /// are in, PULSE_TEAM, else leadership)
        #[arg(long, value_name = "T", requires = "team", add = complete::teams())]
        from: Option<String>,
    },
    /// Fix an issue: its title or owner
    #[command(
        after_help = "The id stays the same when the title changes.\n\nExamples:\n  pulse issue edit churn --owner zoe\n  pulse issue edit churn --title \"Churn tripled in three weeks\""
    )]
    Edit {
        /// The issue's id, or a unique prefix of it or of one of its words
        #[arg(add = complete::issues())]
        id: String,
        /// The new title
        #[arg(long, value_name = "T")]
        title: Option<String>,
        /// The new owner (a handle)
        #[arg(long, value_name = "H", add = complete::people())]
        owner: Option<String>,
    },
    /// Remove an issue raised by mistake (one that is no longer an issue: `issue drop`)
    #[command(
        after_help = "To-dos that came from it stay, without the link to it.\n\nExample:\n  pulse issue remove churn-spike-2"
    )]
    Remove {
        /// The issue's id, or a unique prefix of it or of one of its words
        #[arg(add = complete::issues())]
        id: String,
    },
}

#[derive(Args)]
#[command(
    after_help = "Examples:\n  pulse issues\n  pulse issues --long          the V/TO's long-term list\n  pulse issues --all --owner amy"
)]
pub struct IssuesArgs {
    /// Include solved and dropped issues
    #[arg(long)]
    all: bool,
    /// The long-term list
    #[arg(long)]
    long: bool,
    /// Only this person's issues
    #[arg(long, value_name = "H", add = complete::everyone())]
    owner: Option<String>,
}

/// The team an `issue move --team T` takes the issue from. SPEC §2 names
/// both the global team and the target `--team`, and clap keeps one value
/// under one name, so the source is `--from`, else a `-t`/`--team` given
/// before the subcommand (`before`), else `PULSE_TEAM`, else the folder.
pub fn move_source(cmd: &IssueCommand, before: Option<String>) -> Option<Option<String>> {
    match cmd {
        IssueCommand::Move {
            team: Some(_),
            from,
            ..
        } => Some(
            from.clone()
                .or(before)
                .or_else(|| std::env::var("PULSE_TEAM").ok().filter(|t| !t.is_empty())),
        ),
        _ => None,
    }
}

pub fn run(cmd: IssueCommand, ctx: &Ctx, out: &Out) -> Result<i32> {
    let (issue, line, outcome) = match cmd {
        IssueCommand::Add { title, owner, long } => {
            let term = if long { Term::Long } else { Term::Short };
            let (issue, outcome) = issues::add(ctx, &title, owner.as_deref(), term)?;
            out.outcome(&outcome);
            if out.json {
                out.print_json(&issue);
            } else {
                out.println(&issue.id);
            }
            return Ok(0);
        }
        IssueCommand::Top { ids } => {
            let (top, outcome) = issues::top(ctx, &ids)?;
            out.outcome(&outcome);
            if out.json {
                out.print_json(&top);
            } else if !out.quiet {
                for i in &top {
                    out.println(&format!(
                        "{}. {}",
                        i.priority.unwrap_or(0),
                        crate::render::escape(&format!("{} — {}", i.id, i.title))
                    ));
                }
            }
            return Ok(0);
        }
        IssueCommand::Solve {
            id,
            resolution,
            todos,
            owners,
        } => {
            let pairs = pair_todos(&todos, &owners)?;
            let (solved, outcome) = issues::solve(ctx, &id, resolution.as_deref(), &pairs)?;
            out.outcome(&outcome);
            if out.json {
                out.print_json(
                    &serde_json::json!({ "issue": solved.issue, "todos": solved.todos }),
                );
            } else if !out.quiet {
                let mut text = format!("{}: solved\n", solved.issue.id);
                for t in &solved.todos {
                    text.push_str(&format!(
                        "  to-do {} ({}, due {})\n",
                        t.id,
                        t.owner,
                        t.due.map(|d| d.0.to_string()).unwrap_or_default()
                    ));
                }
                out.print(&crate::render::escape_lines(&text));
            }
            return Ok(0);
        }
        IssueCommand::Drop { id } => {
            let (i, o) = issues::drop(ctx, &id)?;
            let line = format!("{}: dropped", i.id);
            (i, line, o)
        }
        IssueCommand::Reopen { id } => {
            let (i, o) = issues::reopen(ctx, &id)?;
            let line = format!("{}: open again", i.id);
            (i, line, o)
        }
        IssueCommand::Edit { id, title, owner } => {
            let (i, o) = issue_edit::edit(ctx, &id, title.as_deref(), owner.as_deref())?;
            let owner = if i.owner.is_empty() {
                "no owner"
            } else {
                &i.owner
            };
            let line = format!("{}: {} ({owner})", i.id, i.title);
            (i, line, o)
        }
        IssueCommand::Remove { id } => {
            let (i, unlinked, o) = issue_edit::remove(ctx, &id)?;
            let line = if unlinked.is_empty() {
                format!("{}: removed", i.id)
            } else {
                format!(
                    "{}: removed; its to-dos stay, unlinked: {}",
                    i.id,
                    unlinked.join(", ")
                )
            };
            (i, line, o)
        }
        IssueCommand::Move {
            id,
            team: Some(team),
            ..
        } => {
            let (i, o) = issues::move_to_team(ctx, &id, &team)?;
            let line = format!("{}: moved to the {team} team's issues list", i.id);
            (i, line, o)
        }
        IssueCommand::Move { id, long, .. } => {
            let term = if long { Term::Long } else { Term::Short };
            let (i, o) = issues::move_to(ctx, &id, term)?;
            let line = format!("{}: moved to the {}-term list", i.id, term.as_str());
            (i, line, o)
        }
    };
    out.outcome(&outcome);
    if out.json {
        out.print_json(&issue);
    } else if !out.quiet {
        out.println(&crate::render::escape(&line));
    }
    Ok(0)
}

/// Pairs each `--todo` with its `--owner`: one owner for each, or one for all.
fn pair_todos(todos: &[String], owners: &[String]) -> Result<Vec<(String, String)>> {
    match (todos.len(), owners.len()) {
        (0, 0) => Ok(Vec::new()),
        (0, _) => Err(Error::user(
            "--owner goes with --todo: pulse issue solve ID --todo TITLE --owner H",
        )),
        (_, 0) => Err(Error::user(
            "each --todo needs an owner: --todo TITLE --owner H",
        )),
        (t, 1) => Ok((0..t)
            .map(|i| (todos[i].clone(), owners[0].clone()))
            .collect()),
        (t, o) if t == o => Ok(todos.iter().cloned().zip(owners.iter().cloned()).collect()),
        (t, o) => Err(Error::user(format!(
            "{t} --todo but {o} --owner: give one --owner per --todo, or one for all"
        ))),
    }
}

pub fn list(args: IssuesArgs, ctx: &Ctx, out: &Out) -> Result<i32> {
    let issues = issues::list(
        ctx,
        ListFilter {
            all: args.all,
            long: args.long,
            owner: args.owner.as_deref(),
        },
    )?;
    if out.json {
        out.print_json(&issues);
        return Ok(0);
    }
    let which = if args.long { "long-term" } else { "short-term" };
    if issues.is_empty() {
        out.println(&format!("No open {which} issues."));
        return Ok(0);
    }
    let open = issues.iter().filter(|i| i.is_open()).count();
    let mut text = issue_table(out, &issues, ctx);
    text.push_str(&format!(
        "\n{open} open {which} issue{}\n",
        if open == 1 { "" } else { "s" }
    ));
    out.print(&text);
    Ok(0)
}

pub fn issue_table(out: &Out, issues: &[Issue], ctx: &Ctx) -> String {
    let mut table = TableBuilder::new(
        out.painter,
        &["#", "issue", "title", "owner", "age", "status"],
    );
    let ids: Vec<&str> = issues.iter().map(|i| i.id.as_str()).collect();
    let universe = crate::ops::issues::resolvable_ids(ctx).unwrap_or_default();
    let short = crate::model::ids::shortest_among(&ids, &universe);
    for (i, id) in issues.iter().zip(short) {
        let rank = i
            .priority
            .filter(|_| i.is_open())
            .map(|p| p.to_string())
            .unwrap_or_default();
        let age = i
            .created
            .map(|c| format!("{}d", (ctx.today - c.0).num_days().max(0)))
            .unwrap_or_else(|| "-".into());
        let (status, style) = match i.status {
            crate::model::issue::IssueStatus::Open if i.priority.is_some() => {
                ("top".to_string(), Some(WARN))
            }
            crate::model::issue::IssueStatus::Open => ("open".to_string(), None),
            s => (
                format!(
                    "{}{}",
                    s.as_str(),
                    i.solved.map(|d| format!(" {}", d.0)).unwrap_or_default()
                ),
                Some(if s == crate::model::issue::IssueStatus::Solved {
                    GOOD
                } else {
                    DIM
                }),
            ),
        };
        table.styled_row(vec![
            (rank, None),
            (id, None),
            (i.title.clone(), None),
            (i.owner.clone(), None),
            (age, None),
            (status, style),
        ]);
    }
    table.shrink(2).render()
}
