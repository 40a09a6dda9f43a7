//! pulse's git merge driver (SPEC §6): three versions of a company file —
//! the common base, ours and theirs — merged by meaning into one text.
//! TOML files merge by table key, list item id and array element
//! (`toml`, `tree`), `scorecard.csv` by (week, measurable) row (`csv`), each
//! field three-way; what both sides changed differently is written between
//! git's markers around the smallest whole item or row (`markers`, `units`).
//! Anything else, or a version that does not parse, goes to
//! `git merge-file` (`fallback`). Texts in, text out: no lock, no other file.

mod csv;
mod decide;
mod elide;
mod fallback;
mod markers;
mod meaning;
mod sequence;
mod toml;
mod tree;
mod units;

use crate::error::Result;
use crate::store::files::TextLayout;

/// A merged file: its bytes, and the conflicts written into it.
#[derive(Debug)]
pub struct Merged {
    pub text: Vec<u8>,
    pub conflicts: Vec<Conflict>,
}

/// A conflict in a merged file: the line of its `<<<<<<<` marker, and what
/// both sides did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub line: usize,
    pub what: String,
}

/// What a merge by meaning gives: the merged text (LF line ends, no byte
/// order mark) and each conflict by the byte offset of its block.
struct Outcome {
    text: String,
    conflicts: Vec<(usize, String)>,
}

/// How a file is merged, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Toml,
    Scorecard,
    Lines,
}

impl Format {
    /// From the file's path in the repository (git's `%P`); without one,
    /// from our version's first line.
    fn of(path: Option<&str>, ours: &[u8]) -> Format {
        match path {
            Some(path) if path.ends_with(".toml") => Format::Toml,
            Some(path) if path.ends_with(".csv") => Format::Scorecard,
            Some(_) => Format::Lines,
            None if strip_bom(ours).starts_with(b"week,") => Format::Scorecard,
            None => Format::Toml,
        }
    }
}

fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes)
}

/// Merges three versions of the file at `path` (git's `%P`, if known).
pub fn merge(path: Option<&str>, base: &[u8], ours: &[u8], theirs: &[u8]) -> Result<Merged> {
    let format = Format::of(path, ours);
    let texts = (
        std::str::from_utf8(base),
        std::str::from_utf8(ours),
        std::str::from_utf8(theirs),
    );
    if format != Format::Lines
        && let (Ok(base), Ok(ours), Ok(theirs)) = texts
        && let Some(merged) = merge_by_meaning(format, base, ours, theirs)
    {
        return Ok(merged);
    }
    fallback::merge(base, ours, theirs)
}

/// The merge by meaning, laid out as our version is (byte order mark, line
/// ends, final newline); `None` when it cannot be done.
fn merge_by_meaning(format: Format, base: &str, ours: &str, theirs: &str) -> Option<Merged> {
    let layout = TextLayout::of(ours);
    let body = |text: &str| TextLayout::of(text).body(text).into_owned();
    let (base, ours, theirs) = (body(base), body(ours), body(theirs));
    let outcome = match format {
        Format::Toml => toml::merge(&base, &ours, &theirs)?,
        Format::Scorecard => csv::merge(&base, &ours, &theirs)?,
        Format::Lines => return None,
    };
    let conflicts = outcome
        .conflicts
        .iter()
        .map(|(offset, what)| Conflict {
            line: markers::line_at(&outcome.text, *offset),
            what: what.clone(),
        })
        .collect();
    Some(Merged {
        text: layout.apply(&outcome.text).into_bytes(),
        conflicts,
    })
}

