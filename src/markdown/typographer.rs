//! Goldmark's typographer (`extension/typographer.go`, unchanged in behaviour from goldmark
//! v1.5.4, Hugo 0.111.3, to v1.8.5): smart quotes, dashes, ellipses and guillemets as HTML
//! entities, with Hugo's default substitutions.
//!
//! In: a run of literal text, the source characters on either side of it, and (for exact
//! quotes across several runs) the document's open-quote counts. Out: the text HTML-escaped as
//! goldmark escapes text (`& < > "`), with the substitutions as entities.
//!
//! Goldmark runs the typographer as an inline parser at each `'`, `"`, `-`, `.`, `<` and `>`
//! that no other inline parser took. Each rule below names the goldmark check it copies; the
//! character classes are goldmark's (`util.IsPunct` on bytes, `util.IsPunctRune`) or Go's
//! (`unicode.IsPunct`, `unicode.IsLetter`), which differ, and the code says which one each
//! check uses.

use crate::rules::escape::push_goldmark as push_escaped;
use crate::rules::space::{is_go_space as is_space_rune, is_goldmark_space};
use crate::rules::unicode::{is_ascii_punct, is_digit, is_letter, is_punct_rune, is_unicode_punct};
use std::ops::Range;

const LEFT_SINGLE_QUOTE: &str = "&lsquo;";
const RIGHT_SINGLE_QUOTE: &str = "&rsquo;";
const LEFT_DOUBLE_QUOTE: &str = "&ldquo;";
const RIGHT_DOUBLE_QUOTE: &str = "&rdquo;";
const EN_DASH: &str = "&ndash;";
const EM_DASH: &str = "&mdash;";
const ELLIPSIS: &str = "&hellip;";
const LEFT_ANGLE_QUOTE: &str = "&laquo;";
const RIGHT_ANGLE_QUOTE: &str = "&raquo;";
const APOSTROPHE: &str = "&rsquo;";

/// Appends `text`, HTML-escaped, with typographer substitutions. `before` and `after` are the
/// characters next to `text` in the source (`None` at the edge of a line or block): goldmark
/// decides quotes from them.
///
/// Goldmark turns some quotes into closing quotes only while an opening one is pending (its
/// `unclosedCounter`). This function starts from no pending quotes, which is exact when no
/// opening quote came earlier in the document; to carry the counts across text runs (as in
/// `"*emph*"`), use one [`Typographer`] per document.
#[cfg(feature = "internals")]
pub fn push_text(out: &mut String, text: &str, before: Option<char>, after: Option<char>) {
    Typographer::new().push_text(out, text, before, after);
}

/// The typographer with goldmark's count of unclosed quotes: call [`Typographer::push_text`]
/// for each literal text run of a document, in order.
///
/// The counts belong to the whole document, not to a block: goldmark's `typographerParser`
/// declares `CloseBlock(parent, pc)`, which does not match the `parser.CloseBlocker` interface
/// (`CloseBlock(parent, block, pc)`), so its reset is never called (goldmark v1.5.4 to v1.8.5).
/// An opening quote left open in one paragraph therefore lets `a'` close in a later one.
#[derive(Debug, Clone, Default)]
pub struct Typographer {
    unclosed_single: usize,
    unclosed_double: usize,
}

impl Typographer {
    pub fn new() -> Typographer {
        Typographer::default()
    }

    /// Like the free [`push_text`], keeping the open-quote counts of the block.
    #[cfg(feature = "internals")]
    pub fn push_text(
        &mut self,
        out: &mut String,
        text: &str,
        before: Option<char>,
        after: Option<char>,
    ) {
        self.push_text_with_literals(out, text, before, after, &[]);
    }

    /// Like [`Typographer::push_text`], leaving alone the bytes in `literal` (sorted byte
    /// ranges of `text`): the characters that a backslash escape (`\"`) or an entity
    /// (`&#39;`, `&quot;`) wrote. goldmark's inline parser steps over both (the escape in
    /// `parser.parseInline`, the entity is still `&…;` in the source), so its typographer
    /// never sees them as quotes or dashes: they stay straight (Hugo 0.168).
    pub fn push_text_with_literals(
        &mut self,
        out: &mut String,
        text: &str,
        before: Option<char>,
        after: Option<char>,
        literal: &[Range<usize>],
    ) {
        let mut last = 0;
        self.scan(text, before, after, literal, |range, entity| {
            push_escaped(out, text.get(last..range.start).unwrap_or(""));
            out.push_str(entity);
            last = range.end;
        });
        push_escaped(out, text.get(last..).unwrap_or(""));
    }

