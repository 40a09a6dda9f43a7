//! The Quarterly Conversation (5-5-5): opened for a direct report with the
//! manager from the chart, filled in, listed and shown; written under
//! `people/`, never committed to the company's repository.

use crate::common::TestCompany;

/// The demo company without its own conversation, `people/` git-ignored
/// as `pulse init` does.
fn company() -> TestCompany {
    let t = TestCompany::demo();
    t.git(&["rm", "-r", "-q", "people"]);
    t.commit_file(".gitignore", "people.toml\npeople/\n");
    t
}

#[test]
fn a_conversation_opens_fills_lists_and_shows() {
    let t = company();
    let commits = t.log().len();
    // The manager is the person in the seat above: software reports to the integrator.
    assert_eq!(t.ok(&["conversation", "add", "ian"]), "ian-2026-q4\n");
    let file = t.read("people/conversations/2026-Q4/ian-2026-q4.toml");
    for part in [
        "person = \"ian\"",
        "manager = \"zoe\"",
        "quarter = \"2026-Q4\"",
        "seat = \"software\"",
        "{ name = \"Humbly confident\" }",
        "{ role = \"Release quality\" }",
        "{ id = \"open-the-frankfurt-region\", title = \"Open the Frankfurt region\", status = \"off-track\" }",
        "notes = \"\"",
        "manager_notes = \"\"",
    ] {
        assert!(file.contains(part), "{part} missing:\n{file}");
    }
    let line = t.ok(&[
        "conversation",
        "set",
        "ian-2026",
        "--value",
        "humbly=+",
        "--value",
        "own=+/-",
        "--role",
        "Release quality=true",
        "--role",
        "platform=no",
        "--rock",
        "frankfurt=done",
        "--gwc",
        "yyn",
        "--notes",
        "More time on hiring",
        "--manager-notes",
        "Agreed: hand over the release train",
    ]);
    assert_eq!(line, "ian-2026-q4: ian with zoe, 8 of 11 rated\n");
    let file = t.read("people/conversations/2026-Q4/ian-2026-q4.toml");
    assert!(
        file.contains("{ name = \"Own the outcome\", rating = \"+/-\" }"),
        "{file}"
    );
    assert!(
        file.contains("{ role = \"Platform roadmap\", well = false }"),
        "{file}"
    );
    assert!(
        file.contains("title = \"Open the Frankfurt region\", status = \"done\""),
        "{file}"
    );
    assert!(file.contains("gwc = \"YYN\""), "{file}");
    // Another manager, named; for amy the rocks are hers.
    assert_eq!(
        t.ok(&["conversation", "add", "amy", "--with", "priya"]),
        "amy-2026-q4\n"
    );

    let shown = t.ok(&["conversation", "show", "ian"]);
    for part in [
        "Quarterly Conversation — Ian Brooks with Zoe Park, 2026-Q4",
        "   +/- Own the outcome",
        "   no  Platform roadmap",
        "   done      Open the Frankfurt region",
        "   YYN",
        "Ian Brooks's notes\n   More time on hiring",
        "Zoe Park's notes\n   Agreed: hand over the release train",
    ] {
        assert!(shown.contains(part), "{part} missing:\n{shown}");
    }
    assert!(shown.lines().all(|l| l.chars().count() <= 80), "{shown}");
    let list = t.ok(&["conversations"]);
    assert!(list.contains(" amy ") && list.contains(" ian "), "{list}");
    let list = t.ok(&["conversations", "--person", "ian", "--quarter", "2026-Q4"]);
    assert_eq!(list.lines().count(), 3, "{list}");
    assert!(
        t.ok(&["conversations", "--quarter", "2026-Q3"])
            .contains("No Quarterly")
    );
    let json: serde_json::Value =
        serde_json::from_str(&t.ok(&["--json", "conversation", "show", "ian"])).unwrap();
    assert_eq!(json["id"], "ian-2026-q4");
    assert_eq!(json["manager"], "zoe");
    assert_eq!(json["values"][1]["rating"], "+/-");
    assert_eq!(json["roles"][0]["well"], false);
    assert_eq!(json["rocks"][0]["status"], "done");
    assert_eq!(json["gwc"]["capacity"], false);
    let json: serde_json::Value =
        serde_json::from_str(&t.ok(&["--json", "conversation", "add", "nate"])).unwrap();
    assert_eq!(json["id"], "nate-2026-q4");

    // Nothing about people reached the company's history.
    assert_eq!(t.log().len(), commits);
    assert!(t.clean());
}

