//! `dateFormat` / `time.Format` (Hugo's `tpl/time`): a date formatted with a Go layout.
//!
//! The date is a string `cast.ToTime` reads ([`DateTime::parse`]), a `time.Time` such as
//! `.Page.Date`, or a Unix time in seconds. `now` is deliberately absent: a preview renders
//! the same text every time.

use super::cast::to_string;
use super::{want_args, FuncContext};
use crate::rules::time::DateTime;
use crate::template::value::Value;

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
