//! Property tests of the merge driver's core: random to-do lists and
//! scorecards, changed on two sides in ways that do not collide, merge to
//! exactly the expected items and fields, parse, and come out the same
//! whichever side is ours. Changes that do collide never lose an item.
//! `PROPTEST_CASES=10000 cargo test --test merge_props` runs a longer campaign.

use proptest::prelude::*;
use pulse::merge::merge;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq)]
struct Todo {
    id: String,
    title: String,
    done: Option<u32>,
}

/// What one side does to a base to-do.
#[derive(Debug, Clone, PartialEq)]
enum Edit {
    Keep,
    Title(String),
    Done(u32),
    Remove,
}

/// How a to-do is written: pulse's own layout, or a hand's.
#[derive(Debug, Clone, Copy)]
struct Style {
    comment: bool,
    spaced: bool,
}

fn write(todos: &[(Todo, Style)]) -> String {
    let mut text = String::from("# todos.toml\n");
    for (todo, style) in todos {
        text.push('\n');
        if style.comment {
            text.push_str(&format!("# about {}\n", todo.id));
        }
        let eq = if style.spaced { "   =   " } else { " = " };
        text.push_str(&format!(
            "[[todo]]\nid{eq}\"{}\"\ntitle{eq}{:?}\nowner = \"amy\"\n",
            todo.id, todo.title
        ));
        if let Some(day) = todo.done {
            text.push_str(&format!("done{eq}2026-12-{day:02}\n"));
        }
    }
    text
}

fn apply(base: &[(Todo, Style)], edits: &[Edit], added: &[(Todo, Style)]) -> Vec<(Todo, Style)> {
    let mut out = Vec::new();
    for ((todo, style), edit) in base.iter().zip(edits) {
        let mut todo = todo.clone();
        match edit {
            Edit::Keep => {}
            Edit::Title(title) => todo.title = title.clone(),
            Edit::Done(day) => todo.done = Some(*day),
            Edit::Remove => continue,
        }
        out.push((todo, *style));
    }
    out.extend(added.iter().cloned());
    out
}

/// The to-dos of a merged text, by id, in file order; panics if it does
/// not parse or an id is there twice.
fn read(text: &str) -> Vec<Todo> {
    #[derive(serde::Deserialize)]
    struct File {
        #[serde(default)]
        todo: Vec<Raw>,
    }
    #[derive(serde::Deserialize)]
    struct Raw {
        id: String,
        title: String,
        done: Option<toml::value::Datetime>,
    }
    let file: File = toml::from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let todos: Vec<Todo> = file
        .todo
        .into_iter()
        .map(|t| Todo {
            id: t.id,
            title: t.title,
            done: t.done.and_then(|d| d.date).map(|d| u32::from(d.day)),
        })
        .collect();
    let mut ids: Vec<&str> = todos.iter().map(|t| t.id.as_str()).collect();
    ids.sort();
    let before = ids.len();
    ids.dedup();
    assert_eq!(before, ids.len(), "an id twice:\n{text}");
    todos
}

fn by_id(todos: Vec<Todo>) -> BTreeMap<String, Todo> {
    todos.into_iter().map(|t| (t.id.clone(), t)).collect()
}

fn merge_text(base: &str, ours: &str, theirs: &str) -> (String, usize) {
    let merged = merge(
        Some("todos.toml"),
        base.as_bytes(),
        ours.as_bytes(),
        theirs.as_bytes(),
    )
    .expect("merge runs");
    (
        String::from_utf8(merged.text).expect("utf-8"),
        merged.conflicts.len(),
    )
}

fn style() -> impl Strategy<Value = Style> {
    (any::<bool>(), prop::bool::weighted(0.2)).prop_map(|(comment, spaced)| Style {
        comment: comment && spaced,
        spaced,
    })
}

fn title() -> impl Strategy<Value = String> {
    "[A-Za-z ]{1,12}"
}

