//! The V/TO as it stood on a past day, read from git history: a report of a
//! past quarter and the annual planning's review show the plan the team
//! worked to then, not the one rewritten since.

use super::Ctx;
use super::history::layout;
use crate::error::Result;
use crate::git;
use crate::model::vision::Vision;
use crate::store::load;
use chrono::NaiveDate;

/// The V/TO at the end of `day`: the last commit made by then, when `day`
/// is before today and the company is in git; else (no history, nothing
/// committed by then, a file that no longer parses) the V/TO of today.
pub fn vision_as_of(ctx: &Ctx, day: NaiveDate) -> Result<Vision> {
    let now = load::vision(&ctx.ws)?;
    if day >= ctx.today || git::find_git_dir(&ctx.ws.root).is_none() {
        return Ok(now);
    }
    let Ok(layout) = layout(ctx) else {
        return Ok(now);
    };
    let when = format!("{} 23:59:59", day);
    let Some(sha) = git::last_commit_before(&layout.top, &when)? else {
        return Ok(now);
    };
    let spec = format!(
        "{sha}:{}{}vision.toml",
        layout.root_prefix, layout.data_prefix
    );
    Ok(
        match git::cat_batch(&layout.top, &[spec])?.pop().flatten() {
            // No V/TO then: an empty one.
            None => Vision::default(),
            Some(bytes) => toml::from_str(&String::from_utf8_lossy(&bytes)).unwrap_or(now),
        },
    )
}
