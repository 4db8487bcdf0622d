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
    if !options.contains(Options::ENABLE_TABLES) || !has_candidate(&body.text) {
        return None;
    }
    let mut current: Option<PreparedBody> = None;
    // What may be inserted in all: as much as the text. Deeply nested quotes could otherwise
    // give each of many lazy lines a long prefix (quadratic output).
    let mut budget = body.text.len();
    for _ in 0..MAX_PASSES {
        let text = current.as_ref().map_or(&body.text, |b| &b.text);
        let Some(insertions) = lazy_prefixes(text, options, &mut budget) else {
            break;
        };
        if insertions.is_empty() {
            break;
        }
        let each: Vec<(usize, &str)> = insertions.iter().map(|(at, s)| (*at, s.as_str())).collect();
        let next = current.as_ref().unwrap_or(body).with_insertions_of(&each);
        current = Some(next);
    }
    current
}

/// Whether some delimiter-like line has a header line before it that is not a paragraph's
/// first line (a non-blank line comes before it): the cheap test that keeps the usual page,
/// whose tables follow a blank line, from a second parse.
fn has_candidate(text: &str) -> bool {
    let mut before = [true, true]; // whether the two lines before the current one are blank
    for line in text.lines() {
        if is_delimiter_like(line) && !before[0] {
            return true;
        }
        before = [
            before[1],
            line.trim_start_matches([' ', '\t', '>'])
                .trim_end()
                .is_empty(),
        ];
    }
    false
}

/// Where each lazy line of a paragraph with a delimiter-like line (in a list item or quote)
/// needs which prefix, in text order; `None` when that is more than `budget` bytes (what
/// is found is taken from it).
fn lazy_prefixes(text: &str, options: Options, budget: &mut usize) -> Option<Vec<(usize, String)>> {
    let mut insertions = Vec::new();
    // The open blocks; `true` for a list, a list item or a quote, the containers handled
    // here.
    let mut blocks: Vec<bool> = Vec::new();
    // A tight list item's paragraph has no events of its own: its inline events' extent.
    let mut tight: Option<(usize, usize)> = None;
    // How many open blocks are not lists or quotes: paragraphs elsewhere are left alone.
    let mut others = 0usize;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        let block_start = match &event {
            Event::Start(tag) => is_block(tag)
                .then_some(matches!(tag, Tag::List(_) | Tag::Item | Tag::BlockQuote(_))),
            _ => None,
        };
        let block_end = matches!(&event, Event::End(tag) if is_block_end(*tag));
        if block_start.is_some() || block_end || matches!(event, Event::Rule) {
            if let Some((start, end)) = tight.take() {
                paragraph_prefixes(text, start..end, &mut insertions, budget)?;
            }
        }
        match event {
            Event::Start(Tag::Paragraph) if others == 0 => {
                paragraph_prefixes(text, range, &mut insertions, budget)?;
            }
            _ if block_start.is_some() => {}
            _ if block_end => {}
            Event::TaskListMarker(_) | Event::Rule => {}
            // Inline content straight in a list item: a tight item's paragraph.
            _ if blocks.last() == Some(&true) && others == 0 => {
                let (start, end) = tight.get_or_insert((range.start, range.end));
                *end = (*end).max(range.end);
                *start = (*start).min(range.start);
            }
            _ => {}
        }
        if let Some(container) = block_start {
            blocks.push(container);
            others += usize::from(!container);
        } else if block_end && blocks.pop() == Some(false) {
            others -= 1;
        }
    }
    Some(insertions)
}

/// The insertions for the paragraph at `start..end`: when a line after its first is
/// delimiter-like, the prefix each lazy line lacks, and a leading `|` for a header row that is
/// not the paragraph's first line.
/// `None` when they would be more than `budget` bytes.
fn paragraph_prefixes(
    text: &str,
    range: std::ops::Range<usize>,
    out: &mut Vec<(usize, String)>,
    budget: &mut usize,
) -> Option<()> {
    let (start, end) = (range.start, range.end);
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let Some(parts) = prefix_parts(&text[line_start..start]) else {
        return Some(());
    };
    // Each line: where its content starts, where it ends, the prefix it lacks.
    let mut lines: Vec<(usize, usize, Option<String>)> = Vec::new();
    let mut at = start;
    while at < end {
        let line_end = text[at..end].find('\n').map_or(end, |i| at + i);
        let (content, missing) = if lines.is_empty() {
            (start, None)
        } else {
            match_prefix(text, at, line_end, &parts)
        };
        let cost = missing.as_ref().map_or(0, |m| m.len() + 2);
        *budget = budget.checked_sub(cost)?;
        lines.push((content, line_end, missing));
        at = line_end + 1;
    }
    let Some(delimiter) = (1..lines.len()).find(|&i| {
        let (content, line_end, _) = lines[i];
        is_delimiter_like(&text[content..line_end])
    }) else {
        return Some(());
    };
    // pulldown-cmark lets a table interrupt a paragraph only when its header row starts with
    // `|` (`scan_paragraph_interrupt`); goldmark takes any. A leading pipe adds no cell.
    let header = delimiter - 1;
    if header > 0 {
        let (content, line_end, _) = lines[header];
        let (d_content, d_end, _) = lines[delimiter];
        let row = &text[content..line_end];
        let delimiter_row = &text[d_content..d_end];
        if !row.starts_with('|')
            && is_delimiter_row(delimiter_row)
            && cells(row) == cells(delimiter_row)
        {
            let missing = lines[header].2.get_or_insert_with(String::new);
            missing.push_str("| ");
        }
    }
    out.extend(
        lines
            .into_iter()
            .filter_map(|(content, _, missing)| Some((content, missing?))),
    );
    Some(())
}

