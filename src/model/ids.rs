//! Item identities: slugs made from titles, and resolving what a user typed
//! (an id or a unique prefix of one) to exactly one item.

use crate::error::{Error, Result};

/// The longest id pulse makes.
pub const MAX_ID_LEN: usize = 40;

/// Turns a title into an id: lowercase ASCII letters and digits joined by
/// `-`, at most 40 characters. Accented Latin letters lose their accent;
/// other characters separate words. `fallback` is used when nothing is left.
pub fn slugify(title: &str, fallback: &str) -> String {
    let mut slug = String::new();
    let mut pending_dash = false;
    for c in title.chars().flat_map(fold_accent) {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
        } else if c != '\'' && c != '’' {
            pending_dash = true;
        }
    }
    let slug = truncate_slug(&slug, MAX_ID_LEN);
    if slug.is_empty() {
        fallback.to_string()
    } else {
        slug
    }
}

/// Whether `id` is a slug as pulse makes them: lowercase ASCII letters and
/// digits joined by single `-`, at most 40 characters. An id written by hand
/// that is not one (an escape sequence, a space) is flagged by `pulse check`.
pub fn is_slug(id: &str) -> bool {
    id.len() <= MAX_ID_LEN && is_slug_of_any_length(id)
}

/// Lowercase letters and digits joined by single `-`, however long.
pub fn is_slug_of_any_length(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|word| {
            !word.is_empty()
                && word
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// Cuts a slug to `max` characters, at a word boundary when one is close.
fn truncate_slug(slug: &str, max: usize) -> String {
    if slug.len() <= max {
        return slug.to_string();
    }
    let cut = &slug[..max];
    match cut.rfind('-') {
        Some(dash) if dash >= max / 2 => cut[..dash].to_string(),
        _ => cut.trim_end_matches('-').to_string(),
    }
}

fn fold_accent(c: char) -> Vec<char> {
    let folded = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        'ß' => return vec!['s', 's'],
        'æ' | 'Æ' => return vec!['a', 'e'],
        other => other,
    };
    vec![folded]
}

/// Makes `base` unique among `taken` ids by adding `-2`, `-3`, ... while
/// staying within the length limit.
/// Each id cut to the shortest prefix that still resolves to it among
/// `ids` (SPEC §1: tables show ids as jj and git show hashes): one
/// character more than it shares with its nearest neighbour in sorted
/// order, never ending on a `-`; an id that begins another stays whole.
pub fn shortest_prefixes(ids: &[&str]) -> Vec<String> {
    let mut sorted: Vec<&str> = ids.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let common = |a: &str, b: &str| a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    ids.iter()
        .map(|id| {
            let at = sorted.binary_search(id).unwrap_or(0);
            let before = at.checked_sub(1).map_or(0, |i| common(id, sorted[i]));
            let after = sorted.get(at + 1).map_or(0, |next| common(id, next));
            let mut k = (before.max(after) + 1).min(id.len());
            while k < id.len() && (id.as_bytes()[k - 1] == b'-' || !id.is_char_boundary(k)) {
                k += 1;
            }
            id[..k].to_string()
        })
        .collect()
}

/// The shortest prefixes of the `shown` ids among every id a command may
/// resolve (`universe`: a table shows some items, a command reaches more).
pub fn shortest_among(shown: &[&str], universe: &[String]) -> Vec<String> {
    let mut all: Vec<&str> = universe.iter().map(String::as_str).collect();
    all.extend_from_slice(shown);
    all.sort_unstable();
    all.dedup();
    let short = shortest_prefixes(&all);
    shown
        .iter()
        .map(|id| {
            all.binary_search(id)
                .map_or_else(|_| id.to_string(), |i| short[i].clone())
        })
        .collect()
}

pub fn unique_id(base: &str, taken: &[&str]) -> String {
    if !taken.contains(&base) {
        return base.to_string();
    }
    (2..)
        .map(|n| {
            let suffix = format!("-{n}");
            let stem = truncate_slug(base, MAX_ID_LEN - suffix.len());
            format!("{stem}{suffix}")
        })
        .find(|candidate| !taken.contains(&candidate.as_str()))
        .expect("some suffix is free")
}

/// Finds the one id that `query` names (SPEC §1): an exact id, else a prefix
/// that only one id starts with, else a prefix of only one id's words.
/// `what` names the kind of item for the error ("rock", ...).
/// Whether `query` names any of `ids` by the rule of [`resolve`] (exactly,
/// by a prefix of an id, or of one of its words), uniquely or not.
pub fn matches_any(query: &str, ids: &[&str]) -> bool {
    !query.is_empty()
        && ids
            .iter()
            .any(|id| id.starts_with(query) || id.split('-').skip(1).any(|w| w.starts_with(query)))
}

pub fn resolve(query: &str, ids: &[&str], what: &str) -> Result<usize> {
    if let Some(index) = ids.iter().position(|id| *id == query) {
        return Ok(index);
    }
    let mut matches: Vec<usize> = (0..ids.len())
        .filter(|&i| !query.is_empty() && ids[i].starts_with(query))
        .collect();
    if matches.is_empty() && !query.is_empty() {
        // A unique prefix of one of an id's words: `frankfurt` finds
        // `open-the-frankfurt-region`.
        matches = (0..ids.len())
            .filter(|&i| ids[i].split('-').skip(1).any(|w| w.starts_with(query)))
            .collect();
    }
    match matches.as_slice() {
        [one] => Ok(*one),
        [] => Err(unknown(what, query, ids.iter().copied())),
        many => {
            let names: Vec<&str> = many.iter().map(|&i| ids[i]).collect();
            Err(Error::user(format!(
                "`{query}` is ambiguous: it could be the {what} {}",
                names.join(", ")
            ))
            .with_hint("type more of the id"))
        }
    }
}

/// An "unknown X" error listing the valid names, nearest first when one is close.
pub fn unknown<'a>(what: &str, query: &str, valid: impl Iterator<Item = &'a str>) -> Error {
    let valid: Vec<&str> = valid.collect();
    let mut error = if valid.is_empty() {
        Error::user(format!("unknown {what} `{query}`: there are none yet"))
    } else {
        let shown: Vec<&str> = valid.iter().copied().take(30).collect();
        let more = valid.len().saturating_sub(shown.len());
        let tail = if more > 0 {
            format!(" (and {more} more)")
        } else {
            String::new()
        };
        Error::user(format!(
            "unknown {what} `{query}`; valid: {}{tail}",
            shown.join(", ")
        ))
    };
    if let Some(near) = nearest(query, &valid) {
        error = error.with_hint(format!("did you mean `{near}`?"));
    }
    error
}

