//! Page type: what kind of page this is (article, forum thread, product,
//! collection, listing, documentation, service page), from what the page
//! declares (schema.org types in JSON-LD and microdata, Open Graph's
//! `og:type`) and from its structure (a series of items holding the
//! content, code blocks, inline code, class/id words naming documentation).
//! Reported by `explain` and in the metadata.

use serde::Serialize;

use crate::blocks::{Block, BlockKind};
use crate::dom::Dom;
use crate::lexicon::HintKinds;
use crate::scoring::marks::PerNode;
use crate::scoring::regions::Region;
use crate::scoring::tuning::{
    MAX_PRODUCT_PAGE_PRODUCTS, MIN_DOCUMENTATION_CODE_BLOCKS, MIN_DOCUMENTATION_CODE_ELEMENTS,
};

/// The kind of page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageType {
    #[default]
    Article,
    Forum,
    Product,
    Collection,
    Listing,
    Documentation,
    Service,
}

impl PageType {
    pub fn name(&self) -> &'static str {
        match self {
            PageType::Article => "article",
            PageType::Forum => "forum",
            PageType::Product => "product",
            PageType::Collection => "collection",
            PageType::Listing => "listing",
            PageType::Documentation => "documentation",
            PageType::Service => "service",
        }
    }
}

/// What the page declares about its own kind.
#[derive(Debug, Default, Clone, Copy)]
pub struct Declared {
    forum: bool,
    article: bool,
    documentation: bool,
    products: usize,
    collection: bool,
    organisation: bool,
    /// A local business or professional service (also an organisation).
    business: bool,
}

/// schema.org's types of a forum thread or a question with its answers
/// (lower-cased).
const FORUM_TYPES: &[&str] = &["discussionforumposting", "qapage"];

/// schema.org's LocalBusiness and its common subtypes (lower-cased): a
/// page declaring one is a business's own page (a service page).
const LOCAL_BUSINESS_TYPES: &[&str] = &[
    "localbusiness",
    "professionalservice",
    "homeandconstructionbusiness",
    "plumber",
    "electrician",
    "hvacbusiness",
    "locksmith",
    "roofingcontractor",
    "generalcontractor",
    "housepainter",
    "movingcompany",
    "legalservice",
    "attorney",
    "notary",
    "accountingservice",
    "financialservice",
    "insuranceagency",
    "realestateagent",
    "travelagency",
    "employmentagency",
    "medicalbusiness",
    "dentist",
    "physician",
    "medicalclinic",
    "healthandbeautybusiness",
    "hairsalon",
    "beautysalon",
    "dayspa",
    "automotivebusiness",
    "autorepair",
    "childcare",
    "drycleaningorlaundry",
    "emergencyservice",
    "sportsactivitylocation",
    "lodgingbusiness",
    "hotel",
    "foodestablishment",
    "restaurant",
];

/// What the page's markup shows of a manual, beyond what it declares.
#[derive(Debug, Default, Clone, Copy)]
pub struct Markup {
    /// Some element's class or id names documentation ("docs-sidebar").
    documentation_names: bool,
    /// `<code>` elements, inline or in code blocks.
    code_elements: usize,
}

impl Markup {
    /// The page's markup, given each element's class/id words (`hints`,
    /// one per node, as [`crate::scoring::marks::Marks`] holds them).
    pub fn of(dom: &Dom, hints: &PerNode<HintKinds>) -> Markup {
        let code = html5ever::local_name!("code");
        Markup {
            documentation_names: hints.iter().any(|h| h.documentation),
            code_elements: (0..dom.nodes.len())
                .filter(|&i| dom.element(i).is_some_and(|e| e.name == code))
                .count(),
        }
    }

    /// Whether the markup is a manual's: class/id words naming
    /// documentation, or code quoted in several places.
    fn documentation(&self) -> bool {
        self.documentation_names || self.code_elements >= MIN_DOCUMENTATION_CODE_ELEMENTS
    }
}

/// What the page's series of items say of it.
#[derive(Debug, Default, Clone, Copy)]
pub struct Structure<'a> {
    /// The series of items holding the page's content, if one does.
    pub region: Option<&'a Region>,
    /// A shop's priced catalogue that does not hold the content: the page
    /// is a category page whose prose outweighs its product cards.
    pub shop_catalogue: bool,
}

