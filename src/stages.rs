//! The stages of [`Renderer::render`](crate::Renderer::render), in the order it calls them:
//! front matter → shortcodes → Markdown → splice → sanitize → summary → page. Each takes what
//! the stages before it made and returns what the next ones need; diagnostics are collected
//! in one list, placed in the file at the end.

use crate::diagnostic::{Diagnostic, LineIndex, Span};
use crate::markdown::{self, render::FenceHighlighter, MarkdownOutput};
use crate::shortcode::expand::{Expanded, Placeholders};
use crate::{front_matter, limits, page, sanitize, shortcode, template};
use crate::{FrontMatterMemo, PageFields, Renderer, TocEntry};
use std::rc::Rc;

/// The sanitized content and what is read from it.
pub(crate) struct Content {
    pub html: String,
    pub word_count: usize,
    pub toc: Vec<TocEntry>,
    pub toc_html: String,
}

/// The sanitized summary.
pub(crate) struct Summary {
    pub html: String,
    /// Shorter than the content (Hugo's `.Truncated`).
    pub truncated: bool,
}

impl Renderer {
    /// What the site's templates (shortcodes and render hooks) see of the page: the front
    /// matter (`tree`: with what its sections cascade to it), the site, the page's path,
    /// Markdown and highlighting, and the page's template budget, which shortcodes and hooks
    /// share.
    pub(crate) fn page_env<'e>(
        &'e self,
        path: Option<&'e str>,
        front_matter: &'e FrontMatterMemo,
        tree: &'e serde_json::Value,
        render_markdown: &'e dyn Fn(&str, bool) -> String,
        budget: &'e shortcode::call::TemplateBudget,
    ) -> shortcode::call::Env<'e> {
        let numbers = front_matter
            .front_matter
            .format
            .map_or(template::NumberStyle::Int, front_matter::number_style);
        shortcode::call::Env {
            front_matter: tree,
            front_matter_numbers: numbers,
            front_matter_dates: &front_matter.page.date_params,
            site: &self.site,
            pages: &self.options.pages,
            page_path: path,
            embeds: self.options.embeds,
            render_markdown,
            highlighter: &self.highlighter,
            math: &self.math,
            qr: &self.qr,
            template_budget: budget,
            nested: false,
            other_content: &shortcode::call::no_other_content,
            resource: &shortcode::call::no_resource,
        }
    }

    /// The page object (`.Page`) templates see.
    pub(crate) fn page_object(
        &self,
        path: Option<&str>,
        body: &str,
        front_matter: &FrontMatterMemo,
        env: &shortcode::call::Env<'_>,
    ) -> Rc<shortcode::context::PageObject> {
        let relative_permalink = self.relative_permalink(path);
        Rc::new(shortcode::context::PageObject {
            fields: front_matter.page.clone(),
            front_matter: template::Value::from_decoded(env.front_matter, env.front_matter_numbers),
            path: path.map(str::to_owned),
            resources: self
                .templates
                .resources
                .of_page(path, &relative_permalink, env.front_matter.get("resources")),
            relative_permalink,
            goldmark: self.options.markup.goldmark.clone(),
            site: self.templates.site.clone(),
            store: Default::default(),
            source: shortcode::context::PageSource::new(
                body,
                &self.options.markup.table_of_contents,
            ),
        })
    }

    /// Shortcodes: `{{% %}}` calls expanded into the Markdown (site templates, built-ins,
    /// the caller's), `{{< >}}` calls left as placeholders, rendered after the Markdown
    /// (`shortcode::expand::render_deferred`) and spliced.
    pub(crate) fn expand_shortcodes(
        &self,
        source: &str,
        index: &LineIndex,
        front_matter: &FrontMatterMemo,
        env: &shortcode::call::Env<'_>,
        page: &dyn Fn() -> Rc<shortcode::context::PageObject>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Expanded {
        let body_start = index.floor_boundary(front_matter.front_matter.body_start);
        if !env.nested {
            self.templates.start_render(env.page_path, &source[..body_start]);
        }
        shortcode::expand::expand(
            source,
            body_start,
            index,
            &self.implementations(),
            env,
            page,
            diagnostics,
        )
    }

    /// Markdown: the body, with `{{% %}}` output in it, to HTML (content, summary before the
    /// divider, headings, table of contents), not yet sanitized; the site's render hooks run
    /// for the elements they cover.
    pub(crate) fn render_markdown(
        &self,
        expanded: &Expanded,
        body_start: usize,
        index: &LineIndex,
        fences: Option<FenceHighlighter<'_>>,
        hooks: Option<&dyn markdown::render::RenderHooks>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> MarkdownOutput {
        let file_line = |offset: usize| index.line_of(offset);
        markdown::render_prepared(
            &expanded.prepared,
            body_start,
            &self.options,
            self.options
                .source_lines
                .then_some(&file_line as &dyn Fn(usize) -> usize),
            fences,
            hooks,
            diagnostics,
        )
    }

    /// Sanitize: the content and its table of contents cleaned, the words counted, and each
    /// heading's plain text taken from the page as shown.
    pub(crate) fn sanitize_content(&self, markdown: &mut MarkdownOutput) -> Content {
        let (html, word_count) = if self.site.has_cjk_language {
            let html = self.sanitizer.clean(&markdown.content_html);
            let word_count = markdown::count_words_cjk(&html);
            (html, word_count)
        } else {
            self.sanitizer.clean_counting_words(&markdown.content_html)
        };
        // Plain text from the heading as the sanitized page shows it, so that no stage can
        // put markup in it; a heading the page does not show (swallowed by raw HTML left
        // open before it) from its own HTML, sanitized alone.
        let mut shown = sanitize::text::headings_by_id(&html);
        let toc = std::mem::take(&mut markdown.headings)
            .into_iter()
            .map(|heading| {
                let in_page = shown
                    .get_mut(&heading.id)
                    .and_then(|starts| starts.pop_front())
                    .filter(|(level, _)| *level == heading.level);
                let text = match in_page {
                    Some((_, at)) => sanitize::text::first_element_text(&html[at..]),
                    None => self
                        .sanitizer
                        .heading_text(heading.level, &heading.title_html),
                };
                TocEntry {
                    level: heading.level,
                    text,
                    id: heading.id,
                    span: heading.span,
                }
            })
            .collect();
        let toc_html = self.sanitizer.clean(&markdown.toc_html);
        Content {
            html,
            word_count,
            toc,
            toc_html,
        }
    }

    /// Summary: Hugo's precedence (the text before `<!--more-->`, else the front matter's
    /// `summary`, else the first `summaryLength` words), cut and sanitized.
    pub(crate) fn summary(
        &self,
        markdown: &MarkdownOutput,
        page: &PageFields,
        content: &Content,
        fences: Option<FenceHighlighter<'_>>,
        source_len: usize,
    ) -> Summary {
        let options = &self.options;
        let front_matter_summary = page.summary.as_deref().filter(|s| !s.trim().is_empty());
        let mut html = match (&markdown.manual_summary_html, front_matter_summary) {
            (Some(manual), _) => manual.clone(),
            (None, Some(field)) => markdown::render_summary_field(field, options, fences),
            (None, None) if self.site.has_cjk_language => {
                markdown::automatic_summary_cjk(&markdown.content_html, options.summary_length)
            }
            (None, None) => {
                markdown::automatic_summary(&markdown.content_html, options.summary_length)
            }
        };
        // Already reported for the content, of which the summary is a part.
        within_output_limit(&mut html, source_len);
        let html = self.sanitizer.clean(&html);
        let truncated = html.trim() != content.html.trim();
        Summary { html, truncated }
    }

    /// Page: the article preview (header, cover, table of contents, content).
    pub(crate) fn page_html(&self, page: &PageFields, content: &Content) -> String {
        page::render(
            &page::PageParts {
                fields: page,
                content_html: &content.html,
                toc_html: &content.toc_html,
                reading_time: reading_time(content.word_count),
            },
            &self.sanitizer,
        )
    }
}

/// Splice: each `{{< >}}` placeholder replaced by its output, in the content, the summary
/// before the divider, the table of contents and the headings; then the content and the table
/// of contents cut to [`limits::MAX_OUTPUT_BYTES`].
pub(crate) fn splice(
    markdown: &mut MarkdownOutput,
    placeholders: &Placeholders,
    source_len: usize,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if !placeholders.is_empty() {
        markdown.content_html = placeholders.expand(&markdown.content_html);
        markdown.manual_summary_html = markdown
            .manual_summary_html
            .as_ref()
            .map(|summary| placeholders.expand(summary));
        markdown.toc_html = placeholders.expand(&markdown.toc_html);
        for heading in &mut markdown.headings {
            heading.title_html = placeholders.expand(&heading.title_html);
        }
    }
    for html in [&mut markdown.content_html, &mut markdown.toc_html] {
        if let Some(warning) = within_output_limit(html, source_len) {
            diagnostics.push(warning);
        }
    }
}

/// Hugo's `.ReadingTime`: (wordCount + 212) / 213, rounding up at 213 words a minute.
pub(crate) fn reading_time(word_count: usize) -> usize {
    word_count.div_ceil(213)
}

/// Diagnostics in the file's order, each with its line and column, then the site config's.
/// Diagnostics placed in another file of the site (a template the page reached) are already
/// located there; they follow the content file's.
pub(crate) fn place(diagnostics: &mut Vec<Diagnostic>, index: &LineIndex, config: &[Diagnostic]) {
    for diagnostic in diagnostics.iter_mut() {
        if diagnostic.location.is_content() {
            diagnostic.locate(index);
        }
    }
    let (mut content, others): (Vec<Diagnostic>, Vec<Diagnostic>) = std::mem::take(diagnostics)
        .into_iter()
        .partition(|d| d.location.is_content());
    crate::diagnostic::sort_by_place(&mut content);
    *diagnostics = content;
    diagnostics.extend(others);
    diagnostics.extend(config.iter().cloned());
}

/// Cuts `html` to at most [`limits::MAX_OUTPUT_BYTES`], before a tag, and says so in a
/// warning placed at the end of the source.
pub(crate) fn within_output_limit(html: &mut String, source_len: usize) -> Option<Diagnostic> {
    if html.len() <= limits::MAX_OUTPUT_BYTES {
        return None;
    }
    let mut end = limits::MAX_OUTPUT_BYTES;
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    if let Some(tag) = html[..end].rfind('<') {
        end = tag;
    }
    html.truncate(end);
    Some(Diagnostic::warning(
        format!(
            "this page renders to more than {} MB of HTML; the preview shows the first {} MB",
            limits::MAX_OUTPUT_BYTES / (1024 * 1024),
            limits::MAX_OUTPUT_BYTES / (1024 * 1024)
        ),
        Span::new(source_len, source_len),
    ))
}
