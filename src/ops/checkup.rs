//! The Organizational Checkup (SPEC §11): `pulse checkup take` records one
//! leader's twenty answers in `checkups/<quarter>/<handle>.toml` (committed:
//! it is about the company, not a person); `pulse checkup` scores a quarter
//! against the others.

use super::change::{Change, Outcome};
use super::{Ctx, privacy};
use crate::error::{Error, Result};
use crate::model::checkup::{
    COUNT, CheckupFile, Component, STATEMENTS, company_score, component_mean, leader_score,
    statement_means, validate,
};
use crate::model::time::{Quarter, toml_date};
use crate::store::files::{list_dir, read_text};
use crate::store::parse::parse_toml;
use serde::Serialize;
use std::collections::BTreeMap;
use toml_edit::{Array, Item, Value};

/// What `checkup take` was given; the answers are validated already.
pub struct Take<'a> {
    pub by: Option<&'a str>,
    pub answers: Vec<u8>,
    pub anonymous: bool,
    pub quarter: Quarter,
}

#[derive(Debug, Serialize)]
pub struct Taken {
    pub quarter: Quarter,
    /// The leader's handle; none when anonymous.
    pub by: Option<String>,
    pub file: String,
    pub answers: Vec<u8>,
    /// The leader's score, 20..100.
    pub score: u32,
    /// The answers this replaced (the same leader, the same quarter).
    pub replaced: bool,
}

/// Who answers: the leader named, else the roster's person with git's
/// user.email; an anonymous answer goes under a random name instead.
pub fn take(ctx: &Ctx, take: Take) -> Result<(Taken, Outcome)> {
    let by = if take.anonymous {
        None
    } else {
        Some(privacy::who(ctx, take.by)?.ok_or_else(|| {
            Error::user("who is answering? give --by H (or --anonymous)").with_hint(
                "or set git's user.email to your email on the roster (pulse person edit H --email E)",
            )
        })?)
    };
    let name = match &by {
        Some(handle) => handle.clone(),
        None => anonymous_name(ctx, take.quarter),
    };
    let file = ctx.ws.checkup_file(take.quarter, &name);
    let mut change = Change::begin(ctx)?;
    let replaced = change.text(&file)?.is_some();
    let mut doc = change.toml(&file)?;
    if !replaced {
        doc.doc.decor_mut().set_prefix(format!(
            "# The Organizational Checkup of {}: twenty answers, each 1 (not true of us)\n# to 5 (always true), in the order `pulse checkup take` asks them.\n",
            take.quarter
        ));
    }
    let answers: Array = take.answers.iter().map(|&a| i64::from(a)).collect();
    let root = doc.doc.as_table_mut();
    match root.get_mut("answers") {
        Some(Item::Value(old)) => {
            let mut new = Value::Array(answers);
            *new.decor_mut() = old.decor().clone();
            *old = new;
        }
        _ => {
            root.insert("answers", Item::Value(Value::Array(answers)));
        }
    }
    crate::store::edit::set(root, "date", toml_date(ctx.today));
    change.put_toml::<CheckupFile>(&file, &doc)?;
    let score = leader_score(&take.answers);
    let who = match &by {
        Some(handle) => format!("{handle}'s answers"),
        None => "anonymous answers".to_string(),
    };
    let outcome = change.finish(&format!(
        "checkup: {who} for {} (score {score})",
        take.quarter
    ))?;
    Ok((
        Taken {
            quarter: take.quarter,
            by,
            file: file.display,
            answers: take.answers,
            score,
            replaced,
        },
        outcome,
    ))
}

/// A name no one can trace back: `anonymous-` and six random hex digits
/// (the process's randomly keyed hasher over the time), not yet taken.
fn anonymous_name(ctx: &Ctx, quarter: Quarter) -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut n = 0u64;
    loop {
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        hasher.write_u64(n);
        let name = format!("anonymous-{:06x}", hasher.finish() & 0xff_ffff);
        if !ctx.ws.checkup_file(quarter, &name).path.exists() {
            return name;
        }
        n += 1;
    }
}

