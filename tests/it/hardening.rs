//! Hardening II (issue #19), the items ported from the hardening branch:
//! one regression test per hole an adversarial pass found, each named after
//! the guarantee it keeps.

use crate::common::{TestCompany, hermetic};
use std::path::Path;

fn with_leads() -> TestCompany {
    let t = TestCompany::new();
    t.ok(&[
        "scorecard",
        "add",
        "Leads",
        "--owner",
        "amy",
        "--goal",
        ">= 20",
    ]);
    t.ok(&["scorecard", "record", "leads", "21", "--week", "2026-W46"]);
    t.ok(&["scorecard", "record", "leads", "18", "--week", "2026-W47"]);
    t
}

// 5. CSV export runs no formula in a spreadsheet; JSON stays exact.

#[test]
fn csv_export_neutralises_formulas_and_keeps_numbers() {
    let t = with_leads();
    t.ok(&["todo", "add", "=cmd|' /C calc'!A0", "--owner", "amy"]);
    t.ok(&[
        "scorecard",
        "add",
        "Churn",
        "--owner",
        "amy",
        "--goal",
        "== 0",
    ]);
    t.ok(&[
        "scorecard",
        "record",
        "churn",
        "-3.5",
        "--week",
        "2026-W47",
        "--note",
        "=HYPERLINK(\"http://x\")",
    ]);
    t.ok(&["export", "--format", "csv", "out"]);
    let read = |name: &str| -> Vec<Vec<String>> { csv_rows(&t.read(&format!("out/{name}"))) };
    let todos = read("todos.csv");
    assert_eq!(todos[1][1], "'=cmd|' /C calc'!A0");
    let values = read("scorecard-values.csv");
    let churn = values.iter().find(|r| r[1] == "churn").unwrap();
    assert_eq!(churn[2], "-3.5", "a number stays a number");
    assert_eq!(churn[3], "'=HYPERLINK(\"http://x\")");
    let measurables = read("measurables.csv");
    let churn = measurables.iter().find(|r| r[0] == "churn").unwrap();
    assert_eq!(churn[3], "'== 0");
    t.ok(&["export", "--format", "json", "json"]);
    let todos: serde_json::Value = serde_json::from_str(&t.read("json/todos.json")).unwrap();
    assert_eq!(todos[0]["title"], "=cmd|' /C calc'!A0");
}

/// The cells of a CSV text (quoted fields, doubled quotes).
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut cell)),
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => cell.push(c),
        }
    }
    rows
}

// 10. `report --html` writes a file of its own, or standard output.

#[test]
fn report_html_refuses_company_files_and_targets_that_are_not_regular_files() {
    let t = with_leads();
    let company = t.read("company.toml");
    for target in [
        "company.toml",
        "scorecard.csv",
        "rocks/q.html",
        ".git/config",
        "./.gitattributes",
        "new/../company.toml",
    ] {
        let err = t.fails(&["report", "--html", target], 1);
        assert!(
            err.contains("one of the company's files"),
            "{target}: {err}"
        );
    }
    assert_eq!(t.read("company.toml"), company);
    let fifo = t.path().join("pipe.html");
    if std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        let err = t.fails(&["report", "--html", "pipe.html"], 1);
        assert!(err.contains("not a regular file"), "{err}");
        assert!(!std::fs::symlink_metadata(&fifo).unwrap().is_file());
    }
    for target in ["/dev/null", "/dev/full", "/proc/self/fd/1"] {
        if std::fs::symlink_metadata(target).is_ok() {
            let err = t.fails(&["report", "--html", target], 1);
            assert!(
                err.contains("which pulse will not replace"),
                "{target}: {err}"
            );
        }
    }
    let page = t.ok(&["report", "--html", "-"]);
    assert!(
        page.starts_with("<!DOCTYPE html>") || page.contains("<html"),
        "{page}"
    );
    t.ok(&["report", "--html", "q4.html"]);
    assert!(t.read("q4.html").contains("<html"));
}

// 8. Closing a quarter twice moves nothing twice.

