//! `resources.Get`, `resources.GetMatch`, `resources.Match` (Hugo's `tpl/resources`): a
//! preview has the post and the site's templates, not its `assets/` folder, so every lookup
//! finds nothing, as Hugo's does for a missing file (`nil`, or an empty list for `Match`).
//! Templates written for that case (`{{ with resources.Get "x.json" }}`) then render the
//! rest; an info diagnostic says why the asset is missing.

use super::cast::to_string;
use super::FuncContext;
use crate::diagnostic::Severity;
use crate::template::value::Value;

fn not_available(ctx: &mut FuncContext, name: &str, args: &[Value]) -> Result<(), String> {
    if args.len() != 1 {
        return Err(format!(
            "wrong number of args for {name}: want 1 got {}",
            args.len()
        ));
    }
    let pattern = to_string(&args[0])?;
    ctx.problems.push((
        Severity::Info,
        format!("{name} {pattern:?}: the preview has no site assets, so nothing is found"),
    ));
    Ok(())
}

/// `resources.Get PATH` and `resources.GetMatch PATTERN`: `nil`.
pub(super) fn get(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    not_available(ctx, "resources.Get", args)?;
    Ok(Value::Nil)
}

pub(super) fn get_match(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    not_available(ctx, "resources.GetMatch", args)?;
    Ok(Value::Nil)
}

/// `resources.Match PATTERN`: an empty list.
pub(super) fn match_all(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    not_available(ctx, "resources.Match", args)?;
    Ok(Value::list(Vec::new())?)
}
