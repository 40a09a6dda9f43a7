//! The company files a source's command names (`sh scripts/leads.sh`
//! names `scripts/leads.sh`), each with the SHA-256 of its content: trust
//! covers them as well as the command's text, so a teammate's change to a
//! script is noticed as surely as a change to the command.
//!
//! A word of the command names a company file when it is the path of an
//! existing regular file inside the company folder (relative to it, where
//! the source runs, or absolute). Paths outside the company folder
//! (`/usr/bin/awk`) are not the company's and are left out. A path inside it
//! that leads out through a symbolic link is not followed: the source
//! cannot be trusted until it names the file itself.

use crate::model::source::file_words;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// Each named file (its path inside the company folder, `/`-separated) and
/// its content's hash, `sha256:HEX`.
pub type Files = BTreeMap<String, String>;

/// The files `command` names inside `root`, hashed; an error says why it
/// cannot be trusted (a link out of the folder, a file that cannot be read).
pub fn named_files(root: &Path, command: &str) -> Result<Files, String> {
    // Resolved, `..` included: a company opened as `../lapwing` (as `init
    // --demo ../lapwing` does) names its files under that same root.
    let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let root = root.canonicalize().unwrap_or(root);
    let real_root = root.clone();
    let mut files = Files::new();
    for word in file_words(command) {
        let Some(inside) = lexically_inside(&root, Path::new(&word)) else {
            continue;
        };
        let path = root.join(&inside);
        // Only what exists and is a regular file once resolved counts.
        let Ok(real) = path.canonicalize() else {
            continue;
        };
        if !real.is_file() {
            continue;
        }
        let Ok(rel) = real.strip_prefix(&real_root) else {
            return Err(format!(
                "`{}` leads out of the company folder through a symbolic link (to {}); pulse follows none out of it: name the file itself",
                slashed(&inside),
                real.display()
            ));
        };
        let content =
            std::fs::read(&real).map_err(|e| format!("cannot read `{}`: {e}", slashed(rel)))?;
        files.insert(slashed(rel), hash(&content));
    }
    Ok(files)
}

/// `sha256:` and the hex digest of `content`.
pub fn hash(content: &[u8]) -> String {
    let digest = Sha256::digest(content);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// The path a word names, relative to `root`, when it stays inside `root`
/// by its words alone (`.` and `..` resolved without the file system).
fn lexically_inside(root: &Path, word: &Path) -> Option<PathBuf> {
    let full = if word.is_absolute() {
        word.to_path_buf()
    } else {
        root.join(word)
    };
    let mut normal = PathBuf::new();
    for part in full.components() {
        match part {
            Component::ParentDir => {
                normal.pop();
            }
            Component::CurDir => {}
            other => normal.push(other),
        }
    }
    let rel = normal.strip_prefix(root).ok()?;
    (!rel.as_os_str().is_empty()).then(|| rel.to_path_buf())
}

fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_script_is_hashed_and_other_words_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("scripts")).unwrap();
        std::fs::write(root.join("scripts/leads.sh"), "echo 23\n").unwrap();
        std::fs::write(root.join("data.csv"), "a\n").unwrap();
        let files = named_files(
            root,
            "sh ./scripts/leads.sh \"$PULSE_WEEK\" | awk -f /etc/hostname scripts",
        )
        .unwrap();
        assert_eq!(files.keys().collect::<Vec<_>>(), ["scripts/leads.sh"]);
        assert_eq!(files["scripts/leads.sh"], hash(b"echo 23\n"));
        let files = named_files(root, "wc -l data.csv ../x scripts/../data.csv").unwrap();
        assert_eq!(files.keys().collect::<Vec<_>>(), ["data.csv"]);
    }

    #[test]
    fn a_link_out_of_the_folder_is_refused_and_one_inside_followed() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("evil.sh"), "echo 1\n").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("real.sh"), "echo 2\n").unwrap();
        std::os::unix::fs::symlink(outside.path().join("evil.sh"), root.join("out.sh")).unwrap();
        std::os::unix::fs::symlink(root.join("real.sh"), root.join("in.sh")).unwrap();
        let err = named_files(root, "sh out.sh").unwrap_err();
        assert!(
            err.contains("`out.sh` leads out of the company folder"),
            "{err}"
        );
        let files = named_files(root, "sh in.sh").unwrap();
        assert_eq!(files.keys().collect::<Vec<_>>(), ["real.sh"]);
    }

    #[test]
    fn the_hash_is_sha256() {
        assert_eq!(
            hash(b"abc"),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
