//! The shortcode call tree: Hugo's `extractShortcode` (`hugolib/shortcode.go`) over the
//! lexer's items, with an explicit stack instead of recursion and with error recovery.
//!
//! In: the body, its byte offset in the whole file, and `needs_inner(name)`: `Some(true)`
//! when the shortcode's template uses `.Inner`/`.InnerDeindent`, `Some(false)` when it does
//! not, `None` when there is no such shortcode. Out: a [`Document`]: the body as a sequence
//! of [`Segment`]s (text, the summary divider, shortcode [`Node`]s whose `content` holds
//! their inner text and nested calls), and diagnostics with Hugo's messages.
//!
//! Hugo decides the extent of a shortcode from its template (reference §1.7): a call whose
//! template ignores `.Inner` ends at its own `>}}`; one that uses `.Inner` runs to its
//! closing tag, and closing tags pair with open calls by position, not by name.
//!
//! # Recovery (where we are kinder than Hugo)
//!
//! Hugo stops at the first error. A preview must keep going, so every error is confined to
//! one shortcode, which becomes an *error node* (`Node::error` is set, its span covers what
//! it swallowed), and parsing goes on after it:
//!
//! * A **syntax error inside a tag** (lexer `Error` item): the shortcode that tag belongs to
//!   (opening tag, or the closing tag it was consuming) becomes an error node ending where the
//!   lexer resumes ([`Lexer::recover`]: after the broken tag's right delimiter, or before the
//!   next `{{<`). Children already parsed are kept in it.
//! * A **syntax error between tags** (an unclosed `{{</*` comment, a shortcode inside an
//!   inline shortcode): a standalone error node for that tag; the enclosing call goes on.
//! * An **unknown name**: the call becomes an error node and is paired with the next closing
//!   tag of the same name, if there is one (the region between is not parsed; it is that
//!   call's inner source); otherwise it is just its opening tag.
//! * **No name**, a **closing tag on a template without `.Inner`** (self-closing included),
//!   **mixed parameter forms**: an error node for that tag only.
//! * **Never closed** (reached the end while a call using `.Inner` is open): the call becomes
//!   an error node of its opening tag alone, and everything it had collected (text and
//!   calls) moves up to the top level after it, renumbered, so a forgotten closing tag while
//!   typing does not swallow the rest of the page.
//!
//! A valid document gives exactly Hugo's tree. Nothing here recurses on input depth, and
//! [`Node`] drops its children iteratively, so thousands of nested calls are fine.

use super::lexer::{is_alphanumeric_or_hyphen, is_ascii_space, Item, ItemKind, Lexer};
use crate::diagnostic::{Diagnostic, LineIndex, Span};
use crate::rules::quote::quote;
use serde_json::{Map, Value};
use std::collections::HashMap;

const ERROR_PREFIX: &str = "failed to extract shortcode";

/// A shortcode's parameters: all positional or all named (Hugo forbids mixing them).
#[derive(Debug, Clone, PartialEq)]
pub enum Params {
    /// `.Params` as `[]any`. Also the empty case (Hugo's nil `[]string`, `.IsNamedParams`
    /// false).
    Positional(Vec<Value>),
    /// `.Params` as `map[string]any`, in source order; a repeated key keeps the last value.
    Named(Map<String, Value>),
}

impl Default for Params {
    fn default() -> Params {
        Params::Positional(Vec::new())
    }
}

impl Params {
    /// The parameters as JSON: an array or an object.
    pub fn to_json(&self) -> Value {
        match self {
            Params::Positional(values) => Value::Array(values.clone()),
            Params::Named(map) => Value::Object(map.clone()),
        }
    }

    #[cfg(feature = "internals")]
    pub fn is_empty(&self) -> bool {
        match self {
            Params::Positional(values) => values.is_empty(),
            Params::Named(map) => map.is_empty(),
        }
    }
}

