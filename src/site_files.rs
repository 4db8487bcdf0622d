//! A Hugo site given as its files: a map of paths (relative to the project root, `/`-separated,
//! the same on every platform) to text, read as Hugo 0.168 reads a project and the themes
//! beneath it.
//!
//! - **Config**: `hugo.toml|yaml|yml|json` (else `config.*`), then `config/_default/` and
//!   `config/development/` over it (a preview is Hugo's development server); each theme's
//!   config merged under the project's as Hugo merges it (`params` deeply; `menus`,
//!   `outputFormats`, `mediaTypes` a level deep; other sections not at all; top-level values the
//!   project does not set; `_merge` where the project sets it).
//! - **Themes**: `theme` in the config (a name or a list), `themes/NAME/`; a theme's own `theme`
//!   adds its components after it.
//! - **Templates**: the project's `layouts/` over each theme's, file by file: shortcodes
//!   (`_shortcodes`, `shortcodes`), partials (`_partials`, `partials`), render hooks
//!   (`_markup`, `_default/_markup`, a section's `SECTION/_markup`: [`layouts::find_hook`]).
//! - **Mounts**: where each file is read ([`crate::mounts`]: `contentDir`, `module.mounts`).
//! - **Translations** (`i18n/`) and **data** (`data/`): merged by id and key, the project first.
//! - **Pages** (`content/`, as mounted): their paths and permalinks, for `ref`/`relref` and `site.GetPage`.
//!
//! Nothing here reads a disk: the CLI reads the files (`--site`), the package is given them.

use crate::diagnostic::{Diagnostic, LineIndex, Location, Span};
use crate::front_matter::{self, FrontMatterFormat};
use crate::layouts;
use crate::limits;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Hugo's config file names, in the order it looks for them (`config.DefaultConfigNames`
/// × `ValidConfigFileExtensions`).
const CONFIG_NAMES: [&str; 2] = ["hugo", "config"];
const CONFIG_EXTENSIONS: [&str; 4] = ["toml", "yaml", "yml", "json"];
/// The config folders read over the config file, in order: a preview runs as
/// `hugo server`, whose environment is `development`.
const CONFIG_DIRS: [&str; 2] = ["config/_default/", "config/development/"];

/// A template or other text file of the site: its text and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFile {
    /// Its path in the site (`themes/book/layouts/_shortcodes/hint.html`).
    pub path: String,
    pub text: String,
}

/// What a site's files give a renderer.
#[derive(Debug, Default)]
pub struct Site {
    /// The merged config tree, with the project's main config file (for locating problems).
    pub config: Option<MergedConfig>,
    /// Shortcode templates by name (`sub/name` for nested folders).
    pub shortcodes: BTreeMap<String, SiteFile>,
    pub partials: BTreeMap<String, SiteFile>,
    /// Render hooks by key ([`layouts::hook_templates`]: `_markup/render-link`,
    /// `docs/_markup/render-codeblock-mermaid`).
    pub hooks: BTreeMap<String, SiteFile>,
    /// Translations for the site's language, by id, the project's over the themes'.
    pub i18n: BTreeMap<String, Value>,
    /// `site.Data`: the data files' trees by folder and file name, merged.
    pub data: Map<String, Value>,
    /// Content paths (relative to `content/`) → relative permalinks.
    pub pages: BTreeMap<String, String>,
    /// Problems in the config, translation and data files, each located in its file.
    pub diagnostics: Vec<Diagnostic>,
    /// The themes in effect, in precedence order, and the folder they are in (`themes`).
    pub themes: Vec<String>,
    pub themes_dir: String,
    /// The site's text files where their mounts put them ([`crate::mounts`]); `None` when
    /// every file is where it was given (Hugo's default mounts).
    pub files: Option<BTreeMap<String, String>>,
    pub mounts: crate::mounts::Mounts,
}

/// The site config after merging every file that makes it.
#[derive(Debug, Clone)]
pub struct MergedConfig {
    pub tree: Map<String, Value>,
    /// The project's main config file (or the first config file read), for locating
    /// problems with settings; its format decides the types of numbers in params.
    pub main: Option<(String, FrontMatterFormat)>,
    /// Every config file read, with its decoded tree, for locating a setting.
    pub files: Vec<String>,
}

