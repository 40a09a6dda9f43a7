//! `pulse scorecard [--weeks N] [--owner H]`, `scorecard add`, `scorecard
//! record`, `edit`, `remove`, `import`; `pull`, `trust` and `untrust` print
//! through `sources.rs`.

use super::output::Out;
use super::values;
use crate::error::{Error, Result};
use crate::ops::Ctx;
use crate::ops::{scorecard, scorecard_import};
use crate::render::scorecard::scorecard_table;
use clap::{Args, Subcommand};

#[derive(Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  pulse scorecard\n  pulse scorecard --weeks 4 --owner amy\n  pulse scorecard add \"New qualified leads\" --owner amy --goal \">= 20\"\n  pulse scorecard record new-leads 23"
)]
pub struct ScorecardArgs {
    #[command(subcommand)]
    command: Option<ScorecardCommand>,
    /// How many weeks to show
    #[arg(long, default_value_t = 13)]
    weeks: usize,
    /// Only this person's measurables
    #[arg(long, value_name = "H", add = super::complete::everyone())]
    owner: Option<String>,
}

#[derive(Subcommand)]
enum ScorecardCommand {
    /// Define a measurable
    #[command(
        after_help = "Goals: \">= 20\", \"<= 2\", \"== 0\", \"> 0\", \"< 5\" or a range \"10..20\".\n\nExample:\n  pulse scorecard add \"Gross margin\" --owner zoe --goal \">= 45\" --unit %"
    )]
    Add {
        /// The measurable's name (its id is made from it)
        name: String,
        /// Who owns the number (a handle)
        #[arg(long, value_name = "H", add = super::complete::people())]
        owner: String,
        /// The weekly goal: ">= 20", "<= 2", "== 0", "> 0", "< 5" or "10..20", with
        /// its unit if you like (">= 40%", ">= $10,000": then the unit is set)
        #[arg(long, allow_hyphen_values = true)]
        goal: String,
        /// Display unit: "$", "%", "h", ...
        #[arg(long)]
        unit: Option<String>,
        /// A command that prints the week's value, for `scorecard pull` (trusted in this clone)
        #[arg(long, value_name = "CMD", allow_hyphen_values = true)]
        source: Option<String>,
    },
    /// Record a week's value (default: the scorecard week, which the next meeting reviews)
    #[command(
        after_help = "Examples:\n  pulse scorecard record new-leads 23\n  pulse scorecard record margin 47% --week 2026-W47 --note \"one-off credit\""
    )]
    Record {
        /// The measurable's id or a unique prefix
        #[arg(add = super::complete::measurables())]
        measurable: String,
        /// The week's number (23, 4.5, 47%, $1,200)
        #[arg(allow_hyphen_values = true)]
        value: String,
        /// YYYY-Www (default: the scorecard week: the last that starts before the next meeting's own week)
        #[arg(long)]
        week: Option<String>,
        /// A note on the value (why it missed, where it came from)
        #[arg(long)]
        note: Option<String>,
    },
    /// Change a measurable's name, owner, goal, unit or source (its values stay)
    #[command(
        after_help = "Example:\n  pulse scorecard edit new-leads --goal \">= 25\" --owner zoe"
    )]
    Edit {
        /// The measurable's id or a unique prefix
        #[arg(add = super::complete::measurables())]
        measurable: String,
        /// The new name (the id stays)
        #[arg(long)]
        name: Option<String>,
        /// The new owner (a handle)
        #[arg(long, value_name = "H", add = super::complete::people())]
        owner: Option<String>,
        /// The new goal: ">= 20", "<= 2", "== 0", "> 0", "< 5" or "10..20", with its
        /// unit if you like (">= 45%": then the unit is set)
        #[arg(long, allow_hyphen_values = true)]
        goal: Option<String>,
        /// With --goal: the week the new goal holds from, YYYY-Www (default: the
        /// scorecard week); earlier weeks keep the goal they had
        #[arg(long, value_name = "WEEK", requires = "goal")]
        from: Option<String>,
        /// The new display unit: "$", "%", "h", ...
        #[arg(long)]
        unit: Option<String>,
        /// A command that prints the week's value (trusted in this clone); "" removes it
        #[arg(long, value_name = "CMD", allow_hyphen_values = true)]
        source: Option<String>,
    },
    /// Remove a measurable's definition (its values stay in scorecard.csv)
    #[command(after_help = "Example:\n  pulse scorecard remove trials-started")]
    Remove {
        /// The measurable's id or a unique prefix
        #[arg(add = super::complete::measurables())]
        measurable: String,
    },
    /// Import a wide spreadsheet: measurable,owner,goal[,unit], then a column per week
    #[command(
        after_help = "The header names the columns: measurable (or name), owner, goal, optionally unit,\nthen one column per week: 2026-W02, 2026-01-05, 1/5/26 (month first), Jan 5 or\n5-Jan (the week holding that date; without a year, the latest such date that\nhas begun). Owners are handles or full names from the roster; a goal may carry\nits unit (>= 40%, >= $10,000). Blank and summary rows (Total, Average) are\nskipped with a note. Unknown measurables are defined; every non-empty cell is\nrecorded; values already held are reported unchanged. A goal that differs from\npulse's is reported; --update-goals sets it from the sheet's last week.\n`pulse export --format csv` writes scorecard-wide.csv in this form.\n\nExamples:\n  pulse scorecard import scorecard-2026.csv\n  pulse scorecard import scorecard-2026.csv --update-goals"
    )]
    Import {
        /// The CSV file to read
        file: std::path::PathBuf,
        /// Set each changed goal from the sheet, from the sheet's last week on
        #[arg(long)]
        update_goals: bool,
    },
    /// Fill the week from the measurables' sources, in one commit
    #[command(
        after_help = "Each source runs with `sh -c` in the company folder, standard input closed, with\nPULSE_WEEK (2026-W47), PULSE_WEEK_START and PULSE_WEEK_END (its Monday and Sunday)\nand PULSE_MEASURABLE in its environment. Its first line of output is the value\n(23, 4.5, 98%, $1,200); a second line, if not blank, is the value's note. Each has\n[scorecard] source_timeout seconds (default 30) before it and every process it\nstarted are killed. Only sources trusted in this clone run (see `scorecard trust`).\nExit 1 when any failed or was refused; the values that came back are recorded.\n\nExamples:\n  pulse scorecard pull\n  pulse scorecard pull new-leads uptime --week 2026-W47\n  pulse scorecard pull --dry-run"
    )]
    Pull {
        /// The measurables to pull (default: every one with a source)
        #[arg(value_name = "MEASURABLE", add = super::complete::measurables())]
        measurables: Vec<String>,
        /// YYYY-Www (default: the week the next meeting reviews)
        #[arg(long)]
        week: Option<String>,
        /// Run the sources and show what would be recorded; write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Trust sources to run in this clone: their command and the files it names
    #[command(
        after_help = "A source arrives with `git pull`: it is someone else's code until you trust it here,\nas direnv's `allow`. Trust keeps the command's exact text and the hash of every file\ninside the company folder it names (a script), in .git/pulse/ (never committed).\nWhen either changes, the source is untrusted again and `pull` refuses it.\n\nExamples:\n  pulse scorecard trust new-leads\n  pulse scorecard trust"
    )]
    Trust {
        /// The measurables whose sources to trust (default: every one with a source)
        #[arg(value_name = "MEASURABLE", add = super::complete::measurables())]
        measurables: Vec<String>,
    },
    /// Stop trusting sources in this clone
    #[command(
        after_help = "Examples:\n  pulse scorecard untrust new-leads\n  pulse scorecard untrust"
    )]
    Untrust {
        /// The measurables whose sources to stop trusting (default: all of them)
        #[arg(value_name = "MEASURABLE", add = super::complete::measurables())]
        measurables: Vec<String>,
    },
}

