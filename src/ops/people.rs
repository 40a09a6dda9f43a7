//! The People Analyzer: every person on the roster against the core values
//! and GWC for their seat (`pulse people`), and `pulse people rate`.

use super::Ctx;
use super::change::{Change, Outcome};
use crate::error::{Error, Result};
use crate::model::ids::slugify;
use crate::model::people::{Gwc, PeopleFile, ValueRating, Verdict, verdict};
use crate::store::edit::{section_mut, set, table_like_mut};
use crate::store::files::read_text;
use crate::store::load;
use crate::store::parse::{located_error, parse_toml};
use crate::store::{FileRef, Workspace};
use chrono::NaiveDate;
use serde::Serialize;
use toml_edit::{Item, Table};

#[derive(Debug, Serialize)]
pub struct PersonRow {
    pub id: String,
    pub name: String,
    pub seats: Vec<String>,
    /// One entry per core value, in vision.toml's order.
    pub values: Vec<ValueCell>,
    pub gwc: Option<Gwc>,
    pub rated: Option<NaiveDate>,
    pub verdict: Verdict,
}

#[derive(Debug, Serialize)]
pub struct ValueCell {
    pub value: String,
    pub rating: Option<ValueRating>,
}

#[derive(Debug, Serialize)]
pub struct Analysis {
    pub core_values: Vec<String>,
    pub people: Vec<PersonRow>,
    /// Ratings that name no core value (a value renamed or removed).
    #[serde(skip)]
    pub warnings: Vec<String>,
}

/// Reads people.toml and checks every rating, locating a bad one by line.
pub fn load_people(ws: &Workspace) -> Result<(PeopleFile, String)> {
    let file = ws.people_file();
    let Some(text) = read_text(&file)? else {
        return Ok((PeopleFile::default(), String::new()));
    };
    let people: PeopleFile = parse_toml(&file, &text)?;
    for assessment in people.people.values() {
        for rating in assessment.values.values() {
            ValueRating::parse(rating.get_ref())
                .map_err(|e| located_error(&file, &text, rating.span().start, &e))?;
        }
        if let Some(gwc) = &assessment.gwc {
            Gwc::parse(gwc.get_ref())
                .map_err(|e| located_error(&file, &text, gwc.span().start, &e))?;
        }
    }
    Ok((people, text))
}

pub fn analyze(ctx: &Ctx) -> Result<Analysis> {
    let ws = &ctx.ws;
    let core_values: Vec<String> = load::vision(ws)?
        .core_values
        .into_iter()
        .map(|v| v.name)
        .collect();
    let seats = load::seats(ws)?.seat;
    let (file, _) = load_people(ws)?;
    let mut warnings = Vec::new();
    for (handle, assessment) in &file.people {
        if !ws.company.has_person(handle) {
            warnings.push(format!(
                "people.toml rates `{handle}`, who is not on the roster"
            ));
        }
        for name in assessment.values.keys() {
            if !core_values.contains(name) {
                warnings.push(format!(
                    "people.toml rates `{handle}` on `{name}`, which is not a core value (core values: {})",
                    core_values.join(", ")
                ));
            }
        }
    }
    // Those who left are history: the analyzer is about the team today.
    let people = ws
        .company
        .active_handles()
        .map(|handle| {
            let assessment = file.people.get(handle);
            let values: Vec<ValueCell> = core_values
                .iter()
                .map(|value| ValueCell {
                    value: value.clone(),
                    rating: assessment
                        .and_then(|a| a.values.get(value))
                        .and_then(|r| ValueRating::parse(r.get_ref()).ok()),
                })
                .collect();
            let gwc = assessment
                .and_then(|a| a.gwc.as_ref())
                .and_then(|g| Gwc::parse(g.get_ref()).ok());
            let ratings: Vec<Option<ValueRating>> = values.iter().map(|v| v.rating).collect();
            PersonRow {
                id: handle.to_string(),
                name: ws.company.display_name(handle).to_string(),
                seats: seats
                    .iter()
                    .filter(|s| s.people.iter().any(|p| p == handle))
                    .map(|s| s.name.clone())
                    .collect(),
                verdict: verdict(&ratings, gwc),
                values,
                gwc,
                rated: assessment.and_then(|a| a.rated).map(|d| d.0),
            }
        })
        .collect();
    Ok(Analysis {
        core_values,
        people,
        warnings,
    })
}

