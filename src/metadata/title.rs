//! Title: the title chosen from the page's headings, its site part
//! ("Headline | Site") trimmed, or the declared title (`og:title`, JSON-LD
//! `headline`, `<title>`) when two declarations agree on it and the heading
//! shares too few of its words to name the same article.

use std::collections::HashSet;

use super::linked::LinkedData;
use crate::dom::Dom;

/// Separators between a title's parts: "Headline | Site", "Site » Section".
const SEPARATORS: [&str; 10] = [
    " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » ", " / ", " : ",
];
/// Most words of a trailing part taken for a site or section name when the
/// site's name is not known ("Headline - Blog").
const MAX_TAIL_WORDS: usize = 3;
/// Most words of a label before a colon ("Thread:", "Garden blog:").
const MAX_LABEL_WORDS: usize = 3;
/// Least share of the first `h1`'s words that the declared title must hold
/// for the `h1` to be the same title reworded (below it, the `h1` names
/// something else: a section, a widget).
const MIN_SHOWN_SHARED_WORDS: f64 = 0.3;
/// Least share of the heading's words that the agreed declared title must
/// hold for the heading to stand: below it, the heading names something
/// else (a section, a widget, a pull quote).
const MIN_SHARED_WORDS: f64 = 0.5;

/// What scoring found to title the page.
#[derive(Debug, Clone, Copy, Default)]
pub struct Heading<'a> {
    /// The title scoring chose: an `h1`, else a declared title.
    pub chosen: Option<&'a str>,
    /// Whether that `h1` lies inside the article container.
    pub in_article: bool,
    /// Whether `chosen` came from the declarations (no `h1` in or before
    /// the container, outside furniture).
    pub declared: bool,
    /// Every `h1` of the page with text, furniture's too (a hero banner's),
    /// in page order.
    pub h1s: &'a [String],
    /// Whether the page is a business's service page, whose `h1` is a
    /// slogan or a label ("Custom dashboards in days") while its declared
    /// title names the page.
    pub service_page: bool,
}

/// The page's title, from the one the headings gave.
pub fn page_title(dom: &Dom, linked: &LinkedData, heading: Heading) -> Option<String> {
    let site = Site::of(dom, linked);
    let declared: Vec<String> = [
        dom.meta.og_title.clone(),
        linked.text("headline").map(|h| super::decode_entities(&h)),
        dom.meta.title.clone(),
    ]
    .into_iter()
    .flatten()
    .map(|title| site.trim(&title))
    .filter(|title| !title.is_empty())
    .collect();
    let chosen = heading
        .chosen
        .map(|title| site.trim(title))
        .filter(|t| !t.is_empty());
    let h1s: Vec<String> = heading
        .h1s
        .iter()
        .map(|h1| site.trim(h1))
        .filter(|h1| !site.names(h1))
        .collect();
    let is_declared = |title: &str| declared.iter().any(|d| same_title(d, title));
    // An `h1` the declarations confirm outranks a heading they do not (a
    // section's, a sidebar's).
    if !chosen.as_deref().is_some_and(is_declared)
        && let Some(confirmed) = h1s.iter().find(|h1| is_declared(h1))
    {
        return Some(without_label(confirmed.clone(), &declared));
    }
    // The title the page shows, when its declared one says the same in
    // other words (written for search engines), is the page's own.
    if let (true, Some(chosen), Some(shown)) = (heading.declared, &chosen, h1s.first())
        && (MIN_SHOWN_SHARED_WORDS..1.0).contains(&shared_words(shown, chosen))
    {
        return Some(shown.clone());
    }
    let agreed = declared.iter().enumerate().find_map(|(i, a)| {
        declared[i + 1..]
            .iter()
            .any(|b| same_title(a, b))
            .then_some(a)
    });
    // A heading outside the article (a blog's or a section's name), or a
    // service page's slogan, is outvoted by a single declaration.
    let agreed = agreed.or(declared
        .first()
        .filter(|_| !heading.in_article || heading.service_page));
    let title = match (chosen, agreed) {
        (Some(chosen), Some(agreed))
            if !declared.iter().any(|d| same_title(d, &chosen))
                && (heading.service_page || shared_words(&chosen, agreed) < MIN_SHARED_WORDS) =>
        {
            Some(agreed.clone())
        }
        (Some(chosen), _) => Some(chosen),
        (None, agreed) => agreed.cloned().or_else(|| declared.first().cloned()),
    };
    title.map(|title| without_label(title, &declared))
}

