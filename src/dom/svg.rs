//! Where the body of an inline `<svg>` ends, read from the bytes the way
//! html5ever's tokenizer and tree builder would read them, so the raw-text
//! shortcut can drop the body (the arena prunes the whole subtree anyway).
//! Inside SVG the tokenizer stays in its data state: tags, comments and
//! CDATA sections are followed here, with the stack of SVG elements they
//! open. Whatever the tree builder could read as HTML (a tag that breaks
//! out of foreign content, an integration point holding markup, `<math>`,
//! an end tag that does not close the element open) gives up: the body is
//! then tokenized as usual.

use memchr::memchr;

use super::raw_text::{ends_tag_name, is_space};

/// How an SVG body ends, when the scan can follow it.
pub struct SvgEnd {
    /// The offset of the `<` of the end tag that closes the `<svg>`.
    pub at: usize,
    /// Whether the body holds text other than whitespace (which the tree
    /// builder would have counted against a later `<frameset>`).
    pub has_text: bool,
}

/// Start tags that break out of foreign content (the HTML standard's list,
/// `font` included whatever its attributes), `<math>` (whose token elements
/// hold HTML) and `foreignObject` (which holds HTML): the scan gives up.
const GIVES_UP_AT: &[&[u8]] = &[
    b"b",
    b"big",
    b"blockquote",
    b"body",
    b"br",
    b"center",
    b"code",
    b"dd",
    b"div",
    b"dl",
    b"dt",
    b"em",
    b"embed",
    b"font",
    b"foreignobject",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"head",
    b"hr",
    b"i",
    b"img",
    b"li",
    b"listing",
    b"math",
    b"menu",
    b"meta",
    b"nobr",
    b"ol",
    b"p",
    b"pre",
    b"ruby",
    b"s",
    b"small",
    b"span",
    b"strike",
    b"strong",
    b"sub",
    b"sup",
    b"table",
    b"tt",
    b"u",
    b"ul",
    b"var",
];

/// SVG elements read as HTML integration points: followed only when they
/// hold plain text up to their own end tag.
const TEXT_ONLY: &[&[u8]] = &[b"title", b"desc"];

/// Opens a CDATA section (read as one in foreign content only).
const CDATA_OPEN: &[u8] = b"<![CDATA[";

/// End tags that break out of foreign content.
const END_TAGS_GIVING_UP: &[&[u8]] = &[b"br", b"p"];

/// The end of the body of an `<svg>` whose start tag ends just before
/// `from`; `None` when the scan cannot follow it to its end.
pub fn body_end(text: &[u8], from: usize) -> Option<SvgEnd> {
    let mut open: Vec<&[u8]> = Vec::new();
    let mut has_text = false;
    let mut at = from;
    loop {
        let lt = at + memchr(b'<', &text[at..])?;
        has_text |= !is_blank(&text[at..lt]);
        at = match Markup::at(text, lt)? {
            Markup::Text => {
                has_text = true;
                lt + 1
            }
            Markup::Skipped {
                end,
                has_text: inside,
            } => {
                has_text |= inside;
                end
            }
            Markup::Start(tag) if tag.self_closing => tag.end,
            Markup::Start(tag) if is_one_of(tag.name, TEXT_ONLY) => {
                let (end, inside) = text_only_end(text, tag.end, tag.name)?;
                has_text |= inside;
                end
            }
            Markup::Start(tag) => {
                open.push(tag.name);
                tag.end
            }
            Markup::End(tag) => match open.last() {
                Some(name) if name.eq_ignore_ascii_case(tag.name) => {
                    open.pop();
                    tag.end
                }
                None if tag.name.eq_ignore_ascii_case(b"svg") => {
                    return Some(SvgEnd { at: lt, has_text });
                }
                _ => return None,
            },
        };
    }
}

