//! `pulse log ID`: one item's history through the commits that touched it.

use super::agenda::Format;
use super::output::Out;
use super::values;
use crate::error::Result;
use crate::ops::Ctx;
use crate::ops::log::{self, Kind};
use crate::render::changes::push_change;
use crate::render::page::{Page, Section};
use clap::{Args, ValueEnum};

#[derive(Args)]
#[command(
    after_help = "The id is looked up among the rocks (newest quarter first), issues, to-dos and measurables;\na unique prefix will do.\n\nExamples:\n  pulse log ipv6\n  pulse log churn --kind issue\n  pulse log new-leads\n  pulse --json log ipv6"
)]
pub struct LogArgs {
    /// The item's id or a unique prefix
    id: String,
    /// Only look among one kind of item
    #[arg(long, value_enum)]
    kind: Option<KindArg>,
    /// For a rock: the quarter whose file to follow (YYYY-Qn)
    #[arg(long)]
    quarter: Option<String>,
    /// Print as terminal text or as Markdown (for an email, a wiki, a chat)
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum KindArg {
    Rock,
    Issue,
    Todo,
    Measurable,
}

impl From<KindArg> for Kind {
    fn from(k: KindArg) -> Kind {
        match k {
            KindArg::Rock => Kind::Rock,
            KindArg::Issue => Kind::Issue,
            KindArg::Todo => Kind::Todo,
            KindArg::Measurable => Kind::Measurable,
        }
    }
}

pub fn run(args: LogArgs, ctx: &Ctx, out: &Out) -> Result<i32> {
    let quarter = args.quarter.as_deref().map(values::quarter).transpose()?;
    let target = log::find(ctx, &args.id, args.kind.map(Kind::from), quarter)?;
    let history = log::log(ctx, target)?;
    if out.json {
        out.print_json(&history);
        return Ok(0);
    }
    let item = &history.item;
    let place = item.quarter.map(|q| format!(", {q}")).unwrap_or_default();
    let commits = history
        .entries
        .iter()
        .filter(|e| e.commit.is_some())
        .count();
    let mut page = Page {
        title: format!(
            "History of {} {} — {:?}{place}",
            item.kind.as_str(),
            item.id,
            item.title
        ),
        subtitle: vec![format!(
            "{commits} commit{} changed it{}",
            if commits == 1 { "" } else { "s" },
            if history.entries.iter().any(|e| e.commit.is_none()) {
                ", and the work tree has changes not committed yet"
            } else {
                ""
            }
        )],
        sections: Vec::new(),
    };
    for entry in &history.entries {
        let mut section = match (&entry.commit, &entry.date, &entry.author, &entry.subject) {
            (Some(commit), Some(date), Some(author), Some(subject)) => {
                Section::new(format!("{date} · {author} · {subject}"), commit.clone())
            }
            _ => Section::new("Not committed yet", "work tree"),
        };
        for change in &entry.changes {
            push_change(&mut section, change);
        }
        page.sections.push(section);
    }
    out.page(&page, args.format, false);
    Ok(0)
}
