//! Hugo's highlighting options (`markup.highlight`, code block attributes, the `highlight`
//! shortcode's and `transform.Highlight`'s options string or map) and how Hugo merges them:
//! keys are case-insensitive, values are converted the way `mapstructure.WeakDecode` does,
//! `linenos=table|inline` also sets `lineNumbersInTable`, and `hl_lines` counts from
//! `linenostart`. Errors carry Hugo's messages.

use crate::html::{line_numbers, FormatOptions};

/// A value as Hugo receives it: from a code block attribute (`true`, `5`, `table`,
/// `[2,"4-5"]`), a template map, or the options string (always a string).
#[derive(Clone, Debug, PartialEq)]
pub enum OptionValue {
    Bool(bool),
    Int(i64),
    /// Numbers in code block attributes are floats (goldmark's parser).
    Float(f64),
    String(String),
    /// A code block attribute array (`hl_lines=[2,"4-5"]`) as Hugo hands it on, line ranges
    /// 0-based (`[[1,1],[3,4]]`; the core crate converts it, as the hooks' `.Options` see it).
    Ranges(Vec<(i64, i64)>),
}

impl OptionValue {
    /// Go's `%v (%T)` of the value, for the `lineNos` error.
    fn go_describe(&self) -> String {
        match self {
            OptionValue::Bool(b) => format!("{b} (bool)"),
            OptionValue::Int(n) => format!("{n} (int)"),
            OptionValue::Float(f) => format!("{} (float64)", go_float_v(*f)),
            OptionValue::String(s) => format!("{s} (string)"),
            OptionValue::Ranges(r) => format!("{} ([][2]int)", go_ranges_v(r)),
        }
    }
}

/// `lineNos`: Hugo keeps whatever it was given and checks it when formatting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineNos {
    Bool(bool),
    Inline,
    Table,
    /// Anything else, described as Go prints it (`foo (string)`, `1 (float64)`): an error
    /// when the code is highlighted.
    Invalid(String),
}

/// Hugo's `highlight.Config`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HighlightOptions {
    pub style: String,
    pub code_fences: bool,
    pub wrapper_class: String,
    pub no_classes: bool,
    pub line_nos: LineNos,
    pub line_numbers_in_table: bool,
    pub anchor_line_nos: bool,
    /// Prefix of line anchors; code blocks default it to `hl-<ordinal>`.
    pub line_anchors: String,
    pub line_no_start: i64,
    /// `hl_Lines` as written: `"3-8 10-20"`.
    pub hl_lines: String,
    pub hl_inline: bool,
    /// Ranges from a code block attribute array, already offset by `linenostart`.
    pub hl_lines_parsed: Option<Vec<(i64, i64)>>,
    pub tab_width: i64,
    pub guess_syntax: bool,
}

impl Default for HighlightOptions {
    /// Hugo's defaults: monokai, inline styles, code fences on, tab width 4.
    fn default() -> Self {
        HighlightOptions {
            style: "monokai".into(),
            code_fences: true,
            wrapper_class: "highlight".into(),
            no_classes: true,
            line_nos: LineNos::Bool(false),
            line_numbers_in_table: true,
            anchor_line_nos: false,
            line_anchors: String::new(),
            line_no_start: 1,
            hl_lines: String::new(),
            hl_inline: false,
            hl_lines_parsed: None,
            tab_width: 4,
            guess_syntax: false,
        }
    }
}

/// Whether a code block attribute is a highlighting option rather than an HTML attribute
/// (case-insensitive; Hugo's list for code blocks).
pub fn is_highlight_attribute(name: &str) -> bool {
    const NAMES: &[&str] = &[
        "anchorlinenos",
        "guesssyntax",
        "hl_lines",
        "hl_inline",
        "lineanchors",
        "linenos",
        "linenostart",
        "linenumbersintable",
        "noclasses",
        "style",
        "tabwidth",
    ];
    let lower = name.to_lowercase();
    NAMES.contains(&lower.as_str())
}

impl HighlightOptions {
    /// `markup.highlight` entries from the site configuration (decoded as Hugo decodes its
    /// configuration: no `linenos` shorthand, `lineNos = "table"` kept as is).
    pub fn apply_site_config(&mut self, entries: &[(String, OptionValue)]) -> Result<(), String> {
        self.weak_decode(entries)
    }

