//! Expansion: shortcode calls to output, spliced into the page as Hugo splices them.
//!
//! In: the body, its offset in the file, the [`Implementations`] (site templates, built-ins)
//! and the [`Env`]. Out: an [`Expanded`] body: the text for the Markdown stage (a
//! [`PreparedBody`], with `{{% %}}` output substituted and `{{< >}}` calls replaced by
//! placeholder tokens) and the [`Placeholders`] to put back into the HTML afterwards.
//!
//! Hugo's order (`hugolib/page__content.go`, reference §0 and §1.9):
//!
//! * top-level text is copied; the first top-level `<!--more-->` becomes the summary mark;
//! * a top-level `{{% %}}` call's output becomes Markdown source (its headings reach the
//!   TOC; its HTML obeys `unsafe`);
//! * a top-level `{{< >}}` call becomes a token, replaced after Markdown by its output; a
//!   token that is exactly wrapped in `<p>…</p>` takes the wrapper with it;
//! * `.Inner` is the raw source between the tags, nested calls replaced by their output;
//!   a nested `{{% %}}` call's `.Inner` is rendered as Markdown first;
//! * a template that declares ``$_hugo_config := `{ "version": 1 }` `` (Hugo before 0.55)
//!   makes its top-level `{{% %}}` calls behave like that too, their output going through
//!   the token path.
//!
//! Where Hugo stops the build, the preview renders a visible error box in place of the call
//! (always through the token path, so that the raw-HTML setting cannot hide it) and reports
//! a diagnostic; everything around it still renders.

use super::builtins;
use super::call::{Call, Env, Report};
use super::context::{PageObject, PositionObject, ShortcodeContext};
use super::external::{ExternalCall, ExternalPage, ExternalPosition, ExternalShortcodes};
use super::templates::{Run, SiteTemplates};
use super::tree::{self, Node, Params, Segment};
use crate::diagnostic::{Diagnostic, LineIndex, Severity, Span};
use crate::markdown::source::{PreparedBody, SUMMARY_DIVIDER_REPLACEMENT};
use std::cell::OnceCell;
use std::rc::Rc;

/// Deepest nesting of calls that is rendered. Each level re-renders its inner content, so a
/// bound keeps hostile input linear; deeper calls become error boxes.
pub const MAX_RENDER_DEPTH: usize = 64;

/// The class of the inline error box.
pub const ERROR_CLASS: &str = "hugo-preview-error";

/// What Hugo's placeholders start with (`shortcodePlaceholderPrefix`).
const PLACEHOLDER_PREFIX: &str = "HAHAHUGOSHORTCODE";
const PLACEHOLDER_SUFFIX: &str = "HBHB";

/// One shortcode implementation a name can resolve to.
pub enum Implementation {
    Builtin(&'static builtins::Builtin),
    /// A site template (`layouts/shortcodes/NAME.html`).
    Template,
    /// A function of the caller's (`uses_inner` as registered).
    External(bool),
}

/// The shortcodes a page can call: the caller's own, then the site's templates, which
/// replace built-ins of the same name, then the built-ins; and the page's inline shortcodes.
pub struct Implementations<'a> {
    /// The site's templates, compiled.
    pub templates: &'a SiteTemplates,
    /// `security.enableInlineShortcodes`.
    pub enable_inline: bool,
    /// The caller's own shortcodes; they come before templates and built-ins.
    pub external: Option<&'a dyn ExternalShortcodes>,
}

impl Implementations<'_> {
    pub fn lookup(&self, name: &str) -> Option<Implementation> {
        if let Some(uses_inner) = self.external.and_then(|e| e.lookup(name)) {
            return Some(Implementation::External(uses_inner));
        }
        if self.templates.has(name) {
            return Some(Implementation::Template);
        }
        builtins::lookup(name).map(Implementation::Builtin)
    }

    /// Whether `name`'s template uses `.Inner` (`None`: no such shortcode), which decides
    /// where a call ends.
    pub fn needs_inner(&self, name: &str) -> Option<bool> {
        match self.lookup(name)? {
            Implementation::Builtin(builtin) => Some(builtin.uses_inner),
            Implementation::External(uses_inner) => Some(uses_inner),
            Implementation::Template => self.templates.uses_inner(name),
        }
    }

    /// Whether `name`'s `{{% %}}` calls behave as before Hugo 0.55, because its template
    /// declares ``$_hugo_config := `{ "version": 1 }` ``: `.Inner` is rendered as Markdown
    /// and the output is inserted after Markdown, as a `{{< >}}` call's is.
    pub fn is_legacy_markdown(&self, name: &str) -> bool {
        matches!(self.lookup(name), Some(Implementation::Template))
            && self.templates.is_legacy_markdown(name)
    }
}

