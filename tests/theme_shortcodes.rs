//! Constructs that real themes' shortcode templates use (found by
//! tests/differential/themes.py), reproduced in templates written for these tests.

use hugo_preview::{render, RenderOptions, Severity};

fn with_templates(templates: &[(&str, &str)]) -> RenderOptions {
    let mut options = RenderOptions::default();
    for (name, source) in templates {
        options.shortcodes.insert((*name).into(), (*source).into());
    }
    options
}

fn errors(out: &hugo_preview::Rendered) -> Vec<String> {
    out.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.message.clone())
        .collect()
}

/// Tab groups: the nested calls add to `.Parent.Scratch`, the enclosing call reads its own
/// `.Scratch` after `.Inner` has been rendered.
#[test]
fn nested_calls_fill_the_parent_scratch() {
    let options = with_templates(&[
        (
            "group",
            "{{ if .Inner }}{{ end }}<ul>{{ range $i, $t := .Scratch.Get \"items\" }}<li id=\"t-{{ $i }}\">{{ $t.Name }}: {{ $t.Body }}</li>{{ end }}</ul>",
        ),
        (
            "item",
            "{{ if not (.Parent.Scratch.Get \"items\") }}{{ .Parent.Scratch.Set \"items\" slice }}{{ end }}{{ .Parent.Scratch.Add \"items\" (dict \"Name\" (.Get 0) \"Body\" .Inner) }}",
        ),
    ]);
    let out = render(
        "+++\n+++\n{{< group >}}\n{{< item \"A\" >}}one{{< /item >}}\n{{< item \"B\" >}}two{{< /item >}}\n{{< /group >}}\n",
        &options,
    );
    assert!(errors(&out).is_empty(), "{:?}", errors(&out));
    assert_eq!(
        out.content_html.trim(),
        "<ul><li id=\"t-0\">A: one</li><li id=\"t-1\">B: two</li></ul>"
    );
}

/// `SetInMap` on the parent, then a range over the map in key order.
#[test]
fn scratch_set_in_map_ranges_in_key_order() {
    let options = with_templates(&[
        (
            "pane",
            "{{- .Inner -}}{{ range $k, $v := .Scratch.Get \"tabs\" }}[{{ $k }}={{ $v.h }}]{{ end }}",
        ),
        (
            "tab",
            "{{ .Parent.Scratch.SetInMap \"tabs\" (printf \"%02v\" .Ordinal) (dict \"h\" (.Get 0)) }}",
        ),
    ]);
    let out = render(
        "+++\n+++\n{{< pane >}}{{< tab x >}}{{< tab y >}}{{< /pane >}}\n",
        &options,
    );
    assert!(errors(&out).is_empty(), "{:?}", errors(&out));
    assert!(
        out.content_html.contains("[00=x][01=y]"),
        "{}",
        out.content_html
    );
}

/// `.Page.Scratch` and `.Page.Store` live for the whole page: a first-call-only guard.
#[test]
fn page_scratch_is_shared_by_every_call() {
    let options = with_templates(&[(
        "once",
        "{{ if not (.Page.Scratch.Get \"seen\") }}FIRST{{ .Page.Scratch.Set \"seen\" true }}{{ end }}{{ .Page.Store.Add \"n\" 1 }}<b>{{ .Page.Store.Get \"n\" }}</b>",
    )]);
    let out = render("+++\n+++\n{{< once >}}\n\n{{< once >}}\n", &options);
    assert!(errors(&out).is_empty(), "{:?}", errors(&out));
    assert_eq!(
        out.content_html.matches("FIRST").count(),
        1,
        "{}",
        out.content_html
    );
    assert!(
        out.content_html.contains("<b>1</b>"),
        "{}",
        out.content_html
    );
    assert!(
        out.content_html.contains("<b>2</b>"),
        "{}",
        out.content_html
    );
}

/// `Scratch.Add`: numbers add, strings concatenate, lists append; a string and a number are
/// Hugo's `DoArithmetic` error (Hugo 0.168: `error calling Add: can't apply the operator to
/// the values`).
#[test]
fn scratch_add_follows_the_value_kind() {
    let options = with_templates(&[(
        "adds",
        "{{ $s := .Scratch }}{{ $s.Add \"n\" 2 }}{{ $s.Add \"n\" 3 }}{{ $s.Add \"t\" \"a\" }}{{ $s.Add \"t\" \"b\" }}{{ $s.Set \"l\" (slice 1) }}{{ $s.Add \"l\" 2 }}{{ $s.Add \"l\" (slice 3 4) }}{{ $s.Get \"n\" }} {{ $s.Get \"t\" }} {{ $s.Get \"l\" }}",
    )]);
    let out = render("+++\n+++\n{{< adds >}}\n", &options);
    assert!(errors(&out).is_empty(), "{:?}", errors(&out));
    assert!(
        out.content_html.contains("5 ab [1 2 3 4]"),
        "{}",
        out.content_html
    );
    let options = with_templates(&[(
        "mixed",
        "{{ .Scratch.Set \"b\" \"x\" }}{{ .Scratch.Add \"b\" 1 }}",
    )]);
    let out = render("+++\n+++\n{{< mixed >}}\n", &options);
    let errors = errors(&out);
    assert!(
        errors.len() == 1 && errors[0].contains("can't apply the operator to the values"),
        "{errors:?}"
    );
}

/// `sha1` (geekdoc's expand ids), `hasPrefix` (docsy's feature block), `hugo.Version`.
#[test]
fn sha1_has_prefix_and_hugo_version() {
    let options = with_templates(&[(
        "f",
        "{{ sha1 \"abc\" }} {{ sha1 \"\" }} {{ hasPrefix \"fab x\" \"fab \" }} {{ hugo.Version }}",
    )]);
    let out = render("+++\n+++\n{{< f >}}\n", &options);
    assert!(errors(&out).is_empty(), "{:?}", errors(&out));
    assert!(
        out.content_html.contains(
            "a9993e364706816aba3e25717850c26c9cd0d89d da39a3ee5e6b4b0d3255bfef95601890afd80709 true 0.168.0"
        ),
        "{}",
        out.content_html
    );
}

/// `md5` and `base64Encode`/`base64Decode` (and their namespaced names), checked against
/// known digests and encodings, including inputs longer than one block.
#[test]
fn md5_and_base64() {
    let long = "a".repeat(200);
    let template = format!(
        "{{{{ md5 \"\" }}}} {{{{ crypto.MD5 \"{long}\" }}}} {{{{ base64Encode \"hello\" }}}} \
         {{{{ base64Encode \"hi\" }}}} {{{{ encoding.Base64Encode \"h\" }}}} \
         {{{{ base64Decode \"aGVsbG8=\" }}}} {{{{ base64Decode \"aGk\" }}}}"
    );
    let out = render(
        "+++\n+++\n{{< x >}}\n",
        &with_templates(&[("x", &template)]),
    );
    assert_eq!(
        out.content_html.trim(),
        "d41d8cd98f00b204e9800998ecf8427e 887f30b43b2867f4a9accceee7d16e6c aGVsbG8= aGk= aA== hello hi",
        "{:?}",
        out.diagnostics
    );
}
