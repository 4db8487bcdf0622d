//! The site's shortcode templates and partials, compiled once per [`Renderer`](crate::Renderer)
//! and run for every call: the bridge between the shortcode stage and [`crate::template`].

use super::call::{Call, Env, Report};
use super::context::{PageObject, PositionObject, Scratch, ShortcodeContext, SiteObject};
use super::tree::Params;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::options::RenderOptions;
use crate::template::funcs::FuncContext;
use crate::template::{Limits, Template, TemplateError, TemplateSet, Value};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

/// Names that let a template see more than its call and the front matter: where the call is
/// (`.Position`, `.Ordinal`, `.Parent`), state shared between calls (`.Scratch`, `.Store`),
/// the rendered page (`.Content`, `.WordCount`, …) or the clock and chance. A template (or
/// any partial) whose text, comments aside, names one of them is run for every call; the
/// others' output is remembered between renders. A text search for whole words: a false
/// alarm only costs speed.
const NOT_CACHEABLE: &[&str] = &[
    "Position",
    "Ordinal",
    "Parent",
    "Scratch",
    "Store",
    "Content",
    "Plain",
    "WordCount",
    "ReadingTime",
    "TableOfContents",
    "Summary",
    "Truncated",
    "Len",
    "Fragments",
    "now",
    "Now",
    "Rand",
    "shuffle",
    "Shuffle",
    "getenv",
    "Getenv",
    "readFile",
    "readDir",
    "ReadFile",
    "ReadDir",
    "Resources",
    "resources",
];

fn is_cacheable(source: &str) -> bool {
    let code = without_comments(source);
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    !NOT_CACHEABLE.iter().any(|name| {
        code.match_indices(name).any(|(at, _)| {
            !code[..at].ends_with(is_word) && !code[at + name.len()..].starts_with(is_word)
        })
    })
}

/// `source` without its `{{/* … */}}` comments (the `/*` right after `{{` or `{{-`).
fn without_comments(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(at) = rest.find("{{") {
        out.push_str(&rest[..at + 2]);
        rest = &rest[at + 2..];
        let opened = rest.strip_prefix('-').unwrap_or(rest).trim_start();
        if let Some(comment) = opened.strip_prefix("/*") {
            match comment.find("*/") {
                Some(end) => rest = &comment[end + 2..],
                None => return out,
            }
        }
    }
    out.push_str(rest);
    out
}

/// What a call of a cacheable template produced: its output and what it reported.
#[derive(Clone)]
struct CachedCall {
    output: String,
    problems: Vec<(Severity, String)>,
}

/// Outputs of cacheable templates by call (name, notation, parameters, inner content,
/// indentation),
/// for the current render and the one before; emptied when the front matter changes.
#[derive(Default)]
struct CallCache {
    front_matter: String,
    current: HashMap<String, CachedCall>,
    previous: HashMap<String, CachedCall>,
}

