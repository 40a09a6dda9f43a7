//! `scorecard.csv`: reading the weekly values, and changing them while keeping
//! every row a person typed byte for byte (in the file's own line endings,
//! after its byte order mark). Rows are written sorted by week, one per
//! line, so that a merge (pulse's driver, or git's own by lines) sees rows.
//!
//! What no reader guesses at: two rows of one week and measurable (which is
//! the value?) and a quote left open (which would swallow the rows after it
//! for other CSV readers) are errors at their line, for every command.

use super::files::{BOM, FileRef, crlf_convention, without_bom};
use crate::error::{Error, Result};
use crate::model::goal::{format_exact, parse_value};
use crate::model::scorecard::{Entry, Values};
use crate::model::time::Week;

pub const HEADER: &str = "week,measurable,value,note";

/// The file as rows of raw text, for editing.
pub struct ValuesDoc {
    header: String,
    rows: Vec<RawRow>,
    crlf: bool,
    bom: bool,
}

struct RawRow {
    week: Week,
    measurable: String,
    raw: String,
}

/// Parses the file into values and an editable document. A broken row, an
/// open quote or a second row of a week and measurable is an exit-2 error
/// naming `scorecard.csv:LINE`.
pub fn parse(file: &FileRef, text: &str) -> Result<(Values, ValuesDoc)> {
    let (values, doc) = read(file, text, true)?;
    refuse_duplicates(file, &values)?;
    Ok((values, doc))
}

fn read(file: &FileRef, text: &str, keep_rows: bool) -> Result<(Values, ValuesDoc)> {
    read_rows(file, text, keep_rows)
        .map_err(|e| super::parse::conflict_error(file, without_bom(text)).unwrap_or(e))
}

/// Parses the file into values only (what read commands need); refused as
/// [`parse`] refuses it.
pub fn parse_values(file: &FileRef, text: &str) -> Result<Values> {
    let (values, _) = read(file, text, false)?;
    refuse_duplicates(file, &values)?;
    Ok(values)
}

/// Parses the file into values with every repeated week and measurable
/// listed in [`Values::duplicates`], for `pulse check` to report each one.
pub fn parse_with_duplicates(file: &FileRef, text: &str) -> Result<Values> {
    read(file, text, false).map(|(values, _)| values)
}

/// The error for a week and measurable recorded on two rows: which value
/// holds is for a person to say, not for pulse to guess.
pub fn duplicate_error(file: &FileRef, values: &Values, first: u64, later: u64) -> Error {
    let (week, measurable) = values
        .entries
        .iter()
        .find(|e| e.line == later)
        .map(|e| (e.week.to_string(), e.measurable.clone()))
        .unwrap_or_default();
    Error::broken(format!(
        "{}:{later}: week {week} of `{measurable}` is recorded twice (also on line {first}); pulse will not pick one",
        file.display
    ))
    .with_hint("delete the row that is wrong (a merge of two clones can keep both)")
}

fn refuse_duplicates(file: &FileRef, values: &Values) -> Result<()> {
    match values.duplicates.first() {
        None => Ok(()),
        Some(&(first, later)) => {
            let mut error = duplicate_error(file, values, first, later);
            if values.duplicates.len() > 1 {
                error = error.with_hint(format!(
                    "{} more rows repeat a week and measurable: `pulse check` lists them",
                    values.duplicates.len() - 1
                ));
            }
            Err(error)
        }
    }
}

fn read_rows(file: &FileRef, text: &str, keep_rows: bool) -> Result<(Values, ValuesDoc)> {
    let body = without_bom(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes());
    let mut entries = Vec::new();
    let mut rows = Vec::new();
    let mut header = None;
    let mut record = csv::StringRecord::new();
    // Rows come a week at a time: a week's text is parsed once.
    let mut last_week: Option<(String, Week)> = None;
    loop {
        let start = reader.position().byte() as usize;
        let more = reader.read_record(&mut record).map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            Error::broken(format!("{}:{line}: {e}", file.display))
        })?;
        if !more {
            break;
        }
        let end = reader.position().byte() as usize;
        let line = record.position().map_or(0, |p| p.line());
        // Quotes come in pairs in a row that reads the same to every CSV
        // reader: one left open swallows the rows after it.
        let quotes = body.as_bytes()[start..end.min(body.len())]
            .iter()
            .filter(|&&b| b == b'"')
            .count();
        if quotes % 2 == 1 {
            return Err(Error::broken(format!(
                "{}:{line}: a quote (`\"`) is not closed: a quoted field ends with a quote, and a quote inside it is written twice (`\"\"`)",
                file.display
            )));
        }
        let raw = || {
            body[start..end.min(body.len())]
                .trim_matches(['\n', '\r'])
                .to_string()
        };
        if header.is_none() {
            if record.get(0).map(str::trim) != Some("week") {
                return Err(Error::broken(format!(
                    "{}:{line}: the first line must be the header `{HEADER}`",
                    file.display
                )));
            }
            header = Some(raw());
            continue;
        }
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let bad = |what: String| Error::broken(format!("{}:{line}: {what}", file.display));
        let week_text = record.get(0).unwrap_or("");
        let week = match &last_week {
            Some((text, week)) if text == week_text => *week,
            _ => {
                let week: Week = week_text.parse().map_err(bad)?;
                last_week = Some((week_text.to_string(), week));
                week
            }
        };
        let measurable = record.get(1).unwrap_or("").trim().to_string();
        if measurable.is_empty() {
            return Err(bad("the measurable (second column) is empty".into()));
        }
        let value = parse_value(record.get(2).unwrap_or("")).map_err(bad)?;
        let note = record.get(3).unwrap_or("").to_string();
        if keep_rows {
            rows.push(RawRow {
                week,
                measurable: measurable.clone(),
                raw: raw(),
            });
        }
        entries.push(Entry {
            week,
            measurable,
            value,
            note,
            line,
        });
    }
    let doc = ValuesDoc {
        header: header.unwrap_or_else(|| HEADER.to_string()),
        rows,
        crlf: crlf_convention(body),
        bom: text.starts_with(BOM),
    };
    Ok((Values::new(entries), doc))
}

