//! How Hugo turns loosely typed values into booleans (`spf13/cast` and `mapstructure`'s
//! weak decoding, which read config and front matter alike).

use serde_json::Value;

/// Go's `strconv.ParseBool`: exactly `1 t T TRUE true True` and `0 f F FALSE false False`.
pub fn parse_bool(s: &str) -> Option<bool> {
    match s {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// A config or front matter value read as a boolean (`cast.ToBoolE`, `mapstructure`'s weak
/// decoding): booleans, numbers (non-zero is true), strings by [`parse_bool`] with `""` false;
/// `None` for anything else (Hugo: an error, or false where the error is ignored).
pub fn to_bool(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => Some(n.as_f64() != Some(0.0)),
        Value::String(s) if s.is_empty() => Some(false),
        Value::String(s) => parse_bool(s),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_booleans_as_go() {
        for (value, expected) in [
            (json!(true), Some(true)),
            (json!(0), Some(false)),
            (json!(2.5), Some(true)),
            (json!("True"), Some(true)),
            (json!("F"), Some(false)),
            (json!(""), Some(false)),
            // ParseBool neither trims nor folds case beyond its list.
            (json!(" true"), None),
            (json!("yes"), None),
            (json!("tRUE"), None),
            (json!([]), None),
        ] {
            assert_eq!(to_bool(&value), expected, "{value}");
        }
    }
}
