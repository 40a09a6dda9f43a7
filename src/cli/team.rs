//! `pulse team add|edit|remove|member` and `pulse teams`: departmental
//! teams, each with its own Level 10 meeting (SPEC §7).

use super::complete;
use super::output::Out;
use crate::error::Result;
use crate::model::team::TeamFile;
use crate::ops::Ctx;
use crate::ops::teams::{self, MeetingChange, NewTeam};
use crate::render::table::TableBuilder;
use clap::{Args, Subcommand};

#[derive(Subcommand)]
pub enum TeamCommand {
    /// Add a team: teams/NAME/team.toml
    #[command(
        after_help = "A [meeting] key not given comes from company.toml. Work in the team's folder\n(teams/NAME/) or give -t NAME to act on it.\n\nExamples:\n  pulse team add sales --name Sales --weekday tuesday --time 10:00 --minutes 60 --member amy --member raj\n  pulse -t sales agenda"
    )]
    Add {
        /// The team's name on the command line and its folder: a slug (sales, customer-success)
        name: String,
        /// Its display name (default: from the slug, "Sales")
        #[arg(long = "name", id = "display", value_name = "N")]
        display: Option<String>,
        #[command(flatten)]
        meeting: MeetingArgs,
        /// A member (repeatable); members must be on the roster
        #[arg(long, value_name = "H", add = complete::people())]
        member: Vec<String>,
    },
    /// Change a team's display name or meeting
    #[command(after_help = "Example:\n  pulse team edit sales --weekday wednesday --minutes 75")]
    Edit {
        /// The team
        #[arg(add = complete::teams())]
        name: String,
        /// Its display name
        #[arg(long = "name", id = "display", value_name = "N")]
        display: Option<String>,
        #[command(flatten)]
        meeting: MeetingArgs,
    },
    /// Remove a team's folder (refused while it has open work, unless --force)
    #[command(
        after_help = "Examples:\n  pulse team remove sales            lists the open work that keeps it\n  pulse team remove sales --force    removes it all the same"
    )]
    Remove {
        /// The team
        #[arg(add = complete::teams())]
        name: String,
        /// Remove it with its open rocks, issues and to-dos
        #[arg(long)]
        force: bool,
    },
    /// Add or remove a member
    #[command(
        subcommand,
        after_help = "Examples:\n  pulse team member add sales raj\n  pulse team member remove sales raj"
    )]
    Member(MemberCommand),
}

#[derive(Subcommand)]
pub enum MemberCommand {
    /// Add a person to a team
    #[command(after_help = "Example:\n  pulse team member add sales raj")]
    Add {
        /// The team
        #[arg(add = complete::teams())]
        team: String,
        /// The person's handle
        #[arg(add = complete::people())]
        handle: String,
    },
    /// Take a person out of a team
    #[command(after_help = "Example:\n  pulse team member remove sales raj")]
    Remove {
        /// The team
        #[arg(add = complete::teams())]
        team: String,
        /// The person's handle
        #[arg(add = complete::everyone())]
        handle: String,
    },
}

#[derive(Args)]
pub struct MeetingArgs {
    /// The team's meeting day (default: company.toml's)
    #[arg(long, value_name = "DAY", value_parser = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])]
    weekday: Option<String>,
    /// Its start, HH:MM
    #[arg(long, value_name = "HH:MM")]
    time: Option<String>,
    /// Its length in minutes (60 is common for departments)
    #[arg(long, value_name = "M")]
    minutes: Option<u32>,
}

impl MeetingArgs {
    fn change(self) -> MeetingChange {
        MeetingChange {
            weekday: self.weekday,
            time: self.time,
            minutes: self.minutes,
        }
    }
}

#[derive(Args)]
#[command(after_help = "Examples:\n  pulse teams\n  pulse --json teams")]
pub struct TeamsArgs {}

pub fn run(cmd: TeamCommand, ctx: &Ctx, out: &Out) -> Result<i32> {
    let (team, line): (Option<TeamFile>, String) = match cmd {
        TeamCommand::Add {
            name,
            display,
            meeting,
            member,
        } => {
            let (team, outcome) = teams::add(
                ctx,
                NewTeam {
                    id: name.clone(),
                    name: display,
                    meeting: meeting.change(),
                    members: member,
                },
            )?;
            out.outcome(&outcome);
            let line = format!("team {name} added: teams/{name}/team.toml");
            (Some(team), line)
        }
        TeamCommand::Edit {
            name,
            display,
            meeting,
        } => {
            let (team, outcome) = teams::edit(ctx, &name, display.as_deref(), meeting.change())?;
            out.outcome(&outcome);
            (Some(team), format!("team {name} changed"))
        }
        TeamCommand::Remove { name, force } => {
            let (open, outcome) = teams::remove(ctx, &name, force)?;
            out.outcome(&outcome);
            if out.json {
                out.print_json(&serde_json::json!({ "removed": name, "open_work": open }));
                return Ok(0);
            }
            (None, format!("team {name} removed"))
        }
        TeamCommand::Member(MemberCommand::Add { team, handle }) => {
            let (file, outcome) = teams::member(ctx, &team, &handle, true)?;
            out.outcome(&outcome);
            (Some(file), format!("{handle} joins the {team} team"))
        }
        TeamCommand::Member(MemberCommand::Remove { team, handle }) => {
            let (file, outcome) = teams::member(ctx, &team, &handle, false)?;
            out.outcome(&outcome);
            (Some(file), format!("{handle} leaves the {team} team"))
        }
    };
    if out.json {
        out.print_json(&team);
    } else if !out.quiet {
        out.println(&crate::render::escape(&line));
    }
    Ok(0)
}

pub fn list(_args: TeamsArgs, ctx: &Ctx, out: &Out) -> Result<i32> {
    let all = teams::overview(ctx)?;
    if out.json {
        out.print_json(&all);
        return Ok(0);
    }
    let mut table = TableBuilder::new(
        out.painter,
        &[
            "team", "meets", "rocks", "misses", "issues", "to-dos", "rated",
        ],
    );
    for t in &all {
        let weekday: String = t.weekday.chars().take(3).collect();
        let rocks = format!("{} on, {} off", t.on_track, t.off_track);
        // Misses of the values recorded for the team's scorecard week.
        let misses = if t.recorded == 0 {
            "-".to_string()
        } else {
            format!("{} of {}", t.misses, t.recorded)
        };
        let todos = match t.todo_completion {
            Some((done, due)) if due > 0 => format!("{}%", done * 100 / due),
            _ => "-".to_string(),
        };
        let rated = t
            .last_rating
            .map(|r| format!("{r:.1}"))
            .unwrap_or_else(|| "-".into());
        table.row(&[
            t.id.clone(),
            format!("{weekday} {}", t.time),
            rocks,
            misses,
            t.open_issues.to_string(),
            todos,
            rated,
        ]);
    }
    let mut text = table.render();
    text.push('\n');
    for t in &all {
        text.push_str(&format!(
            "{}: {}\n",
            t.id,
            if t.members.is_empty() {
                "no members yet".to_string()
            } else {
                t.members.join(", ")
            }
        ));
    }
    out.print(&text);
    Ok(0)
}
