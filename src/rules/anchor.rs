//! Heading ids as Hugo makes them from text (`autoIDType`; `anchorize`).

use crate::rules::unicode::{is_digit, is_letter, is_number, remove_accent, to_lower};
use serde::{Deserialize, Serialize};

/// How heading ids are made from heading text (`parser.autoIDType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum AutoIdType {
    /// Hugo's default: lower-cased letters, digits and `_`; spaces and `-` become `-`.
    #[default]
    #[serde(rename = "github")]
    Github,
    /// Like `github`, with accents removed and other non-ASCII dropped.
    #[serde(rename = "github-ascii")]
    GithubAscii,
    /// The legacy Blackfriday rules.
    #[serde(rename = "blackfriday")]
    Blackfriday,
}

/// The id text for `text` under the given id type, before de-duplication. May be empty.
pub fn sanitize_anchor(text: &str, kind: AutoIdType) -> String {
    match kind {
        AutoIdType::Github => sanitize_github(text, false),
        AutoIdType::GithubAscii => sanitize_github(text, true),
        AutoIdType::Blackfriday => sanitize_blackfriday(text),
    }
}

/// Hugo's `sanitizeAnchorNameWithHook` for `github` and `github-ascii`: trim white space, then
/// per character: `-` and U+0020 become `-`; `_`, letters and digits are lower-cased; all else
/// is dropped. Runs of `-` are neither collapsed nor trimmed (`Many   spaces` →
/// `many---spaces`).
fn sanitize_github(text: &str, ascii_only: bool) -> String {
    let mut out = String::with_capacity(text.len());
    // Hugo removes accents before trimming; only characters that fold to ASCII can change, so
    // trimming first and folding per character gives the same result.
    for c in text.trim().chars() {
        let c = if ascii_only && !c.is_ascii() {
            match remove_accent(c) {
                Some(folded) => folded,
                None => continue,
            }
        } else {
            c
        };
        match c {
            '-' | ' ' => out.push('-'),
            c if c == '_' || is_letter(c) || is_digit(c) => out.push(to_lower(c)),
            _ => {}
        }
    }
    out
}

/// Blackfriday's `SanitizedAnchorName` (kept by Hugo in `markup/blackfriday/anchors.go`):
/// letters and numbers lower-cased, every other run becomes one `-` between words, none at the
/// ends (`Let's try this, shall we?` → `let-s-try-this-shall-we`).
fn sanitize_blackfriday(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if is_letter(c) || is_number(c) {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(to_lower(c));
        } else {
            pending_dash = true;
        }
    }
    out
}