    /// A code block's highlighting attributes (`is_highlight_attribute`), then the default
    /// line anchor prefix `hl-<ordinal>` (the block's 0-based position among the page's code
    /// blocks) when none is set: Hugo's `RenderCodeblock`.
    pub fn apply_code_block(
        &mut self,
        attributes: &[(String, OptionValue)],
        ordinal: usize,
    ) -> Result<(), String> {
        let normalized = normalize(attributes.to_vec());
        self.weak_decode(&normalized)?;
        if self.line_anchors.is_empty() {
            self.line_anchors = format!("hl-{ordinal}");
        }
        Ok(())
    }

    /// The options string of the `highlight` shortcode / `transform.Highlight`
    /// (`"linenos=table,hl_lines=2 4-5,linenostart=199"`). `type` and `code` keys replace
    /// `lang` and `code`.
    pub fn apply_string(
        &mut self,
        opts: &str,
        lang: &mut String,
        code: &mut String,
    ) -> Result<(), String> {
        let parsed = parse_options_string(opts)?;
        self.apply_map(&parsed, lang, code)
    }

    /// The map form of those options (`dict "linenos" "table" "hl_lines" "2 4-5"`).
    pub fn apply_map(
        &mut self,
        opts: &[(String, OptionValue)],
        lang: &mut String,
        code: &mut String,
    ) -> Result<(), String> {
        let mut rest = Vec::with_capacity(opts.len());
        for (k, v) in opts {
            match k.to_lowercase().as_str() {
                "type" => *lang = go_cast_to_string(v),
                "code" => *code = go_cast_to_string(v),
                _ => rest.push((k.clone(), v.clone())),
            }
        }
        let normalized = normalize(rest);
        self.weak_decode(&normalized)
    }

    /// Chroma's formatter options (Hugo's `toHTMLOptions`); the error is Hugo's for an invalid
    /// `lineNos`. An `hl_lines` string that does not parse highlights nothing, as in Hugo.
    pub fn format_options(&self) -> Result<FormatOptions, String> {
        let (line_nos, in_table) = line_numbers(&self.line_nos, self.line_numbers_in_table)?;
        let ranges = match &self.hl_lines_parsed {
            Some(r) => r.clone(),
            None if !self.hl_lines.is_empty() => {
                hl_lines_to_ranges(self.line_no_start, &self.hl_lines).unwrap_or_default()
            }
            None => Vec::new(),
        };
        Ok(FormatOptions {
            classes: !self.no_classes,
            tab_width: self.tab_width,
            line_numbers: line_nos,
            line_numbers_in_table: in_table,
            base_line_number: self.line_no_start,
            linkable_line_numbers: self.anchor_line_nos,
            line_numbers_id_prefix: if self.line_anchors.is_empty() {
                String::new()
            } else {
                format!("{}-", self.line_anchors)
            },
            highlight_ranges: ranges,
            inline_code: self.hl_inline,
        })
    }

    /// `mapstructure.WeakDecode` into the config: keys match field names case-insensitively,
    /// unknown keys are ignored, all conversion errors are reported together.
    fn weak_decode(&mut self, entries: &[(String, OptionValue)]) -> Result<(), String> {
        let mut errors: Vec<String> = Vec::new();
        for (key, value) in entries {
            let key = key.to_lowercase();
            let r = match key.as_str() {
                "style" => to_string("Style", value).map(|v| self.style = v),
                "codefences" => to_bool("CodeFences", value).map(|v| self.code_fences = v),
                "wrapperclass" => to_string("WrapperClass", value).map(|v| self.wrapper_class = v),
                "noclasses" => to_bool("NoClasses", value).map(|v| self.no_classes = v),
                "linenos" => {
                    self.line_nos = match value {
                        OptionValue::Bool(b) => LineNos::Bool(*b),
                        OptionValue::String(s) if s == "inline" => LineNos::Inline,
                        OptionValue::String(s) if s == "table" => LineNos::Table,
                        other => LineNos::Invalid(other.go_describe()),
                    };
                    Ok(())
                }
                "linenumbersintable" => {
                    to_bool("LineNumbersInTable", value).map(|v| self.line_numbers_in_table = v)
                }
                "anchorlinenos" => {
                    to_bool("AnchorLineNos", value).map(|v| self.anchor_line_nos = v)
                }
                "lineanchors" => to_string("LineAnchors", value).map(|v| self.line_anchors = v),
                "linenostart" => to_int("LineNoStart", value).map(|v| self.line_no_start = v),
                "hl_lines" => to_string("Hl_Lines", value).map(|v| self.hl_lines = v),
                "hl_inline" => to_bool("Hl_inline", value).map(|v| self.hl_inline = v),
                "hl_lines_parsed" => match value {
                    OptionValue::Ranges(r) => {
                        self.hl_lines_parsed = Some(r.clone());
                        Ok(())
                    }
                    other => Err(format!(
                        "'HL_lines_parsed': source data must be an array or slice, got {}",
                        go_type(other)
                    )),
                },
                "tabwidth" => to_int("TabWidth", value).map(|v| self.tab_width = v),
                "guesssyntax" => to_bool("GuessSyntax", value).map(|v| self.guess_syntax = v),
                _ => Ok(()),
            };
            if let Err(e) = r {
                errors.push(e);
            }
        }
        if errors.is_empty() {
            return Ok(());
        }
        errors.sort();
        let points: Vec<String> = errors.iter().map(|e| format!("* {e}")).collect();
        Err(format!(
            "{} error(s) decoding:\n\n{}",
            errors.len(),
            points.join("\n")
        ))
    }
}

