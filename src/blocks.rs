//! Blocks: segments the arena into the units a reader sees (paragraphs,
//! headings, list items, quotes, `pre`, table rows, runs of loose text) and
//! measures each one in a script-independent way: graphemes, words (with
//! characters standing in for words in scripts written without spaces),
//! link characters, tag count. Each block also keeps its inline structure
//! (emphasis, strong and code spans, where a row's cells part), and
//! [`layout`] tells where a block sits (lists, quotes, tables), for
//! structured output.

mod layout;

pub use layout::{Container, Layout, Marker, References, layout};

use html5ever::{LocalName, local_name};
use unicode_segmentation::UnicodeSegmentation;

use crate::dom::{Dom, NodeKind, four_bytes, non_space_chars};

/// What kind of unit a block is, from the element that holds its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading(u8),
    ListItem,
    Quote,
    Pre,
    Row,
    /// Text sitting directly in a container (`div`, `td`, `body`, …).
    Loose,
}

/// One unit of text with its measurements.
#[derive(Debug, Clone)]
pub struct Block {
    pub text: String,
    pub kind: BlockKind,
    /// Arena index of the element holding the block.
    pub owner: usize,
    /// Grapheme clusters in `text`.
    pub chars: usize,
    /// Words; in Chinese, Japanese, Thai and similar scripts each character counts.
    pub words: usize,
    /// Graphemes inside links.
    pub link_chars: usize,
    /// Graphemes of the link the block opens with (0 when it opens with text):
    /// a teaser is a linked headline followed by its summary.
    pub leading_link_chars: usize,
    /// Elements inside the block (markup weight).
    pub tags: usize,
    /// Emphasis, strong, code and link spans of `text`, and where images
    /// stand, as byte ranges (none in `pre` blocks, whose text is kept as
    /// it is).
    pub(crate) spans: Vec<PackedSpan>,
    /// Where a row's cells part: the byte offset of each [`CELL_SEPARATOR`]
    /// joining two cells in `text`.
    pub cell_breaks: Vec<usize>,
}

/// What joins the cells of a row in a block's text.
pub const CELL_SEPARATOR: &str = " | ";

/// How a span of inline text is set off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `em`, `i`, `cite`, `var`.
    Emphasis,
    /// `strong`, `b`.
    Strong,
    /// `code`, `kbd`, `samp`, `tt`.
    Code,
    /// An `<a href>`: the span is its text.
    Link,
    /// An `<img>`: an empty span where it stands.
    Image,
}

/// A styled byte range of a block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub style: Style,
    pub start: usize,
    pub end: usize,
    /// The element that sets the span off (its arena index).
    pub element: usize,
}

/// A [`Span`] as blocks keep it: its offsets and element index in four
/// bytes each (a page's text and nodes fit them: [`crate::dom::MAX_TEXT_BYTES`],
/// [`crate::dom::MAX_NODES`]), half the size, as the block of a
/// link-heavy page holds a span per link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PackedSpan {
    style: Style,
    start: u32,
    end: u32,
    element: u32,
}

impl PackedSpan {
    fn pack(span: Span) -> Self {
        PackedSpan {
            style: span.style,
            start: four_bytes(span.start),
            end: four_bytes(span.end),
            element: four_bytes(span.element),
        }
    }

    fn unpack(self) -> Span {
        Span {
            style: self.style,
            start: self.start as usize,
            end: self.end as usize,
            element: self.element as usize,
        }
    }
}

impl Block {
    /// Emphasis, strong, code and link spans of `text`, and where images
    /// stand, as byte ranges (none in `pre` blocks, whose text is kept as
    /// it is).
    pub fn spans(&self) -> impl Iterator<Item = Span> + '_ {
        self.spans.iter().map(|span| span.unpack())
    }

    /// Share of the block's text that sits inside links.
    pub fn link_density(&self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f64 / self.chars as f64
        }
    }

    /// Whether the text is written without spaces between words (Chinese,
    /// Japanese, Thai…), where every character counts as a word.
    pub fn is_unspaced(&self) -> bool {
        self.words * 2 > self.chars
    }

    /// The block's length in words of a spaced script: its words, or for
    /// unspaced scripts its characters over three.
    pub fn spaced_words(&self) -> usize {
        if self.is_unspaced() {
            self.chars.div_ceil(3)
        } else {
            self.words
        }
    }
}

