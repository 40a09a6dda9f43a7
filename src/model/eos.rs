//! EOS's numbers, named once: how many rocks, measurables, core values,
//! uniques and roles a team keeps, and the completion goals. Check, the
//! commands that add, the agendas and the report all read them here.

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

    /// "3 to 7" (or "3" when both ends are one number), for messages.
    pub fn range(self) -> String {
        if self.min == self.max {
            self.min.to_string()
        } else {
            format!("{} to {}", self.min, self.max)
        }
    }
}

/// Rocks one person holds in a quarter: EOS recommends one to three.
pub const ROCKS_PER_PERSON: Limit = Limit { min: 1, max: 3 };
/// Above this many rocks one person holds, the warning is stronger: seven
/// is already the most a whole leadership team sets.
pub const ROCKS_PER_PERSON_MOST: usize = 7;
/// Company rocks in a quarter.
pub const COMPANY_ROCKS: Limit = Limit { min: 3, max: 7 };
/// Measurables on a scorecard.
pub const MEASURABLES: Limit = Limit { min: 5, max: 15 };
/// Core values in the V/TO.
pub const CORE_VALUES: Limit = Limit { min: 3, max: 7 };
/// Uniques in the marketing strategy: EOS asks for three.
pub const UNIQUES: Limit = Limit { min: 3, max: 3 };
/// The 1-year plan's goals: EOS sets 3–7; past ten it is a wish list.
pub const ONE_YEAR_GOALS: Limit = Limit { min: 3, max: 7 };
pub const ONE_YEAR_GOALS_MOST: usize = 10;
/// Roles of one seat in the accountability chart.
pub const ROLES_PER_SEAT: Limit = Limit { min: 3, max: 7 };
/// People in one seat: one person per seat.
pub const PEOPLE_PER_SEAT: usize = 1;
/// Seats at the top of the chart (reporting to no one), not counting a
/// Visionary seat above the Integrator.
pub const TOP_SEATS: usize = 1;
/// Share of a quarter's rocks done, in percent.
pub const ROCK_COMPLETION_GOAL: f64 = 80.0;
/// Share of the week's to-dos done on time, in percent.
pub const TODO_COMPLETION_GOAL: f64 = 90.0;
