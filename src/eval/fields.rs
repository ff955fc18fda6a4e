//! Metadata scoring: title, author and publication date of `pith extract
//! --format jsonl` records against a gold that has them (WCXB's), exactly
//! as `shared/tools/wcxb_metadata_score.py` does. Per field, over the pages
//! whose gold has it: coverage is the share where the prediction has a
//! value, accuracy the share where it matches. Texts match after NFKC,
//! case folding, punctuation and symbols (and control characters) turned
//! to spaces and whitespace collapsed; `title~` also matches once a
//! "Headline | Site" part is cut from either side; authors match as sets of
//! names (a byline split at `, ; & | /` and the words and/und/et,
//! credentials dropped); dates match on the calendar day (a gold `YYYY-MM`
//! on the month).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use icu_normalizer::ComposingNormalizerBorrowed;
use regex::Regex;
use serde::Serialize;
use serde_json::Value;

use super::{bad, read_text};
use crate::Error;

/// A metadata field that can be scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Title,
    Author,
    Published,
}

impl Field {
    /// The field named `name` (`title`, `author`, `published`).
    pub fn named(name: &str) -> Option<Field> {
        match name.trim() {
            "title" => Some(Field::Title),
            "author" | "authors" => Some(Field::Author),
            "published" | "date" => Some(Field::Published),
            _ => None,
        }
    }
}

/// The gold's metadata of one page.
#[derive(Debug, Clone, Default)]
pub struct GoldFields {
    pub title: Value,
    pub author: Value,
    pub published: Value,
}

/// A prediction's metadata of one page, as its record gives it.
#[derive(Debug, Clone, Default)]
pub struct PredictedFields {
    pub title: Value,
    pub authors: Value,
    pub published: Value,
}

/// The score of one checked field (`title~` is the title with its site
/// part ignored).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldScore {
    pub field: &'static str,
    /// Pages whose gold has the field.
    pub pages: usize,
    pub coverage: f64,
    pub accuracy: f64,
    /// The pages it misses: id, prediction, gold.
    pub misses: Vec<Miss>,
}

/// A page a field misses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Miss {
    pub id: String,
    pub predicted: String,
    pub gold: String,
}

/// Reads the gold's title, author and publish_date per page id.
pub fn load_gold(path: &Path) -> Result<BTreeMap<String, GoldFields>, Error> {
    let text = read_text(path)?;
    let value: Value =
        serde_json::from_str(&text).map_err(|err| bad(path, format!("not JSON: {err}")))?;
    let Value::Object(records) = value else {
        return Err(bad(path, "expected a JSON object of pages"));
    };
    Ok(records
        .into_iter()
        .map(|(id, record)| {
            let field = |key: &str| record.get(key).cloned().unwrap_or(Value::Null);
            let fields = GoldFields {
                title: field("title"),
                author: field("author"),
                published: field("publish_date"),
            };
            (id, fields)
        })
        .collect())
}

