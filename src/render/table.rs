//! Tables for the terminal (comfy-table), fitted to its width, plain on a pipe.

use super::style::Painter;
use crate::escape::escape;
use anstyle::Style;
use comfy_table::{Attribute, Cell, ContentArrangement, LineStyle, Table, TableStyle};

pub struct TableBuilder {
    table: Table,
    painter: Painter,
}

impl TableBuilder {
    pub fn new(painter: Painter, headers: &[&str]) -> TableBuilder {
        let mut table = Table::new();
        table
            .load_style(
                TableStyle::new().header_separator(LineStyle::none().fill('─').junction(' ')),
            )
            .set_content_arrangement(ContentArrangement::Dynamic);
        if painter.color {
            table.enforce_styling();
        }
        let header: Vec<Cell> = headers
            .iter()
            .map(|h| {
                let cell = Cell::new(h);
                if painter.color {
                    cell.add_attribute(Attribute::Bold)
                } else {
                    cell
                }
            })
            .collect();
        table.set_header(header);
        TableBuilder { table, painter }
    }

    /// Adds a row of plain cells; text from files is escaped.
    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) -> &mut Self {
        self.table
            .add_row(cells.iter().map(|c| Cell::new(escape(c.as_ref()))));
        self
    }

    /// Adds a row whose cells carry a style (colour on a terminal only).
    pub fn styled_row(&mut self, cells: Vec<(String, Option<Style>)>) -> &mut Self {
        let painter = self.painter;
        self.table.add_row(cells.into_iter().map(|(text, style)| {
            let cell = Cell::new(escape(&text));
            match style.and_then(|s| painter.comfy(s)) {
                Some(color) => cell.fg(color),
                None => cell,
            }
        }));
        self
    }

    pub fn align_right(&mut self, columns: &[usize]) -> &mut Self {
        for &i in columns {
            if let Some(col) = self.table.column_mut(i) {
                col.set_cell_alignment(comfy_table::CellAlignment::Right);
            }
        }
        self
    }

    pub fn render(&self) -> String {
        let text = self.table.to_string();
        let mut out: String = text
            .lines()
            .map(|l| l.trim_end())
            .collect::<Vec<_>>()
            .join("\n");
        out.push('\n');
        out
    }
}
