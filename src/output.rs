//! Output: renders the selected blocks as plain text: the title line, then
//! one block per paragraph separated by blank lines, list items as `- `.

use crate::blocks::{Block, BlockKind};

/// Joins the kept blocks into the article body.
pub fn render_body(blocks: &[Block], kept: &[usize]) -> String {
    let mut body = String::new();
    for &index in kept {
        let block = &blocks[index];
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        if block.kind == BlockKind::ListItem {
            body.push_str("- ");
        }
        body.push_str(&block.text);
    }
    body
}

/// The full text of an article: the title and a blank line (when asked
/// for and known), then the body, ending in a newline when not empty.
pub fn render_article(title: Option<&str>, body: &str, include_title: bool) -> String {
    let mut text = String::new();
    if let Some(title) = title.filter(|t| include_title && !t.is_empty()) {
        text.push_str(title);
        text.push_str("\n\n");
    }
    text.push_str(body);
    if !text.is_empty() {
        let trimmed = text.trim_end().len();
        text.truncate(trimmed);
        text.push('\n');
    }
    text
}