/// Compiled site templates and what running them needs besides a call.
pub struct SiteTemplates {
    set: TemplateSet,
    /// Shortcodes whose template does not compile, with the error.
    errors: BTreeMap<String, TemplateError>,
    uses_inner: BTreeMap<String, bool>,
    /// Shortcodes whose template declares ``$_hugo_config := `{ "version": 1 }` ``.
    legacy: BTreeSet<String>,
    i18n: BTreeMap<String, Value>,
    pub site: Rc<SiteObject>,
    /// Templates whose output depends only on the call and the front matter.
    cacheable: BTreeSet<String>,
    cache: RefCell<CallCache>,
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
        let mut report = |error: &TemplateError, file: String, severity: Severity| {
            let mut diagnostic = Diagnostic::new(severity, error.to_string(), Span::new(0, 0));
            diagnostic.line = error.line;
            diagnostic.column = error.column;
            diagnostic.end_line = error.line;
            diagnostic.end_column = error.column;
            diagnostic.file = Some(file);
            diagnostics.push(diagnostic);
        };
        for (name, source) in &options.partials {
            if let Err(error) = set.add_partial(name, source) {
                report(&error, format!("partials/{name}"), Severity::Error);
            }
        }
        let partials_cacheable = options.partials.values().all(|source| is_cacheable(source));
        let cacheable = options
            .shortcodes
            .iter()
            .filter(|(_, source)| {
                is_cacheable(source)
                    && (partials_cacheable
                        || !(source.contains("partial") || source.contains("template")))
            })
            .map(|(name, _)| name.clone())
            .collect();
        for (name, source) in &options.shortcodes {
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
                            report(&error, file, Severity::Warning);
                        }
                    }
                    set.insert_template(name, template);
                }
                Err(error) => {
                    report(&error, file, Severity::Error);
                    // Where calls end still follows the template's text.
                    uses_inner.insert(name.clone(), super::expand::template_uses_inner(source));
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
            legacy,
            i18n,
            site,
            cacheable,
            cache: Default::default(),
        }
    }

    /// Begins a render: outputs remembered from the render before stay available (all are
    /// forgotten when `front_matter`, the page's front matter as written, changed).
    pub fn start_render(&self, front_matter: &str) {
        let mut cache = self.cache.borrow_mut();
        if cache.front_matter != front_matter {
            *cache = CallCache {
                front_matter: front_matter.to_owned(),
                ..CallCache::default()
            };
        } else {
            // Swapped and cleared, not rebuilt: the same tables serve every render.
            let cache = &mut *cache;
            std::mem::swap(&mut cache.previous, &mut cache.current);
            cache.current.clear();
        }
    }

    /// Whether the template of `name` uses `.Inner` (`None`: no such template).
    pub fn uses_inner(&self, name: &str) -> Option<bool> {
        self.uses_inner.get(name).copied()
    }

    /// Whether `name`'s template asks for Hugo's pre-0.55 `{{% %}}` behaviour (template
    /// config version 1): inner content rendered as Markdown, output inserted after it.
    pub fn is_legacy_markdown(&self, name: &str) -> bool {
        self.legacy.contains(name)
    }

    /// Runs the template of `call.name` with Hugo's shortcode context as dot, or gives what
    /// the same call gave before when the template is cacheable.
    pub fn run(
        &self,
        call: &Call,
        parent: Option<Rc<ShortcodeContext>>,
        page: &Rc<PageObject>,
        scratch: Rc<Scratch>,
        env: &Env,
        report: &mut Report,
    ) -> String {
        if !self.cacheable.contains(call.name) {
            return self.execute(call, parent, page, scratch, env, report);
        }
        let key = call_key(call);
        let cached = {
            let mut cache = self.cache.borrow_mut();
            match cache.previous.remove_entry(&key) {
                Some((key, hit)) => {
                    let copy = hit.clone();
                    cache.current.insert(key, hit);
                    Some(copy)
                }
                None => cache.current.get(&key).cloned(),
            }
        };
        if let Some(hit) = cached {
            report.problems.extend(hit.problems);
            return hit.output;
        }
        let before = report.problems.len();
        let output = self.execute(call, parent, page, scratch, env, report);
        let entry = CachedCall {
            output: output.clone(),
            problems: report.problems[before..].to_vec(),
        };
        self.cache.borrow_mut().current.insert(key, entry);
        output
    }

    fn execute(
        &self,
        call: &Call,
        parent: Option<Rc<ShortcodeContext>>,
        page: &Rc<PageObject>,
        scratch: Rc<Scratch>,
        env: &Env,
        report: &mut Report,
    ) -> String {
        let failed =
            |message: String| format!("failed to render shortcode {:?}: {message}", call.name);
        if let Some(error) = self.errors.get(call.name) {
            report.error(failed(error.to_string()));
            return String::new();
        }
        let Some(template) = self.set.get(call.name) else {
            report.error(failed("template not found".into()));
            return String::new();
        };
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
        let mut ctx = FuncContext {
            render_markdown: env.render_markdown,
            site: env.site,
            i18n: &self.i18n,
            pages: env.pages,
            page_path: env.page_path,
            problems: Vec::new(),
            site_object: Some(Value::Object(page.site.clone())),
        };
        let budget = env.template_budget;
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
        let defaults = Limits::default();
        let limits = Limits {
            max_steps: defaults.max_steps.min(steps_left),
            max_output_bytes: defaults.max_output_bytes.min(output_left),
            ..defaults
        };
        let (result, usage) =
            template.execute_counted(&self.set, &Value::Object(context), &mut ctx, &limits);
        budget.steps.set(steps_left.saturating_sub(usage.steps));
        budget
            .output_bytes
            .set(output_left.saturating_sub(usage.output_bytes));
        for (severity, message) in ctx.problems {
            report.problems.push((severity, message));
        }
        match result {
            Ok(output) => output,
            Err(error) => {
                report.error(failed(error.to_string()));
                String::new()
            }
        }
    }
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
