//! Parsing TOML into the model, with errors as `file:line:column: what`
//! followed by the source line and a caret.

use super::files::{FileRef, without_bom};
use crate::error::{Error, Result};
use serde::de::DeserializeOwned;

/// Deserializes a whole TOML file. Unknown keys are ignored here (and kept by
/// edits, which go through `toml_edit`).
pub fn parse_toml<T: DeserializeOwned>(file: &FileRef, text: &str) -> Result<T> {
    let body = without_bom(text);
    toml::from_str(body).map_err(|e| {
        if let Some(conflict) = conflict_error(file, body) {
            return conflict;
        }
        let offset = e.span().map_or(0, |s| s.start);
        located_error(file, body, offset, e.message().trim())
    })
}

/// The line (1-based) of the first git conflict marker a bad merge left.
pub fn conflict_marker(text: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            ["<<<<<<< ", ">>>>>>> ", "||||||| "]
                .iter()
                .any(|m| l.starts_with(m))
                || l.trim_end() == "======="
                || l.trim_end() == "<<<<<<<"
                || l.trim_end() == ">>>>>>>"
        })
        .map(|i| i + 1)
}

/// An error for a file that still holds a merge conflict, pointing at it:
/// clearer than the parse error the markers cause.
pub fn conflict_error(file: &FileRef, text: &str) -> Option<Error> {
    conflict_marker(text).map(|line| {
        Error::broken(format!(
            "{}:{line}: an unresolved git merge conflict (between `<<<<<<<` and `>>>>>>>`)",
            file.display
        ))
        .with_hint(format!(
            "keep the lines you want, delete the marker lines, then `git add -- {}` and commit",
            crate::shell::quote(&file.display)
        ))
    })
}

/// A TOML file pulse reads into a type; a list file says how to read it
/// table by table.
pub trait TomlFile: DeserializeOwned {
    fn parse(file: &FileRef, text: &str) -> Result<Self> {
        parse_toml(file, text)
    }
}

/// From this size on, a list file is read a table at a time. Parsed whole,
/// a list holds about 27 times its size in memory (100,000 to-dos, 12.8 MB:
/// 346 MB); a table at a time, about 4 times, but a third more slowly on
/// the lists teams keep (an archived quarter, the live to-dos: kilobytes).
pub const IN_PIECES_FROM: usize = 256 * 1024;

/// Deserializes a list file: whole, or a table at a time from
/// [`IN_PIECES_FROM`] bytes on ([`parse_in_pieces`]).
pub fn parse_list<T: ListFile>(file: &FileRef, text: &str) -> Result<T> {
    if text.len() < IN_PIECES_FROM {
        parse_toml(file, text)
    } else {
        parse_in_pieces(file, text)
    }
}

/// Deserializes a list file table by table, so that a long list never has
/// the whole file's syntax tree in memory beside its items. Whatever cannot
/// be read that way (a file that cannot be cut at its tables, a head that
/// sets the list itself, an error) is read whole, so the items and the
/// errors are the whole parse's.
pub fn parse_in_pieces<T: ListFile>(file: &FileRef, text: &str) -> Result<T> {
    match by_table::<T>(without_bom(text)) {
        Some(list) => Ok(list),
        None => parse_toml(file, text),
    }
}

fn by_table<T: ListFile>(body: &str) -> Option<T> {
    let starts = table_starts(body, T::KEY)?;
    let first = starts.first().copied().unwrap_or(body.len());
    let head: toml::Table = toml::from_str(&body[..first]).ok()?;
    if head.contains_key(T::KEY) {
        return None;
    }
    let mut list: T = head.try_into().ok()?;
    let items = list.items_mut();
    items.reserve(starts.len());
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(body.len());
        let mut one: T = toml::from_str(&body[start..end]).ok()?;
        items.append(one.items_mut());
    }
    Some(list)
}

/// A file that is one long `[[KEY]]` list: the issues, the to-dos.
pub trait ListFile: TomlFile {
    const KEY: &'static str;
    type Item: serde::Serialize + DeserializeOwned;
    fn items(&self) -> &[Self::Item];
    fn items_mut(&mut self) -> &mut Vec<Self::Item>;
    fn id(item: &Self::Item) -> &str;
}

