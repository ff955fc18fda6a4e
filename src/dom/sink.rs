//! Arena tree sink: html5ever's tree builder writes straight into a linked
//! arena (no reference-counted nodes), reading each element's attributes
//! once, at creation, into the few facts extraction uses. Text goes into
//! one buffer per page, each text node a span of it. Text inside
//! elements that never hold article text (scripts, styles) is dropped as it
//! arrives, comments and doctypes are never linked in, and `<meta>` tags,
//! the first `<title>` and every `<noscript>` are noted as they are created.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::{Attribute, LocalName, QualName, local_name, ns};
use rustc_hash::FxHashMap;

use super::text::non_space_chars;
use super::{Element, ElementFacts, SmallIndex, TextSpan};

/// No node (a missing link).
pub const NONE: usize = usize::MAX;

/// A node handle: its arena index, with the element's name alongside so the
/// tree builder can read it without borrowing the arena (shared, since the
/// tree builder clones handles often).
#[derive(Clone, Debug)]
pub struct Handle {
    id: usize,
    name: Rc<QualName>,
}

/// One node of the linked arena. Its links are node indices in four bytes
/// each (a page's nodes fit `u32`: [`super::MAX_NODES`]); a missing one
/// reads as [`NONE`].
#[derive(Debug)]
pub struct SinkNode {
    parent: SmallIndex,
    first_child: SmallIndex,
    last_child: SmallIndex,
    previous: SmallIndex,
    next: SmallIndex,
    pub data: SinkData,
}

impl SinkNode {
    pub fn parent(&self) -> usize {
        self.parent.get().unwrap_or(NONE)
    }

    pub fn first_child(&self) -> usize {
        self.first_child.get().unwrap_or(NONE)
    }

    pub fn last_child(&self) -> usize {
        self.last_child.get().unwrap_or(NONE)
    }

    pub fn previous(&self) -> usize {
        self.previous.get().unwrap_or(NONE)
    }

    pub fn next(&self) -> usize {
        self.next.get().unwrap_or(NONE)
    }
}

#[derive(Debug)]
pub enum SinkData {
    Document,
    Element(SinkElement),
    /// Its text in [`Parsed::text`].
    Text(TextSpan),
    /// A text node given more text after other text was written (text
    /// the tree builder fosters out of a misnested table): it keeps its
    /// own copy from then on, so more text never copies it again (its
    /// index in [`Parsed::own_texts`]: rare, and an index keeps every node
    /// small).
    OwnText(u32),
    /// Comments and processing instructions: never part of the tree.
    Ignored,
}

/// The text of the sink's text nodes: the page's text buffer and the own
/// copies of text nodes given more text later ([`SinkData::OwnText`]).
#[derive(Clone, Copy)]
pub struct SinkText<'a> {
    pub buffer: &'a str,
    pub own: &'a [String],
}

impl SinkData {
    /// A text node's text.
    pub fn text<'a>(&self, text: SinkText<'a>) -> Option<&'a str> {
        match self {
            SinkData::Text(span) => Some(span.of(text.buffer)),
            SinkData::OwnText(own) => text.own.get(*own as usize).map(String::as_str),
            _ => None,
        }
    }
}

#[derive(Debug)]
pub struct SinkElement {
    /// Its index in [`Parsed::elements`].
    element: SmallIndex,
    /// What the flattening walk reads of it before it is kept or dropped
    /// (its name is in its [`ElementFacts`]: see [`SinkElement::name`]).
    pub is_link: bool,
    pub main_landmark: bool,
    /// Never article text (scripts, styles, media, controls, hidden
    /// dialogs and menus).
    pub pruned: bool,
    /// Hidden in the markup, yet kept when it holds prose (judged as the
    /// arena is flattened).
    pub hidden: bool,
    /// A JSON-LD script, whose text is metadata.
    json_ld: bool,
    /// Text appended to it is dropped (see [`super::drops_text`]).
    pub drops_text: bool,
    mathml_annotation_xml_integration_point: bool,
}

