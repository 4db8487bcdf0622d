//! The table of contents, in Hugo's exact markup (`markup/tableofcontents`).
//!
//! In: the headings of a document, in order, and `markup.tableOfContents`. Out: Hugo's
//! `.TableOfContents` HTML. The tree is built the way Hugo's TOC transformer feeds its builder
//! (`markup/goldmark/toc.go`: a row per h1, `addAt(heading, row, level - 1)`), then written by
//! `tocBuilder.writeHeadings`. Titles are cleaned as current Hugo (≥ v0.149) does.

use crate::options::TocOptions;

/// A heading as the TOC sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct TocHeading {
    pub level: u8,
    pub id: String,
    /// The heading's inline HTML, as rendered.
    pub title_html: String,
}

/// A node of Hugo's TOC tree: a heading, or an empty placeholder for a missing parent.
struct Node {
    heading: Option<usize>,
    children: Vec<usize>,
}

/// Hugo's `.TableOfContents` for these headings.
///
/// The writer recurses once per tree level; the tree is at most six levels deep (heading
/// levels are clamped to 1..=6), so the depth is bounded whatever the input.
pub fn render_toc(headings: &[TocHeading], options: &TocOptions) -> String {
    let (nodes, rows) = build_tree(headings);
    let titles: Vec<String> = headings
        .iter()
        .map(|h| title_for_toc(&h.title_html))
        .collect();
    let mut writer = Writer {
        out: String::from("<nav id=\"TableOfContents\">"),
        nodes: &nodes,
        headings,
        titles: &titles,
        options,
    };
    writer.write_headings(1, 0, &rows);
    writer.out.push_str("</nav>");
    writer.out
}

/// Hugo's `Fragments.addAt`, called as `markup/goldmark/toc.go` calls it: the row advances at
/// every h1 (and at the first heading), and a heading at level L goes under the last entry of
/// depth L-1 of its row, with empty placeholders created for missing parents.
fn build_tree(headings: &[TocHeading]) -> (Vec<Node>, Vec<usize>) {
    let mut nodes: Vec<Node> = Vec::with_capacity(headings.len() + 1);
    let mut rows: Vec<usize> = Vec::new();
    for (index, heading) in headings.iter().enumerate() {
        let level = usize::from(heading.level.clamp(1, 6)) - 1;
        if level == 0 || rows.is_empty() {
            nodes.push(Node {
                heading: None,
                children: Vec::new(),
            });
            rows.push(nodes.len() - 1);
        }
        let Some(&row) = rows.last() else { continue };
        nodes.push(Node {
            heading: Some(index),
            children: Vec::new(),
        });
        let new = nodes.len() - 1;
        if level == 0 {
            if let Some(slot) = rows.last_mut() {
                *slot = new;
            }
            continue;
        }
        let mut parent = row;
        for _ in 1..level {
            let last_child = nodes.get(parent).and_then(|n| n.children.last().copied());
            parent = match last_child {
                Some(child) => child,
                None => {
                    nodes.push(Node {
                        heading: None,
                        children: Vec::new(),
                    });
                    let placeholder = nodes.len() - 1;
                    if let Some(node) = nodes.get_mut(parent) {
                        node.children.push(placeholder);
                    }
                    placeholder
                }
            };
        }
        if let Some(node) = nodes.get_mut(parent) {
            node.children.push(new);
        }
    }
    (nodes, rows)
}

struct Writer<'a> {
    out: String,
    nodes: &'a [Node],
    headings: &'a [TocHeading],
    titles: &'a [String],
    options: &'a TocOptions,
}

impl Writer<'_> {
    /// `tocBuilder.writeHeadings`: levels above `startLevel` are skipped but their children
    /// written; a non-empty list is `"\n" + indent+1 + <ul>\n … indent+1 + </ul>\n + indent`.
    fn write_headings(&mut self, level: i32, indent: usize, list: &[usize]) {
        if level < self.options.start_level {
            for &index in list {
                if let Some(node) = self.nodes.get(index) {
                    self.write_headings(level + 1, indent, &node.children);
                }
            }
            return;
        }
        // Only exactly -1 means "no limit" in Hugo; other negative values hide everything.
        if self.options.end_level != -1 && level > self.options.end_level {
            return;
        }
        let tag = if self.options.ordered { "ol" } else { "ul" };
        if !list.is_empty() {
            self.out.push('\n');
            self.indent(indent + 1);
            self.out.push('<');
            self.out.push_str(tag);
            self.out.push_str(">\n");
        }
        for &index in list {
            self.write_heading(level + 1, indent + 2, index);
        }
        if !list.is_empty() {
            self.indent(indent + 1);
            self.out.push_str("</");
            self.out.push_str(tag);
            self.out.push_str(">\n");
            self.indent(indent);
        }
    }

    /// `tocBuilder.writeHeading`. Like Hugo, the id is written as it is (it is either generated,
    /// and so safe, or an explicit attribute; the sanitizer runs over the output afterwards).
    fn write_heading(&mut self, level: i32, indent: usize, index: usize) {
        let Some(node) = self.nodes.get(index) else {
            return;
        };
        self.indent(indent);
        self.out.push_str("<li>");
        if let Some(heading_index) = node.heading {
            let id = self
                .headings
                .get(heading_index)
                .map_or("", |h| h.id.as_str());
            let title = self.titles.get(heading_index).map_or("", String::as_str);
            // Hugo's `Heading.IsZero`: no id and no title means an empty placeholder.
            if !(id.is_empty() && title.is_empty()) {
                self.out.push_str("<a href=\"#");
                self.out.push_str(id);
                self.out.push_str("\">");
                self.out.push_str(title);
                self.out.push_str("</a>");
            }
        }
        self.write_headings(level, indent, &node.children);
        self.out.push_str("</li>\n");
    }

    fn indent(&mut self, units: usize) {
        for _ in 0..units {
            self.out.push_str("  ");
        }
    }
}

