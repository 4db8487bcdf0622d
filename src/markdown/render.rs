//! pulldown-cmark events → the HTML goldmark writes inside current Hugo.
//!
//! In: a [`PreparedBody`] (the text pulldown-cmark parses and its map back to the body) and
//! the Goldmark options. Out: [`RenderedBody`]: the HTML (footnotes at the end), every
//! heading with its id and inline HTML, and diagnostics. Every piece of markup below names
//! the goldmark (`renderer/html/html.go`, `extension/*.go`) or Hugo (`markup/goldmark/*`)
//! function whose output it copies; where Hugo 0.111.3 and current Hugo differ, current Hugo
//! wins.

use super::attribute_blocks::Owner;
use super::attributes::{AttributeValue, HeadingAttributes};
use super::cjk::ESCAPED_SPACE;
use super::extras::Piece;
use super::footnotes::Footnotes;
use super::ids::IdRegistry;
use super::linkify;
use super::source::PreparedBody;
use super::typographer::Typographer;
use crate::diagnostic::{Diagnostic, Span};
use crate::limits::MAX_HTML_NESTING;
use crate::options::GoldmarkOptions;
use crate::rules::escape::push_goldmark as push_escaped;
use pulldown_cmark::{
    Alignment, CodeBlockKind, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};
use std::collections::HashSet;
use std::ops::Range;

use crate::rules::RAW_HTML_OMITTED;

/// Hugo's warning when raw HTML is omitted (`hugocontext.go logRawHTMLEmittedWarn`, id
/// `warning-goldmark-raw-html`), logged once per page: Hugo's words, without the page's file
/// name, which the diagnostic carries, and with the setting that keeps the HTML.
pub const RAW_HTML_OMITTED_WARNING: &str = "Raw HTML omitted while rendering; see \
     https://gohugo.io/getting-started/configuration-markup/#rendererunsafe (set \
     markup.goldmark.renderer.unsafe = true in the site config to keep it)";

/// A heading as rendered, for ids and the table of contents.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderedHeading {
    pub level: u8,
    /// Empty when the heading has no id (`autoHeadingID = false` and no `{#id}`).
    pub id: String,
    /// The heading's inline HTML.
    pub title_html: String,
    /// Where the heading is: body offsets once [`render_body`] has mapped them back.
    pub span: Span,
}

/// What rendering one body gives.
#[derive(Debug, Clone, Default)]
pub struct RenderedBody {
    pub html: String,
    pub headings: Vec<RenderedHeading>,
}

/// The pulldown-cmark options matching a Goldmark configuration. Smart punctuation stays
/// off: our typographer does it, with goldmark's entities; so does strikethrough: `extras`
/// reads `~` as goldmark does.
pub fn parser_options(options: &GoldmarkOptions) -> Options {
    let mut o = Options::empty();
    if options.table {
        o |= Options::ENABLE_TABLES;
    }
    if options.task_list {
        o |= Options::ENABLE_TASKLISTS;
    }
    if options.footnote {
        o |= Options::ENABLE_FOOTNOTES;
    }
    if options.definition_list {
        o |= Options::ENABLE_DEFINITION_LIST;
    }
    // Heading attributes are read by `attributes`, with goldmark's syntax.
    o
}

/// Renders a prepared body. `body_offset` is where the body starts in the whole file, for
/// diagnostics.
///
/// `file_line`, when given, turns a byte offset of the file into its 1-based line: block
/// elements then carry `data-source-line` (the `sourceLines` option, for scroll sync).
pub fn render_body(
    body: &PreparedBody,
    body_offset: usize,
    options: &GoldmarkOptions,
    file_line: Option<&dyn Fn(usize) -> usize>,
    fences: Option<FenceHighlighter<'_>>,
    hooks: Option<&dyn RenderHooks>,
    diagnostics: &mut Vec<Diagnostic>,
) -> RenderedBody {
    let unmarked = super::definition_markers::escape_false_markers(body, parser_options(options));
    let body = unmarked.as_ref().unwrap_or(body);
    let unlazy = super::lazy_tables::unlazy_tables(body, parser_options(options));
    let body = unlazy.as_ref().unwrap_or(body);
    let repaired = super::table_rows::continue_tables(body, parser_options(options));
    let body = repaired.as_ref().unwrap_or(body);
    let protected =
        super::passthrough::protect(body, &options.passthrough, parser_options(options));
    let (body, passthroughs) = match &protected {
        Some((protected, list)) => (protected, list.as_slice()),
        None => (body, &[][..]),
    };
    let marked = if options.attribute_block {
        super::attribute_blocks::mark(body, parser_options(options))
    } else {
        None
    };
    let body = marked.as_ref().map_or(body, |marked| &marked.body);
    let text = body.text.as_str();
    let events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(text, parser_options(options))
        .into_offset_iter()
        .collect();
    let events = super::html_blocks::closing_raw_tags(events);
    // Attribute lines first: the headings they are marked as are gone before heading
    // attributes are read.
    let (events, block_attributes) = match &marked {
        Some(marked) => super::attribute_blocks::apply(text, marked, events),
        None => (events, Default::default()),
    };
    let (events, heading_attributes) = if options.attribute_title {
        super::attributes::apply(text, events)
    } else {
        (events, Default::default())
    };
    let events = super::table_lists::tighten(text, events);
    let pieces = super::extras::apply(text, events, options);
    let pieces = super::cjk::join_lines(text, pieces, options);
    // A reference to an undefined note stays literal text in goldmark.
    let defined: HashSet<String> = pieces
        .iter()
        .filter_map(|piece| match piece {
            Piece::Event(Event::Start(Tag::FootnoteDefinition(label)), _) => {
                Some(super::footnotes::normalize_label(label))
            }
            _ => None,
        })
        .collect();

    let line_of = file_line.map(|file_line| {
        Box::new(move |offset: usize| file_line(body.map.to_body(offset) + body_offset))
            as Box<dyn Fn(usize) -> usize + '_>
    });
    let mut writer = Writer {
        source: text,
        options,
        line_of,
        out: String::with_capacity(text.len() + text.len() / 2),
        saved: Vec::new(),
        run: String::new(),
        run_range: None,
        link_depth: 0,
        autolink_depth: 0,
        image_depth: 0,
        code_block: None,
        fences,
        fences_seen: 0,
        hooks,
        to_file: Box::new(move |offset: usize| body.map.to_body(offset) + body_offset),
        hooked_links: Vec::new(),
        hooked_quotes: Vec::new(),
        hooked_image: None,
        ordinals: [0; 7],
        html_block: None,
        heading: None,
        table: None,
        footnote_labels: Vec::new(),
        footnotes: Footnotes::default(),
        defined_footnotes: defined,
        blocks: Vec::new(),
        pending_first_child: None,
        pending_task: None,
        tight_descriptions: Vec::new(),
        term_depth: None,
        inline_open: false,
        containers: Vec::new(),
        nesting_reported: false,
        raw_html_reported: false,
        ids: IdRegistry::new(),
        typographer: Typographer::new(),
        run_literals: Vec::new(),
        run_entities: Vec::new(),
        heading_attributes,
        block_attributes,
        headings: Vec::new(),
        diagnostics: Vec::new(),
        site_diagnostics: Vec::new(),
    };
    for piece in pieces {
        match piece {
            Piece::Event(event, range) => writer.event(event, range),
            Piece::Open(span, range) => writer.open_span(span.element(), range),
            Piece::Close(span) => writer.close_span(span.element()),
            Piece::JoinedBreak => writer.soft_break(false),
        }
    }
    writer.flush_text();
    writer.footnotes.push_list(&mut writer.out);
    if writer.out.contains(ESCAPED_SPACE) {
        writer.out = writer.out.replace(&format!("{ESCAPED_SPACE} "), "");
        for heading in &mut writer.headings {
            heading.title_html = heading.title_html.replace(ESCAPED_SPACE, "\\");
        }
    }
    if !passthroughs.is_empty() {
        let html = std::mem::take(&mut writer.out);
        writer.out = super::passthrough::restore(&html, passthroughs, &mut |index| {
            writer.passthrough_hook(&passthroughs[index], index)
        });
        // The table of contents shows them as written, as Hugo's does.
        for heading in &mut writer.headings {
            heading.title_html =
                super::passthrough::restore(&heading.title_html, passthroughs, &mut |_| None);
        }
    }
    let Writer {
        out,
        headings,
        diagnostics: found,
        site_diagnostics,
        ..
    } = writer;
    diagnostics.extend(site_diagnostics);
    let headings = headings
        .into_iter()
        .map(|h| {
            let local = body.map.range_to_body(h.span.start..h.span.end);
            RenderedHeading {
                span: Span::new(local.start, local.end).shifted(body_offset),
                ..h
            }
        })
        .collect();
    for d in found {
        let local = body.map.range_to_body(d.span.start..d.span.end);
        diagnostics.push(Diagnostic {
            span: Span::new(local.start, local.end).shifted(body_offset),
            ..d
        });
    }
    RenderedBody {
        html: out,
        headings,
    }
}

/// The innermost block, for goldmark's "text block" newlines in tight lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Paragraph,
    Heading,
    Item,
    DefinitionTitle,
    DefinitionDescription,
    /// A paragraph of a tight definition description: goldmark turns it into a text block.
    TightParagraph,
    TableCell,
    Other,
}

/// A container whose first child decides a newline after its start tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FirstChild {
    /// goldmark `renderListItem`: `\n` unless the first child is a text block.
    ListItem,
}

#[derive(Debug)]
enum CodeBlock {
    /// goldmark's own: written as it comes, escaped with `util.EscapeHTML` (`&quot;`).
    Indented,
    /// Hugo's code block hook: collected, and written whole at its end, coloured by the
    /// highlighter or not.
    Fenced(Fence),
}

/// A fenced code block as it is written, for the highlighter.
#[derive(Debug)]
struct Fence {
    lang: String,
    /// What follows the language on the opening line (`{linenos=table}`).
    attributes: String,
    code: String,
    /// Its range in the prepared text.
    range: Range<usize>,
}

/// A fenced code block offered to the highlighter.
pub struct FencedCode<'a> {
    pub lang: &'a str,
    /// What follows the language on the opening line, as written.
    pub attributes: &'a str,
    pub code: &'a str,
    /// Its place among the page's fenced blocks, from 0 (Hugo's line anchors `hl-N`).
    pub ordinal: usize,
}

