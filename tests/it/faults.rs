//! Faults: a crash mid-write, a stale lock, a folder pulse may not write,
//! files with CRLF, a BOM or no final newline, and bytes that are not UTF-8.

use crate::common::TestCompany;

const TODOS: &str = "# to-dos\n[[todo]]\nid = \"call\"\ntitle = \"Call Acme\"\nowner = \"amy\"\ncreated = 2026-11-20\n";

#[test]
fn a_crash_between_temp_file_and_rename_leaves_the_old_file_whole() {
    let t = TestCompany::new();
    t.commit_file("todos.toml", TODOS);
    let out = t
        .pulse()
        .args(["todo", "add", "Write the report", "--owner", "ian"])
        .env("PULSE_FAULT", "before-rename")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(137), "the fault was injected");
    assert_eq!(t.read("todos.toml"), TODOS, "the old file is whole");
    // The half-done write left a temporary file, which pulse never reads.
    let leftovers: Vec<String> = std::fs::read_dir(t.path())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with(".todos.toml."))
        .collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    assert!(t.ok(&["todos"]).contains("Call Acme"));
    // The lock file stayed behind too (the process died holding it); the
    // next write goes through, because the lock is the kernel's, not the file's.
    assert!(t.path().join(".git/pulse.lock").exists());
    t.ok(&["todo", "add", "Write the report", "--owner", "ian"]);
    assert!(t.read("todos.toml").contains("Write the report"));
    assert_eq!(
        t.log()[0],
        "todo: add \"Write the report\" (ian, due 2026-12-04)"
    );
}

#[test]
fn a_held_lock_makes_pulse_wait_then_its_change_lands() {
    let t = TestCompany::new();
    // Another process holds the company's lock for a second.
    let holder = std::process::Command::new("flock")
        .arg(t.path().join(".git/pulse.lock"))
        .args(["sleep", "1"])
        .spawn();
    let Ok(mut holder) = holder else {
        eprintln!("no flock(1) here: skipped");
        return;
    };
    std::thread::sleep(std::time::Duration::from_millis(200));
    let started = std::time::Instant::now();
    t.ok(&["todo", "add", "After the wait", "--owner", "amy"]);
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(500),
        "pulse did not wait for the lock"
    );
    holder.wait().unwrap();
    assert!(t.read("todos.toml").contains("After the wait"));
    assert!(t.clean());
}

#[test]
fn a_lock_file_left_by_a_killed_process_is_no_obstacle() {
    let t = TestCompany::new();
    // The OS lock dies with its process; the file it leaves means nothing.
    let lock = t.path().join(".git/pulse.lock");
    let mut holder = std::process::Command::new("flock")
        .arg("-o")
        .arg(&lock)
        .args(["sleep", "3"])
        .spawn()
        .expect("flock(1)");
    std::thread::sleep(std::time::Duration::from_millis(200));
    // Found in a review: the options came after the file, so flock ran
    // `-o` as its command and held nothing. The lock is held now.
    let free = std::process::Command::new("flock")
        .arg("-n")
        .arg(&lock)
        .arg("true")
        .status()
        .unwrap();
    assert!(!free.success(), "the lock was not held");
    holder.kill().unwrap();
    holder.wait().unwrap();
    assert!(t.path().join(".git/pulse.lock").exists());
    t.ok(&["todo", "add", "After the crash", "--owner", "amy"]);
    assert!(t.clean());
}

#[test]
fn a_folder_pulse_may_not_write_is_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let t = TestCompany::new();
    t.commit_file("todos.toml", TODOS);
    let dir = t.path();
    let mode = |path: &std::path::Path, m: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(m)).unwrap()
    };
    // Root may write anywhere: run pulse as `nobody` then, through setpriv.
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    // nobody runs a copy of pulse from a folder of its own (the build folder
    // may be private), in the company folder (under the world-traversable
    // temp folder), which it may read but not write.
    let bin_dir = tempfile::tempdir().unwrap();
    let mut cmd = if root {
        mode(bin_dir.path(), 0o755);
        let bin = bin_dir.path().join("pulse");
        let plain = t.pulse_std();
        std::fs::copy(plain.get_program(), &bin).unwrap();
        let mut wrapped = std::process::Command::new("setpriv");
        wrapped
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(&bin)
            .current_dir(dir);
        for (k, v) in plain.get_envs() {
            match v {
                Some(v) => wrapped.env(k, v),
                None => wrapped.env_remove(k),
            };
        }
        wrapped
    } else {
        t.pulse_std()
    };
    mode(dir, 0o555);
    mode(&dir.join("todos.toml"), 0o444);
    let out = cmd
        .args(["--no-commit", "todo", "add", "Nope", "--owner", "amy"])
        .output()
        .unwrap();
    mode(dir, 0o755);
    mode(&dir.join("todos.toml"), 0o644);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("error: ") && stderr.to_lowercase().contains("permission denied"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(t.read("todos.toml"), TODOS);
}

