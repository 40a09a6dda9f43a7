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
    let (values, doc) = read(file, text, true, None)?;
    refuse_duplicates(file, text, &values)?;
    Ok((values, doc))
}

/// The weeks a reader wants, first to last: rows of other weeks are
/// passed over after their first field (ten years hold 15,000 rows; the
/// agenda wants one week).
pub type Window = std::ops::RangeInclusive<Week>;

fn read(
    file: &FileRef,
    text: &str,
    keep_rows: bool,
    window: Option<&Window>,
) -> Result<(Values, ValuesDoc)> {
    read_rows(file, text, keep_rows, window)
        .map_err(|e| super::parse::conflict_error(file, without_bom(text)).unwrap_or(e))
}

/// Parses the file into values only (what read commands need); refused as
/// [`parse`] refuses it.
pub fn parse_values(file: &FileRef, text: &str) -> Result<Values> {
    let (values, _) = read(file, text, false, None)?;
    refuse_duplicates(file, text, &values)?;
    Ok(values)
}

/// The values of the weeks in `window` only; refused as [`parse`] refuses
/// the rows of those weeks.
pub fn parse_window(file: &FileRef, text: &str, window: &Window) -> Result<Values> {
    let (values, _) = read(file, text, false, Some(window))?;
    refuse_duplicates(file, text, &values)?;
    Ok(values)
}

/// Parses the file into values with every repeated week and measurable
/// listed in [`Values::duplicates`], for `pulse check` to report each one.
pub fn parse_with_duplicates(file: &FileRef, text: &str) -> Result<Values> {
    read(file, text, false, None).map(|(values, _)| values)
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
    duplicate_of(file, &week, &measurable, first, later)
}

fn duplicate_of(file: &FileRef, week: &str, measurable: &str, first: u64, later: u64) -> Error {
    Error::broken(format!(
        "{}:{later}: week {week} of `{}` is recorded twice (also on line {first}); pulse will not pick one",
        file.display,
        crate::escape::escape(measurable)
    ))
    .with_hint("delete the row that is wrong (a merge of two clones can keep both)")
}

