//! hugo-preview: a Hugo content file to sanitized HTML, natively or in the browser.
//!
//! The pipeline, one call a stage ([`Renderer::render`]; the stages are in `stages.rs`):
//!
//! ```text
//! source ─ front_matter ─▶ body ─ shortcode ─▶ Markdown with {{% %}} output ─ markdown ─▶ HTML
//!              │                      │                                        │
//!         page fields        {{< >}} output as placeholders ──── splice ──▶ HTML ─ sanitize ─▶ content,
//!                                                                               toc, summary ─ page ─▶ Rendered
//! ```
//!
//! Every stage may use the leaf modules (`rules`: Go's and Hugo's shared rules; `diagnostic`;
//! `limits`); the template engine (`template`) uses nothing else, and the shortcode stage
//! gives it the page and site through `template::funcs::Host`.
//!
//! Problems in the input never make [`render`] fail: they come back as
//! [`Diagnostic`]s, and everything else still renders.

#![forbid(unsafe_code)]

/// The stages' own modules: crate-private, so that the public API is what this file
/// exports. The `internals` feature makes them public for this repository's tests, fuzz
/// targets and benchmarks (no stability promised; `cargo test` turns it on).
macro_rules! internal_modules {
    ($($(#[$attr:meta])* $name:ident),* $(,)?) => {$(
        $(#[$attr])*
        #[cfg(feature = "internals")]
        pub mod $name;
        $(#[$attr])*
        #[cfg(not(feature = "internals"))]
        mod $name;
    )*};
}

internal_modules! {
    cache,
    cascade,
    diagnostic,
    front_matter,
    highlight,
    limits,
    markdown,
    math,
    modules,
    options,
    page,
    permalinks,
    reference,
    rules,
    sanitize,
    shortcode,
    site,
    site_files,
    sorted,
    stages,
    template,
    #[cfg(target_arch = "wasm32")]
    wasm,
}

/// Reading a site's files (the CLI's `--site`, `--layouts`, `--i18n`): Hugo's lookup rules.
pub mod i18n;
pub mod image_size;
pub mod layouts;
pub mod mounts;

use crate::diagnostic::LineIndex;
pub use crate::diagnostic::{Diagnostic, Location, Range, Severity, Span};
pub use crate::front_matter::{Author, FrontMatterFormat, PageFields};
pub use crate::highlight::Backend as HighlightBackend;
pub use crate::markdown::TocEntry;
pub use crate::modules::Backend as ModuleBackend;
pub use crate::options::{
    AutoIdType, BinaryFile, GoldmarkOptions, MarkupOptions, PageInput, RenderOptions, TocOptions,
};
pub use crate::shortcode::external::{
    ExternalCall, ExternalPage, ExternalPosition, ExternalShortcodes,
};
pub use crate::shortcode::OutlineNode;
use serde::Serialize;
use std::collections::BTreeMap;

pub use crate::rules::HUGO_VERSION;

/// Everything a preview needs from one content file. In the package this is `RenderResult`,
/// its TypeScript type derived from this one, its diagnostics' positions in UTF-16.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Rendered {
    /// What Hugo's `.Content` gives, sanitized.
    pub content_html: String,
    /// What Hugo's `.Summary` gives, sanitized.
    pub summary_html: String,
    /// Whether the summary is shorter than the content (Hugo's `.Truncated`).
    pub truncated: bool,
    /// What Hugo's `.TableOfContents` gives.
    pub toc_html: String,
    /// The table of contents as data, in document order.
    pub toc: Vec<TocEntry>,
    /// The front matter as written, as a JSON-compatible tree (`null` when there is none).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, unknown> | null"))]
    pub front_matter: serde_json::Value,
    /// `"toml"`, `"yaml"`, `"json"` or `"org"`; `null` without front matter.
    pub front_matter_format: Option<FrontMatterFormat>,
    /// The fields Hugo and themes read from the front matter, typed.
    pub page: PageFields,
    /// Hugo's `.WordCount`.
    pub word_count: usize,
    /// Hugo's `.ReadingTime`, in minutes.
    pub reading_time: usize,
    /// A complete article preview: header, cover, TOC and content.
    pub page_html: String,
    /// Every problem found, in source order; those of the site config and templates last.
    pub diagnostics: Vec<Diagnostic>,
    /// Code blocks wait for the highlighter (the package loads it when a page first has code
    /// to colour): they are shown uncoloured; render again when it is there
    /// (`highlighterReady()` in the package).
    pub highlight_pending: bool,
    /// Formulas (`transform.ToMath`) wait for KaTeX (the package loads it when a page first
    /// has one): they show as their TeX; render again when it is there.
    pub math_pending: bool,
    /// QR codes (the `qr` shortcode) wait for their encoder (the package loads it when a page
    /// first has one): they are left out; render again when it is there.
    pub qr_pending: bool,
}

/// The outline of a content file, for editor features and the CLI's `parse` command. In the
/// package this is `ParseResult`, its positions in UTF-16.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Parsed {
    /// The front matter as written (`null` when there is none).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, unknown> | null"))]
    pub front_matter: serde_json::Value,
    pub front_matter_format: Option<FrontMatterFormat>,
    /// Where the front matter block is, delimiters included (`None` without one).
    pub front_matter_range: Option<Range>,
    /// Top-level shortcode calls, each with its nested calls.
    pub shortcodes: Vec<shortcode::OutlineNode>,
    /// Every heading of the rendered page, in document order, with where it is written.
    pub headings: Vec<Heading>,
    /// Where the summary divider `<!--more-->` is, when the body has one at the top level.
    pub summary_divider: Option<Range>,
    /// Problems in the front matter and in the shortcode syntax, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

/// A heading of the page, for an editor's outline: what the table of contents would show, at
/// every level, and where the heading is in the source.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Heading {
    pub level: u8,
    /// The id Hugo gives it (after shortcodes), empty when it has none.
    pub id: String,
    /// Its plain text, as a reader sees it: the rendered heading's `textContent`, white space
    /// collapsed (the same as [`TocEntry::text`]). Never markup: insert it as text, not as
    /// HTML (a heading that shows `<b>` has `<b>` here).
    pub text: String,
    /// From the first `#` (or the text of a setext heading) to the end of its last line, in
    /// bytes of the file (UTF-16 code units in the package).
    #[serde(flatten)]
    pub span: Span,
    /// 1-based line of `span.start`.
    pub line: usize,
}

/// Parses one content file (front matter and shortcode tree) without rendering it.
pub fn parse(source: &str, options: &RenderOptions) -> Parsed {
    Renderer::new(options.clone()).parse(source)
}

/// Renders one content file with the given options.
///
/// ```
/// let out = hugo_preview::render("+++\ntitle = \"Hi\"\n+++\nHello *world*", &Default::default());
/// assert_eq!(out.content_html, "<p>Hello <em>world</em></p>\n");
/// assert_eq!(out.page.title.as_deref(), Some("Hi"));
/// ```
pub fn render(source: &str, options: &RenderOptions) -> Rendered {
    Renderer::new(options.clone()).render(source)
}

/// The sanitizer every render's HTML passes through last, for HTML from elsewhere: an
/// embedder's own markup shown beside a preview, or Hugo's output compared with one. The same
/// policy with the same options (`embeds`, `allow_data_attributes`, `source_lines`).
///
/// ```
/// let html = hugo_preview::sanitize("<p onclick=\"x()\">Hi<script>x()</script></p>", &Default::default());
/// assert_eq!(html, "<p>Hi</p>");
/// ```
pub fn sanitize(html: &str, options: &RenderOptions) -> String {
    sanitize::Sanitizer::with_options(sanitizer_options(options)).clean(html)
}

/// The sanitizer's settings among the render options.
fn sanitizer_options(options: &RenderOptions) -> sanitize::Options {
    sanitize::Options {
        embeds: options.embeds,
        source_lines: options.source_lines,
        data_attributes: options.allow_data_attributes,
    }
}

/// A renderer that keeps what can be prepared once (options with the site config applied, the
/// sanitizer policy) and is reused for every keystroke.
pub struct Renderer {
    /// The options as given (a site file set or deleted changes these and builds again).
    given_options: RenderOptions,
    options: RenderOptions,
    site: site::SiteConfig,
    /// Problems in the site config, reported with every render (located in the config).
    config_diagnostics: Vec<Diagnostic>,
    /// The site's shortcode templates and partials, compiled once.
    templates: shortcode::templates::SiteTemplates,
    sanitizer: sanitize::Sanitizer,
    /// The caller's own shortcodes (JavaScript functions in the package).
    external: Option<Box<dyn shortcode::external::ExternalShortcodes>>,
    /// The front matter of the last render, decoded: reused while the block is unchanged.
    front_matter_memo: std::cell::RefCell<Option<std::rc::Rc<FrontMatterMemo>>>,
    /// Colours code (Hugo's `markup.highlight`), with the blocks it already coloured.
    highlighter: highlight::Highlighter,
    /// KaTeX for `transform.ToMath`.
    math: modules::Module,
    /// The `qr` shortcode's encoder.
    qr: modules::Module,
    /// What the site's sections cascade to the pages below them.
    cascades: cascade::Cascades,
}

/// A decoded `+++`/`---` front matter block, with what decoding it reported.
struct FrontMatterMemo {
    /// The block as written, closing delimiter and its line break included.
    block: String,
    front_matter: front_matter::FrontMatter,
    page: PageFields,
    tree: serde_json::Value,
    diagnostics: Vec<Diagnostic>,
}

impl Renderer {
    pub fn new(options: RenderOptions) -> Renderer {
        Renderer::build(options, None)
    }

    /// A renderer for `options`, reusing the templates `previous` compiled from sources that
    /// have not changed (a site file changed: only what it affects is compiled again).
    fn build(
        options: RenderOptions,
        previous: Option<&shortcode::templates::SiteTemplates>,
    ) -> Renderer {
        let given_options = options.clone();
        let mut options = options;
        let mut files = (!options.files.is_empty()).then(|| site_files::resolve(&options.files));
        let mut config_diagnostics = Vec::new();
        let site_config = options.site_config.clone();
        let site = match (&site_config, files.as_ref().and_then(|f| f.config.as_ref())) {
            (Some(text), _) => {
                let mut parsed = site::parse(text, options.site_config_format, None);
                let mut warnings = Vec::new();
                site::apply_to_options(
                    &parsed.tree,
                    &parsed.config,
                    &mut options,
                    &mut |key, m| warnings.push((key.to_owned(), m)),
                );
                for (key, message) in warnings {
                    let diagnostic = parsed.warning_at_key(text, &key, message);
                    parsed.diagnostics.push(diagnostic);
                }
                config_diagnostics = parsed.diagnostics;
                parsed.config
            }
            (None, Some(merged)) => {
                let mut warnings = Vec::new();
                let mut config = site::SiteConfig::from_tree(&merged.tree, &mut |key, m| {
                    warnings.push((key.to_owned(), m))
                });
                if let Some((_, format)) = &merged.main {
                    config.params_numbers = front_matter::number_style(*format);
                }
                site::apply_to_options(&merged.tree, &config, &mut options, &mut |key, m| {
                    warnings.push((key.to_owned(), m))
                });
                for (key, message) in warnings {
                    config_diagnostics.push(site_files::warning_at_key(
                        &options.files,
                        merged,
                        &key,
                        message,
                    ));
                }
                config
            }
            (None, None) => site::SiteConfig::default(),
        };
        let site = site::SiteConfig {
            clock: options.clock.clone(),
            ..site
        };
        let mut sources = shortcode::templates::TemplateSources::default();
        let mut pages = BTreeMap::new();
        let mut data = serde_json::Map::new();
        // The files where their mounts put them (`content.en/` at `content/`).
        let mounted = files.as_mut().and_then(|f| f.files.take());
        let mounted_binaries = files
            .as_ref()
            .map(|f| f.mounts.apply(&options.binary_files));
        let resources = shortcode::resources::SiteResources::new(shortcode::resources::SiteFiles {
            texts: mounted.as_ref().unwrap_or(&options.files),
            binaries: mounted_binaries.as_ref().unwrap_or(&options.binary_files),
            given: &options.files,
            given_binaries: &options.binary_files,
            themes_dir: files.as_ref().map_or("themes", |f| f.themes_dir.as_str()),
            themes: files.as_ref().map_or(&[], |f| f.themes.as_slice()),
            base_url: &site.base_url,
        });
        if let Some(files) = files {
            config_diagnostics.extend(files.diagnostics);
            let from_file = |file: site_files::SiteFile| shortcode::templates::TemplateSource {
                text: file.text,
                location: Location::File(file.path),
            };
            sources.shortcodes =
                sorted::map(files.shortcodes.into_iter().map(|(n, f)| (n, from_file(f))));
            sources.partials =
                sorted::map(files.partials.into_iter().map(|(n, f)| (n, from_file(f))));
            sources.hooks = sorted::map(files.hooks.into_iter().map(|(n, f)| (n, from_file(f))));
            sources.i18n = files.i18n;
            pages = files.pages;
            data = files.data;
        }
        // What the options give is used over what the files give.
        for (name, text) in &options.shortcodes {
            sources.shortcodes.insert(
                name.clone(),
                shortcode::templates::TemplateSource {
                    text: text.clone(),
                    location: Location::Shortcode(name.clone()),
                },
            );
        }
        for (name, text) in &options.partials {
            sources.partials.insert(
                name.clone(),
                shortcode::templates::TemplateSource {
                    text: text.clone(),
                    location: Location::Partial(name.clone()),
                },
            );
        }
        sources
            .i18n
            .extend(options.i18n.iter().map(|(k, v)| (k.clone(), v.clone())));
        pages.extend(options.pages.iter().map(|(k, v)| (k.clone(), v.clone())));
        options.pages = pages;
        let sanitizer = sanitize::Sanitizer::with_options(sanitizer_options(&options));
        let site_object = shortcode::context::SiteObject::new(
            site.clone(),
            options.pages.clone(),
            data,
            sorted::map(
                mounted
                    .as_ref()
                    .unwrap_or(&options.files)
                    .iter()
                    .filter_map(|(path, text)| {
                        let relative = path.strip_prefix("content/")?;
                        Some((relative.to_owned(), std::rc::Rc::from(text.as_str())))
                    }),
            ),
        );
        let templates = shortcode::templates::SiteTemplates::compile(
            sources,
            site_object,
            previous,
            &mut config_diagnostics,
        );
        let mut templates = templates;
        templates.resources = resources;
        let highlighter = highlight::Highlighter::new(
            site.highlight.table.clone(),
            highlight::Highlighter::native_backend(),
        );
        let cascades = cascade::Cascades::read(
            mounted.as_ref().unwrap_or(&options.files),
            templates.site.lang(),
        );
        Renderer {
            given_options,
            options,
            site,
            config_diagnostics,
            templates,
            sanitizer,
            external: None,
            front_matter_memo: Default::default(),
            highlighter,
            math: modules::Module::new(math::native_backend()),
            qr: modules::Module::new(shortcode::builtins::qr::native_backend()),
            cascades,
        }
    }

    /// Adds or replaces one file of the site (`files`): what depends on it is read again;
    /// templates whose text did not change are not compiled again.
    pub fn set_file(&mut self, path: &str, text: &str) {
        let mut options = self.given_options.clone();
        options.files.insert(path.to_owned(), text.to_owned());
        self.reconfigure(options);
    }

    /// Removes one file of the site (`files`).
    pub fn delete_file(&mut self, path: &str) {
        let mut options = self.given_options.clone();
        options.files.remove(path);
        self.reconfigure(options);
    }

    /// Takes new options, keeping what can be kept: templates compiled from unchanged text,
    /// the caller's shortcodes and the highlighter.
    pub fn reconfigure(&mut self, options: RenderOptions) {
        let mut fresh = Renderer::build(options, Some(&self.templates));
        fresh.external = self.external.take();
        fresh
            .highlighter
            .set_backend(self.highlighter.take_backend());
        fresh.math.set_backend(self.math.take_backend());
        fresh.qr.set_backend(self.qr.take_backend());
        *self = fresh;
    }

    /// Replaces what colours code: the package's bridge to its highlighter module; `None`
    /// turns highlighting off (code blocks render as without a highlighter).
    pub fn set_highlight_backend(&mut self, backend: Option<highlight::Backend>) {
        self.highlighter.set_backend(backend);
    }

    /// Replaces what renders `transform.ToMath`: the package's bridge to its KaTeX module;
    /// `None` for none (the function is then an error saying so).
    pub fn set_math_backend(&mut self, backend: Option<modules::Backend>) {
        self.math.set_backend(backend);
    }

    /// Replaces what encodes the `qr` shortcode's codes: the package's bridge to its QR module;
    /// `None` for none (the shortcode is then an error saying so).
    pub fn set_qr_backend(&mut self, backend: Option<modules::Backend>) {
        self.qr.set_backend(backend);
    }

    /// The decoded front matter of `source`: the last render's when `source` starts with the
    /// same block (a TOML or YAML block ends at its closing delimiter's line break, so the
    /// text after it cannot change it), else decoded now.
    fn front_matter_of(&self, source: &str) -> std::rc::Rc<FrontMatterMemo> {
        if let Some(memo) = self.front_matter_memo.borrow().as_ref() {
            if source.starts_with(&memo.block) {
                return memo.clone();
            }
        }
        let memo = std::rc::Rc::new(self.decode_front_matter(source));
        if !memo.block.is_empty() {
            *self.front_matter_memo.borrow_mut() = Some(memo.clone());
        }
        memo
    }

    /// `source`'s front matter decoded, without the memo.
    fn decode_front_matter(&self, source: &str) -> FrontMatterMemo {
        let mut diagnostics = Vec::new();
        let front_matter = front_matter::parse(source, &mut diagnostics);
        let page = PageFields::from_front_matter(&front_matter, &mut diagnostics);
        let tree = front_matter.tree();
        let block = source.get(..front_matter.body_start).unwrap_or("");
        let delimited = matches!(
            front_matter.format,
            Some(FrontMatterFormat::Toml | FrontMatterFormat::Yaml)
        );
        FrontMatterMemo {
            block: if delimited && block.ends_with('\n') {
                block.to_owned()
            } else {
                // Never matched: an empty block would match everything.
                String::new()
            },
            front_matter,
            page,
            tree,
            diagnostics,
        }
    }

    /// Shortcodes implemented by the caller; they replace templates and built-ins of the same
    /// names. Their output is sanitized like everything else.
    pub fn set_external_shortcodes(
        &mut self,
        external: Option<Box<dyn shortcode::external::ExternalShortcodes>>,
    ) {
        self.external = external;
    }

    /// The options in effect: the given ones with the site config's settings applied.
    pub fn options(&self) -> &RenderOptions {
        &self.options
    }

    /// The site config in effect.
    pub fn site(&self) -> &site::SiteConfig {
        &self.site
    }

    fn implementations(&self) -> shortcode::expand::Implementations<'_> {
        shortcode::expand::Implementations {
            templates: &self.templates,
            enable_inline: self.site.enable_inline_shortcodes,
            external: self.external.as_deref(),
        }
    }

    /// This page's relative permalink: from the known pages when its path is there, else
    /// Hugo's default for a content path (`posts/a.md` → `/posts/a/`).
    fn relative_permalink(&self, path: Option<&str>) -> String {
        let Some(path) = path else {
            return "/".into();
        };
        if let Some(known) = self.options.pages.get(path) {
            return known.clone();
        }
        reference::default_permalink(path)
    }

    /// The outline of `source`: front matter, shortcode tree, headings, summary divider,
    /// diagnostics. The heading ids need the page rendered (shortcodes expanded), so this
    /// costs one render; an editor that renders on every keystroke can take them from
    /// [`Rendered::toc`] and call this when it needs positions.
    pub fn parse(&self, source: &str) -> Parsed {
        self.parse_at(source, self.options.path.as_deref())
    }

    /// [`Renderer::parse`] of one content file of the site (`page`: where it is).
    pub fn parse_page(&self, source: &str, page: &PageInput) -> Parsed {
        self.parse_at(source, page.path.as_deref())
    }

    fn parse_at(&self, source: &str, path: Option<&str>) -> Parsed {
        let (source, too_large) = within_size_limit(source);
        let mut parsed = self.parse_within_limit(source, path);
        if let Some(diagnostic) = too_large {
            parsed.diagnostics.insert(0, diagnostic);
        }
        parsed
    }

    fn parse_within_limit(&self, source: &str, path: Option<&str>) -> Parsed {
        // Rendering gives the heading ids; its front matter is then the one remembered.
        let rendered = self.render_within_limit(source, path);
        let front_matter = self.front_matter_of(source);
        let index = LineIndex::new(source);
        let mut diagnostics = front_matter.diagnostics.clone();
        let body_start = index.floor_boundary(front_matter.front_matter.body_start);
        let implementations = self.implementations();
        let needs_inner = |name: &str| implementations.needs_inner(name);
        let mut outline = shortcode::outline(&source[body_start..], body_start, &needs_inner);
        diagnostics.extend(outline.diagnostics);
        let mut nodes: Vec<&mut shortcode::OutlineNode> = outline.shortcodes.iter_mut().collect();
        while let Some(node) = nodes.pop() {
            node.line = index.line_column(node.span.start).0;
            nodes.extend(node.children.iter_mut());
        }
        for diagnostic in &mut diagnostics {
            diagnostic.locate(&index);
        }
        diagnostic::sort_by_place(&mut diagnostics);
        let headings = rendered
            .toc
            .into_iter()
            .map(|entry| {
                let start = index.floor_boundary(entry.span.start);
                let end = index.floor_boundary(entry.span.end).max(start);
                Heading {
                    level: entry.level,
                    id: entry.id,
                    text: entry.text,
                    span: Span::new(start, end),
                    line: index.line_column(start).0,
                }
            })
            .collect();
        Parsed {
            front_matter: rendered.front_matter,
            front_matter_format: front_matter.front_matter.format,
            front_matter_range: front_matter.front_matter.format.map(|_| Range {
                line: 1,
                span: Span::new(0, body_start),
            }),
            shortcodes: outline.shortcodes,
            headings,
            summary_divider: outline.summary_divider.map(|span| Range {
                line: index.line_column(span.start).0,
                span,
            }),
            diagnostics,
        }
    }

    /// Renders `source`, at the options' `path`.
    pub fn render(&self, source: &str) -> Rendered {
        self.render_at(source, self.options.path.as_deref())
    }

    /// Renders one content file of the site (`page`: where it is): one renderer serves every
    /// page of a site, keeping its compiled templates when an editor switches files.
    pub fn render_page(&self, source: &str, page: &PageInput) -> Rendered {
        self.render_at(source, page.path.as_deref())
    }

    fn render_at(&self, source: &str, path: Option<&str>) -> Rendered {
        let (source, too_large) = within_size_limit(source);
        let mut rendered = self.render_within_limit(source, path);
        if let Some(diagnostic) = too_large {
            rendered.diagnostics.insert(0, diagnostic);
        }
        rendered
    }

    /// The `.RelPermalink` of the resource at `name` of the page at `path`, else of the
    /// site's asset there (Hugo's `figure` shortcode looks its `src` up so).
    fn resource_permalink(&self, path: Option<&str>, name: &str) -> Option<String> {
        let resources = &self.templates.resources;
        let page = resources.of_page(path, &self.relative_permalink(path), None);
        let found = match &page {
            template::Value::Object(list) => list
                .get("Get", &[template::Value::from(name)])
                .ok()
                .flatten()
                .filter(|found| !matches!(found, template::Value::Nil)),
            _ => None,
        }
        .or_else(|| resources.get(name))?;
        let template::Value::Object(resource) = found else {
            return None;
        };
        match resource.get("RelPermalink", &[]) {
            Ok(Some(template::Value::String(link))) => Some(link.to_string()),
            _ => None,
        }
    }

    /// The pipeline: one call a stage.
    fn render_within_limit(&self, source: &str, path: Option<&str>) -> Rendered {
        self.sanitizer.start_render();
        self.highlighter.start_render();
        self.math.start_render();
        self.qr.start_render();
        let colour = |fence: &markdown::render::FencedCode<'_>| {
            self.highlighter.fence(
                fence.code,
                fence.lang,
                || markdown::attributes::code_block_attributes(fence.attributes),
                fence.ordinal,
            )
        };
        // `markup.highlight.codeFences = false`: none, and fenced blocks are goldmark's own.
        let fences: Option<markdown::render::FenceHighlighter<'_>> =
            self.highlighter.colours_fences().then_some(&colour);
        let budget = shortcode::call::TemplateBudget::default();
        let index = LineIndex::new(source);
        let front_matter = self.front_matter_of(source);
        let run = PageRun {
            fences,
            budget: &budget,
            depth: 0,
        };
        let (mut markdown, mut diagnostics) =
            self.content_stages(source, path, &index, &front_matter, run);
        let content = self.sanitize_content(&mut markdown);
        let summary = self.summary(
            &markdown,
            &front_matter.page,
            &content,
            fences,
            source.len(),
        );
        let page_html = self.page_html(&front_matter.page, &content);
        stages::place(&mut diagnostics, &index, &self.config_diagnostics);
        Rendered {
            content_html: content.html,
            summary_html: summary.html,
            truncated: summary.truncated,
            toc_html: content.toc_html,
            toc: content.toc,
            front_matter: front_matter.tree.clone(),
            front_matter_format: front_matter.front_matter.format,
            page: front_matter.page.clone(),
            word_count: content.word_count,
            reading_time: stages::reading_time(content.word_count),
            page_html,
            diagnostics,
            highlight_pending: self.highlighter.pending(),
            math_pending: self.math.pending(),
            qr_pending: self.qr.pending(),
        }
    }

    /// Front matter → shortcodes → Markdown (with the render hooks) → splice: the content
    /// HTML of `source` before it is sanitized, and what the stages reported.
    fn content_stages(
        &self,
        source: &str,
        path: Option<&str>,
        index: &LineIndex,
        front_matter: &FrontMatterMemo,
        run: PageRun<'_>,
    ) -> (markdown::MarkdownOutput, Vec<Diagnostic>) {
        let PageRun {
            fences,
            budget,
            depth,
        } = run;
        let mut diagnostics = front_matter.diagnostics.clone();
        let body_start = index.floor_boundary(front_matter.front_matter.body_start);
        let options = &self.options;
        // `markdownify` and `.RenderString` run the site's render hooks too; the hooks are
        // made after the page's environment (which this function is part of), so they are
        // handed in once made, and the depth they can nest to is bounded.
        let string_hooks: std::cell::Cell<Option<&dyn markdown::render::RenderHooks>> =
            std::cell::Cell::new(None);
        let string_depth = std::cell::Cell::new(0usize);
        let render_markdown = |text: &str, block: bool| {
            let hooks = string_hooks
                .get()
                .filter(|_| string_depth.get() < limits::MAX_NESTED_MARKDOWN);
            string_depth.set(string_depth.get() + 1);
            let html = markdown::render_string_hooked(
                text,
                block,
                &options.markup.goldmark,
                fences,
                hooks,
            );
            string_depth.set(string_depth.get() - 1);
            html
        };
        let params = self.cascades.apply(path, &front_matter.tree);
        let deeper = PageRun {
            depth: depth + 1,
            ..run
        };
        let other_content = |path: &str, text: &str| self.other_content(path, text, deeper);
        let resource = |name: &str| self.resource_permalink(path, name);
        let env = shortcode::call::Env {
            nested: depth > 0,
            other_content: &other_content,
            resource: &resource,
            ..self.page_env(path, front_matter, &params, &render_markdown, budget)
        };
        // Built when a template first asks for it.
        let page_object = std::cell::OnceCell::new();
        let page = || {
            page_object
                .get_or_init(|| self.page_object(path, &source[body_start..], front_matter, &env))
                .clone()
        };
        // Which of the site's hooks apply: those of the page's section (or `type`) and above.
        let page_type = params
            .as_object()
            .and_then(|map| map.iter().find(|(k, _)| k.eq_ignore_ascii_case("type")))
            .and_then(|(_, value)| value.as_str());
        let base = layouts::template_base(path.unwrap_or(""), page_type);
        self.templates.set_page_base(&base);
        let hooks = self.templates.page_hooks(&env, &page, index, base);
        string_hooks.set(
            hooks
                .as_ref()
                .map(|h| h as &dyn markdown::render::RenderHooks),
        );
        let mut expanded =
            self.expand_shortcodes(source, index, front_matter, &env, &page, &mut diagnostics);
        let mut markdown = self.render_markdown(
            &expanded,
            body_start,
            index,
            fences,
            hooks
                .as_ref()
                .map(|h| h as &dyn markdown::render::RenderHooks),
            &mut diagnostics,
        );
        shortcode::expand::render_deferred(
            &mut expanded,
            source,
            &self.implementations(),
            &env,
            &page,
            &mut diagnostics,
        );
        stages::splice(
            &mut markdown,
            &expanded.placeholders,
            source.len(),
            &mut diagnostics,
        );
        (markdown, diagnostics)
    }

    /// `.Content` of another page of the site (`text`, its file at `path`): rendered as the
    /// previewed page is; its first error, placed in its file, is the error of the call that
    /// asked. Pages that include each other stop at [`limits::MAX_NESTED_PAGES`].
    fn other_content(&self, path: &str, text: &str, run: PageRun<'_>) -> Result<String, String> {
        if run.depth > limits::MAX_NESTED_PAGES {
            return Err(format!(
                "pages include each other's .Content more than {} deep",
                limits::MAX_NESTED_PAGES
            ));
        }
        let (text, _) = within_size_limit(text);
        let index = LineIndex::new(text);
        let front_matter = self.decode_front_matter(text);
        let outer_base = self.templates.page_base();
        let (markdown, diagnostics) =
            self.content_stages(text, Some(path), &index, &front_matter, run);
        // The previewed page's shortcodes are its section's again.
        self.templates.set_page_base(&outer_base);
        // An error in that page is the error of the call that asked for its content, placed
        // in that page's file (Hugo stops the build there).
        if let Some(mut error) = diagnostics
            .into_iter()
            .find(|d| d.severity == Severity::Error)
        {
            error.locate(&index);
            return Err(format!(
                "\"content/{path}:{}:{}\": {}",
                error.line, error.column, error.message
            ));
        }
        Ok(markdown.content_html)
    }
}

