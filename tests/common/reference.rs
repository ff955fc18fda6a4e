//! html5ever's reference tree (`markup5ever_rcdom`) as an outline, written
//! the way pith's arena is (see `pith::dom::outline`): shared by the
//! differential test and the fuzz target.

use markup5ever_rcdom::{Handle, NodeData, RcDom};
use pith::dom::Shortcuts;
use pith::dom::outline::{self, Outlined};

/// The outline of the RcDom html5ever builds from `text`.
pub fn outline_of(text: &str) -> String {
    outline_with(text, Shortcuts::Off, false)
}

/// The outline of the RcDom html5ever builds from `text` with the
/// shortcuts or without, each element with its attributes and each
/// comment with its text: the token streams both ways must build the same
/// tree.
pub fn attributed_outline(text: &str, shortcuts: Shortcuts) -> String {
    outline_with(text, shortcuts, true)
}

fn outline_with(text: &str, shortcuts: Shortcuts, attributes: bool) -> String {
    let dom = outline::reference(text, RcDom::default(), shortcuts).expect("no budget to run out");
    outline::write(dom.document.clone(), |node: &Handle| {
        let children = || node.children.borrow().clone();
        match &node.data {
            NodeData::Document => Outlined::Element {
                name: "#document".to_string(),
                attributes: String::new(),
                drops_text: false,
                children: children(),
            },
            NodeData::Element { name, attrs, .. } => Outlined::Element {
                name: name.local.to_string(),
                // Each as ` namespace:name="value"`, in the tree's order.
                attributes: if attributes {
                    let attrs = attrs.borrow();
                    attrs
                        .iter()
                        .map(|a| format!(" {:?}:{}={:?}", a.name.ns, a.name.local, &*a.value))
                        .collect()
                } else {
                    String::new()
                },
                drops_text: outline::drops_text(&name.local, &attrs.borrow()),
                children: children(),
            },
            NodeData::Text { contents } => Outlined::Text(contents.borrow().to_string()),
            // With attributes, comments too (as elements without children).
            NodeData::Comment { contents } if attributes => Outlined::Element {
                name: "!--".to_string(),
                attributes: format!(" {:?}", &**contents),
                drops_text: false,
                children: Vec::new(),
            },
            _ => Outlined::Skipped,
        }
    })
}