/// How many cells a table row has: its unescaped pipes split it, and a pipe at either end
/// opens or closes it rather than adding a cell.
pub(super) fn cells(row: &str) -> usize {
    let row = row.trim_matches([' ', '\t', '\r']);
    let mut pipes: usize = 0;
    let mut escaped = false;
    for b in row.bytes() {
        match b {
            b'\\' => {
                escaped = !escaped;
                continue;
            }
            b'|' if !escaped => pipes += 1,
            _ => {}
        }
        escaped = false;
    }
    let mut n = pipes + 1;
    if row.starts_with('|') {
        n -= 1;
    }
    if row.ends_with('|') && !row.ends_with("\\|") {
        n = n.saturating_sub(1);
    }
    n
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

/// Whether a line is a table's delimiter row as goldmark's `parseDelimiter` reads it: cells
/// split at `|` (a blank first and last one dropped), each `:?-+:?` between blanks.
pub(super) fn is_delimiter_row(line: &str) -> bool {
    if !is_delimiter_like(line) {
        return false;
    }
    let mut cells: Vec<&str> = line.trim_end_matches('\r').split('|').collect();
    if cells.first().is_some_and(|c| c.trim().is_empty()) {
        cells.remove(0);
    }
    if cells.last().is_some_and(|c| c.trim().is_empty()) {
        cells.pop();
    }
    !cells.is_empty()
        && cells.iter().all(|cell| {
            let cell = cell.trim_matches([' ', '\t']);
            let dashes = cell.strip_prefix(':').unwrap_or(cell);
            let dashes = dashes.strip_suffix(':').unwrap_or(dashes);
            !dashes.is_empty() && dashes.bytes().all(|b| b == b'-')
        })
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
    fn a_header_row_after_a_paragraphs_first_line_gets_a_leading_pipe() {
        assert_eq!(
            fixed("Para\nh1 | h2\n-- | --\n").as_deref(),
            Some("Para\n| h1 | h2\n-- | --\n")
        );
        assert_eq!(
            fixed("+ a\nh1 | h2\n-- | --\n").as_deref(),
            Some("+ a\n  | h1 | h2\n  -- | --\n")
        );
        // goldmark wants as many header cells as delimiter cells.
        assert_eq!(fixed("Para\nh1 | h2 | h3\n-- | --\n"), None);
        assert_eq!(
            fixed("Para\nh1 \\| x | h2\n-- | --\n").as_deref(),
            Some("Para\n| h1 \\| x | h2\n-- | --\n")
        );
        // Not a delimiter row for goldmark: no pipe goes in.
        assert_eq!(fixed("Para\nh1 | h2\n- - | --\n"), None);
        assert_eq!(fixed("Para\nh1 | h2\n::-- | --\n"), None);
        // A paragraph's first line is pulldown-cmark's header without a pipe too.
        assert_eq!(fixed("\nh1 | h2\n-- | --\n"), None);
    }

    #[test]
    fn counts_cells_as_tables_do() {
        assert_eq!(cells("a | b"), 2);
        assert_eq!(cells("| a | b |"), 2);
        assert_eq!(cells("| a \\| b |"), 1);
        assert_eq!(cells("-- | --"), 2);
        assert_eq!(cells("|"), 0);
    }

    #[test]
    fn insertions_stay_within_the_texts_length() {
        // 2,000 quote levels and 2,000 lazy lines: every line would need a 4,000-byte prefix
        // (8 MB for a 10 KB text). The budget stops it; the text is read as pulldown-cmark
        // reads it.
        let text = format!("{}a\n{}| -- |\n", "> ".repeat(2000), "| x |\n".repeat(2000));
        let out = unlazy_tables(&PreparedBody::from_body(&text), Options::ENABLE_TABLES);
        assert!(out.map_or(0, |b| b.text.len()) <= 2 * text.len());
        // A few levels are within it.
        assert_eq!(
            fixed("> > a\n| x |\n| -- |\n").as_deref(),
            Some("> > a\n> > | x |\n> > | -- |\n")
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