/// Reads JSON Lines records (`id`, `title`, `metadata.authors`,
/// `metadata.published`), keyed by the id's file name without `.html`,
/// `.htm`, `.xhtml` or `.shtml` (and `.gz`); a later record of an id
/// replaces an earlier one.
pub fn load_predictions(path: &Path) -> Result<BTreeMap<String, PredictedFields>, Error> {
    let text = read_text(path)?;
    let mut predictions = BTreeMap::new();
    for (number, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let record: Value = serde_json::from_str(line)
            .map_err(|err| bad(path, format!("line {}: not JSON: {err}", number + 1)))?;
        let id = match record.get("id") {
            Some(Value::String(id)) => id.clone(),
            Some(Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        };
        let metadata = record.get("metadata");
        let of_metadata = |key: &str| {
            metadata
                .and_then(|m| m.get(key))
                .cloned()
                .unwrap_or(Value::Null)
        };
        let fields = PredictedFields {
            title: record.get("title").cloned().unwrap_or(Value::Null),
            authors: of_metadata("authors"),
            published: of_metadata("published"),
        };
        predictions.insert(page_id(&id), fields);
    }
    Ok(predictions)
}

/// A record's id as the gold names the page: its last path segment
/// without an HTML extension.
fn page_id(id: &str) -> String {
    static EXTENSION: OnceLock<Regex> = OnceLock::new();
    let extension =
        EXTENSION.get_or_init(|| Regex::new(r"\.(x?html?|shtml)(\.gz)?$").expect("valid regex"));
    let name = id.rsplit('/').next().unwrap_or(id);
    extension.replace(name, "").into_owned()
}

/// Scores the fields asked for, in the scorer's order (`title` brings
/// `title~`).
pub fn score(
    gold: &BTreeMap<String, GoldFields>,
    predictions: &BTreeMap<String, PredictedFields>,
    fields: &[Field],
) -> Vec<FieldScore> {
    let missing = PredictedFields::default();
    let mut scores = Vec::new();
    for field in [Field::Title, Field::Author, Field::Published] {
        if !fields.contains(&field) {
            continue;
        }
        let checks: &[Check] = match field {
            Field::Title => &[Check::Title, Check::TitleParts],
            Field::Author => &[Check::Author],
            Field::Published => &[Check::Published],
        };
        for check in checks {
            let mut score = FieldScore {
                field: check.name(),
                pages: 0,
                coverage: 0.0,
                accuracy: 0.0,
                misses: Vec::new(),
            };
            let (mut covered, mut matched) = (0, 0);
            for (id, truth) in gold {
                if !check.gold_has(truth) {
                    continue;
                }
                score.pages += 1;
                let predicted = predictions.get(id).unwrap_or(&missing);
                if check.predicted_has(predicted) {
                    covered += 1;
                    if check.matches(predicted, truth) {
                        matched += 1;
                        continue;
                    }
                }
                score.misses.push(Miss {
                    id: id.clone(),
                    predicted: shown(check.predicted(predicted)),
                    gold: shown(check.gold(truth)),
                });
            }
            let pages = score.pages.max(1) as f64;
            score.coverage = covered as f64 / pages;
            score.accuracy = matched as f64 / pages;
            scores.push(score);
        }
    }
    scores
}

/// How a value reads in a list of misses.
fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The checks of the reference scorer.
#[derive(Clone, Copy)]
enum Check {
    Title,
    TitleParts,
    Author,
    Published,
}

impl Check {
    fn name(self) -> &'static str {
        match self {
            Check::Title => "title",
            Check::TitleParts => "title~",
            Check::Author => "author",
            Check::Published => "published",
        }
    }

    fn gold(self, truth: &GoldFields) -> &Value {
        match self {
            Check::Title | Check::TitleParts => &truth.title,
            Check::Author => &truth.author,
            Check::Published => &truth.published,
        }
    }

    fn predicted(self, predicted: &PredictedFields) -> &Value {
        match self {
            Check::Title | Check::TitleParts => &predicted.title,
            Check::Author => &predicted.authors,
            Check::Published => &predicted.published,
        }
    }

    fn has(self, value: &Value) -> bool {
        match self {
            Check::Title | Check::TitleParts => !norm(&text_of(value)).is_empty(),
            Check::Author => !names(value).is_empty(),
            Check::Published => day(&text_of(value)).is_some(),
        }
    }

    fn gold_has(self, truth: &GoldFields) -> bool {
        self.has(self.gold(truth))
    }

    fn predicted_has(self, predicted: &PredictedFields) -> bool {
        self.has(self.predicted(predicted))
    }

    fn matches(self, predicted: &PredictedFields, truth: &GoldFields) -> bool {
        let (p, g) = (self.predicted(predicted), self.gold(truth));
        match self {
            Check::Title => norm(&text_of(p)) == norm(&text_of(g)),
            Check::TitleParts => {
                let (p, g) = (text_of(p), text_of(g));
                let (np, ng) = (norm(&p), norm(&g));
                !np.is_empty() && (np == ng || parts(&p).contains(&ng) || parts(&g).contains(&np))
            }
            Check::Author => names(p) == names(g),
            Check::Published => match (day(&text_of(p)), day(&text_of(g))) {
                (Some(p), Some(g)) => p.same_as(g),
                _ => false,
            },
        }
    }
}

