//! String functions (Hugo's `tpl/strings`): `lower`, `upper`, `title`, `trim`, `replace`,
//! `replaceRE`, `findRE`, `split`, `substr`, `truncate`, `strings.*`, ….
//!
//! Regular expressions use `regex-lite`, whose syntax is RE2's (Go's) for everything
//! templates write; classes such as `\d` and `\w` are ASCII-only in both.

use super::cast::{to_int, to_string};
use super::{want_args, want_at_least, want_between, FuncContext};
use crate::rules::space::is_go_space;
use crate::template::value::{SafeKind, Value};
use regex_lite::{Regex, RegexBuilder};
use std::sync::OnceLock;

/// Compiled size limit for one template regular expression: stops a pattern like
/// `(a{1000}){1000}` from compiling into gigabytes.
const MAX_REGEX_SIZE: usize = 1 << 20;

/// Deepest group nesting in a template regular expression (stack safety of the parser).
const MAX_REGEX_NESTING: u32 = 64;

/// Longest string `strings.Repeat` builds.
const MAX_REPEAT_BYTES: usize = 1 << 20;

/// A template's regular expression, compiled under the limits above.
pub(super) fn compile(pattern: &str) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .size_limit(MAX_REGEX_SIZE)
        .nest_limit(MAX_REGEX_NESTING)
        .build()
        .map_err(|e| format!("error parsing regexp: {e}"))
}

/// Whether a regular expression matches only its own text: not empty, no metacharacters.
fn is_literal(pattern: &str) -> bool {
    !pattern.is_empty() && !pattern.contains(|c| "\\.+*?()|[]{}^$".contains(c))
}

fn string_arg(value: &Value) -> Result<String, String> {
    to_string(value)
}

/// `chomp`: trailing newlines (`\n`, `\r`) removed; HTML stays HTML.
pub(super) fn chomp(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("chomp", args, 1)?;
    let s = string_arg(&args[0])?;
    let trimmed = s.trim_end_matches(['\n', '\r']);
    Ok(match &args[0] {
        Value::Safe(SafeKind::Html, _) => Value::safe(SafeKind::Html, trimmed),
        _ => Value::from(trimmed),
    })
}

pub(super) fn contains(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("strings.Contains", args, 2)?;
    let s = string_arg(&args[0])?;
    Ok(Value::Bool(s.contains(&string_arg(&args[1])?)))
}

pub(super) fn contains_any(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("strings.ContainsAny", args, 2)?;
    let s = string_arg(&args[0])?;
    let chars = string_arg(&args[1])?;
    Ok(Value::Bool(s.chars().any(|c| chars.contains(c))))
}

pub(super) fn contains_non_space(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("strings.ContainsNonSpace", args, 1)?;
    let s = string_arg(&args[0])?;
    Ok(Value::Bool(s.chars().any(|c| !is_go_space(c))))
}

/// `strings.Count SUBSTR STRING`: non-overlapping occurrences; an empty SUBSTR counts the
/// gaps between characters (Go: rune count + 1).
pub(super) fn count(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("strings.Count", args, 2)?;
    let sub = string_arg(&args[0])?;
    let s = string_arg(&args[1])?;
    let n = if sub.is_empty() {
        s.chars().count() + 1
    } else {
        s.matches(&*sub).count()
    };
    Ok(Value::int(n as i64))
}

/// `countrunes`: the characters of the plain text that are not white space.
pub(super) fn count_runes(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("countrunes", args, 1)?;
    let s = crate::rules::text::strip_html(&string_arg(&args[0])?);
    Ok(Value::int(
        s.chars().filter(|c| !is_go_space(*c)).count() as i64
    ))
}

/// `countwords`: the words of the plain text; a word of CJK characters counts each one.
pub(super) fn count_words(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("countwords", args, 1)?;
    let s = string_arg(&args[0])?;
    let cjk = s.chars().any(is_cjk);
    Ok(Value::int(crate::rules::text::count_words(&s, cjk) as i64))
}

/// Han, Hangul, Hiragana and Katakana (Hugo's CJK test), by their main blocks.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x2E80..=0x2FDF | 0x3005 | 0x3007 | 0x3021..=0x3029 | 0x3038..=0x303B
        | 0x3041..=0x30FF | 0x3131..=0x318E | 0x31F0..=0x31FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA960..=0xA97F | 0xAC00..=0xD7FF | 0xF900..=0xFAFF
        | 0xFF66..=0xFF9D | 0xFFA0..=0xFFDC | 0x1B000..=0x1B16F | 0x20000..=0x3134F)
}

