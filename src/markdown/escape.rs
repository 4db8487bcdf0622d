//! HTML escaping as goldmark's `util.EscapeHTML` does it: `&`, `<`, `>` and `"`.

/// Appends `text` with `&`, `<`, `>` and `"` escaped (goldmark escapes the same four in text
/// and in attribute values).
pub fn push_escaped(out: &mut String, text: &str) {
    let mut last = 0;
    for (i, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => continue,
        };
        out.push_str(&text[last..i]);
        out.push_str(entity);
        last = i + 1;
    }
    out.push_str(&text[last..]);
}

/// `text` escaped into a new string.
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_the_four_characters_goldmark_escapes() {
        assert_eq!(super::escaped(r#"a<b>&"c'"#), "a&lt;b&gt;&amp;&quot;c'");
    }
}
