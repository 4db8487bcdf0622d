//! A `Renderer` remembers work between renders (sanitized pieces of HTML, outputs of
//! cacheable shortcode templates) so that a keystroke costs little. What it remembers must
//! never show: every render equals the render of a new `Renderer`.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use hugo_preview::{RenderOptions, Rendered, Renderer};
use proptest::prelude::*;
use std::path::Path;
use support::errors;

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

fn site(templates: &[(&str, &str)], partials: &[(&str, &str)]) -> RenderOptions {
    let mut options = RenderOptions::default();
    for (name, source) in templates {
        options
            .shortcodes
            .insert(name.to_string(), source.to_string());
    }
    for (name, source) in partials {
        options
            .partials
            .insert(name.to_string(), source.to_string());
    }
    options
}

/// About 600,000 steps a call: the page's budget (10,000,000) holds about sixteen.
const STEPS: &str = "{{ .Get 0 }}{{ range seq 1000 }}{{ range seq 600 }}{{ end }}{{ end }}.";

/// The page's template budget holds however the calls repeat: the same heavy call on every
/// line is charged every time, remembered or not, and stops at the budget (issue 20: 300
/// identical calls of a 7 MB output bomb ran to 4.2 GB).
#[test]
fn identical_heavy_calls_are_charged_to_the_page_budget() {
    let options = site(
        &[
            (
                "big",
                "{{ range seq 7 }}{{ strings.Repeat 1000000 \"a\" }}{{ end }}",
            ),
            ("steps", STEPS),
        ],
        &[],
    );
    let renderer = Renderer::new(options.clone());
    for text in [
        format!("---\n---\n{}", "{{< big >}}\n\n".repeat(12)),
        format!("---\n---\n{}", "{{< steps 1 >}}\n\n".repeat(40)),
        format!("---\n---\n{}", "{{< steps 1 >}}\n\n".repeat(41)),
    ] {
        for _ in 0..2 {
            let rendered = assert_fresh(&options, &renderer, &text);
            let stopped = errors(&rendered)
                .iter()
                .filter(|m| m.contains("budget") || m.contains("stopped") || m.contains("exceeds"))
                .count();
            let calls = text.matches("{{<").count();
            assert!(
                stopped >= calls / 2,
                "{stopped} of {calls} calls stopped by the budget"
            );
            assert!(rendered.content_html.len() <= 17 * 1024 * 1024);
        }
    }
}

/// A call stopped because the calls above it spent the budget is not remembered as an
/// error: once those calls are deleted it renders.
#[test]
fn a_call_stopped_by_the_spent_budget_renders_once_the_heavy_calls_are_gone() {
    let options = site(&[("steps", STEPS)], &[]);
    let renderer = Renderer::new(options.clone());
    let heavy: String = (0..20)
        .map(|i| format!("{{{{< steps {i} >}}}}\n\n"))
        .collect();
    let last = "{{< steps \"last\" >}}\n";
    let before = assert_fresh(&options, &renderer, &format!("---\n---\n{heavy}{last}"));
    assert!(before.content_html.contains("0."));
    assert!(
        !before.content_html.contains("last."),
        "the budget stops the last call"
    );
    let after = assert_fresh(&options, &renderer, &format!("---\n---\n{last}"));
    assert!(errors(&after).is_empty(), "{:?}", errors(&after));
    assert!(
        after.content_html.contains("last."),
        "{}",
        after.content_html
    );
}

/// Whether a call's output may be reused is decided by what its run read, wherever the
/// template's code is: another file's `define`, a partial, a nested call's parent.
#[test]
fn templates_that_reach_impure_members_through_other_files_are_not_reused() {
    let options = site(
        &[
            (
                "defs",
                "{{ define \"ordinal\" }}{{ .Ordinal }}{{ end }}\
                 {{ define \"count\" }}{{ .Page.Store.Add \"n\" 1 }}{{ .Page.Store.Get \"n\" }}{{ end }}",
            ),
            ("ord", "[{{ template \"ordinal\" . }}]"),
            ("count", "({{ template \"count\" . }})"),
            ("outer", "{{ .Inner }}"),
            ("parent", "p={{ template \"parent\" . }}"),
            ("parentdef", "{{ define \"parent\" }}{{ with .Parent }}{{ .Get 0 }}{{ end }}{{ end }}"),
            ("line", "L{{ template \"line\" . }}"),
            ("linedef", "{{ define \"line\" }}{{ .Position.LineNumber }}{{ end }}"),
        ],
        &[("pure", "{{ . }}")],
    );
    let renderer = Renderer::new(options.clone());
    let text = "---\n---\n{{< ord >}} {{< ord >}} {{< count >}} {{< count >}}\n\n\
                {{< line >}}\n\n{{< line >}}\n\n\
                {{< outer a >}}{{< parent >}}{{< /outer >}} {{< outer b >}}{{< parent >}}{{< /outer >}}\n";
    for _ in 0..2 {
        let rendered = assert_fresh(&options, &renderer, text);
        let html = &rendered.content_html;
        for expected in ["[0]", "[1]", "(1)", "(2)", "L5", "L7", "p=a", "p=b"] {
            assert!(html.contains(expected), "{expected} in {html}");
        }
    }
}

/// The same through a partial: a partial that reads where its call is makes its callers' runs
/// impure.
#[test]
fn templates_whose_partials_read_impure_members_are_not_reused() {
    let options = site(
        &[("line", "{{ partial \"line\" . }}")],
        &[("line", "L{{ .Position.LineNumber }}")],
    );
    let renderer = Renderer::new(options.clone());
    for (text, lines) in [
        (
            "---\n---\n{{< line >}}\n\n{{< line >}}\n",
            &["L3", "L5"][..],
        ),
        ("---\n---\n\n{{< line >}}\n", &["L4"][..]),
    ] {
        let rendered = assert_fresh(&options, &renderer, text);
        for line in lines {
            assert!(
                rendered.content_html.contains(line),
                "{}",
                rendered.content_html
            );
        }
    }
}

