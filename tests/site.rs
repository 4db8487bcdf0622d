//! A site given as files (`RenderOptions::files`): templates looked up over the theme, render
//! hooks, lazy diagnostics for broken templates, and `set_file`/`delete_file`.

use hugo_preview::{Location, RenderOptions, Renderer, Severity};
use std::collections::BTreeMap;

fn files(list: &[(&str, &str)]) -> BTreeMap<String, String> {
    list.iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect()
}

fn renderer(list: &[(&str, &str)]) -> Renderer {
    Renderer::new(RenderOptions {
        files: files(list),
        ..Default::default()
    })
}

#[test]
fn hooks_run_for_links_headings_and_alerts() {
    let r = renderer(&[
        ("hugo.toml", "theme = 't'"),
        (
            "themes/t/layouts/_markup/render-link.html",
            "<a href=\"{{ .Destination }}\" class=\"hooked\">{{ .Text }}</a>",
        ),
        (
            "layouts/_markup/render-heading.html",
            "<h{{ .Level }} id=\"{{ .Anchor }}\">{{ .PlainText }}¶</h{{ .Level }}>",
        ),
        (
            "layouts/_markup/render-blockquote-alert.html",
            "<aside class=\"{{ .AlertType }}\">{{ .AlertTitle }}{{ .Text }}</aside>",
        ),
    ]);
    let out = r.render("## A *b*\n\n[x](/y)\n\n> [!NOTE] Mind\n> text\n\n> plain\n");
    assert!(
        out.content_html.contains("<h2 id=\"a-b\">A b¶</h2>"),
        "{}",
        out.content_html
    );
    assert!(out
        .content_html
        .contains("<a href=\"/y\" class=\"hooked\">x</a>"));
    assert!(
        out.content_html
            .contains("<aside class=\"note\">Mind<p>text</p></aside>"),
        "{}",
        out.content_html
    );
    assert!(out
        .content_html
        .contains("<blockquote>\n<p>plain</p>\n</blockquote>"));
    // Hugo's table of contents is made from the headings, not from the hook's output.
    assert!(
        out.toc_html.contains("<a href=\"#a-b\">A <em>b</em></a>"),
        "{}",
        out.toc_html
    );
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
}

#[test]
fn a_hook_that_fails_leaves_the_element_and_says_why() {
    let r = renderer(&[("layouts/_markup/render-link.html", "{{ .Nope 1 }}")]);
    let out = r.render("[x](/y)");
    assert!(
        out.content_html.contains("<a href=\"/y\">x</a>"),
        "{}",
        out.content_html
    );
    assert_eq!(out.diagnostics.len(), 1, "{:?}", out.diagnostics);
    assert!(out.diagnostics[0].message.contains("render-link"));
    assert!(out.diagnostics[0].location.is_content());
}

#[test]
fn a_broken_template_is_reported_in_its_file_only_when_reached() {
    let r = renderer(&[
        ("layouts/_shortcodes/ok.html", "{{ partial \"p.html\" . }}"),
        ("layouts/_partials/p.html", "a\n{{ if }}"),
        ("layouts/_shortcodes/unused.html", "{{ end }}"),
    ]);
    let quiet = r.render("no calls");
    assert!(quiet.diagnostics.is_empty(), "{:?}", quiet.diagnostics);
    let out = r.render("{{< ok >}}\n\n{{< ok >}}");
    let in_partial: Vec<_> = out
        .diagnostics
        .iter()
        .filter(|d| d.location == Location::File("layouts/_partials/p.html".into()))
        .collect();
    assert_eq!(in_partial.len(), 1, "{:?}", out.diagnostics);
    assert_eq!(
        (in_partial[0].line, in_partial[0].severity),
        (2, Severity::Error)
    );
    let at_call = out
        .diagnostics
        .iter()
        .find(|d| d.location.is_content())
        .unwrap();
    assert!(
        at_call.message.contains("does not parse"),
        "{}",
        at_call.message
    );
    assert!(!at_call.message.contains("not found"));
}

#[test]
fn set_file_and_delete_file_change_what_the_next_render_shows() {
    let mut r = renderer(&[
        ("hugo.toml", "theme = 't'\n[params]\nwho = 'project'"),
        (
            "themes/t/layouts/_shortcodes/hi.html",
            "theme {{ site.Params.who }}",
        ),
    ]);
    assert_eq!(
        r.render("{{< hi >}}").content_html.trim_end(),
        "theme project"
    );
    r.set_file("layouts/_shortcodes/hi.html", "project {{ site.Data.d.x }}");
    r.set_file("data/d.yaml", "x: 1");
    assert_eq!(r.render("{{< hi >}}").content_html.trim_end(), "project 1");
    r.delete_file("layouts/_shortcodes/hi.html");
    assert_eq!(
        r.render("{{< hi >}}").content_html.trim_end(),
        "theme project"
    );
    r.set_file("hugo.toml", "theme = 't'\n[params]\nwho = 'changed'");
    assert_eq!(
        r.render("{{< hi >}}").content_html.trim_end(),
        "theme changed"
    );
    // A long-lived renderer equals a fresh one over the same files.
    let fresh = Renderer::new(RenderOptions {
        files: files(&[
            ("hugo.toml", "theme = 't'\n[params]\nwho = 'changed'"),
            (
                "themes/t/layouts/_shortcodes/hi.html",
                "theme {{ site.Params.who }}",
            ),
            ("data/d.yaml", "x: 1"),
        ]),
        ..Default::default()
    });
    assert_eq!(
        fresh.render("{{< hi >}}").content_html.trim_end(),
        "theme changed"
    );
}

#[test]
fn tables_go_through_the_table_hook_with_their_cells() {
    let r = renderer(&[(
        "layouts/_markup/render-table.html",
        "{{ range .THead }}{{ range . }}[{{ .Alignment }}:{{ .Text }}]{{ end }}{{ end }}|{{ range .TBody }}{{ range . }}[{{ .Alignment }}:{{ .Text }}]{{ end }};{{ end }}",
    )]);
    let out = r.render("| a | *b* |\n|:--|--:|\n| 1 |\n");
    assert_eq!(
        out.content_html.trim_end(),
        "[left:a][right:<em>b</em>]|[left:1][:];"
    );
    // Without a hook, a short row's padding cells have no alignment, as goldmark's.
    let plain = Renderer::new(RenderOptions::default()).render("| a | b |\n|:--|--:|\n| 1 |\n");
    assert!(
        plain
            .content_html
            .contains("<td style=\"text-align: left\">1</td>\n          <td></td>"),
        "{}",
        plain.content_html
    );
}
