//! `T` / `i18n` (Hugo's `lang.Translate`) over the site's translation table.

use super::cast::to_string;
use super::{want_between, FuncContext};
use crate::template::value::Value;

/// `T ID [DATA]`: the translation of ID. DATA is a count (`T "apples" 3`) or a map or
/// object whose `Count` chooses the plural form; English rules: `one` for 1, else `other`.
/// A missing translation is "", as in Hugo without `enableMissingTranslationPlaceholders`.
///
/// Simplification: Hugo runs a translation as a Go template with DATA as its dot; here only
/// `{{ .Count }}`, `{{ . }}` and `{{ .Key }}` (a key of a map DATA) are filled in.
pub(super) fn translate(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_between("T", args, 1, 2)?;
    let id = to_string(&args[0])?;
    let data = args.get(1).cloned().unwrap_or(Value::Nil);
    let count = plural_count(ctx, &data);
    let Some(translation) = ctx
        .i18n
        .get(&id)
        .or_else(|| ctx.i18n.get(&id.to_lowercase()))
    else {
        return Ok(Value::from(""));
    };
    let text = match translation {
        Value::Map(forms) => {
            let form = if count == Some(1.0) { "one" } else { "other" };
            let chosen = forms
                .get(form)
                .or_else(|| forms.get("other"))
                .or_else(|| forms.get("one"));
            match chosen {
                Some(v) => to_string(v).unwrap_or_default(),
                None => String::new(),
            }
        }
        other => to_string(other).unwrap_or_default(),
    };
    Ok(Value::from(fill(ctx, &text, &data)))
}

/// The plural count in DATA: a number, a numeric string, or a `Count` field.
fn plural_count(ctx: &FuncContext, data: &Value) -> Option<f64> {
    match data {
        Value::Int(i, ty) => Some(ty.value_of(*i) as f64),
        Value::Float(f) => Some(*f),
        Value::String(s) => super::cast::parse_go_float(s),
        Value::Map(map) => map
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("count"))
            .and_then(|(_, v)| plural_count(ctx, v)),
        Value::Object(object) => ctx
            .member(object.as_ref(), "Count", &[])
            .ok()
            .flatten()
            .and_then(|v| plural_count(ctx, &v)),
        _ => None,
    }
}

/// Fills `{{ . }}`, `{{ .Count }}` and `{{ .Key }}` actions; other actions stay as written.
fn fill(ctx: &FuncContext, text: &str, data: &Value) -> String {
    if !text.contains("{{") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start..].find("}}") else {
            break;
        };
        out.push_str(&rest[..start]);
        let action = &rest[start..start + len + 2];
        let inner = action[2..action.len() - 2].trim_matches('-').trim();
        let value = match (inner, data) {
            (".", Value::Map(_) | Value::List(_) | Value::Object(_)) => None,
            (".", data) => Some(data.to_go_string()),
            (".Count", Value::Int(..) | Value::Float(_) | Value::String(_)) => {
                Some(data.to_go_string())
            }
            (key, Value::Map(map)) if key.starts_with('.') => {
                map.get(&key[1..]).map(Value::to_go_string)
            }
            (key, Value::Object(object)) if key.starts_with('.') => ctx
                .member(object.as_ref(), &key[1..], &[])
                .ok()
                .flatten()
                .map(|v| v.to_go_string()),
            _ => None,
        };
        out.push_str(value.as_deref().unwrap_or(action));
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}