/// How an element takes part in segmentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Joins the surrounding block's text, styled or not.
    Inline(Option<Style>),
    /// Starts a new block for the text it holds.
    Block(BlockKind),
    /// A table cell joined into its row's block.
    Cell,
    /// A line break.
    Break,
    /// Holds blocks; loose text inside it forms blocks of its own.
    Container,
}

/// Segments the whole arena into blocks, in document order.
pub fn segment(dom: &Dom) -> Vec<Block> {
    let roles = element_roles(dom);
    let mut builder = Builder::default();
    // Open elements, each with whether it counts as a link.
    let mut open: Vec<(usize, bool)> = Vec::new();
    for (index, node) in dom.nodes.iter().enumerate() {
        while open
            .last()
            .is_some_and(|&(top, _)| dom.nodes[top].end() <= index)
        {
            if let Some(closed) = open.pop() {
                close(&mut builder, &roles, &open, closed);
            }
        }
        match (node.kind(), dom.element(index)) {
            (NodeKind::Text(span), _) => builder.text(span.of(&dom.text)),
            (NodeKind::Element(_), None) => {}
            (NodeKind::Element(_), Some(element)) => {
                // A heading linked to its own place on the page (a
                // permalink) is the heading, not a link away from it.
                let permalink =
                    element.in_page() && matches!(builder.kind, Some(BlockKind::Heading(_)));
                let is_link = element.is_link() && !permalink;
                builder.enter(index, roles[index], is_link);
                open.push((index, is_link));
            }
        }
    }
    while let Some(closed) = open.pop() {
        close(&mut builder, &roles, &open, closed);
    }
    builder.flush();
    builder.blocks
}

/// Closes an element; text that follows belongs to the nearest open block or container.
fn close(builder: &mut Builder, roles: &[Role], open: &[(usize, bool)], closed: (usize, bool)) {
    let (closed, is_link) = closed;
    let resumed = open.iter().rev().find_map(|&(i, _)| match roles[i] {
        Role::Block(kind) => Some((i, Some(kind))),
        Role::Container => Some((i, None)),
        _ => None,
    });
    builder.leave(roles[closed], is_link, resumed.unwrap_or((0, None)));
}

fn element_roles(dom: &Dom) -> Vec<Role> {
    let mut roles: Vec<Role> = (0..dom.nodes.len())
        .map(|index| {
            dom.element(index)
                .map_or(Role::Inline(None), |element| base_role(&element.name))
        })
        .collect();
    // A row is one block only when its cells hold nothing but inline text;
    // rows of a layout table are containers for the blocks inside them.
    // A row of one cell is that cell's block, so the cell's class (a
    // caption, a comment) speaks for it.
    for index in 0..roles.len() {
        if roles[index] != Role::Block(BlockKind::Row) {
            continue;
        }
        let end = dom.nodes[index].end();
        if !row_is_simple(&roles, end, index) {
            roles[index] = Role::Container;
        } else if let [cell] = cells_of(&roles, end, index)[..] {
            roles[index] = Role::Container;
            roles[cell] = Role::Block(BlockKind::Row);
        }
    }
    for index in 0..roles.len() {
        if roles[index] == Role::Cell && !parent_is_row_block(dom, &roles, index) {
            roles[index] = Role::Container;
        }
    }
    roles
}

fn row_is_simple(roles: &[Role], end: usize, row: usize) -> bool {
    roles[row + 1..end]
        .iter()
        .all(|role| matches!(role, Role::Inline(_) | Role::Cell))
}

fn cells_of(roles: &[Role], end: usize, row: usize) -> Vec<usize> {
    (row + 1..end).filter(|&i| roles[i] == Role::Cell).collect()
}

