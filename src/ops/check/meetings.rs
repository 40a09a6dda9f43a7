//! The meeting files: named by date, ratings 1..10, people on the roster.

use super::findings::{Findings, Roster};
use crate::model::meeting::{Meeting, MeetingKind};
use crate::model::time::{parse_date, parse_weekday};
use crate::store::files::FileRef;
use crate::store::{Workspace, load};
use chrono::Datelike;

/// The meeting files, one per meeting.
pub fn check_meetings(f: &mut Findings, ws: &Workspace, roster: &Roster) {
    let meetings = match load::folder::<Meeting>(ws, &ws.meetings_dir()) {
        Ok(meetings) => meetings,
        Err(e) => return f.broken(&ws.file(ws.meetings_dir()), e),
    };
    let weekday = parse_weekday(&ws.meeting.weekday).ok();
    for (file, loaded) in meetings {
        let stem = file.path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let Ok(date) = parse_date(stem) else {
            f.warn(
                &file,
                None,
                "not a meeting file: meeting files are named YYYY-MM-DD.toml".into(),
            );
            continue;
        };
        if let Some((meeting, _)) = f.loaded(&file, loaded) {
            check_meeting(f, roster, &file, &meeting, date);
            // A weekly meeting falls on the team's meeting day; the
            // planning days may fall on any day.
            if meeting.kind == MeetingKind::L10
                && let Some(weekday) = weekday
                && date.weekday() != weekday
            {
                f.warn(
                    &file,
                    None,
                    format!(
                        "{date} is a {}, not the team's meeting day ({}): set `kind = \"quarterly\"` or `\"annual\"` for a planning day, or move the file to the meeting's date",
                        date.format("%A"),
                        ws.meeting.weekday.trim()
                    ),
                );
            }
        }
    }
}

fn check_meeting(
    f: &mut Findings,
    roster: &Roster,
    file: &FileRef,
    meeting: &Meeting,
    date: chrono::NaiveDate,
) {
    if let Some(d) = meeting.date
        && d.0 != date
    {
        f.warn(
            file,
            None,
            format!("date = {} differs from the file name's date {date}", d.0),
        );
    }
    for (handle, rating) in &meeting.ratings {
        roster.check(f, file, || None, "rating", handle);
        if !(1..=10).contains(rating) {
            f.error(
                file,
                None,
                format!("rating {handle} = {rating}: expected 1 to 10"),
            );
        }
    }
    for handle in &meeting.attendees {
        roster.check(f, file, || None, "attendee", handle);
    }
    for headline in &meeting.headlines {
        roster.check(f, file, || None, "headline", &headline.by);
    }
}