/// 1-based line and column (in characters) of a shortcode's `{{`. Hugo's `.Position`
/// counts the column in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// One piece of a body or of a shortcode's inner content, in source order.
#[derive(Debug, Clone, PartialEq)]
pub enum Segment {
    /// Text, including indentation and the escaped form `{{</* x */>}}` (one segment per
    /// lexer item, so the `/*` `*/` markers are not in any of them).
    Text(Span),
    /// The first `<!--more-->` (with the whitespace after it). Hugo only uses it at the top
    /// level; inside a shortcode it just disappears from `.Inner`.
    SummaryDivider(Span),
    /// A shortcode call.
    Shortcode(Box<Node>),
}

/// One shortcode call.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Node {
    /// As written, case kept; `x.inline` for inline shortcodes. Empty for a nameless error.
    pub name: String,
    pub params: Params,
    /// `{{% %}}` notation on the opening tag (Hugo's `doMarkup`).
    pub markdown: bool,
    /// `{{< x />}}`.
    pub self_closing: bool,
    /// Has a closing tag or is self-closing.
    pub closed: bool,
    /// `name.inline`.
    pub inline: bool,
    /// Spaces and tabs before `{{` on its line (Hugo's `sc.indentation`), else empty.
    pub indentation: String,
    /// 0-based among siblings; at the top level every call of the page counts.
    pub ordinal: usize,
    /// From the `{{` of the opening tag to the end of the closing tag (bytes of the file).
    pub span: Span,
    pub open_tag: Span,
    pub close_tag: Option<Span>,
    /// The raw source between the tags, when there is a closing tag.
    pub inner: Option<Span>,
    /// The inner content: text, nested calls and a summary divider, in order. Hugo's
    /// `.Inner` is these pieces with nested calls replaced by their output.
    pub content: Vec<Segment>,
    /// Set on an error node: the first error met in this call (also a diagnostic).
    pub error: Option<String>,
    /// Filled in by [`Document::locate`].
    pub position: Position,
}

impl Node {
    /// Nested calls, in order.
    pub fn children(&self) -> impl Iterator<Item = &Node> {
        self.content.iter().filter_map(|segment| match segment {
            Segment::Shortcode(node) => Some(&**node),
            _ => None,
        })
    }

    /// The raw source between the tags, when there is a closing tag.
    pub fn inner_source<'s>(&self, body: &'s str, offset: usize) -> Option<&'s str> {
        let inner = self.inner?;
        body.get(inner.start.checked_sub(offset)?..inner.end.checked_sub(offset)?)
    }
}

impl Drop for Node {
    // Dropping a deep tree recursively would overflow the stack; flatten it instead.
    fn drop(&mut self) {
        let mut pending = std::mem::take(&mut self.content);
        while let Some(segment) = pending.pop() {
            if let Segment::Shortcode(mut node) = segment {
                pending.append(&mut node.content);
            }
        }
    }
}

/// A parsed body.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// Top-level text, summary divider and calls, in source order.
    pub content: Vec<Segment>,
    /// Hugo's errors (and a few warnings), in source order, not yet located.
    pub diagnostics: Vec<Diagnostic>,
}

impl Document {
    /// The top-level calls.
    pub fn shortcodes(&self) -> impl Iterator<Item = &Node> {
        self.content.iter().filter_map(|segment| match segment {
            Segment::Shortcode(node) => Some(&**node),
            _ => None,
        })
    }

    /// The top-level text with the calls and the summary divider left out.
    #[cfg(feature = "internals")]
    pub fn text(&self, body: &str, offset: usize) -> String {
        let mut text = String::new();
        for segment in &self.content {
            if let Segment::Text(span) = segment {
                let slice = span
                    .start
                    .checked_sub(offset)
                    .zip(span.end.checked_sub(offset))
                    .and_then(|(start, end)| body.get(start..end));
                text.push_str(slice.unwrap_or(""));
            }
        }
        text
    }

    /// The summary divider, when it is at the top level (where Hugo honours it).
    pub fn summary_divider(&self) -> Option<Span> {
        self.content.iter().find_map(|segment| match segment {
            Segment::SummaryDivider(span) => Some(*span),
            _ => None,
        })
    }

