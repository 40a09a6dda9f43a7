//! The Organizational Checkup as a page: the company's score, the trend
//! over quarters, the score per EOS component and the weakest statements.
//! The annual planning agenda reuses its lines.

use super::page::{Line, Page, Section};
use super::style::{BAD, GOOD, WARN};
use super::words::{count, wrap_lines};
use crate::model::checkup::COUNT;
use crate::ops::checkup::CheckupReport;
use anstyle::Style;

/// A score out of 100: whole when it is, else one decimal.
pub fn score(value: f64) -> String {
    if (value - value.round()).abs() < 0.05 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

fn mean_style(mean: f64) -> Style {
    if mean >= 4.0 {
        GOOD
    } else if mean >= 3.0 {
        WARN
    } else {
        BAD
    }
}

/// The company score in words: `72/100 · 3 leaders answered`.
pub fn headline(report: &CheckupReport) -> String {
    match report.score {
        Some(s) => format!(
            "{}/100 · {} answered",
            score(s),
            count(report.respondents, "leader", "leaders")
        ),
        None => "nobody has answered yet".to_string(),
    }
}

/// The trend: each quarter's score, oldest first, on one line.
pub fn trend_line(report: &CheckupReport) -> Option<String> {
    (report.trend.len() > 1).then(|| {
        report
            .trend
            .iter()
            .map(|q| format!("{} {}", q.quarter, score(q.score)))
            .collect::<Vec<_>>()
            .join(" → ")
    })
}

/// The weakest statements, each wrapped to fit 80 columns.
pub fn weakest_lines(report: &CheckupReport, indent: usize) -> Vec<Line> {
    let mut lines = Vec::new();
    for &n in &report.weakest {
        let statement = &report.statements[n - 1];
        let Some(mean) = statement.mean else { continue };
        let text = format!("{n}. {} ({})", statement.text, statement.component.as_str());
        // The page indents 3 per level; the mark takes 4.
        let width = 80usize.saturating_sub(3 * (indent + 2) + 4);
        for (i, part) in wrap_lines(&text, width).into_iter().enumerate() {
            lines.push(if i == 0 {
                Line::marked(&format!("{mean:.1}"), part, Some(mean_style(mean))).indented(indent)
            } else {
                // Under the text, past the mark ("3.5 " against one more indent of 3).
                Line::plain(format!(" {part}")).indented(indent + 1)
            });
        }
    }
    lines
}

pub fn page(report: &CheckupReport, company: &str) -> Page {
    let mut page = Page {
        title: format!(
            "{} — Organizational Checkup, {}",
            if company.is_empty() {
                "Company"
            } else {
                company
            },
            report.quarter
        ),
        subtitle: vec![
            format!("Score {}", headline(report)),
            format!(
                "A leader's score is the sum of {COUNT} answers, 1 to 5; the company's, their mean."
            ),
        ],
        sections: Vec::new(),
    };
    if report.score.is_none() {
        let mut empty = Section::new("No answers", "");
        empty.push(Line::plain(format!(
            "Each leader answers twenty statements: pulse checkup take --quarter {}",
            report.quarter
        )));
        page.sections.push(empty);
    }
    let mut trend = Section::new("Trend", "company score by quarter");
    if report.trend.is_empty() {
        trend.push(Line::dim("No checkup on file yet."));
    }
    for q in &report.trend {
        let mark = if q.quarter == report.quarter {
            "▸"
        } else {
            " "
        };
        trend.push(Line::marked(
            mark,
            format!(
                "{}  {:>5}/100  ({})",
                q.quarter,
                score(q.score),
                count(q.respondents, "leader", "leaders")
            ),
            None,
        ));
    }
    page.sections.push(trend);
    if report.score.is_some() {
        let mut components = Section::new("By component", "mean answer, of 5");
        for c in &report.components {
            if let Some(mean) = c.mean {
                components.push(Line::marked(
                    &format!("{mean:.1}"),
                    format!(
                        "{:<9} ({})",
                        c.component.as_str(),
                        count(c.statements, "statement", "statements")
                    ),
                    Some(mean_style(mean)),
                ));
            }
        }
        page.sections.push(components);
        let mut weakest = Section::new("Weakest statements", "mean answer, of 5");
        let lines = weakest_lines(report, 0);
        if lines.is_empty() {
            weakest.push(Line::dim("Every statement scored 5."));
        }
        for line in lines {
            weakest.push(line);
        }
        page.sections.push(weakest);
    }
    page
}
