//! `transform.Remarshal FORMAT INPUT` (Hugo's `tpl/transform/remarshal.go`): a map, or text in
//! JSON, TOML or YAML, written again as `json`, `toml` or `yaml` the way Hugo 0.168 writes it.
//!
//! Hugo decodes the input to a Go map (`metadecoders.UnmarshalToMap`), turns whole floats
//! that are map values into integers (`applyMarshalTypes`, which does not look into lists),
//! and encodes the map with `parser.InterfaceToConfig`: `json.MarshalIndent` with three
//! spaces, pelletier/go-toml v2 with indented tables, goccy/go-yaml with single quotes and
//! "smart anchors". Each writer below follows its encoder's rules (keys sorted, Go's float
//! formats, each encoder's quoting), checked with Hugo 0.168 on nested maps, lists of maps,
//! integers and floats, dates and times, and strings that need quotes.
//!
//! Not matched: the smart anchors goccy/go-yaml gives two or more empty lists are matched
//! only where the lists are map values (goccy anchors them because Go's empty slices share
//! one address; its names for list items are not); XML input or output is an error; the
//! messages for input that does not decode are the preview's decoders', not Go's.

use super::cast::to_string;
use super::{want_args, FuncContext};
use crate::template::value::Value;

/// A decoded value, with the distinctions the encoders make.
#[derive(Debug, Clone, PartialEq)]
enum Node {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    /// A time with a zone (Go's `time.Time`): RFC 3339, written bare in TOML and YAML.
    Time(String),
    /// A TOML local date, time or date-time (go-toml's `LocalDate` …): bare in TOML, a
    /// string elsewhere.
    Local(String),
    List(Vec<Node>),
    /// Entries sorted by key, as Go's encoders sort a map's keys.
    Map(Vec<(String, Node)>),
}

/// `transform.Remarshal FORMAT INPUT`.
pub(super) fn remarshal(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("transform.Remarshal", args, 2)?;
    let format = to_string(&args[0])?.trim().to_lowercase();
    let target = match format.as_str() {
        "json" | "toml" | "yaml" | "yml" => format.as_str(),
        "xml" => return Err("transform.Remarshal to xml is not supported by the preview".into()),
        _ => return Err("failed to detect target data serialization format".into()),
    };
    let map = match &args[1] {
        Value::Map(_) => from_value(&args[1]),
        other => {
            let text = to_string(other)?;
            let text = text.trim();
            if text.is_empty() {
                return Ok(Value::from(""));
            }
            decode(text)?
        }
    };
    let map = whole_floats_as_ints(map);
    let Node::Map(entries) = &map else {
        return Err("input was nil".into());
    };
    Ok(Value::from(match target {
        "json" => format!(
            "{}\n",
            crate::template::escape::json_indent(&json(&map), "", "   ")
        ),
        "toml" => toml(entries)?,
        _ => yaml(entries),
    }))
}

/// Hugo's `FormatFromContentString` then `UnmarshalToMap`.
fn decode(text: &str) -> Result<Node, String> {
    use crate::front_matter::{self, FrontMatterFormat};
    let format = super::transform::detect_format(text)
        .ok_or_else(|| "failed to detect format from content".to_string())?;
    match format {
        "json" => {
            let value: serde_json::Value =
                serde_json::from_str(text).map_err(|e| format!("unmarshal failed: {e}"))?;
            if !value.is_object() {
                return Err("unmarshal failed: the JSON is not an object".into());
            }
            if front_matter::json::too_deep_at(text).is_some() {
                return Err("unmarshal failed: JSON nested too deep".into());
            }
            // Go's `json.Unmarshal` into `any` makes every number a float64.
            Ok(from_json(&value, true, 0))
        }
        "toml" => {
            let table: toml::Table = toml::from_str(text).map_err(|e| e.message().to_owned())?;
            Ok(from_toml(&toml::Value::Table(table), 0))
        }
        "yaml" => {
            let map = front_matter::decode(FrontMatterFormat::Yaml, text).map_err(|e| e.message)?;
            Ok(from_json(&serde_json::Value::Object(map), false, 0))
        }
        other => Err(format!(
            "transform.Remarshal from {other} is not supported by the preview"
        )),
    }
}

