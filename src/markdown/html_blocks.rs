//! A closing `</pre>`, `</script>`, `</style>` or `</textarea>` alone on a line where a block
//! starts.
//!
//! In: the parser's events. Out: the same events, with each HTML block that such a line starts
//! read as goldmark reads it. CommonMark's seventh kind of HTML block starts with a complete
//! tag "other than pre, script, style or textarea" (whose opening tags start the first kind),
//! so goldmark makes the line a paragraph holding the tag as raw inline HTML,
//! `<p></style></p>`; pulldown-cmark (`scan_html_type_7`) does not leave those four out and
//! starts an HTML block there. Jupyter's pandas tables end their `<style scoped>` so (Hextra's
//! `jupyter` shortcode, Hugo 0.168). Only the case whose lines after it goldmark reads as an
//! HTML block again is rewritten (the next line starts an HTML block that interrupts a
//! paragraph, or there is none); other lines would be the paragraph's text, which is left as
//! pulldown-cmark reads it.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// Elements whose opening tag starts CommonMark's first kind of HTML block.
const RAW: &[&str] = &["pre", "script", "style", "textarea"];

/// CommonMark's sixth kind of HTML block: these names start one that may interrupt a
/// paragraph (goldmark's `allowedBlockTags`).
const BLOCK_TAGS: &[&str] = &[
    "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption",
    "center", "col", "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3",
    "h4", "h5", "h6", "head", "header", "hr", "html", "iframe", "legend", "li", "link", "main",
    "menu", "menuitem", "meta", "nav", "noframes", "ol", "optgroup", "option", "p", "param",
    "search", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title",
    "tr", "track", "ul",
];

type Events<'a> = Vec<(Event<'a>, Range<usize>)>;

/// See the module's documentation.
pub fn closing_raw_tags(events: Events<'_>) -> Events<'_> {
    if !events.iter().any(|(event, _)| matches!(event, Event::Html(html) if is_closing_raw(html))) {
        return events;
    }
    let mut out = Vec::with_capacity(events.len() + 2);
    let mut events = events.into_iter().peekable();
    while let Some((event, range)) = events.next() {
        let Event::Start(Tag::HtmlBlock) = event else {
            out.push((event, range));
            continue;
        };
        let mut block = vec![(event, range)];
        for (event, range) in events.by_ref() {
            let end = matches!(event, Event::End(TagEnd::HtmlBlock));
            block.push((event, range));
            if end {
                break;
            }
        }
        out.extend(rewrite(block));
    }
    out
}

/// One HTML block's events (start, its lines, end): as they are, or the paragraph and the
/// HTML block goldmark makes of them.
fn rewrite(block: Events<'_>) -> Events<'_> {
    let lines = &block[1..block.len().saturating_sub(1)];
    let Some((Event::Html(first), first_range)) = lines.first() else {
        return block;
    };
    if !is_closing_raw(first) {
        return block;
    }
    let rest = &lines[1..];
    if let Some((Event::Html(next), _)) = rest.first() {
        if !interrupts_paragraph(next) {
            return block;
        }
    }
    let tag = first.trim();
    let (start, end) = (block[0].1.clone(), block[block.len() - 1].1.clone());
    let mut out = vec![
        (Event::Start(Tag::Paragraph), first_range.clone()),
        (
            Event::InlineHtml(CowStr::from(tag.to_owned())),
            first_range.clone(),
        ),
        (Event::End(TagEnd::Paragraph), first_range.clone()),
    ];
    if let Some((_, next_range)) = rest.first() {
        out.push((Event::Start(Tag::HtmlBlock), next_range.start..start.end.max(end.end)));
        out.extend(rest.iter().cloned());
        out.push((Event::End(TagEnd::HtmlBlock), end));
    }
    out
}

/// `</pre>`, `</script>`, `</style>` or `</textarea>` (any case, blanks before the `>` and
/// after it) alone on its line, after at most three spaces.
fn is_closing_raw(line: &str) -> bool {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let Some(tag) = line.trim().strip_prefix("</") else {
        return false;
    };
    let Some(name) = tag.strip_suffix('>') else {
        return false;
    };
    indent <= 3 && RAW.iter().any(|raw| name.trim_end().eq_ignore_ascii_case(raw))
}

/// Whether a line starts an HTML block that may interrupt a paragraph (CommonMark's kinds one
/// to six).
fn interrupts_paragraph(line: &str) -> bool {
    let line = line.trim_start_matches(' ');
    let Some(rest) = line.strip_prefix('<') else {
        return false;
    };
    if rest.starts_with("!--") || rest.starts_with('?') || rest.starts_with("![CDATA[") {
        return true;
    }
    if rest.starts_with('!') && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        return true;
    }
    let name_of = |text: &str| -> (String, String) {
        let end = text
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(text.len());
        (text[..end].to_ascii_lowercase(), text[end..].to_owned())
    };
    let (closing, rest) = match rest.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, rest),
    };
    let (name, after) = name_of(rest);
    let ends_name = after.is_empty()
        || after.starts_with([' ', '\t', '\n', '>'])
        || after.starts_with("/>");
    if !ends_name || name.is_empty() {
        return false;
    }
    (!closing && RAW.contains(&name.as_str())) || BLOCK_TAGS.contains(&name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_read_as_commonmark_reads_them() {
        assert!(is_closing_raw("</style>\n") && is_closing_raw("   </STYLE >  \n"));
        assert!(!is_closing_raw("    </style>\n") && !is_closing_raw("</style> x\n"));
        assert!(!is_closing_raw("</div>\n") && !is_closing_raw("<style>\n"));
        assert!(interrupts_paragraph("<table border=\"1\">\n"));
        assert!(interrupts_paragraph("</div>\n") && interrupts_paragraph("<style>\n"));
        assert!(interrupts_paragraph("<!-- c -->\n"));
        assert!(!interrupts_paragraph("<span>\n") && !interrupts_paragraph("</style>\n"));
        assert!(!interrupts_paragraph("text\n") && !interrupts_paragraph("<tablex>\n"));
    }
}
