//! Contextual escaping as Go's `html/template` does it.
//!
//! Input: the template's literal text and the values of its actions, in output order.
//! Output: HTML in which every value is escaped for the context it lands in.
//!
//! Go computes each action's context statically, before execution, and rewrites the
//! pipeline with escaper functions; it rejects templates whose branches end in different
//! contexts. We track the context dynamically instead: [`Escaper::text`] moves the context
//! over the template's own text as it is written (never over values), and
//! [`Escaper::value`] escapes a value for the current context. For templates Go accepts,
//! every action sees the same context either way; templates Go rejects (branches ending in
//! different contexts, a template ending inside a tag) are accepted here and escaped for the
//! context actually reached.
//!
//! Simplifications relative to Go (all on the safe side):
//! * attribute values are not entity-decoded before their content (URL, JS, CSS) is scanned;
//! * JS: the regexp/division decision after a word only knows a few keywords; template
//!   literals (`` `…${…}…` ``) are one state and values in them are escaped as in strings
//!   (Go refuses actions there);
//! * CSS: escape sequences in values are not decoded before `cssValueFilter`'s checks; a
//!   value holding a backslash is refused instead;
//! * `<script type=…>` does not switch to JSON or plain-text handling.
//!
//! Sources: `html/template/context.go` (states), `transition.go` (text), `escape.go` (which
//! escaper where), `html.go`, `url.go`, `js.go`, `css.go`, `attr.go` (the escapers).

use super::value::{SafeKind, Value};

/// Go's `filterFailsafe`: what a refused value becomes.
pub(crate) const FAILSAFE: &str = "ZgotmplZ";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum State {
    #[default]
    Text,
    /// Inside a tag, before an attribute name.
    Tag,
    AttrName,
    AfterName,
    BeforeValue,
    /// Inside an HTML comment in template text (elided from the output).
    HtmlComment,
    /// `<title>`, `<textarea>` content.
    Rcdata,
    /// Inside an ordinary attribute value.
    Attr,
    Url,
    Srcset,
    Js,
    JsDqStr,
    JsSqStr,
    JsTmplLit,
    JsRegexp,
    JsLineComment,
    JsBlockComment,
    Css,
    CssDqStr,
    CssSqStr,
    CssDqUrl,
    CssSqUrl,
    CssUrl,
    CssLineComment,
    CssBlockComment,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Delim {
    #[default]
    None,
    DoubleQuote,
    SingleQuote,
    SpaceOrTagEnd,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum UrlPart {
    #[default]
    None,
    PreQuery,
    QueryOrFrag,
}

/// The kind of attribute whose value we are in (or are about to enter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum AttrKind {
    #[default]
    None,
    Script,
    Style,
    Url,
    Srcset,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Element {
    #[default]
    None,
    Script,
    Style,
    Textarea,
    Title,
}

/// Where in the HTML document the output stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Escaper {
    state: State,
    delim: Delim,
    url_part: UrlPart,
    /// In JS: a `/` here starts a regexp (true) or is a division (false).
    js_regexp: bool,
    /// Inside `[…]` of a JS regexp.
    in_class: bool,
    attr: AttrKind,
    element: Element,
    /// Go's `text/template` instead: nothing is escaped (see [`Escaper::plain`]).
    plain: bool,
}

fn is_html_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\x0c' | b'\r')
}

impl Escaper {
    pub(crate) fn new() -> Escaper {
        Escaper {
            js_regexp: true,
            ..Escaper::default()
        }
    }

    /// Go's `text/template`, which Hugo runs inline shortcodes with: text and values are
    /// written as they are (values as `fmt.Sprint` prints them, nil as `<no value>`).
    /// Nothing is escaped, so what it writes is only as safe as the sanitizer that every
    /// output goes through afterwards.
    pub(crate) fn plain() -> Escaper {
        Escaper {
            plain: true,
            ..Escaper::new()
        }
    }

    /// Writes template text to `out` (minus HTML comments, which `html/template` strips),
    /// moving the context over it.
    pub(crate) fn text(&mut self, text: &str, out: &mut String) {
        if self.plain {
            out.push_str(text);
            return;
        }
        let mut rest = text;
        while !rest.is_empty() {
            let before = *self;
            let (mut consumed, emit) = self.step(rest);
            // A step may only change state without consuming; guarantee progress anyway.
            if consumed == 0 && *self == before {
                consumed = 1;
            }
            let consumed = (consumed.min(rest.len())..=rest.len())
                .find(|&i| rest.is_char_boundary(i))
                .unwrap_or(rest.len());
            if emit {
                out.push_str(&rest[..consumed]);
            }
            rest = &rest[consumed..];
        }
    }

