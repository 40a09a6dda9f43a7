//! vision.toml: how many core values and uniques, and the V/TO's dates.

use super::findings::Findings;
use crate::model::eos;
use crate::model::vision::Vision;
use crate::store::Workspace;
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
            f.warn(
                &vision_file,
                None,
                format!(
                    "{} core values: EOS keeps {}",
                    vision.core_values.len(),
                    eos::CORE_VALUES.range()
                ),
            );
        }
        if let Some(strategy) = &vision.marketing_strategy {
            let uniques = strategy.uniques.len();
            if uniques > 0 && !eos::UNIQUES.within(uniques) {
                f.warn(
                    &vision_file,
                    None,
                    format!(
                        "[marketing_strategy] {uniques} unique{}: EOS asks for {} (what sets you apart, together)",
                        if uniques == 1 { "" } else { "s" },
                        eos::UNIQUES.range()
                    ),
                );
            }
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
