//! Shortcode lexing and tree building against Hugo: every case of the shared vectors file
//! (Hugo's own lexer test table plus hugolib and docs cases), then recovery and positions.

mod support;

use hugo_preview::diagnostic::LineIndex;
use hugo_preview::shortcode::lexer::ItemKind;
use hugo_preview::shortcode::tree::{Node, Segment};
use hugo_preview::shortcode::{self, lexer, tree};
use hugo_preview::Severity;
use serde_json::{json, Map, Value};

/// Where the body starts for the two vectors that carry TOML front matter (front matter is
/// not this module's job; this is just enough to find the body as Hugo's lexer does).
fn body_start(input: &str) -> usize {
    for delim in ["+++", "---"] {
        if let Some(rest) = input.strip_prefix(delim) {
            let rest_start = input.len() - rest.len();
            let close = rest.find(&format!("\n{delim}")).expect("closing delimiter");
            let mut at = rest_start + close + 1 + delim.len();
            if input[at..].starts_with("\r\n") {
                at += 2;
            } else if input[at..].starts_with('\n') {
                at += 1;
            }
            return at;
        }
    }
    0
}

/// A node in the vectors' shape; false, empty and absent are the same there.
fn node_json(node: &Node, body: &str, offset: usize) -> Value {
    let mut map = Map::new();
    map.insert("name".into(), json!(node.name));
    map.insert("params".into(), node.params.to_json());
    map.insert("markdown".into(), json!(node.markdown));
    map.insert("closed".into(), json!(node.closed));
    if node.self_closing {
        map.insert("self_closing".into(), json!(true));
    }
    if node.inline {
        map.insert("inline".into(), json!(true));
    }
    if let Some(inner) = node.inner_source(body, offset) {
        map.insert("inner".into(), json!(inner));
    }
    let children: Vec<Value> = node
        .children()
        .map(|child| node_json(child, body, offset))
        .collect();
    if !children.is_empty() {
        map.insert("children".into(), Value::Array(children));
    }
    if !node.indentation.is_empty() {
        map.insert("indentation".into(), json!(node.indentation));
    }
    Value::Object(map)
}

fn normalize(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(key, v)| {
                    !(matches!(v, Value::Bool(false))
                        || (key.as_str() == "children" && v == &&json!([]))
                        || (key.as_str() == "indentation" && v == &&json!("")))
                })
                .map(|(k, v)| (k.clone(), normalize(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(normalize).collect()),
        other => other.clone(),
    }
}

/// Hugo's token names for our items.
fn hugo_tokens(body: &str, offset: usize) -> Vec<(String, String)> {
    lexer::lex(body, offset)
        .iter()
        .map(|item| {
            let name = match &item.kind {
                ItemKind::Text => "tText",
                ItemKind::Indentation => "tIndentation",
                ItemKind::LeftDelim { markdown: false } => "tLeftDelimScNoMarkup",
                ItemKind::LeftDelim { markdown: true } => "tLeftDelimScWithMarkup",
                ItemKind::RightDelim { markdown: false } => "tRightDelimScNoMarkup",
                ItemKind::RightDelim { markdown: true } => "tRightDelimScWithMarkup",
                ItemKind::Close => "tScClose",
                ItemKind::Name { inline: false } => "tScName",
                ItemKind::Name { inline: true } => "tScNameInline",
                ItemKind::Param { .. } => "tScParam",
                ItemKind::ParamValue { .. } => "tScParamVal",
                ItemKind::SummaryDivider => "TypeLeadSummaryDivider",
                ItemKind::Eof => "tEOF",
                ItemKind::Error { message, .. } => return ("tError".into(), message.clone()),
            };
            (name.to_string(), item.value(body, offset).to_string())
        })
        .collect()
}

