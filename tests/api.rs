//! The library API the npm package is built on: the outline's headings, the caller's own
//! shortcodes, and options that refuse unknown fields.

use hugo_preview::shortcode::external::{ExternalCall, ExternalShortcodes};
use hugo_preview::{RenderOptions, Renderer, Severity};
use std::cell::RefCell;

#[test]
fn parse_lists_every_heading_with_its_id_text_and_source_range() {
    let source =
        "+++\ntitle = \"t\"\n+++\n## 日本 😀 title\n\ntext\n\nSetext\n------\n\n#### Deep {#own}\n";
    let parsed = Renderer::new(RenderOptions::default()).parse(source);
    let headings: Vec<_> = parsed
        .headings
        .iter()
        .map(|h| (h.level, h.id.as_str(), h.text.as_str(), h.line))
        .collect();
    assert_eq!(
        headings,
        [
            (2, "日本--title", "日本 😀 title", 4),
            (2, "setext", "Setext", 8),
            (4, "own", "Deep", 11),
        ]
    );
    let first = &parsed.headings[0];
    assert_eq!(
        &source[first.span.start..first.span.end],
        "## 日本 😀 title\n"
    );
    let setext = &parsed.headings[1];
    assert!(source[setext.span.start..setext.span.end].starts_with("Setext\n------"));
    assert_eq!(
        parsed
            .front_matter_range
            .map(|r| (r.span.start, r.span.end)),
        Some((0, 20))
    );
}

#[test]
fn heading_ids_come_from_the_text_after_markdown_shortcodes() {
    let mut options = RenderOptions::default();
    options
        .shortcodes
        .insert("name".into(), "Ada Lovelace".into());
    let parsed = Renderer::new(options).parse("## About {{% name %}}\n");
    assert_eq!(parsed.headings[0].id, "about-ada-lovelace");
    assert_eq!(parsed.headings[0].span.start, 0);
}

/// Records each call and answers with a fixed output, or an error for `fail`.
#[derive(Default)]
struct Recorder {
    calls: RefCell<Vec<String>>,
}

impl ExternalShortcodes for Recorder {
    fn lookup(&self, name: &str) -> Option<bool> {
        match name {
            "figure" | "fail" => Some(false),
            "box" => Some(true),
            _ => None,
        }
    }

    fn call(&self, call: &ExternalCall<'_>) -> Result<String, String> {
        self.calls
            .borrow_mut()
            .push(serde_json::to_string(call).expect("a call serializes"));
        match call.name {
            "fail" => Err("no luck".into()),
            "box" => Ok(format!("<div class=\"box\">{}</div>", call.inner)),
            _ => Ok("<b onclick=\"alert(1)\">mine</b><script>alert(2)</script>".into()),
        }
    }
}

struct Shared(std::rc::Rc<Recorder>);

impl ExternalShortcodes for Shared {
    fn lookup(&self, name: &str) -> Option<bool> {
        self.0.lookup(name)
    }
    fn call(&self, call: &ExternalCall<'_>) -> Result<String, String> {
        self.0.call(call)
    }
}

#[test]
fn external_shortcodes_replace_built_ins_and_their_output_is_sanitized() {
    let recorder = std::rc::Rc::new(Recorder::default());
    let mut renderer = Renderer::new(RenderOptions::default());
    renderer.set_external_shortcodes(Some(Box::new(Shared(recorder.clone()))));
    let source = "+++\ntitle = \"T\"\n[params]\nx = 1\n+++\nA {{< figure src=\"a.png\" >}}\n\n{{< box >}}in *side*{{< /box >}}\n";
    let out = renderer.render(source);
    assert!(
        out.content_html.contains("<b>mine</b>"),
        "{}",
        out.content_html
    );
    assert!(!out.content_html.contains("onclick") && !out.content_html.contains("script"));
    assert!(
        !out.content_html.contains("<figure"),
        "the built-in is replaced"
    );
    assert!(out
        .content_html
        .contains("<div class=\"box\">in *side*</div>"));
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    let calls = recorder.calls.borrow();
    let figure: serde_json::Value = serde_json::from_str(&calls[0]).unwrap();
    assert_eq!(figure["name"], "figure");
    assert_eq!(figure["params"], serde_json::json!({"src": "a.png"}));
    assert_eq!(figure["isNamedParams"], true);
    assert_eq!(figure["inner"], "");
    assert_eq!(figure["position"]["line"], 6);
    assert_eq!(figure["position"]["column"], 3);
    assert_eq!(figure["page"]["title"], "T");
    assert_eq!(figure["page"]["params"]["params"]["x"], 1);
}

