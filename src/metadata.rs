//! Metadata: what a page says about itself (JSON-LD first, then Open Graph
//! and `<meta>` tags, `<html lang>`, `<link rel=canonical>`, `<time>`),
//! normalised (ISO 8601 dates, BCP 47 language tags), plus the language of
//! the extracted text as detected by `whatlang` (ISO 639-1 where the
//! language has one, else ISO 639-3).

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use serde::Serialize;
use serde_json::Value;

use crate::dom::Declarations;

/// Metadata of one page; absent facts are left out of JSON output.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Metadata {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Publication date and time, ISO 8601.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canonical_url: Option<String>,
    /// The language the page declares (`<html lang>`, `content-language`,
    /// `og:locale`), as a BCP 47 tag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declared_language: Option<String>,
    /// The language of the extracted text, detected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// How sure the detection is, from 0 to 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language_confidence: Option<f64>,
    /// What kind of page it is (`article`, `forum`, `product`,
    /// `collection`, `listing`, `documentation`, `service`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_type: Option<&'static str>,
}

/// Characters of text the language is detected on: enough for a confident
/// guess, bounded so long pages cost no more than short ones.
const DETECTION_SAMPLE: usize = 1_000;

/// Collects the metadata of a page from its declarations and its text.
pub fn collect(declarations: &Declarations, site_name: Option<&str>, text: &str) -> Metadata {
    let linked = linked_data(&declarations.json_ld);
    let tag = |keys: &[&str]| meta_tag(&declarations.meta_tags, keys);
    let mut metadata = Metadata {
        authors: authors(linked.as_ref(), &declarations.meta_tags),
        published: linked
            .as_ref()
            .and_then(|l| string(l.get("datePublished")))
            .or_else(|| tag(DATE_TAGS))
            .or_else(|| declarations.times.first().cloned())
            .and_then(|date| iso_date(&date)),
        site_name: site_name
            .map(str::to_string)
            .or_else(|| linked.as_ref().and_then(|l| name_of(l.get("publisher"))))
            .or_else(|| tag(&["application-name"])),
        description: tag(&["og:description", "description", "twitter:description"])
            .or_else(|| linked.as_ref().and_then(|l| string(l.get("description")))),
        canonical_url: declarations
            .canonical
            .clone()
            .or_else(|| tag(&["og:url"]))
            .or_else(|| linked.as_ref().and_then(|l| string(l.get("url")))),
        declared_language: declarations
            .lang
            .clone()
            .or_else(|| tag(&["content-language", "og:locale", "language", "dc.language"]))
            .map(|lang| lang.replace('_', "-")),
        ..Metadata::default()
    };
    if let Some(detected) = detect_language(text) {
        // An unreliable guess yields to the language the page declares.
        let declared = metadata
            .declared_language
            .as_deref()
            .and_then(primary_subtag);
        metadata.language = match declared {
            Some(declared) if !detected.reliable => Some(declared),
            _ => Some(detected.code),
        };
        metadata.language_confidence = Some((detected.confidence * 1000.0).round() / 1000.0);
    }
    metadata
}

/// Meta tags that carry a publication date, most specific first.
const DATE_TAGS: &[&str] = &[
    "article:published_time",
    "datepublished",
    "og:published_time",
    "publishdate",
    "publish-date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dc.date",
    "date",
];

/// Meta tags that name an author.
const AUTHOR_TAGS: &[&str] = &[
    "author",
    "article:author",
    "dc.creator",
    "parsely-author",
    "sailthru.author",
    "byl",
];

fn meta_tag(tags: &[(String, String)], keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|key| {
        tags.iter()
            .find(|(name, content)| name == key && !content.is_empty())
            .map(|(_, content)| content.clone())
    })
}

/// The JSON-LD object that describes the article: the first whose type is
/// an article or a posting, else the first object at all.
fn linked_data(scripts: &[String]) -> Option<Value> {
    let objects: Vec<Value> = scripts
        .iter()
        .filter_map(|script| serde_json::from_str::<Value>(script.trim()).ok())
        .flat_map(flatten_graph)
        .collect();
    let is_article = |object: &&Value| {
        types_of(object).iter().any(|t| {
            t.ends_with("Article") || t.ends_with("Posting") || t == "Report" || t == "Review"
        })
    };
    objects
        .iter()
        .find(is_article)
        .or_else(|| objects.first())
        .cloned()
}

