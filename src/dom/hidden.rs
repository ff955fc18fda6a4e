//! Hidden elements: markup can hide an element (`hidden`, `aria-hidden`,
//! an inline `display: none` or `visibility: hidden`) that a reader still
//! sees after a click — an accordion's answer, a product's description tab,
//! a "read more" expander — as well as what a reader never reads as the
//! page (a cookie dialog, a mobile menu, a tooltip, a screen-reader copy).
//! Dialogs, menus and their like are pruned as they are created; any other
//! hidden element is kept only when it holds prose, or a table of facts (a
//! product's specifications in a closed tab), that is not a list of links
//! (see [`holds_prose`]).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use html5ever::{Attribute, LocalName, local_name};

use super::ElementFacts;
use super::sink::{SinkData, SinkNode, SinkText, children};
use super::text::non_space_chars;
use crate::blocks::is_unspaced_script;

/// Fewest words of unlinked text in one run (between block boundaries)
/// that make a hidden element's text prose: a sentence or two of an answer
/// or a description, longer than a menu entry, a label or a notice line.
const PROSE_MIN_WORDS: usize = 12;
/// The same in characters of scripts written without spaces (Chinese,
/// Japanese, Thai): about two characters to a word.
const PROSE_MIN_UNSPACED_CHARS: usize = 24;
/// Fewest rows of a data table (or terms of a description list) that make
/// a hidden element's content a table of facts: a product's specifications
/// in a closed tab, which a click shows, as it shows an answer's prose.
const MIN_FACT_ROWS: usize = 3;
/// Most link text, as a share of all its text, that a kept hidden element
/// may hold: more is a menu, a list of related links, a mega-menu panel.
const MAX_LINK_DENSITY: f64 = 0.3;
/// Shortest text (in bytes) compared for repeats: shorter text ("Read
/// more", a price) repeats on any page without being a copy.
const REPEAT_MIN_BYTES: usize = 80;
/// Most characters per word in a prose run: more is data (JSON, a list of
/// identifiers), not sentences (prose averages five or six).
const MAX_CHARS_PER_WORD: usize = 12;
/// Nodes that judging hidden elements may visit, per node of the page:
/// nested kept hidden elements are walked again, and this bounds the total
/// on crafted pages (hidden elements past it are pruned, as before).
const JUDGE_STEPS_PER_NODE: usize = 4;

/// Roles of content that is never the page: dialogs, menus, navigation,
/// tooltips, pickers.
const NEVER_SHOWN_ROLES: &[&str] = &[
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
    "navigation",
    "tooltip",
    "listbox",
    "search",
];

/// Class and id words of hidden things that are never the page.
const NEVER_SHOWN_HINTS: &[&str] = &[
    "modal",
    "popup",
    "popover",
    "dialog",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "menu",
    "megamenu",
    "submenu",
    "nav",
    "navbar",
    "navigation",
    "dropdown",
    "tooltip",
    "offcanvas",
    "drawer",
    "overlay",
    "lightbox",
    "search",
    "login",
    "signin",
    "newsletter",
    "subscribe",
];

/// Whether markup hides the element; React's streamed segments, hidden
/// until a script moves them into place, are not hidden.
pub fn is_hidden(attrs: &[Attribute]) -> bool {
    if attr(attrs, local_name!("hidden")).is_some()
        && !attr(attrs, local_name!("id")).is_some_and(is_streamed_segment)
    {
        return true;
    }
    if attr(attrs, local_name!("aria-hidden"))
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    attr(attrs, local_name!("style")).is_some_and(style_hides)
}

/// Whether a hidden element may be kept for its prose: it is hidden in a
/// way a click undoes, and it is not a dialog, a menu, navigation or the like.
pub fn may_show(name: &LocalName, attrs: &[Attribute]) -> bool {
    if matches!(
        *name,
        local_name!("nav") | local_name!("menu") | local_name!("header") | local_name!("footer")
    ) {
        return false;
    }
    if attr(attrs, local_name!("aria-modal")).is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return false;
    }
    let role = attr(attrs, local_name!("role")).unwrap_or_default();
    if role
        .split_ascii_whitespace()
        .any(|r| NEVER_SHOWN_ROLES.iter().any(|n| r.eq_ignore_ascii_case(n)))
    {
        return false;
    }
    ![local_name!("class"), local_name!("id")]
        .into_iter()
        .filter_map(|n| attr(attrs, n))
        .flat_map(|value| value.split(|c: char| !c.is_ascii_alphanumeric()))
        .any(|word| {
            NEVER_SHOWN_HINTS
                .iter()
                .any(|n| word.eq_ignore_ascii_case(n))
        })
}

