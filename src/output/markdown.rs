//! Markdown: renders the kept blocks as CommonMark (with GitHub's pipe
//! tables) that reads as the article does — headings, paragraphs with hard
//! line breaks, nested bullet and numbered lists, pipe tables, block
//! quotes, fenced code with its language, emphasis, strong, inline code,
//! and the links and images the layout resolved — escaping text that would otherwise be read as Markdown syntax,
//! so that a CommonMark parser gives back the blocks' text.

use rustc_hash::FxHashSet;

use crate::blocks::{Block, BlockKind, CELL_SEPARATOR, Container, Layout, Marker, Span, Style};
use crate::dom::Reference;

/// The level the body's highest heading takes: one below the title's `#`,
/// whether or not the title is written, so that a record's text and a
/// file's body carry the same levels.
const TOP_BODY_HEADING: u8 = 2;
/// The deepest heading CommonMark has.
const DEEPEST_HEADING: u8 = 6;
/// The fewest backticks that open a fenced code block.
const MIN_FENCE: usize = 3;
/// The most digits CommonMark reads as an ordered list's number.
const MAX_LIST_DIGITS: usize = 9;

/// The title as a top-level heading.
pub fn title_line(title: &str) -> String {
    let whole = 0..title.len();
    format!(
        "# {}",
        inline(title, std::iter::empty(), whole, Context::Heading, &[])
    )
}

