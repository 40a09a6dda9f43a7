//! Each section's own keys on the meeting screen, and the forms they open
//! turned into actions (validated here, so a bad date or rating keeps the
//! form open with the reason).

use super::event::{Action, Key, Step, TodoDraft};
use super::form::{Button, Field, Form, FormKind};
use super::state::{Mode, Run};
use crate::model::level10::Section;
use crate::model::meeting::{HeadlineKind, parse_rating};
use crate::model::rock::RockStatus;
use crate::model::time::parse_date;
use chrono::Days;

impl Run {
    pub(super) fn section_key(&mut self, section: Section, key: Key) -> Step {
        match section {
            Section::Segue => self.segue_key(key),
            Section::Scorecard => self.scorecard_key(key),
            Section::Rocks => self.rocks_key(key),
            Section::Headlines => self.headlines_key(key),
            Section::Todos => self.todos_key(key),
            Section::Ids => self.ids_key(key),
            Section::Conclude => self.conclude_key(key),
        }
    }

    fn segue_key(&mut self, key: Key) -> Step {
        if !matches!(key, Key::Enter | Key::Char('x')) {
            return Step::Nothing;
        }
        let Some(person) = self.board.people.get(self.selected()) else {
            return Step::Nothing;
        };
        let present = !self.board.attendees.contains(&person.handle);
        let handle = person.handle.clone();
        self.act(Action::Attend { handle, present })
    }

    fn scorecard_key(&mut self, key: Key) -> Step {
        if key != Key::Char('i') {
            return Step::Nothing;
        }
        let Some(line) = self.board.agenda.scorecard.get(self.selected()) else {
            return Step::Nothing;
        };
        if line.hit != Some(false) {
            self.warn("only a missed measurable drops to the issues list");
            return Step::Nothing;
        }
        self.raise("missed-measurable", &line.id.clone())
    }

    /// Puts a drop-down candidate on the issues list, once.
    fn raise(&mut self, kind: &str, id: &str) -> Step {
        if self.board.is_raised(kind, id) {
            self.warn("already on the issues list");
            return Step::Nothing;
        }
        let Some(c) = self.board.candidate(kind, id) else {
            return Step::Nothing;
        };
        let action = Action::RaiseIssue {
            title: c.issue_title(),
            owner: c.owner.clone(),
        };
        self.act(action)
    }

    fn rocks_key(&mut self, key: Key) -> Step {
        let Some(rock) = self.board.agenda.rocks.get(self.selected()) else {
            return Step::Nothing;
        };
        let status = match key {
            Key::Char('o') => RockStatus::OnTrack,
            Key::Char('f') => RockStatus::OffTrack,
            Key::Char('d') => RockStatus::Done,
            Key::Char('i') if rock.status == RockStatus::OffTrack => {
                return self.raise("off-track-rock", &rock.id.clone());
            }
            Key::Char('i') => {
                self.warn("only an off-track rock drops to the issues list (f: off track)");
                return Step::Nothing;
            }
            _ => return Step::Nothing,
        };
        if rock.status == status {
            self.warn(format!("{} is already {status}", rock.id));
            return Step::Nothing;
        }
        let id = rock.id.clone();
        self.act(Action::RockStatus { id, status })
    }

    /// The people to choose an owner from: (handle, name).
    fn people_choices(&self) -> Vec<(String, String)> {
        self.board
            .people
            .iter()
            .map(|p| (p.handle.clone(), p.name.clone()))
            .collect()
    }

    /// Who a new item defaults to: `preferred` when on the roster, else the
    /// first attendee.
    fn default_owner(&self, preferred: &str) -> String {
        if self.board.people.iter().any(|p| p.handle == preferred) {
            return preferred.to_string();
        }
        self.board
            .raters()
            .first()
            .map(|p| p.handle.clone())
            .unwrap_or_default()
    }

    fn headlines_key(&mut self, key: Key) -> Step {
        if key == Key::Char('a') {
            let kinds = [
                HeadlineKind::Customer,
                HeadlineKind::Employee,
                HeadlineKind::Other,
            ]
            .map(|k| (k.as_str().to_string(), k.as_str().to_string()))
            .to_vec();
            let by = self.default_owner("");
            let form = Form::new(
                FormKind::Headline,
                "Add a headline",
                vec![
                    Field::text("Headline", ""),
                    Field::choice("By", self.people_choices(), &by),
                    Field::choice("Kind", kinds, "customer"),
                ],
            );
            self.mode = Mode::Form(Box::new(form));
        }
        Step::Nothing
    }

    fn todos_key(&mut self, key: Key) -> Step {
        if !matches!(key, Key::Enter | Key::Char('x')) {
            return Step::Nothing;
        }
        let Some(todo) = self.board.agenda.todos.get(self.selected()) else {
            return Step::Nothing;
        };
        let id = todo.id.clone();
        if todo.is_done() {
            self.act(Action::TodoReopen { id })
        } else {
            self.act(Action::TodoDone { id })
        }
    }

