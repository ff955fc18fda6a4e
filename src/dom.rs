//! DOM: parses text with html5ever into a linked arena (see [`sink`]), then
//! flattens it into a compact preorder arena, pruning what is never article text (scripts,
//! styles, embedded media, form controls, hidden elements, ruby annotations)
//! and collecting the page's declared metadata (`<title>`, Open Graph,
//! JSON-LD headline). `<noscript>` content is parsed as markup and kept only
//! when it holds the page (see `reads_noscript`); text is cleaned on the
//! way (see `text`).

mod guard;
mod hidden;
#[doc(hidden)]
pub mod outline;
mod plain_markup;
mod raw_text;
mod sink;
mod svg;
mod text;

use std::borrow::Cow;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, Tokenizer};
use html5ever::tree_builder::{TreeBuilder, TreeSink};
use html5ever::{LocalName, ParseOpts, local_name};

use crate::Error;
use crate::budget::Budget;
use guard::DepthGuard;
use raw_text::RawTextSkipper;
pub use sink::Declarations;
use sink::{ArenaSink, Parsed, SinkData, SinkElement, SinkNode, SinkText, text_chars, text_inside};
pub use text::non_space_chars;

/// Text fed to the parser between two looks at the time budget.
const PARSE_CHUNK_BYTES: usize = 256 * 1024;
/// Text copied at once into one buffer the parser's chunks are views of:
/// one copy and one allocation for a page up to this size, not one per
/// chunk; a larger page is copied this much at a time, so it is not held
/// twice while it is parsed. (A tendril holds under 4 GiB.)
const SHARED_TEXT_BYTES: usize = 4 * 1024 * 1024;
/// Fewest characters of `<noscript>` text read as the page: shorter
/// noscript text is a notice ("Please enable JavaScript"), not content.
const NOSCRIPT_MIN_CHARS: usize = 400;
/// `<noscript>` content is read only when it holds this many times the text
/// of the rest of the page: the scripted view is then an empty shell (a
/// header, a footer), while a noscript copy of a visible article holds
/// about as much text as the article and would double it.
const NOSCRIPT_OVER_VISIBLE: usize = 4;
/// Least share of the page's text that a hidden element must hold to be
/// read as the page hidden until its scripts run (an anti-flicker wrapper
/// shown on hydration), not as a hidden part of it: nothing a reader sees
/// is left outside it but a header, a footer or a notice.
const WRAPPER_MIN_SHARE: f64 = 0.9;
/// Least share of the page's text outside its chrome (`header`, `nav`,
/// `footer`, `aside`) that a hidden element outside the chrome must hold
/// to be read as the page hidden until its scripts run: a shop's header
/// and footer menus can outweigh its product, which a script reveals
/// (a wrapper kept shut until an app has checked the visitor), while a
/// hidden tab or expander beside a visible description holds far less.
const WRAPPER_MIN_CONTENT_SHARE: f64 = 0.75;

/// Sentinel parent of the root node.
pub const NO_PARENT: usize = usize::MAX;

/// Most nodes a page's tree may hold: the sink's links and scoring's
/// per-node tables store node indices in four bytes. A page over it is refused ([`Error::TooManyNodes`]);
/// it would take hundreds of gigabytes first.
pub const MAX_NODES: usize = u32::MAX as usize - 1;

/// Most bytes of text a page may have: its text buffer (the text with
/// cleaned copies of some of it) and its attribute buffer (lower-cased
/// values, which may grow by half) then stay under 4 GiB, so a
/// [`TextSpan`] fits four bytes a bound. A larger page is refused
/// ([`Error::TooLarge`]); pith's default page limit is far below it.
pub const MAX_TEXT_BYTES: usize = u32::MAX as usize / 2;

/// An index of a page's nodes or elements, or none, in four bytes (a page
/// holds at most [`MAX_NODES`] nodes): the sink's links and scoring's
/// per-node tables are made of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SmallIndex(u32);

impl SmallIndex {
    pub const NONE: SmallIndex = SmallIndex(u32::MAX);

    /// `index`; none when it does not fit (a page that large is refused).
    pub fn new(index: usize) -> Self {
        u32::try_from(index).map_or(Self::NONE, SmallIndex)
    }

    pub fn get(self) -> Option<usize> {
        (self != Self::NONE).then_some(self.0 as usize)
    }

    /// Its four bytes.
    fn raw(self) -> u32 {
        self.0
    }
}

/// The pruned page as a preorder arena: a node's subtree is the index
/// range `index..node.end`, and every child has a larger index than its parent.
#[derive(Debug, Default)]
pub struct Dom {
    pub nodes: Vec<Node>,
    /// The elements, each at the index its [`NodeKind::Element`] gives (one
    /// vector per page, no allocation per element; elements pruned from
    /// the tree may stay in it, unreferenced).
    pub elements: Vec<ElementFacts>,
    /// The elements' strings, each a [`TextSpan`] of it (one buffer per
    /// page, no allocation per element).
    pub attributes: String,
    /// The text of the text nodes, each a [`TextSpan`] of it (one buffer
    /// per page, no allocation per node).
    pub text: String,
    pub meta: PageMeta,
}

/// One element or text node of the arena, in 16 bytes (node and element
/// indices fit four bytes: [`MAX_NODES`]; see [`Node::kind`] for its data).
#[derive(Debug)]
pub struct Node {
    parent: SmallIndex,
    /// One past the last index of this node's subtree.
    end: u32,
    /// A text node's span (start, end), or [`ELEMENT_MARK`] and an
    /// element's index: a span never starts there, as a page's text
    /// buffer stays under 4 GiB ([`MAX_TEXT_BYTES`]).
    data: [u32; 2],
}

/// What stands first in an element node's data, where a text node's span
/// starts.
const ELEMENT_MARK: u32 = u32::MAX;

/// A node's size: the arena holds one per node of the page.
const _: () = assert!(std::mem::size_of::<Node>() == 16);

impl Node {
    fn new(parent: usize, end: usize, kind: NodeKind) -> Node {
        let data = match kind {
            NodeKind::Element(element) => [ELEMENT_MARK, element.raw()],
            NodeKind::Text(span) => [span.start, span.end],
        };
        Node {
            parent: SmallIndex::new(parent),
            end: four_bytes(end),
            data,
        }
    }

    /// What the node is: an element (its index in [`Dom::elements`]) or
    /// text (its span of [`Dom::text`]).
    pub fn kind(&self) -> NodeKind {
        match self.data {
            [ELEMENT_MARK, element] => NodeKind::Element(SmallIndex(element)),
            [start, end] => NodeKind::Text(TextSpan { start, end }),
        }
    }

    /// Its index in [`Dom::elements`], if it is an element.
    pub fn element(&self) -> Option<usize> {
        match self.kind() {
            NodeKind::Element(element) => element.get(),
            NodeKind::Text(_) => None,
        }
    }

    /// Its parent's index; [`NO_PARENT`] for the root.
    pub fn parent(&self) -> usize {
        self.parent.get().unwrap_or(NO_PARENT)
    }

