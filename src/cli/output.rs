//! Writing to stdout and stderr: JSON or text, quiet mode, and a closed pipe
//! (`pulse rocks | head -1`) ending the program quietly instead of panicking,
//! any other failed write (a full disk) ending it with exit 1.
//!
//! Every line of text that can carry words from the files or the command
//! line (an id, a title, a name) goes out escaped: [`Out::println`],
//! [`Out::text`], [`warn`], [`note`] and the errors. [`Out::print`] is for
//! pages and tables that `render` escaped cell by cell and coloured.

use super::agenda::Format;
use crate::ops::change::Outcome;
use crate::render::Painter;
use crate::render::page::Page;
use serde::Serialize;
use std::io::Write;

/// A note on stderr while pulse works (what it is waiting for): printed
/// even with `-q`, since a silent wait looks like a hang.
pub fn note(text: &str) {
    eprintln!("note: {}", crate::escape::escape(text));
}

/// A warning on stderr, its lines escaped (a `hint:` line may follow).
pub fn warn(text: &str) {
    eprintln!("warning: {}", crate::escape::escape_lines(text));
}

pub struct Out {
    pub json: bool,
    pub quiet: bool,
    pub painter: Painter,
}

impl Out {
    /// Prints a page or table as `render` made it (escaped, maybe coloured).
    pub fn print(&self, text: &str) {
        let mut stdout = std::io::stdout().lock();
        if let Err(e) = stdout
            .write_all(text.as_bytes())
            .and_then(|_| stdout.flush())
        {
            // A reader that stopped reading (`| head`) is not a failure;
            // anything else (a full disk) is, and must not look like success.
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
            eprintln!("error: cannot write to standard output: {e}");
            std::process::exit(1);
        }
    }

    /// Prints a line of plain text, escaped.
    pub fn println(&self, line: &str) {
        self.print(&format!("{}\n", crate::escape::escape_lines(line)));
    }

    /// Prints plain text of several lines, each escaped.
    pub fn text(&self, text: &str) {
        self.print(&crate::escape::escape_lines(text));
    }

    /// Prints a page as terminal text or Markdown (`numbered` sections for agendas).
    pub fn page(&self, page: &Page, format: Format, numbered: bool) {
        match format {
            Format::Text => self.print(&page.text(self.painter, numbered)),
            Format::Markdown => self.print(&page.markdown(numbered)),
        }
    }

    pub fn print_json<T: Serialize + ?Sized>(&self, value: &T) {
        let text = serde_json::to_string_pretty(value)
            .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        self.println(&text);
    }

    /// Reports a finished change: the warning when git refused the commit.
    pub fn outcome(&self, outcome: &Outcome) {
        if let Some(warning) = &outcome.warning {
            warn(warning);
        }
        if !self.quiet {
            for warning in &outcome.warnings {
                warn(warning);
            }
            for file in &outcome.ignored {
                note(&format!("{file} is ignored by git: written, not committed"));
            }
            for file in &outcome.private {
                note(&format!(
                    "{file} is about people: written, not committed (pulse commits people data only in a [privacy] people_dir repository); add `people.toml` and `people/` to .gitignore"
                ));
            }
            for file in &outcome.people_committed {
                note(&format!("{file}: committed in its own repository"));
            }
        }
    }
}
