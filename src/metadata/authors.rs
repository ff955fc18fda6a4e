//! Authors: from JSON-LD (persons before organisations), then the meta tags
//! that name one, in order of reliability, then the byline marked up near
//! the title (`itemprop=author`, classes such as `author` or `byline`),
//! then a "By …" line there, in many languages; every name cleaned.

use std::sync::OnceLock;

use regex::Regex;
use serde_json::Value;

use super::linked::{LinkedData, types_of};
use super::nearby::Nearby;

/// Meta tags that name an author, most reliable first: names before
/// profile URLs (`article:author`) and handles (`twitter:creator`, left out).
const AUTHOR_TAGS: &[&str] = &[
    "author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "article:author",
];

/// Longest name a byline element or line may give, in characters: longer
/// text is a biography or a sentence, not a name.
const MAX_NAME_CHARS: usize = 60;
/// Most words in one author's name.
const MAX_NAME_WORDS: usize = 5;

/// The page's authors, from the first source that names any; a source
/// that names only the site itself (an organisation standing in for its
/// writers) yields to one that names someone else.
pub fn authors(
    linked: &LinkedData,
    tags: &[(String, String)],
    nearby: &Nearby,
    site_name: Option<&str>,
) -> Vec<String> {
    let from_tags = || {
        AUTHOR_TAGS.iter().find_map(|key| {
            let names: Vec<String> = tags
                .iter()
                .filter(|(name, _)| name == key)
                .flat_map(|(_, content)| clean(content))
                .collect();
            (!names.is_empty()).then_some(names)
        })
    };
    let from_bylines = || {
        nearby
            .byline_elements()
            .iter()
            .map(|text| clean(text))
            .find(|names| !names.is_empty() && is_single_name(&names.join(", ")))
            .unwrap_or_default()
    };
    let from_by_line = || {
        by_line(nearby.after())
            .map(|t| clean(&t))
            .unwrap_or_default()
    };
    let from_linked = || from_linked(linked);
    let from_tags = || from_tags().unwrap_or_default();
    // Read lazily: the later sources cost regular expressions over the
    // text near the title, and most pages name an author early.
    let sources: [&dyn Fn() -> Vec<String>; 4] =
        [&from_linked, &from_tags, &from_bylines, &from_by_line];
    let is_site = |names: &Vec<String>| {
        site_name.is_some_and(|site| names.iter().all(|n| same_name(n, site)))
    };
    let mut given = sources
        .iter()
        .map(|source| source())
        .filter(|names| !names.is_empty());
    let first = given.next().unwrap_or_default();
    let mut names = if is_site(&first) {
        given.find(|names| !is_site(names)).unwrap_or(first)
    } else {
        first
    };
    let mut seen = std::collections::HashSet::new();
    names.retain(|name| seen.insert(name.to_lowercase()));
    names
}

/// Equal but for case, spaces and punctuation.
fn same_name(a: &str, b: &str) -> bool {
    let key = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    key(a) == key(b)
}

/// The article's JSON-LD authors: persons when any is named, else the
/// organisations.
fn from_linked(linked: &LinkedData) -> Vec<String> {
    let given: Vec<&Value> = match linked.field("author") {
        Some(Value::Array(items)) => items.iter().filter_map(|a| linked.resolve(a)).collect(),
        Some(author) => vec![author],
        None => Vec::new(),
    };
    let is_organisation = |v: &&Value| {
        types_of(v)
            .iter()
            .any(|t| t.ends_with("Organization") || *t == "Corporation")
    };
    let persons: Vec<&Value> = given
        .iter()
        .copied()
        .filter(|v| !is_organisation(v))
        .collect();
    let chosen = if persons.is_empty() { given } else { persons };
    chosen
        .into_iter()
        .filter_map(|a| linked.name_of(a))
        .flat_map(|name| clean(&name))
        .collect()
}

/// Words that open a byline ("By Ana Lima"), in many languages.
const BY_WORDS: &str =
    "by|written by|posted by|words by|von|par|por|di|door|oleh|av|af|przez|od|автор|著者|作者|글";

/// The name a "By …" line near the title gives.
fn by_line(text: &str) -> Option<String> {
    static BY_LINE: OnceLock<Regex> = OnceLock::new();
    let pattern = BY_LINE.get_or_init(|| {
        let name_word = r"\p{Lu}[\p{L}\p{M}.'’-]*";
        Regex::new(&format!(
            r"(?:^|[\s|•·,])(?i:{BY_WORDS})\s*:?\s+({name_word}(?:\s+(?:(?:de|da|van|von|der|del|la|le|di|bin|al)\s+)*{name_word}){{0,3}})"
        ))
        .expect("valid regex")
    });
    pattern.captures(text).map(|c| c[1].to_string())
}

/// The names a byline or tag gives: entities decoded, a leading "By"
/// removed, cut before a date, a role or a separator, split where several
/// are given; URLs and handles are no names.
pub fn clean(raw: &str) -> Vec<String> {
    static BY_PREFIX: OnceLock<Regex> = OnceLock::new();
    let by_prefix = BY_PREFIX.get_or_init(|| {
        Regex::new(&format!(
            r"^(?i:{BY_WORDS}|authors?|posted|written)\b\s*:?\s*"
        ))
        .expect("valid regex")
    });
    let text = super::decode_entities(raw);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = by_prefix.replace(&text, "");
    let cut = text
        .split(['|', '•', '·', '\n', '('])
        .next()
        .unwrap_or_default()
        .split(" - ")
        .next()
        .unwrap_or_default();
    let cut = match super::dates::first_date_offset(cut) {
        Some(at) => &cut[..at],
        None => cut,
    };
    let cut = before_label(cut);
    let names: Vec<String> = cut
        .trim()
        .trim_start_matches([',', ';', ':', '-', '–', '—', ' '])
        .trim_end_matches([',', ';', ':', '-', '–', '—'])
        .trim()
        .split([';'])
        .map(str::trim)
        .filter(|name| is_name(name))
        .map(str::to_string)
        .collect();
    names
}

