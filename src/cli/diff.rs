//! `pulse diff [REV|A..B|--since DATE|--since-meeting]`.

use super::agenda::Format;
use super::output::Out;
use super::values;
use crate::error::Result;
use crate::ops::Ctx;
use crate::ops::diff::{self, From};
use crate::render::changes::push_change;
use crate::render::page::{Page, Section};
use clap::Args;

#[derive(Args)]
#[command(
    after_help = "Without arguments: since the last commit before the previous meeting, work tree included.\n\nExamples:\n  pulse diff\n  pulse diff --since 2026-11-01\n  pulse diff HEAD~5\n  pulse diff v1..v2              between two commits\n  pulse --json diff               typed change records"
)]
pub struct DiffArgs {
    /// A revision to compare with the work tree, or A..B for two revisions
    #[arg(conflicts_with_all = ["since", "since_meeting"])]
    rev: Option<String>,
    /// From the last commit before this date (YYYY-MM-DD)
    #[arg(long, conflicts_with = "since_meeting")]
    since: Option<String>,
    /// From the last commit before the previous meeting (the default)
    #[arg(long)]
    since_meeting: bool,
    /// Print as terminal text or as Markdown (for an email, a wiki, a chat)
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub fn run(args: DiffArgs, ctx: &Ctx, out: &Out) -> Result<i32> {
    let (from, to) = match (&args.rev, &args.since) {
        (Some(rev), _) => match rev.split_once("..") {
            Some((a, b)) => (
                From::Rev(a.to_string()),
                (!b.is_empty()).then(|| b.to_string()),
            ),
            None => (From::Rev(rev.clone()), None),
        },
        (None, Some(date)) => (From::Since(values::date(date, "--since")?), None),
        (None, None) => (From::PreviousMeeting, None),
    };
    let d = diff::diff(ctx, from, to)?;
    for w in &d.warnings {
        super::output::warn(w);
    }
    if out.json {
        out.print_json(&d);
        return Ok(0);
    }
    let title = match &d.from {
        Some(sha) => format!("Changes from {} ({sha}) to {}", d.from_label, d.to),
        None => format!("Changes from {} to {}", d.from_label, d.to),
    };
    let page = page(&d, title, "Nothing changed.");
    out.page(&page, args.format, false);
    Ok(0)
}

/// The changes of a diff on a page, one section per component; `empty` is
/// the line shown when there are none.
pub(super) fn page(d: &diff::Diff, title: String, empty: &str) -> Page {
    let mut page = Page {
        title,
        subtitle: Vec::new(),
        sections: Vec::new(),
    };
    if d.changes.is_empty() {
        page.subtitle.push(empty.into());
    }
    for component in diff::Component::ALL {
        let changes: Vec<_> = d
            .changes
            .iter()
            .filter(|c| c.component == component)
            .collect();
        if changes.is_empty() {
            continue;
        }
        let mut section = Section::new(component.heading(), format!("{}", changes.len()));
        for c in changes {
            push_change(&mut section, c);
        }
        page.sections.push(section);
    }
    page
}
