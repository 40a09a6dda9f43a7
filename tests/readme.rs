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