/// Runs one vector; returns the reasons it failed.
fn check_case(case: &Value) -> Vec<String> {
    let mut failures = Vec::new();
    let input = case["input"].as_str().unwrap();
    let expect = &case["expect"];
    let offset = body_start(input);
    let body = &input[offset..];
    let names = |key: &str| -> Vec<String> {
        case[key]
            .as_array()
            .map(|list| {
                list.iter()
                    .map(|v| v.as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    let inner = names("assumes_inner");
    let missing = names("missing_templates");
    let registry = |name: &str| -> Option<bool> {
        if missing.iter().any(|m| m == name) {
            None
        } else {
            Some(inner.iter().any(|i| i == name))
        }
    };

    // The token stream, front matter items left out.
    let expected_tokens: Vec<(String, String)> = expect["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t[0].as_str().unwrap().to_string(),
                t[1].as_str().unwrap().to_string(),
            )
        })
        .filter(|(kind, _)| !kind.starts_with("TypeFrontMatter"))
        .collect();
    let tokens = hugo_tokens(body, offset);
    if tokens != expected_tokens {
        failures.push(format!(
            "tokens differ:\n  got  {tokens:?}\n  want {expected_tokens:?}"
        ));
    }

    let document = tree::build(body, offset, &registry);
    let errors: Vec<&str> = document
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.message.as_str())
        .collect();
    match expect["kind"].as_str().unwrap() {
        "ok" => {
            if !errors.is_empty() {
                failures.push(format!("unexpected errors: {errors:?}"));
            }
            let got: Vec<Value> = document
                .shortcodes()
                .map(|node| normalize(&node_json(node, body, offset)))
                .collect();
            let want: Vec<Value> = expect["shortcodes"]
                .as_array()
                .unwrap()
                .iter()
                .map(normalize)
                .collect();
            if got != want {
                failures.push(format!(
                    "shortcodes differ:\n  got  {}\n  want {}",
                    Value::Array(got),
                    Value::Array(want)
                ));
            }
            let text = document.text(body, offset);
            if text != expect["text"].as_str().unwrap() {
                failures.push(format!(
                    "text differs: got {text:?}, want {}",
                    expect["text"]
                ));
            }
            let divider = expect["has_summary_divider"].as_bool().unwrap_or(false);
            if document.summary_divider().is_some() != divider {
                failures.push("summary divider differs".into());
            }
        }
        _ => {
            let wanted = expect["error_contains"].as_str().unwrap();
            if !errors.iter().any(|message| message.contains(wanted)) {
                failures.push(format!("no error containing {wanted:?}; got {errors:?}"));
            }
        }
    }
    failures
}

#[test]
fn every_hugo_vector_should_lex_and_build_like_hugo() {
    let text = support::read_shared("corpus/hugo-shortcode-vectors.json");
    let cases: Vec<Value> = serde_json::from_str(&text).expect("valid JSON");
    let mut report = Vec::new();
    for case in &cases {
        let failures = check_case(case);
        if !failures.is_empty() {
            report.push(format!("{}:\n  {}", case["name"], failures.join("\n  ")));
        }
    }
    let passed = cases.len() - report.len();
    eprintln!("shortcode vectors: {passed}/{} passed", cases.len());
    assert!(report.is_empty(), "{}", report.join("\n\n"));
}

// ---- Recovery ----

fn known(name: &str) -> Option<bool> {
    match name {
        "inner" | "details" => Some(true),
        "plain" | "figure" => Some(false),
        _ => None,
    }
}

fn summary(document: &tree::Document) -> Vec<(String, bool)> {
    document
        .shortcodes()
        .map(|n| (n.name.clone(), n.error.is_some()))
        .collect()
}

#[test]
fn recovery_keeps_parsing_after_a_syntax_error_in_one_tag() {
    let body = "a {{< plain ‹x› >}} b {{< figure src=\"x\" >}} c";
    let document = tree::build(body, 0, &known);
    assert_eq!(
        summary(&document),
        vec![("plain".into(), true), ("figure".into(), false)],
        "the broken call should be an error node and the next one should still parse"
    );
    assert_eq!(document.text(body, 0), "a  b  c");
    let broken = document.shortcodes().next().unwrap();
    assert_eq!(
        broken.span.end,
        body.find(" b").unwrap(),
        "error node ends after its >}}"
    );
    assert_eq!(document.diagnostics.len(), 1);
}

#[test]
fn recovery_pairs_an_unknown_shortcode_with_its_closing_tag() {
    let body = "{{< nope a=1 >}}x {{< plain >}} y{{< /nope >}} after {{< plain >}}";
    let document = tree::build(body, 0, &known);
    assert_eq!(
        summary(&document),
        vec![("nope".into(), true), ("plain".into(), false)]
    );
    let unknown = document.shortcodes().next().unwrap();
    assert_eq!(unknown.inner_source(body, 0), Some("x {{< plain >}} y"));
    assert_eq!(unknown.span.end, body.find(" after").unwrap());
    assert_eq!(
        document.diagnostics[0].message,
        "failed to extract shortcode: template for shortcode \"nope\" not found"
    );
    assert_eq!(document.text(body, 0), " after ");
}

#[test]
fn recovery_turns_an_unclosed_call_into_its_opening_tag_and_keeps_the_rest() {
    let body = "{{< details >}}\ntext {{< plain >}} more";
    let document = tree::build(body, 0, &known);
    assert_eq!(
        summary(&document),
        vec![("details".into(), true), ("plain".into(), false)]
    );
    let ordinals: Vec<usize> = document.shortcodes().map(|n| n.ordinal).collect();
    assert_eq!(
        ordinals,
        vec![0, 1],
        "moved calls should be renumbered at the top level"
    );
    assert_eq!(document.text(body, 0), "\ntext  more");
    assert!(document.diagnostics[0]
        .message
        .contains("must be closed or self-closed"));
}

#[test]
fn recovery_reports_a_closing_tag_on_a_template_without_inner_and_goes_on() {
    let body = "{{< plain >}}x{{< /plain >}}y{{< figure />}}z{{< plain >}}";
    let document = tree::build(body, 0, &known);
    assert_eq!(
        summary(&document),
        vec![
            ("plain".into(), false),
            ("plain".into(), true),
            ("figure".into(), true),
            ("plain".into(), false)
        ]
    );
    assert_eq!(document.text(body, 0), "xyz");
    assert_eq!(document.diagnostics.len(), 2);
}

#[test]
fn recovery_confines_an_error_inside_a_nested_call_to_that_call() {
    let body = "{{< inner >}}a{{< plain \"open >}}b{{< /inner >}}c";
    let document = tree::build(body, 0, &known);
    assert_eq!(summary(&document), vec![("inner".into(), false)]);
    let outer = document.shortcodes().next().unwrap();
    let children: Vec<_> = outer.children().map(|c| c.error.is_some()).collect();
    assert_eq!(children, vec![true]);
    assert!(outer.closed);
    assert_eq!(document.text(body, 0), "c");
}

#[test]
fn recovery_handles_errors_between_tags_as_standalone_nodes() {
    let body = "a {{</* open >}} b {{< plain >}}";
    let document = tree::build(body, 0, &known);
    assert_eq!(
        summary(&document),
        vec![("".into(), true), ("plain".into(), false)]
    );
    assert_eq!(document.diagnostics[0].message, "comment must be closed");
}

/// Ten thousand broken tags on one line: every one is reported and the build returns. (How the
/// time grows with input size is measured by the benchmarks, not asserted in tests.)
#[test]
fn recovers_from_many_broken_tags_on_one_line() {
    let body = "{{< plain \"".repeat(10_000);
    let document = tree::build(&body, 0, &known);
    assert!(document.shortcodes().count() >= 1);
    assert!(!document.diagnostics.is_empty());
    let body = "{{< plain `".repeat(10_000) + &"{{</* ".repeat(10_000);
    let document = tree::build(&body, 0, &known);
    assert!(!document.diagnostics.is_empty());
}

// ---- Nesting, positions, outline ----

#[test]
fn thousands_of_nested_shortcodes_build_and_drop_without_overflowing() {
    let depth = 5_000;
    let body = "{{< inner >}}".repeat(depth) + &"{{< /inner >}}".repeat(depth);
    let document = tree::build(&body, 0, &known);
    assert!(document.diagnostics.is_empty());
    let mut node = document.shortcodes().next().unwrap();
    let mut levels = 1;
    while let Some(child) = node.children().next() {
        node = child;
        levels += 1;
    }
    assert_eq!(levels, depth);
    let outline = shortcode::outline(&body, 0, &known);
    assert!(serde_json::to_string(&outline).is_ok());
    assert!(outline
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Warning));

    let unclosed = "{{< inner >}}x".repeat(depth);
    let document = tree::build(&unclosed, 0, &known);
    assert_eq!(document.shortcodes().count(), depth);
}

