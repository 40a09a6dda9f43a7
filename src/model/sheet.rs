//! What a spreadsheet's scorecard export holds and pulse reads: week
//! columns headed by a week or a date in the forms Google Sheets and Excel
//! write, goals with a unit (`>= 40%`, `>= $10,000`), summary rows, and
//! cells a CSV export made inert with a leading `'`.

use super::goal::Goal;
use super::time::{Week, parse_date};
use chrono::{Datelike, NaiveDate};

/// The header forms a week column may take, for messages.
pub const WEEK_FORMS: &str =
    "YYYY-Www, YYYY-MM-DD, M/D/YY, M/D/YYYY, or a month and day (Jan 5, 5 Jan, Jan 5 2026)";

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The ISO week a column header names: a week, or the week holding a date.
/// A date without a year is the latest one whose week has started by
/// `this_week` (a sheet's columns are weeks gone by).
pub fn header_week(text: &str, this_week: Week) -> Option<Week> {
    let text = text.trim();
    if let Ok(w) = text.parse::<Week>() {
        return Some(w);
    }
    if let Ok(d) = parse_date(text) {
        return Some(Week::of(d));
    }
    let (month, day, year) = us_date(text).or_else(|| month_day(text))?;
    let date = match year {
        Some(y) => NaiveDate::from_ymd_opt(y, month, day)?,
        None => {
            let year = this_week.monday().year() + 1;
            (year - 2..=year)
                .rev()
                .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
                .find(|d| Week::of(*d) <= this_week)?
        }
    };
    Some(Week::of(date))
}

/// `1/5/26`, `01/05/2026`: month first, as a US-English sheet writes it.
fn us_date(text: &str) -> Option<(u32, u32, Option<i32>)> {
    let parts: Vec<&str> = text.split('/').collect();
    let [m, d, y] = parts.as_slice() else {
        return None;
    };
    let number = |s: &str| {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let year = match y.len() {
        2 => 2000 + number(y)? as i32,
        4 => number(y)? as i32,
        _ => return None,
    };
    Some((number(m)?, number(d)?, Some(year)))
}

/// `Jan 5`, `January 5, 2026`, `5 Jan`, `5-Jan`, `Jan-5`, `5-Jan-26`.
fn month_day(text: &str) -> Option<(u32, u32, Option<i32>)> {
    let words: Vec<&str> = text
        .split([' ', ',', '-', '.'])
        .filter(|w| !w.is_empty())
        .collect();
    let month = |w: &str| {
        let w = w.to_ascii_lowercase();
        (w.len() >= 3)
            .then(|| MONTHS.iter().position(|m| w.starts_with(m)))
            .flatten()
            .filter(|&i| w.len() == 3 || full_month(i).starts_with(&w))
            .map(|i| i as u32 + 1)
    };
    let day = |w: &str| {
        (w.len() <= 2 && w.bytes().all(|b| b.is_ascii_digit()))
            .then(|| w.parse::<u32>().ok())
            .flatten()
    };
    let year = |w: &str| match (w.len(), w.bytes().all(|b| b.is_ascii_digit())) {
        (2, true) => w.parse::<i32>().ok().map(|y| 2000 + y),
        (4, true) => w.parse::<i32>().ok(),
        _ => None,
    };
    let (m, d, rest) = match words.as_slice() {
        [a, b, rest @ ..] if month(a).is_some() => (month(a)?, day(b)?, rest),
        [a, b, rest @ ..] => (month(b)?, day(a)?, rest),
        _ => return None,
    };
    match rest {
        [] => Some((m, d, None)),
        [y] => Some((m, d, Some(year(y)?))),
        _ => None,
    }
}

fn full_month(i: usize) -> &'static str {
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ][i]
}

/// A goal as a sheet writes it, with its unit: `>= 40%` is `>= 40` in `%`,
/// `>= $10,000` is `>= 10000` in `$`, `<= 90s` is `<= 90` in `s`. The unit
/// is empty when the goal has none; both ends of a range take one unit.
pub fn goal_with_unit(text: &str) -> Result<(Goal, String), String> {
    let t = text.trim();
    let op = [">=", "<=", "==", ">", "<"]
        .into_iter()
        .find(|op| t.starts_with(op));
    let (prefix, numbers): (String, Vec<&str>) = match op {
        Some(op) => (format!("{op} "), vec![&t[op.len()..]]),
        None => match t.split_once("..") {
            Some((a, b)) => (String::new(), vec![a, b]),
            None => (String::new(), vec![t]),
        },
    };
    let mut unit = String::new();
    let mut plain = Vec::new();
    for n in numbers {
        let (number, u) = split_unit(n);
        if !u.is_empty() {
            if !unit.is_empty() && unit != u {
                return Err(format!(
                    "invalid goal `{text}`: two units, `{unit}` and `{u}`"
                ));
            }
            unit = u;
        }
        plain.push(number);
    }
    let goal: Goal = format!("{prefix}{}", plain.join(".."))
        .parse()
        .map_err(|_| {
            format!(
                "invalid goal `{text}`: expected {}, e.g. >= 40%, >= $10,000",
                super::goal::GOAL_FORMS
            )
        })?;
    Ok((goal, unit))
}

