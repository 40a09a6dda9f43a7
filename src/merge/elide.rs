//! A long list file merged without parsing what did not change. Items of
//! `[[list]]`s whose text is the same in all three versions — most of a
//! 5,000-item to-do list — stand in for the merge as one short stub per
//! run of neighbours (neighbours in all three versions), and come back as
//! the text they stood for. The text is cut at its table headers as TOML
//! reads them (see `store::parse::headers`); other tables stay as they are.

use super::{Outcome, fresh_token};
use crate::store::parse::headers;
use std::collections::{HashMap, HashSet};

/// Three versions with their unchanged runs of items replaced by stubs.
pub struct Elision {
    pub base: String,
    pub ours: String,
    pub theirs: String,
    /// The word in every stub's id, found in none of the versions.
    token: String,
    /// Each stub, by its number: its text, and the text it stands for.
    runs: Vec<(String, String)>,
}

/// A piece of a TOML text from one table header (with the comments above
/// it) to the next piece: an item of a `[[list]]` with its sub-tables, or
/// another table.
struct Block<'t> {
    text: &'t str,
    /// The list it is an item of.
    list: Option<&'t str>,
}

impl Elision {
    /// `None` when a version cannot be cut into blocks by its lines, or no
    /// item is the same in all three.
    pub fn new(base: &str, ours: &str, theirs: &str) -> Option<Elision> {
        let [Some(base_blocks), Some(our_blocks), Some(their_blocks)] =
            [base, ours, theirs].map(blocks)
        else {
            return None;
        };
        let sides = [&base_blocks.1, &our_blocks.1, &their_blocks.1];
        // Where each item is in each version; an item twice in one is left be.
        let mut seen: HashMap<&str, [Option<usize>; 3]> = HashMap::new();
        let mut doubled = HashSet::new();
        for (side, blocks) in sides.iter().enumerate() {
            for (i, block) in blocks.iter().enumerate().filter(|(_, b)| b.list.is_some()) {
                if seen.entry(block.text).or_default()[side]
                    .replace(i)
                    .is_some()
                {
                    doubled.insert(block.text);
                }
            }
        }
        let unchanged = |block: &Block| match seen.get(block.text)? {
            [Some(b), Some(o), Some(t)] if !doubled.contains(block.text) => Some([*b, *o, *t]),
            _ => None,
        };
        // Runs of our blocks [start, end): unchanged items of one list that
        // follow each other in all three versions.
        let mut spans: Vec<(usize, usize)> = Vec::new();
        let mut last: Option<[usize; 3]> = None;
        for (i, block) in our_blocks.1.iter().enumerate() {
            let at = unchanged(block);
            match (at, last, spans.last_mut()) {
                (Some(now), Some(before), Some(run))
                    if run.1 == i
                        && our_blocks.1[run.0].list == block.list
                        && now.iter().zip(before).all(|(n, b)| *n == b + 1) =>
                {
                    run.1 = i + 1
                }
                (Some(_), _, _) => spans.push((i, i + 1)),
                (None, _, _) => {}
            }
            last = at;
        }
        if spans.is_empty() {
            return None;
        }
        let token = fresh_token("pulse-elided-", &[base, ours, theirs]);
        let runs: Vec<(String, String)> = spans
            .iter()
            .enumerate()
            .map(|(n, &(start, end))| {
                let list = our_blocks.1[start].list.unwrap_or_default();
                let stands_for = our_blocks.1[start..end].iter().map(|b| b.text).collect();
                (format!("[[{list}]]\nid = \"{token}{n}\"\n"), stands_for)
            })
            .collect();
        // Each run's first item (as text) → its stub and how many items it covers.
        let first_of_run: HashMap<&str, (&str, usize)> = spans
            .iter()
            .zip(&runs)
            .map(|(&(start, end), (stub, _))| {
                (our_blocks.1[start].text, (stub.as_str(), end - start))
            })
            .collect();
        let with_stubs = |(preamble, blocks): &(&str, Vec<Block>)| {
            let mut out = String::from(*preamble);
            let mut i = 0;
            while i < blocks.len() {
                match first_of_run.get(blocks[i].text) {
                    Some(&(stub, len)) => {
                        out.push_str(stub);
                        i += len;
                    }
                    None => {
                        out.push_str(blocks[i].text);
                        i += 1;
                    }
                }
            }
            out
        };
        Some(Elision {
            base: with_stubs(&base_blocks),
            ours: with_stubs(&our_blocks),
            theirs: with_stubs(&their_blocks),
            runs,
            token,
        })
    }

    /// The merged text with every stub back as the items it stood for;
    /// `None` when a stub is missing or doubled (the full merge then runs).
    pub fn restore(&self, outcome: Outcome) -> Option<Outcome> {
        let text = &outcome.text;
        let grown: usize = self.runs.iter().map(|(_, run)| run.len()).sum();
        let mut out = String::with_capacity(text.len() + grown);
        let mut put = vec![false; self.runs.len()];
        // Conflict offsets move by what the stubs before them grew by.
        let mut moves: Vec<(usize, isize)> = Vec::new();
        let mut done = 0;
        for (at, _) in text.match_indices(&self.token) {
            let digits = &text[at + self.token.len()..];
            let number = &digits[..digits
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(digits.len())];
            let n: usize = number.parse().ok()?;
            let (stub, run) = self.runs.get(n)?;
            let start = at.checked_sub(stub.find(&self.token)?)?;
            let end = start + stub.len();
            if text.get(start..end) != Some(stub.as_str()) || start < done {
                return None;
            }
            if std::mem::replace(put.get_mut(n)?, true) {
                return None;
            }
            out.push_str(&text[done..start]);
            out.push_str(run);
            moves.push((end, run.len() as isize - stub.len() as isize));
            done = end;
        }
        out.push_str(&text[done..]);
        if put.contains(&false) {
            return None;
        }
        let conflicts = outcome
            .conflicts
            .into_iter()
            .map(|(offset, what)| {
                let shift: isize = moves
                    .iter()
                    .filter(|(end, _)| *end <= offset)
                    .map(|(_, grew)| grew)
                    .sum();
                (offset.saturating_add_signed(shift), what)
            })
            .collect();
        Some(Outcome {
            text: out,
            conflicts,
        })
    }
}

