//! Hugo's built-in shortcodes, called directly: byte-exact against current Hugo where the
//! shared reference has its output, and every error and warning message.

mod support;

use hugo_preview::markdown;
use hugo_preview::shortcode::builtins::{self, qr};
use hugo_preview::shortcode::call::{Call, Env, Report};
use hugo_preview::shortcode::tree::{Params, Position};
use hugo_preview::site::SiteConfig;
use hugo_preview::{RenderOptions, Severity};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The page a call runs in.
struct Page {
    front_matter: Value,
    site: SiteConfig,
    pages: BTreeMap<String, String>,
    path: Option<&'static str>,
    embeds: bool,
}

impl Default for Page {
    fn default() -> Self {
        Page {
            front_matter: Value::Null,
            site: SiteConfig::default(),
            pages: BTreeMap::new(),
            path: Some("posts/p.md"),
            embeds: true,
        }
    }
}

/// What a call produced.
struct Output {
    html: String,
    report: Report,
}

impl Output {
    fn errors(&self) -> Vec<&str> {
        self.messages(Severity::Error)
    }
    fn warnings(&self) -> Vec<&str> {
        self.messages(Severity::Warning)
    }
    fn messages(&self, severity: Severity) -> Vec<&str> {
        self.report
            .problems
            .iter()
            .filter(|(s, _)| *s == severity)
            .map(|(_, m)| m.as_str())
            .collect()
    }
}

/// Where the calls in these tests sit, and how it prints in messages.
const POSITION: Position = Position { line: 3, column: 1 };
const POS: &str = "\"posts/p.md:3:1\"";

fn run_in(page: &Page, name: &str, params: Params, inner: &str) -> Output {
    let options = RenderOptions::default();
    let render_markdown = |text: &str, block: bool| {
        if block {
            markdown::render(text, 0, &options, &mut Vec::new()).content_html
        } else {
            markdown::render_summary_field(text, &options, None)
        }
    };
    let env = Env {
        front_matter: &page.front_matter,
        front_matter_numbers: hugo_preview::template::NumberStyle::Int,
        front_matter_dates: &[],
        site: &page.site,
        pages: &page.pages,
        page_path: page.path,
        embeds: page.embeds,
        render_markdown: &render_markdown,
        highlighter: &hugo_preview::highlight::Highlighter::new(
            Default::default(),
            hugo_preview::highlight::Highlighter::native_backend(),
        ),
        math: &hugo_preview::modules::Module::new(hugo_preview::math::native_backend()),
        qr: &hugo_preview::modules::Module::new(
            hugo_preview::shortcode::builtins::qr::native_backend(),
        ),
        template_budget: &Default::default(),
        nested: false,
        other_content: &hugo_preview::shortcode::call::no_other_content,
        resource: &hugo_preview::shortcode::call::no_resource,
    };
    let call = Call {
        name,
        params: &params,
        inner,
        markdown: false,
        ordinal: 0,
        position: POSITION,
        indentation: "",
    };
    let builtin = builtins::lookup(name).expect("the built-in should exist");
    let mut report = Report::default();
    let html = (builtin.render)(&call, &env, &mut report);
    Output { html, report }
}

fn run(name: &str, params: Params, inner: &str) -> Output {
    run_in(&Page::default(), name, params, inner)
}

fn positional(values: Value) -> Params {
    Params::Positional(values.as_array().cloned().unwrap_or_default())
}

fn named(values: Value) -> Params {
    Params::Named(values.as_object().cloned().unwrap_or_default())
}

/// Current Hugo's output for a case of the shared reference.
fn hugo_head(case: &str) -> String {
    let reference: Value = serde_json::from_str(&support::read_shared(
        "reference/builtin-shortcode-outputs.json",
    ))
    .expect("the reference should be JSON");
    reference["HEAD"][case]["output"]
        .as_str()
        .unwrap_or_else(|| panic!("reference case {case:?} should have an output"))
        .to_owned()
}

fn assert_clean(output: &Output) {
    assert!(
        output.report.problems.is_empty(),
        "should report nothing: {:?}",
        output.report.problems
    );
}

// ---- registry --------------------------------------------------------------------------

