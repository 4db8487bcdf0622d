//! Hugo's passthrough extension (`markup.goldmark.extensions.passthrough`, from
//! `hugo-goldmark-extensions/passthrough`): text between configured delimiters (`\( \)`,
//! `$$ $$`, …), math mostly, is left exactly as written for a client-side renderer, or given
//! to the site's `render-passthrough` hook.
//!
//! In: the prepared text and the delimiters. Out: the text with each passthrough replaced by a
//! placeholder pulldown-cmark leaves alone, and the passthroughs; after rendering,
//! [`restore`] puts back what each becomes. As in goldmark, an opener starts a passthrough
//! where inline parsing would reach it (not inside a code span, an autolink or raw HTML, not
//! after an escaping backslash; `\\(` is an escaped opener), and the closer is the first one
//! after it in the same paragraph, whatever is between. A pair of block delimiters makes a
//! block: it splits its paragraph (`<p>before</p>`, the block, `<p>after</p>`), or in a tight
//! list item ends the text before it with a line break.

use super::source::PreparedBody;
use crate::options::PassthroughOptions;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// Placeholder marks (private-use characters no text has reason to hold): inline
/// `\u{F0000}N\u{F0001}`, block `\u{F0002}N\u{F0003}`.
const INLINE_OPEN: char = '\u{F0000}';
const INLINE_CLOSE: char = '\u{F0001}';
const BLOCK_OPEN: char = '\u{F0002}';
const BLOCK_CLOSE: char = '\u{F0003}';

/// One passthrough: as written (delimiters included), what is between its delimiters, and
/// whether its delimiters are block delimiters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passthrough {
    pub raw: String,
    pub inner: String,
    pub block: bool,
    /// Where it is in the prepared text (for the hook's `.Position`).
    pub start: usize,
}