fn base_list() -> impl Strategy<Value = Vec<(Todo, Style)>> {
    prop::collection::vec((title(), prop::option::of(1u32..28), style()), 0..10).prop_map(|items| {
        items
            .into_iter()
            .enumerate()
            .map(|(i, (title, done, style))| {
                let id = format!("t{i}");
                (Todo { id, title, done }, style)
            })
            .collect()
    })
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => Just(Edit::Keep),
        1 => title().prop_map(Edit::Title),
        1 => (1u32..28).prop_map(Edit::Done),
        1 => Just(Edit::Remove),
    ]
}

/// Two edits of one to-do that touch different fields, or agree.
fn compatible(ours: &Edit, theirs: &Edit) -> bool {
    use Edit::*;
    match (ours, theirs) {
        (Keep, _) | (_, Keep) => true,
        (Title(_), Done(_)) | (Done(_), Title(_)) => true,
        (a, b) => a == b,
    }
}

fn added(prefix: &'static str) -> impl Strategy<Value = Vec<(Todo, Style)>> {
    prop::collection::vec((title(), style()), 0..4).prop_map(move |items| {
        items
            .into_iter()
            .enumerate()
            .map(|(i, (title, style))| {
                let id = format!("{prefix}{i}");
                (
                    Todo {
                        id,
                        title,
                        done: None,
                    },
                    style,
                )
            })
            .collect()
    })
}

/// The merge both sides' changes call for.
fn expected(
    base: &[(Todo, Style)],
    ours: &[Edit],
    theirs: &[Edit],
    ours_added: &[(Todo, Style)],
    theirs_added: &[(Todo, Style)],
) -> BTreeMap<String, Todo> {
    let mut out = BTreeMap::new();
    for (((todo, _), o), t) in base.iter().zip(ours).zip(theirs) {
        if *o == Edit::Remove || *t == Edit::Remove {
            continue;
        }
        let mut todo = todo.clone();
        for edit in [o, t] {
            match edit {
                Edit::Title(title) => todo.title = title.clone(),
                Edit::Done(day) => todo.done = Some(*day),
                Edit::Keep | Edit::Remove => {}
            }
        }
        out.insert(todo.id.clone(), todo);
    }
    for (todo, _) in ours_added.iter().chain(theirs_added) {
        out.insert(todo.id.clone(), todo.clone());
    }
    out
}

