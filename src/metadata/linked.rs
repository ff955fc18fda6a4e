//! Linked data: the page's JSON-LD scripts (also when wrapped in
//! `<![CDATA[ … ]]>` or broken by raw line breaks inside strings), flattened
//! into one list of objects, with `@id` references followed, and every
//! schema.org type they declare (what scoring reads for the page type).
//! Each page's scripts are parsed once, here.

use std::sync::OnceLock;

use regex::Regex;
use serde_json::Value;

/// The JSON-LD objects of a page and the one that describes its article.
#[derive(Debug, Default)]
pub struct LinkedData {
    objects: Vec<Value>,
    /// Index in `objects` of the article: the first whose type is an
    /// article or a posting, else the first object at all.
    article: Option<usize>,
    /// Every `@type` named anywhere in the scripts, nested objects'
    /// included, as written.
    types: Vec<String>,
}

impl LinkedData {
    /// Parses every script; the types of those that are not JSON are still
    /// read from their `"@type": …` pairs.
    pub fn parse(scripts: &[String]) -> LinkedData {
        let mut types = Vec::new();
        let mut objects = Vec::new();
        for script in scripts {
            match serde_json::from_str::<Value>(&readable(script)) {
                Ok(value) => {
                    collect_types(&value, &mut types);
                    objects.extend(flatten_graph(value));
                }
                Err(_) => types.extend(written_types(script)),
            }
        }
        let article = objects
            .iter()
            .position(is_article)
            .or_else(|| (!objects.is_empty()).then_some(0));
        LinkedData {
            objects,
            article,
            types,
        }
    }

    /// Every schema.org type the scripts declare, at any depth (an
    /// article's `Person` author, a product's `Offer`), as written.
    pub fn types(&self) -> &[String] {
        &self.types
    }

    /// The article object.
    pub fn article(&self) -> Option<&Value> {
        self.objects.get(self.article?)
    }

    /// A field of the article, an `@id` reference replaced by the object it
    /// names.
    pub fn field(&self, key: &str) -> Option<&Value> {
        self.resolve(self.article()?.get(key)?)
    }

    /// A string field of the article, trimmed and not empty.
    pub fn text(&self, key: &str) -> Option<String> {
        string(self.field(key))
    }

    /// The value, or the object an `{"@id": …}` reference without other
    /// fields names.
    pub fn resolve<'a>(&'a self, value: &'a Value) -> Option<&'a Value> {
        let Some(object) = value.as_object() else {
            return Some(value);
        };
        match object.get("@id").and_then(Value::as_str) {
            Some(id) if object.len() == 1 => self
                .objects
                .iter()
                .find(|o| o.get("@id").and_then(Value::as_str) == Some(id))
                .or(Some(value)),
            _ => Some(value),
        }
    }

    /// The name of a person or organisation given as a string, an object
    /// with a `name` or a reference to one.
    pub fn name_of(&self, value: &Value) -> Option<String> {
        match self.resolve(value)? {
            Value::Object(object) => string(object.get("name")),
            other => string(Some(other)),
        }
    }
}

/// Script text as JSON: a CDATA wrapper (and the `//` comments that hide
/// it from old browsers) removed, control characters (raw line breaks
/// inside strings, which JSON forbids) turned to spaces.
fn readable(script: &str) -> String {
    let mut text = script.trim();
    for wrapper in ["//", "<![CDATA[", "/*<![CDATA[*/"] {
        text = text.strip_prefix(wrapper).unwrap_or(text).trim_start();
    }
    for wrapper in ["]]>", "//", "/*]]>*/"] {
        text = text.strip_suffix(wrapper).unwrap_or(text).trim_end();
    }
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The parts of one `@type` value: a type, or a list of them; a value with
/// commas or brackets is split at them, as a list written in one string.
fn type_names(value: &str) -> impl Iterator<Item = String> + '_ {
    value
        .split(['"', ',', '[', ']'])
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_string)
}

/// The `@type` values of every object in a parsed script, nested ones
/// included.
fn collect_types(value: &Value, types: &mut Vec<String>) {
    let mut pending = vec![value];
    while let Some(value) = pending.pop() {
        match value {
            Value::Array(items) => pending.extend(items.iter().rev()),
            Value::Object(object) => {
                match object.get("@type") {
                    Some(Value::String(kind)) => types.extend(type_names(kind)),
                    Some(Value::Array(kinds)) => {
                        types.extend(kinds.iter().filter_map(Value::as_str).flat_map(type_names))
                    }
                    _ => {}
                }
                pending.extend(object.values().rev());
            }
            _ => {}
        }
    }
}

