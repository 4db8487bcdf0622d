//! The functions and members themes reach for beyond the core library (issue 24): `hugo`,
//! `try`, `apply`, `templates.*`, `urls.Parse`, `path.*`, `transform.Unmarshal`, the page
//! methods a shortcode can call, and Go's nil semantics for missing map keys. Each answer
//! is the one Hugo 0.168 gave for the same template (the differential posts
//! `template-hugo-object`, `template-try-apply-templates`, `template-funcs-urls-parse`,
//! `template-funcs-unmarshal`, `template-page-content`, `template-nil-map-chain` check the
//! same against the oracle).

use hugo_preview::shortcode::templates::PageHost;
use hugo_preview::site::SiteConfig;
use hugo_preview::template::funcs::FuncContext;
use hugo_preview::template::{Limits, Map, Object, Template, TemplateError, TemplateSet, Value};
use hugo_preview::{render, RenderOptions, Severity};
use std::collections::BTreeMap;
use std::rc::Rc;

fn run_with(set: &TemplateSet, src: &str, dot: &Value) -> Result<String, TemplateError> {
    let site = SiteConfig::default();
    let i18n = BTreeMap::new();
    let render = |s: &str, _: bool| s.to_string();
    let pages = BTreeMap::new();
    let resources = Default::default();
    let highlighter = hugo_preview::highlight::Highlighter::new(
        Default::default(),
        hugo_preview::highlight::Highlighter::native_backend(),
    );
    let math = hugo_preview::modules::Module::new(hugo_preview::math::native_backend());
    let host = PageHost {
        site: &site,
        pages: &pages,
        page_path: None,
        render_markdown: &render,
        highlighter: Some(&highlighter),
        math: Some(&math),
        resources: &resources,
        other_content: &hugo_preview::shortcode::call::no_other_content,
    };
    let mut ctx = FuncContext {
        host: &host,
        i18n: &i18n,
        problems: Vec::new(),
        site_object: None,
        page_object: None,
        impure: Default::default(),
    };
    Template::parse("shortcodes/test.html", src)?.execute(set, dot, &mut ctx, &Limits::default())
}

#[track_caller]
fn ok(src: &str) -> String {
    run_with(&TemplateSet::new(), src, &Value::Nil)
        .unwrap_or_else(|e| panic!("{src:?} should render, got {e}"))
}

#[track_caller]
fn err(src: &str) -> String {
    match run_with(&TemplateSet::new(), src, &Value::Nil) {
        Ok(out) => panic!("{src:?} should fail, rendered {out:?}"),
        Err(e) => e.to_string(),
    }
}

/// A post with one site shortcode `x`, rendered through the public API.
fn render_post(body: &str, template: &str) -> hugo_preview::Rendered {
    let mut options = RenderOptions::default();
    options.shortcodes.insert("x".into(), template.into());
    options.path = Some("posts/p.md".into());
    render(&format!("+++\ntitle = \"T\"\n+++\n{body}"), &options)
}

fn errors(out: &hugo_preview::Rendered) -> Vec<String> {
    out.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.message.clone())
        .collect()
}

// ---- hugo ---------------------------------------------------------------------------

#[test]
fn hugo_answers_as_hugo_server_does() {
    assert_eq!(
        ok("{{ hugo.Environment }} {{ hugo.IsServer }} {{ hugo.IsDevelopment }} {{ hugo.IsProduction }}"),
        "development true true false"
    );
    assert_eq!(
        ok("{{ hugo.IsMultilingual }} {{ hugo.IsExtended }} {{ hugo.Version }} {{ printf \"%T\" hugo }}"),
        "false true 0.168.0 page.HugoInfo"
    );
    assert_eq!(
        ok("{{ hugo.Generator }}"),
        r#"<meta name="generator" content="Hugo 0.168.0">"#
    );
    assert_eq!(
        ok("[{{ hugo.Context.MarkupScope }}] {{ hugo.Context }}"),
        "[] {}"
    );
    assert_eq!(ok("{{ hugo.Version.Compare \"0.140.0\" }}"), "-1");
}

