//! Container: each block's value to the elements holding it, and the
//! element whose subtree is worth most, which holds the article.

use crate::blocks::{Block, BlockKind};
use crate::dom::Dom;
use crate::scoring::features::Features;
use crate::scoring::marks::{Mark, subtree_sums};
use crate::scoring::tuning::*;

/// Which unlinked blocks add to a container's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProseThreshold {
    /// Only prose: long enough to be sentences.
    Prose,
    /// Any text (pages that hold no prose at all).
    AnyText,
}

/// A block's contribution to the score of every element that holds it:
/// non-link text of prose counts for, links, furniture and short blocks
/// against (after Kohlschütter et al. 2010 and CETD's text density).
pub fn block_value(
    block: &Block,
    features: &Features,
    in_furniture: bool,
    threshold: ProseThreshold,
) -> f64 {
    let chars = features.chars;
    if in_furniture {
        FURNITURE_WEIGHT * chars
    } else if features.link_heavy {
        -chars * features.link_density
    } else if features.addresses {
        MINOR_PENALTY * chars
    } else if features.prose || threshold == ProseThreshold::AnyText {
        (chars - features.link_chars) * (1.0 - features.link_density)
    } else if block.kind == BlockKind::Row && features.link_density < DATA_ROW_MAX_LINK_DENSITY {
        // Rows of a data table neither draw the article nor push it away.
        0.0
    } else {
        MINOR_PENALTY * chars
    }
}

/// The chosen container and its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Container {
    pub index: usize,
    pub score: f64,
}

/// The element whose subtree has the highest total block value; on a tie,
/// the deeper element. Semantic marks add a bonus on their positive text.
pub fn best_container(dom: &Dom, blocks: &[Block], values: &[f64], marks: &[Mark]) -> Container {
    let total = subtree_sums(dom, blocks.iter().zip(values).map(|(b, &v)| (b.owner, v)));
    let positive = subtree_sums(
        dom,
        blocks
            .iter()
            .zip(values)
            .map(|(b, &v)| (b.owner, v.max(0.0))),
    );
    let score_of = |index: usize| {
        let bonus = match marks[index] {
            Mark::Content => CONTENT_MARK_BONUS,
            Mark::Article => ARTICLE_MARK_BONUS,
            _ => 0.0,
        };
        total[index] + bonus * positive[index]
    };
    let mut best = Container {
        index: 0,
        score: f64::MIN,
    };
    for index in (0..dom.nodes.len()).filter(|&i| dom.element(i).is_some()) {
        let score = score_of(index);
        if score > best.score + SCORE_TIE
            || (score >= best.score - SCORE_TIE && dom.contains(best.index, index))
        {
            best = Container { index, score };
        }
    }
    let index = narrow_to_titled_article(dom, blocks, marks, &positive, best.index);
    Container {
        index,
        score: if index == best.index {
            best.score
        } else {
            score_of(index)
        },
    }
}

/// Within a container holding several `<article>` elements (the article and
/// teaser cards), the one holding the page's `h1` is the article, provided
/// little prose lies outside every `<article>`.
fn narrow_to_titled_article(
    dom: &Dom,
    blocks: &[Block],
    marks: &[Mark],
    positive: &[f64],
    container: usize,
) -> usize {
    if marks[container] == Mark::Article {
        return container;
    }
    let mut articles = Vec::new();
    let mut index = container + 1;
    while index < dom.nodes[container].end {
        if marks[index] == Mark::Article {
            articles.push(index);
            index = dom.nodes[index].end;
        } else {
            index += 1;
        }
    }
    let holds_h1 = |article: usize| {
        blocks
            .iter()
            .any(|b| b.kind == BlockKind::Heading(1) && dom.contains(article, b.owner))
    };
    let titled: Vec<usize> = articles.iter().copied().filter(|&a| holds_h1(a)).collect();
    let [article] = titled.as_slice() else {
        return container;
    };
    let in_articles: f64 = articles.iter().map(|&a| positive[a]).sum();
    let loose = positive[container] - in_articles;
    if articles.len() > 1
        && positive[*article] > 0.0
        && loose < NARROW_MAX_LOOSE_SHARE * positive[*article]
    {
        *article
    } else {
        container
    }
}
