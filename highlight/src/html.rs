//! Chroma's HTML formatter as Hugo configures it, and Hugo's layer around it.
//!
//! [`format`] is Chroma's `html.Formatter.Format` with Hugo's pre wrapper (`<pre tabindex="0">`
//! and `<code class="language-x" data-lang="x">`, or `<code class="code-inline …">` for
//! `hl_inline`); [`render`] is Hugo's `highlight()` around it: the `<div class="highlight">`
//! wrapper with the code block's attributes, and the plain output when no lexer knows the
//! language.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::options::{HighlightOptions, LineNos};
use crate::style::{class_of, compress_css, style_to_css, CssOptions, Style};
use crate::token::{coalesce, Token, TokenType};

/// Chroma's `SplitTokensIntoLines`: tokens cut after each newline, grouped by line.
pub fn split_into_lines(tokens: &[Token]) -> Vec<Vec<Token>> {
    let mut out: Vec<Vec<Token>> = Vec::new();
    let mut line: Vec<Token> = Vec::new();
    for token in tokens {
        let mut rest = token.value.as_str();
        let mut emptied = false;
        while let Some(nl) = rest.find('\n') {
            line.push(Token {
                ty: token.ty,
                value: rest[..=nl].to_owned(),
            });
            out.push(std::mem::take(&mut line));
            rest = &rest[nl + 1..];
            if rest.is_empty() {
                emptied = true;
                break;
            }
        }
        if !emptied {
            line.push(Token {
                ty: token.ty,
                value: rest.to_owned(),
            });
        }
    }
    if !line.is_empty() {
        out.push(line);
    }
    if out
        .last()
        .is_some_and(|l| l.len() == 1 && l[0].value.is_empty())
    {
        out.pop();
    }
    out
}

/// Go's `html.EscapeString`: `<`, `>`, `&`, `'` and `"`.
pub fn escape_html(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\'' => out.push_str("&#39;"),
            '"' => out.push_str("&#34;"),
            _ => out.push(c),
        }
    }
}

fn escaped(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_html(s, &mut out);
    out
}

/// The options of Chroma's HTML formatter that Hugo sets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatOptions {
    /// CSS classes (`noClasses = false`) instead of inline styles.
    pub classes: bool,
    /// Tab width for the CSS (`tab-size`); 0 and 8 write nothing.
    pub tab_width: i64,
    pub line_numbers: bool,
    pub line_numbers_in_table: bool,
    /// The first line's number.
    pub base_line_number: i64,
    /// `id`s on line numbers and links to them (`anchorLineNos`).
    pub linkable_line_numbers: bool,
    /// Prefix of those ids (Hugo passes `lineAnchors` plus `-`).
    pub line_numbers_id_prefix: String,
    /// Highlighted lines, inclusive ranges of line numbers (already offset by the base).
    pub highlight_ranges: Vec<(i64, i64)>,
    /// `hl_inline`: a `<code>` element, no line spans.
    pub inline_code: bool,
}

impl Default for FormatOptions {
    fn default() -> Self {
        FormatOptions {
            classes: false,
            tab_width: 8,
            line_numbers: false,
            line_numbers_in_table: false,
            base_line_number: 1,
            linkable_line_numbers: false,
            line_numbers_id_prefix: String::new(),
            highlight_ranges: Vec::new(),
            inline_code: false,
        }
    }
}

/// Where the highlighted code starts and ends in the output (Hugo's `Inner()`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Highlighted {
    pub html: String,
    /// Byte range of the code inside the `<pre><code>` (Hugo's `HighlightResult.Inner`).
    pub inner: Range<usize>,
}

struct Formatter<'a> {
    opts: &'a FormatOptions,
    css: BTreeMap<TokenType, String>,
    lang: &'a str,
    inner: Range<usize>,
}

