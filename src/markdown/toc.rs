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

/// The part of bluemonday (v1.0.27, over `golang.org/x/net/html`'s tokenizer) that Hugo's TOC
/// policy (`newTOCSanitizerPolicy`) exercises. One pass over the input, no recursion.
mod bluemonday {
    use crate::rules::entities::{unescape, unescape_attribute};
    use crate::rules::escape::push_net_html;

    /// Hugo's allow-list (`AllowElements`), plus `img` from `AllowImages`.
    const ALLOWED: &[&str] = &[
        "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "i", "img",
        "ins", "kbd", "mark", "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strong",
        "sub", "sup", "time", "u", "var", "wbr",
    ];
    /// Allowed elements that bluemonday drops when no attribute survives: they are not in its
    /// `setOfElementsAllowedWithoutAttrs`.
    const NEED_ATTRIBUTES: &[&str] = &["bdo", "data", "img"];
    /// bluemonday's `setOfElementsToSkipContent`.
    const SKIP_CONTENT: &[&str] = &[
        "frameset", "iframe", "noembed", "noframes", "noscript", "nostyle", "object", "script",
        "style", "title",
    ];

    struct Tag {
        name: String,
        end: bool,
        self_closing: bool,
        attributes: Vec<(String, String)>,
        /// Bytes consumed, including `<` and `>`.
        len: usize,
    }

    pub(super) fn sanitize(html: &str) -> String {
        let mut out = String::with_capacity(html.len());
        let mut skip_depth = 0usize;
        let mut closing_to_skip: Vec<String> = Vec::new();
        let mut rest = html;
        while !rest.is_empty() {
            let Some(lt) = rest.find('<') else {
                push_text(&mut out, rest, skip_depth);
                break;
            };
            let (text, markup) = rest.split_at(lt);
            push_text(&mut out, text, skip_depth);
            let consumed = if let Some(after) = markup.strip_prefix("<!--") {
                // Comments are dropped (bluemonday's default).
                after.find("-->").map_or(markup.len(), |end| 4 + end + 3)
            } else if markup.starts_with("<!") || markup.starts_with("<?") {
                markup.find('>').map_or(markup.len(), |end| end + 1)
            } else if let Some(tag) = parse_tag(markup) {
                let len = tag.len;
                let raw_text_end = if !tag.end && (tag.name == "script" || tag.name == "style") {
                    // x/net/html reads script and style content as raw text up to the matching
                    // end tag, and bluemonday drops it.
                    let close = format!("</{}", tag.name);
                    let tail = markup.get(len..).unwrap_or("");
                    Some(tail.to_ascii_lowercase().find(&close).unwrap_or(tail.len()))
                } else {
                    None
                };
                handle_tag(&mut out, tag, &mut skip_depth, &mut closing_to_skip);
                len + raw_text_end.unwrap_or(0)
            } else {
                // A `<` that does not start a tag is text.
                push_text(&mut out, "<", skip_depth);
                1
            };
            rest = markup.get(consumed..).unwrap_or("");
        }
        out
    }

    fn handle_tag(
        out: &mut String,
        tag: Tag,
        skip_depth: &mut usize,
        closing_to_skip: &mut Vec<String>,
    ) {
        let allowed = ALLOWED.contains(&tag.name.as_str());
        if tag.end {
            if closing_to_skip.last() == Some(&tag.name) {
                closing_to_skip.pop();
                return;
            }
            if !allowed {
                if SKIP_CONTENT.contains(&tag.name.as_str()) {
                    *skip_depth = skip_depth.saturating_sub(1);
                }
                return;
            }
            if *skip_depth == 0 {
                out.push_str("</");
                out.push_str(&tag.name);
                out.push('>');
            }
            return;
        }
        if !allowed {
            if !tag.self_closing
                && SKIP_CONTENT.contains(&tag.name.as_str())
                && tag.name != "script"
                && tag.name != "style"
            {
                *skip_depth += 1;
            }
            return;
        }
        let attributes: Vec<(String, String)> = tag
            .attributes
            .into_iter()
            .filter_map(|(key, value)| clean_attribute(&tag.name, key, value))
            .collect();
        if attributes.is_empty() && NEED_ATTRIBUTES.contains(&tag.name.as_str()) {
            if !tag.self_closing {
                closing_to_skip.push(tag.name);
            }
            return;
        }
        if *skip_depth > 0 {
            return;
        }
        out.push('<');
        out.push_str(&tag.name);
        for (key, value) in &attributes {
            out.push(' ');
            out.push_str(key);
            out.push_str("=\"");
            push_net_html(out, value);
            out.push('"');
        }
        out.push_str(if tag.self_closing { "/>" } else { ">" });
    }

