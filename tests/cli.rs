//! The `hugo-preview` binary, run as a user would: arguments, stdin, stdout, stderr, exit status.
//!
//! Assertions are about the CLI contract, and only lean on rendering facts that hold for any
//! Markdown stage (`*world*` becomes `<em>world</em>`), so they stay true as the pipeline grows.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn hugo_preview(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hugo-preview"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary should start");
    // A command that does not read stdin may close it early; that is not a failure here.
    let _ = child.stdin.take().expect("stdin is piped").write_all(stdin);
    child.wait_with_output().expect("the binary should finish")
}

/// A per-test folder under the system temp dir, removed when the test ends.
struct TempDir(PathBuf);

impl TempDir {
    fn new(test: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("hugo-preview-cli-{}-{test}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp folder");
        TempDir(dir)
    }

    fn file(&self, name: &str, contents: &[u8]) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, contents).expect("temp file");
        path.to_str().expect("temp paths are UTF-8").to_string()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn assert_no_panic(output: &Output) {
    let stderr = text(&output.stderr);
    assert!(!stderr.contains("panicked"), "should not panic: {stderr}");
}

#[test]
fn renders_a_file_to_content_html_by_default() {
    let dir = TempDir::new("default");
    let path = &dir.file("post.md", b"Hello *world*\n");
    let output = hugo_preview(&["render", path], b"");
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("<em>world</em>"),
        "should print the content HTML: {stdout}"
    );
    assert!(stdout.ends_with('\n'), "output should end with a newline");
    assert!(
        !stdout.contains("<article"),
        "content is not the page: {stdout}"
    );
}

#[test]
fn reads_standard_input_when_the_file_is_a_dash() {
    let output = hugo_preview(&["render", "-"], b"Hello *world*\n");
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("<em>world</em>"));
}

#[test]
fn sanitize_prints_html_as_the_policy_leaves_it() {
    let html = b"<div onclick=\"x()\" filename=\"a\" data-x=\"1\"><!-- c --><button type=\"submit\">b</button><script>x()</script></div>";
    let output = hugo_preview(&["sanitize", "-"], html);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        "<div><button type=\"button\">b</button></div>\n"
    );
    // The options' sanitizer settings apply.
    let dir = TempDir::new("sanitize");
    let options = &dir.file("options.json", br#"{"allowDataAttributes": true}"#);
    let output = hugo_preview(&["sanitize", "-", "--options", options], html);
    assert_eq!(
        text(&output.stdout),
        "<div data-x=\"1\"><button type=\"button\">b</button></div>\n"
    );
    let output = hugo_preview(&["sanitize", "-", "--format", "json"], html);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn page_format_prints_the_article_preview() {
    let output = hugo_preview(&["render", "-", "--format", "page"], b"Hello *world*\n");
    assert_eq!(output.status.code(), Some(0));
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("<article"),
        "should print pageHtml: {stdout}"
    );
    assert!(
        stdout.contains("<em>world</em>"),
        "the page holds the content: {stdout}"
    );
}

#[test]
fn json_format_prints_the_whole_rendered_value_in_camel_case() {
    let output = hugo_preview(&["render", "-", "--format=json"], b"Hello *world*\n");
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("stdout should be JSON");
    for key in [
        "contentHtml",
        "summaryHtml",
        "tocHtml",
        "pageHtml",
        "wordCount",
        "diagnostics",
    ] {
        assert!(json.get(key).is_some(), "JSON should have `{key}`: {json}");
    }
    assert!(json["contentHtml"]
        .as_str()
        .unwrap()
        .contains("<em>world</em>"));
    assert!(
        text(&output.stdout).contains("\n  \"contentHtml\""),
        "JSON should be pretty-printed"
    );
}

#[test]
fn exit_status_and_stderr_agree_with_the_diagnostics() {
    // Broken TOML front matter: once the front matter stage reports it, this checks the
    // FILE:LINE:COL format and exit status 1; with no diagnostics it checks status 0.
    let source = b"+++\ntitle = \n+++\nBody\n";
    let dir = TempDir::new("diagnostics");
    let path = &dir.file("broken.md", source);
    let output = hugo_preview(&["render", path], b"");
    assert_no_panic(&output);
    let json_output = hugo_preview(&["render", path, "--format", "json"], b"");
    let json: serde_json::Value = serde_json::from_slice(&json_output.stdout).unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();

    let stderr = text(&output.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines.len(),
        diagnostics.len(),
        "one stderr line per diagnostic: {stderr}"
    );
    for (line, diagnostic) in lines.iter().zip(diagnostics) {
        let expected = format!(
            "{path}:{}:{}: {}: {}",
            diagnostic["line"],
            diagnostic["column"],
            diagnostic["severity"].as_str().unwrap(),
            diagnostic["message"].as_str().unwrap()
        );
        assert_eq!(
            *line, expected,
            "diagnostics print as FILE:LINE:COL: severity: message"
        );
    }
    let has_error = diagnostics.iter().any(|d| d["severity"] == "error");
    assert_eq!(output.status.code(), Some(if has_error { 1 } else { 0 }));
}

