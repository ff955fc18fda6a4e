//! One small page per verdict reason: each asserts the exact reason scoring
//! gives one block, read through `pith::explain` as users see it.

use pith::explain::{BlockReport, Explanation};
use pith::{Options, explain};

mod common;
use common::{PROSE_A, PROSE_B, PROSE_C, page};

fn explained(html: &str) -> Explanation {
    explain(html.as_bytes(), None, &Options::default()).expect("a page explains")
}

fn block<'e>(explanation: &'e Explanation, text: &str) -> &'e BlockReport {
    explanation
        .blocks
        .iter()
        .find(|b| b.text.contains(text))
        .unwrap_or_else(|| panic!("no block holds {text:?}"))
}

/// The reason and detail of the block holding `text` on the page built from `body`.
fn reason_of(body: &str, text: &str) -> (String, String, bool) {
    let explanation = explained(&page(body));
    let block = block(&explanation, text);
    (block.reason.to_string(), block.detail.clone(), block.kept)
}

fn assert_reason(body: &str, text: &str, want: &str, kept: bool) -> String {
    let (reason, detail, was_kept) = reason_of(body, text);
    assert_eq!(reason, want, "{text:?}: {detail}");
    assert_eq!(was_kept, kept, "{text:?}");
    assert!(!detail.is_empty());
    detail
}

fn prose3() -> String {
    format!("<p>{PROSE_A}</p><p>{PROSE_B}</p><p>{PROSE_C}</p>")
}

#[test]
fn prose_is_kept_as_prose() {
    assert_reason(&prose3(), "Engineers spent", "prose", true);
}

#[test]
fn navigation_outside_the_article_is_outside_the_container() {
    assert_reason(&prose3(), "Home", "outside_container", false);
    assert_reason(&prose3(), "Herald Media", "outside_container", false);
}

#[test]
fn furniture_names_the_tag_role_or_class_word_that_marked_it() {
    let by_tag = format!(
        "<p>{PROSE_A}</p><aside><p>A box of other things to look at here.</p></aside><p>{PROSE_B}</p>"
    );
    let detail = assert_reason(&by_tag, "A box of other", "furniture", false);
    assert!(detail.contains("<aside>"), "{detail}");
    let by_role = format!(
        "<p>{PROSE_A}</p><div role='complementary'><p>A box of other things.</p></div><p>{PROSE_B}</p>"
    );
    let detail = assert_reason(&by_role, "A box of other", "furniture", false);
    assert!(detail.contains("role=complementary"), "{detail}");
    let by_class = format!(
        "<p>{PROSE_A}</p><div class='post-share-tools'><p>Facebook X Mail</p></div><p>{PROSE_B}</p>"
    );
    let detail = assert_reason(&by_class, "Facebook", "furniture", false);
    assert!(detail.contains("\"share\""), "{detail}");
}

#[test]
fn short_text_in_a_figure_is_its_caption() {
    let body = format!(
        "<p>{PROSE_A}</p><figure class='media has-caption'><img src='a.jpg'><span>Image copyright Agency</span></figure><p>{PROSE_B}</p>"
    );
    let detail = assert_reason(&body, "Image copyright", "furniture", false);
    assert!(detail.contains("<figure>"), "{detail}");
}

#[test]
fn repeated_cards_are_teasers() {
    let card = |n: u32| {
        format!(
            "<div class='card'><a href='/story/{n}'>Story number {n}</a>\
             <p class='summary'>A summary of story {n} that reads like prose, long enough to count as a sentence of text.</p></div>"
        )
    };
    let body = format!("{}{}{}{}", prose3(), card(1), card(2), card(3));
    let detail = assert_reason(&body, "A summary of story 2", "teaser", false);
    assert!(detail.contains("card"), "{detail}");
}

#[test]
fn cards_of_several_paragraphs_are_sections_not_teasers() {
    let card = |n: u32| {
        format!(
            "<div class='card'><h3><a href='https://example.com/{n}'>Product number {n}</a></h3>\
             <p class='text'>{PROSE_A}</p><p class='text'>{PROSE_B}</p><p class='text'>{PROSE_C}</p></div>"
        )
    };
    let body = format!("{}{}{}{}", prose3(), card(1), card(2), card(3));
    let explanation = explained(&page(&body));
    let paragraphs: Vec<&BlockReport> = explanation
        .blocks
        .iter()
        .filter(|b| b.text == PROSE_B)
        .collect();
    assert_eq!(paragraphs.len(), 4);
    assert!(paragraphs.iter().all(|b| b.reason == "prose" && b.kept));
    // The product's linked name heads its paragraphs and stays with them.
    assert_reason(&body, "Product number 2", "heading", true);
}

