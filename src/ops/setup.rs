//! Making a clone ready for teamwork (SPEC §6): `.gitattributes` routes the
//! company's files to pulse's merge driver, and the clone's own git config
//! registers the driver — this very pulse binary, run as `merge-driver %O %A
//! %B %P`. A clone's config is not cloned, so `pulse setup` does it in each
//! clone; `pulse init` and `pulse sync` register the driver too, and `pulse
//! check` warns while a clone lacks it.

mod attributes;
mod health;

use attributes::is_union_line;
pub use attributes::{company_paths, gitattributes};
pub use health::{findings, unrouted, unrouted_warning};

use super::Ctx;
use super::change::Change;
use crate::error::{Error, Result};
use crate::git::{self, config};
use crate::shell;
use serde::Serialize;
use std::path::Path;

const DRIVER_KEY: &str = "merge.pulse.driver";
const NAME_KEY: &str = "merge.pulse.name";
const DRIVER_NAME: &str = "pulse: merge the company's files by meaning";

/// What `pulse setup` (or `init`, or `sync`) did to the driver's registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Registration {
    /// Already registered as this binary.
    Unchanged,
    /// Not registered before.
    Registered,
    /// Registered before, as another command (another or a moved binary).
    Updated,
}

/// The folder of `company.toml`'s data files, relative to it: `""` or ending in `/`.
pub fn data_prefix(ctx: &Ctx) -> String {
    let rel = ctx
        .ws
        .data
        .strip_prefix(&ctx.ws.root)
        .unwrap_or(Path::new(""));
    let rel = rel.to_string_lossy().replace('\\', "/");
    if rel.is_empty() {
        rel
    } else {
        format!("{rel}/")
    }
}

/// The command line git runs for the driver: this binary, quoted for the
/// shell git runs it with.
pub fn driver_command() -> Result<String> {
    let exe = std::env::current_exe()
        .map_err(|e| Error::user(format!("cannot find the path of the pulse binary: {e}")))?;
    let exe = exe.to_str().ok_or_else(|| {
        Error::user(format!(
            "the path of the pulse binary is not UTF-8 text: {}",
            exe.display()
        ))
        .with_hint("install pulse in a folder whose path is plain text")
    })?;
    Ok(format!("{} merge-driver %O %A %B %P", shell::quote(exe)))
}

/// Registers pulse's merge driver in the config of the repository holding
/// `dir` (`git config --local`), as this binary.
pub fn register(dir: &Path) -> Result<Registration> {
    let command = driver_command()?;
    let failed = |e: Error| {
        Error::git(format!(
            "cannot register pulse's merge driver: {}",
            e.message
        ))
    };
    let old = config::get_local(dir, DRIVER_KEY).map_err(failed)?;
    let named = config::get_local(dir, NAME_KEY).map_err(failed)?.is_some();
    if old.as_deref() == Some(command.as_str()) && named {
        return Ok(Registration::Unchanged);
    }
    // The command first: a driver with a name and no command stops git.
    config::set_local(dir, DRIVER_KEY, &command).map_err(failed)?;
    config::set_local(dir, NAME_KEY, DRIVER_NAME).map_err(failed)?;
    Ok(match old {
        Some(old) if old != command => Registration::Updated,
        _ => Registration::Registered,
    })
}

/// What `pulse setup` did.
#[derive(Debug, Serialize)]
pub struct SetupReport {
    /// The driver's command line in `.git/config`.
    pub driver: String,
    pub registration: Registration,
    /// `.gitattributes` was written (it did not route every file yet).
    pub wrote_gitattributes: bool,
    /// A first-round `scorecard.csv merge=union` line was replaced.
    pub replaced_union: bool,
    pub committed: bool,
    #[serde(skip)]
    pub warning: Option<String>,
}

/// `pulse setup`: registers the driver and routes the company's files to
/// it, committing `.gitattributes` when it changed. Idempotent.
pub fn setup(ctx: &Ctx) -> Result<SetupReport> {
    if git::find_git_dir(&ctx.ws.root).is_none() {
        return Err(Error::user(format!(
            "{} is not in a git repository: pulse's merge driver is for clones of a shared company",
            ctx.ws.root.display()
        ))
        .with_hint("clone the company's repository, or start one here with `git init`"));
    }
    let mut change = Change::begin(ctx)?;
    let registration = register(&ctx.ws.root)?;
    let file = ctx.ws.file(ctx.ws.root.join(".gitattributes"));
    let existing = change
        .text(&file)?
        .map(|t| t.to_string())
        .unwrap_or_default();
    let routed = gitattributes(&existing, &data_prefix(ctx));
    let replaced_union = existing.lines().any(|l| is_union_line(l.trim()));
    let wrote_gitattributes = routed != existing;
    if wrote_gitattributes {
        change.put_text(&file, routed);
    }
    let outcome = change.finish("setup: route company files to pulse's merge driver")?;
    Ok(SetupReport {
        driver: driver_command()?,
        registration,
        wrote_gitattributes,
        replaced_union,
        committed: outcome.committed,
        warning: outcome.warning,
    })
}
