//! The scorecard sources trusted in this clone (SPEC §9): a file of pulse's
//! own, kept out of the company's files (inside `.git/`, where nothing is
//! committed), read and written whole. Each entry is one measurable's
//! command as it was trusted and the content hash of each company file it
//! names.

use super::atomic::write_atomic;
use super::lock::Lock;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const HEADER: &str = "\
# Scorecard sources trusted in this clone, written by `pulse scorecard trust`
# (and `scorecard add/edit --source`). Never committed: each clone trusts for
# itself. `pulse scorecard untrust` removes an entry.
";

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TrustFile {
    #[serde(default)]
    pub source: Vec<Trusted>,
}

/// One trusted source: whose it is, its command, the files it names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trusted {
    /// The company folder (absolute).
    pub company: String,
    /// `leadership` or the team's name.
    pub team: String,
    pub measurable: String,
    /// The command, exactly as trusted.
    pub command: String,
    /// Each company file the command names (its path inside the company
    /// folder) and its content's hash, `sha256:HEX`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub files: BTreeMap<String, String>,
}

impl TrustFile {
    pub fn find(&self, company: &str, team: &str, measurable: &str) -> Option<&Trusted> {
        self.source
            .iter()
            .find(|t| t.company == company && t.team == team && t.measurable == measurable)
    }

    /// Puts `entry` in place of the one for the same measurable.
    pub fn put(&mut self, entry: Trusted) {
        self.remove(&entry.company, &entry.team, &entry.measurable);
        self.source.push(entry);
    }

    /// Removes the measurable's entry; whether there was one.
    pub fn remove(&mut self, company: &str, team: &str, measurable: &str) -> bool {
        let before = self.source.len();
        self.source
            .retain(|t| !(t.company == company && t.team == team && t.measurable == measurable));
        self.source.len() != before
    }
}

/// Reads the file at `path`; none yet is an empty one.
pub fn read(path: &Path) -> Result<TrustFile> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(TrustFile::default()),
        Err(e) => return Err(Error::io("read", path, &e)),
    };
    toml::from_str(&text).map_err(|e| {
        Error::user(format!(
            "{} does not parse: {e}",
            path.display()
        ))
        .with_hint(format!(
            "it only records what this clone trusts: delete it and run `pulse scorecard trust` again ({})",
            path.display()
        ))
    })
}

/// Writes the file at `path` atomically.
pub fn write(path: &Path, file: &TrustFile) -> Result<()> {
    let body = toml::to_string(file)
        .map_err(|e| Error::user(format!("cannot write {}: {e}", path.display())))?;
    write_atomic(path, format!("{HEADER}\n{body}").as_bytes())
}

/// Takes the lock of the file at `path` (beside it), so two pulse
/// commands that trust at once lose neither's entry.
pub fn lock(path: &Path) -> Result<Lock> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io("create folder", dir, &e))?;
    // Trusting takes an instant: no one waits long enough to be told.
    Lock::acquire(&lock_path(path), &|_| {})
}

fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_read_back_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pulse/trusted-sources.toml");
        let mut file = read(&path).unwrap();
        assert!(file.source.is_empty());
        let entry = Trusted {
            company: "/co".into(),
            team: "leadership".into(),
            measurable: "new-leads".into(),
            command: "sh 'scripts/leads.sh' \"$PULSE_WEEK\"".into(),
            files: [("scripts/leads.sh".to_string(), "sha256:ab".to_string())].into(),
        };
        file.put(entry.clone());
        file.put(entry.clone());
        let _lock = lock(&path).unwrap();
        write(&path, &file).unwrap();
        let back = read(&path).unwrap();
        assert_eq!(back.source, vec![entry]);
        assert!(back.find("/co", "leadership", "new-leads").is_some());
        assert!(back.find("/co", "sales", "new-leads").is_none());
    }
}