#[test]
fn an_external_shortcode_that_fails_is_an_error_box_and_a_diagnostic() {
    let mut renderer = Renderer::new(RenderOptions::default());
    renderer.set_external_shortcodes(Some(Box::new(Recorder::default())));
    let out = renderer.render("before\n\n{{< fail 1 >}}\n\nafter\n");
    assert_eq!(out.diagnostics.len(), 1, "{:?}", out.diagnostics);
    let d = &out.diagnostics[0];
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.message, "shortcode \"fail\": no luck");
    assert_eq!((d.line, d.column), (3, 1));
    assert!(out.content_html.contains("hugo-preview-error"));
    assert!(out.content_html.contains("<p>after</p>"));
}

#[test]
fn unknown_option_fields_are_refused_with_their_name() {
    let error =
        serde_json::from_str::<RenderOptions>(r#"{"markup": {"goldmark": {"unsafeHtml": true}}}"#)
            .expect_err("a misspelt option is an error");
    assert!(
        error.to_string().contains("unknown field `unsafeHtml`"),
        "{error}"
    );
    let ok: RenderOptions =
        serde_json::from_str(r#"{"markup": {"goldmark": {"unsafe": true}}, "embeds": true}"#)
            .unwrap();
    assert!(ok.markup.goldmark.unsafe_html && ok.embeds);
}

#[test]
fn a_field_after_a_function_is_a_chain_on_its_result() {
    // Go parses `site.Params.who` as `(site).Params.who`; `strings.ToUpper` stays a
    // namespaced function.
    let mut options = RenderOptions {
        site_config: Some("title = \"S\"\n[params]\nwho = \"site\"\n".into()),
        ..RenderOptions::default()
    };
    options.shortcodes.insert(
        "who".into(),
        "{{ site.Params.who }} {{ site.Title | strings.ToUpper }} {{ (site).Params.who }}".into(),
    );
    let out = Renderer::new(options).render("A {{< who >}}");
    assert_eq!(
        out.content_html, "<p>A site S site</p>\n",
        "{:?}",
        out.diagnostics
    );
}

#[test]
fn source_lines_mark_blocks_with_their_first_line_in_the_file() {
    let options = RenderOptions {
        source_lines: true,
        shortcodes: [(
            "fig".to_string(),
            "<figure><img src=\"a.png\"></figure>".to_string(),
        )]
        .into_iter()
        .collect(),
        ..RenderOptions::default()
    };
    let source = "+++\ntitle = \"t\"\n+++\n## Head\n\npara\ngraph\n\n- a\n- b\n\n> quote\n\n---\n\n{{< fig >}}\n\n```\ncode\n```\n";
    let out = Renderer::new(options).render(source);
    let html = &out.content_html;
    for expected in [
        r#"<h2 id="head" data-source-line="4">Head</h2>"#,
        r#"<p data-source-line="6">para"#,
        r#"<ul data-source-line="9">"#,
        r#"<li data-source-line="9">a</li>"#,
        r#"<li data-source-line="10">b</li>"#,
        r#"<blockquote data-source-line="12">"#,
        r#"<hr data-source-line="14">"#,
        r#"<figure data-source-line="16"><img src="a.png"></figure>"#,
        r#"<pre data-source-line="18" tabindex="0"><code>code"#,
    ] {
        assert!(html.contains(expected), "{expected} in\n{html}");
    }
    let plain = Renderer::new(RenderOptions::default()).render(source);
    assert!(
        !plain.content_html.contains("data-source-line"),
        "off by default"
    );
    let hostile = RenderOptions {
        source_lines: true,
        markup: hugo_preview::MarkupOptions {
            goldmark: hugo_preview::GoldmarkOptions {
                unsafe_html: true,
                ..Default::default()
            },
            ..Default::default()
        },
        ..RenderOptions::default()
    };
    let out =
        Renderer::new(hostile).render("<div data-source-line=\"x\" data-other=\"1\">a</div>\n");
    assert!(
        !out.content_html.contains("data-source-line=\"x\""),
        "{}",
        out.content_html
    );
    // Other `data-*` attributes are not kept unless `allow_data_attributes` is on.
    assert!(
        !out.content_html.contains("data-other"),
        "{}",
        out.content_html
    );
}

#[test]
fn data_attributes_are_kept_only_when_allowed() {
    let source = "<div data-toggle=\"collapse\" data-target=\"#x\">a</div>\n\n```go\nx\n```\n";
    let unsafe_html = |allow_data_attributes| RenderOptions {
        allow_data_attributes,
        markup: hugo_preview::MarkupOptions {
            goldmark: hugo_preview::GoldmarkOptions {
                unsafe_html: true,
                ..Default::default()
            },
            ..Default::default()
        },
        ..RenderOptions::default()
    };
    let off = Renderer::new(unsafe_html(false))
        .render(source)
        .content_html;
    assert!(off.starts_with("<div>a</div>"), "off by default: {off}");
    assert!(
        off.contains("data-lang=\"go\""),
        "Hugo's data-lang stays: {off}"
    );
    let on = Renderer::new(unsafe_html(true)).render(source).content_html;
    assert!(
        on.starts_with("<div data-toggle=\"collapse\" data-target=\"#x\">a</div>"),
        "{on}"
    );
    let parsed: RenderOptions = serde_json::from_str(r#"{"allowDataAttributes": true}"#).unwrap();
    assert!(
        parsed.allow_data_attributes,
        "camelCase, as JavaScript writes it"
    );
}

#[test]
fn a_file_over_the_size_limit_is_previewed_up_to_it_with_a_warning() {
    let line = "word ".repeat(20) + "\n\n";
    let source = line.repeat(hugo_preview::limits::MAX_SOURCE_BYTES / line.len() + 10);
    let out = Renderer::new(RenderOptions::default()).render(&source);
    let first = &out.diagnostics[0];
    assert_eq!(first.severity, Severity::Warning);
    assert!(
        first.message.contains("only its first 8 MB are previewed"),
        "{}",
        first.message
    );
    assert!(out.word_count > 1_000_000);
    assert!(out.content_html.len() < source.len() * 2);
}

/// The config's diagnostics for `config`, as (file, written text at the span, line, column).
fn config_warnings(config: &str) -> Vec<(String, String, usize, usize)> {
    let options = RenderOptions {
        site_config: Some(config.into()),
        ..RenderOptions::default()
    };
    Renderer::new(options)
        .render("Hello")
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.location.file_name().unwrap_or_default(),
                config[d.span.start..d.span.end].to_owned(),
                d.line,
                d.column,
            )
        })
        .collect()
}