/// How a content file is rendered ([`Renderer::content_stages`]): the page being previewed
/// (`depth` 0) or, above, another page whose `.Content` a template asked for, which shares
/// the previewed page's template budget and highlighter and neither reads nor writes what the
/// renderer remembers between renders of the previewed page.
#[derive(Clone, Copy)]
struct PageRun<'a> {
    fences: Option<markdown::render::FenceHighlighter<'a>>,
    budget: &'a shortcode::call::TemplateBudget,
    depth: usize,
}

/// `source` cut to [`limits::MAX_SOURCE_BYTES`] (on a character boundary), and the warning
/// that says so when it was cut.
fn within_size_limit(source: &str) -> (&str, Option<Diagnostic>) {
    if source.len() <= limits::MAX_SOURCE_BYTES {
        return (source, None);
    }
    let index = LineIndex::new(source);
    let end = index.floor_boundary(limits::MAX_SOURCE_BYTES);
    let mut diagnostic = Diagnostic::warning(
        format!(
            "the file is {} MB; only its first {} MB are previewed",
            source.len() / (1024 * 1024),
            limits::MAX_SOURCE_BYTES / (1024 * 1024)
        ),
        Span::new(end, end),
    );
    diagnostic.locate(&index);
    (&source[..end], Some(diagnostic))
}

#[cfg(test)]
mod tests {
    use super::*;
    use stages::within_output_limit;

    #[test]
    fn html_over_the_output_limit_is_cut_before_a_tag_with_a_warning() {
        let mut small = "<p>short</p>".to_owned();
        assert!(within_output_limit(&mut small, 5).is_none());
        assert_eq!(small, "<p>short</p>");

        let unit = "<sup><a href=\"#fn:1\">é</a></sup>";
        let whole = unit.repeat(limits::MAX_OUTPUT_BYTES / unit.len() + 10);
        let mut big = whole.clone();
        let warning = within_output_limit(&mut big, 7).expect("a warning");
        assert!(big.len() <= limits::MAX_OUTPUT_BYTES);
        assert!(big.len() > limits::MAX_OUTPUT_BYTES - unit.len());
        // Cut just before a tag, never inside one.
        assert!(whole[big.len()..].starts_with('<'));
        assert_eq!(warning.severity, Severity::Warning);
        assert_eq!(warning.span, Span::new(7, 7));
        assert!(warning.message.contains("16 MB"), "{}", warning.message);
    }
}
