//! Goldmark's linkify extension (`extension/linkify.go`, same behaviour from goldmark v1.5.4,
//! Hugo 0.111.3, to v1.8.5): bare URLs, `www.` addresses and e-mail addresses as links.
//!
//! In: a run of literal text (never inside a link label) and the source character before it.
//! Out: the links in it, with the target Hugo writes (`www.` links get `linkifyProtocol`,
//! addresses `mailto:`). The regular expressions of goldmark are matched by hand, following
//! Go's leftmost-first semantics, in time linear in the text.

use super::typographer::substitution_ranges;
use std::ops::Range;

/// A link found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkMatch {
    /// Byte range of the link text inside the searched text.
    pub range: Range<usize>,
    /// The link target (with `protocol://` added to `www.` links, `mailto:` to addresses), not
    /// yet escaped: like any link destination, write it through goldmark's `URLEscape` and
    /// then HTML escaping (`https://example.com/a"b` → `https://example.com/a%22b`).
    pub href: String,
}

/// Whether `text` has what every kind of link needs (`match_url`: `://`, `match_www`: `www.`,
/// `match_email`: `@`), in one pass: most text runs have none.
fn may_contain_link(bytes: &[u8]) -> bool {
    memchr::memchr3_iter(b'@', b':', b'.', bytes).any(|at| match bytes[at] {
        b'@' => true,
        b':' => bytes[at + 1..].starts_with(b"//"),
        _ => bytes[..at].ends_with(b"www"),
    })
}

/// The links in `text`, in order. `before` is the character before `text` in the source
/// (`None` at the start of a line); `protocol` is `linkifyProtocol` (the scheme given to
/// `www.` links; Hugo's default is `https`).
///
/// Where a link may start is decided as goldmark's inline parser decides where to try the
/// linkify parser: at the start of a line or right after another inline node, and after a
/// space, `*`, `_`, `~` or `(` (goldmark's triggers; a tab is not one). Typographer
/// replacements (Hugo's default) are inline nodes too, so `"www.example.com"` links.
pub fn find_links(text: &str, before: Option<char>, protocol: &str) -> Vec<LinkMatch> {
    let mut links = Vec::new();
    if !may_contain_link(text.as_bytes()) {
        return links;
    }
    let substitutions = substitution_ranges(text, before, None);
    let mut substitution = substitutions.iter().peekable();
    let bytes = text.as_bytes();
    let mut position = 0;
    let mut local_part = LocalPartCache::default();
    // Whether a link may start at `position`.
    let mut may_start = match before {
        None => true,
        // A run that starts a line, or after a space, a trigger character, or the end of
        // other inline markup (code span, emphasis, link, raw HTML). Not after a tab, an
        // escape or an entity.
        Some(c) => c == '\n' || c == ' ' || (c.is_ascii_punctuation() && c != '\\' && c != ';'),
    };
    while position < bytes.len() {
        while substitution.peek().is_some_and(|r| r.end < position) {
            substitution.next();
        }
        let after_substitution = substitution.peek().is_some_and(|r| r.end == position);
        if may_start || after_substitution {
            if let Some(found) = match_link(text, position, protocol, &mut local_part) {
                position = found.range.end;
                links.push(found);
                // goldmark retries its parsers right after the link node.
                may_start = true;
                continue;
            }
        }
        let Some(c) = text.get(position..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        may_start = matches!(c, ' ' | '*' | '_' | '~' | '(');
        position += c.len_utf8();
    }
    links
}

/// goldmark `linkifyParser.Parse` at a position where the parser is tried (after the trigger
/// character it consumes).
fn match_link(
    text: &str,
    start: usize,
    protocol: &str,
    local_part: &mut LocalPartCache,
) -> Option<LinkMatch> {
    let line = text.as_bytes().get(start..)?;
    let (mut end, kind) = if let Some(end) = match_url(line) {
        (trim_url_end(line, end), Kind::Url)
    } else if let Some(end) = match_www(line) {
        (trim_url_end(line, end), Kind::Www)
    } else {
        (match_email(line, start, local_part)?, Kind::Email)
    };
    // Trailing punctuation is left out of every kind of link.
    while end > 1
        && matches!(
            line.get(end - 1),
            Some(b'?' | b'!' | b'.' | b',' | b':' | b'*' | b'_' | b'~')
        )
    {
        end -= 1;
    }
    let label = text.get(start..start + end)?;
    let href = match kind {
        Kind::Url => label.to_string(),
        // Hugo's `autoLinkURL` swaps goldmark's `http` for `linkifyProtocol`.
        Kind::Www => format!("{protocol}://{label}"),
        Kind::Email => format!("mailto:{label}"),
    };
    Some(LinkMatch {
        range: start..start + end,
        href,
    })
}

enum Kind {
    Url,
    Www,
    Email,
}

/// `[-a-zA-Z0-9@:%._\+~#=]`: the host part of goldmark's URL expressions.
fn is_host_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-@:%._+~#=".contains(&b)
}