/// Where each `[[key]]` table of a list file starts, or `None` when cutting
/// the text there could change its meaning (a table that is not part of the
/// list, a string or an array left open). Lines inside a multi-line string
/// or array are values, not headers.
pub(crate) fn table_starts(text: &str, key: &str) -> Option<Vec<usize>> {
    Some(list_headers(text, key)?.iter().map(|h| h.start).collect())
}

/// The headers of the `[[key]]` tables of a list file, under the rule of
/// [`table_starts`].
pub(crate) fn list_headers<'t>(text: &'t str, key: &str) -> Option<Vec<Header<'t>>> {
    let header = format!("[[{key}]]");
    let (sub_table, sub_array) = (format!("[{key}."), format!("[[{key}."));
    let mut tables = Vec::new();
    for found in headers(text)? {
        let line = found.line;
        match line.strip_prefix(header.as_str()) {
            Some(rest) if rest.trim_start().is_empty() || rest.trim_start().starts_with('#') => {
                tables.push(found)
            }
            _ if line.starts_with(&sub_table) || line.starts_with(&sub_array) => {}
            _ => return None,
        }
    }
    Some(tables)
}

/// A table header line of a TOML text.
pub(crate) struct Header<'t> {
    pub start: usize,
    /// Where the blank and comment lines right above it begin: they belong
    /// to its table, as in toml_edit.
    pub lines_above: usize,
    /// The line, without the spaces around it.
    pub line: &'t str,
}

/// Every table header of a TOML text, in order, found by reading the text
/// as TOML reads it (a line inside a multi-line string or array is a
/// value); `None` when a string or an array is left open at the end.
pub(crate) fn headers(text: &str) -> Option<Vec<Header<'_>>> {
    let mut headers = Vec::new();
    let mut offset = 0;
    let mut within = Within::default();
    // Where the blank and comment lines just read began.
    let mut filler_from = None;
    // By bytes (`memchr`, `trim_ascii`): a `char` pattern costs a search
    // and a compare on every line of a list read a table at a time.
    let bytes = text.as_bytes();
    while offset < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[offset..]).map_or(bytes.len(), |i| offset + i + 1);
        let line = &text[offset..end];
        let trimmed = line.trim_ascii();
        let outside = within == Within::default();
        if outside && trimmed.starts_with('[') {
            headers.push(Header {
                start: offset,
                lines_above: filler_from.unwrap_or(offset),
                line: trimmed,
            });
        }
        let filler = outside && (trimmed.is_empty() || trimmed.starts_with('#'));
        filler_from = if filler {
            filler_from.or(Some(offset))
        } else {
            None
        };
        within = within.after(line.as_bytes());
        offset += line.len();
    }
    (within == Within::default()).then_some(headers)
}

/// What a line ends inside of, as TOML reads it: a multi-line string (its
/// quote, `"` or `'`), and arrays or inline tables still open.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Within {
    string: Option<u8>,
    brackets: usize,
}

impl Within {
    /// Where `line` leaves off, starting here. Quotes and brackets inside
    /// strings and comments count for nothing.
    fn after(mut self, line: &[u8]) -> Within {
        let mut i = 0;
        while i < line.len() {
            match self.string {
                Some(quote) => {
                    if quote == b'"' && line[i] == b'\\' {
                        i += 2;
                    } else if line[i..].starts_with(&[quote; 3]) {
                        // Up to two quotes of the content may run into the end.
                        i += line[i..].iter().take_while(|&&b| b == quote).count();
                        self.string = None;
                    } else {
                        i += 1;
                    }
                }
                None => match line[i] {
                    b'#' => break,
                    quote @ (b'"' | b'\'') if line[i..].starts_with(&[quote; 3]) => {
                        self.string = Some(quote);
                        i += 3;
                    }
                    quote @ (b'"' | b'\'') => {
                        i += 1;
                        while i < line.len() && line[i] != quote && line[i] != b'\n' {
                            i += if quote == b'"' && line[i] == b'\\' {
                                2
                            } else {
                                1
                            };
                        }
                        i += 1;
                    }
                    b'[' | b'{' => {
                        self.brackets += 1;
                        i += 1;
                    }
                    b']' | b'}' => {
                        self.brackets = self.brackets.saturating_sub(1);
                        i += 1;
                    }
                    _ => i += 1,
                },
            }
        }
        self
    }
}

