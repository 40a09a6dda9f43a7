//! `people.toml`: the People Analyzer. Each person is rated against every
//! core value (`+`, `+/-`, `-`) and on GWC for each seat they sit in: Gets
//! it, Wants it, has the Capacity to do it; each rating says who made it and
//! when, and earlier ones are kept. The file is optional and private.

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
    /// Three letters Y/N: gets it, wants it, capacity, e.g. "YYN", for
    /// every seat the person sits in (the form before GWC was per seat).
    #[serde(default)]
    pub gwc: Option<Spanned<String>>,
    /// GWC per seat: seat id → three letters Y/N. Wins over `gwc`.
    #[serde(default)]
    pub gwc_by_seat: BTreeMap<String, Spanned<String>>,
    /// When the leadership team last rated this person.
    pub rated: Option<Date>,
    /// Who made that rating (a handle).
    pub by: Option<String>,
    /// Earlier ratings, oldest first: one kept per quarter and rater.
    #[serde(default)]
    pub history: Vec<Assessment>,
}

impl Assessment {
    /// The GWC written for a seat: its own, else the one for every seat.
    pub fn gwc_for(&self, seat: &str) -> Option<&Spanned<String>> {
        self.gwc_by_seat.get(seat).or(self.gwc.as_ref())
    }

    /// Every GWC text of this rating, for checking.
    pub fn every_gwc(&self) -> impl Iterator<Item = &Spanned<String>> {
        self.gwc.iter().chain(self.gwc_by_seat.values())
    }

    /// Whether anything is rated at all.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty() && self.gwc.is_none() && self.gwc_by_seat.is_empty()
    }
}

/// The bar (`[people_analyzer] bar` in company.toml): how many `-` and how
/// many `+/-` a person may have on the core values and still be the right
/// person. EOS's usual bar, the default, is no `-` and at most one `+/-`.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
pub struct Bar {
    #[serde(default)]
    pub minus: usize,
    #[serde(default = "one")]
    pub plus_minus: usize,
}

fn one() -> usize {
    1
}

impl Default for Bar {
    fn default() -> Self {
        Bar {
            minus: 0,
            plus_minus: 1,
        }
    }
}

impl Bar {
    /// Whether these ratings (some not made yet) are already below the bar.
    pub fn is_below(&self, ratings: &[Option<ValueRating>]) -> bool {
        let count = |r: ValueRating| ratings.iter().filter(|x| **x == Some(r)).count();
        count(ValueRating::Minus) > self.minus || count(ValueRating::PlusMinus) > self.plus_minus
    }
}

impl fmt::Display for Bar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let most = |n: usize, what: &str| match n {
            0 => format!("no {what}"),
            n => format!("at most {n} {what}"),
        };
        write!(
            f,
            "{}, {}",
            most(self.minus, "-"),
            most(self.plus_minus, "+/-")
        )
    }
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

/// Where a person stands in one seat: below the bar on the core values
/// (rated or not, the `-` and `+/-` already given count), else not rated
/// until every core value and the seat's GWC are (a company with no core
/// values, or a person in no seat, is never "right person, right seat"),
/// else the right person, in the right seat when GWC is YYY.
pub fn verdict(ratings: &[Option<ValueRating>], gwc: Option<Gwc>, bar: Bar) -> Verdict {
    if bar.is_below(ratings) {
        return Verdict::WrongPerson;
    }
    match gwc {
        _ if ratings.is_empty() || ratings.iter().any(Option::is_none) => Verdict::NotRated,
        None => Verdict::NotRated,
        Some(g) if g.all() => Verdict::RightPersonRightSeat,
        Some(_) => Verdict::RightPersonWrongSeat,
    }
}

/// A person's verdict over all their seats: the worst of them (below the
/// bar, then not rated, then a wrong seat).
pub fn overall(verdicts: &[Verdict]) -> Verdict {
    [
        Verdict::WrongPerson,
        Verdict::NotRated,
        Verdict::RightPersonWrongSeat,
    ]
    .into_iter()
    .find(|v| verdicts.contains(v))
    .unwrap_or(if verdicts.is_empty() {
        Verdict::NotRated
    } else {
        Verdict::RightPersonRightSeat
    })
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
        let bar = Bar::default();
        let yyy = Gwc::parse("YYY").ok();
        let yyn = Gwc::parse("YYN").ok();
        assert_eq!(
            verdict(&[Some(Plus), Some(PlusMinus)], yyy, bar),
            Verdict::RightPersonRightSeat
        );
        assert_eq!(
            verdict(&[Some(Plus), Some(Plus)], yyn, bar),
            Verdict::RightPersonWrongSeat
        );
        assert_eq!(
            verdict(&[Some(PlusMinus), Some(PlusMinus)], yyy, bar),
            Verdict::WrongPerson
        );
        assert_eq!(
            verdict(&[Some(Minus), None], None, bar),
            Verdict::WrongPerson
        );
        assert_eq!(verdict(&[Some(Plus), None], yyy, bar), Verdict::NotRated);
        assert_eq!(verdict(&[Some(Plus)], None, bar), Verdict::NotRated);
        // No core values: nothing to be the right person against.
        assert_eq!(verdict(&[], yyy, bar), Verdict::NotRated);
    }

    #[test]
    fn a_team_sets_its_own_bar() {
        let strict = Bar {
            minus: 0,
            plus_minus: 0,
        };
        let lenient = Bar {
            minus: 1,
            plus_minus: 2,
        };
        let yyy = Gwc::parse("YYY").ok();
        let ratings = [Some(Plus), Some(PlusMinus), Some(Minus)];
        assert_eq!(verdict(&ratings, yyy, strict), Verdict::WrongPerson);
        assert_eq!(
            verdict(&ratings, yyy, lenient),
            Verdict::RightPersonRightSeat
        );
        assert_eq!(
            verdict(&[Some(Plus), Some(PlusMinus)], yyy, strict),
            Verdict::WrongPerson
        );
        assert_eq!(strict.to_string(), "no -, no +/-");
        assert_eq!(Bar::default().to_string(), "no -, at most 1 +/-");
    }

    #[test]
    fn the_worst_seat_decides() {
        use Verdict::*;
        assert_eq!(overall(&[]), NotRated);
        assert_eq!(overall(&[RightPersonRightSeat]), RightPersonRightSeat);
        assert_eq!(
            overall(&[RightPersonRightSeat, RightPersonWrongSeat]),
            RightPersonWrongSeat
        );
        assert_eq!(overall(&[RightPersonWrongSeat, NotRated]), NotRated);
    }
}
