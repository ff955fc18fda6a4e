//! Dates: declared dates in the many formats pages write them, the date in
//! a URL path, and dates written in running text ("Feb 08, 2022",
//! "13/11/2025", "12. Dezember 2025", "2025年12月12日"), each within
//! plausible bounds.

use std::sync::OnceLock;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime};
use regex::Regex;

/// The earliest plausible publication year: the web of articles with
/// dates starts in the mid-1990s, and older years in a page are history.
const EARLIEST_YEAR: i32 = 1995;

/// A declared date in ISO 8601: RFC 3339 (offset kept as given, so never
/// moved to another calendar day), RFC 2822, `YYYY-MM-DD` with or without a
/// time, a time with fractions or a `+0000` offset, and any date the running
/// text rules read; anything else, or an implausible date, is left out.
pub fn iso_date(raw: &str, today: NaiveDate, month_first: bool) -> Option<String> {
    let raw = raw.trim();
    let (iso, day) = declared_forms(raw).or_else(|| {
        let day = first_date_in(raw, month_first, today)?;
        Some((day.format("%Y-%m-%d").to_string(), day))
    })?;
    plausible(day, today).then_some(iso)
}

/// The ISO form and calendar day of a machine-written date.
fn declared_forms(raw: &str) -> Option<(String, NaiveDate)> {
    if let Ok(date) = DateTime::parse_from_rfc3339(raw) {
        return Some((date.to_rfc3339(), date.date_naive()));
    }
    if let Ok(date) = DateTime::parse_from_rfc2822(raw) {
        return Some((date.to_rfc3339(), date.date_naive()));
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z"] {
        if let Ok(date) = DateTime::parse_from_str(raw, format) {
            return Some((date.to_rfc3339(), date.date_naive()));
        }
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(date) = NaiveDateTime::parse_from_str(raw, format) {
            return Some((date.format("%Y-%m-%dT%H:%M:%S").to_string(), date.date()));
        }
    }
    let day = raw.get(..10).unwrap_or(raw);
    ["%Y-%m-%d", "%Y/%m/%d", "%Y%m%d"]
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(day, format).ok())
        .map(|date| (date.format("%Y-%m-%d").to_string(), date))
}

/// Whether a date may be a publication date: not before the web of
/// articles, not in the future.
fn plausible(day: NaiveDate, today: NaiveDate) -> bool {
    day.year() >= EARLIEST_YEAR && day <= today
}

/// The date in a URL's path (`/2024/05/01/`, `/2024-05-01-slug`,
/// `/2023/october/03/`), percent-escapes decoded first (a URL given whole
/// as `%2F2024-05-01%2B…`).
pub fn from_url(url: &str, today: NaiveDate) -> Option<String> {
    static PATH_DATES: OnceLock<[Regex; 2]> = OnceLock::new();
    let [numeric, named] = PATH_DATES.get_or_init(|| {
        [
            r"/((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?:\D|$)",
            r"(?i)/((?:19|20)\d{2})/(\p{L}{3,})/(\d{1,2})(?:\D|$)",
        ]
        .map(|pattern| Regex::new(pattern).expect("valid regex"))
    });
    let url = percent_decoded(url);
    let path = url.split(['?', '#']).next().unwrap_or(&url);
    let numeric_days = numeric
        .captures_iter(path)
        .filter_map(|c| ymd(&c[1], &c[2], &c[3]));
    let named_days = named.captures_iter(path).filter_map(|c| {
        NaiveDate::from_ymd_opt(c[1].parse().ok()?, month_named(&c[2])?, c[3].parse().ok()?)
    });
    numeric_days
        .chain(named_days)
        .find(|day| plausible(*day, today))
        .map(|day| day.format("%Y-%m-%d").to_string())
}

