//! What Go and goldmark count as space.

/// Go's `unicode.IsSpace` (`strings.TrimSpace`, `strings.Fields`, Hugo's word counts) and
/// goldmark's `util.IsSpaceRune`: the Unicode `White_Space` property, which is exactly what
/// `char::is_whitespace` tests (in Latin-1: `\t \n \v \f \r`, space, U+0085, U+00A0).
pub fn is_go_space(c: char) -> bool {
    c.is_whitespace()
}

/// goldmark's `util.IsSpace` for a byte: space, `\t`, `\n`, `\v`, `\f`, `\r`.
pub fn is_goldmark_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_space_is_unicode_white_space() {
        for c in [
            '\t', '\n', '\u{b}', '\u{c}', '\r', ' ', '\u{85}', '\u{a0}', '\u{3000}', '\u{2028}',
        ] {
            assert!(is_go_space(c), "{c:?}");
        }
        for c in ['\u{200b}', '\u{feff}', 'a', '\0'] {
            assert!(!is_go_space(c), "{c:?}");
        }
    }
}
