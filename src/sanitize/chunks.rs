//! Where sanitized HTML may be cut into pieces that are cleaned one at a time, with the same
//! result as cleaning the whole.
//!
//! The sanitizer caches what it cleaned per piece, so that a keystroke re-cleans only the
//! block it changed. Cutting is only sound where the HTML parser inside ammonia is back in
//! its starting state: in the data state, with no open element and no formatting element
//! waiting to be reopened. This scanner follows the tokenizer exactly (tags, attributes and
//! their quoting, comments, bogus comments, raw text elements) and keeps a stack of open
//! elements. It places a cut after an end tag that closes the last open element, as long as
//! every end tag so far closed the element opened last: in such strictly nested HTML the
//! tree builder's implicit closes and ignored tags cannot leave anything open. Inline SVG
//! is followed too (themes draw icons everywhere, and a page without cuts after its first
//! icon would be cleaned whole on every keystroke), and MathML as KaTeX writes it (a page of
//! formulas would be cleaned whole after its first): inside `<svg>` or `<math>` no element is
//! raw text, `/>` closes an element, and a tag that leaves foreign content (`<p>`, `<div>` …,
//! any start tag inside an integration point: SVG's `foreignObject`, `desc`, `title`,
//! MathML's token elements and `annotation-xml`; `<![CDATA[`; the other language nested)
//! stops the cutting. Anything else it does not model exactly (a mismatched end tag,
//! `script`, `plaintext`, a tag or comment cut off by the end of the input) stops the cutting
//! too: the rest is one piece.
//! Security never depends on where the cuts fall: every piece goes through ammonia, and
//! ammonia's output closes everything it opens, so pieces can be joined.

/// Elements the tree builder never leaves open: void elements, and those it ignores in a
/// body (`col`, `frame`). A subset of what html5ever treats so; an element missing here is
/// only kept on the stack, which stops cutting, never misplaces a cut.
const NEVER_OPEN: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose content is text up to `</name`: no tag inside them is a tag.
const RAW_TEXT: &[&str] = &[
    "iframe", "noembed", "noframes", "style", "textarea", "title", "xmp",
];

/// Elements after which no cut is placed: their parsing depends on more than the stack
/// (script data's escape states, the scripting flag, the document's own
/// `html`/`head`/`body`, templates, `image` renamed to `img`, and `select`, inside which the
/// tree builder ignores raw text start tags, so the tokenizer does not switch).
const STOP: &[&str] = &[
    "body",
    "frameset",
    "head",
    "html",
    "image",
    "isindex",
    "noscript",
    "plaintext",
    "script",
    "select",
    "template",
];

/// Start tags that take the tree builder out of SVG (the HTML standard's "in foreign content"
/// list; `font` only with some attributes, here always): the cutting stops there.
const LEAVE_FOREIGN: &[&str] = &[
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "font",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "math",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
];

/// Elements of SVG and MathML whose content the tree builder may read as HTML (SVG's HTML
/// integration points, MathML's text integration points and `annotation-xml`): a start tag
/// inside one stops the cutting. Both languages' names are listed for both (a MathML `mi`
/// in SVG, an SVG `title` in MathML): a needless stop is safe.
fn is_html_integration_point(name: &str) -> bool {
    [
        "foreignObject",
        "desc",
        "title",
        "mi",
        "mo",
        "mn",
        "ms",
        "mtext",
        "annotation-xml",
    ]
    .iter()
    .any(|point| point.eq_ignore_ascii_case(name))
}

/// Inside `<svg>` or `<math>`: how many of the open elements (the end of the stack) are SVG
/// or MathML.
#[derive(Default)]
struct Foreign {
    depth: usize,
    /// The outermost foreign element is `<math>` (else `<svg>`).
    math: bool,
}

/// What the scanner does with a token inside SVG.
enum InSvg {
    /// Not inside SVG: the HTML rules apply.
    No,
    /// Followed: go on from this offset.
    Next(usize),
    /// Not modelled: stop.
    Stop,
}

