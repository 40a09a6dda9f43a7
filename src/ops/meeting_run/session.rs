//! A run of one meeting against the company's files: opens (or resumes) the
//! meeting, carries out each action through the command line's own ops,
//! written at once and not committed, keeps the run's place in the meeting's
//! file, and on leaving makes the one commit.

use super::board::Board;
use super::event::{Action, TodoDraft};
use super::record;
use super::state::Run;
use crate::error::{Error, Result};
use crate::model::issue::Term;
use crate::model::level10::Section;
use crate::model::time::{Quarter, parse_time};
use crate::ops::calendar::Calendar;
use crate::ops::change::Outcome;
use crate::ops::meetings::{self, NewHeadline};
use crate::ops::todos::NewTodo;
use crate::ops::{Ctx, issues, rocks, todos};
use crate::store::load;
use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use std::time::Duration;

/// How often a running clock is saved, so that a crash loses at most this.
const SAVE_EVERY: Duration = Duration::from_secs(15);

pub struct Session {
    /// The command's context: whether and how to commit at the end.
    outer: Ctx,
    /// The run's: dated the meeting's day, writing without committing.
    ctx: Ctx,
    pub date: NaiveDate,
    /// The moment the screen opened: `PULSE_NOW` (or now) for today's
    /// meeting; for another day's, its start plus the time it already ran.
    opened_at: NaiveDateTime,
    /// Files the run changed (besides the meeting's own), for the commit.
    files: Vec<String>,
    last_save: Duration,
    pub resumed: bool,
}

/// What leaving the run did.
#[derive(Debug)]
pub struct Left {
    pub date: NaiveDate,
    pub ended: bool,
    pub message: String,
    pub outcome: Outcome,
    pub total: Duration,
}

/// The meeting `meeting run` takes without `--date`: the one in progress;
/// else today's when today is a meeting day not yet held (an early start);
/// else the last one held (SPEC §1).
pub fn default_date(ctx: &Ctx) -> Result<NaiveDate> {
    let calendar = Calendar::new(ctx)?;
    if let Some(date) = calendar.in_progress()? {
        return Ok(date);
    }
    if calendar.next_meeting()? == ctx.today {
        return Ok(ctx.today);
    }
    calendar.current_or_last()
}

impl Session {
    /// Opens the meeting of `date` at `now` (the screen's clock reading):
    /// records its start and attendees when new, resumes where it stood.
    pub fn open(ctx: &Ctx, date: NaiveDate, now: Duration) -> Result<(Session, Run)> {
        if date > ctx.today {
            return Err(Error::user(format!(
                "the meeting of {date} is still to come: run a meeting on its day (or later, to record it)"
            ))
            .with_hint("`pulse agenda --date DATE` prints a meeting ahead of time"));
        }
        let meeting = load::meeting(&ctx.ws, date)?;
        let resumed = meeting
            .as_ref()
            .is_some_and(|m| m.run.is_some() || m.started.is_some());
        let (section, seconds, files) = match &meeting {
            Some(m) => record::resume_point(m),
            None => (Section::Segue, [0; 7], Vec::new()),
        };
        let configured = parse_time(&ctx.ws.company.meeting.time).unwrap_or_default();
        let (started, opened_at) = if date == ctx.today {
            (ctx.now, ctx.now)
        } else {
            let started = meeting
                .as_ref()
                .and_then(|m| m.started)
                .map_or(date.and_time(configured), |s| s.0);
            let so_far = TimeDelta::seconds(seconds.iter().sum::<u64>() as i64);
            (started, started + so_far)
        };
        let started = started.with_nanosecond_zero();
        let run_ctx = ctx.uncommitted_at(opened_at);
        let everyone: Vec<String> = ctx.ws.company.active_handles().map(String::from).collect();
        record::begin(&run_ctx, date, started, &everyone)?;
        let board = Board::load(&run_ctx, date)?;
        let spent = seconds.map(Duration::from_secs);
        let mut run = Run::new(date, board, section, spent, now);
        let session = Session {
            outer: ctx.clone(),
            ctx: run_ctx,
            date,
            opened_at,
            files,
            last_save: now,
            resumed,
        };
        if resumed {
            run.say(format!(
                "resumed at {}, {} so far",
                section.title(),
                super::clock::clock_text(run.clock.total(now))
            ));
        } else {
            run.say("the meeting starts: good news, one personal and one professional each");
        }
        session.save_at(&run, now)?;
        Ok((session, run))
    }