    /// Moves over a prefix of `s`; returns its length and whether it is output.
    fn step(&mut self, s: &str) -> (usize, bool) {
        let b = s.as_bytes();
        // Element content (script, style, title, textarea) ends at its end tag, whatever
        // the JS or CSS state; the tag itself is then read as text.
        if self.element != Element::None && self.delim == Delim::None && !self.in_tag() {
            let marker = match self.element {
                Element::Script => "</script",
                Element::Style => "</style",
                Element::Textarea => "</textarea",
                Element::Title => "</title",
                Element::None => "",
            };
            match find_end_tag(s, marker) {
                Some(0) => {
                    *self = Escaper::new();
                    return (0, true);
                }
                Some(i) => {
                    self.content(&s[..i]);
                    return (i, true);
                }
                None => {
                    self.content(s);
                    return (s.len(), true);
                }
            }
        }
        // Attribute values end at their delimiter, whatever their content's state.
        if self.delim != Delim::None {
            let end = match self.delim {
                Delim::DoubleQuote => s.find('"'),
                Delim::SingleQuote => s.find('\''),
                _ => b.iter().position(|&c| is_html_space(c) || c == b'>'),
            };
            return match end {
                Some(i) => {
                    self.content(&s[..i]);
                    let quote = self.delim != Delim::SpaceOrTagEnd;
                    *self = Escaper {
                        state: State::Tag,
                        element: self.element,
                        ..Escaper::new()
                    };
                    (if quote { i + 1 } else { i }, true)
                }
                None => {
                    self.content(s);
                    (s.len(), true)
                }
            };
        }
        match self.state {
            State::Text => {
                let Some(lt) = s.find('<') else {
                    return (s.len(), true);
                };
                if lt > 0 {
                    return (lt, true);
                }
                if s.starts_with("<!--") {
                    self.state = State::HtmlComment;
                    return (4, false);
                }
                let (end_tag, name_start) = if s.starts_with("</") {
                    (true, 2)
                } else {
                    (false, 1)
                };
                let name_len = b[name_start..]
                    .iter()
                    .position(|&c| !(c.is_ascii_alphanumeric() || c == b'-' || c == b':'))
                    .unwrap_or(b.len() - name_start);
                if name_len == 0 || !b[name_start].is_ascii_alphabetic() {
                    return (1, true);
                }
                let name = s[name_start..name_start + name_len].to_ascii_lowercase();
                self.state = State::Tag;
                self.element = if end_tag {
                    Element::None
                } else {
                    match name.as_str() {
                        "script" => Element::Script,
                        "style" => Element::Style,
                        "textarea" => Element::Textarea,
                        "title" => Element::Title,
                        _ => Element::None,
                    }
                };
                (name_start + name_len, true)
            }
            State::HtmlComment => match s.find("-->") {
                Some(i) => {
                    self.state = State::Text;
                    (i + 3, false)
                }
                None => (s.len(), false),
            },
            State::Tag => {
                let c = b[0];
                if is_html_space(c) || c == b'/' {
                    return (1, true);
                }
                if c == b'>' {
                    self.state = match self.element {
                        Element::Script => State::Js,
                        Element::Style => State::Css,
                        Element::Textarea | Element::Title => State::Rcdata,
                        Element::None => State::Text,
                    };
                    self.js_regexp = true;
                    return (1, true);
                }
                self.state = State::AttrName;
                self.attr = AttrKind::None;
                (0, true)
            }
            State::AttrName => {
                let len = b
                    .iter()
                    .position(|&c| is_html_space(c) || c == b'=' || c == b'>' || c == b'/')
                    .unwrap_or(b.len());
                if len > 0 {
                    let name = s[..len].to_ascii_lowercase();
                    self.attr = attr_kind(&name);
                }
                if len < b.len() {
                    self.state = State::AfterName;
                }
                (len, true)
            }
            State::AfterName => {
                let c = b[0];
                if is_html_space(c) {
                    return (1, true);
                }
                if c == b'=' {
                    self.state = State::BeforeValue;
                    return (1, true);
                }
                // Another attribute (or the end of the tag).
                self.state = State::Tag;
                self.attr = AttrKind::None;
                (0, true)
            }
            State::BeforeValue => {
                let c = b[0];
                if is_html_space(c) {
                    return (1, true);
                }
                let (delim, len) = match c {
                    b'"' => (Delim::DoubleQuote, 1),
                    b'\'' => (Delim::SingleQuote, 1),
                    _ => (Delim::SpaceOrTagEnd, 0),
                };
                self.enter_value(delim);
                (len, true)
            }
            _ => {
                self.content(s);
                (s.len(), true)
            }
        }
    }

