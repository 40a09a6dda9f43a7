//! Editing TOML the way a person would: through `toml_edit`, so comments, key
//! order, blank lines, formatting and unknown keys all survive. Nothing here
//! re-serialises a document from structs.

use super::files::{FileRef, TextLayout, without_bom};
use super::parse::located_error;
use crate::error::Result;
use toml_edit::{ArrayOfTables, DocumentMut, InlineTable, Item, Table, TableLike, Value};

/// A TOML file opened for editing.
pub struct TomlDoc {
    pub doc: DocumentMut,
    /// Byte order mark, CRLF, final newline: written back as they were.
    layout: TextLayout,
}

impl TomlDoc {
    /// Parses `text` (the file's current contents; empty for a new file).
    pub fn parse(file: &FileRef, text: &str) -> Result<TomlDoc> {
        let body = without_bom(text);
        let doc = body.parse::<DocumentMut>().map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            located_error(file, body, offset, e.message().trim())
        })?;
        Ok(TomlDoc {
            doc,
            layout: TextLayout::of(text),
        })
    }

    pub fn to_text(&self) -> String {
        self.layout.apply(&self.doc.to_string())
    }

    /// The tables of the array `key` (`[[key]]` blocks, or an inline array of
    /// inline tables), in file order.
    pub fn items_mut(&mut self, key: &str) -> Vec<&mut dyn TableLike> {
        match self.doc.get_mut(key) {
            Some(Item::ArrayOfTables(array)) => {
                array.iter_mut().map(|t| t as &mut dyn TableLike).collect()
            }
            Some(Item::Value(Value::Array(array))) => array
                .iter_mut()
                .filter_map(|v| v.as_inline_table_mut().map(|t| t as &mut dyn TableLike))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The item of array `key` whose `id` is `id`.
    pub fn find_mut(&mut self, key: &str, id: &str) -> Option<&mut dyn TableLike> {
        self.items_mut(key)
            .into_iter()
            .find(|t| t.get("id").and_then(Item::as_str) == Some(id))
    }

    /// Appends a new `[[key]]` table at the end of the array, set off by a blank line.
    pub fn append(&mut self, key: &str, mut table: Table) {
        let has_content = !self.doc.as_table().is_empty()
            || !self.doc.trailing().as_str().unwrap_or("").trim().is_empty();
        match self.doc.get_mut(key) {
            Some(Item::Value(Value::Array(array))) => {
                let inline: InlineTable = table.into_inline_table();
                push_like_siblings(array, Value::InlineTable(inline));
            }
            Some(Item::ArrayOfTables(array)) => {
                table.decor_mut().set_prefix("\n");
                array.push(table);
            }
            _ => {
                if has_content {
                    table.decor_mut().set_prefix("\n");
                }
                let mut array = ArrayOfTables::new();
                array.push(table);
                self.doc.insert(key, Item::ArrayOfTables(array));
            }
        }
    }

    /// Removes the item of array `key` whose `id` is `id`; true if it was there.
    pub fn remove(&mut self, key: &str, id: &str) -> bool {
        let matches = |t: &dyn TableLike| t.get("id").and_then(Item::as_str) == Some(id);
        match self.doc.get_mut(key) {
            Some(Item::ArrayOfTables(array)) => {
                let before = array.len();
                array.retain(|t| !matches(t));
                array.len() != before
            }
            Some(Item::Value(Value::Array(array))) => {
                let before = array.len();
                array.retain(|v| !v.as_inline_table().is_some_and(|t| matches(t)));
                array.len() != before
            }
            _ => false,
        }
    }
}

/// The table `[key]` of a document (`[people]` of `[people.zoe]`), made
/// implicit when it is new so that only `[key.sub]` headers are written.
pub fn section_mut<'a>(doc: &'a mut DocumentMut, key: &str) -> Option<&'a mut Table> {
    doc.entry(key)
        .or_insert_with(|| {
            let mut t = Table::new();
            t.set_implicit(true);
            Item::Table(t)
        })
        .as_table_mut()
}

