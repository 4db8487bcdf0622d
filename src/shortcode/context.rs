//! The objects a shortcode template sees: the shortcode context (`.`, Hugo's
//! `ShortcodeWithPage`), `.Page`, `.Site`, `.Position`. They answer field and method lookups
//! through [`Object`], from data the preview has: the front matter, the typed page fields,
//! the site config and the known pages.

use crate::template::funcs::want_args;
use super::tree::Params;
use crate::front_matter::PageFields;
use crate::options::GoldmarkOptions;
use crate::reference::join_base_url;
use crate::site::SiteConfig;
use crate::template::{Arity, IntType, Map, Object, SafeKind, Shared, TooDeep, Value};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// Hugo's `ShortcodeWithPage`.
pub struct ShortcodeContext {
    pub name: String,
    pub params: Params,
    pub inner: String,
    pub indentation: String,
    pub ordinal: usize,
    pub position: PositionObject,
    pub parent: Option<Rc<ShortcodeContext>>,
    pub page: Rc<PageObject>,
    /// `.Scratch`: this call's scratch pad, shared with the `.Parent` its nested calls see.
    pub scratch: Rc<Scratch>,
}

impl ShortcodeContext {
    /// `.Get KEY`: an int indexes positional parameters, a string names a named one.
    fn get_param(&self, key: &Value) -> Value {
        match (&self.params, key) {
            (Params::Positional(values), _) if values.is_empty() => Value::Nil,
            (Params::Positional(values), Value::Int(i, _)) => usize::try_from(*i)
                .ok()
                .and_then(|i| values.get(i))
                .map_or_else(|| Value::from(""), Value::from_json),
            (Params::Named(map), Value::String(name)) => map
                .get(&**name)
                .map_or_else(|| Value::from(""), Value::from_json),
            _ => Value::Nil,
        }
    }

    fn params_value(&self) -> Result<Value, TooDeep> {
        match &self.params {
            // Hugo's nil `[]string`: prints `[]`, has length 0 and ranges over nothing.
            Params::Positional(values) if values.is_empty() => Value::list(Vec::new()),
            Params::Positional(values) => {
                Value::list(values.iter().map(Value::from_json).collect())
            }
            Params::Named(map) => Value::map(
                map.iter()
                    .map(|(k, v)| (k.clone(), Value::from_json(v)))
                    .collect(),
            ),
        }
    }

    fn inner_deindent(&self) -> String {
        if self.indentation.is_empty() {
            return self.inner.clone();
        }
        self.inner
            .split_inclusive('\n')
            .map(|line| line.strip_prefix(self.indentation.as_str()).unwrap_or(line))
            .collect()
    }
}

impl Object for ShortcodeContext {
    fn type_name(&self) -> &str {
        "*hugolib.ShortcodeWithPage"
    }

    /// `hugolib.ShortcodeWithPage`: struct fields and methods, as Go sees them.
    fn arity(&self, name: &str) -> Arity {
        match name {
            "Params" | "Inner" | "Page" | "Parent" | "Name" | "IsNamedParams" | "Ordinal" => {
                Arity::Field
            }
            "Get" | "Ref" | "RelRef" => Arity::Fixed(1),
            _ => Arity::Fixed(0),
        }
    }

    /// Where the call is, its parent, and the scratch pad it shares with its parent and
    /// children differ between calls with the same name, parameters and inner content.
    fn is_pure(&self, name: &str) -> bool {
        !matches!(
            name,
            "Ordinal" | "Position" | "Parent" | "Scratch" | "Store"
        )
    }

