//! Property tests for every parser: arbitrary text and mutated valid files
//! give a value or a clear error, never a panic, in bounded time. Run in CI
//! (a few hundred cases each); `PROPTEST_CASES=100000 cargo test --test fuzz`
//! runs a longer campaign.

use proptest::prelude::*;
use pulse::model::checkup::{CheckupFile, validate as validate_answers};
use pulse::model::company::CompanyFile;
use pulse::model::conversation::Conversation;
use pulse::model::goal::{Goal, parse_value};
use pulse::model::issue::IssuesFile;
use pulse::model::meeting::{Meeting, parse_rating};
use pulse::model::number::with_unit;
use pulse::model::people::{Gwc, PeopleFile, ValueRating};
use pulse::model::process::split_front_matter;
use pulse::model::rock::RocksFile;
use pulse::model::scorecard::ScorecardFile;
use pulse::model::seats::SeatsFile;
use pulse::model::sheet;
use pulse::model::time::{Quarter, Week, parse_date};
use pulse::model::todo::TodosFile;
use pulse::model::vision::Vision;
use pulse::store::FileRef;
use pulse::store::edit::TomlDoc;
use pulse::store::parse::{ListFile, parse_toml, tables_mentioning};
use pulse::store::values;

/// The demo's files: the valid inputs that mutations start from.
const SEEDS: [(&str, &str); 11] = [
    ("company.toml", include_str!("../company.toml")),
    ("vision.toml", include_str!("../examples/demo/vision.toml")),
    ("seats.toml", include_str!("../examples/demo/seats.toml")),
    (
        "scorecard.toml",
        include_str!("../examples/demo/scorecard.toml"),
    ),
    ("issues.toml", include_str!("../examples/demo/issues.toml")),
    ("todos.toml", include_str!("../examples/demo/todos.toml")),
    (
        "rocks/2026-Q4.toml",
        include_str!("../examples/demo/rocks/2026-Q4.toml"),
    ),
    (
        "meetings/2026-11-19.toml",
        include_str!("../examples/demo/meetings/2026-11-19.toml"),
    ),
    ("people.toml", include_str!("../examples/demo/people.toml")),
    (
        "checkups/2026-Q4/zoe.toml",
        include_str!("../examples/demo/checkups/2026-Q4/zoe.toml"),
    ),
    (
        "people/conversations/2026-Q4/ian-2026-q4.toml",
        include_str!("../examples/demo/people/conversations/2026-Q4/ian-2026-q4.toml"),
    ),
];
const CSV: &str = include_str!("../examples/demo/scorecard.csv");
const PROCESS: &str = include_str!("../examples/demo/processes/hiring.md");

fn file(name: &str) -> FileRef {
    FileRef {
        path: name.into(),
        display: name.to_string(),
    }
}

