//! Meeting records in `meetings/YYYY-MM-DD.toml`: headlines, ratings,
//! cascading messages and attendees.

use super::Ctx;
use super::change::{Change, Outcome};
use super::issues;
use crate::error::{Error, Result};
use crate::model::issue::{Issue, IssuesFile, Term};
use crate::model::meeting::{HeadlineKind, Meeting};
use crate::model::time::toml_date;
use crate::store::FileRef;
use crate::store::edit::{TomlDoc, array_mut, push_multiline, set, string, table_like_mut};
use chrono::NaiveDate;
use toml_edit::{InlineTable, Value};

/// The date of the next weekly meeting: the first meeting day on or after
/// today that has not been held (SPEC §1).
pub fn next_meeting_date(ctx: &Ctx) -> Result<NaiveDate> {
    super::calendar::Calendar::new(ctx)?.next_meeting()
}

/// Opens a meeting's file for editing, starting it when it does not exist.
pub(super) fn open(change: &Change, file: &FileRef, date: NaiveDate) -> Result<TomlDoc> {
    let mut doc = change.toml(file)?;
    if doc.doc.get("date").is_none() && doc.doc.as_table().is_empty() {
        doc.doc.insert("kind", toml_edit::value("l10"));
        doc.doc
            .insert("date", toml_edit::Item::Value(toml_date(date)));
    }
    Ok(doc)
}

pub struct NewHeadline {
    pub text: String,
    pub by: String,
    pub kind: HeadlineKind,
    pub raise_issue: bool,
}

pub fn add_headline(ctx: &Ctx, new: NewHeadline) -> Result<(NaiveDate, Option<Issue>, Outcome)> {
    let date = next_meeting_date(ctx)?;
    add_headline_to(ctx, date, new)
}

/// Files a headline into the meeting of `date` (the meeting screen's, which
/// is no longer the next one once it is rated).
pub fn add_headline_to(
    ctx: &Ctx,
    date: NaiveDate,
    new: NewHeadline,
) -> Result<(NaiveDate, Option<Issue>, Outcome)> {
    let text = super::items::required(&new.text, "the headline")?;
    let by = ctx.owner(&new.by)?;
    let mut change = Change::begin(ctx)?;
    let file = ctx.ws.meeting_file(date);
    let mut doc = open(&change, &file, date)?;
    let mut headline = InlineTable::new();
    headline.insert("by", string(&by));
    headline.insert("kind", string(new.kind.as_str()));
    headline.insert("text", string(&text));
    let array = array_mut(doc.doc.as_table_mut(), "headlines")
        .ok_or_else(|| Error::broken(format!("{}: `headlines` must be an array", file.display)))?;
    push_multiline(array, Value::InlineTable(headline));
    change.put_toml::<Meeting>(&file, &doc)?;

    let mut issue = None;
    if new.raise_issue {
        let issues_file = ctx.ws.issues_file();
        let current: IssuesFile = change.load(&issues_file)?;
        let mut issues_doc = change.toml(&issues_file)?;
        issue = Some(issues::append(
            ctx,
            &mut issues_doc,
            &current,
            &text,
            Some(&by),
            Term::Short,
        )?);
        super::issues::put(&mut change, &issues_file, &mut issues_doc)?;
    }
    let also = if issue.is_some() {
        " and raise it as an issue"
    } else {
        ""
    };
    let outcome = change.finish(&format!("headline: {by} for {date}: {:?}{also}", text))?;
    Ok((date, issue, outcome))
}

/// Records ratings (1..10) for the meeting of `date`.
pub fn rate(ctx: &Ctx, date: NaiveDate, ratings: &[(String, u8)]) -> Result<(Meeting, Outcome)> {
    if ratings.is_empty() {
        return Err(Error::user(
            "give at least one rating as HANDLE=N, e.g. zoe=9",
        ));
    }
    for (handle, _) in ratings {
        ctx.person(handle)?;
    }
    edit(ctx, date, |doc, file| {
        let table = table_like_mut(doc.doc.as_table_mut(), "ratings")
            .ok_or_else(|| Error::broken(format!("{}: `ratings` must be a table", file.display)))?;
        for (handle, rating) in ratings {
            set(table, handle, Value::from(i64::from(*rating)));
        }
        // An inline table that grows one rating at a time (the meeting
        // screen rates person by person) keeps toml_edit's spacing tidy:
        // `{ zoe = 9, ian = 8 }`, not `{ zoe = 9 , ian = 8 }`.
        if let Some(inline) = doc
            .doc
            .get_mut("ratings")
            .and_then(|i| i.as_inline_table_mut())
        {
            inline.fmt();
        }
        let list: Vec<String> = ratings.iter().map(|(h, r)| format!("{h}={r}")).collect();
        Ok(format!("meeting {date}: rate {}", list.join(" ")))
    })
}

pub fn cascade(ctx: &Ctx, date: NaiveDate, text: &str) -> Result<(Meeting, Outcome)> {
    let text = super::items::required(text, "the message")?;
    edit(ctx, date, |doc, file| {
        let array = array_mut(doc.doc.as_table_mut(), "cascade").ok_or_else(|| {
            Error::broken(format!("{}: `cascade` must be an array", file.display))
        })?;
        push_multiline(array, string(&text));
        Ok(format!("meeting {date}: cascade {:?}", text))
    })
}

pub fn attend(ctx: &Ctx, date: NaiveDate, handles: &[String]) -> Result<(Meeting, Outcome)> {
    for handle in handles {
        ctx.person(handle)?;
    }
    edit(ctx, date, |doc, file| {
        let array = array_mut(doc.doc.as_table_mut(), "attendees").ok_or_else(|| {
            Error::broken(format!("{}: `attendees` must be an array", file.display))
        })?;
        for handle in handles {
            if !array.iter().any(|v| v.as_str() == Some(handle)) {
                array.push(handle.as_str());
            }
        }
        Ok(format!("meeting {date}: attendees {}", handles.join(", ")))
    })
}

/// Records that someone did not attend after all (the meeting screen's
/// Segue toggles attendance).
pub fn absent(ctx: &Ctx, date: NaiveDate, handle: &str) -> Result<(Meeting, Outcome)> {
    edit(ctx, date, |doc, file| {
        let array = array_mut(doc.doc.as_table_mut(), "attendees").ok_or_else(|| {
            Error::broken(format!("{}: `attendees` must be an array", file.display))
        })?;
        crate::store::edit::remove_string(array, handle);
        // `["amy", "ian"]` without amy is `["ian"]`, not `[ "ian"]`.
        if let Some(first) = array.get_mut(0)
            && first.decor().prefix().and_then(|p| p.as_str()) == Some(" ")
        {
            first.decor_mut().set_prefix("");
        }
        Ok(format!("meeting {date}: {handle} absent"))
    })
}

fn edit(
    ctx: &Ctx,
    date: NaiveDate,
    apply: impl FnOnce(&mut TomlDoc, &FileRef) -> Result<String>,
) -> Result<(Meeting, Outcome)> {
    let mut change = Change::begin(ctx)?;
    let file = ctx.ws.meeting_file(date);
    let mut doc = open(&change, &file, date)?;
    let message = apply(&mut doc, &file)?;
    change.put_toml::<Meeting>(&file, &doc)?;
    let meeting: Meeting = crate::store::parse::parse_toml(&file, &doc.to_text())?;
    let outcome = change.finish(&message)?;
    Ok((meeting, outcome))
}
