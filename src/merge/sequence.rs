//! Three-way merge of a sequence whose elements have no identity of their
//! own (`headlines`, `cascade`, `milestones`, `people`, `roles`...), compared
//! by meaning. Elements either side added are all kept, ours first (the same
//! element added on both sides once); an element either side removed is
//! removed. An element both sides replaced one for one (a milestone marked
//! done here, renamed there) is handed back to be merged field by field.

use similar::{Algorithm, DiffTag, capture_diff_slices};
use std::hash::Hash;

/// Where an element of the merged sequence comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Ours(usize),
    Theirs(usize),
    /// The base element both sides replaced, with their two replacements.
    Both {
        base: usize,
        ours: usize,
        theirs: usize,
    },
}

/// One side's changes to the base: which base elements it kept (and where
/// they are on that side), and what it inserted before each base element
/// (the last slot: at the end).
struct Changes {
    kept: Vec<Option<usize>>,
    inserted: Vec<Vec<usize>>,
}

impl Changes {
    fn of<K: Eq + Hash>(base: &[K], side: &[K]) -> Changes {
        let mut changes = Changes {
            kept: vec![None; base.len()],
            inserted: vec![Vec::new(); base.len() + 1],
        };
        for op in capture_diff_slices(Algorithm::Myers, base, side) {
            let (tag, old, new) = op.as_tag_tuple();
            match tag {
                DiffTag::Equal => {
                    for (b, s) in old.zip(new) {
                        changes.kept[b] = Some(s);
                    }
                }
                DiffTag::Delete => {}
                DiffTag::Insert | DiffTag::Replace => changes.inserted[old.start].extend(new),
            }
        }
        changes
    }
}

/// Merges `ours` and `theirs`, both changed from `base`.
pub fn merge<K: Eq + Hash>(base: &[K], ours: &[K], theirs: &[K]) -> Vec<Pick> {
    let our = Changes::of(base, ours);
    let their = Changes::of(base, theirs);
    let mut picks = Vec::with_capacity(ours.len() + theirs.len());
    for slot in 0..=base.len() {
        let (ours_new, theirs_new) = (&our.inserted[slot], &their.inserted[slot]);
        let replaced_by_both = slot < base.len()
            && our.kept[slot].is_none()
            && their.kept[slot].is_none()
            && ours_new.len() == 1
            && theirs_new.len() == 1
            && ours[ours_new[0]] != theirs[theirs_new[0]];
        if replaced_by_both {
            picks.push(Pick::Both {
                base: slot,
                ours: ours_new[0],
                theirs: theirs_new[0],
            });
        } else {
            picks.extend(ours_new.iter().map(|&i| Pick::Ours(i)));
            picks.extend(
                theirs_new
                    .iter()
                    .filter(|&&j| !ours_new.iter().any(|&i| ours[i] == theirs[j]))
                    .map(|&j| Pick::Theirs(j)),
            );
        }
        if slot < base.len()
            && let (Some(kept), Some(_)) = (our.kept[slot], their.kept[slot])
        {
            picks.push(Pick::Ours(kept));
        }
    }
    picks
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The merged sequence, with `Both` shown as `ours|theirs`.
    fn run(base: &str, ours: &str, theirs: &str) -> String {
        let split = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
        let (b, o, t) = (split(base), split(ours), split(theirs));
        merge(&b, &o, &t)
            .into_iter()
            .map(|p| match p {
                Pick::Ours(i) => o[i].clone(),
                Pick::Theirs(j) => t[j].clone(),
                Pick::Both { ours, theirs, .. } => format!("{}|{}", o[ours], t[theirs]),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn additions_on_both_sides_are_kept_ours_first() {
        assert_eq!(run("a b", "a b x", "a b y"), "a b x y");
        assert_eq!(run("a b", "x a b", "a y b"), "x a y b");
        assert_eq!(run("", "x", "y"), "x y");
    }

    #[test]
    fn the_same_addition_is_kept_once() {
        assert_eq!(run("a", "a x", "a x"), "a x");
        assert_eq!(run("a", "a x y", "a x"), "a x y");
    }

    #[test]
    fn removals_on_either_side_are_applied() {
        assert_eq!(run("a b c", "a c", "a b c d"), "a c d");
        assert_eq!(run("a b c", "a b c", "b"), "b");
        assert_eq!(run("a b c", "a c", "a c"), "a c");
    }

    #[test]
    fn an_element_replaced_on_both_sides_is_handed_back() {
        assert_eq!(run("a b c", "a B1 c", "a B2 c"), "a B1|B2 c");
        // Replaced on one side, kept on the other: the replacement.
        assert_eq!(run("a b c", "a B1 c", "a b c x"), "a B1 c x");
    }
}
