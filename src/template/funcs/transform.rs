//! `markdownify`, `plainify`, `htmlEscape`, `htmlUnescape`, `emojify` (Hugo's
//! `tpl/transform`).

use super::cast::to_string;
use super::{want_args, want_between, FuncContext};
use crate::diagnostic::Severity;
use crate::template::value::{SafeKind, Value};

/// `markdownify`: the page's Markdown renderer, inline (a lone paragraph loses its `<p>`).
pub(super) fn markdownify(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("markdownify", args, 1)?;
    let text = to_string(&args[0])?;
    let html = ctx.host.render_markdown(&text, false);
    Ok(Value::safe(SafeKind::Html, html))
}

/// `highlight CODE LANG [OPTIONS]` (`transform.Highlight`): the code as the highlight
/// shortcode renders it, with the site's `markup.highlight` defaults. OPTIONS is a
/// `key=value,…` string or a map. Hugo drops an option error and returns nothing; the
/// preview returns nothing too and warns.
pub(super) fn highlight(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    if !(2..=3).contains(&args.len()) {
        return Err(format!(
            "wrong number of args for highlight: want at least 2 got {}",
            args.len()
        ));
    }
    let code = to_string(&args[0])?;
    let lang = to_string(&args[1])?;
    let highlighted = ctx.host.highlight(&code, &lang, args.get(2))?;
    if let Some(message) = highlighted.warning {
        ctx.problems
            .push((Severity::Warning, format!("highlight: {message}")));
    }
    if highlighted.pending {
        ctx.impure.set(true);
    }
    Ok(Value::safe(SafeKind::Html, highlighted.html))
}

/// `transform.CanHighlight LANG`: whether the highlighter has a lexer for LANG (Chroma's
/// names and aliases, any case; checked with Hugo 0.168: `go`, `GO`, `golang` yes, `` no).
/// Without a highlighter yet the answer is false, and the render is not one to remember.
pub(super) fn can_highlight(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("transform.CanHighlight", args, 1)?;
    let lang = to_string(&args[0])?;
    match ctx.host.can_highlight(&lang) {
        Some(known) => Ok(Value::Bool(known)),
        None => {
            ctx.impure.set(true);
            Ok(Value::Bool(false))
        }
    }
}

/// `plainify`: tags removed (Hugo's `StripHTML`, shared with summaries); HTML out, so
/// entities are not escaped twice.
pub(super) fn plainify(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("plainify", args, 1)?;
    let text = to_string(&args[0])?;
    Ok(Value::safe(
        SafeKind::Html,
        crate::rules::text::strip_html(&text),
    ))
}

/// `htmlEscape`: Go's `html.EscapeString`.
pub(super) fn html_escape(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("htmlEscape", args, 1)?;
    Ok(Value::from(crate::rules::escape::html(&to_string(
        &args[0],
    )?)))
}

/// `htmlUnescape`: Go's `html.UnescapeString`, for numeric references and the named
/// entities [`crate::rules::entities`] knows.
pub(super) fn html_unescape(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("htmlUnescape", args, 1)?;
    Ok(Value::from(crate::rules::entities::unescape(&to_string(
        &args[0],
    )?)))
}

/// `emojify`: `:smile:`-style codes replaced with emoji, as HTML (Hugo's
/// `helpers.Emojify`, see [`crate::rules::emoji::emojify`]).
pub(super) fn emojify(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("emojify", args, 1)?;
    if !crate::rules::emoji::AVAILABLE {
        ctx.problems.push((
            crate::diagnostic::Severity::Warning,
            format!("emojify: {}", crate::rules::emoji::UNAVAILABLE),
        ));
    }
    Ok(Value::safe(
        SafeKind::Html,
        crate::rules::emoji::emojify(&to_string(&args[0])?),
    ))
}

