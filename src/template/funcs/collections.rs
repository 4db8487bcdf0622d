//! Lists and maps (Hugo's `tpl/collections`): `dict`, `slice`, `append`, `merge`, `first`,
//! `last`, `after`, `in`, `isset`, `seq`, `where`, `sort`, `uniq`, `delimit`, `union`,
//! `intersect`, `complement`, `symdiff`, `collections.Reverse`, `querify`.

use super::cast::{to_int, to_string};
use super::compare::{compare, equal, number_order};
use super::{want_args, want_at_least, want_between, FuncContext};
use crate::template::value::{Map, Value};
use crate::template::{Shared, TooDeep};
use std::cmp::Ordering;

/// Longest list `seq` builds (Hugo's own limit).
const MAX_SEQ_LEN: i64 = 2000;

/// Largest list `append` and the set functions build: stops a template loop from doubling a
/// list until memory runs out.
const MAX_LIST_LEN: usize = 100_000;

fn cannot_iterate(value: &Value) -> String {
    match value {
        Value::Nil => "can't iterate over a nil value".into(),
        other => format!("can't iterate over {}", other.type_name()),
    }
}

fn items_of(value: &Value) -> Result<&[Value], String> {
    match value {
        Value::List(items) => Ok(items),
        other => Err(cannot_iterate(other)),
    }
}

fn check_len(len: usize) -> Result<(), String> {
    if len > MAX_LIST_LEN {
        Err(format!(
            "the list would have {len} items; a preview builds at most {MAX_LIST_LEN}"
        ))
    } else {
        Ok(())
    }
}

/// `dict KEY VALUE …`.
pub(super) fn dict(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    if args.len() % 2 != 0 {
        return Err("invalid dictionary call".into());
    }
    let mut map = Map::new();
    for pair in args.chunks(2) {
        match &pair[0] {
            Value::String(key) => {
                map.insert(key.to_string(), pair[1].clone());
            }
            _ => return Err("dictionary keys must be strings".into()),
        }
    }
    Ok(Value::map(map)?)
}

/// `slice A B …`: a list of the arguments.
pub(super) fn slice(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    Ok(Value::list(args.to_vec())?)
}

/// `append ITEM… LIST` (usually `$list | append $item`): the items added at the end. A lone
/// list item is spread (`append (slice 3 4) $list`), as in Hugo; a nil LIST starts a new one.
pub(super) fn append(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    if args.len() < 2 {
        return Err("need at least 2 arguments to append".into());
    }
    let (to, from) = args.split_last().unwrap_or((&Value::Nil, &[]));
    let base = match to {
        Value::List(items) => Some(items),
        Value::Nil => None,
        other => return Err(format!("expected a slice, got {}", other.type_name())),
    };
    let more: &[Value] = match from {
        [Value::List(items)] => items,
        items => items,
    };
    check_len(base.map_or(0, |base| base.len()) + more.len())?;
    Ok(Value::List(Shared::appended(base, more)?))
}

/// `merge MAP… MAP`: maps merged from the last to the first; a key in a later map wins,
/// nested maps merge too.
pub(super) fn merge(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    if args.len() < 2 {
        return Err("merge requires at least two parameters".into());
    }
    let (last, rest) = args.split_last().unwrap_or((&Value::Nil, &[]));
    let mut result = match last {
        Value::Map(map) => (**map).clone(),
        other => return Err(format!("merge: expected a map, got {}", other.type_name())),
    };
    for source in rest.iter().rev() {
        let Value::Map(source) = source else {
            return Err(format!("merge: expected a map, got {}", source.type_name()));
        };
        merge_into(&mut result, source, 0)?;
    }
    Ok(Value::map(result)?)
}

