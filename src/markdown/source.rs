//! The text handed to the Markdown parser, and where each of its bytes came from.
//!
//! In: the page body, plus the replacements made before Markdown: Hugo's summary divider,
//! `{{% %}}` shortcode output and the placeholder tokens of `{{< >}}` calls. Out: a [`PreparedBody`] whose text pulldown-cmark
//! parses, with a [`SourceMap`] that turns a byte offset in that text back into an offset in the
//! body, so that diagnostics point at what the user wrote.

/// Hugo's summary divider, byte-exact (`parser/pageparser/pagelexer.go`): case- and
/// space-sensitive.
#[cfg(feature = "internals")]
pub const SUMMARY_DIVIDER: &str = "<!--more-->";

/// What Hugo puts in place of the divider before rendering (`hugolib/page__content.go`), so
/// that an inline divider splits its paragraph.
pub const SUMMARY_DIVIDER_REPLACEMENT: &str = "\n\nHUGOMORE42\n\n";

/// The word the divider leaves in the rendered HTML (`internalSummaryDividerBase`).
pub const SUMMARY_DIVIDER_MARK: &str = "HUGOMORE42";

/// One stretch of prepared text: copied verbatim from the body, or a replacement for a range
/// of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    /// Start in the prepared text.
    prepared: usize,
    /// Start of the body range it comes from.
    original: usize,
    /// Length in the body (for verbatim pieces, also the length in the prepared text).
    original_len: usize,
    verbatim: bool,
}

/// Maps offsets in a prepared text back to offsets in the body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    pieces: Vec<Piece>,
}

impl SourceMap {
    /// The body offset of `prepared` offset `offset`. Offsets inside a replacement map to the
    /// start of the range it replaced; offsets past the end map past the last piece.
    pub fn to_body(&self, offset: usize) -> usize {
        let index = self.pieces.partition_point(|p| p.prepared <= offset);
        let Some(piece) = index.checked_sub(1).and_then(|i| self.pieces.get(i)) else {
            return offset;
        };
        if piece.verbatim {
            piece.original + (offset - piece.prepared).min(piece.original_len)
        } else {
            piece.original
        }
    }

    /// The body range of a prepared range.
    pub fn range_to_body(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let start = self.to_body(range.start);
        let end = self.to_body(range.end).max(start);
        start..end
    }
}

/// Text ready for pulldown-cmark, with its [`SourceMap`] and the summary divider noted.
#[derive(Debug, Clone, Default)]
pub struct PreparedBody {
    pub text: String,
    pub map: SourceMap,
    /// Whether a summary divider was replaced (the first one only, as Hugo does).
    pub has_divider: bool,
}

impl PreparedBody {
    /// An empty body, to be built with [`push_verbatim`](Self::push_verbatim) and
    /// [`push_replacement`](Self::push_replacement): the seam the shortcode stage uses to hand
    /// over a body in which `{{% %}}` output has been substituted.
    pub fn new() -> PreparedBody {
        PreparedBody::default()
    }

    /// Appends `text`, which is the body's bytes at `original_start..`.
    pub fn push_verbatim(&mut self, text: &str, original_start: usize) {
        if text.is_empty() {
            return;
        }
        self.map.pieces.push(Piece {
            prepared: self.text.len(),
            original: original_start,
            original_len: text.len(),
            verbatim: true,
        });
        self.text.push_str(text);
    }

    /// Appends `text`, which stands for the body range `original`.
    pub fn push_replacement(&mut self, text: &str, original: std::ops::Range<usize>) {
        self.map.pieces.push(Piece {
            prepared: self.text.len(),
            original: original.start,
            original_len: original.end.saturating_sub(original.start),
            verbatim: false,
        });
        self.text.push_str(text);
    }

    /// Appends `text` (from the body at `original_start`) with the first summary divider
    /// replaced, unless one was replaced already. Hugo's lexer also swallows the ASCII
    /// whitespace after the divider (`TestIdeographicAfterSummaryDivider`: U+3000 stays).
    #[cfg(feature = "internals")]
    pub fn push_with_divider(&mut self, text: &str, original_start: usize) {
        if self.has_divider {
            self.push_verbatim(text, original_start);
            return;
        }
        let Some(at) = text.find(SUMMARY_DIVIDER) else {
            self.push_verbatim(text, original_start);
            return;
        };
        let after = at + SUMMARY_DIVIDER.len();
        let end = after
            + text[after..]
                .bytes()
                .take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c'))
                .count();
        self.push_verbatim(&text[..at], original_start);
        self.push_replacement(
            SUMMARY_DIVIDER_REPLACEMENT,
            original_start + at..original_start + end,
        );
        self.has_divider = true;
        self.push_verbatim(&text[end..], original_start + end);
    }

    /// A copy with `text` inserted at each of the prepared offsets `at` (ascending, at
    /// character boundaries). An inserted text maps to the body offset where it stands.
    pub fn with_insertions(&self, at: &[usize], text: &str) -> PreparedBody {
        let each: Vec<(usize, &str)> = at.iter().map(|&at| (at, text)).collect();
        self.with_insertions_of(&each)
    }

