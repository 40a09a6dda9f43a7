//! `pulse people --history H`: one person's ratings over the quarters,
//! oldest first, the current one last: who rated, when, the core values,
//! GWC per seat and the verdict each time.

use super::people::{SeatRating, ValueCell, core_values, judge, load_people, seats_of};
use super::{Ctx, privacy};
use crate::error::Result;
use crate::model::people::{Assessment, Verdict};
use crate::model::time::Quarter;
use crate::store::load;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct HistoryEntry {
    pub date: Option<NaiveDate>,
    pub quarter: Option<Quarter>,
    pub by: Option<String>,
    pub values: Vec<ValueCell>,
    pub seats: Vec<SeatRating>,
    pub verdict: Verdict,
    /// The rating in force now.
    pub current: bool,
}

#[derive(Debug, Serialize)]
pub struct PersonHistory {
    pub id: String,
    pub name: String,
    /// The core values of today, then any older ones a rating names.
    pub core_values: Vec<String>,
    pub entries: Vec<HistoryEntry>,
    #[serde(skip)]
    pub warnings: Vec<String>,
}

pub fn history(ctx: &Ctx, handle: &str) -> Result<PersonHistory> {
    let handle = ctx.person(handle)?;
    let ws = &ctx.ws;
    let chart = load::seats(ws)?;
    let seats_now = seats_of(&chart, &handle);
    let home = privacy::home(ctx)?;
    let file = load_people(&home.people_file())?;
    let bar = ws.company.people_analyzer.bar;
    let ratings: Vec<(&Assessment, bool)> = match file.people.get(&handle) {
        Some(a) => a
            .history
            .iter()
            .map(|h| (h, false))
            .chain((!a.is_empty()).then_some((a, true)))
            .collect(),
        None => Vec::new(),
    };
    let mut values = core_values(ws)?;
    for (rating, _) in &ratings {
        for name in rating.values.keys() {
            if !values.contains(name) {
                values.push(name.clone());
            }
        }
    }
    let mut entries: Vec<HistoryEntry> = ratings
        .into_iter()
        .map(|(rating, current)| {
            // The seats this rating gave a GWC for; one given for every
            // seat counts for the seats of today.
            let mut seats: Vec<(String, String)> = rating
                .gwc_by_seat
                .keys()
                .map(|id| {
                    let name = chart
                        .seat
                        .iter()
                        .find(|s| s.id == *id)
                        .map_or_else(|| id.clone(), |s| s.name.clone());
                    (id.clone(), name)
                })
                .collect();
            // In the chart's order; seats gone since, last.
            seats.sort_by_key(|(id, _)| {
                chart
                    .seat
                    .iter()
                    .position(|s| s.id == *id)
                    .unwrap_or(usize::MAX)
            });
            if rating.gwc.is_some() {
                seats.extend(
                    seats_now
                        .iter()
                        .filter(|(id, _)| !rating.gwc_by_seat.contains_key(id))
                        .cloned(),
                );
            }
            let (cells, seats, verdict) = judge(Some(rating), &values, &seats, bar);
            HistoryEntry {
                date: rating.rated.map(|d| d.0),
                quarter: rating.rated.map(|d| Quarter::of(d.0)),
                by: rating.by.clone(),
                values: cells,
                seats,
                verdict,
                current,
            }
        })
        .collect();
    // Stable: undated ratings first, then by date, file order within a day.
    entries.sort_by_key(|e| e.date);
    Ok(PersonHistory {
        name: ws.company.display_name(&handle).to_string(),
        id: handle,
        core_values: values,
        entries,
        warnings: privacy::tracked_warnings(ctx),
    })
}
