//! Where a TOML conflict is written: around the smallest whole thing that
//! holds it — an item of a `[[list]]`, else a key of a `[table]` (its line,
//! or its whole table) — with each side's version of that thing between
//! git's markers. A placeholder holds its place in the merged document
//! until the document is written out as text.

use toml_edit::{ArrayOfTables, Decor, DocumentMut, Item, Key, Table, Value};

/// A thing conflict markers go around.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Keys of the tables it sits in, from the top of the file.
    pub tables: Vec<String>,
    pub target: Target,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A key of the table: its line, or its whole table or list.
    Key(String),
    /// The item whose id is `id` in the list `[[list]]` of the table.
    Item { list: String, id: String },
}

/// How a unit is written: one line, or table blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Line,
    Table,
    List,
}

impl Unit {
    pub fn key(tables: &[String], key: &str) -> Unit {
        Unit {
            tables: tables.to_vec(),
            target: Target::Key(key.to_string()),
        }
    }

    pub fn item(tables: &[String], list: &str, id: &str) -> Unit {
        Unit {
            tables: tables.to_vec(),
            target: Target::Item {
                list: list.to_string(),
                id: id.to_string(),
            },
        }
    }

    /// How messages name it: `todo "call-acme"`, `meeting.weekday`.
    pub fn name(&self) -> String {
        let mut path = self.tables.clone();
        match &self.target {
            Target::Key(key) => {
                path.push(key.clone());
                path.join(".")
            }
            Target::Item { list, id } => {
                path.push(list.clone());
                format!("{} {id:?}", path.join("."))
            }
        }
    }

    /// The unit's shape in `doc`, if `doc` has it.
    pub fn shape_in(&self, doc: &DocumentMut) -> Option<Shape> {
        let table = table_at(doc, &self.tables)?;
        match &self.target {
            Target::Item { list, id } => find(table, list, id).map(|_| Shape::Table),
            Target::Key(key) => match table.get(key)? {
                Item::Value(_) => Some(Shape::Line),
                Item::Table(_) => Some(Shape::Table),
                Item::ArrayOfTables(_) => Some(Shape::List),
                Item::None => None,
            },
        }
    }

    /// The unit as `doc` writes it, comments above it included; empty when
    /// `doc` does not have it.
    pub fn render(&self, doc: &DocumentMut) -> String {
        let Some(table) = table_at(doc, &self.tables) else {
            return String::new();
        };
        let mut holder = Table::new();
        holder.set_implicit(true);
        match &self.target {
            Target::Key(key) => match table.get_key_value(key) {
                // A line stands alone: no table header above it.
                Some((key, item @ Item::Value(_))) => {
                    let mut line = DocumentMut::new();
                    line.insert_formatted(key, item.clone());
                    return line.to_string();
                }
                Some((key, item)) => {
                    holder.insert_formatted(key, item.clone());
                }
                None => return String::new(),
            },
            Target::Item { list, id } => {
                let Some(item) = find(table, list, id) else {
                    return String::new();
                };
                let mut array = ArrayOfTables::new();
                array.push(item.clone());
                holder.insert(list, Item::ArrayOfTables(array));
            }
        }
        nest(&self.tables, holder).to_string()
    }

