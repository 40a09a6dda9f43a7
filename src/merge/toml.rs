//! Merging a TOML file: parse the three versions with `toml_edit`, merge
//! theirs into ours by meaning (see [`super::tree`]), write our document
//! back out. With conflicts, the merge runs a second time settling each to
//! their side, and each conflicting unit is written with both versions
//! between markers. A clean result is parsed again before it is trusted.

use super::tree::{Conflict, Side, merge_documents};
use super::units::Unit;
use super::{Outcome, elide, fresh_token};
use toml_edit::DocumentMut;

/// Merges three TOML texts (LF line ends, no byte order mark); `None` when
/// a version does not parse, or the result would not.
pub fn merge(base: &str, ours: &str, theirs: &str) -> Option<Outcome> {
    // A long list whose items mostly did not change: only the changed ones
    // are parsed (see `elide`); the full merge if that does not work out.
    if let Some(elision) = elide::Elision::new(base, ours, theirs)
        && let Some(outcome) = merge_texts(&elision.base, &elision.ours, &elision.theirs)
            .and_then(|outcome| elision.restore(outcome))
    {
        return Some(outcome);
    }
    merge_texts(base, ours, theirs)
}

fn merge_texts(base: &str, ours: &str, theirs: &str) -> Option<Outcome> {
    let parse = |text: &str| text.parse::<DocumentMut>().ok();
    let (base_doc, theirs_doc, mut merged) = (parse(base)?, parse(theirs)?, parse(ours)?);
    let conflicts = merge_documents(&base_doc, &mut merged, &theirs_doc, Side::Ours);
    if conflicts.is_empty() {
        let text = merged.to_string();
        // A clean merge must read back: anything else goes to the fall-back.
        text.parse::<toml::Table>().ok()?;
        return Some(Outcome {
            text,
            conflicts: Vec::new(),
        });
    }
    let mut theirs_settled = parse(ours)?;
    merge_documents(&base_doc, &mut theirs_settled, &theirs_doc, Side::Theirs);
    write_conflicts(merged, &theirs_settled, conflicts, [base, ours, theirs])
}

