//! The shortcode lexer: Hugo's `parser/pageparser` main-section states, in Rust.
//!
//! In: the body of a content file (everything after the front matter) and the byte offset
//! where that body starts in the whole file. Out: an iterator of [`Item`]s — text,
//! indentation, shortcode delimiters, names, close markers, parameters and their values, the
//! first `<!--more-->`, EOF — each a byte span into the **whole file**. A syntax error is an
//! item too ([`ItemKind::Error`], with Hugo's exact message) and, as in Hugo, it stops the
//! stream; [`Lexer::recover`] resumes after the broken tag for callers (the tree builder) that
//! want the rest of the document.
//!
//! The states mirror `pagelexer.go` (`lexMainSection`, `sectionHandlers`) and
//! `pagelexer_shortcode.go` (`lexShortcodeLeftDelim`, `lexInsideShortcode`,
//! `lexShortcodeParam`, …) one for one, so that a token stream can be compared with Hugo's
//! test table. Departures are marked in comments; none changes what is accepted.
//!
//! ```text
//! text {{< name "p" k=v />}} text {{% /name %}} <!--more-->
//! ^^^^ ^^^ ^^^^ ^^^ ^ ^ ^^^^  ^^^^ ^^^ ^^^^ ^^^ ^^^^^^^^^^^^
//! Text  │  Name Param │ │ │   Text  │ Close  RightDelim  SummaryDivider
//!   LeftDelim  Param ParamValue   LeftDelim
//!                      Close + RightDelim (self-closing)
//! ```
//!
//! Linear time: every search for `{{`, `<!--more-->` or a comment end is cached, so that
//! text is scanned once, and recovery never rescans a region twice (see [`Lexer::recover`]).
//! Nothing here recurses, and every position moves by whole characters, so no input can make
//! it panic.

use crate::diagnostic::Span;
use std::collections::{HashSet, VecDeque};

/// What an [`Item`] is. Names follow Hugo's `ItemType` (`item.go`) where there is one.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemKind {
    /// Page text (`tText`). Also the escaped form `{{</* x */>}}`, emitted in three pieces
    /// without the `/*` `*/` markers, as Hugo does.
    Text,
    /// Spaces and tabs that end a text run right before a shortcode (`tIndentation`).
    Indentation,
    /// `{{<` (`markdown: false`) or `{{%` (`markdown: true`).
    LeftDelim { markdown: bool },
    /// `>}}` or `%}}`.
    RightDelim { markdown: bool },
    /// The `/` of a closing or self-closing tag (`tScClose`).
    Close,
    /// The shortcode name (`tScName`), or `name.inline` (`tScNameInline`).
    Name { inline: bool },
    /// A positional parameter, or the key of a named one (`tScParam`). `quoted` when it was
    /// written in `"…"` or `` `…` `` (then it is always a string).
    Param { quoted: bool },
    /// The value of a named parameter (`tScParamVal`).
    ParamValue { quoted: bool },
    /// The first `<!--more-->` and the ASCII whitespace after it (`TypeLeadSummaryDivider`).
    SummaryDivider,
    /// End of input (`tEOF`).
    Eof,
    /// A syntax error (`tError`) with Hugo's message. `tag` is the broken tag, from its `{{`
    /// to the place where [`Lexer::recover`] resumes.
    Error { message: String, tag: Span },
}

/// One lexed item: a kind and a byte span into the whole file.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub kind: ItemKind,
    pub span: Span,
    /// The value when it is not the source slice: a quoted string that contained `\"`, from
    /// which Hugo removes every backslash (`ignoreEscapesAndEmit`, issue #10236).
    unescaped: Option<Box<str>>,
}

impl Item {
    /// The item's value: its source text, or the unescaped string. `body` and `offset` are
    /// the ones given to the lexer.
    pub fn value<'s>(&'s self, body: &'s str, offset: usize) -> &'s str {
        if let Some(unescaped) = &self.unescaped {
            return unescaped;
        }
        let start = self.span.start.saturating_sub(offset).min(body.len());
        let end = self
            .span
            .end
            .saturating_sub(offset)
            .clamp(start, body.len());
        body.get(start..end).unwrap_or("")
    }

    /// The value typed as Hugo's `Item.ValTyped` does: quoted values are strings;
    /// otherwise `true`/`false` are booleans, `^[-+]?\d+$` an int (a string again on
    /// overflow, like `strconv.Atoi`), `^[-+]?\d*\.\d+$` a float, anything else a string.
    pub fn typed_value(&self, body: &str, offset: usize) -> serde_json::Value {
        let text = self.value(body, offset);
        let quoted = matches!(
            self.kind,
            ItemKind::Param { quoted: true } | ItemKind::ParamValue { quoted: true }
        );
        if quoted {
            return serde_json::Value::String(text.to_owned());
        }
        typed(text)
    }

    /// An end-of-input item at byte `at` of the whole file.
    pub fn eof(at: usize) -> Item {
        Item {
            kind: ItemKind::Eof,
            span: Span::new(at, at),
            unescaped: None,
        }
    }

