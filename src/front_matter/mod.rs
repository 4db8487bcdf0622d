//! Front matter: detection and decoding, as Hugo's `pageparser` does it.
//!
//! In: the whole source. Out: the front matter tree (TOML `+++`, YAML `---`, JSON `{…}`),
//! its span, and the byte offset where the content starts. A broken block is a diagnostic at
//! its place in the whole file; the body still renders.

mod fields;

pub use fields::{Author, PageFields};

use crate::diagnostic::{Diagnostic, Span};
use serde::Serialize;

/// The front matter formats Hugo detects from the first non-blank character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FrontMatterFormat {
    Toml,
    Yaml,
    Json,
}

/// The decoded front matter block of a content file.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    pub format: Option<FrontMatterFormat>,
    /// Keys as written (case kept), in source order.
    pub data: serde_json::Map<String, serde_json::Value>,
    /// The whole block, delimiters included.
    pub span: Option<Span>,
    /// Byte offset of the first byte of content.
    pub body_start: usize,
}

impl FrontMatter {
    /// The tree as JSON: `null` when the file has no front matter.
    pub fn tree(&self) -> serde_json::Value {
        match self.format {
            Some(_) => serde_json::Value::Object(self.data.clone()),
            None => serde_json::Value::Null,
        }
    }

    /// Case-insensitive lookup of a top-level key, as Hugo reads known keys.
    pub fn get(&self, key: &str) -> Option<&serde_json::Value> {
        self.data
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    }
}

/// Splits the front matter off `source` and decodes it.
pub fn parse(source: &str, diagnostics: &mut Vec<Diagnostic>) -> FrontMatter {
    let _ = diagnostics;
    let _ = source;
    FrontMatter::default()
}
