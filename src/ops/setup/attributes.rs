//! pulse's block of `.gitattributes`: the patterns that route the company's
//! files to pulse's merge driver, written into a user's file without
//! touching their own lines (and without the first-round union line).

/// The company's files, relative to the data folder: the pattern
/// `.gitattributes` routes, and a path it must match (what `pulse check`
/// asks git about).
const ROUTED: [(&str, &str); 14] = [
    ("vision.toml", "vision.toml"),
    ("seats.toml", "seats.toml"),
    ("scorecard.toml", "scorecard.toml"),
    ("scorecard.csv", "scorecard.csv"),
    ("issues.toml", "issues.toml"),
    ("todos.toml", "todos.toml"),
    ("people.toml", "people.toml"),
    ("rocks/*.toml", "rocks/2026-Q4.toml"),
    ("meetings/*.toml", "meetings/2026-11-26.toml"),
    ("archive/**/*.toml", "archive/2026-Q3/todos.toml"),
    ("checkups/**/*.toml", "checkups/2026-Q4/zoe.toml"),
    ("people/**/*.toml", "people/conversations/2026-Q4/zoe.toml"),
    ("teams/**/*.toml", "teams/sales/rocks/2026-Q4.toml"),
    ("teams/*/scorecard.csv", "teams/sales/scorecard.csv"),
];

const BEGIN: &str = "# pulse: begin";
const END: &str = "# pulse: end";
const HEADER: [&str; 3] = [
    "# The company's files merge by meaning, with pulse's merge driver, which each",
    "# clone registers with `pulse setup` (pulse init and pulse sync do it too);",
    "# where it is not registered, git merges them as text. pulse rewrites this block.",
];
/// The comment `pulse init` wrote above the union line in its first round.
const FIRST_ROUND_COMMENT: &str = "# Two people recording numbers in the same week merge cleanly.";

/// Where the company's files are, relative to the folder of `company.toml`
/// (`data`: the data folder's prefix): its files and folders, the processes
/// too, as literal paths for git.
pub fn company_paths(data: &str) -> Vec<String> {
    let mut paths = vec!["company.toml".to_string(), ".gitattributes".to_string()];
    let folders = ROUTED
        .iter()
        .map(|(pattern, _)| match pattern.split_once('/') {
            Some((folder, _)) => folder,
            None => pattern,
        });
    for path in folders.chain(["processes"]) {
        let path = format!("{data}{path}");
        if !paths.contains(&path) {
            paths.push(path);
        }
    }
    paths
}

