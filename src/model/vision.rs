//! `vision.toml`: the one-page Vision/Traction Organizer. Every section is optional.

use super::time::Date;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize, Default, PartialEq)]
pub struct Vision {
    #[serde(default)]
    pub core_values: Vec<CoreValue>,
    pub core_focus: Option<CoreFocus>,
    pub ten_year_target: Option<TenYearTarget>,
    pub marketing_strategy: Option<MarketingStrategy>,
    pub three_year_picture: Option<Picture>,
    pub one_year_plan: Option<Picture>,
    /// The Traction side's Rocks block: the quarter's numbers.
    pub quarterly_rocks: Option<QuarterNumbers>,
}

/// `[quarterly_rocks]`: the revenue, profit and measurables the quarter's
/// company rocks aim at (its date is the quarter's last day).
#[derive(Debug, Clone, Deserialize, Serialize, Default, PartialEq)]
pub struct QuarterNumbers {
    #[serde(default, serialize_with = "super::absent::empty_as_null")]
    pub revenue: String,
    #[serde(default, serialize_with = "super::absent::empty_as_null")]
    pub profit: String,
    #[serde(default)]
    pub measurables: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct CoreValue {
    pub name: String,
    #[serde(default, serialize_with = "super::absent::empty_as_null")]
    pub description: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, Default, PartialEq)]
pub struct CoreFocus {
    #[serde(default, serialize_with = "super::absent::empty_as_null")]
    pub purpose: String,
    #[serde(default, serialize_with = "super::absent::empty_as_null")]
    pub niche: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct TenYearTarget {
    pub date: Option<Date>,
    #[serde(default, serialize_with = "super::absent::empty_as_null")]
    pub goal: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, Default, PartialEq)]
pub struct MarketingStrategy {
    #[serde(default, serialize_with = "super::absent::empty_as_null")]
    pub target_market: String,
    #[serde(default)]
    pub uniques: Vec<String>,
    #[serde(default, serialize_with = "super::absent::empty_as_null")]
    pub proven_process: String,
    #[serde(default, serialize_with = "super::absent::empty_as_null")]
    pub guarantee: String,
}

/// The 3-year picture and the 1-year plan share one shape; the plan has goals,
/// the picture has what it "looks like".
#[derive(Debug, Clone, Deserialize, Serialize, Default, PartialEq)]
pub struct Picture {
    pub date: Option<Date>,
    #[serde(default, serialize_with = "super::absent::empty_as_null")]
    pub revenue: String,
    #[serde(default, serialize_with = "super::absent::empty_as_null")]
    pub profit: String,
    #[serde(default)]
    pub measurables: Vec<String>,
    #[serde(default)]
    pub looks_like: Vec<String>,
    #[serde(default)]
    pub goals: Vec<String>,
    /// The 1-year plan's goals that were hit, by their text: the annual
    /// planning marks each goal hit or missed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hit: Vec<String>,
}