fn parent_is_row_block(dom: &Dom, roles: &[Role], cell: usize) -> bool {
    let parent = dom.nodes[cell].parent();
    roles.get(parent) == Some(&Role::Block(BlockKind::Row))
}

fn base_role(name: &LocalName) -> Role {
    match *name {
        local_name!("p") => Role::Block(BlockKind::Paragraph),
        local_name!("h1") => Role::Block(BlockKind::Heading(1)),
        local_name!("h2") => Role::Block(BlockKind::Heading(2)),
        local_name!("h3") => Role::Block(BlockKind::Heading(3)),
        local_name!("h4") => Role::Block(BlockKind::Heading(4)),
        local_name!("h5") => Role::Block(BlockKind::Heading(5)),
        local_name!("h6") => Role::Block(BlockKind::Heading(6)),
        local_name!("li") | local_name!("dt") | local_name!("dd") => {
            Role::Block(BlockKind::ListItem)
        }
        local_name!("blockquote") => Role::Block(BlockKind::Quote),
        local_name!("pre")
        | local_name!("listing")
        | local_name!("xmp")
        | local_name!("plaintext") => Role::Block(BlockKind::Pre),
        local_name!("tr") => Role::Block(BlockKind::Row),
        local_name!("td") | local_name!("th") => Role::Cell,
        local_name!("br") => Role::Break,
        local_name!("html")
        | local_name!("body")
        | local_name!("div")
        | local_name!("section")
        | local_name!("article")
        | local_name!("main")
        | local_name!("header")
        | local_name!("footer")
        | local_name!("nav")
        | local_name!("aside")
        | local_name!("address")
        | local_name!("ul")
        | local_name!("ol")
        | local_name!("dl")
        | local_name!("dir")
        | local_name!("menu")
        | local_name!("table")
        | local_name!("thead")
        | local_name!("tbody")
        | local_name!("tfoot")
        | local_name!("caption")
        | local_name!("colgroup")
        | local_name!("figure")
        | local_name!("figcaption")
        | local_name!("form")
        | local_name!("fieldset")
        | local_name!("legend")
        | local_name!("details")
        | local_name!("summary")
        | local_name!("center")
        | local_name!("hgroup")
        | local_name!("hr")
        | local_name!("frameset")
        | local_name!("frame")
        | local_name!("noframes") => Role::Container,
        local_name!("em") | local_name!("i") | local_name!("cite") | local_name!("var") => {
            Role::Inline(Some(Style::Emphasis))
        }
        local_name!("strong") | local_name!("b") => Role::Inline(Some(Style::Strong)),
        local_name!("code") | local_name!("kbd") | local_name!("samp") | local_name!("tt") => {
            Role::Inline(Some(Style::Code))
        }
        local_name!("img") => Role::Inline(Some(Style::Image)),
        // Everything else, custom elements included, displays inline by default.
        _ => Role::Inline(None),
    }
}

/// Accumulates the text of the block being read.
#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    text: String,
    kind: Option<BlockKind>,
    owner: usize,
    link_depth: usize,
    link_bytes: Vec<(usize, usize)>,
    link_start: usize,
    tags: usize,
    pre_depth: usize,
    pending_cell: bool,
    pending_space: bool,
    /// Styled elements open: style, where the text starts, arena index.
    open_styles: Vec<(Style, usize, usize)>,
    /// Styled spans closed in the text being read.
    spans: Vec<PackedSpan>,
    /// Where the text's cell separators start.
    cell_breaks: Vec<usize>,
}

impl Builder {
    fn enter(&mut self, index: usize, role: Role, is_link: bool) {
        match role {
            Role::Inline(style) => {
                self.tags += 1;
                let here = self.text.len();
                if is_link {
                    self.open_link();
                    self.open_styles.push((Style::Link, here, index));
                }
                match style {
                    Some(Style::Image) => self.spans.push(PackedSpan::pack(Span {
                        style: Style::Image,
                        start: here,
                        end: here,
                        element: index,
                    })),
                    Some(style) => self.open_styles.push((style, here, index)),
                    None => {}
                }
            }
            Role::Break => self.line_break(),
            Role::Cell => {
                self.tags += 1;
                self.pending_cell = !self.text.is_empty();
            }
            Role::Block(kind) => {
                self.flush();
                self.start(index, Some(kind));
                if kind == BlockKind::Pre {
                    self.pre_depth += 1;
                }
            }
            Role::Container => {
                self.flush();
                self.start(index, None);
            }
        }
    }