    /// A copy with each `(offset, text)` inserted (offsets ascending, at character
    /// boundaries). An inserted text maps to the body offset where it stands.
    pub fn with_insertions_of(&self, insertions: &[(usize, &str)]) -> PreparedBody {
        let mut out = PreparedBody {
            has_divider: self.has_divider,
            ..PreparedBody::default()
        };
        let mut cuts = insertions.iter().copied().peekable();
        for (index, piece) in self.map.pieces.iter().enumerate() {
            let end = self
                .map
                .pieces
                .get(index + 1)
                .map_or(self.text.len(), |next| next.prepared);
            let mut start = piece.prepared;
            // Cuts inside this piece (a cut at its very start belongs to it too).
            while let Some(&(cut, text)) = cuts.peek() {
                if cut >= end && index + 1 < self.map.pieces.len() {
                    break;
                }
                let cut = cut.clamp(start, end);
                let chunk = self.text.get(start..cut).unwrap_or("");
                if piece.verbatim {
                    out.push_verbatim(chunk, piece.original + (start - piece.prepared));
                } else if !chunk.is_empty() {
                    out.push_replacement(
                        chunk,
                        piece.original..piece.original + piece.original_len,
                    );
                }
                out.push_replacement(text, self.map.to_body(cut)..self.map.to_body(cut));
                start = cut;
                cuts.next();
            }
            let chunk = self.text.get(start..end).unwrap_or("");
            if piece.verbatim {
                out.push_verbatim(chunk, piece.original + (start - piece.prepared));
            } else if !chunk.is_empty() || start == piece.prepared {
                out.push_replacement(chunk, piece.original..piece.original + piece.original_len);
            }
        }
        out
    }

    /// A copy with each prepared range replaced by its text (ranges ascending, apart, at
    /// character boundaries). A replacement maps to the start of the body range it stands
    /// for.
    pub fn with_replacements(&self, replacements: &[(std::ops::Range<usize>, String)]) -> PreparedBody {
        let mut out = PreparedBody {
            has_divider: self.has_divider,
            ..PreparedBody::default()
        };
        let mut at = 0;
        for (range, text) in replacements {
            self.copy_into(&mut out, at..range.start);
            out.push_replacement(text, self.map.range_to_body(range.clone()));
            at = range.end;
        }
        self.copy_into(&mut out, at..self.text.len());
        out
    }

    /// Appends the prepared text `range` to `out`, keeping where each byte came from.
    fn copy_into(&self, out: &mut PreparedBody, range: std::ops::Range<usize>) {
        for (index, piece) in self.map.pieces.iter().enumerate() {
            let end = self
                .map
                .pieces
                .get(index + 1)
                .map_or(self.text.len(), |next| next.prepared);
            let start = piece.prepared.max(range.start);
            let stop = end.min(range.end);
            if start >= stop {
                continue;
            }
            let chunk = &self.text[start..stop];
            if piece.verbatim {
                out.push_verbatim(chunk, piece.original + (start - piece.prepared));
            } else {
                out.push_replacement(chunk, piece.original..piece.original + piece.original_len);
            }
        }
    }

    /// The body as Hugo hands it to Goldmark when there are no shortcodes.
    #[cfg(feature = "internals")]
    pub fn from_body(body: &str) -> PreparedBody {
        let mut prepared = PreparedBody::new();
        prepared.push_with_divider(body, 0);
        prepared
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_only_the_first_divider_and_the_whitespace_after_it() {
        let body = "a <!--more-->  \nb <!--more--> c";
        let p = PreparedBody::from_body(body);
        assert_eq!(p.text, "a \n\nHUGOMORE42\n\nb <!--more--> c");
        assert!(p.has_divider);
        assert_eq!(p.map.to_body(0), 0);
        assert_eq!(
            p.map.to_body(5),
            2,
            "inside the replacement: the divider's start"
        );
        let b = p.text.find('b').unwrap();
        assert_eq!(p.map.to_body(b), body.find('b').unwrap());
    }

    #[test]
    fn insertions_map_to_where_they_stand() {
        let p = PreparedBody::from_body("ab<!--more-->cd\n");
        let inserted = p.with_insertions(&[1, p.text.len() - 1], "XY");
        assert_eq!(inserted.text, "aXYb\n\nHUGOMORE42\n\ncdXY\n");
        assert!(inserted.has_divider);
        assert_eq!(
            inserted.map.to_body(1),
            1,
            "the insertion stands at its place"
        );
        assert_eq!(
            inserted.map.to_body(3),
            1,
            "the byte after it is the body's `b`"
        );
        let c = inserted.text.find('c').unwrap();
        assert_eq!(inserted.map.to_body(c), 13);
        assert_eq!(inserted.map.to_body(inserted.text.len() - 1), 15);
    }

    #[test]
    fn keeps_the_ideographic_space_after_a_divider() {
        let p = PreparedBody::from_body("a<!--more-->\u{3000}b");
        assert_eq!(p.text, "a\n\nHUGOMORE42\n\n\u{3000}b");
    }
}