#[test]
fn only_details_highlight_qr_and_comment_use_inner() {
    for builtin in builtins::BUILTINS {
        let expected = matches!(builtin.name, "details" | "highlight" | "qr" | "comment");
        assert_eq!(builtin.uses_inner, expected, "{}", builtin.name);
    }
    assert_eq!(
        builtins::lookup("relRef").map(|b| b.name),
        Some("relref"),
        "lookup is case-insensitive, as Hugo 0.168's"
    );
}

// ---- comment ---------------------------------------------------------------------------

#[test]
fn comment_outputs_nothing_and_warns() {
    let out = run("comment", positional(json!([])), "hidden");
    assert_eq!(out.html, "");
    assert_eq!(
        out.warnings(),
        ["The \"comment\" shortcode was deprecated in v0.143.0 and will be removed in a future release. Please use HTML comments instead."]
    );
}

// ---- figure ----------------------------------------------------------------------------

#[test]
fn figure_with_every_parameter_matches_hugo() {
    let params = named(json!({
        "src": "a.jpg", "alt": "alternate text", "width": 600, "height": 400,
        "loading": "lazy", "class": "my-class", "link": "https://example.org",
        "target": "_blank", "rel": "noopener", "title": "my-title",
        "caption": "a **bold** word", "attr": "an _emphasized_ word",
        "attrlink": "https://example.org/foo"
    }));
    let out = run("figure", params, "");
    assert_clean(&out);
    assert_eq!(out.html, hugo_head("figure all"));
}

#[test]
fn figure_with_src_only_matches_hugo() {
    let out = run("figure", named(json!({"src": "/img/a.png"})), "");
    assert_eq!(out.html, hugo_head("figure src only"));
}

#[test]
fn figure_alt_falls_back_to_the_plain_caption() {
    let params = named(json!({"src": "/img/a.png", "caption": "Only **caption**"}));
    assert_eq!(
        run("figure", params, "").html,
        hugo_head("figure caption only")
    );
}

#[test]
fn figure_title_alone_gets_a_figcaption() {
    let out = run("figure", named(json!({"src": "a.png", "title": "T"})), "");
    assert_eq!(
        out.html,
        "<figure><img src=\"a.png\"><figcaption>\n\t\t\t<h4>T</h4>\n\t\t</figcaption>\n</figure>\n"
    );
}

#[test]
fn figure_escapes_attributes_and_refuses_script_urls() {
    let params = named(json!({"src": "javascript:alert(1)", "alt": "a\"b", "link": "x y"}));
    let out = run("figure", params, "");
    assert_eq!(
        out.html,
        "<figure><a href=\"x%20y\"><img src=\"#ZgotmplZ\"\n\t\t\talt=\"a&#34;b\"></a>\n</figure>\n"
    );
}

// ---- details ---------------------------------------------------------------------------

#[test]
fn details_matches_hugo() {
    let out = run(
        "details",
        positional(json!([])),
        "\nA: An _emphasized_ word.\n",
    );
    assert_clean(&out);
    assert_eq!(out.html, hugo_head("details basic"));
}

#[test]
fn details_with_every_parameter_matches_hugo() {
    let params = named(json!({
        "class": "my-class", "name": "my-name", "open": true,
        "summary": "A **bold** word", "title": "my-title"
    }));
    let out = run("details", params, "\nB: An _emphasized_ word.\n");
    assert_eq!(out.html, hugo_head("details all"));
}

#[test]
fn details_open_accepts_true_string_and_one() {
    for open in [json!("true"), json!(1)] {
        let out = run("details", named(json!({"open": open})), "x");
        assert!(out.html.starts_with("\n<details open>"), "{}", out.html);
    }
    for closed in [json!("false"), json!(0), json!("yes")] {
        let out = run("details", named(json!({"open": closed})), "x");
        assert!(out.html.starts_with("\n<details>"), "{}", out.html);
    }
}

// ---- highlight -------------------------------------------------------------------------
// The output is the highlighter's (the hugo-preview-highlight crate, here linked in); its
// own tests compare every option with Hugo. These check the shortcode's side.

