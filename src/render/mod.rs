//! Rendering: tables, text pages and escapes for the terminal. Reads the
//! model; never touches files.

pub mod rocks;
pub mod scorecard;
pub mod sanitize;
pub mod style;
pub mod table;

pub use sanitize::{escape, escape_lines};
pub use style::Painter;
