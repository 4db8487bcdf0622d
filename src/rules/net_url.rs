//! Go's `net/url` (Go 1.24, what Hugo 0.168 is built with): `url.Parse` and what a parsed
//! URL answers (`String`, `EscapedPath`, `Hostname`, `Query`, …), for `urls.Parse`. Ported
//! from `net/url/url.go`: the same escaping table, the same splitting order and the same
//! error messages, so that a template gets the fields and the errors Hugo's gets.

use std::collections::BTreeMap;
use std::fmt::Write;

/// Go's `url.URL`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Url {
    pub scheme: String,
    pub opaque: String,
    pub user: Option<UserInfo>,
    pub host: String,
    pub path: String,
    pub raw_path: String,
    pub omit_host: bool,
    pub force_query: bool,
    pub raw_query: String,
    pub fragment: String,
    pub raw_fragment: String,
}

/// Go's `url.Userinfo`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserInfo {
    pub username: String,
    pub password: Option<String>,
}

impl UserInfo {
    /// Go's `Userinfo.String`: `user[:password]`, escaped.
    pub fn to_url_string(&self) -> String {
        let mut s = escape(&self.username, Encoding::UserPassword);
        if let Some(password) = &self.password {
            s.push(':');
            s.push_str(&escape(password, Encoding::UserPassword));
        }
        s
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Path,
    PathSegment,
    Host,
    UserPassword,
    QueryComponent,
    Fragment,
}

/// Go's `shouldEscape` (RFC 3986, as Go reads it).
fn should_escape(c: u8, mode: Encoding) -> bool {
    if c.is_ascii_alphanumeric() {
        return false;
    }
    if mode == Encoding::Host
        && matches!(
            c,
            b'!' | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b':'
                | b'['
                | b']'
                | b'<'
                | b'>'
                | b'"'
        )
    {
        return false;
    }
    match c {
        b'-' | b'_' | b'.' | b'~' => return false,
        b'$' | b'&' | b'+' | b',' | b'/' | b':' | b';' | b'=' | b'?' | b'@' => match mode {
            Encoding::Path => return c == b'?',
            Encoding::PathSegment => return matches!(c, b'/' | b';' | b',' | b'?'),
            Encoding::UserPassword => return matches!(c, b'@' | b'/' | b'?' | b':'),
            Encoding::QueryComponent => return true,
            Encoding::Fragment => return false,
            Encoding::Host => {}
        },
        _ => {}
    }
    if mode == Encoding::Fragment && matches!(c, b'!' | b'(' | b')' | b'*') {
        return false;
    }
    true
}

/// Go's `escape`.
fn escape(s: &str, mode: Encoding) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if should_escape(b, mode) {
            if b == b' ' && mode == Encoding::QueryComponent {
                out.push('+');
            } else {
                let _ = write!(out, "%{b:02X}");
            }
        } else {
            out.push(b as char);
        }
    }
    out
}

fn unhex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

/// Go's `unescape`, with its errors (`invalid URL escape "%zz"`, `invalid character " " in
/// host name`).
fn unescape(s: &str, mode: Encoding) -> Result<String, String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let (high, low) = match (bytes.get(i + 1), bytes.get(i + 2)) {
                    (Some(&h), Some(&l)) => (unhex(h), unhex(l)),
                    _ => (None, None),
                };
                let (Some(high), Some(low)) = (high, low) else {
                    let end = (i + 3).min(bytes.len());
                    let bad = String::from_utf8_lossy(&bytes[i..end]);
                    return Err(format!(
                        "invalid URL escape {}",
                        crate::rules::quote::quote(&bad)
                    ));
                };
                if mode == Encoding::Host && high < 8 && &bytes[i..i + 3] != b"%25" {
                    let bad = String::from_utf8_lossy(&bytes[i..i + 3]);
                    return Err(format!(
                        "invalid URL escape {}",
                        crate::rules::quote::quote(&bad)
                    ));
                }
                out.push(high << 4 | low);
                i += 3;
            }
            b'+' => {
                out.push(if mode == Encoding::QueryComponent {
                    b' '
                } else {
                    b'+'
                });
                i += 1;
            }
            b => {
                if mode == Encoding::Host
                    && b < 0x80
                    && should_escape(b, mode)
                {
                    return Err(format!(
                        "invalid character {} in host name",
                        crate::rules::quote::quote(&(b as char).to_string())
                    ));
                }
                out.push(b);
                i += 1;
            }
        }
    }
    // Go strings hold any bytes; a template's strings are UTF-8.
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// Go's `getScheme`.
fn get_scheme(raw: &str) -> Result<(&str, &str), String> {
    for (i, c) in raw.bytes().enumerate() {
        match c {
            b'a'..=b'z' | b'A'..=b'Z' => {}
            b'0'..=b'9' | b'+' | b'-' | b'.' => {
                if i == 0 {
                    return Ok(("", raw));
                }
            }
            b':' => {
                if i == 0 {
                    return Err("missing protocol scheme".into());
                }
                return Ok((&raw[..i], &raw[i + 1..]));
            }
            _ => return Ok(("", raw)),
        }
    }
    Ok(("", raw))
}

