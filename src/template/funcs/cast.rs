//! `int`, `float`, `string` (Hugo's `tpl/cast`), `reflect.IsMap`, `reflect.IsSlice`, and the
//! conversions the other functions share: spf13/cast's `ToStringE`, `ToIntE`, `ToFloat64E`,
//! which is what Hugo uses wherever a function takes "something like a string" or "something
//! like a number".

use super::{want_args, FuncContext};
use crate::template::value::{month_name, IntType, Value};

/// cast's error for a value it cannot convert (`%#v` simplified to `%v`).
pub(super) fn cannot_cast(value: &Value, to: &str) -> String {
    let shown = match value {
        Value::String(s) | Value::Safe(_, s) => format!("{s:?}"),
        other => other.to_go_string(),
    };
    format!(
        "unable to cast {shown} of type {} to {to}",
        value.type_name()
    )
}

/// `cast.ToStringE`: strings (safe ones too), numbers, booleans; nil is the empty string.
pub fn to_string(value: &Value) -> Result<String, String> {
    match value {
        Value::String(s) | Value::Safe(_, s) => Ok(s.to_string()),
        // `time.Month` is a `fmt.Stringer`.
        Value::Int(i, IntType::Month) => Ok(month_name(*i)),
        Value::Int(i, ty) => Ok(ty.value_of(*i).to_string()),
        Value::Float(f) => Ok(crate::rules::float::shortest_decimal(*f)),
        Value::Bool(b) => Ok(b.to_string()),
        Value::Nil => Ok(String::new()),
        // `version.VersionString` is a Go string type.
        Value::Object(object) if object.type_name() == super::compare::VERSION_STRING_TYPE => {
            Ok(object.display())
        }
        other => Err(cannot_cast(other, "string")),
    }
}

/// `cast.ToIntE`: floats are truncated, strings parsed as Go integer literals (`0x11`,
/// `0b11`, and a leading `0` means octal, so `"08"` is an error, as in Hugo), `"5.0"` is 5.
pub(super) fn to_int(value: &Value) -> Result<i64, String> {
    match value {
        Value::Int(i, _) => Ok(*i),
        Value::Float(f) if f.is_finite() => Ok(f.trunc() as i64),
        Value::Bool(b) => Ok(i64::from(*b)),
        Value::Nil => Ok(0),
        Value::String(s) | Value::Safe(_, s) => {
            crate::rules::cast::parse_int(s).ok_or_else(|| cannot_cast(value, "int"))
        }
        other => Err(cannot_cast(other, "int")),
    }
}

/// `cast.ToFloat64E`: integers widened, strings parsed with Go's `ParseFloat`.
pub(super) fn to_float(value: &Value) -> Result<f64, String> {
    match value {
        Value::Int(i, ty) => Ok(ty.value_of(*i) as f64),
        Value::Float(f) => Ok(*f),
        Value::Bool(b) => Ok(if *b { 1.0 } else { 0.0 }),
        Value::Nil => Ok(0.0),
        Value::String(s) | Value::Safe(_, s) => {
            parse_go_float(s).ok_or_else(|| cannot_cast(value, "float64"))
        }
        other => Err(cannot_cast(other, "float64")),
    }
}

/// Go's `strconv.ParseFloat(s, 64)` for the forms templates meet: decimal and exponent
/// notation, `Inf`, `NaN` (hexadecimal floats are not accepted).
pub(super) fn parse_go_float(s: &str) -> Option<f64> {
    if s.is_empty() || s.contains(char::is_whitespace) {
        return None;
    }
    let cleaned;
    let text = if s.contains('_') {
        cleaned = s.replace('_', "");
        &cleaned
    } else {
        s
    };
    text.parse::<f64>().ok()
}

/// Hugo's `cast.ToInt` / `int`.
pub(super) fn to_int_func(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("int", args, 1)?;
    to_int(&args[0]).map(Value::int)
}

/// Hugo's `cast.ToFloat` / `float`.
pub(super) fn to_float_func(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("float", args, 1)?;
    to_float(&args[0]).map(Value::Float)
}

/// Hugo's `cast.ToString` / `string`: safe strings lose their mark.
pub(super) fn to_string_func(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("string", args, 1)?;
    to_string(&args[0]).map(Value::from)
}

