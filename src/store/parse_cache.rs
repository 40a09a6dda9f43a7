//! Parsed files, remembered by the hash of their text. The to-do and issues
//! lists of a ten-year company are thousands of TOML tables, and TOML is
//! slow to parse; their text changes a few times a week, but is read by
//! every `agenda`, `status` and `todo add`. When the text is exactly one
//! parsed before, its items are read back from JSON instead (several times
//! faster); any other text — a hand edit, a pull — is parsed again, so the
//! cache can be stale but never wrong. It lives in `.git/pulse-cache/`, is
//! never committed, and any trouble with it just means a parse.
//!
//! Every entry is a claim about texts, true whatever else happens to the
//! files: "the text with this fingerprint parses to this JSON" (`NAME.json`),
//! "…has items with these ids" (`NAME.ids.json`), and, for the commonest
//! write, "the text with fingerprint B is the text with fingerprint A with
//! these items appended" (`NAME.tail.json`). So `pulse todo add` records
//! its one new item in the small tail instead of rewriting the whole entry,
//! and the next read takes the entry plus its tail. Entries are written to a
//! temporary file and renamed, so none is ever read half-written.

use super::parse::ListFile;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// The first word of every entry; bumped when the format changes, which
/// turns old entries into misses.
const MAGIC: &str = "pulse-cache 3";
/// Beyond this many bytes of appended items a tail is not extended: the
/// next read parses the file and writes a whole entry again.
const TAIL_LIMIT: usize = 256 * 1024;

const WHOLE: &str = "json";
const IDS: &str = "ids.json";
const TAIL: &str = "tail.json";

pub struct ParseCache {
    dir: Option<PathBuf>,
}

/// What a text is known by: its 128-bit XXH3 hash and its length, as one
/// word. Every read hashes every byte of the files it takes from the cache
/// (two megabytes for `pulse check` of a ten-year company): XXH3 is three to
/// four times as fast as std's SipHash here, and twice as wide.
pub fn fingerprint(text: &str) -> String {
    let hash = xxhash_rust::xxh3::xxh3_128(text.as_bytes());
    format!("{hash:032x}-{}", text.len())
}

