//! A ten-year company for benchmarks: 40 quarter files × 50 rocks, 30
//! measurables × 520 weeks, 2,000 issues, 5,000 to-dos, 500 meetings, and a
//! git history of weekly commits, written with one `git fast-import`.
//!
//! Every item has a date it appears (and one it is done); the files "as of"
//! a week hold what existed then, so each weekly commit is what a team using
//! pulse would have committed that week. Deterministic: the same arguments
//! give the same company, byte for byte.

use chrono::{Datelike, Days, IsoWeek, NaiveDate, Weekday};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

pub const PEOPLE: [(&str, &str); 12] = [
    ("ada", "Ada Moreno"),
    ("ben", "Ben Achebe"),
    ("cleo", "Cleo Varga"),
    ("dev", "Dev Mehta"),
    ("eli", "Eli Novak"),
    ("fay", "Fay Lindqvist"),
    ("gus", "Gus Oyelaran"),
    ("hana", "Hana Sato"),
    ("ivo", "Ivo Petrov"),
    ("jun", "Jun Park"),
    ("kai", "Kai Mensah"),
    ("lea", "Lea Fischer"),
];

const WORDS: [&str; 24] = [
    "pricing",
    "onboarding",
    "uptime",
    "hiring",
    "billing",
    "support",
    "churn",
    "renewals",
    "capacity",
    "security",
    "partners",
    "docs",
    "latency",
    "backups",
    "margins",
    "forecast",
    "training",
    "tooling",
    "payroll",
    "audit",
    "roadmap",
    "storage",
    "network",
    "invoices",
];

pub struct Sizes {
    pub weeks: u32,
    pub rocks_per_quarter: u32,
    pub measurables: u32,
    pub issues: u32,
    pub todos: u32,
    pub meetings: u32,
    /// How many of the last weeks are separate commits (the rest is the first commit).
    pub history_weeks: u32,
}

impl Sizes {
    pub const TEN_YEARS: Sizes = Sizes {
        weeks: 520,
        rocks_per_quarter: 50,
        measurables: 30,
        issues: 2_000,
        todos: 5_000,
        meetings: 500,
        history_weeks: 104,
    };

    /// A department two years old (SPEC §5's 20 teams).
    pub const TEAM: Sizes = Sizes {
        weeks: 104,
        rocks_per_quarter: 8,
        measurables: 8,
        issues: 200,
        todos: 500,
        meetings: 104,
        history_weeks: 104,
    };
}

/// A small deterministic generator (xorshift*): no dependency, same output everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn person(&mut self) -> &'static str {
        PEOPLE[self.below(PEOPLE.len() as u64) as usize].0
    }
    fn words(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| WORDS[self.below(WORDS.len() as u64) as usize])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

struct Rock {
    quarter: (i32, u32),
    id: String,
    title: String,
    owner: &'static str,
    company: bool,
    done: bool,
    off_track_from: Option<NaiveDate>,
    milestones: [(String, NaiveDate, NaiveDate); 2],
}

struct Issue {
    id: String,
    title: String,
    owner: &'static str,
    long: bool,
    created: NaiveDate,
    solved: Option<NaiveDate>,
}

struct Todo {
    id: String,
    title: String,
    owner: &'static str,
    created: NaiveDate,
    done: Option<NaiveDate>,
}