    /// Whether this is an error item.
    pub fn is_error(&self) -> bool {
        matches!(self.kind, ItemKind::Error { .. })
    }
}

/// Hugo's `ValTyped` for an unquoted token (`boolRe`, `intRe`, `floatRe` in `item.go`).
pub fn typed(text: &str) -> serde_json::Value {
    use serde_json::Value;
    if text == "true" || text == "false" {
        return Value::Bool(text == "true");
    }
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if all_digits(unsigned) {
        // Go's Atoi accepts a leading '+' and fails on int64 overflow; Rust's i64 parse
        // accepts the same sign forms.
        return match text.parse::<i64>() {
            Ok(number) => Value::from(number),
            Err(_) => Value::String(text.to_owned()),
        };
    }
    if let Some((whole, fraction)) = unsigned.split_once('.') {
        let whole_ok = whole.bytes().all(|b| b.is_ascii_digit());
        if whole_ok && all_digits(fraction) {
            // ParseFloat fails (and Hugo keeps the string) only when the value is out of
            // range; Rust returns infinity there instead.
            if let Some(number) = text
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .and_then(serde_json::Number::from_f64)
            {
                return Value::Number(number);
            }
        }
    }
    Value::String(text.to_owned())
}

/// Lexes a whole body as Hugo does: every item up to and including `Eof` or the first
/// `Error`.
#[cfg(feature = "internals")]
pub fn lex(body: &str, offset: usize) -> Vec<Item> {
    Lexer::new(body, offset).collect()
}

const LEFT_DELIM_NO_MARKUP: &str = "{{<";
const LEFT_DELIM_WITH_MARKUP: &str = "{{%";
const RIGHT_DELIM_NO_MARKUP: &str = ">}}";
const RIGHT_DELIM_WITH_MARKUP: &str = "%}}";
const LEFT_COMMENT: &str = "/*";
const SUMMARY_DIVIDER: &str = "<!--more-->";
/// `inlineIdentifier`: a period in a name is only allowed as `name.inline ` (with the space).
const INLINE_IDENTIFIER: &str = "inline ";

/// The states of Hugo's lexer that the main section and shortcodes use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Main,
    LeftDelim,
    Comment,
    InsideShortcode,
    RightDelim,
    Identifier,
    EndOfShortcode,
    ParamValue,
    Done,
    Stopped,
}

/// A cached forward search for one needle, so repeated searches from growing positions
/// cost linear time in total (Hugo's `sectionHandlers.skip` searches again every time).
#[derive(Debug, Clone, Copy)]
struct Finder {
    needle: &'static str,
    /// The search ran from `from` and found the needle at `found` (`None`: not before EOF).
    from: usize,
    found: Option<usize>,
    valid: bool,
}

impl Finder {
    fn new(needle: &'static str) -> Finder {
        Finder {
            needle,
            from: 0,
            found: None,
            valid: false,
        }
    }

    fn find(&mut self, haystack: &str, pos: usize) -> Option<usize> {
        let cached = self.valid
            && self.from <= pos
            && match self.found {
                Some(found) => found >= pos,
                None => true,
            };
        if !cached {
            self.from = pos;
            self.found = haystack
                .get(pos..)
                .and_then(|rest| memchr::memmem::find(rest.as_bytes(), self.needle.as_bytes()))
                .map(|i| pos + i);
            self.valid = true;
        }
        self.found
    }
}

/// Hugo's `pageLexer` restricted to the main section, as an iterator of [`Item`]s.
pub struct Lexer<'a> {
    body: &'a str,
    offset: usize,
    /// Current position and start of the pending item, in bytes into `body`.
    pos: usize,
    start: usize,
    /// Width of the last character read, for `backup`.
    width: usize,
    state: State,
    queue: VecDeque<Item>,

    // lexerShortcodeState
    markdown: bool,
    is_inline: bool,
    /// `currShortcodeName`: the last name lexed, as a range of `body`. Hugo never resets it.
    current_name: Option<(usize, usize)>,
    closing_state: u32,
    element_step: u32,
    param_elements: u8,
    open_shortcodes: HashSet<&'a str>,

    summary_divider_checked: bool,
    /// Where the tag being lexed starts (its `{{`), for recovery.
    tag_start: usize,
    /// Recovery resumes here after the last error (`None`: no error pending).
    resume_at: Option<usize>,
    /// End of the furthest region that a recovery made the lexer read a second time.
    rescan_limit: usize,

    braces: Finder,
    dividers: Finder,
    comment_end_no_markup: Finder,
    comment_end_with_markup: Finder,
}

