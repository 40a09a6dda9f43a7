//! Tables for the terminal (comfy-table), plain on a pipe, fitted to the
//! terminal's width (or `COLUMNS`) by shortening one column — the title —
//! with `…` rather than breaking words across lines.

use super::style::Painter;
use crate::escape::escape;
use anstyle::Style;
use comfy_table::{Attribute, Cell, ContentArrangement, LineStyle, Table, TableStyle};

pub struct TableBuilder {
    painter: Painter,
    headers: Vec<String>,
    rows: Vec<Vec<(String, Option<Style>)>>,
    right: Vec<usize>,
    /// The column shortened to fit the width.
    shrink: Option<usize>,
}

/// The width tables fit: the terminal's, else `COLUMNS` when set (a pipe
/// with no `COLUMNS` gets every column whole).
pub fn width() -> Option<usize> {
    if let Some(w) = Table::new().width() {
        return Some(usize::from(w));
    }
    std::env::var("COLUMNS").ok()?.trim().parse().ok()
}

/// `text` cut to `max` characters, the last one `…` when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

impl TableBuilder {
    pub fn new(painter: Painter, headers: &[&str]) -> TableBuilder {
        TableBuilder {
            painter,
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            right: Vec::new(),
            shrink: None,
        }
    }

    /// Adds a row of plain cells; text from files is escaped.
    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) -> &mut Self {
        self.rows.push(
            cells
                .iter()
                .map(|c| (escape(c.as_ref()).into_owned(), None))
                .collect(),
        );
        self
    }

    /// Adds a row whose cells carry a style (colour on a terminal only).
    pub fn styled_row(&mut self, cells: Vec<(String, Option<Style>)>) -> &mut Self {
        self.rows.push(
            cells
                .into_iter()
                .map(|(text, style)| (escape(&text).into_owned(), style))
                .collect(),
        );
        self
    }

    pub fn align_right(&mut self, columns: &[usize]) -> &mut Self {
        self.right.extend_from_slice(columns);
        self
    }

    /// The column to shorten (with `…`) when the table is wider than the
    /// terminal.
    pub fn shrink(&mut self, column: usize) -> &mut Self {
        self.shrink = Some(column);
        self
    }

    fn build(&self, limit: Option<usize>) -> Table {
        let mut table = Table::new();
        table
            .load_style(
                TableStyle::new().header_separator(LineStyle::none().fill('─').junction(' ')),
            )
            .set_content_arrangement(ContentArrangement::Disabled);
        if self.painter.color {
            table.enforce_styling();
        }
        table.set_header(self.headers.iter().map(|h| {
            let cell = Cell::new(h);
            if self.painter.color {
                cell.add_attribute(Attribute::Bold)
            } else {
                cell
            }
        }));
        let painter = self.painter;
        for row in &self.rows {
            table.add_row(row.iter().enumerate().map(|(i, (text, style))| {
                let text = match limit {
                    Some(max) if Some(i) == self.shrink => truncate(text, max),
                    _ => text.clone(),
                };
                let cell = Cell::new(text);
                match style.and_then(|s| painter.comfy(s)) {
                    Some(color) => cell.fg(color),
                    None => cell,
                }
            }));
        }
        for &i in &self.right {
            if let Some(col) = table.column_mut(i) {
                col.set_cell_alignment(comfy_table::CellAlignment::Right);
            }
        }
        table
    }

    pub fn render(&self) -> String {
        let mut table = self.build(None);
        if let (Some(width), Some(column)) = (width(), self.shrink) {
            let over = widest(&table.to_string()).saturating_sub(width);
            if over > 0 {
                let longest = self
                    .rows
                    .iter()
                    .filter_map(|r| r.get(column))
                    .map(|(t, _)| t.chars().count())
                    .max()
                    .unwrap_or(0);
                let header = self.headers.get(column).map_or(0, |h| h.chars().count());
                let limit = longest.saturating_sub(over).max(header).max(8);
                table = self.build(Some(limit));
            }
        }
        let text = table.to_string();
        let mut out: String = text
            .lines()
            .map(trim_visible_end)
            .collect::<Vec<_>>()
            .join("\n");
        out.push('\n');
        out
    }
}

/// The columns the widest line of `text` takes on a terminal.
pub fn widest(text: &str) -> usize {
    text.lines().map(visible_width).max().unwrap_or(0)
}

/// The columns a line takes on a terminal: its characters without the
/// colour codes (`ESC [ ... m`) and without trailing blanks.
fn visible_width(line: &str) -> usize {
    let mut width = 0;
    let mut pending = 0;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => {
                if chars.next() == Some('[') {
                    for c in chars.by_ref() {
                        if ('@'..='~').contains(&c) {
                            break;
                        }
                    }
                }
            }
            c if c.is_whitespace() => pending += 1,
            _ => {
                width += pending + 1;
                pending = 0;
            }
        }
    }
    width
}

/// `line` without trailing blanks, also those a colour code follows (the
/// codes themselves stay, so the colour is still reset).
fn trim_visible_end(line: &str) -> String {
    let mut body = line.trim_end();
    let mut codes = Vec::new();
    while body.ends_with('m') {
        let Some(start) = body.rfind('\u{1b}') else {
            break;
        };
        let code = &body[start..];
        if !code.starts_with("\u{1b}[")
            || code[2..code.len() - 1].contains(|c: char| !(c.is_ascii_digit() || c == ';'))
        {
            break;
        }
        codes.push(code);
        body = body[..start].trim_end();
    }
    codes.reverse();
    let mut out = body.to_string();
    out.extend(codes);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn blanks_before_a_closing_colour_code_are_trimmed() {
        assert_eq!(
            super::trim_visible_end("a \u{1b}[1mb   \u{1b}[0m  "),
            "a \u{1b}[1mb\u{1b}[0m"
        );
        assert_eq!(super::trim_visible_end("plain  "), "plain");
    }

    #[test]
    fn colour_codes_take_no_columns() {
        assert_eq!(super::visible_width("\u{1b}[31mred\u{1b}[0m  "), 3);
        assert_eq!(super::visible_width("a b \u{1b}[1m c\u{1b}[0m"), 6);
    }

    #[test]
    fn truncate_cuts_at_a_character_with_an_ellipsis() {
        assert_eq!(
            super::truncate("Launch the longtail region", 12),
            "Launch the…"
        );
        assert_eq!(super::truncate("short", 12), "short");
        assert_eq!(super::truncate("Café au lait", 5), "Café…");
    }
}
