//! Numbers as people read them: thousands grouped (`75,937.50`), the
//! measurable's unit on values and goals (`$80,000`, `99.95%`), and whole
//! numbers in JSON as typed (`21`, not `21.0`). Files, CSV and exports keep
//! the plain form of [`super::goal::format_number`].

use super::goal::{Goal, format_number};
use serde::Serializer;

/// Units written before the number.
const PREFIX_UNITS: [&str; 3] = ["$", "€", "£"];

/// `n` with its whole part grouped by thousands: `75937.5` → `75,937.5`;
/// `decimals` fixes the digits after the point (else as `format_number`).
pub fn grouped(n: f64, decimals: Option<usize>) -> String {
    let plain = match decimals {
        Some(d) => format!("{:.d$}", n.abs()),
        None => format_number(n.abs()),
    };
    let (whole, fraction) = match plain.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (plain.as_str(), None),
    };
    let mut out = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    if let Some(f) = fraction {
        out.push('.');
        out.push_str(f);
    }
    if n < 0.0 && out.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.insert(0, '-');
    }
    out
}

/// A value with its unit, grouped: `$75,937.50`, `98%`, `104s`, `1,200`.
/// Money with cents shows both digits of them.
pub fn with_unit(value: f64, unit: &str) -> String {
    if PREFIX_UNITS.contains(&unit) {
        let decimals = (value.fract() != 0.0).then_some(2);
        let n = grouped(value, decimals);
        match n.strip_prefix('-') {
            Some(positive) => format!("-{unit}{positive}"),
            None => format!("{unit}{n}"),
        }
    } else {
        format!("{}{unit}", grouped(value, None))
    }
}

/// A goal with the measurable's unit: `>= $80,000`, `<= 2`, `30..80`.
pub fn goal_with_unit(goal: Goal, unit: &str) -> String {
    let n = |v: f64| with_unit(v, unit);
    match goal {
        Goal::AtLeast(v) => format!(">= {}", n(v)),
        Goal::AtMost(v) => format!("<= {}", n(v)),
        Goal::Above(v) => format!("> {}", n(v)),
        Goal::Below(v) => format!("< {}", n(v)),
        Goal::Exactly(v) => format!("== {}", n(v)),
        Goal::Between(a, b) => format!("{}..{}", n(a), n(b)),
    }
}

/// Serialises a number as typed: a whole one as an integer (`21`), any
/// other as itself (`2.5`). For `#[serde(serialize_with)]`.
pub fn json<S: Serializer>(n: &f64, s: S) -> Result<S::Ok, S::Error> {
    if n.fract() == 0.0 && n.abs() < 9e15 {
        s.serialize_i64(*n as i64)
    } else {
        s.serialize_f64(*n)
    }
}

/// [`json`] for an optional number (`null` when absent).
pub fn json_opt<S: Serializer>(n: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match n {
        Some(n) => json(n, s),
        None => s.serialize_none(),
    }
}

/// [`json_opt`] for a list of optional numbers.
pub fn json_list<S: Serializer>(list: &[Option<f64>], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = s.serialize_seq(Some(list.len()))?;
    for n in list {
        seq.serialize_element(&n.map(Whole))?;
    }
    seq.end()
}

/// A number that serialises as [`json`] does.
struct Whole(f64);

impl serde::Serialize for Whole {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        json(&self.0, s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped_and_money_shows_cents() {
        assert_eq!(with_unit(75937.5, "$"), "$75,937.50");
        assert_eq!(with_unit(69900.0, "$"), "$69,900");
        assert_eq!(with_unit(1200.0, ""), "1,200");
        assert_eq!(with_unit(999.0, ""), "999");
        assert_eq!(with_unit(99.98, "%"), "99.98%");
        assert_eq!(with_unit(-1234567.0, "$"), "-$1,234,567");
        assert_eq!(with_unit(-0.5, ""), "-0.5");
        assert_eq!(with_unit(104.0, "s"), "104s");
    }

    #[test]
    fn goals_carry_the_unit() {
        let g = |s: &str| s.parse::<Goal>().unwrap();
        assert_eq!(goal_with_unit(g(">= 80000"), "$"), ">= $80,000");
        assert_eq!(goal_with_unit(g("<= 2"), ""), "<= 2");
        assert_eq!(goal_with_unit(g("30..80"), ""), "30..80");
        assert_eq!(goal_with_unit(g(">= 99.95"), "%"), ">= 99.95%");
    }

    #[test]
    fn whole_numbers_are_integers_in_json() {
        #[derive(serde::Serialize)]
        struct T {
            #[serde(serialize_with = "json")]
            a: f64,
            #[serde(serialize_with = "json")]
            b: f64,
            #[serde(serialize_with = "json_opt")]
            c: Option<f64>,
            #[serde(serialize_with = "json_list")]
            d: Vec<Option<f64>>,
        }
        let t = T {
            a: 21.0,
            b: 2.5,
            c: None,
            d: vec![Some(3.0), None],
        };
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            r#"{"a":21,"b":2.5,"c":null,"d":[3,null]}"#
        );
    }
}
