use super::*;

fn lex(lang: &str, code: &str) -> Vec<(String, String)> {
    let registry = registry();
    let id = registry
        .get(lang)
        .unwrap_or_else(|| panic!("no lexer for {lang}"));
    coalesce(registry.tokenise(id, code).unwrap())
        .into_iter()
        .map(|t| (t.ty.name().to_string(), t.value))
        .collect()
}

#[test]
fn every_lexer_compiles() {
    let registry = registry();
    let mut failures = Vec::new();
    for (i, entry) in registry.entries.iter().enumerate() {
        if matches!(entry.source, Source::Delegating { .. }) {
            continue;
        }
        if let Err(e) = registry.compiled(i) {
            failures.push(e);
        }
    }
    assert!(
        failures.is_empty(),
        "{} lexers fail to compile:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn lookup_by_name_alias_and_extension() {
    let r = registry();
    assert_eq!(r.name(r.get("go").unwrap()), "Go");
    assert_eq!(r.name(r.get("Go").unwrap()), "Go");
    assert_eq!(r.name(r.get("golang").unwrap()), "Go");
    assert_eq!(r.name(r.get("py").unwrap()), "Python");
    assert_eq!(r.name(r.get("rs").unwrap()), "Rust");
    assert_eq!(
        r.name(r.get("go-html-template").unwrap()),
        "Go HTML Template"
    );
    assert_eq!(r.name(r.get("sh").unwrap()), "Bash");
    assert!(r.get("no-such-language").is_none());
    // Registered by Chroma's Go code.
    assert_eq!(r.name(r.get("caddy").unwrap()), "Caddyfile");
    assert_eq!(r.name(r.get("rst").unwrap()), "reStructuredText");
    assert_eq!(r.name(r.get("ansible").unwrap()), "YAML+Jinja");
    assert_eq!(r.name(r.get("html+erb").unwrap()), "ERB");
    // `*.ts`: TypeScript (priority unset, counted as 1) over TypoScript (0.1).
    assert_eq!(r.name(r.get("filename.ts").unwrap()), "TypeScript");
}

#[test]
fn http_bodies_are_lexed_by_their_content_type() {
    let tokens = lex(
        "http",
        "HTTP/1.1 200 OK\nContent-Type: application/json; charset=utf-8\n\n{\"a\": 1}\n",
    );
    assert!(
        tokens.contains(&("NameTag".to_string(), "\"a\"".to_string())),
        "the JSON body should be lexed as JSON: {tokens:?}"
    );
    let plain = lex("http", "HTTP/1.1 200 OK\nContent-Type: x/unknown\n\nbody\n");
    assert!(
        plain.last() == Some(&("Text".to_string(), "\n\nbody\n".to_string())),
        "a body of an unknown type should be plain text: {plain:?}"
    );
}

#[test]
fn haxe_preprocessor_branches_restore_the_stack() {
    let tokens = lex("haxe", "#if js\nvar a = 1;\n#else\nvar b = 2;\n#end\n");
    assert!(
        !tokens.iter().any(|(ty, _)| ty == "Error"),
        "no error tokens: {tokens:?}"
    );
}

#[test]
fn go_tokens_as_chroma_gives_them() {
    let tokens = lex(
        "go",
        "package main\n\nfunc main() {\n\tfmt.Println(\"hi\", 42)\n}\n",
    );
    let expected = [
        ("KeywordNamespace", "package"),
        ("TextWhitespace", " "),
        ("NameOther", "main"),
        ("TextWhitespace", "\n\n"),
        ("KeywordDeclaration", "func"),
        ("TextWhitespace", " "),
        ("NameFunction", "main"),
        ("Punctuation", "()"),
        ("TextWhitespace", " "),
        ("Punctuation", "{"),
        ("TextWhitespace", "\n\t"),
        ("NameOther", "fmt"),
        ("Punctuation", "."),
        ("NameFunction", "Println"),
        ("Punctuation", "("),
        ("LiteralString", "\"hi\""),
        ("Punctuation", ","),
        ("TextWhitespace", " "),
        ("LiteralNumberInteger", "42"),
        ("Punctuation", ")"),
        ("TextWhitespace", "\n"),
        ("Punctuation", "}"),
        ("TextWhitespace", "\n"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(tokens, expected);
}

#[test]
fn globs() {
    assert!(glob_match("*.go", "filename.go"));
    assert!(glob_match("*.php[345]", "x.php5"));
    assert!(!glob_match("*.php[345]", "x.php6"));
    assert!(glob_match("Makefile.*", "Makefile.am"));
    assert!(!glob_match("*.go", "filename.gox"));
}

#[test]
fn analysers_guess_as_chroma_does() {
    let r = registry();
    let guess = |code: &str| r.analyse(code).map(|id| r.name(id));
    assert_eq!(guess("#!/bin/bash\necho hi\n"), Some("Bash"));
    assert_eq!(
        guess("package main\n\nimport \"fmt\"\nfunc main() { fmt.Println() }\n"),
        Some("Go")
    );
    assert_eq!(
        guess("#include <stdio.h>\nint main(void) { return 0; }\n"),
        Some("C")
    );
    // Chroma's ERB analyser sits inside its delegating lexer and never runs (Hugo: fallback).
    assert_eq!(guess("<%= x %>"), None);
    assert_eq!(guess("SELECT `id` FROM `users`;\n"), Some("MySQL"));
    assert_eq!(guess("SELECT `a`, [b], [c] FROM t;\n"), Some("MySQL"));
    assert_eq!(
        guess("@ IN SOA ns.example. admin.example. 1 2 3 4 5\n"),
        Some("dns")
    );
    assert_eq!(guess("just some words\n"), None);
}

#[test]
fn svelte_braces_outside_script_are_templates_however_long_the_text() {
    // Chroma's look-arounds for `{` scan the whole text; here they are a guard (rules.rs), so a
    // long text neither takes quadratic time nor loses its templates to the backtracking limit.
    let code = "{ x } ".repeat(12_000);
    let tokens = lex("svelte", &code);
    let braces = tokens
        .iter()
        .filter(|(ty, value)| ty == "Punctuation" && value == "{")
        .count();
    assert_eq!(braces, 12_000, "every `{{` should open a template");
}

/// The best of three times to lex each of `codes`, the runs interleaved (so that load on the
/// machine falls on all alike).
fn lex_times(lang: &str, codes: &[&str]) -> Vec<f64> {
    let registry = registry();
    let id = registry.get(lang).unwrap();
    let mut best = vec![f64::MAX; codes.len()];
    for _ in 0..3 {
        for (code, best) in codes.iter().zip(&mut best) {
            let start = std::time::Instant::now();
            registry.tokenise(id, code).unwrap();
            *best = best.min(start.elapsed().as_secs_f64());
        }
    }
    best
}

/// Lexing grows linearly from 2 KB to 40 KB: about 20x; quadratic work grows 400x (more with
/// caches outgrown). Other tests and the machine's load can slow one run: a growth over 150x
/// fails only if it is seen three times.
fn assert_linear(lang: &str, prefix: &str, unit: &str) {
    let text = |size: usize| format!("{prefix}{}", unit.repeat(size / unit.len()));
    let (small, large) = (text(2_000), text(40_000));
    let mut seen = Vec::new();
    for _ in 0..3 {
        let times = lex_times(lang, &[&small, &large]);
        if times[1] < 150.0 * times[0].max(0.000_5) {
            return;
        }
        seen.push(format!("{:.4} s / {:.4} s", times[0], times[1]));
    }
    panic!(
        "{lang} {prefix:?}{unit:?} should grow linearly from 2 KB to 40 KB: {}",
        seen.join(", ")
    );
}

#[test]
fn text_that_never_closes_a_lookahead_takes_linear_time() {
    // HTML's `.+?(?=</script>)` (rules.rs, `LazyUntil`) and QBasic's `(?=[^"]*)` scanned the
    // rest of the text at every position where nothing closed: 10 KB took 1.4 s, 100 KB 180 s.
    assert_linear("html", "<script>", "var a = 1; ");
    assert_linear("html", "<style>", "a { color: red } ");
    assert_linear("html", "", "<script>var a;\n");
    assert_linear("qbasic", "", "x = 1 ");
}

#[test]
fn raku_brackets_nested_deep_or_left_open_take_linear_time() {
    // raku.go searches the rest of the text for every bracket it counts; here each search is
    // remembered (raku.rs, `Context::find_from`), and values are lexed again at most
    // `MAX_NESTING` deep.
    assert_linear("raku", "", ":a(");
    assert_linear("raku", "q{", "{");
    assert_linear("raku", "", "=begin x\n");
    assert_linear("raku", "", "say \"{ q{x} }\"; ");
}

#[test]
fn a_script_closed_far_ahead_is_still_javascript() {
    // Found by searching for the closing tag, not by a lazy pattern's backtracking (whose
    // limit gave up before 200 KB).
    let code = format!("<script>{}</script>\n", "var a = 1;\n".repeat(20_000));
    let tokens = lex("html", &code);
    assert_eq!(tokens[3], ("KeywordDeclaration".into(), "var".into()));
    assert!(!tokens.iter().any(|(ty, _)| ty == "Error"), "no errors");
}

#[test]
fn an_unclosed_script_is_lexed_as_chroma_lexes_it() {
    // Chroma: no `</script>` ahead, so each character up to the newline is an error, and the
    // newline resets the stack to HTML's root.
    let tokens = lex("html", "<script>a<\n<b>\n");
    let expected: Vec<(String, String)> = [
        ("Punctuation", "<"),
        ("NameTag", "script"),
        ("Punctuation", ">"),
        ("Error", "a<"),
        ("Text", "\n"),
        ("Punctuation", "<"),
        ("NameTag", "b"),
        ("Punctuation", ">"),
        ("Text", "\n"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(tokens, expected);
}

#[test]
fn raku_matches_brackets_and_replaces_rules_as_chroma_does() {
    // Hugo 0.168's classes for the same text: a closure in a string holding a nested quote,
    // mirrored brackets nesting in `Q[…]`, pod formatters nesting in a pod block.
    let tokens = lex(
        "raku",
        "say \"a {$x ~ q{b {c}}} d\";\nmy $s = Q[x [y] z];\n=begin pod\nB<bold I<it>> C<code>\n=end pod\n",
    );
    let classes: Vec<(&str, &str)> = tokens
        .iter()
        .map(|(ty, value)| (TokenType::from_name(ty).unwrap().class(), value.as_str()))
        .collect();
    let expected = [
        ("nb", "say"),
        ("", " "),
        ("p", "\""),
        ("s2", "a "),
        ("p", "{"),
        ("nv", "$x"),
        ("", " "),
        ("o", "~"),
        ("", " "),
        ("k", "q"),
        ("p", "{"),
        ("s", "b {c}"),
        ("p", "}}"),
        ("s2", " d"),
        ("p", "\";"),
        ("", "\n"),
        ("k", "my"),
        ("", " "),
        ("nv", "$s"),
        ("", " "),
        ("o", "="),
        ("", " "),
        ("k", "Q"),
        ("p", "["),
        ("s", "x [y] z"),
        ("p", "];"),
        ("", "\n"),
        ("k", "=begin"),
        ("sd", " "),
        ("k", "pod"),
        ("sd", "\n"),
        ("k", "B"),
        ("p", "<"),
        ("gs", "bold "),
        ("k", "I"),
        ("p", "<"),
        ("ge", "it"),
        ("p", ">>"),
        ("sd", " "),
        ("k", "C"),
        ("p", "<"),
        ("sx", "code"),
        ("p", ">"),
        ("sd", "\n"),
        ("k", "=end pod"),
        ("", "\n"),
    ];
    let expected: Vec<(&str, String)> = expected
        .iter()
        .map(|(class, text)| (*class, text.to_string()))
        .collect();
    assert_eq!(coalesced_classes(&classes), expected);
}

/// Adjacent tokens of one class joined, as Chroma's HTML shows them.
fn coalesced_classes<'a>(tokens: &[(&'a str, &'a str)]) -> Vec<(&'a str, String)> {
    let mut out: Vec<(&str, String)> = Vec::new();
    for (class, value) in tokens {
        match out.last_mut() {
            Some((last, text)) if last == class => text.push_str(value),
            _ => out.push((class, value.to_string())),
        }
    }
    out
}

#[test]
fn fish_without_a_closing_bracket_takes_linear_time() {
    // Fish's `(?<=\[[^\]]+)\.\.` (tried at every position) ran its lookbehind back to the
    // text's start where no `]` came before: 100 KB took 5 s. A lookahead of `\.\.` in front
    // (rules.rs, `check_after_lookbehind_first`) makes it fail at once elsewhere.
    assert_linear("fish", "", "echo abc\n");
    assert_linear("fish", "", "echo 'a\n");
    assert_linear("fish", "", "echo {a,b ");
    assert_linear("fish", "", "echo $(ls ");
}

#[test]
fn fish_ranges_in_brackets_are_still_operators() {
    let tokens = lex("fish", "echo $x[1..2]\n");
    assert!(
        tokens.contains(&("Operator".into(), "..".into())),
        "{tokens:?}"
    );
}
