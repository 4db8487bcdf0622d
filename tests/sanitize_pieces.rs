//! The sanitizer cleans HTML in pieces and caches each piece's result (src/sanitize/chunks.rs
//! says where it may cut). Cleaning in pieces must give exactly what cleaning the whole gives:
//! checked here on the shared corpora, the sample post and random markup built from the
//! constructs the cutting has to get right. The word count kept per piece must add up to the
//! count of the whole.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use hugo_preview::markdown::count_words;
use hugo_preview::sanitize::{policy, Options, Sanitizer};
use hugo_preview::{RenderOptions, Renderer};
use proptest::prelude::*;

fn assert_same(sanitizer: &Sanitizer, html: &str) {
    let whole = sanitizer.clean_whole(html);
    assert_eq!(
        sanitizer.clean(html),
        whole,
        "in pieces vs whole, for {html:?}"
    );
    // Again: now every piece comes from the cache.
    let (cached, words) = sanitizer.clean_counting_words(html);
    assert_eq!(cached, whole, "from the cache, for {html:?}");
    assert_eq!(words, count_words(&whole), "words in pieces, for {html:?}");
}

fn sanitizers() -> [Sanitizer; 2] {
    [
        Sanitizer::new(),
        Sanitizer::with_options(Options {
            embeds: true,
            source_lines: true,
            data_attributes: true,
        }),
    ]
}

/// Every payload of the XSS corpus, as raw HTML between blocks, and rendered as Markdown
/// with raw HTML allowed (what reaches the sanitizer in a render).
#[test]
fn xss_payloads_clean_the_same_in_pieces() {
    let text =
        std::fs::read_to_string(support::shared_dir().join("corpus/xss-payloads.json")).unwrap();
    let corpus: serde_json::Value = serde_json::from_str(&text).unwrap();
    let payloads: Vec<&str> = corpus["payloads"]
        .as_array()
        .or(corpus.as_array())
        .expect("a list of payloads")
        .iter()
        .filter_map(|p| p.as_str().or(p["payload"].as_str()))
        .collect();
    assert!(payloads.len() > 1000, "{} payloads", payloads.len());
    let mut options = RenderOptions::default();
    options.markup.goldmark.unsafe_html = true;
    let renderer = Renderer::new(options.clone());
    for sanitizer in sanitizers() {
        for payload in &payloads {
            assert_same(
                &sanitizer,
                &format!("<p>before</p>\n{payload}\n<p>after</p>\n"),
            );
            let markdown = format!("para\n\n{payload}\n\n*after*\n\n- a\n- b\n");
            let html = hugo_preview::markdown::render(&markdown, 0, &options, &mut Vec::new())
                .content_html;
            assert_same(&sanitizer, &html);
        }
    }
    // And through the renderer (which uses the cache across renders).
    for payload in &payloads {
        let out = renderer.render(&format!("a\n\n{payload}\n\nb\n"));
        let again = renderer.render(&format!("a\n\n{payload}\n\nb\n"));
        assert_eq!(out.content_html, again.content_html);
    }
}

#[test]
fn the_sample_post_cleans_the_same_in_pieces() {
    let sample =
        std::fs::read_to_string(support::shared_dir().join("samples/facebook-down.md")).unwrap();
    for unsafe_html in [false, true] {
        let mut options = RenderOptions::default();
        options.markup.goldmark.unsafe_html = unsafe_html;
        let html =
            hugo_preview::markdown::render(&sample, 0, &options, &mut Vec::new()).content_html;
        for sanitizer in sanitizers() {
            assert_same(&sanitizer, &html);
        }
        assert!(
            html.matches("</p>").count() > 20,
            "the sample is cut into many pieces"
        );
    }
}

#[test]
fn pathological_inputs_clean_the_same_in_pieces() {
    for file in ["corpus/pathological.json", "corpus/crash-regressions.json"] {
        let text = std::fs::read_to_string(support::shared_dir().join(file)).unwrap();
        let corpus: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut inputs = Vec::new();
        collect_strings(&corpus, &mut inputs);
        let mut options = RenderOptions::default();
        options.markup.goldmark.unsafe_html = true;
        let sanitizer = Sanitizer::new();
        for input in inputs.iter().filter(|s| s.len() < 20_000) {
            assert_same(&sanitizer, input);
            let html =
                hugo_preview::markdown::render(input, 0, &options, &mut Vec::new()).content_html;
            assert_same(&sanitizer, &html);
        }
    }
}

fn collect_strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

