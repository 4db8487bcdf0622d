//! Hugo's template language: Go's `text/template` syntax with `html/template`'s contextual
//! escaping, for the site's shortcode templates and the partials they call.
//!
//! Pipeline: [`lex`] (source → tokens) → [`parse`] (tokens → tree, checked: variables
//! declared, functions defined) → [`exec`] (tree + dot → text), whose every write goes
//! through [`escape`] (the HTML context decides how each value is escaped).
//!
//! * [`value`]: the values templates pass around; [`shared`]: their lists and maps, whose
//!   nesting is bounded.
//! * [`funcs`]: the function library (`default`, `printf`, `strings.*`, …).
//!
//! ```
//! use hugo_preview::template::{Limits, Template, TemplateSet, Value};
//! # use hugo_preview::template::funcs::FuncContext;
//! # let site = hugo_preview::site::SiteConfig::default();
//! # let i18n = Default::default();
//! # let render = |s: &str, _: bool| s.to_string();
//! # let pages = Default::default();
//! # let host = hugo_preview::shortcode::templates::PageHost { site: &site, resources: &Default::default(), pages: &pages, page_path: None, render_markdown: &render, highlighter: None, math: None, other_content: &hugo_preview::shortcode::call::no_other_content };
//! # let mut ctx = FuncContext { host: &host, i18n: &i18n, problems: vec![], site_object: None, page_object: None, impure: Default::default() };
//! let t = Template::parse("shortcodes/hi.html", r#"<a href="{{ . }}">{{ . }}</a>"#).unwrap();
//! let out = t.execute(&TemplateSet::new(), &Value::from("javascript:x"), &mut ctx, &Limits::default());
//! assert_eq!(out.unwrap(), r##"<a href="#ZgotmplZ">javascript:x</a>"##);
//! ```

pub(crate) mod escape;
mod exec;
mod lex;
mod parse;
mod scratch;
pub mod shared;
pub mod value;

pub use exec::{Limits, Usage};
pub use scratch::Scratch;
pub use shared::{Shared, TooDeep};
pub use value::{Arity, IntType, Map, NumberStyle, Object, SafeKind, Value};
pub mod funcs;

use funcs::FuncContext;
use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

/// A template error with its place: 1-based line and column (in characters) in the
/// template named `template`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    pub message: String,
    pub line: usize,
    pub column: usize,
    /// Where Go's message puts it: the byte offset in the line (0-based) for errors while
    /// running, `None` for parse errors, which Go places by line only.
    pub go_column: Option<usize>,
    pub template: String,
    /// Reported by Go's `html/template` escaper (`no such template`), which writes
    /// `html/template:NAME:LINE:COL: MESSAGE`.
    pub escaper: bool,
}

