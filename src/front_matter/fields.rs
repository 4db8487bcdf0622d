//! Typed page fields read from the front matter, as Hugo's `page__meta.go` reads them.
//!
//! Keys are case-insensitive (Hugo lower-cases them: `Title:` works). Values are converted
//! the way `spf13/cast` converts them, so a field Hugo would accept is accepted here.

use super::FrontMatter;
use crate::diagnostic::Diagnostic;
use crate::rules::cast::{to_bool, to_string};
use crate::rules::time::DateTime;
use serde::Serialize;
use serde_json::{Map, Value};

/// An entry of the `authors` list: a name, or a table such as the sample's `[[authors]]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct Author {
    pub name: Option<String>,
    pub url: Option<String>,
    pub avatar: Option<String>,
    /// The table's other string, number and boolean fields (e.g. `person = "yuki"`), as
    /// strings, keys as written; themes read such fields.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, unknown>"))]
    pub params: Map<String, Value>,
}

/// The fields Hugo and themes read from the front matter. Their strings are the values as
/// written, plain text (the article header shows them escaped), except `summary`, which is
/// Markdown (`summaryHtml` has it rendered when the page uses it).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct PageFields {
    pub title: Option<String>,
    pub link_title: Option<String>,
    pub description: Option<String>,
    pub summary: Option<String>,
    /// RFC 3339.
    pub date: Option<String>,
    /// RFC 3339.
    pub lastmod: Option<String>,
    /// RFC 3339.
    pub publish_date: Option<String>,
    /// RFC 3339.
    pub expiry_date: Option<String>,
    pub draft: bool,
    pub slug: Option<String>,
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    pub keywords: Vec<String>,
    pub images: Vec<String>,
    pub authors: Vec<Author>,
    pub toc: bool,
    pub weight: i64,
    /// The front matter keys Hugo reads as dates (each date's keys in its order, up to the
    /// first it finds) with their times (RFC 3339): `.Params` holds these as `time.Time`.
    #[serde(skip)]
    pub date_params: Vec<(String, String)>,
}

/// The keys each date is taken from, first parsable one wins: Hugo's default
/// `newDefaultFrontmatterConfig` (`resources/page/pagemeta/page_frontmatter.go`), without the
/// `:git` and `:filename` sources a preview does not have.
const DATE_KEYS: &[&str] = &[
    "date",
    "publishdate",
    "pubdate",
    "published",
    "lastmod",
    "modified",
];
const LASTMOD_KEYS: &[&str] = &[
    "lastmod",
    "modified",
    "date",
    "publishdate",
    "pubdate",
    "published",
];
const PUBLISH_DATE_KEYS: &[&str] = &["publishdate", "pubdate", "published", "date"];
const EXPIRY_DATE_KEYS: &[&str] = &["expirydate", "unpublishdate"];

