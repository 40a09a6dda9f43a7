//! pulse: a company's operating system (EOS) as plain-text files in git.
//!
//! Layers, each importing only those below it (`tests/layering.rs` keeps
//! this true):
//! - [`cli`]: clap parsing, one file per command group, printing.
//! - [`ops`]: what a command does: loads through [`store`], asks [`git`],
//!   returns model values, warnings or a committed change. No terminal.
//! - [`render`]: tables, agendas and pages for people, from model and ops
//!   values; never reads files or runs git.
//! - [`store`] (finding the company, reading, `toml_edit` edits, the archive
//!   layout, atomic writes, the lock) and [`git`] (running `git`) beside it;
//!   neither knows the other.
//! - [`model`]: rocks, scorecard, issues... plain types and EOS rules, no I/O.
//! - [`merge`]: git's merge driver for the company's files, beside `store`.
//! - [`error`] and [`escape`] (terminal-safe text): leaves every layer uses.
//! - [`runner`]: a shell command under a time limit, in a process group of
//!   its own (scorecard sources); a leaf beside [`git`], used by [`ops`].

pub mod cli;
pub mod error;
pub mod escape;
pub mod git;
pub mod merge;
pub mod model;
pub mod ops;
pub mod render;
pub mod runner;
pub mod shell;
pub mod store;