#[test]
fn hugo_members_it_does_not_have_are_errors_that_name_them() {
    assert!(err("{{ hugo.Sites }}").contains("hugo.Sites is not supported"));
    assert!(
        err("{{ hugo.Nonesuch }}").contains("can't evaluate field Nonesuch in type page.HugoInfo")
    );
}

#[test]
fn the_stores_are_shared_by_the_calls_of_one_render_and_start_empty_on_the_next() {
    let template = "{{ hugo.Store.Add \"n\" 1 }}{{ site.Store.Add \"s\" 1 }}{{ .Page.Store.Add \"p\" 1 }}\
                    {{ hugo.Store.Get \"n\" }}/{{ site.Store.Get \"s\" }}/{{ .Page.Scratch.Get \"p\" }}";
    let mut options = RenderOptions::default();
    options.shortcodes.insert("x".into(), template.into());
    let renderer = hugo_preview::Renderer::new(options);
    let post = "+++\ntitle = \"T\"\n+++\n{{< x >}}\n\n{{< x >}}\n";
    let first = renderer.render(post);
    assert!(
        first.content_html.contains("1/1/1"),
        "{}",
        first.content_html
    );
    assert!(
        first.content_html.contains("2/2/2"),
        "{}",
        first.content_html
    );
    let second = renderer.render(post);
    assert_eq!(
        second.content_html, first.content_html,
        "a keystroke renders as a fresh build of the page"
    );
}

#[test]
fn new_scratch_makes_a_pad_of_its_own() {
    assert_eq!(
        ok("{{ $s := newScratch }}{{ $s.Set \"a\" 1 }}{{ $s.Add \"a\" 2 }}{{ $s.Get \"a\" }} {{ printf \"%T\" $s }} {{ (newScratch).Get \"a\" }}"),
        "3 *hstore.Scratch "
    );
}

// ---- try, apply, templates ----------------------------------------------------------

#[test]
fn try_gives_the_value_or_the_error_and_the_template_goes_on() {
    assert_eq!(
        ok("{{ $t := try (add 1 2) }}{{ $t.Value }} {{ if $t.Err }}failed{{ else }}ok{{ end }} {{ $t.Err }}"),
        "3 ok &lt;nil&gt;"
    );
    let out = ok("{{ $t := try (div 1 0) }}[{{ $t.Value }}] {{ $t.Err.Error }}");
    assert!(
        out.starts_with("[] template: shortcodes/test.html:1:14: executing"),
        "the whole template error, placed: {out}"
    );
    assert!(out.contains("can&#39;t divide the value by 0"), "{out}");
}

#[test]
fn try_around_a_failing_partial_restores_the_callers_output_and_variables() {
    let mut set = TemplateSet::new();
    set.add_partial(
        "fails.html",
        "<b>partial output</b>{{ $v := 1 }}{{ div 1 0 }}",
    )
    .unwrap();
    let out = run_with(
        &set,
        "<i>before</i>{{ $x := \"kept\" }}{{ $t := try (partial \"fails.html\" .) }}{{ if $t.Err }} caught{{ end }} {{ $x }} <i>after</i>",
        &Value::Nil,
    )
    .unwrap();
    assert_eq!(out, "<i>before</i> caught kept <i>after</i>");
}

