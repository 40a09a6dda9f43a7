//! The pieces the planning agendas share: the numbers, rocks and to-dos of
//! a period, the 1-year plan beside the rocks to set, the issues list, and
//! the annual's Team health.

use super::checkup::{headline, trend_line, weakest_lines};
use super::page::{Line, Section};
use super::style::{BAD, DIM, GOOD, WARN};
use super::words::count;
use crate::model::eos;
use crate::model::issue::Issue;
use crate::model::number::{goal_with_unit, with_unit};
use crate::model::rock::RockStatus;
use crate::model::vision::Picture;
use crate::ops::planning::{NumberSummary, Plan, QuarterRocks};
use crate::ops::team_health::TeamHealth;

fn percent(part: usize, whole: usize) -> String {
    format!("{:.0}%", part as f64 * 100.0 / whole.max(1) as f64)
}

/// One measurable over the period, its hit rate said plainly: hits of the
/// weeks recorded, and how many weeks went unrecorded.
pub fn number_line(n: &NumberSummary) -> Line {
    let name = if n.name.is_empty() { &n.id } else { &n.name };
    let mut text = format!(
        "{name} ({}): goal {}",
        n.owner,
        goal_with_unit(n.goal, &n.unit)
    );
    if n.recorded == 0 {
        text.push_str(&format!(
            "; no value recorded in {}",
            count(n.weeks, "week", "weeks")
        ));
        return Line::marked("0/0", text, Some(BAD));
    }
    text.push_str(&format!(
        "; hit {} of {} recorded ({})",
        n.hits,
        count(n.recorded, "week", "weeks"),
        percent(n.hits, n.recorded)
    ));
    if n.hits * 2 < n.recorded {
        text.push_str(", missed most weeks");
    }
    if n.recorded < n.weeks {
        text.push_str(&format!(
            "; {} of {} not recorded",
            n.weeks - n.recorded,
            n.weeks
        ));
    }
    if let Some(a) = n.average {
        text.push_str(&format!("; average {}", with_unit(a, &n.unit)));
    }
    let style = if n.hits * 10 < n.recorded * 8 {
        BAD
    } else if n.recorded < n.weeks {
        WARN
    } else {
        GOOD
    };
    Line::marked(&format!("{}/{}", n.hits, n.recorded), text, Some(style))
}

/// A quarter's rocks as done or not done (a dropped rock is not done).
/// A quarter still running on the meeting's day shows each rock's status.
pub fn rock_lines(section: &mut Section, q: &QuarterRocks, date: chrono::NaiveDate) {
    let indent = 0;
    let running = q.quarter.last_day() >= date;
    let done = q
        .rocks
        .iter()
        .filter(|r| r.status == RockStatus::Done)
        .count();
    let rate = match q.completion {
        Some(c) => format!(
            "{done} of {} done ({c:.0}%, goal {:.0}%)",
            count(q.rocks.len(), "rock", "rocks"),
            eos::ROCK_COMPLETION_GOAL
        ),
        None => "no rocks".to_string(),
    };
    let so_far = if running { " so far" } else { "" };
    section.push(Line::plain(format!("Rocks of {}{so_far}: {rate}", q.quarter)).indented(indent));
    for r in &q.rocks {
        let (mark, style) = if r.status == RockStatus::Done {
            ("done", GOOD)
        } else if running && r.status.is_open() {
            (r.status.as_str(), super::rocks::status_style(r.status))
        } else {
            ("not done", BAD)
        };
        let mark = &format!("{mark:<9}");
        let dropped = if r.status == RockStatus::Dropped {
            ", dropped"
        } else {
            ""
        };
        section.push(
            Line::marked(
                mark,
                format!("{} ({}{dropped})", r.title, r.owner),
                Some(style),
            )
            .indented(indent + 1),
        );
    }
}

pub fn todo_line(plan: &Plan) -> Line {
    if plan.todos_due == 0 {
        return Line::plain("To-dos: none were due in the period");
    }
    Line::plain(format!(
        "To-dos: {} of {} due were done on time ({}, goal {:.0}%)",
        plan.todos_on_time,
        plan.todos_due,
        percent(plan.todos_on_time, plan.todos_due),
        eos::TODO_COMPLETION_GOAL
    ))
}

