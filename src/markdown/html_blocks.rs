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

use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd};

/// Elements whose opening tag starts CommonMark's first kind of HTML block.
const RAW: &[&str] = &["pre", "script", "style", "textarea"];

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
    let end = block[block.len() - 1].1.clone();
    let mut out = vec![
        (Event::Start(Tag::Paragraph), first_range.clone()),
        (
            Event::InlineHtml(CowStr::from(tag.to_owned())),
            first_range.clone(),
        ),
        (Event::End(TagEnd::Paragraph), first_range.clone()),
    ];
    if let Some((_, next_range)) = rest.first() {
        out.push((Event::Start(Tag::HtmlBlock), next_range.start..end.end));
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
/// to six), as the parser decides it after a paragraph's line.
fn interrupts_paragraph(line: &str) -> bool {
    let text = format!("x\n{line}");
    Parser::new(&text).any(|event| matches!(event, Event::Start(Tag::HtmlBlock)))
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