    fn in_tag(&self) -> bool {
        matches!(
            self.state,
            State::Tag | State::AttrName | State::AfterName | State::BeforeValue
        ) || self.delim != Delim::None
    }

    fn enter_value(&mut self, delim: Delim) {
        self.state = match self.attr {
            AttrKind::None => State::Attr,
            AttrKind::Script => State::Js,
            AttrKind::Style => State::Css,
            AttrKind::Url => State::Url,
            AttrKind::Srcset => State::Srcset,
        };
        self.delim = delim;
        self.url_part = UrlPart::None;
        self.js_regexp = true;
        self.attr = AttrKind::None;
    }

    /// Moves over content of a value or element in a JS, CSS, URL or plain state.
    fn content(&mut self, s: &str) {
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            match self.state {
                State::Url | State::CssUrl | State::CssDqUrl | State::CssSqUrl
                    if !matches!(
                        (self.state, c),
                        (State::CssUrl, b')') | (State::CssDqUrl, b'"') | (State::CssSqUrl, b'\'')
                    ) =>
                {
                    self.url_char(c);
                    i += 1;
                }
                State::CssUrl | State::CssDqUrl | State::CssSqUrl => {
                    self.state = State::Css;
                    i += 1;
                }
                State::Js => {
                    i = self.js_char(b, i);
                }
                State::JsDqStr | State::JsSqStr | State::JsTmplLit => {
                    let quote = match self.state {
                        State::JsDqStr => b'"',
                        State::JsSqStr => b'\'',
                        _ => b'`',
                    };
                    if c == b'\\' {
                        i += 2;
                        continue;
                    }
                    if c == quote {
                        self.state = State::Js;
                        self.js_regexp = false;
                    }
                    i += 1;
                }
                State::JsRegexp => {
                    match c {
                        b'\\' => i += 1,
                        b'[' => self.in_class = true,
                        b']' => self.in_class = false,
                        b'/' if !self.in_class => {
                            self.state = State::Js;
                            self.js_regexp = false;
                        }
                        _ => {}
                    }
                    i += 1;
                }
                State::JsLineComment | State::CssLineComment => {
                    if c == b'\n' {
                        self.state = if self.state == State::JsLineComment {
                            State::Js
                        } else {
                            State::Css
                        };
                    }
                    i += 1;
                }
                State::JsBlockComment | State::CssBlockComment => {
                    if c == b'*' && b.get(i + 1) == Some(&b'/') {
                        self.state = if self.state == State::JsBlockComment {
                            State::Js
                        } else {
                            State::Css
                        };
                        i += 1;
                    }
                    i += 1;
                }
                State::Css => {
                    i = self.css_char(s, i);
                }
                State::CssDqStr | State::CssSqStr => {
                    let quote = if self.state == State::CssDqStr {
                        b'"'
                    } else {
                        b'\''
                    };
                    if c == b'\\' {
                        i += 2;
                        continue;
                    }
                    if c == quote {
                        self.state = State::Css;
                    } else {
                        self.url_char(c);
                    }
                    i += 1;
                }
                _ => return,
            }
        }
    }

    /// Go's `tURL`: `?` or `#` starts the query or fragment; any other non-space character
    /// means the URL has started.
    fn url_char(&mut self, c: u8) {
        if c == b'?' || c == b'#' {
            self.url_part = UrlPart::QueryOrFrag;
        } else if !is_html_space(c) && self.url_part == UrlPart::None {
            self.url_part = UrlPart::PreQuery;
        }
    }

    /// One JS token-ish step from `i`; returns the next index.
    fn js_char(&mut self, b: &[u8], i: usize) -> usize {
        let c = b[i];
        match c {
            b'"' => self.state = State::JsDqStr,
            b'\'' => self.state = State::JsSqStr,
            b'`' => self.state = State::JsTmplLit,
            b'/' => match b.get(i + 1) {
                Some(b'/') => {
                    self.state = State::JsLineComment;
                    return i + 2;
                }
                Some(b'*') => {
                    self.state = State::JsBlockComment;
                    return i + 2;
                }
                _ if self.js_regexp => {
                    self.state = State::JsRegexp;
                    self.in_class = false;
                }
                _ => self.js_regexp = true,
            },
            c if c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c >= 0x80 => {
                let end = b[i..]
                    .iter()
                    .position(|&c| {
                        !(c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c >= 0x80)
                    })
                    .map_or(b.len(), |n| i + n);
                let word = &b[i..end];
                // After these keywords an expression starts, so `/` begins a regexp.
                self.js_regexp = matches!(
                    word,
                    b"return"
                        | b"typeof"
                        | b"instanceof"
                        | b"in"
                        | b"of"
                        | b"new"
                        | b"delete"
                        | b"void"
                        | b"throw"
                        | b"case"
                        | b"do"
                        | b"else"
                        | b"yield"
                        | b"await"
                );
                return end;
            }
            b')' | b']' => self.js_regexp = false,
            c if is_html_space(c) => {}
            _ => self.js_regexp = true,
        }
        i + 1
    }

    fn css_char(&mut self, s: &str, i: usize) -> usize {
        let b = s.as_bytes();
        match b[i] {
            b'"' => self.state = State::CssDqStr,
            b'\'' => self.state = State::CssSqStr,
            b'/' if b.get(i + 1) == Some(&b'*') => {
                self.state = State::CssBlockComment;
                return i + 2;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                self.state = State::CssLineComment;
                return i + 2;
            }
            b'(' => {
                let before = &b[..i];
                if before.len() >= 3 && before[before.len() - 3..].eq_ignore_ascii_case(b"url") {
                    let mut j = i + 1;
                    while j < b.len() && is_html_space(b[j]) {
                        j += 1;
                    }
                    self.url_part = UrlPart::None;
                    self.state = match b.get(j) {
                        Some(b'"') => State::CssDqUrl,
                        Some(b'\'') => State::CssSqUrl,
                        _ => State::CssUrl,
                    };
                    return if j < b.len() && matches!(b[j], b'"' | b'\'') {
                        j + 1
                    } else {
                        j.max(i + 1)
                    };
                }
            }
            _ => {}
        }
        if matches!(self.state, State::CssDqStr | State::CssSqStr) {
            self.url_part = UrlPart::None;
        }
        i + 1
    }

    /// Escapes a value for the current context, writes it to `out`, and moves the context as
    /// Go's `escapeAction` does (`nudge` first; after a JS value a `/` is division).
    pub(crate) fn value(&mut self, value: &Value, out: &mut String) {
        if self.plain {
            match value {
                Value::Nil => out.push_str("<no value>"),
                value => out.push_str(&value.to_go_string()),
            }
            return;
        }
        // Go's nudge.
        match self.state {
            State::Tag | State::AfterName => {
                self.state = State::AttrName;
                self.attr = AttrKind::None;
            }
            State::BeforeValue => self.enter_value(Delim::SpaceOrTagEnd),
            _ => {}
        }
        let (text, kind) = stringify(value);
        let escaped: String = match self.state {
            State::Url
            | State::CssDqStr
            | State::CssSqStr
            | State::CssDqUrl
            | State::CssSqUrl
            | State::CssUrl => {
                let css_str = matches!(self.state, State::CssDqStr | State::CssSqStr);
                match self.url_part {
                    UrlPart::None | UrlPart::PreQuery => {
                        let filtered = if self.url_part == UrlPart::None {
                            url_filter(&text, kind)
                        } else {
                            text.to_string()
                        };
                        if css_str {
                            css_escape(&filtered)
                        } else {
                            url_process(&filtered, true)
                        }
                    }
                    UrlPart::QueryOrFrag => url_process(&text, kind == Some(SafeKind::Url)),
                }
            }
            State::Js => {
                self.js_regexp = false;
                js_value(value)
            }
            State::JsDqStr | State::JsSqStr => js_string_escape(&text, false),
            State::JsTmplLit => js_string_escape(&text, true),
            State::JsRegexp => {
                let s = js_string_escape(&text, false);
                let s = regexp_escape(&s);
                if s.is_empty() {
                    "(?:)".into()
                } else {
                    s
                }
            }
            State::Css => css_value_filter(&text, kind),
            State::Text => {
                if kind == Some(SafeKind::Html) {
                    text.to_string()
                } else {
                    html_replace(&text, Table::Html)
                }
            }
            State::Rcdata => {
                if kind == Some(SafeKind::Html) {
                    html_replace(&text, Table::HtmlNorm)
                } else {
                    html_replace(&text, Table::Html)
                }
            }
            State::Attr => {
                // The attribute escaper below sees the value itself.
                match self.delim {
                    Delim::None => text.to_string(),
                    _ => {
                        out.push_str(&attr_escape(&text, kind, self.delim));
                        return;
                    }
                }
            }
            State::Tag | State::AttrName | State::AfterName | State::BeforeValue => {
                self.state = State::AttrName;
                html_name_filter(&text, kind)
            }
            State::Srcset => srcset_escape(&text, kind),
            State::HtmlComment
            | State::JsLineComment
            | State::JsBlockComment
            | State::CssLineComment
            | State::CssBlockComment => String::new(),
        };
        match self.delim {
            Delim::None => out.push_str(&escaped),
            d => out.push_str(&attr_escape(&escaped, None, d)),
        }
    }
}

