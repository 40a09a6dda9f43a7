//! Calendar values of the operating system: dates, ISO weeks and calendar
//! quarters, each parsed and validated once so later code cannot see a bad one.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Parses a `YYYY-MM-DD` date, with the accepted form in the error.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    // By hand rather than with a strftime format: the parse cache reads
    // thousands of dates, and the format would be parsed for each one.
    let digits = |range: std::ops::Range<usize>| {
        let part = text.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let b = text.as_bytes();
    let date = (text.len() == 10 && b[4] == b'-' && b[7] == b'-')
        .then(|| {
            let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
            NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
        })
        .flatten();
    date.ok_or_else(|| format!("invalid date `{text}`: expected YYYY-MM-DD, e.g. 2026-12-31"))
}

/// A calendar date as written in the TOML files: a bare TOML date
/// (`due = 2026-12-31`). A quoted one is refused with the form to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Date(pub NaiveDate);

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{Error, MapAccess, Visitor, value::MapAccessDeserializer};
        struct DateVisitor;
        impl<'de> Visitor<'de> for DateVisitor {
            type Value = Date;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a date like 2026-12-31")
            }
            fn visit_str<E: Error>(self, text: &str) -> Result<Date, E> {
                Err(E::custom(match parse_date(text) {
                    Ok(date) => format!("a date is written without quotes: {date}, not \"{text}\""),
                    Err(e) => e,
                }))
            }
            // A TOML datetime reaches serde as a map with one private key.
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Date, A::Error> {
                let raw = toml::value::Datetime::deserialize(MapAccessDeserializer::new(map))?;
                match (raw.date, raw.time) {
                    (Some(date), None) => NaiveDate::from_ymd_opt(
                        i32::from(date.year),
                        u32::from(date.month),
                        u32::from(date.day),
                    )
                    .map(Date)
                    .ok_or_else(|| A::Error::custom(format!("invalid date `{raw}`"))),
                    _ => Err(A::Error::custom(format!(
                        "expected a date like 2026-12-31, found `{raw}`"
                    ))),
                }
            }
        }
        d.deserialize_any(DateVisitor)
    }
}

/// A moment as written in a meeting file: a TOML local date-time
/// (`started = 2026-11-26T09:02:00`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct DateTime(pub NaiveDateTime);

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let raw = toml::value::Datetime::deserialize(d)?;
        let moment = match (raw.date, raw.time) {
            (Some(date), Some(time)) => NaiveDate::from_ymd_opt(
                i32::from(date.year),
                u32::from(date.month),
                u32::from(date.day),
            )
            .and_then(|d| {
                d.and_hms_opt(
                    u32::from(time.hour),
                    u32::from(time.minute),
                    u32::from(time.second.unwrap_or(0)),
                )
            }),
            _ => None,
        };
        moment.map(DateTime).ok_or_else(|| {
            D::Error::custom(format!(
                "expected a date and time like 2026-11-26T09:02:00, found `{raw}`"
            ))
        })
    }
}

/// `YYYY-MM-DDTHH:MM` (as `PULSE_NOW` is given).
pub fn parse_moment(text: &str) -> Result<NaiveDateTime, String> {
    NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M").map_err(|_| {
        format!("invalid moment `{text}`: expected YYYY-MM-DDTHH:MM, e.g. 2026-11-26T17:00")
    })
}

/// `HH:MM` (a meeting's start).
pub fn parse_time(text: &str) -> Result<NaiveTime, String> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M")
        .map_err(|_| format!("invalid time `{text}`: expected HH:MM, e.g. 09:00"))
}

/// Converts a date into the TOML value written to files.
pub fn toml_date(date: NaiveDate) -> toml_edit::Value {
    let datetime = toml_edit::Datetime {
        date: Some(toml_edit::Date {
            year: date.year() as u16,
            month: date.month() as u8,
            day: date.day() as u8,
        }),
        time: None,
        offset: None,
    };
    toml_edit::Value::from(datetime)
}