    /// Fills in the positions of every call and diagnostic. `index` is over the whole file.
    pub fn locate(&mut self, index: &LineIndex) {
        for diagnostic in &mut self.diagnostics {
            diagnostic.locate(index);
        }
        let mut pending: Vec<&mut Node> = Vec::new();
        collect_nodes(&mut self.content, &mut pending);
        while let Some(node) = pending.pop() {
            let (line, column) = index.line_column(node.span.start);
            node.position = Position { line, column };
            collect_nodes(&mut node.content, &mut pending);
        }
    }
}

fn collect_nodes<'n>(content: &'n mut [Segment], into: &mut Vec<&'n mut Node>) {
    into.extend(content.iter_mut().filter_map(|segment| match segment {
        Segment::Shortcode(node) => Some(&mut **node),
        _ => None,
    }));
}

/// Builds the call tree of `body`, which starts at byte `offset` of the whole file.
/// `needs_inner(name)` tells whether the template of `name` uses `.Inner` (`None`: no such
/// shortcode). Never fails: problems are diagnostics and error nodes.
pub fn build(body: &str, offset: usize, needs_inner: &dyn Fn(&str) -> Option<bool>) -> Document {
    let mut builder = Builder {
        lexer: Lexer::new(body, offset),
        body,
        offset,
        needs_inner,
        peeked: None,
        previous: None,
        items_read: 0,
        stack: Vec::new(),
        document: Document::default(),
        top_ordinal: 0,
        closing_tags: None,
        scratch: Frame::default(),
    };
    builder.run();
    let mut document = builder.document;
    crate::diagnostic::sort_by_place(&mut document.diagnostics);
    document
}

/// A call being built: Hugo's `shortcode` plus the locals of `extractShortcode`.
#[derive(Default)]
struct Frame {
    node: Node,
    /// Hugo's `cnt`: left delimiters seen; after the first one, a `{{<` opens a nested call.
    cnt: u32,
    needs_inner: bool,
    unknown: bool,
    /// The opening tag's `>}}` has been read.
    opening_done: bool,
    /// Start of the closing tag being read (`{{<` followed by `/`).
    closing_start: Option<usize>,
    next_child_ordinal: usize,
    /// The error already has its diagnostic (lexer errors are reported at their own span).
    diagnosed: bool,
}

struct Builder<'a, 'r> {
    lexer: Lexer<'a>,
    body: &'a str,
    offset: usize,
    needs_inner: &'r dyn Fn(&str) -> Option<bool>,
    peeked: Option<Item>,
    /// The item read before the current one, with its index, for indentation.
    previous: Option<(Item, usize)>,
    items_read: usize,
    stack: Vec<Frame>,
    document: Document,
    top_ordinal: usize,
    /// Closing tags by name, collected on the first unknown shortcode.
    closing_tags: Option<HashMap<&'a str, Vec<(usize, usize)>>>,
    scratch: Frame,
}

