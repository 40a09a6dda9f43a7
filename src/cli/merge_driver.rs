//! `pulse merge-driver BASE OURS THEIRS [PATH]`: the program git runs to
//! merge a company file (`merge.pulse.driver`, SPEC §6). Reads the three
//! versions, writes the merge into OURS as git expects, names each conflict
//! on stderr, and exits 1 when there is one so that git stops.

use crate::error::{Error, Result};
use crate::merge;
use crate::store::atomic::write_atomic;
use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
#[command(
    after_help = "git runs it for the files .gitattributes routes to `merge=pulse`; `pulse setup` registers it.\n\nExample:\n  git config merge.pulse.driver \"pulse merge-driver %O %A %B %P\""
)]
pub struct MergeDriverArgs {
    /// The common ancestor's version (git's %O)
    base: PathBuf,
    /// Our version (git's %A): the merged file is written here
    ours: PathBuf,
    /// Their version (git's %B)
    theirs: PathBuf,
    /// The file's path in the repository (git's %P), which tells its format
    path: Option<String>,
}

pub fn run(args: MergeDriverArgs) -> Result<i32> {
    let read = |path: &PathBuf| std::fs::read(path).map_err(|e| Error::io("read", path, &e));
    let (base, ours, theirs) = (read(&args.base)?, read(&args.ours)?, read(&args.theirs)?);
    let merged = merge::merge(args.path.as_deref(), &base, &ours, &theirs)?;
    write_atomic(&args.ours, &merged.text)?;
    let shown = args
        .path
        .clone()
        .unwrap_or_else(|| args.ours.display().to_string());
    for conflict in &merged.conflicts {
        eprintln!("conflict: {shown}:{}: {}", conflict.line, conflict.what);
    }
    Ok(if merged.conflicts.is_empty() { 0 } else { 1 })
}