#[test]
fn bad_conversation_input_is_refused_naming_what_is_wrong() {
    let t = company();
    // zoe's seat reports to no one: the manager must be named.
    let err = t.fails(&["conversation", "add", "zoe"], 1);
    assert!(
        err.contains("reports to no seat: name the manager with --with M"),
        "{err}"
    );
    let err = t.fails(&["conversation", "add", "ian", "--with", "ian"], 1);
    assert!(err.contains("with themselves"), "{err}");
    // Found by a new user: someone in a seat and in the seat above it is
    // not "above an empty seat"; they would be their own manager.
    t.ok(&["seat", "assign", "revenue", "zoe"]);
    let err = t.fails(&["conversation", "add", "zoe", "--seat", "revenue"], 1);
    assert!(
        err.contains("zoe also sits in Integrator, the seat above: zoe would be their own manager"),
        "{err}"
    );
    let err = t.fails(&["conversation", "add", "bob"], 1);
    assert!(err.contains("unknown person `bob`"), "{err}");
    let err = t.fails(&["conversation", "add", "ian", "--quarter", "2026-Q5"], 1);
    assert!(err.contains("expected YYYY-Qn"), "{err}");
    t.ok(&["conversation", "add", "ian"]);
    for (args, expected) in [
        (vec!["--value", "humbly=++"], "expected +, +/- or -"),
        (
            vec!["--value", "kindness=+"],
            "unknown core value `kindness`",
        ),
        (vec!["--role", "release=maybe"], "expected true or false"),
        (
            vec!["--rock", "frankfurt=late"],
            "expected done, on-track or off-track",
        ),
        (
            vec!["--rock", "nowhere=done"],
            "unknown rock of this conversation `nowhere`",
        ),
        (vec!["--gwc", "YY"], "expected three letters Y or N"),
        (vec!["--value", "humbly"], "expected NAME=RATING"),
        (vec![], "nothing to set"),
    ] {
        let mut all = vec!["conversation", "set", "ian"];
        all.extend(args);
        let err = t.fails(&all, 1);
        assert!(err.contains(expected), "{expected}:\n{err}");
    }
    let err = t.fails(&["conversation", "show", "zed"], 1);
    assert!(err.contains("unknown conversation `zed`"), "{err}");
    // A hand-broken rating is located.
    t.write(
        "people/conversations/2026-Q4/ian-2026-q4.toml",
        "person = \"ian\"\nmanager = \"zoe\"\nvalues = [{ name = \"Metal honest\", rating = \"great\" }]\n",
    );
    let err = t.fails(&["conversations"], 2);
    assert!(
        err.contains("people/conversations/2026-Q4/ian-2026-q4.toml: Metal honest"),
        "{err}"
    );
}

/// Found by a new user: `pulse init --demo` left the demo's conversation
/// out, so the README's `conversation show ian` said there were none.
#[test]
fn the_demo_written_by_init_has_its_quarterly_conversation_moved_in_time() {
    let t = TestCompany::bare().with_today("2027-03-03");
    t.ok(&["init", "--demo", "lapwing"]);
    let dir = t.path().join("lapwing");
    let run = |args: &[&str]| {
        let out = t.pulse_std().current_dir(&dir).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let list = run(&["conversations", "--quarter", "2027-Q1"]);
    assert!(list.contains("2027-Q1") && list.contains("ian"), "{list}");
    let shown = run(&["conversation", "show", "ian"]);
    assert!(
        shown.contains("Ian Brooks with Zoe Park, 2027-Q1"),
        "{shown}"
    );
    assert!(
        dir.join("people/conversations/2027-Q1/ian-2027-q1.toml")
            .is_file()
    );
    let tracked = std::process::Command::new("git")
        .args(["-C", dir.to_str().unwrap(), "ls-files", "people"])
        .output()
        .unwrap();
    assert!(tracked.stdout.is_empty(), "people/ is never committed");
}
