//! The README's `console` blocks run as they are written, against the demo
//! company (the top-level company.toml), and must print what the README
//! shows; `...` stands for lines left out. Blocks that change files or
//! depend on this repository's git history are `text` blocks and not run.
//! After a change in output: `TRYCMD=overwrite cargo test --test readme`.

#[test]
fn readme_commands_print_what_the_readme_shows() {
    trycmd::TestCases::new()
        .register_bin("pulse", trycmd::cargo::cargo_bin!("pulse"))
        .case("README.md");
}

/// Every `sh` block's commands run too, in order, as a reader would type
/// them: the first block makes `acme` and the demo in `lapwing` beside it,
/// and the blocks after it run in the demo (on its pinned date), with
/// `pulse` on the PATH, HOME and git's configuration in a temporary folder,
/// and `git@git.example.com:acme/company.git` a bare copy of the demo. Not
/// run: blocks of `cargo` commands (this test suite is one) and a script's
/// text (`#!`). A command that fails names its block's line.
#[test]
fn readme_sh_blocks_run_against_the_demo() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let home = root.join("home");
    std::fs::create_dir_all(home.join(".config/fish/completions")).unwrap();
    let remote = root.join("remote.git");
    std::fs::write(
        root.join("gitconfig"),
        format!(
            "[user]\n\tname = Zoe Park\n\temail = zoe@lapwing.example\n[init]\n\tdefaultBranch = main\n[url \"{}\"]\n\tinsteadOf = git@git.example.com:acme/company.git\n",
            remote.display()
        ),
    )
    .unwrap();
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_pulse"))
        .parent()
        .unwrap()
        .to_owned();
    let path = std::env::join_paths(
        std::iter::once(bin).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();
    let run = |script: &str, dir: &std::path::Path, line: usize| {
        let out = std::process::Command::new("sh")
            .args(["-e", "-x", "-c", script])
            .current_dir(dir)
            .env("PATH", &path)
            .env("HOME", &home)
            .env("GIT_CONFIG_GLOBAL", root.join("gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("PULSE_TODAY", "2026-11-25")
            .env_remove("PULSE_DIR")
            .env_remove("PULSE_TEAM")
            .env_remove("PULSE_NOW")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "README.md:{line}: the block failed:\n{script}\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let mut blocks = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (i, line) in readme.lines().enumerate() {
        match (&mut current, line) {
            (None, "```sh") => current = Some((i + 1, String::new())),
            (Some(_), "```") => blocks.push(current.take().unwrap()),
            (Some((_, text)), l) => {
                text.push_str(l);
                text.push('\n');
            }
            _ => {}
        }
    }
    let demo = root.join("lapwing");
    let mut ran = 0;
    for (line, script) in &blocks {
        if script.starts_with("#!") || script.lines().any(|l| l.starts_with("cargo ")) {
            continue;
        }
        if script.contains("pulse init acme") {
            run(script, root, *line);
        } else if script.contains("git clone") {
            let status = std::process::Command::new("git")
                .args(["clone", "-q", "--bare"])
                .arg(&demo)
                .arg(&remote)
                .env("GIT_CONFIG_GLOBAL", root.join("gitconfig"))
                .status()
                .unwrap();
            assert!(status.success());
            let clone = root.join("clone");
            std::fs::create_dir_all(&clone).unwrap();
            run(script, &clone, *line);
        } else {
            run(script, &demo, *line);
        }
        ran += 1;
    }
    assert!(ran >= 8, "{ran} blocks ran");
}

/// The README's `text` blocks of `pulse diff` and `pulse log` (history
/// differs from clone to clone, so trycmd cannot run them) match a demo
/// made on the day the README says, 2026-11-25: the same lines, commit
/// hashes aside, `...` standing for lines left out.
#[test]
fn readme_history_examples_match_a_demo_made_on_its_day() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let mut blocks: Vec<(usize, Vec<String>)> = Vec::new();
    let mut current: Option<(usize, Vec<String>)> = None;
    for (i, line) in readme.lines().enumerate() {
        match (&mut current, line) {
            (None, "```text") => current = Some((i + 2, Vec::new())),
            (Some(_), "```") => blocks.push(current.take().unwrap()),
            (Some((_, lines)), l) => lines.push(l.to_string()),
            _ => {}
        }
    }
    let blocks: Vec<(usize, Vec<String>)> = blocks
        .into_iter()
        .filter(|(_, lines)| {
            lines
                .first()
                .is_some_and(|l| l.starts_with("$ pulse diff") || l.starts_with("$ pulse log"))
        })
        .collect();
    assert!(blocks.len() >= 2, "the README shows diff and log");
    let tmp = tempfile::tempdir().unwrap();
    let pulse = |args: &[&str], dir: &std::path::Path| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_pulse"))
            .args(args)
            .current_dir(dir)
            .env("HOME", tmp.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_AUTHOR_NAME", "Zoe Park")
            .env("GIT_AUTHOR_EMAIL", "zoe@lapwing.example")
            .env("GIT_COMMITTER_NAME", "Zoe Park")
            .env("GIT_COMMITTER_EMAIL", "zoe@lapwing.example")
            .env("PULSE_TODAY", "2026-11-25")
            .env("NO_COLOR", "1")
            .env_remove("COLUMNS")
            .env_remove("PULSE_DIR")
            .env_remove("PULSE_TEAM")
            .env_remove("PULSE_NOW")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    pulse(&["init", "--demo", "lapwing"], tmp.path());
    let demo = tmp.path().join("lapwing");
    // A commit's hash differs from one demo to the next.
    let hashless = |line: &str| -> String {
        line.split(' ')
            .map(|w| {
                let core = w.trim_matches(|c| c == '(' || c == ')');
                if core.len() == 12 && core.chars().all(|c| c.is_ascii_hexdigit()) {
                    w.replace(core, "HASH")
                } else {
                    w.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    for (line_no, lines) in blocks {
        let command = lines[0].trim_start_matches("$ pulse ");
        let args: Vec<&str> = command.split(' ').collect();
        let actual: Vec<String> = pulse(&args, &demo).lines().map(hashless).collect();
        let expected: Vec<String> = lines[1..].iter().map(|l| hashless(l)).collect();
        // `...` matches any lines, as few as the next expected line allows.
        let mut a = 0;
        let mut e = 0;
        while e < expected.len() {
            if expected[e].trim() == "..." {
                e += 1;
                let Some(next) = expected.get(e) else {
                    a = actual.len();
                    break;
                };
                while a < actual.len() && &actual[a] != next {
                    a += 1;
                }
                continue;
            }
            assert_eq!(
                actual.get(a),
                Some(&expected[e]),
                "README.md:{}: `pulse {command}` prints otherwise; it printed:\n{}",
                line_no + e + 1,
                actual.join("\n")
            );
            a += 1;
            e += 1;
        }
        assert_eq!(
            a,
            actual.len(),
            "README.md:{line_no}: `pulse {command}` prints more:\n{}",
            actual.join("\n")
        );
    }
}