    fn get(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String> {
        let value = match name {
            "Get" => {
                want_args(name, args, 1)?;
                self.get_param(&args[0])
            }
            "Params" => self.params_value()?,
            "IsNamedParams" => Value::Bool(matches!(self.params, Params::Named(_))),
            "Inner" => Value::safe(SafeKind::Html, self.inner.as_str()),
            "InnerDeindent" => Value::safe(SafeKind::Html, self.inner_deindent()),
            "Name" => Value::from(self.name.as_str()),
            "Ordinal" => Value::int(self.ordinal as i64),
            "Parent" => match &self.parent {
                Some(parent) => Value::Object(parent.clone()),
                None => Value::Nil,
            },
            "Position" => Value::Object(Rc::new(self.position.clone())),
            "Page" => Value::Object(self.page.clone()),
            "Site" => Value::Object(self.page.site.clone()),
            "Scratch" | "Store" => Value::Object(self.scratch.clone()),
            _ => return Ok(None),
        };
        Ok(Some(value))
    }
}

/// Hugo's `maps.Scratch` (`.Scratch`, `.Store`): a mutable map for one shortcode call or
/// one page render.
#[derive(Default)]
pub struct Scratch(RefCell<Map>);

impl Scratch {
    /// `.Add`: numbers add, strings concatenate, a list gets the value appended (a list
    /// value: all its items); a missing key is set.
    fn add(existing: Option<&Value>, value: &Value) -> Result<Value, String> {
        Ok(match (existing, value) {
            (None | Some(Value::Nil), _) => value.clone(),
            (Some(Value::List(items)), Value::List(more)) => {
                Value::List(Shared::appended(Some(items), more)?)
            }
            (Some(Value::List(items)), _) => {
                Value::List(Shared::appended(Some(items), std::slice::from_ref(value))?)
            }
            // Anything else is Hugo's `DoArithmetic`, as `add`: numbers (an int64 for two
            // ints), two strings joined, else `can't apply the operator to the values`.
            (Some(a), b) => crate::template::funcs::add_values(a, b)?,
        })
    }
}

/// Dropping a scratch pad drops what it holds, and that may hold other pads: nested calls
/// can chain them (`{{ .Parent.Scratch.Set "child" (dict "a" … .Scratch) }}`), one link per
/// level of shortcode nesting, each a value up to [`MAX_TEMPLATE_VALUE_DEPTH`] deep, and a
/// recursive drop of the chain overflowed a 1 MB stack 10 links deep. So a pad dropped while
/// another one's contents are being dropped only queues its own, and the outermost drop
/// drops them one after another: the stack holds one value at a time.
///
/// [`MAX_TEMPLATE_VALUE_DEPTH`]: crate::limits::MAX_TEMPLATE_VALUE_DEPTH
impl Drop for Scratch {
    fn drop(&mut self) {
        thread_local! {
            /// The contents waiting to be dropped; `Some` while a drop is under way.
            static QUEUED: RefCell<Option<Vec<Map>>> = const { RefCell::new(None) };
        }
        let contents = std::mem::take(self.0.get_mut());
        if contents.is_empty() {
            return;
        }
        let outermost = QUEUED.with(|queued| match &mut *queued.borrow_mut() {
            Some(queue) => {
                queue.push(contents);
                None
            }
            idle @ None => {
                *idle = Some(Vec::new());
                Some(contents)
            }
        });
        let Some(mut next) = outermost else {
            return;
        };
        loop {
            // No borrow is held here: dropping `next` may queue more.
            drop(next);
            match QUEUED.with(|queued| queued.borrow_mut().as_mut().and_then(Vec::pop)) {
                Some(more) => next = more,
                None => break,
            }
        }
        QUEUED.with(|queued| *queued.borrow_mut() = None);
    }
}

impl Object for Scratch {
    fn type_name(&self) -> &str {
        "*maps.Scratch"
    }

    fn arity(&self, name: &str) -> Arity {
        match name {
            "Get" | "Delete" | "GetSortedMapValues" => Arity::Fixed(1),
            "Set" | "Add" | "DeleteInMap" => Arity::Fixed(2),
            "SetInMap" => Arity::Fixed(3),
            _ => Arity::Fixed(0),
        }
    }

    /// State shared between calls: what a read gives depends on the calls before it.
    fn is_pure(&self, _name: &str) -> bool {
        false
    }