/// Adds the keys of `source` that `destination` lacks (case-insensitively, as Hugo compares
/// keys), merging maps found under the same key.
fn merge_into(destination: &mut Map, source: &Map, depth: usize) -> Result<(), TooDeep> {
    for (key, value) in source {
        let existing = destination
            .keys()
            .find(|k| k.eq_ignore_ascii_case(key))
            .cloned();
        match existing {
            None => {
                destination.insert(key.clone(), value.clone());
            }
            Some(existing) => {
                if depth >= crate::limits::MAX_FRONT_MATTER_DEPTH {
                    continue;
                }
                if let (Some(Value::Map(d)), Value::Map(s)) = (destination.get(&existing), value) {
                    let mut merged = (**d).clone();
                    merge_into(&mut merged, s, depth + 1)?;
                    destination.insert(existing, Value::map(merged)?);
                }
            }
        }
    }
    Ok(())
}

/// `first`, `last`: the count (0 gives an empty result), then a list or string.
fn count_and_sequence(args: &[Value]) -> Result<(usize, &Value), String> {
    if matches!(args[0], Value::Nil) || matches!(args[1], Value::Nil) {
        return Err("both limit and seq must be provided".into());
    }
    let n = to_int(&args[0])?;
    if n < 0 {
        return Err("sequence length must be non-negative".into());
    }
    match &args[1] {
        Value::List(_) | Value::String(_) | Value::Safe(..) => {}
        other => return Err(cannot_iterate(other)),
    }
    Ok((usize::try_from(n).unwrap_or(usize::MAX), &args[1]))
}

/// A sub-range of a list, or of a string's bytes (Go slices strings by byte; a cut inside a
/// multi-byte character keeps the whole character here rather than producing invalid UTF-8).
fn sub_sequence(seq: &Value, start: usize, end: usize) -> Result<Value, TooDeep> {
    Ok(match seq {
        Value::List(items) => Value::list(items[start..end].to_vec())?,
        Value::String(s) | Value::Safe(_, s) => {
            let mut from = start;
            while !s.is_char_boundary(from) {
                from -= 1;
            }
            let mut to = end;
            while !s.is_char_boundary(to) {
                to += 1;
            }
            Value::from(&s[from..to])
        }
        _ => Value::Nil,
    })
}

fn sequence_len(seq: &Value) -> usize {
    match seq {
        Value::List(items) => items.len(),
        Value::String(s) | Value::Safe(_, s) => s.len(),
        _ => 0,
    }
}

/// `first N LIST`.
pub(super) fn first(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("first", args, 2)?;
    let (n, seq) = count_and_sequence(args)?;
    Ok(sub_sequence(seq, 0, n.min(sequence_len(seq)))?)
}

/// `last N LIST`.
pub(super) fn last(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("last", args, 2)?;
    let (n, seq) = count_and_sequence(args)?;
    let len = sequence_len(seq);
    Ok(sub_sequence(seq, len - n.min(len), len)?)
}

/// `after N LIST`: the items after the first N.
pub(super) fn after(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("after", args, 2)?;
    if matches!(args[0], Value::Nil) || matches!(args[1], Value::Nil) {
        return Err("both limit and seq must be provided".into());
    }
    let n = to_int(&args[0])?;
    if n < 0 {
        return Err(format!("sequence bounds out of range [{n}:]"));
    }
    let seq = &args[1];
    if !matches!(seq, Value::List(_) | Value::String(_) | Value::Safe(..)) {
        return Err(cannot_iterate(seq));
    }
    let len = sequence_len(seq);
    let n = usize::try_from(n).unwrap_or(usize::MAX);
    if n >= len {
        return Ok(match seq {
            Value::List(_) => Value::list(Vec::new())?,
            _ => Value::from(""),
        });
    }
    Ok(sub_sequence(seq, n, len)?)
}

