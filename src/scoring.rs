//! Scoring: finds the element that holds the article and decides which of
//! its blocks to keep. Each block gets a value from its text density (non-link
//! text of prose-sized blocks counts for, link text and page furniture count
//! against, after Kohlschütter et al. 2010 and CETD); the article container is
//! the subtree with the highest total, helped by semantic hints (`<article>`,
//! `itemprop=articleBody`, content class names). Inside it, furniture,
//! link-heavy blocks, boilerplate phrases and short edge blocks are dropped.

use std::collections::{HashMap, HashSet};

use html5ever::{LocalName, local_name};

use crate::Favor;
use crate::blocks::{Block, BlockKind};
use crate::dom::{Dom, Element, NO_PARENT};
use crate::lexicon::{self, HintKinds, PhraseStrength};
use rustc_hash::FxHashMap;

/// What the markup alone says about an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Plain,
    /// Navigation, footers, share bars, comments, related links, …
    Furniture,
    /// `<article>`: likely, not certainly, the article.
    Article,
    /// `itemprop=articleBody` or a class/id naming the article body.
    Content,
}

/// The outcome of scoring: the article's title and the blocks kept, in order.
#[derive(Debug, Default)]
pub struct Selection {
    pub title: Option<String>,
    /// Arena index of the element chosen as the article container.
    pub container: usize,
    pub kept: Vec<usize>,
}

/// Scores the blocks of a page and selects the article.
pub fn select(dom: &Dom, blocks: &[Block], favor: Favor) -> Selection {
    if dom.nodes.is_empty() {
        return Selection::default();
    }
    // Pages repeat the same class strings many times: classify each once.
    let mut hint_kinds: FxHashMap<&str, HintKinds> = FxHashMap::default();
    let mut marks: Vec<Mark> = (0..dom.nodes.len())
        .map(|i| {
            dom.element(i).map_or(Mark::Plain, |element| {
                let hints = *hint_kinds
                    .entry(element.hints.as_str())
                    .or_insert_with(|| lexicon::classify_hints(&element.hints));
                mark(element, hints)
            })
        })
        .collect();
    spare_large_regions(dom, blocks, &mut marks);
    let protected = protect_content_ancestors(dom, &marks);
    let furniture = furniture_regions(dom, &marks, &protected, 0, dom.nodes.len());
    let teasers = teaser_summaries(dom, blocks);
    // On a page without a single prose block (short lines, verse, Q&A),
    // short unlinked blocks are the text and count as prose.
    let prose_threshold = if blocks.iter().any(is_linkless_prose) {
        ProseThreshold::Prose
    } else {
        ProseThreshold::AnyText
    };
    let values: Vec<f64> = blocks
        .iter()
        .zip(&teasers)
        .map(|(b, &teaser)| {
            if teaser {
                TEASER_VALUE * b.chars as f64
            } else {
                block_value(b, furniture[b.owner], prose_threshold)
            }
        })
        .collect();
    let container = best_container(dom, blocks, &values, &marks);
    let title = choose_title(dom, blocks, &furniture, container);
    let end = dom.nodes[container].end;
    let inner_furniture = furniture_regions(dom, &marks, &protected, container + 1, end);
    let inside = |b: &Block| dom.contains(container, b.owner);
    let candidates: Vec<usize> = (0..blocks.len())
        .filter(|&i| inside(&blocks[i]))
        .filter(|&i| !inner_furniture[blocks[i].owner] && !teasers[i])
        .filter(|&i| !repeats_title(&blocks[i], title.as_deref()))
        .collect();
    let kept = keep_blocks(blocks, &candidates, favor);
    Selection {
        title,
        container,
        kept,
    }
}

fn mark(element: &Element, hints: HintKinds) -> Mark {
    let name = &element.name;
    if element
        .itemprop
        .split_whitespace()
        .any(|p| p == "articlebody")
        || hints.content
    {
        return Mark::Content;
    }
    if *name == local_name!("article") {
        return Mark::Article;
    }
    if matches!(
        *name,
        local_name!("html") | local_name!("body") | local_name!("main")
    ) {
        return Mark::Plain;
    }
    if is_furniture_by_markup(element) || hints.furniture {
        Mark::Furniture
    } else {
        Mark::Plain
    }
}

/// Furniture by its tag or ARIA role, whatever its class says.
fn is_furniture_by_markup(element: &Element) -> bool {
    let furniture_tag = matches!(
        element.name,
        local_name!("nav")
            | local_name!("footer")
            | local_name!("aside")
            | local_name!("menu")
            | local_name!("figcaption")
    );
    furniture_tag || lexicon::role_is_furniture(&element.role)
}

