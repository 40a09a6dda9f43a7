//! The command line: clap definitions, one module per command group, and the
//! mapping from errors to messages and exit codes.

mod agenda;
mod archive;
mod check;
mod checkup;
mod complete;
mod conversation;
mod deferred;
mod diff;
mod export;
mod init;
mod issue;
mod log;
mod man;
mod meeting;
mod meeting_run;
mod merge_driver;
mod output;
mod people;
mod person;
mod processes;
mod quarter;
mod report;
mod rock;
mod rocks;
mod scorecard;
mod seats;
mod setup;
mod sources;
mod status;
mod sync;
mod team;
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

/// The heading of the flags every command takes, apart from its own.
const GLOBAL: &str = "Global options";

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
        value_name = "DIR",
        help_heading = GLOBAL
    )]
    dir: Option<PathBuf>,
    /// The team to act on (default: the team whose folder you are in, else leadership)
    #[arg(
        short = 't',
        long = "team",
        global = true,
        env = "PULSE_TEAM",
        value_name = "NAME",
        help_heading = GLOBAL
    )]
    team: Option<String>,
    /// Print machine-readable JSON on stdout
    #[arg(long, global = true, help_heading = GLOBAL)]
    json: bool,
    /// When to use colour
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN", help_heading = GLOBAL)]
    color: ColorChoice,
    /// Write files but do not commit them to git (for commands that change files)
    #[arg(long, global = true, help_heading = GLOBAL)]
    no_commit: bool,
    /// Print only data and errors
    #[arg(short, long, global = true, help_heading = GLOBAL)]
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

use deferred::Deferred;

