//! The objects a shortcode template sees: the shortcode context (`.`, Hugo's
//! `ShortcodeWithPage`), `.Page`, `.Site`, `.Position`. They answer field and method lookups
//! through [`Object`], from data the preview has: the front matter, the typed page fields,
//! the site config and the known pages.

use crate::template::funcs::want_args;
use super::tree::Params;
use crate::front_matter::PageFields;
use crate::options::GoldmarkOptions;
use crate::reference::{join_base_url, rel_permalink};
use crate::site::SiteConfig;
pub use crate::template::Scratch;
use crate::template::funcs::HugoInfo;
use crate::template::{Arity, IntType, Map, Object, SafeKind, TooDeep, Value};
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
            Params::Named(map) => Value::map(crate::sorted::map(
                map.iter().map(|(k, v)| (k.clone(), Value::from_json(v))),
            )),
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
    /// `.Store` (and `.Scratch`): one pad for the whole render of the page.
    pub store: Rc<Scratch>,
    /// The body as written, for what a shortcode may read of the page's content.
    pub source: PageSource,
    /// `.Resources`: the files of the page's bundle.
    pub resources: Value,
}

/// The page's body as written, and what Hugo lets a shortcode read of its content while the
/// content is being rendered: the raw text and the table of contents.
pub struct PageSource {
    body: Rc<str>,
    toc_options: crate::options::TocOptions,
    toc: std::cell::OnceCell<String>,
    shortcode_names: std::cell::OnceCell<std::collections::BTreeSet<String>>,
}

impl PageSource {
    pub fn new(body: &str, toc_options: &crate::options::TocOptions) -> PageSource {
        PageSource {
            body: body.into(),
            toc_options: toc_options.clone(),
            toc: Default::default(),
            shortcode_names: Default::default(),
        }
    }

    /// Hugo's `.HasShortcode NAME`: whether the page calls NAME, at any depth.
    fn has_shortcode(&self, name: &str) -> bool {
        self.shortcode_names
            .get_or_init(|| {
                use super::lexer::{ItemKind, Lexer};
                // Every tag's name, opening or closing, nested or not: a closing tag names a
                // call that was opened. Lexed once per render, however often it is asked.
                let mut names = std::collections::BTreeSet::new();
                let mut lexer = Lexer::new(&self.body, 0);
                while let Some(item) = lexer.next() {
                    match item.kind {
                        ItemKind::Name { .. } => {
                            if let Some(name) = self.body.get(item.span.start..item.span.end) {
                                names.insert(name.to_owned());
                            }
                        }
                        ItemKind::Error { .. } => lexer.recover(),
                        ItemKind::Eof => break,
                        _ => {}
                    }
                }
                names
            })
            .contains(name)
    }

    /// Hugo's `.TableOfContents` from inside a shortcode: the page's, whole (Hugo builds it
    /// from the Markdown before the shortcodes' output is in; checked with Hugo 0.168: a
    /// shortcode in the middle of a page lists the headings after it too). The headings
    /// are the body's with the calls left out: what a `{{% %}}` call would write is not
    /// known while the calls run.
    fn table_of_contents(&self, goldmark: &GoldmarkOptions) -> &str {
        self.toc.get_or_init(|| {
            let document = super::tree::build(&self.body, 0, &|_| None);
            let mut prepared = crate::markdown::source::PreparedBody::new();
            for segment in &document.content {
                if let super::tree::Segment::Text(span) = segment {
                    if let Some(text) = self.body.get(span.start..span.end) {
                        prepared.push_verbatim(text, span.start);
                    }
                }
            }
            let mut ignored = Vec::new();
            let rendered =
                crate::markdown::render::render_body(
                &prepared,
                0,
                goldmark,
                None,
                None,
                None,
                &mut ignored,
            );
            let headings: Vec<crate::markdown::toc::TocHeading> = rendered
                .headings
                .into_iter()
                .map(|h| crate::markdown::toc::TocHeading {
                    level: h.level,
                    id: h.id,
                    title_html: h.title_html,
                })
                .collect();
            crate::markdown::toc::render_toc(&headings, &self.toc_options)
        })
    }
}

