//! Editing a process file's front matter (the TOML between its `+++`
//! lines) in place: the rest of the file — the steps a person wrote — is
//! kept byte for byte, and the front matter is edited with `toml_edit`, so
//! its comments and unknown keys survive too.

use super::edit::TomlDoc;
use super::files::{BOM, FileRef, without_bom};
use crate::error::{Error, Result};
use crate::model::process::{ProcessMeta, split_front_matter};

/// The file's text with its front matter changed by `edit`; the result is
/// checked to read back as a process.
pub fn edit(file: &FileRef, text: &str, edit: impl FnOnce(&mut TomlDoc)) -> Result<String> {
    let body = without_bom(text);
    let (start, front, rest) = split_front_matter(body).ok_or_else(|| {
        Error::broken(format!(
            "{}:1:1: expected a TOML front matter block between two `+++` lines",
            file.display
        ))
    })?;
    let mut doc = TomlDoc::parse(file, front)?;
    edit(&mut doc);
    let new_front = doc.to_text();
    toml::from_str::<ProcessMeta>(&new_front)
        .map_err(|e| Error::broken(format!("{}: {}", file.display, e.message().trim())))?;
    let closing = &body[start + front.len()..body.len() - rest.len()];
    let bom = if text.starts_with(BOM) { BOM } else { "" };
    Ok(format!("{bom}{}{new_front}{closing}{rest}", &body[..start]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::edit::set;

    #[test]
    fn only_the_edited_key_changes() {
        let text = "+++\n# who keeps it\nname = \"Onboarding\"\nowner = \"amy\"  # since May\nx-review = 2026-01-01\n+++\n1. Welcome call\n";
        let file = FileRef {
            path: "p.md".into(),
            display: "p.md".into(),
        };
        let out = edit(&file, text, |doc| {
            set(doc.doc.as_table_mut(), "owner", "ian")
        })
        .unwrap();
        assert_eq!(out, text.replace("\"amy\"", "\"ian\""));
    }
}
