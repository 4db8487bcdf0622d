//! Go's `text/template` builtins that are plain functions: `not`, `len`, `index` (Hugo's
//! `collections.Index`, which also takes a list of keys), `html`, `js`, `urlquery`, `call`.

use super::{want_args, want_at_least, FuncContext};
use crate::template::value::{IntType, Value};

pub(super) fn not(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("not", args, 1)?;
    Ok(Value::Bool(!args[0].truthy()))
}

/// `len`: bytes of a string (as Go counts), items of a list or map.
pub(super) fn len(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("len", args, 1)?;
    match &args[0] {
        Value::String(s) | Value::Safe(_, s) => Ok(Value::int(s.len() as i64)),
        Value::List(items) => Ok(Value::int(items.len() as i64)),
        Value::Map(map) => Ok(Value::int(map.len() as i64)),
        Value::Object(object) => match object.items() {
            Some(Value::List(items)) => Ok(Value::int(items.len() as i64)),
            Some(Value::Map(map)) => Ok(Value::int(map.len() as i64)),
            _ => Err(format!("len of type {}", object.type_name())),
        },
        Value::Nil => Err("len of nil pointer".into()),
        other => Err(format!("len of type {}", other.type_name())),
    }
}

/// `index COLLECTION KEY…` (or `index COLLECTION (slice KEY…)`): each key steps one level
/// into lists (by integer), maps (by string; a missing key is nil) and strings (a byte).
/// Indexing nil gives nil, at the start or on the way (`index nil "a"`, `index (dict "a"
/// nil) "a" "b"`): Hugo's `doIndex` since 0.112 (issue 10489; checked with Hugo 0.168).
pub(super) fn index(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_at_least("index", args, 1)?;
    let keys: Vec<Value> = match &args[1..] {
        [Value::List(keys)] => keys.to_vec(),
        keys => keys.to_vec(),
    };
    let mut current = args[0].clone();
    for key in &keys {
        if matches!(current, Value::Nil) {
            break;
        }
        current = index_one(ctx, &current, key)?;
    }
    Ok(current)
}

fn index_one(ctx: &FuncContext, item: &Value, key: &Value) -> Result<Value, String> {
    // Hugo deviates from Go here: an index out of range gives nil, not an error (its
    // `doIndex`; checked with Hugo 0.168: `index (slice 1) 5` is nil).
    let position = |len: usize| -> Result<Option<usize>, String> {
        match key {
            Value::Int(i, _) if *i >= 0 && (*i as u64) < len as u64 => Ok(Some(*i as usize)),
            Value::Int(..) => Ok(None),
            Value::Nil => Err("cannot index slice/array with nil".into()),
            other => Err(format!(
                "cannot index slice/array with type {}",
                other.type_name()
            )),
        }
    };
    match item {
        Value::List(items) => Ok(position(items.len())?
            .map_or(Value::Nil, |at| items[at].clone())),
        Value::String(s) | Value::Safe(_, s) => Ok(position(s.len())?.map_or(Value::Nil, |at| {
            Value::Int(i64::from(s.as_bytes()[at]), IntType::Uint8)
        })),
        Value::Map(map) => match key {
            Value::String(k) | Value::Safe(_, k) => Ok(map
                .get(&**k)
                .or_else(|| {
                    // Hugo's params maps are case-insensitive.
                    map.iter()
                        .find(|(name, _)| name.eq_ignore_ascii_case(k))
                        .map(|(_, v)| v)
                })
                .cloned()
                .unwrap_or(Value::Nil)),
            Value::Nil => Ok(Value::Nil),
            other => Err(format!(
                "value has type {}; should be string",
                other.type_name()
            )),
        },
        Value::Object(object) => match key {
            Value::String(k) => Ok(ctx.member(object.as_ref(), k, &[])?.unwrap_or(Value::Nil)),
            _ => Err(format!("can't index item of type {}", object.type_name())),
        },
        other => Err(format!("can't index item of type {}", other.type_name())),
    }
}

/// Go's `evalArgs`: one string argument as it is, otherwise `fmt.Sprint` of them all.
fn eval_args(args: &[Value]) -> String {
    match args {
        [Value::String(s) | Value::Safe(_, s)] => s.to_string(),
        _ => super::fmt::sprint(args),
    }
}

/// Go's `html`: `template.HTMLEscapeString` of the arguments.
pub(super) fn html(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    Ok(Value::from(crate::rules::escape::template_html(
        &eval_args(args),
    )))
}

/// Go's `js`: `template.JSEscapeString` of the arguments.
pub(super) fn js(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    let s = eval_args(args);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '<' => out.push_str("\\u003C"),
            '>' => out.push_str("\\u003E"),
            '&' => out.push_str("\\u0026"),
            '=' => out.push_str("\\u003D"),
            c if (c as u32) < 0x20 || c.is_control() => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    Ok(Value::from(out))
}

/// Go's `urlquery`: `url.QueryEscape` of the arguments.
pub(super) fn urlquery(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    Ok(Value::from(crate::rules::escape::query(&eval_args(args))))
}

/// Go's `call`: templates here hold no function values, so nothing can be called.
pub(super) fn call(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    let what = args.first().map(Value::type_name).unwrap_or_default();
    Err(format!(
        "call is not supported in a preview: there are no function values to call (got {what})"
    ))
}