impl Formatter<'_> {
    fn class_attr(&self, ty: TokenType) -> String {
        let class = class_of(ty);
        if class.is_empty() {
            String::new()
        } else {
            format!(" class=\"{class}\"")
        }
    }

    /// Chroma's `styleAttr`: a class, or the inline CSS of the type, its sub-category or category.
    fn style_attr(&self, ty: TokenType, extra: Option<&str>) -> String {
        if self.opts.classes {
            return self.class_attr(ty);
        }
        let css = [ty, ty.sub_category(), ty.category()]
            .into_iter()
            .find_map(|t| self.css.get(&t));
        match (css, extra) {
            (None, _) => String::new(),
            (Some(css), None) => format!(" style=\"{css}\""),
            (Some(css), Some(extra)) => format!(" style=\"{css};{extra}\""),
        }
    }

    fn css_of(&self, ty: TokenType) -> &str {
        self.css.get(&ty).map_or("", |s| s.as_str())
    }

    /// Hugo's pre wrappers: `preWrapper` (or `startEnd` for `hl_inline`).
    fn pre_start(&mut self, out: &mut String, code: bool, style_attr: &str) {
        if self.opts.inline_code {
            if code {
                out.push_str(&inline_code_start(self.lang));
            }
            return;
        }
        out.push_str(&pre_start(if code { self.lang } else { "" }, style_attr));
        self.inner.start = out.len();
    }

    fn pre_end(&mut self, out: &mut String, code: bool) {
        if self.opts.inline_code {
            if code {
                out.push_str("</code>");
            }
            return;
        }
        self.inner.end = out.len();
        out.push_str("</code></pre>");
    }

    fn line_id_attr(&self, line: i64) -> String {
        if self.opts.linkable_line_numbers {
            format!(" id=\"{}{line}\"", self.opts.line_numbers_id_prefix)
        } else {
            String::new()
        }
    }

    fn line_title(&self, digits: usize, line: i64) -> String {
        let title = format!("{line:>digits$}");
        if !self.opts.linkable_line_numbers {
            return title;
        }
        format!(
            "<a{} href=\"#{}{line}\">{title}</a>",
            self.style_attr(TokenType::LINE_LINK, None),
            self.opts.line_numbers_id_prefix
        )
    }
}

/// Chroma's `shouldHighlight` with its cursor kept: `scan` never moves back, so a whole block
/// costs O(lines + ranges); the answers are the ones Chroma's rescanning loop gives.
struct HighlightCursor<'a> {
    ranges: &'a [(i64, i64)],
    index: usize,
    scan: usize,
}

impl HighlightCursor<'_> {
    fn next_line(&mut self, line: i64) -> bool {
        self.scan = self.scan.max(self.index);
        while self.scan < self.ranges.len() && line > self.ranges[self.scan].1 {
            self.scan += 1;
        }
        let highlight = self.scan < self.ranges.len() && line >= self.ranges[self.scan].0;
        if self.scan > self.index {
            self.index += 1;
        }
        highlight
    }
}

fn pre_start(lang: &str, style_attr: &str) -> String {
    let mut s = format!("<pre tabindex=\"0\"{style_attr}><code");
    if !lang.is_empty() {
        let lang = escaped(lang);
        s.push_str(&format!(" class=\"language-{lang}\" data-lang=\"{lang}\""));
    }
    s.push('>');
    s
}

fn inline_code_start(lang: &str) -> String {
    format!("<code class=\"code-inline language-{}\">", escaped(lang))
}