/// Markup built from the constructs that decide where a cut may fall: nesting and
/// misnesting, void and raw text elements, comments and bogus comments, quotes and `>`
/// inside attributes, elements the tree builder closes or ignores by itself.
fn markup() -> impl Strategy<Value = String> {
    const PARTS: &[&str] = &[
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<b>",
        "</b>",
        "<i>",
        "</i>",
        "<a href=\"x\">",
        "</a>",
        "<a>",
        "<table>",
        "</table>",
        "<tr>",
        "</tr>",
        "<td>",
        "</td>",
        "<caption>",
        "<ul>",
        "</ul>",
        "<li>",
        "</li>",
        "<dd>",
        "<dt>",
        "<h1>",
        "</h1>",
        "<h2>",
        "</h2>",
        "<pre>",
        "</pre>",
        "<form>",
        "</form>",
        "<button>",
        "</button>",
        "<nobr>",
        "</nobr>",
        "<select>",
        "<option>",
        "</select>",
        "<svg>",
        "</svg>",
        "<svg viewBox=\"0 0 1 1\">",
        "<g>",
        "</g>",
        "<path d=\"M0 0\"/>",
        "<use href=\"#x\">",
        "</use>",
        "<a href=\"/x\">",
        "</a>",
        "<desc>",
        "</desc>",
        "<foreignObject>",
        "</foreignObject>",
        "<button type=\"submit\">",
        "<span style=\"color:red;position:fixed\">",
        "<math>",
        "<mi>",
        "</mi>",
        "<mtext>",
        "<mglyph>",
        "</math>",
        "<script>",
        "</script>",
        "<style>",
        "</style>",
        "<textarea>",
        "</textarea>",
        "<title>",
        "</title>",
        "<xmp>",
        "</xmp>",
        "<iframe src=\"https://www.youtube.com/embed/x\">",
        "</iframe>",
        "<noscript>",
        "<plaintext>",
        "<template>",
        "</template>",
        "<br>",
        "</br>",
        "<hr>",
        "<img src=x>",
        "<col>",
        "<frame>",
        "<image>",
        "<p/>",
        "<br/>",
        "<!--",
        "-->",
        "--!>",
        "<!-->",
        "<!--->",
        "<!x>",
        "<![CDATA[",
        "]]>",
        "<?x",
        "</>",
        "</ x>",
        "<p title=\"",
        "<p a\"b>",
        "<b x='>'>",
        "</p x=\">\">",
        "\"",
        "'",
        ">",
        "<",
        "/",
        "=",
        "&amp",
        "&lt;",
        "text",
        "\u{a0}",
        "\u{3000}é",
        "<!-- raw HTML omitted -->",
        " ",
        "\n",
        "\n\n",
        "<body>",
        "</body>",
        "<html>",
        "<table><tr><td>",
        "</td></tr></table>",
        "<p onclick=\"alert(1)\">",
        "<a href=\"javascript:alert(1)\">",
        "<input>",
        "<details>",
        "</details>",
        "<summary>",
        "</summary>",
        "<figure>",
        "</figure>",
    ];
    prop::collection::vec(prop::sample::select(PARTS), 0..40).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, .. ProptestConfig::default() })]
    #[test]
    fn random_markup_cleans_the_same_in_pieces(html in markup()) {
        let sanitizer = Sanitizer::with_embeds(true);
        let whole = sanitizer.clean_whole(&html);
        let (cleaned, words) = sanitizer.clean_counting_words(&html);
        prop_assert_eq!(cleaned, whole.clone());
        prop_assert_eq!(words, count_words(&whole));
        prop_assert_eq!(sanitizer.clean(&html), whole);
    }
}

/// Markup around inline SVG, where the piece scanner follows SVG's own rules (no raw text,
/// `/>` closes, HTML tags leave SVG).
fn svg_markup() -> impl Strategy<Value = String> {
    const PARTS: &[&str] = &[
        "<svg>",
        "<svg/>",
        "</svg>",
        "<svg viewBox=\"0 0 1 1\">",
        "<g>",
        "</g>",
        "<path d=x/>",
        "<path d=\"M0\"/>",
        "<rect/ >",
        "<use href=\"#i\"></use>",
        "<title>",
        "</title>",
        "<desc>",
        "</desc>",
        "<foreignObject>",
        "</foreignObject>",
        "<style>",
        "</style>",
        "<script>",
        "</script>",
        "<textarea>",
        "</textarea>",
        "<a href=\"/x\">",
        "</a>",
        "<font color=red>",
        "<font>",
        "</font>",
        "<p>",
        "</p>",
        "<b>",
        "</b>",
        "<table>",
        "</table>",
        "<math>",
        "<mi>",
        "</mi>",
        "<mo>",
        "<annotation-xml encoding=\"text/html\">",
        "</math>",
        "<![CDATA[",
        "]]>",
        "<!-- raw HTML omitted -->",
        "<!--",
        "-->",
        "<br/>",
        "</br>",
        "text",
        "\n",
        "<",
        "\"",
    ];
    prop::collection::vec(prop::sample::select(PARTS), 0..40).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, .. ProptestConfig::default() })]
    #[test]
    fn random_svg_markup_cleans_the_same_in_pieces(html in svg_markup()) {
        let sanitizer = Sanitizer::new();
        let whole = sanitizer.clean_whole(&html);
        prop_assert_eq!(sanitizer.clean(&html), whole.clone());
        prop_assert_eq!(sanitizer.clean(&html), whole, "from the cache");
    }
}

