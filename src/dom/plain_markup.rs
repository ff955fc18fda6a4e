//! Plain-markup shortcut: most of a page is plain start tags, end tags,
//! comments and text, which html5ever's tokenizer reads a character at a
//! time, copying each tag and attribute name and value. Between two tokens
//! in the data state, this reader takes the plain tokens that follow off
//! the front of the tokenizer's input with byte searches (names lower-cased
//! as the tokenizer does, attribute values, comments and text as views of
//! the input) and hands them to the tree builder itself. At the first thing
//! that is not plain (a doctype, a character reference other than `&amp;`
//! in a value, a carriage return, a NUL, odd tag syntax, an element that
//! switches the tokenizer out of the data state, the end of what was fed)
//! it stops and leaves the rest to html5ever, in the same state. Checked
//! against html5ever's own tokenizing like the raw-text shortcut (see
//! [`super::raw_text`]).

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{CharacterTokens, CommentToken, EndTag, StartTag, Tag, TagToken, Token};
use html5ever::{Attribute, LocalName, QualName, local_name, ns};

use super::raw_text::{ends_tag_name, is_space};

/// One plain token read off the input, and the bytes it took.
pub struct Read {
    pub token: Token,
    pub len: u32,
}

/// Reads the plain token at the start of `input`, if there is one: a text
/// run up to the next `<`, a comment or a tag. `None` leaves the input to
/// html5ever.
pub fn next_token(input: &StrTendril) -> Option<Read> {
    let bytes = input.as_bytes();
    if bytes.starts_with(COMMENT_OPEN) {
        read_comment(input, bytes)
    } else if bytes.first() == Some(&b'<') {
        read_tag(input, bytes)
    } else {
        read_text(input, bytes)
    }
}

const COMMENT_OPEN: &[u8] = b"<!--";

/// A comment, ended as the tokenizer ends it: at once by `>` or `->`
/// (an abruptly closed empty comment), else at the first `--` followed by
/// `>` or `!>`; `None` when its text holds a carriage return or a NUL.
fn read_comment(input: &StrTendril, bytes: &[u8]) -> Option<Read> {
    let start = COMMENT_OPEN.len();
    let rest = &bytes[start..];
    let (text_end, end) = if rest.starts_with(b">") {
        (start, start + 1)
    } else if rest.starts_with(b"->") {
        (start, start + 2)
    } else {
        let mut at = start;
        loop {
            let dashes = at + memchr::memmem::find(&bytes[at..], b"--")?;
            match bytes.get(dashes + 2..)? {
                [b'>', ..] => break (dashes, dashes + 3),
                [b'!', b'>', ..] => break (dashes, dashes + 4),
                _ => at = dashes + 1,
            }
        }
    };
    if memchr::memchr2(b'\r', 0, &bytes[start..text_end]).is_some() {
        return None;
    }
    Some(Read {
        token: CommentToken(input.subtendril(start as u32, (text_end - start) as u32)),
        len: u32::try_from(end).ok()?,
    })
}

/// Text up to the next `<`, when it holds nothing the tokenizer rewrites
/// (character references, carriage returns, NULs).
fn read_text(input: &StrTendril, bytes: &[u8]) -> Option<Read> {
    let end = memchr::memchr(b'<', bytes)?;
    let text = &bytes[..end];
    if memchr::memchr3(b'&', b'\r', 0, text).is_some() {
        return None;
    }
    let len = end as u32;
    Some(Read {
        token: CharacterTokens(input.subtendril(0, len)),
        len,
    })
}

/// A start tag (with plain attributes) or an end tag (without any).
fn read_tag(input: &StrTendril, bytes: &[u8]) -> Option<Read> {
    let (kind, name_at) = match bytes.get(1)? {
        b'/' => (EndTag, 2),
        _ => (StartTag, 1),
    };
    if !bytes.get(name_at)?.is_ascii_alphabetic() {
        return None;
    }
    let name_end = name_at + bytes[name_at..].iter().position(|&b| ends_tag_name(b))?;
    if bytes[name_at..name_end].contains(&0) {
        return None;
    }
    let name = lower_name(input, name_at, name_end);
    if kind == StartTag && leaves_data_state(&name) {
        return None;
    }
    let mut reader = TagReader {
        input,
        bytes,
        at: name_end,
        attrs: Vec::new(),
        had_duplicate_attributes: false,
    };
    let self_closing = match kind {
        StartTag => reader.attributes()?,
        EndTag => {
            reader.end_of_end_tag()?;
            false
        }
    };
    let len = u32::try_from(reader.at).ok()?;
    Some(Read {
        token: TagToken(Tag {
            kind,
            name,
            self_closing,
            attrs: reader.attrs,
            had_duplicate_attributes: reader.had_duplicate_attributes,
        }),
        len,
    })
}

/// Start tags after which the tree builder switches the tokenizer out of
/// the data state (raw text, RCDATA, script data, plain text), or whose
/// body the raw-text shortcut skips: html5ever reads those itself.
fn leaves_data_state(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("title")
            | local_name!("textarea")
            | local_name!("style")
            | local_name!("xmp")
            | local_name!("iframe")
            | local_name!("noembed")
            | local_name!("noframes")
            | local_name!("script")
            | local_name!("noscript")
            | local_name!("plaintext")
            | local_name!("svg")
    )
}