/// Refuses a file with two rows of a week and measurable. A row a window
/// passed over is not among the entries: its key is read from its line.
fn refuse_duplicates(file: &FileRef, text: &str, values: &Values) -> Result<()> {
    match values.duplicates.first() {
        None => Ok(()),
        Some(&(first, later)) => {
            let mut error = if values.entries.iter().any(|e| e.line == later) {
                duplicate_error(file, values, first, later)
            } else {
                let row = without_bom(text)
                    .lines()
                    .nth(later as usize - 1)
                    .unwrap_or("");
                let mut fields = row.split(',').map(str::trim);
                let week = fields.next().unwrap_or("");
                duplicate_of(file, week, fields.next().unwrap_or(""), first, later)
            };
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

fn read_rows<'t>(
    file: &FileRef,
    text: &'t str,
    keep_rows: bool,
    window: Option<&Window>,
) -> Result<(Values, ValuesDoc)> {
    let body = without_bom(text);
    let mut entries = Vec::new();
    let mut rows = Vec::new();
    let mut header = None;
    // Rows come a week at a time: a week's text is parsed once.
    let mut last_week: Option<(String, Week)> = None;
    // A row of a week outside the window is passed over on its first field
    // (the week's text, parsed once per week); anything else is read whole.
    // A row passed over still counts for duplicates: no reader picks one
    // of two rows of a week and measurable, in its window or not. pulse
    // writes a week's rows together, so a row is compared with the rows of
    // its week's run; a week whose rows are scattered (a hand edit, a union
    // merge) sends the file to a whole-file search.
    let mut seen: Option<(&'t str, bool)> = None;
    // The run's measurables with their lines, and a 1,024-bit filter of
    // their hashes: a row is compared with the run only when its bit is
    // already set (about once a run of thirty).
    let mut run: Vec<(&'t str, u64)> = Vec::new();
    let mut filter = [0u64; 16];
    // The weeks whose run has been seen, as weeks (`2026-w47` is `2026-W47`).
    let mut run_weeks: std::collections::HashSet<Week> = Default::default();
    let mut scattered = false;
    let mut duplicates_outside: Vec<(u64, u64)> = Vec::new();
    let mut wanted = |first: &'t str, second: &'t str, line: u64| -> bool {
        let Some(window) = window else {
            return true;
        };
        let keep = match seen {
            Some((text, keep)) if same(text, first) => keep,
            _ => {
                run.clear();
                filter = [0; 16];
                // A row that is no week's (a blank `,,,` row, a typo) is read
                // whole, where it is passed over or refused.
                let keep = match first.parse::<Week>() {
                    Ok(week) => {
                        scattered |= !run_weeks.insert(week);
                        window.contains(&week)
                    }
                    Err(_) => true,
                };
                seen = Some((first, keep));
                keep
            }
        };
        if !keep {
            let measurable = trimmed(second);
            let bit = fnv1a(measurable) % 1024;
            let (word, mask) = (bit as usize / 64, 1u64 << (bit % 64));
            if filter[word] & mask != 0
                && let Some(&(_, earlier)) = run.iter().find(|(m, _)| *m == measurable)
            {
                duplicates_outside.push((earlier, line));
            }
            filter[word] |= mask;
            run.push((measurable, line));
        }
        keep
    };
    let mut passed_over: std::collections::HashMap<(Week, String), u64> = Default::default();
    let mut duplicates_quoted: Vec<(u64, u64)> = Vec::new();
    for_each_row(file, body, &mut wanted, |line, span, record| {
        let raw = || body[span.clone()].trim_matches(['\n', '\r']).to_string();
        if header.is_none() {
            if record.first().map(|f| f.trim()) != Some("week") {
                return Err(Error::broken(format!(
                    "{}:{line}: the first line must be the header `{HEADER}`",
                    file.display
                )));
            }
            header = Some(raw());
            return Ok(());
        }
        if record.iter().all(|f| f.trim().is_empty()) {
            return Ok(());
        }
        let bad = |what: String| Error::broken(format!("{}:{line}: {what}", file.display));
        let week_text = record.first().copied().unwrap_or("");
        let week = match &last_week {
            Some((text, week)) if text == week_text => *week,
            _ => {
                let week: Week = week_text.parse().map_err(bad)?;
                last_week = Some((week_text.to_string(), week));
                week
            }
        };
        if window.is_some_and(|w| !w.contains(&week)) {
            // Only a quoted file's rows come here from outside the window
            // (the plain ones are passed over before): still compared.
            let measurable = record.get(1).copied().unwrap_or("").trim().to_string();
            if let Some(earlier) = passed_over.insert((week, measurable), line) {
                duplicates_quoted.push((earlier, line));
            }
            return Ok(());
        }
        let measurable = record.get(1).copied().unwrap_or("").trim().to_string();
        if measurable.is_empty() {
            return Err(bad("the measurable (second column) is empty".into()));
        }
        let value = value_of(record.get(2).copied().unwrap_or("")).map_err(bad)?;
        let note = record.get(3).copied().unwrap_or("").to_string();
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
        Ok(())
    })?;
    let doc = ValuesDoc {
        header: header.unwrap_or_else(|| HEADER.to_string()),
        rows,
        crlf: crlf_convention(body),
        bom: text.starts_with(BOM),
    };
    let mut values = Values::new(entries);
    if scattered {
        duplicates_outside = duplicates_by_search(body);
    }
    duplicates_outside.extend(duplicates_quoted);
    if !duplicates_outside.is_empty() {
        values.duplicates.extend(duplicates_outside);
        values.duplicates.sort_by_key(|&(_, later)| later);
        values.duplicates.dedup();
    }
    Ok((values, doc))
}

/// `text.trim()`, with no search when it starts and ends with a visible
/// ASCII character (a measurable's id, as pulse writes it).
fn trimmed(text: &str) -> &str {
    let visible = |b: Option<&u8>| b.is_some_and(u8::is_ascii_graphic);
    if visible(text.as_bytes().first()) && visible(text.as_bytes().last()) {
        text
    } else {
        text.trim()
    }
}

/// Two short texts are equal: a byte loop, where `==` calls `memcmp` once
/// a row.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

/// FNV-1a: a measurable's id hashed in a few nanoseconds.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Every pair of rows of one week and measurable, by a search of the whole
/// (quote-free) file: (the earlier line, the later line).
fn duplicates_by_search(body: &str) -> Vec<(u64, u64)> {
    let mut first_line: std::collections::HashMap<(Week, &str), u64> = Default::default();
    let mut duplicates = Vec::new();
    for (i, line) in body.lines().enumerate().skip(1) {
        let mut fields = line.split(',');
        let (Some(week), Some(measurable)) = (fields.next(), fields.next()) else {
            continue;
        };
        // Blank rows and rows of no week are not records of one.
        let (Ok(week), measurable) = (week.parse::<Week>(), measurable.trim()) else {
            continue;
        };
        if measurable.is_empty() {
            continue;
        }
        let line = i as u64 + 1;
        if let Some(earlier) = first_line.insert((week, measurable), line) {
            duplicates.push((earlier, line));
        }
    }
    duplicates
}

/// Calls `row` with each record of the file: its line, its span in the
/// text and its fields. A file with no quote in it (as pulse writes one,
/// unless a note holds a comma) is split at newlines and commas; a quoted
/// one is read by the csv crate. Blank lines are passed over, as the csv
/// crate passes them over.
fn for_each_row<'b>(
    file: &FileRef,
    body: &'b str,
    wanted: &mut dyn FnMut(&'b str, &'b str, u64) -> bool,
    row: impl FnMut(u64, std::ops::Range<usize>, &[&str]) -> Result<()>,
) -> Result<()> {
    // Whole-file searches by `memchr`, vectorised: ten years are 265 KB.
    let bytes = body.as_bytes();
    let lone_cr = memchr::memchr_iter(b'\r', bytes).any(|i| bytes.get(i + 1) != Some(&b'\n'));
    if memchr::memchr(b'"', bytes).is_some() || lone_cr {
        csv_rows(file, body, row)
    } else {
        plain_rows(body, wanted, row)
    }
}

/// The rows of a file with no quote (and no lone CR): split at newlines and
/// commas.
fn plain_rows<'b>(
    body: &'b str,
    wanted: &mut dyn FnMut(&'b str, &'b str, u64) -> bool,
    mut row: impl FnMut(u64, std::ops::Range<usize>, &[&str]) -> Result<()>,
) -> Result<()> {
    // One buffer for every row's fields: ten years are 15,600 rows. The
    // scan is by bytes (`memchr`, a loop for the few bytes before a
    // comma): a `char` pattern costs a search and a compare on each row.
    let mut fields: Vec<&str> = Vec::with_capacity(4);
    let bytes = body.as_bytes();
    let (mut start, mut line) = (0, 0u64);
    while start < bytes.len() {
        line += 1;
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i + 1);
        let span = start..end;
        let mut stop = end;
        while stop > start && matches!(bytes[stop - 1], b'\n' | b'\r') {
            stop -= 1;
        }
        start = end;
        let content = &body[span.start..stop];
        if content.is_empty() {
            continue;
        }
        let (first, rest) = at_comma(content);
        if !wanted(first, at_comma(rest).0, line) {
            continue;
        }
        fields.clear();
        fields.extend(content.split(','));
        row(line, span, &fields)?;
    }
    Ok(())
}

/// The text before the first comma and the text after it (empty when there
/// is none).
fn at_comma(text: &str) -> (&str, &str) {
    match text.bytes().position(|b| b == b',') {
        Some(i) => (&text[..i], &text[i + 1..]),
        None => (text, ""),
    }
}

/// The rows of any file, by the csv crate.
fn csv_rows(
    file: &FileRef,
    body: &str,
    mut row: impl FnMut(u64, std::ops::Range<usize>, &[&str]) -> Result<()>,
) -> Result<()> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes());
    let mut record = csv::StringRecord::new();
    loop {
        let start = reader.position().byte() as usize;
        let more = reader.read_record(&mut record).map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            Error::broken(format!("{}:{line}: {e}", file.display))
        })?;
        if !more {
            return Ok(());
        }
        let end = (reader.position().byte() as usize).min(body.len());
        let line = record.position().map_or(0, |p| p.line());
        // Quotes come in pairs in a row that reads the same to every CSV
        // reader: one left open swallows the rows after it.
        if body.as_bytes()[start..end]
            .iter()
            .filter(|&&b| b == b'"')
            .count()
            % 2
            == 1
        {
            return Err(Error::broken(format!(
                "{}:{line}: a quote (`\"`) is not closed: a quoted field ends with a quote, and a quote inside it is written twice (`\"\"`)",
                file.display
            )));
        }
        let fields: Vec<&str> = record.iter().collect();
        row(line, start..end, &fields)?;
    }
}