/// Markup around MathML: KaTeX's elements, the token elements where HTML may enter, what
/// the policy removes (`annotation-xml`, `mglyph`, `malignmark`, `maction`), and the HTML
/// of the known mutation-XSS vectors (tables, `style`, `svg`, forms, headings).
fn math_markup() -> impl Strategy<Value = String> {
    const PARTS: &[&str] = &[
        "<math>",
        "<math display=\"block\">",
        "</math>",
        "<semantics>",
        "</semantics>",
        "<annotation encoding=\"application/x-tex\">",
        "</annotation>",
        "<annotation-xml encoding=\"text/html\">",
        "</annotation-xml>",
        "<mrow>",
        "</mrow>",
        "<mi>",
        "</mi>",
        "<mo stretchy=\"false\">",
        "</mo>",
        "<mn>",
        "<ms>",
        "<mtext>",
        "</mtext>",
        "<mtable>",
        "<mtr>",
        "<mtd>",
        "</mtd>",
        "<mstyle mathcolor=\"red\">",
        "<mspace linebreak=\"newline\"/>",
        "<mglyph>",
        "</mglyph>",
        "<malignmark>",
        "<maction>",
        "<table>",
        "</table>",
        "<tr>",
        "<td>",
        "<style>",
        "</style>",
        "<svg>",
        "</svg>",
        "<title>",
        "<foreignObject>",
        "<form>",
        "</form>",
        "<h1>",
        "<h6>",
        "</h6>",
        "<p>",
        "</p>",
        "<b>",
        "</b>",
        "<br>",
        "<img src=x onerror=alert(1)>",
        "<a title=\"</style><img src onerror=alert(1)>\">",
        "<!--",
        "-->",
        "x",
        "&lt;",
        " ",
    ];
    prop::collection::vec(prop::sample::select(PARTS), 0..40).prop_map(|parts| parts.concat())
}

/// The tags of a sanitized output (ammonia's serialization: names as written, attribute
/// values in double quotes, text with `<` escaped), as (is an end tag, name, the tag
/// without its attribute values, where it starts, just past its end).
fn tags(html: &str) -> Vec<(bool, &str, String, usize, usize)> {
    let mut found = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(lt) = bytes[i..].iter().position(|&b| b == b'<').map(|p| p + i) {
        let end_tag = bytes.get(lt + 1) == Some(&b'/');
        let start = lt + 1 + usize::from(end_tag);
        let len = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        let mut j = start + len;
        let mut quoted = false;
        let mut unquoted = String::new();
        while j < bytes.len() && (quoted || bytes[j] != b'>') {
            quoted ^= bytes[j] == b'"';
            if !quoted {
                unquoted.push(char::from(bytes[j]));
            }
            j += 1;
        }
        if len > 0 {
            found.push((
                end_tag,
                &html[start..start + len],
                unquoted,
                lt,
                (j + 1).min(html.len()),
            ));
        }
        i = j.min(bytes.len() - 1) + 1;
        if i >= bytes.len() {
            break;
        }
    }
    found
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, .. ProptestConfig::default() })]
    #[test]
    fn random_math_markup_keeps_only_listed_mathml_with_text_in_tokens(html in math_markup()) {
        let sanitizer = Sanitizer::new();
        let whole = sanitizer.clean_whole(&html);
        prop_assert_eq!(sanitizer.clean(&html), whole.clone());
        // Inside `<math>`: only the policy's MathML elements, and nothing inside a
        // text-only one. Each `<math>` kept, parsed and cleaned again on its own, is the
        // same (the whole need not be: ammonia's output of misnested HTML, such as
        // `<h1><table><h1>`, can parse differently again, but MathML holding no HTML
        // cannot).
        let mut open: Vec<&str> = Vec::new();
        let mut math_start = 0;
        for (end_tag, name, unquoted, start, end) in tags(&whole) {
            prop_assert!(!unquoted.contains(" on"), "an event handler: {}", whole);
            if end_tag {
                if !open.is_empty() {
                    prop_assert_eq!(open.pop(), Some(name), "{}", whole);
                    if open.is_empty() {
                        let math = &whole[math_start..end];
                        prop_assert_eq!(sanitizer.clean(math), math, "cleaning again changes nothing");
                    }
                }
                continue;
            }
            if open.is_empty() {
                math_start = start;
            }
            if name != "math" && open.is_empty() {
                continue;
            }
            prop_assert!(policy::MATHML_TAGS.contains(&name), "<{}> inside <math>: {}", name, whole);
            prop_assert!(
                !open.last().is_some_and(|parent| policy::MATHML_TEXT_ONLY.contains(parent)),
                "<{}> inside a token: {}", name, whole
            );
            open.push(name);
        }
        prop_assert!(open.is_empty(), "{}", whole);
        prop_assert!(!whole.contains("<style") && !whole.contains("<script"), "{}", whole);
    }
}