/// A value as Python's `str(v or '')` gives it: empty for null, false, 0,
/// an empty string, list or object.
fn text_of(value: &Value) -> String {
    match value {
        Value::Null | Value::Bool(false) => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) if n.as_f64() == Some(0.0) => String::new(),
        Value::Array(items) if items.is_empty() => String::new(),
        Value::Object(fields) if fields.is_empty() => String::new(),
        other => python_str(other),
    }
}

/// Python's `str()` of a JSON value read by `json.loads`.
fn python_str(value: &Value) -> String {
    match value {
        Value::Null => "None".into(),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(python_repr).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(fields) => {
            let fields: Vec<String> = fields
                .iter()
                .map(|(k, v)| {
                    format!(
                        "{}: {}",
                        python_repr(&Value::String(k.clone())),
                        python_repr(v)
                    )
                })
                .collect();
            format!("{{{}}}", fields.join(", "))
        }
    }
}

/// Python's `repr()` of a JSON value, close enough for the characters
/// scoring keeps (quotes and brackets become spaces).
fn python_repr(value: &Value) -> String {
    match value {
        Value::String(s) => format!("'{s}'"),
        other => python_str(other),
    }
}

/// NFKC, case-folded, punctuation, symbols and control characters to
/// spaces, whitespace collapsed.
pub fn norm(text: &str) -> String {
    static NOT_WORD: OnceLock<Regex> = OnceLock::new();
    let not_word = NOT_WORD.get_or_init(|| Regex::new(r"[\p{P}\p{S}\p{C}]").expect("valid regex"));
    let normalised = ComposingNormalizerBorrowed::new_nfkc().normalize(text);
    let folded = case_fold(&normalised);
    let spaced = not_word.replace_all(&folded, " ");
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Full case folding, as Python's `str.casefold`: lower case, plus the
/// folds where the two differ for text that NFKC has normalised (sharp s
/// and final sigma).
fn case_fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'ß' | 'ẞ' => folded.push_str("ss"),
            'ς' => folded.push('σ'),
            _ => folded.extend(c.to_lowercase()),
        }
    }
    folded
}

/// The separators a "Headline | Site" title is cut at.
const TITLE_SEPARATORS: [&str; 11] = [
    " | ", " - ", " – ", " — ", " :: ", " · ", " » ", " / ", ": ", " : ", " ~ ",
];

/// A title's normalised form and those of its heads and tails at every
/// separator, without the empty one.
fn parts(title: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::from([norm(title)]);
    for separator in TITLE_SEPARATORS {
        if title.contains(separator) {
            let pieces: Vec<&str> = title.split(separator).collect();
            for i in 1..pieces.len() {
                out.insert(norm(&pieces[..i].join(separator)));
                out.insert(norm(&pieces[i..].join(separator)));
            }
        }
    }
    out.remove("");
    out
}

/// The names a byline gives: split at `, ; & | /` and the words
/// and/und/et, credentials dropped (unless nothing else is left),
/// normalised.
fn names(value: &Value) -> BTreeSet<String> {
    static SPLIT: OnceLock<Regex> = OnceLock::new();
    static CREDENTIAL: OnceLock<Regex> = OnceLock::new();
    let split = SPLIT.get_or_init(|| {
        Regex::new(r"(?i)\s*(?:[,;&|/]|\band\b|\bund\b|\bet\b)\s*").expect("valid regex")
    });
    let credential = CREDENTIAL.get_or_init(|| {
        Regex::new(
            r"^(?:(?:[A-Z][A-Za-z]?\.?){1,3}|[A-Z]{2,6}[®0-9 ]*|Ph\.?D\.?|M\.?D\.?|MSc|BSc|MBA|MPH|Esq\.?|Jr\.?|Sr\.?|II|III|E-RYT \d+)$",
        )
        .expect("valid regex")
    });
    let items: Vec<String> = match value {
        Value::Array(items) => items.iter().map(python_str).collect(),
        other => {
            let text = text_of(other);
            if text.is_empty() {
                Vec::new()
            } else {
                vec![text]
            }
        }
    };
    let mut pieces = Vec::new();
    for item in &items {
        pieces.extend(split.split(item).map(str::trim).filter(|p| !p.is_empty()));
    }
    let kept: Vec<&str> = pieces
        .iter()
        .copied()
        .filter(|p| !credential.is_match(p))
        .collect();
    let kept = if kept.is_empty() { pieces } else { kept };
    kept.into_iter()
        .map(norm)
        .filter(|n| !n.is_empty())
        .collect()
}