/// The kept blocks (`indices`, each with its [`Layout`]) as Markdown,
/// blocks separated by blank lines, list items of one list by one line.
pub fn render_body(blocks: &[Block], indices: &[usize], layouts: &[Layout]) -> String {
    let top_heading = indices
        .iter()
        .filter_map(|&index| match blocks[index].kind {
            BlockKind::Heading(level) => Some(level),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    let mut out = String::new();
    let mut opened = FxHashSet::default();
    let mut previous: Option<&Layout> = None;
    let mut at = 0;
    while at < indices.len() {
        let layout = &layouts[at];
        let block = &blocks[indices[at]];
        let (content, taken) = match layout.table {
            Some(table) if block.kind == BlockKind::Row => {
                let rows = indices[at..]
                    .iter()
                    .zip(&layouts[at..])
                    .take_while(|&(&index, other)| {
                        blocks[index].kind == BlockKind::Row
                            && other.table == Some(table)
                            && other.containers == layout.containers
                    })
                    .map(|(&index, _)| &blocks[index]);
                let rows: Vec<&Block> = rows.collect();
                (pipe_table(&rows, &layout.references), rows.len())
            }
            _ => (block_content(block, layout, top_heading), 1),
        };
        let (first, rest, opens_item) = prefixes(&layout.containers, &mut opened);
        if let Some(previous) = previous {
            let in_list = |l: &Layout| {
                l.containers
                    .iter()
                    .any(|c| matches!(c, Container::Item { .. }))
            };
            out.push('\n');
            if !(opens_item && in_list(previous)) {
                let shared = shared_prefix(&previous.containers, &layout.containers);
                out.push_str(shared.trim_end());
                out.push('\n');
            }
        }
        for (number, line) in content.split('\n').enumerate() {
            if number > 0 {
                out.push('\n');
            }
            let prefix = if number == 0 { &first } else { &rest };
            if line.is_empty() {
                out.push_str(prefix.trim_end());
            } else {
                out.push_str(prefix);
                out.push_str(line);
            }
        }
        previous = Some(layout);
        at += taken;
    }
    out
}

/// The prefixes of a block's first line and of its other lines, and
/// whether it opens a list item (writes an item's marker): a quote marks
/// every line `> `; a list item marks the first line of its first block
/// with its marker and indents every other line by the marker's width.
fn prefixes(containers: &[Container], opened: &mut FxHashSet<usize>) -> (String, String, bool) {
    let (mut first, mut rest, mut opens_item) = (String::new(), String::new(), false);
    for container in containers {
        match *container {
            Container::Quote(_) => {
                first.push_str("> ");
                rest.push_str("> ");
            }
            Container::Item { element, marker } => {
                let mark = marker_text(marker);
                let indent = " ".repeat(mark.len());
                if opened.insert(element) {
                    first.push_str(&mark);
                    opens_item = true;
                } else {
                    first.push_str(&indent);
                }
                rest.push_str(&indent);
            }
        }
    }
    (first, rest, opens_item)
}

/// The line prefix of the containers two blocks share (a blank line
/// between two paragraphs of one quote stays in the quote).
fn shared_prefix(before: &[Container], after: &[Container]) -> String {
    before
        .iter()
        .zip(after)
        .take_while(|(a, b)| a == b)
        .map(|(container, _)| match *container {
            Container::Quote(_) => "> ".to_string(),
            Container::Item { marker, .. } => " ".repeat(marker_text(marker).len()),
        })
        .collect()
}

fn marker_text(marker: Marker) -> String {
    match marker {
        Marker::Bullet => "- ".to_string(),
        Marker::Number(number) => format!("{number}. "),
    }
}

/// One block's Markdown, without its containers' prefixes.
fn block_content(block: &Block, layout: &Layout, top_heading: u8) -> String {
    let whole = 0..block.text.len();
    let references = &layout.references;
    match block.kind {
        BlockKind::Heading(level) => {
            let level = (level.saturating_sub(top_heading) + TOP_BODY_HEADING).min(DEEPEST_HEADING);
            let text = inline(
                &block.text,
                block.spans(),
                whole,
                Context::Heading,
                references,
            );
            format!("{} {text}", "#".repeat(usize::from(level)))
        }
        BlockKind::Pre => fenced_code(&block.text, layout.language.as_deref()),
        BlockKind::Row => cells(block, references).join(" | "),
        _ => inline(&block.text, block.spans(), whole, Context::Text, references),
    }
}

/// A `pre` block fenced with backticks, more than any run in its text.
fn fenced_code(text: &str, language: Option<&str>) -> String {
    let fence = "`".repeat(longest_run(text, '`').max(MIN_FENCE - 1) + 1);
    let language = language
        .filter(|l| !l.contains('`') && !l.contains(char::is_whitespace))
        .unwrap_or_default();
    format!("{fence}{language}\n{text}\n{fence}")
}

fn longest_run(text: &str, wanted: char) -> usize {
    let (mut longest, mut run) = (0, 0);
    for c in text.chars() {
        run = if c == wanted { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// The rows of one table as a pipe table: the first row is its header
/// (a `th` row when the table has one first), every row as wide as the
/// widest.
fn pipe_table(rows: &[&Block], references: &[(usize, Reference)]) -> String {
    let rows: Vec<Vec<String>> = rows.iter().map(|row| cells(row, references)).collect();
    let columns = rows.iter().map(Vec::len).max().unwrap_or(1);
    let line = |cells: &[String]| {
        let mut padded = cells.to_vec();
        padded.resize(columns, String::new());
        format!("| {} |", padded.join(" | "))
    };
    let mut lines = Vec::with_capacity(rows.len() + 1);
    for (number, row) in rows.iter().enumerate() {
        lines.push(line(row));
        if number == 0 {
            lines.push(line(&vec!["---".to_string(); columns]));
        }
    }
    lines.join("\n")
}

/// A row's cells, each rendered for a table.
fn cells(row: &Block, references: &[(usize, Reference)]) -> Vec<String> {
    let mut starts = vec![0];
    starts.extend(row.cell_breaks.iter().map(|&at| at + CELL_SEPARATOR.len()));
    let mut ends = row.cell_breaks.clone();
    ends.push(row.text.len());
    starts
        .into_iter()
        .zip(ends)
        .map(|(start, end)| {
            let range = start..end.max(start);
            inline(&row.text, row.spans(), range, Context::Cell, references)
        })
        .collect()
}

/// Where inline text goes: its escapes and how its line breaks are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    /// A paragraph: line breaks are hard breaks.
    Text,
    /// A heading: one line, `#` escaped.
    Heading,
    /// A table cell: one line, `|` escaped.
    Cell,
}

impl Context {
    fn one_line(self) -> bool {
        self != Context::Text
    }
}

/// The text of `range` with its spans marked and everything that would be
/// read as Markdown escaped; link and image spans are written only where
/// `references` holds their target.
fn inline(
    text: &str,
    spans: impl Iterator<Item = Span>,
    range: std::ops::Range<usize>,
    context: Context,
    references: &[(usize, Reference)],
) -> String {
    let target = |span: &Span| {
        references
            .iter()
            .find(|(element, _)| *element == span.element)
            .map(|(_, reference)| reference)
    };
    let spans = usable_spans(text, spans, &range, |span| target(span).is_some());
    let mut writer = InlineWriter {
        out: String::with_capacity(range.len() + 8),
        line_digits: Some(0),
        context,
    };
    let mut open: Vec<Span> = Vec::new();
    let mut next_span = spans.iter().peekable();
    let mut at = range.start;
    loop {
        while open.last().is_some_and(|span| span.end <= at) {
            if let Some(span) = open.pop() {
                writer.close(&span, target(&span));
            }
        }
        if let Some(&&span) = next_span.peek().filter(|span| span.start <= at) {
            next_span.next();
            // A span that starts behind was inside a code span, and one
            // inside a span of its own style (`<b><strong>`) would not
            // read as one (`****x****`): both dropped.
            if span.start < at || open.iter().any(|outer| outer.style == span.style) {
                continue;
            }
            // Spans nest; one that would end past its parent is cut there.
            let end = open
                .last()
                .map_or(span.end, |parent| span.end.min(parent.end));
            match (span.style, target(&span)) {
                (Style::Code, _) => {
                    writer.code(&text[at..end]);
                    at = end;
                }
                (Style::Image, Some(image)) => {
                    // `word <img> word`: the space the text keeps after
                    // the image stood before it too.
                    let before = text[..at].chars().next_back();
                    let after = text[at..].chars().next();
                    if !before.is_none_or(char::is_whitespace)
                        && after.is_some_and(char::is_whitespace)
                    {
                        writer.out.push(' ');
                    }
                    writer.image(image);
                }
                _ => {
                    writer.out.push_str(opening(span.style));
                    open.push(Span { end, ..span });
                }
            }
            continue;
        }
        let Some(c) = text.get(at..range.end).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let before = text[..at].chars().next_back();
        let after = text[at + c.len_utf8()..range.end].chars().next();
        writer.push(c, before, after);
        at += c.len_utf8();
    }
    while let Some(span) = open.pop() {
        writer.close(&span, target(&span));
    }
    writer.out
}

fn opening(style: Style) -> &'static str {
    match style {
        Style::Emphasis => "*",
        Style::Strong => "**",
        Style::Code => "`",
        Style::Link => "[",
        Style::Image => "",
    }
}

/// A link's or an image's destination: spaces, angle brackets and
/// backslashes percent-encoded (and `|` in a table cell), in `<…>` when
/// it holds parentheses.
fn destination(url: &str, context: Context) -> String {
    let mut encoded = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => encoded.push_str("%20"),
            '<' => encoded.push_str("%3C"),
            '>' => encoded.push_str("%3E"),
            '\\' => encoded.push_str("%5C"),
            '|' if context == Context::Cell => encoded.push_str("%7C"),
            c if c.is_control() => {}
            c => encoded.push(c),
        }
    }
    if encoded.is_empty() || encoded.contains(['(', ')']) {
        format!("<{encoded}>")
    } else {
        encoded
    }
}

/// The spans within `range`, trimmed of white space at both ends, in
/// order (outer before inner), without those CommonMark would not read as
/// emphasis where they stand (a delimiter between a letter and
/// punctuation), nor links and images without a target (`has_target`).
fn usable_spans(
    text: &str,
    spans: impl Iterator<Item = Span>,
    range: &std::ops::Range<usize>,
    has_target: impl Fn(&Span) -> bool,
) -> Vec<Span> {
    let mut usable: Vec<Span> = spans
        .filter_map(|span| {
            if span.style == Style::Image {
                let inside = range.contains(&span.start) || span.start == range.end;
                return (inside && has_target(&span)).then_some(span);
            }
            let (start, end) = (span.start.max(range.start), span.end.min(range.end));
            let inner = text.get(start..end)?;
            let start = start + (inner.len() - inner.trim_start().len());
            let end = start + inner.trim().len();
            let span = Span { start, end, ..span };
            let usable = match span.style {
                Style::Code => true,
                Style::Link => has_target(&span),
                _ => flanks(text, &span, range),
            };
            (end > start && usable).then_some(span)
        })
        .collect();
    usable.sort_by_key(|span| (span.start, std::cmp::Reverse(span.end)));
    // A span inside one of its own style (`<b><strong>`) adds nothing,
    // and two of one style side by side (`<b>a</b><b>b</b>`) are one:
    // `**a****b**` would not read as two.
    let mut merged: Vec<Span> = Vec::with_capacity(usable.len());
    for span in usable {
        let same = |other: &&mut Span| other.style == span.style;
        let joinable = matches!(span.style, Style::Emphasis | Style::Strong | Style::Code);
        match merged.iter_mut().rev().find(same) {
            // Images take no room: two may stand at one place.
            Some(outer)
                if span.style != Style::Image
                    && outer.start <= span.start
                    && span.end <= outer.end => {}
            Some(last) if joinable && last.end == span.start => last.end = span.end,
            _ => merged.push(span),
        }
    }
    merged
}

/// Whether `*` delimiters around the span open and close emphasis: a
/// delimiter beside punctuation inside needs white space or punctuation
/// (or the text's edge) outside. CommonMark's punctuation is Unicode's
/// (`“`, `«`, `。` too): taken here as neither alphanumeric nor space.
fn flanks(text: &str, span: &Span, range: &std::ops::Range<usize>) -> bool {
    let punctuation = |c: char| !c.is_alphanumeric() && !c.is_whitespace();
    let loose = |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || punctuation(c));
    let first = text[span.start..].chars().next();
    let last = text[..span.end].chars().next_back();
    let before = text[range.start..span.start].chars().next_back();
    let after = text[span.end..range.end].chars().next();
    let opens = !first.is_some_and(punctuation) || loose(before);
    let closes = !last.is_some_and(punctuation) || loose(after);
    opens && closes
}