#[test]
fn try_does_not_catch_a_run_stopped_by_a_limit() {
    let limits = Limits {
        max_steps: 200,
        ..Limits::default()
    };
    let site = SiteConfig::default();
    let i18n = BTreeMap::new();
    let render = |s: &str, _: bool| s.to_string();
    let pages = BTreeMap::new();
    let resources = Default::default();
    let host = PageHost {
        site: &site,
        pages: &pages,
        page_path: None,
        render_markdown: &render,
        highlighter: None,
        math: None,
        resources: &resources,
        other_content: &hugo_preview::shortcode::call::no_other_content,
    };
    let mut ctx = FuncContext {
        host: &host,
        i18n: &i18n,
        problems: Vec::new(),
        site_object: None,
        page_object: None,
        impure: Default::default(),
    };
    let mut set = TemplateSet::new();
    set.add_partial("loop.html", "{{ range 100000 }}x{{ end }}")
        .unwrap();
    let template = Template::parse(
        "t.html",
        "{{ $t := try (partial \"loop.html\" .) }}still running",
    )
    .unwrap();
    let result = template.execute(&set, &Value::Nil, &mut ctx, &limits);
    assert!(
        result
            .unwrap_err()
            .message
            .contains("execution stopped after 200 steps"),
        "the step limit ends the whole run"
    );
}

#[test]
fn apply_calls_a_function_for_each_item() {
    assert_eq!(
        ok("{{ apply (slice \"a\" \"b\") \"upper\" \".\" }}"),
        "[A B]"
    );
    assert_eq!(ok("{{ apply (slice 1 2) \"add\" \".\" 10 }}"), "[11 12]");
    assert_eq!(
        ok("{{ apply (slice \"x\") \"strings.Repeat\" 2 \".\" }}"),
        "[xx]"
    );
    assert_eq!(ok("{{ apply nil \"upper\" \".\" }}"), "[]");
    assert!(err("{{ apply (slice 1) \"apply\" \".\" }}").contains("no turtles allowed"));
    assert!(err("{{ apply (slice 1) \"nosuch\" \".\" }}").contains("can't find function nosuch"));
}

#[test]
fn templates_exists_and_current_know_the_sets_templates() {
    let mut set = TemplateSet::new();
    set.add_partial(
        "card.html",
        "{{ templates.Current.Name }} < {{ templates.Current.Parent.Name }}",
    )
    .unwrap();
    set.add_template("box", "box").unwrap();
    let out = run_with(
        &set,
        "{{ templates.Exists \"_partials/card.html\" }} {{ templates.Exists \"partials/card.html\" }} \
         {{ templates.Exists \"_shortcodes/box.html\" }} {{ templates.Exists \"_partials/nope.html\" }} \
         {{ templates.Current.Name }} | {{ partial \"card.html\" . }}",
        &Value::Nil,
    )
    .unwrap();
    assert_eq!(
        out,
        "true true true false _shortcodes/test.html | _partials/card.html < _shortcodes/test.html"
    );
}

// ---- urls, path, unmarshal ----------------------------------------------------------

#[test]
fn urls_parse_gives_go_s_url() {
    assert_eq!(
        ok("{{ $u := urls.Parse \"https://a.org:8080/x%20y?q=1&q=2#f\" }}{{ $u.Hostname }} {{ $u.Port }} {{ $u.Path }} {{ $u.Query.Get \"q\" }} {{ index $u.Query \"q\" }} {{ $u.IsAbs }} {{ $u }}"),
        "a.org 8080 /x y 1 [1 2] true https://a.org:8080/x%20y?q=1&amp;q=2#f"
    );
    assert!(err("{{ urls.Parse \"http://[::1\" }}")
        .contains("parse \"http://[::1\": missing ']' in host"));
}

#[test]
fn path_functions_are_go_s() {
    assert_eq!(
        ok("{{ path.Base \"a/b.md\" }} {{ path.Dir \"a/b.md\" }} {{ path.Ext \"a/b.md\" }} {{ path.BaseName \"a/b.md\" }} {{ path.Join \"a\" \"../b\" }} {{ path.Split \"a/b.md\" }} {{ path.Clean \"a//b/\" }}"),
        "b.md a .md b b a/|b.md a/b"
    );
}