/// A recorded value in words: `new-leads 2026-W47: 23 (hit, goal >= 20)`,
/// with the value it replaced.
pub fn recorded_line(rec: &scorecard::Recorded) -> String {
    let verdict = if rec.hit { "hit" } else { "miss" };
    let shown = |n: f64| crate::model::number::with_unit(n, &rec.unit);
    let replaced = match (rec.replaced, rec.reviewed) {
        (Some(r), Some(held)) => format!(
            ", replaces {}, which the meeting of {held} reviewed",
            shown(r)
        ),
        (Some(r), None) => format!(", replaces {}", shown(r)),
        _ => String::new(),
    };
    format!(
        "{} {}: {} ({verdict}, goal {}{replaced})",
        rec.measurable,
        rec.week,
        shown(rec.value),
        crate::model::number::goal_with_unit(rec.goal, &rec.unit)
    )
}

pub fn run(args: ScorecardArgs, ctx: &Ctx, out: &Out) -> Result<i32> {
    match args.command {
        None => show(args.weeks, args.owner.as_deref(), ctx, out),
        Some(ScorecardCommand::Add {
            name,
            owner,
            goal,
            unit,
            source,
        }) => {
            let goal = values::goal(&goal)?;
            let unit = values::unit_of(unit, Some(&goal));
            let goal = goal.0;
            let (m, outcome) =
                scorecard::add(ctx, &name, &owner, goal, unit.as_deref(), source.as_deref())?;
            out.outcome(&outcome);
            if out.json {
                out.print_json(&m);
            } else {
                out.println(&m.id);
            }
            Ok(0)
        }
        Some(ScorecardCommand::Record {
            measurable,
            value,
            week,
            note,
        }) => {
            let value = values::value(&value)?;
            let week = week.map(|w| values::week(&w)).transpose()?;
            let (rec, outcome) = scorecard::record(ctx, &measurable, value, week, note.as_deref())?;
            out.outcome(&outcome);
            if out.json {
                out.print_json(&rec);
            } else if !out.quiet {
                out.println(&recorded_line(&rec));
            }
            Ok(0)
        }
        Some(ScorecardCommand::Edit {
            measurable,
            name,
            owner,
            goal,
            from,
            unit,
            source,
        }) => {
            let goal = goal.map(|g| values::goal(&g)).transpose()?;
            let unit = values::unit_of(unit, goal.as_ref());
            let goal = goal.map(|(g, _)| g);
            let from = from.map(|w| values::week(&w)).transpose()?;
            let (m, outcome) = scorecard::edit(
                ctx,
                &measurable,
                name.as_deref(),
                owner.as_deref(),
                goal.map(|g| (g, from)),
                unit.as_deref(),
                source.as_deref(),
            )?;
            out.outcome(&outcome);
            if out.json {
                out.print_json(&m);
            } else if !out.quiet {
                out.println(&crate::render::escape(&format!(
                    "{}: {} ({}, goal {})",
                    m.id, m.name, m.owner, m.goal
                )));
            }
            Ok(0)
        }
        Some(ScorecardCommand::Remove { measurable }) => {
            let (m, outcome) = scorecard::remove(ctx, &measurable)?;
            out.outcome(&outcome);
            if out.json {
                out.print_json(&m);
            } else if !out.quiet {
                out.println(&format!(
                    "{}: removed (its values stay in scorecard.csv)",
                    m.id
                ));
            }
            Ok(0)
        }
        Some(ScorecardCommand::Pull {
            measurables,
            week,
            dry_run,
        }) => super::sources::pull(ctx, out, &measurables, week.as_deref(), dry_run),
        Some(ScorecardCommand::Trust { measurables }) => {
            super::sources::trust(ctx, out, &measurables)
        }
        Some(ScorecardCommand::Untrust { measurables }) => {
            super::sources::untrust(ctx, out, &measurables)
        }
        Some(ScorecardCommand::Import { file, update_goals }) => {
            let (report, outcome) = scorecard_import::import(ctx, &file, update_goals)?;
            out.outcome(&outcome);
            if out.json {
                out.print_json(&report);
            } else if !out.quiet {
                out.print(&import_report(&file, &report));
            }
            Ok(0)
        }
    }
}

