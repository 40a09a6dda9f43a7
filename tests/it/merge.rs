//! The merge driver in real git (SPEC §6): a hub repository and two clones,
//! the company's files routed to `merge=pulse`, both clones changing the
//! company with pulse, then `git pull` (merge) and `git pull --rebase`.

use crate::common::{TestCompany, hermetic};
use tempfile::TempDir;

const ATTRIBUTES: &str = "*.toml merge=pulse\nscorecard.csv merge=pulse\n";

/// A hub and two clones of one company, each with the driver registered.
struct Team {
    _hub: TempDir,
    a: TestCompany,
    b: TestCompany,
}

fn register_driver(clone: &TestCompany) {
    let pulse = assert_cmd::cargo::cargo_bin!("pulse");
    let driver = format!("'{}' merge-driver %O %A %B %P", pulse.display());
    clone.git(&["config", "merge.pulse.driver", &driver]);
}

/// The basic company with two measurables and a to-do, pushed to a hub and
/// cloned: `a` and `b` start from the same commit.
fn team() -> Team {
    let hub = TempDir::new().expect("temp dir");
    let hub_path = hub.path().to_str().expect("utf-8 path");
    let a = TestCompany::new();
    a.git(&["init", "-q", "--bare", hub_path]);
    a.commit_file(".gitattributes", ATTRIBUTES);
    register_driver(&a);
    for (name, goal) in [("Leads", ">= 20"), ("Churn", "<= 2")] {
        a.ok(&["scorecard", "add", name, "--owner", "amy", "--goal", goal]);
    }
    a.ok(&["todo", "add", "Call the top ten accounts", "--owner", "amy"]);
    a.git(&["remote", "add", "origin", hub_path]);
    a.git(&["push", "-q", "-u", "origin", "HEAD"]);
    let b = TestCompany::bare();
    b.git(&["clone", "-q", hub_path, "."]);
    register_driver(&b);
    Team { _hub: hub, a, b }
}

/// Changes a file by hand (`from` to `to`) and commits it.
fn hand_edit(clone: &TestCompany, file: &str, from: &str, to: &str) {
    let text = clone.read(file);
    assert!(text.contains(from), "{from:?} not in {file}:\n{text}");
    clone.commit_file(file, &text.replacen(from, to, 1));
}

/// Runs git in `clone`; returns its exit code and its output.
fn git_status(clone: &TestCompany, args: &[&str]) -> (i32, String) {
    let mut cmd = std::process::Command::new("git");
    hermetic(&mut cmd, clone.path());
    let output = cmd
        .current_dir(clone.path())
        .args(args)
        .output()
        .expect("run git");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code().unwrap_or(-1), text)
}