/// Hugo's element comparison for `in`, `uniq`, `union`, `complement`, `symdiff`, `where …
/// in`: strings with strings (a `template.HTML` only with another of its kind: Hugo's
/// `normalize` keeps the Go type, so `in (slice (safeHTML "a")) "a"` is false), numbers by exact value across int and
/// float (Hugo 0.168: `uniq (slice 1 1.0)` is `[1]`, but 9007199254740993 and
/// 9007199254740992.0 stay apart).
fn same_item(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Safe(kx, x), Value::Safe(ky, y)) => kx == ky && x == y,
        (Value::String(_), Value::Safe(..)) | (Value::Safe(..), Value::String(_)) => false,
        (Value::Int(..) | Value::Float(_), Value::Int(..) | Value::Float(_)) => {
            number_order(a, b) == Some(Ordering::Equal)
        }
        (Value::Nil, _) | (_, Value::Nil) => false,
        _ => equal(a, b),
    }
}

/// Hugo's `In`: an item of a list, or else a substring of the collection cast to a string,
/// the item cast too (`in "a1b" 1` and `in 123 2` are true); nothing is in nil, and nil is
/// in nothing.
fn contains(collection: &Value, item: &Value) -> bool {
    match (collection, item) {
        (Value::Nil, _) | (_, Value::Nil) => false,
        (Value::List(items), _) => items.iter().any(|x| same_item(x, item)),
        _ => match (to_string(collection), to_string(item)) {
            (Ok(text), Ok(sub)) => text.contains(&sub),
            _ => false,
        },
    }
}

/// `in LIST ITEM` (or `in STRING SUBSTRING`).
pub(super) fn in_(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("in", args, 2)?;
    Ok(Value::Bool(contains(&args[0], &args[1])))
}

/// `isset COLLECTION KEY`: a map has the key (case-insensitively, as Hugo's params), a list
/// is longer than the index. Anything else is false.
pub(super) fn isset(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("isset", args, 2)?;
    let set = match (&args[0], &args[1]) {
        (Value::Map(map), Value::String(key)) => map.keys().any(|k| k.eq_ignore_ascii_case(key)),
        // Go compares `len > key`, so a negative index is "set".
        (Value::List(items), Value::Int(i, _)) => (items.len() as i64) > *i,
        _ => false,
    };
    Ok(Value::Bool(set))
}

/// `seq LAST`, `seq FIRST LAST`, `seq FIRST INCREMENT LAST` (GNU seq's order).
pub(super) fn seq(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    if args.is_empty() || args.len() > 3 {
        return Err("invalid number of arguments to Seq".into());
    }
    let ints: Result<Vec<i64>, String> = args.iter().map(to_int).collect();
    let ints = ints.map_err(|_| "invalid arguments to Seq".to_string())?;
    let (first, increment, last) = match ints[..] {
        [last] => match last.cmp(&0) {
            Ordering::Equal => return Ok(Value::list(Vec::new())?),
            Ordering::Greater => (1, 1, last),
            Ordering::Less => (-1, -1, last),
        },
        [first, last] => (first, if last < first { -1 } else { 1 }, last),
        [first, increment, last] => {
            if increment == 0 {
                return Err("'increment' must not be 0".into());
            }
            if first < last && increment < 0 {
                return Err("'increment' must be > 0".into());
            }
            if first > last && increment > 0 {
                return Err("'increment' must be < 0".into());
            }
            (first, increment, last)
        }
        _ => return Err("invalid arguments to Seq".into()),
    };
    if last < -100_000 {
        return Err("size of result exceeds limit".into());
    }
    let size = (i128::from(last) - i128::from(first)) / i128::from(increment) + 1;
    if size <= 0 || size > i128::from(MAX_SEQ_LEN) {
        return Err("size of result exceeds limit".into());
    }
    let items = (0..size as i64)
        .map(|i| Value::int(first + i * increment))
        .collect();
    Ok(Value::list(items)?)
}