#[test]
fn errors_are_located_in_the_whole_file() {
    let source = "+++\ntitle = \"x\"\n+++\nline one\n  é {{< plain +7 >}}\n";
    let offset = body_start(source);
    let mut document = tree::build(&source[offset..], offset, &known);
    document.locate(&LineIndex::new(source));
    let diagnostic = &document.diagnostics[0];
    assert!(diagnostic.message.contains("U+002B '+'"));
    assert_eq!((diagnostic.line, diagnostic.column), (5, 15));
    assert_eq!(&source[diagnostic.span.start..diagnostic.span.end], "+");
    let node = document.shortcodes().next().unwrap();
    assert_eq!((node.position.line, node.position.column), (5, 5));
}

#[test]
fn indentation_on_the_first_line_counts_when_front_matter_comes_first() {
    let body = "    {{< plain >}}";
    let document = tree::build(body, 0, &known);
    assert_eq!(document.shortcodes().next().unwrap().indentation, "");
    let document = tree::build(body, 8, &known);
    assert_eq!(document.shortcodes().next().unwrap().indentation, "    ");
}

#[test]
fn outline_serializes_the_parse_command_shape() {
    let body = "{{% inner a=1 \"\" %}}x{{< plain b >}}{{% /inner %}}";
    let outline = shortcode::outline(body, 10, &known);
    let value = serde_json::to_value(&outline).unwrap();
    assert_eq!(value["shortcodes"][0]["name"], "inner");
    assert_eq!(
        outline.diagnostics.len(),
        1,
        "mixed parameters: {:?}",
        outline.diagnostics
    );
    let node = &value["shortcodes"][0];
    assert!(node["error"].is_string());
    assert_eq!(
        node["closed"], true,
        "a broken opening tag still pairs with its closing tag"
    );
    assert_eq!(node["children"][0]["name"], "plain");
    let body = "{{% inner a=1 b=\"2\" %}}x{{< plain b >}}{{% /inner %}}";
    let value = serde_json::to_value(shortcode::outline(body, 10, &known)).unwrap();
    let node = &value["shortcodes"][0];
    assert_eq!(node["params"], json!({"a": 1, "b": "2"}));
    assert_eq!(node["markdown"], true);
    assert_eq!(node["selfClosing"], false);
    assert_eq!(node["inner"], "x{{< plain b >}}");
    assert_eq!(node["children"][0]["params"], json!(["b"]));
    assert_eq!(
        (&node["start"], &node["end"]),
        (&json!(10), &json!(10 + body.len()))
    );
    assert_eq!(value["diagnostics"], json!([]));
}

