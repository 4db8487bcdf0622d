//! The inline spans goldmark makes with its delimiter algorithm besides emphasis: the
//! strikethrough extension (`~del~`, `~~del~~`, on by default) and Hugo's extras
//! (`markup.goldmark.extensions.extras`, `hugo-goldmark-extensions/extras` `inline.go`):
//! `~~del~~`, `~sub~`, `^sup^`, `++ins++`, `==mark==`.
//!
//! In: pulldown-cmark's events, parsed without its own strikethrough (its `~` rules are not
//! goldmark's: `~~a~ b~` pairs there). Out: the same events, texts split where a span opens
//! or closes, and the spans as [`Piece::Open`] and [`Piece::Close`].
//!
//! The rules, as `inlineTagParser.Parse` and goldmark's `ScanDelimiter`/`ProcessDelimiters`
//! give them: a run of one character is a delimiter when it is 1 or 2 long (2 exactly for
//! `+` and `=`), not escaped and not after the same character (so a longer run is text);
//! it opens when left-flanking and closes when right-flanking (CommonMark's rules, with
//! goldmark's "rule of 3"); a closer pairs with the nearest opener of the same character,
//! taking 2 characters from each when both have 2 left, else 1, and the span is the
//! opener's. For `~` the parsers are tried in goldmark's priority order: `delete` (2 long,
//! priority 400), `strikethrough` (500), `subscript` (602), so with strikethrough on, `~`
//! never makes `<sub>`. A `^` followed by `+`, `-` or `'` still opens (extras issue 30).
//!
//! Emphasis is pulldown-cmark's, but its edges are in our delimiter list, as goldmark's
//! emphasis delimiters are in its one: an emphasis ending removes the delimiters inside it,
//! and a pair of ours around an emphasis's start undoes that emphasis (`==a *b== c*` is
//! `<mark>a *b</mark> c*`), its delimiters written as text. What pulldown-cmark paired
//! differently from goldmark stays as it paired it (`*a ==b *c== d*`: goldmark's `*` closer
//! would then find the first `*`).

use super::typographer::flanking;
use crate::options::GoldmarkOptions;
use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};
use std::ops::Range;

/// What a pair of delimiters makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Delete,
    Subscript,
    Superscript,
    Insert,
    Mark,
}

impl Span {
    /// The HTML element goldmark writes (`renderInlineTag`, `renderStrikethrough`).
    pub fn element(self) -> &'static str {
        match self {
            Span::Delete => "del",
            Span::Subscript => "sub",
            Span::Superscript => "sup",
            Span::Insert => "ins",
            Span::Mark => "mark",
        }
    }
}

/// An event, or where a span opens or closes.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece<'a> {
    Event(Event<'a>, Range<usize>),
    /// With where its delimiter is in the source.
    Open(Span, Range<usize>),
    Close(Span),
    /// A soft line break goldmark does not write (`cjk` `eastAsianLineBreaks`).
    JoinedBreak,
}

/// Which delimiters are on.
#[derive(Debug, Clone, Copy)]
struct Config<'a> {
    /// `linkifyProtocol` when linkify is on: a URL is a link before its characters are
    /// delimiters.
    linkify: Option<&'a str>,
    strikethrough: bool,
    delete: bool,
    subscript: bool,
    superscript: bool,
    insert: bool,
    mark: bool,
}

impl Config<'_> {
    fn new(options: &GoldmarkOptions) -> Config<'_> {
        Config {
            linkify: options.linkify.then_some(options.linkify_protocol.as_str()),
            strikethrough: options.strikethrough,
            delete: options.extras.delete,
            subscript: options.extras.subscript,
            superscript: options.extras.superscript,
            insert: options.extras.insert,
            mark: options.extras.mark,
        }
    }

    fn any(self) -> bool {
        self.strikethrough
            || self.delete
            || self.subscript
            || self.superscript
            || self.insert
            || self.mark
    }

    /// The span a run of `length` copies of `c` makes, if it is a delimiter: the first
    /// parser (in goldmark's priority order) whose minimum length it reaches.
    fn span(self, c: u8, length: usize) -> Option<Span> {
        if length > 2 {
            return None;
        }
        match c {
            b'~' if self.delete && length == 2 => Some(Span::Delete),
            b'~' if self.strikethrough => Some(Span::Delete),
            b'~' if self.subscript => Some(Span::Subscript),
            b'^' if self.superscript => Some(Span::Superscript),
            b'+' if self.insert && length == 2 => Some(Span::Insert),
            b'=' if self.mark && length == 2 => Some(Span::Mark),
            _ => None,
        }
    }
}

