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

#[test]
fn a_site_with_two_enabled_languages_is_multilingual() {
    let site = |config: &str| {
        renderer(&[
            ("hugo.toml", config),
            ("layouts/_shortcodes/m.html", "{{ hugo.IsMultilingual }}"),
        ])
        .render("{{< m >}}")
        .content_html
    };
    assert_eq!(site("[languages.en]\n[languages.fr]\n").trim(), "true");
    assert_eq!(
        site("[languages.en]\n[languages.fr]\ndisabled = true\n").trim(),
        "false"
    );
    assert_eq!(
        site("disableLanguages = ['fr']\n[languages.en]\n[languages.fr]\n").trim(),
        "false"
    );
    assert_eq!(site("title = 'x'").trim(), "false");
}

#[test]
fn an_embedders_blob_url_shows_the_image_and_is_never_a_link() {
    let mut options = RenderOptions {
        files: files(&[
            ("content/p/index.md", ""),
            (
                "layouts/_shortcodes/img.html",
                "{{ with .Page.Resources.Get \"a.png\" }}<img src=\"{{ .RelPermalink }}\" width=\"{{ .Width }}\"><a href=\"{{ .RelPermalink }}\">l</a>{{ end }}",
            ),
        ]),
        ..Default::default()
    };
    options.binary_files.insert(
        "content/p/a.png".into(),
        hugo_preview::BinaryFile {
            url: Some("blob:https://example.org/1".into()),
            width: Some(4),
            height: Some(3),
        },
    );
    let out = Renderer::new(options).render_page(
        "{{< img >}}\n\n[x](blob:https://example.org/1)",
        &hugo_preview::PageInput {
            path: Some("p/index.md".into()),
        },
    );
    assert!(
        out.content_html
            .contains("<img src=\"blob:https://example.org/1\" width=\"4\">"),
        "{}",
        out.content_html
    );
    assert!(
        !out.content_html.contains("href=\"blob:"),
        "{}",
        out.content_html
    );
}

#[test]
fn templates_read_the_sites_files_pages_and_sections() {
    let r = Renderer::new(RenderOptions {
        files: files(&[
            ("hugo.toml", "theme = 't'"),
            ("themes/t/assets/a.txt", "theme text"),
            ("data/x.yaml", "a: 1"),
            ("content/docs/one.md", "---\ntitle: One\n---\n"),
            ("content/docs/two.md", "---\ntitle: Two\n---\n"),
            ("content/blog/b/index.md", "---\ntitle: B\n---\n"),
            (
                "layouts/_shortcodes/t.html",
                concat!(
                    "{{ fileExists \"data/x.yaml\" }} {{ fileExists \"nope\" }} ",
                    "{{ readFile \"assets/a.txt\" }} ",
                    "{{ range readDir \"content/docs\" }}{{ .Name }},{{ end }} ",
                    "{{ site.MainSections }} {{ (.Page.GetPage \"two\").Title }} ",
                    "{{ (resources.FromString \"n.txt\" \"made\").Content }} ",
                    "{{ with try (resources.GetRemote \"https://example.org/\") }}{{ with .Err }}offline{{ end }}{{ end }} ",
                    "{{ define \"_partials/in.html\" }}[{{ . }}]{{ end }}{{ partial \"in\" 1 }}"
                ),
            ),
        ]),
        ..Default::default()
    });
    let out = r.render_page(
        "{{< t >}}",
        &hugo_preview::PageInput {
            path: Some("docs/one.md".into()),
        },
    );
    assert_eq!(
        out.content_html.trim_end(),
        "true false theme text one.md,two.md, [docs] Two made offline [1]"
    );
}

#[test]
fn the_legacy_pygments_setting_switches_to_classes() {
    let r = renderer(&[("hugo.toml", "pygmentsUseClasses = true")]);
    let out = r.render("```go\nx := 1\n```\n");
    assert!(
        out.content_html.contains("class=\"chroma\""),
        "{}",
        out.content_html
    );
}

