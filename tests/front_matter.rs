//! Front matter: detection as Hugo's `lexIntroSection`, decoding, page fields, diagnostics.

mod support;

use hugo_preview::diagnostic::LineIndex;
use hugo_preview::front_matter::{self, FrontMatter, Split};
use hugo_preview::{Diagnostic, FrontMatterFormat, PageFields, Severity};
use serde_json::{json, Value};

/// Parses `source` and returns the front matter with located diagnostics.
fn parse(source: &str) -> (FrontMatter, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let front_matter = front_matter::parse(source, &mut diagnostics);
    let index = LineIndex::new(source);
    for d in &mut diagnostics {
        d.locate(&index);
    }
    (front_matter, diagnostics)
}

/// Parses `source` and reads the page fields, with located diagnostics.
fn fields(source: &str) -> (PageFields, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let front_matter = front_matter::parse(source, &mut diagnostics);
    let page = PageFields::from_front_matter(&front_matter, &mut diagnostics);
    let index = LineIndex::new(source);
    for d in &mut diagnostics {
        d.locate(&index);
    }
    (page, diagnostics)
}

/// The single diagnostic of `source`, as (message, line, column).
fn only_error(source: &str) -> (String, usize, usize) {
    let (_, diagnostics) = fields(source);
    assert_eq!(
        diagnostics.len(),
        1,
        "one diagnostic for {source:?}: {diagnostics:#?}"
    );
    let d = &diagnostics[0];
    assert_eq!(d.severity, Severity::Error);
    (d.message.clone(), d.line, d.column)
}

fn without_spaces(text: &str) -> String {
    text.chars().filter(|c| *c != ' ').collect()
}

fn body(source: &str) -> &str {
    let (front_matter, _) = parse(source);
    &source[front_matter.body_start..]
}

// --- Detection: Hugo's lexer vectors --------------------------------------------------------

#[test]
fn splits_every_front_matter_lexer_vector_as_hugo_does() {
    let text = support::read_shared("corpus/hugo-markdown-vectors.json");
    let vectors: Value = serde_json::from_str(&text).expect("the vectors file is JSON");
    let cases = vectors["front_matter_lexer"]
        .as_array()
        .expect("a list of cases");
    assert_eq!(cases.len(), 38);
    for case in cases {
        let name = case["name"].as_str().unwrap_or_default();
        let input = case["input"].as_str().expect("an input");
        let split = front_matter::split(input);
        // Current Hugo is the reference; the v0.111.3-only HTML cases are plain text there.
        let Some(tokens) = case["tokens"].as_array().or(case["tokens_HEAD"].as_array()) else {
            assert!(
                matches!(split, Split::None { body_start: 0 }),
                "{name}: should be content in current Hugo, got {split:?}"
            );
            continue;
        };
        let tokens: Vec<(&str, &str)> = tokens
            .iter()
            .map(|t| {
                (
                    t[0].as_str().unwrap_or_default(),
                    t[1].as_str().unwrap_or_default(),
                )
            })
            .collect();
        let first = tokens
            .iter()
            .find(|(kind, _)| *kind != "TypeIgnore")
            .expect("a token after ignored ones");
        let rest = |from: usize| -> String {
            tokens[from..]
                .iter()
                .filter(|(kind, _)| *kind != "TypeIgnore" && *kind != "tEOF")
                .map(|(_, value)| *value)
                .collect()
        };
        match (first.0, &split) {
            ("tError", Split::Error { message, .. }) => {
                assert_eq!(*message, first.1, "{name}: should fail with Hugo's message")
            }
            (
                kind,
                Split::Block {
                    format,
                    value,
                    body_start,
                    ..
                },
            ) if kind.starts_with("TypeFrontMatter") => {
                let expected_format = match kind {
                    "TypeFrontMatterTOML" => FrontMatterFormat::Toml,
                    "TypeFrontMatterYAML" => FrontMatterFormat::Yaml,
                    "TypeFrontMatterJSON" => FrontMatterFormat::Json,
                    _ => FrontMatterFormat::Org,
                };
                assert_eq!(*format, expected_format, "{name}: format");
                assert_eq!(
                    &input[value.start..value.end],
                    first.1,
                    "{name}: block bytes"
                );
                let position = tokens.iter().position(|t| t == first).unwrap_or(0);
                // Shortcode tokens leave out the blanks inside `{{< … >}}`.
                assert_eq!(
                    without_spaces(&input[*body_start..]),
                    without_spaces(&rest(position + 1)),
                    "{name}: content"
                );
                assert!(
                    input[*body_start..].starts_with(tokens[position + 1].1),
                    "{name}"
                );
            }
            ("tText", Split::None { body_start }) if name.contains("shortcode") => {
                assert_eq!(
                    without_spaces(&input[*body_start..]),
                    without_spaces(&rest(0))
                );
            }
            ("tText", Split::None { body_start }) => {
                assert_eq!(&input[*body_start..], rest(0), "{name}: content");
            }
            ("tEOF", Split::None { body_start }) => assert_eq!(*body_start, input.len()),
            _ => panic!("{name}: expected {tokens:?}, got {split:?}"),
        }
    }
}