    /// Calls `emit` for each substitution, in order, with its byte range in `text`.
    fn scan(
        &mut self,
        text: &str,
        before: Option<char>,
        after: Option<char>,
        literal: &[Range<usize>],
        mut emit: impl FnMut(Range<usize>, &'static str),
    ) {
        // goldmark's `PrecendingCharacter` is '\n' at the start of a block or line.
        let mut previous = before.unwrap_or('\n');
        let mut index = 0;
        // End of the current run of identical quotes, so that a long run is measured once
        // (goldmark re-scans it at every quote, which is quadratic).
        let mut quote_run_end = 0;
        let is_trigger = |b: &u8| matches!(b, b'\'' | b'"' | b'-' | b'.' | b'<' | b'>');
        while index < text.len() {
            // Nothing happens between triggers (all ASCII) but `previous` moving along.
            let Some(offset) = text.as_bytes()[index..].iter().position(is_trigger) else {
                break;
            };
            if offset > 0 {
                index += offset;
                previous = text[..index].chars().next_back().unwrap_or(previous);
            }
            let c = char::from(text.as_bytes()[index]);
            // The next literal byte at or after `index` ends what a dash or ellipsis may use.
            let next_literal = literal
                .iter()
                .find(|r| r.end > index)
                .map_or(usize::MAX, |r| r.start.max(index));
            let step = if next_literal == index {
                None
            } else if matches!(c, '\'' | '"' | '-' | '.' | '<' | '>') {
                let line = Line::new(text, index, after, next_literal - index);
                if matches!(c, '\'' | '"') && index >= quote_run_end {
                    quote_run_end = index + line.run_length();
                }
                let run = quote_run_end.saturating_sub(index);
                self.substitute(&line, previous, run).map(|(len, entity)| {
                    emit(index..index + len, entity);
                    len
                })
            } else {
                None
            };
            let step = step.unwrap_or(c.len_utf8());
            // The character before the next position is the last one consumed.
            if let Some(last) = text
                .get(index..index + step)
                .and_then(|s| s.chars().next_back())
            {
                previous = last;
            }
            index += step;
        }
    }

    /// goldmark `typographerParser.Parse` at one position: the bytes consumed and the entity.
    fn substitute(
        &mut self,
        line: &Line<'_>,
        before: char,
        quote_run: usize,
    ) -> Option<(usize, &'static str)> {
        let c = line.byte(0)?;
        // Dashes, ellipses and guillemets never reach past the text run: the next source
        // character belongs to other markup.
        let own = |k: usize| line.own_byte(k);
        if c == b'-' && own(1) == Some(b'-') && own(2) == Some(b'-') {
            return Some((3, EM_DASH));
        }
        if c == b'.' {
            return (own(1) == Some(b'.') && own(2) == Some(b'.')).then_some((3, ELLIPSIS));
        }
        if c == b'<' {
            return (own(1) == Some(b'<')).then_some((2, LEFT_ANGLE_QUOTE));
        }
        if c == b'>' {
            return (own(1) == Some(b'>')).then_some((2, RIGHT_ANGLE_QUOTE));
        }
        if c == b'-' {
            return (own(1) == Some(b'-')).then_some((2, EN_DASH));
        }
        let (can_open, can_close) = scan_delimiter(line, before, quote_run);
        let len = line.len();
        // `util.IsPunct` / `util.IsSpace` on a byte of the line (false past its end).
        let punct_at = |k: usize| line.byte(k).is_some_and(|b| is_ascii_punct(char::from(b)));
        let space_at = |k: usize| line.byte(k).is_some_and(is_goldmark_space);
        let rune_at = |k: usize| line.rune(k).unwrap_or('\u{fffd}');
        // `maybeClose`: a quote that could open or close closes when punctuation follows.
        let maybe_close = can_close
            && can_open
            && len > 1
            && is_unicode_punct(rune_at(1))
            && (len == 2 || punct_at(2) || space_at(2));
        let closes = (can_close && !can_open) || maybe_close;
        if c == b'\'' {
            // Decade abbreviations such as '90s.
            if can_open
                && !can_close
                && len > 3
                && line.byte(1).is_some_and(|b| b.is_ascii_digit())
                && line.byte(2).is_some_and(|b| b.is_ascii_digit())
                && line.byte(3) == Some(b's')
            {
                let after = if len > 4 { rune_at(4) } else { ' ' };
                if is_space_rune(after) || is_punct_rune(after) {
                    return Some((1, APOSTROPHE));
                }
            }
            // 'twas, 'em, 'net, 'll (Go's `unicode.IsPunct`/`IsSpace` on the character before).
            if len > 1
                && (is_unicode_punct(before) || is_space_rune(before))
                && matches!(line.byte(1), Some(b't' | b'e' | b'n' | b'l'))
            {
                return Some((1, APOSTROPHE));
            }
            // Any apostrophe between a letter or digit and a letter.
            if len > 1 && (is_digit(before) || is_letter(before)) && is_letter(rune_at(1)) {
                return Some((1, APOSTROPHE));
            }
            if can_open && !can_close {
                // Alice's, I'm, Don't, You'd; I've, I'll, You're: closing, not opening.
                let short = matches!(line.byte(1), Some(b's' | b'm' | b't' | b'd'))
                    && (len < 3 || punct_at(2) || space_at(2));
                let long = matches!(
                    (line.byte(1), line.byte(2)),
                    (Some(b'v'), Some(b'e')) | (Some(b'l'), Some(b'l')) | (Some(b'r'), Some(b'e'))
                ) && (len < 4 || punct_at(3) || space_at(3));
                if short || long {
                    return Some((1, RIGHT_SINGLE_QUOTE));
                }
                self.unclosed_single += 1;
                return Some((1, LEFT_SINGLE_QUOTE));
            }
            // "Plural possessives and abbreviations: Smiths', doin'". As goldmark writes the
            // condition (`len > 1 && IsSpace(line[0]) || IsPunct(line[0]) && len > 2 &&
            // !IsDigit(line[1])`), it holds for any quote followed by at least two more bytes
            // whose next character is not a digit.
            if len > 2 && !is_digit(rune_at(1)) {
                return Some((1, RIGHT_SINGLE_QUOTE));
            }
            if self.unclosed_single > 0 && closes {
                self.unclosed_single -= 1;
                return Some((1, RIGHT_SINGLE_QUOTE));
            }
            return None;
        }
        if c == b'"' {
            if can_open && !can_close {
                self.unclosed_double += 1;
                return Some((1, LEFT_DOUBLE_QUOTE));
            }
            if self.unclosed_double > 0 && closes {
                // "Monitor 21"": inches after a digit stay a straight quote.
                if line.byte(1) == Some(b'"') && is_digit(before) {
                    return None;
                }
                self.unclosed_double -= 1;
                return Some((1, RIGHT_DOUBLE_QUOTE));
            }
        }
        None
    }
}

/// The byte ranges of `text` that the typographer replaces, counting quotes from zero. Linkify
/// needs them: each replacement is an inline node in goldmark, and a link may start right
/// after one (`"www.example.com"`).
pub(crate) fn substitution_ranges(
    text: &str,
    before: Option<char>,
    after: Option<char>,
) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    Typographer::new().scan(text, before, after, &[], |range, _| ranges.push(range));
    ranges
}

