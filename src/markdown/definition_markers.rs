//! Definition markers that goldmark does not take.
//!
//! In: the prepared text. Out: the same text with a backslash before each `:` that
//! pulldown-cmark reads as a definition marker but goldmark does not, or `None` when
//! nothing changes.
//!
//! goldmark's definition list extension (`extension/definition_list.go`,
//! `definitionListParser.Open` and `definitionDescriptionParser.Open`) needs one or more
//! spaces or tabs after the `:` (`util.IndentWidth(line[pos+1:]) >= 1`), and none before it
//! (`pc.BlockIndent() != 0`, counted from where the enclosing list item, quote or description
//! starts its content): `Para.\n:x text`, `:heart:\n:smile:` and `Term\n  : text` stay one
//! paragraph in Hugo 0.168, and a lone `:` line is text too. pulldown-cmark
//! (`scanners.rs scan_definition_list_definition_marker_with_indent`) takes a `:` followed by
//! anything, after up to three spaces. Its description starts where that indent starts (after
//! the containers' own prefixes), so the blanks between the start and the `:` are goldmark's
//! indent. `\:` is a backslash escape that renders `:`, so the escaped line is read as the
//! paragraph's (or the description's) next line, as goldmark reads it.

use pulldown_cmark::{Event, Options, Parser, Tag};

use super::source::PreparedBody;

/// How many times the text is parsed again: escaping a marker can change the blocks around
/// it; each pass parses the whole text, so this bounds the work.
const MAX_PASSES: usize = 4;

/// The body with the definition markers goldmark refuses escaped, or `None` when there are
/// none.
pub fn escape_false_markers(body: &PreparedBody, options: Options) -> Option<PreparedBody> {
    if !options.contains(Options::ENABLE_DEFINITION_LIST) || !has_candidate_line(&body.text) {
        return None;
    }
    let mut current: Option<PreparedBody> = None;
    for _ in 0..MAX_PASSES {
        let text = current.as_ref().map_or(&body.text, |b| &b.text);
        let mut at: Vec<(usize, &str)> = Parser::new_ext(text, options)
            .into_offset_iter()
            .filter_map(|(event, range)| {
                matches!(event, Event::Start(Tag::DefinitionListDefinition)).then_some(range.start)
            })
            .filter_map(|start| false_marker(text, start))
            .map(|colon| table_header(text, colon).map_or((colon, "\\"), |at| (at, "| ")))
            .collect();
        if at.is_empty() {
            break;
        }
        crate::sorted::sort_by(&mut at, |a, b| a.0.cmp(&b.0));
        at.dedup_by_key(|&mut (offset, _)| offset);
        let next = current.as_ref().unwrap_or(body).with_insertions_of(&at);
        current = Some(next);
    }
    current
}

/// When the line of the `:` at `colon` is a table's delimiter row (`:-- | --:`) under a
/// header without a leading pipe and with as many cells, where that header's text starts:
/// goldmark makes them a table, and pulldown-cmark does too once the header starts with `|`
/// (see `lazy_tables`), where it read a definition.
fn table_header(text: &str, colon: usize) -> Option<usize> {
    let line_start = text[..colon].rfind('\n')? + 1;
    let line_end = text[colon..].find('\n').map_or(text.len(), |i| colon + i);
    let delimiter = &text[colon..line_end];
    let previous_start = text[..line_start - 1].rfind('\n').map_or(0, |i| i + 1);
    let previous = &text[previous_start..line_start - 1];
    let header = previous.trim_start_matches([' ', '\t', '>']);
    let header_start = previous_start + previous.len() - header.len();
    (super::lazy_tables::is_delimiter_row(delimiter)
        && !header.starts_with('|')
        && !header.trim().is_empty()
        && super::lazy_tables::cells(header) == super::lazy_tables::cells(delimiter))
    .then_some(header_start)
}

