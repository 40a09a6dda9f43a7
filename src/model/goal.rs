//! A measurable's goal: a comparison (`>= 20`, `<= 2`, `== 0`, `> 0`, `< 5`)
//! or an inclusive range (`10..20`), and whether a value hits it.

use serde::Serialize;
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Goal {
    AtLeast(f64),
    AtMost(f64),
    Above(f64),
    Below(f64),
    Exactly(f64),
    Between(f64, f64),
}

pub const GOAL_FORMS: &str = "`>= n`, `<= n`, `> n`, `< n`, `== n` or a range `a..b`";

impl Goal {
    pub fn is_hit(self, value: f64) -> bool {
        match self {
            Goal::AtLeast(n) => value >= n,
            Goal::AtMost(n) => value <= n,
            Goal::Above(n) => value > n,
            Goal::Below(n) => value < n,
            Goal::Exactly(n) => (value - n).abs() < 1e-9,
            Goal::Between(a, b) => a <= value && value <= b,
        }
    }
}

/// The largest magnitude pulse takes for a number: far above any business
/// figure, and small enough that sums and averages of a decade of weeks stay
/// finite and exact to the cent.
pub const MAX_MAGNITUDE: f64 = 1e15;

/// The smallest magnitude other than zero: below it (`1e-320`, a subnormal)
/// a value could not be written back as typed, so it is refused.
pub const MIN_MAGNITUDE: f64 = 1e-15;

/// Parses a plain number, allowing a leading `$` or `+`, thousands
/// separators (`1,200`, `1_200`) where they belong and a `k`, `M` or `B`
/// multiplier (`$12.5k` is 12,500, `1.2M` is 1,200,000); a trailing unit
/// (`%`, `h`...) is not allowed here: see [`parse_value`].
pub fn parse_number(text: &str) -> Option<f64> {
    number(text).ok()
}

/// A number, or why the text is not one pulse takes.
fn number(text: &str) -> Result<f64, String> {
    let t = text.trim();
    let t = t.strip_prefix('$').unwrap_or(t);
    let (sign, digits) = match t.strip_prefix(['-', '+']) {
        Some(rest) => (&t[..1], rest.strip_prefix('$').unwrap_or(rest)),
        None => ("", t),
    };
    let (digits, zeros) = multiplier(digits);
    let plain = scaled(&without_separators(digits)?, zeros);
    let n: f64 = format!("{sign}{plain}")
        .parse()
        .map_err(|_| "expected a number, e.g. 23, 2.5, 98%, $1,200".to_string())?;
    if !n.is_finite() || n.abs() > MAX_MAGNITUDE {
        return Err("beyond the largest magnitude pulse takes (10^15)".to_string());
    }
    if n != 0.0 && n.abs() < MIN_MAGNITUDE {
        return Err(
            "too close to zero to be kept exactly (the smallest magnitude is 10^-15)".to_string(),
        );
    }
    Ok(n)
}

/// How `text` reads with a decimal point where its one separator is
/// (`12,5` → `12.5`); a plain example when there are several.
fn decimal_point(text: &str, separator: char) -> String {
    if text.matches(separator).count() == 1 && !text.contains('.') {
        text.replace(separator, ".")
    } else {
        "5.5".to_string()
    }
}

/// A number's text without its `k` (thousand), `M` (million) or `B`
/// (billion) suffix, and the zeros the suffix stands for.
fn multiplier(text: &str) -> (&str, usize) {
    let after_digit = |rest: &str| {
        rest.ends_with(|c: char| c.is_ascii_digit() || c == '.')
            && rest.contains(|c: char| c.is_ascii_digit())
    };
    for (suffix, zeros) in [('k', 3), ('K', 3), ('M', 6), ('B', 9)] {
        if let Some(rest) = text.strip_suffix(suffix)
            && after_digit(rest)
        {
            return (rest, zeros);
        }
    }
    (text, 0)
}

/// A plain decimal multiplied by 10^zeros by moving its point, so that
/// `1.2M` is exactly 1200000 (a float product could be off by a bit).
fn scaled(plain: &str, zeros: usize) -> String {
    if zeros == 0 || plain.contains(['e', 'E']) {
        return if zeros == 0 {
            plain.to_string()
        } else {
            format!("{plain}e{zeros}")
        };
    }
    let (whole, fraction) = plain.split_once('.').unwrap_or((plain, ""));
    let mut fraction = fraction.to_string();
    while fraction.len() < zeros {
        fraction.push('0');
    }
    let (moved, rest) = fraction.split_at(zeros);
    let point = if rest.is_empty() { "" } else { "." };
    format!("{whole}{moved}{point}{rest}")
}

