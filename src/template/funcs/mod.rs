//! The functions templates call (`default`, `printf`, `strings.TrimSpace`, `dict`, …), as
//! Hugo defines them (`tpl/*`). Control functions that need the engine (`and`, `or`,
//! `partial`, `template`) live in the executor.
//!
//! Each function takes its evaluated arguments (for a pipeline, the piped value is the last
//! one, as in Go) and returns a value or an error message, which the engine reports with the
//! template's line and column.

use super::value::Value;
use crate::diagnostic::Severity;
use crate::site::SiteConfig;
use std::collections::BTreeMap;

/// What functions may use besides their arguments.
pub struct FuncContext<'a> {
    /// Hugo's `markdownify` / `.RenderString`: Markdown to HTML with the page's settings
    /// (`block` false strips a lone `<p>`).
    pub render_markdown: &'a dyn Fn(&str, bool) -> String,
    pub site: &'a SiteConfig,
    /// `T` / `i18n`: translation id → the translation's value (a string, or a map with
    /// `one`/`other`… for plurals), from the site's `i18n/LANG.toml`.
    pub i18n: &'a BTreeMap<String, Value>,
    /// `warnf`, `errorf`, `erroridf`, `warnidf` messages, in order; the engine turns them
    /// into diagnostics at the call.
    pub problems: Vec<(Severity, String)>,
}

/// A template function.
pub type Func = fn(&mut FuncContext, &[Value]) -> Result<Value, String>;

/// Every function, by the name templates use (aliases and namespaced names included).
const FUNCS: &[(&str, Func)] = &[("print", print)];

/// The function called `name`, if there is one.
pub fn lookup(name: &str) -> Option<Func> {
    FUNCS.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

/// Go's `fmt.Sprint`: operands printed with `%v`, a space between two operands when
/// neither is a string.
fn print(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    let mut out = String::new();
    for (i, arg) in args.iter().enumerate() {
        let is_string = |v: &Value| matches!(v, Value::String(_) | Value::Safe(..));
        if i > 0 && !is_string(arg) && !is_string(&args[i - 1]) {
            out.push(' ');
        }
        out.push_str(&arg.to_go_string());
    }
    Ok(Value::from(out))
}