/// A number of a goal and its unit: a leading `$`, or trailing letters or
/// `%` that are not a `k`, `M` or `B` multiplier.
fn split_unit(text: &str) -> (String, String) {
    let t = text.trim();
    let (sign, rest) = match t.strip_prefix(['-', '+']) {
        Some(rest) => (&t[..1], rest.trim_start()),
        None => ("", t),
    };
    if let Some(rest) = rest.strip_prefix('$') {
        return (format!("{sign}{}", rest.trim()), "$".to_string());
    }
    let multiplied = ['k', 'K', 'M', 'B'].iter().any(|&s| {
        rest.strip_suffix(s)
            .is_some_and(|r| r.ends_with(|c: char| c.is_ascii_digit() || c == '.'))
    });
    if multiplied {
        return (format!("{sign}{rest}"), String::new());
    }
    let number = rest.trim_end_matches(|c: char| c.is_alphabetic() || c == '%');
    let unit = rest[number.len()..].trim().to_string();
    (format!("{sign}{}", number.trim_end()), unit)
}

/// A row that sums up the others (`Total`, `Average`...), not a measurable.
pub fn is_summary(name: &str) -> bool {
    let name = name.trim().trim_end_matches(':').to_ascii_lowercase();
    [
        "total",
        "totals",
        "grand total",
        "subtotal",
        "sum",
        "average",
        "avg",
        "mean",
        "median",
        "summary",
    ]
    .contains(&name.as_str())
}

/// A cell as it was before a CSV export made it inert for spreadsheets:
/// `'== 0` is `== 0` (pulse's own export writes it so, SPEC §4).
pub fn uninert(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn week(s: &str) -> Option<String> {
        header_week(s, "2026-W47".parse().unwrap()).map(|w| w.to_string())
    }

    #[test]
    fn headers_in_a_spreadsheets_date_forms() {
        let w02 = Some("2026-W02".to_string());
        for h in [
            "2026-W02",
            "2026-01-05",
            "1/5/26",
            "01/05/2026",
            "Jan 5",
            "jan 5",
            "January 5",
            "Jan 5, 2026",
            "5 Jan",
            "5-Jan",
            "5-Jan-26",
            "Jan-5",
        ] {
            assert_eq!(week(h), w02, "{h}");
        }
        // No year: the latest one that has started.
        assert_eq!(week("Dec 28").as_deref(), Some("2025-W52"));
        assert_eq!(week("Nov 19").as_deref(), Some("2026-W47"));
        for bad in [
            "last week",
            "13/5/26",
            "Jan 32",
            "Foo 5",
            "Total",
            "1/5",
            "",
        ] {
            assert_eq!(week(bad), None, "{bad}");
        }
    }

    #[test]
    fn goals_carry_their_unit() {
        let g = |s: &str| {
            let (goal, unit) = goal_with_unit(s).unwrap();
            (goal.to_string(), unit)
        };
        assert_eq!(g(">= 40%"), (">= 40".into(), "%".into()));
        assert_eq!(g(">= $10,000"), (">= 10000".into(), "$".into()));
        assert_eq!(g("<= 90s"), ("<= 90".into(), "s".into()));
        assert_eq!(g(">= $1.2M"), (">= 1200000".into(), "$".into()));
        assert_eq!(g("== 0"), ("== 0".into(), "".into()));
        assert_eq!(g("30..80"), ("30..80".into(), "".into()));
        assert_eq!(g("95%..100%"), ("95..100".into(), "%".into()));
        assert!(goal_with_unit("40%").is_err());
        assert!(goal_with_unit("5h..6%").is_err());
        assert!(goal_with_unit(">= 12,5%").is_err());
    }

    #[test]
    fn summary_rows_and_inert_cells() {
        assert!(is_summary("Total") && is_summary(" TOTAL: ") && is_summary("Average"));
        assert!(!is_summary("Total revenue"));
        assert_eq!(uninert("'== 0"), "== 0");
        assert_eq!(uninert("'plain"), "'plain");
    }
}
