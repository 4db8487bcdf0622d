//! The template function library, called through `funcs::lookup` as the executor calls it:
//! arguments already evaluated, a piped value last.
#![allow(clippy::disallowed_methods)] // tests may sort (the rule is the core .wasm's size)

use hugo_preview::diagnostic::Severity;
use hugo_preview::shortcode::templates::PageHost;
use hugo_preview::site::SiteConfig;
use hugo_preview::template::funcs::{lookup, names, FuncContext};
use hugo_preview::template::{SafeKind, Value};
use std::collections::BTreeMap;

fn render_markdown(text: &str, block: bool) -> String {
    if block {
        format!("<p>{text}</p>\n")
    } else {
        text.replace("**", "<strong>")
    }
}

/// Calls `name` with `args` against a site at `base_url`; returns the result and the
/// problems reported.
fn call_with(
    name: &str,
    args: &[Value],
    base_url: &str,
    i18n: &BTreeMap<String, Value>,
) -> (Result<Value, String>, Vec<(Severity, String)>) {
    let f = lookup(name).unwrap_or_else(|| panic!("{name} should be defined"));
    let site = SiteConfig {
        base_url: base_url.to_string(),
        ..SiteConfig::default()
    };
    let pages = BTreeMap::new();
    let highlighter = hugo_preview::highlight::Highlighter::new(
        Default::default(),
        hugo_preview::highlight::Highlighter::native_backend(),
    );
    let resources = Default::default();
    let host = PageHost {
        site: &site,
        resources: &resources,
        pages: &pages,
        page_path: None,
        render_markdown: &render_markdown,
        highlighter: Some(&highlighter),
        math: None,
        other_content: &hugo_preview::shortcode::call::no_other_content,
    };
    let mut ctx = FuncContext {
        host: &host,
        i18n,
        problems: Vec::new(),
        site_object: None,
        page_object: None,
        impure: Default::default(),
    };
    let result = f(&mut ctx, args);
    (result, ctx.problems)
}

fn call(name: &str, args: &[Value]) -> Result<Value, String> {
    call_with(name, args, "", &BTreeMap::new()).0
}

fn ok(name: &str, args: &[Value]) -> Value {
    call(name, args).unwrap_or_else(|e| panic!("{name} {args:?} should succeed, got {e}"))
}

fn err(name: &str, args: &[Value]) -> String {
    match call(name, args) {
        Err(e) => e,
        Ok(v) => panic!("{name} {args:?} should fail, got {v:?}"),
    }
}

fn s(text: &str) -> Value {
    Value::from(text)
}

fn i(n: i64) -> Value {
    Value::int(n)
}

fn f(x: f64) -> Value {
    Value::Float(x)
}

fn html(text: &str) -> Value {
    Value::safe(SafeKind::Html, text)
}

fn list(items: Vec<Value>) -> Value {
    Value::list(items).expect("a shallow list")
}

fn map(pairs: &[(&str, Value)]) -> Value {
    Value::map(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
    )
    .expect("a shallow map")
}

fn text(v: Value) -> String {
    v.as_str()
        .unwrap_or_else(|| panic!("{v:?} should be a string"))
        .to_string()
}

fn t(b: bool) -> Value {
    Value::Bool(b)
}

// --- Go builtins -----------------------------------------------------------------------

#[test]
fn not_negates_go_truth() {
    assert_eq!(ok("not", &[s("")]), t(true));
    assert_eq!(ok("not", &[i(0)]), t(true));
    assert_eq!(ok("not", &[list(vec![i(1)])]), t(false));
    assert_eq!(
        err("not", &[]),
        "wrong number of args for not: want 1 got 0"
    );
}

#[test]
fn len_counts_bytes_items_and_keys() {
    assert_eq!(ok("len", &[s("héllo")]), i(6), "bytes, as Go");
    assert_eq!(ok("len", &[list(vec![i(1), i(2)])]), i(2));
    assert_eq!(ok("len", &[map(&[("a", i(1))])]), i(1));
    assert_eq!(err("len", &[i(3)]), "len of type int");
    assert_eq!(err("len", &[Value::Nil]), "len of nil pointer");
}

#[test]
fn index_steps_into_lists_and_maps() {
    let data = map(&[("a", list(vec![s("x"), map(&[("b", i(7))])]))]);
    assert_eq!(ok("index", &[data.clone(), s("a"), i(1), s("b")]), i(7));
    assert_eq!(
        ok("index", &[data.clone(), list(vec![s("a"), i(0)])]),
        s("x"),
        "a list of keys works as Hugo's collections.Index"
    );
    assert_eq!(ok("index", &[data.clone(), s("missing")]), Value::Nil);
    assert_eq!(
        ok("index", &[list(vec![i(1)]), i(5)]),
        Value::Nil,
        "out of range is nil in Hugo (0.168: `index (slice 1) 5`), not Go's error"
    );
    assert_eq!(ok("index", &[s("abc"), i(1)]), i(98), "a byte, as Go");
    assert_eq!(ok("collections.Index", &[data, s("A"), i(0)]), s("x"));
}

/// Hugo 0.168: `[{{ index nil "a" }}] [{{ index nil 0 }}] [{{ index (dict "a" nil) "a" "b" }}]
/// [{{ index (dict "a" (dict "b" nil)) "a" "b" "c" }}] [{{ index nil }}]` prints `[] [] [] [] []`.
#[test]
fn index_of_nil_is_nil() {
    assert_eq!(ok("index", &[Value::Nil, s("a")]), Value::Nil);
    assert_eq!(ok("index", &[Value::Nil, i(0)]), Value::Nil);
    assert_eq!(ok("index", &[Value::Nil]), Value::Nil);
    let nested = map(&[("a", map(&[("b", Value::Nil)]))]);
    assert_eq!(
        ok("index", &[nested, s("a"), s("b"), s("c")]),
        Value::Nil,
        "a nil on the way ends the walk"
    );
    assert_eq!(
        ok("index", &[map(&[("a", Value::Nil)]), s("a"), i(3)]),
        Value::Nil
    );
}