#[test]
fn standard_input_is_named_stdin_in_messages() {
    let output = hugo_preview(&["render", "-"], b"ok\n\xff\n");
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.starts_with("<stdin>:2:1: error: invalid UTF-8"),
        "{stderr}"
    );
}

#[test]
fn invalid_utf8_is_an_error_at_its_position_not_a_panic() {
    let dir = TempDir::new("utf8");
    let path = &dir.file("latin1.md", b"# Title\n\ncaf\xe9\n");
    let output = hugo_preview(&["render", path], b"");
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.starts_with(&format!("{path}:3:4: error: invalid UTF-8 (byte 0xE9")),
        "{stderr}"
    );
    assert!(output.stdout.is_empty(), "nothing should be rendered");
}

#[test]
fn a_missing_file_is_reported_with_exit_status_1() {
    let output = hugo_preview(&["render", "/no/such/post.md"], b"");
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("cannot read /no/such/post.md"), "{stderr}");
}

#[test]
fn options_are_read_from_a_json_file() {
    let dir = TempDir::new("options");
    let options = &dir.file(
        "options.json",
        br#"{"summaryLength": 5, "markup": {"goldmark": {"unsafe": true}}}"#,
    );
    let output = hugo_preview(&["render", "-", "--options", options], b"Hello *world*\n");
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("<em>world</em>"));
}

#[test]
fn bad_options_json_is_an_error_with_its_position() {
    let dir = TempDir::new("bad-options");
    let options = &dir.file("options.json", b"{\n  \"summaryLength\": \"x\"\n}");
    let output = hugo_preview(&["render", "-", "--options", options], b"Hello\n");
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.starts_with(&format!("{options}:2:")) && stderr.contains("error: invalid options"),
        "{stderr}"
    );
    assert!(
        !stderr.contains(" at line "),
        "the position is said once: {stderr}"
    );
}

#[test]
fn usage_errors_exit_with_status_2_and_show_the_usage() {
    let cases: &[&[&str]] = &[
        &[],
        &["render"],
        &["frobnicate"],
        &["render", "-", "--format", "xml"],
        &["render", "-", "--format"],
        &["render", "-", "--bogus"],
        &["render", "a.md", "b.md"],
    ];
    for args in cases {
        let output = hugo_preview(args, b"");
        assert_eq!(output.status.code(), Some(2), "{args:?} is a usage error");
        let stderr = text(&output.stderr);
        assert!(
            stderr.contains("Usage: hugo-preview render"),
            "{args:?}: {stderr}"
        );
        assert!(
            output.stdout.is_empty(),
            "{args:?} prints nothing on stdout"
        );
    }
}

#[test]
fn help_and_version_print_to_stdout_and_succeed() {
    let help = hugo_preview(&["--help"], b"");
    assert_eq!(help.status.code(), Some(0));
    assert!(text(&help.stdout).contains("Usage: hugo-preview render"));

    let version = hugo_preview(&["--version"], b"");
    assert_eq!(version.status.code(), Some(0));
    assert_eq!(
        text(&version.stdout),
        format!("hugo-preview {}\n", env!("CARGO_PKG_VERSION"))
    );
}

// ---- Shortcodes: parse, --config, --layouts ----

