//! Go's and Hugo's rules that more than one stage follows: how Go quotes, escapes, encodes
//! URLs, tests for space, formats floats, casts values and reads and writes dates; Unicode's
//! character classes as goldmark reads them; Hugo's emoji codes.
//!
//! Each rule has its one home here. This module depends on nothing else in the crate, so
//! every stage (front matter, templates, shortcodes, Markdown, the sanitizer) can use it
//! without depending on another stage.

/// The Hugo release whose behaviour the preview follows: what `hugo.Version` gives
/// templates, and the version the differential tests run as the oracle.
pub const HUGO_VERSION: &str = "0.168.0";

/// goldmark's placeholder for raw HTML when `renderer.unsafe` is off: the Markdown stage
/// writes it, the sanitizer lets exactly this comment through.
pub const RAW_HTML_OMITTED: &str = "<!-- raw HTML omitted -->";

pub mod anchor;
pub mod cast;
pub mod csv;
pub mod emoji;
pub mod entities;
pub mod escape;
pub mod float;
pub mod net_url;
pub mod path;
pub mod quote;
pub mod space;
pub mod text;
pub mod time;
pub mod unicode;
