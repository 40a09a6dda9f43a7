//! A small form typed on the meeting screen: text fields and choices, an
//! optional row of buttons, an error line. It knows keys, not terminals:
//! Tab/↓/Enter go to the next field, Shift-Tab/↑ back, ←/→ change a
//! choice, Esc cancels; Enter on the last field (or on a button, or a
//! button's letter on the button row) submits. To-do rows grow: leaving a
//! filled-in last to-do opens another, leaving an empty one goes to the
//! buttons.

use super::event::Key;

/// What the form is for; the state machine turns its fields into an action.
#[derive(Debug, Clone, PartialEq)]
pub enum FormKind {
    Headline,
    /// IDS on one issue: its resolution and to-dos, then solve, drop or keep.
    Ids {
        id: String,
    },
    NewIssue,
    Cascade,
    Rating {
        handle: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    /// (value, label) pairs and the one chosen.
    Choice {
        options: Vec<(String, String)>,
        index: usize,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub label: String,
    pub value: Value,
}

impl Field {
    pub fn text(label: impl Into<String>, text: impl Into<String>) -> Field {
        Field {
            label: label.into(),
            value: Value::Text(text.into()),
        }
    }

    pub fn choice(label: impl Into<String>, options: Vec<(String, String)>, chosen: &str) -> Field {
        let index = options.iter().position(|(v, _)| v == chosen).unwrap_or(0);
        Field {
            label: label.into(),
            value: Value::Choice { options, index },
        }
    }

    /// The text typed, or the value chosen.
    pub fn get(&self) -> &str {
        match &self.value {
            Value::Text(t) => t,
            Value::Choice { options, index } => options.get(*index).map_or("", |o| o.0.as_str()),
        }
    }
}

/// A button: the letter that presses it on the button row, and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Button {
    pub key: char,
    pub label: &'static str,
}

/// To-do rows that grow: a new one appears when the last is filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct TodoRows {
    /// The index of the first to-do's title field; each to-do is three
    /// fields (title, owner, due) up to the end of the fields.
    pub first: usize,
    pub owners: Vec<(String, String)>,
    pub owner: String,
    pub due: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub kind: FormKind,
    pub heading: String,
    pub fields: Vec<Field>,
    /// The field with the cursor; `fields.len()` is the button row.
    pub focus: usize,
    pub buttons: Vec<Button>,
    pub button: usize,
    pub error: Option<String>,
    pub todos: Option<TodoRows>,
}

/// What a key did to a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormInput {
    Stay,
    Cancel,
    /// Submitted; with the button pressed, if the form has buttons.
    Submit(Option<char>),
}

impl Form {
    pub fn new(kind: FormKind, heading: impl Into<String>, fields: Vec<Field>) -> Form {
        Form {
            kind,
            heading: heading.into(),
            fields,
            focus: 0,
            buttons: Vec::new(),
            button: 0,
            error: None,
            todos: None,
        }
    }

    pub fn with_buttons(mut self, buttons: Vec<Button>) -> Form {
        self.buttons = buttons;
        self
    }

    /// Adds the first to-do row; more appear as each is filled in.
    pub fn with_todos(mut self, owners: Vec<(String, String)>, owner: &str, due: &str) -> Form {
        let rows = TodoRows {
            first: self.fields.len(),
            owners,
            owner: owner.to_string(),
            due: due.to_string(),
        };
        self.todos = Some(rows);
        self.add_todo_row();
        self
    }

    fn add_todo_row(&mut self) {
        let Some(rows) = &self.todos else { return };
        let n = (self.fields.len() - rows.first) / 3 + 1;
        let fields = [
            Field::text(format!("To-do {n}"), ""),
            Field::choice("  owner", rows.owners.clone(), &rows.owner),
            Field::text("  due", rows.due.clone()),
        ];
        self.fields.extend(fields);
    }

    /// The to-dos typed, as (title, owner, due) with a title.
    pub fn todo_rows(&self) -> Vec<(&str, &str, &str)> {
        let Some(rows) = &self.todos else {
            return Vec::new();
        };
        self.fields[rows.first..]
            .chunks(3)
            .filter(|c| c.len() == 3 && !c[0].get().trim().is_empty())
            .map(|c| (c[0].get().trim(), c[1].get(), c[2].get().trim()))
            .collect()
    }

    /// The trimmed text of field `i`.
    pub fn text(&self, i: usize) -> &str {
        self.fields.get(i).map_or("", |f| f.get().trim())
    }

    pub fn on_buttons(&self) -> bool {
        self.focus >= self.fields.len()
    }

    pub fn key(&mut self, key: Key) -> FormInput {
        match key {
            Key::Esc => return FormInput::Cancel,
            Key::Tab | Key::Down => self.next(),
            Key::BackTab | Key::Up => self.focus = self.focus.saturating_sub(1),
            Key::Enter if self.on_buttons() => {
                return FormInput::Submit(self.buttons.get(self.button).map(|b| b.key));
            }
            Key::Enter if self.buttons.is_empty() && self.focus + 1 == self.fields.len() => {
                return FormInput::Submit(None);
            }
            Key::Enter => self.next(),
            _ if self.on_buttons() => return self.button_key(key),
            _ => self.field_key(key),
        }
        FormInput::Stay
    }