impl<'a> Builder<'a, '_> {
    fn eof_item(&self) -> Item {
        let end = self.offset + self.body.len();
        Item::eof(end)
    }

    fn next_item(&mut self) -> Item {
        let item = match self.peeked.take() {
            Some(item) => item,
            None => self.lexer.next().unwrap_or_else(|| self.eof_item()),
        };
        let current = self.items_read;
        self.items_read += 1;
        // Keep only what indentation needs; cloning a short item is cheap.
        self.previous = Some((item.clone(), current));
        item
    }

    fn peek(&mut self) -> &Item {
        let eof = self.eof_item();
        let lexer = &mut self.lexer;
        self.peeked
            .get_or_insert_with(|| lexer.next().unwrap_or(eof))
    }

    fn value<'s>(&'s self, item: &'s Item) -> &'s str {
        item.value(self.body, self.offset)
    }

    fn run(&mut self) {
        loop {
            let indentation = self.indentation_before_next();
            let item = self.next_item();
            let done = if self.stack.is_empty() {
                self.top_level(item, indentation)
            } else {
                self.in_frame(item, indentation)
            };
            if done {
                break;
            }
        }
    }

    /// Hugo's `extractShortcode` backs up one item to find indentation, except when the
    /// shortcode is the first item of the file (`pt.Pos() > 0`): with front matter before the
    /// body (offset > 0) that never happens.
    fn indentation_before_next(&self) -> String {
        match &self.previous {
            Some((item, index))
                if item.kind == ItemKind::Indentation && (*index > 0 || self.offset > 0) =>
            {
                self.value(item).to_owned()
            }
            _ => String::new(),
        }
    }

    /// Returns true at the end of the document.
    fn top_level(&mut self, item: Item, indentation: String) -> bool {
        match item.kind {
            ItemKind::Text | ItemKind::Indentation => {
                self.document.content.push(Segment::Text(item.span))
            }
            ItemKind::SummaryDivider => self
                .document
                .content
                .push(Segment::SummaryDivider(item.span)),
            ItemKind::LeftDelim { markdown } => {
                let ordinal = self.top_ordinal;
                self.top_ordinal += 1;
                self.open(item.span, markdown, ordinal, indentation);
            }
            ItemKind::Error { message, tag } => {
                self.standalone_error(message, item.span, tag);
                self.lexer.recover();
            }
            ItemKind::Eof => return true,
            // Names and parameters only come after a left delimiter.
            _ => {}
        }
        false
    }

    /// The left-delimiter case of `extractShortcode`, for the first delimiter of a call.
    fn open(&mut self, delim: Span, markdown: bool, ordinal: usize, indentation: String) {
        let mut node = Node::default();
        node.ordinal = ordinal;
        node.indentation = indentation;
        node.span = delim;
        node.open_tag = delim;
        let mut frame = Frame {
            node,
            cnt: 0,
            needs_inner: false,
            unknown: false,
            opening_done: false,
            closing_start: None,
            next_child_ordinal: 0,
            diagnosed: false,
        };
        match self.peek().kind {
            ItemKind::RightDelim { .. } => {
                frame.node.error = Some("shortcode has no name".into());
            }
            // A closing tag with nothing open that needs one: the Close case reports it.
            ItemKind::Close => frame.closing_start = Some(delim.start),
            _ => {
                frame.node.markdown = markdown;
                frame.cnt = 1;
            }
        }
        self.stack.push(frame);
    }

    /// Returns true at the end of the document.
    fn in_frame(&mut self, item: Item, indentation: String) -> bool {
        match item.kind {
            ItemKind::LeftDelim { markdown } => {
                if matches!(self.peek().kind, ItemKind::Close) {
                    let frame = self.top();
                    frame.closing_start = Some(item.span.start);
                } else {
                    let frame = self.top();
                    let ordinal = frame.next_child_ordinal;
                    frame.next_child_ordinal += 1;
                    frame.cnt += 1;
                    self.open(item.span, markdown, ordinal, indentation);
                }
            }
            ItemKind::RightDelim { .. } => self.right_delim(item.span),
            ItemKind::Close => self.close(),
            ItemKind::Name { inline } => self.name(&item, inline),
            ItemKind::Param { .. } => self.param(&item),
            ItemKind::Text | ItemKind::Indentation => {
                let frame = self.top();
                if frame.opening_done {
                    frame.node.content.push(Segment::Text(item.span));
                }
            }
            ItemKind::SummaryDivider => {
                let frame = self.top();
                frame.node.content.push(Segment::SummaryDivider(item.span));
            }
            // A value with no key before it (`{{< x = y >}}`): Hugo ignores it.
            ItemKind::ParamValue { .. } => {}
            ItemKind::Error { message, tag } => {
                let frame = self.top();
                let own_tag = frame.node.span.start == tag.start && !frame.opening_done
                    || frame.closing_start == Some(tag.start);
                if own_tag {
                    self.diagnostics_push(Diagnostic::error(message.clone(), item.span));
                    let frame = self.top();
                    frame.diagnosed |= frame.node.error.is_none();
                    frame.node.error.get_or_insert(message);
                    let keeps_inner = !frame.opening_done
                        && frame.closing_start.is_none()
                        && (frame.needs_inner || frame.node.inline);
                    if keeps_inner {
                        // A broken opening tag of a call that takes inner content: keep it
                        // open, so that its closing tag still pairs with it.
                        frame.opening_done = true;
                        frame.node.open_tag.end = tag.end;
                    } else {
                        self.finish(tag.end);
                    }
                } else {
                    self.standalone_error(message, item.span, tag);
                }
                self.lexer.recover();
            }
            ItemKind::Eof => {
                self.end_of_document(item.span.end);
                return true;
            }
        }
        false
    }

    /// The innermost open call. Handlers only run with one open; should that ever not hold,
    /// writes go to a scratch frame rather than panicking on user input.
    fn top(&mut self) -> &mut Frame {
        match self.stack.last_mut() {
            Some(frame) => frame,
            None => &mut self.scratch,
        }
    }

    fn diagnostics_push(&mut self, diagnostic: Diagnostic) {
        self.document.diagnostics.push(diagnostic);
    }

    /// `case currItem.IsRightShortcodeDelim()`.
    fn right_delim(&mut self, delim: Span) {
        let frame = self.top();
        if frame.opening_done {
            // Closing tags consume their own `>}}`; nothing else reaches here.
            return;
        }
        frame.opening_done = true;
        frame.node.open_tag.end = delim.end;
        if frame.node.error.is_some() {
            let end = if frame.unknown && !frame.node.self_closing {
                self.pair_unknown(delim.end).unwrap_or(delim.end)
            } else {
                delim.end
            };
            self.finish(end);
        } else if frame.node.name.is_empty() {
            // `{{< = x >}}`: a value but no name.
            frame.node.error = Some("shortcode has no name".into());
            self.finish(delim.end);
        } else if !frame.node.inline && !frame.needs_inner {
            // "we trust the template on this: if there's no inner, we're done"
            self.finish(delim.end);
        }
    }

    /// `case currItem.IsShortcodeClose()`.
    fn close(&mut self) {
        let next_is_right_delim = matches!(self.peek().kind, ItemKind::RightDelim { .. });
        let next_is_error = self.peek().is_error();
        let next_name = match &self.peek().kind {
            ItemKind::Name { .. } => Some(self.peek().clone()),
            _ => None,
        };
        let next_name_value = next_name
            .as_ref()
            .map(|item| self.value(item).to_owned())
            .unwrap_or_default();
        let frame = self.top();
        if frame.node.error.is_some() && !frame.opening_done {
            // The rest of the tag is skipped; remember the form for the outline.
            frame.node.self_closing |= next_is_right_delim && !frame.opening_done;
            return;
        }
        frame.node.closed = true;
        if !frame.node.inline && !frame.needs_inner {
            if next_is_error {
                // "return that error, more specific"
                return;
            }
            let name = if frame.node.name.is_empty() {
                next_name_value
            } else {
                frame.node.name.clone()
            };
            if frame.node.name.is_empty() {
                frame.node.name = name.clone();
            }
            frame.node.closed = false;
            frame.node.self_closing = next_is_right_delim && frame.closing_start.is_none();
            frame.node.error = Some(format!(
                "{ERROR_PREFIX}: shortcode {} does not evaluate .Inner or .InnerDeindent, yet a closing tag was provided",
                quote(&name)
            ));
            // The tag's `>}}` finishes the error node.
            return;
        }
        if next_is_right_delim {
            let delim = self.next_item().span;
            let frame = self.top();
            if frame.opening_done {
                // `{{< / >}}`: a closing tag without a name closes the call all the same.
                self.close_with_tag(delim.end);
            } else {
                frame.node.self_closing = true;
                frame.node.open_tag.end = delim.end;
                self.finish(delim.end);
            }
            return;
        }
        // A closing tag: its name, then `>}}` (Hugo's `pt.Consume(2)`).
        if let Some(name_item) = next_name {
            self.next_item();
            let closing = name_item.value(self.body, self.offset).to_owned();
            let frame = self.top();
            if closing != frame.node.name {
                let message = format!(
                    "closing tag for shortcode '{closing}' closes the open shortcode {}: Hugo pairs closing tags by position, not by name",
                    quote(&frame.node.name)
                );
                self.diagnostics_push(Diagnostic::warning(message, name_item.span));
            }
        }
        if matches!(self.peek().kind, ItemKind::RightDelim { .. }) {
            let delim = self.next_item().span;
            self.close_with_tag(delim.end);
        }
        // Otherwise an error item follows and belongs to this closing tag.
    }

    fn close_with_tag(&mut self, end: usize) {
        let frame = self.top();
        let closing_start = frame.closing_start.unwrap_or(end);
        if frame.opening_done {
            frame.node.inner = Some(Span::new(frame.node.open_tag.end, closing_start));
        }
        frame.node.close_tag = Some(Span::new(closing_start, end));
        self.finish(end);
    }

    /// `case currItem.IsShortcodeName()` / `IsInlineShortcodeName()`.
    fn name(&mut self, item: &Item, inline: bool) {
        let name = self.value(item).to_owned();
        let needs_inner = if inline {
            None
        } else {
            (self.needs_inner)(&name)
        };
        let frame = self.top();
        if !frame.node.name.is_empty() || frame.node.error.is_some() && frame.unknown {
            return;
        }
        frame.node.name = name;
        if inline {
            frame.node.inline = true;
            return;
        }
        match needs_inner {
            Some(needs_inner) => frame.needs_inner = needs_inner,
            None => {
                frame.unknown = true;
                let message = format!(
                    "{ERROR_PREFIX}: template for shortcode {} not found",
                    quote(&frame.node.name)
                );
                frame.node.error.get_or_insert(message);
            }
        }
    }

    /// `case currItem.IsShortcodeParam()`.
    fn param(&mut self, item: &Item) {
        if matches!(self.peek().kind, ItemKind::Error { .. } | ItemKind::Eof) {
            return;
        }
        if matches!(self.peek().kind, ItemKind::ParamValue { .. }) {
            let value_item = self.next_item();
            let key = self.value(item).to_owned();
            let value = value_item.typed_value(self.body, self.offset);
            let frame = self.top();
            if let Params::Positional(values) = &frame.node.params {
                if values.is_empty() {
                    frame.node.params = Params::Named(Map::new());
                }
            }
            match &mut frame.node.params {
                Params::Named(map) => {
                    map.insert(key, value);
                }
                Params::Positional(_) => {
                    let message = format!(
                        "{ERROR_PREFIX}: invalid state: invalid param type map[string]interface {{}} for shortcode {}, expected a map",
                        quote(&frame.node.name)
                    );
                    frame.node.error.get_or_insert(message);
                }
            }
        } else {
            let value = item.typed_value(self.body, self.offset);
            let frame = self.top();
            match &mut frame.node.params {
                Params::Positional(values) => values.push(value),
                Params::Named(_) => {
                    let message = format!(
                        "{ERROR_PREFIX}: invalid state: invalid param type []interface {{}} for shortcode {}, expected a slice",
                        quote(&frame.node.name)
                    );
                    frame.node.error.get_or_insert(message);
                }
            }
        }
    }

    /// Pops the top frame as a finished call ending at `end` and adds it to its parent.
    fn finish(&mut self, end: usize) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        let mut node = frame.node;
        node.span.end = end.max(node.span.start);
        if let Some(message) = &node.error {
            if !frame.diagnosed {
                let at = Span::new(node.span.start, node.open_tag.end.max(node.span.start));
                let diagnostic = Diagnostic::error(message.clone(), at);
                self.diagnostics_push(diagnostic);
            }
        }
        self.add(Segment::Shortcode(Box::new(node)));
    }

    fn add(&mut self, segment: Segment) {
        match self.stack.last_mut() {
            Some(parent) => parent.node.content.push(segment),
            None => self.document.content.push(segment),
        }
    }

    /// A syntax error between tags: an error node for the broken tag alone.
    fn standalone_error(&mut self, message: String, at: Span, tag: Span) {
        self.diagnostics_push(Diagnostic::error(message.clone(), at));
        let ordinal = match self.stack.last_mut() {
            Some(parent) => {
                parent.next_child_ordinal += 1;
                parent.next_child_ordinal - 1
            }
            None => {
                self.top_ordinal += 1;
                self.top_ordinal - 1
            }
        };
        let mut node = Node::default();
        node.ordinal = ordinal;
        node.span = tag;
        node.open_tag = tag;
        node.error = Some(message);
        self.add(Segment::Shortcode(Box::new(node)));
    }

    /// An unknown call whose opening tag ends at `open_end`: take everything up to the next
    /// closing tag of the same name as its inner source, unparsed, and lex on after it.
    /// Returns where the call ends.
    fn pair_unknown(&mut self, open_end: usize) -> Option<usize> {
        let name = self.top().node.name.clone();
        let (start, end) = self.closing_tag_after(&name, open_end)?;
        self.peeked = None;
        self.lexer.resume_at(end);
        let frame = self.top();
        frame.node.inner = Some(Span::new(open_end, start));
        frame.node.close_tag = Some(Span::new(start, end));
        frame.node.closed = true;
        Some(end)
    }

    /// The first closing tag `{{< /name >}}` (either notation) starting at or after `from`.
    fn closing_tag_after(&mut self, name: &str, from: usize) -> Option<(usize, usize)> {
        let body = self.body;
        let offset = self.offset;
        let tags = self
            .closing_tags
            .get_or_insert_with(|| index_closing_tags(body, offset));
        let candidates = tags.get(name)?;
        let first = candidates.partition_point(|&(start, _)| start < from);
        candidates.get(first).copied()
    }

    /// End of input: Hugo's `IsDone` case. An open inline call just ends (Hugo reports
    /// nothing); every other open call uses `.Inner` and was never closed.
    fn end_of_document(&mut self, end: usize) {
        if self.stack.last().is_some_and(|frame| frame.node.inline) {
            self.finish(end);
        }
        let frames = std::mem::take(&mut self.stack);
        let Some(first_ordinal) = frames.first().map(|frame| frame.node.ordinal) else {
            return;
        };
        // Flatten from the outermost call in, so that every segment moves once.
        let mut moved = Vec::new();
        for frame in frames {
            let mut node = frame.node;
            let content = std::mem::take(&mut node.content);
            if node.error.is_none() {
                node.error = Some(format!(
                    "{ERROR_PREFIX}: shortcode {} must be closed or self-closed",
                    quote(&node.name)
                ));
            }
            let message = node.error.clone().unwrap_or_default();
            node.span = node.open_tag;
            node.closed = false;
            node.inner = None;
            self.diagnostics_push(Diagnostic::error(message, node.open_tag));
            moved.push(Segment::Shortcode(Box::new(node)));
            moved.extend(content);
        }
        let mut ordinal = first_ordinal;
        for segment in &mut moved {
            if let Segment::Shortcode(node) = segment {
                node.ordinal = ordinal;
                ordinal += 1;
            }
        }
        self.top_ordinal = ordinal;
        self.document.content.extend(moved);
    }
}

