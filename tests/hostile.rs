//! Hostile input: known crashers, fuzz findings and arbitrary text never panic, and every
//! diagnostic points inside the source, on character boundaries, with consistent lines,
//! columns and UTF-16 offsets.
#![allow(clippy::disallowed_methods)] // tests may sort (the rule is the core .wasm's size)
#![cfg(not(target_arch = "wasm32"))]

mod support;

#[path = "../fuzz/render_options.rs"]
mod render_options;
use render_options::render_target_options;

use hugo_preview::diagnostic::{LineIndex, Utf16Index};
use hugo_preview::{Diagnostic, RenderOptions, Renderer};
use proptest::prelude::*;
use std::path::Path;

fn all_options() -> RenderOptions {
    let mut options = RenderOptions::default();
    options.markup.goldmark.unsafe_html = true;
    options.markup.goldmark.hard_wraps = true;
    options.embeds = true;
    options.source_lines = true;
    options.markup.table_of_contents.end_level = -1;
    options
        .shortcodes
        .insert("t".into(), "{{ .Inner | markdownify }}{{ .Get 0 }}".into());
    options
}

/// Spans inside the source on character boundaries; line and column as the index gives them.
fn check_diagnostics(source: &str, diagnostics: &[Diagnostic]) -> Result<(), String> {
    let index = LineIndex::new(source);
    for d in diagnostics.iter().filter(|d| d.location.is_content()) {
        let (start, end) = (d.span.start, d.span.end);
        if !(start <= end && end <= source.len()) {
            return Err(format!(
                "span {start}..{end} outside a {}-byte source: {d:?}",
                source.len()
            ));
        }
        if !source.is_char_boundary(start) || !source.is_char_boundary(end) {
            return Err(format!(
                "span {start}..{end} not on character boundaries: {d:?}"
            ));
        }
        if (d.line, d.column) != index.line_column(start)
            || (d.end_line, d.end_column) != index.line_column(end)
        {
            return Err(format!("line/column disagree with the span: {d:?}"));
        }
    }
    Ok(())
}

#[test]
fn inputs_that_once_crashed_pulldown_cmark_or_ammonia_render() {
    let text = support::read_shared("corpus/crash-regressions.json");
    let cases: serde_json::Value = serde_json::from_str(&text).unwrap();
    let renderer = Renderer::new(all_options());
    let plain = Renderer::new(RenderOptions::default());
    for case in cases.as_array().unwrap() {
        let input = case["input"].as_str().unwrap();
        for r in [&renderer, &plain] {
            let out = r.render(input);
            check_diagnostics(input, &out.diagnostics).unwrap();
            check_diagnostics(input, &r.parse(input).diagnostics).unwrap();
        }
    }
}

/// Every input a fuzz target once failed on, in `tests/fixtures/fuzz-regressions/`:
/// `scripts/fuzz.sh` copies each finding there as `TARGET-crash-…` (`render-`, `template-`,
/// `shortcode_lexer-`, `front_matter-`), and it is replayed here as that target runs it
/// (`fuzz/fuzz_targets/`). A file without a target's prefix is rendered as a content file.
#[test]
fn fuzz_findings_render() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz-regressions");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file() && !path.ends_with("README.md"))
        .collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let target = name.split_once('-').map_or("", |(target, _)| target);
        replay_fuzz_input(target, &bytes);
    }
}

/// Runs `data` as the fuzz target `target` does.
fn replay_fuzz_input(target: &str, data: &[u8]) {
    match target {
        "render" => {
            let (flags, rest) = match data {
                [a, b, rest @ ..] => (u16::from_le_bytes([*a, *b]), rest),
                _ => (0, data),
            };
            let source = String::from_utf8_lossy(rest);
            let out = Renderer::new(render_target_options(flags)).render(&source);
            check_diagnostics(&source, &out.diagnostics).unwrap();
        }
        "template" => {
            let template = String::from_utf8_lossy(data);
            let mut options = RenderOptions::default();
            options.shortcodes.insert("t".into(), template.to_string());
            options
                .partials
                .insert("p.html".into(), template.to_string());
            let source = "+++\ntitle = \"x\"\n[params]\na = [1, 2]\n+++\n{{< t 1 \"two\" >}}inner *md*{{< /t >}}\n\n{{< t a=1 b=`c` />}}\n";
            Renderer::new(options).render(source);
        }
        "shortcode_lexer" => {
            let body = String::from_utf8_lossy(data);
            for item in hugo_preview::shortcode::lexer::Lexer::new(&body, 0) {
                std::hint::black_box(item);
            }
            let needs_inner = |name: &str| Some(name.len() % 2 == 0);
            std::hint::black_box(hugo_preview::shortcode::tree::build(&body, 0, &needs_inner));
        }
        "front_matter" => {
            let source = String::from_utf8_lossy(data);
            let mut diagnostics = Vec::new();
            let parsed = hugo_preview::front_matter::parse(&source, &mut diagnostics);
            hugo_preview::PageFields::from_front_matter(&parsed, &mut diagnostics);
            std::hint::black_box(parsed.tree());
        }
        _ => {
            let input = String::from_utf8_lossy(data);
            let out = Renderer::new(all_options()).render(&input);
            check_diagnostics(&input, &out.diagnostics).unwrap();
        }
    }
}