/// `text` as a literal part of a gitattributes pattern: glob characters
/// escaped.
fn glob_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '?' | '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A gitattributes pattern as git reads it: in C-style double quotes when it
/// holds a blank, a quote or a control character.
fn attribute_pattern(pattern: &str) -> String {
    if !pattern
        .chars()
        .any(|c| c.is_whitespace() || c == '"' || c.is_control())
    {
        return pattern.to_string();
    }
    let mut out = String::from("\"");
    for c in pattern.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_ascii_control() => out.push_str(&format!("\\{:03o}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// pulse's block of `.gitattributes` for a company whose data folder is
/// `data` (relative to the folder of `company.toml`, where the file lives).
fn block(data: &str) -> Vec<String> {
    let data = glob_escape(data);
    let mut lines = vec![BEGIN.to_string()];
    lines.extend(HEADER.iter().map(|l| l.to_string()));
    lines.push("/company.toml merge=pulse".to_string());
    for (pattern, _) in ROUTED {
        lines.push(format!(
            "{} merge=pulse",
            attribute_pattern(&format!("/{data}{pattern}"))
        ));
    }
    lines.push(END.to_string());
    lines
}

/// The first-round `scorecard.csv merge=union` line, which pulse's driver replaces.
pub(super) fn is_union_line(line: &str) -> bool {
    let mut words = line.split_whitespace();
    let pattern = words.next().unwrap_or("");
    (pattern == "scorecard.csv" || pattern.ends_with("/scorecard.csv"))
        && words.any(|w| w == "merge=union")
}

/// `.gitattributes` with pulse's block in it: `existing` with its old block
/// (and a first-round union line) taken out, the new block where the old one
/// was, else at the end (where it wins over earlier lines). The user's other
/// lines and comments stay as they are. Applying it twice changes nothing.
pub fn gitattributes(existing: &str, data: &str) -> String {
    let newline = if existing.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let lines: Vec<&str> = existing.lines().collect();
    let closed = |from: usize| lines[from..].iter().any(|l| l.trim() == END);
    let mut kept: Vec<&str> = Vec::new();
    let mut at: Option<usize> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        if line.starts_with(BEGIN) {
            at.get_or_insert(kept.len());
            i += 1;
            if closed(i) {
                while i < lines.len() && lines[i].trim() != END {
                    i += 1;
                }
                i += 1;
            } else {
                // The end line was deleted: take only what is surely pulse's.
                while i < lines.len()
                    && (HEADER.contains(&lines[i].trim()) || lines[i].ends_with(" merge=pulse"))
                {
                    i += 1;
                }
            }
            continue;
        }
        if is_union_line(line) {
            if kept.last().map(|l| l.trim()) == Some(FIRST_ROUND_COMMENT) {
                kept.pop();
            }
        } else {
            kept.push(lines[i]);
        }
        i += 1;
    }
    let new_block = block(data);
    let mut out: Vec<&str> = Vec::with_capacity(kept.len() + new_block.len() + 1);
    match at {
        Some(at) => {
            out.extend(&kept[..at]);
            out.extend(new_block.iter().map(String::as_str));
            out.extend(&kept[at..]);
        }
        None => {
            out.extend(&kept);
            if kept.last().is_some_and(|l| !l.trim().is_empty()) {
                out.push("");
            }
            out.extend(new_block.iter().map(String::as_str));
        }
    }
    let mut text = out.join(newline);
    text.push_str(newline);
    text
}

/// Each routed pattern under the data folder `data`, with a path it must
/// match: what `pulse check` asks git about.
pub fn samples(data: &str) -> Vec<(String, String)> {
    let mut samples = vec![("company.toml".to_string(), "company.toml".to_string())];
    samples.extend(
        ROUTED
            .iter()
            .map(|(pattern, sample)| (format!("{data}{pattern}"), format!("{data}{sample}"))),
    );
    samples
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_round_union_line_gives_way_to_the_block() {
        let first_round = format!("{FIRST_ROUND_COMMENT}\nscorecard.csv merge=union\n");
        let text = gitattributes(&first_round, "");
        assert!(
            !text.contains("union") && !text.contains(FIRST_ROUND_COMMENT),
            "{text}"
        );
        assert!(text.starts_with(BEGIN), "{text}");
        assert!(text.contains("\n/scorecard.csv merge=pulse\n"), "{text}");
        assert!(text.contains("\n/teams/**/*.toml merge=pulse\n"), "{text}");
        assert!(text.ends_with(&format!("{END}\n")), "{text}");
        assert_eq!(
            gitattributes(&text, ""),
            text,
            "a second run changes nothing"
        );
    }

    #[test]
    fn the_users_lines_stay_and_the_block_is_rewritten_in_place() {
        let mine = "# mine\n*.png binary\n";
        let text = gitattributes(mine, "");
        assert!(
            text.starts_with("# mine\n*.png binary\n\n# pulse: begin"),
            "{text}"
        );
        let edited = format!("{text}*.pdf binary\n");
        let moved = gitattributes(&edited, "data/");
        assert!(
            moved.contains("\n/data/todos.toml merge=pulse\n"),
            "{moved}"
        );
        assert!(!moved.contains("\n/todos.toml merge=pulse\n"), "{moved}");
        assert!(
            moved.ends_with(&format!("{END}\n*.pdf binary\n")),
            "{moved}"
        );
        assert_eq!(gitattributes(&moved, "data/"), moved);
    }

    #[test]
    fn a_block_without_its_end_line_is_replaced_without_eating_the_rest() {
        let text = gitattributes("", "");
        let cut = text.replace(&format!("{END}\n"), "") + "*.pdf binary\n";
        let again = gitattributes(&cut, "");
        assert_eq!(again.matches(BEGIN).count(), 1, "{again}");
        assert!(
            again.ends_with(&format!("{END}\n*.pdf binary\n")),
            "{again}"
        );
    }

    #[test]
    fn crlf_files_stay_crlf() {
        let text = gitattributes("*.png binary\r\n", "");
        assert!(
            text.starts_with("*.png binary\r\n\r\n# pulse: begin\r\n"),
            "{text:?}"
        );
        assert!(!text.replace("\r\n", "").contains('\n'), "{text:?}");
    }

    #[test]
    fn a_data_folder_with_glob_characters_and_blanks_is_literal() {
        let lines = block("co [1]/");
        assert!(
            lines.contains(&"\"/co \\\\[1\\\\]/todos.toml\" merge=pulse".to_string()),
            "{lines:?}"
        );
        let lines = block("co[1]/");
        assert!(lines.contains(&"/co\\[1\\]/todos.toml merge=pulse".to_string()));
    }

    #[test]
    fn the_company_paths_are_its_files_and_folders() {
        let paths = company_paths("d/");
        assert_eq!(
            &paths[..3],
            ["company.toml", ".gitattributes", "d/vision.toml"]
        );
        for folder in [
            "d/rocks",
            "d/teams",
            "d/archive",
            "d/processes",
            "d/scorecard.csv",
        ] {
            assert_eq!(
                paths.iter().filter(|p| *p == folder).count(),
                1,
                "{paths:?}"
            );
        }
    }

    #[test]
    fn the_demo_company_carries_the_block() {
        assert_eq!(
            include_str!("../../../examples/demo/.gitattributes"),
            gitattributes("", "")
        );
    }
}
