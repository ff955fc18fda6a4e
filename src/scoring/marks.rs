//! Marks: what the markup alone says about each element (page furniture,
//! `<article>`, the article body), and which nodes lie inside furniture.

use std::ops::Range;

use html5ever::local_name;
use rustc_hash::FxHashMap;

use crate::blocks::Block;
use crate::dom::{Dom, Element, NO_PARENT, Node, SmallIndex, four_bytes};
use crate::lexicon::{self, HintKinds};
use crate::scoring::container::{ProseThreshold, block_value};
use crate::scoring::features::Features;
use crate::scoring::page_type::Declared;
use crate::scoring::tuning::*;
use crate::scoring::verdict::MarkedBy;

/// What the markup alone says about an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mark {
    Plain,
    /// Navigation, footers, share bars, comments, related links, …
    Furniture(MarkedBy),
    /// `<article>`: likely, not certainly, the article.
    Article,
    /// `itemprop=articleBody` or a class/id naming the article body.
    Content,
}

/// The marks of every node, and each element's class/id reading.
pub struct Marks<'a> {
    pub marks: PerNode<Mark>,
    pub hints: PerNode<HintKinds>,
    /// For each node, the nearest dialog laid over the page (a consent
    /// banner) at or above it, if any.
    pub dialogs: Nearest<'a>,
    /// Whether the page declares one product, whose own furniture words
    /// (reviews, carousels) mark furniture too.
    pub one_product: bool,
}

/// Marks every element of the page. Pages repeat the same class strings
/// many times: each is classified once. On a page that declares one
/// product, the product page's own furniture words count too; on a page
/// that declares a forum thread, words naming comments do not (its posts
/// are the replies they name).
pub fn mark_page<'a>(dom: &'a Dom, declared: &Declared) -> Marks<'a> {
    let hints = read_hints(dom);
    let mut marks = PerNode::of_elements(dom, Mark::Plain, |i, e| mark(e, &hints[i], declared));
    spare_builder_widgets(dom, &hints, &mut marks);
    // The page's root elements are never dialogs: a class on them is the
    // page's state while a dialog shows ("modal-open",
    // "cookie-banner-visible"), not a dialog holding the page.
    let dialogs = enclosing_index(dom, |i| {
        hints[i].dialog && dom.element(i).is_some_and(|e| !e.is_page_root())
    });
    Marks {
        marks,
        hints,
        dialogs,
        one_product: declared.one_product(),
    }
}

/// A value for each node of a page, each distinct value kept once and
/// each node holding a four-byte index of it: pages repeat the same few
/// class/id readings and marks over thousands of nodes, and a reading
/// takes eighteen bytes, a mark twenty-four.
pub struct PerNode<T> {
    /// The distinct values, in order of first use.
    values: Vec<T>,
    /// Each value's index in `values`.
    known: FxHashMap<T, u32>,
    /// Each node's value, an index of `values`.
    of_node: Vec<u32>,
}

impl<T: Copy + Eq + std::hash::Hash> PerNode<T> {
    fn empty() -> Self {
        PerNode {
            values: Vec::new(),
            known: FxHashMap::default(),
            of_node: Vec::new(),
        }
    }

    /// `of_element` of each element of `dom`, `of_text` of each text node.
    fn of_elements(dom: &Dom, of_text: T, mut of_element: impl FnMut(usize, Element) -> T) -> Self {
        let mut table = PerNode::empty();
        let text = table.index_of(of_text);
        table.of_node = (0..dom.nodes.len())
            .map(|i| match dom.element(i) {
                Some(element) => table.index_of(of_element(i, element)),
                None => text,
            })
            .collect();
        table
    }

    /// The index of `value` in `values`, added if new.
    fn index_of(&mut self, value: T) -> u32 {
        // Most nodes have the first value seen (text nodes, plain
        // elements): they are found without hashing.
        if self.values.first() == Some(&value) {
            return 0;
        }
        *self.known.entry(value).or_insert_with(|| {
            self.values.push(value);
            // No more distinct values than nodes.
            four_bytes(self.values.len() - 1)
        })
    }

    /// Gives node `index` `value` (nothing past the page's nodes).
    fn set(&mut self, index: usize, value: T) {
        let kind = self.index_of(value);
        if let Some(slot) = self.of_node.get_mut(index) {
            *slot = kind;
        }
    }

