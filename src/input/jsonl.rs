//! JSON Lines input: one page per line, the HTML, id and URL in configurable
//! fields; every other field is kept to be copied through.

use std::collections::BTreeSet;
use std::io::{BufRead, Read};

use serde_json::Value;

use super::record::{Entry, Page};

/// Where a JSON Lines record keeps its parts.
#[derive(Debug, Clone)]
pub struct Fields {
    pub html: String,
    pub id: String,
    pub url: String,
}

impl Default for Fields {
    fn default() -> Self {
        Fields {
            html: "html".into(),
            id: "id".into(),
            url: "url".into(),
        }
    }
}

/// Records read before a stream none of whose records has the HTML field
/// is given up as named with the wrong `--html-field`.
const HTML_FIELD_PATIENCE: usize = 1_000;

/// How many bytes of line a byte of HTML may take: JSON escapes (`\"`,
/// `\n`, `\u003c` as Go writes `<`, `\uXXXX` for each non-ASCII character
/// as Python writes them) make a line longer than the HTML it holds, and
/// the other fields add to it. A longer line is skipped unread.
const LINE_BYTES_PER_HTML_BYTE: usize = 4;

/// The records of a JSON Lines stream, read lazily. `source` names the
/// stream in generated ids (`source:line`) for records without an id.
pub struct JsonLines<R> {
    reader: R,
    fields: Fields,
    source: String,
    line: usize,
    done: bool,
    /// Records (JSON objects) read, and whether one had the HTML field.
    records: usize,
    html_seen: bool,
    /// The field names of records without the HTML field, while none has had it.
    names_seen: BTreeSet<String>,
    /// The largest page kept; see [`JsonLines::with_max_bytes`].
    max_bytes: usize,
}

impl<R: BufRead> JsonLines<R> {
    pub fn new(reader: R, fields: Fields, source: String) -> Self {
        JsonLines {
            reader,
            fields,
            source,
            line: 0,
            done: false,
            records: 0,
            html_seen: false,
            names_seen: BTreeSet::new(),
            max_bytes: crate::Options::default().max_bytes,
        }
    }

    /// Pages over `max_bytes` become error entries without their HTML,
    /// and a line over [`LINE_BYTES_PER_HTML_BYTE`] times that is skipped
    /// without being held.
    pub fn with_max_bytes(self, max_bytes: usize) -> Self {
        JsonLines { max_bytes, ..self }
    }

    fn max_line(&self) -> usize {
        self.max_bytes.saturating_mul(LINE_BYTES_PER_HTML_BYTE)
    }

    /// Notes which fields a record has, to tell a wrong `--html-field`.
    fn note_fields(&mut self, record: &serde_json::Map<String, Value>) {
        self.records += 1;
        self.html_seen |= record.contains_key(&self.fields.html);
        if !self.html_seen {
            self.names_seen.extend(record.keys().cloned());
        }
    }

    /// Why the stream is given up: [`HTML_FIELD_PATIENCE`] records and
    /// none with the HTML field.
    fn wrong_html_field(&self) -> Option<String> {
        if self.html_seen || self.records < HTML_FIELD_PATIENCE {
            return None;
        }
        let names: Vec<&str> = self.names_seen.iter().map(String::as_str).collect();
        Some(format!(
            "{}: none of the first {} records has a {:?} field (fields seen: {}); \
             name the field holding the HTML with --html-field",
            self.source,
            self.records,
            self.fields.html,
            names.join(", ")
        ))
    }

