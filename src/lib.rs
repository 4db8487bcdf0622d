//! hugo-preview: a Hugo content file to sanitized HTML, natively or in the browser.
//!
//! The pipeline, one module a stage:
//!
//! ```text
//! source ─ front_matter ─▶ body ─ markdown ─▶ HTML ─ sanitize ─▶ Rendered
//!              │                      │                  │
//!         page fields          toc, summary        page (article preview)
//! ```
//!
//! Problems in the input never make [`render`] fail: they come back as
//! [`Diagnostic`]s, and everything else still renders.

pub mod diagnostic;
pub mod front_matter;
pub mod limits;
pub mod markdown;
pub mod options;
pub mod page;
pub mod sanitize;
pub mod shortcode;
pub mod site;

pub use diagnostic::{Diagnostic, LineIndex, Severity, Span};
pub use front_matter::{FrontMatterFormat, PageFields};
pub use markdown::TocEntry;
pub use options::{AutoIdType, GoldmarkOptions, MarkupOptions, RenderOptions, TocOptions};

use serde::Serialize;

/// Everything a preview needs from one content file.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rendered {
    /// What Hugo's `.Content` gives, sanitized.
    pub content_html: String,
    /// What Hugo's `.Summary` gives, sanitized.
    pub summary_html: String,
    /// Whether the summary is shorter than the content (Hugo's `.Truncated`).
    pub truncated: bool,
    /// What Hugo's `.TableOfContents` gives.
    pub toc_html: String,
    /// The table of contents as data, in document order.
    pub toc: Vec<TocEntry>,
    /// The front matter as written, as a JSON-compatible tree (`null` when there is none).
    pub front_matter: serde_json::Value,
    /// Which front matter format the file uses, if any.
    pub front_matter_format: Option<FrontMatterFormat>,
    /// The fields Hugo and themes read from the front matter, typed.
    pub page: PageFields,
    /// Hugo's `.WordCount`.
    pub word_count: usize,
    /// Hugo's `.ReadingTime`, in minutes.
    pub reading_time: usize,
    /// A complete article preview: header, cover, TOC and content.
    pub page_html: String,
    /// Every problem found, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Renders one content file with the given options.
///
/// ```
/// let out = hugo_preview::render("+++\ntitle = \"Hi\"\n+++\nHello *world*", &Default::default());
/// assert_eq!(out.content_html, "<p>Hello <em>world</em></p>\n");
/// assert_eq!(out.page.title.as_deref(), Some("Hi"));
/// ```
pub fn render(source: &str, options: &RenderOptions) -> Rendered {
    Renderer::new(options.clone()).render(source)
}

/// A renderer that keeps what can be prepared once (options, the sanitizer policy) and is
/// reused for every keystroke.
pub struct Renderer {
    options: RenderOptions,
    sanitizer: sanitize::Sanitizer,
}

impl Renderer {
    pub fn new(options: RenderOptions) -> Renderer {
        Renderer {
            options,
            sanitizer: sanitize::Sanitizer::new(),
        }
    }

    pub fn options(&self) -> &RenderOptions {
        &self.options
    }

    pub fn render(&self, source: &str) -> Rendered {
        let mut diagnostics = Vec::new();
        let front_matter = front_matter::parse(source, &mut diagnostics);
        let page = PageFields::from_front_matter(&front_matter, &mut diagnostics);
        let body = &source[front_matter.body_start..];
        let markdown = markdown::render(
            body,
            front_matter.body_start,
            &self.options,
            &mut diagnostics,
        );

        let content_html = self.sanitizer.clean(&markdown.content_html);
        let summary_source = match (&markdown.manual_summary_html, &page.summary) {
            (Some(manual), _) => manual.clone(),
            (None, Some(front_matter_summary)) => {
                markdown::render_summary_field(front_matter_summary, &self.options)
            }
            (None, None) => {
                markdown::automatic_summary(&markdown.content_html, self.options.summary_length)
            }
        };
        let summary_html = self.sanitizer.clean(&summary_source);
        let truncated = summary_html.trim() != content_html.trim();
        let toc_html = self.sanitizer.clean(&markdown.toc_html);
        let word_count = markdown::count_words(&content_html);
        // Hugo: (wordCount + 212) / 213, rounding up at 213 words a minute.
        let reading_time = word_count.div_ceil(213);

        let page_html = page::render(
            &page::PageParts {
                fields: &page,
                content_html: &content_html,
                toc_html: &toc_html,
                reading_time,
            },
            &self.sanitizer,
        );

        let index = LineIndex::new(source);
        for diagnostic in &mut diagnostics {
            diagnostic.locate(&index);
        }
        diagnostics.sort_by_key(|d| (d.span.start, d.span.end));

        Rendered {
            content_html,
            summary_html,
            truncated,
            toc_html,
            toc: markdown.toc,
            front_matter: front_matter.tree(),
            front_matter_format: front_matter.format,
            page,
            word_count,
            reading_time,
            page_html,
            diagnostics,
        }
    }
}