/// Hugo's `parseHighlightOptions`: `key=value` pairs split on `,`; keys trimmed of spaces,
/// values kept as written.
pub fn parse_options_string(s: &str) -> Result<Vec<(String, OptionValue)>, String> {
    let s = s.trim_matches(' ');
    let mut out = Vec::new();
    if s.is_empty() {
        return Ok(out);
    }
    for part in s.split(',') {
        let kv: Vec<&str> = part.split('=').collect();
        let key = kv[0].trim_matches(' ');
        if kv.len() != 2 {
            return Err(format!("invalid Highlight option: {key}"));
        }
        out.push((key.to_owned(), OptionValue::String(kv[1].to_owned())));
    }
    Ok(out)
}

/// Hugo's `normalizeHighlightOptions`: keys lower-cased (a later duplicate wins), `linenos`
/// strings become booleans (`table`/`inline` also set `lineNumbersInTable`), `hl_lines`
/// arrays are offset by `linenostart` and become `hl_lines_parsed`.
///
/// When `linenos=table|inline` and an explicit `lineNumbersInTable` are both given, Hugo's
/// outcome depends on Go's map iteration order (it varies from run to run: 23 of 30 builds
/// of `{linenos=inline,linenumbersintable=true}` made a table); here `linenos` wins.
fn normalize(entries: Vec<(String, OptionValue)>) -> Vec<(String, OptionValue)> {
    let mut m: Vec<(String, OptionValue)> = Vec::new();
    for (k, v) in entries {
        let k = k.to_lowercase();
        if let Some(slot) = m.iter_mut().find(|(key, _)| *key == k) {
            slot.1 = v;
        } else {
            m.push((k, v));
        }
    }
    let base = m
        .iter()
        .find(|(k, _)| k == "linenostart")
        .map_or(1, |(_, v)| go_cast_to_int(v));
    let mut out = Vec::with_capacity(m.len() + 1);
    let mut in_table = None;
    for (k, v) in m {
        match (k.as_str(), v) {
            ("linenos", OptionValue::String(s)) => {
                if s == "table" || s == "inline" {
                    in_table = Some(s == "table");
                }
                out.push((k, OptionValue::Bool(s != "false")));
            }
            ("hl_lines", OptionValue::Ranges(r)) => {
                let r = r
                    .into_iter()
                    .map(|(a, b)| (a.wrapping_add(base), b.wrapping_add(base)))
                    .collect();
                out.push(("hl_lines_parsed".to_owned(), OptionValue::Ranges(r)));
            }
            (_, v) => out.push((k, v)),
        }
    }
    if let Some(t) = in_table {
        out.retain(|(k, _)| k != "linenumbersintable");
        out.push(("linenumbersintable".to_owned(), OptionValue::Bool(t)));
    }
    out
}

/// Hugo's `hlLinesToRanges`: space-separated `N` or `N-M`, counted from `start`.
pub fn hl_lines_to_ranges(start: i64, s: &str) -> Result<Vec<(i64, i64)>, String> {
    let mut out = Vec::new();
    for field in s.trim().split(' ') {
        let field = field.trim();
        if field.is_empty() {
            continue;
        }
        let numbers: Vec<&str> = field.split('-').collect();
        let parse = |n: &str| {
            go_atoi(n).ok_or_else(|| format!("strconv.Atoi: parsing {n:?}: invalid syntax"))
        };
        let first = parse(numbers[0])?.wrapping_add(start).wrapping_sub(1);
        let second = match numbers.get(1) {
            Some(n) => parse(n)?.wrapping_add(start).wrapping_sub(1),
            None => first,
        };
        out.push((first, second));
    }
    Ok(out)
}