impl Foreign {
    /// A start tag `name`, `open` being the stack of open elements. `<svg>` enters SVG, `<math>`
    /// MathML.
    fn start<'a>(
        &mut self,
        open: &mut Vec<&'a str>,
        name: &'a str,
        self_closing: bool,
        end: usize,
    ) -> InSvg {
        if self.depth == 0 {
            self.math = name.eq_ignore_ascii_case("math");
            if !self.math && !name.eq_ignore_ascii_case("svg") {
                return InSvg::No;
            }
        } else if is_one_of(name, LEAVE_FOREIGN)
            // SVG inside MathML: not modelled (MathML inside SVG is in the list).
            || (self.math && name.eq_ignore_ascii_case("svg"))
            || open
                .last()
                .is_some_and(|&parent| is_html_integration_point(parent))
        {
            return InSvg::Stop;
        }
        if !self_closing {
            open.push(name);
            self.depth += 1;
        }
        InSvg::Next(end)
    }

    /// An end tag that closed the last open element.
    fn closed(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// `<![CDATA[` is a CDATA section inside SVG (text up to `]]>`), a bogus comment outside.
    fn is_cdata(&self, bytes: &[u8], at: usize) -> bool {
        self.depth > 0 && bytes[at..].starts_with(b"<![CDATA[")
    }
}

/// The byte offsets where `html` may be cut, in increasing order (never 0 or `html.len()`).
pub fn boundaries(html: &str) -> Vec<usize> {
    let bytes = html.as_bytes();
    let mut cuts = Vec::new();
    let mut open: Vec<&str> = Vec::new();
    let mut foreign = Foreign::default();
    let mut i = 0;
    while let Some(found) = bytes.get(i..).and_then(|rest| memchr::memchr(b'<', rest)) {
        let at = i + found;
        if foreign.is_cdata(bytes, at) {
            break;
        }
        match scan(bytes, at) {
            Scan::Text => i = at + 1,
            Scan::Unfinished => break,
            Scan::Skip(end) => i = end,
            Scan::Start {
                name,
                end,
                self_closing,
            } => {
                let name = &html[name.0..name.1];
                match foreign.start(&mut open, name, self_closing, end) {
                    InSvg::Stop => break,
                    InSvg::Next(next) => {
                        i = next;
                        if open.is_empty() && i < html.len() {
                            cuts.push(i);
                        }
                        continue;
                    }
                    InSvg::No => {}
                }
                if is_one_of(name, STOP) {
                    break;
                }
                i = end;
                if is_one_of(name, NEVER_OPEN) {
                    continue;
                }
                if is_one_of(name, RAW_TEXT) {
                    let Some(close_end) = raw_text_end(bytes, end, name) else {
                        break;
                    };
                    i = close_end;
                    if open.is_empty() && i < html.len() {
                        cuts.push(i);
                    }
                    continue;
                }
                open.push(name);
            }
            Scan::End { name, end } => {
                let name = &html[name.0..name.1];
                match open.last() {
                    Some(top) if top.eq_ignore_ascii_case(name) => {
                        open.pop();
                        foreign.closed();
                    }
                    _ => break,
                }
                i = end;
                if open.is_empty() && i < html.len() {
                    cuts.push(i);
                }
            }
        }
    }
    cuts
}

/// Where `comment` (a whole comment, `<!-- … -->`) stands in `html` as a comment token of its
/// own, as the tokenizer reads it: not text inside another comment, a tag or a raw text
/// element. Where the scanner stops following the tokenizer exactly (as [`boundaries`]
/// stops), it stops looking. Since cuts fall only where the tokenizer is in its starting
/// state, a piece finds exactly the tokens that the whole finds in it.
pub fn comment_tokens(html: &str, comment: &str) -> Vec<usize> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    // Inside SVG (where no element is raw text), the open elements, followed as
    // [`boundaries`] follows them; outside, nothing is kept.
    let mut open: Vec<&str> = Vec::new();
    let mut foreign = Foreign::default();
    let mut i = 0;
    while let Some(at) = bytes.get(i..).and_then(|rest| memchr::memchr(b'<', rest)) {
        let at = i + at;
        if foreign.is_cdata(bytes, at) {
            break;
        }
        match scan(bytes, at) {
            Scan::Text => i = at + 1,
            Scan::Unfinished => break,
            Scan::Skip(end) => {
                if html.get(at..end) == Some(comment) {
                    found.push(at);
                }
                i = end;
            }
            Scan::Start {
                name,
                end,
                self_closing,
            } => {
                let name = &html[name.0..name.1];
                match foreign.start(&mut open, name, self_closing, end) {
                    InSvg::Stop => break,
                    InSvg::Next(next) => {
                        i = next;
                        continue;
                    }
                    InSvg::No => {}
                }
                if is_one_of(name, STOP) {
                    break;
                }
                i = end;
                if is_one_of(name, RAW_TEXT) {
                    match raw_text_end(bytes, end, name) {
                        Some(close_end) => i = close_end,
                        None => break,
                    }
                }
            }
            Scan::End { name, end } if foreign.depth > 0 => {
                let name = &html[name.0..name.1];
                match open.last() {
                    Some(top) if top.eq_ignore_ascii_case(name) => {
                        open.pop();
                        foreign.closed();
                    }
                    _ => break,
                }
                i = end;
            }
            Scan::End { end, .. } => i = end,
        }
    }
    found
}

