//! The quarter's HTML report: one self-contained file (inline CSS, inline
//! SVG charts, no script, no font, no network) that opens in any browser
//! and prints as a handout on one or two A4 or Letter pages (its print
//! CSS). Every text from the files is HTML-escaped.

use super::page::Section;
use super::vision::vision_sections;
use crate::model::goal::{Goal, format_number};
use crate::model::rock::RockStatus;
use crate::model::scorecard::format_with_unit;
use crate::ops::report::{Report, Series};
use std::fmt::Write as _;

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
body { font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', sans-serif; color: #1d2330; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: 0; } h2 { font-size: 1.15rem; border-bottom: 2px solid #dde2ea; padding-bottom: .2rem; margin-top: 2rem; }
.sub { color: #5b6475; margin-top: .2rem; }
.cards { display: flex; gap: 1rem; flex-wrap: wrap; margin: 1rem 0; }
.card { border: 1px solid #dde2ea; border-radius: 8px; padding: .6rem 1rem; min-width: 9rem; }
.card b { display: block; font-size: 1.5rem; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #eef1f5; vertical-align: middle; }
th { color: #5b6475; font-weight: 600; font-size: .85rem; }
.status { font-weight: 600; } .done, .hit { color: #1a7f37; } .off-track, .miss { color: #c62828; } .on-track { color: #1f5fbf; } .dropped { color: #777; }
.vto { columns: 2 22rem; } .vto section { break-inside: avoid; margin-bottom: .8rem; } .vto h3 { font-size: .95rem; margin: .2rem 0; }
.vto p { margin: .1rem 0; } .muted { color: #8a93a3; }
svg { display: block; }
ul { margin: .1rem 0; padding-left: 1.2rem; }
@page { margin: 11mm 12mm; }
@media print {
  body { font-size: 8.5pt; line-height: 1.25; max-width: none; margin: 0; padding: 0; }
  h1 { font-size: 14pt; margin: 0; } .sub { margin: 0 0 .2rem; }
  h2 { font-size: 10.5pt; margin: .55rem 0 .2rem; padding-bottom: .05rem; break-after: avoid; }
  .cards { gap: .4rem; margin: .3rem 0; } .card { padding: .15rem .5rem; min-width: 0; border-radius: 4px; }
  .card b { font-size: 12pt; }
  .vto { columns: 3; column-gap: 1rem; font-size: 7.5pt; } .vto section { margin-bottom: .3rem; } .vto h3 { font-size: 8pt; }
  th, td { padding: .05rem .3rem; } th { font-size: 7.5pt; }
  tr, li, .vto section { break-inside: avoid; }
  svg { width: 196px; height: 53px; }
  a { color: inherit; text-decoration: none; }
}
";

pub fn report(r: &Report) -> String {
    let mut h = String::new();
    let title = format!(
        "{} — {}",
        if r.company.is_empty() {
            "Company"
        } else {
            &r.company
        },
        r.quarter
    );
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(&title)
    );
    let so_far = if r.to_date {
        format!(" · to date, {}", r.today)
    } else {
        String::new()
    };
    let _ = writeln!(
        h,
        "<h1>{}</h1>\n<p class=\"sub\">Quarterly report, {} to {}{so_far} · made by pulse on {}</p>",
        escape(&title),
        r.quarter.first_day(),
        r.quarter.last_day(),
        r.today
    );
    let to_date = if r.to_date { " to date" } else { "" };

    // The quarter in four numbers.
    let percent = |x: Option<f64>| x.map_or("—".to_string(), |p| format!("{p:.0}%"));
    let hits: usize = r.scorecard.iter().map(Series::hits).sum();
    let recorded: usize = r.scorecard.iter().map(Series::recorded).sum();
    let ratings: Vec<f64> = r.meetings.iter().filter_map(|m| m.average).collect();
    let on_track = r
        .rocks
        .iter()
        .filter(|rock| rock.status == RockStatus::OnTrack)
        .count();
    let rocks_note = if r.to_date {
        format!("goal 80% · {on_track} of {} on track", r.rocks.len())
    } else {
        "goal 80%".to_string()
    };
    let cards = [
        (
            format!("Rocks done{to_date}"),
            percent(r.rock_completion),
            rocks_note,
        ),
        (
            format!("Scorecard hits{to_date}"),
            percent((recorded > 0).then(|| hits as f64 * 100.0 / recorded as f64)),
            "of the numbers recorded".to_string(),
        ),
        (
            format!("To-dos done on time{to_date}"),
            percent((r.todos_due > 0).then(|| r.todos_on_time as f64 * 100.0 / r.todos_due as f64)),
            "goal 90%".to_string(),
        ),
        (
            "Meeting rating".to_string(),
            if ratings.is_empty() {
                "—".to_string()
            } else {
                format_number(ratings.iter().sum::<f64>() / ratings.len() as f64)
            },
            if ratings.is_empty() {
                "no meeting rated".to_string()
            } else {
                "average, goal 8".to_string()
            },
        ),
    ];
    h.push_str("<div class=\"cards\">\n");
    for (label, value, note) in cards {
        let _ = writeln!(
            h,
            "<div class=\"card\">{label}<b>{value}</b><span class=\"muted\">{note}</span></div>"
        );
    }
    h.push_str("</div>\n");

    // Vision
    if r.to_date {
        h.push_str("<h2>Vision</h2>\n<div class=\"vto\">\n");
    } else {
        let _ = writeln!(
            h,
            "<h2>Vision <span class=\"muted\">as it stood on {}</span></h2>\n<div class=\"vto\">",
            r.as_of
        );
    }
    for section in vision_sections(&r.vision, r.as_of) {
        section_html(&mut h, &section);
    }
    h.push_str("</div>\n");

    // Rocks
    let _ = writeln!(h, "<h2>Rocks — {}</h2>", r.quarter);
    if r.rocks.is_empty() {
        h.push_str("<p class=\"muted\">No rocks for this quarter.</p>\n");
    } else {
        h.push_str("<table>\n<tr><th>Rock</th><th>Owner</th><th>Status</th><th>Due</th><th>Milestones</th></tr>\n");
        // A closed quarter says done or not done and where each went.
        let closed = r.quarter.last_day() < r.today;
        for rock in &r.rocks {
            let done = rock.milestones.iter().filter(|m| m.done).count();
            let class = match rock.status {
                RockStatus::Done => "done",
                RockStatus::OffTrack => "off-track",
                RockStatus::OnTrack => "on-track",
                _ => "dropped",
            };
            let _ = writeln!(
                h,
                "<tr><td>{}{}</td><td>{}</td><td class=\"status {class}\">{}</td><td>{}</td><td>{}</td></tr>",
                escape(&rock.title),
                if rock.company {
                    " <span class=\"muted\">(company)</span>"
                } else {
                    ""
                },
                escape(&rock.owner),
                if closed {
                    escape(&rock.settled_word())
                } else {
                    rock.status.as_str().to_string()
                },
                rock.due.map(|d| d.0.to_string()).unwrap_or_default(),
                if rock.milestones.is_empty() {
                    String::new()
                } else {
                    format!("{done}/{}", rock.milestones.len())
                }
            );
        }
        h.push_str("</table>\n");
    }

    // Scorecard
    let _ = writeln!(
        h,
        "<h2>Scorecard — {} weeks, {} to {}{to_date}</h2>",
        r.weeks.len(),
        r.weeks.first().map(|w| w.to_string()).unwrap_or_default(),
        r.weeks.last().map(|w| w.to_string()).unwrap_or_default()
    );
    if r.scorecard.is_empty() {
        h.push_str("<p class=\"muted\">No measurables yet.</p>\n");
    } else {
        h.push_str("<table>\n<tr><th>Measurable</th><th>Owner</th><th>Goal</th><th>Weeks</th><th>Hit</th></tr>\n");
        for s in &r.scorecard {
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}/{}</td></tr>",
                escape(if s.name.is_empty() { &s.id } else { &s.name }),
                escape(&s.owner),
                escape(&crate::model::number::goal_with_unit(s.goal, &s.unit)),
                chart(s, &r.weeks),
                s.hits(),
                s.recorded()
            );
        }
        h.push_str("</table>\n");
    }

    // Issues solved
    let _ = writeln!(h, "<h2>Issues solved — {}</h2>", r.issues_solved.len());
    if r.issues_solved.is_empty() {
        h.push_str("<p class=\"muted\">None this quarter.</p>\n");
    } else {
        h.push_str(
            "<table>\n<tr><th>Issue</th><th>Owner</th><th>Solved</th><th>Resolution</th></tr>\n",
        );
        for i in &r.issues_solved {
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&i.title),
                escape(&i.owner),
                i.solved.map(|d| d.0.to_string()).unwrap_or_default(),
                escape(i.resolution.as_deref().unwrap_or(""))
            );
        }
        h.push_str("</table>\n");
    }

    // To-dos and meetings
    let _ = writeln!(
        h,
        "<h2>To-dos and meetings</h2>\n<p>{} of {} to-dos due this quarter{} were done on time ({}).</p>",
        r.todos_on_time,
        r.todos_due,
        if r.to_date { " so far" } else { "" },
        percent((r.todos_due > 0).then(|| r.todos_on_time as f64 * 100.0 / r.todos_due as f64))
    );
    if r.meetings.is_empty() {
        h.push_str("<p class=\"muted\">No meetings on record this quarter.</p>\n");
    } else {
        h.push_str("<table>\n<tr><th>Meeting</th><th>Average rating</th></tr>\n");
        for m in &r.meetings {
            let rating = m.average.map_or("—".to_string(), format_number);
            let class = match m.average {
                Some(a) if a >= 8.0 => "hit",
                Some(_) => "miss",
                None => "muted",
            };
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td class=\"{class}\">{rating}</td></tr>",
                m.date
            );
        }
        h.push_str("</table>\n");
    }
    ahead(&mut h, r);
    h.push_str("</body>\n</html>\n");
    h
}

/// What lies ahead, when there is any: next quarter's rocks and the
/// long-term issues.
fn ahead(h: &mut String, r: &Report) {
    if !r.next_rocks.is_empty() {
        let _ = writeln!(h, "<h2>Rocks for {}</h2>\n<ul>", r.next_quarter);
        for rock in &r.next_rocks {
            let _ = writeln!(
                h,
                "<li>{} <span class=\"muted\">({}{})</span></li>",
                escape(&rock.title),
                escape(&rock.owner),
                if rock.company { ", company" } else { "" }
            );
        }
        h.push_str("</ul>\n");
    }
    if !r.long_term_issues.is_empty() {
        let _ = writeln!(
            h,
            "<h2>Long-term issues — {}</h2>\n<ul>",
            r.long_term_issues.len()
        );
        for issue in &r.long_term_issues {
            let owner = if issue.owner.is_empty() {
                String::new()
            } else {
                format!(" <span class=\"muted\">({})</span>", escape(&issue.owner))
            };
            let _ = writeln!(h, "<li>{}{owner}</li>", escape(&issue.title));
        }
        h.push_str("</ul>\n");
    }
}

fn section_html(h: &mut String, section: &Section) {
    let _ = write!(h, "<section><h3>{}", escape(&section.heading));
    if !section.note.is_empty() {
        let _ = write!(h, " <span class=\"muted\">{}</span>", escape(&section.note));
    }
    h.push_str("</h3>\n");
    // A run of `-` lines stays a bulleted list.
    let mut in_list = false;
    for line in &section.lines {
        let bullet = line.mark.as_deref() == Some("-");
        if bullet != in_list {
            h.push_str(if bullet { "<ul>\n" } else { "</ul>\n" });
            in_list = bullet;
        }
        if bullet {
            let _ = writeln!(h, "<li>{}</li>", escape(&line.text));
            continue;
        }
        let mark = match line.mark.as_deref() {
            None => String::new(),
            Some(m) => format!("{} ", escape(m)),
        };
        let _ = writeln!(h, "<p>{mark}{}</p>", escape(&line.text));
    }
    if in_list {
        h.push_str("</ul>\n");
    }
    h.push_str("</section>\n");
}

/// A measurable's weeks as a small line chart: the goal as a labelled
/// dashed line, each value as a dot (green when it hit the goal of its
/// week, red when it missed) with its value above it where the labels fit,
/// and the first and last weeks under the axis.
pub fn chart(s: &Series, weeks: &[crate::model::time::Week]) -> String {
    const W: f64 = 340.0;
    const H: f64 = 92.0;
    const PAD: f64 = 16.0;
    const TOP: f64 = 14.0;
    const BOTTOM: f64 = 14.0;
    const RIGHT: f64 = 76.0;
    let values: Vec<f64> = s.values.iter().flatten().copied().collect();
    let goal_lines: Vec<f64> = match s.goal {
        Goal::AtLeast(g) | Goal::AtMost(g) | Goal::Exactly(g) | Goal::Above(g) | Goal::Below(g) => {
            vec![g]
        }
        Goal::Between(a, b) => vec![a, b],
    };
    let (mut lo, mut hi) = values
        .iter()
        .chain(&goal_lines)
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(*v), hi.max(*v))
        });
    if !lo.is_finite() {
        (lo, hi) = (0.0, 1.0);
    }
    if hi - lo < 1e-9 {
        (lo, hi) = (lo - 1.0, hi + 1.0);
    }
    let n = s.values.len().max(2) as f64;
    let x = |i: usize| PAD + (W - PAD - RIGHT) * i as f64 / (n - 1.0);
    let y = |v: f64| H - BOTTOM - (H - TOP - BOTTOM) * (v - lo) / (hi - lo);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" role=\"img\"><title>{}</title>",
        escape(&format!(
            "{}: {}",
            if s.name.is_empty() { &s.id } else { &s.name },
            s.values
                .iter()
                .map(|v| v.map_or("—".to_string(), |v| format_with_unit(v, &s.unit)))
                .collect::<Vec<_>>()
                .join(", ")
        ))
    );
    let goal_text = format!(
        "goal {}",
        crate::model::number::goal_with_unit(s.goal, &s.unit)
    );
    for (k, g) in goal_lines.iter().enumerate() {
        let _ = write!(
            svg,
            "<line x1=\"{PAD}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#8a93a3\" stroke-dasharray=\"4 3\"/>",
            W - RIGHT,
            y(*g),
            y(*g)
        );
        if k == 0 {
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"8\" fill=\"#5b6473\">{}</text>",
                W - RIGHT + 3.0,
                y(*g) + 3.0,
                escape(&goal_text)
            );
        }
    }
    // The first and last weeks under the axis.
    if let (Some(first), Some(last)) = (weeks.first(), weeks.last()) {
        let _ = write!(
            svg,
            "<text x=\"{PAD}\" y=\"{:.1}\" font-size=\"8\" fill=\"#5b6473\">{first}</text><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"8\" fill=\"#5b6473\" text-anchor=\"end\">{last}</text>",
            H - 2.0,
            W - RIGHT,
            H - 2.0
        );
    }
    // The line breaks where a week has no value.
    let mut path = String::new();
    let mut pen_down = false;
    for (i, v) in s.values.iter().enumerate() {
        match v {
            Some(v) => {
                let _ = write!(
                    path,
                    "{}{:.1},{:.1} ",
                    if pen_down { "L" } else { "M" },
                    x(i),
                    y(*v)
                );
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    if !path.is_empty() {
        let _ = write!(
            svg,
            "<path d=\"{}\" fill=\"none\" stroke=\"#1f5fbf\" stroke-width=\"1.5\"/>",
            path.trim_end()
        );
    }
    // Each value above its dot where the labels fit side by side (about
    // 4.5 px a character at this size), else the first and the last.
    let labels: Vec<Option<String>> = s
        .values
        .iter()
        .map(|v| v.map(|v| format_with_unit(v, &s.unit)))
        .collect();
    let widest = labels
        .iter()
        .flatten()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0);
    let spacing = (W - PAD - RIGHT) / (n - 1.0);
    let all_fit = widest as f64 * 4.5 + 2.0 <= spacing;
    let recorded: Vec<usize> = s
        .values
        .iter()
        .enumerate()
        .filter(|(_, v)| v.is_some())
        .map(|(i, _)| i)
        .collect();
    for (i, v) in s.values.iter().enumerate() {
        if let Some(v) = v {
            let color = if s.hit(i, *v) { "#1a7f37" } else { "#c62828" };
            let _ = write!(
                svg,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2.6\" fill=\"{color}\"/>",
                x(i),
                y(*v)
            );
            let ends = recorded.first() == Some(&i) || recorded.last() == Some(&i);
            if (all_fit || ends)
                && let Some(label) = &labels[i]
            {
                let _ = write!(
                    svg,
                    "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"8\" fill=\"#24292f\" text-anchor=\"middle\">{}</text>",
                    x(i),
                    y(*v) - 5.0,
                    escape(label)
                );
            }
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_control_characters() {
        assert_eq!(
            escape("<b>\"Tom & Jerry's\"</b>\u{1b}[31m"),
            "&lt;b&gt;&quot;Tom &amp; Jerry&#39;s&quot;&lt;/b&gt;\\u{1b}[31m"
        );
    }
}