/// Go's `FindAllString(s, n)` count: negative means all, 0 none.
fn limit_arg(args: &[Value], at: usize) -> Result<Option<usize>, String> {
    match args.get(at) {
        None => Ok(None),
        Some(v) => {
            let n = to_int(v)?;
            Ok(usize::try_from(n).ok())
        }
    }
}

/// `findRE PATTERN INPUT [LIMIT]`: the matches.
pub(super) fn find_re(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_between("findRE", args, 2, 3)?;
    let re = compile(&string_arg(&args[0])?)?;
    let s = string_arg(&args[1])?;
    let limit = limit_arg(args, 2)?.unwrap_or(usize::MAX);
    let found = re
        .find_iter(&s)
        .take(limit)
        .map(|m| Value::from(m.as_str()))
        .collect();
    Ok(Value::list(found)?)
}

/// `findRESubmatch PATTERN INPUT [LIMIT]`: per match, the whole match and its groups
/// (an unmatched group is "").
pub(super) fn find_re_submatch(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_between("findRESubmatch", args, 2, 3)?;
    let re = compile(&string_arg(&args[0])?)?;
    let s = string_arg(&args[1])?;
    let limit = limit_arg(args, 2)?.unwrap_or(usize::MAX);
    let found = re
        .captures_iter(&s)
        .take(limit)
        .map(|caps| {
            Value::list(
                caps.iter()
                    .map(|g| Value::from(g.map_or("", |m| m.as_str())))
                    .collect(),
            )
        })
        .collect::<Result<_, _>>()?;
    Ok(Value::list(found)?)
}

/// `strings.FirstUpper`: the first character upper-cased.
pub(super) fn first_upper(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("strings.FirstUpper", args, 1)?;
    Ok(Value::from(upper_first(&string_arg(&args[0])?)))
}

pub(super) fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(super) fn has_prefix(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("strings.HasPrefix", args, 2)?;
    let s = string_arg(&args[0])?;
    Ok(Value::Bool(s.starts_with(&*string_arg(&args[1])?)))
}

pub(super) fn has_suffix(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("strings.HasSuffix", args, 2)?;
    let s = string_arg(&args[0])?;
    Ok(Value::Bool(s.ends_with(&*string_arg(&args[1])?)))
}

/// `strings.Repeat COUNT INPUT`.
pub(super) fn repeat(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("strings.Repeat", args, 2)?;
    let n = to_int(&args[0])?;
    let s = string_arg(&args[1])?;
    if n < 0 {
        return Err("strings: negative Repeat count".into());
    }
    let n = n as usize;
    if s.len().saturating_mul(n) > MAX_REPEAT_BYTES {
        return Err(format!(
            "strings.Repeat would build {} bytes; a preview builds at most {MAX_REPEAT_BYTES}",
            s.len().saturating_mul(n)
        ));
    }
    Ok(Value::from(s.repeat(n)))
}

/// `replace INPUT OLD NEW [LIMIT]`.
pub(super) fn replace(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_between("replace", args, 3, 4)?;
    let s = string_arg(&args[0])?;
    let old = string_arg(&args[1])?;
    let new = string_arg(&args[2])?;
    let out = match limit_arg(args, 3)? {
        None => go_replace(&s, &old, &new, usize::MAX),
        Some(n) => go_replace(&s, &old, &new, n),
    };
    Ok(Value::from(out))
}

/// Go's `strings.Replace`: an empty OLD matches before every character and at the end.
fn go_replace(s: &str, old: &str, new: &str, limit: usize) -> String {
    if !old.is_empty() {
        return s.replacen(old, new, limit);
    }
    let mut out = String::with_capacity(s.len());
    let mut done = 0;
    for c in s.chars() {
        if done < limit {
            out.push_str(new);
            done += 1;
        }
        out.push(c);
    }
    if done < limit {
        out.push_str(new);
    }
    out
}

