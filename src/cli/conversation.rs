//! `pulse conversation add|set|show` and `pulse conversations`: the
//! Quarterly Conversations (5-5-5) of SPEC §11.

use super::complete;
use super::output::{Out, warn};
use super::values;
use crate::error::Result;
use crate::ops::Ctx;
use crate::ops::conversation_edit::{self, Fill, Opening};
use crate::ops::conversations::{self, ConversationView};
use crate::render::conversation::{page, table};
use clap::{Args, Subcommand};

const PRIVATE: &str = "A conversation is about a person: people/conversations/<quarter>/<id>.toml is\nwritten, never committed to the company's repository (see [privacy] people_dir).";

#[derive(Subcommand)]
pub enum ConversationCommand {
    /// Open a conversation: the core values, the seat's roles, the rocks and GWC to go over
    #[command(after_help = format!("The manager is the person in the seat that H's seat reports to, unless --with.\nThe rocks are H's rocks of the quarter (every team), with their status.\n{PRIVATE}\n\nExamples:\n  pulse conversation add ian\n  pulse conversation add amy --with zoe --quarter 2026-Q4"))]
    Add {
        /// The direct report (a handle)
        #[arg(add = complete::people())]
        handle: String,
        /// The manager (default: the person in the seat above H's)
        #[arg(long = "with", value_name = "M", add = complete::people())]
        with: Option<String>,
        /// YYYY-Qn (default: the current quarter)
        #[arg(long, value_name = "Q", add = complete::quarters())]
        quarter: Option<String>,
        /// Which of H's seats (default: the first one that reports to a seat)
        #[arg(long, value_name = "SEAT", add = complete::seats())]
        seat: Option<String>,
    },
    /// Fill in a conversation: ratings of values, roles, rocks, GWC, and both sides' notes
    #[command(
        after_help = "Names are matched as in vision.toml and seats.toml (case aside) or by a unique prefix;\nrocks by id. Every flag but the notes may be repeated.\n\nExamples:\n  pulse conversation set ian-2026-q4 --value \"Humbly confident=+\" --value own=+/-\n  pulse conversation set ian --role \"Release quality=true\" --role platform=false\n  pulse conversation set ian --rock frankfurt=off-track --gwc YYN\n  pulse conversation set ian --notes \"I want more time on hiring\" --manager-notes \"Agreed\""
    )]
    Set {
        /// The conversation's id, or a unique prefix of it or of one of its words
        #[arg(add = complete::conversations())]
        id: String,
        /// NAME=RATING: a core value, + or +/- or - (repeatable)
        #[arg(long = "value", value_name = "NAME=RATING", allow_hyphen_values = true)]
        values: Vec<String>,
        /// ROLE=true|false: a role of the seat, done well or not (yes/no too; repeatable)
        #[arg(long = "role", value_name = "ROLE=WELL")]
        roles: Vec<String>,
        /// ID=STATUS: a rock, done or on-track or off-track (repeatable)
        #[arg(long = "rock", value_name = "ID=STATUS")]
        rocks: Vec<String>,
        /// Gets it, wants it, capacity: three letters Y or N, e.g. YYN
        #[arg(long)]
        gwc: Option<String>,
        /// The direct report's notes (replaces them)
        #[arg(long, value_name = "TEXT")]
        notes: Option<String>,
        /// The manager's notes (replaces them)
        #[arg(long, value_name = "TEXT")]
        manager_notes: Option<String>,
    },
    /// Show one conversation
    #[command(after_help = "Example:\n  pulse conversation show ian-2026-q4")]
    Show {
        /// The conversation's id, or a unique prefix of it or of one of its words
        #[arg(add = complete::conversations())]
        id: String,
    },
}

#[derive(Args)]
#[command(
    after_help = "Examples:\n  pulse conversations\n  pulse conversations --person ian --quarter 2026-Q4"
)]
pub struct ConversationsArgs {
    /// Only this person's (the direct report's)
    #[arg(long, value_name = "H", add = complete::everyone())]
    person: Option<String>,
    /// Only this quarter's, YYYY-Qn
    #[arg(long, value_name = "Q", add = complete::quarters())]
    quarter: Option<String>,
}

pub fn run(cmd: ConversationCommand, ctx: &Ctx, out: &Out) -> Result<i32> {
    let (view, outcome, added) = match cmd {
        ConversationCommand::Add {
            handle,
            with,
            quarter,
            seat,
        } => {
            let quarter = values::quarter_or_current(quarter.as_deref(), ctx.today)?;
            let (view, outcome) = conversation_edit::add(
                ctx,
                Opening {
                    person: &handle,
                    with: with.as_deref(),
                    quarter,
                    seat: seat.as_deref(),
                },
            )?;
            (view, outcome, true)
        }
        ConversationCommand::Set {
            id,
            values,
            roles,
            rocks,
            gwc,
            notes,
            manager_notes,
        } => {
            let (view, outcome) = conversation_edit::set_fields(
                ctx,
                &id,
                Fill {
                    values: &values,
                    roles: &roles,
                    rocks: &rocks,
                    gwc: gwc.as_deref(),
                    notes: notes.as_deref(),
                    manager_notes: manager_notes.as_deref(),
                },
            )?;
            (view, outcome, false)
        }
        ConversationCommand::Show { id } => {
            let (view, warnings) = conversations::show(ctx, &id)?;
            for warning in &warnings {
                warn(warning);
            }
            if out.json {
                out.print_json(&view);
            } else {
                out.page(&page(&view), super::agenda::Format::Text, false);
            }
            return Ok(0);
        }
    };
    out.outcome(&outcome);
    if out.json {
        out.print_json(&view);
    } else if added {
        out.println(&view.id);
    } else if !out.quiet {
        out.println(&summary(&view));
    }
    Ok(0)
}

fn summary(view: &ConversationView) -> String {
    format!(
        "{}: {} with {}, {} of {} rated",
        view.id, view.person, view.manager, view.filled, view.to_fill
    )
}

pub fn list(args: ConversationsArgs, ctx: &Ctx, out: &Out) -> Result<i32> {
    let quarter = args.quarter.as_deref().map(values::quarter).transpose()?;
    let (list, warnings) = conversations::list(ctx, args.person.as_deref(), quarter)?;
    for warning in &warnings {
        warn(warning);
    }
    if out.json {
        out.print_json(&list);
    } else if list.is_empty() {
        out.println(
            "No Quarterly Conversations yet. Open one: pulse conversation add H [--with M]",
        );
    } else {
        out.print(&table(out.painter, &list));
    }
    Ok(0)
}
