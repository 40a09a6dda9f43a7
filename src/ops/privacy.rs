//! Keeping the files about people private (SPEC §11): where they live, the
//! warning whenever the company's git tracks one of them, and who "I" am
//! when a command records who rated or answered.

use super::Ctx;
use crate::error::{Error, Result};
use crate::git;
use crate::store::PeopleHome;

/// Where `people.toml` and `people/` live. A `people_dir` inside the
/// company's own repository is refused: its commits would land in the
/// shared history the setting exists to keep them out of.
pub fn home(ctx: &Ctx) -> Result<PeopleHome> {
    let home = ctx.ws.people_home()?;
    if home.external
        && let Some(company_git) = git::find_git_dir(&ctx.ws.root)
        && git::find_git_dir(&home.dir).is_some_and(|d| same_folder(&d, &company_git))
    {
        return Err(Error::broken(format!(
            "company.toml: [privacy] people_dir = \"{}\" is inside the company's own git repository; it is for a separate, private repository",
            home.shown
        ))
        .with_hint(format!(
            "make it a repository of its own: git -C {} init",
            crate::shell::quote(&home.dir.display().to_string())
        )));
    }
    Ok(home)
}

fn same_folder(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// A warning for each file about people that the company's repository
/// tracks: pulse never commits them there, but a `git commit -a` would
/// share every change. The demo snapshot (`[demo] today`), whose people
/// are made up, is spared.
pub fn tracked_warnings(ctx: &Ctx) -> Vec<String> {
    let ws = &ctx.ws;
    let mut warnings = Vec::new();
    // With people_dir set, people data left in the company folder is no
    // longer read: say so rather than show everyone as not rated.
    if let Ok(home) = home(ctx)
        && home.external
    {
        for left in ["people.toml", "people"] {
            if std::fs::symlink_metadata(ws.data.join(left)).is_ok() {
                warnings.push(format!(
                    "{left} in the company folder is not read: [privacy] people_dir keeps people data in {}; move it there",
                    home.shown
                ));
            }
        }
    }
    if ws.company.demo.today.is_some() || git::find_git_dir(&ws.root).is_none() {
        return warnings;
    }
    let people_toml = ws.data.join("people.toml");
    let people_dir = ws.data.join("people");
    let tracked = git::tracked(&ws.root, &[people_toml, people_dir.clone()]);
    let rel = |p: &std::path::Path| {
        p.strip_prefix(&ws.root)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/")
    };
    // The .gitignore line to add, unless it is there already.
    let ignored = std::fs::read_to_string(ws.root.join(".gitignore")).unwrap_or_default();
    let add_line = |line: &str| {
        if ignored.lines().any(|l| l.trim() == line) {
            String::new()
        } else {
            format!(" and a line `{line}` in .gitignore")
        }
    };
    let people_toml = rel(&ws.data.join("people.toml"));
    if tracked.contains(&people_toml) {
        warnings.push(format!(
            "{people_toml} is tracked by git: its ratings of people are in the shared history, and a `git commit -a` adds each change (pulse itself never commits it); stop with `git rm --cached {}`{}",
            crate::shell::quote(&people_toml),
            add_line("people.toml")
        ));
    }
    let folder = rel(&people_dir);
    let inside: Vec<&String> = tracked.iter().filter(|t| **t != people_toml).collect();
    if let Some(first) = inside.first() {
        warnings.push(format!(
            "{folder}/ is tracked by git ({}, e.g. {first}): Quarterly Conversations are about people and stay out of the shared history; stop with `git rm -r --cached {}`{}",
            crate::render::words::count(inside.len(), "file", "files"),
            crate::shell::quote(&folder),
            add_line("people/")
        ));
    }
    warnings
}

/// The person on the roster whose email is git's `user.email` here: who
/// is rating or answering when the command does not say.
pub fn me(ctx: &Ctx) -> Option<String> {
    let email = git::config_value(&ctx.ws.root, "user.email")?;
    ctx.ws
        .company
        .people
        .iter()
        .find(|(_, p)| {
            p.left.is_none()
                && p.email
                    .as_deref()
                    .is_some_and(|e| e.trim().eq_ignore_ascii_case(email.trim()))
        })
        .map(|(h, _)| h.clone())
}

/// Who does it: `--by H` (someone still with the company), else [`me`].
pub fn who(ctx: &Ctx, by: Option<&str>) -> Result<Option<String>> {
    match by {
        Some(h) => ctx.owner(h).map(Some),
        None => Ok(me(ctx)),
    }
}
