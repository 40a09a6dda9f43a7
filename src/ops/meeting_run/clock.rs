//! The meeting's clock: how long each section has run, the section it runs
//! now, and whether it is paused. Time comes in from outside as a monotonic
//! reading (`now`, time since the screen opened), so the clock reads no
//! clock of its own and tests can set any moment.

use crate::model::level10::Section;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Clock {
    /// Time banked per section (in `Section::ALL` order).
    spent: [Duration; 7],
    current: Section,
    /// When the current section last started running; `None` while paused.
    since: Option<Duration>,
}

impl Clock {
    /// A clock at `current`, running from `now`, with `spent` already banked
    /// (a resumed meeting's).
    pub fn new(current: Section, spent: [Duration; 7], now: Duration) -> Clock {
        Clock {
            spent,
            current,
            since: Some(now),
        }
    }

    pub fn current(&self) -> Section {
        self.current
    }

    pub fn paused(&self) -> bool {
        self.since.is_none()
    }

    /// How long `section` has run, as of `now`.
    pub fn spent(&self, section: Section, now: Duration) -> Duration {
        let banked = self.spent[section.index()];
        match self.since {
            Some(since) if section == self.current => banked + now.saturating_sub(since),
            _ => banked,
        }
    }

    /// The meeting's total: every section's time, pauses left out.
    pub fn total(&self, now: Duration) -> Duration {
        Section::ALL.iter().map(|s| self.spent(*s, now)).sum()
    }

    /// Every section's time in whole seconds, as of `now`.
    pub fn seconds(&self, now: Duration) -> [u64; 7] {
        Section::ALL.map(|s| self.spent(s, now).as_secs())
    }

    fn bank(&mut self, now: Duration) {
        if let Some(since) = self.since {
            self.spent[self.current.index()] += now.saturating_sub(since);
            self.since = Some(now);
        }
    }

    /// Moves to another section; the clock keeps running (or stays paused).
    pub fn go_to(&mut self, section: Section, now: Duration) {
        self.bank(now);
        self.current = section;
    }

    /// Pauses a running clock, resumes a paused one.
    pub fn toggle_pause(&mut self, now: Duration) {
        if self.since.is_some() {
            self.bank(now);
            self.since = None;
        } else {
            self.since = Some(now);
        }
    }
}

/// `mm:ss`, minutes past 99 as they come (`93:10` for a long meeting, as a
/// meeting's minutes are counted).
pub fn clock_text(d: Duration) -> String {
    let secs = d.as_secs();
    format!("{:02}:{:02}", secs / 60, secs % 60)
}

/// Like [`clock_text`] without the leading zero ("over by 1:20").
pub fn short_clock_text(d: Duration) -> String {
    let text = clock_text(d);
    match text.strip_prefix('0') {
        Some(rest) if !rest.starts_with(':') => rest.to_string(),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(n: u64) -> Duration {
        Duration::from_secs(n)
    }

    #[test]
    fn sections_bank_their_time_and_pauses_count_for_none() {
        let mut clock = Clock::new(Section::Segue, [Duration::ZERO; 7], s(0));
        assert_eq!(clock.spent(Section::Segue, s(90)), s(90));
        clock.go_to(Section::Scorecard, s(100));
        clock.toggle_pause(s(130));
        assert!(clock.paused());
        assert_eq!(clock.spent(Section::Scorecard, s(500)), s(30));
        clock.toggle_pause(s(500));
        assert_eq!(clock.spent(Section::Scorecard, s(510)), s(40));
        clock.go_to(Section::Segue, s(510));
        assert_eq!(clock.spent(Section::Segue, s(520)), s(110));
        assert_eq!(clock.total(s(520)), s(150));
        assert_eq!(clock.seconds(s(520))[..2], [110, 40]);
    }

    #[test]
    fn a_resumed_clock_starts_from_what_was_banked() {
        let mut spent = [Duration::ZERO; 7];
        spent[Section::Ids.index()] = s(600);
        let clock = Clock::new(Section::Ids, spent, s(5));
        assert_eq!(clock.spent(Section::Ids, s(65)), s(660));
    }

    #[test]
    fn clock_texts() {
        assert_eq!(clock_text(s(0)), "00:00");
        assert_eq!(clock_text(s(80)), "01:20");
        assert_eq!(clock_text(s(5590)), "93:10");
        assert_eq!(short_clock_text(s(80)), "1:20");
        assert_eq!(short_clock_text(s(5)), "0:05");
        assert_eq!(short_clock_text(s(700)), "11:40");
        assert_eq!(short_clock_text(s(6000)), "100:00");
    }
}
