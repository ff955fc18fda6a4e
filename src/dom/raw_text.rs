//! Raw-text shortcut: the bodies of elements whose text is never read
//! (scripts other than JSON-LD, styles, iframes, textareas) are skipped with
//! a byte search instead of being tokenized character by character. A token
//! filter sees the tree builder switch the tokenizer into a raw-text state
//! for such an element, finds where the tokenizer would end the body (the
//! HTML tokenizer's rules, the escaped script states included) and drops
//! the body from the tokenizer's input, so html5ever sees the start tag
//! followed at once by the end tag. The tree is the same as without it:
//! the arena sink drops the text of these elements anyway. Inline `<svg>`
//! bodies (icons: a pruned subtree) are dropped the same way when the tree
//! builder has just entered foreign content with them and [`svg`] can
//! follow the body to its end. After any other tag, the plain markup that
//! follows is read by [`plain_markup`].

use std::cell::{Cell, OnceCell};

use html5ever::local_name;
use html5ever::tokenizer::{
    BufferQueue, StartTag, Tag, TagToken, Token, TokenSink, TokenSinkResult,
};

use super::Shortcuts;
use super::plain_markup;
use super::sink::is_json_ld;
use super::svg;

/// Wraps the tree builder (through the depth guard) with the shortcuts; it
/// reads the page's whole text and trims the tokenizer's input queue.
pub struct RawTextSkipper<'a, S> {
    pub inner: S,
    text: &'a str,
    queue: &'a BufferQueue,
    mode: Shortcuts,
    /// End (a byte offset in `text`) of what has been pushed into the queue.
    fed_to: Cell<usize>,
    /// Where feeding resumes when a skipped body runs past what was fed.
    resume: Cell<Option<usize>>,
    /// Whether the page has a `<frameset>` (looked for once, when an SVG
    /// body with text is to be skipped: its text would have barred one).
    has_frameset: OnceCell<bool>,
}

/// How the tokenizer ends the body of an element whose text is never read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Body {
    /// Script data: at `</script`, outside the double-escaped states.
    Script,
    /// Raw text or RCDATA: at the first `</name`.
    Plain(&'static [u8]),
    /// An inline SVG, read in foreign content: at its own `</svg`.
    Svg,
}

impl<'a, S> RawTextSkipper<'a, S> {
    pub fn new(inner: S, text: &'a str, queue: &'a BufferQueue, mode: Shortcuts) -> Self {
        RawTextSkipper {
            inner,
            text,
            queue,
            mode,
            fed_to: Cell::new(0),
            resume: Cell::new(None),
            has_frameset: OnceCell::new(),
        }
    }

    /// Notes that the queue now holds the text up to `end`.
    pub fn fed_to(&self, end: usize) {
        self.fed_to.set(end);
    }

    /// Where the next chunk must start when a body ran past the text fed
    /// (the queue is then empty); taken once.
    pub fn take_resume(&self) -> Option<usize> {
        self.resume.take()
    }

    /// Drops the body of a raw-text element from the tokenizer's input.
    /// The tokenizer has just read the start tag's `>`: what is left of the
    /// fed text is in the queue, as one buffer (anything else is left alone).
    fn skip(&self, body: Body) {
        let front = self.queue.pop_front().unwrap_or_default();
        let fed_to = self.fed_to.get();
        let at = fed_to.saturating_sub(front.len());
        let skippable = self.queue.is_empty()
            && self.text.as_bytes()[..at].ends_with(b">")
            && self.text.is_char_boundary(at);
        let end = skippable.then(|| self.body_end(at, body));
        match end.flatten() {
            Some(end) if end <= fed_to => {
                let mut rest = front;
                rest.pop_front((end - at) as u32);
                self.queue.push_front(rest);
            }
            Some(end) => self.resume.set(Some(end)),
            None => self.queue.push_front(front),
        }
    }

    /// Where the tokenizer would end a body starting at `from` (the `<` of
    /// its end tag); `None` when the text ends first or, in SVG, holds what
    /// the scan does not follow.
    fn body_end(&self, from: usize, body: Body) -> Option<usize> {
        let text = self.text.as_bytes();
        match body {
            Body::Script => script_end(text, from),
            Body::Plain(name) => plain_end(text, from, name),
            Body::Svg => svg::body_end(text, from)
                .filter(|end| !end.has_text || !self.has_frameset())
                .map(|end| end.at),
        }
    }

