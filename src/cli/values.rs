//! Parsing command-line values into validated model values, with the
//! accepted form in every error (SPEC §4).

use crate::error::{Error, Result};
use crate::model::goal::{Goal, parse_value};
use crate::model::meeting::parse_rating;
use crate::model::time::{Quarter, Week, parse_date};
use chrono::NaiveDate;

pub fn date(text: &str, flag: &str) -> Result<NaiveDate> {
    parse_date(text).map_err(|e| Error::user(format!("{flag}: {e}")))
}

pub fn quarter(text: &str) -> Result<Quarter> {
    text.parse()
        .map_err(|e: String| Error::user(format!("--quarter: {e}")))
}

pub fn week(text: &str) -> Result<Week> {
    text.parse()
        .map_err(|e: String| Error::user(format!("--week: {e}")))
}

/// A goal, and the unit written on it (`>= 40%` is `>= 40` in `%`,
/// `>= $1M` is `>= 1000000` in `$`; empty when none), as a sheet's goals
/// are read.
pub fn goal(text: &str) -> Result<(Goal, String)> {
    crate::model::sheet::goal_with_unit(text).map_err(Error::user)
}

/// The unit a measurable gets: `--unit`, else the one written on its goal.
pub fn unit_of(unit: Option<String>, goal: Option<&(Goal, String)>) -> Option<String> {
    unit.or_else(|| {
        goal.map(|(_, written)| written.clone())
            .filter(|w| !w.is_empty())
    })
}

pub fn value(text: &str) -> Result<f64> {
    parse_value(text).map_err(Error::user)
}

/// `HANDLE=N` with N from 1 to 10.
pub fn rating(text: &str) -> Result<(String, u8)> {
    let (handle, n) = text.split_once('=').ok_or_else(|| {
        Error::user(format!(
            "invalid rating `{text}`: expected HANDLE=N with N from 1 to 10, e.g. zoe=9"
        ))
    })?;
    let n = parse_rating(n).map_err(Error::user)?;
    Ok((handle.trim().to_string(), n))
}

/// The quarter given, or the current one.
pub fn quarter_or_current(text: Option<&str>, today: NaiveDate) -> Result<Quarter> {
    match text {
        Some(t) => quarter(t),
        None => Ok(Quarter::of(today)),
    }
}
