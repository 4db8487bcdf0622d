//! Template values: what Go's `text/template` passes around as `any`, reduced to the kinds
//! Hugo's templates meet.
//!
//! Values are cheap to clone (strings, lists and maps are reference-counted). Objects
//! (`.Page`, `.Site`, the shortcode context, …) answer field and method lookups through the
//! [`Object`] trait, so the engine knows nothing about Hugo's types.

use super::shared::{Shared, TooDeep};
use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;

/// Content that `html/template` trusts in one context (Go's `template.HTML`, `HTMLAttr`,
/// `URL`, `CSS`, `JS`): inserted without escaping there, escaped elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SafeKind {
    Html,
    HtmlAttr,
    Url,
    Css,
    Js,
}

/// A map as templates see it: string keys, iterated in sorted key order (as `range` does).
pub type Map = BTreeMap<String, Value>;

/// Which of Go's integer types an integer has. Only printf's `%T` (and messages naming a
/// type) tells them apart: arithmetic, comparison and printing treat them alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntType {
    /// `int`: template constants, `len`, `seq`, `range` indexes, Hugo's counts and positions.
    Int,
    /// `int64`: what Hugo's arithmetic (`add`, `sub`, `mul`, `div`, `mod`) returns for
    /// integers, and a time's `Unix`.
    Int64,
    /// `time.Month`, a time's `Month`: an `int` whose `String()` is its English name, so
    /// it prints as `March` (`%d` gives 3; arithmetic gives an `int64`).
    Month,
    /// `uint64`: a YAML front matter's or config's non-negative integer. Stored as its bits:
    /// arithmetic with it is unsigned, as Hugo's `DoArithmetic` does (`sub 4 10` wraps).
    Uint64,
    /// `uint8`: a byte, what `index` of a string gives.
    Uint8,
}

impl IntType {
    /// Whether the value's bits are read as unsigned.
    pub fn is_unsigned(self) -> bool {
        matches!(self, IntType::Uint64 | IntType::Uint8)
    }

    /// The mathematical value of an integer of this type stored as `bits`.
    pub fn value_of(self, bits: i64) -> i128 {
        if self.is_unsigned() {
            i128::from(bits as u64)
        } else {
            i128::from(bits)
        }
    }
}

pub use crate::rules::time::month_name;

/// Which integer types a decoded tree's numbers get: what the format's Go decoder gives
/// Hugo (checked with Hugo 0.168: `printf "%T" .Params.n`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberStyle {
    /// `int` (trees that are not a page's or a site's own).
    Int,
    /// TOML (go-toml): `int64`.
    Int64,
    /// YAML: `uint64` when not negative, else `int64`.
    Yaml,
    /// JSON (`encoding/json`): every number a `float64` (`1000000` prints as `1e+06`).
    Float,
}

/// One template value.
#[derive(Clone, Default)]
pub enum Value {
    /// Go's `nil` (also a missing map key).
    #[default]
    Nil,
    Bool(bool),
    /// An integer and its Go type (always within `i64`).
    Int(i64, IntType),
    Float(f64),
    String(Rc<str>),
    /// A string marked safe for one context.
    Safe(SafeKind, Rc<str>),
    /// Lists and maps are at most [`crate::limits::MAX_TEMPLATE_VALUE_DEPTH`] deep.
    List(Shared<Vec<Value>>),
    Map(Shared<Map>),
    /// A Hugo object with fields and methods.
    Object(Rc<dyn Object>),
}

/// A value with fields and methods: `.Page`, `.Site`, the shortcode context, a page's
/// `.File`, … `name` is the field or method name as written (`Title`, `Param`), `args` the
/// arguments of a method call (empty for a field).
/// What a member of an [`Object`] accepts, as Go's `reflect` would see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arity {
    /// A struct field: no arguments (`NAME is not a method but has arguments`).
    Field,
    /// A method with exactly this many arguments.
    Fixed(usize),
    /// A method with at least this many arguments.
    Variadic(usize),
}

