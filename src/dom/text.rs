//! Text hygiene: every text node is cleaned as it enters the arena of
//! characters that are invisible junk in running text (soft hyphens, and
//! zero-width spaces outside scripts written without spaces) and composed
//! to Unicode NFC, so a word reads and compares the same however the page
//! encoded it. ASCII text, most of every page, passes untouched.

use std::borrow::Cow;

use icu_normalizer::ComposingNormalizerBorrowed;

use crate::blocks::is_unspaced_script;

/// U+00AD: a hyphenation hint, shown only where a line happens to break.
const SOFT_HYPHEN: char = '\u{ad}';
/// U+200B: a line-break hint; in Thai, Lao, Khmer, Myanmar (and sometimes
/// Japanese) text it marks the word boundaries spaces would, so it stays there.
/// (U+200D, the zero-width joiner, builds emoji and Indic conjuncts: kept.)
const ZERO_WIDTH_SPACE: char = '\u{200b}';

/// The text without soft hyphens and stray zero-width spaces, in NFC.
pub fn clean(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let text = if text.contains([SOFT_HYPHEN, ZERO_WIDTH_SPACE]) {
        Cow::Owned(strip_invisible(text))
    } else {
        Cow::Borrowed(text)
    };
    let nfc = ComposingNormalizerBorrowed::new_nfc();
    if nfc.is_normalized(&text) {
        text
    } else {
        Cow::Owned(nfc.normalize(&text).into_owned())
    }
}

/// Characters of `text` other than whitespace.
pub fn non_space_chars(text: &str) -> usize {
    if text.is_ascii() {
        // ASCII whitespace as `char::is_whitespace` has it: tab to carriage
        // return, and space.
        return text
            .bytes()
            .filter(|b| !matches!(b, b'\t'..=b'\r' | b' '))
            .count();
    }
    text.chars().filter(|c| !c.is_whitespace()).count()
}

fn strip_invisible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        let keep = match ch {
            SOFT_HYPHEN => false,
            ZERO_WIDTH_SPACE => out.chars().next_back().is_some_and(is_unspaced_script),
            _ => true,
        };
        if keep {
            out.push(ch);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_clean_text_pass_unchanged() {
        for text in [
            "plain text",
            "Grüße, 世界",
            "ไทย\u{200b}ภาษา",
            "👩\u{200d}💻",
        ] {
            assert_eq!(clean(text), text);
        }
    }

    #[test]
    fn removing_a_soft_hyphen_can_compose_what_it_split() {
        assert_eq!(clean("e\u{ad}\u{301}t\u{e9}"), "\u{e9}t\u{e9}");
        assert_eq!(clean("\u{200b}a\u{200b}b"), "ab");
    }
}
