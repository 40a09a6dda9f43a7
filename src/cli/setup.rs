//! `pulse setup`: make this clone ready for teamwork (SPEC §6).

use super::output::Out;
use crate::error::Result;
use crate::ops::Ctx;
use crate::ops::setup::{self, Registration};
use crate::render::escape;
use clap::Args;

#[derive(Args)]
#[command(
    after_help = "Registers the driver in this clone's .git/config (a clone does not copy it) and writes\npulse's block of .gitattributes, committing it when it changed (a first-round\n`scorecard.csv merge=union` line gives way). Running it again changes nothing.\n\nExample:\n  git clone URL acme && cd acme && pulse setup"
)]
pub struct SetupArgs {}

pub fn run(_args: SetupArgs, ctx: &Ctx, out: &Out) -> Result<i32> {
    let report = setup::setup(ctx)?;
    if let Some(warning) = &report.warning {
        super::output::warn(warning);
    }
    if out.json {
        out.print_json(&report);
        return Ok(0);
    }
    if out.quiet {
        return Ok(0);
    }
    if report.registration == Registration::Unchanged && !report.wrote_gitattributes {
        out.println("All set: pulse's merge driver is registered in this clone and .gitattributes routes the company's files to it.");
        return Ok(0);
    }
    let driver = escape(&report.driver);
    out.println(&match report.registration {
        Registration::Registered => {
            format!("Registered pulse's merge driver in this clone (.git/config): {driver}")
        }
        Registration::Updated => {
            format!(
                "Registered this pulse as the merge driver of this clone (.git/config): {driver}"
            )
        }
        Registration::Unchanged => {
            "pulse's merge driver was already registered in this clone.".to_string()
        }
    });
    if report.wrote_gitattributes {
        let replaced = if report.replaced_union {
            " (in place of `scorecard.csv merge=union`)"
        } else {
            ""
        };
        let committed = if report.committed {
            "; committed"
        } else {
            "; not committed"
        };
        out.println(&format!(
            ".gitattributes now routes the company's files to it{replaced}{committed}."
        ));
    } else {
        out.println(".gitattributes already routed the company's files to it.");
    }
    Ok(0)
}