/// Colours a fenced block: `None` leaves it uncoloured, an error is reported at the block.
/// Where the renderer is given none, fenced blocks are goldmark's own (`codeFences = false`).
pub type FenceHighlighter<'a> = &'a dyn Fn(&FencedCode<'_>) -> Option<Result<String, String>>;

/// A highlighter that colours nothing: Hugo's block structure, uncoloured.
pub const UNCOLOURED: FenceHighlighter<'static> = &|_| None;

/// Hugo's render hooks (`layouts/_markup/render-*.html`): the site's templates for links,
/// images, headings, fenced code blocks and blockquotes. Where the site has none, the element
/// is written as goldmark writes it.
pub trait RenderHooks {
    /// Whether the site has a hook for `kind`.
    fn has(&self, kind: HookKind<'_>) -> bool;
    /// Runs the hook for one element: its output (`None` when it failed), and what it
    /// reported (`warnf`, `errorf`, the error that stopped it).
    fn render(&self, hook: &Hook<'_>) -> HookOutput;
    /// Where Hugo's embedded link (or image) hook applies, the URL it gives a destination
    /// (another page's, a bundle file's or an asset's permalink; a fragment on this page's);
    /// `None` to write the destination as goldmark does.
    fn resolve_destination(&self, _destination: &str, _image: bool) -> Option<String> {
        None
    }
}

/// Which hook: a code block's by its language, a blockquote's by its type (`alert` or
/// `regular`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HookKind<'a> {
    Link,
    Image,
    Heading,
    CodeBlock(&'a str),
    Blockquote(&'a str),
    Table,
    /// By type: `block` or `inline`.
    Passthrough(&'a str),
}

/// One element given to a hook, with what Hugo's hook context gives for it.
#[derive(Debug, Clone)]
pub enum Hook<'a> {
    /// `render-link`: `.Destination`, `.Title`, `.Text` (the link text as HTML),
    /// `.PlainText`; autolinks too, their label as text.
    Link {
        destination: &'a str,
        title: &'a str,
        text: &'a str,
        plain_text: &'a str,
        ordinal: usize,
        offset: usize,
    },
    /// `render-image`: as a link, `.Text` the alt text; `.IsBlock`.
    Image {
        destination: &'a str,
        title: &'a str,
        text: &'a str,
        plain_text: &'a str,
        ordinal: usize,
        offset: usize,
    },
    /// `render-heading`: `.Level`, `.Anchor`, `.Text`, `.PlainText`, `.Attributes`.
    Heading {
        level: u8,
        anchor: &'a str,
        text: &'a str,
        plain_text: &'a str,
        attributes: &'a [(String, AttributeValue)],
        ordinal: usize,
        offset: usize,
    },
    /// `render-codeblock[-LANG]`: `.Type`, `.Inner`, `.Attributes`/`.Options` from what
    /// follows the language.
    CodeBlock {
        lang: &'a str,
        code: &'a str,
        attributes: &'a str,
        ordinal: usize,
        offset: usize,
    },
    /// `render-passthrough[-TYPE]`: `.Inner` (between the delimiters), `.Type`.
    Passthrough {
        kind: &'a str,
        inner: &'a str,
        ordinal: usize,
        offset: usize,
    },
    /// `render-table`: `.THead` and `.TBody`, rows of cells with `.Alignment` and `.Text`.
    Table {
        head: &'a [Vec<TableCell>],
        body: &'a [Vec<TableCell>],
        /// From an attribute line after the table (`parser.attribute.block`).
        attributes: &'a [(String, AttributeValue)],
        ordinal: usize,
        offset: usize,
    },
    /// `render-blockquote[-TYPE]`: `.Type`, `.AlertType`, `.AlertTitle`, `.AlertSign`,
    /// `.Text`.
    Blockquote {
        kind: &'a str,
        alert_type: &'a str,
        alert_title: &'a str,
        alert_sign: &'a str,
        text: &'a str,
        /// From an attribute line after the quote (`parser.attribute.block`).
        attributes: &'a [(String, AttributeValue)],
        ordinal: usize,
        offset: usize,
    },
}

/// What a hook gave.
#[derive(Debug, Clone, Default)]
pub struct HookOutput {
    /// `None`: the hook failed; the element is written as without a hook.
    pub html: Option<String>,
    pub problems: Vec<(crate::diagnostic::Severity, String)>,
    /// Problems in the hook's own file (it does not parse), placed there.
    pub site: Vec<Diagnostic>,
}

/// A link whose hook runs at its end: what it needs, its text captured apart.
#[derive(Debug)]
struct HookedLink {
    destination: String,
    title: String,
    range: Range<usize>,
}

#[derive(Debug, Default)]
struct HtmlBlock {
    text: String,
    range: Range<usize>,
}

#[derive(Debug)]
struct TableState {
    /// From an attribute line after the table (`parser.attribute.block`).
    attributes: HeadingAttributes,
    alignments: Vec<Alignment>,
    in_head: bool,
    cell: usize,
    /// The header row and the body rows, each cell's alignment and HTML: a table is written
    /// whole at its end, by the site's table hook or as Hugo's embedded one writes it.
    head: Vec<TableCell>,
    body: Vec<Vec<TableCell>>,
    row: Vec<TableCell>,
    /// Where the table starts (prepared text), and its first line in the file when blocks
    /// carry `data-source-line`.
    range: Range<usize>,
    line: Option<usize>,
    /// The open cell is one pulldown-cmark added to a short row (an empty range): goldmark's
    /// padding cells have no alignment.
    padding: bool,
}

/// A table cell: its alignment (`left`, `center`, `right` or empty) and its HTML.
#[derive(Debug, Clone)]
pub struct TableCell {
    pub alignment: &'static str,
    pub html: String,
}

/// Plain text of a heading as current Hugo computes it for the id (`render.TextPlain`).
#[derive(Debug, Default)]
struct HeadingState {
    level: u8,
    /// The heading's range in the prepared text.
    range: Range<usize>,
    /// From `{#id .class key=value}`, in goldmark's order.
    attributes: super::attributes::HeadingAttributes,
    /// From attribute lines after it (`parser.attribute.block`), set after its id.
    block_attributes: HeadingAttributes,
    plain: String,
    /// One entry per open inline container: (its own text is visited, first child seen).
    /// `textPlainTo` visits only the first child of a container.
    containers: Vec<(bool, bool)>,
}

impl HeadingState {
    /// Whether a child at the current position is visited, then marks it seen.
    fn visit_child(&mut self) -> bool {
        match self.containers.last_mut() {
            None => true,
            Some((visited, seen)) => {
                let visit = *visited && !*seen;
                *seen = true;
                visit
            }
        }
    }

    fn open_container(&mut self, has_children: bool) {
        let visited = self.visit_child() && has_children;
        self.containers.push((visited, false));
    }

    /// Whether text at the top level (all of it is visited) or as a first child.
    fn at_top(&self) -> bool {
        self.containers.is_empty()
    }
}

struct Writer<'a> {
    source: &'a str,
    options: &'a GoldmarkOptions,
    /// Offset in the prepared text → line in the file, when blocks carry `data-source-line`.
    line_of: Option<Box<dyn Fn(usize) -> usize + 'a>>,
    out: String,
    /// Outer buffers while a heading, an image's alt text or a footnote is written apart.
    saved: Vec<String>,
    /// Consecutive text, merged so the typographer and linkify see whole runs.
    run: String,
    run_range: Option<Range<usize>>,
    /// Byte ranges of `run` written by a backslash escape or an entity, which the typographer
    /// leaves alone.
    run_literals: Vec<Range<usize>>,
    /// The entities (`&amp;`) of `run`: the decoded text's range in `run` and the source's
    /// range, for linkify, which reads the source as typed.
    run_entities: Vec<(Range<usize>, Range<usize>)>,
    link_depth: usize,
    autolink_depth: usize,
    image_depth: usize,
    code_block: Option<CodeBlock>,
    /// The highlighter for fenced blocks, and how many the page has had.
    fences: Option<FenceHighlighter<'a>>,
    fences_seen: usize,
    /// The site's render hooks.
    hooks: Option<&'a dyn RenderHooks>,
    /// Offset in the prepared text → offset in the file, for the hooks' `.Position`.
    to_file: Box<dyn Fn(usize) -> usize + 'a>,
    /// Each open link: `Some` when its hook runs at its end.
    hooked_links: Vec<Option<HookedLink>>,
    /// Each open blockquote: whether its content is captured for a hook.
    /// With the quote's attributes (`parser.attribute.block`).
    hooked_quotes: Vec<Option<(Range<usize>, HeadingAttributes)>>,
    /// The open image, when its hook runs at its end: (destination, title, range).
    hooked_image: Option<(String, String, Range<usize>)>,
    /// How many links, images, headings, blockquotes, autolinks, tables and passthroughs the
    /// hooks have seen (`.Ordinal`, counted per kind of node as goldmark's AST has them).
    ordinals: [usize; 7],
    html_block: Option<HtmlBlock>,
    heading: Option<HeadingState>,
    table: Option<TableState>,
    footnote_labels: Vec<String>,
    footnotes: Footnotes,
    defined_footnotes: HashSet<String>,
    blocks: Vec<Block>,
    pending_first_child: Option<FirstChild>,
    /// A task checkbox waiting for its item's first paragraph (loose task lists).
    pending_task: Option<bool>,
    /// Open definition descriptions: whether each is tight.
    tight_descriptions: Vec<bool>,
    /// In a definition term whose `<dt>` was written: how many containers are open with it.
    /// A line break at that depth starts the next term.
    term_depth: Option<usize>,
    /// Inline content written straight into a list item or description (a goldmark text
    /// block), so that a following block needs a newline first.
    inline_open: bool,
    /// Open container elements: whether each one's tags were written (false beyond the
    /// nesting limit).
    containers: Vec<bool>,
    nesting_reported: bool,
    /// Whether the raw HTML warning was given (once per page, as Hugo logs it).
    raw_html_reported: bool,
    ids: IdRegistry,
    /// One per document: goldmark's open-quote counts are never reset between blocks.
    typographer: Typographer,
    /// The `{…}` attributes of each heading still to come, in order.
    heading_attributes: std::collections::VecDeque<super::attributes::HeadingAttributes>,
    /// What attribute lines (`parser.attribute.block`) give each block, by where it starts.
    block_attributes: super::attribute_blocks::BlockAttributes,
    headings: Vec<RenderedHeading>,
    diagnostics: Vec<Diagnostic>,
    /// Diagnostics placed in other files of the site (a hook that does not parse).
    site_diagnostics: Vec<Diagnostic>,
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

impl<'a> Writer<'a> {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        if let Some(block) = self.html_block.as_mut() {
            match event {
                Event::Html(html) | Event::Text(html) => {
                    block.text.push_str(&html);
                    return;
                }
                Event::End(TagEnd::HtmlBlock) => {}
                _ => {}
            }
        }
        if self.code_block.is_some() {
            match event {
                Event::Text(text) => {
                    self.push_code_text(&text);
                    return;
                }
                Event::End(TagEnd::CodeBlock) => {}
                _ => {}
            }
        }
        match event {
            Event::Text(text) => self.text(&text, range),
            Event::Start(tag) => {
                let marked = self
                    .line_of
                    .as_ref()
                    .and_then(|line_of| Some((block_tag_name(&tag)?, line_of(range.start))));
                let mark = self.out.len();
                self.start(tag, range);
                if let Some((name, line)) = marked {
                    self.mark_source_line(mark, name, line);
                }
            }
            Event::End(tag) => self.end(tag),
            Event::Code(code) => {
                self.flush_text();
                self.before_inline();
                if let Some(h) = self.heading.as_mut() {
                    if h.visit_child() {
                        h.plain.push_str(&code);
                    }
                }
                if self.in_alt() {
                    push_escaped(&mut self.out, &code);
                } else {
                    self.out.push_str("<code>");
                    push_escaped(&mut self.out, &code);
                    self.out.push_str("</code>");
                }
            }
            Event::InlineMath(math) | Event::DisplayMath(math) => self.text(&math, range),
            Event::Html(html) | Event::InlineHtml(html) => self.inline_html(&html, range),
            Event::FootnoteReference(label) => {
                if self
                    .defined_footnotes
                    .contains(&super::footnotes::normalize_label(&label))
                {
                    self.flush_text();
                    self.before_inline();
                    if let Some(h) = self.heading.as_mut() {
                        h.visit_child();
                    }
                    self.footnotes.push_reference(&mut self.out, &label);
                } else {
                    self.text(&format!("[^{label}]"), range);
                }
            }
            Event::SoftBreak | Event::HardBreak if self.breaks_term() => {
                self.flush_text();
                // A backslash break is a backslash at the end of goldmark's term line;
                // trailing spaces are trimmed.
                if self
                    .source
                    .get(range.clone())
                    .is_some_and(|b| b.starts_with('\\'))
                {
                    self.text("\\", range);
                    self.flush_text();
                }
                self.out.push_str("</dt>\n<dt>");
            }
            Event::SoftBreak => self.soft_break(true),
            Event::HardBreak => {
                self.flush_text();
                self.before_inline();
                if let Some(h) = self.heading.as_mut() {
                    if h.at_top() {
                        h.plain.clear();
                    }
                }
                self.out.push_str("<br>\n");
            }
            Event::Rule => {
                self.before_block();
                // goldmark `renderThematicBreak`.
                self.out.push_str("<hr");
                if let Some(attributes) = self.block_attributes.remove(&(range.start, Owner::Rule))
                {
                    push_goldmark_attributes(&mut self.out, &attributes, RULE_ATTRIBUTES);
                }
                if let Some(line) = self.line_of.as_ref().map(|line_of| line_of(range.start)) {
                    self.out.push_str(&format!(" data-source-line=\"{line}\""));
                }
                self.out.push_str(">\n");
            }
            Event::TaskListMarker(checked) => {
                self.flush_text();
                if self.pending_first_child.is_some() {
                    // The item's first child is still to come: a loose item puts the
                    // checkbox inside its first paragraph (goldmark's TaskCheckBox is an
                    // inline node of that paragraph).
                    self.pending_task = Some(checked);
                } else {
                    self.push_checkbox(checked);
                }
            }
        }
    }

    /// A soft line break, its newline `written` or not (`cjk` `eastAsianLineBreaks`).
    fn soft_break(&mut self, written: bool) {
        if !written && self.breaks_term() {
            // A term's lines are terms of their own: no soft break between them to join.
            self.flush_text();
            self.out.push_str("</dt>\n<dt>");
            return;
        }
        self.flush_text();
        self.before_inline();
        if let Some(h) = self.heading.as_mut() {
            // Current Hugo takes a multi-line (setext) heading's id from its last line.
            if h.at_top() {
                h.plain.clear();
            }
        }
        if self.options.hard_wraps {
            self.out.push_str("<br>\n");
        } else if written {
            self.out.push('\n');
        }
    }

    fn push_checkbox(&mut self, checked: bool) {
        // goldmark `extension/tasklist.go`.
        self.out.push_str(if checked {
            "<input checked=\"\" disabled=\"\" type=\"checkbox\"> "
        } else {
            "<input disabled=\"\" type=\"checkbox\"> "
        });
    }

    /// Text: merged into the current run; written at the next non-text event.
    fn text(&mut self, text: &str, range: Range<usize>) {
        let start = self.run.len();
        if let Some(source) = self.source.get(range.clone()).filter(|s| *s != text) {
            // An entity (`&#39;`), or text pulldown-cmark rewrote: not goldmark's trigger.
            self.run_literals.push(start..start + text.len());
            if source.starts_with('&') && source.ends_with(';') {
                self.run_entities
                    .push((start..start + text.len(), range.clone()));
            }
        } else if self.char_before(range.start) == Some('\\')
            && text.starts_with(|c: char| c.is_ascii_punctuation())
        {
            // pulldown-cmark starts a text event at the character a backslash escapes.
            self.run_literals.push(start..start + 1);
        }
        if self.run.is_empty() {
            self.before_inline();
            self.run_range = Some(range);
        } else if let Some(r) = self.run_range.as_mut() {
            r.end = r.end.max(range.end);
        }
        self.run.push_str(text);
    }

    /// The links of a text run, each with its label, found as goldmark's linkify finds them:
    /// in the source as typed, so an entity inside a URL stays as written in the target and
    /// the label (`?b=c&amp;d=e` links to `?b=c&amp;amp;d=e` in the HTML). The ranges are in
    /// `run`.
    fn find_links_as_typed(
        &self,
        run: &str,
        entities: &[(Range<usize>, Range<usize>)],
        before: Option<char>,
    ) -> Vec<(linkify::LinkMatch, String)> {
        let protocol = &self.options.linkify_protocol;
        let plain_links = || -> Vec<(linkify::LinkMatch, String)> {
            linkify::find_links(run, before, protocol)
                .into_iter()
                .filter_map(|link| {
                    let label = run.get(link.range.clone())?.to_string();
                    Some((link, label))
                })
                .collect()
        };
        if entities.is_empty() {
            return plain_links();
        }
        // The run with each entity as typed, and where each entity stands in it.
        let mut typed = String::with_capacity(run.len() + 16);
        let mut spans: Vec<(Range<usize>, Range<usize>)> = Vec::with_capacity(entities.len());
        let mut last = 0;
        for (in_run, in_source) in entities {
            let (Some(plain), Some(source)) = (
                run.get(last..in_run.start),
                self.source.get(in_source.clone()),
            ) else {
                return plain_links();
            };
            typed.push_str(plain);
            let start = typed.len();
            typed.push_str(source);
            spans.push((in_run.clone(), start..typed.len()));
            last = in_run.end;
        }
        typed.push_str(run.get(last..).unwrap_or(""));
        // A typed offset in the run: inside an entity, its start (or its end, `up`).
        let to_run = |at: usize, up: bool| -> usize {
            let mut shift: isize = 0;
            for (in_run, in_typed) in &spans {
                if at <= in_typed.start {
                    break;
                }
                if at < in_typed.end {
                    return if up { in_run.end } else { in_run.start };
                }
                shift += in_typed.len() as isize - in_run.len() as isize;
            }
            (at as isize - shift) as usize
        };
        linkify::find_links(&typed, before, protocol)
            .into_iter()
            .filter_map(|link| {
                let label = typed.get(link.range.clone())?.to_string();
                let range = to_run(link.range.start, false)..to_run(link.range.end, true);
                Some((
                    linkify::LinkMatch {
                        range,
                        href: link.href,
                    },
                    label,
                ))
            })
            .collect()
    }

    fn char_before(&self, at: usize) -> Option<char> {
        self.source.get(..at).and_then(|s| s.chars().next_back())
    }

    fn char_at(&self, at: usize) -> Option<char> {
        self.source.get(at..).and_then(|s| s.chars().next())
    }

    /// Writes the pending text run: linkify first (outside links), then the typographer on
    /// what is left (never on URLs, code or raw HTML).
    fn flush_text(&mut self) {
        if self.run.is_empty() {
            return;
        }
        let run = std::mem::take(&mut self.run);
        let literals = std::mem::take(&mut self.run_literals);
        let entities = std::mem::take(&mut self.run_entities);
        let range = self.run_range.take().unwrap_or(0..0);
        let before = self.char_before(range.start);
        let after = self.char_at(range.end);
        if self.autolink_depth > 0 {
            // goldmark `renderAutoLink` writes the label escaped, untouched.
            push_escaped(&mut self.out, &run);
            return;
        }
        let mut html = String::with_capacity(run.len() + 16);
        // Each piece of plain text, as HTML, for the heading id (link matches excluded: an
        // autolink node has no children for `TextPlain`).
        let mut plain_pieces: Vec<Range<usize>> = Vec::new();
        let links = if self.options.linkify && self.link_depth == 0 && self.image_depth == 0 {
            self.find_links_as_typed(&run, &entities, before)
        } else {
            Vec::new()
        };
        let mut last = 0;
        for (link, label) in links {
            if run.get(last..link.range.start).is_none() {
                continue;
            }
            let start = html.len();
            self.push_typographer(
                &mut html,
                &run,
                &literals,
                last..link.range.start,
                before,
                after,
            );
            plain_pieces.push(start..html.len());
            last = link.range.end;
            // goldmark `renderAutoLink`: a linkify link is an autolink, and goes through the
            // site's link hook as `<https://…>` does (its text: the label as typed).
            if self.hooks.is_some_and(|hooks| hooks.has(HookKind::Link)) {
                let at = range.start + link.range.start.min(range.len());
                if let Some(out) = self.link_hook(&link.href, "", &label, &label, true, &(at..range.end)) {
                    html.push_str(&out);
                    continue;
                }
            }
            html.push_str("<a href=\"");
            push_escaped(&mut html, &url_escape(&link.href));
            html.push_str("\">");
            push_escaped(&mut html, &label);
            html.push_str("</a>");
        }
        let start = html.len();
        self.push_typographer(&mut html, &run, &literals, last..run.len(), before, after);
        plain_pieces.push(start..html.len());

        if let Some(h) = self.heading.as_mut() {
            if h.at_top() {
                for piece in &plain_pieces {
                    h.plain
                        .push_str(&crate::rules::entities::unescape(&html[piece.clone()]));
                }
            } else if h.visit_child() {
                let first = plain_pieces
                    .first()
                    .and_then(|p| html.get(p.clone()))
                    .unwrap_or("");
                h.plain
                    .push_str(&crate::rules::entities::unescape(first_goldmark_text_node(
                        first,
                    )));
            }
        }
        if self.options.enable_emoji {
            // After the heading's plain text: Hugo's ids keep the code (`auto-smile-id`).
            // In alt text the code is dropped (goldmark `renderTexts` skips emoji nodes).
            html = crate::rules::emoji::convert_pieces(&html, &plain_pieces, self.image_depth > 0);
        }
        self.out.push_str(&html);
    }

    /// The typographer (or plain escaping) over `run[part]`, with the characters around it.
    fn push_typographer(
        &mut self,
        html: &mut String,
        run: &str,
        literals: &[Range<usize>],
        part: Range<usize>,
        before: Option<char>,
        after: Option<char>,
    ) {
        let Some(text) = run.get(part.clone()) else {
            return;
        };
        if text.is_empty() {
            return;
        }
        let before = if part.start == 0 {
            before
        } else {
            run[..part.start].chars().next_back()
        };
        let after = if part.end == run.len() {
            after
        } else {
            run[part.end..].chars().next()
        };
        let start = html.len();
        if self.options.typographer {
            // The literal ranges inside `part`, relative to it.
            let literals: Vec<Range<usize>> = literals
                .iter()
                .filter(|r| r.end > part.start && r.start < part.end)
                .map(|r| r.start.max(part.start) - part.start..r.end.min(part.end) - part.start)
                .collect();
            self.typographer
                .push_text_with_literals(html, text, before, after, &literals);
        } else {
            push_escaped(html, text);
        }
        if self.options.cjk.enable && self.options.cjk.escaped_space && text.contains("\\ ") {
            // goldmark's writer (`WithEscapedSpace`) drops a backslash and the space it
            // escapes; an escaped backslash (a literal) stays. The k-th `\ ` of the text is
            // the k-th of its HTML: neither escaping nor the typographer touches them.
            let dropped: Vec<bool> = text
                .match_indices("\\ ")
                .map(|(at, _)| !literals.iter().any(|r| r.contains(&(part.start + at))))
                .collect();
            let written = html.split_off(start);
            let mut pieces = written.split("\\ ");
            html.push_str(pieces.next().unwrap_or(""));
            for (piece, dropped) in pieces.zip(dropped.into_iter().chain(std::iter::repeat(false)))
            {
                if dropped {
                    html.push(ESCAPED_SPACE);
                    html.push(' ');
                } else {
                    html.push_str("\\ ");
                }
                html.push_str(piece);
            }
        }
    }

    /// Before inline content: settles the pending first child of a list item (a text block:
    /// no newline) and notes that a text block is open.
    fn before_inline(&mut self) {
        if self.pending_first_child.take().is_some() {
            if let Some(checked) = self.pending_task.take() {
                self.push_checkbox(checked);
            }
        }
        if matches!(
            self.blocks.last(),
            Some(Block::Item | Block::DefinitionDescription | Block::TightParagraph)
        ) {
            self.inline_open = true;
        }
    }

    /// Before a block starts: goldmark's newline after `<li>` whose first child is a block,
    /// and after a text block that has a following sibling (`renderTextBlock`).
    fn before_block(&mut self) {
        self.flush_text();
        if let Some(first) = self.pending_first_child.take() {
            if first == FirstChild::ListItem {
                self.out.push('\n');
            }
        }
        if self.inline_open {
            self.out.push('\n');
            self.inline_open = false;
        }
    }

    /// Whether a line break ends a definition term: goldmark's definition list makes each
    /// line of the paragraph before `:` a term of its own (`definitionDescriptionParser.Open`),
    /// where pulldown-cmark keeps one term with line breaks. Only a break outside any inline
    /// element (emphasis, a link) is one: splitting inside one would leave it unclosed.
    fn breaks_term(&self) -> bool {
        self.blocks.last() == Some(&Block::DefinitionTitle)
            && self.term_depth == Some(self.containers.len())
            && self.link_depth == 0
            && self.image_depth == 0
    }

    /// Opens a container element, unless the nesting limit is reached: then its tags are
    /// left out (the content stays) and one warning says so.
    fn open_container(&mut self, range: &Range<usize>) -> bool {
        let written = self.containers.len() < MAX_HTML_NESTING;
        self.containers.push(written);
        if !written && !self.nesting_reported {
            self.nesting_reported = true;
            self.diagnostics.push(Diagnostic::warning(
                format!(
                    "Markdown nested more than {MAX_HTML_NESTING} levels deep: the deeper \
                     lists, quotes and emphasis are shown without their markup; flatten the \
                     nesting to see them"
                ),
                Span::new(range.start, range.end),
            ));
        }
        written
    }

    /// Hugo's raw HTML warning, at the first raw HTML of the page: Hugo logs the same message
    /// for each occurrence and its logger prints it once.
    fn report_raw_html(&mut self, range: Range<usize>) {
        if !self.raw_html_reported {
            self.raw_html_reported = true;
            self.diagnostics.push(Diagnostic::warning(
                RAW_HTML_OMITTED_WARNING,
                Span::new(range.start, range.end),
            ));
        }
    }

    fn close_container(&mut self) -> bool {
        self.containers.pop().unwrap_or(true)
    }

    fn push_buffer(&mut self) {
        let outer = std::mem::take(&mut self.out);
        self.saved.push(outer);
    }

    fn pop_buffer(&mut self) -> String {
        let outer = self.saved.pop().unwrap_or_default();
        std::mem::replace(&mut self.out, outer)
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Paragraph => {
                // A tight description's paragraphs are text blocks, except one after a blank
                // line, which Hugo 0.168 writes as a paragraph (`Term\n: def\n\n  more`).
                if self.tight_descriptions.last() == Some(&true)
                    && self.blocks.last() == Some(&Block::DefinitionDescription)
                    && !self.previous_line_is_blank(range.start)
                {
                    self.before_block();
                    self.blocks.push(Block::TightParagraph);
                    return;
                }
                self.before_block();
                match self.block_attributes.remove(&(range.start, Owner::Paragraph)) {
                    Some(attributes) => {
                        self.out.push_str("<p");
                        push_goldmark_attributes(&mut self.out, &attributes, &[]);
                        self.out.push('>');
                    }
                    None => self.out.push_str("<p>"),
                }
                if let Some(checked) = self.pending_task.take() {
                    self.push_checkbox(checked);
                }
                self.blocks.push(Block::Paragraph);
            }
            Tag::Heading { level, .. } => {
                self.before_block();
                self.blocks.push(Block::Heading);
                self.heading = Some(HeadingState {
                    level: level_number(level),
                    range: range.clone(),
                    attributes: self.heading_attributes.pop_front().unwrap_or_default(),
                    block_attributes: self
                        .block_attributes
                        .remove(&(range.start, Owner::Heading))
                        .unwrap_or_default(),
                    ..HeadingState::default()
                });
                self.push_buffer();
            }
            Tag::BlockQuote(_) => {
                self.before_block();
                self.blocks.push(Block::Other);
                let attributes = self
                    .block_attributes
                    .remove(&(range.start, Owner::BlockQuote))
                    .unwrap_or_default();
                if self.open_container(&range) {
                    let hooked = self.hooks.is_some_and(|hooks| {
                        hooks.has(HookKind::Blockquote("alert"))
                            || hooks.has(HookKind::Blockquote("regular"))
                    });
                    if hooked {
                        self.hooked_quotes.push(Some((range, attributes)));
                        self.push_buffer();
                    } else {
                        self.hooked_quotes.push(None);
                        push_blockquote_start(&mut self.out, &attributes);
                    }
                } else {
                    self.hooked_quotes.push(None);
                }
            }
            Tag::CodeBlock(kind) => {
                self.before_block();
                self.blocks.push(Block::Other);
                self.start_code_block(kind, range);
            }
            Tag::HtmlBlock => {
                self.before_block();
                self.blocks.push(Block::Other);
                self.html_block = Some(HtmlBlock {
                    text: String::new(),
                    range: range.clone(),
                });
            }
            Tag::List(start) => {
                self.before_block();
                self.blocks.push(Block::Other);
                let attributes = self.block_attributes.remove(&(range.start, Owner::List));
                if self.open_container(&range) {
                    // goldmark `renderList`.
                    match start {
                        Some(1) => self.out.push_str("<ol"),
                        Some(n) => self.out.push_str(&format!("<ol start=\"{n}\"")),
                        None => self.out.push_str("<ul"),
                    }
                    if let Some(attributes) = attributes {
                        push_goldmark_attributes(&mut self.out, &attributes, LIST_ATTRIBUTES);
                    }
                    self.out.push_str(">\n");
                }
            }
            Tag::Item => {
                self.flush_text();
                self.blocks.push(Block::Item);
                if self.open_container(&range) {
                    self.out.push_str("<li>");
                }
                self.pending_first_child = Some(FirstChild::ListItem);
            }
            Tag::FootnoteDefinition(label) => {
                self.flush_text();
                self.pending_first_child = None;
                self.inline_open = false;
                self.blocks.push(Block::Other);
                self.footnote_labels.push(label.to_string());
                self.push_buffer();
            }
            Tag::DefinitionList => {
                self.before_block();
                self.blocks.push(Block::Other);
                let attributes = self
                    .block_attributes
                    .remove(&(range.start, Owner::DefinitionList));
                if self.open_container(&range) {
                    self.out.push_str("<dl");
                    if let Some(attributes) = attributes {
                        push_goldmark_attributes(&mut self.out, &attributes, &[]);
                    }
                    self.out.push_str(">\n");
                }
            }
            Tag::DefinitionListTitle => {
                self.flush_text();
                self.blocks.push(Block::DefinitionTitle);
                if self.open_container(&range) {
                    self.out.push_str("<dt>");
                    self.term_depth = Some(self.containers.len());
                }
            }
            Tag::DefinitionListDefinition => {
                self.flush_text();
                self.blocks.push(Block::DefinitionDescription);
                // goldmark `definitionDescriptionParser.Close`: tight unless a blank line
                // comes before it, whatever pulldown-cmark decides for the whole list.
                let tight = !self.previous_line_is_blank(range.start);
                self.tight_descriptions.push(tight);
                if self.open_container(&range) {
                    self.out.push_str(if tight { "<dd>" } else { "<dd>\n" });
                }
            }
            Tag::Table(alignments) => {
                self.before_block();
                self.blocks.push(Block::Other);
                let line = self.line_of.as_ref().map(|line_of| line_of(range.start));
                let attributes = self
                    .block_attributes
                    .remove(&(range.start, Owner::Table))
                    .unwrap_or_default();
                self.table = Some(TableState {
                    attributes,
                    alignments,
                    in_head: false,
                    cell: 0,
                    head: Vec::new(),
                    body: Vec::new(),
                    row: Vec::new(),
                    range,
                    line,
                    padding: false,
                });
                // Cells are collected (the text between them is dropped, as in Hugo).
                self.push_buffer();
            }
            Tag::TableHead => {
                if let Some(t) = self.table.as_mut() {
                    t.in_head = true;
                    t.cell = 0;
                }
            }
            Tag::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    t.cell = 0;
                }
            }
            Tag::TableCell => {
                self.flush_text();
                self.blocks.push(Block::TableCell);
                if let Some(t) = self.table.as_mut() {
                    t.padding = range.is_empty();
                }
                self.push_buffer();
            }
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript => {
                let element = match tag {
                    Tag::Emphasis => "em",
                    Tag::Strong => "strong",
                    Tag::Strikethrough => "del",
                    Tag::Superscript => "sup",
                    _ => "sub",
                };
                self.open_span(element, range);
            }
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => {
                self.before_inline();
                self.flush_text();
                let autolink = matches!(link_type, LinkType::Autolink | LinkType::Email);
                if let Some(h) = self.heading.as_mut() {
                    // goldmark's AutoLink has no children: it adds nothing to the id text.
                    h.open_container(!autolink);
                }
                self.link_depth += 1;
                if autolink {
                    self.autolink_depth += 1;
                }
                if self.in_alt() {
                    self.hooked_links.push(None);
                    return;
                }
                if self.hooks.is_some_and(|hooks| hooks.has(HookKind::Link)) {
                    let mut destination = dest_url.to_string();
                    if link_type == LinkType::Email
                        && !destination.to_ascii_lowercase().starts_with("mailto:")
                    {
                        destination.insert_str(0, "mailto:");
                    }
                    self.hooked_links.push(Some(HookedLink {
                        destination,
                        title: title.to_string(),
                        range,
                    }));
                    self.push_buffer();
                    return;
                }
                self.hooked_links.push(None);
                let resolved = self
                    .hooks
                    .and_then(|hooks| hooks.resolve_destination(&dest_url, false));
                self.push_link_start(link_type, resolved.as_deref().unwrap_or(&dest_url), &title);
            }
            Tag::Image {
                dest_url, title, ..
            } => {
                self.before_inline();
                self.flush_text();
                if let Some(h) = self.heading.as_mut() {
                    h.open_container(true);
                }
                self.image_depth += 1;
                if self.image_depth == 1 && self.hooks.is_some_and(|h| h.has(HookKind::Image)) {
                    self.hooked_image = Some((dest_url.to_string(), title.to_string(), range));
                }
                // The alt text is collected apart; the tag is written at the end.
                let mut start = String::from("<img src=\"");
                let resolved = self
                    .hooks
                    .filter(|_| self.image_depth == 1)
                    .and_then(|hooks| hooks.resolve_destination(&dest_url, true));
                let url = url_escape(resolved.as_deref().unwrap_or(&dest_url));
                if self.options.unsafe_html || !is_dangerous_url(&url) {
                    push_escaped(&mut start, &url);
                }
                start.push_str("\" alt=\"");
                self.saved.push(std::mem::take(&mut self.out));
                self.saved.push(start);
                self.saved.push(if title.is_empty() {
                    String::new()
                } else {
                    let mut t = String::from(" title=\"");
                    push_escaped(&mut t, &title);
                    t.push('"');
                    t
                });
            }
            Tag::MetadataBlock(_) => {
                self.blocks.push(Block::Other);
            }
        }
    }

    /// An inline element whose children are inline (`<em>`, `<del>`, `<mark>`, …), from
    /// `range` in the source.
    fn open_span(&mut self, element: &str, range: Range<usize>) {
        self.before_inline();
        self.flush_text();
        if let Some(h) = self.heading.as_mut() {
            h.open_container(true);
        }
        if self.open_container(&range) && !self.in_alt() {
            self.out.push('<');
            self.out.push_str(element);
            self.out.push('>');
        }
    }

    fn close_span(&mut self, element: &str) {
        self.flush_text();
        if let Some(h) = self.heading.as_mut() {
            h.containers.pop();
        }
        if self.close_container() && !self.in_alt() {
            self.out.push_str("</");
            self.out.push_str(element);
            self.out.push('>');
        }
    }

    fn push_link_start(&mut self, link_type: LinkType, dest: &str, title: &str) {
        // goldmark `renderLink` / `renderAutoLink`: URL-escaped, emptied when dangerous
        // (unless unsafe), then HTML-escaped.
        let mut url = url_escape(dest);
        if link_type == LinkType::Email && !url.to_ascii_lowercase().starts_with("mailto:") {
            url.insert_str(0, "mailto:");
        }
        self.out.push_str("<a href=\"");
        if self.options.unsafe_html || !is_dangerous_url(&url) {
            push_escaped(&mut self.out, &url);
        }
        self.out.push('"');
        if !title.is_empty() {
            self.out.push_str(" title=\"");
            push_escaped(&mut self.out, title);
            self.out.push('"');
        }
        self.out.push('>');
    }

    fn start_code_block(&mut self, kind: CodeBlockKind<'_>, range: Range<usize>) {
        self.code_block = Some(match kind {
            CodeBlockKind::Indented => {
                // Hugo's code block hook only sees fenced blocks; goldmark writes these.
                self.out.push_str("<pre><code>");
                CodeBlock::Indented
            }
            CodeBlockKind::Fenced(info) => {
                let lang = fence_language(&info);
                CodeBlock::Fenced(Fence {
                    lang: lang.to_owned(),
                    attributes: info.trim()[lang.len()..].trim().to_owned(),
                    code: String::new(),
                    range,
                })
            }
        });
    }

    fn push_code_text(&mut self, text: &str) {
        match &mut self.code_block {
            Some(CodeBlock::Fenced(fence)) => fence.code.push_str(text),
            _ => push_escaped(&mut self.out, text),
        }
    }

    fn inline_html(&mut self, html: &str, range: Range<usize>) {
        // goldmark's typographer reads `<<` before the raw HTML parser sees a tag, so in
        // `<<angle>>` there is no `<angle>` tag: it stays text and becomes `&laquo;angle&raquo;`.
        if self.options.typographer
            && self.run.ends_with('<')
            && self
                .run_range
                .as_ref()
                .is_some_and(|r| r.end == range.start)
        {
            self.text(html, range);
            return;
        }
        self.flush_text();
        self.before_inline();
        if let Some(h) = self.heading.as_mut() {
            // `TextPlain` strips the tags of raw HTML: a tag adds nothing.
            h.visit_child();
        }
        if self.in_alt() {
            return;
        }
        if self.options.unsafe_html {
            self.out.push_str(html);
        } else if !is_html_comment(html) {
            // Current Hugo drops comments silently (`hugocontext.go`, since v0.142.0).
            self.report_raw_html(range);
            self.out.push_str(RAW_HTML_OMITTED);
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => {
                self.flush_text();
                if self.blocks.pop() == Some(Block::TightParagraph) {
                    self.inline_open = true;
                    return;
                }
                self.out.push_str("</p>\n");
            }
            TagEnd::Heading(_) => {
                self.flush_text();
                self.blocks.pop();
                let inner = self.pop_buffer();
                if let Some(h) = self.heading.take() {
                    self.push_heading(h, inner);
                }
            }
            TagEnd::BlockQuote(_) => {
                self.before_block_end();
                self.blocks.pop();
                let written = self.close_container();
                match self.hooked_quotes.pop() {
                    Some(Some((range, attributes))) => {
                        let text = self.pop_buffer();
                        self.push_hooked_blockquote(text, range, &attributes);
                    }
                    _ if written => self.out.push_str("</blockquote>\n"),
                    _ => {}
                }
            }
            TagEnd::CodeBlock => {
                self.blocks.pop();
                match self.code_block.take() {
                    Some(CodeBlock::Indented) => self.out.push_str("</code></pre>\n"),
                    Some(CodeBlock::Fenced(fence)) => self.write_fence(fence),
                    None => {}
                }
            }
            TagEnd::HtmlBlock => {
                self.blocks.pop();
                if let Some(block) = self.html_block.take() {
                    self.push_html_block(&block.text, block.range);
                }
            }
            TagEnd::List(ordered) => {
                self.before_block_end();
                self.blocks.pop();
                if self.close_container() {
                    self.out
                        .push_str(if ordered { "</ol>\n" } else { "</ul>\n" });
                }
            }
            TagEnd::Item => {
                self.before_block_end();
                self.blocks.pop();
                if let Some(checked) = self.pending_task.take() {
                    self.push_checkbox(checked);
                }
                self.pending_first_child = None;
                if self.close_container() {
                    self.out.push_str("</li>\n");
                }
            }
            TagEnd::FootnoteDefinition => {
                self.before_block_end();
                self.blocks.pop();
                let html = self.pop_buffer();
                if let Some(label) = self.footnote_labels.pop() {
                    self.footnotes.define(&label, html);
                }
            }
            TagEnd::DefinitionList => {
                self.before_block_end();
                self.blocks.pop();
                if self.close_container() {
                    self.out.push_str("</dl>\n");
                }
            }
            TagEnd::DefinitionListTitle => {
                self.flush_text();
                self.term_depth = None;
                self.blocks.pop();
                if self.close_container() {
                    self.out.push_str("</dt>\n");
                }
            }
            TagEnd::DefinitionListDefinition => {
                self.before_block_end();
                self.blocks.pop();
                self.tight_descriptions.pop();
                if self.close_container() {
                    self.out.push_str("</dd>\n");
                }
            }
            TagEnd::Table => {
                self.flush_text();
                self.blocks.pop();
                // What was written between the cells (nothing, in a well-formed table).
                self.pop_buffer();
                if let Some(table) = self.table.take() {
                    self.push_table(table);
                }
            }
            TagEnd::TableHead => {
                if let Some(t) = self.table.as_mut() {
                    t.in_head = false;
                    t.head = std::mem::take(&mut t.row);
                }
            }
            TagEnd::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    let row = std::mem::take(&mut t.row);
                    t.body.push(row);
                }
            }
            TagEnd::TableCell => {
                self.flush_text();
                self.blocks.pop();
                let html = self.pop_buffer();
                if let Some(t) = self.table.as_mut() {
                    let alignment = match t.alignments.get(t.cell).filter(|_| !t.padding) {
                        Some(Alignment::Left) => "left",
                        Some(Alignment::Center) => "center",
                        Some(Alignment::Right) => "right",
                        _ => "",
                    };
                    t.cell += 1;
                    t.row.push(TableCell { alignment, html });
                }
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => self.close_span(match tag {
                TagEnd::Emphasis => "em",
                TagEnd::Strong => "strong",
                TagEnd::Strikethrough => "del",
                TagEnd::Superscript => "sup",
                _ => "sub",
            }),
            TagEnd::Link => {
                self.flush_text();
                if let Some(h) = self.heading.as_mut() {
                    h.containers.pop();
                }
                let autolink = self.autolink_depth > 0 && self.link_depth == self.autolink_depth;
                if autolink {
                    self.autolink_depth -= 1;
                }
                self.link_depth = self.link_depth.saturating_sub(1);
                match self.hooked_links.pop() {
                    Some(Some(link)) => {
                        let text = self.pop_buffer();
                        let plain = plain_text(&text);
                        let hooked =
                            self.link_hook(&link.destination, &link.title, &text, &plain, autolink, &link.range);
                        if let Some(html) = hooked {
                            self.out.push_str(&html);
                        } else {
                            let kind = if autolink {
                                LinkType::Autolink
                            } else {
                                LinkType::Inline
                            };
                            self.push_link_start(kind, &link.destination, &link.title);
                            self.out.push_str(&text);
                            self.out.push_str("</a>");
                        }
                    }
                    _ if !self.in_alt() => self.out.push_str("</a>"),
                    _ => {}
                }
            }
            TagEnd::Image => {
                self.flush_text();
                if let Some(h) = self.heading.as_mut() {
                    h.containers.pop();
                }
                self.image_depth = self.image_depth.saturating_sub(1);
                let title = self.saved.pop().unwrap_or_default();
                let start = self.saved.pop().unwrap_or_default();
                let alt = self.pop_buffer();
                if self.image_depth > 0 {
                    // A nested image contributes its alt text only (goldmark `renderTexts`).
                    self.out.push_str(&alt);
                } else if let Some((destination, title_text, range)) = self.hooked_image.take() {
                    let plain = plain_text(&alt);
                    let ordinal = self.next_ordinal(1);
                    let hook = Hook::Image {
                        destination: &destination,
                        title: &title_text,
                        text: &alt,
                        plain_text: &plain,
                        ordinal,
                        offset: (self.to_file)(range.start),
                    };
                    match self.run_hook(&hook, &range) {
                        Some(html) => self.out.push_str(&html),
                        None => {
                            self.out.push_str(&start);
                            self.out.push_str(&alt);
                            self.out.push('"');
                            self.out.push_str(&title);
                            self.out.push('>');
                        }
                    }
                } else {
                    self.out.push_str(&start);
                    self.out.push_str(&alt);
                    self.out.push('"');
                    self.out.push_str(&title);
                    self.out.push('>');
                }
            }
            TagEnd::MetadataBlock(_) => {
                self.blocks.pop();
            }
        }
    }

    /// Whether the line before the one holding `at` is blank (or there is none).
    fn previous_line_is_blank(&self, at: usize) -> bool {
        let Some(before) = self.source.get(..at) else {
            return false;
        };
        let Some(line_start) = before.rfind('\n') else {
            return false;
        };
        let previous = &before[..line_start];
        let previous_start = previous.rfind('\n').map_or(0, |i| i + 1);
        previous[previous_start..].trim().is_empty()
    }

    /// At the end of a container: a trailing text block needs no newline.
    fn before_block_end(&mut self) {
        self.flush_text();
        self.inline_open = false;
    }

    fn push_html_block(&mut self, text: &str, range: Range<usize>) {
        if self.options.unsafe_html {
            self.out.push_str(text);
            return;
        }
        // Current Hugo (`hugocontext.go renderHTMLBlock`): a block whose first line starts
        // with `<!--` is dropped; any other gets a placeholder, and a second one for its
        // closing line (goldmark's `HasClosure`, HTML block kinds 1 to 5).
        if is_html_comment(text) {
            return;
        }
        self.report_raw_html(range);
        self.out.push_str(RAW_HTML_OMITTED);
        self.out.push('\n');
        if html_block_has_closure(text) {
            self.out.push_str(RAW_HTML_OMITTED);
            self.out.push('\n');
        }
    }

    /// Writes a fenced block: the highlighter's HTML when it gives some, else Hugo's structure
    /// uncoloured (`highlight::uncoloured`; Hugo writes no newline after either). Without a
    /// highlighter (`codeFences = false`), goldmark's own block, and no code block hook (Hugo's
    /// code block extension, which runs them, is off then).
    fn write_fence(&mut self, fence: Fence) {
        let ordinal = self.fences_seen;
        self.fences_seen += 1;
        let Some(colour) = self.fences else {
            self.out.push_str("<pre><code");
            if !fence.lang.is_empty() {
                self.out.push_str(" class=\"language-");
                push_escaped(&mut self.out, &fence.lang);
                self.out.push('"');
            }
            self.out.push('>');
            push_escaped(&mut self.out, &fence.code);
            self.out.push_str("</code></pre>\n");
            return;
        };
        // Hugo's `.Inner` is the code without its final line breaks (`text.Chomp`, blank
        // lines at the end included); the highlighter colours that and one line break.
        let inner = fence.code.trim_end_matches(['\n', '\r']);
        // The usual block ends with one line break: it is coloured as it is, not copied.
        let coloured: std::borrow::Cow<'_, str> = if inner.is_empty() {
            "".into()
        } else if fence.code.len() == inner.len() + 1 && fence.code.ends_with('\n') {
            fence.code.as_str().into()
        } else {
            format!("{inner}\n").into()
        };
        let code = FencedCode {
            lang: &fence.lang,
            attributes: &fence.attributes,
            code: &coloured,
            ordinal,
        };
        if let Some(hooks) = self.hooks.filter(|h| h.has(HookKind::CodeBlock(&fence.lang))) {
            let hook = Hook::CodeBlock {
                lang: &fence.lang,
                code: inner,
                attributes: &fence.attributes,
                ordinal,
                offset: (self.to_file)(fence.range.start),
            };
            let _ = hooks;
            if let Some(html) = self.run_hook(&hook, &fence.range) {
                self.out.push_str(&html);
                return;
            }
        }
        let html = match colour(&code) {
            Some(Ok(html)) => html,
            Some(Err(message)) => {
                self.diagnostics.push(Diagnostic::error(
                    message,
                    Span::new(fence.range.start, fence.range.end),
                ));
                crate::highlight::uncoloured(&coloured, &fence.lang)
            }
            None => crate::highlight::uncoloured(&coloured, &fence.lang),
        };
        let start = self.out.len();
        self.out.push_str(&html);
        if let Some(line) = self
            .line_of
            .as_ref()
            .map(|line_of| line_of(fence.range.start))
        {
            self.mark_source_line(start, "pre", line);
        }
    }

    /// Adds `data-source-line` to the first `<name` tag written since `mark`.
    fn mark_source_line(&mut self, mark: usize, name: &str, line: usize) {
        let Some(written) = self.out.get(mark..) else {
            return;
        };
        let open = format!("<{name}");
        let found = written
            .match_indices(&open)
            .find(|(at, _)| matches!(written.as_bytes().get(at + open.len()), Some(b' ' | b'>')));
        if let Some((at, _)) = found {
            let insert_at = mark + at + open.len();
            self.out
                .insert_str(insert_at, &format!(" data-source-line=\"{line}\""));
        }
    }

    /// Whether text is being written as an image's alt attribute: tags are left out. A
    /// hooked image's text is HTML (its `.Text`), as Hugo renders the children then.
    fn in_alt(&self) -> bool {
        self.image_depth > 1 || (self.image_depth == 1 && self.hooked_image.is_none())
    }

    /// `.Ordinal` of the next link (0), image (1), heading (2), blockquote (3) or autolink (4).
    fn next_ordinal(&mut self, kind: usize) -> usize {
        let ordinal = self.ordinals[kind];
        self.ordinals[kind] += 1;
        ordinal
    }

    /// The site's link hook for a link (an autolink's ordinals are counted apart) at `range`.
    fn link_hook(
        &mut self,
        destination: &str,
        title: &str,
        text: &str,
        plain_text: &str,
        autolink: bool,
        range: &Range<usize>,
    ) -> Option<String> {
        let ordinal = self.next_ordinal(if autolink { 4 } else { 0 });
        let hook = Hook::Link {
            destination,
            title,
            text,
            plain_text,
            ordinal,
            offset: (self.to_file)(range.start),
        };
        self.run_hook(&hook, range)
    }

    /// Runs a hook; what it reports becomes diagnostics at the element (`range`, in the
    /// prepared text). `None`: the hook failed, and the element is written without it.
    fn run_hook(&mut self, hook: &Hook<'_>, range: &Range<usize>) -> Option<String> {
        let output = self.hooks?.render(hook);
        self.site_diagnostics.extend(output.site);
        for (severity, message) in output.problems {
            self.diagnostics.push(Diagnostic::new(
                severity,
                message,
                Span::new(range.start, range.end),
            ));
        }
        output.html
    }

    /// The site's passthrough hook's output for a passthrough, when there is one and it runs.
    fn passthrough_hook(
        &mut self,
        passthrough: &super::passthrough::Passthrough,
        _index: usize,
    ) -> Option<String> {
        let kind = if passthrough.block { "block" } else { "inline" };
        if !self.hooks?.has(HookKind::Passthrough(kind)) {
            return None;
        }
        let ordinal = self.next_ordinal(6);
        let hook = Hook::Passthrough {
            kind,
            inner: &passthrough.inner,
            ordinal,
            offset: (self.to_file)(passthrough.start),
        };
        let range = passthrough.start..passthrough.start + passthrough.raw.len();
        self.run_hook(&hook, &range)
    }

    /// A whole table: the site's `render-table` hook, else what Hugo's embedded
    /// `render-table.html` writes (its whitespace included).
    fn push_table(&mut self, table: TableState) {
        let start = self.out.len();
        let hooked = self.hooks.is_some_and(|hooks| hooks.has(HookKind::Table));
        let mut written = false;
        if hooked {
            let ordinal = self.next_ordinal(5);
            let hook = Hook::Table {
                head: std::slice::from_ref(&table.head),
                body: &table.body,
                attributes: &table.attributes,
                ordinal,
                offset: (self.to_file)(table.range.start),
            };
            if let Some(html) = self.run_hook(&hook, &table.range) {
                self.out.push_str(&html);
                written = true;
            }
        }
        if !written {
            let out = &mut self.out;
            let row = |out: &mut String, cells: &[TableCell], tag: &str| {
                out.push_str("\n      <tr>");
                for cell in cells {
                    out.push_str("\n          <");
                    out.push_str(tag);
                    if !cell.alignment.is_empty() {
                        out.push_str(" style=\"text-align: ");
                        out.push_str(cell.alignment);
                        out.push('"');
                    }
                    out.push('>');
                    out.push_str(&cell.html);
                    out.push_str("</");
                    out.push_str(tag);
                    out.push('>');
                }
                out.push_str("\n      </tr>");
            };
            out.push_str("<table");
            push_table_attributes(out, &table.attributes);
            out.push_str(">\n  <thead>");
            row(out, &table.head, "th");
            out.push_str("\n  </thead>\n  <tbody>");
            for cells in &table.body {
                row(out, cells, "td");
            }
            out.push_str("\n  </tbody>\n</table>\n");
        }
        if let Some(line) = table.line {
            self.mark_source_line(start, "table", line);
        }
    }

    /// A blockquote whose content was captured: Hugo's alert syntax (`> [!NOTE] Title`)
    /// read from it (`blockquotes.go resolveBlockQuoteAlert`), then the hook for its type,
    /// or goldmark's blockquote when the site has none for that type.
    fn push_hooked_blockquote(
        &mut self,
        text: String,
        range: Range<usize>,
        attributes: &[(String, AttributeValue)],
    ) {
        let ordinal = self.next_ordinal(3);
        let alert = resolve_alert(&text);
        let kind = if alert.is_some() { "alert" } else { "regular" };
        let has_hook = self
            .hooks
            .is_some_and(|hooks| hooks.has(HookKind::Blockquote(kind)));
        if has_hook {
            let (alert_type, alert_sign, alert_title) = alert.clone().unwrap_or_default();
            // The alert's text starts after the marker's line (`blockquotes.go`).
            let hook_text = if alert.is_some() {
                match text.trim().split_once('\n') {
                    Some((before, after)) if before.ends_with("</p>") => after.to_owned(),
                    Some((_, after)) => format!("<p>{after}"),
                    None => String::new(),
                }
            } else {
                text.clone()
            };
            let hook = Hook::Blockquote {
                kind,
                alert_type: &alert_type,
                alert_title: &alert_title,
                alert_sign: &alert_sign,
                text: &hook_text,
                attributes,
                ordinal,
                offset: (self.to_file)(range.start),
            };
            if let Some(html) = self.run_hook(&hook, &range) {
                self.out.push_str(&html);
                return;
            }
        }
        push_blockquote_start(&mut self.out, attributes);
        self.out.push_str(&text);
        self.out.push_str("</blockquote>\n");
    }

    fn push_heading(&mut self, mut h: HeadingState, inner: String) {
        if let std::borrow::Cow::Owned(plain) = super::passthrough::without_placeholders(&h.plain)
        {
            h.plain = plain;
        }
        if h.plain.contains(ESCAPED_SPACE) {
            // The id and `.PlainText` are the heading's text as typed.
            h.plain = h.plain.replace(ESCAPED_SPACE, "\\");
        }
        let explicit_id = h
            .attributes
            .iter()
            .find(|(name, _)| name == "id")
            .map(|(_, id)| id.to_text().into_owned());
        let id = match &explicit_id {
            Some(id) => {
                self.ids.explicit(id);
                id.clone()
            }
            // Hugo's `generateAutoID` gives an id only to a heading with some text: an empty
            // `#` has none (and no TOC link), while `## ?!` gets the fallback `heading`.
            None if self.options.auto_heading_id && !h.plain.trim().is_empty() => self
                .ids
                .generate(h.plain.trim(), self.options.auto_id_type, "heading"),
            None => String::new(),
        };
        // Hugo gives the automatic id before attribute lines are applied; these add only the
        // names the heading does not have (an id only where it has none).
        let mut added: HeadingAttributes = Vec::new();
        for (name, value) in &h.block_attributes {
            let taken = h.attributes.iter().any(|(n, _)| n == name)
                || (name == "id" && !id.is_empty());
            if !taken {
                added.push((name.clone(), value.clone()));
            }
        }
        let id = match added.iter().find(|(name, _)| name == "id") {
            Some((_, given)) if id.is_empty() => given.to_text().into_owned(),
            _ => id,
        };
        let automatic_id = explicit_id.is_none() && !added.iter().any(|(n, _)| n == "id");
        let level = h.level;
        if self.hooks.is_some_and(|hooks| hooks.has(HookKind::Heading)) {
            let ordinal = self.next_ordinal(2);
            let mut attributes: super::attributes::HeadingAttributes = h
                .attributes
                .iter()
                .filter(|(key, _)| !key.to_ascii_lowercase().starts_with("on"))
                .cloned()
                .collect();
            if automatic_id && !id.is_empty() {
                attributes.push(("id".into(), AttributeValue::Text(id.clone())));
            }
            attributes.extend(
                added
                    .iter()
                    .filter(|(key, _)| !key.to_ascii_lowercase().starts_with("on"))
                    .cloned(),
            );
            let hook = Hook::Heading {
                level,
                anchor: &id,
                text: &inner,
                plain_text: &h.plain,
                attributes: &attributes,
                ordinal,
                offset: (self.to_file)(h.range.start),
            };
            if let Some(html) = self.run_hook(&hook, &h.range) {
                self.out.push_str(&html);
                self.headings.push(RenderedHeading {
                    level,
                    id,
                    title_html: inner,
                    span: Span::new(h.range.start, h.range.end),
                });
                return;
            }
        }
        self.out.push_str(&format!("<h{level}"));
        // goldmark writes attributes in the order they were set, so the automatic id comes
        // after those of `{.class key=value}`; Hugo's `RenderASTAttributes` leaves out every
        // name starting with `on`.
        for (key, value) in &h.attributes {
            if !key.to_ascii_lowercase().starts_with("on") {
                push_attribute(&mut self.out, key, &value.to_text());
            }
        }
        if automatic_id && !id.is_empty() {
            push_attribute(&mut self.out, "id", &id);
        }
        for (key, value) in &added {
            if !key.to_ascii_lowercase().starts_with("on") {
                push_attribute(&mut self.out, key, &value.to_text());
            }
        }
        if let Some(line_of) = self.line_of.as_ref() {
            let line = line_of(h.range.start).to_string();
            push_attribute(&mut self.out, "data-source-line", &line);
        }
        self.out.push('>');
        self.out.push_str(&inner);
        self.out.push_str(&format!("</h{level}>\n"));
        self.headings.push(RenderedHeading {
            level,
            id,
            title_html: inner,
            span: Span::new(h.range.start, h.range.end),
        });
    }
}

