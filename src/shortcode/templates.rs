//! The site's shortcode templates and partials, compiled once per [`Renderer`](crate::Renderer)
//! and run for every call: the bridge between the shortcode stage and [`crate::template`].

use super::call::{Call, Env, Report};
use super::context::{PageObject, PositionObject, Scratch, ShortcodeContext, SiteObject};
use super::tree::Params;
use crate::cache::Generations;
use crate::diagnostic::{Diagnostic, LineIndex, Location, Severity, Span};
use crate::highlight::{self, Highlighter};
use crate::limits::MAX_TEMPLATE_CACHE_BYTES;
use crate::reference::{KnownPages, RefSource};
use crate::site::SiteConfig;
use crate::markdown::attributes::AttributeValue;
use crate::markdown::render::{Hook, HookKind, HookOutput, RenderHooks};
use crate::site::EmbeddedHook;
use crate::template::funcs::{FuncContext, Highlighted, Host, RefFrom};
use crate::template::{Limits, Template, TemplateError, TemplateSet, Usage, Value};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

/// What a call of a site template gave: its output, what it reported, and what it spent.
/// Kept only for runs that read nothing impure ([`Usage::impure`]) and were not stopped by a
/// limit ([`Usage::exhausted`]): the same call then gives the same output, and costs the
/// same, every time it runs.
#[derive(Clone)]
struct CachedCall {
    output: String,
    problems: Vec<(Severity, String)>,
    usage: Usage,
}

impl CachedCall {
    fn bytes(&self, key: &str) -> usize {
        key.len() + self.output.len() + self.problems.iter().map(|(_, m)| m.len()).sum::<usize>()
    }
}

/// Calls of the site's templates by call (name, notation, parameters, inner content,
/// indentation), two generations of at most [`MAX_TEMPLATE_CACHE_BYTES`]; all are forgotten
/// when the page changes (its path or its front matter).
struct CallCache {
    path: Option<String>,
    front_matter: String,
    calls: Generations<String, CachedCall>,
}

impl Default for CallCache {
    fn default() -> Self {
        CallCache {
            path: None,
            front_matter: String::new(),
            calls: Generations::new(MAX_TEMPLATE_CACHE_BYTES, |key, call| call.bytes(key)),
        }
    }
}

/// An inline shortcode's compiled template, by name and source.
type InlineKey = (String, Rc<str>);

/// Hugo's inline shortcodes (`{{< NAME.inline >}}TEMPLATE{{< /NAME.inline >}}`): what the page
/// being rendered has defined so far, which `{{< NAME.inline />}}` reuses, and the templates
/// compiled from their sources (kept for the render after, like calls).
struct InlineTemplates {
    /// Name → the source of its latest definition on this page.
    defined: HashMap<String, Rc<str>>,
    compiled: Generations<InlineKey, Result<Template, TemplateError>>,
}

impl Default for InlineTemplates {
    fn default() -> Self {
        InlineTemplates {
            defined: HashMap::new(),
            // Unbounded: a render compiles at most what its page defines.
            compiled: Generations::new(usize::MAX, |(name, source), _| name.len() + source.len()),
        }
    }
}

impl InlineTemplates {
    /// Starts a page: nothing is defined yet; templates compiled for the render before stay.
    fn start_page(&mut self) {
        self.defined.clear();
        self.compiled.rotate();
    }

    /// `name`'s template from `source`, compiled as Hugo compiles inline shortcodes (Go's
    /// `text/template`, named `_inline_shortcode/PAGE/NAME`).
    fn compile(
        &mut self,
        name: &str,
        source: Rc<str>,
        page_path: Option<&str>,
    ) -> Result<Template, TemplateError> {
        let key = (name.to_owned(), source);
        let compiled = match self.compiled.get(&key) {
            Some(compiled) => compiled,
            None => {
                let page =
                    page_path.map(|path| path.rsplit_once('.').map_or(path, |(stem, _)| stem));
                let file = match page {
                    Some(page) => format!("_inline_shortcode/{page}/{name}"),
                    None => format!("_inline_shortcode/{name}"),
                };
                let compiled = Template::parse_text(&file, &key.1);
                self.compiled.insert(key, compiled.clone());
                compiled
            }
        };
        compiled
    }
}

/// A template's source and the file it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateSource {
    pub text: String,
    pub location: Location,
}

impl TemplateSource {
    /// The name Go's messages give the template: its path under `layouts/` for a site's
    /// file, else as in a site (`shortcodes/NAME.html`, `partials/NAME`).
    fn message_name(&self) -> String {
        match &self.location {
            Location::File(path) => match path.find("layouts/") {
                Some(at) => path[at + "layouts/".len()..].to_owned(),
                None => path.clone(),
            },
            other => other.file_name().unwrap_or_default(),
        }
    }
}

/// The site's templates by kind and name, where each comes from, and its translations.
#[derive(Debug, Clone, Default)]
pub struct TemplateSources {
    pub shortcodes: BTreeMap<String, TemplateSource>,
    pub partials: BTreeMap<String, TemplateSource>,
    /// Render hooks by name (`render-link`, `render-codeblock-go`).
    pub hooks: BTreeMap<String, TemplateSource>,
    pub i18n: BTreeMap<String, serde_json::Value>,
}

/// A template that does not parse: its error, and the diagnostic placed in its file,
/// reported the first time a render reaches it.
#[derive(Debug, Clone)]
struct Broken {
    error: TemplateError,
    diagnostic: Diagnostic,
}

/// Compiled site templates and what running them needs besides a call.
pub struct SiteTemplates {
    set: TemplateSet,
    /// Shortcodes whose template does not compile, with the error.
    errors: BTreeMap<String, Broken>,
    /// Partials and hooks that do not compile, by name.
    broken: BTreeMap<String, Broken>,
    /// Render hooks, compiled.
    hooks: BTreeMap<String, Template>,
    /// The broken templates this render has reached (reported once a render).
    reported: RefCell<BTreeSet<String>>,
    /// Every source, to reuse what is unchanged when the site changes.
    sources: TemplateSources,
    uses_inner: BTreeMap<String, bool>,
    /// Every template's name by its lowercase form: Hugo finds `layouts/shortcodes/myCard.html`
    /// for `{{< mycard >}}` and `{{< MYCARD >}}` (template names are lowercased; checked
    /// with Hugo 0.168). Of names that differ only in case, the first in sorted order wins.
    names: BTreeMap<String, String>,
    /// Shortcodes whose template declares ``$_hugo_config := `{ "version": 1 }` ``.
    legacy: BTreeSet<String>,
    i18n: BTreeMap<String, Value>,
    pub site: Rc<SiteObject>,
    /// The site's assets and bundle files (`resources.Get`, `.Page.Resources`).
    pub resources: super::resources::SiteResources,
    cache: RefCell<CallCache>,
    inline: RefCell<InlineTemplates>,
    page_base: RefCell<String>,
}