/// A heading title as current Hugo shows it in the TOC (`sanitizeTOCHeadingTitle`, v0.149+):
/// a title without `<` is kept as it is; otherwise it goes through Hugo's bluemonday policy
/// (only the inline elements below and images survive; anchors and other tags are removed but
/// their text kept) and white space is trimmed and collapsed.
///
/// Like bluemonday, text is decoded and re-escaped, so `&rsquo;` becomes `’` and `&quot;`
/// becomes `&#34;` in titles that contain markup.
pub fn title_for_toc(title_html: &str) -> String {
    if !title_html.contains('<') {
        return title_html.to_string();
    }
    let sanitized = bluemonday::sanitize(title_html);
    collapse_white_space(sanitized.trim())
}

/// Go's `regexp.MustCompile(`\s+`).ReplaceAllString(s, " ")`: `\s` is ASCII `[\t\n\f\r ]`.
fn collapse_white_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if matches!(c, '\t' | '\n' | '\u{c}' | '\r' | ' ') {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

mod bluemonday;

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(level: u8, id: &str, title: &str) -> TocHeading {
        TocHeading {
            level,
            id: id.to_string(),
            title_html: title.to_string(),
        }
    }

    fn options(start_level: i32, end_level: i32, ordered: bool) -> TocOptions {
        TocOptions {
            start_level,
            end_level,
            ordered,
        }
    }

    #[test]
    fn no_headings_give_an_empty_nav() {
        assert_eq!(
            render_toc(&[], &TocOptions::default()),
            "<nav id=\"TableOfContents\"></nav>"
        );
    }

    #[test]
    fn only_an_h1_with_default_levels_gives_an_empty_nav() {
        let toc = render_toc(&[heading(1, "t", "T")], &TocOptions::default());
        assert_eq!(toc, "<nav id=\"TableOfContents\"></nav>");
    }

    #[test]
    fn each_h1_starts_a_new_list_in_the_same_nav() {
        let headings = [
            heading(1, "a", "A"),
            heading(2, "a1", "A1"),
            heading(1, "b", "B"),
            heading(2, "b1", "B1"),
        ];
        assert_eq!(
            render_toc(&headings, &TocOptions::default()),
            "<nav id=\"TableOfContents\">\n  <ul>\n    <li><a href=\"#a1\">A1</a></li>\n  </ul>\n\n  <ul>\n    <li><a href=\"#b1\">B1</a></li>\n  </ul>\n</nav>"
        );
    }

    #[test]
    fn missing_parents_become_empty_list_items() {
        let toc = render_toc(&[heading(3, "c", "C")], &options(2, 3, false));
        assert_eq!(
            toc,
            "<nav id=\"TableOfContents\">\n  <ul>\n    <li>\n      <ul>\n        <li><a href=\"#c\">C</a></li>\n      </ul>\n    </li>\n  </ul>\n</nav>"
        );
    }

    #[test]
    fn only_minus_one_means_no_end_level() {
        let toc = render_toc(&[heading(2, "b", "B")], &options(2, -2, false));
        assert_eq!(toc, "<nav id=\"TableOfContents\"></nav>");
    }

    #[test]
    fn out_of_range_levels_are_clamped_instead_of_panicking() {
        let toc = render_toc(
            &[heading(0, "z", "Z"), heading(200, "d", "D")],
            &options(1, -1, true),
        );
        assert!(
            toc.starts_with("<nav id=\"TableOfContents\">\n  <ol>\n    <li><a href=\"#z\">Z</a>")
        );
    }

    #[test]
    fn titles_without_markup_are_kept_verbatim() {
        assert_eq!(
            title_for_toc("Let&rsquo;s  go &amp; see"),
            "Let&rsquo;s  go &amp; see"
        );
    }

    #[test]
    fn links_are_removed_from_titles_but_their_text_kept() {
        assert_eq!(
            title_for_toc("A <a href=\"https://example.org\">link</a>"),
            "A link"
        );
    }

    #[test]
    fn allowed_inline_markup_survives_and_text_is_re_escaped() {
        assert_eq!(
            title_for_toc("It&rsquo;s <code>a &lt; b</code> &quot;x&quot; <em>y</em>"),
            "It\u{2019}s <code>a &lt; b</code> &#34;x&#34; <em>y</em>"
        );
    }

    #[test]
    fn images_keep_safe_attributes_and_comments_are_dropped() {
        assert_eq!(
            title_for_toc("An image <img src=\"a.jpg\" alt=\"kitten\" onerror=\"x()\"><!-- raw HTML omitted -->"),
            "An image <img src=\"a.jpg\" alt=\"kitten\">"
        );
        assert_eq!(title_for_toc("<img src=\"javascript:x()\">x"), "x");
    }

    #[test]
    fn white_space_is_trimmed_and_collapsed_when_the_title_has_markup() {
        assert_eq!(title_for_toc("  a \n\t b <b>c</b>  "), "a b <b>c</b>");
    }

    #[test]
    fn script_content_and_unknown_tags_are_removed() {
        assert_eq!(
            title_for_toc("a<script>alert(1)</script><div>b</div>"),
            "ab"
        );
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for input in [
            "<",
            "<a",
            "<img src=\"",
            "&#",
            "&#x110000;<b>",
            "<b \u{e9}=\u{e9}>é",
            "<!--",
            "</",
        ] {
            let _ = title_for_toc(input);
        }
    }
}