impl fmt::Display for TemplateError {
    /// As Go prints it: `template: NAME:LINE:COL: MESSAGE` while running,
    /// `template: NAME:LINE: MESSAGE` for parse errors.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.escaper {
            let column = self.go_column.unwrap_or(0);
            return write!(
                f,
                "html/template:{}:{}:{column}: {}",
                self.template, self.line, self.message
            );
        }
        write!(f, "template: {}:{}", self.template, self.line)?;
        if let Some(column) = self.go_column {
            write!(f, ":{column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for TemplateError {}

/// One definition: a file's main list or a `{{ define }}` in it.
#[derive(Debug)]
pub(crate) struct Def {
    /// The definition's name (the file's name for the main list).
    pub name: Rc<str>,
    /// The file it was written in, and that file's source (for error positions).
    pub file: Rc<str>,
    pub source: Rc<str>,
    pub nodes: Vec<parse::Node>,
}

/// A compiled template file: its main list and its `define`s (and `block`s).
#[derive(Debug, Clone)]
pub struct Template {
    main: Rc<Def>,
    defines: Rc<HashMap<String, Rc<Def>>>,
    uses_inner: bool,
    /// Parsed as a Go `text/template` (its output is not escaped): Hugo's inline shortcodes.
    text: bool,
}

fn place(source: &str, file: &str, offset: usize, message: String, exec: bool) -> TemplateError {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    TemplateError {
        message,
        line,
        column,
        go_column: exec.then_some(offset - line_start),
        template: file.to_string(),
        escaper: false,
    }
}

impl Template {
    /// Parses and checks a template file. `name` is used in messages (and by `template`
    /// calls for the file itself).
    pub fn parse(name: &str, source: &str) -> Result<Template, TemplateError> {
        Template::parse_as(name, source, false)
    }

    /// [`Template::parse`] for Go's `text/template`, as Hugo parses inline shortcodes: the
    /// same language, with output written unescaped (partials it calls still escape theirs).
    pub fn parse_text(name: &str, source: &str) -> Result<Template, TemplateError> {
        Template::parse_as(name, source, true)
    }

    fn parse_as(name: &str, source: &str, text: bool) -> Result<Template, TemplateError> {
        let parsed =
            parse::parse(source).map_err(|e| place(source, name, e.offset, e.message, false))?;
        let file: Rc<str> = name.into();
        let source: Rc<str> = source.into();
        let uses_inner = parse::uses_inner(&parsed.root)
            || parsed
                .defines
                .iter()
                .any(|(_, nodes)| parse::uses_inner(nodes));
        let defines = parsed
            .defines
            .into_iter()
            .map(|(def_name, nodes)| {
                let def = Def {
                    name: def_name.as_str().into(),
                    file: file.clone(),
                    source: source.clone(),
                    nodes,
                };
                (def_name, Rc::new(def))
            })
            .collect();
        Ok(Template {
            main: Rc::new(Def {
                name: file.clone(),
                file,
                source,
                nodes: parsed.root,
            }),
            defines: Rc::new(defines),
            uses_inner,
            text,
        })
    }

    /// The shortcode template version Hugo reads from a leading
    /// ``{{ $_hugo_config := `{ "version": 1 }` }}`` (2 without one). Version 1 restores
    /// the pre-0.55 `{{% %}}` behaviour: the inner content is rendered as Markdown and the
    /// output is inserted after Markdown, like a `{{< >}}` call's. An undecodable value is
    /// Hugo's `failed to decode $_hugo_config in template` error.
    pub fn hugo_config_version(&self) -> Result<i64, TemplateError> {
        const DEFAULT: i64 = 2;
        let Some(pipe) = parse::first_pipeline(&self.main.nodes) else {
            return Ok(DEFAULT);
        };
        let Some(text) = parse::hugo_config_text(pipe) else {
            return Ok(DEFAULT);
        };
        let failed = |reason: String| {
            let message = format!("failed to decode $_hugo_config in template: {reason}");
            place(&self.main.source, &self.main.file, pipe.pos, message, false)
        };
        let config: serde_json::Value =
            serde_json::from_str(text).map_err(|e| failed(e.to_string()))?;
        let serde_json::Value::Object(map) = config else {
            return Err(failed(format!(
                "unable to cast {text:?} to map[string]interface{{}}"
            )));
        };
        // mapstructure's weak decoding: keys match without case; numbers, numeric strings
        // and booleans become the integer.
        let Some((_, value)) = map
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case("version"))
        else {
            return Ok(DEFAULT);
        };
        match value {
            serde_json::Value::Number(n) => n
                .as_i64()
                .or_else(|| n.as_f64().map(|f| f as i64))
                .ok_or_else(|| failed(format!("version: cannot convert {n}"))),
            serde_json::Value::String(s) if s.is_empty() => Ok(0),
            serde_json::Value::String(s) => s.trim().parse::<i64>().map_err(|_| {
                failed(format!("1 error(s) decoding:\n\n* cannot parse 'Version' as int: strconv.ParseInt: parsing {s:?}: invalid syntax"))
            }),
            serde_json::Value::Bool(b) => Ok(i64::from(*b)),
            serde_json::Value::Null => Ok(DEFAULT),
            other => Err(failed(format!(
                "1 error(s) decoding:\n\n* 'Version' expected type 'int', got unconvertible type '{}'",
                if other.is_array() { "[]interface {}" } else { "map[string]interface {}" }
            ))),
        }
    }

    /// Whether any field chain names `.Inner` or `.InnerDeindent` (Hugo decides from this
    /// whether a shortcode needs a closing tag).
    pub fn uses_inner(&self) -> bool {
        self.uses_inner
    }

    /// Runs the template with `dot`. `set` supplies partials and other files' definitions.
    #[cfg(feature = "internals")]
    pub fn execute(
        &self,
        set: &TemplateSet,
        dot: &Value,
        ctx: &mut FuncContext,
        limits: &Limits,
    ) -> Result<String, TemplateError> {
        self.execute_counted(set, dot, ctx, limits).0
    }

    /// [`Template::execute`], also saying what it spent (for budgets shared by several
    /// executions).
    pub fn execute_counted(
        &self,
        set: &TemplateSet,
        dot: &Value,
        ctx: &mut FuncContext,
        limits: &Limits,
    ) -> (Result<String, TemplateError>, Usage) {
        let (result, usage) = exec::Exec::new(set, ctx, *limits, self).run(dot);
        let result = result.map_err(|f| {
            let mut error = place(&f.def.source, &f.def.file, f.offset, f.message, true);
            error.escaper = f.escaper;
            error
        });
        (result, usage)
    }
}

/// Templates and partials by name, compiled once and reused for every render.
#[derive(Debug, Clone, Default)]
pub struct TemplateSet {
    templates: HashMap<String, Template>,
    partials: HashMap<String, Template>,
    /// Every file's `define`s, for `{{ template }}` (a later file wins, as in Hugo).
    defines: HashMap<String, Rc<Def>>,
    /// Partials whose file does not parse, with the error: a call reports it, not "not found".
    broken_partials: HashMap<String, TemplateError>,
}

impl TemplateSet {
    pub fn new() -> TemplateSet {
        TemplateSet::default()
    }

    /// Parses and adds a template (a shortcode, say) under `name`.
    #[cfg(feature = "internals")]
    pub fn add_template(&mut self, name: &str, source: &str) -> Result<(), TemplateError> {
        let template = Template::parse(name, source)?;
        self.insert_template(name, template);
        Ok(())
    }

    /// Parses and adds a partial; `partial "name"` finds it as `name`, `name.html` or
    /// `partials/name`.
    #[cfg(feature = "internals")]
    pub fn add_partial(&mut self, name: &str, source: &str) -> Result<(), TemplateError> {
        let template = match Template::parse(name, source) {
            Ok(template) => template,
            Err(error) => {
                self.broken_partials.insert(name.to_string(), error.clone());
                return Err(error);
            }
        };
        self.broken_partials.remove(name);
        self.insert_partial(name, template);
        Ok(())
    }

    pub fn insert_template(&mut self, name: &str, template: Template) {
        self.add_defines(&template);
        self.templates.insert(name.to_string(), template);
    }

    pub fn insert_partial(&mut self, name: &str, template: Template) {
        self.add_defines(&template);
        self.partials.insert(name.to_string(), template);
    }

    /// Records that the partial `name` exists but does not parse.
    pub fn insert_broken_partial(&mut self, name: &str, error: TemplateError) {
        self.broken_partials.insert(name.to_string(), error);
    }

    /// Why the partial `partial NAME` means does not run, when its file does not parse
    /// (found by the same names as [`TemplateSet::partial`]).
    pub fn partial_error(&self, name: &str) -> Option<&TemplateError> {
        let bare = name.strip_prefix("partials/").unwrap_or(name);
        self.broken_partials
            .get(bare)
            .or_else(|| self.broken_partials.get(format!("{bare}.html").as_str()))
            .or_else(|| {
                bare.strip_suffix(".html")
                    .and_then(|stem| self.broken_partials.get(stem))
            })
    }

    fn add_defines(&mut self, template: &Template) {
        for (name, def) in template.defines.iter() {
            self.defines.insert(name.clone(), def.clone());
        }
    }

    pub fn get(&self, name: &str) -> Option<&Template> {
        self.templates.get(name)
    }

    /// The partial `partial NAME` means: `NAME`, then `NAME.html`, then `NAME` without
    /// `.html` (partials can be registered with or without the extension), with or
    /// without a leading `partials/`.
    pub fn partial(&self, name: &str) -> Option<&Template> {
        let bare = name.strip_prefix("partials/").unwrap_or(name);
        self.partials
            .get(bare)
            .or_else(|| self.partials.get(format!("{bare}.html").as_str()))
            .or_else(|| {
                bare.strip_suffix(".html")
                    .and_then(|stem| self.partials.get(stem))
            })
    }

    /// `templates.Exists NAME`: whether the set has the template Hugo calls NAME
    /// (`_shortcodes/x.html`, `shortcodes/x.html`, `_partials/y.html`, `partials/y.html`, or
    /// a `define`d name). The set holds a site's shortcodes and partials only: page layouts
    /// are not there.
    pub fn exists(&self, name: &str) -> bool {
        let name = name.trim_start_matches('/');
        if let Some(shortcode) = name
            .strip_prefix("_shortcodes/")
            .or_else(|| name.strip_prefix("shortcodes/"))
        {
            let stem = shortcode.strip_suffix(".html").unwrap_or(shortcode);
            return self.templates.contains_key(shortcode) || self.templates.contains_key(stem);
        }
        if let Some(partial) = name
            .strip_prefix("_partials/")
            .or_else(|| name.strip_prefix("partials/"))
        {
            return self.partial(partial).is_some();
        }
        self.defines.contains_key(name)
    }

    fn define(&self, name: &str) -> Option<&Rc<Def>> {
        self.defines.get(name).or_else(|| {
            // `{{ template "partials/x.html" . }}` and `{{ template "x" . }}` for files.
            self.templates
                .get(name)
                .or_else(|| name.strip_prefix("partials/").and_then(|n| self.partial(n)))
                .map(|t| &t.main)
        })
    }

    /// Runs the template called `name`.
    #[cfg(feature = "internals")]
    pub fn execute(
        &self,
        name: &str,
        dot: &Value,
        ctx: &mut FuncContext,
        limits: &Limits,
    ) -> Result<String, TemplateError> {
        let Some(template) = self.get(name) else {
            return Err(TemplateError {
                message: format!("no such template {name:?}"),
                line: 1,
                column: 1,
                go_column: None,
                template: name.to_string(),
                escaper: false,
            });
        };
        template.execute(self, dot, ctx, limits)
    }
}

/// [`Template::uses_inner`] for a template that does not parse: whether its actions mention
/// `.Inner` or `.InnerDeindent` (comments and text outside `{{ }}` do not count), so that
/// where its calls end still follows the template's text.
pub fn source_uses_inner(source: &str) -> bool {
    let mut rest = source;
    while let Some(open) = rest.find("{{") {
        let action = &rest[open + 2..];
        let action = action.strip_prefix('-').unwrap_or(action);
        let trimmed = action.trim_start();
        if let Some(comment) = trimmed.strip_prefix("/*") {
            // `{{/* … */}}`: skip the comment.
            let skip = comment.find("*/").map_or(comment.len(), |i| i + 2);
            let consumed = rest.len() - comment.len() + skip;
            rest = &rest[consumed.min(rest.len())..];
            continue;
        }
        let end = action.find("}}").unwrap_or(action.len());
        if references_inner(&action[..end]) {
            return true;
        }
        let consumed = rest.len() - action.len() + end;
        rest = &rest[consumed.min(rest.len())..];
    }
    false
}

fn references_inner(action: &str) -> bool {
    let mut from = 0;
    while let Some(at) = action[from..].find(".Inner") {
        let start = from + at;
        let after = &action[start + ".Inner".len()..];
        let next = after.chars().next();
        let is_field = match next {
            None => true,
            Some(c) => !(c.is_alphanumeric() || c == '_') || after.starts_with("Deindent"),
        };
        // Not part of a longer identifier before the dot (`$x.Inner` and `.Inner` count).
        if is_field {
            return true;
        }
        from = start + 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inner_in_actions_only() {
        assert!(source_uses_inner("<div>{{ .Inner }}</div>"));
        assert!(source_uses_inner("{{- .InnerDeindent | markdownify -}}"));
        assert!(source_uses_inner("{{ $x := .Inner }}"));
        assert!(!source_uses_inner("<p>.Inner</p>{{ .Get 0 }}"));
        assert!(!source_uses_inner("{{/* .Inner */}}{{ .Get 0 }}"));
        assert!(!source_uses_inner("{{ .Innerx }}"));
    }
}