/// What a page's front matter and path give, for the page being rendered and for the other
/// pages of the site (`site.GetPage`, `.Site.RegularPages`): one home for these members.
pub struct PageMeta<'p> {
    pub fields: &'p PageFields,
    /// The front matter as written (a map).
    pub front_matter: &'p Value,
    pub path: Option<&'p str>,
    /// The site's params, for `.Param`'s fallback.
    pub site_params: &'p Value,
}

impl PageMeta<'_> {
    /// `.Params`: front matter keys lower-cased, as Hugo stores them, with a `params` table
    /// merged in (Hugo 0.123+), and the date keys Hugo reads as `time.Time`.
    fn params(&self) -> Result<Value, TooDeep> {
        let mut params = Map::new();
        if let Value::Map(map) = self.front_matter {
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
        for (key, time) in &self.fields.date_params {
            if params.contains_key(key.as_str()) {
                params.insert(key.clone(), Value::Object(Rc::new(TimeObject(time.clone()))));
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
        Ok(lookup_path(self.site_params, key))
    }

    fn date(value: &Option<String>) -> Value {
        match value {
            Some(date) => Value::Object(Rc::new(TimeObject(date.clone()))),
            None => Value::Object(Rc::new(TimeObject(String::new()))),
        }
    }

    /// The first folder of the page's path (`posts` for `posts/a.md`).
    fn section(&self) -> Option<String> {
        section_of(self.path?).map(str::to_owned)
    }

    /// The member `name` when the front matter and path decide it; `None` for others.
    pub fn member(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String> {
        let string = |s: &Option<String>| Value::from(s.clone().unwrap_or_default());
        let list =
            |items: &[String]| Value::list(items.iter().map(|s| Value::from(s.as_str())).collect());
        let fields = self.fields;
        Ok(Some(match name {
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
            "Type" => Value::from(
                lookup_path(&self.params()?, "type")
                    .as_str()
                    .map(str::to_owned)
                    .or_else(|| self.section())
                    .unwrap_or_else(|| "page".into()),
            ),
            "Section" => Value::from(self.section().unwrap_or_default()),
            _ => return Ok(None),
        }))
    }
}

impl PageObject {
    /// Its `RelPermalink`: the permalink below the site's root under the base URL's path.
    pub fn rel_permalink(&self) -> String {
        rel_permalink(&self.site.config.base_url, &self.relative_permalink)
    }

    fn meta(&self) -> PageMeta<'_> {
        PageMeta {
            fields: &self.fields,
            front_matter: &self.front_matter,
            path: self.path.as_deref(),
            site_params: &self.site.params,
        }
    }
}

/// The section of the content file at `path`: its first folder, unless that folder is the
/// page's own leaf bundle at the top (`b/index.md` is in no section).
pub fn section_of(path: &str) -> Option<&str> {
    let (first, rest) = path.trim_start_matches('/').split_once('/')?;
    let top_bundle = !rest.contains('/') && rest.split('.').next() == Some("index");
    (!top_bundle).then_some(first)
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
            "Param" | "GetPage" | "Ref" | "RelRef" | "HasShortcode" => Arity::Fixed(1),
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
        if let Some(value) = self.meta().member(name, args)? {
            return Ok(Some(value));
        }
        // A section's or the home page's `_index` file is a list page (Hugo's kinds).
        let section = self.path.as_deref().and_then(super::pages::own_section);
        let value = match name {
            "Kind" => Value::from(match section {
                Some("") => "home",
                Some(_) => "section",
                None => "page",
            }),
            "IsPage" => Value::Bool(section.is_none()),
            "IsHome" => Value::Bool(section == Some("")),
            "IsSection" => Value::Bool(section.is_some_and(|s| !s.is_empty())),
            "IsNode" => Value::Bool(section.is_some()),
            "Pages" | "RegularPages" | "Sections" => {
                self.site.children_of(self.path.as_deref().unwrap_or("-"), name)
            }
            "Parent" | "CurrentSection" | "FirstSection" | "Ancestors" => {
                self.site.family_of(self.path.as_deref().unwrap_or("-"), name)?
            }
            "RelPermalink" => Value::from(self.rel_permalink()),
            "Permalink" => Value::from(join_base_url(
                &self.site.config.base_url,
                &self.relative_permalink,
            )),
            "File" => Value::Object(Rc::new(FileObject(self.path.clone().unwrap_or_default()))),
            "Site" => Value::Object(self.site.clone()),
            // `.Page.GetPage PATH`: first relative to the page (`reference::find_page`).
            "GetPage" => {
                let wanted = args.first().map(Value::to_go_string).unwrap_or_default();
                self.site.get_page(&wanted, Some(self.path.as_deref().unwrap_or("")))?
            }
            "Language" => self.site.language()?,
            "Lang" => Value::from(self.site.lang()),
            "RenderString" => {
                // Without the render (a page object outlives it): code blocks not coloured.
                let goldmark = &self.goldmark;
                let uncoloured = crate::markdown::render::UNCOLOURED;
                self.render_string(args, &|text, block| {
                    crate::markdown::render_string_with(text, block, goldmark, Some(uncoloured))
                })?
            }
            "Resources" => self.resources.clone(),
            "TableOfContents" => Value::safe(
                SafeKind::Html,
                self.source.table_of_contents(&self.goldmark),
            ),
            "RawContent" => Value::from(&*self.source.body),
            "HasShortcode" => {
                want_args(name, args, 1)?;
                Value::Bool(self.source.has_shortcode(&args[0].to_go_string()))
            }
            // Hugo's bundles: `index.md` heads a leaf bundle, `_index.md` a branch.
            "BundleType" => Value::from(
                match self.path.as_deref().map(|p| p.rsplit('/').next().unwrap_or(p)) {
                    Some(file) if file.starts_with("index.") => "leaf",
                    Some(file) if file.starts_with("_index.") => "branch",
                    _ => "",
                },
            ),
            // What Hugo answers while the page's own content is being rendered, which is when
            // its shortcodes run: the content is not there yet, so it has no words, no plain
            // text and no summary (checked with Hugo 0.168, a shortcode reading them gets 0
            // and "").
            "WordCount" | "FuzzyWordCount" | "ReadingTime" | "Len" => Value::int(0),
            "Plain" | "Summary" | "Content" | "ContentWithoutSummary" => {
                Value::safe(SafeKind::Html, "")
            }
            "PlainWords" => Value::list(Vec::new())?,
            "Truncated" => Value::Bool(false),
            // One language: no translations.
            "IsTranslated" => Value::Bool(false),
            "Translations" => Value::list(Vec::new())?,
            "Sites" => Value::list(vec![Value::Object(self.site.clone())])?,
            // `.Scratch` is `.Store` since Hugo 0.138 (`pageCommon.Scratch`; checked with
            // Hugo 0.168: what one sets the other gets).
            "Scratch" | "Store" => Value::Object(self.store.clone()),
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
        // Hugo's `cast.ToStringE`: `nil` is empty (`.Get 1` of a call without it).
        let text = crate::template::funcs::to_string(text)?;
        // Inline, a lone paragraph loses its `<p>` (`TrimShortHTML`); anything else keeps
        // its final line break, as in Hugo.
        Ok(Value::safe(SafeKind::Html, render(&text, block)))
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
                // No date: Go's zero time (`0001-01-01`), as Hugo formats it.
                let date = if date.is_empty() { "0001-01-01T00:00:00Z" } else { date };
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

    /// Go's `Time.String` (`2020-01-01 00:00:00 +0000 UTC`; checked with Hugo 0.168 for a
    /// front matter date). Go adds the monotonic clock's reading to `now`'s (`m=+0.03`),
    /// which a preview cannot know and leaves out.
    fn display(&self) -> String {
        if self.0.is_empty() {
            return "0001-01-01 00:00:00 +0000 UTC".into();
        }
        match crate::rules::time::DateTime::parse(&self.0) {
            Some(time) => time.format("2006-01-02 15:04:05.999999999 -0700 MST"),
            None => self.0.clone(),
        }
    }
}

/// `.Site`.
pub struct SiteObject {
    pub config: SiteConfig,
    pub params: Value,
    /// Known pages: content path → relative permalink.
    pub pages: BTreeMap<String, String>,
    /// `.Site.Data`, `site.Data` and `hugo.Data`: the site's `data/` files.
    pub data: Value,
    /// The content files' text by path under `content/`, when the site was given as files.
    pub contents: BTreeMap<String, Rc<str>>,
    /// `.Site.Hugo`, what `hugo` returns.
    hugo: Rc<HugoInfo>,
    /// `.Site.Store` (`site.Store`): one pad for one render, as `hugo.Store`.
    store: RefCell<Rc<Scratch>>,
    /// Itself, for the pages it hands out (`.GetPage` of another page looks up from there).
    me: std::rc::Weak<SiteObject>,
    /// Each page's front matter date (drafts left out), decoded once when a section's date is
    /// first needed.
    dates: std::cell::OnceCell<BTreeMap<String, String>>,
}

impl SiteObject {
    /// The site object, in the `Rc` its pages refer back to.
    pub fn new(
        config: SiteConfig,
        pages: BTreeMap<String, String>,
        data: serde_json::Map<String, serde_json::Value>,
        contents: BTreeMap<String, Rc<str>>,
    ) -> Rc<SiteObject> {
        Rc::new_cyclic(|me| SiteObject::with_self(config, pages, data, contents, me.clone()))
    }

    fn with_self(
        config: SiteConfig,
        pages: BTreeMap<String, String>,
        data: serde_json::Map<String, serde_json::Value>,
        contents: BTreeMap<String, Rc<str>>,
        me: std::rc::Weak<SiteObject>,
    ) -> SiteObject {
        let params = Value::from_decoded(&config.params, config.params_numbers);
        let data = Value::from_json(&serde_json::Value::Object(data));
        let hugo = Rc::new(HugoInfo::new(data.clone(), config.multilingual));
        SiteObject {
            config,
            params,
            pages,
            data,
            contents,
            hugo,
            store: Default::default(),
            me,
            dates: Default::default(),
        }
    }

    /// A new render: the stores templates share (`site.Store`, `hugo.Store`) start empty,
    /// as in a build of this page alone.
    pub fn start_render(&self) {
        *self.store.borrow_mut() = Default::default();
        self.hugo.start_render();
    }

    pub(crate) fn lang(&self) -> String {
        self.config
            .language_code
            .as_deref()
            .and_then(|code| code.split(['-', '_']).next())
            .unwrap_or("en")
            .to_lowercase()
    }

    fn language(&self) -> Result<Value, TooDeep> {
        Ok(Value::Object(Rc::new(LanguageObject {
            lang: self.lang(),
            code: self.config.language_code.clone(),
            params: self.params.clone(),
        })))
    }
}

impl Object for SiteObject {
    fn type_name(&self) -> &str {
        "page.Site"
    }

    /// The store is shared by every call of the render.
    fn is_pure(&self, name: &str) -> bool {
        name != "Store"
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
            "Data" => self.data.clone(),
            "Hugo" => Value::Object(self.hugo.clone()),
            "Store" => Value::Object(self.store.borrow().clone()),
            "GetPage" => {
                let path = args.last().map(Value::to_go_string).unwrap_or_default();
                self.get_page(&path, None)?
            }
            "MainSections" => self.main_sections()?,
            // The content pages (no taxonomy pages: a preview has none), drafts left out.
            "Pages" => super::pages::PagesObject::value(default_order(self.published(|_| true))),
            "Sections" => self.children_of("", "Sections"),
            "Home" => self.home(),
            "Config" => super::site_config::site_config(&self.config.privacy, &self.config.services),
            "RegularPages" => Value::list(self.regular_pages()).map_err(|e| e.to_string())?,
            _ => return Ok(None),
        }))
    }
}

