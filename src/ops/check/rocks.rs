//! The rock files: one per quarter, owners on the roster, EOS's limits.

use super::findings::{Findings, Named, Roster, duplicates};
use crate::model::eos;
use crate::model::rock::{RockStatus, RocksFile};
use crate::model::time::Quarter;
use crate::store::files::FileRef;
use crate::store::parse::IdLines;
use crate::store::{Workspace, load};
use std::collections::BTreeMap;

/// The rock files, one per quarter.
pub fn check_rock_files(f: &mut Findings, ws: &Workspace, roster: &Roster) {
    let rock_files = match load::folder::<RocksFile>(ws, &ws.rocks_dir()) {
        Ok(files) => files,
        Err(e) => return f.broken(&ws.file(ws.rocks_dir()), e),
    };
    for (file, loaded) in rock_files {
        let stem = file.path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if stem.parse::<Quarter>().is_err() {
            f.warn(&file, None, format!("not a quarter's file: rock files are named YYYY-Qn.toml, e.g. 2026-Q4.toml (`{stem}`)"));
            continue;
        }
        if let Some((rocks, text)) = f.loaded(&file, loaded) {
            check_rocks(f, roster, &file, &rocks, &text);
        }
    }
}

fn check_rocks(f: &mut Findings, roster: &Roster, file: &FileRef, rocks: &RocksFile, text: &str) {
    let rock_lines = IdLines::new(text);
    duplicates(
        f,
        file,
        &rock_lines,
        "rock",
        rocks.rock.iter().map(|r| r.id.as_str()),
    );
    let mut per_owner: BTreeMap<&str, usize> = BTreeMap::new();
    for rock in &rocks.rock {
        let line = || Some(rock_lines.first(&rock.id));
        if rock.owner.is_empty() {
            f.warn(file, line(), format!("rock `{}` has no owner", rock.id));
        }
        roster.check(f, file, line, Named("rock", &rock.id), &rock.owner);
        if rock.status != RockStatus::Dropped {
            *per_owner.entry(rock.owner.as_str()).or_default() += 1;
        }
    }
    for (owner, n) in per_owner {
        if n > eos::ROCKS_PER_PERSON.max && !owner.is_empty() {
            f.warn(
                file,
                None,
                format!(
                    "{owner} has {n} rocks: EOS keeps {} per person",
                    eos::ROCKS_PER_PERSON.range()
                ),
            );
        }
    }
    let company_rocks = rocks
        .rock
        .iter()
        .filter(|r| r.company && r.status != RockStatus::Dropped)
        .count();
    if company_rocks > eos::COMPANY_ROCKS.max {
        f.warn(
            file,
            None,
            format!(
                "{company_rocks} company rocks: EOS keeps {}",
                eos::COMPANY_ROCKS.range()
            ),
        );
    }
}
