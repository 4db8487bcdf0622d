//! `humanize` (Hugo's `tpl/inflect`).

use super::cast::to_string;
use super::{want_args, FuncContext};
use crate::template::value::Value;

/// `humanize INPUT`: an integer (or a string of one) becomes an ordinal (`1st`, `22nd`,
/// `113th`); other text is split into lower-case words at `_`, `-`, spaces and camelCase
/// humps, a trailing `_id` dropped, and the first letter capitalised (`my-first-post` →
/// `My first post`).
pub(super) fn humanize(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("humanize", args, 1)?;
    let word = to_string(&args[0])?;
    if word.is_empty() {
        return Ok(Value::from(""));
    }
    // Go's `strconv.Atoi`: decimal only, so "010" is 10.
    if let Ok(n) = word.parse::<i64>() {
        return Ok(Value::from(ordinalize(n)));
    }
    let word = word.strip_suffix("_id").unwrap_or(&word);
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut previous: Option<char> = None;
    for c in word.chars() {
        if c == '_' || c == '-' || c.is_whitespace() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
        } else {
            let hump = c.is_uppercase()
                && previous.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit());
            if hump && !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            current.extend(c.to_lowercase());
        }
        previous = Some(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    Ok(Value::from(super::strings::upper_first(&words.join(" "))))
}

/// `1st`, `2nd`, `3rd`, `4th`, `11th`, `12th`, `13th`, `21st`, `-1st`.
fn ordinalize(n: i64) -> String {
    let abs = n.unsigned_abs();
    let suffix = match (abs % 100, abs % 10) {
        (11..=13, _) => "th",
        (_, 1) => "st",
        (_, 2) => "nd",
        (_, 3) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}