/// The offset of `</name` (case-insensitive) followed by space, `/` or `>` or the end.
fn find_end_tag(s: &str, marker: &str) -> Option<usize> {
    let b = s.as_bytes();
    let m = marker.as_bytes();
    let mut i = 0;
    while i + m.len() <= b.len() {
        if b[i] == b'<' && b[i..i + m.len()].eq_ignore_ascii_case(m) {
            match b.get(i + m.len()) {
                None | Some(b'/' | b'>') => return Some(i),
                Some(&c) if is_html_space(c) => return Some(i),
                _ => {}
            }
        }
        i += 1;
    }
    None
}

/// Go's `attrType`, reduced to the kinds that change escaping.
fn attr_kind(name: &str) -> AttrKind {
    let name = if let Some(rest) = name.strip_prefix("data-") {
        rest
    } else if let Some((prefix, local)) = name.split_once(':') {
        if prefix == "xmlns" {
            return AttrKind::Url;
        }
        local
    } else {
        name
    };
    match name {
        "action" | "background" | "cite" | "classid" | "codebase" | "data" | "formaction"
        | "href" | "icon" | "longdesc" | "manifest" | "poster" | "profile" | "src" | "usemap" => {
            return AttrKind::Url
        }
        "srcset" => return AttrKind::Srcset,
        "style" => return AttrKind::Style,
        _ => {}
    }
    if name.starts_with("on") {
        return AttrKind::Script;
    }
    if name.contains("src") || name.contains("uri") || name.contains("url") {
        return AttrKind::Url;
    }
    AttrKind::None
}

