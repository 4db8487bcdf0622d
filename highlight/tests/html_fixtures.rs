//! Code fences rendered by Hugo 0.168.0 (`tests/fixtures/html/gen.sh`, one page a case from
//! `cases.txt`, with `noClasses` true and false) against `html::render`.
//!
//! The tokens are read back from Hugo's class-based output of the plain case (each class is a
//! token type, bare text is `Text`), then cut into one token per character so that the
//! formatter's coalescing has to put them back together.

use std::fs;

use hugo_preview_highlight::html::{render, Attribute};
use hugo_preview_highlight::options::{is_highlight_attribute, HighlightOptions, OptionValue};
use hugo_preview_highlight::token::{Token, TokenType};

mod common;
use common::tokens_from_classes;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/html");

/// A code fence's `{…}` attributes, as goldmark hands them to Hugo.
fn parse_attributes(s: &str) -> Vec<(String, OptionValue)> {
    fn value(v: &str) -> OptionValue {
        if let Some(q) = v.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
            OptionValue::String(q.to_owned())
        } else if v == "true" || v == "false" {
            OptionValue::Bool(v == "true")
        } else if let Ok(f) = v.parse::<f64>() {
            OptionValue::Float(f)
        } else if let Some(items) = v.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            // As the core crate hands an array on: Hugo's 0-based line ranges.
            let ranges = items
                .split(',')
                .filter_map(|item| {
                    let item = item.trim().trim_matches('"');
                    let (first, last) = item.split_once('-').unwrap_or((item, item));
                    let first = first.parse::<f64>().ok()? as i64;
                    let last = last.parse::<f64>().ok()? as i64;
                    Some((first - 1, last - 1))
                })
                .collect();
            OptionValue::Ranges(ranges)
        } else {
            OptionValue::String(v.to_owned())
        }
    }
    let mut out = Vec::new();
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut quoted = false;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '[' if !quoted => depth += 1,
            ']' if !quoted => depth -= 1,
            '"' => quoted = !quoted,
            _ => {}
        }
        if (c == ',' || c == ' ') && depth == 0 && !quoted {
            parts.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    parts.push(cur);
    for p in parts.into_iter().filter(|p| !p.is_empty()) {
        if let Some(c) = p.strip_prefix('.') {
            out.push(("class".to_owned(), OptionValue::String(c.to_owned())));
        } else if let Some(id) = p.strip_prefix('#') {
            out.push(("id".to_owned(), OptionValue::String(id.to_owned())));
        } else {
            let (k, v) = p.split_once('=').unwrap();
            out.push((k.to_owned(), value(v)));
        }
    }
    out
}

fn as_string(v: &OptionValue) -> String {
    match v {
        OptionValue::String(s) => s.replace('&', "&amp;"),
        other => format!("{other:?}"),
    }
}

#[test]
fn matches_hugo_code_fences() {
    let code = fs::read_to_string(format!("{DIR}/code.go")).unwrap();
    let plain = fs::read_to_string(format!("{DIR}/plain.classes.html")).unwrap();
    let tokens = tokens_from_classes(&plain);
    assert_eq!(
        tokens.iter().map(|t| t.value.as_str()).collect::<String>(),
        code
    );
    let chars: Vec<Token> = tokens
        .iter()
        .flat_map(|t| {
            t.value.chars().map(move |c| Token {
                ty: t.ty,
                value: c.to_string(),
            })
        })
        .collect();
    let cases = fs::read_to_string(format!("{DIR}/cases.txt")).unwrap();
    let mut checked = 0;
    for line in cases.lines().filter(|l| !l.starts_with('#')) {
        let (name, info) = line.split_once('|').unwrap();
        let (name, info) = (name.trim(), info.trim());
        let (lang, attrs) = match info.split_once('{') {
            Some((l, a)) => (l.trim(), parse_attributes(a.trim_end_matches('}'))),
            None => (info, Vec::new()),
        };
        let (options, attributes): (Vec<_>, Vec<_>) = attrs
            .into_iter()
            .partition(|(k, _)| is_highlight_attribute(k));
        let attributes: Vec<Attribute> = attributes
            .iter()
            .map(|(k, v)| Attribute {
                name: k.to_lowercase(),
                value: as_string(v),
            })
            .collect();
        for mode in ["inline", "classes"] {
            let expected = fs::read_to_string(format!("{DIR}/{name}.{mode}.html")).unwrap();
            let mut opts = HighlightOptions::default();
            if mode == "classes" {
                opts.apply_site_config(&[("noClasses".into(), OptionValue::Bool(false))])
                    .unwrap();
            }
            opts.apply_code_block(&options, 0).unwrap();
            let known = lang == "go";
            let got = render(
                known.then_some(&chars[..]),
                &code,
                lang,
                Some(&attributes),
                &opts,
            )
            .unwrap();
            assert_eq!(got.html, expected, "case {name} ({mode})");
            checked += 1;
        }
    }
    assert!(checked >= 50);
}

