//! The pages benchmarks run on: every page of the AEB set (or the fixtures
//! when ../shared is absent), decompressed and held in memory.

use std::path::{Path, PathBuf};

use pith::input;

/// The default folder: the AEB pages, else the fixtures.
pub fn default_folder() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let aeb = root.join("../shared/data/aeb/html");
    if aeb.is_dir() {
        aeb
    } else {
        root.join("fixtures/pages")
    }
}

/// Every page under `folder`, decompressed.
pub fn load_from(folder: &Path) -> Vec<Vec<u8>> {
    let (sources, _) = input::list_sources(&[folder.to_path_buf()]);
    sources
        .iter()
        .filter_map(|s| input::read_source(&s.path).ok())
        .filter_map(|raw| {
            input::decompress(&raw, usize::MAX)
                .ok()
                .map(|page| page.into_owned())
        })
        .collect()
}

/// The default pages.
#[allow(dead_code)] // used by the criterion bench, not by the throughput example
pub fn load() -> Vec<Vec<u8>> {
    load_from(&default_folder())
}
