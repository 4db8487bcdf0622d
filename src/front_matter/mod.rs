//! Front matter: detection and decoding, as Hugo's `pageparser` does it.
//!
//! In: the whole source. Out: the front matter tree (TOML `+++`, YAML `---`, JSON `{…}`, Org
//! `#+`), its span, and the byte offset where the content starts. A broken block is a
//! diagnostic at its place in the whole file; the body still renders.
//!
//! Two stages, one file each: [`split`] finds the block exactly as Hugo's `lexIntroSection`
//! does (`parser/pageparser/pagelexer_intro.go`), then a decoder per format turns the block
//! into a JSON-compatible tree (`toml.rs`, `yaml.rs`, `json.rs`, `org.rs`). `fields.rs` reads
//! the typed page fields Hugo knows, with `dates.rs` for Hugo's date layouts.

mod fields;
pub(crate) mod json;
mod org;
mod toml;
mod yaml;

pub use fields::{Author, PageFields};

use crate::diagnostic::{Diagnostic, Span};
use crate::limits;
use serde::Serialize;

/// The front matter formats Hugo detects from the first non-blank character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum FrontMatterFormat {
    Toml,
    Yaml,
    Json,
    /// Emacs Org-mode keywords (`#+TITLE: …`), which Hugo also reads as front matter.
    Org,
}

/// The integer types a format's numbers have in Hugo's templates (its Go decoder's).
pub fn number_style(format: FrontMatterFormat) -> crate::template::NumberStyle {
    use crate::template::NumberStyle;
    match format {
        FrontMatterFormat::Toml => NumberStyle::Int64,
        FrontMatterFormat::Yaml => NumberStyle::Yaml,
        FrontMatterFormat::Json => NumberStyle::Float,
        FrontMatterFormat::Org => NumberStyle::Int,
    }
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
    /// Where each top-level key is written (lower-cased key, span of its line's key), found by
    /// a lexical scan of the raw block: used to point field diagnostics at the right line.
    key_spans: Vec<(String, Span)>,
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

    /// Where a top-level key is written in the whole source (case-insensitive), best effort.
    /// Falls back to the whole block when the key cannot be found on a line of its own.
    pub fn key_span(&self, key: &str) -> Option<Span> {
        self.key_spans
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, span)| *span)
            .or(self.span)
    }
}

/// What [`split`] found at the top of a file: byte ranges into the whole source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Split {
    /// No front matter: content starts at `body_start` (after a leading BOM, which Hugo emits
    /// as `TypeIgnore`; leading blank lines stay content, as in Hugo).
    None { body_start: usize },
    /// A complete block.
    Block {
        format: FrontMatterFormat,
        /// The whole block: leading blanks, delimiters and the newline after the closing one.
        span: Span,
        /// The bytes handed to the decoder, verbatim (CRLF kept), delimiters excluded.
        value: Span,
        body_start: usize,
    },
    /// Hugo's lexer stops with an error (`tError`): `message` is Hugo's, `span` where it is.
    Error {
        message: &'static str,
        span: Span,
        /// Where the preview's content starts anyway (see [`split`]).
        body_start: usize,
    },
}

const BYTE_ORDER_MARK: char = '\u{feff}';

/// Finds the front matter block as Hugo's `lexIntroSection` does: leading spaces, tabs, CR, LF
/// and BOMs are skipped; the first other rune decides (`+` TOML, `-` YAML, `{` JSON, `#+` Org,
/// anything else: no front matter).
///
/// Hugo stops the build on a lexer error; a preview renders the body anyway, so each error
/// carries where content starts:
/// * a bad delimiter (`- item` or `+ item` at the top, `--`) means the text was most likely
///   never meant as front matter: the whole source is content (`body_start = 0`);
/// * an unclosed `---`/`+++` block: content starts after the opening delimiter line, so what
///   the writer is typing stays visible while they have not yet closed the block;
/// * unclosed JSON (`{` at the top, e.g. an unclosed shortcode): the whole source is content.
pub fn split(source: &str) -> Split {
    let mut body_start = 0;
    for (offset, ch) in source.char_indices() {
        match ch {
            ' ' | '\t' | '\r' | '\n' => {}
            // Hugo emits everything up to and including a BOM as `TypeIgnore`.
            BYTE_ORDER_MARK => body_start = offset + ch.len_utf8(),
            '+' => return split_delimited(source, offset, FrontMatterFormat::Toml),
            '-' => return split_delimited(source, offset, FrontMatterFormat::Yaml),
            '{' => return split_json(source, body_start, offset),
            '#' => return split_org(source, body_start, offset),
            _ => break,
        }
    }
    Split::None { body_start }
}

