//! A measurable's source (SPEC §9), the rules that need no process: what a
//! source's output means (line one the value, line two the note), and the
//! words of its command that may name a file (the files trust covers).

use super::goal::parse_value;

/// What a source printed, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub value: f64,
    /// The second line, when it is not blank.
    pub note: Option<String>,
}

/// Why a source's output is not a value.
#[derive(Debug, Clone, PartialEq)]
pub enum Unreadable {
    /// Nothing but blanks on standard output.
    NoOutput,
    /// The first line is not a number in any form `scorecard record`
    /// accepts.
    NotANumber { printed: String, expected: String },
}

/// Reads a source's standard output: the first line is the value, in any
/// form `scorecard record` accepts (`23`, `4.5`, `98%`, `$1,200`); a second
/// line that is not blank is the value's note; lines after it are ignored.
pub fn read_output(stdout: &str) -> Result<Reading, Unreadable> {
    if stdout.trim().is_empty() {
        return Err(Unreadable::NoOutput);
    }
    let mut lines = stdout.lines();
    let first = lines.next().unwrap_or("").trim();
    let value = parse_value(first).map_err(|expected| Unreadable::NotANumber {
        printed: first.to_string(),
        expected,
    })?;
    let note = lines
        .next()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(String::from);
    Ok(Reading { value, note })
}

/// The words of a shell command that could name a file it reads or runs:
/// each word as the shell would pass it (quotes removed, no expansion),
/// split at blanks and at `| & ; < > ( )` and backquotes; the part after a
/// word's first `=` (`--file=x`, `VAR=x`); and the words inside a quoted
/// word (`sh -c 'scripts/a.sh x'`). The target of an output redirection
/// (`> out.txt`) is left out: the command writes it, it does not run it.
/// The caller keeps those words that name a file.
pub fn file_words(command: &str) -> Vec<String> {
    let mut found = Vec::new();
    collect(command, &mut found, 0);
    found
}

fn collect(command: &str, found: &mut Vec<String>, depth: u8) {
    for (word, quoted, output) in words(command) {
        if output {
            continue;
        }
        if let Some((_, value)) = word.split_once('=') {
            push(found, value);
        }
        if quoted && depth < 3 && word.chars().any(|c| c.is_whitespace() || is_operator(c)) {
            collect(&word, found, depth + 1);
        }
        push(found, &word);
    }
}

fn push(found: &mut Vec<String>, word: &str) {
    if !word.is_empty() && !found.iter().any(|w| w == word) {
        found.push(word.to_string());
    }
}

fn is_operator(c: char) -> bool {
    matches!(c, '|' | '&' | ';' | '<' | '>' | '(' | ')' | '`')
}

/// The command's words with their quotes removed, each with whether any
/// part of it was quoted and whether it follows a `>` (a file written).
fn words(command: &str) -> Vec<(String, bool, bool)> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut in_word = false;
    let mut output = false;
    let mut chars = command.chars();
    let mut end = |word: &mut String, quoted: &mut bool, in_word: &mut bool, output: &mut bool| {
        if *in_word {
            words.push((std::mem::take(word), *quoted, *output));
            *output = false;
        }
        *quoted = false;
        *in_word = false;
    };
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                quoted = true;
                word.extend(chars.by_ref().take_while(|&c| c != '\''));
            }
            '"' => {
                in_word = true;
                quoted = true;
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => match chars.next() {
                            Some(e @ ('"' | '\\' | '$' | '`')) => word.push(e),
                            Some('\n') => {}
                            Some(other) => {
                                word.push('\\');
                                word.push(other);
                            }
                            None => word.push('\\'),
                        },
                        c => word.push(c),
                    }
                }
            }
            '\\' => {
                in_word = true;
                match chars.next() {
                    Some('\n') | None => {}
                    Some(e) => word.push(e),
                }
            }
            c if c.is_whitespace() || is_operator(c) => {
                end(&mut word, &mut quoted, &mut in_word, &mut output);
                if c == '>' {
                    output = true;
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    end(&mut word, &mut quoted, &mut in_word, &mut output);
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_line_is_the_value_and_the_second_the_note() {
        assert_eq!(
            read_output("23\n"),
            Ok(Reading {
                value: 23.0,
                note: None
            })
        );
        assert_eq!(
            read_output("  $1,200 \r\nfrom the CRM export\r\nignored\n"),
            Ok(Reading {
                value: 1200.0,
                note: Some("from the CRM export".into())
            })
        );
        assert_eq!(read_output("98%\n   \nthird").unwrap().note, None);
        assert_eq!(read_output(" \n\n"), Err(Unreadable::NoOutput));
        assert!(matches!(
            read_output("n/a\n4\n"),
            Err(Unreadable::NotANumber { printed, .. }) if printed == "n/a"
        ));
    }

    #[test]
    fn words_that_may_name_files() {
        assert_eq!(
            file_words("sh scripts/leads.sh --week \"$PULSE_WEEK\""),
            ["sh", "scripts/leads.sh", "--week", "$PULSE_WEEK"]
        );
        assert_eq!(
            file_words("awk -F, 'NR > 1' data/a.csv|wc -l>out"),
            ["awk", "-F,", "NR", "NR > 1", "data/a.csv", "wc", "-l"]
        );
        assert_eq!(
            file_words("python3 x.py --config=conf/a.toml"),
            ["python3", "x.py", "conf/a.toml", "--config=conf/a.toml"]
        );
        assert_eq!(
            file_words("cat $(ls)<in;./run\\ me 2>&1 >>log"),
            ["cat", "$", "ls", "in", "./run me", "2"]
        );
        assert_eq!(
            file_words("sh -c 'scripts/a.sh \"x y\"'"),
            [
                "sh",
                "-c",
                "scripts/a.sh",
                "x",
                "y",
                "x y",
                "scripts/a.sh \"x y\""
            ]
        );
    }
}
