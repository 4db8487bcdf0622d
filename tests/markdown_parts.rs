//! The heading-id, TOC, typographer and linkify parts checked against the shared Hugo vectors
//! (`shared/corpus/hugo-markdown-vectors.json`) and against cases observed with Hugo 0.111.3.

mod support;

use hugo_preview::markdown::ids::{sanitize_anchor, IdRegistry};
use hugo_preview::markdown::linkify::find_links;
use hugo_preview::markdown::toc::{render_toc, TocHeading};
use hugo_preview::markdown::typographer::{push_text, Typographer};
use hugo_preview::options::{AutoIdType, TocOptions};
use serde_json::Value;

fn vectors() -> Value {
    let text = support::read_shared("corpus/hugo-markdown-vectors.json");
    serde_json::from_str(&text).expect("the shared vectors should be JSON")
}

fn id_type(name: &str) -> AutoIdType {
    match name {
        "github" => AutoIdType::Github,
        "github-ascii" => AutoIdType::GithubAscii,
        "blackfriday" => AutoIdType::Blackfriday,
        other => panic!("unknown autoIDType {other}"),
    }
}

#[test]
fn every_anchor_sanitize_vector_gives_hugos_id() {
    let vectors = vectors();
    let cases = vectors["anchor_sanitize"]
        .as_array()
        .expect("anchor_sanitize is a list");
    assert!(cases.len() >= 19);
    for case in cases {
        let input = case["input"].as_str().unwrap_or_default();
        let expected = case["expect"].as_str().unwrap_or_default();
        let kind = id_type(case["autoIDType"].as_str().unwrap_or_default());
        assert_eq!(
            sanitize_anchor(input, kind),
            expected,
            "sanitizing {input:?} as {kind:?}"
        );
    }
}

/// The vector's headings are `[title, id, row, level]` calls of Hugo's `Builder.AddAt`. Hugo's
/// transformer advances the row at each h1 and calls `AddAt(h, row, level - 1)`, so a heading
/// list reproduces them: heading level = `level + 1`, and a new row is opened by an h1 or, for
/// rows that begin below h1, by an h1 placeholder that has neither id nor title (Hugo writes
/// an empty `<li>` for both).
fn headings_for(add_at: &[Value]) -> Vec<TocHeading> {
    let mut headings = Vec::new();
    let mut current_row = 0;
    for (index, call) in add_at.iter().enumerate() {
        let title = call[0].as_str().unwrap_or_default();
        let id = call[1].as_str().unwrap_or_default();
        let row = call[2].as_u64().unwrap_or_default();
        let level = call[3].as_u64().unwrap_or_default();
        let opens_row = index == 0 || row != current_row;
        if opens_row && level != 0 && index != 0 {
            headings.push(TocHeading {
                level: 1,
                id: String::new(),
                title_html: String::new(),
            });
        }
        current_row = row;
        headings.push(TocHeading {
            level: u8::try_from(level + 1).unwrap_or(6),
            id: id.to_string(),
            title_html: title.to_string(),
        });
    }
    headings
}

#[test]
fn every_toc_builder_vector_renders_byte_for_byte() {
    let vectors = vectors();
    let cases = vectors["toc_builder"]["cases"]
        .as_array()
        .expect("toc_builder cases");
    assert_eq!(cases.len(), 7);
    for (index, case) in cases.iter().enumerate() {
        let source = match case.get("same_headings_as").and_then(Value::as_u64) {
            Some(other) => &cases[other as usize],
            None => case,
        };
        let headings = headings_for(source["headings_addAt"].as_array().expect("headings"));
        let options = TocOptions {
            start_level: case["startLevel"].as_i64().unwrap_or_default() as i32,
            end_level: case["stopLevel"].as_i64().unwrap_or_default() as i32,
            ordered: case["ordered"].as_bool().unwrap_or_default(),
        };
        assert_eq!(
            render_toc(&headings, &options),
            case["expect"].as_str().unwrap_or_default(),
            "toc_builder case {index}"
        );
    }
}

#[test]
fn toc_document_vectors_render_byte_for_byte() {
    let section = |level, id: &str, title: &str| TocHeading {
        level,
        id: id.into(),
        title_html: title.into(),
    };
    let vectors = vectors();
    let cases = vectors["toc_document"].as_array().expect("toc_document");
    let advanced = [
        section(1, "title", "Title"),
        section(2, "section-1", "Section 1"),
        section(3, "section-11", "Section 1.1"),
        section(3, "section-12", "Section 1.2"),
        section(4, "section-121", "Section 1.2.1"),
        section(5, "section-1211", "Section 1.2.1.1"),
    ];
    let ordered = TocOptions {
        start_level: 2,
        end_level: 3,
        ordered: true,
    };
    assert_eq!(
        render_toc(&advanced, &ordered),
        cases[0]["expect"].as_str().unwrap_or_default()
    );
    assert_eq!(
        render_toc(&[], &TocOptions::default()),
        cases[1]["expect"].as_str().unwrap_or_default()
    );
    assert_eq!(
        render_toc(&[section(2, "intro", "Intro")], &TocOptions::default()),
        cases[2]["expect"].as_str().unwrap_or_default()
    );
    let link = [section(
        2,
        "a-link",
        "A <a href=\"https://example.org\">link</a>",
    )];
    let toc = render_toc(&link, &TocOptions::default());
    let expected = cases[3]["expect_HEAD"].as_str().unwrap_or_default();
    assert!(
        toc.contains(expected),
        "current Hugo removes links from TOC titles: {toc}"
    );
}

