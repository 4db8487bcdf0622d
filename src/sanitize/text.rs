//! Plain text from sanitized HTML: what a browser's `textContent` gives for it.
//!
//! In: HTML as ammonia serializes it (html5ever's serializer: lower-case tag names, attribute
//! values in double quotes with `&`, U+00A0 and `"` escaped, text with `&`, U+00A0, `<` and
//! `>` escaped, void elements without an end tag, no raw-text element left by the policy).
//! Out: its text, tags and comments dropped, those references decoded.
//!
//! This is the one place where the result's plain-text fields that come from rendered HTML
//! (a heading's `text` in `toc` and in `parse().headings`) are made. They are taken from the
//! output the sanitizer gives, never from HTML before it, so that no stage (a shortcode's
//! output, raw HTML, a template's `safeHTML`) can put markup in them: a tag in the output is
//! an element, and an element's tags are never text. What a reader sees as text, `<b>` typed
//! as `&lt;b&gt;`, stays text, as `textContent` has it.

use std::collections::{HashMap, VecDeque};

/// Elements html5ever serializes without an end tag.
const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];

/// The text of the first element of `clean_html` (its `textContent`), ASCII white space runs
/// collapsed to one space and trimmed, as a reader sees a heading on one line.
pub fn first_element_text(clean_html: &str) -> String {
    let mut text = String::new();
    let mut depth = 0usize;
    let mut rest = clean_html;
    while !rest.is_empty() {
        let Some(lt) = memchr::memchr(b'<', rest.as_bytes()) else {
            if depth > 0 {
                push_decoded(&mut text, rest);
            }
            break;
        };
        if depth > 0 {
            push_decoded(&mut text, &rest[..lt]);
        }
        let markup = &rest[lt..];
        if let Some(comment) = markup.strip_prefix("<!--") {
            let end = comment.find("-->").map_or(markup.len(), |at| 4 + at + 3);
            rest = &markup[end..];
            continue;
        }
        let end = tag_end(markup);
        let tag = &markup[..end];
        rest = &markup[end..];
        if tag.starts_with("</") {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                break;
            }
        } else if !is_void(tag) {
            depth += 1;
        }
    }
    collapse_white_space(&text)
}

/// The length of the tag `markup` starts with, `>` included: a `>` inside a quoted attribute
/// value (html5ever does not escape it there) does not end it.
/// The heading elements of `clean_html` (a whole sanitized content), by their `id` (as the
/// page reads it): level and where the start tag begins, in document order.
///
/// A heading's text as the page shows it can hold more than its own Markdown: raw HTML that
/// leaves a raw text element open (`<style>` with `unsafe` on) runs on into what follows, and
/// the browser shows that inside the heading. Looking the heading up in the whole content
/// gives what a reader sees there.
pub fn headings_by_id(clean_html: &str) -> HashMap<String, VecDeque<(u8, usize)>> {
    let mut found: HashMap<String, VecDeque<(u8, usize)>> = HashMap::new();
    let bytes = clean_html.as_bytes();
    for at in memchr::memmem::find_iter(bytes, b"<h") {
        let level = match bytes.get(at + 2) {
            Some(&digit @ b'1'..=b'6') => digit - b'0',
            _ => continue,
        };
        if !matches!(bytes.get(at + 3), Some(b' ' | b'>')) {
            continue;
        }
        let markup = &clean_html[at..];
        let tag = &markup[..tag_end(markup)];
        let Some(value_at) = tag.find(" id=\"").map(|i| i + 5) else {
            continue;
        };
        let value = &tag[value_at..];
        let value = &value[..value.find('"').unwrap_or(value.len())];
        let mut id = String::with_capacity(value.len());
        push_decoded(&mut id, value);
        found.entry(id).or_default().push_back((level, at));
    }
    found
}

fn tag_end(markup: &str) -> usize {
    let mut quoted = false;
    for (at, byte) in markup.bytes().enumerate() {
        match byte {
            b'"' => quoted = !quoted,
            b'>' if !quoted => return at + 1,
            _ => {}
        }
    }
    markup.len()
}

fn is_void(tag: &str) -> bool {
    let name_end = tag[1..]
        .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
        .map_or(tag.len(), |at| at + 1);
    VOID_ELEMENTS.contains(&&tag[1..name_end])
}

/// Text as html5ever writes it: the references it writes decoded, anything else as it is.
fn push_decoded(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = memchr::memchr(b'&', rest.as_bytes()) {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let reference = [
            ("&amp;", '&'),
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&quot;", '"'),
            ("&nbsp;", '\u{a0}'),
        ]
        .into_iter()
        .find(|(name, _)| tail.starts_with(name));
        match reference {
            Some((name, c)) => {
                out.push(c);
                rest = &tail[name.len()..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
}

/// Runs of ASCII white space (the HTML spec's: tab, line feed, form feed, carriage return,
/// space) become one space; leading and trailing ones go. U+00A0 is not white space here.
pub fn collapse_white_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(['\t', '\n', '\u{c}', '\r', ' '])
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_dropped_and_references_decoded() {
        assert_eq!(
            first_element_text("<h2>A <em>b</em> &amp;lt;c&amp;gt; &lt;d&gt;&nbsp;e</h2>"),
            "A b &lt;c&gt; <d>\u{a0}e"
        );
    }

    #[test]
    fn only_the_first_element_counts() {
        assert_eq!(
            first_element_text("<h2>a<span>b</span></h2><p>not in the heading</p>"),
            "ab"
        );
    }

    #[test]
    fn void_elements_and_comments_hold_no_text() {
        assert_eq!(
            first_element_text(
                "<h2>a<img src=\"x\" alt=\"y>z\"><br><!-- raw HTML omitted -->b</h2>"
            ),
            "ab"
        );
    }

    #[test]
    fn a_greater_than_sign_in_a_quoted_attribute_does_not_end_the_tag() {
        assert_eq!(
            first_element_text("<h2><a title=\"<b>x</b>\" href=\"#\">t</a></h2>"),
            "t"
        );
    }

    #[test]
    fn white_space_is_collapsed_and_trimmed() {
        assert_eq!(first_element_text("<h2>\n a \t\n b </h2>"), "a b");
        assert_eq!(collapse_white_space("a\u{a0} b"), "a\u{a0} b");
    }

    #[test]
    fn broken_input_does_not_panic() {
        for input in [
            "",
            "<",
            "<h2",
            "<h2>a",
            "</",
            "<!--",
            "<h2>&",
            "<h2>&am",
            "<h2 a=\"é",
        ] {
            let _ = first_element_text(input);
        }
    }
}
