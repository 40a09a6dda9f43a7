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
    let file = ws.people_file();
    let Some((people, text)) = f.load::<PeopleFile>(&file) else {
        return;
    };
    let line_at = |offset: usize| Some(line_col(&text, offset).0);
    for (handle, assessment) in &people.people {
        let first_line = assessment
            .values
            .values()
            .map(|v| v.span().start)
            .chain(assessment.gwc.as_ref().map(|g| g.span().start))
            .min()
            .and_then(line_at);
        roster.check(f, &file, || first_line, "people analyzer", handle);
        for (value, rating) in &assessment.values {
            let line = line_at(rating.span().start);
            if let Err(e) = ValueRating::parse(rating.get_ref()) {
                f.error(&file, line, format!("`{handle}`, {value}: {e}"));
            }
            if let Some(core) = core_values
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
        if let Some(gwc) = &assessment.gwc
            && let Err(e) = Gwc::parse(gwc.get_ref())
        {
            f.error(&file, line_at(gwc.span().start), format!("`{handle}`: {e}"));
        }
    }
}