    fn get(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String> {
        let key = |i: usize| args.get(i).map(Value::to_go_string).unwrap_or_default();
        let mut map = self.0.borrow_mut();
        Ok(Some(match name {
            "Get" => {
                want_args(name, args, 1)?;
                map.get(&key(0)).cloned().unwrap_or(Value::Nil)
            }
            "Set" => {
                want_args(name, args, 2)?;
                map.insert(key(0), args[1].clone());
                Value::from("")
            }
            "Add" => {
                want_args(name, args, 2)?;
                let sum = Scratch::add(map.get(&key(0)), &args[1])?;
                map.insert(key(0), sum);
                Value::from("")
            }
            "Delete" => {
                want_args(name, args, 1)?;
                map.remove(&key(0));
                Value::from("")
            }
            "SetInMap" => {
                want_args(name, args, 3)?;
                let mut inner = match map.get(&key(0)) {
                    Some(Value::Map(inner)) => inner.as_ref().clone(),
                    _ => Map::new(),
                };
                inner.insert(key(1), args[2].clone());
                map.insert(key(0), Value::map(inner)?);
                Value::from("")
            }
            "DeleteInMap" => {
                want_args(name, args, 2)?;
                if let Some(Value::Map(inner)) = map.get(&key(0)) {
                    let mut inner = inner.as_ref().clone();
                    inner.remove(&key(1));
                    map.insert(key(0), Value::map(inner)?);
                }
                Value::from("")
            }
            "GetSortedMapValues" => {
                want_args(name, args, 1)?;
                match map.get(&key(0)) {
                    Some(Value::Map(inner)) => Value::list(inner.values().cloned().collect())?,
                    _ => Value::Nil,
                }
            }
            "Values" => Value::map(map.clone())?,
            _ => return Ok(None),
        }))
    }
}

/// `.Position` (`text.Position`): prints as `"file:line:col"`, quotes included.
#[derive(Debug, Clone)]
pub struct PositionObject {
    pub filename: String,
    pub line: usize,
    /// In bytes from the line start, as Hugo counts it.
    pub column: usize,
    pub offset: usize,
}

impl Object for PositionObject {
    fn type_name(&self) -> &str {
        "text.Position"
    }

    fn arity(&self, name: &str) -> Arity {
        match name {
            "IsValid" => Arity::Fixed(0),
            _ => Arity::Field,
        }
    }

    fn get(&self, name: &str, _args: &[Value]) -> Result<Option<Value>, String> {
        Ok(Some(match name {
            "Filename" => Value::from(self.filename.as_str()),
            "LineNumber" => Value::int(self.line as i64),
            "ColumnNumber" => Value::int(self.column as i64),
            "Offset" => Value::int(self.offset as i64),
            "IsValid" => Value::Bool(self.line > 0),
            _ => return Ok(None),
        }))
    }

    fn display(&self) -> String {
        format!("\"{}:{}:{}\"", self.filename, self.line, self.column)
    }
}

/// `.Page`: the page being previewed.
pub struct PageObject {
    pub fields: PageFields,
    /// The front matter as written (a map), for `.Params` and `.Param`.
    pub front_matter: Value,
    /// The content path (`posts/a.md`), when known.
    pub path: Option<String>,
    pub relative_permalink: String,
    pub goldmark: GoldmarkOptions,
    pub site: Rc<SiteObject>,
    /// `.Scratch` and `.Store`: one scratch pad each for the whole render of the page.
    pub scratch: Rc<Scratch>,
    pub store: Rc<Scratch>,
}

impl PageObject {
    /// `.Params`: front matter keys lower-cased, as Hugo stores them, with a `params` table
    /// merged in (Hugo 0.123+).
    fn params(&self) -> Result<Value, TooDeep> {
        let mut params = Map::new();
        if let Value::Map(map) = &self.front_matter {
            for (key, value) in map.iter() {
                if key.eq_ignore_ascii_case("params") {
                    continue;
                }
                params.insert(key.to_lowercase(), value.clone());
            }
            if let Some(Value::Map(nested)) = map
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("params"))
                .map(|(_, v)| v)
            {
                for (key, value) in nested.iter() {
                    params.insert(key.to_lowercase(), value.clone());
                }
            }
        }
        Value::map(params)
    }

