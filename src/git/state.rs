//! What git is in the middle of — a merge, a rebase, a cherry-pick, a revert,
//! `git am` — read from the files git keeps in the git folder while it waits
//! for the user, so every pulse write can ask without starting a process.

use std::path::Path;

/// An operation git has started and the user has not finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    Merge,
    Rebase,
    CherryPick,
    Revert,
    Am,
}

impl Operation {
    /// "a rebase", "a merge", ...
    pub fn name(self) -> &'static str {
        match self {
            Operation::Merge => "a merge",
            Operation::Rebase => "a rebase",
            Operation::CherryPick => "a cherry-pick",
            Operation::Revert => "a revert",
            Operation::Am => "a `git am`",
        }
    }

    /// The git command that finishes it, and the one that gives up.
    pub fn finish_and_abort(self) -> (&'static str, &'static str) {
        match self {
            Operation::Merge => ("git commit", "git merge --abort"),
            Operation::Rebase => ("git rebase --continue", "git rebase --abort"),
            Operation::CherryPick => ("git cherry-pick --continue", "git cherry-pick --abort"),
            Operation::Revert => ("git revert --continue", "git revert --abort"),
            Operation::Am => ("git am --continue", "git am --abort"),
        }
    }
}

/// The operation in progress in the work tree whose git folder is `git_dir`
/// (for a linked work tree, its own folder under `.git/worktrees/`).
pub fn in_progress(git_dir: &Path) -> Option<Operation> {
    let has = |name: &str| git_dir.join(name).exists();
    if has("rebase-merge") {
        Some(Operation::Rebase)
    } else if has("rebase-apply") {
        // `git am` keeps its state in the same folder as the old rebase.
        Some(if has("rebase-apply/applying") {
            Operation::Am
        } else {
            Operation::Rebase
        })
    } else if has("MERGE_HEAD") {
        Some(Operation::Merge)
    } else if has("CHERRY_PICK_HEAD") {
        Some(Operation::CherryPick)
    } else if has("REVERT_HEAD") {
        Some(Operation::Revert)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_state_file_names_its_operation() {
        let dir = tempfile::TempDir::new().unwrap();
        let git = dir.path();
        assert_eq!(in_progress(git), None);
        for (file, op) in [
            ("MERGE_HEAD", Operation::Merge),
            ("CHERRY_PICK_HEAD", Operation::CherryPick),
            ("REVERT_HEAD", Operation::Revert),
        ] {
            std::fs::write(git.join(file), "0\n").unwrap();
            assert_eq!(in_progress(git), Some(op));
            std::fs::remove_file(git.join(file)).unwrap();
        }
        std::fs::create_dir(git.join("rebase-apply")).unwrap();
        assert_eq!(in_progress(git), Some(Operation::Rebase));
        std::fs::write(git.join("rebase-apply/applying"), "").unwrap();
        assert_eq!(in_progress(git), Some(Operation::Am));
        std::fs::create_dir(git.join("rebase-merge")).unwrap();
        assert_eq!(in_progress(git), Some(Operation::Rebase));
    }
}
