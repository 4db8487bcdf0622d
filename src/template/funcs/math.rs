//! `add`, `sub`, `mul`, `div`, `mod`, `modBool` and `math.*` (Hugo's `tpl/math`).
//!
//! Arithmetic follows Hugo's `DoArithmetic`: two integers give an `int64` (`div 7 2` is 3;
//! `mod` too), or a `uint64` when one is unsigned (a YAML front matter's number),
//! an integer and a float give a float, `add` also joins two strings; anything else is
//! `can't apply the operator to the values`. Integer overflow wraps, as in Go.

use super::cast::to_float;
use super::{want_args, want_at_least, FuncContext};
use crate::template::value::{IntType, Value};

#[derive(Clone, Copy, PartialEq)]
enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

const CANNOT_APPLY: &str = "can't apply the operator to the values";

/// Hugo 0.168's `DoArithmetic` message for a zero divisor, integer or float.
const DIVIDE_BY_ZERO: &str = "can't divide the value by 0";

/// `DoArithmetic(a, b, '+')`, for `Scratch.Add` and `Store.Add`.
pub(crate) fn add_values(a: &Value, b: &Value) -> Result<Value, String> {
    apply(a, b, Op::Add)
}

fn apply(a: &Value, b: &Value, op: Op) -> Result<Value, String> {
    match (a, b) {
        (Value::Int(x, tx), Value::Int(y, ty)) => integer(*x, *tx, *y, *ty, op),
        (Value::Int(..) | Value::Float(_), Value::Int(..) | Value::Float(_)) => {
            let x = number(a);
            let y = number(b);
            match op {
                Op::Add => Ok(Value::Float(x + y)),
                Op::Sub => Ok(Value::Float(x - y)),
                Op::Mul => Ok(Value::Float(x * y)),
                Op::Div if y == 0.0 => Err(DIVIDE_BY_ZERO.into()),
                Op::Div => Ok(Value::Float(x / y)),
            }
        }
        (Value::String(x) | Value::Safe(_, x), Value::String(y) | Value::Safe(_, y))
            if op == Op::Add =>
        {
            Ok(Value::from(format!("{x}{y}")))
        }
        _ => Err(CANNOT_APPLY.into()),
    }
}

/// Two integers, as `DoArithmetic` does: signed ones give an `int64`; with an unsigned one
/// (`uint64`, `uint8`) the result is a `uint64` when the signed side is not negative, else an
/// `int64` of the unsigned side's bits. Overflow wraps, as in Go.
fn integer(x: i64, tx: IntType, y: i64, ty: IntType, op: Op) -> Result<Value, String> {
    let unsigned = match (tx.is_unsigned(), ty.is_unsigned()) {
        (false, false) => false,
        (true, true) => true,
        (true, false) => y >= 0,
        (false, true) => x >= 0,
    };
    if op == Op::Div && y == 0 {
        return Err(DIVIDE_BY_ZERO.into());
    }
    if unsigned {
        let (x, y) = (x as u64, y as u64);
        let result = match op {
            Op::Add => x.wrapping_add(y),
            Op::Sub => x.wrapping_sub(y),
            Op::Mul => x.wrapping_mul(y),
            Op::Div => x / y,
        };
        return Ok(Value::Int(result as i64, IntType::Uint64));
    }
    Ok(Value::int64(match op {
        Op::Add => x.wrapping_add(y),
        Op::Sub => x.wrapping_sub(y),
        Op::Mul => x.wrapping_mul(y),
        Op::Div => x.wrapping_div(y),
    }))
}

fn number(v: &Value) -> f64 {
    match v {
        Value::Int(i, ty) => ty.value_of(*i) as f64,
        Value::Float(f) => *f,
        _ => 0.0,
    }
}

/// Hugo's variadic arithmetic: `add 1 2 3` is `(1 + 2) + 3`.
fn arithmetic(name: &str, args: &[Value], op: Op) -> Result<Value, String> {
    want_at_least(name, args, 2)?;
    let mut result = args[0].clone();
    for b in &args[1..] {
        result = apply(&result, b, op)?;
    }
    Ok(result)
}

pub(super) fn add(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    arithmetic("add", args, Op::Add)
}

pub(super) fn sub(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    arithmetic("sub", args, Op::Sub)
}

pub(super) fn mul(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    arithmetic("mul", args, Op::Mul)
}

pub(super) fn div(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    arithmetic("div", args, Op::Div)
}

/// `mod A B`: integers only (cast's `ToInt64E`, so `"7"` and 7.9 count as integers).
fn modulo_of(args: &[Value]) -> Result<i64, String> {
    let a = super::cast::to_int(&args[0]);
    let b = super::cast::to_int(&args[1]);
    let (Ok(a), Ok(b)) = (a, b) else {
        return Err("modulo operator can't be used with non integer value".into());
    };
    if b == 0 {
        return Err("the number can't be divided by zero at modulo operation".into());
    }
    Ok(a.wrapping_rem(b))
}

