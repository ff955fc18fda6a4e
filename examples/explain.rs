//! Shows how pith sees one page: every block with its measurements, which
//! element was chosen as the article container, and which blocks were kept.
//! Usage: cargo run --release --example explain -- PAGE.html[.gz]

use pith::{Favor, blocks, dom, input, scoring};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: explain PAGE")?;
    let file = std::fs::read(&path)?;
    let raw = input::gunzip_if_compressed(&file, usize::MAX)?;
    let dom = dom::parse(&input::decode(&raw), &pith::budget::Budget::unlimited())?;
    let blocks = blocks::segment(&dom);
    let selection = scoring::select(&dom, &blocks, Favor::Balanced);
    let describe = |index: usize| {
        dom.element(index).map_or(String::from("#text"), |e| {
            format!("{}[{}]", &*e.name, e.hints)
        })
    };
    let chain: Vec<String> = std::iter::once(selection.container)
        .chain(dom.ancestors(selection.container))
        .map(describe)
        .collect();
    println!("container: {}", chain.join(" < "));
    println!("title: {:?}", selection.title);
    let chain_of = |index: usize| -> String {
        dom.ancestors(index)
            .map(describe)
            .collect::<Vec<_>>()
            .join(" < ")
    };
    let show_chain = std::env::var("CHAIN").is_ok();
    for (index, block) in blocks.iter().enumerate() {
        let mark = if selection.verdicts[index].kept {
            '+'
        } else {
            ' '
        };
        let inside = if dom.contains(selection.container, block.owner) {
            'C'
        } else {
            ' '
        };
        let text: String = block.text.chars().take(90).collect();
        println!(
            "{mark}{inside} {:>5}c {:>4}w ld={:.2} lead={} {:?} <{}> {:?}",
            block.chars,
            block.words,
            block.link_density(),
            block.leading_link_chars,
            block.kind,
            describe(block.owner),
            text.replace('\n', " ")
        );
        if show_chain {
            println!("        in {}", chain_of(block.owner));
        }
    }
    Ok(())
}