    fn leave(&mut self, role: Role, is_link: bool, resumed: (usize, Option<BlockKind>)) {
        match role {
            Role::Inline(style) => {
                if style.is_some_and(|style| style != Style::Image) {
                    self.close_style();
                }
                if is_link {
                    self.close_link();
                    self.close_style();
                }
            }
            Role::Block(_) | Role::Container => {
                self.flush();
                if role == Role::Block(BlockKind::Pre) {
                    self.pre_depth = self.pre_depth.saturating_sub(1);
                }
                self.start(resumed.0, resumed.1);
            }
            _ => {}
        }
    }

    fn start(&mut self, owner: usize, kind: Option<BlockKind>) {
        self.owner = owner;
        self.kind = kind;
    }

    fn open_link(&mut self) {
        if self.link_depth == 0 {
            self.link_start = self.text.len();
        }
        self.link_depth += 1;
    }

    fn close_link(&mut self) {
        self.link_depth = self.link_depth.saturating_sub(1);
        if self.link_depth == 0 && self.text.len() > self.link_start {
            self.link_bytes.push((self.link_start, self.text.len()));
        }
    }

    fn close_style(&mut self) {
        if let Some(open) = self.open_styles.pop() {
            self.push_span(open);
        }
    }

    fn push_span(&mut self, (style, start, element): (Style, usize, usize)) {
        let end = self.text.len();
        if end > start {
            self.spans.push(PackedSpan::pack(Span {
                style,
                start,
                end,
                element,
            }));
        }
    }

    fn line_break(&mut self) {
        if self.pre_depth > 0 {
            self.text.push('\n');
        } else if !self.text.is_empty() {
            // A double <br> in loose text separates blocks, as paragraphs do.
            if self.text.ends_with('\n') && self.kind.is_none() {
                self.flush();
            } else {
                trim_trailing_space(&mut self.text);
                self.text.push('\n');
                self.pending_space = false;
            }
        }
    }

    fn text(&mut self, raw: &str) {
        if self.pre_depth > 0 {
            self.text.push_str(raw);
            return;
        }
        let mut rest = raw;
        loop {
            let word_start = rest.trim_start();
            if word_start.len() != rest.len() {
                self.pending_space = !self.text.is_empty() && !self.text.ends_with('\n');
            }
            if word_start.is_empty() {
                return;
            }
            let word_len = word_start
                .find(char::is_whitespace)
                .unwrap_or(word_start.len());
            if self.pending_cell {
                trim_trailing_space(&mut self.text);
                self.cell_breaks.push(self.text.len());
                self.text.push_str(CELL_SEPARATOR);
                self.pending_cell = false;
            } else if self.pending_space {
                self.text.push(' ');
            }
            self.pending_space = false;
            self.text.push_str(&word_start[..word_len]);
            rest = &word_start[word_len..];
        }
    }

    fn flush(&mut self) {
        if self.link_depth > 0 {
            self.link_bytes.push((self.link_start, self.text.len()));
            self.link_start = 0;
        }
        let tags = std::mem::take(&mut self.tags);
        self.pending_space = false;
        self.pending_cell = false;
        // Styles still open go on in the next block.
        for index in 0..self.open_styles.len() {
            self.push_span(self.open_styles[index]);
            self.open_styles[index].1 = 0;
        }
        let kind = self.kind.unwrap_or(BlockKind::Loose);
        let block = self.measure(kind, tags);
        // The buffers keep their capacity for the next block.
        self.text.clear();
        self.link_bytes.clear();
        self.spans.clear();
        self.cell_breaks.clear();
        self.blocks.extend(block);
    }