impl<'a> Lexer<'a> {
    /// A lexer over `body`, which starts at byte `offset` of the whole file.
    pub fn new(body: &'a str, offset: usize) -> Lexer<'a> {
        Lexer {
            body,
            offset,
            pos: 0,
            start: 0,
            width: 0,
            state: State::Main,
            queue: VecDeque::new(),
            markdown: false,
            is_inline: false,
            current_name: None,
            closing_state: 0,
            element_step: 0,
            param_elements: 0,
            open_shortcodes: HashSet::new(),
            summary_divider_checked: false,
            tag_start: 0,
            resume_at: None,
            rescan_limit: 0,
            braces: Finder::new("{{"),
            dividers: Finder::new(SUMMARY_DIVIDER),
            comment_end_no_markup: Finder::new("*/>}}"),
            comment_end_with_markup: Finder::new("*/%}}"),
        }
    }

    /// After an `Error` item: continue lexing after the broken tag, as if it were not there.
    ///
    /// The broken tag ends where a reader sees it end: at the first right delimiter of its
    /// own notation after its `{{<`, or just before the next `{{<`/`{{%`, or at the end of
    /// input. So `{{< x a=b/>}} rest` resumes at ` rest` although the unquoted value
    /// swallowed the delimiter, and `{{< x "open >}} rest` at ` rest` although the quote
    /// ran on to the end of the line. Document-wide state (open names, the summary divider)
    /// is kept; the tag's own state is dropped.
    ///
    /// Linear time: when the resume point lies before the place the error was found, the
    /// region between is read again. A tag that starts inside such a region and fails again
    /// resumes no earlier than its own failure point, so no byte is read more than twice.
    pub fn recover(&mut self) {
        if let Some(resume) = self.resume_at.take() {
            self.resume(resume);
        }
    }

    /// Continue lexing at byte `at` of the whole file, in the main section, keeping the
    /// document-wide state. Used to skip a region the caller has dealt with (an unknown
    /// shortcode paired with its closing tag). Positions before the current one are ignored.
    pub fn resume_at(&mut self, at: usize) {
        let at = self.floor_boundary(at.saturating_sub(self.offset));
        if at >= self.start {
            self.resume(at);
        }
    }

    fn resume(&mut self, at: usize) {
        self.queue.clear();
        self.pos = at;
        self.start = at;
        self.width = 0;
        self.state = State::Main;
        self.closing_state = 0;
        self.element_step = 0;
        self.param_elements = 0;
        // `is_inline` stays as the error left it: false after the `/` of a closing tag,
        // true after an `x.inline` name (the tree keeps that call open), else unchanged.
    }

    fn floor_boundary(&self, at: usize) -> usize {
        let mut at = at.min(self.body.len());
        while !self.body.is_char_boundary(at) {
            at -= 1;
        }
        at
    }

    // ---- Hugo's lexer helpers (pagelexer.go) ----

    #[inline(always)]
    fn rest(&self) -> &'a str {
        &self.body[self.pos..]
    }

    #[inline(always)]
    fn has_prefix(&self, prefix: &str) -> bool {
        self.rest().starts_with(prefix)
    }

    #[inline(always)]
    fn next_char(&mut self) -> Option<char> {
        match self.rest().chars().next() {
            Some(c) => {
                self.width = c.len_utf8();
                self.pos += self.width;
                Some(c)
            }
            None => {
                self.width = 0;
                None
            }
        }
    }

    fn backup(&mut self) {
        self.pos -= self.width;
        self.width = 0;
    }

    fn peek(&mut self) -> Option<char> {
        self.rest().chars().next()
    }

    fn ignore(&mut self) {
        self.start = self.pos;
    }

