//! `relURL`, `absURL`, `relLangURL`, `absLangURL`, `urlize`, `anchorize`, `urls.JoinPath`,
//! `ref`, `relref` (Hugo's `tpl/urls` over `helpers/url.go` and `hugolib/page__ref.go`).
//!
//! A path that starts with `/` is relative to the server root, any other to the `baseURL`
//! (with `baseURL = "https://example.org/docs/"`: `relURL "a"` → `/docs/a`, `relURL "/a"` →
//! `/a`, `absURL "a"` → `https://example.org/docs/a`, `absURL "/a"` →
//! `https://example.org/a`). A preview has one language, so the `Lang` variants add no
//! language prefix.

use super::cast::to_string;
use crate::rules::path::join;
use super::{want_args, want_at_least, FuncContext, RefFrom};
use crate::diagnostic::Severity;
use crate::reference::split_base;
use crate::rules::anchor::AutoIdType;
use crate::rules::net_url;
use crate::template::value::{Arity, Object, Value};
use std::rc::Rc;

/// Go's `url.IsAbs`: the text starts with a scheme (`https:`, `mailto:`).
fn has_scheme(s: &str) -> bool {
    let Some(colon) = s.find(':') else {
        return false;
    };
    let scheme = &s[..colon];
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Splits `path?query#fragment`.
fn split_suffix(s: &str) -> (&str, &str) {
    match s.find(['?', '#']) {
        Some(at) => s.split_at(at),
        None => (s, ""),
    }
}

/// Hugo's `PathSpec.AbsURL`.
pub(crate) fn abs_url_of(base_url: &str, input: &str) -> String {
    if has_scheme(input) || input.starts_with("//") {
        return input.to_string();
    }
    let (root, base_path) = split_base(base_url);
    let base_path = if input.starts_with('/') {
        ""
    } else {
        base_path
    };
    let (path, suffix) = split_suffix(input);
    let mut joined = join(&[base_path, path]);
    let had_trailing_slash = (input.is_empty()
        && (base_url.ends_with('/') || base_path.ends_with('/')))
        || path.ends_with('/');
    if had_trailing_slash && !joined.ends_with('/') {
        joined.push('/');
    }
    if !root.is_empty() && !joined.starts_with('/') {
        joined.insert(0, '/');
    }
    format!("{root}{joined}{suffix}")
}

/// Hugo's `PathSpec.RelURL` (with `canonifyURLs` off, its default).
pub(crate) fn rel_url_of(base_url: &str, input: &str) -> String {
    let (root, _) = split_base(base_url);
    let base = if input.starts_with('/') {
        root
    } else {
        base_url
    };
    if (!input.starts_with(base) && input.starts_with("http")) || input.starts_with("//") {
        return input.to_string();
    }
    let relative = input.strip_prefix(base).unwrap_or(input);
    let (_, base_path) = split_base(base);
    // Hugo's `AddContextRoot`.
    let mut u = join(&[base_path, relative]);
    if u != "/" && relative.ends_with('/') {
        u.push('/');
    }
    if input.is_empty() && !u.ends_with('/') && base.ends_with('/') {
        u.push('/');
    }
    if !u.starts_with('/') {
        u.insert(0, '/');
    }
    u
}

pub(super) fn abs_url(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("absURL", args, 1)?;
    Ok(Value::from(abs_url_of(
        ctx.host.base_url(),
        &to_string(&args[0])?,
    )))
}

pub(super) fn rel_url(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("relURL", args, 1)?;
    Ok(Value::from(rel_url_of(
        ctx.host.base_url(),
        &to_string(&args[0])?,
    )))
}

pub(super) fn abs_lang_url(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("absLangURL", args, 1)?;
    Ok(Value::from(abs_url_of(
        ctx.host.base_url(),
        &to_string(&args[0])?,
    )))
}

pub(super) fn rel_lang_url(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("relLangURL", args, 1)?;
    Ok(Value::from(rel_url_of(
        ctx.host.base_url(),
        &to_string(&args[0])?,
    )))
}

/// `anchorize`: the heading id Hugo's default `github` id type makes of the text.
pub(super) fn anchorize(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("anchorize", args, 1)?;
    let text = to_string(&args[0])?;
    Ok(Value::from(crate::rules::anchor::sanitize_anchor(
        &text,
        AutoIdType::Github,
    )))
}

/// `urlize`: Hugo's `URLize`: letters, digits, marks and `. / \ _ # + ~ - @` (and valid
/// `%XX` escapes) kept, runs of spaces and hyphens become one hyphen, the rest dropped,
/// lower-cased, then non-ASCII percent-encoded (`Vim (text editor)` → `vim-text-editor`).
pub(super) fn urlize(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("urlize", args, 1)?;
    let text = to_string(&args[0])?;
    Ok(Value::from(crate::rules::path::urlize(&text)))
}

/// `urls.JoinPath ELEMENT…`: Go's `url.JoinPath`: the first element may be a URL; the
/// elements (lists are spread) are joined and cleaned, a trailing `/` kept.
pub(super) fn join_path(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_at_least("urls.JoinPath", args, 0)?;
    let mut elements: Vec<String> = Vec::new();
    for arg in args {
        match arg {
            Value::List(items) => {
                for item in items.iter() {
                    elements.push(to_string(item)?);
                }
            }
            other => elements.push(to_string(other)?),
        }
    }
    let Some((first, rest)) = elements.split_first() else {
        return Ok(Value::from(""));
    };
    let (root, base) = if has_scheme(first) || first.starts_with("//") {
        split_base(first)
    } else {
        ("", first.as_str())
    };
    let (base_path, suffix) = split_suffix(base);
    let trailing_slash = rest.last().map_or(base_path, String::as_str).ends_with('/');
    // Go roots a relative path before joining so that `..` cannot climb above it.
    let rooted = if base_path.starts_with('/') {
        base_path.to_string()
    } else {
        format!("/{base_path}")
    };
    let mut parts: Vec<&str> = vec![&rooted];
    parts.extend(rest.iter().map(String::as_str));
    let mut path = join(&parts);
    if !base_path.starts_with('/') {
        path.remove(0);
    }
    if trailing_slash && !path.ends_with('/') {
        path.push('/');
    }
    if !root.is_empty() && !path.is_empty() && !path.starts_with('/') {
        path.insert(0, '/');
    }
    Ok(Value::from(format!("{root}{path}{suffix}")))
}

/// `ref PAGE ARGS` / `urls.Ref`: the permalink (base URL included) of the page ARGS names.
pub(super) fn ref_(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    reference(ctx, args, false)
}

/// `relref PAGE ARGS` / `urls.RelRef`: the relative permalink of the page ARGS names.
pub(super) fn rel_ref(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    reference(ctx, args, true)
}

/// Hugo's `urls.Ref`/`RelRef` over `Page.RefFrom`: PAGE is a page or a shortcode context
/// (which names its position in the `REF_NOT_FOUND` message); ARGS is a path
/// (`"other.md#sec"`), a list `(slice PATH [OUTPUTFORMAT])`, or a map with `path`, `lang`
/// and `outputFormat`. Resolution and the not-found policy are the host's ([`super::Host::reference`]).
fn reference(ctx: &mut FuncContext, args: &[Value], relative: bool) -> Result<Value, String> {
    let (func, method) = if relative {
        ("relref", "RelRef")
    } else {
        ("ref", "Ref")
    };
    want_args(func, args, 2)?;
    let position;
    let source = match &args[0] {
        Value::Object(object) if object.type_name() == "*hugolib.ShortcodeWithPage" => {
            position = match ctx.member(object.as_ref(), "Position", &[]) {
                Ok(Some(value)) => value.to_go_string(),
                _ => String::new(),
            };
            RefFrom::Position(&position)
        }
        Value::Object(object) if object.type_name() == "page.Page" => RefFrom::Page,
        _ => return Err(format!("invalid Page received in {method}")),
    };
    let path = match &args[1] {
        Value::Map(map) => map
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case("path"))
            .map(|(_, value)| to_string(value).unwrap_or_else(|_| value.to_go_string()))
            .unwrap_or_default(),
        Value::List(items) => {
            if items.is_empty() || items.len() > 2 {
                return Err("invalid number of arguments to ref".into());
            }
            to_string(&items[0]).unwrap_or_default()
        }
        other => to_string(other)?,
    };
    if path.is_empty() {
        return Ok(Value::from(""));
    }
    let (link, not_found) = ctx.host.reference(&path, !relative, source);
    if let Some(message) = not_found {
        ctx.problems.push((Severity::Warning, message));
    }
    Ok(Value::from(link))
}

