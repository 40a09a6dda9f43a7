//! pulse: a company's operating system (EOS) as plain-text files in git.
//!
//! Layers, each depending only on those below it:
//! - [`cli`]: clap parsing, one file per command group, output.
//! - [`ops`]: what a command does, on the in-memory company.
//! - [`model`]: rocks, scorecard, issues... plain types and EOS rules, no I/O.
//! - [`store`] (files: read, edit, atomic write, lock) and [`git`] beside it;
//!   [`merge`], git's merge driver for the company's files, beside `store`.
//! - [`render`]: tables, agendas and text for people, from the model.

pub mod cli;
pub mod error;
pub mod git;
pub mod merge;
pub mod model;
pub mod ops;
pub mod render;
pub mod store;
