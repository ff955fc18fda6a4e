//! Fuzz target: any bytes through the whole pipeline, under each trade-off.
//! Extraction may fail with a typed error but must never panic or hang.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pith::{Favor, Options, extract};

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
    let _ = extract(data, &options);
});
