//! The whole render with arbitrary options: the first two bytes switch options on and off,
//! the rest is the content file. Nothing may panic; every diagnostic lies inside the source.
#![no_main]
use hugo_preview::{RenderOptions, Renderer};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (flags, rest) = match data {
        [a, b, rest @ ..] => (u16::from_le_bytes([*a, *b]), rest),
        _ => (0, data),
    };
    let source = String::from_utf8_lossy(rest);
    let mut options = RenderOptions::default();
    let g = &mut options.markup.goldmark;
    let bit = |i: u16| flags & (1 << i) != 0;
    g.unsafe_html = bit(0);
    g.hard_wraps = bit(1);
    g.typographer = !bit(2);
    g.linkify = !bit(3);
    g.footnote = !bit(4);
    g.attribute_title = !bit(5);
    g.auto_heading_id = !bit(6);
    options.embeds = bit(7);
    options.source_lines = bit(8);
    options.markup.table_of_contents.ordered = bit(9);
    options.markup.table_of_contents.end_level = if bit(10) { -1 } else { 3 };
    if bit(11) {
        options.shortcodes.insert("t".into(), "{{ .Inner | markdownify }}{{ .Get 0 }}".into());
    }
    let out = Renderer::new(options).render(&source);
    for d in &out.diagnostics {
        if d.file.is_none() {
            assert!(d.span.start <= d.span.end && d.span.end <= source.len());
            assert!(source.is_char_boundary(d.span.start) && source.is_char_boundary(d.span.end));
        }
    }
});
