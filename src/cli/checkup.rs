//! `pulse checkup [--quarter Q]` and `pulse checkup take`: the
//! Organizational Checkup of SPEC §11. Without `--answers`, `take` asks the
//! twenty statements one by one on a terminal, or reads the answers from
//! standard input when it is not one.

use super::complete;
use super::output::Out;
use super::values;
use crate::error::{Error, Result};
use crate::model::checkup::{COUNT, STATEMENTS, parse_answers};
use crate::model::time::Quarter;
use crate::ops::Ctx;
use crate::ops::checkup::{self, Take};
use crate::render::checkup::{page, score};
use clap::{Args, Subcommand};
use std::io::{BufRead, IsTerminal, Write};

#[derive(Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "A leader's score is the sum of their twenty answers (20..100); the company's score for\na quarter is the mean of its leaders' scores. Shown: the score, the trend over quarters,\nthe score per EOS component and the weakest statements (default: the current quarter,\nelse the last one answered).\n\nExamples:\n  pulse checkup\n  pulse checkup --quarter 2026-Q3\n  pulse checkup take --by zoe"
)]
pub struct CheckupArgs {
    /// The quarter to show, YYYY-Qn
    #[arg(long, value_name = "Q", add = complete::quarters())]
    quarter: Option<String>,
    #[command(subcommand)]
    command: Option<CheckupCommand>,
}

#[derive(Subcommand)]
enum CheckupCommand {
    /// Answer the twenty statements, 1 (not true of us) to 5 (always true)
    #[command(
        after_help = "Without --answers, each statement is asked in turn on a terminal; from a pipe the\nanswers are read from standard input (numbers separated by commas, blanks or lines).\nStored in checkups/<quarter>/<handle>.toml and committed: it is about the company.\nA leader who answers again in a quarter replaces their answers. --anonymous stores\nthem under a random name (the commit is still made with your git identity).\n\nExamples:\n  pulse checkup take --by zoe\n  pulse checkup take --by ian --answers 4,4,3,5,4,3,3,4,5,4,3,4,5,4,3,2,3,5,4,4\n  pulse checkup take --anonymous < answers.txt"
    )]
    Take {
        /// The leader answering (default: the person with git's user.email)
        #[arg(long, value_name = "H", conflicts_with = "anonymous", add = complete::people())]
        by: Option<String>,
        /// Twenty numbers 1 to 5, in the order of the statements, e.g. 5,4,4,...
        #[arg(long, value_name = "N,N,...")]
        answers: Option<String>,
        /// Store the answers under a random name instead of the leader's
        #[arg(long)]
        anonymous: bool,
        /// YYYY-Qn (default: the current quarter)
        #[arg(long, value_name = "Q", add = complete::quarters())]
        quarter: Option<String>,
    },
}

pub fn run(args: CheckupArgs, ctx: &Ctx, out: &Out) -> Result<i32> {
    let Some(CheckupCommand::Take {
        by,
        answers,
        anonymous,
        quarter,
    }) = args.command
    else {
        return show(ctx, out, args.quarter.as_deref());
    };
    let quarter = values::quarter_or_current(quarter.as_deref(), ctx.today)?;
    let answers = match answers {
        Some(text) => parse_answers(&text).map_err(|e| Error::user(format!("--answers: {e}")))?,
        None => ask(quarter)?,
    };
    let (taken, outcome) = checkup::take(
        ctx,
        Take {
            by: by.as_deref(),
            answers,
            anonymous,
            quarter,
        },
    )?;
    out.outcome(&outcome);
    if out.json {
        out.print_json(&taken);
        return Ok(0);
    }
    if !out.quiet {
        let who = taken.by.as_deref().unwrap_or("anonymous");
        let again = if taken.replaced {
            " (replacing the earlier answers)"
        } else {
            ""
        };
        let company = checkup::report(ctx, Some(quarter), quarter)?;
        out.println(&format!(
            "{who}: {}/100 for {quarter}{again}; the company's score is {}/100 from {}",
            taken.score,
            company.score.map_or("-".into(), score),
            crate::render::words::count(company.respondents, "leader", "leaders")
        ));
    }
    Ok(0)
}

fn show(ctx: &Ctx, out: &Out, quarter: Option<&str>) -> Result<i32> {
    let quarter = quarter.map(values::quarter).transpose()?;
    let report = checkup::report(ctx, quarter, Quarter::of(ctx.today))?;
    if out.json {
        out.print_json(&report);
    } else {
        out.page(
            &page(&report, &ctx.ws.company.company.name),
            super::agenda::Format::Text,
            false,
        );
    }
    Ok(0)
}

/// The answers from standard input: asked one by one on a terminal (a
/// wrong one asked again), read as a list from anything else.
fn ask(quarter: Quarter) -> Result<Vec<u8>> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        let mut text = String::new();
        for line in stdin.lock().lines() {
            let line = line.map_err(|e| Error::user(format!("cannot read the answers: {e}")))?;
            text.push_str(&line);
            text.push('\n');
        }
        return parse_answers(&text).map_err(|e| {
            Error::user(format!("standard input: {e}"))
                .with_hint("give them as --answers N,N,... or answer on a terminal")
        });
    }
    let mut err = std::io::stderr();
    let _ = writeln!(
        err,
        "The Organizational Checkup, {quarter}: {COUNT} statements. Answer each from 1 (not true of us) to 5 (always true)."
    );
    let mut answers = Vec::new();
    let mut lines = stdin.lock().lines();
    for (i, (component, text)) in STATEMENTS.iter().enumerate() {
        let _ = writeln!(err, "\n{}/{COUNT} [{}]", i + 1, component.as_str());
        for line in crate::render::words::wrap(text, 76, 0) {
            let _ = writeln!(err, "  {line}");
        }
        loop {
            let _ = write!(err, "1-5: ");
            let _ = err.flush();
            let Some(line) = lines.next() else {
                return Err(Error::user(format!(
                    "stopped after {} of {COUNT} answers: nothing was recorded",
                    answers.len()
                )));
            };
            let line = line.map_err(|e| Error::user(format!("cannot read the answer: {e}")))?;
            match line.trim().parse::<u8>() {
                Ok(n) if (1..=5).contains(&n) => {
                    answers.push(n);
                    break;
                }
                _ => {
                    let _ = writeln!(err, "  a whole number from 1 to 5, please");
                }
            }
        }
    }
    Ok(answers)
}
