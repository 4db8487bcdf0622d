//! `eq`, `ne`, `lt`, `le`, `gt`, `ge`, `default`, `cond` (Hugo's `tpl/compare`, which
//! replaces Go's builtin comparisons).

use super::{want_args, want_at_least, FuncContext};
use crate::template::value::{Arity, Object, Value};
use std::cmp::Ordering;

/// The Go type of `hugo.Version` as `printf "%T"` prints it in Hugo 0.168 (it moved from
/// `hugo` to `common/version`).
pub(crate) const VERSION_STRING_TYPE: &str = "version.VersionString";

/// Hugo's `version.VersionString` (what `hugo.Version` returns): prints as the version, and
/// compares with `eq`, `lt`, `ge`… as a version (`ge hugo.Version "0.93"` is true for
/// 0.111.3, where comparing strings would say false). Hugo's `compare.Comparer` and `Eqer`.
pub struct VersionString(pub &'static str);

impl Object for VersionString {
    fn type_name(&self) -> &str {
        VERSION_STRING_TYPE
    }

    /// `Compare OTHER`: 1 when OTHER is the later version, -1 when it is the earlier one, 0
    /// when they are the same (Hugo's `compareVersions`; checked with Hugo 0.168:
    /// `hugo.Version.Compare "0.140.0"` is -1).
    fn get(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String> {
        match name {
            "Compare" => {
                want_args(name, args, 1)?;
                let this = Value::Object(std::rc::Rc::new(VersionString(self.0)));
                let order = version_order(&args[0], &this).ok_or_else(|| {
                    format!("cannot compare {} with a version", args[0].to_go_string())
                })?;
                Ok(Some(Value::int(order as i64)))
            }
            _ => Ok(None),
        }
    }

    fn arity(&self, name: &str) -> Arity {
        match name {
            "Compare" => Arity::Fixed(1),
            _ => Arity::Fixed(0),
        }
    }

    fn display(&self) -> String {
        self.0.to_owned()
    }
}

/// A version as Hugo's `compareVersions` reads it: `MAJOR.MINOR[.PATCH][-SUFFIX]`, a
/// suffix (`-DEV`) sorting before the release. `None` when it is not a version.
fn parse_version(text: &str) -> Option<(u64, u64, u64, bool)> {
    let text = text.trim().trim_start_matches('v');
    let (numbers, suffix) = match text.split_once('-') {
        Some((numbers, suffix)) => (numbers, !suffix.is_empty()),
        None => (text, false),
    };
    let mut parts = numbers.split('.');
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next().map_or(Some(0), |p| p.parse().ok())?;
    let patch = parts.next().map_or(Some(0), |p| p.parse().ok())?;
    if parts.next().is_some() {
        return None;
    }
    Some((major, minor, patch, !suffix))
}

/// How a `version.VersionString` compares with `other` (a version string or a number), if
/// either side is one.
fn version_order(a: &Value, b: &Value) -> Option<Ordering> {
    let as_version = |value: &Value| match value {
        Value::Object(object) if object.type_name() == VERSION_STRING_TYPE => {
            Some((true, object.display()))
        }
        Value::String(s) | Value::Safe(_, s) => Some((false, s.to_string())),
        Value::Int(i, _) => Some((false, i.to_string())),
        Value::Float(f) => Some((false, crate::rules::float::shortest_decimal(*f))),
        _ => None,
    };
    let (a_is, a_text) = as_version(a)?;
    let (b_is, b_text) = as_version(b)?;
    if !(a_is || b_is) {
        return None;
    }
    Some(parse_version(&a_text)?.cmp(&parse_version(&b_text)?))
}

/// Hugo's `compare.Eq` normalisation: every string kind (`template.HTML` too) compares as a
/// plain string.
fn normalize(value: &Value) -> Value {
    match value {
        Value::Safe(_, s) => Value::String(s.clone()),
        other => other.clone(),
    }
}

/// The exact order of two numbers, int or float, by their mathematical values: Hugo 0.168
/// compares `eq 1 1.0` as equal and `lt 9007199254740992.0 9007199254740993` as true, where
/// a conversion of both sides to float64 would call them equal (Hugo 0.166 and earlier said
/// `eq 1 1.0` is false). `None` when either is not a number, or is NaN, which equals nothing.
pub(crate) fn number_order(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Int(x, tx), Value::Int(y, ty)) => Some(tx.value_of(*x).cmp(&ty.value_of(*y))),
        (Value::Float(x), Value::Float(y)) => x.partial_cmp(y),
        (Value::Int(x, _), Value::Float(y)) => int_float_order(*x, *y),
        (Value::Float(x), Value::Int(y, _)) => int_float_order(*y, *x).map(Ordering::reverse),
        _ => None,
    }
}

/// `int` against `float` without rounding the int: the float's integral part is compared
/// as an integer, its fraction breaks a tie.
fn int_float_order(int: i64, float: f64) -> Option<Ordering> {
    if float.is_nan() {
        return None;
    }
    // 2^63 is the first float above every i64; -2^63 is i64::MIN itself.
    if float >= 9_223_372_036_854_775_808.0 {
        return Some(Ordering::Less);
    }
    if float < -9_223_372_036_854_775_808.0 {
        return Some(Ordering::Greater);
    }
    let whole = float.trunc();
    Some(int.cmp(&(whole as i64)).then_with(|| {
        let fraction = float - whole;
        0.0_f64.partial_cmp(&fraction).unwrap_or(Ordering::Equal)
    }))
}