fn sorted(mut entries: Vec<(String, Node)>) -> Node {
    crate::sorted::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
    entries.dedup_by(|a, b| a.0 == b.0);
    Node::Map(entries)
}

fn from_json(value: &serde_json::Value, all_floats: bool, depth: usize) -> Node {
    use serde_json::Value as J;
    if depth > crate::limits::MAX_FRONT_MATTER_DEPTH {
        return Node::Null;
    }
    match value {
        J::Null => Node::Null,
        J::Bool(b) => Node::Bool(*b),
        J::Number(n) if !all_floats && (n.is_i64() || n.is_u64()) => {
            Node::Int(n.as_i64().map_or_else(|| i128::from(n.as_u64().unwrap_or(0)), i128::from))
        }
        J::Number(n) => Node::Float(n.as_f64().unwrap_or(0.0)),
        J::String(s) => Node::Str(s.clone()),
        J::Array(items) => Node::List(
            items
                .iter()
                .map(|v| from_json(v, all_floats, depth + 1))
                .collect(),
        ),
        J::Object(map) => sorted(
            map.iter()
                .map(|(k, v)| (k.clone(), from_json(v, all_floats, depth + 1)))
                .collect(),
        ),
    }
}

fn from_toml(value: &toml::Value, depth: usize) -> Node {
    use toml::Value as T;
    if depth > crate::limits::MAX_FRONT_MATTER_DEPTH {
        return Node::Null;
    }
    match value {
        T::String(s) => Node::Str(s.clone()),
        T::Integer(i) => Node::Int(i128::from(*i)),
        T::Float(f) => Node::Float(*f),
        T::Boolean(b) => Node::Bool(*b),
        T::Datetime(d) if d.offset.is_some() => {
            // Go writes a zero offset as `Z`.
            let text = d.to_string();
            let text = text
                .strip_suffix("+00:00")
                .or_else(|| text.strip_suffix("-00:00"))
                .map_or(text.clone(), |t| format!("{t}Z"));
            Node::Time(text)
        }
        T::Datetime(d) => Node::Local(d.to_string()),
        T::Array(items) => Node::List(items.iter().map(|v| from_toml(v, depth + 1)).collect()),
        T::Table(table) => sorted(
            table
                .iter()
                .map(|(k, v)| (k.clone(), from_toml(v, depth + 1)))
                .collect(),
        ),
    }
}

/// A template value (a `dict`, front matter, site params).
fn from_value(value: &Value) -> Node {
    match value {
        Value::Nil => Node::Null,
        Value::Bool(b) => Node::Bool(*b),
        Value::Int(i, ty) => Node::Int(ty.value_of(*i)),
        Value::Float(f) => Node::Float(*f),
        Value::String(s) | Value::Safe(_, s) => Node::Str(s.to_string()),
        Value::List(items) => Node::List(items.iter().map(from_value).collect()),
        Value::Map(map) => sorted(
            map.iter()
                .map(|(k, v)| (k.clone(), from_value(v)))
                .collect(),
        ),
        Value::Object(object) => Node::Str(object.display()),
    }
}

/// Hugo's `applyMarshalTypes`: a whole float that is a map's value becomes an integer (Go's
/// `int64(f) == f`), in nested maps too but not in lists.
fn whole_floats_as_ints(node: Node) -> Node {
    match node {
        Node::Map(entries) => Node::Map(
            entries
                .into_iter()
                .map(|(k, v)| {
                    let v = match v {
                        Node::Float(f)
                            if f.fract() == 0.0
                                && (-(i64::MAX as f64)..i64::MAX as f64)
                                    .contains(&f) =>
                        {
                            Node::Int(f as i128)
                        }
                        map @ Node::Map(_) => whole_floats_as_ints(map),
                        other => other,
                    };
                    (k, v)
                })
                .collect(),
        ),
        other => other,
    }
}

// ---- JSON: Go's encoding/json ----------------------------------------------------------

fn json(node: &Node) -> String {
    let mut out = String::new();
    write_json(node, &mut out);
    out
}

