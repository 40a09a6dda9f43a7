//! Two loads at once: a ten-year company's to-do and issues lists are the
//! biggest files, and parsing them on two cores keeps `agenda` and `status`
//! near the time it takes to read the files.

use std::sync::Mutex;

/// Runs `a` on another thread while `b` runs on this one; returns both.
/// When no thread can be started, `a` runs here after `b`.
pub fn join<A: Send, B>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B) -> (A, B) {
    let slot = Mutex::new(Some(a));
    let take = || slot.lock().ok().and_then(|mut s| s.take());
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new().spawn_scoped(scope, || take().map(|f| f()));
        let b_result = b();
        let from_thread = match spawned {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => None,
        };
        let a_result = match from_thread {
            Some(value) => value,
            None => match take() {
                Some(f) => f(),
                None => unreachable!("`a` runs exactly once, here or on the thread"),
            },
        };
        (a_result, b_result)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn both_sides_run() {
        let (a, b) = super::join(|| 1 + 1, || "b");
        assert_eq!((a, b), (2, "b"));
    }
}