/// Go's `validOptionalPort`.
fn valid_optional_port(port: &str) -> bool {
    match port.strip_prefix(':') {
        None => port.is_empty(),
        Some(digits) => digits.bytes().all(|b| b.is_ascii_digit()),
    }
}

/// Go's `parseHost` (IPv6 literals are checked for their brackets and port, not parsed).
fn parse_host(host: &str) -> Result<String, String> {
    if host.starts_with('[') {
        let Some(close) = host.rfind(']') else {
            return Err("missing ']' in host".into());
        };
        let colon_port = &host[close + 1..];
        if !valid_optional_port(colon_port) {
            return Err(format!(
                "invalid port {} after host",
                crate::rules::quote::quote(colon_port)
            ));
        }
    } else if let Some(colon) = host.rfind(':') {
        let colon_port = &host[colon..];
        if !valid_optional_port(colon_port) {
            return Err(format!(
                "invalid port {} after host",
                crate::rules::quote::quote(colon_port)
            ));
        }
    }
    unescape(host, Encoding::Host)
}

/// Go's `validUserinfo`.
fn valid_userinfo(s: &str) -> bool {
    s.chars().all(|c| {
        c.is_ascii_alphanumeric()
            || matches!(
                c,
                '-' | '.'
                    | '_'
                    | ':'
                    | '~'
                    | '!'
                    | '$'
                    | '&'
                    | '\''
                    | '('
                    | ')'
                    | '*'
                    | '+'
                    | ','
                    | ';'
                    | '='
                    | '%'
                    | '@'
            )
            || !c.is_ascii()
    })
}

/// Go's `parseAuthority`.
fn parse_authority(authority: &str) -> Result<(Option<UserInfo>, String), String> {
    let at = authority.rfind('@');
    let host = parse_host(match at {
        Some(i) => &authority[i + 1..],
        None => authority,
    })?;
    let Some(at) = at else {
        return Ok((None, host));
    };
    let userinfo = &authority[..at];
    if !valid_userinfo(userinfo) {
        return Err("net/url: invalid userinfo".into());
    }
    let user = match userinfo.split_once(':') {
        None => UserInfo {
            username: unescape(userinfo, Encoding::UserPassword)?,
            password: None,
        },
        Some((username, password)) => UserInfo {
            username: unescape(username, Encoding::UserPassword)?,
            password: Some(unescape(password, Encoding::UserPassword)?),
        },
    };
    Ok((Some(user), host))
}

/// Go's `validEncoded`.
fn valid_encoded(s: &str, mode: Encoding) -> bool {
    s.bytes().all(|b| {
        matches!(
            b,
            b'!' | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b':'
                | b'@'
                | b'['
                | b']'
                | b'%'
        ) || !should_escape(b, mode)
    })
}

/// Go's `url.Parse`; the error as Go's `url.Error` prints it (`parse "RAW": REASON`).
pub fn parse(raw: &str) -> Result<Url, String> {
    let (rest, fragment) = match raw.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment)),
        None => (raw, None),
    };
    let fail = |url: &str, reason: String| {
        format!("parse {}: {reason}", crate::rules::quote::quote(url))
    };
    let mut url = parse_without_fragment(rest).map_err(|reason| fail(rest, reason))?;
    if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
        url.fragment = unescape(fragment, Encoding::Fragment).map_err(|r| fail(raw, r))?;
        if escape(&url.fragment, Encoding::Fragment) != fragment {
            url.raw_fragment = fragment.to_owned();
        }
    }
    Ok(url)
}