/// `text` without its inline placeholders: a passthrough has no text of its own in goldmark's
/// tree (no child nodes), so a heading's id and `.PlainText` leave it out (Hugo 0.168:
/// `## $x$ in headings` has the id `in-headings`).
pub fn without_placeholders(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(INLINE_OPEN) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(INLINE_OPEN) {
        out.push_str(&rest[..open]);
        let after = &rest[open + INLINE_OPEN.len_utf8()..];
        match after.find(INLINE_CLOSE) {
            Some(close) if after[..close].bytes().all(|b| b.is_ascii_digit()) => {
                rest = &after[close + INLINE_CLOSE.len_utf8()..];
            }
            _ => {
                out.push(INLINE_OPEN);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// The body with its passthroughs replaced by placeholders, or `None` when it has none.
pub fn protect(
    body: &PreparedBody,
    config: &PassthroughOptions,
    options: Options,
) -> Option<(PreparedBody, Vec<Passthrough>)> {
    if !config.enable {
        return None;
    }
    // Phase 1 of the extension: every delimiter pair is tried as inline, block pairs first.
    let pairs: Vec<(&str, &str, bool)> = config
        .delimiters
        .block
        .iter()
        .map(|[open, close]| (open.as_str(), close.as_str(), true))
        .chain(
            config
                .delimiters
                .inline
                .iter()
                .map(|[open, close]| (open.as_str(), close.as_str(), false)),
        )
        .filter(|(open, close, _)| !open.is_empty() && !close.is_empty())
        .collect();
    let text = &body.text;
    if !pairs.iter().any(|(open, _, _)| text.contains(open)) {
        return None;
    }
    let (runs, opaque) = inline_runs(text, options);
    let mut found: Vec<(Range<usize>, Passthrough)> = Vec::new();
    let mut opaque = opaque.into_iter().peekable();
    for run in runs {
        let mut at = run.start;
        // Per delimiter pair: a search for its closer from here on already failed, so every
        // later one in this run fails too (keeps a paragraph of unclosed openers linear).
        let mut unclosed_from: Vec<Option<usize>> = vec![None; pairs.len()];
        while at < run.end {
            // Skip what inline parsing consumed as a whole before this point.
            while opaque.peek().is_some_and(|o| o.end <= at) {
                opaque.next();
            }
            if let Some(o) = opaque.peek() {
                if o.start <= at {
                    at = o.end;
                    continue;
                }
            }
            let rest = &text[at..run.end];
            let Some(c) = rest.chars().next() else { break };
            if c == '\\' {
                // `\\(`: an escaped opener stays text; `\x`: an escape.
                let after = &rest[1..];
                if after.starts_with('\\') {
                    at += 2;
                    continue;
                }
                if !pairs.iter().any(|(open, _, _)| rest.starts_with(open)) {
                    at += 1 + after.chars().next().map_or(0, char::len_utf8);
                    continue;
                }
            }
            let Some((pair, &(open, close, block))) = pairs
                .iter()
                .enumerate()
                .find(|(_, (open, _, _))| rest.starts_with(open))
            else {
                at += c.len_utf8();
                continue;
            };
            let inner_start = at + open.len();
            let closer = match unclosed_from[pair] {
                Some(from) if from <= inner_start => None,
                _ => {
                    let found = text[inner_start..run.end].find(close);
                    if found.is_none() {
                        unclosed_from[pair] = Some(inner_start);
                    }
                    found
                }
            };
            match closer {
                Some(offset) if offset > 0 => {
                    let end = inner_start + offset + close.len();
                    found.push((
                        at..end,
                        Passthrough {
                            raw: text[at..end].to_owned(),
                            inner: text[inner_start..inner_start + offset].to_owned(),
                            block,
                            start: at,
                        },
                    ));
                    at = end;
                }
                // Unclosed (or empty): the opener is text.
                _ => at += open.len(),
            }
        }
    }
    if found.is_empty() {
        return None;
    }
    let replacements: Vec<(Range<usize>, String)> = found
        .iter()
        .enumerate()
        .map(|(index, (range, passthrough))| {
            let (open, close) = if passthrough.block {
                (BLOCK_OPEN, BLOCK_CLOSE)
            } else {
                (INLINE_OPEN, INLINE_CLOSE)
            };
            (range.clone(), format!("{open}{index}{close}"))
        })
        .collect();
    let protected = body.with_replacements(&replacements);
    Some((protected, found.into_iter().map(|(_, p)| p).collect()))
}

/// The stretches of inline content (a paragraph's, a heading's, a cell's, a tight item's
/// text), and within them what inline parsing takes whole (code spans, autolinks, raw HTML),
/// both in text order.
fn inline_runs(text: &str, options: Options) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let mut runs: Vec<Range<usize>> = Vec::new();
    let mut opaque = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut link_depth = 0usize;
    let close = |current: &mut Option<Range<usize>>, runs: &mut Vec<Range<usize>>| {
        if let Some(run) = current.take() {
            runs.push(run);
        }
    };
    // Inside a code block or an HTML block: text that is not inline content.
    let mut in_block_text = false;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match &event {
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)) => {
                in_block_text = true;
            }
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)) => {
                in_block_text = false;
            }
            _ => {}
        }
        let inline = !in_block_text
            && match &event {
            Event::Text(_)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::FootnoteReference(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => true,
            Event::Code(_) | Event::InlineHtml(_) => {
                opaque.push(range.clone());
                true
            }
            Event::Start(Tag::Link { link_type, .. }) => {
                if matches!(
                    link_type,
                    pulldown_cmark::LinkType::Autolink | pulldown_cmark::LinkType::Email
                ) {
                    opaque.push(range.clone());
                }
                link_depth += 1;
                true
            }
            Event::End(TagEnd::Link) => {
                link_depth = link_depth.saturating_sub(1);
                true
            }
            Event::Start(
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Image { .. },
            )
            | Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Image,
            ) => true,
            _ => false,
        };
        if inline {
            // An escaped character's text starts after its backslash.
            let start = if range.start > 0 && text.as_bytes()[range.start - 1] == b'\\' {
                range.start - 1
            } else {
                range.start
            };
            current = Some(match current.take() {
                Some(run) => run.start..range.end.max(run.end),
                None => start..range.end,
            });
        } else {
            close(&mut current, &mut runs);
        }
    }
    close(&mut current, &mut runs);
    // Already in text order: events come in the order they start.
    (runs, opaque)
}