/// goldmark `parser.ScanDelimiter` for the run of `run` quotes starting the line: whether it
/// can open and close, with a space after the end of the line.
fn scan_delimiter(line: &Line<'_>, before: char, run: usize) -> (bool, bool) {
    flanking(before, line.rune(run).unwrap_or(' '))
}

/// goldmark `parser.ScanDelimiter`'s flanking rules for a run between `before` and `after`
/// (CommonMark's, with `util.IsPunctRune`/`IsSpaceRune`): whether it is left-flanking (can
/// open) and right-flanking (can close). goldmark's extra rules for `_` are not here.
pub fn flanking(before: char, after: char) -> (bool, bool) {
    let before_punct = is_punct_rune(before);
    let before_space = is_space_rune(before);
    let after_punct = is_punct_rune(after);
    let after_space = is_space_rune(after);
    let left_flanking = !after_space && (!after_punct || before_space || before_punct);
    let right_flanking = !before_space && (!before_punct || after_space || after_punct);
    (left_flanking, right_flanking)
}

/// What goldmark's `block.PeekLine()` shows at a position: the rest of the text run, then the
/// source character after it. Characters beyond that are unknown and treated as the line end.
struct Line<'a> {
    own: &'a [u8],
    /// How many bytes of `own` come before the first escaped or entity character.
    own_plain: usize,
    after: [u8; 4],
    after_len: usize,
}

