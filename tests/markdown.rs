//! Markdown output: the fixture pages in Markdown match their expected
//! `.md` files exactly, and parsing pith's Markdown back with a CommonMark
//! parser gives the kept blocks: the same headings, list items, table
//! cells, code blocks and paragraphs, with the same text.

mod common;

use std::path::{Path, PathBuf};

use common::{fixtures, path_str, pith};
use pith::output::TextFormat;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// What a leaf block of parsed Markdown (or a kept block) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Leaf {
    Heading,
    Row,
    Code,
    Other,
}

/// One leaf block of parsed Markdown: its kind, whether it sits in a list
/// item, and its text (a row's cells joined as pith's plain text joins them).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Parsed {
    leaf: Leaf,
    in_item: bool,
    text: String,
}

/// The leaf blocks of `markdown`, as a CommonMark parser with GitHub's
/// tables reads them.
fn parse_leaves(markdown: &str) -> Vec<Parsed> {
    let parser = Parser::new_ext(markdown, pulldown_cmark::Options::ENABLE_TABLES);
    let (mut leaves, mut items) = (Vec::new(), 0usize);
    let mut current: Option<(Leaf, String)> = None;
    let mut cells: Vec<String> = Vec::new();
    let finish = |leaves: &mut Vec<Parsed>, current: &mut Option<(Leaf, String)>, items: usize| {
        if let Some((leaf, text)) = current.take() {
            let text = if leaf == Leaf::Code {
                text.strip_suffix('\n').unwrap_or(&text).to_string()
            } else {
                text
            };
            leaves.push(Parsed {
                leaf,
                in_item: items > 0,
                text,
            });
        }
    };
    for event in parser {
        match event {
            Event::Start(Tag::Item) => {
                // Text before a nested list is a leaf of its own.
                finish(&mut leaves, &mut current, items);
                items += 1;
            }
            Event::End(TagEnd::Item) => {
                finish(&mut leaves, &mut current, items);
                items -= 1;
            }
            Event::Start(Tag::List(_)) => finish(&mut leaves, &mut current, items),
            Event::Start(Tag::Heading { .. }) => current = Some((Leaf::Heading, String::new())),
            Event::Start(Tag::CodeBlock(_)) => current = Some((Leaf::Code, String::new())),
            Event::Start(Tag::Paragraph) => {
                finish(&mut leaves, &mut current, items);
                current = Some((Leaf::Other, String::new()));
            }
            Event::Start(Tag::TableCell) => current = Some((Leaf::Row, String::new())),
            Event::End(TagEnd::TableCell) => {
                cells.push(current.take().map(|(_, text)| text).unwrap_or_default());
            }
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                current = Some((Leaf::Row, cells.join(" | ")));
                cells.clear();
                finish(&mut leaves, &mut current, items);
            }
            Event::End(
                TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::Paragraph | TagEnd::BlockQuote(_),
            ) => finish(&mut leaves, &mut current, items),
            Event::Text(text) | Event::Code(text) => {
                let (_, buffer) = current.get_or_insert((Leaf::Other, String::new()));
                buffer.push_str(&text);
            }
            Event::HardBreak => {
                if let Some((_, buffer)) = current.as_mut() {
                    buffer.push('\n');
                }
            }
            Event::SoftBreak => {
                if let Some((_, buffer)) = current.as_mut() {
                    buffer.push(' ');
                }
            }
            _ => {}
        }
    }
    finish(&mut leaves, &mut current, items);
    leaves
}