/// Hugo's alert marker at the start of a blockquote's HTML (`^<p>\[!([a-zA-Z]+)\](-|\+)?
/// [^\S\r\n]?([^\n]*)\n?`): (type lower-cased, sign, title without a closing `</p>`).
fn resolve_alert(html: &str) -> Option<(String, String, String)> {
    let rest = html.trim().strip_prefix("<p>[!")?;
    let end = rest.find(']')?;
    let kind = &rest[..end];
    if kind.is_empty() || !kind.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let mut rest = &rest[end + 1..];
    let sign = match rest.as_bytes().first() {
        Some(b'-') => "-",
        Some(b'+') => "+",
        _ => "",
    };
    rest = &rest[sign.len()..];
    // One optional white space character other than a line break.
    if let Some(c) = rest.chars().next() {
        if c.is_whitespace() && c != '\n' && c != '\r' {
            rest = &rest[c.len_utf8()..];
        }
    }
    let line = rest.split('\n').next().unwrap_or("");
    let title = line.trim();
    let title = title.strip_suffix("</p>").unwrap_or(title);
    Some((kind.to_ascii_lowercase(), sign.to_owned(), title.to_owned()))
}

/// The text of rendered inline HTML (tags removed, entities decoded): a hook's `.PlainText`.
fn plain_text(html: &str) -> String {
    crate::rules::entities::unescape(&crate::rules::text::strip_html(html))
        .replace(ESCAPED_SPACE, "\\")
}

