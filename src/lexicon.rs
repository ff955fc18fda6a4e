//! Lexicon: the multilingual vocabulary that marks boilerplate. Class/id
//! words mark page furniture (menus, share bars, comments, teasers) in the
//! markup; phrases mark it in the text (cookie banners, "read more",
//! copyright lines) in 25+ languages. Both are soft evidence, applied only
//! to short or link-heavy blocks and to small page regions, never to long prose.

use std::num::NonZeroU16;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

/// Class/id fragments of comment sections, in several languages, matched
/// anywhere in a token.
const COMMENT_FRAGMENTS: &[&str] = &[
    "comment",
    "komentar",
    "kommentar",
    "commentaire",
    "comentario",
    "comentário",
    "commenti",
    "reacties",
    "yorum",
    "disqus",
    "discussion",
    "komen",
    "binhluan",
    "binh-luan",
];

/// Comment words too common inside other words ("replyNewMessage"), matched
/// only as a whole part of a token.
const COMMENT_PARTS: &[&str] = &["reply", "replies"];

/// Long, distinctive class/id fragments of page furniture, matched anywhere
/// in a token ("newsletterbox", "jp-relatedposts").
const FURNITURE_FRAGMENTS: &[&str] = &[
    // sharing and following
    "sharing",
    "follow-us",
    "followus",
    // related, recommended, popular
    "related",
    "terkait",
    "verwandt",
    "relacionad",
    "correlati",
    "gerelateerd",
    "recommend",
    "rekomendasi",
    "popular",
    "populer",
    "trending",
    "most-read",
    "mostread",
    "most_read",
    "more-stories",
    "morestories",
    "read-more",
    "readmore",
    "baca-juga",
    "bacajuga",
    "also-read",
    "next-article",
    "outbrain",
    "taboola",
    "teaser",
    "promo",
    // subscriptions and prompts
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "sign-up",
    "paywall",
    "register",
    "login",
    "overlay",
    // page furniture
    "sidebar",
    "side-bar",
    "breadcrumb",
    "navigation",
    "navbar",
    "pagination",
    "masthead",
    "toolbar",
    "skip-link",
    "sponsor",
    "advert",
    // around the article
    "tag-list",
    "taglist",
    "tags-",
    "keywords",
    "author-bio",
    "authorbio",
    "about-author",
    "author-info",
    "byline",
    "caption",
    "credit",
    "copyright",
    "post-meta",
    "entry-meta",
    "article-meta",
    "meta-info",
    "publish-info",
    "publish-date",
    "published-date",
    "publishdate",
    "pubdate",
    "date-published",
    "article-info",
    "post-info",
    "dateline",
    "timestamp",
];

/// Class/id fragments of a forum post's author panel, matched anywhere in
/// a token: the poster's rank, post count, join date and location beside
/// every post (phpBB `postprofile`, XenForo `message-userExtras`,
/// vBulletin and Stack Exchange `userinfo`, Invision `cAuthorPane`), in
/// the forum software's words and in the site's own language. Furniture
/// of the post ([`POST_FURNITURE_PARTS`]).
const POSTER_FRAGMENTS: &[&str] = &[
    "postprofile",
    "userextras",
    "user-extras",
    "usertitle",
    "user-title",
    "userbanner",
    "userinfo",
    "user-info",
    "user_info",
    "authorpane",
    "author-pane",
    "posterinfo",
    "poster-info",
    "poster_info",
    "memberinfo",
    "member-info",
    // de
    "benutzerinfo",
    "nutzerinfo",
    // es, pt, pl, cs
    "autorinfo",
    "autor-info",
    "info-autor",
    "infoautor",
    // fr
    "info-auteur",
    "infoauteur",
    // it
    "info-utente",
    "infoutente",
    // nl
    "gebruikersinfo",
];

/// Class/id words of what stands beside every post of a thread or every
/// answer of a question, matched as a whole part of a token: its vote
/// buttons and count (`votecell`, `answer-votes`, `upvote`), the note that
/// it was edited (`message-lastEdit`, `edited-by`), in several languages.
/// With the author panel ([`POSTER_FRAGMENTS`]) they are furniture, and
/// are dropped inside the items of a series too, where other class words
/// are not (a listing's cards carry their meta and dates as their text).
const POST_FURNITURE_PARTS: &[&str] = &[
    "vote",
    "votes",
    "voting",
    "votecell",
    "upvote",
    "downvote",
    "upvotes",
    "downvotes",
    "lastedit",
    "last-edit",
    "last-edited",
    "editnote",
    "edit-note",
    "edited-by",
    "editedby",
    // es, pt, it
    "voto",
    "votos",
    "voti",
    "votazione",
    "votacion",
    "votacao",
    // de
    "abstimmung",
    "bearbeitet",
    // fr
    "modifie-par",
    // pl
    "glosowanie",
    "glosy",
    // tr
    "oylama",
];

/// Class/id fragments of dialogs laid over the page (consent banners,
/// pop-ups), matched anywhere in a token: furniture however large, even
/// when the same token names a wrapper ("modal-wrapper").
const DIALOG_FRAGMENTS: &[&str] = &["cookie", "consent", "gdpr", "modal", "popup"];

/// Furniture words that are also pieces of other words ("blueprint",
/// "shareholder"), matched only as a whole part of a token, wherever it
/// stands in it ("share-buttons", "dpsp-share-text").
const FURNITURE_PARTS: &[&str] = &[
    // a listing's filters and facets
    "filter",
    "filters",
    "facet",
    "facets",
    "share",
    "social",
    "sosial",
    "teilen",
    "partage",
    "compartir",
    "condividi",
    "print",
    "pager",
    "prev",
    "previous",
    "cta",
    "ad",
    "ads",
    "adv",
    "nav",
    // the author's box, byline or card ("author-box", "post-author",
    // "elementor-author-box__bio"), in the languages whose sites name it
    // in their own words
    "author",
    "autor",
    "autore",
    "auteur",
    "yazar",
    "penulis",
];

/// Furniture words that name a part of the page as a whole part of a BEM
/// block ("footer-links", "site-footer", "gds-footer__zone"), not as the
/// element of another block ("card__footer" is the foot of a card). The
/// footer's name in the languages whose sites write class names in their
/// own words ("stopka-strony", "fusszeile"); words that are also other
/// words ("pie", "piede") are left out.
const FURNITURE_BLOCK_PARTS: &[&str] = &[
    "footer",
    // de
    "fusszeile",
    // pl
    "stopka",
    // cs, sk
    "paticka",
    "zapati",
    // pt
    "rodape",
    // nl
    "voettekst",
    // tr
    "altbilgi",
    // fi
    "alatunniste",
    // sv
    "sidfot",
    // es
    "piedepagina",
];

