//! Parsed list files, remembered by the hash of their text. The to-do and
//! issues lists of a ten-year company are thousands of TOML tables, and TOML
//! is slow to parse; their text changes once a week or so, but is read by
//! every `agenda`, `status` and `todo add`. When the text is exactly the one
//! parsed before, its items are read back from JSON instead (several times
//! faster); any other text — a hand edit, a pull — is parsed again, so the
//! cache can be stale but never wrong. It lives in `.git/pulse-cache/`, is
//! never committed, and any trouble with it just means a parse.

use serde::Serialize;
use serde::de::DeserializeOwned;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

pub struct ParseCache {
    dir: Option<PathBuf>,
}

/// The text's hash and length: what a cache entry is valid for.
fn fingerprint(text: &str) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    format!("pulse-cache 1 {:016x} {}", hasher.finish(), text.len())
}

impl ParseCache {
    /// A cache inside the git folder; none outside git.
    pub fn new(git_dir: Option<&Path>) -> ParseCache {
        ParseCache {
            dir: git_dir
                .filter(|d| d.is_dir())
                .map(|d| d.join("pulse-cache")),
        }
    }

    fn path(&self, name: &str) -> Option<PathBuf> {
        let file = name.replace(['/', '\\'], "_");
        self.dir.as_ref().map(|d| d.join(format!("{file}.json")))
    }

    /// What `name` parsed to when its text was exactly `text`.
    pub fn get<T: DeserializeOwned>(&self, name: &str, text: &str) -> Option<T> {
        let cached = std::fs::read_to_string(self.path(name)?).ok()?;
        let (first, json) = cached.split_once('\n')?;
        if first != fingerprint(text) {
            return None;
        }
        serde_json::from_str(json).ok()
    }

    /// Only the ids of the items of list `key` remembered for this text:
    /// what a write needs to pick a fresh id, read without building every
    /// item.
    pub fn get_ids(&self, name: &str, text: &str, key: &str) -> Option<Vec<String>> {
        #[derive(serde::Deserialize)]
        struct IdOnly {
            id: String,
        }
        let mut lists: std::collections::BTreeMap<String, Vec<IdOnly>> = self.get(name, text)?;
        Some(lists.remove(key)?.into_iter().map(|i| i.id).collect())
    }

    /// Remembers what this text of `name` parses to (best effort).
    pub fn put<T: Serialize>(&self, name: &str, text: &str, value: &T) {
        let (Some(dir), Some(path)) = (self.dir.as_ref(), self.path(name)) else {
            return;
        };
        let Ok(json) = serde_json::to_string(value) else {
            return;
        };
        let body = format!("{}\n{json}", fingerprint(text));
        // Temp file and rename, so a torn write is never read as an entry
        // (no fsync: losing the cache costs one parse).
        let temp = path.with_extension(format!("json.{}", std::process::id()));
        let _ = std::fs::create_dir_all(dir)
            .and_then(|_| std::fs::write(&temp, body.as_bytes()))
            .and_then(|_| std::fs::rename(&temp, &path));
        let _ = std::fs::remove_file(&temp);
    }
}

impl ParseCache {
    /// Moves the entry of `old_text` to `new_text`, the list having gained
    /// `item` at its end: the cached JSON (`{"key":[...]}`) gets the item
    /// spliced in before its closing brackets, with no full serialisation.
    /// Returns false when there was no entry for `old_text` to move.
    pub fn append_item<T: Serialize>(
        &self,
        name: &str,
        old_text: &str,
        new_text: &str,
        item: &T,
    ) -> bool {
        let (Some(dir), Some(path)) = (self.dir.as_ref(), self.path(name)) else {
            return false;
        };
        let Ok(cached) = std::fs::read_to_string(&path) else {
            return false;
        };
        let Some((first, json)) = cached.split_once('\n') else {
            return false;
        };
        let (Some(body), Ok(item)) = (json.strip_suffix("]}"), serde_json::to_string(item)) else {
            return false;
        };
        if first != fingerprint(old_text) {
            return false;
        }
        let comma = if body.ends_with('[') { "" } else { "," };
        let entry = format!("{}\n{body}{comma}{item}]}}", fingerprint(new_text));
        let temp = path.with_extension(format!("json.{}", std::process::id()));
        let written = std::fs::create_dir_all(dir)
            .and_then(|_| std::fs::write(&temp, entry.as_bytes()))
            .and_then(|_| std::fs::rename(&temp, &path))
            .is_ok();
        let _ = std::fs::remove_file(&temp);
        written
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::issue::IssuesFile;
    use crate::model::todo::TodosFile;

    #[test]
    fn remembers_for_the_same_text_only() {
        let git = tempfile::tempdir().unwrap();
        let cache = ParseCache::new(Some(git.path()));
        assert_eq!(cache.get::<Vec<String>>("todos.toml", "a"), None);
        cache.put("todos.toml", "a", &vec!["x".to_string()]);
        assert_eq!(cache.get("todos.toml", "a"), Some(vec!["x".to_string()]));
        assert_eq!(cache.get::<Vec<String>>("todos.toml", "b"), None);
        assert_eq!(
            ParseCache::new(None).get::<Vec<String>>("todos.toml", "a"),
            None
        );
    }

    #[test]
    fn an_appended_item_moves_the_entry() {
        let git = tempfile::tempdir().unwrap();
        let cache = ParseCache::new(Some(git.path()));
        let mut todos: TodosFile =
            toml::from_str(include_str!("../../examples/demo/todos.toml")).unwrap();
        cache.put("todos.toml", "old", &todos);
        let item = todos.todo[0].clone();
        assert!(cache.append_item("todos.toml", "old", "new", &item));
        todos.todo.push(item.clone());
        assert_eq!(
            cache.get::<TodosFile>("todos.toml", "new").unwrap().todo,
            todos.todo
        );
        assert!(cache.get::<TodosFile>("todos.toml", "old").is_none());
        assert!(!cache.append_item("todos.toml", "old", "newer", &item));
        let empty = TodosFile::default();
        cache.put("todos.toml", "e", &empty);
        assert!(cache.append_item("todos.toml", "e", "e2", &item));
        assert_eq!(
            cache.get::<TodosFile>("todos.toml", "e2").unwrap().todo,
            vec![item]
        );
    }

    /// What comes back from the cache is what parsing gives.
    #[test]
    fn the_demo_lists_come_back_equal() {
        let todos: TodosFile =
            toml::from_str(include_str!("../../examples/demo/todos.toml")).unwrap();
        let back: TodosFile =
            serde_json::from_str(&serde_json::to_string(&todos).unwrap()).unwrap();
        assert_eq!(back.todo, todos.todo);
        let issues: IssuesFile =
            toml::from_str(include_str!("../../examples/demo/issues.toml")).unwrap();
        let back: IssuesFile =
            serde_json::from_str(&serde_json::to_string(&issues).unwrap()).unwrap();
        assert_eq!(back.issue, issues.issue);
    }
}