/// The page's type, from its declarations, then its structure.
pub fn classify(
    declared: &Declared,
    markup: &Markup,
    blocks: &[Block],
    structure: &Structure,
) -> PageType {
    let region = structure.region;
    let code_blocks = blocks.iter().filter(|b| b.kind == BlockKind::Pre).count();
    if declared.forum || region.is_some_and(|r| r.thread) {
        PageType::Forum
    } else if declared.products > 0 && region.is_none() {
        PageType::Product
    } else if declared.collection || declared.products > 0 {
        PageType::Collection
    } else if declared.documentation || code_blocks >= MIN_DOCUMENTATION_CODE_BLOCKS {
        PageType::Documentation
    } else if region.is_some() {
        PageType::Listing
    } else if markup.documentation() {
        // A documentation site's markup is weaker evidence than a series
        // of items holding the content: its index pages are listings.
        PageType::Documentation
    } else if declared.article {
        PageType::Article
    } else if declared.organisation {
        PageType::Service
    } else if structure.shop_catalogue {
        // A category page whose prose outweighs its products' cards.
        PageType::Collection
    } else {
        PageType::Article
    }
}

impl Declared {
    /// What the page declares: the schema.org types of its JSON-LD
    /// (`ld_types`, as [`crate::metadata::LinkedData::types`] reads them
    /// from the page's one parse), its `og:type`, and the forum kinds of
    /// its microdata (`itemtype`).
    pub fn of(dom: &Dom, ld_types: &[String]) -> Declared {
        let mut declared = Declared::default();
        let og_type = dom
            .meta
            .declarations
            .meta_tags
            .iter()
            .filter(|(key, _)| key == "og:type")
            .map(|(_, value)| value.to_lowercase());
        let ld_types = ld_types.iter().map(|kind| kind.to_lowercase());
        for kind in og_type.chain(ld_types) {
            let kind = kind.rsplit(['/', ':']).next().unwrap_or(&kind).to_string();
            match kind.as_str() {
                kind if FORUM_TYPES.contains(&kind) => declared.forum = true,
                "article"
                | "newsarticle"
                | "blogposting"
                | "reportagenewsarticle"
                | "report"
                | "analysisnewsarticle"
                | "opinionnewsarticle"
                | "scholarlyarticle" => declared.article = true,
                "techarticle" | "apireference" | "softwaresourcecode" => {
                    declared.documentation = true
                }
                "product" | "product.item" | "productgroup" => declared.products += 1,
                "collectionpage" | "itemlist" | "offercatalog" | "product.group"
                | "searchresultspage" => declared.collection = true,
                kind if LOCAL_BUSINESS_TYPES.contains(&kind) => {
                    declared.organisation = true;
                    declared.business = true;
                }
                "organization" | "service" | "faqpage" | "corporation" => {
                    declared.organisation = true
                }
                _ => {}
            }
        }
        // Microdata types stand on any element, a product card or an
        // embedded review as much as the page: only the forum kinds, which
        // no other page carries, declare what the page is.
        declared.forum |= dom.meta.declarations.item_types.iter().any(|kind| {
            let kind = kind.rsplit(['/', ':']).next().unwrap_or(kind);
            FORUM_TYPES.iter().any(|t| kind.eq_ignore_ascii_case(t))
        });
        declared
    }

    /// Whether the page declares itself a forum thread or a question with
    /// its answers.
    pub fn forum(&self) -> bool {
        self.forum
    }

    /// Whether the page declares itself an article (schema.org's Article
    /// and its news and blog kinds, `og:type` article).
    pub fn article(&self) -> bool {
        self.article
    }

