//! The site's shortcode templates and partials, compiled once per [`Renderer`](crate::Renderer)
//! and run for every call: the bridge between the shortcode stage and [`crate::template`].

use super::call::{Call, Env, Report};
use super::context::{PageObject, PositionObject, Scratch, ShortcodeContext, SiteObject};
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::options::RenderOptions;
use crate::template::funcs::FuncContext;
use crate::template::{Limits, Template, TemplateError, TemplateSet, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

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

    /// Runs the template of `call.name` with Hugo's shortcode context as dot.
    pub fn run(
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
