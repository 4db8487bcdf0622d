//! The JavaScript API (src/wasm.rs) inside a real JavaScript engine: `wasm-pack test --node`
//! and `wasm-pack test --headless --chrome` (make wasm-test). The package's own tests
//! (pkg-tests/) import the built npm package as users do; these check the glue itself.
#![cfg(target_arch = "wasm32")]

use hugo_preview::wasm::{self, JsRenderer as Renderer};
use js_sys::{Array, Function, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).expect("an object")
}

fn string(value: &JsValue, key: &str) -> String {
    get(value, key)
        .as_string()
        .unwrap_or_else(|| panic!("{key} is a string"))
}

fn number(value: &JsValue, key: &str) -> f64 {
    get(value, key)
        .as_f64()
        .unwrap_or_else(|| panic!("{key} is a number"))
}

fn to_js(value: &serde_json::Value) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .expect("JSON becomes JavaScript")
}

fn options(value: serde_json::Value) -> Option<tsify::Ts<hugo_preview::RenderOptions>> {
    Some(tsify::Ts::new_unchecked(to_js(&value)))
}

fn render(source: &str, opts: serde_json::Value) -> JsValue {
    wasm::render(source, options(opts), None, None, None)
        .expect("valid options")
        .into()
}

#[wasm_bindgen_test]
fn results_are_plain_objects_with_null_for_missing_values() {
    let out = render(
        "+++\ntitle = \"Hi\"\n[params]\nx = 1\n+++\nHello *world*\n",
        serde_json::json!({}),
    );
    assert_eq!(string(&out, "contentHtml"), "<p>Hello <em>world</em></p>\n");
    let front_matter = get(&out, "frontMatter");
    assert!(
        !front_matter.is_instance_of::<js_sys::Map>(),
        "an object, not a Map"
    );
    assert_eq!(
        Object::get_prototype_of(&front_matter),
        Object::get_prototype_of(&Object::new().into())
    );
    assert_eq!(number(&get(&front_matter, "params"), "x"), 1.0);
    let page = get(&out, "page");
    assert_eq!(string(&page, "title"), "Hi");
    assert!(
        get(&page, "description").is_null(),
        "missing is null, not undefined"
    );
    assert_eq!(string(&out, "frontMatterFormat"), "toml");
    assert!(Array::is_array(&get(&out, "diagnostics")));
    assert_eq!(number(&out, "wordCount"), 2.0);
}

#[wasm_bindgen_test]
fn diagnostics_carry_utf16_offsets_as_the_shared_fixture_says() {
    let fixture: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/utf16-diagnostics.json")).unwrap();
    for case in fixture["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let source = case["source"].as_str().unwrap();
        let out = render(source, case.get("options").cloned().unwrap_or_default());
        let got: serde_json::Value =
            serde_wasm_bindgen::from_value(get(&out, "diagnostics")).unwrap();
        let expected = &case["diagnostics"];
        let got: Vec<_> = got
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                let mut d = d.clone();
                if d["file"].is_null() {
                    let text: String = js_sys::JsString::from(source)
                        .slice(
                            d["start"].as_u64().unwrap() as u32,
                            d["end"].as_u64().unwrap() as u32,
                        )
                        .into();
                    d["text"] = text.into();
                }
                d
            })
            .collect();
        assert_eq!(&serde_json::Value::from(got), expected, "{name}");
    }
}

#[wasm_bindgen_test]
fn bad_options_throw_a_type_error_naming_the_field() {
    let error = wasm::render(
        "x",
        options(serde_json::json!({"markup": {"goldmark": {"unsafe": "yes"}}})),
        None,
        None,
        None,
    )
    .expect_err("a bad option throws");
    assert!(error.is_instance_of::<js_sys::TypeError>());
    let message = string(&error, "message");
    assert!(
        message.starts_with("hugo-preview: invalid option `markup.goldmark.unsafe`: invalid type"),
        "{message}"
    );
    let error = wasm::render(
        "x",
        options(serde_json::json!({"markup": {"goldmarc": {}}})),
        None,
        None,
        None,
    )
    .expect_err("an unknown option throws");
    assert!(string(&error, "message").contains("unknown field `goldmarc`"));
    let fine = wasm::render(
        "x",
        options(serde_json::json!({"siteConfig": null, "embeds": true})),
        None,
        None,
        None,
    );
    assert!(fine.is_ok(), "null means left out");
}