/// Go's `strconv.Atoi` (decimal, optional sign, 64-bit range).
fn go_atoi(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Go's `strconv.ParseInt(s, 0, 64)`: sign, then `0x`, `0o`, `0b`, leading-`0` octal or
/// decimal; underscores only between digits and only with a base prefix. The error is Go's
/// reason ("invalid syntax" or "value out of range").
fn go_parse_int_base0(s: &str) -> Result<i64, &'static str> {
    const SYNTAX: &str = "invalid syntax";
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let lower = body.to_ascii_lowercase();
    let (radix, digits, prefixed) = if let Some(d) = lower.strip_prefix("0x") {
        (16, d, true)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (8, d, true)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (2, d, true)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, &lower[1..], true)
    } else {
        (10, lower.as_str(), false)
    };
    if digits.contains('_') {
        // Go's underscoreOK: with a prefix, "_" must separate digits ("0_7" and "0x_1" are fine).
        let with_prefix = format!("0{digits}");
        if !prefixed || with_prefix.ends_with('_') || with_prefix.contains("__") {
            return Err(SYNTAX);
        }
    }
    let digits: String = digits.chars().filter(|&c| c != '_').collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return Err(SYNTAX);
    }
    let magnitude = u64::from_str_radix(&digits, radix).map_err(|_| "value out of range")?;
    if neg {
        if magnitude <= i64::MAX as u64 + 1 {
            Ok((magnitude as i64).wrapping_neg())
        } else {
            Err("value out of range")
        }
    } else {
        i64::try_from(magnitude).map_err(|_| "value out of range")
    }
}

/// Go's `float64 → int` for the values that matter (out of range saturates here).
fn go_float_to_int(f: f64) -> i64 {
    if f.is_nan() {
        i64::MIN
    } else {
        f as i64
    }
}

/// spf13/cast's `ToInt` (0 for what it cannot convert).
fn go_cast_to_int(v: &OptionValue) -> i64 {
    match v {
        OptionValue::Bool(b) => *b as i64,
        OptionValue::Int(n) => *n,
        OptionValue::Float(f) => go_float_to_int(*f),
        OptionValue::String(s) => go_parse_int_base0(trim_zero_decimal(s)).unwrap_or(0),
        OptionValue::Ranges(_) => 0,
    }
}

/// spf13/cast's `trimZeroDecimal`: "5.00" → "5" (but "5." stays).
fn trim_zero_decimal(s: &str) -> &str {
    let mut found_zero = false;
    for (i, b) in s.bytes().enumerate().rev() {
        match b {
            b'.' if found_zero => return &s[..i],
            b'.' => return s,
            b'0' => found_zero = true,
            _ => return s,
        }
    }
    s
}

/// spf13/cast's `ToString`.
fn go_cast_to_string(v: &OptionValue) -> String {
    match v {
        OptionValue::Bool(b) => b.to_string(),
        OptionValue::Int(n) => n.to_string(),
        OptionValue::Float(f) => go_format_float(*f),
        OptionValue::String(s) => s.clone(),
        OptionValue::Ranges(_) => String::new(),
    }
}

/// `strconv.FormatFloat(f, 'f', -1, 64)`.
fn go_format_float(f: f64) -> String {
    if f.is_nan() {
        "NaN".into()
    } else if f.is_infinite() {
        if f > 0.0 { "+Inf" } else { "-Inf" }.into()
    } else {
        format!("{f}")
    }
}

/// `%v` of a float64 (`%g` with Go's shortest digits; exponent form outside 1e-4..1e21).
fn go_float_v(f: f64) -> String {
    if f.is_finite() && f != 0.0 && (f.abs() < 1e-4 || f.abs() >= 1e21) {
        let s = format!("{f:e}");
        match s.split_once('e') {
            Some((m, e)) => {
                let (sign, digits) = e.strip_prefix('-').map_or(("+", e), |d| ("-", d));
                format!("{m}e{sign}{digits:0>2}")
            }
            None => s,
        }
    } else {
        go_format_float(f)
    }
}

