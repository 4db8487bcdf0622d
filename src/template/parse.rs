//! The template parser: tokens → syntax tree.
//!
//! Input: the tokens of [`super::lex`]. Output: the main list of [`Node`]s and the
//! `{{define}}`d (and `{{block}}`) templates, each a list. Follows
//! `text/template/parse/parse.go`: variables must be declared before use (and go out of scope
//! at `{{end}}`), functions must exist, `{{break}}`/`{{continue}}` only inside `{{range}}`.
//! `else if` / `else with` chains are kept flat (one node with several branches), so a long
//! chain costs no nesting. Nesting of control structures and parentheses is bounded by
//! [`crate::limits::MAX_TEMPLATE_PARSE_NESTING`].

use super::funcs::{self, Func};
use super::lex::{self, Keyword, Kind, Token};
use super::value::Value;
use std::rc::Rc;

/// A byte offset into the template's source.
pub(crate) type Pos = usize;

#[derive(Debug)]
pub(crate) enum Node {
    Text(Rc<str>),
    /// `{{ pipeline }}`: printed unless it declares or assigns variables.
    Action(Pipeline),
    /// `if`/`with` with their `else if`/`else with` branches: the first branch whose pipeline
    /// is truthy runs (for `with`, with dot set to the value).
    If {
        with: bool,
        branches: Vec<(Pipeline, Vec<Node>)>,
        else_list: Option<Vec<Node>>,
    },
    Range {
        pos: Pos,
        pipe: Pipeline,
        body: Vec<Node>,
        else_list: Option<Vec<Node>>,
    },
    Break(Pos),
    Continue(Pos),
    /// `{{ template "name" pipeline }}` (also what a `{{ block }}` leaves in place).
    Template {
        pos: Pos,
        name: String,
        pipe: Option<Pipeline>,
    },
    /// Hugo's `{{ return pipeline }}`: ends a partial with a value.
    Return {
        pos: Pos,
        pipe: Option<Pipeline>,
    },
}

#[derive(Debug)]
pub(crate) struct Pipeline {
    pub pos: Pos,
    /// Declared (`:=`) or assigned (`=`) variables, with `$`.
    pub decl: Vec<Rc<str>>,
    pub is_assign: bool,
    pub cmds: Vec<Command>,
}

#[derive(Debug)]
pub(crate) struct Command {
    pub pos: Pos,
    pub end: Pos,
    pub args: Vec<Arg>,
}

#[derive(Debug)]
pub(crate) struct Arg {
    pub pos: Pos,
    pub end: Pos,
    pub kind: ArgKind,
}

#[derive(Debug)]
pub(crate) enum ArgKind {
    Dot,
    Nil,
    Bool(bool),
    /// An integer, float or rune constant.
    Number(Value),
    String(Rc<str>),
    /// `.A.B`: fields from dot.
    Field(Vec<Rc<str>>),
    /// `$x.A.B`.
    Variable(Rc<str>, Vec<Rc<str>>),
    /// A function, by name (namespaced names such as `strings.TrimSpace` joined), with its
    /// implementation found once, when parsed (`None` for [`CONTROL_FUNCTIONS`], which the
    /// executor runs itself).
    Function(Rc<str>, Option<Func>),
    /// `(pipeline).A.B`.
    Pipe(Box<Pipeline>, Vec<Rc<str>>),
}

/// A parse error at a byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParseError {
    pub offset: usize,
    pub message: String,
}

/// A parsed template file: its main list and its definitions, in source order.
#[derive(Debug)]
pub(crate) struct Parsed {
    pub root: Vec<Node>,
    pub defines: Vec<(String, Vec<Node>)>,
}

/// Functions the executor implements itself (they need the engine or lazy arguments).
pub(crate) const CONTROL_FUNCTIONS: &[&str] = &[
    "and",
    "or",
    "not",
    "partial",
    "partialCached",
    "partials.Include",
    "partials.IncludeCached",
    "try",
    "templates.Exists",
    "templates.Current",
];