    /// The attribute policy: `AllowStandardAttributes`, `AllowStyling`, `AllowImages` and the
    /// element attributes Hugo adds. Regexes are bluemonday's; note `id` and `lang` are not
    /// anchored there, so any value containing one matching run passes.
    fn clean_attribute(element: &str, key: String, value: String) -> Option<(String, String)> {
        let ok = match key.as_str() {
            "dir" => value.eq_ignore_ascii_case("rtl") || value.eq_ignore_ascii_case("ltr"),
            "lang" => {
                let mut run = 0;
                value.chars().any(|c| {
                    run = if c.is_ascii_alphabetic() { run + 1 } else { 0 };
                    run >= 2
                })
            }
            "id" => value
                .chars()
                .any(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '-' | '_' | '.')),
            "title" => is_paragraph(&value),
            "class" => {
                !value.is_empty()
                    && value.chars().all(|c| {
                        is_regexp_space(c)
                            || crate::rules::unicode::is_letter(c)
                            || crate::rules::unicode::is_number(c)
                            || c == '_'
                            || c == '-'
                    })
            }
            "align" if element == "img" => [
                "left",
                "right",
                "top",
                "texttop",
                "middle",
                "absmiddle",
                "baseline",
                "bottom",
                "absbottom",
            ]
            .iter()
            .any(|a| value.eq_ignore_ascii_case(a)),
            "alt" if element == "img" => is_paragraph(&value),
            "height" | "width" if element == "img" => {
                let digits = value.strip_suffix('%').unwrap_or(&value);
                !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
            }
            "src" if element == "img" => return valid_url(&value).map(|url| (key, url)),
            "cite" if matches!(element, "del" | "ins" | "q") => {
                return valid_url(&value).map(|url| (key, url))
            }
            "datetime" => matches!(element, "del" | "ins" | "time"),
            "value" => element == "data",
            _ => false,
        };
        ok.then_some((key, value))
    }

    /// bluemonday's `Paragraph`: `^[\p{L}\p{N}\s\-_',\[\]!\./\\\(\)]*$`.
    fn is_paragraph(value: &str) -> bool {
        value.chars().all(|c| {
            crate::rules::unicode::is_letter(c)
                || crate::rules::unicode::is_number(c)
                || is_regexp_space(c)
                || "-_',[]!./\\()".contains(c)
        })
    }

    /// Go regexp `\s`.
    fn is_regexp_space(c: char) -> bool {
        matches!(c, '\t' | '\n' | '\u{c}' | '\r' | ' ')
    }

    /// `AllowStandardURLs`: parseable, no inner white space, scheme `http`, `https` or `mailto`,
    /// or relative. (bluemonday re-serializes with Go's `url.String`; that normalization is
    /// not copied.)
    fn valid_url(value: &str) -> Option<String> {
        let url = value.trim();
        if url.contains([' ', '\t', '\n']) || url.is_empty() {
            return None;
        }
        if let Some(colon) = url.find(':') {
            let scheme = url.get(..colon).unwrap_or("");
            let is_scheme = scheme
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
            if is_scheme {
                let scheme = scheme.to_ascii_lowercase();
                if !matches!(scheme.as_str(), "http" | "https" | "mailto") {
                    return None;
                }
            } else if !url.get(..colon).is_some_and(|s| s.contains('/')) {
                // Go's url.Parse rejects a first path segment containing a colon.
                return None;
            }
        }
        Some(url.to_string())
    }

    /// A start or end tag as x/net/html tokenizes it, or `None` when `<` starts text.
    fn parse_tag(markup: &str) -> Option<Tag> {
        let bytes = markup.as_bytes();
        let end = bytes.get(1) == Some(&b'/');
        let name_start = if end { 2 } else { 1 };
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            return None;
        }
        let mut i = name_start;
        while i < bytes.len()
            && !matches!(
                bytes[i],
                b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>'
            )
        {
            i += 1;
        }
        let name = markup.get(name_start..i)?.to_ascii_lowercase();
        let mut attributes = Vec::new();
        let mut self_closing = false;
        loop {
            while i < bytes.len()
                && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/')
            {
                if bytes[i] == b'/' && bytes.get(i + 1) == Some(&b'>') {
                    self_closing = true;
                }
                i += 1;
            }
            if i >= bytes.len() {
                break;
            }
            if bytes[i] == b'>' {
                i += 1;
                break;
            }
            let key_start = i;
            while i < bytes.len()
                && !matches!(
                    bytes[i],
                    b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>' | b'='
                )
            {
                i += 1;
            }
            if i == key_start {
                // A lone `=`: x/net/html makes it part of an attribute name.
                i += 1;
            }
            let key = markup.get(key_start..i).unwrap_or("").to_ascii_lowercase();
            while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
                i += 1;
            }
            let mut value = String::new();
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
                {
                    i += 1;
                }
                match bytes.get(i) {
                    Some(&quote @ (b'"' | b'\'')) => {
                        let start = i + 1;
                        let close = markup
                            .get(start..)
                            .and_then(|s| s.find(char::from(quote)))
                            .map_or(bytes.len(), |at| start + at);
                        value = unescape_attribute(markup.get(start..close).unwrap_or(""));
                        i = (close + 1).min(bytes.len());
                    }
                    _ => {
                        let start = i;
                        while i < bytes.len()
                            && !matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'>')
                        {
                            i += 1;
                        }
                        value = unescape_attribute(markup.get(start..i).unwrap_or(""));
                    }
                }
            }
            if !end && !attributes.iter().any(|(k, _): &(String, String)| *k == key) {
                attributes.push((key, value));
            }
        }
        Some(Tag {
            name,
            end,
            self_closing: self_closing && !end,
            attributes,
            len: i,
        })
    }

    fn push_text(out: &mut String, text: &str, skip_depth: usize) {
        if skip_depth == 0 && !text.is_empty() {
            push_net_html(out, &unescape(text));
        }
    }
}

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
