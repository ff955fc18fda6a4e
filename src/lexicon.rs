//! Lexicon: the multilingual vocabulary that marks boilerplate. Class/id
//! words mark page furniture (menus, share bars, comments, teasers) in the
//! markup; phrases mark it in the text (cookie banners, "read more",
//! copyright lines) in 25+ languages. Both are soft evidence, applied only
//! to short or link-heavy blocks and to small page regions, never to long prose.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

/// Class/id fragments of comment sections, in several languages.
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
    "reply",
    "replies",
    "discussion",
    "komen",
    "binhluan",
    "binh-luan",
];

/// Class/id fragments of other page furniture, matched inside the
/// lower-cased `class` and `id` values.
const FURNITURE_FRAGMENTS: &[&str] = &[
    // sharing and following
    "share",
    "sharing",
    "social",
    "sosial",
    "teilen",
    "partage",
    "compartir",
    "condividi",
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
    "cookie",
    "consent",
    "gdpr",
    "modal",
    "popup",
    "overlay",
    // page furniture
    "footer",
    "sidebar",
    "side-bar",
    "widget",
    "breadcrumb",
    "navigation",
    "navbar",
    "menu",
    "pagination",
    "pager",
    "masthead",
    "toolbar",
    "skip-link",
    "sponsor",
    "advert",
    "banner",
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
    "rating",
    "print",
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

/// Whole class/id words of page furniture (too short to match inside words).
const FURNITURE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "nav",
    "tag",
    "tags",
    "share",
    "meta",
    "aside",
    "related",
    "hide",
    "date",
    "author",
    "comments",
    "social",
    "footer",
    "header-nav",
    "topics",
];

/// Whole class or id values of page furniture (matched only as a whole
/// value: "photo" is a caption box, "has-photo" is not).
const FURNITURE_CLASSES: &[&str] = &[
    "dates", "photo", "image", "picture", "gallery", "credit", "credits",
];

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
    "çerez kullan",
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
    cell.get_or_init(|| AhoCorasick::new(words).expect("static word lists fit an automaton"))
}

static STRONG: OnceLock<AhoCorasick> = OnceLock::new();
static WEAK: OnceLock<AhoCorasick> = OnceLock::new();
static HINTS: OnceLock<(AhoCorasick, Vec<(HintList, &'static str)>)> = OnceLock::new();

/// What an element's lower-cased class/id string says about it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HintKinds {
    /// Names a comment section (also furniture).
    pub comments: bool,
    /// Names page furniture: navigation, sharing, ads, related links.
    pub furniture: bool,
    /// Names the article body itself.
    pub content: bool,
    /// Names a layout wrapper, which may hold the article beside furniture.
    pub wrapper: bool,
    /// The first furniture or comment word found, to explain the mark.
    pub furniture_word: Option<&'static str>,
}

/// What a class/id word list marks, and how its words must stand to match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HintList {
    /// Comment-section fragments, matched anywhere.
    Comments,
    /// Furniture fragments, matched anywhere.
    FurnitureFragment,
    /// Article-body fragments, matched anywhere.
    Content,
    /// Layout-wrapper fragments, matched anywhere.
    Wrapper,
    /// Furniture words, matched only as whole words.
    FurnitureWord,
    /// Furniture class values, matched only as a whole value.
    FurnitureClass,
}

/// Every class/id word list with what it marks.
const HINT_LISTS: [(HintList, &[&str]); 6] = [
    (HintList::Comments, COMMENT_FRAGMENTS),
    (HintList::FurnitureFragment, FURNITURE_FRAGMENTS),
    (HintList::Content, CONTENT_FRAGMENTS),
    (HintList::Wrapper, WRAPPER_FRAGMENTS),
    (HintList::FurnitureWord, FURNITURE_WORDS),
    (HintList::FurnitureClass, FURNITURE_CLASSES),
];

/// Classifies a class/id string in one pass of one automaton over every
/// list: fragments match anywhere, furniture words only as whole words,
/// furniture classes only as whole class values.
pub fn classify_hints(hints: &str) -> HintKinds {
    let mut kinds = HintKinds::default();
    if hints.is_empty() {
        return kinds;
    }
    let (automaton, patterns) = HINTS.get_or_init(|| {
        let patterns: Vec<(HintList, &'static str)> = HINT_LISTS
            .iter()
            .flat_map(|&(list, words)| words.iter().map(move |&word| (list, word)))
            .collect();
        // Fixed, small word lists: building cannot hit the automaton size limits.
        let automaton = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(patterns.iter().map(|(_, word)| word))
            .expect("static word lists fit an automaton");
        (automaton, patterns)
    });
    let bytes = hints.as_bytes();
    for found in automaton.find_overlapping_iter(hints) {
        let Some(&(list, word)) = patterns.get(found.pattern().as_usize()) else {
            continue;
        };
        let (before, after) = (
            found.start().checked_sub(1).map(|i| bytes[i]),
            bytes.get(found.end()).copied(),
        );
        let furniture = match list {
            HintList::Comments => {
                kinds.comments = true;
                true
            }
            HintList::FurnitureFragment => true,
            HintList::Content => {
                kinds.content = true;
                false
            }
            HintList::Wrapper => {
                kinds.wrapper = true;
                false
            }
            HintList::FurnitureWord => {
                let hyphenated = word.contains('-');
                is_word_edge(before, hyphenated) && is_word_edge(after, hyphenated)
            }
            HintList::FurnitureClass => is_value_edge(before) && is_value_edge(after),
        };
        if furniture {
            kinds.furniture = true;
            kinds.furniture_word.get_or_insert(word);
        }
    }
    kinds
}

/// A byte beside a whole word: none, or one that is not part of a word
/// (letters and digits in any script; hyphens too around a hyphenated
/// word such as "header-nav").
fn is_word_edge(byte: Option<u8>, hyphenated: bool) -> bool {
    byte.is_none_or(|b| !(b.is_ascii_alphanumeric() || b >= 0x80 || hyphenated && b == b'-'))
}

/// A byte beside a whole class value: none, or whitespace.
fn is_value_edge(byte: Option<u8>) -> bool {
    byte.is_none_or(|b| b.is_ascii_whitespace())
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
    }

    #[test]
    fn furniture_marks_name_the_word_that_matched() {
        assert_eq!(
            classify_hints("top share-bar").furniture_word,
            Some("share")
        );
        assert_eq!(classify_hints("article-body").furniture_word, None);
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