/// Reads `files` as a Hugo project. Beyond [`limits::MAX_SITE_FILES`] files or
/// [`limits::MAX_SITE_BYTES`] bytes, the files after the limit (in path order) are not read,
/// with a warning.
pub fn resolve(files: &BTreeMap<String, String>) -> Site {
    let mut bytes = 0usize;
    let over = files.iter().enumerate().find(|(count, (_, text))| {
        bytes += text.len();
        *count >= limits::MAX_SITE_FILES || bytes > limits::MAX_SITE_BYTES
    });
    let Some((count, (first_left_out, _))) = over else {
        return resolve_within(files);
    };
    let kept: BTreeMap<String, String> = crate::sorted::map(
        files
            .iter()
            .take(count)
            .map(|(path, text)| (path.clone(), text.clone())),
    );
    let mut site = resolve_within(&kept);
    site.diagnostics.push(Diagnostic::warning(
        format!(
            "the site has more than {} files or {} MB; files from {first_left_out} on are not read",
            limits::MAX_SITE_FILES,
            limits::MAX_SITE_BYTES / (1024 * 1024)
        ),
        Span::new(0, 0),
    ));
    site
}

/// The config of the project and its themes, before their files are mounted.
struct Layers {
    config: Option<MergedConfig>,
    themes: Vec<String>,
    themes_dir: String,
    mounts: crate::mounts::Mounts,
}

