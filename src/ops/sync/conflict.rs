//! A rebase that `pulse sync` started and git stopped: which files conflict,
//! where their conflict markers are and what each one is about (the item's
//! id in a TOML list, the week and measurable of a scorecard row), and the
//! commands that finish the job.

use super::{Layout, cd_to_root, plural, shown};
use crate::error::Error;
use crate::git::{self, remote};
use crate::shell::quote;
use std::path::Path;

/// The error for a rebase that did not go through: stopped by a conflict
/// (git waits, and the user finishes the job), or refused outright.
pub(super) fn stopped(layout: &Layout, git_dir: &Path, reason: String) -> Error {
    if git::state::in_progress(git_dir).is_none() {
        return Error::user(format!(
            "git could not rebase your commits onto the team's: {}",
            crate::render::escape_lines(reason.trim()).replace('\n', "\n  ")
        ))
        .with_hint("nothing was changed: your local commits are kept");
    }
    let top = layout.top.as_path();
    let files = remote::unmerged(top).unwrap_or_default();
    let mut places = Vec::new();
    for file in &files {
        let name = shown(layout, file);
        // A regular file only, and no more of it than pulse reads of any
        // file: a link to `/dev/zero` from a teammate is no hang.
        let path = top.join(file);
        let regular = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file());
        let text = match regular.then(|| crate::store::files::read_capped(&path, file)) {
            Some(Ok(Ok(bytes))) => String::from_utf8_lossy(&bytes).into_owned(),
            _ => String::new(),
        };
        let conflicts = conflicts(&text, file.ends_with(".csv"));
        if conflicts.is_empty() {
            places.push(format!("  {name}"));
        }
        for (line, item) in conflicts {
            places.push(match item {
                Some(item) => format!("  {name}:{line} ({})", crate::render::escape(&item)),
                None => format!("  {name}:{line}"),
            });
        }
    }
    let quoted: Vec<String> = files.iter().map(|f| quote(&shown(layout, f))).collect();
    let add = if quoted.is_empty() {
        "git add FILE".to_string()
    } else {
        format!("git add -- {}", quoted.join(" "))
    };
    Error::user(format!(
        "pulse sync stopped: your commits and the team's conflict in {}:\n{}",
        plural(files.len(), "file"),
        places.join("\n")
    ))
    .with_hint("your commits are safe: git is in the middle of a rebase, and pulse changes no file until it ends")
    .with_hint(format!(
        "to finish: edit each file to keep what both sides meant (delete the <<<<<<<, ======= and >>>>>>> lines), then run\n{}  pulse check\n  {add}\n  git rebase --continue\n  pulse sync",
        cd_to_root(layout).map(|cd| format!("  {cd}\n")).unwrap_or_default()
    ))
    .with_hint("or give up and go back to where you were: git rebase --abort")
}

/// Each conflict in a file's text: the line (from 1) of its `<<<<<<<` marker
/// and, where one shows inside it, what it is about — the first `id` of a
/// TOML item, or the week and measurable of the first scorecard row.
fn conflicts(text: &str, csv: bool) -> Vec<(usize, Option<String>)> {
    let mut found = Vec::new();
    let mut open: Option<(usize, Option<String>)> = None;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with("<<<<<<<") {
            found.extend(open.take());
            open = Some((i + 1, None));
        } else if line.starts_with(">>>>>>>") {
            found.extend(open.take());
        } else if let Some((_, item @ None)) = &mut open
            && !line.starts_with("=======")
            && !line.starts_with("|||||||")
        {
            *item = if csv { row_key(line) } else { toml_id(line) };
        }
    }
    found.extend(open);
    found
}

/// `id = "x"` (the id of a list item) as `x`.
fn toml_id(line: &str) -> Option<String> {
    let value = line
        .trim()
        .strip_prefix("id")?
        .trim_start()
        .strip_prefix('=')?;
    let value = value.trim().strip_prefix('"')?;
    Some(value.split('"').next()?.to_string())
}

/// A scorecard row as its week and measurable.
fn row_key(line: &str) -> Option<String> {
    let mut fields = line.split(',');
    let (week, measurable) = (fields.next()?.trim(), fields.next()?.trim());
    (!week.is_empty() && !measurable.is_empty()).then(|| format!("{week} {measurable}"))
}

#[cfg(test)]
mod tests {
    use super::conflicts;

    #[test]
    fn each_conflict_is_found_with_what_it_is_about() {
        let toml = "[[todo]]\n<<<<<<< HEAD\nid = \"call\"\ntitle = \"A\"\n=======\nid = \"call\"\ntitle = \"B\"\n>>>>>>> x\n\n<<<<<<< HEAD\ndone = 2026-12-01\n=======\n>>>>>>> x\n";
        assert_eq!(
            conflicts(toml, false),
            [(2, Some("call".to_string())), (10, None)]
        );
        let csv = "week,measurable,value,note\n<<<<<<< HEAD\n2026-W47,leads,23,\n=======\n2026-W47,leads,25,\n>>>>>>> x\n";
        assert_eq!(
            conflicts(csv, true),
            [(2, Some("2026-W47 leads".to_string()))]
        );
        assert_eq!(conflicts("no markers\n", false), []);
        assert_eq!(
            conflicts("<<<<<<< cut short\nid = \"x\"\n", false),
            [(1, Some("x".to_string()))]
        );
    }
}