/// Words that follow a name in a byline and open something else: the
/// date's label ("on", "Published", "Last Updated") or a month whose day
/// is in the next element.
const LABEL_WORDS: &[&str] = &[
    "on",
    "at",
    "in",
    "Published",
    "Updated",
    "Last",
    "Posted",
    "Date",
    "Reviewed",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A byline up to the first label word that is not its first word.
fn before_label(text: &str) -> &str {
    let mut offset = 0;
    for (index, word) in text.split(' ').enumerate() {
        if index > 0 && LABEL_WORDS.contains(&word.trim_end_matches([':', ','])) {
            return &text[..offset];
        }
        offset += word.len() + 1;
    }
    text
}

/// Whether text can be a person's or an organisation's name.
fn is_name(text: &str) -> bool {
    !text.is_empty()
        && text.chars().count() <= MAX_NAME_CHARS
        && text.split_whitespace().count() <= MAX_NAME_WORDS * 3
        && !text.contains("://")
        && !text.starts_with("www.")
        && !text.starts_with('@')
        && text.chars().any(char::is_alphabetic)
}

/// Whether the text of a byline element can be one author's name.
fn is_single_name(text: &str) -> bool {
    is_name(text) && text.split_whitespace().count() <= MAX_NAME_WORDS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_named_as_author_yields_to_a_byline() {
        let tags = vec![("author".to_string(), "Daily Planet".to_string())];
        let nearby = Nearby::from_text("By Lois Lane · May 2, 2025");
        let names = authors(&LinkedData::default(), &tags, &nearby, Some("Daily planet"));
        assert_eq!(names, ["Lois Lane"]);
        let alone = authors(
            &LinkedData::default(),
            &tags,
            &Nearby::default(),
            Some("Daily Planet"),
        );
        assert_eq!(alone, ["Daily Planet"]);
    }

    #[test]
    fn bylines_are_cleaned() {
        assert_eq!(clean("By Siti Rahma"), ["Siti Rahma"]);
        assert_eq!(
            clean("Von Anna Schmidt | 12. Dezember 2025"),
            ["Anna Schmidt"]
        );
        assert_eq!(clean("Par Jean Dupont - Le Monde"), ["Jean Dupont"]);
        assert_eq!(clean("Tom &amp; Jerry"), ["Tom & Jerry"]);
        assert_eq!(clean("Ana Lima December 3, 2025"), ["Ana Lima"]);
        assert!(clean("https://example.com/author/ana").is_empty());
        assert!(clean("@handle").is_empty());
        assert!(clean("By").is_empty());
        assert_eq!(clean("Author: Isaiah Shelton"), ["Isaiah Shelton"]);
        assert_eq!(clean("Reyan Perumal Published on"), ["Reyan Perumal"]);
        assert_eq!(clean("Cazzy Magennis Last Updated:"), ["Cazzy Magennis"]);
        assert_eq!(clean("BeauHD on Friday"), ["BeauHD"]);
        assert_eq!(clean("Sofia Gonzalez December"), ["Sofia Gonzalez"]);
        assert_eq!(clean("April Ramos"), ["April Ramos"]);
    }

    #[test]
    fn by_lines_are_found_in_many_languages() {
        let cases = [
            ("Home News By Maria Lopez on May 2, 2025", "Maria Lopez"),
            ("Oleh Siti Rahma | Kabar", "Siti Rahma"),
            ("Por Juan de la Cruz • 3 de mayo", "Juan de la Cruz"),
            ("Автор: Иван Петров", "Иван Петров"),
            ("Written by: Jon Foster - 2025-09-13", "Jon Foster"),
        ];
        for (text, name) in cases {
            assert_eq!(by_line(text).as_deref(), Some(name), "{text}");
        }
        assert_eq!(by_line("made by hand in small batches"), None);
    }

    #[test]
    fn json_ld_persons_come_before_organisations() {
        let script = r#"{"@type":"Article","author":[
            {"@type":"Organization","name":"Daily"},
            {"@type":"Person","name":"Rui Costa"}]}"#;
        let linked = LinkedData::parse(&[script.into()]);
        assert_eq!(from_linked(&linked), ["Rui Costa"]);
        let only_org = r#"{"@type":"Article","author":{"@type":"Organization","name":"Daily"}}"#;
        assert_eq!(
            from_linked(&LinkedData::parse(&[only_org.into()])),
            ["Daily"]
        );
    }

    #[test]
    fn named_meta_tags_come_before_profile_urls() {
        let tags = vec![
            (
                "article:author".to_string(),
                "https://ex.com/ana".to_string(),
            ),
            ("parsely-author".to_string(), "Ana Lima".to_string()),
        ];
        let names = authors(&LinkedData::default(), &tags, &Nearby::default(), None);
        assert_eq!(names, ["Ana Lima"]);
    }
}