    /// Hands the tree builder the plain tokens at the front of the input
    /// ([`plain_markup`]) until one is not plain; the tree builder's last
    /// answer, which the tokenizer follows.
    fn read_plain_markup(&self, line_number: u64) -> TokenSinkResult<S::Handle>
    where
        S: TokenSink,
    {
        let Some(mut front) = self.queue.pop_front() else {
            return TokenSinkResult::Continue;
        };
        let mut result = TokenSinkResult::Continue;
        while let Some(read) = plain_markup::next_token(&front) {
            front.pop_front(read.len);
            result = self.inner.process_token(read.token, line_number);
            if !matches!(result, TokenSinkResult::Continue) {
                break;
            }
        }
        if front.len32() > 0 {
            self.queue.push_front(front);
        }
        result
    }

    fn has_frameset(&self) -> bool {
        *self.has_frameset.get_or_init(|| {
            let text = self.text.as_bytes();
            memchr::memchr_iter(b'<', text).any(|lt| {
                text.get(lt + 1..lt + 1 + FRAMESET.len())
                    .is_some_and(|name| name.eq_ignore_ascii_case(FRAMESET))
            })
        })
    }
}

const FRAMESET: &[u8] = b"frameset";

impl<S: TokenSink> TokenSink for RawTextSkipper<'_, S> {
    type Handle = S::Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<Self::Handle> {
        let body = match &token {
            TagToken(tag) if self.mode == Shortcuts::On && tag.kind == StartTag => unread_body(tag),
            _ => None,
        };
        let is_tag = self.mode == Shortcuts::On && matches!(token, TagToken(_));
        // An SVG body is skipped only where its start tag enters foreign
        // content: not in a `<select>` (which drops the tag), nor where a
        // foreign element is already open.
        let was_foreign = body == Some(Body::Svg)
            && self
                .inner
                .adjusted_current_node_present_but_not_in_html_namespace();
        let result = self.inner.process_token(token, line_number);
        match (body, &result) {
            // Only when the tree builder did switch the tokenizer to raw
            // text: not for a `<script>` in SVG, nor one the depth guard
            // dropped.
            (Some(Body::Svg), TokenSinkResult::Continue)
                if !was_foreign
                    && self
                        .inner
                        .adjusted_current_node_present_but_not_in_html_namespace() =>
            {
                self.skip(Body::Svg)
            }
            (Some(body @ (Body::Script | Body::Plain(_))), TokenSinkResult::RawData(_)) => {
                self.skip(body)
            }
            // A tag left the tokenizer in the data state: the plain markup
            // that follows is read here.
            (None, TokenSinkResult::Continue) if is_tag => {
                return self.read_plain_markup(line_number);
            }
            _ => {}
        }
        result
    }

    fn end(&self) {
        self.inner.end()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.inner
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// The body the start tag opens, when its text is never read.
fn unread_body(tag: &Tag) -> Option<Body> {
    match tag.name {
        local_name!("script") if !is_json_ld(&tag.name, &tag.attrs) => Some(Body::Script),
        local_name!("style") => Some(Body::Plain(b"style")),
        local_name!("iframe") => Some(Body::Plain(b"iframe")),
        local_name!("textarea") => Some(Body::Plain(b"textarea")),
        local_name!("svg") if !tag.self_closing => Some(Body::Svg),
        _ => None,
    }
}

/// Where the tokenizer ends raw text or RCDATA starting at `from`: the `<`
/// of the first `</name`; `None` when the text ends first (the tokenizer is
/// then left to it).
fn plain_end(text: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    loop {
        let open = at + memchr::memmem::find(&text[at..], b"</")?;
        if is_end_tag(text, open, name) {
            return Some(open);
        }
        at = open + 2;
    }
}

const SCRIPT: &[u8] = b"script";

/// The end of script data from `from`, following the tokenizer's script
/// states: `<!--` enters the escaped state, where `<script` followed by a
/// tag-name end enters the double-escaped state (left by `</script`), and
/// `-->` returns to plain script data; `</script` ends the body outside
/// the double-escaped state. Only ASCII bytes matter, so bytes are read.
fn script_end(text: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        // Plain script data: only `</script` and `<!--` matter.
        let open = at + memchr::memchr(b'<', &text[at..])?;
        if is_end_tag(text, open, SCRIPT) {
            return Some(open);
        }
        if !text[open + 1..].starts_with(b"!--") {
            at = open + 1;
            continue;
        }
        match escaped_end(text, open + 4)? {
            Escape::EndTag(end) => return Some(end),
            Escape::Closed(next) => at = next,
        }
    }
}

