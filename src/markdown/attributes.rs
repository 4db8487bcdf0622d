//! Heading attributes, `## Title {#id .class key="value"}`, read as goldmark reads them.
//!
//! In: the prepared text and pulldown-cmark's events (parsed without its own heading
//! attributes). Out: the events with each accepted attribute block cut from its heading's
//! text, and per heading, in document order, the attributes goldmark sets.
//!
//! Grammar (goldmark `parser/attribute.go`, `parseLastLineAttributes` in
//! `parser/atx_heading.go`): the last line of a heading is scanned for a `{` (skipping
//! backslash escapes); from there `{` attribute (`,`? attribute)* `}` must parse and only blanks
//! may follow, else the scan goes on at the next byte. An attribute is `#id`, `.class` (up to a
//! space or punctuation other than `_ - : .`) or `name=value`, the value a `"string"` with JSON
//! escapes, a number, `true`/`false`/`null`, a word, an `[array]` or a `{map}`. Classes are
//! joined with a space; a repeated name keeps its first place and its last value. A block that
//! does not parse stays text: `{class='a'}` (single quotes), `{.a!b}`, `\{.a}`.
//!
//! HTML (Hugo's `renderHeadingDefault`, `attributes.RenderASTAttributes`): the attributes in
//! the order set, names starting with `on` left out, strings escaped, numbers and booleans as
//! Go's `cast.ToString` writes them, arrays and maps as `""`; the automatic id comes last.
//! pulldown-cmark's own attribute syntax differs (it keeps the quotes of `class="a"`), hence
//! this module.

use crate::rules::space::is_goldmark_space as is_space;
use std::collections::VecDeque;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::rules::unicode::is_ascii_punct;

/// How deeply `[` and `{` values may nest inside an attribute block. goldmark recurses without
/// a limit; a line of `{a={a={a=…` would overflow the stack here, so deeper values make the
/// block text, which no real heading needs.
const MAX_VALUE_NESTING: usize = 16;

/// One heading's attributes, in goldmark's order.
pub type HeadingAttributes = Vec<(String, AttributeValue)>;

/// A heading attribute's value as Hugo hands it to a heading hook's `.Attributes`: goldmark's
/// string, float64 or boolean (`{anchor=false}` is `false`, which `default true` keeps).
/// Arrays, maps and `null` are `""`, as Hugo writes them.
#[derive(Debug, Clone, PartialEq)]
pub enum AttributeValue {
    Text(String),
    Number(f64),
    Bool(bool),
}

impl AttributeValue {
    /// The value as Go's `cast.ToString` writes it (an HTML attribute's text).
    pub fn to_text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            AttributeValue::Text(text) => text.as_str().into(),
            // `strconv.FormatFloat(f, 'f', -1, 64)`.
            AttributeValue::Number(n) => format!("{n}").into(),
            AttributeValue::Bool(b) => b.to_string().into(),
        }
    }
}

