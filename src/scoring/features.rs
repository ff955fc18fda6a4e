//! Features: what scoring needs to know about each block, measured once.

use crate::blocks::{Block, BlockKind};
use crate::scoring::tuning::*;

/// The measurements of one block that scoring rules read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Features {
    pub chars: f64,
    pub link_chars: f64,
    pub link_density: f64,
    /// Length in words of a spaced script (characters / 3 where unspaced).
    pub spaced_words: usize,
    /// Long enough to be a sentence of prose in its script.
    pub prose: bool,
    /// A long paragraph or list item whose links do not make all of it.
    pub linked_prose: bool,
    /// Made mostly of links, and not linked prose.
    pub link_heavy: bool,
    /// Made mostly of web addresses.
    pub addresses: bool,
    /// Loose text that reads as a sentence.
    pub loose_sentence: bool,
    /// The share of the block its opening link takes.
    pub leading_link_share: f64,
    /// Whether the opening link is all the block's links.
    pub only_leading_link: bool,
    /// Whether the opening link is a whole sentence (a roundup item).
    pub leading_link_is_sentence: bool,
}

impl Features {
    pub fn of(block: &Block) -> Features {
        let link_density = block.link_density();
        let spaced_words = block.spaced_words();
        let prose = if block.is_unspaced() {
            block.chars >= PROSE_MIN_UNSPACED_CHARS
        } else {
            block.words >= PROSE_MIN_WORDS || block.chars >= PROSE_MIN_CHARS
        };
        let linked_prose = matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem)
            && spaced_words >= LINKED_PROSE_MIN_WORDS
            && link_density < LINKED_PROSE_MAX_LINK_DENSITY;
        Features {
            chars: block.chars as f64,
            link_chars: block.link_chars as f64,
            link_density,
            spaced_words,
            prose,
            linked_prose,
            link_heavy: link_density > LINK_HEAVY_DENSITY && !linked_prose,
            addresses: is_mostly_addresses(&block.text),
            loose_sentence: block.kind == BlockKind::Loose
                && spaced_words >= LOOSE_SENTENCE_MIN_WORDS
                && ends_with_full_stop(&block.text),
            leading_link_share: block.leading_link_chars as f64 / block.chars.max(1) as f64,
            only_leading_link: block.leading_link_chars == block.link_chars,
            leading_link_is_sentence: leading_link_ends_sentence(block),
        }
    }

    /// Prose that is not mostly links.
    pub fn linkless_prose(&self) -> bool {
        self.prose && self.link_density <= LINK_HEAVY_DENSITY
    }

    /// A linked headline: mostly links.
    pub fn headline(&self) -> bool {
        self.link_density >= LINK_HEAVY_DENSITY
    }
}

/// A full stop, question or exclamation mark, in any script.
pub fn is_full_stop(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | '।' | '؟' | '۔')
}

/// Whether a text ends with a full stop, question or exclamation mark.
pub fn ends_with_full_stop(text: &str) -> bool {
    text.trim_end().chars().last().is_some_and(is_full_stop)
}

/// Whether a block's opening link is a whole sentence, as the items of a
/// news roundup are; teaser headlines are titles, without a full stop.
fn leading_link_ends_sentence(block: &Block) -> bool {
    if block.leading_link_chars == 0 {
        return false;
    }
    let mut visible = block.text.chars().filter(|c| !c.is_whitespace());
    let last_linked = visible.by_ref().take(block.leading_link_chars).last();
    // The stop may sit just inside the link or just after it.
    last_linked.is_some_and(is_full_stop) || visible.next().is_some_and(is_full_stop)
}

/// Text made mostly of web addresses (image lists, raw link dumps) or of
/// unbroken strings of letters and digits far longer than any word
/// (hashes, identifiers, encoded data an obfuscated page scatters in its
/// markup) is never article prose.
fn is_mostly_addresses(text: &str) -> bool {
    let is_address = |word: &&str| {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '/');
        word.starts_with("http://") || word.starts_with("https://") || word.starts_with("www.")
    };
    // Letters, digits and joiners only: paths, commands and data quoted in
    // the text hold slashes, dots, quotes; scripts written without spaces
    // run long without being such strings.
    let is_unbroken_string = |word: &&str| {
        word.len() >= UNBROKEN_STRING_MIN_CHARS
            && word
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    };
    // Most blocks hold neither: one pass over the bytes rules them out
    // before the per-word look (a word of that length lies in a run of
    // bytes at least as long between ASCII spaces).
    let longest_run = text
        .split(|c: char| c.is_ascii_whitespace())
        .map(str::len)
        .max()
        .unwrap_or(0);
    if longest_run < UNBROKEN_STRING_MIN_CHARS && !text.contains("http") && !text.contains("www.") {
        return false;
    }
    let (address_chars, all_chars) = text.split_whitespace().fold((0, 0), |(a, n), word| {
        let len = word.chars().count();
        let counts = is_address(&word) || is_unbroken_string(&word);
        (a + if counts { len } else { 0 }, n + len)
    });
    address_chars as f64 > ADDRESS_MIN_SHARE * all_chars as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifier_strings_count_as_addresses_words_and_paths_do_not() {
        let ids = "f2f260c3-bf1f-466a-b856-6f031758a086p16207f0d-5442-4472-ad51-162a45a841c3";
        assert!(is_mostly_addresses(&format!("{ids} {ids} tail")));
        assert!(!is_mostly_addresses(&format!(
            "One id, {ids}, in a sentence of words that are far longer than it together."
        )));
        // The longest words of a language, paths and code are no such strings.
        assert!(!is_mostly_addresses(
            "Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz"
        ));
        assert!(!is_mostly_addresses(
            "mirrors.kernel.org/sourceware/cygwin/x86_64/release/cygwin/cygwin-2.5.2-1.tar.xz"
        ));
        assert!(!is_mostly_addresses(
            "北海道産のイタヤカエデを一枚板のまま削り出したまな板です。刃当たりがやわらかく、包丁の刃を傷めにくいのが特長です。"
        ));
        assert!(!is_mostly_addresses(
            "ภาษาไทยเขียนติดกันโดยไม่เว้นวรรคระหว่างคำจึงมีสายอักขระยาวมากในประโยคเดียว"
        ));
    }
}
