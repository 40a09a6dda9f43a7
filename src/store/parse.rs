//! Parsing TOML into the model, with errors as `file:line:column: what`
//! followed by the source line and a caret.

use super::files::{FileRef, without_bom};
use crate::error::{Error, Result};
use serde::de::DeserializeOwned;

/// Deserializes a whole TOML file. Unknown keys are ignored here (and kept by
/// edits, which go through `toml_edit`).
pub fn parse_toml<T: DeserializeOwned>(file: &FileRef, text: &str) -> Result<T> {
    let body = without_bom(text);
    toml::from_str(body).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        located_error(file, body, offset, e.message().trim())
    })
}

/// An exit-2 error pointing at a byte offset of a file.
pub fn located_error(file: &FileRef, text: &str, offset: usize, message: &str) -> Error {
    let (line, column) = line_col(text, offset);
    let source = text.lines().nth(line - 1).unwrap_or("");
    let gutter = line.to_string();
    let pad = " ".repeat(gutter.len());
    let caret_pad: String = source
        .chars()
        .take(column - 1)
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    let message = message.replace('\n', " ");
    Error::broken(format!(
        "{}:{line}:{column}: {message}\n{pad} |\n{gutter} | {}\n{pad} | {caret_pad}^",
        file.display,
        crate::render::sanitize::escape(source)
    ))
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    (line, column)
}

/// The line of the first `id = "..."` for an item, for messages about it.
pub fn line_of_id(text: &str, id: &str) -> usize {
    lines_of_id(text, id).next().unwrap_or(1)
}

/// Every line (1-based) holding `id = "..."` for this id: the second one is
/// where a duplicate starts.
pub fn lines_of_id<'a>(text: &'a str, id: &str) -> impl Iterator<Item = usize> + 'a {
    let needle = format!("\"{id}\"");
    text.lines().enumerate().filter_map(move |(i, l)| {
        let l = l.trim_start();
        ((l.starts_with("id") || l.contains(" id ") || l.contains("{ id") || l.contains("{id"))
            && l.contains(&needle))
        .then_some(i + 1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        assert_eq!(line_col(text, 9), (2, 3));
        assert_eq!(line_col(text, 999), (3, 1));
    }
}