/// A template's own problem, placed in its file.
fn placed(error: &TemplateError, source: &TemplateSource, severity: Severity) -> Diagnostic {
    let index = LineIndex::new(&source.text);
    let at = index.offset_of(error.line, error.column);
    let mut diagnostic = Diagnostic::new(severity, error.to_string(), Span::new(at, at))
        .in_file(source.location.clone());
    diagnostic.locate(&index);
    diagnostic
}

impl SiteTemplates {
    /// Compiles every shortcode template, partial and render hook of `sources`, reusing what
    /// `previous` compiled from the same text. A template that does not compile is reported
    /// (in its own file) when a render first reaches it, and fails only when called; a
    /// config problem found in a template (`$_hugo_config`) goes to `diagnostics`.
    pub fn compile(
        sources: TemplateSources,
        site: Rc<SiteObject>,
        previous: Option<&SiteTemplates>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> SiteTemplates {
        let mut set = TemplateSet::new();
        let mut errors = BTreeMap::new();
        let mut broken = BTreeMap::new();
        let mut hooks = BTreeMap::new();
        let mut uses_inner = BTreeMap::new();
        let mut legacy = BTreeSet::new();
        let mut names = BTreeMap::new();
        // The template `previous` compiled from the same source, if any.
        let reuse = |kind: fn(&TemplateSources) -> &BTreeMap<String, TemplateSource>,
                     name: &str,
                     source: &TemplateSource|
         -> Option<Result<Template, TemplateError>> {
            let previous = previous?;
            if kind(&previous.sources).get(name) != Some(source) {
                return None;
            }
            if let Some(error) = previous.errors.get(name).or(previous.broken.get(name)) {
                return Some(Err(error.error.clone()));
            }
            let template = if std::ptr::eq(
                kind(&previous.sources),
                &previous.sources.hooks,
            ) {
                previous.hooks.get(name)
            } else if std::ptr::eq(kind(&previous.sources), &previous.sources.partials) {
                previous.set.partial(name)
            } else {
                previous.set.get(name)
            };
            template.cloned().map(Ok)
        };
        for (name, source) in &sources.partials {
            let compiled = reuse(|s| &s.partials, name, source)
                .unwrap_or_else(|| Template::parse(&source.message_name(), &source.text));
            match compiled {
                Ok(template) => set.insert_partial(name, template),
                Err(error) => {
                    let diagnostic = placed(&error, source, Severity::Error);
                    set.insert_broken_partial(name, error.clone());
                    broken.insert(format!("partials/{name}"), Broken { error, diagnostic });
                }
            }
        }
        for (name, source) in &sources.hooks {
            let compiled = reuse(|s| &s.hooks, name, source)
                .unwrap_or_else(|| Template::parse(&source.message_name(), &source.text));
            match compiled {
                Ok(template) => {
                    hooks.insert(name.clone(), template);
                }
                Err(error) => {
                    let diagnostic = placed(&error, source, Severity::Error);
                    broken.insert(name.clone(), Broken { error, diagnostic });
                }
            }
        }
        for (name, source) in &sources.shortcodes {
            names
                .entry(name.to_lowercase())
                .or_insert_with(|| name.clone());
            let compiled = reuse(|s| &s.shortcodes, name, source)
                .unwrap_or_else(|| Template::parse(&source.message_name(), &source.text));
            match compiled {
                Ok(template) => {
                    uses_inner.insert(name.clone(), template.uses_inner());
                    match template.hugo_config_version() {
                        Ok(1) => {
                            legacy.insert(name.clone());
                        }
                        Ok(_) => {}
                        // Hugo 0.111.3 ignores a config it cannot decode (observed);
                        // the preview says so.
                        Err(error) => {
                            diagnostics.push(placed(&error, source, Severity::Warning));
                        }
                    }
                    set.insert_template(name, template);
                }
                Err(error) => {
                    // Where calls end still follows the template's text.
                    uses_inner.insert(
                        name.clone(),
                        crate::template::source_uses_inner(&source.text),
                    );
                    let diagnostic = placed(&error, source, Severity::Error);
                    errors.insert(name.clone(), Broken { error, diagnostic });
                }
            }
        }
        let i18n = crate::sorted::map(
            sources
                .i18n
                .iter()
                .map(|(id, value)| (id.clone(), Value::from_json(value))),
        );
        SiteTemplates {
            set,
            errors,
            broken,
            hooks,
            reported: Default::default(),
            sources,
            uses_inner,
            names,
            legacy,
            i18n,
            site,
            resources: Default::default(),
            cache: Default::default(),
            inline: Default::default(),
            page_base: Default::default(),
        }
    }

    /// When `error` is a call of a partial that does not parse, that partial's own
    /// diagnostic (the exec error names it as `partial "NAME" does not parse`).
    fn report_broken_partial(&self, error: &TemplateError, report: &mut Report) {
        for (key, broken) in &self.broken {
            let Some(name) = key.strip_prefix("partials/") else {
                continue;
            };
            let stem = name.strip_suffix(".html").unwrap_or(name);
            let named = |n: &str| error.message.contains(&format!("partial {n:?} does not parse"));
            if named(name)
                || named(stem)
                || named(&format!("{stem}.html"))
                || named(&format!("partials/{stem}"))
                || named(&format!("partials/{stem}.html"))
            {
                self.report_broken(key, broken, report);
            }
        }
    }

    /// The diagnostics of broken templates a render reached, each once per render, placed in
    /// the template's file: the shortcode `name` (when `shortcode`), and any partial that
    /// does not parse (a call of one fails with its error).
    fn report_broken(&self, key: &str, broken: &Broken, report: &mut Report) {
        if self.reported.borrow_mut().insert(key.to_owned()) {
            report.site.push(broken.diagnostic.clone());
        }
    }

    /// Begins a render: outputs remembered from the render before stay available (all are
    /// forgotten when the page changed: its `path` or `front_matter`, as written).
    pub fn start_render(&self, path: Option<&str>, front_matter: &str) {
        self.inline.borrow_mut().start_page();
        self.site.start_render();
        self.reported.borrow_mut().clear();
        let mut cache = self.cache.borrow_mut();
        if cache.path.as_deref() != path || cache.front_matter != front_matter {
            *cache = CallCache {
                path: path.map(str::to_owned),
                front_matter: front_matter.to_owned(),
                ..CallCache::default()
            };
        } else {
            cache.calls.rotate();
        }
    }

    /// The name of the template a call of `name` runs, in any case: the page's section's
    /// ([`crate::layouts::section_shortcode_name`]) over the site's.
    fn resolve<'a>(&'a self, name: &'a str) -> Option<&'a str> {
        let own = |name: &str| -> Option<&'a str> {
            if let Some((known, _)) = self.uses_inner.get_key_value(name) {
                return Some(known.as_str());
            }
            self.names.get(&name.to_lowercase()).map(String::as_str)
        };
        let base = self.page_base.borrow();
        crate::layouts::section_shortcode_name(name, &base, |n| own(n).is_some())
            .and_then(|section| own(&section))
            .or_else(|| own(name))
    }

