//! Storage: finding the company, reading its files into the model, editing
//! them in place (TOML through `toml_edit`, the CSV row by row), atomic writes
//! and the write lock. Knows nothing of the command line or git.

pub mod atomic;
pub mod edit;
pub mod files;
pub mod load;
pub mod lock;
pub mod parse;
pub mod to_toml;
pub mod values;
pub mod workspace;

pub use files::FileRef;
pub use workspace::Workspace;