pub(super) fn modulo(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("mod", args, 2)?;
    modulo_of(args).map(Value::int64)
}

pub(super) fn mod_bool(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("modBool", args, 2)?;
    modulo_of(args).map(|r| Value::Bool(r == 0))
}

fn one_number(name: &str, args: &[Value]) -> Result<f64, String> {
    want_args(name, args, 1)?;
    to_float(&args[0]).map_err(|_| format!("the {name} function requires a numeric argument"))
}

pub(super) fn abs(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    Ok(Value::Float(one_number("math.Abs", args)?.abs()))
}

pub(super) fn ceil(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    Ok(Value::Float(one_number("math.Ceil", args)?.ceil()))
}

pub(super) fn floor(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    Ok(Value::Float(one_number("math.Floor", args)?.floor()))
}

/// Go's `math.Round`: half away from zero, as Rust's `round`.
pub(super) fn round(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    Ok(Value::Float(one_number("math.Round", args)?.round()))
}

pub(super) fn sqrt(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    Ok(Value::Float(one_number("math.Sqrt", args)?.sqrt()))
}

pub(super) fn log(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    Ok(Value::Float(one_number("math.Log", args)?.ln()))
}

pub(super) fn pow(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("math.Pow", args, 2)?;
    let (Ok(a), Ok(b)) = (to_float(&args[0]), to_float(&args[1])) else {
        return Err("both arguments must be numbers".into());
    };
    Ok(Value::Float(a.powf(b)))
}

/// `math.Max` / `math.Min`: any count of numbers or lists of numbers, a float.
fn extreme(name: &str, args: &[Value], pick: fn(f64, f64) -> f64) -> Result<Value, String> {
    want_at_least(name, args, 1)?;
    let mut result: Option<f64> = None;
    let mut take = |v: &Value| -> Result<(), String> {
        let f =
            to_float(v).map_err(|_| format!("the {name} function requires numeric arguments"))?;
        result = Some(result.map_or(f, |r| pick(r, f)));
        Ok(())
    };
    for arg in args {
        match arg {
            Value::List(items) => items.iter().try_for_each(&mut take)?,
            other => take(other)?,
        }
    }
    result
        .map(Value::Float)
        .ok_or_else(|| format!("{name}: no numbers given"))
}

pub(super) fn max(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    extreme("math.Max", args, f64::max)
}

pub(super) fn min(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    extreme("math.Min", args, f64::min)
}

/// `math.Sum` / `math.Product`: like `math.Max`, a float (checked with Hugo 0.168: `math.Sum
/// 1 2` is the `float64` 3).
pub(super) fn sum(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    fold("math.Sum", args, 0.0, |a, b| a + b)
}

pub(super) fn product(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    fold("math.Product", args, 1.0, |a, b| a * b)
}

fn fold(name: &str, args: &[Value], start: f64, op: fn(f64, f64) -> f64) -> Result<Value, String> {
    want_at_least(name, args, 1)?;
    let mut result = start;
    let mut take = |v: &Value| -> Result<(), String> {
        let f =
            to_float(v).map_err(|_| format!("the {name} function requires numeric arguments"))?;
        result = op(result, f);
        Ok(())
    };
    for arg in args {
        match arg {
            Value::List(items) => items.iter().try_for_each(&mut take)?,
            other => take(other)?,
        }
    }
    Ok(Value::Float(result))
}

pub(super) fn pi(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("math.Pi", args, 0)?;
    Ok(Value::Float(std::f64::consts::PI))
}

pub(super) fn max_int64(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("math.MaxInt64", args, 0)?;
    Ok(Value::int64(i64::MAX))
}

/// The one-number functions of Go's `math` that Hugo exposes, each a float.
macro_rules! float_function {
    ($name:ident, $hugo:literal, $op:expr) => {
        pub(super) fn $name(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
            let op: fn(f64) -> f64 = $op;
            Ok(Value::Float(op(one_number($hugo, args)?)))
        }
    };
}

float_function!(sin, "math.Sin", f64::sin);
float_function!(cos, "math.Cos", f64::cos);
float_function!(tan, "math.Tan", f64::tan);
float_function!(asin, "math.Asin", f64::asin);
float_function!(acos, "math.Acos", f64::acos);
float_function!(atan, "math.Atan", f64::atan);
float_function!(to_degrees, "math.ToDegrees", f64::to_degrees);
float_function!(to_radians, "math.ToRadians", f64::to_radians);

pub(super) fn atan2(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("math.Atan2", args, 2)?;
    let (Ok(y), Ok(x)) = (to_float(&args[0]), to_float(&args[1])) else {
        return Err("the math.Atan2 function requires numeric arguments".into());
    };
    Ok(Value::Float(y.atan2(x)))
}