/// A delimiter run: goldmark's `parser.Delimiter`, placed in the events.
#[derive(Debug)]
struct Delimiter {
    /// The text event it is in, and where in its text.
    event: usize,
    at: usize,
    char: u8,
    span: Span,
    can_open: bool,
    can_close: bool,
    original: usize,
    /// Characters not yet used by a pair.
    length: usize,
    /// Its pairs in the order they were made (at most two: each takes a character), each
    /// with whether it opened the span.
    pairs: [Option<(Span, bool)>; 2],
    /// pulldown-cmark's emphasis (`length` its delimiter's characters): where it starts or
    /// ends, not a run of ours.
    emphasis: Option<Edge>,
    /// An emphasis a pair of ours crossed: goldmark, whose emphasis delimiters are in the
    /// same list, removes its opener, so its delimiters are text.
    dissolved: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edge {
    Start,
    End,
}

/// The events with the spans found (the events as they are when no delimiter is on).
pub fn apply<'a>(
    source: &str,
    events: Vec<(Event<'a>, Range<usize>)>,
    options: &GoldmarkOptions,
) -> Vec<Piece<'a>> {
    let config = Config::new(options);
    if !config.any() || !source.contains(['~', '^', '+', '=']) {
        return events
            .into_iter()
            .map(|(event, range)| Piece::Event(event, range))
            .collect();
    }
    let events = merge_texts(source, events);
    // Every delimiter, in order; each open element's, as indices into it. Code is not
    // scanned.
    let mut delimiters: Vec<Delimiter> = Vec::new();
    let mut frames: Vec<Vec<usize>> = vec![Vec::new()];
    // Inside a raw element, which holds no other element: its end is the next one.
    let mut in_raw = false;
    for (index, (event, range)) in events.iter().enumerate() {
        let edge = match event {
            Event::Start(Tag::Emphasis | Tag::Strong) => Some(Edge::Start),
            Event::End(TagEnd::Emphasis | TagEnd::Strong) => Some(Edge::End),
            _ => None,
        };
        if let (Some(edge), Some(frame)) = (edge, frames.last_mut()) {
            let strong = matches!(
                event,
                Event::Start(Tag::Strong) | Event::End(TagEnd::Strong)
            );
            let length = 1 + usize::from(strong);
            frame.push(delimiters.len());
            delimiters.push(Delimiter {
                event: index,
                at: 0,
                char: 0,
                span: Span::Delete,
                can_open: false,
                can_close: false,
                original: length,
                length,
                pairs: [None; 2],
                emphasis: Some(edge),
                dissolved: false,
            });
            continue;
        }
        match event {
            Event::Start(tag) => {
                in_raw = is_raw(tag);
                frames.push(Vec::new());
            }
            Event::End(_) => {
                in_raw = false;
                if frames.len() > 1 {
                    pair(&mut delimiters, &frames.pop().unwrap_or_default());
                }
            }
            Event::Text(text) if !in_raw && is_literal(source, text, range) => {
                let first = delimiters.len();
                scan(source, text, range.start, index, config, &mut delimiters);
                if let Some(frame) = frames.last_mut() {
                    frame.extend(first..delimiters.len());
                }
            }
            _ => {}
        }
    }
    for frame in frames {
        pair(&mut delimiters, &frame);
    }
    write(source, events, &delimiters)
}