/// Chroma's HTML for a token stream (coalesced here), inside Hugo's pre wrapper for `lang`.
/// Returns the HTML and the byte range of the code inside `<pre><code>`.
pub fn format(tokens: &[Token], style: &Style, lang: &str, opts: &FormatOptions) -> Highlighted {
    let tokens = coalesce(tokens.iter().cloned());
    let mut ranges = opts.highlight_ranges.clone();
    ranges.sort_by_key(|r| r.0);
    let mut css = BTreeMap::new();
    if !opts.classes {
        let css_opts = CssOptions {
            tab_width: opts.tab_width,
            highlight_lines: !ranges.is_empty(),
            ..CssOptions::default()
        };
        // Chroma compresses inline CSS twice (once for inline mode, once for the cache entry).
        css = style_to_css(style, &css_opts)
            .into_iter()
            .map(|(k, v)| (k, compress_css(&compress_css(&v))))
            .collect();
    }
    let mut f = Formatter {
        opts,
        css,
        lang,
        inner: 0..0,
    };
    let mut out = String::new();
    let wrap_in_table = opts.line_numbers && opts.line_numbers_in_table;
    let lines = split_into_lines(&tokens);
    let last = opts
        .base_line_number
        .saturating_add(lines.len() as i64)
        .saturating_sub(1);
    let digits = last.to_string().len();
    let pre_attr = f.style_attr(TokenType::PRE_WRAPPER, None);

    if wrap_in_table {
        out.push_str(&format!("<div{pre_attr}>\n"));
        out.push_str(&format!(
            "<table{}><tr>",
            f.style_attr(TokenType::LINE_TABLE, None)
        ));
        out.push_str(&format!(
            "<td{}>\n",
            f.style_attr(TokenType::LINE_TABLE_TD, None)
        ));
        f.pre_start(&mut out, false, &pre_attr);
        let mut cursor = HighlightCursor {
            ranges: &ranges,
            index: 0,
            scan: 0,
        };
        for index in 0..lines.len() {
            let line = opts.base_line_number.saturating_add(index as i64);
            let highlight = cursor.next_line(line);
            if highlight {
                out.push_str(&format!(
                    "<span{}>",
                    f.style_attr(TokenType::LINE_HIGHLIGHT, None)
                ));
            }
            out.push_str(&format!(
                "<span{}{}>{}\n</span>",
                f.style_attr(TokenType::LINE_NUMBERS_TABLE, None),
                f.line_id_attr(line),
                f.line_title(digits, line)
            ));
            if highlight {
                out.push_str("</span>");
            }
        }
        f.pre_end(&mut out, false);
        out.push_str("</td>\n");
        out.push_str(&format!(
            "<td{}>\n",
            f.style_attr(TokenType::LINE_TABLE_TD, Some("width:100%"))
        ));
    }

    f.pre_start(&mut out, true, &pre_attr);
    let mut cursor = HighlightCursor {
        ranges: &ranges,
        index: 0,
        scan: 0,
    };
    let line_attr = f.style_attr(TokenType::LINE, None);
    let highlighted_line_attr = if opts.classes {
        format!(
            " class=\"{} {}\"",
            class_of(TokenType::LINE),
            class_of(TokenType::LINE_HIGHLIGHT)
        )
    } else {
        format!(
            " style=\"{} {}\"",
            f.css_of(TokenType::LINE),
            f.css_of(TokenType::LINE_HIGHLIGHT)
        )
    };
    let code_line_attr = f.style_attr(TokenType::CODE_LINE, None);
    let line_numbers_attr = f.style_attr(TokenType::LINE_NUMBERS, None);
    let mut attrs: BTreeMap<TokenType, String> = BTreeMap::new();
    for (index, tokens) in lines.iter().enumerate() {
        let line = opts.base_line_number.saturating_add(index as i64);
        let highlight = cursor.next_line(line);
        if !opts.inline_code {
            out.push_str("<span");
            out.push_str(if highlight {
                &highlighted_line_attr
            } else {
                &line_attr
            });
            out.push('>');
            if opts.line_numbers && !wrap_in_table {
                out.push_str(&format!(
                    "<span{line_numbers_attr}{}>{}</span>",
                    f.line_id_attr(line),
                    f.line_title(digits, line)
                ));
            }
            out.push_str(&format!("<span{code_line_attr}>"));
        }
        for token in tokens {
            let attr = attrs
                .entry(token.ty)
                .or_insert_with(|| f.style_attr(token.ty, None));
            if attr.is_empty() {
                escape_html(&token.value, &mut out);
            } else {
                out.push_str("<span");
                out.push_str(attr);
                out.push('>');
                escape_html(&token.value, &mut out);
                out.push_str("</span>");
            }
        }
        if !opts.inline_code {
            out.push_str("</span></span>");
        }
    }
    f.pre_end(&mut out, true);
    if wrap_in_table {
        out.push_str("</td></tr></table>\n</div>\n");
    }
    let inner = f.inner.clone();
    Highlighted { html: out, inner }
}

/// One attribute of a code block that is not a highlighting option (`class`, `id`, `data-x`),
/// with its value as Hugo holds it (goldmark has already escaped strings).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribute {
    pub name: String,
    pub value: String,
}

/// Hugo's `text.Puts`: a newline appended unless `s` is empty or already ends with one. Hugo
/// applies it to a code fence's content before highlighting it (not to the `highlight`
/// shortcode's or function's code, nor to `transform.HighlightCodeBlock`'s).
pub fn puts(s: &str) -> String {
    if s.is_empty() || s.ends_with('\n') {
        s.to_owned()
    } else {
        format!("{s}\n")
    }
}