    /// Whether the page declares itself the page of one product (JSON-LD
    /// `Product`, `og:type` product), before its structure is known: not a
    /// local business's page (its products are its services, its reviews
    /// testimonials), nor an article (a buying guide's or review's
    /// products), nor a catalogue declaring dozens of products.
    pub fn one_product(&self) -> bool {
        (1..=MAX_PRODUCT_PAGE_PRODUCTS).contains(&self.products) && !self.business && !self.article
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::budget::Budget;

    fn type_of(html: &str) -> PageType {
        let dom = crate::dom::parse(html, &Budget::unlimited()).expect("parses");
        let blocks = crate::blocks::segment(&dom);
        let linked = crate::metadata::LinkedData::parse(&dom.meta.declarations.json_ld);
        let marks = crate::scoring::marks::mark_page(&dom, &Declared::default());
        let markup = Markup::of(&dom, &marks.hints);
        let structure = Structure::default();
        classify(
            &Declared::of(&dom, linked.types()),
            &markup,
            &blocks,
            &structure,
        )
    }

    fn with_ld(kind: &str) -> String {
        format!(
            "<html><head><script type='application/ld+json'>{{\"@context\":\"https://schema.org\",\"@type\":{kind}}}</script></head><body><p>Text.</p></body></html>"
        )
    }

    #[test]
    fn declared_types_name_the_page() {
        assert_eq!(
            type_of(&with_ld("\"DiscussionForumPosting\"")),
            PageType::Forum
        );
        assert_eq!(type_of(&with_ld("[\"Product\"]")), PageType::Product);
        assert_eq!(
            type_of(&with_ld("\"TechArticle\"")),
            PageType::Documentation
        );
        assert_eq!(type_of(&with_ld("\"NewsArticle\"")), PageType::Article);
        assert_eq!(type_of(&with_ld("\"LocalBusiness\"")), PageType::Service);
        assert_eq!(type_of(&with_ld("\"Plumber\"")), PageType::Service);
        assert_eq!(
            type_of(&with_ld("\"CollectionPage\"")),
            PageType::Collection
        );
        let og =
            "<html><head><meta property='og:type' content='product'></head><body></body></html>";
        assert_eq!(type_of(og), PageType::Product);
    }

    #[test]
    fn microdata_declares_a_forum_and_nothing_else() {
        let thread = "<html><body><div itemscope itemtype='https://schema.org/QAPage'>\
            <div itemprop='mainEntity' itemscope itemtype='https://schema.org/Question'><p>¿Cómo?</p></div></div></body></html>";
        assert_eq!(type_of(thread), PageType::Forum);
        let posting = "<html><body><article itemscope itemtype='http://schema.org/DiscussionForumPosting'><p>Frage.</p></article></body></html>";
        assert_eq!(type_of(posting), PageType::Forum);
        // A product card or an FAQ's questions in microdata declare nothing.
        let card = "<html><body><div itemscope itemtype='https://schema.org/Product'><p>Lampe.</p></div>\
            <div itemscope itemtype='https://schema.org/Question'><p>Quand ?</p></div></body></html>";
        assert_eq!(type_of(card), PageType::Article);
    }

    #[test]
    fn one_product_is_declared_by_a_few_products_without_an_article() {
        let one_product = |types: &str| {
            let html = with_ld(types);
            let dom = crate::dom::parse(&html, &Budget::unlimited()).expect("parses");
            let linked = crate::metadata::LinkedData::parse(&dom.meta.declarations.json_ld);
            Declared::of(&dom, linked.types()).one_product()
        };
        assert!(one_product("\"Product\""));
        assert!(one_product("[\"Product\", \"BreadcrumbList\"]"));
        // A buying guide declares its article and the products it compares.
        assert!(!one_product("[\"NewsArticle\", \"Product\", \"Product\"]"));
        assert!(!one_product("[\"Plumber\", \"Product\"]"));
        assert!(!one_product("\"ItemList\""));
    }

    #[test]
    fn only_article_declarations_declare_an_article() {
        let declared = |html: &str| {
            let dom = crate::dom::parse(html, &Budget::unlimited()).expect("parses");
            let linked = crate::metadata::LinkedData::parse(&dom.meta.declarations.json_ld);
            Declared::of(&dom, linked.types()).article()
        };
        assert!(declared(&with_ld("\"BlogPosting\"")));
        assert!(!declared(&with_ld("\"Organization\"")));
        assert!(!declared(
            "<html><head><meta property='og:type' content='website'></head><body></body></html>"
        ));
    }

    #[test]
    fn code_blocks_make_documentation_and_nothing_makes_an_article() {
        let code = "<html><body><pre>a</pre><p>x</p><pre>b</pre><pre>c</pre></body></html>";
        assert_eq!(type_of(code), PageType::Documentation);
        assert_eq!(
            type_of("<html><body><p>Just text.</p></body></html>"),
            PageType::Article
        );
    }

    #[test]
    fn inline_code_and_documentation_names_make_documentation() {
        let inline = "<html><body><p>Call <code>a</code>, <code>b</code> and <code>c</code>.</p></body></html>";
        assert_eq!(type_of(inline), PageType::Documentation);
        let two = "<html><body><p>Call <code>a</code> and <code>b</code>.</p></body></html>";
        assert_eq!(type_of(two), PageType::Article);
        let with_hints = |hints: &str| {
            type_of(&format!(
                "<html><body><div {hints}><p>Install it.</p></div></body></html>"
            ))
        };
        let cases = [
            ("class='docs-sidebar'", PageType::Documentation),
            ("id='doc_main'", PageType::Documentation),
            ("class='main documentation'", PageType::Documentation),
            ("class='docker-logo'", PageType::Article),
            ("class='document-viewer'", PageType::Article),
            ("id='how-to-read-the-docs-page-here'", PageType::Article),
        ];
        for (hints, expected) in cases {
            assert_eq!(with_hints(hints), expected, "{hints}");
        }
    }
}
