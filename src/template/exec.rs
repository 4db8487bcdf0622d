//! The template executor: syntax tree + dot → escaped HTML.
//!
//! Input: a parsed template, the set it belongs to (other templates' `define`s, partials),
//! the dot, and the function context. Output: the escaped text, or an error at the action
//! that failed (execution stops there, as in Go). Follows `text/template/exec.go`; every
//! value written goes through [`Escaper`], so the output is what `html/template` produces.
//!
//! Bounded work: every node, command and loop iteration costs a step
//! ([`Limits::max_steps`]), `template`/`partial` calls nest at most
//! [`Limits::max_call_depth`] deep, total recursion is bounded by
//! [`crate::limits::MAX_TEMPLATE_EXEC_NESTING`], and output by [`Limits::max_output_bytes`].

use super::escape::Escaper;
use super::funcs::{self, FuncContext};
use super::parse::{Arg, ArgKind, Command, Node, Pipeline, Pos};
use super::value::{Arity, Object, SafeKind, Value};
use super::{Def, Template, TemplateSet};
use std::collections::HashMap;
use std::rc::Rc;

/// Bounds on one execution. The defaults are the named constants in [`crate::limits`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_steps: u64,
    pub max_call_depth: usize,
    pub max_output_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_steps: crate::limits::MAX_TEMPLATE_STEPS,
            max_call_depth: crate::limits::MAX_TEMPLATE_CALL_DEPTH,
            max_output_bytes: crate::limits::MAX_TEMPLATE_OUTPUT_BYTES,
        }
    }
}

/// What one execution spent, whether it finished or failed, and what its output may depend
/// on besides the dot it was given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    pub steps: u64,
    pub output_bytes: usize,
    /// It read a member that answers differently for calls with the same dot (see
    /// [`Object::is_pure`]): its output cannot be reused for another call.
    pub impure: bool,
    /// It stopped at [`Limits::max_steps`] or [`Limits::max_output_bytes`]: with more budget
    /// the same execution would have gone on.
    pub exhausted: bool,
}

/// An execution error before it is placed (line and column) by the caller.
pub(crate) struct Fail {
    pub def: Rc<Def>,
    pub offset: usize,
    pub message: String,
    /// Found by `html/template`'s escaper, which Go reports before running (`no such
    /// template`), with its own prefix.
    pub escaper: bool,
}

/// Errors are boxed: a small `Err` keeps every frame on the recursion path small.
type R<T> = Result<T, Box<Fail>>;

/// How a list of nodes ended.
enum Flow {
    Normal,
    Break,
    Continue,
    Return(Value),
}

pub(crate) struct Exec<'a, 'b> {
    set: &'a TemplateSet,
    ctx: &'a mut FuncContext<'b>,
    limits: Limits,
    steps: u64,
    call_depth: usize,
    nesting: usize,
    exhausted: bool,
    vars: Vec<(Rc<str>, Value)>,
    out: String,
    esc: Escaper,
    /// The definition being executed (for error positions).
    def: Rc<Def>,
    /// The template file whose `define`s `{{ template }}` sees first.
    local: Template,
    partial_cache: HashMap<String, Value>,
    /// Hugo's names of the templates being run, the outermost first (`templates.Current`).
    frames: Vec<Rc<str>>,
}

impl<'a, 'b> Exec<'a, 'b> {
    pub(crate) fn new(
        set: &'a TemplateSet,
        ctx: &'a mut FuncContext<'b>,
        limits: Limits,
        template: &Template,
    ) -> Exec<'a, 'b> {
        Exec {
            set,
            ctx,
            limits,
            steps: 0,
            call_depth: 0,
            nesting: 0,
            exhausted: false,
            vars: Vec::new(),
            out: String::new(),
            esc: if template.text {
                Escaper::plain()
            } else {
                Escaper::new()
            },
            def: template.main.clone(),
            local: template.clone(),
            partial_cache: HashMap::new(),
            frames: vec![hugo_template_name(&template.main.file).into()],
        }
    }

    /// Runs the template's main list with `dot`; also says what it spent, finished or not.
    pub(crate) fn run(mut self, dot: &Value) -> (R<String>, Usage) {
        self.vars.push(("$".into(), dot.clone()));
        let def = self.def.clone();
        let result = self.exec_list(&def.nodes, dot);
        let usage = Usage {
            steps: self.steps,
            output_bytes: self.out.len(),
            impure: self.ctx.impure.get(),
            exhausted: self.exhausted,
        };
        (result.map(|_| self.out), usage)
    }

    fn fail(&self, offset: Pos, message: impl Into<String>) -> Box<Fail> {
        Box::new(Fail {
            def: self.def.clone(),
            offset,
            message: format!("executing {:?}: {}", &*self.def.name, message.into()),
            escaper: false,
        })
    }

    /// An error at a command or argument: Go's `executing "name" at <…>: message`.
    fn fail_at(&self, pos: Pos, end: Pos, message: impl Into<String>) -> Box<Fail> {
        let node = self.def.source.get(pos..end).unwrap_or("");
        Box::new(Fail {
            def: self.def.clone(),
            offset: pos + second_link(node).unwrap_or(0),
            message: format!(
                "executing {:?} at <{}>: {}",
                &*self.def.name,
                node,
                message.into()
            ),
            escaper: false,
        })
    }

