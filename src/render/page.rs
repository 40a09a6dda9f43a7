//! A page of numbered sections with lines, rendered as terminal text or as
//! Markdown. The agendas, the V/TO and the status screen are all pages, so
//! both formats stay in step.

use super::style::{BOLD, DIM, Painter};
use crate::escape::escape;
use anstyle::Style;

#[derive(Debug, Default)]
pub struct Page {
    pub title: String,
    pub subtitle: Vec<String>,
    pub sections: Vec<Section>,
}

#[derive(Debug, Default)]
pub struct Section {
    pub heading: String,
    /// Text after the heading (minutes, a date...).
    pub note: String,
    pub lines: Vec<Line>,
}

#[derive(Debug, Clone)]
pub struct Line {
    pub text: String,
    pub style: Option<Style>,
    pub indent: usize,
    /// A marker before the text (`✓`, `[ ]`...), coloured with `style`.
    pub mark: Option<String>,
}

impl Line {
    pub fn plain(text: impl Into<String>) -> Line {
        Line {
            text: text.into(),
            style: None,
            indent: 0,
            mark: None,
        }
    }
    pub fn styled(text: impl Into<String>, style: Style) -> Line {
        Line {
            style: Some(style),
            ..Line::plain(text)
        }
    }
    pub fn marked(mark: &str, text: impl Into<String>, style: Option<Style>) -> Line {
        Line {
            mark: Some(mark.to_string()),
            style,
            ..Line::plain(text)
        }
    }
    pub fn dim(text: impl Into<String>) -> Line {
        Line::styled(text, DIM)
    }
    pub fn indented(mut self, indent: usize) -> Line {
        self.indent = indent;
        self
    }
}

impl Section {
    pub fn new(heading: impl Into<String>, note: impl Into<String>) -> Section {
        Section {
            heading: heading.into(),
            note: note.into(),
            lines: Vec::new(),
        }
    }
    pub fn push(&mut self, line: Line) {
        self.lines.push(line);
    }
}

impl Page {
    /// The page as terminal text; on a terminal (or with `COLUMNS`) a long
    /// line wraps between words, its later lines indented under its text.
    pub fn text(&self, painter: Painter, numbered: bool) -> String {
        let width = super::table::width();
        let mut out = String::new();
        let title = escape(&self.title).into_owned();
        let title = match width {
            Some(w) => super::words::wrap(&title, w, 3),
            None => vec![title],
        };
        for part in title {
            out.push_str(&painter.paint(&part, BOLD));
            out.push('\n');
        }
        for s in &self.subtitle {
            out.push_str(&escape(s));
            out.push('\n');
        }
        for (i, section) in self.sections.iter().enumerate() {
            out.push('\n');
            let number = if numbered {
                format!("{}. ", i + 1)
            } else {
                String::new()
            };
            let heading = escape(&format!("{number}{}", section.heading)).into_owned();
            let note = if section.note.is_empty() {
                String::new()
            } else {
                format!(" — {}", escape(&section.note))
            };
            let whole = format!("{heading}{note}");
            match width.filter(|&w| whole.chars().count() > w) {
                // Too long for one line (a commit's subject in `log`):
                // wrapped between words, all of it bold.
                Some(w) => {
                    for part in super::words::wrap(&whole, w, 3) {
                        out.push_str(&painter.paint(&part, BOLD));
                        out.push('\n');
                    }
                }
                None => {
                    out.push_str(&painter.paint(&heading, BOLD));
                    out.push_str(&note);
                    out.push('\n');
                }
            }
            for line in &section.lines {
                push_line(&mut out, painter, line, width);
            }
        }
        out
    }

    pub fn markdown(&self, numbered: bool) -> String {
        let mut out = format!("# {}\n\n", md_escape(&self.title));
        for s in &self.subtitle {
            out.push_str(&format!("{}  \n", md_escape(s)));
        }
        for (i, section) in self.sections.iter().enumerate() {
            let number = if numbered {
                format!("{}. ", i + 1)
            } else {
                String::new()
            };
            let note = if section.note.is_empty() {
                String::new()
            } else {
                format!(" — {}", md_escape(&section.note))
            };
            out.push_str(&format!(
                "\n## {number}{}{note}\n\n",
                md_escape(&section.heading)
            ));
            for line in &section.lines {
                let indent = "  ".repeat(line.indent);
                let text = md_escape(&line.text);
                // A mark that Markdown reads as a list of its own (`- -`,
                // `- 1.`, `- +`) must not nest one: a number makes an
                // ordered item, a dash is the bullet, a plus is escaped.
                match line.mark.as_deref() {
                    Some(m)
                        if m.ends_with('.')
                            && m[..m.len() - 1].chars().all(|c| c.is_ascii_digit())
                            && m.len() > 1 =>
                    {
                        out.push_str(&format!("{indent}{m} {text}\n"))
                    }
                    Some("-") | None => out.push_str(&format!("{indent}- {text}\n")),
                    Some(m @ ("+" | "*")) => out.push_str(&format!("{indent}- \\{m} {text}\n")),
                    Some(m) => out.push_str(&format!("{indent}- {m} {text}\n")),
                }
            }
        }
        out
    }
}

/// Escapes control characters and the Markdown characters that would change
/// the meaning of text from the files.
/// One line of a section: its indent, its mark, its text (wrapped to
/// `width` between words, each part painted on its own).
fn push_line(out: &mut String, painter: Painter, line: &Line, width: Option<usize>) {
    let indent = "   ".repeat(line.indent + 1);
    let text = escape(&line.text);
    let lead = indent.chars().count() + line.mark.as_ref().map_or(0, |m| m.chars().count() + 1);
    // A line with no mark hangs its later lines two columns in.
    let hang = lead + if line.mark.is_none() { 2 } else { 0 };
    let parts: Vec<String> = match width {
        Some(w) => {
            let first = super::words::wrap(&format!("{}{text}", " ".repeat(lead)), w, hang - lead);
            first
                .into_iter()
                .enumerate()
                .map(|(i, p)| {
                    let skip = if i == 0 { lead } else { hang };
                    p.chars().skip(skip).collect()
                })
                .collect()
        }
        None => vec![text.into_owned()],
    };
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            out.push_str(&indent);
            if let Some(mark) = &line.mark {
                match line.style {
                    Some(style) => out.push_str(&painter.paint(mark, style)),
                    None => out.push_str(mark),
                }
                out.push(' ');
            }
        } else {
            out.push_str(&" ".repeat(hang));
        }
        match (&line.mark, line.style) {
            (None, Some(style)) => out.push_str(&painter.paint(part, style)),
            _ => out.push_str(part),
        }
        out.push('\n');
    }
}

pub fn md_escape(text: &str) -> String {
    let text = escape(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '_' | '`' | '<' | '[' | ']' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