/// Hugo's `highlight()`: `tokens` is the lexer's output for `code`, or `None` when no lexer
/// was found for `lang` (then the code is written escaped in a bare `<pre><code>`, as Hugo
/// does). `attributes` are the block's non-option attributes (`None` for the `highlight`
/// shortcode and function, which write no attributes), in goldmark's order with goldmark's
/// escaping of string values (`a&lt;b`), classes merged into one `class`. The error is Hugo's
/// message for an invalid `lineNos` value.
///
/// For a code fence Hugo does: site options, cloned, then `apply_code_block`, then
/// `render(tokens, &puts(code), lang, Some(attrs), …)`. With `guessSyntax` and no lexer for
/// `lang`, Hugo analyses the code (or falls back to plain text) and uses the lexer's
/// lower-cased name as `lang`; that choice belongs to the caller.
pub fn render(
    tokens: Option<&[Token]>,
    code: &str,
    lang: &str,
    attributes: Option<&[Attribute]>,
    opts: &HighlightOptions,
) -> Result<Highlighted, String> {
    let Some(tokens) = tokens else {
        let mut html = String::new();
        if opts.hl_inline {
            html.push_str(&inline_code_start(lang));
            escape_html(code, &mut html);
            html.push_str("</code>");
            let len = html.len();
            return Ok(Highlighted {
                html,
                inner: 0..len,
            });
        }
        html.push_str(&pre_start(lang, ""));
        let start = html.len();
        escape_html(code, &mut html);
        let end = html.len();
        html.push_str("</code></pre>");
        return Ok(Highlighted {
            html,
            inner: start..end,
        });
    };
    let format_opts = opts.format_options()?;
    let style = Style::named(&opts.style);
    let mut html = String::new();
    if !opts.hl_inline {
        html.push_str("<div class=\"");
        html.push_str(&opts.wrapper_class);
        if let Some(attrs) = attributes {
            if let Some(class) = attrs.iter().find(|a| a.name == "class") {
                html.push(' ');
                html.push_str(&class.value);
            }
            html.push('"');
            for a in attrs
                .iter()
                .filter(|a| !a.name.eq_ignore_ascii_case("class"))
            {
                html.push_str(&format!(" {}=\"{}\"", a.name, a.value));
            }
        } else {
            html.push('"');
        }
        html.push('>');
    }
    let offset = html.len();
    let body = format(tokens, style, lang, &format_opts);
    html.push_str(&body.html);
    if opts.hl_inline {
        let len = html.len();
        return Ok(Highlighted {
            html,
            inner: 0..len,
        });
    }
    html.push_str("</div>");
    Ok(Highlighted {
        html,
        inner: offset + body.inner.start..offset + body.inner.end,
    })
}

/// `LineNos` as Chroma options (Hugo's `toHTMLOptions`, less the error, which `render` reports).
pub(crate) fn line_numbers(line_nos: &LineNos, in_table: bool) -> Result<(bool, bool), String> {
    match line_nos {
        LineNos::Bool(b) => Ok((*b, in_table)),
        LineNos::Inline => Ok((true, false)),
        LineNos::Table => Ok((true, true)),
        LineNos::Invalid(shown) => Err(format!(
            "lineNos must be one of true, false, \"inline\", or \"table\"; got {shown}"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tok(ty: i16, v: &str) -> Token {
        Token {
            ty: TokenType(ty),
            value: v.to_owned(),
        }
    }

    #[test]
    fn puts_adds_a_final_newline() {
        assert_eq!(puts(""), "");
        assert_eq!(puts("a"), "a\n");
        assert_eq!(puts("a\n"), "a\n");
    }

    #[test]
    fn coalescing() {
        let t = coalesce([
            tok(8000, "a"),
            tok(8000, ""),
            tok(8000, "b"),
            tok(1000, "c"),
            tok(8000, "d"),
        ]);
        assert_eq!(t, vec![tok(8000, "ab"), tok(1000, "c"), tok(8000, "d")]);
        let big = "x".repeat(8191);
        let t = coalesce([tok(8000, &big), tok(8000, "yy"), tok(8000, "z")]);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].value.len(), 8193);
        assert_eq!(t[1].value, "z");
    }

    #[test]
    fn lines() {
        let l = split_into_lines(&[tok(8000, "a\nb"), tok(1000, "c\n\n"), tok(8000, "d")]);
        assert_eq!(
            l,
            vec![
                vec![tok(8000, "a\n")],
                vec![tok(8000, "b"), tok(1000, "c\n")],
                vec![tok(1000, "\n")],
                vec![tok(8000, "d")]
            ]
        );
        assert!(split_into_lines(&[]).is_empty());
    }

    #[test]
    fn highlight_cursor_matches_chromas_rescan() {
        // Chroma's loop, verbatim, against the cursor on every small configuration.
        fn chroma(ranges: &[(i64, i64)], lines: i64) -> Vec<bool> {
            let mut idx = 0;
            let mut out = vec![];
            for line in 1..=lines {
                let mut i = idx;
                let mut next = false;
                while i < ranges.len() && line > ranges[i].1 {
                    i += 1;
                    next = true;
                }
                out.push(i < ranges.len() && line >= ranges[i].0 && line <= ranges[i].1);
                if next {
                    idx += 1;
                }
            }
            out
        }
        let pool = [
            (1, 1),
            (2, 5),
            (3, 3),
            (0, 9),
            (4, 2),
            (6, 7),
            (-1, -1),
            (5, 5),
        ];
        for a in 0..pool.len() {
            for b in 0..pool.len() {
                for c in 0..pool.len() {
                    let mut r = vec![pool[a], pool[b], pool[c]];
                    r.sort_by_key(|r| r.0);
                    let mut cur = HighlightCursor {
                        ranges: &r,
                        index: 0,
                        scan: 0,
                    };
                    let got: Vec<bool> = (1..=10).map(|l| cur.next_line(l)).collect();
                    assert_eq!(got, chroma(&r, 10), "{r:?}");
                }
            }
        }
    }
}