    /// `.Param KEY`: the page's params, then the site's; dotted paths; case-insensitive.
    fn param(&self, key: &str) -> Result<Value, TooDeep> {
        let page = lookup_path(&self.params()?, key);
        if !matches!(page, Value::Nil) {
            return Ok(page);
        }
        Ok(lookup_path(&self.site.params, key))
    }

    fn date(value: &Option<String>) -> Value {
        match value {
            Some(date) => Value::Object(Rc::new(TimeObject(date.clone()))),
            None => Value::Object(Rc::new(TimeObject(String::new()))),
        }
    }
}

/// A key as a whole, else a dotted path through nested maps; keys match case-insensitively.
pub fn lookup_path(value: &Value, key: &str) -> Value {
    let get = |value: &Value, key: &str| -> Value {
        let Value::Map(map) = value else {
            return Value::Nil;
        };
        map.get(key)
            .or_else(|| {
                map.iter()
                    .find(|(k, _)| k.to_lowercase() == key.to_lowercase())
                    .map(|(_, v)| v)
            })
            .cloned()
            .unwrap_or(Value::Nil)
    };
    let whole = get(value, key);
    if !matches!(whole, Value::Nil) || !key.contains('.') {
        return whole;
    }
    let mut current = value.clone();
    for part in key.split('.') {
        current = get(&current, part);
        if matches!(current, Value::Nil) {
            break;
        }
    }
    current
}

impl Object for PageObject {
    fn type_name(&self) -> &str {
        "page.Page"
    }

    fn arity(&self, name: &str) -> Arity {
        match name {
            "Param" | "GetPage" | "Ref" | "RelRef" => Arity::Fixed(1),
            "RenderString" => Arity::Variadic(0),
            _ => Arity::Fixed(0),
        }
    }

    /// The page's scratch pads are shared by all its calls.
    fn is_pure(&self, name: &str) -> bool {
        !matches!(name, "Scratch" | "Store")
    }

    /// `.RenderString` renders as `markdownify` does, code coloured as in the page (Hugo
    /// renders it with the page's content renderer, fences and their highlighting included).
    fn get_with_host(
        &self,
        name: &str,
        args: &[Value],
        host: &dyn crate::template::funcs::Host,
    ) -> Result<Option<Value>, String> {
        if name == "RenderString" {
            return self
                .render_string(args, &|text, block| host.render_markdown(text, block))
                .map(Some);
        }
        self.get(name, args)
    }