#[test]
fn detects_toml_after_bom_and_blank_lines() {
    let source = "\u{feff}\n\n  +++\ntitle = \"x\"\n+++\nBody";
    let (front_matter, diagnostics) = parse(source);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(front_matter.format, Some(FrontMatterFormat::Toml));
    assert_eq!(front_matter.get("title"), Some(&json!("x")));
    assert_eq!(&source[front_matter.body_start..], "Body");
}

#[test]
fn a_leading_bom_is_not_content() {
    assert_eq!(body("\u{feff}# Title"), "# Title");
}

#[test]
fn keeps_crlf_inside_the_block_and_consumes_one_after_the_closing_delimiter() {
    let source = "---\r\ntitle: a\r\ntags: [x, y]\r\n---\r\nBody\r\n";
    let (front_matter, diagnostics) = parse(source);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(
        front_matter.get("title"),
        Some(&json!("a")),
        "no stray CR in values"
    );
    assert_eq!(front_matter.get("tags"), Some(&json!(["x", "y"])));
    assert_eq!(&source[front_matter.body_start..], "Body\r\n");
    let toml = "+++\r\ntitle = \"a\"\r\n+++\r\nBody";
    assert_eq!(parse(toml).0.get("title"), Some(&json!("a")));
}

#[test]
fn empty_yaml_front_matter_is_valid_and_empty() {
    let (front_matter, diagnostics) = parse("---\n---\nBody");
    assert!(diagnostics.is_empty());
    assert_eq!(front_matter.format, Some(FrontMatterFormat::Yaml));
    assert_eq!(front_matter.tree(), json!({}));
    assert_eq!(body("---\n---\nBody"), "Body");
}

#[test]
fn a_file_without_front_matter_has_a_null_tree_and_all_content() {
    let (front_matter, diagnostics) = parse("\n# Hello\n");
    assert!(diagnostics.is_empty());
    assert_eq!(front_matter.tree(), Value::Null);
    assert_eq!(front_matter.body_start, 0);
}

#[test]
fn reads_org_keywords_lower_cased() {
    let source = "#+TITLE: T1\n#+TAGS[]: a b\n#+DATE: <2023-10-15 Sun>\n\nBody\n";
    let (page, diagnostics) = fields(source);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(page.title.as_deref(), Some("T1"));
    assert_eq!(page.tags, ["a", "b"]);
    assert_eq!(page.date.as_deref(), Some("2023-10-15T00:00:00Z"));
    assert_eq!(body(source), "\nBody\n");
}

// --- Delimiter errors -----------------------------------------------------------------------

#[test]
fn a_list_at_the_top_is_an_invalid_yaml_delimiter_and_stays_content() {
    let source = "- item one\n- item two\n";
    assert_eq!(only_error(source), ("invalid YAML delimiter".into(), 1, 1));
    assert_eq!(body(source), source);
}

#[test]
fn a_short_toml_delimiter_is_reported_where_it_is() {
    let source = "\n\n++\ntitle = \"a\"\n++\n";
    assert_eq!(only_error(source), ("invalid TOML delimiter".into(), 3, 1));
    assert_eq!(body(source), source);
}

