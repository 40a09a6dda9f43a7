//! The scorecard table: one row per measurable, a column per week, hits
//! green and misses red, fitted to the terminal by dropping the oldest weeks.

use super::style::{BAD, DIM, GOOD, Painter};
use super::table::{TableBuilder, widest};
use crate::model::number::goal_with_unit;
use crate::model::scorecard::format_with_unit;
use crate::ops::scorecard::Table;

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// A sparkline of the recorded values (a space for a missing week).
pub fn sparkline(values: &[Option<f64>]) -> String {
    let present: Vec<f64> = values.iter().flatten().copied().collect();
    let (Some(min), Some(max)) = (
        present.iter().copied().reduce(f64::min),
        present.iter().copied().reduce(f64::max),
    ) else {
        return String::new();
    };
    values
        .iter()
        .map(|v| match v {
            Some(v) if max > min => BARS[(((v - min) / (max - min)) * 7.0).round() as usize],
            Some(_) => BARS[3],
            None => ' ',
        })
        .collect()
}

pub fn scorecard_table(painter: Painter, table: &Table) -> String {
    let total = table.weeks.len();
    // The most recent weeks that fit: the table is drawn with fewer weeks
    // until its widest line fits (the measurable's name is shortened last).
    let width = super::table::width();
    let mut shown = total.max(1);
    let mut text = week_columns(painter, table, shown, false);
    if let Some(width) = width {
        while shown > 1 && widest(&text) > width {
            shown -= 1;
            text = week_columns(painter, table, shown, false);
        }
        if widest(&text) > width {
            text = week_columns(painter, table, shown, true);
        }
    }
    let skip = total.saturating_sub(shown);
    let missing: usize = table
        .rows
        .iter()
        .map(|r| {
            r.values[skip..]
                .iter()
                .filter(|c| c.value.is_none() && !c.before)
                .count()
        })
        .sum();
    if total > 0 {
        let weeks = if shown == 1 {
            format!("week {}", table.weeks[total - 1])
        } else {
            format!("weeks {} to {}", table.weeks[skip], table.weeks[total - 1])
        };
        text.push_str(&format!(
            "\n{}, {weeks} ({missing} missing)\n✗ = missed goal, · = not recorded\n",
            super::words::count(table.rows.len(), "measurable", "measurables"),
        ));
    }
    if skip > 0 {
        text.push_str(&format!(
            "{} hidden to fit the terminal; widen it or use --weeks\n",
            super::words::count(skip, "older week", "older weeks")
        ));
    }
    text
}

/// The table with the last `shown` weeks; avg, hit and trend are of the
/// weeks shown, as the footer says. With `cut_names` a long measurable
/// name is cut with `…` to fit.
fn week_columns(painter: Painter, table: &Table, shown: usize, cut_names: bool) -> String {
    let skip = table.weeks.len().saturating_sub(shown);
    let mut headers: Vec<String> = vec!["measurable".into(), "owner".into(), "goal".into()];
    headers.extend(
        table.weeks[skip..]
            .iter()
            .map(|w| w.to_string()[2..].to_string()),
    );
    headers.extend(["avg".to_string(), "hit".to_string(), "trend".to_string()]);
    let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let mut out = TableBuilder::new(painter, &header_refs);
    if cut_names {
        out.shrink(0);
    }
    for row in &table.rows {
        let m = &row.measurable;
        let mut cells = vec![
            (m.name.clone(), None),
            (m.owner.clone(), None),
            (goal_with_unit(m.goal, &m.unit), None),
        ];
        let cells_shown = &row.values[skip..];
        for cell in cells_shown {
            cells.push(match (cell.value, cell.hit) {
                (Some(v), Some(true)) => (format_with_unit(v, &m.unit), Some(GOOD)),
                (Some(v), _) => (format!("{}✗", format_with_unit(v, &m.unit)), Some(BAD)),
                // Before the measurable was kept: nothing is missing.
                (None, _) if cell.before => (String::new(), None),
                (None, _) => ("·".to_string(), Some(DIM)),
            });
        }
        let values: Vec<Option<f64>> = cells_shown.iter().map(|c| c.value).collect();
        let present: Vec<f64> = values.iter().flatten().copied().collect();
        let hits = cells_shown.iter().filter(|c| c.hit == Some(true)).count();
        cells.push((
            if present.is_empty() {
                "-".into()
            } else {
                format_with_unit(present.iter().sum::<f64>() / present.len() as f64, &m.unit)
            },
            None,
        ));
        cells.push((
            if present.is_empty() {
                "-".into()
            } else {
                format!("{hits}/{}", present.len())
            },
            None,
        ));
        cells.push((sparkline(&values), None));
        out.styled_row(cells);
    }
    let right: Vec<usize> = (3..3 + shown + 2).collect();
    out.align_right(&right);
    out.render()
}

#[cfg(test)]
mod tests {
    use super::sparkline;

    #[test]
    fn sparkline_scales_and_shows_gaps() {
        assert_eq!(sparkline(&[Some(1.0), None, Some(8.0)]), "▁ █");
        assert_eq!(sparkline(&[Some(2.0), Some(2.0)]), "▄▄");
        assert_eq!(sparkline(&[None]), "");
    }
}
