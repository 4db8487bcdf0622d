//! `path.Base`, `path.BaseName`, `path.Clean`, `path.Dir`, `path.Ext`, `path.Join`,
//! `path.Split` (Hugo's `tpl/path`): Go's `path` package over `/`-separated paths. Hugo first
//! applies `filepath.ToSlash`, which changes nothing where `/` is the separator (a Linux
//! build, the reference: `path.Base "a\\b"` is `a\\b` with Hugo 0.168).

use super::cast::to_string;
use super::{want_args, FuncContext};
use crate::template::value::{Arity, Object, Value};
use std::rc::Rc;

/// Go's `path.Clean`.
pub(super) fn clean(path: &str) -> String {
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
pub(super) fn join(elements: &[&str]) -> String {
    let parts: Vec<&str> = elements.iter().copied().filter(|e| !e.is_empty()).collect();
    if parts.is_empty() {
        return String::new();
    }
    clean(&parts.join("/"))
}

/// Go's `path.Split`: everything up to the last `/` (kept), and the rest.
fn split(path: &str) -> (&str, &str) {
    let at = path.rfind('/').map_or(0, |i| i + 1);
    path.split_at(at)
}

/// Go's `path.Base`: the last element, trailing slashes removed; `.` for an empty path, `/`
/// for slashes only.
fn base(path: &str) -> String {
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
fn ext(path: &str) -> &str {
    let last = split(path).1;
    last.rfind('.').map_or("", |at| &last[at..])
}

/// The one argument of `path.NAME`, as a string (Hugo's `cast.ToStringE`).
fn path_arg(name: &str, args: &[Value]) -> Result<String, String> {
    want_args(name, args, 1)?;
    to_string(&args[0])
}

pub(super) fn path_base(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    Ok(Value::from(base(&path_arg("path.Base", args)?)))
}

/// `path.BaseName`: the last element without its extension.
pub(super) fn path_base_name(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    let path = path_arg("path.BaseName", args)?;
    let base = base(&path);
    let ext = ext(&path);
    Ok(Value::from(base.strip_suffix(ext).unwrap_or(&base)))
}

pub(super) fn path_clean(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    Ok(Value::from(clean(&path_arg("path.Clean", args)?)))
}

/// `path.Dir`: Go's `path.Dir`, everything but the last element, cleaned.
pub(super) fn path_dir(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    let path = path_arg("path.Dir", args)?;
    Ok(Value::from(clean(split(&path).0)))
}

pub(super) fn path_ext(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    Ok(Value::from(ext(&path_arg("path.Ext", args)?)))
}

/// `path.Join ELEMENT…`: lists are spread, as Hugo does.
pub(super) fn path_join(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    let mut elements = Vec::new();
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
    let elements: Vec<&str> = elements.iter().map(String::as_str).collect();
    Ok(Value::from(join(&elements)))
}

/// `path.Split`: Hugo's `paths.DirFile`, `.Dir` and `.File`.
pub(super) fn path_split(_: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    let path = path_arg("path.Split", args)?;
    let (dir, file) = split(&path);
    Ok(Value::Object(Rc::new(DirFile {
        dir: dir.to_owned(),
        file: file.to_owned(),
    })))
}

/// Hugo's `paths.DirFile`.
struct DirFile {
    dir: String,
    file: String,
}

impl Object for DirFile {
    fn type_name(&self) -> &str {
        "paths.DirFile"
    }

    fn arity(&self, name: &str) -> Arity {
        match name {
            "String" => Arity::Fixed(0),
            _ => Arity::Field,
        }
    }

    fn get(&self, name: &str, _args: &[Value]) -> Result<Option<Value>, String> {
        Ok(Some(match name {
            "Dir" => Value::from(self.dir.as_str()),
            "File" => Value::from(self.file.as_str()),
            "String" => Value::from(self.display()),
            _ => return Ok(None),
        }))
    }

    /// Its `String`: `DIR|FILE`.
    fn display(&self) -> String {
        format!("{}|{}", self.dir, self.file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_functions_answer_as_go_path_does() {
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