/// A cell's value. Nearly every cell is a plain decimal as pulse writes
/// it, read as is; anything else (`$1,200`, `98%`) goes through the rules
/// of `scorecard record`.
fn value_of(cell: &str) -> std::result::Result<f64, String> {
    let plain = !cell.is_empty()
        && cell.len() <= 15
        && cell
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-');
    match plain.then(|| cell.parse::<f64>().ok()).flatten() {
        Some(n) => Ok(n),
        None => parse_value(cell),
    }
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

/// One row of the file: its key, its fields and its text as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub week: Week,
    pub measurable: String,
    pub value: f64,
    pub note: String,
    /// The row's text, without its line end.
    pub raw: String,
}

/// The header line and the rows of the file in file order, blank rows left
/// out: what the merge driver merges. Errors as [`parse`].
pub fn rows(file: &FileRef, text: &str) -> Result<(String, Vec<Row>)> {
    let (values, doc) = read(file, text, true, None)?;
    // `read` pushes an entry and its raw row together: the two lists pair up.
    let rows = values
        .entries
        .into_iter()
        .zip(doc.rows)
        .map(|(entry, row)| Row {
            week: entry.week,
            measurable: entry.measurable,
            value: entry.value,
            note: entry.note,
            raw: row.raw,
        })
        .collect();
    Ok((doc.header, rows))
}

