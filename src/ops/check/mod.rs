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
mod vision;

pub use findings::{Finding, Severity};

use super::Ctx;
use findings::{Findings, Roster};

/// Every finding, errors first.
pub fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut f = Findings::default();
    let ws = &ctx.ws;
    let roster = Roster {
        company: &ws.company,
    };
    // The issues and to-dos with ten years of archive are half of what
    // check reads: they are checked on a second core while the rest is
    // checked here, and their findings take their place in the report.
    let lists = std::thread::scope(|scope| {
        let lists = scope.spawn(|| {
            let mut f = Findings::default();
            lists::check_lists(&mut f, ws, &roster);
            f
        });
        company::check_company(&mut f, ws);
        let core_values = vision::check_vision(&mut f, ws, ctx.today);
        seats::check_seats(&mut f, ws, &roster);
        people::check_people(&mut f, ws, &roster, core_values.as_deref());
        scorecard::check_scorecard(&mut f, ws, &roster);
        rocks::check_rock_files(&mut f, ws, &roster);
        lists.join()
    });
    match lists {
        Ok(lists) => f.list.extend(lists.list),
        // A panic is a bug: let it surface as one.
        Err(panic) => std::panic::resume_unwind(panic),
    }
    meetings::check_meetings(&mut f, ws, &roster);
    company::check_processes(&mut f, ws, &roster);
    f.list.extend(super::setup::findings(ctx));
    f.list.sort_by_key(|x| x.severity);
    f.list
}
