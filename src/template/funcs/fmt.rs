//! `print`, `printf`, `println` (Go's `fmt.Sprint*`) and Hugo's `errorf`, `warnf`,
//! `erroridf`, `warnidf` (`tpl/fmt`).
//!
//! `printf` follows Go's `fmt` for the verbs templates use: `%v %s %q %d %b %o %x %X %c %U
//! %e %E %f %F %g %G %t %T %%`, the flags `+ - # 0` and space, width and precision (also
//! `*`), and Go's in-band errors (`%!d(string=x)`, `%!d(MISSING)`, `%!(EXTRA int=1)`).
//! Explicit argument indexes (`%[1]d`) are not supported (`%!v(BADINDEX)`).

use super::{want_at_least, FuncContext};
use crate::diagnostic::Severity;
use crate::rules::{float, quote};
use crate::template::value::{month_name, IntType, Value};

/// Go's `fmt.Sprint`: operands printed with `%v`, a space between two operands when
/// neither is a string.
pub(super) fn sprint(args: &[Value]) -> String {
    let mut out = String::new();
    for (i, arg) in args.iter().enumerate() {
        let is_string = |v: &Value| matches!(v, Value::String(_) | Value::Safe(..));
        if i > 0 && !is_string(arg) && !is_string(&args[i - 1]) {
            out.push(' ');
        }
        format_value(&mut out, arg, 'v', &Spec::default(), 0);
    }
    out
}

pub(super) fn print(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    Ok(Value::from(sprint(args)))
}

/// Go's `fmt.Sprintln`: spaces between all operands, and a newline.
pub(super) fn println(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    let mut out = String::new();
    for (i, arg) in args.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        format_value(&mut out, arg, 'v', &Spec::default(), 0);
    }
    out.push('\n');
    Ok(Value::from(out))
}

pub(super) fn printf(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_at_least("printf", args, 1)?;
    let format = super::cast::to_string(&args[0])?;
    Ok(Value::from(sprintf(&format, &args[1..])))
}

fn report(
    ctx: &mut FuncContext,
    name: &str,
    args: &[Value],
    severity: Severity,
    with_id: bool,
) -> Result<Value, String> {
    let skip = usize::from(with_id);
    want_at_least(name, args, 1 + skip)?;
    let format = super::cast::to_string(&args[skip])?;
    let mut message = sprintf(&format, &args[skip + 1..]);
    if with_id {
        // Hugo appends how to silence an id'd message (`ignoreLogs` in the site config).
        let id = super::cast::to_string(&args[0])?;
        message.push_str(&format!(
            "\nYou can suppress this {} by adding the following to your site configuration:\nignoreLogs = ['{id}']",
            if severity == Severity::Error { "error" } else { "warning" }
        ));
    }
    ctx.problems.push((severity, message));
    Ok(Value::from(""))
}

/// `errorf FORMAT ARGS…`: reports an error (Hugo fails the build) and prints nothing.
pub(super) fn errorf(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    report(ctx, "errorf", args, Severity::Error, false)
}

/// `erroridf ID FORMAT ARGS…`: an error the site may silence with `ignoreLogs`.
pub(super) fn erroridf(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    report(ctx, "erroridf", args, Severity::Error, true)
}

/// `warnf FORMAT ARGS…`: reports a warning and prints nothing.
pub(super) fn warnf(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    report(ctx, "warnf", args, Severity::Warning, false)
}

/// `warnidf ID FORMAT ARGS…`.
pub(super) fn warnidf(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    report(ctx, "warnidf", args, Severity::Warning, true)
}

/// Flags, width and precision of one `%` directive.
#[derive(Default, Clone)]
struct Spec {
    plus: bool,
    minus: bool,
    sharp: bool,
    zero: bool,
    space: bool,
    width: Option<usize>,
    precision: Option<usize>,
}