/// Every closing tag `{{< /name >}}` / `{{% /name %}}` in the body, by name, in order; one
/// pass, for pairing unknown shortcodes with their closing tags.
fn index_closing_tags(body: &str, offset: usize) -> HashMap<&str, Vec<(usize, usize)>> {
    let mut tags: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    let bytes = body.as_bytes();
    let mut from = 0;
    while let Some(found) = body.get(from..).and_then(|rest| rest.find("{{")) {
        let start = from + found;
        from = start + 1;
        let right = match bytes.get(start + 2) {
            Some(b'<') => ">}}",
            Some(b'%') => "%}}",
            _ => continue,
        };
        let rest = &body[start + 3..];
        let rest = rest.trim_start_matches(is_ascii_space);
        let Some(rest) = rest.strip_prefix('/') else {
            continue;
        };
        let rest = rest.trim_start_matches(is_ascii_space);
        let name_len = rest
            .find(|c: char| !(is_alphanumeric_or_hyphen(c) || c == '/' || c == '.'))
            .unwrap_or(rest.len());
        if name_len == 0 {
            continue;
        }
        let (name, after) = rest.split_at(name_len);
        let after = after.trim_start_matches(is_ascii_space);
        if after.starts_with(right) {
            let end = body.len() - after.len() + 3;
            tags.entry(name)
                .or_default()
                .push((start + offset, end + offset));
            from = end;
        }
    }
    tags
}