    fn current(&self) -> &'a str {
        &self.body[self.start..self.pos]
    }

    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(start + self.offset, end + self.offset)
    }

    fn push(&mut self, kind: ItemKind, start: usize, end: usize) {
        let span = self.span(start, end);
        self.queue.push_back(Item {
            kind,
            span,
            unescaped: None,
        });
    }

    /// `emit`: for text, trailing spaces/tabs after the last newline (or a text run of only
    /// spaces and tabs) become a separate `Indentation` item, exactly as Hugo splits them.
    fn emit(&mut self, kind: ItemKind) {
        let (start, end) = (self.start, self.pos);
        self.start = self.pos;
        if kind == ItemKind::Text {
            let bytes = self.body.as_bytes();
            let mut i = end;
            while i > start {
                i -= 1;
                let b = bytes[i];
                if !matches!(b, b' ' | b'\t' | b'\r' | b'\n') {
                    break;
                }
                if i == start && b != b'\n' {
                    self.push(ItemKind::Indentation, start, end);
                    return;
                } else if b == b'\n' && i < end - 1 {
                    self.push(ItemKind::Text, start, i + 1);
                    self.push(ItemKind::Indentation, i + 1, end);
                    return;
                } else if b == b'\n' {
                    break;
                }
            }
        }
        self.push(kind, start, end);
    }

    /// `emitString`: a quoted value, typed as a string whatever it looks like.
    fn emit_quoted(&mut self, kind: ItemKind) {
        let (start, end) = (self.start, self.pos);
        self.start = self.pos;
        self.push(kind, start, end);
    }

    /// `ignoreEscapesAndEmit`: every backslash is dropped from the value.
    fn emit_unescaped(&mut self, kind: ItemKind) {
        let value: String = self.current().chars().filter(|&c| c != '\\').collect();
        let span = self.span(self.start, self.pos);
        self.start = self.pos;
        self.queue.push_back(Item {
            kind,
            span,
            unescaped: Some(value.into_boxed_str()),
        });
    }

    fn consume_space(&mut self) {
        while let Some(c) = self.next_char() {
            if !is_ascii_space(c) {
                self.backup();
                return;
            }
        }
    }

    fn consume_to_space(&mut self) {
        while let Some(c) = self.next_char() {
            if is_ascii_space(c) {
                self.backup();
                return;
            }
        }
    }

    fn right_delim(&self) -> &'static str {
        if self.markdown {
            RIGHT_DELIM_WITH_MARKUP
        } else {
            RIGHT_DELIM_NO_MARKUP
        }
    }

    fn is_shortcode_start(&self) -> bool {
        self.has_prefix(LEFT_DELIM_NO_MARKUP) || self.has_prefix(LEFT_DELIM_WITH_MARKUP)
    }

    /// `errorf`: an error item (span `start..pos`, as Hugo reports it) that stops the lexer.
    /// `in_tag` is false for errors found in the main section, before the tag's own state.
    fn errorf(&mut self, message: String, in_tag: bool) -> State {
        let tag_start = if in_tag { self.tag_start } else { self.pos };
        let resume = self.recovery_point(tag_start);
        let tag = self.span(tag_start, resume);
        let span = self.span(self.start, self.pos);
        self.queue.push_back(Item {
            kind: ItemKind::Error { message, tag },
            span,
            unescaped: None,
        });
        self.resume_at = Some(resume);
        State::Stopped
    }

    /// Where lexing resumes after an error in the tag starting at `tag_start`; see
    /// [`Lexer::recover`] for the rule and why it is linear.
    fn recovery_point(&mut self, tag_start: usize) -> usize {
        let body = self.body;
        let len = body.len();
        let after_open = (tag_start + 3).min(len);
        let right = if body.as_bytes().get(tag_start + 2) == Some(&b'%') {
            RIGHT_DELIM_WITH_MARKUP
        } else {
            RIGHT_DELIM_NO_MARKUP
        };
        // The first right delimiter (resume after it) or shortcode start (resume at it).
        let search = |from: usize| -> Option<usize> {
            let rest = body.get(from..)?;
            let mut i = 0;
            while let Some(found) = rest[i..].find(['>', '%', '{']) {
                let at = i + found;
                let here = &rest[at..];
                if here.starts_with(right) {
                    return Some(from + at + 3);
                }
                if here.starts_with(LEFT_DELIM_NO_MARKUP)
                    || here.starts_with(LEFT_DELIM_WITH_MARKUP)
                {
                    return Some(from + at);
                }
                i = at + 1;
            }
            None
        };
        let failed_at = self.pos.max(after_open);
        let mut resume = search(after_open).unwrap_or(len);
        if tag_start < self.rescan_limit {
            resume = resume.max(failed_at);
        } else if resume < failed_at {
            self.rescan_limit = failed_at;
        }
        self.floor_boundary(resume.max(after_open))
    }

    // ---- States ----

    fn step(&mut self) -> State {
        match self.state {
            State::Main => self.lex_main_section(),
            State::LeftDelim => self.lex_left_delim(),
            State::Comment => self.lex_comment(),
            State::InsideShortcode => self.lex_inside_shortcode(),
            State::RightDelim => self.lex_right_delim(),
            State::Identifier => self.lex_identifier(),
            State::EndOfShortcode => self.lex_end_of_shortcode(),
            State::ParamValue => self.lex_param_value(),
            State::Done => self.lex_done(),
            State::Stopped => State::Stopped,
        }
    }

    /// `lexMainSection` with its section handlers: skip to the next `{{` or (until the first
    /// one is found) `<!--more-->`, emit the text before it, then lex what is there.
    ///
    /// ```text
    /// text text {{< …      text <!--more-->\n text
    ///           ^ here            ^ or here
    /// ```
    fn lex_main_section(&mut self) -> State {
        if self.pos >= self.body.len() {
            return State::Done;
        }
        let brace = self.braces.find(self.body, self.pos);
        let divider = if self.summary_divider_checked {
            None
        } else {
            self.dividers.find(self.body, self.pos)
        };
        let skip = match (brace, divider) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => {
                self.pos = self.body.len();
                return State::Done;
            }
        };
        self.pos = skip;
        if self.pos > self.start {
            self.emit(ItemKind::Text);
        }

        if self.is_shortcode_start() {
            if self.is_inline && !self.closes_inline_shortcode() {
                // Inside `x.inline`, the only shortcode markup allowed is its closing tag.
                return self.errorf("inline shortcodes do not support nesting".into(), false);
            }
            self.markdown = self.has_prefix(LEFT_DELIM_WITH_MARKUP);
            self.tag_start = self.pos;
            return State::LeftDelim;
        }

        if !self.summary_divider_checked && self.has_prefix(SUMMARY_DIVIDER) {
            self.summary_divider_checked = true;
            self.pos += SUMMARY_DIVIDER.len();
            // "This makes it a little easier to reason about later."
            self.consume_space();
            self.emit(ItemKind::SummaryDivider);
            return State::Main;
        }

        // A `{{` that starts no shortcode: Hugo moves one byte on (the text stays split here).
        self.pos += 1;
        State::Main
    }

    /// The check in Hugo's shortcode section handler: after `{{<`, optional ASCII spaces,
    /// `/`, then (after trimming Unicode spaces) the inline name followed by a space.
    fn closes_inline_shortcode(&self) -> bool {
        let after = &self.body[self.pos + 3..];
        let trimmed = after.trim_start_matches(|c: char| is_ascii_space(c));
        let Some(after_slash) = trimmed.strip_prefix('/') else {
            return false;
        };
        let name = match self.current_name {
            Some((start, end)) => &self.body[start..end],
            None => "",
        };
        let candidate = after_slash.trim_start();
        // `bytes.TrimSpace` also trims the end, so the space after the name must be
        // followed by something that is not whitespace.
        candidate
            .strip_prefix(name)
            .and_then(|rest| rest.strip_prefix(' '))
            .is_some_and(|rest| rest.chars().any(|c| !c.is_whitespace()))
    }

    /// `lexShortcodeLeftDelim`.
    fn lex_left_delim(&mut self) -> State {
        self.pos += 3;
        if self.has_prefix(LEFT_COMMENT) {
            return State::Comment;
        }
        self.emit(ItemKind::LeftDelim {
            markdown: self.markdown,
        });
        self.element_step = 0;
        self.param_elements = 0;
        State::InsideShortcode
    }

    /// `lexShortcodeComment`: `{{</* x */>}}` is emitted as the text `{{< x >}}`.
    fn lex_comment(&mut self) -> State {
        let finder = if self.markdown {
            &mut self.comment_end_with_markup
        } else {
            &mut self.comment_end_no_markup
        };
        let right_comment = finder.find(self.body, self.pos).map(|at| at - self.pos);
        let right_comment = match right_comment {
            Some(at) if at > 1 => at,
            _ => return self.errorf("comment must be closed".into(), true),
        };
        self.emit(ItemKind::Text);
        self.pos += LEFT_COMMENT.len();
        self.ignore();
        self.pos += right_comment - LEFT_COMMENT.len();
        self.emit(ItemKind::Text);
        self.pos += 2;
        self.ignore();
        self.pos += 3;
        self.emit(ItemKind::Text);
        State::Main
    }

    /// `lexShortcodeRightDelim`.
    fn lex_right_delim(&mut self) -> State {
        self.closing_state = 0;
        self.pos += 3;
        self.emit(ItemKind::RightDelim {
            markdown: self.markdown,
        });
        State::Main
    }

    /// `lexInsideShortcode`: one element inside `{{< … >}}`.
    ///
    /// ```text
    /// {{< name k="v" />}}
    ///    ^    ^^    ^^ here, between elements
    /// ```
    fn lex_inside_shortcode(&mut self) -> State {
        if self.has_prefix(self.right_delim()) {
            return State::RightDelim;
        }
        let Some(c) = self.next_char() else {
            // Newlines are allowed inside tags, so this may run to the end of the document.
            return self.errorf("unclosed shortcode action".into(), true);
        };
        match c {
            c if is_ascii_space(c) => self.ignore(),
            '=' => {
                self.consume_space();
                self.ignore();
                match self.peek() {
                    Some(p @ ('"' | '\\')) => {
                        return self.lex_quoted_param_value(
                            p != '\\',
                            ItemKind::ParamValue { quoted: true },
                        )
                    }
                    Some('`') => {
                        return self.lex_raw_string_value(ItemKind::ParamValue { quoted: true })
                    }
                    _ => return State::ParamValue,
                }
            }
            '/' => {
                if self.current_name.is_none() {
                    return self.errorf("got closing shortcode, but none is open".into(), true);
                }
                self.closing_state += 1;
                self.is_inline = false;
                self.element_step = 0;
                self.emit(ItemKind::Close);
            }
            '\\' => {
                self.ignore();
                if matches!(self.peek(), Some('"' | '`')) {
                    return self.lex_param(true);
                }
            }
            c if self.element_step > 0 && (is_alphanumeric_or_hyphen(c) || c == '"' || c == '`') => {
                // Positional parameters may be quoted.
                self.backup();
                return self.lex_param(false);
            }
            c if is_alphanumeric(c) => {
                self.backup();
                return State::Identifier;
            }
            c => {
                return self.errorf(
                    format!(
                        "unrecognized character in shortcode action: {}. Note: Parameters with non-alphanumeric args must be quoted",
                        go_unicode(c)
                    ),
                    true,
                )
            }
        }
        State::InsideShortcode
    }

    /// `lexShortcodeParam`: a positional parameter or the key of a named one.
    fn lex_param(&mut self, escaped_quote_start: bool) -> State {
        let mut first = true;
        let mut next_eq = false;
        loop {
            let c = self.next_char();
            if first {
                if c == Some('"') || (c == Some('`') && !escaped_quote_start) {
                    if self.param_elements == 2 {
                        return self.errorf(
                            "got quoted positional parameter. Cannot mix named and positional parameters".into(),
                            true,
                        );
                    }
                    self.param_elements = 1;
                    self.backup();
                    let kind = ItemKind::Param { quoted: true };
                    return if c == Some('"') {
                        self.lex_quoted_param_value(!escaped_quote_start, kind)
                    } else {
                        self.lex_raw_string_value(kind)
                    };
                } else if c == Some('`') && escaped_quote_start {
                    return self.errorf("unrecognized escape character".into(), true);
                }
                first = false;
            } else if c == Some('=') {
                self.backup();
                next_eq = true;
                break;
            }
            // Floats have a period.
            if !c.is_some_and(|c| is_alphanumeric_or_hyphen(c) || c == '.') {
                self.backup();
                break;
            }
        }

        if self.param_elements == 0 {
            self.param_elements = if next_eq { 2 } else { 1 };
        } else if next_eq && self.param_elements == 1 {
            let message = format!(
                "got named parameter '{}'. Cannot mix named and positional parameters",
                self.current()
            );
            return self.errorf(message, true);
        } else if !next_eq && self.param_elements == 2 {
            let message = format!(
                "got positional parameter '{}'. Cannot mix named and positional parameters",
                self.current()
            );
            return self.errorf(message, true);
        }
        self.emit(ItemKind::Param { quoted: false });
        State::InsideShortcode
    }

    /// `lexShortcodeParamVal`: an unquoted named value runs to the next ASCII space, so it
    /// swallows `=`, `/`, quotes and even the right delimiter.
    fn lex_param_value(&mut self) -> State {
        self.consume_to_space();
        self.emit(ItemKind::ParamValue { quoted: false });
        State::InsideShortcode
    }

    /// `lexShortCodeParamRawStringVal`: `` `…` ``, no escapes, newlines allowed.
    fn lex_raw_string_value(&mut self, kind: ItemKind) -> State {
        let mut open_backtick_found = false;
        loop {
            match self.next_char() {
                Some('`') => {
                    if open_backtick_found {
                        self.backup();
                        break;
                    }
                    open_backtick_found = true;
                    self.ignore();
                }
                None => {
                    let message = format!(
                        "unterminated raw string in shortcode parameter-argument: '{}'",
                        self.current()
                    );
                    return self.errorf(message, true);
                }
                Some(_) => {}
            }
        }
        self.emit_quoted(kind);
        self.next_char();
        self.ignore();
        State::InsideShortcode
    }

    /// `lexShortcodeQuotedParamVal`: `"…"`, one line, `\"` escapes; also the legacy form
    /// `\"…\"` (`escaped_quoted_values_allowed` false), which ends at the next `\"`.
    fn lex_quoted_param_value(
        &mut self,
        escaped_quoted_values_allowed: bool,
        kind: ItemKind,
    ) -> State {
        let mut open_quote_found = false;
        let mut escaped_inner_quote_found = false;
        let mut escaped_quote_state = 0;
        loop {
            match self.next_char() {
                Some('\\') => match self.peek() {
                    Some('"') => {
                        if open_quote_found && !escaped_quoted_values_allowed {
                            self.backup();
                            break;
                        } else if open_quote_found {
                            // The coming quote is inside.
                            escaped_inner_quote_found = true;
                            escaped_quote_state = 1;
                        }
                    }
                    Some('`') => return self.errorf("unrecognized escape character".into(), true),
                    _ => {}
                },
                None | Some('\n') => {
                    let message = format!(
                        "unterminated quoted string in shortcode parameter-argument: '{}'",
                        self.current()
                    );
                    return self.errorf(message, true);
                }
                Some('"') => {
                    if escaped_quote_state == 0 {
                        if open_quote_found {
                            self.backup();
                            break;
                        }
                        open_quote_found = true;
                        self.ignore();
                    } else {
                        escaped_quote_state = 0;
                    }
                }
                Some(_) => {}
            }
        }

        if escaped_inner_quote_found {
            self.emit_unescaped(kind);
        } else {
            self.emit_quoted(kind);
        }

        match self.next_char() {
            Some('\\') => {
                if self.peek() == Some('"') {
                    // Skip the escaped closing quote.
                    self.ignore();
                    self.next_char();
                    self.ignore();
                }
            }
            Some('"') => self.ignore(),
            _ => self.backup(),
        }
        State::InsideShortcode
    }

    /// `lexIdentifierInShortcode`: the name of an opening or closing tag.
    fn lex_identifier(&mut self) -> State {
        let mut look_for_end = false;
        loop {
            match self.next_char() {
                // Slashes allow namespaces: `{{< test/hello >}}`.
                Some(c) if is_alphanumeric_or_hyphen(c) || c == '/' => {}
                Some('.') => {
                    self.is_inline = self.has_prefix(INLINE_IDENTIFIER);
                    if !self.is_inline {
                        return self.errorf(
                            "period in shortcode name only allowed for inline identifiers".into(),
                            true,
                        );
                    }
                }
                _ => {
                    self.backup();
                    let word = self.current();
                    if self.closing_state > 0 {
                        if !self.open_shortcodes.contains(word) {
                            let message = format!(
                                "closing tag for shortcode '{word}' does not match start tag"
                            );
                            return self.errorf(message, true);
                        }
                        // Hugo marks the name closed and then, a few lines on, open again: the
                        // set only ever grows, so we simply keep it.
                        look_for_end = true;
                    }
                    self.closing_state = 0;
                    self.current_name = Some((self.start, self.pos));
                    self.open_shortcodes.insert(word);
                    self.element_step += 1;
                    self.emit(ItemKind::Name {
                        inline: self.is_inline,
                    });
                    break;
                }
            }
        }
        if look_for_end {
            State::EndOfShortcode
        } else {
            State::InsideShortcode
        }
    }

    /// `lexEndOfShortcode`: after the name of a closing tag only spaces may come.
    fn lex_end_of_shortcode(&mut self) -> State {
        self.is_inline = false;
        if self.has_prefix(self.right_delim()) {
            return State::RightDelim;
        }
        match self.next_char() {
            Some(c) if is_ascii_space(c) => self.ignore(),
            _ => return self.errorf("unclosed shortcode".into(), true),
        }
        State::EndOfShortcode
    }

    /// `lexDone`.
    fn lex_done(&mut self) -> State {
        if self.pos > self.start {
            self.emit(ItemKind::Text);
        }
        self.push(ItemKind::Eof, self.pos, self.pos);
        State::Stopped
    }
}