    fn tick(&mut self, pos: Pos) -> R<()> {
        self.steps += 1;
        if self.steps > self.limits.max_steps {
            self.exhausted = true;
            return Err(self.fail(
                pos,
                format!(
                    "execution stopped after {} steps (an endless or very long loop?)",
                    self.limits.max_steps
                ),
            ));
        }
        Ok(())
    }

    fn enter(&mut self, pos: Pos) -> R<()> {
        self.nesting += 1;
        if self.nesting > crate::limits::MAX_TEMPLATE_EXEC_NESTING {
            return Err(self.fail(
                pos,
                format!(
                    "templates nest deeper than {} levels",
                    crate::limits::MAX_TEMPLATE_EXEC_NESTING
                ),
            ));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.nesting = self.nesting.saturating_sub(1);
    }

    fn check_output(&mut self, pos: Pos) -> R<()> {
        if self.out.len() > self.limits.max_output_bytes {
            self.exhausted = true;
            return Err(self.fail(
                pos,
                format!("output exceeds {} bytes", self.limits.max_output_bytes),
            ));
        }
        Ok(())
    }

    fn exec_list(&mut self, nodes: &[Node], dot: &Value) -> R<Flow> {
        for node in nodes {
            let flow = self.exec_node(node, dot)?;
            if !matches!(flow, Flow::Normal) {
                return Ok(flow);
            }
        }
        Ok(Flow::Normal)
    }

    fn exec_node(&mut self, node: &Node, dot: &Value) -> R<Flow> {
        match node {
            Node::Text(text) => {
                self.esc.text(text, &mut self.out);
                self.check_output(0)?;
            }
            Node::Action(pipe) => {
                self.tick(pipe.pos)?;
                let value = self.eval_pipeline(pipe, dot)?;
                if pipe.decl.is_empty() {
                    self.esc.value(&value, &mut self.out);
                    self.check_output(pipe.pos)?;
                }
            }
            Node::If {
                with,
                branches,
                else_list,
            } => {
                let mark = self.vars.len();
                let mut flow = Flow::Normal;
                let mut taken = false;
                for (pipe, list) in branches {
                    self.tick(pipe.pos)?;
                    let value = self.eval_pipeline(pipe, dot)?;
                    if value.truthy() {
                        self.enter(pipe.pos)?;
                        flow = if *with {
                            self.exec_list(list, &value)?
                        } else {
                            self.exec_list(list, dot)?
                        };
                        self.leave();
                        taken = true;
                        break;
                    }
                }
                if !taken {
                    if let Some(list) = else_list {
                        self.enter(0)?;
                        flow = self.exec_list(list, dot)?;
                        self.leave();
                    }
                }
                self.vars.truncate(mark);
                return Ok(flow);
            }
            Node::Range {
                pos,
                pipe,
                body,
                else_list,
            } => return self.exec_range(*pos, pipe, body, else_list.as_deref(), dot),
            Node::Break(pos) => {
                self.tick(*pos)?;
                return Ok(Flow::Break);
            }
            Node::Continue(pos) => {
                self.tick(*pos)?;
                return Ok(Flow::Continue);
            }
            Node::Template { pos, name, pipe } => {
                self.tick(*pos)?;
                let value = match pipe {
                    Some(pipe) => self.eval_pipeline(pipe, dot)?,
                    None => Value::Nil,
                };
                self.call_template(*pos, name, pipe.as_ref(), value)?;
            }
            Node::Return { pos, pipe } => {
                self.tick(*pos)?;
                let value = match pipe {
                    Some(pipe) => self.eval_pipeline(pipe, dot)?,
                    None => Value::Nil,
                };
                return Ok(Flow::Return(value));
            }
        }
        Ok(Flow::Normal)
    }

    fn exec_range(
        &mut self,
        pos: Pos,
        pipe: &Pipeline,
        body: &[Node],
        else_list: Option<&[Node]>,
        dot: &Value,
    ) -> R<Flow> {
        self.tick(pos)?;
        let mark = self.vars.len();
        let value = self.eval_pipeline(pipe, dot)?.as_collection().into_owned();
        let body_mark = self.vars.len();
        let two = pipe.decl.len() == 2;
        // Keys and elements, computed one at a time (`range 100000000` allocates nothing).
        let entries: Option<Vec<(String, Value)>> = match &value {
            Value::Map(map) => Some(map.iter().map(|(k, v)| (k.clone(), v.clone())).collect()),
            _ => None,
        };
        let len = match &value {
            Value::List(items) => items.len(),
            Value::Map(map) => map.len(),
            Value::Int(n, _) => {
                if two {
                    return Err(self.fail(
                        pos,
                        format!("can't use {n} to iterate over more than one variable"),
                    ));
                }
                usize::try_from(*n).unwrap_or(0)
            }
            Value::Nil => 0,
            other => return Err(self.cannot_range(pipe, pos, other)),
        };
        let mut flow = Flow::Normal;
        if len > 0 {
            self.enter(pos)?;
            for i in 0..len {
                self.tick(pos)?;
                let (key, elem) = match (&value, &entries) {
                    (Value::List(items), _) => (Value::int(i as i64), items[i].clone()),
                    (_, Some(entries)) => {
                        (Value::from(entries[i].0.as_str()), entries[i].1.clone())
                    }
                    _ => (Value::int(i as i64), Value::int(i as i64)),
                };
                self.set_range_vars(pipe, mark, key, &elem);
                let flow_here = self.exec_list(body, &elem)?;
                // Variables declared in the body live for one iteration (Go pops them too).
                self.vars.truncate(body_mark);
                match flow_here {
                    Flow::Break => break,
                    Flow::Normal | Flow::Continue => {}
                    Flow::Return(v) => {
                        flow = Flow::Return(v);
                        break;
                    }
                }
            }
            self.leave();
        } else if let Some(list) = else_list {
            self.enter(pos)?;
            flow = self.exec_list(list, dot)?;
            self.leave();
        }
        self.vars.truncate(mark);
        Ok(flow)
    }

    fn set_range_vars(&mut self, pipe: &Pipeline, mark: usize, key: Value, elem: &Value) {
        let values = match pipe.decl.len() {
            0 => return,
            1 => vec![elem.clone()],
            _ => vec![key, elem.clone()],
        };
        for (i, (name, value)) in pipe.decl.iter().zip(values).enumerate() {
            if pipe.is_assign {
                self.set_var(name, value);
            } else if let Some(slot) = self.vars.get_mut(mark + i) {
                slot.1 = value;
            }
        }
    }

    fn set_var(&mut self, name: &str, value: Value) {
        if let Some(slot) = self.vars.iter_mut().rev().find(|(n, _)| &**n == name) {
            slot.1 = value;
        }
    }

    fn var(&self, name: &str, pos: Pos) -> R<Value> {
        self.vars
            .iter()
            .rev()
            .find(|(n, _)| &**n == name)
            .map(|(_, v)| v.clone())
            .ok_or_else(|| self.fail(pos, format!("undefined variable: {name}")))
    }

    fn eval_pipeline(&mut self, pipe: &Pipeline, dot: &Value) -> R<Value> {
        let mut value: Option<Value> = None;
        for cmd in &pipe.cmds {
            value = Some(self.eval_command(cmd, dot, value)?);
        }
        let value = value.unwrap_or(Value::Nil);
        for name in &pipe.decl {
            if pipe.is_assign {
                self.set_var(name, value.clone());
            } else {
                self.vars.push((name.clone(), value.clone()));
            }
        }
        Ok(value)
    }

    fn eval_command(&mut self, cmd: &Command, dot: &Value, last: Option<Value>) -> R<Value> {
        self.tick(cmd.pos)?;
        let Some((first, rest)) = cmd.args.split_first() else {
            return Ok(Value::Nil);
        };
        match &first.kind {
            ArgKind::Field(chain) => self.eval_chain(dot.clone(), chain, rest, last, dot, first),
            ArgKind::Variable(name, chain) => {
                let base = self.var(name, first.pos)?;
                if chain.is_empty() {
                    self.not_a_function(first, rest, &last)?;
                    return Ok(base);
                }
                self.eval_chain(base, chain, rest, last, dot, first)
            }
            ArgKind::Pipe(pipe, chain) => {
                self.enter(first.pos)?;
                let base = self.eval_pipeline(pipe, dot)?;
                self.leave();
                if chain.is_empty() {
                    self.not_a_function(first, rest, &last)?;
                    return Ok(base);
                }
                self.eval_chain(base, chain, rest, last, dot, first)
            }
            ArgKind::Function(name, func) => {
                self.call_function((name, *func), first, rest, last, dot, cmd)
            }
            _ => {
                self.not_a_function(first, rest, &last)?;
                self.eval_arg(first, dot)
            }
        }
    }

    /// `range can't iterate over VALUE`, blamed (as Go does) on the first word of the
    /// pipeline's last command. Out of line: `range` is on the recursion path, and its
    /// frame must stay small.
    #[cold]
    #[inline(never)]
    fn cannot_range(&self, pipe: &Pipeline, pos: Pos, value: &Value) -> Box<Fail> {
        let message = format!("range can't iterate over {}", value.to_go_string());
        match pipe.cmds.last().and_then(|c| c.args.first()) {
            Some(word) => self.fail_at(word.pos, word.end, message),
            None => self.fail(pos, message),
        }
    }

    fn not_a_function(&self, first: &Arg, rest: &[Arg], last: &Option<Value>) -> R<()> {
        if !rest.is_empty() || last.is_some() {
            let text = self.def.source.get(first.pos..first.end).unwrap_or("");
            return Err(self.fail_at(
                first.pos,
                first.end,
                format!("can't give argument to non-function {text}"),
            ));
        }
        Ok(())
    }

    /// Fields `chain` of `receiver`; the last one is called with `args` (and the piped
    /// value) when it is a method.
    fn eval_chain(
        &mut self,
        receiver: Value,
        chain: &[Rc<str>],
        args: &[Arg],
        last: Option<Value>,
        dot: &Value,
        at: &Arg,
    ) -> R<Value> {
        let mut value = receiver;
        let n = chain.len();
        // A key a map does not have gives Go's invalid value, and every field of that is
        // invalid too (`evalField`'s `!receiver.IsValid()`): `.Site.Params.a.b.c` is nil
        // when `a` is missing. A key whose value is nil is another matter: `.b` of it is
        // Go's `nil pointer evaluating interface {}.b` (both checked with Hugo 0.168).
        //
        // A nil that a function or method returned, or that a variable holds, is Go's invalid
        // value too (an `any(nil)` result is unwrapped to nothing): its fields are nil
        // (`(.Page.Store.Get "x").count`, checked with Hugo 0.168). Only a nil read from a
        // map entry that exists is the interface nil whose fields are an error.
        let mut missing = false;
        let mut from_entry = false;
        for (i, name) in chain.iter().enumerate() {
            if missing || (matches!(value, Value::Nil) && !from_entry) {
                return Ok(Value::Nil);
            }
            from_entry = false;
            if let Value::Map(map) = &value {
                missing = !map.contains_key(&**name)
                    && !map.keys().any(|key| key.eq_ignore_ascii_case(name));
                from_entry = !missing;
            }
            if i + 1 < n {
                value = self.field(&value, name, &[], false, at)?;
                continue;
            }
            let has_args = !args.is_empty() || last.is_some();
            let mut values = Vec::with_capacity(args.len() + 1);
            for arg in args {
                values.push(self.eval_arg(arg, dot)?);
            }
            if let Some(last) = &last {
                values.push(last.clone());
            }
            self.check_reference_argument(&value, name, args, &values)?;
            value = self.field(&value, name, &values, has_args, at)?;
        }
        Ok(value)
    }

    /// `.Page.Ref`/`.Page.RelRef` take a `map[string]any`; Go refuses a written argument of
    /// another type before calling, blaming that argument. Out of line: `eval_chain` is on
    /// the recursion path.
    #[inline(never)]
    fn check_reference_argument(
        &self,
        receiver: &Value,
        name: &str,
        nodes: &[Arg],
        values: &[Value],
    ) -> R<()> {
        let is_page = matches!(receiver, Value::Object(o)
            if matches!(o.type_name(), "page.Page" | "*hugolib.ShortcodeWithPage"));
        if !is_page || !matches!(name, "Ref" | "RelRef") {
            return Ok(());
        }
        match (nodes.first(), values.first()) {
            (Some(node), Some(value)) if !matches!(value, Value::Map(_) | Value::Nil) => {
                let text = self.def.source.get(node.pos..node.end).unwrap_or("");
                let message =
                    format!("can't handle {text} for arg of type map[string]interface {{}}");
                Err(self.fail_at(node.pos, node.end, message))
            }
            _ => Ok(()),
        }
    }

    fn field(
        &mut self,
        receiver: &Value,
        name: &str,
        args: &[Value],
        has_args: bool,
        at: &Arg,
    ) -> R<Value> {
        match receiver {
            Value::Object(object) => {
                if let Some(message) = wrong_arity(object.arity(name), name, args.len()) {
                    // Only for members that exist: otherwise Go's `can't evaluate field`.
                    if !matches!(self.ctx.member(object.as_ref(), name, &[]), Ok(None)) {
                        return Err(self.fail_at(at.pos, at.end, message));
                    }
                }
                // `.Ref`/`.RelRef` of a page, or of a shortcode (its page's, with the call's
                // position in a not-found message).
                if matches!(
                    object.type_name(),
                    "page.Page" | "*hugolib.ShortcodeWithPage"
                ) && matches!(name, "Ref" | "RelRef")
                {
                    return self.page_reference(receiver, name, args, at);
                }
                self.object_member(object.as_ref(), name, args, at)
            }
            Value::Map(map) => {
                if has_args {
                    return Err(self.fail_at(
                        at.pos,
                        at.end,
                        format!("{name} is not a method but has arguments"),
                    ));
                }
                // Hugo's maps from front matter and config answer keys case-insensitively.
                Ok(map
                    .get(name)
                    .or_else(|| {
                        map.iter()
                            .find(|(k, _)| k.eq_ignore_ascii_case(name))
                            .map(|(_, v)| v)
                    })
                    .cloned()
                    .unwrap_or(Value::Nil))
            }
            Value::Nil => Err(self.fail_at(
                at.pos,
                at.end,
                format!("nil pointer evaluating interface {{}}.{name}"),
            )),
            other => Err(self.fail_at(
                at.pos,
                at.end,
                format!("can't evaluate field {name} in type {}", other.type_name()),
            )),
        }
    }

    /// `.Page.Ref ARGS` / `.Page.RelRef ARGS`: Hugo's page methods, which `ref PAGE ARGS` /
    /// `relref PAGE ARGS` call; they need the site's pages, which the function context has.
    #[cold]
    #[inline(never)]
    fn page_reference(&mut self, page: &Value, name: &str, args: &[Value], at: &Arg) -> R<Value> {
        let function = if name == "Ref" { "ref" } else { "relref" };
        let Some(func) = funcs::lookup(function) else {
            return Err(self.fail_at(at.pos, at.end, format!("function {function:?} not defined")));
        };
        let [argument] = args else {
            let message = format!("wrong number of args for {name}: want 1 got {}", args.len());
            return Err(self.fail_at(at.pos, at.end, message));
        };
        if !matches!(argument, Value::Map(_)) {
            // Go's reflection refuses anything but `map[string]any`, as for `(dict "path" …)`.
            let message = format!(
                "wrong type for value; expected map[string]interface {{}}; got {}",
                argument.type_name()
            );
            return Err(self.fail_at(at.pos, at.end, message));
        }
        func(self.ctx, &[page.clone(), argument.clone()]).map_err(|message| {
            self.fail_at(at.pos, at.end, format!("error calling {name}: {message}"))
        })
    }

    fn object_member(&self, object: &dyn Object, name: &str, args: &[Value], at: &Arg) -> R<Value> {
        match self.ctx.member(object, name, args) {
            Ok(Some(v)) => Ok(v),
            Ok(None) => Err(self.fail_at(
                at.pos,
                at.end,
                format!("can't evaluate field {name} in type {}", object.type_name()),
            )),
            Err(message) => {
                Err(self.fail_at(at.pos, at.end, format!("error calling {name}: {message}")))
            }
        }
    }

    fn eval_arg(&mut self, arg: &Arg, dot: &Value) -> R<Value> {
        match &arg.kind {
            ArgKind::Dot => Ok(dot.clone()),
            ArgKind::Nil => Ok(Value::Nil),
            ArgKind::Bool(b) => Ok(Value::Bool(*b)),
            ArgKind::Number(n) => Ok(n.clone()),
            ArgKind::String(s) => Ok(Value::String(s.clone())),
            ArgKind::Field(chain) => self.eval_chain(dot.clone(), chain, &[], None, dot, arg),
            ArgKind::Variable(name, chain) => {
                let base = self.var(name, arg.pos)?;
                self.eval_chain(base, chain, &[], None, dot, arg)
            }
            ArgKind::Pipe(pipe, chain) => {
                self.enter(arg.pos)?;
                let base = self.eval_pipeline(pipe, dot)?;
                self.leave();
                self.eval_chain(base, chain, &[], None, dot, arg)
            }
            ArgKind::Function(name, func) => {
                let cmd = Command {
                    pos: arg.pos,
                    end: arg.end,
                    args: Vec::new(),
                };
                self.call_function((name, *func), arg, &[], None, dot, &cmd)
            }
        }
    }

    /// A call of function `name`, with what the parser found for it (`None`: a function the
    /// executor runs itself, [`super::parse::CONTROL_FUNCTIONS`]).
    fn call_function(
        &mut self,
        (name, func): (&str, Option<funcs::Func>),
        at: &Arg,
        args: &[Arg],
        last: Option<Value>,
        dot: &Value,
        cmd: &Command,
    ) -> R<Value> {
        let count = args.len() + usize::from(last.is_some());
        if let Some(func) = func {
            let mut values = Vec::with_capacity(count);
            for arg in args {
                values.push(self.eval_arg(arg, dot)?);
            }
            values.extend(last);
            return self.call_func(name, func, values, cmd);
        }
        match name {
            // Go 1.18+: `and` and `or` stop at the deciding argument and return it.
            "and" | "or" => {
                if count == 0 {
                    return Err(self.fail_at(
                        cmd.pos,
                        cmd.end,
                        format!("wrong number of args for {name}: want at least 1 got 0"),
                    ));
                }
                let decides = |v: &Value| {
                    if name == "and" {
                        !v.truthy()
                    } else {
                        v.truthy()
                    }
                };
                let mut value = Value::Nil;
                for arg in args {
                    value = self.eval_arg(arg, dot)?;
                    if decides(&value) {
                        return Ok(value);
                    }
                }
                Ok(last.unwrap_or(value))
            }
            "try" => self.try_call(args, last, dot, cmd),
            _ => {
                let mut values = Vec::with_capacity(count);
                for arg in args {
                    values.push(self.eval_arg(arg, dot)?);
                }
                values.extend(last);
                match name {
                    "not" => {
                        if values.len() != 1 {
                            return Err(self.fail_at(
                                cmd.pos,
                                cmd.end,
                                format!(
                                    "wrong number of args for not: want 1 got {}",
                                    values.len()
                                ),
                            ));
                        }
                        Ok(Value::Bool(!values[0].truthy()))
                    }
                    "partial" | "partials.Include" => self.partial("partial", &values, cmd),
                    "partialCached" | "partials.IncludeCached" => {
                        self.partial("partialCached", &values, cmd)
                    }
                    "templates.Exists" => {
                        let [name] = values.as_slice() else {
                            return Err(self.fail_at(
                                cmd.pos,
                                cmd.end,
                                format!(
                                    "wrong number of args for templates.Exists: want 1 got {}",
                                    values.len()
                                ),
                            ));
                        };
                        Ok(Value::Bool(self.set.exists(&name.to_go_string())))
                    }
                    "templates.Current" => {
                        if !values.is_empty() {
                            return Err(self.fail_at(
                                cmd.pos,
                                cmd.end,
                                format!(
                                    "wrong number of args for templates.Current: want 0 got {}",
                                    values.len()
                                ),
                            ));
                        }
                        Ok(TemplateInfo::current(&self.frames))
                    }
                    // Not reached: the parser resolves every other function.
                    _ => Err(self.fail_at(
                        at.pos,
                        at.end,
                        format!("function {name:?} not defined"),
                    )),
                }
            }
        }
    }

    /// A call of a function of the table ([`funcs::lookup`]) with its arguments' values.
    fn call_func(
        &mut self,
        name: &str,
        func: funcs::Func,
        mut values: Vec<Value>,
        cmd: &Command,
    ) -> R<Value> {
        if matches!(name, "apply" | "collections.Apply") {
            // One call of a function per item: each costs a step, as a `range` iteration does.
            if let Some(Value::List(items)) = values.first().map(|v| v.as_collection().into_owned())
            {
                for _ in 0..items.len() {
                    self.tick(cmd.pos)?;
                }
            }
        }
        if funcs::takes_collections(name) {
            for value in &mut values {
                if let Value::Object(object) = value {
                    if let Some(items) = object.items() {
                        *value = items;
                    }
                }
            }
        }
        func(self.ctx, &values).map_err(|message| match name.rsplit_once('.') {
            // A namespaced function is a method of Hugo's namespace object: Go points at the
            // chain and names the method (`at <math.Sqrt>: error calling Sqrt`, Hugo 0.168).
            Some((_, method)) if self.def.source.get(cmd.pos..cmd.pos + name.len()) == Some(name) => {
                self.fail_at(cmd.pos, cmd.pos + name.len(), format!("error calling {method}: {message}"))
            }
            _ => self.fail_at(cmd.pos, cmd.end, format!("error calling {name}: {message}")),
        })
    }

    /// Hugo's `try VALUE` (0.141+): VALUE's evaluation, with any error in it caught, as a
    /// `TryValue` whose `.Value` is what it gave and whose `.Err` says why it failed. As in
    /// Hugo (`texttemplate/hugo_template.go`), the error is the whole template error, placed
    /// where it happened. A run stopped by a limit stays stopped: that is not VALUE's error.
    #[inline(never)]
    fn try_call(&mut self, args: &[Arg], last: Option<Value>, dot: &Value, cmd: &Command) -> R<Value> {
        let count = args.len() + usize::from(last.is_some());
        if count != 1 {
            return Err(self.fail_at(
                cmd.pos,
                cmd.end,
                format!("wrong number of args for try: want 1 got {count}"),
            ));
        }
        let (nesting, call_depth, vars) = (self.nesting, self.call_depth, self.vars.len());
        let result = match (args.first(), last) {
            (Some(arg), _) => self.eval_arg(arg, dot),
            (None, Some(value)) => Ok(value),
            (None, None) => Ok(Value::Nil),
        };
        match result {
            Ok(value) => Ok(TryValue::value(value)),
            Err(fail) if self.exhausted => Err(fail),
            Err(fail) => {
                self.nesting = nesting;
                self.call_depth = call_depth;
                self.vars.truncate(vars);
                let error = super::place(&fail.def.source, &fail.def.file, fail.offset, fail.message, true);
                Ok(TryValue::error(error.to_string()))
            }
        }
    }

    /// Hugo's `partial NAME [CONTEXT]` and `partialCached NAME [CONTEXT [VARIANT…]]`: the
    /// partial runs in a fresh HTML context and its output is safe HTML, unless it
    /// `return`s a value. The cache key is the name and the variants, not the context.
    fn partial(&mut self, func: &str, values: &[Value], cmd: &Command) -> R<Value> {
        let Some(name) = values.first().and_then(Value::as_str) else {
            return Err(self.fail_at(
                cmd.pos,
                cmd.end,
                format!("error calling {func}: the partial name must be a string"),
            ));
        };
        let context = values.get(1).cloned().unwrap_or(Value::Nil);
        let cache_key = (func == "partialCached").then(|| {
            let mut key = name.to_string();
            for v in values.iter().skip(2) {
                key.push('\0');
                key.push_str(&v.to_go_string());
            }
            key
        });
        if let Some(hit) = cache_key.as_ref().and_then(|k| self.partial_cache.get(k)) {
            return Ok(hit.clone());
        }
        // A partial file, or an inline partial (`{{ define "partials/inline/x.html" }}`).
        let (def, file) = match self.set.partial(name) {
            Some(template) => (template.main.clone(), Some(template.clone())),
            None => {
                // `{{ define "partials/x.html" }}` or Hugo 0.146's `"_partials/x.html"`, found
                // by `partial "x.html"` and `partial "x"`.
                let bare = name
                    .strip_prefix("partials/")
                    .or_else(|| name.strip_prefix("_partials/"))
                    .unwrap_or(name);
                let stem = bare.strip_suffix(".html").unwrap_or(bare);
                let candidates = [
                    format!("partials/{bare}"),
                    format!("_partials/{bare}"),
                    format!("partials/{stem}.html"),
                    format!("_partials/{stem}.html"),
                ];
                let found = candidates.iter().find_map(|inline| {
                    self.local
                        .defines
                        .get(inline)
                        .or_else(|| self.set.define(inline))
                });
                match found {
                    Some(def) => (def.clone(), None),
                    None if self.set.partial_error(name).is_some() => {
                        let error = self.set.partial_error(name).map(ToString::to_string);
                        return Err(self.fail_at(
                            cmd.pos,
                            cmd.end,
                            format!(
                                "error calling {func}: partial {name:?} does not parse: {}",
                                error.unwrap_or_default()
                            ),
                        ));
                    }
                    None => {
                        return Err(self.fail_at(
                            cmd.pos,
                            cmd.end,
                            format!("error calling {func}: partial {name:?} not found"),
                        ))
                    }
                }
            }
        };
        self.call_depth += 1;
        if self.call_depth > self.limits.max_call_depth {
            return Err(self.fail_at(
                cmd.pos,
                cmd.end,
                format!(
                    "exceeded maximum template depth ({})",
                    self.limits.max_call_depth
                ),
            ));
        }
        self.enter(cmd.pos)?;
        let saved_out = std::mem::take(&mut self.out);
        let saved_esc = std::mem::replace(&mut self.esc, Escaper::new());
        let saved_vars = std::mem::replace(&mut self.vars, vec![("$".into(), context.clone())]);
        let saved_def = std::mem::replace(&mut self.def, def.clone());
        let saved_local = file.map(|t| std::mem::replace(&mut self.local, t));
        self.frames.push(hugo_partial_name(name).into());
        // The caller's state comes back whether the partial finished or failed: `try` may
        // catch the failure and go on.
        let flow = self.exec_list(&def.nodes, &context);
        self.frames.pop();
        let output = std::mem::replace(&mut self.out, saved_out);
        self.esc = saved_esc;
        self.vars = saved_vars;
        self.def = saved_def;
        if let Some(local) = saved_local {
            self.local = local;
        }
        self.leave();
        self.call_depth -= 1;
        let flow = flow?;
        let result = match flow {
            Flow::Return(value) => value,
            _ => Value::safe(SafeKind::Html, output),
        };
        if let Some(key) = cache_key {
            self.partial_cache.insert(key, result.clone());
        }
        Ok(result)
    }

    /// `{{ template "name" value }}`: the named definition runs with `value` as dot and `$`,
    /// writing into the same output (and HTML context).
    /// Go's escaper error for a missing template. Out of line: `call_template` is on the
    /// recursion path, and its frame must stay small.
    #[cold]
    #[inline(never)]
    fn no_such_template(&self, pos: Pos, name: &str) -> Box<Fail> {
        Box::new(Fail {
            def: self.def.clone(),
            offset: pos,
            message: format!("no such template {name:?}"),
            escaper: true,
        })
    }

    /// Go's error for a template call nested too deep, at the call
    /// (`at <{{template "r" .}}>`). Out of line, like [`Self::no_such_template`].
    #[cold]
    #[inline(never)]
    fn too_deep(&self, pos: Pos, name: &str, pipe: Option<&Pipeline>) -> Box<Fail> {
        let mut node = format!("{{{{template {name:?}");
        if let Some(pipe) = pipe {
            let end = pipe.cmds.last().map_or(pipe.pos, |c| c.end);
            let text = self.def.source.get(pipe.pos..end).unwrap_or("");
            node.push(' ');
            node.push_str(&text.split_whitespace().collect::<Vec<_>>().join(" "));
        }
        node.push_str("}}");
        let message = format!(
            "exceeded maximum template depth ({})",
            self.limits.max_call_depth
        );
        Box::new(Fail {
            def: self.def.clone(),
            offset: pos,
            message: format!("executing {:?} at <{node}>: {message}", &*self.def.name),
            escaper: false,
        })
    }

    fn call_template(
        &mut self,
        pos: Pos,
        name: &str,
        pipe: Option<&Pipeline>,
        dot: Value,
    ) -> R<()> {
        let def = self
            .local
            .defines
            .get(name)
            .or_else(|| self.set.define(name))
            .cloned();
        let Some(def) = def else {
            return Err(self.no_such_template(pos, name));
        };
        self.call_depth += 1;
        if self.call_depth > self.limits.max_call_depth {
            return Err(self.too_deep(pos, name, pipe));
        }
        self.enter(pos)?;
        let saved_vars = std::mem::replace(&mut self.vars, vec![("$".into(), dot.clone())]);
        let saved_def = std::mem::replace(&mut self.def, def.clone());
        let result = self.exec_list(&def.nodes, &dot);
        self.vars = saved_vars;
        self.def = saved_def;
        self.leave();
        self.call_depth -= 1;
        result.map(|_| ())
    }
}

/// Go's message when a member gets the wrong number of arguments, or `None`.
fn wrong_arity(arity: Arity, name: &str, got: usize) -> Option<String> {
    match arity {
        Arity::Field if got > 0 => Some(format!("{name} is not a method but has arguments")),
        Arity::Fixed(want) if got != want => Some(format!(
            "wrong number of args for {name}: want {want} got {got}"
        )),
        Arity::Variadic(least) if got < least => Some(format!(
            "wrong number of args for {name}: want at least {least} got {got}"
        )),
        _ => None,
    }
}

/// Where Go places a chain (`.Page.Title`, `$x.Foo`, `math.Sqrt`, `(…).Foo`) in its
/// messages: at the second link. `None` for anything else.
fn second_link(node: &str) -> Option<usize> {
    let bytes = node.as_bytes();
    match bytes.first()? {
        b'(' => {
            let mut depth = 0usize;
            let mut quoted = None;
            for (i, &b) in bytes.iter().enumerate() {
                match (quoted, b) {
                    (Some(q), _) if b == q && bytes.get(i.wrapping_sub(1)) != Some(&b'\\') => {
                        quoted = None
                    }
                    (Some(_), _) => {}
                    (None, b'"' | b'`' | b'\'') => quoted = Some(b),
                    (None, b'(') => depth += 1,
                    (None, b')') => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            return (bytes.get(i + 1) == Some(&b'.')).then_some(i + 1);
                        }
                    }
                    _ => {}
                }
            }
            None
        }
        b'.' | b'$' | b'_' | b'a'..=b'z' | b'A'..=b'Z' => {
            let word = node.split(|c: char| c.is_whitespace()).next()?;
            word[1..].find('.').map(|i| i + 1)
        }
        _ => None,
    }
}

