//! The QR code of Hugo's `qr` shortcode: the code's modules, as an SVG path.
//!
//! Not part of the core module: the npm package loads this as a WebAssembly module of its own
//! the first time a page has a QR code (the core's size budget has no room for the encoder),
//! and the CLI and the library link it in (the main crate's cargo feature `qr`). Both ask with
//! the same JSON request (`src/shortcode/builtins/qr.rs` in the main crate):
//!
//! ```json
//! {"text": "https://gohugo.io/", "level": "low" | "medium" | "quartile" | "high"}
//! ```
//!
//! and get `{"size": 25, "path": "M4,4h7v1h-7z…"}` (the code's width in modules, and its dark
//! modules as runs in a frame with a 4-module quiet zone on each side) or `{"error": "…"}`.

use qrcodegen::{QrCode, QrCodeEcc, QrSegment, Version};
use serde_json::{json, Value};

/// Modules of white border on each side (the QR specification's quiet zone).
pub const QUIET_ZONE: i32 = 4;

/// Answers a request (see the crate's documentation).
pub fn answer(request: &str) -> String {
    let request: Value = serde_json::from_str(request).unwrap_or(Value::Null);
    let text = request.get("text").and_then(Value::as_str).unwrap_or("");
    let level = match request.get("level").and_then(Value::as_str) {
        Some("low") => QrCodeEcc::Low,
        Some("medium") => QrCodeEcc::Medium,
        Some("quartile") => QrCodeEcc::Quartile,
        Some("high") => QrCodeEcc::High,
        other => return json!({ "error": format!("unknown level {other:?}") }).to_string(),
    };
    // Byte mode at the given level, never boosted, as `rsc.io/qr` (Hugo's encoder) encodes.
    let segments = [QrSegment::make_bytes(text.as_bytes())];
    match QrCode::encode_segments_advanced(
        &segments,
        level,
        Version::MIN,
        Version::MAX,
        None,
        false,
    ) {
        Ok(code) => json!({ "size": code.size(), "path": path(&code) }).to_string(),
        Err(_) => json!({ "error": "too long" }).to_string(),
    }
}

/// The dark modules as one SVG path of horizontal runs, one unit per module, inside the quiet
/// zone.
fn path(code: &QrCode) -> String {
    let size = code.size();
    let mut path = String::new();
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if !code.get_module(x, y) {
                x += 1;
                continue;
            }
            let run_start = x;
            while x < size && code.get_module(x, y) {
                x += 1;
            }
            let run = x - run_start;
            path.push_str(&format!(
                "M{},{}h{run}v1h-{run}z",
                run_start + QUIET_ZONE,
                y + QUIET_ZONE
            ));
        }
    }
    path
}

#[cfg(target_arch = "wasm32")]
mod wasm {
    use wasm_bindgen::prelude::wasm_bindgen;

    /// [`answer`](super::answer), for the package's JavaScript. Named `qrAnswer`: a build that
    /// links this crate and the highlighter into one module (the main crate's wasm tests, with
    /// its default features) would otherwise export `answer` twice.
    #[wasm_bindgen(js_name = qrAnswer)]
    pub fn answer(request: &str) -> String {
        super::answer(request)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_with_the_code_or_why_not() {
        let answer: Value =
            serde_json::from_str(&answer(r#"{"text":"https://gohugo.io/","level":"medium"}"#))
                .unwrap();
        assert_eq!(answer["size"], 25);
        assert!(answer["path"].as_str().unwrap().starts_with("M4,4h7v1h-7z"));
        let long = "x".repeat(3000);
        let answer = super::answer(&json!({"text": long, "level": "high"}).to_string());
        assert_eq!(answer, r#"{"error":"too long"}"#);
        assert!(super::answer(r#"{"text":"a","level":"max"}"#).contains("unknown level"));
    }
}
