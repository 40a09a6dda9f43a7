//! The Quarterly Conversations on file: `pulse conversations [--person H]
//! [--quarter Q]` and `pulse conversation show ID`. Each lives in
//! `people/conversations/<quarter>/<id>.toml`; its id is its file's name.

use super::{Ctx, privacy};
use crate::error::{Error, Result};
use crate::model::conversation::{Conversation, RockCheck};
use crate::model::ids;
use crate::model::people::{Gwc, ValueRating};
use crate::model::time::Quarter;
use crate::store::files::{list_dir, read_text};
use crate::store::parse::parse_toml;
use crate::store::{FileRef, PeopleHome};
use chrono::NaiveDate;
use serde::Serialize;

/// A conversation as found on disk.
pub struct Found {
    pub id: String,
    pub quarter: Quarter,
    pub file: FileRef,
    pub conversation: Conversation,
}

/// Every conversation, oldest quarter first, by id within a quarter.
pub fn all(home: &PeopleHome) -> Result<Vec<Found>> {
    let dir = home.conversations_dir();
    home.refuse_links(&dir)?;
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::unreadable(&dir, &e)),
    };
    let mut quarters: Vec<Quarter> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str()?.parse().ok())
        .collect();
    quarters.sort();
    let mut found = Vec::new();
    for quarter in quarters {
        let folder = dir.join(quarter.to_string());
        home.refuse_links(&folder)?;
        for path in list_dir(&home.file_at(&folder), "toml")? {
            home.refuse_links(&path)?;
            let file = home.file_at(&path);
            let Some(id) = path.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            let text = read_text(&file)?.unwrap_or_default();
            let conversation: Conversation = parse_toml(&file, &text)?;
            if let Some(problem) = conversation.problem() {
                return Err(Error::broken(format!("{}: {problem}", file.display)));
            }
            found.push(Found {
                id: id.to_string(),
                quarter,
                file,
                conversation,
            });
        }
    }
    // By id in a quarter: `ian-2026-q4` before `ian-2026-q4-2`.
    found.sort_by(|a, b| (a.quarter, &a.id).cmp(&(b.quarter, &b.id)));
    Ok(found)
}

/// The conversation an id names (exact, unique prefix, or a unique prefix
/// of one of its words: SPEC §1).
pub fn find(found: Vec<Found>, query: &str) -> Result<Found> {
    let ids: Vec<&str> = found.iter().map(|f| f.id.as_str()).collect();
    let at = ids::resolve(query, &ids, "conversation")
        .map_err(|e| e.with_hint("list them with `pulse conversations`"))?;
    Ok(found.into_iter().nth(at).expect("resolved index"))
}

#[derive(Debug, Serialize)]
pub struct ValueView {
    pub name: String,
    pub rating: Option<ValueRating>,
}

#[derive(Debug, Serialize)]
pub struct RoleView {
    pub role: String,
    pub well: Option<bool>,
}

#[derive(Debug, Serialize)]
pub struct RockView {
    pub id: String,
    pub title: String,
    pub status: Option<RockCheck>,
}

/// One conversation as commands show it.
#[derive(Debug, Serialize)]
pub struct ConversationView {
    pub id: String,
    pub quarter: Quarter,
    pub file: String,
    pub person: String,
    pub person_name: String,
    #[serde(serialize_with = "crate::model::absent::empty_as_null")]
    pub manager: String,
    pub manager_name: String,
    pub date: Option<NaiveDate>,
    pub seat: Option<String>,
    pub values: Vec<ValueView>,
    pub roles: Vec<RoleView>,
    pub rocks: Vec<RockView>,
    pub gwc: Option<Gwc>,
    pub notes: String,
    pub manager_notes: String,
    /// Ratings made, of those to make (values, roles, rocks, GWC).
    pub filled: usize,
    pub to_fill: usize,
    /// The id cut to the shortest prefix that still names it (tables).
    #[serde(skip)]
    pub short_id: String,
}

pub fn view(ctx: &Ctx, found: &Found) -> ConversationView {
    let c = &found.conversation;
    let company = &ctx.ws.company;
    let (filled, to_fill) = c.filled();
    ConversationView {
        id: found.id.clone(),
        quarter: found.quarter,
        file: found.file.display.clone(),
        person_name: company.display_name(&c.person).to_string(),
        manager_name: company.display_name(&c.manager).to_string(),
        person: c.person.clone(),
        manager: c.manager.clone(),
        date: c.date.map(|d| d.0),
        seat: c.seat.clone(),
        values: c
            .values
            .iter()
            .map(|v| ValueView {
                name: v.name.clone(),
                rating: v.rating.as_deref().and_then(|r| ValueRating::parse(r).ok()),
            })
            .collect(),
        roles: c
            .roles
            .iter()
            .map(|r| RoleView {
                role: r.role.clone(),
                well: r.well,
            })
            .collect(),
        rocks: c
            .rocks
            .iter()
            .map(|r| RockView {
                id: r.id.clone(),
                title: r.title.clone(),
                status: r.status.as_deref().and_then(|s| RockCheck::parse(s).ok()),
            })
            .collect(),
        gwc: c.gwc.as_deref().and_then(|g| Gwc::parse(g).ok()),
        notes: c.notes.clone(),
        manager_notes: c.manager_notes.clone(),
        filled,
        to_fill,
        short_id: found.id.clone(),
    }
}

/// The conversations on file, those of one person and one quarter if
/// asked; with the warnings about tracked files about people.
pub fn list(
    ctx: &Ctx,
    person: Option<&str>,
    quarter: Option<Quarter>,
) -> Result<(Vec<ConversationView>, Vec<String>)> {
    let person = person.map(|p| ctx.person(p)).transpose()?;
    let home = privacy::home(ctx)?;
    let found = all(&home)?;
    let every: Vec<String> = found.iter().map(|f| f.id.clone()).collect();
    let mut views: Vec<ConversationView> = found
        .iter()
        .filter(|f| quarter.is_none_or(|q| f.quarter == q))
        .filter(|f| person.as_deref().is_none_or(|p| f.conversation.person == p))
        .map(|f| view(ctx, f))
        .collect();
    let shown: Vec<&str> = views.iter().map(|v| v.id.as_str()).collect();
    let short = ids::shortest_among(&shown, &every);
    for (view, short) in views.iter_mut().zip(short) {
        view.short_id = short;
    }
    Ok((views, privacy::tracked_warnings(ctx)))
}

pub fn show(ctx: &Ctx, query: &str) -> Result<(ConversationView, Vec<String>)> {
    let home = privacy::home(ctx)?;
    let found = find(all(&home)?, query)?;
    Ok((view(ctx, &found), privacy::tracked_warnings(ctx)))
}
