//! Org-mode front matter (`#+KEY: value` lines), as Hugo's `unmarshalORG` reads it.
//!
//! Keys are lower-cased; `#+KEY[]: a b` is an array of the whitespace-separated words; a date
//! written as an Org timestamp (`<2006-01-02 Mon>`) in `date`, `lastmod`, `publishdate` or
//! `expirydate` is reduced to the date.

use serde_json::{Map, Value};

pub(crate) fn decode(text: &str) -> Map<String, Value> {
    let mut map = Map::new();
    for line in text.lines() {
        let Some(rest) = line.trim_start().strip_prefix("#+") else {
            continue;
        };
        let Some((key, value)) = rest.split_once(':') else {
            continue;
        };
        let key = key.trim().to_lowercase();
        let value = value.trim();
        if let Some(key) = key.strip_suffix("[]") {
            let words = value
                .split_whitespace()
                .map(|w| Value::String(w.to_string()));
            map.insert(key.to_string(), Value::Array(words.collect()));
            continue;
        }
        let is_date = matches!(
            key.as_str(),
            "date" | "lastmod" | "publishdate" | "expirydate"
        );
        let value = match value.strip_prefix('<') {
            Some(stamp) if is_date => stamp
                .trim_end_matches('>')
                .split_whitespace()
                .next()
                .unwrap_or_default(),
            _ => value,
        };
        map.insert(key, Value::String(value.to_string()));
    }
    map
}