fn go_ranges_v(r: &[(i64, i64)]) -> String {
    let inner: Vec<String> = r.iter().map(|(a, b)| format!("[{a} {b}]")).collect();
    format!("[{}]", inner.join(" "))
}

fn go_type(v: &OptionValue) -> &'static str {
    match v {
        OptionValue::Bool(_) => "bool",
        OptionValue::Int(_) => "int",
        OptionValue::Float(_) => "float64",
        OptionValue::String(_) => "string",
        OptionValue::Ranges(_) => "[][2]int",
    }
}

fn to_string(field: &str, v: &OptionValue) -> Result<String, String> {
    match v {
        OptionValue::String(s) => Ok(s.clone()),
        OptionValue::Bool(b) => Ok(if *b { "1" } else { "0" }.into()),
        OptionValue::Int(n) => Ok(n.to_string()),
        OptionValue::Float(f) => Ok(go_format_float(*f)),
        OptionValue::Ranges(r) => Err(format!(
            "'{field}' expected type 'string', got unconvertible type '[][2]int', value: '{}'",
            go_ranges_v(r)
        )),
    }
}

fn to_bool(field: &str, v: &OptionValue) -> Result<bool, String> {
    match v {
        OptionValue::Bool(b) => Ok(*b),
        OptionValue::Int(n) => Ok(*n != 0),
        OptionValue::Float(f) => Ok(*f != 0.0),
        OptionValue::String(s) => match s.as_str() {
            "1" | "t" | "T" | "true" | "TRUE" | "True" => Ok(true),
            "0" | "f" | "F" | "false" | "FALSE" | "False" | "" => Ok(false),
            _ => Err(format!(
                "cannot parse '{field}' as bool: strconv.ParseBool: parsing {}: invalid syntax",
                go_quote(s)
            )),
        },
        OptionValue::Ranges(r) => Err(format!(
            "'{field}' expected type 'bool', got unconvertible type '[][2]int', value: '{}'",
            go_ranges_v(r)
        )),
    }
}

fn to_int(field: &str, v: &OptionValue) -> Result<i64, String> {
    match v {
        OptionValue::Int(n) => Ok(*n),
        OptionValue::Bool(b) => Ok(*b as i64),
        OptionValue::Float(f) => Ok(go_float_to_int(*f)),
        OptionValue::String(s) => {
            let s = if s.is_empty() { "0" } else { s.as_str() };
            go_parse_int_base0(s).map_err(|why| {
                format!(
                    "cannot parse '{field}' as int: strconv.ParseInt: parsing {}: {why}",
                    go_quote(s)
                )
            })
        }
        OptionValue::Ranges(r) => Err(format!(
            "'{field}' expected type 'int', got unconvertible type '[][2]int', value: '{}'",
            go_ranges_v(r)
        )),
    }
}