/// The kept blocks of a page: kind and text.
fn kept_blocks(html: &[u8]) -> (Vec<(Leaf, &'static str, String)>, String) {
    let options = pith::Options {
        text_format: TextFormat::Markdown,
        metadata: false,
        ..pith::Options::default()
    };
    let explanation = pith::explain(html, None, &options).expect("explains");
    let blocks = explanation
        .blocks
        .iter()
        .filter(|block| block.kept)
        .map(|block| {
            let leaf = match block.kind {
                kind if kind.len() == 2 && kind.starts_with('h') => Leaf::Heading,
                "row" => Leaf::Row,
                "pre" => Leaf::Code,
                _ => Leaf::Other,
            };
            (leaf, block.kind, block.text.clone())
        })
        .collect();
    (blocks, explanation.article.text)
}

/// Checks that `markdown` parses back into `blocks`, one leaf per block.
fn assert_round_trip(name: &str, blocks: &[(Leaf, &str, String)], markdown: &str) {
    let leaves = parse_leaves(markdown);
    let expected: Vec<&str> = blocks.iter().map(|(_, _, text)| text.as_str()).collect();
    let got: Vec<&str> = leaves.iter().map(|leaf| leaf.text.as_str()).collect();
    assert_eq!(got, expected, "{name}: texts differ; markdown:\n{markdown}");
    for ((leaf, kind, text), parsed) in blocks.iter().zip(&leaves) {
        assert_eq!(
            parsed.leaf, *leaf,
            "{name}: {text:?} ({kind}) read as {parsed:?}"
        );
        if *kind == "list_item" {
            assert!(parsed.in_item, "{name}: {text:?} is not in a list item");
        }
    }
}

fn page_files(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| pith::input::is_page_path(entry.path()))
        .map(|entry| entry.into_path())
        .collect();
    files.sort();
    files
}

#[test]
fn every_fixture_page_round_trips_through_commonmark() {
    let roots = [fixtures().join("pages"), fixtures().join("markdown/pages")];
    let mut checked = 0;
    for path in roots.iter().flat_map(|root| page_files(root)) {
        let raw = std::fs::read(&path).expect("read fixture");
        let html = pith::input::decompress(&raw, usize::MAX).expect("decompresses");
        let (blocks, markdown) = kept_blocks(&html);
        assert_round_trip(&path.display().to_string(), &blocks, &markdown);
        checked += 1;
    }
    assert!(checked >= 50, "only {checked} fixture pages found");
}

#[test]
fn text_that_looks_like_markdown_round_trips() {
    let body = "<h2>Notes # 1 ##</h2>\
        <p># not a heading</p><p>1. not a list</p><p>2024) not one either</p>\
        <p>- nor this</p><p>+ nor this</p><p>&gt; nor a quote</p><p>---</p><p>===</p>\
        <p>*stars* and _underscores_ and snake_case_name and **bold**</p>\
        <p>[a](link) ![b](img) &lt;div&gt; &amp;amp; \\ back`tick`</p>\
        <p>line<br>- after a break<br>2. numbered</p>\
        <p><em>.emphasis at a dot.</em>x and <b> spaced </b> and <code>a`b|c</code></p>\
        <p>bemoans that <em>The Scholars of Night “</em>should’ve been</p>\
        <p>Save <strong><b>10</b></strong>% on <em>all <i>our</i> books</em> today</p>\
        <p><em><em><strong><em><strong>10</strong></em></strong></em><strong>LUOA</strong> only</em> for you</p>\
        <ul><li><p>first paragraph</p><p>second paragraph</p></li><li>~~strike~~</li></ul>\
        <table><tr><td>a | b</td><td>c<br>d</td><td><code>x|y</code></td></tr><tr><td>1.</td></tr></table>\
        <pre>```\nfenced inside\n```</pre>";
    let html = common::page(body);
    let (blocks, markdown) = kept_blocks(html.as_bytes());
    assert!(blocks.len() > 15, "{blocks:?}");
    assert_round_trip("syntax page", &blocks, &markdown);
}