/// The path part of `urlRegexp`: ``[-a-zA-Z0-9@:%_+.~#$!?&/=\(\);,'">\^{}\[\]`]``.
fn is_url_path_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-@:%_+.~#$!?&/=();,'\">^{}[]`".contains(&b)
}

/// The path part of `wwwURLRegxp`: the same without `$`.
fn is_www_path_byte(b: u8) -> bool {
    b != b'$' && is_url_path_byte(b)
}

/// `^(?:http|https|ftp)://HOST{1,256}\.[a-z]+(?::\d+)?(?:[/#?]PATH*)?`; goldmark only tries it
/// when the line starts with `http:`, `https:` or `ftp:` (case-sensitive).
fn match_url(line: &[u8]) -> Option<usize> {
    let scheme = [&b"http://"[..], b"https://", b"ftp://"]
        .into_iter()
        .find(|scheme| line.starts_with(scheme))?;
    let mut end = match_host(line, scheme.len())?;
    // `(?::\d+)?`
    if line.get(end) == Some(&b':') {
        let digits = count(line, end + 1, |b| b.is_ascii_digit());
        if digits > 0 {
            end += 1 + digits;
        }
    }
    Some(match_path(line, end, is_url_path_byte))
}

/// `^www\.HOST{1,256}\.[a-z]+(?:[/#?]PATH*)?`.
fn match_www(line: &[u8]) -> Option<usize> {
    if !line.starts_with(b"www.") {
        return None;
    }
    let end = match_host(line, 4)?;
    Some(match_path(line, end, is_www_path_byte))
}

/// `HOST{1,256}\.[a-z]+` from `from`, leftmost-first: the longest host run (at most 256
/// bytes) backed off to the last `.` followed by a lower-case letter.
fn match_host(line: &[u8], from: usize) -> Option<usize> {
    let run = count(line, from, is_host_byte).min(256);
    let dot = (1..=run).rev().find(|&k| {
        line.get(from + k) == Some(&b'.')
            && line.get(from + k + 1).is_some_and(u8::is_ascii_lowercase)
    })?;
    let tld_start = from + dot + 1;
    Some(tld_start + count(line, tld_start, |b| b.is_ascii_lowercase()))
}

/// `(?:[/#?]PATH*)?`.
fn match_path(line: &[u8], end: usize, is_path_byte: fn(u8) -> bool) -> usize {
    if matches!(line.get(end), Some(b'/' | b'#' | b'?')) {
        end + 1 + count(line, end + 1, is_path_byte)
    } else {
        end
    }
}

