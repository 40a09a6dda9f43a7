//! scorecard.toml and scorecard.csv: owners, the number of measurables,
//! values without a measurable and weeks recorded twice.

use super::findings::{Findings, Named, Roster, duplicates};
use crate::model::eos;
use crate::model::scorecard::Measurable;
use crate::ops::sources::trust::Trust;
use crate::store::Workspace;
use crate::store::files::read_text;
use crate::store::parse::IdLines;
use crate::store::{load, values};
use std::collections::HashSet;

pub fn check_scorecard(f: &mut Findings, ws: &Workspace, roster: &Roster) {
    // Every repeated week and measurable is an error of its own here, where
    // other readers stop at the first.
    let values_file = ws.values_file();
    let values_loaded = read_text(&values_file).and_then(|text| match text {
        Some(text) => values::parse_with_duplicates(&values_file, &text),
        None => Ok(Default::default()),
    });
    let scorecard_file = ws.scorecard_file();
    let measurables: Vec<Measurable> = match load::measurables(ws) {
        Ok(m) => m,
        Err(e) => {
            f.broken(&scorecard_file, e);
            Vec::new()
        }
    };
    let scorecard_text = read_text(&scorecard_file)
        .ok()
        .flatten()
        .unwrap_or_default();
    let scorecard_lines = IdLines::new(&scorecard_text);
    duplicates(
        f,
        &scorecard_file,
        &scorecard_lines,
        "measurable",
        measurables.iter().map(|m| m.id.as_str()),
    );
    for m in &measurables {
        let line = Some(scorecard_lines.first(&m.id));
        if m.owner.is_empty() {
            f.warn(
                &scorecard_file,
                line,
                format!("measurable `{}` has no owner", m.id),
            );
        }
        roster.check(
            f,
            &scorecard_file,
            || line,
            Named("measurable", &m.id),
            &m.owner,
        );
    }
    untrusted_sources(f, ws, &measurables, &scorecard_file, &scorecard_lines);
    // Too few is a scorecard being built (a note); too many, a warning.
    if !measurables.is_empty() && !eos::MEASURABLES.within(measurables.len()) {
        let message = format!(
            "{}: EOS keeps {} on the scorecard",
            crate::render::words::count(measurables.len(), "measurable", "measurables"),
            eos::MEASURABLES.range()
        );
        if measurables.len() < eos::MEASURABLES.min {
            f.note(&scorecard_file, None, message);
        } else {
            f.warn(&scorecard_file, None, message);
        }
    }
    match values_loaded {
        Ok(values) => {
            let known: HashSet<&str> = measurables.iter().map(|m| m.id.as_str()).collect();
            let mut reported = HashSet::new();
            for e in &values.entries {
                // The history `scorecard remove` keeps (or a typo): a note,
                // so that the removal itself passes a pre-commit check.
                if !known.contains(e.measurable.as_str()) && reported.insert(e.measurable.clone()) {
                    f.note(
                        &values_file,
                        Some(e.line as usize),
                        format!(
                            "values for `{}`, which scorecard.toml does not define (a removed measurable's history, or a typo)",
                            e.measurable
                        ),
                    );
                }
            }
            for &(first, later) in &values.duplicates {
                let e = values::duplicate_error(&values_file, &values, first, later);
                let message = e
                    .message
                    .strip_prefix(&format!("{}:{later}: ", values_file.display))
                    .unwrap_or(&e.message)
                    .to_string();
                f.error(
                    &values_file,
                    Some(later as usize),
                    format!("{message}: delete the row that is wrong"),
                );
            }
        }
        Err(e) => f.broken(&values_file, e),
    }
}

/// Sources that `scorecard pull` would refuse in this clone (SPEC §9).
fn untrusted_sources(
    f: &mut Findings,
    ws: &Workspace,
    measurables: &[Measurable],
    file: &crate::store::FileRef,
    lines: &IdLines,
) {
    if measurables.iter().all(|m| m.source.is_none()) {
        return;
    }
    let trust = match Trust::load(ws) {
        Ok(trust) => trust,
        Err(e) => {
            f.warn(
                file,
                None,
                format!("cannot tell which sources are trusted: {}", e.message),
            );
            return;
        }
    };
    for (id, why) in trust.untrusted(measurables) {
        let team = match &ws.team_name {
            Some(team) => format!("--team {} ", crate::shell::quote(team)),
            None => String::new(),
        };
        f.warn(
            file,
            Some(lines.first(&id)),
            format!(
                "the source of `{id}` is not trusted in this clone: {}; `pulse scorecard pull` will not run it until you read it and run `pulse {team}scorecard trust {}`",
                why.describe(),
                crate::shell::quote(&id)
            ),
        );
    }
}
