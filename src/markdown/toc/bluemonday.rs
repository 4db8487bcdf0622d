//! The part of bluemonday (v1.0.27, over `golang.org/x/net/html`'s tokenizer) that Hugo's TOC
//! policy (`newTOCSanitizerPolicy`) exercises. One pass over the input, no recursion.

use crate::rules::entities::{unescape, unescape_attribute};
use crate::rules::escape::push_net_html;

/// Hugo's allow-list (`AllowElements`), plus `img` from `AllowImages`.
const ALLOWED: &[&str] = &[
    "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "i", "img", "ins",
    "kbd", "mark", "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strong", "sub", "sup",
    "time", "u", "var", "wbr",
];
/// Allowed elements that bluemonday drops when no attribute survives: they are not in its
/// `setOfElementsAllowedWithoutAttrs`.
const NEED_ATTRIBUTES: &[&str] = &["bdo", "data", "img"];
/// bluemonday's `setOfElementsToSkipContent`.
const SKIP_CONTENT: &[&str] = &[
    "frameset", "iframe", "noembed", "noframes", "noscript", "nostyle", "object", "script",
    "style", "title",
];

struct Tag {
    name: String,
    end: bool,
    self_closing: bool,
    attributes: Vec<(String, String)>,
    /// Bytes consumed, including `<` and `>`.
    len: usize,
}

pub(super) fn sanitize(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut skip_depth = 0usize;
    let mut closing_to_skip: Vec<String> = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(&mut out, rest, skip_depth);
            break;
        };
        let (text, markup) = rest.split_at(lt);
        push_text(&mut out, text, skip_depth);
        let consumed = if let Some(after) = markup.strip_prefix("<!--") {
            // Comments are dropped (bluemonday's default).
            after.find("-->").map_or(markup.len(), |end| 4 + end + 3)
        } else if markup.starts_with("<!") || markup.starts_with("<?") {
            markup.find('>').map_or(markup.len(), |end| end + 1)
        } else if let Some(tag) = parse_tag(markup) {
            let len = tag.len;
            let raw_text_end = if !tag.end && (tag.name == "script" || tag.name == "style") {
                // x/net/html reads script and style content as raw text up to the matching
                // end tag, and bluemonday drops it.
                let close = format!("</{}", tag.name);
                let tail = markup.get(len..).unwrap_or("");
                Some(tail.to_ascii_lowercase().find(&close).unwrap_or(tail.len()))
            } else {
                None
            };
            handle_tag(&mut out, tag, &mut skip_depth, &mut closing_to_skip);
            len + raw_text_end.unwrap_or(0)
        } else {
            // A `<` that does not start a tag is text.
            push_text(&mut out, "<", skip_depth);
            1
        };
        rest = markup.get(consumed..).unwrap_or("");
    }
    out
}

fn handle_tag(
    out: &mut String,
    tag: Tag,
    skip_depth: &mut usize,
    closing_to_skip: &mut Vec<String>,
) {
    let allowed = ALLOWED.contains(&tag.name.as_str());
    if tag.end {
        if closing_to_skip.last() == Some(&tag.name) {
            closing_to_skip.pop();
            return;
        }
        if !allowed {
            if SKIP_CONTENT.contains(&tag.name.as_str()) {
                *skip_depth = skip_depth.saturating_sub(1);
            }
            return;
        }
        if *skip_depth == 0 {
            out.push_str("</");
            out.push_str(&tag.name);
            out.push('>');
        }
        return;
    }
    if !allowed {
        if !tag.self_closing
            && SKIP_CONTENT.contains(&tag.name.as_str())
            && tag.name != "script"
            && tag.name != "style"
        {
            *skip_depth += 1;
        }
        return;
    }
    let attributes: Vec<(String, String)> = tag
        .attributes
        .into_iter()
        .filter_map(|(key, value)| clean_attribute(&tag.name, key, value))
        .collect();
    if attributes.is_empty() && NEED_ATTRIBUTES.contains(&tag.name.as_str()) {
        if !tag.self_closing {
            closing_to_skip.push(tag.name);
        }
        return;
    }
    if *skip_depth > 0 {
        return;
    }
    out.push('<');
    out.push_str(&tag.name);
    for (key, value) in &attributes {
        out.push(' ');
        out.push_str(key);
        out.push_str("=\"");
        push_net_html(out, value);
        out.push('"');
    }
    out.push_str(if tag.self_closing { "/>" } else { ">" });
}