#[wasm_bindgen_test]
fn data_attributes_are_kept_only_with_allow_data_attributes() {
    let source = "<div data-target=\"#x\">a</div>";
    let unsafe_html = serde_json::json!({"markup": {"goldmark": {"unsafe": true}}});
    let off = render(source, unsafe_html.clone());
    assert_eq!(string(&off, "contentHtml"), "<div>a</div>");
    let mut allowed = unsafe_html;
    allowed["allowDataAttributes"] = true.into();
    let on = render(source, allowed);
    assert_eq!(
        string(&on, "contentHtml"),
        "<div data-target=\"#x\">a</div>"
    );
}

#[wasm_bindgen_test]
fn a_renderer_runs_templates_and_javascript_shortcodes() {
    let mut renderer = Renderer::new(options(serde_json::json!({
        "shortcodes": { "hi": "<b>{{ .Get 0 }}</b>" }
    })))
    .unwrap();
    let out: JsValue = renderer.render("A {{< hi there >}}", None).unwrap().into();
    assert_eq!(string(&out, "contentHtml"), "<p>A <b>there</b></p>\n");

    renderer.set_shortcode("hi", "<i>{{ .Get 0 }}</i>");
    let out: JsValue = renderer.render("A {{< hi there >}}", None).unwrap().into();
    assert_eq!(string(&out, "contentHtml"), "<p>A <i>there</i></p>\n");

    let function = Function::new_with_args(
        "call",
        "return '<span onclick=\"x()\">' + call.params.who + '@' + call.position.column + '</span>'",
    );
    renderer.register_shortcode("hi", function, None).unwrap();
    let out: JsValue = renderer
        .render("😀 {{< hi who=\"you\" >}}", None)
        .unwrap()
        .into();
    assert_eq!(
        string(&out, "contentHtml"),
        "<p>😀 <span>you@4</span></p>\n"
    );

    let throwing = Function::new_with_args("call", "throw new Error('no ' + call.name)");
    renderer.register_shortcode("oops", throwing, None).unwrap();
    let out: JsValue = renderer
        .render("ok\n\n{{< oops >}}\n", None)
        .unwrap()
        .into();
    let diagnostic = get(&out, "diagnostics").dyn_into::<Array>().unwrap().get(0);
    assert_eq!(
        string(&diagnostic, "message"),
        "shortcode \"oops\": the JavaScript function threw: no oops"
    );
    assert_eq!(number(&diagnostic, "line"), 3.0);
    assert!(string(&out, "contentHtml").contains("<p>ok</p>"));

    assert!(renderer.unregister_shortcode("hi"));
    let out: JsValue = renderer.render("A {{< hi there >}}", None).unwrap().into();
    assert_eq!(
        string(&out, "contentHtml"),
        "<p>A <i>there</i></p>\n",
        "the template again"
    );
}

#[wasm_bindgen_test]
fn parse_gives_the_outline_in_utf16() {
    let out: JsValue = wasm::parse(
        "+++\ntitle = \"x\"\n+++\n## 日本 😀 title\n{{< figure src=\"a\" >}}\n<!--more-->\n",
        None,
    )
    .unwrap()
    .into();
    let heading = get(&out, "headings").dyn_into::<Array>().unwrap().get(0);
    assert_eq!(string(&heading, "id"), "日本--title");
    assert_eq!(
        (number(&heading, "start"), number(&heading, "end")),
        (20.0, 35.0)
    );
    let shortcode = get(&out, "shortcodes").dyn_into::<Array>().unwrap().get(0);
    assert_eq!(string(&shortcode, "name"), "figure");
    assert_eq!(
        (number(&shortcode, "line"), number(&shortcode, "start")),
        (5.0, 35.0)
    );
    assert_eq!(number(&get(&out, "summaryDivider"), "start"), 58.0);
}

// ---- Template values nest at most MAX_TEMPLATE_VALUE_DEPTH (issue 20, point 3) ----------

/// Renders `source` with the site shortcode template `name`.
fn render_with_template(source: &str, name: &str, template: &str) -> JsValue {
    render(
        source,
        serde_json::json!({ "shortcodes": { name: template } }),
    )
}

