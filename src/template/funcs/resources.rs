//! `resources.Get`, `resources.GetMatch`, `resources.Match` (Hugo's `tpl/resources`) over the
//! site's `assets/` (given as files; the page's host looks them up). A missing file is `nil`
//! (an empty list for `Match`), as in Hugo, with an info diagnostic naming it.

use super::cast::to_string;
use super::FuncContext;
use crate::diagnostic::Severity;
use crate::template::value::Value;

fn pattern_of(name: &str, args: &[Value]) -> Result<String, String> {
    if args.len() != 1 {
        return Err(format!(
            "wrong number of args for {name}: want 1 got {}",
            args.len()
        ));
    }
    to_string(&args[0])
}

/// What was not found, said as an info: Hugo gives `nil` silently, but in a preview a missing
/// asset is often a file the editor was not given.
fn not_found(ctx: &mut FuncContext, name: &str, pattern: &str) {
    ctx.problems.push((
        Severity::Info,
        format!("{name} {pattern:?}: no such file among the site's assets (assets/)"),
    ));
}

/// `resources.Get PATH`: the asset, or `nil`.
pub(super) fn get(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    let path = pattern_of("resources.Get", args)?;
    match ctx.host.asset(&path) {
        Some(resource) => Ok(resource),
        None => {
            not_found(ctx, "resources.Get", &path);
            Ok(Value::Nil)
        }
    }
}

/// `resources.GetMatch PATTERN`: the first asset the glob matches, or `nil`.
pub(super) fn get_match(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    let pattern = pattern_of("resources.GetMatch", args)?;
    match ctx.host.assets_matching(&pattern).into_iter().next() {
        Some(resource) => Ok(resource),
        None => {
            not_found(ctx, "resources.GetMatch", &pattern);
            Ok(Value::Nil)
        }
    }
}

/// `resources.Match PATTERN`: every asset the glob matches (maybe none).
pub(super) fn match_all(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    let pattern = pattern_of("resources.Match", args)?;
    let found = ctx.host.assets_matching(&pattern);
    if found.is_empty() {
        not_found(ctx, "resources.Match", &pattern);
    }
    Ok(Value::list(found)?)
}

/// `resources.GetRemote URL [OPTIONS]`: a preview calls no third party, so the fetch fails as
/// it does offline: an error (which `try` catches into `.Err`) that says why.
pub(super) fn get_remote(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    if args.is_empty() || args.len() > 2 {
        return Err(format!(
            "wrong number of args for GetRemote: want 1 or 2 got {}",
            args.len()
        ));
    }
    let url = to_string(&args[0])?;
    Err(format!(
        "failed to fetch remote resource from {url:?}: a \
         preview makes no network requests"
    ))
}

/// `resources.FromString NAME CONTENT`: a text resource named NAME.
pub(super) fn from_string(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    if args.len() != 2 {
        return Err(format!(
            "wrong number of args for FromString: want 2 got {}",
            args.len()
        ));
    }
    let name = to_string(&args[0])?;
    let content = to_string(&args[1])?;
    ctx.host
        .text_resource(&name, &content)
        .ok_or_else(|| "resources.FromString: no resources in this context".to_string())
}

/// `resources.Copy TARGET RESOURCE`: the resource, published at TARGET.
pub(super) fn copy(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    if args.len() != 2 {
        return Err(format!(
            "wrong number of args for Copy: want 2 got {}",
            args.len()
        ));
    }
    let target = to_string(&args[0])?;
    let copied = match &args[1] {
        Value::Object(object) => ctx.host.copy_resource(&target, object.as_ref()),
        _ => None,
    };
    copied.ok_or_else(|| {
        format!(
            "resources.Copy: {} is not a resource",
            args[1].type_name()
        )
    })
}