/// `jsonify [OPTIONS] VALUE` (`encoding.Jsonify`): Go's `json.Encoder` output of the value
/// (maps with sorted keys), as template.HTML. OPTIONS (keys in any case, values converted as
/// Hugo's `mapstructure.WeakDecode` converts them): `prefix` and `indent` as Go's
/// `SetIndent` takes them, `noHTMLEscape` to keep `<`, `>` and `&` (by default `\u` escapes).
/// No arguments give the empty string, as in Hugo.
pub(super) fn jsonify(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    let (options, value) = match args {
        [] => return Ok(Value::safe(SafeKind::Html, "")),
        [value] => (None, value),
        [options, value] => (Some(jsonify_options(options)?), value),
        _ => return Err("too many arguments to jsonify".into()),
    };
    let options = options.unwrap_or_default();
    let mut json = crate::template::escape::json_encode(value, !options.no_html_escape);
    if !options.prefix.is_empty() || !options.indent.is_empty() {
        json = crate::template::escape::json_indent(&json, &options.prefix, &options.indent);
    }
    Ok(Value::safe(SafeKind::Html, json))
}

/// Hugo's `jsonifyOpts`.
#[derive(Default)]
struct JsonifyOptions {
    prefix: String,
    indent: String,
    no_html_escape: bool,
}

fn jsonify_options(options: &Value) -> Result<JsonifyOptions, String> {
    // cast's `ToStringMapE` reads a string as a JSON object.
    let parsed;
    let map = match options {
        Value::Map(map) => map,
        Value::String(text) | Value::Safe(_, text) => {
            let json: serde_json::Value =
                serde_json::from_str(text).map_err(|error| error.to_string())?;
            parsed = Value::from_json(&json);
            match &parsed {
                Value::Map(map) => map,
                _ => return Err(super::cast::cannot_cast(options, "map[string]interface {}")),
            }
        }
        _ => return Err(super::cast::cannot_cast(options, "map[string]interface {}")),
    };
    let mut decoded = JsonifyOptions::default();
    for (key, value) in map.iter() {
        match key.to_ascii_lowercase().as_str() {
            "prefix" => decoded.prefix = to_string(value)?,
            "indent" => decoded.indent = to_string(value)?,
            "nohtmlescape" => {
                decoded.no_html_escape = match value {
                    Value::Bool(b) => *b,
                    Value::Int(i, _) => *i != 0,
                    Value::Float(f) => *f != 0.0,
                    Value::Nil => false,
                    other => {
                        let text = to_string(other)?;
                        if text.is_empty() {
                            false
                        } else {
                            crate::rules::cast::parse_bool(&text).ok_or_else(|| {
                            format!(
                                "1 error(s) decoding:\n\n* cannot parse 'NoHTMLEscape' as bool: \
                                 strconv.ParseBool: parsing {text:?}: invalid syntax"
                            )
                        })?
                        }
                    }
                }
            }
            // mapstructure ignores keys the struct does not have.
            _ => {}
        }
    }
    Ok(decoded)
}

/// Hugo's `FormatFromContentString` (with the default CSV delimiter) of `text`: `json`,
/// `toml`, `yaml`, `csv` or `xml`.
pub(super) fn detect_format(text: &str) -> Option<&'static str> {
    Some(match DataFormat::detect(text, ',')? {
        DataFormat::Csv => "csv",
        DataFormat::Json => "json",
        DataFormat::Toml => "toml",
        DataFormat::Xml => "xml",
        DataFormat::Yaml => "yaml",
    })
}

/// The formats `transform.Unmarshal` reads (Hugo's `metadecoders.Format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DataFormat {
    Csv,
    Json,
    Toml,
    Xml,
    Yaml,
}

impl DataFormat {
    /// A format's name as options and file extensions give it.
    fn from_name(name: &str) -> Option<DataFormat> {
        Some(match name.trim_start_matches('.').to_ascii_lowercase().as_str() {
            "csv" => DataFormat::Csv,
            "json" => DataFormat::Json,
            "toml" => DataFormat::Toml,
            "xml" => DataFormat::Xml,
            "yaml" | "yml" => DataFormat::Yaml,
            _ => return None,
        })
    }