fn read_layers(
    files: &BTreeMap<String, String>,
    exists: &dyn Fn(&str) -> bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Layers {
    let project = read_config_layer(files, "", diagnostics);
    let mut config = project.as_ref().map(|layer| layer.tree.clone());
    let main = project.as_ref().and_then(|layer| layer.main.clone());
    let mut config_files: Vec<String> = project.as_ref().map_or(Vec::new(), |l| l.files.clone());

    // Themes, in precedence order: the project's list, then each theme's own components.
    let themes_dir = config
        .as_ref()
        .and_then(|tree| get(tree, "themesDir"))
        .and_then(Value::as_str)
        .map(|dir| dir.trim_matches('/').to_owned())
        .unwrap_or_else(|| "themes".to_owned());
    let mut themes: Vec<String> = Vec::new();
    let mut queue: Vec<String> = config.as_ref().map(theme_names).unwrap_or_default();
    // Each theme's folder and config, for its mounts.
    let mut theme_layers: Vec<(String, Option<ConfigLayer>)> = Vec::new();
    while !queue.is_empty() && themes.len() < limits::MAX_THEMES {
        let name = queue.remove(0);
        if themes.contains(&name) {
            continue;
        }
        let root = format!("{themes_dir}/{name}/");
        let layer = read_config_layer(files, &root, diagnostics);
        if let Some(layer) = &layer {
            // A component's own components come after it, before the next theme.
            let own = theme_names(&layer.tree);
            for (i, component) in own.into_iter().enumerate() {
                queue.insert(i, component);
            }
            config_files.extend(layer.files.iter().cloned());
        }
        theme_layers.push((root, layer));
        themes.push(name);
    }
    let mut layers = vec![mount_layer("", project.as_ref())];
    layers.extend(theme_layers.iter().map(|(root, l)| mount_layer(root, l.as_ref())));
    let mounts = crate::mounts::Mounts::read(&layers, exists, &mut |file, message| {
        let mut diagnostic = Diagnostic::warning(message, Span::new(0, 0));
        if let Some(file) = file {
            diagnostic = located(diagnostic, file, files.get(file).map_or("", String::as_str));
        }
        diagnostics.push(diagnostic);
    });
    drop(layers);
    if !theme_layers.is_empty() {
        let mut root = config.take().unwrap_or_default();
        for (_, theme) in theme_layers {
            merge_theme_config(&mut root, theme.map(|l| l.tree).unwrap_or_default());
        }
        config = Some(root);
    }
    Layers {
        config: config.map(|tree| MergedConfig {
            tree,
            main,
            files: config_files,
        }),
        themes,
        themes_dir,
        mounts,
    }
}

fn mount_layer<'a>(root: &'a str, layer: Option<&'a ConfigLayer>) -> crate::mounts::Layer<'a> {
    crate::mounts::Layer {
        root,
        tree: layer.map(|l| &l.tree),
        file: layer.and_then(|l| l.main.as_ref()).map(|(path, _)| path.as_str()),
    }
}

/// The mounts of the site `files` gives ([`crate::mounts::of_site`]).
pub(crate) fn mounts(
    files: &BTreeMap<String, String>,
    exists: &dyn Fn(&str) -> bool,
) -> crate::mounts::Mounts {
    read_layers(files, exists, &mut Vec::new()).mounts
}

fn resolve_within(files: &BTreeMap<String, String>) -> Site {
    let mut site = Site::default();
    let layers = read_layers(
        files,
        &|path| crate::mounts::has_path(files, path),
        &mut site.diagnostics,
    );
    site.config = layers.config;
    let themes = layers.themes;
    let themes_dir = layers.themes_dir;
    // From here on, the files where their mounts put them.
    let mounted = (!layers.mounts.is_identity()).then(|| layers.mounts.apply(files));
    site.mounts = layers.mounts;
    let files = mounted.as_ref().unwrap_or(files);

    // Each layer's root, the project first.
    let mut roots = vec![String::new()];
    roots.extend(themes.iter().map(|name| format!("{themes_dir}/{name}/")));
    site.themes = themes;
    site.themes_dir = themes_dir;

    for root in &roots {
        let layouts_root = format!("{root}layouts/");
        let in_layouts = || {
            files.iter().filter_map(|(path, text)| {
                path.strip_prefix(&layouts_root)
                    .map(|relative| (relative, text.as_str()))
            })
        };
        let hooks = layouts::hook_templates(in_layouts());
        for (found, templates) in [
            (
                &mut site.shortcodes,
                layouts::templates_with_paths(in_layouts(), &layouts::SHORTCODE_FOLDERS),
            ),
            (
                &mut site.partials,
                layouts::templates_with_paths(in_layouts(), &layouts::PARTIAL_FOLDERS),
            ),
            (&mut site.hooks, hooks),
        ] {
            for (name, (relative, text)) in templates {
                found.entry(name).or_insert_with(|| SiteFile {
                    path: format!("{layouts_root}{relative}"),
                    text: text.to_owned(),
                });
            }
        }
    }

    // Translations for the site's language, merged by id.
    let languages = crate::i18n::languages_of(site.config.as_ref().map(|c| &c.tree));
    for root in &roots {
        let folder = format!("{root}i18n/");
        let names: Vec<&str> = files
            .keys()
            .filter_map(|path| path.strip_prefix(&folder))
            .filter(|name| !name.contains('/'))
            .collect();
        let Some(name) = crate::i18n::translation_file(&names, &languages) else {
            continue;
        };
        let path = format!("{folder}{name}");
        let text = &files[&path];
        let format = layouts::file_format(name).unwrap_or(FrontMatterFormat::Toml);
        match crate::i18n::parse(text, format) {
            Ok(translations) => {
                for (id, value) in translations {
                    site.i18n.entry(id).or_insert(value);
                }
            }
            Err(error) => {
                let (line, column) = error.position.unwrap_or((1, 1));
                let index = LineIndex::new(text);
                let at = index.offset_of(line, column);
                site.diagnostics.push(located(
                    Diagnostic::error(
                        format!("failed to load translations: {}", error.message),
                        Span::new(at, at),
                    ),
                    &path,
                    text,
                ));
            }
        }
    }

    // Data files: `data/a/b.toml` is `site.Data.a.b`; the project's keys win.
    for root in &roots {
        let folder = format!("{root}data/");
        let mut read = 0usize;
        for (path, text) in files.range(folder.clone()..) {
            let Some(relative) = path.strip_prefix(&folder) else {
                break;
            };
            let Some((stem, extension)) = relative.rsplit_once('.') else {
                continue;
            };
            let decoded = match extension.to_ascii_lowercase().as_str() {
                // Hugo 0.168 reads a CSV data file as [][]string and then refuses it.
                "csv" => Err(front_matter::DecodeError {
                    message: format!(
                        "unexpected data type [][]string in file {}",
                        relative.rsplit('/').next().unwrap_or(relative)
                    ),
                    span: Span::new(0, 0),
                }),
                "toml" | "yaml" | "yml" | "json" => {
                    let format = layouts::file_format(relative).unwrap_or(FrontMatterFormat::Toml);
                    decode_data(format, text)
                }
                _ => continue,
            };
            read += 1;
            if read > limits::MAX_DATA_FILES {
                site.diagnostics.push(located(
                    Diagnostic::warning(
                        format!(
                            "more than {} data files under {folder}; the rest are not read",
                            limits::MAX_DATA_FILES
                        ),
                        Span::new(0, 0),
                    ),
                    path,
                    text,
                ));
                break;
            }
            match decoded {
                Ok(value) => {
                    let keys: Vec<&str> = stem.split('/').filter(|k| !k.is_empty()).collect();
                    insert_data(&mut site.data, &keys, value);
                }
                Err(error) => site.diagnostics.push(located(
                    Diagnostic::error(error.message, error.span),
                    path,
                    text,
                )),
            }
        }
    }

    // Pages: every content file, by its path under `content/`, where Hugo publishes it.
    let permalinks = site
        .config
        .as_ref()
        .map(|config| crate::permalinks::Permalinks::from_config(&config.tree))
        .unwrap_or_default();
    for (path, text) in files {
        let Some(relative) = path.strip_prefix("content/") else {
            continue;
        };
        if is_content_file(relative) {
            let front_matter = crate::front_matter::parse(text, &mut Vec::new());
            site.pages
                .insert(relative.to_owned(), permalinks.of(relative, &front_matter));
        }
    }
    site.files = mounted;
    site
}

/// Whether `path` (under `content/`) is a page Hugo renders (Markdown, HTML, Org …).
fn is_content_file(path: &str) -> bool {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
    matches!(
        extension.to_ascii_lowercase().as_str(),
        "md" | "markdown" | "mdown" | "html" | "htm" | "org" | "adoc" | "rst" | "pandoc" | "pdc"
    )
}

/// One layer's config (the project's, or a theme's under `root`): its config file, with the
/// config folders over it.
struct ConfigLayer {
    tree: Map<String, Value>,
    main: Option<(String, FrontMatterFormat)>,
    files: Vec<String>,
}

fn read_config_layer(
    files: &BTreeMap<String, String>,
    root: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ConfigLayer> {
    let mut layer = ConfigLayer {
        tree: Map::new(),
        main: None,
        files: Vec::new(),
    };
    let mut found = false;
    let main = CONFIG_NAMES.iter().find_map(|name| {
        CONFIG_EXTENSIONS.iter().find_map(|extension| {
            let path = format!("{root}{name}.{extension}");
            files.get(&path).map(|text| (path, text))
        })
    });
    if let Some((path, text)) = main {
        found = true;
        let format = layouts::file_format(&path).unwrap_or(FrontMatterFormat::Toml);
        if let Some(tree) = decode_config(&path, text, format, diagnostics) {
            layer.tree = tree;
        }
        layer.main = Some((path.clone(), format));
        layer.files.push(path);
    } else if !root.is_empty() {
        // A theme's old `theme.toml` holds no config Hugo applies; nothing to read.
    }
    for dir in CONFIG_DIRS {
        let folder = format!("{root}{dir}");
        for (path, text) in files.range(folder.clone()..) {
            let Some(name) = path.strip_prefix(&folder) else {
                break;
            };
            if name.contains('/') {
                continue;
            }
            let Some(format) = layouts::file_format(name) else {
                continue;
            };
            let Some(tree) = decode_config(path, text, format, diagnostics) else {
                continue;
            };
            found = true;
            if layer.main.is_none() {
                layer.main = Some((path.clone(), format));
            }
            layer.files.push(path.clone());
            let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
            // `params.fr.toml` → languages.fr.params; `menus.toml` → menus.
            let (key, language) = match stem.split_once('.') {
                Some((key, language)) => (key, Some(language)),
                None => (stem, None),
            };
            let target: &mut Map<String, Value> = if CONFIG_NAMES.contains(&key) {
                &mut layer.tree
            } else {
                let mut at = &mut layer.tree;
                if let Some(language) = language {
                    at = child_map(at, "languages");
                    at = child_map(at, language);
                }
                child_map(at, key)
            };
            // Later files (and folders) override, key by key, deeply.
            overlay(target, tree);
        }
    }
    found.then_some(layer)
}

/// The map at `key` in `map` (matched without regard to case), made when missing or not a map.
fn child_map<'m>(map: &'m mut Map<String, Value>, key: &str) -> &'m mut Map<String, Value> {
    let existing = map
        .keys()
        .find(|k| k.eq_ignore_ascii_case(key))
        .cloned()
        .unwrap_or_else(|| key.to_owned());
    let entry = map
        .entry(existing)
        .or_insert_with(|| Value::Object(Map::new()));
    if !entry.is_object() {
        *entry = Value::Object(Map::new());
    }
    entry.as_object_mut().expect("made a map above")
}