/// Hugo's name for a template file: shortcodes in `_shortcodes/` (Hugo 0.146+ names them so
/// whichever folder they are in).
fn hugo_template_name(file: &str) -> String {
    match file.strip_prefix("shortcodes/") {
        Some(rest) => format!("_shortcodes/{rest}"),
        None => file.to_owned(),
    }
}

/// Hugo's name for the partial `partial NAME` runs: `_partials/NAME.html`.
fn hugo_partial_name(name: &str) -> String {
    let bare = name.strip_prefix("partials/").unwrap_or(name);
    if bare.contains('.') {
        format!("_partials/{bare}")
    } else {
        format!("_partials/{bare}.html")
    }
}

/// What `try` gives: Hugo's `template.TryValue`.
struct TryValue {
    value: Value,
    error: Option<Rc<str>>,
}

impl TryValue {
    fn value(value: Value) -> Value {
        Value::Object(Rc::new(TryValue { value, error: None }))
    }

    fn error(message: String) -> Value {
        Value::Object(Rc::new(TryValue {
            value: Value::Nil,
            error: Some(message.into()),
        }))
    }
}

impl Object for TryValue {
    fn type_name(&self) -> &str {
        "template.TryValue"
    }

    fn arity(&self, _name: &str) -> Arity {
        Arity::Field
    }

