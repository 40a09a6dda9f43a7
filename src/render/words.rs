//! Counts in words (`1 rock`, `2 rocks` — never `1 rocks`), and prose
//! wrapped at word boundaries to fit a line.

/// `n` and the noun in the number it takes.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `text` in lines of at most `width` characters, broken between words
/// (a word longer than the line has a line to itself); its own line
/// breaks are kept.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
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

#[cfg(test)]
mod tests {
    #[test]
    fn wraps_between_words() {
        assert_eq!(
            super::wrap("one two three four\nfive", 9),
            vec!["one two", "three", "four", "five"]
        );
        assert!(super::wrap("", 9).is_empty());
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