/// A row as pulse writes it (quoted where CSV needs it), without a line end.
pub fn format_row(week: Week, measurable: &str, value: f64, note: &str) -> String {
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
    raw.trim_end_matches('\n').to_string()
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
        self.rows.push(RawRow {
            week,
            measurable: measurable.to_string(),
            raw: format_row(week, measurable, value, note),
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
    use proptest::prelude::*;

    type Rows = Vec<(u64, std::ops::Range<usize>, Vec<String>)>;

    fn collect(
        read: impl FnOnce(
            &mut dyn FnMut(u64, std::ops::Range<usize>, &[&str]) -> crate::error::Result<()>,
        ) -> crate::error::Result<()>,
    ) -> Rows {
        let mut out = Vec::new();
        read(&mut |line, span, fields| {
            out.push((line, span, fields.iter().map(|f| f.to_string()).collect()));
            Ok(())
        })
        .unwrap();
        out
    }

    proptest! {
        /// A window refuses a file exactly when the whole file repeats a
        /// week and measurable, wherever the repeat is: rows of a week
        /// together or scattered, ids that share a filter bit (sixty ids in
        /// a week's run).
        #[test]
        fn a_window_finds_the_repeats_the_whole_file_has(
            rows in proptest::collection::vec((0..4u32, 0..60u32, any::<bool>()), 0..80),
            sorted in any::<bool>(),
        ) {
            let mut rows = rows;
            if sorted {
                rows.sort_by_key(|r| r.0);
            }
            let mut text = String::from("week,measurable,value,note\n");
            for (week, id, spaced) in &rows {
                let id = if *spaced { format!(" m{id} ") } else { format!("m{id}") };
                text.push_str(&format!("2026-W{:02},{id},1,\n", 44 + week));
            }
            let whole = parse_with_duplicates(&file(), &text).unwrap();
            let window = "2026-W47".parse().unwrap()..="2026-W47".parse().unwrap();
            prop_assert_eq!(
                parse_window(&file(), &text, &window).is_err(),
                !whole.duplicates.is_empty()
            );
        }

        /// Splitting a quote-free file at newlines and commas reads the same
        /// records and rows as the csv crate, each at its own line (the csv
        /// crate counts a record after blank lines from the first of them).
        #[test]
        fn plain_rows_read_as_the_csv_crate(parts in proptest::collection::vec(
            prop_oneof![
                Just("2026-W47"), Just("leads"), Just("12.5"), Just(","), Just("\n"),
                Just("\r\n"), Just(" "), Just("a b"), Just(""),
            ], 0..60)) {
            let body: String = parts.concat();
            let file = FileRef { path: "scorecard.csv".into(), display: "scorecard.csv".into() };
            let plain = collect(|f| super::plain_rows(&body, &mut |_, _, _| true, f));
            let csv = collect(|f| super::csv_rows(&file, &body, f));
            let rows = |rows: &Rows| -> Vec<(String, Vec<String>)> {
                rows.iter()
                    .map(|(_, span, fields)| {
                        (body[span.clone()].trim_matches(['\n', '\r']).to_string(), fields.clone())
                    })
                    .collect()
            };
            prop_assert_eq!(rows(&plain), rows(&csv));
            for (line, span, _) in &plain {
                let starts_on = body[..span.start].matches('\n').count() as u64 + 1;
                prop_assert_eq!(*line, starts_on);
            }
        }
    }

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
    fn a_duplicate_is_listed_for_check_and_refused_by_readers() {
        let text = "week,measurable,value,note\n2026-W47,leads,10,\n2026-W47,leads,12,\n";
        let err = parse(&file(), text).err().unwrap();
        assert!(err.message.contains(":3: week 2026-W47"), "{}", err.message);
        let values = parse_with_duplicates(&file(), text).unwrap();
        assert_eq!(
            values
                .get("leads", "2026-W47".parse().unwrap())
                .unwrap()
                .value,
            12.0
        );
        assert_eq!(values.duplicates, vec![(2, 3)]);
    }

    #[test]
    fn a_window_still_refuses_a_duplicate_outside_it() {
        let window = "2026-W48".parse().unwrap()..="2026-W48".parse().unwrap();
        let together = "week,measurable,value,note\n2026-W47,leads,10,\n2026-W47,calls,3,\n2026-W47,leads,12,\n2026-W48,leads,1,\n";
        let err = parse_window(&file(), together, &window).err().unwrap();
        assert!(err.message.contains(":4: week 2026-W47"), "{}", err.message);
        let scattered = "week,measurable,value,note\n2026-W47,leads,10,\n2026-W48,leads,1,\n2026-W48,calls,1,\n2026-W47,leads,12,\n";
        let err = parse_window(&file(), scattered, &window).err().unwrap();
        assert!(err.message.contains(":5: week 2026-W47"), "{}", err.message);
        let fine = "week,measurable,value,note\n2026-W47,leads,10,\n2026-W48,leads,1,\n2026-W47,calls,12,\n";
        assert_eq!(
            parse_window(&file(), fine, &window).unwrap().entries.len(),
            1
        );
    }

    /// Found in review: blank `,,,` rows (a spreadsheet's) made a window
    /// refuse a good file; a week written `2026-w47` or a quoted file hid a
    /// duplicate from a window.
    #[test]
    fn a_window_reads_blank_rows_and_finds_every_duplicate() {
        let window = "2026-W49".parse().unwrap()..="2026-W49".parse().unwrap();
        let blank = "week,measurable,value,note\n2026-W48,big,1,\n,,,\n2026-W49,big,2,\n,,,\n";
        assert_eq!(
            parse_window(&file(), blank, &window).unwrap().entries.len(),
            1
        );
        let cased =
            "week,measurable,value,note\n2026-W47,big,1,\n2026-w47,big,2,\n2026-W49,big,3,\n";
        assert!(parse_values(&file(), cased).is_err());
        assert!(parse_window(&file(), cased, &window).is_err());
        let quoted = "week,measurable,value,note\n2026-W47,big,1,\"a, b\"\n2026-W47,big,2,\n2026-W49,big,3,\n";
        assert!(parse_values(&file(), quoted).is_err());
        assert!(parse_window(&file(), quoted, &window).is_err());
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
