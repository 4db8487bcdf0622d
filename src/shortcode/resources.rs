//! Resources as templates see them: `resources.Get`/`GetMatch`/`Match` over the site's
//! `assets/` (the project's over the themes'), and `.Page.Resources` over the page's bundle
//! (the files beside its `index.md`). Text files give their `.Content`; images give the URL the
//! embedder chose (or the one Hugo would publish them at) and, when known, `.Width`/`.Height`.
//! A preview does not process pixels: `.Resize`, `.Fit`, `.Fill`, `.Crop`, `.Process` and
//! `.Filter` give the same image with the dimensions Hugo would compute.

use crate::options::BinaryFile;
use crate::template::value::{Arity, Object, SafeKind, Value};
use std::collections::BTreeMap;
use std::rc::Rc;

/// One file as a resource.
#[derive(Debug, Clone)]
pub struct ResourceData {
    /// Its name: the path under `assets/`, or under the bundle's folder (what globs match).
    pub name: String,
    /// `.Name` and `.Title`: the name, with a leading `/` for an asset.
    pub title: String,
    /// The text of a text file.
    pub text: Option<String>,
    /// `.RelPermalink`.
    pub url: String,
    /// `.Permalink`: with the `baseURL`'s scheme and host.
    pub permalink: String,
    /// `url` is the one the embedder gave (`BinaryFile::url`).
    pub embedder_url: bool,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// `.MediaType.Type` (`image/png`).
    pub media_type: &'static str,
    /// A content file of the bundle (`page` resource).
    pub page: bool,
    /// `.Params`, from the page's front matter `resources` (keys lower-cased).
    pub params: Option<Value>,
    /// `.Name` as the front matter's `resources` set it (what globs then match).
    pub renamed: Option<String>,
}

impl ResourceData {
    /// Whether `pattern` (a glob, else a name) finds it: by its name, or by the name the
    /// front matter gave it (Hugo matches both).
    fn matches(&self, pattern: &str, glob: bool) -> bool {
        let by = |name: &str| match glob {
            true => glob_matches(pattern, name),
            false => name.eq_ignore_ascii_case(pattern.trim_start_matches('/')),
        };
        by(&self.name) || self.renamed.as_deref().is_some_and(by)
    }

    /// Published at `path` below the site's root (its URLs under `base_url`), unless the
    /// embedder gave the URL the browser loads it from.
    fn publish(&mut self, base_url: &str, path: &str) {
        if !self.embedder_url {
            self.url = crate::reference::rel_permalink(base_url, path);
            self.permalink = crate::reference::join_base_url(base_url, path);
        }
    }
}

/// The site's resources, read once per renderer.
#[derive(Debug, Default)]
pub struct SiteResources {
    /// `assets/` files by path under it, the project's over the themes'.
    assets: BTreeMap<String, Rc<ResourceData>>,
    /// Every file of the site by path (its text; `None` for a binary file), and the roots
    /// a path is looked up under, the project's (empty) first: `readFile`, `readDir`.
    files: BTreeMap<String, Option<Rc<str>>>,
    roots: Vec<String>,
    /// Every file under `content/` that is not itself a page: by path under `content/`.
    content: BTreeMap<String, Rc<ResourceData>>,
    /// The site's `baseURL`, for where a page's resources are published.
    base_url: String,
}

/// The text and binary files of a site and its themes (`themes/NAME/`, in precedence order).
pub struct SiteFiles<'a> {
    /// The files where their mounts put them ([`crate::mounts`]).
    pub texts: &'a BTreeMap<String, String>,
    /// The files as given, where `readFile` finds them.
    pub given: &'a BTreeMap<String, String>,
    pub given_binaries: &'a BTreeMap<String, BinaryFile>,
    pub binaries: &'a BTreeMap<String, BinaryFile>,
    pub themes_dir: &'a str,
    pub themes: &'a [String],
    /// The site's `baseURL`: its path goes before every published resource's path.
    pub base_url: &'a str,
}

