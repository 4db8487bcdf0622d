//! HTML character references decoded as Go's `html.UnescapeString` and
//! `golang.org/x/net/html` decode them (Hugo's `htmlUnescape`, bluemonday's text, goldmark's
//! heading ids): numeric references with or without `;`, named ones from [`NAMED`].
//!
//! Go knows all of HTML5's 2,231 names; [`NAMED`] holds the ones goldmark, the typographer
//! and the escapers write and the common typographic ones. Any other `&name;` stays as
//! written, which a browser then decodes the same way.

/// Name, character, and whether the name is one of HTML's legacy names that decode without
/// the `;` (`&amp` and `&copy` do, `&hellip` does not).
const NAMED: &[(&str, char, bool)] = &[
    ("amp", '&', true),
    ("lt", '<', true),
    ("gt", '>', true),
    ("quot", '"', true),
    ("apos", '\'', false),
    ("nbsp", '\u{a0}', true),
    ("iexcl", '¡', true),
    ("cent", '¢', true),
    ("pound", '£', true),
    ("yen", '¥', true),
    ("sect", '§', true),
    ("copy", '©', true),
    ("laquo", '«', true),
    ("shy", '\u{ad}', true),
    ("reg", '®', true),
    ("deg", '°', true),
    ("plusmn", '±', true),
    ("para", '¶', true),
    ("middot", '·', true),
    ("raquo", '»', true),
    ("frac14", '¼', true),
    ("frac12", '½', true),
    ("frac34", '¾', true),
    ("iquest", '¿', true),
    ("times", '×', true),
    ("divide", '÷', true),
    ("ensp", '\u{2002}', false),
    ("emsp", '\u{2003}', false),
    ("thinsp", '\u{2009}', false),
    ("ndash", '–', false),
    ("mdash", '—', false),
    ("lsquo", '‘', false),
    ("rsquo", '’', false),
    ("sbquo", '‚', false),
    ("ldquo", '“', false),
    ("rdquo", '”', false),
    ("bdquo", '„', false),
    ("bull", '•', false),
    ("hellip", '…', false),
    ("prime", '′', false),
    ("Prime", '″', false),
    ("euro", '€', false),
    ("trade", '™', false),
    ("larr", '←', false),
    ("uarr", '↑', false),
    ("rarr", '→', false),
    ("darr", '↓', false),
    ("harr", '↔', false),
    ("ne", '≠', false),
    ("le", '≤', false),
    ("ge", '≥', false),
    ("hearts", '♥', false),
    ("check", '✓', false),
];

/// Go's replacements for numeric references to the C1 controls 0x80–0x9F: the characters
/// Windows-1252 puts there (x/net/html's `replacementTable`).
const WINDOWS_1252: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{2C6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}', '\u{8F}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}', '\u{178}',
];

/// `s` with its character references decoded, as in text.
pub fn unescape(s: &str) -> String {
    unescape_with(s, false)
}

/// `s` with its character references decoded, as in an attribute value: a legacy name
/// without `;` followed by `=` or an alphanumeric stays as written.
pub fn unescape_attribute(s: &str) -> String {
    unescape_with(s, true)
}

fn unescape_with(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = memchr::memchr(b'&', rest.as_bytes()) {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp + 1..];
        match reference(tail, attribute) {
            Some((c, used)) => {
                out.push(c);
                rest = &tail[used..];
            }
            None => {
                out.push('&');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The reference at the start of `tail` (just after `&`): its character and its length in
/// bytes, `;` included.
fn reference(tail: &str, attribute: bool) -> Option<(char, usize)> {
    let bytes = tail.as_bytes();
    if let Some(number) = tail.strip_prefix('#') {
        let (start, radix) = match number.as_bytes().first() {
            Some(b'x' | b'X') => (1, 16),
            _ => (0, 10),
        };
        let digits = &number[start..];
        let len = digits
            .bytes()
            .take_while(|b| (*b as char).is_digit(radix))
            .count();
        if len == 0 {
            return None;
        }
        // Values past U+10FFFF (however many digits) become U+FFFD.
        let value = u32::from_str_radix(&digits[..len.min(8)], radix).unwrap_or(u32::MAX);
        let value = if len > 8 { u32::MAX } else { value };
        let c = match value {
            0x80..=0x9F => WINDOWS_1252[(value - 0x80) as usize],
            0 => '\u{FFFD}',
            v => char::from_u32(v).unwrap_or('\u{FFFD}'),
        };
        let semicolon = usize::from(digits.as_bytes().get(len) == Some(&b';'));
        return Some((c, 1 + start + len + semicolon));
    }
    let len = bytes
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let name = &tail[..len];
    if bytes.get(len) == Some(&b';') {
        if let Some(&(_, c, _)) = NAMED.iter().find(|(n, _, _)| *n == name) {
            return Some((c, len + 1));
        }
    }
    // Without `;`: the longest legacy name the text starts with.
    if attribute && matches!(bytes.get(len), Some(b'=')) {
        return None;
    }
    NAMED
        .iter()
        .filter(|(n, _, legacy)| *legacy && name.starts_with(n))
        .filter(|(n, _, _)| !attribute || n.len() == len)
        .max_by_key(|(n, _, _)| n.len())
        .map(|&(n, c, _)| (c, n.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_numeric_references_as_go() {
        assert_eq!(
            unescape("&#65;&#x42;&#X43&#0;&#x110000;&#128;&#99999999999;"),
            "ABC\u{FFFD}\u{FFFD}€\u{FFFD}"
        );
        assert_eq!(unescape("&#;&#x;"), "&#;&#x;");
    }

    #[test]
    fn decodes_names_with_semicolon_and_legacy_names_without() {
        assert_eq!(
            unescape("&amp;&lt;&hellip;&rsquo;&unknown;"),
            "&<…’&unknown;"
        );
        assert_eq!(unescape("&amp &copy2024 &hellip"), "& ©2024 &hellip");
        assert_eq!(unescape_attribute("?a=1&copy=2&amp"), "?a=1&copy=2&");
        assert_eq!(unescape("no refs"), "no refs");
    }
}
