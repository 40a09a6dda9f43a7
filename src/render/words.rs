//! Counts in words: `1 rock`, `2 rocks` — never `1 rocks`.

/// `n` and the noun in the number it takes.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
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
