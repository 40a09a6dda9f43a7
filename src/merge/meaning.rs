//! What a TOML value means, apart from how it is written: two versions are
//! the same when they hold the same data, whatever their comments, spacing,
//! quoting, key order or table style (`[t]` or `t = { }`).

use toml_edit::{Array, Item, TableLike, Value};

pub fn same_item(a: &Item, b: &Item) -> bool {
    match (a, b) {
        (Item::None, Item::None) => true,
        (Item::Value(a), Item::Value(b)) => same_value(a, b),
        (Item::ArrayOfTables(a), Item::ArrayOfTables(b)) => {
            a.len() == b.len() && a.iter().zip(b.iter()).all(|(a, b)| same_table(a, b))
        }
        (Item::ArrayOfTables(tables), Item::Value(Value::Array(array)))
        | (Item::Value(Value::Array(array)), Item::ArrayOfTables(tables)) => {
            tables.len() == array.len()
                && tables.iter().zip(array.iter()).all(|(t, v)| {
                    v.as_inline_table()
                        .is_some_and(|inline| same_table(t, inline))
                })
        }
        _ => match (a.as_table_like(), b.as_table_like()) {
            (Some(a), Some(b)) => same_table(a, b),
            _ => false,
        },
    }
}

pub fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(a), Value::String(b)) => a.value() == b.value(),
        (Value::Integer(a), Value::Integer(b)) => a.value() == b.value(),
        (Value::Float(a), Value::Float(b)) => a.value().to_bits() == b.value().to_bits(),
        (Value::Boolean(a), Value::Boolean(b)) => a.value() == b.value(),
        (Value::Datetime(a), Value::Datetime(b)) => a.value() == b.value(),
        (Value::Array(a), Value::Array(b)) => same_array(a, b),
        (Value::InlineTable(a), Value::InlineTable(b)) => same_table(a, b),
        _ => false,
    }
}

fn same_array(a: &Array, b: &Array) -> bool {
    a.len() == b.len() && a.iter().zip(b.iter()).all(|(a, b)| same_value(a, b))
}

pub fn same_table(a: &dyn TableLike, b: &dyn TableLike) -> bool {
    a.len() == b.len()
        && a.iter()
            .filter(|(_, item)| !item.is_none())
            .all(|(key, item)| b.get(key).is_some_and(|other| same_item(item, other)))
}

/// A text that two items share exactly when they are the same by meaning:
/// what sequences are compared by.
#[cfg(test)]
pub fn fingerprint(item: &Item) -> String {
    let mut out = String::new();
    write_item(item, &mut out);
    out
}

pub fn fingerprint_value(value: &Value) -> String {
    let mut out = String::new();
    write_value(value, &mut out);
    out
}

pub fn fingerprint_table(table: &dyn TableLike) -> String {
    let mut out = String::new();
    write_table(table, &mut out);
    out
}

fn write_item(item: &Item, out: &mut String) {
    match item {
        Item::None => out.push('_'),
        Item::Value(value) => write_value(value, out),
        Item::ArrayOfTables(tables) => {
            out.push('[');
            for table in tables.iter() {
                write_table(table, out);
                out.push(',');
            }
            out.push(']');
        }
        Item::Table(table) => write_table(table, out),
    }
}

fn write_value(value: &Value, out: &mut String) {
    use std::fmt::Write;
    // Each kind is tagged so that `"1"` and `1` differ; strings are written
    // with Rust's escapes so that no string can look like structure.
    let _ = match value {
        Value::String(s) => write!(out, "s{:?}", s.value()),
        Value::Integer(i) => write!(out, "i{}", i.value()),
        Value::Float(f) => write!(out, "f{:x}", f.value().to_bits()),
        Value::Boolean(b) => write!(out, "b{}", b.value()),
        Value::Datetime(d) => write!(out, "d{}", d.value()),
        Value::Array(array) => {
            out.push('[');
            for value in array.iter() {
                write_value(value, out);
                out.push(',');
            }
            out.push(']');
            Ok(())
        }
        Value::InlineTable(table) => {
            write_table(table, out);
            Ok(())
        }
    };
}

fn write_table(table: &dyn TableLike, out: &mut String) {
    let mut entries: Vec<(&str, &Item)> =
        table.iter().filter(|(_, item)| !item.is_none()).collect();
    entries.sort_by_key(|(key, _)| *key);
    out.push('{');
    for (key, item) in entries {
        out.push_str(&format!("{key:?}="));
        write_item(item, out);
        out.push(',');
    }
    out.push('}');
}

#[cfg(test)]
mod tests {
    use super::*;
    use toml_edit::DocumentMut;

    fn doc(text: &str) -> DocumentMut {
        text.parse().unwrap()
    }

    #[test]
    fn formatting_is_not_meaning() {
        let a = doc("[t] # note\nb = 'x'\na = [1,2]\n");
        let b = doc("t = { a = [ 1, 2 ], b = \"x\" }\n");
        assert!(same_item(&a["t"], &b["t"]));
        assert_eq!(fingerprint(&a["t"]), fingerprint(&b["t"]));
        let c = doc("t = { a = [1, 2], b = \"y\" }\n");
        assert!(!same_item(&a["t"], &c["t"]));
        assert_ne!(fingerprint(&a["t"]), fingerprint(&c["t"]));
    }

    #[test]
    fn kinds_differ() {
        let a = doc("x = \"1\"\ny = 1\nz = 1.0\nd = 2026-01-01\ns = \"2026-01-01\"\n");
        assert!(!same_item(&a["x"], &a["y"]));
        assert!(!same_item(&a["y"], &a["z"]));
        assert!(!same_item(&a["d"], &a["s"]));
        assert_ne!(fingerprint(&a["d"]), fingerprint(&a["s"]));
    }

    #[test]
    fn lists_of_tables_in_either_style() {
        let a = doc("[[todo]]\nid = \"a\"\n\n[[todo]]\nid = \"b\"\n");
        let b = doc("todo = [{ id = \"a\" }, { id = \"b\" }]\n");
        assert!(same_item(&a["todo"], &b["todo"]));
        assert_eq!(fingerprint(&a["todo"]), fingerprint(&b["todo"]));
    }
}