/// Cuts the accepted attribute blocks out of the headings in `events` and returns the
/// attributes of every heading, in order (empty when it has none).
pub fn apply<'e>(
    text: &str,
    events: Vec<(Event<'e>, Range<usize>)>,
) -> (Vec<(Event<'e>, Range<usize>)>, VecDeque<HeadingAttributes>) {
    let mut found = VecDeque::new();
    if memchr::memchr(b'{', text.as_bytes()).is_none() {
        // No attribute block anywhere: every heading has none.
        let headings = events
            .iter()
            .filter(|(e, _)| matches!(e, Event::Start(Tag::Heading { .. })))
            .count();
        found.resize(headings, Vec::new());
        return (events, found);
    }
    let mut out = Vec::with_capacity(events.len());
    // The events of the open heading, its `Start` first.
    let mut heading: Option<Vec<(Event<'e>, Range<usize>)>> = None;
    for (event, range) in events {
        if matches!(event, Event::End(TagEnd::Heading(_))) {
            if let Some(events) = heading.take() {
                let content_end = events.iter().skip(1).map(|(_, r)| r.end).max();
                let parsed = content_end
                    .and_then(|end| last_line_attributes(text, end))
                    .map(|(cut, attributes)| (closing_sequence_cut(text, &events, cut), attributes))
                    .filter(|(cut, _)| !splits_markup(&events, *cut));
                match parsed {
                    Some((cut, attributes)) => {
                        found.push_back(attributes);
                        cut_heading(text, events, cut, &mut out);
                    }
                    None => {
                        found.push_back(Vec::new());
                        out.extend(events);
                    }
                }
            }
            out.push((event, range));
        } else if let Some(events) = heading.as_mut() {
            events.push((event, range));
        } else if matches!(event, Event::Start(Tag::Heading { .. })) {
            heading = Some(vec![(event, range)]);
        } else {
            out.push((event, range));
        }
    }
    out.extend(heading.into_iter().flatten());
    (out, found)
}

/// goldmark's `atxHeadingParser.Open` removes the closing `#`s after the attribute block, so
/// `## Title ## {.a}` is `Title`: where the line ends once the `#`s (after a blank) and the
/// blanks before them are gone, for an ATX heading; `cut` itself otherwise. A line of `#`s
/// alone (`## ## {.a}`) leaves the heading empty.
fn closing_sequence_cut(text: &str, heading: &[(Event<'_>, Range<usize>)], cut: usize) -> usize {
    let Some(start) = heading.first().map(|(_, r)| r.start) else {
        return cut;
    };
    if !is_atx(text.get(start..).unwrap_or("")) {
        return cut;
    }
    let Some(content_start) = heading.iter().skip(1).map(|(_, r)| r.start).min() else {
        return cut;
    };
    let Some(line) = text.get(content_start..cut) else {
        return cut;
    };
    let line = line.trim_end_matches(|c: char| c.is_ascii() && is_space(c as u8));
    let bytes = line.as_bytes();
    let Some(mut i) = bytes.len().checked_sub(1) else {
        return cut;
    };
    while bytes[i] == b'#' && i > 0 {
        i -= 1;
    }
    if i == 0 && bytes[0] == b'#' {
        return content_start;
    }
    if i != bytes.len() - 1 && is_space(bytes[i]) {
        return content_start + i;
    }
    cut
}

/// Whether the heading starting at the start of `source` is an ATX heading: up to three
/// spaces, one to six `#`, then a blank or the end of the line.
fn is_atx(source: &str) -> bool {
    let line = source.trim_start_matches(' ');
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes)
        && matches!(
            line.as_bytes().get(hashes),
            None | Some(b' ' | b'\t' | b'\n' | b'\r')
        )
}

/// Whether some inline element or code span of the heading starts before `cut` and ends after
/// it. goldmark accepts a block only when blanks alone follow its `}`, so no element can hold
/// it; the check keeps the events balanced whatever pulldown-cmark made of the line.
fn splits_markup(heading: &[(Event<'_>, Range<usize>)], cut: usize) -> bool {
    heading.iter().skip(1).any(|(event, range)| {
        !matches!(event, Event::Text(_)) && range.start < cut && range.end > cut
    })
}

/// Appends the heading's events (its `Start` first) with everything from `cut` on removed and
/// the blanks before it trimmed, as goldmark shortens the line to the `{`.
fn cut_heading<'e>(
    text: &str,
    heading: Vec<(Event<'e>, Range<usize>)>,
    cut: usize,
    out: &mut Vec<(Event<'e>, Range<usize>)>,
) {
    let first = out.len() + 1;
    for (index, (event, range)) in heading.into_iter().enumerate() {
        if index > 0 && range.start >= cut {
            continue;
        }
        if index > 0 && range.end > cut {
            if let Event::Text(t) = &event {
                if text.get(range.clone()) == Some(t.as_ref()) {
                    let kept = t[..cut - range.start].to_string();
                    out.push((Event::Text(CowStr::from(kept)), range.start..cut));
                    continue;
                }
            }
        }
        out.push((event, range));
    }
    // goldmark `TrimRightSpace` on the shortened line.
    while out.len() > first {
        let Some((Event::Text(t), range)) = out.last() else {
            break;
        };
        let trimmed = t.trim_end_matches(|c: char| is_space(c as u8) && c.is_ascii());
        if trimmed.len() == t.len() {
            break;
        }
        let (kept, range) = (
            trimmed.to_string(),
            range.start..range.start + trimmed.len(),
        );
        out.pop();
        if !kept.is_empty() {
            out.push((Event::Text(CowStr::from(kept)), range));
        }
    }
}

/// goldmark `parseLastLineAttributes` on the line that holds the heading's last content byte
/// (`content_end - 1`): the offset of the accepted `{` and the attributes.
fn last_line_attributes(text: &str, content_end: usize) -> Option<(usize, HeadingAttributes)> {
    let bytes = text.as_bytes();
    let last = content_end.checked_sub(1)?;
    let line_start = bytes[..last]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let line_end = bytes[last..]
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(bytes.len(), |p| last + p);
    let line = bytes.get(line_start..line_end)?;
    let mut i = 0;
    while i < line.len() {
        match line[i] {
            b'\\' => {
                i += 1;
                if line.get(i).is_some_and(|&b| is_ascii_punct(char::from(b))) {
                    i += 1;
                }
                continue;
            }
            b'{' => {
                let mut reader = Reader { line, at: i };
                if let Some(attributes) = parse_attributes(&mut reader, 0) {
                    let rest_blank = line[reader.at..].iter().all(|&b| is_space(b));
                    if rest_blank {
                        return Some((line_start + i, render_values(attributes)));
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// goldmark `ParseAttributes` at the `{` that starts `text`, for an attribute block
/// (`parser.attribute.block`): the attributes and the length of the list, which may go on
/// over the next lines (goldmark's reader skips line breaks as spaces, though a string ends
/// on its line). `None` when the braces do not hold an attribute list, and the line is text.
pub(crate) fn block_attributes(text: &str) -> Option<(usize, HeadingAttributes)> {
    let mut reader = Reader {
        line: text.as_bytes(),
        at: 0,
    };
    let attributes = parse_attributes(&mut reader, 0)?;
    Some((reader.at, render_values(attributes)))
}

/// An attribute value as goldmark parses it.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Text(String),
    Number(f64),
    Bool(bool),
    /// An array: a heading writes it as `""`; a code block's (`hl_lines=[2,"4-5"]`) becomes
    /// line ranges.
    List(Vec<Value>),
    /// `null` and maps: Hugo writes them as `""`.
    Other,
}

impl Value {
    /// Writes a scalar value as JSON (an array is written by `push_line_ranges`; a map and
    /// `null` are `null`).
    fn push_json(&self, out: &mut String) {
        match self {
            Value::Text(s) => crate::rules::escape::push_json_string(out, s),
            // Always a float, as goldmark parses it (`1.0`, not `1`).
            Value::Number(n) if n.is_finite() => {
                let text = n.to_string();
                out.push_str(&text);
                if !text.contains(['.', 'e', 'E']) {
                    out.push_str(".0");
                }
            }
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            _ => out.push_str("null"),
        }
    }
}

/// A fenced code block's attributes (what follows its language: `{linenos=table
/// hl_lines=[2,"4-5"] .wide}`), parsed as goldmark parses them, as a JSON object for the
/// highlighter; `{}` when the text is not an attribute list.
pub fn code_block_attributes(text: &str) -> String {
    let mut reader = Reader {
        line: text.trim().as_bytes(),
        at: 0,
    };
    let mut out = String::from("{");
    for (i, (name, value)) in parse_attributes(&mut reader, 0)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        if i > 0 {
            out.push(',');
        }
        crate::rules::escape::push_json_string(&mut out, name);
        out.push(':');
        match value {
            Value::List(items) => push_line_ranges(&mut out, items),
            value => value.push_json(&mut out),
        }
    }
    out.push('}');
    out
}

/// An attribute array as Hugo hands it on (`attributes.New`, meant for `hl_lines`, applied to
/// every array): 0-based line ranges, `[2,"4-5"]` → `[[1,1],[3,4]]`; a number is truncated
/// as Go's `int()`; an entry neither a number nor `N`/`N-M` is dropped.
fn push_line_ranges(out: &mut String, items: &[Value]) {
    let ranges = items.iter().filter_map(|item| match item {
        Value::Number(n) => {
            let line = if n.is_nan() { i64::MIN } else { *n as i64 };
            Some((line.wrapping_sub(1), line.wrapping_sub(1)))
        }
        Value::Text(text) => {
            let mut parts = text.split('-');
            let first = parts.next()?.parse::<i64>().ok()?;
            let last = match parts.next() {
                Some(part) => part.parse::<i64>().ok()?,
                None => first,
            };
            Some((first.wrapping_sub(1), last.wrapping_sub(1)))
        }
        _ => None,
    });
    out.push('[');
    for (i, (first, last)) in ranges.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!("[{first},{last}]"));
    }
    out.push(']');
}

struct Reader<'l> {
    line: &'l [u8],
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.line.get(self.at).copied()
    }

    fn skip_spaces(&mut self) {
        while self.peek().is_some_and(is_space) {
            self.at += 1;
        }
    }

    /// Advances over bytes matching `keep`, returning them.
    fn take_while(&mut self, keep: impl Fn(u8) -> bool) -> String {
        let start = self.at;
        while self.peek().is_some_and(&keep) {
            self.at += 1;
        }
        String::from_utf8_lossy(&self.line[start..self.at]).into_owned()
    }
}

fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b':'
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b':' | b'.' | b'-')
}

/// goldmark `ParseAttributes`, at a `{`.
fn parse_attributes(reader: &mut Reader<'_>, depth: usize) -> Option<Vec<(String, Value)>> {
    if depth > MAX_VALUE_NESTING || reader.peek() != Some(b'{') {
        return None;
    }
    reader.at += 1;
    let mut attributes: Vec<(String, Value)> = Vec::new();
    loop {
        if reader.peek() == Some(b'}') {
            reader.at += 1;
            return Some(attributes);
        }
        let (name, value) = parse_attribute(reader, depth)?;
        match attributes.iter_mut().find(|(n, _)| *n == name) {
            Some((_, Value::Text(existing))) if name == "class" => {
                if let Value::Text(more) = value {
                    existing.push(' ');
                    existing.push_str(&more);
                }
            }
            // `node.SetAttribute` later replaces the value in place.
            Some((_, existing)) => *existing = value,
            None => attributes.push((name, value)),
        }
        reader.skip_spaces();
        if reader.peek() == Some(b',') {
            reader.at += 1;
            reader.skip_spaces();
        }
    }
}

/// goldmark `parseAttribute`.
fn parse_attribute(reader: &mut Reader<'_>, depth: usize) -> Option<(String, Value)> {
    reader.skip_spaces();
    if let Some(marker @ (b'#' | b'.')) = reader.peek() {
        reader.at += 1;
        let value = reader.take_while(|b| {
            !is_space(b)
                && (!is_ascii_punct(char::from(b)) || matches!(b, b'_' | b'-' | b':' | b'.'))
        });
        let name = if marker == b'#' { "id" } else { "class" };
        return Some((name.to_string(), Value::Text(value)));
    }
    if !reader.peek().is_some_and(is_name_start) {
        return None;
    }
    let name = reader.take_while(is_name_byte);
    reader.skip_spaces();
    if reader.peek() != Some(b'=') {
        return None;
    }
    reader.at += 1;
    reader.skip_spaces();
    let value = parse_value(reader, depth)?;
    if name == "class" && !matches!(value, Value::Text(_)) {
        return None;
    }
    Some((name, value))
}

/// goldmark `parseAttributeValue`.
fn parse_value(reader: &mut Reader<'_>, depth: usize) -> Option<Value> {
    reader.skip_spaces();
    match reader.peek()? {
        b'{' => parse_attributes(reader, depth + 1).map(|_| Value::Other),
        b'[' => parse_array(reader, depth + 1).map(Value::List),
        b'"' => parse_string(reader).map(Value::Text),
        b'-' | b'+' | b'0'..=b'9' => parse_number(reader).map(Value::Number),
        _ => {
            if !reader.peek().is_some_and(is_name_start) {
                return None;
            }
            let word = reader.take_while(is_name_byte);
            Some(match word.as_str() {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                "null" => Value::Other,
                _ => Value::Text(word),
            })
        }
    }
}

/// goldmark `parseAttributeArray`.
fn parse_array(reader: &mut Reader<'_>, depth: usize) -> Option<Vec<Value>> {
    if depth > MAX_VALUE_NESTING {
        return None;
    }
    reader.at += 1;
    let mut first = true;
    let mut items = Vec::new();
    loop {
        let c = reader.peek();
        let mut comma = false;
        if !first && c == Some(b',') {
            reader.at += 1;
            comma = true;
        }
        if c == Some(b']') {
            if comma {
                return None;
            }
            reader.at += 1;
            return Some(items);
        }
        reader.skip_spaces();
        items.push(parse_value(reader, depth)?);
        reader.skip_spaces();
        first = false;
    }
}

/// goldmark `parseAttributeString`, at a `"`: JSON-like escapes, to the closing quote on the
/// line.
fn parse_string(reader: &mut Reader<'_>) -> Option<String> {
    reader.at += 1;
    let mut out = Vec::new();
    // goldmark reads the string from `PeekLine`: it ends on its line.
    let line = match memchr::memchr(b'\n', &reader.line[reader.at.min(reader.line.len())..]) {
        Some(p) => &reader.line[..reader.at + p + 1],
        None => reader.line,
    };
    let mut i = reader.at;
    while i < line.len() {
        let c = line[i];
        if c == b'\\' && i != line.len() - 1 {
            let escaped = match line[i + 1] {
                n @ (b'"' | b'/' | b'\\') => Some(n),
                b'b' => Some(0x08),
                b'f' => Some(0x0c),
                b'n' => Some(b'\n'),
                b'r' => Some(b'\r'),
                b't' => Some(b'\t'),
                _ => None,
            };
            match escaped {
                Some(b) => {
                    out.push(b);
                    i += 2;
                }
                None => {
                    out.push(b'\\');
                    i += 1;
                }
            }
            continue;
        }
        if c == b'"' {
            reader.at = i + 1;
            return Some(String::from_utf8_lossy(&out).into_owned());
        }
        out.push(c);
        i += 1;
    }
    None
}

/// goldmark `parseAttributeNumber`: sign, digits, optional fraction and exponent, then Go's
/// `strconv.ParseFloat`.
fn parse_number(reader: &mut Reader<'_>) -> Option<f64> {
    let mut sign = 1.0;
    match reader.peek() {
        Some(b'-') => {
            sign = -1.0;
            reader.at += 1;
        }
        Some(b'+') => reader.at += 1,
        _ => {}
    }
    let digits = |b: u8| b.is_ascii_digit();
    let mut number = reader.take_while(digits);
    if number.is_empty() {
        return None;
    }
    if reader.peek() == Some(b'.') {
        reader.at += 1;
        number.push('.');
        number.push_str(&reader.take_while(digits));
    }
    if let Some(e @ (b'e' | b'E')) = reader.peek() {
        reader.at += 1;
        number.push(char::from(e));
        if let Some(s @ (b'-' | b'+')) = reader.peek() {
            reader.at += 1;
            number.push(char::from(s));
        }
        number.push_str(&reader.take_while(digits));
    }
    number.parse::<f64>().ok().map(|n| sign * n)
}

/// The attributes as Hugo keeps them for a heading.
fn render_values(attributes: Vec<(String, Value)>) -> HeadingAttributes {
    attributes
        .into_iter()
        .map(|(name, value)| {
            let value = match value {
                Value::Text(text) => AttributeValue::Text(text),
                Value::Number(n) => AttributeValue::Number(n),
                Value::Bool(b) => AttributeValue::Bool(b),
                Value::List(_) | Value::Other => AttributeValue::Text(String::new()),
            };
            (name, value)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(line: &str) -> Option<(usize, HeadingAttributes)> {
        last_line_attributes(line, line.len())
    }

    fn parse_text(line: &str) -> Option<(usize, Vec<(String, String)>)> {
        let (at, attributes) = last_line_attributes(line, line.len())?;
        let text = attributes
            .into_iter()
            .map(|(n, v)| (n, v.to_text().into_owned()))
            .collect();
        Some((at, text))
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn code_block_attributes_become_the_json_the_highlighter_reads() {
        let fence =
            code_block_attributes(r#"{linenos=table hl_lines=[2,"4-5"] .wide #x n=1.5 b=true}"#);
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&fence).unwrap(),
            serde_json::json!({"linenos": "table", "hl_lines": [[1, 1], [3, 4]], "class": "wide", "id": "x", "n": 1.5, "b": true})
        );
        assert_eq!(code_block_attributes("not attributes"), "{}");
    }

    #[test]
    fn reads_the_attribute_forms_hugo_0_168_accepts() {
        for (line, cut, expected) in [
            (
                "A1 {class=\"no-step-marker\"}",
                3,
                pairs(&[("class", "no-step-marker")]),
            ),
            ("A2 {class=\"a b\" .c}", 3, pairs(&[("class", "a b c")])),
            (
                "A4 {#x .a data-n=5 title=\"T\" foo=bar}",
                3,
                pairs(&[
                    ("id", "x"),
                    ("class", "a"),
                    ("data-n", "5"),
                    ("title", "T"),
                    ("foo", "bar"),
                ]),
            ),
            (
                "A5 {data-flag=true data-list=[1,2]}",
                3,
                pairs(&[("data-flag", "true"), ("data-list", "")]),
            ),
            ("A6 {#id1 #id2}", 3, pairs(&[("id", "id2")])),
            ("A7 {.a,.b}", 3, pairs(&[("class", "a b")])),
            ("A8 { .spaced }", 3, pairs(&[("class", "spaced")])),
            ("A10 {.a}{.b}", 8, pairs(&[("class", "b")])),
            (
                "A12 {class=x.y data-q=\"a \\\"q\\\" b\"}",
                4,
                pairs(&[("class", "x.y"), ("data-q", "a \"q\" b")]),
            ),
            ("A14 {.ünï}", 4, pairs(&[("class", "ünï")])),
        ] {
            assert_eq!(parse_text(line), Some((cut, expected)), "attributes of {line:?}");
        }
    }

    #[test]
    fn values_keep_goldmarks_types_for_hooks() {
        let (_, attributes) = parse("H {anchor=false n=2 s=\"false\"}").unwrap();
        assert_eq!(
            attributes,
            vec![
                ("anchor".into(), AttributeValue::Bool(false)),
                ("n".into(), AttributeValue::Number(2.0)),
                ("s".into(), AttributeValue::Text("false".into())),
            ]
        );
    }

    #[test]
    fn leaves_blocks_goldmark_rejects_as_text() {
        for line in [
            "A9 {.a} trailing",
            "A13 \\{.not}",
            "A15 {.a!b}",
            "A16 {.a} ##",
            "Two {.a #b class='c d'}",
            "{ }",
            "{class=true}",
            "{a=[1,]}",
        ] {
            assert_eq!(parse(line), None, "{line:?} should stay text");
        }
    }

    #[test]
    fn deep_values_are_text_instead_of_a_stack_overflow() {
        let line = format!("H {}", "{a=".repeat(100_000));
        assert_eq!(parse(&line), None);
    }
}