/// Top-level objects, arrays and `@graph` lists, as one list of objects.
fn flatten_graph(value: Value) -> Vec<Value> {
    let mut objects = Vec::new();
    let mut pending = vec![value];
    while let Some(value) = pending.pop() {
        match value {
            Value::Array(items) => pending.extend(items.into_iter().rev()),
            Value::Object(mut object) => match object.remove("@graph") {
                Some(graph) => pending.push(graph),
                None => objects.push(Value::Object(object)),
            },
            _ => {}
        }
    }
    objects
}

fn types_of(object: &Value) -> Vec<String> {
    match object.get("@type") {
        Some(Value::String(t)) => vec![t.clone()],
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

fn string(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Array(items) => items.iter().find_map(|item| string(Some(item))),
        _ => None,
    }
}

/// A name given as a string or as an object with a `name`.
fn name_of(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::Object(object) => string(object.get("name")),
        other => string(Some(other)),
    }
}

fn authors(linked: Option<&Value>, tags: &[(String, String)]) -> Vec<String> {
    let from_linked: Vec<String> = match linked.and_then(|l| l.get("author")) {
        Some(Value::Array(items)) => items.iter().filter_map(|a| name_of(Some(a))).collect(),
        author => name_of(author).into_iter().collect(),
    };
    let names = if from_linked.is_empty() {
        meta_tag(tags, AUTHOR_TAGS).into_iter().collect()
    } else {
        from_linked
    };
    names
        .into_iter()
        .map(|name| clean_author(&name))
        .filter(|name| !name.is_empty() && !name.starts_with("http"))
        .collect()
}

fn clean_author(name: &str) -> String {
    let name = name.trim();
    let name = ["By ", "by ", "BY "]
        .iter()
        .find_map(|prefix| name.strip_prefix(prefix))
        .unwrap_or(name);
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A date in ISO 8601: RFC 3339 and RFC 2822 dates, `YYYY-MM-DD` with or
/// without a time, and `YYYY/MM/DD`; anything else is left out.
fn iso_date(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if let Ok(date) = DateTime::parse_from_rfc3339(raw) {
        return Some(date.to_rfc3339());
    }
    if let Ok(date) = DateTime::parse_from_rfc2822(raw) {
        return Some(date.to_rfc3339());
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(date) = NaiveDateTime::parse_from_str(raw, format) {
            return Some(date.format("%Y-%m-%dT%H:%M:%S").to_string());
        }
    }
    let day = raw.get(..10).unwrap_or(raw);
    ["%Y-%m-%d", "%Y/%m/%d", "%Y%m%d"]
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(day, format).ok())
        .map(|date| date.format("%Y-%m-%d").to_string())
}

/// A detected language.
#[derive(Debug, Clone, PartialEq)]
pub struct Detected {
    /// ISO 639-1 (or 639-3 when there is none).
    pub code: String,
    pub confidence: f64,
    /// Whether the detector stands by its guess.
    pub reliable: bool,
}

/// The language of a text, from a sample of its first characters.
pub fn detect_language(text: &str) -> Option<Detected> {
    let end = text
        .char_indices()
        .nth(DETECTION_SAMPLE)
        .map_or(text.len(), |(at, _)| at);
    let info = whatlang::detect(&text[..end])?;
    Some(Detected {
        code: short_code(info.lang()).to_string(),
        confidence: info.confidence(),
        reliable: info.is_reliable(),
    })
}

/// The language subtag of a BCP 47 tag (`pt-BR` → `pt`), when it is one.
fn primary_subtag(tag: &str) -> Option<String> {
    let primary = tag.split(['-', '_']).next()?.trim().to_ascii_lowercase();
    (2..=3)
        .contains(&primary.len())
        .then_some(primary)
        .filter(|p| p.chars().all(|c| c.is_ascii_alphabetic()))
}

/// ISO 639-1 for a detected language; Mandarin and Iranian Persian, which
/// `whatlang` names by their individual codes, go under their
/// macrolanguages' `zh` and `fa`, as pages declare them.
fn short_code(lang: whatlang::Lang) -> &'static str {
    match lang {
        whatlang::Lang::Cmn => "zh",
        whatlang::Lang::Pes => "fa",
        _ => {
            let code = lang.code();
            isolang::Language::from_639_3(code)
                .and_then(|l| l.to_639_1())
                .unwrap_or(code)
        }
    }
}

