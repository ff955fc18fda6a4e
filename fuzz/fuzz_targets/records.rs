//! Fuzz target: any bytes read as a WARC (plain and gzipped) and as JSON
//! Lines. Readers may yield error entries but must never panic or hang.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pith::input::{Fields, JsonLines, WarcRecords};

fuzz_target!(|data: &[u8]| {
    for gzipped in [false, true] {
        let name = String::from("fuzz");
        WarcRecords::new(data, gzipped, name).take(10_000).for_each(drop);
    }
    JsonLines::new(data, Fields::default(), "fuzz".into())
        .take(10_000)
        .for_each(drop);
});