/// How an escaped section of script data ends.
enum Escape {
    /// At the script's end tag (the offset of its `<`).
    EndTag(usize),
    /// At `-->`, with plain script data from the offset given.
    Closed(usize),
}

/// Reads an escaped section from `from`, just after its `<!--` (whose
/// dashes count toward a closing `-->`).
fn escaped_end(text: &[u8], from: usize) -> Option<Escape> {
    let mut double = false;
    let mut dashes = 2;
    let mut at = from;
    loop {
        let &byte = text.get(at)?;
        at += 1;
        match byte {
            b'-' => dashes += 1,
            b'>' if dashes >= 2 => return Some(Escape::Closed(at)),
            b'<' => {
                let open = at - 1;
                if is_end_tag(text, open, SCRIPT) {
                    if !double {
                        return Some(Escape::EndTag(open));
                    }
                    double = false;
                    at = open + 2 + SCRIPT.len() + 1;
                } else if !double && is_start_tag(text, open, SCRIPT) {
                    double = true;
                    at = open + 1 + SCRIPT.len() + 1;
                }
                dashes = 0;
            }
            _ => dashes = 0,
        }
    }
}

/// `</name` (any case) at `open`, then a character that ends a tag name.
fn is_end_tag(text: &[u8], open: usize, name: &[u8]) -> bool {
    text.get(open + 1) == Some(&b'/') && names_tag(text, open + 2, name)
}

/// `<name` (any case) at `open`, then a character that ends a tag name.
fn is_start_tag(text: &[u8], open: usize, name: &[u8]) -> bool {
    names_tag(text, open + 1, name)
}

fn names_tag(text: &[u8], at: usize, name: &[u8]) -> bool {
    let after = at + name.len();
    text.get(at..after)
        .is_some_and(|n| n.eq_ignore_ascii_case(name))
        && text.get(after).is_some_and(|&b| ends_tag_name(b))
}

/// Whitespace, `/` or `>`.
pub(super) fn ends_tag_name(byte: u8) -> bool {
    is_space(byte) || matches!(byte, b'/' | b'>')
}

/// The tokenizer's whitespace (a carriage return reads as a line feed).
pub(super) fn is_space(byte: u8) -> bool {
    matches!(byte, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn script(body: &str) -> Option<&str> {
        script_end(body.as_bytes(), 0).map(|end| &body[end..])
    }

    #[test]
    fn script_data_ends_at_the_first_script_end_tag_outside_double_escapes() {
        assert_eq!(script("a</scripts></SCRIPT>b"), Some("</SCRIPT>b"));
        assert_eq!(script("a</script"), None);
        assert_eq!(
            script("<!--<script>x</script>y</script>z"),
            Some("</script>z")
        );
        assert_eq!(script("<!--<script>--></script>z"), Some("</script>z"));
        assert_eq!(script("<!--></script>z"), Some("</script>z"));
        assert_eq!(script("<!--x</script>z"), Some("</script>z"));
        assert_eq!(
            script("<!--<script>x</script --></script>z"),
            Some("</script>z")
        );
        assert_eq!(script("<!--<script>"), None);
    }

    #[test]
    fn raw_text_ends_at_its_own_end_tag() {
        let style = b"p{}</styles></style\n>";
        assert_eq!(plain_end(style, 0, b"style"), Some(12));
        assert_eq!(plain_end(b"a</style", 0, b"style"), None);
    }
}