/// Appends one `[[key]]` table to a list file as text, without parsing the
/// file with toml_edit: a ten-year to-do list is 5,000 tables, and adding
/// one is the most common write. Only when the file ends with that list
/// (its last table header is `[[key]]`, with no multi-line string from
/// there on); `None` asks for the full edit. The text of the file is kept byte for
/// byte; the new table follows a blank line, with the file's line endings
/// and its final newline (or lack of one).
pub fn append_text(text: &str, key: &str, table: &Table) -> Option<String> {
    let body = without_bom(text);
    if body.trim().is_empty() {
        return None;
    }
    // The last line that opens a table must be this list's header, and a
    // real one: a multi-line string around it would close below it. (Only
    // the tail is scanned: a ten-year list is most of a megabyte.)
    let last_table = &body[last_line_starting_with(body, '[')?..];
    let header_line = last_table.lines().next()?.trim_start();
    let rest = header_line
        .strip_prefix(&format!("[[{key}]]"))?
        .trim_start();
    if !(rest.is_empty() || rest.starts_with('#'))
        || last_table.contains("\"\"\"")
        || last_table.contains("'''")
    {
        return None;
    }
    let mut doc = DocumentMut::new();
    let mut array = ArrayOfTables::new();
    array.push(table.clone());
    doc.insert(key, Item::ArrayOfTables(array));
    // CRLF only when every line ends so (the first line tells most files).
    let crlf = body.find('\n').is_some_and(|i| body[..i].ends_with('\r'))
        && body.matches('\n').count() == body.matches("\r\n").count();
    let newline = if crlf { "\r\n" } else { "\n" };
    let mut snippet = doc.to_string();
    if crlf {
        snippet = snippet.replace('\n', "\r\n");
    }
    let final_newline = body.ends_with('\n');
    let mut out = text.to_string();
    if !final_newline {
        out.push_str(newline);
    }
    if !out.ends_with(&format!("{newline}{newline}")) {
        out.push_str(newline);
    }
    out.push_str(&snippet);
    if !final_newline {
        out.truncate(out.len() - newline.len());
    }
    Some(out)
}

/// Where the last line whose first non-blank character is `first` starts.
fn last_line_starting_with(text: &str, first: char) -> Option<usize> {
    let mut end = text.len();
    loop {
        let start = text[..end].rfind('\n').map_or(0, |i| i + 1);
        if text[start..end].trim_start().starts_with(first) {
            return Some(start);
        }
        if start == 0 {
            return None;
        }
        end = start - 1;
    }
}

/// Sets `key` in a table, keeping the old value's comments and spacing.
pub fn set(table: &mut dyn TableLike, key: &str, value: impl Into<Value>) {
    let mut value: Value = value.into();
    match table.get_mut(key) {
        Some(Item::Value(old)) => {
            *value.decor_mut() = old.decor().clone();
            *old = value;
        }
        _ => {
            table.insert(key, Item::Value(value));
        }
    }
}

/// Removes `key` from a table, if there.
pub fn unset(table: &mut dyn TableLike, key: &str) {
    table.remove(key);
}

/// The array at `key` of a table, created empty when absent.
pub fn array_mut<'a>(table: &'a mut dyn TableLike, key: &str) -> Option<&'a mut toml_edit::Array> {
    if table.get(key).is_none() {
        table.insert(key, Item::Value(Value::Array(toml_edit::Array::new())));
    }
    table.get_mut(key).and_then(Item::as_array_mut)
}

/// Pushes onto an array, copying the previous element's spacing so a
/// one-per-line array stays one-per-line.
pub fn push_like_siblings(array: &mut toml_edit::Array, mut value: Value) {
    match array.iter().last() {
        Some(last) => {
            *value.decor_mut() = last.decor().clone();
            array.push_formatted(value);
        }
        None => array.push(value),
    }
}

/// Pushes onto an array laid out one element per line (a new array becomes
/// one), so meeting files stay readable as they grow.
pub fn push_multiline(array: &mut toml_edit::Array, mut value: Value) {
    if array.is_empty() {
        value.decor_mut().set_prefix("\n  ");
        value.decor_mut().set_suffix("");
        array.push_formatted(value);
        array.set_trailing("\n");
        array.set_trailing_comma(true);
    } else {
        push_like_siblings(array, value);
    }
}