fn diagnostic_messages(out: &JsValue) -> Vec<String> {
    get(out, "diagnostics")
        .dyn_into::<Array>()
        .unwrap()
        .iter()
        .map(|d| string(&d, "message"))
        .collect()
}

#[wasm_bindgen_test]
fn a_template_value_nested_too_deep_is_an_error_box_not_a_trap() {
    // Before the limit this value was 90,000 levels deep, and dropping it trapped the module
    // on every render.
    let template = r#"{{ $x := dict }}{{ range seq 300 }}{{ range seq 300 }}{{ $x = dict "a" $x }}{{ end }}{{ end }}ok"#;
    let out = render_with_template("before\n\n{{< deep >}}\n\nafter\n", "deep", template);
    let html = string(&out, "contentHtml");
    assert!(
        html.starts_with("<p>before</p>")
            && html.contains("hugo-preview-error")
            && html.trim_end().ends_with("<p>after</p>"),
        "an error box between the paragraphs: {html}"
    );
    let messages = diagnostic_messages(&out);
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(
        messages[0].contains("at <dict \"a\" $x>: error calling dict: ")
            && messages[0].contains("MAX_TEMPLATE_VALUE_DEPTH"),
        "{}",
        messages[0]
    );
    let next = render("*still working*", serde_json::json!({}));
    assert_eq!(
        string(&next, "contentHtml"),
        "<p><em>still working</em></p>\n"
    );
}

#[wasm_bindgen_test]
fn a_value_at_the_limit_is_walked_and_dropped_in_the_deepest_nesting() {
    // 49 calls deep with this template is the executor's deepest nesting (tests/value_depth.rs
    // checks that one more is its nesting error); there a value exactly at the limit is
    // compared, printed, jsonified, sorted, and dropped on the way out.
    let levels = hugo_preview::limits::MAX_TEMPLATE_VALUE_DEPTH - 1;
    let template = format!(
        r#"{{{{ define "r" }}}}{{{{ if lt . 49 }}}}{{{{ with . }}}}{{{{ range 1 }}}}{{{{ template "r" (add $ 1) }}}}{{{{ end }}}}{{{{ end }}}}{{{{ else }}}}{{{{ template "bottom" }}}}{{{{ end }}}}{{{{ end }}}}{{{{ define "bottom" }}}}{{{{ $x := dict }}}}{{{{ range seq {levels} }}}}{{{{ $x = dict "a" $x }}}}{{{{ end }}}}{{{{ if eq $x (dict "a" $x.a) }}}}{{{{ len (jsonify $x) }}}} {{{{ len (printf "%v" $x) }}}} {{{{ len (print $x) }}}} {{{{ len (sort (slice $x.a $x.a)) }}}} {{{{ len (uniq (slice $x.a $x.a)) }}}} {{{{ in (slice $x.a) $x.a }}}}{{{{ end }}}}{{{{ end }}}}{{{{ template "r" 1 }}}}"#
    );
    let out = render_with_template("+++\n+++\n{{< deep >}}\n", "deep", &template);
    assert_eq!(diagnostic_messages(&out), Vec::<String>::new());
    assert!(string(&out, "contentHtml").contains(" 2 1 true"));
}

#[wasm_bindgen_test]
fn scratch_pads_chained_through_nested_calls_drop_without_a_trap() {
    let template = format!(
        r#"{{{{ $x := dict "pad" .Scratch }}}}{{{{ range seq {} }}}}{{{{ $x = dict "a" $x }}}}{{{{ end }}}}{{{{ with .Parent }}}}{{{{ .Scratch.Set "child" $x }}}}{{{{ end }}}}[{{{{ .Inner }}}}]"#,
        hugo_preview::limits::MAX_TEMPLATE_VALUE_DEPTH - 1
    );
    let source = format!(
        "+++\n+++\n{}x{}\n",
        "{{< chain >}}".repeat(60),
        "{{< /chain >}}".repeat(60)
    );
    let out = render_with_template(&source, "chain", &template);
    assert_eq!(diagnostic_messages(&out), Vec::<String>::new());
    assert!(string(&out, "contentHtml").contains(&format!(
        "{}x{}",
        "[".repeat(60),
        "]".repeat(60)
    )));
}