/// The attribute policy: `AllowStandardAttributes`, `AllowStyling`, `AllowImages` and the
/// element attributes Hugo adds. Regexes are bluemonday's; note `id` and `lang` are not
/// anchored there, so any value containing one matching run passes.
fn clean_attribute(element: &str, key: String, value: String) -> Option<(String, String)> {
    let ok = match key.as_str() {
        "dir" => value.eq_ignore_ascii_case("rtl") || value.eq_ignore_ascii_case("ltr"),
        "lang" => {
            let mut run = 0;
            value.chars().any(|c| {
                run = if c.is_ascii_alphabetic() { run + 1 } else { 0 };
                run >= 2
            })
        }
        "id" => value
            .chars()
            .any(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '-' | '_' | '.')),
        "title" => is_paragraph(&value),
        "class" => {
            !value.is_empty()
                && value.chars().all(|c| {
                    is_regexp_space(c)
                        || crate::rules::unicode::is_letter(c)
                        || crate::rules::unicode::is_number(c)
                        || c == '_'
                        || c == '-'
                })
        }
        "align" if element == "img" => [
            "left",
            "right",
            "top",
            "texttop",
            "middle",
            "absmiddle",
            "baseline",
            "bottom",
            "absbottom",
        ]
        .iter()
        .any(|a| value.eq_ignore_ascii_case(a)),
        "alt" if element == "img" => is_paragraph(&value),
        "height" | "width" if element == "img" => {
            let digits = value.strip_suffix('%').unwrap_or(&value);
            !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
        }
        "src" if element == "img" => return valid_url(&value).map(|url| (key, url)),
        "cite" if matches!(element, "del" | "ins" | "q") => {
            return valid_url(&value).map(|url| (key, url))
        }
        "datetime" => matches!(element, "del" | "ins" | "time"),
        "value" => element == "data",
        _ => false,
    };
    ok.then_some((key, value))
}

/// bluemonday's `Paragraph`: `^[\p{L}\p{N}\s\-_',\[\]!\./\\\(\)]*$`.
fn is_paragraph(value: &str) -> bool {
    value.chars().all(|c| {
        crate::rules::unicode::is_letter(c)
            || crate::rules::unicode::is_number(c)
            || is_regexp_space(c)
            || "-_',[]!./\\()".contains(c)
    })
}

/// Go regexp `\s`.
fn is_regexp_space(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{c}' | '\r' | ' ')
}

/// `AllowStandardURLs`: parseable, no inner white space, scheme `http`, `https` or `mailto`,
/// or relative. (bluemonday re-serializes with Go's `url.String`; that normalization is
/// not copied.)
fn valid_url(value: &str) -> Option<String> {
    let url = value.trim();
    if url.contains([' ', '\t', '\n']) || url.is_empty() {
        return None;
    }
    if let Some(colon) = url.find(':') {
        let scheme = url.get(..colon).unwrap_or("");
        let is_scheme = scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if is_scheme {
            let scheme = scheme.to_ascii_lowercase();
            if !matches!(scheme.as_str(), "http" | "https" | "mailto") {
                return None;
            }
        } else if !url.get(..colon).is_some_and(|s| s.contains('/')) {
            // Go's url.Parse rejects a first path segment containing a colon.
            return None;
        }
    }
    Some(url.to_string())
}

/// A start or end tag as x/net/html tokenizes it, or `None` when `<` starts text.
fn parse_tag(markup: &str) -> Option<Tag> {
    let bytes = markup.as_bytes();
    let end = bytes.get(1) == Some(&b'/');
    let name_start = if end { 2 } else { 1 };
    if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let mut i = name_start;
    while i < bytes.len()
        && !matches!(
            bytes[i],
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>'
        )
    {
        i += 1;
    }
    let name = markup.get(name_start..i)?.to_ascii_lowercase();
    let mut attributes = Vec::new();
    let mut self_closing = false;
    loop {
        while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/') {
            if bytes[i] == b'/' && bytes.get(i + 1) == Some(&b'>') {
                self_closing = true;
            }
            i += 1;
        }
        if i >= bytes.len() {
            break;
        }
        if bytes[i] == b'>' {
            i += 1;
            break;
        }
        let key_start = i;
        while i < bytes.len()
            && !matches!(
                bytes[i],
                b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>' | b'='
            )
        {
            i += 1;
        }
        if i == key_start {
            // A lone `=`: x/net/html makes it part of an attribute name.
            i += 1;
        }
        let key = markup.get(key_start..i).unwrap_or("").to_ascii_lowercase();
        while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
            i += 1;
        }
        let mut value = String::new();
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
                i += 1;
            }
            match bytes.get(i) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let start = i + 1;
                    let close = markup
                        .get(start..)
                        .and_then(|s| s.find(char::from(quote)))
                        .map_or(bytes.len(), |at| start + at);
                    value = unescape_attribute(markup.get(start..close).unwrap_or(""));
                    i = (close + 1).min(bytes.len());
                }
                _ => {
                    let start = i;
                    while i < bytes.len()
                        && !matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'>')
                    {
                        i += 1;
                    }
                    value = unescape_attribute(markup.get(start..i).unwrap_or(""));
                }
            }
        }
        if !end && !attributes.iter().any(|(k, _): &(String, String)| *k == key) {
            attributes.push((key, value));
        }
    }
    Some(Tag {
        name,
        end,
        self_closing: self_closing && !end,
        attributes,
        len: i,
    })
}

fn push_text(out: &mut String, text: &str, skip_depth: usize) {
    if skip_depth == 0 && !text.is_empty() {
        push_net_html(out, &unescape(text));
    }
}
