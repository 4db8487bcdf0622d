//! Attribute blocks, `{.class #id key=value}` on a line of their own, read as Hugo reads them
//! with `markup.goldmark.parser.attribute.block = true`.
//!
//! In: the prepared text, then pulldown-cmark's events over the marked text. Out: the text
//! with each attribute line marked, then the events without those lines and, per block that
//! receives attributes, its attributes (keyed by where the block starts and its kind).
//!
//! Grammar (Hugo `markup/goldmark/internal/extensions/attributes/attributes.go`, goldmark
//! `parser/attribute.go`): a block parser triggered by `{` as a line's first character (after
//! the containers that continue, at most three spaces in), which can interrupt a paragraph,
//! so the line is never a lazy continuation; the attribute list is goldmark's (see
//! [`super::attributes`]) and what follows its `}` on the line is dropped. Hugo's transformer
//! then gives the attributes to the block just before (names it already has keep their
//! value), unless a blank line comes between, the line is first in its container, or the
//! block before is a fenced code block: then the line just disappears.
//!
//! How: pulldown-cmark has no such block; in it the line would continue the paragraph or the
//! table before. Each attribute line is therefore written as an empty ATX heading of the same
//! length (`{.a}` → `#   `): a heading interrupts a paragraph, closes the containers a line
//! does not continue and is never lazy, as goldmark's attribute block. A marked line that
//! pulldown-cmark does not read as a heading (inside a code block or HTML block, indented
//! four columns) is put back as it was, and the text parsed again.
//!
//! An attribute list may go on over the next lines (goldmark's reader skips line breaks as
//! spaces): each of them is marked too, and disappears. Not matched: such a list with a blank
//! line in it (it stays text), or whose further lines leave the containers of its first.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::attributes::{block_attributes, HeadingAttributes};
use super::source::PreparedBody;

/// How many times the marked text is parsed to settle which marks are attribute blocks: once
/// with every candidate, once more with those that were not put back. Putting a mark back
/// makes its line text inside the block it was already in, so a second round finds nothing
/// new; the bound keeps the work linear whatever happens.
const MAX_PASSES: usize = 2;

/// The kind of block that receives attributes, with where it starts: the key of
/// [`BlockAttributes`]. Two blocks of one kind never start at the same offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Owner {
    Paragraph,
    Heading,
    BlockQuote,
    List,
    Rule,
    Table,
    DefinitionList,
}

/// The attributes each block gets from the attribute lines after it.
pub type BlockAttributes = HashMap<(usize, Owner), HeadingAttributes>;

/// One marked attribute line.
#[derive(Debug, Clone)]
struct Mark {
    /// Where the `{` was (now the `#`), in the prepared text; on a further line of a list,
    /// its first non-blank byte.
    at: usize,
    /// How much of the line the mark covers: up to its line break.
    len: usize,
    attributes: HeadingAttributes,
    /// The index of the group's first mark: a list over several lines is one mark per line,
    /// all kept or all put back.
    group: usize,
    /// A further line of a list: it disappears and gives nothing.
    continuation: bool,
}

/// The prepared text with its attribute lines marked.
#[derive(Debug, Clone)]
pub struct Marked {
    pub body: PreparedBody,
    marks: Vec<Mark>,
}

/// Marks the attribute lines of `body` (`None` when it has none), parsing it to keep only
/// the marks that pulldown-cmark reads as block starts.
pub fn mark(body: &PreparedBody, options: Options) -> Option<Marked> {
    let mut marks = candidates(&body.text);
    for _ in 0..MAX_PASSES {
        if marks.is_empty() {
            return None;
        }
        let text = marked_text(&body.text, &marks);
        let headings = empty_headings(&text, options);
        let before = marks.len();
        let put_back: std::collections::HashSet<usize> = marks
            .iter()
            .filter(|mark| headings.binary_search(&mark.at).is_err())
            .map(|mark| mark.group)
            .collect();
        marks.retain(|mark| !put_back.contains(&mark.group));
        if marks.len() == before {
            let mut body = body.clone();
            body.text = text;
            return Some(Marked { body, marks });
        }
    }
    None
}

