//! A long list file merged without parsing what did not change. The items
//! of a `[[key]]` list whose text is the same in all three versions — most
//! of a 5,000-item to-do list — stand in for the merge as one short stub
//! per run of neighbours (neighbours in all three), and come back as the
//! text they stood for. Only a file that can be cut into items by its lines
//! is elided (see `store::parse::item_starts`).

use super::{Outcome, fresh_token};
use crate::store::parse::item_starts;
use std::collections::HashMap;

/// Three versions with their unchanged runs of items replaced by stubs.
pub struct Elision {
    pub base: String,
    pub ours: String,
    pub theirs: String,
    /// `[[key]]\nid = "TOKEN`: what every stub starts with.
    stub_start: String,
    /// The text each stub stands for, by its number.
    runs: Vec<String>,
}

impl Elision {
    /// `None` when the files are not lists that can be cut into items, or
    /// no item is the same in all three.
    pub fn new(base: &str, ours: &str, theirs: &str) -> Option<Elision> {
        let key = list_key(ours)?;
        let versions = [base, ours, theirs].map(|text| items(text, &key));
        let [Some(base_items), Some(our_items), Some(their_items)] = versions else {
            return None;
        };
        // Where each item text is, in each version; only one copy each.
        let mut seen: HashMap<&str, [Option<usize>; 3]> = HashMap::new();
        let mut doubled = std::collections::HashSet::new();
        for (side, (_, items)) in [&base_items, &our_items, &their_items].iter().enumerate() {
            for (i, item) in items.iter().enumerate() {
                let places = seen.entry(item).or_default();
                if places[side].replace(i).is_some() {
                    doubled.insert(*item);
                }
            }
        }
        let unchanged = |item: &str| -> Option<[usize; 3]> {
            match seen.get(item)? {
                [Some(b), Some(o), Some(t)] if !doubled.contains(item) => Some([*b, *o, *t]),
                _ => None,
            }
        };
        // Runs: unchanged items that follow each other in all three versions.
        let mut runs: Vec<(usize, usize)> = Vec::new(); // our items [start, end)
        let mut last: Option<[usize; 3]> = None;
        for (i, item) in our_items.1.iter().enumerate() {
            let at = unchanged(item);
            match (at, last, runs.last_mut()) {
                (Some(now), Some(before), Some(run))
                    if run.1 == i && now.iter().zip(before).all(|(n, b)| *n == b + 1) =>
                {
                    run.1 = i + 1
                }
                (Some(_), _, _) => runs.push((i, i + 1)),
                (None, _, _) => {}
            }
            last = at;
        }
        if runs.is_empty() {
            return None;
        }
        let token = fresh_token("pulse-elided-", &[base, ours, theirs]);
        let stub_start = format!("[[{key}]]\nid = \"{token}");
        let stub = |n: usize| format!("{stub_start}{n}\"\n");
        // Each run's first item (as text) → its stub number and length.
        let mut run_of: HashMap<&str, (usize, usize)> = HashMap::new();
        for (n, &(start, end)) in runs.iter().enumerate() {
            run_of.insert(our_items.1[start], (n, end - start));
        }
        let with_stubs = |(preamble, items): &(&str, Vec<&str>)| {
            let mut out = String::from(*preamble);
            let mut i = 0;
            while i < items.len() {
                match run_of.get(items[i]) {
                    Some(&(n, len)) => {
                        out.push_str(&stub(n));
                        i += len;
                    }
                    None => {
                        out.push_str(items[i]);
                        i += 1;
                    }
                }
            }
            out
        };
        Some(Elision {
            base: with_stubs(&base_items),
            ours: with_stubs(&our_items),
            theirs: with_stubs(&their_items),
            runs: runs
                .iter()
                .map(|&(start, end)| our_items.1[start..end].concat())
                .collect(),
            stub_start,
        })
    }

    /// The merged text with every stub back as the items it stood for;
    /// `None` when a stub is missing or doubled (the full merge then runs).
    pub fn restore(&self, outcome: Outcome) -> Option<Outcome> {
        let text = &outcome.text;
        let mut out =
            String::with_capacity(text.len() + self.runs.iter().map(String::len).sum::<usize>());
        let mut put = vec![false; self.runs.len()];
        // Conflict offsets move by what the stubs before them grew by.
        let mut moves: Vec<(usize, isize)> = Vec::new();
        let mut done = 0;
        for (start, _) in text.match_indices(&self.stub_start) {
            let digits = &text[start + self.stub_start.len()..];
            let number_len = digits
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(digits.len());
            let n: usize = digits[..number_len].parse().ok()?;
            if !digits[number_len..].starts_with("\"\n") || start < done {
                return None;
            }
            let run = self.runs.get(n)?;
            if std::mem::replace(put.get_mut(n)?, true) {
                return None;
            }
            let end = start + self.stub_start.len() + number_len + 2;
            out.push_str(&text[done..start]);
            out.push_str(run);
            moves.push((end, run.len() as isize - (end - start) as isize));
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
                    .map(|(_, d)| d)
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

/// The key of the first `[[key]]` header in the text, if a plain one.
fn list_key(text: &str) -> Option<String> {
    let header = text
        .lines()
        .map(str::trim_start)
        .find(|l| l.starts_with("[["))?;
    let key = header.strip_prefix("[[")?.split("]]").next()?;
    key.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        .then(|| key.to_string())
}

/// The text before the first item, and each item's text: from the comments
/// and blank lines above its `[[key]]` line (they belong to it) to the next
/// item's. `None` when the text cannot be cut so.
fn items<'t>(text: &'t str, key: &str) -> Option<(&'t str, Vec<&'t str>)> {
    let starts = item_starts(text, key)?;
    let first = starts.first().copied().unwrap_or(text.len());
    let items = starts
        .iter()
        .enumerate()
        .map(|(i, &start)| &text[start..starts.get(i + 1).copied().unwrap_or(text.len())])
        .collect();
    Some((&text[..first], items))
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
    fn comments_above_an_item_are_part_of_it() {
        let text = "x = 1\n\n# first\n[[todo]]\nid = \"a\"\n\n# second\n[[todo]]\nid = \"b\"\n";
        let (preamble, items) = items(text, "todo").unwrap();
        assert_eq!(preamble, "x = 1\n");
        assert_eq!(
            items,
            [
                "\n# first\n[[todo]]\nid = \"a\"\n",
                "\n# second\n[[todo]]\nid = \"b\"\n"
            ]
        );
    }

    #[test]
    fn only_lists_that_cut_by_lines_are_elided() {
        let nested = "[[todo]]\nid = \"a\"\n[meta]\nx = 1\n";
        assert!(Elision::new(nested, nested, nested).is_none());
        let open = "[[todo]]\nid = \"a\"\nnote = \"\"\"\nx\n";
        assert!(Elision::new(open, open, open).is_none());
        // A header inside a multi-line string is text of its item.
        let multiline = "[[todo]]\nid = \"a\"\nnote = \"\"\"\n[[todo]]\n\"\"\"\n";
        let elision = Elision::new(multiline, multiline, multiline).unwrap();
        assert_eq!(elision.runs, [multiline]);
    }
}