/// Largest width or precision accepted; Go's own limit (1e6) would let a template allocate
/// megabytes per directive.
const MAX_WIDTH: usize = 10_000;

/// Nesting depth at which lists and maps print as `...`.
const MAX_DEPTH: usize = 64;

/// Go's `fmt.Sprintf`.
pub(super) fn sprintf(format: &str, args: &[Value]) -> String {
    let mut out = String::with_capacity(format.len());
    let mut next = 0;
    let mut chars = format.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut spec = Spec::default();
        while let Some(&(_, f)) = chars.peek() {
            match f {
                '+' => spec.plus = true,
                '-' => spec.minus = true,
                '#' => spec.sharp = true,
                '0' => spec.zero = true,
                ' ' => spec.space = true,
                _ => break,
            }
            chars.next();
        }
        let mut bad_width = false;
        let mut bad_precision = false;
        // Width: digits or `*` (an int argument; negative means left-aligned).
        if chars.peek().map(|&(_, c)| c) == Some('*') {
            chars.next();
            match args.get(next) {
                Some(Value::Int(w, _)) => {
                    if *w < 0 {
                        spec.minus = true;
                    }
                    spec.width = Some((w.unsigned_abs() as usize).min(MAX_WIDTH));
                }
                _ => bad_width = true,
            }
            next += 1;
        } else {
            spec.width = read_number(&mut chars);
        }
        if chars.peek().map(|&(_, c)| c) == Some('.') {
            chars.next();
            if chars.peek().map(|&(_, c)| c) == Some('*') {
                chars.next();
                match args.get(next) {
                    Some(Value::Int(p, _)) if *p >= 0 => {
                        spec.precision = Some((*p as usize).min(MAX_WIDTH))
                    }
                    _ => bad_precision = true,
                }
                next += 1;
            } else {
                spec.precision = Some(read_number(&mut chars).unwrap_or(0));
            }
        }
        if bad_width {
            out.push_str("%!(BADWIDTH)");
        }
        if bad_precision {
            out.push_str("%!(BADPREC)");
        }
        let Some((_, verb)) = chars.next() else {
            out.push_str("%!(NOVERB)");
            break;
        };
        if verb == '%' {
            out.push('%');
            continue;
        }
        if verb == '[' {
            out.push_str("%!v(BADINDEX)");
            continue;
        }
        let Some(arg) = args.get(next) else {
            out.push_str(&format!("%!{verb}(MISSING)"));
            continue;
        };
        next += 1;
        format_value(&mut out, arg, verb, &spec, 0);
    }
    if next < args.len() {
        out.push_str("%!(EXTRA ");
        for (i, arg) in args[next..].iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&arg.type_name());
            out.push('=');
            format_value(&mut out, arg, 'v', &Spec::default(), 0);
        }
        out.push(')');
    }
    out
}

fn read_number(chars: &mut std::iter::Peekable<std::str::CharIndices>) -> Option<usize> {
    let mut n: Option<usize> = None;
    while let Some(&(_, c)) = chars.peek() {
        let Some(d) = c.to_digit(10) else { break };
        n = Some((n.unwrap_or(0) * 10 + d as usize).min(MAX_WIDTH));
        chars.next();
    }
    n
}

