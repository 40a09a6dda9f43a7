//! people.toml (the People Analyzer's ratings) and the Organizational
//! Checkup's answers.

use super::findings::{Findings, Roster};
use crate::model::checkup::{CheckupFile, validate};
use crate::model::people::{Gwc, PeopleFile, ValueRating};
use crate::model::time::Quarter;
use crate::store::Workspace;
use crate::store::files::list_dir;
use crate::store::parse::line_col;

/// people.toml: valid ratings, about people on the roster, against the core
/// values of vision.toml (`None` when vision.toml is broken: not checked).
pub fn check_people(
    f: &mut Findings,
    ws: &Workspace,
    roster: &Roster,
    core_values: Option<&[String]>,
) {
    let file = match ws.people_home() {
        Ok(home) => home.people_file(),
        Err(e) => {
            f.error(&ws.company_file(), None, e.message);
            return;
        }
    };
    let Some((people, text)) = f.load::<PeopleFile>(&file) else {
        return;
    };
    let line_at = |offset: usize| Some(line_col(&text, offset).0);
    for (handle, assessment) in &people.people {
        let first_line = assessment
            .values
            .values()
            .map(|v| v.span().start)
            .chain(assessment.every_gwc().map(|g| g.span().start))
            .min()
            .and_then(line_at);
        roster.check(f, &file, || first_line, "people analyzer", handle);
        // The current rating against today's core values; earlier ones
        // are history, checked for their form only.
        for (rating, current) in assessment
            .history
            .iter()
            .map(|h| (h, false))
            .chain([(assessment, true)])
        {
            for (value, given) in &rating.values {
                let line = line_at(given.span().start);
                if let Err(e) = ValueRating::parse(given.get_ref()) {
                    f.error(&file, line, format!("`{handle}`, {value}: {e}"));
                }
                if current
                    && let Some(core) = core_values
                    && !core.contains(value)
                {
                    f.error(
                        &file,
                        line,
                        format!(
                            "`{handle}` is rated on `{value}`, which is not a core value (core values: {})",
                            core.join(", ")
                        ),
                    );
                }
            }
            for gwc in rating.every_gwc() {
                if let Err(e) = Gwc::parse(gwc.get_ref()) {
                    f.error(&file, line_at(gwc.span().start), format!("`{handle}`: {e}"));
                }
            }
        }
    }
}

/// checkups/<quarter>/*.toml: twenty answers, each 1 to 5, in a folder
/// named by a quarter.
pub fn check_checkups(f: &mut Findings, ws: &Workspace) {
    let dir = ws.checkups_dir();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut folders: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    folders.sort();
    for folder in folders.into_iter().filter(|p| p.is_dir()) {
        let name = folder.file_name().map(|n| n.to_string_lossy().into_owned());
        if name
            .as_deref()
            .and_then(|n| n.parse::<Quarter>().ok())
            .is_none()
        {
            f.warn(
                &ws.file(folder.clone()),
                None,
                "not a quarter (YYYY-Qn): its answers are not counted".to_string(),
            );
            continue;
        }
        for path in list_dir(&ws.file(folder.clone()), "toml").unwrap_or_default() {
            let file = ws.file(path);
            if let Some((checkup, _)) = f.load::<CheckupFile>(&file)
                && let Err(e) = validate(&checkup.answers)
            {
                f.error(&file, None, format!("answers: {e}"));
            }
        }
    }
}