#[test]
fn quarter_close_twice_rolls_and_drops_each_rock_once() {
    let t = TestCompany::new().with_today("2026-12-20");
    t.ok(&["rock", "add", "Open Frankfurt", "--owner", "amy"]);
    t.ok(&["rock", "add", "Net revenue retention", "--owner", "ian"]);
    let close = [
        "quarter",
        "close",
        "2026-Q4",
        "--roll",
        "open-frankfurt",
        "--to-issues",
        "net",
    ];
    t.ok(&close);
    let rocks_next = t.read("rocks/2027-Q1.toml");
    let issues = t.read("issues.toml");
    let commits = t.log().len();
    let again = t.ok(&close);
    assert!(again.contains("Already moved on"), "{again}");
    t.ok(&[
        "quarter",
        "close",
        "2026-Q4",
        "--roll",
        "open-frankfurt",
        "--roll",
        "open-frankfurt",
    ]);
    t.ok(&["quarter", "close", "2026-Q4", "--all-to-issues"]);
    assert_eq!(t.read("rocks/2027-Q1.toml"), rocks_next);
    assert_eq!(t.read("issues.toml"), issues);
    assert_eq!(t.log().len(), commits, "nothing to commit the second time");
    assert_eq!(rocks_next.matches("[[rock]]").count(), 1);
    assert_eq!(issues.matches("[[issue]]").count(), 1);
    // The other way round is a decision already taken: refused.
    let err = t.fails(
        &[
            "quarter",
            "close",
            "2026-Q4",
            "--to-issues",
            "open-frankfurt",
        ],
        1,
    );
    assert!(err.contains("already rolled into 2027-Q1"), "{err}");
}

// 6. Text from the files and the command line reaches the terminal and the
// commit messages escaped.

const EVIL: &str = "\u{1b}[41mEVIL\u{1b}]0;pwned\u{7}";

/// Asserts that `text` holds no control character but the line breaks.
fn inert_text(what: &str, text: &str) {
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{what} carries a raw control character: {text:?}"
    );
}

