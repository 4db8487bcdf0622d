//! Hugo's scratch pad (`common/hstore`): the one mutable value templates have.

use super::funcs::want_args;
use super::shared::Shared;
use super::value::{Arity, Map, Object, Value};
use std::cell::RefCell;

/// Hugo's `hstore.Scratch` (`.Scratch`, `.Store`, `newScratch`, `hugo.Store`): a mutable map
/// for one shortcode call, one page render, or whatever a template keeps it for.
#[derive(Default)]
pub struct Scratch(RefCell<Map>);

impl Scratch {
    /// `.Add`: numbers add, strings concatenate, a list gets the value appended (a list
    /// value: all its items); a missing key is set.
    fn add(existing: Option<&Value>, value: &Value) -> Result<Value, String> {
        Ok(match (existing, value) {
            (None | Some(Value::Nil), _) => value.clone(),
            (Some(Value::List(items)), Value::List(more)) => {
                Value::List(Shared::appended(Some(items), more)?)
            }
            (Some(Value::List(items)), _) => {
                Value::List(Shared::appended(Some(items), std::slice::from_ref(value))?)
            }
            // Anything else is Hugo's `DoArithmetic`, as `add`: numbers (an int64 for two
            // ints), two strings joined, else `can't apply the operator to the values`.
            (Some(a), b) => super::funcs::add_values(a, b)?,
        })
    }
}

/// Dropping a scratch pad drops what it holds, and that may hold other pads: nested calls
/// can chain them (`{{ .Parent.Scratch.Set "child" (dict "a" … .Scratch) }}`), one link per
/// level of shortcode nesting, each a value up to [`MAX_TEMPLATE_VALUE_DEPTH`] deep, and a
/// recursive drop of the chain overflowed a 1 MB stack 10 links deep. So a pad dropped while
/// another one's contents are being dropped only queues its own, and the outermost drop
/// drops them one after another: the stack holds one value at a time.
///
/// [`MAX_TEMPLATE_VALUE_DEPTH`]: crate::limits::MAX_TEMPLATE_VALUE_DEPTH
impl Drop for Scratch {
    fn drop(&mut self) {
        thread_local! {
            /// The contents waiting to be dropped; `Some` while a drop is under way.
            static QUEUED: RefCell<Option<Vec<Map>>> = const { RefCell::new(None) };
        }
        let contents = std::mem::take(self.0.get_mut());
        if contents.is_empty() {
            return;
        }
        let outermost = QUEUED.with(|queued| match &mut *queued.borrow_mut() {
            Some(queue) => {
                queue.push(contents);
                None
            }
            idle @ None => {
                *idle = Some(Vec::new());
                Some(contents)
            }
        });
        let Some(mut next) = outermost else {
            return;
        };
        loop {
            // No borrow is held here: dropping `next` may queue more.
            drop(next);
            match QUEUED.with(|queued| queued.borrow_mut().as_mut().and_then(Vec::pop)) {
                Some(more) => next = more,
                None => break,
            }
        }
        QUEUED.with(|queued| *queued.borrow_mut() = None);
    }
}

impl Object for Scratch {
    fn type_name(&self) -> &str {
        "*hstore.Scratch"
    }

    fn arity(&self, name: &str) -> Arity {
        match name {
            "Get" | "Delete" | "GetSortedMapValues" => Arity::Fixed(1),
            "Set" | "Add" | "DeleteInMap" => Arity::Fixed(2),
            "SetInMap" => Arity::Fixed(3),
            _ => Arity::Fixed(0),
        }
    }

    /// State shared between calls: what a read gives depends on the calls before it.
    fn is_pure(&self, _name: &str) -> bool {
        false
    }

    fn get(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String> {
        let key = |i: usize| args.get(i).map(Value::to_go_string).unwrap_or_default();
        let mut map = self.0.borrow_mut();
        Ok(Some(match name {
            "Get" => {
                want_args(name, args, 1)?;
                map.get(&key(0)).cloned().unwrap_or(Value::Nil)
            }
            "Set" => {
                want_args(name, args, 2)?;
                map.insert(key(0), args[1].clone());
                Value::from("")
            }
            "Add" => {
                want_args(name, args, 2)?;
                let sum = Scratch::add(map.get(&key(0)), &args[1])?;
                map.insert(key(0), sum);
                Value::from("")
            }
            "Delete" => {
                want_args(name, args, 1)?;
                map.remove(&key(0));
                Value::from("")
            }
            "SetInMap" => {
                want_args(name, args, 3)?;
                let mut inner = match map.get(&key(0)) {
                    Some(Value::Map(inner)) => inner.as_ref().clone(),
                    _ => Map::new(),
                };
                inner.insert(key(1), args[2].clone());
                map.insert(key(0), Value::map(inner)?);
                Value::from("")
            }
            "DeleteInMap" => {
                want_args(name, args, 2)?;
                if let Some(Value::Map(inner)) = map.get(&key(0)) {
                    let mut inner = inner.as_ref().clone();
                    inner.remove(&key(1));
                    map.insert(key(0), Value::map(inner)?);
                }
                Value::from("")
            }
            "GetSortedMapValues" => {
                want_args(name, args, 1)?;
                match map.get(&key(0)) {
                    Some(Value::Map(inner)) => Value::list(inner.values().cloned().collect())?,
                    _ => Value::Nil,
                }
            }
            "Values" => Value::map(map.clone())?,
            _ => return Ok(None),
        }))
    }
}