/// A URL with its `%XX` escapes decoded (invalid UTF-8 replaced).
fn percent_decoded(url: &str) -> String {
    if !url.contains('%') {
        return url.to_string();
    }
    let bytes = url.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let escaped = (bytes[at] == b'%')
            .then(|| url.get(at + 1..at + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                decoded.push(byte);
                at += 3;
            }
            None => {
                decoded.push(bytes[at]);
                at += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

/// The first plausible date written in `text`, in any of the forms of
/// [`patterns`]; `month_first` reads an ambiguous `04/05/2024` as April
/// (as in the United States).
pub fn first_date_in(text: &str, month_first: bool, today: NaiveDate) -> Option<NaiveDate> {
    // Each form's first date, then the earliest of them (the first form's
    // on a tie): no form reads on past its first.
    patterns_for(text)
        .iter()
        .filter_map(|(pattern, order)| {
            pattern.captures_iter(text).find_map(|c| {
                let at = c.get(0)?.start();
                let day = order.read(&c, month_first)?;
                plausible(day, today).then_some((at, day))
            })
        })
        .min_by_key(|(at, _)| *at)
        .map(|(_, day)| day)
}

/// The last plausible date written in `text`.
pub fn last_date_in(text: &str, month_first: bool, today: NaiveDate) -> Option<NaiveDate> {
    dates_in(text, month_first, today)
        .last()
        .map(|(_, day)| day)
}

/// Every plausible date written in `text`, in order.
pub fn all_dates_in(text: &str, month_first: bool, today: NaiveDate) -> Vec<NaiveDate> {
    dates_in(text, month_first, today)
        .map(|(_, day)| day)
        .collect()
}

/// Where the first date written in `text` starts, plausible or not.
pub fn first_date_offset(text: &str) -> Option<usize> {
    patterns_for(text)
        .iter()
        .filter_map(|(pattern, order)| {
            pattern
                .captures_iter(text)
                .find(|c| order.read(c, false).is_some())
                .and_then(|c| c.get(0))
                .map(|m| m.start())
        })
        .min()
}

/// Every plausible date written in `text` with its byte offset, in order.
fn dates_in(
    text: &str,
    month_first: bool,
    today: NaiveDate,
) -> impl Iterator<Item = (usize, NaiveDate)> {
    let mut found: Vec<(usize, NaiveDate)> = patterns_for(text)
        .iter()
        .flat_map(|(pattern, order)| {
            pattern.captures_iter(text).filter_map(move |c| {
                let at = c.get(0)?.start();
                let day = order.read(&c, month_first)?;
                Some((at, day))
            })
        })
        .filter(|(_, day)| plausible(*day, today))
        .collect();
    found.sort_by_key(|(at, _)| *at);
    found.into_iter()
}

/// The date patterns worth running over `text`: none when it holds no four
/// ASCII digits in a row, which every date read has as its year (the
/// patterns' Unicode word boundaries make them slow on text that is not
/// ASCII, and most text near a title holds no year at all).
fn patterns_for(text: &str) -> &'static [(Regex, Order)] {
    let mut digits_in_a_row = 0;
    for byte in text.bytes() {
        digits_in_a_row = if byte.is_ascii_digit() {
            digits_in_a_row + 1
        } else {
            0
        };
        if digits_in_a_row == 4 {
            return patterns();
        }
    }
    &[]
}

/// How the three captures of a date pattern map to year, month and day.
#[derive(Clone, Copy)]
enum Order {
    /// 2025-12-19, 2025.12.19, 2025/12/19, 2025年12月19日.
    YearMonthDay,
    /// 19.12.2025 or 12/19/2025: day first unless the day cannot be a
    /// month's or the page writes month first.
    Numeric,
    /// 19 December 2025, 19. Dezember 2025, 19 de diciembre de 2025.
    DayNameYear,
    /// December 19, 2025; Dec. 19th 2025.
    NameDayYear,
    /// 2025 Dec 19.
    YearNameDay,
}

impl Order {
    fn read(self, c: &regex::Captures, month_first: bool) -> Option<NaiveDate> {
        let [a, b, y] = [&c[1], &c[2], &c[3]];
        match self {
            Order::YearMonthDay => ymd(a, b, y),
            Order::Numeric => {
                let (first, second) = (a.parse::<u32>().ok()?, b.parse::<u32>().ok()?);
                let month_leads = second > 12 || (month_first && first <= 12);
                let (month, day) = if month_leads {
                    (first, second)
                } else {
                    (second, first)
                };
                NaiveDate::from_ymd_opt(y.parse().ok()?, month, day)
            }
            Order::DayNameYear => {
                NaiveDate::from_ymd_opt(y.parse().ok()?, month_named(b)?, a.parse().ok()?)
            }
            Order::NameDayYear => {
                NaiveDate::from_ymd_opt(y.parse().ok()?, month_named(a)?, b.parse().ok()?)
            }
            Order::YearNameDay => {
                NaiveDate::from_ymd_opt(a.parse().ok()?, month_named(b)?, y.parse().ok()?)
            }
        }
    }
}

fn ymd(year: &str, month: &str, day: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// The written date forms, each with how its captures read.
fn patterns() -> &'static [(Regex, Order)] {
    static PATTERNS: OnceLock<Vec<(Regex, Order)>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let ordinal = r"(?:st|nd|rd|th|er|º)?";
        [
            (r"\b(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?:\b|T)", Order::YearMonthDay),
            (
                r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})",
                Order::YearMonthDay,
            ),
            (r"\b(\d{1,2})[-./](\d{1,2})[-./](\d{4})\b", Order::Numeric),
            (
                &format!(
                    r"(?i)\b(\d{{1,2}}){ordinal}\.?(?:\s+de)?[\s-]+(\p{{L}}+)\.?,?(?:\s+de)?[\s-]+(\d{{4}})\b"
                ),
                Order::DayNameYear,
            ),
            (
                &format!(r"(?i)\b(\p{{L}}+)\.?\s+(\d{{1,2}}){ordinal},?\s+(\d{{4}})\b"),
                Order::NameDayYear,
            ),
            (r"(?i)\b(\d{4})\s+(\p{L}+)\.?\s+(\d{1,2})\b", Order::YearNameDay),
        ]
        .into_iter()
        .map(|(pattern, order)| (Regex::new(pattern).expect("valid regex"), order))
        .collect()
    })
}