    fn entry(&mut self, line: &str) -> Entry {
        let fallback_id = format!("{}:{}", self.source, self.line);
        let parsed = serde_json::from_str::<Value>(line).or_else(|err| {
            // Python's json.dumps writes unpaired surrogates as escapes,
            // which serde_json refuses: they become U+FFFD instead.
            // serde_json's messages: "lone leading surrogate in hex
            // escape", "unexpected end of hex escape".
            if err.to_string().contains("hex escape") {
                serde_json::from_str::<Value>(&replace_lone_surrogates(line))
            } else {
                Err(err)
            }
        });
        let mut record = match parsed {
            Ok(Value::Object(record)) => record,
            Ok(_) => return failed(fallback_id, "not a JSON object".into()),
            Err(err) => return failed(fallback_id, format!("not JSON: {err}")),
        };
        self.note_fields(&record);
        // Removed in place, so the other fields keep their order.
        let html = record.shift_remove(&self.fields.html);
        let id = match record.get(&self.fields.id) {
            Some(Value::String(id)) => id.clone(),
            Some(Value::Number(id)) => id.to_string(),
            _ => fallback_id,
        };
        let url = record
            .get(&self.fields.url)
            .and_then(Value::as_str)
            .map(str::to_string);
        let page = Page {
            id,
            url,
            extra: record,
            ..Page::default()
        };
        match html {
            Some(Value::String(html)) => Page {
                html: html.into_bytes(),
                ..page
            }
            .within(self.max_bytes),
            _ => Entry::Failed(page, format!("no \"{}\" text field", self.fields.html)),
        }
    }
}

/// Rewrites each `\uXXXX` escape of a UTF-16 surrogate without its other
/// half as `\ufffd`, leaving pairs and everything else as they are.
fn replace_lone_surrogates(line: &str) -> String {
    const ESCAPE_LEN: usize = "\\ud800".len();
    let is_high = |unit: u16| (0xd800..0xdc00).contains(&unit);
    let is_low = |unit: u16| (0xdc00..0xe000).contains(&unit);
    let bytes = line.as_bytes();
    let (mut out, mut copied, mut at) = (String::with_capacity(line.len()), 0, 0);
    while at < bytes.len() {
        if bytes[at] != b'\\' {
            at += 1;
            continue;
        }
        let Some(unit) = unicode_escape_at(bytes, at) else {
            // Another escape (`\\`, `\"`, …): skip the escaped character.
            at += 2;
            continue;
        };
        let paired = is_high(unit) && unicode_escape_at(bytes, at + ESCAPE_LEN).is_some_and(is_low);
        if paired {
            at += 2 * ESCAPE_LEN;
        } else if is_high(unit) || is_low(unit) {
            out.push_str(&line[copied..at]);
            out.push_str("\\ufffd");
            at += ESCAPE_LEN;
            copied = at;
        } else {
            at += ESCAPE_LEN;
        }
    }
    out.push_str(&line[copied..]);
    out
}

/// The code unit of a `\uXXXX` escape starting at `at`, if one does.
fn unicode_escape_at(bytes: &[u8], at: usize) -> Option<u16> {
    let end = at.checked_add("\\ud800".len())?;
    let hex = bytes.get(at..end)?.strip_prefix(b"\\u")?;
    if !hex.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    u16::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()
}

/// What [`read_line`] found.
enum Line {
    /// A line, in the buffer.
    Read,
    /// A line longer than allowed, of this many bytes, read and dropped.
    TooLong(u64),
    /// The end of the stream.
    End,
}

/// Reads one line into `bytes` if it is at most `max` bytes long; a
/// longer one is read through and dropped, a buffer at a time.
fn read_line(reader: &mut impl BufRead, bytes: &mut Vec<u8>, max: usize) -> std::io::Result<Line> {
    let read = reader
        .by_ref()
        .take(super::read_limit(max))
        .read_until(b'\n', bytes)?;
    if read == 0 {
        return Ok(Line::End);
    }
    if read <= max || bytes.ends_with(b"\n") {
        return Ok(Line::Read);
    }
    bytes.clear();
    bytes.shrink_to_fit();
    let mut size = read as u64;
    loop {
        let buffered = reader.fill_buf()?;
        if buffered.is_empty() {
            return Ok(Line::TooLong(size));
        }
        let newline = buffered.iter().position(|&b| b == b'\n');
        let used = newline.map_or(buffered.len(), |at| at + 1);
        reader.consume(used);
        size += used as u64;
        if newline.is_some() {
            return Ok(Line::TooLong(size));
        }
    }
}