/// Formats one operand with one verb, as Go's `printArg` / `printValue`.
fn format_value(out: &mut String, value: &Value, verb: char, spec: &Spec, depth: usize) {
    if verb == 'T' {
        pad(out, &value.type_name(), spec, false);
        return;
    }
    match value {
        Value::Nil => match verb {
            'v' => pad(out, "<nil>", spec, false),
            _ => bad_verb(out, value, verb),
        },
        Value::Bool(b) => match verb {
            'v' | 't' => pad(out, if *b { "true" } else { "false" }, spec, false),
            _ => bad_verb(out, value, verb),
        },
        // A `fmt.Stringer`: these verbs print its `String()` (Go's `handleMethods`).
        Value::Int(i, IntType::Month)
            if matches!(verb, 's' | 'x' | 'X' | 'q') || (verb == 'v' && !spec.sharp) =>
        {
            format_string(out, &month_name(*i), verb, spec, value)
        }
        Value::Int(i, ty) => format_int(out, ty.value_of(*i), verb, spec, value),
        Value::Float(f) => format_float(out, *f, verb, spec, value),
        Value::String(s) | Value::Safe(_, s) => format_string(out, s, verb, spec, value),
        Value::List(items) => {
            if depth > MAX_DEPTH {
                out.push_str("...");
                return;
            }
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                format_value(out, item, verb, spec, depth + 1);
            }
            out.push(']');
        }
        Value::Map(map) => {
            if depth > MAX_DEPTH {
                out.push_str("...");
                return;
            }
            out.push_str("map[");
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                format_string(out, key, verb, spec, &Value::from(key.as_str()));
                out.push(':');
                format_value(out, item, verb, spec, depth + 1);
            }
            out.push(']');
        }
        // `hugo.Version` is a Go string type: every string verb applies.
        Value::Object(object) if object.type_name() == super::compare::VERSION_STRING_TYPE => {
            format_string(out, &object.display(), verb, spec, value)
        }
        Value::Object(object) => match verb {
            'v' | 's' => pad(out, &object.display(), spec, false),
            _ => bad_verb(out, value, verb),
        },
    }
}

/// Go's `%!verb(type=value)`.
fn bad_verb(out: &mut String, value: &Value, verb: char) {
    out.push_str("%!");
    out.push(verb);
    out.push('(');
    match value {
        Value::Nil => out.push_str("<nil>"),
        _ => {
            out.push_str(&value.type_name());
            out.push('=');
            format_value(out, value, 'v', &Spec::default(), 0);
        }
    }
    out.push(')');
}

/// Pads to the width: spaces (left or right), or zeros after the sign for numbers.
fn pad(out: &mut String, text: &str, spec: &Spec, numeric: bool) {
    let len = text.chars().count();
    let width = spec.width.unwrap_or(0);
    if len >= width {
        out.push_str(text);
        return;
    }
    let fill = width - len;
    if spec.minus {
        out.push_str(text);
        out.extend(std::iter::repeat(' ').take(fill));
    } else if spec.zero {
        let (sign, rest) = if numeric && text.starts_with(['+', '-', ' ']) {
            text.split_at(1)
        } else {
            ("", text)
        };
        out.push_str(sign);
        out.extend(std::iter::repeat('0').take(fill));
        out.push_str(rest);
    } else {
        out.extend(std::iter::repeat(' ').take(fill));
        out.push_str(text);
    }
}

fn sign_prefix(negative: bool, spec: &Spec) -> &'static str {
    if negative {
        "-"
    } else if spec.plus {
        "+"
    } else if spec.space {
        " "
    } else {
        ""
    }
}