/// Furniture of a product page only, as a whole part of a token: customer
/// reviews, related-product carousels, legal disclaimers and FAQ boxes
/// beside the product's own description. On articles and service pages the
/// same words name testimonials and slideshows that are the text.
const PRODUCT_FURNITURE_PARTS: &[&str] = &[
    "review",
    "reviews",
    "carousel",
    "disclaimer",
    "customer",
    "upsell",
    "crosssell",
];

/// Furniture words, as a whole part of a token, that name a box beside
/// the article (a `<div>` or `<section>` of legal small print), not a
/// paragraph in its run of text: an author's closing note that the views
/// are their own is the article's, the site's disclaimer box is not. On a
/// product page [`PRODUCT_FURNITURE_PARTS`] drops the paragraph too.
const BOX_FURNITURE_PARTS: &[&str] = &["disclaimer", "disclaimers"];

/// The word, as a whole part of a token, that makes an element a cell of
/// a page builder's layout grid (`so-panel`, `panel-grid-cell`): the
/// builder's `widget` blocks so marked inside the article body are its
/// text, not sidebar boxes.
const BUILDER_CELL_PARTS: &[&str] = &["panel"];

/// Words that name an item's price as a whole part of a token
/// ("product-price", "price__amount", "preis", "cena"): a card carrying
/// one is a shop's product card.
const PRICE_PARTS: &[&str] = &[
    // en
    "price",
    "prices",
    "pricing",
    "saleprice",
    // de, fr, es, it, pt, nl
    "preis",
    "prix",
    "tarif",
    "precio",
    "precios",
    "prezzo",
    "prezzi",
    "preco",
    "preço",
    "prijs",
    // pl, cs, sv/da/no, fi, tr, lt, hr, ru
    "cena",
    "ceny",
    "pris",
    "hinta",
    "fiyat",
    "kaina",
    "cijena",
    "цена",
];

/// Words that name documentation as a whole part of a token ("docs-content",
/// "doc-sidebar", "documentation"): the page is a manual's, whatever the
/// part of it the element is.
const DOCUMENTATION_PARTS: &[&str] = &["doc", "docs", "documentation"];

/// Furniture words that name what a token is only as its last part or the
/// whole token ("main-menu", "site-footer", "post-tags"), not as the first
/// part of a thing inside or beside it ("menu-item", "tag-foo",
/// "widget-container").
const FURNITURE_LAST_PARTS: &[&str] = &[
    "menu",
    "banner",
    "rating",
    "tag",
    "tags",
    "meta",
    "aside",
    "date",
    "comments",
    "topics",
    "header-nav",
];

/// What a poster appends to every post, matched as a token's last part or
/// parts or the whole token: a forum post's signature ("signature",
/// "message-signature", "ipsEntry__signature"), not a row about signatures
/// ("digital-signature-row"). Furniture like the author panel, inside the
/// items of a series too.
const POST_FURNITURE_LAST_PARTS: &[&str] = &[
    "signature",
    "signatures",
    // de, da, no, sv
    "signatur",
    // pl, cs, sk
    "podpis",
    // pt
    "assinatura",
    // nl
    "handtekening",
];

/// Whole class or id tokens of page furniture, too common as parts of
/// other names to match there: "photo" is a caption box, "has-photo" is
/// not; "hide" hides, "hide-compare" and "medium-hide" name other things;
/// "widget" is a sidebar box, "elementor-widget" any block of a page.
const FURNITURE_TOKENS: &[&str] = &[
    "dates", "photo", "image", "picture", "gallery", "credit", "credits", "hide", "widget",
];

/// First parts of tokens that are state flags or script hooks ("is-open",
/// "has-sidebar", "js-reply-form"): they say nothing about what the element
/// is, so no furniture or comment word counts inside them.
const STATE_PREFIXES: &[&str] = &["js", "is", "has"];

/// Characters that make a class token a utility (Tailwind-style variants
/// `md:`, `hover:`, `print:` and arbitrary values `[...]`), which style an
/// element rather than name it.
const UTILITY_MARKERS: [char; 2] = [':', '['];

/// Tokens of this many parts or more are slugs of text (a heading's id
/// "what-is-social-media-marketing"), not names of a kind of element: no
/// furniture or comment word counts inside them.
const SLUG_PARTS: usize = 5;

/// Class/id fragments that name the article body itself.
const CONTENT_FRAGMENTS: &[&str] = &[
    "articlebody",
    "article-body",
    "article_body",
    "article__body",
    "articletext",
    "article-text",
    "article-content",
    "article__content",
    "article_content",
    "entry-content",
    "entry__content",
    "post-content",
    "post_content",
    "post_body",
    "postcontent",
    "post-body",
    "postbody",
    "post-entry",
    "story-body",
    "storybody",
    "story-content",
    "body-text",
    "bodytext",
    "main-content",
    "maincontent",
    "content-body",
    "text-body",
    "news-content",
    "detail-content",
    "article-detail",
    "rich-text",
    "richtext",
    "single-content",
];

/// Class/id fragments of layout wrappers, which may hold the article
/// whatever else their class says ("page-content has-sidebar").
const WRAPPER_FRAGMENTS: &[&str] = &[
    "content",
    "main",
    "article",
    "body",
    "post",
    "story",
    "page",
    "wrap",
    "container",
    "layout",
    "column",
    "entry",
];

/// `role` values of page furniture.
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "contentinfo",
    "complementary",
    "menu",
    "menubar",
    "banner",
    "search",
    "dialog",
    "alertdialog",
];

/// How strongly a phrase marks its block as boilerplate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PhraseStrength {
    /// Marks a block of up to a few dozen words (cookie banners, copyright lines).
    Strong,
    /// Marks a block only when the phrase is most of it ("Read more", "Share").
    Weak,
}

