//! `dateFormat` / `time.Format` (Hugo's `tpl/time`): a date formatted with a Go layout; and
//! `now`, the current time.
//!
//! The date is a string `cast.ToTime` reads ([`DateTime::parse`]), a `time.Time` such as
//! `.Page.Date`, or a Unix time in seconds.

use super::cast::to_string;
use super::{want_args, FuncContext};
use crate::shortcode::context::TimeObject;
use crate::rules::time::DateTime;
use crate::template::value::Value;
use std::rc::Rc;

/// `time.Format LAYOUT INPUT` (alias `dateFormat`). Hugo's localized layouts
/// `:date_full`, `:date_long`, `:date_medium`, `:date_short` are given in English.
pub(super) fn format(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("dateFormat", args, 2)?;
    let layout = to_string(&args[0])?;
    let date = match &args[1] {
        Value::Int(seconds, _) => DateTime::from_unix(*seconds),
        // A `time.Time` such as `.Page.Date`: its RFC 3339 form.
        Value::Object(time) if time.type_name() == "time.Time" => {
            let rfc3339 = time
                .get("Format", &[Value::from("2006-01-02T15:04:05Z07:00")])?
                .unwrap_or_default();
            let s = to_string(&rfc3339)?;
            DateTime::parse(&s)
                .ok_or_else(|| format!("unable to cast {s:?} of type time.Time to Time"))?
        }
        Value::Float(f) => {
            return Err(format!(
                "unable to cast {} of type float64 to time.Time",
                crate::rules::float::shortest(*f)
            ))
        }
        other => {
            let s = to_string(other)?;
            DateTime::parse(&s).ok_or_else(|| format!("unable to parse date: {s}"))?
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
    Ok(Value::from(date.format(layout)))
}

/// `now` (alias `time.Now`): the current time, a `time.Time` (`now.Year`, `now.Format …`).
///
/// With the `clock` render option (Hugo's `--clock`), that time, pinned: Hugo starts a
/// running clock there, which a build reads within its first second, so the seconds agree.
/// The time is in UTC, as Hugo gives it on a machine whose local zone is UTC (Hugo uses the
/// machine's zone, which a preview in a browser does not share; checked with Hugo 0.168:
/// `--clock 2024-05-06T07:08:09+02:00` on a UTC machine prints `now.Format` as
/// `2024-05-06T05:08:09Z`). Every call reads the clock again, so its output is not
/// remembered between renders.
pub(super) fn now(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("now", args, 0)?;
    ctx.impure.set(true);
    let time = match ctx.host.clock() {
        Some(clock) => parse_clock(clock)?,
        None => system_now(),
    };
    Ok(Value::Object(Rc::new(TimeObject(time.utc().rfc3339()))))
}

/// The `clock` option read as Hugo reads `--clock` (`time.Parse(time.RFC3339, …)`), with the
/// start of Hugo's message when it is not RFC 3339. Hugo refuses to build with such a clock;
/// the preview reports it where `now` is called.
fn parse_clock(clock: &str) -> Result<DateTime, String> {
    DateTime::parse_rfc3339(clock).ok_or_else(|| {
        format!(
            "failed to parse clock: parsing time {clock:?} as \"2006-01-02T15:04:05Z07:00\": \
             not an RFC 3339 time such as 2021-11-06T22:30:00+09:00"
        )
    })
}

/// The system's clock.
#[cfg(not(target_arch = "wasm32"))]
fn system_now() -> DateTime {
    let since_epoch = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    DateTime::from_unix_nanos(
        i64::try_from(since_epoch.as_secs()).unwrap_or(i64::MAX),
        since_epoch.subsec_nanos(),
    )
}

/// JavaScript's clock (`Date.now()`, milliseconds): `wasm32-unknown-unknown` has no other.
#[cfg(target_arch = "wasm32")]
fn system_now() -> DateTime {
    let millis = crate::wasm::date_now_millis();
    let millis = if millis.is_finite() { millis as i64 } else { 0 };
    DateTime::from_unix_nanos(
        millis.div_euclid(1000),
        (millis.rem_euclid(1000) as u32) * 1_000_000,
    )
}