    /// The template path set by [`SiteTemplates::set_page_base`].
    pub fn page_base(&self) -> String {
        self.page_base.borrow().clone()
    }

    /// The template path of the page about to render ([`crate::layouts::template_base`]):
    /// which section's shortcodes it calls.
    pub fn set_page_base(&self, base: &str) {
        base.clone_into(&mut self.page_base.borrow_mut());
    }

    /// Whether the site has a template for shortcode `name` (compiled or not).
    pub fn has(&self, name: &str) -> bool {
        self.resolve(name).is_some()
    }

    /// Whether the template of `name` uses `.Inner` (`None`: no such template).
    pub fn uses_inner(&self, name: &str) -> Option<bool> {
        self.uses_inner.get(self.resolve(name)?).copied()
    }

    /// Whether `name`'s template asks for Hugo's pre-0.55 `{{% %}}` behaviour (template
    /// config version 1): inner content rendered as Markdown, output inserted after it.
    pub fn is_legacy_markdown(&self, name: &str) -> bool {
        self.resolve(name)
            .is_some_and(|name| self.legacy.contains(name))
    }

    /// Runs the template of `call.name` with Hugo's shortcode context as dot, or gives what
    /// the same call gave before. Either way the call is charged to the page's template
    /// budget what it costs, so a render on a long-lived `Renderer` equals a fresh one, and
    /// is bounded as one.
    pub fn run(&self, run: Run, report: &mut Report) -> String {
        let call = run.call;
        let failed =
            |message: String| format!("failed to render shortcode {:?}: {message}", call.name);
        let name = self.resolve(call.name).unwrap_or(call.name);
        if let Some(broken) = self.errors.get(name) {
            self.report_broken(name, broken, report);
            report.error(failed(broken.error.to_string()));
            return String::new();
        }
        let Some(template) = self.set.get(name) else {
            report.error(failed("template not found".into()));
            return String::new();
        };
        let key = call_key(call);
        let describe = |error: &TemplateError| failed(error.to_string());
        self.run_charged(template, key, run, &describe, report)
    }

    /// Runs an inline shortcode: `definition` is the template between its tags, `None` for
    /// `{{< NAME.inline />}}`, which runs the page's earlier definition of NAME. Through the
    /// same budget and cache as the site's templates.
    pub fn run_inline(&self, definition: Option<&str>, run: Run, report: &mut Report) -> String {
        let call = run.call;
        let failed =
            |message: String| format!("failed to render shortcode {:?}: {message}", call.name);
        let mut inline = self.inline.borrow_mut();
        let source: Rc<str> = match definition {
            Some(source) => {
                let source: Rc<str> = source.into();
                inline.defined.insert(call.name.to_owned(), source.clone());
                source
            }
            None => match inline.defined.get(call.name) {
                Some(source) => source.clone(),
                None => {
                    report.error(failed(format!(
                        "no earlier definition of shortcode {:?} found",
                        call.name
                    )));
                    return String::new();
                }
            },
        };
        let compiled = inline.compile(call.name, source.clone(), run.env.page_path);
        drop(inline);
        // Hugo places errors in the content file: the call's line plus the template's.
        let file = run.env.page_path.unwrap_or("content");
        let place = |error: &TemplateError| {
            let line = call.position.line + error.line;
            let column = error.go_column.unwrap_or(1);
            format!("\"{file}:{line}:{column}\"")
        };
        let template = match compiled {
            Ok(template) => template,
            Err(error) => {
                report.error(failed(format!("{}: {error}", place(&error))));
                return String::new();
            }
        };
        let mut key = call_key(call);
        push_key_str(&mut key, &source);
        let describe = |error: &TemplateError| {
            failed(format!(
                "{}: failed to process shortcode: {error}",
                place(error)
            ))
        };
        self.run_charged(&template, key, run, &describe, report)
    }

