//! `cargo run --release --example bench`: the ten-year benchmark of SPEC §5,
//! on the build we ship (`--profile dist`).
//!
//! Generates the ten-year company (examples/bigco) in a temporary folder,
//! with its finished items archived by quarter as `pulse archive` leaves
//! them, and a copy that never archived (5,000 to-dos in one file). pulse
//! keeps no cache: every run parses what it reads. Times, as medians of
//! repeated runs:
//! - every read command against `cat` of the files it needs (goal ≤ 3×);
//!   `check`, which reads everything, against `cat` of every file;
//! - the same on the never-archived copy (SPEC §5: under 100 ms; the
//!   ratio shown beside it);
//! - `pulse todo add` with its commit against a bare `git add` + `git commit`
//!   of the same change in a copy of the company, in turns (goal ≤ 1.5×);
//! - `pulse diff` over the last year against `git log -p` over the same
//!   files and range, and `pulse log` of a measurable and of a to-do
//!   against `git log -p` of their files (goals ≤ 2×).
//!
//! Prints a Markdown table (the README keeps the last one). `PULSE_BIN`
//! names the binary to measure; by default it is built first.

#[path = "bigco/generate.rs"]
mod generate;
#[path = "support/timing.rs"]
mod timing;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use timing::{fail, median_pair, pulse_binary};

const RUNS: usize = 21;
const TODAY: &str = "2026-11-26";