/// What starts at a `<` inside SVG.
enum Markup<'a> {
    /// A `<` that opens nothing: text.
    Text,
    /// A comment or a CDATA section, up to `end`.
    Skipped {
        end: usize,
        has_text: bool,
    },
    Start(ScannedTag<'a>),
    End(ScannedTag<'a>),
}

struct ScannedTag<'a> {
    name: &'a [u8],
    /// Just after the tag's `>`.
    end: usize,
    self_closing: bool,
}

impl<'a> Markup<'a> {
    /// Reads what starts at `lt`; `None` where the scan gives up.
    fn at(text: &'a [u8], lt: usize) -> Option<Self> {
        let rest = &text[lt + 1..];
        match *rest.first()? {
            byte if byte.is_ascii_alphabetic() => {
                let tag = scan_tag(text, lt + 1)?;
                (!is_one_of(tag.name, GIVES_UP_AT)).then_some(Markup::Start(tag))
            }
            b'/' if rest.get(1).is_some_and(u8::is_ascii_alphabetic) => {
                let tag = scan_tag(text, lt + 2)?;
                (!is_one_of(tag.name, END_TAGS_GIVING_UP)).then_some(Markup::End(tag))
            }
            b'!' if rest.starts_with(b"!--") => Some(Markup::Skipped {
                end: comment_end(text, lt + 4)?,
                has_text: false,
            }),
            b'!' if text[lt..].starts_with(CDATA_OPEN) => {
                let inside = lt + CDATA_OPEN.len();
                let close = memchr::memmem::find(&text[inside..], b"]]>")?;
                Some(Markup::Skipped {
                    end: inside + close + 3,
                    has_text: true,
                })
            }
            b'!' | b'/' | b'?' => None,
            _ => Some(Markup::Text),
        }
    }
}

/// Where the tokenizer is inside a tag, after its name.
#[derive(Clone, Copy)]
enum InTag {
    BeforeName,
    Name,
    AfterName,
    BeforeValue,
    Quoted(u8),
    Unquoted,
    AfterQuoted,
    SelfClosing,
}

/// The tag whose name starts at `name_start`, read by the tokenizer's tag
/// and attribute states up to its `>` (a `>` inside a quoted value does
/// not end it); `None` when the text ends first.
fn scan_tag(text: &[u8], name_start: usize) -> Option<ScannedTag<'_>> {
    let name_len = text[name_start..].iter().position(|&b| ends_tag_name(b))?;
    let name = &text[name_start..name_start + name_len];
    let mut state = InTag::BeforeName;
    let mut at = name_start + name_len;
    loop {
        if let InTag::Quoted(quote) = state {
            // A value (path data, mostly) is passed over in one search.
            at += memchr(quote, &text[at..])? + 1;
            state = InTag::AfterQuoted;
            continue;
        }
        let byte = *text.get(at)?;
        at += 1;
        state = match (state, byte) {
            (InTag::SelfClosing, b'>') => {
                return Some(ScannedTag {
                    name,
                    end: at,
                    self_closing: true,
                });
            }
            (_, b'>') => {
                return Some(ScannedTag {
                    name,
                    end: at,
                    self_closing: false,
                });
            }
            (InTag::Unquoted, b) if is_space(b) => InTag::BeforeName,
            (InTag::Unquoted, _) => InTag::Unquoted,
            (InTag::BeforeValue, b'"' | b'\'') => InTag::Quoted(byte),
            (InTag::BeforeValue, b) if is_space(b) => InTag::BeforeValue,
            (InTag::BeforeValue, _) => InTag::Unquoted,
            (InTag::Name | InTag::AfterName, b'=') => InTag::BeforeValue,
            (InTag::Name, b) if is_space(b) => InTag::AfterName,
            (_, b'/') => InTag::SelfClosing,
            (InTag::AfterName, b) if is_space(b) => InTag::AfterName,
            (_, b) if is_space(b) => InTag::BeforeName,
            _ => InTag::Name,
        };
    }
}