#[test]
fn an_unclosed_block_is_reported_at_its_opening_delimiter_and_the_rest_renders() {
    let source = "\n---\ntitle: a\nBody\n";
    assert_eq!(
        only_error(source),
        (
            "EOF looking for end YAML front matter delimiter".into(),
            2,
            1
        )
    );
    assert_eq!(body(source), "title: a\nBody\n");
    assert_eq!(
        only_error("+++\ntitle = \"a\"\n"),
        (
            "EOF looking for end TOML front matter delimiter".into(),
            1,
            1
        )
    );
    assert_eq!(
        only_error("---"),
        (
            "EOF looking for end YAML front matter delimiter".into(),
            1,
            1
        )
    );
}

#[test]
fn unclosed_json_is_reported_and_everything_is_content() {
    let source = "{ \"title\": \"a\"\nBody\n";
    assert_eq!(
        only_error(source),
        ("unexpected EOF parsing JSON front matter".into(), 1, 1)
    );
    assert_eq!(body(source), source);
}

#[test]
fn a_leading_shortcode_fails_as_json_in_hugo_but_renders_as_content() {
    let source = "{{< figure src=\"a.png\" >}}\n\ntext\n";
    let (front_matter, diagnostics) = parse(source);
    assert_eq!(diagnostics.len(), 1);
    assert!(diagnostics[0].message.starts_with("unmarshal failed: "));
    assert_eq!(front_matter.body_start, 0);
    assert_eq!(front_matter.tree(), Value::Null);
}

// --- Decoder errors at their place in the whole file ----------------------------------------

#[test]
fn toml_errors_are_hugo_style_at_the_line_of_the_mistake() {
    let source = "+++\ntitle = \"a\"\nbad = \n+++\nBody\n";
    let (message, line, column) = only_error(source);
    assert!(message.starts_with("unmarshal failed: toml: "), "{message}");
    assert_eq!((line, column), (3, 7), "{message}");
    assert_eq!(
        body(source),
        "Body\n",
        "the body still renders after a decode error"
    );
    assert_eq!(parse(source).0.tree(), json!({}));
}

#[test]
fn yaml_errors_are_hugo_style_at_the_parser_marker() {
    let source = "\n---\ntitle: a\nlist: [a, b\n---\nBody\n";
    let (message, line, column) = only_error(source);
    assert!(
        message.starts_with("failed to unmarshal YAML: "),
        "{message}"
    );
    // The flow sequence runs to the end of the block: the closing delimiter's line.
    assert_eq!((line, column), (5, 1), "{message}");
    assert_eq!(body(source), "Body\n");
}

#[test]
fn yaml_errors_count_columns_in_characters() {
    let source = "---\ntitré: \"é\" x\n---\n";
    let (message, line, column) = only_error(source);
    assert!(
        message.starts_with("failed to unmarshal YAML: "),
        "{message}"
    );
    assert_eq!((line, column), (2, 12), "{message}");
}

#[test]
fn json_errors_are_hugo_style_at_the_line_and_column() {
    let source = "{\n  \"title\": \"a\",\n  \"x\": tru\n}\nBody\n";
    let (message, line, column) = only_error(source);
    assert!(message.starts_with("unmarshal failed: "), "{message}");
    assert!(!message.contains(" at line "), "{message}");
    assert_eq!((line, column), (3, 11), "{message}");
    assert_eq!(body(source), "Body\n");
}

#[test]
fn yaml_that_is_not_a_map_is_an_error() {
    let (message, line, _) = only_error("---\n- a\n- b\n---\n");
    assert!(message.contains("cannot unmarshal !!seq"), "{message}");
    assert_eq!(line, 2);
}

// --- Decoded values -------------------------------------------------------------------------

#[test]
fn toml_dates_become_rfc3339_strings() {
    let source = "+++\nodt = 1979-05-27T07:32:00Z\nldt = 1979-05-27T07:32:00\nld = 1979-05-27\nfrac = 1979-05-27T00:32:00.999999-07:00\nspace = 1979-05-27 07:32:00Z\n+++\n";
    let (front_matter, diagnostics) = parse(source);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(
        front_matter.tree(),
        json!({
            "odt": "1979-05-27T07:32:00Z",
            "ldt": "1979-05-27T07:32:00",
            "ld": "1979-05-27",
            "frac": "1979-05-27T00:32:00.999999-07:00",
            "space": "1979-05-27T07:32:00Z",
        })
    );
    assert!(!front_matter.tree().to_string().contains("$__toml_private"));
}