/// The candidate closest to `query`, if it is close enough to be a typo.
pub fn nearest<'a>(query: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(query, c), *c))
        .filter(|(distance, c)| *distance <= 1.max(c.len() / 3) && *distance < c.len())
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {

    /// Every shortest prefix resolves to its own id under the rule of
    /// SPEC §1, and none is longer than it needs to be.
    #[test]
    fn shortest_prefixes_resolve_to_their_ids() {
        let ids = [
            "ship-the-ipv6-network",
            "ship-it",
            "ship",
            "open-the-frankfurt-region",
            "open-issues",
            "churn-doubled",
        ];
        let short = super::shortest_prefixes(&ids);
        assert_eq!(short, ["ship-t", "ship-i", "ship", "open-t", "open-i", "c"]);
        for (i, prefix) in short.iter().enumerate() {
            assert_eq!(super::resolve(prefix, &ids, "rock").unwrap(), i, "{prefix}");
        }
    }

    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(
            slugify("Ship the IPv6 network to every region", "rock"),
            "ship-the-ipv6-network-to-every-region"
        );
        assert_eq!(
            slugify("  Churn doubled in two weeks!!", "x"),
            "churn-doubled-in-two-weeks"
        );
        assert_eq!(
            slugify("Don't panic: café & crème", "x"),
            "dont-panic-cafe-creme"
        );
        assert_eq!(slugify("🚀🚀", "issue"), "issue");
        let long = slugify(
            "Migrate every customer from the legacy billing platform to the new one",
            "x",
        );
        assert!(long.len() <= MAX_ID_LEN, "{long}");
        assert!(!long.ends_with('-'));
    }

    #[test]
    fn slugs_are_recognised() {
        for id in ["a", "ship-the-ipv6-network", "hire-2", "2026"] {
            assert!(is_slug(id), "{id}");
        }
        for id in [
            "",
            "A",
            "a b",
            "-a",
            "a-",
            "a--b",
            "exit\u{1b}[41m",
            "é",
            &"a".repeat(41),
        ] {
            assert!(!is_slug(id), "{id:?}");
        }
    }

    #[test]
    fn collisions_get_numbers() {
        assert_eq!(unique_id("hire", &["hire"]), "hire-2");
        assert_eq!(unique_id("hire", &["hire", "hire-2"]), "hire-3");
        let base = "a".repeat(40);
        let id = unique_id(&base, &[base.as_str()]);
        assert_eq!(id.len(), 40);
        assert!(id.ends_with("-2"));
    }

    #[test]
    fn prefixes_resolve_uniquely() {
        let ids = ["churn-spike", "churn-report", "hiring"];
        assert_eq!(resolve("hi", &ids, "issue").unwrap(), 2);
        assert_eq!(resolve("churn-spike", &ids, "issue").unwrap(), 0);
        let err = resolve("churn", &ids, "issue").unwrap_err();
        assert!(err.message.contains("churn-spike") && err.message.contains("churn-report"));
        let err = resolve("hirng", &ids, "issue").unwrap_err();
        assert!(err.message.contains("unknown issue"));
        assert_eq!(err.hints, vec!["did you mean `hiring`?"]);
    }

    #[test]
    fn a_word_of_an_id_resolves_when_unique() {
        let ids = [
            "open-the-frankfurt-region",
            "ship-the-ipv6-network",
            "hire-a-vp",
        ];
        assert_eq!(resolve("frankfurt", &ids, "rock").unwrap(), 0);
        assert_eq!(resolve("ipv6", &ids, "rock").unwrap(), 1);
        // A prefix of a whole id comes first: `hire` is the id's start.
        assert_eq!(resolve("hi", &ids, "rock").unwrap(), 2);
        let err = resolve("the", &ids, "rock").unwrap_err();
        assert!(err.message.contains("ambiguous"), "{}", err.message);
    }
}
