//! Markdown: Hugo-shaped HTML from pulldown-cmark, with Goldmark's defaults.
//!
//! In: the body (content after the front matter) and its byte offset in the source. Out: the
//! content HTML (not yet sanitized), the manual summary when the body has `<!--more-->`, the
//! headings for the table of contents, and the TOC HTML.
//!
//! The stages, one file each: [`source`] prepares the text (summary divider, offset map),
//! [`render`] turns pulldown-cmark events into goldmark's HTML (with [`footnotes`], and the
//! [`ids`], [`linkify`], [`typographer`] helpers, `table_rows` for goldmark's pipes-only
//! table rows, `lazy_tables` for its tables on lazy continuation lines and `table_lists` for
//! the lists a table keeps tight, `attribute_blocks` for `{.class}` lines with
//! `parser.attribute.block`), [`summary`] splits and summarizes the result, and [`toc`]
//! writes the table of contents.

mod attribute_blocks;
mod cjk;
pub(crate) mod attributes;
mod definition_markers;
mod extras;
mod html_blocks;
pub mod footnotes;
pub mod ids;
mod lazy_tables;
pub mod linkify;
mod passthrough;
pub mod render;
pub mod source;
pub mod summary;
mod table_lists;
mod table_rows;
pub mod toc;
pub mod typographer;

use crate::diagnostic::Diagnostic;
use crate::options::RenderOptions;
use serde::Serialize;

pub use source::PreparedBody;

/// One entry of the table of contents, as data. The Markdown stage gives the headings; the
/// renderer makes these from them once the HTML is sanitized.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    /// The heading's plain text, as a reader sees it: the rendered heading's `textContent`,
    /// white space collapsed. Never markup: insert it as text, not as HTML (a heading that
    /// shows `<b>` has `<b>` here).
    pub text: String,
    /// Where the heading is in the file (bytes); not part of the serialized table of contents.
    #[serde(skip)]
    pub span: crate::Span,
}

/// What the Markdown stage produces.
#[derive(Debug, Clone, Default)]
pub struct MarkdownOutput {
    /// Hugo's `.Content` (the divider's paragraph removed), before sanitizing.
    pub content_html: String,
    /// Everything before `<!--more-->`, when the body has one.
    pub manual_summary_html: Option<String>,
    /// Every heading, in document order (the id is empty when the heading has none), with
    /// its inline HTML as rendered, not yet sanitized: the plain text of the table of
    /// contents is taken from it once it is ([`crate::sanitize::Sanitizer::heading_text`]).
    pub headings: Vec<render::RenderedHeading>,
    /// Hugo's `.TableOfContents`.
    pub toc_html: String,
}

/// Renders the body. `body_offset` is where the body starts in the whole source, so that
/// diagnostics point into the file.
#[cfg(feature = "internals")]
pub fn render(
    body: &str,
    body_offset: usize,
    options: &RenderOptions,
    diagnostics: &mut Vec<Diagnostic>,
) -> MarkdownOutput {
    render_prepared(
        &PreparedBody::from_body(body),
        body_offset,
        options,
        None,
        Some(render::UNCOLOURED),
        None,
        diagnostics,
    )
}

/// Renders a body that earlier stages have prepared (summary divider replaced, `{{% %}}`
/// output substituted); its map turns offsets back into body offsets. `file_line` (file offset
/// → line) makes block elements carry `data-source-line`.
pub fn render_prepared(
    body: &PreparedBody,
    body_offset: usize,
    options: &RenderOptions,
    file_line: Option<&dyn Fn(usize) -> usize>,
    fences: Option<render::FenceHighlighter<'_>>,
    hooks: Option<&dyn render::RenderHooks>,
    diagnostics: &mut Vec<Diagnostic>,
) -> MarkdownOutput {
    let rendered = render::render_body(
        body,
        body_offset,
        &options.markup.goldmark,
        file_line,
        fences,
        hooks,
        diagnostics,
    );

    let toc_headings: Vec<toc::TocHeading> = rendered
        .headings
        .iter()
        .map(|h| toc::TocHeading {
            level: h.level,
            id: h.id.clone(),
            title_html: h.title_html.clone(),
        })
        .collect();
    let toc_html = toc::render_toc(&toc_headings, &options.markup.table_of_contents);

    // Hugo looks for the mark only when the lexer saw a divider
    // (`page__content.go`); the split trims both parts.
    let divided = if body.has_divider {
        summary::split_at_divider(&rendered.html)
    } else {
        None
    };
    let (content_html, manual_summary_html) = match divided {
        Some(d) => (d.content, Some(d.summary)),
        None => (rendered.html, None),
    };
    MarkdownOutput {
        content_html,
        manual_summary_html,
        headings: rendered.headings,
        toc_html,
    }
}

/// Hugo's `.Page.RenderString`: `block` false is `markdownify` (a single paragraph loses its
/// `<p>`), true is `(dict "display" "block")`. No shortcodes, no summary divider.
/// The site's render hooks run in it, as in Hugo.
pub fn render_string_hooked(
    text: &str,
    block: bool,
    goldmark: &crate::GoldmarkOptions,
    fences: Option<render::FenceHighlighter<'_>>,
    hooks: Option<&dyn render::RenderHooks>,
) -> String {
    let mut prepared = PreparedBody::new();
    prepared.push_verbatim(text, 0);
    let mut ignored = Vec::new();
    let rendered = render::render_body(&prepared, 0, goldmark, None, fences, hooks, &mut ignored);
    if block {
        rendered.html
    } else {
        summary::trim_short_html(&rendered.html)
    }
}

/// [`render_string`] with the Goldmark settings alone.
pub fn render_string_with(
    text: &str,
    block: bool,
    goldmark: &crate::GoldmarkOptions,
    fences: Option<render::FenceHighlighter<'_>>,
) -> String {
    render_string_hooked(text, block, goldmark, fences, None)
}

/// The front matter `summary` field rendered as Hugo does: Markdown (no shortcodes, no
/// divider), then `TrimShortHTML`, which removes the `<p>` of a single paragraph.
pub fn render_summary_field(
    summary: &str,
    options: &RenderOptions,
    fences: Option<render::FenceHighlighter<'_>>,
) -> String {
    let mut prepared = PreparedBody::new();
    prepared.push_verbatim(summary, 0);
    let mut ignored = Vec::new();
    let rendered = render::render_body(
        &prepared,
        0,
        &options.markup.goldmark,
        None,
        fences,
        None,
        &mut ignored,
    );
    summary::trim_short_html(&rendered.html)
}

/// Current Hugo's automatic summary: whole paragraphs until `summary_length` words.
pub fn automatic_summary(content_html: &str, summary_length: usize) -> String {
    summary::automatic_summary(content_html, summary_length, false)
}

/// [`automatic_summary`] for a page with `isCJKLanguage = true`: a word with multi-byte
/// characters counts each of them.
pub fn automatic_summary_cjk(content_html: &str, summary_length: usize) -> String {
    summary::automatic_summary(content_html, summary_length, true)
}

/// Hugo's `.WordCount`: words of the content's plain text (`isCJKLanguage = false`).
#[cfg(feature = "internals")]
pub fn count_words(html: &str) -> usize {
    crate::rules::text::count_words(html, false)
}

/// Hugo's `.WordCount` for a page with `isCJKLanguage = true`: each rune of a multi-byte
/// word counts.
pub fn count_words_cjk(html: &str) -> usize {
    crate::rules::text::count_words(html, true)
}