    /// One past the last index of this node's subtree.
    pub fn end(&self) -> usize {
        self.end as usize
    }
}

#[derive(Debug, Clone, Copy)]
pub enum NodeKind {
    /// Its index in [`Dom::elements`].
    Element(SmallIndex),
    /// Its text in [`Dom::text`].
    Text(TextSpan),
}

/// Where a string lies in one of its page's buffers (the text of its text
/// nodes, the attribute strings of its elements), in bytes: four bytes
/// each, as those buffers stay under 4 GiB (see [`MAX_TEXT_BYTES`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextSpan {
    start: u32,
    end: u32,
}

impl TextSpan {
    /// The span of `text`, added at the end of `buffer`.
    pub fn push(buffer: &mut String, text: &str) -> TextSpan {
        let start = buffer.len();
        buffer.push_str(text);
        TextSpan::between(start, buffer.len())
    }

    /// The span `start..end`; empty should it not fit four bytes or start
    /// at [`ELEMENT_MARK`] (a page's buffers never grow that large).
    fn between(start: usize, end: usize) -> TextSpan {
        match (u32::try_from(start), u32::try_from(end)) {
            (Ok(start), Ok(end)) if start != ELEMENT_MARK => TextSpan { start, end },
            _ => TextSpan::default(),
        }
    }

    /// Whether the span ends where `buffer` does.
    pub fn ends_at_end_of(self, buffer: &str) -> bool {
        self.end as usize == buffer.len()
    }

    /// The span, run on to the end of `buffer`.
    pub fn extended_to_end_of(self, buffer: &str) -> TextSpan {
        TextSpan::between(self.start as usize, buffer.len())
    }

    /// The span's text in `buffer` (empty should it lie outside).
    pub fn of(self, buffer: &str) -> &str {
        buffer
            .get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }
}

/// The parts of an element that extraction reads, as the arena stores
/// them: its strings are spans of the page's attribute buffer
/// ([`Dom::attributes`]), read through [`Element`].
#[derive(Debug)]
pub struct ElementFacts {
    pub name: LocalName,
    /// Where its strings end in the attribute buffer, one after another,
    /// in the order of [`ElementString`]: the first starts where the
    /// element before ends its own (each element adds its strings as it is
    /// made), each other where the one before it ends.
    ends: [u32; ElementString::COUNT],
    /// Yes-or-no facts, bits of [`Flags`].
    flags: u8,
}

/// The strings of an element, in the order [`ElementFacts::ends`] holds them.
#[derive(Clone, Copy)]
enum ElementString {
    /// Lower-cased `role` value.
    Role,
    /// Lower-cased `itemprop` value.
    Itemprop,
    /// Lower-cased `class` and `id` values, space separated.
    Hints,
    /// What the element points to: an `<a>`'s `href`, an `<img>`'s `src`
    /// (see [`Flags::HAS_URL`]); an `<ol>`'s `start` number, in digits
    /// (see [`Flags::HAS_START`]: an `<ol>` points nowhere).
    Url,
    /// An `<img>`'s `alt` text.
    Alt,
}

impl ElementString {
    const COUNT: usize = ElementString::Alt as usize + 1;
}

/// The bits of [`ElementFacts::flags`].
struct Flags;

impl Flags {
    /// An `<a>` with an `href`.
    const IS_LINK: u8 = 1;
    /// A link to a place on the same page (an `href` of a bare `#fragment`):
    /// a heading's permalink, a table of contents entry, a footnote mark.
    const IN_PAGE: u8 = 2;
    /// Hidden in the markup (an accordion's answer, a closed tab) and kept
    /// for the prose it holds; its descendants are not marked.
    const HIDDEN: u8 = 4;
    /// An `<a>` with an `href` or an `<img>` with a `src` (which may be empty).
    const HAS_URL: u8 = 8;
    /// An `<ol>` with a valid `start` number.
    const HAS_START: u8 = 16;
}

/// An element's facts' size: the arena holds one per element of the page.
const _: () = assert!(std::mem::size_of::<ElementFacts>() <= 32);

impl ElementFacts {
    fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    /// An `<a>` with an `href`.
    pub fn is_link(&self) -> bool {
        self.has(Flags::IS_LINK)
    }

    /// A link to a place on the same page (an `href` of a bare `#fragment`).
    pub fn in_page(&self) -> bool {
        self.has(Flags::IN_PAGE)
    }

    /// Hidden in the markup (an accordion's answer, a closed tab) and kept
    /// for the prose it holds; its descendants are not marked.
    pub fn hidden(&self) -> bool {
        self.has(Flags::HIDDEN)
    }

    /// Marks the element hidden in the markup, or not.
    fn set_hidden(&mut self, hidden: bool) {
        self.flags = if hidden {
            self.flags | Flags::HIDDEN
        } else {
            self.flags & !Flags::HIDDEN
        };
    }

    /// Where its strings end in the attribute buffer (where the next
    /// element's begin).
    fn end(&self) -> u32 {
        self.ends[ElementString::COUNT - 1]
    }

    /// The span of one of its strings in the attribute buffer, its strings
    /// beginning at `begin`.
    fn span(&self, begin: u32, string: ElementString) -> TextSpan {
        let at = string as usize;
        let start = at.checked_sub(1).map_or(begin, |before| self.ends[before]);
        TextSpan::between(start as usize, self.ends[at] as usize)
    }
}

/// An element of the arena, with its strings: what extraction reads of it.
#[derive(Debug, Clone, Copy)]
pub struct Element<'a> {
    facts: &'a ElementFacts,
    /// Where its strings begin in `attributes`.
    begin: u32,
    attributes: &'a str,
}

impl std::ops::Deref for Element<'_> {
    type Target = ElementFacts;

    fn deref(&self) -> &ElementFacts {
        self.facts
    }
}

impl<'a> Element<'a> {
    /// Its tag name (as [`ElementFacts::name`], for as long as the arena).
    pub fn tag(self) -> &'a LocalName {
        &self.facts.name
    }

    fn string(self, string: ElementString) -> &'a str {
        self.facts.span(self.begin, string).of(self.attributes)
    }

    /// An `<ol>`'s `start` number, when it has a valid one.
    pub fn start(self) -> Option<u32> {
        self.facts
            .has(Flags::HAS_START)
            .then(|| self.string(ElementString::Url).parse().ok())
            .flatten()
    }

    /// Lower-cased `class` and `id` values, space separated.
    pub fn hints(self) -> &'a str {
        self.string(ElementString::Hints)
    }

    /// Lower-cased `role` value.
    pub fn role(self) -> &'a str {
        self.string(ElementString::Role)
    }

    /// Lower-cased `itemprop` value.
    pub fn itemprop(self) -> &'a str {
        self.string(ElementString::Itemprop)
    }

    /// Where the element points, as the page writes it (trimmed): an
    /// `<a>`'s `href`, an `<img>`'s `src`.
    pub fn url(self) -> Option<&'a str> {
        self.facts
            .has(Flags::HAS_URL)
            .then(|| self.string(ElementString::Url))
    }

    /// An `<img>`'s `alt` text (trimmed).
    pub fn alt(self) -> &'a str {
        self.string(ElementString::Alt)
    }

    /// `<main>` or `role=main`: what the page itself declares its main content.
    pub fn is_main_landmark(self) -> bool {
        self.name == local_name!("main") || self.role() == "main"
    }

    /// `<html>` or `<body>`: the whole page, whatever its class says.
    pub fn is_page_root(self) -> bool {
        is_page_root(&self.name)
    }
}