impl SiteResources {
    pub fn new(files: SiteFiles<'_>) -> SiteResources {
        let mut resources = SiteResources::default();
        let mut roots = vec![String::new()];
        roots.extend(
            files
                .themes
                .iter()
                .map(|name| format!("{}/{name}/", files.themes_dir)),
        );
        let paths = || {
            files
                .texts
                .keys()
                .map(|path| (path, true))
                .chain(files.binaries.keys().map(|path| (path, false)))
        };
        for root in &roots {
            let prefix = format!("{root}assets/");
            for (path, is_text) in paths() {
                let Some(name) = path.strip_prefix(&prefix) else {
                    continue;
                };
                if resources.assets.contains_key(name) {
                    continue;
                }
                let mut data = resource(&files, path, name, &format!("/{name}"), is_text, false);
                // Hugo names a global resource by its path from the assets root.
                data.title = format!("/{name}");
                resources.assets.insert(name.to_owned(), Rc::new(data));
            }
        }
        // Hugo's `readFile` reads the project's folder, then the content folders as mounted.
        // `readFile` reads the project's folder as given (not `static/` as mounted), then the
        // content folders as mounted (checked with Hugo 0.168).
        let content = |path: &&String| crate::layouts::is_in_folder(path, "content");
        resources.files = crate::sorted::map(
            files
                .texts
                .iter()
                .filter(|(path, _)| content(path))
                .chain(files.given)
                .map(|(path, text)| (path.clone(), Some(Rc::from(text.as_str()))))
                .chain(files.binaries.keys().filter(content).map(|path| (path.clone(), None)))
                .chain(files.given_binaries.keys().map(|path| (path.clone(), None))),
        );
        resources.roots = roots.clone();
        resources.base_url = files.base_url.to_owned();
        for (path, is_text) in paths() {
            let Some(relative) = path.strip_prefix("content/") else {
                continue;
            };
            let page = is_content(relative);
            let url = format!("/{}", relative.to_lowercase());
            let data = resource(&files, path, relative, &url, is_text, page);
            resources.content.insert(relative.to_owned(), Rc::new(data));
        }
        resources
    }

    /// `resources.Get PATH`: the asset at PATH (a leading `/` ignored, matched without regard
    /// to case, as Hugo's file system does on the names it publishes).
    pub fn get(&self, path: &str) -> Option<Value> {
        let wanted = path.trim_start_matches('/');
        self.assets
            .get(wanted)
            .or_else(|| {
                self.assets
                    .iter()
                    .find(|(name, _)| name.eq_ignore_ascii_case(wanted))
                    .map(|(_, data)| data)
            })
            .map(|data| ResourceObject::value(data.clone()))
    }

    /// `resources.Match PATTERN`: the assets whose path matches the glob, in path order.
    pub fn matching(&self, pattern: &str) -> Vec<Value> {
        self.assets
            .iter()
            .filter(|(name, _)| glob_matches(pattern, name))
            .map(|(_, data)| ResourceObject::value(data.clone()))
            .collect()
    }

    /// `resources.Copy TARGET RESOURCE`: the resource published at TARGET (under the site's
    /// root) instead, or still at the embedder's URL (the one the browser can load); `None`
    /// when RESOURCE is not one.
    pub fn copy(&self, target: &str, resource: &dyn Object) -> Option<Value> {
        let original = resource.as_any()?.downcast_ref::<ResourceObject>()?;
        // Its name stays (checked with Hugo 0.168); only where it is published changes.
        let mut data = (*original.data).clone();
        data.publish(
            &self.base_url,
            &format!("/{}", target.trim_start_matches('/')),
        );
        Some(Value::Object(Rc::new(ResourceObject {
            data: Rc::new(data),
            width: original.width,
            height: original.height,
        })))
    }