/// A heading without the label before the declared title it holds
/// ("Thread: Rain returns", "Blog: Rain returns" → "Rain returns").
fn without_label(title: String, declared: &[String]) -> String {
    let Some((label, rest)) = title.split_once(':') else {
        return title;
    };
    let rest = rest.trim();
    if word_count(label) <= MAX_LABEL_WORDS
        && !rest.is_empty()
        && declared.iter().any(|d| same_title(d, rest))
    {
        rest.to_string()
    } else {
        title
    }
}

/// What names the site: its declared name and its host.
struct Site {
    name: Option<String>,
    /// The host's letters and digits, without `www`.
    host: String,
}

impl Site {
    fn of(dom: &Dom, linked: &LinkedData) -> Site {
        let url = super::page_url(&dom.meta.declarations);
        let host = url
            .as_deref()
            .and_then(|u| u.split("://").nth(1))
            .and_then(|rest| rest.split(['/', '?', '#', ':']).next())
            .map(|host| host.trim_start_matches("www."))
            .unwrap_or_default();
        Site {
            name: dom
                .meta
                .site_name
                .clone()
                .or_else(|| linked.field("publisher").and_then(|p| linked.name_of(p))),
            host: squashed(host),
        }
    }

    /// Whether a title's part names the site.
    fn names(&self, part: &str) -> bool {
        let part = squashed(part);
        part.is_empty()
            || self
                .name
                .as_deref()
                .is_some_and(|name| squashed(name) == part)
            || (part.chars().count() >= 3 && self.host.contains(&part))
    }

    /// A title without its site part: the declared site name cut from
    /// either end, else the parts that name the site dropped, else a short
    /// trailing part dropped.
    fn trim(&self, title: &str) -> String {
        // A heading's permalink mark ("Usage¶") is no part of its title.
        let title = title.trim_end_matches(['¶', '§', '#']);
        let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(name) = self.name.as_deref().filter(|n| !n.trim().is_empty()) {
            for separator in SEPARATORS {
                let suffix = format!("{separator}{}", name.trim());
                if let Some(cut) = strip_suffix_ignoring_case(&title, &suffix) {
                    return cut.trim().to_string();
                }
                let prefix = format!("{}{separator}", name.trim());
                if let Some(cut) = strip_prefix_ignoring_case(&title, &prefix) {
                    return cut.trim().to_string();
                }
            }
        }
        let Some(separator) = SEPARATORS.iter().find(|s| title.contains(**s)) else {
            return title;
        };
        let parts: Vec<&str> = title.split(separator).map(str::trim).collect();
        let kept: Vec<&str> = parts.iter().copied().filter(|p| !self.names(p)).collect();
        if kept.len() < parts.len() && !kept.is_empty() {
            return kept.join(separator);
        }
        // "Headline - Section - Site": short trailing parts after a longer
        // head are the site's and its sections' names.
        let short_tail = |tail: &&str| {
            word_count(tail) <= MAX_TAIL_WORDS && word_count(parts[0]) > word_count(tail)
        };
        match parts.as_slice() {
            [head, ..] if *separator == " | " => head.to_string(),
            [head, tails @ ..] if tails.iter().all(short_tail) => head.to_string(),
            _ => title,
        }
    }
}

fn strip_suffix_ignoring_case<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let at = text.len().checked_sub(suffix.len())?;
    (at > 0 && text.is_char_boundary(at) && text[at..].eq_ignore_ascii_case(suffix))
        .then(|| &text[..at])
}