impl SinkElement {
    /// Its index in [`Parsed::elements`].
    pub fn element(&self) -> usize {
        self.element.get().unwrap_or(NONE)
    }

    /// Its tag name, read from `elements` (the page's [`Parsed::elements`]).
    pub fn name<'a>(&self, elements: &'a [ElementFacts]) -> &'a LocalName {
        elements
            .get(self.element())
            .map_or(&NO_NAME, |facts| &facts.name)
    }
}

/// A sink node's size: the arena holds one per node of the page, so it is
/// kept small (an element's name and facts live in [`ElementFacts`]).
const _: () = assert!(std::mem::size_of::<SinkNode>() <= 32);

/// The name of an element missing from its page's elements (never, as
/// each is added as it is created).
static NO_NAME: LocalName = local_name!("");

/// What the tree builder leaves behind.
pub struct Parsed {
    pub nodes: Vec<SinkNode>,
    /// The text of every text node, one after another.
    pub text: String,
    /// The text of text nodes given more text after other text was
    /// written (see [`SinkData::OwnText`]).
    pub own_texts: Vec<String>,
    /// Every element, in creation order (no allocation per element).
    pub elements: Vec<ElementFacts>,
    /// The elements' strings, one after another.
    pub attributes: String,
    pub declarations: Declarations,
    /// The document's first HTML `<title>` ([`NONE`] without one), wherever
    /// the tree builder put it.
    pub title: usize,
    /// Every HTML `<noscript>` element, in creation order.
    pub noscripts: Vec<usize>,
}

impl Parsed {
    /// The text of its text nodes.
    pub fn sink_text(&self) -> SinkText<'_> {
        SinkText {
            buffer: &self.text,
            own: &self.own_texts,
        }
    }
}

/// What the page declares about itself, gathered as elements are created.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Declarations {
    /// `(name, property or itemprop, lower-cased; content)` of every `<meta>`.
    pub meta_tags: Vec<(String, String)>,
    /// The text of every `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    /// `<html lang>`.
    pub lang: Option<String>,
    /// `<link rel="canonical" href>`.
    pub canonical: Option<String>,
    /// `datetime` of every `<time>`, in document order.
    pub times: Vec<String>,
    /// The first `<base href>`: what the page's relative links are relative to.
    pub base: Option<String>,
    /// The distinct microdata types (`itemtype` URLs) of the page's
    /// elements, in document order, at most [`MAX_ITEM_TYPES`].
    pub item_types: Vec<String>,
}

/// Distinct microdata types kept per page: pages use a handful; the cap
/// bounds memory on a page that varies them without end.
const MAX_ITEM_TYPES: usize = 64;

pub struct ArenaSink {
    nodes: RefCell<Vec<SinkNode>>,
    text: RefCell<String>,
    own_texts: RefCell<Vec<String>>,
    /// Each `<template>` element's contents (a document fragment node), by
    /// the element's node: kept aside, as templates are rare.
    templates: RefCell<FxHashMap<usize, usize>>,
    elements: RefCell<Vec<ElementFacts>>,
    attributes: RefCell<String>,
    declarations: RefCell<Declarations>,
    title: Cell<usize>,
    noscripts: RefCell<Vec<usize>>,
    /// The empty name of documents, comments and template contents.
    nameless: Rc<QualName>,
    /// One shared copy of each element name, so that a handle costs no
    /// allocation of its own.
    names: RefCell<FxHashMap<QualName, Rc<QualName>>>,
}

/// Elements the tree builder adds that no tag in the markup starts
/// (`html`, `head`, `body`, `tbody`, …), beyond the tags, in sizing the
/// arena up front.
const IMPLIED_ELEMENTS: usize = 16;

/// Bytes of markup a node takes at the least, in sizing the arena up
/// front: the room reserved is at most the page's bytes over this (over
/// twice this for elements), whatever its count of tags, so that markup
/// with many `<` and few nodes does not reserve gigabytes. A million
/// links take 9 bytes a node; denser markup grows the arena as it fills.
const MIN_BYTES_PER_NODE: usize = 6;