struct Meeting {
    date: NaiveDate,
    ratings: Vec<(&'static str, u64)>,
    headline: String,
}

/// The whole company, as of its last day.
pub struct Company {
    pub today: NaiveDate,
    start: NaiveDate,
    rocks: Vec<Rock>,
    issues: Vec<Issue>,
    todos: Vec<Todo>,
    meetings: Vec<Meeting>,
    values: Vec<Vec<u64>>,
    sizes_measurables: u32,
    /// Finished items of past quarters live in `archive/<quarter>/` (as
    /// `pulse archive` leaves them); false keeps them all in the live lists.
    pub archived: bool,
    /// Departmental teams, each a company of its own files in `teams/<name>/`.
    pub teams: Vec<(String, Company)>,
}

/// The quarter an item finished on `done` is archived under as of `as_of`:
/// a quarter before the current one; `None` keeps it live.
fn archive_quarter(done: Option<NaiveDate>, as_of: NaiveDate) -> Option<(i32, u32)> {
    done.filter(|d| *d <= as_of)
        .map(quarter_of)
        .filter(|q| *q < quarter_of(as_of))
}

fn quarter_of(d: NaiveDate) -> (i32, u32) {
    (d.year(), d.month0() / 3 + 1)
}

fn quarter_start((y, q): (i32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, (q - 1) * 3 + 1, 1).expect("valid quarter")
}

fn quarter_end(q: (i32, u32)) -> NaiveDate {
    let (y, n) = if q.1 == 4 {
        (q.0 + 1, 1)
    } else {
        (q.0, q.1 + 1)
    };
    quarter_start((y, n)) - Days::new(1)
}

fn week_name(w: IsoWeek) -> String {
    format!("{}-W{:02}", w.year(), w.week())
}

impl Company {
    /// `today` is the last day; the company is `sizes.weeks` weeks old.
    pub fn generate(today: NaiveDate, sizes: &Sizes) -> Company {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let start = today - Days::new(7 * sizes.weeks as u64);
        let day = |rng: &mut Rng| start + Days::new(rng.below(7 * sizes.weeks as u64));

        let mut rocks = Vec::new();
        let mut q = quarter_of(today);
        let mut quarters = Vec::new();
        for _ in 0..sizes.weeks.div_ceil(13) {
            quarters.push(q);
            q = if q.1 == 1 {
                (q.0 - 1, 4)
            } else {
                (q.0, q.1 - 1)
            };
        }
        quarters.reverse();
        for &quarter in &quarters {
            let (first, last) = (quarter_start(quarter), quarter_end(quarter));
            for i in 0..sizes.rocks_per_quarter {
                let title = format!("{} {} {i}", capitalise(&rng.words(2)), quarter.1);
                let span = (last - first).num_days() as u64;
                let m1 = first + Days::new(rng.below(span / 2) + 7);
                let m2 = first + Days::new(span / 2 + rng.below(span / 2));
                rocks.push(Rock {
                    quarter,
                    id: id(format!("r{i:02}-{}", slug(&title))),
                    title,
                    owner: rng.person(),
                    company: i < 5,
                    done: rng.below(10) < 8,
                    off_track_from: (rng.below(5) == 0).then_some(m1),
                    milestones: [
                        ("Plan agreed".into(), m1, m1),
                        ("First result shipped".into(), m2, m2),
                    ],
                });
            }
        }

        let mut issues: Vec<Issue> = (0..sizes.issues)
            .map(|i| {
                let created = day(&mut rng);
                let title = format!("{} issue {i}", capitalise(&rng.words(3)));
                let age = (today - created).num_days() as u64;
                let solved = (age > 28 || rng.below(3) == 0)
                    .then(|| created + Days::new(rng.below(age.clamp(1, 60))));
                Issue {
                    id: id(format!("i{i:04}-{}", slug(&title))),
                    title,
                    owner: rng.person(),
                    long: rng.below(8) == 0,
                    created,
                    solved,
                }
            })
            .collect();
        issues.sort_by_key(|i| i.created);

        let mut todos: Vec<Todo> = (0..sizes.todos)
            .map(|i| {
                let created = day(&mut rng);
                let title = format!("{} to-do {i}", capitalise(&rng.words(3)));
                let age = (today - created).num_days() as u64;
                let done = (age > 14 || rng.below(2) == 0)
                    .then(|| created + Days::new(rng.below(age.clamp(1, 10))));
                Todo {
                    id: id(format!("t{i:04}-{}", slug(&title))),
                    title,
                    owner: rng.person(),
                    created,
                    done,
                }
            })
            .collect();
        todos.sort_by_key(|t| t.created);

        // Weekly meetings on Thursdays, the last `meetings` of them.
        let mut thursday = today;
        while thursday.weekday() != Weekday::Thu {
            thursday = thursday - Days::new(1);
        }
        let mut meetings: Vec<Meeting> = (0..sizes.meetings)
            .map(|i| Meeting {
                date: thursday - Days::new(7 * i as u64),
                ratings: PEOPLE
                    .iter()
                    .take(8)
                    .map(|(h, _)| (*h, 7 + rng.below(4)))
                    .collect(),
                headline: format!("{} went well", capitalise(&rng.words(2))),
            })
            .collect();
        meetings.reverse();

        let values = (0..sizes.measurables)
            .map(|_| (0..sizes.weeks).map(|_| 10 + rng.below(20)).collect())
            .collect();
        Company {
            today,
            start,
            rocks,
            issues,
            todos,
            meetings,
            values,
            sizes_measurables: sizes.measurables,
            archived: true,
            teams: Vec::new(),
        }
    }

