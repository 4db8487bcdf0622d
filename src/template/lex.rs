//! The template lexer: Go `text/template` source → tokens.
//!
//! Input: a template's source. Output: a flat list of [`Token`]s, each a byte range of the
//! source (text between actions, already trimmed by `{{- ` / ` -}}`, and the words inside
//! actions). Comments `{{/* */}}` produce no token. Mirrors `text/template/parse/lex.go`,
//! but lexes the whole source up front instead of running a goroutine-style state machine.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Plain text between actions (`start..end` after trimming).
    Text,
    LeftDelim,
    RightDelim,
    /// A word that names a function (`print`, `partial`, `strings`).
    Identifier,
    Keyword(Keyword),
    /// `.Name` (the range includes the dot).
    Field,
    /// `$` or `$name`.
    Variable,
    /// A lone `.`.
    Dot,
    Pipe,
    LeftParen,
    RightParen,
    /// `"…"` with Go escapes.
    String,
    /// `` `…` ``.
    RawString,
    /// `'x'`, a rune constant (an integer).
    Char,
    Number,
    Bool,
    Nil,
    /// `:=`
    Declare,
    /// `=`
    Assign,
    Comma,
    Eof,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keyword {
    If,
    Else,
    End,
    Range,
    With,
    Define,
    Template,
    Block,
    Break,
    Continue,
    /// Hugo's `{{ return }}` in partials.
    Return,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    /// Whitespace separates this token from the previous one inside the action.
    pub space_before: bool,
}

/// A lexing error at a byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LexError {
    pub offset: usize,
    pub message: String,
}

const LEFT: &str = "{{";
const RIGHT: &str = "}}";

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n')
}