    /// Puts a placeholder for the unit in `doc` (where the unit is, or at
    /// the end of its table or list): a line `#TOKEN` above one line that
    /// [`fill`] replaces with the conflict block. False when the tables the
    /// unit sits in are not there.
    pub fn place(&self, doc: &mut DocumentMut, shape: Shape, token: &str) -> bool {
        let Some(table) = table_at_mut(doc, &self.tables) else {
            return false;
        };
        let marked = || Decor::new(format!("#{token}\n"), "");
        let placeholder = |position: Option<isize>| {
            let mut table = Table::new();
            *table.decor_mut() = marked();
            table.set_position(position);
            table
        };
        match &self.target {
            Target::Key(key) => {
                let position = match table.get(key) {
                    Some(Item::Table(old)) => old.position(),
                    Some(Item::ArrayOfTables(old)) => old.get(0).and_then(Table::position),
                    _ => None,
                };
                let (key, item) = match shape {
                    Shape::Line => (
                        Key::new(key.as_str())
                            .with_leaf_decor(Decor::new(format!("#{token}\n"), " ")),
                        Item::Value(Value::from(0)),
                    ),
                    Shape::Table => (Key::new(key.as_str()), Item::Table(placeholder(position))),
                    Shape::List => {
                        let mut array = ArrayOfTables::new();
                        array.push(placeholder(position));
                        (Key::new(key.as_str()), Item::ArrayOfTables(array))
                    }
                };
                table.insert_formatted(&key, item);
            }
            Target::Item { list, id } => match table.get_mut(list) {
                Some(Item::ArrayOfTables(array)) => {
                    let at = array
                        .iter()
                        .position(|t| t.get("id").and_then(Item::as_str) == Some(id));
                    match at.and_then(|i| array.get_mut(i)) {
                        Some(old) => *old = placeholder(old.position()),
                        None => array.push(placeholder(None)),
                    }
                }
                None => {
                    let mut array = ArrayOfTables::new();
                    array.push(placeholder(None));
                    table.insert(list, Item::ArrayOfTables(array));
                }
                Some(_) => return false,
            },
        }
        true
    }
}

/// Replaces each placeholder (`#TOKEN` and the line below it) in `text`
/// with its block; returns the text and where each block's first marker
/// is. `None` when a placeholder is missing or found twice.
pub fn fill(text: &str, blocks: &[(String, String)]) -> Option<(String, Vec<usize>)> {
    let mut spans = Vec::with_capacity(blocks.len());
    for (i, (token, _)) in blocks.iter().enumerate() {
        let needle = format!("#{token}\n");
        let mut found = text.match_indices(&needle).map(|(at, _)| at);
        let start = found.next()?;
        if found.next().is_some() {
            return None;
        }
        let below = start + needle.len();
        let end = text[below..]
            .find('\n')
            .map_or(text.len(), |e| below + e + 1);
        spans.push((start, end, i));
    }
    spans.sort_unstable();
    let mut out =
        String::with_capacity(text.len() + blocks.iter().map(|b| b.1.len()).sum::<usize>());
    let mut starts = vec![0; blocks.len()];
    let mut done = 0;
    for (start, end, i) in spans {
        if start < done {
            return None;
        }
        out.push_str(&text[done..start]);
        let block = &blocks[i].1;
        starts[i] = out.len() + block.find(super::markers::OURS).unwrap_or(0);
        out.push_str(block);
        done = end;
    }
    out.push_str(&text[done..]);
    Some((out, starts))
}

fn table_at<'d>(doc: &'d DocumentMut, tables: &[String]) -> Option<&'d Table> {
    tables
        .iter()
        .try_fold(doc.as_table(), |table, key| table.get(key)?.as_table())
}

fn table_at_mut<'d>(doc: &'d mut DocumentMut, tables: &[String]) -> Option<&'d mut Table> {
    tables.iter().try_fold(doc.as_table_mut(), |table, key| {
        table.get_mut(key)?.as_table_mut()
    })
}

/// A new document holding `inner` at `tables`, inside implicit tables so
/// that only the unit's own headers are written.
fn nest(tables: &[String], inner: Table) -> DocumentMut {
    let table = tables.iter().rev().fold(inner, |table, key| {
        let mut outer = Table::new();
        outer.set_implicit(true);
        outer.insert(key, Item::Table(table));
        outer
    });
    DocumentMut::from(table)
}

fn find<'t>(table: &'t Table, list: &str, id: &str) -> Option<&'t Table> {
    table
        .get(list)?
        .as_array_of_tables()?
        .iter()
        .find(|t| t.get("id").and_then(Item::as_str) == Some(id))
}