/// goldmark's clean-up of a URL match: a final `.` is dropped; unbalanced final `)`s are
/// dropped; a final `&name;` entity is dropped.
fn trim_url_end(line: &[u8], end: usize) -> usize {
    match line.get(end.wrapping_sub(1)) {
        Some(b'.') => end - 1,
        Some(b')') => {
            let mut closing: isize = 0;
            for &b in line.get(..end).unwrap_or(&[]) {
                match b {
                    b')' => closing += 1,
                    b'(' => closing -= 1,
                    _ => {}
                }
            }
            end.saturating_sub(usize::try_from(closing).unwrap_or(0))
        }
        Some(b';') => {
            let name = line
                .get(..end - 1)
                .unwrap_or(&[])
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            let amp = end - 1 - name;
            if name > 0 && amp > 0 && line.get(amp - 1) == Some(&b'&') {
                amp - 1
            } else {
                end
            }
        }
        _ => end,
    }
}

/// goldmark `util.FindEmailIndex` plus linkify's checks: a local part of
/// ``[!#$%&'*+\-./0-9=?A-Z^_`a-z{|}~]``, `@`, a domain of labels (`[a-zA-Z0-9]` with inner
/// hyphens, at most 63 bytes) that contains a `.`, not followed by `-` or `_`. An address
/// may not start with punctuation.
fn match_email(line: &[u8], start: usize, cache: &mut LocalPartCache) -> Option<usize> {
    if line.first()?.is_ascii_punctuation() {
        return None;
    }
    // The local part may contain `*`, `_` and `~`, where links may start: measure each run
    // of local-part bytes once, or `a*a*a*…` would be quadratic.
    if !(cache.start..cache.end).contains(&start) {
        let len = count(line, 0, |b| {
            b.is_ascii_alphanumeric() || b"!#$%&'*+-./=?^_`{|}~".contains(&b)
        });
        *cache = LocalPartCache {
            start,
            end: start + len,
        };
    }
    let local = cache.end - start;
    if local == 0 || line.get(local) != Some(&b'@') {
        return None;
    }
    let domain_start = local + 1;
    let mut end = domain_start + match_label(line, domain_start)?;
    while line.get(end) == Some(&b'.') {
        match match_label(line, end + 1) {
            Some(len) => end += 1 + len,
            None => break,
        }
    }
    // goldmark requires a `.` in the domain, not counting its last byte.
    if !line.get(local..end - 1)?.contains(&b'.') {
        return None;
    }
    if matches!(line.get(end), Some(b'-' | b'_')) {
        return None;
    }
    Some(end)
}

/// The byte range (in the searched text) of the last run of e-mail local-part bytes measured.
#[derive(Default)]
struct LocalPartCache {
    start: usize,
    end: usize,
}

/// `[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?`, greedy: the byte count of the label.
fn match_label(line: &[u8], from: usize) -> Option<usize> {
    if !line.get(from)?.is_ascii_alphanumeric() {
        return None;
    }
    let run = count(line, from + 1, |b| b.is_ascii_alphanumeric() || b == b'-').min(62);
    let last_alphanumeric = (0..run).rev().find(|&k| {
        line.get(from + 1 + k)
            .is_some_and(u8::is_ascii_alphanumeric)
    });
    Some(last_alphanumeric.map_or(1, |k| k + 2))
}

