//! Prints the token classes of code files as JSON, for the agreement check with Chroma
//! (tests/highlight/agreement.py): `classes <lang>=<file>...` → `{"<file>": [[class, text], …]}`.

use hugo_preview_highlight::lexer::registry;
use hugo_preview_highlight::token::coalesce;
use serde_json::{json, Map, Value};

fn main() {
    let registry = registry();
    let mut out = Map::new();
    for arg in std::env::args().skip(1) {
        let (lang, path) = arg.split_once('=').expect("<lang>=<file>");
        let code = std::fs::read_to_string(path).expect("readable file");
        let tokens = match registry.get(lang) {
            Some(id) => coalesce(registry.tokenise(id, &code).unwrap_or_default()),
            None => Vec::new(),
        };
        let classes = tokens
            .iter()
            .map(|t| json!([t.ty.class(), t.value]))
            .collect();
        out.insert(path.to_string(), Value::Array(classes));
    }
    println!("{}", Value::Object(out));
}
