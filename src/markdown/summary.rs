//! Summaries and word counts, as current Hugo computes them from rendered HTML.
//!
//! In: the rendered content HTML. Out: the content and manual summary split at the divider's
//! paragraph (`ExtractSummaryFromHTMLWithDivider`), the automatic summary
//! (`ExtractSummaryFromHTML`), the front matter summary trimmed (`TrimShortHTML`) and
//! `.WordCount`. The Go functions live in `resources/page/page_markup.go`,
//! `helpers/content.go` and `tpl/template.go` (`StripHTML`).

use super::source::SUMMARY_DIVIDER_MARK;
use crate::rules::space::is_go_space;
use crate::rules::text::strip_html;

/// The content split at the summary divider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DividedContent {
    /// `.Content`: everything but the divider's paragraph, trimmed.
    pub content: String,
    /// `.Summary`: everything before the divider's paragraph, trimmed.
    pub summary: String,
}

fn go_trim_space(s: &str) -> &str {
    s.trim_matches(is_go_space)
}

/// Splits `html` at the paragraph holding `HUGOMORE42`, as `ExtractSummaryFromHTMLWithDivider`
/// with `expandSummaryDivider` does for Markdown. `None` when the mark is not in the HTML.
pub fn split_at_divider(html: &str) -> Option<DividedContent> {
    let low = html.find(SUMMARY_DIVIDER_MARK)?;
    let high = low + SUMMARY_DIVIDER_MARK.len();
    let (divider, end_markup) = expand_summary_divider(html, low..high);
    let mut content = String::with_capacity(html.len());
    content.push_str(html.get(..divider.start).unwrap_or_default());
    content.push_str(html.get(divider.end..).unwrap_or_default());
    let mut summary = html.get(..divider.start).unwrap_or_default().to_string();
    if let Some(end) = end_markup {
        summary.push_str(html.get(end).unwrap_or_default());
    }
    Some(DividedContent {
        content: go_trim_space(&content).to_string(),
        summary: go_trim_space(&summary).to_string(),
    })
}

/// The leftmost match of `<p[^>]?>` in `s`, as (start, len).
fn leftmost_short_p_tag(s: &[u8]) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(rel) = s.get(from..)?.windows(2).position(|w| w == b"<p") {
        let at = from + rel;
        match (s.get(at + 2), s.get(at + 3)) {
            (Some(b'>'), _) => return Some((at, 3)),
            (Some(_), Some(b'>')) => return Some((at, 4)),
            _ => from = at + 1,
        }
    }
    None
}