#[test]
fn highlight_colours_as_hugo_does() {
    let out = run(
        "highlight",
        positional(json!(["go"])),
        "\nfmt.Println(\"<a & 'b'>\")\n",
    );
    assert_clean(&out);
    // Hugo 0.168's output for the same call.
    assert_eq!(
        out.html,
        "<div class=\"highlight\"><pre tabindex=\"0\" style=\"color:#f8f8f2;background-color:#272822;-moz-tab-size:4;-o-tab-size:4;tab-size:4;-webkit-text-size-adjust:none;\"><code class=\"language-go\" data-lang=\"go\"><span style=\"display:flex;\"><span><span style=\"color:#a6e22e\">fmt</span>.<span style=\"color:#a6e22e\">Println</span>(<span style=\"color:#e6db74\">&#34;&lt;a &amp; &#39;b&#39;&gt;&#34;</span>)</span></span></code></pre></div>"
    );
}

#[test]
fn highlight_of_an_unknown_language_has_no_wrapper() {
    let out = run("highlight", positional(json!(["nosuchlang"])), "x");
    assert_eq!(
        out.html,
        "<pre tabindex=\"0\"><code class=\"language-nosuchlang\" data-lang=\"nosuchlang\">x</code></pre>"
    );
}

#[test]
fn highlight_reports_malformed_options() {
    let out = run("highlight", positional(json!(["go", "linenos"])), "a");
    assert_eq!(out.html, "");
    assert_eq!(
        out.errors(),
        [format!("invalid Highlight option: linenos. See {POS}")]
    );
}

// ---- param -----------------------------------------------------------------------------

fn param_page() -> Page {
    let mut page = Page {
        front_matter: json!({
            "Title": "T", "a": 1, "draft": false, "html": "<b>&",
            "nested": {"Key": "deep"}, "params": {"inParams": "p"}
        }),
        ..Page::default()
    };
    page.site.params = json!({"b": 2, "a": "site", "site": {"x": "y"}});
    page
}

#[test]
fn param_reads_front_matter_then_site_params() {
    let page = param_page();
    let value = |key: &str| run_in(&page, "param", positional(json!([key])), "").html;
    assert_eq!(value("a"), "1");
    assert_eq!(value("b"), "2");
    assert_eq!(value("title"), "T", "keys should match case-insensitively");
    assert_eq!(value("nested.key"), "deep", "dotted paths go through maps");
    assert_eq!(
        value("inparams"),
        "p",
        "the params table is part of the page"
    );
    assert_eq!(value("site.x"), "y");
    assert_eq!(value("html"), "&lt;b&gt;&amp;");
}

#[test]
fn param_reports_missing_values_and_keys() {
    let page = param_page();
    let out = run_in(&page, "param", positional(json!(["draft"])), "");
    assert_eq!(out.html, "");
    assert_eq!(out.errors(), [format!("Param \"draft\" not found: {POS}")]);
    let out = run_in(&page, "param", positional(json!(["nope"])), "");
    assert_eq!(out.errors(), [format!("Param \"nope\" not found: {POS}")]);
    let out = run_in(&page, "param", positional(json!([])), "");
    assert_eq!(out.errors(), [format!("Missing param key: {POS}")]);
    let out = run_in(&page, "param", named(json!({"key": "a"})), "");
    assert_eq!(out.errors(), [format!("Missing param key: {POS}")]);
}

// ---- ref / relref ----------------------------------------------------------------------

fn ref_page() -> Page {
    let mut page = Page::default();
    page.site.base_url = "https://example.org/".into();
    for (path, link) in [
        ("posts/other.md", "/posts/other/"),
        ("posts/p.md", "/posts/p/"),
        ("about/index.md", "/about/"),
        ("a/dup.md", "/a/dup/"),
        ("b/dup.md", "/b/dup/"),
    ] {
        page.pages.insert(path.into(), link.into());
    }
    page
}

#[test]
fn relref_resolves_the_usual_spellings() {
    let page = ref_page();
    let link = |path: &str| run_in(&page, "relref", positional(json!([path])), "");
    for path in [
        "posts/other.md",
        "/posts/other.md",
        "posts/other",
        "other.md",
        "other",
    ] {
        let out = link(path);
        assert_clean(&out);
        assert_eq!(out.html, "/posts/other/", "{path}");
    }
    assert_eq!(link("about").html, "/about/", "a bundle by its folder");
    assert_eq!(link("other.md#sec-two").html, "/posts/other/#sec-two");
    assert_eq!(link("#doc").html, "#doc");
    let out = run_in(
        &page,
        "relref",
        named(json!({"path": "/posts/other.md", "lang": "de", "outputFormat": "json"})),
        "",
    );
    assert_eq!(out.html, "/posts/other/");
}