/// The text before the first table, and the text's blocks; `None` when
/// the text cannot be cut by its lines.
fn blocks(text: &str) -> Option<(&str, Vec<Block<'_>>)> {
    let mut starts: Vec<(usize, Option<&str>)> = Vec::new();
    let mut item_of: Option<&str> = None;
    for header in headers(text)? {
        if let Some(list) = list_of_item(header.line) {
            starts.push((header.lines_above, Some(list)));
            item_of = Some(list);
        } else if !item_of.is_some_and(|list| is_below(header.line, list)) {
            starts.push((header.lines_above, None));
            item_of = None;
        }
    }
    let first = starts.first().map_or(text.len(), |&(start, _)| start);
    let blocks = starts
        .iter()
        .enumerate()
        .map(|(i, &(start, list))| Block {
            text: &text[start..starts.get(i + 1).map_or(text.len(), |&(end, _)| end)],
            list,
        })
        .collect();
    Some((&text[..first], blocks))
}

/// The list a header opens an item of (`todo` of `[[todo]]`), when its key
/// is a plain one.
fn list_of_item(header: &str) -> Option<&str> {
    let (key, rest) = header.strip_prefix("[[")?.split_once("]]")?;
    let rest = rest.trim_start();
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    (plain && (rest.is_empty() || rest.starts_with('#'))).then_some(key)
}

/// Whether a header opens a table below an item of `list` (`[todo.meta]`).
fn is_below(header: &str, list: &str) -> bool {
    let key = header.trim_start_matches('[');
    key.strip_prefix(list)
        .is_some_and(|rest| rest.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn todo(id: &str, title: &str) -> String {
        format!("\n[[todo]]\nid = \"{id}\"\ntitle = \"{title}\"\n")
    }

    #[test]
    fn unchanged_runs_become_stubs_and_come_back() {
        let list = |items: &[(&str, &str)]| {
            let mut text = "# to-dos\n".to_string();
            for (id, title) in items {
                text.push_str(&todo(id, title));
            }
            text
        };
        let base = list(&[("a", "A"), ("b", "B"), ("c", "C"), ("d", "D")]);
        let ours = list(&[("a", "A"), ("b", "B2"), ("c", "C"), ("d", "D")]);
        let theirs = list(&[("a", "A"), ("b", "B"), ("c", "C"), ("d", "D"), ("e", "E")]);
        let elision = Elision::new(&base, &ours, &theirs).unwrap();
        assert_eq!(elision.runs.len(), 2, "{:?}", elision.runs);
        assert!(elision.ours.contains("B2") && !elision.ours.contains("\"C\""));
        let restored = elision
            .restore(Outcome {
                text: elision.ours.clone(),
                conflicts: vec![],
            })
            .unwrap();
        assert_eq!(restored.text, ours);
    }

    #[test]
    fn comments_above_a_header_are_part_of_its_block() {
        let text = "x = 1\n\n# first\n[[todo]]\nid = \"a\"\n[todo.meta]\ny = 2\n\n# second\n[[todo]]\nid = \"b\"\n[other]\nz = 3\n";
        let (preamble, blocks) = blocks(text).unwrap();
        assert_eq!(preamble, "x = 1\n");
        let texts: Vec<(&str, Option<&str>)> = blocks.iter().map(|b| (b.text, b.list)).collect();
        assert_eq!(
            texts,
            [
                (
                    "\n# first\n[[todo]]\nid = \"a\"\n[todo.meta]\ny = 2\n",
                    Some("todo")
                ),
                ("\n# second\n[[todo]]\nid = \"b\"\n", Some("todo")),
                ("[other]\nz = 3\n", None),
            ]
        );
    }

    #[test]
    fn items_of_lists_are_elided_and_other_tables_kept() {
        let text = "[[todo]]\nid = \"a\"\n\n[[todo]]\nid = \"b\"\n\n[meta]\nx = 1\n\n[[issue]]\nid = \"c\"\n";
        let elision = Elision::new(text, text, text).unwrap();
        let stands_for: Vec<&str> = elision.runs.iter().map(|(_, run)| run.as_str()).collect();
        assert_eq!(
            stands_for,
            [
                "[[todo]]\nid = \"a\"\n\n[[todo]]\nid = \"b\"\n",
                "\n[[issue]]\nid = \"c\"\n"
            ]
        );
        assert!(
            elision.ours.contains("\n[meta]\nx = 1\n")
                && elision.ours.contains("[[issue]]\nid = \"pulse-elided-")
        );
        let open = "[[todo]]\nid = \"a\"\nnote = \"\"\"\nx\n";
        assert!(Elision::new(open, open, open).is_none());
        // A header inside a multi-line string is text of its item.
        let multiline = "[[todo]]\nid = \"a\"\nnote = \"\"\"\n[[todo]]\n\"\"\"\n";
        let elision = Elision::new(multiline, multiline, multiline).unwrap();
        assert_eq!(elision.runs[0].1, multiline);
    }
}
