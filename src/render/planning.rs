//! The quarterly and annual planning agendas as pages, in the order EOS
//! runs the days; the shared pieces are in `planning_parts`.

use super::page::{Line, Page, Section};
use super::planning_parts::{
    issues, money_line, next_rocks, number_line, rock_lines, team_health, todo_line,
};
use super::style::{BAD, GOOD, WARN};
use super::vision::vision_sections;
use super::words::duration;
use crate::ops::planning::Plan;

/// A step's time, by its title.
fn minutes(plan: &Plan, title: &str) -> String {
    plan.steps
        .iter()
        .find(|s| s.title == title)
        .map(|s| duration(s.minutes))
        .unwrap_or_default()
}

fn heading(plan: &Plan, title: &str) -> String {
    match plan
        .steps
        .iter()
        .find(|s| s.title == title)
        .and_then(|s| s.day)
    {
        Some(day) => format!("Day {day} · {title}"),
        None => title.to_string(),
    }
}

fn agenda(plan: &Plan) -> Section {
    let total: u32 = plan.steps.iter().map(|s| s.minutes).sum();
    let mut s = Section::new(
        "Agenda",
        format!("{} in all, breaks aside", duration(total)),
    );
    let mut day = None;
    for step in &plan.steps {
        if step.day.is_some() && step.day != day {
            day = step.day;
            let of_day: u32 = plan
                .steps
                .iter()
                .filter(|s| s.day == day)
                .map(|s| s.minutes)
                .sum();
            s.push(Line::plain(format!(
                "Day {} ({})",
                step.day.unwrap_or(1),
                duration(of_day)
            )));
        }
        let indent = usize::from(step.day.is_some());
        s.push(
            Line::plain(format!("{} — {}", step.title, duration(step.minutes))).indented(indent),
        );
    }
    s
}

fn segue(plan: &Plan, days: &str) -> Section {
    let mut s = Section::new(heading(plan, "Segue"), minutes(plan, "Segue"));
    for text in [
        format!("Each one's best business and personal news of the last {days}"),
        "What is working, and what is not".to_string(),
        "Expectations for the day".to_string(),
    ] {
        s.push(Line::marked("-", text, None));
    }
    s
}

fn numbers(section: &mut Section, plan: &Plan) {
    let weeks = plan.numbers.first().map_or(0, |n| n.weeks);
    section.push(Line::plain(format!(
        "Measurables: hits of the weeks recorded, of {} so far",
        super::words::count(weeks, "week", "weeks")
    )));
    if plan.numbers.is_empty() {
        section.push(Line::dim("No measurables on the scorecard.").indented(1));
    }
    for n in &plan.numbers {
        section.push(number_line(n).indented(1));
    }
}

fn vision(plan: &Plan, title: &str, through_three_years: bool) -> Section {
    let mut s = Section::new(heading(plan, title), minutes(plan, title));
    for section in vision_sections(&plan.vision, plan.date) {
        if through_three_years && section.heading == "1-year plan" {
            continue;
        }
        s.push(Line::plain(section.heading.clone()));
        for l in section.lines {
            s.push(l.indented(1));
        }
    }
    s
}

fn next_steps(plan: &Plan) -> Section {
    let mut s = Section::new(heading(plan, "Next steps"), minutes(plan, "Next steps"));
    s.push(Line::plain(
        "Who does what by when; what to tell the whole company",
    ));
    s.push(Line::dim(format!(
        "pulse rock add TITLE --owner H --quarter {}",
        plan.next_quarter
    )));
    s
}

fn conclude(plan: &Plan) -> Section {
    let mut s = Section::new(heading(plan, "Conclude"), minutes(plan, "Conclude"));
    s.push(Line::plain(
        "Feedback: were the expectations met? Each one rates the day 1-10",
    ));
    s
}

pub fn page(plan: &Plan) -> Page {
    let annual = plan.kind == "annual";
    let company = if plan.company.is_empty() {
        "Company"
    } else {
        &plan.company
    };
    let title = match plan.year {
        Some(year) if annual => format!("{company} — Annual planning for {year}"),
        _ => format!("{company} — Quarterly planning for {}", plan.next_quarter),
    };
    let mut page = Page {
        title,
        subtitle: vec![format!(
            "{} · reviewing {} to {}",
            plan.date.format("%A %Y-%m-%d"),
            plan.review_from,
            plan.review_to
        )],
        sections: vec![agenda(plan)],
    };
    if annual {
        annual_sections(&mut page, plan);
    } else {
        quarterly_sections(&mut page, plan);
    }
    page
}