proptest! {
    #[test]
    fn changes_that_do_not_collide_merge_cleanly(
        base in base_list(),
        ours_edits in prop::collection::vec(edit(), 10),
        theirs_edits in prop::collection::vec(edit(), 10),
        ours_added in added("o"),
        theirs_added in added("x"),
    ) {
        let theirs_edits: Vec<Edit> = ours_edits
            .iter()
            .zip(&theirs_edits)
            .map(|(o, t)| if compatible(o, t) { t.clone() } else { Edit::Keep })
            .collect();
        let ours = apply(&base, &ours_edits, &ours_added);
        let theirs = apply(&base, &theirs_edits, &theirs_added);
        let (base_text, ours_text, theirs_text) = (write(&base), write(&ours), write(&theirs));

        let (merged, conflicts) = merge_text(&base_text, &ours_text, &theirs_text);
        prop_assert_eq!(conflicts, 0, "{}", merged);
        let todos = read(&merged);
        let want = expected(&base, &ours_edits, &theirs_edits, &ours_added, &theirs_added);
        // Ours come first, in our order; theirs' additions after them.
        let our_ids: Vec<&str> = ours.iter().map(|(t, _)| t.id.as_str()).collect();
        let merged_ids: Vec<&str> = todos.iter().map(|t| t.id.as_str()).collect();
        let kept_ours: Vec<&str> = merged_ids.iter().copied().filter(|id| our_ids.contains(id)).collect();
        prop_assert_eq!(&kept_ours[..], &merged_ids[..kept_ours.len()]);
        prop_assert_eq!(by_id(todos), want.clone());

        // Symmetric in content.
        let (swapped, conflicts) = merge_text(&base_text, &theirs_text, &ours_text);
        prop_assert_eq!(conflicts, 0, "{}", swapped);
        prop_assert_eq!(by_id(read(&swapped)), want);
    }

    /// Whatever the two sides do, no change of either is dropped silently:
    /// each title set, each done date, each new to-do is in the result —
    /// merged, or between conflict markers.
    #[test]
    fn colliding_changes_lose_nothing(
        base in base_list(),
        ours_edits in prop::collection::vec(edit(), 10),
        theirs_edits in prop::collection::vec(edit(), 10),
        ours_added in added("n"),
        theirs_added in added("n"),
    ) {
        let ours = apply(&base, &ours_edits, &ours_added);
        let theirs = apply(&base, &theirs_edits, &theirs_added);
        let (merged, conflicts) = merge_text(&write(&base), &write(&ours), &write(&theirs));
        let n = base.len();
        let changes = ours_edits[..n].iter().chain(&theirs_edits[..n]).zip(base.iter().cycle());
        for (edit, (was, _)) in changes {
            match edit {
                Edit::Title(title) if *title != was.title => {
                    prop_assert!(merged.contains(&format!("{title:?}")), "{title:?} lost:\n{merged}")
                }
                Edit::Done(day) if was.done != Some(*day) => {
                    prop_assert!(merged.contains(&format!("2026-12-{day:02}")), "done {day} lost:\n{merged}")
                }
                _ => {}
            }
        }
        for (todo, _) in ours_added.iter().chain(&theirs_added) {
            prop_assert!(merged.contains(&format!("{:?}", todo.title)), "{} lost:\n{merged}", todo.id);
        }
        if conflicts == 0 {
            read(&merged);
        } else {
            prop_assert!(merged.contains("<<<<<<< ours\n"));
        }
    }

    /// Scorecard cells changed on different rows (a correction here, new
    /// numbers there) all survive, in week order.
    #[test]
    fn scorecard_cells_changed_apart_all_survive(
        base in prop::collection::btree_map((40u32..53, 0usize..3), 0i32..100, 0..12),
        ours_changes in prop::collection::btree_map((40u32..53, 0usize..3), 0i32..100, 0..6),
        theirs_changes in prop::collection::btree_map((40u32..53, 0usize..3), 0i32..100, 0..6),
    ) {
        const MEASURABLES: [&str; 3] = ["leads", "churn", "nps"];
        let theirs_changes: BTreeMap<_, _> = theirs_changes
            .into_iter()
            .filter(|(key, value)| ours_changes.get(key).is_none_or(|v| v == value))
            .collect();
        let write = |rows: &BTreeMap<(u32, usize), i32>| {
            let mut text = String::from("week,measurable,value,note\n");
            for ((week, m), value) in rows {
                text.push_str(&format!("2026-W{week},{},{value},\n", MEASURABLES[*m]));
            }
            text
        };
        let with = |changes: &BTreeMap<(u32, usize), i32>| {
            let mut rows = base.clone();
            rows.extend(changes.iter().map(|(k, v)| (*k, *v)));
            rows
        };
        let mut want = with(&ours_changes);
        want.extend(theirs_changes.iter().map(|(k, v)| (*k, *v)));
        let (b, o, t) = (write(&base), write(&with(&ours_changes)), write(&with(&theirs_changes)));
        let merged = merge(Some("scorecard.csv"), b.as_bytes(), o.as_bytes(), t.as_bytes()).unwrap();
        prop_assert!(merged.conflicts.is_empty());
        let text = String::from_utf8(merged.text).unwrap();
        let mut lines = text.lines();
        prop_assert_eq!(lines.next(), Some("week,measurable,value,note"));
        let rows: Vec<(u32, usize, i32)> = lines
            .map(|line| {
                let fields: Vec<&str> = line.split(',').collect();
                let week = fields[0].trim_start_matches("2026-W").parse().unwrap();
                let m = MEASURABLES.iter().position(|m| *m == fields[1]).unwrap();
                (week, m, fields[2].parse().unwrap())
            })
            .collect();
        prop_assert!(rows.windows(2).all(|w| w[0].0 <= w[1].0), "not sorted by week:\n{}", text);
        let got: BTreeMap<(u32, usize), i32> = rows.iter().map(|&(w, m, v)| ((w, m), v)).collect();
        prop_assert_eq!(got.len(), rows.len(), "a row twice:\n{}", text);
        prop_assert_eq!(got, want);
    }
}
