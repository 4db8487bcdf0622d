//! The article preview (`page_html`): what a reader of the post would see.
//!
//! In: the typed page fields and the already-sanitized content and TOC. Out: one `<article>`
//! with a header (title, description, date, reading time, authors, tags and categories), the
//! cover image from `images[0]`, the TOC when the front matter says `toc = true`, then the
//! content. The header is built from escaped field values and sanitized on its own; the
//! content and TOC are already sanitized, so they are not cleaned twice.

use crate::front_matter::PageFields;
use crate::rules::escape::push_goldmark as push_escaped;
use crate::sanitize::Sanitizer;

/// What goes into the article preview.
pub struct PageParts<'a> {
    pub fields: &'a PageFields,
    /// Sanitized content HTML.
    pub content_html: &'a str,
    /// Sanitized TOC HTML.
    pub toc_html: &'a str,
    pub reading_time: usize,
}

/// Builds the article preview.
pub fn render(parts: &PageParts, sanitizer: &Sanitizer) -> String {
    let fields = parts.fields;
    let mut header = String::new();
    header.push_str("<header class=\"post-header\">\n");
    if let Some(title) = fields.title.as_deref().filter(|t| !t.is_empty()) {
        header.push_str("<h1 class=\"post-title\">");
        push_escaped(&mut header, title);
        header.push_str("</h1>\n");
    }
    if let Some(description) = fields.description.as_deref().filter(|d| !d.is_empty()) {
        header.push_str("<p class=\"post-description\">");
        push_escaped(&mut header, description);
        header.push_str("</p>\n");
    }
    push_meta_line(&mut header, parts);
    push_terms(&mut header, "tags", "Tags", &fields.tags);
    push_terms(&mut header, "categories", "Categories", &fields.categories);
    header.push_str("</header>\n");
    if let Some(cover) = fields.images.first().filter(|src| !src.is_empty()) {
        header.push_str("<figure class=\"post-cover\"><img src=\"");
        push_escaped(&mut header, cover);
        header.push_str("\" alt=\"\"></figure>\n");
    }

    let mut out = String::with_capacity(header.len() + parts.content_html.len() + 256);
    out.push_str("<article class=\"hugo-preview-page\">\n");
    out.push_str(&sanitizer.clean(&header));
    if fields.toc && parts.toc_html.contains("<li") {
        out.push_str("<aside class=\"post-toc\">\n<h2 class=\"post-toc-title\">Contents</h2>\n");
        out.push_str(parts.toc_html);
        out.push_str("\n</aside>\n");
    }
    out.push_str("<div class=\"post-content\">\n");
    out.push_str(parts.content_html);
    out.push_str(CONTENT_END);
    out
}

/// What follows the content in [`render`]'s output.
const CONTENT_END: &str = "\n</div>\n</article>\n";

/// `page_html` (made by [`render`]) without `content_html`: the HTML before the content and
/// the HTML after it, or `None` when the content is not where [`render`] puts it. The
/// WebAssembly glue sends the content once and joins the page in JavaScript.
#[cfg(any(target_arch = "wasm32", feature = "internals"))]
pub fn around_content<'p>(page_html: &'p str, content_html: &str) -> Option<(&'p str, &'p str)> {
    let end = page_html.len().checked_sub(CONTENT_END.len())?;
    let start = end.checked_sub(content_html.len())?;
    (page_html.get(start..end)? == content_html && page_html[end..] == *CONTENT_END)
        .then(|| (&page_html[..start], &page_html[end..]))
}

fn push_meta_line(out: &mut String, parts: &PageParts) {
    let fields = parts.fields;
    let mut items: Vec<String> = Vec::new();
    if let Some(date) = fields.date.as_deref() {
        let mut item = String::from("<time datetime=\"");
        push_escaped(&mut item, date);
        item.push_str("\">");
        push_escaped(&mut item, &human_date(date));
        item.push_str("</time>");
        items.push(item);
    }
    if parts.reading_time > 0 {
        let unit = if parts.reading_time == 1 {
            "minute"
        } else {
            "minutes"
        };
        items.push(format!(
            "<span class=\"post-reading-time\">{} {unit} read</span>",
            parts.reading_time
        ));
    }
    let authors: Vec<String> = fields
        .authors
        .iter()
        .filter_map(|author| {
            let name = author.name.as_deref().filter(|n| !n.is_empty())?;
            let mut item = String::new();
            match author.url.as_deref().filter(|u| !u.is_empty()) {
                Some(url) => {
                    item.push_str("<a class=\"post-author\" href=\"");
                    push_escaped(&mut item, url);
                    item.push_str("\">");
                    push_escaped(&mut item, name);
                    item.push_str("</a>");
                }
                None => {
                    item.push_str("<span class=\"post-author\">");
                    push_escaped(&mut item, name);
                    item.push_str("</span>");
                }
            }
            Some(item)
        })
        .collect();
    if !authors.is_empty() {
        items.push(format!(
            "<span class=\"post-authors\">By {}</span>",
            authors.join(", ")
        ));
    }
    if fields.draft {
        items.push("<span class=\"post-draft\">Draft</span>".to_string());
    }
    if !items.is_empty() {
        out.push_str("<p class=\"post-meta\">");
        out.push_str(&items.join(" · "));
        out.push_str("</p>\n");
    }
}

fn push_terms(out: &mut String, class: &str, label: &str, terms: &[String]) {
    if terms.is_empty() {
        return;
    }
    out.push_str(&format!(
        "<ul class=\"post-terms post-{class}\" title=\"{label}\">"
    ));
    for term in terms {
        out.push_str("<li>");
        push_escaped(out, term);
        out.push_str("</li>");
    }
    out.push_str("</ul>\n");
}

/// `2021-10-06T06:21:07+08:00` → `October 6, 2021` (Hugo's `:date_long` in English). The date
/// is shown as written, in its own zone, as Hugo does with a zoned date.
fn human_date(rfc3339: &str) -> String {
    crate::rules::time::DateTime::parse(rfc3339)
        .map_or_else(|| rfc3339.to_string(), |t| t.format("January 2, 2006"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_splits_around_its_content_and_joins_back() {
        let fields = PageFields {
            title: Some("T".into()),
            ..PageFields::default()
        };
        let content_html = "<p>body é</p>";
        let parts = PageParts {
            fields: &fields,
            content_html,
            toc_html: "",
            reading_time: 1,
        };
        let page = render(&parts, &Sanitizer::new());
        let (before, after) = around_content(&page, content_html).expect("the content is there");
        assert_eq!(format!("{before}{content_html}{after}"), page);
        assert!(
            before.ends_with("<div class=\"post-content\">\n"),
            "{before}"
        );
        assert_eq!(around_content(&page, "<p>other</p>"), None);
        assert_eq!(around_content("short", content_html), None);
    }

    #[test]
    fn formats_dates_as_hugo_date_long() {
        assert_eq!(human_date("2021-10-06T06:21:07+08:00"), "October 6, 2021");
        assert_eq!(human_date("not a date"), "not a date");
    }

    #[test]
    fn header_values_are_escaped_and_the_toc_shown_only_when_asked() {
        let fields = PageFields {
            title: Some("<script>alert(1)</script>".into()),
            toc: false,
            ..PageFields::default()
        };
        let html = render(
            &PageParts {
                fields: &fields,
                content_html: "<p>x</p>",
                toc_html: "<nav id=\"TableOfContents\"><ul><li>a</li></ul></nav>",
                reading_time: 1,
            },
            &Sanitizer::new(),
        );
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(!html.contains("TableOfContents"), "{html}");
    }
}