#[inline(always)]
fn is_one_of(name: &str, list: &[&str]) -> bool {
    // Every name in the lists is short: longer ones are none of them. A plain loop: on every
    // tag of every render, and the crate is built for size, where `Iterator::any` stays a call.
    if name.len() > 10 {
        return false;
    }
    for item in list {
        if item.len() == name.len() && item.eq_ignore_ascii_case(name) {
            return true;
        }
    }
    false
}

/// What starts at a `<`.
enum Scan {
    /// Not markup: the `<` is text.
    Text,
    /// Markup that the end of the input cuts off.
    Unfinished,
    /// A comment, bogus comment, doctype or `</>`, ending before this offset.
    Skip(usize),
    /// A start tag: its name's byte range, the offset after its `>`, and whether it ends with
    /// `/>` (which closes an element inside SVG; in HTML only void elements have no content).
    Start {
        name: (usize, usize),
        end: usize,
        self_closing: bool,
    },
    End {
        name: (usize, usize),
        end: usize,
    },
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0c | b'\r' | b' ')
}

fn scan(bytes: &[u8], at: usize) -> Scan {
    let next = |k: usize| bytes.get(at + k).copied();
    match next(1) {
        Some(b'!') => {
            if bytes[at + 2..].starts_with(b"--") {
                comment_end(bytes, at + 4).map_or(Scan::Unfinished, Scan::Skip)
            } else {
                bogus_end(bytes, at + 2)
            }
        }
        Some(b'?') => bogus_end(bytes, at + 1),
        Some(b'/') => match next(2) {
            Some(b) if b.is_ascii_alphabetic() => match tag_end(bytes, at + 2) {
                Some((name_end, end, _)) => Scan::End {
                    name: (at + 2, name_end),
                    end,
                },
                None => Scan::Unfinished,
            },
            Some(b'>') => Scan::Skip(at + 3),
            Some(_) => bogus_end(bytes, at + 2),
            None => Scan::Unfinished,
        },
        Some(b) if b.is_ascii_alphabetic() => match tag_end(bytes, at + 1) {
            Some((name_end, end, self_closing)) => Scan::Start {
                name: (at + 1, name_end),
                end,
                self_closing,
            },
            None => Scan::Unfinished,
        },
        _ => Scan::Text,
    }
}

/// A bogus comment (`<!x`, `<?x`, `</ x`) runs to the first `>`.
fn bogus_end(bytes: &[u8], from: usize) -> Scan {
    match bytes[from..].iter().position(|&b| b == b'>') {
        Some(p) => Scan::Skip(from + p + 1),
        None => Scan::Unfinished,
    }
}

/// The end of a comment whose `<!--` ends at `from`: `<!-->` and `<!--->` end at once,
/// others at `-->` or `--!>`.
fn comment_end(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = &bytes[from..];
    if rest.starts_with(b">") {
        return Some(from + 1);
    }
    if rest.starts_with(b"->") {
        return Some(from + 2);
    }
    let mut k = 0;
    while k + 2 < rest.len() {
        if rest[k] == b'-' && rest[k + 1] == b'-' {
            if rest[k + 2] == b'>' {
                return Some(from + k + 3);
            }
            if rest[k + 2] == b'!' && rest.get(k + 3) == Some(&b'>') {
                return Some(from + k + 4);
            }
        }
        k += 1;
    }
    None
}

