//! `todos.toml`: 7-day action items.

use super::time::Date;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize, Default)]
pub struct TodosFile {
    #[serde(default)]
    pub todo: Vec<Todo>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Todo {
    pub id: String,
    pub title: String,
    #[serde(default, serialize_with = "super::absent::empty_as_null")]
    pub owner: String,
    pub created: Option<Date>,
    pub due: Option<Date>,
    pub done: Option<Date>,
    pub issue: Option<String>,
}

impl Todo {
    /// The due date, defaulting to a week after creation.
    pub fn due_date(&self) -> Option<NaiveDate> {
        self.due
            .map(|d| d.0)
            .or_else(|| self.created.map(|c| c.0 + Days::new(7)))
    }

    pub fn is_done(&self) -> bool {
        self.done.is_some()
    }

    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        !self.is_done() && self.due_date().is_some_and(|due| due < today)
    }

    /// Done by its due date.
    pub fn done_on_time(&self) -> bool {
        match (self.done, self.due_date()) {
            (Some(done), Some(due)) => done.0 <= due,
            (Some(_), None) => true,
            _ => false,
        }
    }
}

/// To-do completion over to-dos due in `(from, to]`: done on time / due, in percent.
/// EOS aims at 90%.
pub fn completion(todos: &[Todo], from: NaiveDate, to: NaiveDate) -> Option<(usize, usize)> {
    let due: Vec<&Todo> = todos
        .iter()
        .filter(|t| t.due_date().is_some_and(|d| d > from && d <= to))
        .collect();
    (!due.is_empty()).then(|| (due.iter().filter(|t| t.done_on_time()).count(), due.len()))
}
