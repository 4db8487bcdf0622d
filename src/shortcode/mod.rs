//! Shortcodes: Hugo's `{{< >}}` / `{{% %}}` syntax, lexed and built into a call tree.
//!
//! In: the body of a content file (after the front matter), its byte offset in the whole
//! file, and a way to ask whether a shortcode's template uses `.Inner`. Out: the body as a
//! sequence of text, summary divider and shortcode [`tree::Node`]s (with children), plus
//! [`Diagnostic`](crate::Diagnostic)s with Hugo's messages. Every span is a byte range of
//! the whole file.
//!
//! * [`lexer`]: Hugo's `parser/pageparser` states, item for item.
//! * [`tree`]: Hugo's `extractShortcode`, without recursion and with error recovery.
//! * [`outline`]: the shortcode tree as JSON-ready data for the `parse` command.

pub mod builtins;
pub mod call;
pub mod context;
pub mod expand;
pub mod external;
pub mod lexer;
pub mod pages;
pub mod resources;
pub mod site_config;
pub mod templates;
pub mod tree;

pub use tree::Node;

use crate::diagnostic::{Diagnostic, Span};
use serde::Serialize;

/// Deepest shortcode nesting written out by [`outline`]. Serializers recurse, so a document
/// with thousands of nested shortcodes (parsed fine by [`tree::build`]) would otherwise
/// exhaust the stack while being turned into JSON; deeper shortcodes are left out, with a
/// warning.
pub const MAX_OUTLINE_DEPTH: usize = 64;

/// The body's shortcodes for the `parse` command (front matter is reported elsewhere).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Outline {
    pub shortcodes: Vec<OutlineNode>,
    /// The top-level summary divider, when there is one.
    pub summary_divider: Option<Span>,
    pub diagnostics: Vec<Diagnostic>,
}

/// One shortcode call in the outline (`ShortcodeNode` in the package, positions in UTF-16).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct OutlineNode {
    pub name: String,
    /// An array (positional) or an object (named), values typed as Hugo types them.
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(type = "unknown[] | Record<string, unknown>")
    )]
    pub params: serde_json::Value,
    /// `{{% %}}` notation.
    pub markdown: bool,
    pub self_closing: bool,
    pub closed: bool,
    /// The raw source between the tags, when there is a closing tag.
    pub inner: Option<String>,
    pub children: Vec<OutlineNode>,
    /// From the `{{` of the opening tag to the end of the closing tag, in bytes of the file
    /// (UTF-16 code units in the package).
    #[serde(flatten)]
    pub span: Span,
    /// 1-based line of the opening `{{`.
    pub line: usize,
    pub ordinal: usize,
    /// Set when this call could not be parsed; the message is also in the diagnostics.
    pub error: Option<String>,
}

/// Parses `body` (which starts at byte `offset` of the whole file) and returns its outline.
/// Diagnostics carry spans only; call [`Diagnostic::locate`] for lines and columns.
pub fn outline(body: &str, offset: usize, needs_inner: &dyn Fn(&str) -> Option<bool>) -> Outline {
    let document = tree::build(body, offset, needs_inner);
    let mut diagnostics = document.diagnostics.clone();
    let mut too_deep = None;
    let shortcodes = document
        .shortcodes()
        .map(|node| outline_node(node, body, offset, 1, &mut too_deep))
        .collect();
    if let Some(span) = too_deep {
        diagnostics.push(Diagnostic::warning(
            format!(
                "shortcodes nested more than {MAX_OUTLINE_DEPTH} deep are left out of the outline"
            ),
            span,
        ));
    }
    Outline {
        shortcodes,
        summary_divider: document.summary_divider(),
        diagnostics,
    }
}

// Recursion bounded by MAX_OUTLINE_DEPTH.
fn outline_node(
    node: &Node,
    body: &str,
    offset: usize,
    depth: usize,
    too_deep: &mut Option<Span>,
) -> OutlineNode {
    let children = if depth < MAX_OUTLINE_DEPTH {
        node.children()
            .map(|child| outline_node(child, body, offset, depth + 1, too_deep))
            .collect()
    } else {
        if let Some(first) = node.children().next() {
            too_deep.get_or_insert(first.span);
        }
        Vec::new()
    };
    OutlineNode {
        name: node.name.clone(),
        params: node.params.to_json(),
        markdown: node.markdown,
        self_closing: node.self_closing,
        closed: node.closed,
        inner: node.inner_source(body, offset).map(str::to_owned),
        children,
        span: node.span,
        // Filled in by the caller, which has the file's line index.
        line: 0,
        ordinal: node.ordinal,
        error: node.error.clone(),
    }
}
