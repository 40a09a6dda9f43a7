//! One change a person cares about, as `pulse diff` and `pulse log` report
//! it: which part of the company, what kind of change, the item, in words.

use serde::Serialize;

#[derive(Debug, Serialize, Clone)]
pub struct ChangeRecord {
    pub component: Component,
    pub kind: Kind,
    pub id: String,
    pub summary: String,
    /// A word-level diff of changed text (vision sections).
    pub detail: Option<String>,
    /// The department the change happened in; absent for the leadership
    /// team (the root).
    pub team: Option<String>,
}

/// The part of the company a change belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Component {
    Rocks,
    Scorecard,
    Issues,
    Todos,
    People,
    Seats,
    Vision,
    Meetings,
}

impl Component {
    /// Every component, in the order a diff shows them.
    pub const ALL: [Component; 8] = [
        Component::Rocks,
        Component::Scorecard,
        Component::Issues,
        Component::Todos,
        Component::People,
        Component::Seats,
        Component::Vision,
        Component::Meetings,
    ];

    /// The heading of its section.
    pub fn heading(self) -> &'static str {
        match self {
            Component::Rocks => "Rocks",
            Component::Scorecard => "Scorecard",
            Component::Issues => "Issues",
            Component::Todos => "To-dos",
            Component::People => "People",
            Component::Seats => "Seats",
            Component::Vision => "Vision",
            Component::Meetings => "Meetings",
        }
    }
}

/// What happened to the item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Added,
    Assigned,
    Cascade,
    Changed,
    Done,
    Dropped,
    Due,
    Goal,
    Headline,
    Left,
    Meeting,
    MilestoneAdded,
    MilestoneDone,
    Moved,
    Overdue,
    Owner,
    Priority,
    Raised,
    Rated,
    Recorded,
    Removed,
    Renamed,
    Reopened,
    ReportsTo,
    Roles,
    Solved,
    Status,
    Unassigned,
}