/// Writes inline text, escaping as it goes.
struct InlineWriter {
    out: String,
    /// Digits since the line began, while the line holds nothing else.
    line_digits: Option<usize>,
    context: Context,
}

impl InlineWriter {
    /// Whether the next character opens a line of a paragraph, where
    /// block syntax is read (not in a heading or a table cell).
    fn opens_block(&self) -> bool {
        self.context == Context::Text && (self.out.is_empty() || self.out.ends_with('\n'))
    }

    /// One character of text, `before` and `after` it its neighbours.
    fn push(&mut self, c: char, before: Option<char>, after: Option<char>) {
        if c == '\n' {
            if self.context.one_line() {
                self.out.push(' ');
            } else {
                // A backslash before a line end is a hard line break.
                self.out.push_str("\\\n");
                self.line_digits = Some(0);
                return;
            }
        } else {
            if self.needs_escape(c, before, after) {
                self.out.push('\\');
            }
            self.out.push(c);
        }
        self.line_digits = match self.line_digits {
            Some(digits) if c.is_ascii_digit() => Some(digits + 1),
            _ => None,
        };
    }

    fn needs_escape(&self, c: char, before: Option<char>, after: Option<char>) -> bool {
        let alphanumeric = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '~' => true,
            // Inside a word `_` is a letter; at its edge it may be emphasis.
            '_' => !(alphanumeric(before) && alphanumeric(after)),
            // `&amp;` and `&#38;` would be read as the character they name.
            '&' => after.is_some_and(|c| c.is_alphanumeric() || c == '#'),
            '|' => self.context == Context::Cell,
            '#' => self.context == Context::Heading || self.opens_block(),
            // A line opening with these would be a quote, a list item, a
            // heading's underline or a thematic break.
            '>' | '-' | '+' | '=' => self.opens_block(),
            // `1.` or `1)` opening a line would start a numbered list.
            '.' | ')' => {
                self.context == Context::Text
                    && self
                        .line_digits
                        .is_some_and(|digits| (1..=MAX_LIST_DIGITS).contains(&digits))
            }
            _ => false,
        }
    }

    /// Closes a span: a link with its destination.
    fn close(&mut self, span: &Span, target: Option<&Reference>) {
        match (span.style, target) {
            (Style::Link, Some(link)) => {
                let url = destination(&link.url, self.context);
                self.out.push_str(&format!("]({url})"));
            }
            (style, _) => self.out.push_str(opening(style)),
        }
        self.line_digits = None;
    }

    /// An image: its alt text, escaped, and its source.
    fn image(&mut self, image: &Reference) {
        let mut alt = InlineWriter {
            out: "![".to_string(),
            line_digits: None,
            context: self.context,
        };
        for c in image.alt.chars() {
            alt.push(if c == '\n' { ' ' } else { c }, None, None);
        }
        let url = destination(&image.url, self.context);
        self.out.push_str(&format!("{}]({url})", alt.out));
        self.line_digits = None;
    }

    /// An inline code span: its text as it is, in a fence of more backticks
    /// than any run in it (on one line; `|` escaped in a table cell, as
    /// GitHub's tables need even in code).
    fn code(&mut self, code: &str) {
        let code = code.replace('\n', " ");
        let code = if self.context == Context::Cell {
            code.replace('|', "\\|")
        } else {
            code
        };
        let fence = "`".repeat(longest_run(&code, '`') + 1);
        let pad = if code.starts_with('`') || code.ends_with('`') {
            " "
        } else {
            ""
        };
        self.out
            .push_str(&format!("{fence}{pad}{code}{pad}{fence}"));
        self.line_digits = None;
    }
}