    /// `resources.FromString NAME CONTENT`: a text resource published at `/NAME`.
    pub fn from_string(name: &str, content: &str) -> Value {
        let name = name.trim_start_matches('/');
        ResourceObject::value(Rc::new(ResourceData {
            params: None,
            renamed: None,
            name: name.to_owned(),
            title: name.to_owned(),
            text: Some(content.to_owned()),
            url: format!("/{name}"),
            permalink: format!("/{name}"),
            embedder_url: false,
            width: None,
            height: None,
            media_type: media_type(name),
            page: false,
        }))
    }

    /// `readFile PATH`: the text of the file at PATH from the project's root, else from a
    /// theme's.
    pub fn file(&self, path: &str) -> Option<String> {
        self.find_file(normalize(path))
            .map(|text| text.as_deref().unwrap_or("").to_owned())
    }

    /// A file as `readFile`, `fileExists` and `os.Stat` find it (Hugo's overlay of the
    /// project's folder, the themes', then the content folders: `/docs/x.md` is also
    /// `content/docs/x.md`).
    fn find_file(&self, path: &str) -> Option<&Option<Rc<str>>> {
        let in_root = |root: &String| self.files.get(&format!("{root}{path}"));
        let in_content = |root: &String| self.files.get(&format!("{root}content/{path}"));
        self.roots
            .iter()
            .find_map(in_root)
            .or_else(|| self.roots.iter().find_map(in_content))
    }

    /// `os.Stat PATH`: what the site has at PATH (the project's, else a theme's), its path
    /// cleaned as Go's `path.Clean` does.
    pub fn entry(&self, path: &str) -> Option<crate::template::funcs::SiteEntry> {
        use crate::template::funcs::SiteEntry;
        let cleaned = crate::rules::path::clean(path);
        let path = normalize(&cleaned);
        if path == "." || path.starts_with("../") || path == ".." {
            return None;
        }
        match self.find_file(path) {
            Some(text) => Some(SiteEntry::File {
                size: text.as_deref().map(str::len),
            }),
            None if self.has_folder(path) => Some(SiteEntry::Folder),
            None => None,
        }
    }

    /// `readDir PATH`: the entries of the project's folder at PATH, each with its size
    /// (`None` for a folder). As Hugo's `os.ReadDir` reads the project's folder itself, a
    /// theme's files are under `themes/NAME/`, not merged.
    pub fn project_folder(&self, path: &str) -> Vec<(String, Option<usize>)> {
        self.folder_in(path, self.roots.get(..1).unwrap_or_default())
    }

    /// Whether the project or a theme has a folder at PATH (`fileExists`, `os.Stat`).
    fn has_folder(&self, path: &str) -> bool {
        !self.folder_in(path, &self.roots).is_empty()
    }

    /// The entries of the folder at PATH under `roots`, merged by name.
    fn folder_in(&self, path: &str, roots: &[String]) -> Vec<(String, Option<usize>)> {
        let path = normalize(path);
        let mut entries: BTreeMap<String, Option<usize>> = BTreeMap::new();
        for root in roots {
            let prefix = if path.is_empty() {
                root.clone()
            } else {
                format!("{root}{path}/")
            };
            for (file, text) in self.files.range(prefix.clone()..) {
                let Some(rest) = file.strip_prefix(&prefix) else {
                    break;
                };
                let entry = match rest.split_once('/') {
                    Some((folder, _)) => (folder.to_owned(), None),
                    None => (rest.to_owned(), Some(text.as_deref().map_or(0, str::len))),
                };
                entries.entry(entry.0).or_insert(entry.1);
            }
        }
        entries.into_iter().collect()
    }