#[derive(Subcommand)]
enum Command {
    /// Start a company: commented templates for every file, git init, a first commit
    Init(Deferred<init::InitArgs>),
    /// Make this clone ready for teamwork: register pulse's merge driver and route the company's files to it
    Setup(Deferred<setup::SetupArgs>),
    /// Pull the team's changes (your commits rebased onto them), push yours, and say what came in
    Sync(Deferred<sync::SyncArgs>),
    /// One screen: rocks, numbers, to-dos, issues, meetings
    Status(Deferred<status::StatusArgs>),
    /// The Vision/Traction Organizer on one page
    Vision(Deferred<vision::VisionArgs>),
    /// The accountability chart as a tree
    #[command(after_help = "Examples:\n  pulse seats\n  pulse --json seats")]
    Seats,
    /// Change the accountability chart
    #[command(
        subcommand,
        after_help = "Examples:\n  pulse seat add \"Network\" --reports-to integrator --person ian --role \"Uptime\"\n  pulse seat assign network ian\n  pulse seat edit network --reports-to software\n  pulse seat remove network"
    )]
    Seat(Deferred<seats::SeatCommand>),
    /// The roster of people in company.toml
    #[command(
        subcommand,
        after_help = "Examples:\n  pulse person add zoe --name \"Zoe Park\" --email zoe@example.com\n  pulse person edit zoe --email zoe@lapwing.example\n  pulse person remove ian\n  pulse person list"
    )]
    Person(Deferred<person::PersonCommand>),
    /// Departmental teams: their own meeting, rocks, scorecard, issues, to-dos
    #[command(
        subcommand,
        after_help = "Examples:\n  pulse team add sales --name Sales --weekday tuesday --time 10:00 --member amy\n  pulse team edit sales --weekday wednesday --minutes 75\n  pulse team remove sales"
    )]
    Team(Deferred<team::TeamCommand>),
    /// Every team on one screen: members, meeting, rocks, misses, issues, to-dos, rating
    Teams(Deferred<team::TeamsArgs>),
    /// The People Analyzer: everyone against the core values, and GWC seat by seat
    People(Deferred<people::PeopleArgs>),
    /// The Quarterly Conversation (5-5-5) between a manager and a direct report
    #[command(
        subcommand,
        after_help = "Examples:\n  pulse conversation add ian\n  pulse conversation set ian-2026-q4 --value own=+/-\n  pulse conversation show ian-2026-q4"
    )]
    Conversation(Deferred<conversation::ConversationCommand>),
    /// List the Quarterly Conversations: id, quarter, person, manager, date, how much is rated
    Conversations(Deferred<conversation::ConversationsArgs>),
    /// Change the quarter's rocks (90-day priorities)
    #[command(
        subcommand,
        after_help = "Examples:\n  pulse rock add \"Ship the IPv6 network to every region\" --owner ian --company\n  pulse rock set ipv6 off-track\n  pulse rock milestone ipv6 \"Vendor contract signed\" --due 2026-10-31\n  pulse rock milestone-done ipv6 1"
    )]
    Rock(Deferred<rock::RockCommand>),
    /// List a quarter's rocks
    Rocks(Deferred<rocks::RocksArgs>),
    /// The end of a quarter
    #[command(subcommand, after_help = "Examples:\n  pulse quarter close")]
    Quarter(Deferred<quarter::QuarterCommand>),
    /// The weekly scorecard: measurables × the last N weeks
    Scorecard(Deferred<scorecard::ScorecardArgs>),
    /// Identify, Discuss, Solve: change the issues list
    #[command(
        subcommand,
        after_help = "Examples:\n  pulse issue add \"Churn doubled in two weeks\" --owner amy\n  pulse issue top churn hiring pricing\n  pulse issue solve churn --resolution \"Call every account that left\"\n  pulse issue drop office-plants"
    )]
    Issue(Deferred<issue::IssueCommand>),
    /// List the open issues, top three first
    Issues(Deferred<issue::IssuesArgs>),
    /// Change the 7-day to-do list
    #[command(
        subcommand,
        after_help = "Examples:\n  pulse todo add \"Call the ten largest accounts\" --owner amy\n  pulse todo done call-the\n  pulse todo edit call-the --owner ian --due 2026-12-04\n  pulse todo remove call-the-2"
    )]
    Todo(Deferred<todo::TodoCommand>),
    /// List the to-dos: open ones, or all with --all
    Todos(Deferred<todo::TodosArgs>),
    /// Customer and employee headlines for the next meeting
    #[command(
        subcommand,
        after_help = "Examples:\n  pulse headline add \"Acme renewed for three years\" --by amy --customer"
    )]
    Headline(Deferred<meeting::HeadlineCommand>),
    /// Record a meeting: ratings, cascading messages, attendees
    #[command(
        subcommand,
        after_help = "Examples:\n  pulse meeting run\n  pulse meeting rate zoe=9 ian=8 amy=9\n  pulse meeting cascade \"The holiday schedule is final\"\n  pulse meeting summary"
    )]
    Meeting(Deferred<meeting::MeetingCommand>),
    /// List a quarter's meetings: date, kind, attendees, rating, headlines, cascades
    Meetings(Deferred<meeting::MeetingsArgs>),
    /// Print the meeting agenda, filled with live data
    Agenda(Deferred<agenda::AgendaArgs>),
    /// The core processes: name, owner, status, last changed
    #[command(
        after_help = "Each process is processes/NAME.md with a front matter block:\n  +++\n  name = \"Customer onboarding\"\n  owner = \"amy\"\n  status = \"documented\"   # identified | documented | packaged | followed-by-all\n  +++\n\nExample:\n  pulse processes"
    )]
    Processes,
    /// Document the core processes (processes/NAME.md)
    #[command(
        subcommand,
        after_help = "Examples:\n  pulse process add \"Customer onboarding\" --owner amy --status documented\n  pulse process set customer-onboarding followed-by-all"
    )]
    Process(Deferred<processes::ProcessCommand>),
    /// Move finished to-dos and issues of past quarters to archive/
    Archive(Deferred<archive::ArchiveArgs>),
    /// What changed in the company since then, in words
    Diff(Deferred<diff::DiffArgs>),
    /// The history of one rock, issue, to-do or measurable, commit by commit
    Log(Deferred<log::LogArgs>),
    /// Validate every file, every reference and the EOS rules
    Check(Deferred<check::CheckArgs>),
    /// The Organizational Checkup: twenty statements, 1 to 5, by each leader; the company's score out of 100
    Checkup(Deferred<checkup::CheckupArgs>),
    /// Export everything to CSV or JSON files (the scorecard also as a wide CSV)
    Export(Deferred<export::ExportArgs>),
    /// The quarter on one static HTML page: V/TO, rocks, scorecard charts, issues, to-dos, meetings
    Report(Deferred<report::ReportArgs>),
    /// Print the manual page (roff), or write one per command into a folder
    #[command(
        after_help = "Examples:\n  pulse man | man -l -\n  pulse man --out ~/.local/share/man/man1"
    )]
    Man {
        /// Write pulse.1 and pulse-<command>.1 into this folder
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Print the shell script that completes pulse: commands, flags, and the company's ids, handles, statuses and quarters
    #[command(
        after_help = "The script calls pulse back on TAB (as `COMPLETE=SHELL pulse`), so `pulse rock set <TAB>`\noffers this quarter's rocks and `--owner <TAB>` the people, read from the company in\nthe current folder (or $PULSE_DIR). Load it from your shell's start-up file:\n\nExamples:\n  echo 'source <(pulse completions bash)' >> ~/.bashrc\n  echo 'source <(pulse completions zsh)' >> ~/.zshrc\n  echo 'pulse completions fish | source' > ~/.config/fish/completions/pulse.fish\n  pulse completions bash --static > /etc/bash_completion.d/pulse   commands and flags only"
    )]
    Completions {
        /// The shell to complete in
        shell: clap_complete::Shell,
        /// A fixed script of commands and flags only (no ids; needs no call back into pulse)
        #[arg(long = "static")]
        fixed: bool,
    },
    /// Merge three versions of a company file (run by git, not by hand)
    #[command(hide = true)]
    MergeDriver(Deferred<merge_driver::MergeDriverArgs>),
}

