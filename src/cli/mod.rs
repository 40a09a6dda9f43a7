//! The command line: clap definitions, one module per command group, and the
//! mapping from errors to messages and exit codes.

mod agenda;
mod archive;
mod check;
mod diff;
mod export;
mod init;
mod issue;
mod log;
mod meeting;
mod output;
mod people;
mod person;
mod processes;
mod quarter;
mod report;
mod rock;
mod scorecard;
mod seats;
mod setup;
mod status;
mod sync;
mod todo;
mod values;
mod vision;

use crate::error::{Error, Result};
use crate::ops::Ctx;
use crate::render::Painter;
use crate::store::Workspace;
use clap::{Parser, Subcommand, ValueEnum};
use output::Out;
use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  pulse init acme --name \"Acme Inc\"    start a company in ./acme
  pulse agenda                          this week's Level 10 meeting
  pulse rock add \"Ship v2\" --owner ian  a rock for this quarter
  pulse scorecard record new-leads 23   last week's number
  pulse diff --since-meeting            what changed since the last meeting";

#[derive(Parser)]
#[command(
    name = "pulse",
    version,
    about = "Run your company's operating system (EOS) as plain-text files in git",
    after_help = EXAMPLES,
    disable_help_subcommand = false,
    propagate_version = true
)]
pub struct Cli {
    /// Run as if pulse was started in DIR
    #[arg(
        short = 'C',
        long = "dir",
        global = true,
        env = "PULSE_DIR",
        value_name = "DIR"
    )]
    dir: Option<PathBuf>,
    /// Print machine-readable JSON on stdout
    #[arg(long, global = true)]
    json: bool,
    /// When to use colour
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    color: ColorChoice,
    /// Write files but do not commit them to git
    #[arg(long, global = true)]
    no_commit: bool,
    /// Print only data and errors
    #[arg(short, long, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand)]
enum Command {
    Init(init::InitArgs),
    Setup(setup::SetupArgs),
    Sync(sync::SyncArgs),
    Status(status::StatusArgs),
    Vision(vision::VisionArgs),
    /// The accountability chart as a tree
    #[command(after_help = "Examples:\n  pulse seats\n  pulse --json seats")]
    Seats,
    #[command(subcommand)]
    Seat(seats::SeatCommand),
    #[command(subcommand)]
    Person(person::PersonCommand),
    People(people::PeopleArgs),
    #[command(subcommand)]
    Rock(rock::RockCommand),
    Rocks(rock::RocksArgs),
    #[command(subcommand)]
    Quarter(quarter::QuarterCommand),
    Scorecard(scorecard::ScorecardArgs),
    #[command(subcommand)]
    Issue(issue::IssueCommand),
    Issues(issue::IssuesArgs),
    #[command(subcommand)]
    Todo(todo::TodoCommand),
    Todos(todo::TodosArgs),
    #[command(subcommand)]
    Headline(meeting::HeadlineCommand),
    #[command(subcommand)]
    Meeting(meeting::MeetingCommand),
    Agenda(agenda::AgendaArgs),
    /// The core processes: name, owner, status, last changed
    #[command(
        after_help = "Each process is processes/NAME.md with a front matter block:\n  +++\n  name = \"Customer onboarding\"\n  owner = \"amy\"\n  status = \"documented\"   # identified | documented | followed-by-all\n  +++\n\nExample:\n  pulse processes"
    )]
    Processes,
    Archive(archive::ArchiveArgs),
    Diff(diff::DiffArgs),
    Log(log::LogArgs),
    Check(check::CheckArgs),
    Export(export::ExportArgs),
    Report(report::ReportArgs),
    /// Print the manual page (roff), or write one per command into a folder
    #[command(
        after_help = "Examples:\n  pulse man | man -l -\n  pulse man --out ~/.local/share/man/man1"
    )]
    Man {
        /// Write pulse.1 and pulse-<command>.1 into this folder
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Print shell completions
    #[command(
        after_help = "Examples:\n  pulse completions bash > ~/.local/share/bash-completion/completions/pulse\n  pulse completions zsh > ~/.zfunc/_pulse"
    )]
    Completions {
        shell: clap_complete::Shell,
    },
}

/// Runs the command line and returns the exit code.
pub fn main(args: Vec<OsString>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp
                | clap::error::ErrorKind::DisplayVersion
                | clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => 0,
                _ => 1,
            };
        }
    };
    let out = Out {
        json: cli.json,
        quiet: cli.quiet,
        painter: Painter {
            color: use_color(cli.color),
        },
    };
    match run(cli, &out) {
        Ok(code) => code,
        Err(e) => {
            report(&e);
            e.exit_code()
        }
    }
}