/// Reads a tag whose name starts at `name_start` to its `>`, through the tokenizer's
/// attribute states. Returns the end of the name, the offset after the `>`, and whether the
/// tag is self-closing (`/>`, the `/` read before an attribute name, not in a value).
fn tag_end(bytes: &[u8], name_start: usize) -> Option<(usize, usize, bool)> {
    let mut i = name_start;
    while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
        i += 1;
    }
    let name_end = i;
    loop {
        // Before an attribute name (also after a value, or a `/` not followed by `>`).
        let mut slash = false;
        while i < bytes.len() && (is_space(bytes[i]) || bytes[i] == b'/') {
            slash = bytes[i] == b'/';
            i += 1;
        }
        match bytes.get(i)? {
            b'>' => return Some((name_end, i + 1, slash)),
            _ => {
                // The name: its first character may be anything but space, `/` or `>`
                // (even `=`); then up to space, `/`, `>` or `=`.
                i += 1;
                while i < bytes.len() && !is_space(bytes[i]) && !b"/>=".contains(&bytes[i]) {
                    i += 1;
                }
            }
        }
        while i < bytes.len() && is_space(bytes[i]) {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < bytes.len() && is_space(bytes[i]) {
            i += 1;
        }
        match bytes.get(i)? {
            &quote @ (b'"' | b'\'') => {
                let close = bytes[i + 1..].iter().position(|&b| b == quote)?;
                i += close + 2;
            }
            b'>' => return Some((name_end, i + 1, false)),
            _ => {
                while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'>' {
                    i += 1;
                }
            }
        }
    }
}

