//! Rendering: tables, text pages and escapes for the terminal. Reads the
//! model; never touches files.

pub mod sanitize;
pub mod style;
pub mod table;

pub use sanitize::escape;
pub use style::Painter;
