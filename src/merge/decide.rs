//! The three-way rule every merged thing follows — a TOML value, a table
//! key, a list item, a scorecard row: a change on one side is taken, the
//! same change on both sides is taken once, and two different changes are
//! merged inside when they can be, else a conflict.

/// What to do with one thing, given its base, our and their versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Ours stands: theirs did not change it, or made the same change.
    Ours,
    /// Theirs replaces ours (or removes it, or adds it): only theirs changed it.
    Theirs,
    /// Both sides have it and it has parts: merge those one by one.
    Merge,
    /// Two changes that cannot both be kept.
    Conflict(Why),
}

/// Why two changes cannot both be kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    ChangedBoth,
    AddedBoth,
    RemovedByOurs,
    RemovedByTheirs,
}

impl Why {
    pub fn describe(self) -> &'static str {
        match self {
            Why::ChangedBoth => "changed to different values on both sides",
            Why::AddedBoth => "added on both sides with different contents",
            Why::RemovedByOurs => "removed on our side, changed on theirs",
            Why::RemovedByTheirs => "changed on our side, removed on theirs",
        }
    }
}

/// Decides for one thing. `same` compares by meaning; `mergeable` says
/// whether two present versions can be merged part by part; with
/// `merge_new` false, two different versions that both sides added are a
/// conflict rather than merged (a list item: one id, two different items).
pub fn decide<T: ?Sized>(
    base: Option<&T>,
    ours: Option<&T>,
    theirs: Option<&T>,
    same: impl Fn(&T, &T) -> bool,
    mergeable: impl Fn(&T, &T) -> bool,
    merge_new: bool,
) -> Decision {
    let unchanged = |side: Option<&T>| match (base, side) {
        (None, None) => true,
        (Some(b), Some(s)) => same(b, s),
        _ => false,
    };
    match (ours, theirs) {
        (None, None) => return Decision::Ours,
        (Some(o), Some(t)) if same(o, t) => return Decision::Ours,
        _ => {}
    }
    if unchanged(theirs) {
        return Decision::Ours;
    }
    if unchanged(ours) {
        // Merging part by part keeps our formatting of what theirs left alone.
        return match (ours, theirs) {
            (Some(o), Some(t)) if mergeable(o, t) => Decision::Merge,
            _ => Decision::Theirs,
        };
    }
    match (ours, theirs) {
        (Some(_), Some(_)) if base.is_none() && !merge_new => Decision::Conflict(Why::AddedBoth),
        (Some(o), Some(t)) if mergeable(o, t) => Decision::Merge,
        (Some(_), Some(_)) if base.is_none() => Decision::Conflict(Why::AddedBoth),
        (Some(_), Some(_)) => Decision::Conflict(Why::ChangedBoth),
        (None, _) => Decision::Conflict(Why::RemovedByOurs),
        (_, None) => Decision::Conflict(Why::RemovedByTheirs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(b: Option<i32>, o: Option<i32>, t: Option<i32>) -> Decision {
        decide(
            b.as_ref(),
            o.as_ref(),
            t.as_ref(),
            |a, b| a == b,
            |_, _| false,
            true,
        )
    }

    #[test]
    fn one_side_changes_are_taken() {
        assert_eq!(run(Some(1), Some(2), Some(1)), Decision::Ours);
        assert_eq!(run(Some(1), Some(1), Some(2)), Decision::Theirs);
        assert_eq!(run(None, None, Some(2)), Decision::Theirs);
        assert_eq!(run(Some(1), Some(1), None), Decision::Theirs);
        assert_eq!(run(Some(1), None, Some(1)), Decision::Ours);
    }

    #[test]
    fn same_change_is_taken_once() {
        assert_eq!(run(Some(1), Some(2), Some(2)), Decision::Ours);
        assert_eq!(run(Some(1), None, None), Decision::Ours);
        assert_eq!(run(None, Some(3), Some(3)), Decision::Ours);
    }

    #[test]
    fn different_changes_conflict() {
        let conflict = |why| Decision::Conflict(why);
        assert_eq!(run(Some(1), Some(2), Some(3)), conflict(Why::ChangedBoth));
        assert_eq!(run(None, Some(2), Some(3)), conflict(Why::AddedBoth));
        assert_eq!(run(Some(1), None, Some(3)), conflict(Why::RemovedByOurs));
        assert_eq!(run(Some(1), Some(2), None), conflict(Why::RemovedByTheirs));
    }

    #[test]
    fn parts_are_merged_when_they_can_be() {
        let merge = |b: Option<i32>, o: i32, t: i32, new| {
            decide(
                b.as_ref(),
                Some(&o),
                Some(&t),
                |a, b| a == b,
                |_, _| true,
                new,
            )
        };
        assert_eq!(merge(Some(1), 2, 3, true), Decision::Merge);
        assert_eq!(merge(Some(1), 1, 3, true), Decision::Merge);
        assert_eq!(merge(None, 2, 3, true), Decision::Merge);
        assert_eq!(merge(None, 2, 3, false), Decision::Conflict(Why::AddedBoth));
    }
}
