//! Go's and goldmark's escapers for HTML text and URLs. (`html/template`'s contextual
//! escapers are the template engine's own: `crate::template::escape`.)

/// Appends `text` with each byte that `entity` maps replaced by its entity.
// On every text of every render: a plain index loop, inlined with its `entity` (the crate is
// built for size, where the iterator adaptors stay calls).
#[inline(always)]
fn push_replaced(out: &mut String, text: &str, entity: impl Fn(u8) -> Option<&'static str>) {
    let bytes = text.as_bytes();
    let mut last = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(entity) = entity(bytes[i]) {
            out.push_str(&text[last..i]);
            out.push_str(entity);
            last = i + 1;
        }
        i += 1;
    }
    out.push_str(&text[last..]);
}

/// goldmark's `util.EscapeHTML`, for Markdown's text and attribute values: `&`, `<`, `>`
/// and `"`.
pub fn push_goldmark(out: &mut String, text: &str) {
    push_replaced(out, text, |b| match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        _ => None,
    });
}

/// Go's `html.EscapeString` (Hugo's `htmlEscape`, Chroma's code): `<`, `>`, `&`, `'`, `"`.
pub fn push_html(out: &mut String, text: &str) {
    push_replaced(out, text, html_entity);
}

/// [`push_html`] into a new string.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_html(&mut out, text);
    out
}

fn html_entity(b: u8) -> Option<&'static str> {
    match b {
        b'&' => Some("&amp;"),
        b'\'' => Some("&#39;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&#34;"),
        _ => None,
    }
}

/// Go's `text/template.HTMLEscapeString` (the `html` builtin): as [`html`], and NUL becomes
/// U+FFFD.
pub fn template_html(text: &str) -> String {
    html(text).replace('\0', "\u{FFFD}")
}

/// `golang.org/x/net/html`'s `EscapeString` (how bluemonday writes text): as [`html`], and
/// `\r` becomes `&#13;`.
pub fn push_net_html(out: &mut String, text: &str) {
    push_replaced(out, text, |b| match b {
        b'\r' => Some("&#13;"),
        b => html_entity(b),
    });
}

/// Go's `url.QueryEscape` (`urlquery`, `querify`): spaces as `+`, everything but
/// `A-Za-z0-9-_.~` percent-encoded with upper-case hex.
pub fn query(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        match b {
            b' ' => out.push('+'),
            b if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) => out.push(b as char),
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Go's `url.PathEscape` for one path segment.
pub fn path_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~$&+,:;=@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `s` as a JSON string literal (`"`, `\\` and control characters as `\u00XX`).
pub fn push_json_string(out: &mut String, s: &str) {
    out.push('"');
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        if b == b'"' || b == b'\\' || b < 0x20 {
            out.push_str(&s[from..i]);
            out.push_str(&format!("\\u{:04x}", b));
            from = i + 1;
        }
    }
    out.push_str(&s[from..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_escaper_escapes_its_set() {
        let s = "a<b>&\"c'\r\0";
        let mut goldmark = String::new();
        push_goldmark(&mut goldmark, s);
        assert_eq!(goldmark, "a&lt;b&gt;&amp;&quot;c'\r\0");
        assert_eq!(html(s), "a&lt;b&gt;&amp;&#34;c&#39;\r\0");
        assert_eq!(template_html(s), "a&lt;b&gt;&amp;&#34;c&#39;\r\u{FFFD}");
        let mut net = String::new();
        push_net_html(&mut net, s);
        assert_eq!(net, "a&lt;b&gt;&amp;&#34;c&#39;&#13;\0");
    }

    #[test]
    fn url_encoders_follow_go() {
        assert_eq!(query("a b&c=d/é~"), "a+b%26c%3Dd%2F%C3%A9~");
        assert_eq!(path_segment("a b/c?d&e"), "a%20b%2Fc%3Fd&e");
    }
}