    /// The block the buffered text makes, if it holds any text.
    fn measure(&self, kind: BlockKind, tags: usize) -> Option<Block> {
        let raw = self.text.as_str();
        let text = if kind == BlockKind::Pre {
            trim_pre(raw)
        } else {
            raw.trim().to_owned()
        };
        if text.is_empty() {
            return None;
        }
        let (chars, words) = measure(&text);
        let link_text =
            |&(start, end): &(usize, usize)| text_graphemes(raw.get(start..end).unwrap_or(""));
        let link_chars: usize = self.link_bytes.iter().map(link_text).sum();
        let text_start = raw.len() - raw.trim_start().len();
        let leading_link_chars = self
            .link_bytes
            .first()
            .filter(|&&(start, _)| {
                raw.get(start..text_start)
                    .is_some_and(|gap| gap.trim().is_empty())
            })
            .map_or(0, link_text);
        let (spans, cell_breaks) = if kind == BlockKind::Pre {
            (Vec::new(), Vec::new())
        } else {
            self.structure_within(text_start, text.len())
        };
        Some(Block {
            words,
            link_chars: link_chars.min(chars),
            leading_link_chars: leading_link_chars.min(chars),
            chars,
            text,
            kind,
            owner: self.owner,
            tags,
            spans,
            cell_breaks,
        })
    }

    /// The spans and cell breaks, moved to offsets in the trimmed text
    /// (which starts `shift` bytes into the buffer and is `len` long).
    fn structure_within(&self, shift: usize, len: usize) -> (Vec<PackedSpan>, Vec<usize>) {
        let place = |offset: usize| offset.saturating_sub(shift).min(len);
        let spans = self
            .spans
            .iter()
            .map(|span| span.unpack())
            .map(|span| Span {
                start: place(span.start),
                end: place(span.end),
                ..span
            })
            .filter(|span| span.end > span.start || span.style == Style::Image)
            .map(PackedSpan::pack)
            .collect();
        let breaks = self.cell_breaks.iter().map(|&at| place(at)).collect();
        (spans, breaks)
    }
}

fn trim_trailing_space(text: &mut String) {
    let len = text.trim_end_matches(' ').len();
    text.truncate(len);
}

fn trim_pre(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let first = lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len());
    let last = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(first, |p| p + 1);
    lines[first..last].join("\n")
}

/// Grapheme clusters, excluding whitespace.
pub fn text_graphemes(text: &str) -> usize {
    if text.is_ascii() {
        // Every ASCII character is a grapheme of its own.
        return non_space_chars(text);
    }
    let mut count = 0;
    for ch in text.chars() {
        if !is_own_grapheme(ch) {
            return segmented_graphemes(text);
        }
        count += usize::from(!ch.is_whitespace());
    }
    count
}

fn segmented_graphemes(text: &str) -> usize {
    text.graphemes(true)
        .filter(|g| !g.chars().all(char::is_whitespace))
        .count()
}

/// Characters that never join a neighbour into one grapheme (CR LF aside,
/// which is whitespace): Latin, Cyrillic without its combining marks, and
/// the common punctuation and currency signs. Text made only of them has as
/// many graphemes as characters.
fn is_own_grapheme(ch: char) -> bool {
    matches!(
        ch as u32,
        0..=0x2FF | 0x400..=0x482 | 0x48A..=0x52F | 0x2010..=0x2027 | 0x2030..=0x205E | 0x20A0..=0x20C0
    )
}

/// Words by Unicode word boundaries; in scripts written without spaces
/// (Han, Kana, Thai, Lao, Khmer, Myanmar) every character counts as a word.
pub fn count_words(text: &str) -> usize {
    match count_latin_words(text) {
        Some((words, _)) => words,
        None => segmented_words(text),
    }
}

/// A text's graphemes (whitespace aside) and words, in one pass over
/// Latin-script text.
fn measure(text: &str) -> (usize, usize) {
    match count_latin_words(text) {
        Some((words, graphemes)) => (graphemes, words),
        None => (text_graphemes(text), segmented_words(text)),
    }
}

