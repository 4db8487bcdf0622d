//! Table rows that goldmark keeps and pulldown-cmark ends the table at.
//!
//! In: the prepared text. Out: the same text with each pipes-only line (`|`, ` |`, `||`) that
//! follows a table given an empty cell (` |`), or `None` when nothing changes.
//!
//! goldmark's table extension is a paragraph transformer (`extension/table.go`): once the
//! delimiter row is found, every later line of the paragraph is a row, and a line of pipes
//! alone is a row of empty cells. pulldown-cmark (`firstpass.rs parse_table_row_inner`) ends
//! the table at a row with no cell, and the rest of the table becomes a paragraph. Such lines
//! are rare when typed, but common after a `{{% %}}` call in a cell: a template that ends with
//! a newline leaves ` |` on a line of its own (`| x | {{% sc %}} |`), and Hugo 0.168 writes an
//! empty row there and keeps the table going.

use pulldown_cmark::{Event, Options, Parser, TagEnd};

use super::source::PreparedBody;

/// How many times the text is parsed again to find tables that a repaired row let continue
/// and that end at another pipes-only line. Each pass parses the whole text, so this bounds
/// the work a page of alternating rows and pipes-only lines can cause; past it, the rest of
/// such a table stays as pulldown-cmark reads it.
const MAX_TABLE_ROW_PASSES: usize = 8;

/// What each repaired line gets before its end: an empty cell for pulldown-cmark.
const EMPTY_CELL: &str = " |";

/// The body with goldmark's pipes-only rows made into rows pulldown-cmark keeps, or `None`
/// when there are none.
pub fn continue_tables(body: &PreparedBody, options: Options) -> Option<PreparedBody> {
    if !options.contains(Options::ENABLE_TABLES) || !has_pipes_only_line(&body.text) {
        return None;
    }
    let mut current: Option<PreparedBody> = None;
    for _ in 0..MAX_TABLE_ROW_PASSES {
        let text = current.as_ref().map_or(&body.text, |b| &b.text);
        let ends: Vec<usize> = Parser::new_ext(text, options)
            .into_offset_iter()
            .filter_map(|(event, range)| {
                matches!(event, Event::End(TagEnd::Table)).then_some(range.end)
            })
            .filter_map(|end| pipes_only_line_end(text, end))
            .collect();
        if ends.is_empty() {
            break;
        }
        let next = current
            .as_ref()
            .unwrap_or(body)
            .with_insertions(&ends, EMPTY_CELL);
        current = Some(next);
    }
    current
}

/// Whether some line is pipes and blanks only, with at least one pipe: the cheap test that
/// keeps the usual page from a second parse.
fn has_pipes_only_line(text: &str) -> bool {
    text.lines().any(is_pipes_only)
}

fn is_pipes_only(line: &str) -> bool {
    let line = line.trim_end_matches('\r');
    line.contains('|') && line.bytes().all(|b| matches!(b, b'|' | b' ' | b'\t'))
}

/// When the line starting at `start` (a table's end) is pipes-only, the offset of its end
/// (before `\r\n` or `\n`), where the empty cell goes.
fn pipes_only_line_end(text: &str, start: usize) -> Option<usize> {
    if start > 0 && text.as_bytes().get(start - 1) != Some(&b'\n') {
        return None;
    }
    let rest = text.get(start..)?;
    let line = rest.split('\n').next()?;
    let line = line.strip_suffix('\r').unwrap_or(line);
    is_pipes_only(line).then_some(start + line.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repaired(text: &str) -> Option<String> {
        continue_tables(&PreparedBody::from_body(text), Options::ENABLE_TABLES).map(|b| b.text)
    }

    #[test]
    fn gives_a_pipes_only_line_after_a_table_an_empty_cell() {
        assert_eq!(
            repaired("| a | b |\n|---|---|\n| x | y\n |\n| z | w |\n").as_deref(),
            Some("| a | b |\n|---|---|\n| x | y\n | |\n| z | w |\n")
        );
    }

    #[test]
    fn repairs_each_pipes_only_line_of_a_table() {
        assert_eq!(
            repaired("| a |\n|---|\n| x\n|\n| y\n |\n").as_deref(),
            Some("| a |\n|---|\n| x\n| |\n| y\n | |\n")
        );
    }

    #[test]
    fn leaves_pipes_outside_tables_alone() {
        assert_eq!(repaired("a\n|\nb\n"), None);
        assert_eq!(repaired("| a |\n|---|\n\n|\n"), None);
        assert_eq!(repaired("no pipes\n"), None);
    }
}