impl ArenaSink {
    /// A sink with room for what a page of `text` will likely make: an
    /// element and a text node per `<`. The arena is then
    /// allocated once, not regrown as it fills: regrowing holds the old
    /// copy and the new at once (on a page of a million links, two
    /// fifths more memory at the peak). Room past what is used is never
    /// touched, so it costs address space, not memory.
    pub fn for_text(text: &str) -> Self {
        let bytes = text.as_bytes();
        // Counted with vector instructions; end tags count too, which
        // reserves more than is used, in address space only.
        let tags = memchr::memchr_iter(b'<', bytes).count();
        let most_nodes = bytes.len() / MIN_BYTES_PER_NODE;
        let elements = tags.min(most_nodes / 2) + IMPLIED_ELEMENTS;
        let mut nodes = Vec::with_capacity((2 * tags).min(most_nodes) + IMPLIED_ELEMENTS);
        nodes.push(new_node(SinkData::Document));
        ArenaSink {
            nodes: RefCell::new(nodes),
            text: RefCell::default(),
            own_texts: RefCell::default(),
            templates: RefCell::default(),
            elements: RefCell::new(Vec::with_capacity(elements)),
            attributes: RefCell::default(),
            declarations: RefCell::default(),
            title: Cell::new(NONE),
            noscripts: RefCell::default(),
            nameless: Rc::new(QualName::new(None, ns!(), local_name!(""))),
            names: RefCell::default(),
        }
    }
}

fn new_node(data: SinkData) -> SinkNode {
    SinkNode {
        parent: SmallIndex::NONE,
        first_child: SmallIndex::NONE,
        last_child: SmallIndex::NONE,
        previous: SmallIndex::NONE,
        next: SmallIndex::NONE,
        data,
    }
}

fn attr(attrs: &[Attribute], name: LocalName) -> Option<&str> {
    attrs
        .iter()
        .find(|a| a.name.local == name)
        .map(|a| &*a.value)
}

impl ArenaSink {
    /// The shared copy of `name`.
    fn shared_name(&self, name: QualName) -> Rc<QualName> {
        self.names
            .borrow_mut()
            .entry(name)
            .or_insert_with_key(|name| Rc::new(name.clone()))
            .clone()
    }

    fn push(&self, data: SinkData) -> usize {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(new_node(data));
        nodes.len() - 1
    }

    /// Whether text appended under `parent` can be thrown away at once.
    fn drops_text(&self, parent: usize) -> bool {
        match self.nodes.borrow().get(parent).map(|n| &n.data) {
            Some(SinkData::Element(e)) => e.drops_text,
            Some(SinkData::Ignored) | None => true,
            _ => false,
        }
    }

    /// Appends to a text node, if `id` is one: in the buffer when its text
    /// is the last there, else to a copy of its own (see
    /// [`SinkData::OwnText`]).
    fn extend_text(&self, id: usize, text: &str) -> bool {
        let mut nodes = self.nodes.borrow_mut();
        let Some(data) = nodes.get_mut(id).map(|n| &mut n.data) else {
            return false;
        };
        let mut buffer = self.text.borrow_mut();
        match data {
            SinkData::Text(span) if span.ends_at_end_of(&buffer) => {
                buffer.push_str(text);
                *span = span.extended_to_end_of(&buffer);
            }
            SinkData::Text(span) => {
                let mut own = span.of(&buffer).to_string();
                own.push_str(text);
                let mut own_texts = self.own_texts.borrow_mut();
                // Fewer own copies than nodes.
                *data = SinkData::OwnText(super::four_bytes(own_texts.len()));
                own_texts.push(own);
            }
            SinkData::OwnText(own) => {
                if let Some(own) = self.own_texts.borrow_mut().get_mut(*own as usize) {
                    own.push_str(text);
                }
            }
            _ => return false,
        }
        true
    }

    /// A new text node's span: `text` added to the buffer.
    fn new_text(&self, text: &str) -> TextSpan {
        TextSpan::push(&mut self.text.borrow_mut(), text)
    }

