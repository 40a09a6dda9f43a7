//! Departmental teams: every `teams/<name>/` a slug holding a `team.toml`
//! that parses, members on the roster, and a team's work owned by its
//! members.

use super::findings::{Findings, Roster};
use crate::model::ids::is_slug;
use crate::model::time::Quarter;
use crate::store::{Workspace, load};
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// The departments to check, each loaded; a folder that is not a team, or
/// whose `team.toml` does not parse, is a finding instead.
pub fn teams(f: &mut Findings, ws: &Workspace) -> Vec<Workspace> {
    let dir = ws.teams_dir();
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(_) => return Vec::new(),
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    let mut teams = Vec::new();
    for name in names {
        let folder = ws.file(dir.join(&name));
        if !is_slug(&name) {
            f.error(
                &folder,
                None,
                "a team's folder is named by a slug (lowercase letters and digits joined by `-`)"
                    .into(),
            );
            continue;
        }
        if !ws.team_toml(&name).path.is_file() {
            f.warn(
                &folder,
                None,
                format!("`teams/{name}` has no team.toml, so it is not a team: add one with `pulse team add {name}`"),
            );
            continue;
        }
        match ws.for_team(&name) {
            Ok(team) => teams.push(team),
            Err(e) => f.broken(&ws.team_toml(&name), e),
        }
    }
    teams
}

/// A department's members are on the roster; its live work is owned by its
/// members (a warning: a leader may own a department's rock).
pub fn check_team(f: &mut Findings, team: &Workspace, roster: &Roster, today: NaiveDate) {
    let Some(file) = &team.team_file else {
        return;
    };
    let toml = team.team_toml(team.team_label());
    for member in &file.members {
        roster.check(f, &toml, || None, "member", member);
    }
    let mut owners: BTreeSet<(String, String)> = BTreeSet::new();
    if let Ok(rocks) = load::rocks(team, Quarter::of(today)) {
        owners.extend(
            rocks
                .rock
                .into_iter()
                .map(|r| (r.owner, "rocks".to_string())),
        );
    }
    if let Ok(issues) = load::issues(team) {
        owners.extend(
            issues
                .issue
                .into_iter()
                .filter(|i| i.is_open())
                .map(|i| (i.owner, "issues".to_string())),
        );
    }
    if let Ok(todos) = load::todos(team) {
        owners.extend(
            todos
                .todo
                .into_iter()
                .filter(|t| !t.is_done())
                .map(|t| (t.owner, "to-dos".to_string())),
        );
    }
    if let Ok(measurables) = load::measurables(team) {
        owners.extend(
            measurables
                .into_iter()
                .map(|m| (m.owner, "measurables".to_string())),
        );
    }
    for (owner, what) in owners {
        if !owner.is_empty() && !file.members.contains(&owner) {
            f.warn(
                &toml,
                None,
                format!(
                    "{owner} owns {what} of the {} team but is not a member: `pulse team member add {} {owner}`",
                    team.team_label(),
                    team.team_label()
                ),
            );
        }
    }
}