    /// The moment `now` (the screen's clock) stands for.
    pub fn moment(&self, now: Duration) -> NaiveDateTime {
        let wall = TimeDelta::from_std(now).unwrap_or_default();
        (self.opened_at + wall).with_nanosecond_zero()
    }

    fn save_at(&self, run: &Run, now: Duration) -> Result<()> {
        record::save(
            &self.ctx,
            self.date,
            run.section(),
            &run.clock.seconds(now),
            &self.files,
        )
    }

    /// Saves where the run stands (its section, its clock, its files).
    pub fn save(&mut self, run: &mut Run, now: Duration) {
        self.last_save = now;
        if let Err(e) = self.save_at(run, now) {
            run.warn(format!("could not save the clock: {}", e.message));
        }
    }

    /// Saves a running clock every few seconds.
    pub fn tick(&mut self, run: &mut Run, now: Duration) {
        if !run.clock.paused() && now.saturating_sub(self.last_save) >= SAVE_EVERY {
            self.save(run, now);
        }
    }

    /// Carries out an action, reads the company again and tells the run.
    pub fn perform(&mut self, run: &mut Run, action: &Action, now: Duration) {
        let result = match self.apply(action) {
            Ok((message, files)) => {
                let own = self.ctx.ws.meeting_file(self.date).display;
                for file in files.into_iter().filter(|f| *f != own) {
                    if !self.files.contains(&file) {
                        self.files.push(file);
                    }
                }
                Ok(message)
            }
            Err(e) => Err(e.message),
        };
        match Board::load(&self.ctx, self.date) {
            Ok(board) => run.acted(result, Some(board)),
            Err(e) => run.acted(result.and(Err(e.message)), None),
        }
        self.save(run, now);
    }

