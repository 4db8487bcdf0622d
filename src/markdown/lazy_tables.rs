//! Tables whose rows are lazy continuation lines of a paragraph in a list item or a quote.
//!
//! In: the prepared text. Out: the same text with the container prefix (`> `, the list item's
//! indent) put before each lazy line of such a paragraph, or `None` when nothing changes.
//!
//! goldmark's table extension is a paragraph transformer (`extension/table.go`): it looks for
//! the delimiter row among the lines of a finished paragraph, whichever container each line
//! reached it through, so `1. one\n| a |\n| -- |` is a list item holding `one` and a table,
//! and `> quote\n| a |\n| -- |` a quote holding both (Hugo 0.168). pulldown-cmark
//! (`firstpass.rs`) looks for a table only on lines that continue their containers, so there
//! those lines stay text of the paragraph. Given the prefix, pulldown-cmark reads them as
//! goldmark does; the paragraph's text is the same either way (continuation lines lose
//! their leading blanks), so only paragraphs with a delimiter-like line are touched.

use pulldown_cmark::{Event, Options, Parser, Tag};

use super::source::PreparedBody;
use super::table_lists::{is_block, is_block_end};

/// How many times the text is parsed again: a table found in one pass can end a paragraph
/// whose rest holds another. Each pass parses the whole text, so this bounds the work.
const MAX_PASSES: usize = 4;

/// One container's part of a line's prefix, as the paragraph's first line shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// A block quote's `>` (and the space after it).
    Quote,
    /// A list item's content indent, or blanks before the paragraph.
    Blanks(usize),
}

/// The body with the lazy lines of paragraphs that hold a table given their containers'
/// prefix, or `None` when there are none.
pub fn unlazy_tables(body: &PreparedBody, options: Options) -> Option<PreparedBody> {
    if !options.contains(Options::ENABLE_TABLES) || !body.text.lines().any(is_delimiter_like) {
        return None;
    }
    let mut current: Option<PreparedBody> = None;
    for _ in 0..MAX_PASSES {
        let text = current.as_ref().map_or(&body.text, |b| &b.text);
        let insertions = lazy_prefixes(text, options);
        if insertions.is_empty() {
            break;
        }
        let each: Vec<(usize, &str)> = insertions.iter().map(|(at, s)| (*at, s.as_str())).collect();
        let next = current.as_ref().unwrap_or(body).with_insertions_of(&each);
        current = Some(next);
    }
    current
}

/// Where each lazy line of a paragraph with a delimiter-like line (in a list item or quote)
/// needs which prefix, in text order.
fn lazy_prefixes(text: &str, options: Options) -> Vec<(usize, String)> {
    let mut insertions = Vec::new();
    // The open blocks; `true` for a list, a list item or a quote, the containers handled
    // here.
    let mut blocks: Vec<bool> = Vec::new();
    // A tight list item's paragraph has no events of its own: its inline events' extent.
    let mut tight: Option<(usize, usize)> = None;
    let handled = |blocks: &[bool]| !blocks.is_empty() && blocks.iter().all(|&b| b);
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        let block_start = match &event {
            Event::Start(tag) => is_block(tag)
                .then_some(matches!(tag, Tag::List(_) | Tag::Item | Tag::BlockQuote(_))),
            _ => None,
        };
        let block_end = matches!(&event, Event::End(tag) if is_block_end(*tag));
        if block_start.is_some() || block_end || matches!(event, Event::Rule) {
            if let Some((start, end)) = tight.take() {
                paragraph_prefixes(text, start, end, &mut insertions);
            }
        }
        match event {
            Event::Start(Tag::Paragraph) if handled(&blocks) => {
                paragraph_prefixes(text, range.start, range.end, &mut insertions);
            }
            _ if block_start.is_some() => {}
            _ if block_end => {}
            Event::TaskListMarker(_) | Event::Rule => {}
            // Inline content straight in a list item: a tight item's paragraph.
            _ if blocks.last() == Some(&true) && handled(&blocks) => {
                let (start, end) = tight.get_or_insert((range.start, range.end));
                *end = (*end).max(range.end);
                *start = (*start).min(range.start);
            }
            _ => {}
        }
        if let Some(container) = block_start {
            blocks.push(container);
        } else if block_end {
            blocks.pop();
        }
    }
    insertions
}

