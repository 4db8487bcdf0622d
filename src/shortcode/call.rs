//! What a shortcode implementation sees: Hugo's `ShortcodeWithPage` (the `.` of a shortcode
//! template) as [`Call`], and the page and site it runs in as [`Env`].
//!
//! Built-ins ([`super::builtins`]), site and inline templates ([`super::templates`]) and
//! JavaScript shortcodes ([`super::external`]) all receive these. Problems are collected in a [`Report`]; the expansion stage turns them into
//! diagnostics at the call's span, and an error into a visible error box in place of the
//! output.

use super::tree::{Params, Position};
use crate::diagnostic::Severity;
use crate::site::SiteConfig;
use serde_json::Value;
use std::collections::BTreeMap;

/// One shortcode call, ready to run.
#[derive(Debug, Clone, Copy)]
pub struct Call<'a> {
    /// As written (`figure`, `sub/name`).
    pub name: &'a str,
    pub params: &'a Params,
    /// Hugo's `.Inner`: the source between the tags with nested calls replaced by their
    /// output (and, for a nested `{{% %}}` call, rendered as Markdown). `""` when the call has
    /// no closing tag.
    pub inner: &'a str,
    /// `{{% %}}` notation.
    pub markdown: bool,
    /// 0-based among siblings.
    pub ordinal: usize,
    /// Line and column of the `{{` in the content file.
    pub position: Position,
    /// Spaces and tabs before the `{{` on its line, when nothing else is (Hugo's
    /// `sc.indentation`), else `""`.
    pub indentation: &'a str,
}

impl<'a> Call<'a> {
    /// Hugo's `.Get INDEX`: `None` (Go's nil) for no parameters or named ones; `""` past the
    /// end (as Hugo does).
    pub fn get_index(&self, index: usize) -> Option<Value> {
        match self.params {
            Params::Positional(values) if values.is_empty() => None,
            Params::Positional(values) => Some(
                values
                    .get(index)
                    .cloned()
                    .unwrap_or_else(|| Value::String(String::new())),
            ),
            Params::Named(_) => None,
        }
    }

    /// Hugo's `.Get "KEY"`: `None` for no parameters or positional ones; `""` when the key
    /// is missing.
    pub fn get_name(&self, key: &str) -> Option<Value> {
        match self.params {
            Params::Named(map) => Some(
                map.get(key)
                    .cloned()
                    .unwrap_or_else(|| Value::String(String::new())),
            ),
            Params::Positional(_) => None,
        }
    }

    /// The idiom of Hugo's built-in templates: `.Get "key"` when the parameters are named,
    /// else `.Get index` (when an index is given). Go's empty values (`nil`, `""`) come back
    /// as `None`.
    pub fn param(&self, key: &str, index: Option<usize>) -> Option<Value> {
        let value = match self.params {
            Params::Named(_) => self.get_name(key),
            Params::Positional(_) => index.and_then(|i| self.get_index(i)),
        };
        value.filter(|v| !matches!(v, Value::Null) && v != &Value::String(String::new()))
    }

    /// Hugo's `.InnerDeindent`: `.Inner` with the call's indentation removed from the start
    /// of every line that has it.
    pub fn inner_deindent(&self) -> String {
        if self.indentation.is_empty() {
            return self.inner.to_owned();
        }
        self.inner
            .split_inclusive('\n')
            .map(|line| line.strip_prefix(self.indentation).unwrap_or(line))
            .collect()
    }

    /// Whether the parameters are named (Hugo's `.IsNamedParams`).
    pub fn is_named_params(&self) -> bool {
        matches!(self.params, Params::Named(_))
    }
}

/// A value printed as Go's `fmt.Sprint` prints the same value decoded by Hugo: strings as
/// they are, integers in decimal, floats in Go's `%v` form (`1.5`, `1e+21`), booleans as
/// `true`/`false`, slices as `[a b]`, maps as `map[k:v]` (keys sorted), null as `<nil>`.
pub fn go_string(value: &Value) -> String {
    let mut out = String::new();
    write_go(&mut out, value, 0);
    out
}

fn write_go(out: &mut String, value: &Value, depth: usize) {
    if depth > crate::limits::MAX_FRONT_MATTER_DEPTH {
        out.push_str("...");
        return;
    }
    match value {
        Value::Null => out.push_str("<nil>"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                out.push_str(&i.to_string());
            } else if let Some(u) = n.as_u64() {
                out.push_str(&u.to_string());
            } else if let Some(f) = n.as_f64() {
                out.push_str(&crate::rules::float::shortest(f));
            }
        }
        Value::String(s) => out.push_str(s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                write_go(out, item, depth + 1);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push_str("map[");
            let mut keys: Vec<&String> = map.keys().collect();
            crate::sorted::sort_by(&mut keys, Ord::cmp);
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(key);
                out.push(':');
                write_go(out, &map[key], depth + 1);
            }
            out.push(']');
        }
    }
}

/// What the site's templates may still spend on this page, over all their calls together
/// ([`crate::limits::MAX_PAGE_TEMPLATE_STEPS`], [`crate::limits::MAX_PAGE_TEMPLATE_OUTPUT_BYTES`]).
/// One per render.
#[derive(Debug)]
pub struct TemplateBudget {
    pub steps: std::cell::Cell<u64>,
    pub output_bytes: std::cell::Cell<usize>,
}