#[test]
fn matches_hugo_highlight_shortcode() {
    // The shortcode trims newlines around its inner content.
    let code = fs::read_to_string(format!("{DIR}/code.go"))
        .unwrap()
        .trim_matches(['\n', '\r'])
        .to_owned();
    let plain = fs::read_to_string(format!("{DIR}/sc-plain.classes.html")).unwrap();
    let tokens = tokens_from_classes(&plain);
    assert_eq!(
        tokens.iter().map(|t| t.value.as_str()).collect::<String>(),
        code
    );
    let cases = fs::read_to_string(format!("{DIR}/shortcodes.txt")).unwrap();
    let mut checked = 0;
    for line in cases.lines().filter(|l| !l.starts_with('#')) {
        let (name, args) = line.split_once('|').unwrap();
        let (name, args) = (name.trim(), args.trim());
        let (first, opts_arg) = match args.split_once(' ') {
            Some((l, o)) => (l, o.trim_matches('"')),
            None => (args, ""),
        };
        for mode in ["inline", "classes"] {
            let expected = fs::read_to_string(format!("{DIR}/{name}.{mode}.html")).unwrap();
            let mut opts = HighlightOptions::default();
            if mode == "classes" {
                opts.apply_site_config(&[("noClasses".into(), OptionValue::Bool(false))])
                    .unwrap();
            }
            let (mut lang, mut code) = (first.to_owned(), code.clone());
            opts.apply_string(opts_arg, &mut lang, &mut code).unwrap();
            let known = lang == "go";
            let got = render(known.then_some(&tokens[..]), &code, &lang, None, &opts).unwrap();
            assert_eq!(
                got.html,
                expected.trim_end_matches('\n'),
                "case {name} ({mode})"
            );
            checked += 1;
        }
    }
    assert!(checked >= 24);
}

#[test]
fn matches_hugo_site_settings() {
    let code = fs::read_to_string(format!("{DIR}/code.go")).unwrap();
    let plain = fs::read_to_string(format!("{DIR}/plain.classes.html")).unwrap();
    let tokens = tokens_from_classes(&plain);
    let sites = fs::read_to_string(format!("{DIR}/sites.txt")).unwrap();
    let mut checked = 0;
    for line in sites.lines().filter(|l| !l.starts_with('#')) {
        let (name, settings) = line.split_once('|').unwrap();
        let name = name.trim();
        let entries: Vec<(String, OptionValue)> = settings
            .split(';')
            .map(|s| {
                let (k, v) = s.split_once('=').unwrap();
                let v = v.trim();
                let v = if let Some(q) = v.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
                    OptionValue::String(q.to_owned())
                } else if v == "true" || v == "false" {
                    OptionValue::Bool(v == "true")
                } else {
                    OptionValue::Int(v.parse().unwrap())
                };
                (k.trim().to_owned(), v)
            })
            .collect();
        let mut opts = HighlightOptions::default();
        opts.apply_site_config(&entries).unwrap();
        opts.apply_code_block(&[], 0).unwrap();
        let expected = fs::read_to_string(format!("{DIR}/{name}.html")).unwrap();
        let got = render(Some(&tokens), &code, "go", Some(&[]), &opts).unwrap();
        assert_eq!(got.html, expected, "site {name}");
        checked += 1;
    }
    assert!(checked >= 10);
}