/// Month names and their common abbreviations in the languages pages are
/// most often written in (English, German, French, Spanish, Portuguese,
/// Italian, Dutch, Scandinavian, Indonesian, Polish, Czech, Turkish,
/// Russian), lower-cased; Russian, Polish and Czech in the genitive that
/// dates use.
const MONTHS: [&[&str]; 12] = [
    &[
        "january",
        "jan",
        "januar",
        "janvier",
        "janv",
        "enero",
        "ene",
        "janeiro",
        "gennaio",
        "gen",
        "januari",
        "jän",
        "jänner",
        "stycznia",
        "ledna",
        "ocak",
        "января",
        "янв",
    ],
    &[
        "february",
        "feb",
        "febr",
        "februar",
        "février",
        "févr",
        "fevrier",
        "febrero",
        "fevereiro",
        "fev",
        "febbraio",
        "februari",
        "lutego",
        "února",
        "şubat",
        "subat",
        "февраля",
        "фев",
    ],
    &[
        "march",
        "mar",
        "märz",
        "maerz",
        "mär",
        "mars",
        "marzo",
        "março",
        "marco",
        "maart",
        "mrt",
        "maret",
        "marca",
        "března",
        "mart",
        "марта",
        "мар",
    ],
    &[
        "april",
        "apr",
        "avril",
        "avr",
        "abril",
        "abr",
        "aprile",
        "kwietnia",
        "dubna",
        "nisan",
        "апреля",
        "апр",
    ],
    &[
        "may", "mai", "mayo", "maio", "maggio", "mag", "mei", "maj", "maja", "května", "mayıs",
        "mayis", "мая",
    ],
    &[
        "june", "jun", "juni", "juin", "junio", "junho", "giugno", "giu", "czerwca", "června",
        "haziran", "июня", "июн",
    ],
    &[
        "july",
        "jul",
        "juli",
        "juillet",
        "juil",
        "julio",
        "julho",
        "luglio",
        "lug",
        "lipca",
        "července",
        "temmuz",
        "июля",
        "июл",
    ],
    &[
        "august",
        "aug",
        "août",
        "aout",
        "agosto",
        "ago",
        "agustus",
        "augusti",
        "sierpnia",
        "srpna",
        "ağustos",
        "agustos",
        "августа",
        "авг",
    ],
    &[
        "september",
        "sep",
        "sept",
        "septembre",
        "septiembre",
        "setiembre",
        "setembro",
        "set",
        "settembre",
        "wrzesnia",
        "września",
        "září",
        "eylül",
        "eylul",
        "сентября",
        "сен",
    ],
    &[
        "october",
        "oct",
        "oktober",
        "okt",
        "octobre",
        "octubre",
        "outubro",
        "out",
        "ottobre",
        "ott",
        "października",
        "pazdziernika",
        "října",
        "ekim",
        "октября",
        "окт",
    ],
    &[
        "november",
        "nov",
        "novembre",
        "noviembre",
        "novembro",
        "nopember",
        "listopada",
        "listopadu",
        "kasım",
        "kasim",
        "ноября",
        "ноя",
    ],
    &[
        "december",
        "dec",
        "dezember",
        "dez",
        "décembre",
        "decembre",
        "déc",
        "diciembre",
        "dic",
        "dezembro",
        "dicembre",
        "desember",
        "des",
        "grudnia",
        "prosince",
        "aralık",
        "aralik",
        "декабря",
        "дек",
    ],
];