/// Length of an optional `\r` then an optional `\n` at `offset` (Hugo's `consumeCRLF`).
fn crlf_len(bytes: &[u8], offset: usize) -> usize {
    let mut len = 0;
    if bytes.get(offset) == Some(&b'\r') {
        len += 1;
    }
    if bytes.get(offset + len) == Some(&b'\n') {
        len += 1;
    }
    len
}

/// Hugo's `lexFrontMatterSection`: `open` is the offset of the first delimiter rune.
fn split_delimited(source: &str, open: usize, format: FrontMatterFormat) -> Split {
    let (delimiter, name_invalid, name_eof): (&str, &'static str, &'static str) = match format {
        FrontMatterFormat::Toml => (
            "+++",
            "invalid TOML delimiter",
            "EOF looking for end TOML front matter delimiter",
        ),
        _ => (
            "---",
            "invalid YAML delimiter",
            "EOF looking for end YAML front matter delimiter",
        ),
    };
    let bytes = source.as_bytes();
    if !source[open..].starts_with(delimiter) {
        let line_end = source[open..].find('\n').map_or(source.len(), |i| open + i);
        return Split::Error {
            message: name_invalid,
            span: Span::new(open, line_end),
            body_start: 0,
        };
    }
    let after_open = open + 3;
    let newline = crlf_len(bytes, after_open);
    let value_start = after_open + newline;
    // The closing delimiter is looked for right after the opening newline, and after every
    // CR or LF; nothing requires a newline after the opening delimiter (`---title: x`).
    let close = std::iter::once(value_start)
        .filter(|_| newline > 0)
        .chain(
            bytes[value_start..]
                .iter()
                .enumerate()
                .filter(|(_, &b)| b == b'\r' || b == b'\n')
                .map(|(i, _)| value_start + i + 1),
        )
        .find(|&at| source[at..].starts_with(delimiter));
    match close {
        Some(close) => {
            let body_start = close + 3 + crlf_len(bytes, close + 3);
            Split::Block {
                format,
                span: Span::new(open, body_start),
                value: Span::new(value_start, close),
                body_start,
            }
        }
        None => Split::Error {
            message: name_eof,
            span: Span::new(open, after_open),
            body_start: value_start,
        },
    }
}

/// Hugo's `lexFrontMatterJSON`: reads to the matching `}`, counting braces outside `"…"`; a
/// backslash skips the next rune wherever it is. The token starts where the lexer's item
/// started (after a BOM, leading blanks included).
fn split_json(source: &str, item_start: usize, open: usize) -> Split {
    let bytes = source.as_bytes();
    let mut level = 0usize;
    let mut in_quote = false;
    let mut i = open;
    while i < bytes.len() {
        match bytes[i] {
            b'{' if !in_quote => level += 1,
            b'}' if !in_quote => level = level.saturating_sub(1),
            b'"' => in_quote = !in_quote,
            b'\\' => i += 1,
            _ => {}
        }
        i += 1;
        if level == 0 {
            let end = i.min(bytes.len());
            let body_start = end + crlf_len(bytes, end);
            return Split::Block {
                format: FrontMatterFormat::Json,
                span: Span::new(open, body_start),
                value: Span::new(item_start, body_start),
                body_start,
            };
        }
    }
    Split::Error {
        message: "unexpected EOF parsing JSON front matter",
        span: Span::new(open, open + 1),
        body_start: 0,
    }
}

/// Hugo's `lexFrontMatterOrgMode`: front matter only if `#+` follows; lines are taken while
/// the next one starts with `#+`.
fn split_org(source: &str, item_start: usize, hash: usize) -> Split {
    if !source[hash..].starts_with("#+") {
        return Split::None {
            body_start: item_start,
        };
    }
    let mut end = source.len();
    let mut search = hash;
    while let Some(i) = source[search..].find('\n') {
        let next_line = search + i + 1;
        if !source[next_line..].starts_with("#+") {
            end = next_line;
            break;
        }
        search = next_line;
    }
    Split::Block {
        format: FrontMatterFormat::Org,
        span: Span::new(hash, end),
        value: Span::new(item_start, end),
        body_start: end,
    }
}

