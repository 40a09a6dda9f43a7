//! Editing TOML the way a person would: through `toml_edit`, so comments, key
//! order, blank lines, formatting and unknown keys all survive. Nothing here
//! re-serialises a document from structs.

use super::files::{FileRef, TextLayout, without_bom};
use super::parse::{Header, list_headers, located_error};
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
                // A fresh file's header comment is the document's trailing
                // text: it goes above the new table, so it stays on top.
                let trailing = self.doc.trailing().as_str().unwrap_or("").to_string();
                if self.doc.as_table().is_empty() && !trailing.trim().is_empty() {
                    self.doc.set_trailing("");
                    let gap = if trailing.ends_with("\n\n") { "" } else { "\n" };
                    table.decor_mut().set_prefix(format!("{trailing}{gap}"));
                } else if has_content {
                    table.decor_mut().set_prefix("\n");
                }
                let mut array = ArrayOfTables::new();
                array.push(table);
                self.doc.insert(key, Item::ArrayOfTables(array));
            }
        }
    }

    /// Takes the `[[key]]` table whose `id` is `id` out of the document,
    /// with the comment lines right above it (a comment belongs to the item
    /// below it). The file's header (every comment above the first table)
    /// and a comment set off from the item by a blank line stay where they
    /// were, on the next table or at the end.
    pub fn take(&mut self, key: &str, id: &str) -> Option<Table> {
        self.take_many(key, &std::collections::HashSet::from([id]))
            .remove(id)
    }

    /// Takes every `[[key]]` table whose `id` is in `ids` out of the
    /// document, as [`TomlDoc::take`] takes one, in one pass over the list
    /// (archiving a quarter of a long list moves thousands of tables).
    pub fn take_many(
        &mut self,
        key: &str,
        ids: &std::collections::HashSet<&str>,
    ) -> std::collections::HashMap<String, Table> {
        let mut taken = std::collections::HashMap::new();
        let Some(Item::ArrayOfTables(array)) = self.doc.get_mut(key) else {
            return taken;
        };
        let all = std::mem::replace(array, ArrayOfTables::new());
        // Header lines of taken tables, waiting for the next table kept.
        let mut carry = String::new();
        for mut table in all {
            let id = table.get("id").and_then(Item::as_str).map(str::to_string);
            match id {
                Some(id) if ids.contains(id.as_str()) && !taken.contains_key(&id) => {
                    let prefix = raw(table.decor().prefix()).to_string();
                    // Comments above the first table are the file's header.
                    let (header, own) = if array.is_empty() {
                        (prefix, String::new())
                    } else {
                        split_header(&prefix)
                    };
                    table.decor_mut().set_prefix(own);
                    if carry.is_empty() {
                        carry = header;
                    } else {
                        carry.push_str(header.trim_start_matches(['\r', '\n']));
                    }
                    taken.insert(id, table);
                }
                _ => {
                    if !carry.trim().is_empty() {
                        let rest = raw(table.decor().prefix())
                            .trim_start_matches(['\r', '\n'])
                            .to_string();
                        table.decor_mut().set_prefix(format!("{carry}{rest}"));
                    }
                    carry.clear();
                    array.push(table);
                }
            }
        }
        if !carry.trim().is_empty() {
            let trailing = raw(Some(self.doc.trailing())).to_string();
            self.doc.set_trailing(format!("{carry}{trailing}"));
        }
        taken
    }

    /// Appends a table taken from another file as it was written, its
    /// comments with it, set off by a blank line.
    pub fn append_moved(&mut self, key: &str, mut table: Table) {
        let own = raw(table.decor().prefix())
            .trim_start_matches(['\r', '\n'])
            .to_string();
        let has_content = !self.doc.as_table().is_empty();
        let trailing = raw(Some(self.doc.trailing())).to_string();
        let lead = if !has_content && !trailing.trim().is_empty() {
            // A fresh file's header comment stays on top.
            self.doc.set_trailing("");
            format!("{}\n\n", trailing.trim_end_matches(['\r', '\n']))
        } else if has_content {
            "\n".to_string()
        } else {
            String::new()
        };
        table.decor_mut().set_prefix(format!("{lead}{own}"));
        match self.doc.get_mut(key) {
            Some(Item::ArrayOfTables(array)) => array.push(table),
            _ => {
                let mut array = ArrayOfTables::new();
                array.push(table);
                self.doc.insert(key, Item::ArrayOfTables(array));
            }
        }
    }

    /// Deletes the item of array `key` whose `id` is `id`, with the comment
    /// lines right above it (as [`TomlDoc::take`]); true if it was there.
    pub fn delete(&mut self, key: &str, id: &str) -> bool {
        self.take(key, id).is_some() || self.remove(key, id)
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

/// One item of a list file opened for editing: the `[[key]]` table whose
/// `id` is `id`, parsed with the tables either side of it (where a deleted
/// item's comments go, as in [`TomlDoc::take`]), the rest of the file kept
/// as text and written back as it was. Marking one of 100,000 to-dos done held the
/// whole file's `toml_edit` document, 390 MB. A file that cannot be cut at
/// its tables (see [`table_starts`]), or whose text before the first table
/// sets `key` itself, is opened whole, as [`TomlDoc`] opens it.
pub struct TomlItem {
    /// The file's text without its byte order mark.
    body: String,
    /// Where the parsed part is in `body`.
    window: std::ops::Range<usize>,
    part: TomlDoc,
    key: String,
    id: String,
}

impl TomlItem {
    pub fn parse(file: &FileRef, text: &str, key: &str, id: &str) -> Result<TomlItem> {
        let window = item_window(without_bom(text), key, id);
        TomlItem::open(file, text, key, id, window)
    }

    /// The end of a list file, opened to append an item: its last table
    /// with the lines above it (a list that cannot be cut, or has no table
    /// yet, is opened whole).
    pub fn parse_end(file: &FileRef, text: &str, key: &str) -> Result<TomlItem> {
        let window = end_window(without_bom(text), key);
        TomlItem::open(file, text, key, "", window)
    }

    fn open(
        file: &FileRef,
        text: &str,
        key: &str,
        id: &str,
        window: Option<std::ops::Range<usize>>,
    ) -> Result<TomlItem> {
        let body = without_bom(text);
        let window = window.unwrap_or(0..body.len());
        let doc = body[window.clone()].parse::<DocumentMut>().map_err(|e| {
            let offset = window.start + e.span().map_or(0, |s| s.start);
            located_error(file, body, offset, e.message().trim())
        })?;
        Ok(TomlItem {
            body: body.to_string(),
            window,
            part: TomlDoc {
                doc,
                layout: TextLayout::of(text),
            },
            key: key.to_string(),
            id: id.to_string(),
        })
    }

    /// The item's table, as [`TomlDoc::find_mut`] finds it.
    pub fn table_mut(&mut self) -> Option<&mut dyn TableLike> {
        self.part.find_mut(&self.key, &self.id)
    }

    /// Appends a table at the end of the list, as [`TomlDoc::append`] does.
    pub fn append(&mut self, table: Table) {
        self.part.append(&self.key, table);
    }

    /// Deletes the item, as [`TomlDoc::delete`] does; true if it was there.
    pub fn delete(&mut self) -> bool {
        self.part.delete(&self.key, &self.id)
    }

    /// The whole file's text, as [`TomlDoc::to_text`] writes it.
    pub fn to_text(&self) -> String {
        let part = self.part.doc.to_string();
        let mut text = String::with_capacity(self.body.len() + part.len());
        text.push_str(&self.body[..self.window.start]);
        text.push_str(&part);
        text.push_str(&self.body[self.window.end..]);
        self.part.layout.apply(&text)
    }
}

/// The `[[key]]` tables of a list file that can be cut at them (see
/// [`list_headers`]) and whose text before the first table does not set
/// `key` itself; `None` otherwise, or when there is no table.
fn list_tables<'t>(body: &'t str, key: &str) -> Option<Vec<Header<'t>>> {
    let tables = list_headers(body, key)?;
    let head = body[..tables.first()?.start].parse::<DocumentMut>().ok()?;
    (!head.contains_key(key)).then_some(tables)
}