/// Converts a moment into the TOML local date-time written to meeting files
/// (`started = 2026-11-26T09:02:00`), to the second.
pub fn toml_moment(moment: NaiveDateTime) -> toml_edit::Value {
    use chrono::Timelike;
    let datetime = toml_edit::Datetime {
        time: Some(toml_edit::Time {
            hour: moment.hour() as u8,
            minute: moment.minute() as u8,
            second: Some(moment.second() as u8),
            nanosecond: None,
        }),
        ..toml_date(moment.date())
            .as_datetime()
            .copied()
            .unwrap_or(toml_edit::Datetime {
                date: None,
                time: None,
                offset: None,
            })
    };
    toml_edit::Value::from(datetime)
}

/// Parses a weekday name as written in `[meeting] weekday`.
pub fn parse_weekday(text: &str) -> Result<Weekday, String> {
    text.trim().parse::<Weekday>().map_err(|_| {
        format!("invalid weekday `{text}`: expected one of monday, tuesday, wednesday, thursday, friday, saturday, sunday")
    })
}

/// The first `weekday` on or after `from`.
pub fn next_weekday(from: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (7 + weekday.num_days_from_monday() - from.weekday().num_days_from_monday()) % 7;
    from + Days::new(u64::from(ahead))
}

/// An ISO week, `YYYY-Www`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Week {
    year: i32,
    week: u32,
}

impl Week {
    pub fn of(date: NaiveDate) -> Week {
        let iso = date.iso_week();
        Week {
            year: iso.year(),
            week: iso.week(),
        }
    }

    /// The last ISO week that has fully ended before `today`.
    pub fn last_completed(today: NaiveDate) -> Week {
        Week::of(today).prev()
    }

    pub fn monday(self) -> NaiveDate {
        NaiveDate::from_isoywd_opt(self.year, self.week, Weekday::Mon)
            .expect("a Week is validated on construction")
    }

    pub fn sunday(self) -> NaiveDate {
        self.monday() + Days::new(6)
    }

    /// The weeks of the days `from..=to` that belong to them: a week
    /// belongs to the span (a quarter, a year) that holds its Thursday, as
    /// ISO weeks belong to years, so that no week counts in two quarters.
    pub fn spanning(from: NaiveDate, to: NaiveDate) -> Vec<Week> {
        let mut weeks = Vec::new();
        let mut week = Week::of(from);
        while week.monday() <= to {
            let thursday = week.monday() + Days::new(3);
            if (from..=to).contains(&thursday) {
                weeks.push(week);
            }
            week = week.next();
        }
        weeks
    }

    pub fn prev(self) -> Week {
        Week::of(self.monday() - Days::new(7))
    }

    pub fn next(self) -> Week {
        Week::of(self.monday() + Days::new(7))
    }

    /// The `n` weeks ending with `self`, oldest first.
    pub fn last_n(self, n: usize) -> Vec<Week> {
        let mut weeks = Vec::with_capacity(n);
        let mut week = self;
        for _ in 0..n {
            weeks.push(week);
            week = week.prev();
        }
        weeks.reverse();
        weeks
    }
}

impl fmt::Display for Week {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-W{:02}", self.year, self.week)
    }
}

impl FromStr for Week {
    type Err = String;

    fn from_str(text: &str) -> Result<Week, String> {
        let bad = || format!("invalid week `{text}`: expected an ISO week YYYY-Www, e.g. 2026-W47");
        let (year, week) = text.trim().split_once(['-']).ok_or_else(bad)?;
        let week = week.strip_prefix(['W', 'w']).ok_or_else(bad)?;
        if year.len() != 4
            || week.len() != 2
            || !year.bytes().chain(week.bytes()).all(|b| b.is_ascii_digit())
        {
            return Err(bad());
        }
        let year: i32 = year.parse().map_err(|_| bad())?;
        let week: u32 = week.parse().map_err(|_| bad())?;
        if NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).is_none() {
            return Err(format!(
                "invalid week `{text}`: {year} has no ISO week {week} (weeks run 01 to {})",
                NaiveDate::from_ymd_opt(year, 12, 28).map_or(52, |d| d.iso_week().week())
            ));
        }
        Ok(Week { year, week })
    }
}

impl Serialize for Week {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A calendar quarter, `YYYY-Qn`. Its text names the file `rocks/YYYY-Qn.toml`,
/// so only this validated form can ever become a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    year: i32,
    quarter: u32,
}

