//! Layout: where a block sits in the page's structure — the quotes and
//! list items around it (with each item's marker and number), the table a
//! row belongs to and whether it is a header row, the language a `pre`
//! block's class names, where its links and images point (resolved
//! against the page's URL or `<base>`) — read from the arena for
//! structured output.

use html5ever::{LocalName, local_name};
use rustc_hash::FxHashMap;

use super::{Block, BlockKind, Style};
use crate::dom::{Dom, Reference};

/// Where one block sits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    /// The quotes and list items around the block, outermost first (the
    /// block's own element among them when it is one).
    pub containers: Vec<Container>,
    /// For a table row: the table's arena index.
    pub table: Option<usize>,
    /// For a table row: whether every cell is a header cell (`th`).
    pub header: bool,
    /// For a `pre` block: the language of a `language-*` or `lang-*` class
    /// on the `pre` or the `code` inside it.
    pub language: Option<String>,
    /// Where the block's link and image spans point, by the arena index
    /// of their element, as [`References`] asked; a span without one is
    /// not a link (or an image) in structured output.
    pub references: Vec<(usize, Reference)>,
}

/// Which references a layout resolves, and against what.
#[derive(Debug, Clone, Copy, Default)]
pub struct References<'a> {
    pub links: bool,
    pub images: bool,
    /// The page's own URL, which relative references (and `<base>`) are
    /// resolved against.
    pub page_url: Option<&'a str>,
}

/// An element that holds blocks and marks each of their lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    /// A `blockquote`, by arena index.
    Quote(usize),
    /// A list item (`li`, `dt`, `dd`), by arena index, with its marker.
    Item { element: usize, marker: Marker },
}

/// How a list item is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Bullet,
    /// An item of an ordered list, with its number (the list's `start`
    /// and the items before it counted).
    Number(u32),
}

/// Class prefixes that name a code block's language (highlight.js,
/// Prism and CommonMark's own rendering write `language-`; older
/// highlighters `lang-`).
const LANGUAGE_PREFIXES: [&str; 2] = ["language-", "lang-"];

/// URL schemes whose links run code or lead nowhere a reader can follow:
/// such a link is written as its text.
const DEAD_SCHEMES: [&str; 2] = ["javascript:", "data:"];

/// The layout of each block of `indices`, in that order.
pub fn layout(
    dom: &Dom,
    blocks: &[Block],
    indices: &[usize],
    references: References,
) -> Vec<Layout> {
    let mut numbers = FxHashMap::default();
    let base = base_url(dom, references.page_url);
    indices
        .iter()
        .map(|&index| {
            let block = &blocks[index];
            let mut layout = block_layout(dom, block, &mut numbers);
            layout.references = block
                .spans()
                .filter(|span| match span.style {
                    Style::Link => references.links,
                    Style::Image => references.images,
                    _ => false,
                })
                .filter_map(|span| {
                    let element = dom.element(span.element)?;
                    let url = resolve(base.as_ref(), element.url()?)?;
                    let alt = element.alt().to_string();
                    Some((span.element, Reference { url, alt }))
                })
                .collect();
            layout
        })
        .collect()
}

/// What the page's relative references are relative to: its `<base
/// href>` (itself resolved against the page's URL), else its URL.
fn base_url(dom: &Dom, page_url: Option<&str>) -> Option<url::Url> {
    let page = page_url.and_then(|url| url::Url::parse(url.trim()).ok());
    let declared = dom
        .meta
        .declarations
        .base
        .as_deref()
        .and_then(|base| match &page {
            Some(page) => page.join(base).ok(),
            None => url::Url::parse(base).ok(),
        });
    declared.or(page)
}

/// A reference resolved against `base` (kept as written when there is
/// none and it is relative); `None` for an empty one or a dead scheme.
fn resolve(base: Option<&url::Url>, reference: &str) -> Option<String> {
    if reference.is_empty() {
        return None;
    }
    let resolved = match base {
        Some(base) => base.join(reference).ok()?.to_string(),
        None => url::Url::parse(reference).map_or_else(|_| reference.to_string(), String::from),
    };
    let dead = DEAD_SCHEMES.iter().any(|scheme| {
        resolved
            .get(..scheme.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(scheme))
    });
    (!dead).then_some(resolved)
}

