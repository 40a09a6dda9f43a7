//! The seven sections of a Level 10 meeting, in agenda order: the key each
//! has in a meeting file's `minutes` table (SPEC §1), its title and its share
//! of a 90-minute meeting.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    Segue,
    Scorecard,
    Rocks,
    Headlines,
    Todos,
    Ids,
    Conclude,
}

impl Section {
    pub const ALL: [Section; 7] = [
        Section::Segue,
        Section::Scorecard,
        Section::Rocks,
        Section::Headlines,
        Section::Todos,
        Section::Ids,
        Section::Conclude,
    ];

    /// Its key in `minutes = { segue = 6, ... }` and in `[run] section`.
    pub fn key(self) -> &'static str {
        match self {
            Section::Segue => "segue",
            Section::Scorecard => "scorecard",
            Section::Rocks => "rocks",
            Section::Headlines => "headlines",
            Section::Todos => "todos",
            Section::Ids => "ids",
            Section::Conclude => "conclude",
        }
    }

    /// Its title on the agenda.
    pub fn title(self) -> &'static str {
        match self {
            Section::Segue => "Segue",
            Section::Scorecard => "Scorecard",
            Section::Rocks => "Rock review",
            Section::Headlines => "Customer/employee headlines",
            Section::Todos => "To-do list",
            Section::Ids => "IDS",
            Section::Conclude => "Conclude",
        }
    }

    /// A short title, for a row of all seven.
    pub fn short_title(self) -> &'static str {
        match self {
            Section::Rocks => "Rocks",
            Section::Headlines => "Headlines",
            Section::Todos => "To-dos",
            other => other.title(),
        }
    }

    /// Its minutes in a 90-minute meeting.
    pub fn base_minutes(self) -> u32 {
        match self {
            Section::Ids => 60,
            _ => 5,
        }
    }

    pub fn index(self) -> usize {
        Section::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    pub fn from_key(key: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.key() == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_minutes_add_up() {
        for s in Section::ALL {
            assert_eq!(Section::from_key(s.key()), Some(s));
            assert_eq!(Section::ALL[s.index()], s);
        }
        assert_eq!(
            Section::ALL.iter().map(|s| s.base_minutes()).sum::<u32>(),
            90
        );
        assert_eq!(Section::from_key("lunch"), None);
    }
}
