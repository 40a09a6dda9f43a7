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
        let words = TextDiff::from_words(removed.as_str(), added.as_str());
        let mut line = String::new();
        for change in words.iter_all_changes() {
            match change.tag() {
                ChangeTag::Equal => line.push_str(change.value()),
                ChangeTag::Delete => line.push_str(&format!("[-{}-]", change.value())),
                ChangeTag::Insert => line.push_str(&format!("{{+{}+}}", change.value())),
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
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
}