/// Go's `stringify` for one argument: the text and, for a safe value, its kind. `nil`
/// prints as nothing (Go skips untyped nil arguments).
fn stringify(value: &Value) -> (std::borrow::Cow<'_, str>, Option<SafeKind>) {
    match value {
        Value::Nil => ("".into(), None),
        Value::String(s) => ((&**s).into(), None),
        Value::Safe(kind, s) => ((&**s).into(), Some(*kind)),
        other => (other.to_go_string().into(), None),
    }
}

#[derive(Clone, Copy)]
enum Table {
    Html,
    HtmlNorm,
    Nospace,
    NospaceNorm,
}

/// Go's `htmlReplacer` with one of its replacement tables.
fn html_replace(s: &str, table: Table) -> String {
    let mut out = String::with_capacity(s.len());
    let nospace = matches!(table, Table::Nospace | Table::NospaceNorm);
    let amp = matches!(table, Table::Html | Table::Nospace);
    for c in s.chars() {
        let rep = match c {
            '\0' if nospace => "&#xfffd;",
            '\0' => "\u{FFFD}",
            '"' => "&#34;",
            '&' if amp => "&amp;",
            '\'' => "&#39;",
            '+' => "&#43;",
            '<' => "&lt;",
            '>' => "&gt;",
            '\t' if nospace => "&#9;",
            '\n' if nospace => "&#10;",
            '\x0b' if nospace => "&#11;",
            '\x0c' if nospace => "&#12;",
            '\r' if nospace => "&#13;",
            ' ' if nospace => "&#32;",
            '=' if nospace => "&#61;",
            '`' if nospace => "&#96;",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(rep);
    }
    out
}

/// A string in text or a quoted attribute, as `html/template` writes it (`htmlEscaper`).
pub(crate) fn text(s: &str) -> String {
    html_replace(s, Table::Html)
}

/// A `template.HTML` value in a quoted attribute (`attrEscaper`): tags stripped, entities
/// kept.
pub(crate) fn html_in_attribute(s: &str) -> String {
    attr_escape(s, Some(SafeKind::Html), Delim::DoubleQuote)
}

/// A string in a quoted `href`/`src` attribute (`urlFilter | urlNormalizer | attrEscaper`).
pub(crate) fn url(s: &str) -> String {
    html_replace(&url_process(&url_filter(s, None), true), Table::Html)
}

/// Attribute value escaping: quoted (`attrEscaper`) or unquoted (`htmlNospaceEscaper`).
/// Safe HTML loses its tags and keeps its entities.
fn attr_escape(s: &str, kind: Option<SafeKind>, delim: Delim) -> String {
    let html = kind == Some(SafeKind::Html);
    let s: std::borrow::Cow<'_, str> = if html { strip_tags(s).into() } else { s.into() };
    if delim == Delim::SpaceOrTagEnd {
        if s.is_empty() {
            return FAILSAFE.into();
        }
        html_replace(
            &s,
            if html {
                Table::NospaceNorm
            } else {
                Table::Nospace
            },
        )
    } else {
        html_replace(&s, if html { Table::HtmlNorm } else { Table::Html })
    }
}

/// A simplified `stripTags`: drops `<…>` tags and HTML comments, keeps the text between.
fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let after = &rest[lt + 1..];
        let starts_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        if !starts_tag {
            out.push('<');
            rest = after;
            continue;
        }
        if let Some(body) = after.strip_prefix("!--") {
            rest = body.find("-->").map_or("", |i| &body[i + 3..]);
            continue;
        }
        rest = after.find('>').map_or("", |i| &after[i + 1..]);
    }
    out.push_str(rest);
    out
}