/// Revenue and profit are not in the files: the team brings them, against
/// the 1-year plan's.
pub fn money_line(plan: Option<&Picture>, what: &str) -> Line {
    let target = plan
        .map(|p| {
            [("revenue", &p.revenue), ("profit", &p.profit)]
                .iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| format!("{k} {v}"))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    if target.is_empty() {
        Line::plain(format!("Revenue and profit of {what}: bring the actuals"))
    } else {
        Line::plain(format!(
            "Revenue and profit of {what}: bring the actuals (1-year plan: {target})"
        ))
    }
}

/// Establish next quarter's rocks, the 1-year plan beside them.
pub fn next_rocks(plan: &Plan, minutes: &str) -> Section {
    let mut s = Section::new(
        format!("Establish next quarter's rocks: {}", plan.next_quarter),
        minutes,
    );
    match &plan.vision.one_year_plan {
        Some(p) if !p.goals.is_empty() => {
            let by = p.date.map(|d| format!(" (by {})", d.0)).unwrap_or_default();
            s.push(Line::plain(format!("Beside the 1-year plan{by}:")));
            for g in &p.goals {
                s.push(Line::marked("-", g.clone(), None).indented(1));
            }
        }
        _ => s.push(Line::dim("No 1-year plan goals in the V/TO yet.")),
    }
    let company = eos::COMPANY_ROCKS.range();
    let each = eos::ROCKS_PER_PERSON.range();
    for (i, text) in [
        "List the candidates: everything that must get done this quarter".to_string(),
        "Keep, kill or combine them".to_string(),
        format!("Set {company} company rocks, each with one owner"),
        format!("Each leader sets individual rocks: {each} each, the company rocks included"),
    ]
    .into_iter()
    .enumerate()
    {
        s.push(Line::marked(&format!("{}.", i + 1), text, None));
    }
    if plan.next_rocks.is_empty() {
        s.push(Line::dim(format!(
            "None set yet: pulse rock add TITLE --owner H --quarter {}",
            plan.next_quarter
        )));
        return s;
    }
    let live: Vec<_> = plan
        .next_rocks
        .iter()
        .filter(|r| r.status != RockStatus::Dropped)
        .collect();
    let companies = live.iter().filter(|r| r.company).count();
    s.push(Line::plain(format!(
        "Set so far: {}, {} individual",
        count(companies, "company rock", "company rocks"),
        live.len() - companies
    )));
    for r in &live {
        let kind = if r.company { ", company" } else { "" };
        s.push(Line::marked("-", format!("{} ({}{kind})", r.title, r.owner), None).indented(1));
    }
    if !eos::COMPANY_ROCKS.within(companies) {
        s.push(Line::styled(
            format!("EOS sets {company} company rocks; {companies} so far"),
            WARN,
        ));
    }
    for (owner, n) in &plan.rocks_per_owner {
        if *n > eos::ROCKS_PER_PERSON.max {
            s.push(Line::styled(
                format!("{owner} has {n} rocks: EOS keeps {each} a person"),
                if *n > eos::ROCKS_PER_PERSON_MOST {
                    BAD
                } else {
                    WARN
                },
            ));
        }
    }
    s
}

fn issue_line(i: &Issue) -> Line {
    let owner = if i.owner.is_empty() {
        String::new()
    } else {
        format!(" ({})", i.owner)
    };
    Line::marked("-", format!("{}{owner}", i.title), None).indented(1)
}

/// Tackle key issues: the whole issues list, long-term first.
pub fn issues(plan: &Plan, minutes: &str) -> Section {
    let mut s = Section::new("Tackle key issues", minutes);
    s.push(Line::plain(
        "Prioritise the top three, IDS them one at a time, then the next three",
    ));
    for (label, list) in [
        ("Long-term issues", &plan.long_term_issues),
        ("Short-term issues", &plan.short_term_issues),
    ] {
        s.push(Line::plain(format!("{label}: {} open", list.len())));
        for i in list.iter() {
            s.push(issue_line(i));
        }
    }
    s
}

/// Team health: the People Analyzer in numbers (no names: an agenda is
/// sent around) and the Organizational Checkup.
pub fn team_health(health: &TeamHealth, heading: &str, minutes: &str) -> Section {
    let mut section = Section::new(heading, minutes);
    match (&health.people, &health.people_note) {
        (Some(p), _) => {
            section.push(Line::plain(format!(
                "People Analyzer: {} (pulse people)",
                count(p.people, "person", "people")
            )));
            for (n, what, style) in [
                (p.right_person_right_seat, "right person, right seat", GOOD),
                (p.right_person_wrong_seat, "right person, wrong seat", WARN),
                (p.below_the_bar, "below the bar", BAD),
                (p.not_rated, "not rated", DIM),
            ] {
                if n > 0 {
                    section.push(Line::marked(&format!("{n:>2}"), what, Some(style)).indented(1));
                }
            }
        }
        (None, note) => section.push(Line::dim(format!(
            "People Analyzer: not available ({})",
            note.as_deref().unwrap_or("unknown")
        ))),
    }
    let report = &health.checkup;
    if report.score.is_none() {
        section.push(Line::plain(
            "Organizational Checkup: none yet; each leader takes it (pulse checkup take)",
        ));
        return section;
    }
    section.push(Line::plain(format!(
        "Organizational Checkup {}: {}",
        report.quarter,
        headline(report)
    )));
    if let Some(trend) = trend_line(report) {
        section.push(Line::plain(format!("Trend: {trend}")).indented(1));
    }
    if !report.weakest.is_empty() {
        section.push(Line::plain("Weakest statements:").indented(1));
        for line in weakest_lines(report, 2) {
            section.push(line);
        }
    }
    section
}
