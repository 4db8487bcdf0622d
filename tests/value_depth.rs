//! Template values nest at most `MAX_TEMPLATE_VALUE_DEPTH` levels of lists and maps (issue
//! 20, point 3). Before the limit, a one-line loop such as `{{ $x = dict "a" $x }}` built a
//! value 90,000 levels deep whose drop overflowed the stack and aborted the process.
//!
//! Every render here runs on a 1 MB stack, as WebAssembly's, so a recursion that the limit
//! does not bound fails these tests (by aborting) rather than passing on a big native stack.
#![cfg(not(target_arch = "wasm32"))]

use hugo_preview::limits::{MAX_FRONT_MATTER_DEPTH, MAX_TEMPLATE_VALUE_DEPTH};
use hugo_preview::template::Value;
use hugo_preview::{render, RenderOptions, Rendered, Severity};

const STACK: usize = 1024 * 1024;

/// The issue's recipe: 90,000 steps, one more level each.
const NESTING_LOOP: &str = r#"{{ $x := dict }}{{ range seq 300 }}{{ range seq 300 }}{{ $x = dict "a" $x }}{{ end }}{{ end }}ok"#;

/// Renders `source` with the site shortcode templates `templates`, on a 1 MB stack.
fn render_small_stack(templates: &[(&str, &str)], source: &str) -> Rendered {
    let mut options = RenderOptions::default();
    for (name, template) in templates {
        options
            .shortcodes
            .insert((*name).to_string(), (*template).to_string());
    }
    let source = source.to_string();
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || render(&source, &options))
        .expect("a thread")
        .join()
        .expect("the render should not panic")
}

/// The one error diagnostic of `out`.
#[track_caller]
fn the_error(out: &Rendered) -> String {
    let errors: Vec<_> = out
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "one error: {:?}", out.diagnostics);
    errors[0].message.clone()
}

/// The call renders as an error box naming the limit; the text around it renders.
#[track_caller]
fn assert_stopped_at_the_limit(template: &str, function: &str) {
    let out = render_small_stack(&[("deep", template)], "before\n\n{{< deep >}}\n\nafter\n");
    let message = the_error(&out);
    assert!(
        message.contains(&format!("error calling {function}: "))
            && message.contains(&format!(
                "nest deeper than {MAX_TEMPLATE_VALUE_DEPTH} levels"
            ))
            && message.contains("MAX_TEMPLATE_VALUE_DEPTH"),
        "the error should name {function} and the limit: {message}"
    );
    let html = &out.content_html;
    assert!(
        html.starts_with("<p>before</p>")
            && html.contains("hugo-preview-error")
            && html.contains("MAX_TEMPLATE_VALUE_DEPTH")
            && html.trim_end().ends_with("<p>after</p>"),
        "the call should be an error box between the paragraphs: {html}"
    );
}

#[test]
fn a_loop_nesting_dicts_is_an_error_at_the_call_and_the_page_renders() {
    let out = render_small_stack(
        &[("deep", NESTING_LOOP)],
        "before\n\n{{< deep >}}\n\nafter\n",
    );
    let message = the_error(&out);
    assert_eq!(
        message,
        format!(
            "failed to render shortcode \"deep\": template: shortcodes/deep.html:1:62: \
             executing \"shortcodes/deep.html\" at <dict \"a\" $x>: error calling dict: lists \
             and maps would nest deeper than {MAX_TEMPLATE_VALUE_DEPTH} levels (a preview's \
             limit, MAX_TEMPLATE_VALUE_DEPTH)"
        ),
        "Go's form, at the dict call"
    );
    assert_stopped_at_the_limit(NESTING_LOOP, "dict");
}