/// The completion script for a shell: the dynamic one, which calls pulse
/// back for the company's ids (`COMPLETE=SHELL pulse -- ARGS`), or with
/// `fixed` clap's static one.
fn completions(shell: clap_complete::Shell, fixed: bool) -> String {
    let mut buffer = Vec::new();
    let mut command = <Cli as clap::CommandFactory>::command();
    let shells = clap_complete::env::Shells::builtins();
    match shells.completer(&shell.to_string()) {
        Some(script) if !fixed => {
            // Writing into memory cannot fail.
            let _ = script.write_registration(COMPLETE_VAR, "pulse", "pulse", "pulse", &mut buffer);
        }
        _ => clap_complete::generate(shell, &mut command, "pulse", &mut buffer),
    }
    String::from_utf8_lossy(&buffer).into_owned()
}

/// The command line with every command's arguments added, for the
/// completion called back by the shell: clap copies the tree under `help`
/// (`pulse help todo <TAB>`) when it builds the top command, before it
/// would build the commands below. (The fixed scripts of `completions
/// --static` are generated from the plain tree: clap_complete's generators
/// expect it unbuilt.)
fn whole_command() -> clap::Command {
    let mut command = <Cli as clap::CommandFactory>::command();
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        command = command.mut_subcommand(name, |mut sub| {
            sub.build();
            sub
        });
    }
    command
}

/// The variable the completion script sets when it calls pulse back.
const COMPLETE_VAR: &str = "COMPLETE";