    /// Runs `template` for a call, or gives what the same call (`key`) gave before. Either
    /// way the call is charged to the page's template budget what it costs, so a render on
    /// a long-lived `Renderer` equals a fresh one, and is bounded as one.
    fn run_charged(
        &self,
        template: &Template,
        key: String,
        run: Run,
        describe: &dyn Fn(&TemplateError) -> String,
        report: &mut Report,
    ) -> String {
        let failed =
            |message: String| format!("failed to render shortcode {:?}: {message}", run.call.name);
        let budget = run.env.template_budget;
        let (steps_left, output_left) = (budget.steps.get(), budget.output_bytes.get());
        if steps_left == 0 || output_left == 0 {
            report.error(failed(format!(
                "the page's templates used up their budget ({} steps, {} bytes of output \
                 for all calls together); later calls are not run",
                crate::limits::MAX_PAGE_TEMPLATE_STEPS,
                crate::limits::MAX_PAGE_TEMPLATE_OUTPUT_BYTES
            )));
            return String::new();
        }
        let nested = run.env.nested;
        let remembered = if nested {
            None
        } else {
            self.cache.borrow_mut().calls.get(&key)
        };
        if let Some(hit) = remembered {
            // What the run cost the first time, it costs now. A call that no longer fits
            // in what is left runs again below, and stops where a fresh render stops it.
            if hit.usage.steps <= steps_left && hit.usage.output_bytes <= output_left {
                budget.charge(hit.usage);
                report.problems.extend(hit.problems);
                return hit.output;
            }
        }
        let before = report.problems.len();
        let defaults = Limits::default();
        let limits = Limits {
            max_steps: defaults.max_steps.min(steps_left),
            max_output_bytes: defaults.max_output_bytes.min(output_left),
            ..defaults
        };
        let env = run.env;
        let waits = env.waits();
        let (result, problems, mut usage) = self.execute(template, run, &limits);
        // Code left uncoloured while the highlighter loads (`markdownify`, `.RenderString`,
        // `highlight`), a formula left as TeX while KaTeX loads: the next render has them, so
        // this output is not to be kept.
        usage.impure |= env.waits() != waits;
        budget.charge(usage);
        report.problems.extend(problems);
        let output = match result {
            Ok(output) => output,
            Err(error) => {
                self.report_broken_partial(&error, report);
                report.error(describe(&error));
                String::new()
            }
        };
        if !usage.impure && !usage.exhausted && !nested {
            let entry = CachedCall {
                output: output.clone(),
                problems: report.problems[before..].to_vec(),
                usage,
            };
            self.cache.borrow_mut().calls.insert(key, entry);
        }
        output
    }

    /// One run of `template` for a call under `limits`: the output or the error that
    /// stopped it, what the template reported (`warnf`, `errorf`), and what it spent.
    fn execute(
        &self,
        template: &Template,
        run: Run,
        limits: &Limits,
    ) -> (
        Result<String, TemplateError>,
        Vec<(Severity, String)>,
        Usage,
    ) {
        let Run {
            call,
            parent,
            page,
            scratch,
            env,
        } = run;
        let context = Rc::new(ShortcodeContext {
            name: call.name.to_owned(),
            params: call.params.clone(),
            inner: call.inner.to_owned(),
            indentation: call.indentation.to_owned(),
            ordinal: call.ordinal,
            position: PositionObject {
                filename: env.page_path.unwrap_or("content").to_owned(),
                line: call.position.line,
                column: call.position.column,
                offset: 0,
            },
            parent,
            page: page.clone(),
            scratch,
        });
        let host = PageHost {
            site: env.site,
            resources: &self.resources,
            pages: env.pages,
            page_path: env.page_path,
            render_markdown: env.render_markdown,
            highlighter: Some(env.highlighter),
            math: Some(env.math),
            other_content: env.other_content,
        };
        let mut ctx = FuncContext {
            host: &host,
            i18n: &self.i18n,
            problems: Vec::new(),
            site_object: Some(Value::Object(page.site.clone())),
            page_object: Some(Value::Object(page.clone())),
            impure: Default::default(),
        };
        let (result, usage) =
            template.execute_counted(&self.set, &Value::Object(context), &mut ctx, limits);
        (result, ctx.problems, usage)
    }
}

/// A hook's kind and variant in Hugo's terms (`render-codeblock-go`: `codeblock`, `go`).
fn hook_name(kind: HookKind<'_>) -> (&'static str, String) {
    match kind {
        HookKind::Link => ("link", String::new()),
        HookKind::Image => ("image", String::new()),
        HookKind::Heading => ("heading", String::new()),
        HookKind::CodeBlock(lang) => ("codeblock", lang.to_lowercase()),
        HookKind::Blockquote(kind) => ("blockquote", kind.to_owned()),
        HookKind::Table => ("table", String::new()),
        HookKind::Passthrough(kind) => ("passthrough", kind.to_owned()),
    }
}

/// Highlighting options of a code block's attributes (`.Options`); the others are its
/// `.Attributes` (`codeblocks/render.go`).
const HIGHLIGHT_OPTIONS: [&str; 12] = [
    "linenos",
    "linenostart",
    "linenumbersintable",
    "hl_lines",
    "hl_inline",
    "anchorlinenos",
    "lineanchors",
    "style",
    "noclasses",
    "guesssyntax",
    "tabwidth",
    "wrapperclass",
];

/// The site's render hooks for one render of a page: the bridge between the Markdown stage
/// and the templates, through the same budget as the page's shortcodes.
pub struct PageHooks<'r> {
    templates: &'r SiteTemplates,
    env: &'r Env<'r>,
    page: &'r dyn Fn() -> Rc<PageObject>,
    index: &'r LineIndex<'r>,
    /// The page's template path ([`crate::layouts::template_base`]): which hooks apply.
    base: String,
}

impl SiteTemplates {
    /// The page's render hooks; `None` when the site has none.
    pub fn page_hooks<'r>(
        &'r self,
        env: &'r Env<'r>,
        page: &'r dyn Fn() -> Rc<PageObject>,
        index: &'r LineIndex<'r>,
        base: String,
    ) -> Option<PageHooks<'r>> {
        let config = &self.site.config;
        let embedded = config.embedded_link_hook != EmbeddedHook::Never
            || config.embedded_image_hook != EmbeddedHook::Never;
        let any = embedded
            || !self.hooks.is_empty()
            || self.broken.keys().any(|k| !k.starts_with("partials/"));
        any.then_some(PageHooks {
            templates: self,
            env,
            page,
            index,
            base,
        })
    }

    /// The hook template for `kind` on the page whose template path is `base`
    /// ([`crate::layouts::find_hook`]): its key, and the template or why it does not parse.
    fn hook(&self, kind: HookKind<'_>, base: &str) -> Option<(&str, Result<&Template, &Broken>)> {
        let (name, variant) = hook_name(kind);
        let keys = self
            .hooks
            .keys()
            .chain(self.broken.keys().filter(|k| !k.starts_with("partials/")));
        let key = crate::layouts::find_hook(
            keys.map(String::as_str),
            name,
            &variant,
            base,
            &self.site.lang(),
            self.site.config.multilingual,
        )?;
        match self.hooks.get(key) {
            Some(template) => Some((key, Ok(template))),
            None => Some((key, Err(self.broken.get(key)?))),
        }
    }
}