    /// `.Resources` of the page at `page_path` (under `content/`): the files of its bundle
    /// (the folder of an `index.md` or `_index.md`), named from that folder; none for a page
    /// that is not a bundle. Hugo publishes them beside the page (`permalink`, below the
    /// site's root: `/p/gallery/` with the site's `permalinks`), their names as written.
    /// `metadata`: the page's front matter `resources` (Hugo's resource metadata: `src`
    /// globs, `name`, `title`, `params`).
    pub fn of_page(
        &self,
        page_path: Option<&str>,
        permalink: &str,
        metadata: Option<&serde_json::Value>,
    ) -> Value {
        let folder_url = permalink.rfind('/').map_or("/", |end| &permalink[..=end]);
        let bundle = page_path.and_then(|path| {
            let (folder, file) = path.rsplit_once('/').unwrap_or(("", path));
            let stem = file.split('.').next().unwrap_or("");
            matches!(stem, "index" | "_index").then_some((folder, stem == "_index", file))
        });
        let mut list = Vec::new();
        if let Some((folder, branch, own)) = bundle {
            let prefix = if folder.is_empty() {
                String::new()
            } else {
                format!("{folder}/")
            };
            for (path, data) in self.content.range(prefix.clone()..) {
                let Some(name) = path.strip_prefix(&prefix) else {
                    break;
                };
                // A branch bundle's resources are its own folder's files only.
                if name == own || (branch && name.contains('/')) {
                    continue;
                }
                let mut resource = ResourceData {
                    name: name.to_owned(),
                    title: name.to_owned(),
                    ..(**data).clone()
                };
                resource.publish(&self.base_url, &format!("{folder_url}{name}"));
                list.push(resource);
            }
        }
        if let Some(metadata) = metadata {
            apply_metadata(&mut list, metadata);
        }
        // Hugo's order (checked with Hugo 0.168): by resource type (`application`, `audio`,
        // `image`, `page`, `text`), then by name; with front matter `resources`, by name only,
        // the name it gave.
        let by_name = metadata.is_some_and(|m| m.as_array().is_some_and(|l| !l.is_empty()));
        let ordered: BTreeMap<(&str, String, String), Rc<ResourceData>> =
            crate::sorted::map(list.into_iter().map(|data| {
                let kind = if by_name { "" } else { resource_type(&data) };
                let name = data.renamed.clone().unwrap_or_else(|| data.name.clone());
                ((kind, name, data.name.clone()), Rc::new(data))
            }));
        Value::Object(Rc::new(ResourcesObject(ordered.into_values().collect())))
    }
}

/// Hugo's resource metadata (`resources/resource_metadata.go`): for each resource, the
/// entries whose `src` glob matches its name, in order; the first `name` and the first
/// `title` win (`:counter` counts the resources an entry matched so far), `params` merge, a
/// later entry's value of a key winning (checked with Hugo 0.168).
fn apply_metadata(list: &mut [ResourceData], metadata: &serde_json::Value) {
    let Some(entries) = metadata.as_array() else {
        return;
    };
    let mut counters = vec![0usize; entries.len()];
    for resource in list.iter_mut() {
        let original = resource.name.clone();
        let original_title = resource.title.clone();
        let mut title_set = false;
        let mut params = serde_json::Map::new();
        for (entry, counter) in entries.iter().zip(counters.iter_mut()) {
            let src = entry.get("src").and_then(serde_json::Value::as_str);
            if !src.is_some_and(|src| glob_matches(src, &original)) {
                continue;
            }
            *counter += 1;
            let text = |key: &str| {
                let value = entry.get(key).and_then(crate::rules::cast::to_string)?;
                Some(value.replace(":counter", &counter.to_string()))
            };
            if resource.renamed.is_none() {
                resource.renamed = text("name");
            }
            if let Some(title) = text("title").filter(|_| !title_set) {
                resource.title = title;
                title_set = true;
            }
            if let Some(serde_json::Value::Object(given)) = entry.get("params") {
                for (key, value) in given {
                    params.insert(key.to_lowercase(), value.clone());
                }
            }
        }
        if title_set && resource.renamed.is_none() {
            resource.renamed = Some(original_title);
        }
        if !params.is_empty() {
            resource.params = Some(Value::from_json(&serde_json::Value::Object(params)));
        }
    }
}

