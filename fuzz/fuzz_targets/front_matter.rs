//! Front matter detection and decoding (TOML, YAML, JSON, Org), and the typed page fields.
#![no_main]
use hugo_preview::front_matter::{self, PageFields};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    let mut diagnostics = Vec::new();
    let parsed = front_matter::parse(&source, &mut diagnostics);
    std::hint::black_box(PageFields::from_front_matter(&parsed, &mut diagnostics));
    std::hint::black_box(parsed.tree());
});