    fn get(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String> {
        let string = |s: &Option<String>| Value::from(s.clone().unwrap_or_default());
        let list =
            |items: &[String]| Value::list(items.iter().map(|s| Value::from(s.as_str())).collect());
        let fields = &self.fields;
        let value = match name {
            "Title" => string(&fields.title),
            "LinkTitle" => string(if fields.link_title.is_some() {
                &fields.link_title
            } else {
                &fields.title
            }),
            "Description" => string(&fields.description),
            "Slug" => string(&fields.slug),
            "Draft" => Value::Bool(fields.draft),
            "Weight" => Value::int(fields.weight),
            "Keywords" => list(&fields.keywords)?,
            "Date" => Self::date(&fields.date),
            "Lastmod" => Self::date(&fields.lastmod),
            "PublishDate" => Self::date(&fields.publish_date),
            "ExpiryDate" => Self::date(&fields.expiry_date),
            "Params" => self.params()?,
            "Param" => {
                want_args(name, args, 1)?;
                let key = args[0].to_go_string();
                self.param(&key)?
            }
            "Kind" => Value::from("page"),
            "Type" => Value::from(
                lookup_path(&self.params()?, "type")
                    .as_str()
                    .map(str::to_owned)
                    .or_else(|| self.section())
                    .unwrap_or_else(|| "page".into()),
            ),
            "Section" => Value::from(self.section().unwrap_or_default()),
            "IsPage" => Value::Bool(true),
            "IsHome" | "IsSection" | "IsNode" => Value::Bool(false),
            "RelPermalink" => Value::from(self.relative_permalink.as_str()),
            "Permalink" => Value::from(join_base_url(
                &self.site.config.base_url,
                &self.relative_permalink,
            )),
            "File" => Value::Object(Rc::new(FileObject(self.path.clone().unwrap_or_default()))),
            "Site" => Value::Object(self.site.clone()),
            "Language" => self.site.language()?,
            "Lang" => Value::from(self.site.lang()),
            "RenderString" => {
                // Without the render (a page object outlives it): not coloured.
                let goldmark = &self.goldmark;
                self.render_string(args, &|text, block| {
                    crate::markdown::render_string_with(text, block, goldmark, None)
                })?
            }
            "Resources" => Value::Object(Rc::new(EmptyResources)),
            "Scratch" => Value::Object(self.scratch.clone()),
            "Store" => Value::Object(self.store.clone()),
            _ => return Ok(None),
        };
        Ok(Some(value))
    }
}

impl PageObject {
    /// `.RenderString [OPTIONS] TEXT`: options `display "block"` keep paragraphs.
    fn render_string(
        &self,
        args: &[Value],
        render: &dyn Fn(&str, bool) -> String,
    ) -> Result<Value, String> {
        let (options, text) = match args {
            [text] => (None, text),
            [options, text] => (Some(options), text),
            _ => {
                return Err(format!(
                    "wrong number of args for RenderString: want 1 or 2 got {}",
                    args.len()
                ))
            }
        };
        let block = options.is_some_and(|o| lookup_path(o, "display").as_str() == Some("block"));
        let mut rendered = render(&text.to_go_string(), block);
        if !block {
            rendered = rendered.trim_end_matches('\n').to_owned();
        }
        Ok(Value::safe(SafeKind::Html, rendered))
    }

    fn section(&self) -> Option<String> {
        let path = self.path.as_deref()?;
        let (first, _) = path.trim_start_matches('/').split_once('/')?;
        Some(first.to_owned())
    }
}

/// `.File`: the content file at the page's path (relative to `content/`, `/`-separated), its
/// fields as Hugo 0.168's `source.File` gives them for that path (`source/fileInfo.go`):
/// for `posts/bundle/index.md`, `Dir` is `posts/bundle/`, `ContentBaseName` `bundle`,
/// `BaseFileName` `index`; a file at the top has `Dir` `/` and no `Section`. Without a path
/// (the caller gave none) every field is empty and `IsZero` is true.
struct FileObject(String);

impl Object for FileObject {
    fn type_name(&self) -> &str {
        "source.File"
    }

    fn arity(&self, _name: &str) -> Arity {
        Arity::Fixed(0)
    }

    /// Hugo's `File.String`: the base file name (`{{ .Page.File }}` prints `a` for
    /// `posts/a.md`).
    fn display(&self) -> String {
        let path = self.0.trim_start_matches('/');
        let logical = path.rsplit('/').next().unwrap_or(path);
        logical
            .rsplit_once('.')
            .map_or(logical, |(base, _)| base)
            .to_owned()
    }

