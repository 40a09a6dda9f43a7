//! Words for people: counts (`1 rock`, `2 rocks` — never `1 rocks`) and
//! prose wrapped to a width between words, never inside one.

/// `n` and the noun in the number it takes.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A duration in hours and minutes, as a person says it: `15 min`,
/// `1 h`, `1 h 30 min` (never `0.25 h`).
pub fn duration(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// `line` wrapped to `width` columns between words: the first line keeps
/// the line's own indent, the others take `hang` spaces more. A word
/// longer than the width stays whole on a line of its own.
pub fn wrap(line: &str, width: usize, hang: usize) -> Vec<String> {
    let cols = |s: &str| s.chars().count();
    if cols(line) <= width {
        return vec![line.to_string()];
    }
    let body = line.trim_start();
    let indent = &line[..line.len() - body.len()];
    let next_indent = format!("{indent}{}", " ".repeat(hang));
    let mut lines: Vec<String> = Vec::new();
    let mut current = indent.to_string();
    let mut fresh = true;
    for word in body.split(' ') {
        if !fresh && cols(&current) + 1 + cols(word) > width {
            lines.push(std::mem::replace(&mut current, next_indent.clone()));
            fresh = true;
        }
        if !fresh {
            current.push(' ');
        }
        current.push_str(word);
        fresh = false;
    }
    lines.push(current);
    lines
}

/// `text` in lines of at most `width` characters, broken between words (a
/// word longer than the line has a line to itself; runs of spaces become
/// one); its own line breaks are kept.
pub fn wrap_lines(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let needed =
                line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
            if !line.is_empty() && needed > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines
}

/// Every line of `text` wrapped as [`wrap`] does, when `width` is known.
pub fn wrap_text(text: &str, width: Option<usize>, hang: usize) -> String {
    let Some(width) = width else {
        return text.to_string();
    };
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        for part in wrap(line, width, hang) {
            out.push_str(&part);
            out.push('\n');
        }
    }
    if !text.ends_with('\n') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn durations_in_hours_and_minutes() {
        assert_eq!(super::duration(15), "15 min");
        assert_eq!(super::duration(60), "1 h");
        assert_eq!(super::duration(90), "1 h 30 min");
    }

    #[test]
    fn wraps_between_words() {
        assert_eq!(
            super::wrap_lines("one two three four\nfive", 9),
            vec!["one two", "three", "four", "five"]
        );
        assert!(super::wrap_lines("", 9).is_empty());
    }

    #[test]
    fn wrap_breaks_between_words_with_a_hanging_indent() {
        assert_eq!(
            super::wrap("   + one two three four", 14, 2),
            ["   + one two", "     three", "     four"]
        );
        assert_eq!(super::wrap("short", 14, 2), ["short"]);
        assert_eq!(
            super::wrap("a verylongwordindeed b", 8, 0),
            ["a", "verylongwordindeed", "b"]
        );
    }

    #[test]
    fn one_and_many() {
        assert_eq!(super::count(1, "rock", "rocks"), "1 rock");
        assert_eq!(super::count(0, "rock", "rocks"), "0 rocks");
        assert_eq!(
            super::count(2, "core process", "core processes"),
            "2 core processes"
        );
    }
}