/// The digits of a number with its thousands separators taken out, or an
/// error when a `,` or `_` is not one: separators group the whole part in
/// threes (`1,234,567.5`); `5,5` is a decimal comma, which would be 55.
fn without_separators(text: &str) -> Result<String, String> {
    let separator = match (text.contains(','), text.contains('_')) {
        (false, false) => return Ok(text.to_string()),
        (true, true) => return Err("mixes `,` and `_` as thousands separators".to_string()),
        (true, false) => ',',
        (false, true) => '_',
    };
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (text, None),
    };
    let groups: Vec<&str> = whole.split(separator).collect();
    let digits = |g: &str| g.chars().all(|c| c.is_ascii_digit());
    let grouped = (1..=3).contains(&groups[0].len())
        && groups.iter().all(|g| digits(g))
        && groups[1..].iter().all(|g| g.len() == 3)
        && fraction.is_none_or(|f| !f.contains(separator));
    if !grouped {
        return Err(format!(
            "a `{separator}` only separates thousands (1{separator}200, 1{separator}234{separator}567.5); write a decimal point ({})",
            decimal_point(text, separator)
        ));
    }
    let mut plain = groups.concat();
    if let Some(fraction) = fraction {
        plain.push('.');
        plain.push_str(fraction);
    }
    Ok(plain)
}

/// Parses a recorded value: a number, optionally with a leading `$` and a
/// trailing unit such as `%` or `h`, which are stripped.
pub fn parse_value(text: &str) -> Result<f64, String> {
    let trimmed = text.trim();
    // `12.5k`, `$1.2M`: a multiplier, not a unit.
    let unit_free = if multiplier(trimmed).1 > 0 {
        trimmed
    } else {
        trimmed
            .trim_end_matches(|c: char| c.is_alphabetic() || c == '%')
            .trim_end()
    };
    // `inf`, `NaN`: letters only, stripped as a unit; never a number.
    if unit_free.is_empty() {
        return Err(format!(
            "invalid value `{text}`: expected a number, e.g. 23, 2.5, 98%, $1,200"
        ));
    }
    number(unit_free).map_err(|why| format!("invalid value `{text}`: {why}"))
}

impl FromStr for Goal {
    type Err = String;

    fn from_str(text: &str) -> Result<Goal, String> {
        let bad = || format!("invalid goal `{text}`: expected {GOAL_FORMS}");
        let t = text.trim();
        if let Some((a, b)) = t.split_once("..") {
            let (a, b) = (
                parse_number(a).ok_or_else(bad)?,
                parse_number(b).ok_or_else(bad)?,
            );
            if a > b {
                return Err(format!(
                    "invalid goal `{text}`: the range's start is above its end"
                ));
            }
            return Ok(Goal::Between(a, b));
        }
        type Make = fn(f64) -> Goal;
        let ops: [(&str, Make); 5] = [
            (">=", Goal::AtLeast),
            ("<=", Goal::AtMost),
            ("==", Goal::Exactly),
            (">", Goal::Above),
            ("<", Goal::Below),
        ];
        for (op, make) in ops {
            if let Some(rest) = t.strip_prefix(op) {
                return parse_number(rest).map(make).ok_or_else(bad);
            }
        }
        Err(bad())
    }
}

/// Writes a value exactly as it reads back (the shortest decimal that
/// does), without a needless `.0`: what `scorecard.csv` and exports hold.
pub fn format_exact(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// Formats a number for people: at most two decimals (two significant digits
/// below 1), without a needless `.0`.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        // Two decimals, or two significant digits for a small number
        // (`0.005` stays `0.005`, never `0.01`).
        let small = n.abs() < 1.0;
        let decimals = if small {
            ((-n.abs().log10()).ceil() as usize + 1).clamp(2, 15)
        } else {
            2
        };
        let s = format!("{n:.decimals$}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A goal as written to `scorecard.toml` and JSON: its numbers exact
/// (`<= 0.005` stays `<= 0.005`); [`crate::model::number::goal_with_unit`]
/// shows it to people.
impl fmt::Display for Goal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = format_exact;
        match *self {
            Goal::AtLeast(v) => write!(f, ">= {}", n(v)),
            Goal::AtMost(v) => write!(f, "<= {}", n(v)),
            Goal::Above(v) => write!(f, "> {}", n(v)),
            Goal::Below(v) => write!(f, "< {}", n(v)),
            Goal::Exactly(v) => write!(f, "== {}", n(v)),
            Goal::Between(a, b) => write!(f, "{}..{}", n(a), n(b)),
        }
    }
}

impl Serialize for Goal {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(s: &str) -> Goal {
        s.parse().unwrap()
    }