fn write_json(node: &Node, out: &mut String) {
    match node {
        Node::Null => out.push_str("null"),
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Int(i) => out.push_str(&i.to_string()),
        Node::Float(f) => out.push_str(&json_float(*f)),
        Node::Str(s) | Node::Time(s) | Node::Local(s) => json_string(s, out),
        Node::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(item, out);
            }
            out.push(']');
        }
        Node::Map(entries) => {
            out.push('{');
            for (i, (key, value)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_string(key, out);
                out.push(':');
                write_json(value, out);
            }
            out.push('}');
        }
    }
}

/// Go's `encoding/json` float: plain digits between 1e-6 and 1e21, else an exponent
/// (`1e+21`, `1e-7`).
fn json_float(f: f64) -> String {
    if !f.is_finite() {
        return "null".into();
    }
    let abs = f.abs();
    if abs == 0.0 || (1e-6..1e21).contains(&abs) {
        return format!("{f}");
    }
    let scientific = format!("{f:e}");
    let (mantissa, exp) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if exp < 0 {
        // Go writes `e-07` and then drops the exponent's leading zero.
        format!("{mantissa}e-{}", -exp)
    } else {
        format!("{mantissa}e+{exp:02}")
    }
}

/// Go's JSON string, HTML-escaped as `json.Marshal` escapes it.
fn json_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

// ---- TOML: pelletier/go-toml v2, `SetIndentTables(true)` ---------------------------------

const TOML_INDENT: &str = "  ";

/// Whether a value becomes a table (a map) or an array of tables (a non-empty list of maps).
fn is_table(node: &Node) -> bool {
    match node {
        Node::Map(_) => true,
        Node::List(items) => !items.is_empty() && items.iter().all(|i| matches!(i, Node::Map(_))),
        _ => false,
    }
}

struct TomlWriter {
    out: String,
    /// The last line written is a table header: no blank line before the next one.
    after_header: bool,
}

fn toml(entries: &[(String, Node)]) -> Result<String, String> {
    let mut writer = TomlWriter {
        out: String::new(),
        after_header: false,
    };
    writer.table(&[], entries, 0)?;
    Ok(writer.out)
}

impl TomlWriter {
    fn indent(&mut self, level: usize) {
        for _ in 0..level {
            self.out.push_str(TOML_INDENT);
        }
    }

    fn header(&mut self, path: &[&str], level: usize, array: bool) {
        if !self.out.is_empty() && !self.after_header {
            self.out.push('\n');
        }
        self.indent(level);
        self.out.push_str(if array { "[[" } else { "[" });
        for (i, key) in path.iter().enumerate() {
            if i > 0 {
                self.out.push('.');
            }
            toml_key(key, &mut self.out);
        }
        self.out.push_str(if array { "]]\n" } else { "]\n" });
        self.after_header = true;
    }

