//! YAML front matter (`---`), built from `saphyr-parser` events.
//!
//! Current Hugo (≥ v0.152) decodes YAML with goccy/go-yaml, close to the YAML 1.2 core schema:
//! `true`/`false` (any of the three spellings) are booleans, `yes`/`no`/`on`/`off` stay
//! strings, timestamps stay strings. Hugo v0.111.3 (yaml.v2, YAML 1.1) differs there; we follow
//! current Hugo.
//!
//! The tree is built with an explicit stack, never recursion, so nesting cannot exhaust the
//! stack; nesting deeper than [`MAX_FRONT_MATTER_DEPTH`] and documents that expand through
//! aliases to more than [`MAX_YAML_NODES`] nodes ("billion laughs") are rejected. Expansion is
//! counted before anything is copied, so rejecting a bomb costs time linear in its text.

use super::DecodeError;
use crate::diagnostic::Span;
use crate::limits::{MAX_FRONT_MATTER_DEPTH, MAX_YAML_NODES};
use saphyr_parser::{Event, Parser, ScalarStyle, Tag};
use serde_json::{Map, Number, Value};
use std::collections::HashMap;

/// A collection being built.
struct Frame {
    kind: FrameKind,
    anchor: usize,
    /// Nodes in this subtree, alias expansions included.
    nodes: usize,
    /// Levels of nesting in this subtree (1 for a collection of scalars).
    height: usize,
    /// Where it starts (character index), for errors about the whole node.
    start: usize,
}

enum FrameKind {
    Sequence(Vec<Value>),
    /// The map so far and the key waiting for its value (`is_merge` for a plain `<<`).
    Mapping {
        map: Map<String, Value>,
        key: Option<(String, bool)>,
    },
}

/// A finished node on its way into its parent.
struct Node {
    value: Value,
    /// The scalar as written, for keys (`1: x` has the key `"1"`).
    raw: Option<String>,
    plain: bool,
    nodes: usize,
    height: usize,
}

/// An anchored node: its value, node count and height, for aliases.
struct Anchored {
    value: Value,
    nodes: usize,
    height: usize,
}

