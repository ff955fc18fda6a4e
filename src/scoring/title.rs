//! Title: the article's title, from its `h1`, else the page's declared
//! titles, and where it came from.

use serde::Serialize;

use crate::blocks::{Block, BlockKind};
use crate::dom::Dom;
use crate::scoring::marks::Nearest;

/// Where the title came from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TitleSource {
    /// The page has no title.
    #[default]
    None,
    /// The `h1` inside the article container.
    H1InContainer,
    /// The last `h1` before the container.
    H1BeforeContainer,
    /// An `h1` that the declared title contains.
    H1MatchingDeclared,
    /// `og:title` or `twitter:title`.
    OpenGraph,
    /// `<title>`, its site-name part removed.
    HeadTitle,
}

impl TitleSource {
    /// Where the title came from, in words.
    pub fn describe(&self) -> &'static str {
        match self {
            TitleSource::None => "no title found",
            TitleSource::H1InContainer => "the h1 inside the container",
            TitleSource::H1BeforeContainer => "the last h1 before the container",
            TitleSource::H1MatchingDeclared => "an h1 the declared title contains",
            TitleSource::OpenGraph => "og:title",
            TitleSource::HeadTitle => "<title>, site name removed",
        }
    }
}

/// The article's title: its `h1` (the one inside the container, else the
/// last before it, else one matching the declared title), else `og:title`,
/// else `<title>` without its site-name part. Headings inside furniture
/// are not titles.
pub fn choose_title(
    dom: &Dom,
    blocks: &[Block],
    furniture: &Nearest,
    container: usize,
) -> (Option<String>, TitleSource, Option<usize>) {
    let h1s: Vec<&Block> = blocks
        .iter()
        .filter(|b| {
            b.kind == BlockKind::Heading(1) && furniture.get(b.owner).is_none() && b.chars > 0
        })
        .collect();
    let declared = dom
        .meta
        .og_title
        .as_deref()
        .or(dom.meta.title.as_deref())
        .unwrap_or("");
    let pick = h1s
        .iter()
        .find(|b| dom.contains(container, b.owner))
        .map(|b| (b, TitleSource::H1InContainer))
        .or_else(|| {
            h1s.iter()
                .rev()
                .find(|b| b.owner < container)
                .map(|b| (b, TitleSource::H1BeforeContainer))
        })
        .or_else(|| {
            h1s.iter()
                .find(|b| {
                    !declared.is_empty() && declared.to_lowercase().contains(&b.text.to_lowercase())
                })
                .map(|b| (b, TitleSource::H1MatchingDeclared))
        });
    if let Some((block, source)) = pick {
        return (
            Some(block.text.replace('\n', " ")),
            source,
            Some(block.owner),
        );
    }
    if let Some(og) = dom.meta.og_title.as_deref().filter(|t| !t.is_empty()) {
        return (Some(og.to_string()), TitleSource::OpenGraph, None);
    }
    dom.meta
        .title
        .as_deref()
        .map(|t| strip_site_name(t, dom.meta.site_name.as_deref()))
        .filter(|t| !t.is_empty())
        .map_or((None, TitleSource::None, None), |t| {
            (Some(t), TitleSource::HeadTitle, None)
        })
}

/// "Headline | Site" → "Headline": the longest part between separators,
/// unless it is the declared site name.
fn strip_site_name(title: &str, site_name: Option<&str>) -> String {
    const SEPARATORS: [&str; 6] = [" | ", " - ", " – ", " — ", " :: ", " · "];
    let Some(separator) = SEPARATORS.iter().find(|s| title.contains(**s)) else {
        return title.trim().to_string();
    };
    title
        .split(separator)
        .map(str::trim)
        .filter(|part| site_name.is_none_or(|site| !same_text(part, site)))
        .max_by_key(|part| part.chars().count())
        .unwrap_or(title)
        .to_string()
}

/// Equal but for case and runs of whitespace.
pub fn same_text(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        // Word by word, without building the normal forms: asked of every
        // short block of a page.
        let (mut x, mut y) = (a.split_whitespace(), b.split_whitespace());
        loop {
            match (x.next(), y.next()) {
                (None, None) => return true,
                (Some(p), Some(q)) if p.eq_ignore_ascii_case(q) => {}
                _ => return false,
            }
        }
    }
    let normal = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    normal(a) == normal(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_names_are_stripped_from_titles() {
        assert_eq!(
            strip_site_name("A long headline here | Site", None),
            "A long headline here"
        );
        assert_eq!(strip_site_name("News - Short", Some("News")), "Short");
        assert_eq!(strip_site_name("Plain title", None), "Plain title");
    }
}
