//! What the benchmarks share: the pulse binary to time, timing two commands
//! in turns, and how a benchmark gives up.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

/// `PULSE_BIN`, or the `dist` binary, built first.
pub fn pulse_binary() -> PathBuf {
    let pulse = match std::env::var_os("PULSE_BIN").filter(|bin| !bin.is_empty()) {
        Some(bin) => PathBuf::from(bin),
        None => build_pulse(),
    };
    // Commands may run in another folder: the path must not be relative.
    pulse
        .canonicalize()
        .unwrap_or_else(|e| fail(&format!("{}: {e}", pulse.display())))
}

/// The build we ship (`--profile dist`: one codegen unit, fat LTO), which
/// is the one to measure; a few minutes to build the first time.
fn build_pulse() -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--profile", "dist", "--quiet", "--bin", "pulse"])
        .status()
        .unwrap_or_else(|e| fail(&format!("cargo build: {e}")));
    if !status.success() {
        fail("cargo build --profile dist failed");
    }
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    PathBuf::from(target).join("dist").join("pulse")
}

/// The median times of `a` and `b` over `runs` runs each, run in turns so
/// that the machine's drift hits both alike (after two warm-up turns).
pub fn median_pair(runs: usize, mut a: impl FnMut(), mut b: impl FnMut()) -> (Duration, Duration) {
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
        (0..runs).map(|_| (time(&mut a), time(&mut b))).unzip();
    times_a.sort();
    times_b.sort();
    (times_a[runs / 2], times_b[runs / 2])
}

pub fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1);
}
