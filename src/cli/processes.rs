//! `pulse processes`: the documented core processes.

use super::output::Out;
use crate::error::Result;
use crate::ops::Ctx;
use crate::render::style::{DIM, GOOD, WARN};
use crate::render::table::TableBuilder;
use crate::store::load;
use serde::Serialize;

#[derive(Serialize)]
struct ProcessRow {
    /// The file's name without `.md`.
    id: String,
    file: String,
    name: String,
    owner: String,
    status: &'static str,
    last_changed: Option<String>,
}

pub fn run(ctx: &Ctx, out: &Out) -> Result<i32> {
    let processes = load::processes(&ctx.ws)?;
    // One git process for all files' dates; outside git there are none.
    let dates = if crate::git::find_git_dir(&ctx.ws.root).is_some() {
        crate::git::last_change_dates(&ctx.ws.processes_dir()).unwrap_or_default()
    } else {
        Default::default()
    };
    let rows: Vec<ProcessRow> = processes
        .iter()
        .map(|p| {
            let file_name = p
                .file
                .path
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            ProcessRow {
                id: file_name.trim_end_matches(".md").to_string(),
                file: p.file.display.clone(),
                name: p.meta.name.clone(),
                owner: p.meta.owner.clone(),
                status: p.meta.status.as_str(),
                last_changed: dates.get(&file_name).cloned(),
            }
        })
        .collect();
    if out.json {
        out.print_json(&rows);
        return Ok(0);
    }
    if rows.is_empty() {
        out.println("No core processes documented yet: add a processes/NAME.md with a +++ front matter block.");
        return Ok(0);
    }
    let mut table = TableBuilder::new(
        out.painter,
        &["process", "owner", "status", "last changed", "file"],
    );
    for r in &rows {
        let style = match r.status {
            "followed-by-all" => GOOD,
            "documented" => WARN,
            _ => DIM,
        };
        table.styled_row(vec![
            (r.name.clone(), None),
            (r.owner.clone(), None),
            (r.status.to_string(), Some(style)),
            (
                r.last_changed
                    .clone()
                    .unwrap_or_else(|| "not committed".into()),
                None,
            ),
            (r.file.clone(), None),
        ]);
    }
    let followed = rows
        .iter()
        .filter(|r| r.status == "followed-by-all")
        .count();
    let mut text = table.render();
    text.push_str(&format!(
        "\n{} core processes, {followed} followed by all\n",
        rows.len()
    ));
    out.print(&text);
    Ok(0)
}
