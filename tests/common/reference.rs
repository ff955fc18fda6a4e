//! html5ever's reference tree (`markup5ever_rcdom`) as an outline, written
//! the way pith's arena is (see `pith::dom::outline`): shared by the
//! differential test and the fuzz target.

use markup5ever_rcdom::{Handle, NodeData, RcDom};
use pith::dom::outline::{self, Outlined};

/// The outline of the RcDom html5ever builds from `text`.
pub fn outline_of(text: &str) -> String {
    let dom = outline::reference(text, RcDom::default()).expect("no budget to run out");
    outline::write(dom.document.clone(), |node: &Handle| {
        let children = || node.children.borrow().clone();
        match &node.data {
            NodeData::Document => Outlined::Element {
                name: "#document".to_string(),
                drops_text: false,
                children: children(),
            },
            NodeData::Element { name, attrs, .. } => Outlined::Element {
                name: name.local.to_string(),
                drops_text: outline::drops_text(&name.local, &attrs.borrow()),
                children: children(),
            },
            NodeData::Text { contents } => Outlined::Text(contents.borrow().to_string()),
            _ => Outlined::Skipped,
        }
    })
}