fn strip_prefix_ignoring_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let at = prefix.len();
    (at < text.len() && text.is_char_boundary(at) && text[..at].eq_ignore_ascii_case(prefix))
        .then(|| &text[at..])
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Lower-cased letters and digits only.
fn squashed(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Lower-cased words: runs of letters and digits.
fn words(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Equal but for case, punctuation and spacing.
fn same_title(a: &str, b: &str) -> bool {
    let key = |s: &str| {
        let mut words: Vec<String> = s
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        words.dedup();
        words
    };
    key(a) == key(b)
}

/// The share of `heading`'s words that `other` holds; all of them when
/// either holds the other whole (which also serves scripts written without
/// spaces, Thai or Japanese, where a title is one "word").
fn shared_words(heading: &str, other: &str) -> f64 {
    let (squashed_heading, squashed_other) = (squashed(heading), squashed(other));
    if !squashed_heading.is_empty()
        && !squashed_other.is_empty()
        && (squashed_other.contains(&squashed_heading)
            || squashed_heading.contains(&squashed_other))
    {
        return 1.0;
    }
    let (heading, other) = (words(heading), words(other));
    if heading.is_empty() {
        return 0.0;
    }
    heading.intersection(&other).count() as f64 / heading.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(head: &str) -> Dom {
        let html = format!("<html><head>{head}</head><body><p>x</p></body></html>");
        crate::dom::parse(&html, &crate::budget::Budget::unlimited()).unwrap()
    }

    fn title_of(head: &str, chosen: Option<&str>) -> Option<String> {
        title_beside(head, chosen, true)
    }

    fn title_beside(head: &str, chosen: Option<&str>, in_article: bool) -> Option<String> {
        let heading = Heading {
            chosen,
            in_article,
            ..Heading::default()
        };
        title_with(head, heading)
    }

    fn title_with(head: &str, heading: Heading) -> Option<String> {
        let dom = page(head);
        let linked = LinkedData::parse(&dom.meta.declarations.json_ld);
        page_title(&dom, &linked, heading)
    }

    #[test]
    fn a_shown_heading_rewording_the_declared_title_is_the_title() {
        let head = "<title>Top 11 SEO Strategies for 2025 | Lucca</title>";
        let shown = |h1: &str| {
            let h1s = [h1.to_string()];
            let heading = Heading {
                chosen: Some("Top 11 SEO Strategies for 2025 | Lucca"),
                declared: true,
                h1s: &h1s,
                ..Heading::default()
            };
            title_with(head, heading)
        };
        assert_eq!(
            shown("11 SEO Strategies for 2025 to Boost Rankings").as_deref(),
            Some("11 SEO Strategies for 2025 to Boost Rankings")
        );
        assert_eq!(
            shown("SEO Strategies").as_deref(),
            Some("Top 11 SEO Strategies for 2025"),
            "an h1 that is a part of the declared title does not replace it"
        );
        assert_eq!(
            shown("Subscribe to our newsletter").as_deref(),
            Some("Top 11 SEO Strategies for 2025"),
            "an h1 naming something else does not replace it"
        );
        assert_eq!(
            shown("Lucca").as_deref(),
            Some("Top 11 SEO Strategies for 2025"),
            "an h1 naming the site does not replace it"
        );
    }

    #[test]
    fn an_h1_the_declarations_confirm_outranks_a_section_heading() {
        let head = r#"<meta property="og:title" content="Plugin-Empfehlungen?">
            <title>Plugin-Empfehlungen? - Hilfe - Forum</title>"#;
        let h1s = [
            "Forum".to_string(),
            "Plugin-Empfehlungen?".to_string(),
            "Sync".to_string(),
        ];
        let heading = Heading {
            chosen: Some("Sync"),
            in_article: true,
            h1s: &h1s,
            ..Heading::default()
        };
        assert_eq!(
            title_with(head, heading).as_deref(),
            Some("Plugin-Empfehlungen?")
        );
    }

    #[test]
    fn a_service_pages_slogan_yields_to_its_declared_title() {
        let head = "<title>Travel Insurance - Flight and Trip Cover | Assur</title>";
        let heading = |service_page| Heading {
            chosen: Some("Get a quote and protect your next trip"),
            in_article: true,
            service_page,
            ..Heading::default()
        };
        assert_eq!(
            title_with(head, heading(true)).as_deref(),
            Some("Travel Insurance - Flight and Trip Cover")
        );
        assert_eq!(
            title_with(head, heading(false)).as_deref(),
            Some("Get a quote and protect your next trip")
        );
    }

    #[test]
    fn a_label_before_the_declared_title_is_dropped() {
        let head = "<title>Wie lange hält ein Akku? | Forum</title>";
        assert_eq!(
            title_of(head, Some("Thema: Wie lange hält ein Akku?")).as_deref(),
            Some("Wie lange hält ein Akku?")
        );
        assert_eq!(
            title_of(head, Some("Akku: was tun?")).as_deref(),
            Some("Akku: was tun?"),
            "a colon whose rest is not the declared title stays"
        );
    }

    #[test]
    fn a_heading_outside_the_article_yields_to_a_single_declaration() {
        let head = "<title>Rain returns to the valley - Notes</title>";
        assert_eq!(
            title_beside(head, Some("Daily Notebook"), false).as_deref(),
            Some("Rain returns to the valley")
        );
        assert_eq!(
            title_beside(head, Some("Daily Notebook"), true).as_deref(),
            Some("Daily Notebook"),
            "inside the article, one declaration does not outvote the heading"
        );
        let thai = "<title>ฝนตกหนักในเชียงใหม่ | ข่าว</title>";
        assert_eq!(
            title_beside(thai, Some("ฝนตกหนักในเชียงใหม่ทำให้น้ำท่วม"), false).as_deref(),
            Some("ฝนตกหนักในเชียงใหม่ทำให้น้ำท่วม"),
            "a heading that holds the declared title names the same article"
        );
    }

    #[test]
    fn the_site_part_is_trimmed_by_name_host_or_length() {
        let site = Site {
            name: Some("Healthy Meals | Delivery".into()),
            host: "healthymeals.com".into(),
        };
        assert_eq!(
            site.trim("Fresh Facts — Healthy Meals | Delivery"),
            "Fresh Facts"
        );
        assert_eq!(
            site.trim("Blog » HealthyMeals » Soup recipes"),
            "Blog » Soup recipes"
        );
        let unknown = Site {
            name: None,
            host: String::new(),
        };
        assert_eq!(
            unknown.trim("A long headline here - Blog"),
            "A long headline here"
        );
        assert_eq!(
            unknown.trim("Short - A longer tail of words"),
            "Short - A longer tail of words"
        );
        assert_eq!(
            unknown.trim("What happened with the ISO in 2024 / Discussion / Linux Forums"),
            "What happened with the ISO in 2024"
        );
        assert_eq!(unknown.trim("Plain title"), "Plain title");
        assert_eq!(unknown.trim("Usage of the module¶"), "Usage of the module");
        assert_eq!(unknown.trim("Auth | Supabase Docs"), "Auth");
    }

    #[test]
    fn the_heading_stands_when_it_names_the_article() {
        let head = r#"<meta property="og:title" content="Rain returns to the valley | Daily">
            <meta property="og:site_name" content="Daily"><title>Rain returns to the valley - Daily</title>"#;
        assert_eq!(
            title_of(head, Some("Rain returns to the valley on Monday")).as_deref(),
            Some("Rain returns to the valley on Monday")
        );
    }

    #[test]
    fn agreeing_declarations_replace_a_heading_that_names_something_else() {
        let head = r#"<meta property="og:title" content="Regen kehrt zurück | Tagblatt">
            <title>Regen kehrt zurück – Tagblatt</title>
            <meta property="og:site_name" content="Tagblatt">"#;
        assert_eq!(
            title_of(head, Some("Newsletter")).as_deref(),
            Some("Regen kehrt zurück")
        );
        assert_eq!(
            title_of(
                r#"<meta property="og:title" content="Only one"><title>Another</title>"#,
                Some("Menu")
            )
            .as_deref(),
            Some("Menu"),
            "declarations that disagree do not outvote the heading"
        );
    }

    #[test]
    fn without_a_heading_the_declared_title_is_trimmed() {
        let head = r#"<link rel="canonical" href="https://www.example.org/a">
            <title>Example | The first steps in a long guide</title>"#;
        assert_eq!(
            title_of(head, None).as_deref(),
            Some("The first steps in a long guide")
        );
    }
}