fn failed(id: String, reason: String) -> Entry {
    Entry::Failed(
        Page {
            id,
            ..Page::default()
        },
        reason,
    )
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Entry;

    fn next(&mut self) -> Option<Entry> {
        if let Some(reason) = self.wrong_html_field().filter(|_| !self.done) {
            self.done = true;
            return Some(Entry::Abandoned(reason));
        }
        let mut bytes = Vec::new();
        let max_line = self.max_line();
        while !self.done {
            bytes.clear();
            self.line += 1;
            match read_line(&mut self.reader, &mut bytes, max_line) {
                Ok(Line::End) => self.done = true,
                Ok(Line::TooLong(size)) => {
                    let reason = format!(
                        "line of {size} bytes, over the limit of {} bytes for a line \
                         ({LINE_BYTES_PER_HTML_BYTE} times --max-bytes): skipped unread",
                        max_line
                    );
                    return Some(failed(format!("{}:{}", self.source, self.line), reason));
                }
                // Bytes that are not UTF-8 become U+FFFD: the record's other
                // fields may still be good.
                Ok(Line::Read) => {
                    let mut line = String::from_utf8_lossy(&bytes);
                    if self.line == 1 {
                        // A UTF-8 byte-order mark, as some editors write.
                        if let Some(rest) = line.strip_prefix('\u{feff}') {
                            line = rest.to_string().into();
                        }
                    }
                    if line.trim().is_empty() {
                        return Some(Entry::Blank);
                    }
                    return Some(self.entry(&line));
                }
                Err(err) => {
                    self.done = true;
                    return Some(failed(
                        format!("{}:{}", self.source, self.line),
                        err.to_string(),
                    ));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(text: &str) -> Vec<Entry> {
        JsonLines::new(text.as_bytes(), Fields::default(), "in".into()).collect()
    }

    #[test]
    fn records_become_pages_with_their_other_fields() {
        let got =
            entries("{\"id\": 7, \"url\": \"u\", \"html\": \"<p>x</p>\", \"lang\": \"en\"}\n\n");
        let [Entry::Page(page), Entry::Blank] = got.as_slice() else {
            panic!("{got:?}")
        };
        assert_eq!((page.id.as_str(), page.url.as_deref()), ("7", Some("u")));
        assert_eq!(page.html, b"<p>x</p>");
        assert_eq!(page.extra.get("lang"), Some(&Value::from("en")));
        assert!(!page.extra.contains_key("html"));
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        let line = r#"{"a": "x\ud800y", "b": "\ud83d\ude00", "c": "\\ud800", "d": "\udc00"}"#;
        let fixed: Value = serde_json::from_str(&replace_lone_surrogates(line)).expect("JSON");
        assert_eq!(fixed["a"], "x\u{fffd}y");
        assert_eq!(fixed["b"], "😀");
        assert_eq!(fixed["c"], "\\ud800");
        assert_eq!(fixed["d"], "\u{fffd}");
    }

    #[test]
    fn an_overlong_line_is_one_error_and_the_next_is_read() {
        let long = format!("{{\"id\": \"x\", \"html\": \"{}\"}}", "a".repeat(100));
        let text = format!("{long}\n{{\"id\": \"b\", \"html\": \"<p>b</p>\"}}\n");
        let got: Vec<Entry> = JsonLines::new(text.as_bytes(), Fields::default(), "in".into())
            .with_max_bytes(10)
            .collect();
        assert!(
            matches!(&got[0], Entry::Failed(p, reason) if p.id == "in:1" && reason.contains("over the limit")),
            "{got:?}"
        );
        assert!(matches!(&got[1], Entry::Page(p) if p.id == "b"), "{got:?}");
    }

    #[test]
    fn malformed_records_fail_alone() {
        let got = entries("{oops\n{\"id\": \"b\"}\n{\"id\": \"c\", \"html\": \"\"}\n");
        assert!(matches!(&got[0], Entry::Failed(p, _) if p.id == "in:1"));
        assert!(
            matches!(&got[1], Entry::Failed(p, reason) if p.id == "b" && reason.contains("html"))
        );
        assert!(matches!(&got[2], Entry::Page(p) if p.id == "c"));
    }
}