/// Whether goldmark's inline parser makes a node of the run of one character `text` ends
/// with: emphasis (`*`, `_`) of any run (after an escaped first character too), the others
/// as [`Config::span`] says.
pub fn ends_with_delimiter(text: &str, options: &GoldmarkOptions) -> bool {
    let Some(&c) = text.as_bytes().last() else {
        return false;
    };
    let length = text.bytes().rev().take_while(|&b| b == c).count();
    let before = text.get(..text.len() - length).unwrap_or("");
    let escaped = before.bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 1;
    match c {
        b'*' | b'_' => length > usize::from(escaped),
        _ => !escaped && Config::new(options).span(c, length).is_some(),
    }
}

/// Whether goldmark reads no inline markup inside: code, HTML, front matter, an autolink's
/// label.
fn is_raw(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)
    ) || matches!(
        tag,
        Tag::Link {
            link_type: LinkType::Autolink | LinkType::Email,
            ..
        }
    )
}

/// Whether a text is the source as typed (not an entity or an escape's character).
fn is_literal(source: &str, text: &str, range: &Range<usize>) -> bool {
    source.get(range.clone()) == Some(text)
}

/// Adjacent literal texts as one, so that a run split by pulldown-cmark is seen whole.
fn merge_texts<'a>(
    source: &str,
    events: Vec<(Event<'a>, Range<usize>)>,
) -> Vec<(Event<'a>, Range<usize>)> {
    let mut merged: Vec<(Event<'a>, Range<usize>)> = Vec::with_capacity(events.len());
    // The text of the last event while texts are joined to it.
    let mut joined: Option<String> = None;
    for (event, range) in events {
        if let (Event::Text(text), Some((Event::Text(last), last_range))) =
            (&event, merged.last_mut())
        {
            if last_range.end == range.start
                && is_literal(source, text, &range)
                && (joined.is_some() || is_literal(source, last, last_range))
            {
                joined
                    .get_or_insert_with(|| last.to_string())
                    .push_str(text);
                last_range.end = range.end;
                continue;
            }
        }
        if let (Some(text), Some((last, _))) = (joined.take(), merged.last_mut()) {
            *last = Event::Text(CowStr::from(text));
        }
        merged.push((event, range));
    }
    if let (Some(text), Some((last, _))) = (joined.take(), merged.last_mut()) {
        *last = Event::Text(CowStr::from(text));
    }
    merged
}

/// Finds the delimiter runs of one literal text starting at `start` in the source.
fn scan(
    source: &str,
    text: &str,
    start: usize,
    event: usize,
    config: Config<'_>,
    delimiters: &mut Vec<Delimiter>,
) {
    let bytes = text.as_bytes();
    let links = match config.linkify {
        Some(protocol) => {
            let before = source.get(..start).and_then(|s| s.chars().next_back());
            super::linkify::find_links(text, before, protocol)
        }
        None => Vec::new(),
    };
    let mut links = links.iter().peekable();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if !matches!(c, b'~' | b'^' | b'+' | b'=') {
            i += 1;
            continue;
        }
        while links.next_if(|link| link.range.end <= i).is_some() {}
        if let Some(link) = links.peek().filter(|link| link.range.start <= i) {
            i = link.range.end;
            continue;
        }
        let length = bytes[i..].iter().take_while(|&&b| b == c).count();
        let at = start + i;
        let typed_before = source.get(..at).unwrap_or("");
        let before = typed_before.chars().next_back();
        // An escaped first character is text, and the rest of the run follows the same
        // character: all of it is text.
        let backslashes = typed_before
            .bytes()
            .rev()
            .take_while(|&b| b == b'\\')
            .count();
        let escaped = backslashes % 2 == 1 || before == Some(char::from(c));
        let span = config.span(c, length);
        if let (Some(span), false) = (span, escaped) {
            let mut after = source.get(at + length..).and_then(|s| s.chars().next());
            if c == b'^' && length == 1 && matches!(after, Some('+' | '-' | '\'')) {
                after = Some('z');
            }
            let (can_open, can_close) = flanking(before.unwrap_or('\n'), after.unwrap_or(' '));
            delimiters.push(Delimiter {
                event,
                at: i,
                char: c,
                span,
                can_open,
                can_close,
                original: length,
                length,
                pairs: [None; 2],
                emphasis: None,
                dissolved: false,
            });
        }
        i += length;
    }
}

