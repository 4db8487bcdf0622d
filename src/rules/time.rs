//! Go's `time` as Hugo uses it: dates parsed with the layouts `spf13/cast` tries (front
//! matter dates, `time.Format`'s input), and written with a Go layout (`.Date.Format`,
//! `dateFormat`) or as RFC 3339. A value without a zone is UTC, Hugo's default `timeZone`;
//! an offset of zero is UTC too, as Go reads it in that location.

/// The layouts `cast` (`internal/time.go`) tries, in order. Go's reference time is
/// `Mon Jan 2 15:04:05 MST 2006`.
const LAYOUTS: &[&str] = &[
    "2006-01-02",
    "2006-01-02T15:04:05Z07:00", // RFC 3339
    "2006-01-02T15:04:05",
    "Mon, 02 Jan 2006 15:04:05 -0700",         // RFC 1123Z
    "Mon, 02 Jan 2006 15:04:05 MST",           // RFC 1123
    "02 Jan 06 15:04 -0700",                   // RFC 822Z
    "02 Jan 06 15:04 MST",                     // RFC 822
    "Monday, 02-Jan-06 15:04:05 MST",          // RFC 850
    "2006-01-02 15:04:05.999999999 -0700 MST", // Go's time.String()
    "2006-01-02T15:04:05-0700",
    "2006-01-02 15:04:05Z0700",
    "2006-01-02 15:04:05",
    "Mon Jan _2 15:04:05 2006",       // ANSIC
    "Mon Jan _2 15:04:05 MST 2006",   // UnixDate
    "Mon Jan 02 15:04:05 -0700 2006", // RubyDate
    "2006-01-02 15:04:05Z07:00",
    "02 Jan 2006",
    "2006-01-02 15:04:05 -07:00",
    "2006-01-02 15:04:05 -0700",
    "3:04PM",          // Kitchen
    "Jan _2 15:04:05", // Stamp (StampMilli… are the same with Go's optional fraction)
];

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
const SHORT_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
/// Go's `time.Weekday` names, Sunday first.
pub(crate) const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const SHORT_DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/// A date and time; `offset` in seconds east of UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateTime {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    nanos: u32,
    offset: i32,
}

impl DateTime {
    /// Parses a date as `cast.ToTime` does; `None` when no layout matches (Hugo: not a
    /// parsable date).
    pub fn parse(text: &str) -> Option<DateTime> {
        LAYOUTS.iter().find_map(|layout| parse_layout(layout, text))
    }

    /// Seconds since the Unix epoch, in UTC (`cast.ToTime` of a number).
    pub fn from_unix(seconds: i64) -> DateTime {
        let days = seconds.div_euclid(86_400);
        let rest = seconds.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        DateTime {
            year,
            month,
            day,
            hour: (rest / 3600) as u32,
            minute: (rest % 3600 / 60) as u32,
            second: (rest % 60) as u32,
            nanos: 0,
            offset: 0,
        }
    }

    /// Seconds and nanoseconds since the Unix epoch, in UTC (what Go's `time.Now` reads).
    pub fn from_unix_nanos(seconds: i64, nanos: u32) -> DateTime {
        DateTime {
            nanos: nanos.min(999_999_999),
            ..DateTime::from_unix(seconds)
        }
    }

    /// Seconds since the Unix epoch (Go's `Time.Unix`).
    pub fn unix(&self) -> i64 {
        days_from_civil(self.year, self.month, self.day) * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
            - i64::from(self.offset)
    }

    /// The same instant in UTC (Go's `Time.UTC`).
    pub fn utc(&self) -> DateTime {
        DateTime::from_unix_nanos(self.unix(), self.nanos)
    }

    /// Go's `time.Parse(time.RFC3339, text)`: `2021-11-06T22:30:00.00+09:00` (a fraction
    /// allowed, a zone required); `None` for anything else.
    pub fn parse_rfc3339(text: &str) -> Option<DateTime> {
        parse_layout("2006-01-02T15:04:05Z07:00", text)
    }