impl RenderHooks for PageHooks<'_> {
    fn has(&self, kind: HookKind<'_>) -> bool {
        // `useEmbedded = "always"`: Hugo's own hook, not the site's.
        let config = &self.templates.site.config;
        let always = match kind {
            HookKind::Link => config.embedded_link_hook == EmbeddedHook::Always,
            HookKind::Image => config.embedded_image_hook == EmbeddedHook::Always,
            _ => false,
        };
        !always && self.templates.hook(kind, &self.base).is_some()
    }

    /// Hugo's embedded `render-link`/`render-image`: a destination that is not an absolute
    /// URL is looked up as a page (links only; relative to this page, then the site), a file
    /// of this page's bundle, then an asset, and becomes its permalink with the query and
    /// fragment kept; a fragment alone is on this page.
    fn resolve_destination(&self, destination: &str, image: bool) -> Option<String> {
        let config = &self.templates.site.config;
        let mode = if image {
            config.embedded_image_hook
        } else {
            config.embedded_link_hook
        };
        if mode == EmbeddedHook::Never {
            return None;
        }
        let page = (self.page)();
        let permalink = |value: &Value| match value {
            Value::Object(object) => object
                .get("RelPermalink", &[])
                .ok()
                .flatten()
                .map(|v| v.to_go_string()),
            _ => None,
        };
        if let Some(fragment) = destination.strip_prefix('#') {
            if image {
                return None;
            }
            // Go's `url.URL.String` of a bare `#` is empty, and so is Hugo's link.
            if fragment.is_empty() {
                return Some(String::new());
            }
            return Some(format!("{}#{fragment}", page.rel_permalink()));
        }
        let has_scheme = destination
            .split_once(':')
            .is_some_and(|(scheme, _)| {
                !scheme.is_empty()
                    && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                    && scheme
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            });
        if destination.is_empty() || has_scheme {
            return None;
        }
        let (rest, fragment) = match destination.split_once('#') {
            Some((rest, fragment)) => (rest, Some(fragment)),
            None => (destination, None),
        };
        let (path, query) = match rest.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (rest, None),
        };
        let path = path.strip_prefix("./").unwrap_or(path);
        let argument = [Value::from(path)];
        let page_value = Value::Object(page.clone());
        let other_page = (!image && !path.is_empty())
            .then(|| match &page_value {
                Value::Object(object) => object.get("GetPage", &argument).ok().flatten(),
                _ => None,
            })
            .flatten()
            .filter(|found| !matches!(found, Value::Nil));
        let bundle_file = || match page.resources.clone() {
            Value::Object(resources) => resources
                .get("Get", &argument)
                .ok()
                .flatten()
                .filter(|found| !matches!(found, Value::Nil)),
            _ => None,
        };
        let found = other_page
            .or_else(bundle_file)
            .or_else(|| self.templates.resources.get(path))?;
        let mut href = permalink(&found)?;
        if let Some(query) = query.filter(|q| !q.is_empty()) {
            href.push('?');
            href.push_str(query);
        }
        if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
            href.push('#');
            href.push_str(fragment);
        }
        Some(href)
    }

    fn render(&self, hook: &Hook<'_>) -> HookOutput {
        let kind = match hook {
            Hook::Link { .. } => HookKind::Link,
            Hook::Image { .. } => HookKind::Image,
            Hook::Heading { .. } => HookKind::Heading,
            Hook::CodeBlock { lang, .. } => HookKind::CodeBlock(lang),
            Hook::Blockquote { kind, .. } => HookKind::Blockquote(kind),
            Hook::Table { .. } => HookKind::Table,
            Hook::Passthrough { kind, .. } => HookKind::Passthrough(kind),
        };
        let mut output = HookOutput::default();
        let Some((key, template)) = self.templates.hook(kind, &self.base) else {
            return output;
        };
        // Its file's name without identifiers (`render-link` for `render-link.en.html`).
        let name = key.rsplit('/').next().unwrap_or(key);
        let name = name.split('.').next().unwrap_or(name);
        let failed = |message: String| format!("failed to render hook {name:?}: {message}");
        let template = match template {
            Ok(template) => template,
            Err(broken) => {
                let mut report = Report::default();
                self.templates.report_broken(key, broken, &mut report);
                output.site = report.site;
                output
                    .problems
                    .push((Severity::Error, failed(broken.error.to_string())));
                return output;
            }
        };
        let budget = self.env.template_budget;
        let (steps_left, output_left) = (budget.steps.get(), budget.output_bytes.get());
        if steps_left == 0 || output_left == 0 {
            output.problems.push((
                Severity::Error,
                failed("the page's templates used up their budget".into()),
            ));
            return output;
        }
        // The same element (its place aside) gives what it gave before, at the same cost, as
        // a shortcode call does (`run_charged`); a run that read its place is never kept.
        let cache_key = hook_key(key, hook);
        let remembered = if self.env.nested {
            None
        } else {
            self.templates.cache.borrow_mut().calls.get(&cache_key)
        };
        if let Some(hit) = remembered {
            if hit.usage.steps <= steps_left && hit.usage.output_bytes <= output_left {
                budget.charge(hit.usage);
                output.problems = hit.problems;
                output.html = Some(hit.output);
                return output;
            }
        }
        let dot = match self.dot(hook) {
            Ok(dot) => dot,
            Err(message) => {
                output.problems.push((Severity::Error, failed(message)));
                return output;
            }
        };
        let defaults = Limits::default();
        let limits = Limits {
            max_steps: defaults.max_steps.min(steps_left),
            max_output_bytes: defaults.max_output_bytes.min(output_left),
            ..defaults
        };
        let page = (self.page)();
        let host = PageHost {
            site: self.env.site,
            resources: &self.templates.resources,
            pages: self.env.pages,
            page_path: self.env.page_path,
            render_markdown: self.env.render_markdown,
            highlighter: Some(self.env.highlighter),
            math: Some(self.env.math),
            other_content: self.env.other_content,
        };
        let mut ctx = FuncContext {
            host: &host,
            i18n: &self.templates.i18n,
            problems: Vec::new(),
            site_object: Some(Value::Object(page.site.clone())),
            page_object: Some(Value::Object(page.clone())),
            impure: Default::default(),
        };
        let waits = self.env.waits();
        let (result, mut usage) =
            template.execute_counted(&self.templates.set, &dot, &mut ctx, &limits);
        // Code left uncoloured while the highlighter loads, a formula left as TeX while KaTeX
        // loads: the next render has them, so this output is not to be kept.
        usage.impure |= self.env.waits() != waits;
        budget.charge(usage);
        output.problems.extend(ctx.problems);
        match result {
            Ok(html) => {
                if !usage.impure && !usage.exhausted && !self.env.nested {
                    let entry = CachedCall {
                        output: html.clone(),
                        problems: output.problems.clone(),
                        usage,
                    };
                    self.templates.cache.borrow_mut().calls.insert(cache_key, entry);
                }
                output.html = Some(html);
            }
            Err(error) => {
                let mut report = Report::default();
                self.templates.report_broken_partial(&error, &mut report);
                output.site = report.site;
                output
                    .problems
                    .push((Severity::Error, failed(error.to_string())));
            }
        }
        output
    }
}