/// `replaceRE PATTERN REPLACEMENT INPUT [LIMIT]`; `$1`, `${name}` expand groups.
pub(super) fn replace_re(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_between("replaceRE", args, 3, 4)?;
    let pattern = string_arg(&args[0])?;
    let replacement = string_arg(&args[1])?;
    let s = string_arg(&args[2])?;
    let limit = limit_arg(args, 3)?;
    if is_literal(&pattern) && !replacement.contains('$') {
        // What the expression would match, found without compiling it (themes replace
        // `<svg` in every icon they print).
        let out = match limit {
            Some(n) => s.replacen(&pattern, &replacement, n),
            None => s.replace(&pattern, &replacement),
        };
        return Ok(Value::from(out));
    }
    let re = compile(&pattern)?;
    let out = match limit {
        // regex-lite: 0 means all; Go's 0 means none.
        Some(0) => s.clone(),
        Some(n) => re.replacen(&s, n, replacement.as_str()).into_owned(),
        None => re.replace_all(&s, replacement.as_str()).into_owned(),
    };
    Ok(Value::from(out))
}

pub(super) fn rune_count(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("strings.RuneCount", args, 1)?;
    Ok(Value::int(string_arg(&args[0])?.chars().count() as i64))
}

/// `slicestr INPUT [START [END]]`: characters START up to END.
pub(super) fn slice_string(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_between("slicestr", args, 1, 3)?;
    let chars: Vec<char> = string_arg(&args[0])?.chars().collect();
    let start = match args.get(1) {
        Some(v) => to_int(v).map_err(|_| "start argument must be an integer".to_string())?,
        None => 0,
    };
    let end = match args.get(2) {
        Some(v) => to_int(v).map_err(|_| "end argument must be an integer".to_string())?,
        None => chars.len() as i64,
    };
    let len = chars.len() as i64;
    if start < 0 || start > len || end < 0 || end > len || start > end {
        return Err("slice bounds out of range".into());
    }
    Ok(Value::from(
        chars[start as usize..end as usize]
            .iter()
            .collect::<String>(),
    ))
}

/// `split INPUT DELIMITER`: an empty DELIMITER splits into characters.
pub(super) fn split(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("split", args, 2)?;
    let s = string_arg(&args[0])?;
    let delimiter = string_arg(&args[1])?;
    let parts: Vec<Value> = if delimiter.is_empty() {
        s.chars().map(|c| Value::from(c.to_string())).collect()
    } else {
        s.split(&*delimiter).map(Value::from).collect()
    };
    Ok(Value::list(parts)?)
}

/// `substr INPUT START [LENGTH]`: Hugo's rules: a negative START counts from the end, a
/// negative LENGTH stops that many characters before the end, out of range is "".
pub(super) fn substr(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    if args.len() < 2 {
        return Err("too few arguments".into());
    }
    if args.len() > 3 {
        return Err("too many arguments".into());
    }
    let chars: Vec<char> = string_arg(&args[0])?.chars().collect();
    let len = chars.len() as i64;
    let mut start =
        to_int(&args[1]).map_err(|_| "start argument must be an integer".to_string())?;
    let length = match args.get(2) {
        Some(v) => to_int(v).map_err(|_| "length argument must be an integer".to_string())?,
        None => len,
    };
    if len == 0 {
        return Ok(Value::from(""));
    }
    if start < 0 {
        start += len;
    }
    start = start.max(0);
    if start > len - 1 {
        return Ok(Value::from(""));
    }
    let end = match length.cmp(&0) {
        std::cmp::Ordering::Equal => return Ok(Value::from("")),
        std::cmp::Ordering::Less => len + length,
        std::cmp::Ordering::Greater => start.saturating_add(length),
    };
    if start >= end || end < 0 {
        return Ok(Value::from(""));
    }
    let end = end.min(len);
    Ok(Value::from(
        chars[start as usize..end as usize]
            .iter()
            .collect::<String>(),
    ))
}

/// Small words AP style keeps lower-case inside a title.
const AP_SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "en", "for", "if", "in", "nor", "of", "on", "or",
    "per", "the", "to", "v", "v.", "via", "vs", "vs.",
];

