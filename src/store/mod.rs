//! Storage: finding the company, reading its files (the live lists and their
//! archive) into the model, editing them in place (TOML through `toml_edit`,
//! one conversion per item type; the CSV row by row), atomic writes and the
//! write lock. Knows nothing of the command line, the use cases or git.

pub mod atomic;
pub mod edit;
pub mod files;
pub mod front_matter;
pub mod load;
pub mod lock;
pub mod parse;
pub mod people_home;
pub mod to_toml;
pub mod trust;
pub mod values;
pub mod workspace;

pub use files::FileRef;
pub use people_home::PeopleHome;
pub use workspace::Workspace;