#[test]
fn loops_through_slice_append_and_merge_stop_at_the_limit() {
    let repeat = |body: &str| {
        format!(
            "{{{{ $x := slice }}}}{{{{ range seq 300 }}}}{{{{ range seq 300 }}}}{body}{{{{ end }}}}{{{{ end }}}}ok"
        )
    };
    assert_stopped_at_the_limit(&repeat("{{ $x = slice $x }}"), "slice");
    // Two items: neither is spread, so the list holds the old one.
    assert_stopped_at_the_limit(&repeat("{{ $x = append $x $x (slice) }}"), "append");
    // merge never nests deeper than its maps; the dict that feeds it stops.
    assert_stopped_at_the_limit(
        &repeat(r#"{{ $x = merge (dict "a" $x) (dict "b" 1) }}"#),
        "dict",
    );
}

#[test]
fn loops_through_the_scratch_pad_stop_at_the_limit() {
    let repeat = |setup: &str, body: &str| {
        format!("{setup}{{{{ range seq 300 }}}}{{{{ range seq 300 }}}}{body}{{{{ end }}}}{{{{ end }}}}ok")
    };
    assert_stopped_at_the_limit(
        &repeat(
            "",
            r#"{{ $.Scratch.SetInMap "m" "a" ($.Scratch.Get "m") }}"#,
        ),
        "SetInMap",
    );
    assert_stopped_at_the_limit(
        &repeat(
            r#"{{ .Scratch.Set "l" (slice) }}"#,
            r#"{{ $.Scratch.Add "l" (dict "a" ($.Scratch.Get "l")) }}"#,
        ),
        "Add",
    );
    assert_stopped_at_the_limit(
        &repeat("", r#"{{ $.Scratch.Set "v" $.Scratch.Values }}"#),
        "Values",
    );
    assert_stopped_at_the_limit(
        &repeat(
            "",
            r#"{{ $.Page.Store.SetInMap "m" "a" ($.Page.Store.Get "m") }}"#,
        ),
        "SetInMap",
    );
}

/// A template that recurses `calls` deep, then builds a value `levels` deep, compares,
/// prints, jsonifies and sorts it, and drops it on the way out.
fn deep_value_in_deep_calls(calls: usize, levels: usize) -> String {
    format!(
        r#"{{{{ define "r" }}}}{{{{ if lt . {calls} }}}}{{{{ with . }}}}{{{{ range 1 }}}}{{{{ template "r" (add $ 1) }}}}{{{{ end }}}}{{{{ end }}}}{{{{ else }}}}{{{{ template "bottom" }}}}{{{{ end }}}}{{{{ end }}}}{{{{ define "bottom" }}}}{{{{ $x := dict }}}}{{{{ range seq {levels} }}}}{{{{ $x = dict "a" $x }}}}{{{{ end }}}}{{{{ if eq $x (dict "a" $x.a) }}}}{{{{ len (jsonify $x) }}}} {{{{ len (printf "%v" $x) }}}} {{{{ len (print $x) }}}} {{{{ len (sort (slice $x.a $x.a)) }}}} {{{{ len (uniq (slice $x.a $x.a)) }}}} {{{{ in (slice $x.a) $x.a }}}}{{{{ end }}}}{{{{ end }}}}{{{{ template "r" 1 }}}}"#
    )
}

#[test]
fn a_value_at_the_limit_is_compared_printed_and_dropped_in_the_deepest_nesting() {
    // The deepest the executor goes with this template (one call more is its nesting error):
    // the worst a template can ask of the stack.
    let calls = 49;
    let levels = MAX_TEMPLATE_VALUE_DEPTH - 1; // and the first dict
    let source = "+++\n+++\n{{< deep >}}\n";
    let one_more = deep_value_in_deep_calls(calls + 1, levels);
    let out = render_small_stack(&[("deep", &one_more)], source);
    assert!(the_error(&out).contains("templates nest deeper than"));

    let out = render_small_stack(
        &[("deep", &deep_value_in_deep_calls(calls, levels))],
        source,
    );
    assert!(
        out.diagnostics.is_empty(),
        "a value exactly at the limit is allowed: {:?}",
        out.diagnostics
    );
    assert!(
        out.content_html.contains(" 2 1 true"),
        "the template should run to the end: {}",
        out.content_html
    );

    let over = deep_value_in_deep_calls(calls, levels + 1);
    let out = render_small_stack(&[("deep", &over)], source);
    assert!(the_error(&out).contains("MAX_TEMPLATE_VALUE_DEPTH"));
}

#[test]
fn scratch_pads_chained_through_nested_calls_drop_on_a_small_stack() {
    // Each call stores, in its parent's pad, a value at the limit holding its own pad: a
    // chain 60 calls long, 60 × 128 levels, dropped when the page is done.
    let template = format!(
        r#"{{{{ $x := dict "pad" .Scratch }}}}{{{{ range seq {} }}}}{{{{ $x = dict "a" $x }}}}{{{{ end }}}}{{{{ with .Parent }}}}{{{{ .Scratch.Set "child" $x }}}}{{{{ end }}}}[{{{{ .Inner }}}}]"#,
        MAX_TEMPLATE_VALUE_DEPTH - 1
    );
    let calls = 60;
    let source = format!(
        "+++\n+++\n{}x{}\n",
        "{{< chain >}}".repeat(calls),
        "{{< /chain >}}".repeat(calls)
    );
    let out = render_small_stack(&[("chain", &template)], &source);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    assert!(out
        .content_html
        .contains(&format!("{}x{}", "[".repeat(calls), "]".repeat(calls))));
}

#[test]
fn front_matter_at_its_own_limit_fits_and_deeper_trees_stop_at_the_value_limit() {
    const { assert!(MAX_FRONT_MATTER_DEPTH + 16 <= MAX_TEMPLATE_VALUE_DEPTH) };
    let mut tree = serde_json::json!(1);
    for _ in 0..MAX_TEMPLATE_VALUE_DEPTH + 50 {
        tree = serde_json::json!([tree]);
    }
    let value = Value::from_json(&tree);
    assert_eq!(value.depth(), MAX_TEMPLATE_VALUE_DEPTH);
    let mut innermost = &value;
    while let Value::List(items) = innermost {
        innermost = &items[0];
    }
    assert_eq!(*innermost, Value::Nil, "levels beyond the limit become nil");
    // Front matter as deep as it may be leaves room for templates to wrap it.
    let front_matter = format!(
        "{{\"a\": {}1{}}}\n",
        "[".repeat(MAX_FRONT_MATTER_DEPTH - 1),
        "]".repeat(MAX_FRONT_MATTER_DEPTH - 1)
    );
    let template = r#"{{ $x := dict "p" .Page.Params }}{{ range seq 60 }}{{ $x = dict "a" $x }}{{ end }}{{ if eq $x $x }}wrapped{{ end }}"#;
    let out = render_small_stack(
        &[("wrap", template)],
        &format!("{front_matter}{{{{< wrap >}}}}\n"),
    );
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    assert!(out.content_html.contains("wrapped"), "{}", out.content_html);
}
