//! What JSON says of a text a file leaves out: `null`, never `""`. The
//! files read an absent text field as empty (`#[serde(default)]`); every
//! `--json` output writes it back as `null`, as it does an absent date.

/// Serialises an empty text as `null` (`#[serde(serialize_with = ...)]`).
pub fn empty_as_null<S: serde::Serializer>(text: &str, s: S) -> Result<S::Ok, S::Error> {
    if text.is_empty() {
        s.serialize_none()
    } else {
        s.serialize_str(text)
    }
}