#[test]
fn ref_joins_the_base_url() {
    let page = ref_page();
    let out = run_in(&page, "ref", positional(json!(["other.md"])), "");
    assert_eq!(out.html, "https://example.org/posts/other/");
}

#[test]
fn ref_to_a_missing_page_warns_and_guesses() {
    let page = ref_page();
    let out = run_in(&page, "relref", positional(json!(["posts/x.md"])), "");
    assert_eq!(out.html, "/posts/x/");
    assert_eq!(
        out.warnings(),
        [format!(
            "REF_NOT_FOUND: Ref \"posts/x.md\": {POS}: page not found"
        )]
    );
    let out = run_in(&page, "ref", positional(json!(["docs/_index.md#a"])), "");
    assert_eq!(out.html, "https://example.org/docs/#a");
    let out = run_in(&page, "relref", positional(json!(["dup"])), "");
    assert_eq!(
        out.warnings(),
        [format!(
            "REF_NOT_FOUND: Ref \"dup\": {POS}: page reference \"dup\" is ambiguous"
        )]
    );
}

// ---- youtube ---------------------------------------------------------------------------

#[test]
fn youtube_matches_hugo() {
    let out = run("youtube", positional(json!(["0RKpf3rK57I"])), "");
    assert_clean(&out);
    assert_eq!(out.html, hugo_head("youtube 0RKpf3rK57I"));
}

#[test]
fn youtube_with_every_parameter_matches_hugo() {
    let params = named(json!({
        "id": "0RKpf3rK57I", "allowFullScreen": false, "autoplay": true,
        "class": "my-class", "controls": "false", "end": 42, "loading": "lazy",
        "loop": true, "mute": true, "start": 6, "title": "my title"
    }));
    assert_eq!(
        run("youtube", params, "").html,
        hugo_head("youtube named all")
    );
}

#[test]
fn youtube_privacy_enhanced_matches_hugo() {
    let mut page = Page::default();
    page.site.privacy.youtube.privacy_enhanced = true;
    let out = run_in(&page, "youtube", positional(json!(["0RKpf3rK57I"])), "");
    assert_eq!(out.html, hugo_head("youtube privacyEnhanced"));
}

#[test]
fn youtube_without_id_is_hugos_error() {
    let out = run("youtube", positional(json!([])), "");
    assert_eq!(out.html, "");
    assert_eq!(
        out.errors(),
        [format!(
            "The \"youtube\" shortcode requires an id argument. See {POS}"
        )]
    );
}

#[test]
fn youtube_disabled_by_privacy_renders_nothing() {
    let mut page = Page::default();
    page.site.privacy.youtube.disable = true;
    let out = run_in(&page, "youtube", positional(json!([])), "");
    assert_eq!(out.html, "");
    assert_clean(&out);
}

#[test]
fn youtube_without_embeds_is_a_link_card() {
    let page = Page {
        embeds: false,
        ..Page::default()
    };
    let out = run_in(
        &page,
        "youtube",
        named(json!({"id": "abc", "class": "wide"})),
        "",
    );
    assert_eq!(
        out.html,
        "<div class=\"hugo-preview-embed hugo-preview-embed-youtube wide\"><a href=\"https://www.youtube.com/watch?v=abc\">\u{25B6} YouTube video</a></div>"
    );
    let out = run_in(
        &page,
        "youtube",
        positional(json!(["abc", "wide", "T"])),
        "",
    );
    assert_eq!(
        out.html,
        "<div class=\"hugo-preview-embed hugo-preview-embed-youtube\"><a href=\"https://www.youtube.com/watch?v=abc\">\u{25B6} YouTube video</a></div>",
        "the card ignores a positional class and title, as Hugo's iframe does"
    );
    let out = run_in(
        &page,
        "youtube",
        named(json!({"id": "abc", "start": 30, "title": "T"})),
        "",
    );
    assert_eq!(
        out.html,
        "<div class=\"hugo-preview-embed hugo-preview-embed-youtube\"><a href=\"https://www.youtube.com/watch?v=abc&amp;t=30s\">\u{25B6} T</a></div>"
    );
}

