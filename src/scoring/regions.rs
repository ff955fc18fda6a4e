//! Regions: pages whose content is many similar items (a listing's cards,
//! a collection's products, a forum's posts) rather than one article. When
//! the article container holds a small share of the page's words and a
//! series of same-markup siblings holds far more than was kept, that series
//! is the content: its items are kept whole, headline links included.

use rustc_hash::FxHashMap;

use crate::blocks::Block;
use crate::dom::{Dom, NO_PARENT};
use crate::lexicon;
use crate::scoring::features::Features;
use crate::scoring::marks::{
    Mark, Marks, PerNode, SubtreeSums, enclosing, enclosing_index, subtree_sums,
};
use crate::scoring::page_type::Declared;
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
    /// The series is a thread's replies, joined by the post the article
    /// container held ([`thread_region`]).
    pub thread: bool,
}

impl Region {
    /// Whether a node lies inside one of the items.
    pub fn holds(&self, dom: &Dom, node: usize) -> bool {
        let at = self.items.partition_point(|&item| item <= node);
        at > 0 && dom.contains(self.items[at - 1], node)
    }
}

/// What the search for a series of items found on a page.
#[derive(Debug, Default)]
pub struct Series {
    /// The series that holds the page's content, if one does
    /// ([`content_region`]).
    pub region: Option<Region>,
    /// No series holds the content, but one is a shop's catalogue
    /// ([`shop_catalogue`]) on a page declaring no article: a category
    /// page whose prose (a description, a buying guide) outweighs its
    /// products' short cards.
    pub shop_catalogue: bool,
}

/// The series of similar items that holds the page's content in place of
/// the chosen container, if the page is such a page: the container holds
/// less than [`REGION_CONTAINER_MAX_SHARE`] of the page's words (or less
/// than [`CATALOGUE_CONTAINER_MAX_SHARE`] when the series has
/// [`CATALOGUE_MIN_ITEMS`] items or more: a landing page's many sections
/// beside a long first one), the series more than
/// [`REGION_OVER_KEPT`] times the words kept, and no article stands
/// outside the series (see [`article_outside`]). When none does, whether
/// a series is a shop's catalogue all the same, on a page that does not
/// declare an article. Failing a series, a thread the container's post
/// belongs to ([`thread_region`]).
pub fn content_region(
    dom: &Dom,
    blocks: &[Block],
    features: &[Features],
    marks: &Marks,
    container: usize,
    reasons: &[Reason],
    declared: &Declared,
) -> Series {
    let words = element_words(dom, blocks, features);
    // Every series of items, found once for both readings.
    let found = std::cell::OnceCell::new();
    let all = || {
        found
            .get_or_init(|| all_series(dom, marks, &words, MIN_REGION_ITEMS))
            .as_slice()
    };
    let mut series = items_region(
        dom,
        blocks,
        features,
        marks,
        container,
        reasons,
        declared.article(),
        &words,
        all,
    );
    if series.region.is_none() {
        series.region = thread_region(dom, marks, container, declared.forum(), &words, all);
    }
    series
}

/// The series of items [`content_region`] reads as the content, or none
/// and whether a series is a shop's catalogue all the same.
#[allow(clippy::too_many_arguments)]
fn items_region<'a>(
    dom: &Dom,
    blocks: &[Block],
    features: &[Features],
    marks: &Marks,
    container: usize,
    reasons: &[Reason],
    declared_article: bool,
    words: &SubtreeSums,
    found_series: impl FnOnce() -> &'a [Region],
) -> Series {
    let page_words = words.first().copied().unwrap_or(0.0);
    if page_words <= 0.0 || words[container] >= CATALOGUE_CONTAINER_MAX_SHARE * page_words {
        return Series::default();
    }
    let found = found_series();
    let Some(region) = largest(found) else {
        return Series::default();
    };
    // A wider container may have missed only a catalogue, not a few items.
    let wide_container = words[container] >= REGION_CONTAINER_MAX_SHARE * page_words;
    let missed = !wide_container || region.items.len() >= CATALOGUE_MIN_ITEMS;
    if missed && holds_content(dom, blocks, features, marks, reasons, region) {
        return Series {
            region: Some(region.clone()),
            shop_catalogue: false,
        };
    }
    Series {
        region: None,
        shop_catalogue: !declared_article && shop_catalogue(dom, blocks, features, marks, found),
    }
}