    fn is_ignored(&self, id: usize) -> bool {
        matches!(
            self.nodes.borrow().get(id).map(|n| &n.data),
            Some(SinkData::Ignored) | None
        )
    }

    /// The node to link for `child` (a new text node for text).
    fn child_node(&self, child: NodeOrText<Handle>) -> usize {
        match child {
            NodeOrText::AppendNode(handle) => handle.id,
            NodeOrText::AppendText(text) => self.push(SinkData::Text(self.new_text(&text))),
        }
    }

    /// Unlinks `id` from its parent and siblings.
    fn detach(&self, id: usize) {
        let mut nodes = self.nodes.borrow_mut();
        let Some(node) = nodes.get(id) else {
            return;
        };
        let (parent, previous, next) = (node.parent(), node.previous(), node.next());
        if parent == NONE {
            return;
        }
        match previous {
            NONE => nodes[parent].first_child = SmallIndex::new(next),
            previous => nodes[previous].next = SmallIndex::new(next),
        }
        match next {
            NONE => nodes[parent].last_child = SmallIndex::new(previous),
            next => nodes[next].previous = SmallIndex::new(previous),
        }
        let node = &mut nodes[id];
        (node.parent, node.previous, node.next) =
            (SmallIndex::NONE, SmallIndex::NONE, SmallIndex::NONE);
    }

    /// Links `id` as the last child of `parent`.
    fn link_last(&self, parent: usize, id: usize) {
        self.detach(id);
        let mut nodes = self.nodes.borrow_mut();
        if parent >= nodes.len() || id >= nodes.len() || parent == id {
            return;
        }
        let last = nodes[parent].last_child();
        match last {
            NONE => nodes[parent].first_child = SmallIndex::new(id),
            last => nodes[last].next = SmallIndex::new(id),
        }
        nodes[parent].last_child = SmallIndex::new(id);
        let node = &mut nodes[id];
        (node.parent, node.previous) = (SmallIndex::new(parent), SmallIndex::new(last));
    }

    /// Links `id` just before `sibling`, under the sibling's parent.
    fn link_before(&self, sibling: usize, id: usize) {
        self.detach(id);
        let mut nodes = self.nodes.borrow_mut();
        let Some(parent) = nodes.get(sibling).map(SinkNode::parent) else {
            return;
        };
        if parent == NONE || id >= nodes.len() || id == sibling {
            return;
        }
        let previous = nodes[sibling].previous();
        match previous {
            NONE => nodes[parent].first_child = SmallIndex::new(id),
            previous => nodes[previous].next = SmallIndex::new(id),
        }
        nodes[sibling].previous = SmallIndex::new(id);
        let node = &mut nodes[id];
        (node.parent, node.previous, node.next) = (
            SmallIndex::new(parent),
            SmallIndex::new(previous),
            SmallIndex::new(sibling),
        );
    }

    /// Records what a `<meta>`, `<html>`, `<link>` or `<time>` declares,
    /// and any element's microdata type.
    fn read_declaration(&self, name: &LocalName, attrs: &[Attribute]) {
        let mut declarations = self.declarations.borrow_mut();
        let value = |name| attr(attrs, name).map(|v| v.trim().to_string());
        for item_type in attr(attrs, local_name!("itemtype"))
            .unwrap_or_default()
            .split_ascii_whitespace()
        {
            let known = declarations.item_types.iter().any(|t| t == item_type);
            if !known && declarations.item_types.len() < MAX_ITEM_TYPES {
                declarations.item_types.push(item_type.to_string());
            }
        }
        match *name {
            local_name!("meta") => {
                let key = attr(attrs, local_name!("property"))
                    .or_else(|| attr(attrs, local_name!("name")))
                    .or_else(|| attr(attrs, local_name!("itemprop")))
                    .or_else(|| attr(attrs, local_name!("http-equiv")));
                if let (Some(key), Some(content)) = (key, value(local_name!("content"))) {
                    let key = key.trim().to_ascii_lowercase();
                    declarations.meta_tags.push((key, content));
                }
            }
            local_name!("html") if declarations.lang.is_none() => {
                declarations.lang = value(local_name!("lang")).filter(|l| !l.is_empty());
            }
            local_name!("link") if declarations.canonical.is_none() => {
                let rel = attr(attrs, local_name!("rel")).unwrap_or_default();
                if rel
                    .split_ascii_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("canonical"))
                {
                    declarations.canonical = value(local_name!("href"));
                }
            }
            local_name!("time") => declarations.times.extend(value(local_name!("datetime"))),
            local_name!("base") if declarations.base.is_none() => {
                declarations.base = value(local_name!("href"));
            }
            _ => {}
        }
    }
}

