//! Go's `strconv.Quote`, which `%q` and Hugo's messages use to quote names and values.

/// `strconv.Quote`: double-quoted, with `"` and `\` and the characters Go does not print
/// escaped (`\n`, `\x01`, `\u00ad`, …).
pub fn quote(s: &str) -> String {
    quote_with(s, false)
}

/// `strconv.QuoteToASCII` (`%+q`): as [`quote`], with every non-ASCII character escaped too.
pub fn quote_ascii(s: &str) -> String {
    quote_with(s, true)
}

fn quote_with(s: &str, ascii_only: bool) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if c.is_control() || (ascii_only && !c.is_ascii()) => {
                if (c as u32) < 0x10000 {
                    out.push_str(&format!("\\u{:04x}", c as u32));
                } else {
                    out.push_str(&format!("\\U{:08x}", c as u32));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_as_go_does() {
        assert_eq!(quote(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(
            quote("tab\there\nnl\r\u{1}\u{7f}"),
            r#""tab\there\nnl\r\x01\x7f""#
        );
        assert_eq!(quote("\u{7}\u{8}\u{b}\u{c}"), r#""\a\b\v\f""#);
        assert_eq!(quote("é日本"), "\"é日本\"");
        assert_eq!(quote_ascii("é😀"), r#""\u00e9\U0001f600""#);
        assert_eq!(quote("\u{85}"), r#""\u0085""#);
    }
}