/// Where a link or an image points, as output writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub url: String,
    /// An image's `alt` text.
    pub alt: String,
}

/// Metadata the page declares about itself in its `<head>`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PageMeta {
    /// The `<title>` element's text.
    pub title: Option<String>,
    /// `og:title` or `twitter:title`.
    pub og_title: Option<String>,
    /// `og:site_name`.
    pub site_name: Option<String>,
    /// Everything else the page declares: meta tags, JSON-LD, language,
    /// canonical URL, times.
    pub declarations: Declarations,
}

impl Dom {
    /// The element at `index`, if that node is an element.
    pub fn element(&self, index: usize) -> Option<Element<'_>> {
        let element = self.nodes.get(index)?.element()?;
        Some(Element {
            facts: self.elements.get(element)?,
            begin: strings_begin(&self.elements, element),
            attributes: &self.attributes,
        })
    }

    /// The text at `index`, if that node is a text node.
    pub fn text(&self, index: usize) -> Option<&str> {
        match self.nodes.get(index)?.kind() {
            NodeKind::Text(span) => Some(span.of(&self.text)),
            NodeKind::Element(_) => None,
        }
    }

    /// Indices of the node's ancestors, nearest first.
    pub fn ancestors(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        let first = self
            .nodes
            .get(index)
            .map_or(NO_PARENT, |node| node.parent());
        std::iter::successors((first != NO_PARENT).then_some(first), move |&i| {
            let parent = self.nodes[i].parent();
            (parent != NO_PARENT).then_some(parent)
        })
    }

    /// True when `inner` lies inside the subtree of `outer` (or is it).
    pub fn contains(&self, outer: usize, inner: usize) -> bool {
        outer <= inner && inner < self.nodes[outer].end()
    }
}

/// Whether the parser takes its shortcuts: raw-text bodies that are never
/// read skipped ([`raw_text`]) and plain markup read with byte searches
/// ([`plain_markup`]). Always on, but for checking that they change nothing
/// against html5ever's own tokenizing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcuts {
    On,
    Off,
}

/// Parses decoded page text into a pruned arena, nesting capped at
/// [`guard::MAX_DEPTH`] levels.
pub fn parse(text: &str, budget: &Budget) -> Result<Dom, Error> {
    parse_with(text, budget, Shortcuts::On)
}

/// Like [`parse`], with the parser's shortcuts or without (the same arena
/// either way: see [`Shortcuts`]).
pub fn parse_with(text: &str, budget: &Budget, shortcuts: Shortcuts) -> Result<Dom, Error> {
    Ok(parse_tree(text, budget, shortcuts)?.flatten())
}

/// A page as the tree builder left it, not yet walked into its [`Dom`]:
/// it holds its own copy of the text, so the page's bytes can be freed
/// before the walk (on a large page, the walk is where memory peaks).
pub struct Tree(Parsed);

impl Tree {
    /// The page's [`Dom`].
    pub fn flatten(self) -> Dom {
        flatten(self.0)
    }
}

/// Parses `text` into a [`Tree`], as [`parse_with`] does before its walk.
pub fn parse_tree(text: &str, budget: &Budget, shortcuts: Shortcuts) -> Result<Tree, Error> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(Error::TooLarge {
            size: Some(text.len() as u64),
            limit: MAX_TEXT_BYTES,
        });
    }
    let parsed = parse_into_arena(text, budget, shortcuts)?;
    budget.check()?;
    if parsed.nodes.len() > MAX_NODES {
        return Err(Error::TooManyNodes {
            nodes: parsed.nodes.len(),
        });
    }
    Ok(Tree(parsed))
}

/// html5ever's tokenizer and tree builder into the arena sink.
fn parse_into_arena(text: &str, budget: &Budget, shortcuts: Shortcuts) -> Result<Parsed, Error> {
    parse_into(text, budget, ArenaSink::for_text(text), shortcuts)
}

/// html5ever's tokenizer and tree builder into any tree sink, with the
/// shortcuts and the depth guard between them, fed in chunks so
/// the budget is looked at as parsing goes.
pub(crate) fn parse_into<S: TreeSink>(
    text: &str,
    budget: &Budget,
    sink: S,
    shortcuts: Shortcuts,
) -> Result<S::Output, Error> {
    let mut options = ParseOpts::default();
    // As a browser without scripts (a crawler) reads it: `<noscript>` holds
    // markup, not raw text, so the pages that keep their content there can
    // be read; [`flatten`] drops it on every other page.
    options.tree_builder.scripting_enabled = false;
    let builder = TreeBuilder::new(sink, options.tree_builder);
    let queue = BufferQueue::default();
    let skipper = RawTextSkipper::new(DepthGuard::new(builder), text, &queue, shortcuts);
    let tokenizer = Tokenizer::new(skipper, options.tokenizer);
    let mut shared = SharedText::new(SHARED_TEXT_BYTES);
    let mut at = 0;
    while at < text.len() {
        let end = at + text[at..].floor_char_boundary(PARSE_CHUNK_BYTES);
        queue.push_back(shared.chunk(text, at, end));
        tokenizer.sink.fed_to(end);
        // The guard never lets the tokenizer pause, so one feed takes the
        // chunk (or stops early where a skipped body runs past it).
        let _ = tokenizer.feed(&queue);
        at = tokenizer.sink.take_resume().unwrap_or(end);
        budget.check()?;
    }
    tokenizer.end();
    Ok(tokenizer.sink.inner.inner.sink.finish())
}

/// The page's text as the parser is fed it: one shared buffer of up to
/// `block_bytes` (then the next), each chunk a view of it.
struct SharedText {
    block_bytes: usize,
    /// Where the buffer starts in the text, and the buffer.
    buffer: Option<(usize, StrTendril)>,
}

impl SharedText {
    /// `block_bytes` at most [`SHARED_TEXT_BYTES`].
    fn new(block_bytes: usize) -> Self {
        SharedText {
            block_bytes: block_bytes.min(SHARED_TEXT_BYTES),
            buffer: None,
        }
    }

    /// `text[at..end]` (both char boundaries) as a view of the shared
    /// buffer, copying the text from `at` into a new buffer when the
    /// current one does not hold it.
    fn chunk(&mut self, text: &str, at: usize, end: usize) -> StrTendril {
        let held = |(start, buffer): &(usize, StrTendril)| {
            *start <= at && end <= start + buffer.len32() as usize
        };
        if !self.buffer.as_ref().is_some_and(held) {
            self.buffer = None;
        }
        let block_bytes = self.block_bytes;
        let (start, buffer) = self.buffer.get_or_insert_with(|| {
            let len = text[at..].floor_char_boundary(block_bytes.max(end - at));
            (at, StrTendril::from_slice(&text[at..at + len]))
        });
        // Offsets within a buffer of at most SHARED_TEXT_BYTES (or one
        // chunk) fit u32.
        buffer.subtendril((at - *start) as u32, (end - at) as u32)
    }
}

