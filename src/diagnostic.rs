//! Diagnostics: every problem found in the input, with where it is.
//!
//! In: a message, the file it is about ([`Location`]: the content file, the site config, a
//! template) and a byte span into that file. Out, after [`Diagnostic::locate`]: 1-based line
//! and column (counted in Unicode characters) for the start and the end of the span. The
//! package's glue converts spans and columns to UTF-16 code units in one pass, from the span
//! and the text of the file the location names.

use serde::Serialize;
use std::cell::OnceCell;

/// How bad a problem is. Hugo would stop the build on an `Error`; a preview renders the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A half-open range `start..end` of a file: bytes natively, UTF-16 code units in the
/// package (what JavaScript strings, textareas and CodeMirror count).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// The same span moved `offset` bytes later: for spans found in a slice of the source.
    pub fn shifted(self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }
}

/// A place in the file for an editor: a span and the 1-based line of its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Range {
    pub line: usize,
    /// Bytes natively, UTF-16 code units in the package.
    #[serde(flatten)]
    pub span: Span,
}

/// The file a diagnostic is about: its span points into that file's text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Location {
    /// The content file being rendered.
    #[default]
    Content,
    /// The site config, by the name it is shown under (`hugo.toml`).
    Config(String),
    /// A shortcode template, by name (`layouts/shortcodes/NAME.html`).
    Shortcode(String),
    /// A partial, by name (`layouts/partials/NAME`).
    Partial(String),
    /// A file of a site given as files (`files`, `--site`), by its path in the site
    /// (`themes/book/layouts/_shortcodes/hint.html`, `config/_default/params.toml`).
    File(String),
}

impl Location {
    /// The file's name as a site names it (`hugo.toml`, `shortcodes/NAME.html`,
    /// `partials/NAME`); `None` for the content file.
    pub fn file_name(&self) -> Option<String> {
        match self {
            Location::Content => None,
            Location::Config(name) => Some(name.clone()),
            Location::Shortcode(name) => Some(format!("shortcodes/{name}.html")),
            Location::Partial(name) => Some(format!("partials/{name}")),
            Location::File(path) => Some(path.clone()),
        }
    }

    pub fn is_content(&self) -> bool {
        *self == Location::Content
    }
}

/// As its [`Location::file_name`]: `null` for the content file.
impl Serialize for Location {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.file_name().serialize(serializer)
    }
}

/// One problem found while rendering.
///
/// Natively, offsets are bytes and columns Unicode characters; the package gives both in
/// UTF-16 code units (what JavaScript strings, textareas and CodeMirror count).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Diagnostic {
    pub severity: Severity,
    /// What is wrong, in Hugo's words where Hugo has a message for it. Plain text (it may
    /// quote the source, `<` and all): show it as text.
    pub message: String,
    /// Where in the file the problem is (`start`, `end`: what `setSelectionRange` takes in
    /// the package).
    #[serde(flatten)]
    pub span: Span,
    /// 1-based line of `span.start`.
    pub line: usize,
    /// 1-based column of `span.start`.
    pub column: usize,
    /// 1-based line of `span.end`.
    pub end_line: usize,
    /// 1-based column of `span.end`.
    pub end_column: usize,
    /// The file: `null` for the content file, else `hugo.toml`, `shortcodes/NAME.html`,
    /// `partials/NAME`.
    #[serde(rename = "file")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub location: Location,
}

/// Diagnostics in the order of their place in the file (by start, then end), stably.
pub fn sort_by_place(diagnostics: &mut Vec<Diagnostic>) {
    crate::sorted::sort_by(diagnostics, |a, b| {
        (a.span.start, a.span.end).cmp(&(b.span.start, b.span.end))
    });
}

impl Diagnostic {
    pub fn new(severity: Severity, message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic {
            severity,
            message: message.into(),
            span,
            line: 0,
            column: 0,
            end_line: 0,
            end_column: 0,
            location: Location::Content,
        }
    }

    pub fn error(message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic::new(Severity::Error, message, span)
    }

    pub fn warning(message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic::new(Severity::Warning, message, span)
    }

    /// The same diagnostic, about `location`.
    pub fn in_file(mut self, location: Location) -> Diagnostic {
        self.location = location;
        self
    }

    /// Fills in line and column from the span. The span is first clamped into the source and
    /// onto character boundaries, so a diagnostic can never point outside the text.
    pub fn locate(&mut self, index: &LineIndex) {
        let start = index.floor_boundary(self.span.start);
        let end = index.floor_boundary(self.span.end).max(start);
        self.span = Span { start, end };
        (self.line, self.column) = index.line_column(start);
        (self.end_line, self.end_column) = index.line_column(end);
    }
}