/// Whether the series outweighs what the rules kept with the container
/// ([`REGION_OVER_KEPT`] times its words) and no article stands outside it.
fn holds_content(
    dom: &Dom,
    blocks: &[Block],
    features: &[Features],
    marks: &Marks,
    reasons: &[Reason],
    region: &Region,
) -> bool {
    let kept_words: f64 = reasons
        .iter()
        .zip(features)
        .filter(|(r, _)| r.keeps())
        .map(|(_, f)| f.spaced_words as f64)
        .sum();
    region.words > REGION_OVER_KEPT * kept_words
        && !article_outside(dom, blocks, features, marks, reasons, region)
}

/// Words (spaced-word equivalents) in each element's subtree.
fn element_words<'a>(dom: &'a Dom, blocks: &[Block], features: &[Features]) -> SubtreeSums<'a> {
    subtree_sums(
        dom,
        blocks
            .iter()
            .zip(features)
            .map(|(b, f)| (b.owner, f.spaced_words as f64)),
    )
}

/// The thread whose one post the article container holds: on a page
/// that declares a forum thread or whose series is marked as comments, the
/// series of items of which at least all but one hold an element of the
/// container's markup (the opening post's body, in a box of its own above
/// the replies, has the replies' markup: `div.message` in each), or of
/// which one holds the container (the thread's longest post). The series,
/// joined by the container, is then the content, whatever the share of
/// the page's words each holds: a thread's replies may be shorter than its
/// question. A container holding the series already holds the thread.
fn thread_region<'a>(
    dom: &Dom,
    marks: &Marks,
    container: usize,
    declared_forum: bool,
    words: &SubtreeSums,
    found_series: impl FnOnce() -> &'a [Region],
) -> Option<Region> {
    // Undeclared, a thread is one whose posts are marked as comments.
    if !declared_forum && !marks.hints.iter().any(|hints| hints.comments) {
        return None;
    }
    let posts = std::cell::OnceCell::new();
    let holds_post = |item: usize| {
        dom.contains(item, container)
            || posts.get_or_init(|| same_markup_counts(dom, container))[item] > 0.0
    };
    let replies = |parent: usize, items: &[usize]| {
        !dom.contains(container, parent)
            && (declared_forum || items_marked_comments(marks, parent, items))
            && items.iter().filter(|&&item| holds_post(item)).count() + 1 >= items.len()
    };
    // A declared thread's posts are posts however few.
    let fewer;
    let found = if declared_forum {
        fewer = all_series(dom, marks, words, MIN_THREAD_POSTS);
        &fewer
    } else {
        found_series()
    };
    let threads = found.iter().filter(|r| replies(r.parent, &r.items));
    let mut region = largest(threads)?.clone();
    region.thread = true;
    if region.holds(dom, container) {
        return Some(region);
    }
    let parent = dom
        .ancestors(container)
        .find(|&ancestor| dom.contains(ancestor, region.parent))?;
    region.items.push(container);
    region.items.sort_unstable();
    Some(Region {
        parent,
        words: region.words + words[container],
        ..region
    })
}

/// Whether class/id words name a series' items or their parent comments
/// (`ul.comments > li.comment`): a page-wide class or id saying that the
/// page has comments says nothing of what a series deep inside it is.
fn items_marked_comments(marks: &Marks, parent: usize, items: &[usize]) -> bool {
    std::iter::once(parent)
        .chain(items.iter().copied())
        .any(|i| marks.hints[i].comments)
}

/// Whether class/id words name a series' items, its parent or an
/// ancestor of it comments.
fn marked_comments(dom: &Dom, marks: &Marks, parent: usize, items: &[usize]) -> bool {
    items_marked_comments(marks, parent, items)
        || dom.ancestors(parent).any(|i| marks.hints[i].comments)
}

/// For each node, how many elements in its subtree have the markup of
/// `model`: its tag and its class/id tokens without digits ([`item_tokens`]);
/// none when `model` has no such token (a bare tag says nothing of what it
/// is).
fn same_markup_counts(dom: &Dom, model: usize) -> SubtreeSums<'_> {
    let model = dom
        .element(model)
        .filter(|m| item_tokens(m.hints()).next().is_some());
    let alike = (0..dom.nodes.len()).filter(|&node| match (model, dom.element(node)) {
        (Some(model), Some(element)) => {
            element.name == model.name
                // The same class and id read the same (the common case).
                && (element.hints() == model.hints()
                    || item_tokens(element.hints()).eq(item_tokens(model.hints())))
        }
        _ => false,
    });
    subtree_sums(dom, alike.map(|node| (node, 1.0)))
}