/// One step of the flattening walk. A node's next sibling is pushed as the
/// node is entered, so the stack holds two steps a level of nesting, not
/// every child of a wide node.
enum Step {
    Enter(usize, usize),
    Exit(usize),
}

/// Walks the linked arena iteratively (deep pages must not overflow the
/// stack), moving kept nodes into the preorder arena. Each node is visited
/// at most once, whatever links the tree builder left.
fn flatten(mut parsed: Parsed) -> Dom {
    // The sink's nodes bound the kept ones: one allocation, no regrowth.
    let mut dom = Dom {
        nodes: Vec::with_capacity(parsed.nodes.len()),
        text: String::new(),
        elements: Vec::new(),
        attributes: String::new(),
        meta: PageMeta::default(),
    };
    let text = SinkText {
        buffer: &parsed.text,
        own: &parsed.own_texts,
    };
    unhide_page_wrappers(&mut parsed.nodes, text, &parsed.elements);
    read_meta_tags(&parsed.declarations.meta_tags, &mut dom.meta);
    dom.meta.declarations = std::mem::take(&mut parsed.declarations);
    dom.meta.title = title_text(&parsed.nodes, parsed.sink_text(), parsed.title);
    let keep_noscript = reads_noscript(&parsed);
    let judge = hidden::Judge::for_page(&parsed.nodes, parsed.sink_text());
    // The text stays where the sink wrote it; cleaned text is added after it.
    dom.text = std::mem::take(&mut parsed.text);
    dom.elements = std::mem::take(&mut parsed.elements);
    dom.attributes = std::mem::take(&mut parsed.attributes);
    let mut walk = Walk {
        keep_noscript,
        judge,
        own_texts: &parsed.own_texts,
    };
    let mut visited = vec![false; parsed.nodes.len()];
    let mut stack = Vec::new();
    push_first_child(&mut stack, &parsed.nodes, 0, NO_PARENT);
    while let Some(step) = stack.pop() {
        match step {
            Step::Exit(index) => dom.nodes[index].end = four_bytes(dom.nodes.len()),
            Step::Enter(id, parent) if !std::mem::replace(&mut visited[id], true) => {
                let next = parsed.nodes[id].next();
                if next < parsed.nodes.len() {
                    stack.push(Step::Enter(next, parent));
                }
                enter(
                    &mut dom,
                    &mut parsed.nodes,
                    &mut stack,
                    id,
                    parent,
                    &mut walk,
                );
            }
            Step::Enter(..) => {}
        }
    }
    dom
}

/// Shows the hidden elements that hold [`WRAPPER_MIN_SHARE`] of the page's
/// text (not counting pruned elements and `<noscript>`), or, outside the
/// page's chrome, [`WRAPPER_MIN_CONTENT_SHARE`] of its text outside the
/// chrome: a page hidden whole until its scripts run is the page. One
/// walk of the arena, each node visited once whatever links the tree
/// builder left.
fn unhide_page_wrappers(nodes: &mut [SinkNode], text: SinkText, elements: &[ElementFacts]) {
    let skip = |n: &SinkNode| {
        matches!(&n.data, SinkData::Element(e)
            if e.pruned || *e.name(elements) == local_name!("noscript"))
    };
    if !nodes
        .iter()
        .any(|n| matches!(&n.data, SinkData::Element(e) if e.hidden && !e.pruned))
    {
        return;
    }
    let mut seen = vec![false; nodes.len()];
    let mut order = Vec::new();
    let mut stack = vec![(0usize, NO_PARENT)];
    while let Some((id, parent)) = stack.pop() {
        if std::mem::replace(&mut seen[id], true) || skip(&nodes[id]) {
            continue;
        }
        order.push((id, parent));
        stack.extend(sink::children(nodes, id).map(|child| (child, id)));
    }
    let mut in_chrome = vec![false; nodes.len()];
    for &(id, parent) in &order {
        let chrome = matches!(&nodes[id].data, SinkData::Element(e) if is_chrome(e.name(elements)));
        in_chrome[id] = chrome || parent != NO_PARENT && in_chrome[parent];
    }
    let mut chars = vec![0usize; nodes.len()];
    let mut content = vec![0usize; nodes.len()];
    for &(id, parent) in order.iter().rev() {
        if let Some(text) = nodes[id].data.text(text) {
            chars[id] += non_space_chars(text);
            if !in_chrome[id] {
                content[id] += chars[id];
            }
        }
        if parent != NO_PARENT {
            chars[parent] += chars[id];
            content[parent] += content[id];
        }
    }
    let (total, content_total) = (chars[0] as f64, content[0] as f64);
    for (id, node) in nodes.iter_mut().enumerate() {
        let holds_page = chars[id] > 0 && chars[id] as f64 >= WRAPPER_MIN_SHARE * total
            || !in_chrome[id]
                && content[id] > 0
                && content[id] as f64 >= WRAPPER_MIN_CONTENT_SHARE * content_total;
        if let SinkData::Element(e) = &mut node.data
            && e.hidden
            && !e.pruned
            && holds_page
        {
            e.hidden = false;
        }
    }
    unhide_main_behind_dialog(nodes, &order, &chars);
}

/// The page's chrome around its content: its header, navigation, footer
/// and asides.
fn is_chrome(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("header") | local_name!("nav") | local_name!("footer") | local_name!("aside")
    )
}

/// Shows the page's main landmark (`<main>` or `role=main`) when every one
/// the page has is hidden, with the hidden elements around it: a dialog
/// open when the page was saved (a consent banner, a region picker) hides
/// the page behind it from screen readers with `aria-hidden`, yet the page
/// is on screen and is the content. `order` lists the walked nodes, each
/// after its parent, with the parent; `chars` is each node's text.
fn unhide_main_behind_dialog(nodes: &mut [SinkNode], order: &[(usize, usize)], chars: &[usize]) {
    let mut parent_of = vec![NO_PARENT; nodes.len()];
    let mut shown = vec![false; nodes.len()];
    let mut mains = Vec::new();
    for &(id, parent) in order {
        parent_of[id] = parent;
        let SinkData::Element(e) = &nodes[id].data else {
            shown[id] = parent == NO_PARENT || shown[parent];
            continue;
        };
        shown[id] = !e.hidden && (parent == NO_PARENT || shown[parent]);
        if e.main_landmark {
            mains.push(id);
        }
    }
    if mains.iter().any(|&main| shown[main]) {
        return;
    }
    let Some(&main) = mains
        .iter()
        .filter(|&&m| chars[m] > 0)
        .max_by_key(|&&m| chars[m])
    else {
        return;
    };
    let mut id = main;
    while id != NO_PARENT {
        if let SinkData::Element(e) = &mut nodes[id].data {
            e.hidden = false;
        }
        id = parent_of[id];
    }
}