/// A calendar day, or a month when the text gives only `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Day {
    Date(NaiveDate),
    Month(i32, u32),
}

impl Day {
    fn year_month(self) -> (i32, u32) {
        match self {
            Day::Date(date) => (date.year(), date.month()),
            Day::Month(year, month) => (year, month),
        }
    }

    /// The same day, or the same month when either gives only a month.
    fn same_as(self, other: Day) -> bool {
        match (self, other) {
            (Day::Date(a), Day::Date(b)) => a == b,
            _ => self.year_month() == other.year_month(),
        }
    }
}

/// The day a date string gives: a whole `YYYY-MM` is a month, else the
/// first `YYYY-M-D`, `YYYY/M/D` or `YYYYMMDD` in it that is a real date.
fn day(text: &str) -> Option<Day> {
    static MONTH: OnceLock<Regex> = OnceLock::new();
    static DAYS: OnceLock<[Regex; 3]> = OnceLock::new();
    let text = text.trim();
    let month = MONTH.get_or_init(|| Regex::new(r"^[0-9]{4}-[0-9]{2}$").expect("valid regex"));
    if month.is_match(text) {
        return Some(Day::Month(text[..4].parse().ok()?, text[5..].parse().ok()?));
    }
    let patterns = DAYS.get_or_init(|| {
        [
            r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})",
            r"([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})",
            r"([0-9]{4})([0-9]{2})([0-9]{2})",
        ]
        .map(|p| Regex::new(p).expect("valid regex"))
    });
    patterns.iter().find_map(|pattern| {
        let c = pattern.captures(text)?;
        let year: i32 = c[1].parse().ok()?;
        // Python's dates start at year 1.
        (year >= 1)
            .then(|| NaiveDate::from_ymd_opt(year, c[2].parse().ok()?, c[3].parse().ok()?))
            .flatten()
            .map(Day::Date)
    })
}

/// The scores as the reference scorer prints them, then up to `misses`
/// misses per field.
pub fn render(scores: &[FieldScore], misses: usize, pages: usize, predicted: usize) -> String {
    let mut out = String::new();
    for score in scores {
        out += &format!(
            "  {}: pages={} coverage={:.3} accuracy={:.3}\n",
            score.field, score.pages, score.coverage, score.accuracy
        );
    }
    let summary: Vec<String> = scores
        .iter()
        .map(|s| format!("{}={:.3}", s.field, s.accuracy))
        .collect();
    out += &format!(
        "wcxb-metadata: {} pages={pages} predicted={predicted}\n",
        summary.join(" ")
    );
    for score in scores.iter().filter(|_| misses > 0) {
        out += &format!(
            "\n{} misses ({} of {}):\n",
            score.field,
            score.misses.len().min(misses),
            score.misses.len()
        );
        for miss in score.misses.iter().take(misses) {
            out += &format!(
                "  {:<8} predicted {:?}  gold {:?}\n",
                miss.id,
                clip(&miss.predicted),
                clip(&miss.gold)
            );
        }
    }
    out
}

/// Characters of a value shown in a list of misses.
const SHOWN_CHARS: usize = 70;

