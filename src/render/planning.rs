//! The quarterly and annual planning agendas as pages.

use super::checkup::{headline, trend_line, weakest_lines};
use super::page::{Line, Page, Section};
use super::style::{BAD, DIM, GOOD, WARN};
use super::vision::vision_sections;
use super::words::count;
use crate::model::eos;
use crate::ops::planning::{Plan, TeamHealth};

pub fn page(plan: &Plan) -> Page {
    let what = if plan.kind == "annual" {
        "Annual planning"
    } else {
        "Quarterly planning"
    };
    let mut page = Page {
        title: format!(
            "{} — {what}",
            if plan.company.is_empty() {
                "Company"
            } else {
                &plan.company
            }
        ),
        subtitle: vec![format!(
            "{} · reviewing {} to {}",
            plan.date.format("%A %Y-%m-%d"),
            plan.review_from,
            plan.review_to
        )],
        sections: Vec::new(),
    };
    let mut steps = Section::new("Agenda", "");
    for s in &plan.steps {
        steps.push(Line::plain(format!("{} ({} h)", s.title, s.hours)));
    }
    page.sections.push(steps);

    let mut numbers = Section::new(
        "Numbers",
        format!("{} to {}", plan.review_from, plan.review_to),
    );
    if plan.numbers.is_empty() {
        numbers.push(Line::dim("No measurables on the scorecard."));
    }
    for n in &plan.numbers {
        let avg = n
            .average
            .map(|a| crate::model::number::with_unit(a, &n.unit))
            .unwrap_or_else(|| "-".into());
        let style = if n.recorded > 0 && n.hits * 10 >= n.recorded * 8 {
            GOOD
        } else {
            BAD
        };
        numbers.push(Line::marked(
            &format!("{}/{}", n.hits, n.recorded),
            format!(
                "{}: goal {} hit {} of {}, average {avg} ({})",
                n.name,
                crate::model::number::goal_with_unit(n.goal, &n.unit),
                n.hits,
                crate::render::words::count(n.recorded, "week", "weeks"),
                n.owner
            ),
            Some(style),
        ));
    }
    page.sections.push(numbers);

    let rate = plan
        .rock_completion
        .map(|r| format!("{r:.0}% done (goal {:.0}%)", eos::ROCK_COMPLETION_GOAL))
        .unwrap_or_else(|| "no rocks".into());
    let mut rocks = Section::new(format!("Rocks of {}", plan.review_quarter), rate);
    for r in &plan.review_rocks {
        rocks.push(Line::marked(
            &format!("{:<9}", r.status.as_str()),
            format!("{} ({})", r.title, r.owner),
            Some(crate::render::rocks::status_style(r.status)),
        ));
    }
    page.sections.push(rocks);

    if let Some(health) = &plan.team_health {
        page.sections.push(team_health(health));
    }

    let mut vision = Section::new("V/TO review", "");
    for section in vision_sections(&plan.vision, plan.date) {
        vision.push(Line::plain(section.heading.clone()));
        for l in section.lines {
            vision.push(l.indented(1));
        }
    }
    page.sections.push(vision);

    let per_owner: Vec<String> = plan
        .rocks_per_owner
        .iter()
        .map(|(o, n)| format!("{o} {n}"))
        .collect();
    let note = if per_owner.is_empty() {
        "none set yet".to_string()
    } else {
        format!("per owner: {}", per_owner.join(", "))
    };
    let mut next = Section::new(format!("Rocks for {}", plan.next_quarter), note);
    if plan.next_rocks.is_empty() {
        next.push(Line::dim(format!(
            "Set 3 to 7: pulse rock add TITLE --owner H --quarter {}",
            plan.next_quarter
        )));
    }
    for r in &plan.next_rocks {
        let kind = if r.company { ", company" } else { "" };
        next.push(Line::marked(
            "-",
            format!("{} ({}{kind})", r.title, r.owner),
            None,
        ));
    }
    for (owner, n) in &plan.rocks_per_owner {
        if *n > 7 {
            next.push(Line::styled(
                format!("{owner} has {n} rocks: EOS keeps 3 to 7"),
                BAD,
            ));
        }
    }
    page.sections.push(next);

    let mut issues = Section::new(
        "Long-term issues",
        format!("{} open", plan.long_term_issues.len()),
    );
    if plan.long_term_issues.is_empty() {
        issues.push(Line::dim("The long-term list is empty."));
    }
    for i in &plan.long_term_issues {
        let owner = if i.owner.is_empty() {
            String::new()
        } else {
            format!(" ({})", i.owner)
        };
        issues.push(Line::marked("-", format!("{}{owner}", i.title), None));
    }
    page.sections.push(issues);

    let mut conclude = Section::new("Next steps and conclude", "");
    conclude.push(Line::plain(
        "Who does what by when; cascading messages; rate the day 1-10.",
    ));
    conclude.push(Line::styled(
        "pulse rock add ... --quarter ".to_string() + &plan.next_quarter.to_string(),
        DIM,
    ));
    page.sections.push(conclude);
    page
}

/// Team health: the People Analyzer in numbers (no names: an agenda is
/// sent around) and the Organizational Checkup.
fn team_health(health: &TeamHealth) -> Section {
    let mut section = Section::new("Team health", "");
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