fn segmented_words(text: &str) -> usize {
    text.unicode_words()
        .map(|word| {
            if word.chars().any(is_unspaced_script) {
                word.chars().count()
            } else {
                1
            }
        })
        .sum()
}

/// How a character of Latin-script text takes part in word boundaries
/// (UAX #29), for the characters the fast path knows.
#[derive(Clone, Copy, PartialEq)]
enum WordClass {
    Letter,
    Digit,
    Underscore,
    /// Joins two letters: `:`.
    MidLetter,
    /// Joins two digits: `,` `;`.
    MidNum,
    /// Joins two letters or two digits: `.` `'` `‘` `’`.
    MidNumLet,
    Other,
}

/// The class of `ch`, or `None` outside the fast path's characters.
fn latin_word_class(ch: char) -> Option<WordClass> {
    Some(match ch {
        'a'..='z' | 'A'..='Z' => WordClass::Letter,
        '\u{c0}'..='\u{24f}' if ch != '×' && ch != '÷' => WordClass::Letter,
        // Cyrillic, without its combining marks and the thousands sign.
        '\u{400}'..='\u{481}' | '\u{48a}'..='\u{52f}' => WordClass::Letter,
        '0'..='9' => WordClass::Digit,
        '_' => WordClass::Underscore,
        ':' => WordClass::MidLetter,
        ',' | ';' => WordClass::MidNum,
        '.' | '\'' | '‘' | '’' => WordClass::MidNumLet,
        '\0'..='\u{7f}' | '\u{a0}' | '«' | '»' | '×' | '÷' | '–' | '—' | '“' | '”' | '…' => {
            WordClass::Other
        }
        _ => return None,
    })
}

/// Unicode word boundaries as they fall in Latin-script text: runs of
/// letters, digits and underscores, joined across one mid-letter mark
/// between letters or one mid-number mark between digits; runs without a
/// letter or digit are not words. Also counts the characters that are not
/// whitespace, each its own grapheme here. `None` when the text holds a
/// character this path does not know.
fn count_latin_words(text: &str) -> Option<(usize, usize)> {
    use WordClass::*;
    let joins = |previous: WordClass, middle: WordClass, next: WordClass| {
        (previous == Letter && next == Letter && matches!(middle, MidLetter | MidNumLet))
            || (previous == Digit && next == Digit && matches!(middle, MidNum | MidNumLet))
    };
    let mut classes = text
        .chars()
        .map(|c| Some((latin_word_class(c)?, c.is_whitespace())))
        .peekable();
    let (mut count, mut in_word, mut has_alphanumeric) = (0, false, false);
    let mut visible = 0;
    let mut previous = Other;
    while let Some(item) = classes.next() {
        let (class, space) = item?;
        visible += usize::from(!space);
        if matches!(class, Letter | Digit | Underscore) {
            if !in_word {
                (in_word, has_alphanumeric) = (true, false);
            }
            has_alphanumeric |= class != Underscore;
        } else {
            let next = classes.peek().copied().flatten().map_or(Other, |(c, _)| c);
            if in_word && !joins(previous, class, next) {
                count += usize::from(has_alphanumeric);
                in_word = false;
            }
        }
        previous = class;
    }
    Some((count + usize::from(in_word && has_alphanumeric), visible))
}

