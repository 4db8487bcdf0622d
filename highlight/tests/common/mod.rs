//! Shared by the fixture tests: reading Chroma's token stream back from Hugo's class output.

use hugo_preview_highlight::token::{Token, TokenType};

pub fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&#34;", "\"")
        .replace("&amp;", "&")
}

fn type_of_class(class: &str) -> TokenType {
    TokenType::all()
        .find(|t| t.class() == class)
        .unwrap_or_else(|| panic!("class {class}"))
}

/// Tokens from Chroma's class-based markup of the first block in `html` (`<span class="line">
/// <span class="cl">…`): each class is read as the first type with that class, bare text as `Text`.
pub fn tokens_from_classes(html: &str) -> Vec<Token> {
    let open = html.find("data-lang=\"").unwrap();
    let start = open + html[open..].find('>').unwrap() + 1;
    let end = start + html[start..].find("</code>").unwrap();
    let mut rest = &html[start..end];
    let mut out = Vec::new();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("<span class=\"") {
            let q = r.find('"').unwrap();
            let class = &r[..q];
            let r = &r[q + 2..];
            if class.starts_with("line") || class == "cl" {
                rest = r;
                continue;
            }
            let close = r.find("</span>").unwrap();
            out.push(Token {
                ty: type_of_class(class),
                value: unescape(&r[..close]),
            });
            rest = &r[close + "</span>".len()..];
        } else if let Some(r) = rest.strip_prefix("</span>") {
            rest = r;
        } else {
            let next = rest.find('<').unwrap_or(rest.len());
            out.push(Token {
                ty: TokenType::TEXT,
                value: unescape(&rest[..next]),
            });
            rest = &rest[next..];
        }
    }
    out
}
