//! The scorecard table: one row per measurable, a column per week, hits
//! green and misses red, fitted to the terminal by dropping the oldest weeks.

use super::style::{BAD, DIM, GOOD, Painter};
use super::table::TableBuilder;
use crate::model::goal::format_number;
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

/// How many week columns fit in `width` next to the fixed columns.
fn weeks_that_fit(width: Option<u16>, total: usize) -> usize {
    match width {
        Some(w) => {
            let fixed = 60usize;
            let per_week = 9usize;
            ((w as usize).saturating_sub(fixed) / per_week).clamp(1, total.max(1))
        }
        None => total,
    }
}

pub fn scorecard_table(painter: Painter, table: &Table) -> String {
    let terminal = comfy_table::Table::new().width();
    let shown = weeks_that_fit(terminal, table.weeks.len());
    let skip = table.weeks.len() - shown;
    let mut headers: Vec<String> = vec!["measurable".into(), "owner".into(), "goal".into()];
    headers.extend(
        table.weeks[skip..]
            .iter()
            .map(|w| w.to_string()[2..].to_string()),
    );
    headers.extend(["avg".to_string(), "hit".to_string(), "trend".to_string()]);
    let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let mut out = TableBuilder::new(painter, &header_refs);
    for row in &table.rows {
        let m = &row.measurable;
        let mut cells = vec![
            (m.name.clone(), None),
            (m.owner.clone(), None),
            (m.goal.to_string(), None),
        ];
        for cell in &row.values[skip..] {
            cells.push(match (cell.value, cell.hit) {
                (Some(v), Some(true)) => (format_with_unit(v, &m.unit), Some(GOOD)),
                (Some(v), _) => (format!("{}✗", format_with_unit(v, &m.unit)), Some(BAD)),
                (None, _) => ("·".to_string(), Some(DIM)),
            });
        }
        cells.push((
            row.average
                .map(|a| format_with_unit(a, &m.unit))
                .unwrap_or_else(|| "-".into()),
            None,
        ));
        cells.push((
            if row.recorded > 0 {
                format!("{}/{}", row.hits, row.recorded)
            } else {
                "-".into()
            },
            None,
        ));
        let values: Vec<Option<f64>> = row.values.iter().map(|c| c.value).collect();
        cells.push((sparkline(&values), None));
        out.styled_row(cells);
    }
    let right: Vec<usize> = (3..3 + shown + 2).collect();
    out.align_right(&right);
    let mut text = out.render();
    let missing: usize = table
        .rows
        .iter()
        .map(|r| {
            r.values[skip..]
                .iter()
                .filter(|c| c.value.is_none())
                .count()
        })
        .sum();
    text.push_str(&format!(
        "\n{} measurables, weeks {} to {}; ✗ = missed goal, · = not recorded ({missing} missing)\n",
        table.rows.len(),
        table.weeks[skip],
        table.weeks[table.weeks.len() - 1]
    ));
    if skip > 0 {
        text.push_str(&format!(
            "{skip} older weeks hidden to fit the terminal; widen it or use --weeks\n"
        ));
    }
    let _ = format_number;
    text
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
