//! The Level 10 agenda's live data: what the weekly meeting looks at, and the
//! items the EOS rules drop down to the issues list.

use super::Ctx;
use super::meetings::next_meeting_date;
use crate::error::Result;
use crate::model::goal::Goal;
use crate::model::issue::{Issue, Term, meeting_order};
use crate::model::meeting::{Headline, Meeting};
use crate::model::rock::{Rock, RockStatus};
use crate::model::time::{Quarter, Week};
use crate::model::todo::Todo;
use crate::store::load;
use chrono::{Days, NaiveDate};
use serde::Serialize;

/// The seven sections of a Level 10 and their share of a 90-minute meeting.
pub const SECTIONS: [(&str, u32); 7] = [
    ("Segue", 5),
    ("Scorecard", 5),
    ("Rock review", 5),
    ("Customer/employee headlines", 5),
    ("To-do list", 5),
    ("IDS", 60),
    ("Conclude", 5),
];

/// Scales the sections' minutes to `total`, in whole minutes that add up to
/// it exactly (largest remainders first, earlier sections winning ties).
pub fn scale_minutes(base: &[u32], total: u32) -> Vec<u32> {
    let base_total: u32 = base.iter().sum();
    if base_total == 0 {
        return vec![0; base.len()];
    }
    let exact: Vec<u64> = base
        .iter()
        .map(|&b| u64::from(b) * u64::from(total))
        .collect();
    let mut minutes: Vec<u32> = exact
        .iter()
        .map(|e| (e / u64::from(base_total)) as u32)
        .collect();
    let mut left = total - minutes.iter().sum::<u32>();
    let mut order: Vec<usize> = (0..base.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(exact[i] % u64::from(base_total)));
    for &i in order.iter().cycle() {
        if left == 0 {
            break;
        }
        minutes[i] += 1;
        left -= 1;
    }
    minutes
}

#[derive(Debug, Serialize)]
pub struct SectionTime {
    pub title: &'static str,
    pub minutes: u32,
}

#[derive(Debug, Serialize)]
pub struct ScoreLine {
    pub id: String,
    pub name: String,
    #[serde(serialize_with = "crate::model::absent::empty_as_null")]
    pub owner: String,
    pub goal: Goal,
    #[serde(serialize_with = "crate::model::absent::empty_as_null")]
    pub unit: String,
    #[serde(serialize_with = "crate::model::number::json_opt")]
    pub value: Option<f64>,
    pub hit: Option<bool>,
}

#[derive(Debug, Serialize)]
pub struct Candidate {
    /// `off-track-rock`, `missed-measurable`, `overdue-todo` or `low-rating`.
    pub kind: &'static str,
    pub id: String,
    pub text: String,
    /// What the text is judged against (`goal >= $80,000`), shown with the
    /// owner: `(goal >= $80,000, kofi)`.
    pub detail: Option<String>,
    #[serde(serialize_with = "crate::model::absent::empty_as_null")]
    pub owner: String,
}

