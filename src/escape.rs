//! Text from the files is shown safely: control characters (an ANSI escape in
//! a teammate's title, a stray newline) and bidi overrides are printed
//! escaped, never sent raw to the terminal.

use std::borrow::Cow;
use std::fmt::Write;

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

/// The text with every control character written as an escape (`\n`, `\t`,
/// `\x1b`, `\u{202e}`).
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) && (c as u32) < 0x100 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Escapes each line of a multi-line text, keeping its line breaks.
pub fn escape_lines(text: &str) -> String {
    text.split_inclusive('\n')
        .map(|line| match line.strip_suffix('\n') {
            Some(body) => format!("{}\n", escape(body)),
            None => escape(line).into_owned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_controls_only() {
        assert_eq!(escape("Plain – ünïcode 🚀"), "Plain – ünïcode 🚀");
        assert_eq!(escape("red\u{1b}[31m\n"), "red\\x1b[31m\\n");
        assert_eq!(escape("a\u{202e}b\u{7f}"), "a\\u{202e}b\\x7f");
        assert_eq!(escape("\u{9b}"), "\\x9b");
    }
}