/// `urls.Parse URL`: Go's `url.Parse` of the string, a `*url.URL` with its fields and
/// methods (`.Scheme`, `.Host`, `.Path`, `.Query.Get "x"`, `.IsAbs`, `.String`, …).
pub(super) fn parse(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("urls.Parse", args, 1)?;
    let raw = to_string(&args[0])?;
    Ok(UrlObject::value(net_url::parse(&raw)?))
}

/// `urls.PathEscape`: Go's `url.PathEscape`.
pub(super) fn path_escape(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("urls.PathEscape", args, 1)?;
    Ok(Value::from(net_url::path_escape(&to_string(&args[0])?)))
}

/// `urls.PathUnescape`: Go's `url.PathUnescape`.
pub(super) fn path_unescape(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    want_args("urls.PathUnescape", args, 1)?;
    Ok(Value::from(net_url::path_unescape(&to_string(&args[0])?)?))
}

/// Go's `*url.URL`.
struct UrlObject(net_url::Url);

impl UrlObject {
    fn value(url: net_url::Url) -> Value {
        Value::Object(Rc::new(UrlObject(url)))
    }
}

impl Object for UrlObject {
    fn type_name(&self) -> &str {
        "*url.URL"
    }

    fn arity(&self, name: &str) -> Arity {
        match name {
            "Scheme" | "Opaque" | "User" | "Host" | "Path" | "RawPath" | "OmitHost"
            | "ForceQuery" | "RawQuery" | "Fragment" | "RawFragment" => Arity::Field,
            "Parse" | "ResolveReference" => Arity::Fixed(1),
            "JoinPath" => Arity::Variadic(0),
            _ => Arity::Fixed(0),
        }
    }