/// `over`'s settings written over `base`, maps merged key by key, `over` winning (the
/// config folders over the config file).
fn overlay(base: &mut Map<String, Value>, over: Map<String, Value>) {
    merge_maps(base, over, true, usize::MAX);
}

/// Merges `from` into `into` without recursion (the trees come from input): with
/// `replace`, `from`'s values win, else only keys missing in `into` are added. Maps on both
/// sides are merged `depth` levels down (0: only `into`'s own keys).
fn merge_maps(into: &mut Map<String, Value>, from: Map<String, Value>, replace: bool, depth: usize) {
    // (keys from `into` down to the map being merged, what to merge into it)
    let mut pending: Vec<(Vec<String>, Map<String, Value>)> = vec![(Vec::new(), from)];
    while let Some((path, from)) = pending.pop() {
        let mut target = &mut *into;
        for key in &path {
            target = child_map(target, key);
        }
        for (key, value) in from {
            if key == MERGE_KEY {
                continue;
            }
            let existing = target.keys().find(|k| k.eq_ignore_ascii_case(&key)).cloned();
            match (existing, value) {
                (Some(existing), Value::Object(map))
                    if path.len() < depth && target[&existing].is_object() =>
                {
                    let mut below = path.clone();
                    below.push(existing);
                    pending.push((below, map));
                }
                (Some(existing), value) => {
                    if replace {
                        target.insert(existing, value);
                    }
                }
                (None, value) => {
                    target.insert(key, value);
                }
            }
        }
    }
}