#[test]
fn parse_prints_the_outline_as_json() {
    let source = b"+++\ntitle = \"T\"\n+++\nA {{< figure src=\"a.png\" >}}\n{{% details summary=\"S\" %}}x {{< param title >}}{{% /details %}}\n";
    let output = hugo_preview(&["parse", "-"], source);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let outline: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("parse prints JSON");
    assert_eq!(outline["frontMatter"]["title"], "T");
    let shortcodes = outline["shortcodes"].as_array().expect("shortcodes");
    assert_eq!(shortcodes[0]["name"], "figure");
    assert_eq!(shortcodes[0]["params"]["src"], "a.png");
    assert_eq!(shortcodes[0]["markdown"], false);
    assert_eq!(shortcodes[1]["name"], "details");
    assert_eq!(shortcodes[1]["markdown"], true);
    assert_eq!(shortcodes[1]["inner"], "x {{< param title >}}");
    assert_eq!(shortcodes[1]["children"][0]["name"], "param");
    assert_eq!(
        shortcodes[1]["children"][0]["params"],
        serde_json::json!(["title"])
    );
    // The package's shape: start and end (bytes here) beside the line.
    let start = shortcodes[0]["start"].as_u64().unwrap() as usize;
    let end = shortcodes[0]["end"].as_u64().unwrap() as usize;
    assert_eq!(&source[start..end], b"{{< figure src=\"a.png\" >}}");
    assert_eq!(shortcodes[1]["children"][0]["line"], shortcodes[1]["line"]);
}

#[test]
fn parse_reports_shortcode_errors_on_stderr_and_in_the_json() {
    let output = hugo_preview(&["parse", "-"], b"Text\n{{< nope >}}\n");
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr)
        .contains("<stdin>:2:1: error: failed to extract shortcode: template for shortcode \"nope\" not found"));
    let outline: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(outline["diagnostics"][0]["line"], 2);
}

#[test]
fn layouts_make_site_shortcodes_known_and_config_sets_params() {
    let dir = TempDir::new("layouts");
    std::fs::create_dir_all(dir.0.join("layouts/shortcodes/sub")).unwrap();
    dir.file("layouts/shortcodes/box.html", b"<div>{{ .Inner }}</div>");
    dir.file(
        "layouts/shortcodes/sub/note.html",
        b"<span>{{ .Get 0 }}</span>",
    );
    dir.file("layouts/shortcodes/ignored.png", b"\x89PNG");
    let config = dir.file("hugo.yaml", b"params:\n  who: World\n");
    let post = dir.file(
        "post.md",
        b"+++\n+++\n{{< box >}}in{{< /box >}} {{< sub/note x >}} {{< param who >}}\n",
    );
    let layouts = dir.0.join("layouts");
    let output = hugo_preview(
        &[
            "parse",
            &post,
            "--layouts",
            layouts.to_str().unwrap(),
            "--config",
            &config,
        ],
        b"",
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let outline: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        outline["shortcodes"][0]["inner"], "in",
        "box uses .Inner: it is closed"
    );
    assert_eq!(outline["shortcodes"][1]["name"], "sub/note");

    let output = hugo_preview(&["render", &post, "--config", &config], b"");
    let stdout = text(&output.stdout);
    assert!(stdout.contains("World"), "{stdout}");
}

/// Hugo 0.146 renamed `layouts/shortcodes` and `layouts/partials` to `_shortcodes` and
/// `_partials` (current docsy uses only those); `--layouts` reads both names.
#[test]
fn layouts_read_hugo_0_146_underscore_folders() {
    let dir = TempDir::new("underscore-layouts");
    std::fs::create_dir_all(dir.0.join("layouts/_shortcodes/td")).unwrap();
    std::fs::create_dir_all(dir.0.join("layouts/_partials")).unwrap();
    dir.file(
        "layouts/_shortcodes/alert.html",
        b"<div class=\"alert\">{{ partial \"icon.html\" . }}{{ .Inner }}</div>",
    );
    dir.file("layouts/_shortcodes/td/note.html", b"<em>{{ .Get 0 }}</em>");
    dir.file("layouts/_partials/icon.html", b"<i>!</i>");
    let post = dir.file(
        "post.md",
        b"+++\n+++\n{{< alert >}}careful{{< /alert >}} {{< td/note x >}}\n",
    );
    for layouts in [dir.0.join("layouts"), dir.0.clone()] {
        let output = hugo_preview(
            &["render", &post, "--layouts", layouts.to_str().unwrap()],
            b"",
        );
        assert!(output.status.success(), "{}", text(&output.stderr));
        let stdout = text(&output.stdout);
        assert!(
            stdout.contains("<div class=\"alert\"><i>!</i>careful</div> <em>x</em>"),
            "{stdout}"
        );
    }
}

