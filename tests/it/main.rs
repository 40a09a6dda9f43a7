//! Integration tests: the real binary on temporary companies in temporary git
//! repositories. One test binary, one module per capability.

mod common;
mod faults;
mod foundation;
mod history;
mod ids;
mod meeting;
mod merge;
mod people;
mod scorecard;
mod traction;