fn parse_without_fragment(raw: &str) -> Result<Url, String> {
    if raw.bytes().any(|b| b < 0x20 || b == 0x7f) {
        return Err("net/url: invalid control character in URL".into());
    }
    let mut url = Url::default();
    if raw == "*" {
        url.path = "*".into();
        return Ok(url);
    }
    let (scheme, mut rest) = get_scheme(raw)?;
    url.scheme = scheme.to_ascii_lowercase();
    if rest.ends_with('?') && rest.matches('?').count() == 1 {
        url.force_query = true;
        rest = &rest[..rest.len() - 1];
    } else if let Some((before, query)) = rest.split_once('?') {
        url.raw_query = query.to_owned();
        rest = before;
    }
    if !rest.starts_with('/') {
        if !url.scheme.is_empty() {
            // Rootless paths are opaque (RFC 3986).
            url.opaque = rest.to_owned();
            return Ok(url);
        }
        let segment = rest.split('/').next().unwrap_or("");
        if segment.contains(':') {
            return Err("first path segment in URL cannot contain colon".into());
        }
    }
    if (!url.scheme.is_empty() || !rest.starts_with("///")) && rest.starts_with("//") {
        let authority_and_path = &rest[2..];
        let (authority, path) = match authority_and_path.find('/') {
            Some(i) => authority_and_path.split_at(i),
            None => (authority_and_path, ""),
        };
        let (user, host) = parse_authority(authority)?;
        url.user = user;
        url.host = host;
        rest = path;
    } else if !url.scheme.is_empty() && rest.starts_with('/') {
        url.omit_host = true;
    }
    url.path = unescape(rest, Encoding::Path)?;
    if escape(&url.path, Encoding::Path) != rest {
        url.raw_path = rest.to_owned();
    }
    Ok(url)
}

impl Url {
    /// Go's `EscapedPath`.
    pub fn escaped_path(&self) -> String {
        if !self.raw_path.is_empty()
            && valid_encoded(&self.raw_path, Encoding::Path)
            && unescape(&self.raw_path, Encoding::Path).as_deref() == Ok(self.path.as_str())
        {
            return self.raw_path.clone();
        }
        if self.path == "*" {
            return "*".into();
        }
        escape(&self.path, Encoding::Path)
    }

    /// Go's `EscapedFragment`.
    pub fn escaped_fragment(&self) -> String {
        if !self.raw_fragment.is_empty()
            && valid_encoded(&self.raw_fragment, Encoding::Fragment)
            && unescape(&self.raw_fragment, Encoding::Fragment).as_deref()
                == Ok(self.fragment.as_str())
        {
            return self.raw_fragment.clone();
        }
        escape(&self.fragment, Encoding::Fragment)
    }

    /// Go's `URL.String`.
    pub fn to_url_string(&self) -> String {
        self.write(self.user.as_ref().map(UserInfo::to_url_string))
    }

    /// Go's `Redacted`: the password as `xxxxx`.
    pub fn redacted(&self) -> String {
        self.write(self.user.as_ref().map(|user| match &user.password {
            Some(_) => UserInfo {
                username: user.username.clone(),
                password: Some("xxxxx".into()),
            }
            .to_url_string(),
            None => user.to_url_string(),
        }))
    }

    fn write(&self, user: Option<String>) -> String {
        let mut out = String::new();
        if !self.scheme.is_empty() {
            out.push_str(&self.scheme);
            out.push(':');
        }
        if !self.opaque.is_empty() {
            out.push_str(&self.opaque);
        } else {
            let has_authority =
                !self.scheme.is_empty() || !self.host.is_empty() || user.is_some();
            // Go omits an empty host it parsed as omitted (`file:/x`).
            let omitted = self.omit_host && self.host.is_empty() && user.is_none();
            if has_authority && !omitted {
                if !self.host.is_empty() || !self.path.is_empty() || user.is_some() {
                    out.push_str("//");
                }
                if let Some(user) = &user {
                    out.push_str(user);
                    out.push('@');
                }
                out.push_str(&escape(&self.host, Encoding::Host));
            }
            let path = self.escaped_path();
            if !path.is_empty() && !path.starts_with('/') && !self.host.is_empty() {
                out.push('/');
            }
            if out.is_empty() && path.split('/').next().unwrap_or("").contains(':') {
                out.push_str("./");
            }
            out.push_str(&path);
        }
        if self.force_query || !self.raw_query.is_empty() {
            out.push('?');
            out.push_str(&self.raw_query);
        }
        if !self.fragment.is_empty() {
            out.push('#');
            out.push_str(&self.escaped_fragment());
        }
        out
    }

