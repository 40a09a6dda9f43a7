//! Reading a long list file — 100,000 `[[todo]]` tables — without holding
//! the parser's picture of the whole document: the text is cut at its
//! `[[key]]` lines (only where the cut cannot change what it says, as
//! [`table_starts`] decides), each table is parsed on its own — by a second
//! thread, a batch ahead — and handed to the item's own `Deserialize` through
//! toml's own deserializer (so dates, spans and errors mean what they mean
//! in a whole-file parse). The list is then built with little more memory
//! than its items take.
//!
//! Any failure gives the caller `None`, and the whole-file parse runs: it
//! is the one that says what is wrong, at the file's own line and column.

use super::parse::table_starts;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, IgnoredAny, IntoDeserializer, MapAccess, SeqAccess,
    Visitor,
};
use std::collections::VecDeque;
use std::sync::mpsc::Receiver;
use toml::Spanned;
use toml::de::DeTable;

/// Below this size a file is parsed whole: the cut would save nothing.
pub const MIN_BYTES: usize = 256 * 1024;

/// Tables parsed per batch handed from the parsing thread to the reader.
const BATCH: usize = 1024;

/// A batch of parsed tables; `None` when one did not parse.
type Batch<'t> = Option<Vec<Spanned<DeTable<'t>>>>;

/// `text` (without a BOM) parsed as a `T`, table by table, when it is one
/// long `[[key]]` list that can be cut; `None` to parse it whole. One
/// thread parses the tables while this one builds the items from them.
pub fn parse<T: DeserializeOwned>(text: &str) -> Option<T> {
    let key = first_list_key(text)?;
    let starts = table_starts(text, key)?;
    let first = *starts.first()?;
    let header: toml::Table = toml::from_str(&text[..first]).ok()?;
    if header.contains_key(key) {
        return None;
    }
    std::thread::scope(|s| {
        // Two batches in flight at most: memory stays a few batches deep.
        let (send, receive) = std::sync::mpsc::sync_channel::<Batch>(2);
        let starts = &starts;
        s.spawn(move || {
            let table = |i: usize| {
                let stop = starts.get(i + 1).copied().unwrap_or(text.len());
                &text[starts[i]..stop]
            };
            for batch in (0..starts.len()).collect::<Vec<_>>().chunks(BATCH) {
                let parsed: Batch = batch
                    .iter()
                    .map(|&i| DeTable::parse(table(i)).ok())
                    .collect();
                let failed = parsed.is_none();
                // The reader stopped (an item it could not take): so do we.
                if send.send(parsed).is_err() || failed {
                    break;
                }
            }
        });
        let doc = Doc {
            key,
            count: starts.len(),
            receive,
            header: header.into_iter().collect(),
        };
        T::deserialize(doc).ok()
    })
}

/// The key of the first `[[key]]` line.
fn first_list_key(text: &str) -> Option<&str> {
    text.lines().find_map(|line| {
        let key = line.trim_start().strip_prefix("[[")?;
        let (key, _) = key.split_once("]]")?;
        let key = key.trim();
        (!key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .then_some(key)
    })
}

/// The failure of the cut path: never shown, the whole parse says it better.
#[derive(Debug)]
pub struct Miss;

impl std::fmt::Display for Miss {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the list cannot be read table by table")
    }
}

impl std::error::Error for Miss {}

impl de::Error for Miss {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        Miss
    }
}

/// The document as serde sees it: the header's keys, then `key` as a
/// sequence of the tables the parsing thread sends.
struct Doc<'t> {
    key: &'t str,
    count: usize,
    receive: Receiver<Batch<'t>>,
    header: VecDeque<(String, toml::Value)>,
}

