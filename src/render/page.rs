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
    pub fn text(&self, painter: Painter, numbered: bool) -> String {
        let mut out = String::new();
        out.push_str(&painter.paint(&escape(&self.title), BOLD));
        out.push('\n');
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
            let heading = format!("{number}{}", section.heading);
            out.push_str(&painter.paint(&escape(&heading), BOLD));
            if !section.note.is_empty() {
                out.push_str(&format!(" — {}", escape(&section.note)));
            }
            out.push('\n');
            for line in &section.lines {
                out.push_str(&"   ".repeat(line.indent + 1));
                let text = escape(&line.text);
                match (&line.mark, line.style) {
                    (Some(mark), Some(style)) => {
                        out.push_str(&painter.paint(mark, style));
                        out.push(' ');
                        out.push_str(&text);
                    }
                    (Some(mark), None) => {
                        out.push_str(mark);
                        out.push(' ');
                        out.push_str(&text);
                    }
                    (None, Some(style)) => out.push_str(&painter.paint(&text, style)),
                    (None, None) => out.push_str(&text),
                }
                out.push('\n');
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
