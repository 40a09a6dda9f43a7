//! The V/TO, the accountability chart, processes and `pulse check`.

use crate::common::TestCompany;

#[test]
fn vision_with_every_section_and_empty() {
    let t = TestCompany::demo();
    let v = t.ok(&["vision"]);
    for part in [
        "Core values",
        "Humbly confident",
        "Core focus",
        "10-year target",
        "2034-12-31 (2958 days left)",
        "Marketing strategy",
        "3-year picture",
        "1-year plan",
        "Rocks for 2026-Q4",
        "Issues list (long-term)",
        "GPU servers",
    ] {
        assert!(v.contains(part), "{part} missing:\n{v}");
    }
    assert!(
        t.ok(&["vision", "--format", "markdown"])
            .contains("## Core values")
    );
    let json: serde_json::Value = serde_json::from_str(&t.ok(&["--json", "vision"])).unwrap();
    assert_eq!(json["vision"]["core_values"].as_array().unwrap().len(), 4);

    let empty = TestCompany::new();
    let v = empty.ok(&["vision"]);
    assert_eq!(v.matches("not set yet").count(), 7, "{v}");
}

#[test]
fn the_chart_as_a_tree_and_seat_commands() {
    let t = TestCompany::demo();
    let tree = t.ok(&["seats"]);
    assert!(tree.starts_with("Integrator — Zoe Park\n"), "{tree}");
    assert!(
        tree.contains("├── Product — Priya Raman") && tree.contains("└── Finance — Felix Wagner"),
        "{tree}"
    );
    assert_eq!(
        t.ok(&[
            "seat",
            "add",
            "Data centre ops",
            "--reports-to",
            "net",
            "--person",
            "nate",
            "--role",
            "Racks"
        ]),
        "data-centre-ops\n"
    );
    assert!(
        t.ok(&["seats"])
            .contains("│   └── Data centre ops — Nate Okafor")
    );
    t.ok(&["seat", "assign", "data-c", "ian"]);
    t.ok(&["seat", "unassign", "data-c", "nate"]);
    assert!(t.read("seats.toml").contains("people = [\"ian\"]"));
    let err = t.fails(&["seat", "remove", "network"], 1);
    assert!(err.contains("data-centre-ops"), "{err}");
    t.ok(&["seat", "remove", "data-c"]);
    assert!(!t.read("seats.toml").contains("data-centre-ops"));
    let err = t.fails(&["seat", "add", "X", "--reports-to", "nowhere"], 1);
    assert!(
        err.contains("unknown seat `nowhere`") && err.contains("integrator"),
        "{err}"
    );
    let err = t.fails(&["seat", "assign", "product", "bob"], 1);
    assert!(err.contains("unknown person `bob`"), "{err}");
}

#[test]
fn a_reports_to_cycle_is_an_error() {
    let t = TestCompany::new();
    t.commit_file("seats.toml", "[[seat]]\nid = \"a\"\nname = \"A\"\nreports_to = \"b\"\npeople = [\"zoe\"]\n\n[[seat]]\nid = \"b\"\nname = \"B\"\nreports_to = \"a\"\npeople = [\"ian\", \"amy\"]\n");
    let out = t.pulse().arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("loop: a → b → a"), "{stdout}");
    assert!(
        t.ok(&["seats"])
            .contains("report to each other in a loop: a, b")
    );
}

#[test]
fn processes_list_with_last_change() {
    let t = TestCompany::demo();
    let out = t.ok(&["processes"]);
    assert!(
        out.contains("Customer onboarding")
            && out.contains("followed-by-all")
            && out.contains("2026-11-27"),
        "{out}"
    );
    t.commit_file(
        "processes/broken.md",
        "+++\nname = \"Broken\nowner = \"amy\"\n+++\n",
    );
    let err = t.fails(&["processes"], 2);
    assert!(err.contains("processes/broken.md:2:"), "{err}");
}

#[test]
fn check_reports_references_and_rules() {
    let t = TestCompany::new();
    t.commit_file(
        "rocks/2026-Q4.toml",
        "[[rock]]\nid = \"a\"\ntitle = \"A\"\nowner = \"bob\"\n",
    );
    t.commit_file(
        "todos.toml",
        "[[todo]]\nid = \"t\"\ntitle = \"T\"\nowner = \"amy\"\nissue = \"ghost\"\n",
    );
    t.commit_file("vision.toml", "[one_year_plan]\ndate = 2025-12-31\n");
    let out = t.pulse().arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(
            "error: rocks/2026-Q4.toml:2: rock `a`: unknown person `bob` (valid: amy, ian, zoe)"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("to-do `t`: unknown issue `ghost`"),
        "{stdout}"
    );
    assert!(
        stdout.contains("warning: vision.toml: [one_year_plan] date 2025-12-31 is in the past"),
        "{stdout}"
    );

    let clean = TestCompany::new();
    clean.commit_file("vision.toml", "[one_year_plan]\ndate = 2025-12-31\n");
    clean.ok(&["check"]);
    clean.fails(&["check", "--strict"], 1);

    let broken = TestCompany::new();
    broken.commit_file("issues.toml", "[[issue]\nid = 1\n");
    let out = broken.pulse().arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("issues.toml:1:"));
}

#[test]
fn completions_for_every_shell() {
    let t = TestCompany::bare();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = t.ok(&["completions", shell]);
        assert!(
            out.contains("agenda") && out.contains("scorecard"),
            "{shell}"
        );
    }
}