    /// Hugo's `FormatFromContentString`: whichever of the CSV delimiter, `{`, `:`, `<` and
    /// `=` comes first decides (so `[1, 2]` is CSV, as in Hugo).
    fn detect(text: &str, delimiter: char) -> Option<DataFormat> {
        let candidates = [
            (text.find(delimiter), DataFormat::Csv),
            (text.find('{'), DataFormat::Json),
            (text.find(':'), DataFormat::Yaml),
            (text.find('<'), DataFormat::Xml),
            (text.find('='), DataFormat::Toml),
        ];
        // The earliest; on a tie the earlier candidate (Hugo's `isLowerIndexThan` order).
        candidates
            .iter()
            .filter_map(|(at, format)| at.map(|at| (at, *format)))
            .min_by_key(|(at, _)| *at)
            .map(|(_, format)| format)
    }
}

/// Hugo's decoder options (`transform.Unmarshal OPTIONS DATA`): keys without case.
struct DecoderOptions {
    format: Option<String>,
    csv: crate::rules::csv::Options,
    target_map: bool,
}

impl DecoderOptions {
    fn from_map(options: &crate::template::Map) -> Result<DecoderOptions, String> {
        let mut decoded = DecoderOptions {
            format: None,
            csv: Default::default(),
            target_map: false,
        };
        let one_char = |key: &str, value: &Value| -> Result<char, String> {
            let text = to_string(value)?;
            let mut chars = text.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(c),
                _ => Err(format!(
                    "failed to decode options: invalid {key} {text:?}: expected a single character"
                )),
            }
        };
        for (key, value) in options.iter() {
            match key.to_ascii_lowercase().as_str() {
                "format" => decoded.format = Some(to_string(value)?),
                "delimiter" => decoded.csv.delimiter = one_char("delimiter", value)?,
                "comment" => decoded.csv.comment = Some(one_char("comment", value)?),
                "lazyquotes" => decoded.csv.lazy_quotes = value.truthy(),
                "targettype" => match to_string(value)?.as_str() {
                    "map" => decoded.target_map = true,
                    "slice" => decoded.target_map = false,
                    other => {
                        return Err(format!(
                            "invalid targetType: expected either slice or map, received {other}"
                        ))
                    }
                },
                _ => {}
            }
        }
        Ok(decoded)
    }
}

/// `transform.Unmarshal [OPTIONS] DATA` (`unmarshal`): a string of JSON, TOML, YAML or CSV
/// decoded as Hugo decodes it, the format detected from the text as Hugo detects it (or
/// OPTIONS' `format`), numbers typed as the format's Go decoder types them (JSON `float64`,
/// TOML `int64`, YAML `uint64`/`int64`), CSV as a list of records (or of maps, with
/// `targetType` `map`). A blank string is nil. XML is not decoded by the preview (an error
/// that says so). DATA may also be a resource: its `.Content`, the format from its `.Name`'s
/// extension (the resources the site gives are read there).
pub(super) fn unmarshal(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    let (options, data) = match args {
        [data] => (None, data),
        [Value::Map(options), data] => (Some(DecoderOptions::from_map(options)?), data),
        [_, _] => return Err("first argument must be a map".into()),
        _ => return Err("unmarshal takes 1 or 2 arguments".into()),
    };
    let options = options.unwrap_or(DecoderOptions {
        format: None,
        csv: Default::default(),
        target_map: false,
    });
    let (text, name_format) = resource_text(ctx, data)?;
    if name_format.is_none() && text.trim().is_empty() {
        return Ok(Value::Nil);
    }
    let format = match &options.format {
        Some(name) => {
            DataFormat::from_name(name).ok_or_else(|| format!("format {name:?} not supported"))?
        }
        None => match name_format {
            Some(format) => format,
            None => DataFormat::detect(&text, options.csv.delimiter)
                .ok_or_else(|| "unknown format".to_string())?,
        },
    };
    decode_data(&text, format, &options)
}

