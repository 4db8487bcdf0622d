//! The plain-text fields of a result (`toc[].text`, `parse().headings[].text`) are what a
//! reader sees of the heading: the `textContent` of the heading as rendered and sanitized,
//! white space collapsed. Tags are never text; what the reader sees as text (`&lt;b&gt;`
//! shows `<b>`) is. Whatever put HTML in the heading (Markdown, raw HTML, a built-in, a site
//! template, a JavaScript shortcode, `{{% %}}` output) cannot put markup in these fields.

mod support;

use hugo_preview::sanitize::text::first_element_text;
use hugo_preview::shortcode::external::{ExternalCall, ExternalShortcodes};
use hugo_preview::{parse, render, RenderOptions, Rendered, Renderer};

const XSS_IMAGE: &str = "<img src=x onerror=alert(1)>";

fn with_templates(templates: &[(&str, &str)]) -> RenderOptions {
    let mut options = RenderOptions::default();
    for (name, source) in templates {
        options
            .shortcodes
            .insert((*name).to_owned(), (*source).to_owned());
    }
    options
}

fn unsafe_html(mut options: RenderOptions) -> RenderOptions {
    options.markup.goldmark.unsafe_html = true;
    options
}

/// The text of the heading with this id in the sanitized content, as `textContent` gives it.
fn rendered_heading_text(out: &Rendered, id: &str) -> String {
    let html = &out.content_html;
    let attribute = format!(" id=\"{id}\"");
    let start = html
        .match_indices("<h")
        .map(|(at, _)| at)
        .find(|&at| {
            let tag = &html[at..];
            let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
            tag.as_bytes()
                .get(2)
                .is_some_and(|b| (b'1'..=b'6').contains(b))
                && tag.contains(&attribute)
        })
        .unwrap_or_else(|| panic!("a heading with id {id:?} should be in {html:?}"));
    first_element_text(&html[start..])
}

/// Each TOC entry's text, after checking that it equals its heading's text in the content.
fn toc_texts(source: &str, options: &RenderOptions) -> Vec<String> {
    let out = render(source, options);
    let outline = parse(source, options);
    for (entry, heading) in out.toc.iter().zip(&outline.headings) {
        assert_eq!(
            entry.text,
            rendered_heading_text(&out, &entry.id),
            "the TOC text should be the rendered heading's text"
        );
        assert_eq!(
            heading.text, entry.text,
            "parse().headings should carry the same text as the TOC"
        );
    }
    assert_eq!(out.toc.len(), outline.headings.len());
    out.toc.into_iter().map(|entry| entry.text).collect()
}

fn toc_text(source: &str, options: &RenderOptions) -> String {
    let texts = toc_texts(source, options);
    assert_eq!(texts.len(), 1, "one heading in {source:?}");
    texts.into_iter().next().unwrap_or_default()
}

mod site_templates {
    use super::*;

    #[test]
    fn markup_marked_safe_in_a_template_is_not_text() {
        let options = with_templates(&[("x", "{{ \"<img src=x onerror=alert(1)>\" | safeHTML }}")]);
        assert_eq!(toc_text("## T {{< x >}}\n", &options), "T");
    }

    #[test]
    fn elements_give_their_text_and_references_are_decoded() {
        let options = with_templates(&[(
            "x",
            "<b>bold</b> &amp; <i title=\"a>b\">it</i> {{ .Get 0 }}",
        )]);
        assert_eq!(
            toc_text("## T {{< x \"<b>typed</b>\" >}}\n", &options),
            "T bold & it <b>typed</b>",
            "the escaped parameter is what a reader sees"
        );
    }

    #[test]
    fn a_script_in_template_output_leaves_no_text() {
        let options = with_templates(&[("x", "{{ \"<script>alert(1)</script>ok\" | safeHTML }}")]);
        assert_eq!(toc_text("## T {{< x >}}\n", &options), "T ok");
    }

    #[test]
    fn template_output_through_markdown_notation_is_rendered_then_read() {
        let options = unsafe_html(with_templates(&[(
            "md",
            "*e* {{ \"<img src=x onerror=alert(1)><script>alert(2)</script>\" | safeHTML }}",
        )]));
        assert_eq!(toc_text("## P {{% md %}}\n", &options), "P e");
    }
}

mod builtins {
    use super::*;

    #[test]
    fn a_built_in_image_in_a_heading_is_not_text() {
        assert_eq!(
            toc_text("## Q {{< qr text=\"x\" />}}\n", &RenderOptions::default()),
            "Q"
        );
    }

    #[test]
    fn a_built_in_figure_in_a_heading_gives_its_caption() {
        let text = toc_text(
            "## F {{< figure src=\"a.jpg\" caption=\"Cap <b>x</b>\" >}}\n",
            &RenderOptions::default(),
        );
        assert!(!text.contains("<figure"), "{text:?}");
        assert!(text.starts_with('F'), "{text:?}");
    }

    #[test]
    fn a_built_in_in_markdown_notation_is_read_after_rendering() {
        let text = toc_text(
            "## V {{% vimeo id=\"42\" title=\"A & B\" %}}\n",
            &RenderOptions::default(),
        );
        assert!(!text.contains('<'), "{text:?}");
    }
}