impl PageFields {
    pub fn from_front_matter(
        front_matter: &FrontMatter,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> PageFields {
        let get = |key: &str| front_matter.get(key);
        let string = |key: &str| get(key).and_then(to_string);

        let mut dates = DateFields::new(front_matter);
        let date = dates.first(DATE_KEYS);
        let lastmod = dates.first(LASTMOD_KEYS);
        let publish_date = dates.first(PUBLISH_DATE_KEYS);
        let expiry_date = dates.first(EXPIRY_DATE_KEYS);
        diagnostics.append(&mut dates.diagnostics);
        let date_params = dates
            .parsed
            .iter()
            .filter_map(|(key, time)| Some((key.to_string(), time.clone()?)))
            .collect();

        // `published` is an undocumented inverse alias of `draft`; when both are set, draft
        // wins and Hugo warns.
        let draft = get("draft").map(cast_bool);
        let published = get("published").filter(|v| v.is_boolean()).map(cast_bool);
        if let (Some(_), Some(_)) = (draft, published) {
            let span = front_matter.key_span("published").unwrap_or_default();
            diagnostics.push(Diagnostic::warning(
                "both draft and published parameters are set; draft wins",
                span,
            ));
        }
        let draft = draft.or(published.map(|p| !p)).unwrap_or(false);

        PageFields {
            title: string("title"),
            link_title: string("linktitle"),
            description: string("description"),
            summary: string("summary"),
            date,
            lastmod,
            publish_date,
            expiry_date,
            draft,
            // Hugo: `strings.Trim(cast.ToString(v), "-")`.
            slug: string("slug").map(|s| s.trim_matches('-').to_string()),
            // Taxonomy terms: Hugo's `types.ToStringSlicePreserveString`, so a plain string
            // is one term, not split.
            tags: get("tags").map(string_slice_preserve).unwrap_or_default(),
            categories: get("categories")
                .map(string_slice_preserve)
                .unwrap_or_default(),
            // `keywords` goes through `cast.ToStringSlice`, which splits a string on spaces.
            keywords: get("keywords").map(string_slice_fields).unwrap_or_default(),
            // Read by the embedded opengraph partials, which wrap a single string in a slice.
            images: get("images").map(string_slice_preserve).unwrap_or_default(),
            authors: get("authors").map(authors).unwrap_or_default(),
            toc: get("toc").is_some_and(cast_bool),
            weight: get("weight").map_or(0, to_int),
            date_params,
        }
    }
}

/// Date fields parsed once each; an unparsable value is an error, as in Hugo ≥ v0.136, and
/// the next candidate key is tried so the preview still has a date.
struct DateFields<'a> {
    front_matter: &'a FrontMatter,
    parsed: Vec<(&'static str, Option<String>)>,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> DateFields<'a> {
    fn new(front_matter: &'a FrontMatter) -> DateFields<'a> {
        DateFields {
            front_matter,
            parsed: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    fn first(&mut self, keys: &[&'static str]) -> Option<String> {
        keys.iter().find_map(|key| self.parse(key))
    }

    fn parse(&mut self, key: &'static str) -> Option<String> {
        if let Some((_, value)) = self.parsed.iter().find(|(k, _)| *k == key) {
            return value.clone();
        }
        let value = match self.front_matter.get(key) {
            // Hugo treats a missing key and an empty value alike.
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.is_empty() => None,
            // `published: true` is the draft alias, not a date.
            Some(Value::Bool(_)) if key == "published" => None,
            Some(value) => {
                let parsed = match value {
                    Value::String(s) => DateTime::parse(s).map(|t| t.rfc3339()),
                    Value::Number(n) => n.as_i64().map(|s| DateTime::from_unix(s).rfc3339()),
                    _ => None,
                };
                if parsed.is_none() {
                    let span = self.front_matter.key_span(key).unwrap_or_default();
                    self.diagnostics.push(Diagnostic::error(
                        format!("the \"{key}\" front matter field is not a parsable date"),
                        span,
                    ));
                }
                parsed
            }
        };
        self.parsed.push((key, value.clone()));
        value
    }
}

/// A list of strings; a single string is a one-element list.
fn string_slice_preserve(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items.iter().filter_map(to_string).collect(),
        other => to_string(other).into_iter().collect(),
    }
}

/// `cast.ToStringSlice`: a list of strings; a single string is split on whitespace.
fn string_slice_fields(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => s.split_whitespace().map(str::to_string).collect(),
        other => string_slice_preserve(other),
    }
}

/// `authors`: a name, a list of names, a table, or a list of tables (`[[authors]]`).
fn authors(value: &Value) -> Vec<Author> {
    let one = |value: &Value| match value {
        Value::Object(table) => {
            let mut author = Author::default();
            for (key, value) in table {
                let Some(text) = to_string(value) else {
                    continue;
                };
                match key.to_ascii_lowercase().as_str() {
                    "name" => author.name = Some(text),
                    "url" => author.url = Some(text),
                    "avatar" => author.avatar = Some(text),
                    _ => {
                        author.params.insert(key.clone(), Value::String(text));
                    }
                }
            }
            Some(author)
        }
        other => to_string(other).map(|name| Author {
            name: Some(name),
            ..Author::default()
        }),
    };
    match value {
        Value::Array(items) => items.iter().filter_map(one).collect(),
        other => one(other).into_iter().collect(),
    }
}

/// `cast.ToBool`, whose error Hugo ignores here: what is not a boolean is false.
fn cast_bool(value: &Value) -> bool {
    to_bool(value).unwrap_or(false)
}

/// `cast.ToInt`, whose error Hugo ignores here: what is not an integer is 0.
fn to_int(value: &Value) -> i64 {
    crate::rules::cast::to_int(value).unwrap_or(0)
}
