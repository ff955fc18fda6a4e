//! Differential test of the arena: on every fixture page, and on pages made
//! here to reach the tree builder's repairs (misnested formatting, tables
//! with stray content, templates, foreign content, raw text), the arena
//! pith's sink builds holds the same elements, nesting and text as the
//! reference tree html5ever builds into `markup5ever_rcdom` from the same
//! text, after the same pruning (and with the raw-text shortcut on).

mod common;
#[path = "common/reference.rs"]
mod reference;

use pith::dom::RawText;
use pith::dom::outline;
use pith::input;

use common::fixture_pages;

fn assert_same_tree(name: &str, text: &str) {
    let arena = outline::arena(text, RawText::Skip).expect("parses");
    let expected = reference::outline_of(text);
    if arena != expected {
        let at = arena
            .lines()
            .zip(expected.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        let context = |outline: &str| {
            outline
                .lines()
                .skip(at.saturating_sub(3))
                .take(8)
                .collect::<Vec<_>>()
                .join("\n")
        };
        panic!(
            "{name}: the arena differs from html5ever's tree at line {at}\narena:\n{}\nreference:\n{}",
            context(&arena),
            context(&expected)
        );
    }
}

#[test]
fn every_fixture_page_builds_the_reference_tree() {
    for (name, page) in fixture_pages() {
        let bytes = input::decompress(&page, usize::MAX).expect("decompresses");
        assert_same_tree(&name, &input::decode(&bytes));
    }
}

#[test]
fn tree_builder_repairs_build_the_reference_tree() {
    for page in [
        "<p><b>bold <i>both</b> italic</i> plain</p>",
        "<table><tr><td>cell</td></tr>stray text<p>stray paragraph</p></table>",
        "<table><b>fostered<tr><td>x</b>y</td></tr></table>after",
        "<a href=1>one<a href=2>two</a>",
        "<p>one<!-- a comment -->two<p>three",
        "<template><p>inside</p></template><p>outside</p>",
        "<svg><title>t</title><script>s</script><foreignObject><p>f</p></foreignObject></svg>",
        "<p>a<svg><path d='M0 0'/><g><circle/></g></svg>b</p><svg><g><p>out</p></g></svg>c",
        "<div><svg><g></div><p>after</p><select><svg><g>x</g></svg></select>",
        "<math><mi>x</mi><annotation>x</annotation></math>",
        "<head><script>a</script><style>b</style></head><title>T</title>x",
        "<select><option>a<option>b</select><textarea>t</textarea>",
        "<ul><li>a<li>b<ul><li>c</ul></ul><dl><dt>d<dd>e</dl>",
        "<div hidden><p>hidden</p></div><noscript><p>n</p></noscript>",
        "<script><!--<script>x</script>y</script><p>after</p>",
        "<frameset><frame></frameset>",
        "<!DOCTYPE html><html><body><pre>\nfirst line</pre></body></html>",
    ] {
        assert_same_tree(page, page);
    }
    let deep = "<div>".repeat(2_000) + "deep";
    assert_same_tree("deep nesting", &deep);
}
