//! Departmental teams (SPEC §7): `teams/<team>/team.toml` beside the team's
//! own rocks, scorecard, issues, to-dos and meetings. Adding, changing and
//! removing a team, its members, and the one screen over every team.

use super::Ctx;
use super::change::{Change, Outcome};
use super::status;
use crate::error::{Error, Result};
use crate::model::ids::is_slug;
use crate::model::team::{LEADERSHIP, TeamFile};
use crate::model::time::{parse_time, parse_weekday};
use crate::store::edit::{array_mut, set, string, table_like_mut};
use crate::store::files::list_dir_all;
use crate::store::load;
use chrono::NaiveDate;
use serde::Serialize;
use toml_edit::Value;

/// A team as `pulse team add` is given it.
pub struct NewTeam {
    pub id: String,
    pub name: Option<String>,
    pub meeting: MeetingChange,
    pub members: Vec<String>,
}

/// The `[meeting]` keys a command sets; `None` leaves a key as it is (or,
/// in a new team, to `company.toml`).
#[derive(Default)]
pub struct MeetingChange {
    pub weekday: Option<String>,
    pub time: Option<String>,
    pub minutes: Option<u32>,
}

impl MeetingChange {
    fn validate(&self) -> Result<()> {
        if let Some(d) = &self.weekday {
            parse_weekday(d).map_err(|e| Error::user(format!("--weekday: {e}")))?;
        }
        if let Some(t) = &self.time {
            parse_time(t).map_err(|e| Error::user(format!("--time: {e}")))?;
        }
        if let Some(m) = self.minutes
            && !(10..=1440).contains(&m)
        {
            return Err(Error::user(format!("--minutes {m}: expected 10 to 1440")));
        }
        Ok(())
    }

    fn is_empty(&self) -> bool {
        self.weekday.is_none() && self.time.is_none() && self.minutes.is_none()
    }
}

