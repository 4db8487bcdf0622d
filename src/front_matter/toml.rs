//! TOML front matter (`+++`), decoded with the `toml` crate into a JSON-compatible tree.
//!
//! Hugo uses pelletier/go-toml v2: offset date-times, local date-times and local dates are
//! values of their own. JSON has no date type, so they become RFC 3339 strings as written
//! (`1979-05-27T07:32:00Z`, `1979-05-27T07:32:00`, `1979-05-27`), which Hugo's date fields
//! then parse like any other date string.

use super::DecodeError;
use crate::diagnostic::Span;
use crate::limits::MAX_FRONT_MATTER_DEPTH;
use serde_json::{Map, Number, Value};

/// Decodes a TOML block. Errors are `unmarshal failed: toml: …` as in Hugo, with the byte
/// range the parser reports (relative to `text`).
pub(crate) fn decode(text: &str) -> Result<Map<String, Value>, DecodeError> {
    // The crate stops nesting at 80 levels itself ("recursion limit"), so parsing cannot
    // overflow the stack; the tighter depth limit is checked while converting.
    let table: toml::Table = text.parse().map_err(|error: toml::de::Error| {
        let span = error
            .span()
            .map_or(Span::new(0, 0), |r| Span::new(r.start, r.end));
        let message = error.message().trim().replace('\n', "; ");
        DecodeError {
            message: format!("unmarshal failed: toml: {message}"),
            span,
        }
    })?;
    let mut map = Map::new();
    for (key, value) in table {
        map.insert(key, convert(value, 1)?);
    }
    Ok(map)
}

/// Converts one value. The recursion is bounded by [`MAX_FRONT_MATTER_DEPTH`] (and by the
/// crate's own limit of 80), not by the input.
fn convert(value: toml::Value, depth: usize) -> Result<Value, DecodeError> {
    if depth > MAX_FRONT_MATTER_DEPTH {
        return Err(DecodeError {
            message: format!(
                "unmarshal failed: toml: front matter nested deeper than {MAX_FRONT_MATTER_DEPTH} levels"
            ),
            span: Span::new(0, 0),
        });
    }
    Ok(match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::Number(i.into()),
        // JSON cannot hold `inf`/`nan`: they are kept as TOML writes them, as strings.
        toml::Value::Float(f) => Number::from_f64(f).map_or_else(
            || {
                let text = if f.is_nan() {
                    "nan"
                } else if f > 0.0 {
                    "inf"
                } else {
                    "-inf"
                };
                Value::String(text.to_string())
            },
            Value::Number,
        ),
        toml::Value::Boolean(b) => Value::Bool(b),
        // Display of `toml::value::Datetime` is RFC 3339 (a `T` separator, `Z` kept).
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|item| convert(item, depth + 1))
                .collect::<Result<_, _>>()?,
        ),
        toml::Value::Table(table) => {
            let mut map = Map::new();
            for (key, value) in table {
                map.insert(key, convert(value, depth + 1)?);
            }
            Value::Object(map)
        }
    })
}
