//! What the shell offers on TAB: the company's ids, handles and quarters,
//! read from the files of the company the shell is in (`PULSE_DIR`, else
//! the current folder and its parents). A company that cannot be read
//! offers nothing: completion never prints an error into a prompt.

use super::Ctx;
use crate::model::time::Quarter;
use crate::store::{Workspace, load};

/// A value to offer, with a few words about it (shown by zsh and fish).
pub struct Candidate {
    pub value: String,
    pub help: String,
}

fn candidate(value: &str, help: &str) -> Candidate {
    Candidate {
        value: value.to_string(),
        help: help.to_string(),
    }
}

/// The company the shell is in, if any.
fn company() -> Option<Ctx> {
    let start = match std::env::var_os("PULSE_DIR").filter(|d| !d.is_empty()) {
        Some(dir) => std::path::PathBuf::from(dir),
        None => std::env::current_dir().ok()?,
    };
    let ws = Workspace::discover(&start).ok()?;
    let var = |name: &str| std::env::var(name).ok().filter(|s| !s.is_empty());
    Ctx::new(
        ws,
        var("PULSE_TODAY").as_deref(),
        var("PULSE_NOW").as_deref(),
        true,
    )
    .ok()
}

fn with(read: impl FnOnce(&Ctx) -> Option<Vec<Candidate>>) -> Vec<Candidate> {
    company().and_then(|ctx| read(&ctx)).unwrap_or_default()
}

/// The current quarter's rocks.
pub fn rocks() -> Vec<Candidate> {
    with(|ctx| {
        let rocks = load::rocks(&ctx.ws, Quarter::of(ctx.today)).ok()?;
        Some(
            rocks
                .rock
                .iter()
                .map(|r| candidate(&r.id, &r.title))
                .collect(),
        )
    })
}

/// The live to-dos, open ones first.
pub fn todos() -> Vec<Candidate> {
    with(|ctx| {
        let mut todos = load::todos(&ctx.ws).ok()?.todo;
        todos.sort_by_key(|t| t.is_done());
        Some(todos.iter().map(|t| candidate(&t.id, &t.title)).collect())
    })
}

/// The open to-dos: what `todo done` may mark.
pub fn open_todos() -> Vec<Candidate> {
    with(|ctx| {
        let todos = load::todos(&ctx.ws).ok()?.todo;
        Some(
            todos
                .iter()
                .filter(|t| !t.is_done())
                .map(|t| candidate(&t.id, &t.title))
                .collect(),
        )
    })
}

/// The to-dos marked done, the archived ones after the live ones: what
/// `todo reopen` may bring back.
pub fn done_todos() -> Vec<Candidate> {
    with(|ctx| {
        let todos = load::todos_since(&ctx.ws, None).ok()?;
        Some(
            todos
                .iter()
                .filter(|t| t.is_done())
                .map(|t| candidate(&t.id, &t.title))
                .collect(),
        )
    })
}

/// The live issues, open ones first.
pub fn issues() -> Vec<Candidate> {
    with(|ctx| {
        let mut issues = load::issues(&ctx.ws).ok()?.issue;
        issues.sort_by_key(|i| !i.is_open());
        Some(issues.iter().map(|i| candidate(&i.id, &i.title)).collect())
    })
}

/// The people still with the company: who new work can go to.
pub fn people() -> Vec<Candidate> {
    with(|ctx| {
        let company = &ctx.ws.company;
        Some(
            company
                .active_handles()
                .map(|h| candidate(h, company.display_name(h)))
                .collect(),
        )
    })
}

/// Everyone on the roster, those who left included (filters, history).
pub fn everyone() -> Vec<Candidate> {
    with(|ctx| {
        let company = &ctx.ws.company;
        Some(
            company
                .handles()
                .map(|h| candidate(h, company.display_name(h)))
                .collect(),
        )
    })
}

/// The teams: leadership and each department.
pub fn teams() -> Vec<Candidate> {
    with(|ctx| {
        let mut all = vec![candidate(
            crate::model::team::LEADERSHIP,
            "the root's own team",
        )];
        for ws in ctx.ws.all_teams().ok()?.into_iter().skip(1) {
            let name = ws.team_file.map(|t| t.name).unwrap_or_default();
            all.push(candidate(
                ws.team_name.as_deref().unwrap_or_default(),
                &name,
            ));
        }
        Some(all)
    })
}

pub fn seats() -> Vec<Candidate> {
    with(|ctx| {
        let seats = load::seats(&ctx.ws).ok()?;
        Some(
            seats
                .seat
                .iter()
                .map(|s| candidate(&s.id, &s.name))
                .collect(),
        )
    })
}

pub fn measurables() -> Vec<Candidate> {
    with(|ctx| {
        let measurables = load::measurables(&ctx.ws).ok()?;
        Some(
            measurables
                .iter()
                .map(|m| candidate(&m.id, &m.name))
                .collect(),
        )
    })
}

pub fn processes() -> Vec<Candidate> {
    with(|ctx| {
        let rows = super::processes::list(ctx).ok()?;
        Some(rows.iter().map(|p| candidate(&p.id, &p.name)).collect())
    })
}

/// The quarters that have files (rocks or an archive), and the current and
/// next one, newest first.
pub fn quarters() -> Vec<Candidate> {
    with(|ctx| {
        let now = Quarter::of(ctx.today);
        let mut quarters = load::rock_quarters(&ctx.ws).ok()?;
        quarters.extend(load::archive_quarters(&ctx.ws).ok()?);
        quarters.extend([now, now.next()]);
        quarters.sort();
        quarters.dedup();
        Some(
            quarters
                .iter()
                .rev()
                .map(|q| {
                    let help = if *q == now { "this quarter" } else { "" };
                    candidate(&q.to_string(), help)
                })
                .collect(),
        )
    })
}

/// The Quarterly Conversations on file, newest first.
pub fn conversations() -> Vec<Candidate> {
    with(|ctx| {
        let home = super::privacy::home(ctx).ok()?;
        let found = super::conversations::all(&home).ok()?;
        Some(
            found
                .iter()
                .rev()
                .map(|f| {
                    let c = &f.conversation;
                    candidate(&f.id, &format!("{} with {}", c.person, c.manager))
                })
                .collect(),
        )
    })
}

/// The dates that have a meeting file, newest first.
pub fn meetings() -> Vec<Candidate> {
    with(|ctx| {
        let dates = load::meeting_dates(&ctx.ws).ok()?;
        Some(
            dates
                .iter()
                .rev()
                .map(|d| candidate(&d.to_string(), ""))
                .collect(),
        )
    })
}