/// `input[start..end]` with ASCII upper case lowered, as an atom.
fn lower_name(input: &StrTendril, start: usize, end: usize) -> LocalName {
    let name = &input[start..end];
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        LocalName::from(name.to_ascii_lowercase())
    } else {
        LocalName::from(name)
    }
}

/// Reads a tag's attributes from just after its name.
struct TagReader<'a> {
    input: &'a StrTendril,
    bytes: &'a [u8],
    at: usize,
    attrs: Vec<Attribute>,
    had_duplicate_attributes: bool,
}

impl TagReader<'_> {
    /// Reads attributes up to and including the tag's `>`; whether the tag
    /// is self-closing. `None` at anything the tokenizer reads otherwise
    /// than plainly.
    fn attributes(&mut self) -> Option<bool> {
        loop {
            self.skip_spaces()?;
            match *self.bytes.get(self.at)? {
                b'>' => {
                    self.at += 1;
                    return Some(false);
                }
                b'/' => {
                    (self.bytes.get(self.at + 1)? == &b'>').then_some(())?;
                    self.at += 2;
                    return Some(true);
                }
                _ => self.attribute()?,
            }
        }
    }

    /// An end tag's `>`, after optional spaces (an end tag with anything
    /// else is left to the tokenizer).
    fn end_of_end_tag(&mut self) -> Option<()> {
        self.skip_spaces()?;
        (self.bytes.get(self.at)? == &b'>').then_some(())?;
        self.at += 1;
        Some(())
    }

    /// One attribute: a name, then optionally `=` and a value.
    fn attribute(&mut self) -> Option<()> {
        let start = self.at;
        let len = self.bytes[start..]
            .iter()
            .position(|&b| is_space(b) || matches!(b, b'/' | b'>' | b'='))?;
        let name = &self.bytes[start..start + len];
        if len == 0 || name.iter().any(|&b| matches!(b, b'"' | b'\'' | b'<' | 0)) {
            return None;
        }
        self.at = start + len;
        self.skip_spaces()?;
        let value = if self.bytes.get(self.at)? == &b'=' {
            self.at += 1;
            self.skip_spaces()?;
            self.value()?
        } else {
            StrTendril::new()
        };
        let name = lower_name(self.input, start, start + len);
        // As the tokenizer does, a repeated attribute is dropped.
        if self.attrs.iter().any(|attr| attr.name.local == name) {
            self.had_duplicate_attributes = true;
        } else {
            self.attrs.push(Attribute {
                name: QualName::new(None, ns!(), name),
                value,
            });
        }
        Some(())
    }

    /// A quoted or unquoted value, as a view of the input (a copy when it
    /// writes `&amp;`); `None` for a value holding any other character
    /// reference, a carriage return or a NUL, and for an unquoted one the
    /// tokenizer would complain about.
    fn value(&mut self) -> Option<StrTendril> {
        let start = self.at;
        let (from, end, after) = match *self.bytes.get(start)? {
            quote @ (b'"' | b'\'') => {
                let len = memchr::memchr(quote, &self.bytes[start + 1..])?;
                let end = start + 1 + len;
                // After a quoted value: a space, `/` or `>`.
                let next = *self.bytes.get(end + 1)?;
                (is_space(next) || matches!(next, b'/' | b'>')).then_some(())?;
                (start + 1, end, end + 1)
            }
            b'>' => return None,
            _ => {
                let len = self.bytes[start..]
                    .iter()
                    .position(|&b| is_space(b) || b == b'>')?;
                let value = &self.bytes[start..start + len];
                if value
                    .iter()
                    .any(|&b| matches!(b, b'"' | b'\'' | b'<' | b'=' | b'`'))
                {
                    return None;
                }
                (start, start + len, start + len)
            }
        };
        let value = &self.bytes[from..end];
        if memchr::memchr2(b'\r', 0, value).is_some() {
            return None;
        }
        let value = if memchr::memchr(b'&', value).is_some() {
            StrTendril::from(unescape_amp(&self.input[from..end])?)
        } else {
            self.input.subtendril(from as u32, (end - from) as u32)
        };
        self.at = after;
        Some(value)
    }

    /// Skips the tokenizer's whitespace; `None` at a carriage return (the
    /// tokenizer rewrites it) or at the end of the input.
    fn skip_spaces(&mut self) -> Option<()> {
        while let Some(&byte) = self.bytes.get(self.at) {
            match byte {
                b'\r' => return None,
                b'\t' | b'\n' | b'\x0c' | b' ' => self.at += 1,
                _ => return Some(()),
            }
        }
        None
    }
}

/// `value` with each `&amp;` written `&` (URLs in attributes write their
/// `&` so); `None` when it holds any other `&`, left to the tokenizer.
fn unescape_amp(value: &str) -> Option<String> {
    let mut unescaped = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        unescaped.push_str(&rest[..at]);
        rest = rest[at..].strip_prefix(AMP)?;
        unescaped.push('&');
    }
    unescaped.push_str(rest);
    Some(unescaped)
}

const AMP: &str = "&amp;";