/// Boilerplate phrases, lower case, by strength.
const STRONG_PHRASES: &[&str] = &[
    // cookies and consent
    "use cookies",
    "uses cookies",
    "using cookies",
    "use of cookies",
    "cookie policy",
    "cookie settings",
    "menggunakan kuki",
    "wir verwenden cookies",
    "verwendet cookies",
    "nous utilisons des cookies",
    "utilise des cookies",
    "utilizamos cookies",
    "utiliza cookies",
    "usa cookies",
    "utilizza i cookie",
    "gebruikt cookies",
    "maakt gebruik van cookies",
    "używa plików cookie",
    "používá cookies",
    "использует файлы cookie",
    "использует cookie",
    "використовує файли cookie",
    // Turkish, Finnish and Hungarian glue endings to their words, which
    // phrases must match whole: the common forms are listed.
    "çerez kullanıyoruz",
    "çerezler kullanıyoruz",
    "çerezleri kullanıyoruz",
    "çerez kullanılmaktadır",
    "çerezler kullanılmaktadır",
    "çerez kullanımını",
    "çerez kullanımına",
    "çerez politikası",
    "çerez politikamız",
    "çerez ayarları",
    "käytämme evästeitä",
    "käyttää evästeitä",
    "evästeasetukset",
    "sütiket használ",
    "sütiket használunk",
    "ملفات تعريف الارتباط",
    "از کوکی",
    "משתמש בעוגיות",
    "कुकीज़ का उपयोग",
    "sử dụng cookie",
    "ใช้คุกกี้",
    "使用cookie",
    "使用 cookie",
    "クッキーを使用",
    "cookieを使用",
    "쿠키를 사용",
    "hutumia vidakuzi",
    // shipping promotions beside a shop's items
    "free shipping",
    "free delivery",
    "kostenloser versand",
    "versandkostenfrei",
    "livraison offerte",
    "livraison gratuite",
    "envío gratis",
    "envío gratuito",
    "spedizione gratuita",
    "frete grátis",
    "gratis verzending",
    "darmowa dostawa",
    "бесплатная доставка",
    "ücretsiz kargo",
    "gratis ongkir",
    "miễn phí vận chuyển",
    "送料無料",
    "包邮",
    "免运费",
    "무료 배송",
    // copyright
    "all rights reserved",
    "hak cipta",
    "alle rechte vorbehalten",
    "tous droits réservés",
    "todos los derechos reservados",
    "todos os direitos reservados",
    "tutti i diritti riservati",
    "alle rechten voorbehouden",
    "wszelkie prawa zastrzeżone",
    "všechna práva vyhrazena",
    "все права защищены",
    "всі права захищені",
    "tüm hakları saklıdır",
    "جميع الحقوق محفوظة",
    "کلیه حقوق",
    "כל הזכויות שמורות",
    "सर्वाधिकार सुरक्षित",
    "সর্বস্বত্ব সংরক্ষিত",
    "hak cipta terpelihara",
    "bản quyền",
    "สงวนลิขสิทธิ์",
    "版权所有",
    "版權所有",
    "無断転載",
    "무단 전재",
    "haki zote zimehifadhiwa",
    "copyright ©",
    "©",
    // newsletters and subscriptions
    "sign up for our newsletter",
    "subscribe to our newsletter",
    "newsletter abonnieren",
    "abonnez-vous à notre newsletter",
    "suscríbete a nuestro boletín",
    "assine nossa newsletter",
    "delivered to your inbox",
    "right in your inbox",
    "in your inbox every",
    "can be reached at",
    "may be reached at",
    "straight to your inbox",
    "directly to your inbox",
    "daily newsletter",
    "weekly newsletter",
    "free newsletter",
    "newsletter sign-up",
    "newsletter signup",
    "newsletter bestellen",
    "zum newsletter anmelden",
    "inscrivez-vous à notre newsletter",
    "recevez notre newsletter",
    "suscríbete al boletín",
    "recibe nuestro boletín",
    "receba nossa newsletter",
    "inscreva-se na newsletter",
    "iscriviti alla newsletter",
    "schrijf je in voor de nieuwsbrief",
    "zapisz się do newslettera",
    "berlangganan newsletter",
    "langganan newsletter",
    "подпишитесь на рассылку",
    "подписаться на рассылку",
    "підпишіться на розсилку",
    "bültenimize abone",
    "e-bültene abone",
    "اشترك في النشرة",
    "đăng ký nhận bản tin",
    "สมัครรับจดหมายข่าว",
    "订阅我们的",
    "訂閱我們的",
    "ニュースレターを購読",
    "メルマガ登録",
    "न्यूज़लेटर की सदस्यता",
    "뉴스레터 구독",
    // script notices
    "requires javascript",
    "enable javascript",
    "javascript is disabled",
    "javascript aktivieren",
    "activez javascript",
    "habilita javascript",
    "ative o javascript",
    "включите javascript",
    "javascriptを有効",
    "启用javascript",
];

const WEAK_PHRASES: &[&str] = &[
    // read more / continue
    "read more",
    "continue reading",
    "read next",
    "read also",
    "see also",
    "baca selanjutnya",
    "baca juga",
    "selengkapnya",
    "weiterlesen",
    "mehr lesen",
    "lesen sie auch",
    "lire la suite",
    "lire aussi",
    "à lire aussi",
    "en savoir plus",
    "leer más",
    "seguir leyendo",
    "lee también",
    "leia mais",
    "leia também",
    "continue lendo",
    "veja também",
    "leggi anche",
    "continua a leggere",
    "lees meer",
    "lees verder",
    "lees ook",
    "czytaj więcej",
    "czytaj także",
    "čtěte také",
    "číst dále",
    "читать далее",
    "читайте также",
    "читать полностью",
    "читати далі",
    "читайте також",
    "devamını oku",
    "devamı",
    "ayrıca okuyun",
    "اقرأ المزيد",
    "اقرأ أيضا",
    "اقرأ أيضًا",
    "ادامه مطلب",
    "بیشتر بخوانید",
    "קרא עוד",
    "और पढ़ें",
    "यह भी पढ़ें",
    "আরও পড়ুন",
    "baca lagi",
    "xem thêm",
    "đọc thêm",
    "tin liên quan",
    "อ่านต่อ",
    "อ่านเพิ่มเติม",
    "ข่าวที่เกี่ยวข้อง",
    "阅读更多",
    "查看更多",
    "相关阅读",
    "相关新闻",
    "閱讀更多",
    "相關新聞",
    "続きを読む",
    "もっと見る",
    "関連記事",
    "더 보기",
    "관련 기사",
    "soma zaidi",
    "habari zinazohusiana",
    // related / popular
    "related articles",
    "related stories",
    "related posts",
    "you may also like",
    "you might also like",
    "similar threads",
    "similar topics",
    "ähnliche themen",
    "sujets similaires",
    "temas similares",
    "discussioni simili",
    "vergelijkbare onderwerpen",
    "podobne tematy",
    "похожие темы",
    "benzer konular",
    "recommended for you",
    "most read",
    "most popular",
    "berita terkait",
    "artikel terkait",
    "terpopuler",
    "das könnte sie auch interessieren",
    "meistgelesen",
    "les plus lus",
    "te puede interesar",
    "noticias relacionadas",
    "más leídas",
    "mais lidas",
    "i più letti",
    "meest gelezen",
    "najczęściej czytane",
    "самое читаемое",
    "популярное",
    "en çok okunanlar",
    "الأكثر قراءة",
    "सबसे ज्यादा पढ़ी गई",
    "tin đọc nhiều",
    "ยอดนิยม",
    "热门文章",
    "人気記事",
    "많이 본 뉴스",
    // newsletter box titles
    "newsletter",
    "nieuwsbrief",
    "boletín",
    "рассылка",
    "розсилка",
    "bülten",
    "e-bülten",
    "النشرة البريدية",
    "न्यूज़लेटर",
    "bản tin",
    "จดหมายข่าว",
    "メールマガジン",
    "メルマガ",
    "电子报",
    "뉴스레터",
    // sharing and following
    "share this",
    "share on",
    "share",
    "tweet",
    "follow us",
    "bagikan",
    "ikuti kami",
    "teilen",
    "folgen sie uns",
    "partager",
    "suivez-nous",
    "compartir",
    "síguenos",
    "compartilhe",
    "siga-nos",
    "condividi",
    "seguici",
    "delen",
    "volg ons",
    "udostępnij",
    "sdílet",
    "поделиться",
    "подписывайтесь",
    "поділитися",
    "paylaş",
    "bizi takip edin",
    "شارك",
    "تابعونا",
    "اشتراک گذاری",
    "שתף",
    "शेयर करें",
    "শেয়ার করুন",
    "kongsi",
    "chia sẻ",
    "แชร์",
    "分享",
    "分享到",
    "シェア",
    "공유하기",
    "shiriki",
    // subscriptions, sign-in, comments
    "subscribe",
    "sign up",
    "sign in",
    "log in",
    "newsletter",
    "langganan",
    "berlangganan",
    "abonnieren",
    "abonnez-vous",
    "suscríbete",
    "assine",
    "iscriviti",
    "abonneer",
    "subskrybuj",
    "подписаться",
    "abone ol",
    "اشترك",
    "सदस्यता लें",
    "đăng ký",
    "สมัครสมาชิก",
    "订阅",
    "購読",
    "구독",
    "jiandikishe",
    "comments",
    "leave a comment",
    "leave a reply",
    "komentar",
    "kommentare",
    "commentaires",
    "comentarios",
    "comentários",
    "commenti",
    "reacties",
    "komentarze",
    "komentáře",
    "комментарии",
    "коментарі",
    "yorumlar",
    "التعليقات",
    "نظرات",
    "תגובות",
    "टिप्पणियाँ",
    "মন্তব্য",
    "komen",
    "bình luận",
    "ความคิดเห็น",
    "评论",
    "評論",
    "コメント",
    "댓글",
    "maoni",
    // advertising
    "advertisement",
    "advert",
    "sponsored",
    "iklan",
    "anzeige",
    "werbung",
    "publicité",
    "publicidad",
    "publicidade",
    "pubblicità",
    "advertentie",
    "reklama",
    "реклама",
    "reklam",
    "إعلان",
    "تبلیغات",
    "פרסומת",
    "विज्ञापन",
    "বিজ্ঞাপন",
    "quảng cáo",
    "โฆษณา",
    "广告",
    "廣告",
    "広告",
    "광고",
    "tangazo",
    // cookie buttons and the like
    "terima kuki",
    "cookies",
    "cookie",
    "accept cookies",
    "accept all",
    "i agree",
    "klik di sini",
    "click here",
    "privacy policy",
    "terms of use",
    "terms of service",
];