    fn get(&self, name: &str, _args: &[Value]) -> Result<Option<Value>, String> {
        let path = self.0.trim_start_matches('/');
        let (dir, logical) = path.rsplit_once('/').unwrap_or(("", path));
        let (base, ext) = logical.rsplit_once('.').unwrap_or((logical, ""));
        let known = !path.is_empty();
        Ok(Some(match name {
            "Path" => Value::from(path),
            // Hugo's is the absolute path on disk; a preview knows only the site's layout.
            "Filename" => Value::from(if known {
                format!("content/{path}")
            } else {
                String::new()
            }),
            "LogicalName" => Value::from(logical),
            // The preview knows no translations by file name, so nothing is stripped.
            "BaseFileName" | "TranslationBaseName" => Value::from(base),
            // A bundle's content file is named for its folder.
            "ContentBaseName" => Value::from(match (base, dir.rsplit('/').next()) {
                ("index" | "_index", Some(folder)) if !folder.is_empty() => folder,
                _ => base,
            }),
            "Dir" => Value::from(if known {
                format!("{dir}/")
            } else {
                String::new()
            }),
            "Ext" => Value::from(ext),
            "Section" => Value::from(dir.split('/').next().unwrap_or("")),
            "UniqueID" => Value::from(if known {
                crate::template::funcs::md5_hex(path.as_bytes())
            } else {
                String::new()
            }),
            "IsZero" => Value::Bool(!known),
            "String" => Value::from(self.display()),
            // Hugo 0.168 logs this as an error and fails the build.
            "Lang" => return Err("deprecated: .File.Lang was deprecated in Hugo v0.149.0 and subsequently removed. Use e.g. Page.Site.Language.Lang".into()),
            _ => return Ok(None),
        }))
    }
}

/// `.Resources`: a preview has no page resources; lookups find nothing.
struct EmptyResources;

impl Object for EmptyResources {
    fn type_name(&self) -> &str {
        "resource.Resources"
    }

    fn get(&self, name: &str, _args: &[Value]) -> Result<Option<Value>, String> {
        Ok(Some(match name {
            "Get" | "GetMatch" => Value::Nil,
            "Match" | "ByType" => Value::list(Vec::new())?,
            _ => return Ok(None),
        }))
    }

    fn truthy(&self) -> bool {
        false
    }
}

/// A date from the front matter (RFC 3339), for `.Date`, `.Lastmod`, …; the zero time when
/// missing.
pub struct TimeObject(pub String);

impl Object for TimeObject {
    fn type_name(&self) -> &str {
        "time.Time"
    }

    fn arity(&self, name: &str) -> Arity {
        match name {
            "Format" => Arity::Fixed(1),
            _ => Arity::Fixed(0),
        }
    }

    fn get(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String> {
        let date = &self.0;
        let part = |from: usize, to: usize| -> i64 {
            date.get(from..to).and_then(|s| s.parse().ok()).unwrap_or(0)
        };
        Ok(Some(match name {
            "IsZero" => Value::Bool(date.is_empty()),
            "Year" => Value::int(if date.is_empty() { 1 } else { part(0, 4) }),
            "Month" => Value::Int(if date.is_empty() { 1 } else { part(5, 7) }, IntType::Month),
            "Day" => Value::int(if date.is_empty() { 1 } else { part(8, 10) }),
            "Format" => {
                want_args(name, args, 1)?;
                match crate::rules::time::DateTime::parse(date)
                    .map(|t| t.format(&args[0].to_go_string()))
                {
                    Some(formatted) => Value::from(formatted),
                    None => return Err(format!("cannot format {date:?}")),
                }
            }
            "Unix" => match unix_seconds(date) {
                Some(seconds) => Value::int64(seconds),
                None => return Err(format!("cannot read {date:?} as a time")),
            },
            _ => return Ok(None),
        }))
    }

    fn truthy(&self) -> bool {
        true
    }

    fn display(&self) -> String {
        if self.0.is_empty() {
            "0001-01-01 00:00:00 +0000 UTC".into()
        } else {
            self.0.clone()
        }
    }
}

/// `.Site`.
pub struct SiteObject {
    pub config: SiteConfig,
    pub params: Value,
    /// Known pages: content path → relative permalink.
    pub pages: BTreeMap<String, String>,
}

impl SiteObject {
    pub fn new(config: SiteConfig, pages: BTreeMap<String, String>) -> SiteObject {
        let params = Value::from_decoded(&config.params, config.params_numbers);
        SiteObject {
            config,
            params,
            pages,
        }
    }

    fn lang(&self) -> String {
        self.config
            .language_code
            .as_deref()
            .and_then(|code| code.split(['-', '_']).next())
            .unwrap_or("en")
            .to_lowercase()
    }