/// Whether the page's content is in its `<noscript>` elements (the crawler
/// view of a page whose scripted view is empty): their text is long enough
/// to be content and [`NOSCRIPT_OVER_VISIBLE`] times the text outside them.
fn reads_noscript(parsed: &Parsed) -> bool {
    let (nodes, text) = (&parsed.nodes, parsed.sink_text());
    let skip = |e: &SinkElement| {
        e.pruned || e.hidden || *e.name(&parsed.elements) == local_name!("noscript")
    };
    let inside: usize = parsed
        .noscripts
        .iter()
        .map(|&noscript| text_chars(nodes, text, noscript, skip))
        .sum();
    inside >= NOSCRIPT_MIN_CHARS
        && inside > text_chars(nodes, text, 0, skip) * NOSCRIPT_OVER_VISIBLE
}

/// Pushes the first child of `id` (entering it pushes the next).
fn push_first_child(stack: &mut Vec<Step>, nodes: &[SinkNode], id: usize, parent: usize) {
    let child = nodes[id].first_child();
    if child < nodes.len() {
        stack.push(Step::Enter(child, parent));
    }
}

/// What the flattening walk reads besides the two arenas.
struct Walk<'a> {
    /// Whether the page is read from its `<noscript>` elements.
    keep_noscript: bool,
    judge: hidden::Judge,
    /// The sink's own copies of text (see [`SinkData::OwnText`]).
    own_texts: &'a [String],
}

fn enter(
    dom: &mut Dom,
    nodes: &mut [SinkNode],
    stack: &mut Vec<Step>,
    id: usize,
    parent: usize,
    walk: &mut Walk,
) {
    let hidden = matches!(&nodes[id].data, SinkData::Element(e) if e.hidden && !e.pruned);
    if hidden {
        let text = SinkText {
            buffer: &dom.text,
            own: walk.own_texts,
        };
        if !walk.judge.keeps(nodes, text, &dom.elements, id) {
            return;
        }
    }
    // Each node is entered once, so its data moves out of the linked arena
    // (what is not kept is freed here, as the walk goes).
    match std::mem::replace(&mut nodes[id].data, SinkData::Ignored) {
        SinkData::Text(span) => {
            // Whitespace-only text between two text-free nodes still separates words.
            let span = clean_text(&mut dom.text, span);
            push_node(dom, parent, NodeKind::Text(span));
        }
        SinkData::OwnText(own) => {
            let own = walk.own_texts.get(own as usize).map_or("", String::as_str);
            let span = TextSpan::push(&mut dom.text, &text::clean(own));
            push_node(dom, parent, NodeKind::Text(span));
        }
        SinkData::Element(element) if *element.name(&dom.elements) == local_name!("head") => {}
        SinkData::Element(element)
            if *element.name(&dom.elements) == local_name!("noscript") && !walk.keep_noscript => {}
        SinkData::Element(sink_element @ SinkElement { pruned: false, .. }) => {
            let element = sink_element.element();
            if let Some(kept) = dom.elements.get_mut(element) {
                kept.set_hidden(hidden);
            }
            let index = push_node(dom, parent, NodeKind::Element(SmallIndex::new(element)));
            stack.push(Step::Exit(index));
            push_first_child(stack, nodes, id, index);
        }
        SinkData::Document => push_first_child(stack, nodes, id, parent),
        SinkData::Element(_) | SinkData::Ignored => {}
    }
}

/// The span of the cleaned text of `span` (see [`text::clean`]): the same
/// span when cleaning changes nothing, else the cleaned text added to the
/// buffer.
fn clean_text(buffer: &mut String, span: TextSpan) -> TextSpan {
    match text::clean(span.of(buffer)) {
        Cow::Borrowed(_) => span,
        Cow::Owned(cleaned) => TextSpan::push(buffer, &cleaned),
    }
}

/// A count or offset of a page's nodes, elements or text in four bytes:
/// they fit ([`MAX_NODES`], [`MAX_TEXT_BYTES`]), so the cap at `u32::MAX`
/// is never reached.
pub(crate) fn four_bytes(count: usize) -> u32 {
    u32::try_from(count).unwrap_or(u32::MAX)
}

fn push_node(dom: &mut Dom, parent: usize, data: NodeKind) -> usize {
    let index = dom.nodes.len();
    dom.nodes.push(Node::new(parent, index + 1, data));
    index
}

fn attr(attrs: &[html5ever::Attribute], name: LocalName) -> Option<&str> {
    attrs
        .iter()
        .find(|a| a.name.local == name)
        .map(|a| &*a.value)
}

/// Where the strings of element `element` of `elements` begin in the
/// attribute buffer: where those of the element before end.
fn strings_begin(elements: &[ElementFacts], element: usize) -> u32 {
    element
        .checked_sub(1)
        .and_then(|before| elements.get(before))
        .map_or(0, ElementFacts::end)
}

impl ElementFacts {
    /// The facts extraction reads, taken from an element's attributes, its
    /// strings added to `buffer`.
    fn from_attributes(
        name: LocalName,
        attrs: &[html5ever::Attribute],
        buffer: &mut String,
    ) -> ElementFacts {
        let start = (name == local_name!("ol"))
            .then(|| {
                attr(attrs, local_name!("start"))?
                    .trim()
                    .parse::<u32>()
                    .ok()
            })
            .flatten();
        let href = (name == local_name!("a"))
            .then(|| attr(attrs, local_name!("href")))
            .flatten();
        let url = match name {
            local_name!("img") => attr(attrs, local_name!("src")),
            _ => href,
        };
        let alt = match url {
            Some(_) => attr(attrs, local_name!("alt")).unwrap_or_default().trim(),
            None => "",
        };
        let lower = |n: LocalName, buffer: &mut String| {
            if let Some(value) = attr(attrs, n) {
                push_lowercase(buffer, value);
            }
        };
        // Each string is added in its order, and where it ends is noted.
        let mut ends = [0; ElementString::COUNT];
        let mut end = |string: ElementString, buffer: &String| {
            ends[string as usize] = four_bytes(buffer.len());
        };
        lower(local_name!("role"), buffer);
        end(ElementString::Role, buffer);
        lower(local_name!("itemprop"), buffer);
        end(ElementString::Itemprop, buffer);
        push_lower_hints(attrs, buffer);
        end(ElementString::Hints, buffer);
        match start {
            Some(number) => buffer.push_str(&number.to_string()),
            None => buffer.push_str(url.unwrap_or_default().trim()),
        }
        end(ElementString::Url, buffer);
        buffer.push_str(alt);
        end(ElementString::Alt, buffer);
        let flags = [
            (href.is_some(), Flags::IS_LINK),
            (
                href.is_some_and(|h| h.trim().starts_with('#')),
                Flags::IN_PAGE,
            ),
            (url.is_some(), Flags::HAS_URL),
            (start.is_some(), Flags::HAS_START),
        ]
        .iter()
        .filter(|(set, _)| *set)
        .fold(0, |flags, (_, flag)| flags | flag);
        ElementFacts { name, ends, flags }
    }
}