impl SiteObject {
    /// `.Site.Home`: the home page, from `content/_index.*` when the site has one. Without
    /// one Hugo makes it, titled as the site, with no front matter (checked with Hugo 0.168);
    /// the preview knows there is none only when it was given the site's content files.
    fn home(&self) -> Value {
        let file = crate::reference::find_page(self.pages.keys().map(String::as_str), "/", None, false)
            .ok()
            .flatten()
            .and_then(|path| self.pages.get_key_value(path));
        let page = match file {
            Some((path, permalink)) => OtherPage::new(self, path, permalink),
            None => {
                let mut page = OtherPage::new(self, "", "/");
                if !self.contents.is_empty() {
                    page.text = Some(Rc::from(""));
                    page.fallback_title = Some(self.config.title.clone().unwrap_or_default());
                }
                page
            }
        };
        Value::Object(Rc::new(page))
    }

    /// `site.GetPage PATH`, or `.Page.GetPage PATH` from the page at `context`: the page
    /// Hugo's page finder gives ([`crate::reference::find_page`]), or `nil`.
    fn get_page(&self, path: &str, context: Option<&str>) -> Result<Value, String> {
        let found = crate::reference::find_page(
            self.pages.keys().map(String::as_str),
            path,
            context,
            context.is_none(),
        )?;
        Ok(match found.and_then(|path| self.pages.get_key_value(path)) {
            Some((content_path, permalink)) => {
                Value::Object(Rc::new(OtherPage::new(self, content_path, permalink)))
            }
            None => Value::Nil,
        })
    }

