//! Issues, IDS and headlines (issue: Issues).

use crate::common::TestCompany;

#[test]
fn the_whole_ids_flow() {
    let t = TestCompany::new();
    assert_eq!(
        t.ok(&[
            "issue",
            "add",
            "Churn doubled in two weeks",
            "--owner",
            "amy"
        ]),
        "churn-doubled-in-two-weeks\n"
    );
    t.ok(&["issue", "add", "Pricing page is confusing"]);
    t.ok(&["issue", "add", "Support after hours", "--owner", "zoe"]);
    t.ok(&["issue", "add", "Second data centre", "--long"]);
    t.ok(&["issue", "top", "support", "churn"]);
    let list = t.ok(&["issues"]);
    let support = list.find("Support after hours").unwrap();
    let churn = list.find("Churn doubled").unwrap();
    let pricing = list.find("Pricing page").unwrap();
    assert!(
        support < churn && churn < pricing,
        "top three first:\n{list}"
    );
    assert!(!list.contains("Second data centre"));
    assert!(t.ok(&["issues", "--long"]).contains("Second data centre"));

    t.ok(&["issue", "top", "pricing"]);
    let file = t.read("issues.toml");
    assert_eq!(
        file.matches("priority").count(),
        1,
        "the previous top three are cleared:\n{file}"
    );

    let out = t.ok(&[
        "issue",
        "solve",
        "churn",
        "--resolution",
        "Call every account",
        "--todo",
        "Call the top ten",
        "--owner",
        "amy",
        "--todo",
        "Exit survey",
        "--owner",
        "zoe",
    ]);
    assert!(
        out.contains("call-the-top-ten") && out.contains("exit-survey"),
        "{out}"
    );
    assert_eq!(
        t.log()[0],
        "issue: solve \"Churn doubled in two weeks\" (2 to-dos)"
    );
    let committed = t.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert!(
        committed.contains("issues.toml") && committed.contains("todos.toml"),
        "one commit: {committed}"
    );
    let todos = t.read("todos.toml");
    assert_eq!(
        todos
            .matches("issue = \"churn-doubled-in-two-weeks\"")
            .count(),
        2,
        "{todos}"
    );
    let issues = t.read("issues.toml");
    assert!(
        issues.contains("status = \"solved\"")
            && issues.contains("solved = 2026-11-27")
            && issues.contains("resolution = \"Call every account\"")
    );
    assert!(!t.ok(&["issues"]).contains("Churn doubled"));
    assert!(t.ok(&["issues", "--all"]).contains("solved 2026-11-27"));
    let err = t.fails(&["issue", "solve", "churn"], 1);
    assert!(err.contains("already solved"), "{err}");
}

#[test]
fn drop_reopen_move() {
    let t = TestCompany::new();
    t.ok(&["issue", "add", "Office plants keep dying"]);
    assert_eq!(
        t.ok(&["issue", "drop", "office"]),
        "office-plants-keep-dying: dropped\n"
    );
    assert!(t.read("issues.toml").contains("status = \"dropped\""));
    t.ok(&["issue", "reopen", "office"]);
    let file = t.read("issues.toml");
    assert!(
        file.contains("status = \"open\"") && !file.contains("solved ="),
        "{file}"
    );
    t.ok(&["issue", "move", "office", "--long"]);
    assert!(t.read("issues.toml").contains("term = \"long\""));
    let err = t.fails(&["issue", "move", "office", "--long"], 1);
    assert!(err.contains("already on the long-term list"), "{err}");
}

#[test]
fn unknown_ids_and_owners_write_nothing() {
    let t = TestCompany::new();
    t.ok(&["issue", "add", "A real issue"]);
    let before = t.read("issues.toml");
    let err = t.fails(&["issue", "solve", "nope"], 1);
    assert!(
        err.contains("unknown issue `nope`; valid: a-real-issue"),
        "{err}"
    );
    let err = t.fails(&["issue", "add", "X", "--owner", "bob"], 1);
    assert!(err.contains("unknown person `bob`"), "{err}");
    let err = t.fails(
        &[
            "issue", "solve", "a-real", "--todo", "Do it", "--owner", "bob",
        ],
        1,
    );
    assert!(err.contains("unknown person `bob`"), "{err}");
    assert_eq!(
        t.read("issues.toml"),
        before,
        "a failed solve writes nothing"
    );
    assert!(t.clean());
}

#[test]
fn headlines_go_to_the_next_meeting() {
    // The fixture meets on Thursdays; 2026-11-26 is a Thursday.
    let t = TestCompany::new().with_today("2026-11-26");
    t.ok(&[
        "headline",
        "add",
        "Acme renewed",
        "--by",
        "amy",
        "--customer",
    ]);
    let file = t.read("meetings/2026-11-26.toml");
    assert!(
        file.contains("{ by = \"amy\", kind = \"customer\", text = \"Acme renewed\" }"),
        "{file}"
    );
    let t = t.with_today("2026-11-27");
    t.ok(&[
        "headline",
        "add",
        "New hire",
        "--by",
        "zoe",
        "--employee",
        "--issue",
    ]);
    assert!(
        t.read("meetings/2026-12-03.toml")
            .contains("kind = \"employee\"")
    );
    assert!(t.read("issues.toml").contains("title = \"New hire\""));
    let t = t.with_today("2026-11-25");
    t.ok(&["headline", "add", "Wednesday news", "--by", "ian"]);
    assert!(
        t.read("meetings/2026-11-26.toml")
            .contains("Wednesday news")
    );
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let t = TestCompany::new();
    let title = "Evil \u{1b}[31mred\u{1b}[0m \u{7}bell \"quoted\" 🚀";
    t.ok(&["issue", "add", title]);
    let stored = t.read("issues.toml");
    let parsed: toml::Value = toml::from_str(&stored).unwrap();
    assert_eq!(
        parsed["issue"][0]["title"].as_str(),
        Some(title),
        "stored faithfully"
    );
    let out = t.ok(&["issues"]);
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(out.contains("\\x1b[31mred") && out.contains("🚀"), "{out}");
    let agenda = t.ok(&["agenda"]);
    assert!(!agenda.contains('\u{1b}'), "{agenda:?}");
}