/// Go's `htmlNameFilter`: a dynamic attribute name must be plain letters and digits and
/// not name a URL, script or style attribute.
fn html_name_filter(s: &str, kind: Option<SafeKind>) -> String {
    if kind == Some(SafeKind::HtmlAttr) {
        return s.into();
    }
    if s.is_empty() {
        return FAILSAFE.into();
    }
    let lower = s.to_lowercase();
    if attr_kind(&lower) != AttrKind::None {
        return FAILSAFE.into();
    }
    if !lower
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    {
        return FAILSAFE.into();
    }
    lower
}

/// Go's `isSafeURL`: a URL with a scheme must use http, https or mailto.
fn is_safe_url(s: &str) -> bool {
    if let Some((scheme, _)) = s.split_once(':') {
        if !scheme.contains('/') {
            return ["http", "https", "mailto"]
                .iter()
                .any(|ok| scheme.eq_ignore_ascii_case(ok));
        }
    }
    true
}

/// Go's `urlFilter`.
fn url_filter(s: &str, kind: Option<SafeKind>) -> String {
    if kind == Some(SafeKind::Url) || is_safe_url(s) {
        s.into()
    } else {
        format!("#{FAILSAFE}")
    }
}

/// Go's `processURLOnto`: percent-encodes bytes outside RFC 3986's unreserved set; when
/// normalizing, reserved characters and valid `%XX` escapes are kept.
fn url_process(s: &str, norm: bool) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in b.iter().enumerate() {
        let keep = match c {
            b'!' | b'#' | b'$' | b'&' | b'*' | b'+' | b',' | b'/' | b':' | b';' | b'=' | b'?'
            | b'@' | b'[' | b']' => norm,
            b'-' | b'.' | b'_' | b'~' => true,
            b'%' => {
                norm && i + 2 < b.len()
                    && b[i + 1].is_ascii_hexdigit()
                    && b[i + 2].is_ascii_hexdigit()
            }
            c => c.is_ascii_alphanumeric(),
        };
        if keep {
            out.push(c as char);
        } else {
            out.push_str(&format!("%{c:02x}"));
        }
    }
    out
}

/// Go's `srcsetFilterAndEscaper`.
fn srcset_escape(s: &str, kind: Option<SafeKind>) -> String {
    if kind == Some(SafeKind::Url) {
        return url_process(s, true).replace(',', "%2c");
    }
    let mut out = String::new();
    for (i, element) in s.split(',').enumerate() {
        if i > 0 {
            out.push(',');
        }
        let b = element.as_bytes();
        let left = b.iter().position(|&c| !is_html_space(c)).unwrap_or(b.len());
        let right = b[left..]
            .iter()
            .position(|&c| is_html_space(c))
            .map_or(b.len(), |n| left + n);
        let url = &element[left..right];
        let metadata_ok = b[right..]
            .iter()
            .all(|&c| is_html_space(c) || c.is_ascii_alphanumeric());
        if is_safe_url(url) && metadata_ok {
            out.push_str(&element[..left]);
            out.push_str(&url_process(url, true));
            out.push_str(&element[right..]);
        } else {
            out.push('#');
            out.push_str(FAILSAFE);
        }
    }
    out
}