/// Hugo 0.168 `{{< youtube w7Ft2ymGmfc my-class my-title >}}`: the class and the title are
/// ignored, so the iframe keeps its styles and the default title.
#[test]
fn youtube_ignores_a_positional_class_and_title() {
    let out = run(
        "youtube",
        positional(json!(["w7Ft2ymGmfc", "my-class", "my-title"])),
        "",
    );
    assert_eq!(
        out.html,
        "<div style=\"position: relative; padding-bottom: 56.25%; height: 0; overflow: hidden;\">\n\t\t\t<iframe allow=\"accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share; fullscreen\" loading=\"eager\" referrerpolicy=\"strict-origin-when-cross-origin\" src=\"https://www.youtube.com/embed/w7Ft2ymGmfc?autoplay=0&amp;controls=1&amp;end=0&amp;loop=0&amp;mute=0&amp;start=0\" style=\"position: absolute; top: 0; left: 0; width: 100%; height: 100%; border:0;\" title=\"YouTube video\"></iframe>\n\t\t</div>\n"
    );
    assert_clean(&out);
}

#[test]
fn youtube_old_autoplay_form_still_works() {
    let out = run(
        "youtube",
        named(json!({"id": "w7Ft2ymGmfc", "autoplay": "true"})),
        "",
    );
    assert!(out
        .html
        .contains("?autoplay=1&amp;controls=1&amp;end=0&amp;loop=0&amp;mute=1"));
}

// ---- vimeo -----------------------------------------------------------------------------

#[test]
fn vimeo_matches_hugo() {
    assert_eq!(
        run("vimeo", positional(json!(["19899678"])), "").html,
        hugo_head("vimeo 19899678")
    );
    assert_eq!(
        run(
            "vimeo",
            named(json!({"id": 19899678, "allowFullScreen": true})),
            ""
        )
        .html,
        hugo_head("vimeo named allowFullScreen=true")
    );
    assert_eq!(
        run(
            "vimeo",
            named(json!({"id": 19899678, "allowFullScreen": false})),
            ""
        )
        .html,
        hugo_head("vimeo named allowFullScreen=false")
    );
    let params = named(json!({
        "id": 19899678, "class": "foo bar", "loading": "lazy", "title": "My Video"
    }));
    assert_eq!(
        run("vimeo", params, "").html,
        hugo_head("vimeo named class/loading/title")
    );
}

#[test]
fn vimeo_asks_not_to_track_when_configured() {
    let mut page = Page::default();
    page.site.privacy.vimeo.enable_dnt = true;
    let out = run_in(&page, "vimeo", positional(json!(["1"])), "");
    assert!(out
        .html
        .contains("src=\"https://player.vimeo.com/video/1?dnt=1\""));
}

/// Hugo 0.168 `{{< vimeo 146022717 video my-title lazy >}}`: only the id is read.
#[test]
fn vimeo_ignores_a_positional_class_title_and_loading() {
    let out = run(
        "vimeo",
        positional(json!(["146022717", "video", "my-title", "lazy"])),
        "",
    );
    assert_eq!(
        out.html,
        "\n\t\t\t<div\n\t\t\t\t\tstyle=\"position: relative; padding-bottom: 56.25%; height: 0; overflow: hidden;\">\n\t\t\t\t<iframe\n\t\t\t\t\tsrc=\"https://player.vimeo.com/video/146022717?dnt=0\"\n\t\t\t\t\t\tstyle=\"position: absolute; top: 0; left: 0; width: 100%; height: 100%; border:0;\" allow=\"fullscreen\">\n\t\t\t\t</iframe>\n\t\t\t</div>\n"
    );
    let page = Page {
        embeds: false,
        ..Page::default()
    };
    let out = run_in(&page, "vimeo", positional(json!(["1", "video", "T"])), "");
    assert_eq!(
        out.html,
        "<div class=\"hugo-preview-embed hugo-preview-embed-vimeo\"><a href=\"https://vimeo.com/1\">\u{25B6} Vimeo video</a></div>",
        "the card ignores them too"
    );
}

/// Hugo's `vimeo_simple` template reads `.Get 1` as the class (but no title).
#[test]
fn vimeo_simple_takes_a_positional_class() {
    let out = run(
        "vimeo_simple",
        positional(json!(["1", "video", "my-title"])),
        "",
    );
    assert!(out.html.contains("class=\"video\""), "{}", out.html);
    assert!(!out.html.contains("title="), "{}", out.html);
    assert!(!out.html.contains("style="), "{}", out.html);
}