mod markdown {
    use super::*;

    #[test]
    fn emphasis_code_spans_and_links_give_their_text() {
        assert_eq!(
            toc_text(
                "## A *b* **c** `<d>` [e](/u \"t\") ~~f~~\n",
                &RenderOptions::default()
            ),
            "A b c <d> e f"
        );
    }

    #[test]
    fn entities_are_decoded_once() {
        assert_eq!(
            toc_text(
                "## Tom &amp; Jerry &lt;b&gt; &amp;lt; &copy; &#65;\n",
                &RenderOptions::default()
            ),
            "Tom & Jerry <b> &lt; \u{a9} A"
        );
    }

    #[test]
    fn raw_inline_html_is_omitted_without_unsafe() {
        assert_eq!(
            toc_text("## R <b>x</b>\n", &RenderOptions::default()),
            "R x"
        );
    }

    #[test]
    fn raw_inline_html_with_unsafe_gives_the_sanitized_text() {
        let options = unsafe_html(RenderOptions::default());
        assert_eq!(
            toc_text(
                "## R <span onclick=\"x()\">s</span><script>alert(1)</script><style>p{}</style>\n",
                &options
            ),
            "R s"
        );
        assert_eq!(toc_text(&format!("## I {XSS_IMAGE}\n"), &options), "I");
    }

    #[test]
    fn a_footnote_reference_shows_its_number() {
        assert_eq!(
            toc_text("## N[^1]\n\n[^1]: note\n", &RenderOptions::default()),
            "N1"
        );
    }

    #[test]
    fn a_setext_heading_over_two_lines_is_one_line_of_text() {
        assert_eq!(toc_text("a\nb\n---\n", &RenderOptions::default()), "a b");
    }

    #[test]
    fn typographer_output_is_characters() {
        assert_eq!(
            toc_text("## \"It's\" -- ok...\n", &RenderOptions::default()),
            "\u{201c}It\u{2019}s\u{201d} \u{2013} ok\u{2026}"
        );
    }
}

/// A JavaScript shortcode as the package registers it: here, a Rust stand-in that returns
/// the HTML it is given.
struct Echo;

impl ExternalShortcodes for Echo {
    fn lookup(&self, name: &str) -> Option<bool> {
        (name == "echo").then_some(false)
    }

    fn call(&self, call: &ExternalCall<'_>) -> Result<String, String> {
        Ok(call.params[0].as_str().unwrap_or_default().to_owned())
    }
}

#[test]
fn external_shortcode_output_is_read_after_sanitizing() {
    let mut renderer = Renderer::new(RenderOptions::default());
    renderer.set_external_shortcodes(Some(Box::new(Echo)));
    let source = format!("## J {{{{< echo `<em>x</em> {XSS_IMAGE} &lt;y&gt;` >}}}}\n");
    let out = renderer.render(&source);
    assert_eq!(out.toc[0].text, "J x <y>");
    assert_eq!(out.toc[0].text, rendered_heading_text(&out, &out.toc[0].id));
    assert_eq!(renderer.parse(&source).headings[0].text, "J x <y>");
}

#[test]
fn every_heading_of_the_sample_post_has_its_rendered_text() {
    let texts = toc_texts(&support::sample_post(), &support::sample_site_options());
    assert!(texts.len() > 3, "{texts:?}");
    assert!(texts.iter().all(|t| !t.contains('<')), "{texts:?}");
}

/// Raw HTML that leaves an element open (a `<textarea>`, an `<iframe>` read as raw text)
/// can turn what follows it in the page into text; the heading's text is what the heading
/// shows on its own, so each payload gets a page of one heading.
#[test]
fn xss_payloads_in_headings_give_the_rendered_text() {
    let corpus: Vec<String> =
        serde_json::from_str(&support::read_shared("corpus/xss-payloads.json"))
            .expect("the XSS corpus is a JSON array of strings");
    let options = unsafe_html(with_templates(&[("raw", "{{ .Get 0 | safeHTML }}")]));
    let renderer = Renderer::new(options);
    for payload in &corpus {
        let line = payload.replace(['\n', '\r'], " ");
        let quoted = format!("\"{}\"", line.replace('\\', "\\\\").replace('"', "\\\""));
        for source in [
            format!("## A {line}\n"),
            format!("## B {{{{< raw {quoted} >}}}}\n"),
        ] {
            let out = renderer.render(&source);
            for entry in out.toc.iter().filter(|entry| !entry.id.is_empty()) {
                assert_eq!(
                    entry.text,
                    rendered_heading_text(&out, &entry.id),
                    "payload {payload:?}"
                );
            }
        }
    }
}

/// Raw HTML that leaves a raw text element open runs on into the next block, and the page
/// shows that inside the heading (a carriage return ends the heading's line, as in goldmark):
/// the text is what the page shows, not what the heading's own HTML would show alone.
#[test]
fn a_heading_that_raw_html_runs_on_from_has_the_text_the_page_shows() {
    let options = unsafe_html(RenderOptions::default());
    let source = "## H <div>X<style>a\rb</style>c</div>\n";
    assert_eq!(toc_text(source, &options), "H Xc");
}