/// Furniture is small: an element marked as furniture that holds a large
/// share of the page's prose is unmarked when only its class made it
/// furniture and it holds several paragraphs ("paywall", a wrapper of the
/// article's hidden part), or when its class also names a layout wrapper
/// ("content-with-sidebar"); comment sections, which can outgrow the
/// article, never are.
fn spare_large_regions(dom: &Dom, blocks: &[Block], marks: &mut [Mark]) {
    const LARGE_SHARE: f64 = 0.4;
    const MIN_PARAGRAPHS: f64 = 3.0;
    let prose = subtree_sums(
        dom,
        blocks.iter().map(|b| {
            (
                b.owner,
                block_value(b, false, ProseThreshold::Prose).max(0.0),
            )
        }),
    );
    let paragraphs = subtree_sums(
        dom,
        blocks
            .iter()
            .map(|b| (b.owner, if is_linkless_prose(b) { 1.0 } else { 0.0 })),
    );
    let page_prose = prose.first().copied().unwrap_or(0.0);
    for (index, mark) in marks.iter_mut().enumerate() {
        let large = page_prose > 0.0 && prose[index] >= LARGE_SHARE * page_prose;
        if *mark != Mark::Furniture || !large {
            continue;
        }
        let Some(element) = dom.element(index) else {
            continue;
        };
        let hints = lexicon::classify_hints(&element.hints);
        let article_like = paragraphs[index] >= MIN_PARAGRAPHS && !is_furniture_by_markup(element);
        if !hints.comments && (hints.wrapper || article_like) {
            *mark = Mark::Plain;
        }
    }
}

/// Sums per-owner values over every subtree.
fn subtree_sums(dom: &Dom, values: impl Iterator<Item = (usize, f64)>) -> Vec<f64> {
    let mut sums = vec![0.0f64; dom.nodes.len()];
    for (owner, value) in values {
        sums[owner] += value;
    }
    for index in (1..dom.nodes.len()).rev() {
        let parent = dom.nodes[index].parent;
        if parent != NO_PARENT {
            sums[parent] += sums[index];
        }
    }
    sums
}

/// Elements holding a marked article body are never furniture themselves:
/// a page-wide wrapper whose class happens to say "sidebar" must not erase it.
fn protect_content_ancestors(dom: &Dom, marks: &[Mark]) -> Vec<bool> {
    let mut protected = vec![false; dom.nodes.len()];
    for index in (0..dom.nodes.len()).filter(|&i| marks[i] == Mark::Content) {
        for ancestor in dom.ancestors(index) {
            if protected[ancestor] {
                break;
            }
            protected[ancestor] = true;
        }
    }
    protected
}

/// For each node in `start..end`, whether it lies inside furniture whose
/// marked element is also in that range (nodes outside are `false`).
fn furniture_regions(
    dom: &Dom,
    marks: &[Mark],
    protected: &[bool],
    start: usize,
    end: usize,
) -> Vec<bool> {
    let mut inside = vec![false; dom.nodes.len()];
    for index in start..end {
        let parent = dom.nodes[index].parent;
        let parent_inside = parent != NO_PARENT && parent >= start && inside[parent];
        inside[index] = parent_inside || (marks[index] == Mark::Furniture && !protected[index]);
    }
    inside
}

/// The markup of a block's element and its parent: tag and class/id each.
type CardSignature<'a> = (LocalName, &'a str, LocalName, &'a str);

/// Per grapheme, a teaser's value: it must not draw the container to
/// itself, nor, when a related list sits inside the article, push it away.
const TEASER_VALUE: f64 = -0.25;

