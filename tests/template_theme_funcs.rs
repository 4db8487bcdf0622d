//! The functions and site members real themes call (docsy's `now.Year`, FixIt's
//! `now.Format`, `transform.Remarshal` and `os.Stat`, hextra's `site.Home`, Stack's
//! `.Site.Config.Privacy` and `reflect.IsImageResourceProcessable`, `jsonify` with options).
//! Each expected answer is the one Hugo 0.168 gave for the same template; the site fixture
//! `tests/sites/theme-funcs` checks the same against the oracle.

use hugo_preview::{render, RenderOptions, Severity};

/// A post with one site shortcode `x`, rendered through the public API.
fn render_with(options: &RenderOptions, template: &str) -> hugo_preview::Rendered {
    let mut options = options.clone();
    options.shortcodes.insert("x".into(), template.into());
    options.path.get_or_insert_with(|| "posts/p.md".into());
    render("+++\ntitle = \"T\"\n+++\n{{< x >}}", &options)
}

#[track_caller]
fn shows(options: &RenderOptions, template: &str) -> String {
    let out = render_with(options, template);
    let errors: Vec<_> = out
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.message.clone())
        .collect();
    assert!(errors.is_empty(), "{template:?} should render: {errors:?}");
    out.content_html.trim_end().to_owned()
}

#[track_caller]
fn fails(options: &RenderOptions, template: &str) -> String {
    let out = render_with(options, template);
    out.diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
        .unwrap_or_else(|| panic!("{template:?} should fail, rendered {:?}", out.content_html))
        .message
        .clone()
}

fn clock(time: &str) -> RenderOptions {
    RenderOptions {
        clock: Some(time.into()),
        ..RenderOptions::default()
    }
}

// ---- now ------------------------------------------------------------------------------

