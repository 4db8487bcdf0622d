//! Shortcodes implemented outside the renderer: in the npm package, JavaScript functions
//! registered with `Renderer.registerShortcode`. Like a site template, one replaces the
//! built-in of the same name; its output is sanitized with everything else.

use crate::front_matter::PageFields;
use serde::Serialize;

/// One call, as handed to an external implementation (in the package: what a JavaScript
/// shortcode receives, `ShortcodeCall`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ExternalCall<'a> {
    /// The name as written (`figure`, `sub/name`).
    pub name: &'a str,
    /// Hugo's `.Params`: an array (positional) or an object (named), values typed as Hugo
    /// types them.
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(type = "unknown[] | Record<string, unknown>")
    )]
    pub params: serde_json::Value,
    /// Hugo's `.IsNamedParams`.
    pub is_named_params: bool,
    /// Hugo's `.Inner` (`""` when the call has no closing tag).
    pub inner: &'a str,
    /// Hugo's `.Ordinal`: 0-based among siblings.
    pub ordinal: usize,
    /// Where the opening `{{` is.
    pub position: ExternalPosition,
    /// The page: its typed fields, and `params`, the whole front matter as written.
    pub page: ExternalPage<'a>,
}

/// Where the call's `{{` is in the content file.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ExternalPosition {
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters (UTF-16 code units in the package).
    pub column: usize,
    /// Byte offset in the file (UTF-16 code units in the package).
    pub offset: usize,
}

/// The page the call is on: its typed fields and its front matter as written.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ExternalPage<'a> {
    #[serde(flatten)]
    pub fields: &'a PageFields,
    /// The whole front matter (Hugo's `.Page.Params`, keys as written).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, unknown> | null"))]
    pub params: &'a serde_json::Value,
}

/// A set of shortcodes implemented by the caller.
pub trait ExternalShortcodes {
    /// `Some(uses_inner)` when `name` is one of them. `uses_inner` decides where a call ends,
    /// as `.Inner` in a template does: with it, a call without `/}}` needs a closing tag.
    fn lookup(&self, name: &str) -> Option<bool>;

    /// Runs `name`: its HTML, or a message that becomes an error diagnostic and an error box.
    fn call(&self, call: &ExternalCall<'_>) -> Result<String, String>;
}
