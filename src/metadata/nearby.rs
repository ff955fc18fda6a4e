//! Nearby: the visible text and byline elements next to the article's
//! title (or, without one, at the start of its container), where pages
//! print the author and the date.

use crate::dom::Dom;

/// Characters of visible text read after the title: the byline and the
/// date sit right under it, and text further on belongs to the article
/// (whose dates are history) or to teasers.
const AFTER_CHARS: usize = 800;
/// Characters of visible text read before the title: a date or a byline
/// printed above it (a kicker line).
const BEFORE_CHARS: usize = 150;
/// Elements scanned for a marked-up byline after the title: the header
/// block of an article, not its body.
const BYLINE_ELEMENTS_AFTER: usize = 60;
/// Elements scanned for a marked-up byline before the title.
const BYLINE_ELEMENTS_BEFORE: usize = 25;

/// The text and byline elements next to the title.
#[derive(Debug, Default)]
pub struct Nearby {
    before: String,
    after: String,
    bylines: Vec<String>,
}

impl Nearby {
    /// What lies around `anchor`: the title's `h1` (whose own text is left
    /// out) or the article container.
    pub fn around(dom: &Dom, anchor: usize) -> Nearby {
        let Some(node) = dom.nodes.get(anchor) else {
            return Nearby::default();
        };
        let is_heading = dom
            .element(anchor)
            .is_some_and(|e| e.name == html5ever::local_name!("h1"));
        let start = if is_heading { node.end() } else { anchor };
        let after = collect_text(dom, start..dom.nodes.len(), AFTER_CHARS).join(" ");
        let mut before = collect_text(dom, (0..anchor).rev(), BEFORE_CHARS);
        before.reverse();
        let before = before.join(" ");
        let byline_after = bylines(dom, start..dom.nodes.len(), BYLINE_ELEMENTS_AFTER);
        let byline_before = bylines(dom, (0..anchor).rev(), BYLINE_ELEMENTS_BEFORE);
        Nearby {
            before,
            after,
            bylines: byline_after.into_iter().chain(byline_before).collect(),
        }
    }

    /// Nearby text with no page around it: `after` follows the title.
    #[cfg(test)]
    pub fn from_text(after: &str) -> Nearby {
        Nearby {
            after: after.to_string(),
            ..Nearby::default()
        }
    }

    /// Visible text after the title.
    pub fn after(&self) -> &str {
        &self.after
    }

    /// Visible text before the title, in reading order.
    pub fn before(&self) -> &str {
        &self.before
    }

    /// The texts of the byline elements near the title, nearest after it
    /// first, then those before it.
    pub fn byline_elements(&self) -> &[String] {
        &self.bylines
    }
}

/// Text nodes over `indices`, in that order, whitespace normalised, until
/// `limit` characters.
fn collect_text(dom: &Dom, indices: impl Iterator<Item = usize>, limit: usize) -> Vec<String> {
    let mut parts = Vec::new();
    let mut chars = 0;
    for index in indices {
        if let Some(text) = dom.text(index) {
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if text.is_empty() {
                continue;
            }
            chars += text.chars().count() + 1;
            parts.push(text);
            if chars >= limit {
                break;
            }
        }
    }
    parts
}

/// Whether an element marks up a byline: `itemprop=author`, a `rel`-free
/// class or id naming an author or a byline (not an avatar or a biography).
fn is_byline(dom: &Dom, index: usize) -> bool {
    let Some(element) = dom.element(index) else {
        return false;
    };
    if element.itemprop() == "author" || element.itemprop() == "creator" {
        return true;
    }
    element.hints().split_whitespace().any(|hint| {
        (hint.contains("author") || hint.contains("byline") || hint == "vcard")
            && ![
                "avatar", "bio", "image", "img", "photo", "pic", "box", "about", "more", "comment",
            ]
            .iter()
            .any(|part| hint.contains(part))
    })
}

/// The texts of the byline elements over `indices` (the outermost of
/// nested ones), within `limit` elements.
fn bylines(dom: &Dom, indices: impl Iterator<Item = usize>, limit: usize) -> Vec<String> {
    let mut found = Vec::new();
    let mut inside_end = 0;
    for index in indices.filter(|&i| dom.element(i).is_some()).take(limit) {
        if index < inside_end || !is_byline(dom, index) {
            continue;
        }
        inside_end = dom.nodes[index].end();
        found.push(named_text(dom, index));
    }
    found
}

/// The text of an element: that of its `itemprop=name` part when it has
/// one, else all of it.
fn named_text(dom: &Dom, index: usize) -> String {
    let end = dom.nodes[index].end();
    let name = (index..end).find(|&i| dom.element(i).is_some_and(|e| e.itemprop() == "name"));
    let (from, to) = name.map_or((index, end), |n| (n, dom.nodes[n].end()));
    let texts: Vec<&str> = (from..to).filter_map(|i| dom.text(i)).collect();
    texts
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
