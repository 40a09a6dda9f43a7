//! The Organizational Checkup: twenty statements about how strong the six
//! EOS components are, each scored 1 (not true of us) to 5 (always true) by
//! each leader. A leader's score is the sum of their answers (20..100); the
//! company's score for a quarter is the mean of its leaders' scores. The
//! statements are pulse's own wording of the twenty points.

use super::time::Date;
use serde::{Deserialize, Serialize};

/// The six components of EOS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Component {
    Vision,
    People,
    Data,
    Issues,
    Process,
    Traction,
}

impl Component {
    pub const ALL: [Component; 6] = [
        Component::Vision,
        Component::People,
        Component::Data,
        Component::Issues,
        Component::Process,
        Component::Traction,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Component::Vision => "Vision",
            Component::People => "People",
            Component::Data => "Data",
            Component::Issues => "Issues",
            Component::Process => "Process",
            Component::Traction => "Traction",
        }
    }
}

pub const COUNT: usize = 20;
pub const LOWEST: u8 = 1;
pub const HIGHEST: u8 = 5;

use Component::*;

/// The twenty statements, in the order they are asked and stored.
pub const STATEMENTS: [(Component, &str); COUNT] = [
    (
        Vision,
        "Our vision is written down in full: core values, core focus, 10-year target, marketing strategy, 3-year picture and 1-year plan.",
    ),
    (
        People,
        "Everyone can name our core values, and we hire, review, reward and let people go by them.",
    ),
    (
        Vision,
        "Our core focus is clear, and our people, systems and processes stay aligned with it.",
    ),
    (
        Vision,
        "Everyone knows our 10-year target, hears it often and shares it.",
    ),
    (
        Vision,
        "We know our target market, and all of our sales and marketing aims at it.",
    ),
    (
        Vision,
        "Our three uniques are clear, and all of our sales and marketing gets them across.",
    ),
    (
        Vision,
        "How we serve customers is a named, packaged proven process, and our sales people use it.",
    ),
    (
        People,
        "Everyone here is a right person: they fit our culture and share our core values.",
    ),
    (
        People,
        "Our accountability chart is clear, complete and kept up to date.",
    ),
    (
        People,
        "Everyone sits in a right seat: they get it, want it and have the capacity to do it.",
    ),
    (
        Issues,
        "The leadership team is open and honest with each other, and trust runs high.",
    ),
    (
        Traction,
        "Everyone has a few priorities (rocks) each quarter and stays focused on them.",
    ),
    (Traction, "Everyone takes part in a weekly meeting."),
    (
        Traction,
        "Our weekly meetings keep the same day, time and agenda, and start and end on time.",
    ),
    (
        Issues,
        "Every team names, discusses and solves its key issues for the good of the whole company.",
    ),
    (
        Process,
        "Our core processes are documented, simplified and followed by everyone.",
    ),
    (
        Data,
        "We hear from customers and staff regularly, and always know how satisfied they are.",
    ),
    (
        Data,
        "A scorecard of weekly numbers is in place, and we look at it every week.",
    ),
    (
        Data,
        "Everyone owns at least one number to keep on track each week.",
    ),
    (
        Data,
        "We have a budget and check how we do against it regularly (monthly or quarterly).",
    ),
];

/// `checkups/<quarter>/<name>.toml`: one leader's answers.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
pub struct CheckupFile {
    /// Twenty answers, 1 to 5, in the order of [`STATEMENTS`]; read as
    /// any integers so that a wrong one is named rather than unparsed.
    #[serde(default)]
    pub answers: Vec<i64>,
    pub date: Option<Date>,
}

/// Checks a set of answers: exactly twenty, each 1 to 5; the message
/// names what is wrong.
pub fn validate(answers: &[i64]) -> Result<Vec<u8>, String> {
    if answers.len() != COUNT {
        let n = answers.len();
        let noun = if n == 1 { "answer" } else { "answers" };
        return Err(format!(
            "{n} {noun} given, expected {COUNT} (one per statement, 1 to 5 each)"
        ));
    }
    answers
        .iter()
        .enumerate()
        .map(|(i, &a)| {
            u8::try_from(a)
                .ok()
                .filter(|a| (LOWEST..=HIGHEST).contains(a))
                .ok_or_else(|| {
                    format!(
                        "answer {} is {a}: expected a whole number from {LOWEST} to {HIGHEST}",
                        i + 1
                    )
                })
        })
        .collect()
}

