//! The canonical sample post, `../shared/samples/facebook-down.md`, rendered whole.

mod support;

use hugo_preview::{render, Severity};

fn rendered_sample() -> hugo_preview::Rendered {
    render(&support::sample_post(), &support::sample_site_options())
}

#[test]
fn sample_front_matter_becomes_typed_page_fields() {
    let out = rendered_sample();
    let page = &out.page;
    assert_eq!(
        page.title.as_deref(),
        Some("Lessons learnt from FacebookDown")
    );
    assert_eq!(page.date.as_deref(), Some("2021-10-06T06:21:07+08:00"));
    assert_eq!(page.lastmod.as_deref(), Some("2021-10-06T06:21:07+08:00"));
    assert_eq!(page.slug.as_deref(), Some("lessons-learned-facebook-down"));
    assert!(page.toc, "toc = true should set the toc flag");
    assert_eq!(page.tags, ["federation", "decentralization"]);
    assert_eq!(page.categories, ["web"]);
    assert_eq!(page.keywords.len(), 8);
    assert_eq!(page.images.len(), 11);
    assert_eq!(page.authors.len(), 1, "[[authors]] should give one author");
    assert_eq!(page.authors[0].name.as_deref(), Some("ᜌᜓᜃᜒ (Yuki | 雪亮)"));
    assert_eq!(
        out.front_matter["authors"][0]["person"], "yuki",
        "the front matter tree should keep every author field"
    );
}

#[test]
fn sample_summary_is_everything_before_the_more_divider() {
    let out = rendered_sample();
    assert!(out.truncated);
    assert!(
        out.summary_html
            .ends_with("<p><strong>NO</strong> and <em>no</em>.</p>"),
        "summary should end with the paragraph before <!--more-->: {}",
        out.summary_html
    );
    assert!(!out.summary_html.contains("15:40 UTC"));
    assert!(out.content_html.contains("15:40 UTC"));
    assert!(!out.content_html.contains("HUGOMORE42"));
}

#[test]
fn sample_headings_fill_the_table_of_contents() {
    let out = rendered_sample();
    let ids: Vec<&str> = out.toc.iter().map(|entry| entry.id.as_str()).collect();
    assert!(ids.contains(&"lessons-learnt"), "{ids:?}");
    assert!(ids.contains(&"friendica"), "{ids:?}");
    assert!(out
        .toc_html
        .starts_with("<nav id=\"TableOfContents\">\n  <ul>\n    <li><a href=\"#lessons-learnt\">Lessons Learnt</a></li>"));
    assert!(
        out.page_html.contains("id=\"TableOfContents\""),
        "toc = true shows the TOC in the page"
    );
}

#[test]
fn sample_footnotes_are_numbered_in_order_of_first_reference() {
    let out = rendered_sample();
    let html = &out.content_html;
    assert!(html.contains(
        r##"<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>"##
    ));
    assert!(
        html.contains(r##"<sup id="fnref1:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>"##),
        "the second reference to [^a] should get id fnref1:1"
    );
    assert!(html
        .contains("<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n<li id=\"fn:1\">"));
}

/// The sample was written for an older Hugo: its two `tweet` calls stop Hugo 0.156 and
/// later, so they are its only errors.
#[test]
fn sample_renders_without_errors_but_hugos_tweet_removal() {
    let out = rendered_sample();
    let errors: Vec<_> = out
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .filter(|d| {
            !d.message.starts_with(
                "The \"twitter\", \"tweet\", and \"twitter_simple\" shortcodes were deprecated",
            )
        })
        .collect();
    assert!(
        errors.is_empty(),
        "the sample should render without other errors: {errors:?}"
    );
    assert!(out.word_count > 1_500, "word count {}", out.word_count);
    assert_eq!(out.reading_time, out.word_count.div_ceil(213));
}

#[test]
fn sample_page_matches_its_snapshot() {
    support::assert_snapshot("facebook-down.page.html", &rendered_sample().page_html);
}