    /// `.Site.MainSections`: `params.mainSections` when set, else the section with the most
    /// regular pages (Hugo's default), else none.
    fn main_sections(&self) -> Result<Value, String> {
        let configured = lookup_path(&self.params, "mainSections");
        match configured {
            Value::List(_) => return Ok(configured),
            Value::String(_) => return Value::list(vec![configured]).map_err(|e| e.to_string()),
            _ => {}
        }
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for path in self.pages.keys() {
            let Some(section) = section_of(path) else {
                continue;
            };
            if !path.rsplit('/').next().unwrap_or(path).starts_with("_index.") {
                *counts.entry(section).or_default() += 1;
            }
        }
        // The most pages; of equal counts, the first in order.
        let best = counts
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(section, _)| Value::from(*section));
        Value::list(best.into_iter().collect()).map_err(|e| e.to_string())
    }

    /// `.Site.RegularPages`: every known page that is not a section's `_index`, drafts left
    /// out (as `hugo server` leaves them), in Hugo's default order: weight (0 last), date
    /// (newest first), link title, path.
    fn regular_pages(&self) -> Vec<Value> {
        let pages = self.published(|path| super::pages::own_section(path).is_none());
        default_order(pages)
            .into_iter()
            .map(|page| Value::Object(page as Rc<dyn Object>))
            .collect()
    }

    /// The pages directly below the section in `folder` (`""`: the home page), its regular
    /// pages and its subsections, drafts left out, in Hugo's default order
    /// ([`super::pages`]).
    pub(super) fn children(&self, folder: &str) -> Vec<Rc<OtherPage>> {
        let has_index = |folder: &str| self.section_index(folder).is_some();
        default_order(self.published(|path| {
            super::pages::parent_section(path, &has_index) == Some(folder)
        }))
    }

    /// The known pages whose paths `keep` takes, drafts left out (as `hugo server` leaves
    /// them out), in path order.
    fn published(&self, keep: impl Fn(&str) -> bool) -> Vec<Rc<OtherPage>> {
        self.pages
            .iter()
            .filter(|(path, _)| keep(path))
            .map(|(path, permalink)| Rc::new(OtherPage::new(self, path, permalink)))
            .filter(|page| !page.decoded().is_some_and(|(fields, _)| fields.draft))
            .collect()
    }

    /// The date Hugo gives a section without one of its own: the newest of the pages below it
    /// (at any depth; all pages for the home page's `folder` `""`).
    fn section_date(&self, folder: &str) -> String {
        let dates = self.dates.get_or_init(|| {
            crate::sorted::map(self.pages.keys().filter_map(|path| {
                let page = OtherPage::new(self, path, "");
                let (fields, _) = page.decoded()?;
                let date = fields.date.clone().filter(|_| !fields.draft)?;
                Some((path.clone(), date))
            }))
        });
        let prefix = if folder.is_empty() { String::new() } else { format!("{folder}/") };
        dates
            .range(prefix.clone()..)
            .take_while(|(path, _)| path.starts_with(&prefix))
            .map(|(_, date)| date)
            .max()
            .cloned()
            .unwrap_or_default()
    }

    /// The section page of `folder` (`""`: the home page): its `_index` file's page, nil
    /// for a folder without one.
    fn section_page(&self, folder: &str) -> Value {
        if folder.is_empty() {
            return self.home();
        }
        match self.section_index(folder) {
            Some((path, permalink)) => Value::Object(Rc::new(OtherPage::new(self, path, permalink))),
            None => Value::Nil,
        }
    }

    /// The `_index` file of the folder `folder` (any extension), with its permalink.
    fn section_index(&self, folder: &str) -> Option<(&String, &String)> {
        let prefix = format!("{folder}/_index.");
        self.pages
            .range(prefix.clone()..)
            .next()
            .filter(|(path, _)| path.starts_with(&prefix))
    }

    /// `.Parent`, `.CurrentSection`, `.FirstSection` or `.Ancestors` (`member`) of the page
    /// at `path` (a content path; `""` for a home page without a file).
    pub(super) fn family_of(&self, path: &str, member: &str) -> Result<Value, String> {
        let has_index = |folder: &str| self.section_index(folder).is_some();
        let own = if path.is_empty() { Some("") } else { super::pages::own_section(path) };
        let parent = if path.is_empty() { None } else { super::pages::parent_section(path, &has_index) };
        Ok(match member {
            "Parent" => parent.map_or(Value::Nil, |folder| self.section_page(folder)),
            "CurrentSection" => match own.or(parent) {
                Some(folder) => self.section_page(folder),
                None => Value::Nil,
            },
            "FirstSection" => {
                let folder = own.or(parent).unwrap_or("");
                self.section_page(folder.split('/').next().unwrap_or(""))
            }
            _ => {
                // `.Ancestors`: the sections above, nearest first, the home page last.
                let mut list = Vec::new();
                let mut at = parent.map(str::to_owned);
                while let Some(folder) = at {
                    list.push(self.section_page(&folder));
                    at = match folder.is_empty() {
                        true => None,
                        false => {
                            let index = format!("{folder}/_index.md");
                            super::pages::parent_section(&index, &has_index).map(str::to_owned)
                        }
                    };
                }
                Value::list(list)?
            }
        })
    }

    /// `.Pages`, `.RegularPages` or `.Sections` (`member`) of the page at `path`: its
    /// section's children, none for a regular page.
    pub(super) fn children_of(&self, path: &str, member: &str) -> Value {
        let folder = if path.is_empty() { Some("") } else { super::pages::own_section(path) };
        let pages = folder.map(|folder| self.children(folder)).unwrap_or_default();
        let pages = pages
            .into_iter()
            .filter(|page| match member {
                "RegularPages" => !page.is_section(),
                "Sections" => page.is_section(),
                _ => true,
            })
            .collect();
        super::pages::PagesObject::value(pages)
    }
}