fn main() {
    let pulse = pulse_binary();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let company_dir = dir.path().join("bigco");
    let today = TODAY.parse().expect("valid date");
    let started = Instant::now();
    let mut company = generate::Company::generate(today, &generate::Sizes::TEN_YEARS);
    // SPEC §5: 20 departmental teams, two years old each.
    company.teams = (0..20)
        .map(|i| {
            (
                format!("team-{i:02}"),
                generate::Company::generate(today, &generate::Sizes::TEAM),
            )
        })
        .collect();
    let commits = generate::write(&company_dir, &company, &generate::Sizes::TEN_YEARS)
        .unwrap_or_else(|e| fail(&e));
    eprintln!(
        "generated the ten-year company ({commits} commits) in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let flat_dir = dir.path().join("bigco-flat");
    let mut flat = generate::Company::generate(today, &generate::Sizes::TEN_YEARS);
    flat.archived = false;
    generate::write(&flat_dir, &flat, &generate::Sizes::TEN_YEARS).unwrap_or_else(|e| fail(&e));
    for repo in [&company_dir, &flat_dir] {
        as_cloned(repo);
    }

    let mut rows = Vec::new();
    reads(
        &pulse,
        &company_dir,
        "archived by quarter",
        Goal::Ratio(3.0),
        &mut rows,
    );
    team_reads(&pulse, &company_dir, &mut rows);
    // SPEC §5: a company that never archives stays under 100 ms.
    let under_100_ms = Goal::Under(Duration::from_millis(100));
    reads(&pulse, &flat_dir, "never archived", under_100_ms, &mut rows);

    // Writes: the same one-line change, by hand in a copy of the company and
    // by pulse, run in turns so that the machine's drift hits both alike.
    let bare_dir = dir.path().join("bigco-bare");
    run(
        Command::new("cp")
            .arg("-a")
            .arg(&company_dir)
            .arg(&bare_dir),
        dir.path(),
    );
    let (mut by_hand, mut by_pulse) = (0, 0);
    let (bare, add) = median_pair(
        RUNS,
        || {
            by_hand += 1;
            let n = by_hand;
            let todos = bare_dir.join("todos.toml");
            let mut text = std::fs::read_to_string(&todos).expect("todos.toml");
            text.push_str(&format!(
                "\n[[todo]]\nid = \"bare-{n}\"\ntitle = \"Bare {n}\"\nowner = \"ada\"\ncreated = {TODAY}\n"
            ));
            std::fs::write(&todos, text).expect("write todos.toml");
            run(Command::new("git").args(["add", "todos.toml"]), &bare_dir);
            run(
                Command::new("git").args(["commit", "-q", "-m", "todo: add by hand"]),
                &bare_dir,
            );
        },
        || {
            by_pulse += 1;
            run(
                pulse_cmd(&pulse).args([
                    "todo",
                    "add",
                    &format!("Bench {by_pulse}"),
                    "--owner",
                    "ada",
                ]),
                &company_dir,
            );
        },
    );
    rows.push(Row::baseline(
        "`git add` + `git commit` of one to-do".into(),
        bare,
    ));
    rows.push(Row::measured(
        "`pulse todo add` (with its commit)".into(),
        add,
        bare,
        1.5,
    ));

    // History: a year of weekly commits.
    let year_ago = "HEAD~52";
    let git_log = median(|| {
        run(
            Command::new("git").args(["log", "-p", &format!("{year_ago}..HEAD"), "--", "."]),
            &company_dir,
        );
    });
    rows.push(Row::baseline(
        "`git log -p HEAD~52..HEAD` (a year)".into(),
        git_log,
    ));
    let diff = median(|| {
        run(
            pulse_cmd(&pulse).args(["diff", &format!("{year_ago}..HEAD")]),
            &company_dir,
        );
    });
    rows.push(Row::measured(
        "`pulse diff HEAD~52..HEAD`".into(),
        diff,
        git_log,
        2.0,
    ));
    let git_log_scorecard = median(|| {
        run(
            Command::new("git").args(["log", "-p", "--", "scorecard.toml", "scorecard.csv"]),
            &company_dir,
        );
    });
    rows.push(Row::baseline(
        "`git log -p -- scorecard.toml scorecard.csv`".into(),
        git_log_scorecard,
    ));
    let log = median(|| {
        run(pulse_cmd(&pulse).args(["log", "m00"]), &company_dir);
    });
    rows.push(Row::measured(
        format!("`pulse log m00` (a measurable, {commits} commits)"),
        log,
        git_log_scorecard,
        2.0,
    ));
    let git_log_todos = median(|| {
        run(
            Command::new("git").args(["log", "-p", "--", "todos.toml"]),
            &flat_dir,
        );
    });
    rows.push(Row::baseline(
        "`git log -p -- todos.toml` (never archived)".into(),
        git_log_todos,
    ));
    let todo = first_id(&flat_dir.join("todos.toml"));
    let log_todo = median(|| {
        run(pulse_cmd(&pulse).args(["log", &todo]), &flat_dir);
    });
    rows.push(Row::measured(
        "`pulse log` of a to-do (5,000 in the list)".into(),
        log_todo,
        git_log_todos,
        2.0,
    ));

    println!("| what | median | ratio | goal |");
    println!("|---|---:|---:|---|");
    let mut failed = 0;
    for row in &rows {
        println!("{}", row.markdown());
        failed += usize::from(row.missed());
    }
    println!(
        "\n{} cores, {RUNS} runs each, no cache; ten-year company: 40 quarters × 50 rocks, 30 measurables × 520 weeks, 2,000 issues, 5,000 to-dos (all but the open and recent ones archived by quarter, or never archived), 500 meetings.",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    if failed > 0 {
        println!("{failed} figure(s) miss their goal.");
    }
    println!();
    memory(&pulse, &company_dir, dir.path());
}

/// Peak memory beside the size of the files read: the leadership's agenda
/// and `todos` on the ten-year company, then a list no team keeps (100,000
/// to-dos in one 13 MB file, nothing archived): `todos` and `todo done`.
/// Measured with `/usr/bin/time -f %M`; without it, not measured.
fn memory(pulse: &Path, company_dir: &Path, tmp: &Path) {
    let dir = tmp.join("flat-100k");
    std::fs::create_dir_all(&dir).expect("a folder");
    let company = "[company]\nname = \"Flat\"\n\n[meeting]\nweekday = \"thursday\"\ntime = \"09:00\"\nminutes = 90\n\n[people.amy]\nname = \"Amy\"\n";
    std::fs::write(dir.join("company.toml"), company).expect("company.toml");
    let mut text = String::from("# to-dos\n");
    for i in 0..100_000 {
        text.push_str(&format!(
            "\n[[todo]]\nid = \"call-{i}\"\ntitle = \"Call customer {i}\"\nowner = \"amy\"\ncreated = 2026-01-05\ndue = 2026-01-12\n{}",
            if i < 99_000 { "done = 2026-01-08\n" } else { "" }
        ));
    }
    std::fs::write(dir.join("todos.toml"), &text).expect("todos.toml");
    run(Command::new("git").args(["init", "-q"]), &dir);
    run(Command::new("git").args(["add", "-A"]), &dir);
    run(
        Command::new("git").args(["commit", "-q", "-m", "flat"]),
        &dir,
    );
    let flat_size = (text.len() + company.len()) as u64;
    let size_of = |files: &[PathBuf]| -> u64 {
        files
            .iter()
            .filter_map(|f| std::fs::metadata(company_dir.join(f)).ok())
            .map(|m| m.len())
            .sum()
    };
    println!("| what | files read | median | peak memory | × the files | goal |");
    println!("|---|---:|---:|---:|---:|---|");
    // The goal is for lists large enough to be most of the memory: below
    // a megabyte, the floor (pulse's code and libraries, the first row)
    // is most of it, and the ratio says nothing of how files are read.
    let line = |what: &str, args: Vec<String>, dir: &Path, size: u64, runs: usize| {
        let mut n = 0;
        let time = median_n(runs, || {
            n += 1;
            run(pulse_cmd(pulse).args(next(&args, n)), dir)
        });
        let peak = peak_kib(pulse, &next(&args, n + 1), dir);
        let (memory, ratio, verdict) = match peak {
            Some(kib) if size >= 1_000_000 => {
                let ratio = kib as f64 * 1024.0 / size as f64;
                let mark = if ratio < 20.0 { "✓" } else { "✗" };
                (
                    format!("{:.1} MB", kib as f64 * 1024.0 / 1e6),
                    format!("{ratio:.0}×"),
                    format!("< 20× {mark}"),
                )
            }
            Some(kib) => (
                format!("{:.1} MB", kib as f64 * 1024.0 / 1e6),
                "-".into(),
                String::new(),
            ),
            None => ("not measured".into(), "-".into(), String::new()),
        };
        println!(
            "| {what} | {:.0} KB | {:.1} ms | {memory} | {ratio} | {verdict} |",
            size as f64 / 1e3,
            time.as_secs_f64() * 1000.0
        );
    };
    line(
        "`pulse --version` (the floor: nothing read)",
        vec!["--version".into()],
        company_dir,
        0,
        RUNS,
    );
    for command in ["agenda", "todos"] {
        let files = needs(command, company_dir);
        line(
            &format!("`pulse {command}` (ten years, archived)"),
            vec![command.to_string()],
            company_dir,
            size_of(&files),
            RUNS,
        );
    }
    line(
        "`pulse todos` (100,000 in one file)",
        vec!["todos".into()],
        &dir,
        flat_size,
        5,
    );
    line(
        "`pulse todo done` (100,000 in one file, with its commit)",
        vec!["todo".into(), "done".into(), "call-{n}".into()],
        &dir,
        flat_size,
        5,
    );
}

/// `args` with `{n}` made the n-th open to-do of the flat list.
fn next(args: &[String], n: usize) -> Vec<String> {
    args.iter()
        .map(|a| a.replace("{n}", &(99_000 + n).to_string()))
        .collect()
}

/// The peak memory (KiB) of one run of `pulse ARGS` in `dir`, by
/// `/usr/bin/time`; `None` where there is none.
fn peak_kib(pulse: &Path, args: &[String], dir: &Path) -> Option<u64> {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        return None;
    }
    let out = Command::new(time)
        .args(["-f", "%M"])
        .arg(pulse)
        .args(args)
        .env("PULSE_TODAY", TODAY)
        .env("GIT_AUTHOR_NAME", "Bench")
        .env("GIT_AUTHOR_EMAIL", "bench@example.com")
        .env("GIT_COMMITTER_NAME", "Bench")
        .env("GIT_COMMITTER_EMAIL", "bench@example.com")
        .current_dir(dir)
        .stdout(Stdio::null())
        .output()
        .ok()?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    stderr.lines().last()?.trim().parse().ok()
}

/// The files each read command needs, relative to the company folder.
fn needs(command: &str, dir: &Path) -> Vec<PathBuf> {
    let quarter = "rocks/2026-Q4.toml";
    let meetings: Vec<PathBuf> = company_files(&dir.join("meetings"))
        .into_iter()
        .rev()
        .take(2)
        .collect();
    let archive_now = dir.join("archive/2026-Q4/todos.toml");
    let mut files: Vec<PathBuf> = match command {
        "agenda" | "status" => [
            "scorecard.toml",
            "scorecard.csv",
            quarter,
            "todos.toml",
            "issues.toml",
        ]
        .iter()
        .map(|f| dir.join(f))
        .chain(meetings)
        .chain(Some(archive_now))
        .collect(),
        "scorecard" => vec![dir.join("scorecard.toml"), dir.join("scorecard.csv")],
        "rocks" => vec![dir.join(quarter)],
        "issues" => vec![dir.join("issues.toml")],
        "todos" => vec![dir.join("todos.toml"), archive_now],
        "vision" => vec![
            dir.join("vision.toml"),
            dir.join(quarter),
            dir.join("issues.toml"),
        ],
        _ => company_files(dir),
    };
    files.push(dir.join("company.toml"));
    files.retain(|f| f.exists());
    files.sort();
    files.dedup();
    files
}

/// A team's reads against `cat` of the team's files they need and the
/// root's (company.toml, and for the agenda the leadership's rocks and
/// meetings); `pulse teams` against `cat` of what it reads of every team.
fn team_reads(pulse: &Path, dir: &Path, rows: &mut Vec<Row>) {
    let team = dir.join("teams/team-07");
    for command in ["agenda", "status", "scorecard", "rocks", "issues", "todos"] {
        let mut files = needs(command, &team);
        files.retain(|f| !f.ends_with("company.toml"));
        files.push(dir.join("company.toml"));
        files.push(team.join("team.toml"));
        if command == "agenda" {
            files.push(dir.join("rocks/2026-Q4.toml"));
            files.extend(
                company_files(&dir.join("meetings"))
                    .into_iter()
                    .rev()
                    .take(2),
            );
        }
        // In turns, so that the machine's drift hits both alike.
        let (cat, time) = median_pair(
            RUNS,
            || {
                run(Command::new("cat").args(&files), dir);
            },
            || {
                run(pulse_cmd(pulse).args(["-t", "team-07", command]), dir);
            },
        );
        rows.push(Row::baseline(
            format!(
                "`cat` of the {} files a team's `{command}` reads",
                files.len()
            ),
            cat,
        ));
        rows.push(Row::measured(
            format!("`pulse -t team-07 {command}`"),
            time,
            cat,
            3.0,
        ));
    }
    let mut files = needs("status", dir);
    for i in 0..20 {
        let team = dir.join(format!("teams/team-{i:02}"));
        files.extend(needs("status", &team));
        files.push(team.join("team.toml"));
    }
    files.sort();
    files.dedup();
    // In turns, so that the machine's drift hits both alike.
    let (cat, time) = median_pair(
        RUNS,
        || {
            run(Command::new("cat").args(&files), dir);
        },
        || {
            run(pulse_cmd(pulse).arg("teams"), dir);
        },
    );
    rows.push(Row::baseline(
        format!("`cat` of the {} files of every team's status", files.len()),
        cat,
    ));
    rows.push(Row::measured(
        "`pulse teams` (21 teams)".into(),
        time,
        cat,
        3.0,
    ));
}

/// Every read command against `cat` of the files it needs.
fn reads(pulse: &Path, dir: &Path, layout: &str, goal: Goal, rows: &mut Vec<Row>) {
    for command in [
        "agenda",
        "status",
        "scorecard",
        "rocks",
        "issues",
        "todos",
        "vision",
        "check",
    ] {
        let files = needs(command, dir);
        let bytes: u64 = files
            .iter()
            .filter_map(|f| std::fs::metadata(f).ok())
            .map(|m| m.len())
            .sum();
        // In turns, so that the machine's drift hits both alike.
        let (cat, time) = median_pair(
            RUNS,
            || {
                run(Command::new("cat").args(&files), dir);
            },
            || {
                run(pulse_cmd(pulse).arg(command), dir);
            },
        );
        rows.push(Row::baseline(
            format!(
                "`cat` of the {} {} ({layout}, {:.0} KB)",
                files.len(),
                if files.len() == 1 { "file" } else { "files" },
                bytes as f64 / 1e3
            ),
            cat,
        ));
        rows.push(Row::measured(format!("`pulse {command}`"), time, cat, goal));
    }
}

/// Packs a generated repository as a fresh clone is packed, and turns off
/// git's automatic maintenance: a `gc` started by the generator's commits
/// would otherwise run in the background while commands are timed.
fn as_cloned(repo: &Path) {
    run(Command::new("git").args(["gc", "-q"]), repo);
    for (key, value) in [("gc.auto", "0"), ("maintenance.auto", "false")] {
        run(Command::new("git").args(["config", key, value]), repo);
    }
}

/// What a measured row is held to: a ratio to its baseline, or (SPEC §5,
/// for the company that never archived) a time.
#[derive(Clone, Copy)]
enum Goal {
    Ratio(f64),
    Under(Duration),
}

struct Row {
    what: String,
    time: Duration,
    baseline: Option<(Duration, Goal)>,
}

impl Row {
    fn baseline(what: String, time: Duration) -> Row {
        Row {
            what,
            time,
            baseline: None,
        }
    }
    fn measured(what: String, time: Duration, baseline: Duration, goal: impl Into<Goal>) -> Row {
        Row {
            what,
            time,
            baseline: Some((baseline, goal.into())),
        }
    }
    fn ratio(&self) -> Option<f64> {
        self.baseline
            .map(|(b, _)| self.time.as_secs_f64() / b.as_secs_f64().max(1e-9))
    }
    fn met(&self) -> Option<bool> {
        match (self.ratio(), self.baseline) {
            (Some(r), Some((_, Goal::Ratio(goal)))) => Some(r <= goal),
            (_, Some((_, Goal::Under(limit)))) => Some(self.time < limit),
            _ => None,
        }
    }
    fn missed(&self) -> bool {
        self.met() == Some(false)
    }
    fn markdown(&self) -> String {
        let ms = format!("{:.1} ms", self.time.as_secs_f64() * 1000.0);
        let mark = if self.met() == Some(true) {
            "✓"
        } else {
            "✗"
        };
        match (self.ratio(), self.baseline) {
            (Some(r), Some((_, Goal::Ratio(goal)))) => {
                format!("| {} | {ms} | {r:.2}× | ≤ {goal}× {mark} |", self.what)
            }
            (Some(r), Some((_, Goal::Under(limit)))) => format!(
                "| {} | {ms} | {r:.2}× | < {} ms {mark} |",
                self.what,
                limit.as_millis()
            ),
            _ => format!("| {} | {ms} | baseline | |", self.what),
        }
    }
}

impl From<f64> for Goal {
    fn from(ratio: f64) -> Goal {
        Goal::Ratio(ratio)
    }
}

/// The median of `RUNS` timed runs, after two untimed ones (warm caches).
fn median(f: impl FnMut()) -> Duration {
    median_n(RUNS, f)
}

/// The median of `runs` timed runs, after two untimed ones.
fn median_n(runs: usize, mut f: impl FnMut()) -> Duration {
    f();
    f();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

/// The id of the first item of a list file.
fn first_id(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| fail(&format!("{e}")));
    text.lines()
        .find_map(|l| l.strip_prefix("id = \"")?.strip_suffix('"'))
        .unwrap_or_else(|| fail("no id in the generated list"))
        .to_string()
}

fn pulse_cmd(pulse: &Path) -> Command {
    let mut cmd = Command::new(pulse);
    cmd.env("PULSE_TODAY", TODAY).env("NO_COLOR", "1");
    cmd
}

fn run(cmd: &mut Command, dir: &Path) {
    let status = cmd
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Bench")
        .env("GIT_AUTHOR_EMAIL", "bench@example.com")
        .env("GIT_COMMITTER_NAME", "Bench")
        .env("GIT_COMMITTER_EMAIL", "bench@example.com")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap_or_else(|e| fail(&format!("{cmd:?}: {e}")));
    // `pulse check` exits 0 here; any failure means the benchmark is wrong.
    if !status.success() {
        fail(&format!("{cmd:?} failed ({status})"));
    }
}

/// Every file of the company (not .git), for `cat`.
fn company_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.file_name().is_some_and(|n| n == ".git") {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}