impl<'a> Line<'a> {
    fn new(text: &'a str, index: usize, after: Option<char>, own_plain: usize) -> Line<'a> {
        let mut buffer = [0u8; 4];
        let after_len = after.map_or(0, |c| c.encode_utf8(&mut buffer).len());
        Line {
            own: text.as_bytes().get(index..).unwrap_or(&[]),
            own_plain,
            after: buffer,
            after_len,
        }
    }

    fn len(&self) -> usize {
        self.own.len() + self.after_len
    }

    fn byte(&self, k: usize) -> Option<u8> {
        match self.own.get(k) {
            Some(&b) => Some(b),
            None => self
                .after
                .get(..self.after_len)?
                .get(k - self.own.len())
                .copied(),
        }
    }

    /// How many copies of the first byte the line starts with.
    fn run_length(&self) -> usize {
        let Some(first) = self.byte(0) else {
            return 0;
        };
        let own = self.own.iter().take_while(|&&b| b == first).count();
        if own == self.own.len() && self.after_len == 1 && self.after.first() == Some(&first) {
            own + 1
        } else {
            own
        }
    }

    /// A byte of the run itself, short of any escaped or entity character: goldmark sees the
    /// `\` or `&` there, so `-\-` is no dash.
    fn own_byte(&self, k: usize) -> Option<u8> {
        if k >= self.own_plain {
            return None;
        }
        self.own.get(k).copied()
    }

    /// goldmark `util.ToRune(line, k)`, for `k` at a character boundary.
    fn rune(&self, k: usize) -> Option<char> {
        let (bytes, k) = match self.own.get(k..) {
            Some(rest) if !rest.is_empty() => (self.own, k),
            _ => (
                self.after.get(..self.after_len)?,
                k.checked_sub(self.own.len())?,
            ),
        };
        let width = utf8_width(*bytes.get(k)?);
        std::str::from_utf8(bytes.get(k..k + width)?)
            .ok()?
            .chars()
            .next()
    }
}

fn utf8_width(first: u8) -> usize {
    match first {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typeset(text: &str) -> String {
        let mut out = String::new();
        push_text(&mut out, text, None, None);
        out
    }

    #[test]
    fn hugo_docs_example_gets_every_substitution() {
        assert_eq!(
            typeset("\"Double quotes\" and 'single quotes' and it's an apostrophe. En -- dash, em --- dash, ellipsis... <<angle>> quotes."),
            "&ldquo;Double quotes&rdquo; and &lsquo;single quotes&rsquo; and it&rsquo;s an apostrophe. En &ndash; dash, em &mdash; dash, ellipsis&hellip; &laquo;angle&raquo; quotes."
        );
    }

    #[test]
    fn quotes_follow_hugo_observations() {
        for (input, expected) in [
            ("\"Hello,\" she said.", "&ldquo;Hello,&rdquo; she said."),
            ("it's", "it&rsquo;s"),
            ("'quoted'", "&lsquo;quoted&rsquo;"),
            ("rock 'n' roll", "rock &rsquo;n&rsquo; roll"),
            ("5'10\"", "5'10&quot;"),
            (
                "'90s and the '90s, '90s.",
                "&rsquo;90s and the &rsquo;90s, &rsquo;90s.",
            ),
            ("'tis 'twas", "&rsquo;tis &rsquo;twas"),
            ("Smiths' house", "Smiths&rsquo; house"),
            ("doin' it", "doin&rsquo; it"),
            (
                "I'm, you're, I've, I'll, don't 'd",
                "I&rsquo;m, you&rsquo;re, I&rsquo;ve, I&rsquo;ll, don&rsquo;t &rsquo;d",
            ),
            ("\"Monitor 21\"\"", "&ldquo;Monitor 21&quot;&rdquo;"),
            ("x'y'z", "x&rsquo;y&rsquo;z"),
            ("'a", "&lsquo;a"),
            ("\"a", "&ldquo;a"),
            ("a\"", "a&quot;"),
            ("''", "''"),
            ("\"\"", "&quot;&quot;"),
            ("'1'", "&lsquo;1&rsquo;"),
            ("He said 'hi.'", "He said &lsquo;hi.&rsquo;"),
            ("'Hi', he said", "&lsquo;Hi&rsquo;, he said"),
            ("(\"paren\")", "(&ldquo;paren&rdquo;)"),
            ("«'x'»", "«&lsquo;x&rsquo;»"),
            ("\"'nested'\"", "&ldquo;&rsquo;nested'&rdquo;"),
        ] {
            assert_eq!(typeset(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn dashes_ellipses_and_guillemets_are_greedy_left_to_right() {
        for (input, expected) in [
            ("a -- b", "a &ndash; b"),
            ("a---b", "a&mdash;b"),
            ("a----b", "a&mdash;-b"),
            ("....", "&hellip;."),
            ("......", "&hellip;&hellip;"),
            ("<<x>>", "&laquo;x&raquo;"),
            ("<<<", "&laquo;&lt;"),
            ("a -> b", "a -&gt; b"),
            ("a & b", "a &amp; b"),
        ] {
            assert_eq!(typeset(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn quotes_around_emphasis_use_the_neighbouring_source_characters() {
        // "*emph*" is three runs: `"`, `emph`, `"`; the closing quote needs the pending count.
        let mut typographer = Typographer::new();
        let mut out = String::new();
        typographer.push_text(&mut out, "\"", None, Some('*'));
        out.push_str("<em>emph</em>");
        typographer.push_text(&mut out, "\"", Some('*'), None);
        assert_eq!(out, "&ldquo;<em>emph</em>&rdquo;");
        let mut single = String::new();
        push_text(&mut single, "'", None, Some('*'));
        assert_eq!(single, "&lsquo;");
    }

    #[test]
    fn a_closing_quote_without_a_pending_opening_quote_stays_straight() {
        let mut out = String::new();
        push_text(&mut out, "\"", Some('*'), None);
        assert_eq!(out, "&quot;");
    }

    #[test]
    fn pending_quotes_carry_over_to_later_paragraphs_as_in_goldmark() {
        let mut typographer = Typographer::new();
        let mut out = String::new();
        typographer.push_text(&mut out, "'open", None, None);
        out.push('|');
        typographer.push_text(&mut out, "a'", None, None);
        assert_eq!(out, "&lsquo;open|a&rsquo;");
        assert_eq!(typeset("a'"), "a'");
    }

    #[test]
    fn dashes_do_not_reach_into_the_next_run() {
        let mut out = String::new();
        push_text(&mut out, "a-", None, Some('-'));
        assert_eq!(out, "a-");
    }

    #[test]
    fn multibyte_neighbours_do_not_panic() {
        for text in [
            "'é",
            "é'",
            "\"日本\"",
            "'",
            "\"",
            "'9",
            "'99",
            "'99s",
            "'99sé",
            "-",
            ".",
        ] {
            for before in [None, Some('é'), Some('\''), Some('日')] {
                for after in [None, Some('é'), Some('"'), Some('s')] {
                    let mut out = String::new();
                    push_text(&mut out, text, before, after);
                    assert!(!out.is_empty());
                }
            }
        }
    }

    #[test]
    fn long_runs_of_quotes_are_linear() {
        let quotes = "'".repeat(200_000);
        let mut out = String::new();
        push_text(&mut out, &quotes, None, None);
        assert!(out.len() >= quotes.len());
    }

    #[test]
    fn substitution_ranges_are_byte_ranges() {
        assert_eq!(
            substitution_ranges("é -- \"x", None, None),
            vec![3..5, 6..7]
        );
    }
}