/// goldmark `ProcessDelimiters` over the delimiters of one element (`list`, indices into
/// `all`, in order). Each failed
/// search for an opener records how far back it went, per kind of closer (as CommonMark's
/// `openers_bottom`), so that unpaired runs cost linear time: the openers it passed stay
/// unable to pair with any later closer of that kind.
fn pair(all: &mut [Delimiter], list: &[usize]) {
    let count = list.len();
    let mut previous: Vec<Option<usize>> = (0..count).map(|i| i.checked_sub(1)).collect();
    let mut next: Vec<Option<usize>> = (0..count)
        .map(|i| Some(i + 1).filter(|&n| n < count))
        .collect();
    let unlink = |i: usize, previous: &mut Vec<Option<usize>>, next: &mut Vec<Option<usize>>| {
        let (p, n) = (previous[i], next[i]);
        if let Some(p) = p {
            next[p] = n;
        }
        if let Some(n) = n {
            previous[n] = p;
        }
    };
    // Per closer kind (character, can open, length mod 3): the first delimiter still worth
    // trying as its opener.
    let mut floor = [0usize; 16];
    let kind = |d: &Delimiter| {
        let c = match d.char {
            b'~' => 0,
            b'^' => 1,
            b'+' => 2,
            _ => 3,
        };
        c * 4 + usize::from(d.can_open) * 2 + usize::from(d.original % 3 == 2)
    };
    // The emphasis starts passed and not yet ended.
    let mut open_emphasis: Vec<usize> = Vec::new();
    let mut closer = (count > 0).then_some(0);
    while let Some(c) = closer {
        match all[list[c]].emphasis {
            Some(Edge::Start) => {
                open_emphasis.push(c);
                closer = next[c];
                continue;
            }
            Some(Edge::End) => {
                // goldmark's closer of that emphasis: what is between is text now.
                let following = next[c];
                match open_emphasis.pop() {
                    Some(start) if !all[list[start]].dissolved => {
                        let mut between = next[start];
                        while let Some(b) = between.filter(|&b| b != c) {
                            between = next[b];
                            unlink(b, &mut previous, &mut next);
                        }
                        unlink(start, &mut previous, &mut next);
                    }
                    _ => all[list[c]].dissolved = true,
                }
                unlink(c, &mut previous, &mut next);
                closer = following;
                continue;
            }
            None => {}
        }
        if !all[list[c]].can_close {
            closer = next[c];
            continue;
        }
        let closer_kind = kind(&all[list[c]]);
        let mut found = None;
        let mut candidate = previous[c];
        while let Some(o) = candidate.filter(|&o| o >= floor[closer_kind]) {
            let opener = &all[list[o]];
            if opener.can_open && opener.char == all[list[c]].char {
                let consume = consumption(opener, &all[list[c]]);
                if consume > 0 {
                    found = Some((o, consume));
                    break;
                }
            }
            candidate = previous[o];
        }
        let Some((o, consume)) = found else {
            floor[closer_kind] = c;
            let following = next[c];
            if !all[list[c]].can_open {
                unlink(c, &mut previous, &mut next);
            }
            closer = following;
            continue;
        };
        let span = all[list[o]].span;
        all[list[o]].length -= consume;
        add_pair(&mut all[list[o]], span, true);
        all[list[c]].length -= consume;
        add_pair(&mut all[list[c]], span, false);
        // The delimiters between are text now, and an emphasis opened between is undone.
        let mut between = next[o];
        while let Some(b) = between.filter(|&b| b != c) {
            between = next[b];
            all[list[b]].dissolved = all[list[b]].emphasis.is_some();
            unlink(b, &mut previous, &mut next);
        }
        if all[list[o]].length == 0 {
            unlink(o, &mut previous, &mut next);
        }
        if all[list[c]].length == 0 {
            closer = next[c];
            unlink(c, &mut previous, &mut next);
        }
    }
}