/// A value's field or key path (`Params.tags`, `.title`): maps by key (case-insensitively
/// when the exact key is absent), objects by field or method.
fn field_path(ctx: &FuncContext, value: &Value, path: &str) -> Result<Value, String> {
    let mut current = value.clone();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        current = match &current {
            Value::Map(map) => map
                .get(part)
                .or_else(|| {
                    map.iter()
                        .find(|(k, _)| k.eq_ignore_ascii_case(part))
                        .map(|(_, v)| v)
                })
                .cloned()
                .unwrap_or(Value::Nil),
            Value::Object(object) => ctx
                .member(object.as_ref(), part, &[])?
                .unwrap_or(Value::Nil),
            _ => Value::Nil,
        };
    }
    Ok(current)
}

/// Hugo's `checkCondition` for one item of `where`.
fn check_condition(value: &Value, operator: &str, matched: &Value) -> Result<bool, String> {
    let value_nil = matches!(value, Value::Nil);
    let match_nil = matches!(matched, Value::Nil);
    match operator {
        "" | "=" | "==" | "eq" | "!=" | "<>" | "ne" => {
            let is_eq = matches!(operator, "" | "=" | "==" | "eq");
            if value_nil || match_nil {
                return Ok((value_nil == match_nil) == is_eq);
            }
            let comparable = match (value, matched) {
                (Value::Int(..) | Value::Float(_), Value::Int(..) | Value::Float(_)) => {
                    Some(number_order(value, matched) == Some(Ordering::Equal))
                }
                (Value::String(_) | Value::Safe(..), Value::String(_) | Value::Safe(..)) => {
                    Some(value.as_str() == matched.as_str())
                }
                (Value::Bool(a), Value::Bool(b)) => Some(a == b),
                _ => None,
            };
            // Values of different kinds are neither equal nor unequal in Hugo's `where`.
            Ok(match comparable {
                Some(eq) => eq == is_eq,
                None => false,
            })
        }
        ">=" | "ge" | ">" | "gt" | "<=" | "le" | "<" | "lt" => {
            let ordering = match (value, matched) {
                (Value::Int(..) | Value::Float(_), Value::Int(..) | Value::Float(_)) => {
                    number_order(value, matched)
                }
                (Value::String(_) | Value::Safe(..), Value::String(_) | Value::Safe(..)) => {
                    Some(value.as_str().cmp(&matched.as_str()))
                }
                _ => None,
            };
            let Some(ordering) = ordering else {
                return Ok(false);
            };
            Ok(match operator {
                ">=" | "ge" => ordering != Ordering::Less,
                ">" | "gt" => ordering == Ordering::Greater,
                "<=" | "le" => ordering != Ordering::Greater,
                _ => ordering == Ordering::Less,
            })
        }
        "in" | "not in" => {
            let found = match matched {
                Value::List(_) => contains(matched, value),
                Value::String(_) | Value::Safe(..) => match value {
                    Value::String(_) | Value::Safe(..) => contains(matched, value),
                    _ => false,
                },
                _ => false,
            };
            Ok(found == (operator == "in"))
        }
        "intersect" => {
            let (Value::List(left), Value::List(_)) = (value, matched) else {
                return Ok(false);
            };
            Ok(left.iter().any(|item| contains(matched, item)))
        }
        "like" => {
            let (Some(text), Some(pattern)) = (value.as_str(), matched.as_str()) else {
                return Ok(false);
            };
            Ok(super::strings::compile(pattern)?.is_match(text))
        }
        _ => Err("no such operator".into()),
    }
}

