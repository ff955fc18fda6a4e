//! Teasers: blocks that summarise another page (a linked headline and its
//! summary), which read like prose but come in series.

use std::collections::{HashMap, HashSet};

use html5ever::LocalName;

use crate::blocks::Block;
use crate::dom::{Dom, NO_PARENT};
use crate::scoring::features::Features;
use crate::scoring::marks::count_in_subtrees;
use crate::scoring::tuning::*;
use crate::scoring::verdict::TeaserPattern;

/// The markup of a block's element and its parent: tag and class/id each.
type CardSignature<'a> = (LocalName, &'a str, LocalName, &'a str);

/// For each block, the teaser pattern it belongs to, if any: blocks whose
/// element has the same tag and class in several different parents, each
/// parent (the card) small and holding a linked headline beside a
/// one-paragraph summary (a card of several paragraphs is a section of the
/// article: a product in a roundup under its linked name); or blocks that
/// each open with a linked headline, several to a list.
pub fn teaser_summaries(
    dom: &Dom,
    blocks: &[Block],
    features: &[Features],
) -> Vec<Option<TeaserPattern>> {
    let headlines = count_in_subtrees(dom, blocks, features, Features::headline);
    let block_counts = count_in_subtrees(dom, blocks, features, |_| true);
    let prose_counts = count_in_subtrees(dom, blocks, features, |f| f.prose && !f.headline());
    // The card is the nearest of the block's element, parent or grandparent
    // holding a headline and few blocks; the signature is the markup of the
    // block's element and its parent, which must carry some class or id.
    let card_of = |(block, features): (&Block, &Features)| {
        if features.headline() {
            return None;
        }
        let element = dom.element(block.owner)?;
        let parent = dom.nodes[block.owner].parent();
        let parent_element = dom.element(parent)?;
        if element.hints().is_empty() && parent_element.hints().is_empty() {
            return None;
        }
        let card = std::iter::once(block.owner)
            .chain(dom.ancestors(block.owner))
            .take(CARD_MAX_LEVELS)
            .take_while(|&node| block_counts[node] <= MAX_CARD_BLOCKS)
            .find(|&node| headlines[node] > 0.0)
            .filter(|&card| prose_counts[card] < ITEM_MIN_PROSE_BLOCKS)?;
        let signature = (
            element.name.clone(),
            element.hints(),
            parent_element.name.clone(),
            parent_element.hints(),
        );
        Some((card, signature))
    };
    let mut cards: HashMap<CardSignature, HashSet<usize>> = HashMap::new();
    for (card, signature) in blocks.iter().zip(features).filter_map(card_of) {
        cards.entry(signature).or_default().insert(card);
    }
    let headed = headed_teaser_lists(dom, blocks, features);
    blocks
        .iter()
        .zip(features)
        .zip(headed)
        .map(|(block, headed)| {
            if headed {
                return Some(TeaserPattern::HeadedList);
            }
            card_of(block)
                .is_some_and(|(_, signature)| {
                    cards
                        .get(&signature)
                        .is_some_and(|p| p.len() >= MIN_TEASER_SERIES)
                })
                .then_some(TeaserPattern::Card)
        })
        .collect()
}

/// Teasers written as one block each: a linked headline then its summary
/// (the link a sizeable part but not all of the block), several to a
/// parent, as in a list of related stories.
fn headed_teaser_lists(dom: &Dom, blocks: &[Block], features: &[Features]) -> Vec<bool> {
    let headed = |f: &Features| {
        HEADED_TEASER_LINK_SHARE.contains(&f.leading_link_share)
            && f.only_leading_link
            && !f.leading_link_is_sentence
    };
    // The list is the parent, or the grandparent when each item sits in a
    // wrapper of its own (a table row, a list item around a card).
    let list_of = |b: &Block| {
        let parent = dom.nodes[b.owner].parent();
        let grandparent = dom.nodes.get(parent).map_or(NO_PARENT, |p| p.parent());
        [parent, grandparent]
    };
    let mut per_list: HashMap<usize, usize> = HashMap::new();
    for (block, _) in blocks.iter().zip(features).filter(|(_, f)| headed(f)) {
        for list in list_of(block) {
            *per_list.entry(list).or_default() += 1;
        }
    }
    blocks
        .iter()
        .zip(features)
        .map(|(b, f)| {
            headed(f)
                && list_of(b).iter().any(|list| {
                    *list != NO_PARENT
                        && per_list.get(list).is_some_and(|&n| n >= MIN_TEASER_SERIES)
                })
        })
        .collect()
}