/// `<inner>…</inner><wrapped>…</wrapped>` as the fixture's render hook prints them.
fn inner_and_wrapped(page: &str) -> (&str, &str) {
    let inner = &page[page.find("<inner>").unwrap() + 7..page.find("</inner>").unwrap()];
    let wrapped = &page[page.find("<wrapped>").unwrap() + 9..page.rfind("</wrapped>").unwrap()];
    (inner, wrapped)
}

#[test]
fn inner_range_matches_hugo_highlight_code_block() {
    // HighlightCodeBlock gets the fence's content without its final newline.
    let code = fs::read_to_string(format!("{DIR}/code.go"))
        .unwrap()
        .trim_end_matches('\n')
        .to_owned();
    let plain = fs::read_to_string(format!("{DIR}/sc-plain.classes.html")).unwrap();
    let tokens = tokens_from_classes(&plain);
    type Case = (
        &'static str,
        &'static str,
        Vec<(String, OptionValue)>,
        Vec<Attribute>,
    );
    let cases: &[Case] = &[
        ("inner-go", "go", vec![], vec![]),
        (
            "inner-go--linenos-table--c",
            "go",
            vec![("linenos".into(), OptionValue::String("table".into()))],
            vec![Attribute {
                name: "class".into(),
                value: "c".into(),
            }],
        ),
        (
            "inner-go--hl-inline-true",
            "go",
            vec![("hl_inline".into(), OptionValue::Bool(true))],
            vec![],
        ),
        ("inner-nosuchlang", "nosuchlang", vec![], vec![]),
    ];
    for (name, lang, options, attributes) in cases {
        let page = fs::read_to_string(format!("{DIR}/{name}.html")).unwrap();
        let (inner, wrapped) = inner_and_wrapped(&page);
        let mut opts = HighlightOptions::default();
        opts.apply_code_block(options, 0).unwrap();
        let got = render(
            (*lang == "go").then_some(&tokens[..]),
            &code,
            lang,
            Some(attributes),
            &opts,
        )
        .unwrap();
        assert_eq!(got.html, wrapped, "{name}");
        assert_eq!(&got.html[got.inner.clone()], inner, "{name}");
    }
}

#[test]
fn matches_hugo_transform_highlight_with_a_map() {
    let t = |ty: i16, v: &str| Token {
        ty: TokenType(ty),
        value: v.to_owned(),
    };
    // What Chroma's Go lexer makes of "x := 1\n".
    let tokens = [
        t(2011, "x"),
        t(8001, " "),
        t(4000, ":="),
        t(8001, " "),
        t(3204, "1"),
        t(8001, "\n"),
    ];
    let expected = fs::read_to_string(format!("{DIR}/inner-map.html")).unwrap();
    let mut opts = HighlightOptions::default();
    let (mut lang, mut code) = ("go".to_owned(), "x := 1\n".to_owned());
    opts.apply_map(
        &[
            ("lineNos".into(), OptionValue::String("inline".into())),
            ("linenostart".into(), OptionValue::Int(5)),
            ("hl_lines".into(), OptionValue::String("1".into())),
            ("noClasses".into(), OptionValue::Bool(false)),
            ("anchorLineNos".into(), OptionValue::Bool(true)),
        ],
        &mut lang,
        &mut code,
    )
    .unwrap();
    let got = render(Some(&tokens), &code, &lang, None, &opts).unwrap();
    assert_eq!(got.html, expected);
}

