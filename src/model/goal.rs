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

/// Parses a plain number, allowing a leading `$` or `+`, a trailing unit
/// (`%`, `h`, `k`...) is not allowed here: see [`parse_value`].
pub fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim().replace(['_', ','], "");
    let t = t.strip_prefix('$').unwrap_or(&t);
    let n: f64 = t.parse().ok()?;
    n.is_finite().then_some(n)
}

/// Parses a recorded value: a number, optionally with a leading `$` and a
/// trailing unit such as `%` or `h`, which are stripped.
pub fn parse_value(text: &str) -> Result<f64, String> {
    let trimmed = text.trim();
    let number = trimmed
        .trim_end_matches(|c: char| c.is_alphabetic() || c == '%')
        .trim_end();
    parse_number(number).ok_or_else(|| {
        format!("invalid value `{text}`: expected a number, e.g. 23, 2.5, 98%, $1200")
    })
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

/// Formats a number without a needless `.0`.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

impl fmt::Display for Goal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = format_number;
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
    fn display_round_trips() {
        for s in [">= 20", "<= 2.5", "== 0", "> 0", "< 5", "10..20"] {
            assert_eq!(g(s).to_string(), s);
        }
    }
}
