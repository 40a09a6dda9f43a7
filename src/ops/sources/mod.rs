//! Scorecard sources (SPEC §9): a measurable's `source` is a command that
//! prints the week's value. `pull` runs them and records what came back;
//! `trust` decides which may run in this clone (a source arrives with a
//! `git pull`: it is someone else's code until trusted here); `named`
//! finds the company files a command names, whose content trust covers.

pub mod named;
pub mod outcome;
pub mod pull;
pub mod trust;

use super::Ctx;
use super::items::find;
use crate::error::{Error, Result};
use crate::model::scorecard::Measurable;
use crate::store::load;

/// The measurables a sources command acts on: those named (each must have
/// a source), else every one that has a source.
pub fn selected(ctx: &Ctx, queries: &[String]) -> Result<Vec<Measurable>> {
    let measurables = load::measurables(&ctx.ws)?;
    if measurables.is_empty() {
        return Err(Error::user(format!(
            "the {} scorecard has no measurables yet",
            ctx.ws.team_label()
        ))
        .with_hint(
            "define one with `pulse scorecard add NAME --owner H --goal \">= 20\" --source CMD`",
        ));
    }
    if queries.is_empty() {
        let with_source: Vec<Measurable> = measurables
            .into_iter()
            .filter(|m| m.source.is_some())
            .collect();
        if with_source.is_empty() {
            return Err(Error::user(format!(
                "no measurable of the {} scorecard has a source",
                ctx.ws.team_label()
            ))
            .with_hint("give one a command that prints its weekly value: pulse scorecard edit ID --source 'sh scripts/leads.sh'"));
        }
        return Ok(with_source);
    }
    let mut chosen: Vec<Measurable> = Vec::new();
    for query in queries {
        let (_, m) = find(&measurables, query, "measurable", |m| m.id.as_str())?;
        if m.source.is_none() {
            return Err(
                Error::user(format!("measurable `{}` has no source", m.id)).with_hint(format!(
                    "give it a command that prints its weekly value: pulse scorecard edit {} --source CMD",
                    m.id
                )),
            );
        }
        if !chosen.iter().any(|c| c.id == m.id) {
            chosen.push(m.clone());
        }
    }
    Ok(chosen)
}

/// `pulse [--team 'T'] scorecard VERB` for a hint: the team flag when the
/// team in effect is a department, so the line acts where the user is.
pub fn command_line(ctx: &Ctx, verb: &str) -> String {
    use crate::shell::quote;
    match &ctx.ws.team_name {
        Some(team) => format!("pulse --team {} scorecard {verb}", quote(team)),
        None => format!("pulse scorecard {verb}"),
    }
}