#[test]
fn now_is_the_clock_option_in_utc() {
    let options = clock("2024-05-06T07:08:09.5+02:00");
    assert_eq!(
        shows(
            &options,
            r#"{{ now.Year }}|{{ now.Format "2006-01-02T15:04:05Z07:00" }}|{{ now.Unix }}|{{ printf "%T" now }}|{{ time.Now.Month }}"#
        ),
        "2024|2024-05-06T05:08:09Z|1714972089|time.Time|May"
    );
    assert_eq!(
        shows(&options, r#"{{ dateFormat "Jan 2, 2006 MST" now }}"#),
        "May 6, 2024 UTC"
    );
}

#[test]
fn now_without_a_clock_is_the_system_s_time() {
    let year: i64 = shows(&RenderOptions::default(), "{{ now.Year }}")
        .parse()
        .expect("a year");
    assert!(year >= 2025, "{year}");
}

#[test]
fn a_clock_that_is_not_rfc_3339_is_hugo_s_error_where_now_is_called() {
    let message = fails(&clock("bogus"), "{{ now.Year }}");
    assert!(
        message.contains(
            r#"failed to parse clock: parsing time "bogus" as "2006-01-02T15:04:05Z07:00""#
        ),
        "{message}"
    );
    assert_eq!(
        shows(&clock("bogus"), "no clock read"),
        "no clock read",
        "a clock nobody reads is not an error"
    );
}

// ---- site.Home ------------------------------------------------------------------------

fn site_files(files: &[(&str, &str)]) -> RenderOptions {
    RenderOptions {
        files: files
            .iter()
            .map(|(path, text)| (path.to_string(), text.to_string()))
            .collect(),
        ..RenderOptions::default()
    }
}

#[test]
fn the_home_page_is_content_index_below_the_base_url_s_path() {
    let options = site_files(&[
        (
            "hugo.toml",
            "baseURL = 'https://example.org/docs/'\ntitle = 'Site'\n",
        ),
        (
            "content/_index.md",
            "---\ntitle: Welcome\nparams:\n  x: 1\n---\n",
        ),
        ("content/posts/p.md", "---\ntitle: P\n---\n"),
    ]);
    assert_eq!(
        shows(
            &options,
            "{{ with site.Home }}{{ .RelPermalink }} {{ .Permalink }} {{ .Title }} {{ .Params.x }} \
             {{ .Kind }} {{ .IsHome }} {{ .IsSection }} {{ .IsNode }} {{ .Path }}{{ end }}"
        ),
        "/docs/ https://example.org/docs/ Welcome 1 home true false true /"
    );
}

#[test]
fn without_content_index_the_home_page_is_titled_as_the_site_and_has_no_file() {
    let options = site_files(&[
        ("hugo.toml", "title = 'Site'\n"),
        ("content/posts/p.md", "---\ntitle: P\n---\n"),
    ]);
    assert_eq!(
        shows(
            &options,
            "{{ with site.Home }}{{ .RelPermalink }} {{ .Title }} {{ .LinkTitle }} {{ .Kind }} \
             {{ .Date }} [{{ .Params.x }}] {{ with .File }}a file{{ else }}no file{{ end }}{{ end }}"
        ),
        "/ Site Site home 0001-01-01 00:00:00 +0000 UTC [] no file"
    );
}

// ---- jsonify with options ---------------------------------------------------------------

#[test]
fn jsonify_indents_prefixes_and_escapes_as_go_s_encoder_is_told() {
    let none = RenderOptions::default();
    assert_eq!(
        shows(
            &none,
            r##"{{ jsonify (dict "indent" "  " "prefix" "#" "noHTMLEscape" true) (dict "a" "&" "b" (slice 1 (dict))) }}"##
        ),
        "{\n#  \"a\": \"&amp;\",\n#  \"b\": [\n#    1,\n#    {}\n#  ]\n#}"
    );
    assert_eq!(
        shows(&none, r#"{{ jsonify (dict "Indent" 1) (slice "<") }}"#),
        "[\n1\"\\u003c\"\n]",
        "keys in any case, an int indent as its digits, HTML escaped by default"
    );
    assert_eq!(shows(&none, "[{{ jsonify }}]"), "[]");
}

#[test]
fn jsonify_option_errors_are_hugo_s() {
    let none = RenderOptions::default();
    assert!(fails(&none, r#"{{ jsonify 1 2 3 }}"#).contains("too many arguments to jsonify"));
    assert!(fails(&none, r#"{{ jsonify (slice 1) 2 }}"#)
        .contains("unable to cast [1] of type []interface {} to map[string]interface {}"));
    assert!(fails(&none, r#"{{ jsonify (dict "noHTMLEscape" "yes") 2 }}"#).contains(
        "cannot parse 'NoHTMLEscape' as bool: strconv.ParseBool: parsing \"yes\": invalid syntax"
    ));
}

// ---- os.Stat ------------------------------------------------------------------------------

#[test]
fn os_stat_gives_the_name_size_and_kind_of_a_site_s_file_or_folder() {
    let options = site_files(&[
        ("hugo.toml", "title = 'Site'\ntheme = 't'\n"),
        ("content/docs/a.md", "---\ntitle: A\n---\nabc\n"),
        ("themes/t/static/theme.txt", "hi"),
    ]);
    assert_eq!(
        shows(
            &options,
            r#"{{ with os.Stat "content/docs/a.md" }}{{ .Name }} {{ .Size }} {{ .IsDir }}{{ end }} {{ with os.Stat "/content/docs/" }}{{ .Name }} {{ .IsDir }}{{ end }} {{ with os.Stat "content/x/../docs/a.md" }}{{ .Name }}{{ end }} {{ (os.Stat "static/theme.txt").Size }}"#
        ),
        "a.md 21 false docs true a.md 2",
        "a theme's file is found where the project has none"
    );
}

#[test]
fn os_stat_of_nothing_is_nil_and_what_a_preview_cannot_know_is_an_error() {
    let options = site_files(&[("content/a.md", "a")]);
    assert_eq!(
        shows(
            &options,
            r#"[{{ with os.Stat "content/b.md" }}found{{ else }}nil{{ end }}] [{{ with os.Stat "" }}found{{ else }}nil{{ end }}]"#
        ),
        "[nil] [nil]",
        "Hugo 0.168 returns nil, no error, for a missing path"
    );
    for member in ["ModTime", "Mode"] {
        let message = fails(
            &options,
            &format!(r#"{{{{ (os.Stat "content/a.md").{member} }}}}"#),
        );
        assert!(
            message.contains(&format!(
                "{member} of \"a.md\": the preview has the site's files"
            )),
            "{message}"
        );
    }
    let message = fails(&options, r#"{{ (os.Stat "content").Size }}"#);
    assert!(message.contains("Size of a folder"), "{message}");
}

// ---- reflect ------------------------------------------------------------------------------

#[test]
fn image_resources_are_processable_as_hugo_s_formats_say() {
    let mut options = site_files(&[("assets/a.svg", "<svg/>"), ("assets/a.txt", "hi")]);
    options
        .binary_files
        .insert("assets/a.png".into(), Default::default());
    let template = r#"{{ range slice "a.png" "a.svg" "a.txt" }}{{ with resources.Get . }}{{ .Name }} {{ reflect.IsImageResource . }} {{ reflect.IsImageResourceWithMeta . }} {{ reflect.IsImageResourceProcessable . }};{{ end }}{{ end }} {{ reflect.IsImageResourceProcessable .Page }} {{ reflect.IsImageResourceProcessable "a.png" }}"#;
    assert_eq!(
        shows(&options, template),
        "/a.png true true true;/a.svg true false false;/a.txt false false false; false false"
    );
}

// ---- transform.Remarshal --------------------------------------------------------------------

#[test]
fn remarshal_writes_yaml_as_toml_and_json_as_hugo_does() {
    let none = RenderOptions::default();
    let yaml = r#"{{ transform.Remarshal "toml" "b: 2.0\na:\n  c: [1.0, x]\n  d: {e: it's}\n" }}"#;
    assert_eq!(
        shows(&none, yaml),
        "b = 2\n\n[a]\n  c = [1.0, 'x']\n\n  [a.d]\n    e = \"it's\""
    );
    assert_eq!(
        shows(
            &none,
            r#"{{ transform.Remarshal "yaml" "a = '2024-01-02'\nb = 'yes'\n" }}"#
        ),
        "a: '2024-01-02'\nb: 'yes'"
    );
    assert_eq!(
        shows(
            &none,
            r#"{{ transform.Remarshal "JSON" (dict "a" (slice)) }}"#
        ),
        "{\n   \"a\": []\n}"
    );
}

#[test]
fn remarshal_errors_name_what_is_wrong() {
    let none = RenderOptions::default();
    assert!(fails(&none, r#"{{ transform.Remarshal "ini" "a: 1" }}"#)
        .contains("failed to detect target data serialization format"));
    assert!(fails(&none, r#"{{ transform.Remarshal "xml" "a: 1" }}"#)
        .contains("transform.Remarshal to xml is not supported by the preview"));
    assert!(
        fails(&none, r#"{{ transform.Remarshal "json" "just words" }}"#)
            .contains("failed to detect format from content")
    );
}