/// One automaton per word list, built on first use.
fn automaton(
    words: &'static [&'static str],
    cell: &'static OnceLock<AhoCorasick>,
) -> &'static AhoCorasick {
    // Fixed, small word lists: building cannot hit the automaton size limits.
    // A DFA, not the NFA the builder picks for lists this long: overlapping
    // search walks every byte, and the NFA's walk cost several times more.
    cell.get_or_init(|| {
        AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(words)
            .expect("static word lists fit an automaton")
    })
}

static STRONG: OnceLock<AhoCorasick> = OnceLock::new();
static WEAK: OnceLock<AhoCorasick> = OnceLock::new();

/// What an element's lower-cased class/id string says about it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct HintKinds {
    /// Names a comment section (also furniture).
    pub comments: bool,
    /// Names page furniture: navigation, sharing, ads, related links.
    pub furniture: bool,
    /// Names the article body itself.
    pub content: bool,
    /// Names a dialog laid over the page (also furniture).
    pub dialog: bool,
    /// Names a layout wrapper, which may hold the article beside furniture.
    pub wrapper: bool,
    /// Names a part of a documentation site.
    pub documentation: bool,
    furniture_word: Option<HintWord>,
    thread_furniture_word: Option<HintWord>,
    product_furniture_word: Option<HintWord>,
    box_furniture_word: Option<HintWord>,
    post_furniture_word: Option<HintWord>,
    /// Names a cell of a page builder's layout grid.
    pub builder_cell: bool,
    /// Names an item's price.
    pub price: bool,
}

impl HintKinds {
    /// The first furniture or comment word found, to explain the mark.
    pub fn furniture_word(&self) -> Option<&'static str> {
        self.furniture_word.map(HintWord::text)
    }

    /// The first furniture word found that names no comment section: what
    /// marks the element on a forum thread, whose posts are its comments.
    pub fn thread_furniture_word(&self) -> Option<&'static str> {
        self.thread_furniture_word.map(HintWord::text)
    }

    /// The first word found that names furniture on a product page only.
    pub fn product_furniture_word(&self) -> Option<&'static str> {
        self.product_furniture_word.map(HintWord::text)
    }

    /// The first word found that names furniture when it marks a box, not
    /// a paragraph.
    pub fn box_furniture_word(&self) -> Option<&'static str> {
        self.box_furniture_word.map(HintWord::text)
    }

    /// The first word found that names what stands beside every post of
    /// a thread: its author panel, votes, edit note.
    pub fn post_furniture_word(&self) -> Option<&'static str> {
        self.post_furniture_word.map(HintWord::text)
    }
}

/// A word of the class/id lists, by its place in them: two bytes where a
/// `&'static str` takes sixteen, as the readings are kept for every node
/// of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct HintWord(NonZeroU16);

impl HintWord {
    /// The word of pattern `index` of [`hint_patterns`].
    fn at(index: usize) -> Option<HintWord> {
        NonZeroU16::new(u16::try_from(index.checked_add(1)?).ok()?).map(HintWord)
    }

    fn text(self) -> &'static str {
        let (_, patterns) = hint_patterns();
        patterns
            .get(usize::from(self.0.get()) - 1)
            .map_or("", |pattern| pattern.word)
    }
}

/// What a class/id word list marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marks {
    /// A comment section (also furniture).
    Comments,
    /// A dialog over the page (also furniture).
    Dialog,
    /// What stands beside every post of a thread: its author panel,
    /// votes, edit note (also furniture).
    PostFurniture,
    /// Page furniture.
    Furniture,
    /// The article body.
    Content,
    /// A layout wrapper.
    Wrapper,
    /// Furniture on a product page only.
    ProductFurniture,
    /// Furniture when it marks a box, not a paragraph.
    BoxFurniture,
    /// A cell of a page builder's layout grid.
    BuilderCell,
    /// An item's price.
    Price,
    /// A documentation site's markup.
    Documentation,
}