/// `where COLLECTION KEY [OPERATOR] MATCH`: the items whose KEY matches.
pub(super) fn where_(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_at_least("where", args, 3)?;
    let (operator, matched) = match &args[2..] {
        [matched] => (String::new(), matched),
        [operator, matched] => (to_string(operator)?, matched),
        _ => return Err(
            "can't evaluate the array by no match argument or more than or equal to two arguments"
                .into(),
        ),
    };
    let key = to_string(&args[1])?;
    let check = |item: &Value| -> Result<bool, String> {
        let value = if key.is_empty() {
            item.clone()
        } else {
            field_path(ctx, item, &key)?
        };
        check_condition(&value, &operator, matched)
    };
    match &args[0] {
        Value::List(items) => {
            let mut kept = Vec::new();
            for item in items.iter() {
                if check(item)? {
                    kept.push(item.clone());
                }
            }
            Ok(Value::list(kept)?)
        }
        Value::Map(map) => {
            let mut kept = Map::new();
            for (k, item) in map.iter() {
                if check(item)? {
                    kept.insert(k.clone(), item.clone());
                }
            }
            Ok(Value::map(kept)?)
        }
        Value::Nil => Err("can't iterate over a nil value".into()),
        other => Err(format!("can't iterate over {}", other.type_name())),
    }
}

/// A stable merge sort that never panics, whatever the comparison does (Hugo's mixed-type
/// comparisons are not a total order, which `slice::sort_by` may reject).
fn merge_sort<T: Clone>(items: &mut Vec<T>, less: &dyn Fn(&T, &T) -> bool) {
    if items.len() <= 1 {
        return;
    }
    let mut right = items.split_off(items.len() / 2);
    merge_sort(items, less);
    merge_sort(&mut right, less);
    let left = std::mem::take(items);
    let mut merged = Vec::with_capacity(left.len() + right.len());
    let (mut i, mut j) = (0, 0);
    while i < left.len() && j < right.len() {
        if less(&right[j], &left[i]) {
            merged.push(right[j].clone());
            j += 1;
        } else {
            merged.push(left[i].clone());
            i += 1;
        }
    }
    merged.extend_from_slice(&left[i..]);
    merged.extend_from_slice(&right[j..]);
    *items = merged;
}

/// `sort COLLECTION [KEY] [ORDER]`: a list sorted by value (or by KEY of each item; `value`
/// means the item itself), `asc` or `desc`. A map gives its values, by map key unless a KEY
/// is given.
pub(super) fn sort(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_between("sort", args, 1, 3)?;
    let by = match args.get(1) {
        Some(k) => to_string(k)?,
        None => String::new(),
    };
    let descending = match args.get(2) {
        Some(order) => to_string(order)?.eq_ignore_ascii_case("desc"),
        None => false,
    };
    let mut pairs: Vec<(Value, Value)> = Vec::new();
    match &args[0] {
        Value::List(items) => {
            for item in items.iter() {
                let key = if by.is_empty() || by == "value" {
                    item.clone()
                } else {
                    field_path(ctx, item, &by)?
                };
                pairs.push((key, item.clone()));
            }
        }
        Value::Map(map) => {
            for (name, item) in map.iter() {
                let key = if by.is_empty() {
                    Value::from(name.as_str())
                } else if by == "value" {
                    item.clone()
                } else {
                    field_path(ctx, item, &by)?
                };
                pairs.push((key, item.clone()));
            }
        }
        Value::Nil => return Err("sequence must be provided".into()),
        other => return Err(format!("can't sort {}", other.type_name())),
    }
    let less = |a: &(Value, Value), b: &(Value, Value)| {
        let ordering = compare(&a.0, &b.0);
        if descending {
            ordering == Ordering::Greater
        } else {
            ordering == Ordering::Less
        }
    };
    merge_sort(&mut pairs, &less);
    Ok(Value::list(pairs.into_iter().map(|(_, v)| v).collect())?)
}

/// `uniq LIST`: the first of each run of equal items (by `in`'s comparison).
pub(super) fn uniq(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("uniq", args, 1)?;
    let items = match &args[0] {
        Value::Nil => return Ok(Value::list(Vec::new())?),
        Value::List(items) => items,
        other => return Err(format!("Can't use Uniq on {}", other.type_name())),
    };
    let mut kept: Vec<Value> = Vec::new();
    for item in items.iter() {
        if !matches!(item, Value::Nil) && !kept.iter().any(|k| same_item(k, item)) {
            kept.push(item.clone());
        }
    }
    Ok(Value::list(kept)?)
}