/// Whether one of the series is a shop's catalogue: [`SHOP_CATALOGUE_MIN_ITEMS`]
/// items or more, at least [`PRICED_ITEMS_MIN_SHARE`] of them priced
/// ([`priced_nodes`]). A shop's category page sets its products beside
/// prose of its own (a description above them, a buying guide below)
/// that may outweigh their short cards; an article's related links carry
/// no prices.
fn shop_catalogue(
    dom: &Dom,
    blocks: &[Block],
    features: &[Features],
    marks: &Marks,
    found: &[Region],
) -> bool {
    let mut catalogues = found
        .iter()
        .filter(|series| series.items.len() >= SHOP_CATALOGUE_MIN_ITEMS)
        .peekable();
    if catalogues.peek().is_none() {
        return false;
    }
    let before = priced_nodes(dom, blocks, features, marks);
    catalogues.any(|series| {
        let priced = series
            .items
            .iter()
            .filter(|&&item| before[dom.nodes[item].end()] > before[item])
            .count();
        priced as f64 >= PRICED_ITEMS_MIN_SHARE * series.items.len() as f64
    })
}

/// For each node index (and the end of the page), how many nodes before
/// it mark a price: by a class/id word or an `itemprop` naming a price or
/// an offer, or by owning a price line (a block of at most
/// [`PRICE_LINE_MAX_WORDS`] words, [`PRICE_LINE_MIN_SHARE`] of which write
/// a price, [`lexicon::price_share`]: "Now 49,99 €", not a promotion's
/// "Free shipping on orders over $40"). A subtree `i..end` holds a price
/// when the counts at its ends differ.
fn priced_nodes(dom: &Dom, blocks: &[Block], features: &[Features], marks: &Marks) -> Vec<u32> {
    let mut priced: Vec<bool> = (0..dom.nodes.len())
        .map(|i| {
            marks.hints[i].price
                || dom
                    .element(i)
                    .is_some_and(|e| PRICE_ITEMPROPS.contains(&e.itemprop()))
        })
        .collect();
    let price_lines = blocks
        .iter()
        .zip(features)
        .filter(|(_, f)| f.spaced_words <= PRICE_LINE_MAX_WORDS)
        .filter(|(b, _)| lexicon::price_share(&b.text) >= PRICE_LINE_MIN_SHARE);
    for (block, _) in price_lines {
        if let Some(owner) = priced.get_mut(block.owner) {
            *owner = true;
        }
    }
    std::iter::once(0)
        .chain(priced.iter().scan(0, |count, &p| {
            *count += u32::from(p);
            Some(*count)
        }))
        .collect()
}

/// schema.org's `itemprop` values that mark a price on a product card.
const PRICE_ITEMPROPS: [&str; 4] = ["price", "lowprice", "highprice", "offers"];

/// Whether the kept prose outside the series makes an article of its own,
/// so that the series is what follows an article (its comments, teasers
/// for other stories), not the page's content (hidden prose aside): [`MIN_ARTICLE_PARAGRAPHS`]
/// paragraphs, or any paragraph when the series is marked as comments;
/// but not when the series is a catalogue that outweighs that prose
/// ([`introduces_catalogue`]).
fn article_outside(
    dom: &Dom,
    blocks: &[Block],
    features: &[Features],
    marks: &Marks,
    reasons: &[Reason],
    region: &Region,
) -> bool {
    // Hidden prose kept for its text (a closed tab, a browser notice) is
    // not the article a reader sees first.
    let hidden = enclosing(dom, |e| e.hidden());
    let (outside, outside_words) = reasons
        .iter()
        .zip(blocks)
        .zip(features)
        .filter(|((r, b), _)| {
            **r == Reason::Prose && hidden.get(b.owner).is_none() && !region.holds(dom, b.owner)
        })
        .fold((0, 0.0), |(count, words), (_, f)| {
            (count + 1, words + f.spaced_words as f64)
        });
    if marked_comments(dom, marks, region.parent, &region.items) {
        return outside > 0;
    }
    outside >= MIN_ARTICLE_PARAGRAPHS && !introduces_catalogue(region, outside_words)
}

/// Whether prose of `intro_words` outside the series only introduces it:
/// the series is a catalogue of [`CATALOGUE_MIN_ITEMS`] or more items
/// holding over [`CATALOGUE_OVER_INTRO`] times those words (a category's
/// description over its product grid, a list page's lead over its table),
/// where an article's follow-up (its teasers, a few related cards) is
/// shorter than the article.
fn introduces_catalogue(region: &Region, intro_words: f64) -> bool {
    region.items.len() >= CATALOGUE_MIN_ITEMS && region.words > CATALOGUE_OVER_INTRO * intro_words
}

/// The series with the most words (the first of equals).
fn largest<'a>(found: impl IntoIterator<Item = &'a Region>) -> Option<&'a Region> {
    found
        .into_iter()
        .fold(None, |best: Option<&Region>, series| match best {
            Some(best) if best.words >= series.words => Some(best),
            _ => Some(series),
        })
}