/// How a class/id word must stand to match. Tokens are the whitespace-
/// separated values; parts are a token's runs of letters and digits,
/// between `-`, `_` and other marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Placement {
    /// Anywhere in the string, state flags and slugs included.
    Anywhere,
    /// Anywhere in a token that names a kind of element.
    InToken,
    /// As a whole part (or run of parts) of such a token.
    Part,
    /// As such a token's last part or parts, or the whole token.
    LastPart,
    /// As a whole part of the BEM block a token names (before any `__`
    /// element: "footer-links", "gds-footer__zone", not "card__footer").
    BlockPart,
    /// As a whole token.
    Token,
}

/// Every class/id word list with what it marks and how its words stand.
const HINT_LISTS: [(Marks, Placement, &[&str]); 18] = [
    (Marks::Comments, Placement::InToken, COMMENT_FRAGMENTS),
    (Marks::Dialog, Placement::InToken, DIALOG_FRAGMENTS),
    (Marks::PostFurniture, Placement::InToken, POSTER_FRAGMENTS),
    (Marks::PostFurniture, Placement::Part, POST_FURNITURE_PARTS),
    (
        Marks::PostFurniture,
        Placement::LastPart,
        POST_FURNITURE_LAST_PARTS,
    ),
    (Marks::Comments, Placement::Part, COMMENT_PARTS),
    (Marks::Furniture, Placement::InToken, FURNITURE_FRAGMENTS),
    (Marks::Furniture, Placement::Part, FURNITURE_PARTS),
    (
        Marks::Furniture,
        Placement::BlockPart,
        FURNITURE_BLOCK_PARTS,
    ),
    (Marks::Furniture, Placement::LastPart, FURNITURE_LAST_PARTS),
    (Marks::Furniture, Placement::Token, FURNITURE_TOKENS),
    (Marks::Content, Placement::Anywhere, CONTENT_FRAGMENTS),
    (Marks::Wrapper, Placement::Anywhere, WRAPPER_FRAGMENTS),
    (
        Marks::ProductFurniture,
        Placement::Part,
        PRODUCT_FURNITURE_PARTS,
    ),
    (Marks::Documentation, Placement::Part, DOCUMENTATION_PARTS),
    (Marks::BoxFurniture, Placement::Part, BOX_FURNITURE_PARTS),
    (Marks::BuilderCell, Placement::Part, BUILDER_CELL_PARTS),
    (Marks::Price, Placement::Part, PRICE_PARTS),
];

/// One pattern of the hint automaton.
#[derive(Debug, Clone, Copy)]
struct HintPattern {
    marks: Marks,
    placement: Placement,
    word: &'static str,
}

static HINTS: OnceLock<(AhoCorasick, Vec<HintPattern>)> = OnceLock::new();

/// Classifies a class/id string in one pass of one automaton over every
/// list, each match then checked against where its word must stand.
pub fn classify_hints(hints: &str) -> HintKinds {
    let mut kinds = HintKinds::default();
    if hints.is_empty() {
        return kinds;
    }
    let (automaton, patterns) = hint_patterns();
    for found in automaton.find_overlapping_iter(hints) {
        let index = found.pattern().as_usize();
        let (Some(pattern), Some(word)) = (patterns.get(index), HintWord::at(index)) else {
            continue;
        };
        if !stands(hints, found.start(), found.end(), pattern.placement) {
            continue;
        }
        match pattern.marks {
            Marks::Content => kinds.content = true,
            Marks::Wrapper => kinds.wrapper = true,
            Marks::Documentation => kinds.documentation = true,
            Marks::BuilderCell => kinds.builder_cell = true,
            Marks::Price => kinds.price = true,
            Marks::ProductFurniture => {
                kinds.product_furniture_word.get_or_insert(word);
            }
            Marks::BoxFurniture => {
                kinds.box_furniture_word.get_or_insert(word);
            }
            Marks::Comments | Marks::Dialog | Marks::PostFurniture | Marks::Furniture => {
                if pattern.marks == Marks::PostFurniture {
                    kinds.post_furniture_word.get_or_insert(word);
                }
                kinds.comments |= pattern.marks == Marks::Comments;
                kinds.dialog |= pattern.marks == Marks::Dialog;
                kinds.furniture = true;
                kinds.furniture_word.get_or_insert(word);
                if pattern.marks != Marks::Comments {
                    kinds.thread_furniture_word.get_or_insert(word);
                }
            }
        }
    }
    kinds
}

/// The automaton over every class/id word list and the patterns it
/// finds, built on first use.
fn hint_patterns() -> &'static (AhoCorasick, Vec<HintPattern>) {
    HINTS.get_or_init(|| {
        let patterns: Vec<HintPattern> = HINT_LISTS
            .iter()
            .flat_map(|&(marks, placement, words)| {
                words.iter().map(move |&word| HintPattern {
                    marks,
                    placement,
                    word,
                })
            })
            .collect();
        // Fixed, small word lists: building cannot hit the automaton size limits.
        let automaton = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(patterns.iter().map(|p| p.word))
            .expect("static word lists fit an automaton");
        (automaton, patterns)
    })
}

/// Whether the match `start..end` in `hints` stands as its placement asks.
fn stands(hints: &str, start: usize, end: usize, placement: Placement) -> bool {
    let bytes = hints.as_bytes();
    if placement == Placement::Anywhere {
        return true;
    }
    let token_start = bytes[..start]
        .iter()
        .rposition(u8::is_ascii_whitespace)
        .map_or(0, |i| i + 1);
    let token_end = bytes[end..]
        .iter()
        .position(u8::is_ascii_whitespace)
        .map_or(bytes.len(), |i| end + i);
    let part_start = start == token_start || is_separator(bytes[start - 1]);
    let part_end = end == token_end || is_separator(bytes[end]);
    let ends_token = bytes[end..token_end].iter().all(|&b| is_separator(b));
    let placed = match placement {
        Placement::InToken => true,
        Placement::Part => part_start && part_end,
        Placement::LastPart => part_start && ends_token,
        Placement::BlockPart => part_start && part_end && !hints[token_start..start].contains("__"),
        Placement::Token => start == token_start && end == token_end,
        Placement::Anywhere => unreachable!("handled above"),
    };
    // The token is read only for a match that stands where its list asks.
    placed && names_a_kind(&hints[token_start..token_end])
}

/// Whether a token can name a kind of element: not a state flag or script
/// hook ("is-active", "js-reply"), not a slug of text, not a utility class
/// with a variant or an arbitrary value ("print:break-inside-avoid",
/// "[h2]:pt-0": how it looks under a condition, not what it is).
pub fn names_a_kind(token: &str) -> bool {
    if token.contains(UTILITY_MARKERS) {
        return false;
    }
    let mut parts = token.split(is_separator_char).filter(|p| !p.is_empty());
    let first = parts.next().unwrap_or("");
    !STATE_PREFIXES.contains(&first) && parts.count() + 1 < SLUG_PARTS
}

/// A byte between parts of a token: not a letter or digit in any script.
fn is_separator(byte: u8) -> bool {
    !(byte.is_ascii_alphanumeric() || byte >= 0x80)
}