/// The offset after the end tag that closes a raw text element whose start tag ends at
/// `from`: the first `</name` followed by space, `/` or `>`.
fn raw_text_end(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    let name = name.as_bytes();
    let mut i = from;
    loop {
        let found = bytes[i..].windows(2).position(|w| w == b"</")?;
        let at = i + found;
        let after = at + 2 + name.len();
        if bytes.len() >= after
            && bytes[at + 2..after].eq_ignore_ascii_case(name)
            && bytes
                .get(after)
                .is_some_and(|&b| is_space(b) || b == b'/' || b == b'>')
        {
            return tag_end(bytes, at + 2).map(|(_, end, _)| end);
        }
        i = at + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::{boundaries, comment_tokens};

    fn pieces(html: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut start = 0;
        for cut in boundaries(html) {
            out.push(&html[start..cut]);
            start = cut;
        }
        out.push(&html[start..]);
        out
    }

    #[test]
    fn cuts_between_top_level_blocks() {
        assert_eq!(
            pieces("<p>a <em>b</em></p>\n<ul>\n<li>c</li>\n</ul>\n<hr>\n<p>d</p>\n"),
            [
                "<p>a <em>b</em></p>",
                "\n<ul>\n<li>c</li>\n</ul>",
                "\n<hr>\n<p>d</p>",
                "\n"
            ]
        );
    }

    #[test]
    fn follows_quoted_attributes_comments_and_raw_text() {
        assert_eq!(
            pieces("<p title=\"</p>\">a</p><!-- </p> --><textarea></p></textarea><p>b</p>"),
            [
                "<p title=\"</p>\">a</p>",
                "<!-- </p> --><textarea></p></textarea>",
                "<p>b</p>"
            ]
        );
        // A quote inside an attribute name is part of the name, not the start of a value.
        assert_eq!(
            pieces("<p a\"b>c</p><p>d</p>"),
            ["<p a\"b>c</p>", "<p>d</p>"]
        );
        // `<!-->` is a whole comment.
        assert_eq!(
            pieces("<p>a</p><!--><p>b</p>"),
            ["<p>a</p>", "<!--><p>b</p>"]
        );
    }

    #[test]
    fn stops_cutting_after_anything_not_strictly_nested() {
        assert_eq!(pieces("<p>a</p><b><p>c</b></p><p>d</p>").len(), 2);
        assert_eq!(pieces("<p>a</p></div><p>b</p>").len(), 2);
        assert_eq!(pieces("<p>a</p><svg><p>b</p></svg><p>c</p>").len(), 2);
        assert_eq!(
            pieces("<p>a</p><script><!--<script></script>--></script><p>b</p>").len(),
            2
        );
        assert_eq!(pieces("<p>a</p><p title=\"x>y</p>").len(), 2);
        assert_eq!(pieces("<p>a</p><!-- unclosed <p>b</p>").len(), 2);
    }

    #[test]
    fn a_comment_is_found_only_where_the_tokenizer_reads_one() {
        const C: &str = "<!-- x -->";
        assert_eq!(comment_tokens("a<!-- x -->b<!-- x -->", C), [1, 12]);
        // Inside another comment, an attribute value or a raw text element it is text.
        assert!(comment_tokens("<!--<!-- x --><b>", C).is_empty());
        assert!(comment_tokens("<a title='<!-- x -->'>", C).is_empty());
        assert!(comment_tokens("<textarea><!-- x --></textarea>", C).is_empty());
        assert_eq!(comment_tokens("<textarea>t</textarea><!-- x -->", C), [22]);
        // Past what the scanner models, nothing more is found.
        assert!(comment_tokens("<script></script><!-- x -->", C).is_empty());
        assert_eq!(comment_tokens("<math></math><!-- x -->", C), [13]);
        assert!(comment_tokens("<svg><p></p></svg><!-- x -->", C).is_empty());
        // Inside SVG no element is raw text: a comment in an SVG `<style>` is a comment.
        assert_eq!(
            comment_tokens("<svg><style><!-- x --></style></svg><!-- x -->", C),
            [12, 36]
        );
        assert!(comment_tokens("<svg><![CDATA[<!-- x -->]]></svg>", C).is_empty());
    }

    #[test]
    fn cuts_after_inline_svg() {
        assert_eq!(
            pieces(
                "<p>a<svg viewBox=\"0 0 1 1\"><use href=\"#i\"/><path d=\"M0\"/></svg></p><p>b</p>"
            ),
            [
                "<p>a<svg viewBox=\"0 0 1 1\"><use href=\"#i\"/><path d=\"M0\"/></svg></p>",
                "<p>b</p>"
            ]
        );
        // `<svg/>` closes itself; `<style>` and `<title>` in SVG are not raw text.
        assert_eq!(
            pieces("<svg/><p>a</p><svg><style>x</style><title>t</title></svg><p>b</p>"),
            [
                "<svg/>",
                "<p>a</p>",
                "<svg><style>x</style><title>t</title></svg>",
                "<p>b</p>"
            ]
        );
        // A `/` that ends an unquoted value does not close the element.
        assert_eq!(pieces("<svg><path d=x/></svg><p>b</p>").len(), 1);
    }

    #[test]
    fn cuts_after_katex_mathml_and_stops_where_math_holds_html() {
        let katex = "<p>a <span class=\"katex\"><math xmlns=\"http://www.w3.org/1998/Math/MathML\"><semantics><mrow><msup><mi>x</mi><mn>2</mn></msup><mspace/></mrow><annotation encoding=\"application/x-tex\">x^2 &lt; 1</annotation></semantics></math></span></p>";
        assert_eq!(pieces(&format!("{katex}<p>b</p>")), [katex, "<p>b</p>"]);
        for stop in [
            "<math><mi><b>x</b></mi></math><p>b</p>",
            "<math><mtext><table><mglyph><style>x</style></mglyph></table></mtext></math><p>b</p>",
            "<math><annotation-xml encoding=\"text/html\"><p>x</p></annotation-xml></math><p>b</p>",
            "<math><p>x</p></math><p>b</p>",
            "<math><svg></svg></math><p>b</p>",
            "<math><![CDATA[</math>]]></math><p>b</p>",
            "<math><mrow></math><p>b</p>",
        ] {
            assert_eq!(pieces(stop).len(), 1, "{stop}");
        }
    }

    #[test]
    fn stops_cutting_where_svg_is_left_or_holds_html() {
        for html in [
            "<svg><p>a</p></svg><p>b</p>",
            "<svg><b>a</b></svg><p>b</p>",
            "<svg><font color=red>a</font></svg><p>b</p>",
            "<svg><title><b>a</b></title></svg><p>b</p>",
            "<svg><desc><i>a</i></desc></svg><p>b</p>",
            "<svg><foreignObject><div>a</div></foreignObject></svg><p>b</p>",
            "<svg><![CDATA[</svg>]]></svg><p>b</p>",
            "<svg><math></math></svg><p>b</p>",
            "<svg><g></svg><p>b</p>",
        ] {
            assert_eq!(pieces(html).len(), 1, "{html}");
        }
    }
}
