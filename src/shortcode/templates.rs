//! The site's shortcode templates and partials, compiled once per [`Renderer`](crate::Renderer)
//! and run for every call: the bridge between the shortcode stage and [`crate::template`].

use super::call::{Call, Env, Report};
use super::context::{PageObject, PositionObject, Scratch, ShortcodeContext, SiteObject};
use super::tree::Params;
use crate::cache::Generations;
use crate::diagnostic::{Diagnostic, LineIndex, Location, Severity, Span};
use crate::highlight::{self, Highlighter};
use crate::limits::MAX_TEMPLATE_CACHE_BYTES;
use crate::options::RenderOptions;
use crate::reference::{KnownPages, RefSource};
use crate::site::SiteConfig;
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

/// Compiled site templates and what running them needs besides a call.
pub struct SiteTemplates {
    set: TemplateSet,
    /// Shortcodes whose template does not compile, with the error.
    errors: BTreeMap<String, TemplateError>,
    uses_inner: BTreeMap<String, bool>,
    /// Every template's name by its lowercase form: Hugo finds `layouts/shortcodes/myCard.html`
    /// for `{{< mycard >}}` and `{{< MYCARD >}}` (template names are lowercased; checked
    /// with Hugo 0.168). Of names that differ only in case, the first in sorted order wins.
    names: BTreeMap<String, String>,
    /// Shortcodes whose template declares ``$_hugo_config := `{ "version": 1 }` ``.
    legacy: BTreeSet<String>,
    i18n: BTreeMap<String, Value>,
    pub site: Rc<SiteObject>,
    cache: RefCell<CallCache>,
    inline: RefCell<InlineTemplates>,
}

/// The file name a shortcode template has in messages, as in a Hugo site.
fn template_file(name: &str) -> String {
    format!("shortcodes/{name}.html")
}

impl SiteTemplates {
    /// Compiles every shortcode template and partial of `options`. Templates that do not
    /// compile are reported (with `file` set to the template) and fail only when called.
    pub fn compile(
        options: &RenderOptions,
        site: Rc<SiteObject>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> SiteTemplates {
        let mut set = TemplateSet::new();
        let mut errors = BTreeMap::new();
        let mut uses_inner = BTreeMap::new();
        let mut legacy = BTreeSet::new();
        let mut names = BTreeMap::new();
        // A template's own problem, placed in its file.
        let mut report =
            |error: &TemplateError, location: Location, source: &str, severity: Severity| {
                let index = LineIndex::new(source);
                let at = index.offset_of(error.line, error.column);
                let mut diagnostic =
                    Diagnostic::new(severity, error.to_string(), Span::new(at, at))
                        .in_file(location);
                diagnostic.locate(&index);
                diagnostics.push(diagnostic);
            };
        for (name, source) in &options.partials {
            if let Err(error) = set.add_partial(name, source) {
                report(
                    &error,
                    Location::Partial(name.clone()),
                    source,
                    Severity::Error,
                );
            }
        }
        for (name, source) in &options.shortcodes {
            names
                .entry(name.to_lowercase())
                .or_insert_with(|| name.clone());
            let file = template_file(name);
            match Template::parse(&file, source) {
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
                            let location = Location::Shortcode(name.clone());
                            report(&error, location, source, Severity::Warning);
                        }
                    }
                    set.insert_template(name, template);
                }
                Err(error) => {
                    report(
                        &error,
                        Location::Shortcode(name.clone()),
                        source,
                        Severity::Error,
                    );
                    // Where calls end still follows the template's text.
                    uses_inner.insert(name.clone(), crate::template::source_uses_inner(source));
                    errors.insert(name.clone(), error);
                }
            }
        }
        let i18n = options
            .i18n
            .iter()
            .map(|(id, value)| (id.clone(), Value::from_json(value)))
            .collect();
        SiteTemplates {
            set,
            errors,
            uses_inner,
            names,
            legacy,
            i18n,
            site,
            cache: Default::default(),
            inline: Default::default(),
        }
    }

    /// Begins a render: outputs remembered from the render before stay available (all are
    /// forgotten when the page changed: its `path` or `front_matter`, as written).
    pub fn start_render(&self, path: Option<&str>, front_matter: &str) {
        self.inline.borrow_mut().start_page();
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

    /// The name of the template a call of `name` runs, in any case.
    fn resolve<'a>(&'a self, name: &'a str) -> Option<&'a str> {
        if self.uses_inner.contains_key(name) {
            return Some(name);
        }
        self.names.get(&name.to_lowercase()).map(String::as_str)
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
        if let Some(error) = self.errors.get(name) {
            report.error(failed(error.to_string()));
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
        if let Some(hit) = self.cache.borrow_mut().calls.get(&key) {
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
        let highlighter = run.env.highlighter;
        let waits = highlighter.waits();
        let (result, problems, mut usage) = self.execute(template, run, &limits);
        // Code left uncoloured while the highlighter loads (`markdownify`, `.RenderString`,
        // `highlight`): the next render colours it, so this output is not to be kept.
        usage.impure |= highlighter.waits() != waits;
        budget.charge(usage);
        report.problems.extend(problems);
        let output = match result {
            Ok(output) => output,
            Err(error) => {
                report.error(describe(&error));
                String::new()
            }
        };
        if !usage.impure && !usage.exhausted {
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
            pages: env.pages,
            page_path: env.page_path,
            render_markdown: env.render_markdown,
            highlighter: Some(env.highlighter),
        };
        let mut ctx = FuncContext {
            host: &host,
            i18n: &self.i18n,
            problems: Vec::new(),
            site_object: Some(Value::Object(page.site.clone())),
            impure: Default::default(),
        };
        let (result, usage) =
            template.execute_counted(&self.set, &Value::Object(context), &mut ctx, limits);
        (result, ctx.problems, usage)
    }
}

/// The page and site the site's templates run for: what the template functions ask of them
/// (`markdownify`, `highlight`, `ref`, `absURL`).
pub struct PageHost<'a> {
    pub site: &'a SiteConfig,
    /// Known pages for `ref`/`relref`: content path → relative permalink.
    pub pages: &'a BTreeMap<String, String>,
    /// The content file's path, for references relative to its folder.
    pub page_path: Option<&'a str>,
    pub render_markdown: &'a dyn Fn(&str, bool) -> String,
    /// `None`: code stays plain.
    pub highlighter: Option<&'a Highlighter>,
}

impl Host for PageHost<'_> {
    fn render_markdown(&self, text: &str, block: bool) -> String {
        (self.render_markdown)(text, block)
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
            Some(Value::Map(map)) => highlight::Options::Json(options_json(map)),
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
}

/// A `highlight` options map as the JSON object the highlighter reads: booleans and numbers
/// as JSON values, everything else as strings.
fn options_json(map: &crate::template::Map) -> String {
    let mut json = String::from("{");
    for (i, (key, value)) in map.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        crate::rules::escape::push_json_string(&mut json, key);
        json.push(':');
        match value {
            Value::Bool(_) | Value::Int(..) | Value::Float(_) => {
                json.push_str(&value.to_go_string())
            }
            other => crate::rules::escape::push_json_string(&mut json, &other.to_go_string()),
        }
    }
    json.push('}');
    json
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