/// The key with which a config section sets how a theme's config merges into it.
const MERGE_KEY: &str = "_merge";

/// How a section of a theme's config merges into the project's (`hmaps.ParamsMergeStrategy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strategy {
    None,
    Shallow,
    Deep,
}

fn strategy_of(map: &Map<String, Value>) -> Option<Strategy> {
    match get(map, MERGE_KEY)?.as_str()?.to_ascii_lowercase().as_str() {
        "none" => Some(Strategy::None),
        "shallow" => Some(Strategy::Shallow),
        "deep" => Some(Strategy::Deep),
        _ => None,
    }
}

/// Hugo's merge of one theme's config under the project's (`defaultConfigProvider.Merge`
/// with the default strategies of `determineMergeStrategy`): `params` deeply, `menus`,
/// `outputFormats` and `mediaTypes` a level deep, other sections not at all, unless the
/// project's section (or its root) says otherwise with `_merge`; top-level values the project
/// does not set are taken, unless its root says `_merge = "none"`.
fn merge_theme_config(root: &mut Map<String, Value>, theme: Map<String, Value>) {
    let root_strategy = strategy_of(root);
    if root_strategy == Some(Strategy::None) {
        return;
    }
    for (key, value) in theme {
        if key == MERGE_KEY {
            continue;
        }
        let existing = root.keys().find(|k| k.eq_ignore_ascii_case(&key)).cloned();
        match value {
            Value::Object(section) => {
                let default = match key.to_ascii_lowercase().as_str() {
                    "params" => Strategy::Deep,
                    "menus" | "outputformats" | "mediatypes" => Strategy::Shallow,
                    _ => root_strategy.unwrap_or(Strategy::None),
                };
                let target = match &existing {
                    Some(existing) => match root.get_mut(existing) {
                        Some(Value::Object(map)) => map,
                        _ => continue,
                    },
                    None => {
                        let mut fresh = Map::new();
                        merge_section(&mut fresh, section, default);
                        if !fresh.is_empty() {
                            root.insert(key, Value::Object(fresh));
                        }
                        continue;
                    }
                };
                let strategy = strategy_of(target).unwrap_or(default);
                merge_section(target, section, strategy);
            }
            value => {
                if existing.is_none() {
                    root.insert(key, value);
                }
            }
        }
    }
}

