//! The rock files: one per quarter, owners on the roster, EOS's limits
//! (rocks per person, company rocks), due dates inside the quarter, a done
//! rock's milestones, titles said twice, and a closed rock's one fate.

use super::findings::{Findings, Named, Roster, duplicates};
use crate::model::eos;
use crate::model::rock::{RockStatus, RocksFile};
use crate::model::time::Quarter;
use crate::store::files::FileRef;
use crate::store::parse::IdLines;
use crate::store::{Workspace, load};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The rock files, one per quarter.
pub fn check_rock_files(f: &mut Findings, ws: &Workspace, roster: &Roster, today: NaiveDate) {
    let rock_files = match load::folder::<RocksFile>(ws, &ws.rocks_dir()) {
        Ok(files) => files,
        Err(e) => return f.broken(&ws.file(ws.rocks_dir()), e),
    };
    for (file, loaded) in rock_files {
        let stem = file.path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let Ok(quarter) = stem.parse::<Quarter>() else {
            f.warn(&file, None, format!("not a quarter's file: rock files are named YYYY-Qn.toml, e.g. 2026-Q4.toml (`{stem}`)"));
            continue;
        };
        if let Some((rocks, text)) = f.loaded(&file, loaded) {
            let lines = IdLines::new(&text);
            check_rocks(f, roster, &file, &rocks, &lines);
            check_quarter(f, &file, quarter, &rocks, &lines);
            // Too few company rocks is a plan still being made: worth saying
            // for the quarter under way or ahead, not of history, and only
            // of the leadership team's (departments set no company rocks).
            if ws.team_name.is_none() && quarter >= Quarter::of(today) {
                too_few_company_rocks(f, &file, quarter, &rocks);
            }
        }
    }
}

fn check_rocks(
    f: &mut Findings,
    roster: &Roster,
    file: &FileRef,
    rocks: &RocksFile,
    rock_lines: &IdLines,
) {
    duplicates(
        f,
        file,
        rock_lines,
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
        if !owner.is_empty()
            && let Some(warning) = too_many_for_one(owner, n)
        {
            f.warn(file, None, warning);
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

/// The warning for one person holding `n` rocks of a quarter: above three
/// EOS's recommendation is passed, above seven nothing gets done.
pub fn too_many_for_one(owner: &str, n: usize) -> Option<String> {
    let range = eos::ROCKS_PER_PERSON.range();
    if n > eos::ROCKS_PER_PERSON_MOST {
        Some(format!(
            "{owner} has {n} rocks: far too many to get done (more than {}); EOS recommends {range} per person",
            eos::ROCKS_PER_PERSON_MOST
        ))
    } else if n > eos::ROCKS_PER_PERSON.max {
        Some(format!(
            "{owner} has {n} rocks: EOS recommends {range} per person"
        ))
    } else {
        None
    }
}

/// What a quarter's file says of each rock against its quarter: due inside
/// it, done with its milestones done, a title not said twice.
fn check_quarter(
    f: &mut Findings,
    file: &FileRef,
    quarter: Quarter,
    rocks: &RocksFile,
    lines: &IdLines,
) {
    let mut titles: Vec<(String, &str)> = Vec::new();
    for rock in &rocks.rock {
        let line = Some(lines.first(&rock.id));
        if let Some(due) = rock.due.filter(|d| !quarter.contains(d.0)) {
            f.warn(
                file,
                line,
                format!(
                    "rock `{}` is due {}, outside {quarter} ({} to {}): a rock is a 90-day priority",
                    rock.id,
                    due.0,
                    quarter.first_day(),
                    quarter.last_day()
                ),
            );
        }
        let fates = rock.fates();
        if fates.len() > 1 {
            f.error(
                file,
                line,
                format!(
                    "rock `{}` says both {}: a rock not done at the close moves on one way (rolled, to the issues list, or a to-do); keep one",
                    rock.id,
                    fates.join(" and ")
                ),
            );
        }
        if rock.status == RockStatus::NotDone && fates.is_empty() {
            f.warn(
                file,
                line,
                format!(
                    "rock `{}` is not-done but says nothing of what became of it: `pulse quarter close {quarter} --roll|--to-issues|--to-todo {}` is how it closes",
                    rock.id, rock.id
                ),
            );
        }
        let open = rock.milestones.len() - rock.milestones_done();
        if rock.status == RockStatus::Done && open > 0 {
            f.warn(
                file,
                line,
                format!(
                    "rock `{}` is done with {open} of {} milestones open: mark them done (`pulse rock milestone-done`) or the rock is not done",
                    rock.id,
                    rock.milestones.len()
                ),
            );
        }
        let key = rock.title.trim().to_lowercase();
        match titles.iter().find(|(t, _)| *t == key) {
            Some((_, first)) => f.warn(
                file,
                line,
                format!(
                    "rock `{}` has the same title as `{first}` in {quarter}: one rock said twice? remove one (`pulse rock remove`) or tell them apart",
                    rock.id
                ),
            ),
            None => titles.push((key, &rock.id)),
        }
    }
}

/// EOS sets three to seven company rocks a quarter; fewer than three (but
/// some rocks already set) is a plan not finished: a note, so that a
/// pre-commit `check --strict` lets the rocks be added one by one.
fn too_few_company_rocks(f: &mut Findings, file: &FileRef, quarter: Quarter, rocks: &RocksFile) {
    let company = rocks
        .rock
        .iter()
        .filter(|r| r.company && r.status != RockStatus::Dropped)
        .count();
    if !rocks.rock.is_empty() && company < eos::COMPANY_ROCKS.min {
        f.note(
            file,
            None,
            format!(
                "{company} company rock{} in {quarter}: EOS sets {} (mark one with `pulse rock edit ID --company`)",
                if company == 1 { "" } else { "s" },
                eos::COMPANY_ROCKS.range()
            ),
        );
    }
}