/// `text` with `#` and spaces written over each mark's line from its `{`: as long as what
/// they replace, so that every offset stays where it was. One pass over the text.
fn marked_text(text: &str, marks: &[Mark]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for mark in marks {
        out.push_str(&text[last..mark.at]);
        out.push('#');
        out.extend(std::iter::repeat(' ').take(mark.len.saturating_sub(1)));
        last = mark.at + mark.len;
    }
    out.push_str(&text[last..]);
    out
}

/// Every line whose first character, after blanks, `>` and list markers, is a `{` opening a
/// goldmark attribute list, with a mark of its own for each further line the list takes.
/// Whether each is one is settled by parsing.
fn candidates(text: &str) -> Vec<Mark> {
    let bytes = text.as_bytes();
    let mut marks = Vec::new();
    let mut line_start = 0;
    while line_start < bytes.len() {
        let (line_end, content_end) = line_bounds(bytes, line_start);
        let at = line_start + prefix_len(&bytes[line_start..content_end]);
        let mut next = line_end + 1;
        if at < content_end && bytes[at] == b'{' {
            if let Some((len, attributes)) = block_attributes(&text[at..]) {
                let close = at + len;
                if close <= content_end {
                    // `{}` is the shortest list: room for the `#` and a space.
                    marks.push(Mark {
                        at,
                        len: content_end - at,
                        attributes,
                        group: marks.len(),
                        continuation: false,
                    });
                } else if let Some((group, end)) = continued(bytes, line_end + 1, close) {
                    let first = marks.len();
                    marks.push(Mark {
                        at,
                        len: content_end - at,
                        attributes,
                        group: first,
                        continuation: false,
                    });
                    marks.extend(group.into_iter().map(|(at, len)| Mark {
                        at,
                        len,
                        attributes: Vec::new(),
                        group: first,
                        continuation: true,
                    }));
                    next = end;
                }
            }
        }
        line_start = next;
    }
    marks
}

/// A line's end (its `\n` or the end of the text) and where its content ends (before `\r`).
fn line_bounds(bytes: &[u8], line_start: usize) -> (usize, usize) {
    let line_end = memchr::memchr(b'\n', &bytes[line_start..]).map_or(bytes.len(), |p| line_start + p);
    let content_end = if line_end > line_start && bytes[line_end - 1] == b'\r' {
        line_end - 1
    } else {
        line_end
    };
    (line_end, content_end)
}

/// The further lines of an attribute list that closes before `close`, from `line_start`
/// (the line after its `{`): each line's content from its first non-blank byte, and where
/// the line after the last one starts. `None` when one of them is blank (a blank line cannot
/// be marked without ending the blocks around it; the list stays text).
fn continued(bytes: &[u8], mut line_start: usize, close: usize) -> Option<(Vec<(usize, usize)>, usize)> {
    let mut lines = Vec::new();
    while line_start < bytes.len() {
        let (line_end, content_end) = line_bounds(bytes, line_start);
        let first = bytes[line_start..content_end]
            .iter()
            .position(|&b| b != b' ' && b != b'\t')?;
        lines.push((line_start + first, content_end - line_start - first));
        if close <= content_end {
            return Some((lines, line_end + 1));
        }
        line_start = line_end + 1;
    }
    None
}

