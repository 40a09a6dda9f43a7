//! Whether this clone merges the company's files with pulse's driver, as
//! `pulse check` warnings: the driver registered, its binary still there,
//! every company file routed to it.

use super::attributes::samples;
use super::{DRIVER_KEY, data_prefix};
use crate::git;
use crate::git::config;
use crate::ops::Ctx;
use crate::ops::check::{Finding, Severity};
use crate::render::escape;
use crate::shell;
use std::path::Path;

/// Whether a program named by a driver's command line exists: a path as it
/// is, a bare name on `PATH`.
fn program_exists(program: &str) -> bool {
    if program.contains('/') {
        return Path::new(program).is_file();
    }
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

fn warning(file: &str, message: String) -> Finding {
    Finding {
        severity: Severity::Warning,
        file: file.to_string(),
        line: None,
        message,
    }
}

/// What is missing for merges by meaning in this clone, as `pulse check`
/// warnings: the driver unregistered or its binary gone, company files that
/// `.gitattributes` does not route to it. Nothing outside a git repository.
pub fn findings(ctx: &Ctx) -> Vec<Finding> {
    if git::find_git_dir(&ctx.ws.root).is_none() {
        return Vec::new();
    }
    let root = &ctx.ws.root;
    let driver = config::get_local(root, DRIVER_KEY);
    let routing = unrouted(ctx);
    let mut found = Vec::new();
    match driver {
        Ok(None) => found.push(warning(
            ".git/config",
            "pulse's merge driver is not registered in this clone, so git merges the company's files as text (conflicts where pulse would merge them by meaning): run `pulse setup`".into(),
        )),
        Ok(Some(command)) => {
            if let Some(program) = shell::first_word(&command).filter(|p| !program_exists(p)) {
                found.push(warning(
                    ".git/config",
                    format!(
                        "pulse's merge driver is registered as {}, which no longer exists: run `pulse setup` to register this pulse",
                        escape(&shell::quote(&program))
                    ),
                ));
            }
        }
        Err(e) => found.push(warning(".git/config", format!("cannot read git's config: {e}"))),
    }
    match routing {
        Ok(unrouted) if !unrouted.is_empty() => {
            found.push(warning(".gitattributes", unrouted_warning(&unrouted)))
        }
        Ok(_) => {}
        Err(e) => found.push(warning(
            ".gitattributes",
            format!("cannot ask git for attributes: {e}"),
        )),
    }
    found
}

/// The company's files (as patterns, with the merge git would use for them)
/// that git does not route to pulse's driver.
pub fn unrouted(ctx: &Ctx) -> crate::error::Result<Vec<String>> {
    let samples = samples(&data_prefix(ctx));
    let paths: Vec<String> = samples.iter().map(|(_, s)| s.clone()).collect();
    let attributes = config::merge_attributes(&ctx.ws.root, &paths)?;
    Ok(samples
        .iter()
        .zip(attributes)
        .filter(|(_, (_, merge))| merge != "pulse")
        .map(|((pattern, _), (_, merge))| match merge.as_str() {
            "unspecified" => pattern.clone(),
            other => format!("{pattern} (merge={other})"),
        })
        .collect())
}

/// The warning for files [`unrouted`] found.
pub fn unrouted_warning(unrouted: &[String]) -> String {
    format!(
        "these company files do not merge with pulse's merge driver: {}; run `pulse setup`",
        unrouted.join(", ")
    )
}
