//! Syntax highlighting as Hugo does it: Chroma's own lexer and style definitions (extracted from
//! the pinned Hugo binary by `scripts/extract-chroma.py`) run by a Rust engine, and Chroma's HTML.

pub mod data;
pub mod html;
pub mod lexer;
pub mod options;
pub mod style;
pub mod token;
mod xml;

use serde_json::{json, Map, Value};

use html::Attribute;
use options::{is_highlight_attribute, HighlightOptions, OptionValue};

/// Answers a highlighting request (the protocol in the main crate's `highlight` module):
/// `{"code", "lang", "kind": "fence"|"codeblock"|"shortcode"|"function", "options", "config", "ordinal"}`
/// to `{"html": …}` or `{"error": …}` (Hugo's message). Kind `"lexer"` asks whether there is
/// a lexer for `lang`: `{"html": "true"}` or `{"html": "false"}`.
pub fn answer(request: &str) -> String {
    match respond(request) {
        Ok(html) => json!({ "html": html }),
        Err(error) => json!({ "error": error }),
    }
    .to_string()
}

#[cfg(target_arch = "wasm32")]
mod wasm {
    use wasm_bindgen::prelude::wasm_bindgen;

    /// [`answer`](super::answer), for the package's JavaScript.
    #[wasm_bindgen]
    pub fn answer(request: &str) -> String {
        super::answer(request)
    }
}

fn respond(request: &str) -> Result<String, String> {
    let request: Value =
        serde_json::from_str(request).map_err(|e| format!("invalid highlight request: {e}"))?;
    let text = |key: &str| request.get(key).and_then(Value::as_str).unwrap_or("");
    let (code, lang, kind) = (text("code"), text("lang"), text("kind"));
    if kind == "lexer" {
        // `transform.CanHighlight LANG`: whether Chroma has a lexer for LANG.
        let known = !lang.is_empty() && lexer::registry().get(lang).is_some();
        return Ok(known.to_string());
    }
    let mut options = HighlightOptions::default();
    if let Some(Value::Object(config)) = request.get("config") {
        options.apply_site_config(&option_values(config))?;
    }
    match kind {
        "fence" | "codeblock" => {
            let attributes = match request.get("options") {
                Some(Value::Object(attributes)) => attributes.clone(),
                _ => Map::new(),
            };
            let (settings, html_attributes): (Vec<_>, Vec<_>) = attributes
                .iter()
                .partition(|(name, _)| is_highlight_attribute(name));
            let settings: Map<String, Value> = settings
                .into_iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            let ordinal = request.get("ordinal").and_then(Value::as_u64).unwrap_or(0) as usize;
            options.apply_code_block(&option_values(&settings), ordinal)?;
            let attributes: Vec<Attribute> = html_attributes
                .into_iter()
                .map(|(name, value)| Attribute {
                    name: name.clone(),
                    value: attribute_text(value),
                })
                .collect();
            // A fence's code ends with a line break; a hook's `.Inner` is coloured as it is.
            let code = if kind == "fence" {
                html::puts(code)
            } else {
                code.to_owned()
            };
            let mut lang = lang.to_string();
            let tokens = lex(&mut lang, &code, options.guess_syntax);
            html::render(tokens.as_deref(), &code, &lang, Some(&attributes), &options)
                .map(|h| h.html)
        }
        _ => {
            let (mut lang, mut code) = (lang.to_string(), code.to_string());
            match request.get("options") {
                Some(Value::String(given)) => options.apply_string(given, &mut lang, &mut code)?,
                Some(Value::Object(given)) => {
                    options.apply_map(&option_values(given), &mut lang, &mut code)?
                }
                _ => {}
            }
            let tokens = lex(&mut lang, &code, options.guess_syntax);
            html::render(tokens.as_deref(), &code, &lang, None, &options).map(|h| h.html)
        }
    }
}

/// The lexer's tokens for `code`, or `None` when Chroma has no lexer for `lang` (Hugo then
/// writes the code uncoloured). With `guessSyntax`, a missing or unknown language is guessed
/// from the code (Chroma's analysers, else plain text), and `lang` becomes the lexer's name in
/// lower case, as Hugo writes it.
fn lex(lang: &mut String, code: &str, guess: bool) -> Option<Vec<token::Token>> {
    let registry = lexer::registry();
    let found = if lang.is_empty() {
        None
    } else {
        registry.get(lang)
    };
    let id = match found {
        Some(id) => id,
        None if guess => {
            match registry.analyse(code) {
                Some(id) => {
                    *lang = registry.name(id).to_lowercase();
                    id
                }
                // Chroma's `Fallback`: plain text under the name `fallback`.
                None => {
                    *lang = "fallback".to_string();
                    registry.get("plaintext")?
                }
            }
        }
        None => return None,
    };
    registry.tokenise(id, code).ok()
}

/// JSON values as Hugo's option decoding receives them.
fn option_values(map: &Map<String, Value>) -> Vec<(String, OptionValue)> {
    map.iter()
        .filter_map(|(key, value)| Some((key.clone(), option_value(value)?)))
        .collect()
}

fn option_value(value: &Value) -> Option<OptionValue> {
    Some(match value {
        Value::Bool(b) => OptionValue::Bool(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) if !n.is_f64() => OptionValue::Int(i),
            _ => OptionValue::Float(n.as_f64()?),
        },
        Value::String(s) => OptionValue::String(s.clone()),
        // Line ranges, `[[1,1],[3,4]]`: what a code block's array attribute is in Hugo.
        Value::Array(items) => OptionValue::Ranges(
            items
                .iter()
                .filter_map(|pair| match pair.as_array()?.as_slice() {
                    [first, last] => Some((first.as_i64()?, last.as_i64()?)),
                    _ => None,
                })
                .collect(),
        ),
        Value::Null | Value::Object(_) => return None,
    })
}

/// An HTML attribute's value as Hugo writes a code block's attribute (strings as goldmark
/// escaped them, numbers as Go prints a float64).
fn attribute_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fence_in_hugo_s_default_style() {
        let out =
            answer(r#"{"code":"x := 1\n","lang":"go","kind":"fence","options":null,"config":{}}"#);
        let html: Value = serde_json::from_str(&out).unwrap();
        let html = html["html"].as_str().unwrap();
        assert!(html.starts_with("<div class=\"highlight\"><pre tabindex=\"0\" style=\"color:#f8f8f2;background-color:#272822;"), "{html}");
        assert!(
            html.contains("<span style=\"color:#a6e22e\">:=</span>") || html.contains(":="),
            "{html}"
        );
    }

    #[test]
    fn bad_options_are_errors_and_garbage_is_refused() {
        let out = answer(
            r#"{"code":"x","lang":"go","kind":"shortcode","options":"linenos","config":{}}"#,
        );
        assert!(out.contains("\"error\""), "{out}");
        assert!(answer("nope").contains("invalid highlight request"));
    }
}
