//! `print`, `printf`, `println` (Go's `fmt.Sprint*`) and Hugo's `errorf`, `warnf`,
//! `erroridf`, `warnidf` (`tpl/fmt`).
//!
//! `printf` follows Go's `fmt` for the verbs templates use: `%v %s %q %d %b %o %x %X %c %U
//! %e %E %f %F %g %G %t %T %%`, the flags `+ - # 0` and space, width and precision (also
//! `*`), and Go's in-band errors (`%!d(string=x)`, `%!d(MISSING)`, `%!(EXTRA int=1)`).
//! Explicit argument indexes (`%[1]d`) are not supported (`%!v(BADINDEX)`).

use super::{want_at_least, FuncContext};
use crate::diagnostic::Severity;
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

/// Go's `%x` of a float (`strconv.FormatFloat(f, 'x', prec, 64)`): `0x1.8p+01` for 3, the
/// shortest exact mantissa without a precision, else rounded (half to even) to `prec` hex
/// digits; the exponent has at least two digits.
fn go_float_x(f: f64, precision: Option<usize>, upper: bool) -> String {
    const MANT_BITS: u32 = 52;
    let bits = f.to_bits();
    let neg = bits >> 63 != 0;
    let mut exp = ((bits >> MANT_BITS) & 0x7ff) as i64;
    let mut mant = bits & ((1 << MANT_BITS) - 1);
    if exp == 0 {
        exp += 1; // subnormal
    } else {
        mant |= 1 << MANT_BITS;
    }
    exp -= 1023;
    if mant == 0 {
        exp = 0;
    }
    // The leading 1 (if any) at bit 60.
    mant <<= 60 - MANT_BITS;
    while mant != 0 && mant & (1 << 60) == 0 {
        mant <<= 1;
        exp -= 1;
    }
    let prec = precision.map(|p| p.min(MAX_WIDTH));
    if let Some(p) = prec.filter(|&p| p < 15) {
        let shift = (p * 4) as u32;
        let extra = (mant << shift) & ((1 << 60) - 1);
        mant >>= 60 - shift;
        if extra | (mant & 1) > 1 << 59 {
            mant += 1;
        }
        mant <<= 60 - shift;
        if mant & (1 << 61) != 0 {
            mant >>= 1;
            exp += 1;
        }
    }
    let digits: &[u8; 16] = if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    out.push('0');
    out.push(if upper { 'X' } else { 'x' });
    out.push(if (mant >> 60) & 1 == 1 { '1' } else { '0' });
    mant <<= 4;
    match prec {
        None if mant != 0 => {
            out.push('.');
            while mant != 0 {
                out.push(digits[((mant >> 60) & 15) as usize] as char);
                mant <<= 4;
            }
        }
        Some(p) if p > 0 => {
            out.push('.');
            for _ in 0..p {
                out.push(digits[((mant >> 60) & 15) as usize] as char);
                mant <<= 4;
            }
        }
        _ => {}
    }
    out.push(if upper { 'P' } else { 'p' });
    out.push(if exp < 0 { '-' } else { '+' });
    out.push_str(&format!("{:02}", exp.unsigned_abs()));
    out
}

fn format_float(out: &mut String, f: f64, verb: char, spec: &Spec, value: &Value) {
    let body = match verb {
        'v' | 'g' | 'G' => {
            let s = go_float_g(f, spec.precision, spec.sharp);
            if verb == 'G' {
                s.to_uppercase()
            } else {
                s
            }
        }
        'e' | 'E' => {
            let s = go_float_e(f, spec.precision.unwrap_or(6));
            if verb == 'E' {
                s.to_uppercase()
            } else {
                s
            }
        }
        'f' | 'F' => go_float_f(f, spec.precision.unwrap_or(6)),
        'x' | 'X' => go_float_x(f, spec.precision, verb == 'X'),
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

/// Go's `%f` with a precision.
fn go_float_f(f: f64, precision: usize) -> String {
    format!("{f:.precision$}")
}

/// Go's `%e` with a precision: the exponent has a sign and at least two digits.
fn go_float_e(f: f64, precision: usize) -> String {
    let s = format!("{f:.precision$e}");
    fix_exponent(&s)
}

/// Rust `1.5e3` → Go `1.5e+03`.
fn fix_exponent(s: &str) -> String {
    let Some((mantissa, exp)) = s.split_once('e') else {
        return s.to_string();
    };
    let (sign, digits) = match exp.strip_prefix('-') {
        Some(d) => ('-', d),
        None => ('+', exp),
    };
    format!("{mantissa}e{sign}{digits:0>2}")
}

/// Go's `%g` / `%v` for a float: the shortest digits (or `precision` significant digits),
/// in exponent form when the exponent is below -4 or at least the precision (6 for the
/// shortest form: `1e+06`, as Go prints it).
pub(super) fn go_float_g(f: f64, precision: Option<usize>, sharp: bool) -> String {
    if !f.is_finite() {
        return if f.is_nan() {
            "NaN".into()
        } else if f > 0.0 {
            "+Inf".into()
        } else {
            "-Inf".into()
        };
    }
    if f == 0.0 {
        let zero = if f.is_sign_negative() { "-0" } else { "0" };
        return zero.into();
    }
    let scientific = match precision {
        None => format!("{:e}", f.abs()),
        Some(p) => format!("{:.*e}", p.max(1) - 1, f.abs()),
    };
    let (mantissa, exp) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    let mut digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    if !sharp {
        while digits.len() > 1 && digits.ends_with('0') {
            digits.pop();
        }
    }
    let eprec = match precision {
        None => 6,
        Some(p) => {
            let p = p.max(1) as i64;
            let nd = digits.len() as i64;
            if p > nd && nd > exp {
                nd
            } else {
                p
            }
        }
    };
    let negative = if f < 0.0 { "-" } else { "" };
    if exp < -4 || exp >= eprec {
        let mut s = String::from(negative);
        s.push_str(&digits[..1]);
        if digits.len() > 1 {
            s.push('.');
            s.push_str(&digits[1..]);
        }
        let sign = if exp < 0 { '-' } else { '+' };
        s.push_str(&format!("e{sign}{:02}", exp.abs()));
        return s;
    }
    let mut s = String::from(negative);
    if exp < 0 {
        s.push_str("0.");
        s.push_str(&"0".repeat((-exp - 1) as usize));
        s.push_str(&digits);
    } else {
        let int_len = exp as usize + 1;
        if digits.len() <= int_len {
            s.push_str(&digits);
            s.push_str(&"0".repeat(int_len - digits.len()));
        } else {
            s.push_str(&digits[..int_len]);
            s.push('.');
            s.push_str(&digits[int_len..]);
        }
    }
    s
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
        'q' => pad(out, &go_quote(s, spec.plus), spec, false),
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

/// Go's `strconv.Quote` (`ascii_only`: `QuoteToASCII`, for `%+q`).
pub(super) fn go_quote(s: &str, ascii_only: bool) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if c.is_control() || (ascii_only && !c.is_ascii()) => {
                if (c as u32) < 0x10000 {
                    out.push_str(&format!("\\u{:04x}", c as u32));
                } else {
                    out.push_str(&format!("\\U{:08x}", c as u32));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