fn add_pair(delimiter: &mut Delimiter, span: Span, opens: bool) {
    if let Some(free) = delimiter.pairs.iter_mut().find(|p| p.is_none()) {
        *free = Some((span, opens));
    }
}

/// goldmark `Delimiter.CalcComsumption`: how many characters a pair takes from each.
fn consumption(opener: &Delimiter, closer: &Delimiter) -> usize {
    if (opener.can_close || closer.can_open)
        && (opener.original + closer.original) % 3 == 0
        && closer.original % 3 != 0
    {
        0
    } else if opener.length >= 2 && closer.length >= 2 {
        2
    } else {
        1
    }
}

/// The events with each paired delimiter's text split out: the spans it closes, its
/// characters left unpaired, then the spans it opens (outermost first).
fn write<'a>(
    source: &str,
    events: Vec<(Event<'a>, Range<usize>)>,
    delimiters: &[Delimiter],
) -> Vec<Piece<'a>> {
    let mut pieces = Vec::with_capacity(events.len() + delimiters.len() * 2);
    let mut delimiters = delimiters
        .iter()
        .filter(|d| (d.emphasis.is_none() && d.length < d.original) || d.dissolved)
        .peekable();
    for (index, (event, range)) in events.into_iter().enumerate() {
        if !delimiters.peek().is_some_and(|d| d.event == index) {
            pieces.push(Piece::Event(event, range));
            continue;
        }
        if let Some(d) = delimiters.next_if(|d| d.emphasis.is_some()) {
            // An undone emphasis: its delimiter characters as text.
            let typed = match d.emphasis {
                Some(Edge::Start) => range.start..range.start + d.original,
                _ => range.end.saturating_sub(d.original)..range.end,
            };
            let text = source.get(typed.clone()).unwrap_or("");
            pieces.push(Piece::Event(
                Event::Text(CowStr::from(text.to_string())),
                typed,
            ));
            continue;
        }
        let Event::Text(text) = event else {
            pieces.push(Piece::Event(event, range));
            continue;
        };
        let push_text = |pieces: &mut Vec<Piece<'a>>, part: Range<usize>| {
            if let (false, Some(slice)) = (part.is_empty(), text.get(part.clone())) {
                let range = range.start + part.start..range.start + part.end;
                pieces.push(Piece::Event(
                    Event::Text(CowStr::from(slice.to_string())),
                    range,
                ));
            }
        };
        let mut last = 0;
        while let Some(d) = delimiters.next_if(|d| d.event == index) {
            push_text(&mut pieces, last..d.at);
            // Closed before opened: a run closes spans as a closer, then opens others.
            let pairs = d.pairs.iter().flatten();
            pieces.extend(
                pairs
                    .clone()
                    .filter(|p| !p.1)
                    .map(|&(span, _)| Piece::Close(span)),
            );
            push_text(&mut pieces, d.at..d.at + d.length);
            let typed = range.start + d.at..range.start + d.at + d.original;
            pieces.extend(
                pairs
                    .filter(|p| p.1)
                    .rev()
                    .map(|&(span, _)| Piece::Open(span, typed.clone())),
            );
            last = d.at + d.original;
        }
        push_text(&mut pieces, last..text.len());
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::ExtrasOptions;
    use pulldown_cmark::Parser;

    const ALL: ExtrasOptions = ExtrasOptions {
        delete: true,
        insert: true,
        mark: true,
        subscript: true,
        superscript: true,
    };

    /// The texts and spans `apply` gives, spans as tags.
    fn spans(markdown: &str, extras: ExtrasOptions, strikethrough: bool) -> String {
        let options = GoldmarkOptions {
            extras,
            strikethrough,
            linkify: false,
            ..GoldmarkOptions::default()
        };
        let events = Parser::new_ext(markdown, super::super::render::parser_options(&options))
            .into_offset_iter()
            .collect();
        let mut out = String::new();
        for piece in apply(markdown, events, &options) {
            match piece {
                Piece::Event(Event::Text(text), _) => out.push_str(&text),
                Piece::Open(span, _) => out.push_str(&format!("<{}>", span.element())),
                Piece::Close(span) => out.push_str(&format!("</{}>", span.element())),
                _ => {}
            }
        }
        out
    }

    #[test]
    fn insert_and_mark_need_runs_of_exactly_two() {
        assert_eq!(
            spans("++a++ ==b== +c+ =d= +++e+++ ===f===", ALL, true),
            "<ins>a</ins> <mark>b</mark> +c+ =d= +++e+++ ===f==="
        );
    }

    #[test]
    fn tilde_is_strikethrough_before_subscript_and_pairs_unequal_runs() {
        assert_eq!(
            spans("~a~ ~~b~~ ~~c~ ~d~~", ALL, true),
            "<del>a</del> <del>b</del> <del><del>c</del> <del>d</del></del>"
        );
        assert_eq!(
            spans("~a~ ~~b~~ ~~c~ ~d~~", ALL, false),
            "<sub>a</sub> <del>b</del> <del><del>c</del> <sub>d</sub></del>"
        );
        let subscript_only = ExtrasOptions {
            subscript: true,
            ..ExtrasOptions::default()
        };
        assert_eq!(
            spans("~~b~~", subscript_only, false),
            "<sub>b</sub>",
            "a two-tilde run should be a subscript delimiter when delete is off"
        );
        assert_eq!(spans("~a~", ExtrasOptions::default(), false), "~a~");
    }

    #[test]
    fn superscript_opens_before_a_sign() {
        assert_eq!(
            spans("2^-1^ 2^+1^ a^b^ ^ c ^", ALL, true),
            "2<sup>-1</sup> 2<sup>+1</sup> a<sup>b</sup> ^ c ^"
        );
    }

    #[test]
    fn escaped_delimiters_are_text_and_an_escaped_backslash_is_not_an_escape() {
        assert_eq!(spans(r"\==a== \^b^ \~c~", ALL, true), "==a== ^b^ ~c~");
        assert_eq!(
            spans(r"\\==a== \\^b^", ALL, true),
            r"\<mark>a</mark> \<sup>b</sup>"
        );
    }

    #[test]
    fn a_span_around_an_emphasis_start_undoes_the_emphasis() {
        assert_eq!(spans("==a *b== c*", ALL, true), "<mark>a *b</mark> c*");
        assert_eq!(spans("~~a **b~~ c**", ALL, true), "<del>a **b</del> c**");
        assert_eq!(
            spans("*a ==b* c==", ALL, true),
            "a ==b c==",
            "an emphasis ending should leave the delimiters inside it unpaired"
        );
    }

    #[test]
    fn code_and_autolinks_are_not_scanned() {
        assert_eq!(
            spans("`==a==` <https://a.org/==b==> <c==d==@e.org>", ALL, true),
            " https://a.org/==b== c==d==@e.org"
        );
        assert_eq!(spans("```\n==a==\n```\n", ALL, true), "==a==\n");
    }

    #[test]
    fn nothing_changes_when_no_delimiter_is_on() {
        let none = ExtrasOptions::default();
        assert_eq!(spans("==a== ^b^ ~c~", none, false), "==a== ^b^ ~c~");
    }

    #[test]
    fn unclosed_delimiters_stay_linear() {
        // Openers of one character, then closers of another that each search back past
        // them: without the search floors this is quadratic.
        let mut hostile = "==a ".repeat(25_000);
        hostile.push_str(&"b^ ".repeat(25_000));
        hostile.push_str(&"==".repeat(25_000));
        hostile.push_str(&"^a ~b ++c ".repeat(10_000));
        let started = std::time::Instant::now();
        let out = spans(&hostile, ALL, true);
        assert!(!out.contains('<'), "unpaired delimiters should stay text");
        assert!(
            started.elapsed().as_secs() < 5,
            "took {:?}",
            started.elapsed()
        );
    }
}
