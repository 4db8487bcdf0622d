//! Every way a site shortcode template can fail or reach something a preview does not have,
//! through the public API: the diagnostic's severity, a message naming the culprit with the
//! template's line and column (Go's `template: shortcodes/x.html:LINE:COL: …`), the call
//! shown as an error box, and the rest of the post still rendered.
//!
//! Runtime failures are reported at the call in the content file (`file` is `None`) with the
//! template's position in the message; templates that do not compile are also reported
//! against the template file (`file` = `shortcodes/x.html`, its line and column).

use hugo_preview::{render, Diagnostic, RenderOptions, Rendered, Severity};

/// The post: the call is on line 6, column 1.
const POST: &str = "+++\ntitle = \"T\"\n+++\nBefore *a*.\n\n{{< x >}}\n\nAfter *b*.\n";
const CALL: (usize, usize) = (6, 1);

fn run(template: &str) -> Rendered {
    let mut options = RenderOptions::default();
    options.shortcodes.insert("x".into(), template.into());
    render(POST, &options)
}

fn the_rest_renders(out: &Rendered) {
    assert!(
        out.content_html.starts_with("<p>Before <em>a</em>.</p>"),
        "{}",
        out.content_html
    );
    assert!(
        out.content_html.ends_with("<p>After <em>b</em>.</p>\n"),
        "{}",
        out.content_html
    );
}

