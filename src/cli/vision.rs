//! `pulse vision`: the V/TO on one page, with this quarter's rocks and the
//! long-term issues (the traction side).

use super::agenda::Format;
use super::output::Out;
use crate::error::{Error, Result};
use crate::ops::{Ctx, vision};
use crate::render::page::{Line, Page, Section};
use crate::render::vision::vision_sections;
use clap::{Args, Subcommand};
use std::path::Path;

#[derive(Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  pulse vision\n  pulse vision --format markdown > vto.md\n  pulse vision edit"
)]
pub struct VisionArgs {
    #[command(subcommand)]
    command: Option<VisionCommand>,
    /// Print as terminal text or as Markdown (for an email, a wiki, a chat)
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Subcommand)]
enum VisionCommand {
    /// Edit vision.toml in $VISUAL or $EDITOR; checked before it is saved and committed
    #[command(
        after_help = "The editor is $VISUAL, else $EDITOR, else vi; it may carry arguments (EDITOR=\"code --wait\").\nA draft that does not parse reopens the editor; saving it unchanged gives up and writes nothing.\nIf vision.toml changed while you edited, nothing is written and your draft is kept:\nmerge the other change into it and go on with --from.\n\nExamples:\n  EDITOR=nano pulse vision edit\n  pulse vision edit --from /tmp/pulse-vision-1a2b.toml"
    )]
    Edit {
        /// Start from this draft (one kept by an earlier edit) instead of vision.toml
        #[arg(long, value_name = "FILE")]
        from: Option<std::path::PathBuf>,
    },
}

pub fn run(args: VisionArgs, ctx: &Ctx, out: &Out) -> Result<i32> {
    if let Some(VisionCommand::Edit { from }) = args.command {
        return edit(ctx, out, from.as_deref());
    }
    let data = vision::page(ctx)?;
    if out.json {
        out.print_json(&data);
        return Ok(0);
    }
    let vision::VisionPage {
        vision,
        quarter,
        rocks,
        long_term_issues: long,
    } = data;
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
        format!(
            "{} ({} days left)",
            quarter.last_day(),
            (quarter.last_day() - ctx.today).num_days()
        ),
    );
    if let Some(numbers) = &vision.quarterly_rocks {
        rock_section
            .lines
            .extend(crate::render::vision::quarter_numbers(numbers));
    }
    if rocks.is_empty() {
        rock_section.push(Line::dim("not set yet"));
    }
    for r in &rocks {
        rock_section.push(Line::marked(
            &format!("{:<9}", r.status.as_str()),
            format!("{} ({})", r.title, r.owner),
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
    out.page(&page, args.format, false);
    Ok(0)
}

/// The editor command: `$VISUAL`, `$EDITOR`, else `vi`, split on spaces
/// (no shell, so `code --wait` works and nothing is interpreted).
fn editor_command() -> Vec<String> {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .map(|value| {
            value
                .split_whitespace()
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .find(|words| !words.is_empty())
        .unwrap_or_else(|| vec!["vi".to_string()])
}

fn run_editor(path: &Path) -> Result<()> {
    let command = editor_command();
    let status = std::process::Command::new(&command[0])
        .args(&command[1..])
        .arg(path)
        .status()
        .map_err(|e| {
            Error::user(format!("cannot start the editor `{}`: {e}", command[0]))
                .with_hint("set $EDITOR (or $VISUAL) to your editor, e.g. EDITOR=nano")
        })?;
    if status.success() {
        Ok(())
    } else {
        Err(Error::user(format!(
            "the editor `{}` exited with {status}: vision.toml was not changed",
            command.join(" ")
        )))
    }
}

/// Keeps the draft (and the vision.toml it started from) when the file
/// changed meanwhile, and says how to merge the two.
fn kept_on_conflict(
    ctx: &Ctx,
    draft_file: tempfile::NamedTempFile,
    original: Option<&str>,
) -> Error {
    let kept = draft_file
        .keep()
        .map(|(_, p)| p.display().to_string())
        .unwrap_or_default();
    let base = tempfile::Builder::new()
        .prefix("pulse-vision-base-")
        .suffix(".toml")
        .tempfile()
        .ok()
        .and_then(|f| {
            std::fs::write(f.path(), original.unwrap_or_default()).ok()?;
            f.keep().ok().map(|(_, p)| p.display().to_string())
        });
    let quote = crate::shell::quote;
    let vision_path = ctx.ws.vision_file().path.display().to_string();
    let mut error = Error::user(format!(
        "vision.toml changed while you were editing it; nothing was written\nyour draft is kept in {kept}"
    ));
    if let Some(base) = base {
        error = error.with_hint(format!(
            "merge the other change into your draft (conflicts are marked): git merge-file {} {} {}",
            quote(&kept),
            quote(&base),
            quote(&vision_path)
        ));
    }
    error.with_hint(format!(
        "then go on from the draft: pulse vision edit --from {}",
        quote(&kept)
    ))
}

fn edit(ctx: &Ctx, out: &Out, from: Option<&Path>) -> Result<i32> {
    crate::ops::change::refuse_mid_operation(ctx)?;
    let original = vision::current_text(ctx)?;
    let start = match from {
        Some(path) => vision::read_draft(path)?,
        None => vision::draft_start(ctx)?,
    };
    let draft_file = tempfile::Builder::new()
        .prefix("pulse-vision-")
        .suffix(".toml")
        .tempfile()
        .map_err(|e| Error::user(format!("cannot create a draft file: {e}")))?;
    let path = draft_file.path().to_path_buf();
    let write = |text: &str| {
        std::fs::write(&path, text)
            .map_err(|e| Error::user(format!("cannot write the draft {}: {e}", path.display())))
    };
    write(&start)?;
    let mut last_broken: Option<String> = None;
    let draft = loop {
        run_editor(&path)?;
        let bytes = std::fs::read(&path)
            .map_err(|e| Error::user(format!("cannot read the draft {}: {e}", path.display())))?;
        let text = String::from_utf8(bytes).map_err(|_| {
            Error::user("the edited vision.toml is not valid UTF-8: nothing written")
        })?;
        match vision::validate(ctx, &text) {
            Ok(_) => break text,
            Err(e) if last_broken.as_deref() == Some(text.as_str()) => {
                // Saved unchanged after an error: the user gives up. Keep their draft.
                let kept = draft_file
                    .keep()
                    .map(|(_, p)| p.display().to_string())
                    .unwrap_or_default();
                return Err(Error::user(format!(
                    "{}\nvision.toml was not changed; your draft is kept in {kept}",
                    e.message
                )));
            }
            Err(e) => {
                eprintln!("error: {}", crate::escape::escape_lines(&e.message));
                eprintln!("Reopening the editor to fix it (save it unchanged to give up).");
                last_broken = Some(text);
            }
        }
    };
    if Some(draft.as_str()) == original.as_deref()
        || (original.is_none() && from.is_none() && draft == start)
    {
        if !out.quiet {
            eprintln!("vision.toml unchanged");
        }
        return Ok(0);
    }
    let Some(outcome) = vision::save(ctx, original.as_deref(), &draft)? else {
        return Err(kept_on_conflict(ctx, draft_file, original.as_deref()));
    };
    out.outcome(&outcome);
    if out.json {
        out.print_json(&vision::validate(ctx, &draft)?);
    } else if !out.quiet {
        out.println(&format!(
            "vision.toml saved{}",
            if outcome.committed {
                " and committed"
            } else {
                ""
            }
        ));
    }
    Ok(0)
}