    /// A table's key-values at `level`, then its tables (their headers at `level` too).
    fn table(&mut self, path: &[&str], entries: &[(String, Node)], level: usize) -> Result<(), String> {
        for (key, value) in entries {
            if matches!(value, Node::Null) || is_table(value) {
                continue;
            }
            self.indent(level);
            toml_key(key, &mut self.out);
            self.out.push_str(" = ");
            toml_inline(value, &mut self.out)?;
            self.out.push('\n');
            self.after_header = false;
        }
        for (key, value) in entries {
            let mut sub: Vec<&str> = path.to_vec();
            sub.push(key);
            match value {
                Node::Map(inner) if is_table(value) => {
                    self.header(&sub, level, false);
                    self.table(&sub, inner, level + 1)?;
                }
                Node::List(items) if is_table(value) => {
                    for item in items {
                        self.header(&sub, level, true);
                        if let Node::Map(inner) = item {
                            self.table(&sub, inner, level + 1)?;
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }
}

fn toml_inline(node: &Node, out: &mut String) -> Result<(), String> {
    match node {
        Node::Null => return Err("toml: encoding a nil interface is not supported".into()),
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Int(i) => out.push_str(&i.to_string()),
        Node::Float(f) if f.is_nan() => out.push_str("nan"),
        Node::Float(f) if f.is_infinite() => out.push_str(if *f > 0.0 { "inf" } else { "-inf" }),
        // Go's `FormatFloat(f, 'f', -1, 64)`, `.0` added to a whole number.
        Node::Float(f) if f.fract() == 0.0 => out.push_str(&format!("{f}.0")),
        Node::Float(f) => out.push_str(&format!("{f}")),
        Node::Str(s) => toml_string(s, out),
        Node::Time(s) | Node::Local(s) => out.push_str(s),
        Node::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                toml_inline(item, out)?;
            }
            out.push(']');
        }
        Node::Map(entries) => {
            out.push('{');
            let mut first = true;
            for (key, value) in entries {
                if matches!(value, Node::Null) {
                    continue;
                }
                if !first {
                    out.push_str(", ");
                }
                first = false;
                toml_key(key, out);
                out.push_str(" = ");
                toml_inline(value, out)?;
            }
            out.push('}');
        }
    }
    Ok(())
}

/// go-toml's `needsQuoting`: a `'`, a line break or another control character.
fn toml_needs_quoting(s: &str) -> bool {
    s.bytes().any(|b| b == b'\'' || b < 0x20 || b == 0x7f)
}

fn toml_string(s: &str, out: &mut String) {
    if toml_needs_quoting(s) {
        toml_basic_string(s, out);
    } else {
        out.push('\'');
        out.push_str(s);
        out.push('\'');
    }
}

/// go-toml's `encodeQuotedString`: a basic string with Go's escapes.
fn toml_basic_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u00{:02X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// go-toml's `encodeKey`: bare when only `A-Za-z0-9_-`, else a literal string, else (a `'`
/// or a control character in it) a basic string.
fn toml_key(key: &str, out: &mut String) {
    if key.is_empty() {
        out.push_str("''");
    } else if key
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        out.push_str(key);
    } else {
        toml_string(key, out);
    }
}

// ---- YAML: goccy/go-yaml, single quotes, smart anchors ----------------------------------

struct YamlWriter {
    out: String,
    /// With two or more empty lists as map values, the key of the first: goccy anchors it
    /// and aliases the others.
    empty_list_anchor: Option<Option<String>>,
}

fn yaml(entries: &[(String, Node)]) -> String {
    fn count_empty_lists(entries: &[(String, Node)]) -> usize {
        entries
            .iter()
            .map(|(_, v)| match v {
                Node::List(items) if items.is_empty() => 1,
                Node::Map(inner) => count_empty_lists(inner),
                Node::List(items) => items
                    .iter()
                    .map(|i| match i {
                        Node::Map(inner) => count_empty_lists(inner),
                        _ => 0,
                    })
                    .sum(),
                _ => 0,
            })
            .sum()
    }
    let mut writer = YamlWriter {
        out: String::new(),
        empty_list_anchor: (count_empty_lists(entries) >= 2).then_some(None),
    };
    writer.map(entries, 0);
    writer.out
}

impl YamlWriter {
    fn map(&mut self, entries: &[(String, Node)], indent: usize) {
        for (key, value) in entries {
            self.out.push_str(&" ".repeat(indent));
            self.out.push_str(&yaml_scalar_string(key));
            self.out.push(':');
            self.value_after_key(key, value, indent);
        }
    }

    fn value_after_key(&mut self, key: &str, value: &Node, indent: usize) {
        match value {
            Node::Map(inner) if !inner.is_empty() => {
                self.out.push('\n');
                self.map(inner, indent + 2);
            }
            Node::List(items) if !items.is_empty() => {
                self.out.push('\n');
                self.list(items, indent);
            }
            Node::List(_) => match &self.empty_list_anchor {
                None => self.out.push_str(" []\n"),
                Some(None) => {
                    self.out.push_str(&format!(" &{key}\n[]\n"));
                    self.empty_list_anchor = Some(Some(key.to_owned()));
                }
                Some(Some(first)) => {
                    let first = first.clone();
                    self.out.push_str(&format!(" &{first} *{first}\n"));
                }
            },
            Node::Str(s) if s.contains(['\n', '\r']) => {
                self.out.push(' ');
                self.literal_block(s, indent + 2);
            }
            scalar => {
                self.out.push(' ');
                self.out.push_str(&yaml_scalar(scalar));
                self.out.push('\n');
            }
        }
    }

    fn list(&mut self, items: &[Node], indent: usize) {
        for item in items {
            let pad = " ".repeat(indent);
            match item {
                Node::Map(inner) if !inner.is_empty() => {
                    // The map at indent + 2, its first line's indentation replaced by `- `.
                    let start = self.out.len();
                    self.map(inner, indent + 2);
                    self.out
                        .replace_range(start..start + indent + 2, &format!("{pad}- "));
                }
                Node::List(inner) if !inner.is_empty() => {
                    let start = self.out.len();
                    self.list(inner, indent + 2);
                    self.out
                        .replace_range(start..start + indent + 2, &format!("{pad}- "));
                }
                Node::List(_) => self.out.push_str(&format!("{pad}- []\n")),
                Node::Str(s) if s.contains(['\n', '\r']) => {
                    self.out.push_str(&format!("{pad}- "));
                    self.literal_block(s, indent + 2);
                }
                scalar => {
                    self.out.push_str(&format!("{pad}- {}\n", yaml_scalar(scalar)));
                }
            }
        }
    }

    /// goccy's literal block for a string with line breaks: `|-`, `|` or `|+` as it ends.
    fn literal_block(&mut self, s: &str, indent: usize) {
        let header = if s.ends_with("\n\n") {
            "|+"
        } else if s.ends_with('\n') {
            "|"
        } else {
            "|-"
        };
        self.out.push_str(header);
        self.out.push('\n');
        let body = s.strip_suffix('\n').unwrap_or(s);
        for line in body.split('\n') {
            if !line.is_empty() {
                self.out.push_str(&" ".repeat(indent));
                self.out.push_str(line);
            }
            self.out.push('\n');
        }
    }
}

fn yaml_scalar(node: &Node) -> String {
    match node {
        Node::Null => "null".into(),
        Node::Bool(b) => b.to_string(),
        Node::Int(i) => i.to_string(),
        Node::Float(f) if f.is_nan() => ".nan".into(),
        Node::Float(f) if f.is_infinite() => if *f > 0.0 { ".inf" } else { "-.inf" }.into(),
        Node::Float(f) => {
            // Go's `FormatFloat(f, 'g', -1, 64)`, `.0` added to a whole number.
            let text = crate::rules::float::shortest(*f);
            if text.contains(['.', 'e']) {
                text
            } else {
                format!("{text}.0")
            }
        }
        Node::Time(s) => s.clone(),
        Node::Str(s) | Node::Local(s) => yaml_scalar_string(s),
        Node::Map(_) => "{}".into(),
        Node::List(_) => "[]".into(),
    }
}

/// A string as goccy writes it: plain, or single-quoted when `token.IsNeedQuoted`.
fn yaml_scalar_string(s: &str) -> String {
    if yaml_needs_quotes(s) {
        format!("'{}'", s.replace('\'', "''"))
    } else {
        s.to_owned()
    }
}

/// goccy/go-yaml's `token.IsNeedQuoted`.
fn yaml_needs_quotes(s: &str) -> bool {
    const RESERVED: &[&str] = &[
        "null", "Null", "NULL", "~", "true", "True", "TRUE", "false", "False", "FALSE", "y",
        "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off",
        "OFF",
    ];
    if s.is_empty() || RESERVED.contains(&s) || s == "-" || yaml_is_number(s) {
        return true;
    }
    let bytes = s.as_bytes();
    if b"*&[{}],!|>%'\"@ `".contains(&bytes[0]) {
        return true;
    }
    if matches!(bytes[bytes.len() - 1], b':' | b' ') {
        return true;
    }
    if yaml_is_timestamp(s) {
        return true;
    }
    s.char_indices().any(|(i, c)| match c {
        '#' | '\\' => true,
        ':' | '-' => bytes.get(i + 1) == Some(&b' '),
        _ => false,
    })
}

/// goccy's `isNumber`: what its `toNumber` reads as a number, or one out of range.
fn yaml_is_number(s: &str) -> bool {
    if s.starts_with('_') || s.matches('.').count() > 1 {
        return false;
    }
    let negative = s.starts_with('-');
    let normalized: String = s
        .strip_prefix('+')
        .unwrap_or(s)
        .trim_start_matches('-')
        .replace('_', "");
    let dots = normalized.matches('.').count();
    let (digits, radix) = if let Some(hex) = normalized.strip_prefix("0x") {
        (hex.to_owned(), 16)
    } else if let Some(octal) = normalized.strip_prefix("0o") {
        (octal.to_owned(), 8)
    } else if let Some(binary) = normalized.strip_prefix("0b") {
        (binary.to_owned(), 2)
    } else if normalized.starts_with('0') && normalized.len() > 1 && dots == 0 {
        (normalized[1..].to_owned(), 8)
    } else if dots == 1 {
        let text = if negative { format!("-{normalized}") } else { normalized };
        // Go's ParseFloat takes what Rust's does here, `inf` and `nan` aside (which
        // have no dot).
        return text.parse::<f64>().is_ok();
    } else {
        (normalized, 10)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return false;
    }
    // Out of range is a number too (`strconv.ErrRange`).
    true
}

/// goccy's `isTimestamp`: RFC 3339 (`T` or `t`, a fraction allowed), `2006-01-02
/// 15:04:05`, `2006-01-02`, or `15:4`.
fn yaml_is_timestamp(s: &str) -> bool {
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let date = |t: &str| {
        t.len() == 10
            && digits(&t[..4])
            && &t[4..5] == "-"
            && digits(&t[5..7])
            && &t[7..8] == "-"
            && digits(&t[8..10])
            && crate::rules::time::DateTime::parse(t).is_some()
    };
    if s.is_char_boundary(10) && s.len() > 10 {
        let (day, rest) = s.split_at(10);
        if date(day) {
            if let Some(time) = rest.strip_prefix(['T', 't']) {
                let candidate = format!("{day}T{time}");
                return crate::rules::time::DateTime::parse_rfc3339(&candidate).is_some();
            }
            if let Some(time) = rest.strip_prefix(' ') {
                let mut parts = time.split(':');
                let (h, m, sec) = (parts.next(), parts.next(), parts.next());
                return parts.next().is_none()
                    && matches!((h, m, sec), (Some(h), Some(m), Some(sec))
                        if (1..=2).contains(&h.len()) && digits(h) && h.parse::<u32>().is_ok_and(|h| h < 24)
                            && m.len() == 2 && digits(m) && m < "60"
                            && sec.len() == 2 && digits(sec) && sec < "60");
            }
        }
        return false;
    }
    if date(s) {
        return true;
    }
    match s.split_once(':') {
        Some((h, m)) => {
            (1..=2).contains(&h.len())
                && digits(h)
                && h.parse::<u32>().is_ok_and(|h| h < 24)
                && (1..=2).contains(&m.len())
                && digits(m)
                && m.parse::<u32>().is_ok_and(|m| m < 60)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goccy_quotes_what_would_read_back_as_something_else() {
        for quoted in [
            "", "yes", "n", "true", "123", "1.5", "0x1F", "# c", "a: b", " lead", "trail:",
            "2024-01-02", "2024-01-02T03:04:05Z", "3:04", "-", "*a", "it\\s",
        ] {
            assert!(yaml_needs_quotes(quoted), "{quoted:?} should be quoted");
        }
        for plain in [
            "Hello", "it's", "key.dot", "2024-01-02T03:04:05", "03:04:05", "1e5", "<&>", "a-b",
            "1.2.3",
        ] {
            assert!(!yaml_needs_quotes(plain), "{plain:?} should stay plain");
        }
    }

    #[test]
    fn floats_are_written_as_each_go_encoder_writes_them() {
        assert_eq!(json_float(1e21), "1e+21");
        assert_eq!(json_float(1e-7), "1e-7");
        assert_eq!(json_float(1.2345678901234567e19), "12345678901234567000");
        assert_eq!(yaml_scalar(&Node::Float(1.2345678901234567e19)), "1.2345678901234567e+19");
        assert_eq!(yaml_scalar(&Node::Float(2.0)), "2.0");
        let mut out = String::new();
        toml_inline(&Node::Float(1e21), &mut out).unwrap();
        assert_eq!(out, "1000000000000000000000.0");
    }
}
