//! Metadata: what a page says about itself (JSON-LD first, then Open Graph
//! and `<meta>` tags, `<html lang>`, `<link rel=canonical>`, `<time>`), then
//! what it shows around its title (bylines, written dates) and in its URL,
//! normalised (ISO 8601 dates, BCP 47 language tags); the page's title
//! (see [`page_title`]); and the language of the extracted text as detected by
//! `whatlang` (ISO 639-1 where the language has one, else ISO 639-3).

mod authors;
mod dates;
mod linked;
mod nearby;
mod title;

use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate};
use regex::Regex;
use serde::Serialize;

use crate::dom::{Declarations, Dom};
pub use linked::LinkedData;
use nearby::Nearby;
pub use title::{Heading, page_title};

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

/// Collects the metadata of a page from its declarations, the text around
/// its title (`anchor`: the title's `h1`, else the article container) and
/// its extracted text.
pub fn collect(dom: &Dom, linked: &LinkedData, anchor: usize, text: &str) -> Metadata {
    let declarations = &dom.meta.declarations;
    let tag = |keys: &[&str]| meta_tag(&declarations.meta_tags, keys);
    let nearby = Nearby::around(dom, anchor);
    let canonical_url = page_url(declarations).or_else(|| linked.text("url"));
    let declared_language = declarations
        .lang
        .clone()
        .or_else(|| tag(&["content-language", "og:locale", "language", "dc.language"]))
        .map(|lang| lang.replace('_', "-"));
    let dating = Dating {
        today: today(),
        month_first: declared_language.as_deref().is_some_and(writes_month_first),
    };
    let site_name = dom
        .meta
        .site_name
        .clone()
        .or_else(|| linked.field("publisher").and_then(|p| linked.name_of(p)))
        .or_else(|| tag(&["application-name"]));
    let mut metadata = Metadata {
        authors: authors::authors(
            linked,
            &declarations.meta_tags,
            &nearby,
            site_name.as_deref(),
        ),
        published: dating.published(declarations, linked, canonical_url.as_deref(), &nearby),
        site_name,
        description: tag(&["og:description", "description", "twitter:description"])
            .or_else(|| linked.text("description")),
        canonical_url,
        declared_language,
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

/// Meta tags (and `itemprop` marks) that carry a publication date, most
/// specific first.
const PUBLISHED_TAGS: &[&str] = &[
    "article:published_time",
    "datepublished",
    "og:published_time",
    "article:published",
    "publishdate",
    "publish-date",
    "publish_date",
    "published-date",
    "date-pub",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "citation_publication_date",
    "citation_date",
    "dc.date",
    "dcterms.date",
    "datecreated",
    "date",
];

/// Meta tags (and `itemprop` marks) that carry the date of the last change.
const MODIFIED_TAGS: &[&str] = &[
    "article:modified_time",
    "datemodified",
    "og:updated_time",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
];

/// Whether a meta tag not listed in [`PUBLISHED_TAGS`] still names a
/// date of the page (`ms.date`, `article.created`), not of its last change
/// or of something else.
fn names_a_page_date(key: &str) -> bool {
    const OTHER_DATES: [&str; 9] = [
        "modif", "updat", "expir", "revis", "review", "valid", "start", "end", "event",
    ];
    (key.ends_with("date") || key.contains("publish") || key.contains("created"))
        && !OTHER_DATES.iter().any(|other| key.contains(other))
}

/// How dates are read on one page.
struct Dating {
    today: NaiveDate,
    /// Whether an ambiguous `04/05/2024` means April (as in the US).
    month_first: bool,
}

impl Dating {
    /// The publication date: declared (JSON-LD, then meta tags, then the
    /// first `<time datetime>`), else the date in the URL, else one written
    /// next to the title, else a meta tag that names some other date of the
    /// page, else the declared date of the last change. A
    /// declaration that cannot be read yields to the next. A date written
    /// next to the title a day off the declared one (and the declared day
    /// shown nowhere there) is the page's local day, which a time zone moved.
    fn published(
        &self,
        declarations: &Declarations,
        linked: &LinkedData,
        url: Option<&str>,
        nearby: &Nearby,
    ) -> Option<String> {
        let read = |raw: String| dates::iso_date(&raw, self.today, self.month_first);
        let day_of = |iso: &str| NaiveDate::parse_from_str(iso.get(..10)?, "%Y-%m-%d").ok();
        let format = |day: NaiveDate| day.format("%Y-%m-%d").to_string();
        let declared = |linked_key: &str, tags: &[&str]| {
            linked.text(linked_key).and_then(read).or_else(|| {
                tags.iter().find_map(|key| {
                    declarations
                        .meta_tags
                        .iter()
                        .filter(|(name, _)| name == key)
                        .find_map(|(_, content)| read(content.clone()))
                })
            })
        };
        let written = dates::first_date_in(nearby.after(), self.month_first, self.today)
            .or_else(|| dates::last_date_in(nearby.before(), self.month_first, self.today));
        let shown = |iso: &str| {
            day_of(iso).is_some_and(|day| {
                [nearby.before(), nearby.after()].iter().any(|text| {
                    dates::all_dates_in(text, self.month_first, self.today).contains(&day)
                })
            })
        };
        let modified = declared("dateModified", MODIFIED_TAGS);
        let published = declared("datePublished", PUBLISHED_TAGS)
            .or_else(|| declarations.times.iter().find_map(|t| read(t.clone())));
        if let (Some(declared), Some(written)) = (&published, written) {
            let days_off = day_of(declared).map(|day| (day - written).num_days().abs());
            return Some(if days_off == Some(1) && !shown(declared) {
                format(written)
            } else {
                declared.clone()
            });
        }
        published
            .or_else(|| url.and_then(|u| dates::from_url(u, self.today)))
            .or_else(|| written.map(format))
            .or_else(|| {
                declarations
                    .meta_tags
                    .iter()
                    .filter(|(key, _)| names_a_page_date(key))
                    .find_map(|(_, content)| read(content.clone()))
            })
            .or(modified)
    }
}

/// Whether dates on pages in this language write the month first
/// (`04/05/2024` for April 5th): American English and a few others.
fn writes_month_first(tag: &str) -> bool {
    let tag = tag.to_ascii_lowercase();
    tag == "en" || tag == "en-us" || tag.starts_with("en-us-") || tag == "fil" || tag == "en-ph"
}

/// Today's date, the upper bound of a plausible publication date.
fn today() -> NaiveDate {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    DateTime::from_timestamp(seconds, 0).map_or(NaiveDate::MAX, |now| now.date_naive())
}

/// The page's own URL: `<link rel=canonical>`, else `og:url`; a canonical
/// that is no URL (a title put there by mistake: no `/`, or spaces) yields.
fn page_url(declarations: &Declarations) -> Option<String> {
    let is_url = |url: &String| url.contains('/') && !url.contains(char::is_whitespace);
    declarations
        .canonical
        .clone()
        .filter(is_url)
        .or_else(|| meta_tag(&declarations.meta_tags, &["og:url"]))
}

fn meta_tag(tags: &[(String, String)], keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|key| {
        tags.iter()
            .find(|(name, content)| name == key && !content.is_empty())
            .map(|(_, content)| content.clone())
    })
}

/// Text with HTML character references decoded (`&amp;` → `&`,
/// `&#8217;` → `’`): JSON-LD and some meta tags carry them encoded twice.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    static REFERENCE: OnceLock<Regex> = OnceLock::new();
    let reference = REFERENCE.get_or_init(|| {
        Regex::new(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});").expect("valid regex")
    });
    reference
        .replace_all(text, |c: &regex::Captures| {
            let name = &c[1];
            let decoded = match name.strip_prefix('#') {
                Some(number) => match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => number.parse().ok(),
                }
                .and_then(char::from_u32),
                None => NAMED_ENTITIES
                    .iter()
                    .find(|(entity, _)| *entity == name)
                    .map(|(_, c)| *c),
            };
            decoded.map_or_else(|| c[0].to_string(), String::from)
        })
        .into_owned()
}