    fn get(&self, name: &str, _args: &[Value]) -> Result<Option<Value>, String> {
        Ok(Some(match name {
            "Value" => self.value.clone(),
            "Err" => Value::Object(Rc::new(TryError(self.error.clone()))),
            _ => return Ok(None),
        }))
    }
}

/// `.Err` of a `TryValue`: Hugo's `*template.TryError`, a nil pointer (false, printed
/// `<nil>`) when nothing failed.
struct TryError(Option<Rc<str>>);

impl Object for TryError {
    fn type_name(&self) -> &str {
        "*template.TryError"
    }

    fn arity(&self, name: &str) -> Arity {
        match name {
            "Error" => Arity::Fixed(0),
            _ => Arity::Field,
        }
    }

    fn get(&self, name: &str, _args: &[Value]) -> Result<Option<Value>, String> {
        let Some(message) = &self.0 else {
            return Err(format!("nil pointer evaluating *template.TryError.{name}"));
        };
        Ok(Some(match name {
            "Error" | "Err" | "Cause" => Value::from(&**message),
            _ => return Ok(None),
        }))
    }

    fn truthy(&self) -> bool {
        self.0.is_some()
    }

    fn display(&self) -> String {
        match &self.0 {
            Some(message) => message.to_string(),
            None => "<nil>".into(),
        }
    }
}

