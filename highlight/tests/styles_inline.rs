//! Every embedded style in inline-style mode: six samples (Python, diff, console, HTML, C,
//! Markdown) in fences with `{style=NAME}`, and the Python one with table and inline line
//! numbers, a highlighted line and anchors, as Hugo 0.168.0 renders them
//! (`tests/fixtures/styles/gen.sh`), against `html::render`. The tokens come from the same page
//! rendered with classes.

use std::fs;

use hugo_preview_highlight::html::render;
use hugo_preview_highlight::options::{HighlightOptions, OptionValue};

mod common;
use common::tokens_from_classes;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/styles");
const LANGS: [&str; 6] = ["python", "diff", "console", "html", "c", "markdown"];

fn blocks(page: &str) -> Vec<&str> {
    let mut starts: Vec<usize> = page
        .match_indices("<div class=\"highlight\">")
        .map(|(i, _)| i)
        .collect();
    starts.push(page.len());
    starts
        .windows(2)
        .map(|w| page[w[0]..w[1]].trim_end_matches('\n'))
        .collect()
}

#[test]
fn every_style_matches_hugo_inline() {
    let classes = fs::read_to_string(format!("{DIR}/classes.html")).unwrap();
    let tokens: Vec<_> = blocks(&classes)
        .into_iter()
        .map(tokens_from_classes)
        .collect();
    assert_eq!(tokens.len(), LANGS.len() + 2);
    let mut checked = 0;
    for (name, _) in hugo_preview_highlight::data::STYLES {
        let name = name.to_lowercase();
        let page = fs::read_to_string(format!("{DIR}/{name}.html")).unwrap();
        let expected = blocks(&page);
        assert_eq!(expected.len(), LANGS.len() + 2, "{name}");
        let style = || ("style".to_owned(), OptionValue::String(name.clone()));
        let s = |v: &str| OptionValue::String(v.into());
        // `hl_lines=[n]` as the core crate hands it on: 0-based line ranges.
        let hl = |n: i64| OptionValue::Ranges(vec![(n - 1, n - 1)]);
        let extra = [
            (
                LANGS.len(),
                vec![
                    style(),
                    ("linenos".into(), s("table")),
                    ("hl_lines".into(), hl(2)),
                ],
            ),
            (
                LANGS.len() + 1,
                vec![
                    style(),
                    ("linenos".into(), s("inline")),
                    ("hl_lines".into(), hl(3)),
                    ("anchorlinenos".into(), OptionValue::Bool(true)),
                ],
            ),
        ];
        let plain = LANGS
            .iter()
            .enumerate()
            .map(|(i, lang)| (i, *lang, vec![style()]));
        let all = plain.chain(extra.into_iter().map(|(i, o)| (i, "python", o)));
        for (i, lang, options) in all {
            let mut opts = HighlightOptions::default();
            opts.apply_code_block(&options, i).unwrap();
            // The line-numbered blocks hold the Python sample again.
            let tokens = if i < LANGS.len() {
                &tokens[i]
            } else {
                &tokens[0]
            };
            let got = render(Some(tokens), "", lang, Some(&[]), &opts).unwrap();
            assert_eq!(got.html, expected[i], "style {name}, block {i}");
            checked += 1;
        }
    }
    assert_eq!(checked, 74 * 8);
}