/// The children of `id`, first to last; a walk never longer than the arena,
/// whatever links the tree builder left.
pub fn children(nodes: &[SinkNode], id: usize) -> impl Iterator<Item = usize> + '_ {
    let first = nodes.get(id).map_or(NONE, SinkNode::first_child);
    std::iter::successors(Some(first), |&child| nodes.get(child).map(SinkNode::next))
        .take_while(|&child| child != NONE && child < nodes.len())
        .take(nodes.len())
}

/// The text nodes directly inside `id`, joined (a script or a title holds
/// nothing else).
pub fn text_inside(nodes: &[SinkNode], text: SinkText, id: usize) -> String {
    children(nodes, id)
        .filter_map(|child| nodes[child].data.text(text))
        .collect()
}

/// Characters other than whitespace in the text under `root`, leaving out
/// the subtrees of the elements below it that `skip` turns away; a walk
/// never longer than the arena, whatever links the tree builder left.
pub fn text_chars(
    nodes: &[SinkNode],
    text: SinkText,
    root: usize,
    skip: impl Fn(&SinkElement) -> bool,
) -> usize {
    let mut count = 0;
    let mut stack: Vec<usize> = children(nodes, root).collect();
    let mut steps = 0;
    while let Some(id) = stack.pop()
        && steps < nodes.len()
    {
        steps += 1;
        match &nodes[id].data {
            SinkData::Element(element) if !skip(element) => stack.extend(children(nodes, id)),
            data => count += data.text(text).map_or(0, non_space_chars),
        }
    }
    count
}

/// A `<script type="application/ld+json">`, whose text is metadata.
pub(crate) fn is_json_ld(name: &LocalName, attrs: &[Attribute]) -> bool {
    *name == local_name!("script")
        && attr(attrs, local_name!("type"))
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
}

impl TreeSink for ArenaSink {
    type Handle = Handle;
    type Output = Parsed;
    type ElemName<'a> = &'a QualName;

    fn finish(self) -> Parsed {
        Parsed {
            nodes: self.nodes.into_inner(),
            text: self.text.into_inner(),
            own_texts: self.own_texts.into_inner(),
            elements: self.elements.into_inner(),
            attributes: self.attributes.into_inner(),
            declarations: self.declarations.into_inner(),
            title: self.title.get(),
            noscripts: self.noscripts.into_inner(),
        }
    }

