//! JSON front matter (`{…}`), decoded with `serde_json`.
//!
//! Hugo uses Go's `encoding/json` into a map; numbers there are float64, here they are kept
//! as parsed (integers stay integers), which reads the same in a preview.

use super::DecodeError;
use crate::diagnostic::{LineIndex, Span};
use crate::limits::MAX_FRONT_MATTER_DEPTH;
use serde_json::{Map, Value};

/// Decodes a JSON block. Errors are `unmarshal failed: …` as in Hugo, at the line and column
/// `serde_json` reports (relative to `text`).
pub(crate) fn decode(text: &str) -> Result<Map<String, Value>, DecodeError> {
    // serde_json recurses while parsing (with its own limit of 128); checking the nesting
    // first keeps the tree within the crate's limit and says where it went too deep.
    if let Some(at) = too_deep_at(text) {
        return Err(DecodeError {
            message: format!(
                "unmarshal failed: front matter nested deeper than {MAX_FRONT_MATTER_DEPTH} levels"
            ),
            span: Span::new(at, at + 1),
        });
    }
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(other) => Err(DecodeError {
            message: format!(
                "unmarshal failed: json: cannot unmarshal {} into Go value of type map[string]interface {{}}",
                match other {
                    Value::Array(_) => "array",
                    Value::String(_) => "string",
                    Value::Number(_) => "number",
                    Value::Bool(_) => "bool",
                    _ => "null",
                }
            ),
            span: Span::new(0, text.len()),
        }),
        Err(error) => {
            // serde_json counts columns in bytes from 1 on 1-based lines; column 0 means the
            // newline that ended the previous line was the unexpected character.
            let index = LineIndex::new(text);
            let line_start = index.offset_of(error.line(), 1);
            let at = match error.column() {
                0 => line_start.saturating_sub(1),
                column => (line_start + column - 1).min(text.len()),
            };
            let message = error.to_string();
            let message = message
                .rsplit_once(" at line ")
                .map_or(message.as_str(), |(m, _)| m);
            Err(DecodeError {
                message: format!("unmarshal failed: {message}"),
                span: Span::new(at, at),
            })
        }
    }
}

/// The byte offset of the first `[` or `{` (outside strings) that opens a level deeper than
/// [`MAX_FRONT_MATTER_DEPTH`].
pub(crate) fn too_deep_at(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if in_string => i += 1,
            b'"' => in_string = !in_string,
            b'[' | b'{' if !in_string => {
                depth += 1;
                if depth > MAX_FRONT_MATTER_DEPTH {
                    return Some(i);
                }
            }
            b']' | b'}' if !in_string => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}
