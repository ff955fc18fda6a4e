//! The raw-text shortcut (script, style, iframe and textarea bodies
//! skipped by a byte search) changes nothing: every fixture page, and pages
//! made here to probe where the tokenizer ends such bodies (escaped and
//! double-escaped scripts, end tags in any case, bodies left open, scripts
//! in SVG, bodies longer than a parsing chunk), gives the same text, title
//! and metadata with the shortcut and without it.

mod common;

use pith::dom::Shortcuts;
use pith::{Article, Options, extract};

use common::fixture_pages;

fn extract_with(page: &[u8], shortcuts: Shortcuts) -> Result<Article, String> {
    let options = Options {
        timeout: None,
        shortcuts,
        ..Options::default()
    };
    extract(page, &options).map_err(|e| e.to_string())
}

/// The article with the shortcut, checked equal to the one without.
fn same_both_ways(name: &str, page: &[u8]) -> Result<Article, String> {
    let skipped = extract_with(page, Shortcuts::On);
    assert_eq!(
        skipped,
        extract_with(page, Shortcuts::Off),
        "{name}: the shortcut changed the output"
    );
    skipped
}

#[test]
fn every_fixture_page_is_the_same_with_and_without_the_shortcut() {
    for (name, page) in fixture_pages() {
        let _ = same_both_ways(&name, &page);
    }
}

const PROSE: &str = "The river rose through the night and by morning the lower town was under water, \
    with boats moving along the main street where cars had parked the day before.";

/// The page's body text, as `pith extract --no-title` writes it.
fn text_of(body: &str) -> String {
    let page = format!("<html><head><title>T</title></head><body>{body}</body></html>");
    same_both_ways(body, page.as_bytes())
        .expect("extracts")
        .text
}

#[test]
fn bodies_end_where_the_tokenizer_ends_them() {
    let cases = [
        // End tags in any case, followed by whitespace, `/` or `>`.
        ("<script>a</SCRIPT ><p>{P}</p>", true),
        ("<script>a</scripts></script\n><p>{P}</p>", true),
        ("<style>p{}</style/><p>{P}</p>", true),
        ("<style></styl></stylex>x</StYlE\t><p>{P}</p>", true),
        // Escaped script data: `</script>` inside `<!-- <script>` does not end it.
        ("<script><!--<script>x</script>--></script><p>{P}</p>", true),
        ("<script><!-- <script> </script> </script><p>{P}</p>", true),
        ("<script><!--</script><p>{P}</p>", true),
        ("<script><!--><script></script><p>{P}</p>", true),
        ("<script><!---><p>{P}</p></script><p>{P}</p>", true),
        ("<script><!--<script>--></script><p>{P}</p>", true),
        ("<script><!--<SCRIPT/></script --></script><p>{P}</p>", true),
        ("<script><!--<scriptx></script><p>{P}</p>", true),
        ("<script><!-x</script><p>{P}</p>", true),
        // Bodies the text leaves open: html5ever reads them to the end.
        ("<p>{P}</p><script><!--<script></script>", true),
        ("<p>{P}</p><style>p{}</sty", true),
        ("<p>{P}</p><script>a</script", true),
        // RCDATA: the textarea is skipped, the title is read.
        ("<textarea><p>x</p></textarea><p>{P}</p>", true),
        ("<p>{P}</p><textarea>&lt;</textarea >y", true),
        // Inside SVG a script is an element like any other.
        ("<svg><script><p>x</p></script></svg><p>{P}</p>", true),
        ("<iframe><p>x</p></iframe><p>{P}</p>", true),
        // A script the tree builder reads as text is not raw text.
        ("<!-- <script> --><p>{P}</p>", true),
        ("<p title='<script>'>{P}</p>", true),
    ];
    for (body, has_prose) in cases {
        let body = body.replace("{P}", PROSE);
        let text = text_of(&body);
        assert_eq!(
            text.contains("The river rose"),
            has_prose,
            "{body}: {text:?}"
        );
        assert!(!text.contains("<p>"), "{body}: {text:?}");
    }
}