impl<'de> de::Deserializer<'de> for Doc<'de> {
    type Error = Miss;

    fn deserialize_any<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Miss> {
        visitor.visit_map(DocMap {
            doc: Some(self),
            pending: None,
            header: VecDeque::new(),
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

struct DocMap<'t> {
    /// The document, until its list is handed over.
    doc: Option<Doc<'t>>,
    /// The value of the header key just given.
    pending: Option<toml::Value>,
    header: VecDeque<(String, toml::Value)>,
}

impl<'de> MapAccess<'de> for DocMap<'de> {
    type Error = Miss;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Miss> {
        if let Some(doc) = &mut self.doc
            && self.header.is_empty()
        {
            self.header = std::mem::take(&mut doc.header);
        }
        if let Some((key, value)) = self.header.pop_front() {
            self.pending = Some(value);
            return seed.deserialize(key.into_deserializer()).map(Some);
        }
        match &self.doc {
            Some(doc) => seed
                .deserialize(doc.key.to_string().into_deserializer())
                .map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Miss> {
        match self.pending.take() {
            Some(value) => seed.deserialize(value).map_err(|_| Miss),
            None => {
                let doc = self.doc.take().ok_or(Miss)?;
                seed.deserialize(Tables {
                    key: doc.key,
                    left: doc.count,
                    receive: doc.receive,
                    ready: Vec::new().into_iter(),
                })
            }
        }
    }
}

/// The `[[key]]` tables of the text, as a sequence.
struct Tables<'t> {
    key: &'t str,
    /// Tables not handed over yet.
    left: usize,
    receive: Receiver<Batch<'t>>,
    ready: std::vec::IntoIter<Spanned<DeTable<'t>>>,
}

impl<'de> de::Deserializer<'de> for Tables<'de> {
    type Error = Miss;

    fn deserialize_any<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Miss> {
        visitor.visit_seq(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de> SeqAccess<'de> for Tables<'de> {
    type Error = Miss;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Miss> {
        if self.left == 0 {
            return Ok(None);
        }
        let table = match self.ready.next() {
            Some(table) => table,
            None => {
                // A batch that did not parse, or a thread gone: the whole
                // parse decides.
                let batch = self.receive.recv().map_err(|_| Miss)?.ok_or(Miss)?;
                self.ready = batch.into_iter();
                self.ready.next().ok_or(Miss)?
            }
        };
        self.left -= 1;
        let one = OneTable {
            seed,
            key: self.key,
        };
        one.deserialize(toml::de::Deserializer::from(table))
            .map(Some)
            .map_err(|_| Miss)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

/// A document of one `[[key]]` table: the item, deserialized by `seed`.
struct OneTable<'k, S> {
    seed: S,
    key: &'k str,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for OneTable<'_, S> {
    type Value = S::Value;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for OneTable<'_, S> {
    type Value = S::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "one [[{}]] table", self.key)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<S::Value, A::Error> {
        use de::Error;
        let key: String = map.next_key()?.ok_or_else(|| A::Error::custom("empty"))?;
        if key != self.key {
            return Err(A::Error::custom("another key"));
        }
        let value = map.next_value_seed(OneItem(self.seed))?;
        if map.next_key::<IgnoredAny>()?.is_some() {
            return Err(A::Error::custom("another key"));
        }
        Ok(value)
    }
}

/// The one element of the table's array.
struct OneItem<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for OneItem<S> {
    type Value = S::Value;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for OneItem<S> {
    type Value = S::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("one table")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<S::Value, A::Error> {
        use de::Error;
        let item = seq
            .next_element_seed(self.0)?
            .ok_or_else(|| A::Error::custom("no table"))?;
        if seq.next_element::<IgnoredAny>()?.is_some() {
            return Err(A::Error::custom("two tables"));
        }
        Ok(item)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::issue::IssuesFile;
    use crate::model::todo::TodosFile;

    fn todos(n: usize) -> String {
        let mut text = String::from("# to-dos\nversion = 1\n\n");
        for i in 0..n {
            text.push_str(&format!(
                "[[todo]]\nid = \"t{i}\"\ntitle = \"Task {i}\" # a comment\nowner = \"amy\"\ncreated = 2026-11-20\ndue = 2026-11-27\n{}\n",
                if i % 2 == 0 { "done = 2026-11-21\n" } else { "" }
            ));
        }
        text
    }

    #[test]
    fn table_by_table_reads_as_the_whole() {
        let text = todos(BATCH * 3 + 7);
        let cut: TodosFile = parse(&text).expect("cut");
        let whole: TodosFile = toml::from_str(&text).unwrap();
        assert_eq!(
            serde_json::to_string(&cut.todo).unwrap(),
            serde_json::to_string(&whole.todo).unwrap()
        );
    }

    #[test]
    fn what_cannot_be_cut_or_parsed_is_left_to_the_whole_parse() {
        // A multi-line string, another table, a header key that is the list.
        for text in [
            "[[todo]]\nid = \"a\"\ntitle = '''\n[[todo]]\n'''\n",
            "[[todo]]\nid = \"a\"\n[meta]\nx = 1\n",
            "todo = []\n[[todo]]\nid = \"a\"\n",
            "[[todo]]\nid = \"a\"\nid = \"b\"\n",
            "[[todo]]\nid = \"a\"\ndue = \"soon\"\n",
        ] {
            assert!(parse::<TodosFile>(text).is_none(), "{text}");
        }
        let issues: Option<IssuesFile> = parse("[[issue]]\nid = \"a\"\ntitle = \"x\"\n");
        assert_eq!(issues.unwrap().issue[0].id, "a");
    }
}
