//! EOS's numbers, named once: how many rocks, measurables and core values a
//! team keeps, and the completion goals. Check, the commands that add, the
//! agendas and the report all read them here.

/// A range EOS recommends for a count.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub min: usize,
    pub max: usize,
}

impl Limit {
    pub fn within(self, n: usize) -> bool {
        (self.min..=self.max).contains(&n)
    }

    /// "3 to 7", for messages.
    pub fn range(self) -> String {
        format!("{} to {}", self.min, self.max)
    }
}

/// Rocks one person holds in a quarter.
pub const ROCKS_PER_PERSON: Limit = Limit { min: 3, max: 7 };
/// Company rocks in a quarter.
pub const COMPANY_ROCKS: Limit = Limit { min: 3, max: 7 };
/// Measurables on a scorecard.
pub const MEASURABLES: Limit = Limit { min: 5, max: 15 };
/// Core values in the V/TO.
pub const CORE_VALUES: Limit = Limit { min: 3, max: 7 };
/// Share of a quarter's rocks done, in percent.
pub const ROCK_COMPLETION_GOAL: f64 = 80.0;
/// Share of the week's to-dos done on time, in percent.
pub const TODO_COMPLETION_GOAL: f64 = 90.0;
