//! `pulse vision`: the V/TO on one page, with this quarter's rocks and the
//! long-term issues (the traction side).

use super::agenda::Format;
use super::output::Out;
use crate::error::Result;
use crate::model::issue::{Term, meeting_order};
use crate::model::time::Quarter;
use crate::ops::Ctx;
use crate::render::page::{Line, Page, Section};
use crate::render::vision::vision_sections;
use crate::store::load;
use clap::Args;

/// The Vision/Traction Organizer on one page
#[derive(Args)]
#[command(after_help = "Examples:\n  pulse vision\n  pulse vision --format markdown > vto.md")]
pub struct VisionArgs {
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub fn run(args: VisionArgs, ctx: &Ctx, out: &Out) -> Result<i32> {
    let vision = load::vision(&ctx.ws)?;
    let quarter = Quarter::of(ctx.today);
    let rocks = load::rocks(&ctx.ws, quarter)?.rock;
    let issues = load::issues(&ctx.ws)?.issue;
    let long: Vec<_> = meeting_order(
        issues
            .iter()
            .filter(|i| i.is_open() && i.term == Term::Long),
    );
    if out.json {
        out.print_json(&serde_json::json!({
            "vision": vision,
            "quarter": quarter,
            "rocks": rocks,
            "long_term_issues": long,
        }));
        return Ok(0);
    }
    let name = &ctx.ws.company.company.name;
    let mut page = Page {
        title: format!(
            "{} — Vision/Traction Organizer",
            if name.is_empty() { "Company" } else { name }
        ),
        subtitle: vec![format!("as of {}", ctx.today)],
        sections: vision_sections(&vision, ctx.today),
    };
    let mut rock_section = Section::new(
        format!("Rocks for {quarter}"),
        format!("{} days left", (quarter.last_day() - ctx.today).num_days()),
    );
    if rocks.is_empty() {
        rock_section.push(Line::dim("not set yet"));
    }
    for r in &rocks {
        let kind = if r.company { ", company" } else { "" };
        rock_section.push(Line::marked(
            &format!("{:<9}", r.status.as_str()),
            format!("{} ({}{kind})", r.title, r.owner),
            Some(crate::render::rocks::status_style(r.status)),
        ));
    }
    page.sections.push(rock_section);
    let mut issue_section = Section::new("Issues list (long-term)", format!("{} open", long.len()));
    if long.is_empty() {
        issue_section.push(Line::dim("empty"));
    }
    for i in &long {
        issue_section.push(Line::marked("-", i.title.clone(), None));
    }
    page.sections.push(issue_section);
    match args.format {
        Format::Text => out.print(&page.text(out.painter, false)),
        Format::Markdown => out.print(&page.markdown(false)),
    }
    Ok(0)
}