fn merge_section(into: &mut Map<String, Value>, from: Map<String, Value>, strategy: Strategy) {
    match strategy {
        Strategy::None => {}
        Strategy::Shallow => merge_maps(into, from, false, 0),
        Strategy::Deep => merge_maps(into, from, false, usize::MAX),
    }
}

/// Decodes one config file; a problem is reported in it and the file is skipped.
fn decode_config(
    path: &str,
    text: &str,
    format: FrontMatterFormat,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Map<String, Value>> {
    if text.len() > limits::MAX_FRONT_MATTER_BYTES {
        diagnostics.push(located(
            Diagnostic::error(
                format!(
                    "site config is {} bytes, more than the {} bytes a preview decodes; it is ignored",
                    text.len(),
                    limits::MAX_FRONT_MATTER_BYTES
                ),
                Span::new(0, 0),
            ),
            path,
            text,
        ));
        return None;
    }
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - body.len();
    match front_matter::decode(format, body) {
        Ok(tree) => Some(tree),
        Err(error) => {
            diagnostics.push(located(
                Diagnostic::error(error.message, error.span.shifted(bom)),
                path,
                text,
            ));
            None
        }
    }
}

/// A data file's tree (a map, or a list for a JSON or YAML list).
fn decode_data(
    format: FrontMatterFormat,
    text: &str,
) -> Result<Value, front_matter::DecodeError> {
    if text.len() > limits::MAX_DATA_FILE_BYTES {
        return Err(front_matter::DecodeError {
            message: format!(
                "the file is {} bytes, more than the {} bytes a preview decodes",
                text.len(),
                limits::MAX_DATA_FILE_BYTES
            ),
            span: Span::new(0, 0),
        });
    }
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if format == FrontMatterFormat::Json && body.trim_start().starts_with('[') {
        // A JSON list: decoded as the value of a one-key object, within the depth limit.
        let wrapped = format!("{{\"v\":{body}}}");
        return front_matter::decode(format, &wrapped)
            .map(|mut map| map.remove("v").unwrap_or(Value::Null));
    }
    if format == FrontMatterFormat::Yaml && yaml_is_list(body) {
        // A YAML list: the value of a one-key map, its lines indented under the key (which
        // keeps their meaning); positions in errors move by the added line.
        let mut wrapped = String::with_capacity(body.len() + body.len() / 8 + 8);
        wrapped.push_str("v:\n");
        for line in body.lines() {
            if line.trim_end() == "---" {
                continue;
            }
            wrapped.push_str("  ");
            wrapped.push_str(line);
            wrapped.push('\n');
        }
        return front_matter::decode(format, &wrapped)
            .map(|mut map| map.remove("v").unwrap_or(Value::Null));
    }
    front_matter::decode(format, body).map(Value::Object)
}

/// Whether a YAML document's top level is a sequence (its first line of content starts with
/// `- ` or is `-`, or is a flow sequence).
fn yaml_is_list(text: &str) -> bool {
    text.lines()
        .map(str::trim_end)
        .find(|line| {
            let trimmed = line.trim_start();
            !trimmed.is_empty() && !trimmed.starts_with('#') && trimmed != "---"
        })
        .is_some_and(|line| line == "-" || line.starts_with("- ") || line.starts_with('['))
}

/// Puts `value` at `keys` in `data`, merging maps (the value already there wins: layers are
/// read the project first).
fn insert_data(data: &mut Map<String, Value>, keys: &[&str], value: Value) {
    let Some((last, parents)) = keys.split_last() else {
        return;
    };
    let mut at = data;
    for key in parents {
        at = child_map(at, key);
    }
    match (at.get_mut(*last), value) {
        // Hugo adds the keys the data already there lacks, one level deep.
        (Some(Value::Object(existing)), Value::Object(map)) => merge_maps(existing, map, false, 0),
        (Some(_), _) => {}
        (None, value) => {
            at.insert((*last).to_owned(), value);
        }
    }
}

/// `theme` of a config: a name or a list of names.
fn theme_names(tree: &Map<String, Value>) -> Vec<String> {
    match get(tree, "theme") {
        Some(Value::String(name)) => name
            .split(',')
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty())
            .collect(),
        Some(Value::Array(names)) => names
            .iter()
            .filter_map(Value::as_str)
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty())
            .collect(),
        _ => Vec::new(),
    }
}