impl TemplateBudget {
    /// Takes what one execution spent (or, for a remembered call, what it spent when it ran).
    pub fn charge(&self, usage: crate::template::Usage) {
        self.steps.set(self.steps.get().saturating_sub(usage.steps));
        self.output_bytes
            .set(self.output_bytes.get().saturating_sub(usage.output_bytes));
    }
}

impl Default for TemplateBudget {
    fn default() -> TemplateBudget {
        TemplateBudget {
            steps: crate::limits::MAX_PAGE_TEMPLATE_STEPS.into(),
            output_bytes: crate::limits::MAX_PAGE_TEMPLATE_OUTPUT_BYTES.into(),
        }
    }
}

/// The page and the site a call runs in.
pub struct Env<'a> {
    /// The page's front matter as written (keys as written; Hugo matches them
    /// case-insensitively). `Null` when there is none.
    pub front_matter: &'a Value,
    /// The integer types the front matter's numbers have in templates (its format's).
    pub front_matter_numbers: crate::template::NumberStyle,
    /// The front matter keys Hugo holds as `time.Time` ([`crate::PageFields::date_params`]).
    pub front_matter_dates: &'a [(String, String)],
    pub site: &'a SiteConfig,
    /// Known pages for `ref`/`relref`: content path (`posts/other.md`) → relative permalink
    /// (`/posts/other/`).
    pub pages: &'a BTreeMap<String, String>,
    /// The content file's path (`posts/my-post.md`), when known; for `.Position` and for
    /// resolving relative `ref`s.
    pub page_path: Option<&'a str>,
    /// Whether iframes from the embed allowlist may be emitted (otherwise a static card).
    pub embeds: bool,
    /// Hugo's `.Page.RenderString`: Markdown to HTML with the page's settings. `block` false
    /// is `markdownify` (a single paragraph loses its `<p>`); true is `(dict "display"
    /// "block")`.
    pub render_markdown: &'a dyn Fn(&str, bool) -> String,
    /// Colours code: the `highlight` shortcode and template function.
    pub highlighter: &'a crate::highlight::Highlighter,
    /// Renders formulas: `transform.ToMath`.
    pub math: &'a crate::modules::Module,
    /// Encodes QR codes: the `qr` shortcode.
    pub qr: &'a crate::modules::Module,
    /// What the site's templates may still spend on this page.
    pub template_budget: &'a TemplateBudget,
    /// Another page's `.Content` is being rendered ([`Env::other_content`]): nothing is
    /// remembered between renders for it, nor read from what the previewed page remembered.
    pub nested: bool,
    /// `.Content` of another page: its path in `content/` and its file's text → its
    /// content's HTML, or why it cannot be had.
    pub other_content: &'a dyn Fn(&str, &str) -> Result<String, String>,
    /// The `.RelPermalink` of the page's resource at a path, else of the site's asset there
    /// (Hugo's `figure`: `or (.Page.Resources.Get $path) (resources.Get $path)`).
    pub resource: &'a dyn Fn(&str) -> Option<String>,
}

impl Env<'_> {
    /// A count of the lazily loaded modules' waits (code left uncoloured, formulas left as
    /// TeX, QR codes left out): a template run that changed it has output that is not to be
    /// remembered.
    pub fn waits(&self) -> usize {
        self.highlighter.waits() + self.math.waits() + self.qr.waits()
    }
}

/// [`Env::resource`] where there are no resources.
pub fn no_resource(_path: &str) -> Option<String> {
    None
}

/// [`Env::other_content`] where there are no other pages to render.
pub fn no_other_content(path: &str, _text: &str) -> Result<String, String> {
    Err(format!("the preview cannot render the content of {path} here"))
}

/// What an implementation reports besides its output.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Report {
    pub problems: Vec<(Severity, String)>,
    /// Problems in other files of the site the call reached (a template that does not
    /// parse), each placed in its file.
    pub site: Vec<crate::diagnostic::Diagnostic>,
    /// Show the output inside the error box instead of dropping it: set by [`Report::removed`].
    pub output_in_error_box: bool,
}

impl Report {
    /// Hugo's `errorf`: the call renders as an error box.
    pub fn error(&mut self, message: impl Into<String>) {
        self.problems.push((Severity::Error, message.into()));
    }

    /// A built-in that current Hugo has removed (its template is a bare `errorf`, so the
    /// build stops): an error, but the preview still shows what the old built-in rendered,
    /// inside the error box, so that the post stays readable.
    pub fn removed(&mut self, message: impl Into<String>) {
        self.error(message);
        self.output_in_error_box = true;
    }

    /// Hugo's `warnf` and deprecation notices: the output is kept.
    pub fn warning(&mut self, message: impl Into<String>) {
        self.problems.push((Severity::Warning, message.into()));
    }

    #[cfg(feature = "internals")]
    pub fn has_error(&self) -> bool {
        self.problems.iter().any(|(s, _)| *s == Severity::Error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_print_as_go_prints_them() {
        let v: Value = serde_json::json!({"b": [1, "x", true], "a": null});
        assert_eq!(go_string(&v), "map[a:<nil> b:[1 x true]]");
    }
}
