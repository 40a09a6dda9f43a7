//! The V/TO: the page `pulse vision` shows, and `pulse vision edit` — the
//! file edited by hand in `$EDITOR`, the draft checked before it replaces
//! vision.toml and is committed, naming the sections that changed.

use super::Ctx;
use super::change::{Change, Outcome};
use crate::error::{Error, Result};
use crate::model::issue::{Issue, Term, meeting_order};
use crate::model::rock::Rock;
use crate::model::time::Quarter;
use crate::model::vision::Vision;
use crate::store::files::read_text;
use crate::store::load;
use crate::store::parse::parse_toml;
use serde::Serialize;

/// What `pulse vision` shows: the V/TO, this quarter's company rocks (the
/// Traction side holds the company's, not each person's) and the open
/// long-term issues.
#[derive(Serialize)]
pub struct VisionPage {
    pub vision: Vision,
    pub quarter: Quarter,
    pub rocks: Vec<Rock>,
    pub long_term_issues: Vec<Issue>,
}

pub fn page(ctx: &Ctx) -> Result<VisionPage> {
    let quarter = Quarter::of(ctx.today);
    let issues = load::issues(&ctx.ws)?.issue;
    Ok(VisionPage {
        vision: load::vision(&ctx.ws)?,
        quarter,
        rocks: load::rocks(&ctx.ws, quarter)?
            .rock
            .into_iter()
            .filter(|r| r.company)
            .collect(),
        long_term_issues: meeting_order(
            issues
                .iter()
                .filter(|i| i.is_open() && i.term == Term::Long),
        )
        .into_iter()
        .cloned()
        .collect(),
    })
}

/// vision.toml as it is now (`None` when there is none yet).
pub fn current_text(ctx: &Ctx) -> Result<Option<String>> {
    read_text(&ctx.ws.vision_file())
}

/// What the editor starts from: the file, or the commented template.
pub fn draft_start(ctx: &Ctx) -> Result<String> {
    Ok(read_text(&ctx.ws.vision_file())?
        .unwrap_or_else(|| include_str!("../templates/vision.toml").to_string()))
}

/// Parses a draft as vision.toml would be parsed, errors located in the draft.
pub fn validate(ctx: &Ctx, draft: &str) -> Result<Vision> {
    parse_toml(&ctx.ws.vision_file(), draft)
}

/// The V/TO sections whose content differs between two versions.
pub fn changed_sections(before: &Vision, after: &Vision) -> Vec<String> {
    let (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return Vec::new();
    };
    let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect()
}

/// Replaces vision.toml with the draft and commits it, unless someone else
/// changed the file since the editor opened (their change would be lost):
/// then nothing is written and the answer is `None`, for the caller to keep
/// the draft.
pub fn save(ctx: &Ctx, original: Option<&str>, draft: &str) -> Result<Option<Outcome>> {
    let new = validate(ctx, draft)?;
    let file = ctx.ws.vision_file();
    let mut change = Change::begin(ctx)?;
    let on_disk = change.text(&file)?;
    if on_disk.as_deref().map(String::as_str) != original {
        return Ok(None);
    }
    let old: Vision = match &on_disk {
        Some(text) => parse_toml(&file, text).unwrap_or_default(),
        None => Vision::default(),
    };
    let sections = changed_sections(&old, &new);
    change.put_text(&file, draft.to_string());
    let what = if sections.is_empty() {
        "comments and layout".to_string()
    } else {
        sections.join(", ")
    };
    change.finish(&format!("vision: edit {what}")).map(Some)
}

/// Reads a draft given with `vision edit --from FILE`.
pub fn read_draft(path: &std::path::Path) -> Result<String> {
    std::fs::read_to_string(path)
        .map_err(|e| Error::user(format!("cannot read the draft {}: {e}", path.display())))
}
