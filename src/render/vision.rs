//! The V/TO on one page. A section that is not filled in reads "not set yet".

use super::page::{Line, Section};
use crate::model::vision::{Picture, QuarterNumbers, Vision};
use chrono::NaiveDate;

fn not_set() -> Line {
    Line::dim("not set yet")
}

fn days_left(date: Option<crate::model::time::Date>, today: NaiveDate) -> String {
    match date {
        Some(d) => {
            let days = (d.0 - today).num_days();
            if days >= 0 {
                format!("{} ({days} days left)", d.0)
            } else {
                format!("{} ({} days ago)", d.0, -days)
            }
        }
        None => String::new(),
    }
}

fn picture(
    section: &mut Section,
    p: &Picture,
    today: NaiveDate,
    list_label: &str,
    list: &[String],
) {
    let _ = today;
    if !p.revenue.is_empty() {
        section.push(Line::plain(format!("Revenue: {}", p.revenue)));
    }
    if !p.profit.is_empty() {
        section.push(Line::plain(format!("Profit: {}", p.profit)));
    }
    if !p.measurables.is_empty() {
        section.push(Line::plain(format!(
            "Measurables: {}",
            p.measurables.join("; ")
        )));
    }
    if !list.is_empty() {
        section.push(Line::plain(format!("{list_label}:")));
        for item in list {
            section.push(Line::marked("-", item.clone(), None).indented(1));
        }
    }
    if section.lines.is_empty() {
        section.push(not_set());
    }
}

/// The Traction side's Rocks block's numbers: revenue, profit, measurables.
pub fn quarter_numbers(q: &QuarterNumbers) -> Vec<Line> {
    let mut lines = Vec::new();
    if !q.revenue.is_empty() {
        lines.push(Line::plain(format!("Revenue: {}", q.revenue)));
    }
    if !q.profit.is_empty() {
        lines.push(Line::plain(format!("Profit: {}", q.profit)));
    }
    if !q.measurables.is_empty() {
        lines.push(Line::plain(format!(
            "Measurables: {}",
            q.measurables.join("; ")
        )));
    }
    lines
}

/// The six V/TO sections of the vision side.
pub fn vision_sections(v: &Vision, today: NaiveDate) -> Vec<Section> {
    let mut sections = Vec::new();

    let mut values = Section::new("Core values", "");
    for cv in &v.core_values {
        let text = if cv.description.is_empty() {
            cv.name.clone()
        } else {
            format!("{}: {}", cv.name, cv.description)
        };
        values.push(Line::marked("-", text, None));
    }
    if v.core_values.is_empty() {
        values.push(not_set());
    }
    sections.push(values);

    let mut focus = Section::new("Core focus", "");
    match &v.core_focus {
        Some(f) if !(f.purpose.is_empty() && f.niche.is_empty()) => {
            focus.push(Line::plain(format!("Purpose/cause/passion: {}", f.purpose)));
            focus.push(Line::plain(format!("Niche: {}", f.niche)));
        }
        _ => focus.push(not_set()),
    }
    sections.push(focus);

    let mut target = Section::new(
        "10-year target",
        v.ten_year_target
            .as_ref()
            .map(|t| days_left(t.date, today))
            .unwrap_or_default(),
    );
    match &v.ten_year_target {
        Some(t) if !t.goal.is_empty() => target.push(Line::plain(t.goal.clone())),
        _ => target.push(not_set()),
    }
    sections.push(target);

    let mut marketing = Section::new("Marketing strategy", "");
    match &v.marketing_strategy {
        Some(m) => {
            if !m.target_market.is_empty() {
                marketing.push(Line::plain(format!("Target market: {}", m.target_market)));
            }
            if !m.uniques.is_empty() {
                marketing.push(Line::plain(format!("Uniques: {}", m.uniques.join("; "))));
            }
            if !m.proven_process.is_empty() {
                marketing.push(Line::plain(format!("Proven process: {}", m.proven_process)));
            }
            if !m.guarantee.is_empty() {
                marketing.push(Line::plain(format!("Guarantee: {}", m.guarantee)));
            }
            if marketing.lines.is_empty() {
                marketing.push(not_set());
            }
        }
        None => marketing.push(not_set()),
    }
    sections.push(marketing);

    let mut three = Section::new(
        "3-year picture",
        v.three_year_picture
            .as_ref()
            .map(|p| days_left(p.date, today))
            .unwrap_or_default(),
    );
    match &v.three_year_picture {
        Some(p) => picture(&mut three, p, today, "What it looks like", &p.looks_like),
        None => three.push(not_set()),
    }
    sections.push(three);

    let mut one = Section::new(
        "1-year plan",
        v.one_year_plan
            .as_ref()
            .map(|p| days_left(p.date, today))
            .unwrap_or_default(),
    );
    match &v.one_year_plan {
        Some(p) => picture(&mut one, p, today, "Goals", &p.goals),
        None => one.push(not_set()),
    }
    sections.push(one);
    sections
}
