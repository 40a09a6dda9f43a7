//! The company model: plain types and the EOS rules, no I/O.

pub mod absent;
pub mod checkup;
pub mod company;
pub mod conversation;
pub mod eos;
pub mod goal;
pub mod ids;
pub mod issue;
pub mod level10;
pub mod meeting;
pub mod number;
pub mod people;
pub mod process;
pub mod rock;
pub mod scorecard;
pub mod seats;
pub mod sheet;
pub mod source;
pub mod team;
pub mod time;
pub mod todo;
pub mod vision;
