//! `cargo run --release --example bigco -- DIR [--today YYYY-MM-DD] [--flat]`:
//! writes a ten-year company with two years of weekly commits into DIR, its
//! finished items archived by quarter as `pulse archive` leaves them (or all
//! in the live lists with `--flat`), for the benchmark (`cargo run --release
//! --example bench`) or to try pulse at scale.

mod generate;

use chrono::NaiveDate;
use generate::{Company, Sizes};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut dir = None;
    let mut today = NaiveDate::from_ymd_opt(2026, 11, 26).expect("valid date");
    let mut flat = false;
    let mut teams = 0usize;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--flat" => flat = true,
            "--teams" => {
                i += 1;
                teams = match args.get(i).and_then(|n| n.parse().ok()) {
                    Some(n) => n,
                    None => fail("--teams takes a number"),
                };
            }
            "--today" => {
                i += 1;
                today = match args.get(i).and_then(|d| d.parse().ok()) {
                    Some(d) => d,
                    None => fail("--today takes a date, YYYY-MM-DD"),
                };
            }
            other if dir.is_none() && !other.starts_with('-') => dir = Some(other.to_string()),
            other => fail(&format!("unexpected argument `{other}`")),
        }
        i += 1;
    }
    let Some(dir) = dir else {
        fail(
            "usage: cargo run --release --example bigco -- DIR [--today YYYY-MM-DD] [--flat] [--teams N]",
        );
    };
    let started = std::time::Instant::now();
    let mut company = Company::generate(today, &Sizes::TEN_YEARS);
    company.archived = !flat;
    company.teams = (0..teams)
        .map(|i| {
            let mut team = Company::generate(today, &generate::Sizes::TEAM);
            team.archived = !flat;
            (format!("team-{i:02}"), team)
        })
        .collect();
    match generate::write(std::path::Path::new(&dir), &company, &Sizes::TEN_YEARS) {
        Ok(commits) => println!(
            "wrote a ten-year company to {dir} ({commits} commits, {:.1} s); try: PULSE_TODAY={today} pulse -C {dir} agenda",
            started.elapsed().as_secs_f64()
        ),
        Err(e) => fail(&e),
    }
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1);
}
