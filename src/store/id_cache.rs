//! The ids of a long list file, remembered by the hash of its text. Adding a
//! to-do needs the ids taken (for a fresh one) and the knowledge that the
//! file reads; both are the same as last time when the text is the same, so
//! a ten-year to-do list is parsed once per change of its text rather than
//! once per `pulse todo add`. The cache lives in `.git/pulse-cache/`, is
//! never committed, and a miss (or any trouble with it) just means a parse.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

pub struct IdCache {
    dir: Option<PathBuf>,
}

fn fingerprint(text: &str) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    format!("{:016x}-{}", hasher.finish(), text.len())
}

impl IdCache {
    /// A cache inside the git folder; none outside git.
    pub fn new(git_dir: Option<&Path>) -> IdCache {
        IdCache {
            dir: git_dir
                .filter(|d| d.is_dir())
                .map(|d| d.join("pulse-cache")),
        }
    }

    fn path(&self, name: &str) -> Option<PathBuf> {
        let file = name.replace(['/', '\\'], "_");
        self.dir.as_ref().map(|d| d.join(format!("{file}.ids")))
    }

    /// The ids remembered for exactly this text of the file `name`.
    pub fn get(&self, name: &str, text: &str) -> Option<Vec<String>> {
        let cached = std::fs::read_to_string(self.path(name)?).ok()?;
        let mut lines = cached.lines();
        (lines.next()? == fingerprint(text)).then(|| lines.map(String::from).collect())
    }

    /// Remembers the ids of this text of the file (best effort).
    pub fn put(&self, name: &str, text: &str, ids: &[String]) {
        let (Some(dir), Some(path)) = (self.dir.as_ref(), self.path(name)) else {
            return;
        };
        let mut body = fingerprint(text);
        for id in ids {
            body.push('\n');
            body.push_str(id);
        }
        // Temp file and rename, so a torn write can never pass for a whole
        // list of ids (the cache needs no fsync: losing it costs a parse).
        let temp = path.with_extension(format!("ids.{}", std::process::id()));
        let _ = std::fs::create_dir_all(dir)
            .and_then(|_| std::fs::write(&temp, body.as_bytes()))
            .and_then(|_| std::fs::rename(&temp, &path));
        let _ = std::fs::remove_file(&temp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_ids_for_the_same_text_only() {
        let git = tempfile::tempdir().unwrap();
        let cache = IdCache::new(Some(git.path()));
        assert_eq!(cache.get("todos.toml", "a"), None);
        cache.put("todos.toml", "a", &["x".into(), "y".into()]);
        assert_eq!(
            cache.get("todos.toml", "a"),
            Some(vec!["x".into(), "y".into()])
        );
        assert_eq!(cache.get("todos.toml", "b"), None);
        assert_eq!(IdCache::new(None).get("todos.toml", "a"), None);
    }
}
