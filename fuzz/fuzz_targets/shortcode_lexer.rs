//! Hugo's shortcode lexer, and the call tree built on it.
#![no_main]
use hugo_preview::shortcode::lexer::Lexer;
use hugo_preview::shortcode::tree::build;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let body = String::from_utf8_lossy(data);
    for item in Lexer::new(&body, 0) {
        std::hint::black_box(item);
    }
    let needs_inner = |name: &str| Some(name.len() % 2 == 0);
    std::hint::black_box(build(&body, 0, &needs_inner));
});