#[test]
fn markdown_fixtures_match_their_expected_output() {
    let pages = fixtures().join("markdown/pages");
    let expected_dir = fixtures().join("markdown/expected");
    let files = page_files(&pages);
    assert!(files.len() >= 4, "{files:?}");
    let out = tempfile::tempdir().expect("temp dir");
    let run = pith(&[
        "extract",
        path_str(&pages),
        "--format",
        "markdown",
        "-o",
        path_str(out.path()),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    for page in files {
        let stem = page.file_stem().and_then(|s| s.to_str()).expect("name");
        let name = format!("{stem}.md");
        let expected = std::fs::read_to_string(expected_dir.join(&name)).expect("expected .md");
        let got = std::fs::read_to_string(out.path().join(&name)).expect("written .md");
        assert!(
            got == expected,
            "{name}:\n{}",
            common::line_diff(&expected, &got)
        );
    }
}

#[test]
fn one_page_prints_its_markdown_and_records_carry_it() {
    let page = fixtures().join("markdown/pages/en-guide.html");
    let run = pith(&["extract", path_str(&page), "--format", "markdown"]);
    assert!(run.status.success());
    let printed = String::from_utf8(run.stdout).expect("UTF-8");
    let expected = std::fs::read_to_string(fixtures().join("markdown/expected/en-guide.md"))
        .expect("expected");
    assert_eq!(printed, expected);

    let run = pith(&[
        "extract",
        path_str(&page),
        "--format",
        "jsonl",
        "--text-format",
        "markdown",
    ]);
    assert!(run.status.success());
    let record: serde_json::Value = serde_json::from_slice(&run.stdout).expect("one JSON record");
    // The record's text is the body: the title is its own field.
    let body = expected.split_once("\n\n").expect("title line").1;
    assert_eq!(
        record["text"].as_str().map(|t| format!("{t}\n")),
        Some(body.to_string())
    );

    let refused = pith(&["extract", path_str(&page), "--text-format", "markdown"]);
    assert_eq!(refused.status.code(), Some(2));
}

/// The links and images of `markdown`: (is an image, text or alt, destination).
fn references(markdown: &str) -> Vec<(bool, String, String)> {
    let parser = Parser::new_ext(markdown, pulldown_cmark::Options::ENABLE_TABLES);
    let mut found: Vec<(bool, String, String)> = Vec::new();
    let mut inside = false;
    for event in parser {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                found.push((false, String::new(), dest_url.to_string()));
                inside = true;
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                found.push((true, String::new(), dest_url.to_string()));
                inside = true;
            }
            Event::End(TagEnd::Link | TagEnd::Image) => inside = false,
            Event::Text(text) if inside => {
                if let Some((_, label, _)) = found.last_mut() {
                    label.push_str(&text);
                }
            }
            _ => {}
        }
    }
    found
}

#[test]
fn links_and_images_are_resolved_against_the_record_url_and_base() {
    let html = std::fs::read_to_string(fixtures().join("markdown/links.html")).expect("fixture");
    let record = serde_json::json!({"id": "p", "url": "https://site.test/a/b.html", "html": html});
    let mut args = common::jsonl_filter();
    args.extend(["--text-format", "markdown", "--links", "--images"]);
    let run = common::pith_with_stdin(&args, Some(format!("{record}\n").as_bytes()));
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let record: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
    let markdown = record["text"].as_str().expect("text");
    let found = references(markdown);
    let link = |text: &str, url: &str| (false, text.to_string(), url.to_string());
    assert_eq!(
        found,
        [
            link("installation guide", "https://site.test/docs/guide.html"),
            link("wiki page", "https://example.org/a_(b)"),
            (
                true,
                "A [cat] *sleeping*".to_string(),
                "https://site.test/docs/img/cat%20one.png".to_string()
            ),
            link("this one", "https://site.test/docs/#top"),
        ],
        "{markdown}"
    );
    assert!(
        markdown.contains("click this link that runs"),
        "a javascript: link is its text"
    );

    // Without the flags, links are their text and images are left out.
    let plain = kept_blocks(html.as_bytes()).1;
    assert!(references(&plain).is_empty(), "{plain}");
    assert!(
        plain.contains("Read the installation guide and the wiki page"),
        "{plain}"
    );

    let refused = pith(&["extract", "-", "--links"]);
    assert_eq!(refused.status.code(), Some(2), "--links needs Markdown");
}