#[test]
fn a_template_value_nested_too_deep_is_an_error_not_an_abort() {
    // Before MAX_TEMPLATE_VALUE_DEPTH, this one-line template nested a value 90,000 levels
    // deep, and dropping it overflowed the stack: the process aborted (status 134).
    let dir = TempDir::new("deepvalue");
    std::fs::create_dir_all(dir.0.join("layouts/shortcodes")).unwrap();
    dir.file(
        "layouts/shortcodes/deep.html",
        br#"{{ $x := dict }}{{ range seq 300 }}{{ range seq 300 }}{{ $x = dict "a" $x }}{{ end }}{{ end }}ok"#,
    );
    let post = dir.file("post.md", b"before\n\n{{< deep >}}\n\nafter\n");
    let layouts = dir.0.join("layouts");
    let output = hugo_preview(
        &["render", &post, "--layouts", layouts.to_str().unwrap()],
        b"",
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "an error diagnostic, not a crash: {}",
        text(&output.stderr)
    );
    let stdout = text(&output.stdout);
    assert!(
        stdout.starts_with("<p>before</p>") && stdout.trim_end().ends_with("<p>after</p>"),
        "the page renders around the call: {stdout}"
    );
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("post.md:3:1: error: failed to render shortcode \"deep\": template: shortcodes/deep.html:1:62: ")
            && stderr.contains("error calling dict: ")
            && stderr.contains("MAX_TEMPLATE_VALUE_DEPTH"),
        "{stderr}"
    );
}

#[test]
fn a_broken_config_is_reported_against_the_config_file() {
    let dir = TempDir::new("badconfig");
    let config = dir.file("hugo.toml", b"title = \"x\"\nbaseURL =\n");
    let output = hugo_preview(&["render", "-", "--config", &config], b"Hello\n");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(text(&output.stdout), "<p>Hello</p>\n");
    let stderr = text(&output.stderr);
    assert!(stderr.starts_with(&format!("{config}:2:")), "{stderr}");
}

#[test]
fn a_config_warning_is_reported_at_its_key_in_the_config_file() {
    let dir = TempDir::new("configwarning");
    let config = dir.file(
        "site.yml",
        b"title: x\nmarkup:\n  goldmark:\n    renderer:\n      hardWraps: often\n",
    );
    let output = hugo_preview(&["render", "-", "--config", &config], b"Hello\n");
    assert_eq!(
        output.status.code(),
        Some(0),
        "a warning should not fail the run"
    );
    let stderr = text(&output.stderr);
    assert!(
        stderr.starts_with(&format!(
            "{config}:5:7: warning: config: markup.goldmark.renderer.hardWraps"
        )),
        "the warning should name the config file and its key's line and column: {stderr}"
    );
}

// ---- --i18n ----

#[test]
fn i18n_loads_the_translations_of_the_site_language() {
    let dir = TempDir::new("i18n");
    std::fs::create_dir_all(dir.0.join("layouts/shortcodes")).unwrap();
    std::fs::create_dir_all(dir.0.join("i18n")).unwrap();
    dir.file(
        "layouts/shortcodes/t.html",
        b"{{ T \"hello\" }}|{{ T \"apples\" 1 }}|{{ T \"apples\" 3 }}|{{ T \"nav.home\" }}",
    );
    dir.file(
        "i18n/en.toml",
        b"hello = \"Hello\"\n[apples]\none = \"one apple\"\nother = \"{{ .Count }} apples\"\n[nav]\nhome = \"Home\"\n",
    );
    dir.file(
        "i18n/fr.yaml",
        b"- id: hello\n  translation: Bonjour\n- id: apples\n  translation:\n    one: une pomme\n    other: \"{{ .Count }} pommes\"\n",
    );
    dir.file("i18n/de.json", b"{\"hello\": \"Hallo\"}");
    let post = dir.file("post.md", b"+++\n+++\n{{< t >}}\n");
    let layouts = dir.0.join("layouts");
    let i18n = dir.0.join("i18n");
    let run = |config: Option<&str>, i18n_dir: &str| {
        let mut args = vec![
            "render",
            post.as_str(),
            "--layouts",
            layouts.to_str().unwrap(),
            "--i18n",
            i18n_dir,
        ];
        if let Some(config) = config {
            args.extend(["--config", config]);
        }
        hugo_preview(&args, b"")
    };
    let output = run(None, i18n.to_str().unwrap());
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        "Hello|one apple|3 apples|Home\n",
        "no config: English"
    );
    // The site root works too, and languageCode picks the file (fr-FR → fr).
    let config = dir.file("hugo.toml", b"languageCode = \"fr-FR\"\n");
    let output = run(Some(&config), dir.0.to_str().unwrap());
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(text(&output.stdout), "Bonjour|une pomme|3 pommes|\n");
    let config = dir.file("hugo.yaml", b"defaultContentLanguage: de\n");
    let output = run(Some(&config), i18n.to_str().unwrap());
    assert_eq!(text(&output.stdout), "Hallo|||\n");
    // A language without a file falls back to English.
    let config = dir.file("other.toml", b"languageCode = \"nl\"\n");
    let output = run(Some(&config), i18n.to_str().unwrap());
    assert_eq!(text(&output.stdout), "Hello|one apple|3 apples|Home\n");
}