/// What a set of named texts is known by (the files of a folder).
pub fn fingerprint_all<'a>(parts: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
    let (mut files, mut bytes) = (0, 0);
    for (name, text) in parts {
        // 0xff never occurs in UTF-8 and the length fences the text, so
        // different sets of files cannot run together into the same bytes.
        hasher.update(name.as_bytes());
        hasher.update(&[0xff]);
        hasher.update(&text.len().to_le_bytes());
        hasher.update(text.as_bytes());
        files += 1;
        bytes += text.len();
    }
    format!("{:032x}-{files}-{bytes}", hasher.digest128())
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

    fn path(&self, name: &str, kind: &str) -> Option<PathBuf> {
        let file = name.replace(['/', '\\'], "_");
        self.dir.as_ref().map(|d| d.join(format!("{file}.{kind}")))
    }

    /// An entry: its header words after the magic, and its JSON.
    fn read(&self, name: &str, kind: &str) -> Option<Entry> {
        let text = std::fs::read_to_string(self.path(name, kind)?).ok()?;
        let newline = text.find('\n')?;
        text[..newline].strip_prefix(MAGIC)?.strip_prefix(' ')?;
        Some(Entry { text, newline })
    }

    /// Only the header words of an entry (its JSON may be a megabyte).
    fn read_header(&self, name: &str, kind: &str) -> Option<String> {
        let file = std::fs::File::open(self.path(name, kind)?).ok()?;
        let mut header = String::new();
        std::io::BufReader::with_capacity(256, file)
            .read_line(&mut header)
            .ok()?;
        let words = header.strip_suffix('\n')?.strip_prefix(MAGIC)?;
        Some(words.strip_prefix(' ')?.to_string())
    }

    /// Writes an entry through a temporary file and a rename (no fsync:
    /// losing the cache costs one parse). Best effort.
    fn write(&self, name: &str, kind: &str, words: &str, json: &str) -> bool {
        let (Some(dir), Some(path)) = (self.dir.as_ref(), self.path(name, kind)) else {
            return false;
        };
        let mut temp = path.clone().into_os_string();
        temp.push(format!(".{}", std::process::id()));
        let written = std::fs::create_dir_all(dir)
            .and_then(|_| std::fs::write(&temp, format!("{MAGIC} {words}\n{json}")))
            .and_then(|_| std::fs::rename(&temp, &path))
            .is_ok();
        let _ = std::fs::remove_file(&temp);
        written
    }

    fn remove(&self, name: &str, kind: &str) {
        if let Some(path) = self.path(name, kind) {
            let _ = std::fs::remove_file(path);
        }
    }

    /// What `name` parsed to when its text was exactly `text`.
    pub fn get<T: DeserializeOwned>(&self, name: &str, text: &str) -> Option<T> {
        self.get_known(name, &fingerprint(text))
    }

    /// What `name` parsed to when its text had this fingerprint.
    pub fn get_known<T: DeserializeOwned>(&self, name: &str, fingerprint: &str) -> Option<T> {
        let entry = self.read(name, WHOLE)?;
        let (words, json) = entry.parts();
        if words != fingerprint {
            return None;
        }
        serde_json::from_str(json).ok()
    }

    /// Remembers what this text of `name` parses to.
    pub fn put<T: Serialize>(&self, name: &str, text: &str, value: &T) {
        if self.dir.is_some() {
            self.put_known(name, &fingerprint(text), value);
        }
    }

    /// Remembers what the text with this fingerprint parses to.
    pub fn put_known<T: Serialize>(&self, name: &str, fingerprint: &str, value: &T) {
        if let Ok(json) = serde_json::to_string(value) {
            self.write(name, WHOLE, fingerprint, &json);
        }
    }

    /// A list file as `text` parses: its whole entry, or the whole entry of
    /// an earlier text plus the items appended since.
    pub fn get_list<T: ListFile>(&self, name: &str, text: &str) -> Option<T> {
        let fingerprint = fingerprint(text);
        // The header first: `pulse log` asks about hundreds of old texts,
        // and a whole entry is a megabyte.
        let words = self.read_header(name, WHOLE)?;
        let appended: Option<Vec<T::Item>> = if words == fingerprint {
            None
        } else {
            Some(self.tail(name, &words, &fingerprint)?)
        };
        let entry = self.read(name, WHOLE)?;
        let (read_words, json) = entry.parts();
        if read_words != words {
            return None; // replaced meanwhile
        }
        let mut list: T = serde_json::from_str(json).ok()?;
        list.items_mut().extend(appended.into_iter().flatten());
        Some(list)
    }

    /// The items a tail says were appended to the text `base` to make the
    /// text `fingerprint`.
    fn tail<I: DeserializeOwned>(&self, name: &str, base: &str, fingerprint: &str) -> Option<I> {
        let entry = self.read(name, TAIL)?;
        let (words, json) = entry.parts();
        (words.split_once(' ')? == (base, fingerprint))
            .then(|| serde_json::from_str(json).ok())
            .flatten()
    }

    /// Remembers a parsed list file whole, with its ids on their own.
    pub fn put_list<T: ListFile + Serialize>(&self, name: &str, text: &str, list: &T) {
        if self.dir.is_none() {
            return;
        }
        let fingerprint = fingerprint(text);
        let Ok(json) = serde_json::to_string(list) else {
            return;
        };
        let ids: Vec<&str> = list.items().iter().map(T::id).collect();
        self.write(name, WHOLE, &fingerprint, &json);
        self.write(
            name,
            IDS,
            &fingerprint,
            &serde_json::to_string(&ids).unwrap_or_default(),
        );
        self.remove(name, TAIL);
    }

    /// The ids of the items of list file `name` when its text is `text`,
    /// without reading the items themselves: what a write needs to pick a
    /// fresh id.
    pub fn get_ids<T: ListFile>(&self, name: &str, text: &str) -> Option<Vec<String>> {
        let fingerprint = fingerprint(text);
        let entry = self.read(name, IDS)?;
        let (words, json) = entry.parts();
        let appended: Vec<IdOnly> = if words == fingerprint {
            Vec::new()
        } else {
            self.tail(name, words, &fingerprint)?
        };
        let mut ids: Vec<String> = serde_json::from_str(json).ok()?;
        ids.extend(appended.into_iter().map(|i| i.id));
        Some(ids)
    }

    /// Records that `new_text` is `old_text` with `item` appended to its
    /// list, when the cache knows `old_text`: the tail grows by one item
    /// (or starts after the whole entry). Returns false when it could not,
    /// leaving the next read to parse.
    pub fn append_item<T: ListFile>(
        &self,
        name: &str,
        old_text: &str,
        new_text: &str,
        item: &T::Item,
    ) -> bool {
        let Ok(item) = serde_json::to_string(item) else {
            return false;
        };
        let (old, new) = (fingerprint(old_text), fingerprint(new_text));
        if let Some(entry) = self.read(name, TAIL)
            && let (words, json) = entry.parts()
            && let Some((base, end)) = words.split_once(' ')
            && end == old
        {
            let Some(items) = json.strip_suffix(']') else {
                return false;
            };
            if items.len() > TAIL_LIMIT {
                return false;
            }
            let comma = if items.ends_with('[') { "" } else { "," };
            return self.write(
                name,
                TAIL,
                &format!("{base} {new}"),
                &format!("{items}{comma}{item}]"),
            );
        }
        self.read_header(name, WHOLE)
            .is_some_and(|words| words == old)
            && self.write(name, TAIL, &format!("{old} {new}"), &format!("[{item}]"))
    }
}

/// An entry as read: one buffer (a megabyte for a ten-year list), split
/// where its header line ends.
struct Entry {
    text: String,
    newline: usize,
}