#[test]
fn config_warnings_point_at_their_key_in_a_toml_config() {
    let config = "title = \"x\"\n[markup.goldmark.renderer]\n  Unsafe = \"maybe\"\n[markup.tableOfContents]\nordered = true\n";
    assert_eq!(
        config_warnings(config),
        [("hugo.toml".into(), "Unsafe".into(), 3, 3)],
        "a setting of the wrong type should be located at its key, in hugo.toml"
    );
    let dotted = "summaryLength = \"many\"\nmarkup.goldmark.extensions.table = \"no\"\n";
    assert_eq!(
        config_warnings(dotted),
        [
            ("hugo.toml".into(), "summaryLength".into(), 1, 1),
            ("hugo.toml".into(), "table".into(), 2, 28),
        ],
        "dotted keys should be located at their last part"
    );
}

#[test]
fn config_warnings_point_at_their_key_in_a_yaml_config() {
    let config = "title: x\nparams: 3\nprivacy:\n  youtube:\n    disable: sometimes\nmarkup:\n  goldmark:\n    parser:\n      autoIDType: gitlab\n";
    assert_eq!(
        config_warnings(config),
        [
            ("hugo.yaml".into(), "params".into(), 2, 1),
            ("hugo.yaml".into(), "disable".into(), 5, 5),
            ("hugo.yaml".into(), "autoIDType".into(), 9, 7),
        ],
        "YAML config warnings should be in hugo.yaml, at their key"
    );
}

#[test]
fn config_warnings_point_at_their_key_in_a_json_config() {
    let config = "{\n\t\"title\": \"x\",\n\t\"markup\": {\"goldmark\": {\"renderer\": {\"hardWraps\": \"no\"}}}\n}\n";
    assert_eq!(
        config_warnings(config),
        [("hugo.json".into(), "hardWraps".into(), 3, 40)],
        "JSON config warnings should be in hugo.json, at their key (without its quotes)"
    );
}
