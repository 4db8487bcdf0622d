//! Hugo's template language: Go's `text/template` syntax with `html/template`'s contextual
//! escaping, for the site's shortcode templates and the partials they call.
//!
//! * [`value`]: the values templates pass around.
//! * [`funcs`]: the function library (`default`, `printf`, `strings.*`, …).

pub mod value;

pub use value::{Map, Object, SafeKind, Value};
pub mod funcs;