/// An element's lower-cased `class` and `id` values, space separated,
/// added to `buffer`.
fn push_lower_hints(attrs: &[html5ever::Attribute], buffer: &mut String) {
    if let Some(class) = attr(attrs, local_name!("class")) {
        push_lowercase(buffer, class);
    }
    if let Some(id) = attr(attrs, local_name!("id")).filter(|id| !id.is_empty()) {
        buffer.push(' ');
        push_lowercase(buffer, id);
    }
}

/// `value` lower-cased, added to `buffer` (ASCII in place, without a copy
/// of its own).
fn push_lowercase(buffer: &mut String, value: &str) {
    if value.is_ascii() {
        let start = buffer.len();
        buffer.push_str(value);
        buffer[start..].make_ascii_lowercase();
    } else {
        buffer.push_str(&value.to_lowercase());
    }
}

/// Elements whose text the arena sink drops as it arrives: pruned ones,
/// but for JSON-LD scripts and titles, whose text is metadata.
pub(crate) fn drops_text(name: &LocalName, attrs: &[html5ever::Attribute]) -> bool {
    text_dropped(name, is_pruned(name, attrs), sink::is_json_ld(name, attrs))
}

/// [`drops_text`], from what the sink has already worked out.
fn text_dropped(name: &LocalName, pruned: bool, json_ld: bool) -> bool {
    pruned && !json_ld && *name != local_name!("title")
}

/// Elements whose content is never article text: hidden ones too, unless
/// they may be kept for their prose (see [`hidden`]).
fn is_pruned(name: &LocalName, attrs: &[html5ever::Attribute]) -> bool {
    let never_text = matches!(
        *name,
        local_name!("script")
            | local_name!("style")
            | local_name!("template")
            | local_name!("svg")
            | local_name!("canvas")
            | local_name!("iframe")
            | local_name!("object")
            | local_name!("embed")
            | local_name!("video")
            | local_name!("audio")
            | local_name!("map")
            | local_name!("input")
            | local_name!("select")
            | local_name!("option")
            | local_name!("textarea")
            | local_name!("button")
            | local_name!("dialog")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("title")
            // Ruby annotations (readings over Japanese and Chinese base text)
            // and the parentheses around them.
            | local_name!("rt")
            | local_name!("rp")
            | local_name!("rtc")
            // MathML keeps the text of its tokens, as browsers render it;
            // annotations are other encodings of the formula (TeX source).
            | local_name!("annotation")
            | local_name!("annotation-xml")
    );
    // The page's roots are never pruned for being hidden: a page hidden
    // whole until its scripts run is the page (see [`unhide_page_wrappers`]),
    // and the tree builder adds the attributes of a later `<html>` or
    // `<body>` tag to them after their text has arrived.
    never_text || !is_page_root(name) && hidden::is_hidden(attrs) && !hidden::may_show(name, attrs)
}

/// `<html>` or `<body>`: the whole page.
fn is_page_root(name: &LocalName) -> bool {
    matches!(*name, local_name!("html") | local_name!("body"))
}

