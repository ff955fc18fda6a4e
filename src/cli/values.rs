//! Values of command-line options: byte sizes with units (`64M`), and
//! language codes checked against ISO 639.

use std::fmt;
use std::str::FromStr;

/// A number of bytes, written with an optional binary unit: `1500`, `64K`,
/// `64M`, `1G` (case-insensitive, an optional trailing `B` or `iB`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteSize(pub usize);

/// The units, largest first: suffix and multiplier.
const UNITS: [(char, usize); 4] = [
    ('T', 1 << 40),
    ('G', 1 << 30),
    ('M', 1 << 20),
    ('K', 1 << 10),
];

impl FromStr for ByteSize {
    type Err = String;

    fn from_str(text: &str) -> Result<ByteSize, String> {
        let upper = text.trim().to_ascii_uppercase();
        let bare = upper
            .strip_suffix("IB")
            .or_else(|| upper.strip_suffix('B'))
            .unwrap_or(&upper);
        let unit = UNITS
            .iter()
            .find(|(suffix, _)| bare.ends_with(*suffix))
            .map_or(1, |&(_, multiplier)| multiplier);
        let digits = bare.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let invalid =
            || format!("{text:?} is not a size (a number of bytes, or with K, M, G or T)");
        if digits.len() + usize::from(unit > 1) != bare.len() {
            return Err(invalid());
        }
        let number: usize = digits.trim().parse().map_err(|_| invalid())?;
        number
            .checked_mul(unit)
            .map(ByteSize)
            .ok_or_else(|| format!("{text:?} is more bytes than this machine can count"))
    }
}

impl fmt::Display for ByteSize {
    /// The largest unit that divides the size: `64M`, or bytes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = UNITS
            .iter()
            .find(|&&(_, multiplier)| self.0 >= multiplier && self.0.is_multiple_of(multiplier));
        match unit {
            Some((suffix, multiplier)) => write!(f, "{}{suffix}", self.0 / multiplier),
            None => write!(f, "{}", self.0),
        }
    }
}

/// A `--lang` code: ISO 639-1 or 639-3, optionally with a region
/// (`pt-BR`); anything else is refused rather than matching no page.
pub fn language_code(code: &str) -> Result<String, String> {
    if pith::metadata::is_language_code(code) {
        Ok(code.trim().to_string())
    } else {
        Err(format!(
            "{code:?} is not an ISO 639-1 or 639-3 language code (en, deu, pt-BR, …)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_binary_units() {
        let parse = |text: &str| text.parse::<ByteSize>().map(|size| size.0);
        assert_eq!(parse("1500"), Ok(1500));
        assert_eq!(parse("64M"), Ok(64 << 20));
        assert_eq!(parse("1g"), Ok(1 << 30));
        assert_eq!(parse("2KiB"), Ok(2048));
        assert_eq!(parse("3kb"), Ok(3072));
        for bad in ["", "M", "64Q", "1.5M", "-1", "1MM"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn sizes_show_in_their_largest_whole_unit() {
        assert_eq!(ByteSize(64 << 20).to_string(), "64M");
        assert_eq!(ByteSize(1536).to_string(), "1536");
        assert_eq!(ByteSize(0).to_string(), "0");
    }
}
