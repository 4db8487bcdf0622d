//! The article preview (`page_html`): header from the page fields, cover, TOC, content.

use crate::front_matter::PageFields;

/// What goes into the article preview. All HTML here is already sanitized.
pub struct PageParts<'a> {
    pub fields: &'a PageFields,
    pub content_html: &'a str,
    pub toc_html: &'a str,
    pub reading_time: usize,
}

pub fn render(parts: &PageParts) -> String {
    format!("<article>{}</article>", parts.content_html)
}