#[test]
fn vimeo_without_id_is_hugos_error() {
    let out = run("vimeo", named(json!({"class": "x"})), "");
    assert_eq!(
        out.errors(),
        [format!("The \"vimeo\" shortcode requires a video id, either as the first positional argument or an argument named id. See {POS}")]
    );
}

#[test]
fn vimeo_without_embeds_is_a_link_card() {
    let page = Page {
        embeds: false,
        ..Page::default()
    };
    let out = run_in(&page, "vimeo", positional(json!(["146022717"])), "");
    assert_eq!(
        out.html,
        "<div class=\"hugo-preview-embed hugo-preview-embed-vimeo\"><a href=\"https://vimeo.com/146022717\">\u{25B6} Vimeo video</a></div>"
    );
    let mut page = Page::default();
    page.site.privacy.vimeo.disable = true;
    assert_eq!(
        run_in(&page, "vimeo", positional(json!(["1"])), "").html,
        ""
    );
}

// ---- x, tweet --------------------------------------------------------------------------

const X_CARD: &str = "<blockquote class=\"twitter-tweet\"><p>View this post on X</p>&mdash; @SanDiegoZoo <a href=\"https://x.com/SanDiegoZoo/status/1453110110599868418\">https://x.com/SanDiegoZoo/status/1453110110599868418</a></blockquote>";

#[test]
fn x_is_a_static_card() {
    for name in ["x", "x_simple"] {
        let params = named(json!({"user": "SanDiegoZoo", "id": "1453110110599868418"}));
        let out = run(name, params, "");
        assert_clean(&out);
        assert_eq!(out.html, X_CARD);
    }
}

#[test]
fn x_requires_named_user_and_id() {
    for params in [
        named(json!({"user": "a"})),
        positional(json!(["SanDiegoZoo", "1453110110599868418"])),
    ] {
        let out = run("x", params, "");
        assert_eq!(out.html, "");
        assert_eq!(
            out.errors(),
            [format!(
                "The \"x\" shortcode requires two named parameters: user and id. See {POS}"
            )]
        );
    }
    let mut page = Page::default();
    page.site.privacy.x.disable = true;
    assert_eq!(run_in(&page, "x", positional(json!([])), "").html, "");
}

const TWITTER_REMOVED: &str = "The \"twitter\", \"tweet\", and \"twitter_simple\" shortcodes were deprecated in v0.142.0 and removed in v0.156.0. Please use the \"x\" shortcode instead.";

/// Hugo 0.156 and later stop the build with this one message, whatever the parameters
/// (checked with Hugo 0.168). The preview keeps the card for the error box.
#[test]
fn tweet_is_hugos_removal_error_with_the_card_kept() {
    for name in ["tweet", "twitter", "twitter_simple"] {
        let params = named(json!({"user": "SanDiegoZoo", "id": "1453110110599868418"}));
        let out = run(name, params, "");
        assert_eq!(out.html, X_CARD);
        assert_eq!(out.errors(), [TWITTER_REMOVED]);
        assert!(out.warnings().is_empty());
        assert!(out.report.output_in_error_box, "the card goes in the box");
    }
    let out = run(
        "tweet",
        positional(json!(["SanDiegoZoo", "1453110110599868418"])),
        "",
    );
    assert_eq!(out.html, X_CARD);
}

#[test]
fn tweet_with_a_lone_id_or_none_has_only_the_removal_error() {
    let out = run("tweet", positional(json!(["1453110110599868418"])), "");
    assert!(out
        .html
        .contains("https://x.com/x/status/1453110110599868418"));
    assert_eq!(out.errors(), [TWITTER_REMOVED]);
    assert!(out.warnings().is_empty());
    let out = run("tweet", positional(json!([])), "");
    assert_eq!(out.html, "");
    assert_eq!(out.errors(), [TWITTER_REMOVED]);
}

// ---- instagram, gist -------------------------------------------------------------------

#[test]
fn instagram_is_a_link_card() {
    let out = run("instagram", positional(json!(["CxOWiQNP2MO"])), "");
    assert_clean(&out);
    assert_eq!(
        out.html,
        "<blockquote class=\"instagram-media\"><a href=\"https://www.instagram.com/p/CxOWiQNP2MO\">View this post on Instagram</a></blockquote>"
    );
}