#[test]
fn toml_keeps_keys_in_source_order_and_arrays_of_tables() {
    let source = "+++\nz = 1\na = 2.5\n[[authors]]\nname = \"A\"\n[[authors]]\nname = \"B\"\n[params]\nx = true\n+++\n";
    let (front_matter, _) = parse(source);
    let keys: Vec<&String> = front_matter.data.keys().collect();
    assert_eq!(keys, ["z", "a", "authors", "params"]);
    assert_eq!(
        front_matter.get("authors"),
        Some(&json!([{"name": "A"}, {"name": "B"}]))
    );
}

#[test]
fn yaml_scalars_are_typed_like_current_hugo() {
    let source = "---\n\
        yes_: yes\non_: on\nt1: true\nt2: True\nt3: TRUE\nf: false\n\
        n1: ~\nn2: null\nn3:\n\
        i: 42\nneg: -7\nhex: 0x1F\noct: 0o17\nbig: 18446744073709551615\n\
        fl: 1.5\nexp: 1e3\ninf: .inf\nnan: .NaN\n\
        quoted: \"42\"\nsingle: 'true'\nstr: !!str 12\n\
        date: 2023-10-15\n1: one\n\
        block: |\n  text\n---\n";
    let (front_matter, diagnostics) = parse(source);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(
        front_matter.tree(),
        json!({
            "yes_": "yes", "on_": "on", "t1": true, "t2": true, "t3": true, "f": false,
            "n1": null, "n2": null, "n3": null,
            "i": 42, "neg": -7, "hex": 31, "oct": 15, "big": 18446744073709551615u64,
            "fl": 1.5, "exp": 1000.0, "inf": ".inf", "nan": ".NaN",
            "quoted": "42", "single": "true", "str": "12",
            "date": "2023-10-15", "1": "one",
            "block": "text\n",
        })
    );
}

#[test]
fn yaml_anchors_aliases_and_merge_keys_work() {
    let source =
        "---\nbase: &base\n  a: 1\n  b: 2\nchild:\n  <<: *base\n  b: 3\nlist: [&x v, *x]\n---\n";
    let (front_matter, diagnostics) = parse(source);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(front_matter.get("child"), Some(&json!({"a": 1, "b": 3})));
    assert_eq!(front_matter.get("list"), Some(&json!(["v", "v"])));
}

#[test]
fn json_numbers_stay_as_parsed() {
    let (front_matter, diagnostics) = parse("{\"weight\": 3, \"ratio\": 0.5}\nBody");
    assert!(diagnostics.is_empty());
    assert_eq!(front_matter.tree(), json!({"weight": 3, "ratio": 0.5}));
}

// --- Limits ---------------------------------------------------------------------------------

/// Asserts that `source` is rejected with one error diagnostic and no data. The diagnostic
/// comes from the budget (depth, alias expansion) that stops the work early: without it these
/// inputs would exhaust the stack or expand to billions of nodes. Speed itself is measured by
/// the benchmarks, not asserted here.
fn assert_rejected(source: &str, what: &str) {
    let (front_matter, diagnostics) = parse(source);
    assert_eq!(diagnostics.len(), 1, "{what}: {diagnostics:?}");
    assert_eq!(diagnostics[0].severity, Severity::Error);
    assert!(front_matter.data.is_empty(), "{what}: no data");
}

#[test]
fn rejects_a_yaml_alias_bomb_with_a_diagnostic() {
    let mut source = String::from(
        "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for pair in names.windows(2) {
        let (prev, next) = (pair[0], pair[1]);
        let items = vec![format!("*{prev}"); 9].join(",");
        source.push_str(&format!("{next}: &{next} [{items}]\n"));
    }
    source.push_str("---\nBody\n");
    assert_rejected(&source, "billion laughs");
    let (_, diagnostics) = parse(&source);
    assert!(diagnostics[0].message.contains("too many YAML aliases"));
    assert_eq!(body(&source), "Body\n");
}