/// What an import did, in words: the counts, the new measurables, the
/// goals that differ, the rows skipped.
fn import_report(file: &std::path::Path, report: &scorecard_import::Imported) -> String {
    use crate::render::words::count;
    let mut text = String::new();
    let shown = crate::escape::escape(&file.display().to_string()).into_owned();
    if report.is_unchanged() {
        text.push_str(&format!(
            "unchanged: the scorecard already holds {} of {shown}\n",
            count(report.unchanged, "value", "values")
        ));
    } else {
        text.push_str(&format!(
            "imported {} ({} replaced, {} unchanged); measurables: {} new, {} existing; {} left blank\n",
            count(report.values, "value", "values"),
            report.replaced,
            report.unchanged,
            report.measurables_added.len(),
            report.measurables_matched.len(),
            count(report.empty_cells, "empty cell", "empty cells"),
        ));
    }
    if !report.measurables_added.is_empty() {
        text.push_str(&format!("new: {}\n", report.measurables_added.join(", ")));
    }
    for g in &report.goals {
        let id = crate::escape::escape(&g.measurable);
        if g.applied {
            text.push_str(&format!(
                "goal of {id}: {} from {} (was {})\n",
                g.goal, g.from, g.was
            ));
        } else {
            text.push_str(&format!(
                "goal of {id} changed in the sheet: {} (pulse has {}); kept, --update-goals sets it from {}\n",
                g.goal, g.was, g.from
            ));
        }
    }
    for s in &report.skipped {
        let what = if s.text.is_empty() {
            String::new()
        } else {
            format!(" (`{}`)", crate::escape::escape(&s.text))
        };
        text.push_str(&format!("note: line {} skipped{what}: {}\n", s.line, s.why));
    }
    text
}

fn show(weeks: usize, owner: Option<&str>, ctx: &Ctx, out: &Out) -> Result<i32> {
    if !(1..=520).contains(&weeks) {
        return Err(Error::user(format!("--weeks {weeks}: expected 1 to 520")));
    }
    let table = scorecard::table(ctx, weeks, owner)?;
    if out.json {
        out.print_json(&table);
        return Ok(0);
    }
    if table.rows.is_empty() {
        out.println("The scorecard has no measurables yet. Add one: pulse scorecard add NAME --owner H --goal \">= 20\"");
        return Ok(0);
    }
    out.print(&scorecard_table(out.painter, &table));
    Ok(0)
}