    /// RFC 3339 with the fraction only when there is one: `2021-10-06T06:21:07+08:00`,
    /// `2023-10-15T00:00:00Z`.
    pub fn rfc3339(&self) -> String {
        format_rfc3339(self)
    }

    /// Go's `Time.Format`: the reference time `Mon Jan 2 15:04:05 MST 2006` in `layout`
    /// names each part.
    pub fn format(&self, layout: &str) -> String {
        format_layout(self, layout)
    }
}

/// Go's `time.Month.String()`: `January` … `December`, else `%!Month(13)`.
pub fn month_name(month: i64) -> String {
    match usize::try_from(month).ok().and_then(|m| m.checked_sub(1)) {
        Some(index) if index < MONTHS.len() => MONTHS[index].to_string(),
        _ => format!("%!Month({month})"),
    }
}

/// Howard Hinnant's `civil_from_days`: days since 1970-01-01 to (year, month, day).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
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

fn format_rfc3339(t: &DateTime) -> String {
    let mut out = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        t.year, t.month, t.day, t.hour, t.minute, t.second
    );
    if t.nanos > 0 {
        let fraction = format!("{:09}", t.nanos);
        out.push('.');
        out.push_str(fraction.trim_end_matches('0'));
    }
    if t.offset == 0 {
        out.push('Z');
    } else {
        let sign = if t.offset < 0 { '-' } else { '+' };
        let minutes = t.offset.unsigned_abs() / 60;
        out.push_str(&format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60));
    }
    out
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Reads exactly `n` ASCII digits (`fixed`) or 1 to `n` digits.
fn number(value: &mut &str, n: usize, fixed: bool) -> Option<u32> {
    let len = value.bytes().take(n).take_while(u8::is_ascii_digit).count();
    if len == 0 || (fixed && len < n) {
        return None;
    }
    let parsed = value[..len].parse().ok()?;
    *value = &value[len..];
    Some(parsed)
}

/// Case-insensitive match of one of `names` at the start of `value` (Go's `lookup`).
fn name_index(value: &mut &str, names: &[&str]) -> Option<usize> {
    for (i, name) in names.iter().enumerate() {
        if value.len() >= name.len()
            && value.is_char_boundary(name.len())
            && value[..name.len()].eq_ignore_ascii_case(name)
        {
            *value = &value[name.len()..];
            return Some(i);
        }
    }
    None
}

/// `-0700`, `-07:00` (`colon`), with `Z` accepted for the `Z0700` forms (`z`).
fn numeric_zone(value: &mut &str, colon: bool, z: bool) -> Option<i32> {
    if z {
        if let Some(rest) = value.strip_prefix('Z') {
            *value = rest;
            return Some(0);
        }
    }
    let sign = match value.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    *value = &value[1..];
    let hours = number(value, 2, true)?;
    if colon {
        *value = value.strip_prefix(':')?;
    }
    let minutes = number(value, 2, true)?;
    if hours > 24 || minutes > 60 {
        return None;
    }
    Some(sign * (hours * 3600 + minutes * 60) as i32)
}

/// A zone abbreviation such as `MST` or `UTC` (Go's `parseTimeZone`, simplified): Go does not
/// know the offset of an abbreviation that is not the local zone's and uses +00:00.
fn zone_name(value: &mut &str) -> Option<()> {
    let len = value
        .bytes()
        .take(5)
        .take_while(u8::is_ascii_uppercase)
        .count();
    let ok = match len {
        3 => true,
        4 | 5 => value.as_bytes()[len - 1] == b'T',
        _ => false,
    };
    ok.then(|| *value = &value[len..])
}

/// Digits of a fraction of a second after the `.` (or `,`) Go accepts after seconds.
fn fraction(value: &mut &str) -> Option<u32> {
    let rest = value.strip_prefix(['.', ','])?;
    let len = rest.bytes().take_while(u8::is_ascii_digit).count();
    if len == 0 {
        return None;
    }
    let digits = &rest[..len.min(9)];
    let nanos = digits.parse::<u32>().ok()? * 10u32.pow(9 - digits.len() as u32);
    *value = &rest[len..];
    Some(nanos)
}