#[test]
fn i18n_problems_are_clear_input_errors() {
    let dir = TempDir::new("i18n-bad");
    let post = dir.file("post.md", b"Hi\n");
    let missing = dir.0.join("nope");
    let output = hugo_preview(&["render", &post, "--i18n", missing.to_str().unwrap()], b"");
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("--i18n") && text(&output.stderr).contains("not a folder"),
        "{}",
        text(&output.stderr)
    );

    std::fs::create_dir_all(dir.0.join("i18n")).unwrap();
    dir.file("i18n/fr.toml", b"hello = \"Bonjour\"\n");
    let output = hugo_preview(&["render", &post, "--i18n", dir.0.to_str().unwrap()], b"");
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("no translation file for en"),
        "{}",
        text(&output.stderr)
    );

    let bad = dir.file("i18n/en.toml", b"hello = \"Hi\"\nbye =\n");
    let output = hugo_preview(&["render", &post, "--i18n", dir.0.to_str().unwrap()], b"");
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(stderr.starts_with(&format!("{bad}:2:")), "{stderr}");
    assert!(stderr.contains(": error: "), "{stderr}");

    let output = hugo_preview(&["render", &post, "--i18n"], b"");
    assert_eq!(
        output.status.code(),
        Some(2),
        "a missing value is a usage error"
    );
}