/// Whether some line starts (after blanks and `>`) with a `:` not followed by a space or a
/// tab, or with blanks right before it: the cheap test that keeps the usual page from a
/// second parse.
fn has_candidate_line(text: &str) -> bool {
    text.lines().any(|line| {
        let rest = line.trim_start_matches([' ', '\t', '>']);
        rest.starts_with(':')
            && (!rest[1..].starts_with([' ', '\t'])
                || line[..line.len() - rest.len()].ends_with([' ', '\t']))
    })
}

/// Where the `:` of the definition starting at `start` is, when goldmark does not take it:
/// blanks before it (the start is after the containers' prefixes) or none after it.
fn false_marker(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let indent = bytes
        .get(start..)?
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    let colon = start + indent;
    if bytes.get(colon) != Some(&b':') {
        return None;
    }
    let no_blank_after = !matches!(bytes.get(colon + 1), Some(b' ' | b'\t'));
    (indent > 0 || no_blank_after).then_some(colon)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str) -> Option<String> {
        escape_false_markers(
            &PreparedBody::from_body(text),
            Options::ENABLE_DEFINITION_LIST,
        )
        .map(|b| b.text)
    }

    #[test]
    fn only_markers_without_a_following_blank_are_escaped() {
        assert_eq!(
            escaped("Para.\n:x text\n").as_deref(),
            Some("Para.\n\\:x text\n")
        );
        assert_eq!(
            escaped("Term\n:\nafter\n").as_deref(),
            Some("Term\n\\:\nafter\n")
        );
        assert_eq!(escaped("Term\n: def\n"), None);
        assert_eq!(escaped("Term\n:\tdef\n"), None);
        assert_eq!(
            escaped("Term\n: def\n:x more\n").as_deref(),
            Some("Term\n: def\n\\:x more\n")
        );
        assert_eq!(escaped(":x alone\n"), None);
    }

    #[test]
    fn a_delimiter_row_starting_with_a_colon_gives_its_header_a_pipe() {
        // Hugo 0.168: a table, where pulldown-cmark read a definition of `Para\nh1 | h2`.
        let with_tables = |text: &str| {
            escape_false_markers(
                &PreparedBody::from_body(text),
                Options::ENABLE_DEFINITION_LIST | Options::ENABLE_TABLES,
            )
            .map(|b| b.text)
        };
        assert_eq!(
            with_tables("Para\nh1 | h2\n:--: | --:\n").as_deref(),
            Some("Para\n| h1 | h2\n:--: | --:\n")
        );
        // Cells that do not match: the marker is escaped, as any other.
        assert_eq!(
            escaped("Para\nh1 | h2 | h3\n:--: | --:\n").as_deref(),
            Some("Para\nh1 | h2 | h3\n\\:--: | --:\n")
        );
    }

    #[test]
    fn indented_markers_are_escaped_where_the_indent_is_relative_to_the_container() {
        // goldmark's BlockIndent must be 0: Hugo 0.168 keeps `Term\n : text` one paragraph.
        assert_eq!(
            escaped("Term\n : def\n").as_deref(),
            Some("Term\n \\: def\n")
        );
        assert_eq!(
            escaped("Term\n   : def\n").as_deref(),
            Some("Term\n   \\: def\n")
        );
        // In a list item and a quote the indent counts from their content.
        assert_eq!(escaped("- item\n\n  Term\n  : def\n"), None);
        assert_eq!(
            escaped("- item\n\n  Term\n   : def\n").as_deref(),
            Some("- item\n\n  Term\n   \\: def\n")
        );
        assert_eq!(escaped("> Term\n> : def\n"), None);
        assert_eq!(
            escaped("> Term\n>  : def\n").as_deref(),
            Some("> Term\n>  \\: def\n")
        );
        // In a description, from its content (two columns after `: `).
        assert_eq!(
            escaped("Term\n: def\n\n    : more\n").as_deref(),
            Some("Term\n: def\n\n    \\: more\n")
        );
    }
}