    /// Every node's value, in node order.
    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.of_node.iter().map(|&kind| &self.values[kind as usize])
    }

    /// Whether any node has `value`.
    pub fn contains(&self, value: &T) -> bool {
        self.known
            .get(value)
            .is_some_and(|kind| self.of_node.contains(kind))
    }
}

impl<T> std::ops::Index<usize> for PerNode<T> {
    type Output = T;

    /// The value of node `index`.
    fn index(&self, index: usize) -> &T {
        &self.values[self.of_node[index] as usize]
    }
}

/// Each node's class/id reading, each distinct class string classified once.
fn read_hints(dom: &Dom) -> PerNode<HintKinds> {
    let mut table = PerNode::empty();
    let no_hints = table.index_of(HintKinds::default());
    let mut readings: FxHashMap<&str, u32> = FxHashMap::default();
    let of_node = (0..dom.nodes.len())
        .map(|i| match dom.element(i) {
            Some(element) => *readings
                .entry(element.hints())
                .or_insert_with(|| table.index_of(lexicon::classify_hints(element.hints()))),
            None => no_hints,
        })
        .collect();
    table.of_node = of_node;
    table
}

/// The class word a page builder gives every block of a page it lays out
/// (SiteOrigin's `so-panel widget`), which a theme also gives sidebar boxes.
const BUILDER_BLOCK_WORD: &str = "widget";

/// Inside the marked article body, a "widget" that is also a cell of the
/// layout grid (its class words say so) is a block the page builder laid
/// the article out in, not a sidebar box (a theme's widget area placed
/// below the text, a donation or related box, is no panel and stays
/// furniture).
fn spare_builder_widgets(dom: &Dom, hints: &PerNode<HintKinds>, marks: &mut PerNode<Mark>) {
    let widget = Mark::Furniture(MarkedBy::Class(BUILDER_BLOCK_WORD));
    if !marks.contains(&widget) {
        return;
    }
    let in_content = enclosing_index(dom, |i| marks[i] == Mark::Content);
    for index in 0..dom.nodes.len() {
        if marks[index] != widget {
            continue;
        }
        let parent = dom.nodes[index].parent();
        let inside_body = parent != NO_PARENT && in_content.get(parent).is_some();
        if inside_body && hints[index].builder_cell {
            marks.set(index, Mark::Plain);
        }
    }
}

fn mark(element: Element, hints: &HintKinds, declared: &Declared) -> Mark {
    let name = &element.name;
    if element
        .itemprop()
        .split_whitespace()
        .any(|p| p == "articlebody")
        || hints.content
    {
        return Mark::Content;
    }
    if *name == local_name!("article") {
        return Mark::Article;
    }
    if element.is_page_root() || *name == local_name!("main") {
        return Mark::Plain;
    }
    let furniture_word = if declared.forum() {
        hints.thread_furniture_word()
    } else {
        hints.furniture_word()
    };
    let box_word = hints
        .box_furniture_word()
        .filter(|_| *name != local_name!("p"));
    furniture_by_markup(element)
        .or(furniture_word.map(MarkedBy::Class))
        .or(box_word.map(MarkedBy::Class))
        .or(hints
            .product_furniture_word()
            .filter(|_| declared.one_product())
            .map(MarkedBy::Class))
        .map_or(Mark::Plain, Mark::Furniture)
}

/// The schema.org properties whose element is furniture beside the
/// article: `author` holds the writer's byline or bio box, never the text.
const FURNITURE_ITEMPROPS: &[&str] = &["author"];

/// Furniture by its tag, ARIA role or microdata property, whatever its
/// class says.
fn furniture_by_markup(element: Element) -> Option<MarkedBy> {
    let tag = match element.name {
        local_name!("nav") => Some("nav"),
        local_name!("footer") => Some("footer"),
        local_name!("aside") => Some("aside"),
        local_name!("menu") => Some("menu"),
        local_name!("figcaption") => Some("figcaption"),
        _ => None,
    };
    tag.map(MarkedBy::Tag)
        .or_else(|| lexicon::furniture_role(element.role()).map(MarkedBy::Role))
        .or_else(|| {
            element.itemprop().split_whitespace().find_map(|property| {
                FURNITURE_ITEMPROPS
                    .iter()
                    .find(|&&furniture| furniture == property)
                    .map(|&furniture| MarkedBy::Itemprop(furniture))
            })
        })
}