/// The body, ready for Markdown, and the tokens to expand afterwards.
#[derive(Debug, Default)]
pub struct Expanded {
    pub prepared: PreparedBody,
    pub placeholders: Placeholders,
    /// `{{< >}}` calls not rendered yet ([`render_deferred`]), by their placeholder's slot.
    deferred: Vec<(usize, Box<Node>)>,
}

/// Output of `{{< >}}` calls (and of error boxes), by token.
#[derive(Debug, Default, Clone)]
pub struct Placeholders {
    /// `HAHAHUGOSHORTCODE{salt}` for this page: a prefix that does not occur in the source.
    prefix: String,
    outputs: Vec<String>,
}

impl Placeholders {
    fn new(source: &str) -> Placeholders {
        let mut prefix = PLACEHOLDER_PREFIX.to_owned();
        let mut salt = 0u32;
        while source.contains(&prefix) {
            salt += 1;
            prefix = format!("{PLACEHOLDER_PREFIX}{salt}x");
        }
        Placeholders {
            prefix,
            outputs: Vec::new(),
        }
    }

    fn add(&mut self, output: String) -> String {
        let token = format!("{}s{}{PLACEHOLDER_SUFFIX}", self.prefix, self.outputs.len());
        self.outputs.push(output);
        token
    }

    /// A token whose output comes later ([`Placeholders::fill`]): its slot and the token.
    fn reserve(&mut self) -> (usize, String) {
        let slot = self.outputs.len();
        (slot, self.add(String::new()))
    }