/// Hugo's equality of two values: numbers by value across int and float, other values
/// deeply (a list of ints never equals a list of floats, as in Hugo's `reflect.DeepEqual`).
pub(super) fn equal(a: &Value, b: &Value) -> bool {
    // `VersionString.Eq`: the other side cast to a string equals the version as written, so
    // `eq hugo.Version "0.168"` is false for 0.168.0 (checked with Hugo 0.168).
    let is_version =
        |v: &Value| matches!(v, Value::Object(o) if o.type_name() == VERSION_STRING_TYPE);
    if is_version(a) || is_version(b) {
        let (version, other) = if is_version(a) { (a, b) } else { (b, a) };
        return super::cast::to_string(other).is_ok_and(|text| text == version.to_go_string());
    }
    if matches!(a, Value::Int(..) | Value::Float(_))
        && matches!(b, Value::Int(..) | Value::Float(_))
    {
        return number_order(a, b) == Some(Ordering::Equal);
    }
    normalize(a) == normalize(b)
}

fn missing_arguments(args: &[Value]) -> Result<(), String> {
    if args.len() < 2 {
        Err("missing arguments for comparison".into())
    } else {
        Ok(())
    }
}

/// `eq a b c…`: a equals any of the others.
pub(super) fn eq(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    missing_arguments(args)?;
    Ok(Value::Bool(args[1..].iter().any(|b| equal(&args[0], b))))
}

/// `ne a b c…`: a equals none of the others.
pub(super) fn ne(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    missing_arguments(args)?;
    Ok(Value::Bool(!args[1..].iter().any(|b| equal(&args[0], b))))
}

/// One side of Hugo's `compareGet`: numbers as floats, strings parsed as numbers when they
/// are, lists and maps by their length, booleans as 0 and 1, anything else 0.
fn compare_side(value: &Value) -> (f64, Option<&str>) {
    match value {
        Value::Int(i, ty) => (ty.value_of(*i) as f64, None),
        Value::Float(f) => (*f, None),
        Value::Bool(b) => (if *b { 1.0 } else { 0.0 }, None),
        Value::List(items) => (items.len() as f64, None),
        Value::Map(map) => (map.len() as f64, None),
        Value::String(s) | Value::Safe(_, s) => match super::cast::parse_go_float(s) {
            Some(f) if f.is_finite() => (f, None),
            _ => (0.0, Some(s)),
        },
        Value::Nil | Value::Object(_) => (0.0, None),
    }
}

/// Hugo's `compareGet`: two plain strings compare as strings (even numeric ones: `lt "10"
/// "9"` is true in Hugo 0.168), two numbers by value; otherwise both sides become numbers,
/// a string parsed as one when it is one (two non-numeric strings still compare as strings)
/// and a non-numeric string counting as 0 (so `lt "abc" 1` is true, as in Hugo). `None`
/// for NaN, which is neither less, equal nor greater.
pub(super) fn compare_values(a: &Value, b: &Value) -> Option<Ordering> {
    if let Some(order) = version_order(a, b) {
        return Some(order);
    }
    match (a, b) {
        (Value::String(l), Value::String(r)) => return Some(l.cmp(r)),
        (Value::Int(..) | Value::Float(_), Value::Int(..) | Value::Float(_)) => {
            return number_order(a, b)
        }
        _ => {}
    }
    let (left, left_str) = compare_side(a);
    let (right, right_str) = compare_side(b);
    if let (Some(l), Some(r)) = (left_str, right_str) {
        return Some(l.cmp(r));
    }
    left.partial_cmp(&right)
}

/// [`compare_values`] for sorting, NaN sorting as equal.
pub(super) fn compare(a: &Value, b: &Value) -> Ordering {
    compare_values(a, b).unwrap_or(Ordering::Equal)
}

/// `lt`, `le`, `gt`, `ge`: the first argument against every other one; NaN compares false.
fn ordered(args: &[Value], accept: fn(Ordering) -> bool) -> Result<Value, String> {
    missing_arguments(args)?;
    let all = args[1..]
        .iter()
        .all(|b| compare_values(&args[0], b).is_some_and(accept));
    Ok(Value::Bool(all))
}

pub(super) fn lt(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    ordered(args, Ordering::is_lt)
}

pub(super) fn le(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    ordered(args, Ordering::is_le)
}

pub(super) fn gt(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    ordered(args, Ordering::is_gt)
}

pub(super) fn ge(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    ordered(args, Ordering::is_ge)
}

/// Hugo's `default DEFAULT GIVEN`: GIVEN unless it is "unset": nil, a zero number, an empty
/// string, list or map. `false` counts as set (Hugo's rule: any boolean is set). Without
/// GIVEN (a missing key piped in by some Go versions), DEFAULT.
pub(super) fn default(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_at_least("default", args, 1)?;
    if args.len() > 2 {
        return Err(format!(
            "wrong number of args for default: want 2 got {}",
            args.len()
        ));
    }
    let Some(given) = args.get(1) else {
        return Ok(args[0].clone());
    };
    let set = match given {
        Value::Nil => false,
        Value::Bool(_) | Value::Object(_) => true,
        Value::Int(i, _) => *i != 0,
        Value::Float(f) => *f != 0.0,
        Value::String(s) | Value::Safe(_, s) => !s.is_empty(),
        Value::List(items) => !items.is_empty(),
        Value::Map(map) => !map.is_empty(),
    };
    Ok(if set { given.clone() } else { args[0].clone() })
}

/// `cond CONTROL A B`: A when CONTROL is true (by Go's truth), else B. Both are evaluated, as
/// in Hugo.
pub(super) fn conditional(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("cond", args, 3)?;
    Ok(if args[0].truthy() {
        args[1].clone()
    } else {
        args[2].clone()
    })
}