/// Furniture is small: an element marked as furniture that holds a large
/// share of the page's prose is unmarked when only its class made it
/// furniture and it holds several paragraphs ("paywall", a wrapper of the
/// article's hidden part), or when its class also names a layout wrapper
/// ("content-with-sidebar"); comment sections, which can outgrow the
/// article, and dialogs over the page (a consent banner on a page of
/// little text) never are.
pub fn spare_large_regions(dom: &Dom, blocks: &[Block], features: &[Features], marks: &mut Marks) {
    let prose = subtree_sums(
        dom,
        blocks.iter().zip(features).map(|(b, f)| {
            let value = block_value(b, f, false, ProseThreshold::Prose);
            (b.owner, value.max(0.0))
        }),
    );
    let paragraphs = count_in_subtrees(dom, blocks, features, Features::linkless_prose);
    let page_prose = prose.first().copied().unwrap_or(0.0);
    for index in 0..dom.nodes.len() {
        let large = page_prose > 0.0 && prose[index] >= LARGE_REGION_SHARE * page_prose;
        if !matches!(marks.marks[index], Mark::Furniture(_)) || !large {
            continue;
        }
        let Some(element) = dom.element(index) else {
            continue;
        };
        let hints = &marks.hints[index];
        let article_like = paragraphs[index] >= ARTICLE_LIKE_MIN_PARAGRAPHS
            && furniture_by_markup(element).is_none();
        if !hints.comments && !hints.dialog && (hints.wrapper || article_like) {
            marks.marks.set(index, Mark::Plain);
        }
    }
}

/// For every element, how many blocks in its subtree match `matches`.
pub fn count_in_subtrees<'a>(
    dom: &'a Dom,
    blocks: &[Block],
    features: &[Features],
    matches: impl Fn(&Features) -> bool,
) -> SubtreeSums<'a> {
    subtree_sums(
        dom,
        blocks
            .iter()
            .zip(features)
            .map(|(b, f)| (b.owner, if matches(f) { 1.0 } else { 0.0 })),
    )
}

/// Per-owner values summed over every subtree, indexed by node. Owners
/// are elements (blocks belong to the element holding them) and text nodes
/// have no subtree, so only elements' sums are kept, a text node's being
/// none: a page has several of these tables at once, and text nodes are
/// half its nodes or more.
pub struct SubtreeSums<'a> {
    nodes: &'a [Node],
    /// Each element's sum, by its index in [`Dom::elements`].
    of_element: Vec<f64>,
}

/// A text node's subtree sum.
const NO_SUM: f64 = 0.0;

impl SubtreeSums<'_> {
    /// The sum over the subtree of node `index`, if the page has that node.
    pub fn get(&self, index: usize) -> Option<&f64> {
        (index < self.nodes.len()).then(|| &self[index])
    }

    /// The sum over the whole page (its first node's subtree), if it has nodes.
    pub fn first(&self) -> Option<&f64> {
        self.get(0)
    }
}

impl std::ops::Index<usize> for SubtreeSums<'_> {
    type Output = f64;

    /// The sum over the subtree of node `index` (none for a text node).
    fn index(&self, index: usize) -> &f64 {
        element_index(self.nodes, index)
            .and_then(|element| self.of_element.get(element))
            .unwrap_or(&NO_SUM)
    }
}

/// The index in [`Dom::elements`] of node `index`, if it is an element.
fn element_index(nodes: &[Node], index: usize) -> Option<usize> {
    nodes.get(index)?.element()
}

/// Sums per-owner values over every subtree (an owner that is no element
/// owns nothing: see [`SubtreeSums`]).
pub fn subtree_sums(dom: &Dom, values: impl Iterator<Item = (usize, f64)>) -> SubtreeSums<'_> {
    let mut of_element = vec![0.0f64; dom.elements.len()];
    for (owner, value) in values {
        if let Some(sum) = element_index(&dom.nodes, owner).and_then(|e| of_element.get_mut(e)) {
            *sum += value;
        }
    }
    for index in (1..dom.nodes.len()).rev() {
        let Some(child) = element_index(&dom.nodes, index) else {
            continue;
        };
        if let Some(parent) = element_index(&dom.nodes, dom.nodes[index].parent()) {
            let child_sum = of_element.get(child).copied().unwrap_or(NO_SUM);
            if let Some(sum) = of_element.get_mut(parent) {
                *sum += child_sum;
            }
        }
    }
    SubtreeSums {
        nodes: &dom.nodes,
        of_element,
    }
}

