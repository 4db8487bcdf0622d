//! `enableEmoji = true`: the Markdown stage against the real Hugo 0.168.0 (goldmark-emoji
//! v1.0.6 with Hugo's defaults). The expectations are Hugo's `.Content` and
//! `.TableOfContents`, byte for byte, from `tests/fixtures/enable-emoji-hugo-0.168.json`
//! (one content file per case, built with `enableEmoji = true`). Compared before the
//! sanitizer, which writes the character references as characters. (The differential suite
//! builds every post with one site config, so a post with `enableEmoji = true` cannot be one
//! of its fixtures; `emojify` is compared there, in `template-funcs-transform`.)

use hugo_preview::markdown;
use hugo_preview::RenderOptions;
use serde_json::Value;

fn fixture() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/enable-emoji-hugo-0.168.json"
    ))
    .expect("the fixture should be readable");
    serde_json::from_str(&text).expect("the fixture should be JSON")
}

/// Leading whitespace of each line dropped: Hugo 0.168 indents table markup with tabs, the
/// preview with spaces (whitespace between tags, the same DOM); the emoji are compared
/// byte for byte.
fn lines(html: &str) -> String {
    html.trim_end()
        .lines()
        .map(str::trim_start)
        .collect::<Vec<_>>()
        .join("\n")
}

fn render(markdown: &str, enable_emoji: bool) -> markdown::MarkdownOutput {
    let mut options = RenderOptions::default();
    options.markup.goldmark.enable_emoji = enable_emoji;
    markdown::render(markdown, 0, &options, &mut Vec::new())
}

#[test]
fn enable_emoji_renders_content_and_toc_as_hugo_0_168() {
    let fixture = fixture();
    let cases = fixture["cases"].as_array().expect("cases");
    assert!(cases.len() >= 10);
    let mut differences = Vec::new();
    for case in cases {
        let name = case["name"].as_str().expect("name");
        let out = render(case["markdown"].as_str().expect("markdown"), true);
        let want = case["content"].as_str().expect("content");
        if let Some(reason) = case["preview_differs"].as_str() {
            assert_ne!(
                lines(&out.content_html),
                lines(want),
                "{name:?} is marked as differing ({reason}) but now matches: remove the mark"
            );
            continue;
        }
        if lines(&out.content_html) != lines(want) {
            differences.push(format!(
                "content of {name:?}:\n  ours: {:?}\n  Hugo: {want:?}",
                out.content_html
            ));
        }
        let toc = case["toc"].as_str().unwrap_or("");
        if toc.contains("<li") && lines(&out.toc_html) != lines(toc) {
            differences.push(format!(
                "TOC of {name:?}:\n  ours: {:?}\n  Hugo: {toc:?}",
                out.toc_html
            ));
        }
    }
    assert!(
        differences.is_empty(),
        "should render as Hugo 0.168:\n{}",
        differences.join("\n")
    );
}

#[test]
fn codes_stay_as_typed_without_enable_emoji() {
    let out = render("I :heart: Hugo\n\n## A :snake: emoji\n", false);
    assert_eq!(
        out.content_html,
        "<p>I :heart: Hugo</p>\n<h2 id=\"a-snake-emoji\">A :snake: emoji</h2>\n"
    );
}

#[test]
fn the_site_config_enable_emoji_switches_it_on_for_the_page() {
    let options = RenderOptions {
        site_config: Some("enableEmoji = true\n".into()),
        ..RenderOptions::default()
    };
    let rendered = hugo_preview::render("I :heart: Hugo, `not :heart: here`.\n", &options);
    // The sanitizer writes the references as characters: the same DOM as Hugo's.
    assert_eq!(
        rendered.content_html,
        "<p>I ❤\u{fe0f} Hugo, <code>not :heart: here</code>.</p>\n"
    );
    let off = hugo_preview::render("I :heart: Hugo\n", &RenderOptions::default());
    assert_eq!(off.content_html, "<p>I :heart: Hugo</p>\n");
}

#[test]
fn emojify_in_a_shortcode_template_uses_the_kyokomi_table() {
    let mut options = RenderOptions::default();
    options
        .shortcodes
        .insert("e".into(), "{{ emojify (.Get 0) }}".into());
    let rendered = hugo_preview::render("{{< e \":heart: :flag_us: :flag-us:\" >}}\n", &options);
    assert_eq!(
        rendered.content_html,
        "❤\u{fe0f} 🇺🇸 :flag-us:\n",
        "the shortcode output (a block of its own, as in Hugo) should hold kyokomi's emoji, no padding space"
    );
}
