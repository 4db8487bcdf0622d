//! Shortcodes through the whole pipeline: the `parse` outline against Hugo's vectors, and
//! splicing as Hugo does it (reference §0, §1.9): `{{% %}}` output as Markdown source,
//! `{{< >}}` output after Markdown, `.Inner`, error boxes, the summary divider.

mod support;

use hugo_preview::{parse, render, Location, RenderOptions, Severity};
use serde_json::{json, Map, Value};

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Every `tScName` token of a vector: the shortcode names it calls.
fn called_names(case: &Value) -> Vec<String> {
    case["expect"]["tokens"]
        .as_array()
        .map(|tokens| {
            tokens
                .iter()
                .filter(|t| t[0] == "tScName")
                .filter_map(|t| t[1].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Options whose site templates make each name of the vector known, using `.Inner` or not
/// as the vector assumes, and leave its missing templates out.
fn options_for(case: &Value) -> RenderOptions {
    let inner = strings(&case["assumes_inner"]);
    let missing = strings(&case["missing_templates"]);
    let mut options = RenderOptions::default();
    for name in called_names(case) {
        if missing.contains(&name) {
            continue;
        }
        let template = if inner.contains(&name) {
            "<div>{{ .Inner }}</div>"
        } else {
            "<span>{{ .Get 0 }}</span>"
        };
        options.shortcodes.insert(name, template.into());
    }
    options
}

/// An outline node in the vectors' shape.
fn vector_shape(node: &Value) -> Value {
    let mut map = Map::new();
    map.insert("name".into(), node["name"].clone());
    map.insert("params".into(), node["params"].clone());
    for (ours, theirs) in [
        ("markdown", "markdown"),
        ("closed", "closed"),
        ("selfClosing", "self_closing"),
    ] {
        if node[ours] == json!(true) {
            map.insert(theirs.into(), json!(true));
        }
    }
    if let Some(inner) = node["inner"].as_str() {
        map.insert("inner".into(), json!(inner));
    }
    let children: Vec<Value> = node["children"]
        .as_array()
        .map(|c| c.iter().map(vector_shape).collect())
        .unwrap_or_default();
    if !children.is_empty() {
        map.insert("children".into(), Value::Array(children));
    }
    Value::Object(map)
}

/// The expected node without what the outline does not carry (indentation, inline flag)
/// and without false values.
fn expected_shape(node: &Value) -> Value {
    let Value::Object(map) = node else {
        return node.clone();
    };
    Value::Object(
        map.iter()
            .filter(|(k, v)| {
                let left_out = matches!(k.as_str(), "indentation" | "inline")
                    || matches!(v, Value::Bool(false))
                    || (k.as_str() == "children" && v.as_array().is_some_and(Vec::is_empty));
                !left_out
            })
            .map(|(k, v)| {
                let v = match (k.as_str(), v) {
                    ("children", Value::Array(items)) => {
                        Value::Array(items.iter().map(expected_shape).collect())
                    }
                    _ => v.clone(),
                };
                (k.clone(), v)
            })
            .collect(),
    )
}

#[test]
fn every_hugo_vector_parses_through_the_public_parse_api() {
    let text = support::read_shared("corpus/hugo-shortcode-vectors.json");
    let cases: Vec<Value> = serde_json::from_str(&text).expect("valid JSON");
    let mut failures = Vec::new();
    for case in &cases {
        let input = case["input"].as_str().unwrap_or_default();
        // Hugo's lexer table tests the main section alone. In a whole file a leading `{` is
        // JSON front matter, so such inputs get an empty front matter block first.
        let input = if input.trim_start().starts_with('{') {
            format!("+++\n+++\n{input}")
        } else {
            input.to_owned()
        };
        let parsed = serde_json::to_value(parse(&input, &options_for(case))).unwrap();
        let errors: Vec<&str> = parsed["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == "error")
            .filter_map(|d| d["message"].as_str())
            .collect();
        let expect = &case["expect"];
        if expect["kind"] == "ok" {
            let got: Vec<Value> = parsed["shortcodes"]
                .as_array()
                .unwrap()
                .iter()
                .map(vector_shape)
                .collect();
            let want: Vec<Value> = expect["shortcodes"]
                .as_array()
                .unwrap()
                .iter()
                .map(expected_shape)
                .collect();
            if !errors.is_empty() || got != want {
                failures.push(format!(
                    "{}: errors {errors:?}\n  got  {}\n  want {}",
                    case["name"],
                    Value::Array(got),
                    Value::Array(want)
                ));
            }
            if parsed["summaryDivider"].is_null()
                == expect["has_summary_divider"].as_bool().unwrap_or(false)
            {
                failures.push(format!("{}: summary divider", case["name"]));
            }
        } else {
            let wanted = expect["error_contains"].as_str().unwrap_or_default();
            if !errors.iter().any(|m| m.contains(wanted)) {
                failures.push(format!(
                    "{}: no error containing {wanted:?}: {errors:?}",
                    case["name"]
                ));
            }
        }
    }
    eprintln!(
        "parse: {}/{} vectors",
        cases.len() - failures.len(),
        cases.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn parse_reports_lines_and_columns_of_shortcode_errors() {
    let source = "+++\ntitle = \"x\"\n+++\nText\n\n  {{< nope >}}\n";
    let parsed = parse(source, &RenderOptions::default());
    let d = &parsed.diagnostics[0];
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(
        d.message,
        "failed to extract shortcode: template for shortcode \"nope\" not found"
    );
    assert_eq!((d.line, d.column), (6, 3));
    assert_eq!(&source[d.span.start..d.span.end], "{{< nope >}}");
}

// ---- Splicing ----

fn with_templates(templates: &[(&str, &str)]) -> RenderOptions {
    let mut options = RenderOptions::default();
    for (name, source) in templates {
        options.shortcodes.insert((*name).into(), (*source).into());
    }
    options
}

#[test]
fn a_lone_standard_call_loses_its_paragraph_and_an_inline_one_keeps_it() {
    let out = render(
        "+++\n+++\n{{< param title >}}\n\nA {{< param title >}} B\n",
        &RenderOptions::default(),
    );
    // No front matter `title` and no site param: Hugo's error, rendered as a box.
    assert!(
        out.content_html
            .starts_with("<span class=\"hugo-preview-error\""),
        "{}",
        out.content_html
    );
    assert!(out
        .content_html
        .contains("<p>A <span class=\"hugo-preview-error\""));
    let errors: Vec<_> = out
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[0].message.starts_with("Param \"title\" not found"),
        "{}",
        errors[0].message
    );
}

#[test]
fn markdown_notation_output_is_markdown_source_and_reaches_the_toc() {
    let source = "+++\ntitle = \"T\"\nsection = \"Intro *here*\"\n+++\n## {{% param section %}}\n\n## {{< param section >}}\n";
    let out = render(source, &RenderOptions::default());
    assert!(
        out.content_html
            .contains("<h2 id=\"intro-here\">Intro <em>here</em></h2>"),
        "{}",
        out.content_html
    );
    assert_eq!(out.toc[0].id, "intro-here");
    assert_eq!(out.toc[0].text, "Intro here");
    // Standard notation: inserted after Markdown, not rendered as Markdown.
    assert!(
        out.content_html.contains("Intro *here*</h2>"),
        "{}",
        out.content_html
    );
}

#[test]
fn markdown_notation_output_ending_in_a_newline_keeps_the_table_going() {
    // The template's newline leaves ` |` on a line of its own: goldmark (Hugo 0.168) reads it
    // as a row of empty cells, and the next row stays in the table.
    let options = with_templates(&[("nl", "hello\n")]);
    let source = "+++\n+++\n| a | b |\n|---|---|\n| x | {{% nl %}} |\n| y | z |\n";
    let out = render(source, &options);
    let html = &out.content_html;
    assert_eq!(html.matches("<tr>").count(), 4, "{html}");
    assert!(
        !html.contains("<p>"),
        "the last row stays in the table: {html}"
    );
    assert!(html.contains("<td>hello</td>"), "{html}");
    assert!(html.contains("<td>y</td>"), "{html}");
}

#[test]
fn markdown_notation_html_obeys_the_raw_html_setting() {
    let source = "+++\n+++\n{{% figure src=\"/a.png\" %}}\n";
    let out = render(source, &RenderOptions::default());
    assert_eq!(out.content_html, "<!-- raw HTML omitted -->\n");
    let mut options = RenderOptions::default();
    options.markup.goldmark.unsafe_html = true;
    let out = render(source, &options);
    assert!(
        out.content_html.contains("<img src=\"/a.png\">"),
        "{}",
        out.content_html
    );
}

#[test]
fn standard_notation_output_is_inserted_even_inside_code() {
    let source = "```\n{{< param x >}}\n```\n\n`{{< param x >}}`\n";
    let options = RenderOptions {
        site_config: Some("[params]\nx = \"<b>bold</b>\"".into()),
        ..Default::default()
    };
    let out = render(source, &options);
    // `param` escapes its value; Hugo splices the output into the code as it is.
    assert!(
        out.content_html
            .contains("<pre tabindex=\"0\"><code>&lt;b&gt;bold&lt;/b&gt;\n</code></pre>"),
        "{}",
        out.content_html
    );
    assert!(
        out.content_html
            .contains("<code>&lt;b&gt;bold&lt;/b&gt;</code>"),
        "{}",
        out.content_html
    );
}

#[test]
fn the_escaped_form_is_text() {
    let out = render(
        "+++\n+++\n{{</* figure src=\"x\" */>}}\n",
        &RenderOptions::default(),
    );
    assert_eq!(
        out.content_html,
        "<p>{{&lt; figure src=\u{201c}x\u{201d} &gt;}}</p>\n"
    );
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
}

#[test]
fn inner_is_the_raw_source_with_nested_output() {
    let options = with_templates(&[
        ("wrap", "<div class=\"wrap\">{{ .Inner }}</div>"),
        ("md", "{{ .Inner }}!"),
    ]);
    // Top level: `.Inner` is the raw source (not Markdown), nested calls replaced by their
    // output; a nested `{{% %}}` call's inner is rendered as Markdown first.
    let out = render(
        "+++\n+++\n{{< wrap >}}*a* {{< param x >}} {{% md %}}*b*{{% /md %}}{{< /wrap >}}\n",
        &RenderOptions {
            site_config: Some("[params]\nx = \"X\"".into()),
            ..options
        },
    );
    assert_eq!(
        out.content_html, "<div class=\"wrap\">*a* X <em>b</em>!</div>\n",
        "{:?}",
        out.diagnostics
    );
}

#[test]
fn a_site_template_replaces_the_built_in_of_the_same_name() {
    let options = with_templates(&[("figure", "<b>{{ .Get \"src\" }}</b>")]);
    let out = render("+++\n+++\n{{< figure src=\"a.png\" >}}\n", &options);
    assert_eq!(out.content_html, "<b>a.png</b>\n");
}

#[test]
fn a_failing_template_is_an_error_box_with_its_template_position() {
    let options = with_templates(&[("bad", "<p>\n{{ .Page.Nope }}</p>")]);
    let out = render("+++\n+++\nText {{< bad >}} more.\n", &options);
    assert!(
        out.content_html.contains("hugo-preview-error"),
        "{}",
        out.content_html
    );
    assert!(out.content_html.contains("more."));
    let d = out
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
        .expect("an error");
    assert!(
        d.message
            .starts_with("failed to render shortcode \"bad\": template: shortcodes/bad.html:2:"),
        "{}",
        d.message
    );
    assert_eq!((d.line, d.column), (3, 6));
}

#[test]
fn a_template_that_does_not_compile_is_reported_once_and_boxes_its_calls() {
    let options = with_templates(&[("broken", "{{ if }}")]);
    let out = render("+++\n+++\nA {{< broken >}}\n", &options);
    assert!(out.content_html.contains("hugo-preview-error"));
    assert!(out
        .diagnostics
        .iter()
        .any(|d| d.location == Location::Shortcode("broken".into())));
}

#[test]
fn runaway_templates_stop_with_an_error() {
    let options = with_templates(&[("loop", "{{ range 100000000 }}x{{ end }}")]);
    let out = render("+++\n+++\n{{< loop >}}\n", &options);
    assert!(
        out.content_html.contains("hugo-preview-error"),
        "{}",
        &out.content_html[..200.min(out.content_html.len())]
    );
}

#[test]
fn a_divider_inside_inner_content_is_not_the_summary_divider() {
    let source = "Intro.\n\n{{< details >}}a<!--more-->b{{< /details >}}\n\nMore.\n";
    let out = render(source, &RenderOptions::default());
    assert!(!out.content_html.contains("more"), "{}", out.content_html);
    assert!(
        out.content_html.contains("<p>ab</p>"),
        "{}",
        out.content_html
    );
    assert!(
        !out.truncated,
        "no manual summary: the whole short text is the summary"
    );
}

#[test]
fn the_summary_divider_splits_around_shortcodes() {
    let source =
        "+++\nx = \"X\"\n+++\nBefore {{< param x >}}.\n\n<!--more-->\n\nAfter {{< param x >}}.\n";
    let out = render(source, &RenderOptions::default());
    assert_eq!(out.summary_html, "<p>Before X.</p>");
    assert_eq!(out.content_html, "<p>Before X.</p>\n<p>After X.</p>");
    assert!(out.truncated);
}

/// Hugo 0.156+ stops the build on `tweet` and `gist` (0.168's messages); the preview shows
/// the old card inside the error box, and the rest of the post.
#[test]
fn a_removed_built_in_is_an_error_box_around_its_card() {
    let source = "Before.\n\n{{< tweet user=\"SanDiegoZoo\" id=\"1\" >}}\n\n{{< gist spf13 7896402 >}}\n\nAfter.\n";
    let out = render(source, &RenderOptions::default());
    let html = &out.content_html;
    assert!(
        html.starts_with("<p>Before.</p>\n<div class=\"hugo-preview-error\" role=\"alert\""),
        "{html}"
    );
    assert!(
        html.contains("Please use the &quot;x&quot; shortcode instead.\"><strong>{{&lt; tweet user=\"SanDiegoZoo\" id=\"1\" &gt;}}</strong> The \"twitter\", \"tweet\", and \"twitter_simple\" shortcodes were deprecated in v0.142.0 and removed in v0.156.0. Please use the \"x\" shortcode instead.<blockquote class=\"twitter-tweet\">"),
        "the card sits inside the box: {html}"
    );
    assert!(html.contains("removed in v0.156.0.<div class=\"gist\"><a href=\"https://gist.github.com/spf13/7896402\">View gist spf13/7896402</a></div></div>"), "{html}");
    assert!(html.ends_with("<p>After.</p>\n"), "{html}");
    let messages: Vec<_> = out
        .diagnostics
        .iter()
        .map(|d| (d.severity, d.message.as_str(), d.line))
        .collect();
    assert_eq!(
        messages,
        [
            (Severity::Error, "The \"twitter\", \"tweet\", and \"twitter_simple\" shortcodes were deprecated in v0.142.0 and removed in v0.156.0. Please use the \"x\" shortcode instead.", 3),
            (Severity::Error, "The \"gist\" shortcode was deprecated in v0.143.0 and removed in v0.156.0.", 5),
        ]
    );
}

/// Hugo 0.168 lowercases the shortcode names it looks up: built-ins and site templates
/// answer in any case, `.Name` is as written; inline shortcodes are found by their exact
/// name. Expected output from Hugo 0.168 (`layouts/shortcodes/myCard.html`).
#[test]
fn shortcode_names_are_case_insensitive_but_inline_ones() {
    let mut options = with_templates(&[
        ("myCard", "<b>{{ .Name }} {{ .Get 0 }}</b>"),
        ("Sub/Hello", "<u>{{ .Name }}</u>"),
        ("box", "<div>{{ .Inner }}</div>"),
    ]);
    options.path = Some("posts/a.md".into());
    options.site_config = Some("baseURL = \"https://example.org/\"\n".into());
    options
        .pages
        .insert("posts/other.md".into(), "/posts/other/".into());
    let source = "+++\ntitle = \"a\"\n+++\nA {{< myCard 1 >}} B {{< mycard 2 >}} C {{< MYCARD 3 >}}\n\nF {{< sub/hello >}} G {{< Sub/Hello >}}\n\nH [x]({{% relRef \"other\" %}}) I [y]({{< REF \"other\" >}}) J {{< Param title >}}\n\n{{< BOX >}}inner{{< /BOX >}}\n";
    let out = render(source, &options);
    assert_eq!(
        out.content_html,
        "<p>A <b>myCard 1</b> B <b>mycard 2</b> C <b>MYCARD 3</b></p>\n<p>F <u>sub/hello</u> G <u>Sub/Hello</u></p>\n<p>H <a href=\"/posts/other/\">x</a> I <a href=\"https://example.org/posts/other/\">y</a> J a</p>\n<div>inner</div>\n"
    );
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);

    let options = RenderOptions {
        site_config: Some("[security]\nenableInlineShortcodes = true\n".into()),
        ..RenderOptions::default()
    };
    let out = render(
        "+++\n+++\n{{< Greet.inline >}}<s>{{ .Name }}</s>{{< /Greet.inline >}} {{< greet.inline />}}\n",
        &options,
    );
    assert_eq!(
        out.diagnostics[0].message,
        "failed to render shortcode \"greet.inline\": no earlier definition of shortcode \"greet.inline\" found"
    );
}

#[test]
fn an_unknown_call_is_a_box_paired_with_its_closing_tag_and_the_rest_renders() {
    let source = "# Title\n\n{{< unknown a=1 >}}\nlots of *inner* text\n{{< /unknown >}}\n\nAfter **this**.\n";
    let out = render(source, &RenderOptions::default());
    assert!(out.content_html.contains("hugo-preview-error"));
    assert!(
        !out.content_html.contains("inner"),
        "the paired region belongs to the call"
    );
    assert!(
        out.content_html
            .ends_with("<p>After <strong>this</strong>.</p>\n"),
        "{}",
        out.content_html
    );
    assert_eq!(out.diagnostics.len(), 1);
    assert_eq!(out.diagnostics[0].line, 3);
}

#[test]
fn a_call_without_inner_indents_its_later_output_lines() {
    // Hugo prefixes every output line after the first with the call's indentation, so
    // multi-line output stays inside the list item.
    let out = render(
        "- item\n\n  {{< figure src=\"/a.png\" >}}\n",
        &RenderOptions::default(),
    );
    assert!(
        out.content_html
            .contains("<figure><img src=\"/a.png\">\n  </figure>"),
        "{}",
        out.content_html
    );
}

#[test]
fn error_boxes_cannot_inject_markup() {
    let out = render(
        "{{< \"<img src=x onerror=alert(1)>\" >}}\n",
        &RenderOptions::default(),
    );
    assert!(!out.content_html.contains("<img"), "{}", out.content_html);
    assert!(
        !out.content_html.contains("onerror=alert"),
        "{}",
        out.content_html
    );
}

#[test]
fn site_config_params_and_markup_apply() {
    let options = RenderOptions {
        site_config: Some(
            "[params]\nGreeting = \"hi\"\n[markup.goldmark.renderer]\nunsafe = true\n".into(),
        ),
        ..Default::default()
    };
    let out = render("+++\n+++\n{{< param greeting >}} <b>x</b>\n", &options);
    assert_eq!(out.content_html, "<p>hi <b>x</b></p>\n");
}

#[test]
fn a_broken_site_config_is_reported_in_the_config_and_the_page_still_renders() {
    let options = RenderOptions {
        site_config: Some("title = \n".into()),
        ..Default::default()
    };
    let out = render("Hello\n", &options);
    assert_eq!(out.content_html, "<p>Hello</p>\n");
    let d = out
        .diagnostics
        .iter()
        .find(|d| !d.location.is_content())
        .expect("config diagnostic");
    assert_eq!(d.location.file_name().as_deref(), Some("hugo.toml"));
    assert_eq!(d.line, 1);
}

#[test]
fn sample_post_calls_are_known_with_the_sample_site() {
    let out = render(&support::sample_post(), &support::sample_site_options());
    // Its two `tweet` calls are the only errors: Hugo removed `tweet` in 0.156.
    assert!(
        out.diagnostics
            .iter()
            .all(|d| d.severity != Severity::Error || d.message.contains("\"tweet\"")),
        "{:?}",
        out.diagnostics
    );
}

#[test]
fn highlight_reads_inner_deindented_as_hugo_does() {
    // Hugo's template: `highlight (trim .InnerDeindent "\n\r") …`.
    let source =
        "+++\n+++\n- item\n\n    {{< highlight text >}}\n    a\n      b\n    {{< /highlight >}}\n";
    let out = render(source, &RenderOptions::default());
    let code = out
        .content_html
        .split("data-lang=\"text\">")
        .nth(1)
        .expect("a code block");
    let text = support::text_content(code.split("</code>").next().unwrap_or(""));
    assert_eq!(text, "a\n  b", "{}", out.content_html);
}

// ---- the ref / relref template functions -----------------------------------------------

/// A site with a base URL and known pages; the post being rendered is `posts/p.md`.
fn ref_options(templates: &[(&str, &str)]) -> RenderOptions {
    let mut options = with_templates(templates);
    options.site_config = Some("baseURL = \"https://example.org/\"\n".into());
    options.path = Some("posts/p.md".into());
    for (path, link) in [
        ("posts/other.md", "/posts/other/"),
        ("posts/p.md", "/posts/p/"),
        ("posts/sub/deep.md", "/posts/sub/deep/"),
        ("about/index.md", "/about/"),
    ] {
        options.pages.insert(path.into(), link.into());
    }
    options
}

#[test]
fn ref_functions_resolve_as_the_built_in_shortcodes_do() {
    let templates = [
        ("abs", "{{ ref . (.Get 0) }}"),
        ("rel", "{{ relref . (.Get 0) }}"),
        ("ns", "{{ urls.Ref . \"about\" }}|{{ urls.RelRef .Page \"other#top\" }}"),
        (
            "opts",
            "{{ relref . (dict \"path\" \"/posts/other.md\" \"lang\" \"en\" \"outputFormat\" \"html\") }}",
        ),
        ("list", "{{ relref . (slice \"other.md\" \"html\") }}"),
        ("page", "{{ .Page | ref . }}|{{ relref .Page \"#frag\" }}"),
    ];
    let options = ref_options(&templates);
    let cases = [
        ("{{< abs other.md >}}", "https://example.org/posts/other/"),
        ("{{< rel \"/posts/other\" >}}", "/posts/other/"),
        ("{{< rel \"sub/deep.md\" >}}", "/posts/sub/deep/"),
        ("{{< rel \"other.md#sec-two\" >}}", "/posts/other/#sec-two"),
        ("{{< rel \"#here\" >}}", "#here"),
        ("{{< ns >}}", "https://example.org/about/|/posts/other/#top"),
        ("{{< opts >}}", "/posts/other/"),
        ("{{< list >}}", "/posts/other/"),
    ];
    for (call, want) in cases {
        let out = render(&format!("+++\n+++\n{call}\n"), &options);
        assert!(out.diagnostics.is_empty(), "{call}: {:?}", out.diagnostics);
        assert_eq!(out.content_html, format!("{want}\n"), "{call}");
    }
    // The page's `.Page` is not a reference: `ref PAGE PAGE` fails as in Hugo.
    let out = render("+++\n+++\n{{< page >}}\n", &options);
    assert!(out.content_html.contains("hugo-preview-error"));
}

#[test]
fn ref_functions_report_a_missing_page_as_hugo_words_it() {
    let templates = [
        ("sc", "{{ relref . \"posts/missing.md#a\" }}"),
        ("pg", "{{ ref .Page \"nope\" }}"),
        ("bad", "{{ ref \"posts/p.md\" \"other.md\" }}"),
    ];
    let options = ref_options(&templates);
    let out = render("+++\n+++\nA\n\n{{< sc >}}\n", &options);
    assert_eq!(out.content_html, "<p>A</p>\n/posts/missing/#a\n");
    assert_eq!(out.diagnostics.len(), 1, "{:?}", out.diagnostics);
    let d = &out.diagnostics[0];
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(
        d.message,
        "REF_NOT_FOUND: Ref \"posts/missing.md\": \"posts/p.md:5:1\": page not found"
    );
    assert_eq!((d.line, d.column), (5, 1));

    let out = render("+++\n+++\n{{< pg >}}\n", &options);
    assert_eq!(out.content_html, "https://example.org/nope/\n");
    assert_eq!(
        out.diagnostics[0].message,
        "REF_NOT_FOUND: Ref \"nope\" from page \"/posts/p\": page not found"
    );

    let out = render("+++\n+++\n{{< bad >}} after\n", &options);
    assert!(out.content_html.contains("hugo-preview-error"));
    assert!(out.content_html.contains("after"));
    assert!(
        out.diagnostics[0].message.ends_with(
            "at <ref \"posts/p.md\" \"other.md\">: error calling ref: invalid Page received in Ref"
        ),
        "{}",
        out.diagnostics[0].message
    );
}

#[test]
fn a_version_1_template_config_restores_the_pre_0_55_markdown_notation() {
    // Checked against Hugo 0.111.3: a leading `$_hugo_config` with version 1 renders the
    // inner content as Markdown and inserts the output after Markdown; the same template
    // without it has its output spliced into the Markdown (and its HTML omitted).
    let options = with_templates(&[
        (
            "legacy",
            "{{ $_hugo_config := `{ \"version\": 1 }` }}<div class=\"l\">{{ .Inner }}</div>",
        ),
        (
            "legacy2",
            "{{ $_hugo_config := `{ \"Version\": \"1\" }` }}<div class=\"m\">{{ .Inner }}</div>",
        ),
        (
            "notfirst",
            "{{ if true }}{{ $_hugo_config := `{ \"version\": 1 }` }}{{ end }}<div class=\"n\">{{ .Inner }}</div>",
        ),
    ]);
    let source = "+++\n+++\n{{% legacy %}}some *md*{{% /legacy %}}\n\n{{% legacy %}}\n## Heading\n\npara\n{{% /legacy %}}\n\n{{% legacy2 %}}x *y*{{% /legacy2 %}}\n\n{{% notfirst %}}x *y*{{% /notfirst %}}\n\ntext {{% legacy %}}inline{{% /legacy %}} after\n";
    let out = render(source, &options);
    assert_eq!(
        out.content_html,
        "<div class=\"l\">some <em>md</em></div>\n<div class=\"l\"><h2 id=\"heading\">Heading</h2>\n<p>para</p>\n</div>\n<div class=\"m\">x <em>y</em></div>\n<!-- raw HTML omitted -->\n<p>text </p><div class=\"l\">inline</div> after<p></p>\n"
    );
    // Hugo writes `<p>text <div class="l">inline</div> after</p>`; a `<div>` cannot be in a
    // `<p>`, so the sanitizer's HTML5 parser closes the paragraph as a browser would.
    assert!(out.toc.is_empty(), "inserted after Markdown: {:?}", out.toc);
    // The `notfirst` output is Markdown whose HTML is omitted: Hugo's raw HTML warning only.
    let messages: Vec<_> = out.diagnostics.iter().map(|d| &d.message).collect();
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(
        messages[0].starts_with("Raw HTML omitted while rendering"),
        "{messages:?}"
    );
}

#[test]
fn an_undecodable_template_config_is_a_warning_and_ignored_as_hugo_ignores_it() {
    let options = with_templates(&[(
        "bad",
        "{{ $_hugo_config := `{ bad` }}<div>{{ .Inner }}</div>",
    )]);
    let out = render("+++\n+++\n{{% bad %}}x{{% /bad %}}\n", &options);
    assert_eq!(out.content_html, "<!-- raw HTML omitted -->\n");
    let warning = out
        .diagnostics
        .iter()
        .find(|d| d.message.contains("$_hugo_config"))
        .expect("a warning about the template config");
    assert_eq!(warning.severity, Severity::Warning);
    assert!(
        warning.message.starts_with(
            "template: shortcodes/bad.html:1: failed to decode $_hugo_config in template: "
        ),
        "{}",
        warning.message
    );
    assert_eq!(
        warning.location.file_name().as_deref(),
        Some("shortcodes/bad.html")
    );
}

#[test]
fn page_ref_methods_take_a_map_as_in_hugo() {
    let templates = [
        ("pr", "{{ .Page.RelRef (dict \"path\" \"other.md\") }}|{{ .Page.Ref (dict \"path\" \"/about\") }}"),
        ("bad", "{{ .Page.RelRef \"other.md\" }}"),
    ];
    let out = render("+++\n+++\n{{< pr >}}\n", &ref_options(&templates));
    assert_eq!(
        out.content_html,
        "/posts/other/|https://example.org/about/\n"
    );
    let out = render("+++\n+++\n{{< bad >}}\n", &ref_options(&templates));
    // Hugo 0.111.3's message, after its own prefix (checked with the oracle).
    let error = &out.diagnostics[0].message;
    assert!(
        error.ends_with("template: shortcodes/bad.html:1:16: executing \"shortcodes/bad.html\" at <\"other.md\">: can't handle \"other.md\" for arg of type map[string]interface {}"),
        "{error}"
    );
}

/// `.Page.File` for a page path, field by field as Hugo 0.168 prints them (a site with
/// `content/posts/a.md`, `content/posts/bundle/index.md` and `content/top.md`); `Filename`
/// is Hugo's absolute path on disk, for which the preview gives the path from the site root.
#[test]
fn page_file_fields_follow_hugo_for_the_page_path() {
    let template = "{{ with .Page.File }}Ext=[{{ .Ext }}] BaseFileName=[{{ .BaseFileName }}] ContentBaseName=[{{ .ContentBaseName }}] Dir=[{{ .Dir }}] LogicalName=[{{ .LogicalName }}] Path=[{{ .Path }}] Filename=[{{ .Filename }}] TranslationBaseName=[{{ .TranslationBaseName }}] Section=[{{ .Section }}] UniqueID=[{{ .UniqueID }}] IsZero=[{{ .IsZero }}]{{ end }}";
    let file = |path: Option<&str>| {
        let mut options = with_templates(&[("f", template)]);
        options.path = path.map(str::to_owned);
        render("+++\n+++\n{{< f >}}\n", &options).content_html
    };
    assert_eq!(
        file(Some("posts/a.md")),
        "Ext=[md] BaseFileName=[a] ContentBaseName=[a] Dir=[posts/] LogicalName=[a.md] Path=[posts/a.md] Filename=[content/posts/a.md] TranslationBaseName=[a] Section=[posts] UniqueID=[5f025836240d5741b4d23a746e305731] IsZero=[false]\n"
    );
    assert_eq!(
        file(Some("posts/bundle/index.md")),
        "Ext=[md] BaseFileName=[index] ContentBaseName=[bundle] Dir=[posts/bundle/] LogicalName=[index.md] Path=[posts/bundle/index.md] Filename=[content/posts/bundle/index.md] TranslationBaseName=[index] Section=[posts] UniqueID=[1a964f19ff74fe3e463e68506699c878] IsZero=[false]\n"
    );
    assert_eq!(
        file(Some("top.md")),
        "Ext=[md] BaseFileName=[top] ContentBaseName=[top] Dir=[/] LogicalName=[top.md] Path=[top.md] Filename=[content/top.md] TranslationBaseName=[top] Section=[] UniqueID=[aeaecdd37942e8924d7f7cb1f903f73d] IsZero=[false]\n"
    );
    assert_eq!(
        file(Some("posts/x.y.md")),
        "Ext=[md] BaseFileName=[x.y] ContentBaseName=[x.y] Dir=[posts/] LogicalName=[x.y.md] Path=[posts/x.y.md] Filename=[content/posts/x.y.md] TranslationBaseName=[x.y] Section=[posts] UniqueID=[017cc93f062ccde93aab152aa22e77f4] IsZero=[false]\n"
    );

    let mut options =
        with_templates(&[("g", "[{{ .Page.File }}] [{{ printf \"%v\" .Page.File }}]")]);
    options.path = Some("posts/a.md".into());
    assert_eq!(
        render("+++\n+++\n{{< g >}}\n", &options).content_html,
        "[a] [a]\n",
        "prints as its base file name"
    );

    // Hugo 0.168 logs `.File.Lang` as an error and fails the build.
    let mut options = with_templates(&[("lang", "{{ .Page.File.Lang }}")]);
    options.path = Some("posts/a.md".into());
    let out = render("+++\n+++\n{{< lang >}}\n", &options);
    assert!(
        out.diagnostics[0].message.ends_with("deprecated: .File.Lang was deprecated in Hugo v0.149.0 and subsequently removed. Use e.g. Page.Site.Language.Lang"),
        "{}",
        out.diagnostics[0].message
    );
}

/// Hugo's `Scratch.Add` adds numbers with `DoArithmetic`, as `add` does: an `int64`, and a
/// sum past `i64::MAX` wraps as Go's does (it used to overflow Rust's `+`); a page's `Unix`
/// is an `int64` too. Hugo 0.168: `int64 3`, `int64 -9223372036854775808`, `int int64`.
#[test]
fn scratch_sums_and_unix_times_are_int64() {
    let options = with_templates(&[(
        "types",
        "{{ .Store.Set \"n\" 1 }}{{ .Store.Add \"n\" 2 }}{{ printf \"%T %v\" (.Store.Get \"n\") (.Store.Get \"n\") }}|\
         {{ .Store.Set \"m\" 9223372036854775807 }}{{ .Store.Add \"m\" 1 }}{{ printf \"%T %v\" (.Store.Get \"m\") (.Store.Get \"m\") }}|\
         {{ printf \"%T %T\" .Page.Date.Year .Page.Date.Unix }}",
    )]);
    let out = render(
        "---\ndate: 2024-03-05T10:20:30Z\n---\n{{< types >}}\n",
        &options,
    );
    assert_eq!(
        out.content_html,
        "int64 3|int64 -9223372036854775808|int int64\n"
    );
}

/// A time's `Month` is Go's `time.Month`: a `fmt.Stringer` over an int. It prints as its
/// name (`{{ . }}`, `%v`, `%s`, `string`, `lower`), `%d` and `jsonify` give the number, and
/// it compares and adds as the number. Hugo 0.168 writes this line (its `&#34;` is `"` once
/// sanitized).
#[test]
fn a_dates_month_is_a_time_month() {
    let options = with_templates(&[(
        "month",
        "{{ $m := .Page.Date.Month }}{{ $m }}|{{ printf \"%v %s %d %T %q %5s\" $m $m $m $m $m $m }}|\
         {{ string $m }}|{{ lower $m }}|{{ eq $m 3 }}|{{ add $m 1 }}|{{ $m | jsonify }}",
    )]);
    let out = render(
        "---\ndate: 2024-03-05T10:20:30Z\n---\n{{< month >}}\n",
        &options,
    );
    assert_eq!(
        out.content_html,
        "March|March March 3 time.Month \"March\" March|March|march|true|4|3\n"
    );
    let out = render("---\n---\n{{< month >}}\n", &options);
    assert!(
        out.content_html.starts_with("January|"),
        "{}",
        out.content_html
    );
}

/// The `param` shortcode prints the value as Hugo's template has it: a JSON front matter's
/// numbers are float64s (`1e+06`), a YAML or TOML one's integers (Hugo 0.168).
#[test]
fn param_prints_a_json_front_matters_numbers_as_floats() {
    let options = RenderOptions::default();
    let json = render(
        "{\"big\": 1000000, \"f\": 2.5}\n{{< param big >}} {{< param f >}}\n",
        &options,
    );
    assert_eq!(json.content_html, "<p>1e+06 2.5</p>\n");
    let yaml = render("---\nbig: 1000000\n---\n{{< param big >}}\n", &options);
    assert_eq!(yaml.content_html, "1000000\n");
}

// ---- Code in .Page.RenderString and markdownify ----

/// A shortcode that renders its inner Markdown with `.Page.RenderString`, as themes' notice
/// and tab shortcodes do.
fn render_string_site() -> RenderOptions {
    with_templates(&[
        ("inline", "{{ .Inner | .Page.RenderString }}"),
        (
            "block",
            "{{ .Page.RenderString (dict \"display\" \"block\") .Inner }}",
        ),
        ("md", "{{ .Inner | markdownify }}"),
    ])
}

#[test]
fn render_string_colours_fenced_code_as_hugo_does() {
    // Hugo 0.168 renders the text with the page's content renderer: fences are highlighted
    // with the site's `markup.highlight` (monokai, inline styles by default).
    let coloured = "<div class=\"highlight\"><pre tabindex=\"0\" style=\"color:#f8f8f2;background-color:#272822;-moz-tab-size:4;-o-tab-size:4;tab-size:4;-webkit-text-size-adjust:none;\"><code class=\"language-go\" data-lang=\"go\"><span style=\"display:flex;\"><span><span style=\"color:#66d9ef\">func</span> <span style=\"color:#a6e22e\">main</span>() {}\n</span></span></code></pre></div>";
    for name in ["inline", "block", "md"] {
        let source =
            format!("{{{{< {name} >}}}}\n```go\nfunc main() {{}}\n```\n{{{{< /{name} >}}}}\n");
        let out = render(&source, &render_string_site());
        assert!(
            out.content_html.contains(coloured),
            "{name} should colour the fence as Hugo does: {}",
            out.content_html
        );
    }
}

#[test]
fn code_rendered_while_the_highlighter_loads_is_coloured_once_it_is_there() {
    // The package's highlighter is a module loaded on first need: until it answers, code is
    // plain and the render says it is pending. The template call's output must not be kept
    // in the call cache then, or the next render would show the plain code again.
    use std::cell::Cell;
    use std::rc::Rc;
    let ready = Rc::new(Cell::new(false));
    let backend = {
        let ready = ready.clone();
        move |request: &str| ready.get().then(|| hugo_preview_highlight::answer(request))
    };
    let mut renderer = hugo_preview::Renderer::new(render_string_site());
    renderer.set_highlight_backend(Some(Box::new(backend)));
    let source = "{{< inline >}}\n```go\nfunc main() {}\n```\n{{< /inline >}}\n";
    let first = renderer.render(source);
    assert!(
        first.highlight_pending,
        "the first render waits for the highlighter"
    );
    assert!(
        !first.content_html.contains("color:#66d9ef"),
        "{}",
        first.content_html
    );
    ready.set(true);
    let second = renderer.render(source);
    assert!(!second.highlight_pending);
    assert!(
        second
            .content_html
            .contains("<span style=\"color:#66d9ef\">func</span>"),
        "the next render should colour the code: {}",
        second.content_html
    );
}