/// Elements holding a marked article body are never furniture themselves:
/// a page-wide wrapper whose class happens to say "sidebar" must not erase it.
pub fn protect_content_ancestors(dom: &Dom, marks: &PerNode<Mark>) -> Vec<bool> {
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

/// For each node, another node at or above it (the nearest element of a
/// kind, the outermost furniture element) or none. Kept per element, four
/// bytes each ([`SmallIndex`]): a text node reads its parent's, unless its
/// own differs (rare: kept aside).
#[derive(Debug, Clone)]
pub struct Nearest<'a> {
    nodes: &'a [Node],
    of_elements: Vec<SmallIndex>,
    /// The text nodes whose node is not their parent's, with theirs.
    of_texts: FxHashMap<u32, SmallIndex>,
}

impl<'a> Nearest<'a> {
    /// A table of the nodes of `dom`, none with a node above.
    pub fn none(dom: &'a Dom) -> Self {
        Nearest {
            nodes: &dom.nodes,
            of_elements: vec![SmallIndex::NONE; dom.elements.len()],
            of_texts: FxHashMap::default(),
        }
    }

    /// The node at or above `index`, if any.
    #[inline]
    pub fn get(&self, index: usize) -> Option<usize> {
        let node = self.nodes.get(index)?;
        if let Some(element) = node.element() {
            return self.of_elements.get(element)?.get();
        }
        match self.own_text(index) {
            Some(own) => own.get(),
            // A text node's parent is an element (or there is none).
            None => self.of_element_node(node.parent()),
        }
    }

    /// The entry of node `index`, an element (none for a text node).
    #[inline]
    fn of_element_node(&self, index: usize) -> Option<usize> {
        self.of_elements
            .get(element_index(self.nodes, index)?)?
            .get()
    }

    /// The entry of text node `index` when it is not its parent's.
    fn own_text(&self, index: usize) -> Option<SmallIndex> {
        if self.of_texts.is_empty() {
            return None;
        }
        self.of_texts.get(&four_bytes(index)).copied()
    }

    /// The table over the nodes in `range` (none outside it): a node's
    /// entry is `pick(own, inherited)`, `own` the node itself when
    /// `is_one` says it is one, `inherited` its parent's entry.
    fn build(
        dom: &'a Dom,
        range: Range<usize>,
        is_one: impl Fn(usize) -> bool,
        pick: fn(Option<usize>, Option<usize>) -> Option<usize>,
    ) -> Self {
        let mut table = Nearest::none(dom);
        for index in range.clone() {
            let node = &dom.nodes[index];
            let parent = node.parent();
            let inherited = if parent != NO_PARENT && range.contains(&parent) {
                table.of_element_node(parent)
            } else {
                None
            };
            let entry = pick(is_one(index).then_some(index), inherited);
            match node.element() {
                Some(element) => {
                    if let Some(slot) = table.of_elements.get_mut(element) {
                        *slot = entry.map_or(SmallIndex::NONE, SmallIndex::new);
                    }
                }
                None if entry != inherited => {
                    let entry = entry.map_or(SmallIndex::NONE, SmallIndex::new);
                    table.of_texts.insert(four_bytes(index), entry);
                }
                None => {}
            }
        }
        table
    }
}

/// For each node in `start..end`, the outermost furniture element in that
/// range that holds it (none outside furniture and outside the range).
pub fn furniture_regions<'a>(
    dom: &'a Dom,
    marks: &PerNode<Mark>,
    protected: &[bool],
    start: usize,
    end: usize,
) -> Nearest<'a> {
    let is_furniture = |index| matches!(marks[index], Mark::Furniture(_)) && !protected[index];
    // The outermost: what a node inherits comes first.
    Nearest::build(dom, start..end, is_furniture, |own, inherited| {
        inherited.or(own)
    })
}

/// For each node, the nearest element at or above it that `matches`, if any.
pub fn enclosing(dom: &Dom, matches: impl Fn(Element) -> bool) -> Nearest<'_> {
    enclosing_index(dom, |index| dom.element(index).is_some_and(&matches))
}

