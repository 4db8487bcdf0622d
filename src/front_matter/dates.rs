//! Hugo's date parsing: the string layouts `spf13/cast` tries, in its order, written as Go
//! layouts and read by a small interpreter of Go's layout language (only the elements these
//! layouts use). Output is RFC 3339; a value without a zone is UTC, Hugo's default `timeZone`.

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
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const LONG_DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// A parsed date and time; `offset` in seconds east of UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct DateTime {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    nanos: u32,
    offset: i32,
}

/// Parses a date string as Hugo does and returns it as RFC 3339 (`2021-10-06T06:21:07+08:00`,
/// `2023-10-15T00:00:00Z`). `None` when no layout matches (Hugo: not a parsable date).
pub fn parse_date(text: &str) -> Option<String> {
    LAYOUTS
        .iter()
        .find_map(|layout| parse_layout(layout, text))
        .map(format_rfc3339)
}

/// Seconds since the Unix epoch as RFC 3339 in UTC: `cast.ToTime` reads numbers that way.
pub(crate) fn unix_to_rfc3339(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let rest = seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    format_rfc3339(DateTime {
        year,
        month,
        day,
        hour: (rest / 3600) as u32,
        minute: (rest % 3600 / 60) as u32,
        second: (rest % 60) as u32,
        nanos: 0,
        offset: 0,
    })
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

fn format_rfc3339(t: DateTime) -> String {
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
            "Jan" => t.month = name_index(&mut value, &MONTHS)? as u32 + 1,
            "01" => t.month = number(&mut value, 2, true)?,
            "Monday" => {
                name_index(&mut value, &LONG_DAYS)?;
            }
            "Mon" => {
                name_index(&mut value, &DAYS)?;
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

#[cfg(test)]
mod tests {
    use super::*;

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
            assert_eq!(parse_date(input).as_deref(), Some(expected), "{input}");
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
            assert_eq!(parse_date(input), None, "{input}");
        }
    }

    #[test]
    fn reads_numbers_as_unix_seconds() {
        assert_eq!(unix_to_rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(unix_to_rfc3339(1_697_376_000), "2023-10-15T13:20:00Z");
        assert_eq!(unix_to_rfc3339(-86_400), "1969-12-31T00:00:00Z");
    }
}
