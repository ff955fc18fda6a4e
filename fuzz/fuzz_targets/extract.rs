//! Fuzz target: any bytes through the whole pipeline, under each trade-off.
//! Extraction may fail with a typed error but must never panic or hang;
//! the shortcuts (raw-text bodies and plain markup read by byte searches)
//! must not change the result nor the tree, and the arena pith's
//! sink builds must hold the elements, nesting and text of html5ever's
//! reference tree (`markup5ever_rcdom`) built from the same text.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pith::dom::{Shortcuts, outline};
use pith::{Favor, Options, extract, input};

#[path = "../../tests/common/reference.rs"]
mod reference;

fuzz_target!(|data: &[u8]| {
    let favor = match data.first().map(|b| b % 3) {
        Some(0) => Favor::Precision,
        Some(1) => Favor::Recall,
        _ => Favor::Balanced,
    };
    let options = Options {
        favor,
        timeout: None,
        ..Options::default()
    };
    let skipped = extract(data, &options).map_err(|e| e.to_string());
    let tokenized = Options {
        shortcuts: Shortcuts::Off,
        ..options
    };
    let tokenized = extract(data, &tokenized).map_err(|e| e.to_string());
    assert_eq!(skipped, tokenized, "the raw-text shortcut changed the result");
    let text = input::decode(data);
    let arena = outline::arena(&text, Shortcuts::On).expect("no budget to run out");
    assert_eq!(arena, reference::outline_of(&text), "the arena differs from html5ever's tree");
    assert_eq!(
        reference::attributed_outline(&text, Shortcuts::On),
        reference::attributed_outline(&text, Shortcuts::Off),
        "the shortcuts changed the tree"
    );
});