    /// Every file of the company as it stood on `as_of`, by relative path.
    pub fn files(&self, as_of: NaiveDate) -> Vec<(String, String)> {
        let mut files = vec![
            ("company.toml".to_string(), self.company_toml()),
            ("vision.toml".to_string(), VISION.to_string()),
            ("seats.toml".to_string(), self.seats_toml()),
            ("scorecard.toml".to_string(), self.scorecard_toml()),
            ("scorecard.csv".to_string(), self.scorecard_csv(as_of)),
            (
                "issues.toml".to_string(),
                self.issues_toml(as_of, None, "# The issues list.\n"),
            ),
            (
                "todos.toml".to_string(),
                self.todos_toml(as_of, None, "# 7-day to-dos.\n"),
            ),
            (
                ".gitattributes".to_string(),
                "*.toml merge=pulse\nscorecard.csv merge=pulse\n".to_string(),
            ),
        ];
        let mut quarters: Vec<(i32, u32)> = self.rocks.iter().map(|r| r.quarter).collect();
        quarters.dedup();
        for q in quarters {
            // A quarter's rocks are set at its start (planned a little before).
            if quarter_start(q) - Days::new(14) > as_of {
                continue;
            }
            files.push((
                format!("rocks/{}-Q{}.toml", q.0, q.1),
                self.rocks_toml(q, as_of),
            ));
        }
        if self.archived {
            let mut archived: Vec<(i32, u32)> = self
                .issues
                .iter()
                .filter_map(|i| archive_quarter(i.solved, as_of))
                .chain(
                    self.todos
                        .iter()
                        .filter_map(|t| archive_quarter(t.done, as_of)),
                )
                .collect();
            archived.sort();
            archived.dedup();
            for q in archived {
                let dir = format!("archive/{}-Q{}", q.0, q.1);
                let header = "# Finished in this quarter, moved here by `pulse archive`.\n";
                files.push((
                    format!("{dir}/issues.toml"),
                    self.issues_toml(as_of, Some(q), header),
                ));
                files.push((
                    format!("{dir}/todos.toml"),
                    self.todos_toml(as_of, Some(q), header),
                ));
            }
        }
        for (name, team) in &self.teams {
            files.push((
                format!("teams/{name}/team.toml"),
                format!(
                    "name = \"{}\"\nmembers = [\"{}\", \"{}\"]\n\n[meeting]\nweekday = \"thursday\"\nminutes = 60\n",
                    capitalise(name),
                    PEOPLE[0].0,
                    PEOPLE[1].0
                ),
            ));
            for (path, text) in team.files(as_of) {
                let company_level = matches!(
                    path.as_str(),
                    "company.toml" | "vision.toml" | "seats.toml" | ".gitattributes"
                ) || path.starts_with("processes/");
                if !company_level {
                    files.push((format!("teams/{name}/{path}"), text));
                }
            }
        }
        for m in self.meetings.iter().filter(|m| m.date <= as_of) {
            files.push((format!("meetings/{}.toml", m.date), meeting_toml(m)));
        }
        for (i, word) in WORDS.iter().take(10).enumerate() {
            files.push((
                format!("processes/{word}.md"),
                format!(
                    "+++\nname = \"{}\"\nowner = \"{}\"\nstatus = \"documented\"\n+++\n# {}\n\nStep one, step two, step three ({i}).\n",
                    capitalise(word),
                    PEOPLE[i % PEOPLE.len()].0,
                    capitalise(word)
                ),
            ));
        }
        files
    }

    fn company_toml(&self) -> String {
        let mut s = String::from(
            "# A generated ten-year company, for benchmarks.\n[company]\nname = \"Bigco\"\n",
        );
        let _ = writeln!(s, "founded = {}\n", self.start);
        s.push_str("[meeting]\nweekday = \"thursday\"\ntime = \"09:00\"\nminutes = 90\n\n");
        for (handle, name) in PEOPLE {
            let _ = writeln!(s, "[people.{handle}]\nname = \"{name}\"\n");
        }
        s
    }

    fn seats_toml(&self) -> String {
        let mut s = String::new();
        for (i, (handle, _)) in PEOPLE.iter().enumerate() {
            let _ = writeln!(s, "[[seat]]\nid = \"seat-{i}\"\nname = \"Seat {i}\"");
            if i > 0 {
                let _ = writeln!(s, "reports_to = \"seat-{}\"", (i - 1) / 3);
            }
            let _ = writeln!(
                s,
                "people = [\"{handle}\"]\nroles = [\"Role one\", \"Role two\"]\n"
            );
        }
        s
    }

