//! `path.Base`, `path.BaseName`, `path.Clean`, `path.Dir`, `path.Ext`, `path.Join`,
//! `path.Split` (Hugo's `tpl/path`): Go's `path` package over `/`-separated paths. Hugo first
//! applies `filepath.ToSlash`, which changes nothing where `/` is the separator (a Linux
//! build, the reference: `path.Base "a\\b"` is `a\\b` with Hugo 0.168).

use super::cast::to_string;
use super::{want_args, FuncContext};
use crate::template::value::{Arity, Object, Value};
use crate::rules::path::{base, clean, ext, join, split};
use std::rc::Rc;

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