#[test]
fn a_builder_panel_in_the_body_is_text_but_a_theme_widget_is_furniture() {
    let body = format!(
        "<div class='entry-content'><div class='so-panel widget'><p>{PROSE_A}</p><p>{PROSE_B}</p></div>\
         <div class='so-panel widget'><p>{PROSE_C}</p></div>\
         <section class='widget widget_block'><p>Please support our newsroom with a gift today.</p></section></div>"
    );
    assert_reason(&body, "Engineers spent", "prose", true);
    assert_reason(&body, "The mayor said", "prose", true);
    let detail = assert_reason(&body, "support our newsroom", "furniture", false);
    assert!(detail.contains("\"widget\""), "{detail}");
}

#[test]
fn lists_of_headed_summaries_are_teasers() {
    let item = |n: u32| {
        format!(
            "<li><a href='/s/{n}'>Headline number {n}</a> and a summary line of that story</li>"
        )
    };
    let body = format!("{}<ul>{}{}{}</ul>", prose3(), item(1), item(2), item(3));
    let detail = assert_reason(&body, "Headline number 2", "teaser", false);
    assert!(detail.contains("linked headlines"), "{detail}");
}

#[test]
fn a_heading_that_repeats_the_title_is_dropped() {
    assert_reason(&prose3(), "River towns prepare", "repeats_title", false);
}

#[test]
fn a_comment_section_title_ends_the_article() {
    let body = format!(
        "{}<h3>Comments (2)</h3><p>{PROSE_C} Great piece.</p>",
        prose3()
    );
    assert_reason(&body, "Comments (2)", "after_comments", false);
    assert_reason(&body, "Great piece", "after_comments", false);
}

#[test]
fn link_lists_inside_the_article_are_link_heavy() {
    let body = format!(
        "<p>{PROSE_A}</p><p><a href='/a'>Flood maps</a> <a href='/b'>Shelters</a></p><p>{PROSE_B}</p>"
    );
    assert_reason(&body, "Flood maps", "link_heavy", false);
    // A linked heading over a list, not over prose, is link-heavy too.
    let heading = format!(
        "<p>{PROSE_A}</p><h3><a href='/maps'>Flood maps</a></h3><ul><li>North bank</li><li>South bank</li></ul><p>{PROSE_B}</p>"
    );
    assert_reason(&heading, "Flood maps", "link_heavy", false);
}

#[test]
fn address_dumps_are_dropped() {
    let body = format!(
        "<p>{PROSE_A}</p><p>https://img.example.org/a.jpg https://img.example.org/b.jpg</p><p>{PROSE_B}</p>"
    );
    assert_reason(&body, "img.example.org/a.jpg", "addresses", false);
}

#[test]
fn strings_of_identifiers_are_dropped_as_addresses() {
    let ids = "6513270e-269e-0d37-f2a7-4de452e6b438Z892f902b-d23f-0824-128b-2f330c5c7fd0";
    let body = format!("<p>{PROSE_A}</p><p>{ids} {ids}</p><p>{PROSE_B}</p>");
    assert_reason(&body, ids, "addresses", false);
}

#[test]
fn boilerplate_phrases_name_the_phrase() {
    let body = format!("<p>{PROSE_A}</p><p>Read more</p><p>{PROSE_B}</p>");
    let detail = assert_reason(&body, "Read more", "phrase", false);
    assert!(detail.contains("\"read more\" (weak)"), "{detail}");
    let body = format!("<p>{PROSE_A}</p><p>This site uses cookies to work.</p><p>{PROSE_B}</p>");
    let detail = assert_reason(&body, "uses cookies", "phrase", false);
    assert!(detail.contains("(strong)"), "{detail}");
}

#[test]
fn short_blocks_at_the_edges_are_kept_only_while_they_run_on() {
    let body = format!(
        "<p>Towns brace for floods.</p><p>{PROSE_A}</p><h2>Volunteers</h2><p>{PROSE_B}</p>\
         <p>Tired.</p><p>{PROSE_C}</p><p>Reporting by Ann Lee.</p><h4>Topics</h4>"
    );
    assert_reason(&body, "Towns brace", "lead", true);
    assert_reason(&body, "Volunteers", "heading", true);
    assert_reason(&body, "Tired.", "short_line", true);
    assert_reason(&body, "Reporting by", "closing", true);
    assert_reason(&body, "Topics", "edge_trim", false);
}

#[test]
fn list_items_between_paragraphs_are_kept() {
    let body = format!("<p>{PROSE_A}</p><ul><li>Sandbags</li><li>Pumps</li></ul><p>{PROSE_B}</p>");
    assert_reason(&body, "Sandbags", "list_or_table", true);
}

#[test]
fn a_short_title_over_a_dropped_box_goes_with_it() {
    let body = format!("{}<div>Get the news daily.</div><p>Read more</p>", prose3());
    assert_reason(&body, "Get the news daily", "box_title", false);
}

