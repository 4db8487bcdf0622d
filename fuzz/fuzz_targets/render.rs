//! The whole render with arbitrary options: the first two bytes switch options on and off,
//! the rest is the content file. Nothing may panic; every diagnostic lies inside the source.
#![no_main]
use hugo_preview::Renderer;
use libfuzzer_sys::fuzz_target;

#[path = "../render_options.rs"]
mod render_options;
use render_options::render_target_options;

fuzz_target!(|data: &[u8]| {
    let (flags, rest) = match data {
        [a, b, rest @ ..] => (u16::from_le_bytes([*a, *b]), rest),
        _ => (0, data),
    };
    let source = String::from_utf8_lossy(rest);
    let out = Renderer::new(render_target_options(flags)).render(&source);
    for d in &out.diagnostics {
        if d.location.is_content() {
            assert!(d.span.start <= d.span.end && d.span.end <= source.len());
            assert!(source.is_char_boundary(d.span.start) && source.is_char_boundary(d.span.end));
        }
    }
});
