//! Hugo's inline shortcodes (`security.enableInlineShortcodes`): `{{< NAME.inline >}}TEMPLATE
//! {{< /NAME.inline >}}` defines a template in the content file and runs it; `{{< NAME.inline
//! />}}` runs the page's earlier definition. Expected outputs are Hugo 0.168.0's.

mod support;

use hugo_preview::{RenderOptions, Renderer};
use support::errors;

const ENABLED: &str = "[security]\nenableInlineShortcodes = true\n";

fn renderer(config: &str) -> Renderer {
    Renderer::new(RenderOptions {
        site_config: Some(config.into()),
        ..RenderOptions::default()
    })
}

#[test]
fn an_inline_shortcode_runs_as_a_text_template_and_can_be_reused_later_in_the_page() {
    let text = "---\ntitle: A\n---\n\
        Before {{< greet.inline \"World\" >}}<b>Hello {{ .Get 0 }}</b> {{ \"<i>x</i>\" }} \
        [{{ .Get 5 }}] [{{ .Params }}] {{ .Name }} {{ .Ordinal }}{{< /greet.inline >}} after.\n\n\
        Again {{< greet.inline \"Again\" />}}\n\n\
        {{% md.inline %}}**bold** {{ .Page.Title }}{{% /md.inline %}}\n";
    let rendered = renderer(ENABLED).render(text);
    assert_eq!(
        rendered.content_html,
        "<p>Before <b>Hello World</b> <i>x</i> [] [[World]] greet.inline 0 after.</p>\n\
         <p>Again <b>Hello Again</b> <i>x</i> [] [[Again]] greet.inline 1</p>\n\
         <p><strong>bold</strong> A</p>\n"
    );
    assert!(
        rendered.diagnostics.is_empty(),
        "{:?}",
        rendered.diagnostics
    );
}

#[test]
fn values_print_as_go_text_templates_print_them() {
    let rendered = renderer(ENABLED)
        .render("---\n---\n{{< t.inline >}}{{ $x := 1 }}{{ if true }}{{ $x }}{{ end }} {{ len .Params }} {{ printf \"%q\" \"q\" }} {{ \"a & b\" }}{{< /t.inline >}}\n");
    assert_eq!(rendered.content_html, "1 0 \"q\" a &amp; b\n");
}

#[test]
fn disabled_inline_shortcodes_render_nothing_and_say_nothing_as_in_hugo() {
    let rendered = renderer("").render("a {{< x.inline >}}{{ 1 }}{{< /x.inline >}} b\n");
    assert_eq!(rendered.content_html, "<p>a  b</p>\n");
    assert!(rendered.diagnostics.is_empty());
}

#[test]
fn reusing_an_inline_shortcode_before_its_definition_is_hugos_error() {
    let rendered = renderer(ENABLED)
        .render("---\n---\n{{< x.inline />}}\n\n{{< x.inline >}}X{{< /x.inline >}}\n\nafter\n");
    assert_eq!(
        errors(&rendered),
        ["failed to render shortcode \"x.inline\": no earlier definition of shortcode \"x.inline\" found"]
    );
    assert!(rendered.content_html.contains("hugo-preview-error"));
    assert!(rendered.content_html.contains("<p>after</p>"));
    assert!(rendered.content_html.contains('X'));
}

/// Hugo's messages place the error in the content file: the call's line plus the template's.
#[test]
fn template_errors_in_inline_shortcodes_are_placed_as_hugo_places_them() {
    let r = Renderer::new(RenderOptions {
        site_config: Some(ENABLED.into()),
        path: Some("posts/b.md".into()),
        ..RenderOptions::default()
    });
    let parse = r.render("---\ntitle: B\n---\nPara\n\n{{< bad.inline >}}\nline2 {{ if }}\n{{< /bad.inline >}}\n\nafter\n");
    assert_eq!(
        errors(&parse),
        ["failed to render shortcode \"bad.inline\": \"posts/b.md:8:1\": template: _inline_shortcode/posts/b/bad.inline:2: missing value for if"]
    );
    assert!(parse.content_html.contains("<p>after</p>"));
    let exec = r.render(
        "---\ntitle: B\n---\nPara\n\n{{< bad.inline >}}\nline2 {{ .Foo }}\n{{< /bad.inline >}}\n",
    );
    assert_eq!(
        errors(&exec),
        ["failed to render shortcode \"bad.inline\": \"posts/b.md:8:9\": failed to process shortcode: template: _inline_shortcode/posts/b/bad.inline:2:9: executing \"_inline_shortcode/posts/b/bad.inline\" at <.Foo>: can't evaluate field Foo in type *hugolib.ShortcodeWithPage"]
    );
}

/// What a text template writes is not escaped, so the sanitizer is what keeps it safe.
#[test]
fn unescaped_output_still_goes_through_the_sanitizer() {
    let rendered = renderer(ENABLED).render(
        "---\n---\n{{< x.inline >}}<img src=x onerror=alert(1)><script>alert(2)</script>{{ \"<a href=javascript:alert(3)>a</a>\" }}{{< /x.inline >}}\n",
    );
    let html = rendered.content_html.to_lowercase();
    for bad in ["onerror", "<script", "javascript:"] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }
}

/// Definitions belong to one render of one page: a long-lived renderer forgets them, and a
/// changed definition is what runs.
#[test]
fn a_long_lived_renderer_renders_inline_shortcodes_as_a_fresh_one() {
    let r = renderer(ENABLED);
    let texts = [
        "---\n---\n{{< x.inline >}}one {{ .Get 0 }}{{< /x.inline >}}\n\n{{< x.inline a />}}\n",
        "---\n---\n{{< x.inline >}}two {{ .Get 0 }}{{< /x.inline >}}\n\n{{< x.inline a />}}\n",
        "---\n---\n{{< x.inline a />}}\n",
        "---\n---\n{{< x.inline >}}{{ .Ordinal }}{{< /x.inline >}}\n\n{{< x.inline />}}\n\n{{< x.inline />}}\n",
        "---\n---\n{{< x.inline >}}{{ .Ordinal }}{{< /x.inline >}}\n\n{{< x.inline />}}\n",
    ];
    for text in texts {
        let kept = r.render(text);
        let fresh = renderer(ENABLED).render(text);
        assert_eq!(kept.content_html, fresh.content_html, "{text:?}");
        assert_eq!(kept.diagnostics, fresh.diagnostics, "{text:?}");
    }
    assert!(r.render(texts[1]).content_html.contains("two a"));
    assert_eq!(errors(&r.render(texts[2])).len(), 1);
    assert_eq!(r.render(texts[3]).content_html, "0\n1\n2\n");
}

/// Inline shortcodes share the page's template budget with the site's templates.
#[test]
fn heavy_inline_shortcodes_stop_at_the_page_budget() {
    let heavy = "{{< x.inline >}}{{ range seq 1000 }}{{ range seq 600 }}{{ end }}{{ end }}.{{< /x.inline >}}\n\n";
    let text = format!("---\n---\n{heavy}{}", "{{< x.inline />}}\n\n".repeat(40));
    let rendered = renderer(ENABLED).render(&text);
    let stopped = errors(&rendered)
        .iter()
        .filter(|m| m.contains("budget") || m.contains("stopped"))
        .count();
    assert!(stopped >= 20, "{stopped} calls stopped");
}
