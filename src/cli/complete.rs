//! Completions that know the company: each argument that names an id, a
//! handle or a quarter carries one of these (`#[arg(add = complete::rocks())]`),
//! and clap_complete's dynamic engine asks it on TAB. The shell script
//! that calls back into pulse comes from `COMPLETE=bash pulse` (see
//! `pulse completions --help`).

use crate::ops::complete::{self, Candidate};
use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};

fn offer(read: fn() -> Vec<Candidate>) -> ArgValueCandidates {
    ArgValueCandidates::new(move || {
        read()
            .into_iter()
            .map(|c| {
                let help =
                    (!c.help.is_empty()).then(|| crate::render::escape(&c.help).to_string().into());
                CompletionCandidate::new(c.value).help(help)
            })
            .collect::<Vec<_>>()
    })
}

pub fn rocks() -> ArgValueCandidates {
    offer(complete::rocks)
}
pub fn todos() -> ArgValueCandidates {
    offer(complete::todos)
}
pub fn open_todos() -> ArgValueCandidates {
    offer(complete::open_todos)
}
pub fn done_todos() -> ArgValueCandidates {
    offer(complete::done_todos)
}
pub fn issues() -> ArgValueCandidates {
    offer(complete::issues)
}
/// People who can own new work (those who left are not offered).
pub fn people() -> ArgValueCandidates {
    offer(complete::people)
}
/// Everyone on the roster, for filters.
pub fn everyone() -> ArgValueCandidates {
    offer(complete::everyone)
}
pub fn teams() -> ArgValueCandidates {
    offer(complete::teams)
}
pub fn seats() -> ArgValueCandidates {
    offer(complete::seats)
}
pub fn measurables() -> ArgValueCandidates {
    offer(complete::measurables)
}
pub fn processes() -> ArgValueCandidates {
    offer(complete::processes)
}
pub fn quarters() -> ArgValueCandidates {
    offer(complete::quarters)
}
pub fn meetings() -> ArgValueCandidates {
    offer(complete::meetings)
}
pub fn conversations() -> ArgValueCandidates {
    offer(complete::conversations)
}
