//! Every key of the meeting screen in words, for its help overlay, its
//! footer and the README: one list, so the three never disagree with what
//! the state machine does.

use crate::model::level10::Section;

/// Keys that work in every section.
pub const GLOBAL: &[(&str, &str)] = &[
    ("n →  p ←", "next section, previous section"),
    ("space", "pause or resume the clock"),
    ("↑ ↓  k j", "select a row"),
    ("?", "this help (any key closes it)"),
    ("q", "end the meeting (before Conclude, y confirms)"),
    (
        "Ctrl-C",
        "stop at once, commit nothing; run again to resume",
    ),
];

/// Each section's own keys.
pub fn section_keys(section: Section) -> &'static [(&'static str, &'static str)] {
    match section {
        Section::Segue => &[("x  Enter", "present or absent")],
        Section::Scorecard => &[("i", "drop the selected miss to the issues list")],
        Section::Rocks => &[
            ("o f d", "on track, off track, done"),
            ("i", "drop an off-track rock to the issues list"),
        ],
        Section::Headlines => &[("a", "add a headline")],
        Section::Todos => &[("x  Enter", "done (again: not done)")],
        Section::Ids => &[
            ("Enter", "IDS it: resolution, to-dos; solve, drop or keep"),
            ("1 2 3  0", "top three: make it 1, 2 or 3; 0 takes it out"),
            ("a", "add an issue"),
        ],
        Section::Conclude => &[
            ("c", "add a cascading message"),
            ("Enter  1-9", "rate the meeting for the selected person"),
        ],
    }
}

/// Keys inside a form.
pub const FORM: &[(&str, &str)] = &[
    ("Tab ↓ Enter", "next field (Enter on the last one saves)"),
    ("Shift-Tab ↑", "previous field"),
    ("← →  letter", "change a choice"),
    ("s d k", "on the IDS buttons: solve, drop, keep open"),
    ("Ctrl-U  Esc", "clear the field; cancel"),
];

/// The footer's reminder: the section's keys in short, then the way
/// around (80 columns at most).
pub fn hint(section: Section) -> String {
    let own = match section {
        Section::Segue => "x here/away",
        Section::Scorecard => "i miss → issue",
        Section::Rocks => "o/f/d on/off/done · i → issue",
        Section::Headlines => "a add",
        Section::Todos => "x done",
        Section::Ids => "Enter IDS · 1-3/0 top · a add",
        Section::Conclude => "c cascade · Enter/1-9 rate",
    };
    format!("{own} · n/p section · space pause · ? help · q end")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_hint_fits_80_columns() {
        for section in Section::ALL {
            let width = hint(section).chars().count();
            assert!(width <= 80, "{section:?}: {width}");
        }
    }
}
