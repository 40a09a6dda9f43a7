//! What the meeting screen shows, read fresh from the files after every
//! action: the agenda's live data (the same as `pulse agenda`), the roster,
//! who attends, the ratings, and what the meeting decided so far.

use crate::error::Result;
use crate::model::issue::{Issue, IssueStatus};
use crate::model::meeting::Meeting;
use crate::model::time::Quarter;
use crate::ops::Ctx;
use crate::ops::agenda::{self, Agenda};
use crate::store::load;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// One person on the roster, as the screen names them.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub handle: String,
    pub name: String,
}

#[derive(Debug)]
pub struct Board {
    pub agenda: Agenda,
    /// The people still with the company, then any attendee who left since.
    pub people: Vec<Person>,
    pub attendees: Vec<String>,
    pub ratings: BTreeMap<String, u8>,
    /// Issues solved or dropped on the meeting's day.
    pub closed: Vec<Issue>,
    /// The scorecard misses and off-track rocks already on the issues list
    /// (an open issue has the title a drop would give it), as (kind, id).
    pub raised: Vec<(&'static str, String)>,
}

impl Board {
    pub fn load(ctx: &Ctx, date: NaiveDate) -> Result<Board> {
        let agenda = agenda::level10(ctx, Some(date))?;
        let meeting: Meeting = load::meeting(&ctx.ws, date)?.unwrap_or_default();
        let company = &ctx.ws.company;
        let mut people: Vec<Person> = company
            .active_handles()
            .map(|h| Person {
                handle: h.to_string(),
                name: company.display_name(h).to_string(),
            })
            .collect();
        for handle in &meeting.attendees {
            if !people.iter().any(|p| &p.handle == handle) {
                people.push(Person {
                    handle: handle.clone(),
                    name: company.display_name(handle).to_string(),
                });
            }
        }
        let issues = load::issues_since(&ctx.ws, Some(Quarter::of(date)))?;
        let closed = issues
            .iter()
            .filter(|i| i.status != IssueStatus::Open && i.solved.map(|d| d.0) == Some(date))
            .cloned()
            .collect();
        let raised = agenda
            .candidates
            .iter()
            .filter(|c| {
                issues
                    .iter()
                    .any(|i| i.is_open() && i.title == c.issue_title())
            })
            .map(|c| (c.kind, c.id.clone()))
            .collect();
        Ok(Board {
            agenda,
            people,
            attendees: meeting.attendees,
            ratings: meeting.ratings,
            closed,
            raised,
        })
    }

    pub fn name<'a>(&'a self, handle: &'a str) -> &'a str {
        self.people
            .iter()
            .find(|p| p.handle == handle)
            .map_or(handle, |p| p.name.as_str())
    }

    /// Who rates the meeting: those who attend (everyone, before anyone
    /// was marked present), in roster order.
    pub fn raters(&self) -> Vec<&Person> {
        let attending: Vec<&Person> = self
            .people
            .iter()
            .filter(|p| self.attendees.contains(&p.handle))
            .collect();
        if attending.is_empty() {
            self.people.iter().collect()
        } else {
            attending
        }
    }

    /// The average rating so far.
    pub fn average(&self) -> Option<f64> {
        let n = self.ratings.len();
        (n > 0).then(|| self.ratings.values().map(|&r| f64::from(r)).sum::<f64>() / n as f64)
    }

    /// Whether a candidate (`missed-measurable`, `off-track-rock`) is
    /// already on the issues list.
    pub fn is_raised(&self, kind: &str, id: &str) -> bool {
        self.raised.iter().any(|(k, i)| *k == kind && i == id)
    }

    /// The drop-down candidate for a scorecard miss or an off-track rock:
    /// the issue title the agenda gives it.
    pub fn candidate(&self, kind: &str, id: &str) -> Option<&agenda::Candidate> {
        self.agenda
            .candidates
            .iter()
            .find(|c| c.kind == kind && c.id == id)
    }
}