/// `title`: Hugo's default AP-style title case. Simplified: every word is capitalised (the
/// rest of the word is kept, so `iPhone`-style words survive only their first letter), except
/// the small words of AP style when neither first nor last nor after a colon; hyphenated
/// parts are capitalised each.
pub(super) fn title(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("title", args, 1)?;
    let s = string_arg(&args[0])?;
    let words: Vec<&str> = s.split(' ').collect();
    let last_word = words.iter().rposition(|w| !w.is_empty()).unwrap_or(0);
    let mut after_colon = true;
    let mut out = Vec::with_capacity(words.len());
    for (i, word) in words.iter().enumerate() {
        let lower = word.to_lowercase();
        let small = AP_SMALL_WORDS.contains(&lower.as_str());
        let titled = if small && !after_colon && i != last_word {
            lower
        } else {
            word.split('-')
                .map(upper_first)
                .collect::<Vec<_>>()
                .join("-")
        };
        if !word.is_empty() {
            after_colon = word.ends_with(':');
        }
        out.push(titled);
    }
    Ok(Value::from(out.join(" ")))
}

pub(super) fn to_lower(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("lower", args, 1)?;
    Ok(Value::from(string_arg(&args[0])?.to_lowercase()))
}

pub(super) fn to_upper(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("upper", args, 1)?;
    Ok(Value::from(string_arg(&args[0])?.to_uppercase()))
}

/// `trim INPUT CUTSET`: characters of CUTSET removed from both ends.
pub(super) fn trim(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("trim", args, 2)?;
    let s = string_arg(&args[0])?;
    let cutset = string_arg(&args[1])?;
    Ok(Value::from(s.trim_matches(|c| cutset.contains(c))))
}

/// `strings.TrimLeft CUTSET INPUT`.
pub(super) fn trim_left(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("strings.TrimLeft", args, 2)?;
    let cutset = string_arg(&args[0])?;
    let s = string_arg(&args[1])?;
    Ok(Value::from(s.trim_start_matches(|c| cutset.contains(c))))
}

/// `strings.TrimRight CUTSET INPUT`.
pub(super) fn trim_right(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("strings.TrimRight", args, 2)?;
    let cutset = string_arg(&args[0])?;
    let s = string_arg(&args[1])?;
    Ok(Value::from(s.trim_end_matches(|c| cutset.contains(c))))
}

/// `strings.TrimPrefix PREFIX INPUT`.
pub(super) fn trim_prefix(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("strings.TrimPrefix", args, 2)?;
    let prefix = string_arg(&args[0])?;
    let s = string_arg(&args[1])?;
    Ok(Value::from(s.strip_prefix(&*prefix).unwrap_or(&s)))
}

/// `strings.TrimSuffix SUFFIX INPUT`.
pub(super) fn trim_suffix(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("strings.TrimSuffix", args, 2)?;
    let suffix = string_arg(&args[0])?;
    let s = string_arg(&args[1])?;
    Ok(Value::from(s.strip_suffix(&*suffix).unwrap_or(&s)))
}

/// `strings.TrimSpace`: Go's white space removed from both ends.
pub(super) fn trim_space(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("strings.TrimSpace", args, 1)?;
    Ok(Value::from(string_arg(&args[0])?.trim_matches(is_go_space)))
}

/// An HTML tag at the start of the text, as Hugo's truncate finds them:
/// `^<(/)?([^ ]+?)(?:(\s*/)| .*?)?>`.
fn tag_pattern() -> &'static Regex {
    static TAG: OnceLock<Regex> = OnceLock::new();
    TAG.get_or_init(|| {
        Regex::new(r"^<(/)?([^ ]+?)(?:(\s*/)| .*?)?>").unwrap_or_else(|_| unreachable!())
    })
}

/// Elements without an end tag, which truncate never closes.
const VOID_ELEMENTS: &[&str] = &[
    "br", "col", "link", "base", "img", "param", "area", "hr", "input",
];