/// Reads `5,4,4,...` (commas or blanks between the numbers) as answers.
pub fn parse_answers(text: &str) -> Result<Vec<u8>, String> {
    let mut numbers = Vec::new();
    for (i, word) in text
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .enumerate()
    {
        let n: i64 = word.parse().map_err(|_| {
            format!(
                "answer {} is `{word}`: expected a whole number from {LOWEST} to {HIGHEST}",
                i + 1
            )
        })?;
        numbers.push(n);
    }
    validate(&numbers)
}

/// A leader's score: the sum of the answers, 20 to 100.
pub fn leader_score(answers: &[u8]) -> u32 {
    answers.iter().map(|&a| u32::from(a)).sum()
}

/// The company's score: the mean of the leaders' scores (none: no score).
pub fn company_score(sets: &[Vec<u8>]) -> Option<f64> {
    (!sets.is_empty())
        .then(|| sets.iter().map(|s| f64::from(leader_score(s))).sum::<f64>() / sets.len() as f64)
}

/// The mean answer to each statement over the leaders.
pub fn statement_means(sets: &[Vec<u8>]) -> Vec<Option<f64>> {
    (0..COUNT)
        .map(|i| {
            (!sets.is_empty())
                .then(|| sets.iter().map(|s| f64::from(s[i])).sum::<f64>() / sets.len() as f64)
        })
        .collect()
}

/// The mean answer of a component's statements.
pub fn component_mean(means: &[Option<f64>], component: Component) -> Option<f64> {
    let own: Vec<f64> = STATEMENTS
        .iter()
        .zip(means)
        .filter(|((c, _), _)| *c == component)
        .filter_map(|(_, m)| *m)
        .collect();
    (!own.is_empty()).then(|| own.iter().sum::<f64>() / own.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_answers_one_to_five() {
        assert_eq!(parse_answers(&"5,".repeat(20)).unwrap().len(), 20);
        assert_eq!(
            parse_answers("4 4 4 4 4\n4 4 4 4 4 4 4 4 4 4 4 4 4 4 4").unwrap(),
            vec![4; 20]
        );
        let e = parse_answers(&"5,".repeat(19)).unwrap_err();
        assert!(e.starts_with("19 answers given, expected 20"), "{e}");
        let e = parse_answers(&format!("{}6", "5,".repeat(19))).unwrap_err();
        assert_eq!(e, "answer 20 is 6: expected a whole number from 1 to 5");
        let e = parse_answers(&format!("x,{}", "5,".repeat(19))).unwrap_err();
        assert!(e.starts_with("answer 1 is `x`"), "{e}");
        assert!(validate(&[0; 20]).unwrap_err().contains("answer 1 is 0"));
        assert!(
            parse_answers("")
                .unwrap_err()
                .starts_with("0 answers given")
        );
    }

    #[test]
    fn every_component_has_statements() {
        for c in Component::ALL {
            assert!(STATEMENTS.iter().any(|(s, _)| *s == c), "{c:?}");
        }
    }

    /// Worked by hand: leader A answers 4 to all twenty (score 80), leader
    /// B answers 5 to the first ten and 3 to the last ten (50 + 30 = 80),
    /// leader C answers 2 to all (40). Company: (80 + 80 + 40) / 3 = 66.67.
    /// Statement 1: (4 + 5 + 2) / 3 = 3.67; statement 20: (4 + 3 + 2) / 3 = 3.
    #[test]
    fn scores_by_hand() {
        let a = vec![4; 20];
        let mut b = vec![5; 10];
        b.extend([3; 10]);
        let c = vec![2; 20];
        assert_eq!(leader_score(&b), 80);
        let sets = vec![a, b, c];
        let score = company_score(&sets).unwrap();
        assert!((score - 200.0 / 3.0).abs() < 1e-9);
        let means = statement_means(&sets);
        assert!((means[0].unwrap() - 11.0 / 3.0).abs() < 1e-9);
        assert_eq!(means[19], Some(3.0));
        assert_eq!(company_score(&[]), None);
    }
}