    #[test]
    fn every_form_at_its_boundary() {
        assert!(g(">= 20").is_hit(20.0) && !g(">= 20").is_hit(19.99));
        assert!(g("<= 2").is_hit(2.0) && !g("<= 2").is_hit(2.01));
        assert!(g("> 0").is_hit(0.01) && !g("> 0").is_hit(0.0));
        assert!(g("< 5").is_hit(4.9) && !g("< 5").is_hit(5.0));
        assert!(g("== 0").is_hit(0.0) && !g("== 0").is_hit(1.0));
        assert!(g("10..20").is_hit(10.0) && g("10..20").is_hit(20.0) && !g("10..20").is_hit(20.5));
        assert!(g(">=20").is_hit(21.0));
    }

    #[test]
    fn bad_goals_list_the_forms() {
        for bad in ["20", "=> 20", ">= x", "20..10", "", ">="] {
            assert!(bad.parse::<Goal>().is_err(), "{bad}");
        }
        assert!("about 20".parse::<Goal>().unwrap_err().contains("`>= n`"));
    }

    #[test]
    fn values_strip_units() {
        assert_eq!(parse_value("98%").unwrap(), 98.0);
        assert_eq!(parse_value("$1,200").unwrap(), 1200.0);
        assert_eq!(parse_value("2.5h").unwrap(), 2.5);
        assert_eq!(parse_value("-3").unwrap(), -3.0);
        assert!(parse_value("lots").is_err());
        assert!(parse_value("NaN").is_err());
        assert!(parse_value("inf").is_err());
    }

    #[test]
    fn amounts_with_suffixes_are_multiplied_not_cut() {
        assert_eq!(parse_value("$1.2M").unwrap(), 1_200_000.0);
        assert_eq!(parse_value("$12.5k").unwrap(), 12_500.0);
        assert_eq!(parse_value("12.5K").unwrap(), 12_500.0);
        assert_eq!(parse_value("2B").unwrap(), 2_000_000_000.0);
        assert_eq!(parse_value("-1.25k").unwrap(), -1_250.0);
        assert_eq!(parse_value("1,250k").unwrap(), 1_250_000.0);
        assert_eq!(parse_value("0.0001k").unwrap(), 0.1);
        assert_eq!(parse_number("1.5M"), Some(1_500_000.0));
        // A multiplier needs a number: `.k` is no value.
        assert!(parse_value(".k").is_err());
        assert!(parse_value("$.M").is_err());
        assert_eq!(
            "<= 0.005".parse::<Goal>().unwrap().to_string(),
            "<= 0.005",
            "a goal is written as typed, not rounded"
        );
        assert_eq!(
            ">= $1.2M".parse::<Goal>().unwrap(),
            Goal::AtLeast(1_200_000.0)
        );
        // A unit is still a unit, and a decimal comma is still refused.
        assert_eq!(parse_value("5h").unwrap(), 5.0);
        assert_eq!(parse_value("7 kg").unwrap(), 7.0);
        assert!(
            parse_value("12,5")
                .unwrap_err()
                .contains("write a decimal point (12.5)")
        );
    }

    #[test]
    fn a_comma_is_a_thousands_separator_or_an_error() {
        assert_eq!(parse_value("1,200").unwrap(), 1200.0);
        assert_eq!(parse_value("-$1,234,567.25").unwrap(), -1234567.25);
        assert_eq!(parse_value("12_000").unwrap(), 12000.0);
        for bad in [
            "5,5",
            "1,20",
            "1,2000",
            ",100",
            "1,,000",
            "1.000,5",
            "1_0",
            "1,000_000",
        ] {
            let err = parse_value(bad).unwrap_err();
            assert!(err.contains("separat"), "{bad}: {err}");
        }
        assert!(
            parse_value("5,5")
                .unwrap_err()
                .contains("write a decimal point (5.5)")
        );
    }

    #[test]
    fn magnitudes_past_the_limits_are_refused_and_others_kept_exactly() {
        assert!(parse_value("1.7e308").unwrap_err().contains("10^15"));
        assert!(parse_value("1e16").is_err());
        assert_eq!(parse_value("1e15").unwrap(), 1e15);
        assert!(parse_value("1e-320").unwrap_err().contains("10^-15"));
        assert_eq!(parse_value("0").unwrap(), 0.0);
        for typed in [
            "0.123",
            "1e-9",
            "-3.5",
            "999999999999999",
            "0.000000000000001",
        ] {
            let n = parse_value(typed).unwrap();
            assert_eq!(parse_value(&format_exact(n)).unwrap(), n, "{typed}");
        }
        assert_eq!(format_exact(0.123), "0.123");
        assert_eq!(format_exact(2.0), "2");
    }

    #[test]
    fn display_round_trips() {
        for s in [">= 20", "<= 2.5", "== 0", "> 0", "< 5", "10..20"] {
            assert_eq!(g(s).to_string(), s);
        }
    }
}