/// `truncate LENGTH [ELLIPSIS] INPUT`: at most LENGTH characters, cut at a word boundary,
/// then ELLIPSIS (default ` …`). HTML input (`template.HTML`) keeps its tags, which do not
/// count, and open elements are closed; plain text is HTML-escaped. The result is HTML.
pub(super) fn truncate(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    if args.len() < 2 {
        return Err("truncate requires a length and a string".into());
    }
    if args.len() > 3 {
        return Err("too many arguments passed to truncate".into());
    }
    let length = to_int(&args[0])?;
    let (ellipsis, input) = if args.len() == 3 {
        let e = to_string(&args[1]).map_err(|_| "ellipsis must be a string".to_string())?;
        let e = match &args[1] {
            Value::Safe(SafeKind::Html, _) => e,
            _ => crate::rules::escape::html(&e),
        };
        (e, &args[2])
    } else {
        (" …".to_string(), &args[1])
    };
    let text = to_string(input).map_err(|_| "text must be a string".to_string())?;
    let is_html = matches!(input, Value::Safe(SafeKind::Html, _));
    let html = |s: String| Value::safe(SafeKind::Html, s);
    if (text.chars().count() as i64) <= length {
        return Ok(html(if is_html {
            text
        } else {
            crate::rules::escape::html(&text)
        }));
    }

    struct Tag {
        name: String,
        position: usize,
        open: bool,
    }
    let mut tags: Vec<Tag> = Vec::new();
    let (mut last_word_index, mut last_non_space, mut current_len, mut next_tag) =
        (0usize, 0usize, 0i64, 0usize);
    for (i, c) in text.char_indices() {
        if i < next_tag {
            continue;
        }
        if is_html {
            if let Some(caps) = tag_pattern().captures(&text[i..]) {
                let whole = caps.get(0).map_or(0, |m| m.end());
                next_tag = i + whole;
                let name = caps.get(2).map_or("", |m| m.as_str());
                last_word_index = last_non_space;
                let self_closing = caps.get(3).is_some();
                if !VOID_ELEMENTS.contains(&name) && !self_closing {
                    tags.push(Tag {
                        name: name.to_string(),
                        position: i,
                        open: caps.get(1).is_none(),
                    });
                }
                continue;
            }
        }
        current_len += 1;
        if is_go_space(c) {
            last_word_index = last_non_space;
        } else if is_cjk(c) {
            last_word_index = i;
        } else {
            last_non_space = i + c.len_utf8();
        }
        if current_len > length {
            let end = if last_word_index == 0 {
                i
            } else {
                last_word_index
            };
            let mut out = text[..end].to_string();
            if !is_html {
                return Ok(html(crate::rules::escape::html(&out) + &ellipsis));
            }
            out.push_str(&ellipsis);
            // Close the elements still open at the cut, innermost first.
            let mut skipping: Option<&str> = None;
            for tag in tags.iter().rev() {
                if tag.position >= end || skipping.is_some() {
                    if skipping == Some(tag.name.as_str()) {
                        skipping = None;
                    }
                    continue;
                }
                if tag.open {
                    out.push_str(&format!("</{}>", tag.name));
                } else {
                    skipping = Some(&tag.name);
                }
            }
            return Ok(html(out));
        }
    }
    Ok(html(if is_html {
        text
    } else {
        crate::rules::escape::html(&text)
    }))
}

/// `strings.ReplacePairs OLD NEW [OLD NEW …] STRING` (or `(slice OLD NEW …) STRING`): Go's
/// `strings.NewReplacer`: one pass, at each place the first pair (in argument order) whose
/// OLD is there is replaced, and the scan goes on after it.
pub(super) fn replace_pairs(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_at_least("strings.ReplacePairs", args, 2)?;
    let (pairs, text) = args.split_at(args.len() - 1);
    let pairs: Vec<Value> = match pairs {
        [Value::List(items)] => items.to_vec(),
        other => other.to_vec(),
    };
    if pairs.len() % 2 == 1 {
        return Err("replacement pairs must be an even number".into());
    }
    let pairs = pairs
        .iter()
        .map(string_arg)
        .collect::<Result<Vec<String>, String>>()?;
    let pairs: Vec<(&str, &str)> = pairs
        .chunks(2)
        .map(|pair| (pair[0].as_str(), pair[1].as_str()))
        .collect();
    let text = string_arg(&text[0])?;
    // The pairs by their first byte, in argument order: at each place only the pairs that
    // can start there are tried.
    let mut by_first: std::collections::HashMap<u8, Vec<(&str, &str)>> = Default::default();
    for &(old, new) in &pairs {
        if let Some(&first) = old.as_bytes().first() {
            by_first.entry(first).or_default().push((old, new));
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(c) = rest.chars().next() {
        let candidates = by_first.get(&rest.as_bytes()[0]).map_or(&[][..], Vec::as_slice);
        match candidates.iter().find(|(old, _)| rest.starts_with(old)) {
            Some((old, new)) => {
                out.push_str(new);
                rest = &rest[old.len()..];
            }
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    Ok(Value::from(out))
}
