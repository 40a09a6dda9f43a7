//! The People Analyzer: every person on the roster against the core values
//! and, seat by seat, GWC (`pulse people`), judged against the team's bar.

use super::{Ctx, privacy};
use crate::error::{Error, Result};
use crate::model::ids::slugify;
use crate::model::people::{
    Assessment, Bar, Gwc, PeopleFile, ValueRating, Verdict, overall, verdict,
};
use crate::model::seats::SeatsFile;
use crate::store::files::read_text;
use crate::store::load;
use crate::store::parse::{located_error, parse_toml};
use crate::store::{FileRef, Workspace};
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct PersonRow {
    pub id: String,
    pub name: String,
    /// The names of the seats the person sits in.
    pub seats: Vec<String>,
    /// One entry per core value, in vision.toml's order.
    pub values: Vec<ValueCell>,
    /// The GWC of the person's one seat (none for two seats: see
    /// `seat_ratings`).
    pub gwc: Option<Gwc>,
    pub rated: Option<NaiveDate>,
    /// Who made the last rating.
    pub by: Option<String>,
    /// The worst verdict over the person's seats.
    pub verdict: Verdict,
    /// One entry per seat: GWC is rated per seat.
    pub seat_ratings: Vec<SeatRating>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SeatRating {
    pub seat: String,
    pub name: String,
    pub gwc: Option<Gwc>,
    pub verdict: Verdict,
}

#[derive(Debug, Clone, Serialize)]
pub struct ValueCell {
    pub value: String,
    pub rating: Option<ValueRating>,
}

#[derive(Debug, Serialize)]
pub struct Analysis {
    pub core_values: Vec<String>,
    /// The team's bar (`[people_analyzer] bar`).
    pub bar: Bar,
    pub people: Vec<PersonRow>,
    /// Ratings that name no core value (a value renamed or removed), and
    /// files about people that git tracks.
    #[serde(skip)]
    pub warnings: Vec<String>,
}

/// Reads people.toml and checks every rating, locating a bad one by line.
pub fn load_people(file: &FileRef) -> Result<PeopleFile> {
    let Some(text) = read_text(file)? else {
        return Ok(PeopleFile::default());
    };
    let people: PeopleFile = parse_toml(file, &text)?;
    for assessment in people.people.values() {
        for rating in assessment.history.iter().chain([assessment]) {
            for value in rating.values.values() {
                ValueRating::parse(value.get_ref())
                    .map_err(|e| located_error(file, &text, value.span().start, &e))?;
            }
            for gwc in rating.every_gwc() {
                Gwc::parse(gwc.get_ref())
                    .map_err(|e| located_error(file, &text, gwc.span().start, &e))?;
            }
        }
    }
    Ok(people)
}

/// The core values of vision.toml, by name, in order.
pub fn core_values(ws: &Workspace) -> Result<Vec<String>> {
    Ok(load::vision(ws)?
        .core_values
        .into_iter()
        .map(|v| v.name)
        .collect())
}

/// One rating laid out against the core values and the seats given (id,
/// name): a cell per value, a verdict per seat, the person's overall.
pub fn judge(
    assessment: Option<&Assessment>,
    core_values: &[String],
    seats: &[(String, String)],
    bar: Bar,
) -> (Vec<ValueCell>, Vec<SeatRating>, Verdict) {
    let values: Vec<ValueCell> = core_values
        .iter()
        .map(|value| ValueCell {
            value: value.clone(),
            rating: assessment
                .and_then(|a| a.values.get(value))
                .and_then(|r| ValueRating::parse(r.get_ref()).ok()),
        })
        .collect();
    let ratings: Vec<Option<ValueRating>> = values.iter().map(|v| v.rating).collect();
    let seat_ratings: Vec<SeatRating> = seats
        .iter()
        .map(|(id, name)| {
            let gwc = assessment
                .and_then(|a| a.gwc_for(id))
                .and_then(|g| Gwc::parse(g.get_ref()).ok());
            SeatRating {
                seat: id.clone(),
                name: name.clone(),
                gwc,
                verdict: verdict(&ratings, gwc, bar),
            }
        })
        .collect();
    // In no seat there is no GWC to rate: below the bar, or not rated.
    let overall = if seat_ratings.is_empty() {
        verdict(&ratings, None, bar)
    } else {
        overall(&seat_ratings.iter().map(|s| s.verdict).collect::<Vec<_>>())
    };
    (values, seat_ratings, overall)
}

/// The seats a person sits in: (id, name), in chart order.
pub fn seats_of(seats: &SeatsFile, handle: &str) -> Vec<(String, String)> {
    seats
        .seat
        .iter()
        .filter(|s| s.people.iter().any(|p| p == handle))
        .map(|s| (s.id.clone(), s.name.clone()))
        .collect()
}

pub fn analyze(ctx: &Ctx) -> Result<Analysis> {
    let ws = &ctx.ws;
    let core_values = core_values(ws)?;
    let seats = load::seats(ws)?;
    let home = privacy::home(ctx)?;
    let file = load_people(&home.people_file())?;
    let bar = ws.company.people_analyzer.bar;
    let mut warnings = privacy::tracked_warnings(ctx);
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
            let seats = seats_of(&seats, handle);
            let (values, seat_ratings, verdict) = judge(assessment, &core_values, &seats, bar);
            PersonRow {
                id: handle.to_string(),
                name: ws.company.display_name(handle).to_string(),
                seats: seats.iter().map(|(_, name)| name.clone()).collect(),
                gwc: match &seat_ratings[..] {
                    [one] => one.gwc,
                    _ => None,
                },
                values,
                verdict,
                seat_ratings,
                rated: assessment.and_then(|a| a.rated).map(|d| d.0),
                by: assessment.and_then(|a| a.by.clone()),
            }
        })
        .collect();
    Ok(Analysis {
        core_values,
        bar,
        people,
        warnings,
    })
}

/// Finds a core value by name, case and punctuation aside, or a unique prefix.
pub fn resolve_value<'a>(core_values: &'a [String], query: &str) -> Result<&'a str> {
    resolve_name(core_values, query, "core value", "core values")
}

/// Finds one of `names` (core values, a seat's roles) by name, case and
/// punctuation aside, or by a unique prefix of it or of one of its words;
/// else an error listing them.
pub fn resolve_name<'a>(
    names: &'a [String],
    query: &str,
    what: &str,
    many: &str,
) -> Result<&'a str> {
    let slug = |text: &str| slugify(text, "");
    let wanted = slug(query);
    if let Some(v) = names.iter().find(|v| slug(v) == wanted) {
        return Ok(v);
    }
    let mut matches: Vec<&String> = names
        .iter()
        .filter(|v| !wanted.is_empty() && slug(v).starts_with(&wanted))
        .collect();
    if matches.is_empty() && !wanted.is_empty() {
        // A unique prefix of a later word: `hiring` finds "Engineering hiring".
        matches = names
            .iter()
            .filter(|v| slug(v).split('-').skip(1).any(|w| w.starts_with(&wanted)))
            .collect();
    }
    match matches[..] {
        [one] => Ok(one),
        _ => Err(Error::user(format!(
            "unknown {what} `{}` ({many}: {})",
            crate::render::escape(query),
            names.join(", ")
        ))),
    }
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