/// Every series of at least `min_items` same-signature siblings of at
/// least [`MIN_ITEM_WORDS`] words each, in document order of their
/// parents, outside navigation, footers, asides and dialogs laid over the
/// page (a consent banner's paragraphs are no series of items); siblings
/// whose markup [`extends`] the series' (an opening post marked as such)
/// belong to it.
fn all_series(dom: &Dom, marks: &Marks, words: &SubtreeSums, min_items: usize) -> Vec<Region> {
    let mut outside_layout = series_free(dom, marks);
    for (index, free) in outside_layout.iter_mut().enumerate() {
        *free &= marks.dialogs.get(index).is_none();
    }
    let mut found = Vec::new();
    let mut candidates: Vec<usize> = Vec::new();
    for parent in (0..dom.nodes.len()).filter(|&i| outside_layout[i]) {
        if dom.element(parent).is_none() {
            continue;
        }
        candidates.clear();
        let mut child = parent + 1;
        while child < dom.nodes[parent].end() {
            if dom.element(child).is_some()
                && outside_layout[child]
                && words[child] >= MIN_ITEM_WORDS
            {
                candidates.push(child);
            }
            child = dom.nodes[child].end();
        }
        if candidates.len() < min_items {
            continue;
        }
        let groups = sibling_groups(dom, &candidates);
        for (base, items) in groups
            .iter()
            .filter(|(_, items)| items.len() >= min_items)
            .filter(|(_, items)| !related_articles(dom, parent, items))
        {
            let mut items = items.clone();
            items.extend(opening_items(&groups, base, items[0], items.len()));
            items.sort_unstable();
            let total: f64 = items.iter().map(|&i| words[i]).sum();
            found.push(Region {
                parent,
                items,
                words: total,
                thread: false,
            });
        }
    }
    found
}

/// Whether `items` of `parent` are articles within an article: as HTML
/// defines nested articles, posts related to the outer one (its
/// neighbours' teasers, its comments), not a page's series of items.
fn related_articles(dom: &Dom, parent: usize, items: &[usize]) -> bool {
    let article = html5ever::local_name!("article");
    let is_article = |i: usize| dom.element(i).is_some_and(|e| e.name == article);
    items.iter().all(|&i| is_article(i))
        && std::iter::once(parent)
            .chain(dom.ancestors(parent))
            .any(is_article)
}

/// Siblings grouped by their markup: their tag and their class/id tokens
/// without digits (ids and counters differ from item to item). An element
/// most of whose tokens are shared with at least [`SHARED_TOKEN_SHARE`] of
/// its same-tag siblings and whose tag makes it an item ([`ITEM_TAGS`]) is
/// grouped by those alone: a token few siblings carry marks the item, not
/// the series (a card's category or tags, a "featured" or "first" flag).
/// Other elements (a layout grid's columns) keep all their tokens.
fn sibling_groups(dom: &Dom, siblings: &[usize]) -> FxHashMap<String, Vec<usize>> {
    let elements: Vec<(usize, crate::dom::Element)> = siblings
        .iter()
        .filter_map(|&i| dom.element(i).map(|e| (i, e)))
        .collect();
    let mut per_tag: FxHashMap<&str, usize> = FxHashMap::default();
    let mut per_token: FxHashMap<(&str, &str), usize> = FxHashMap::default();
    for &(_, element) in &elements {
        *per_tag.entry(element.tag()).or_default() += 1;
        for token in item_tokens(element.hints()) {
            *per_token.entry((element.tag(), token)).or_default() += 1;
        }
    }
    let mut groups: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (index, element) in elements {
        let tag: &str = element.tag();
        let siblings_of_tag = per_tag.get(tag).copied().unwrap_or(0) as f64;
        let tokens: Vec<&str> = item_tokens(element.hints()).collect();
        let carriers = |token: &str| per_token.get(&(tag, token)).copied().unwrap_or(0);
        let shared: Vec<&str> = tokens
            .iter()
            .copied()
            .filter(|&token| carriers(token) as f64 >= SHARED_TOKEN_SHARE * siblings_of_tag)
            .collect();
        // An element sharing fewer tokens than it holds alone keeps them
        // all: its markup is its own (a page's header, content and footer
        // sections), not a series' with a mark of the item. One sharing
        // most is marked by the tokens all its siblings but at most one
        // carry: a token only some items share (a category of half the
        // posts) splits no series, while the one element lacking the
        // series' own token (a list's heading item among its "entry"
        // items) stands apart. Of the least series, every item carries
        // the series' tokens: one lacking leaves no series anyway, while
        // a token two of three posts carry ("alt", a rank) is theirs.
        let missing = usize::from(siblings_of_tag as usize > MIN_REGION_ITEMS);
        let marking = if ITEM_TAGS.contains(&tag) && 2 * shared.len() > tokens.len() {
            shared
                .into_iter()
                .filter(|&t| carriers(t) + missing >= siblings_of_tag as usize)
                .collect()
        } else {
            tokens
        };
        let mut signature = String::from(tag);
        for token in marking {
            signature.push(' ');
            signature.push_str(token);
        }
        groups.entry(signature).or_default().push(index);
    }
    groups
}

