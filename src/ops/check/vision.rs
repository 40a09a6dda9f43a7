//! vision.toml: how many core values, uniques and 1-year goals, a guarantee
//! given, and the V/TO's dates (not past, and in the order of the horizons).

use super::findings::Findings;
use crate::model::eos;
use crate::model::vision::Vision;
use crate::store::Workspace;
use crate::store::files::FileRef;
use chrono::NaiveDate;

/// Checks the V/TO; returns the core values' names (`None` when vision.toml
/// does not load), for the People Analyzer's check.
pub fn check_vision(f: &mut Findings, ws: &Workspace, today: NaiveDate) -> Option<Vec<String>> {
    let vision_file = ws.vision_file();
    let mut core_values: Option<Vec<String>> = None;
    if let Some((vision, _)) = f.load::<Vision>(&vision_file) {
        core_values = Some(vision.core_values.iter().map(|v| v.name.clone()).collect());
        // None yet is a V/TO still to be written (a fresh company's
        // template), not one that strays from EOS.
        let values = vision.core_values.len();
        if values > 0 && !eos::CORE_VALUES.within(values) {
            let message = format!(
                "{}: EOS keeps {}",
                crate::render::words::count(values, "core value", "core values"),
                eos::CORE_VALUES.range()
            );
            // Too few is a V/TO being written: a note.
            if values < eos::CORE_VALUES.min {
                f.note(&vision_file, None, message);
            } else {
                f.warn(&vision_file, None, message);
            }
        }
        if let Some(strategy) = &vision.marketing_strategy {
            let uniques = strategy.uniques.len();
            if uniques > 0 && !eos::UNIQUES.within(uniques) {
                let message = format!(
                    "[marketing_strategy] {uniques} unique{}: EOS asks for {} (what sets you apart, together)",
                    if uniques == 1 { "" } else { "s" },
                    eos::UNIQUES.range()
                );
                if uniques < eos::UNIQUES.min {
                    f.note(&vision_file, None, message);
                } else {
                    f.warn(&vision_file, None, message);
                }
            }
        }
        order_of_horizons(f, &vision_file, &vision);
        if let Some(strategy) = &vision.marketing_strategy
            && strategy.guarantee.trim().is_empty()
        {
            f.warn(
                &vision_file,
                None,
                "[marketing_strategy] guarantee is empty: EOS asks what you promise the customer (a guarantee that removes their fear)".into(),
            );
        }
        if let Some(plan) = &vision.one_year_plan
            && plan.goals.len() > eos::ONE_YEAR_GOALS_MOST
        {
            f.warn(
                &vision_file,
                None,
                format!(
                    "[one_year_plan] {} goals: EOS keeps {} for the year (more than {} is not a plan)",
                    plan.goals.len(),
                    eos::ONE_YEAR_GOALS.range(),
                    eos::ONE_YEAR_GOALS_MOST
                ),
            );
        }
        let dates = [
            (
                "ten_year_target",
                vision.ten_year_target.as_ref().and_then(|t| t.date),
            ),
            (
                "three_year_picture",
                vision.three_year_picture.as_ref().and_then(|t| t.date),
            ),
            (
                "one_year_plan",
                vision.one_year_plan.as_ref().and_then(|t| t.date),
            ),
        ];
        for (section, date) in dates {
            if let Some(date) = date.filter(|d| d.0 < today) {
                f.warn(
                    &vision_file,
                    None,
                    format!(
                        "[{section}] date {} is in the past: time to set the next one",
                        date.0
                    ),
                );
            }
        }
    }

    core_values
}

/// The horizons run outwards: the 1-year plan's date, then the 3-year
/// picture's, then the 10-year target's. A 10-year target nearer than the
/// 3-year picture, or a 3-year picture before the 1-year plan, is a V/TO
/// whose dates were swapped or not moved on.
fn order_of_horizons(f: &mut Findings, file: &FileRef, vision: &Vision) {
    let ten = vision.ten_year_target.as_ref().and_then(|t| t.date);
    let three = vision.three_year_picture.as_ref().and_then(|p| p.date);
    let one = vision.one_year_plan.as_ref().and_then(|p| p.date);
    if let (Some(ten), Some(three)) = (ten, three)
        && ten.0 <= three.0
    {
        f.warn(
            file,
            None,
            format!(
                "[ten_year_target] date {} is not after the 3-year picture's {}: the 10-year target is the farthest horizon",
                ten.0, three.0
            ),
        );
    }
    if let (Some(three), Some(one)) = (three, one)
        && three.0 < one.0
    {
        f.warn(
            file,
            None,
            format!(
                "[three_year_picture] date {} is before the 1-year plan's {}: the 3-year picture lies beyond the year",
                three.0, one.0
            ),
        );
    }
}