    fn ids_key(&mut self, key: Key) -> Step {
        if key == Key::Char('a') {
            let owner = self.default_owner("");
            let form = Form::new(
                FormKind::NewIssue,
                "Add an issue",
                vec![
                    Field::text("Issue", ""),
                    Field::choice("Owner", self.people_choices(), &owner),
                ],
            );
            self.mode = Mode::Form(Box::new(form));
            return Step::Nothing;
        }
        let Some(issue) = self.board.agenda.issues.get(self.selected()) else {
            return Step::Nothing;
        };
        let id = issue.id.clone();
        match key {
            Key::Enter => {
                let owner = self.default_owner(&issue.owner);
                let due = (self.date + Days::new(7)).to_string();
                let form = Form::new(
                    FormKind::Ids { id },
                    format!("IDS: {}", issue.title),
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
                    Button {
                        key: 'k',
                        label: "keep open",
                    },
                ])
                .with_todos(self.people_choices(), &owner, &due);
                self.mode = Mode::Form(Box::new(form));
                Step::Nothing
            }
            Key::Char(c @ '0'..='3') => {
                let mut top: Vec<String> = self
                    .board
                    .agenda
                    .issues
                    .iter()
                    .filter(|i| i.priority.is_some())
                    .map(|i| i.id.clone())
                    .collect();
                let was = top.contains(&id);
                top.retain(|t| *t != id);
                if c == '0' {
                    if !was {
                        self.warn(format!("{id} is not in the top three"));
                        return Step::Nothing;
                    }
                } else {
                    let at = (c as usize - '1' as usize).min(top.len());
                    top.insert(at, id);
                    top.truncate(3);
                }
                self.act(Action::Top { ids: top })
            }
            _ => Step::Nothing,
        }
    }

    fn conclude_key(&mut self, key: Key) -> Step {
        let prefill = match key {
            Key::Char('c') => {
                let form = Form::new(
                    FormKind::Cascade,
                    "Cascading message",
                    vec![Field::text("Message", "")],
                );
                self.mode = Mode::Form(Box::new(form));
                return Step::Nothing;
            }
            Key::Enter | Key::Char('r') => String::new(),
            Key::Char(c @ '1'..='9') => c.to_string(),
            _ => return Step::Nothing,
        };
        let raters = self.board.raters();
        let Some(person) = raters.get(self.selected()) else {
            return Step::Nothing;
        };
        let form = Form::new(
            FormKind::Rating {
                handle: person.handle.clone(),
            },
            format!("Rating from {} (1-10)", person.name),
            vec![Field::text("Rating", prefill)],
        );
        self.mode = Mode::Form(Box::new(form));
        Step::Nothing
    }

    /// A submitted form: its action, or the form kept open with the reason.
    pub(super) fn submit(&mut self, form: &Form, button: Option<char>) -> Step {
        match self.form_action(form, button) {
            Ok(Some(action)) => self.act(action),
            Ok(None) => {
                self.mode = Mode::Browse;
                Step::Nothing
            }
            Err(reason) => {
                if let Mode::Form(f) = &mut self.mode {
                    f.error = Some(reason);
                }
                Step::Nothing
            }
        }
    }

    fn form_action(&self, form: &Form, button: Option<char>) -> Result<Option<Action>, String> {
        let required = |i: usize, what: &str| {
            let text = form.text(i);
            if text.is_empty() {
                Err(format!("type {what} first (Esc cancels)"))
            } else {
                Ok(text.to_string())
            }
        };
        Ok(Some(match &form.kind {
            FormKind::Headline => Action::AddHeadline {
                text: required(0, "the headline")?,
                by: form.text(1).to_string(),
                kind: match form.text(2) {
                    "customer" => HeadlineKind::Customer,
                    "employee" => HeadlineKind::Employee,
                    _ => HeadlineKind::Other,
                },
            },
            FormKind::NewIssue => Action::AddIssue {
                title: required(0, "the issue")?,
                owner: form.text(1).to_string(),
            },
            FormKind::Cascade => Action::Cascade {
                text: required(0, "the message")?,
            },
            FormKind::Rating { handle } => Action::Rate {
                handle: handle.clone(),
                rating: parse_rating(form.text(0))?,
            },
            FormKind::Ids { id } => {
                let todos = self.drafts(form)?;
                let id = id.clone();
                match button {
                    Some('s') => Action::Solve {
                        id,
                        resolution: form.text(0).to_string(),
                        todos,
                    },
                    Some('d') => Action::Drop { id, todos },
                    _ if todos.is_empty() => return Ok(None),
                    _ => Action::Keep { id, todos },
                }
            }
        }))
    }

    /// The IDS form's to-dos, their due dates checked.
    fn drafts(&self, form: &Form) -> Result<Vec<TodoDraft>, String> {
        form.todo_rows()
            .into_iter()
            .enumerate()
            .map(|(i, (title, owner, due))| {
                let due = parse_date(due).map_err(|e| format!("to-do {}: {e}", i + 1))?;
                if due < self.date {
                    return Err(format!(
                        "to-do {}: due {due} is before the meeting ({})",
                        i + 1,
                        self.date
                    ));
                }
                Ok(TodoDraft {
                    title: title.to_string(),
                    owner: owner.to_string(),
                    due,
                })
            })
            .collect()
    }
}