#[test]
fn ids_and_titles_from_files_reach_the_terminal_escaped() {
    let t = TestCompany::new();
    // Ids written by hand, with escapes (TOML's \u001b).
    t.commit_file(
        "todos.toml",
        "[[todo]]\nid = \"exit\\u001b[41mEVIL\"\ntitle = \"Exit \\u001b]0;pwned\\u0007\"\nowner = \"amy\"\ncreated = 2026-11-20\ndue = 2026-12-01\n\n[[todo]]\nid = \"exit\\u001b[42mTOO\"\ntitle = \"Second\"\nowner = \"amy\"\ncreated = 2026-11-20\ndue = 2026-12-01\n",
    );
    // An unknown id lists the valid ones.
    let err = t.fails(&["todo", "done", "nope"], 1);
    inert_text("unknown-id error", &err);
    assert!(err.contains(r"exit\x1b[41mEVIL"), "{err}");
    // An ambiguous id, in log and in todo done.
    let err = t.fails(&["log", "exit"], 1);
    inert_text("log's ambiguous error", &err);
    assert!(err.contains("ambiguous"), "{err}");
    inert_text(
        "todo's ambiguous error",
        &t.fails(&["todo", "done", "exit"], 1),
    );
    // A confirmation, and the commit it makes.
    let out = t
        .pulse()
        .args(["todo", "done", "exit\u{1b}[41m"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8_lossy(&out.stdout);
    inert_text("todo done's confirmation", &said);
    assert_eq!(said.trim(), r"exit\x1b[41mEVIL: done");
    let subject = &t.log()[0];
    inert_text("the commit subject", subject);
    // A title is quoted in the subject as Rust quotes it ("\u{1b}").
    assert!(
        subject.contains(r#""Exit \u{1b}]0;pwned\u{7}""#),
        "{subject}"
    );
    // pulse check names ids that are not slugs.
    let out = t.pulse().arg("check").output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    inert_text("check", &said);
    assert!(
        said.contains(r"to-do id `exit\x1b[42mTOO` is not a slug"),
        "{said}"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_name_given_to_init_is_printed_and_committed_escaped() {
    let t = TestCompany::bare();
    let name = format!("A{EVIL}");
    let out = t.pulse().args(["init", "--name", &name]).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    inert_text("init's report", &String::from_utf8_lossy(&out.stdout));
    inert_text("init's warnings", &String::from_utf8_lossy(&out.stderr));
    let subject = t.git(&["log", "-1", "--format=%B"]);
    inert_text("init's commit", &subject);
    assert!(
        subject.contains(r"A\x1b[41mEVIL\x1b]0;pwned\x07"),
        "{subject}"
    );
    // The name itself is kept as typed, in TOML's own escapes.
    let company = t.read("company.toml");
    inert_text("company.toml", &company);
    assert!(
        company.to_lowercase().contains(r"a\u001b[41mevil"),
        "{company}"
    );
    let err = t.fails(&["person", "add", "bad\u{1b}[31m", "--name", EVIL], 1);
    inert_text("an error echoing the argument", &err);
}

// 15. The user's text goes on the subject line only.

#[test]
fn a_name_with_newlines_adds_no_trailer_to_the_commit() {
    let t = TestCompany::new();
    let commits = t.log().len();
    // A name or a title is one line: refused before anything is written.
    let err = t.fails(
        &[
            "person",
            "add",
            "zed",
            "--name",
            "Zed\n\nSigned-off-by: Mallory <m@x>",
        ],
        1,
    );
    assert!(err.contains("must be one line of text"), "{err}");
    assert!(err.contains(r"Zed\n\nSigned-off-by"), "{err}");
    assert_eq!(t.log().len(), commits);
    let trailers = t.git(&["log", "--format=%(trailers)"]);
    assert_eq!(trailers.trim(), "");
}

/// Runs `sh -c LINE` in `dir`, hermetic like the tests' git.
fn sh(dir: &Path, line: &str) -> std::process::Output {
    let mut cmd = std::process::Command::new("sh");
    hermetic(&mut cmd, dir);
    cmd.current_dir(dir).arg("-c").arg(line).output().unwrap()
}

/// A pre-commit hook that refuses every commit.
fn refuse_commits(t: &TestCompany) {
    let hook = t.path().join(".git/hooks/pre-commit");
    std::fs::create_dir_all(hook.parent().unwrap()).unwrap();
    std::fs::write(&hook, "#!/bin/sh\necho 'hook says no' >&2\nexit 1\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

// 3. Hints that show a shell command quote every argument.

#[test]
fn the_commit_hint_runs_nothing_when_pasted() {
    let t = TestCompany::new();
    refuse_commits(&t);
    let title = "Pay $(touch pwned-dollar) and `touch pwned-tick` it's \"done\"";
    let out = t
        .pulse()
        .args(["todo", "add", title, "--owner", "amy"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = stderr
        .lines()
        .find_map(|l| l.split_once("then run: ").map(|(_, cmd)| cmd.to_string()))
        .unwrap_or_else(|| panic!("no command in the hint:\n{stderr}"));
    assert!(line.starts_with("git commit -m '"), "{line}");
    // The user fixes the hook and pastes the line: it commits the to-do,
    // titled as typed, and runs nothing inside the title.
    std::fs::remove_file(t.path().join(".git/hooks/pre-commit")).unwrap();
    let pasted = sh(t.path(), &line);
    assert!(pasted.status.success(), "{pasted:?}");
    assert!(!t.path().join("pwned-dollar").exists());
    assert!(!t.path().join("pwned-tick").exists());
    let subject = &t.log()[0];
    assert!(
        subject.contains("Pay $(touch pwned-dollar) and `touch pwned-tick` it's"),
        "{subject}"
    );
    assert!(t.clean());
}

// 4. Git pathspecs are literal.

#[test]
fn a_company_in_a_folder_named_like_a_glob_commits_only_its_own_files() {
    let t = TestCompany::bare();
    t.git(&["init", "-q"]);
    // `co1/` is another company in the same repository, with an edit its
    // owner has not committed; `co[12]` as a glob would match it.
    t.write("co1/todos.toml", "# co1's to-dos\n");
    t.git(&["add", "-A"]);
    t.git(&["commit", "-q", "-m", "co1"]);
    t.write("co1/todos.toml", "# co1's to-dos, edited by hand\n");
    let co = t.path().join("co[12]");
    std::fs::create_dir_all(&co).unwrap();
    t.pulse()
        .current_dir(&co)
        .args(["init", "--name", "Glob"])
        .assert()
        .success();
    t.pulse()
        .current_dir(&co)
        .args(["person", "add", "amy", "--name", "Amy"])
        .assert()
        .success();
    t.pulse()
        .current_dir(&co)
        .args(["todo", "add", "Only mine", "--owner", "amy"])
        .assert()
        .success();
    let files = t.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files.trim(), "co[12]/todos.toml");
    let status = t.git(&["status", "--porcelain"]);
    assert_eq!(
        status.trim(),
        "M co1/todos.toml",
        "co1's edit is left alone"
    );
}

// #15.6: git's failures are the crate's error: exit 3, git's own words.

#[test]
fn a_git_failure_exits_3_with_gits_words() {
    let t = TestCompany::new();
    t.ok(&["todo", "add", "Call the bank", "--owner", "amy"]);
    t.write(".git/HEAD", "ref: refs/heads/\n");
    let err = t.fails(&["log", "call-the-bank"], 3);
    assert!(err.starts_with("error: git: "), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