/// What a render hook's run is remembered by: its template (`template`, its key in the site:
/// a section's `render-link` is not the site's) and its element with the element's place
/// (`.Position`, `.Ordinal`) left out. A run that reads the place is
/// impure ([`HookContext`]) and not kept.
fn hook_key(template: &str, hook: &Hook<'_>) -> String {
    let mut element = hook.clone();
    match &mut element {
        Hook::Link {
            ordinal, offset, ..
        }
        | Hook::Image {
            ordinal, offset, ..
        }
        | Hook::Heading {
            ordinal, offset, ..
        }
        | Hook::CodeBlock {
            ordinal, offset, ..
        }
        | Hook::Passthrough {
            ordinal, offset, ..
        }
        | Hook::Table {
            ordinal, offset, ..
        }
        | Hook::Blockquote {
            ordinal, offset, ..
        } => {
            *ordinal = 0;
            *offset = 0;
        }
    }
    // Shortcode calls' keys start with a digit (`call_key`).
    format!("hook {template} {element:?}")
}

/// A render hook's context (Hugo's `goldmark.linkContext`, `goldmark.headingContext`, …): its
/// fields. `.Position` and `.Ordinal` differ between two elements that are otherwise the
/// same, so reading them makes the run impure.
struct HookContext {
    type_name: &'static str,
    fields: crate::template::Map,
}

impl crate::template::Object for HookContext {
    fn type_name(&self) -> &str {
        self.type_name
    }

    fn get(&self, name: &str, _: &[Value]) -> Result<Option<Value>, String> {
        Ok(self.fields.get(name).cloned())
    }

    fn is_pure(&self, name: &str) -> bool {
        !matches!(name, "Position" | "Ordinal")
    }
}

/// A hook's `.Attributes` (Hugo `attributes.New`): names lower-cased, those starting with
/// `on` left out, strings, numbers and booleans as goldmark parsed them.
fn attributes_value(
    attributes: &[(String, AttributeValue)],
) -> Result<Value, crate::template::TooDeep> {
    let map = crate::sorted::map(attributes.iter().filter_map(|(key, value)| {
            let key = key.to_lowercase();
            if key.starts_with("on") {
                return None;
            }
            let value = match value {
                AttributeValue::Text(text) => Value::from(text.as_str()),
                AttributeValue::Number(n) => Value::Float(*n),
                AttributeValue::Bool(b) => Value::Bool(*b),
            };
            Some((key, value))
    }));
    Value::map(map)
}