impl Entry {
    /// The header's words after the magic, and the JSON.
    fn parts(&self) -> (&str, &str) {
        let words = &self.text[MAGIC.len() + 1..self.newline];
        (words, &self.text[self.newline + 1..])
    }
}

#[derive(serde::Deserialize)]
struct IdOnly {
    id: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::issue::IssuesFile;
    use crate::model::todo::TodosFile;

    fn demo_todos() -> TodosFile {
        toml::from_str(include_str!("../../examples/demo/todos.toml")).unwrap()
    }

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
    fn appended_items_make_a_tail_read_with_the_entry() {
        let git = tempfile::tempdir().unwrap();
        let cache = ParseCache::new(Some(git.path()));
        let mut todos = demo_todos();
        let ids = |l: &TodosFile| l.todo.iter().map(|t| t.id.clone()).collect::<Vec<_>>();
        cache.put_list("todos.toml", "old", &todos);
        assert_eq!(
            cache.get_ids::<TodosFile>("todos.toml", "old"),
            Some(ids(&todos))
        );
        let mut first = todos.todo[0].clone();
        first.id = "first".into();
        assert!(cache.append_item::<TodosFile>("todos.toml", "old", "new", &first));
        let mut second = first.clone();
        second.id = "second".into();
        assert!(cache.append_item::<TodosFile>("todos.toml", "new", "newer", &second));
        todos.todo.push(first.clone());
        let after_first = todos.todo.clone();
        todos.todo.push(second);
        let back: TodosFile = cache.get_list("todos.toml", "newer").unwrap();
        assert_eq!(back.todo, todos.todo);
        assert_eq!(
            cache.get_ids::<TodosFile>("todos.toml", "newer"),
            Some(ids(&todos))
        );
        // The whole entry still answers for the old text; the middle text
        // is no longer known (the tail moved on); unknown texts are misses.
        assert!(cache.get_list::<TodosFile>("todos.toml", "old").is_some());
        assert!(cache.get_list::<TodosFile>("todos.toml", "new").is_none());
        assert!(cache.get_list::<TodosFile>("todos.toml", "other").is_none());
        assert!(!cache.append_item::<TodosFile>("todos.toml", "other", "x", &first));
        // A new whole entry starts over without a tail.
        cache.put_list(
            "todos.toml",
            "new",
            &TodosFile {
                todo: after_first.clone(),
            },
        );
        assert!(cache.get_list::<TodosFile>("todos.toml", "newer").is_none());
        assert_eq!(
            cache
                .get_list::<TodosFile>("todos.toml", "new")
                .unwrap()
                .todo,
            after_first
        );
    }

    #[test]
    fn an_empty_list_takes_a_tail() {
        let git = tempfile::tempdir().unwrap();
        let cache = ParseCache::new(Some(git.path()));
        let item = demo_todos().todo[0].clone();
        cache.put_list("todos.toml", "e", &TodosFile::default());
        assert_eq!(cache.get_ids::<TodosFile>("todos.toml", "e"), Some(vec![]));
        assert!(cache.append_item::<TodosFile>("todos.toml", "e", "e2", &item));
        let back: TodosFile = cache.get_list("todos.toml", "e2").unwrap();
        assert_eq!(back.todo, vec![item.clone()]);
        assert_eq!(
            cache.get_ids::<TodosFile>("todos.toml", "e2"),
            Some(vec![item.id])
        );
    }

    /// An entry of another version, or a torn or foreign file, is a miss.
    #[test]
    fn a_foreign_entry_is_a_miss() {
        let git = tempfile::tempdir().unwrap();
        let cache = ParseCache::new(Some(git.path()));
        let dir = git.path().join("pulse-cache");
        std::fs::create_dir_all(&dir).unwrap();
        let old = format!("pulse-cache 1 {} 1\n{{\"todo\":[]}}", fingerprint("a"));
        std::fs::write(dir.join("todos.toml.json"), old).unwrap();
        assert!(cache.get_list::<TodosFile>("todos.toml", "a").is_none());
        std::fs::write(
            dir.join("todos.toml.json"),
            format!("{MAGIC} {}\n{{", fingerprint("a")),
        )
        .unwrap();
        assert!(cache.get_list::<TodosFile>("todos.toml", "a").is_none());
    }

    #[test]
    fn sets_of_files_differ_by_name_or_text() {
        let one = fingerprint_all([("a.toml", "x"), ("b.toml", "y")]);
        assert_eq!(one, fingerprint_all([("a.toml", "x"), ("b.toml", "y")]));
        assert_ne!(one, fingerprint_all([("a.toml", "x"), ("c.toml", "y")]));
        assert_ne!(one, fingerprint_all([("a.toml", "xb.toml"), ("", "y")]));
        assert_ne!(one, fingerprint_all([("a.toml", "x")]));
    }

    /// What comes back from the cache is what parsing gives.
    #[test]
    fn the_demo_lists_come_back_equal() {
        let todos = demo_todos();
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
