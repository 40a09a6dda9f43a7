//! Integration tests: the real binary on temporary companies in temporary git
//! repositories. One test binary, one module per capability.

mod archive;
mod checkup;
mod common;
mod conversation;
mod faults;
mod fidelity;
mod first_month;
mod foundation;
mod hardening;
mod history;
mod ids;
mod meeting;
mod meeting_run;
mod merge;
mod people;
mod planning;
mod report;

mod rules;
mod scorecard;
mod sources;
mod team;
mod teams;
mod tmux;
mod traction;
mod verbs;