fn resource(
    files: &SiteFiles<'_>,
    path: &str,
    name: &str,
    // Where Hugo publishes it, below the site's root.
    default_url: &str,
    is_text: bool,
    page: bool,
) -> ResourceData {
    let binary = files.binaries.get(path);
    let embedder_url = binary.and_then(|b| b.url.clone());
    let mut data = ResourceData {
        params: None,
        renamed: None,
        name: name.to_owned(),
        title: name.to_owned(),
        text: if is_text {
            files.texts.get(path).cloned()
        } else {
            None
        },
        url: embedder_url.clone().unwrap_or_default(),
        permalink: embedder_url.clone().unwrap_or_default(),
        embedder_url: embedder_url.is_some(),
        width: binary.and_then(|b| b.width),
        height: binary.and_then(|b| b.height),
        media_type: media_type(name),
        page,
    };
    data.publish(files.base_url, default_url);
    data
}

/// A path as templates write it (`/content/a.md`, `./data`) as a key of the site's files.
fn normalize(path: &str) -> &str {
    let path = path.trim_start_matches("./").trim_start_matches('/');
    path.trim_end_matches('/')
}

fn is_content(path: &str) -> bool {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
    matches!(
        extension.to_ascii_lowercase().as_str(),
        "md" | "markdown" | "html" | "htm" | "org" | "adoc" | "rst" | "pandoc"
    )
}

/// Hugo's media type for a file name (`media/builtin.go`), by extension.
pub fn media_type(name: &str) -> &'static str {
    let extension = name.rsplit_once('.').map_or("", |(_, e)| e);
    match extension.to_ascii_lowercase().as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" | "jpe" | "jif" | "jfif" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "avif" => "image/avif",
        "bmp" => "image/bmp",
        "tif" | "tiff" => "image/tiff",
        "ico" => "image/x-icon",
        "css" => "text/css",
        "scss" => "text/x-scss",
        "sass" => "text/x-sass",
        "js" | "jsm" | "mjs" => "text/javascript",
        "jsx" => "text/jsx",
        "ts" => "text/typescript",
        "tsx" => "text/tsx",
        "json" => "application/json",
        "xml" => "application/xml",
        "toml" => "application/toml",
        "yaml" | "yml" => "application/yaml",
        "csv" => "text/csv",
        "html" | "htm" => "text/html",
        "md" | "markdown" => "text/markdown",
        "txt" => "text/plain",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "wasm" => "application/wasm",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// `.Resources`: a page's bundle files.
struct ResourcesObject(Vec<Rc<ResourceData>>);

impl ResourcesObject {
    fn find(&self, pattern: &str, glob: bool) -> Vec<Value> {
        self.0
            .iter()
            .filter(|data| data.matches(pattern, glob))
            .map(|data| ResourceObject::value(data.clone()))
            .collect()
    }
}

impl Object for ResourcesObject {
    fn type_name(&self) -> &str {
        "resource.Resources"
    }

    fn arity(&self, name: &str) -> Arity {
        match name {
            "Get" | "GetMatch" | "Match" | "ByType" => Arity::Fixed(1),
            _ => Arity::Fixed(0),
        }
    }