#[test]
fn svg_bodies_end_where_the_tree_builder_ends_them() {
    let icon =
        "<svg viewBox='0 0 24 24'><path d='M0 0h24v24H0z'/><g><circle r='2'></circle></g></svg>";
    let cases = [
        ("<p>{I}{P}{I}</p>", true),
        (
            "<ul><li><a href='/s'>{I}Share</a></li></ul><p>{P}</p>",
            true,
        ),
        // HTML inside SVG: a breakout tag closes it, an integration point reads it.
        ("<svg><g><p>{P}</p></g></svg>", true),
        ("<svg><g></p><b>x</b></g></svg><p>{P}</p>", true),
        (
            "<svg><foreignObject><p>{P}</p></foreignObject></svg>",
            false,
        ),
        ("<svg><title>Logo <b>x</b></title></svg><p>{P}</p>", true),
        ("<div><svg><g></div><p>{P}</p>", true),
        ("<svg><font color=red>{P}</font></svg>", true),
        // Markup hidden in values, comments and CDATA; nested and open SVG.
        ("<svg><g data-x='</svg><p>x</p>'></g></svg><p>{P}</p>", true),
        ("<svg><!-- </svg><p>x</p> --></svg><p>{P}</p>", true),
        ("<svg><![CDATA[</svg><p>x</p>]]></svg><p>{P}</p>", true),
        ("<svg><svg><g/></svg></svg><p>{P}</p>", true),
        (
            "<svg><title>Logo</title><text>a < b</text></svg><p>{P}</p>",
            true,
        ),
        ("<p>{P}</p><svg><g>", true),
        // Where the tag does not open foreign content.
        ("<select><svg><g>x</g></svg></select><p>{P}</p>", true),
        ("<math><mi><svg><g></g></svg></mi></math><p>{P}</p>", true),
    ];
    for (body, has_prose) in cases {
        let body = body.replace("{I}", icon).replace("{P}", PROSE);
        let text = text_of(&body);
        assert_eq!(
            text.contains("The river rose"),
            has_prose,
            "{body}: {text:?}"
        );
        assert!(!text.contains('<'), "{body}: {text:?}");
    }
}

#[test]
fn svg_text_before_a_frameset_is_tokenized() {
    // Text in SVG bars a later `<frameset>`: with it the body stays.
    for svg in ["<svg><text>chart</text></svg>", "<svg><g></g></svg>"] {
        let page = format!(
            "<html><body><p>{PROSE}</p>{svg}<frameset><frame src=a></frameset></body></html>"
        );
        let _ = same_both_ways(svg, page.as_bytes());
    }
}

#[test]
fn the_json_ld_script_is_still_read() {
    let page = format!(
        "<html><head><script type='application/ld+json'>{{\"@type\": \"NewsArticle\", \
         \"headline\": \"Flood in the lower town\", \"author\": {{\"name\": \"Ana Ruiz\"}}}}</script>\
         <script>var a = '</scrip' + 't>';</script></head><body><h1>Flood</h1><p>{PROSE}</p></body></html>"
    );
    let article = same_both_ways("json-ld", page.as_bytes()).expect("extracts");
    assert_eq!(article.metadata.authors, vec!["Ana Ruiz".to_string()]);
}

#[test]
fn bodies_longer_than_a_parsing_chunk_are_skipped_whole() {
    // Parsing goes in chunks of 256 KiB: these bodies end in a later chunk.
    let code = "var x = '<div>';\n".repeat(40_000);
    for body in [
        format!("<script>{code}</script><p>{PROSE}</p>"),
        format!("<style>{code}</style><p>{PROSE}</p>"),
        format!("<script><!--<script>{code}</script>--></script><p>{PROSE}</p>"),
        format!("<p>{PROSE}</p><script>{code}"),
        format!(
            "<svg><g><path d='{}'/></g></svg><p>{PROSE}</p>",
            "M0 0h24v24H0z ".repeat(40_000)
        ),
    ] {
        assert_eq!(text_of(&body), PROSE, "{}", &body[..40]);
    }
}
