//! The lists and maps inside template values: shared by reference count, as Go shares
//! slices and maps, and each carrying its nesting depth so that no value can nest deeper
//! than [`MAX_TEMPLATE_VALUE_DEPTH`].
//!
//! Why the depth is stored: `dict`, `slice`, `append`, `.Scratch.SetInMap` … keep their
//! arguments, so a loop like `{{ $x = dict "a" $x }}` nests a value one level per step, and
//! everything that walks a value (dropping it, printing it, `eq`, `jsonify`) recurses once
//! per level. Go's garbage collector and printer cope; a Rust stack does not (a value 90,000
//! levels deep aborted the process). Each list or map knows its depth, so building one costs
//! a look at its direct items only, never a walk of the whole value (which would make such a
//! loop quadratic), and one that would be too deep is an error instead of a value.

use super::value::{Map, Value};
use crate::limits::MAX_TEMPLATE_VALUE_DEPTH;
use std::fmt;
use std::ops::Deref;
use std::rc::Rc;

/// A list or map in a [`Value`]: cheap to clone (a reference count), read through `Deref`,
/// never deeper than [`MAX_TEMPLATE_VALUE_DEPTH`].
pub struct Shared<T>(Rc<Node<T>>);

struct Node<T> {
    /// 1 for a list or map of scalars, one more for each level of lists and maps inside.
    depth: u32,
    value: T,
}

/// A list or map would nest deeper than [`MAX_TEMPLATE_VALUE_DEPTH`]. Template functions
/// report it as their error (`error calling dict: …`), at the call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooDeep;

impl fmt::Display for TooDeep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "lists and maps would nest deeper than {MAX_TEMPLATE_VALUE_DEPTH} levels (a \
             preview's limit, MAX_TEMPLATE_VALUE_DEPTH)"
        )
    }
}

impl std::error::Error for TooDeep {}

/// Template functions return their errors as text.
impl From<TooDeep> for String {
    fn from(error: TooDeep) -> String {
        error.to_string()
    }
}

impl<T> Shared<T> {
    /// `value` holding items at most `items_depth` deep.
    fn new(value: T, items_depth: u32) -> Result<Shared<T>, TooDeep> {
        let depth = items_depth + 1;
        if depth as usize > MAX_TEMPLATE_VALUE_DEPTH {
            return Err(TooDeep);
        }
        Ok(Shared(Rc::new(Node { depth, value })))
    }

    /// 1 for a list or map of scalars, one more for each level of lists and maps inside.
    pub fn depth(&self) -> usize {
        self.0.depth as usize
    }

}

impl Shared<Vec<Value>> {
    /// A list of `items`; an error if it would nest too deep.
    pub fn list(items: Vec<Value>) -> Result<Shared<Vec<Value>>, TooDeep> {
        let depth = items.iter().map(Value::depth).max().unwrap_or(0);
        Shared::new(items, depth as u32)
    }
}

impl Shared<Vec<Value>> {
    /// The items of `base` (none if `None`) followed by `more`, as `append` builds it. The
    /// depth comes from `base`'s own and `more`'s items: accumulating a list item by item
    /// (`{{ $l = $l | append $x }}`) takes no second pass over the copied items.
    pub fn appended(base: Option<&Shared<Vec<Value>>>, more: &[Value]) -> Result<Self, TooDeep> {
        let base_items_depth = base.map_or(0, |base| base.0.depth - 1);
        let more_depth = more.iter().map(Value::depth).max().unwrap_or(0) as u32;
        let mut items = Vec::with_capacity(base.map_or(0, |base| base.len()) + more.len());
        if let Some(base) = base {
            items.extend_from_slice(base);
        }
        items.extend_from_slice(more);
        Shared::new(items, base_items_depth.max(more_depth))
    }
}

impl Shared<Map> {
    /// A map of `map`; an error if it would nest too deep.
    pub fn map(map: Map) -> Result<Shared<Map>, TooDeep> {
        let depth = map.values().map(Value::depth).max().unwrap_or(0);
        Shared::new(map, depth as u32)
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Shared<T> {
        Shared(self.0.clone())
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0.value
    }
}

impl<T> AsRef<T> for Shared<T> {
    fn as_ref(&self) -> &T {
        &self.0.value
    }
}

impl<T: PartialEq> PartialEq for Shared<T> {
    fn eq(&self, other: &Shared<T>) -> bool {
        self.0.value == other.0.value
    }
}

impl<T: fmt::Debug> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.value.fmt(f)
    }
}