/// The text of what `transform.Unmarshal` (and `openapi3.Unmarshal`) is given, and for a
/// resource the format its media type names (Hugo's `FormatFromStrings` of the type's
/// suffixes), else its file's extension.
pub(super) fn resource_text(
    ctx: &FuncContext,
    data: &Value,
) -> Result<(String, Option<DataFormat>), String> {
    Ok(match data {
        Value::Object(resource) => {
            // A resource: its text, in the format its media type names (Hugo's
            // `FormatFromStrings` of the type's suffixes), else its file's extension.
            let member = |ctx: &FuncContext, name: &str| {
                ctx.member(resource.as_ref(), name, &[]).ok().flatten()
            };
            let Some(content) = member(ctx, "Content") else {
                return Err(format!("type {} not supported", resource.type_name()));
            };
            let sub_type = member(ctx, "MediaType")
                .map(|media| crate::template::funcs::lookup_path_text(&media, "SubType"));
            let key = member(ctx, "Key")
                .or_else(|| member(ctx, "Name"))
                .map(|name| name.to_go_string())
                .unwrap_or_default();
            let format = sub_type
                .as_deref()
                .and_then(DataFormat::from_name)
                .or_else(|| {
                    key.rsplit_once('.')
                        .and_then(|(_, ext)| DataFormat::from_name(ext))
                })
                .ok_or_else(|| format!("MIME of {key:?} not supported"))?;
            (to_string(&content)?, Some(format))
        }
        other => (
            to_string(other).map_err(|_| format!("type {} not supported", other.type_name()))?,
            None,
        ),
    })
}

fn decode_data(text: &str, format: DataFormat, options: &DecoderOptions) -> Result<Value, String> {
    use crate::front_matter::{self, FrontMatterFormat};
    let tree = |format: FrontMatterFormat| -> Result<Value, String> {
        let map = front_matter::decode(format, text).map_err(|e| e.message)?;
        Ok(Value::from_decoded(
            &serde_json::Value::Object(map),
            front_matter::number_style(format),
        ))
    };
    match format {
        DataFormat::Toml => tree(FrontMatterFormat::Toml),
        DataFormat::Yaml => tree(FrontMatterFormat::Yaml).or_else(|error| {
            // Not a mapping: a list or a scalar at the top, which Hugo's decoder takes too.
            // Decoded as the value of one key, the text indented below it.
            let mut wrapped = String::from("v:\n");
            for line in text.lines() {
                wrapped.push_str("  ");
                wrapped.push_str(line);
                wrapped.push('\n');
            }
            let map = front_matter::decode(FrontMatterFormat::Yaml, &wrapped).map_err(|_| error)?;
            Ok(Value::from_decoded(
                map.get("v").unwrap_or(&serde_json::Value::Null),
                front_matter::number_style(FrontMatterFormat::Yaml),
            ))
        }),
        DataFormat::Json => {
            if front_matter::json::too_deep_at(text).is_some() {
                return Err(format!(
                    "unmarshal failed: JSON nested deeper than {} levels",
                    crate::limits::MAX_FRONT_MATTER_DEPTH
                ));
            }
            let value: serde_json::Value = serde_json::from_str(text)
                .map_err(|e| format!("unmarshal failed: {e}"))?;
            Ok(Value::from_decoded(&value, crate::template::NumberStyle::Float))
        }
        DataFormat::Csv => {
            let records = crate::rules::csv::read_all(text, options.csv)?;
            let Some((header, rows)) = records.split_first().filter(|_| options.target_map) else {
                if options.target_map {
                    return Err("cannot unmarshal CSV into *interface {}: expected at least a header row and one data row".into());
                }
                let list = records
                    .iter()
                    .map(|record| Value::list(record.iter().map(|f| Value::from(f.as_str())).collect()))
                    .collect::<Result<Vec<_>, _>>()?;
                return Ok(Value::list(list)?);
            };
            if rows.is_empty() {
                return Err("cannot unmarshal CSV into *interface {}: expected at least a header row and one data row".into());
            }
            let unique = crate::sorted::set(header.iter());
            if unique.len() != header.len() {
                return Err("cannot unmarshal CSV into *interface {}: header row contains duplicate field names".into());
            }
            let list = rows
                .iter()
                .map(|row| {
                    Value::map(crate::sorted::map(
                        header
                            .iter()
                            .zip(row)
                            .map(|(key, field)| (key.clone(), Value::from(field.as_str()))),
                    ))
                })
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Value::list(list)?)
        }
        DataFormat::Xml => Err(
            "XML is not decoded by the preview (Hugo's XML decoding is not reproduced); \
             use JSON, TOML, YAML or CSV"
                .into(),
        ),
    }
}

