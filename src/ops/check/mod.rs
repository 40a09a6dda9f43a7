//! `pulse check`: every file parsed, every reference resolved, and the EOS
//! rules of thumb. Errors are broken references and invalid values; warnings
//! are the rules (too many rocks, an empty seat, a stale V/TO date...). One
//! file per area of the company.

mod company;
mod findings;
mod lists;
mod meetings;
mod people;
mod rocks;
mod scorecard;
mod seats;
mod teams;
mod vision;

pub use findings::{Finding, Severity};
pub use rocks::too_many_for_one as too_many_rocks;

use super::Ctx;
use crate::store::Workspace;
use findings::{Findings, Roster};

/// Every finding, errors first. At the root with no team named it covers
/// every team (SPEC §7); else the team in effect.
pub fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut f = Findings::default();
    let ws = &ctx.ws;
    let roster = Roster {
        company: &ws.company,
    };
    let covered: Vec<Workspace> = if ctx.every_team {
        let mut all = vec![ws.leadership()];
        all.extend(teams::teams(&mut f, ws));
        all
    } else {
        vec![ws.clone()]
    };
    let company_level = covered.iter().any(|t| t.team_name.is_none());
    // The issues and to-dos with ten years of archive are half of what
    // check reads: they are checked on a second core while the rest is
    // checked here, and their findings take their place in the report.
    let lists = std::thread::scope(|scope| {
        let lists = scope.spawn(|| {
            let mut f = Findings::default();
            for team in &covered {
                lists::check_lists(&mut f, team, &roster);
            }
            f
        });
        if company_level {
            company::check_company(&mut f, ws);
            let core_values = vision::check_vision(&mut f, ws, ctx.today);
            seats::check_seats(&mut f, ws, &roster);
            people::check_people(&mut f, ws, &roster, core_values.as_deref());
            people::check_checkups(&mut f, ws);
            // The fix of a tracked file about people goes into .gitignore.
            let ignore = ws.file(ws.root.join(".gitignore"));
            for warning in super::privacy::tracked_warnings(ctx) {
                f.warn(&ignore, None, warning);
            }
        }
        for team in &covered {
            teams::check_team(&mut f, team, &roster, ctx.today);
            scorecard::check_scorecard(&mut f, team, &roster);
            rocks::check_rock_files(&mut f, team, &roster, ctx.today);
        }
        lists.join()
    });
    match lists {
        Ok(lists) => f.list.extend(lists.list),
        // A panic is a bug: let it surface as one.
        Err(panic) => std::panic::resume_unwind(panic),
    }
    for team in &covered {
        meetings::check_meetings(&mut f, team, &roster);
    }
    if company_level {
        company::check_processes(&mut f, ws, &roster);
        f.list.extend(super::setup::findings(ctx));
    }
    f.list.sort_by_key(|x| x.severity);
    f.list
}
