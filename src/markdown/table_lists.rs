//! Lists that a blank line before a table does not make loose.
//!
//! In: the text and pulldown-cmark's events. Out: the events, with the paragraphs of a list's
//! items dropped (a tight list's text) where goldmark calls the list tight and pulldown-cmark
//! loose.
//!
//! goldmark's `listParser.Close` (`parser/list.go`) calls a list loose when an item after the
//! first, or a child of an item after its first, has a blank line before it
//! (`HasBlankPreviousLines`). A table is no such child: the table extension
//! (`extension/table.go`) makes it out of a paragraph when the paragraph is closed and does not
//! pass the paragraph's blank-line flag on, so `- item\n\n  | a |\n  |---|` is a tight list
//! in Hugo 0.168 (`<li>item\n<table>`). pulldown-cmark follows CommonMark: any blank line
//! between two children makes the list loose. Only lists where a table is the one reason are
//! changed.

use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;

/// An open list, while the events are read.
#[derive(Default)]
struct OpenList {
    /// Indexes of the paragraph events directly in its items.
    paragraphs: Vec<usize>,
    /// Whether an item after the first, or a child other than a table after an item's first,
    /// has a blank line before it: goldmark's loose.
    loose: bool,
    /// Whether a table after an item's first child has a blank line before it.
    table_after_blank: bool,
    items: usize,
}

/// An open block: a list, one of its items (with its children so far) or anything else.
enum Open {
    List(OpenList),
    Item { children: usize },
    Other,
}

/// The events with the paragraphs of goldmark-tight lists' items removed.
pub fn tighten<'a>(
    text: &str,
    events: Vec<(Event<'a>, Range<usize>)>,
) -> Vec<(Event<'a>, Range<usize>)> {
    if !events
        .iter()
        .any(|(event, _)| matches!(event, Event::Start(Tag::Table(_))))
    {
        return events;
    }
    let mut open: Vec<Open> = Vec::new();
    let mut drop: Vec<usize> = Vec::new();
    // Inline content straight in an item (a tight paragraph) counts as one child.
    let mut inline_child = false;
    for (index, (event, range)) in events.iter().enumerate() {
        let starts_block =
            matches!(event, Event::Start(tag) if is_block(tag)) || matches!(event, Event::Rule);
        let is_inline = !starts_block
            && !matches!(event, Event::End(_) | Event::TaskListMarker(_))
            && !matches!(event, Event::Start(_));
        if starts_block || (is_inline && !inline_child) {
            // A child of an item: count it, and see whether a blank line comes before it.
            let blank_before = previous_line_is_blank(text, range.start);
            let is_table = matches!(event, Event::Start(Tag::Table(_)));
            let is_paragraph = matches!(event, Event::Start(Tag::Paragraph));
            if let Some(Open::Item { children }) = open.last_mut() {
                *children += 1;
                let later = *children > 1;
                if let Some(list) = innermost_list(&mut open) {
                    if is_paragraph {
                        list.paragraphs.push(index);
                    }
                    if later && blank_before {
                        if is_table {
                            list.table_after_blank = true;
                        } else {
                            list.loose = true;
                        }
                    }
                }
                inline_child = is_inline;
            }
        }
        match event {
            Event::Start(Tag::List(_)) => open.push(Open::List(OpenList::default())),
            Event::Start(Tag::Item) => {
                inline_child = false;
                let blank_before = previous_line_is_blank(text, range.start);
                if let Some(Open::List(list)) = open.last_mut() {
                    list.items += 1;
                    if list.items > 1 && blank_before {
                        list.loose = true;
                    }
                }
                open.push(Open::Item { children: 0 });
            }
            Event::Start(tag) if is_block(tag) => {
                inline_child = false;
                open.push(Open::Other);
            }
            Event::End(TagEnd::Paragraph) => {
                if let (Some(Open::Other), Some(Open::Item { .. })) = (
                    open.last(),
                    open.len().checked_sub(2).and_then(|i| open.get(i)),
                ) {
                    if let Some(list) = innermost_list(&mut open) {
                        list.paragraphs.push(index);
                    }
                }
                open.pop();
            }
            Event::End(TagEnd::List(_)) => {
                if let Some(Open::List(list)) = open.pop() {
                    if list.table_after_blank && !list.loose {
                        drop.extend(list.paragraphs);
                    }
                }
            }
            Event::End(tag) if is_block_end(*tag) => {
                inline_child = false;
                open.pop();
            }
            _ => {}
        }
    }
    if drop.is_empty() {
        return events;
    }
    crate::sorted::sort_by(&mut drop, Ord::cmp);
    let mut drop = drop.into_iter().peekable();
    events
        .into_iter()
        .enumerate()
        .filter_map(|(index, event)| {
            if drop.peek() == Some(&index) {
                drop.next();
                None
            } else {
                Some(event)
            }
        })
        .collect()
}

/// The innermost open list (the one whose item is on top).
fn innermost_list(open: &mut [Open]) -> Option<&mut OpenList> {
    open.iter_mut().rev().find_map(|o| match o {
        Open::List(list) => Some(list),
        _ => None,
    })
}

/// Whether the line before the one holding `at` is blank (blanks and quote markers only).
fn previous_line_is_blank(text: &str, at: usize) -> bool {
    let Some(before) = text.get(..at) else {
        return false;
    };
    let Some(line_start) = before.rfind('\n') else {
        return false;
    };
    let previous = &before[..line_start];
    let previous_start = previous.rfind('\n').map_or(0, |i| i + 1);
    previous[previous_start..]
        .bytes()
        .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'>'))
}

/// Whether a tag is a block (the rest are inline).
pub(super) fn is_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::MetadataBlock(_)
    )
}

/// Whether an end tag ends a block.
pub(super) fn is_block_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::MetadataBlock(_)
    )
}