fn block_layout(dom: &Dom, block: &Block, numbers: &mut FxHashMap<usize, u32>) -> Layout {
    let owner = block.owner;
    let mut containers: Vec<Container> = std::iter::once(owner)
        .chain(dom.ancestors(owner))
        .filter_map(|index| match name(dom, index)? {
            &local_name!("blockquote") => Some(Container::Quote(index)),
            &local_name!("li") | &local_name!("dt") | &local_name!("dd") => Some(Container::Item {
                element: index,
                marker: marker(dom, index, numbers),
            }),
            _ => None,
        })
        .collect();
    containers.reverse();
    let mut layout = Layout {
        containers,
        ..Layout::default()
    };
    match block.kind {
        BlockKind::Row => {
            let row = if name(dom, owner) == Some(&local_name!("tr")) {
                owner
            } else {
                dom.nodes[owner].parent()
            };
            layout.table = std::iter::once(owner)
                .chain(dom.ancestors(owner))
                .find(|&index| name(dom, index) == Some(&local_name!("table")));
            let cells: Vec<&LocalName> = children(dom, row)
                .filter_map(|child| name(dom, child))
                .filter(|name| matches!(**name, local_name!("td") | local_name!("th")))
                .collect();
            layout.header = !cells.is_empty() && cells.iter().all(|n| **n == local_name!("th"));
        }
        BlockKind::Pre => layout.language = code_language(dom, owner),
        _ => {}
    }
    layout
}

fn name(dom: &Dom, index: usize) -> Option<&LocalName> {
    dom.element(index).map(|element| element.tag())
}

/// The children of a node, in order.
fn children(dom: &Dom, parent: usize) -> impl Iterator<Item = usize> + '_ {
    let end = dom.nodes.get(parent).map_or(parent, |node| node.end());
    std::iter::successors(Some(parent + 1), |&child| {
        dom.nodes.get(child).map(|node| node.end())
    })
    .take_while(move |&child| child < end)
}

/// A list item's marker: numbered when its parent is an `ol`. The items of
/// a list are numbered all at once, the first time one is asked for.
fn marker(dom: &Dom, item: usize, numbers: &mut FxHashMap<usize, u32>) -> Marker {
    let list = dom.nodes[item].parent();
    let Some(ordered) = dom
        .element(list)
        .filter(|element| element.name == local_name!("ol"))
    else {
        return Marker::Bullet;
    };
    if !numbers.contains_key(&item) {
        let mut number = ordered.start().unwrap_or(1);
        for child in children(dom, list) {
            if name(dom, child) == Some(&local_name!("li")) {
                numbers.insert(child, number);
                number = number.saturating_add(1);
            }
        }
    }
    Marker::Number(numbers.get(&item).copied().unwrap_or(1))
}

/// The language a class of the `pre` element, or of a `code` element in
/// it, names.
fn code_language(dom: &Dom, pre: usize) -> Option<String> {
    let end = dom.nodes[pre].end();
    let code = (pre + 1..end).find(|&index| name(dom, index) == Some(&local_name!("code")));
    [Some(pre), code].into_iter().flatten().find_map(|index| {
        let element = dom.element(index)?;
        element.hints().split_whitespace().find_map(|class| {
            LANGUAGE_PREFIXES
                .iter()
                .find_map(|prefix| class.strip_prefix(prefix))
                .filter(|language| !language.is_empty())
                .map(str::to_string)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::budget::Budget;

    fn layouts(html: &str) -> Vec<(String, Layout)> {
        let dom = crate::dom::parse(html, &Budget::unlimited()).expect("parses");
        let blocks = super::super::segment(&dom);
        let all: Vec<usize> = (0..blocks.len()).collect();
        let found = layout(&dom, &blocks, &all, References::default());
        blocks.into_iter().map(|b| b.text).zip(found).collect()
    }

    fn markers(layout: &Layout) -> Vec<Marker> {
        layout
            .containers
            .iter()
            .filter_map(|container| match container {
                Container::Item { marker, .. } => Some(*marker),
                Container::Quote(_) => None,
            })
            .collect()
    }

    #[test]
    fn list_items_are_numbered_from_the_start_attribute() {
        let got = layouts("<ol start=4><li>four</li><li>five<ul><li>inner</li></ul></li></ol>");
        let marks: Vec<Vec<Marker>> = got.iter().map(|(_, l)| markers(l)).collect();
        assert_eq!(
            marks,
            [
                vec![Marker::Number(4)],
                vec![Marker::Number(5)],
                vec![Marker::Number(5), Marker::Bullet]
            ]
        );
    }

    #[test]
    fn quotes_rows_and_code_languages_are_found() {
        let got = layouts(
            "<blockquote><p>said</p></blockquote>\
             <table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>\
             <pre class='x'><code class='Language-Rust'>fn main() {}</code></pre>",
        );
        assert!(matches!(got[0].1.containers[..], [Container::Quote(_)]));
        assert!(got[1].1.header && got[1].1.table.is_some());
        assert!(!got[2].1.header && got[2].1.table == got[1].1.table);
        assert_eq!(got[3].1.language.as_deref(), Some("rust"));
    }
}