/// `pulse man`: the manual from the same clap definitions as `--help`.
fn man(dir: Option<&std::path::Path>, out: &Out) -> Result<i32> {
    let command = <Cli as clap::CommandFactory>::command();
    let render = |cmd: clap::Command| -> Vec<u8> {
        let mut buffer = Vec::new();
        // Rendering into memory cannot fail.
        let _ = clap_mangen::Man::new(cmd).render(&mut buffer);
        buffer
    };
    let Some(dir) = dir else {
        out.print(&String::from_utf8_lossy(&render(command)));
        return Ok(0);
    };
    std::fs::create_dir_all(dir).map_err(|e| Error::io("create folder", dir, &e))?;
    // One page per command at every level, named as the pages refer to
    // each other: pulse-rock(1) lists pulse-rock-add(1).
    fn collect(
        cmd: &clap::Command,
        name: String,
        render: &dyn Fn(clap::Command) -> Vec<u8>,
        pages: &mut Vec<(String, Vec<u8>)>,
    ) {
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            collect(sub, format!("{name}-{}", sub.get_name()), render, pages);
        }
        let page = render(
            cmd.clone()
                .display_name(name.clone())
                .bin_name(name.clone()),
        );
        pages.push((format!("{name}.1"), page));
    }
    let mut pages = Vec::new();
    collect(&command, "pulse".into(), &render, &mut pages);
    for (file, page) in &pages {
        let path = dir.join(file);
        crate::store::atomic::write_atomic(&path, page)?;
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

/// An error on stderr: its message and hints hold ids, titles and file
/// names from the files and the command line, so every line is escaped.
fn report(e: &Error) {
    eprintln!("error: {}", crate::escape::escape_lines(&e.message));
    for hint in &e.hints {
        eprintln!("hint: {}", crate::escape::escape_lines(hint));
    }
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
        }
    }
}

fn run(cli: Cli, out: &Out) -> Result<i32> {
    let start = match &cli.dir {
        Some(dir) => dir.clone(),
        None => std::env::current_dir()
            .map_err(|e| Error::user(format!("cannot read the current folder: {e}")))?,
    };
    match cli.command {
        Command::Init(args) => init::run(args, &start, cli.no_commit, out),
        Command::Man { out: folder } => man(folder.as_deref(), out),
        Command::Completions { shell } => {
            let mut buffer = Vec::new();
            clap_complete::generate(
                shell,
                &mut <Cli as clap::CommandFactory>::command(),
                "pulse",
                &mut buffer,
            );
            out.print(&String::from_utf8_lossy(&buffer));
            Ok(0)
        }
        command => {
            let ws = Workspace::discover(&start)?;
            let today = std::env::var("PULSE_TODAY").ok().filter(|s| !s.is_empty());
            let mut ctx = Ctx::new(ws, today.as_deref(), cli.no_commit)?;
            ctx.notify = output::note;
            match command {
                Command::Init(_) | Command::Completions { .. } | Command::Man { .. } => Ok(0),
                Command::Setup(args) => setup::run(args, &ctx, out),
                Command::Sync(args) => sync::run(args, &ctx, out),
                Command::Status(args) => status::run(args, &ctx, out),
                Command::Vision(args) => vision::run(args, &ctx, out),
                Command::Seats => seats::show(&ctx, out),
                Command::Seat(cmd) => seats::run(cmd, &ctx, out),
                Command::Agenda(args) => agenda::run(args, &ctx, out),
                Command::Processes => processes::run(&ctx, out),
                Command::Archive(args) => archive::run(args, &ctx, out),
                Command::Diff(args) => diff::run(args, &ctx, out),
                Command::Log(args) => log::run(args, &ctx, out),
                Command::Person(cmd) => person::run(cmd, &ctx, out),
                Command::People(args) => people::run(args, &ctx, out),
                Command::Rock(cmd) => rock::run(cmd, &ctx, out),
                Command::Rocks(args) => rock::list(args, &ctx, out),
                Command::Quarter(cmd) => quarter::run(cmd, &ctx, out),
                Command::Scorecard(args) => scorecard::run(args, &ctx, out),
                Command::Issue(cmd) => issue::run(cmd, &ctx, out),
                Command::Issues(args) => issue::list(args, &ctx, out),
                Command::Todo(cmd) => todo::run(cmd, &ctx, out),
                Command::Todos(args) => todo::list(args, &ctx, out),
                Command::Headline(cmd) => meeting::headline(cmd, &ctx, out),
                Command::Meeting(cmd) => meeting::run(cmd, &ctx, out),
                Command::Check(args) => check::run(args, &ctx, out),
                Command::Export(args) => export::run(args, &ctx, out),
                Command::Report(args) => report::run(args, &ctx, out),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    /// Every command a person can type has an example in its `--help`.
    #[test]
    fn every_command_has_an_example() {
        fn walk(cmd: &clap::Command, path: String, missing: &mut Vec<String>) {
            let leaf = cmd.get_subcommands().next().is_none();
            let help = cmd
                .get_after_help()
                .map(|h| h.to_string())
                .unwrap_or_default();
            if leaf && !help.contains("Example") {
                missing.push(path.clone());
            }
            for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
                walk(sub, format!("{path} {}", sub.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), "pulse".into(), &mut missing);
        assert!(missing.is_empty(), "no example in --help: {missing:?}");
        Cli::command().debug_assert();
    }
}