#[test]
fn heading_id_vectors_give_hugos_ids_from_the_id_source_text() {
    // v0.111.3 takes the id from the raw heading source; these are the sources of the
    // `heading_ids_document_v0.111.3` vector (explicit ids registered, never de-duplicated).
    let mut ids = IdRegistry::new();
    let mut got = Vec::new();
    for source in [
        "Top Level",
        "Hello World",
        "Hello World",
        "Hello World",
        "Hello *emphasis* and `code`",
        "Link [text](https://example.com/path) here",
        "Let's go \"quoted\" -- dash... done",
        "God is good: 神真美好",
        "Résumé Ünïcödé",
        "Special !\"#$%&(parens)=?´* chars",
        "Multiple--Hyphens and   spaces",
        "Under_score 123",
        "",
        "---",
        "{#my-id}",
        "{#my-id}",
        "hello-world",
        "Level three",
        "Level four",
        "line two",
        "Title with <span>html</span> inside",
        "Heading with trailing hashes",
        "Emoji :smile: text",
        "Ampersand &amp; entity &copy;",
    ] {
        if let Some(explicit) = source.strip_prefix("{#").and_then(|s| s.strip_suffix('}')) {
            ids.explicit(explicit);
            got.push(explicit.to_string());
        } else {
            got.push(ids.generate(source, AutoIdType::Github, "heading"));
        }
    }
    let vectors = vectors();
    let expected: Vec<&str> = vectors["heading_ids_document_v0.111.3"]["expect_ids_in_order"]
        .as_array()
        .expect("ids")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(got, expected);
}

fn typeset(text: &str) -> String {
    let mut out = String::new();
    push_text(&mut out, text, None, None);
    out
}

#[test]
fn typographer_matches_the_observed_inline_rendering_vector() {
    let vectors = vectors();
    let case = &vectors["inline_rendering_observed_v0.111.3"][0];
    let markdown = case["markdown"].as_str().unwrap_or_default();
    let expected = case["expect"].as_str().unwrap_or_default();
    assert_eq!(format!("<p>{}</p>", typeset(markdown)), expected);
}

#[test]
fn typographer_matches_hugo_on_tricky_quotes() {
    // Each observed with Hugo 0.111.3 (and goldmark v1.5.4) as a document of its own.
    for (input, expected) in [
        ("\"Hello,\" she said.", "&ldquo;Hello,&rdquo; she said."),
        ("it's", "it&rsquo;s"),
        ("'quoted'", "&lsquo;quoted&rsquo;"),
        ("rock 'n' roll", "rock &rsquo;n&rsquo; roll"),
        ("5'10\"", "5'10&quot;"),
        ("a -- b", "a &ndash; b"),
        ("a---b", "a&mdash;b"),
        ("....", "&hellip;."),
        ("<<x>>", "&laquo;x&raquo;"),
        ("a'", "a'"),
        ("a\"", "a&quot;"),
        ("\"'nested'\"", "&ldquo;&rsquo;nested'&rdquo;"),
        ("'12'", "&lsquo;12&rsquo;"),
    ] {
        assert_eq!(typeset(input), expected, "typesetting {input:?}");
    }
}

#[test]
fn typographer_closes_quotes_around_emphasis_with_one_state_per_document() {
    // "*emph*" → &ldquo;<em>emph</em>&rdquo; (Hugo 0.111.3).
    let mut typographer = Typographer::new();
    let mut out = String::new();
    typographer.push_text(&mut out, "\"", None, Some('*'));
    out.push_str("<em>emph</em>");
    typographer.push_text(&mut out, "\"", Some('*'), None);
    assert_eq!(out, "&ldquo;<em>emph</em>&rdquo;");
}

#[test]
fn linkify_matches_the_observed_inline_rendering_vector() {
    let text = "https://autolink.example.com and www.example.org";
    let links = find_links(text, None, "https");
    let hrefs: Vec<&str> = links.iter().map(|l| l.href.as_str()).collect();
    assert_eq!(
        hrefs,
        ["https://autolink.example.com", "https://www.example.org"]
    );
    assert_eq!(&text[links[1].range.clone()], "www.example.org");
}

fn goldmark_fixture() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/goldmark-v1.5.4-inline.json"
    );
    let text = std::fs::read_to_string(path).expect("the goldmark fixture should be readable");
    serde_json::from_str(&text).expect("the goldmark fixture should be JSON")
}

#[test]
fn typographer_matches_goldmark_on_generated_plain_text() {
    let fixture = goldmark_fixture();
    let cases = fixture["typographer"]
        .as_array()
        .expect("typographer cases");
    let mut failures = Vec::new();
    for case in cases {
        let input = case[0].as_str().unwrap_or_default();
        let expected = case[1].as_str().unwrap_or_default();
        let got = typeset(input);
        if got != expected {
            failures.push(format!("{input:?}: got {got:?}, goldmark {expected:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn linkify_finds_the_links_goldmark_finds_in_generated_text() {
    let fixture = goldmark_fixture();
    let cases = fixture["linkify"].as_array().expect("linkify cases");
    let mut failures = Vec::new();
    for case in cases {
        let input = case[0].as_str().unwrap_or_default();
        let expected: Vec<&str> = case[1]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let links = find_links(input, None, "https");
        let got: Vec<&str> = links
            .iter()
            .filter_map(|l| input.get(l.range.clone()))
            .collect();
        if got != expected {
            failures.push(format!("{input:?}: got {got:?}, goldmark {expected:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