impl Iterator for Lexer<'_> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.queue.pop_front() {
                return Some(item);
            }
            if self.state == State::Stopped {
                return None;
            }
            self.state = self.step();
        }
    }
}

/// Hugo's `isASCIISpace` (HEAD; v0.111.3 did not include `\v` and `\f`).
pub(crate) fn is_ascii_space(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | ' ')
}

/// Hugo's `isAlphaNumeric`: `_`, a letter or a digit.
///
/// Go asks for the Unicode categories L and Nd; Rust's std has only the Alphabetic and
/// Numeric properties, which also admit letter-numbers (`Ⅻ`), other numbers (`²`) and some
/// combining marks. ASCII and ordinary letters of every script agree.
pub(crate) fn is_alphanumeric(c: char) -> bool {
    c == '_' || c.is_alphabetic() || c.is_numeric()
}

/// Hugo's `isAlphaNumericOrHyphen` ("let unquoted YouTube ids slip through").
pub(crate) fn is_alphanumeric_or_hyphen(c: char) -> bool {
    is_alphanumeric(c) || c == '-'
}

/// Go's `%#U`: `U+0025 '%'`, the character left out when Go would not print it.
fn go_unicode(c: char) -> String {
    let code = format!("U+{:04X}", c as u32);
    if is_go_printable(c) {
        format!("{code} '{c}'")
    } else {
        code
    }
}