/// [`is_separator`] for chars.
fn is_separator_char(c: char) -> bool {
    c.is_ascii() && !c.is_ascii_alphanumeric()
}

/// Titles of comment sections, as they head them (not words that also
/// title a part of an article, such as "Discussion" or the British
/// "Comment" section).
const COMMENT_HEADINGS: &[&str] = &[
    "comments",
    "leave a comment",
    "leave a reply",
    "reader comments",
    "komentar",
    "komentar anda",
    "tulis komentar",
    "kommentare",
    "kommentar",
    "leserkommentare",
    "commentaires",
    "commentaire",
    "comentarios",
    "comentario",
    "comentários",
    "deixe seu comentário",
    "commenti",
    "reacties",
    "komentarze",
    "komentáře",
    "комментарии",
    "комментарий",
    "коментарі",
    "yorumlar",
    "yorum yap",
    "التعليقات",
    "تعليقات",
    "نظرات",
    "תגובות",
    "टिप्पणियां",
    "टिप्पणियाँ",
    "टिप्पणी",
    "মন্তব্য",
    "bình luận",
    "ý kiến bạn đọc",
    "ความคิดเห็น",
    "แสดงความคิดเห็น",
    "评论",
    "网友评论",
    "评论区",
    "評論",
    "留言",
    "コメント",
    "コメントする",
    "댓글",
    "maoni",
];

/// Whether a short text is the title of a comment section ("Comments (2)",
/// "12 комментариев" aside: the words alone, numbers and marks dropped).
pub fn is_comments_heading(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphabetic() && !is_combining_mark(c))
        .filter(|w| !w.is_empty())
        .collect();
    words.len() <= 4 && COMMENT_HEADINGS.contains(&words.join(" ").as_str())
}

/// Currency codes and signs written as words beside an amount ("15 zł",
/// "199 Kč", "EUR 20", "1.200円", "15,000원"), lower-cased.
const CURRENCY_WORDS: &[&str] = &[
    "eur", "usd", "gbp", "chf", "pln", "czk", "huf", "sek", "nok", "dkk", "ron", "inr", "jpy",
    "cny", "rub", "uah", "zł", "kč", "kr", "lei", "руб", "грн", "лв", "円", "元", "원", "tl",
];

/// Whether a character is a currency sign ("$", "€", "£", "¥", "₹", "₽",
/// "₩", "฿", the fullwidth "＄"…): Unicode's currency symbols.
fn is_currency_sign(c: char) -> bool {
    CURRENCY_SIGNS.contains(c) || ('\u{20A0}'..='\u{20CF}').contains(&c)
}

/// Currency signs outside Unicode's block of them (U+20A0-U+20CF: "€",
/// "₹", "₽", "₩"…).
const CURRENCY_SIGNS: &str = "$¢£¤¥֏؋৲৳฿៛﷼﹩＄￠￡￥￦";

/// Whether a whitespace-separated word names a currency by itself: a sign
/// ("€", "US$", "R$") or a code or local sign ("EUR", "zł", "Kč").
fn names_currency(word: &str) -> bool {
    let word = word.trim_matches(|c: char| c.is_ascii_punctuation() && c != '$');
    word.chars().any(is_currency_sign) || CURRENCY_WORDS.contains(&word.to_lowercase().as_str())
}

/// A character of an amount: a digit or a separator of thousands or decimals.
fn in_amount(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '.' | ',' | '\'' | '\u{2009}' | '\u{202F}')
}

/// Whether a word ends (`at_end`) or starts with an amount: a run of digits
/// and their separators, after the text it may be glued to ("l34,90" in
/// "Kanne 1,2 l34,90 €", where inline markup joined the name and price).
fn amount_at(word: &str, at_end: bool) -> bool {
    let word = word.trim_matches(|c: char| c.is_ascii_punctuation() && !in_amount(c));
    let digit = |c: char| c.is_ascii_digit();
    if at_end {
        word.chars().rev().take_while(|&c| in_amount(c)).any(digit)
    } else {
        word.chars().take_while(|&c| in_amount(c)).any(digit)
    }
}

/// Whether a word's first amount has a currency glued to it: the letters
/// or signs right before it ("$49.99", "US$20") or right after it
/// ("49,99€", "1.200円（税込）", "15zł").
fn glued_currency(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    let Some(first) = chars.iter().position(|c| c.is_ascii_digit()) else {
        return false;
    };
    let end = first + chars[first..].iter().take_while(|&&c| in_amount(c)).count();
    let sign = |c: &&char| c.is_alphabetic() || is_currency_sign(**c);
    let after: String = chars[end..].iter().take_while(sign).collect();
    let mut before: Vec<char> = chars[..first]
        .iter()
        .rev()
        .take_while(sign)
        .copied()
        .collect();
    before.reverse();
    names_currency(&after) || names_currency(&before.into_iter().collect::<String>())
}

/// The share of a text's words that write a price: an amount with a
/// currency sign or code beside it, in one word ("$49.99", "49,99€",
/// "1.200円") or the next ("49,99 €", "15 000 zł", "EUR 20"), in any
/// language. A card's price line is mostly price ("Now $49.99"); a
/// sentence that names one ("Free shipping on orders over $40") is not.
pub fn price_share(text: &str) -> f64 {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut in_price = vec![false; words.len()];
    for (at, word) in words.iter().enumerate() {
        if word.chars().any(|c| c.is_ascii_digit()) {
            in_price[at] |= glued_currency(word);
        } else if names_currency(word) {
            let before = at.checked_sub(1).filter(|&b| amount_at(words[b], true));
            let after = Some(at + 1).filter(|&a| words.get(a).is_some_and(|w| amount_at(w, false)));
            for side in [before, after].into_iter().flatten() {
                in_price[at] = true;
                in_price[side] = true;
            }
        }
    }
    let priced = in_price.iter().filter(|&&p| p).count();
    if priced == 0 {
        return 0.0;
    }
    priced as f64 / words.len() as f64
}

/// Vowel signs and other marks that are part of words in Indic and other
/// scripts but are not alphabetic characters themselves.
fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0900..=0x0DFF | 0x0E31..=0x0E4E | 0x1AB0..=0x1AFF)
}

/// The furniture role the lower-cased `role` value names, if any.
pub fn furniture_role(role: &str) -> Option<&'static str> {
    FURNITURE_ROLES.iter().copied().find(|&r| r == role)
}

/// A boilerplate phrase found in a block's text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PhraseMatch {
    pub strength: PhraseStrength,
    pub phrase: &'static str,
    /// The phrase's share of the text's characters (its core, without the
    /// punctuation around it); the largest one for weak phrases.
    pub share: f64,
}