/// "Sales" for `sales`, "Customer success" for `customer-success`.
fn display_name(id: &str) -> String {
    let words = id.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub fn add(ctx: &Ctx, new: NewTeam) -> Result<(TeamFile, Outcome)> {
    let id = new.id.trim().to_string();
    if !is_slug(&id) {
        return Err(Error::user(format!(
            "invalid team name `{}`: a team is named by a slug, lowercase letters and digits joined by `-` (e.g. sales, customer-success)",
            crate::escape::escape(&id)
        )));
    }
    if id == LEADERSHIP {
        return Err(Error::user(
            "`leadership` is the root's own team: give the department another name",
        ));
    }
    if ctx.ws.team_names()?.contains(&id) {
        return Err(Error::user(format!("there is already a team `{id}`")));
    }
    new.meeting.validate()?;
    let mut members = Vec::new();
    for m in &new.members {
        let handle = ctx.owner(m)?;
        if !members.contains(&handle) {
            members.push(handle);
        }
    }
    let name = new
        .name
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| display_name(&id));
    let mut change = Change::begin(ctx)?;
    let file = ctx.ws.team_toml(&id);
    let mut text = format!(
        "# The {name} team: its own weekly meeting, rocks, scorecard, issues and to-dos\n# live in this folder. A [meeting] key left out comes from company.toml.\nname = {}\nmembers = [{}]\n",
        Value::from(name.as_str()),
        members
            .iter()
            .map(|m| Value::from(m.as_str()).to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    if !new.meeting.is_empty() {
        text.push_str("\n[meeting]\n");
        if let Some(d) = &new.meeting.weekday {
            text.push_str(&format!("weekday = {}\n", Value::from(d.trim())));
        }
        if let Some(t) = &new.meeting.time {
            text.push_str(&format!("time = {}\n", Value::from(t.trim())));
        }
        if let Some(m) = new.meeting.minutes {
            text.push_str(&format!("minutes = {m}\n"));
        }
    }
    let parsed: TeamFile = crate::store::parse::parse_toml(&file, &text)?;
    change.put_text(&file, text);
    let outcome = change.finish(&format!("team: add {id} ({})", parsed.name))?;
    Ok((parsed, outcome))
}

/// Changes a team's name or meeting.
pub fn edit(
    ctx: &Ctx,
    id: &str,
    name: Option<&str>,
    meeting: MeetingChange,
) -> Result<(TeamFile, Outcome)> {
    team_ctx(ctx, id)?;
    meeting.validate()?;
    if name.is_none() && meeting.is_empty() {
        return Err(Error::user(
            "nothing to change: give --name, --weekday, --time or --minutes",
        ));
    }
    let mut change = Change::begin(ctx)?;
    let file = ctx.ws.team_toml(id);
    let mut doc = change.toml(&file)?;
    let mut said = Vec::new();
    if let Some(n) = name {
        let n = super::items::required(n, "the team's name")?;
        set(doc.doc.as_table_mut(), "name", string(&n));
        said.push(format!("name {n:?}"));
    }
    if !meeting.is_empty() {
        let table = table_like_mut(doc.doc.as_table_mut(), "meeting")
            .ok_or_else(|| Error::broken(format!("{}: `meeting` must be a table", file.display)))?;
        if let Some(d) = &meeting.weekday {
            set(table, "weekday", string(d.trim()));
            said.push(format!("meets on {}", d.trim()));
        }
        if let Some(t) = &meeting.time {
            set(table, "time", string(t.trim()));
            said.push(format!("at {}", t.trim()));
        }
        if let Some(m) = meeting.minutes {
            set(table, "minutes", Value::from(i64::from(m)));
            said.push(format!("{m} minutes"));
        }
    }
    change.put_toml::<TeamFile>(&file, &doc)?;
    let outcome = change.finish(&format!("team: edit {id} ({})", said.join(", ")))?;
    let edited = team_ctx(ctx, id)?.ws.team_file.unwrap_or_default();
    Ok((edited, outcome))
}

/// Adds or removes a member.
pub fn member(ctx: &Ctx, id: &str, handle: &str, join: bool) -> Result<(TeamFile, Outcome)> {
    let team = team_ctx(ctx, id)?;
    let current = team.ws.team_file.clone().unwrap_or_default();
    let handle = if join {
        ctx.owner(handle)?
    } else {
        ctx.person(handle)?
    };
    let is_member = current.members.contains(&handle);
    if join && is_member {
        return Err(Error::user(format!("{handle} is already in the {id} team")));
    }
    if !join && !is_member {
        return Err(Error::user(format!(
            "{handle} is not in the {id} team (members: {})",
            current.members.join(", ")
        )));
    }
    let mut change = Change::begin(ctx)?;
    let file = ctx.ws.team_toml(id);
    let mut doc = change.toml(&file)?;
    let array = array_mut(doc.doc.as_table_mut(), "members")
        .ok_or_else(|| Error::broken(format!("{}: `members` must be an array", file.display)))?;
    if join {
        array.push(handle.as_str());
    } else {
        crate::store::edit::remove_string(array, handle.as_str());
    }
    change.put_toml::<TeamFile>(&file, &doc)?;
    let verb = if join { "joins" } else { "leaves" };
    let outcome = change.finish(&format!("team: {handle} {verb} {id}"))?;
    let after = team_ctx(ctx, id)?.ws.team_file.unwrap_or_default();
    Ok((after, outcome))
}

/// What keeps a team from being removed: its open work.
#[derive(Debug, Serialize)]
pub struct OpenWork {
    pub rocks: Vec<String>,
    pub issues: Vec<String>,
    pub todos: Vec<String>,
}

impl OpenWork {
    fn is_empty(&self) -> bool {
        self.rocks.is_empty() && self.issues.is_empty() && self.todos.is_empty()
    }
}

fn open_work(team: &Ctx) -> Result<OpenWork> {
    let quarter = crate::model::time::Quarter::of(team.today);
    Ok(OpenWork {
        rocks: load::rocks(&team.ws, quarter)?
            .rock
            .into_iter()
            .filter(|r| r.status.is_open())
            .map(|r| r.id)
            .collect(),
        issues: load::issues(&team.ws)?
            .issue
            .into_iter()
            .filter(|i| i.is_open())
            .map(|i| i.id)
            .collect(),
        todos: load::todos(&team.ws)?
            .todo
            .into_iter()
            .filter(|t| !t.is_done())
            .map(|t| t.id)
            .collect(),
    })
}

/// Removes a team's folder, refused while it has open work unless `force`.
pub fn remove(ctx: &Ctx, id: &str, force: bool) -> Result<(OpenWork, Outcome)> {
    let team = team_ctx(ctx, id)?;
    let open = open_work(&team)?;
    if !open.is_empty() && !force {
        let mut parts = Vec::new();
        for (what, ids) in [
            ("rocks", &open.rocks),
            ("open issues", &open.issues),
            ("open to-dos", &open.todos),
        ] {
            if !ids.is_empty() {
                parts.push(format!("{what}: {}", ids.join(", ")));
            }
        }
        return Err(Error::user(format!(
            "the {id} team still has work: {}",
            parts.join("; ")
        ))
        .with_hint(format!(
            "move its issues with `pulse -t {id} issue move ID --team leadership`, or remove the team and all of it with `pulse team remove {id} --force`"
        )));
    }
    let files = list_dir_all(&team.ws.team)?;
    // A file git does not track would be gone for good: refused, named.
    if crate::git::find_git_dir(&ctx.ws.root).is_some() {
        // One question to git, not one per file.
        let untracked = crate::git::untracked(&ctx.ws.root, std::slice::from_ref(&team.ws.team));
        if !untracked.is_empty() {
            return Err(Error::user(format!(
                "the {id} team's folder holds {} git does not track: {}; removing the team would delete {} for good",
                crate::render::words::count(untracked.len(), "file", "files"),
                crate::escape::escape(&untracked.join(", ")),
                if untracked.len() == 1 { "it" } else { "them" }
            ))
            .with_hint(format!(
                "move {} out of the team's folder, or commit {}, then run `pulse team remove {id}` again",
                if untracked.len() == 1 { "it" } else { "them" },
                if untracked.len() == 1 { "it" } else { "them" }
            )));
        }
    }
    let mut change = Change::begin(ctx)?;
    for path in files {
        change.delete(&ctx.ws.file(path));
    }
    let outcome = change.finish(&format!("team: remove {id}"))?;
    // Its files are gone; the folders that held them go too.
    let _ = std::fs::remove_dir_all(&team.ws.team);
    Ok((open, outcome))
}

/// The workspace of an existing departmental team (never leadership).
fn team_ctx(ctx: &Ctx, id: &str) -> Result<Ctx> {
    if id == LEADERSHIP {
        return Err(Error::user(
            "`leadership` is the root's own team: its meeting is company.toml's [meeting]",
        ));
    }
    Ok(ctx.for_workspace(ctx.ws.for_team(id)?))
}

/// One team on the `pulse teams` screen.
#[derive(Debug, Serialize)]
pub struct TeamSummary {
    pub id: String,
    pub name: String,
    pub members: Vec<String>,
    pub weekday: String,
    pub time: String,
    pub minutes: u32,
    pub next_meeting: NaiveDate,
    pub on_track: usize,
    pub off_track: usize,
    pub done: usize,
    pub misses: usize,
    pub measurables: usize,
    /// Values recorded for the scorecard week so far.
    pub recorded: usize,
    pub open_issues: usize,
    pub todo_completion: Option<(usize, usize)>,
    pub last_meeting: Option<NaiveDate>,
    pub last_rating: Option<f64>,
}

/// Every team, leadership first: members, meeting, rocks, this week's
/// misses, open issues, to-do completion, last meeting's rating.
pub fn overview(ctx: &Ctx) -> Result<Vec<TeamSummary>> {
    ctx.ws
        .all_teams()?
        .into_iter()
        .map(|ws| {
            let team = ctx.for_workspace(ws);
            let s = status::status(&team, None)?;
            let (id, name, members) = match &team.ws.team_file {
                Some(file) => (
                    team.ws.team_label().to_string(),
                    file.name.clone(),
                    file.members.clone(),
                ),
                None => (
                    LEADERSHIP.to_string(),
                    "Leadership".to_string(),
                    team.ws.company.active_handles().map(String::from).collect(),
                ),
            };
            Ok(TeamSummary {
                id,
                name,
                members,
                weekday: team.ws.meeting.weekday.clone(),
                time: team.ws.meeting.time.clone(),
                minutes: team.ws.meeting.minutes,
                next_meeting: s.next_meeting,
                on_track: s.on_track,
                off_track: s.off_track,
                done: s.done,
                misses: s.misses.len(),
                measurables: s.measurables,
                recorded: s.recorded,
                open_issues: s.open_issues,
                todo_completion: s.todo_completion,
                last_meeting: s.last_meeting,
                last_rating: s.last_rating,
            })
        })
        .collect()
}

/// The members a team's items may be owned by, for `check`.
pub fn members(ctx: &Ctx) -> Option<Vec<String>> {
    ctx.ws.team_file.as_ref().map(|t| t.members.clone())
}