impl PageHooks<'_> {
    /// The hook's context (dot), as Hugo 0.168 gives it for the element.
    fn dot(&self, hook: &Hook<'_>) -> Result<Value, String> {
        let too_deep = |_| "the hook's context is nested too deeply".to_string();
        let page = Value::Object((self.page)());
        let mut map = crate::template::Map::new();
        map.insert("Page".into(), page.clone());
        map.insert("PageInner".into(), page);
        let html = |text: &str| Value::Safe(crate::template::SafeKind::Html, text.into());
        let offset = match hook {
            Hook::Link { offset, .. }
            | Hook::Image { offset, .. }
            | Hook::Heading { offset, .. }
            | Hook::CodeBlock { offset, .. }
            | Hook::Table { offset, .. }
            | Hook::Passthrough { offset, .. }
            | Hook::Blockquote { offset, .. } => *offset,
        };
        let (line, column) = self.index.line_column(offset);
        map.insert(
            "Position".into(),
            Value::Object(Rc::new(PositionObject {
                filename: self.env.page_path.unwrap_or("content").to_owned(),
                line,
                column,
                offset,
            })),
        );
        let empty = || Value::map(crate::template::Map::new()).map_err(too_deep);
        match hook {
            Hook::Link {
                destination,
                title,
                text,
                plain_text,
                ordinal,
                ..
            }
            | Hook::Image {
                destination,
                title,
                text,
                plain_text,
                ordinal,
                ..
            } => {
                map.insert("Destination".into(), Value::from(*destination));
                map.insert("Title".into(), Value::from(*title));
                map.insert("Text".into(), html(text));
                map.insert("PlainText".into(), Value::from(*plain_text));
                map.insert("Ordinal".into(), Value::int(*ordinal as i64));
                map.insert("Attributes".into(), empty()?);
                if matches!(hook, Hook::Image { .. }) {
                    map.insert("IsBlock".into(), Value::Bool(false));
                }
            }
            Hook::Heading {
                level,
                anchor,
                text,
                plain_text,
                attributes,
                ordinal,
                ..
            } => {
                map.insert("Level".into(), Value::int(i64::from(*level)));
                map.insert("Anchor".into(), Value::from(*anchor));
                map.insert("Text".into(), html(text));
                map.insert("PlainText".into(), Value::from(*plain_text));
                map.insert("Ordinal".into(), Value::int(*ordinal as i64));
                map.insert(
                    "Attributes".into(),
                    attributes_value(attributes).map_err(too_deep)?,
                );
            }
            Hook::CodeBlock {
                lang,
                code,
                attributes,
                ordinal,
                ..
            } => {
                map.insert("Type".into(), Value::from(*lang));
                map.insert("Inner".into(), Value::from(*code));
                map.insert("Ordinal".into(), Value::int(*ordinal as i64));
                let parsed: serde_json::Map<String, serde_json::Value> = serde_json::from_str(
                    &crate::markdown::attributes::code_block_attributes(attributes),
                )
                .unwrap_or_default();
                let (options, others): (serde_json::Map<_, _>, serde_json::Map<_, _>) = parsed
                    .into_iter()
                    .partition(|(key, _)| HIGHLIGHT_OPTIONS.contains(&key.to_lowercase().as_str()));
                map.insert(
                    "Options".into(),
                    Value::from_json(&serde_json::Value::Object(options)),
                );
                map.insert(
                    "Attributes".into(),
                    Value::from_json(&serde_json::Value::Object(others)),
                );
            }
            Hook::Passthrough {
                kind,
                inner,
                ordinal,
                ..
            } => {
                map.insert("Type".into(), Value::from(*kind));
                map.insert("Inner".into(), Value::from(*inner));
                map.insert("Ordinal".into(), Value::int(*ordinal as i64));
                map.insert("Attributes".into(), empty()?);
            }
            Hook::Table {
                head,
                body,
                attributes,
                ordinal,
                ..
            } => {
                let rows = |rows: &[Vec<crate::markdown::render::TableCell>]| {
                    let rows = rows
                        .iter()
                        .map(|cells| {
                            let cells = cells
                                .iter()
                                .map(|cell| {
                                    let mut map = crate::template::Map::new();
                                    map.insert("Alignment".into(), Value::from(cell.alignment));
                                    map.insert("Text".into(), html(&cell.html));
                                    Value::map(map)
                                })
                                .collect::<Result<Vec<_>, _>>()?;
                            Value::list(cells)
                        })
                        .collect::<Result<Vec<_>, _>>()?;
                    Value::list(rows)
                };
                map.insert("THead".into(), rows(head).map_err(too_deep)?);
                map.insert("TBody".into(), rows(body).map_err(too_deep)?);
                map.insert("Ordinal".into(), Value::int(*ordinal as i64));
                map.insert(
                    "Attributes".into(),
                    attributes_value(attributes).map_err(too_deep)?,
                );
            }
            Hook::Blockquote {
                kind,
                alert_type,
                alert_title,
                alert_sign,
                text,
                attributes,
                ordinal,
                ..
            } => {
                map.insert("Type".into(), Value::from(*kind));
                map.insert("AlertType".into(), Value::from(*alert_type));
                map.insert("AlertTitle".into(), html(alert_title));
                map.insert("AlertSign".into(), Value::from(*alert_sign));
                map.insert("Text".into(), html(text));
                map.insert("Ordinal".into(), Value::int(*ordinal as i64));
                map.insert(
                    "Attributes".into(),
                    attributes_value(attributes).map_err(too_deep)?,
                );
            }
        }
        let type_name = match hook {
            Hook::Link { .. } => "goldmark.linkContext",
            Hook::Image { .. } => "goldmark.imageLinkContext",
            Hook::Heading { .. } => "goldmark.headingContext",
            Hook::CodeBlock { .. } => "codeblocks.codeBlockContext",
            Hook::Passthrough { .. } => "passthrough.passthroughContext",
            Hook::Table { .. } => "tables.tableContext",
            Hook::Blockquote { .. } => "blockquotes.blockquoteContext",
        };
        Ok(Value::Object(Rc::new(HookContext {
            type_name,
            fields: map,
        })))
    }
}

/// The page and site the site's templates run for: what the template functions ask of them
/// (`markdownify`, `highlight`, `ref`, `absURL`).
pub struct PageHost<'a> {
    pub site: &'a SiteConfig,
    /// The site's assets and bundle files.
    pub resources: &'a super::resources::SiteResources,
    /// Known pages for `ref`/`relref`: content path → relative permalink.
    pub pages: &'a BTreeMap<String, String>,
    /// The content file's path, for references relative to its folder.
    pub page_path: Option<&'a str>,
    pub render_markdown: &'a dyn Fn(&str, bool) -> String,
    /// `None`: code stays plain.
    pub highlighter: Option<&'a Highlighter>,
    /// `None`: `transform.ToMath` is an error saying there is no KaTeX.
    pub math: Option<&'a crate::modules::Module>,
    /// `.Content` of another page ([`super::call::Env::other_content`]).
    pub other_content: &'a dyn Fn(&str, &str) -> Result<String, String>,
}

