//! The annual planning's Team health: the People Analyzer in numbers (no
//! names: an agenda is sent around) and the Organizational Checkup.

use super::Ctx;
use super::checkup::CheckupReport;
use crate::error::Result;
use crate::model::people::Verdict;
use crate::model::time::Quarter;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct TeamHealth {
    /// How many people stand where against the bar (no names: an agenda
    /// is sent around); none when the people data cannot be read.
    pub people: Option<PeopleCounts>,
    /// Why there are no counts.
    pub people_note: Option<String>,
    pub checkup: CheckupReport,
}

#[derive(Debug, Default, Serialize)]
pub struct PeopleCounts {
    pub people: usize,
    pub right_person_right_seat: usize,
    pub right_person_wrong_seat: usize,
    pub below_the_bar: usize,
    pub not_rated: usize,
}

pub fn team_health(ctx: &Ctx, date: NaiveDate) -> Result<TeamHealth> {
    let (people, people_note) = match super::people::analyze(ctx) {
        Ok(analysis) => {
            let mut counts = PeopleCounts {
                people: analysis.people.len(),
                ..PeopleCounts::default()
            };
            for person in &analysis.people {
                *match person.verdict {
                    Verdict::RightPersonRightSeat => &mut counts.right_person_right_seat,
                    Verdict::RightPersonWrongSeat => &mut counts.right_person_wrong_seat,
                    Verdict::WrongPerson => &mut counts.below_the_bar,
                    Verdict::NotRated => &mut counts.not_rated,
                } += 1;
            }
            (Some(counts), None)
        }
        Err(e) => (None, Some(e.message)),
    };
    Ok(TeamHealth {
        people,
        people_note,
        checkup: super::checkup::report(ctx, None, Quarter::of(date))?,
    })
}