/// The `@type` values written in a script that is not JSON.
fn written_types(script: &str) -> Vec<String> {
    static TYPE: OnceLock<Regex> = OnceLock::new();
    // A fixed pattern: it compiles.
    let pattern = TYPE.get_or_init(|| {
        Regex::new(r#""@type"\s*:\s*(\[[^\]]*\]|"[^"]*")"#).expect("a valid pattern")
    });
    pattern
        .captures_iter(script)
        .flat_map(|found| type_names(&found[1]).collect::<Vec<_>>())
        .collect()
}

fn is_article(object: &Value) -> bool {
    types_of(object).iter().any(|t| {
        t.ends_with("Article") || t.ends_with("Posting") || *t == "Report" || *t == "Review"
    })
}

/// Top-level objects, arrays and `@graph` lists, as one list of objects.
fn flatten_graph(value: Value) -> Vec<Value> {
    let mut objects = Vec::new();
    let mut pending = vec![value];
    while let Some(value) = pending.pop() {
        match value {
            Value::Array(items) => pending.extend(items.into_iter().rev()),
            Value::Object(mut object) => match object.remove("@graph") {
                Some(graph) => pending.push(graph),
                None => objects.push(Value::Object(object)),
            },
            _ => {}
        }
    }
    objects
}

/// The `@type` of an object, one or many.
pub fn types_of(object: &Value) -> Vec<&str> {
    match object.get("@type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// A string, or the first string of an array, trimmed and not empty.
pub fn string(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Array(items) => items.iter().find_map(|item| string(Some(item))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cdata_wrapped_scripts_are_read() {
        let script = "//<![CDATA[\n{\"@type\":\"NewsArticle\",\"headline\":\"Hujan\"}\n//]]>";
        let linked = LinkedData::parse(&[script.into()]);
        assert_eq!(linked.text("headline").as_deref(), Some("Hujan"));
        let bare = "<![CDATA[{\"@type\":\"BlogPosting\",\"headline\":\"Regen\"}]]>";
        assert_eq!(
            LinkedData::parse(&[bare.into()])
                .text("headline")
                .as_deref(),
            Some("Regen")
        );
    }

    #[test]
    fn raw_line_breaks_inside_strings_do_not_lose_the_script() {
        let script = "{\"@type\":\"Article\",\"headline\":\"Two\nlines\"}";
        let linked = LinkedData::parse(&[script.into()]);
        assert_eq!(linked.text("headline").as_deref(), Some("Two lines"));
    }

    #[test]
    fn id_references_are_followed_through_the_graph() {
        let script = r##"{"@graph":[
            {"@type":"WebPage","@id":"#page"},
            {"@type":"Article","author":{"@id":"#p1"},"publisher":{"@id":"#org"}},
            {"@type":"Person","@id":"#p1","name":"Marta Ruiz"},
            {"@type":"Organization","@id":"#org","name":"El Diario"}]}"##;
        let linked = LinkedData::parse(&[script.into()]);
        let author = linked.field("author").unwrap();
        assert_eq!(linked.name_of(author).as_deref(), Some("Marta Ruiz"));
        let publisher = linked.field("publisher").unwrap();
        assert_eq!(linked.name_of(publisher).as_deref(), Some("El Diario"));
    }

    #[test]
    fn every_declared_type_is_read_once_nested_or_not() {
        let scripts = [
            r#"{"@graph":[{"@type":["WebPage","FAQPage"]},
                {"@type":"Product","offers":{"@type":"Offer"},
                 "review":[{"@type":"Review","author":{"@type":"Person"}}]}]}"#
                .to_string(),
            // Not JSON (a trailing comma), its types still read.
            r#"{"@type": "NewsArticle", "author": {"@type" : ["Person"]},}"#.to_string(),
        ];
        let mut types = LinkedData::parse(&scripts).types().to_vec();
        types.sort();
        assert_eq!(
            types,
            [
                "FAQPage",
                "NewsArticle",
                "Offer",
                "Person",
                "Person",
                "Product",
                "Review",
                "WebPage"
            ]
        );
    }

    #[test]
    fn the_article_is_preferred_over_other_objects() {
        let scripts = [
            r#"{"@type":"WebSite","name":"Site"}"#.to_string(),
            r#"{"@type":["BlogPosting"],"headline":"Post"}"#.to_string(),
        ];
        let linked = LinkedData::parse(&scripts);
        assert_eq!(linked.text("headline").as_deref(), Some("Post"));
        assert!(LinkedData::parse(&["not json".into()]).article().is_none());
    }
}