/// Tags that make an element an item of a series by themselves: a list's
/// items and articles (a blog's or shop's cards carry their categories as
/// classes). Articles within an article are its related posts or
/// comments ([`related_articles`]), never the page's series.
const ITEM_TAGS: [&str; 2] = ["li", "article"];

/// The class/id tokens of an element that may be shared by a series of
/// items: those without digits (ids and counters differ from item to
/// item), each once.
fn item_tokens(hints: &str) -> impl Iterator<Item = &str> {
    let mut seen = rustc_hash::FxHashSet::default();
    hints
        .split_whitespace()
        .filter(|t| !t.bytes().any(|b| b.is_ascii_digit()))
        .filter(move |t| seen.insert(*t))
}

/// The siblings of one markup that [`extends`] the series' `base` by
/// tokens that name a kind of element (not state flags such as
/// "has-highlight"), when they open the series (the first stands before
/// its `first` item) and are fewer than its `count` items: a thread's
/// opening post, and the later posts of its starter where the forum marks
/// them too. Several such markups are a grid's varied cells, not a thread.
fn opening_items(
    groups: &FxHashMap<String, Vec<usize>>,
    base: &str,
    first: usize,
    count: usize,
) -> Vec<usize> {
    let mut extending = groups
        .iter()
        .filter(|(other, _)| *other != base && extends(other, base));
    let (Some((markup, items)), None) = (extending.next(), extending.next()) else {
        return Vec::new();
    };
    let base_tokens: Vec<&str> = base.split(' ').collect();
    let names_kinds = markup
        .split(' ')
        .filter(|token| !base_tokens.contains(token))
        .all(lexicon::names_a_kind);
    let opens = items.iter().min().is_some_and(|&item| item < first);
    if names_kinds && opens && items.len() < count {
        items.clone()
    } else {
        Vec::new()
    }
}

/// Whether the markup `signature` is that of `base` with more class/id
/// tokens: the same tag, every token of `base` and others beside them, as
/// a thread's opening post is a post with a modifier ("message
/// message-threadstarterpost" beside "message"). `base` needs a token: a
/// bare tag says nothing about what its elements are.
fn extends(signature: &str, base: &str) -> bool {
    let mut base_parts = base.split(' ');
    let mut parts = signature.split(' ');
    let (Some(base_tag), Some(tag)) = (base_parts.next(), parts.next()) else {
        return false;
    };
    let tokens: Vec<&str> = parts.collect();
    let mut base_tokens = base_parts.peekable();
    tag == base_tag
        && base_tokens.peek().is_some()
        && base_tokens.all(|token| tokens.contains(&token))
}

/// For each node, whether it lies outside elements that are furniture by
/// their tag or role (navigation, footers, asides): class words are too
/// unreliable to rule out a region.
pub fn layout_furniture_free(dom: &Dom, marks: &PerNode<Mark>) -> Vec<bool> {
    outside_of(dom, |index| is_layout_furniture(marks[index]))
}

/// For each node, whether a series of items there may be the page's
/// content: outside layout furniture, and on the page of one product
/// outside what its class words name as the product page's furniture
/// (customer reviews, seller feedback, carousels of other products): a
/// product page's series are its neighbours, never its description.
fn series_free(dom: &Dom, marks: &Marks) -> Vec<bool> {
    outside_of(dom, |index| {
        is_layout_furniture(marks.marks[index]) || product_furniture(marks, index).is_some()
    })
}

/// The class word that names an element the furniture of a product page
/// (reviews, carousels), when the page declares one product.
fn product_furniture(marks: &Marks, index: usize) -> Option<MarkedBy> {
    marks.hints[index]
        .product_furniture_word()
        .filter(|_| marks.one_product)
        .map(MarkedBy::Class)
}

fn is_layout_furniture(mark: Mark) -> bool {
    matches!(mark, Mark::Furniture(MarkedBy::Tag(_) | MarkedBy::Role(_)))
}