#[test]
fn rejects_deep_yaml_nesting() {
    let flow = format!(
        "---\na: {}{}\n---\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    assert_rejected(&flow, "10,000 nested flow sequences");
    // Block nesting needs one more space a level: 600 levels is all that fits the size cap.
    let mut block = String::from("---\n");
    for depth in 0..600 {
        block.push_str(&" ".repeat(depth));
        block.push_str("a:\n");
    }
    block.push_str("---\n");
    assert_rejected(&block, "600 nested block mappings");
    let deep_alias = format!(
        "---\na: &a {}1{}\nb: {}*a{}\n---\n",
        "[".repeat(40),
        "]".repeat(40),
        "[".repeat(40),
        "]".repeat(40)
    );
    assert_rejected(&deep_alias, "an alias nested under its own depth");
}

#[test]
fn rejects_deep_json_nesting() {
    let source = format!("{}{}\n", "{\"a\":".repeat(10_000), "}".repeat(10_000));
    assert_rejected(&source, "10,000 nested JSON objects");
    let (_, diagnostics) = parse(&source);
    assert_eq!(
        (diagnostics[0].line, diagnostics[0].column),
        (1, 321),
        "at the 65th `{{`"
    );
}

#[test]
fn rejects_deep_toml_nesting() {
    let arrays = format!(
        "+++\na = {}{}\n+++\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    assert_rejected(&arrays, "10,000 nested TOML arrays");
    let dotted = format!("+++\n{} = 1\n+++\n", vec!["a"; 10_000].join("."));
    assert_rejected(&dotted, "a 10,000-part dotted key");
    let tables = format!("+++\na = {}1{}\n+++\n", "{b = ".repeat(70), "}".repeat(70));
    assert_rejected(&tables, "70 nested inline tables");
}

#[test]
fn rejects_front_matter_over_the_size_cap() {
    let source = format!("+++\ntitle = \"{}\"\n+++\nBody", "x".repeat(300 * 1024));
    assert_rejected(&source, "300 KiB of TOML");
    assert_eq!(body(&source), "Body");
}

#[test]
fn never_panics_on_truncated_inputs() {
    let sample = support::sample_post();
    let head: String = sample.chars().take(3000).collect();
    let inputs = [
        head.as_str(),
        "---\ntitle: \"é\n---\n",
        "{\"a\": \"\\",
        "\u{feff}",
        "+++\n[[a]]\n[a]\n+++\n",
        "---\n? [a, b]\n: c\n---\n",
        "---\n*x\n---\n",
        "---\na: !!int x\n---\n",
    ];
    for input in inputs {
        for end in (0..=input.len()).filter(|&i| input.is_char_boundary(i)) {
            let _ = fields(&input[..end]);
        }
    }
}

// --- Page fields ----------------------------------------------------------------------------

#[test]
fn reads_the_canonical_sample() {
    let sample = support::sample_post();
    let (page, diagnostics) = fields(&sample);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    assert_eq!(
        page.title.as_deref(),
        Some("Lessons learnt from FacebookDown")
    );
    assert!(page
        .description
        .as_deref()
        .unwrap_or_default()
        .starts_with("What lessons"));
    assert_eq!(page.date.as_deref(), Some("2021-10-06T06:21:07+08:00"));
    assert_eq!(page.lastmod.as_deref(), Some("2021-10-06T06:21:07+08:00"));
    assert_eq!(
        page.publish_date.as_deref(),
        Some("2021-10-06T06:21:07+08:00"),
        "from date"
    );
    assert_eq!(page.expiry_date, None);
    assert_eq!(page.slug.as_deref(), Some("lessons-learned-facebook-down"));
    assert!(page.toc);
    assert!(!page.draft);
    assert_eq!(page.tags, ["federation", "decentralization"]);
    assert_eq!(page.categories, ["web"]);
    assert_eq!(page.keywords.len(), 8);
    assert_eq!(page.keywords[4], "web 3.0");
    assert_eq!(page.images.len(), 11);
    assert!(page.images[0].ends_with("decentralisation-01.webp"));
    assert_eq!(page.authors.len(), 1);
    let author = &page.authors[0];
    assert_eq!(author.name.as_deref(), Some("ᜌᜓᜃᜒ (Yuki | 雪亮)"));
    assert_eq!(
        author.url.as_deref(),
        Some("https://im.youronly.one/techmagus/")
    );
    assert!(author
        .avatar
        .as_deref()
        .unwrap_or_default()
        .ends_with(".webp"));
    assert_eq!(author.params.get("person"), Some(&json!("yuki")));
    let body = &sample[parse(&sample).0.body_start..];
    assert!(body.starts_with("\nThe longest downtime"));
}

#[test]
fn known_keys_are_case_insensitive() {
    let (page, _) = fields("---\nTitle: T\nLinkTitle: L\nDRAFT: true\nWeight: \"7\"\n---\n");
    assert_eq!(page.title.as_deref(), Some("T"));
    assert_eq!(page.link_title.as_deref(), Some("L"));
    assert!(page.draft);
    assert_eq!(page.weight, 7, "cast.ToInt reads strings");
}

#[test]
fn slug_is_trimmed_of_dashes() {
    let (page, _) = fields("---\nslug: -my-slug-\n---\n");
    assert_eq!(page.slug.as_deref(), Some("my-slug"));
}

#[test]
fn published_is_the_inverse_of_draft_and_draft_wins() {
    assert!(fields("---\npublished: false\n---\n").0.draft);
    assert!(!fields("---\npublished: true\n---\n").0.draft);
    let (page, diagnostics) = fields("---\ndraft: false\npublished: false\n---\n");
    assert!(!page.draft);
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].severity, Severity::Warning);
    assert_eq!(diagnostics[0].line, 3);
    assert!(
        fields("---\ndraft: \"true\"\n---\n").0.draft,
        "cast.ToBool reads strings"
    );
}