/// An approximation of Go's `strconv.IsPrint` (letters, marks, numbers, punctuation,
/// symbols and U+0020): controls, other spaces, format characters, private use and
/// non-characters are not printable. Unassigned code points, which Go also rejects, cannot be
/// told apart without Unicode tables.
fn is_go_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    let code = c as u32;
    let format = matches!(
        code,
        0x00AD
            | 0x0600..=0x0605
            | 0x061C
            | 0x06DD
            | 0x070F
            | 0x0890..=0x0891
            | 0x08E2
            | 0x180E
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x2064
            | 0x2066..=0x206F
            | 0xFEFF
            | 0xFFF9..=0xFFFB
            | 0x110BD
            | 0x110CD
            | 0x13430..=0x1343F
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0001
            | 0xE0020..=0xE007F
    );
    let private_use = matches!(code, 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD);
    let non_character = matches!(code, 0xFDD0..=0xFDEF) || code & 0xFFFE == 0xFFFE;
    !(c.is_control() || c.is_whitespace() || format || private_use || non_character)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(input: &str) -> Vec<(String, String)> {
        lex(input, 0)
            .iter()
            .map(|item| {
                let kind = match &item.kind {
                    ItemKind::Error { message, .. } => return ("Error".into(), message.clone()),
                    ItemKind::LeftDelim { .. } => "LeftDelim",
                    ItemKind::RightDelim { .. } => "RightDelim",
                    ItemKind::Name { inline: true } => "InlineName",
                    ItemKind::Name { .. } => "Name",
                    ItemKind::Param { .. } => "Param",
                    ItemKind::ParamValue { .. } => "ParamValue",
                    ItemKind::Text => "Text",
                    ItemKind::Indentation => "Indentation",
                    ItemKind::Close => "Close",
                    ItemKind::SummaryDivider => "SummaryDivider",
                    ItemKind::Eof => "Eof",
                };
                (kind.to_string(), item.value(input, 0).to_string())
            })
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn main_section_splits_text_at_every_double_brace_like_hugo() {
        assert_eq!(
            kinds("a {{ b }} c"),
            pairs(&[("Text", "a "), ("Text", "{{ b }} c"), ("Eof", "")])
        );
    }

    #[test]
    fn main_section_emits_only_the_first_summary_divider_with_its_whitespace() {
        assert_eq!(
            kinds("a<!--more-->\n\tb<!--more-->"),
            pairs(&[
                ("Text", "a"),
                ("SummaryDivider", "<!--more-->\n\t"),
                ("Text", "b<!--more-->"),
                ("Eof", "")
            ])
        );
    }

    #[test]
    fn text_before_a_shortcode_splits_off_its_indentation() {
        assert_eq!(
            kinds("x\n  {{< a >}}")[..2],
            pairs(&[("Text", "x\n"), ("Indentation", "  ")])[..]
        );
    }

    #[test]
    fn comment_state_emits_the_tag_without_markers() {
        let text: String = kinds("{{%/* a */%}}")
            .into_iter()
            .filter(|(k, _)| k == "Text" || k == "Indentation")
            .map(|(_, v)| v)
            .collect();
        assert_eq!(text, "{{% a %}}");
    }

    #[test]
    fn inside_shortcode_rejects_unquoted_punctuation_with_gos_rune_format() {
        let items = kinds("{{< x a:b >}}");
        assert_eq!(
            items.last().unwrap().1,
            "unrecognized character in shortcode action: U+003A ':'. Note: Parameters with non-alphanumeric args must be quoted"
        );
        let items = kinds("{{< x \u{a0} >}}");
        assert!(items.last().unwrap().1.contains("U+00A0."), "{items:?}");
    }

    #[test]
    fn param_state_types_values_like_val_typed() {
        assert_eq!(typed("007"), serde_json::json!(7));
        assert_eq!(typed("+7"), serde_json::json!(7));
        assert_eq!(typed(".14"), serde_json::json!(0.14));
        assert_eq!(typed("-3.5"), serde_json::json!(-3.5));
        assert_eq!(typed("1e3"), serde_json::json!("1e3"));
        assert_eq!(typed("True"), serde_json::json!("True"));
        assert_eq!(
            typed("99999999999999999999"),
            serde_json::json!("99999999999999999999")
        );
        assert_eq!(typed("5."), serde_json::json!("5."));
        assert_eq!(typed("-"), serde_json::json!("-"));
    }

    #[test]
    fn quoted_value_state_removes_every_backslash_once_a_quote_is_escaped() {
        let items = lex(r#"{{< x a="a\b \"c\"" b="a\b" >}}"#, 0);
        let values: Vec<_> = items
            .iter()
            .filter(|i| matches!(i.kind, ItemKind::ParamValue { .. }))
            .map(|i| i.value(r#"{{< x a="a\b \"c\"" b="a\b" >}}"#, 0).to_string())
            .collect();
        assert_eq!(values, vec![r#"ab "c""#, r"a\b"]);
    }

    #[test]
    fn identifier_state_accepts_unicode_names_and_namespaces() {
        assert_eq!(kinds("{{< café/x >}}")[1], ("Name".into(), "café/x".into()));
    }

    #[test]
    fn end_of_shortcode_state_rejects_extra_words_in_closing_tags() {
        let items = kinds("{{< a >}}{{< /a b >}}");
        assert_eq!(
            items.last().unwrap(),
            &("Error".into(), "unclosed shortcode".into())
        );
    }

    #[test]
    fn raw_string_state_keeps_newlines_and_backslashes() {
        let input = "{{< x `a\\b\nc` >}}";
        let items = lex(input, 0);
        assert_eq!(items[2].value(input, 0), "a\\b\nc");
        assert_eq!(items[2].kind, ItemKind::Param { quoted: true });
    }

    #[test]
    fn spans_are_shifted_into_the_whole_file() {
        let items = lex("{{< x >}}", 10);
        assert_eq!(items[1].span, Span::new(14, 15));
        assert_eq!(items[1].value("{{< x >}}", 10), "x");
    }

    #[test]
    fn recovery_resumes_after_the_broken_tag() {
        let body = "{{< x a=b/>}} rest {{< y >}}";
        // Hugo reads `b/>}}` as the value and then fails on `rest`.
        let mut lexer = Lexer::new(body, 0);
        let items: Vec<_> = lexer.by_ref().collect();
        let Some(ItemKind::Error { message, tag }) = items.last().map(|i| i.kind.clone()) else {
            panic!("should fail: {items:?}")
        };
        assert_eq!(
            message,
            "got positional parameter 'rest'. Cannot mix named and positional parameters"
        );
        assert_eq!(tag, Span::new(0, 13));
        lexer.recover();
        let rest: Vec<_> = lexer.collect();
        assert_eq!(rest[0].value(body, 0), " rest ");
        assert!(rest.iter().any(|i| i.value(body, 0) == "y"));
    }

    #[test]
    fn never_panics_on_multibyte_text_around_delimiters() {
        for input in [
            "{{<é",
            "{{%é%}}",
            "é{{</*é",
            "{{< é=é",
            "{{< x \"é",
            "{{< x `é",
            "{{<{{%",
        ] {
            let mut lexer = Lexer::new(input, 3);
            for _ in 0..100 {
                let items: Vec<_> = lexer.by_ref().collect();
                if items.last().is_some_and(|i| i.kind == ItemKind::Eof) {
                    break;
                }
                lexer.recover();
            }
        }
    }
}