/// Hugo's default order of pages: weight (0 last), date (newest first), link title, path.
pub(super) fn default_order(pages: Vec<Rc<OtherPage>>) -> Vec<Rc<OtherPage>> {
    {
        let key = |page: &OtherPage| {
            let (weight, date, title) = match page.decoded() {
                Some((fields, _)) => (
                    fields.weight,
                    fields.date.clone().unwrap_or_else(|| page.section_date()),
                    fields
                        .link_title
                        .clone()
                        .or_else(|| fields.title.clone())
                        .unwrap_or_default(),
                ),
                None => (0, String::new(), String::new()),
            };
            (weight == 0, weight, std::cmp::Reverse(date), title, page.path.clone())
        };
        // Ordered by a map (no sort instantiated for this key in the .wasm).
        let ordered: BTreeMap<_, Rc<OtherPage>> =
            crate::sorted::map(pages.into_iter().map(|page| (key(&page), page)));
        ordered.into_values().collect()
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

/// Another page of the site, as `site.GetPage` finds it among the pages the preview knows
/// (`RenderOptions::pages`): its path and links. Anything else of it is an error that says
/// so, never a silent empty value.
pub struct OtherPage {
    path: String,
    relative_permalink: String,
    permalink: String,
    /// The content file's text, when the site was given as files.
    text: Option<Rc<str>>,
    /// Its front matter, decoded when a member first needs it.
    decoded: std::cell::OnceCell<Option<(PageFields, Value)>>,
    site_params: Value,
    /// The site's title, for a home page that has no content file (Hugo titles it so).
    fallback_title: Option<String>,
    /// The site, for `.GetPage` from this page.
    site: std::rc::Weak<SiteObject>,
}

impl OtherPage {
    fn new(site: &SiteObject, path: &str, permalink: &str) -> OtherPage {
        OtherPage {
            path: path.to_owned(),
            relative_permalink: rel_permalink(&site.config.base_url, permalink),
            permalink: join_base_url(&site.config.base_url, permalink),
            text: site.contents.get(path).cloned(),
            decoded: Default::default(),
            site_params: site.params.clone(),
            fallback_title: None,
            site: site.me.clone(),
        }
    }

    /// Whether this is the home page: `content/_index.*`, or the one Hugo makes without it.
    fn is_home(&self) -> bool {
        self.path.is_empty() || self.path.trim_start_matches('/').starts_with("_index.")
    }

    /// The front matter's fields and tree; `None` without the file's text.
    fn decoded(&self) -> Option<&(PageFields, Value)> {
        self.decoded
            .get_or_init(|| {
                let text = self.text.as_deref()?;
                let mut ignored = Vec::new();
                let front_matter = crate::front_matter::parse(text, &mut ignored);
                let fields = PageFields::from_front_matter(&front_matter, &mut ignored);
                let numbers = front_matter
                    .format
                    .map_or(crate::template::NumberStyle::Int, crate::front_matter::number_style);
                let tree = Value::from_decoded(&front_matter.tree(), numbers);
                Some((fields, tree))
            })
            .as_ref()
    }

    fn is_section(&self) -> bool {
        super::pages::own_section(&self.path).is_some()
    }

    /// A section's or the home page's date when its front matter has none: its pages'
    /// newest (Hugo's); empty for a regular page.
    fn section_date(&self) -> String {
        match (super::pages::own_section(&self.path), self.site.upgrade()) {
            (Some(folder), Some(site)) => site.section_date(folder),
            _ => String::new(),
        }
    }
}

impl Object for OtherPage {
    fn type_name(&self) -> &str {
        "page.Page"
    }

    fn arity(&self, _name: &str) -> Arity {
        Arity::Variadic(0)
    }

    /// `.Content`: the page rendered as the previewed one is (its shortcodes and hooks run).
    fn get_with_host(
        &self,
        name: &str,
        args: &[Value],
        host: &dyn crate::template::funcs::Host,
    ) -> Result<Option<Value>, String> {
        match (name, &self.text) {
            ("Content", Some(text)) => {
                let html = host.other_content(&self.path, text)?;
                Ok(Some(Value::Safe(SafeKind::Html, html.into())))
            }
            _ => self.get(name, args),
        }
    }

    /// Its content is rendered with what that render reads (`now`, the highlighter's
    /// progress), which a remembered output would not see change.
    fn is_pure(&self, name: &str) -> bool {
        name != "Content"
    }

    fn get(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String> {
        let home = self.is_home();
        let section = self.is_section() || home;
        Ok(Some(match name {
            "RelPermalink" => Value::from(self.relative_permalink.as_str()),
            "Permalink" => Value::from(self.permalink.as_str()),
            // Hugo's logical path of the home page.
            "Path" if home => Value::from("/"),
            "Path" => Value::from(self.path.as_str()),
            "IsPage" => Value::Bool(!section),
            "IsSection" => Value::Bool(section && !home),
            "IsNode" => Value::Bool(section),
            "IsHome" => Value::Bool(home),
            "Kind" => Value::from(match (home, section) {
                (true, _) => "home",
                (false, true) => "section",
                (false, false) => "page",
            }),
            // A page Hugo made has no file (`{{ site.Home.File }}` prints `<nil>`).
            "File" if self.path.is_empty() => Value::Nil,
            "File" => Value::Object(Rc::new(FileObject(self.path.clone()))),
            "Title" | "LinkTitle" if self.fallback_title.is_some() => {
                Value::from(self.fallback_title.clone().unwrap_or_default())
            }
            "Pages" | "RegularPages" | "Sections" => match self.site.upgrade() {
                Some(site) => site.children_of(&self.path, name),
                None => Value::Nil,
            },
            "Parent" | "CurrentSection" | "FirstSection" | "Ancestors" => match self.site.upgrade() {
                Some(site) => site.family_of(&self.path, name)?,
                None => Value::Nil,
            },
            // Relative to this page first, as from the page being previewed.
            "GetPage" => match self.site.upgrade() {
                Some(site) => {
                    let wanted = args.first().map(Value::to_go_string).unwrap_or_default();
                    site.get_page(&wanted, Some(&self.path))?
                }
                None => Value::Nil,
            },
            _ => {
                let meta = self.decoded().map(|(fields, front_matter)| PageMeta {
                    fields,
                    front_matter,
                    path: Some(&self.path),
                    site_params: &self.site_params,
                });
                if let Some(value) = meta.map(|meta| meta.member(name, args)).transpose()?.flatten() {
                    return Ok(Some(value));
                }
                let known = if self.text.is_some() {
                    "its path, links and front matter"
                } else {
                    "its path and links (give the site's content files to know its front matter)"
                };
                return Err(format!(
                    "{name} of another page ({}): the preview knows only {known}",
                    self.path
                ));
            }
        }))
    }
}

/// `.Language` (Hugo's `*langs.Language`) of the site's one language.
struct LanguageObject {
    lang: String,
    /// `languageCode` as configured.
    code: Option<String>,
    /// The site's params (a language without params of its own has the site's).
    params: Value,
}

impl Object for LanguageObject {
    fn type_name(&self) -> &str {
        "*langs.Language"
    }

    fn arity(&self, _name: &str) -> Arity {
        Arity::Fixed(0)
    }

    /// Checked with Hugo 0.168 for a site that configures no languages: `Lang`, `Name` and
    /// `Locale` are `en`, `LanguageCode` is the configured code or else the language,
    /// `LanguageName`, `LanguageDirection` and `Title` are empty, `Weight` is 0.
    fn get(&self, name: &str, _args: &[Value]) -> Result<Option<Value>, String> {
        let code = self.code.as_deref().unwrap_or(&self.lang);
        Ok(Some(match name {
            "Lang" | "Name" => Value::from(self.lang.as_str()),
            "LanguageCode" | "Locale" => Value::from(code),
            "LanguageName" | "LanguageDirection" | "Title" => Value::from(""),
            "Weight" => Value::int(0),
            "Params" => self.params.clone(),
            _ => return Ok(None),
        }))
    }

    /// Its `String`: the language.
    fn display(&self) -> String {
        self.lang.clone()
    }
}