fn quarterly_sections(page: &mut Page, plan: &Plan) {
    page.sections.push(segue(plan, "90 days"));
    let title = "Review the previous quarter";
    let mut review = Section::new(
        format!("{title}: {}", plan.review_quarter),
        minutes(plan, title),
    );
    review.push(money_line(
        plan.vision.one_year_plan.as_ref(),
        "the quarter",
    ));
    numbers(&mut review, plan);
    for q in &plan.quarters {
        rock_lines(&mut review, q, plan.date);
    }
    review.push(todo_line(plan));
    page.sections.push(review);
    page.sections.push(vision(plan, "Review the V/TO", false));
    page.sections.push(next_rocks(
        plan,
        &minutes(plan, "Establish next quarter's rocks"),
    ));
    page.sections
        .push(issues(plan, &minutes(plan, "Tackle key issues")));
    page.sections.push(next_steps(plan));
    page.sections.push(conclude(plan));
}

fn annual_sections(page: &mut Page, plan: &Plan) {
    page.sections.push(segue(plan, "year"));
    let title = "Review the previous year";
    let year = plan.review_from.format("%Y");
    let mut review = Section::new(
        format!("{}: {year}", heading(plan, title)),
        minutes(plan, title),
    );
    match &plan.reviewed_plan {
        Some(p) if !p.goals.is_empty() => {
            review.push(Line::plain(format!("The {year} 1-year plan's goals:")));
            // Before the year is out, a goal not marked hit is open, not
            // missed: the team says which it is at the meeting.
            let running = plan.review_to >= plan.date;
            for g in &plan.plan_goals {
                let (mark, style) = match (g.hit, running) {
                    (true, _) => ("hit   ", GOOD),
                    (false, true) => ("open  ", WARN),
                    (false, false) => ("missed", BAD),
                };
                review.push(Line::marked(mark, g.goal.clone(), Some(style)).indented(1));
            }
        }
        _ => review.push(Line::dim(format!(
            "No 1-year plan goals for {year} in the V/TO."
        ))),
    }
    review.push(money_line(plan.reviewed_plan.as_ref(), "the year"));
    for q in &plan.quarters {
        rock_lines(&mut review, q, plan.date);
    }
    numbers(&mut review, plan);
    review.push(todo_line(plan));
    page.sections.push(review);
    if let Some(health) = &plan.team_health {
        page.sections.push(team_health(
            health,
            &heading(plan, "Team health"),
            &minutes(plan, "Team health"),
        ));
    }
    let title = "SWOT / Issues list";
    let mut swot = Section::new(heading(plan, title), minutes(plan, title));
    swot.push(Line::plain(
        "Strengths, weaknesses, opportunities, threats: each one's list, shared",
    ));
    swot.push(Line::plain(format!(
        "What needs solving joins the issues list ({} long-term, {} short-term open)",
        plan.long_term_issues.len(),
        plan.short_term_issues.len()
    )));
    page.sections.push(swot);
    page.sections
        .push(vision(plan, "V/TO through the 3-year picture", true));
    let title = "Create the 1-year plan";
    let mut one = Section::new(
        format!(
            "{}: {}",
            heading(plan, title),
            plan.year.unwrap_or_default()
        ),
        minutes(plan, title),
    );
    one.push(Line::plain(format!(
        "Revenue, profit and measurables for {}; {} goals",
        plan.year.unwrap_or_default(),
        crate::model::eos::ONE_YEAR_GOALS.range()
    )));
    one.push(Line::dim(
        "In vision.toml, [one_year_plan]; pulse vision shows it",
    ));
    page.sections.push(one);
    let mut rocks = next_rocks(plan, &minutes(plan, "Establish next quarter's rocks"));
    rocks.heading = format!("Day 2 · {}", rocks.heading);
    page.sections.push(rocks);
    let mut key = issues(plan, &minutes(plan, "Tackle key issues"));
    key.heading = format!("Day 2 · {}", key.heading);
    page.sections.push(key);
    page.sections.push(next_steps(plan));
    page.sections.push(conclude(plan));
}