/// Runs the command line and returns the exit code.
pub fn main(args: Vec<OsString>) -> i32 {
    // Called back by the completion script: print the candidates and stop.
    let completing = clap_complete::CompleteEnv::with_factory(whole_command)
        .var(COMPLETE_VAR)
        .bin("pulse")
        .completer("pulse")
        .try_complete(args.clone(), std::env::current_dir().ok().as_deref());
    match completing {
        Ok(true) => return 0,
        Ok(false) => {}
        Err(e) => {
            let _ = e.print();
            return 1;
        }
    }
    let raw: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => 0,
                // `pulse person` alone: the group's help, on stderr, and
                // exit 2 as clap and git do; a script learns it did nothing.
                clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => 2,
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
    match run(cli, &raw, &out) {
        Ok(code) => code,
        Err(e) => {
            report(&e);
            e.exit_code()
        }
    }
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

/// The value of a `-t`/`--team` given before the subcommand `sub`.
fn team_before(args: &[String], sub: &str) -> Option<String> {
    let mut value = None;
    let mut iter = args.iter().skip(1);
    while let Some(arg) = iter.next() {
        if arg == sub {
            break;
        }
        if arg == "-t" || arg == "--team" {
            value = iter.next().cloned();
        } else if let Some(v) = arg.strip_prefix("--team=") {
            value = Some(v.to_string());
        } else if let Some(v) = arg
            .strip_prefix("-t")
            .filter(|v| !v.is_empty() && !arg.starts_with("--"))
        {
            value = Some(v.to_string());
        }
    }
    value
}

fn run(cli: Cli, raw_args: &[String], out: &Out) -> Result<i32> {
    let start = match &cli.dir {
        Some(dir) => dir.clone(),
        None => std::env::current_dir()
            .map_err(|e| Error::user(format!("cannot read the current folder: {e}")))?,
    };
    match cli.command {
        Command::Init(args) => init::run(args.0, &start, cli.no_commit, out),
        Command::Man { out: folder } => man::man(folder.as_deref(), out),
        // git runs it in a merge: no company to find, no lock, just three files.
        Command::MergeDriver(args) => merge_driver::run(args.0),
        Command::Completions { shell, fixed } => {
            out.print(&completions(shell, fixed));
            Ok(0)
        }
        command => {
            let ws = Workspace::discover(&start)?;
            let team = match &command {
                Command::Issue(cmd) => {
                    issue::move_source(&cmd.0, team_before(raw_args, "issue")).unwrap_or(cli.team)
                }
                _ => cli.team,
            };
            let ws = ws.select_team(team.as_deref(), &start)?;
            // At the root with no team named, diff, log and check cover
            // every team (SPEC §7).
            let every_team = team.is_none() && ws.team_name.is_none();
            let var = |name: &str| std::env::var(name).ok().filter(|s| !s.is_empty());
            let mut ctx = Ctx::new(
                ws,
                var("PULSE_TODAY").as_deref(),
                var("PULSE_NOW").as_deref(),
                cli.no_commit,
            )?;
            ctx.every_team = every_team;
            ctx.notify = output::note;
            match command {
                Command::Init(_)
                | Command::Completions { .. }
                | Command::Man { .. }
                | Command::MergeDriver(_) => Ok(0),
                Command::Setup(args) => setup::run(args.0, &ctx, out),
                Command::Sync(args) => sync::run(args.0, &ctx, out),
                Command::Status(args) => status::run(args.0, &ctx, out),
                Command::Vision(args) => vision::run(args.0, &ctx, out),
                Command::Seats => seats::show(&ctx, out),
                Command::Seat(cmd) => seats::run(cmd.0, &ctx, out),
                Command::Agenda(args) => agenda::run(args.0, &ctx, out),
                Command::Processes => processes::run(&ctx, out),
                Command::Process(cmd) => processes::change(cmd.0, &ctx, out),
                Command::Archive(args) => archive::run(args.0, &ctx, out),
                Command::Diff(args) => diff::run(args.0, &ctx, out),
                Command::Log(args) => log::run(args.0, &ctx, out),
                Command::Person(cmd) => person::run(cmd.0, &ctx, out),
                Command::Team(cmd) => team::run(cmd.0, &ctx, out),
                Command::Teams(args) => team::list(args.0, &ctx, out),
                Command::People(args) => people::run(args.0, &ctx, out),
                Command::Conversation(cmd) => conversation::run(cmd.0, &ctx, out),
                Command::Conversations(args) => conversation::list(args.0, &ctx, out),
                Command::Rock(cmd) => rock::run(cmd.0, &ctx, out),
                Command::Rocks(args) => rocks::list(args.0, &ctx, out),
                Command::Quarter(cmd) => quarter::run(cmd.0, &ctx, out),
                Command::Scorecard(args) => scorecard::run(args.0, &ctx, out),
                Command::Issue(cmd) => issue::run(cmd.0, &ctx, out),
                Command::Issues(args) => issue::list(args.0, &ctx, out),
                Command::Todo(cmd) => todo::run(cmd.0, &ctx, out),
                Command::Todos(args) => todo::list(args.0, &ctx, out),
                Command::Headline(cmd) => meeting::headline(cmd.0, &ctx, out),
                Command::Meeting(cmd) => meeting::run(cmd.0, &ctx, out),
                Command::Meetings(args) => meeting::list(args.0, &ctx, out),
                Command::Check(args) => check::run(args.0, &ctx, out),
                Command::Checkup(args) => checkup::run(args.0, &ctx, out),
                Command::Export(args) => export::run(args.0, &ctx, out),
                Command::Report(args) => report::run(args.0, &ctx, out),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    /// Every command a person can type, and every group of commands, has
    /// an example in its `--help`.
    #[test]
    fn every_command_has_an_example() {
        fn walk(cmd: &clap::Command, path: String, missing: &mut Vec<String>) {
            // Groups too (`pulse todo --help`): a new user looked there first.
            let help = cmd
                .get_after_help()
                .map(|h| h.to_string())
                .unwrap_or_default();
            if path != "pulse" && !help.contains("Example") {
                missing.push(path.clone());
            }
            for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
                walk(sub, format!("{path} {}", sub.get_name()), missing);
            }
        }
        // Built whole, as help and man pages build it: a parse builds only
        // the command it runs (`Deferred`).
        let mut cli = Cli::command();
        cli.build();
        let mut missing = Vec::new();
        walk(&cli, "pulse".into(), &mut missing);
        assert!(missing.is_empty(), "no example in --help: {missing:?}");
        Cli::command().debug_assert();
    }

    /// `pulse --help` lists every command with what it does: the text is
    /// on the command before it is built (`Deferred` builds a command's
    /// arguments only when it runs), and the same once it is.
    #[test]
    fn every_command_is_described_in_the_top_help() {
        let unbuilt = Cli::command();
        let mut built = Cli::command();
        built.build();
        for sub in unbuilt.get_subcommands() {
            let about = sub.get_about().map(|a| a.to_string());
            assert!(
                about.is_some(),
                "`pulse {}` has no description in --help",
                sub.get_name()
            );
            let once_built = built
                .find_subcommand(sub.get_name())
                .and_then(|b| b.get_about())
                .map(|a| a.to_string());
            assert_eq!(about, once_built, "pulse {}", sub.get_name());
        }
    }

    /// Every argument and flag of every command says what it is for.
    #[test]
    fn every_argument_has_a_description() {
        fn walk(cmd: &clap::Command, path: String, missing: &mut Vec<String>) {
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if arg.is_hide_set() || id == "help" || id == "version" {
                    continue;
                }
                if arg.get_help().is_none() && arg.get_long_help().is_none() {
                    missing.push(format!("{path} <{id}>"));
                }
            }
            for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
                walk(sub, format!("{path} {}", sub.get_name()), missing);
            }
        }
        // Built whole, as help and man pages build it: a parse builds only
        // the command it runs (`Deferred`).
        let mut cli = Cli::command();
        cli.build();
        let mut missing = Vec::new();
        walk(&cli, "pulse".into(), &mut missing);
        assert!(missing.is_empty(), "arguments without help: {missing:#?}");
    }
}
