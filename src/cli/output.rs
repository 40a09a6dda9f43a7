//! Writing to stdout and stderr: JSON or text, quiet mode, and a closed pipe
//! (`pulse rocks | head -1`) ending the program quietly instead of panicking,
//! any other failed write (a full disk) ending it with exit 1.

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

pub struct Out {
    pub json: bool,
    pub quiet: bool,
    pub painter: Painter,
}

impl Out {
    /// Prints text to stdout as is.
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

    pub fn println(&self, line: &str) {
        self.print(&format!("{line}\n"));
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
            eprintln!("warning: {warning}");
        }
        if !self.quiet {
            for warning in &outcome.warnings {
                eprintln!("warning: {warning}");
            }
            for file in &outcome.ignored {
                eprintln!("note: {file} is ignored by git: written, not committed");
            }
        }
    }
}