/// goldmark's `GlobalAttributeFilter`: the names any element writes (`renderer/html/html.go`).
const GLOBAL_ATTRIBUTES: &[&str] = &[
    "accesskey",
    "autocapitalize",
    "autofocus",
    "class",
    "contenteditable",
    "dir",
    "draggable",
    "enterkeyhint",
    "hidden",
    "id",
    "inert",
    "inputmode",
    "is",
    "itemid",
    "itemprop",
    "itemref",
    "itemscope",
    "itemtype",
    "lang",
    "part",
    "role",
    "slot",
    "spellcheck",
    "style",
    "tabindex",
    "title",
    "translate",
];

/// goldmark's `ListAttributeFilter` beyond the global names.
const LIST_ATTRIBUTES: &[&str] = &["start", "reversed", "type"];

/// goldmark's `ThematicAttributeFilter` beyond the global names.
const RULE_ATTRIBUTES: &[&str] = &["align", "color", "noshade", "size", "width"];

/// goldmark's `BlockquoteAttributeFilter` beyond the global names.
const BLOCKQUOTE_ATTRIBUTES: &[&str] = &["cite"];

/// goldmark `RenderAttributes`: in the order set, only the global names, `extra` and
/// `data-*` (compared as written: `Class` is not `class`); a string value escaped, any other
/// (a number, a boolean) written empty.
fn push_goldmark_attributes(
    out: &mut String,
    attributes: &[(String, AttributeValue)],
    extra: &[&str],
) {
    for (name, value) in attributes {
        let name = name.as_str();
        if !GLOBAL_ATTRIBUTES.contains(&name)
            && !extra.contains(&name)
            && !name.starts_with("data-")
        {
            continue;
        }
        let value = match value {
            AttributeValue::Text(text) => text.as_str(),
            AttributeValue::Number(_) | AttributeValue::Bool(_) => "",
        };
        push_attribute(out, name, value);
    }
}