fn errors(out: &Rendered) -> Vec<&Diagnostic> {
    out.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

/// A template that fails while running: one error at the call, whose message is Go's
/// `template: shortcodes/x.html:LINE:COL: executing "shortcodes/x.html" at <…>: …`, with
/// Go's COL: the byte offset in the line, from 0, of the node Go blames (a chain's second
/// link). The columns here were checked against Hugo 0.111.3.
#[track_caller]
fn fails_at(template: &str, line: usize, column: usize, says: &[&str]) -> String {
    let out = run(template);
    let errors = errors(&out);
    assert_eq!(errors.len(), 1, "{template}: {:?}", out.diagnostics);
    let d = errors[0];
    let prefix =
        format!("failed to render shortcode \"x\": template: shortcodes/x.html:{line}:{column}: ");
    assert!(
        d.message.starts_with(&prefix),
        "{template}: want {prefix:?}…, got {:?}",
        d.message
    );
    for part in says {
        assert!(
            d.message.contains(part),
            "{template}: {part:?} not in {:?}",
            d.message
        );
    }
    assert!(d.location.is_content(), "runtime errors point at the call");
    assert_eq!((d.line, d.column), CALL);
    assert!(
        out.content_html.contains("hugo-preview-error"),
        "{template}: {}",
        out.content_html
    );
    the_rest_renders(&out);
    d.message.clone()
}

/// A template that does not compile: reported against the template file, and its call is
/// an error box with the same message.
#[track_caller]
fn does_not_compile(template: &str, line: usize, column: usize, says: &str) {
    let out = run(template);
    let in_template = out
        .diagnostics
        .iter()
        .find(|d| d.location.file_name().as_deref() == Some("shortcodes/x.html"))
        .unwrap_or_else(|| panic!("{template}: {:?}", out.diagnostics));
    assert_eq!(in_template.severity, Severity::Error);
    assert_eq!(
        (in_template.line, in_template.column),
        (line, column),
        "{template}: {}",
        in_template.message
    );
    assert!(
        in_template
            .message
            .starts_with(&format!("template: shortcodes/x.html:{line}: ")),
        "{}",
        in_template.message
    );
    assert!(
        in_template.message.contains(says),
        "{template}: {says:?} not in {:?}",
        in_template.message
    );
    let at_call = out
        .diagnostics
        .iter()
        .find(|d| d.location.is_content())
        .unwrap_or_else(|| panic!("{template}: no error at the call: {:?}", out.diagnostics));
    assert_eq!(at_call.severity, Severity::Error);
    assert_eq!((at_call.line, at_call.column), CALL);
    assert!(at_call.message.contains(says), "{}", at_call.message);
    assert!(out.content_html.contains("hugo-preview-error"));
    the_rest_renders(&out);
}

// ---- functions ---------------------------------------------------------------------------

#[test]
fn an_unknown_function() {
    does_not_compile(
        "<b>\n  {{ nope 1 }}</b>",
        2,
        6,
        "function \"nope\" not defined",
    );
}

#[test]
fn functions_hugo_has_but_a_preview_does_not() {
    for name in [
        "getJSON",
        "getCSV",
        "shuffle",
        "group",
        "math.Rand",
        "debug.Dump",
    ] {
        does_not_compile(
            &format!("{{{{ {name} }}}}"),
            1,
            4,
            &format!("function \"{name}\" not defined"),
        );
    }
}

#[test]
fn wrong_argument_counts() {
    fails_at(
        "<i>{{ upper \"a\" \"b\" }}</i>",
        1,
        6,
        &[
            "at <upper \"a\" \"b\">",
            "error calling upper: wrong number of args for upper: want 1 got 2",
        ],
    );
    fails_at(
        "{{ printf }}",
        1,
        3,
        &["error calling printf: wrong number of args for printf: want at least 1 got 0"],
    );
    fails_at(
        "{{ not 1 2 }}",
        1,
        3,
        &["wrong number of args for not: want 1 got 2"],
    );
    fails_at(
        "{{ and }}",
        1,
        3,
        &["wrong number of args for and: want at least 1 got 0"],
    );
    fails_at(
        "{{ .Get }}",
        1,
        3,
        &[
            "at <.Get>",
            "at <.Get>: wrong number of args for Get: want 1 got 0",
        ],
    );
}

#[test]
fn wrong_argument_types() {
    fails_at(
        "{{ math.Sqrt \"abc\" }}",
        1,
        7,
        &["at <math.Sqrt>: error calling Sqrt: the math.Sqrt function requires a numeric argument"],
    );
    fails_at(
        "{{ strings.Repeat \"x\" \"y\" }}",
        1,
        10,
        &["at <strings.Repeat>: error calling Repeat"],
    );
    fails_at(
        "{{ ref . (dict \"path\" \"a\") | relref \"x\" }}",
        1,
        29,
        &["error calling relref: invalid Page received in RelRef"],
    );
    fails_at(
        "{{ relref \"not a page\" \"a.md\" }}",
        1,
        3,
        &["error calling relref: invalid Page received in RelRef"],
    );
}

#[test]
fn errorf_is_an_error_and_warnf_a_warning() {
    let out = run("{{ errorf \"bad %s\" \"thing\" }}");
    let errors = errors(&out);
    assert_eq!(errors.len(), 1, "{:?}", out.diagnostics);
    assert_eq!(errors[0].message, "bad thing");
    assert_eq!((errors[0].line, errors[0].column), CALL);
    assert!(out.content_html.contains("hugo-preview-error"));
    the_rest_renders(&out);

    let out = run("<em>{{ warnf \"careful %d\" 3 }}kept</em>");
    assert_eq!(out.diagnostics.len(), 1, "{:?}", out.diagnostics);
    assert_eq!(out.diagnostics[0].severity, Severity::Warning);
    assert_eq!(out.diagnostics[0].message, "careful 3");
    assert!(!out.content_html.contains("hugo-preview-error"));
    assert!(
        out.content_html.contains("<em>kept</em>"),
        "{}",
        out.content_html
    );
}

// ---- fields and methods ------------------------------------------------------------------

#[test]
fn unknown_fields_name_the_field_and_the_type() {
    fails_at(
        "{{ .Nope }}",
        1,
        3,
        &[
            "at <.Nope>",
            "can't evaluate field Nope in type *hugolib.ShortcodeWithPage",
        ],
    );
    fails_at(
        "\n\n  {{ .Page.Nope }}",
        3,
        10,
        &[
            "at <.Page.Nope>",
            "can't evaluate field Nope in type page.Page",
        ],
    );
    fails_at(
        "{{ .Site.Nope }}",
        1,
        8,
        &["can't evaluate field Nope in type page.Site"],
    );
    fails_at(
        "{{ .Position.Nope }}",
        1,
        12,
        &["can't evaluate field Nope in type text.Position"],
    );
    fails_at(
        "{{ .Page.File.Nope }}",
        1,
        8,
        &["can't evaluate field Nope in type source.File"],
    );
    fails_at(
        "{{ .Page.Date.Nope }}",
        1,
        8,
        &["can't evaluate field Nope in type time.Time"],
    );
    // `(.Get 0).Foo` is nil, not an error, in Hugo 0.168: tests/site.rs.
}

#[test]
fn misused_values() {
    fails_at(
        "{{ .Page.Params 1 }}",
        1,
        8,
        &["at <.Page.Params>: wrong number of args for Params: want 0 got 1"],
    );
    fails_at(
        "{{ .Params 1 }}",
        1,
        3,
        &["at <.Params>: Params is not a method but has arguments"],
    );
    fails_at(
        "{{ \"x\" 1 }}",
        1,
        3,
        &["can't give argument to non-function \"x\""],
    );
    fails_at(
        "{{ range true }}{{ end }}",
        1,
        9,
        &["range can't iterate over true"],
    );
    fails_at(
        "{{ partial \"nope\" . }}",
        1,
        3,
        &["error calling partial: partial \"nope\" not found"],
    );
    // Go's escaper finds this before running, with its own prefix and the name's column
    // (Hugo 0.111.3: `html/template:shortcodes/x.html:1:12: no such template "nope"`).
    let out = run("{{ template \"nope\" }}");
    let errors = errors(&out);
    assert_eq!(errors.len(), 1, "{:?}", out.diagnostics);
    assert_eq!(
        errors[0].message,
        "failed to render shortcode \"x\": html/template:shortcodes/x.html:1:12: no such template \"nope\""
    );
    assert!(out.content_html.contains("hugo-preview-error"));
    the_rest_renders(&out);
}

// ---- limits ------------------------------------------------------------------------------

#[test]
fn a_runaway_loop_stops_at_the_step_budget() {
    fails_at(
        "{{ range 1000000 }}{{ range 1000000 }}{{ end }}{{ end }}",
        1,
        22,
        &["execution stopped after 1000000 steps"],
    );
}

#[test]
fn endless_recursion_stops_at_the_depth_limit() {
    fails_at(
        "{{ define \"r\" }}{{ template \"r\" . }}{{ end }}{{ template \"r\" . }}",
        1,
        28,
        // Hugo 0.111.3: `shortcodes/x.html:1:28: executing "r" at <{{template "r" .}}>:
        // exceeded maximum template depth (100000)`; the preview's bound is 64.
        &["executing \"r\" at <{{template \"r\" .}}>: exceeded maximum template depth (64)"],
    );
    fails_at(
        "{{ define \"partials/inline/p.html\" }}{{ partial \"inline/p.html\" . }}{{ end }}{{ partial \"inline/p.html\" . }}",
        1,
        40,
        &["exceeded maximum template depth (64)"],
    );
}

#[test]
fn output_stops_at_the_size_limit() {
    fails_at(
        "{{ range 2000 }}{{ strings.Repeat 10000 \"x\" }}{{ end }}",
        1,
        19,
        &["output exceeds 8388608 bytes"],
    );
}

// ---- templates that do not compile -------------------------------------------------------

#[test]
fn parse_errors_are_reported_against_the_template() {
    does_not_compile(
        "<p>\n{{ .Get 0 </p>",
        2,
        11,
        "unrecognized character in action",
    );
    does_not_compile("a\n{{ end }}", 2, 4, "unexpected {{end}}");
    does_not_compile("{{ if true }}a", 1, 15, "unexpected EOF");
    does_not_compile("<a>{{ $x }}</a>", 1, 7, "undefined variable \"$x\"");
    does_not_compile(
        "{{ \"s\".Foo }}",
        1,
        7,
        "unexpected . after term \"\\\"s\\\"\"",
    );
    does_not_compile(
        "{{ define \"a\" }}{{ end }}{{ else }}",
        1,
        29,
        "unexpected {{else}}",
    );
}