fn is_alnum(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// Lexes `src` into tokens, ending with [`Kind::Eof`].
pub(crate) fn lex(src: &str) -> Result<Vec<Token>, LexError> {
    let bytes = src.as_bytes();
    let mut tokens = Vec::new();
    let mut pos = 0;
    // Set by ` -}}`: the next text loses its leading whitespace.
    let mut trim_next = false;
    loop {
        // Text up to the next `{{`.
        let open = src[pos..].find(LEFT).map(|i| pos + i);
        let text_end = open.unwrap_or(src.len());
        let mut start = pos;
        if trim_next {
            while start < text_end && is_space(bytes[start]) {
                start += 1;
            }
        }
        let Some(open) = open else {
            if start < text_end {
                tokens.push(token(Kind::Text, start, text_end, false));
            }
            tokens.push(token(Kind::Eof, src.len(), src.len(), false));
            return Ok(tokens);
        };
        // `{{- ` trims the text before it.
        let after = open + LEFT.len();
        let left_trim =
            bytes.get(after) == Some(&b'-') && bytes.get(after + 1).is_some_and(|&c| is_space(c));
        let mut end = text_end;
        if left_trim {
            while end > start && is_space(bytes[end - 1]) {
                end -= 1;
            }
        }
        if start < end {
            tokens.push(token(Kind::Text, start, end, false));
        }
        let mut inside = if left_trim { after + 2 } else { after };
        // A comment must follow the delimiter (and trim marker) directly.
        if src[inside..].starts_with("/*") {
            let Some(close) = src[inside + 2..].find("*/") else {
                return Err(LexError {
                    offset: open,
                    message: "unclosed comment".into(),
                });
            };
            let mut p = inside + 2 + close + 2;
            let (right_trim, len) = right_delim_at(src, p);
            if len == 0 {
                return Err(LexError {
                    offset: p,
                    message: "comment ends before closing delimiter".into(),
                });
            }
            p += len;
            trim_next = right_trim;
            pos = p;
            continue;
        }
        tokens.push(token(Kind::LeftDelim, open, inside, false));
        if left_trim {
            // The trim marker's space has been consumed.
            inside = after + 1;
        }
        let (next, right_trim) = lex_action(src, inside, &mut tokens)?;
        trim_next = right_trim;
        pos = next;
    }
}

fn token(kind: Kind, start: usize, end: usize, space_before: bool) -> Token {
    Token {
        kind,
        start,
        end,
        space_before,
    }
}

/// At `p`: `}}` → (false, 2); ` -}}` (any one space) → (true, 4); else (false, 0).
fn right_delim_at(src: &str, p: usize) -> (bool, usize) {
    let rest = &src.as_bytes()[p.min(src.len())..];
    if rest.starts_with(RIGHT.as_bytes()) {
        return (false, 2);
    }
    if rest.len() >= 4 && is_space(rest[0]) && &rest[1..4] == b"-}}" {
        return (true, 4);
    }
    (false, 0)
}

/// Lexes one action's inside from `p` to its closing delimiter. Returns the offset after the
/// delimiter and whether it trims the following text.
fn lex_action(src: &str, mut p: usize, tokens: &mut Vec<Token>) -> Result<(usize, bool), LexError> {
    let bytes = src.as_bytes();
    let mut space = false;
    loop {
        let (trim, len) = right_delim_at(src, p);
        if len > 0 {
            tokens.push(token(Kind::RightDelim, p, p + len, space));
            return Ok((p + len, trim));
        }
        let Some(c) = src[p..].chars().next() else {
            return Err(LexError {
                offset: p,
                message: "unclosed action".into(),
            });
        };
        if c.is_ascii_whitespace() {
            p += 1;
            space = true;
            continue;
        }
        let start = p;
        let kind = match c {
            '|' => {
                p += 1;
                Kind::Pipe
            }
            '(' => {
                p += 1;
                Kind::LeftParen
            }
            ')' => {
                p += 1;
                Kind::RightParen
            }
            ',' => {
                p += 1;
                Kind::Comma
            }
            '=' => {
                p += 1;
                Kind::Assign
            }
            ':' => {
                if bytes.get(p + 1) != Some(&b'=') {
                    return Err(LexError {
                        offset: p,
                        message: "expected :=".into(),
                    });
                }
                p += 2;
                Kind::Declare
            }
            '"' => {
                p = quoted_end(src, p, b'"', "unterminated quoted string")?;
                Kind::String
            }
            '\'' => {
                p = quoted_end(src, p, b'\'', "unterminated character constant")?;
                Kind::Char
            }
            '`' => {
                let Some(close) = src[p + 1..].find('`') else {
                    return Err(LexError {
                        offset: p,
                        message: "unterminated raw quoted string".into(),
                    });
                };
                p += close + 2;
                Kind::RawString
            }
            '$' => {
                p += 1;
                p = word_end(src, p);
                Kind::Variable
            }
            '.' => {
                if bytes.get(p + 1).is_some_and(u8::is_ascii_digit) {
                    p = number_end(src, p)?;
                    Kind::Number
                } else {
                    p += 1;
                    let end = word_end(src, p);
                    if end == p {
                        Kind::Dot
                    } else {
                        p = end;
                        Kind::Field
                    }
                }
            }
            '+' | '-' | '0'..='9' => {
                p = number_end(src, p)?;
                Kind::Number
            }
            c if is_alnum(c) => {
                p = word_end(src, p);
                match &src[start..p] {
                    "if" => Kind::Keyword(Keyword::If),
                    "else" => Kind::Keyword(Keyword::Else),
                    "end" => Kind::Keyword(Keyword::End),
                    "range" => Kind::Keyword(Keyword::Range),
                    "with" => Kind::Keyword(Keyword::With),
                    "define" => Kind::Keyword(Keyword::Define),
                    "template" => Kind::Keyword(Keyword::Template),
                    "block" => Kind::Keyword(Keyword::Block),
                    "break" => Kind::Keyword(Keyword::Break),
                    "continue" => Kind::Keyword(Keyword::Continue),
                    "return" => Kind::Keyword(Keyword::Return),
                    "true" | "false" => Kind::Bool,
                    "nil" => Kind::Nil,
                    _ => Kind::Identifier,
                }
            }
            c => {
                return Err(LexError {
                    offset: p,
                    message: format!("unrecognized character in action: {c:?}"),
                })
            }
        };
        tokens.push(token(kind, start, p, space));
        space = false;
    }
}

fn word_end(src: &str, mut p: usize) -> usize {
    while let Some(c) = src[p..].chars().next() {
        if !is_alnum(c) {
            break;
        }
        p += c.len_utf8();
    }
    p
}

/// The offset after a `"…"` or `'…'` literal starting at `p` (backslash escapes skipped; the
/// escapes themselves are checked by [`unquote`]).
fn quoted_end(src: &str, p: usize, quote: u8, message: &str) -> Result<usize, LexError> {
    let bytes = src.as_bytes();
    let mut i = p + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => {
                if bytes.get(i + 1).is_some_and(|&c| c != b'\n') {
                    i += 2;
                    continue;
                }
                break;
            }
            b'\n' => break,
            c if c == quote => return Ok(i + 1),
            _ => i += 1,
        }
    }
    Err(LexError {
        offset: p,
        message: message.into(),
    })
}