/// Whether `code` names a language: ISO 639-1 or 639-3 (any case),
/// optionally with a region or script subtag (`pt-BR`, `zh_Hant`).
pub fn is_language_code(code: &str) -> bool {
    primary_subtag(code).is_some_and(|primary| {
        isolang::Language::from_639_1(&primary).is_some()
            || isolang::Language::from_639_3(&primary).is_some()
    })
}

/// Whether a language code (ISO 639-1 or 639-3, any case) names `language`.
pub fn same_language(code: &str, language: &str) -> bool {
    let canonical = |code: &str| {
        let code = code.trim().to_ascii_lowercase();
        let primary = code
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_string();
        isolang::Language::from_639_1(&primary)
            .map(|l| l.to_639_3().to_string())
            .unwrap_or(primary)
    };
    canonical(code) == canonical(language)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn declarations() -> Declarations {
        Declarations {
            meta_tags: vec![
                ("og:description".into(), "Ringkasan berita.".into()),
                ("author".into(), "By Siti Rahma".into()),
                (
                    "article:published_time".into(),
                    "2024-05-01T10:00:00+07:00".into(),
                ),
            ],
            json_ld: vec![],
            lang: Some("id_ID".into()),
            canonical: Some("https://example.id/berita/1".into()),
            times: vec!["2024-04-30".into()],
            base: None,
        }
    }

    #[test]
    fn meta_tags_give_metadata_in_normal_form() {
        let text = "Pemerintah mengumumkan kebijakan baru tentang pendidikan dasar di seluruh provinsi pada hari Senin.";
        let m = collect(&declarations(), Some("Kabar"), text);
        assert_eq!(m.authors, ["Siti Rahma"]);
        assert_eq!(m.published.as_deref(), Some("2024-05-01T10:00:00+07:00"));
        assert_eq!(m.site_name.as_deref(), Some("Kabar"));
        assert_eq!(m.description.as_deref(), Some("Ringkasan berita."));
        assert_eq!(
            m.canonical_url.as_deref(),
            Some("https://example.id/berita/1")
        );
        assert_eq!(m.declared_language.as_deref(), Some("id-ID"));
        assert_eq!(m.language.as_deref(), Some("id"));
    }

    #[test]
    fn json_ld_comes_first_and_graphs_are_searched() {
        let mut d = declarations();
        d.json_ld = vec![
            r#"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","name":"Site"},
            {"@type":"NewsArticle","datePublished":"2024-05-02 08:30:00",
             "author":[{"@type":"Person","name":"Ana Lima"},{"name":"Rui Costa"}],
             "publisher":{"@type":"Organization","name":"Jornal"}}]}"#
                .into(),
        ];
        let m = collect(&d, None, "");
        assert_eq!(m.authors, ["Ana Lima", "Rui Costa"]);
        assert_eq!(m.published.as_deref(), Some("2024-05-02T08:30:00"));
        assert_eq!(m.site_name.as_deref(), Some("Jornal"));
        assert_eq!(m.language, None);
    }

    #[test]
    fn dates_are_normalised_or_dropped() {
        assert_eq!(iso_date("2024/05/03").as_deref(), Some("2024-05-03"));
        assert_eq!(
            iso_date("Fri, 03 May 2024 10:00:00 GMT").as_deref(),
            Some("2024-05-03T10:00:00+00:00")
        );
        assert_eq!(iso_date("yesterday"), None);
    }

    #[test]
    fn languages_compare_across_code_sets() {
        assert!(same_language("en", "eng"));
        assert!(same_language("EN-gb", "en"));
        assert!(same_language("zho", "zh"));
        assert!(!same_language("de", "en"));
        assert!(is_language_code("EN-gb") && is_language_code("deu"));
        assert!(!is_language_code("zz") && !is_language_code("english"));
    }

    #[test]
    fn every_detectable_language_has_a_short_code() {
        for lang in whatlang::Lang::all() {
            assert_eq!(short_code(*lang).len(), 2, "{}", lang.eng_name());
        }
    }
}
