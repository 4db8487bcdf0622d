//! Go's float formatting (`strconv.FormatFloat` and `fmt`'s verbs), which `%v`, `printf`,
//! `string` and shortcode parameters all follow.

/// Go's `%v` of a float64 (`strconv.FormatFloat(f, 'g', -1, 64)`): the shortest digits, in
/// exponent form when the decimal exponent is below -4 or at least 6 (`1e+06`, `1.5e-07`).
pub fn shortest(f: f64) -> String {
    format_g(f, None, false)
}

/// Go's `strconv.FormatFloat(f, 'f', -1, 64)` (`cast.ToString` of a float): the shortest
/// digits, never an exponent.
pub fn shortest_decimal(f: f64) -> String {
    if f.is_infinite() {
        return if f > 0.0 { "+Inf" } else { "-Inf" }.into();
    }
    // Rust's Display is the shortest round-trip form without an exponent, as Go's 'f', -1.
    f.to_string()
}

/// Go's `%x` of a float (`strconv.FormatFloat(f, 'x', prec, 64)`): `0x1.8p+01` for 3, the
/// shortest exact mantissa without a precision, else rounded (half to even) to `prec` hex
/// digits (a precision the caller bounds); the exponent has at least two digits.
pub fn format_x(f: f64, precision: Option<usize>, upper: bool) -> String {
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
    let prec = precision;
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

/// Go's `%f` with a precision.
pub fn format_f(f: f64, precision: usize) -> String {
    format!("{f:.precision$}")
}

/// Go's `%e` with a precision: the exponent has a sign and at least two digits.
pub fn format_e(f: f64, precision: usize) -> String {
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
pub fn format_g(f: f64, precision: Option<usize>, sharp: bool) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortest_is_go_percent_v() {
        assert_eq!(shortest(1.5), "1.5");
        assert_eq!(shortest(3.0), "3");
        assert_eq!(shortest(1e21), "1e+21");
        assert_eq!(shortest(1e6), "1e+06");
        assert_eq!(shortest(123456.0), "123456");
        assert_eq!(shortest(1234567.5), "1.2345675e+06");
        assert_eq!(shortest(1.5e-7), "1.5e-07");
        assert_eq!(shortest(0.0001), "0.0001");
        assert_eq!(shortest(-0.0), "-0");
        assert_eq!(shortest(f64::NAN), "NaN");
        assert_eq!(shortest(f64::NEG_INFINITY), "-Inf");
    }

    #[test]
    fn shortest_decimal_never_uses_an_exponent() {
        assert_eq!(shortest_decimal(1e21), "1000000000000000000000");
        assert_eq!(shortest_decimal(0.5), "0.5");
        assert_eq!(shortest_decimal(f64::INFINITY), "+Inf");
    }
}