/// Go's `expandSummaryDivider` for the `<p>` tag: widens the divider to its whole paragraph
/// (plus one newline), or, when the paragraph has other text before the divider, keeps the
/// paragraph and returns the closing markup that the summary needs.
fn expand_summary_divider(
    s: &str,
    divider: std::ops::Range<usize>,
) -> (std::ops::Range<usize>, Option<std::ops::Range<usize>>) {
    let bytes = s.as_bytes();
    let (mut lo, mut hi) = (divider.start, divider.end);
    let mut preserve_end_markup = false;
    // `pOrDiv` (`<p[^>]?>|<div[^>]?>$`) is unanchored for `<p`: its leftmost match in a prefix
    // is the document's first short `<p>` when that fits; found once to stay linear.
    let first_short_p = leftmost_short_p_tag(bytes);

    let mut i = lo as isize - 1;
    while i >= 0 {
        let iu = i as usize;
        if bytes.get(iu) == Some(&b'>') {
            let prefix = &bytes[..=iu];
            // `<p[^>]*?>$`
            let window_start = prefix[..iu]
                .iter()
                .rposition(|&b| b == b'>')
                .map_or(0, |p| p + 1);
            if let Some(rel) = prefix[window_start..iu].windows(2).position(|w| w == b"<p") {
                lo = window_start + rel;
                break;
            }
            // `<p[^>]?>` anywhere, or `<div[^>]?>$`.
            let p_match = first_short_p.filter(|&(at, len)| at + len <= iu + 1);
            let div_match = [5usize, 6].into_iter().find_map(|len| {
                let start = (iu + 1).checked_sub(len)?;
                let m = prefix.get(start..)?;
                let ok = m.starts_with(b"<div") && (len == 5 || m[4] != b'>');
                ok.then_some((start, len))
            });
            let matched = match (p_match, div_match) {
                (Some(p), Some(d)) => Some(if d.0 < p.0 { d } else { p }),
                (p, d) => p.or(d),
            };
            if let Some((_, len)) = matched {
                i -= len as isize - 1;
                i -= 1;
                continue;
            }
        }
        let is_space = s
            .get(iu..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(is_go_space);
        if !is_space {
            preserve_end_markup = true;
            break;
        }
        i -= 1;
    }

    // Walk forward to the end of the paragraph (`</p>$`).
    while hi < bytes.len() {
        if bytes[hi] == b'>' && bytes[..=hi].ends_with(b"</p>") {
            hi += 1;
            break;
        }
        hi += 1;
    }

    let mut divider = lo..divider.end;
    let mut end_markup = None;
    if preserve_end_markup {
        end_markup = Some(divider.end..hi);
    } else {
        divider.end = hi;
    }
    if bytes.get(divider.end) == Some(&b'\n') {
        divider.end += 1;
    }
    (divider, end_markup)
}

/// Hugo's `isProbablyHTMLToken`: `>`, `^</?[A-Za-z]+>?$` or `^[A-Za-z]+=["']`.
fn is_probably_html_token(word: &str) -> bool {
    if word == ">" {
        return true;
    }
    let b = word.as_bytes();
    if let Some(rest) = b.strip_prefix(b"<") {
        let rest = rest.strip_prefix(b"/").unwrap_or(rest);
        let rest = rest.strip_suffix(b">").unwrap_or(rest);
        if !rest.is_empty() && rest.iter().all(u8::is_ascii_alphabetic) {
            return true;
        }
    }
    let letters = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    letters > 0 && b.get(letters) == Some(&b'=') && matches!(b.get(letters + 1), Some(b'"' | b'\''))
}

/// Current Hugo's automatic summary (`ExtractSummaryFromHTML`, since v0.134.0): whole
/// `</p>`-terminated paragraphs until the running word count reaches `summary_length`; all of
/// the content when it never does. Words are space-separated tokens (see `count_word`), so a
/// paragraph of CJK text without spaces is one word unless the page is a CJK one. A paragraph
/// inside a blockquote, a list, the footnotes or a
/// shortcode's `<div>` takes the rest of that element with it (Hugo 0.168; see
/// [`close_open_elements`]). The result is `TrimSpace`d.
pub fn automatic_summary(html: &str, summary_length: usize, is_cjk_language: bool) -> String {
    if summary_length == 0 {
        return String::new();
    }
    // `countWord` in `ExtractSummaryFromHTML`: each space-separated token that does not look
    // like HTML is one word; on a CJK page, a token with a multi-byte character counts its
    // runes once tags are stripped (so `café` is 4).
    let count_word = |word: &str| -> usize {
        let word = go_trim_space(word);
        if word.is_empty() || is_probably_html_token(word) {
            return 0;
        }
        if !is_cjk_language {
            return 1;
        }
        let stripped = strip_html(word);
        let runes = stripped.chars().count();
        if stripped.len() == runes {
            1
        } else {
            runes
        }
    };
    let mut count = 0;
    let mut j = 0;
    while j < html.len() {
        let rest = &html[j..];
        let Some(closing) = rest.find("</p>") else {
            break;
        };
        let paragraph = &rest[..closing];
        // Go's loop: a word ends at each space and at the last rune (which it leaves out).
        let mut word_start = 0;
        for (i, c) in paragraph.char_indices() {
            if is_go_space(c) || i + c.len_utf8() == paragraph.len() {
                count += count_word(&paragraph[word_start..i]);
                word_start = i;
                if count >= summary_length {
                    break;
                }
            }
        }
        if count >= summary_length {
            let end = close_open_elements(html, j + closing + 4);
            return go_trim_space(&html[..end]).to_string();
        }
        j += closing + 4;
    }
    go_trim_space(html).to_string()
}

/// HTML elements that have no end tag.
const VOID_ELEMENTS: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Where Hugo 0.168 ends an automatic summary cut at `cut` (just after a `</p>`): when
/// elements opened before the cut are still open there, the summary goes on to the end tag
/// that closes the last of them, so a paragraph in a blockquote, a list or the footnotes brings
/// its whole element (`</blockquote>`, `</ul>`, `</div>`). When they are never all closed (a
/// stray `<section>` from raw HTML or a shortcode), the cut stays where it was.
///
/// Observed with Hugo 0.168.0 (the 0.166 source at hand still cuts at the `</p>`): the
/// elements are counted in the HTML, not in goldmark's tree (a raw `<div>` block, with
/// `unsafe`, takes the paragraphs up to its `</div>`), void elements (`<hr>`, `<br>`,
/// `<img>`) open nothing, and an element left open earlier in the page keeps every later cut
/// where it is.
fn close_open_elements(html: &str, cut: usize) -> usize {
    let mut depth = 0usize;
    let mut extended = None;
    for_each_tag(html, |at, end, change| {
        if at < cut {
            depth = depth.saturating_add_signed(change);
            return true;
        }
        if depth == 0 {
            return false;
        }
        depth = depth.saturating_add_signed(change);
        if depth == 0 {
            extended = Some(end);
            return false;
        }
        true
    });
    extended.unwrap_or(cut)
}

/// Calls `visit(start, end, change)` for each tag of `html` in order, `change` being +1 for a
/// start tag of an element with content, -1 for an end tag and 0 otherwise (void elements,
/// `<x/>`, comments, doctypes); stops when `visit` returns false. The content of `<script>`
/// and `<style>` is skipped, as a browser reads it as text.
fn for_each_tag(html: &str, mut visit: impl FnMut(usize, usize, isize) -> bool) {
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(rel) = memchr::memchr(b'<', bytes.get(i..).unwrap_or_default()) {
        let at = i + rel;
        let rest = &html[at..];
        if rest.starts_with("<!--") {
            let end = rest.find("-->").map_or(html.len(), |e| at + e + 3);
            if !visit(at, end, 0) {
                return;
            }
            i = end;
            continue;
        }
        let closing = bytes.get(at + 1) == Some(&b'/');
        let name_start = at + 1 + usize::from(closing);
        let name_len = bytes
            .get(name_start..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let starts_with_letter = bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic);
        if !starts_with_letter && bytes.get(at + 1) != Some(&b'!') {
            // Not a tag: a `<` in text.
            i = at + 1;
            continue;
        }
        // The end of the tag, past quoted attribute values.
        let mut quote = None;
        let mut j = name_start + name_len;
        while j < bytes.len() {
            match (quote, bytes[j]) {
                (Some(q), c) if c == q => quote = None,
                (None, c @ (b'"' | b'\'')) => quote = Some(c),
                (None, b'>') => break,
                _ => {}
            }
            j += 1;
        }
        let end = (j + 1).min(html.len());
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let change = if !starts_with_letter {
            0
        } else if closing {
            -1
        } else if VOID_ELEMENTS.contains(&name.as_str()) || html[..end].ends_with("/>") {
            0
        } else {
            1
        };
        if !visit(at, end, change) {
            return;
        }
        i = end;
        if change == 1 && matches!(name.as_str(), "script" | "style") {
            // Raw text up to the end tag, which the next round reads.
            let close = format!("</{name}");
            i = bytes[end..]
                .windows(close.len())
                .position(|w| w.eq_ignore_ascii_case(close.as_bytes()))
                .map_or(html.len(), |e| end + e);
        }
    }
}

/// Hugo's `TrimShortHTML` (`helpers/content.go`, 0.168): when the input has exactly one
/// `<p>`, it is trimmed of white space, and if it then starts with `<p>` and ends with `</p>`
/// both go (and the white space inside). So a single paragraph loses its wrapper, a list
/// followed by a paragraph keeps it, and an `<svg><path>` in the paragraph is no `<p>`.
pub fn trim_short_html(html: &str) -> String {
    if html.matches("<p>").count() != 1 {
        return html.to_string();
    }
    let trimmed = go_trim_space(html);
    match trimmed
        .strip_prefix("<p>")
        .and_then(|inner| inner.strip_suffix("</p>"))
    {
        Some(inner) => go_trim_space(inner).to_string(),
        None => trimmed.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_the_divider_paragraph() {
        let html = "<p>One</p>\n<p>HUGOMORE42</p>\n<p>Two</p>\n";
        let d = split_at_divider(html).unwrap();
        assert_eq!(d.summary, "<p>One</p>");
        assert_eq!(d.content, "<p>One</p>\n<p>Two</p>");
    }

    #[test]
    fn keeps_a_paragraph_with_text_before_the_divider() {
        let html = "<ul>\n<li>a HUGOMORE42 b</li>\n</ul>\n<p>x</p>";
        let d = split_at_divider(html).unwrap();
        assert_eq!(d.content, "<ul>\n<li>a  b</li>\n</ul>\n<p>x</p>");
        assert_eq!(d.summary, "<ul>\n<li>a  b</li>\n</ul>\n<p>x</p>");
    }

    #[test]
    fn automatic_summary_takes_whole_paragraphs_until_the_word_count() {
        // resources/page/page_markup_test.go TestExtractSummaryFromHTML.
        let html = "<p>First paragraph</p><p>Second paragraph</p><p>Third paragraph</p>";
        assert_eq!(
            automatic_summary(html, 3, false),
            "<p>First paragraph</p><p>Second paragraph</p>"
        );
        assert_eq!(automatic_summary(html, 2, false), "<p>First paragraph</p>");
        assert_eq!(automatic_summary(html, 30, false), html);
    }

    #[test]
    fn trims_a_single_paragraph() {
        assert_eq!(trim_short_html("<p>FM <em>x</em></p>\n"), "FM <em>x</em>");
        // Hugo 0.168's conditions, checked with its `markdownify`: exactly one `<p>`, and
        // both ends; otherwise only the white space around goes, and only with one `<p>`.
        assert_eq!(trim_short_html(" plain \n"), " plain \n");
        assert_eq!(
            trim_short_html("<ol>\n<li>a</li>\n</ol>\n<p>b</p>\n"),
            "<ol>\n<li>a</li>\n</ol>\n<p>b</p>"
        );
        assert_eq!(
            trim_short_html("<p>x</p>\n<ol>\n<li>y</li>\n</ol>\n"),
            "<p>x</p>\n<ol>\n<li>y</li>\n</ol>"
        );
        assert_eq!(
            trim_short_html("<p>a <svg><path d=\"M1\"/></svg></p>\n"),
            "a <svg><path d=\"M1\"/></svg>"
        );
        assert_eq!(
            trim_short_html("<pre><code>x\n</code></pre>\n"),
            "<pre><code>x\n</code></pre>\n"
        );
        assert_eq!(
            trim_short_html("<p>a</p>\n<p>b</p>\n"),
            "<p>a</p>\n<p>b</p>\n"
        );
    }
}