/// What `templates.Current` gives: Hugo's `tpl.CurrentTemplateInfo`, for the template being
/// run and, through `.Parent` and `.Ancestors`, the ones that called it. A shortcode is the
/// outermost the preview knows (Hugo's shortcode has the page's layout as its parent).
struct TemplateInfo {
    name: Rc<str>,
    parent: Option<Rc<TemplateInfo>>,
}

impl TemplateInfo {
    fn current(frames: &[Rc<str>]) -> Value {
        let mut info: Option<Rc<TemplateInfo>> = None;
        for name in frames {
            info = Some(Rc::new(TemplateInfo {
                name: name.clone(),
                parent: info,
            }));
        }
        info.map_or(Value::Nil, |info| Value::Object(info))
    }
}

impl Object for TemplateInfo {
    fn type_name(&self) -> &str {
        "*tpl.CurrentTemplateInfo"
    }

    fn arity(&self, name: &str) -> Arity {
        match name {
            "Name" | "Filename" => Arity::Field,
            _ => Arity::Fixed(0),
        }
    }

    fn get(&self, name: &str, _args: &[Value]) -> Result<Option<Value>, String> {
        Ok(Some(match name {
            "Name" => Value::from(&*self.name),
            // Hugo's is the path on disk; the preview's is the path in the project.
            "Filename" => Value::from(format!("layouts/{}", self.name)),
            "Parent" => match &self.parent {
                Some(parent) => Value::Object(parent.clone()),
                None => Value::Nil,
            },
            "Ancestors" => {
                let mut ancestors = Vec::new();
                let mut next = self.parent.clone();
                while let Some(info) = next {
                    next = info.parent.clone();
                    ancestors.push(Value::Object(info));
                }
                Value::list(ancestors)?
            }
            _ => return Ok(None),
        }))
    }
}