/// The month a name or abbreviation stands for.
fn month_named(word: &str) -> Option<u32> {
    let word = word.to_lowercase();
    MONTHS
        .iter()
        .position(|names| names.contains(&word.as_str()))
        .map(|index| index as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 31).unwrap()
    }

    fn day(text: &str, month_first: bool) -> Option<String> {
        first_date_in(text, month_first, today()).map(|d| d.to_string())
    }

    #[test]
    fn declared_dates_are_normalised_or_dropped() {
        let iso = |raw| iso_date(raw, today(), false);
        assert_eq!(iso("2024/05/03").as_deref(), Some("2024-05-03"));
        assert_eq!(
            iso("Fri, 03 May 2024 10:00:00 GMT").as_deref(),
            Some("2024-05-03T10:00:00+00:00")
        );
        assert_eq!(
            iso("2025-11-18T21:39:57.674").as_deref(),
            Some("2025-11-18T21:39:57")
        );
        assert_eq!(
            iso("2025-08-04T11:55:39+0000").as_deref(),
            Some("2025-08-04T11:55:39+00:00")
        );
        assert_eq!(iso("December 3, 2025").as_deref(), Some("2025-12-03"));
        assert_eq!(iso("yesterday"), None);
        assert_eq!(iso("1970-01-01"), None, "before the web of articles");
        assert_eq!(iso("2030-01-01"), None, "in the future");
    }

    #[test]
    fn an_offset_never_moves_the_calendar_day() {
        assert_eq!(
            iso_date("2025-12-19T23:30:00-05:00", today(), false).as_deref(),
            Some("2025-12-19T23:30:00-05:00")
        );
    }

    #[test]
    fn written_dates_are_read_in_many_languages() {
        let cases = [
            ("Published on Oct 31, 2025 Blog", "2025-10-31"),
            (
                "Posted by David at December 16, 2025 11:15 AM",
                "2025-12-16",
            ),
            ("Dec. 19, 2025 · Niko", "2025-12-19"),
            ("Page updated: 12 November 2025 by", "2025-11-12"),
            ("am 12. Dezember 2025 von Anna", "2025-12-12"),
            ("publié le 3 févr. 2025", "2025-02-03"),
            ("Publicado el 19 de diciembre de 2025", "2025-12-19"),
            ("FlowGuard EMEA on 04-ago-2021 5:11:10", "2021-08-04"),
            ("Diterbitkan 5 Agustus 2024", "2024-08-05"),
            ("опубликовано 5 августа 2024", "2024-08-05"),
            ("2025年12月12日 公開", "2025-12-12"),
            ("Cureus. 2023 Jan 7;15(1)", "2023-01-07"),
            ("Essay - Published: 2025.12.17 | art", "2025-12-17"),
            ("Nick van Mead 2022-11-23T08:10+02:00", "2022-11-23"),
            ("By The Currency editors 12.12.2025", "2025-12-12"),
        ];
        for (text, expected) in cases {
            assert_eq!(day(text, false).as_deref(), Some(expected), "{text}");
        }
    }

    #[test]
    fn numeric_dates_follow_the_page_convention_unless_impossible() {
        assert_eq!(
            day("Updated: 04/05/2024", false).as_deref(),
            Some("2024-05-04")
        );
        assert_eq!(
            day("Updated: 04/05/2024", true).as_deref(),
            Some("2024-04-05")
        );
        assert_eq!(
            day("Updated: 10/31/2024", false).as_deref(),
            Some("2024-10-31")
        );
        assert_eq!(day("13/11/2025", true).as_deref(), Some("2025-11-13"));
    }

    #[test]
    fn words_that_are_not_months_and_impossible_days_give_no_date() {
        assert_eq!(day("Top 10 Movers 2025", false), None);
        assert_eq!(day("May 32, 2025", false), None);
        assert_eq!(day("Chapter 3, 2025 edition", false), None);
    }

    #[test]
    fn the_first_and_the_last_date_are_found() {
        let text = "Posted March 2, 2024, updated 5 April 2024";
        assert_eq!(day(text, false).as_deref(), Some("2024-03-02"));
        let forms = "Since 1990-01-01; 5 April 2024, then 2024-03-01";
        assert_eq!(
            first_date_in(forms, false, today()).map(|d| d.to_string()),
            Some("2024-04-05".into()),
            "the earliest plausible date of any form, not the first form's"
        );
        assert_eq!(
            last_date_in(text, false, today()).map(|d| d.to_string()),
            Some("2024-04-05".into())
        );
    }

    #[test]
    fn text_without_a_year_is_not_searched() {
        assert!(patterns_for("By Ana Lima, 12 May 24").is_empty());
        assert!(patterns_for("٢٠٢٥-١٢-١٩ and 12/05/202").is_empty());
        assert_eq!(patterns_for("May 12, 2024").len(), patterns().len());
        assert_eq!(first_date_offset("Published 12.05.24"), None);
    }

    #[test]
    fn url_paths_give_their_dates() {
        let url = |u| from_url(u, today());
        assert_eq!(
            url("https://ex.com/2024/05/01/slug/").as_deref(),
            Some("2024-05-01")
        );
        assert_eq!(
            url("https://ex.com/blog/2025-12-17-minisgl").as_deref(),
            Some("2025-12-17")
        );
        assert_eq!(
            url("https://ex.com/blog/2023/october/03/wine-types").as_deref(),
            Some("2023-10-03")
        );
        assert_eq!(
            url("https://blog.ex.fr%2Farticles%2F2025-12-15%2BRust%2Bbackend").as_deref(),
            Some("2025-12-15"),
            "a URL given percent-escaped whole"
        );
        assert_eq!(url("https://ex.com/2024/05/012"), None);
        assert_eq!(url("https://ex.com/2024/notes/01/"), None);
        assert_eq!(url("https://ex.com/p/12345/2024"), None);
        assert_eq!(url("https://ex.com/x?d=/2024/05/01/"), None);
    }
}