/// Decodes a YAML block. Errors are `failed to unmarshal YAML: …` as in Hugo, at the parser's
/// position (relative to `text`).
pub(crate) fn decode(text: &str) -> Result<Map<String, Value>, DecodeError> {
    let error = |message: String, char_index: usize| {
        let at = text
            .char_indices()
            .nth(char_index)
            .map_or(text.len(), |(i, _)| i);
        DecodeError {
            message: format!("failed to unmarshal YAML: {message}"),
            span: Span::new(at, at),
        }
    };
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Anchored> = HashMap::new();
    let mut total_nodes = 0usize;
    let mut documents = 0usize;
    let mut root: Option<(Value, usize)> = None;

    while let Some(result) = parser.next_event() {
        let (event, span) = result.map_err(|e| error(e.info().to_string(), e.marker().index()))?;
        let here = span.start.index();
        let mut node_start = here;
        let node = match event {
            Event::DocumentStart(_) => {
                // Hugo decodes the first document only.
                documents += 1;
                if documents > 1 {
                    break;
                }
                continue;
            }
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => continue,
            Event::Alias(id) => {
                let Some(anchored) = anchors.get(&id) else {
                    return Err(error("unknown anchor".to_string(), here));
                };
                total_nodes = total_nodes.saturating_add(anchored.nodes);
                if total_nodes > MAX_YAML_NODES {
                    // goccy/go-yaml's message for the same guard in current Hugo.
                    return Err(error(
                        format!(
                            "too many YAML aliases for non-scalar nodes (more than {MAX_YAML_NODES} nodes after expansion)"
                        ),
                        here,
                    ));
                }
                if stack.len() + anchored.height > MAX_FRONT_MATTER_DEPTH {
                    return Err(error(too_deep(), here));
                }
                Node {
                    value: anchored.value.clone(),
                    raw: anchored.value.as_str().map(str::to_string),
                    plain: false,
                    nodes: anchored.nodes,
                    height: anchored.height,
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                total_nodes += 1;
                if total_nodes > MAX_YAML_NODES {
                    return Err(error(too_many(), here));
                }
                let plain = style == ScalarStyle::Plain;
                let typed = resolve(&value, plain, tag.as_deref());
                if anchor > 0 {
                    anchors.insert(
                        anchor,
                        Anchored {
                            value: typed.clone(),
                            nodes: 1,
                            height: 0,
                        },
                    );
                }
                Node {
                    value: typed,
                    raw: Some(value.into_owned()),
                    plain,
                    nodes: 1,
                    height: 0,
                }
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                total_nodes += 1;
                if total_nodes > MAX_YAML_NODES {
                    return Err(error(too_many(), here));
                }
                if stack.len() >= MAX_FRONT_MATTER_DEPTH {
                    return Err(error(too_deep(), here));
                }
                let kind = if matches!(event, Event::SequenceStart(..)) {
                    FrameKind::Sequence(Vec::new())
                } else {
                    FrameKind::Mapping {
                        map: Map::new(),
                        key: None,
                    }
                };
                stack.push(Frame {
                    kind,
                    anchor,
                    nodes: 1,
                    height: 1,
                    start: here,
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = stack.pop() else {
                    return Err(error("unbalanced collection end".to_string(), here));
                };
                node_start = frame.start;
                let value = match frame.kind {
                    FrameKind::Sequence(items) => Value::Array(items),
                    FrameKind::Mapping { map, .. } => Value::Object(map),
                };
                if frame.anchor > 0 {
                    anchors.insert(
                        frame.anchor,
                        Anchored {
                            value: value.clone(),
                            nodes: frame.nodes,
                            height: frame.height,
                        },
                    );
                }
                Node {
                    value,
                    raw: None,
                    plain: false,
                    nodes: frame.nodes,
                    height: frame.height,
                }
            }
        };
        match stack.last_mut() {
            Some(parent) => add_to(parent, node),
            None => {
                if root.is_none() {
                    root = Some((node.value, node_start));
                }
            }
        }
    }

    match root {
        None | Some((Value::Null, _)) => Ok(Map::new()),
        Some((Value::Object(map), _)) => Ok(map),
        Some((other, at)) => Err(error(
            format!(
                "cannot unmarshal {} into map[string]interface {{}}",
                match other {
                    Value::Array(_) => "!!seq",
                    _ => "!!str",
                }
            ),
            at,
        )),
    }
}

fn too_deep() -> String {
    format!("front matter nested deeper than {MAX_FRONT_MATTER_DEPTH} levels")
}

fn too_many() -> String {
    format!("document has more than {MAX_YAML_NODES} nodes")
}

/// Puts a finished node into its parent: an item, a key, or the value of the waiting key.
fn add_to(parent: &mut Frame, node: Node) {
    parent.nodes = parent.nodes.saturating_add(node.nodes);
    parent.height = parent.height.max(node.height + 1);
    match &mut parent.kind {
        FrameKind::Sequence(items) => items.push(node.value),
        FrameKind::Mapping { map, key } => match key.take() {
            None => {
                let is_merge = node.plain && node.raw.as_deref() == Some("<<");
                *key = Some((key_text(node), is_merge));
            }
            Some((_, true)) if node.value.is_object() || node.value.is_array() => {
                merge(map, node.value)
            }
            Some((name, _)) => {
                map.insert(name, node.value);
            }
        },
    }
}

/// YAML merge keys (`<<: *base`, `<<: [*a, *b]`): keys already in the map win, and among
/// several merged maps the first wins, as the merge-key spec and go-yaml do.
fn merge(map: &mut Map<String, Value>, value: Value) {
    let sources = match value {
        Value::Array(items) => items,
        other => vec![other],
    };
    for source in sources {
        if let Value::Object(source) = source {
            for (k, v) in source {
                map.entry(k).or_insert(v);
            }
        }
    }
}

/// Keys become strings, as Hugo's maps have string keys: a scalar key as written, any other
/// key as its JSON text.
fn key_text(node: Node) -> String {
    match (node.raw, node.value) {
        (Some(raw), _) => raw,
        (None, Value::String(s)) => s,
        (None, value) => value.to_string(),
    }
}

/// Types a scalar as the YAML 1.2 core schema does. Quoted and block scalars, and `!!str`,
/// are strings. `.inf` and `.nan` stay strings as written, because JSON cannot hold them and
/// a preview shows them better as text than as `null`.
fn resolve(text: &str, plain: bool, tag: Option<&Tag>) -> Value {
    let tag_suffix = tag.map(|t| t.suffix.as_str());
    if tag_suffix == Some("str") || (!plain && tag.is_none()) {
        return Value::String(text.to_string());
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    if let Some(number) = integer(text) {
        return number;
    }
    if is_float(text) {
        if let Some(n) = text.parse::<f64>().ok().and_then(Number::from_f64) {
            return Value::Number(n);
        }
    }
    Value::String(text.to_string())
}

/// `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`. Integers too large for 64 bits become floats.
fn integer(text: &str) -> Option<Value> {
    let (radix, digits) = if let Some(hex) = text.strip_prefix("0x") {
        (16, hex)
    } else if let Some(octal) = text.strip_prefix("0o") {
        (8, octal)
    } else {
        (10, text)
    };
    let unsigned = if radix == 10 {
        digits.strip_prefix(['-', '+']).unwrap_or(digits)
    } else {
        digits
    };
    if unsigned.is_empty() || !unsigned.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    if radix == 10 {
        let digits = digits.strip_prefix('+').unwrap_or(digits);
        if let Ok(i) = digits.parse::<i64>() {
            return Some(Value::Number(i.into()));
        }
        if let Ok(u) = digits.parse::<u64>() {
            return Some(Value::Number(u.into()));
        }
        return digits
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(Value::Number);
    }
    u64::from_str_radix(digits, radix)
        .ok()
        .map(|u| Value::Number(u.into()))
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
fn is_float(text: &str) -> bool {
    let s = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int_part, frac_part) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let mantissa_ok = match frac_part {
        None => !int_part.is_empty() && digits(int_part),
        Some(f) => digits(int_part) && digits(f) && !(int_part.is_empty() && f.is_empty()),
    };
    let exponent_ok = exponent.map_or(true, |e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}
