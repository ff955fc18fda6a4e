//! Metadata of the hand-made pages in `fixtures/metadata` (bylines and
//! dates in German, French, Spanish, Indonesian, Japanese, Russian and
//! English; JSON-LD in CDATA with `@id` references; dates in the URL, under
//! the title, a time zone's day off; a blog-name heading; a forum's section
//! `h1` beside the declared one (Portuguese), a hero banner's `h1` rewording
//! the declared title with a broken canonical and a percent-escaped URL
//! (German), a service page's slogan (Italian)): title, authors,
//! publication date and language, exactly as `expected.json` gives them.

mod common;

use serde_json::{Map, Value, json};

use common::{fixtures, path_str, pith};

#[test]
fn fixture_pages_give_their_metadata_exactly() {
    let folder = fixtures().join("metadata");
    let run = pith(&["extract", path_str(&folder), "--format", "jsonl"]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut got = Map::new();
    for line in String::from_utf8(run.stdout).expect("utf-8").lines() {
        let record: Value = serde_json::from_str(line).expect("JSON record");
        let id = record["id"].as_str().expect("id");
        let name = id.rsplit('/').next().expect("name");
        let metadata = &record["metadata"];
        got.insert(
            name.to_string(),
            json!({
                "title": record["title"],
                "authors": metadata.get("authors").cloned().unwrap_or(json!([])),
                "published": metadata["published"],
                "language": metadata["language"],
            }),
        );
    }
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(folder.join("expected.json")).expect("expected.json"),
    )
    .expect("expected JSON");
    assert_eq!(Value::Object(got), expected);
}

#[test]
fn a_page_without_text_has_no_language() {
    let page = "<html><head><title>Une page sans texte aucun</title></head><body><h1>Accueil</h1></body></html>";
    let article = pith::extract(page.as_bytes(), &pith::Options::default()).expect("extracts");
    assert!(article.text.is_empty());
    assert_eq!(article.metadata.language, None);
}