/// Writes each conflicting unit as a block: our-settled version against
/// their-settled one. Conflicts in one unit share its block.
fn write_conflicts(
    mut merged: DocumentMut,
    theirs_settled: &DocumentMut,
    conflicts: Vec<Conflict>,
    texts: [&str; 3],
) -> Option<Outcome> {
    let mut units: Vec<(Unit, Vec<String>)> = Vec::new();
    for conflict in conflicts {
        match units.iter_mut().find(|(unit, _)| *unit == conflict.unit) {
            Some((_, whats)) => whats.push(conflict.what),
            None => units.push((conflict.unit, vec![conflict.what])),
        }
    }
    let token = fresh_token("pulse-conflict-", &texts);
    let mut blocks = Vec::with_capacity(units.len());
    for (n, (unit, _)) in units.iter().enumerate() {
        let block = super::markers::block(&unit.render(&merged), &unit.render(theirs_settled));
        let shape = unit
            .shape_in(&merged)
            .or_else(|| unit.shape_in(theirs_settled))?;
        let placeholder = format!("{token}{n}");
        if !unit.place(&mut merged, shape, &placeholder) {
            return None;
        }
        blocks.push((placeholder, block));
    }
    let (text, starts) = super::units::fill(&merged.to_string(), &blocks)?;
    let conflicts = starts
        .into_iter()
        .zip(units)
        .map(|(start, (_, whats))| (start, whats.join("; ")))
        .collect();
    Some(Outcome { text, conflicts })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Merges and checks what any merge must give: a clean result parses,
    /// and the elided merge (see `elide`) agrees with the full one.
    fn run(base: &str, ours: &str, theirs: &str) -> Outcome {
        let merged = merge(base, ours, theirs).expect("merges");
        let full = merge_texts(base, ours, theirs).expect("merges");
        assert_eq!(merged.text, full.text, "elided and full merges differ");
        if merged.conflicts.is_empty() {
            assert!(
                merged.text.parse::<toml::Table>().is_ok(),
                "{}",
                merged.text
            );
        }
        merged
    }

    fn clean(base: &str, ours: &str, theirs: &str) -> String {
        let merged = run(base, ours, theirs);
        assert!(
            merged.conflicts.is_empty(),
            "{:?}\n{}",
            merged.conflicts,
            merged.text
        );
        merged.text
    }

    fn todo(id: &str, rest: &str) -> String {
        format!(
            "\n[[todo]]\nid = \"{id}\"\ntitle = \"{}\"\n{rest}",
            id.to_uppercase()
        )
    }

    fn list(items: &[String]) -> String {
        format!("# to-dos\n{}", items.concat())
    }

    #[test]
    fn items_added_on_both_sides_are_kept_ours_first() {
        let base = list(&[todo("a", "")]);
        let ours = list(&[todo("a", ""), todo("b", "")]);
        let theirs = list(&[todo("a", ""), todo("c", ""), todo("d", "")]);
        let expected = list(&[todo("a", ""), todo("b", ""), todo("c", ""), todo("d", "")]);
        assert_eq!(clean(&base, &ours, &theirs), expected);
    }

    #[test]
    fn different_fields_changed_on_both_sides_are_both_kept() {
        let base = list(&[todo("a", "owner = \"amy\"\n"), todo("b", "")]);
        let ours = list(&[todo("a", "owner = \"ian\"\n"), todo("b", "")]);
        let theirs = list(&[
            todo("a", "owner = \"amy\"\ndone = 2026-12-01\n"),
            todo("b", ""),
        ]);
        let expected = list(&[
            todo("a", "owner = \"ian\"\ndone = 2026-12-01\n"),
            todo("b", ""),
        ]);
        assert_eq!(clean(&base, &ours, &theirs), expected);
    }

    /// A milestone added on one side, the rock's status changed on the other.
    #[test]
    fn a_milestone_added_here_and_a_status_changed_there() {
        let rock = |status: &str, milestones: &str| {
            format!("[[rock]]\nid = \"ipv6\"\nstatus = \"{status}\"\nmilestones = [{milestones}]\n")
        };
        let one = "{ title = \"Vendor\", done = true }";
        let two = "{ title = \"Vendor\", done = true }, { title = \"Pilot\" }";
        let merged = clean(
            &rock("on-track", one),
            &rock("on-track", two),
            &rock("off-track", one),
        );
        assert_eq!(merged, rock("off-track", two));
        // A milestone marked done here and renamed there: both, on one milestone.
        let merged = clean(
            &rock("on-track", "{ title = \"Pilot\" }"),
            &rock("on-track", "{ title = \"Pilot\", done = true }"),
            &rock("on-track", "{ title = \"Pilot in Frankfurt\" }"),
        );
        assert_eq!(
            merged,
            rock(
                "on-track",
                "{ title = \"Pilot in Frankfurt\", done = true }"
            )
        );
    }

    #[test]
    fn the_same_change_on_both_sides_is_taken_once() {
        let base = list(&[todo("a", "")]);
        let both = list(&[todo("a", "done = 2026-12-01\n"), todo("b", "")]);
        assert_eq!(clean(&base, &both, &both), both);
    }

    #[test]
    fn an_item_removed_on_one_side_and_untouched_on_the_other_is_removed() {
        let base = list(&[todo("a", ""), todo("b", ""), todo("c", "")]);
        let ours = list(&[todo("a", ""), todo("c", "")]);
        let theirs = list(&[
            todo("a", ""),
            todo("b", ""),
            todo("c", "done = 2026-12-01\n"),
        ]);
        let expected = list(&[todo("a", ""), todo("c", "done = 2026-12-01\n")]);
        assert_eq!(clean(&base, &ours, &theirs), expected);
        assert_eq!(clean(&base, &theirs, &ours), expected);
    }

    /// The last item removed here (the list is gone from the file) while
    /// there another is added: no conflict.
    #[test]
    fn a_list_emptied_on_one_side_takes_the_other_sides_additions() {
        let base = "x = 1\n\n[[todo]]\nid = \"a\"\n";
        let ours = "x = 1\n";
        let theirs = "x = 1\n\n[[todo]]\nid = \"a\"\n\n[[todo]]\nid = \"b\"\n";
        assert_eq!(clean(base, ours, theirs), "x = 1\n\n[[todo]]\nid = \"b\"\n");
        assert_eq!(clean(base, theirs, ours), "x = 1\n\n[[todo]]\nid = \"b\"\n");
    }

    #[test]
    fn a_field_changed_to_two_values_is_a_conflict_around_the_item() {
        let base = list(&[todo("a", "owner = \"amy\"\n"), todo("b", "")]);
        let ours = list(&[todo("a", "owner = \"ian\"\n"), todo("b", "")]);
        let theirs = list(&[
            todo("a", "owner = \"zoe\"\ndone = 2026-12-01\n"),
            todo("b", ""),
            todo("c", ""),
        ]);
        let merged = run(&base, &ours, &theirs);
        let item = |owner: &str| {
            format!("[[todo]]\nid = \"a\"\ntitle = \"A\"\nowner = \"{owner}\"\ndone = 2026-12-01\n")
        };
        let expected = format!(
            "# to-dos\n\n<<<<<<< ours\n{}=======\n{}>>>>>>> theirs\n{}{}",
            item("ian"),
            item("zoe"),
            todo("b", ""),
            todo("c", "")
        );
        assert_eq!(merged.text, expected);
        assert_eq!(
            merged.conflicts,
            [(
                10,
                "todo \"a\": owner changed to different values on both sides".to_string()
            )]
        );
    }

    #[test]
    fn a_removal_against_an_edit_is_a_conflict() {
        let base = list(&[todo("z", ""), todo("a", ""), todo("b", "")]);
        let ours = list(&[todo("z", ""), todo("b", "")]);
        let theirs = list(&[
            todo("z", ""),
            todo("a", "done = 2026-12-01\n"),
            todo("b", ""),
        ]);
        let merged = run(&base, &ours, &theirs);
        assert_eq!(merged.conflicts.len(), 1, "{}", merged.text);
        assert!(merged.conflicts[0].1.contains("removed on our side"));
        // The item ours removed comes back only between the markers, after the list.
        let expected = format!(
            "{}\n<<<<<<< ours\n=======\n{}>>>>>>> theirs\n",
            ours,
            todo("a", "done = 2026-12-01\n").trim_start()
        );
        assert_eq!(merged.text, expected);
        let merged = run(&base, &theirs, &ours);
        assert!(merged.conflicts[0].1.contains("removed on theirs"));
        let expected = format!(
            "{}\n<<<<<<< ours\n{}=======\n>>>>>>> theirs\n{}",
            list(&[todo("z", "")]),
            todo("a", "done = 2026-12-01\n").trim_start(),
            todo("b", "")
        );
        assert_eq!(merged.text, expected);
    }

    #[test]
    fn two_new_items_with_one_id_are_a_conflict() {
        let base = list(&[todo("a", "")]);
        let ours = list(&[todo("a", ""), todo("b", "owner = \"amy\"\n")]);
        let theirs = list(&[todo("a", ""), todo("b", "owner = \"ian\"\n")]);
        let merged = run(&base, &ours, &theirs);
        assert_eq!(merged.conflicts.len(), 1);
        assert!(merged.conflicts[0].1.contains("added on both sides"));
        assert!(
            merged.text.contains("owner = \"amy\"\n=======\n[[todo]]"),
            "{}",
            merged.text
        );
    }

    #[test]
    fn comments_travel_with_their_item() {
        let base = list(&[todo("a", ""), todo("b", "")]);
        let ours = list(&[
            todo("a", ""),
            todo("b", ""),
            format!("\n# ask Amy first{}", todo("c", "")),
        ]);
        let theirs = list(&[
            format!("\n# urgent{}", todo("b", "").trim_start_matches('\n')),
            todo("d", ""),
        ]);
        let expected = list(&[
            format!("\n# urgent{}", todo("b", "").trim_start_matches('\n')),
            format!("\n# ask Amy first{}", todo("c", "")),
            todo("d", ""),
        ]);
        assert_eq!(clean(&base, &ours, &theirs), expected);
    }

    #[test]
    fn our_formatting_is_kept_and_theirs_comes_with_their_change() {
        let base = "[[rock]]\nid   = \"a\"   # aligned\nstatus = 'on-track'\ndue = 2026-12-31\n";
        let ours = "[[rock]]\nid   = \"a\"   # aligned\nstatus = 'on-track'\ndue = 2026-12-24\n";
        let theirs = "[[rock]]\nid = \"a\"\nstatus = \"done\" # shipped\ndue = 2026-12-31\n";
        assert_eq!(
            clean(base, ours, theirs),
            "[[rock]]\nid   = \"a\"   # aligned\nstatus = \"done\" # shipped\ndue = 2026-12-24\n"
        );
    }

    #[test]
    fn tables_merge_by_key() {
        let base = "[company]\nname = \"Lapwing\"\n\n[people.amy]\nname = \"Amy\"\n\n[people.zoe]\nname = \"Zoe\"\n";
        let ours = "[company]\nname = \"Lapwing Cloud\"\n\n[people.amy]\nname = \"Amy\"\n\n[people.zoe] # integrator\nname = \"Zoe\"\nemail = \"zoe@x\"\n";
        let theirs = "[company]\nname = \"Lapwing\"\n\n[people.amy]\nname = \"Amy Chen\"\n\n[people.zoe]\nname = \"Zoe\"\n\n[people.raj]\nname = \"Raj\"\n";
        assert_eq!(
            clean(base, ours, theirs),
            "[company]\nname = \"Lapwing Cloud\"\n\n[people.amy]\nname = \"Amy Chen\"\n\n[people.zoe] # integrator\nname = \"Zoe\"\nemail = \"zoe@x\"\n\n[people.raj]\nname = \"Raj\"\n"
        );
    }

    #[test]
    fn a_top_level_key_in_conflict_is_wrapped_alone() {
        let base = "kind = \"l10\"\ndate = 2026-11-26\n";
        let ours = "kind = \"quarterly\"\ndate = 2026-11-26\n";
        let theirs = "kind = \"annual\"\ndate = 2026-11-27\n";
        let merged = run(base, ours, theirs);
        assert_eq!(
            merged.text,
            "<<<<<<< ours\nkind = \"quarterly\"\n=======\nkind = \"annual\"\n>>>>>>> theirs\ndate = 2026-11-27\n"
        );
        assert_eq!(
            merged.conflicts,
            [(
                0,
                "kind: changed to different values on both sides".to_string()
            )]
        );
    }

    #[test]
    fn a_key_of_a_table_in_conflict_is_wrapped_alone() {
        let base = "[meeting]\nweekday = \"thursday\"\ntime = \"09:00\"\n";
        let ours = "[meeting]\nweekday = \"friday\"\ntime = \"09:00\"\n";
        let theirs = "[meeting]\nweekday = \"monday\"\ntime = \"10:00\"\n";
        let merged = run(base, ours, theirs);
        assert_eq!(
            merged.text,
            "[meeting]\n<<<<<<< ours\nweekday = \"friday\"\n=======\nweekday = \"monday\"\n>>>>>>> theirs\ntime = \"10:00\"\n"
        );
        assert_eq!(
            merged.conflicts[0].1,
            "meeting.weekday: changed to different values on both sides"
        );
    }

    #[test]
    fn a_table_removed_against_an_edit_is_a_conflict_around_the_table() {
        let base = "[people.amy]\nname = \"Amy\"\n\n[people.zoe]\nname = \"Zoe\"\n";
        let ours = "[people.amy]\nname = \"Amy\"\n";
        let theirs = "[people.amy]\nname = \"Amy\"\n\n[people.zoe]\nname = \"Zoe Park\"\n";
        let merged = run(base, ours, theirs);
        assert_eq!(
            merged.text,
            "[people.amy]\nname = \"Amy\"\n\n<<<<<<< ours\n=======\n[people.zoe]\nname = \"Zoe Park\"\n>>>>>>> theirs\n"
        );
        assert_eq!(
            merged.conflicts[0].1,
            "people.zoe: removed on our side, changed on theirs"
        );
    }

    /// A headline's text changed two ways: the whole `headlines` line.
    #[test]
    fn an_element_of_an_array_changed_two_ways_is_a_conflict_around_the_line() {
        let line = |text: &str| {
            format!("kind = \"l10\"\nheadlines = [{{ by = \"amy\", text = \"{text}\" }}]\n")
        };
        let merged = run(
            &line("Acme renewed"),
            &line("Acme renewed for 3 years"),
            &line("Acme renewed!"),
        );
        assert_eq!(
            merged.text,
            format!(
                "kind = \"l10\"\n<<<<<<< ours\n{}=======\n{}>>>>>>> theirs\n",
                line("Acme renewed for 3 years")
                    .lines()
                    .nth(1)
                    .unwrap()
                    .to_string()
                    + "\n",
                line("Acme renewed!").lines().nth(1).unwrap().to_string() + "\n",
            )
        );
        assert_eq!(
            merged.conflicts[0].1,
            "headlines: [1].text changed to different values on both sides"
        );
    }

    #[test]
    fn inline_tables_merge_by_key() {
        let base = "ratings = { zoe = 9, ian = 8 }\nminutes = { segue = 5 }\n";
        let ours = "ratings = { zoe = 9, ian = 7 }\nminutes = { segue = 5, ids = 60 }\n";
        let theirs = "ratings = { zoe = 9, ian = 8, amy = 10 }\nminutes = { segue = 6 }\n";
        assert_eq!(
            clean(base, ours, theirs),
            "ratings = { zoe = 9, ian = 7, amy = 10 }\nminutes = { segue = 6, ids = 60 }\n"
        );
        // One rating given two values: the line is the conflict.
        let merged = run(
            base,
            "ratings = { zoe = 10, ian = 8 }\n",
            "ratings = { zoe = 7, ian = 8 }\n",
        );
        assert_eq!(
            merged.conflicts[0].1,
            "ratings: zoe changed to different values on both sides"
        );
    }

    #[test]
    fn arrays_merge_as_sequences() {
        let base = "cascade = [\"a\", \"b\"]\nattendees = [\n  \"zoe\",\n  \"ian\",\n]\n";
        let ours = "cascade = [\"a\", \"b\", \"c\"]\nattendees = [\n  \"zoe\",\n  \"ian\",\n  \"amy\",\n]\n";
        let theirs =
            "cascade = [\"x\", \"a\"]\nattendees = [\n  \"zoe\",\n  \"ian\",\n  \"raj\",\n]\n";
        assert_eq!(
            clean(base, ours, theirs),
            "cascade = [\"x\", \"a\", \"c\"]\nattendees = [\n  \"zoe\",\n  \"ian\",\n  \"amy\",\n  \"raj\",\n]\n"
        );
    }

    #[test]
    fn inline_lists_of_tables_merge_by_id() {
        let base = "todo = [{ id = \"a\", title = \"A\" }]\n";
        let ours = "todo = [{ id = \"a\", title = \"A2\" }, { id = \"b\" }]\n";
        let theirs = "todo = [{ id = \"a\", title = \"A\", done = true }, { id = \"c\" }]\n";
        assert_eq!(
            clean(base, ours, theirs),
            "todo = [{ id = \"a\", title = \"A2\", done = true }, { id = \"b\" }, { id = \"c\" }]\n"
        );
    }

    /// Lines that look like headers inside multi-line strings stay text.
    #[test]
    fn multi_line_strings_merge_as_values() {
        let note = |text: &str| format!("note = \"\"\"\n[[todo]]\n{text}\"\"\"\n");
        let base = list(&[todo("a", &note("x")), todo("b", "")]);
        let ours = list(&[todo("a", &note("y")), todo("b", "")]);
        let theirs = list(&[todo("a", &note("x")), todo("b", "done = 2026-12-01\n")]);
        let expected = list(&[todo("a", &note("y")), todo("b", "done = 2026-12-01\n")]);
        assert_eq!(clean(&base, &ours, &theirs), expected);
    }

    #[test]
    fn a_version_that_does_not_parse_is_refused() {
        assert!(merge("a = 1\n", "a = \n", "a = 2\n").is_none());
        assert!(merge("a = 1\n", "a = 1\n", "[[x]\n").is_none());
    }

    /// Notes that hide headers, comments and quotes in strings and arrays.
    const NOTES: [&str; 6] = [
        "\"plain\"",
        "\"\"\"\n[[todo]]\n# not a comment\"\"\"",
        "'''\n\n# text\n'''",
        "[\n  [\"[[todo]]\"], # [\n]",
        "\"# hash\"",
        "{ a = \"}\" }",
    ];

    fn item(i: usize, note: usize, comment: bool) -> String {
        let above = if comment { "# about it\n" } else { "" };
        format!("\n{above}[[todo]]\nid = \"t{i}\"\nnote = {}\n", NOTES[note])
    }

    proptest::proptest! {
        /// The short cut for unchanged items changes nothing: the elided
        /// merge writes what the full merge writes.
        #[test]
        fn elided_and_full_merges_agree(
            base in proptest::collection::vec((0..NOTES.len(), proptest::bool::ANY), 1..8),
            ours in proptest::collection::vec(proptest::option::of(0..NOTES.len()), 8),
            theirs in proptest::collection::vec(proptest::option::of(0..NOTES.len()), 8),
            removed in 0..10usize,
            table_after in 0..10usize,
        ) {
            // Another table among the items, changed on theirs' side.
            let side = |edits: &[Option<usize>], drop: Option<usize>, setting: &str| {
                let mut text = String::from("# list\n");
                for (i, &(note, comment)) in base.iter().enumerate() {
                    if i == table_after {
                        text.push_str(&format!("\n[settings]\nx = {setting}\n"));
                    }
                    if Some(i) != drop {
                        text.push_str(&item(i, edits[i].unwrap_or(note), comment));
                    }
                }
                text
            };
            let (b, o, t) = (
                side(&[None; 8], None, "1"),
                side(&ours, Some(removed), "1"),
                side(&theirs, None, "2"),
            );
            // No item the same in all three versions: nothing to elide.
            let Some(elision) = elide::Elision::new(&b, &o, &t) else {
                return Ok(());
            };
            let elided = merge_texts(&elision.base, &elision.ours, &elision.theirs)
                .and_then(|outcome| elision.restore(outcome))
                .expect("merges");
            let full = merge_texts(&b, &o, &t).expect("merges");
            proptest::prop_assert_eq!(&elided.text, &full.text);
            proptest::prop_assert_eq!(elided.conflicts, full.conflicts);
        }
    }
}