    fn apply(&self, action: &Action) -> Result<(String, Vec<String>)> {
        let ctx = &self.ctx;
        let date = self.date;
        let (message, outcome) = match action {
            Action::Attend { handle, present } => {
                let name = ctx.ws.company.display_name(handle).to_string();
                if *present {
                    let (_, o) = meetings::attend(ctx, date, std::slice::from_ref(handle))?;
                    (format!("{name} is here"), o)
                } else {
                    let (_, o) = meetings::absent(ctx, date, handle)?;
                    (format!("{name} is away"), o)
                }
            }
            Action::RaiseIssue { title, owner } | Action::AddIssue { title, owner } => {
                let owner = Some(owner.as_str()).filter(|o| !o.is_empty());
                let (issue, o) = issues::add(ctx, title, owner, Term::Short)?;
                (format!("on the issues list: {}", issue.title), o)
            }
            Action::RockStatus { id, status } => {
                let (rock, old, o) = rocks::set_status(ctx, Quarter::of(date), id, *status)?;
                (format!("{}: {old} → {status}", rock.title), o)
            }
            Action::AddHeadline { text, by, kind } => {
                let new = NewHeadline {
                    text: text.clone(),
                    by: by.clone(),
                    kind: *kind,
                    raise_issue: false,
                };
                let (_, _, o) = meetings::add_headline_to(ctx, date, new)?;
                ("headline added".to_string(), o)
            }
            Action::TodoDone { id } => {
                let (todo, o) = todos::done(ctx, id)?;
                (format!("done: {}", todo.title), o)
            }
            Action::TodoReopen { id } => {
                let (todo, o) = todos::reopen(ctx, id)?;
                (format!("not done after all: {}", todo.title), o)
            }
            Action::Solve {
                id,
                resolution,
                todos: drafts,
            } => {
                let new = new_todos(drafts, id);
                let (solved, o) = issues::solve_with(ctx, id, Some(resolution), &new)?;
                (
                    format!(
                        "solved: {}{}",
                        solved.issue.title,
                        count(solved.todos.len())
                    ),
                    o,
                )
            }
            Action::Drop { id, todos: drafts } => {
                let (issue, mut o) = issues::drop(ctx, id)?;
                let made = self.make_todos(drafts, id, &mut o)?;
                (format!("dropped: {}{}", issue.title, count(made)), o)
            }
            Action::Keep { id, todos: drafts } => {
                let mut o = Outcome::default();
                let made = self.make_todos(drafts, id, &mut o)?;
                (format!("kept open{}", count(made)), o)
            }
            Action::Top { ids } => {
                let (top, o) = issues::set_top(ctx, ids)?;
                let names: Vec<String> = top
                    .iter()
                    .map(|i| format!("{}. {}", i.priority.unwrap_or(0), i.id))
                    .collect();
                if names.is_empty() {
                    ("no top three".to_string(), o)
                } else {
                    (format!("top three: {}", names.join(", ")), o)
                }
            }
            Action::Cascade { text } => {
                let (_, o) = meetings::cascade(ctx, date, text)?;
                ("cascading message recorded".to_string(), o)
            }
            Action::Rate { handle, rating } => {
                let (m, o) = meetings::rate(ctx, date, &[(handle.clone(), *rating)])?;
                let avg = m.average_rating().unwrap_or_default();
                let name = ctx.ws.company.display_name(handle);
                (format!("{name} rated {rating}; average {avg:.1}"), o)
            }
        };
        Ok((message, outcome.files))
    }

    /// Makes the to-dos of an issue dropped or kept, each its own change.
    fn make_todos(
        &self,
        drafts: &[TodoDraft],
        issue: &str,
        outcome: &mut Outcome,
    ) -> Result<usize> {
        for new in new_todos(drafts, issue) {
            let (_, o) = todos::add(&self.ctx, new)?;
            outcome.files.extend(o.files);
        }
        Ok(drafts.len())
    }

    /// Leaves the run: ends the meeting when `ended` (left from Conclude),
    /// else saves its place; then commits everything it changed as one.
    pub fn leave(self, run: &Run, now: Duration, ended: bool) -> Result<Left> {
        let seconds = run.clock.seconds(now);
        if ended {
            record::end(&self.ctx, self.date, self.moment(now), &seconds)?;
        } else {
            self.save_at(run, now)?;
        }
        let message = record::commit_message(&self.ctx, self.date)?;
        let outcome = record::commit(&self.outer, self.date, &self.files, &message)?;
        Ok(Left {
            date: self.date,
            ended,
            message,
            outcome,
            total: run.clock.total(now),
        })
    }

    /// Ctrl-C: saves where the run stands and commits nothing.
    pub fn interrupt(self, run: &Run, now: Duration) -> Result<()> {
        self.save_at(run, now)
    }
}

fn new_todos(drafts: &[TodoDraft], issue: &str) -> Vec<NewTodo> {
    drafts
        .iter()
        .map(|d| NewTodo {
            title: d.title.clone(),
            owner: d.owner.clone(),
            due: Some(d.due),
            issue: Some(issue.to_string()),
        })
        .collect()
}

fn count(todos: usize) -> String {
    match todos {
        0 => String::new(),
        1 => ", 1 to-do".to_string(),
        n => format!(", {n} to-dos"),
    }
}

trait WholeSeconds {
    fn with_nanosecond_zero(self) -> Self;
}

impl WholeSeconds for NaiveDateTime {
    fn with_nanosecond_zero(self) -> Self {
        chrono::Timelike::with_nanosecond(&self, 0).unwrap_or(self)
    }
}
