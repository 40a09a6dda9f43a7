//! `people.toml`: the People Analyzer. Each person is rated against every
//! core value (`+`, `+/-`, `-`) and on GWC for their seat: Gets it, Wants it,
//! has the Capacity to do it. The file is optional and sensitive.

use super::time::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use toml::Spanned;

#[derive(Debug, Clone, Deserialize, Serialize, Default, PartialEq)]
pub struct PeopleFile {
    /// Handle → assessment.
    #[serde(default)]
    pub people: BTreeMap<String, Assessment>,
}

#[derive(Debug, Clone, Deserialize, Serialize, Default, PartialEq)]
pub struct Assessment {
    /// Core value name (as in vision.toml) → `+`, `+/-` or `-`; spans
    /// locate a bad rating in the file.
    #[serde(default)]
    pub values: BTreeMap<String, Spanned<String>>,
    /// Three letters Y/N: gets it, wants it, capacity, e.g. "YYN".
    #[serde(default)]
    pub gwc: Option<Spanned<String>>,
    /// When the leadership team last rated this person.
    pub rated: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum ValueRating {
    #[serde(rename = "-")]
    Minus,
    #[serde(rename = "+/-")]
    PlusMinus,
    #[serde(rename = "+")]
    Plus,
}

impl ValueRating {
    pub fn parse(text: &str) -> Result<ValueRating, String> {
        match text.trim() {
            "+" => Ok(ValueRating::Plus),
            "+/-" | "±" | "+-" => Ok(ValueRating::PlusMinus),
            "-" => Ok(ValueRating::Minus),
            other => Err(format!(
                "invalid core value rating `{other}`: expected +, +/- or -"
            )),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ValueRating::Plus => "+",
            ValueRating::PlusMinus => "+/-",
            ValueRating::Minus => "-",
        }
    }
}

/// Gets it, wants it, capacity to do it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Gwc {
    pub gets_it: bool,
    pub wants_it: bool,
    pub capacity: bool,
}

impl Gwc {
    pub fn parse(text: &str) -> Result<Gwc, String> {
        let error = || {
            format!(
                "invalid GWC `{}`: expected three letters Y or N for gets it, wants it, capacity, e.g. YYN",
                text.trim()
            )
        };
        let flags: Vec<bool> = text
            .trim()
            .chars()
            .map(|c| match c.to_ascii_uppercase() {
                'Y' => Ok(true),
                'N' => Ok(false),
                _ => Err(error()),
            })
            .collect::<Result<_, _>>()?;
        match flags[..] {
            [gets_it, wants_it, capacity] => Ok(Gwc {
                gets_it,
                wants_it,
                capacity,
            }),
            _ => Err(error()),
        }
    }

    pub fn all(self) -> bool {
        self.gets_it && self.wants_it && self.capacity
    }
}

impl fmt::Display for Gwc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let yn = |b: bool| if b { 'Y' } else { 'N' };
        write!(
            f,
            "{}{}{}",
            yn(self.gets_it),
            yn(self.wants_it),
            yn(self.capacity)
        )
    }
}

/// Where a person stands against the bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Shares the values and fits the seat.
    RightPersonRightSeat,
    /// Shares the values, but GWC is not all Y.
    RightPersonWrongSeat,
    /// Below the bar on the core values.
    WrongPerson,
    /// Not every core value or GWC rated yet.
    NotRated,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::RightPersonRightSeat => "right person, right seat",
            Verdict::RightPersonWrongSeat => "right person, wrong seat",
            Verdict::WrongPerson => "below the bar",
            Verdict::NotRated => "not rated",
        }
    }
}

/// The bar: no `-` on any core value and at most one `+/-` (the usual EOS
/// bar); then the right seat when GWC is YYY.
pub fn verdict(ratings: &[Option<ValueRating>], gwc: Option<Gwc>) -> Verdict {
    if ratings.contains(&Some(ValueRating::Minus))
        || ratings
            .iter()
            .filter(|r| **r == Some(ValueRating::PlusMinus))
            .count()
            > 1
    {
        return Verdict::WrongPerson;
    }
    match gwc {
        _ if ratings.iter().any(Option::is_none) => Verdict::NotRated,
        None => Verdict::NotRated,
        Some(g) if g.all() => Verdict::RightPersonRightSeat,
        Some(_) => Verdict::RightPersonWrongSeat,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ValueRating::*;

    #[test]
    fn gwc_parses_three_letters() {
        let g = Gwc::parse("yYn").unwrap();
        assert!(g.gets_it && g.wants_it && !g.capacity);
        assert_eq!(g.to_string(), "YYN");
        assert!(Gwc::parse("YY").is_err());
        assert!(Gwc::parse("YYYY").is_err());
        assert!(
            Gwc::parse("YXN")
                .unwrap_err()
                .contains("expected three letters")
        );
    }

    #[test]
    fn ratings_parse() {
        assert_eq!(ValueRating::parse("+/-"), Ok(PlusMinus));
        assert_eq!(ValueRating::parse(" + "), Ok(Plus));
        assert!(
            ValueRating::parse("++")
                .unwrap_err()
                .contains("+, +/- or -")
        );
    }

    #[test]
    fn the_bar() {
        let yyy = Gwc::parse("YYY").ok();
        let yyn = Gwc::parse("YYN").ok();
        assert_eq!(
            verdict(&[Some(Plus), Some(PlusMinus)], yyy),
            Verdict::RightPersonRightSeat
        );
        assert_eq!(
            verdict(&[Some(Plus), Some(Plus)], yyn),
            Verdict::RightPersonWrongSeat
        );
        assert_eq!(
            verdict(&[Some(PlusMinus), Some(PlusMinus)], yyy),
            Verdict::WrongPerson
        );
        assert_eq!(verdict(&[Some(Minus), None], None), Verdict::WrongPerson);
        assert_eq!(verdict(&[Some(Plus), None], yyy), Verdict::NotRated);
        assert_eq!(verdict(&[Some(Plus)], None), Verdict::NotRated);
    }
}
