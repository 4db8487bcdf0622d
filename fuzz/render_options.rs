//! The options the `render` fuzz target takes from its first two bytes: one home for the
//! target (fuzz_targets/render.rs) and for tests/hostile.rs, which replays the target's
//! findings with the options the target ran them with.

use hugo_preview::RenderOptions;

/// The options the `render` fuzz target takes from its first two bytes.
pub fn render_target_options(flags: u16) -> RenderOptions {
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
    options.allow_data_attributes = bit(12);
    if bit(11) {
        options
            .shortcodes
            .insert("t".into(), "{{ .Inner | markdownify }}{{ .Get 0 }}".into());
    }
    options
}