/// `transform.ToMath EXPRESSION [OPTIONS]`: LaTeX to MathML with KaTeX, Hugo's code
/// ([`crate::math`]). OPTIONS go to KaTeX's side as JSON, where `vendor/katex/katex.js` fills
/// Hugo's defaults and decodes them as Hugo does (one home for both builds). KaTeX's parse
/// errors are the function's error, as in Hugo; `strict: warn` warnings are warnings. While
/// the package loads KaTeX, the formula shows as its TeX (the render says `mathPending`, and
/// is not remembered).
pub(super) fn to_math(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    let Some(expression) = args.first() else {
        return Err("must provide at least one argument".into());
    };
    let expression = to_string(expression)?;
    let mut request = String::with_capacity(expression.len() + 64);
    request.push_str("{\"expression\":");
    crate::rules::escape::push_json_string(&mut request, &expression);
    request.push_str(",\"options\":");
    request.push_str(&args.get(1).map_or_else(
        || "null".into(),
        |options| crate::template::escape::json_encode(options, false),
    ));
    request.push('}');
    match ctx.host.to_math(&request) {
        crate::math::Answer::Html { html, warnings } => {
            for warning in warnings {
                ctx.problems
                    .push((Severity::Warning, format!("transform.ToMath: {warning}")));
            }
            Ok(Value::safe(SafeKind::Html, html))
        }
        crate::math::Answer::Error(message) => Err(message),
        crate::math::Answer::Unavailable if ctx.host.math_available() => {
            ctx.impure.set(true);
            let mut tex = String::with_capacity(expression.len() + 32);
            tex.push_str("<span class=\"katex\">");
            crate::rules::escape::push_html(&mut tex, &expression);
            tex.push_str("</span>");
            Ok(Value::safe(SafeKind::Html, tex))
        }
        crate::math::Answer::Unavailable => Err(
            "this build of the preview has no KaTeX (the npm package loads it, the CLI and \
             library have it with the cargo feature `math`)"
                .into(),
        ),
    }
}

/// `minify` (`resources.Minify`): the resource unchanged (a preview does not minify; the
/// page looks the same). Hugo refuses anything but a resource, with Go's message.
pub(super) fn minify(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("minify", args, 1)?;
    match &args[0] {
        resource @ Value::Object(_) => Ok(resource.clone()),
        other => Err(format!(
            "wrong type for value; expected resources.ResourceTransformer; got {}",
            other.type_name()
        )),
    }
}

/// `transform.XMLEscape`: Go's `xml.EscapeText` (after Hugo drops the characters XML
/// cannot hold); checked with Hugo 0.168: `<a & 'b'>` gives `&lt;a &amp; &#39;b&#39;&gt;`.
pub(super) fn xml_escape(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("transform.XMLEscape", args, 1)?;
    let text = to_string(&args[0])?;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\t' => out.push_str("&#x9;"),
            '\n' => out.push_str("&#xA;"),
            '\r' => out.push_str("&#xD;"),
            // Not XML characters: Hugo leaves them out.
            c if (c as u32) < 0x20 || matches!(c as u32, 0xFFFE | 0xFFFF) => {}
            c => out.push(c),
        }
    }
    Ok(Value::from(out))
}

/// A highlighting options map (`highlight CODE LANG MAP`, a code block's `.Options`) as the
/// JSON object the highlighter reads.
pub(crate) fn options_json(map: &crate::template::Map) -> String {
    let mut json = String::from("{");
    for (i, (key, value)) in map.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        crate::rules::escape::push_json_string(&mut json, key);
        json.push(':');
        push_option_json(&mut json, value);
    }
    json.push('}');
    json
}