/// The last `[[key]]` table of `body`, from the lines above it to the end
/// (`None` as [`list_tables`] says).
fn end_window(body: &str, key: &str) -> Option<std::ops::Range<usize>> {
    Some(list_tables(body, key)?.last()?.lines_above..body.len())
}

/// The `[[key]]` table of `body` whose `id` is `id` with the tables either
/// side, from the lines above the first to the end of the last: `None` as
/// [`list_tables`] says, or when no table has that id (the whole is then
/// read, to find the same).
fn item_window(body: &str, key: &str, id: &str) -> Option<std::ops::Range<usize>> {
    let tables = list_tables(body, key)?;
    let start_of = |i: usize| tables.get(i).map_or(body.len(), |h| h.start);
    for i in 0..tables.len() {
        let piece = &body[start_of(i)..start_of(i + 1)];
        // An escape could spell the id in other characters.
        if !piece.contains(id) && !piece.contains('\\') {
            continue;
        }
        let doc = piece.parse::<DocumentMut>().ok()?;
        let first = doc.get(key).and_then(Item::as_array_of_tables);
        let piece_id = first.and_then(|a| a.get(0)).and_then(|t| t.get("id"));
        if piece_id.and_then(Item::as_str) == Some(id) {
            // With the blank and comment lines above, which toml_edit
            // gives the table (a file's header, when it is the first).
            return Some(tables[i.saturating_sub(1)].lines_above..start_of(i + 2));
        }
    }
    None
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

/// The text of a raw decor string (empty when absent).
fn raw(text: Option<&toml_edit::RawString>) -> &str {
    text.and_then(|t| t.as_str()).unwrap_or("")
}

/// Splits the text above a table into what belongs to the file or section
/// (up to the last blank line) and the comment lines right above the table.
fn split_header(prefix: &str) -> (String, String) {
    let lines: Vec<&str> = prefix.split_inclusive('\n').collect();
    match lines.iter().rposition(|l| l.trim().is_empty()) {
        Some(blank) => (lines[..=blank].concat(), lines[blank + 1..].concat()),
        None => (String::new(), prefix.to_string()),
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

/// Removes the string `text` from an array; the element that becomes the
/// first takes the old first's spacing (`["kim", "zoe"]` → `["zoe"]`, not
/// `[ "zoe"]`).
pub fn remove_string(array: &mut toml_edit::Array, text: &str) {
    let first = array.get(0).map(|v| v.decor().clone());
    array.retain(|v| v.as_str() != Some(text));
    if let (Some(decor), Some(new_first)) = (first, array.get_mut(0)) {
        *new_first.decor_mut() = decor;
    }
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

    /// Archiving 33,000 of 100,000 to-dos took six minutes when each was
    /// taken out by itself (a search and a shift of the list per table).
    #[test]
    fn taking_many_tables_at_once_leaves_what_taking_them_one_by_one_leaves() {
        let text = "# To-dos\n# kept on top\n\n[[todo]]\nid = \"a\"\n\n# about b\n[[todo]]\nid = \"b\"\n\n# set off\n\n# about c\n[[todo]]\nid = \"c\"\n\n[[todo]]\nid = \"d\"\n# trailing\n";
        let ids = ["a", "b", "c", "d"];
        for mask in 0..16u32 {
            let chosen: Vec<&str> = (0..4)
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| ids[i])
                .collect();
            let mut one_by_one = TomlDoc::parse(&file(), text).unwrap();
            let singles: Vec<String> = chosen
                .iter()
                .map(|id| one_by_one.take("todo", id).unwrap().to_string())
                .collect();
            let mut at_once = TomlDoc::parse(&file(), text).unwrap();
            let mut many = at_once.take_many("todo", &chosen.iter().copied().collect());
            let batch: Vec<String> = chosen
                .iter()
                .map(|id| many.remove(*id).unwrap().to_string())
                .collect();
            assert_eq!(at_once.to_text(), one_by_one.to_text(), "{chosen:?}");
            assert_eq!(batch, singles, "{chosen:?}");
        }
    }

    #[test]
    fn header_comment_stays_on_top_of_a_fresh_list() {
        let header = "# To-dos: 7-day action items.\n# One [[todo]] per item.\n";
        let mut doc = TomlDoc::parse(&file(), header).unwrap();
        for id in ["a", "b"] {
            let mut t = Table::new();
            t.insert("id", toml_edit::value(id));
            doc.append("todo", t);
        }
        assert_eq!(
            doc.to_text(),
            format!("{header}\n[[todo]]\nid = \"a\"\n\n[[todo]]\nid = \"b\"\n")
        );
    }

    proptest::proptest! {
        /// Editing one item of a list file, the rest kept as text, writes
        /// what editing the whole document writes.
        #[test]
        fn an_item_edited_alone_writes_what_the_whole_document_writes(
            text in crate::store::parse::tests::list_files(),
            crlf: bool,
            no_final_newline: bool,
            pick in 0..7usize,
            edit in 0..6usize,
        ) {
            let mut text = if crlf { text.replace('\n', "\r\n") } else { text };
            if no_final_newline {
                text.truncate(text.trim_end().len());
            }
            let id = format!("t{pick}");
            let change = |table: Option<&mut dyn TableLike>| {
                let Some(table) = table else { return false };
                match edit {
                    0 => set(
                        table,
                        "done",
                        toml_edit::Date {
                            year: 2026,
                            month: 2,
                            day: 3,
                        },
                    ),
                    1 => set(table, "title", "New \"title\""),
                    2 => unset(table, "done"),
                    _ => {}
                }
                true
            };
            let Ok(mut whole) = TomlDoc::parse(&file(), &text) else {
                // A file that does not parse is refused when first read.
                return Ok(());
            };
            if edit == 5 {
                let mut table = Table::new();
                table.insert("id", toml_edit::value("new"));
                table.insert("title", toml_edit::value("Appended"));
                let mut end = TomlItem::parse_end(&file(), &text, "todo").expect("parses");
                end.append(table.clone());
                whole.append("todo", table);
                proptest::prop_assert_eq!(end.to_text(), whole.to_text(), "{}", text);
                return Ok(());
            }
            let mut item = TomlItem::parse(&file(), &text, "todo", &id).expect("parses");
            if edit == 4 {
                proptest::prop_assert_eq!(item.delete(), whole.delete("todo", &id));
            } else {
                proptest::prop_assert_eq!(
                    change(item.table_mut()),
                    change(whole.find_mut("todo", &id))
                );
            }
            proptest::prop_assert_eq!(item.to_text(), whole.to_text(), "{}", text);
        }
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
    fn line_endings_follow_the_files_convention() {
        let edit = |text: &str| {
            let mut doc = TomlDoc::parse(&file(), text).unwrap();
            doc.doc.insert("z", toml_edit::value(1));
            doc.to_text()
        };
        // Most lines CRLF, one LF: all CRLF, the new line too.
        assert_eq!(
            edit("a = 1\r\nb = 2\r\nc = 3\n"),
            "a = 1\r\nb = 2\r\nc = 3\r\nz = 1\r\n"
        );
        // Most lines LF, one CRLF: all LF.
        assert_eq!(
            edit("a = 1\nb = 2\r\nc = 3\n"),
            "a = 1\nb = 2\nc = 3\nz = 1\n"
        );
        // As many each way: the first line decides.
        assert_eq!(edit("a = 1\r\nb = 2\n"), "a = 1\r\nb = 2\r\nz = 1\r\n");
        assert_eq!(
            edit("\u{feff}a = 1\nb = 2\r\n"),
            "\u{feff}a = 1\nb = 2\nz = 1\n"
        );
    }

    #[test]
    fn bom_is_kept() {
        let doc = TomlDoc::parse(&file(), "\u{feff}a = 1\n").unwrap();
        assert_eq!(doc.to_text(), "\u{feff}a = 1\n");
    }
}
