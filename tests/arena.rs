//! Differential test of the arena: on every fixture page, and on pages made
//! here to reach the tree builder's repairs (misnested formatting, tables
//! with stray content, templates, foreign content, raw text), the arena
//! pith's sink builds holds the same elements, nesting and text as the
//! reference tree html5ever builds into `markup5ever_rcdom` from the same
//! text, after the same pruning (and with the raw-text shortcut on).

mod common;
#[path = "common/reference.rs"]
mod reference;

use pith::dom::Shortcuts;
use pith::dom::outline;
use pith::input;

use common::fixture_pages;

fn assert_same_tree(name: &str, text: &str) {
    let arena = outline::arena(text, Shortcuts::On).expect("parses");
    let expected = reference::outline_of(text);
    assert_same_outline(
        name,
        "the arena differs from html5ever's tree",
        &arena,
        &expected,
    );
}

/// The tree built from the tokens the shortcuts hand the tree builder
/// (plain markup and raw-text bodies read by byte searches) is the tree
/// built from html5ever's own tokens, attributes included.
fn assert_same_tokens(name: &str, text: &str) {
    let shortcut = reference::attributed_outline(text, Shortcuts::On);
    let tokenized = reference::attributed_outline(text, Shortcuts::Off);
    assert_same_outline(
        name,
        "the shortcuts changed the tree",
        &shortcut,
        &tokenized,
    );
}

fn assert_same_outline(name: &str, what: &str, got: &str, expected: &str) {
    if got != expected {
        let at = got
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
            "{name}: {what} at line {at}\ngot:\n{}\nexpected:\n{}",
            context(got),
            context(expected)
        );
    }
}

#[test]
fn every_fixture_page_builds_the_reference_tree() {
    for (name, page) in fixture_pages() {
        let bytes = input::decompress(&page, usize::MAX).expect("decompresses");
        let text = input::decode(&bytes);
        assert_same_tree(&name, &text);
        assert_same_tokens(&name, &text);
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
        // Text dropped in a pruned dialog, which the adoption agency then
        // moves under a new `<a>` inside it (found by the fuzz target).
        "<a><div aria-modal=\"true\" hidden>x<a>",
        // Attributes of a later `<html>` or `<body>` tag join the roots.
        "><html aria-modal=\"true\" hidden>",
        "x<body aria-modal=\"true\" hidden>y",
        "<b><p><button>label<b>more</b></button></p>",
        "<!DOCTYPE html><html><body><pre>\nfirst line</pre></body></html>",
    ] {
        assert_same_tree(page, page);
        assert_same_tokens(page, page);
    }
    let deep = "<div>".repeat(2_000) + "deep";
    assert_same_tree("deep nesting", &deep);
}

/// Markup at the edges of what the plain-markup reader takes (odd
/// attributes, character references, carriage returns, NULs, tags that
/// switch the tokenizer's state, tags cut off), each after a tag html5ever
/// reads itself, where the reader starts.
#[test]
fn plain_markup_is_tokenized_as_html5ever_does() {
    for case in [
        "<DIV CLASS=Main ID='a'>Text</DIV>",
        "<a href=\"/x\" href=\"/y\" HREF=z>repeated</a>",
        "<img src=a.png alt=\"A &amp; B\"><p title='it&#39;s'>x</p>",
        "<p class=\"a\"id=\"b\">no space</p><p class=a\"b>odd unquoted</p>",
        "<br/><br /><hr/ ><input value=x/>",
        "<p>a &amp; b</p><p>c\r\nd</p><p>e\0f</p><p g=\"\r\">h</p>",
        "<p =x>equals</p><p a='1'/b>slash</p><p a=>missing value</p>",
        "</p a=1><p>end tag with an attribute</p></P ></p/>",
        "<p>text<</p><p>< not a tag</p><p><3</p><p></ p>",
        "<p data-x=\"line\nbreak\" a b c>flags</p>",
        "<p\tclass\n=\n'x'\x0c>spaces</p><p\rclass=x>return</p>",
        "<svg viewBox='0 0 1 1'><path d='M0'/></svg><math><mi>x</mi></math>",
        "<TITLE>t</TITLE><textarea>a<b>c</textarea><xmp><b>x</xmp>",
        "<noscript><p>n</p></noscript><iframe>i</iframe><noembed>e</noembed>",
        "<table><tr><td>a<td>b</table><select><option>o</select>",
        "<p>ünïcödé <b>名前</b> <span lang=ja>日本語</span></p>",
        "<p a=\"unterminated>x</p>",
        "<a href=x>cut off at the end <b",
        "<p><!-- c --><!----><!---><!-->x<!-- a -- b --!> <!-- <!--> --><!--\r--></p>",
        "<p><!-- a ---!><!-- x --!--><!-- y <!--- z --><!--- q -->tail<!-- open",
        "<a href='/a?b=1&amp;c=2&amp;d'>amp</a><a href='/a?b=1&amp'>bare</a><a href=\"&lt;\">lt</a>",
        "<plaintext><p>all text",
    ] {
        let page = format!("<p>before</p>{case}<p>after</p>");
        assert_same_tree(case, &page);
        assert_same_tokens(case, &page);
    }
    // Tags cut by the parser's chunks (256 KiB).
    let long = "<div class=c><a href='/l' title=\"t\">link</a> text</div>\n".repeat(12_000);
    assert_same_tree("long page", &long);
    assert_same_tokens("long page", &long);
}

/// Every fixture page with random edits where the plain-markup reader
/// decides (quotes, `=`, `/`, `>`, `<`, references, carriage returns, NULs,
/// comment delimiters and state-switching tags put in, bytes taken out, by
/// a fixed-seed generator) builds the same tree with the shortcuts and
/// without, attributes and comments included.
#[test]
fn mutated_fixture_pages_build_the_same_tree_both_ways() {
    const EDITS: [&str; 24] = [
        "\"", "'", "=", "/", ">", "<", "&amp;", "&", "\r", "\r\n", "\0", " ", "-", "<!--", "-->",
        "--!>", "<!-->", "</", "<p ", "A", "`", "/>", "<script>", "<title>",
    ];
    const MUTANTS_PER_PAGE: usize = 4;
    let mut random = 0x9E37_79B9_7F4A_7C15_u64;
    let mut below = |n: usize| {
        random ^= random << 13;
        random ^= random >> 7;
        random ^= random << 17;
        (random % n as u64) as usize
    };
    for (name, page) in fixture_pages() {
        let bytes = input::decompress(&page, usize::MAX).expect("decompresses");
        let text = input::decode(&bytes);
        let tags: Vec<usize> = text.match_indices('<').map(|(at, _)| at).collect();
        if tags.is_empty() {
            continue;
        }
        for mutant in 0..MUTANTS_PER_PAGE {
            let mut edited = text.to_string();
            for _ in 0..=below(8) {
                // Near a tag: inside it, or in the text just after it.
                let mut at = (tags[below(tags.len())] + below(40)).min(edited.len());
                while !edited.is_char_boundary(at) {
                    at -= 1;
                }
                if below(4) == 0 {
                    let mut end = (at + 1 + below(20)).min(edited.len());
                    while !edited.is_char_boundary(end) {
                        end -= 1;
                    }
                    edited.replace_range(at..end, "");
                } else {
                    edited.insert_str(at, EDITS[below(EDITS.len())]);
                }
            }
            assert_same_tokens(&format!("{name}, mutant {mutant}"), &edited);
        }
    }
}