/// Without `path` in `--options`, the page is named as Hugo names it: below `content/`.
#[test]
fn the_page_path_defaults_to_the_file_below_content() {
    let dir = TempDir::new("content-path");
    std::fs::create_dir_all(dir.0.join("content/posts/bundle")).expect("content folder");
    std::fs::create_dir_all(dir.0.join("layouts/shortcodes")).expect("layouts folder");
    dir.file(
        "layouts/shortcodes/f.html",
        b"{{ .Page.File.Path }} {{ .Page.File.Ext }} {{ .Page.File.ContentBaseName }}",
    );
    let page = dir.file("content/posts/bundle/index.md", b"+++\n+++\n{{< f >}}\n");
    let layouts = dir.0.join("layouts");
    let output = hugo_preview(
        &["render", &page, "--layouts", layouts.to_str().unwrap()],
        b"",
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(text(&output.stdout), "posts/bundle/index.md md bundle\n");
}

#[test]
fn omitted_raw_html_is_a_warning_on_stderr_and_the_page_renders() {
    let dir = TempDir::new("raw-html");
    let path = &dir.file(
        "post.md",
        b"---\ntitle: p1\n---\n<div>block</div>\n\nInline <b>bold</b>.\n",
    );
    let output = hugo_preview(&["render", path], b"");
    assert_no_panic(&output);
    assert!(
        output.status.success(),
        "a warning does not fail the render"
    );
    let stderr = text(&output.stderr);
    assert_eq!(
        stderr
            .matches("warning: Raw HTML omitted while rendering")
            .count(),
        1,
        "once per page, as Hugo logs it: {stderr}"
    );
    assert!(
        stderr.contains("post.md:4:1: warning: Raw HTML omitted"),
        "at the first raw HTML: {stderr}"
    );
}

#[test]
fn site_reads_a_hugo_project_from_disk() {
    let dir = TempDir::new("site");
    for folder in [
        "content/docs/content/x",
        "themes/t/layouts/_shortcodes",
        "layouts/_markup",
        "layouts/_shortcodes",
        "data",
    ] {
        std::fs::create_dir_all(dir.0.join(folder)).unwrap();
    }
    dir.file("hugo.toml", b"theme = 't'\n");
    dir.file(
        "themes/t/layouts/_shortcodes/s.html",
        b"{{ .Page.File.Path }} {{ site.Data.d.x }} {{ with .Page.Resources.Get \"p.png\" }}{{ .Width }}x{{ .Height }}{{ end }} {{ with .Page.Resources.Get \"nb.ipynb\" }}{{ .Content }}{{ end }}{{ with .Page.Resources.Get \"blob.bin\" }}{{ .Content }}{{ end }}",
    );
    dir.file(
        "layouts/_markup/render-link.html",
        b"<a class=\"h\" href=\"{{ .Destination }}\">{{ .Text }}</a>",
    );
    dir.file("data/d.yaml", b"x: 7\n");
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend_from_slice(&30u32.to_be_bytes());
    png.extend_from_slice(&20u32.to_be_bytes());
    dir.file("content/docs/content/x/p.png", &png);
    // Any small text file of a bundle is read (a notebook); a binary one is not.
    dir.file("content/docs/content/x/nb.ipynb", b"{\"cells\": []}");
    dir.file("content/docs/content/x/blob.bin", b"a\0b");
    dir.file(
        "content/docs/content/x/index.md",
        b"+++\n+++\n{{< s >}} [l](/y)\n",
    );
    dir.file("layouts/_shortcodes/bad.html", b"{{ if }}");
    let site = dir.0.to_str().unwrap();
    let page = dir.0.join("content/docs/content/x/index.md");
    let output = hugo_preview(&["render", page.to_str().unwrap(), "--site", site], b"");
    assert!(output.status.success(), "{}", text(&output.stderr));
    // The page's path is below the site's content folder (not the last `/content/`), and an
    // unused broken template says nothing.
    assert_eq!(
        text(&output.stdout).trim_end(),
        "<p>docs/content/x/index.md 7 30x20 {\"cells\": []} <a class=\"h\" href=\"/y\">l</a></p>"
    );
    assert_eq!(text(&output.stderr), "");
}

#[test]
fn manifest_lists_the_files_site_reads_and_the_sizes_of_its_images() {
    let dir = TempDir::new("manifest");
    for folder in [
        "layouts/_shortcodes",
        "content/posts/x",
        "static/admin",
        "public",
        "i18n",
    ] {
        std::fs::create_dir_all(dir.0.join(folder)).unwrap();
    }
    dir.file("hugo.toml", b"title = 't'\n");
    dir.file("layouts/_shortcodes/s.html", b"{{ .Get 0 }}");
    dir.file("i18n/en.toml", b"[hi]\nother = 'Hi'\n");
    dir.file("content/posts/x/index.md", b"+++\n+++\n");
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend_from_slice(&30u32.to_be_bytes());
    png.extend_from_slice(&20u32.to_be_bytes());
    dir.file("content/posts/x/p.png", &png);
    // What Hugo publishes is not the project's source: left out, as --site leaves it; static
    // files are read (templates may `readFile` them).
    dir.file("static/admin/config.yml", b"backend: {}\n");
    dir.file("public/index.html", b"<p>built</p>");
    dir.file("layouts/_shortcodes/notes.bin", b"\0\x01");
    let output = hugo_preview(&["manifest", dir.0.to_str().unwrap()], b"");
    assert!(output.status.success(), "{}", text(&output.stderr));
    let manifest: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("the manifest should be JSON");
    assert_eq!(
        manifest,
        serde_json::json!({
            "files": [
                "content/posts/x/index.md",
                "hugo.toml",
                "i18n/en.toml",
                "layouts/_shortcodes/s.html",
                "static/admin/config.yml",
            ],
            "binaryFiles": {
                "content/posts/x/p.png": { "url": null, "width": 30, "height": 20 },
            },
        }),
        "the files in path order, images with their sizes"
    );
}

#[test]
fn manifest_wants_one_folder() {
    let output = hugo_preview(&["manifest"], b"");
    assert_eq!(output.status.code(), Some(2), "no folder is a usage error");
    assert!(text(&output.stderr).contains("`manifest` takes one argument"));
    let output = hugo_preview(&["manifest", "/nonexistent/hugo-preview-site"], b"");
    assert_eq!(
        output.status.code(),
        Some(1),
        "a missing folder is an input error"
    );
    assert!(text(&output.stderr).contains("not a folder"));
}

#[test]
fn the_sample_sites_manifest_is_current() {
    // The demo's CMS page fetches the sample site through this list (`make demo`).
    let site = concat!(env!("CARGO_MANIFEST_DIR"), "/www/sample-site");
    let output = hugo_preview(&["manifest", site], b"");
    assert!(output.status.success(), "{}", text(&output.stderr));
    let committed = std::fs::read_to_string(format!("{site}/hugo-preview.json")).unwrap();
    assert_eq!(
        text(&output.stdout),
        committed,
        "regenerate it: cargo run -- manifest www/sample-site > www/sample-site/hugo-preview.json"
    );
}