#[test]
fn a_page_without_prose_keeps_its_short_lines() {
    let html = "<html><body><h1>Opening hours</h1><p>Monday to Friday</p><p>Nine to five</p></body></html>";
    let explanation = explained(html);
    let block = block(&explanation, "Monday to Friday");
    assert_eq!(block.reason, "no_prose_page", "{}", block.detail);
    assert!(block.kept);
}

#[test]
fn every_block_of_every_fixture_has_a_reason() {
    let pages = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pages");
    let mut seen = 0;
    for entry in walkdir::WalkDir::new(pages)
        .into_iter()
        .filter_map(Result::ok)
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let bytes = std::fs::read(entry.path()).expect("fixture");
        let explanation = explain(&bytes, None, &Options::default()).expect("fixture explains");
        for block in &explanation.blocks {
            assert!(!block.reason.is_empty() && !block.detail.is_empty());
        }
        // What explain shows as kept is exactly what extract renders.
        let kept: Vec<String> = explanation
            .blocks
            .iter()
            .filter(|b| b.kept)
            .map(|b| match b.kind {
                "list_item" => format!("- {}", b.text),
                _ => b.text.clone(),
            })
            .collect();
        assert_eq!(
            explanation.article.text,
            kept.join("\n\n"),
            "{}",
            entry.path().display()
        );
        seen += kept.len();
    }
    assert!(seen > 0);
}

/// A listing: a short intro in a container of its own, then a series of
/// cards that hold most of the page's words.
fn listing() -> String {
    let card = |n: u32| {
        format!(
            "<div class='card'><h2><a href='/p/{n}'>Walking tour number {n} of the old town</a></h2>\
             <p>Two hours through the lanes behind the harbour, ending at the market hall number {n}.</p>\
             <a href='/p/{n}'>Book now</a></div>"
        )
    };
    format!(
        "<html><body><nav><a href='/'>Home</a> <a href='/tours'>Tours</a></nav>\
         <div class='intro'><h1>Tours</h1><p>Our guides.</p></div>\
         <div class='grid'>{}{}{}{}</div><footer><p>Tours Ltd, Harbour Road.</p></footer></body></html>",
        card(1),
        card(2),
        card(3),
        card(4)
    )
}

#[test]
fn a_series_of_cards_is_the_content_of_a_listing() {
    let explanation = explained(&listing());
    let item = block(
        &explanation,
        "Two hours through the lanes behind the harbour, ending at the market hall number 3",
    );
    assert_eq!(
        (item.reason, item.kept),
        ("region_item", true),
        "{}",
        item.detail
    );
    let headline = block(&explanation, "Walking tour number 2");
    assert_eq!((headline.reason, headline.kept), ("region_item", true));
    let button = block(&explanation, "Book now");
    assert_eq!((button.reason, button.kept), ("repeated_in_items", false));
    let footer = block(&explanation, "Tours Ltd");
    assert_eq!((footer.reason, footer.kept), ("outside_region", false));
}

#[test]
fn a_dialog_over_the_page_is_no_series_and_no_container() {
    // The listing's cards inside a consent dialog's wrapper: neither a
    // series of items nor, though they hold most of the page's prose, the
    // container; the model may not keep them either.
    let page = listing()
        .replace("<div class='grid'>", "<div class='consent-modal-wrapper'>")
        .replace(
            "<p>Our guides.</p>",
            "<p>Our guides walk you through the lanes, the harbour and the market, and tell the town's story on the way.</p>",
        );
    let explanation = explained(&page);
    let intro = block(&explanation, "Our guides walk you");
    assert!(intro.kept, "{}", intro.detail);
    for text in [
        "Walking tour number 2",
        "ending at the market hall number 3",
    ] {
        let card = block(&explanation, text);
        assert!(!card.kept, "{text:?}: {}", card.reason);
        assert_ne!(card.reason, "region_item");
    }
}

#[test]
fn a_dialog_class_on_the_page_root_is_the_page_state_not_a_dialog() {
    // "modal-open" on <body>, "cookie-banner-visible" on <html>: the page
    // while a dialog shows, whose series of items stays a series.
    for (from, to) in [
        ("<body>", "<body class='modal-open'>"),
        ("<html>", "<html class='cookie-banner-visible'>"),
    ] {
        let page = listing().replace(from, to);
        assert!(page.contains(to));
        let explanation = explained(&page);
        let card = block(&explanation, "ending at the market hall number 3");
        assert_eq!((card.reason, card.kept), ("region_item", true), "{to}");
    }
}

