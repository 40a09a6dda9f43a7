//! The Organizational Checkup: answers taken with --answers, from a pipe
//! and anonymously, stored per quarter and committed; the company score
//! checked against a hand-worked example; bad answers refused.

use crate::common::TestCompany;

fn answers(list: &[u8]) -> String {
    list.iter().map(u8::to_string).collect::<Vec<_>>().join(",")
}

#[test]
fn the_company_score_matches_a_hand_worked_example() {
    let t = TestCompany::new();
    // Worked by hand, 2026-Q4:
    //   zoe answers 4 to every statement:             20 × 4         = 80
    //   ian answers 5 to 1..10 and 3 to 11..20:       10 × 5 + 10 × 3 = 80
    //   amy answers 2 to every statement but 5 to 13: 19 × 2 + 5     = 43
    //   company score = (80 + 80 + 43) / 3 = 203 / 3 = 67.67, shown 67.7
    //   statement 13: (4 + 3 + 5) / 3 = 4.0; statement 11: (4 + 3 + 2) / 3 = 3.0;
    //   statement 1: (4 + 5 + 2) / 3 = 3.67.
    //   weakest: 11..20 but 13 all at 3.0 → the first three, 11, 12, 14.
    //   Traction (12, 13, 14): (3.0 + 4.0 + 3.0) / 3 = 3.33.
    // And 2026-Q3, zoe alone answering 3 to all: 60.
    let mut ian = vec![5; 10];
    ian.extend([3; 10]);
    let mut amy = vec![2; 20];
    amy[12] = 5;
    assert_eq!(
        t.ok(&[
            "checkup",
            "take",
            "--by",
            "zoe",
            "--answers",
            &answers(&[4; 20])
        ]),
        "zoe: 80/100 for 2026-Q4; the company's score is 80/100 from 1 leader\n"
    );
    t.ok(&[
        "checkup",
        "take",
        "--by",
        "ian",
        "--answers",
        &answers(&ian),
    ]);
    t.ok(&[
        "checkup",
        "take",
        "--by",
        "amy",
        "--answers",
        &answers(&amy),
    ]);
    t.ok(&[
        "checkup",
        "take",
        "--by",
        "zoe",
        "--quarter",
        "2026-Q3",
        "--answers",
        &answers(&[3; 20]),
    ]);
    assert_eq!(
        t.read("checkups/2026-Q4/zoe.toml")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .collect::<Vec<_>>(),
        [
            "answers = [4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4]",
            "date = 2026-11-27"
        ]
    );
    // About the company: committed, one commit per leader.
    assert_eq!(t.log()[1], "checkup: amy's answers for 2026-Q4 (score 43)");
    assert!(t.clean());

    let json: serde_json::Value = serde_json::from_str(&t.ok(&["--json", "checkup"])).unwrap();
    assert_eq!(json["quarter"], "2026-Q4");
    assert_eq!(json["respondents"], 3);
    assert!((json["score"].as_f64().unwrap() - 203.0 / 3.0).abs() < 1e-9);
    assert_eq!(json["means"].as_array().unwrap().len(), 20);
    assert!((json["means"][0].as_f64().unwrap() - 11.0 / 3.0).abs() < 1e-9);
    assert_eq!(json["means"][12], 4.0);
    assert_eq!(json["statements"][10]["mean"], 3.0);
    assert_eq!(json["statements"][10]["component"], "issues");
    assert_eq!(json["weakest"], serde_json::json!([11, 12, 14]));
    let traction = json["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["component"] == "traction")
        .unwrap();
    assert!((traction["mean"].as_f64().unwrap() - 10.0 / 3.0).abs() < 1e-9);
    assert_eq!(json["trend"][0]["quarter"], "2026-Q3");
    assert_eq!(json["trend"][0]["score"], 60.0);

    let page = t.ok(&["checkup"]);
    for part in [
        "Lapwing Cloud — Organizational Checkup, 2026-Q4",
        "Score 67.7/100 · 3 leaders answered",
        "     2026-Q3     60/100  (1 leader)",
        "   ▸ 2026-Q4   67.7/100  (3 leaders)",
        "   3.3 Traction  (3 statements)",
        "   3.0 11. The leadership team is open and honest",
    ] {
        assert!(page.contains(part), "{part} missing:\n{page}");
    }
    assert!(page.lines().all(|l| l.chars().count() <= 80), "{page}");
    let q3 = t.ok(&["checkup", "--quarter", "2026-Q3"]);
    assert!(q3.contains("Score 60/100 · 1 leader answered"), "{q3}");

    // Answering again in a quarter replaces the leader's answers.
    let line = t.ok(&[
        "checkup",
        "take",
        "--by",
        "amy",
        "--answers",
        &answers(&[5; 20]),
    ]);
    assert!(line.contains("(replacing the earlier answers)"), "{line}");
    let json: serde_json::Value = serde_json::from_str(&t.ok(&["--json", "checkup"])).unwrap();
    assert_eq!(json["respondents"], 3);
    assert!((json["score"].as_f64().unwrap() - 260.0 / 3.0).abs() < 1e-9);
}

#[test]
fn answers_come_from_a_pipe_and_may_be_anonymous() {
    let t = TestCompany::new();
    let out = t
        .pulse()
        .args(["checkup", "take", "--anonymous"])
        .write_stdin("5 5 5 5 5\n4,4,4,4,4\n3 3 3 3 3\n2 2 2 2 2\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("anonymous: 70/100 for 2026-Q4"));
    let files: Vec<String> = std::fs::read_dir(t.path().join("checkups/2026-Q4"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files.len(), 1);
    assert!(
        files[0].starts_with("anonymous-") && files[0].ends_with(".toml"),
        "{files:?}"
    );
    assert_eq!(
        t.log()[0],
        "checkup: anonymous answers for 2026-Q4 (score 70)"
    );
    // Two anonymous leaders get two files.
    t.ok(&[
        "checkup",
        "take",
        "--anonymous",
        "--answers",
        &answers(&[3; 20]),
    ]);
    assert_eq!(
        std::fs::read_dir(t.path().join("checkups/2026-Q4"))
            .unwrap()
            .count(),
        2
    );
    // A short pipe records nothing.
    let out = t
        .pulse()
        .args(["checkup", "take", "--by", "zoe"])
        .write_stdin("5 5 5\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("error: standard input: 3 answers given, expected 20")
    );
    assert!(!t.path().join("checkups/2026-Q4/zoe.toml").exists());
}

#[test]
fn wrong_answers_are_refused_naming_what_is_wrong() {
    let t = TestCompany::new();
    let mut six = vec![4u8; 20];
    six[6] = 6;
    for (list, expected) in [
        (
            answers(&[4; 19]),
            "--answers: 19 answers given, expected 20",
        ),
        (
            answers(&[4; 21]),
            "--answers: 21 answers given, expected 20",
        ),
        (
            answers(&six),
            "--answers: answer 7 is 6: expected a whole number from 1 to 5",
        ),
        (
            format!("{},x", answers(&[4; 19])),
            "--answers: answer 20 is `x`",
        ),
        (answers(&[0; 20]), "answer 1 is 0"),
    ] {
        let err = t.fails(&["checkup", "take", "--by", "zoe", "--answers", &list], 1);
        assert!(err.contains(expected), "{expected}:\n{err}");
    }
    let err = t.fails(
        &[
            "checkup",
            "take",
            "--by",
            "bob",
            "--answers",
            &answers(&[4; 20]),
        ],
        1,
    );
    assert!(err.contains("unknown person `bob`"), "{err}");
    // Nobody named, and git's user.email is no one on the roster.
    let err = t.fails(&["checkup", "take", "--answers", &answers(&[4; 20])], 1);
    assert!(
        err.contains("who is answering? give --by H (or --anonymous)"),
        "{err}"
    );
    let err = t.fails(&["checkup", "--quarter", "2026-Q9"], 1);
    assert!(err.contains("expected YYYY-Qn"), "{err}");
    assert!(!t.path().join("checkups").exists());
    // A hand-edited file with a wrong answer is named.
    t.commit_file("checkups/2026-Q4/zoe.toml", "answers = [1, 2, 3]\n");
    let err = t.fails(&["checkup"], 2);
    assert!(
        err.contains("checkups/2026-Q4/zoe.toml: answers: 3 answers given, expected 20"),
        "{err}"
    );
    let out = t.pulse().arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("error: checkups/2026-Q4/zoe.toml: answers: 3 answers given, expected 20")
    );
}

#[test]
fn the_annual_agenda_shows_team_health() {
    let t = TestCompany::demo();
    let agenda = t.ok(&["agenda", "--annual"]);
    let health = agenda
        .split("· Team health")
        .nth(1)
        .and_then(|rest| rest.split("SWOT").next())
        .unwrap_or_else(|| panic!("no Team health:\n{agenda}"));
    for part in [
        "People Analyzer: 6 people (pulse people)",
        " 4 right person, right seat",
        " 1 right person, wrong seat",
        " 1 not rated",
        "Organizational Checkup 2026-Q4: 77.6/100 · 5 leaders answered",
        "Trend: 2026-Q2 56 → 2026-Q3 70.5 → 2026-Q4 77.6",
        "2.6 17. We hear from customers and staff regularly",
    ] {
        assert!(health.contains(part), "{part} missing:\n{health}");
    }
    // No names of people in an agenda that is sent around.
    assert!(
        !health.contains("ian") && !health.contains("felix"),
        "{health}"
    );
    assert!(health.lines().all(|l| l.chars().count() <= 80), "{health}");
    let json: serde_json::Value =
        serde_json::from_str(&t.ok(&["--json", "agenda", "--annual"])).unwrap();
    assert_eq!(json["team_health"]["people"]["right_person_right_seat"], 4);
    assert_eq!(json["team_health"]["checkup"]["respondents"], 5);
    // The quarterly agenda has no Team health.
    let json: serde_json::Value =
        serde_json::from_str(&t.ok(&["--json", "agenda", "--quarterly"])).unwrap();
    assert!(json["team_health"].is_null(), "{json}");
}

/// On a terminal `checkup take` asks the twenty statements one by one; a
/// wrong answer is asked again; the answers are stored and committed.
#[test]
fn checkup_take_asks_each_statement_on_a_terminal() {
    use crate::tmux::{Pane, skip_without_tmux};
    if skip_without_tmux() {
        return;
    }
    let t = TestCompany::new();
    let pane = Pane::start(&t, "2026-11-27T10:00", "checkup take --by zoe");
    pane.wait_for("1/20 [");
    pane.type_text("6");
    pane.keys(&["Enter"]);
    pane.wait_for("a whole number from 1 to 5, please");
    for i in 1..=20 {
        pane.wait_for(&format!("{i}/20 ["));
        pane.type_text(if i == 20 { "5" } else { "4" });
        pane.keys(&["Enter"]);
    }
    assert_eq!(pane.exit_code(), 0, "{}", pane.screen());
    let file = t.read("checkups/2026-Q4/zoe.toml");
    assert!(
        file.contains("answers = [4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 5]"),
        "{file}"
    );
    assert!(
        t.log()[0].starts_with("checkup: zoe's answers for 2026-Q4 (score 81)"),
        "{:?}",
        t.log()
    );
}
