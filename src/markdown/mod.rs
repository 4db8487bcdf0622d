//! Markdown: Hugo-shaped HTML from pulldown-cmark, with Goldmark's defaults.
//!
//! In: the body (content after the front matter) and its byte offset in the source. Out: the
//! content HTML (not yet sanitized), the manual summary when the body has `<!--more-->`, the
//! headings for the table of contents, and the TOC HTML.

mod char_class;
pub mod escape;
pub mod ids;
pub mod linkify;
pub mod toc;
pub mod typographer;

use crate::diagnostic::Diagnostic;
use crate::options::RenderOptions;
use serde::Serialize;

/// One entry of the table of contents, as data.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    /// The heading's plain text.
    pub text: String,
}

/// What the Markdown stage produces.
#[derive(Debug, Clone, Default)]
pub struct MarkdownOutput {
    /// Hugo's `.Content` (the divider's paragraph removed), before sanitizing.
    pub content_html: String,
    /// Everything before `<!--more-->`, when the body has one.
    pub manual_summary_html: Option<String>,
    /// Every heading with an id, in document order.
    pub toc: Vec<TocEntry>,
    /// Hugo's `.TableOfContents`.
    pub toc_html: String,
}

/// Renders the body. `body_offset` is where the body starts in the whole source, so that
/// diagnostics point into the file.
pub fn render(
    body: &str,
    body_offset: usize,
    options: &RenderOptions,
    diagnostics: &mut Vec<Diagnostic>,
) -> MarkdownOutput {
    let _ = (body_offset, diagnostics);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(body));
    MarkdownOutput {
        content_html: html,
        toc_html: toc::render_toc(&[], &options.markup.table_of_contents),
        ..MarkdownOutput::default()
    }
}

/// The front matter `summary` field rendered as Hugo does: Markdown, with the outer `<p>` of a
/// single paragraph removed.
pub fn render_summary_field(summary: &str, options: &RenderOptions) -> String {
    let _ = options;
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(summary));
    html
}

/// Current Hugo's automatic summary: whole paragraphs until `summary_length` words.
pub fn automatic_summary(content_html: &str, summary_length: usize) -> String {
    let _ = summary_length;
    content_html.to_string()
}

/// Hugo's `.WordCount`: words of the content's plain text.
pub fn count_words(html: &str) -> usize {
    html.split_whitespace().count()
}