#[test]
fn crlf_bom_and_no_final_newline_are_kept() {
    let t = TestCompany::new();
    let crlf = format!("\u{feff}{}", TODOS.replace('\n', "\r\n"));
    let crlf = crlf.trim_end_matches("\r\n").to_string();
    t.commit_file("todos.toml", &crlf);
    assert!(t.ok(&["todos"]).contains("Call Acme"), "read as it is");
    t.ok(&["todo", "done", "call"]);
    let after = t.read("todos.toml");
    assert!(after.starts_with('\u{feff}'), "the BOM stays");
    assert!(!after.ends_with('\n'), "no final newline added: {after:?}");
    assert!(after.contains("done = 2026-11-27"), "{after:?}");
    assert_eq!(
        after.matches('\n').count(),
        after.matches("\r\n").count(),
        "every line still ends in CRLF: {after:?}"
    );
    t.ok(&["todo", "add", "Another", "--owner", "ian"]);
    let after = t.read("todos.toml");
    assert!(after.starts_with('\u{feff}') && after.contains("Another"));
    assert_eq!(
        after.matches('\n').count(),
        after.matches("\r\n").count(),
        "added lines end in CRLF too: {after:?}"
    );

    // scorecard.csv with CRLF keeps it as well.
    t.commit_file(
        "scorecard.toml",
        "[[measurable]]\nid = \"leads\"\nname = \"Leads\"\nowner = \"amy\"\ngoal = \">= 20\"\n",
    );
    t.commit_file(
        "scorecard.csv",
        "week,measurable,value,note\r\n2026-W46,leads,21,\r\n",
    );
    t.ok(&["scorecard", "record", "leads", "25"]);
    assert_eq!(
        t.read("scorecard.csv"),
        "week,measurable,value,note\r\n2026-W46,leads,21,\r\n2026-W48,leads,25,\r\n"
    );
}

#[test]
fn bytes_that_are_not_utf8_are_an_error_naming_the_file() {
    let t = TestCompany::new();
    std::fs::write(
        t.path().join("issues.toml"),
        b"[[issue]]\nid = \"a\"\ntitle = \"caf\xe9\"\n",
    )
    .unwrap();
    let err = t.fails(&["issues"], 2);
    assert!(
        err.starts_with("error: issues.toml:3:") && err.contains("UTF-8"),
        "{err}"
    );
    let out = t.pulse().arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("issues.toml:3"));
}

#[test]
fn two_clones_merge_numbers_cleanly_and_check_points_at_a_conflict() {
    let a = TestCompany::new();
    a.commit_file(
        "scorecard.toml",
        "[[measurable]]\nid = \"leads\"\nname = \"Leads\"\nowner = \"amy\"\ngoal = \">= 20\"\n",
    );
    a.commit_file(".gitattributes", "scorecard.csv merge=union\n");
    a.commit_file(
        "scorecard.csv",
        "week,measurable,value,note\n2026-W45,leads,20,\n",
    );
    a.commit_file("todos.toml", TODOS);
    let b = TestCompany::bare();
    b.git(&["clone", "-q", a.path().to_str().unwrap(), "."]);

    b.ok(&["scorecard", "record", "leads", "25", "--week", "2026-W46"]);
    b.ok(&["todo", "add", "From the second clone", "--owner", "ian"]);
    a.ok(&["scorecard", "record", "leads", "30", "--week", "2026-W47"]);
    a.ok(&["todo", "add", "From the first clone", "--owner", "amy"]);

    a.git(&["fetch", "-q", b.path().to_str().unwrap(), "HEAD"]);
    let merge = std::process::Command::new("git")
        .current_dir(a.path())
        .args([
            "-c",
            "user.name=T",
            "-c",
            "user.email=t@example.com",
            "merge",
            "-q",
            "FETCH_HEAD",
        ])
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap();
    assert!(!merge.status.success(), "two appended to-dos conflict");
    // The numbers merged by themselves (merge=union; pulse sorts the rows
    // again on its next write).
    assert_eq!(
        a.read("scorecard.csv"),
        "week,measurable,value,note\n2026-W45,leads,20,\n2026-W47,leads,30,\n2026-W46,leads,25,\n"
    );
    let todos = a.read("todos.toml");
    let marker = todos
        .lines()
        .position(|l| l.starts_with("<<<<<<<"))
        .unwrap()
        + 1;
    let out = a.pulse().arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!(
            "todos.toml:{marker}: an unresolved git merge conflict"
        )),
        "{stdout}"
    );
    let err = a.fails(&["todos"], 2);
    assert!(err.contains("hint: keep the lines you want"), "{err}");

    // git shares the `[[todo]]` line and the dates between the two sides, so
    // deleting the markers alone leaves one table with two ids, which pulse
    // reports; keeping both to-dos whole resolves it.
    let (before, _) = todos.split_once("[[todo]]\n<<<<<<<").unwrap();
    let naive: String = todos
        .split_inclusive('\n')
        .filter(|l| {
            !(l.starts_with("<<<<<<<") || l.starts_with("=======") || l.starts_with(">>>>>>>"))
        })
        .collect();
    a.write("todos.toml", &naive);
    assert!(a.fails(&["todos"], 2).contains("duplicate key"));
    let resolved = format!(
        "{before}[[todo]]\nid = \"from-the-first-clone\"\ntitle = \"From the first clone\"\nowner = \"amy\"\ncreated = 2026-11-27\ndue = 2026-12-04\n\n[[todo]]\nid = \"from-the-second-clone\"\ntitle = \"From the second clone\"\nowner = \"ian\"\ncreated = 2026-11-27\ndue = 2026-12-04\n"
    );
    a.write("todos.toml", &resolved);
    let list = a.ok(&["todos"]);
    assert!(list.contains("From the first clone") && list.contains("From the second clone"));
    a.ok(&["check"]);
}