/// The file cut down to its header and the rows of one measurable, which
/// parse to exactly that measurable's values: what reading one measurable's
/// history needs from each of hundreds of versions. `None` when the file
/// quotes a field (a cut by lines could split a quoted note), or does not
/// start with its header.
pub fn rows_of(text: &str, measurable: &str) -> Option<String> {
    if text.contains('"') {
        return None;
    }
    let mut lines = text.split_inclusive('\n');
    let header = lines.next().unwrap_or("");
    if without_bom(header).split(',').next().map(str::trim) != Some("week") {
        return None;
    }
    let mut out = header.to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    for line in lines {
        if line.split(',').nth(1).map(str::trim) == Some(measurable) {
            out.push_str(line);
            if !line.ends_with('\n') {
                out.push('\n');
            }
        }
    }
    Some(out)
}

impl ValuesDoc {
    pub fn empty() -> ValuesDoc {
        ValuesDoc {
            header: HEADER.to_string(),
            rows: Vec::new(),
            crlf: false,
            bom: false,
        }
    }

    /// Records a value, replacing any earlier row of the same week and measurable.
    pub fn upsert(&mut self, week: Week, measurable: &str, value: f64, note: &str) {
        self.rows
            .retain(|r| !(r.week == week && r.measurable == measurable));
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        let value = format_exact(value);
        let week = week.to_string();
        // Writing to a Vec cannot fail.
        let _ = writer.write_record([week.as_str(), measurable, value.as_str(), note]);
        let raw = writer
            .into_inner()
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        self.rows.push(RawRow {
            week: week.parse().expect("just formatted"),
            measurable: measurable.to_string(),
            raw: raw.trim_end_matches('\n').to_string(),
        });
        self.rows.sort_by_key(|r| r.week);
    }

    /// Renames a measurable in every row (after its id changed).
    pub fn rows_of(&self, measurable: &str) -> usize {
        self.rows
            .iter()
            .filter(|r| r.measurable == measurable)
            .count()
    }

    /// The file's text, checked to read back as it must: pulse never writes
    /// a `scorecard.csv` it could not read.
    pub fn checked_text(&self, file: &FileRef) -> Result<String> {
        let text = self.to_text();
        parse_values(file, &text)?;
        Ok(text)
    }