#[derive(Debug, Serialize)]
pub struct StatementMean {
    pub number: usize,
    pub component: Component,
    pub text: &'static str,
    pub mean: Option<f64>,
}

#[derive(Debug, Serialize)]
pub struct ComponentScore {
    pub component: Component,
    /// The mean answer of its statements, 1..5.
    pub mean: Option<f64>,
    pub statements: usize,
}

#[derive(Debug, Serialize)]
pub struct QuarterScore {
    pub quarter: Quarter,
    pub score: f64,
    pub respondents: usize,
}

#[derive(Debug, Serialize)]
pub struct CheckupReport {
    pub quarter: Quarter,
    /// The company's score out of 100 (none: nobody answered).
    pub score: Option<f64>,
    pub respondents: usize,
    /// The mean answer of each statement, in order.
    pub means: Vec<Option<f64>>,
    pub statements: Vec<StatementMean>,
    pub components: Vec<ComponentScore>,
    /// The lowest statements (mean below 5), lowest first: at most three.
    pub weakest: Vec<usize>,
    /// Every quarter with answers, oldest first.
    pub trend: Vec<QuarterScore>,
}

/// Every quarter's answer sets, oldest first; a file with a wrong answer
/// is an error that names it and what is wrong.
pub fn answers_by_quarter(ctx: &Ctx) -> Result<BTreeMap<Quarter, Vec<Vec<u8>>>> {
    let dir = ctx.ws.checkups_dir();
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => return Err(Error::unreadable(&dir, &e)),
    };
    let mut all = BTreeMap::new();
    for quarter in entries
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str()?.parse::<Quarter>().ok())
    {
        let mut sets = Vec::new();
        for path in list_dir(&ctx.ws.file(dir.join(quarter.to_string())), "toml")? {
            let file = ctx.ws.file(path);
            let text = read_text(&file)?.unwrap_or_default();
            let checkup: CheckupFile = parse_toml(&file, &text)?;
            let answers = validate(&checkup.answers)
                .map_err(|e| Error::broken(format!("{}: answers: {e}", file.display)))?;
            sets.push(answers);
        }
        if !sets.is_empty() {
            all.insert(quarter, sets);
        }
    }
    Ok(all)
}

/// The checkup of a quarter: the one asked, else the current one when it
/// has answers, else the last one that has, up to `up_to` (the current
/// quarter for `pulse checkup`, the meeting's for the annual agenda).
pub fn report(ctx: &Ctx, quarter: Option<Quarter>, up_to: Quarter) -> Result<CheckupReport> {
    let all = answers_by_quarter(ctx)?;
    let quarter = quarter.unwrap_or_else(|| {
        all.keys()
            .rev()
            .find(|q| **q <= up_to)
            .copied()
            .unwrap_or(up_to)
    });
    let sets: &[Vec<u8>] = all.get(&quarter).map_or(&[], Vec::as_slice);
    let means = statement_means(sets);
    let statements: Vec<StatementMean> = STATEMENTS
        .iter()
        .zip(&means)
        .enumerate()
        .map(|(i, ((component, text), mean))| StatementMean {
            number: i + 1,
            component: *component,
            text,
            mean: *mean,
        })
        .collect();
    let mut weakest: Vec<usize> = (0..COUNT)
        .filter(|&i| means[i].is_some_and(|m| m < 5.0))
        .collect();
    weakest.sort_by(|&a, &b| {
        means[a]
            .partial_cmp(&means[b])
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    weakest.truncate(3);
    Ok(CheckupReport {
        quarter,
        score: company_score(sets),
        respondents: sets.len(),
        components: Component::ALL
            .iter()
            .map(|&c| ComponentScore {
                component: c,
                mean: component_mean(&means, c),
                statements: STATEMENTS.iter().filter(|(s, _)| *s == c).count(),
            })
            .collect(),
        weakest: weakest.into_iter().map(|i| i + 1).collect(),
        means,
        statements,
        trend: all
            .iter()
            .filter(|(q, _)| **q <= up_to.max(quarter))
            .filter_map(|(q, sets)| {
                Some(QuarterScore {
                    quarter: *q,
                    score: company_score(sets)?,
                    respondents: sets.len(),
                })
            })
            .collect(),
    })
}
