//! Integration tests: the real binary on temporary companies in temporary git
//! repositories. One test binary, one module per capability.

mod archive;
mod common;
mod faults;
mod foundation;
mod hardening;
mod history;
mod ids;
mod meeting;
mod people;
mod scorecard;
mod team;
mod traction;
