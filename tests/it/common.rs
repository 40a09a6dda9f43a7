//! The test harness: a temporary company in a temporary git repository, and
//! the real `pulse` binary run in it with a fixed clock and a fixed identity.

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

pub const TODAY: &str = "2026-11-27";

pub struct TestCompany {
    pub dir: TempDir,
    pub today: String,
}

/// Environment that makes git hermetic: no user or system config, a fixed
/// identity and fixed dates.
pub fn hermetic(cmd: &mut std::process::Command, home: &Path) {
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Test Person")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Test Person")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .env("GIT_AUTHOR_DATE", "2026-11-27T10:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-11-27T10:00:00Z")
        .env("LC_ALL", "C");
}

impl TestCompany {
    /// An empty folder (no company, no git).
    pub fn bare() -> TestCompany {
        TestCompany {
            dir: TempDir::new().expect("temp dir"),
            today: TODAY.into(),
        }
    }

    /// The `basic` fixture company, committed in a fresh git repository.
    pub fn new() -> TestCompany {
        Self::from_fixture("basic")
    }

    pub fn from_fixture(name: &str) -> TestCompany {
        let company = Self::bare();
        let src = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        copy_dir(&src, company.path());
        company.git(&["init", "-q"]);
        company.set_up();
        company.git(&["add", "-A"]);
        company.git(&["commit", "-q", "-m", "fixture"]);
        company
    }

    /// Makes the clone one that `pulse init` would have made: pulse's merge
    /// driver registered, `.gitattributes` routing the files to it (written,
    /// left for the caller to commit).
    pub fn set_up(&self) {
        self.ok(&["setup", "--no-commit"]);
    }

    /// The demo company of `examples/demo` as a company of its own, in git,
    /// on its pinned date (a Wednesday; the meeting is on Thursday 2026-11-26).
    pub fn demo() -> TestCompany {
        let company = Self::bare().with_today("2026-11-25");
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        copy_dir(&root.join("examples/demo"), company.path());
        let top = std::fs::read_to_string(root.join("company.toml")).unwrap();
        let own: String = top
            .lines()
            .filter(|l| !l.starts_with("data = "))
            .map(|l| {
                if l.starts_with("commit = false") {
                    "commit = true".to_string()
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        company.write("company.toml", &format!("{own}\n"));
        company.git(&["init", "-q"]);
        company.set_up();
        company.git(&["add", "-A"]);
        company.git(&["commit", "-q", "-m", "demo"]);
        // As `pulse init --demo` does: the demo's own sources are trusted.
        company.ok(&["-q", "scorecard", "trust"]);
        company
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn with_today(mut self, today: &str) -> Self {
        self.today = today.into();
        self
    }

    /// `pulse` run in the company folder.
    pub fn pulse(&self) -> Command {
        Command::from_std(self.pulse_std())
    }

    pub fn pulse_std(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("pulse"));
        hermetic(&mut cmd, self.path());
        cmd.current_dir(self.path()).env("PULSE_TODAY", &self.today);
        cmd
    }

    /// `pulse` run as a user that permission bits apply to: `nobody` (via
    /// `setpriv`) when the tests run as root, else the tests' own user. The
    /// folder returned holds nobody's copy of the binary (the build folder
    /// may be private): keep it until the command has run.
    pub fn pulse_unprivileged(&self) -> (std::process::Command, TempDir) {
        use std::os::unix::fs::PermissionsExt;
        let bin_dir = TempDir::new().expect("temp dir");
        let plain = self.pulse_std();
        let root = std::process::Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
        if !root {
            return (plain, bin_dir);
        }
        std::fs::set_permissions(bin_dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let bin = bin_dir.path().join("pulse");
        std::fs::copy(plain.get_program(), &bin).unwrap();
        let mut wrapped = std::process::Command::new("setpriv");
        wrapped
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(&bin)
            .current_dir(self.path());
        for (k, v) in plain.get_envs() {
            match v {
                Some(v) => wrapped.env(k, v),
                None => wrapped.env_remove(k),
            };
        }
        (wrapped, bin_dir)
    }

    /// Runs `n` pulse processes at once (`args(i)` for the i-th) and asserts
    /// that every one succeeded.
    pub fn parallel(&self, n: usize, args: impl Fn(usize) -> Vec<String>) {
        let children: Vec<_> = (0..n)
            .map(|i| {
                self.pulse_std()
                    .args(args(i))
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .expect("spawn pulse")
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().expect("wait for pulse");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }

    /// Runs pulse with `args`, asserting success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let output = self.pulse().args(args).output().expect("run pulse");
        assert!(
            output.status.success(),
            "pulse {args:?} failed ({}):\n{}{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("utf-8 stdout")
    }

    /// Runs pulse with `args`, asserting the exit code; returns stderr.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let output = self.pulse().args(args).output().expect("run pulse");
        assert_eq!(
            output.status.code(),
            Some(code),
            "pulse {args:?}: expected exit {code}:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stderr).expect("utf-8 stderr")
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Writes and commits a file, as a person editing by hand would.
    pub fn commit_file(&self, rel: &str, text: &str) {
        self.write(rel, text);
        self.git(&["add", "--", rel]);
        self.git(&["commit", "-q", "-m", &format!("edit {rel}")]);
    }

    pub fn git(&self, args: &[&str]) -> String {
        let mut cmd = std::process::Command::new("git");
        hermetic(&mut cmd, self.path());
        let output = cmd
            .current_dir(self.path())
            .args(args)
            .output()
            .expect("run git");
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// The subject lines of the commits, newest first.
    pub fn log(&self) -> Vec<String> {
        self.git(&["log", "--format=%s"])
            .lines()
            .map(String::from)
            .collect()
    }

    /// Whether the work tree is clean (everything pulse wrote is committed).
    pub fn clean(&self) -> bool {
        self.git(&["status", "--porcelain"]).trim().is_empty()
    }
}

fn copy_dir(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).unwrap();
    for entry in std::fs::read_dir(src).unwrap() {
        let entry = entry.unwrap();
        let target = dst.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