/// For each node, whether neither it nor an ancestor is `barred`.
fn outside_of(dom: &Dom, barred: impl Fn(usize) -> bool) -> Vec<bool> {
    let mut free = vec![true; dom.nodes.len()];
    for index in 0..dom.nodes.len() {
        let parent = dom.nodes[index].parent();
        let parent_free = parent == NO_PARENT || free[parent];
        free[index] = parent_free && !barred(index);
    }
    free
}

/// The reason for every block on a page whose content is `region`: the
/// items' blocks are kept, linked headlines too, but for markup furniture
/// (and, on the page of one product, what its class words name as the
/// product page's furniture: the reviews, carousels and cross-sells in
/// the cells of its layout grid, as [`series_free`] reads them), what
/// stands beside every post (its author's rank, post count and join date,
/// its votes, its edit note: no part of what the post says, and inside an
/// item: a class word above the series says nothing of it), the same text
/// in many items (buttons, labels), address dumps and boilerplate phrases.
pub fn judge(
    dom: &Dom,
    blocks: &[Block],
    features: &[Features],
    page_marks: &Marks,
    region: &Region,
    rules: FavorRules,
) -> Vec<Reason> {
    let marks = &page_marks.marks;
    let free = series_free(dom, page_marks);
    let post_furniture =
        enclosing_index(dom, |i| page_marks.hints[i].post_furniture_word().is_some());
    let repeated = repeated_texts(dom, blocks, region);
    blocks
        .iter()
        .zip(features)
        .map(|(block, features)| {
            if !region.holds(dom, block.owner) {
                Reason::OutsideRegion
            } else if let Some(element) = post_furniture
                .get(block.owner)
                .filter(|&panel| region.holds(dom, panel))
            {
                let word = page_marks.hints[element]
                    .post_furniture_word()
                    .unwrap_or_default();
                Reason::Furniture {
                    element,
                    marked_by: MarkedBy::Class(word),
                }
            } else if !free[block.owner] {
                // The nearest furniture: by its mark, or by a product
                // page's class word on a box whose size spared its mark.
                std::iter::once(block.owner)
                    .chain(dom.ancestors(block.owner))
                    .find_map(|element| {
                        let marked_by = match marks[element] {
                            Mark::Furniture(marked_by) => Some(marked_by),
                            _ => product_furniture(page_marks, element),
                        };
                        marked_by.map(|marked_by| Reason::Furniture { element, marked_by })
                    })
                    .unwrap_or(Reason::OutsideRegion)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn groups(entries: &[(&str, &[usize])]) -> FxHashMap<String, Vec<usize>> {
        entries
            .iter()
            .map(|(markup, items)| (markup.to_string(), items.to_vec()))
            .collect()
    }

    #[test]
    fn only_a_catalogue_far_larger_than_the_prose_outside_it_is_introduced() {
        let series = |items: usize, words: f64| Region {
            parent: 0,
            items: (1..=items).collect(),
            words,
            thread: false,
        };
        assert!(introduces_catalogue(&series(10, 500.0), 60.0));
        // A few cards, however long, follow an article.
        assert!(!introduces_catalogue(&series(4, 500.0), 60.0));
        // Teasers under an article as long as a fair share of them.
        assert!(!introduces_catalogue(&series(10, 500.0), 200.0));
    }

    #[test]
    fn markup_extends_a_base_by_added_tokens_of_the_same_tag() {
        assert!(extends("article message message-first", "article message"));
        assert!(!extends("div message message-first", "article message"));
        assert!(!extends("article post-first", "article message"));
        assert!(!extends("div card", "div"));
    }

    #[test]
    fn an_opening_post_joins_the_series_of_replies() {
        let thread = groups(&[("li post", &[20, 30, 40]), ("li post post-starter", &[10])]);
        assert_eq!(opening_items(&thread, "li post", 20, 3), vec![10]);
    }

    #[test]
    fn marked_cells_after_the_series_varied_cells_and_state_flags_do_not() {
        let after = groups(&[("li post", &[20, 30, 40]), ("li post featured", &[50])]);
        assert!(opening_items(&after, "li post", 20, 3).is_empty());
        let varied = groups(&[
            ("div col", &[20, 30, 40]),
            ("div col wide", &[10]),
            ("div col narrow", &[15]),
        ]);
        assert!(opening_items(&varied, "div col", 20, 3).is_empty());
        let flagged = groups(&[("div slide", &[20, 30, 40]), ("div slide has-badge", &[10])]);
        assert!(opening_items(&flagged, "div slide", 20, 3).is_empty());
        let most = groups(&[("li post", &[20, 30, 40]), ("li post op", &[5, 6, 7])]);
        assert!(opening_items(&most, "li post", 20, 3).is_empty());
    }

    use crate::budget::Budget;

    /// A page's tree, blocks and their features.
    fn page_parts(html: &str) -> (Dom, Vec<Block>, Vec<Features>) {
        let dom = crate::dom::parse(html, &Budget::unlimited()).expect("parses");
        let blocks = crate::blocks::segment(&dom);
        let features: Vec<Features> = blocks.iter().map(Features::of).collect();
        (dom, blocks, features)
    }

    /// Whether the page has a series of items, its marks read as on a page
    /// declaring one product or not.
    fn has_series(html: &str, one_product: bool) -> bool {
        let (dom, blocks, features) = page_parts(html);
        let words = element_words(&dom, &blocks, &features);
        let types = if one_product {
            vec!["Product".to_string()]
        } else {
            Vec::new()
        };
        let declared = crate::scoring::page_type::Declared::of(&dom, &types);
        let marks = crate::scoring::marks::mark_page(&dom, &declared);
        !all_series(&dom, &marks, &words, MIN_REGION_ITEMS).is_empty()
    }

    /// Whether a series of `count` cards, each holding `card`, is a
    /// shop's catalogue.
    fn shop_of(card: &str, count: usize) -> bool {
        let html = format!(
            "<html><body><h1>Lampen</h1><ul>{}</ul></body></html>",
            card.repeat(count)
        );
        let (dom, blocks, features) = page_parts(&html);
        let words = element_words(&dom, &blocks, &features);
        let declared = crate::scoring::page_type::Declared::default();
        let marks = crate::scoring::marks::mark_page(&dom, &declared);
        let found = all_series(&dom, &marks, &words, MIN_REGION_ITEMS);
        shop_catalogue(&dom, &blocks, &features, &marks, &found)
    }

    #[test]
    fn priced_cards_make_a_shop_catalogue_and_related_links_do_not() {
        let priced = "<li class='card'><a href='/p'>Stehlampe aus Messing</a><p>129,00 €</p></li>";
        assert!(shop_of(priced, SHOP_CATALOGUE_MIN_ITEMS));
        // A service's few pricing plans are no catalogue.
        assert!(!shop_of(priced, SHOP_CATALOGUE_MIN_ITEMS - 1));
        let marked = "<li class='card'><a href='/p'>Lampa stojąca z mosiądzu</a><p class='cena-brutto'>od ręki</p></li>";
        assert!(shop_of(marked, SHOP_CATALOGUE_MIN_ITEMS));
        let related = "<li class='card'><a href='/a'>How we restored a brass floor lamp</a><p>Five steps</p></li>";
        assert!(!shop_of(related, SHOP_CATALOGUE_MIN_ITEMS));
        // A promotion that names a price is no price line.
        let promo =
            "<li class='slide'><p>Free standard shipping on orders over $40 to your door</p></li>";
        assert!(!shop_of(promo, SHOP_CATALOGUE_MIN_ITEMS));
    }

    #[test]
    fn a_product_pages_reviews_and_carousels_are_no_series() {
        let items = |class: &str| {
            let item = format!(
                "<div class='{class}-item'><p>Sehr gute Kanne, hält den Tee lange warm.</p></div>"
            );
            format!(
                "<html><body><h1>Teekanne</h1><div class='{class}'>{}</div></body></html>",
                item.repeat(4)
            )
        };
        for class in ["product-reviews", "carousel", "crosssell"] {
            assert!(has_series(&items(class), false), "{class}");
            assert!(!has_series(&items(class), true), "{class}");
        }
        assert!(has_series(&items("variants"), true));
    }

    /// The groups of the children of the page's `<ul>` or, lacking one,
    /// of its `<main>`, as lists of the children's ids (which hold digits,
    /// so take no part in the grouping).
    fn groups_of(html: &str) -> Vec<Vec<String>> {
        let dom = crate::dom::parse(html, &Budget::unlimited()).expect("parses");
        let parent = (0..dom.nodes.len())
            .find(|&i| dom.element(i).is_some_and(|e| &*e.name == "ul"))
            .or_else(|| {
                (0..dom.nodes.len()).find(|&i| dom.element(i).is_some_and(|e| &*e.name == "main"))
            })
            .expect("a parent");
        let mut children = Vec::new();
        let mut child = parent + 1;
        while child < dom.nodes[parent].end() {
            if dom.element(child).is_some() {
                children.push(child);
            }
            child = dom.nodes[child].end();
        }
        let name = |i: usize| {
            dom.element(i)
                .map(|e| {
                    e.hints()
                        .split_whitespace()
                        .last()
                        .unwrap_or("")
                        .to_string()
                })
                .unwrap_or_default()
        };
        let mut groups: Vec<Vec<String>> = sibling_groups(&dom, &children)
            .into_values()
            .map(|items| items.into_iter().map(name).collect())
            .collect();
        groups.sort();
        groups
    }

    /// A `parent` of `tag` children with these classes and the ids `a1`,
    /// `b1`, `c1`…
    fn series_of(parent: &str, tag: &str, classes: &[&str]) -> String {
        let children: String = classes
            .iter()
            .zip('a'..)
            .map(|(class, id)| format!("<{tag} class='{class}' id='{id}1'>x</{tag}>"))
            .collect();
        format!("<{parent}>{children}</{parent}>")
    }

    #[test]
    fn list_items_marked_by_their_category_or_a_flag_stay_one_series() {
        let html = series_of(
            "ul",
            "li",
            &[
                "card post type-post cat-news",
                "card post type-post cat-sport featured",
                "card post type-post cat-news",
                "card post type-post cat-travel",
                "card post type-post cat-food",
            ],
        );
        assert_eq!(groups_of(&html), vec![vec!["a1", "b1", "c1", "d1", "e1"]]);
    }

    #[test]
    fn cards_sharing_only_some_of_their_common_tokens_stay_one_series() {
        // Every card carries "card post"; "cat-dinner" and "cat-quick",
        // carried by half the cards, mark some and not others: as list
        // items or as articles.
        let classes = [
            "card post cat-dinner cat-quick",
            "card post cat-dinner",
            "card post cat-quick cat-fish",
            "card post",
        ];
        for (parent, tag) in [("ul", "li"), ("main", "article")] {
            let html = series_of(parent, tag, &classes);
            let expected = vec![vec!["a1", "b1", "c1", "d1"]];
            assert_eq!(groups_of(&html), expected, "{tag}");
        }
    }

    #[test]
    fn the_one_item_lacking_the_series_token_stands_apart() {
        // A list's heading item among its entries: both carry the list's
        // classes, only the entries "entry".
        let html = series_of(
            "ul",
            "li",
            &[
                "post hentry cat-life",
                "post entry hentry cat-life",
                "post entry hentry cat-faith",
                "post entry hentry cat-life",
                "post entry hentry cat-home",
            ],
        );
        let expected = vec![vec!["a1"], vec!["b1", "c1", "d1", "e1"]];
        assert_eq!(groups_of(&html), expected);
    }

    #[test]
    fn articles_within_an_article_are_related_posts() {
        let html = "<main><article><p>Post.</p><div>\
            <article>a</article><article>b</article><article>c</article>\
            </div></article><section><article>d</article><article>e</article>\
            </section></main>";
        let dom = crate::dom::parse(html, &Budget::unlimited()).expect("parses");
        let named = |tag: &str| -> Vec<usize> {
            (0..dom.nodes.len())
                .filter(|&i| dom.element(i).is_some_and(|e| &*e.name == tag))
                .collect()
        };
        let articles = named("article");
        let (div, section) = (named("div")[0], named("section")[0]);
        assert!(related_articles(&dom, div, &articles[1..4]));
        assert!(!related_articles(&dom, section, &articles[4..]));
        // A list of articles' items are no articles within an article.
        assert!(!related_articles(&dom, div, &[div]));
    }

    #[test]
    fn list_items_mostly_marked_by_their_own_tokens_keep_them() {
        // One shared token against two of its own: the item's markup is
        // its own.
        let html = r#"<ul>
            <li class="entry red round" id="a1">x</li>
            <li class="entry blue square" id="b1">x</li>
            <li class="entry green oval" id="c1">x</li>
        </ul>"#;
        assert_eq!(groups_of(html).len(), 3);
    }

    #[test]
    fn layout_columns_keep_all_their_tokens() {
        // Only list items are items by their tag: a grid's columns sharing
        // a column class are the page's layout, not a series.
        let html = r#"<main>
            <div class="col wide gallery" id="a1">x</div>
            <div class="col wide specs" id="b1">x</div>
            <div class="col wide reviews" id="c1">x</div>
        </main>"#;
        assert_eq!(groups_of(html).len(), 3);
    }

    #[test]
    fn ids_and_counters_never_split_a_series() {
        let html = r#"<ul>
            <li class="item post-17" id="a1">x</li>
            <li class="item post-18" id="b1">x</li>
            <li class="item post-19" id="c1">x</li>
        </ul>"#;
        assert_eq!(groups_of(html), vec![vec!["a1", "b1", "c1"]]);
    }
}