/// How many bytes from `from` satisfy `accept`.
fn count(line: &[u8], from: usize, accept: impl Fn(u8) -> bool) -> usize {
    line.get(from..)
        .unwrap_or(&[])
        .iter()
        .take_while(|&&b| accept(b))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text with each link written as goldmark writes it (href unescaped).
    fn linkify(text: &str) -> String {
        let mut out = String::new();
        let mut last = 0;
        for link in find_links(text, None, "https") {
            out.push_str(&text[last..link.range.start]);
            out.push_str(&format!("[{}]({})", &text[link.range.clone()], link.href));
            last = link.range.end;
        }
        out.push_str(&text[last..]);
        out
    }

    #[test]
    fn finds_urls_www_and_addresses_as_hugo_does() {
        for (input, expected) in [
            ("https://autolink.example.com and www.example.org", "[https://autolink.example.com](https://autolink.example.com) and [www.example.org](https://www.example.org)"),
            ("see www.example.com.", "see [www.example.com](https://www.example.com)."),
            ("(www.example.com)", "([www.example.com](https://www.example.com))"),
            ("x www.example.com/a_(b)", "x [www.example.com/a_(b)](https://www.example.com/a_(b))"),
            ("http://example.com/foo?", "[http://example.com/foo](http://example.com/foo)?"),
            ("https://example.com:8080/x,y;", "[https://example.com:8080/x,y;](https://example.com:8080/x,y;)"),
            ("foo@example.com", "[foo@example.com](mailto:foo@example.com)"),
            ("mail foo.bar@example.co.uk.", "mail [foo.bar@example.co.uk](mailto:foo.bar@example.co.uk)."),
            ("ftp://ftp.example.org/file", "[ftp://ftp.example.org/file](ftp://ftp.example.org/file)"),
            ("http://example.com/&amp;", "[http://example.com/](http://example.com/)&amp;"),
            ("a*www.example.com", "a*[www.example.com](https://www.example.com)"),
            ("~www.example.com", "~[www.example.com](https://www.example.com)"),
            ("https://example.com/a'b\"c", "[https://example.com/a'b\"c](https://example.com/a'b\"c)"),
            ("_foo@example.com", "_[foo@example.com](mailto:foo@example.com)"),
            ("https://example.com/path)", "[https://example.com/path](https://example.com/path))"),
            ("https://example.com/(path)", "[https://example.com/(path)](https://example.com/(path))"),
            ("www.example.com/x;y&amp;", "[www.example.com/x;y](https://www.example.com/x;y)&amp;"),
        ] {
            assert_eq!(linkify(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn leaves_text_that_hugo_does_not_link() {
        for input in [
            "a\twww.example.com",
            "xwww.example.com",
            "wwww.example.com",
            "www.example",
            "http://localhost",
            "foo@bar",
            "foo@bar.c-",
            "a.b-c@example.com-",
            "https://例え.jp",
            "HTTP://EXAMPLE.COM",
        ] {
            assert_eq!(linkify(input), input, "input {input:?}");
        }
    }

    #[test]
    fn links_may_follow_typographer_replacements() {
        assert_eq!(
            linkify("\"www.example.com\""),
            "\"[www.example.com](https://www.example.com)\""
        );
        assert_eq!(
            linkify("'www.example.com'"),
            "'[www.example.com](https://www.example.com)'"
        );
        assert_eq!(
            linkify("...www.example.com"),
            "...[www.example.com](https://www.example.com)"
        );
    }

    #[test]
    fn start_of_a_run_depends_on_the_character_before_it() {
        assert_eq!(find_links("www.example.com", Some('x'), "https"), vec![]);
        assert_eq!(find_links("www.example.com", Some('\t'), "https"), vec![]);
        assert_eq!(
            find_links("www.example.com", Some('\n'), "https").len(),
            1,
            "a link should start a line that is not the first of the text"
        );
        let links = find_links("www.example.com", Some('`'), "http");
        assert_eq!(
            links,
            vec![LinkMatch {
                range: 0..15,
                href: "http://www.example.com".to_string()
            }]
        );
    }

    #[test]
    fn very_long_hosts_do_not_panic_or_take_long() {
        let long = format!(
            "http://{}.com {} {}",
            "a.".repeat(50_000),
            "x@".repeat(10_000),
            "a*".repeat(100_000)
        );
        let links = find_links(&long, None, "https");
        assert!(links.len() <= 1);
        for text in [
            "http://",
            "www.",
            "@",
            "a@b.",
            "&;",
            "http://a.b)",
            "é@é.é",
            "https://x.y/é",
        ] {
            let _ = find_links(text, None, "https");
        }
    }
}
