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

/// `cast.ToIntE` of a string: a zero fraction dropped (`"5.00"` is 5), then Go's
/// `strconv.ParseInt(s, 0, 64)`.
pub fn parse_int(s: &str) -> Option<i64> {
    parse_go_int(trim_zero_decimal(s))
}

/// A config or front matter value read as an integer (`cast.ToIntE`, `mapstructure`'s weak
/// decoding): numbers truncated, strings by [`parse_int`], booleans 1 and 0.
pub fn to_int(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        Value::String(s) => parse_int(s),
        Value::Bool(b) => Some(i64::from(*b)),
        _ => None,
    }
}

/// `cast.ToString` of a config or front matter value: strings, numbers and booleans.
pub fn to_string(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// cast drops a zero fraction before parsing an integer (`"5.00"` → `"5"`).
fn trim_zero_decimal(s: &str) -> &str {
    match s.split_once('.') {
        Some((whole, fraction))
            if !whole.is_empty() && !fraction.is_empty() && fraction.bytes().all(|b| b == b'0') =>
        {
            whole
        }
        _ => s,
    }
}

/// Go's `strconv.ParseInt(s, 0, 64)`: an optional sign, then a `0x`, `0o`, `0b` or `0`
/// (octal) prefix; `_` may separate digits when there is a prefix.
fn parse_go_int(s: &str) -> Option<i64> {
    let (negative, rest) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let lower = rest.to_ascii_lowercase();
    let (radix, digits) = if let Some(d) = lower.strip_prefix("0x") {
        (16, d.to_string())
    } else if let Some(d) = lower.strip_prefix("0b") {
        (2, d.to_string())
    } else if let Some(d) = lower.strip_prefix("0o") {
        (8, d.to_string())
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, lower[1..].to_string())
    } else {
        (10, lower.clone())
    };
    let digits = if radix == 10 {
        digits
    } else {
        let d = digits.strip_prefix('_').unwrap_or(&digits);
        if d.starts_with('_') || d.ends_with('_') || d.contains("__") {
            return None;
        }
        d.replace('_', "")
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = i128::from_str_radix(&digits, radix).ok()?;
    let value = if negative { -magnitude } else { magnitude };
    i64::try_from(value).ok()
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

    #[test]
    fn reads_integers_and_strings_as_cast() {
        assert_eq!(to_int(&json!("5.00")), Some(5));
        assert_eq!(to_int(&json!("0x11")), Some(17));
        assert_eq!(to_int(&json!("08")), None);
        assert_eq!(to_int(&json!(7.9)), Some(7));
        assert_eq!(to_int(&json!(true)), Some(1));
        assert_eq!(to_int(&json!(" 7")), None);
        assert_eq!(to_string(&json!(1.5)).as_deref(), Some("1.5"));
        assert_eq!(to_string(&json!(null)), None);
    }
}