#[test]
fn summary_divider_inside_a_shortcode_is_not_the_page_divider() {
    let body = "{{< inner >}}a<!--more-->b{{< /inner >}}";
    let document = tree::build(body, 0, &known);
    assert_eq!(document.summary_divider(), None);
    let node = document.shortcodes().next().unwrap();
    assert!(node
        .content
        .iter()
        .any(|s| matches!(s, Segment::SummaryDivider(_))));
}

#[test]
fn no_input_makes_the_builder_panic() {
    let pieces = [
        "{{<",
        "{{%",
        ">}}",
        "%}}",
        "/",
        "*/",
        "/*",
        "\"",
        "`",
        "\\",
        "=",
        " ",
        "\n",
        "é",
        "x",
        "inner",
        "plain",
        ".inline",
        "<!--more-->",
        "{{",
        "-",
        "1.5",
    ];
    let mut seed = 7u64;
    for _ in 0..3000 {
        let mut body = String::new();
        for _ in 0..12 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            body.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
        }
        let outline = shortcode::outline(&body, 5, &known);
        for d in &outline.diagnostics {
            assert!(
                d.span.start >= 5 && d.span.end <= body.len() + 5,
                "{body:?} {d:?}"
            );
        }
    }
}

#[test]
fn recovery_after_a_broken_inline_closing_tag_leaves_inline_mode() {
    let body = "{{< a.inline >}}x{{< /a.inline extra >}} then {{< plain >}}";
    let document = tree::build(body, 0, &known);
    assert_eq!(
        summary(&document),
        vec![("a.inline".into(), true), ("plain".into(), false)],
        "{:?}",
        document.diagnostics
    );
    assert_eq!(document.diagnostics.len(), 1);
}