    pub fn to_text(&self) -> String {
        let newline = if self.crlf { "\r\n" } else { "\n" };
        let mut out = String::with_capacity(self.rows.len() * 32 + 64);
        if self.bom {
            out.push_str(BOM);
        }
        out.push_str(&self.header);
        out.push_str(newline);
        for row in &self.rows {
            out.push_str(&row.raw);
            out.push_str(newline);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn file() -> FileRef {
        FileRef {
            path: PathBuf::from("scorecard.csv"),
            display: "scorecard.csv".into(),
        }
    }

    #[test]
    fn keeps_rows_as_typed_and_sorts_by_week() {
        let text = "week,measurable,value,note\n2026-W47,leads,10.0,\"a, b\"\n2026-W45,leads,7,\n";
        let (values, mut doc) = parse(&file(), text).unwrap();
        assert_eq!(values.entries.len(), 2);
        doc.upsert("2026-W46".parse().unwrap(), "leads", 8.5, "");
        assert_eq!(
            doc.to_text(),
            "week,measurable,value,note\n2026-W45,leads,7,\n2026-W46,leads,8.5,\n2026-W47,leads,10.0,\"a, b\"\n"
        );
    }

    #[test]
    fn a_week_recorded_twice_is_refused_not_guessed() {
        let text = "week,measurable,value,note\n2026-W47,leads,10,\n2026-W47,leads,12,\n";
        let err = parse(&file(), text).err().unwrap();
        assert!(
            err.message.starts_with(
                "scorecard.csv:3: week 2026-W47 of `leads` is recorded twice (also on line 2)"
            ),
            "{}",
            err.message
        );
        assert!(parse_values(&file(), text).is_err());
        let values = parse_with_duplicates(&file(), text).unwrap();
        assert_eq!(values.duplicates, vec![(2, 3)]);
    }

    #[test]
    fn an_open_quote_is_an_error_at_its_line() {
        let text = "week,measurable,value,note\n2026-W46,leads,3,fine\n2026-W47,leads,10,\"open\n2026-W48,leads,11,\n";
        let err = parse(&file(), text).err().unwrap();
        assert!(
            err.message.starts_with("scorecard.csv:3: a quote"),
            "{}",
            err.message
        );
        let stray = "week,measurable,value,note\n2026-W47,leads,10,5\" screen\n";
        assert!(parse(&file(), stray).is_err());
        // A quoted note over two lines, with a quote inside, is fine.
        let fine = "week,measurable,value,note\n2026-W47,leads,10,\"a \"\"b\"\"\nc\"\n";
        assert_eq!(
            parse(&file(), fine).unwrap().0.entries[0].note,
            "a \"b\"\nc"
        );
    }

    #[test]
    fn bom_and_line_endings_are_the_files_own() {
        let week = "2026-W46".parse().unwrap();
        // One CRLF row among LF ones: written back LF, the BOM kept.
        let text = "\u{feff}week,measurable,value,note\n2026-W45,leads,1,\r\n2026-W47,leads,3,\n";
        let (_, mut doc) = parse(&file(), text).unwrap();
        doc.upsert(week, "leads", 2.0, "");
        assert_eq!(
            doc.to_text(),
            "\u{feff}week,measurable,value,note\n2026-W45,leads,1,\n2026-W46,leads,2,\n2026-W47,leads,3,\n"
        );
        // Mostly CRLF: CRLF.
        let text = "week,measurable,value,note\r\n2026-W45,leads,1,\r\n2026-W47,leads,3,\n";
        let (_, mut doc) = parse(&file(), text).unwrap();
        doc.upsert(week, "leads", 2.0, "");
        assert_eq!(
            doc.to_text(),
            "week,measurable,value,note\r\n2026-W45,leads,1,\r\n2026-W46,leads,2,\r\n2026-W47,leads,3,\r\n"
        );
    }

    #[test]
    fn rows_of_one_measurable() {
        let text = "week,measurable,value,note\r\n2026-W46,leads,2,\r\n2026-W46, calls ,3,x\r\n2026-W47,leads,4";
        assert_eq!(
            rows_of(text, "leads").unwrap(),
            "week,measurable,value,note\r\n2026-W46,leads,2,\r\n2026-W47,leads,4\n"
        );
        assert_eq!(
            rows_of(text, "calls").unwrap(),
            "week,measurable,value,note\r\n2026-W46, calls ,3,x\r\n"
        );
        let quoted = "week,measurable,value,note\n2026-W46,leads,2,\"a\nb\"\n";
        assert!(rows_of(quoted, "leads").is_none());
    }

    /// Rows out of week order, and a week written three times (two merges).
    #[test]
    fn rows_in_any_order_and_repeated() {
        let text = "week,measurable,value,note\n2026-W47,leads,1,\n2026-W46,leads,2,\n2026-W47,calls,3,\n2026-W47,leads,4,\n2026-W47,leads,5,\n";
        let values = parse_with_duplicates(&file(), text).unwrap();
        let get = |m: &str, w: &str| values.get(m, w.parse().unwrap()).map(|e| e.value);
        assert_eq!(get("leads", "2026-W47"), Some(5.0));
        assert_eq!(get("leads", "2026-W46"), Some(2.0));
        assert_eq!(get("calls", "2026-W47"), Some(3.0));
        assert_eq!(get("calls", "2026-W46"), None);
        assert_eq!(get("other", "2026-W46"), None);
        assert_eq!(values.duplicates, vec![(2, 5), (5, 6)]);
    }

    #[test]
    fn broken_row_names_the_line() {
        let text = "week,measurable,value,note\n2026-W47,leads,10,\n2026-W99,leads,3,\n";
        let err = parse(&file(), text).err().unwrap();
        assert!(
            err.message.starts_with("scorecard.csv:3:"),
            "{}",
            err.message
        );
        let err = parse(
            &file(),
            "week,measurable,value,note\n2026-W47,leads,many,\n",
        )
        .err()
        .unwrap();
        assert!(
            err.message.contains("scorecard.csv:2:") && err.message.contains("expected a number")
        );
    }
}
