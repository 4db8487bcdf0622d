//! A small reader for the XML that Chroma's lexer and style files use: elements with attributes
//! (an attribute may repeat, as in `<combined state="a" state="b"/>`), text, comments, the five
//! named entities and numeric character references. Not a general XML parser.

/// An element: its name, attributes in order, child elements and text content.
#[derive(Debug, Default, Clone)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Element>,
    pub text: String,
}

impl Element {
    /// The first value of an attribute.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of an attribute that may repeat.
    pub fn attrs_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.attrs
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }
}

/// Parses a document into its root element. Nesting is handled with an explicit stack.
pub fn parse(text: &str) -> Result<Element, String> {
    let bytes = text.as_bytes();
    let mut stack: Vec<Element> = vec![Element::default()];
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            let end = text[i..].find('<').map_or(text.len(), |n| i + n);
            let top = stack.last_mut().ok_or("unbalanced")?;
            top.text.push_str(&unescape(&text[i..end]));
            i = end;
            continue;
        }
        let rest = &text[i..];
        if rest.starts_with("<!--") {
            i += rest.find("-->").ok_or("unterminated comment")? + 3;
        } else if rest.starts_with("<?") || rest.starts_with("<!") {
            i += rest.find('>').ok_or("unterminated declaration")? + 1;
        } else if let Some(close) = rest.strip_prefix("</") {
            let end = close.find('>').ok_or("unterminated end tag")?;
            let name = close[..end].trim();
            let done = stack.pop().ok_or("unbalanced")?;
            if done.name != name {
                return Err(format!("</{name}> closes <{}>", done.name));
            }
            stack.last_mut().ok_or("unbalanced")?.children.push(done);
            i += 2 + end + 1;
        } else {
            let (element, len, self_closing) = start_tag(&rest[1..])?;
            i += 1 + len;
            if self_closing {
                stack.last_mut().ok_or("unbalanced")?.children.push(element);
            } else {
                stack.push(element);
            }
        }
    }
    let mut document = stack.pop().ok_or("unbalanced")?;
    if !stack.is_empty() {
        return Err("unclosed element".into());
    }
    document.children.pop().ok_or_else(|| "no element".into())
}

/// Reads `name attr="v" …>` or `…/>`; returns the element, bytes consumed and whether it closed.
fn start_tag(s: &str) -> Result<(Element, usize, bool), String> {
    let name_end = s
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .ok_or("unterminated tag")?;
    let mut element = Element {
        name: s[..name_end].to_string(),
        ..Element::default()
    };
    let mut i = name_end;
    loop {
        let rest = &s[i..];
        let trimmed = rest.trim_start();
        i += rest.len() - trimmed.len();
        if let Some(after) = trimmed.strip_prefix("/>") {
            return Ok((element, s.len() - after.len(), true));
        }
        if let Some(after) = trimmed.strip_prefix('>') {
            return Ok((element, s.len() - after.len(), false));
        }
        let eq = trimmed.find('=').ok_or("attribute without value")?;
        let name = trimmed[..eq].trim().to_string();
        let value_start = trimmed[eq + 1..].trim_start();
        let quote = value_start.chars().next().ok_or("unterminated attribute")?;
        if quote != '"' && quote != '\'' {
            return Err("unquoted attribute".into());
        }
        let close = value_start[1..]
            .find(quote)
            .ok_or("unterminated attribute")?;
        element
            .attrs
            .push((name, unescape(&value_start[1..1 + close])));
        let consumed = trimmed.len() - value_start.len() + 1 + close + 1;
        i += consumed;
    }
}

/// Decodes `&lt;`, `&gt;`, `&amp;`, `&quot;`, `&apos;` and `&#…;` references.
pub fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(semi) = rest.bytes().take(12).position(|b| b == b';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let decoded = match entity {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_repeated_attributes_and_entities() {
        let doc = parse(
            "<lexer><!-- c --><config><name>C&amp;C</name></config>\
             <rule pattern=\"a&#xA;&lt;b&#39;\"><combined state=\"x\" state=\"y\"/></rule></lexer>",
        )
        .unwrap();
        assert_eq!(doc.name, "lexer");
        assert_eq!(
            doc.child("config").unwrap().child("name").unwrap().text,
            "C&C"
        );
        let rule = doc.child("rule").unwrap();
        assert_eq!(rule.attr("pattern"), Some("a\n<b'"));
        let states: Vec<_> = rule
            .child("combined")
            .unwrap()
            .attrs_named("state")
            .collect();
        assert_eq!(states, ["x", "y"]);
    }

    #[test]
    fn malformed_input_is_an_error() {
        assert!(parse("<a><b></a>").is_err());
        assert!(parse("<a").is_err());
        assert!(parse("<a x=1/>").is_err());
        assert!(parse("").is_err());
        assert_eq!(unescape("&gt;≥≠≡&amp"), ">≥≠≡&amp");
    }
}
