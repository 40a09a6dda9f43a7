//! The V/TO's sections, with a word diff of what changed.

use super::{ChangeRecord, Component, Differ, Kind};
use crate::model::vision::Vision;
use serde::Serialize;

impl Differ<'_> {
    pub(super) fn vision(&mut self) {
        let Some((old, new)) = self.pair::<Vision>("vision.toml") else {
            return;
        };
        let sections: [(&str, &str, String, String); 6] = [
            (
                "core_values",
                "Core values",
                text(&old.core_values),
                text(&new.core_values),
            ),
            (
                "core_focus",
                "Core focus",
                text(&old.core_focus),
                text(&new.core_focus),
            ),
            (
                "ten_year_target",
                "10-year target",
                text(&old.ten_year_target),
                text(&new.ten_year_target),
            ),
            (
                "marketing_strategy",
                "Marketing strategy",
                text(&old.marketing_strategy),
                text(&new.marketing_strategy),
            ),
            (
                "three_year_picture",
                "3-year picture",
                text(&old.three_year_picture),
                text(&new.three_year_picture),
            ),
            (
                "one_year_plan",
                "1-year plan",
                text(&old.one_year_plan),
                text(&new.one_year_plan),
            ),
        ];
        for (id, name, before, after) in sections {
            if before != after {
                let detail = word_diff(&before, &after);
                self.changes.push(ChangeRecord {
                    component: Component::Vision,
                    kind: Kind::Changed,
                    id: id.into(),
                    summary: format!("{name} changed"),
                    detail: Some(detail),
                    team: self.team.clone(),
                });
            }
        }
    }
}

/// A section as readable text, for the word diff: one `key: value` a line.
fn text<T: Serialize>(value: &T) -> String {
    let json = serde_json::to_value(value).unwrap_or_default();
    let mut out = String::new();
    flatten(&json, "", &mut out);
    out
}

fn flatten(v: &serde_json::Value, key: &str, out: &mut String) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                flatten(v, k, out);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                flatten(item, key, out);
            }
        }
        serde_json::Value::Null => {}
        serde_json::Value::String(s) if s.is_empty() => {}
        serde_json::Value::String(s) => out.push_str(&format!("{key}: {s}\n")),
        other => out.push_str(&format!("{key}: {other}\n")),
    }
}

/// Changed lines with the changed words marked `[-old-]{+new+}`.
pub fn word_diff(before: &str, after: &str) -> String {
    use similar::{ChangeTag, TextDiff};
    let lines = TextDiff::from_lines(before, after);
    let mut out = String::new();
    for op in lines.ops() {
        let changes: Vec<_> = lines.iter_changes(op).collect();
        let removed: String = changes
            .iter()
            .filter(|c| c.tag() == ChangeTag::Delete)
            .map(|c| c.value())
            .collect();
        let added: String = changes
            .iter()
            .filter(|c| c.tag() == ChangeTag::Insert)
            .map(|c| c.value())
            .collect();
        if removed.is_empty() && added.is_empty() {
            continue;
        }
        // Words changed side by side make one run (`{+We know+}`, not
        // `{+We+}{+ +}{+know+}`); text only added or only removed is one
        // run per line.
        let mut runs: Vec<(ChangeTag, String)> = Vec::new();
        let words = TextDiff::from_words(removed.as_str(), added.as_str());
        for change in words.iter_all_changes() {
            match runs.last_mut() {
                Some((tag, text)) if *tag == change.tag() => text.push_str(change.value()),
                _ => runs.push((change.tag(), change.value().to_string())),
            }
        }
        let mut text = String::new();
        for (tag, run) in join_changed_words(runs) {
            // A marker never spans a line end: each line says its own.
            let marked = |open: &str, close: &str| {
                run.split_inclusive('\n')
                    .map(|part| {
                        let body = part.trim_end_matches('\n');
                        let end = &part[body.len()..];
                        if body.trim().is_empty() {
                            part.to_string()
                        } else {
                            format!("{open}{body}{close}{end}")
                        }
                    })
                    .collect::<String>()
            };
            match tag {
                ChangeTag::Equal => text.push_str(&run),
                ChangeTag::Delete => text.push_str(&marked("[-", "-]")),
                ChangeTag::Insert => text.push_str(&marked("{+", "+}")),
            }
        }
        for line in text.lines() {
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out
}

/// Changed words separated only by a space read as one change: `one two`
/// → `four five` is `[-one two-]{+four five+}`, not `[-one-]{+four+}
/// [-two-]{+five+}`.
fn join_changed_words(
    runs: Vec<(similar::ChangeTag, String)>,
) -> Vec<(similar::ChangeTag, String)> {
    use similar::ChangeTag::{Delete, Equal, Insert};
    let mut out: Vec<(similar::ChangeTag, String)> = Vec::new();
    let (mut removed, mut added) = (String::new(), String::new());
    let flush = |out: &mut Vec<_>, removed: &mut String, added: &mut String| {
        if !removed.is_empty() {
            out.push((Delete, std::mem::take(removed)));
        }
        if !added.is_empty() {
            out.push((Insert, std::mem::take(added)));
        }
    };
    let mut i = 0;
    while i < runs.len() {
        let (tag, run) = &runs[i];
        let between_changes = *tag == Equal
            && !run.contains('\n')
            && run.trim().is_empty()
            && (!removed.is_empty() || !added.is_empty())
            && runs.get(i + 1).is_some_and(|(next, _)| *next != Equal);
        match tag {
            Delete => removed.push_str(run),
            Insert => added.push_str(run),
            Equal if between_changes => {
                // The space goes to each side that goes on.
                let next_tags: Vec<_> = runs[i + 1..]
                    .iter()
                    .take_while(|(t, _)| *t != Equal)
                    .map(|(t, _)| *t)
                    .collect();
                let to_removed = next_tags.contains(&Delete) && !removed.is_empty();
                let to_added = next_tags.contains(&Insert) && !added.is_empty();
                if to_removed {
                    removed.push_str(run);
                }
                if to_added {
                    added.push_str(run);
                }
                if !to_removed && !to_added {
                    flush(&mut out, &mut removed, &mut added);
                    out.push((Equal, run.clone()));
                }
            }
            Equal => {
                flush(&mut out, &mut removed, &mut added);
                out.push((Equal, run.clone()));
            }
        }
        i += 1;
    }
    flush(&mut out, &mut removed, &mut added);
    out
}

#[cfg(test)]
mod tests {
    use super::word_diff;

    #[test]
    fn word_diff_marks_changed_words() {
        let d = word_diff(
            "goal: 1,000 companies\nrevenue: $40M\n",
            "goal: 10,000 companies\nrevenue: $40M\n",
        );
        assert_eq!(d, "goal: [-1,000-]{+10,000+} companies\n");
    }

    /// Found by a new user: an added section read `{+We+}{+ +}{+know+}`.
    #[test]
    fn added_and_changed_words_read_as_runs() {
        assert_eq!(
            word_diff("", "description: We know the market\n"),
            "{+description: We know the market+}\n"
        );
        assert_eq!(
            word_diff(
                "focus: small clouds\n",
                "focus: sovereign small clouds for Europe\n"
            ),
            "focus: {+sovereign +}small clouds{+ for Europe+}\n"
        );
        assert_eq!(
            word_diff("a: one two three\n", "a: four five three\n"),
            "a: [-one two-]{+four five+} three\n"
        );
    }
}