/// Judges the hidden elements of one page as its arena is flattened.
pub struct Judge {
    /// Nodes judging may still visit.
    allowance: usize,
    /// How often each long text occurs (see [`text_repeats`]).
    repeats: HashMap<u64, u32>,
}

impl Judge {
    /// The judge of the page whose arena is `nodes`, with `text` its text buffer.
    pub fn for_page(nodes: &[SinkNode], text: SinkText) -> Judge {
        Judge {
            allowance: nodes.len().saturating_mul(JUDGE_STEPS_PER_NODE),
            repeats: text_repeats(nodes, text),
        }
    }

    /// Whether the hidden element `id` is kept (see [`holds_prose`]).
    pub fn keeps(
        &mut self,
        nodes: &[SinkNode],
        text: SinkText,
        elements: &[ElementFacts],
        id: usize,
    ) -> bool {
        holds_prose(
            nodes,
            text,
            elements,
            id,
            &mut self.allowance,
            &self.repeats,
        )
    }
}

/// Whether the hidden element `id` holds prose: a run of unlinked text of
/// [`PROSE_MIN_WORDS`] words (or [`PROSE_MIN_UNSPACED_CHARS`] characters of
/// unspaced scripts) between two block boundaries, or a table of facts
/// ([`MIN_FACT_ROWS`] table rows or described terms), with no more than
/// [`MAX_LINK_DENSITY`] of its text in links, no form controls, and its
/// longest text not repeated elsewhere on the page. Pruned elements, code
/// and preformatted text inside do not count. Each visited node spends one step of `allowance`; when it runs
/// out the element is not kept. `buffer` is the page's text buffer.
fn holds_prose(
    nodes: &[SinkNode],
    buffer: SinkText,
    elements: &[ElementFacts],
    id: usize,
    allowance: &mut usize,
    repeats: &HashMap<u64, u32>,
) -> bool {
    let mut longest = "";
    let mut run = Run::default();
    let mut best = Run::default();
    let (mut link_chars, mut all_chars) = (0usize, 0usize);
    let mut controls = false;
    let mut fact_rows = 0usize;
    let mut stack = vec![Visit::Enter(id, false)];
    while let Some(visit) = stack.pop() {
        let Some(left) = allowance.checked_sub(1) else {
            return false;
        };
        *allowance = left;
        let (id, in_link) = match visit {
            Visit::Enter(id, in_link) => (id, in_link),
            Visit::LeaveBlock => {
                best = best.max(std::mem::take(&mut run));
                continue;
            }
        };
        match nodes.get(id).map(|n| &n.data) {
            Some(data @ (SinkData::Text(_) | SinkData::OwnText(_))) => {
                let text = data.text(buffer).unwrap_or_default();
                let chars = non_space_chars(text);
                if text.trim().len() > longest.len() {
                    longest = text.trim();
                }
                all_chars += chars;
                if in_link {
                    link_chars += chars;
                } else {
                    run.add(text);
                }
            }
            Some(SinkData::Element(element)) if is_control(element.name(elements)) => {
                controls = true;
            }
            Some(SinkData::Element(element)) if is_code(element.name(elements)) => {}
            Some(SinkData::Element(element)) if !element.pruned => {
                let name = element.name(elements);
                if matches!(*name, local_name!("tr") | local_name!("dt")) {
                    fact_rows += 1;
                }
                if breaks_runs(name) {
                    best = best.max(std::mem::take(&mut run));
                    stack.push(Visit::LeaveBlock);
                }
                let in_link = in_link || element.is_link;
                let first = stack.len();
                stack.extend(children(nodes, id).map(|child| Visit::Enter(child, in_link)));
                stack[first..].reverse();
            }
            _ => {}
        }
    }
    best = best.max(run);
    let prose = best.words >= PROSE_MIN_WORDS && best.chars <= best.words * MAX_CHARS_PER_WORD
        || best.unspaced >= PROSE_MIN_UNSPACED_CHARS;
    !controls
        && (prose || fact_rows >= MIN_FACT_ROWS)
        && (link_chars as f64) <= MAX_LINK_DENSITY * all_chars as f64
        && !is_repeated(longest, repeats)
}