#[test]
fn a_single_string_is_one_tag_but_keywords_are_split() {
    let (page, _) = fields("---\ntags: hugo rust\nkeywords: hugo rust\nimages: a.png\n---\n");
    assert_eq!(page.tags, ["hugo rust"]);
    assert_eq!(page.keywords, ["hugo", "rust"]);
    assert_eq!(page.images, ["a.png"]);
}

#[test]
fn authors_may_be_names_or_tables() {
    let (page, _) = fields("---\nauthors: [Ann, {name: Bob, url: /bob}]\n---\n");
    assert_eq!(page.authors.len(), 2);
    assert_eq!(page.authors[0].name.as_deref(), Some("Ann"));
    assert_eq!(page.authors[1].url.as_deref(), Some("/bob"));
    let (page, _) = fields("---\nauthors: Ann\n---\n");
    assert_eq!(page.authors[0].name.as_deref(), Some("Ann"));
}

#[test]
fn dates_follow_hugos_precedence() {
    let (page, _) = fields("---\npublishDate: 2023-10-15\n---\n");
    assert_eq!(
        page.date.as_deref(),
        Some("2023-10-15T00:00:00Z"),
        "date from publishDate"
    );
    assert_eq!(page.lastmod.as_deref(), Some("2023-10-15T00:00:00Z"));
    let (page, _) = fields("---\ndate: 15 Oct 2023\nmodified: 2024-01-02T03:04:05+01:00\nunpublishdate: 2030-01-01\n---\n");
    assert_eq!(page.date.as_deref(), Some("2023-10-15T00:00:00Z"));
    assert_eq!(page.lastmod.as_deref(), Some("2024-01-02T03:04:05+01:00"));
    assert_eq!(page.publish_date.as_deref(), Some("2023-10-15T00:00:00Z"));
    assert_eq!(page.expiry_date.as_deref(), Some("2030-01-01T00:00:00Z"));
    let (page, _) = fields("+++\ndate = 1979-05-27T07:32:00-08:00\n+++\n");
    assert_eq!(page.date.as_deref(), Some("1979-05-27T07:32:00-08:00"));
    let (page, _) = fields("{\"date\": 0}");
    assert_eq!(
        page.date.as_deref(),
        Some("1970-01-01T00:00:00Z"),
        "numbers are Unix time"
    );
}

#[test]
fn an_unparsable_date_is_an_error_on_its_line() {
    let source = "---\ntitle: a\nDate: notadate\nlastmod: 2023-10-15\n---\n";
    assert_eq!(
        only_error(source),
        (
            "the \"date\" front matter field is not a parsable date".into(),
            3,
            1
        )
    );
    let (page, _) = fields(source);
    assert_eq!(
        page.date.as_deref(),
        Some("2023-10-15T00:00:00Z"),
        "falls back to lastmod"
    );
    let json = "{\n  \"title\": \"a\",\n  \"expiryDate\": \"soon\"\n}\n";
    assert_eq!(
        only_error(json),
        (
            "the \"expirydate\" front matter field is not a parsable date".into(),
            3,
            4
        )
    );
}