fn get<'v>(map: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
    map.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v)
}

/// `diagnostic` placed in the site file at `path` (whose text is `text`).
fn located(mut diagnostic: Diagnostic, path: &str, text: &str) -> Diagnostic {
    diagnostic.locate(&LineIndex::new(text));
    diagnostic.location = Location::File(path.to_owned());
    diagnostic
}

/// A warning about the merged config's setting at the dotted `key`, placed where the first
/// config file that writes it does (the project's before the themes').
pub fn warning_at_key(
    files: &BTreeMap<String, String>,
    config: &MergedConfig,
    key: &str,
    message: String,
) -> Diagnostic {
    for path in &config.files {
        let (Some(text), Some(format)) = (files.get(path), layouts::file_format(path)) else {
            continue;
        };
        // A file of a config folder holds the settings under its own key.
        let relative = CONFIG_DIRS
            .iter()
            .find_map(|dir| path.split_once(dir).map(|(_, name)| name));
        let local_key = match relative {
            Some(name) => {
                let stem = name.split('.').next().unwrap_or(name);
                if CONFIG_NAMES.contains(&stem) {
                    Some(key)
                } else {
                    key.strip_prefix(stem).and_then(|rest| rest.strip_prefix('.'))
                }
            }
            None => Some(key),
        };
        let Some(local_key) = local_key else {
            continue;
        };
        if let Some(span) = crate::site::key_span(text, format, local_key) {
            return located(Diagnostic::warning(message, span), path, text);
        }
    }
    let mut diagnostic = Diagnostic::warning(message, Span::new(0, 0));
    if let Some((path, _)) = &config.main {
        diagnostic.location = Location::File(path.clone());
        diagnostic.line = 1;
        diagnostic.column = 1;
        diagnostic.end_line = 1;
        diagnostic.end_column = 1;
    }
    diagnostic
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> Site {
        let files = files
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect();
        resolve(&files)
    }

    fn config(site: &Site) -> Value {
        Value::Object(site.config.as_ref().expect("a config").tree.clone())
    }

    #[test]
    fn theme_config_merges_as_hugo_merges_it() {
        let s = site(&[
            ("hugo.toml", "theme = 'a'\n[params]\nx = 1\n[params.n]\np = 1\n"),
            (
                "themes/a/hugo.toml",
                "title = 'T'\ntheme = 'b'\n[params]\nx = 9\ny = 2\n[params.n]\np = 9\nq = 3\n\
                 [markup.goldmark.renderer]\nunsafe = true\n[menus]\n[[menus.main]]\nname = 'm'\n",
            ),
            ("themes/b/hugo.toml", "[params]\nz = 'b'\n"),
        ]);
        let tree = config(&s);
        assert_eq!(s.themes, ["a", "b"]);
        assert_eq!(tree["params"]["x"], 1);
        assert_eq!(tree["params"]["y"], 2);
        assert_eq!(tree["params"]["z"], "b");
        assert_eq!(tree["params"]["n"]["p"], 1);
        assert_eq!(tree["params"]["n"]["q"], 3);
        // Sections other than params, menus, output formats and media types are not merged.
        assert!(tree.get("markup").is_none());
        assert_eq!(tree["menus"]["main"][0]["name"], "m");
        // Top-level values the project does not set are taken.
        assert_eq!(tree["title"], "T");
    }

    #[test]
    fn merge_key_changes_the_strategy() {
        let s = site(&[
            ("hugo.toml", "theme = 'a'\n[markup]\n_merge = 'deep'\n[params]\n_merge = 'none'\n"),
            (
                "themes/a/hugo.toml",
                "[params]\ny = 2\n[markup.goldmark.renderer]\nunsafe = true\n",
            ),
        ]);
        let tree = config(&s);
        assert_eq!(tree["markup"]["goldmark"]["renderer"]["unsafe"], true);
        assert!(tree["params"].get("y").is_none());
    }

    #[test]
    fn config_folders_go_over_the_file_by_key_and_language() {
        let s = site(&[
            ("hugo.toml", "title = 'file'\n[params]\na = 1\nb = 1\n"),
            ("config/_default/params.toml", "b = 2\n"),
            ("config/_default/menus.fr.toml", "[[main]]\nname = 'x'\n"),
            ("config/development/hugo.toml", "title = 'dev'\n"),
            ("config/production/hugo.toml", "title = 'prod'\n"),
        ]);
        let tree = config(&s);
        assert_eq!(tree["title"], "dev");
        assert_eq!(tree["params"]["a"], 1);
        assert_eq!(tree["params"]["b"], 2);
        assert_eq!(tree["languages"]["fr"]["menus"]["main"][0]["name"], "x");
    }

    #[test]
    fn the_project_layouts_go_over_the_themes_file_by_file() {
        let s = site(&[
            ("hugo.toml", "theme = ['a', 'b']"),
            ("layouts/_shortcodes/x.html", "project x"),
            ("themes/a/layouts/shortcodes/x.html", "a x"),
            ("themes/a/layouts/_partials/p.html", "a p"),
            ("themes/b/layouts/_partials/p.html", "b p"),
            ("themes/b/layouts/_default/_markup/render-link.html", "b link"),
            ("themes/c/layouts/_shortcodes/unused.html", "not a theme of the site"),
        ]);
        assert_eq!(s.shortcodes["x"].text, "project x");
        assert_eq!(s.shortcodes["x"].path, "layouts/_shortcodes/x.html");
        assert_eq!(s.partials["p"].text, "a p");
        assert_eq!(s.hooks["_markup/render-link"].path, "themes/b/layouts/_default/_markup/render-link.html");
        assert!(!s.shortcodes.contains_key("unused"));
    }

    #[test]
    fn translations_and_data_merge_the_project_first() {
        let s = site(&[
            ("hugo.toml", "theme = 'a'\nlanguageCode = 'fr-FR'"),
            ("i18n/fr.toml", "hello = 'salut'"),
            ("themes/a/i18n/fr.yaml", "hello: bonjour\nbye: au revoir\n"),
            ("themes/a/i18n/en.toml", "other = 'not the language'"),
            ("data/authors/ann.yaml", "name: Ann\n"),
            ("themes/a/data/authors/ann.yaml", "name: Theme\nage: 3\n"),
            ("themes/a/data/list.json", "[1, 2]"),
            ("data/terms.yaml", "# terms\n- a: 1\n- b\n"),
            ("data/bad.toml", "x = "),
            ("data/table.csv", "a,b\n"),
        ]);
        assert_eq!(s.i18n["hello"], "salut");
        assert_eq!(s.i18n["bye"], "au revoir");
        assert!(!s.i18n.contains_key("other"));
        assert_eq!(s.data["authors"]["ann"]["name"], "Ann");
        assert_eq!(s.data["authors"]["ann"]["age"], 3);
        assert_eq!(s.data["list"], serde_json::json!([1, 2]));
        assert_eq!(s.data["terms"], serde_json::json!([{"a": 1}, "b"]));
        let files: Vec<_> = s.diagnostics.iter().map(|d| d.location.file_name()).collect();
        assert!(files.contains(&Some("data/bad.toml".into())), "{:?}", s.diagnostics);
        assert!(s
            .diagnostics
            .iter()
            .any(|d| d.message == "unexpected data type [][]string in file table.csv"));
    }

    #[test]
    fn theme_cycles_and_long_chains_stop() {
        let s = site(&[
            ("hugo.toml", "theme = 'a'"),
            ("themes/a/hugo.toml", "theme = 'b'"),
            ("themes/b/hugo.toml", "theme = 'a'"),
        ]);
        assert_eq!(s.themes, ["a", "b"]);
    }

    #[test]
    fn pages_get_hugo_default_permalinks() {
        let s = site(&[
            ("content/posts/A.md", ""),
            ("content/posts/b/index.md", ""),
            ("content/_index.md", ""),
            ("content/posts/b/photo.jpg", ""),
        ]);
        assert_eq!(s.pages["posts/A.md"], "/posts/a/");
        assert_eq!(s.pages["posts/b/index.md"], "/posts/b/");
        assert_eq!(s.pages["_index.md"], "/");
        assert!(!s.pages.contains_key("posts/b/photo.jpg"));
    }
}
