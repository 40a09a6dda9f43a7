//! `seats.toml`: the accountability chart, a tree of seats via `reports_to`.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize, Default)]
pub struct SeatsFile {
    #[serde(default)]
    pub seat: Vec<Seat>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Seat {
    pub id: String,
    #[serde(default, serialize_with = "super::absent::empty_as_null")]
    pub name: String,
    pub reports_to: Option<String>,
    #[serde(default)]
    pub people: Vec<String>,
    #[serde(default)]
    pub roles: Vec<String>,
}

impl SeatsFile {
    pub fn ids(&self) -> Vec<&str> {
        self.seat.iter().map(|s| s.id.as_str()).collect()
    }

    /// Seats whose `reports_to` chain loops back on itself, each cycle once.
    pub fn cycles(&self) -> Vec<Vec<String>> {
        let mut cycles: Vec<Vec<String>> = Vec::new();
        for start in &self.seat {
            let mut path: Vec<&str> = vec![start.id.as_str()];
            let mut current = start;
            while let Some(parent) = current.reports_to.as_deref() {
                if let Some(pos) = path.iter().position(|p| *p == parent) {
                    let mut cycle: Vec<String> =
                        path[pos..].iter().map(|s| s.to_string()).collect();
                    let min = cycle
                        .iter()
                        .enumerate()
                        .min_by_key(|(_, s)| s.as_str())
                        .map_or(0, |(i, _)| i);
                    cycle.rotate_left(min);
                    if !cycles.contains(&cycle) {
                        cycles.push(cycle);
                    }
                    break;
                }
                match self.seat.iter().find(|s| s.id == parent) {
                    Some(next) => {
                        path.push(next.id.as_str());
                        current = next;
                    }
                    None => break,
                }
            }
        }
        cycles
    }
}