/// The end of a `title` or `desc` opened at `from` (read as HTML by the
/// tree builder): its own end tag must come before any other markup.
/// Returns the offset after that end tag and whether text came before it.
fn text_only_end(text: &[u8], from: usize, name: &[u8]) -> Option<(usize, bool)> {
    let lt = from + memchr(b'<', &text[from..])?;
    let tag = match Markup::at(text, lt)? {
        Markup::End(tag) if tag.name.eq_ignore_ascii_case(name) => tag,
        _ => return None,
    };
    Some((tag.end, !is_blank(&text[from..lt])))
}

/// The end of a comment whose text starts at `from` (after `<!--`): the
/// offset after the first `>` that follows `--` or `--!` inside it, or
/// after the `>` of an empty `<!-->` or `<!--->`.
fn comment_end(text: &[u8], from: usize) -> Option<usize> {
    let body = &text[from..];
    if body.starts_with(b">") {
        return Some(from + 1);
    }
    if body.starts_with(b"->") {
        return Some(from + 2);
    }
    let mut at = 0;
    loop {
        let gt = at + memchr(b'>', &body[at..])?;
        let before = &body[..gt];
        if before.ends_with(b"--") || before.ends_with(b"--!") && before.len() >= 3 {
            return Some(from + gt + 1);
        }
        at = gt + 1;
    }
}

fn is_one_of(name: &[u8], names: &[&[u8]]) -> bool {
    names.iter().any(|n| n.eq_ignore_ascii_case(name))
}

fn is_blank(text: &[u8]) -> bool {
    text.iter().all(|&b| is_space(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What follows the end found in `<svg>` + `body`, and whether text
    /// was seen.
    fn rest(body: &str) -> Option<(&str, bool)> {
        body_end(body.as_bytes(), 0).map(|end| (&body[end.at..], end.has_text))
    }

    #[test]
    fn an_icon_ends_at_its_end_tag() {
        let icon = "<path d='M0 0h24v24' /><g><circle r=\"2\"></circle></g>\n</svg>after";
        assert_eq!(rest(icon), Some(("</svg>after", false)));
        assert_eq!(rest("<PATH D=\"1\"/></SVG >"), Some(("</SVG >", false)));
        // An unquoted value takes the `/`: the path stays open.
        assert_eq!(rest("<path d=1/></svg>"), None);
    }

    #[test]
    fn quoted_values_comments_and_cdata_hide_their_markup() {
        assert_eq!(
            rest("<g title='a > </svg>'></g></svg>x"),
            Some(("</svg>x", false))
        );
        assert_eq!(rest("<!-- </svg> --></svg>x"), Some(("</svg>x", false)));
        assert_eq!(rest("<!--></svg>x"), Some(("</svg>x", false)));
        assert_eq!(rest("<!--!></svg>--!></svg>x"), Some(("</svg>x", false)));
        assert_eq!(rest("<![CDATA[</svg>]]></svg>x"), Some(("</svg>x", true)));
    }

    #[test]
    fn text_and_titles_are_noted() {
        assert_eq!(rest("<title>Menu</title></svg>"), Some(("</svg>", true)));
        assert_eq!(rest("<text>a < b</text></svg>"), Some(("</svg>", true)));
        assert_eq!(rest("<title/></svg>"), Some(("</svg>", false)));
    }

    #[test]
    fn html_inside_gives_up() {
        for body in [
            "<p>para</p></svg>",
            "<g><div></div></g></svg>",
            "<foreignObject><span>x</span></foreignObject></svg>",
            "<title><b>x</b></title></svg>",
            "<g></p></g></svg>",
            "<g></div></svg>",
            "<g><svg></g></svg>",
            "<math><mi>x</mi></math></svg>",
            "<!DOCTYPE html></svg>",
            "<?xml?></svg>",
            "<g attr='never closed",
            "<g></g>",
        ] {
            assert_eq!(rest(body), None, "{body}");
        }
    }
}