/// Line starts of a source text, for turning byte offsets into lines and columns. The tables
/// are built by the first lookup that needs them: most renders of a well-formed page need none.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    source: &'a str,
    line_starts: OnceCell<Vec<usize>>,
    /// Characters before byte offsets, for columns far into long lines: a column is found in
    /// O(log n), even on a 1 MB line.
    chars: OnceCell<Checkpoints>,
}

/// Counts of a unit (characters, UTF-16 code units) before byte offsets, in O(1) a lookup
/// plus a count of at most [`Checkpoints::STRIDE`] bytes. Empty for ASCII text, where every
/// unit is one byte.
#[derive(Debug, Clone, Default)]
struct Checkpoints {
    /// Units before byte `k * STRIDE`, for every `k` up to the end of the text.
    points: Vec<usize>,
}

/// What one byte of UTF-8 adds to a count of characters: one per leading byte.
#[inline(always)]
fn char_weight(b: u8) -> usize {
    usize::from(b & 0xc0 != 0x80)
}

/// What one byte of UTF-8 adds to a count of UTF-16 code units: one per leading byte, and one
/// more for the leading byte of a four-byte character (a surrogate pair).
#[cfg(any(target_arch = "wasm32", feature = "internals"))]
#[inline(always)]
fn utf16_weight(b: u8) -> usize {
    char_weight(b) + usize::from(b >= 0xf0)
}

impl Checkpoints {
    const STRIDE: usize = 256;

    // The weights are generic (each a function of its own type), so the counting loops call
    // them directly and inline them: through a `fn` pointer each byte was an indirect call.
    fn new(source: &str, weight: impl Fn(u8) -> usize + Copy) -> Checkpoints {
        let mut points = Vec::new();
        if !source.is_ascii() {
            let mut count = 0;
            points.reserve(source.len() / Self::STRIDE + 1);
            for block in source.as_bytes().chunks(Self::STRIDE) {
                points.push(count);
                for &b in block {
                    count += weight(b);
                }
            }
            points.push(count);
        }
        Checkpoints { points }
    }

    /// Units before `offset`, a character boundary of `source` (the text this was made from).
    fn count(&self, source: &str, offset: usize, weight: impl Fn(u8) -> usize) -> usize {
        if self.points.is_empty() {
            return offset;
        }
        let block = offset / Self::STRIDE;
        let from = block * Self::STRIDE;
        let mut count = self.points[block];
        for &b in &source.as_bytes()[from..offset] {
            count += weight(b);
        }
        count
    }
}

impl<'a> LineIndex<'a> {
    /// Below this many bytes between a line's start and an offset, the column is counted
    /// directly; beyond it, through the checkpoints.
    const DIRECT_COUNT: usize = 4096;

    pub fn new(source: &'a str) -> LineIndex<'a> {
        LineIndex {
            source,
            line_starts: OnceCell::new(),
            chars: OnceCell::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let mut line_starts = vec![0];
            line_starts.extend(memchr::memchr_iter(b'\n', self.source.as_bytes()).map(|i| i + 1));
            line_starts
        })
    }

    /// Characters between byte offsets `from` and `to` (character boundaries, `from <= to`).
    fn chars_between(&self, from: usize, to: usize) -> usize {
        if to - from <= Self::DIRECT_COUNT {
            return self.source.get(from..to).map_or(0, |s| s.chars().count());
        }
        let chars = self
            .chars
            .get_or_init(|| Checkpoints::new(self.source, char_weight));
        chars.count(self.source, to, char_weight) - chars.count(self.source, from, char_weight)
    }

    /// The largest character boundary at or before `offset`, clamped to the source length.
    pub fn floor_boundary(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.source.len());
        while !self.source.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// The 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.source.len());
        self.line_starts().partition_point(|&start| start <= offset)
    }

    /// 1-based line and 1-based column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = self.floor_boundary(offset);
        let line_starts = self.line_starts();
        let line = line_starts.partition_point(|&start| start <= offset);
        let line_start = line_starts[line - 1];
        let column = self.chars_between(line_start, offset) + 1;
        (line, column)
    }

    /// The byte offset where a 1-based line starts (clamped to the last line).
    pub fn line_start(&self, line: usize) -> usize {
        let line_starts = self.line_starts();
        line_starts[line.clamp(1, line_starts.len()) - 1]
    }

    /// The byte offset of a 1-based line and column (in characters); used to turn positions
    /// reported by parsers of a slice back into offsets. Out-of-range values are clamped.
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let line_starts = self.line_starts();
        let line = line.clamp(1, line_starts.len());
        let line_start = line_starts[line - 1];
        let line_end = line_starts.get(line).copied().unwrap_or(self.source.len());
        self.source[line_start..line_end]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line_end, |(i, _)| line_start + i)
    }
}

