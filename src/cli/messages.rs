//! Messages on stderr: one line each, `pith: ` first, every cause named
//! once, and control characters escaped, so that no name (a file name
//! holding a newline, a record id) can split a message or forge another.

use std::fmt::Display;

/// Prints one message line on stderr.
pub fn say(message: impl Display) {
    eprintln!("pith: {}", escape_controls(&message.to_string()));
}

/// An error and its causes, `: `-separated, leaving out a cause whose
/// text the message already ends with (a typed error that names its
/// source in its own text, as `path: reason` does).
pub fn chain(err: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if message.ends_with(&text) {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    message
}

/// Control characters (newline, carriage return, escape, …) written as
/// Rust escapes (`\n`, `\r`, `\u{1b}`); everything else as it is.
pub fn escape_controls(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            escaped.extend(c.escape_default());
        } else {
            escaped.push(c);
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cause_already_in_the_message_is_not_repeated() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
        let typed = pith::Error::Io {
            path: "x.json".into(),
            source: io,
        };
        let err = anyhow::Error::from(typed).context("reading the gold");
        assert_eq!(chain(&err), "reading the gold: x.json: gone");
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(escape_controls("a\nb\tc\u{1b}é"), "a\\nb\\tc\\u{1b}é");
    }
}