    fn get(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String> {
        let arg = || args.first().map(Value::to_go_string).unwrap_or_default();
        Ok(Some(match name {
            "Get" => self.find(&arg(), false).into_iter().next().unwrap_or(Value::Nil),
            "GetMatch" => self.find(&arg(), true).into_iter().next().unwrap_or(Value::Nil),
            // Both are `resource.Resources` again, with these methods.
            "Match" => {
                let pattern = arg();
                let list = self
                    .0
                    .iter()
                    .filter(|data| data.matches(&pattern, true))
                    .cloned()
                    .collect();
                Value::Object(Rc::new(ResourcesObject(list)))
            }
            "ByType" => {
                let wanted = arg();
                let list = self
                    .0
                    .iter()
                    .filter(|data| resource_type(data) == wanted)
                    .cloned()
                    .collect();
                Value::Object(Rc::new(ResourcesObject(list)))
            }
            "Len" => Value::int(self.0.len() as i64),
            _ => return Ok(None),
        }))
    }

    fn truthy(&self) -> bool {
        !self.0.is_empty()
    }

    fn items(&self) -> Option<Value> {
        Value::list(
            self.0
                .iter()
                .map(|data| ResourceObject::value(data.clone()))
                .collect(),
        )
        .ok()
    }
}

/// `.ResourceType`: `image`, `page`, `text`, … (the media type's main type).
fn resource_type(data: &ResourceData) -> &'static str {
    if data.page {
        return "page";
    }
    data.media_type.split('/').next().unwrap_or("")
}

/// One resource; a processed image keeps its file and has its new dimensions.
pub struct ResourceObject {
    data: Rc<ResourceData>,
    width: Option<u32>,
    height: Option<u32>,
}

impl ResourceObject {
    fn value(data: Rc<ResourceData>) -> Value {
        let (width, height) = (data.width, data.height);
        Value::Object(Rc::new(ResourceObject {
            data,
            width,
            height,
        }))
    }

    fn is_image(&self) -> bool {
        self.data.media_type.starts_with("image/") && self.data.media_type != "image/svg+xml"
    }

    /// The image as `spec` (`600x`, `600x400 webp q80`, …) makes it with `action`.
    fn processed(&self, action: &str, spec: &str) -> Result<Value, String> {
        if !self.is_image() {
            return Err(format!(
                "{action}: {} is not an image Hugo can process",
                self.data.name
            ));
        }
        let (mut width, mut height) = (0u32, 0u32);
        let mut action = action.to_owned();
        for word in spec.split_whitespace() {
            let lower = word.to_ascii_lowercase();
            if matches!(lower.as_str(), "resize" | "fit" | "fill" | "crop") {
                action = lower;
                continue;
            }
            if let Some((w, h)) = lower.split_once('x') {
                if w.bytes().all(|b| b.is_ascii_digit()) && h.bytes().all(|b| b.is_ascii_digit())
                {
                    width = w.parse().unwrap_or(0);
                    height = h.parse().unwrap_or(0);
                }
            }
        }
        let source = self.width.zip(self.height);
        let (new_width, new_height) = match (action.as_str(), source) {
            (_, None) => (
                (width > 0).then_some(width),
                (height > 0).then_some(height),
            ),
            ("resize", Some((sw, sh))) => match (width, height) {
                (0, 0) => (Some(sw), Some(sh)),
                (w, 0) => (Some(w), Some(scaled(w, sh, sw))),
                (0, h) => (Some(scaled(h, sw, sh)), Some(h)),
                (w, h) => (Some(w), Some(h)),
            },
            ("fit", Some((sw, sh))) => {
                if (width == 0 || sw <= width) && (height == 0 || sh <= height) {
                    (Some(sw), Some(sh))
                } else {
                    let source_aspect = f64::from(sw) / f64::from(sh);
                    let (mw, mh) = (f64::from(width), f64::from(height));
                    if height == 0 || (width > 0 && source_aspect > mw / mh) {
                        (Some(width), Some(round_half(mw / source_aspect)))
                    } else {
                        (Some(round_half(mh * source_aspect)), Some(height))
                    }
                }
            }
            // fill, crop, process without a size: exactly the size asked, else unchanged.
            (_, Some((sw, sh))) if width == 0 || height == 0 => (Some(sw), Some(sh)),
            (_, Some(_)) => (Some(width), Some(height)),
        };
        Ok(Value::Object(Rc::new(ResourceObject {
            data: self.data.clone(),
            width: new_width,
            height: new_height,
        })))
    }
}