#[test]
fn html_js_and_urlquery_escape_as_go() {
    assert_eq!(
        text(ok("html", &[s(r#"<a href="x">'&'</a>"#)])),
        "&lt;a href=&#34;x&#34;&gt;&#39;&amp;&#39;&lt;/a&gt;"
    );
    assert_eq!(
        text(ok("js", &[s("it's <b>\"x\"</b> & =")])),
        r#"it\'s \u003Cb\u003E\"x\"\u003C/b\u003E \u0026 \u003D"#
    );
    assert_eq!(
        text(ok("urlquery", &[s("a b&c=d/é")])),
        "a+b%26c%3Dd%2F%C3%A9"
    );
    assert_eq!(
        text(ok("urlquery", &[i(1), i(2)])),
        "1+2",
        "Sprint of the args"
    );
}

#[test]
fn call_is_unsupported() {
    assert!(err("call", &[s("x")]).contains("not supported"));
}

// --- fmt -------------------------------------------------------------------------------

#[test]
fn print_spaces_operands_that_are_not_strings() {
    assert_eq!(text(ok("print", &[s("a"), s("b")])), "ab");
    assert_eq!(text(ok("print", &[i(1), i(2)])), "1 2");
    assert_eq!(text(ok("print", &[s("a"), i(1), i(2), s("b")])), "a1 2b");
    assert_eq!(text(ok("println", &[s("a"), i(1)])), "a 1\n");
    assert_eq!(
        text(ok("print", &[list(vec![s("a"), i(1)]), Value::Nil])),
        "[a 1] <nil>"
    );
}

#[test]
fn printf_formats_the_common_verbs() {
    let cases: &[(&str, Vec<Value>, &str)] = &[
        ("%s-%v", vec![s("a"), i(5)], "a-5"),
        ("%d items", vec![i(42)], "42 items"),
        (
            "%5d|%-5d|%05d",
            vec![i(42), i(42), i(-42)],
            "   42|42   |-0042",
        ),
        ("%+d % d", vec![i(5), i(5)], "+5  5"),
        ("%q", vec![s("he said \"hi\"\n")], r#""he said \"hi\"\n""#),
        ("%f", vec![f(4.56789)], "4.567890"),
        ("%.2f", vec![f(4.56789)], "4.57"),
        ("%8.3f|", vec![f(-4.56789)], "  -4.568|"),
        (
            "%x %X %o %b",
            vec![i(255), i(255), i(8), i(5)],
            "ff FF 10 101",
        ),
        ("%#x", vec![i(255)], "0xff"),
        ("%x", vec![s("hi")], "6869"),
        ("%t", vec![t(true)], "true"),
        ("100%%", vec![], "100%"),
        ("%-5s|%5s|", vec![s("ab"), s("cd")], "ab   |   cd|"),
        ("%.2s", vec![s("héllo")], "hé"),
        ("%c", vec![i(0x263A)], "☺"),
        ("%U", vec![i(0x263A)], "U+263A"),
        ("%e", vec![f(1234.5678)], "1.234568e+03"),
        ("%g", vec![f(0.000012)], "1.2e-05"),
        ("%v", vec![f(1e6)], "1e+06"),
        ("%v", vec![f(123456.0)], "123456"),
        ("%v", vec![f(1.5)], "1.5"),
        ("%.3g", vec![f(4.56789)], "4.57"),
        ("%T %T", vec![s("x"), html("y")], "string template.HTML"),
        ("%v", vec![list(vec![i(1), s("a")])], "[1 a]"),
        ("%d", vec![list(vec![i(1), i(2)])], "[1 2]"),
        ("%v", vec![map(&[("b", i(2)), ("a", i(1))])], "map[a:1 b:2]"),
        ("%*d", vec![i(4), i(7)], "   7"),
        // Go's hex floats (strconv 'x'), checked against Hugo 0.168.
        (
            "%x %X %x",
            vec![f(4.0), f(2.5), f(0.1)],
            "0x1p+02 0X1.4P+01 0x1.999999999999ap-04",
        ),
        (
            "%x %x %.2x",
            vec![f(-3.75), f(0.0), f(1.999)],
            "-0x1.ep+01 0x0p+00 0x1.00p+01",
        ),
        (
            "%.0x %x %x",
            vec![f(1.5), f(1e300), f(5e-324)],
            "0x1p+01 0x1.7e43c8800759cp+996 0x1p-1074",
        ),
        (
            "%10x|%-12x|%+x",
            vec![f(1.0), f(1.0), f(1.0)],
            "   0x1p+00|0x1p+00     |+0x1p+00",
        ),
        ("%s", vec![html("<b>")], "<b>"),
    ];
    for (format, args, want) in cases {
        let mut all = vec![s(format)];
        all.extend(args.iter().cloned());
        assert_eq!(
            text(ok("printf", &all)),
            *want,
            "printf {format:?} {args:?}"
        );
    }
}

#[test]
fn printf_reports_bad_verbs_in_band_as_go() {
    assert_eq!(text(ok("printf", &[s("%d"), s("x")])), "%!d(string=x)");
    assert_eq!(text(ok("printf", &[s("%s"), i(5)])), "%!s(int=5)");
    assert_eq!(text(ok("printf", &[s("%d"), f(1.5)])), "%!d(float64=1.5)");
    assert_eq!(text(ok("printf", &[s("%s"), Value::Nil])), "%!s(<nil>)");
    assert_eq!(text(ok("printf", &[s("%d %d"), i(1)])), "1 %!d(MISSING)");
    assert_eq!(
        text(ok("printf", &[s("%d"), i(1), s("x"), i(2)])),
        "1%!(EXTRA string=x, int=2)"
    );
    assert_eq!(text(ok("printf", &[s("50%")])), "50%!(NOVERB)");
    assert_eq!(
        err("printf", &[]),
        "wrong number of args for printf: want at least 1 got 0"
    );
}

#[test]
fn errorf_and_warnf_report_and_print_nothing() {
    let i18n = BTreeMap::new();
    let (result, problems) = call_with("errorf", &[s("bad %s"), s("x")], "", &i18n);
    assert_eq!(result, Ok(s("")));
    assert_eq!(problems, vec![(Severity::Error, "bad x".to_string())]);
    let (_, problems) = call_with("warnf", &[s("careful %d"), i(3)], "", &i18n);
    assert_eq!(problems, vec![(Severity::Warning, "careful 3".to_string())]);
    let (_, problems) = call_with("warnidf", &[s("my-id"), s("w %s"), s("y")], "", &i18n);
    assert!(problems[0].1.starts_with("w y\n"));
    assert!(problems[0].1.contains("ignoreLogs = ['my-id']"));
    let (_, problems) = call_with("erroridf", &[s("e-id"), s("e")], "", &i18n);
    assert_eq!(problems[0].0, Severity::Error);
}

// --- compare ---------------------------------------------------------------------------

#[test]
fn eq_compares_like_hugo() {
    assert_eq!(ok("eq", &[i(1), i(1)]), t(true));
    assert_eq!(ok("eq", &[i(1), i(2), i(1)]), t(true), "any of the others");
    assert_eq!(
        ok("eq", &[s("a"), html("a")]),
        t(true),
        "string kinds are strings"
    );
    assert_eq!(
        ok("eq", &[i(1), f(1.0)]),
        t(true),
        "numbers compare by value across int and float (Hugo 0.168)"
    );
    assert_eq!(ok("ne", &[i(2), f(2.0)]), t(false));
    assert_eq!(
        ok("eq", &[list(vec![i(1)]), list(vec![f(1.0)])]),
        t(false),
        "lists are still compared deeply, kinds and all"
    );
    assert_eq!(ok("eq", &[i(1), s("1")]), t(false));
    assert_eq!(ok("eq", &[Value::Nil, Value::Nil]), t(true));
    assert_eq!(ok("eq", &[Value::Nil, s("")]), t(false));
    assert_eq!(
        ok("eq", &[list(vec![i(1)]), list(vec![i(1)])]),
        t(true),
        "deep equality"
    );
    assert_eq!(ok("ne", &[i(1), i(2), i(3)]), t(true));
    assert_eq!(ok("ne", &[i(1), i(2), i(1)]), t(false));
    assert_eq!(err("eq", &[i(1)]), "missing arguments for comparison");
}

#[test]
fn ordering_compares_numbers_across_kinds_and_strings_as_strings() {
    assert_eq!(ok("lt", &[i(1), f(1.5)]), t(true));
    assert_eq!(ok("le", &[f(2.0), i(2)]), t(true));
    assert_eq!(ok("gt", &[s("b"), s("a")]), t(true));
    assert_eq!(
        ok("lt", &[s("10"), s("9")]),
        t(true),
        "two strings compare as strings, even numeric ones (Hugo 0.168)"
    );
    assert_eq!(ok("lt", &[s("10"), i(9)]), t(false));
    assert_eq!(
        ok("lt", &[s("abc"), i(1)]),
        t(true),
        "a non-numeric string counts as 0"
    );
    assert_eq!(
        ok("ge", &[list(vec![i(1), i(2)]), i(2)]),
        t(true),
        "lists by length"
    );
    assert_eq!(ok("lt", &[i(1), i(2), i(3)]), t(true));
    assert_eq!(
        ok("lt", &[i(1), i(2), i(0)]),
        t(false),
        "against every other"
    );
    assert_eq!(ok("gt", &[f(f64::NAN), i(0)]), t(false));
    assert_eq!(err("ge", &[i(1)]), "missing arguments for comparison");
}

/// Hugo 0.168's outputs for numbers beyond float64's exact integers: no side is rounded.
#[test]
fn numbers_compare_by_exact_value_across_int_and_float() {
    let big = i(9_007_199_254_740_993); // 2^53 + 1: no float64 holds it
    let near = f(9_007_199_254_740_992.0); // 2^53
    assert_eq!(ok("eq", &[big.clone(), near.clone()]), t(false));
    assert_eq!(ok("eq", &[near.clone(), big.clone()]), t(false));
    assert_eq!(ok("lt", &[near.clone(), big.clone()]), t(true));
    assert_eq!(ok("gt", &[big.clone(), i(9_007_199_254_740_992)]), t(true));
    assert_eq!(ok("le", &[big.clone(), i(9_007_199_254_740_992)]), t(false));
    assert_eq!(ok("eq", &[i(1), f(1.5)]), t(false));
    assert_eq!(ok("lt", &[f(1.0), i(1)]), t(false));
    assert_eq!(ok("ge", &[i(1), f(1.0)]), t(true));
    assert_eq!(ok("eq", &[f(-0.0), i(0)]), t(true));
    assert_eq!(ok("in", &[list(vec![big.clone()]), near.clone()]), t(false));
    assert_eq!(
        ok(
            "uniq",
            &[list(vec![big.clone(), near.clone(), i(1), f(1.0)])]
        ),
        list(vec![big.clone(), near.clone(), i(1)])
    );
    assert_eq!(
        ok("intersect", &[list(vec![big.clone()]), list(vec![near])]),
        list(vec![])
    );
}

#[test]
fn default_uses_the_given_value_only_when_set() {
    assert_eq!(ok("default", &[s("d"), s("given")]), s("given"));
    assert_eq!(ok("default", &[s("d"), s("")]), s("d"));
    assert_eq!(ok("default", &[s("d"), i(0)]), s("d"));
    assert_eq!(ok("default", &[s("d"), f(0.0)]), s("d"));
    assert_eq!(ok("default", &[s("d"), Value::Nil]), s("d"));
    assert_eq!(ok("default", &[s("d"), list(vec![])]), s("d"));
    assert_eq!(
        ok("default", &[s("d"), t(false)]),
        t(false),
        "any boolean is set"
    );
    assert_eq!(ok("default", &[s("d")]), s("d"), "nothing piped");
    assert_eq!(
        err("default", &[s("a"), s("b"), s("c")]),
        "wrong number of args for default: want 2 got 3"
    );
}

#[test]
fn cond_picks_by_truth() {
    assert_eq!(ok("cond", &[t(true), s("a"), s("b")]), s("a"));
    assert_eq!(ok("cond", &[s(""), s("a"), s("b")]), s("b"));
    assert_eq!(ok("compare.Conditional", &[i(1), s("a"), s("b")]), s("a"));
}

// --- collections -----------------------------------------------------------------------

#[test]
fn dict_and_slice_build_collections() {
    assert_eq!(
        ok("dict", &[s("a"), i(1), s("b"), s("x")]),
        map(&[("a", i(1)), ("b", s("x"))])
    );
    assert_eq!(ok("dict", &[]), map(&[]));
    assert_eq!(err("dict", &[s("a")]), "invalid dictionary call");
    assert_eq!(
        err("dict", &[i(1), i(2)]),
        "dictionary keys must be strings"
    );
    assert_eq!(ok("slice", &[i(1), s("a")]), list(vec![i(1), s("a")]));
    assert_eq!(ok("slice", &[]), list(vec![]));
}

#[test]
fn append_adds_items_to_the_piped_list() {
    let base = list(vec![s("a")]);
    assert_eq!(
        ok("append", &[s("b"), s("c"), base.clone()]),
        list(vec![s("a"), s("b"), s("c")])
    );
    assert_eq!(
        ok("append", &[list(vec![s("b"), s("c")]), base.clone()]),
        list(vec![s("a"), s("b"), s("c")]),
        "a lone list is spread"
    );
    assert_eq!(ok("append", &[s("x"), Value::Nil]), list(vec![s("x")]));
    assert_eq!(
        err("append", &[base]),
        "need at least 2 arguments to append"
    );
    assert_eq!(
        err("append", &[s("x"), s("y")]),
        "expected a slice, got string"
    );
}

#[test]
fn merge_lets_later_maps_win_and_merges_nested_maps() {
    let defaults = map(&[("a", i(1)), ("n", map(&[("x", i(1)), ("y", i(1))]))]);
    let overrides = map(&[("a", i(2)), ("n", map(&[("y", i(2))]))]);
    assert_eq!(
        ok("merge", &[defaults, overrides]),
        map(&[("a", i(2)), ("n", map(&[("x", i(1)), ("y", i(2))]))])
    );
    assert_eq!(
        err("merge", &[map(&[])]),
        "merge requires at least two parameters"
    );
    assert!(err("merge", &[i(1), map(&[])]).contains("expected a map"));
}

#[test]
fn first_last_and_after_take_parts_of_lists_and_strings() {
    let l = list(vec![i(1), i(2), i(3)]);
    assert_eq!(ok("first", &[i(2), l.clone()]), list(vec![i(1), i(2)]));
    assert_eq!(ok("first", &[i(10), l.clone()]), l);
    assert_eq!(ok("first", &[i(0), l.clone()]), list(vec![]));
    assert_eq!(ok("last", &[i(2), l.clone()]), list(vec![i(2), i(3)]));
    assert_eq!(ok("after", &[i(1), l.clone()]), list(vec![i(2), i(3)]));
    assert_eq!(ok("after", &[i(5), l.clone()]), list(vec![]));
    assert_eq!(ok("first", &[i(3), s("hello")]), s("hel"));
    assert_eq!(ok("first", &[s("2"), l.clone()]), list(vec![i(1), i(2)]));
    assert_eq!(
        err("first", &[i(-1), l.clone()]),
        "sequence length must be non-negative"
    );
    assert_eq!(
        err("first", &[Value::Nil, l.clone()]),
        "both limit and seq must be provided"
    );
    assert_eq!(err("last", &[i(1), i(5)]), "can't iterate over int");
}

#[test]
fn in_finds_items_and_substrings() {
    let l = list(vec![s("a"), i(2), f(3.5)]);
    assert_eq!(ok("in", &[l.clone(), s("a")]), t(true));
    assert_eq!(
        ok("in", &[l.clone(), f(2.0)]),
        t(true),
        "numbers across kinds"
    );
    assert_eq!(ok("in", &[l.clone(), s("2")]), t(false));
    assert_eq!(ok("in", &[s("hello"), s("ell")]), t(true));
    assert_eq!(ok("in", &[Value::Nil, s("a")]), t(false));
}

/// Hugo 0.168's outputs: outside a list, both sides are cast to strings; inside one, a
/// `template.HTML` is not a string.
#[test]
fn in_casts_a_non_list_collection_and_its_item_to_strings() {
    assert_eq!(ok("in", &[s("a1b"), i(1)]), t(true));
    assert_eq!(ok("in", &[s("a1.5b"), f(1.5)]), t(true));
    assert_eq!(ok("in", &[s("truex"), t(true)]), t(true));
    assert_eq!(ok("in", &[i(123), i(2)]), t(true));
    assert_eq!(ok("in", &[s("a"), Value::Nil]), t(false));
    assert_eq!(ok("in", &[list(vec![html("a")]), s("a")]), t(false));
    assert_eq!(
        ok("uniq", &[list(vec![html("a"), s("a")])]),
        list(vec![html("a"), s("a")])
    );
    assert_eq!(
        ok("intersect", &[list(vec![s("a")]), list(vec![html("a")])]),
        list(vec![s("a")]),
        "intersect matches string kinds"
    );
}

#[test]
fn isset_checks_keys_and_indexes() {
    let m = map(&[("Title", s("")), ("n", Value::Nil)]);
    assert_eq!(
        ok("isset", &[m.clone(), s("title")]),
        t(true),
        "case-insensitive"
    );
    assert_eq!(
        ok("isset", &[m.clone(), s("n")]),
        t(true),
        "present, even if nil"
    );
    assert_eq!(ok("isset", &[m.clone(), s("x")]), t(false));
    let l = list(vec![i(1)]);
    assert_eq!(ok("isset", &[l.clone(), i(0)]), t(true));
    assert_eq!(ok("isset", &[l.clone(), i(1)]), t(false));
    assert_eq!(ok("isset", &[l, s("0")]), t(false));
    assert_eq!(ok("isset", &[s("x"), s("x")]), t(false));
}

#[test]
fn seq_counts_like_gnu_seq() {
    let ints = |v: &[i64]| list(v.iter().map(|n| i(*n)).collect());
    assert_eq!(ok("seq", &[i(3)]), ints(&[1, 2, 3]));
    assert_eq!(ok("seq", &[i(-3)]), ints(&[-1, -2, -3]));
    assert_eq!(ok("seq", &[i(0)]), ints(&[]));
    assert_eq!(ok("seq", &[i(1), i(4)]), ints(&[1, 2, 3, 4]));
    assert_eq!(ok("seq", &[i(1), i(-2)]), ints(&[1, 0, -1, -2]));
    assert_eq!(ok("seq", &[i(1), i(2), i(6)]), ints(&[1, 3, 5]));
    assert_eq!(ok("seq", &[s("3")]), ints(&[1, 2, 3]));
    assert_eq!(err("seq", &[i(1), i(0), i(5)]), "'increment' must not be 0");
    assert_eq!(err("seq", &[i(1), i(-1), i(5)]), "'increment' must be > 0");
    assert_eq!(err("seq", &[i(5), i(1), i(1)]), "'increment' must be < 0");
    assert_eq!(err("seq", &[i(100_000)]), "size of result exceeds limit");
    assert_eq!(err("seq", &[]), "invalid number of arguments to Seq");
    assert_eq!(err("seq", &[s("x")]), "invalid arguments to Seq");
}

fn pages() -> Value {
    list(vec![
        map(&[
            ("title", s("A")),
            ("n", i(3)),
            ("tags", list(vec![s("go"), s("rust")])),
        ]),
        map(&[
            ("title", s("B")),
            ("n", i(1)),
            ("tags", list(vec![s("go")])),
        ]),
        map(&[
            ("title", s("C")),
            ("n", f(2.0)),
            ("Params", map(&[("draft", t(true))])),
        ]),
    ])
}

fn titles(v: Value) -> Vec<String> {
    match v {
        Value::List(items) => items
            .iter()
            .map(|m| match m {
                Value::Map(m) => text(m["title"].clone()),
                other => other.to_go_string(),
            })
            .collect(),
        other => panic!("{other:?} should be a list"),
    }
}

#[test]
fn where_filters_by_key_and_operator() {
    assert_eq!(titles(ok("where", &[pages(), s("title"), s("B")])), ["B"]);
    assert_eq!(
        titles(ok("where", &[pages(), s("n"), s(">="), i(2)])),
        ["A", "C"]
    );
    assert_eq!(
        titles(ok("where", &[pages(), s(".n"), s("lt"), f(2.5)])),
        ["B", "C"]
    );
    assert_eq!(
        titles(ok(
            "where",
            &[pages(), s("title"), s("in"), list(vec![s("A"), s("C")])]
        )),
        ["A", "C"]
    );
    assert_eq!(
        titles(ok(
            "where",
            &[pages(), s("title"), s("not in"), list(vec![s("A")])]
        )),
        ["B", "C"]
    );
    assert_eq!(
        titles(ok(
            "where",
            &[pages(), s("tags"), s("intersect"), list(vec![s("rust")])]
        )),
        ["A"]
    );
    assert_eq!(
        titles(ok("where", &[pages(), s("Params.draft"), s("!="), t(true)])),
        ["A", "B"],
        "a missing value is not equal to a set one"
    );
    assert_eq!(
        titles(ok("where", &[pages(), s("params.draft"), t(true)])),
        ["C"]
    );
    assert_eq!(
        titles(ok("where", &[pages(), s("title"), s("like"), s("^[AB]$")])),
        ["A", "B"]
    );
    assert_eq!(
        titles(ok("where", &[pages(), s("n"), s("ne"), Value::Nil])),
        ["A", "B", "C"]
    );
    assert_eq!(
        err("where", &[pages(), s("n"), s("~"), i(1)]),
        "no such operator"
    );
    assert_eq!(
        err("where", &[i(1), s("n"), i(1)]),
        "can't iterate over int"
    );
}

#[test]
fn sort_orders_values_keys_and_fields() {
    let l = list(vec![i(3), f(1.5), i(2)]);
    assert_eq!(
        ok("sort", std::slice::from_ref(&l)),
        list(vec![f(1.5), i(2), i(3)])
    );
    assert_eq!(
        ok("sort", &[l, s("value"), s("desc")]),
        list(vec![i(3), i(2), f(1.5)])
    );
    assert_eq!(titles(ok("sort", &[pages(), s("n")])), ["B", "C", "A"]);
    assert_eq!(
        titles(ok("sort", &[pages(), s("title"), s("desc")])),
        ["C", "B", "A"]
    );
    assert_eq!(
        ok("sort", &[map(&[("b", i(1)), ("a", i(2))])]),
        list(vec![i(2), i(1)]),
        "a map's values in key order"
    );
    assert_eq!(
        ok("sort", &[map(&[("b", i(1)), ("a", i(2))]), s("value")]),
        list(vec![i(1), i(2)])
    );
    assert_eq!(
        ok("sort", &[list(vec![s("b"), s("a"), s("c")])]),
        list(vec![s("a"), s("b"), s("c")])
    );
    assert_eq!(err("sort", &[i(1)]), "can't sort int");
    // Mixed kinds are not a total order; sorting must still finish without panicking.
    let mixed = list(vec![
        s("b"),
        i(3),
        s("a"),
        f(f64::NAN),
        i(-1),
        s("10"),
        Value::Nil,
    ]);
    let sorted = ok("sort", &[mixed]);
    assert!(matches!(sorted, Value::List(items) if items.len() == 7));
}

#[test]
fn uniq_keeps_the_first_of_equal_items() {
    assert_eq!(
        ok("uniq", &[list(vec![i(1), i(2), i(1), f(2.0), s("1")])]),
        list(vec![i(1), i(2), s("1")])
    );
    assert_eq!(ok("uniq", &[Value::Nil]), list(vec![]));
    assert_eq!(err("uniq", &[i(1)]), "Can't use Uniq on int");
}

#[test]
fn delimit_joins_with_an_optional_last_separator() {
    let l = list(vec![s("a"), s("b"), s("c")]);
    assert_eq!(text(ok("delimit", &[l.clone(), s(", ")])), "a, b, c");
    assert_eq!(text(ok("delimit", &[l, s(", "), s(" and ")])), "a, b and c");
    assert_eq!(
        text(ok("delimit", &[list(vec![i(1), f(2.5), t(true)]), s("-")])),
        "1-2.5-true"
    );
    assert_eq!(
        text(ok(
            "delimit",
            &[map(&[("b", s("2")), ("a", s("1"))]), s(",")]
        )),
        "1,2"
    );
    assert_eq!(text(ok("delimit", &[list(vec![]), s(",")])), "");
    assert_eq!(err("delimit", &[i(1), s(",")]), "can't iterate over int");
}

#[test]
fn set_functions_work_on_lists() {
    let a = list(vec![i(1), i(2), i(3), i(2)]);
    let b = list(vec![f(2.0), i(3), i(4)]);
    assert_eq!(
        ok("intersect", &[a.clone(), b.clone()]),
        list(vec![i(2), i(3)])
    );
    assert_eq!(ok("intersect", &[Value::Nil, b.clone()]), list(vec![]));
    assert_eq!(
        ok("union", &[a.clone(), b.clone()]),
        list(vec![i(1), i(2), i(3), i(4)])
    );
    assert_eq!(ok("union", &[Value::Nil, b.clone()]), b);
    assert_eq!(
        // Hugo walks the second list first.
        ok("symdiff", &[a.clone(), b.clone()]),
        list(vec![i(4), i(1)])
    );
    assert_eq!(
        ok(
            "complement",
            &[list(vec![i(1)]), list(vec![i(3)]), a.clone()]
        ),
        list(vec![i(2), i(2)])
    );
    assert_eq!(
        err("complement", std::slice::from_ref(&a)),
        "complement needs at least two arguments"
    );
    assert_eq!(
        err("intersect", &[i(1), a.clone()]),
        "can't iterate over int"
    );
    assert_eq!(
        ok("collections.Reverse", &[a]),
        list(vec![i(2), i(3), i(2), i(1)])
    );
}

#[test]
fn querify_encodes_sorted_pairs() {
    assert_eq!(
        text(ok("querify", &[s("q"), s("a b"), s("page"), i(2)])),
        "page=2&q=a+b"
    );
    assert_eq!(
        text(ok("querify", &[map(&[("z", s("1")), ("a", s("&"))])])),
        "a=%26&z=1"
    );
    assert!(call("querify", &[s("a")]).is_err());
}

// --- strings ---------------------------------------------------------------------------

#[test]
fn case_functions() {
    assert_eq!(ok("lower", &[s("HeLLo")]), s("hello"));
    assert_eq!(ok("upper", &[s("straße")]), s("STRASSE"));
    assert_eq!(
        ok("strings.FirstUpper", &[s("élan vital")]),
        s("Élan vital")
    );
    assert_eq!(
        ok(
            "title",
            &[s("the lord of the rings: the return of the king")]
        ),
        s("The Lord of the Rings: The Return of the King")
    );
    assert_eq!(
        ok("title", &[s("what is it for")]),
        s("What Is It For"),
        "last word"
    );
    assert_eq!(
        ok("title", &[s("state-of-the-art design")]),
        s("State-Of-The-Art Design")
    );
    assert_eq!(ok("lower", &[i(12)]), s("12"), "numbers cast to strings");
    assert!(call("upper", &[list(vec![])]).is_err());
}

#[test]
fn humanize_makes_words_and_ordinals() {
    assert_eq!(ok("humanize", &[s("my-first-post")]), s("My first post"));
    assert_eq!(ok("humanize", &[s("myCamelPost")]), s("My camel post"));
    assert_eq!(ok("humanize", &[s("snake_case_id")]), s("Snake case"));
    assert_eq!(ok("humanize", &[i(52)]), s("52nd"));
    assert_eq!(ok("humanize", &[s("103")]), s("103rd"));
    assert_eq!(ok("humanize", &[i(11)]), s("11th"));
    assert_eq!(ok("humanize", &[i(21)]), s("21st"));
    assert_eq!(ok("humanize", &[s("")]), s(""));
}

#[test]
fn trimming() {
    assert_eq!(ok("trim", &[s("--a-b--"), s("-")]), s("a-b"));
    assert_eq!(ok("strings.TrimSpace", &[s("\t a b \n")]), s("a b"));
    assert_eq!(ok("strings.TrimLeft", &[s("0"), s("0011")]), s("11"));
    assert_eq!(ok("strings.TrimRight", &[s("!"), s("hi!!")]), s("hi"));
    assert_eq!(ok("strings.TrimPrefix", &[s("a"), s("aab")]), s("ab"));
    assert_eq!(ok("strings.TrimSuffix", &[s(".md"), s("x.md")]), s("x"));
    assert_eq!(ok("chomp", &[s("line\r\n\n")]), s("line"));
    assert_eq!(
        ok("chomp", &[html("<p>x</p>\n")]),
        html("<p>x</p>"),
        "HTML stays HTML"
    );
}

#[test]
fn replacing_and_regular_expressions() {
    assert_eq!(ok("replace", &[s("aaa"), s("a"), s("b")]), s("bbb"));
    assert_eq!(ok("replace", &[s("aaa"), s("a"), s("b"), i(2)]), s("bba"));
    assert_eq!(ok("replace", &[s("ab"), s(""), s("-")]), s("-a-b-"));
    assert_eq!(
        ok(
            "replaceRE",
            &[
                s("^https?://([^/]+).*"),
                s("$1"),
                s("https://gohugo.io/docs")
            ]
        ),
        s("gohugo.io")
    );
    assert_eq!(ok("replaceRE", &[s("a"), s("x"), s("aaa"), i(1)]), s("xaa"));
    assert_eq!(ok("replaceRE", &[s("a"), s("x"), s("aaa"), i(0)]), s("aaa"));
    assert_eq!(
        ok("replaceRE", &[s("a"), s("x"), s("aaa"), i(-1)]),
        s("xxx")
    );
    // A pattern without metacharacters is replaced as text; `$` in the replacement still
    // expands groups, and a metacharacter makes it an expression.
    assert_eq!(
        ok(
            "replaceRE",
            &[s("<svg"), s("<svg class=\"i\""), s("<svg a><svg>é")]
        ),
        s("<svg class=\"i\" a><svg class=\"i\">é")
    );
    assert_eq!(
        ok("replaceRE", &[s("ab"), s("[$0]"), s("abab")]),
        s("[ab][ab]")
    );
    assert_eq!(ok("replaceRE", &[s("ab"), s("${1}x"), s("ab")]), s("x"));
    assert_eq!(
        ok("replaceRE", &[s("ab"), s("$1x"), s("ab")]),
        s(""),
        "Go reads ${{1x}}"
    );
    assert_eq!(ok("replaceRE", &[s("a.c"), s("-"), s("abc a.c")]), s("- -"));
    assert_eq!(ok("replaceRE", &[s(""), s("-"), s("ab")]), s("-a-b-"));
    assert_eq!(
        ok("findRE", &[s("[0-9]+"), s("a1 b22 c333")]),
        list(vec![s("1"), s("22"), s("333")])
    );
    assert_eq!(
        ok("findRE", &[s("[0-9]+"), s("a1 b22 c333"), i(2)]),
        list(vec![s("1"), s("22")])
    );
    assert_eq!(
        ok("findRESubmatch", &[s(r"(\w)=(\d)?"), s("a=1 b=")]),
        list(vec![
            list(vec![s("a=1"), s("a"), s("1")]),
            list(vec![s("b="), s("b"), s("")]),
        ])
    );
    assert!(err("findRE", &[s("("), s("x")]).starts_with("error parsing regexp"));
    assert!(
        call("findRE", &[s("(a{1000}){1000}"), s("a")]).is_err(),
        "size limit"
    );
}

#[test]
fn splitting_and_slicing() {
    assert_eq!(
        ok("split", &[s("a,b,,c"), s(",")]),
        list(vec![s("a"), s("b"), s(""), s("c")])
    );
    assert_eq!(ok("split", &[s("hé"), s("")]), list(vec![s("h"), s("é")]));
    assert_eq!(ok("substr", &[s("BatMan"), i(0), i(-3)]), s("Bat"));
    assert_eq!(ok("substr", &[s("BatMan"), i(3), i(3)]), s("Man"));
    assert_eq!(ok("substr", &[s("BatMan"), i(-3)]), s("Man"));
    assert_eq!(ok("substr", &[s("BatMan"), i(10)]), s(""));
    assert_eq!(
        ok("substr", &[s("héllo"), i(1), i(2)]),
        s("él"),
        "by character"
    );
    assert_eq!(err("substr", &[s("x")]), "too few arguments");
    assert_eq!(
        err("substr", &[s("x"), s("a")]),
        "start argument must be an integer"
    );
    assert_eq!(ok("slicestr", &[s("BatMan"), i(3)]), s("Man"));
    assert_eq!(ok("slicestr", &[s("BatMan"), i(0), i(3)]), s("Bat"));
    assert_eq!(
        err("slicestr", &[s("Bat"), i(2), i(9)]),
        "slice bounds out of range"
    );
}

#[test]
fn string_predicates_and_counts() {
    assert_eq!(ok("strings.Contains", &[s("hugo"), s("ug")]), t(true));
    assert_eq!(ok("strings.ContainsAny", &[s("hugo"), s("xyz")]), t(false));
    assert_eq!(ok("strings.ContainsNonSpace", &[s(" \n ")]), t(false));
    assert_eq!(ok("strings.HasPrefix", &[s("hugo"), s("hu")]), t(true));
    assert_eq!(ok("strings.HasSuffix", &[s("hugo"), s("go")]), t(true));
    assert_eq!(ok("strings.Count", &[s("a"), s("banana")]), i(3));
    assert_eq!(ok("strings.Count", &[s(""), s("five")]), i(5));
    assert_eq!(ok("strings.RuneCount", &[s("héllo")]), i(5));
    assert_eq!(ok("countrunes", &[s("<p>a b</p> c")]), i(3));
    assert_eq!(ok("countwords", &[s("<p>Hello world</p> again")]), i(3));
    assert_eq!(ok("strings.Repeat", &[i(3), s("ab")]), s("ababab"));
    assert_eq!(
        err("strings.Repeat", &[i(-1), s("ab")]),
        "strings: negative Repeat count"
    );
    assert!(err("strings.Repeat", &[i(1 << 40), s("ab")]).contains("at most"));
}

#[test]
fn truncate_cuts_at_words_and_keeps_html_balanced() {
    assert_eq!(
        ok("truncate", &[i(10), s("Hello wonderful world")]),
        html("Hello …")
    );
    assert_eq!(
        ok("truncate", &[i(30), s("a < b")]),
        html("a &lt; b"),
        "text is escaped"
    );
    assert_eq!(
        ok("truncate", &[i(10), s("..."), s("Hello wonderful world")]),
        html("Hello...")
    );
    assert_eq!(
        ok(
            "truncate",
            &[i(8), html("<p>Hello <b>wonderful</b> world</p>")]
        ),
        html("<p>Hello …</p>")
    );
    assert_eq!(
        ok(
            "truncate",
            &[i(16), html("<p>Hello <em>wonderful world</em></p>")]
        ),
        html("<p>Hello <em>wonderful …</em></p>")
    );
    assert_eq!(
        ok("truncate", &[i(3), s("abcdef")]),
        html("abc …"),
        "no word boundary: cut in the word"
    );
    assert_eq!(
        err("truncate", &[i(3)]),
        "truncate requires a length and a string"
    );
}

#[test]
fn urlize_and_anchorize() {
    assert_eq!(
        ok("urlize", &[s("Vim (text editor)")]),
        s("vim-text-editor")
    );
    assert_eq!(ok("urlize", &[s("  My  Post ")]), s("my-post"));
    assert_eq!(ok("urlize", &[s("Über uns")]), s("%C3%BCber-uns"));
    assert_eq!(ok("anchorize", &[s("Hello, World!")]), s("hello-world"));
    assert_eq!(ok("anchorize", &[s("Many   spaces")]), s("many---spaces"));
}

// --- transform and safe ----------------------------------------------------------------

#[test]
fn escaping_and_plain_text() {
    assert_eq!(
        ok("htmlEscape", &[s(r#"<a href="x">'&'</a>"#)]),
        s("&lt;a href=&#34;x&#34;&gt;&#39;&amp;&#39;&lt;/a&gt;")
    );
    assert_eq!(
        ok(
            "htmlUnescape",
            &[s("&lt;b&gt; &amp;amp; &#39;x&#x27; &copy; &bogus; &")]
        ),
        s("<b> &amp; 'x' © &bogus; &")
    );
    assert_eq!(
        ok("plainify", &[s("<p>Hi <b>there</b></p>")]),
        html("Hi there\n")
    );
    assert_eq!(ok("markdownify", &[s("**x**")]), html("<strong>x<strong>"));
    assert_eq!(ok("emojify", &[s("I :heart: Hugo")]), html("I ❤️ Hugo"));
}

#[test]
fn safe_functions_mark_strings() {
    assert_eq!(ok("safeHTML", &[s("<b>")]), html("<b>"));
    assert_eq!(
        ok("safeHTMLAttr", &[s("a=b")]),
        Value::safe(SafeKind::HtmlAttr, "a=b")
    );
    assert_eq!(
        ok("safeCSS", &[s("a{}")]),
        Value::safe(SafeKind::Css, "a{}")
    );
    assert_eq!(ok("safeJS", &[s("x()")]), Value::safe(SafeKind::Js, "x()"));
    assert_eq!(
        ok("safeURL", &[s("irc://x")]),
        Value::safe(SafeKind::Url, "irc://x")
    );
    assert_eq!(ok("safeHTML", &[i(1)]), html("1"));
}

// --- math and cast ---------------------------------------------------------------------

#[test]
fn arithmetic_keeps_integers_integral() {
    assert_eq!(ok("add", &[i(1), i(2)]), i(3));
    assert_eq!(ok("add", &[i(1), f(0.5)]), f(1.5));
    assert_eq!(ok("add", &[i(1), i(2), i(3)]), i(6), "variadic");
    assert_eq!(ok("add", &[s("a"), s("b")]), s("ab"), "strings join");
    assert_eq!(ok("sub", &[i(1), i(3)]), i(-2));
    assert_eq!(ok("mul", &[f(1.5), i(2)]), f(3.0));
    assert_eq!(ok("div", &[i(7), i(2)]), i(3), "integer division");
    assert_eq!(ok("div", &[f(7.0), i(2)]), f(3.5));
    // Hugo 0.168's messages (common/math.DoArithmetic).
    assert_eq!(err("div", &[i(1), i(0)]), "can't divide the value by 0");
    assert_eq!(err("div", &[f(1.5), i(0)]), "can't divide the value by 0");
    assert_eq!(
        err("add", &[s("1"), i(2)]),
        "can't apply the operator to the values"
    );
    assert_eq!(ok("add", &[i(i64::MAX), i(1)]), i(i64::MIN), "wraps as Go");
    assert_eq!(ok("mod", &[i(7), i(3)]), i(1));
    assert_eq!(ok("mod", &[s("7"), i(-3)]), i(1));
    assert_eq!(ok("modBool", &[i(6), i(3)]), t(true));
    assert_eq!(
        err("mod", &[i(1), i(0)]),
        "the number can't be divided by zero at modulo operation"
    );
    assert_eq!(
        err("mod", &[s("x"), i(2)]),
        "modulo operator can't be used with non integer value"
    );
    assert_eq!(
        ok("div", &[i(i64::MIN), i(-1)]),
        i(i64::MIN),
        "no overflow panic"
    );
}

#[test]
fn math_functions_return_floats() {
    assert_eq!(ok("math.Floor", &[f(2.7)]), f(2.0));
    assert_eq!(ok("math.Ceil", &[s("2.1")]), f(3.0));
    assert_eq!(ok("math.Round", &[f(2.5)]), f(3.0));
    assert_eq!(ok("math.Round", &[f(-2.5)]), f(-3.0));
    assert_eq!(ok("math.Sqrt", &[i(16)]), f(4.0));
    assert_eq!(ok("math.Pow", &[i(2), i(10)]), f(1024.0));
    assert_eq!(ok("math.Abs", &[i(-3)]), f(3.0));
    assert_eq!(ok("math.Max", &[i(1), f(2.5), list(vec![i(7)])]), f(7.0));
    assert_eq!(ok("math.Min", &[i(1), f(-2.5)]), f(-2.5));
    assert_eq!(ok("math.Log", &[i(1)]), f(0.0));
    assert!(err("math.Floor", &[s("x")]).contains("requires a numeric argument"));
}

#[test]
fn casts_follow_spf13_cast() {
    assert_eq!(ok("int", &[s("11")]), i(11));
    assert_eq!(ok("int", &[f(11.9)]), i(11));
    assert_eq!(ok("int", &[s("0x11")]), i(17));
    assert_eq!(ok("int", &[s("011")]), i(9), "a leading 0 is octal");
    assert_eq!(ok("int", &[s("0b11")]), i(3));
    assert_eq!(ok("int", &[s("5.0")]), i(5));
    assert_eq!(ok("int", &[t(true)]), i(1));
    assert_eq!(ok("int", &[Value::Nil]), i(0));
    assert_eq!(
        err("int", &[s("08")]),
        r#"unable to cast "08" of type string to int"#,
        "08 is not octal; Hugo says to trim leading zeros"
    );
    assert_eq!(
        err("int", &[s("abc")]),
        r#"unable to cast "abc" of type string to int"#
    );
    assert_eq!(ok("float", &[s("2.5")]), f(2.5));
    assert_eq!(ok("float", &[i(2)]), f(2.0));
    assert!(call("float", &[s("x")]).is_err());
    assert_eq!(ok("string", &[i(42)]), s("42"));
    assert_eq!(ok("string", &[f(1e21)]), s("1000000000000000000000"));
    assert_eq!(ok("string", &[f(0.5)]), s("0.5"));
    assert_eq!(
        ok("string", &[html("<b>")]),
        s("<b>"),
        "the mark is dropped"
    );
    assert_eq!(ok("string", &[Value::Nil]), s(""));
    assert!(call("string", &[list(vec![])]).is_err());
}

// --- urls ------------------------------------------------------------------------------

fn url_with(name: &str, base: &str, input: &str) -> String {
    let (result, _) = call_with(name, &[s(input)], base, &BTreeMap::new());
    text(result.unwrap_or_else(|e| panic!("{name} {input:?} failed: {e}")))
}

#[test]
fn rel_url_follows_hugo_with_a_root_base_url() {
    let base = "https://example.org/";
    let cases = [
        ("", "/"),
        ("articles", "/articles"),
        ("style.css", "/style.css"),
        ("https://example.org", "https://example.org"),
        ("https://example.org/", "/"),
        ("https://www.example.org", "https://www.example.org"),
        ("/articles/", "/articles/"),
        ("//cdn.example.org/x", "//cdn.example.org/x"),
    ];
    for (input, want) in cases {
        assert_eq!(url_with("relURL", base, input), want, "relURL {input:?}");
    }
}

#[test]
fn rel_url_follows_hugo_with_a_base_url_path() {
    let base = "https://example.org/docs/";
    let cases = [
        ("", "/docs/"),
        ("articles", "/docs/articles"),
        ("style.css", "/docs/style.css"),
        ("/articles", "/articles"),
        ("https://example.org", "https://example.org"),
        ("https://example.org/", "https://example.org/"),
        ("https://example.org/docs/", "/docs"),
        ("articles/", "/docs/articles/"),
    ];
    for (input, want) in cases {
        assert_eq!(url_with("relURL", base, input), want, "relURL {input:?}");
        assert_eq!(
            url_with("relLangURL", base, input),
            want,
            "relLangURL {input:?}"
        );
    }
}

#[test]
fn abs_url_follows_hugo() {
    let base = "https://example.org/docs/";
    let cases = [
        ("", "https://example.org/docs/"),
        ("articles", "https://example.org/docs/articles"),
        ("/articles", "https://example.org/articles"),
        ("articles/", "https://example.org/docs/articles/"),
        ("a?b=c#d", "https://example.org/docs/a?b=c#d"),
        ("https://other.org/x", "https://other.org/x"),
        ("mailto:x@y.org", "mailto:x@y.org"),
    ];
    for (input, want) in cases {
        assert_eq!(url_with("absURL", base, input), want, "absURL {input:?}");
        assert_eq!(
            url_with("absLangURL", base, input),
            want,
            "absLangURL {input:?}"
        );
    }
    assert_eq!(
        url_with("absURL", "https://example.org/", "a"),
        "https://example.org/a"
    );
    assert_eq!(url_with("absURL", "", "a"), "a", "no baseURL: unchanged");
}

#[test]
fn join_path_joins_and_cleans() {
    assert_eq!(
        ok("urls.JoinPath", &[s("https://example.org"), s("foo")]),
        s("https://example.org/foo")
    );
    assert_eq!(
        ok(
            "urls.JoinPath",
            &[s("https://example.org/a/"), s("b"), s("c/")]
        ),
        s("https://example.org/a/b/c/")
    );
    assert_eq!(ok("urls.JoinPath", &[list(vec![s("a"), s("b")])]), s("a/b"));
    assert_eq!(ok("urls.JoinPath", &[s("/a"), s("../b")]), s("/b"));
    assert_eq!(
        ok("urls.JoinPath", &[s("a"), s("../../b")]),
        s("b"),
        "no climbing out"
    );
    assert_eq!(ok("urls.JoinPath", &[]), s(""));
}

// --- lang and time ---------------------------------------------------------------------

#[test]
fn translations_choose_plural_forms() {
    let mut i18n = BTreeMap::new();
    i18n.insert("hello".to_string(), s("Hello"));
    i18n.insert(
        "apples".to_string(),
        map(&[("one", s("One apple")), ("other", s("{{ .Count }} apples"))]),
    );
    i18n.insert("greet".to_string(), s("Hi {{ .Name }}!"));
    let tr = |args: &[Value]| text(call_with("T", args, "", &i18n).0.unwrap());
    assert_eq!(tr(&[s("hello")]), "Hello");
    assert_eq!(tr(&[s("apples"), i(1)]), "One apple");
    assert_eq!(tr(&[s("apples"), i(3)]), "3 apples");
    assert_eq!(tr(&[s("apples"), map(&[("Count", i(5))])]), "5 apples");
    assert_eq!(tr(&[s("greet"), map(&[("Name", s("Ann"))])]), "Hi Ann!");
    assert_eq!(tr(&[s("missing")]), "", "a missing translation is empty");
    let (_, problems) = call_with("i18n", &[s("missing")], "", &i18n);
    assert!(problems.is_empty());
}

#[test]
fn date_format_uses_go_layouts() {
    let date = s("2021-10-06T06:21:07+08:00");
    let fmt = |layout: &str, d: &Value| text(ok("dateFormat", &[s(layout), d.clone()]));
    assert_eq!(fmt("Jan 2, 2006", &date), "Oct 6, 2021");
    assert_eq!(
        fmt("Monday, January 2, 2006", &date),
        "Wednesday, October 6, 2021"
    );
    assert_eq!(
        fmt("2006-01-02T15:04:05Z07:00", &date),
        "2021-10-06T06:21:07+08:00"
    );
    assert_eq!(fmt("3:04 PM MST", &date), "6:21 AM +0800");
    assert_eq!(fmt("02/01/06 _2 002", &date), "06/10/21  6 279");
    assert_eq!(fmt(":date_long", &date), "October 6, 2021");
    assert_eq!(fmt(":date_short", &date), "10/6/21");
    assert_eq!(
        fmt("Janet Mon", &date),
        "Janet Wed",
        "Jan before a lower-case letter is text"
    );
    let utc = s("2024-02-29T23:59:58.123Z");
    assert_eq!(fmt("15:04:05.000 MST Z07:00", &utc), "23:59:58.123 UTC Z");
    assert_eq!(fmt("05.999|05.0000", &utc), "58.123|58.1230");
    assert_eq!(fmt("Mon Jan 2", &s("2000-01-01")), "Sat Jan 1");
    assert_eq!(fmt("2006-01-02 15:04", &i(0)), "1970-01-01 00:00");
    // Hugo 0.168 reads the input with cast's layouts only: no minutes-only time.
    assert_eq!(
        err("dateFormat", &[s("Jan"), s("2021-10-06 10:00")]),
        "unable to parse date: 2021-10-06 10:00"
    );
    assert_eq!(
        err("dateFormat", &[s("Jan"), s("yesterday")]),
        "unable to parse date: yesterday"
    );
    assert_eq!(
        err("dateFormat", &[s("Jan"), f(3.5)]),
        "unable to cast 3.5 of type float64 to time.Time"
    );
    // An offset of zero is UTC, as Go reads it in Hugo's default location.
    assert_eq!(
        fmt("MST -0700", &s("2021-10-06T10:00:00+00:00")),
        "UTC +0000"
    );
    assert_eq!(fmt("MST", &s("Sun, 15 Oct 2023 13:18:50 GMT")), "UTC");
    assert!(call("dateFormat", &[s("Jan"), s("2021-02-30")]).is_err());
}

// --- the table -------------------------------------------------------------------------

#[test]
fn every_listed_name_is_callable_and_unique() {
    let all: Vec<&str> = names().collect();
    assert!(all.len() > 150, "{} names", all.len());
    let mut sorted = all.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), all.len(), "no name is listed twice");
    for name in &all {
        assert!(lookup(name).is_some(), "{name}");
    }
    for unsupported in ["shuffle", "group", "getJSON", "partial"] {
        assert!(
            lookup(unsupported).is_none(),
            "{unsupported} should be left out"
        );
    }
}

#[test]
fn no_function_panics_on_odd_arguments() {
    let nested = list(vec![map(&[("a", list(vec![]))]), Value::Nil]);
    let values = [
        Value::Nil,
        t(true),
        i(0),
        i(-1),
        i(i64::MAX),
        i(i64::MIN),
        f(f64::NAN),
        f(f64::INFINITY),
        f(-0.0),
        f(1e300),
        s(""),
        s("é"),
        s("%"),
        s("%!*.*[d"),
        s("(["),
        s("-"),
        s("0x"),
        s("::"),
        html("<p><b>x"),
        Value::safe(SafeKind::Url, "javascript:x"),
        list(vec![]),
        list(vec![i(1), s("a"), Value::Nil]),
        map(&[]),
        map(&[("k", i(1)), ("K", s("v"))]),
        nested,
    ];
    let i18n = BTreeMap::new();
    for name in names() {
        let _ = call_with(name, &[], "https://example.org/sub/", &i18n);
        for a in &values {
            let _ = call_with(
                name,
                std::slice::from_ref(a),
                "https://example.org/sub/",
                &i18n,
            );
            for b in &values {
                let _ = call_with(name, &[a.clone(), b.clone()], "", &i18n);
            }
        }
        // Three and four arguments: a sample of combinations.
        for (k, a) in values.iter().enumerate() {
            let b = &values[(k * 7 + 3) % values.len()];
            let c = &values[(k * 11 + 5) % values.len()];
            let _ = call_with(name, &[a.clone(), b.clone(), c.clone()], "", &i18n);
            let _ = call_with(
                name,
                &[c.clone(), a.clone(), b.clone(), a.clone()],
                "",
                &i18n,
            );
        }
    }
}

#[test]
fn highlight_renders_code_as_the_highlight_shortcode_does() {
    // The highlighter's output (its own tests compare every option with Hugo).
    let plain = ok("highlight", &[s("a < b\n"), s("go")]);
    assert!(matches!(plain, Value::Safe(SafeKind::Html, _)));
    let plain = text(plain);
    assert!(
        plain.starts_with("<div class=\"highlight\"><pre tabindex=\"0\" style=\"color:#f8f8f2;"),
        "{plain}"
    );
    assert!(plain.contains("&lt;"), "{plain}");
    let table = text(ok("highlight", &[s("x\ny"), s("go"), s("linenos=table")]));
    assert!(table.contains("<table"), "{table}");
    let inline = text(ok(
        "transform.Highlight",
        &[s("x\ny"), s("go"), map(&[("linenos", s("inline"))])],
    ));
    assert!(inline.contains("user-select:none"), "{inline}");
    assert!(!inline.contains("<table"), "{inline}");
    // Hugo drops a bad option and returns nothing; the preview also warns.
    let (result, problems) = call_with(
        "highlight",
        &[s("x"), s("go"), s("nope")],
        "",
        &BTreeMap::new(),
    );
    assert_eq!(text(result.unwrap()), "");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].0, Severity::Warning);
    assert!(err("highlight", &[s("x")]).contains("wrong number of args"));
}

#[test]
fn resources_not_given_are_nil_and_said() {
    let (result, problems) = call_with("resources.Get", &[s("mermaid.json")], "", &BTreeMap::new());
    assert!(matches!(result.unwrap(), Value::Nil));
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].0, Severity::Info);
    assert!(
        problems[0].1.contains("\"mermaid.json\""),
        "{}",
        problems[0].1
    );
    assert!(matches!(
        ok("resources.GetMatch", &[s("*.css")]),
        Value::Nil
    ));
    assert_eq!(len_of(&ok("resources.Match", &[s("*.css")])), 0);
    assert!(err("resources.Get", &[]).contains("wrong number of args"));
}

fn len_of(value: &Value) -> usize {
    match value {
        Value::List(items) => items.len(),
        _ => panic!("not a list"),
    }
}

#[test]
fn hugo_version_compares_as_a_version() {
    // `hugo.Version` is member `Version` of what `hugo` returns, as in Hugo.
    let Value::Object(info) = ok("hugo", &[]) else {
        panic!("hugo should give an object");
    };
    assert_eq!(info.type_name(), "page.HugoInfo");
    let version = info.get("Version", &[]).unwrap().unwrap();
    // Hugo 0.168: `{{ hugo.Version }} {{ printf "%T" hugo.Version }}` is
    // `0.168.0 version.VersionString`.
    assert_eq!(version.type_name(), "version.VersionString");
    assert_eq!(version.to_go_string(), "0.168.0");
    assert_eq!(version.to_go_string(), hugo_preview::HUGO_VERSION);
    assert_eq!(
        ok("printf", &[s("%q %T"), version.clone(), version.clone()]),
        s("\"0.168.0\" version.VersionString")
    );
    // As strings "0.168.0" < "0.93"; as versions 0.168.0 > 0.93 (Hugo's `compare.Comparer`).
    assert!(ok("ge", &[version.clone(), s("0.93")]).truthy());
    assert!(ok("gt", &[version.clone(), f(0.93)]).truthy());
    assert!(!ok("lt", &[version.clone(), s("0.93")]).truthy());
    assert!(ok("lt", &[version.clone(), s("0.168.1")]).truthy());
    assert!(ok("ge", &[version.clone(), s("0.168")]).truthy());
    assert!(ok("eq", &[version.clone(), s("0.168.0")]).truthy());
    assert!(ok("ne", &[version.clone(), s("0.168")]).truthy());
    assert!(ok("gt", &[version.clone(), s("0.168.0-DEV")]).truthy());
    // Plain strings still compare as strings.
    assert!(ok("lt", &[s("0.111.3"), s("0.93")]).truthy());
    // It is a string to string functions.
    assert!(ok("hasPrefix", &[version, s("0.168")]).truthy());
}

#[test]
fn reflect_tells_maps_and_slices() {
    let m = || map(&[("a", i(1))]);
    let l = || list(vec![i(1)]);
    assert!(ok("reflect.IsMap", &[m()]).truthy());
    assert!(!ok("reflect.IsMap", &[l()]).truthy());
    assert!(!ok("reflect.IsMap", &[s("a")]).truthy());
    assert!(ok("reflect.IsSlice", &[l()]).truthy());
    assert!(!ok("reflect.IsSlice", &[m()]).truthy());
}

#[test]
fn emojify_replaces_codes_exactly_as_hugo_0_168() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/emojify-hugo-0.168.json"
    ))
    .expect("the fixture should be readable");
    let fixture: serde_json::Value = serde_json::from_str(&text).expect("the fixture is JSON");
    let cases = fixture["cases"].as_array().expect("cases");
    assert!(cases.len() > 30);
    for case in cases {
        let input = case["input"].as_str().expect("input");
        let output = case["output"].as_str().expect("output");
        assert_eq!(
            ok("emojify", &[s(input)]),
            html(output),
            "emojify {input:?} should give Hugo 0.168's output"
        );
    }
}