/// `reflect.IsMap VALUE`: whether VALUE is a map (a dict, front matter or site params).
pub(super) fn is_map(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("reflect.IsMap", args, 1)?;
    Ok(Value::Bool(matches!(args[0], Value::Map(_))))
}

/// `reflect.IsSlice VALUE`: whether VALUE is a slice (a list).
pub(super) fn is_slice(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("reflect.IsSlice", args, 1)?;
    Ok(Value::Bool(matches!(args[0], Value::List(_))))
}

/// `reflect.IsPage`, `reflect.IsSite`, `reflect.IsResource`, `reflect.IsImageResource` (and
/// `…WithMeta`, `…Processable`): what kind of Hugo object VALUE is. A resource is an object with a `ResourceType` (what the
/// site's resources answer), or a page, which is a resource in Hugo (checked with Hugo 0.168:
/// `reflect.IsResource .Page` is true); an image resource's type is `image`.
pub(super) fn is_page(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("reflect.IsPage", args, 1)?;
    Ok(Value::Bool(
        matches!(&args[0], Value::Object(o) if o.type_name() == "page.Page"),
    ))
}

pub(super) fn is_site(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("reflect.IsSite", args, 1)?;
    Ok(Value::Bool(
        matches!(&args[0], Value::Object(o) if o.type_name() == "page.Site"),
    ))
}

fn resource_type(ctx: &FuncContext, value: &Value) -> Option<String> {
    let Value::Object(object) = value else {
        return None;
    };
    if object.type_name() == "page.Page" {
        return Some("page".into());
    }
    ctx.member(object.as_ref(), "ResourceType", &[])
        .ok()
        .flatten()
        .map(|t| t.to_go_string())
}

pub(super) fn is_resource(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("reflect.IsResource", args, 1)?;
    Ok(Value::Bool(resource_type(ctx, &args[0]).is_some()))
}

pub(super) fn is_image_resource(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("reflect.IsImageResource", args, 1)?;
    Ok(Value::Bool(image_support(ctx, &args[0]) > ImageSupport::None))
}

/// `reflect.IsImageResourceWithMeta`: an image whose size and metadata Hugo reads.
pub(super) fn is_image_resource_with_meta(
    ctx: &mut FuncContext,
    args: &[Value],
) -> Result<Value, String> {
    want_args("reflect.IsImageResourceWithMeta", args, 1)?;
    Ok(Value::Bool(image_support(ctx, &args[0]) >= ImageSupport::MetaOnly))
}

/// `reflect.IsImageResourceProcessable`: an image Hugo can resize, crop and convert.
pub(super) fn is_image_resource_processable(
    ctx: &mut FuncContext,
    args: &[Value],
) -> Result<Value, String> {
    want_args("reflect.IsImageResourceProcessable", args, 1)?;
    Ok(Value::Bool(image_support(ctx, &args[0]) >= ImageSupport::Processable))
}

/// Hugo's `images.ImageResourceType`, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum ImageSupport {
    /// Not an image.
    None,
    /// An image Hugo does nothing with (SVG).
    Basic,
    /// Width, height and metadata only (HEIF, HEIC).
    MetaOnly,
    /// Every image operation.
    Processable,
}

/// Hugo's `resources.ResolveImageOpsSupport`: from the resource's media type, the subtypes
/// of `resources/images/config.go` (checked with Hugo 0.168: PNG, JPEG, GIF, WebP, BMP,
/// TIFF and AVIF are processable, HEIC meta-only, SVG neither, a page and text not images).
fn image_support(ctx: &FuncContext, value: &Value) -> ImageSupport {
    if resource_type(ctx, value).as_deref() != Some("image") {
        return ImageSupport::None;
    }
    let Value::Object(object) = value else {
        return ImageSupport::None;
    };
    let media_type = ctx
        .member(object.as_ref(), "MediaType", &[])
        .ok()
        .flatten()
        .unwrap_or_default();
    match super::lookup_path_text(&media_type, "SubType").as_str() {
        "jpeg" | "png" | "tiff" | "bmp" | "gif" | "webp" | "avif" => ImageSupport::Processable,
        "heif" | "heic" => ImageSupport::MetaOnly,
        _ => ImageSupport::Basic,
    }
}