/// The length of a line's container prefix: blanks, `>` and list markers (`-`, `+`, `*`,
/// `1.`, `1)` followed by a blank), which may come before an attribute line's `{`.
fn prefix_len(line: &[u8]) -> usize {
    let mut i = 0;
    loop {
        while matches!(line.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        match line.get(i) {
            Some(b'>') => i += 1,
            Some(b'-' | b'+' | b'*') if matches!(line.get(i + 1), Some(b' ' | b'\t')) => i += 1,
            Some(b'0'..=b'9') => {
                let digits = line[i..].iter().take_while(|b| b.is_ascii_digit()).count();
                let after = i + digits;
                if digits <= 9
                    && matches!(line.get(after), Some(b'.' | b')'))
                    && matches!(line.get(after + 1), Some(b' ' | b'\t'))
                {
                    i = after + 1;
                } else {
                    return i;
                }
            }
            _ => return i,
        }
    }
}

/// Where each empty heading of `text` starts its content (the offset of its `#`), sorted.
fn empty_headings(text: &str, options: Options) -> Vec<usize> {
    let mut found = Vec::new();
    let mut open: Option<Range<usize>> = None;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. }) => open = Some(range),
            Event::End(TagEnd::Heading(_)) => {
                if let Some(range) = open.take() {
                    if let Some(at) = text
                        .get(range.clone())
                        .and_then(|h| h.find('#'))
                        .map(|i| range.start + i)
                    {
                        found.push(at);
                    }
                }
            }
            _ => open = None,
        }
    }
    found
}

/// What comes last in a container so far, for the attribute line that follows.
#[derive(Debug, Clone, Copy)]
enum Last {
    /// Nothing: the attribute line is first in its container.
    Nothing,
    /// Inline content written straight into a tight list item or description (a goldmark
    /// text block): the attributes go to it and are never written.
    TextBlock,
    /// An attribute line that kept its attributes for nothing: one right after it gives its
    /// own to it, and they are lost too.
    Dropped,
    FencedCode,
    /// A block that writes no attributes (a code block, raw HTML, a list item).
    Silent,
    Block(usize, Owner),
}