fn function_exists(name: &str) -> bool {
    CONTROL_FUNCTIONS.contains(&name) || funcs::lookup(name).is_some()
}

/// A call of the function `name` (known to exist).
fn function(name: String) -> ArgKind {
    let func = if CONTROL_FUNCTIONS.contains(&name.as_str()) {
        None
    } else {
        funcs::lookup(&name)
    };
    ArgKind::Function(name.into(), func)
}

/// Parses a template source.
pub(crate) fn parse(src: &str) -> Result<Parsed, ParseError> {
    let tokens = lex::lex(src).map_err(|e| ParseError {
        offset: e.offset,
        message: e.message,
    })?;
    let mut parser = Parser {
        src,
        tokens,
        pos: 0,
        vars: vec!["$".into()],
        depth: 0,
        range_depth: 0,
        list_depth: 0,
        defines: Vec::new(),
    };
    let root = parser.top_level()?;
    Ok(Parsed {
        root,
        defines: parser.defines,
    })
}

struct Parser<'a> {
    src: &'a str,
    tokens: Vec<Token>,
    pos: usize,
    vars: Vec<Rc<str>>,
    depth: usize,
    range_depth: usize,
    /// Nesting of item lists: 0 while parsing the file's own top level, the only place
    /// where Go accepts `{{define}}` (anywhere there, after text and actions too).
    list_depth: usize,
    defines: Vec<(String, Vec<Node>)>,
}

/// How an item list ended.
enum ListEnd {
    /// `{{end}}` at this offset.
    End(Pos),
    /// `{{else` (the token after `else` not yet consumed), at this offset.
    Else(Pos),
    Eof,
}

type PResult<T> = Result<T, ParseError>;

impl<'a> Parser<'a> {
    fn peek(&self) -> Token {
        // The token list always ends with Eof, and `next` never moves past it.
        self.tokens[self.pos.min(self.tokens.len() - 1)]
    }

    fn peek_at(&self, n: usize) -> Token {
        self.tokens[(self.pos + n).min(self.tokens.len() - 1)]
    }

    fn next(&mut self) -> Token {
        let t = self.peek();
        if self.pos < self.tokens.len() - 1 {
            self.pos += 1;
        }
        t
    }

