//! goldmark's CJK extension (`markup.goldmark.extensions.cjk`, goldmark `extension/cjk.go`),
//! off by default as in Hugo.
//!
//! `eastAsianLineBreaks`: goldmark's `renderText` leaves out the newline of a soft line break
//! between East Asian wide characters (`simple`), or as CSS Text 3's segment break rules say
//! (`css3draft`). In: the events; out: the same with such breaks as [`Piece::JoinedBreak`].
//! As goldmark decides it: the text node carrying the break is the line's text after the last
//! inline node or trigger character, trimmed; when it is empty (the line ends with markup or
//! a delimiter run, a space under linkify, a typographer replacement) the newline stays; otherwise it stays only
//! if the next node is a text and the two characters around the break call for it (a next
//! line starting with markup joins).
//!
//! `escapedSpace`: a backslash before a space is not written ([`ESCAPED_SPACE`]), so that
//! emphasis can stand between CJK characters (`太郎は\ **「こんにちわ」**\ と言った`).

use super::extras::Piece;
use crate::options::GoldmarkOptions;
use crate::rules::unicode::{is_east_asian_wide, is_hangul, is_unicode_punct};
use pulldown_cmark::Event;

/// Stands for the backslash of an escaped space (`\ `) in the HTML while a run is written:
/// the heading id, `.PlainText` and the table of contents keep the backslash (Hugo's are not
/// written through goldmark's text writer), the content and `.Text` drop it with its space.
pub const ESCAPED_SPACE: char = '\u{F0004}';

/// The events with the soft breaks goldmark does not write marked.
pub fn join_lines<'a>(
    source: &str,
    pieces: Vec<Piece<'a>>,
    options: &GoldmarkOptions,
) -> Vec<Piece<'a>> {
    let cjk = &options.cjk;
    if !cjk.enable || !cjk.east_asian_line_breaks || options.hard_wraps {
        return pieces;
    }
    let css3draft = cjk.east_asian_line_breaks_style == "css3draft";
    let mut joined = vec![false; pieces.len()];
    for (index, piece) in pieces.iter().enumerate() {
        let Piece::Event(Event::SoftBreak, range) = piece else {
            continue;
        };
        let (Some(Piece::Event(Event::Text(_), before)), Some(next)) = (
            index.checked_sub(1).and_then(|i| pieces.get(i)),
            pieces.get(index + 1),
        ) else {
            continue;
        };
        let Some(last) = last_text_char(source, before.end, range.start, options) else {
            continue;
        };
        // goldmark writes nothing when the next node is not a text.
        let first = match next {
            Piece::Event(Event::Text(_), next) => first_text_char(source, next.start, options),
            _ => None,
        };
        joined[index] = match first {
            Some(first) => !soft_break_written(css3draft, last, first),
            None => true,
        };
    }
    pieces
        .into_iter()
        .zip(joined)
        .map(|(piece, joined)| if joined { Piece::JoinedBreak } else { piece })
        .collect()
}

/// The last character of goldmark's text node that carries the break, when it is not empty:
/// the line as typed up to the break, a text ending at `text_end`.
fn last_text_char(
    source: &str,
    text_end: usize,
    break_start: usize,
    options: &GoldmarkOptions,
) -> Option<char> {
    let line_end = source
        .get(break_start..)?
        .find('\n')
        .map_or(source.len(), |at| break_start + at);
    let line = source.get(..line_end)?.trim_end_matches('\r');
    let content = line.trim_end_matches([' ', '\t']);
    // A space or tab is linkify's trigger: the node starts there and is empty once trimmed.
    if (options.linkify && content.len() < line.len()) || text_end < content.len() {
        return None;
    }
    if super::extras::ends_with_delimiter(content, options) {
        return None;
    }
    let last = content.chars().next_back()?;
    // A typographer replacement is a node of its own.
    let replaced = options.typographer
        && (matches!(last, '"' | '\'')
            || ["--", "...", "<<", ">>"]
                .iter()
                .any(|r| content.ends_with(r)));
    (!replaced).then_some(last)
}

/// The first character of the next line's text, unless goldmark starts it with a node.
fn first_text_char(source: &str, start: usize, options: &GoldmarkOptions) -> Option<char> {
    let text = source.get(start..)?;
    let first = text.chars().next()?;
    let replaced = options.typographer
        && (matches!(first, '"' | '\'')
            || ["--", "...", "<<", ">>"]
                .iter()
                .any(|r| text.starts_with(r)));
    let link = options.linkify
        && super::linkify::find_links(text.lines().next().unwrap_or(""), None, "https")
            .first()
            .is_some_and(|link| link.range.start == 0);
    (!replaced && !link).then_some(first)
}