/// A highlighting option as the JSON the highlighter reads: booleans and numbers as
/// themselves, a list as a list of its items (a code block's `.Options.hl_lines` is a list of
/// `[first, last]` line ranges), anything else as a string. Two levels at most: deeper
/// lists are strings.
fn push_option_json(json: &mut String, value: &Value) {
    push_option_item(json, value, 2);
}

fn push_option_item(json: &mut String, value: &Value, lists: u8) {
    match value {
        Value::Bool(_) | Value::Int(..) | Value::Float(_) => json.push_str(&value.to_go_string()),
        Value::List(items) if lists > 0 => {
            json.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    json.push(',');
                }
                push_option_item(json, item, lists - 1);
            }
            json.push(']');
        }
        other => crate::rules::escape::push_json_string(json, &other.to_go_string()),
    }
}

/// `transform.HighlightCodeBlock CONTEXT [OPTIONS]`: the code block a render hook is given
/// (its `.Inner`, `.Type`, `.Attributes` and `.Options`), coloured as Hugo colours a fenced
/// block, with OPTIONS (a map) over its own. A `HighlightResult`: `.Wrapped` is the whole
/// block, `.Inner` the coloured lines alone.
pub(super) fn highlight_code_block(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_between("transform.HighlightCodeBlock", args, 1, 2)?;
    let wrong = || {
        format!(
            "wrong type for value; expected hooks.CodeblockContext; got {}",
            args[0].type_name()
        )
    };
    // A code block hook's context (the render stage gives it as a map of its members).
    let member = |ctx: &FuncContext, name: &str| -> Result<Value, String> {
        match &args[0] {
            Value::Object(block) => ctx.member(block.as_ref(), name, &[])?.ok_or_else(wrong),
            Value::Map(map) if map.contains_key("Inner") && map.contains_key("Type") => {
                Ok(map.get(name).cloned().unwrap_or(Value::Nil))
            }
            _ => Err(wrong()),
        }
    };
    let code = to_string(&member(ctx, "Inner")?)?;
    let lang = to_string(&member(ctx, "Type")?)?;
    let mut settings = crate::template::Map::new();
    for source in [member(ctx, "Attributes")?, member(ctx, "Options")?]
        .iter()
        .chain(args.get(1))
    {
        match source {
            Value::Map(map) => settings.extend(map.iter().map(|(k, v)| (k.clone(), v.clone()))),
            Value::Nil => {}
            other => {
                return Err(format!(
                    "unable to cast {} of type {} to map[string]interface{{}}",
                    other.to_go_string(),
                    other.type_name()
                ))
            }
        }
    }
    let highlighted = ctx.host.highlight_block(&code, &lang, options_json(&settings))?;
    if let Some(message) = highlighted.warning {
        ctx.problems
            .push((Severity::Warning, format!("transform.HighlightCodeBlock: {message}")));
    }
    if highlighted.pending {
        ctx.impure.set(true);
    }
    Ok(Value::Object(std::rc::Rc::new(HighlightResult(highlighted.html))))
}

/// Hugo's `highlight.HighlightResult`.
struct HighlightResult(String);

impl HighlightResult {
    /// The lines inside the block's last `<code …>` (the one with the code when line numbers
    /// sit in a table beside it).
    fn inner(&self) -> &str {
        let html = &self.0;
        let Some(open) = html.rfind("<code") else {
            return "";
        };
        let Some(start) = html[open..].find('>').map(|i| open + i + 1) else {
            return "";
        };
        let end = html[start..].find("</code>").map_or(html.len(), |i| start + i);
        &html[start..end]
    }
}

impl crate::template::Object for HighlightResult {
    fn type_name(&self) -> &str {
        "highlight.HighlightResult"
    }

    fn arity(&self, _name: &str) -> crate::template::Arity {
        crate::template::Arity::Fixed(0)
    }

    fn get(&self, name: &str, _args: &[Value]) -> Result<Option<Value>, String> {
        Ok(Some(match name {
            "Wrapped" => Value::safe(SafeKind::Html, self.0.as_str()),
            "Inner" => Value::safe(SafeKind::Html, self.inner()),
            _ => return Ok(None),
        }))
    }

    fn display(&self) -> String {
        self.0.clone()
    }
}