/// Hugo 0.168's message; the card stays for the error box.
#[test]
fn instagram_simple_is_hugos_removal_error() {
    let out = run("instagram_simple", positional(json!(["CxOWiQNP2MO"])), "");
    assert_eq!(
        out.errors(),
        [format!("The \"instagram_simple\" shortcode was removed in v0.123.0. Use the \"instagram\" shortcode instead. See {POS}")]
    );
    assert!(out.html.contains("instagram.com/p/CxOWiQNP2MO"));
    assert!(out.report.output_in_error_box);
}

#[test]
fn instagram_without_id_is_hugos_error() {
    let out = run("instagram", named(json!({"id": "x"})), "");
    assert_eq!(
        out.errors(),
        [format!("The \"instagram\" shortcode requires a single positional parameter, the ID of the Instagram post. See {POS}")]
    );
}

const GIST_REMOVED: &str =
    "The \"gist\" shortcode was deprecated in v0.143.0 and removed in v0.156.0.";

#[test]
fn gist_is_hugos_removal_error_with_a_link_card_kept() {
    let out = run("gist", positional(json!(["spf13", "7896402"])), "");
    assert_eq!(
        out.html,
        "<div class=\"gist\"><a href=\"https://gist.github.com/spf13/7896402\">View gist spf13/7896402</a></div>"
    );
    assert_eq!(out.errors(), [GIST_REMOVED]);
    assert!(out.warnings().is_empty());
    assert!(out.report.output_in_error_box);
    let out = run(
        "gist",
        positional(json!(["spf13", "7896402", "img.html"])),
        "",
    );
    assert!(out
        .html
        .contains(">View img.html in gist spf13/7896402</a>"));
    let out = run("gist", positional(json!(["spf13"])), "");
    assert_eq!(out.html, "");
    assert_eq!(out.errors(), [GIST_REMOVED], "Hugo's one message");
}

// ---- qr --------------------------------------------------------------------------------

fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let mut out = Vec::new();
    for chunk in text.as_bytes().chunks(4) {
        let digits: Vec<u8> = chunk
            .iter()
            .filter(|&&c| c != b'=')
            .map(|&c| value(c))
            .collect();
        let n = digits
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &d)| n | (u32::from(d) << (18 - 6 * i)));
        for i in 0..digits.len().saturating_sub(1) {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    out
}

/// The SVG inside the `data:` URL of a `qr` image.
fn qr_svg(html: &str) -> String {
    let start = html.find("base64,").expect("a data URL") + "base64,".len();
    let end = start + html[start..].find('"').expect("end of src");
    String::from_utf8(base64_decode(&html[start..end])).expect("UTF-8 SVG")
}

/// The module grid drawn by the SVG's path (`Mx,yhNv1h-Nz` runs), without the quiet zone.
fn modules(svg: &str, size: usize) -> Vec<Vec<bool>> {
    let mut grid = vec![vec![false; size]; size];
    let d_start = svg.find(" d=\"").expect("a path") + 4;
    let d = &svg[d_start..d_start + svg[d_start..].find('"').unwrap()];
    for run in d.split('z').filter(|r| !r.is_empty()) {
        let run = run.strip_prefix('M').expect("a move");
        let (xy, rest) = run.split_once('h').unwrap();
        let (x, y) = xy.split_once(',').unwrap();
        let length: usize = rest.split_once('v').unwrap().0.parse().unwrap();
        let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
        for column in x..x + length {
            grid[y - 4][column - 4] = true;
        }
    }
    grid
}

/// The error correction level read back from the format information next to the top-left
/// finder pattern (ISO 18004 §7.9): L=1, M=0, Q=3, H=2.
fn error_correction_bits(grid: &[Vec<bool>]) -> u32 {
    let mut bits = 0u32;
    let mut cells: Vec<(usize, usize)> = (0..6).map(|i| (8, i)).collect();
    cells.extend([(8, 7), (8, 8), (7, 8)]);
    cells.extend((9..15).map(|i| (14 - i, 8)));
    for (i, (x, y)) in cells.into_iter().enumerate() {
        if grid[y][x] {
            bits |= 1 << i;
        }
    }
    (bits ^ 0x5412) >> 13
}

fn assert_well_formed_svg(svg: &str) {
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.ends_with("</svg>"));
    assert_eq!(svg.matches('<').count(), svg.matches('>').count());
    assert_eq!(svg.matches("<svg").count(), svg.matches("</svg>").count());
}