/// Hugo's `renderBlockquoteDefault`: a quote with attributes has no line break after its
/// start tag (`n.Attributes() != nil`).
fn push_blockquote_start(out: &mut String, attributes: &[(String, AttributeValue)]) {
    if attributes.is_empty() {
        out.push_str("<blockquote>\n");
    } else {
        out.push_str("<blockquote");
        push_goldmark_attributes(out, attributes, BLOCKQUOTE_ATTRIBUTES);
        out.push('>');
    }
}

/// Hugo's embedded `render-table.html`: `range $k, $v := .Attributes` (names lower-cased,
/// sorted, `on*` left out), only true values, `printf " %s=%q" $k ($v | transform.HTMLEscape)`.
fn push_table_attributes(out: &mut String, attributes: &[(String, AttributeValue)]) {
    let mut sorted: Vec<(String, &AttributeValue)> = Vec::new();
    for (name, value) in attributes {
        let name = name.to_ascii_lowercase();
        if name.starts_with("on") {
            continue;
        }
        // A map keeps one value per name: the last one set.
        match sorted.iter_mut().find(|(n, _)| *n == name) {
            Some(entry) => entry.1 = value,
            None => sorted.push((name, value)),
        }
    }
    crate::sorted::sort_by(&mut sorted, |a, b| a.0.cmp(&b.0));
    for (name, value) in sorted {
        let truthy = match value {
            AttributeValue::Text(text) => !text.is_empty(),
            AttributeValue::Number(n) => *n != 0.0,
            AttributeValue::Bool(b) => *b,
        };
        if !truthy {
            continue;
        }
        let mut escaped = String::new();
        crate::rules::escape::push_html(&mut escaped, &value.to_text());
        out.push(' ');
        out.push_str(&name);
        out.push('=');
        out.push_str(&crate::rules::quote::quote(&escaped));
    }
}

