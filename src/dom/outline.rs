//! Outlines for the differential check of the arena: a tree's elements,
//! nesting and text written as indented lines, the same way for pith's
//! arena sink (before flattening) and for any other tree, such as
//! html5ever's reference `markup5ever_rcdom` in the tests and the fuzz
//! target, parsed from the same text through the same depth guard.
//! Comments, doctypes and template contents are left out, text inside
//! elements whose text the sink drops too, the content of an `<svg>` (a
//! subtree pruned whole, whose body the raw-text shortcut may skip), and
//! neighbouring texts are joined (the sink joins text around a comment it
//! never links in).

use html5ever::interface::TreeSink;
use html5ever::{Attribute, LocalName};

use super::sink::{self, SinkData};
use super::{Shortcuts, parse_into};
use crate::Error;
use crate::budget::Budget;

/// One node of a tree, as an outline reads it.
pub enum Outlined<N> {
    Element {
        name: String,
        /// Written after the name (empty where they are not compared).
        attributes: String,
        /// Its text is left out (see [`drops_text`]).
        drops_text: bool,
        children: Vec<N>,
    },
    Text(String),
    /// Comments, doctypes, processing instructions.
    Skipped,
}

/// What is written for a child once comments are skipped and texts joined.
enum Entry<N> {
    Node(N),
    Text(String),
}

/// The outline of the tree under `root`, `view` telling what each node is
/// (an iterative walk: deep trees do not overflow the stack). No text is
/// written anywhere inside an element that drops its text: the sink drops
/// it as it arrives, and html5ever may later move it deeper into the same
/// element (the adoption agency reparents a block's children under a new
/// formatting element), where the flattening walk prunes it anyway.
pub fn write<N>(root: N, view: impl Fn(&N) -> Outlined<N>) -> String {
    let mut out = String::new();
    let mut stack = vec![(Entry::Node(root), 0, false)];
    while let Some((entry, depth, inside_dropping)) = stack.pop() {
        let indent = "  ".repeat(depth);
        match entry {
            Entry::Text(text) => out.push_str(&format!("{indent}{text:?}\n")),
            Entry::Node(node) => {
                let Outlined::Element {
                    name,
                    attributes,
                    drops_text,
                    children,
                } = view(&node)
                else {
                    continue;
                };
                out.push_str(&format!("{indent}<{name}{attributes}>\n"));
                if name == "svg" {
                    continue;
                }
                let dropping = inside_dropping || drops_text;
                let entries = joined(children, dropping, &view);
                stack.extend(entries.into_iter().rev().map(|e| (e, depth + 1, dropping)));
            }
        }
    }
    out
}

/// The children to write: skipped nodes left out, neighbouring texts
/// joined, and no text at all under an element that drops it.
fn joined<N>(
    children: Vec<N>,
    drops_text: bool,
    view: &impl Fn(&N) -> Outlined<N>,
) -> Vec<Entry<N>> {
    let mut entries = Vec::new();
    for child in children {
        match view(&child) {
            Outlined::Skipped => {}
            Outlined::Text(_) if drops_text => {}
            Outlined::Text(text) => match entries.last_mut() {
                Some(Entry::Text(last)) => last.push_str(&text),
                _ => entries.push(Entry::Text(text)),
            },
            Outlined::Element { .. } => entries.push(Entry::Node(child)),
        }
    }
    entries
}

/// The outline of the arena pith's sink builds from `text`.
pub fn arena(text: &str, shortcuts: Shortcuts) -> Result<String, Error> {
    let parsed = super::parse_into_arena(text, &Budget::unlimited(), shortcuts)?;
    let nodes = &parsed.nodes;
    Ok(write(0, |&id: &usize| match &nodes[id].data {
        SinkData::Document => Outlined::Element {
            name: "#document".to_string(),
            attributes: String::new(),
            drops_text: false,
            children: sink::children(nodes, id).collect(),
        },
        SinkData::Element(e) => Outlined::Element {
            name: e.name(&parsed.elements).to_string(),
            attributes: String::new(),
            drops_text: e.drops_text,
            children: sink::children(nodes, id).collect(),
        },
        data @ (SinkData::Text(_) | SinkData::OwnText(_)) => Outlined::Text(
            data.text(parsed.sink_text())
                .unwrap_or_default()
                .to_string(),
        ),
        SinkData::Ignored => Outlined::Skipped,
    }))
}

/// The tree html5ever builds from `text` into `sink`, through the depth
/// guard the arena is built through, with the shortcuts (the raw-text and
/// plain-markup readers) or without.
pub fn reference<S: TreeSink>(
    text: &str,
    sink: S,
    shortcuts: Shortcuts,
) -> Result<S::Output, Error> {
    parse_into(text, &Budget::unlimited(), sink, shortcuts)
}

/// Whether the arena sink drops the text of an element so named.
pub fn drops_text(name: &LocalName, attrs: &[Attribute]) -> bool {
    super::drops_text(name, attrs)
}