fn format_int(out: &mut String, i: i128, verb: char, spec: &Spec, value: &Value) {
    let magnitude = i.unsigned_abs();
    let (digits, prefix) = match verb {
        'v' | 'd' => (magnitude.to_string(), ""),
        'b' => (format!("{magnitude:b}"), "0b"),
        'o' | 'O' => (format!("{magnitude:o}"), "0"),
        'x' => (format!("{magnitude:x}"), "0x"),
        'X' => (format!("{magnitude:X}"), "0X"),
        'c' => {
            let c = u32::try_from(i)
                .ok()
                .and_then(char::from_u32)
                .unwrap_or('\u{FFFD}');
            pad(out, &c.to_string(), spec, false);
            return;
        }
        'q' => {
            let c = u32::try_from(i)
                .ok()
                .and_then(char::from_u32)
                .unwrap_or('\u{FFFD}');
            pad(out, &format!("'{}'", c.escape_debug()), spec, false);
            return;
        }
        'U' => {
            pad(out, &format!("U+{magnitude:04X}"), spec, false);
            return;
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 's' | 't' => {
            bad_verb(out, value, verb);
            return;
        }
        _ => {
            bad_verb(out, value, verb);
            return;
        }
    };
    let mut digits = digits;
    if let Some(p) = spec.precision {
        if p == 0 && i == 0 {
            digits.clear();
        } else if digits.len() < p {
            digits = format!("{}{digits}", "0".repeat(p - digits.len()));
        }
    }
    let mut text = String::from(sign_prefix(i < 0, spec));
    if verb == 'O' || (spec.sharp && verb != 'v' && verb != 'd') {
        let prefix = if verb == 'O' { "0o" } else { prefix };
        if !(verb == 'o' && digits.starts_with('0')) {
            text.push_str(prefix);
        }
    }
    text.push_str(&digits);
    // Go ignores the 0 flag when a precision is given for integers.
    let spec = if spec.precision.is_some() {
        Spec {
            zero: false,
            ..spec.clone()
        }
    } else {
        spec.clone()
    };
    pad(out, &text, &spec, true);
}

fn format_float(out: &mut String, f: f64, verb: char, spec: &Spec, value: &Value) {
    let body = match verb {
        'v' | 'g' | 'G' => {
            let s = float::format_g(f, spec.precision, spec.sharp);
            if verb == 'G' {
                s.to_uppercase()
            } else {
                s
            }
        }
        'e' | 'E' => {
            let s = float::format_e(f, spec.precision.unwrap_or(6));
            if verb == 'E' {
                s.to_uppercase()
            } else {
                s
            }
        }
        'f' | 'F' => float::format_f(f, spec.precision.unwrap_or(6)),
        'x' | 'X' => float::format_x(f, spec.precision, verb == 'X'),
        _ => {
            bad_verb(out, value, verb);
            return;
        }
    };
    let body = if f.is_nan() {
        "NaN".to_string()
    } else if f.is_infinite() {
        if f > 0.0 { "+Inf" } else { "-Inf" }.to_string()
    } else {
        body
    };
    let mut text = String::new();
    if !body.starts_with(['-', '+']) {
        text.push_str(sign_prefix(false, spec));
    }
    text.push_str(&body);
    if f.is_nan() || f.is_infinite() {
        // Go never pads infinities and NaN with zeros.
        let spec = Spec {
            zero: false,
            ..spec.clone()
        };
        // `+Inf` keeps its sign only with the `+` flag.
        let text = if f.is_infinite() && f > 0.0 && !spec.plus {
            text.trim_start_matches('+').to_string()
        } else {
            text
        };
        pad(out, &text, &spec, true);
        return;
    }
    pad(out, &text, spec, true);
}

fn format_string(out: &mut String, s: &str, verb: char, spec: &Spec, value: &Value) {
    let truncated: String;
    let s = match spec.precision {
        Some(p) if matches!(verb, 'v' | 's' | 'q') => {
            truncated = s.chars().take(p).collect();
            &truncated
        }
        _ => s,
    };
    match verb {
        'v' | 's' => pad(out, s, spec, false),
        'q' => pad(
            out,
            &if spec.plus {
                quote::quote_ascii(s)
            } else {
                quote::quote(s)
            },
            spec,
            false,
        ),
        'x' | 'X' => {
            let mut hex = String::new();
            for (i, b) in s.bytes().enumerate() {
                if spec.space && i > 0 {
                    hex.push(' ');
                }
                if spec.sharp && (spec.space || i == 0) {
                    hex.push_str(if verb == 'x' { "0x" } else { "0X" });
                }
                if verb == 'x' {
                    hex.push_str(&format!("{b:02x}"));
                } else {
                    hex.push_str(&format!("{b:02X}"));
                }
            }
            pad(out, &hex, spec, false);
        }
        _ => bad_verb(out, value, verb),
    }
}