/// Teaser summaries: the prose of a teaser card reads like an article's,
/// but it comes in series: blocks whose element has the same tag and class
/// in at least three different parents, each parent (the card) small
/// and holding a linked headline (a mostly-link block) beside the summary.
fn teaser_summaries(dom: &Dom, blocks: &[Block]) -> Vec<bool> {
    const MAX_CARD_BLOCKS: f64 = 6.0;
    let headline = |b: &Block| b.link_density() >= 0.5;
    let headlines = subtree_sums(
        dom,
        blocks
            .iter()
            .map(|b| (b.owner, if headline(b) { 1.0 } else { 0.0 })),
    );
    let block_counts = subtree_sums(dom, blocks.iter().map(|b| (b.owner, 1.0)));
    // The card is the nearest of the block's element, parent or grandparent
    // holding a headline and few blocks; the signature is the markup of the
    // block's element and its parent, which must carry some class or id.
    let card_of = |block: &Block| {
        if headline(block) {
            return None;
        }
        let element = dom.element(block.owner)?;
        let parent = dom.nodes[block.owner].parent;
        let parent_element = dom.element(parent)?;
        if element.hints.is_empty() && parent_element.hints.is_empty() {
            return None;
        }
        let card = std::iter::once(block.owner)
            .chain(dom.ancestors(block.owner))
            .take(3)
            .take_while(|&node| block_counts[node] <= MAX_CARD_BLOCKS)
            .find(|&node| headlines[node] > 0.0)?;
        let signature = (
            element.name.clone(),
            element.hints.as_str(),
            parent_element.name.clone(),
            parent_element.hints.as_str(),
        );
        Some((card, signature))
    };
    let mut cards: HashMap<CardSignature, HashSet<usize>> = HashMap::new();
    for (card, signature) in blocks.iter().filter_map(card_of) {
        cards.entry(signature).or_default().insert(card);
    }
    let headed = headed_teaser_lists(dom, blocks);
    blocks
        .iter()
        .zip(headed)
        .map(|(b, headed)| {
            headed
                || card_of(b).is_some_and(|(_, signature)| {
                    cards.get(&signature).is_some_and(|p| p.len() >= 3)
                })
        })
        .collect()
}

/// Teasers written as one block each: a linked headline then its summary
/// (the link a sizeable part but not all of the block), at least three to
/// a parent, as in a list of related stories.
fn headed_teaser_lists(dom: &Dom, blocks: &[Block]) -> Vec<bool> {
    const MIN_TEASERS: usize = 3;
    let headed = |b: &Block| {
        let share = b.leading_link_chars as f64 / b.chars.max(1) as f64;
        (0.15..=0.7).contains(&share)
            && b.leading_link_chars == b.link_chars
            && !leading_link_ends_sentence(b)
    };
    // The list is the parent, or the grandparent when each item sits in a
    // wrapper of its own (a table row, a list item around a card).
    let list_of = |b: &Block| {
        let parent = dom.nodes[b.owner].parent;
        let grandparent = dom.nodes.get(parent).map_or(NO_PARENT, |p| p.parent);
        [parent, grandparent]
    };
    let mut per_list: HashMap<usize, usize> = HashMap::new();
    for block in blocks.iter().filter(|b| headed(b)) {
        for list in list_of(block) {
            *per_list.entry(list).or_default() += 1;
        }
    }
    blocks
        .iter()
        .map(|b| {
            headed(b)
                && list_of(b).iter().any(|list| {
                    *list != NO_PARENT && per_list.get(list).is_some_and(|&n| n >= MIN_TEASERS)
                })
        })
        .collect()
}

/// A full stop, question or exclamation mark, in any script.
fn is_full_stop(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | '।' | '؟' | '۔')
}

/// Loose text (sitting straight in a `div`, between `br`s) that reads as a
/// sentence: a few words ending in a full stop.
fn is_loose_sentence(block: &Block) -> bool {
    const MIN_WORDS: usize = 4;
    block.kind == BlockKind::Loose
        && block.spaced_words() >= MIN_WORDS
        && block
            .text
            .trim_end()
            .chars()
            .last()
            .is_some_and(is_full_stop)
}

/// Whether a block's opening link is a whole sentence, as the items of a
/// news roundup are; teaser headlines are titles, without a full stop.
fn leading_link_ends_sentence(block: &Block) -> bool {
    let mut visible = block.text.chars().filter(|c| !c.is_whitespace());
    let last_linked = visible.by_ref().take(block.leading_link_chars).last();
    // The stop may sit just inside the link or just after it.
    last_linked.is_some_and(is_full_stop) || visible.next().is_some_and(is_full_stop)
}

/// Enough text to be a sentence of prose in any script. Where words are
/// not separated by spaces (most "words" are single characters), a sentence
/// needs more characters than words.
fn is_prose(block: &Block) -> bool {
    if block.is_unspaced() {
        block.chars >= 30
    } else {
        block.words >= 12 || block.chars >= 80
    }
}

fn is_linkless_prose(block: &Block) -> bool {
    is_prose(block) && block.link_density() <= 0.5
}