/// For each node, the nearest node at or above it whose index `matches`, if any.
pub fn enclosing_index(dom: &Dom, matches: impl Fn(usize) -> bool) -> Nearest<'_> {
    // The nearest: the node itself comes first.
    Nearest::build(dom, 0..dom.nodes.len(), matches, Option::or)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::budget::Budget;

    fn parse(html: &str) -> Dom {
        crate::dom::parse(html, &Budget::unlimited()).expect("parses")
    }

    /// The index of the first element named `tag`.
    fn first(dom: &Dom, tag: &str) -> usize {
        (0..dom.nodes.len())
            .find(|&i| dom.element(i).is_some_and(|e| &*e.name == tag))
            .expect("the element")
    }

    #[test]
    fn a_per_node_table_gives_each_node_its_value_and_text_nodes_theirs() {
        let dom = parse("<div class=a><p class=b>x</p><p class=a>y</p></div>");
        let mut classes = PerNode::of_elements(&dom, "text", |_, e| match e.hints() {
            "a" => "a",
            "b" => "b",
            _ => "other",
        });
        let (div, p) = (first(&dom, "div"), first(&dom, "p"));
        assert_eq!(
            (classes[div], classes[p], classes[p + 1]),
            ("a", "b", "text")
        );
        assert_eq!(classes.iter().filter(|&&c| c == "a").count(), 2);
        assert!(classes.contains(&"b") && !classes.contains(&"c"));
        classes.set(p, "c");
        assert!(classes.contains(&"c") && !classes.contains(&"b"));
        assert_eq!(classes.iter().count(), dom.nodes.len());
    }

    #[test]
    fn subtree_sums_add_up_the_elements_below_and_give_text_nodes_none() {
        let dom = parse("<div><p>x</p><section><p>y</p><p>z</p></section></div>");
        let paragraphs: Vec<usize> = (0..dom.nodes.len())
            .filter(|&i| dom.element(i).is_some_and(|e| &*e.name == "p"))
            .collect();
        let text = paragraphs[0] + 1;
        let values = paragraphs.iter().map(|&p| (p, 1.0)).chain([(text, 5.0)]);
        let sums = subtree_sums(&dom, values);
        assert_eq!(sums[first(&dom, "div")], 3.0);
        assert_eq!(sums[first(&dom, "section")], 2.0);
        assert_eq!(sums[paragraphs[0]], 1.0);
        assert_eq!((sums[text], sums.get(dom.nodes.len())), (0.0, None));
        assert_eq!(sums.first(), Some(&3.0));
    }

    #[test]
    fn a_nearest_table_gives_text_nodes_their_parents_entry_unless_their_own() {
        let dom = parse("<div><section><p>x</p><p>y</p></section><p>z</p></div>");
        let section = first(&dom, "section");
        let texts: Vec<usize> = (0..dom.nodes.len())
            .filter(|&i| dom.element(i).is_none())
            .collect();
        let is_section = |i: usize| dom.element(i).is_some_and(|e| &*e.name == "section");
        let in_section = enclosing_index(&dom, is_section);
        assert_eq!(in_section.get(section), Some(section));
        assert_eq!(in_section.get(section + 1), Some(section));
        assert_eq!(in_section.get(texts[0]), Some(section));
        assert_eq!(in_section.get(texts[2]), None);
        assert_eq!(in_section.get(dom.nodes.len()), None);
        // A text node that is its own entry; its sibling keeps its parent's.
        let own_text = enclosing_index(&dom, |i| i == texts[1] || is_section(i));
        assert_eq!(own_text.get(texts[1]), Some(texts[1]));
        assert_eq!(own_text.get(texts[0]), Some(section));
        let protected = vec![false; dom.nodes.len()];
        let furniture = |i: usize| {
            if dom.element(i).is_some_and(|e| &*e.name == "p") {
                Mark::Furniture(MarkedBy::Tag("p"))
            } else {
                Mark::Plain
            }
        };
        let marks = PerNode::of_elements(&dom, Mark::Plain, |i, _| furniture(i));
        // Furniture regions: the outermost furniture element in the range.
        let outermost = furniture_regions(&dom, &marks, &protected, section, dom.nodes.len());
        assert_eq!(outermost.get(texts[0]), Some(section + 1));
        assert_eq!(outermost.get(texts[2]), Some(texts[2] - 1));
        assert_eq!(outermost.get(first(&dom, "div")), None);
    }
}
