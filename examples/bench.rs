//! `cargo run --release --example bench`: the ten-year benchmark of SPEC §5.
//!
//! Generates the ten-year company (examples/bigco) in a temporary folder,
//! then times, as medians of repeated runs:
//! - every read command against `cat` of all the company's files (goal ≤ 3×);
//! - `pulse todo add` with its commit against a bare `git add` + `git commit`
//!   of the same change in a copy of the company, in turns (goal ≤ 1.5×);
//! - `pulse diff` over the last year against `git log -p` over the same
//!   files and range, and `pulse log` of a measurable and of a to-do
//!   against `git log -p` of their files (goals ≤ 2×).
//!
//! Then, on a company that never archives, 100,000 to-dos in one 12.8 MB
//! `todos.toml`: `pulse todos` and `pulse todo done`, their time and their
//! peak memory against the size of the files they read (goal < 20×).
//! Memory is measured with `/usr/bin/time` when it is installed, else with
//! `getrusage` in a copy of this program that runs the one command.
//!
//! Prints Markdown tables (the README keeps the last ones). `PULSE_BIN`
//! names the binary to measure; by default it is built first.

#[path = "bigco/generate.rs"]
mod generate;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 21;
const TODAY: &str = "2026-11-26";

/// Runs to measure in the scale table (each `todo done` takes a second or more).
const SCALE_RUNS: usize = 5;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "--peak") {
        peak_of_child(&args[1..]);
    }
    let pulse = match std::env::var_os("PULSE_BIN") {
        Some(bin) => PathBuf::from(bin),
        None => build_pulse(),
    };
    // Commands run inside the company folder: the path must not be relative.
    let pulse = pulse
        .canonicalize()
        .unwrap_or_else(|e| fail(&format!("{}: {e}", pulse.display())));
    let dir = tempfile::tempdir().expect("a temporary folder");
    let company_dir = dir.path().join("bigco");
    let today = TODAY.parse().expect("valid date");
    let started = Instant::now();
    let company = generate::Company::generate(today, &generate::Sizes::TEN_YEARS);
    let commits = generate::write(&company_dir, &company, &generate::Sizes::TEN_YEARS)
        .unwrap_or_else(|e| fail(&e));
    eprintln!(
        "generated the ten-year company ({commits} commits) in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let files = company_files(&company_dir);
    let bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();

    let mut rows = Vec::new();
    let cat = median(|| {
        run(Command::new("cat").args(&files), &company_dir);
    });
    rows.push(Row::baseline(
        format!(
            "`cat` of all {} files ({:.1} MB)",
            files.len(),
            bytes as f64 / 1e6
        ),
        cat,
    ));
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
        let time = median(|| {
            run(pulse_cmd(&pulse).arg(command), &company_dir);
        });
        rows.push(Row::measured(format!("`pulse {command}`"), time, cat, 3.0));
    }

    // Writes: the same one-line change, by hand in a copy of the company and
    // by pulse, run in turns so that the machine's drift hits both alike
    // (the hand edits stay out of pulse's folder, whose parse cache they
    // would otherwise turn cold at every turn).
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
            &company_dir,
        );
    });
    rows.push(Row::baseline(
        "`git log -p -- todos.toml`".into(),
        git_log_todos,
    ));
    let todo = first_id(&company_dir.join("todos.toml"));
    let log_todo = median(|| {
        run(pulse_cmd(&pulse).args(["log", &todo]), &company_dir);
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
        "\n{} cores, {RUNS} runs each; ten-year company: 40 quarters × 50 rocks, 30 measurables × 520 weeks, 2,000 issues, 5,000 to-dos, 500 meetings.",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    if failed > 0 {
        println!("{failed} figure(s) miss their goal.");
    }
    println!();
    scale(&pulse, dir.path());
}

/// 100,000 to-dos in one file: time and peak memory of reading the list and
/// of marking one done, against the size of the files read.
fn scale(pulse: &Path, tmp: &Path) {
    let dir = tmp.join("flat");
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
    // The files both commands read.
    let size = (text.len() + company.len()) as f64;
    let mut done = 0;
    let mut next_done = || {
        done += 1;
        vec![
            "todo".to_string(),
            "done".into(),
            format!("call-{}", 99_000 + done),
        ]
    };
    let todos = vec!["todos".to_string()];
    let time_todos = median_of(SCALE_RUNS, || run(pulse_cmd(pulse).args(&todos), &dir));
    let peak_todos = peak_kib(pulse, &todos, &dir);
    let time_done = median_of(SCALE_RUNS, || run(pulse_cmd(pulse).args(next_done()), &dir));
    let peak_done = peak_kib(pulse, &next_done(), &dir);
    println!(
        "| 100,000 to-dos, one {:.1} MB file | median | peak memory | × the file | goal |",
        text.len() as f64 / 1e6
    );
    println!("|---|---:|---:|---:|---|");
    for (what, time, peak) in [
        ("`pulse todos`", time_todos, peak_todos),
        ("`pulse todo done` (with its commit)", time_done, peak_done),
    ] {
        let (memory, ratio, verdict) = match peak {
            Some(kib) => {
                let ratio = kib as f64 * 1024.0 / size;
                (
                    format!("{:.0} MB", kib as f64 * 1024.0 / 1e6),
                    format!("{ratio:.1}×"),
                    if ratio < 20.0 {
                        "< 20× ✓"
                    } else {
                        "< 20× ✗"
                    },
                )
            }
            None => ("not measured".into(), "-".into(), "< 20×"),
        };
        println!(
            "| {what} | {:.0} ms | {memory} | {ratio} | {verdict} |",
            time.as_secs_f64() * 1000.0
        );
    }
}

/// The peak memory (KiB) of one run of `pulse ARGS` in `dir`.
fn peak_kib(pulse: &Path, args: &[String], dir: &Path) -> Option<u64> {
    let time = Path::new("/usr/bin/time");
    let mut cmd = if time.exists() {
        let mut cmd = Command::new(time);
        cmd.args(["-f", "%M"]).arg(pulse);
        cmd
    } else {
        let mut cmd = Command::new(std::env::current_exe().ok()?);
        cmd.arg("--peak").arg(pulse);
        cmd
    };
    let out = cmd
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

/// `bench --peak PROGRAM ARGS...`: runs the program and prints on stderr
/// the peak memory (KiB) of that one child, from `getrusage`.
fn peak_of_child(args: &[String]) -> ! {
    let status = Command::new(&args[0])
        .args(&args[1..])
        .status()
        .unwrap_or_else(|e| fail(&format!("{}: {e}", args[0])));
    match children_peak_kib() {
        Some(kib) => eprintln!("{kib}"),
        None => eprintln!("-"),
    }
    std::process::exit(status.code().unwrap_or(1));
}

/// `ru_maxrss` of the children waited for (KiB on Linux).
#[cfg(target_os = "linux")]
fn children_peak_kib() -> Option<u64> {
    // struct rusage: two timevals, then fourteen longs, ru_maxrss first.
    unsafe extern "C" {
        fn getrusage(who: i32, usage: *mut [i64; 18]) -> i32;
    }
    const RUSAGE_CHILDREN: i32 = -1;
    let mut usage = [0i64; 18];
    // SAFETY: `usage` is as large as Linux's `struct rusage` on 64-bit targets.
    let ok = unsafe { getrusage(RUSAGE_CHILDREN, &mut usage) } == 0;
    ok.then(|| usage[4] as u64)
}

#[cfg(not(target_os = "linux"))]
fn children_peak_kib() -> Option<u64> {
    None
}

struct Row {
    what: String,
    time: Duration,
    baseline: Option<(Duration, f64)>,
}

impl Row {
    fn baseline(what: String, time: Duration) -> Row {
        Row {
            what,
            time,
            baseline: None,
        }
    }
    fn measured(what: String, time: Duration, baseline: Duration, goal: f64) -> Row {
        Row {
            what,
            time,
            baseline: Some((baseline, goal)),
        }
    }
    fn ratio(&self) -> Option<f64> {
        self.baseline
            .map(|(b, _)| self.time.as_secs_f64() / b.as_secs_f64().max(1e-9))
    }
    fn missed(&self) -> bool {
        matches!((self.ratio(), self.baseline), (Some(r), Some((_, goal))) if r > goal)
    }
    fn markdown(&self) -> String {
        let ms = format!("{:.1} ms", self.time.as_secs_f64() * 1000.0);
        match (self.ratio(), self.baseline) {
            (Some(r), Some((_, goal))) => format!(
                "| {} | {ms} | {r:.2}× | ≤ {goal}× {} |",
                self.what,
                if r <= goal { "✓" } else { "✗" }
            ),
            _ => format!("| {} | {ms} | baseline | |", self.what),
        }
    }
}

/// The median of `RUNS` timed runs, after two untimed ones (warm caches).
fn median(f: impl FnMut()) -> Duration {
    median_of(RUNS, f)
}

/// The median of `runs` timed runs, after two untimed ones.
fn median_of(runs: usize, mut f: impl FnMut()) -> Duration {
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

/// The medians of `RUNS` timed runs of `a` and of `b`, taken in turns.
fn median_pair(mut a: impl FnMut(), mut b: impl FnMut()) -> (Duration, Duration) {
    for _ in 0..2 {
        a();
        b();
    }
    let time = |f: &mut dyn FnMut()| {
        let start = Instant::now();
        f();
        start.elapsed()
    };
    let (mut times_a, mut times_b): (Vec<Duration>, Vec<Duration>) =
        (0..RUNS).map(|_| (time(&mut a), time(&mut b))).unzip();
    times_a.sort();
    times_b.sort();
    (times_a[RUNS / 2], times_b[RUNS / 2])
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

fn build_pulse() -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--release", "--quiet", "--bin", "pulse"])
        .status()
        .unwrap_or_else(|e| fail(&format!("cargo build: {e}")));
    if !status.success() {
        fail("cargo build --release failed");
    }
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    PathBuf::from(target).join("release").join("pulse")
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1);
}
