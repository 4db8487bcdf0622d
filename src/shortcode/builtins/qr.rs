//! `qr` (HEAD `_shortcodes/qr.html`): a real QR code.
//!
//! Hugo's `images.QR` writes a PNG into the published site; a preview has no files to
//! publish, so the same code (byte mode, the given error correction level, never boosted, as
//! `rsc.io/qr` encodes) becomes an SVG in a `data:` URL. The `<img>` carries the size Hugo
//! computes: the modules plus a 4-module quiet zone on each side, times `scale`.
//!
//! The encoder is the `hugo-preview-qr` crate ([`crate::modules`]): linked in natively
//! (cargo feature `qr`), a module of its own in the npm package, asked with
//! `{"text", "level"}` and answering `{"size", "path"}` (the dark modules, quiet zone
//! included) or `{"error"}`. While the package loads it the code is left out (`qrPending`).

use super::{escape, get, get_string, position};
use crate::shortcode::call::{go_string, Call, Env, Report};
use serde_json::Value;

const LEVELS: &[&str] = &["low", "medium", "quartile", "high"];
const MINIMUM_SCALE: i64 = 2;
/// Modules of white border on each side (the QR specification's quiet zone; the encoder's
/// path leaves it).
const QUIET_ZONE: i64 = 4;

/// The encoder linked into this build, if any (cargo feature `qr`).
pub fn native_backend() -> Option<crate::modules::Backend> {
    #[cfg(feature = "qr")]
    {
        Some(Box::new(|request: &str| Some(hugo_preview_qr::answer(request))))
    }
    #[cfg(not(feature = "qr"))]
    {
        None
    }
}

pub fn qr(call: &Call, env: &Env, report: &mut Report) -> String {
    let named = |key: &str| get_string(call, key, None);
    let text = named("text").unwrap_or_else(|| call.inner.trim().to_owned());
    let level = named("level").unwrap_or_else(|| "medium".into());
    let scale = match get(call, "scale", None) {
        None => Some(4),
        Some(value) => integer(&value),
    };
    let mut failed = false;
    if text.is_empty() {
        report.error(format!(
            "The \"{}\" shortcode requires a \"text\" argument. See {}",
            call.name,
            position(call, env)
        ));
        failed = true;
    }
    if !LEVELS.contains(&level.as_str()) {
        report.error(format!(
            "The \"level\" argument passed to the \"{}\" shortcode must be one of low, medium, quartile, or high. See {}",
            call.name,
            position(call, env)
        ));
        failed = true;
    }
    let scale = scale.filter(|&s| s >= MINIMUM_SCALE);
    if scale.is_none() {
        report.error(format!(
            "The \"scale\" argument passed to the \"{}\" shortcode must be an integer greater than or equal to {MINIMUM_SCALE}. See {}",
            call.name,
            position(call, env)
        ));
        failed = true;
    }
    let (false, Some(scale)) = (failed, scale) else {
        return String::new();
    };
    let mut request = String::from("{\"text\":");
    crate::rules::escape::push_json_string(&mut request, &text);
    request.push_str(",\"level\":");
    crate::rules::escape::push_json_string(&mut request, &level);
    request.push('}');
    let Some(answer) = env.qr.ask(&request) else {
        if !env.qr.available() {
            report.error(format!(
                "The \"{}\" shortcode: this build of the preview has no QR encoder (the npm \
                 package loads it, the CLI and library have it with the cargo feature `qr`). See {}",
                call.name,
                position(call, env)
            ));
        }
        // Loading: the next render has the code.
        return String::new();
    };
    let answer: Value = serde_json::from_str(&answer).unwrap_or(Value::Null);
    let (Some(size), Some(path)) = (
        answer.get("size").and_then(Value::as_i64),
        answer.get("path").and_then(Value::as_str),
    ) else {
        report.error(format!(
            "The \"{}\" shortcode cannot encode {} bytes at level {level}: that is more than a QR code holds. Shorten the text or lower the level. See {}",
            call.name,
            text.len(),
            position(call, env)
        ));
        return String::new();
    };
    let full = size + 2 * QUIET_ZONE;
    let Some(width) = full.checked_mul(scale) else {
        report.error(format!(
            "The \"scale\" argument passed to the \"{}\" shortcode is too large. See {}",
            call.name,
            position(call, env)
        ));
        return String::new();
    };
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{width}\" viewBox=\"0 0 {full} {full}\" shape-rendering=\"crispEdges\"><rect width=\"{full}\" height=\"{full}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>"
    );
    let mut out = format!(
        "<img src=\"data:image/svg+xml;base64,{}\" width=\"{width}\" height=\"{width}\"",
        base64(svg.as_bytes())
    );
    for key in ["alt", "class", "id", "title", "loading"] {
        if let Some(value) = named(key) {
            out.push_str(&format!(" {key}=\"{}\"", escape::text(&value)));
        }
    }
    out.push('>');
    out
}

/// An integer as Hugo's template compares it: a whole number (or a string holding one).
fn integer(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 1e15)
                .map(|f| f as i64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        other => go_string(other).parse().ok(),
    }
}

/// Standard base64 with padding (RFC 4648 §4).
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> shift) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::base64;

    #[test]
    fn encodes_base64_as_rfc_4648_does() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
