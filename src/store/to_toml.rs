//! The one conversion from a model item to the TOML table that writes it,
//! per type (as cargo's `Dependency::to_toml`): every add goes through it,
//! so an item is never built twice, once as a struct and once as a table.

use super::edit::string;
use crate::model::issue::Issue;
use crate::model::rock::{Milestone, Rock};
use crate::model::seats::Seat;
use crate::model::time::{Date, toml_date};
use crate::model::todo::Todo;
use toml_edit::{Array, InlineTable, Item, Table, Value};

/// An item of a `[[KEY]]` list file, and the table it is written as: keys
/// in the order people read them, absent values left out.
pub trait ToToml {
    /// The array-of-tables key of its file (`todo` for `[[todo]]`).
    const KEY: &'static str;
    fn to_toml(&self) -> Table;
}

/// A table from keys and values, in order, skipping absent ones.
pub fn table(pairs: Vec<(&str, Option<Value>)>) -> Table {
    let mut t = Table::new();
    for (key, value) in pairs {
        if let Some(value) = value {
            t.insert(key, Item::Value(value));
        }
    }
    t
}

/// An array of strings, on one line.
pub fn strings(values: &[String]) -> Value {
    Value::Array(values.iter().map(|v| string(v)).collect::<Array>())
}

fn date(d: Option<Date>) -> Option<Value> {
    d.map(|d| toml_date(d.0))
}

fn text(s: &str) -> Option<Value> {
    (!s.is_empty()).then(|| string(s))
}

impl ToToml for Todo {
    const KEY: &'static str = "todo";
    fn to_toml(&self) -> Table {
        table(vec![
            ("id", Some(string(&self.id))),
            ("title", Some(string(&self.title))),
            ("owner", Some(string(&self.owner))),
            ("created", date(self.created)),
            ("due", date(self.due)),
            ("done", date(self.done)),
            ("issue", self.issue.as_deref().map(string)),
        ])
    }
}

impl ToToml for Issue {
    const KEY: &'static str = "issue";
    fn to_toml(&self) -> Table {
        table(vec![
            ("id", Some(string(&self.id))),
            ("title", Some(string(&self.title))),
            ("owner", text(&self.owner)),
            ("term", Some(string(self.term.as_str()))),
            ("created", date(self.created)),
            ("priority", self.priority.map(|p| Value::from(i64::from(p)))),
            ("status", Some(string(self.status.as_str()))),
            ("solved", date(self.solved)),
            ("resolution", self.resolution.as_deref().map(string)),
            ("from", self.from.as_deref().map(string)),
        ])
    }
}

/// A milestone as one inline table.
pub fn milestone(m: &Milestone) -> Value {
    let mut t = InlineTable::new();
    t.insert("title", string(&m.title));
    if let Some(due) = m.due {
        t.insert("due", toml_date(due.0));
    }
    t.insert("done", Value::from(m.done));
    Value::InlineTable(t)
}

impl ToToml for Rock {
    const KEY: &'static str = "rock";
    fn to_toml(&self) -> Table {
        let mut milestones = Array::new();
        for m in &self.milestones {
            let mut value = milestone(m);
            value.decor_mut().set_prefix("\n  ");
            milestones.push_formatted(value);
        }
        if !milestones.is_empty() {
            milestones.set_trailing("\n");
            milestones.set_trailing_comma(true);
        }
        table(vec![
            ("id", Some(string(&self.id))),
            ("title", Some(string(&self.title))),
            ("owner", Some(string(&self.owner))),
            ("company", Some(Value::from(self.company))),
            ("status", Some(string(self.status.as_str()))),
            ("due", date(self.due)),
            (
                "milestones",
                (!milestones.is_empty()).then_some(Value::Array(milestones)),
            ),
            ("rolled_from", self.rolled_from.as_deref().map(string)),
            ("rolled_to", self.rolled_to.as_deref().map(string)),
            ("issue", self.issue.as_deref().map(string)),
            ("todo", self.todo.as_deref().map(string)),
        ])
    }
}

impl ToToml for Seat {
    const KEY: &'static str = "seat";
    fn to_toml(&self) -> Table {
        table(vec![
            ("id", Some(string(&self.id))),
            ("name", Some(string(&self.name))),
            ("reports_to", self.reports_to.as_deref().map(string)),
            ("people", Some(strings(&self.people))),
            ("roles", Some(strings(&self.roles))),
        ])
    }
}

/// A measurable as written: the goal as its text, the unit only when set.
pub struct MeasurableRow<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub owner: &'a str,
    pub goal: String,
    pub unit: &'a str,
    pub source: Option<&'a str>,
    /// The first week it is kept (`scorecard add`: the scorecard week).
    pub since: Option<String>,
}

impl ToToml for MeasurableRow<'_> {
    const KEY: &'static str = "measurable";
    fn to_toml(&self) -> Table {
        table(vec![
            ("id", Some(string(self.id))),
            ("name", Some(string(self.name))),
            ("owner", Some(string(self.owner))),
            ("goal", Some(string(&self.goal))),
            ("unit", text(self.unit)),
            ("source", self.source.and_then(text)),
            ("since", self.since.as_deref().map(string)),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::todo::TodosFile;

    /// What an add writes reads back as the item it was made from.
    #[test]
    fn a_todo_reads_back_as_written() {
        let todo = Todo {
            id: "call".into(),
            title: "Call \"Acme\"".into(),
            owner: "amy".into(),
            created: Some(Date(chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap())),
            due: Some(Date(chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap())),
            done: None,
            issue: Some("churn".into()),
        };
        let mut doc = toml_edit::DocumentMut::new();
        let mut array = toml_edit::ArrayOfTables::new();
        array.push(todo.to_toml());
        doc.insert("todo", Item::ArrayOfTables(array));
        let back: TodosFile = toml::from_str(&doc.to_string()).unwrap();
        assert_eq!(back.todo, vec![todo]);
    }
}
