//! The merge of last resort: `git merge-file`, for a file pulse cannot read
//! by meaning (not TOML or the scorecard, or a version that does not parse).
//! Its line merge and its markers, never one side silently dropped.

use super::{Conflict, Merged, markers};
use crate::error::{Error, Result};
use std::process::{Command, Stdio};

/// Merges three versions with `git merge-file -p`, run on copies in a
/// temporary folder (git as a program, no shell).
pub fn merge(base: &[u8], ours: &[u8], theirs: &[u8]) -> Result<Merged> {
    let failed = |e: std::io::Error| Error::user(format!("cannot run git merge-file: {e}"));
    let dir = tempfile::tempdir().map_err(failed)?;
    let path = |name: &str| dir.path().join(name);
    for (name, text) in [("base", base), ("ours", ours), ("theirs", theirs)] {
        std::fs::write(path(name), text).map_err(failed)?;
    }
    let output = Command::new("git")
        .args([
            "merge-file",
            "-p",
            "-L",
            "ours",
            "-L",
            "base",
            "-L",
            "theirs",
        ])
        .arg(path("ours"))
        .arg(path("base"))
        .arg(path("theirs"))
        .env("LC_ALL", "C")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                Error::user("git is not installed (no `git` program on PATH)")
            }
            _ => failed(e),
        })?;
    // The exit code is the number of conflicts (at most 127); higher, or a
    // signal, is a failure.
    let conflicted = match output.status.code() {
        Some(count @ 0..=127) => count > 0,
        _ => {
            return Err(Error::user(format!(
                "git merge-file failed: {}",
                String::from_utf8_lossy(&output.stderr).trim()
            )));
        }
    };
    let text = output.stdout;
    let mut conflicts: Vec<Conflict> = String::from_utf8_lossy(&text)
        .lines()
        .enumerate()
        .filter(|(_, line)| *line == markers::OURS)
        .map(|(i, _)| Conflict {
            line: i + 1,
            what: "lines changed on both sides".to_string(),
        })
        .collect();
    if conflicted && conflicts.is_empty() {
        conflicts.push(Conflict {
            line: 1,
            what: "lines changed on both sides".to_string(),
        });
    }
    Ok(Merged { text, conflicts })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_apart_merge_and_lines_together_conflict() {
        let merged = merge(b"a\nb\nc\n", b"A\nb\nc\n", b"a\nb\nC\n").unwrap();
        assert_eq!(merged.text, b"A\nb\nC\n");
        assert!(merged.conflicts.is_empty());
        let merged = merge(b"a\n", b"x\n", b"y\n").unwrap();
        assert_eq!(
            String::from_utf8(merged.text).unwrap(),
            "<<<<<<< ours\nx\n=======\ny\n>>>>>>> theirs\n"
        );
        assert_eq!(merged.conflicts.len(), 1);
        assert_eq!(merged.conflicts[0].line, 1);
    }
}