    fn text(&self, t: Token) -> &'a str {
        self.src.get(t.start..t.end).unwrap_or("")
    }

    fn error<T>(&self, offset: usize, message: impl Into<String>) -> PResult<T> {
        Err(ParseError {
            offset,
            message: message.into(),
        })
    }

    fn describe(&self, t: Token) -> String {
        match t.kind {
            Kind::Eof => "EOF".into(),
            Kind::RightDelim => "}}".into(),
            Kind::Keyword(_) => format!("<{}>", self.text(t)),
            _ => format!("{:?}", self.text(t)),
        }
    }

    fn unexpected<T>(&self, t: Token, context: &str) -> PResult<T> {
        self.error(
            t.start,
            format!("unexpected {} in {context}", self.describe(t)),
        )
    }

    fn expect(&mut self, kind: Kind, context: &str) -> PResult<Token> {
        let t = self.next();
        if t.kind != kind {
            return self.unexpected(t, context);
        }
        Ok(t)
    }

    fn enter(&mut self, offset: usize) -> PResult<()> {
        self.depth += 1;
        if self.depth > crate::limits::MAX_TEMPLATE_PARSE_NESTING {
            return self.error(
                offset,
                format!(
                    "template nests deeper than {} levels",
                    crate::limits::MAX_TEMPLATE_PARSE_NESTING
                ),
            );
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    fn top_level(&mut self) -> PResult<Vec<Node>> {
        // `item_list_into` parses the `define`s it meets at this level (list_depth 0).
        let mut root = Vec::new();
        match self.item_list_into(&mut root)? {
            ListEnd::Eof => Ok(root),
            ListEnd::End(pos) => self.error(pos, "unexpected {{end}}"),
            ListEnd::Else(pos) => self.error(pos, "unexpected {{else}}"),
        }
    }

    /// `{{define "name"}}…{{end}}`, after the `define` keyword.
    fn define(&mut self) -> PResult<()> {
        let name_tok = self.next();
        let name = match name_tok.kind {
            Kind::String | Kind::RawString => self.string_value(name_tok)?,
            _ => return self.unexpected(name_tok, "define clause"),
        };
        self.expect(Kind::RightDelim, "define clause")?;
        let saved = std::mem::replace(&mut self.vars, vec!["$".into()]);
        self.list_depth += 1;
        let body = self.list_until_end("define");
        self.list_depth -= 1;
        let body = body?;
        self.vars = saved;
        self.defines.push((name.to_string(), body));
        Ok(())
    }

    /// Parses items up to `{{end}}` (consumed), refusing `{{else}}`.
    fn list_until_end(&mut self, context: &str) -> PResult<Vec<Node>> {
        let mut list = Vec::new();
        match self.item_list_into(&mut list)? {
            ListEnd::End(_) => Ok(list),
            ListEnd::Else(pos) => self.error(pos, format!("unexpected {{{{else}}}} in {context}")),
            ListEnd::Eof => self.error(self.src.len(), "unexpected EOF"),
        }
    }

    /// Parses text and actions into `list` until `{{end}}`, `{{else` or the end of input.
    fn item_list_into(&mut self, list: &mut Vec<Node>) -> PResult<ListEnd> {
        loop {
            let t = self.next();
            match t.kind {
                Kind::Eof => return Ok(ListEnd::Eof),
                Kind::Text => list.push(Node::Text(self.text(t).into())),
                Kind::LeftDelim => {
                    let k = self.peek();
                    match k.kind {
                        Kind::Keyword(Keyword::End) => {
                            self.next();
                            self.expect(Kind::RightDelim, "end")?;
                            return Ok(ListEnd::End(k.start));
                        }
                        Kind::Keyword(Keyword::Else) => {
                            self.next();
                            return Ok(ListEnd::Else(k.start));
                        }
                        Kind::Keyword(Keyword::Define) if self.list_depth == 0 => {
                            self.next();
                            self.define()?;
                        }
                        _ => {
                            self.list_depth += 1;
                            let action = self.action();
                            self.list_depth -= 1;
                            list.push(action?);
                        }
                    }
                }
                _ => return self.unexpected(t, "input"),
            }
        }
    }

    /// An action after `{{`, other than `end` and `else`.
    fn action(&mut self) -> PResult<Node> {
        let t = self.peek();
        match t.kind {
            Kind::Keyword(Keyword::If) => {
                self.next();
                self.if_or_with(false, t.start)
            }
            Kind::Keyword(Keyword::With) => {
                self.next();
                self.if_or_with(true, t.start)
            }
            Kind::Keyword(Keyword::Range) => {
                self.next();
                self.range(t.start)
            }
            Kind::Keyword(Keyword::Break) | Kind::Keyword(Keyword::Continue) => {
                self.next();
                let word = self.text(t);
                if self.range_depth == 0 {
                    return self.error(t.start, format!("{{{{{word}}}}} outside {{{{range}}}}"));
                }
                self.expect(Kind::RightDelim, word)?;
                Ok(if word == "break" {
                    Node::Break(t.start)
                } else {
                    Node::Continue(t.start)
                })
            }
            Kind::Keyword(Keyword::Template) | Kind::Keyword(Keyword::Block) => {
                self.next();
                self.template_call(t)
            }
            Kind::Keyword(Keyword::Return) => {
                self.next();
                let pipe = if self.peek().kind == Kind::RightDelim {
                    self.next();
                    None
                } else {
                    Some(self.pipeline("return", Kind::RightDelim)?)
                };
                Ok(Node::Return { pos: t.start, pipe })
            }
            Kind::Keyword(Keyword::Define) => self.error(t.start, "unexpected <define> in command"),
            _ => Ok(Node::Action(self.pipeline("command", Kind::RightDelim)?)),
        }
    }

    /// `if`/`with` after the keyword, with flattened `else if`/`else with` branches.
    fn if_or_with(&mut self, with: bool, start: Pos) -> PResult<Node> {
        let context = if with { "with" } else { "if" };
        let keyword = if with { Keyword::With } else { Keyword::If };
        self.enter(start)?;
        let vars_mark = self.vars.len();
        let mut branches = Vec::new();
        let mut else_list = None;
        loop {
            let pipe = self.pipeline(context, Kind::RightDelim)?;
            let mut list = Vec::new();
            match self.item_list_into(&mut list)? {
                ListEnd::End(_) => {
                    branches.push((pipe, list));
                    break;
                }
                ListEnd::Eof => return self.error(self.src.len(), "unexpected EOF"),
                ListEnd::Else(pos) => {
                    branches.push((pipe, list));
                    if self.peek().kind == Kind::Keyword(keyword) {
                        self.next();
                        continue;
                    }
                    self.expect(Kind::RightDelim, "else")?;
                    let mut list = Vec::new();
                    match self.item_list_into(&mut list)? {
                        ListEnd::End(_) => {}
                        ListEnd::Else(p) => return self.error(p, "expected end; found {{else}}"),
                        ListEnd::Eof => {
                            return self.error(pos.max(self.src.len()), "unexpected EOF")
                        }
                    }
                    else_list = Some(list);
                    break;
                }
            }
        }
        self.vars.truncate(vars_mark);
        self.leave();
        Ok(Node::If {
            with,
            branches,
            else_list,
        })
    }

    fn range(&mut self, start: Pos) -> PResult<Node> {
        self.enter(start)?;
        let vars_mark = self.vars.len();
        let pipe = self.pipeline("range", Kind::RightDelim)?;
        self.range_depth += 1;
        let mut body = Vec::new();
        let end = self.item_list_into(&mut body)?;
        self.range_depth -= 1;
        let else_list = match end {
            ListEnd::End(_) => None,
            ListEnd::Eof => return self.error(self.src.len(), "unexpected EOF"),
            ListEnd::Else(_) => {
                self.expect(Kind::RightDelim, "else")?;
                Some(self.list_until_end("range")?)
            }
        };
        self.vars.truncate(vars_mark);
        self.leave();
        Ok(Node::Range {
            pos: start,
            pipe,
            body,
            else_list,
        })
    }

    /// `template "name" [pipeline]` or `block "name" pipeline … end`, after the keyword.
    fn template_call(&mut self, keyword: Token) -> PResult<Node> {
        let context = if keyword.kind == Kind::Keyword(Keyword::Block) {
            "block clause"
        } else {
            "template clause"
        };
        let name_tok = self.next();
        let name_pos = name_tok.start;
        let name = match name_tok.kind {
            Kind::String | Kind::RawString => self.string_value(name_tok)?.to_string(),
            _ => return self.unexpected(name_tok, context),
        };
        let pipe = if self.peek().kind == Kind::RightDelim {
            self.next();
            None
        } else {
            Some(self.pipeline(context, Kind::RightDelim)?)
        };
        if keyword.kind == Kind::Keyword(Keyword::Block) {
            self.enter(keyword.start)?;
            let saved = std::mem::replace(&mut self.vars, vec!["$".into()]);
            let saved_range = std::mem::replace(&mut self.range_depth, 0);
            let body = self.list_until_end("block")?;
            self.vars = saved;
            self.range_depth = saved_range;
            self.leave();
            self.defines.push((name.clone(), body));
        }
        // Go places a template call at its name.
        Ok(Node::Template {
            pos: name_pos,
            name,
            pipe,
        })
    }

    fn string_value(&self, t: Token) -> PResult<Rc<str>> {
        let text = self.text(t);
        if t.kind == Kind::RawString {
            let inner = text.get(1..text.len().saturating_sub(1)).unwrap_or("");
            return Ok(inner.replace('\r', "").into());
        }
        lex::unquote(text)
            .map(Into::into)
            .or_else(|e| self.error(t.start, e))
    }

    /// A pipeline up to `end` (consumed): optional declarations, then commands joined by `|`.
    fn pipeline(&mut self, context: &str, end: Kind) -> PResult<Pipeline> {
        let start = self.peek().start;
        let mut decl = Vec::new();
        let mut is_assign = false;
        if self.peek().kind == Kind::Variable {
            let after = self.peek_at(1).kind;
            if matches!(after, Kind::Declare | Kind::Assign) {
                let v = self.next();
                self.next();
                is_assign = after == Kind::Assign;
                let name: Rc<str> = self.text(v).into();
                if is_assign && !self.vars.contains(&name) {
                    return self.error(v.start, format!("undefined variable {:?}", &*name));
                }
                decl.push(name);
            } else if after == Kind::Comma {
                if context != "range" {
                    return self.error(
                        self.peek_at(1).start,
                        format!("too many declarations in {context}"),
                    );
                }
                let first = self.next();
                self.next();
                let second = self.next();
                let op = self.next();
                if second.kind != Kind::Variable || !matches!(op.kind, Kind::Declare | Kind::Assign)
                {
                    return self.error(second.start, "range can only initialize variables");
                }
                is_assign = op.kind == Kind::Assign;
                for v in [first, second] {
                    let name: Rc<str> = self.text(v).into();
                    if is_assign && !self.vars.contains(&name) {
                        return self.error(v.start, format!("undefined variable {:?}", &*name));
                    }
                    decl.push(name);
                }
            }
        }
        let mut cmds = Vec::new();
        loop {
            let t = self.peek();
            if t.kind == end {
                self.next();
                break;
            }
            if cmds.is_empty() || t.kind == Kind::Pipe {
                if t.kind == Kind::Pipe {
                    if cmds.is_empty() {
                        return self.error(t.start, format!("missing value for {context}"));
                    }
                    self.next();
                    if self.peek().kind == end {
                        // Go accepts a dangling `|` before the end: `{{ .Get 0 | }}`.
                        continue;
                    }
                }
                cmds.push(self.command(end)?);
                continue;
            }
            return self.unexpected(t, context);
        }
        if cmds.is_empty() {
            return self.error(start, format!("missing value for {context}"));
        }
        for (i, cmd) in cmds.iter().enumerate().skip(1) {
            if let Some(first) = cmd.args.first() {
                if matches!(
                    first.kind,
                    ArgKind::Bool(_)
                        | ArgKind::Dot
                        | ArgKind::Nil
                        | ArgKind::Number(_)
                        | ArgKind::String(_)
                ) {
                    return self.error(
                        cmd.pos,
                        format!("non executable command in pipeline stage {}", i + 1),
                    );
                }
            }
        }
        // Declarations take effect after the pipeline (so `$x := $x` refers to an outer $x).
        if !is_assign {
            self.vars.extend(decl.iter().cloned());
        }
        Ok(Pipeline {
            pos: start,
            decl,
            is_assign,
            cmds,
        })
    }

    /// One command: operands up to `|` or the pipeline's end (not consumed).
    fn command(&mut self, end: Kind) -> PResult<Command> {
        let start = self.peek().start;
        let mut args = Vec::new();
        loop {
            let t = self.peek();
            if t.kind == Kind::Pipe || t.kind == end {
                break;
            }
            if !args.is_empty() && !t.space_before {
                return self.unexpected(t, "operand");
            }
            args.push(self.operand()?);
        }
        let Some(first) = args.first() else {
            return self.error(start, "empty command");
        };
        if matches!(first.kind, ArgKind::Nil) {
            return self.error(first.pos, "nil is not a command");
        }
        let end_pos = args.last().map_or(start, |a| a.end);
        Ok(Command {
            pos: start,
            end: end_pos,
            args,
        })
    }

    /// A term and the field chain glued to it (`.A.B`, `$x.A`, `(…).A`).
    fn operand(&mut self) -> PResult<Arg> {
        let t = self.next();
        let kind = match t.kind {
            Kind::Dot => ArgKind::Dot,
            Kind::Nil => ArgKind::Nil,
            Kind::Bool => ArgKind::Bool(self.text(t) == "true"),
            Kind::Number => ArgKind::Number(self.number(t)?),
            Kind::Char => {
                let s = lex::unquote(self.text(t)).or_else(|e| self.error(t.start, e))?;
                ArgKind::Number(Value::int(s.chars().next().map_or(0, |c| c as i64)))
            }
            Kind::String | Kind::RawString => ArgKind::String(self.string_value(t)?),
            Kind::Field => ArgKind::Field(vec![self.field_name(t)]),
            Kind::Variable => {
                let name: Rc<str> = self.text(t).into();
                if !self.vars.contains(&name) {
                    return self.error(t.start, format!("undefined variable {:?}", &*name));
                }
                ArgKind::Variable(name, Vec::new())
            }
            Kind::Identifier => {
                let mut name = self.text(t).to_string();
                // Hugo's namespaced functions: `strings.TrimSpace`. Otherwise a field after a
                // function is a chain on its result, as in Go: `site.Params.x` is
                // `(site).Params.x`.
                let follows = self.peek();
                let glued = follows.kind == Kind::Field && !follows.space_before;
                if glued
                    && !function_exists(&format!("{name}{}", self.text(follows)))
                    && function_exists(&name)
                {
                    let call = Arg {
                        pos: t.start,
                        end: t.end,
                        kind: function(name),
                    };
                    let pipe = Pipeline {
                        pos: t.start,
                        decl: Vec::new(),
                        is_assign: false,
                        cmds: vec![Command {
                            pos: t.start,
                            end: t.end,
                            args: vec![call],
                        }],
                    };
                    return self.chain(t, ArgKind::Pipe(Box::new(pipe), Vec::new()));
                }
                if glued {
                    name.push_str(self.text(follows));
                    self.next();
                }
                if !function_exists(&name) {
                    return self.error(t.start, format!("function {name:?} not defined"));
                }
                // A field after a namespaced function is a chain on its result, as Go reads
                // `templates.Current.Name`.
                let next = self.peek();
                if glued && next.kind == Kind::Field && !next.space_before {
                    let end = self.tokens[self.pos.saturating_sub(1)].end;
                    let call = Arg {
                        pos: t.start,
                        end,
                        kind: function(name),
                    };
                    let pipe = Pipeline {
                        pos: t.start,
                        decl: Vec::new(),
                        is_assign: false,
                        cmds: vec![Command {
                            pos: t.start,
                            end,
                            args: vec![call],
                        }],
                    };
                    return self.chain(t, ArgKind::Pipe(Box::new(pipe), Vec::new()));
                }
                function(name)
            }
            Kind::LeftParen => {
                self.enter(t.start)?;
                let pipe = self.pipeline("parenthesized pipeline", Kind::RightParen)?;
                self.leave();
                ArgKind::Pipe(Box::new(pipe), Vec::new())
            }
            _ => return self.unexpected(t, "operand"),
        };
        self.chain(t, kind)
    }

    /// The field chain glued to the term `t` just read (`.A.B` after it).
    fn chain(&mut self, t: Token, kind: ArgKind) -> PResult<Arg> {
        let mut kind = kind;
        let mut end = self.tokens[self.pos.saturating_sub(1)].end;
        while self.peek().kind == Kind::Field && !self.peek().space_before {
            let f = self.next();
            let name = self.field_name(f);
            match &mut kind {
                ArgKind::Field(chain) | ArgKind::Variable(_, chain) | ArgKind::Pipe(_, chain) => {
                    chain.push(name)
                }
                _ => {
                    return self.error(
                        f.start,
                        format!(
                            "unexpected . after term {:?}",
                            self.src.get(t.start..end).unwrap_or("")
                        ),
                    )
                }
            }
            end = f.end;
        }
        Ok(Arg {
            pos: t.start,
            end,
            kind,
        })
    }

    fn field_name(&self, t: Token) -> Rc<str> {
        self.text(t).get(1..).unwrap_or("").into()
    }

    /// Go's number constants: integers (decimal, hex, octal, binary, `_` separators), floats,
    /// as `text/template` types them (a float only when written with `.`, `e` or `p`).
    fn number(&self, t: Token) -> PResult<Value> {
        let text = self.text(t);
        match parse_number(text) {
            Some(v) => Ok(v),
            None => self.error(t.start, format!("bad number syntax: {text:?}")),
        }
    }
}

/// Parses a Go number literal.
pub(crate) fn parse_number(text: &str) -> Option<Value> {
    let (negative, body) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") {
        return None;
    }
    let clean: String = body.chars().filter(|&c| c != '_').collect();
    let lower = clean.to_ascii_lowercase();
    let (radix, digits) = if let Some(d) = lower.strip_prefix("0x") {
        (16, d)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (8, d)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (2, d)
    } else if lower.len() > 1 && lower.starts_with('0') && lower.bytes().all(|b| b.is_ascii_digit())
    {
        (8, &lower[1..])
    } else {
        (10, lower.as_str())
    };
    let is_float = if radix == 16 {
        digits.contains(['.', 'p'])
    } else {
        radix == 10 && digits.contains(['.', 'e'])
    };
    if !is_float {
        if digits.is_empty() {
            return None;
        }
        let magnitude = i128::from_str_radix(digits, radix).ok()?;
        let value = if negative { -magnitude } else { magnitude };
        return i64::try_from(value).ok().map(Value::int);
    }
    if radix == 16 {
        // Hex floats are rare in templates; accept the simple `0x1p4` form.
        let (mantissa, exp) = digits.split_once('p')?;
        let m = if let Some((int, frac)) = mantissa.split_once('.') {
            let int_v = if int.is_empty() {
                0
            } else {
                u64::from_str_radix(int, 16).ok()?
            };
            let frac_v = if frac.is_empty() {
                0
            } else {
                u64::from_str_radix(frac, 16).ok()?
            };
            int_v as f64 + frac_v as f64 / 16f64.powi(frac.len() as i32)
        } else {
            u64::from_str_radix(mantissa, 16).ok()? as f64
        };
        let e: i32 = exp.parse().ok()?;
        let f = m * 2f64.powi(e);
        return Some(Value::Float(if negative { -f } else { f }));
    }
    if !digits
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'+' | b'-'))
    {
        return None;
    }
    let f: f64 = digits.parse().ok()?;
    if !f.is_finite() {
        return None;
    }
    Some(Value::Float(if negative { -f } else { f }))
}