/// A decoder's failure: Hugo's message and a byte range into the whole source.
pub(crate) struct DecodeError {
    pub message: String,
    pub span: Span,
}

/// Decodes a whole text in one format (a site config file, for instance). Errors carry Hugo's
/// message and a byte range of `text`.
pub(crate) fn decode(
    format: FrontMatterFormat,
    text: &str,
) -> Result<serde_json::Map<String, serde_json::Value>, DecodeError> {
    match format {
        FrontMatterFormat::Toml => toml::decode(text),
        FrontMatterFormat::Yaml => yaml::decode(text),
        FrontMatterFormat::Json => json::decode(text),
        FrontMatterFormat::Org => Ok(org::decode(text)),
    }
}

/// Splits the front matter off `source` and decodes it.
pub fn parse(source: &str, diagnostics: &mut Vec<Diagnostic>) -> FrontMatter {
    let (format, span, value, body_start) = match split(source) {
        Split::None { body_start } => {
            return FrontMatter {
                body_start,
                ..FrontMatter::default()
            }
        }
        Split::Error {
            message,
            span,
            body_start,
        } => {
            diagnostics.push(Diagnostic::error(message, span));
            return FrontMatter {
                body_start,
                ..FrontMatter::default()
            };
        }
        Split::Block {
            format,
            span,
            value,
            body_start,
        } => (format, span, value, body_start),
    };
    let mut front_matter = FrontMatter {
        format: Some(format),
        span: Some(span),
        body_start,
        ..FrontMatter::default()
    };
    let text = &source[value.start..value.end];
    if text.len() > limits::MAX_FRONT_MATTER_BYTES {
        diagnostics.push(Diagnostic::error(
            format!(
                "front matter is {} bytes, more than the {} bytes a preview decodes; it is ignored",
                text.len(),
                limits::MAX_FRONT_MATTER_BYTES
            ),
            span,
        ));
        return front_matter;
    }
    let decoded = decode(format, text);
    match decoded {
        Ok(data) => {
            front_matter.key_spans = key_spans(text, value.start, &data);
            front_matter.data = data;
        }
        Err(error) if format == FrontMatterFormat::Json && text.trim_start().starts_with("{{") => {
            // A file that starts with a shortcode (`{{< figure >}}`) is JSON front matter to
            // Hugo, which then fails to decode it. Hugo's error stays, but the preview shows
            // the whole file as content: the writer meant a shortcode, not front matter.
            diagnostics.push(Diagnostic::error(
                format!(
                    "{} (a file cannot start with a shortcode: Hugo reads a leading `{{` as JSON front matter; put a blank front matter block first)",
                    error.message
                ),
                error.span.shifted(value.start),
            ));
            return FrontMatter::default();
        }
        Err(error) => diagnostics.push(Diagnostic::error(
            error.message,
            error.span.shifted(value.start),
        )),
    }
    front_matter
}

/// A lexical scan of the raw block for the line where each top-level key is written:
/// `key =`, `key:`, `"key":`, `#+KEY:`. Only keys present in `data` are kept, first
/// occurrence wins. Linear in the block size.
fn key_spans(
    text: &str,
    offset: usize,
    data: &serde_json::Map<String, serde_json::Value>,
) -> Vec<(String, Span)> {
    let wanted: std::collections::HashSet<String> =
        data.keys().map(|k| k.to_ascii_lowercase()).collect();
    let mut found: Vec<(String, Span)> = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start_matches([' ', '\t', '{', ',', '#', '+']);
        let lead = line.len() - trimmed.len();
        let (key, key_offset) = match trimmed.as_bytes().first() {
            Some(&quote @ (b'"' | b'\'')) => {
                let rest = &trimmed[1..];
                let end = rest.find(quote as char).unwrap_or(0);
                (&rest[..end], lead + 1)
            }
            _ => {
                let end = trimmed
                    .find([' ', '\t', '=', ':', '[', '\r', '\n'])
                    .unwrap_or(trimmed.len());
                (&trimmed[..end], lead)
            }
        };
        let lower = key.to_ascii_lowercase();
        if !key.is_empty() && wanted.contains(&lower) && !found.iter().any(|(k, _)| *k == lower) {
            let start = offset + line_start + key_offset;
            found.push((lower, Span::new(start, start + key.len())));
        }
        line_start += line.len();
    }
    found
}
