//! `markdownify`, `plainify`, `htmlEscape`, `htmlUnescape`, `emojify` (Hugo's
//! `tpl/transform`).

use super::cast::to_string;
use super::{want_args, FuncContext};
use crate::diagnostic::Severity;
use crate::template::value::{SafeKind, Value};

/// `markdownify`: the page's Markdown renderer, inline (a lone paragraph loses its `<p>`).
pub(super) fn markdownify(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("markdownify", args, 1)?;
    let text = to_string(&args[0])?;
    let html = ctx.host.render_markdown(&text, false);
    Ok(Value::safe(SafeKind::Html, html))
}

/// `highlight CODE LANG [OPTIONS]` (`transform.Highlight`): the code as the highlight
/// shortcode renders it, with the site's `markup.highlight` defaults. OPTIONS is a
/// `key=value,…` string or a map. Hugo drops an option error and returns nothing; the
/// preview returns nothing too and warns.
pub(super) fn highlight(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    if !(2..=3).contains(&args.len()) {
        return Err(format!(
            "wrong number of args for highlight: want at least 2 got {}",
            args.len()
        ));
    }
    let code = to_string(&args[0])?;
    let lang = to_string(&args[1])?;
    let highlighted = ctx.host.highlight(&code, &lang, args.get(2))?;
    if let Some(message) = highlighted.warning {
        ctx.problems
            .push((Severity::Warning, format!("highlight: {message}")));
    }
    if highlighted.pending {
        ctx.impure.set(true);
    }
    Ok(Value::safe(SafeKind::Html, highlighted.html))
}

/// `transform.CanHighlight LANG`: whether the highlighter has a lexer for LANG (Chroma's
/// names and aliases, any case; checked with Hugo 0.168: `go`, `GO`, `golang` yes, `` no).
/// Without a highlighter yet the answer is false, and the render is not one to remember.
pub(super) fn can_highlight(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("transform.CanHighlight", args, 1)?;
    let lang = to_string(&args[0])?;
    match ctx.host.can_highlight(&lang) {
        Some(known) => Ok(Value::Bool(known)),
        None => {
            ctx.impure.set(true);
            Ok(Value::Bool(false))
        }
    }
}

/// `plainify`: tags removed (Hugo's `StripHTML`, shared with summaries); HTML out, so
/// entities are not escaped twice.
pub(super) fn plainify(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("plainify", args, 1)?;
    let text = to_string(&args[0])?;
    Ok(Value::safe(
        SafeKind::Html,
        crate::rules::text::strip_html(&text),
    ))
}

/// `htmlEscape`: Go's `html.EscapeString`.
pub(super) fn html_escape(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("htmlEscape", args, 1)?;
    Ok(Value::from(crate::rules::escape::html(&to_string(
        &args[0],
    )?)))
}

/// `htmlUnescape`: Go's `html.UnescapeString`, for numeric references and the named
/// entities [`crate::rules::entities`] knows.
pub(super) fn html_unescape(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("htmlUnescape", args, 1)?;
    Ok(Value::from(crate::rules::entities::unescape(&to_string(
        &args[0],
    )?)))
}

/// `emojify`: `:smile:`-style codes replaced with emoji, as HTML (Hugo's
/// `helpers.Emojify`, see [`crate::rules::emoji::emojify`]).
pub(super) fn emojify(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("emojify", args, 1)?;
    if !crate::rules::emoji::AVAILABLE {
        ctx.problems.push((
            crate::diagnostic::Severity::Warning,
            format!("emojify: {}", crate::rules::emoji::UNAVAILABLE),
        ));
    }
    Ok(Value::safe(
        SafeKind::Html,
        crate::rules::emoji::emojify(&to_string(&args[0])?),
    ))
}

/// `jsonify VALUE` (`encoding.Jsonify`): Go's `json.Marshal` of the value (maps with sorted
/// keys, `<`, `>` and `&` as `\u` escapes), as template.HTML. The indenting options of
/// `jsonify (dict "indent" …) VALUE` are not supported.
pub(super) fn jsonify(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("jsonify", args, 1)?;
    Ok(Value::safe(
        SafeKind::Html,
        crate::template::escape::json_marshal(&args[0]),
    ))
}