/// Characters of scripts that do not separate words with spaces.
pub fn is_unspaced_script(ch: char) -> bool {
    matches!(ch as u32,
        0x0E00..=0x0EFF      // Thai, Lao
        | 0x1000..=0x109F    // Myanmar
        | 0x1780..=0x17FF    // Khmer
        | 0x3040..=0x30FF    // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0x20000..=0x2FFFF) // CJK extensions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::budget::Budget;

    fn parse(html: &str) -> crate::dom::Dom {
        crate::dom::parse(html, &Budget::unlimited()).unwrap()
    }

    fn texts(html: &str) -> Vec<String> {
        segment(&parse(html)).into_iter().map(|b| b.text).collect()
    }

    #[test]
    fn latin_word_counts_match_unicode_segmentation() {
        let alphabet: Vec<char> = "ab1_ .,;:'\"-\n\réÖ×’‘“—…«\u{a0}жЯё".chars().collect();
        let mut state = 1u64;
        for length in 0..20_000 {
            let text: String = (0..length % 24)
                .map(|_| {
                    state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
                    alphabet[(state >> 33) as usize % alphabet.len()]
                })
                .collect();
            assert_eq!(
                count_latin_words(&text).map(|(words, _)| words),
                Some(text.unicode_words().count()),
                "{text:?}"
            );
        }
    }

    #[test]
    fn one_pass_measure_agrees_with_the_separate_counts() {
        for text in [
            "Hello, world — “quoted” text.",
            "Привет, мир!",
            "日本語のテキスト",
            "e\u{301}a b",
        ] {
            assert_eq!(
                measure(text),
                (segmented_graphemes(text), count_words(text)),
                "{text}"
            );
        }
    }

    #[test]
    fn graphemes_are_counted_alike_on_both_paths() {
        for text in [
            "a b\r\nc — “d” … €5",
            "Grüße, ½ × ¾ ±",
            "e\u{301}a",
            "हिन्दी",
            "ไทย ภาษา",
            "ascii\tonly\u{b}a\u{c}b\u{1c}c  d.",
        ] {
            assert_eq!(text_graphemes(text), segmented_graphemes(text), "{text}");
        }
        assert_eq!(text_graphemes("a b\r\nc — “d”"), 7);
        assert_eq!(text_graphemes("e\u{301}a"), 2);
    }

    #[test]
    fn inline_elements_join_without_adding_spaces() {
        assert_eq!(texts("<p>foo<b>bar</b> <i>baz</i></p>"), ["foobar baz"]);
        assert_eq!(texts("<p>中文<a href=x>链接</a>文本</p>"), ["中文链接文本"]);
        assert_eq!(
            texts("<p>a study (<x-source>1</x-source>).</p>"),
            ["a study (1)."]
        );
    }

    #[test]
    fn loose_text_and_breaks_form_blocks() {
        assert_eq!(
            texts("<div>one<p>two</p>three<br><br>four</div>"),
            ["one", "two", "three", "four"]
        );
        assert_eq!(texts("<p>line one<br>line two</p>"), ["line one\nline two"]);
    }

    #[test]
    fn simple_rows_join_cells() {
        assert_eq!(
            texts("<table><tr><td>a</td><td> b </td></tr></table>"),
            ["a | b"]
        );
        assert_eq!(
            texts("<table><tr><td><p>x</p><p>y</p></td></tr></table>"),
            ["x", "y"]
        );
    }

    #[test]
    fn links_are_measured() {
        let blocks = segment(&parse("<p>read <a href='/x'>this link</a></p>"));
        assert_eq!(blocks[0].chars, 12);
        assert_eq!(blocks[0].link_chars, 8);
        assert_eq!(blocks[0].leading_link_chars, 0);
        let teaser = segment(&parse(
            "<li> <a href='/x'>Headline</a> and its summary</li>",
        ));
        assert_eq!(teaser[0].leading_link_chars, 8);
    }

    #[test]
    fn a_heading_linked_to_its_own_place_is_not_a_link() {
        let blocks = segment(&parse(
            "<h2><a href='#setup'>Setup</a></h2><h2><a href='/setup'>Setup</a></h2>\
             <p><a href='#setup'>Setup</a></p>",
        ));
        let links: Vec<usize> = blocks.iter().map(|b| b.link_chars).collect();
        assert_eq!(links, [0, 5, 5]);
    }

    #[test]
    fn words_are_counted_in_unspaced_scripts() {
        assert_eq!(count_words("hello world"), 2);
        assert_eq!(count_words("日本語です"), 5);
    }

    #[test]
    fn pre_keeps_its_lines() {
        assert_eq!(texts("<pre>\n a  b\n  c\n</pre>"), [" a  b\n  c"]);
    }
}