#[test]
fn never_panics_on_odd_input() {
    let t = |ty: i16, v: &str| Token {
        ty: TokenType(ty),
        value: v.to_owned(),
    };
    let token_sets: Vec<Vec<Token>> = vec![
        vec![],
        vec![t(8000, "")],
        vec![
            t(-14, "\n\n\n"),
            t(0, "é\u{0}<"),
            t(i16::MAX, "x"),
            t(i16::MIN, "\r\n"),
        ],
        vec![t(3108, &"\"".repeat(20_000))],
    ];
    let option_strings = [
        "",
        ",",
        "=",
        "linenos=table,hl_lines=9223372036854775807-1 -5 0,linenostart=-9223372036854775808",
        "linenostart=9223372036854775807,linenos=inline,anchorlinenos=1,lineanchors=<\"x\">",
        "tabwidth=-3,style=,noclasses=t,hl_inline=T",
        "hl_lines=3-1 2-2 1-9 0,linenos=table,style=github",
        "linenos=nope",
    ];
    for s in option_strings {
        for noclasses in [true, false] {
            let mut opts = HighlightOptions {
                no_classes: noclasses,
                ..HighlightOptions::default()
            };
            let (mut lang, mut code) = ("<go>".to_owned(), "a\nb".to_owned());
            if opts.apply_string(s, &mut lang, &mut code).is_err() {
                continue;
            }
            for tokens in &token_sets {
                let _ = render(Some(tokens), &code, &lang, Some(&[]), &opts);
                let _ = render(None, &code, &lang, None, &opts);
            }
        }
    }
    let mut opts = HighlightOptions::default();
    opts.apply_code_block(
        &[
            ("linenostart".into(), OptionValue::Float(f64::NAN)),
            (
                "hl_lines".into(),
                // `hl_lines=[1e300,-1e300]`: Go's int() of each, minus one.
                OptionValue::Ranges(vec![(i64::MAX - 1, i64::MAX - 1), (i64::MAX, i64::MAX)]),
            ),
            ("linenos".into(), OptionValue::String("inline".into())),
        ],
        usize::MAX,
    )
    .unwrap();
    let _ = render(Some(&token_sets[2]), "", "go", None, &opts);
}

#[test]
fn matches_hugo_attributes_and_empty_blocks() {
    let expected = fs::read_to_string(format!("{DIR}/edge.html")).unwrap();
    let attr = |n: &str, v: &str| Attribute {
        name: n.into(),
        value: v.into(),
    };
    // Goldmark's attributes as Hugo passes them on: classes merged, strings escaped, in order.
    let attributes = [
        attr("data-x", "a&lt;b&gt;&amp;c"),
        attr("class", "a b"),
        attr("data-n", "5"),
        attr("data-t", "true"),
        attr("id", "i1"),
    ];
    let x = [
        Token {
            ty: TokenType(2011),
            value: "x".into(),
        },
        Token {
            ty: TokenType(8001),
            value: "\n".into(),
        },
    ];
    let table = || {
        let mut o = HighlightOptions::default();
        o.apply_code_block(
            &[("linenos".into(), OptionValue::String("table".into()))],
            0,
        )
        .unwrap();
        o
    };
    let with = |k: &str, v: OptionValue, ordinal: usize| {
        let mut o = HighlightOptions::default();
        o.apply_code_block(&[(k.into(), v)], ordinal).unwrap();
        o
    };
    let mut got = render(Some(&x), "x\n", "go", Some(&attributes), &table())
        .unwrap()
        .html;
    got += &render(
        Some(&[]),
        "",
        "go",
        Some(&[]),
        &with("style", OptionValue::String("monokai".into()), 1),
    )
    .unwrap()
    .html;
    got += &render(
        Some(&[]),
        "",
        "go",
        Some(&[]),
        &with("linenos", OptionValue::String("inline".into()), 2),
    )
    .unwrap()
    .html;
    got += &render(
        None,
        "",
        "nosuch",
        Some(&[]),
        &with("style", OptionValue::String("monokai".into()), 3),
    )
    .unwrap()
    .html;
    got += &render(
        Some(&[]),
        "",
        "go",
        Some(&[]),
        &with("hl_inline", OptionValue::Bool(true), 4),
    )
    .unwrap()
    .html;
    assert_eq!(got, expected);
}

#[test]
fn large_blocks_stay_linear() {
    // 100k lines, 50k highlighted ranges all behind the cursor's reach, one-character tokens.
    let tokens: Vec<Token> = (0..100_000)
        .flat_map(|i| {
            [
                Token {
                    ty: TokenType(2011),
                    value: "x".into(),
                },
                Token {
                    ty: TokenType(8001),
                    value: format!("{i}\n"),
                },
            ]
        })
        .collect();
    let hl: String = (0..50_000).map(|i| format!("{} ", 50_000 - i)).collect();
    let mut opts = HighlightOptions::default();
    let (mut lang, mut code) = ("go".to_owned(), String::new());
    opts.apply_string(
        &format!("linenos=table,hl_lines={hl}"),
        &mut lang,
        &mut code,
    )
    .unwrap();
    let start = std::time::Instant::now();
    let got = render(Some(&tokens), "", "go", None, &opts).unwrap();
    assert!(got.html.len() > 1_000_000);
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}
