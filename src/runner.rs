//! Running a shell command under a time limit, as `scorecard pull` runs a
//! measurable's source (SPEC §9): `sh -c COMMAND` in a folder, standard
//! input closed, its output captured, in a process group of its own. At the
//! limit the whole group is killed, and so is whatever the command left
//! running in it when it ended: no source leaves an orphan behind.
//!
//! A leaf, as `git.rs`: it knows nothing of pulse's files.

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

/// What is kept of standard output: its start (the value is on line one).
const STDOUT_KEEP: usize = 64 * 1024;
/// What is kept of standard error: its end (where the reason usually is).
const STDERR_KEEP: usize = 16 * 1024;
/// How long to wait, after the group was killed, for the pipes to close.
const GRACE: Duration = Duration::from_secs(2);

/// One command to run.
#[derive(Debug, Clone)]
pub struct Job {
    pub command: String,
    /// The working directory.
    pub dir: PathBuf,
    /// Variables added to the inherited environment.
    pub env: Vec<(String, String)>,
    pub timeout: Duration,
}

/// How a command ended.
#[derive(Debug)]
pub enum Ended {
    Exited(ExitStatus),
    /// Still running at the time limit: its process group was killed.
    TimedOut,
    /// `sh` could not be started (or waited for).
    NotStarted(String),
}

/// A finished command and what it printed.
#[derive(Debug)]
pub struct Finished {
    pub ended: Ended,
    /// The start of standard output.
    pub stdout: Vec<u8>,
    /// The end of standard error.
    pub stderr: Vec<u8>,
    pub elapsed: Duration,
}

/// What `run_all` reports while it works.
pub enum Event<'a> {
    Started,
    Finished(&'a Finished),
}