impl Host for PageHost<'_> {
    fn render_markdown(&self, text: &str, block: bool) -> String {
        (self.render_markdown)(text, block)
    }

    fn other_content(&self, path: &str, text: &str) -> Result<String, String> {
        (self.other_content)(path, text)
    }

    fn highlight(
        &self,
        code: &str,
        lang: &str,
        options: Option<&Value>,
    ) -> Result<Highlighted, String> {
        let plain = |pending| Highlighted {
            html: highlight::uncoloured(code, lang),
            warning: None,
            pending,
        };
        let Some(highlighter) = self.highlighter else {
            return Ok(plain(false));
        };
        let text;
        let options = match options {
            None | Some(Value::Nil) => highlight::Options::None,
            Some(Value::Map(map)) => {
                highlight::Options::Json(crate::template::funcs::highlight_options_json(map))
            }
            Some(other) => {
                text = crate::template::funcs::to_string(other)?;
                highlight::Options::Text(&text)
            }
        };
        let request = highlight::Request {
            code,
            lang,
            kind: highlight::Kind::Function,
            options,
            ordinal: 0,
        };
        Ok(match highlighter.highlight(&request) {
            highlight::Answer::Html(html) => Highlighted {
                html,
                warning: None,
                pending: false,
            },
            highlight::Answer::Error(message) => Highlighted {
                html: String::new(),
                warning: Some(message),
                pending: false,
            },
            highlight::Answer::Unavailable => plain(highlighter.pending()),
        })
    }

    fn reference(&self, path: &str, absolute: bool, from: RefFrom<'_>) -> (String, Option<String>) {
        let known = KnownPages {
            pages: self.pages,
            page_path: self.page_path,
            base_url: &self.site.base_url,
        };
        let source = match from {
            RefFrom::Position(position) => RefSource::Position(position),
            RefFrom::Page => RefSource::Page(self.page_path),
        };
        let resolved = known.link(path, absolute, source);
        (resolved.link, resolved.not_found)
    }

    fn base_url(&self) -> &str {
        &self.site.base_url
    }

    fn highlight_block(
        &self,
        code: &str,
        lang: &str,
        attributes_json: String,
    ) -> Result<Highlighted, String> {
        let Some(highlighter) = self.highlighter else {
            return self.highlight(code, lang, None);
        };
        let request = highlight::Request {
            code,
            lang,
            kind: highlight::Kind::CodeBlock,
            options: highlight::Options::Json(attributes_json),
            ordinal: 0,
        };
        Ok(match highlighter.highlight(&request) {
            highlight::Answer::Html(html) => Highlighted {
                html,
                warning: None,
                pending: false,
            },
            highlight::Answer::Error(message) => Highlighted {
                html: String::new(),
                warning: Some(message),
                pending: false,
            },
            highlight::Answer::Unavailable => Highlighted {
                html: highlight::uncoloured(code, lang),
                warning: None,
                pending: highlighter.pending(),
            },
        })
    }

    fn can_highlight(&self, lang: &str) -> Option<bool> {
        self.highlighter?.can_highlight(lang)
    }

    fn to_math(&self, request: &str) -> crate::math::Answer {
        crate::math::answer(self.math.and_then(|math| math.ask(request)))
    }

    fn math_available(&self) -> bool {
        self.math.is_some_and(|math| math.available())
    }

    fn asset(&self, path: &str) -> Option<Value> {
        self.resources.get(path)
    }

    fn site_file(&self, path: &str) -> Option<String> {
        self.resources.file(path)
    }

    fn text_resource(&self, name: &str, content: &str) -> Option<Value> {
        Some(super::resources::SiteResources::from_string(name, content))
    }

    fn copy_resource(&self, target: &str, resource: &dyn crate::template::Object) -> Option<Value> {
        self.resources.copy(target, resource)
    }

    fn site_folder(&self, path: &str) -> Vec<(String, Option<usize>)> {
        self.resources.project_folder(path)
    }

    fn site_entry(&self, path: &str) -> Option<crate::template::funcs::SiteEntry> {
        self.resources.entry(path)
    }

    fn clock(&self) -> Option<&str> {
        self.site.clock.as_deref()
    }

    fn getenv_policy(&self) -> &[String] {
        &self.site.getenv
    }

    fn assets_matching(&self, pattern: &str) -> Vec<Value> {
        self.resources.matching(pattern)
    }
}

/// A call of a site or inline template, in its page.
pub struct Run<'c, 'e> {
    pub call: &'c Call<'c>,
    pub parent: Option<Rc<ShortcodeContext>>,
    pub page: &'c Rc<PageObject>,
    pub scratch: Rc<Scratch>,
    pub env: &'c Env<'e>,
}

/// What identifies a call's output for a cacheable template: name, notation, parameters,
/// inner content and indentation, each written so that no two different calls give the same
/// key (strings are length-prefixed, values tagged by type).
fn call_key(call: &Call) -> String {
    let mut key = String::with_capacity(64 + call.inner.len());
    push_key_str(&mut key, call.name);
    key.push(if call.markdown { '%' } else { '<' });
    match call.params {
        Params::Positional(values) => {
            key.push('[');
            for value in values {
                push_key_value(&mut key, value);
            }
        }
        Params::Named(map) => {
            key.push('{');
            for (name, value) in map {
                push_key_str(&mut key, name);
                push_key_value(&mut key, value);
            }
        }
    }
    key.push(';');
    push_key_str(&mut key, call.inner);
    push_key_str(&mut key, call.indentation);
    key
}

fn push_key_str(key: &mut String, s: &str) {
    use std::fmt::Write;
    let _ = write!(key, "{}:", s.len());
    key.push_str(s);
}

fn push_key_value(key: &mut String, value: &serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Null => key.push('n'),
        Value::Bool(b) => key.push(if *b { 't' } else { 'f' }),
        Value::Number(n) => {
            key.push('#');
            push_key_str(key, &n.to_string());
        }
        Value::String(s) => {
            key.push('s');
            push_key_str(key, s);
        }
        Value::Array(values) => {
            key.push('[');
            for value in values {
                push_key_value(key, value);
            }
            key.push(']');
        }
        Value::Object(map) => {
            key.push('{');
            for (name, value) in map {
                push_key_str(key, name);
                push_key_value(key, value);
            }
            key.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(output_bytes: usize) -> CachedCall {
        CachedCall {
            output: "a".repeat(output_bytes),
            problems: Vec::new(),
            usage: Usage::default(),
        }
    }

    fn held(cache: &Generations<String, CachedCall>) -> usize {
        let generation = |table: &HashMap<String, CachedCall>| {
            table.iter().map(|(k, c)| c.bytes(k)).sum::<usize>()
        };
        generation(&cache.current) + generation(&cache.previous)
    }

    #[test]
    fn the_call_cache_holds_at_most_two_generations_of_its_byte_bound() {
        let mut cache = CallCache::default().calls;
        for i in 0..200 {
            cache.insert(format!("call {i}"), call(1024 * 1024));
            assert!(cache.current_bytes <= MAX_TEMPLATE_CACHE_BYTES);
            assert!(held(&cache) <= 2 * MAX_TEMPLATE_CACHE_BYTES);
        }
        // The newest calls are still there; the oldest are gone.
        assert!(cache.get("call 199").is_some());
        assert!(cache.get("call 0").is_none());
    }

    #[test]
    fn a_call_larger_than_the_bound_is_not_kept() {
        let mut cache = CallCache::default().calls;
        cache.insert("small".into(), call(10));
        cache.insert("huge".into(), call(MAX_TEMPLATE_CACHE_BYTES));
        assert!(cache.get("huge").is_none());
        assert!(cache.get("small").is_some());
    }

    #[test]
    fn a_call_used_again_moves_to_the_current_generation() {
        let mut cache = CallCache::default().calls;
        cache.insert("kept".into(), call(10));
        cache.insert("dropped".into(), call(10));
        cache.rotate();
        assert!(cache.get("kept").is_some());
        cache.rotate();
        assert!(cache.get("kept").is_some());
        assert!(cache.get("dropped").is_none());
    }
}