/// The insertions for the paragraph at `start..end`, if it has a lazy line and a
/// delimiter-like line after its first.
fn paragraph_prefixes(text: &str, start: usize, end: usize, out: &mut Vec<(usize, String)>) {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let Some(parts) = prefix_parts(&text[line_start..start]) else {
        return;
    };
    let mut found = Vec::new();
    let mut delimiter = false;
    let mut at = match text[start..end].find('\n') {
        Some(i) => start + i + 1,
        None => return,
    };
    while at < end {
        let line_end = text[at..end].find('\n').map_or(end, |i| at + i);
        let (content, missing) = match_prefix(text, at, line_end, &parts);
        delimiter |= is_delimiter_like(&text[content..line_end]);
        if let Some(missing) = missing {
            found.push((content, missing));
        }
        at = line_end + 1;
    }
    if delimiter {
        out.extend(found);
    }
}

/// The parts of a paragraph's first-line prefix: `>`s, and blanks with list markers counted
/// as blanks of their width. `None` when it has a tab (columns would need the tab stops).
fn prefix_parts(prefix: &str) -> Option<Vec<Part>> {
    let mut parts = Vec::new();
    let bytes = prefix.as_bytes();
    let mut i = 0;
    let mut blanks = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => {
                if blanks > 0 {
                    parts.push(Part::Blanks(blanks));
                    blanks = 0;
                }
                parts.push(Part::Quote);
                i += 1;
                if bytes.get(i) == Some(&b' ') {
                    i += 1;
                }
            }
            b' ' | b'-' | b'+' | b'*' | b'.' | b')' | b'0'..=b'9' => {
                blanks += 1;
                i += 1;
            }
            _ => return None,
        }
    }
    if blanks > 0 {
        parts.push(Part::Blanks(blanks));
    }
    Some(parts)
}

/// Walks the line at `at..line_end` through `parts`: where its content starts, and the
/// prefix it lacks there when it is a lazy line.
fn match_prefix(text: &str, at: usize, line_end: usize, parts: &[Part]) -> (usize, Option<String>) {
    let bytes = &text.as_bytes()[..line_end];
    let mut pos = at;
    for (k, part) in parts.iter().enumerate() {
        match *part {
            Part::Quote => {
                let blanks = bytes[pos..]
                    .iter()
                    .take(3)
                    .take_while(|&&b| b == b' ')
                    .count();
                if bytes.get(pos + blanks) == Some(&b'>') {
                    pos += blanks + 1;
                    if bytes.get(pos) == Some(&b' ') {
                        pos += 1;
                    }
                } else {
                    return (pos, Some(render_parts(0, &parts[k..])));
                }
            }
            Part::Blanks(n) => {
                let have = bytes[pos..]
                    .iter()
                    .take(n)
                    .take_while(|&&b| b == b' ')
                    .count();
                if have < n {
                    return (pos, Some(render_parts(n - have, &parts[k + 1..])));
                }
                pos += n;
            }
        }
    }
    (pos, None)
}

/// `blanks` spaces, then the text of `parts`.
fn render_parts(blanks: usize, parts: &[Part]) -> String {
    let mut out = " ".repeat(blanks);
    for part in parts {
        match part {
            Part::Quote => out.push_str("> "),
            Part::Blanks(n) => out.push_str(&" ".repeat(*n)),
        }
    }
    out
}

/// Whether a line, past its containers' prefixes, could be a table's delimiter row: pipes,
/// dashes, colons and blanks, with a pipe and a dash.
fn is_delimiter_like(line: &str) -> bool {
    let line = line.trim_start_matches([' ', '>']).trim_end_matches('\r');
    line.contains('|')
        && line.contains('-')
        && line
            .bytes()
            .all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(text: &str) -> Option<String> {
        unlazy_tables(&PreparedBody::from_body(text), Options::ENABLE_TABLES).map(|b| b.text)
    }

    #[test]
    fn lazy_table_lines_get_their_containers_prefix() {
        assert_eq!(
            fixed("1. one\n| a |\n| -- |\n").as_deref(),
            Some("1. one\n   | a |\n   | -- |\n")
        );
        assert_eq!(
            fixed("> quote\n| a |\n| -- |\n| b |\n").as_deref(),
            Some("> quote\n> | a |\n> | -- |\n> | b |\n")
        );
        // Only the missing part: the quote's `>` is there, the item's indent is not.
        assert_eq!(
            fixed("> - a\n> | x |\n| -- |\n").as_deref(),
            Some("> - a\n>   | x |\n>   | -- |\n")
        );
        // A line that continues its containers is left as it is.
        assert_eq!(
            fixed("- a\n  | x |\n| -- |\n").as_deref(),
            Some("- a\n  | x |\n  | -- |\n")
        );
    }

    #[test]
    fn leaves_other_paragraphs_alone() {
        assert_eq!(fixed("- a\n  | x |\n  | -- |\n"), None);
        assert_eq!(fixed("- a\nlazy\n\n| x |\n| -- |\n"), None);
        assert_eq!(fixed("Para\n| x |\n| -- |\n"), None);
        assert_eq!(fixed("- a\nb | c\n"), None);
    }
}
