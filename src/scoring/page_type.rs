//! Page type: what kind of page this is (article, forum thread, product,
//! collection, listing, documentation, service page), from what the page
//! declares (schema.org types in JSON-LD and microdata, Open Graph's
//! `og:type`) and from its structure (a series of items holding the
//! content, code blocks). Reported by `explain` and in the metadata.

use serde::Serialize;

use crate::blocks::{Block, BlockKind};
use crate::dom::Dom;
use crate::scoring::regions::Region;
use crate::scoring::tuning::{MAX_PRODUCT_PAGE_PRODUCTS, MIN_DOCUMENTATION_CODE_BLOCKS};

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

/// The page's type, from its declarations, then its structure.
pub fn classify(declared: &Declared, blocks: &[Block], region: Option<&Region>) -> PageType {
    let code_blocks = blocks.iter().filter(|b| b.kind == BlockKind::Pre).count();
    if declared.forum {
        PageType::Forum
    } else if declared.products > 0 && region.is_none() {
        PageType::Product
    } else if declared.collection || declared.products > 0 {
        PageType::Collection
    } else if declared.documentation || code_blocks >= MIN_DOCUMENTATION_CODE_BLOCKS {
        PageType::Documentation
    } else if region.is_some() {
        PageType::Listing
    } else if declared.article {
        PageType::Article
    } else if declared.organisation {
        PageType::Service
    } else {
        PageType::Article
    }
}

impl Declared {
    /// What the page declares: the schema.org types of its JSON-LD
    /// (`ld_types`, as [`crate::metadata::LinkedData::types`] reads them
    /// from the page's one parse) and its `og:type`.
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
                "discussionforumposting" | "qapage" => declared.forum = true,
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
        declared
    }

    /// Whether the page declares itself an article (news, blog post).
    pub fn declares_article(&self) -> bool {
        self.article
    }

    /// Whether the page declares itself the page of one product (JSON-LD
    /// `Product`, `og:type` product), before its structure is known: not a
    /// local business's page (its products are its services, its reviews
    /// testimonials) nor a catalogue declaring dozens of products.
    pub fn one_product(&self) -> bool {
        (1..=MAX_PRODUCT_PAGE_PRODUCTS).contains(&self.products) && !self.business
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
        classify(&Declared::of(&dom, linked.types()), &blocks, None)
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
    fn code_blocks_make_documentation_and_nothing_makes_an_article() {
        let code = "<html><body><pre>a</pre><p>x</p><pre>b</pre><pre>c</pre></body></html>";
        assert_eq!(type_of(code), PageType::Documentation);
        assert_eq!(
            type_of("<html><body><p>Just text.</p></body></html>"),
            PageType::Article
        );
    }
}
