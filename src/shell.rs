//! Quoting for a POSIX shell: a command pulse shows for a person to copy
//! (a hint), or hands to git to run through `sh` (the merge driver's line).
//! File names and a teammate's text never reach a shell unquoted.

/// One argument in single quotes, always: nothing inside is special to the
/// shell (no `$(...)`, backticks or globs), and a `'` becomes `'\''`.
pub fn quote(arg: &str) -> String {
    format!("'{}'", arg.replace('\'', r"'\''"))
}

/// The first word of a shell command line, unquoted: single-quoted parts,
/// double-quoted parts (with `\` escapes) and plain characters up to the
/// first unquoted blank. `None` for an empty line.
pub fn first_word(line: &str) -> Option<String> {
    let mut word = String::new();
    let mut chars = line.trim_start().chars().peekable();
    chars.peek()?;
    while let Some(c) = chars.next() {
        match c {
            '\'' => word.extend(chars.by_ref().take_while(|&c| c != '\'')),
            '"' => {
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => word.extend(chars.next()),
                        c => word.push(c),
                    }
                }
            }
            '\\' => word.extend(chars.next()),
            c if c.is_whitespace() => break,
            c => word.push(c),
        }
    }
    Some(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_keeps_every_character_literal() {
        assert_eq!(quote("todos.toml"), "'todos.toml'");
        assert_eq!(quote("it's $(rm -rf /)"), r"'it'\''s $(rm -rf /)'");
        assert_eq!(quote(""), "''");
    }

    #[test]
    fn the_first_word_comes_back_unquoted() {
        for path in ["/usr/bin/pulse", "/tmp/a b/pulse", "/tmp/it's/pulse", ""] {
            let line = format!("{} merge-driver %O %A %B %P", quote(path));
            assert_eq!(first_word(&line).as_deref(), Some(path));
        }
        assert_eq!(first_word("pulse merge-driver").as_deref(), Some("pulse"));
        assert_eq!(
            first_word(r#""/a \"b\"/p" x"#).as_deref(),
            Some(r#"/a "b"/p"#)
        );
        assert_eq!(first_word("   "), None);
    }
}