fn push_attribute(out: &mut String, key: &str, value: &str) {
    out.push(' ');
    push_escaped(out, key);
    out.push_str("=\"");
    push_escaped(out, value);
    out.push('"');
}

/// Hugo's `isHTMLComment` (`hugocontext.go`): more than 4 bytes, starting with `<!--`.
fn is_html_comment(html: &str) -> bool {
    html.len() > 4 && html.starts_with("<!--")
}

/// goldmark `html_block.go`: blocks of kinds 1–5 whose end condition is met on a later line
/// than the first keep that line as a separate "closure" line.
fn html_block_has_closure(text: &str) -> bool {
    let mut lines = text.lines();
    let Some(first) = lines.next() else {
        return false;
    };
    let first_trimmed = first.trim_start_matches(' ');
    let lower: String = first_trimmed
        .chars()
        .take(12)
        .collect::<String>()
        .to_ascii_lowercase();
    let end_marker: &[&str] = if ["<script", "<pre", "<style", "<textarea"].iter().any(|t| {
        lower.starts_with(t)
            && matches!(
                lower.as_bytes().get(t.len()),
                None | Some(b' ' | b'>' | b'\t')
            )
    }) {
        &["</script>", "</pre>", "</style>", "</textarea>"]
    } else if lower.starts_with("<!--") {
        &["-->"]
    } else if lower.starts_with("<?") {
        &["?>"]
    } else if lower.starts_with("<![cdata[") {
        &["]]>"]
    } else if lower.starts_with("<!")
        && lower.as_bytes().get(2).is_some_and(u8::is_ascii_alphabetic)
    {
        &[">"]
    } else {
        return false;
    };
    let contains_end = |line: &str| {
        let line = line.to_ascii_lowercase();
        end_marker.iter().any(|m| line.contains(m))
    };
    let Some(last) = lines.last() else {
        return false;
    };
    !contains_end(first) && contains_end(last)
}

