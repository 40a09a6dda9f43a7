//! When things happen (SPEC §1 Time): the next meeting is the first meeting
//! day not yet held; the meeting in progress or the last one held; and the
//! scorecard week, the week the next meeting reviews. `agenda`, `status`,
//! `scorecard record`, headlines, `meeting rate` and `diff --since-meeting`
//! all ask here, so they always agree.

use super::Ctx;
use crate::error::{Error, Result};
use crate::model::company::MeetingSettings;
use crate::model::meeting::Meeting;
use crate::model::time::{Week, next_weekday, parse_time, parse_weekday};
use crate::store::load;
use chrono::{Days, NaiveDate, NaiveDateTime, TimeDelta, Weekday};

/// A team's meeting calendar, as of the command's moment.
pub struct Calendar<'a> {
    ctx: &'a Ctx,
    weekday: Weekday,
    settings: &'a MeetingSettings,
}

impl<'a> Calendar<'a> {
    pub fn new(ctx: &'a Ctx) -> Result<Calendar<'a>> {
        let settings = &ctx.ws.meeting;
        let weekday = parse_weekday(&settings.weekday)
            .map_err(|e| Error::broken(format!("company.toml: [meeting] {e}")))?;
        parse_time(&settings.time)
            .map_err(|e| Error::broken(format!("company.toml: [meeting] {e}")))?;
        Ok(Calendar {
            ctx,
            weekday,
            settings,
        })
    }

    /// When the meeting of `date` starts: its recorded start, else the
    /// configured time.
    pub fn start(&self, date: NaiveDate, meeting: Option<&Meeting>) -> NaiveDateTime {
        if let Some(started) = meeting.and_then(|m| m.started) {
            return started.0;
        }
        let time = parse_time(&self.settings.time).unwrap_or_default();
        date.and_time(time)
    }

    /// Whether the meeting of `date` is held as of now: from its recorded
    /// end, else once it records ratings, else from its start plus its minutes.
    pub fn held(&self, date: NaiveDate) -> Result<bool> {
        Ok(self.held_as(date, load::meeting(&self.ctx.ws, date)?.as_ref()))
    }

    /// [`Calendar::held`], for the meeting of `date` already read.
    fn held_as(&self, date: NaiveDate, meeting: Option<&Meeting>) -> bool {
        let now = self.ctx.now;
        match meeting {
            Some(m) if m.ended.is_some() => m.ended.is_some_and(|e| now >= e.0),
            Some(m) if !m.ratings.is_empty() => true,
            _ => {
                let end = self.start(date, meeting)
                    + TimeDelta::minutes(i64::from(self.settings.minutes));
                now >= end
            }
        }
    }

    /// The first meeting day on or after today that has not been held.
    pub fn next_meeting(&self) -> Result<NaiveDate> {
        let mut date = next_weekday(self.ctx.today, self.weekday);
        while self.held(date)? {
            date = date + Days::new(7);
        }
        Ok(date)
    }

    /// The meeting under way now: today's, started and not yet held.
    pub fn in_progress(&self) -> Result<Option<NaiveDate>> {
        let today = self.ctx.today;
        let meeting = load::meeting(&self.ctx.ws, today)?;
        let is_meeting_day = today.weekday_is(self.weekday) || meeting.is_some();
        if is_meeting_day
            && self.ctx.now >= self.start(today, meeting.as_ref())
            && !self.held(today)?
        {
            return Ok(Some(today));
        }
        Ok(None)
    }

    /// The last meeting held, on today or before: a meeting file's date or
    /// one of the last two meeting days.
    pub fn last_held(&self) -> Result<Option<NaiveDate>> {
        let this_week = next_weekday(self.ctx.today - Days::new(6), self.weekday);
        let last_week = this_week - Days::new(7);
        let counts = |day, meeting: Option<&Meeting>| {
            meeting.is_some() || day == this_week || day == last_week
        };
        Ok(self
            .last_held_where(counts, last_week)?
            .map(|(date, _)| date))
    }

    /// The last meeting held that has a record (a meeting file), on today
    /// or before: what `status` shows as the last meeting.
    pub fn last_recorded(&self) -> Result<Option<(NaiveDate, Meeting)>> {
        let recorded = |_, meeting: Option<&Meeting>| meeting.is_some();
        let found = self.last_held_where(recorded, self.ctx.today - Days::new(35))?;
        Ok(found.and_then(|(date, meeting)| meeting.map(|m| (date, m))))
    }

    /// The last day, today or before, that `counts` and whose meeting is
    /// held ([`load::latest_meeting`], day by day back to `until`).
    fn last_held_where(
        &self,
        counts: impl Fn(NaiveDate, Option<&Meeting>) -> bool,
        until: NaiveDate,
    ) -> Result<Option<(NaiveDate, Option<Meeting>)>> {
        load::latest_meeting(&self.ctx.ws, self.ctx.today, until, |day, meeting| {
            counts(day, meeting) && self.held_as(day, meeting)
        })
    }

    /// The meeting a record defaults to: the one in progress — today's on
    /// its day, even before its start (an early start, a clock at 00:00) —
    /// else the last one held.
    pub fn current_or_last(&self) -> Result<NaiveDate> {
        if let Some(date) = self.in_progress()? {
            return Ok(date);
        }
        let today = self.ctx.today;
        if today.weekday_is(self.weekday) || load::meeting(&self.ctx.ws, today)?.is_some() {
            return Ok(today);
        }
        self.last_held()?
            .ok_or_else(|| Error::user("no meeting has been held yet: give --date YYYY-MM-DD"))
    }

    /// The ISO week the next meeting reviews: the last week that starts
    /// before the meeting's own week.
    pub fn scorecard_week(&self) -> Result<Week> {
        Ok(Week::of(self.next_meeting()?).prev())
    }

    /// The meeting held that already reviewed `week`, if one did.
    pub fn reviewed_by(&self, week: Week) -> Result<Option<NaiveDate>> {
        Ok(self
            .last_held()?
            .filter(|held| week <= Week::of(*held).prev()))
    }
}

trait WeekdayIs {
    fn weekday_is(&self, weekday: Weekday) -> bool;
}

impl WeekdayIs for NaiveDate {
    fn weekday_is(&self, weekday: Weekday) -> bool {
        chrono::Datelike::weekday(self) == weekday
    }
}
