//! `cargo run --release --example merge_bench`: the merge driver on a
//! company that never archives (SPEC §5, §6).
//!
//! Writes a flat `todos.toml` of 5,000 to-dos and two sides with 50 changes
//! each (to-dos added, marked done, renamed; none in common), then times,
//! as medians of runs in turns, `pulse merge-driver` against
//! `git merge-file` on the same three files (goal ≤ 3×). Both write the
//! merge into a fresh copy of ours, as git has them do. Prints a Markdown
//! table; `PULSE_BIN` names the binary to measure (by default it is built
//! first).

#[path = "support/timing.rs"]
mod timing;

use std::fmt::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use timing::{fail, median_pair, pulse_binary};

const TODOS: usize = 5_000;
const CHANGES: usize = 50;
const RUNS: usize = 21;

struct Todo {
    id: String,
    title: String,
    done: Option<u32>,
}

fn todo(i: usize) -> Todo {
    Todo {
        id: format!("call-customer-{i}-about-the-renewal"),
        title: format!("Call customer {i} about the renewal"),
        done: i.is_multiple_of(3).then_some(1 + (i % 28) as u32),
    }
}

fn write(todos: &[Todo]) -> String {
    let mut text = String::from("# todos.toml: 7-day action items\n");
    for t in todos {
        let _ = write!(
            text,
            "\n[[todo]]\nid = \"{}\"\ntitle = \"{}\"\nowner = \"amy\"\ncreated = 2026-11-26\ndue = 2026-12-03\n",
            t.id, t.title
        );
        if let Some(day) = t.done {
            let _ = writeln!(text, "done = 2026-12-{day:02}");
        }
    }
    text
}

/// One side's 50 changes, on the to-dos of its own `parity` (so the two
/// sides never touch the same one): a third added, a third done, a third
/// renamed.
fn side(parity: usize, name: &str) -> Vec<Todo> {
    let mut todos: Vec<Todo> = (0..TODOS).map(todo).collect();
    let stride = TODOS / CHANGES;
    for k in 0..CHANGES {
        let i = (k * stride + 1 + parity) / 2 * 2 + parity;
        match k % 3 {
            0 => todos.push(Todo {
                id: format!("{name}-new-{k}"),
                title: format!("New from {name} {k}"),
                done: None,
            }),
            1 => todos[i].done = Some(27),
            _ => todos[i].title.push_str(" (moved to Friday)"),
        }
    }
    todos
}

fn main() {
    let pulse = pulse_binary();
    println!("| merge | pulse merge-driver | git merge-file | ratio (goal ≤ 3×) |");
    println!("|---|---|---|---|");
    let dir = tempfile::tempdir().unwrap_or_else(|e| fail(&e.to_string()));
    let path = |name: &str| dir.path().join(name);
    let base = write(&(0..TODOS).map(todo).collect::<Vec<_>>());
    for (name, text) in [
        ("base.toml", base.clone()),
        ("ours.toml", write(&side(0, "ours"))),
        ("theirs.toml", write(&side(1, "theirs"))),
    ] {
        std::fs::write(path(name), text).unwrap_or_else(|e| fail(&e.to_string()));
    }
    let fresh = |name: &str| {
        std::fs::copy(path("ours.toml"), path(name)).unwrap_or_else(|e| fail(&e.to_string()));
    };
    let (mut pulse_code, mut git_code) = (0, 0);
    let (by_pulse, by_git) = median_pair(
        RUNS,
        || {
            fresh("pulse.toml");
            let args = [
                "merge-driver",
                "base.toml",
                "pulse.toml",
                "theirs.toml",
                "todos.toml",
            ];
            pulse_code = run(Command::new(&pulse).args(args), dir.path());
        },
        || {
            fresh("git.toml");
            let args = ["merge-file", "git.toml", "base.toml", "theirs.toml"];
            git_code = run(Command::new("git").args(args), dir.path());
        },
    );
    let merged =
        std::fs::read_to_string(path("pulse.toml")).unwrap_or_else(|e| fail(&e.to_string()));
    let items = merged.matches("[[todo]]").count();
    if pulse_code != 0 || items != TODOS + 2 * CHANGES.div_ceil(3) {
        fail(&format!(
            "pulse merge-driver: exit {pulse_code}, {items} to-dos"
        ));
    }
    let in_process = library_time(&base, dir.path());
    println!(
        "| `todos.toml`, {TODOS} to-dos ({:.0} KB), {CHANGES} changes a side | {} (clean; {} in-process) | {} ({}) | {:.2}× |",
        base.len() as f64 / 1024.0,
        ms(by_pulse),
        ms(in_process),
        ms(by_git),
        if git_code == 0 {
            "clean".to_string()
        } else {
            format!("{git_code} conflicts")
        },
        by_pulse.as_secs_f64() / by_git.as_secs_f64()
    );
}

/// The library's merge alone, without starting a process: the median of
/// `RUNS` runs.
fn library_time(base: &str, dir: &Path) -> Duration {
    let read = |name: &str| std::fs::read(dir.join(name)).unwrap_or_else(|e| fail(&e.to_string()));
    let (ours, theirs) = (read("ours.toml"), read("theirs.toml"));
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let merged = pulse::merge::merge(Some("todos.toml"), base.as_bytes(), &ours, &theirs);
            let elapsed = start.elapsed();
            if merged.map_or(true, |m| !m.conflicts.is_empty()) {
                fail("the library merge did not come out clean");
            }
            elapsed
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}

/// Runs a command in `dir`; its exit code (git merge-file's is its count of conflicts).
fn run(cmd: &mut Command, dir: &Path) -> i32 {
    let status = cmd
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap_or_else(|e| fail(&format!("{cmd:?}: {e}")));
    status
        .code()
        .unwrap_or_else(|| fail(&format!("{cmd:?} was killed")))
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}