/// Go's `time.Parse` for the layout elements used in [`LAYOUTS`].
fn parse_layout(layout: &str, text: &str) -> Option<DateTime> {
    let mut t = DateTime {
        month: 1,
        day: 1,
        ..DateTime::default()
    };
    let mut pm: Option<bool> = None;
    let mut layout = layout;
    let mut value = text;
    while !layout.is_empty() {
        let element = [
            "2006",
            "Monday",
            "Mon",
            "MST",
            "Jan",
            "01",
            "02",
            "_2",
            "06",
            "15",
            "04",
            "05",
            ".999999999",
            "PM",
            "-07:00",
            "-0700",
            "Z07:00",
            "Z0700",
            "3",
        ]
        .into_iter()
        .find(|e| layout.starts_with(e));
        let Some(element) = element else {
            // A literal: the value must have the same character.
            let ch = layout.chars().next()?;
            value = value.strip_prefix(ch)?;
            layout = &layout[ch.len_utf8()..];
            continue;
        };
        layout = &layout[element.len()..];
        match element {
            "2006" => t.year = i64::from(number(&mut value, 4, true)?),
            "06" => {
                let year = i64::from(number(&mut value, 2, true)?);
                t.year = if year >= 69 { 1900 + year } else { 2000 + year };
            }
            "Jan" => t.month = name_index(&mut value, &SHORT_MONTHS)? as u32 + 1,
            "01" => t.month = number(&mut value, 2, true)?,
            "Monday" => {
                name_index(&mut value, &DAYS)?;
            }
            "Mon" => {
                name_index(&mut value, &SHORT_DAYS)?;
            }
            "02" => t.day = number(&mut value, 2, true)?,
            "_2" => {
                value = value.strip_prefix(' ').unwrap_or(value);
                t.day = number(&mut value, 2, false)?;
            }
            "15" => t.hour = number(&mut value, 2, false)?,
            "3" => t.hour = number(&mut value, 2, false)?,
            "04" => t.minute = number(&mut value, 2, true)?,
            "05" => {
                t.second = number(&mut value, 2, true)?;
                // Go accepts a fraction after seconds even when the layout has none.
                if !layout.starts_with(".999999999") {
                    if let Some(nanos) = fraction(&mut value) {
                        t.nanos = nanos;
                    }
                }
            }
            ".999999999" => {
                if let Some(nanos) = fraction(&mut value) {
                    t.nanos = nanos;
                }
            }
            "PM" => {
                pm = Some(match value.get(..2)? {
                    "PM" => true,
                    "AM" => false,
                    _ => return None,
                });
                value = &value[2..];
            }
            "MST" => zone_name(&mut value)?,
            "-0700" => t.offset = numeric_zone(&mut value, false, false)?,
            "-07:00" => t.offset = numeric_zone(&mut value, true, false)?,
            "Z0700" => t.offset = numeric_zone(&mut value, false, true)?,
            "Z07:00" => t.offset = numeric_zone(&mut value, true, true)?,
            _ => return None,
        }
    }
    if !value.is_empty() {
        return None;
    }
    if let Some(pm) = pm {
        if t.hour > 12 {
            return None;
        }
        t.hour = match (pm, t.hour) {
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, 12) => 0,
            (false, h) => h,
        };
    }
    let valid = (1..=12).contains(&t.month)
        && t.day >= 1
        && t.day <= days_in_month(t.year, t.month)
        && t.hour < 24
        && t.minute < 60
        && t.second < 60;
    valid.then_some(t)
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
        if let Some((len, text)) = format_fraction(rest, t.nanos) {
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
            "MST" => zone_abbreviation(t),
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
fn format_fraction(rest: &str, nanosecond: u32) -> Option<(usize, String)> {
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
fn zone_abbreviation(t: &DateTime) -> String {
    if t.offset == 0 {
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
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_rfc_3339_clock_reads_as_the_same_instant_in_utc() {
        let clock = DateTime::parse_rfc3339("2024-05-06T07:08:09.5+02:00").expect("RFC 3339");
        assert_eq!(clock.unix(), 1_714_972_089);
        assert_eq!(clock.utc().rfc3339(), "2024-05-06T05:08:09.5Z");
        assert_eq!(DateTime::from_unix_nanos(0, 1).rfc3339(), "1970-01-01T00:00:00.000000001Z");
        for not_rfc_3339 in ["2024-05-06", "2024-05-06T07:08:09", "bogus", ""] {
            assert!(
                DateTime::parse_rfc3339(not_rfc_3339).is_none(),
                "{not_rfc_3339:?} should be refused, as Go's time.Parse(time.RFC3339) does"
            );
        }
    }

    fn rfc3339_of_unix(seconds: i64) -> String {
        DateTime::from_unix(seconds).rfc3339()
    }

    #[test]
    fn parses_the_documented_layouts_to_rfc3339() {
        let cases = [
            ("2023-10-15T13:18:50-07:00", "2023-10-15T13:18:50-07:00"),
            ("2023-10-15T13:18:50-0700", "2023-10-15T13:18:50-07:00"),
            ("2023-10-15T13:18:50Z", "2023-10-15T13:18:50Z"),
            ("2023-10-15T13:18:50", "2023-10-15T13:18:50Z"),
            ("2023-10-15", "2023-10-15T00:00:00Z"),
            ("15 Oct 2023", "2023-10-15T00:00:00Z"),
            ("2023-10-15 13:18:50", "2023-10-15T13:18:50Z"),
            (
                "Sun, 15 Oct 2023 13:18:50 +0200",
                "2023-10-15T13:18:50+02:00",
            ),
            ("Sun, 15 Oct 2023 13:18:50 GMT", "2023-10-15T13:18:50Z"),
            ("15 Oct 23 13:18 -0700", "2023-10-15T13:18:00-07:00"),
            ("Sunday, 15-Oct-23 13:18:50 UTC", "2023-10-15T13:18:50Z"),
            ("Sun Oct  5 13:18:50 2023", "2023-10-05T13:18:50Z"),
            ("2023-10-15 13:18:50.5 +0000 UTC", "2023-10-15T13:18:50.5Z"),
            (
                "2021-10-06T06:21:07.250+08:00",
                "2021-10-06T06:21:07.25+08:00",
            ),
            ("3:04PM", "0000-01-01T15:04:00Z"),
        ];
        for (input, expected) in cases {
            assert_eq!(
                DateTime::parse(input).map(|t| t.rfc3339()).as_deref(),
                Some(expected),
                "{input}"
            );
        }
    }

    #[test]
    fn rejects_what_go_rejects() {
        for input in [
            "notadate",
            "2023-02-30",
            "2023-1-5",
            "2023-10-15T25:00:00",
            "",
            "2023-10-15 ",
        ] {
            assert_eq!(DateTime::parse(input), None, "{input}");
        }
    }

    #[test]
    fn reads_numbers_as_unix_seconds() {
        assert_eq!(rfc3339_of_unix(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339_of_unix(1_697_376_000), "2023-10-15T13:20:00Z");
        assert_eq!(rfc3339_of_unix(-86_400), "1969-12-31T00:00:00Z");
    }

    #[test]
    fn formats_with_go_layouts() {
        let t = DateTime::parse("2021-10-06T06:21:07.25+08:00").unwrap();
        assert_eq!(
            t.format("Monday, January 2, 2006"),
            "Wednesday, October 6, 2021"
        );
        assert_eq!(
            t.format("Jan _2 06 3:04PM .000 MST Z07:00"),
            "Oct  6 21 6:21AM .250 +0800 +08:00"
        );
        let utc = DateTime::parse("2023-10-15").unwrap();
        assert_eq!(
            utc.format("2006-01-02T15:04:05Z07:00 MST"),
            "2023-10-15T00:00:00Z UTC"
        );
        assert_eq!(month_name(3), "March");
        assert_eq!(month_name(13), "%!Month(13)");
    }
}