/// A list file cut down to the `[[key]]` tables whose text holds `needle`
/// (after whatever precedes the first table): a TOML document that says the
/// same of those items, for reading one item's history without parsing
/// thousands of others in every version. `None` when that is not certain:
/// the text cannot be cut, or holds a `\` (an escape could spell `needle`
/// in other characters).
pub fn tables_mentioning(text: &str, key: &str, needle: &str) -> Option<String> {
    if needle.is_empty() || text.contains('\\') {
        return None;
    }
    let starts = table_starts(text, key)?;
    let first = starts.first().copied().unwrap_or(text.len());
    let mut out = text[..first].to_string();
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(text.len());
        let table = &text[start..end];
        if table.contains(needle) {
            out.push_str(table);
            if !table.ends_with('\n') {
                out.push('\n');
            }
        }
    }
    Some(out)
}

/// An exit-2 error pointing at a byte offset of a file.
pub fn located_error(file: &FileRef, text: &str, offset: usize, message: &str) -> Error {
    let (line, column) = line_col(text, offset);
    let source = text.lines().nth(line - 1).unwrap_or("");
    let gutter = line.to_string();
    let pad = " ".repeat(gutter.len());
    let caret_pad: String = source
        .chars()
        .take(column - 1)
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    let message = message.replace('\n', " ");
    Error::broken(format!(
        "{}:{line}:{column}: {message}\n{pad} |\n{gutter} | {}\n{pad} | {caret_pad}^",
        file.display,
        crate::escape::escape(source)
    ))
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    (line, column)
}

/// Where each `id = "..."` of a file is, found in one pass over the text
/// (`pulse check` names lines for thousands of items).
pub struct IdLines<'a> {
    text: &'a str,
    /// Built on the first question: most checks of most items find nothing
    /// to report, and then no line is needed.
    lines: std::cell::OnceCell<std::collections::HashMap<&'a str, Vec<usize>>>,
}

impl<'a> IdLines<'a> {
    pub fn new(text: &'a str) -> IdLines<'a> {
        IdLines {
            text,
            lines: std::cell::OnceCell::new(),
        }
    }

    fn lines(&self) -> &std::collections::HashMap<&'a str, Vec<usize>> {
        self.lines.get_or_init(|| {
            let mut lines: std::collections::HashMap<&'a str, Vec<usize>> = Default::default();
            for (i, line) in self.text.lines().enumerate() {
                if let Some(id) = id_on_line(line) {
                    lines.entry(id).or_default().push(i + 1);
                }
            }
            lines
        })
    }

    /// The line of the first item with this id (1 when it is not found).
    pub fn first(&self, id: &str) -> usize {
        self.nth(id, 0)
    }

    /// The line of the n-th (from 0) item with this id.
    pub fn nth(&self, id: &str, n: usize) -> usize {
        self.lines()
            .get(id)
            .and_then(|l| l.get(n))
            .copied()
            .unwrap_or(1)
    }
}