/// `delimit LIST SEPARATOR [LAST]`: the items joined; a map's values in key order.
pub(super) fn delimit(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_between("delimit", args, 2, 3)?;
    let separator = to_string(&args[1])?;
    let last = match args.get(2) {
        Some(l) => Some(to_string(l)?),
        None => None,
    };
    let items: Vec<Value> = match &args[0] {
        Value::List(items) => items.to_vec(),
        Value::Map(map) => map.values().cloned().collect(),
        other => return Err(cannot_iterate(other)),
    };
    // Items that are not string-like are skipped, as Hugo skips values cast cannot convert.
    let strings: Vec<String> = items.iter().filter_map(|v| to_string(v).ok()).collect();
    let mut out = String::new();
    let n = strings.len();
    for (i, s) in strings.iter().enumerate() {
        out.push_str(s);
        if i + 2 == n {
            out.push_str(last.as_deref().unwrap_or(&separator));
        } else if i + 1 < n {
            out.push_str(&separator);
        }
    }
    Ok(Value::from(out))
}

/// Membership by [`same_item`].
fn set_member(collection: &[Value], item: &Value) -> bool {
    collection.iter().any(|x| same_item(x, item))
}

/// Hugo's `intersector` comparison: a string item matches another string of any kind (a
/// `template.HTML` too, unlike `in`), a number a number of equal value.
fn intersects(collection: &[Value], item: &Value) -> bool {
    collection.iter().any(|x| match (x, item) {
        (Value::String(a) | Value::Safe(_, a), Value::String(b) | Value::Safe(_, b)) => a == b,
        _ => same_item(x, item),
    })
}

/// `intersect A B`: the items of A that are also in B, without repeats.
pub(super) fn intersect(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("intersect", args, 2)?;
    if matches!(args[0], Value::Nil) || matches!(args[1], Value::Nil) {
        return Ok(Value::list(Vec::new())?);
    }
    let a = items_of(&args[0])?;
    let b = items_of(&args[1])?;
    let mut result: Vec<Value> = Vec::new();
    for item in a {
        if intersects(b, item) && !intersects(&result, item) {
            result.push(item.clone());
        }
    }
    Ok(Value::list(result)?)
}

/// `union A B`: the items of A, then those of B not seen yet.
pub(super) fn union(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("union", args, 2)?;
    match (&args[0], &args[1]) {
        (Value::Nil, Value::Nil) => return Ok(Value::list(Vec::new())?),
        (Value::Nil, other) | (other, Value::Nil) => return Ok(other.clone()),
        _ => {}
    }
    let a = items_of(&args[0])?;
    let b = items_of(&args[1])?;
    check_len(a.len() + b.len())?;
    let mut result: Vec<Value> = Vec::new();
    for item in a.iter().chain(b) {
        if !matches!(item, Value::Nil) && !set_member(&result, item) {
            result.push(item.clone());
        }
    }
    Ok(Value::list(result)?)
}

/// `complement A… UNIVERSE`: the items of UNIVERSE (the last argument) in none of the others.
pub(super) fn complement(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    if args.len() < 2 {
        return Err("complement needs at least two arguments".into());
    }
    let (universe, others) = args.split_last().unwrap_or((&Value::Nil, &[]));
    let universe = items_of(universe)?;
    let mut excluded: Vec<&[Value]> = Vec::new();
    for other in others {
        match other {
            Value::List(items) => excluded.push(items),
            other => {
                return Err(format!(
                    "complement: invalid argument type {}",
                    other.type_name()
                ))
            }
        }
    }
    let kept = universe
        .iter()
        .filter(|item| !excluded.iter().any(|list| set_member(list, item)))
        .cloned()
        .collect();
    Ok(Value::list(kept)?)
}