    fn get(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String> {
        let url = &self.0;
        let text = |s: &str| Value::from(s);
        Ok(Some(match name {
            "Scheme" => text(&url.scheme),
            "Opaque" => text(&url.opaque),
            "User" => match &url.user {
                Some(user) => Value::Object(Rc::new(UserInfoObject(user.clone()))),
                None => Value::Nil,
            },
            "Host" => text(&url.host),
            "Path" => text(&url.path),
            "RawPath" => text(&url.raw_path),
            "OmitHost" => Value::Bool(url.omit_host),
            "ForceQuery" => Value::Bool(url.force_query),
            "RawQuery" => text(&url.raw_query),
            "Fragment" => text(&url.fragment),
            "RawFragment" => text(&url.raw_fragment),
            "EscapedPath" => Value::from(url.escaped_path()),
            "EscapedFragment" => Value::from(url.escaped_fragment()),
            "String" => Value::from(url.to_url_string()),
            "Redacted" => Value::from(url.redacted()),
            "IsAbs" => Value::Bool(!url.scheme.is_empty()),
            "Hostname" => text(url.hostname()),
            "Port" => text(url.port()),
            "RequestURI" => Value::from(url.request_uri()),
            "Query" => Value::Object(Rc::new(QueryValues(url.query()))),
            "Parse" => {
                let reference = net_url::parse(&to_string(&args[0])?)?;
                UrlObject::value(url.resolve_reference(&reference))
            }
            "ResolveReference" => match &args[0] {
                Value::Object(object) if object.type_name() == "*url.URL" => {
                    let reference = net_url::parse(&object.display())?;
                    UrlObject::value(url.resolve_reference(&reference))
                }
                other => {
                    return Err(format!(
                        "wrong type for value; expected *url.URL; got {}",
                        other.type_name()
                    ))
                }
            },
            "JoinPath" => {
                let elements = args.iter().map(to_string).collect::<Result<Vec<_>, _>>()?;
                UrlObject::value(url.join_path(&elements))
            }
            _ => return Ok(None),
        }))
    }

    /// Go's `fmt` prints a `*url.URL` with its `String` method.
    fn display(&self) -> String {
        self.0.to_url_string()
    }
}

/// Go's `*url.Userinfo`.
struct UserInfoObject(net_url::UserInfo);

impl Object for UserInfoObject {
    fn type_name(&self) -> &str {
        "*url.Userinfo"
    }

    fn arity(&self, _name: &str) -> Arity {
        Arity::Fixed(0)
    }

    fn get(&self, name: &str, _args: &[Value]) -> Result<Option<Value>, String> {
        Ok(Some(match name {
            "Username" => Value::from(self.0.username.as_str()),
            "String" => Value::from(self.0.to_url_string()),
            // Go's templates cannot call a method that returns (string, bool).
            "Password" => {
                return Err("invalid function signature for Password: second return value \
                            should be error; is bool"
                    .into())
            }
            _ => return Ok(None),
        }))
    }

    fn display(&self) -> String {
        self.0.to_url_string()
    }
}

/// Go's `url.Values` (`.Query`): a map of lists with `Get`, `Has` and `Encode`; any other
/// name is a key (`.Query.x`, `index .Query "x"`).
struct QueryValues(std::collections::BTreeMap<String, Vec<String>>);

impl Object for QueryValues {
    fn type_name(&self) -> &str {
        "url.Values"
    }

    fn arity(&self, name: &str) -> Arity {
        match name {
            "Get" | "Has" => Arity::Fixed(1),
            "Encode" => Arity::Fixed(0),
            _ => Arity::Field,
        }
    }

    fn get(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String> {
        let values = &self.0;
        Ok(Some(match name {
            "Get" => Value::from(
                values
                    .get(&to_string(&args[0])?)
                    .and_then(|list| list.first())
                    .map_or("", String::as_str),
            ),
            "Has" => Value::Bool(values.contains_key(&to_string(&args[0])?)),
            "Encode" => Value::from(net_url::encode_query(values)),
            key => match values.get(key) {
                Some(list) => Value::list(list.iter().map(|v| Value::from(v.as_str())).collect())?,
                None => Value::Nil,
            },
        }))
    }

    fn truthy(&self) -> bool {
        !self.0.is_empty()
    }

    fn items(&self) -> Option<Value> {
        let map = crate::sorted::map(self.0.iter().map(|(key, list)| {
            let list = Value::list(list.iter().map(|v| Value::from(v.as_str())).collect());
            (key.clone(), list.unwrap_or_default())
        }));
        Value::map(map).ok()
    }

    /// As Go prints a `map[string][]string`: `map[x:[1 3] y:[2]]`.
    fn display(&self) -> String {
        let entries: Vec<String> = self
            .0
            .iter()
            .map(|(key, list)| format!("{key}:[{}]", list.join(" ")))
            .collect();
        format!("map[{}]", entries.join(" "))
    }
}