/// The end of a number starting at `p`: a sign, then digits, letters (base prefixes,
/// exponents, hex digits), `_`, `.`, and a sign right after an exponent letter.
fn number_end(src: &str, p: usize) -> Result<usize, LexError> {
    let bytes = src.as_bytes();
    let mut i = p;
    if matches!(bytes.get(i), Some(b'+' | b'-')) {
        i += 1;
    }
    let digits_start = i;
    let hex = bytes.get(i) == Some(&b'0') && matches!(bytes.get(i + 1), Some(b'x' | b'X'));
    while i < bytes.len() {
        let c = bytes[i];
        let exponent_letter = if hex { b"pP" } else { b"eE" };
        let sign_after_exponent =
            matches!(c, b'+' | b'-') && i > digits_start && exponent_letter.contains(&bytes[i - 1]);
        if !(c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || sign_after_exponent) {
            break;
        }
        i += 1;
    }
    if i == digits_start {
        return Err(LexError {
            offset: p,
            message: format!("bad number syntax: {:?}", &src[p..i]),
        });
    }
    if src[i..].chars().next().is_some_and(is_alnum) {
        return Err(LexError {
            offset: p,
            message: "bad number syntax".into(),
        });
    }
    Ok(i)
}

/// Go's `strconv.Unquote` for a `"…"` or `'…'` literal (quotes included). For a rune
/// literal, the result holds exactly one char.
pub(crate) fn unquote(literal: &str) -> Result<String, String> {
    let inner = literal
        .get(1..literal.len().saturating_sub(1))
        .ok_or_else(|| "invalid syntax".to_string())?;
    let mut out = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let e = chars.next().ok_or("invalid syntax")?;
        let simple = match e {
            'a' => Some('\x07'),
            'b' => Some('\x08'),
            'f' => Some('\x0c'),
            'n' => Some('\n'),
            'r' => Some('\r'),
            't' => Some('\t'),
            'v' => Some('\x0b'),
            '\\' => Some('\\'),
            '"' if literal.starts_with('"') => Some('"'),
            '\'' if literal.starts_with('\'') => Some('\''),
            _ => None,
        };
        if let Some(s) = simple {
            out.push(s);
            continue;
        }
        let (radix, len) = match e {
            'x' => (16, 2),
            'u' => (16, 4),
            'U' => (16, 8),
            '0'..='7' => (8, 2),
            _ => return Err("invalid syntax".into()),
        };
        let mut digits = String::new();
        if radix == 8 {
            digits.push(e);
        }
        for _ in 0..len {
            digits.push(chars.next().ok_or("invalid syntax")?);
        }
        let n = u32::from_str_radix(&digits, radix).map_err(|_| "invalid syntax")?;
        if e == 'x' || radix == 8 {
            // A byte; templates hold UTF-8 text, so bytes ≥ 0x80 become U+FFFD.
            if n > 255 {
                return Err("invalid syntax".into());
            }
            out.push(if n < 0x80 {
                char::from(n as u8)
            } else {
                '\u{FFFD}'
            });
        } else {
            out.push(char::from_u32(n).ok_or("invalid syntax")?);
        }
    }
    if literal.starts_with('\'') && out.chars().count() != 1 {
        return Err("malformed character constant".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<Kind> {
        lex(src).unwrap().iter().map(|t| t.kind).collect()
    }

    #[test]
    fn lexes_text_and_actions() {
        assert_eq!(
            kinds("a{{ .B | print $x }}c"),
            vec![
                Kind::Text,
                Kind::LeftDelim,
                Kind::Field,
                Kind::Pipe,
                Kind::Identifier,
                Kind::Variable,
                Kind::RightDelim,
                Kind::Text,
                Kind::Eof
            ]
        );
    }

    #[test]
    fn trim_markers_remove_adjacent_whitespace() {
        let src = "a \n{{- 1 -}} \n b";
        let toks = lex(src).unwrap();
        let texts: Vec<&str> = toks
            .iter()
            .filter(|t| t.kind == Kind::Text)
            .map(|t| &src[t.start..t.end])
            .collect();
        assert_eq!(texts, vec!["a", "b"]);
    }

    #[test]
    fn comments_vanish_and_may_trim() {
        let src = "a {{- /* c */ -}} b{{/* x */}}";
        let toks = lex(src).unwrap();
        assert_eq!(toks.len(), 3);
        assert_eq!(&src[toks[0].start..toks[0].end], "a");
        assert_eq!(&src[toks[1].start..toks[1].end], "b");
    }

    #[test]
    fn negative_number_is_not_a_trim_marker() {
        assert_eq!(
            kinds("{{-3}}"),
            vec![Kind::LeftDelim, Kind::Number, Kind::RightDelim, Kind::Eof]
        );
    }

    #[test]
    fn unquotes_go_escapes() {
        assert_eq!(unquote(r#""a\n\x41\u00e9\101""#).unwrap(), "a\nAéA");
        assert_eq!(unquote(r"'\''").unwrap(), "'");
        assert!(unquote(r#""\q""#).is_err());
    }
}
