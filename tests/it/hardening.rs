//! Hardening II (issue #19): one regression test per hole an adversarial
//! pass found, each named after the guarantee it keeps. Links out of the
//! company folder, duplicate scorecard rows, pasted hints, glob characters
//! in paths, spreadsheet formulas, escapes from files, broken quotes,
//! repeated quarter closes, partial changes, report targets, line endings,
//! deleted list files, mid-merge writes, a held lock, trailers, odd values
//! and a long list.

use crate::common::{TestCompany, hermetic};
use std::path::Path;

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

// 15. The user's text goes on the subject line only.

#[test]
fn a_name_with_newlines_adds_no_trailer_to_the_commit() {
    let t = TestCompany::new();
    t.ok(&[
        "person",
        "add",
        "zed",
        "--name",
        "Zed\n\nSigned-off-by: Mallory <m@x>",
    ]);
    let message = t.git(&["log", "-1", "--format=%B"]);
    assert_eq!(
        message.trim_end().lines().count(),
        1,
        "one line: {message:?}"
    );
    assert!(message.contains(r"Zed\n\nSigned-off-by"), "{message:?}");
    let mut parse = std::process::Command::new("git");
    hermetic(&mut parse, t.path());
    let parsed = parse
        .current_dir(t.path())
        .args(["interpret-trailers", "--parse"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    parsed
        .stdin
        .as_ref()
        .unwrap()
        .write_all(message.as_bytes())
        .unwrap();
    let out = parsed.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "", "no trailer");
    let body = t.git(&["log", "-1", "--format=%(trailers)"]);
    assert_eq!(body.trim(), "");
}