#[test]
fn a_standfirst_beside_the_container_is_kept_when_favouring_recall() {
    let html = format!(
        "<html><body><h1>Hochwasser an der Elbe</h1>\
         <div class='teaser-text'><p>Die Pegel steigen seit Tagen, und die Städte am Fluss bereiten sich auf das Wochenende vor.</p></div>\
         <div class='article-body'>{}</div></body></html>",
        prose3()
    );
    let recall = Options {
        favor: pith::Favor::Recall,
        ..Options::default()
    };
    let explanation = explain(html.as_bytes(), None, &recall).expect("explains");
    let lead = block(&explanation, "Die Pegel steigen");
    assert_eq!((lead.reason, lead.kept), ("lead", true), "{}", lead.detail);
    let balanced = explained(&html);
    let lead = block(&balanced, "Die Pegel steigen");
    assert!(!lead.kept, "{}", lead.detail);
}

#[test]
fn explain_tells_the_encoding_and_where_it_came_from() {
    let page =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pages/ja-shift-jis.html");
    let bytes = std::fs::read(page).expect("fixture");
    let explanation = explain(&bytes, None, &Options::default()).expect("explains");
    assert_eq!(explanation.encoding.name, "Shift_JIS");
    assert_eq!(
        explanation.encoding.source,
        pith::input::EncodingSource::Meta
    );
    let explanation = explain(&bytes, Some("shift_jis"), &Options::default()).expect("explains");
    assert_eq!(
        explanation.encoding.source,
        pith::input::EncodingSource::Transport
    );
}

#[test]
fn reviews_are_furniture_only_on_a_product_page() {
    let body = format!(
        "<p>{PROSE_A}</p><div class='customer-reviews'><p>Sturdy and well made, five stars.</p></div><p>{PROSE_B}</p>"
    );
    // On an article, a box of reviews may be the text (testimonials): its
    // class word is no furniture there.
    let (reason, detail, _) = reason_of(&body, "Sturdy and well made");
    assert_ne!(reason, "furniture", "{detail}");
    let product = page(&body).replace(
        "<head>",
        "<head><meta property='og:type' content='product'>",
    );
    let explanation = explained(&product);
    let block = block(&explanation, "Sturdy and well made");
    assert_eq!(block.reason.to_string(), "furniture", "{}", block.detail);
    assert!(!block.kept);
    assert!(block.detail.contains("\"customer\""), "{}", block.detail);
}

#[test]
fn a_heading_over_a_closing_table_is_kept_with_it() {
    let body = format!(
        "{}<h3>Specifications</h3><table><tr><td>Weight</td><td>2 kg</td></tr><tr><td>Height</td><td>40 cm</td></tr></table>",
        prose3()
    );
    assert_reason(&body, "Specifications", "closing", true);
    assert_reason(&body, "Weight", "closing", true);
}

/// The type pith gives each page-type fixture. A page that declares its
/// type (JSON-LD, Open Graph) gets it; without a declaration
/// only structure speaks, and a thread or a product grid reads as a series
/// of items (listing), a manual naming its code (`<code>`) as documentation.
#[test]
fn each_page_type_fixture_gets_its_type() {
    let expected = [
        ("de-listing", "listing"),
        ("es-forum", "listing"),
        ("fr-collection", "listing"),
        ("it-product", "product"),
        ("nl-service", "service"),
        ("pt-documentation", "documentation"),
    ];
    let folder = common::fixtures().join("pages/types");
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .expect("types folder")
        .map(|entry| entry.expect("entry").path())
        .filter_map(|path| Some(path.file_stem()?.to_str()?.to_string()))
        .collect();
    names.sort();
    let listed: Vec<&str> = expected.iter().map(|(name, _)| *name).collect();
    assert_eq!(names, listed, "every type fixture is listed here");
    for (name, want) in expected {
        let bytes = std::fs::read(folder.join(format!("{name}.html"))).expect("fixture");
        let explanation = explain(&bytes, None, &Options::default()).expect("explains");
        assert_eq!(explanation.page_type.name(), want, "{name}");
    }
}

#[test]
fn a_page_handed_over_by_value_gives_the_article_it_gives_when_lent() {
    let pages = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pages");
    let options = Options {
        metadata: true,
        ..Options::default()
    };
    let mut seen = 0;
    for entry in walkdir::WalkDir::new(pages)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
    {
        let bytes = std::fs::read(entry.path()).expect("fixture");
        let lent = pith::extract_page(&bytes[..], None, None, &options).expect("fixture extracts");
        // Gzipped too: then both the bytes and their decompressed copy are owned.
        let zipped = (!bytes.starts_with(b"\x1f\x8b")).then(|| common::gzip(&bytes));
        for owned in std::iter::once(bytes).chain(zipped) {
            let given = pith::extract_page(owned, None, None, &options).expect("fixture extracts");
            assert_eq!(given, lent, "{}", entry.path().display());
        }
        seen += 1;
    }
    assert!(seen >= 10, "only {seen} fixture pages");
}
