//! The fitted forest compiled into pith scores blocks exactly as the
//! training script's model did (`train/train.py` writes both the forest and
//! these samples), and `explain` shows each block's score and drivers.

mod common;

use pith::scoring::model::{FEATURES, Row, forest};

#[test]
fn the_embedded_forest_scores_as_training_did() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/forest_samples.json"),
    )
    .expect("samples written by train/train.py");
    let samples: serde_json::Value = serde_json::from_str(&text).expect("samples are JSON");
    let rows = samples["rows"].as_array().expect("rows");
    let scores = samples["scores"].as_array().expect("scores");
    assert!(!rows.is_empty());
    for (row, expected) in rows.iter().zip(scores) {
        let values: Vec<f64> = row
            .as_array()
            .expect("a row")
            .iter()
            .map(|v| v.as_f64().expect("a number"))
            .collect();
        let row: Row = values.try_into().expect("one value per feature");
        let expected = expected.as_f64().expect("a score");
        let got = forest().score(&row);
        assert!(
            (got - expected).abs() < 1e-9,
            "pith scores {got}, training scored {expected}"
        );
    }
    assert_eq!(rows[0].as_array().map(Vec::len), Some(FEATURES));
}

#[test]
fn explain_shows_every_block_s_model_score_and_drivers() {
    let page = common::fixtures().join("pages/types/de-listing.html");
    let html = std::fs::read(&page).expect("the listing fixture");
    let explanation = pith::explain(&html, None, &pith::Options::default()).expect("explained");
    assert!(!explanation.blocks.is_empty());
    for block in &explanation.blocks {
        let score = block.model_score.expect("explain always runs the model");
        assert!(score.is_finite());
        assert!(
            !block.drivers.is_empty(),
            "block {} has drivers",
            block.index
        );
    }
    let json = explanation.to_json();
    assert!(json.contains("\"model_score\"") && json.contains("\"drivers\""));
}

#[test]
fn explain_names_the_thresholds_the_page_was_judged_by() {
    let group = |fixture: &str| {
        let html = std::fs::read(common::fixtures().join(fixture)).expect("a fixture");
        let explanation = pith::explain(&html, None, &pith::Options::default()).expect("explained");
        explanation.model
    };
    // A hand-made news page declaring nothing, and a listing.
    assert_eq!(
        group("pages/families/zh-gbk.html").group,
        "article_undeclared"
    );
    let listing = group("pages/types/de-listing.html");
    assert_eq!(listing.group, "listing");
    assert!(listing.keep_at.is_some() || listing.drop_below.is_some());
}
