//! Regions: pages whose content is many similar items (a listing's cards,
//! a collection's products, a forum's posts) rather than one article. When
//! the article container holds a small share of the page's words and a
//! series of same-markup siblings holds far more than was kept, that series
//! is the content: its items are kept whole, headline links included.

use rustc_hash::FxHashMap;

use crate::blocks::Block;
use crate::dom::{Dom, NO_PARENT};
use crate::scoring::features::Features;
use crate::scoring::marks::{Mark, Marks, enclosing, enclosing_index, subtree_sums};
use crate::scoring::trimming::{marking_phrase, phrase_reason};
use crate::scoring::tuning::*;
use crate::scoring::verdict::{MarkedBy, Reason};

/// A series of sibling elements with the same markup.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// The element holding the items.
    pub parent: usize,
    /// The items, in document order.
    pub items: Vec<usize>,
    /// Words (spaced-word equivalents) in the items.
    pub words: f64,
}

impl Region {
    /// Whether a node lies inside one of the items.
    pub fn holds(&self, dom: &Dom, node: usize) -> bool {
        let at = self.items.partition_point(|&item| item <= node);
        at > 0 && dom.contains(self.items[at - 1], node)
    }
}

/// The series of similar items that holds the page's content in place of
/// the chosen container, if the page is such a page: the container holds
/// less than [`REGION_CONTAINER_MAX_SHARE`] of the page's words, the series
/// more than [`REGION_OVER_KEPT`] times the words kept, and no article
/// stands outside the series (see [`article_outside`]).
pub fn content_region(
    dom: &Dom,
    blocks: &[Block],
    features: &[Features],
    marks: &Marks,
    container: usize,
    reasons: &[Reason],
) -> Option<Region> {
    let words = subtree_sums(
        dom,
        blocks
            .iter()
            .zip(features)
            .map(|(b, f)| (b.owner, f.spaced_words as f64)),
    );
    let page_words = words.first().copied().unwrap_or(0.0);
    if page_words <= 0.0 || words[container] >= REGION_CONTAINER_MAX_SHARE * page_words {
        return None;
    }
    let region = best_series(dom, marks, &words)?;
    let kept_words: f64 = reasons
        .iter()
        .zip(features)
        .filter(|(r, _)| r.keeps())
        .map(|(_, f)| f.spaced_words as f64)
        .sum();
    let outweighs = region.words > REGION_OVER_KEPT * kept_words;
    (outweighs && !article_outside(dom, blocks, marks, reasons, &region)).then_some(region)
}

/// Whether the kept prose outside the series makes an article of its own,
/// so that the series is what follows an article (its comments, teasers
/// for other stories), not the page's content (hidden prose aside): [`MIN_ARTICLE_PARAGRAPHS`]
/// paragraphs, or any paragraph when the series is marked as comments.
fn article_outside(
    dom: &Dom,
    blocks: &[Block],
    marks: &Marks,
    reasons: &[Reason],
    region: &Region,
) -> bool {
    // Hidden prose kept for its text (a closed tab, a browser notice) is
    // not the article a reader sees first.
    let hidden = enclosing(dom, |e| e.hidden);
    let outside = reasons
        .iter()
        .zip(blocks)
        .filter(|(r, b)| {
            **r == Reason::Prose && hidden[b.owner].is_none() && !region.holds(dom, b.owner)
        })
        .count();
    let comments = std::iter::once(region.parent)
        .chain(dom.ancestors(region.parent))
        .chain(region.items.iter().copied())
        .any(|i| marks.hints[i].comments);
    outside >= MIN_ARTICLE_PARAGRAPHS || (comments && outside > 0)
}