/// The ids of a list file's items, in order.
fn ids(clone: &TestCompany, file: &str, key: &str) -> Vec<String> {
    let table: toml::Table = clone.read(file).parse().expect("parses");
    table
        .get(key)
        .and_then(|v| v.as_array())
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i.get("id")?.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// Both clones add to-dos and issues; each way of pulling merges them all
/// without a conflict, nothing lost and nothing twice.
#[test]
fn additions_in_two_clones_merge_by_pull_and_by_rebase() {
    for pull in [
        &["pull", "-q", "--no-rebase", "--no-edit"][..],
        &["pull", "-q", "--rebase"],
    ] {
        let Team { a, b, _hub } = team();
        a.ok(&["todo", "add", "Renew the Acme contract", "--owner", "amy"]);
        a.ok(&["issue", "add", "Churn doubled", "--owner", "amy"]);
        a.git(&["push", "-q"]);
        b.ok(&["todo", "add", "Hire a second SRE", "--owner", "ian"]);
        b.ok(&["issue", "add", "Billing is slow", "--owner", "ian"]);
        b.git(pull);
        // A merge keeps ours (b's) first; a rebase replays b's on theirs.
        let sorted = |mut ids: Vec<String>| {
            ids.sort();
            ids
        };
        assert_eq!(
            sorted(ids(&b, "todos.toml", "todo")),
            [
                "call-the-top-ten-accounts",
                "hire-a-second-sre",
                "renew-the-acme-contract"
            ],
            "{pull:?}"
        );
        assert_eq!(
            sorted(ids(&b, "issues.toml", "issue")),
            ["billing-is-slow", "churn-doubled"],
            "{pull:?}"
        );
        assert!(b.clean(), "{pull:?}");
        b.ok(&["check"]);
        b.ok(&["todos"]);
    }
}

/// One to-do marked done in one clone and renamed (by hand) in the other;
/// a milestone added to a rock here, its status changed there: both, each.
#[test]
fn different_fields_of_one_item_merge() {
    let Team { a, b, _hub } = team();
    a.ok(&["rock", "add", "Ship the IPv6 network", "--owner", "ian"]);
    a.git(&["push", "-q"]);
    b.git(&["pull", "-q", "--rebase"]);
    a.ok(&["todo", "done", "call-the-top-ten-accounts"]);
    a.ok(&[
        "rock",
        "milestone",
        "ship-the-ipv6",
        "Vendor contract signed",
    ]);
    a.git(&["push", "-q"]);
    hand_edit(
        &b,
        "todos.toml",
        "Call the top ten accounts",
        "Call the top twenty accounts",
    );
    b.ok(&["rock", "set", "ship-the-ipv6", "off-track"]);
    b.git(&["pull", "-q", "--rebase"]);
    let todos = b.read("todos.toml");
    assert!(
        todos.contains("title = \"Call the top twenty accounts\"")
            && todos.contains("done = 2026-11-27"),
        "{todos}"
    );
    assert_eq!(todos.matches("[[todo]]").count(), 1, "{todos}");
    let rocks = b.read("rocks/2026-Q4.toml");
    assert!(
        rocks.contains("status = \"off-track\"") && rocks.contains("Vendor contract signed"),
        "{rocks}"
    );
    b.ok(&["check"]);
}

/// The bug that retired `merge=union`: a value corrected in one clone while
/// the other records another measurable. The correction stands, the other
/// record is kept, the old value does not come back.
#[test]
fn a_corrected_value_survives_a_record_in_the_other_clone() {
    let Team { a, b, _hub } = team();
    a.ok(&["scorecard", "record", "leads", "47", "--week", "2026-W47"]);
    a.git(&["push", "-q"]);
    b.git(&["pull", "-q", "--rebase"]);
    a.ok(&["scorecard", "record", "leads", "50", "--week", "2026-W47"]);
    a.git(&["push", "-q"]);
    b.ok(&["scorecard", "record", "churn", "2.5", "--week", "2026-W47"]);
    b.git(&["pull", "-q", "--rebase"]);
    assert_eq!(
        b.read("scorecard.csv"),
        "week,measurable,value,note\n2026-W47,leads,50,\n2026-W47,churn,2.5,\n"
    );
    b.git(&["push", "-q"]);
    // Again, both correcting, pulled with a merge this time.
    a.git(&["pull", "-q", "--rebase"]);
    a.ok(&["scorecard", "record", "leads", "51", "--week", "2026-W47"]);
    a.git(&["push", "-q"]);
    b.ok(&["scorecard", "record", "churn", "2.6", "--week", "2026-W47"]);
    b.git(&["pull", "-q", "--no-rebase", "--no-edit"]);
    assert_eq!(
        b.read("scorecard.csv"),
        "week,measurable,value,note\n2026-W47,leads,51,\n2026-W47,churn,2.6,\n"
    );
}

/// One title changed to two different values: git stops with the driver's
/// markers around that to-do, and pulse refuses the file, naming the line.
#[test]
fn a_true_conflict_stops_git_and_pulse_names_it() {
    let Team { a, b, _hub } = team();
    a.ok(&["todo", "add", "Renew the Acme contract", "--owner", "amy"]);
    hand_edit(
        &a,
        "todos.toml",
        "Call the top ten accounts",
        "Call the top five",
    );
    a.git(&["push", "-q"]);
    hand_edit(
        &b,
        "todos.toml",
        "Call the top ten accounts",
        "Call the top fifty",
    );
    let (code, output) = git_status(&b, &["pull", "--no-rebase", "--no-edit"]);
    assert_ne!(code, 0, "{output}");
    assert!(
        output.contains("conflict: todos.toml:")
            && output.contains("todo \"call-the-top-ten-accounts\": title changed"),
        "{output}"
    );
    let todos = b.read("todos.toml");
    let line = todos
        .lines()
        .position(|l| l == "<<<<<<< ours")
        .expect("markers")
        + 1;
    let at = |text: &str| {
        todos
            .find(text)
            .unwrap_or_else(|| panic!("no {text:?}:\n{todos}"))
    };
    assert!(
        at("<<<<<<< ours\n") < at("Call the top fifty")
            && at("Call the top fifty") < at("=======\n")
            && at("=======\n") < at("Call the top five\"")
            && at("Call the top five\"") < at(">>>>>>> theirs\n"),
        "{todos}"
    );
    // The rest merged: the to-do added on the other side is there, outside the markers.
    let after = &todos[todos.find(">>>>>>> theirs").expect("end marker")..];
    assert!(
        after.contains("id = \"renew-the-acme-contract\""),
        "{todos}"
    );
    let err = b.fails(&["todos"], 2);
    assert!(
        err.contains(&format!(
            "todos.toml:{line}: an unresolved git merge conflict"
        )),
        "{err}"
    );
}

/// A file the driver cannot read by meaning (a version that does not
/// parse) is merged by git's line merge, with its markers.
#[test]
fn an_unreadable_version_falls_back_to_git_merge_file() {
    let Team { a, b, _hub } = team();
    a.commit_file(
        "vision.toml",
        "[core_focus]\npurpose = \"Make networks boring\"\n",
    );
    a.git(&["push", "-q"]);
    b.git(&["pull", "-q", "--rebase"]);
    a.commit_file(
        "vision.toml",
        "[core_focus]\npurpose = \"Make networks calm\"\n",
    );
    a.git(&["push", "-q"]);
    b.commit_file("vision.toml", "[core_focus]\npurpose = \"Make networks\n");
    let (code, output) = git_status(&b, &["pull", "--no-rebase", "--no-edit"]);
    assert_ne!(code, 0, "{output}");
    let vision = b.read("vision.toml");
    assert!(
        vision.contains("<<<<<<< ours\npurpose = \"Make networks\n=======\npurpose = \"Make networks calm\"\n>>>>>>> theirs\n"),
        "{vision}"
    );
}

/// One scorecard cell recorded with two values: the row between markers.
#[test]
fn a_cell_recorded_twice_is_a_conflict_around_its_row() {
    let Team { a, b, _hub } = team();
    a.ok(&["scorecard", "record", "churn", "1", "--week", "2026-W46"]);
    a.ok(&["scorecard", "record", "leads", "23", "--week", "2026-W47"]);
    a.git(&["push", "-q"]);
    b.ok(&["scorecard", "record", "leads", "25", "--week", "2026-W47"]);
    let (code, output) = git_status(&b, &["pull", "--rebase"]);
    assert_ne!(code, 0, "{output}");
    assert!(
        output.contains("conflict: scorecard.csv:3: 2026-W47 leads"),
        "{output}"
    );
    // In a rebase, ours is the upstream's and theirs the commit replayed.
    assert_eq!(
        b.read("scorecard.csv"),
        "week,measurable,value,note\n2026-W46,churn,1,\n<<<<<<< ours\n2026-W47,leads,23,\n=======\n2026-W47,leads,25,\n>>>>>>> theirs\n"
    );
    let err = b.fails(&["scorecard"], 2);
    assert!(
        err.contains("scorecard.csv:3: an unresolved git merge conflict"),
        "{err}"
    );
}