/// Finds a core value by name, case and punctuation aside, or a unique prefix.
fn resolve_value<'a>(core_values: &'a [String], query: &str) -> Result<&'a str> {
    let slug = |text: &str| slugify(text, "");
    let wanted = slug(query);
    if let Some(v) = core_values.iter().find(|v| slug(v) == wanted) {
        return Ok(v);
    }
    let matches: Vec<&String> = core_values
        .iter()
        .filter(|v| !wanted.is_empty() && slug(v).starts_with(&wanted))
        .collect();
    match matches[..] {
        [one] => Ok(one),
        _ => Err(Error::user(format!(
            "unknown core value `{}` (core values: {})",
            crate::render::escape(query),
            core_values.join(", ")
        ))),
    }
}

/// Rates a person: `values` are `NAME=RATING` pairs, `gwc` three Y/N letters.
pub fn rate(
    ctx: &Ctx,
    handle: &str,
    values: &[String],
    gwc: Option<&str>,
) -> Result<(PersonRow, Outcome)> {
    let handle = ctx.person(handle)?;
    if values.is_empty() && gwc.is_none() {
        return Err(Error::user(
            "nothing to rate: give --value NAME=RATING (+, +/- or -) and/or --gwc YYN",
        ));
    }
    let core_values: Vec<String> = load::vision(&ctx.ws)?
        .core_values
        .into_iter()
        .map(|v| v.name)
        .collect();
    if !values.is_empty() && core_values.is_empty() {
        return Err(
            Error::user("vision.toml has no core values to rate against yet")
                .with_hint("add them with `pulse vision edit` ([[core_values]] name = \"...\")"),
        );
    }
    let mut ratings = Vec::new();
    for pair in values {
        let (name, rating) = pair.rsplit_once('=').ok_or_else(|| {
            Error::user(format!(
                "invalid --value `{}`: expected NAME=RATING, e.g. \"Help first=+\"",
                crate::render::escape(pair)
            ))
        })?;
        let value = resolve_value(&core_values, name)?;
        let rating = ValueRating::parse(rating).map_err(Error::user)?;
        ratings.push((value.to_string(), rating));
    }
    let gwc = gwc.map(Gwc::parse).transpose().map_err(Error::user)?;

    let mut change = Change::begin(ctx)?;
    let file: FileRef = ctx.ws.people_file();
    change.private(&file);
    let mut doc = change.toml(&file)?;
    let people = section_mut(&mut doc.doc, "people")
        .ok_or_else(|| Error::broken("people.toml: `people` must be a table"))?;
    let person = match people.get(&handle) {
        Some(item) if item.is_table_like() => people.get_mut(&handle),
        Some(_) => {
            return Err(Error::broken(format!(
                "people.toml: `people.{handle}` must be a table"
            )));
        }
        None => {
            people.insert(&handle, Item::Table(Table::new()));
            people.get_mut(&handle)
        }
    }
    .and_then(Item::as_table_like_mut)
    .ok_or_else(|| Error::broken(format!("people.toml: `people.{handle}` must be a table")))?;
    if !ratings.is_empty() {
        let table = table_like_mut(person, "values").ok_or_else(|| {
            Error::broken(format!(
                "people.toml: `people.{handle}.values` must be a table"
            ))
        })?;
        for (value, rating) in &ratings {
            set(table, value, rating.as_str());
        }
    }
    if let Some(gwc) = gwc {
        set(person, "gwc", gwc.to_string());
    }
    set(person, "rated", crate::model::time::toml_date(ctx.today));
    change.put_toml::<PeopleFile>(&file, &doc)?;
    // The ratings stay out of the message: a log is read more widely than a file.
    let mut outcome = change.finish(&format!("people: rate {handle}"))?;
    if crate::git::find_git_dir(&ctx.ws.root).is_some()
        && crate::git::is_tracked(&ctx.ws.root, &file.path)
    {
        outcome.warnings.push(format!(
            "{} is tracked by git: its ratings of people go into the shared history with each commit of it; keep them private with `git rm --cached {}` and a line `people.toml` in .gitignore",
            file.display,
            crate::shell::quote(&file.display)
        ));
    }
    let row = analyze(ctx)?
        .people
        .into_iter()
        .find(|p| p.id == handle)
        .ok_or_else(|| Error::user(format!("`{handle}` vanished from the roster")))?;
    Ok((row, outcome))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_values_resolve_by_slug_or_prefix() {
        let values = vec!["Help first".to_string(), "Own it".to_string()];
        assert_eq!(resolve_value(&values, "help FIRST").unwrap(), "Help first");
        assert_eq!(resolve_value(&values, "own").unwrap(), "Own it");
        let e = resolve_value(&values, "kind").unwrap_err();
        assert!(e.message.contains("core values: Help first, Own it"));
    }
}
