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
//! - [`error`], [`escape`] (terminal-safe text) and [`shell`] (POSIX shell
//!   quoting for the commands hints show): leaves every layer uses.

pub mod cli;
pub mod error;
pub mod escape;
pub mod git;
pub mod model;
pub mod ops;
pub mod render;
pub mod shell;
pub mod store;