/// Which unlinked blocks add to a container's value.
#[derive(Clone, Copy)]
enum ProseThreshold {
    /// Only prose: long enough to be sentences.
    Prose,
    /// Any text (pages that hold no prose at all).
    AnyText,
}

/// A block's contribution to the score of every element that holds it.
fn block_value(block: &Block, in_furniture: bool, threshold: ProseThreshold) -> f64 {
    let chars = block.chars as f64;
    let link_density = block.link_density();
    if in_furniture {
        -chars
    } else if link_density > 0.5 && !is_linked_prose(block) {
        -chars * link_density
    } else if is_mostly_addresses(&block.text) {
        -0.25 * chars
    } else if is_prose(block) || matches!(threshold, ProseThreshold::AnyText) {
        (chars - block.link_chars as f64) * (1.0 - link_density)
    } else if block.kind == BlockKind::Row && link_density < 0.3 {
        // Rows of a data table neither draw the article nor push it away.
        0.0
    } else {
        -0.25 * chars
    }
}

/// The element whose subtree has the highest total block value; on a tie,
/// the deeper element. Semantic marks add a bonus on their positive text.
fn best_container(dom: &Dom, blocks: &[Block], values: &[f64], marks: &[Mark]) -> usize {
    let total = subtree_sums(dom, blocks.iter().zip(values).map(|(b, &v)| (b.owner, v)));
    let positive = subtree_sums(
        dom,
        blocks
            .iter()
            .zip(values)
            .map(|(b, &v)| (b.owner, v.max(0.0))),
    );
    let mut best = (f64::MIN, 0);
    for index in 0..dom.nodes.len() {
        if dom.element(index).is_none() {
            continue;
        }
        let bonus = match marks[index] {
            Mark::Content => 0.3,
            Mark::Article => 0.1,
            _ => 0.0,
        };
        let score = total[index] + bonus * positive[index];
        if score > best.0 + 1e-9 || (score >= best.0 - 1e-9 && dom.contains(best.1, index)) {
            best = (score, index);
        }
    }
    narrow_to_titled_article(dom, blocks, marks, &positive, best.1)
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
    const LOOSE_SHARE: f64 = 0.25;
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
    if articles.len() > 1 && positive[*article] > 0.0 && loose < LOOSE_SHARE * positive[*article] {
        *article
    } else {
        container
    }
}

/// Keeps the article's blocks among the candidates: drops link-heavy and
/// boilerplate-phrase blocks, then keeps the short blocks that lead into or
/// trail the prose only while they run on unbroken from it.
fn keep_blocks(blocks: &[Block], candidates: &[usize], favor: Favor) -> Vec<usize> {
    let candidates = before_comments(blocks, candidates);
    let plausible: Vec<bool> = candidates
        .iter()
        .map(|&i| !is_boilerplate(&blocks[i], favor))
        .collect();
    let prose = |k: usize| plausible[k] && is_prose(&blocks[candidates[k]]);
    let (Some(first), Some(last)) = (
        (0..candidates.len()).find(|&k| prose(k)),
        (0..candidates.len()).rfind(|&k| prose(k)),
    ) else {
        // No prose at all: a short article keeps what survived the filters.
        return (0..candidates.len())
            .filter(|&k| plausible[k])
            .map(|k| candidates[k])
            .collect();
    };
    let edge = |k: &usize, leading: bool| {
        plausible[*k] && keeps_at_edge(&blocks[candidates[*k]], favor, leading)
    };
    let lead_start = (0..first)
        .rev()
        .take_while(|k| edge(k, true))
        .last()
        .unwrap_or(first);
    // A short line right before a dropped block is that box's title
    // ("Daily news" over a newsletter prompt): the tail ends above it.
    let titles_dropped_box = |k: usize| {
        let title = &blocks[candidates[k]];
        let short_title = title.kind != BlockKind::Paragraph && title.spaced_words() <= 6;
        short_title
            && candidates.get(k + 1).is_some_and(|&next| {
                let next = &blocks[next];
                lexicon::boilerplate_phrase(&next.text, next.spaced_words()).is_some()
            })
    };
    let tail_end = (last + 1..candidates.len())
        .take_while(|&k| edge(&k, false) && !titles_dropped_box(k))
        .last()
        .map_or(last, |k| k);
    (lead_start..=tail_end)
        .filter(|&k| plausible[k])
        .map(|k| candidates[k])
        .collect()
}