/// Whether any field chain in `nodes` names `.Inner` or `.InnerDeindent`.
pub(crate) fn uses_inner(nodes: &[Node]) -> bool {
    let mut stack: Vec<&Node> = nodes.iter().collect();
    let mut pipes: Vec<&Pipeline> = Vec::new();
    while let Some(node) = stack.pop() {
        match node {
            Node::Text(_) | Node::Break(_) | Node::Continue(_) => {}
            Node::Action(p) => pipes.push(p),
            Node::If {
                branches,
                else_list,
                ..
            } => {
                for (p, list) in branches {
                    pipes.push(p);
                    stack.extend(list);
                }
                stack.extend(else_list.iter().flatten());
            }
            Node::Range {
                pipe,
                body,
                else_list,
                ..
            } => {
                pipes.push(pipe);
                stack.extend(body);
                stack.extend(else_list.iter().flatten());
            }
            Node::Template { pipe, .. } | Node::Return { pipe, .. } => pipes.extend(pipe.iter()),
        }
    }
    while let Some(pipe) = pipes.pop() {
        for cmd in &pipe.cmds {
            for arg in &cmd.args {
                let chain = match &arg.kind {
                    ArgKind::Field(chain) | ArgKind::Variable(_, chain) => chain,
                    ArgKind::Pipe(inner, chain) => {
                        pipes.push(inner);
                        chain
                    }
                    _ => continue,
                };
                if chain
                    .iter()
                    .any(|n| &**n == "Inner" || &**n == "InnerDeindent")
                {
                    return true;
                }
            }
        }
    }
    false
}