/// How often each long text of the page occurs as a text node, by hash;
/// empty on pages with no hidden element to judge. `buffer` is the page's
/// text buffer.
fn text_repeats(nodes: &[SinkNode], buffer: SinkText) -> HashMap<u64, u32> {
    let mut counts = HashMap::new();
    let judged = |n: &SinkNode| matches!(&n.data, SinkData::Element(e) if e.hidden && !e.pruned);
    if !nodes.iter().any(judged) {
        return counts;
    }
    for node in nodes {
        if let Some(text) = node.data.text(buffer) {
            let text = text.trim();
            if text.len() >= REPEAT_MIN_BYTES {
                *counts.entry(hash(text)).or_insert(0) += 1;
            }
        }
    }
    counts
}

/// Whether `text` is the text of more than one text node of the page (a
/// hidden copy of visible text: a print or mobile version, a screen-reader
/// duplicate).
fn is_repeated(text: &str, repeats: &HashMap<u64, u32>) -> bool {
    text.len() >= REPEAT_MIN_BYTES && repeats.get(&hash(text)).is_some_and(|&n| n > 1)
}

fn hash(text: &str) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

enum Visit {
    Enter(usize, bool),
    LeaveBlock,
}

/// Unlinked text read in one run.
#[derive(Debug, Default, Clone, Copy)]
struct Run {
    words: usize,
    unspaced: usize,
    /// Characters of the spaced words.
    chars: usize,
}

impl Run {
    fn add(&mut self, text: &str) {
        for word in text.split_whitespace() {
            let unspaced = word.chars().filter(|&c| is_unspaced_script(c)).count();
            if unspaced == 0 {
                self.words += 1;
                self.chars += word.chars().count();
            } else {
                self.unspaced += unspaced;
            }
        }
    }

    fn max(self, other: Run) -> Run {
        Run {
            words: self.words.max(other.words),
            unspaced: self.unspaced.max(other.unspaced),
            chars: if other.words > self.words {
                other.chars
            } else {
                self.chars
            },
        }
    }
}

/// Code and preformatted text: hidden, it is source (raw markdown, a
/// template), not prose.
fn is_code(name: &LocalName) -> bool {
    matches!(*name, local_name!("pre") | local_name!("code"))
}

/// Form controls: a hidden element holding one is a form (sign-in, search,
/// newsletter), not an answer or a description.
fn is_control(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("form")
            | local_name!("input")
            | local_name!("select")
            | local_name!("textarea")
    )
}

/// Elements that begin and end a run of text (block boundaries).
fn breaks_runs(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("p")
            | local_name!("div")
            | local_name!("li")
            | local_name!("dt")
            | local_name!("dd")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("td")
            | local_name!("th")
            | local_name!("tr")
            | local_name!("br")
            | local_name!("ul")
            | local_name!("ol")
            | local_name!("dl")
            | local_name!("table")
            | local_name!("section")
            | local_name!("article")
            | local_name!("aside")
            | local_name!("blockquote")
            | local_name!("pre")
            | local_name!("figure")
            | local_name!("figcaption")
            | local_name!("details")
            | local_name!("summary")
            | local_name!("form")
            | local_name!("hr")
    )
}

fn attr(attrs: &[Attribute], name: LocalName) -> Option<&str> {
    attrs
        .iter()
        .find(|a| a.name.local == name)
        .map(|a| &*a.value)
}

/// The id React's streaming server rendering gives a finished segment
/// (`S:` and a hexadecimal number), sent in a hidden `<div>` at the end of
/// the body for a script to move into place: it is the page's content.
/// (`B:` and `P:` mark the empty `<template>` placeholders it replaces.)
fn is_streamed_segment(id: &str) -> bool {
    id.strip_prefix("S:")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// `display: none` or `visibility: hidden` in an inline style, in any case
/// and spacing.
pub fn style_hides(style: &str) -> bool {
    let style = style.to_ascii_lowercase();
    declares(&style, "display", "none") || declares(&style, "visibility", "hidden")
}

/// Whether a lower-cased inline style sets `property` to `value`.
fn declares(style: &str, property: &str, value: &str) -> bool {
    style.match_indices(property).any(|(at, _)| {
        style[at + property.len()..]
            .trim_start()
            .strip_prefix(':')
            .is_some_and(|rest| rest.trim_start().starts_with(value))
    })
}