/// Byte offsets to UTF-16 offsets (what JavaScript strings, textareas and CodeMirror count),
/// in O(log n) a lookup after one linear pass (made by the first lookup).
#[derive(Debug, Clone)]
#[cfg(any(target_arch = "wasm32", feature = "internals"))]
pub struct Utf16Index<'a> {
    source: &'a str,
    table: OnceCell<Utf16Table>,
}

#[cfg(any(target_arch = "wasm32", feature = "internals"))]
impl<'a> Utf16Index<'a> {
    pub fn new(source: &'a str) -> Utf16Index<'a> {
        Utf16Index {
            source,
            table: OnceCell::new(),
        }
    }

    /// The UTF-16 offset of a byte offset (clamped into the source, floored onto a character
    /// boundary).
    pub fn utf16(&self, offset: usize) -> usize {
        self.table
            .get_or_init(|| Utf16Table::new(self.source))
            .utf16(self.source, offset)
    }
}

/// The lookup table of a [`Utf16Index`], apart from its text, for callers that keep both.
#[derive(Debug, Clone, Default)]
#[cfg(any(target_arch = "wasm32", feature = "internals"))]
pub struct Utf16Table {
    units: Checkpoints,
}

#[cfg(any(target_arch = "wasm32", feature = "internals"))]
impl Utf16Table {
    pub fn new(source: &str) -> Utf16Table {
        Utf16Table {
            units: Checkpoints::new(source, utf16_weight),
        }
    }

    /// The UTF-16 offset of a byte offset of `source`, the text this table was made from
    /// (clamped into it, floored onto a character boundary).
    pub fn utf16(&self, source: &str, offset: usize) -> usize {
        let mut offset = offset.min(source.len());
        while !source.is_char_boundary(offset) {
            offset -= 1;
        }
        self.units.count(source, offset, utf16_weight)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based_and_count_characters() {
        let index = LineIndex::new("ab\nçd\n");
        assert_eq!(index.line_column(0), (1, 1));
        assert_eq!(index.line_column(3), (2, 1));
        assert_eq!(
            index.line_column(5),
            (2, 2),
            "ç is one character of two bytes"
        );
        assert_eq!(index.line_column(7), (3, 1));
    }

    #[test]
    fn locate_clamps_spans_into_the_source_and_onto_boundaries() {
        let source = "é";
        let mut d = Diagnostic::error("x", Span::new(1, 99));
        d.locate(&LineIndex::new(source));
        assert_eq!(d.span, Span::new(0, 2));
    }

    #[test]
    fn columns_count_characters_on_long_lines_past_the_checkpoints() {
        let source = format!("ab\n{}x", "é".repeat(1000));
        let index = LineIndex::new(&source);
        assert_eq!(index.line_column(source.len() - 1), (2, 1001));
        assert_eq!(index.line_column(3 + 2 * 500), (2, 501));
        assert_eq!(index.line_column(1), (1, 2));
    }

    #[test]
    fn utf16_offsets_count_surrogate_pairs_twice() {
        let source = "a😀é日\nb";
        let index = Utf16Index::new(source);
        let expected = |offset: usize| source[..offset].encode_utf16().count();
        for (offset, _) in source.char_indices() {
            assert_eq!(index.utf16(offset), expected(offset), "at byte {offset}");
        }
        assert_eq!(index.utf16(source.len()), expected(source.len()));
        assert_eq!(index.utf16(3), 1, "inside the emoji: floored to its start");
        assert_eq!(index.utf16(999), expected(source.len()), "clamped");
        let long = "é".repeat(1000) + "x";
        let index = Utf16Index::new(&long);
        assert_eq!(
            index.utf16(long.len() - 1),
            1000,
            "past several checkpoints"
        );
        assert_eq!(Utf16Index::new("ascii").utf16(3), 3);
    }

    #[test]
    fn columns_and_utf16_offsets_agree_with_counting_everywhere_in_long_mixed_lines() {
        // Longer than the direct count, so that columns come from the checkpoints, with
        // characters of every width falling across the blocks.
        let line: String = "aé日😀 ".chars().cycle().take(3000).collect();
        let source = format!("x\n{line}\n{line}");
        let lines = LineIndex::new(&source);
        let utf16 = Utf16Index::new(&source);
        for (offset, _) in source.char_indices().chain([(source.len(), ' ')]) {
            let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
            let line = source[..offset].matches('\n').count() + 1;
            let column = source[line_start..offset].chars().count() + 1;
            assert_eq!(
                lines.line_column(offset),
                (line, column),
                "at byte {offset}"
            );
            let units = source[..offset].encode_utf16().count();
            assert_eq!(utf16.utf16(offset), units, "at byte {offset}");
        }
    }

    #[test]
    fn offset_of_inverts_line_column() {
        let index = LineIndex::new("ab\nçd\n");
        assert_eq!(index.offset_of(2, 2), 5);
        assert_eq!(index.offset_of(9, 9), 7);
    }
}