/// A hand edit between two commands is read by the next one: pulse keeps
/// no parse of its own between runs.
#[test]
fn a_hand_edit_is_seen_by_the_next_command() {
    let t = TestCompany::new();
    t.commit_file("todos.toml", TODOS);
    t.ok(&["todo", "add", "First", "--owner", "amy"]);
    // A hand edit takes the id the next to-do would get...
    let edited = format!(
        "{}\n[[todo]]\nid = \"write-the-report\"\ntitle = \"By hand\"\nowner = \"ian\"\n",
        t.read("todos.toml")
    );
    t.commit_file("todos.toml", &edited);
    let out = t.ok(&[
        "--json",
        "todo",
        "add",
        "Write the report",
        "--owner",
        "ian",
    ]);
    let todo: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(todo["id"], "write-the-report-2");
    let list = t.ok(&["--json", "todos"]);
    assert!(list.contains("write-the-report-2") && list.contains("\"write-the-report\""));
    t.ok(&["todo", "add", "Tail one", "--owner", "amy"]);
    t.ok(&["todo", "add", "Tail one", "--owner", "amy"]);
    let list = t.ok(&["--json", "todos"]);
    assert!(
        list.contains("\"tail-one\"") && list.contains("\"tail-one-2\""),
        "{list}"
    );
    t.ok(&["todo", "done", "tail-one-2"]);
    let list = t.ok(&["--json", "todos", "--all"]);
    assert!(list.contains("\"done\": \"2026"), "{list}");
    // ...and a broken hand edit is an error.
    t.commit_file(
        "todos.toml",
        &format!("{}\n[[todo]\n", t.read("todos.toml")),
    );
    let err = t.fails(&["todo", "add", "Another", "--owner", "ian"], 2);
    assert!(err.contains("todos.toml:"), "{err}");
}

/// A hand edit of any one meeting file (or a new file) is seen by the next
/// `pulse check`.
#[test]
fn check_sees_a_hand_edited_meeting() {
    let t = TestCompany::demo();
    t.ok(&["check"]);
    let meetings: Vec<_> = std::fs::read_dir(t.path().join("meetings"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    let name = format!("meetings/{}", meetings[0]);
    let edited = t
        .read(&name)
        .replace("attendees = [", "attendees = [\"zed\", ");
    assert!(edited.contains("zed"), "{edited}");
    t.write(&name, &edited);
    let out = t.pulse().arg("check").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&name) && stdout.contains("unknown person `zed`"),
        "{stdout}"
    );
    t.write("meetings/2026-11-05.toml", "ratings = { ada = 11 }\n");
    let out = t.pulse().arg("check").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("meetings/2026-11-05.toml"), "{stdout}");
}

/// The bug that retired the parse cache: an entry written by an older pulse
/// was read by a newer one, and `--json todos` showed `owner: ""`. Such a
/// folder left in a clone is never read.
#[test]
fn an_old_parse_cache_left_in_git_is_ignored() {
    let t = TestCompany::new();
    t.commit_file("todos.toml", TODOS);
    let cache = t.path().join(".git/pulse-cache");
    std::fs::create_dir_all(&cache).unwrap();
    std::fs::write(
        cache.join("todos.toml.json"),
        r#"{"todo":[{"id":"stale","title":"Stale","owner":""}]}"#,
    )
    .unwrap();
    let list = t.ok(&["--json", "todos"]);
    assert!(!list.contains("stale"), "{list}");
    assert!(list.contains("\"owner\": \"amy\""), "{list}");
}