    /// Go's `splitHostPort` of `Host`: the host without brackets, and the port.
    fn host_port(&self) -> (&str, &str) {
        let mut host = self.host.as_str();
        let mut port = "";
        if let Some(colon) = host.rfind(':') {
            if valid_optional_port(&host[colon..]) {
                port = &host[colon + 1..];
                host = &host[..colon];
            }
        }
        if host.starts_with('[') && host.ends_with(']') && host.len() >= 2 {
            host = &host[1..host.len() - 1];
        }
        (host, port)
    }

    pub fn hostname(&self) -> &str {
        self.host_port().0
    }

    pub fn port(&self) -> &str {
        self.host_port().1
    }

    /// Go's `RequestURI`.
    pub fn request_uri(&self) -> String {
        let mut result = self.opaque.clone();
        if result.is_empty() {
            result = self.escaped_path();
            if result.is_empty() {
                result = "/".into();
            }
        } else if result.starts_with("//") {
            result = format!("{}:{result}", self.scheme);
        }
        if self.force_query || !self.raw_query.is_empty() {
            result.push('?');
            result.push_str(&self.raw_query);
        }
        result
    }

    /// Go's `Query`: `RawQuery` parsed, pairs that do not parse left out.
    pub fn query(&self) -> BTreeMap<String, Vec<String>> {
        parse_query(&self.raw_query)
    }

    /// Go's `ResolveReference` (RFC 3986 §5.2).
    pub fn resolve_reference(&self, reference: &Url) -> Url {
        let mut url = reference.clone();
        if reference.scheme.is_empty() {
            url.scheme = self.scheme.clone();
        }
        if !reference.scheme.is_empty()
            || !reference.host.is_empty()
            || reference.user.is_some()
        {
            url.set_path(&resolve_path(&reference.escaped_path(), ""));
            return url;
        }
        if !reference.opaque.is_empty() {
            url.user = None;
            url.host.clear();
            url.path.clear();
            url.raw_path.clear();
            return url;
        }
        if reference.path.is_empty() && !reference.force_query && reference.raw_query.is_empty() {
            url.raw_query = self.raw_query.clone();
            if reference.fragment.is_empty() {
                url.fragment = self.fragment.clone();
                url.raw_fragment = self.raw_fragment.clone();
            }
        }
        if reference.path.is_empty() && !self.opaque.is_empty() {
            url.opaque = self.opaque.clone();
            url.user = None;
            url.host.clear();
            url.path.clear();
            url.raw_path.clear();
            return url;
        }
        url.host = self.host.clone();
        url.user = self.user.clone();
        url.set_path(&resolve_path(&self.escaped_path(), &reference.escaped_path()));
        url
    }

    /// Go's `JoinPath`: the elements joined to the path and cleaned (a relative path stays
    /// relative, without `..` above it), a trailing `/` kept.
    pub fn join_path(&self, elements: &[String]) -> Url {
        let mut all = vec![self.escaped_path()];
        all.extend(elements.iter().cloned());
        let trailing = all.last().is_some_and(|last| last.ends_with('/'));
        let mut path = if all[0].starts_with('/') {
            let parts: Vec<&str> = all.iter().map(String::as_str).collect();
            super::path::join(&parts)
        } else {
            all[0].insert(0, '/');
            let parts: Vec<&str> = all.iter().map(String::as_str).collect();
            super::path::join(&parts)[1..].to_owned()
        };
        if trailing && !path.ends_with('/') {
            path.push('/');
        }
        let mut url = self.clone();
        url.set_path(&path);
        url
    }

    /// Go's `setPath` for an escaped path (errors leave the path as it is).
    fn set_path(&mut self, escaped: &str) {
        if let Ok(path) = unescape(escaped, Encoding::Path) {
            self.raw_path = if escape(&path, Encoding::Path) == escaped {
                String::new()
            } else {
                escaped.to_owned()
            };
            self.path = path;
        }
    }
}