/// The strongest boilerplate phrase in a text: a strong phrase if any,
/// else the weak phrase that makes up the largest share of it. How much a
/// match weighs against the block's size is the scorer's call.
pub fn boilerplate_phrase(text: &str) -> Option<PhraseMatch> {
    let lower = text.to_lowercase();
    let core = lower.trim_matches(|c: char| !c.is_alphanumeric());
    let core_len = core.chars().count().max(1) as f64;
    let share = |phrase: &str| phrase.chars().count() as f64 / core_len;
    if let Some(phrase) =
        phrase_matches(&lower, automaton(STRONG_PHRASES, &STRONG), STRONG_PHRASES).next()
    {
        return Some(PhraseMatch {
            strength: PhraseStrength::Strong,
            phrase,
            share: share(phrase),
        });
    }
    phrase_matches(core, automaton(WEAK_PHRASES, &WEAK), WEAK_PHRASES)
        .map(|phrase| PhraseMatch {
            strength: PhraseStrength::Weak,
            phrase,
            share: share(phrase),
        })
        .max_by(|a, b| a.share.total_cmp(&b.share))
}

/// The phrases found in `text`, as the word list spells them; phrases of
/// spaced scripts must stand as whole words ("share" is not found in "shared").
fn phrase_matches<'t>(
    text: &'t str,
    phrases: &'static AhoCorasick,
    words: &'static [&'static str],
) -> impl Iterator<Item = &'static str> + 't {
    phrases.find_overlapping_iter(text).filter_map(move |m| {
        let phrase = *words.get(m.pattern().as_usize())?;
        let spaced = phrase
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() && !crate::blocks::is_unspaced_script(c));
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        let whole =
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric);
        (!spaced || whole).then_some(phrase)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_class_word_has_a_two_byte_index() {
        let (_, patterns) = hint_patterns();
        let last = HintWord::at(patterns.len() - 1).map(HintWord::text);
        assert_eq!(last, patterns.last().map(|p| p.word));
        assert_eq!(HintWord::at(0).map(HintWord::text), Some(patterns[0].word));
    }

    #[test]
    fn prices_are_amounts_beside_a_currency_in_any_language() {
        let holds_price = |text: &str| price_share(text) > 0.0;
        for text in [
            "$49.99",
            "Now 49,99 € incl. VAT",
            "od 15\u{a0}000 zł",
            "Cena: 199 Kč",
            "EUR 20",
            "US$1,200",
            "1.200円（税込）",
            "15,000원",
            "₹ 2,499",
            "Kanne 1,2 l34,90 €",
        ] {
            assert!(holds_price(text), "{text}");
        }
        for text in [
            "Top 10 headphones of 2024",
            "Save 20% today",
            "Try 30 days free",
            "A 6 ft ladder",
            "Chapter 12: the $ sign",
            "12 kroków do celu",
        ] {
            assert!(!holds_price(text), "{text}");
        }
        assert_eq!(price_share("Now 49,99 €"), 2.0 / 3.0);
        assert_eq!(price_share("Free shipping on orders over $40"), 1.0 / 6.0);
    }

    #[test]
    fn price_words_stand_as_parts_of_a_token() {
        assert!(classify_hints("product-card__price").price);
        assert!(classify_hints("produkt preis").price);
        assert!(classify_hints("cena-brutto").price);
        assert!(!classify_hints("priceless-moments").price);
        assert!(!classify_hints("enterprise").price);
    }

    #[test]
    fn a_thread_reads_comment_words_as_no_furniture() {
        let kinds = classify_hints("comment-list");
        assert_eq!(kinds.furniture_word(), Some("comment"));
        assert_eq!(kinds.thread_furniture_word(), None);
        let kinds = classify_hints("kommentar share-buttons");
        assert!(kinds.comments);
        assert_eq!(kinds.thread_furniture_word(), Some("share"));
    }

    #[test]
    fn what_stands_beside_every_post_is_post_furniture() {
        let post = |hints| classify_hints(hints).post_furniture_word();
        assert_eq!(post("message-userextras"), Some("userextras"));
        assert_eq!(post("postprofile"), Some("postprofile"));
        assert_eq!(post("votecell post-layout--left"), Some("votecell"));
        assert_eq!(post("answer-votes"), Some("votes"));
        assert_eq!(post("message-lastedit"), Some("lastedit"));
        assert_eq!(post("benutzerinfo"), Some("benutzerinfo"));
        // Post furniture is furniture, also on a thread.
        assert_eq!(
            classify_hints("post-lastedit").thread_furniture_word(),
            Some("lastedit")
        );
        // Whole parts only for votes; no word in a script hook.
        assert_eq!(post("devoted-readers"), None);
        assert_eq!(post("js-vote-count"), None);
        assert_eq!(post("message-body"), None);
    }

    #[test]
    fn furniture_hints_match_words_and_fragments() {
        let furniture = |hints| classify_hints(hints).furniture;
        assert!(furniture("share-bar"));
        assert!(furniture("komentar-list"));
        assert!(furniture("top ad"));
        assert!(!furniture("header"));
        assert!(furniture("photo changespace"));
        assert!(!furniture("card has-image"));
        assert!(!furniture("article-body"));
        assert!(classify_hints("c-article-body").content);
        assert!(classify_hints("komentar-list").comments);
        let wrapper = classify_hints("content-with-sidebar");
        assert!(wrapper.wrapper && !wrapper.comments);
    }

    #[test]
    fn author_boxes_are_furniture_wherever_the_word_stands() {
        let furniture = |hints| classify_hints(hints).furniture;
        assert!(furniture("elementor-author-box__bio"));
        assert!(furniture("post-author"));
        assert!(furniture("autor-box"));
        assert!(furniture("auteur-carte"));
        // A byline in a listing's cards is the item's, not a box beside it.
        assert!(!furniture("card__authors authors"));
        assert!(!furniture("authority-links"));
    }

    #[test]
    fn layout_grid_cells_are_named_by_a_whole_part() {
        assert!(classify_hints("so-panel widget").builder_cell);
        assert!(classify_hints("panel-grid-cell").builder_cell);
        assert!(!classify_hints("sidebar-widget paneled").builder_cell);
    }

    #[test]
    fn disclaimer_words_name_a_box_not_furniture_everywhere() {
        let kinds = classify_hints("site-disclaimer");
        assert_eq!(kinds.box_furniture_word(), Some("disclaimer"));
        assert!(!kinds.furniture);
        assert_eq!(classify_hints("disclaimerbox").box_furniture_word(), None);
    }

    #[test]
    fn dialog_words_name_a_dialog_even_in_a_wrapper_token() {
        for hints in [
            "ensmodalwrapper",
            "cookie-banner",
            "gdpr-popup-container",
            "consent",
        ] {
            let kinds = classify_hints(hints);
            assert!(kinds.dialog && kinds.furniture, "{hints}");
        }
        assert!(classify_hints("modal-wrapper").wrapper);
        for hints in ["overlay", "content-with-sidebar", "card has-image"] {
            assert!(!classify_hints(hints).dialog, "{hints}");
        }
    }

    /// Asserts which class/id strings mark furniture and which do not.
    fn assert_furniture(marked: &[&str], unmarked: &[&str]) {
        for hints in marked {
            assert!(classify_hints(hints).furniture, "{hints} should mark");
        }
        for hints in unmarked {
            assert!(!classify_hints(hints).furniture, "{hints} should not mark");
        }
    }

    #[test]
    fn a_posts_signature_and_profile_box_mark() {
        assert_furniture(
            &[
                "signature",
                "message-signature",
                "post-signature",
                "postprofile",
                "ipsentry__signature",
                "beitrag-signatur",
            ],
            &["digital-signature-compatible-row", "signature-dishes"],
        );
        for hints in ["message-signature", "ipsentry__signature", "post-podpis"] {
            assert_eq!(
                classify_hints(hints).post_furniture_word(),
                Some(hints.rsplit(['-', '_']).next().unwrap_or(hints)),
                "{hints} should mark a post's furniture"
            );
        }
    }

    #[test]
    fn page_builder_widgets_do_not_mark() {
        assert_furniture(
            &["widget widget_recent_entries", "widget"],
            &[
                "elementor-widget-container",
                "elementor-widget elementor-widget-text-editor",
                "hs_cos_wrapper_widget hs_cos_wrapper_type_rich_text",
                "celwidget",
            ],
        );
    }

    #[test]
    fn script_hooks_and_state_flags_mark_nothing() {
        assert_furniture(
            &[
                "comment-list",
                "comments",
                "comment-reply",
                "replies",
                "is-active share-bar",
            ],
            &[
                "js-replynewmessagecontainer",
                "js-comment-edit-hide",
                "is-share-open",
                "has-sidebar",
                "has-social-links",
            ],
        );
        assert!(classify_hints("post-content has-sidebar").content);
    }

    #[test]
    fn taxonomy_and_utility_prefixes_do_not_mark() {
        assert_furniture(
            &[
                "post-tags",
                "tags",
                "entry-tag",
                "hide",
                "entry-meta",
                "post-date",
            ],
            &[
                "post type-post tag-jakarta tag-banjir category-berita",
                "product_tag-12oz product_cat-mugs",
                "hide-compare",
                "medium-hide",
                "meta-description-text",
                "date-picker-wrapper",
            ],
        );
    }

    #[test]
    fn utility_classes_with_variants_mark_nothing() {
        assert_furniture(
            &["print-only", "sidebar md:w-64"],
            &[
                "w-full print:break-inside-avoid [h2]:pt-0",
                "md:nav-hidden lg:sidebar-open",
                "[&_.share]:hidden",
            ],
        );
    }

    #[test]
    fn menus_and_footers_mark_as_the_thing_itself() {
        assert_furniture(
            &[
                "main-menu",
                "menu",
                "site-footer",
                "footer-links",
                "gds-footer__zone",
                "stopka-strony",
                "fusszeile",
                "site-rodape",
            ],
            &[
                "menu-item menu-item-type-post_type",
                "mega-menu__content",
                "contextmenu",
                "card__footer",
                "no-image-card__footer",
                "karta__stopka",
            ],
        );
    }

    #[test]
    fn short_words_mark_only_as_whole_parts() {
        assert_furniture(
            &[
                "share-buttons",
                "dpsp-share-text",
                "print-button",
                "pager",
                "top-ad",
                "ad-slot",
                "nav-previous",
                "rating",
                "product-rating",
            ],
            &[
                "prettyprint",
                "blueprint-card",
                "shareholder-letter",
                "rating_score",
                "pagerank-notes",
                "preview-card",
                "header",
            ],
        );
    }

    #[test]
    fn slugs_of_text_mark_nothing_but_long_fragments_still_do() {
        assert_furniture(
            &[
                "newsletterbox",
                "jp-relatedposts",
                "mntl-breadcrumbs",
                "outbrain_widget_1",
            ],
            &[
                "what-is-social-media-marketing",
                "how-popular-are-meditation-and-mindfulness",
                "which-is-the-best-audiobook-subscription-service",
            ],
        );
    }

    #[test]
    fn phrases_are_found_as_whole_words_with_their_share() {
        let found = |text| boilerplate_phrase(text).map(|m| (m.strength, m.phrase));
        assert_eq!(
            found("Baca selanjutnya"),
            Some((PhraseStrength::Weak, "baca selanjutnya"))
        );
        assert_eq!(
            boilerplate_phrase("Baca selanjutnya").map(|m| m.share),
            Some(1.0)
        );
        // "shared" is not "share"; "comments" is found, but as a small share.
        let mention = boilerplate_phrase("He shared the comments he had made in private.");
        assert_eq!(mention.map(|m| m.phrase), Some("comments"));
        assert!(mention.is_some_and(|m| m.share < 0.5));
        assert_eq!(
            found("Hak cipta milik Rossiyskaya Gazeta.").map(|(s, _)| s),
            Some(PhraseStrength::Strong)
        );
        let banner = "Situs ini menggunakan kuki. Klik di sini untuk mempelajari lebih lanjut.";
        assert_eq!(found(banner).map(|(s, _)| s), Some(PhraseStrength::Strong));
        // Suffixed words: Turkish and Finnish consent banners.
        for banner in [
            "Sitemizde size daha iyi hizmet sunmak için çerezler kullanılmaktadır.",
            "Sivustomme käyttää evästeitä parantaakseen käyttökokemusta.",
        ] {
            assert_eq!(found(banner).map(|(s, _)| s), Some(PhraseStrength::Strong));
        }
        assert_eq!(
            found("Livraison offerte dès 60 € d’achat.").map(|(s, _)| s),
            Some(PhraseStrength::Strong)
        );
        assert_eq!(
            found("送料無料でお届け").map(|(s, _)| s),
            Some(PhraseStrength::Strong)
        );
        assert_eq!(
            found("Ähnliche Themen"),
            Some((PhraseStrength::Weak, "ähnliche themen"))
        );
    }

    #[test]
    fn furniture_marks_name_the_word_that_matched() {
        assert_eq!(
            classify_hints("top share-bar").furniture_word(),
            Some("share")
        );
        assert_eq!(classify_hints("article-body").furniture_word(), None);
    }

    #[test]
    fn comment_titles_are_recognised_in_any_form() {
        for title in [
            "Comments (12)",
            "12 Comments",
            "Yorumlar",
            "التعليقات",
            "टिप्पणियां",
            "コメント",
            "ความคิดเห็น",
            "Bình luận:",
        ] {
            assert!(is_comments_heading(title), "{title}");
        }
        for text in [
            "Discussion",
            "Comment",
            "No comments on the budget yet",
            "Réactions",
        ] {
            assert!(!is_comments_heading(text), "{text}");
        }
    }
}