impl Candidate {
    /// The title of the issue it becomes when dropped to the list.
    pub fn issue_title(&self) -> String {
        match &self.detail {
            Some(detail) => format!("{} ({detail})", self.text),
            None => self.text.clone(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct PreviousMeeting {
    pub date: NaiveDate,
    pub average_rating: Option<f64>,
    pub cascade: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Agenda {
    pub company: String,
    pub team: String,
    pub date: NaiveDate,
    pub time: String,
    pub minutes: u32,
    pub sections: Vec<SectionTime>,
    pub scorecard_week: Week,
    pub scorecard: Vec<ScoreLine>,
    pub quarter: Quarter,
    pub days_left: i64,
    pub rocks: Vec<Rock>,
    /// A department's view of the leadership team's company rocks (read-only).
    pub company_rocks: Vec<Rock>,
    pub headlines: Vec<Headline>,
    /// A department's agenda: the cascading messages of the leadership
    /// meetings since its own previous meeting.
    pub from_leadership: Vec<String>,
    pub todos_since: NaiveDate,
    pub todos: Vec<Todo>,
    pub todo_completion: Option<f64>,
    pub issues: Vec<Issue>,
    pub candidates: Vec<Candidate>,
    pub previous: Option<PreviousMeeting>,
    /// This meeting's own record, when it has been started.
    pub cascade: Vec<String>,
    pub new_todos: Vec<Todo>,
}

/// The weekly meeting of `date` (default: the next one).
pub fn level10(ctx: &Ctx, date: Option<NaiveDate>) -> Result<Agenda> {
    let ws = &ctx.ws;
    let date = match date {
        Some(d) => d,
        None => next_meeting_date(ctx)?,
    };
    let settings = &ws.meeting;
    let base: Vec<u32> = SECTIONS.iter().map(|s| s.1).collect();
    let minutes = scale_minutes(&base, settings.minutes);
    let sections = SECTIONS
        .iter()
        .zip(&minutes)
        .map(|(s, &m)| SectionTime {
            title: s.0,
            minutes: m,
        })
        .collect();

    let scorecard_week = Week::last_completed(date);
    let values = load::values_in(ws, scorecard_week..=scorecard_week)?;
    let all_issues = load::issues(ws)?.issue;
    let scorecard: Vec<ScoreLine> = load::measurables(ws)?
        .into_iter()
        .map(|m| {
            let value = values.get(&m.id, scorecard_week).map(|e| e.value);
            let goal = m.goal_in(scorecard_week);
            ScoreLine {
                hit: value.map(|v| goal.is_hit(v)),
                value,
                id: m.id,
                name: m.name,
                owner: m.owner,
                goal,
                unit: m.unit,
            }
        })
        .collect();

    let quarter = Quarter::of(date);
    let rocks = load::rocks(ws, quarter)?.rock;

    let meeting: Meeting = load::meeting(ws, date)?.unwrap_or_default();
    let previous = load::previous_meeting(ws, date)?;
    let todos_since = previous.as_ref().map_or(date - Days::new(7), |(d, _)| *d);
    // Rules that cross teams (SPEC §7): a department sees the leadership
    // team's company rocks and the messages it cascaded since.
    let (company_rocks, from_leadership) = if ws.team_name.is_some() {
        let top = ws.leadership();
        let rocks = load::rocks(&top, quarter)?
            .rock
            .into_iter()
            .filter(|r| r.company)
            .collect();
        let mut messages = Vec::new();
        for d in load::meeting_dates(&top)? {
            if d > todos_since && d <= date {
                messages.extend(load::meeting(&top, d)?.unwrap_or_default().cascade);
            }
        }
        (rocks, messages)
    } else {
        (Vec::new(), Vec::new())
    };
    // The span since the previous meeting may reach into archived quarters.
    let all_todos = load::todos_since(ws, Some(Quarter::of(todos_since)))?;
    let mut todos: Vec<Todo> = all_todos
        .iter()
        .filter(|t| t.due_date().is_some_and(|d| d > todos_since && d <= date))
        .cloned()
        .collect();
    todos.sort_by_key(|t| (t.due_date(), t.owner.clone()));
    let todo_completion = (!todos.is_empty())
        .then(|| todos.iter().filter(|t| t.is_done()).count() as f64 * 100.0 / todos.len() as f64);
    let new_todos: Vec<Todo> = all_todos
        .iter()
        .filter(|t| t.created.is_some_and(|c| c.0 == date))
        .cloned()
        .collect();

    let issues: Vec<Issue> = meeting_order(
        all_issues
            .iter()
            .filter(|i| i.is_open() && i.term == Term::Short),
    )
    .into_iter()
    .cloned()
    .collect();

    let mut candidates = Vec::new();
    for rock in rocks.iter().filter(|r| r.status == RockStatus::OffTrack) {
        candidates.push(Candidate {
            kind: "off-track-rock",
            id: rock.id.clone(),
            text: format!("Rock off track: {}", rock.title),
            detail: None,
            owner: rock.owner.clone(),
        });
    }
    for line in scorecard.iter().filter(|l| l.hit == Some(false)) {
        let value =
            crate::model::scorecard::format_with_unit(line.value.unwrap_or_default(), &line.unit);
        candidates.push(Candidate {
            kind: "missed-measurable",
            id: line.id.clone(),
            text: format!("Missed: {} {value}", line.name),
            detail: Some(format!(
                "goal {}",
                crate::model::number::goal_with_unit(line.goal, &line.unit)
            )),
            owner: line.owner.clone(),
        });
    }
    // Overdue as of the meeting, or as of today when previewing a later meeting.
    let overdue_cutoff = date.min(ctx.today.max(todos_since));
    for todo in all_todos.iter().filter(|t| t.is_overdue(overdue_cutoff)) {
        candidates.push(Candidate {
            kind: "overdue-todo",
            id: todo.id.clone(),
            text: format!(
                "To-do overdue since {}: {}",
                todo.due_date().map(|d| d.to_string()).unwrap_or_default(),
                todo.title
            ),
            detail: None,
            owner: todo.owner.clone(),
        });
    }
    // EOS asks everyone who rated the last meeting below 8 why, not only
    // when the average is low (10, 10, 10, 4 averages 8.5).
    if let Some((d, m)) = &previous {
        for (who, rating) in m.ratings.iter().filter(|(_, r)| **r < 8) {
            candidates.push(Candidate {
                kind: "low-rating",
                id: d.to_string(),
                text: format!(
                    "Rated the meeting of {d} {rating} (below 8): what would make it a 10?"
                ),
                detail: None,
                owner: who.clone(),
            });
        }
    }

    Ok(Agenda {
        company: ws.company.company.name.clone(),
        team: match &ws.team_file {
            Some(team) if !team.name.is_empty() => format!("{} team", team.name),
            Some(_) => format!("{} team", ws.team_label()),
            None => "Leadership team".to_string(),
        },
        date,
        time: settings.time.clone(),
        minutes: settings.minutes,
        sections,
        scorecard_week,
        scorecard,
        quarter,
        days_left: (quarter.last_day() - date).num_days(),
        rocks,
        company_rocks,
        headlines: meeting.headlines,
        from_leadership,
        todos_since,
        todos,
        todo_completion,
        issues,
        candidates,
        previous: previous.map(|(d, m)| PreviousMeeting {
            date: d,
            average_rating: m.average_rating(),
            cascade: m.cascade,
        }),
        cascade: meeting.cascade,
        new_todos,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The agenda's sections are the meeting screen's, in the same order.
    #[test]
    fn sections_are_the_level10_sections() {
        use crate::model::level10::Section;
        for (i, section) in Section::ALL.iter().enumerate() {
            assert_eq!(SECTIONS[i], (section.title(), section.base_minutes()));
        }
    }

    #[test]
    fn minutes_scale_and_add_up() {
        let base: Vec<u32> = SECTIONS.iter().map(|s| s.1).collect();
        assert_eq!(scale_minutes(&base, 90), vec![5, 5, 5, 5, 5, 60, 5]);
        assert_eq!(scale_minutes(&base, 60), vec![4, 4, 3, 3, 3, 40, 3]);
        assert_eq!(scale_minutes(&base, 120), vec![7, 7, 7, 7, 6, 80, 6]);
        for total in [10, 45, 61, 89, 91, 150, 600] {
            assert_eq!(scale_minutes(&base, total).iter().sum::<u32>(), total);
        }
    }
}
