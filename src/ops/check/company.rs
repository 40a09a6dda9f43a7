//! company.toml's meeting settings and roster, and the core processes.

use super::findings::{Findings, Named, Roster};
use crate::model::time::parse_weekday;
use crate::store::{Workspace, load};

/// `[meeting]` settings that pulse cannot schedule by, and an empty roster.
pub fn check_company(f: &mut Findings, ws: &Workspace) {
    let company = &ws.company;
    let company_file = ws.company_file();
    if let Err(e) = parse_weekday(&company.meeting.weekday) {
        f.error(&company_file, None, format!("[meeting] {e}"));
    }
    if chrono::NaiveTime::parse_from_str(&company.meeting.time, "%H:%M").is_err() {
        f.error(
            &company_file,
            None,
            format!(
                "[meeting] invalid time `{}`: expected HH:MM, e.g. 09:00",
                company.meeting.time
            ),
        );
    }
    if !(10..=1440).contains(&company.meeting.minutes) {
        f.error(
            &company_file,
            None,
            format!(
                "[meeting] minutes = {}: expected 10 to 1440",
                company.meeting.minutes
            ),
        );
    }
    if company.people.is_empty() {
        f.note(
            &company_file,
            None,
            "nobody is on the roster yet: add people with `pulse person add`".into(),
        );
    }
}

/// Every process names an owner on the roster. One with no owner is a
/// warning (EOS gives each core process one), once anyone is on the roster
/// to own it: before that, the empty roster is the warning.
pub fn check_processes(f: &mut Findings, ws: &Workspace, roster: &Roster) {
    match load::processes(ws) {
        Ok(processes) => {
            for p in processes {
                if p.meta.owner.trim().is_empty() && !ws.company.people.is_empty() {
                    f.note(
                        &p.file,
                        Some(1),
                        format!(
                            "process {:?} has no owner: EOS gives each core process one (`owner = \"HANDLE\"` in its front matter)",
                            p.meta.name
                        ),
                    );
                }
                roster.check(
                    f,
                    &p.file,
                    || Some(1),
                    Named("process", &p.meta.name),
                    &p.meta.owner,
                );
            }
        }
        Err(e) => f.broken(&ws.file(ws.processes_dir()), e),
    }
}
