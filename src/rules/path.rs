//! Go's `path` package: `/`-separated paths (`Clean`, `Join`, `Split`, `Base`, `Ext`).

/// Go's `path.Clean`.
pub fn clean(path: &str) -> String {
    if path.is_empty() {
        return ".".into();
    }
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            p => parts.push(p),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".into(),
        (false, false) => joined,
    }
}

/// Go's `path.Join`: the non-empty elements joined and cleaned; "" when all are empty.
pub fn join(elements: &[&str]) -> String {
    let parts: Vec<&str> = elements.iter().copied().filter(|e| !e.is_empty()).collect();
    if parts.is_empty() {
        return String::new();
    }
    clean(&parts.join("/"))
}

/// Go's `path.Split`: everything up to the last `/` (kept), and the rest.
pub fn split(path: &str) -> (&str, &str) {
    let at = path.rfind('/').map_or(0, |i| i + 1);
    path.split_at(at)
}

/// Go's `path.Base`: the last element, trailing slashes removed; `.` for an empty path, `/`
/// for slashes only.
pub fn base(path: &str) -> String {
    if path.is_empty() {
        return ".".into();
    }
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() {
        return "/".into();
    }
    split(trimmed).1.to_owned()
}

/// Go's `path.Ext`: from the last `.` of the last element, or "".
pub fn ext(path: &str) -> &str {
    let last = split(path).1;
    last.rfind('.').map_or("", |at| &last[at..])
}

/// Hugo's `URLize`: letters, digits, marks and `. / \ _ # + ~ - @` (and valid `%XX` escapes)
/// kept, runs of spaces and hyphens become one hyphen, the rest dropped, lower-cased, then
/// non-ASCII percent-encoded (`Vim (text editor)` → `vim-text-editor`). The `urlize`
/// template function and permalinks' `:title` and `:slug`.
pub fn urlize(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut kept = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for (i, &c) in chars.iter().enumerate() {
        let allowed = matches!(c, '.' | '/' | '\\' | '_' | '#' | '+' | '~' | '-' | '@')
            || c.is_alphanumeric()
            || is_mark(c)
            || (c == '%'
                && chars.get(i + 1).is_some_and(char::is_ascii_hexdigit)
                && chars.get(i + 2).is_some_and(char::is_ascii_hexdigit));
        if allowed {
            if pending_hyphen {
                kept.push('-');
                pending_hyphen = false;
            }
            kept.push(c);
        } else if !kept.is_empty() && (c == '-' || c.is_whitespace()) {
            pending_hyphen = true;
        }
    }
    let lower = kept.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for c in lower.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// Combining marks (the common blocks of Unicode's `M` category).
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x0900..=0x0903 | 0x093A..=0x094F | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_as_go_path_does() {
        // The answers of Hugo 0.168 for the same inputs.
        assert_eq!(base("a/b/c.md"), "c.md");
        assert_eq!(base(""), ".");
        assert_eq!(base("/"), "/");
        assert_eq!(base("a/b/"), "b");
        assert_eq!(clean(split("a/b/c.md").0), "a/b");
        assert_eq!(clean(split("c").0), ".");
        assert_eq!(clean(split("/a/").0), "/a");
        assert_eq!(ext("a/b.c.md"), ".md");
        assert_eq!(ext("a.b/c"), "");
        assert_eq!(join(&["a", "b/../c", "/d"]), "a/c/d");
        assert_eq!(join(&["", ""]), "");
        assert_eq!(clean("a//b/./../c/"), "a/c");
        assert_eq!(clean(""), ".");
        assert_eq!(split("a/b/c.md"), ("a/b/", "c.md"));
    }
}