/// The table-like value at `key` (a `[key]` table or an inline table),
/// created as an inline table when absent.
pub fn table_like_mut<'a>(
    table: &'a mut dyn TableLike,
    key: &str,
) -> Option<&'a mut dyn TableLike> {
    if table.get(key).is_none() {
        table.insert(key, Item::Value(Value::InlineTable(InlineTable::new())));
    }
    table.get_mut(key).and_then(Item::as_table_like_mut)
}

/// A string value for a new key.
pub fn string(text: &str) -> Value {
    Value::from(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_append_reads_as_the_toml_edit_append() {
        let mut table = Table::new();
        table.insert("id", Item::Value(Value::from("new")));
        table.insert("title", Item::Value(Value::from("New one")));
        for text in [
            "# list\n[[todo]]\nid = \"a\"\ntitle = \"A\"\n",
            "\u{feff}[[todo]]\r\nid = \"a\"\r\ntitle = \"A\"\r\n\r\n",
            "[[todo]] # first\nid = \"a\"\ntitle = \"A\"",
            "[[todo]]\nid = \"a\"\nnote = '''\n[[todo]]\n'''\n\n[[todo]]\nid = \"b\"\n",
        ] {
            let fast = append_text(text, "todo", &table).unwrap();
            assert!(fast.starts_with(text.trim_end_matches(['\r', '\n'])));
            let file = FileRef {
                path: "todos.toml".into(),
                display: "todos.toml".into(),
            };
            let mut doc = TomlDoc::parse(&file, text).unwrap();
            doc.append("todo", table.clone());
            let slow = doc.to_text();
            let read = |t: &str| without_bom(t).parse::<toml::Table>().unwrap();
            assert_eq!(read(&fast), read(&slow), "{fast:?} vs {slow:?}");
            assert_eq!(fast.ends_with('\n'), text.ends_with('\n'));
            assert_eq!(fast.contains("\r\n"), text.contains("\r\n"));
        }
        // Not at the end of the list, or inline: the full edit.
        assert!(append_text("[[todo]]\nid = \"a\"\n[meta]\nx = 1\n", "todo", &table).is_none());
        assert!(append_text("todo = [{ id = \"a\" }]\n", "todo", &table).is_none());
        assert!(append_text("", "todo", &table).is_none());
        // A header-like line inside a multi-line string is not the end.
        let inside = "[[todo]]\nid = \"a\"\nnote = \"\"\"\n[[todo]]\n\"\"\"\n";
        assert!(append_text(inside, "todo", &table).is_none());
    }
    use std::path::PathBuf;

    fn file() -> FileRef {
        FileRef {
            path: PathBuf::from("x.toml"),
            display: "x.toml".into(),
        }
    }

    #[test]
    fn set_keeps_trailing_comment() {
        let mut doc = TomlDoc::parse(
            &file(),
            "[[rock]]\nid = \"a\"\nstatus = \"on-track\"   # said Monday\nx-extra = 1\n",
        )
        .unwrap();
        let rock = doc.find_mut("rock", "a").unwrap();
        set(rock, "status", "done");
        assert_eq!(
            doc.to_text(),
            "[[rock]]\nid = \"a\"\nstatus = \"done\"   # said Monday\nx-extra = 1\n"
        );
    }

    #[test]
    fn append_keeps_everything_above() {
        let original = "# Our rocks\n\n[[rock]] # first\nid = \"a\"\nmilestones = [ { title = \"x\", done = true } ]\n";
        let mut doc = TomlDoc::parse(&file(), original).unwrap();
        let mut t = Table::new();
        t.insert("id", toml_edit::value("b"));
        doc.append("rock", t);
        let text = doc.to_text();
        assert!(text.starts_with(original), "{text}");
        assert!(text.ends_with("\n[[rock]]\nid = \"b\"\n"), "{text}");
    }

    #[test]
    fn append_to_empty_file_has_no_leading_blank() {
        let mut doc = TomlDoc::parse(&file(), "").unwrap();
        let mut t = Table::new();
        t.insert("id", toml_edit::value("b"));
        doc.append("todo", t);
        assert_eq!(doc.to_text(), "[[todo]]\nid = \"b\"\n");
    }

    #[test]
    fn bom_is_kept() {
        let doc = TomlDoc::parse(&file(), "\u{feff}a = 1\n").unwrap();
        assert_eq!(doc.to_text(), "\u{feff}a = 1\n");
    }
}
