//! Git's conflict markers, as the driver writes them around a conflicting
//! item or row: `<<<<<<< ours`, our version, `=======`, their version,
//! `>>>>>>> theirs` (marker size 7, as git's own). A side that removed the
//! item is an empty side.

pub const OURS: &str = "<<<<<<< ours";
pub const SEPARATOR: &str = "=======";
pub const THEIRS: &str = ">>>>>>> theirs";

/// The conflict block for one item: each side's text (which may be empty)
/// between the markers. Blank and comment lines that open both sides alike
/// (what sets the item off from the one above) go above the block.
pub fn block(ours: &str, theirs: &str) -> String {
    let opening = if ours.is_empty() || theirs.is_empty() {
        let side = if ours.is_empty() { theirs } else { ours };
        &side[..side.len() - side.trim_start_matches('\n').len()]
    } else {
        &ours[..shared_opening(ours, theirs)]
    };
    let (lead, ours, theirs) = (opening, after(ours, opening), after(theirs, opening));
    let mut out = String::with_capacity(lead.len() + ours.len() + theirs.len() + 40);
    out.push_str(lead);
    out.push_str(OURS);
    out.push('\n');
    push_side(&mut out, ours);
    out.push_str(SEPARATOR);
    out.push('\n');
    push_side(&mut out, theirs);
    out.push_str(THEIRS);
    out.push('\n');
    out
}

/// `side` without `opening` (which an empty side does not have).
fn after<'s>(side: &'s str, opening: &str) -> &'s str {
    side.strip_prefix(opening).unwrap_or(side)
}

/// The length of the blank and comment lines both texts open with.
fn shared_opening(a: &str, b: &str) -> usize {
    let mut length = 0;
    for (line_a, line_b) in a.split_inclusive('\n').zip(b.split_inclusive('\n')) {
        let filler = line_a.trim().is_empty() || line_a.trim_start().starts_with('#');
        if line_a != line_b || !filler || !line_a.ends_with('\n') {
            break;
        }
        length += line_a.len();
    }
    length
}

fn push_side(out: &mut String, text: &str) {
    if !text.is_empty() {
        out.push_str(text);
        if !text.ends_with('\n') {
            out.push('\n');
        }
    }
}

/// The line (1-based) of byte `offset` in `text`.
pub fn line_at(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_of_two_versions() {
        assert_eq!(
            block("\n[[todo]]\nid = \"a\"\n", "\n[[todo]]\nid = \"b\""),
            "\n<<<<<<< ours\n[[todo]]\nid = \"a\"\n=======\n[[todo]]\nid = \"b\"\n>>>>>>> theirs\n"
        );
    }

    #[test]
    fn shared_comments_stay_above() {
        assert_eq!(
            block(
                "\n# list\n[[todo]]\nid = \"a\"\n",
                "\n# list\n[[todo]]\nid = \"b\"\n"
            ),
            "\n# list\n<<<<<<< ours\n[[todo]]\nid = \"a\"\n=======\n[[todo]]\nid = \"b\"\n>>>>>>> theirs\n"
        );
        // A comment only one side has is part of that side.
        assert_eq!(
            block("# mine\nx = 1\n", "x = 2\n"),
            "<<<<<<< ours\n# mine\nx = 1\n=======\nx = 2\n>>>>>>> theirs\n"
        );
    }

    #[test]
    fn a_removed_side_is_empty() {
        assert_eq!(
            block("", "x = 1\n"),
            "<<<<<<< ours\n=======\nx = 1\n>>>>>>> theirs\n"
        );
    }

    #[test]
    fn pulse_reports_what_it_writes() {
        let text = format!("a = 1\n{}", block("b = 1\n", "b = 2\n"));
        let file = crate::store::FileRef {
            path: "x.toml".into(),
            display: "x.toml".into(),
        };
        let err = crate::store::parse::conflict_error(&file, &text).unwrap();
        assert!(err.message.starts_with("x.toml:2:"), "{}", err.message);
        assert_eq!(line_at(&text, 6), 2);
    }
}
