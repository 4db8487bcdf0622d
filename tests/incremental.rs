//! A `Renderer` remembers work between renders (sanitized pieces of HTML, outputs of
//! cacheable shortcode templates) so that a keystroke costs little. What it remembers must
//! never show: every render equals the render of a new `Renderer`.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use hugo_preview::{RenderOptions, Rendered, Renderer};
use std::path::Path;

fn sample_site() -> RenderOptions {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut options = RenderOptions {
        site_config: std::fs::read_to_string(root.join("www/sample-site/hugo.toml")).ok(),
        ..RenderOptions::default()
    };
    for dir in [
        "www/sample-site/layouts/shortcodes",
        "bench/site/layouts/shortcodes",
    ] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap().flatten() {
            let path = entry.path();
            let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
            options
                .shortcodes
                .insert(name, std::fs::read_to_string(&path).unwrap());
        }
    }
    options
}

fn assert_fresh(options: &RenderOptions, renderer: &Renderer, text: &str) -> Rendered {
    let kept = renderer.render(text);
    let fresh = Renderer::new(options.clone()).render(text);
    assert_eq!(
        kept.content_html, fresh.content_html,
        "content, for {text:.80?}"
    );
    assert_eq!(kept.page_html, fresh.page_html, "page, for {text:.80?}");
    assert_eq!(kept.summary_html, fresh.summary_html);
    assert_eq!(kept.toc_html, fresh.toc_html);
    assert_eq!(
        kept.diagnostics, fresh.diagnostics,
        "diagnostics, for {text:.80?}"
    );
    kept
}

/// Edits all over the sample post and the shortcode-heavy bench post (in the front matter,
/// in shortcode parameters, in paragraphs, whole blocks deleted, then undone), each rendered
/// by one long-lived renderer and by a new one.
#[test]
fn every_render_of_an_editing_session_equals_a_fresh_render() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let options = sample_site();
    for file in [
        support::shared_dir().join("samples/facebook-down.md"),
        root.join("bench/documents/shortcode-heavy.md"),
    ] {
        let original = std::fs::read_to_string(&file).unwrap();
        let renderer = Renderer::new(options.clone());
        let mut text = original.clone();
        assert_fresh(&options, &renderer, &text);
        // Insertions at twenty places spread over the file, some inside shortcodes.
        let step = original.len() / 20;
        for k in 1..20 {
            let mut at = k * step;
            while !text.is_char_boundary(at) {
                at += 1;
            }
            text.insert_str(at, if k % 3 == 0 { "\n\n" } else { "x" });
            assert_fresh(&options, &renderer, &text);
        }
        // A block removed, a front matter field changed, then back to the original.
        let cut = original.find("\n\n").unwrap();
        let second = original[cut + 2..].find("\n\n").unwrap() + cut + 2;
        text = format!("{}{}", &original[..cut], &original[second..]);
        assert_fresh(&options, &renderer, &text);
        text = original.replacen("title", "title = \"Changed\"\nold_title", 1);
        assert_fresh(&options, &renderer, &text);
        assert_fresh(&options, &renderer, &original);
    }
}

/// A template that reads where its call is, or its ordinal, is run again for every call:
/// typing above it changes what it says.
#[test]
fn templates_that_read_their_position_or_ordinal_are_not_reused() {
    let mut options = RenderOptions::default();
    options.shortcodes.insert(
        "where".into(),
        "line {{ .Position.LineNumber }}, call {{ .Ordinal }}".into(),
    );
    let renderer = Renderer::new(options);
    let first = renderer.render("a\n\n{{< where >}}\n");
    assert!(
        first.content_html.contains("line 3, call 0"),
        "{}",
        first.content_html
    );
    let second = renderer.render("a\n\nb\n\n{{< where >}}\n");
    assert!(
        second.content_html.contains("line 5, call 0"),
        "{}",
        second.content_html
    );
    let third = renderer.render("{{< where >}}\n\na\n\nb\n\n{{< where >}}\n");
    assert!(
        third.content_html.contains("line 7, call 1"),
        "{}",
        third.content_html
    );
}

/// A reused output comes with what its template reported; a front matter change is seen.
#[test]
fn reused_template_outputs_keep_their_warnings_and_follow_the_front_matter() {
    let mut options = RenderOptions::default();
    options.shortcodes.insert(
        "title".into(),
        "{{ warnf \"careful\" }}<em>{{ .Page.Title }}</em>".into(),
    );
    let renderer = Renderer::new(options);
    let warnings = |r: &Rendered| {
        r.diagnostics
            .iter()
            .filter(|d| d.message.contains("careful"))
            .count()
    };
    let one = renderer.render("+++\ntitle = \"One\"\n+++\n{{< title >}}\n");
    let again = renderer.render("+++\ntitle = \"One\"\n+++\n{{< title >}}\n\nmore\n");
    assert_eq!((warnings(&one), warnings(&again)), (1, 1));
    assert!(again.content_html.contains("<em>One</em>"));
    let two = renderer.render("+++\ntitle = \"Two\"\n+++\n{{< title >}}\n\nmore\n");
    assert!(
        two.content_html.contains("<em>Two</em>"),
        "{}",
        two.content_html
    );
}

/// The decoded front matter is reused while its block is unchanged; edits to it, a block
/// that ends the file, and a block with an error are all seen as a new renderer sees them.
#[test]
fn front_matter_edits_render_as_fresh() {
    let options = RenderOptions::default();
    let renderer = Renderer::new(options.clone());
    for text in [
        "+++\ntitle = \"A\"\n+++\nbody",
        "+++\ntitle = \"A\"\n+++\nbody, longer",
        "+++\ntitle = \"B\"\n+++\nbody, longer",
        "+++\ntitle = \"B\"\n+++",
        "+++\ntitle = \"B\"\n+++\n# Heading",
        "---\ntitle: [unclosed\n---\ntext",
        "---\ntitle: [unclosed\n---\ntext and more",
        "---\ntitle: C\ndate: not a date\n---\ntext",
        "---\ntitle: C\ndate: not a date\n---\ntext and more",
        "{\"title\": \"D\"}\n\ntext",
        "{\"title\": \"D\"}\n\n\ntext",
        "no front matter",
        "+++\ntitle = \"A\"\n+++\nbody",
    ] {
        assert_fresh(&options, &renderer, text);
    }
}
