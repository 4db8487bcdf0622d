//! `os.FileExists`, `os.ReadFile`, `os.ReadDir`, `os.Stat` (Hugo's `tpl/os`, aliases
//! `fileExists`, `readFile`, `readDir`) over the site's files as the preview was given them: a
//! path is relative to the project's root, and a theme's file is found where the project has
//! none, as Hugo's overlaid file system finds it; `readFile`, `fileExists` and `os.Stat` then
//! look in the content folders (`/docs/x.md` is `content/docs/x.md`). `readDir` lists the
//! project's own folder (Hugo's working folder: a theme is under `themes/NAME/`).
//! `os.Getenv` reads an empty environment: a variable the site's `security.funcs.getenv`
//! allows is empty (as in a `hugo server` where it is not set: a preview has no environment,
//! and reads none of the machine it runs on), any other is Hugo's access-denied error.

use super::cast::to_string;
use super::{FuncContext, SiteEntry};
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
        ctx.host.site_file(&path).is_some() || ctx.host.site_entry(&path).is_some(),
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

/// `readDir PATH`: the project folder's entries (`.Name`, `.IsDir`, `.Size`), in name
/// order; none when there is no such folder, as in Hugo (an empty list, not an error).
pub(super) fn read_dir(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    let path = path_of("readDir", args)?;
    let entries = ctx.host.site_folder(&path);
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

/// `os.Stat PATH`: the file or folder's `fs.FileInfo` (`.Name`, `.IsDir`, `.Size`); nil,
/// without an error, when there is none or PATH is empty (Hugo 0.168 returns nil for a path
/// that does not exist, so `with os.Stat …` is how themes test it). What a file system would
/// add and a preview does not have (`.ModTime`, `.Mode`, a folder's `.Size`, a binary file's
/// `.Size`) is an error naming it.
pub(super) fn stat(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    super::want_args("os.Stat", args, 1)?;
    let path = to_string(&args[0])?;
    if path.is_empty() {
        return Ok(Value::Nil);
    }
    let Some(entry) = ctx.host.site_entry(&path) else {
        return Ok(Value::Nil);
    };
    let cleaned = crate::rules::path::clean(&path);
    let name = crate::rules::path::base(&cleaned);
    Ok(Value::Object(Rc::new(StatInfo { name, entry })))
}

/// What `os.Stat` gives: Go's `fs.FileInfo` of a site's file or folder.
struct StatInfo {
    name: String,
    entry: SiteEntry,
}

impl Object for StatInfo {
    fn type_name(&self) -> &str {
        "*hugofs.dirEntryMeta"
    }

    fn arity(&self, _name: &str) -> Arity {
        Arity::Fixed(0)
    }

    fn get(&self, name: &str, _args: &[Value]) -> Result<Option<Value>, String> {
        let unknown = |what: &str| {
            Err(format!(
                "{what} of {:?}: the preview has the site's files, not a file system that \
                 records it",
                self.name
            ))
        };
        Ok(Some(match (name, self.entry) {
            ("Name", _) => Value::from(self.name.as_str()),
            ("IsDir", entry) => Value::Bool(entry == SiteEntry::Folder),
            ("Size", SiteEntry::File { size: Some(size) }) => Value::int(size as i64),
            ("Size", SiteEntry::File { size: None }) => {
                return Err(format!(
                    "Size of {:?}: a binary file, whose bytes the preview was not given",
                    self.name
                ))
            }
            ("Size", SiteEntry::Folder) => return unknown("Size of a folder"),
            ("ModTime", _) => return unknown("ModTime"),
            ("Mode", _) => return unknown("Mode"),
            ("Sys", _) => return unknown("Sys"),
            _ => return Ok(None),
        }))
    }
}

/// `os.Getenv NAME` (alias `getenv`): empty, or Hugo's error when `security.funcs.getenv`
/// does not allow NAME.
pub(super) fn getenv(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    let name = args.first().map(Value::to_go_string).unwrap_or_default();
    // Compiled under the template regular expressions' limits (`none` matches no name).
    let allowed = ctx.host.getenv_policy().iter().any(|pattern| {
        pattern != "none" && super::strings::compile(pattern).is_ok_and(|re| re.is_match(&name))
    });
    if !allowed {
        return Err(format!(
            "access denied: {name:?} is not whitelisted in policy \"security.funcs.getenv\""
        ));
    }
    Ok(Value::from(""))
}
