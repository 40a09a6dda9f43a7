//! The clone's own git config (`git config --local`) and the attributes git
//! gives paths (`git check-attr`): where pulse's merge driver is registered
//! and which files git routes to it.

use super::{git, not_started, run, said};
use crate::error::{Error, Result};
use std::path::Path;

/// A value of the repository's own config, `None` when it is not set.
pub fn get_local(dir: &Path, key: &str) -> Result<Option<String>> {
    let mut cmd = git(dir);
    cmd.args(["config", "--local", "--get", key]);
    let output = cmd.output().map_err(|e| not_started(&e))?;
    match output.status.code() {
        Some(0) => Ok(Some(
            String::from_utf8_lossy(&output.stdout)
                .trim_end_matches('\n')
                .to_string(),
        )),
        // 1: the key is not set.
        Some(1) => Ok(None),
        _ => Err(Error::git(said(&output))),
    }
}

/// Sets a value in the repository's own config (`.git/config`).
pub fn set_local(dir: &Path, key: &str, value: &str) -> Result<()> {
    let mut cmd = git(dir);
    cmd.args(["config", "--local", key, value]);
    run(cmd).map(|_| ())
}

/// The `merge` attribute git gives each of `paths` (relative to `dir`; they
/// need not exist): `pulse`, `union`, `unspecified`, `set`, `unset`...
pub fn merge_attributes(dir: &Path, paths: &[String]) -> Result<Vec<(String, String)>> {
    let mut cmd = git(dir);
    cmd.args(["check-attr", "-z", "merge", "--"]).args(paths);
    let output = run(cmd)?;
    // -z: path NUL attribute NUL value NUL, for each path.
    let text = String::from_utf8_lossy(&output.stdout);
    let fields: Vec<&str> = text.split('\0').collect();
    Ok(fields
        .chunks_exact(3)
        .map(|f| (f[0].to_string(), f[2].to_string()))
        .collect())
}