/// Removes the marked lines (empty headings) from `events` and gives their attributes to the
/// blocks before them, as Hugo's transformer does.
pub fn apply<'e>(
    text: &str,
    marked: &Marked,
    events: Vec<(Event<'e>, Range<usize>)>,
) -> (Vec<(Event<'e>, Range<usize>)>, BlockAttributes) {
    let mut given = BlockAttributes::new();
    let mut out = Vec::with_capacity(events.len());
    let mut marks = marked.marks.iter().peekable();
    // The last child of each open container, the document's first. Every `Start` pushes a
    // level and its `End` pops it, inline elements included.
    let mut levels = vec![Last::Nothing];
    let mut in_mark = false;
    for (event, range) in events {
        if in_mark {
            if matches!(event, Event::End(TagEnd::Heading(_))) {
                in_mark = false;
            }
            continue;
        }
        if let Event::Start(Tag::Heading { .. }) = &event {
            while marks.peek().is_some_and(|m| m.at < range.start) {
                marks.next();
            }
            if let Some(mark) = marks.next_if(|m| range.contains(&m.at)) {
                in_mark = true;
                if let (false, Some(last)) = (mark.continuation, levels.last_mut()) {
                    give(text, mark, last, &mut given);
                }
                continue;
            }
        }
        // The document's level is never popped.
        let mut document = Last::Nothing;
        let last = levels.last_mut().unwrap_or(&mut document);
        match &event {
            Event::Start(tag) => {
                *last = match tag {
                    Tag::Paragraph => Last::Block(range.start, Owner::Paragraph),
                    Tag::Heading { .. } => Last::Block(range.start, Owner::Heading),
                    Tag::BlockQuote(_) => Last::Block(range.start, Owner::BlockQuote),
                    Tag::List(_) => Last::Block(range.start, Owner::List),
                    Tag::Table(_) => Last::Block(range.start, Owner::Table),
                    Tag::DefinitionList => Last::Block(range.start, Owner::DefinitionList),
                    Tag::CodeBlock(CodeBlockKind::Fenced(_)) => Last::FencedCode,
                    Tag::CodeBlock(CodeBlockKind::Indented)
                    | Tag::HtmlBlock
                    | Tag::Item
                    | Tag::FootnoteDefinition(_)
                    | Tag::DefinitionListTitle
                    | Tag::DefinitionListDefinition
                    | Tag::TableHead
                    | Tag::TableRow
                    | Tag::TableCell
                    | Tag::MetadataBlock(_) => Last::Silent,
                    _ => Last::TextBlock,
                };
                levels.push(Last::Nothing);
            }
            Event::End(_) => {
                if levels.len() > 1 {
                    levels.pop();
                }
            }
            Event::Rule => *last = Last::Block(range.start, Owner::Rule),
            _ => *last = Last::TextBlock,
        }
        out.push((event, range));
    }
    (out, given)
}

/// Hugo's transformer for one attribute line: its attributes go to the block before, unless
/// the line is solitary.
fn give(text: &str, mark: &Mark, last: &mut Last, given: &mut BlockAttributes) {
    let solitary = matches!(last, Last::Nothing | Last::FencedCode)
        || previous_line_is_blank(text, mark.at);
    if solitary {
        *last = Last::Dropped;
        return;
    }
    if let Last::Block(start, owner) = *last {
        if mark.attributes.is_empty() {
            return;
        }
        let attributes = given.entry((start, owner)).or_default();
        for (name, value) in &mark.attributes {
            // `prev.SetAttribute` only for a name the block does not have yet.
            if !attributes.iter().any(|(n, _)| n == name) {
                attributes.push((name.clone(), value.clone()));
            }
        }
    }
}

/// goldmark's `HasBlankPreviousLines` for the line holding `at`: the line before is blank at
/// its level, that is holds nothing but blanks and no more `>` than this line's prefix (a
/// `>` alone ends a quote's paragraph; the line after it, outside the quote, still follows
/// the quote).
fn previous_line_is_blank(text: &str, at: usize) -> bool {
    let Some(before) = text.get(..at) else {
        return false;
    };
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let markers = before[line_start..].bytes().filter(|&b| b == b'>').count();
    let Some(previous) = line_start.checked_sub(1).and_then(|end| text.get(..end)) else {
        return true;
    };
    let previous = &previous[previous.rfind('\n').map_or(0, |i| i + 1)..];
    previous
        .bytes()
        .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'>'))
        && previous.bytes().filter(|&b| b == b'>').count() <= markers
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::attributes::AttributeValue;

    fn body(text: &str) -> PreparedBody {
        let mut body = PreparedBody::new();
        body.push_verbatim(text, 0);
        body
    }

    fn options() -> Options {
        Options::ENABLE_TABLES | Options::ENABLE_DEFINITION_LIST | Options::ENABLE_FOOTNOTES
    }

    fn class(value: &str) -> HeadingAttributes {
        vec![("class".into(), AttributeValue::Text(value.into()))]
    }

    /// The attributes given, with the text of the block that has them.
    fn given(text: &str) -> Vec<(String, Owner, HeadingAttributes)> {
        let Some(marked) = mark(&body(text), options()) else {
            return Vec::new();
        };
        let marked_text = marked.body.text.clone();
        let events = Parser::new_ext(&marked_text, options())
            .into_offset_iter()
            .collect();
        let (_, given) = apply(&marked_text, &marked, events);
        let mut list: Vec<_> = given
            .into_iter()
            .map(|((start, owner), attributes)| {
                let line = text[start..].lines().next().unwrap_or("").to_owned();
                (line, owner, attributes)
            })
            .collect();
        crate::sorted::sort_by(&mut list, |a, b| a.0.cmp(&b.0));
        list
    }

    #[test]
    fn marks_keep_every_offset() {
        let text = "para\n{.a}\n> b\n> {#x}\n";
        let marked = mark(&body(text), options()).unwrap();
        assert_eq!(marked.body.text, "para\n#   \n> b\n> #   \n");
    }

    #[test]
    fn an_attribute_line_right_after_a_block_gives_it_its_attributes() {
        assert_eq!(
            given("para\n{.display-6}\n"),
            vec![("para".into(), Owner::Paragraph, class("display-6"))]
        );
        assert_eq!(
            given("| a |\n|---|\n| 1 |\n{.t .u}\n"),
            vec![("| a |".into(), Owner::Table, class("t u"))]
        );
        assert_eq!(
            given("> [!NOTE]\n> - one\n> - two\n{._list-unstyled}\n"),
            vec![("> [!NOTE]".into(), Owner::BlockQuote, class("_list-unstyled"))]
        );
        assert_eq!(
            given("- a\n- b\n{.u}\n"),
            vec![("- a".into(), Owner::List, class("u"))]
        );
        assert_eq!(
            given("---\n{.r}\n"),
            vec![("---".into(), Owner::Rule, class("r"))]
        );
    }

    #[test]
    fn a_solitary_attribute_line_just_disappears() {
        for text in [
            "para\n\n{.a}\n",
            "{.a}\n",
            "```\ncode\n```\n{.a}\n",
            "> a\n>\n> {.a}\n",
            "- {.a}\n",
            "para\n\n{.a}\n{.b}\n",
        ] {
            assert_eq!(given(text), Vec::new(), "{text:?} should give nothing");
        }
    }

    #[test]
    fn attributes_the_block_has_are_kept() {
        assert_eq!(
            given("para\n{.a}\n{.b #x}\n"),
            vec![(
                "para".into(),
                Owner::Paragraph,
                vec![
                    ("class".into(), AttributeValue::Text("a".into())),
                    ("id".into(), AttributeValue::Text("x".into())),
                ]
            )]
        );
    }

    #[test]
    fn an_attribute_list_may_go_on_over_the_next_lines() {
        let text = "Text\n{.a\n  .b} dropped\nafter\n";
        let marked = mark(&body(text), options()).unwrap();
        assert_eq!(marked.body.text, "Text\n#  \n  #          \nafter\n");
        assert_eq!(
            given(text),
            vec![("Text".into(), Owner::Paragraph, class("a b"))]
        );
        // A string ends on its line; a blank line inside cannot be marked: text.
        assert!(mark(&body("Str\n{title=\"a\nb\"}\n"), options()).is_none());
        assert!(mark(&body("Blank\n{.e\n\n.f}\n"), options()).is_none());
    }

    #[test]
    fn a_quote_line_holding_only_a_marker_is_not_blank_outside_the_quote() {
        assert_eq!(
            given("> a\n>\n{.q}\n"),
            vec![("> a".into(), Owner::BlockQuote, class("q"))]
        );
    }

    #[test]
    fn lines_that_are_not_block_starts_stay_as_written() {
        for text in [
            "```\n{.a}\n```\n",
            "<div>\n{.a}\n</div>\n",
            "para\n    {.a}\n",
            "    {.a}\n",
            "para\n{not attributes}\n",
            "text {.a}\n",
        ] {
            let marked = mark(&body(text), options());
            assert!(marked.is_none(), "{text:?} should have no attribute block");
        }
    }

    #[test]
    fn hostile_lines_do_not_panic() {
        for text in ["{", "{}", "{\r\n", "> {}", "1. {}", "- - {}\n\u{e9}{.a}", "{}\n===\n"] {
            let _ = given(text);
        }
        let many = "para\n{.a}\n".repeat(2_000);
        assert_eq!(given(&many).len(), 2_000);
        // Every mark put back: one more parse, not one per line.
        let fenced = format!("```\n{}```\n", "{.a}\n".repeat(20_000));
        assert!(mark(&body(&fenced), options()).is_none());
        // Lists over lines: each scan stops at the next line's `{` or at the nesting limit.
        for line in ["{x=\n", "{.a\n", "{a=[\n", "{.a .b\n.c\n"] {
            let text = line.repeat(50_000);
            let started = std::time::Instant::now();
            let _ = mark(&body(&text), options());
            assert!(started.elapsed().as_secs() < 5, "{line:?} should be linear");
        }
    }
}
