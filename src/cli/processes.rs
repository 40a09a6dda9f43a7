//! `pulse processes`: the documented core processes.

use super::output::Out;
use crate::error::Result;
use crate::ops::{Ctx, processes};
use crate::render::style::{DIM, GOOD, WARN};
use crate::render::table::TableBuilder;

pub fn run(ctx: &Ctx, out: &Out) -> Result<i32> {
    let rows = processes::list(ctx)?;
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