/// Go's `cssEscaper`: backslash hex escapes for characters that could end a string or
/// comment, a space after an escape when a hex digit or space follows.
fn css_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let rep = match c {
            '\0' => "\\0",
            '\t' => "\\9",
            '\n' => "\\a",
            '\x0c' => "\\c",
            '\r' => "\\d",
            '"' => "\\22",
            '&' => "\\26",
            '\'' => "\\27",
            '(' => "\\28",
            ')' => "\\29",
            '+' => "\\2b",
            '/' => "\\2f",
            ':' => "\\3a",
            ';' => "\\3b",
            '<' => "\\3c",
            '>' => "\\3e",
            '\\' => "\\\\",
            '{' => "\\7b",
            '}' => "\\7d",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(rep);
        if rep != "\\\\"
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_hexdigit() || *n == ' ')
        {
            out.push(' ');
        }
    }
    out
}

/// Go's `cssValueFilter`: a value in CSS must be a harmless token (no quotes, brackets,
/// comments, `expression`, `-moz-binding`); otherwise it becomes `ZgotmplZ`.
fn css_value_filter(s: &str, kind: Option<SafeKind>) -> String {
    if kind == Some(SafeKind::Css) {
        return s.into();
    }
    let b = s.as_bytes();
    let mut id = Vec::new();
    for (i, &c) in b.iter().enumerate() {
        match c {
            0 | b'"' | b'\'' | b'(' | b')' | b'/' | b';' | b'@' | b'[' | b'\\' | b']' | b'`'
            | b'{' | b'}' | b'<' | b'>' => return FAILSAFE.into(),
            b'-' if i != 0 && b[i - 1] == b'-' => return FAILSAFE.into(),
            c if c.is_ascii_alphanumeric() || c == b'-' || c == b'_' => {
                id.push(c.to_ascii_lowercase())
            }
            _ => {}
        }
    }
    let id = String::from_utf8_lossy(&id);
    if id.contains("expression") || id.contains("mozbinding") {
        return FAILSAFE.into();
    }
    s.into()
}

