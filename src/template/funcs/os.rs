//! `os.FileExists`, `os.ReadFile`, `os.ReadDir` (Hugo's `tpl/os`, aliases `fileExists`,
//! `readFile`, `readDir`) over the site's files as the preview was given them: a path is
//! relative to the project's root, and a theme's file is found where the project has none,
//! as Hugo's overlaid file system finds it. `os.Getenv` stays undefined: a preview has no
//! environment to read.

use super::cast::to_string;
use super::FuncContext;
use crate::template::value::{Arity, Object, Value};
use std::rc::Rc;

fn path_of(name: &str, args: &[Value]) -> Result<String, String> {
    if args.len() != 1 {
        return Err(format!(
            "wrong number of args for {name}: want 1 got {}",
            args.len()
        ));
    }
    let path = to_string(&args[0])?;
    if path.is_empty() {
        return Err("readFile needs a filename".into());
    }
    Ok(path)
}

/// `fileExists PATH`: whether the site has a file or folder there.
pub(super) fn file_exists(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    let path = path_of("fileExists", args)?;
    Ok(Value::Bool(
        ctx.host.site_file(&path).is_some() || !ctx.host.site_folder(&path).is_empty(),
    ))
}

/// `readFile PATH`: the file's text; Hugo's error when there is none.
pub(super) fn read_file(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    let path = path_of("readFile", args)?;
    match ctx.host.site_file(&path) {
        Some(text) => Ok(Value::from(text.as_str())),
        None => Err(format!(
            "file {path:?} does not exist among the site's files the preview was given"
        )),
    }
}

/// `readDir PATH`: the folder's entries (`.Name`, `.IsDir`, `.Size`), in name order.
pub(super) fn read_dir(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    let path = path_of("readDir", args)?;
    let entries = ctx.host.site_folder(&path);
    if entries.is_empty() {
        return Err(format!(
            "failed to read directory {path:?}: no such folder among the site's files"
        ));
    }
    let list = entries
        .into_iter()
        .map(|(name, size)| Value::Object(Rc::new(FileInfo { name, size })))
        .collect();
    Ok(Value::list(list)?)
}

/// An entry of `readDir`: Go's `fs.FileInfo`.
struct FileInfo {
    name: String,
    /// `None` for a folder.
    size: Option<usize>,
}

impl Object for FileInfo {
    fn type_name(&self) -> &str {
        "hugofs.FileMetaInfo"
    }

    fn arity(&self, _name: &str) -> Arity {
        Arity::Fixed(0)
    }

    fn get(&self, name: &str, _args: &[Value]) -> Result<Option<Value>, String> {
        Ok(Some(match name {
            "Name" => Value::from(self.name.as_str()),
            "IsDir" => Value::Bool(self.size.is_none()),
            "Size" => Value::int(self.size.unwrap_or(0) as i64),
            _ => return Ok(None),
        }))
    }
}