    fn parse_error(&self, _message: Cow<'static, str>) {}

    fn get_document(&self) -> Handle {
        Handle {
            id: 0,
            name: self.nameless.clone(),
        }
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> &'a QualName {
        &target.name
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        self.read_declaration(&name.local, &attrs);
        let template_contents = flags.template.then(|| self.push(SinkData::Document));
        let pruned = super::is_pruned(&name.local, &attrs);
        let json_ld = is_json_ld(&name.local, &attrs);
        let mut attributes = self.attributes.borrow_mut();
        let begin = super::four_bytes(attributes.len());
        let facts = ElementFacts::from_attributes(name.local.clone(), &attrs, &mut attributes);
        let element = SinkElement {
            is_link: facts.is_link(),
            main_landmark: Element {
                facts: &facts,
                begin,
                attributes: &attributes,
            }
            .is_main_landmark(),
            element: {
                let mut elements = self.elements.borrow_mut();
                elements.push(facts);
                SmallIndex::new(elements.len() - 1)
            },
            pruned,
            hidden: !pruned && super::hidden::is_hidden(&attrs),
            json_ld,
            drops_text: super::text_dropped(&name.local, pruned, json_ld),
            mathml_annotation_xml_integration_point: flags.mathml_annotation_xml_integration_point,
        };
        let id = self.push(SinkData::Element(element));
        if let Some(contents) = template_contents {
            self.templates.borrow_mut().insert(id, contents);
        }
        if name.ns == ns!(html) {
            match name.local {
                local_name!("title") if self.title.get() == NONE => self.title.set(id),
                local_name!("noscript") => self.noscripts.borrow_mut().push(id),
                _ => {}
            }
        }
        Handle {
            id,
            name: self.shared_name(name),
        }
    }

    fn create_comment(&self, _text: StrTendril) -> Handle {
        Handle {
            id: self.push(SinkData::Ignored),
            name: self.nameless.clone(),
        }
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Handle {
        self.create_comment(StrTendril::new())
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        if let NodeOrText::AppendText(text) = &child {
            if self.drops_text(parent.id) {
                return;
            }
            let last = self
                .nodes
                .borrow()
                .get(parent.id)
                .map_or(NONE, SinkNode::last_child);
            if self.extend_text(last, text) {
                return;
            }
        }
        if let NodeOrText::AppendNode(node) = &child
            && self.is_ignored(node.id)
        {
            return;
        }
        let id = self.child_node(child);
        self.link_last(parent.id, id);
    }

    fn append_based_on_parent_node(
        &self,
        element: &Handle,
        prev_element: &Handle,
        child: NodeOrText<Handle>,
    ) {
        let has_parent = self
            .nodes
            .borrow()
            .get(element.id)
            .is_some_and(|n| n.parent() != NONE);
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &Handle) -> Handle {
        let contents = self.templates.borrow().get(&target.id).copied();
        let id = contents.unwrap_or_else(|| self.push(SinkData::Document));
        Handle {
            id,
            name: self.nameless.clone(),
        }
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        x.id == y.id
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &Handle, child: NodeOrText<Handle>) {
        let (parent, previous) = self
            .nodes
            .borrow()
            .get(sibling.id)
            .map_or((NONE, NONE), |n| (n.parent(), n.previous()));
        if parent == NONE {
            return;
        }
        match &child {
            NodeOrText::AppendText(text) => {
                if self.drops_text(parent) || self.extend_text(previous, text) {
                    return;
                }
            }
            NodeOrText::AppendNode(node) if self.is_ignored(node.id) => return,
            NodeOrText::AppendNode(_) => {}
        }
        let id = self.child_node(child);
        self.link_before(sibling.id, id);
    }

    fn add_attrs_if_missing(&self, _target: &Handle, _attrs: Vec<Attribute>) {}

    fn remove_from_parent(&self, target: &Handle) {
        self.detach(target.id);
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        if node.id == new_parent.id {
            return;
        }
        loop {
            let first = self
                .nodes
                .borrow()
                .get(node.id)
                .map_or(NONE, SinkNode::first_child);
            if first == NONE {
                return;
            }
            self.link_last(new_parent.id, first);
        }
    }

    fn pop(&self, node: &Handle) {
        let json_ld = matches!(
            self.nodes.borrow().get(node.id).map(|n| &n.data),
            Some(SinkData::Element(e)) if e.json_ld
        );
        if json_ld {
            let (buffer, own) = (self.text.borrow(), self.own_texts.borrow());
            let text = SinkText {
                buffer: &buffer,
                own: &own,
            };
            let text = text_inside(&self.nodes.borrow(), text, node.id);
            self.declarations.borrow_mut().json_ld.push(text);
        }
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &Handle) -> bool {
        match self.nodes.borrow().get(handle.id).map(|n| &n.data) {
            Some(SinkData::Element(e)) => e.mathml_annotation_xml_integration_point,
            _ => false,
        }
    }
}