    fn next(&mut self) {
        let last_title = self
            .todos
            .as_ref()
            .map(|rows| rows.first + (self.fields.len() - rows.first) / 3 * 3 - 3);
        // An empty last to-do: nothing more to type, on to the buttons.
        if let Some(title) = last_title
            && self.focus == title
            && self.fields[title].get().trim().is_empty()
            && !self.buttons.is_empty()
        {
            self.focus = self.fields.len();
            return;
        }
        // Leaving a filled-in last to-do opens the next one.
        if let Some(title) = last_title
            && self.focus >= title
            && self.focus + 1 == self.fields.len()
            && !self.fields[title].get().trim().is_empty()
        {
            self.add_todo_row();
        }
        let end = if self.buttons.is_empty() {
            self.fields.len().saturating_sub(1)
        } else {
            self.fields.len()
        };
        self.focus = (self.focus + 1).min(end);
    }

    fn button_key(&mut self, key: Key) -> FormInput {
        let n = self.buttons.len().max(1);
        match key {
            Key::Left => self.button = (self.button + n - 1) % n,
            Key::Right => self.button = (self.button + 1) % n,
            Key::Char(c) => {
                if let Some(b) = self.buttons.iter().find(|b| b.key == c) {
                    return FormInput::Submit(Some(b.key));
                }
            }
            _ => {}
        }
        FormInput::Stay
    }

    fn field_key(&mut self, key: Key) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        match &mut field.value {
            Value::Text(text) => match key {
                Key::Char(c) => text.push(c),
                Key::Backspace => {
                    text.pop();
                }
                Key::Clear => text.clear(),
                _ => {}
            },
            Value::Choice { options, index } => {
                let n = options.len().max(1);
                match key {
                    Key::Left => *index = (*index + n - 1) % n,
                    Key::Right | Key::Char(' ') => *index = (*index + 1) % n,
                    // A letter jumps to the next option that starts with it.
                    Key::Char(c) => {
                        let c = c.to_ascii_lowercase();
                        if let Some(i) = (1..=n).map(|k| (*index + k) % n).find(|&i| {
                            options[i].0.to_ascii_lowercase().starts_with(c)
                                || options[i].1.to_ascii_lowercase().starts_with(c)
                        }) {
                            *index = i;
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people() -> Vec<(String, String)> {
        ["amy", "ian", "zoe"]
            .iter()
            .map(|h| (h.to_string(), h.to_uppercase()))
            .collect()
    }

    fn typed(form: &mut Form, text: &str) {
        for c in text.chars() {
            form.key(Key::Char(c));
        }
    }

    #[test]
    fn enter_on_the_last_field_submits_a_form_without_buttons() {
        let mut form = Form::new(
            FormKind::Headline,
            "Headline",
            vec![
                Field::text("Text", ""),
                Field::choice("By", people(), "ian"),
            ],
        );
        typed(&mut form, "Acme renewed");
        form.key(Key::Backspace);
        assert_eq!(form.key(Key::Enter), FormInput::Stay);
        assert_eq!(form.fields[1].get(), "ian");
        form.key(Key::Right);
        assert_eq!(form.fields[1].get(), "zoe");
        form.key(Key::Char('a'));
        assert_eq!(form.fields[1].get(), "amy");
        assert_eq!(form.key(Key::Enter), FormInput::Submit(None));
        assert_eq!(form.text(0), "Acme renewe");
        assert_eq!(form.key(Key::Esc), FormInput::Cancel);
    }

    #[test]
    fn todo_rows_grow_as_they_are_filled_and_buttons_take_letters() {
        let mut form = Form::new(
            FormKind::Ids { id: "x".into() },
            "IDS",
            vec![Field::text("Resolution", "")],
        )
        .with_buttons(vec![
            Button {
                key: 's',
                label: "solve",
            },
            Button {
                key: 'd',
                label: "drop",
            },
        ])
        .with_todos(people(), "ian", "2026-12-03");
        assert_eq!(form.fields.len(), 4);
        typed(&mut form, "Call them");
        form.key(Key::Tab);
        typed(&mut form, "Call the ten largest");
        form.key(Key::Tab);
        form.key(Key::Char('z'));
        form.key(Key::Tab);
        assert_eq!(form.fields.len(), 4);
        form.key(Key::Tab);
        // The filled-in to-do opened a second one instead of the buttons.
        assert_eq!(form.fields.len(), 7);
        assert_eq!(form.focus, 4);
        form.key(Key::Tab);
        form.key(Key::Tab);
        form.key(Key::Tab);
        assert!(form.on_buttons());
        assert_eq!(form.key(Key::Char('x')), FormInput::Stay);
        form.key(Key::Right);
        assert_eq!(form.key(Key::Enter), FormInput::Submit(Some('d')));
        assert_eq!(form.key(Key::Char('s')), FormInput::Submit(Some('s')));
        assert_eq!(
            form.todo_rows(),
            vec![("Call the ten largest", "zoe", "2026-12-03")]
        );
        form.key(Key::BackTab);
        assert_eq!(form.focus, 6);
    }
}