/// Go's `%q` for the common case (printable text; `"` and `\` escaped).
fn go_quote(s: &str) -> String {
    format!("{s:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> OptionValue {
        OptionValue::String(v.into())
    }

    #[test]
    fn defaults_and_string_options() {
        let mut o = HighlightOptions::default();
        let (mut lang, mut code) = ("go".to_string(), "x".to_string());
        o.apply_string(
            "linenos=table,hl_lines=2 4-5,linenostart=199",
            &mut lang,
            &mut code,
        )
        .unwrap();
        assert_eq!(o.line_nos, LineNos::Bool(true));
        assert!(o.line_numbers_in_table);
        assert_eq!(o.line_no_start, 199);
        let f = o.format_options().unwrap();
        assert_eq!(f.highlight_ranges, vec![(200, 200), (202, 203)]);
        assert!(f.line_numbers && f.line_numbers_in_table);
        assert_eq!(f.tab_width, 4);

        let mut o = HighlightOptions::default();
        o.apply_string(
            " linenos=inline, lineNoStart=42, ANCHORLINENOS=true,type=rust",
            &mut lang,
            &mut code,
        )
        .unwrap();
        assert_eq!(lang, "rust");
        let f = o.format_options().unwrap();
        assert!(f.line_numbers && !f.line_numbers_in_table && f.linkable_line_numbers);
        assert_eq!(f.base_line_number, 42);

        assert_eq!(
            HighlightOptions::default().apply_string("linenos", &mut lang, &mut code),
            Err("invalid Highlight option: linenos".into())
        );
        assert_eq!(
            HighlightOptions::default().apply_string("a=b=c", &mut lang, &mut code),
            Err("invalid Highlight option: a".into())
        );
        // Values are not trimmed: " true" is not a boolean.
        assert_eq!(
            HighlightOptions::default().apply_string("style=x, noclasses= true", &mut lang, &mut code),
            Err("1 error(s) decoding:\n\n* cannot parse 'NoClasses' as bool: strconv.ParseBool: parsing \" true\": invalid syntax".into())
        );
    }

    #[test]
    fn code_block_attributes() {
        let mut o = HighlightOptions::default();
        let hl = OptionValue::Ranges(vec![(1, 1), (3, 4)]);
        o.apply_code_block(
            &[
                ("linenos".into(), s("table")),
                ("hl_lines".into(), hl),
                ("linenostart".into(), OptionValue::Float(5.0)),
            ],
            3,
        )
        .unwrap();
        let f = o.format_options().unwrap();
        assert_eq!(f.highlight_ranges, vec![(6, 6), (8, 9)]);
        assert_eq!(f.line_numbers_id_prefix, "hl-3-");
        // `linenos=foo` is true; `linenos=False` too (only "false" is false).
        for v in ["foo", "False"] {
            let mut o = HighlightOptions::default();
            o.apply_code_block(&[("lineNos".into(), s(v))], 0).unwrap();
            assert_eq!(o.line_nos, LineNos::Bool(true));
        }
        let mut o = HighlightOptions::default();
        o.apply_code_block(&[("linenos".into(), OptionValue::Float(1.0))], 0)
            .unwrap();
        assert_eq!(
            o.format_options(),
            Err(
                "lineNos must be one of true, false, \"inline\", or \"table\"; got 1 (float64)"
                    .into()
            )
        );
    }

    #[test]
    fn decode_errors_as_hugo_reports_them() {
        let mut o = HighlightOptions::default();
        assert_eq!(
            o.apply_code_block(&[("linenostart".into(), s("abc"))], 0),
            Err("1 error(s) decoding:\n\n* cannot parse 'LineNoStart' as int: strconv.ParseInt: parsing \"abc\": invalid syntax".into())
        );
        assert_eq!(
            o.apply_code_block(&[("noclasses".into(), s("maybe"))], 0),
            Err("1 error(s) decoding:\n\n* cannot parse 'NoClasses' as bool: strconv.ParseBool: parsing \"maybe\": invalid syntax".into())
        );
        let style = OptionValue::Ranges(vec![(0, 0)]);
        assert_eq!(
            o.apply_code_block(&[("tabwidth".into(), s("x")), ("style".into(), style)], 0),
            Err("2 error(s) decoding:\n\n* 'Style' expected type 'string', got unconvertible type '[][2]int', value: '[[0 0]]'\n* cannot parse 'TabWidth' as int: strconv.ParseInt: parsing \"x\": invalid syntax".into())
        );
    }

    #[test]
    fn ranges_and_numbers() {
        assert_eq!(hl_lines_to_ranges(1, " 1  3-4 "), Ok(vec![(1, 1), (3, 4)]));
        assert_eq!(hl_lines_to_ranges(10, "2"), Ok(vec![(11, 11)]));
        assert!(hl_lines_to_ranges(1, "2-x").is_err());
        assert_eq!(go_parse_int_base0("0x10"), Ok(16));
        assert_eq!(go_parse_int_base0("010"), Ok(8));
        assert_eq!(go_parse_int_base0("08"), Err("invalid syntax"));
        assert_eq!(go_parse_int_base0("-5"), Ok(-5));
        assert_eq!(go_parse_int_base0("1_000"), Err("invalid syntax"));
        assert_eq!(go_parse_int_base0("0x1_0"), Ok(16));
        assert_eq!(go_parse_int_base0("0_7"), Ok(7));
        assert_eq!(go_parse_int_base0("0x_1"), Ok(1));
        assert_eq!(go_parse_int_base0("0x1__0"), Err("invalid syntax"));
        assert_eq!(
            go_parse_int_base0("99999999999999999999"),
            Err("value out of range")
        );
        assert_eq!(go_parse_int_base0("-"), Err("invalid syntax"));
        assert_eq!(trim_zero_decimal("5.00"), "5");
        assert_eq!(trim_zero_decimal("5."), "5.");
        assert_eq!(go_cast_to_int(&s("5.0")), 5);
        assert_eq!(go_float_v(1e21), "1e+21");
        assert_eq!(go_float_v(1.5), "1.5");
    }
}