    fn scorecard_toml(&self) -> String {
        let mut s = String::new();
        for i in 0..self.sizes_measurables {
            let _ = writeln!(
                s,
                "[[measurable]]\nid = \"m{i:02}\"\nname = \"Measurable {i}\"\nowner = \"{}\"\ngoal = \">= 15\"\n",
                PEOPLE[i as usize % PEOPLE.len()].0
            );
        }
        s
    }

    fn scorecard_csv(&self, as_of: NaiveDate) -> String {
        let mut s = String::from("week,measurable,value,note\n");
        for week in 0..self.values.first().map_or(0, Vec::len) {
            let monday = self.start + Days::new(7 * week as u64);
            let monday = monday - Days::new(monday.weekday().num_days_from_monday() as u64);
            // A week's numbers are recorded once it is over.
            if monday + Days::new(7) > as_of {
                break;
            }
            let name = week_name(monday.iso_week());
            for (m, values) in self.values.iter().enumerate() {
                let _ = writeln!(s, "{name},m{m:02},{},", values[week]);
            }
        }
        s
    }

    fn rocks_toml(&self, q: (i32, u32), as_of: NaiveDate) -> String {
        let mut s = format!("# Rocks for {}-Q{}.\n", q.0, q.1);
        let over = quarter_end(q) <= as_of;
        for r in self.rocks.iter().filter(|r| r.quarter == q) {
            let status = if over {
                if r.done { "done" } else { "off-track" }
            } else if r.off_track_from.is_some_and(|d| d <= as_of) {
                "off-track"
            } else {
                "on-track"
            };
            let _ = writeln!(
                s,
                "[[rock]]\nid = \"{}\"\ntitle = \"{}\"\nowner = \"{}\"",
                r.id, r.title, r.owner
            );
            if r.company {
                s.push_str("company = true\n");
            }
            let _ = writeln!(
                s,
                "status = \"{status}\"\ndue = {}\nmilestones = [",
                quarter_end(q)
            );
            for (title, due, done) in &r.milestones {
                let _ = writeln!(
                    s,
                    "  {{ title = \"{title}\", due = {due}, done = {} }},",
                    *done <= as_of
                );
            }
            s.push_str("]\n\n");
        }
        s
    }

    /// The issues of the live list (`archive` None) or of one archived quarter.
    fn issues_toml(&self, as_of: NaiveDate, archive: Option<(i32, u32)>, header: &str) -> String {
        let mut s = String::from(header);
        let open: Vec<&Issue> = self
            .issues
            .iter()
            .filter(|i| i.created <= as_of && i.solved.is_none_or(|d| d > as_of))
            .collect();
        let top: Vec<&str> = open.iter().rev().take(3).map(|i| i.id.as_str()).collect();
        let here = |i: &&Issue| {
            i.created <= as_of && (!self.archived || archive_quarter(i.solved, as_of) == archive)
        };
        for i in self.issues.iter().filter(here) {
            let _ = writeln!(
                s,
                "[[issue]]\nid = \"{}\"\ntitle = \"{}\"\nowner = \"{}\"\nterm = \"{}\"\ncreated = {}",
                i.id,
                i.title,
                i.owner,
                if i.long { "long" } else { "short" },
                i.created
            );
            match i.solved.filter(|d| *d <= as_of) {
                Some(d) => {
                    let _ = writeln!(
                        s,
                        "status = \"solved\"\nsolved = {d}\nresolution = \"Agreed to {}\"",
                        i.title.to_lowercase()
                    );
                }
                None => {
                    if let Some(p) = top.iter().position(|id| *id == i.id) {
                        let _ = writeln!(s, "priority = {}", p + 1);
                    }
                    s.push_str("status = \"open\"\n");
                }
            }
            s.push('\n');
        }
        s
    }

