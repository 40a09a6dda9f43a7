//! The rocks table.

use super::style::{BAD, DIM, GOOD, Painter, WARN};
use super::table::TableBuilder;
use crate::model::rock::{Rock, RockStatus};

pub fn status_style(status: RockStatus) -> anstyle::Style {
    match status {
        RockStatus::OnTrack => GOOD,
        RockStatus::OffTrack => BAD,
        RockStatus::Done => WARN.bold(),
        RockStatus::Dropped | RockStatus::NotDone => DIM,
    }
}

/// The rocks of a quarter. A closed (past) quarter's show what became of
/// each (`done`, `not done, rolled to 2027-Q1`...), not live on/off-track
/// words, and no overdue marks.
pub fn rocks_table(
    painter: Painter,
    rocks: &[&Rock],
    today: chrono::NaiveDate,
    closed: bool,
) -> String {
    let mut table = TableBuilder::new(
        painter,
        &["rock", "title", "owner", "status", "due", "steps"],
    );
    let ids: Vec<&str> = rocks.iter().map(|r| r.id.as_str()).collect();
    let short = crate::model::ids::shortest_prefixes(&ids);
    for (rock, id) in rocks.iter().zip(short) {
        let due = rock
            .due
            .map(|d| d.0.to_string())
            .unwrap_or_else(|| "-".into());
        let milestones = if rock.milestones.is_empty() {
            "-".to_string()
        } else {
            format!("{}/{}", rock.milestones_done(), rock.milestones.len())
        };
        let overdue = !closed
            && rock.due.is_some_and(|d| d.0 < today)
            && matches!(rock.status, RockStatus::OnTrack | RockStatus::OffTrack);
        let status = if closed {
            let style = if rock.status == RockStatus::Done {
                status_style(RockStatus::Done)
            } else {
                DIM
            };
            (rock.settled_word(), Some(style))
        } else {
            (rock.status.to_string(), Some(status_style(rock.status)))
        };
        table.styled_row(vec![
            (id, None),
            // A company rock is marked, so the title keeps the width.
            (
                if rock.company {
                    format!("★ {}", rock.title)
                } else {
                    rock.title.clone()
                },
                None,
            ),
            (rock.owner.clone(), None),
            status,
            (
                if overdue {
                    format!("{due} (overdue)")
                } else {
                    due
                },
                overdue.then_some(BAD),
            ),
            (milestones, None),
        ]);
    }
    let mut text = table.shrink(1).render();
    if rocks.iter().any(|r| r.company) {
        text.push_str("★ company rock; steps: milestones done/all\n");
    }
    text
}