/// goldmark `EastAsianLineBreaks.softLineBreak`: whether the newline is written.
fn soft_break_written(css3draft: bool, last: char, first: char) -> bool {
    if !css3draft {
        return !(is_east_asian_wide(last) && is_east_asian_wide(first));
    }
    // `eastAsianLineBreaksCSS3DraftSoftLineBreak`, rule by rule.
    if last == '\u{200B}' || first == '\u{200B}' {
        return false;
    }
    if is_full_half_or_wide(last) && is_full_half_or_wide(first) {
        return is_hangul(last) || is_hangul(first);
    }
    let discards = |c: char| is_space_discarding(c) || is_unicode_punct(c) || c == '\u{3000}';
    !(discards(last) || discards(first))
}

/// goldmark `util.EastAsianWidth` is `F`, `W` or `H` (its own table, UAX #11 revision 36).
fn is_full_half_or_wide(c: char) -> bool {
    // Its F, H and W ranges, merged.
    const RANGES: &[(u32, u32)] = &[
        (0x1100, 0x115F),
        (0x11A3, 0x11A7),
        (0x11FA, 0x11FF),
        (0x20A9, 0x20A9),
        (0x2329, 0x232A),
        (0x2E80, 0x2E99),
        (0x2E9B, 0x2EF3),
        (0x2F00, 0x2FD5),
        (0x2FF0, 0x2FFB),
        (0x3000, 0x303E),
        (0x3041, 0x3096),
        (0x3099, 0x30FF),
        (0x3105, 0x312D),
        (0x3131, 0x318E),
        (0x3190, 0x31BA),
        (0x31C0, 0x31E3),
        (0x31F0, 0x321E),
        (0x3220, 0x3247),
        (0x3250, 0x32FE),
        (0x3300, 0x4DBF),
        (0x4E00, 0xA48C),
        (0xA490, 0xA4C6),
        (0xA960, 0xA97C),
        (0xAC00, 0xD7A3),
        (0xD7B0, 0xD7C6),
        (0xD7CB, 0xD7FB),
        (0xF900, 0xFAFF),
        (0xFE10, 0xFE19),
        (0xFE30, 0xFE52),
        (0xFE54, 0xFE66),
        (0xFE68, 0xFE6B),
        (0xFF01, 0xFFBE),
        (0xFFC2, 0xFFC7),
        (0xFFCA, 0xFFCF),
        (0xFFD2, 0xFFD7),
        (0xFFDA, 0xFFDC),
        (0xFFE0, 0xFFE6),
        (0xFFE8, 0xFFEE),
        (0x1B000, 0x1B001),
        (0x1F200, 0x1F202),
        (0x1F210, 0x1F23A),
        (0x1F240, 0x1F248),
        (0x1F250, 0x1F251),
        (0x20000, 0x2FFFD),
        (0x30000, 0x3FFFD),
    ];
    let code = u32::from(c);
    RANGES
        .iter()
        .any(|&(low, high)| low <= code && code <= high)
}

/// goldmark `util.IsSpaceDiscardingUnicodeRune`: CSS Text 3's space-discarding set, as
/// Unicode blocks.
fn is_space_discarding(c: char) -> bool {
    const BLOCKS: &[(u32, u32)] = &[
        (0x2E80, 0x2FDF),
        (0x2FF0, 0x30FF),
        (0x3130, 0x319F),
        (0x31C0, 0x31FF),
        (0x3300, 0x4DBF),
        (0x4E00, 0x9FFF),
        (0xA000, 0xA4CF),
        (0xF900, 0xFAFF),
        (0xFE10, 0xFE1F),
        (0xFE30, 0xFE6F),
        (0xFF00, 0xFFEF),
        (0x1B000, 0x1B16F),
        (0x20000, 0x2A6DF),
        (0x2A700, 0x2EBEF),
        (0x2F800, 0x2FA1F),
        (0x30000, 0x3134F),
    ];
    let code = u32::from(c);
    BLOCKS
        .iter()
        .any(|&(low, high)| low <= code && code <= high)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_style_joins_wide_characters_only() {
        assert!(!soft_break_written(false, '本', '語'));
        assert!(!soft_break_written(false, '한', '국'));
        assert!(soft_break_written(false, '本', 'e'));
        assert!(soft_break_written(false, 'e', '本'));
    }

    #[test]
    fn css3draft_keeps_hangul_and_latin_breaks_and_joins_at_punctuation() {
        assert!(!soft_break_written(true, '本', '語'));
        assert!(soft_break_written(true, '한', '국'));
        assert!(!soft_break_written(true, '本', 'e'));
        assert!(soft_break_written(true, 'a', 'b'));
        assert!(!soft_break_written(true, 'a', '&'));
        assert!(!soft_break_written(true, 'a', '\u{200B}'));
    }
}
