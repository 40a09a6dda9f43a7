//! A pane of a private tmux server running pulse: the tests of what pulse
//! does on a real terminal (the meeting screen, the checkup's questions).

use crate::common::{TestCompany, hermetic};
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

/// A pane of a private tmux server, `width`×`height`, running pulse in the
/// company with the hermetic environment; killed when dropped.
pub struct Pane {
    socket: PathBuf,
    status: PathBuf,
    /// `stty -a` in the pane once pulse has exited.
    stty: PathBuf,
    _dir: tempfile::TempDir,
}

impl Pane {
    /// tmux, when this machine has it.
    pub fn available() -> bool {
        Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success())
    }

    pub fn start(t: &TestCompany, now: &str, args: &str) -> Pane {
        let dir = tempfile::TempDir::new().unwrap();
        let socket = dir.path().join("tmux.sock");
        let status = dir.path().join("status");
        let script = dir.path().join("run.sh");
        let stty = dir.path().join("stty");
        let pulse = assert_cmd::cargo::cargo_bin!("pulse");
        std::fs::write(
            &script,
            format!(
                "cd '{}'\nexport PULSE_NOW={now} NO_COLOR=1 PULSE_TEST_PANIC=1\n'{}' {args}\ncode=$?\nstty -a > '{}'\necho $code > '{}'\nsleep 60\n",
                t.path().display(),
                pulse.display(),
                stty.display(),
                status.display()
            ),
        )
        .unwrap();
        let pane = Pane {
            socket,
            status,
            stty,
            _dir: dir,
        };
        pane.tmux(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "meeting",
            "-x",
            "80",
            "-y",
            "24",
            "sh",
            &script.display().to_string(),
        ]);
        pane
    }

    pub fn tmux(&self, args: &[&str]) -> String {
        let mut cmd = Command::new("tmux");
        hermetic(&mut cmd, self._dir.path());
        cmd.env("TERM", "xterm-256color")
            .arg("-S")
            .arg(&self.socket)
            .args(args);
        let out = cmd.output().expect("run tmux");
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "meeting"])
    }

    /// Waits until the screen shows `text` (ten seconds at most).
    pub fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "waited for {text:?}; the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the screen no longer shows `text`.
    pub fn wait_until_gone(&self, text: &str) {
        let start = Instant::now();
        while self.screen().contains(text) {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "{text:?} stays on the screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Keys by tmux's names (`Enter`, `Tab`, `C-c`, `n`).
    pub fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.tmux(&["send-keys", "-t", "meeting", key]);
        }
    }

    pub fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "meeting", "-l", text]);
    }

    /// pulse's exit code, once it has exited.
    pub fn exit_code(&self) -> i32 {
        let start = Instant::now();
        loop {
            if let Ok(text) = std::fs::read_to_string(&self.status)
                && !text.trim().is_empty()
            {
                return text.trim().parse().unwrap();
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "pulse did not exit; the screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Pane {
    /// Asserts that pulse gave the terminal back: the alternate screen left,
    /// the cursor shown, raw mode off (the line discipline echoes again).
    pub fn assert_terminal_restored(&self) {
        let state = self.tmux(&[
            "display-message",
            "-p",
            "-t",
            "meeting",
            "#{alternate_on} #{cursor_flag}",
        ]);
        assert_eq!(state.trim(), "0 1", "alternate screen off, cursor on");
        let stty = std::fs::read_to_string(&self.stty).unwrap();
        let flags: Vec<&str> = stty.split_whitespace().collect();
        for flag in ["icanon", "echo", "icrnl", "opost", "isig"] {
            assert!(flags.contains(&flag), "{flag} not restored:\n{stty}");
        }
    }
}

impl Drop for Pane {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
    }
}

pub fn skip_without_tmux() -> bool {
    if Pane::available() {
        return false;
    }
    eprintln!("note: tmux is not installed: a terminal test is skipped (.ci/run installs it)");
    true
}