/// The text of the document's first `<title>` (normally in the head; a
/// `<noscript>` pixel before it moves it into the body), whitespace normalised.
fn title_text(nodes: &[SinkNode], text: SinkText, title: usize) -> Option<String> {
    nodes.get(title)?;
    let inside = text_inside(nodes, text, title);
    let text = text::clean(&inside);
    Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Open Graph and Twitter titles and the site name, from the `<meta>` tags.
fn read_meta_tags(tags: &[(String, String)], meta: &mut PageMeta) {
    for (key, content) in tags {
        match key.as_str() {
            "og:title" | "twitter:title" if meta.og_title.is_none() => {
                meta.og_title = Some(text::clean(content).into_owned())
            }
            "og:site_name" => meta.site_name = Some(content.clone()),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_page(text: &str) -> Dom {
        parse(text, &Budget::unlimited()).unwrap()
    }

    #[test]
    fn an_element_reads_back_its_strings_and_facts() {
        let dom = parse_page(
            "<a href=' /x ' class='Nav ÄUßER' id='Top' role='Navigation' itemprop='Author'>a</a>\
             <img src='i.png' alt=' Alt text '><a name=anchor>b</a><a href='#top'>c</a>\
             <ol start=' +3'><li class=item>d</li></ol><ol start=x class=plain></ol>",
        );
        let elements: Vec<Element> = (0..dom.nodes.len())
            .filter_map(|i| dom.element(i))
            .filter(|e| matches!(&*e.name, "a" | "img" | "ol" | "li"))
            .collect();
        let [link, image, anchor, in_page, list, item, other_list] = elements[..] else {
            panic!("seven elements, not {}", elements.len());
        };
        // An `<ol>`'s number is kept among its strings, not as a URL; the
        // element after it reads its own strings.
        assert_eq!(
            (list.start(), list.url(), list.hints()),
            (Some(3), None, "")
        );
        assert_eq!((item.hints(), item.start()), ("item", None));
        assert_eq!((other_list.start(), other_list.hints()), (None, "plain"));
        assert_eq!(link.hints(), "nav äußer top");
        assert_eq!((link.role(), link.itemprop()), ("navigation", "author"));
        assert_eq!((link.url(), link.alt()), (Some("/x"), ""));
        assert!(link.is_link() && !link.in_page() && !link.hidden());
        assert_eq!((image.url(), image.alt()), (Some("i.png"), "Alt text"));
        assert!(!image.is_link());
        assert_eq!((anchor.url(), anchor.is_link()), (None, false));
        assert!(in_page.in_page() && in_page.is_link());
        assert_eq!((list.start(), link.start()), (Some(3), None));
    }

    fn texts(dom: &Dom) -> String {
        dom.nodes
            .iter()
            .filter_map(|n| match n.kind() {
                NodeKind::Text(span) => Some(span.of(&dom.text)),
                NodeKind::Element(_) => None,
            })
            .collect()
    }

    #[test]
    fn chunks_are_views_of_shared_buffers_block_by_block() {
        let text = "añb€c𝄞d and more text";
        let mut shared = SharedText::new(6);
        let mut at = 0;
        let mut joined = String::new();
        while at < text.len() {
            let end = at + text[at..].floor_char_boundary(4);
            let chunk = shared.chunk(text, at, end);
            assert_eq!(&*chunk, &text[at..end]);
            joined.push_str(&chunk);
            at = end;
        }
        assert_eq!(joined, text);
        // Text outside the current buffer gets a new one.
        assert_eq!(&*shared.chunk(text, 1, 3), "ñ");
        // A chunk longer than a block gets a buffer of its own.
        assert_eq!(&*SharedText::new(2).chunk(text, 0, 7), &text[..7]);
    }

    #[test]
    fn text_fostered_out_of_a_table_joins_the_text_before_it() {
        // "A" and "C" both go before the table, "C" after "B" was written:
        // the one text node "AC" keeps its own copy.
        let dom = parse_page("<table>A<tr><td>B</td></tr>C</table>");
        assert_eq!(texts(&dom), "ACB");
        let joined = (0..dom.nodes.len()).find_map(|i| dom.text(i));
        assert_eq!(joined, Some("AC"));
        // Text fostered again and again grows that copy, never copied
        // whole again: the page's text stays linear in its size.
        let rows = 2_000;
        let dom = parse_page(&format!(
            "<table>{}</table>",
            "xxxxxxxxxx<tr><td>y</td></tr>".repeat(rows)
        ));
        assert_eq!(texts(&dom).len(), 11 * rows);
        assert!(dom.text.len() <= 2 * 11 * rows, "{} bytes", dom.text.len());
    }

    #[test]
    fn prunes_scripts_controls_and_hidden_elements() {
        let dom = parse_page(
            "<p>a<script>x</script><style>y</style><button>z</button>\
             <span hidden>h</span><span aria-hidden=true>h</span>\
             <span style='display: none'>h</span>b</p>",
        );
        assert_eq!(texts(&dom), "ab");
    }

    #[test]
    fn a_page_hidden_whole_until_its_scripts_run_is_read() {
        // The wrapper holds a form (a search box) and short lines only, so
        // it would not be kept for its prose; holding the page, it is shown.
        let dom = parse_page(
            "<div id=app><div style='visibility:hidden'><form><input></form>\
             <h1>Guide</h1><p>Step one.</p><p>Step two.</p></div>\
             <span>x</span></div>",
        );
        assert_eq!(texts(&dom), "GuideStep one.Step two.x");
        let part = parse_page("<p>Visible text of the page.</p><div hidden><p>Tab</p></div>");
        assert_eq!(texts(&part), "Visible text of the page.");
    }

    #[test]
    fn a_page_whose_root_is_marked_a_hidden_dialog_is_read() {
        // Attributes the page's roots take (on their own tag, or from a
        // later `<html>` or `<body>` tag) never prune the page.
        let body = parse_page("<body aria-modal=true hidden><p>Prose of the page.</p></body>");
        assert_eq!(texts(&body), "Prose of the page.");
        let late = parse_page("<p>Prose first.</p><html role=dialog hidden><body hidden>");
        assert_eq!(texts(&late), "Prose first.");
    }

    #[test]
    fn a_page_hidden_under_its_visible_chrome_is_read() {
        // The header's menu and the footer outweigh a tenth of the page;
        // outside them, the hidden wrapper with its form is all there is.
        let chrome = "<header><nav><a href=/a>Kitchen and dining</a> <a href=/b>Garden and                       outdoor</a> <a href=/c>Lighting and lamps</a></nav></header>";
        let footer = "<footer><a href=/d>Shipping and returns</a></footer>";
        let dom = parse_page(&format!(
            "{chrome}<div style='display:none'><h1>Kettle</h1><form><input></form>\
             <p>Cast iron, enamelled inside.</p></div>{footer}"
        ));
        assert!(texts(&dom).contains("KettleCast iron, enamelled inside."));
        // A hidden tab beside a visible description stays hidden.
        let tab = parse_page(&format!(
            "{chrome}<p>Cast iron, enamelled inside.</p><div style='display:none'>\
             <form><input></form><p>Care: dry after washing.</p></div>{footer}"
        ));
        assert!(!texts(&tab).contains("Care"));
        // A hidden box within the chrome is the chrome's.
        let menu = parse_page(&format!(
            "<header><div hidden><form><input></form><p>Sign in to see your orders, \
             your lists and your saved addresses.</p></div></header><p>Kettle.</p>{footer}"
        ));
        assert!(!texts(&menu).contains("Sign in"));
    }

    #[test]
    fn the_main_landmark_behind_an_open_dialog_is_read_unless_another_is_shown() {
        // The dialog's text keeps the hidden page under the wrapper share,
        // and its form keeps it from being kept for its prose.
        let dialog = "<div role=dialog aria-modal=true><p>We use cookies to measure \
                      the audience of this shop and remember your basket for you.</p></div>";
        let behind = parse_page(&format!(
            "<div aria-hidden=true><main><h1>Kettle</h1><form><input></form>\
             <p>Cast iron.</p></main></div>{dialog}"
        ));
        assert!(texts(&behind).starts_with("KettleCast iron."));
        let role = parse_page(&format!(
            "<div role=main aria-hidden=true><p>Cast iron.</p><input></div>{dialog}"
        ));
        assert!(texts(&role).starts_with("Cast iron."));
        let copy = parse_page(&format!(
            "<main><p>Shown.</p></main><main aria-hidden=true><p>Copy.</p><input></main>{dialog}"
        ));
        assert!(texts(&copy).starts_with("Shown.We use"));
    }

    #[test]
    fn hidden_prose_is_kept_and_marked_and_hidden_boilerplate_is_not() {
        let prose = "Answers to the question come in a sentence long enough to read as prose here.";
        let json = format!(
            "{{{}}}",
            "\"category_name\": \"kitchen_appliances\", ".repeat(8)
        );
        let dom = parse_page(&format!(
            "<p>a</p><div class=panel hidden><p>{prose}</p></div>\
             <div hidden class='cookie-banner'><p>{prose}</p></div>\
             <div role=dialog style='display:none'><p>{prose}</p></div>\
             <div hidden><form><p>{prose}</p><input></form></div>\
             <div aria-hidden=true><p>Short label</p></div>\
             <div hidden>{json}</div>"
        ));
        assert_eq!(texts(&dom), format!("a{prose}"));
        let marked = (0..dom.nodes.len())
            .filter_map(|i| dom.element(i))
            .filter(|e| e.hidden() && e.hints() == "panel");
        assert_eq!(marked.count(), 1);
        let long = prose.repeat(2);
        let copy = parse_page(&format!("<p>{long}</p><div hidden><p>{long}</p></div>"));
        assert_eq!(texts(&copy), long);
    }

    #[test]
    fn a_hidden_table_of_facts_is_kept_and_a_short_or_linked_one_is_not() {
        // The visible text outweighs the hidden tables: no page wrapper.
        let shown = "Cast iron pan, seasoned and ready to use from the first day on.";
        let p = format!("<p>{shown}</p>");
        let row = |k: &str, v: &str| format!("<tr><th>{k}</th><td>{v}</td></tr>");
        let facts = [
            row("Poids", "2 kg"),
            row("Hauteur", "30 cm"),
            row("Couleur", "noir"),
        ];
        let dom = parse_page(&format!(
            "{p}<div class=tab-pane style='display:none'><table>{}</table></div>",
            facts.concat()
        ));
        assert_eq!(
            texts(&dom),
            format!("{shown}Poids2 kgHauteur30 cmCouleurnoir")
        );
        let terms = parse_page(&format!(
            "{p}<div hidden><dl><dt>Gewicht</dt><dd>2 kg</dd><dt>Höhe</dt><dd>30 cm</dd>\
             <dt>Farbe</dt><dd>schwarz</dd></dl></div>"
        ));
        assert_eq!(
            texts(&terms),
            format!("{shown}Gewicht2 kgHöhe30 cmFarbeschwarz")
        );
        let short = parse_page(&format!(
            "{p}<div hidden><table>{}</table></div>",
            facts[..2].concat()
        ));
        assert_eq!(texts(&short), shown);
        let links = parse_page(&format!(
            "{p}<div hidden><table><tr><td><a href=/1>Shoes</a></td></tr>\
             <tr><td><a href=/2>Bags</a></td></tr><tr><td><a href=/3>Hats</a></td></tr></table></div>"
        ));
        assert_eq!(texts(&links), shown);
    }

    #[test]
    fn arena_is_preorder_with_subtree_ends() {
        let dom = parse_page("<div><p>a</p><p>b</p></div>");
        for (i, node) in dom.nodes.iter().enumerate() {
            assert!(node.end() > i && node.end() <= dom.nodes.len());
            if node.parent() != NO_PARENT {
                assert!(dom.contains(node.parent(), i));
            }
        }
    }

    #[test]
    fn head_metadata_is_read() {
        let dom =
            parse_page("<title> A  page </title><meta property='og:title' content='Og'><p>x</p>");
        assert_eq!(dom.meta.title.as_deref(), Some("A page"));
        assert_eq!(dom.meta.og_title.as_deref(), Some("Og"));
    }

    #[test]
    fn deep_nesting_is_capped_and_keeps_its_text() {
        for page in [
            "<div>".repeat(100_000) + "deep",
            "<ul><li>".repeat(60_000) + "deep",
            "<table><tr><td>".repeat(30_000) + "deep",
            "<b><i>".repeat(50_000) + "deep",
        ] {
            let dom = parse_page(&page);
            assert!(texts(&dom).contains("deep"));
            assert!(depth(&dom) <= guard::MAX_DEPTH + 4, "depth {}", depth(&dom));
        }
    }

    #[test]
    fn implied_end_tags_do_not_count_as_nesting() {
        let page = "<p>para".repeat(2_000) + "<ul>" + &"<li>item".repeat(2_000);
        let dom = parse_page(&page);
        let paragraphs = count_named(&dom, "p");
        let items = count_named(&dom, "li");
        assert_eq!((paragraphs, items), (2_000, 2_000));
    }

    #[test]
    fn meta_charset_and_scripts_do_not_stop_parsing() {
        let dom = parse_page(
            "<head><meta charset='utf-8'><script>var a = '<p>';</script></head><p>after</p>",
        );
        assert_eq!(texts(&dom), "after");
    }

    #[test]
    fn inline_styles_that_hide_are_read_in_any_spacing() {
        assert!(hidden::style_hides("color: red; DISPLAY : None"));
        assert!(hidden::style_hides("visibility:hidden"));
        assert!(!hidden::style_hides("display: block; visibility: visible"));
        assert!(!hidden::style_hides("border: none"));
    }

    #[test]
    fn chunk_boundaries_inside_characters_and_tags_are_harmless() {
        let filler = "é".repeat(PARSE_CHUNK_BYTES / 2 - 3);
        let page = format!("<p>{filler}</p><p class='x'>tail</p>");
        let dom = parse_page(&page);
        assert_eq!(texts(&dom), format!("{filler}tail"));
    }

    #[test]
    fn noscript_content_is_read_only_when_the_visible_page_is_nearly_empty() {
        let post =
            "<p>Ein Beitrag mit genug Text, um als Inhalt zu gelten, und noch etwas mehr.</p>";
        let forum = format!(
            "<header><a href=/>Forum</a></header><div id=app></div><noscript>{}</noscript>",
            post.repeat(8)
        );
        assert!(texts(&parse_page(&forum)).contains("Ein Beitrag mit genug Text"));
        let article = format!(
            "{}<noscript><p>Please enable JavaScript to use this site.</p>\
             <img src=pixel.gif></noscript>",
            post.repeat(8)
        );
        assert!(!texts(&parse_page(&article)).contains("JavaScript"));
        let copy = format!("{}<noscript>{}</noscript>", post.repeat(8), post.repeat(8));
        assert_eq!(texts(&parse_page(&copy)).matches("Ein Beitrag").count(), 8);
    }

    #[test]
    fn a_noscript_pixel_in_the_head_keeps_the_title() {
        let dom = parse_page(
            "<head><noscript><img src=pixel.gif></noscript><title>The title</title></head>\
             <body><p>text</p></body>",
        );
        assert_eq!(dom.meta.title.as_deref(), Some("The title"));
        assert_eq!(texts(&dom), "text");
    }

    #[test]
    fn streamed_segments_are_kept_though_hidden() {
        let dom = parse_page(
            "<p>a</p><div hidden id='S:0'><p>b</p></div><div hidden id='S:1f'>c</div>\
             <div hidden id='S:x'>h</div><div hidden id='menu'>h</div><template id='P:1'>h</template>",
        );
        assert_eq!(texts(&dom), "abc");
    }

    #[test]
    fn ruby_annotations_are_dropped_and_base_text_kept() {
        let dom = parse_page(
            "<p><ruby>漢<rp>(</rp><rt>かん</rt><rp>)</rp>字<rt>じ</rt></ruby>を\
             <ruby><rb>東</rb><rb>京</rb><rtc><rt>とう</rt><rt>きょう</rt></rtc></ruby></p>",
        );
        assert_eq!(texts(&dom), "漢字を東京");
    }

    #[test]
    fn mathml_keeps_its_rendered_text_without_annotations() {
        let dom = parse_page(
            "<p>so <math alttext='x=3'><semantics><mi>x</mi><mo>=</mo><mn>3</mn>\
             <annotation encoding='application/x-tex'>x = 3</annotation></semantics></math>.</p>",
        );
        assert_eq!(texts(&dom), "so x=3.");
    }

    #[test]
    fn text_is_cleaned_of_soft_hyphens_and_zero_width_spaces_and_composed() {
        let dom = parse_page(
            "<title>Typo&shy;graphie</title><p>typo&shy;gra\u{ad}phie www.\u{200b}x.fr \
             e\u{301}te\u{301} 👩\u{200d}💻 ไทย\u{200b}ภาษา</p>",
        );
        assert_eq!(
            texts(&dom),
            "typographie www.x.fr \u{e9}t\u{e9} 👩\u{200d}💻 ไทย\u{200b}ภาษา"
        );
        assert_eq!(dom.meta.title.as_deref(), Some("Typographie"));
    }

    fn count_named(dom: &Dom, name: &str) -> usize {
        (0..dom.nodes.len())
            .filter_map(|i| dom.element(i))
            .filter(|e| &*e.name == name)
            .count()
    }

    fn depth(dom: &Dom) -> usize {
        (0..dom.nodes.len())
            .map(|i| dom.ancestors(i).count())
            .max()
            .unwrap_or(0)
    }
}
