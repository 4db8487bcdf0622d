//! `dateFormat` / `time.Format` (Hugo's `tpl/time`): a date formatted with a Go layout.
//!
//! The date is a string in one of the forms Hugo's front matter dates take (RFC 3339 with or
//! without fractional seconds and offset, `2006-01-02 15:04:05`, `2006-01-02`) or a Unix
//! time in seconds. `now` is deliberately absent: a preview renders the same text every time.

use super::cast::to_string;
use super::{want_args, FuncContext};
use crate::template::value::Value;

/// A date and time with its UTC offset, as written.
struct DateTime {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    nanosecond: u32,
    /// Seconds east of UTC.
    offset: i32,
    /// `Z` or no zone: UTC, which Go names `UTC`.
    utc: bool,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// A front matter date (RFC 3339) formatted with a Go layout, for `.Date.Format`.
pub fn format_date(layout: &str, date: &str) -> Option<String> {
    Some(format_layout(&parse(date)?, layout))
}

/// `time.Format LAYOUT INPUT` (alias `dateFormat`). Hugo's localized layouts
/// `:date_full`, `:date_long`, `:date_medium`, `:date_short` are given in English.
pub(super) fn format(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("dateFormat", args, 2)?;
    let layout = to_string(&args[0])?;
    let date = match &args[1] {
        Value::Int(seconds, _) => from_unix(*seconds),
        // A `time.Time` such as `.Page.Date`: its RFC 3339 form.
        Value::Object(time) if time.type_name() == "time.Time" => {
            let rfc3339 = time
                .get("Format", &[Value::from("2006-01-02T15:04:05Z07:00")])?
                .unwrap_or_default();
            let s = to_string(&rfc3339)?;
            parse(&s).ok_or_else(|| format!("unable to cast {s:?} of type time.Time to Time"))?
        }
        other => {
            let s = to_string(other)?;
            parse(&s).ok_or_else(|| format!("unable to cast {s:?} of type string to Time"))?
        }
    };
    let layout = match layout.as_str() {
        ":date_full" => "Monday, January 2, 2006",
        ":date_long" => "January 2, 2006",
        ":date_medium" => "Jan 2, 2006",
        ":date_short" => "1/2/06",
        other if other.starts_with(":time_") => {
            return Err(format!("the layout {other} is not supported in a preview"))
        }
        other => other,
    };
    Ok(Value::from(format_layout(&date, layout)))
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn from_unix(seconds: i64) -> DateTime {
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    // Inverse of days_from_civil (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    DateTime {
        year,
        month,
        day,
        hour: (secs / 3600) as u32,
        minute: (secs % 3600 / 60) as u32,
        second: (secs % 60) as u32,
        nanosecond: 0,
        offset: 0,
        utc: true,
    }
}

fn digits(s: &str, at: usize, n: usize) -> Option<u32> {
    let part = s.get(at..at + n)?;
    if !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

/// The date forms Hugo accepts for front matter dates.
fn parse(s: &str) -> Option<DateTime> {
    let s = s.trim();
    let year = i64::from(digits(s, 0, 4)?);
    if s.get(4..5)? != "-" || s.get(7..8)? != "-" {
        return None;
    }
    let month = digits(s, 5, 2)?;
    let day = digits(s, 8, 2)?;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => return None,
    };
    if day == 0 || day > days_in_month {
        return None;
    }
    let mut date = DateTime {
        year,
        month,
        day,
        hour: 0,
        minute: 0,
        second: 0,
        nanosecond: 0,
        offset: 0,
        utc: true,
    };
    let rest = &s[10..];
    if rest.is_empty() {
        return Some(date);
    }
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    date.hour = digits(rest, 0, 2)?;
    if rest.get(2..3)? != ":" {
        return None;
    }
    date.minute = digits(rest, 3, 2)?;
    let mut rest = &rest[5..];
    if let Some(after) = rest.strip_prefix(':') {
        date.second = digits(after, 0, 2)?;
        rest = &after[2..];
        if let Some(fraction) = rest.strip_prefix(['.', ',']) {
            let n = fraction.bytes().take_while(u8::is_ascii_digit).count();
            if n == 0 {
                return None;
            }
            let padded = format!("{:0<9}", &fraction[..n.min(9)]);
            date.nanosecond = padded.parse().ok()?;
            rest = &fraction[n..];
        }
    }
    if date.hour > 23 || date.minute > 59 || date.second > 59 {
        return None;
    }
    let rest = rest.trim_start();
    match rest {
        "" | "Z" | "z" | "UTC" => {}
        zone => {
            let sign = match zone.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let zone = &zone[1..];
            let (h, m) = match zone.len() {
                2 => (digits(zone, 0, 2)?, 0),
                4 => (digits(zone, 0, 2)?, digits(zone, 2, 2)?),
                5 if &zone[2..3] == ":" => (digits(zone, 0, 2)?, digits(zone, 3, 2)?),
                _ => return None,
            };
            date.offset = sign * (h * 3600 + m * 60) as i32;
            date.utc = false;
        }
    }
    Some(date)
}

/// Go's `Time.Format`: the reference time `Mon Jan 2 15:04:05 MST 2006` in LAYOUT names
/// each part.
fn format_layout(t: &DateTime, layout: &str) -> String {
    let weekday = (days_from_civil(t.year, t.month, t.day) + 4).rem_euclid(7) as usize;
    let year_day = days_from_civil(t.year, t.month, t.day) - days_from_civil(t.year, 1, 1) + 1;
    let hour12 = match t.hour % 12 {
        0 => 12,
        h => h,
    };
    let month_name = MONTHS[(t.month as usize).clamp(1, 12) - 1];
    let mut out = String::with_capacity(layout.len() + 10);
    let mut rest = layout;
    // Longest tokens first, in the order Go's `nextStdChunk` tries them.
    const TOKENS: &[&str] = &[
        "January",
        "Jan",
        "Monday",
        "Mon",
        "MST",
        "2006",
        "002",
        "01",
        "02",
        "03",
        "04",
        "05",
        "06",
        "__2",
        "_2",
        "15",
        "1",
        "2",
        "3",
        "4",
        "5",
        "PM",
        "pm",
        "-07:00:00",
        "-070000",
        "-07:00",
        "-0700",
        "-07",
        "Z07:00:00",
        "Z070000",
        "Z07:00",
        "Z0700",
        "Z07",
    ];
    while !rest.is_empty() {
        if let Some((len, text)) = fraction(rest, t.nanosecond) {
            out.push_str(&text);
            rest = &rest[len..];
            continue;
        }
        // Go reads `Jan` and `Mon` as words only when no lower-case letter follows
        // (`Janet` is text).
        let token = TOKENS.iter().find(|tok| {
            rest.starts_with(**tok)
                && !(matches!(**tok, "Jan" | "Mon")
                    && rest[3..].starts_with(|c: char| c.is_ascii_lowercase()))
        });
        let Some(token) = token else {
            let c = rest.chars().next().unwrap_or(' ');
            out.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        };
        let text = match *token {
            "January" => month_name.to_string(),
            "Jan" => month_name[..3].to_string(),
            "Monday" => DAYS[weekday].to_string(),
            "Mon" => DAYS[weekday][..3].to_string(),
            "MST" => zone_name(t),
            "2006" => format!("{:04}", t.year),
            "002" => format!("{year_day:03}"),
            "__2" => format!("{year_day:>3}"),
            "01" => format!("{:02}", t.month),
            "02" => format!("{:02}", t.day),
            "03" => format!("{hour12:02}"),
            "04" => format!("{:02}", t.minute),
            "05" => format!("{:02}", t.second),
            "06" => format!("{:02}", t.year.rem_euclid(100)),
            "_2" => format!("{:>2}", t.day),
            "15" => format!("{:02}", t.hour),
            "1" => t.month.to_string(),
            "2" => t.day.to_string(),
            "3" => hour12.to_string(),
            "4" => t.minute.to_string(),
            "5" => t.second.to_string(),
            "PM" => if t.hour >= 12 { "PM" } else { "AM" }.to_string(),
            "pm" => if t.hour >= 12 { "pm" } else { "am" }.to_string(),
            zone => offset(t, zone),
        };
        out.push_str(&text);
        rest = &rest[token.len()..];
    }
    out
}

/// `.000` / `.999` (or with `,`) fractional seconds: fixed digits, or trailing zeros (and
/// the dot, when all are zero) dropped.
fn fraction(rest: &str, nanosecond: u32) -> Option<(usize, String)> {
    let bytes = rest.as_bytes();
    if !matches!(bytes.first(), Some(b'.' | b',')) {
        return None;
    }
    let digit = *bytes.get(1)?;
    if digit != b'0' && digit != b'9' {
        return None;
    }
    let n = bytes[1..].iter().take_while(|b| **b == digit).count();
    if bytes.get(1 + n).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let all = format!("{nanosecond:09}");
    let shown = &all[..n.min(9)];
    let text = if digit == b'0' {
        format!("{}{shown}", bytes[0] as char)
    } else {
        let trimmed = shown.trim_end_matches('0');
        if trimmed.is_empty() {
            String::new()
        } else {
            format!("{}{trimmed}", bytes[0] as char)
        }
    };
    Some((1 + n, text))
}

/// `MST`: `UTC`, or Go's `-0700` form for an offset without a zone name.
fn zone_name(t: &DateTime) -> String {
    if t.utc {
        "UTC".into()
    } else {
        offset(t, "-0700")
    }
}

/// The `-07:00`-style tokens; the `Z` forms print `Z` for UTC.
fn offset(t: &DateTime, token: &str) -> String {
    if token.starts_with('Z') && t.offset == 0 {
        return "Z".into();
    }
    let sign = if t.offset < 0 { '-' } else { '+' };
    let abs = t.offset.unsigned_abs();
    let (h, m, s) = (abs / 3600, abs % 3600 / 60, abs % 60);
    let shape = token.trim_start_matches(['Z', '-']);
    match shape {
        "07:00:00" => format!("{sign}{h:02}:{m:02}:{s:02}"),
        "070000" => format!("{sign}{h:02}{m:02}{s:02}"),
        "07:00" => format!("{sign}{h:02}:{m:02}"),
        "0700" => format!("{sign}{h:02}{m:02}"),
        _ => format!("{sign}{h:02}"),
    }
}