/// Text made of the pieces that matter: Markdown, shortcodes, front matter delimiters,
/// HTML, entities, and characters of every UTF-8 length.
fn document() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("{{< ".to_string()),
        Just("{{% ".to_string()),
        Just(" >}}".to_string()),
        Just(" %}}".to_string()),
        Just("{{< /t >}}".to_string()),
        Just("{{< t \"a\" >}}".to_string()),
        Just("{{< figure src=\"x\" >}}".to_string()),
        Just("{{</* c */>}}".to_string()),
        Just("+++\n".to_string()),
        Just("---\n".to_string()),
        Just("title = \"x\"\n".to_string()),
        Just("<!--more-->".to_string()),
        Just("# ".to_string()),
        Just("[^1]".to_string()),
        Just("[^1]: n\n".to_string()),
        Just("*".to_string()),
        Just("`".to_string()),
        Just("[a](b)".to_string()),
        Just("<div>".to_string()),
        Just("&amp;".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("    ".to_string()),
        Just("- ".to_string()),
        Just("| a |\n|---|\n".to_string()),
        Just("é".to_string()),
        Just("日本".to_string()),
        Just("😀".to_string()),
        Just("\u{0}".to_string()),
        Just("\r".to_string()),
        "[a-z ]{0,8}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_document_renders_with_diagnostics_inside_it(source in document()) {
        for options in [RenderOptions::default(), all_options()] {
            let renderer = Renderer::new(options);
            let out = renderer.render(&source);
            prop_assert!(check_diagnostics(&source, &out.diagnostics).is_ok(), "{:?}", check_diagnostics(&source, &out.diagnostics));
            let parsed = renderer.parse(&source);
            prop_assert!(check_diagnostics(&source, &parsed.diagnostics).is_ok());
        }
    }

    #[test]
    fn utf16_offsets_agree_with_javascript_counting(source in document(), cut in any::<prop::sample::Index>()) {
        let index = Utf16Index::new(&source);
        let mut offset = cut.index(source.len() + 1);
        while !source.is_char_boundary(offset) {
            offset -= 1;
        }
        prop_assert_eq!(index.utf16(offset), source[..offset].encode_utf16().count());
        prop_assert_eq!(index.utf16(source.len()), source.encode_utf16().count());
    }
}

/// A heavy template called on every line: each call stays within its own step limit, so
/// only the budget of the whole page stops it (before, 800 calls of an 8 MB output bomb took
/// 14 s). The calls that fit run, the later ones are error boxes with a diagnostic each, and
/// the text around them still renders.
#[test]
fn the_page_template_budget_stops_heavy_calls_repeated_on_every_line() {
    let mut options = RenderOptions::default();
    options.shortcodes.insert(
        "heavy".into(),
        // About 500,000 steps a call, half the 1,000,000 one execution may take.
        "{{ range seq 100 }}{{ range seq 100 }}{{ range seq 50 }}{{ end }}{{ end }}{{ end }}done"
            .into(),
    );
    let calls = 40;
    // Each call different: identical calls would come from the cache of template outputs.
    let lines: String = (0..calls)
        .map(|n| format!("{{{{< heavy n=\"{n}\" >}}}}\n\n"))
        .collect();
    let source = format!("before\n\n{lines}after\n");
    let out = Renderer::new(options).render(&source);
    let ran = out.content_html.matches("done").count();
    let budget_errors = out
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("used up their budget"))
        .count();
    assert!(ran > 0 && ran < calls, "{ran} of {calls} calls ran");
    assert!(
        ran + budget_errors >= calls - 1 && ran + budget_errors <= calls,
        "{ran} ran, {budget_errors} stopped by the budget, of {calls}: {:?}",
        out.diagnostics.first()
    );
    assert!(out.content_html.starts_with("<p>before</p>"));
    assert!(out.content_html.contains("<p>after</p>"));
}

/// Hugo's extras and CJK options on hostile text: unpaired delimiters of every kind, long
/// runs, nesting past the limit, soft breaks and escaped spaces render, and ten times the text
/// takes about ten times as long (a closer searching back over every opener would be 100x).
#[test]
fn extras_and_cjk_stay_linear_on_unpaired_delimiters() {
    let mut options = RenderOptions::default();
    let goldmark = &mut options.markup.goldmark;
    goldmark.extras.delete = true;
    goldmark.extras.insert = true;
    goldmark.extras.mark = true;
    goldmark.extras.subscript = true;
    goldmark.extras.superscript = true;
    goldmark.cjk.enable = true;
    goldmark.cjk.east_asian_line_breaks = true;
    goldmark.cjk.escaped_space = true;
    let patterns: [(&str, &str); 8] = [
        ("==", ""),
        ("==a *b ", "c* "),
        ("*a ==b ", "c^ d* "),
        ("^", ""),
        ("==a ", "b^ "),
        ("==a ^b ++c ~d ", ""),
        ("==a ++b ^c ", "c^ b++ a== "),
        ("日本\\ \n", ""),
    ];
    let time = |text: &str| {
        (0..3)
            .map(|_| {
                let started = std::time::Instant::now();
                let out = Renderer::new(options.clone()).render(text);
                assert!(!out.content_html.is_empty());
                started.elapsed()
            })
            .min()
            .unwrap_or_default()
    };
    for (opening, closing) in patterns {
        let document = |bytes: usize| {
            let n = bytes / (opening.len() + closing.len());
            format!("{}{}", opening.repeat(n), closing.repeat(n))
        };
        let small = time(&document(10_000));
        let large = time(&document(100_000));
        assert!(
            large < small * 30 + std::time::Duration::from_millis(50),
            "{opening:?}/{closing:?}: 10 KB in {small:?}, 100 KB in {large:?}"
        );
    }
}