/// Runs `jobs`, at most `workers` at a time, calling `events` with each
/// job's index as it starts and ends. The results come back in the order
/// of `jobs`.
pub fn run_all(
    jobs: &[Job],
    workers: usize,
    events: &(dyn Fn(usize, Event<'_>) + Sync),
) -> Vec<Finished> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Finished>>> =
        Mutex::new(std::iter::repeat_with(|| None).take(jobs.len()).collect());
    std::thread::scope(|scope| {
        for _ in 0..workers.clamp(1, jobs.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(job) = jobs.get(i) else { break };
                    events(i, Event::Started);
                    let finished = run(job);
                    events(i, Event::Finished(&finished));
                    if let Ok(mut results) = results.lock() {
                        results[i] = Some(finished);
                    }
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .map(|r| {
            r.unwrap_or_else(|| Finished {
                ended: Ended::NotStarted("the worker running it stopped".into()),
                stdout: Vec::new(),
                stderr: Vec::new(),
                elapsed: Duration::ZERO,
            })
        })
        .collect()
}

/// Runs one command to its end or its time limit.
pub fn run(job: &Job) -> Finished {
    let start = Instant::now();
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(&job.command)
        .current_dir(&job.dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        // A group of its own, led by `sh`: one signal reaches every
        // process the command starts (unless one leaves the group itself).
        .process_group(0);
    for (key, value) in &job.env {
        cmd.env(key, value);
    }
    let mut child = match cmd.spawn() {
        Ok(child) => child,
        Err(e) => {
            return Finished {
                ended: Ended::NotStarted(format!("could not start sh: {e}")),
                stdout: Vec::new(),
                stderr: Vec::new(),
                elapsed: start.elapsed(),
            };
        }
    };
    let group = child.id();
    let stdout = Capture::start(child.stdout.take(), Keep::Head(STDOUT_KEEP));
    let stderr = Capture::start(child.stderr.take(), Keep::Tail(STDERR_KEEP));
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(child.wait());
    });
    let ended = match receiver.recv_timeout(job.timeout) {
        Ok(Ok(status)) => Ended::Exited(status),
        Ok(Err(e)) => Ended::NotStarted(format!("could not wait for sh: {e}")),
        Err(_) => {
            kill_group(group);
            let _ = receiver.recv_timeout(GRACE);
            Ended::TimedOut
        }
    };
    let elapsed = start.elapsed();
    // What the command left running (`sleep 60 &`) goes with it.
    kill_group(group);
    Finished {
        ended,
        stdout: stdout.finish(),
        stderr: stderr.finish(),
        elapsed,
    }
}

/// Sends SIGKILL to every process of the group `group`, with the `kill`
/// program (or, where there is none, the shell's own `kill`). A group that
/// is already gone is not an error.
fn kill_group(group: u32) {
    let target = format!("-{group}");
    let quiet = |cmd: &mut Command| {
        cmd.stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
    };
    let program = quiet(Command::new("kill").args(["-s", "KILL", "--", &target]));
    if program.is_err() {
        let _ = quiet(Command::new("sh").args(["-c", &format!("kill -s KILL -- {target}")]));
    }
}

enum Keep {
    Head(usize),
    Tail(usize),
}

/// A pipe read to its end on a thread of its own. The text read so far is
/// shared, so a pipe held open by a process that escaped the group cannot
/// keep pulse waiting.
struct Capture {
    text: Arc<Mutex<Vec<u8>>>,
    done: mpsc::Receiver<()>,
}

impl Capture {
    fn start(pipe: Option<impl Read + Send + 'static>, keep: Keep) -> Capture {
        let text = Arc::new(Mutex::new(Vec::new()));
        let (sender, done) = mpsc::channel();
        let shared = Arc::clone(&text);
        std::thread::spawn(move || {
            if let Some(mut pipe) = pipe {
                let mut buffer = [0u8; 8192];
                while let Ok(n) = pipe.read(&mut buffer) {
                    if n == 0 {
                        break;
                    }
                    let Ok(mut text) = shared.lock() else { break };
                    match keep {
                        Keep::Head(limit) => {
                            let room = limit.saturating_sub(text.len());
                            text.extend_from_slice(&buffer[..n.min(room)]);
                        }
                        Keep::Tail(limit) => {
                            text.extend_from_slice(&buffer[..n]);
                            let over = text.len().saturating_sub(limit);
                            text.drain(..over);
                        }
                    }
                }
            }
            let _ = sender.send(());
        });
        Capture { text, done }
    }

    fn finish(self) -> Vec<u8> {
        let _ = self.done.recv_timeout(GRACE);
        self.text.lock().map(|t| t.clone()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(command: &str, timeout: Duration) -> Job {
        Job {
            command: command.into(),
            dir: std::env::temp_dir(),
            env: vec![("PULSE_TEST_VALUE".into(), "42".into())],
            timeout,
        }
    }

    #[test]
    fn output_status_and_environment_come_back() {
        let done = run(&job(
            "echo \"$PULSE_TEST_VALUE\"; echo oops >&2; exit 3",
            Duration::from_secs(10),
        ));
        assert!(matches!(done.ended, Ended::Exited(s) if s.code() == Some(3)));
        assert_eq!(done.stdout, b"42\n");
        assert_eq!(done.stderr, b"oops\n");
    }

    #[test]
    fn standard_input_is_closed() {
        let done = run(&job("cat; echo end", Duration::from_secs(10)));
        assert_eq!(done.stdout, b"end\n");
    }

    #[test]
    fn the_time_limit_kills_the_command() {
        let started = Instant::now();
        let done = run(&job("sleep 30", Duration::from_millis(300)));
        assert!(matches!(done.ended, Ended::TimedOut));
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn stderr_keeps_its_end() {
        let done = run(&job(
            "i=0; while [ $i -lt 3000 ]; do echo line $i >&2; i=$((i+1)); done",
            Duration::from_secs(20),
        ));
        assert!(done.stderr.len() <= STDERR_KEEP);
        assert!(done.stderr.ends_with(b"line 2999\n"));
    }
}