fn clip(text: &str) -> String {
    text.chars().take(SHOWN_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn texts_are_normalised_as_the_reference_does() {
        assert_eq!(
            norm("  Straße – Ｆｕｌｌ\u{00a0}width! "),
            "strasse full width"
        );
        assert_eq!(norm("ΟΔΟΣ"), "οδοσ");
        assert_eq!(norm("Tom & Jerry's"), "tom jerry s");
        assert_eq!(norm("ﬁne"), "fine");
    }

    #[test]
    fn title_parts_are_heads_and_tails_at_every_separator() {
        let p = parts("Rain | News - Daily");
        assert!(p.contains("rain") && p.contains("rain news") && p.contains("daily"));
        assert!(p.contains("news daily") && p.contains("rain news daily"));
        assert!(parts("").is_empty());
    }

    #[test]
    fn bylines_become_sets_of_names_without_credentials() {
        let expect = |v: Value, names_: &[&str]| {
            let set: BTreeSet<String> = names_.iter().map(|s| s.to_string()).collect();
            assert_eq!(names(&v), set, "{v}");
        };
        expect(json!("Ana Lima and Rui Costa"), &["ana lima", "rui costa"]);
        expect(json!(["Rui Costa", "Ana Lima"]), &["ana lima", "rui costa"]);
        expect(json!("Jane Doe, MD, PhD"), &["jane doe"]);
        expect(json!("Holly Wilgus, E-RYT 200"), &["holly wilgus"]);
        expect(json!("MD"), &["md"]);
        expect(json!("Hans und Grete"), &["hans", "grete"]);
        expect(json!(""), &[]);
        expect(json!(null), &[]);
    }

    #[test]
    fn dates_match_on_the_day_or_the_month() {
        let d = |s: &str| day(s);
        assert_eq!(d("2025-12-19T23:30:00-05:00"), d("2025-12-19"));
        assert!(d("2025/12/19").unwrap().same_as(d("20251219").unwrap()));
        assert!(d("2025-12").unwrap().same_as(d("2025-12-03").unwrap()));
        assert!(!d("2025-12-18").unwrap().same_as(d("2025-12-19").unwrap()));
        assert_eq!(d("2025-02-30"), None);
        assert_eq!(d("yesterday"), None);
        assert_eq!(d("0000-01-01"), None);
    }

    #[test]
    fn ids_lose_folders_and_html_extensions() {
        assert_eq!(page_id("/data/html/0001.html.gz"), "0001");
        assert_eq!(page_id("a/b.shtml"), "b");
        assert_eq!(page_id("0002"), "0002");
    }

    #[test]
    fn fields_are_scored_over_the_pages_whose_gold_has_them() {
        let gold: BTreeMap<String, GoldFields> = [
            (
                "a",
                json!("Rain returns"),
                json!("Ana Lima"),
                json!("2025-12-19"),
            ),
            ("b", json!("Snow"), json!(""), json!("")),
        ]
        .into_iter()
        .map(|(id, title, author, published)| {
            (
                id.to_string(),
                GoldFields {
                    title,
                    author,
                    published,
                },
            )
        })
        .collect();
        let predictions: BTreeMap<String, PredictedFields> = [(
            "a".to_string(),
            PredictedFields {
                title: json!("Rain returns | Daily"),
                authors: json!(["Ana Lima"]),
                published: json!("2025-12-19T08:00:00+01:00"),
            },
        )]
        .into_iter()
        .collect();
        let scores = score(
            &gold,
            &predictions,
            &[Field::Title, Field::Author, Field::Published],
        );
        let figures: Vec<(&str, usize, f64, f64)> = scores
            .iter()
            .map(|s| (s.field, s.pages, s.coverage, s.accuracy))
            .collect();
        assert_eq!(
            figures,
            [
                ("title", 2, 0.5, 0.0),
                ("title~", 2, 0.5, 0.5),
                ("author", 1, 1.0, 1.0),
                ("published", 1, 1.0, 1.0)
            ]
        );
        assert_eq!(scores[1].misses[0].id, "b");
    }
}
