//! Typed page fields read from the front matter, as Hugo's `page__meta.go` reads them.

use super::FrontMatter;
use crate::diagnostic::Diagnostic;
use serde::Serialize;

/// An entry of the `authors` list: a name, or a table such as the sample's `[[authors]]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Author {
    pub name: Option<String>,
    pub url: Option<String>,
    pub avatar: Option<String>,
}

/// The fields Hugo and themes read from the front matter.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
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
}

impl PageFields {
    pub fn from_front_matter(
        front_matter: &FrontMatter,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> PageFields {
        let _ = diagnostics;
        let string = |key: &str| {
            front_matter
                .get(key)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        PageFields {
            title: string("title"),
            ..PageFields::default()
        }
    }
}