#[test]
fn unmarshal_detects_the_format_as_hugo_does() {
    assert_eq!(
        ok("{{ $j := unmarshal `{\"a\": 1}` }}{{ $j.a }} {{ printf \"%T\" $j.a }}"),
        "1 float64"
    );
    assert_eq!(ok("{{ (unmarshal \"a = 1\").a | printf \"%T\" }}"), "int64");
    assert_eq!(ok("{{ (unmarshal \"a: 1\").a | printf \"%T\" }}"), "uint64");
    assert_eq!(ok("{{ unmarshal \"a,b\\n1,2\" }}"), "[[a b] [1 2]]");
    assert_eq!(
        ok("{{ unmarshal \"[1, 2]\" }}"),
        "[[[1  2]]]",
        "a comma first: CSV"
    );
    assert_eq!(ok("[{{ unmarshal \" \" }}]"), "[]");
    assert!(err("{{ unmarshal \"words\" }}").contains("unknown format"));
    assert!(err("{{ unmarshal \"<a/>\" }}").contains("XML is not decoded by the preview"));
}

/// `transform.ToMath`: KaTeX's MathML (Hugo 0.168's output for the same calls), its errors,
/// and the options decoded as Hugo's `mapstructure.WeakDecode` decodes them.
#[test]
fn to_math_renders_with_katex_and_decodes_options_as_hugo() {
    assert_eq!(
        ok("{{ transform.ToMath `x_1` }}"),
        r#"<span class="katex"><math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><msub><mi>x</mi><mn>1</mn></msub></mrow><annotation encoding="application/x-tex">x_1</annotation></semantics></math></span>"#
    );
    assert!(
        ok("{{ transform.ToMath `x` (dict `DISPLAYMODE` `true`) }}").contains(r#"display="block""#)
    );
    assert!(ok("{{ transform.ToMath `x` (dict `displayMode` 1) }}").contains(r#"display="block""#));
    assert!(
        ok("{{ transform.ToMath `\\RR` (dict `macros` (dict `\\RR` `\\mathbb{R}`)) }}")
            .contains(r#"<mi mathvariant="double-struck">R</mi>"#)
    );
    assert!(
        ok("{{ transform.ToMath `\\nope` (dict `throwOnError` false) }}")
            .contains(r##"<mstyle mathcolor="#cc0000"><mtext>\nope</mtext></mstyle>"##)
    );
    assert!(err("{{ transform.ToMath `\\frac{` }}").contains(
        "at <transform.ToMath>: error calling ToMath: KaTeX parse error: Unexpected end of input"
    ));
    assert!(err("{{ transform.ToMath `x` (dict `strict` `loud`) }}")
        .contains("invalid strict mode; expected one of error, ignore, or warn; received loud"));
    assert!(err("{{ transform.ToMath `x` (dict `leqno` `maybe` `fleqn` (slice 1)) }}").contains(
        "2 error(s) decoding:\n\n* 'Fleqn' expected type 'bool', got unconvertible type '[]interface {}', value: '[1]'\n* cannot parse 'Leqno' as bool"
    ));
    assert!(
        err("{{ transform.ToMath `x` `displayMode` }}").contains("'' expected a map, got 'string'")
    );
    assert!(err("{{ transform.ToMath }}").contains("must provide at least one argument"));
}

/// A render hook's code block, as the site part gives it to `render-codeblock.html`.
struct CodeBlock;

impl Object for CodeBlock {
    fn type_name(&self) -> &str {
        "hooks.CodeblockContext"
    }

    fn get(&self, name: &str, _args: &[Value]) -> Result<Option<Value>, String> {
        let mut attributes = Map::new();
        attributes.insert("class".into(), Value::from("cls"));
        Ok(Some(match name {
            "Inner" => Value::from("package main"),
            "Type" => Value::from("go"),
            "Attributes" => Value::map(attributes).unwrap(),
            "Options" => Value::map(Map::new()).unwrap(),
            _ => return Ok(None),
        }))
    }
}

#[test]
fn highlight_code_block_colours_a_hooks_block_as_hugo_does() {
    let dot = Value::Object(Rc::new(CodeBlock));
    let out = run_with(
        &TemplateSet::new(),
        "{{ $r := transform.HighlightCodeBlock . }}{{ printf \"%T\" $r }}|{{ $r.Wrapped }}|{{ $r.Inner }}",
        &dot,
    )
    .unwrap();
    // Hugo 0.168 for ```go {.cls}: the attributes go on the wrapper, and Inner is the lines.
    let mut lines = out.split('|');
    assert_eq!(lines.next(), Some("highlight.HighlightResult"));
    let wrapped = lines.next().unwrap();
    assert!(
        wrapped.starts_with(r#"<div class="highlight cls"><pre tabindex="0" style="#),
        "{wrapped}"
    );
    let inner = lines.next().unwrap();
    assert!(
        inner.starts_with(
            r#"<span style="display:flex;"><span><span style="color:#f92672">package</span>"#
        ),
        "{inner}"
    );
    assert!(!inner.contains("<pre"), "{inner}");
}

// ---- the page -----------------------------------------------------------------------

#[test]
fn a_shortcode_reads_the_pages_whole_table_of_contents() {
    let out = render_post(
        "## One\n\n{{< x >}}\n\n### Two\n\n## Three {#three-id}\n",
        "{{ .Page.TableOfContents }} {{ .Page.WordCount }} [{{ .Page.Plain }}]",
    );
    assert!(errors(&out).is_empty(), "{:?}", out.diagnostics);
    for expected in [
        r##"<a href="#one">One</a>"##,
        r##"<a href="#two">Two</a>"##,
        r##"<a href="#three-id">Three</a>"##,
    ] {
        assert!(
            out.content_html.contains(expected),
            "{expected} in {}",
            out.content_html
        );
    }
    assert!(
        out.content_html.contains("</nav> 0 []"),
        "{}",
        out.content_html
    );
}

#[test]
fn page_resources_are_an_empty_collection_that_answers_lookups() {
    let out = render_post(
        "{{< x >}}",
        "{{ len .Page.Resources }} {{ len (.Page.Resources.ByType \"image\") }} [{{ .Page.Resources.GetMatch \"*.png\" }}] {{ range .Page.Resources }}x{{ else }}none{{ end }} {{ .Page.HasShortcode \"x\" }} {{ .Page.HasShortcode \"y\" }}",
    );
    assert!(errors(&out).is_empty(), "{:?}", out.diagnostics);
    assert!(
        out.content_html.contains("0 0 [] none true false"),
        "{}",
        out.content_html
    );
}

#[test]
fn a_missing_keys_fields_are_nil_but_a_nil_values_are_an_error() {
    let data = Value::from_json(&serde_json::json!({"a": {"b": 1}, "n": null}));
    let run = |src: &str| run_with(&TemplateSet::new(), src, &data);
    assert_eq!(
        run("[{{ .missing.b.c }}] [{{ .a.missing.c }}] [{{ .a.b }}]").unwrap(),
        "[] [] [1]"
    );
    let error = run("{{ .n.b }}").unwrap_err();
    assert!(
        error
            .message
            .contains("nil pointer evaluating interface {}.b"),
        "{error}"
    );
    assert_eq!(
        run("[{{ index (slice 1) 5 }}]").unwrap(),
        "[]",
        "out of range is nil in Hugo"
    );
}

#[test]
fn another_pages_unknown_members_say_what_is_missing() {
    let mut options = RenderOptions::default();
    options.shortcodes.insert(
        "x".into(),
        "{{ with site.GetPage \"/posts/other\" }}{{ .RelPermalink }} {{ .Title }}{{ end }}".into(),
    );
    options
        .pages
        .insert("posts/other.md".into(), "/posts/other/".into());
    let out = render("+++\n+++\n{{< x >}}", &options);
    let errors = errors(&out);
    assert_eq!(errors.len(), 1, "{:?}", out.diagnostics);
    assert!(
        errors[0].contains(
            "Title of another page (posts/other.md): the preview knows only its path and links"
        ),
        "{}",
        errors[0]
    );
}

#[test]
fn a_partial_that_does_not_compile_is_reported_to_its_caller_with_the_cause() {
    let mut set = TemplateSet::new();
    assert!(set.add_partial("broken.html", "{{ if }}").is_err());
    let error = run_with(&set, "{{ partial \"broken.html\" . }}", &Value::Nil).unwrap_err();
    assert!(
        error.message.contains(
            "partial \"broken.html\" does not parse: template: broken.html:1: missing value for if"
        ),
        "{error}"
    );
    let missing = run_with(&set, "{{ partial \"other.html\" . }}", &Value::Nil).unwrap_err();
    assert!(
        missing.message.contains("partial \"other.html\" not found"),
        "{missing}"
    );
}

#[test]
fn partials_include_is_partial() {
    let mut set = TemplateSet::new();
    set.add_partial("p.html", "<b>{{ . }}</b>").unwrap();
    let out = run_with(
        &set,
        "{{ partials.Include \"p.html\" 1 }}{{ partials.IncludeCached \"p.html\" 2 }}{{ partialCached \"p.html\" 3 }}",
        &Value::Nil,
    )
    .unwrap();
    assert_eq!(
        out, "<b>1</b><b>2</b><b>2</b>",
        "cached by name and variants"
    );
}

#[test]
fn reflect_tells_hugo_objects_apart() {
    let out = render_post(
        "{{< x >}}",
        "{{ reflect.IsPage .Page }} {{ reflect.IsSite .Site }} {{ reflect.IsPage .Site }} {{ reflect.IsResource .Page }} {{ reflect.IsImageResource 1 }}",
    );
    assert!(
        out.content_html.contains("true true false true false"),
        "{}",
        out.content_html
    );
}

#[test]
fn values_from_the_new_functions_are_escaped_by_their_context() {
    // A parsed `javascript:` URL is still a `javascript:` URL to html/template.
    assert_eq!(
        ok(r#"<a href="{{ urls.Parse "javascript:alert(1)" }}">{{ urls.Parse "x?<b>" }}</a>"#),
        r##"<a href="#ZgotmplZ">x?&lt;b&gt;</a>"##
    );
    assert_eq!(
        ok(r#"{{ (unmarshal `{"a": "<script>x</script>"}`).a }} {{ path.Base "<i>/x" }}"#),
        "&lt;script&gt;x&lt;/script&gt; x"
    );
    let out = render_post(
        "## <img src=x onerror=alert(1)> title\n\n{{< x >}}\n",
        "{{ .Page.TableOfContents }} {{ .Page.RawContent }}",
    );
    assert!(
        !out.content_html.contains("<img"),
        "the heading's raw HTML is omitted in the TOC, the raw content is text: {}",
        out.content_html
    );
}

#[test]
fn unmarshal_reads_a_resource_in_the_format_of_its_media_type() {
    let files: BTreeMap<String, String> = [
        ("hugo.toml", ""),
        ("assets/data/people.json", r#"{"ann": {"age": 30}}"#),
        ("assets/data/rows.csv", "a,b\n1,2"),
        (
            "layouts/_shortcodes/x.html",
            "{{ (unmarshal (resources.Get \"data/people.json\")).ann.age }} {{ unmarshal (resources.Get \"data/rows.csv\") }}",
        ),
    ]
    .iter()
    .map(|(p, t)| (p.to_string(), t.to_string()))
    .collect();
    let renderer = hugo_preview::Renderer::new(RenderOptions {
        files,
        ..Default::default()
    });
    let out = renderer.render("+++\n+++\n{{< x >}}\n");
    assert!(errors(&out).is_empty(), "{:?}", out.diagnostics);
    assert!(
        out.content_html.contains("30 [[a b] [1 2]]"),
        "{}",
        out.content_html
    );
}