/// One edit a hand, a bad merge or a broken disk could make.
#[derive(Debug, Clone)]
enum Mutation {
    Insert(usize, String),
    Delete(usize, usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let noise = prop_oneof![
        any::<String>(),
        Just("\"".to_string()),
        Just("[[".to_string()),
        Just("]\n".to_string()),
        Just("\n[[todo]]\n".to_string()),
        Just("=".to_string()),
        Just("\u{feff}".to_string()),
        Just("\r\n".to_string()),
        Just("<<<<<<< HEAD\n".to_string()),
        Just("2026-13-45".to_string()),
        Just("\"\"\"".to_string()),
        Just("\u{1b}[31m".to_string()),
    ];
    prop_oneof![
        (any::<usize>(), noise).prop_map(|(at, s)| Mutation::Insert(at, s)),
        (any::<usize>(), 0usize..40).prop_map(|(at, n)| Mutation::Delete(at, n)),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn boundary(text: &str, at: usize) -> usize {
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(text: &str, mutations: &[Mutation]) -> String {
    let mut text = text.to_string();
    for m in mutations {
        match m {
            Mutation::Insert(at, s) => {
                let at = boundary(&text, *at);
                text.insert_str(at, s);
            }
            Mutation::Delete(at, n) => {
                let from = boundary(&text, *at);
                let to = boundary(&text, from + n);
                if to > from {
                    text.replace_range(from..to, "");
                }
            }
            Mutation::DuplicateLine(i) => {
                let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
                if !lines.is_empty() {
                    let i = i % lines.len();
                    lines.insert(i, lines[i]);
                }
                text = lines.concat();
            }
            Mutation::SwapLines(a, b) => {
                let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
                if !lines.is_empty() {
                    let (a, b) = (a % lines.len(), b % lines.len());
                    lines.swap(a, b);
                }
                text = lines.concat();
            }
            Mutation::Truncate(at) => {
                let at = boundary(&text, *at);
                text.truncate(at);
            }
        }
    }
    text
}

/// Parses `text` as the file `name` would be: a value or an error message
/// that names the file. Panics only if pulse would have panicked.
fn parse_as(name: &str, text: &str) {
    let f = file(name);
    let check = |result: Result<(), pulse::error::Error>| {
        if let Err(e) = result {
            assert!(
                e.message.starts_with(name),
                "an error names its file: {}",
                e.message
            );
        }
    };
    match name {
        "company.toml" => check(parse_toml::<CompanyFile>(&f, text).map(drop)),
        "vision.toml" => check(parse_toml::<Vision>(&f, text).map(drop)),
        "seats.toml" => check(parse_toml::<SeatsFile>(&f, text).map(|s| {
            s.cycles();
        })),
        "scorecard.toml" => check(parse_toml::<ScorecardFile>(&f, text).map(|s| {
            for m in s.measurable {
                let _ = m.goal.get_ref().parse::<Goal>();
            }
        })),
        "issues.toml" => check(parse_toml::<IssuesFile>(&f, text).map(drop)),
        "todos.toml" => check(parse_toml::<TodosFile>(&f, text).map(drop)),
        "people.toml" => check(parse_toml::<PeopleFile>(&f, text).map(|p| {
            for a in p.people.values() {
                for r in a.values.values() {
                    let _ = ValueRating::parse(r.get_ref());
                }
                if let Some(g) = &a.gwc {
                    let _ = Gwc::parse(g.get_ref());
                }
            }
        })),
        n if n.starts_with("rocks/") => check(parse_toml::<RocksFile>(&f, text).map(drop)),
        n if n.starts_with("checkups/") => check(parse_toml::<CheckupFile>(&f, text).map(|c| {
            let _ = validate_answers(&c.answers);
        })),
        n if n.starts_with("people/conversations/") => {
            check(parse_toml::<Conversation>(&f, text).map(drop))
        }
        _ => check(parse_toml::<Meeting>(&f, text).map(|m| {
            let _ = m.average_rating();
        })),
    }
    // Editing goes through toml_edit: it parses the same files, and what it
    // parses it writes back byte for byte (when the line endings agree: a
    // file mixing LF and CRLF gets LF on the lines toml_edit writes).
    let mixed = text.contains("\r\n") && text.matches('\n').count() != text.matches("\r\n").count();
    if let Ok(doc) = TomlDoc::parse(&f, text)
        && !mixed
    {
        assert_eq!(doc.to_text(), text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn mutated_toml_files_parse_or_fail_clearly(
        seed in 0..SEEDS.len(),
        mutations in proptest::collection::vec(mutation(), 1..6),
    ) {
        let (name, text) = SEEDS[seed];
        parse_as(name, &apply(text, &mutations));
    }

    #[test]
    fn arbitrary_text_as_any_toml_file(seed in 0..SEEDS.len(), text in any::<String>()) {
        parse_as(SEEDS[seed].0, &text);
    }

    #[test]
    fn mutated_scorecard_csv(mutations in proptest::collection::vec(mutation(), 1..6)) {
        let text = apply(CSV, &mutations);
        if let Err(e) = values::parse(&file("scorecard.csv"), &text) {
            prop_assert!(e.message.starts_with("scorecard.csv"), "{}", e.message);
        }
    }

    #[test]
    fn arbitrary_scorecard_csv(text in any::<String>()) {
        let _ = values::parse(&file("scorecard.csv"), &text);
    }

    #[test]
    fn process_front_matter(mutations in proptest::collection::vec(mutation(), 1..6)) {
        let text = apply(PROCESS, &mutations);
        if let Some((offset, front, body)) = split_front_matter(&text) {
            prop_assert!(offset <= text.len());
            let _ = toml::from_str::<toml::Table>(front);
            let _ = body.len();
        }
    }

    #[test]
    fn values_from_the_command_line(text in any::<String>()) {
        let _ = text.parse::<Goal>();
        let _ = text.parse::<Week>();
        let _ = text.parse::<Quarter>();
        let _ = parse_date(&text);
        let _ = parse_rating(&text);
        let _ = parse_value(&text);
        let _ = Gwc::parse(&text);
        let _ = ValueRating::parse(&text);
        let _ = pulse::ops::person::parse_handle(&text);
        let _ = pulse::model::ids::slugify(&text, "item");
        // What `scorecard import` reads from a spreadsheet, and how a value
        // is shown with a unit.
        let _ = sheet::goal_with_unit(&text);
        let _ = sheet::header_week(&text, "2026-W48".parse().unwrap());
        let _ = sheet::is_summary(&text);
        let _ = sheet::uninert(&text);
        if let Ok(n) = parse_value(&text) {
            let _ = with_unit(n, &text);
        }
    }

    #[test]
    fn well_formed_values_round_trip(
        year in 1000i32..=9999, week in 1u32..=53, quarter in 1u32..=4,
        op in prop_oneof![Just(">="), Just("<="), Just(">"), Just("<"), Just("==")],
        n in -1.0e9f64..1.0e9,
    ) {
        if let Ok(w) = format!("{year}-W{week:02}").parse::<Week>() {
            prop_assert_eq!(w.to_string().parse::<Week>(), Ok(w));
        }
        let q: Quarter = format!("{year}-Q{quarter}").parse().unwrap();
        prop_assert_eq!(q.to_string(), format!("{year}-Q{quarter}"));
        // A goal is shown rounded; what is shown reads back as itself.
        let goal: Goal = format!("{op} {n}").parse().unwrap();
        let shown = goal.to_string();
        prop_assert_eq!(shown.parse::<Goal>().map(|g| g.to_string()), Ok(shown));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]
    #[test]
    fn a_long_list_parses_the_same_on_every_core(
        copies in 500usize..700,
        mutations in proptest::collection::vec(mutation(), 0..3),
    ) {
        // Long enough to be cut into pieces and parsed on several threads.
        let item = SEEDS[5].1.split_once("[[todo]]").map_or("", |(_, rest)| rest);
        let text = apply(&format!("# to-dos\n{}", format!("[[todo]]{item}\n").repeat(copies)), &mutations);
        parse_as("todos.toml", &text);
    }
}

proptest! {
    /// `pulse log` reads one item's history from each version cut down to
    /// the tables that mention it (and one measurable's from its rows): what
    /// the cut says of that item is what the whole file says.
    #[test]
    fn a_narrowed_list_says_the_same_of_its_item(
        mutations in proptest::collection::vec(mutation(), 0..4),
        issues in any::<bool>(),
    ) {
        if issues {
            narrowed_says_the_same::<IssuesFile>(SEEDS[4], &mutations)?;
        } else {
            narrowed_says_the_same::<TodosFile>(SEEDS[5], &mutations)?;
        }
    }

    #[test]
    fn a_measurables_rows_say_the_same_of_it(mutations in proptest::collection::vec(mutation(), 0..4)) {
        // The demo's one quoted note taken out: rows are cut only where
        // nothing is quoted.
        let unquoted: String = CSV
            .lines()
            .filter(|l| !l.contains('"'))
            .map(|l| format!("{l}\n"))
            .collect();
        let text = apply(&unquoted, &mutations);
        let file = file("scorecard.csv");
        let Ok(whole) = values::parse_values(&file, &text) else { return Ok(()) };
        let ids: std::collections::BTreeSet<String> =
            whole.entries.iter().map(|e| e.measurable.clone()).collect();
        for id in ids {
            if let Some(rows) = values::rows_of(&text, &id) {
                let part = values::parse_values(&file, &rows).expect("the rows parse");
                let mine = |v: &pulse::model::scorecard::Values| {
                    v.entries.iter().filter(|e| e.measurable == id).map(|e| (e.week, e.value, e.note.clone())).collect::<Vec<_>>()
                };
                prop_assert_eq!(mine(&part), mine(&whole));
            }
        }
    }
}

/// For every item of a mutated list: what the list cut down to the tables
/// that mention it says of it is what the whole list says.
fn narrowed_says_the_same<T: ListFile>(
    (name, seed): (&str, &str),
    mutations: &[Mutation],
) -> Result<(), TestCaseError>
where
    T::Item: PartialEq + Clone + std::fmt::Debug,
{
    let text = apply(seed, mutations);
    let file = file(name);
    let Ok(whole) = parse_toml::<T>(&file, &text) else {
        return Ok(());
    };
    let mine = |list: &T, id: &str| -> Vec<T::Item> {
        list.items()
            .iter()
            .filter(|i| T::id(i) == id)
            .cloned()
            .collect()
    };
    for item in whole.items() {
        let id = T::id(item);
        if let Some(narrow) = tables_mentioning(&text, T::KEY, id) {
            let part = parse_toml::<T>(&file, &narrow).expect("the cut parses");
            prop_assert_eq!(mine(&part, id), mine(&whole, id));
        }
    }
    Ok(())
}