pub trait Object {
    /// The Go type name, for messages (`page.Page`, `*hugolib.ShortcodeWithPage`).
    fn type_name(&self) -> &str;
    /// `Ok(None)` when there is no such field or method (the engine reports
    /// `can't evaluate field NAME in type TYPE`).
    fn get(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String>;
    /// [`Object::get`] with the page being rendered at hand, for members that need what only
    /// the render has (`.Page.RenderString` colours code with its highlighter). The engine
    /// reads members through this; it is `get` unless an object says otherwise.
    fn get_with_host(
        &self,
        name: &str,
        args: &[Value],
        _host: &dyn super::funcs::Host,
    ) -> Result<Option<Value>, String> {
        self.get(name, args)
    }
    /// How many arguments `name` takes, checked by the engine before `get` is called, with
    /// Go's messages. Unchecked unless an object says otherwise.
    fn arity(&self, _name: &str) -> Arity {
        Arity::Variadic(0)
    }
    /// Truthiness: objects are non-nil pointers, so true unless overridden.
    fn truthy(&self) -> bool {
        true
    }
    /// Whether member `name` gives the same answer to every execution that sees this object
    /// through the same path from the same dot. False for what differs between two calls
    /// that are otherwise the same (where a call is, state shared between calls): an
    /// execution that reads one is never reused for another call
    /// ([`Usage::impure`](super::Usage::impure)). Pure unless an object says otherwise.
    fn is_pure(&self, _name: &str) -> bool {
        true
    }
    /// For a Go slice or map type with methods (`resource.Resources`, `url.Values`): its
    /// items as a list or map, which `range`, `len`, `index` and the collection functions
    /// (`first`, `where`, `sort`, …) go through. `None` for other objects.
    fn items(&self) -> Option<Value> {
        None
    }
    /// How `{{ . }}` prints the object.
    fn display(&self) -> String {
        format!("&{{{}}}", self.type_name())
    }
    /// The object itself, for a function that takes only its own kind (`resources.Copy`
    /// takes a resource). `None` unless an object says otherwise.
    fn as_any(&self) -> Option<&dyn std::any::Any> {
        None
    }
}

impl Value {
    pub fn string(s: impl Into<Rc<str>>) -> Value {
        Value::String(s.into())
    }

    /// A Go `int`.
    pub fn int(i: i64) -> Value {
        Value::Int(i, IntType::Int)
    }

    /// A Go `int64`.
    pub fn int64(i: i64) -> Value {
        Value::Int(i, IntType::Int64)
    }

    pub fn safe(kind: SafeKind, s: impl Into<Rc<str>>) -> Value {
        Value::Safe(kind, s.into())
    }

    /// A list; an error if it would nest deeper than the limit.
    pub fn list(items: Vec<Value>) -> Result<Value, TooDeep> {
        Shared::list(items).map(Value::List)
    }

    /// A map; an error if it would nest deeper than the limit.
    pub fn map(map: Map) -> Result<Value, TooDeep> {
        Shared::map(map).map(Value::Map)
    }

    /// The value as a collection: a list-like or map-like object's items
    /// ([`Object::items`]), anything else as it is.
    pub fn as_collection(&self) -> std::borrow::Cow<'_, Value> {
        match self {
            Value::Object(object) => match object.items() {
                Some(items) => std::borrow::Cow::Owned(items),
                None => std::borrow::Cow::Borrowed(self),
            },
            other => std::borrow::Cow::Borrowed(other),
        }
    }

    /// Levels of lists and maps: 0 for anything else (objects too), 1 for a list or map of
    /// those, and so on.
    pub fn depth(&self) -> usize {
        match self {
            Value::List(items) => items.depth(),
            Value::Map(map) => map.depth(),
            _ => 0,
        }
    }

    /// Go's truth for `if`, `with`, `and`, `or`, `not`: false, 0, nil, and empty strings,
    /// lists and maps are false.
    pub fn truthy(&self) -> bool {
        match self {
            Value::Nil => false,
            Value::Bool(b) => *b,
            Value::Int(i, _) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::String(s) | Value::Safe(_, s) => !s.is_empty(),
            Value::List(items) => !items.is_empty(),
            Value::Map(map) => !map.is_empty(),
            Value::Object(object) => object.truthy(),
        }
    }