/// Calls a long-lived renderer may remember or must run, heavy and light, pure and not.
const LINES: &[&str] = &[
    "plain text",
    "{{< pure >}}",
    "{{< pure x >}}",
    "{{< steps 1 >}}",
    "{{< steps 2 >}}",
    "{{< steps 3 >}}",
    "{{< ord >}}",
    "{{< count >}}",
    "{{< warn >}}",
    "{{< fails >}}",
    "{{% pure y %}}",
    "{{< outer >}}{{< ord >}}{{< /outer >}}",
    "{{< outer >}}{{< steps 4 >}}{{< /outer >}}",
    "## {{< pure h >}}",
    "{{< bold z >}}",
    "## A heading",
    "## A heading {#same}",
    "[a link](/x)",
    "[a link](/x \"t\")",
    "```go\nheavy\n```",
    "```txt\ncounted\n```",
    "> a quote",
    "> [!NOTE]\n> noted",
];

/// Render hooks: pure (heading), reading its place (link), heavy (Go code blocks), reading
/// the page's store (other code blocks), warning (alerts).
const HOOKS: &[(&str, &str)] = &[
    (
        "render-heading.html",
        "<h{{ .Level }} id=\"{{ .Anchor }}\">{{ .Text }} {{ .Page.Title }}</h{{ .Level }}>",
    ),
    (
        "render-link.html",
        "<a href=\"{{ .Destination }}\" title=\"{{ .Title }}\">{{ .Text }}</a>\
         <i>{{ .Position.LineNumber }} {{ .Ordinal }}</i>",
    ),
    ("render-codeblock-go.html", STEPS_HOOK),
    (
        "render-codeblock.html",
        "{{ .Page.Store.Add \"c\" 1 }}<pre data-n=\"{{ .Page.Store.Get \"c\" }}\">{{ .Inner }}</pre>",
    ),
    (
        "render-blockquote.html",
        "{{ with .AlertType }}{{ warnf \"alert %s\" . }}{{ end }}<blockquote>{{ .Text }}</blockquote>",
    ),
];

/// STEPS as a code block hook: about sixteen fit in the page's budget.
const STEPS_HOOK: &str =
    "{{ range seq 1000 }}{{ range seq 600 }}{{ end }}{{ end }}<pre>{{ .Inner }}</pre>";

fn property_site() -> RenderOptions {
    let mut options = site(
        &[
            ("pure", "<b>{{ .Get 0 }}{{ .Page.Title }}</b>"),
            ("steps", STEPS),
            (
                "defs",
                "{{ define \"ord\" }}{{ .Ordinal }}{{ end }}\
                 {{ define \"count\" }}{{ .Page.Store.Add \"n\" 1 }}{{ .Page.Store.Get \"n\" }}{{ end }}",
            ),
            ("bold", "{{ partial \"bold\" (.Get 0) }}"),
            ("ord", "{{ template \"ord\" . }}"),
            ("count", "{{ template \"count\" . }}"),
            ("warn", "{{ warnf \"careful %s\" (.Get 0) }}w"),
            ("fails", "{{ errorf \"broken\" }}"),
            ("outer", "<div>{{ .Inner }}</div>"),
        ],
        &[("bold", "<b>{{ . }}</b>")],
    );
    for (name, source) in HOOKS {
        options
            .files
            .insert(format!("layouts/_markup/{name}"), source.to_string());
    }
    options
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any sequence of edits renders on a long-lived renderer exactly as on a new one.
    #[test]
    fn every_render_equals_a_fresh_renderers(
        documents in prop::collection::vec(
            (any::<bool>(), prop::collection::vec(0..LINES.len(), 0..30)),
            1..5,
        )
    ) {
        let options = property_site();
        let renderer = Renderer::new(options.clone());
        for (title, lines) in documents {
            let mut text = format!("---\ntitle: {}\n---\n", if title { "One" } else { "Two" });
            for line in lines {
                text.push_str(LINES[line]);
                text.push_str("\n\n");
            }
            assert_fresh(&options, &renderer, &text);
        }
    }
}

/// One renderer serves every page of a site: switching files with `render_page` gives what a
/// new renderer at that path gives, and a template output that reads the page's path or
/// permalink is not reused for another page with the same text.
#[test]
fn switching_pages_renders_as_a_fresh_renderer_at_that_path() {
    let options = site(
        &[("where", "{{ .Page.File.Path }} {{ .Page.RelPermalink }}")],
        &[],
    );
    let renderer = Renderer::new(options.clone());
    let text = "---\ntitle: Same\n---\n{{< where >}}\n";
    for path in ["posts/a.md", "posts/b.md", "posts/a.md", "docs/c/index.md"] {
        let page = hugo_preview::PageInput {
            path: Some(path.to_owned()),
        };
        let kept = renderer.render_page(text, &page);
        let fresh = Renderer::new(RenderOptions {
            path: Some(path.to_owned()),
            ..options.clone()
        })
        .render(text);
        assert_eq!(kept.content_html, fresh.content_html, "{path}");
        assert_eq!(kept.diagnostics, fresh.diagnostics, "{path}");
        assert!(
            kept.content_html.contains(path),
            "{path}: {}",
            kept.content_html
        );
    }
    let parsed = renderer.parse_page(
        text,
        &hugo_preview::PageInput {
            path: Some("posts/z.md".into()),
        },
    );
    assert_eq!(parsed.diagnostics, []);
}
