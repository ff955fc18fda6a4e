//! Depth guard: a token filter between html5ever's tokenizer and its tree
//! builder that keeps the tree no deeper than [`MAX_DEPTH`], as browsers do
//! (Blink caps its parser's tree at 512 levels).
//!
//! html5ever's tree builder scans its stack of open elements for many
//! tokens, so pathological nesting costs time quadratic in the depth. The
//! guard follows the nesting with a cheap model of the open elements
//! (implied end tags included) and drops start tags beyond the cap, with
//! their end tags; their text still reaches the tree, flattened into the
//! deepest kept element.
//!
//! The guard also turns the tree builder's pauses (after a `</script>`, at
//! a `<meta charset>`) into continues: scripts never run here and the text
//! is decoded before parsing, so one feed takes a whole chunk.

use std::cell::RefCell;

use html5ever::tokenizer::{EndTag, StartTag, Tag, TagToken, Token, TokenSink, TokenSinkResult};
use html5ever::{LocalName, local_name};
use rustc_hash::FxHashMap;

/// Deepest nesting of elements the tree builder is given.
pub const MAX_DEPTH: usize = 512;

/// Wraps the tree builder (or any token sink) with the depth cap.
pub struct DepthGuard<S> {
    pub inner: S,
    model: RefCell<OpenElements>,
}

impl<S> DepthGuard<S> {
    pub fn new(inner: S) -> Self {
        DepthGuard {
            inner,
            model: RefCell::new(OpenElements::default()),
        }
    }
}

impl<S: TokenSink> TokenSink for DepthGuard<S> {
    type Handle = S::Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<Self::Handle> {
        if let TagToken(tag) = &token
            && !self.model.borrow_mut().admits(tag)
        {
            return TokenSinkResult::Continue;
        }
        match self.inner.process_token(token, line_number) {
            // Scripts never run here and the text is already decoded: the
            // tokenizer need not pause after a script or a `<meta charset>`.
            TokenSinkResult::Script(_) | TokenSinkResult::EncodingIndicator(_) => {
                TokenSinkResult::Continue
            }
            result => result,
        }
    }

    fn end(&self) {
        self.inner.end()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.inner
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

struct Open {
    name: LocalName,
    dropped: bool,
}

/// An approximation of the tree builder's stack of open elements, with a
/// count per name so an end tag finds its element in constant time.
#[derive(Default)]
struct OpenElements {
    stack: Vec<Open>,
    counts: FxHashMap<LocalName, usize>,
}

impl OpenElements {
    /// Updates the model with a tag; false when the tag must be dropped.
    fn admits(&mut self, tag: &Tag) -> bool {
        match tag.kind {
            StartTag => self.start(tag),
            EndTag => self.end(&tag.name),
        }
    }

    fn start(&mut self, tag: &Tag) -> bool {
        while self
            .stack
            .last()
            .is_some_and(|top| is_closed_by(&top.name, &tag.name))
        {
            self.pop();
        }
        if is_void(&tag.name) || (tag.self_closing && self.in_foreign_content()) {
            return true;
        }
        if tag.name == local_name!("tr")
            && self
                .stack
                .last()
                .is_some_and(|top| top.name == local_name!("table"))
        {
            // The tree builder puts rows written straight in a table into an implied tbody.
            self.push(local_name!("tbody"));
        }
        self.push(tag.name.clone())
    }

    /// Opens an element; false when it lies beyond the cap and is dropped.
    fn push(&mut self, name: LocalName) -> bool {
        let dropped = self.stack.len() >= MAX_DEPTH;
        *self.counts.entry(name.clone()).or_default() += 1;
        self.stack.push(Open { name, dropped });
        !dropped
    }

    /// Pops to the element the end tag closes; a stray end tag passes
    /// through untouched (the tree builder ignores or repairs it).
    fn end(&mut self, name: &LocalName) -> bool {
        if self.counts.get(name).is_none_or(|&count| count == 0) {
            return true;
        }
        while let Some(open) = self.pop() {
            if open.name == *name {
                return !open.dropped;
            }
        }
        true
    }

    fn pop(&mut self) -> Option<Open> {
        let open = self.stack.pop()?;
        if let Some(count) = self.counts.get_mut(&open.name) {
            *count = count.saturating_sub(1);
        }
        Some(open)
    }

    fn in_foreign_content(&self) -> bool {
        [local_name!("svg"), local_name!("math")]
            .iter()
            .any(|name| self.counts.get(name).is_some_and(|&count| count > 0))
    }
}

fn is_void(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("input")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
            | local_name!("param")
            | local_name!("keygen")
    )
}

/// Whether an open element `open` is implicitly ended by the start tag
/// `next` (the HTML spec's implied end tags, in their common cases).
fn is_closed_by(open: &LocalName, next: &LocalName) -> bool {
    match *open {
        local_name!("p") => closes_paragraph(next),
        local_name!("li") => *next == local_name!("li"),
        local_name!("dd") | local_name!("dt") => {
            matches!(*next, local_name!("dd") | local_name!("dt"))
        }
        local_name!("option") => {
            matches!(*next, local_name!("option") | local_name!("optgroup"))
        }
        local_name!("optgroup") => *next == local_name!("optgroup"),
        local_name!("a") => *next == local_name!("a"),
        local_name!("td") | local_name!("th") => {
            matches!(*next, local_name!("td") | local_name!("th")) || starts_table_row(next)
        }
        local_name!("tr") => starts_table_row(next),
        local_name!("tbody") | local_name!("thead") | local_name!("tfoot") => {
            starts_table_section(next)
        }
        _ => is_heading(open) && is_heading(next),
    }
}

fn starts_table_row(name: &LocalName) -> bool {
    *name == local_name!("tr") || starts_table_section(name)
}

fn starts_table_section(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("tbody") | local_name!("thead") | local_name!("tfoot")
    )
}

fn is_heading(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
    )
}

fn closes_paragraph(name: &LocalName) -> bool {
    is_heading(name)
        || matches!(
            *name,
            local_name!("address")
                | local_name!("article")
                | local_name!("aside")
                | local_name!("blockquote")
                | local_name!("center")
                | local_name!("details")
                | local_name!("dialog")
                | local_name!("dir")
                | local_name!("div")
                | local_name!("dl")
                | local_name!("dd")
                | local_name!("dt")
                | local_name!("fieldset")
                | local_name!("figcaption")
                | local_name!("figure")
                | local_name!("footer")
                | local_name!("form")
                | local_name!("header")
                | local_name!("hgroup")
                | local_name!("hr")
                | local_name!("li")
                | local_name!("main")
                | local_name!("menu")
                | local_name!("nav")
                | local_name!("ol")
                | local_name!("p")
                | local_name!("pre")
                | local_name!("section")
                | local_name!("summary")
                | local_name!("table")
                | local_name!("ul")
        )
}