/// Go's `resolvePath`.
fn resolve_path(base: &str, reference: &str) -> String {
    let full = if reference.is_empty() {
        base.to_owned()
    } else if !reference.starts_with('/') {
        let dir = base.rfind('/').map_or("", |i| &base[..=i]);
        format!("{dir}{reference}")
    } else {
        reference.to_owned()
    };
    if full.is_empty() {
        return String::new();
    }
    let mut segments: Vec<&str> = Vec::new();
    let parts: Vec<&str> = full.split('/').collect();
    let last = parts.len() - 1;
    let mut trailing = false;
    for (i, part) in parts.iter().enumerate() {
        match *part {
            "." => trailing = i == last,
            ".." => {
                if segments.len() > 1 {
                    segments.pop();
                }
                trailing = i == last;
            }
            other => {
                segments.push(other);
                trailing = false;
            }
        }
    }
    let mut out = segments.join("/");
    if trailing {
        out.push('/');
    }
    if !out.starts_with('/') {
        out.insert(0, '/');
    }
    // Go collapses a leading `//` that the segments made.
    if out.starts_with("//") && !full.starts_with("//") {
        out = out[1..].to_owned();
    }
    out
}

/// Go's `url.ParseQuery`, errors dropped as `Query` drops them.
pub fn parse_query(query: &str) -> BTreeMap<String, Vec<String>> {
    let mut values: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for pair in query.split('&') {
        if pair.is_empty() || pair.contains(';') {
            continue;
        }
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let (Ok(key), Ok(value)) = (
            unescape(key, Encoding::QueryComponent),
            unescape(value, Encoding::QueryComponent),
        ) else {
            continue;
        };
        values.entry(key).or_default().push(value);
    }
    values
}

/// Go's `Values.Encode`: keys sorted, each value `QueryEscape`d.
pub fn encode_query(values: &BTreeMap<String, Vec<String>>) -> String {
    let mut out = String::new();
    for (key, list) in values {
        let key = escape(key, Encoding::QueryComponent);
        for value in list {
            if !out.is_empty() {
                out.push('&');
            }
            out.push_str(&key);
            out.push('=');
            out.push_str(&escape(value, Encoding::QueryComponent));
        }
    }
    out
}

/// Go's `url.PathEscape`.
pub fn path_escape(s: &str) -> String {
    escape(s, Encoding::PathSegment)
}

/// Go's `url.PathUnescape`.
pub fn path_unescape(s: &str) -> Result<String, String> {
    unescape(s, Encoding::PathSegment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_as_go_does() {
        // Hugo 0.168's `urls.Parse` of the same strings.
        let url = parse("https://user:pw@example.org:8080/a%20b/c?x=1&y=2&x=3#frag").unwrap();
        assert_eq!(url.scheme, "https");
        assert_eq!(url.host, "example.org:8080");
        assert_eq!(url.hostname(), "example.org");
        assert_eq!(url.port(), "8080");
        assert_eq!(url.path, "/a b/c");
        assert_eq!(url.raw_path, "");
        assert_eq!(url.escaped_path(), "/a%20b/c");
        assert_eq!(url.raw_query, "x=1&y=2&x=3");
        assert_eq!(url.fragment, "frag");
        assert_eq!(
            url.to_url_string(),
            "https://user:pw@example.org:8080/a%20b/c?x=1&y=2&x=3#frag"
        );
        assert_eq!(
            url.redacted(),
            "https://user:xxxxx@example.org:8080/a%20b/c?x=1&y=2&x=3#frag"
        );
        assert_eq!(url.request_uri(), "/a%20b/c?x=1&y=2&x=3");
        assert_eq!(encode_query(&url.query()), "x=1&x=3&y=2");
        let mail = parse("mailto:a@b.c").unwrap();
        assert_eq!((mail.scheme.as_str(), mail.opaque.as_str()), ("mailto", "a@b.c"));
        assert_eq!(parse("/docs/page/").unwrap().to_url_string(), "/docs/page/");
        assert_eq!(parse("").unwrap().to_url_string(), "");
        assert_eq!(
            url.join_path(&["x".into(), "y".into()]).to_url_string(),
            "https://user:pw@example.org:8080/a%20b/c/x/y?x=1&y=2&x=3#frag"
        );
        assert_eq!(
            url.resolve_reference(&parse("../z?q=1").unwrap()).to_url_string(),
            "https://user:pw@example.org:8080/z?q=1"
        );
    }

    #[test]
    fn errors_are_go_s() {
        assert_eq!(
            parse("http://[::1").unwrap_err(),
            r#"parse "http://[::1": missing ']' in host"#
        );
        assert_eq!(
            parse(":x").unwrap_err(),
            r#"parse ":x": missing protocol scheme"#
        );
        assert_eq!(
            parse("a%zzb").unwrap_err(),
            r#"parse "a%zzb": invalid URL escape "%zz""#
        );
    }
}
