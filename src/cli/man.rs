//! `pulse man`: the manual pages, from the same clap definitions as
//! `--help`, with the main page's ENVIRONMENT, EXIT STATUS and FILES.

use super::output::Out;
use crate::error::{Error, Result};

/// Prints the main page, or writes one page per command into `dir`.
pub fn man(dir: Option<&std::path::Path>, out: &Out) -> Result<i32> {
    // No `help` subcommand in the pages: there is no page for it, so no
    // page may list `pulse-rock-help(1)`. Built once, so that every
    // subcommand inherits the setting.
    let mut command = <super::Cli as clap::CommandFactory>::command().disable_help_subcommand(true);
    command.build();
    let Some(dir) = dir else {
        out.print(&String::from_utf8_lossy(&main_page(command)));
        return Ok(0);
    };
    std::fs::create_dir_all(dir).map_err(|e| Error::io("create folder", dir, &e))?;
    // One page per command at every level, named as the pages refer to
    // each other: pulse-rock(1) lists pulse-rock-add(1).
    // No page for a hidden command (the merge driver git runs).
    fn collect(cmd: &clap::Command, name: String, pages: &mut Vec<(String, Vec<u8>)>) {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            collect(sub, format!("{name}-{}", sub.get_name()), pages);
        }
        let page = cmd
            .clone()
            .display_name(name.clone())
            .bin_name(name.clone());
        pages.push((format!("{name}.1"), render(page)));
    }
    let mut pages = vec![("pulse.1".to_string(), main_page(command.clone()))];
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        collect(sub, format!("pulse-{}", sub.get_name()), &mut pages);
    }
    for (file, page) in &pages {
        crate::store::atomic::write_atomic(&dir.join(file), page)?;
    }
    if !out.quiet {
        out.println(&format!(
            "{} manual pages written to {}",
            pages.len(),
            dir.display()
        ));
    }
    Ok(0)
}

fn render(cmd: clap::Command) -> Vec<u8> {
    let mut buffer = Vec::new();
    // Rendering into memory cannot fail.
    let _ = clap_mangen::Man::new(cmd).render(&mut buffer);
    buffer
}

/// The main page: clap's sections, then the environment, the exit codes
/// and the files, before the version.
fn main_page(cmd: clap::Command) -> Vec<u8> {
    let man = clap_mangen::Man::new(cmd);
    let mut buffer = Vec::new();
    // Rendering into memory cannot fail.
    let _ = (|| -> std::io::Result<()> {
        man.render_title(&mut buffer)?;
        man.render_name_section(&mut buffer)?;
        man.render_synopsis_section(&mut buffer)?;
        man.render_description_section(&mut buffer)?;
        man.render_options_section(&mut buffer)?;
        man.render_subcommands_section(&mut buffer)?;
        man.render_extra_section(&mut buffer)?;
        buffer.extend_from_slice(SECTIONS.as_bytes());
        man.render_version_section(&mut buffer)
    })();
    buffer
}

/// ENVIRONMENT, EXIT STATUS and FILES of pulse(1), in roff.
const SECTIONS: &str = r#".SH ENVIRONMENT
.TP
\fBPULSE_TODAY\fR
Today's date, YYYY\-MM\-DD, instead of the clock's (tests and demos).
.TP
\fBPULSE_NOW\fR
The date and time of day, YYYY\-MM\-DDTHH:MM; it wins over PULSE_TODAY.
.TP
\fBPULSE_DIR\fR
The folder to start the search for company.toml from, as \fB\-C\fR.
.TP
\fBPULSE_TEAM\fR
The team in effect, as \fB\-\-team\fR.
.TP
\fBVISUAL\fR, \fBEDITOR\fR
The editor of \fBpulse vision edit\fR (else vi).
.TP
\fBNO_COLOR\fR
Not empty: no colour unless \fB\-\-color always\fR.
.SH "EXIT STATUS"
.TP
\fB0\fR
Success (a commit git refused after the files were written is a warning).
.TP
\fB1\fR
A user error: an unknown id, a bad value, an unknown team; \fBpulse check\fR found an error.
.TP
\fB2\fR
A broken or missing company file; a command group given without its subcommand.
.TP
\fB3\fR
git or the network failed: a push rejected, a remote unreachable.
.SH FILES
.TP
\fBcompany.toml\fR
Identity, people, meeting settings, options; pulse finds it by walking up from the current folder.
.TP
\fBvision.toml\fR, \fBseats.toml\fR
The Vision/Traction Organizer and the accountability chart.
.TP
\fBscorecard.toml\fR, \fBscorecard.csv\fR
The measurables and their weekly values.
.TP
\fBrocks/YYYY\-Qn.toml\fR
One file per quarter: its rocks and their milestones.
.TP
\fBissues.toml\fR, \fBtodos.toml\fR
The issues list and the 7\-day to\-dos.
.TP
\fBmeetings/YYYY\-MM\-DD.toml\fR
One file per meeting: headlines, ratings, cascading messages.
.TP
\fBprocesses/*.md\fR
The documented core processes.
.TP
\fBarchive/YYYY\-Qn/\fR
Finished to\-dos and issues of past quarters.
.TP
\fBteams/NAME/\fR
A departmental team's own files.
.TP
\fBpeople.toml\fR, \fBpeople/\fR
People Analyzer ratings and Quarterly Conversations: private, git\-ignored.
.TP
\fBcheckups/YYYY\-Qn/\fR
Organizational Checkup answers.
.SH "SEE ALSO"
\fBgit\fR(1)
"#;