/// `symdiff A B`: the items in exactly one of A and B.
pub(super) fn symdiff(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("symdiff", args, 2)?;
    let a = items_of(&args[0])
        .map_err(|_| format!("symdiff: invalid argument type {}", args[0].type_name()))?;
    let b = items_of(&args[1])
        .map_err(|_| format!("symdiff: invalid argument type {}", args[1].type_name()))?;
    let mut result: Vec<Value> = Vec::new();
    // Hugo's `SymDiff(s2, s1)` walks its second argument first.
    for (list, other) in [(b, a), (a, b)] {
        for item in list {
            if !set_member(other, item) && !set_member(&result, item) {
                result.push(item.clone());
            }
        }
    }
    Ok(Value::list(result)?)
}

/// `collections.Reverse LIST`.
pub(super) fn reverse(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("collections.Reverse", args, 1)?;
    match &args[0] {
        Value::Nil => Ok(Value::Nil),
        Value::List(items) => Ok(Value::list(items.iter().rev().cloned().collect())?),
        other => Err(format!(
            "argument must be a slice, got {}",
            other.type_name()
        )),
    }
}

/// `querify KEY VALUE …` (or one map, or one list of pairs): a URL query string, keys
/// sorted, as Go's `url.Values.Encode`.
pub(super) fn querify(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    let pairs: Vec<(String, Value)> = match args {
        [Value::Map(map)] => map.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        [Value::List(items)] => pairs_of(items)?,
        items => pairs_of(items)?,
    };
    let mut pairs: Vec<(String, String)> = pairs
        .into_iter()
        .map(|(k, v)| (k, super::fmt::sprint(&[v])))
        .collect();
    crate::sorted::sort_by(&mut pairs, |a, b| a.0.cmp(&b.0));
    let encoded: Vec<String> = pairs
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                crate::rules::escape::query(k),
                crate::rules::escape::query(v)
            )
        })
        .collect();
    Ok(Value::from(encoded.join("&")))
}

fn pairs_of(items: &[Value]) -> Result<Vec<(String, Value)>, String> {
    if items.len() % 2 != 0 {
        return Err("invalid number of parameters".into());
    }
    items
        .chunks(2)
        .map(|pair| match &pair[0] {
            Value::String(k) => Ok((k.to_string(), pair[1].clone())),
            _ => Err("keys must be strings".into()),
        })
        .collect()
}

/// `newScratch` (`collections.NewScratch`): an empty scratch pad, for a template to keep
/// values in (Hugo's `hstore.NewScratch`).
pub(super) fn new_scratch(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("newScratch", args, 0)?;
    Ok(Value::Object(std::rc::Rc::new(
        crate::template::Scratch::default(),
    )))
}

/// `apply COLLECTION FUNC ARG…` (`collections.Apply`): FUNC called once per item, each ARG
/// that is `"."` replaced by the item (Hugo's `applyFnToThis`); a list of the results. FUNC
/// is any function of this library by name (`upper`, `strings.ToUpper`); the functions the
/// executor runs itself (`partial`, `and`, `or`) are not found, as a message says.
pub(super) fn apply(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_at_least("apply", args, 2)?;
    let (collection, name, rest) = (&args[0], to_string(&args[1])?, &args[2..]);
    if matches!(collection, Value::Nil) {
        return Ok(Value::list(Vec::new())?);
    }
    if name == "apply" {
        return Err("can't apply myself (no turtles allowed)".into());
    }
    let Some(func) = super::lookup(&name) else {
        return Err(format!("can't find function {name}"));
    };
    let Value::List(items) = collection else {
        return Err(format!("can't apply over {}", collection.to_go_string()));
    };
    check_len(items.len())?;
    let mut results = Vec::with_capacity(items.len());
    for item in items.iter() {
        let call_args: Vec<Value> = rest
            .iter()
            .map(|arg| match arg {
                Value::String(s) if &**s == "." => item.clone(),
                other => other.clone(),
            })
            .collect();
        results.push(func(ctx, &call_args)?);
    }
    Ok(Value::list(results)?)
}