impl Quarter {
    pub fn of(date: NaiveDate) -> Quarter {
        Quarter {
            year: date.year(),
            quarter: date.month0() / 3 + 1,
        }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, (self.quarter - 1) * 3 + 1, 1)
            .expect("a Quarter is validated on construction")
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day() - Days::new(1)
    }

    pub fn next(self) -> Quarter {
        if self.quarter == 4 {
            Quarter {
                year: self.year + 1,
                quarter: 1,
            }
        } else {
            Quarter {
                year: self.year,
                quarter: self.quarter + 1,
            }
        }
    }

    pub fn prev(self) -> Quarter {
        if self.quarter == 1 {
            Quarter {
                year: self.year - 1,
                quarter: 4,
            }
        } else {
            Quarter {
                year: self.year,
                quarter: self.quarter - 1,
            }
        }
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        Quarter::of(date) == self
    }

    pub fn year(self) -> i32 {
        self.year
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-Q{}", self.year, self.quarter)
    }
}

impl FromStr for Quarter {
    type Err = String;

    fn from_str(text: &str) -> Result<Quarter, String> {
        let bad = || {
            format!("invalid quarter `{text}`: expected YYYY-Qn with n from 1 to 4, e.g. 2026-Q4")
        };
        let (year, quarter) = text.trim().split_once('-').ok_or_else(bad)?;
        let quarter = quarter.strip_prefix(['Q', 'q']).ok_or_else(bad)?;
        if year.len() != 4 || quarter.len() != 1 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year: i32 = year.parse().map_err(|_| bad())?;
        let quarter: u32 = quarter.parse().map_err(|_| bad())?;
        if !(1..=4).contains(&quarter) || year < 1 {
            return Err(bad());
        }
        Ok(Quarter { year, quarter })
    }
}

impl Serialize for Quarter {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn weeks_parse_and_validate() {
        assert_eq!("2026-W47".parse::<Week>().unwrap().to_string(), "2026-W47");
        assert!("2026-W53".parse::<Week>().is_ok(), "2026 has 53 ISO weeks");
        assert!(
            "2027-W53"
                .parse::<Week>()
                .unwrap_err()
                .contains("no ISO week 53")
        );
        for bad in [
            "2026-47", "2026-W7", "26-W47", "2026-W00", "W47", "", "2026-W4x",
        ] {
            assert!(bad.parse::<Week>().is_err(), "{bad}");
        }
    }

    #[test]
    fn last_completed_week_across_a_year_boundary() {
        // 2027-01-01 is a Friday inside ISO week 2026-W53.
        assert_eq!(
            Week::last_completed(d("2027-01-01")).to_string(),
            "2026-W52"
        );
        assert_eq!(
            Week::last_completed(d("2027-01-04")).to_string(),
            "2026-W53"
        );
        assert_eq!(
            Week::last_completed(d("2026-01-05")).to_string(),
            "2026-W01"
        );
    }

    #[test]
    fn quarters() {
        let q: Quarter = "2026-Q4".parse().unwrap();
        assert_eq!(q.first_day(), d("2026-10-01"));
        assert_eq!(q.last_day(), d("2026-12-31"));
        assert_eq!(q.next().to_string(), "2027-Q1");
        assert_eq!(Quarter::of(d("2027-01-01")).to_string(), "2027-Q1");
        for bad in [
            "2026-Q5",
            "2026-Q0",
            "2026Q4",
            "../../etc",
            "2026-Q4/..",
            "2026-Q44",
        ] {
            assert!(bad.parse::<Quarter>().is_err(), "{bad}");
        }
    }

    #[test]
    fn next_meeting_weekday() {
        assert_eq!(next_weekday(d("2026-11-26"), Weekday::Thu), d("2026-11-26"));
        assert_eq!(next_weekday(d("2026-11-27"), Weekday::Thu), d("2026-12-03"));
    }

    #[test]
    fn dates_need_the_full_form() {
        assert!(parse_date("2026-1-5").is_err());
        assert_eq!(
            parse_date(" 2026-12-31 ").unwrap().to_string(),
            "2026-12-31"
        );
        assert!(parse_date("+026-12-31").is_err());
        assert!(parse_date("2026-1é-31").is_err());
        assert!(parse_date("2026/12/31").is_err());
        assert!(parse_date("2026-02-30").is_err());
        assert!(parse_date("tomorrow").unwrap_err().contains("YYYY-MM-DD"));
    }
}