/// A word found in none of `texts`, for placeholders that cannot be
/// mistaken for anything a person wrote: `stem` and a number.
fn fresh_token(stem: &str, texts: &[&str]) -> String {
    (0u32..)
        .map(|n| format!("{stem}{n}-"))
        .find(|token| texts.iter().all(|text| !text.contains(token.as_str())))
        .unwrap_or_else(|| stem.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(path: &str, base: &str, ours: &str, theirs: &str) -> (String, Vec<Conflict>) {
        let merged = merge(
            Some(path),
            base.as_bytes(),
            ours.as_bytes(),
            theirs.as_bytes(),
        )
        .expect("merges");
        (
            String::from_utf8(merged.text).expect("utf-8"),
            merged.conflicts,
        )
    }

    #[test]
    fn crlf_and_byte_order_mark_are_kept() {
        let crlf = |text: &str| format!("\u{feff}{}", text.replace('\n', "\r\n"));
        let base = "[[todo]]\nid = \"a\"\n";
        let ours = "[[todo]]\nid = \"a\"\n\n[[todo]]\nid = \"b\"\n";
        let theirs = "[[todo]]\nid = \"a\"\ndone = 2026-12-01\n";
        // Ours is laid out with CRLF and a BOM; the others, either way.
        let (text, conflicts) = run("todos.toml", base, &crlf(ours), &crlf(theirs));
        assert!(conflicts.is_empty());
        assert_eq!(
            text,
            crlf("[[todo]]\nid = \"a\"\ndone = 2026-12-01\n\n[[todo]]\nid = \"b\"\n")
        );
        let csv = "week,measurable,value,note\n2026-W47,leads,1,\n";
        let (text, _) = run(
            "scorecard.csv",
            csv,
            &crlf(csv),
            "week,measurable,value,note\n2026-W47,leads,1,\n2026-W48,leads,2,\n",
        );
        assert_eq!(
            text,
            crlf("week,measurable,value,note\n2026-W47,leads,1,\n2026-W48,leads,2,\n")
        );
    }

    #[test]
    fn a_missing_final_newline_stays_missing() {
        let (text, _) = run("x.toml", "a = 1", "a = 1\nb = 2", "a = 3");
        assert_eq!(text, "a = 3\nb = 2");
    }

    #[test]
    fn other_files_go_to_git_merge_file() {
        let (text, conflicts) = run("processes/hiring.md", "a\nb\nc\n", "A\nb\nc\n", "a\nb\nC\n");
        assert_eq!(text, "A\nb\nC\n");
        assert!(conflicts.is_empty());
    }

    /// A version that does not parse is merged line by line: git's markers,
    /// a conflict reported, nothing of either side dropped.
    #[test]
    fn a_version_that_does_not_parse_goes_to_git_merge_file() {
        let (text, conflicts) = run("todos.toml", "a = 1\n", "a = \n", "a = 2\n");
        assert_eq!(text, "<<<<<<< ours\na = \n=======\na = 2\n>>>>>>> theirs\n");
        assert_eq!(conflicts.len(), 1);
        let (_, conflicts) = run(
            "scorecard.csv",
            "week,x\n",
            "week,x\n2026-W99,x\n",
            "week,y\n",
        );
        assert_eq!(conflicts.len(), 1);
    }

    #[test]
    fn conflicts_are_reported_by_line() {
        let base = "x = 1\n\n[[todo]]\nid = \"a\"\ntitle = \"A\"\n";
        let ours = "x = 1\n\n[[todo]]\nid = \"a\"\ntitle = \"Mine\"\n";
        let theirs = "x = 1\n\n[[todo]]\nid = \"a\"\ntitle = \"Theirs\"\n";
        let (text, conflicts) = run("todos.toml", base, ours, theirs);
        assert_eq!(
            conflicts,
            [Conflict {
                line: 3,
                what: "todo \"a\": title changed to different values on both sides".into()
            }]
        );
        assert_eq!(text.lines().nth(2), Some("<<<<<<< ours"));
    }

    #[test]
    fn the_format_comes_from_the_path_or_the_content() {
        assert_eq!(
            Format::of(Some("teams/sales/todos.toml"), b""),
            Format::Toml
        );
        assert_eq!(Format::of(Some("scorecard.csv"), b""), Format::Scorecard);
        assert_eq!(Format::of(Some("processes/x.md"), b""), Format::Lines);
        assert_eq!(
            Format::of(None, "\u{feff}week,m".as_bytes()),
            Format::Scorecard
        );
        assert_eq!(Format::of(None, b"[[todo]]"), Format::Toml);
    }
}
