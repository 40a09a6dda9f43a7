//! Rendering: tables, text pages and escapes for the terminal. Reads the
//! model; never touches files.

pub mod agenda;
pub mod changes;
pub mod checkup;
pub mod conversation;
pub mod html;
pub mod meeting_summary;
pub mod page;
pub mod people;
pub mod planning;
pub mod planning_parts;
pub mod rocks;
pub mod scorecard;
pub mod seats;
pub mod style;
pub mod table;
pub mod vision;
pub mod words;

pub use crate::escape::{escape, escape_lines};
pub use style::Painter;
