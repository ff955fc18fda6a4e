//! JSON Lines input: one page per line, the HTML, id and URL in configurable
//! fields; every other field is kept to be copied through.

use std::collections::BTreeSet;
use std::io::BufRead;

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
        }
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
        let html = record.remove(&self.fields.html);
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
            Some(Value::String(html)) => Entry::Page(Page {
                html: html.into_bytes(),
                ..page
            }),
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
        while !self.done {
            bytes.clear();
            self.line += 1;
            match self.reader.read_until(b'\n', &mut bytes) {
                Ok(0) => self.done = true,
                // Bytes that are not UTF-8 become U+FFFD: the record's other
                // fields may still be good.
                Ok(_) => {
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
    fn malformed_records_fail_alone() {
        let got = entries("{oops\n{\"id\": \"b\"}\n{\"id\": \"c\", \"html\": \"\"}\n");
        assert!(matches!(&got[0], Entry::Failed(p, _) if p.id == "in:1"));
        assert!(
            matches!(&got[1], Entry::Failed(p, reason) if p.id == "b" && reason.contains("html"))
        );
        assert!(matches!(&got[2], Entry::Page(p) if p.id == "c"));
    }
}