/// The series of at least [`MIN_REGION_ITEMS`] same-signature siblings of
/// at least [`MIN_ITEM_WORDS`] words each with the most words, outside
/// navigation, footers, asides and dialogs laid over the page (a consent
/// banner's paragraphs are no series of items).
fn best_series(dom: &Dom, marks: &Marks, words: &[f64]) -> Option<Region> {
    let mut outside_layout = layout_furniture_free(dom, &marks.marks);
    let dialogs = enclosing_index(dom, |i| marks.hints[i].dialog);
    for (free, dialog) in outside_layout.iter_mut().zip(&dialogs) {
        *free &= dialog.is_none();
    }
    let mut best: Option<Region> = None;
    let mut groups: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for parent in (0..dom.nodes.len()).filter(|&i| outside_layout[i]) {
        if dom.element(parent).is_none() {
            continue;
        }
        groups.clear();
        let mut child = parent + 1;
        while child < dom.nodes[parent].end {
            if let Some(element) = dom.element(child)
                && outside_layout[child]
                && words[child] >= MIN_ITEM_WORDS
            {
                groups
                    .entry(signature(&element.name, &element.hints))
                    .or_default()
                    .push(child);
            }
            child = dom.nodes[child].end;
        }
        for items in groups
            .values()
            .filter(|items| items.len() >= MIN_REGION_ITEMS)
        {
            let total: f64 = items.iter().map(|&i| words[i]).sum();
            if best.as_ref().is_none_or(|b| total > b.words) {
                best = Some(Region {
                    parent,
                    items: items.clone(),
                    words: total,
                });
            }
        }
    }
    best
}

/// The markup of an item: its tag and its class/id tokens without digits
/// (ids and counters differ from item to item).
fn signature(tag: &str, hints: &str) -> String {
    let mut signature = String::from(tag);
    for token in hints
        .split_whitespace()
        .filter(|t| !t.bytes().any(|b| b.is_ascii_digit()))
    {
        signature.push(' ');
        signature.push_str(token);
    }
    signature
}

/// For each node, whether it lies outside elements that are furniture by
/// their tag or role (navigation, footers, asides): class words are too
/// unreliable to rule out a region.
pub fn layout_furniture_free(dom: &Dom, marks: &[Mark]) -> Vec<bool> {
    let mut free = vec![true; dom.nodes.len()];
    for index in 0..dom.nodes.len() {
        let parent = dom.nodes[index].parent;
        let parent_free = parent == NO_PARENT || free[parent];
        let own = matches!(
            marks[index],
            Mark::Furniture(MarkedBy::Tag(_) | MarkedBy::Role(_))
        );
        free[index] = parent_free && !own;
    }
    free
}

/// The reason for every block on a page whose content is `region`: the
/// items' blocks are kept, linked headlines too, but for markup furniture,
/// the same text in many items (buttons, labels), address dumps and
/// boilerplate phrases.
pub fn judge(
    dom: &Dom,
    blocks: &[Block],
    features: &[Features],
    marks: &[Mark],
    region: &Region,
    rules: FavorRules,
) -> Vec<Reason> {
    let free = layout_furniture_free(dom, marks);
    let repeated = repeated_texts(dom, blocks, region);
    blocks
        .iter()
        .zip(features)
        .map(|(block, features)| {
            if !region.holds(dom, block.owner) {
                Reason::OutsideRegion
            } else if !free[block.owner] {
                let marker = std::iter::once(block.owner)
                    .chain(dom.ancestors(block.owner))
                    .find(|&i| matches!(marks[i], Mark::Furniture(_)));
                match marker.map(|i| (i, marks[i])) {
                    Some((element, Mark::Furniture(marked_by))) => {
                        Reason::Furniture { element, marked_by }
                    }
                    _ => Reason::OutsideRegion,
                }
            } else if features.addresses {
                Reason::Addresses
            } else if repeated.contains(block.text.as_str()) {
                Reason::RepeatedInItems
            } else {
                phrase_reason(features, &marking_phrase(block, features), rules)
                    .unwrap_or(Reason::RegionItem)
            }
        })
        .collect()
}

/// Texts that stand in [`MIN_REGION_ITEMS`] or more blocks of the
/// region's items: the items' buttons and labels ("Reply", "Add to cart",
/// "Read more"), whatever their language.
fn repeated_texts<'b>(
    dom: &Dom,
    blocks: &'b [Block],
    region: &Region,
) -> rustc_hash::FxHashSet<&'b str> {
    let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
    for block in blocks.iter().filter(|b| region.holds(dom, b.owner)) {
        *counts.entry(block.text.as_str()).or_default() += 1;
    }
    counts
        .into_iter()
        .filter(|&(_, n)| n >= MIN_REGION_ITEMS)
        .map(|(text, _)| text)
        .collect()
}