/// `a * b / c` rounded as the imaging library does (at least 1).
fn scaled(a: u32, b: u32, c: u32) -> u32 {
    if c == 0 {
        return a;
    }
    round_half(f64::from(a) * f64::from(b) / f64::from(c))
}

fn round_half(x: f64) -> u32 {
    (x + 0.5).floor().max(1.0) as u32
}

impl Object for ResourceObject {
    fn type_name(&self) -> &str {
        if self.is_image() {
            "*images.imageResource"
        } else {
            "*resources.genericResource"
        }
    }

    fn arity(&self, name: &str) -> Arity {
        match name {
            "Resize" | "Fit" | "Fill" | "Crop" | "Process" => Arity::Fixed(1),
            "Filter" => Arity::Variadic(0),
            _ => Arity::Fixed(0),
        }
    }

    fn get(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String> {
        let data = &self.data;
        let arg = || args.first().map(Value::to_go_string).unwrap_or_default();
        let dimension = |value: Option<u32>, what: &str| match value {
            Some(n) => Ok(Value::int(i64::from(n))),
            None if self.is_image() => Err(format!(
                "the preview does not know the {what} of {} (give it with the file)",
                data.name
            )),
            None => Err(format!("{} is not an image: it has no {what}", data.name)),
        };
        Ok(Some(match name {
            "Name" => Value::from(data.renamed.as_deref().unwrap_or(&data.title)),
            "Title" => Value::from(data.title.as_str()),
            "Key" => Value::from(data.name.as_str()),
            // The embedder's URL (a `blob:` URL, say) is trusted as a URL, as it is theirs;
            // the path Hugo would publish is a plain string, escaped as templates escape it.
            "RelPermalink" | "Permalink" if data.embedder_url => {
                Value::safe(SafeKind::Url, data.url.as_str())
            }
            "RelPermalink" => Value::from(data.url.as_str()),
            "Permalink" => Value::from(data.permalink.as_str()),
            "MediaType" => {
                let mut map = crate::template::Map::new();
                let (main, sub) = data.media_type.split_once('/').unwrap_or((data.media_type, ""));
                map.insert("Type".into(), Value::from(data.media_type));
                map.insert("MainType".into(), Value::from(main));
                map.insert("SubType".into(), Value::from(sub));
                Value::map(map).map_err(|e| e.to_string())?
            }
            "ResourceType" => Value::from(resource_type(data)),
            "Content" => match &data.text {
                Some(text) if data.media_type == "text/html" || data.page => {
                    Value::safe(SafeKind::Html, text.as_str())
                }
                Some(text) => Value::from(text.as_str()),
                None => {
                    return Err(format!(
                        "the preview does not read the bytes of {} (a binary file)",
                        data.name
                    ))
                }
            },
            "Width" => dimension(self.width, "width")?,
            "Height" => dimension(self.height, "height")?,
            "Resize" | "Fit" | "Fill" | "Crop" => {
                self.processed(&name.to_ascii_lowercase(), &arg())?
            }
            "Process" => self.processed("process", &arg())?,
            "Filter" => Value::Object(Rc::new(ResourceObject {
                data: data.clone(),
                width: self.width,
                height: self.height,
            })),
            "Params" if data.params.is_some() => data.params.clone().unwrap_or_default(),
            "Params" | "Data" => Value::map(crate::template::Map::new()).map_err(|e| e.to_string())?,
            "Exif" | "Err" => Value::Nil,
            "Publish" => Value::from(""),
            _ => return Ok(None),
        }))
    }

    fn display(&self) -> String {
        self.data.url.clone()
    }

    fn as_any(&self) -> Option<&dyn std::any::Any> {
        Some(self)
    }
}

/// Whether `name` matches the glob `pattern` as Hugo matches resource names (lower-cased, `/`
/// separated): `*` within a path segment, `**` across segments, `?` one character, `{a,b}`
/// alternatives left out. Dynamic programming over both strings: linear in their product, no
/// recursion.
pub fn glob_matches(pattern: &str, name: &str) -> bool {
    let pattern: Vec<char> = pattern
        .trim_start_matches('/')
        .to_lowercase()
        .chars()
        .collect();
    let name: Vec<char> = name.to_lowercase().chars().collect();
    // reachable[j]: the pattern so far can match name[..j].
    let mut reachable = vec![false; name.len() + 1];
    reachable[0] = true;
    let mut p = 0;
    while p < pattern.len() {
        let mut next = vec![false; name.len() + 1];
        match pattern[p] {
            '*' => {
                let double = pattern.get(p + 1) == Some(&'*');
                for j in 0..=name.len() {
                    if !reachable[j] {
                        continue;
                    }
                    next[j] = true;
                    let mut k = j;
                    while k < name.len() && (double || name[k] != '/') {
                        k += 1;
                        next[k] = true;
                    }
                }
                if double {
                    p += 1;
                    // `**/` also matches no folder at all.
                    if pattern.get(p + 1) == Some(&'/') {
                        let mut skip = next.clone();
                        for j in 0..=name.len() {
                            if reachable[j] {
                                skip[j] = true;
                            }
                        }
                        reachable = skip;
                        p += 2;
                        // What follows the slash is matched from both.
                        continue;
                    }
                }
            }
            '?' => {
                for j in 0..name.len() {
                    if reachable[j] && name[j] != '/' {
                        next[j + 1] = true;
                    }
                }
            }
            c => {
                for j in 0..name.len() {
                    if reachable[j] && name[j] == c {
                        next[j + 1] = true;
                    }
                }
            }
        }
        reachable = next;
        p += 1;
    }
    reachable[name.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_as_hugo_matches_resource_names() {
        assert!(glob_matches("*.jpg", "a.JPG"));
        assert!(!glob_matches("*.jpg", "images/a.jpg"));
        assert!(glob_matches("images/*", "images/a.jpg"));
        assert!(glob_matches("**.jpg", "images/x/a.jpg"));
        assert!(glob_matches("**/a.jpg", "a.jpg"));
        assert!(glob_matches("**/a.jpg", "x/y/a.jpg"));
        assert!(glob_matches("a?c", "abc"));
        assert!(!glob_matches("a?c", "a/c"));
        assert!(glob_matches("/images/*.png", "images/b.png"));
        assert!(!glob_matches("*.png", "b.png.txt"));
    }

    #[test]
    fn processing_gives_hugo_dimensions() {
        let data = Rc::new(ResourceData {
            params: None,
            renamed: None,
            name: "a.jpg".into(),
            title: "a.jpg".into(),
            text: None,
            url: "/a.jpg".into(),
            permalink: "/a.jpg".into(),
            embedder_url: false,
            width: Some(1200),
            height: Some(800),
            media_type: "image/jpeg",
            page: false,
        });
        let image = ResourceObject {
            data,
            width: Some(1200),
            height: Some(800),
        };
        let size = |action: &str, spec: &str| {
            let Value::Object(object) = image.processed(action, spec).unwrap() else {
                panic!()
            };
            let get = |n| object.get(n, &[]).unwrap().unwrap().to_go_string();
            format!("{}x{}", get("Width"), get("Height"))
        };
        assert_eq!(size("resize", "600x"), "600x400");
        assert_eq!(size("resize", "x200"), "300x200");
        assert_eq!(size("fit", "300x300"), "300x200");
        assert_eq!(size("fit", "2000x2000"), "1200x800");
        assert_eq!(size("fill", "100x100 center"), "100x100");
        assert_eq!(size("process", "crop 50x60 webp"), "50x60");
    }
}