#[test]
fn qr_matches_hugos_size_and_attributes() {
    let params = named(json!({
        "text": "https://gohugo.io", "level": "high", "scale": 4, "targetDir": "codes",
        "alt": "QR code linking to https://gohugo.io", "class": "my-class",
        "id": "my-id", "title": "My Title"
    }));
    let out = run("qr", params, "");
    assert_clean(&out);
    assert!(out
        .html
        .starts_with("<img src=\"data:image/svg+xml;base64,"));
    assert!(
        out.html.ends_with("\" width=\"148\" height=\"148\" alt=\"QR code linking to https://gohugo.io\" class=\"my-class\" id=\"my-id\" title=\"My Title\">"),
        "{}",
        out.html
    );
    let svg = qr_svg(&out.html);
    assert_well_formed_svg(&svg);
    assert!(
        svg.contains("viewBox=\"0 0 37 37\""),
        "version 3: 29 modules"
    );
    assert_eq!(error_correction_bits(&modules(&svg, 29)), 2, "level high");
}

#[test]
fn qr_reads_the_trimmed_inner_text_at_medium_level() {
    let out = run("qr", positional(json!([])), "\nhttps://gohugo.io\"\n");
    assert!(
        out.html.ends_with("\" width=\"132\" height=\"132\">"),
        "{}",
        out.html
    );
    let svg = qr_svg(&out.html);
    assert_well_formed_svg(&svg);
    assert!(
        svg.contains("viewBox=\"0 0 33 33\""),
        "version 2: 25 modules"
    );
    assert_eq!(error_correction_bits(&modules(&svg, 25)), 0, "level medium");
}

#[test]
fn qr_draws_the_finder_patterns() {
    let out = run("qr", named(json!({"text": "a", "level": "low"})), "");
    let grid = modules(&qr_svg(&out.html), 21);
    // Top-left finder: dark border ring, light ring, dark 3x3 core.
    assert!((0..7).all(|i| grid[0][i] && grid[6][i] && grid[i][0] && grid[i][6]));
    assert!((1..6).all(|i| !grid[1][i] && !grid[5][i]));
    assert!((2..5).all(|y| (2..5).all(|x| grid[y][x])));
    assert_eq!(error_correction_bits(&grid), 1, "level low");
    assert!(out.html.contains("width=\"116\""), "(21 + 8) * 4");
}

#[test]
fn qr_reports_hugos_errors() {
    let out = run("qr", named(json!({"level": "best", "scale": 1})), "  ");
    assert_eq!(out.html, "");
    assert_eq!(
        out.errors(),
        [
            format!("The \"qr\" shortcode requires a \"text\" argument. See {POS}"),
            format!("The \"level\" argument passed to the \"qr\" shortcode must be one of low, medium, quartile, or high. See {POS}"),
            format!("The \"scale\" argument passed to the \"qr\" shortcode must be an integer greater than or equal to 2. See {POS}"),
        ]
    );
    let out = run("qr", named(json!({"text": "a", "scale": 2.5})), "");
    assert_eq!(out.errors().len(), 1);
    let out = run(
        "qr",
        named(json!({"text": "a".repeat(3_000), "level": "high"})),
        "",
    );
    assert_eq!(out.html, "");
    assert!(out.errors()[0].contains("more than a QR code holds"));
}

#[test]
fn qr_base64_round_trips() {
    for text in ["", "a", "ab", "abc", "<svg>é</svg>"] {
        assert_eq!(base64_decode(&qr::base64(text.as_bytes())), text.as_bytes());
    }
}

// ---- robustness ------------------------------------------------------------------------

#[test]
fn no_built_in_panics_on_odd_parameters() {
    let odd = [
        positional(json!([])),
        positional(json!([null, {"a": [1]}, -1, 1.5e300, "é\u{0}<>\"'"])),
        named(
            json!({"id": {"x": 1}, "text": [1, 2], "scale": -9999999999i64, "src": "é:",
                     "open": null, "user": "", "level": 3, "hl_lines": "9-1"}),
        ),
    ];
    for builtin in builtins::BUILTINS {
        for params in &odd {
            for inner in ["", "\u{0}", "é\r\n"] {
                let _ = run(builtin.name, params.clone(), inner);
            }
        }
    }
}
