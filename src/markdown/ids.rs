//! Heading ids: Hugo's `autoIDType` sanitizers and de-duplication (`markup/goldmark/autoid.go`).
//!
//! In: the id source text of a heading (which text that is depends on the Hugo version, see
//! `hugo-behaviour.md` §5.1) and the id type. Out: the id, unique within the document except
//! for explicit `{#id}` ids, which Hugo never de-duplicates.

pub use crate::rules::anchor::sanitize_anchor;
use crate::rules::anchor::AutoIdType;
use std::collections::{HashMap, HashSet};

/// The ids used so far in one document (Hugo's `idFactory`).
#[derive(Debug, Default)]
pub struct IdRegistry {
    used: HashSet<String>,
    /// For each base id that has been taken, the suffix to try next. Ids are never released,
    /// so every `base-k` below it is known to be taken; without this, 10,000 identical headings
    /// would cost 50 million look-ups.
    next_suffix: HashMap<String, u64>,
}

impl IdRegistry {
    pub fn new() -> IdRegistry {
        IdRegistry::default()
    }

    /// Records an explicit `{#id}`: never de-duplicated, but generated ids avoid it.
    pub fn explicit(&mut self, id: &str) {
        self.used.insert(id.to_string());
    }

    /// A fresh id for `text`: sanitized, `fallback` when empty, then `-1`, `-2`… (the first
    /// free one) when taken. The result is registered. Hugo's fallbacks are `heading` for
    /// headings, `term` for definition terms and `id` otherwise.
    pub fn generate(&mut self, text: &str, kind: AutoIdType, fallback: &str) -> String {
        let mut base = sanitize_anchor(text, kind);
        if base.is_empty() {
            base = fallback.to_string();
        }
        if !self.used.contains(&base) {
            self.used.insert(base.clone());
            return base;
        }
        let mut suffix = self.next_suffix.get(&base).copied().unwrap_or(1);
        let id = loop {
            let candidate = format!("{base}-{suffix}");
            suffix = suffix.saturating_add(1);
            if !self.used.contains(&candidate) {
                break candidate;
            }
        };
        self.next_suffix.insert(base, suffix);
        self.used.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use AutoIdType::{Blackfriday, Github, GithubAscii};

    #[test]
    fn github_keeps_every_hyphen_and_space_as_a_hyphen() {
        assert_eq!(
            sanitize_anchor("Many   spaces  here", Github),
            "many---spaces--here"
        );
        assert_eq!(
            sanitize_anchor("Trailing hyphen-", Github),
            "trailing-hyphen-"
        );
        assert_eq!(
            sanitize_anchor("---leading hyphens", Github),
            "---leading-hyphens"
        );
    }

    #[test]
    fn github_drops_tabs_nbsp_symbols_and_emoji_after_trimming() {
        assert_eq!(sanitize_anchor("Tab\tSpace", Github), "tabspace");
        assert_eq!(
            sanitize_anchor("Nonbreaking\u{a0}Space", Github),
            "nonbreakingspace"
        );
        assert_eq!(sanitize_anchor("👍 thumbs", Github), "-thumbs");
        assert_eq!(
            sanitize_anchor("  Trailing Space \u{a0}", Github),
            "trailing-space"
        );
    }

    #[test]
    fn github_keeps_unicode_letters_lower_cased() {
        assert_eq!(sanitize_anchor("Ünïcode ÄÖÜ ß", Github), "ünïcode-äöü-ß");
        assert_eq!(
            sanitize_anchor("God is good: 神真美好", Github),
            "god-is-good-神真美好"
        );
        assert_eq!(sanitize_anchor("İstanbul", Github), "istanbul");
    }

    #[test]
    fn github_drops_marks_that_go_does_not_call_letters() {
        // U+093F DEVANAGARI VOWEL SIGN I is category Mc: Go's IsLetter is false.
        assert_eq!(sanitize_anchor("हिन्दी", Github), "हनद");
    }

    #[test]
    fn github_ascii_removes_accents_and_drops_other_non_ascii() {
        assert_eq!(
            sanitize_anchor("Résumé Ünïcödé", GithubAscii),
            "resume-unicode"
        );
        assert_eq!(
            sanitize_anchor("god is神真美好 good", GithubAscii),
            "god-is-good"
        );
        assert_eq!(sanitize_anchor("Straße", GithubAscii), "strae");
    }

    #[test]
    fn blackfriday_joins_words_with_single_hyphens() {
        assert_eq!(
            sanitize_anchor("Let's try this, shall we?", Blackfriday),
            "let-s-try-this-shall-we"
        );
        assert_eq!(
            sanitize_anchor("  --Under_score²  ", Blackfriday),
            "under-score²"
        );
        assert_eq!(sanitize_anchor("?!", Blackfriday), "");
    }

    #[test]
    fn duplicates_get_the_first_free_numeric_suffix() {
        let mut ids = IdRegistry::new();
        let got: Vec<String> = ["Hello World", "Hello World", "Hello World", "hello-world"]
            .iter()
            .map(|t| ids.generate(t, Github, "heading"))
            .collect();
        assert_eq!(
            got,
            [
                "hello-world",
                "hello-world-1",
                "hello-world-2",
                "hello-world-3"
            ]
        );
    }

    #[test]
    fn suffixes_skip_ids_taken_by_explicit_ids() {
        let mut ids = IdRegistry::new();
        ids.explicit("a-1");
        assert_eq!(ids.generate("a", Github, "heading"), "a");
        assert_eq!(ids.generate("a", Github, "heading"), "a-2");
        ids.explicit("a-3");
        assert_eq!(ids.generate("a", Github, "heading"), "a-4");
    }

    #[test]
    fn explicit_ids_are_never_de_duplicated_but_generated_ids_avoid_them() {
        let mut ids = IdRegistry::new();
        ids.explicit("custom");
        ids.explicit("custom");
        assert_eq!(ids.generate("custom", Github, "heading"), "custom-1");
    }

    #[test]
    fn empty_ids_use_the_fallback_which_is_de_duplicated_too() {
        let mut ids = IdRegistry::new();
        assert_eq!(ids.generate("", Github, "heading"), "heading");
        assert_eq!(ids.generate("?!", Github, "heading"), "heading-1");
        assert_eq!(ids.generate("  ", Github, "term"), "term");
    }

    #[test]
    fn generated_suffix_can_collide_with_a_later_heading_text() {
        let mut ids = IdRegistry::new();
        assert_eq!(ids.generate("x", Github, "heading"), "x");
        assert_eq!(ids.generate("x", Github, "heading"), "x-1");
        assert_eq!(ids.generate("x-1", Github, "heading"), "x-1-1");
        assert_eq!(ids.generate("x-2", Github, "heading"), "x-2");
        assert_eq!(ids.generate("x", Github, "heading"), "x-3");
    }

    #[test]
    fn ten_thousand_identical_headings_stay_fast() {
        let mut ids = IdRegistry::new();
        let mut last = String::new();
        for _ in 0..10_000 {
            last = ids.generate("Same", Github, "heading");
        }
        assert_eq!(last, "same-9999");
    }
}