/// The first pipeline of a list in Hugo's walk order (`applyTransformations`): an action's,
/// an `if`/`with`'s first condition, a `range`'s, a `return`'s. `{{ template }}` calls are
/// passed over (Hugo would walk into the called template).
pub(crate) fn first_pipeline(nodes: &[Node]) -> Option<&Pipeline> {
    nodes.iter().find_map(|node| match node {
        Node::Action(pipe) => Some(pipe),
        Node::If { branches, .. } => branches.first().map(|(pipe, _)| pipe),
        Node::Range { pipe, .. } => Some(pipe),
        Node::Return { pipe, .. } => pipe.as_ref(),
        Node::Text(_) | Node::Break(_) | Node::Continue(_) | Node::Template { .. } => None,
    })
}

/// The string a pipeline declares as `$_hugo_config`, if it is exactly
/// ``{{ $_hugo_config := `…` }}``: one variable, one command, a string first argument.
pub(crate) fn hugo_config_text(pipe: &Pipeline) -> Option<&str> {
    if pipe.decl.len() != 1 || pipe.cmds.len() != 1 || &*pipe.decl[0] != "$_hugo_config" {
        return None;
    }
    match &pipe.cmds[0].args.first()?.kind {
        ArgKind::String(text) => Some(text),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_go() {
        assert_eq!(parse_number("42"), Some(Value::int(42)));
        assert_eq!(parse_number("-0x1F"), Some(Value::int(-31)));
        assert_eq!(parse_number("0o17"), Some(Value::int(15)));
        assert_eq!(parse_number("017"), Some(Value::int(15)));
        assert_eq!(parse_number("0b101"), Some(Value::int(5)));
        assert_eq!(parse_number("1_000"), Some(Value::int(1000)));
        assert_eq!(parse_number("1.5"), Some(Value::Float(1.5)));
        assert_eq!(parse_number("1e3"), Some(Value::Float(1000.0)));
        assert_eq!(parse_number("0x1p4"), Some(Value::Float(16.0)));
        assert_eq!(parse_number("99999999999999999999"), None);
        assert_eq!(parse_number("1__0"), None);
        assert_eq!(parse_number("12abc"), None);
    }

    #[test]
    fn flattens_else_if_chains() {
        let mut src = String::from("{{ if 1 }}a");
        for _ in 0..500 {
            src.push_str("{{ else if 2 }}b");
        }
        src.push_str("{{ end }}");
        let parsed = parse(&src).unwrap();
        match &parsed.root[0] {
            Node::If { branches, .. } => assert_eq!(branches.len(), 501),
            other => panic!("expected an if node, got {other:?}"),
        }
    }

    #[test]
    fn finds_inner_in_any_chain() {
        assert!(uses_inner(
            &parse("{{ with 1 }}{{ $.Inner }}{{ end }}").unwrap().root
        ));
        assert!(uses_inner(
            &parse("{{ (print .InnerDeindent) }}").unwrap().root
        ));
        assert!(!uses_inner(&parse("{{ .Innerx }} Inner").unwrap().root));
    }
}
