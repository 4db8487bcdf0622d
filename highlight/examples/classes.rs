//! Prints the token classes of code files as JSON, for the agreement check with Chroma
//! (tests/highlight/agreement.py): `classes <lang>=<file>...` → `{"<file>": [[class, text], …]}`.

use hugo_preview_highlight::lexer::registry;
use hugo_preview_highlight::token::coalesce;

fn main() {
    let mut out = String::from("{");
    for (n, arg) in std::env::args().skip(1).enumerate() {
        let (lang, path) = arg.split_once('=').expect("<lang>=<file>");
        let code = std::fs::read_to_string(path).expect("readable file");
        let registry = registry();
        let tokens = match registry.get(lang) {
            Some(id) => coalesce(registry.tokenise(id, &code).unwrap_or_default()),
            None => Vec::new(),
        };
        if n > 0 {
            out.push(',');
        }
        out.push_str(&json(path));
        out.push_str(":[");
        for (i, token) in tokens.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&format!(
                "[{},{}]",
                json(token.ty.class()),
                json(&token.value)
            ));
        }
        out.push(']');
    }
    out.push('}');
    println!("{out}");
}

fn json(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