#[test]
fn a_field_of_a_nil_result_is_nil_but_of_a_nil_entry_an_error() {
    // Checked with Hugo 0.168: a function's nil result is Go's invalid value.
    let r = renderer(&[
        (
            "layouts/_shortcodes/n.html",
            "{{ (.Page.Store.Get \"x\").count | default 1 }}{{ (.Get 0).Foo | default 2 }}{{ $v := .Page.Store.Get \"y\" }}{{ $v.a | default 3 }}",
        ),
        (
            "layouts/_shortcodes/e.html",
            "{{ (dict \"a\" nil).a.b }}",
        ),
    ]);
    let out = r.render("A {{< n >}}");
    assert_eq!(out.content_html.trim_end(), "<p>A 123</p>");
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    let out = r.render("{{< e >}}");
    assert!(out.diagnostics[0]
        .message
        .contains("nil pointer evaluating interface {}.b"));
}

#[test]
fn the_page_function_is_the_page_being_rendered() {
    let r = renderer(&[
        ("layouts/_shortcodes/p.html", "{{ page.Title }}"),
        (
            "layouts/_markup/render-link.html",
            "{{ page.Title }}:{{ .Text }}",
        ),
    ]);
    let out = r.render("---\ntitle: T\n---\n{{< p >}} [x](/y)\n");
    assert_eq!(out.content_html.trim_end(), "<p>T T:x</p>");
}

#[test]
fn hooks_run_in_markdownify_and_cannot_nest_without_end() {
    let r = renderer(&[
        (
            "layouts/_markup/render-link.html",
            "<a class=\"h\" href=\"{{ .Destination }}\">{{ .Text }}</a>",
        ),
        ("layouts/_shortcodes/md.html", "{{ .Inner | markdownify }}"),
    ]);
    let out = r.render("A {{< md >}}[x](/y){{< /md >}}");
    assert_eq!(
        out.content_html.trim_end(),
        "<p>A <a class=\"h\" href=\"/y\">x</a></p>"
    );
    // A hook that renders Markdown holding a link, which runs the hook again: bounded.
    let r = renderer(&[(
        "layouts/_markup/render-link.html",
        "[{{ \"[x](/y)\" | markdownify }}]",
    )]);
    let out = r.render("[x](/y)");
    let html = out.content_html;
    assert_eq!(html.matches('[').count(), 5, "{html}");
    assert!(html.contains("<a href=\"/y\">x</a>"), "{html}");
}

/// `.Content` of another page runs that page's shortcodes and hooks for that page: on a
/// long-lived renderer a call that is the same in both pages is not answered from the
/// previewed page's remembered output, and pages that include each other stop, bounded, with
/// an error box.
#[test]
fn another_pages_content_is_rendered_for_that_page() {
    let list = [
        (
            "layouts/_shortcodes/include.html",
            "{{ with site.GetPage (.Get 0) }}<div>{{ .Content }}</div>{{ end }}",
        ),
        ("layouts/_shortcodes/who.html", "<em>{{ .Page.Title }}</em>"),
        (
            "layouts/_markup/render-heading.html",
            "<h{{ .Level }} title=\"{{ .Page.Title }}\">{{ .Text }}</h{{ .Level }}>",
        ),
        (
            "content/part.md",
            "---\ntitle: Part\n---\n## In part\n\n{{< who >}}\n",
        ),
        (
            "content/a.md",
            "---\ntitle: A\n---\n{{< include \"/b\" >}}\n",
        ),
        (
            "content/b.md",
            "---\ntitle: B\n---\n{{< include \"/a\" >}}\n",
        ),
    ];
    let r = renderer(&list);
    let page = hugo_preview::PageInput {
        path: Some("p.md".into()),
    };
    let source = "---\ntitle: Page\n---\n## In page\n\n{{< who >}}\n\n{{< include \"/part\" >}}\n";
    for _ in 0..3 {
        let out = r.render_page(source, &page);
        assert!(
            out.content_html.contains("<em>Page</em>")
                && out.content_html.contains("<em>Part</em>")
                && out.content_html.contains("title=\"Part\">In part")
                && out.content_html.contains("title=\"Page\">In page"),
            "{}",
            out.content_html
        );
        assert_eq!(out.diagnostics, [], "{}", out.content_html);
    }
    let a = hugo_preview::PageInput {
        path: Some("a.md".into()),
    };
    let out = r.render_page("---\ntitle: A\n---\n{{< include \"/b\" >}}\n", &a);
    assert!(
        out.content_html.contains("more than 4 deep"),
        "{}",
        out.content_html
    );
    assert!(out
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error));
}