    /// The string inside a string or safe string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) | Value::Safe(_, s) => Some(s),
            _ => None,
        }
    }

    /// Go's type name for messages (`string`, `int`, `float64`, `[]interface {}`,
    /// `map[string]interface {}`, `template.HTML`, …).
    pub fn type_name(&self) -> String {
        match self {
            Value::Nil => "<nil>".into(),
            Value::Bool(_) => "bool".into(),
            Value::Int(_, IntType::Int) => "int".into(),
            Value::Int(_, IntType::Int64) => "int64".into(),
            Value::Int(_, IntType::Month) => "time.Month".into(),
            Value::Int(_, IntType::Uint64) => "uint64".into(),
            Value::Int(_, IntType::Uint8) => "uint8".into(),
            Value::Float(_) => "float64".into(),
            Value::String(_) => "string".into(),
            Value::Safe(kind, _) => match kind {
                SafeKind::Html => "template.HTML",
                SafeKind::HtmlAttr => "template.HTMLAttr",
                SafeKind::Url => "template.URL",
                SafeKind::Css => "template.CSS",
                SafeKind::Js => "template.JS",
            }
            .into(),
            Value::List(_) => "[]interface {}".into(),
            Value::Map(_) => "map[string]interface {}".into(),
            Value::Object(object) => object.type_name().into(),
        }
    }

    /// From a decoded front matter or config tree, with the integer type its format's Go
    /// decoder gives ([`NumberStyle`]).
    pub fn from_decoded(value: &serde_json::Value, style: NumberStyle) -> Value {
        Value::from_json_styled(value, crate::limits::MAX_TEMPLATE_VALUE_DEPTH, style)
    }

    /// From a decoded front matter or config tree. Those are at most
    /// [`crate::limits::MAX_FRONT_MATTER_DEPTH`] deep; levels beyond
    /// [`crate::limits::MAX_TEMPLATE_VALUE_DEPTH`] (only a tree from elsewhere could have
    /// them) become nil, and the walk stops there.
    pub fn from_json(value: &serde_json::Value) -> Value {
        Value::from_json_styled(
            value,
            crate::limits::MAX_TEMPLATE_VALUE_DEPTH,
            NumberStyle::Int,
        )
    }

    /// `value` as lists and maps at most `depth` deep.
    fn from_json_styled(value: &serde_json::Value, depth: usize, style: NumberStyle) -> Value {
        let inner = depth.saturating_sub(1);
        match value {
            serde_json::Value::Array(_) | serde_json::Value::Object(_) if depth == 0 => Value::Nil,
            serde_json::Value::Null => Value::Nil,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => match (style, n.as_i64(), n.as_u64()) {
                (NumberStyle::Float, _, _) | (_, None, None) => {
                    Value::Float(n.as_f64().unwrap_or(0.0))
                }
                (NumberStyle::Int, Some(i), _) => Value::int(i),
                (NumberStyle::Int64, Some(i), _) => Value::int64(i),
                (NumberStyle::Yaml, Some(i), _) if i < 0 => Value::int64(i),
                (_, _, Some(u)) => Value::Int(u as i64, IntType::Uint64),
                (_, Some(i), None) => Value::int64(i),
            },
            serde_json::Value::String(s) => Value::string(s.as_str()),
            // Within `depth` by construction, so never the error.
            serde_json::Value::Array(items) => Value::list(
                items
                    .iter()
                    .map(|v| Value::from_json_styled(v, inner, style))
                    .collect(),
            )
            .unwrap_or_default(),
            serde_json::Value::Object(map) => Value::map(crate::sorted::map(
                map.iter()
                    .map(|(k, v)| (k.clone(), Value::from_json_styled(v, inner, style))),
            ))
            .unwrap_or_default(),
        }
    }

    /// How Go's `fmt.Sprint` prints the value (`{{ . }}` before escaping): `<nil>`,
    /// `true`, `42`, `1.5`, `1e+21`, `[a b]`, `map[k:v]`.
    pub fn to_go_string(&self) -> String {
        let mut out = String::new();
        self.write_go(&mut out, 0);
        out
    }

    fn write_go(&self, out: &mut String, depth: usize) {
        if depth > crate::limits::MAX_FRONT_MATTER_DEPTH {
            out.push_str("...");
            return;
        }
        match self {
            Value::Nil => out.push_str("<nil>"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(i, IntType::Month) => out.push_str(&month_name(*i)),
            Value::Int(i, ty) => out.push_str(&ty.value_of(*i).to_string()),
            Value::Float(f) => out.push_str(&crate::rules::float::shortest(*f)),
            Value::String(s) | Value::Safe(_, s) => out.push_str(s),
            Value::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    item.write_go(out, depth + 1);
                }
                out.push(']');
            }
            Value::Map(map) => {
                out.push_str("map[");
                for (i, (key, value)) in map.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    out.push_str(key);
                    out.push(':');
                    value.write_go(out, depth + 1);
                }
                out.push(']');
            }
            Value::Object(object) => out.push_str(&object.display()),
        }
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Object(object) => write!(f, "Object({})", object.type_name()),
            Value::String(s) => write!(f, "{s:?}"),
            Value::Safe(kind, s) => write!(f, "{kind:?}({s:?})"),
            other => write!(f, "{}", other.to_go_string()),
        }
    }
}

impl PartialEq for Value {
    /// Structural equality; objects are equal when they are the same object.
    fn eq(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Nil, Value::Nil) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            // Go's `eq` compares integers of any type by value, and so does Hugo.
            (Value::Int(a, _), Value::Int(b, _)) => a == b,
            (Value::Float(a), Value::Float(b)) => a == b,
            (Value::String(a), Value::String(b)) => a == b,
            (Value::Safe(ka, a), Value::Safe(kb, b)) => ka == kb && a == b,
            (Value::List(a), Value::List(b)) => a == b,
            (Value::Map(a), Value::Map(b)) => a == b,
            (Value::Object(a), Value::Object(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::string(s)
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::string(s)
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Value {
        Value::int(i)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truth_follows_go() {
        assert!(!Value::Nil.truthy());
        assert!(!Value::from("").truthy());
        assert!(!Value::int(0).truthy());
        assert!(!Value::list(vec![]).unwrap().truthy());
        assert!(Value::from("x").truthy());
        assert!(Value::Float(0.5).truthy());
    }

    #[test]
    fn prints_as_go_prints() {
        let v = Value::from_json(&serde_json::json!({"b": [1, "x", true], "a": null, "f": 1.5}));
        assert_eq!(v.to_go_string(), "map[a:<nil> b:[1 x true] f:1.5]");
    }
}