/// The ids the lines of `text` set ([`id_on_line`]), in order: one
/// vectorised search for `id` finds the lines to look at (a quarter's
/// archive is thousands of lines, most of them no id's).
pub fn ids_in(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut next_line = 0;
    memchr::memmem::find_iter(bytes, b"id").filter_map(move |at| {
        if at < next_line {
            return None;
        }
        let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        next_line = end;
        // As `str::lines`: a CR before the newline is not the line's.
        let end = if end < bytes.len() && end > start && bytes[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        id_on_line(&text[start..end])
    })
}

/// The id a line sets: `id = "x"` at its start or inside an inline table.
pub fn id_on_line(line: &str) -> Option<&str> {
    let mut rest = line;
    while let Some(at) = rest.find("id") {
        let before = rest[..at].trim_end().chars().last();
        let after = rest[at + 2..].trim_start();
        if matches!(before, None | Some('{') | Some(','))
            && let Some(value) = after.strip_prefix('=')
            && let Some(quoted) = value.trim_start().strip_prefix('"')
        {
            return quoted.split('"').next();
        }
        rest = &rest[at + 2..];
    }
    None
}

#[cfg(test)]
pub(crate) mod tests {
    proptest::proptest! {
        /// The search finds the ids a line-by-line read finds.
        #[test]
        fn ids_in_reads_as_line_by_line(parts in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::strategy::Just("id = \"a\""), proptest::strategy::Just("{ id = \"b\", x = 1 }"),
                proptest::strategy::Just("\n"), proptest::strategy::Just("\r\n"), proptest::strategy::Just("idea"),
                proptest::strategy::Just("id"), proptest::strategy::Just(" "), proptest::strategy::Just("=\"c\""),
                proptest::strategy::Just("\""), proptest::strategy::Just("\r"), proptest::strategy::Just("= \"d"),
            ], 0..40)) {
            let text: String = parts.concat();
            let by_lines: Vec<&str> = text.lines().filter_map(super::id_on_line).collect();
            proptest::prop_assert_eq!(super::ids_in(&text).collect::<Vec<_>>(), by_lines);
        }
    }

    #[test]
    fn tables_mentioning_keeps_the_items_tables_only() {
        let text = "# list\n[[todo]]\nid = \"a\"\n\n[[todo]]\nid = \"b\"\nissue = \"a\"\n[[todo]]\nid = \"c\"";
        assert_eq!(
            tables_mentioning(text, "todo", "a").unwrap(),
            "# list\n[[todo]]\nid = \"a\"\n\n[[todo]]\nid = \"b\"\nissue = \"a\"\n"
        );
        assert_eq!(
            tables_mentioning(text, "todo", "c").unwrap(),
            "# list\n[[todo]]\nid = \"c\"\n"
        );
        assert_eq!(tables_mentioning(text, "todo", "zz").unwrap(), "# list\n");
        // An escape could spell the id otherwise; another table ends the
        // list: the whole text is read. A header in a string is no header.
        assert!(tables_mentioning("[[todo]]\nid = \"\\u0061\"\n", "todo", "a").is_none());
        let multi_line = "[[todo]]\nid = \"a\"\nnote = '''\n[[todo]]\n'''\n";
        assert_eq!(
            tables_mentioning(multi_line, "todo", "a").unwrap(),
            multi_line
        );
        assert!(tables_mentioning("[[todo]]\nid = \"a\"\n[meta]\n", "todo", "a").is_none());
    }

    use super::*;

    #[test]
    fn table_starts_read_strings_arrays_and_comments_as_toml_does() {
        // Quotes inside strings and comments open nothing.
        let quoted = "[[todo]]\nx = \"'''\" # \"\"\"\n[[todo]]\ny = '\"\"\"'\n";
        assert_eq!(table_starts(quoted, "todo"), Some(vec![0, 25]));
        assert!(table_starts("[[todo]]\nx = \"\"\"\nopen\n", "todo").is_none());
        // A line opening with `[` inside an array is an element.
        let nested = "[[todo]]\nlinks = [\n  [\"a\", \"b\"], # [\n]\n[[todo]]\nx = { y = [1] }\n";
        assert_eq!(table_starts(nested, "todo"), Some(vec![0, 39]));
        assert!(table_starts("[[todo]]\nlinks = [\n  [1],\n", "todo").is_none());
        // Comments above a header are its table's; a line of a string is not.
        let commented = "x = 1\n\n# first\n[[todo]]\nnote = \"\"\"\n# text\"\"\"\n[[todo]]\n";
        let above =
            |text| headers(text).map(|h| h.iter().map(|h| h.lines_above).collect::<Vec<_>>());
        assert_eq!(above(commented), Some(vec![6, 45]));
        assert_eq!(table_starts(commented, "todo"), Some(vec![15, 45]));
    }

    #[test]
    fn id_lines_find_every_copy() {
        let text = "[[issue]]\nid = \"a\"\nsolid = \"x\"\n[[issue]]\n  id=\"b\"\nmilestones = [{ id = \"a\", t = 1 }]\n";
        let lines = IdLines::new(text);
        assert_eq!(lines.first("a"), 2);
        assert_eq!(lines.nth("a", 1), 6);
        assert_eq!(lines.first("b"), 5);
        assert_eq!(lines.first("x"), 1);
    }

    #[test]
    fn line_and_column() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        assert_eq!(line_col(text, 9), (2, 3));
        assert_eq!(line_col(text, 999), (3, 1));
    }

    /// Values that hide brackets, quotes, comment signs and whole headers.
    const TRICKY: [&str; 12] = [
        r#""a [[todo]] b""#,
        "'''\n[[todo]]\nid = 'x'\n'''",
        "\"\"\"\n[[todo]]\n\\\"\"\"\n\"\"\"",
        "\"\"\"two quotes end it\"\"\"\"\"",
        "[\n  [\"[[todo]]\"],\n  { a = \"]\" },\n]",
        "{ a = \"}\", b = [1, 2] }",
        r##""# not a comment""##,
        r#"'"""'"#,
        "\"\"\"a \\\n  [[todo]] b\"\"\"",
        "'''''x'''",
        "[ # a comment ]\n  1,\n]",
        "\"\\\"'''\"",
    ];

    /// Lines a to-do's table may hold: good, unknown, tricky and broken.
    const LINES: [&str; 15] = [
        "owner = \"amy\"",
        "due = 2026-01-12",
        "done = 2026-01-08 # on time",
        "x-note = '''\n[[todo]]\nid = \"fake\"\n'''",
        "x-tags = [\n  \"a\", # [\n]",
        "title = \"twice\"",
        "due = 2026-13-01",
        "owner = 7",
        "= broken",
        "[todo.extra]\nx = 1",
        "<<<<<<< HEAD",
        "x-esc = \"\\u0041 \\\" [[todo]]\"",
        "\n# a comment set off from the next\n",
        "\n# set off\n\n# right above the next",
        "title = \"\"\"\nline [[todo]]\n\"\"\"",
    ];

    /// Texts before the first table: nothing, comments, keys of their own,
    /// the list itself (read whole), another table (read whole).
    const HEADS: [&str; 5] = [
        "",
        "# to-dos\n\n",
        "x-version = 2\n",
        "todo = []\n",
        "[meta]\nx = 1\n",
    ];

    /// A list file of to-dos `t0`, `t1`… holding those lines.
    pub(crate) fn list_text(head: usize, items: &[Vec<usize>], bom: bool) -> String {
        let mut text = String::from(if bom { "\u{feff}" } else { "" });
        text.push_str(HEADS[head]);
        for (i, lines) in items.iter().enumerate() {
            text.push_str(&format!("[[todo]]\nid = \"t{i}\"\ntitle = \"T {i}\"\n"));
            for &l in lines {
                text.push_str(LINES[l]);
                text.push('\n');
            }
            if !lines.last().is_some_and(|&l| LINES[l].ends_with("next")) {
                text.push('\n');
            }
        }
        text
    }

    /// Any list file [`list_text`] writes.
    pub(crate) fn list_files() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        (
            0..HEADS.len(),
            proptest::collection::vec(proptest::collection::vec(0..LINES.len(), 0..3), 0..6),
            any::<bool>(),
        )
            .prop_map(|(head, items, bom)| list_text(head, &items, bom))
    }

    proptest::proptest! {
        /// A list read table by table holds the items a whole read holds,
        /// and a broken one gives the same error at the same line:column.
        #[test]
        fn a_list_read_table_by_table_is_the_list_read_whole(text in list_files()) {
            use crate::model::todo::TodosFile;
            let file = FileRef { path: "todos.toml".into(), display: "todos.toml".into() };
            let by_table = parse_in_pieces::<TodosFile>(&file, &text).map(|l| l.todo);
            let whole = parse_toml::<TodosFile>(&file, &text).map(|l| l.todo);
            let shown = |r: Result<Vec<crate::model::todo::Todo>>| r.map_err(|e| e.to_string());
            proptest::prop_assert_eq!(shown(by_table), shown(whole), "{}", text);
        }

        /// Cut where `table_starts` says, each piece parses on its own and
        /// the pieces hold what the whole does.
        #[test]
        fn cuts_keep_the_meaning(
            items in proptest::collection::vec(
                proptest::collection::vec(0..TRICKY.len(), 0..3), 1..6)
        ) {
            let mut text = String::from("# list\n");
            for (i, fields) in items.iter().enumerate() {
                text.push_str(&format!("\n[[todo]]\nid = \"t{i}\"\n"));
                for (n, &f) in fields.iter().enumerate() {
                    text.push_str(&format!("f{n} = {} # [[todo]] \"\n", TRICKY[f]));
                }
            }
            let whole: toml::Table = text.parse().map_err(|e| {
                proptest::test_runner::TestCaseError::fail(format!("{e}\n{text}"))
            })?;
            let starts = table_starts(&text, "todo").expect("cuts");
            proptest::prop_assert_eq!(starts.len(), items.len());
            let mut todos = Vec::new();
            for (i, &start) in starts.iter().enumerate() {
                let end = starts.get(i + 1).copied().unwrap_or(text.len());
                let piece: toml::Table = text[start..end].parse().expect("a piece parses");
                todos.extend(piece["todo"].as_array().cloned().unwrap_or_default());
            }
            proptest::prop_assert_eq!(&whole["todo"], &toml::Value::Array(todos));
        }
    }
}