/// The named character references that occur in metadata.
const NAMED_ENTITIES: &[(&str, char)] = &[
    ("amp", '&'),
    ("quot", '"'),
    ("apos", '\''),
    ("lt", '<'),
    ("gt", '>'),
    ("nbsp", ' '),
    ("ndash", '–'),
    ("mdash", '—'),
    ("rsquo", '’'),
    ("lsquo", '‘'),
    ("rdquo", '”'),
    ("ldquo", '“'),
    ("hellip", '…'),
];

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

    fn page(html: &str) -> Dom {
        crate::dom::parse(html, &crate::budget::Budget::unlimited()).unwrap()
    }

    /// The metadata of a page, read around its first `h1`.
    fn metadata_of(html: &str, text: &str) -> Metadata {
        let dom = page(html);
        let h1 = (0..dom.nodes.len())
            .find(|&i| dom.element(i).is_some_and(|e| &*e.name == "h1"))
            .unwrap_or(0);
        let linked = LinkedData::parse(&dom.meta.declarations.json_ld);
        collect(&dom, &linked, h1, text)
    }

    #[test]
    fn meta_tags_give_metadata_in_normal_form() {
        let html = r#"<html lang="id_ID"><head>
            <meta property="og:site_name" content="Kabar">
            <meta property="og:description" content="Ringkasan berita.">
            <meta name="author" content="By Siti Rahma">
            <meta property="article:published_time" content="2024-05-01T10:00:00+07:00">
            <link rel="canonical" href="https://example.id/berita/1">
            </head><body><h1>Judul</h1><time datetime="2024-04-30">30 April</time></body></html>"#;
        let text = "Pemerintah mengumumkan kebijakan baru tentang pendidikan dasar di seluruh provinsi pada hari Senin.";
        let m = metadata_of(html, text);
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
        let html = r#"<head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","name":"Site"},
            {"@type":"NewsArticle","datePublished":"2024-05-02 08:30:00",
             "author":[{"@type":"Person","name":"Ana Lima"},{"name":"Rui Costa"}],
             "publisher":{"@type":"Organization","name":"Jornal"}}]}</script>
            <meta name="author" content="Outro Nome"></head><body><h1>T</h1></body>"#;
        let m = metadata_of(html, "");
        assert_eq!(m.authors, ["Ana Lima", "Rui Costa"]);
        assert_eq!(m.published.as_deref(), Some("2024-05-02T08:30:00"));
        assert_eq!(m.site_name.as_deref(), Some("Jornal"));
        assert_eq!(m.language, None);
    }

    #[test]
    fn an_unreadable_declared_date_yields_to_the_next() {
        let html = r#"<head><script type="application/ld+json">{"@type":"Article","datePublished":"soon"}</script>
            <meta name="pubdate" content="2024-05-03"></head><body><h1>T</h1></body>"#;
        assert_eq!(
            metadata_of(html, "").published.as_deref(),
            Some("2024-05-03")
        );
    }

    #[test]
    fn the_url_date_comes_before_written_dates() {
        let html = r#"<head><link rel="canonical" href="https://ex.com/2024/05/01/rain/"></head>
            <body><h1>Rain</h1><p>June 2, 2024</p></body>"#;
        assert_eq!(
            metadata_of(html, "").published.as_deref(),
            Some("2024-05-01")
        );
    }

    #[test]
    fn a_canonical_that_is_no_url_yields_to_og_url() {
        let html = r#"<head><link rel="canonical" href="What are the types of wine?">
            <meta property="og:url" content="https://ex.org/blog/2023/october/03/wine-types">
            </head><body><h1>Wine</h1><p>03/10/2023</p></body>"#;
        let m = metadata_of(html, "");
        assert_eq!(
            m.canonical_url.as_deref(),
            Some("https://ex.org/blog/2023/october/03/wine-types")
        );
        assert_eq!(m.published.as_deref(), Some("2023-10-03"));
        let relative =
            r#"<head><link rel="canonical" href="/2024/05/01/rain"></head><body></body>"#;
        assert_eq!(
            metadata_of(relative, "").canonical_url.as_deref(),
            Some("/2024/05/01/rain")
        );
    }

    #[test]
    fn a_date_written_under_the_title_is_read_in_the_page_convention() {
        let us = r#"<html lang="en-US"><body><p>Older: 01/02/2020</p><h1>Rain</h1>
            <p>By Ana Lima · 04/05/2024</p><p>Text from 03/03/2023.</p></body></html>"#;
        assert_eq!(metadata_of(us, "").published.as_deref(), Some("2024-04-05"));
        let de = us.replace("en-US", "de");
        assert_eq!(
            metadata_of(&de, "").published.as_deref(),
            Some("2024-05-04")
        );
    }

    #[test]
    fn a_date_above_the_title_is_read_when_none_is_under_it() {
        let html =
            r#"<body><p>Home</p><p>12. Dezember 2025</p><h1>Regen</h1><p>Es regnet.</p></body>"#;
        assert_eq!(
            metadata_of(html, "").published.as_deref(),
            Some("2025-12-12")
        );
    }

    #[test]
    fn the_date_of_the_last_change_is_the_last_resort() {
        let html = r#"<head><meta property="article:modified_time" content="2025-07-27T00:28:47-07:00"></head>
            <body><h1>T</h1></body>"#;
        assert_eq!(
            metadata_of(html, "").published.as_deref(),
            Some("2025-07-27T00:28:47-07:00")
        );
    }

    #[test]
    fn marked_up_bylines_near_the_title_name_the_author() {
        let html = r#"<body><h1>Titre</h1><div class="post-meta">
            <span class="author-name"><a href="/a/jean">Jean Dupont</a></span></div>
            <p>Texte.</p><div class="comment-author">Lecteur Anonyme</div></body>"#;
        assert_eq!(metadata_of(html, "").authors, ["Jean Dupont"]);
        let itemprop = r#"<body><h1>T</h1><p itemprop="author" itemscope>
            <span itemprop="name">Marta Ruiz</span>, corresponsal</p></body>"#;
        assert_eq!(metadata_of(itemprop, "").authors, ["Marta Ruiz"]);
    }

    #[test]
    fn a_by_line_under_the_title_names_the_author() {
        let html = r#"<body><h1>Regen</h1><p>Von Anna Schmidt, 12. Dezember 2025</p></body>"#;
        let m = metadata_of(html, "");
        assert_eq!(m.authors, ["Anna Schmidt"]);
        assert_eq!(m.published.as_deref(), Some("2025-12-12"));
    }

    #[test]
    fn other_meta_dates_of_the_page_come_before_the_last_change() {
        let html = r#"<head><meta name="ms.date" content="2025-03-06T00:00:00Z">
            <meta name="event-date" content="2026-01-01">
            <meta property="og:updated_time" content="2025-07-27"></head><body><h1>T</h1></body>"#;
        assert_eq!(
            metadata_of(html, "").published.as_deref(),
            Some("2025-03-06T00:00:00+00:00")
        );
        assert!(names_a_page_date("article.created") && !names_a_page_date("last-updated-date"));
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            decode_entities("Tom &amp; Jerry&#8217;s &#x41;"),
            "Tom & Jerry’s A"
        );
        assert_eq!(decode_entities("&bogus; & co"), "&bogus; & co");
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