/// Go's `jsStrEscaper` (and, with `template_literal`, also `` ` ``, `$`, `{`, `}`).
fn js_string_escape(s: &str, template_literal: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\0' => out.push_str("\\u0000"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\x0b' => out.push_str("\\u000b"),
            '\x0c' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '"' => out.push_str("\\u0022"),
            '&' => out.push_str("\\u0026"),
            '\'' => out.push_str("\\u0027"),
            '+' => out.push_str("\\u002b"),
            '/' => out.push_str("\\/"),
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '\\' => out.push_str("\\\\"),
            '`' => out.push_str("\\u0060"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            '$' | '{' | '}' if template_literal => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Escapes regexp metacharacters on top of [`js_string_escape`] (Go's `jsRegexpEscaper`).
fn regexp_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '$' | '(' | ')' | '*' | '-' | '.' | '?' | '[' | ']' | '^' | '{' | '|' | '}' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Go's `jsValEscaper`: the value as a JSON literal (strings quoted, `<`, `>`, `&`, U+2028
/// and U+2029 escaped), space-padded when it starts or ends like an identifier or number.
/// Safe JS is inserted as is.
fn js_value(value: &Value) -> String {
    if let Value::Safe(SafeKind::Js, s) = value {
        return s.to_string();
    }
    let out = json_marshal(value);
    let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$');
    if ident(out.chars().next()) || ident(out.chars().last()) {
        format!(" {out} ")
    } else {
        out
    }
}

/// A value as Go's `json.Marshal` writes it: compact, map keys sorted, and `<`, `>`, `&`,
/// U+2028 and U+2029 as `\u` escapes (so that the text is safe inside HTML and JS). Used for
/// values in JS contexts and by `jsonify`.
pub(crate) fn json_marshal(value: &Value) -> String {
    json_encode(value, true)
}

/// Go's `json.Encoder` output, compact: as [`json_marshal`], `<`, `>` and `&` escaped only
/// with `escape_html` (`SetEscapeHTML`); U+2028 and U+2029 always are, as in Go.
pub(crate) fn json_encode(value: &Value, escape_html: bool) -> String {
    let json = to_json(value, 0).to_string();
    let mut out = String::with_capacity(json.len() + 2);
    for c in json.chars() {
        match c {
            '<' if escape_html => out.push_str("\\u003c"),
            '>' if escape_html => out.push_str("\\u003e"),
            '&' if escape_html => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Go's `json.Indent` of compact JSON: each element on a line that starts with `prefix` and
/// `indent` once per level (the first line has no prefix), `": "` between key and value, and
/// an empty object or array kept as `{}` or `[]`.
pub(crate) fn json_indent(compact: &str, prefix: &str, indent: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut need_indent = false;
    let mut in_string = false;
    let mut escaped = false;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.push_str(prefix);
        for _ in 0..depth {
            out.push_str(indent);
        }
    };
    for c in compact.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        if need_indent && c != ']' && c != '}' {
            need_indent = false;
            depth += 1;
            newline(&mut out, depth);
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                need_indent = true;
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            '}' | ']' => {
                if need_indent {
                    // An empty object or array stays on its line.
                    need_indent = false;
                } else {
                    depth = depth.saturating_sub(1);
                    newline(&mut out, depth);
                }
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

fn to_json(value: &Value, depth: usize) -> serde_json::Value {
    use serde_json::Value as J;
    if depth > crate::limits::MAX_FRONT_MATTER_DEPTH {
        return J::Null;
    }
    match value {
        Value::Nil => J::Null,
        Value::Bool(b) => J::Bool(*b),
        Value::Int(i, ty) if ty.is_unsigned() => J::from(*i as u64),
        Value::Int(i, _) => J::from(*i),
        // Go's encoder writes an integral float below 1e21 without a fraction (`4`, where
        // serde_json writes `4.0`).
        Value::Float(f)
            if f.fract() == 0.0 && f.abs() < 9.2e18 && !(*f == 0.0 && f.is_sign_negative()) =>
        {
            J::from(*f as i64)
        }
        Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
        Value::String(s) | Value::Safe(_, s) => J::String(s.to_string()),
        Value::List(items) => J::Array(items.iter().map(|v| to_json(v, depth + 1)).collect()),
        Value::Map(map) => J::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), to_json(v, depth + 1)))
                .collect(),
        ),
        Value::Object(object) => J::String(object.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(parts: &[Result<&str, Value>]) -> String {
        let mut e = Escaper::new();
        let mut out = String::new();
        for part in parts {
            match part {
                Ok(text) => e.text(text, &mut out),
                Err(v) => e.value(v, &mut out),
            }
        }
        out
    }

    #[test]
    fn json_indent_is_go_s() {
        // What Hugo 0.168's `jsonify (dict "prefix" ">" "indent" "  ") …` gave.
        assert_eq!(
            json_indent(r#"{"a":{"x":{},"y":[1,"[,:]"]},"b":[]}"#, ">", "  "),
            "{\n>  \"a\": {\n>    \"x\": {},\n>    \"y\": [\n>      1,\n>      \"[,:]\"\n>    ]\n>  },\n>  \"b\": []\n>}"
        );
        assert_eq!(json_indent("[]", "", "\t"), "[]");
        assert_eq!(json_indent(r#""a\"{""#, "", "  "), r#""a\"{""#);
    }

    #[test]
    fn url_processing_matches_go() {
        assert_eq!(url_process("a b/%41?x=<", true), "a%20b/%41?x=%3c");
        assert_eq!(url_process("a b/?&=", false), "a%20b%2f%3f%26%3d");
        assert_eq!(url_process("é", true), "%c3%a9");
    }

    #[test]
    fn html_comments_in_template_text_are_dropped() {
        assert_eq!(run(&[Ok("a<!-- x -->b")]), "ab");
    }

    #[test]
    fn script_end_tag_leaves_js() {
        let out = run(&[
            Ok("<script>var s = '</script><p title='"),
            Err(Value::from("a b")),
            Ok("'>"),
        ]);
        assert_eq!(out, "<script>var s = '</script><p title='a b'>");
    }

    #[test]
    fn strips_tags_of_safe_html_in_attributes() {
        assert_eq!(strip_tags("<b>bold</b> &amp; <!-- c -->x"), "bold &amp; x");
    }
}
