//! people.toml: the People Analyzer's ratings.

use super::findings::{Findings, Roster};
use crate::model::people::{Gwc, PeopleFile, ValueRating};
use crate::store::Workspace;
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