/// `html` with each placeholder replaced by what its passthrough becomes: `render(index)`
/// gives the hook's output, or `None` for the text as written. A block splits the paragraph
/// it is in.
pub fn restore(
    html: &str,
    passthroughs: &[Passthrough],
    render: &mut dyn FnMut(usize) -> Option<String>,
) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find([INLINE_OPEN, BLOCK_OPEN]) {
        let mark = rest[at..].chars().next().unwrap_or(INLINE_OPEN);
        let close = if mark == BLOCK_OPEN {
            BLOCK_CLOSE
        } else {
            INLINE_CLOSE
        };
        let digits_start = at + mark.len_utf8();
        let Some(digits_len) = rest[digits_start..].find(close) else {
            break;
        };
        let index: Option<usize> = rest[digits_start..digits_start + digits_len].parse().ok();
        let after = digits_start + digits_len + close.len_utf8();
        let Some(passthrough) = index.and_then(|i| passthroughs.get(i).map(|p| (i, p))) else {
            out.push_str(&rest[..after]);
            rest = &rest[after..];
            continue;
        };
        let (index, passthrough) = passthrough;
        let output = render(index).unwrap_or_else(|| passthrough.raw.clone());
        if !passthrough.block {
            out.push_str(&rest[..at]);
            out.push_str(&output);
            rest = &rest[after..];
            continue;
        }
        // A block: the paragraph it is in ends before it and starts again after it.
        out.push_str(&rest[..at]);
        let in_paragraph = open_paragraph(&out);
        match in_paragraph {
            Some(p_start) => {
                let before = &out[p_start..];
                let tag_end = before.find('>').map_or(0, |i| i + 1);
                if before[tag_end..].is_empty() {
                    // Nothing before it: the paragraph is not written.
                    out.truncate(p_start);
                } else {
                    out.push_str("</p>\n");
                }
                out.push_str(&output);
                rest = &rest[after..];
                // What follows, up to the paragraph's end, is a paragraph of its own.
                let end = rest.find("</p>").unwrap_or(rest.len());
                if rest[..end].is_empty() {
                    rest = rest[end..].strip_prefix("</p>").unwrap_or(&rest[end..]);
                    rest = rest.strip_prefix('\n').unwrap_or(rest);
                } else {
                    out.push_str("<p>");
                }
            }
            None => {
                // A tight list item's text: trimmed, then a line break before the block.
                let trimmed = out.trim_end_matches([' ', '\t']).len();
                out.truncate(trimmed);
                if !out.ends_with('>') && !out.ends_with('\n') {
                    out.push('\n');
                }
                out.push_str(&output);
                rest = rest[after..].trim_start_matches([' ', '\t']);
            }
        }
    }
    out.push_str(rest);
    out
}

/// Where the paragraph `out` ends inside starts (its `<p` tag), when it is still open.
fn open_paragraph(out: &str) -> Option<usize> {
    let open = out
        .rmatch_indices("<p")
        .find(|(at, _)| matches!(out.as_bytes().get(at + 2), Some(b'>' | b' ')))?
        .0;
    (!out[open..].contains("</p>")).then_some(open)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::{PassthroughDelimiters, PassthroughOptions};

    fn config() -> PassthroughOptions {
        PassthroughOptions {
            enable: true,
            delimiters: PassthroughDelimiters {
                block: vec![["\\[".into(), "\\]".into()], ["$$".into(), "$$".into()]],
                inline: vec![["\\(".into(), "\\)".into()], ["$".into(), "$".into()]],
            },
        }
    }

    fn found(text: &str) -> Vec<(String, bool)> {
        let body = PreparedBody::from_body(text);
        protect(&body, &config(), Options::empty())
            .map(|(_, list)| list.into_iter().map(|p| (p.raw, p.block)).collect())
            .unwrap_or_default()
    }

    #[test]
    fn finds_passthroughs_where_goldmark_does() {
        assert_eq!(
            found("a \\(x*y*\\) b $z$ `$c$` \\$5 $$w$$"),
            [
                ("\\(x*y*\\)".to_owned(), false),
                ("$z$".to_owned(), false),
                ("$$w$$".to_owned(), true)
            ]
        );
        assert_eq!(found("$$\nE = mc^2\n$$\n"), [("$$\nE = mc^2\n$$".to_owned(), true)]);
        assert!(found("unclosed $ and \\( here\n\nnext $").is_empty());
        assert!(found("```\n$$x$$\n```\n").is_empty());
        assert!(found("\\\\(x\\)").is_empty());
    }

    #[test]
    fn unclosed_openers_take_linear_time() {
        // 200,000 openers without a closer: quadratic work would be 4·10^10 byte
        // comparisons (minutes); each pair's failed search is remembered instead.
        let text = "\\( ".repeat(200_000);
        assert!(found(&text).is_empty());
    }

    #[test]
    fn a_block_splits_its_paragraph() {
        let list = vec![Passthrough {
            raw: "$$x$$".into(),
            inner: "x".into(),
            block: true,
            start: 0,
        }];
        let html = format!("<p>before {BLOCK_OPEN}0{BLOCK_CLOSE} after.</p>\n<p>x</p>\n");
        assert_eq!(
            restore(&html, &list, &mut |_| None),
            "<p>before </p>\n$$x$$<p> after.</p>\n<p>x</p>\n"
        );
        let alone = format!("<p>{BLOCK_OPEN}0{BLOCK_CLOSE}</p>\n<p>x</p>\n");
        assert_eq!(restore(&alone, &list, &mut |_| None), "$$x$$<p>x</p>\n");
        let item = format!("<li>item {BLOCK_OPEN}0{BLOCK_CLOSE} end</li>");
        assert_eq!(restore(&item, &list, &mut |_| None), "<li>item\n$$x$$end</li>");
    }
}