    /// The to-dos of the live list (`archive` None) or of one archived quarter.
    fn todos_toml(&self, as_of: NaiveDate, archive: Option<(i32, u32)>, header: &str) -> String {
        let mut s = String::from(header);
        let here = |t: &&Todo| {
            t.created <= as_of && (!self.archived || archive_quarter(t.done, as_of) == archive)
        };
        for t in self.todos.iter().filter(here) {
            let _ = writeln!(
                s,
                "[[todo]]\nid = \"{}\"\ntitle = \"{}\"\nowner = \"{}\"\ncreated = {}\ndue = {}",
                t.id,
                t.title,
                t.owner,
                t.created,
                t.created + Days::new(7)
            );
            if let Some(d) = t.done.filter(|d| *d <= as_of) {
                let _ = writeln!(s, "done = {d}");
            }
            s.push('\n');
        }
        s
    }
}

fn meeting_toml(m: &Meeting) -> String {
    let attendees: Vec<String> = m.ratings.iter().map(|(h, _)| format!("\"{h}\"")).collect();
    let ratings: Vec<String> = m
        .ratings
        .iter()
        .map(|(h, r)| format!("{h} = {r}"))
        .collect();
    format!(
        "kind = \"l10\"\ndate = {}\nattendees = [{}]\nheadlines = [\n  {{ by = \"ada\", kind = \"customer\", text = \"{}\" }},\n]\nratings = {{ {} }}\ncascade = [\"Nothing new this week\"]\n",
        m.date,
        attendees.join(", "),
        m.headline,
        ratings.join(", ")
    )
}

const VISION: &str = "# Bigco's V/TO.\ncore_values = [\n  { name = \"Help first\" },\n  { name = \"Own it\" },\n  { name = \"Keep it simple\" },\n]\n\n[core_focus]\npurpose = \"Make work simpler\"\nniche = \"Tools for small teams\"\n\n[ten_year_target]\ndate = 2035-12-31\ngoal = \"A million teams\"\n\n[one_year_plan]\ndate = 2027-12-31\nrevenue = \"$40M\"\ngoals = [\"Ship v5\", \"Open Asia\"]\n";

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// An id as pulse makes them: at most 40 characters (the number in front
/// keeps it unique).
fn id(long: String) -> String {
    long.chars()
        .take(40)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

fn slug(s: &str) -> String {
    s.to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Writes the company into `dir` (which must not hold one) with its history:
/// a first commit of the company as it was `history_weeks` weeks ago, then
/// one commit per week, all through one `git fast-import`.
pub fn write(dir: &Path, company: &Company, sizes: &Sizes) -> Result<usize, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    if dir.join("company.toml").exists() {
        return Err(format!("{} already holds a company", dir.display()));
    }
    let git = |args: &[&str]| -> Result<String, String> {
        let out = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .map_err(|e| format!("git: {e}"))?;
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
        } else {
            Err(format!(
                "git {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            ))
        }
    };
    git(&["init", "-q"])?;
    let branch = git(&["symbolic-ref", "HEAD"])?;

    let mut stream: Vec<u8> = Vec::new();
    let mut previous: std::collections::BTreeMap<String, String> = Default::default();
    let weeks = sizes.history_weeks.min(sizes.weeks);
    let mut commits = 0;
    for back in (0..=weeks).rev() {
        let as_of = company.today - Days::new(7 * back as u64);
        let files = company.files(as_of);
        let mut body: Vec<u8> = Vec::new();
        for (path, text) in &files {
            if previous.get(path) == Some(text) {
                continue;
            }
            let _ = write!(
                body,
                "M 100644 inline {path}\ndata {}\n{text}\n",
                text.len()
            );
        }
        let message = if back == weeks {
            format!("bigco: the company as of {as_of}")
        } else {
            format!("week of {as_of}: numbers, rocks, issues and to-dos")
        };
        let when = as_of
            .and_hms_opt(17, 0, 0)
            .expect("valid time")
            .and_utc()
            .timestamp();
        let person = PEOPLE[back as usize % PEOPLE.len()];
        let _ = write!(
            stream,
            "commit {branch}\nauthor {} <{}@bigco.example> {when} +0000\ncommitter {} <{}@bigco.example> {when} +0000\ndata {}\n{message}\n",
            person.1,
            person.0,
            person.1,
            person.0,
            message.len()
        );
        stream.extend_from_slice(&body);
        stream.push(b'\n');
        previous = files.into_iter().collect();
        commits += 1;
    }
    let mut child = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["fast-import", "--quiet"])
        .stdin(Stdio::piped())
        .spawn()
        .map_err(|e| format!("git fast-import: {e}"))?;
    child
        .stdin
        .take()
        .ok_or("no stdin for git fast-import")?
        .write_all(&stream)
        .map_err(|e| format!("git fast-import: {e}"))?;
    let status = child.wait().map_err(|e| format!("git fast-import: {e}"))?;
    if !status.success() {
        return Err("git fast-import failed".into());
    }
    git(&["reset", "-q", "--hard"])?;
    Ok(commits)
}