/// The language of a fence: its info string up to the first space or `{` (Hugo reads
/// `{attributes}` after it).
fn fence_language(info: &str) -> &str {
    let info = info.trim();
    let end = info
        .find(|c: char| c.is_whitespace() || c == '{')
        .unwrap_or(info.len());
    &info[..end]
}

/// goldmark `util.IsDangerousURL` (case-insensitive prefixes; raster `data:image/` allowed).
fn is_dangerous_url(url: &str) -> bool {
    let has_prefix = |p: &str| {
        url.get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p))
    };
    if has_prefix("data:image/") && url.len() >= 11 {
        let rest = &url.as_bytes()[11..];
        let safe = [&b"png;"[..], b"gif;", b"jpeg;", b"webp;"]
            .iter()
            .any(|p| rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p));
        return !safe;
    }
    has_prefix("javascript:")
        || has_prefix("vbscript:")
        || has_prefix("file:")
        || has_prefix("data:")
}

/// goldmark `util.URLEscape`: bytes outside its safe table are percent-encoded (a whole UTF-8
/// sequence at a time), a `%` followed by a hex digit is kept (goldmark checks only the first
/// digit), a space becomes `%20`.
pub fn url_escape(url: &str) -> String {
    const SAFE: &[u8] =
        b"!#$&'()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~";
    let bytes = url.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if SAFE.contains(&c) {
            out.push(c);
            i += 1;
            continue;
        }
        if c == b'%' && i + 2 < bytes.len() && bytes[i + 1].is_ascii_hexdigit() {
            out.extend_from_slice(&bytes[i..i + 3]);
            i += 3;
            continue;
        }
        let len = match c {
            0x80..=0xBF | 0xF8..=0xFF => {
                // A continuation byte (only after the `%` shortcut above): kept as is.
                out.push(c);
                i += 1;
                continue;
            }
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => 1,
        };
        let end = (i + len).min(bytes.len());
        for &b in &bytes[i..end] {
            out.extend_from_slice(format!("%{b:02X}").as_bytes());
        }
        i = end;
    }
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The first goldmark inline node of a typographer-rendered run: goldmark splits a text at
/// each substitution (`&ldquo;`, `&ndash;`…, a `String` node), and `TextPlain` visits only
/// the first child of an emphasis or a link.
fn first_goldmark_text_node(html: &str) -> &str {
    const SUBSTITUTIONS: &[&str] = &[
        "&ldquo;", "&rdquo;", "&lsquo;", "&rsquo;", "&ndash;", "&mdash;", "&hellip;", "&laquo;",
        "&raquo;",
    ];
    if let Some(entity) = SUBSTITUTIONS.iter().find(|e| html.starts_with(**e)) {
        return &html[..entity.len()];
    }
    let end = SUBSTITUTIONS
        .iter()
        .filter_map(|e| html.find(e))
        .min()
        .unwrap_or(html.len());
    &html[..end]
}

