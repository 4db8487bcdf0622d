//! Hugo's built-in shortcodes, offline and safe.
//!
//! In: a [`Call`] and its [`Env`]. Out: the HTML current Hugo's embedded template would
//! produce (`tpl/tplimpl/embedded/templates/_shortcodes/*.html`), minus whatever needs the
//! network: oEmbed cards (`x`, `tweet`, `instagram`, `gist`) become static link cards, and
//! video iframes appear only when embeds are allowed (otherwise a static card). Problems go
//! to the [`Report`] with Hugo's messages. Output is sanitized later like everything else.
//!
//! * [`page`]: `figure`, `details`, `param`, `ref`, `relref`, `comment`.
//! * [`highlight`]: `highlight`, Chroma's HTML structure without colours.
//! * [`video`]: `youtube`, `vimeo`.
//! * [`social`]: `x`, `tweet` and friends, `instagram`, `gist`.
//! * [`qr`]: `qr`, a real QR code as an inline SVG image.
//!
//! Values reach the HTML the way Go's `html/template` writes them (see [`escape`]), so the
//! bytes match Hugo's where Hugo's output is known.

use super::call::{go_string, Call, Env, Report};
use serde_json::Value;

pub mod highlight;
pub mod page;
pub mod qr;
pub mod social;
pub mod video;

/// One built-in shortcode.
pub struct Builtin {
    pub name: &'static str,
    /// Whether Hugo's template uses `.Inner` (so the call must be closed or self-closed).
    pub uses_inner: bool,
    pub render: fn(&Call, &Env, &mut Report) -> String,
}

const fn builtin(
    name: &'static str,
    uses_inner: bool,
    render: fn(&Call, &Env, &mut Report) -> String,
) -> Builtin {
    Builtin {
        name,
        uses_inner,
        render,
    }
}

/// Every built-in, by name. `uses_inner` is as in Hugo's templates: only `details`,
/// `highlight`, `qr` and `comment` read `.Inner`.
pub const BUILTINS: &[Builtin] = &[
    builtin("comment", true, page::comment),
    builtin("details", true, page::details),
    builtin("figure", false, page::figure),
    builtin("gist", false, social::gist),
    builtin("highlight", true, highlight::highlight),
    builtin("instagram", false, social::instagram),
    builtin("instagram_simple", false, social::instagram),
    builtin("param", false, page::param),
    builtin("qr", true, qr::qr),
    builtin("ref", false, page::ref_),
    builtin("relref", false, page::relref),
    builtin("tweet", false, social::tweet),
    builtin("twitter", false, social::tweet),
    builtin("twitter_simple", false, social::tweet),
    builtin("vimeo", false, video::vimeo),
    builtin("vimeo_simple", false, video::vimeo),
    builtin("x", false, social::x),
    builtin("x_simple", false, social::x),
    builtin("youtube", false, video::youtube),
];

/// The built-in called `name`, in any case: Hugo's template store lowercases the names it
/// looks up (`{{% relRef "x" %}}` is `relref`; checked with Hugo 0.168).
pub fn lookup(name: &str) -> Option<&'static Builtin> {
    let name = name.to_lowercase();
    BUILTINS.iter().find(|b| b.name == name)
}

/// Whether the call is to the built-in `builtin` (a lowercase name), in any case.
pub fn is_called(call: &Call, builtin: &str) -> bool {
    call.name.to_lowercase() == builtin
}

/// Hugo's `.Position` as `%s` prints it: `"file:line:col"`, quotes included. Without a page
/// path the file is `content`.
pub fn position(call: &Call, env: &Env) -> String {
    format!(
        "\"{}:{}:{}\"",
        env.page_path.unwrap_or("content"),
        call.position.line,
        call.position.column
    )
}

/// Go's truthiness, as `or`, `with` and `if` see a value: `nil`, `false`, `0`, `""` and empty
/// collections are false.
pub fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// `or (.Get "key") (.Get index)` in a built-in template: the parameter when it is truthy.
pub fn get(call: &Call, key: &str, index: Option<usize>) -> Option<Value> {
    call.param(key, index).filter(truthy)
}

/// [`get`] printed as `{{ . }}` prints it.
pub fn get_string(call: &Call, key: &str, index: Option<usize>) -> Option<String> {
    get(call, key, index).map(|v| go_string(&v))
}

/// The templates' boolean idiom, `in (slice "true" true 1) X` / `in (slice "false" false 0)
/// X`: `Some(true)`, `Some(false)`, or `None` for anything else (the default applies).
pub fn flag(value: Option<&Value>) -> Option<bool> {
    match value? {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s == "true" => Some(true),
        Value::String(s) if s == "false" => Some(false),
        Value::Number(n) if n.as_f64() == Some(1.0) => Some(true),
        Value::Number(n) if n.as_f64() == Some(0.0) => Some(false),
        _ => None,
    }
}

/// Escaping as Go's `html/template` does it (its home is `crate::template::escape`), which is
/// what Hugo's built-in templates produce, and Go's URL encoders.
pub(crate) mod escape {
    pub(crate) use crate::rules::escape::{path_segment, query};
    pub(crate) use crate::template::escape::{html_in_attribute, text, url};
}

/// Hugo's `plainify` (`tpl.StripHTML`), shared with the summary code.
pub fn plainify(html: &str) -> String {
    crate::rules::text::strip_html(html)
}