/// The candidates up to a comment section's title that follows some prose:
/// comments come after the article, whatever their markup.
fn before_comments<'c>(blocks: &[Block], candidates: &'c [usize]) -> &'c [usize] {
    const TITLE_MAX_WORDS: usize = 6;
    let Some(first_prose) = candidates.iter().position(|&i| is_prose(&blocks[i])) else {
        return candidates;
    };
    let title = candidates[first_prose..].iter().position(|&i| {
        let block = &blocks[i];
        // A linked "12 comments" by the byline is a counter, not the section.
        block.spaced_words() <= TITLE_MAX_WORDS
            && block.link_density() < 0.5
            && lexicon::is_comments_heading(&block.text)
    });
    match title {
        Some(offset) => &candidates[..first_prose + offset],
        None => candidates,
    }
}

fn is_boilerplate(block: &Block, favor: Favor) -> bool {
    let link_density = block.link_density();
    if (link_density > 0.5 && !is_linked_prose(block)) || is_mostly_addresses(&block.text) {
        return true;
    }
    match lexicon::boilerplate_phrase(&block.text, block.spaced_words()) {
        Some(PhraseStrength::Strong) => true,
        Some(PhraseStrength::Weak) => favor != Favor::Recall || link_density > 0.0,
        None => false,
    }
}

/// A long paragraph or list item whose links do not make all of it: a
/// sentence led by its link, as in news roundups, or prose citing sources.
fn is_linked_prose(block: &Block) -> bool {
    const MIN_WORDS: usize = 20;
    const MAX_LINK_DENSITY: f64 = 0.8;
    matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem)
        && block.spaced_words() >= MIN_WORDS
        && block.link_density() < MAX_LINK_DENSITY
}

/// Text made mostly of web addresses (image lists, raw link dumps) is
/// never article prose.
fn is_mostly_addresses(text: &str) -> bool {
    if !text.contains("http") && !text.contains("www.") {
        return false;
    }
    let is_address = |word: &&str| {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '/');
        word.starts_with("http://") || word.starts_with("https://") || word.starts_with("www.")
    };
    let (address_chars, all_chars) = text.split_whitespace().fold((0, 0), |(a, n), word| {
        let len = word.chars().count();
        (a + if is_address(&word) { len } else { 0 }, n + len)
    });
    address_chars * 2 > all_chars
}

/// Whether a short block before the first or after the last prose block
/// belongs to the article (a lead, a closing line or list) or to the page.
fn keeps_at_edge(block: &Block, favor: Favor, leading: bool) -> bool {
    let textual = matches!(
        block.kind,
        BlockKind::Paragraph
            | BlockKind::ListItem
            | BlockKind::Quote
            | BlockKind::Pre
            | BlockKind::Row
    ) || is_loose_sentence(block);
    let heading = matches!(block.kind, BlockKind::Heading(_));
    match favor {
        Favor::Recall => block.link_density() < 0.3,
        Favor::Precision => false,
        Favor::Balanced => block.link_density() < 0.3 && (textual || (leading && heading)),
    }
}

/// A heading or short line that repeats the title (it is rendered once, above the body).
fn repeats_title(block: &Block, title: Option<&str>) -> bool {
    let short = matches!(block.kind, BlockKind::Heading(_)) || !is_prose(block);
    short && title.is_some_and(|t| same_text(&block.text, t))
}

fn same_text(a: &str, b: &str) -> bool {
    let normal = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    normal(a) == normal(b)
}

/// The article's title: its `h1` (the one inside the container, else the
/// last before it, else one matching the declared title), else `og:title`,
/// else `<title>` without its site-name part.
fn choose_title(
    dom: &Dom,
    blocks: &[Block],
    furniture: &[bool],
    container: usize,
) -> Option<String> {
    let h1s: Vec<&Block> = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Heading(1) && !furniture[b.owner] && b.chars > 0)
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
        .or_else(|| h1s.iter().rev().find(|b| b.owner < container))
        .or_else(|| {
            h1s.iter().find(|b| {
                !declared.is_empty() && declared.to_lowercase().contains(&b.text.to_lowercase())
            })
        });
    if let Some(block) = pick {
        return Some(block.text.replace('\n', " "));
    }
    if let Some(og) = dom.meta.og_title.as_deref().filter(|t| !t.is_empty()) {
        return Some(og.to_string());
    }
    dom.meta
        .title
        .as_deref()
        .map(|t| strip_site_name(t, dom.meta.site_name.as_deref()))
        .filter(|t| !t.is_empty())
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