/// The element a block tag opens, for `data-source-line`; `None` for the others (headings
/// are marked when written, raw HTML is left as written).
fn block_tag_name(tag: &Tag<'_>) -> Option<&'static str> {
    Some(match tag {
        Tag::Paragraph => "p",
        Tag::BlockQuote(_) => "blockquote",
        Tag::List(Some(_)) => "ol",
        Tag::List(None) => "ul",
        Tag::Item => "li",
        Tag::Table(_) => "table",
        Tag::CodeBlock(_) => "pre",
        Tag::DefinitionList => "dl",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_escape_matches_goldmark() {
        assert_eq!(url_escape("a b"), "a%20b");
        assert_eq!(url_escape("/a%20b/ü.png"), "/a%20b/%C3%BC.png");
        assert_eq!(
            url_escape("http://x.com/ü?a=\"b\"&c=<d>"),
            "http://x.com/%C3%BC?a=%22b%22&c=%3Cd%3E"
        );
        assert_eq!(url_escape("100%"), "100%25");
    }

    fn render_with_attribute_blocks(markdown: &str) -> String {
        let options = GoldmarkOptions {
            attribute_block: true,
            ..GoldmarkOptions::default()
        };
        let mut body = PreparedBody::new();
        body.push_verbatim(markdown, 0);
        render_body(&body, 0, &options, None, None, None, &mut Vec::new()).html
    }

    #[test]
    fn an_escaped_space_is_dropped_from_the_content_but_not_from_the_toc_or_the_id() {
        let mut options = GoldmarkOptions::default();
        options.cjk.enable = true;
        options.cjk.escaped_space = true;
        options.extras.mark = true;
        let mut body = PreparedBody::new();
        body.push_verbatim("## 見出し\\ **強調**\\ ==です==\n\na\\\\ b\n", 0);
        let rendered = render_body(&body, 0, &options, None, None, None, &mut Vec::new());
        assert_eq!(
            rendered.html,
            "<h2 id=\"見出し-強調-です\">見出し<strong>強調</strong><mark>です</mark></h2>\n\
             <p>a\\ b</p>\n"
        );
        assert_eq!(
            rendered.headings[0].title_html,
            "見出し\\ <strong>強調</strong>\\ <mark>です</mark>",
            "the table of contents should show the backslash, as Hugo's does"
        );
    }

    #[test]
    fn attribute_lines_are_text_unless_attribute_block_is_on() {
        let mut body = PreparedBody::new();
        body.push_verbatim("para\n{.a}\n", 0);
        let html = render_body(
            &body,
            0,
            &GoldmarkOptions::default(),
            None,
            None,
            None,
            &mut Vec::new(),
        )
        .html;
        assert_eq!(html, "<p>para\n{.a}</p>\n");
    }

    #[test]
    fn attribute_lines_are_written_as_goldmark_and_hugo_write_attributes() {
        for (markdown, expected) in [
            // docsy's lead paragraph; only global names and data-*, numbers empty.
            (
                "para\n{.display-6 onclick=\"x\" foo=bar data-n=1 title=\"a&b\"}\n",
                "<p class=\"display-6\" data-n=\"\" title=\"a&amp;b\">para</p>\n",
            ),
            // Hugo's blockquote: no line break after a start tag with attributes.
            (
                "> [!NOTE]\n> - one\n{._list-unstyled}\n",
                "<blockquote class=\"_list-unstyled\"><p>[!NOTE]</p>\n<ul>\n<li>one</li>\n</ul>\n</blockquote>\n",
            ),
            (
                "1. a\n{start=\"3\" .c}\n",
                "<ol start=\"3\" class=\"c\">\n<li>a</li>\n</ol>\n",
            ),
            (
                "***\n{width=\"3\" size=2 lang=en}\n",
                "<hr width=\"3\" size=\"\" lang=\"en\">\n",
            ),
            // The automatic id is set before the line's attributes.
            (
                "# Title\n{.c #other}\n",
                "<h1 id=\"title\" class=\"c\">Title</h1>\n",
            ),
            ("## Own {.a}\n{.b n=2}\n", "<h2 class=\"a\" id=\"own\" n=\"2\">Own</h2>\n"),
            ("Term\n: def\n{.d}\n", "<dl class=\"d\">\n<dt>Term</dt>\n<dd>def</dd>\n</dl>\n"),
            ("- a\n  {.in}\n- b\n", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"),
            ("para\n{.a} rest of the line\n", "<p class=\"a\">para</p>\n"),
        ] {
            assert_eq!(
                render_with_attribute_blocks(markdown),
                expected,
                "{markdown:?}"
            );
        }
    }

    #[test]
    fn a_table_writes_its_attributes_as_hugos_embedded_table_template() {
        let html = render_with_attribute_blocks(
            "| a |\n|---|\n| 1 |\n{.td-initial .table data-x=\"q\\\"r\" n=0 onload=x}\n",
        );
        assert!(
            html.starts_with("<table class=\"td-initial table\" data-x=\"q&#34;r\">\n"),
            "{html}"
        );
        assert_eq!(html.matches("<tr>").count(), 2, "no row for the line: {html}");
    }

    #[test]
    fn html_block_closure_is_a_later_line_with_the_end_condition() {
        assert!(html_block_has_closure("<script>\nx\n</script>\n"));
        assert!(!html_block_has_closure("<pre>one</pre>\n"));
        assert!(!html_block_has_closure("<div>\nx\n</div>\n"));
    }
}