#[test]
fn emojify_on_long_text_without_codes_stays_fast() {
    // Hugo's loop rescans from `start + 1` after an unclosed `:`; done literally, 1 MB with
    // one early `:` would take quadratic time.
    let long = format!(":{}", "a".repeat(1 << 20));
    let started = std::time::Instant::now();
    assert_eq!(ok("emojify", &[s(&long)]), html(&long));
    let spaced = format!("{}:q:heart:", "x".repeat(1 << 20));
    assert_eq!(
        ok("emojify", &[s(&spaced)]),
        html(&format!("{}:q❤️", "x".repeat(1 << 20)))
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
}

/// Front matter numbers have the type the format's Go decoder gives Hugo 0.168: TOML
/// `int64`, YAML `uint64` (negative ones `int64`), JSON `float64`; an unsigned operand makes
/// `DoArithmetic` unsigned (`sub 4 10` on a YAML 4 wraps), and `index` of a string is a
/// `uint8` (fixtures template-front-matter-numbers-*, template-integer-types).
#[test]
fn decoded_numbers_and_bytes_have_gos_types() {
    use hugo_preview::template::NumberStyle;
    let tree = serde_json::json!({"n": 4, "neg": -4, "big": 1000000, "f": 2.5});
    let get = |style: NumberStyle, key: &str| match Value::from_decoded(&tree, style) {
        Value::Map(map) => map.get(key).cloned().unwrap(),
        other => panic!("{other:?}"),
    };
    let types = |style| {
        ["n", "neg", "big", "f"]
            .map(|k| get(style, k).type_name())
            .join(" ")
    };
    assert_eq!(types(NumberStyle::Int64), "int64 int64 int64 float64");
    assert_eq!(types(NumberStyle::Yaml), "uint64 int64 uint64 float64");
    assert_eq!(types(NumberStyle::Float), "float64 float64 float64 float64");
    assert_eq!(get(NumberStyle::Float, "big").to_go_string(), "1e+06");

    let yaml_4 = get(NumberStyle::Yaml, "n");
    let wrapped = ok("sub", &[yaml_4.clone(), i(10)]);
    assert_eq!(
        (wrapped.type_name(), wrapped.to_go_string()),
        ("uint64".to_string(), "18446744073709551610".to_string())
    );
    assert_eq!(
        ok(
            "printf",
            &[s("%d %v %T"), wrapped.clone(), wrapped.clone(), wrapped]
        ),
        s("18446744073709551610 18446744073709551610 uint64")
    );
    // A negative signed side makes it signed again.
    let mixed = ok("add", &[yaml_4.clone(), get(NumberStyle::Yaml, "neg")]);
    assert_eq!(
        (mixed.type_name(), mixed.to_go_string()),
        ("int64".into(), "0".into())
    );
    assert!(ok("eq", &[yaml_4, i(4)]).truthy());

    let byte = ok("index", &[s("abc"), i(1)]);
    assert_eq!(
        (byte.type_name(), byte.to_go_string()),
        ("uint8".into(), "98".into())
    );
    let low = ok("sub", &[byte, i(100)]);
    assert_eq!(low.to_go_string(), "18446744073709551614");

    // Go's encoder writes an integral float64 without a fraction.
    assert_eq!(ok("jsonify", &[f(4.0)]).as_str(), Some("4"));
    assert_eq!(ok("jsonify", &[f(2.5)]).as_str(), Some("2.5"));
}