    fn language(&self) -> Result<Value, TooDeep> {
        let mut map = Map::new();
        map.insert("Lang".into(), Value::from(self.lang()));
        map.insert(
            "LanguageCode".into(),
            Value::from(self.config.language_code.clone().unwrap_or_default()),
        );
        map.insert("LanguageName".into(), Value::from(""));
        map.insert("LanguageDirection".into(), Value::from(""));
        Value::map(map)
    }
}

impl Object for SiteObject {
    fn type_name(&self) -> &str {
        "page.Site"
    }

    fn arity(&self, name: &str) -> Arity {
        match name {
            "Param" => Arity::Fixed(1),
            "GetPage" => Arity::Variadic(0),
            _ => Arity::Fixed(0),
        }
    }

    fn get(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String> {
        Ok(Some(match name {
            "Title" => Value::from(self.config.title.clone().unwrap_or_default()),
            "BaseURL" => Value::from(self.config.base_url.as_str()),
            "Params" => self.params.clone(),
            "Param" => {
                want_args(name, args, 1)?;
                lookup_path(&self.params, &args[0].to_go_string())
            }
            "Language" => self.language()?,
            "LanguageCode" => Value::from(self.config.language_code.clone().unwrap_or_default()),
            "Data" => Value::map(Map::new())?,
            "GetPage" => {
                let path = args.last().map(Value::to_go_string).unwrap_or_default();
                match self.find_page(&path) {
                    Some((content_path, permalink)) => {
                        let mut map = Map::new();
                        map.insert("RelPermalink".into(), Value::from(permalink.as_str()));
                        map.insert(
                            "Permalink".into(),
                            Value::from(join_base_url(&self.config.base_url, permalink)),
                        );
                        map.insert("Path".into(), Value::from(content_path.as_str()));
                        Value::map(map)?
                    }
                    None => Value::Nil,
                }
            }
            _ => return Ok(None),
        }))
    }
}

impl SiteObject {
    /// A known page by content path, with or without extension or leading slash, or by its
    /// file name when only one page has it.
    fn find_page(&self, path: &str) -> Option<(&String, &String)> {
        let wanted = path.trim_matches('/');
        let stem = |p: &str| {
            p.rsplit_once('.')
                .map_or(p.to_owned(), |(s, _)| s.to_owned())
        };
        self.pages
            .iter()
            .find(|(key, _)| {
                let key = key.trim_start_matches('/');
                key == wanted || stem(key) == wanted || stem(key) == stem(wanted)
            })
            .or_else(|| {
                let mut by_name = self.pages.iter().filter(|(key, _)| {
                    key.rsplit('/').next() == Some(wanted)
                        || stem(key.rsplit('/').next().unwrap_or("")) == wanted
                });
                match (by_name.next(), by_name.next()) {
                    (Some(one), None) => Some(one),
                    _ => None,
                }
            })
    }
}

/// Seconds since 1970 of an RFC 3339 date or date-time (a missing zone is UTC); Go's zero
/// time for an empty date.
fn unix_seconds(date: &str) -> Option<i64> {
    if date.is_empty() {
        return Some(-62_135_596_800);
    }
    let number = |from: usize, to: usize| -> Option<i64> {
        let digits = date.get(from..to)?;
        digits
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| digits.parse().ok())?
    };
    let (year, month, day) = (number(0, 4)?, number(5, 7)?, number(8, 10)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let mut seconds = days * 86_400;
    if date.len() > 10 {
        seconds += number(11, 13)? * 3600 + number(14, 16)? * 60 + number(17, 19)?;
        let zone = date[19..].trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
        if let Some(sign) = zone.chars().next().filter(|c| *c == '+' || *c == '-') {
            let offset = number(date.len() - 5, date.len() - 3)? * 3600
                + number(date.len() - 2, date.len())? * 60;
            seconds -= if sign == '+' { offset } else { -offset };
        }
    }
    Some(seconds)
}