    fn fill(&mut self, slot: usize, output: String) {
        if let Some(place) = self.outputs.get_mut(slot) {
            *place = output;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.outputs.is_empty()
    }

    /// Hugo's `expandShortcodeTokens`: every token in `html` replaced by its output, a
    /// `<p>TOKEN</p>` wrapper with it. One pass; outputs are not searched again.
    pub fn expand(&self, html: &str) -> String {
        if self.outputs.is_empty() || !html.contains(&self.prefix) {
            return html.to_owned();
        }
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        while let Some(at) = rest.find(&self.prefix) {
            let after_prefix = &rest[at + self.prefix.len()..];
            let parsed = after_prefix.strip_prefix('s').and_then(|digits_on| {
                let digits = digits_on.bytes().take_while(u8::is_ascii_digit).count();
                let index: usize = digits_on[..digits].parse().ok()?;
                digits_on[digits..]
                    .starts_with(PLACEHOLDER_SUFFIX)
                    .then_some((index, 1 + digits + PLACEHOLDER_SUFFIX.len()))
            });
            let Some((index, token_rest)) = parsed.filter(|(i, _)| *i < self.outputs.len()) else {
                out.push_str(&rest[..at + self.prefix.len()]);
                rest = after_prefix;
                continue;
            };
            let token_end = at + self.prefix.len() + token_rest;
            let (mut before, mut after) = (&rest[..at], &rest[token_end..]);
            let mut line = None;
            if let (Some((b, l)), Some(a)) =
                (strip_paragraph_open(before), after.strip_prefix("</p>"))
            {
                (before, after, line) = (b, a, l);
            }
            out.push_str(before);
            match line {
                // The paragraph's `data-source-line` goes to the output's first element.
                Some(line) => out.push_str(&with_source_line(&self.outputs[index], line)),
                None => out.push_str(&self.outputs[index]),
            }
            rest = after;
        }
        out.push_str(rest);
        out
    }
}

/// `before` without the `<p>` (or `<p data-source-line="N">`) it ends with, and N.
fn strip_paragraph_open(before: &str) -> Option<(&str, Option<&str>)> {
    if let Some(b) = before.strip_suffix("<p>") {
        return Some((b, None));
    }
    const OPEN: &str = "<p data-source-line=\"";
    let inner = before.strip_suffix("\">")?;
    let at = inner.rfind(OPEN)?;
    let digits = &inner[at + OPEN.len()..];
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .then_some((&before[..at], Some(digits)))
}

/// `html` with `data-source-line="line"` on its first element, when it starts with one that
/// has none.
fn with_source_line(html: &str, line: &str) -> String {
    let trimmed = html.trim_start();
    let lead = html.len() - trimmed.len();
    let name_len = trimmed
        .strip_prefix('<')
        .filter(|t| t.starts_with(|c: char| c.is_ascii_alphabetic()))
        .map(|t| {
            t.find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .unwrap_or(t.len())
        });
    let first_tag_end = trimmed.find('>').unwrap_or(trimmed.len());
    match name_len {
        Some(len) if !trimmed[..first_tag_end].contains("data-source-line") => {
            let at = lead + 1 + len;
            format!("{} data-source-line=\"{line}\"{}", &html[..at], &html[at..])
        }
        _ => html.to_owned(),
    }
}

/// Expands the shortcodes of `body` (byte `offset` of the file `source`). `page` makes
/// `.Page` for site templates and the caller's shortcodes; it runs at the first call that
/// needs it, so a page without shortcodes never copies its front matter into one.
///
/// As in Hugo, `{{% %}}` calls run now (their output is Markdown) and `{{< >}}` calls only
/// after the Markdown ([`render_deferred`]), so what they share (`.Page.Store`, counters)
/// sees the render hooks first. Inline shortcodes and errors are rendered now.
pub fn expand(
    source: &str,
    offset: usize,
    index: &LineIndex,
    implementations: &Implementations,
    env: &Env,
    page: &dyn Fn() -> Rc<PageObject>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Expanded {
    let body = source.get(offset..).unwrap_or("");
    let needs_inner = |name: &str| implementations.needs_inner(name);
    let mut document = tree::build(body, offset, &needs_inner);
    document.locate(index);
    diagnostics.append(&mut document.diagnostics);

    let mut expander = Expander {
        source,
        implementations,
        env,
        diagnostics,
        placeholders: Placeholders::new(source),
        make_page: page,
        page: OnceCell::new(),
    };
    let mut prepared = PreparedBody::new();
    let mut deferred = Vec::new();
    for segment in &document.content {
        match segment {
            Segment::Text(span) => {
                prepared.push_verbatim(slice(source, *span), span.start - offset);
            }
            Segment::SummaryDivider(span) => {
                let range = span.start - offset..span.end - offset;
                if prepared.has_divider {
                    prepared.push_verbatim(slice(source, *span), range.start);
                } else {
                    prepared.push_replacement(SUMMARY_DIVIDER_REPLACEMENT, range);
                    prepared.has_divider = true;
                }
            }
            Segment::Shortcode(node)
                if !node.markdown && !node.inline && node.error.is_none() =>
            {
                let range = node.span.start - offset..node.span.end - offset;
                let (slot, token) = expander.placeholders.reserve();
                prepared.push_replacement(&token, range);
                deferred.push((slot, node.clone()));
            }
            Segment::Shortcode(node) => {
                let range = node.span.start - offset..node.span.end - offset;
                let (output, ok) = expander.render(node, 0, None);
                if ok && node.markdown && !implementations.is_legacy_markdown(&node.name) {
                    prepared.push_replacement(&output, range);
                } else {
                    let token = expander.placeholders.add(output);
                    prepared.push_replacement(&token, range);
                }
            }
        }
    }
    Expanded {
        prepared,
        placeholders: expander.placeholders,
        deferred,
    }
}

/// Renders the `{{< >}}` calls [`expand`] left for after the Markdown, in the page's order.
pub fn render_deferred(
    expanded: &mut Expanded,
    source: &str,
    implementations: &Implementations,
    env: &Env,
    page: &dyn Fn() -> Rc<PageObject>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if expanded.deferred.is_empty() {
        return;
    }
    let mut expander = Expander {
        source,
        implementations,
        env,
        diagnostics,
        placeholders: std::mem::take(&mut expanded.placeholders),
        make_page: page,
        page: OnceCell::new(),
    };
    for (slot, node) in std::mem::take(&mut expanded.deferred) {
        let (output, _) = expander.render(&node, 0, None);
        expander.placeholders.fill(slot, output);
    }
    expanded.placeholders = expander.placeholders;
}

fn slice(source: &str, span: Span) -> &str {
    source.get(span.start..span.end).unwrap_or("")
}

struct Expander<'s, 'e> {
    source: &'s str,
    implementations: &'e Implementations<'e>,
    env: &'e Env<'e>,
    diagnostics: &'e mut Vec<Diagnostic>,
    placeholders: Placeholders,
    make_page: &'e dyn Fn() -> Rc<PageObject>,
    page: OnceCell<Rc<PageObject>>,
}

impl Expander<'_, '_> {
    /// `.Page`, made when first needed.
    fn page(&self) -> &Rc<PageObject> {
        self.page.get_or_init(self.make_page)
    }

    /// One call's output, and whether it is real output (false: an error box). Recursion is
    /// bounded by [`MAX_RENDER_DEPTH`].
    fn render(
        &mut self,
        node: &Node,
        level: usize,
        parent: Option<Rc<ShortcodeContext>>,
    ) -> (String, bool) {
        if let Some(message) = &node.error {
            // The tree builder already reported it.
            return (self.error_box(node, message), false);
        }
        if level >= MAX_RENDER_DEPTH {
            let message =
                format!("shortcodes nested more than {MAX_RENDER_DEPTH} deep are not rendered");
            self.diagnostics
                .push(Diagnostic::error(message.clone(), node.open_tag));
            return (self.error_box(node, &message), false);
        }
        if node.inline && !self.implementations.enable_inline {
            // Hugo renders disabled inline shortcodes as nothing, silently.
            return (String::new(), true);
        }

        // `.Parent` for nested calls: this call's context, before its inner content exists.
        let implementation = match self.implementations.lookup(&node.name) {
            _ if node.inline => None,
            Some(implementation) => Some(implementation),
            None => {
                // The tree makes calls of unknown names error nodes, handled above.
                let message = format!("template for shortcode {:?} not found", node.name);
                return (self.error_box(node, &message), false);
            }
        };
        let as_parent = Rc::new(ShortcodeContext {
            name: node.name.clone(),
            params: node.params.clone(),
            inner: String::new(),
            indentation: node.indentation.clone(),
            ordinal: node.ordinal,
            position: PositionObject {
                filename: self.env.page_path.unwrap_or("content").to_owned(),
                line: node.position.line,
                column: node.position.column,
                offset: node.span.start,
            },
            parent: parent.clone(),
            page: self.page().clone(),
            scratch: Rc::default(),
        });
        // The call's own context shares this scratch pad: what nested calls put into
        // `.Parent.Scratch` is in `.Scratch` when the template runs.
        let scratch = as_parent.scratch.clone();
        let inner = self.inner(node, level, Some(as_parent));
        let call = Call {
            name: &node.name,
            params: &node.params,
            inner: &inner,
            markdown: node.markdown,
            ordinal: node.ordinal,
            position: node.position,
            indentation: &node.indentation,
        };
        let mut report = Report::default();
        let run = || Run {
            call: &call,
            parent: parent.clone(),
            page: self.page(),
            scratch: scratch.clone(),
            env: self.env,
        };
        let templates = self.implementations.templates;
        let output = match implementation {
            // `{{< NAME.inline >}}TEMPLATE{{< /NAME.inline >}}` defines and runs TEMPLATE;
            // `{{< NAME.inline />}}` runs the page's earlier definition.
            None => {
                let definition = node.inner.map(|span| slice(self.source, span));
                templates.run_inline(definition, run(), &mut report)
            }
            Some(Implementation::Builtin(builtin)) => {
                (builtin.render)(&call, self.env, &mut report)
            }
            Some(Implementation::External(_)) => self.call_external(node, &call, &mut report),
            Some(Implementation::Template) => templates.run(run(), &mut report),
        };
        let mut error = None;
        let output_in_error_box = report.output_in_error_box;
        self.diagnostics.append(&mut report.site);
        for (severity, message) in report.problems {
            if severity == Severity::Error && error.is_none() {
                error = Some(message.clone());
            }
            self.diagnostics
                .push(Diagnostic::new(severity, message, node.open_tag));
        }
        if let Some(message) = error {
            if output_in_error_box && !output.is_empty() {
                return (self.error_box_around(node, &message, &output), false);
            }
            return (self.error_box(node, &message), false);
        }
        (indent(output, node), true)
    }

    /// Runs a caller's function; what it throws becomes an error.
    fn call_external(&self, node: &Node, call: &Call<'_>, report: &mut Report) -> String {
        let Some(external) = self.implementations.external else {
            return String::new();
        };
        let fields = &self.page().fields;
        let external_call = ExternalCall {
            name: call.name,
            params: call.params.to_json(),
            is_named_params: matches!(call.params, Params::Named(_)),
            inner: call.inner,
            ordinal: call.ordinal,
            position: ExternalPosition {
                line: call.position.line,
                column: call.position.column,
                offset: node.span.start,
            },
            page: ExternalPage {
                fields,
                params: self.env.front_matter,
            },
        };
        match external.call(&external_call) {
            Ok(html) => html,
            Err(message) => {
                report.problems.push((
                    Severity::Error,
                    format!("shortcode {:?}: {message}", call.name),
                ));
                String::new()
            }
        }
    }

    /// Hugo's `.Inner`: the text between the tags with nested calls rendered, the summary
    /// divider left out; for a nested `{{% %}}` call, rendered as Markdown.
    fn inner(&mut self, node: &Node, level: usize, parent: Option<Rc<ShortcodeContext>>) -> String {
        if node.inner.is_none() {
            return String::new();
        }
        let mut inner = String::new();
        for segment in &node.content {
            match segment {
                Segment::Text(span) => inner.push_str(slice(self.source, *span)),
                Segment::SummaryDivider(_) => {}
                Segment::Shortcode(child) => {
                    let (output, _) = self.render(child, level + 1, parent.clone());
                    inner.push_str(&output);
                }
            }
        }
        if node.markdown && (level > 0 || self.implementations.is_legacy_markdown(&node.name)) {
            let rendered = (self.env.render_markdown)(&inner, true);
            // `innerCleanupRegexp`: a one-line inner loses its paragraph.
            if !inner.contains('\n') {
                if let Some(stripped) = rendered
                    .strip_prefix("<p>")
                    .and_then(|r| r.strip_suffix("</p>\n"))
                {
                    return stripped.to_owned();
                }
            }
            return rendered;
        }
        inner
    }

    /// A visible, inline error box in place of a call: what Hugo would refuse to build.
    fn error_box(&self, node: &Node, message: &str) -> String {
        let mut html = self.error_box_open("span", node, message);
        html.push_str("</span>");
        html
    }

    /// The error box of a removed built-in, around what it rendered (a block, so the box
    /// is a `<div>`: a `<span>` around a `<blockquote>` is not valid HTML).
    fn error_box_around(&self, node: &Node, message: &str, content: &str) -> String {
        let mut html = self.error_box_open("div", node, message);
        html.push_str(content);
        html.push_str("</div>");
        html
    }

    /// The box's start tag, the call's opening tag in bold and the message.
    fn error_box_open(&self, element: &str, node: &Node, message: &str) -> String {
        let mut html = format!("<{element} class=\"{ERROR_CLASS}\" role=\"alert\" title=\"");
        escape_into(&mut html, message);
        html.push_str("\"><strong>");
        escape_into(&mut html, &tag_excerpt(slice(self.source, node.open_tag)));
        html.push_str("</strong> ");
        escape_into(&mut html, message);
        html
    }
}

/// For a call without inner content, Hugo indents every output line after the first with
/// the call's indentation, so that multi-line output stays inside a list item.
fn indent(output: String, node: &Node) -> String {
    if node.indentation.is_empty() || node.inner.is_some() || !output.contains('\n') {
        return output;
    }
    let mut indented = String::with_capacity(output.len() + node.indentation.len() * 4);
    for (i, line) in output.split_inclusive('\n').enumerate() {
        if i > 0 {
            indented.push_str(&node.indentation);
        }
        indented.push_str(line);
    }
    indented
}

/// The opening tag as written, shortened to a readable length.
fn tag_excerpt(tag: &str) -> String {
    const MAX_CHARS: usize = 80;
    let collapsed: String = tag.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= MAX_CHARS {
        return collapsed;
    }
    let mut short: String = collapsed.chars().take(MAX_CHARS - 1).collect();
    short.push('…');
    short
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_tokens_and_their_paragraph() {
        let mut p = Placeholders::new("");
        let a = p.add("<div>A</div>".into());
        let b = p.add("b".into());
        let html = format!("<p>{a}</p>\n<p>x {b} y</p>\n");
        assert_eq!(p.expand(&html), "<div>A</div>\n<p>x b y</p>\n");
    }

    #[test]
    fn a_source_containing_the_prefix_gets_another_one() {
        let p = Placeholders::new("HAHAHUGOSHORTCODEs0HBHB");
        assert_ne!(p.prefix, PLACEHOLDER_PREFIX);
        assert_eq!(
            p.expand("HAHAHUGOSHORTCODEs0HBHB"),
            "HAHAHUGOSHORTCODEs0HBHB"
        );
    }
}
