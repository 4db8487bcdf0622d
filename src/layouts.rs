//! Hugo's lookup of the templates a page reaches (shortcodes and partials) among the files of
//! a `layouts/` folder, and the format of a site file by its name. The caller reads the files
//! (the CLI from disk, the package from what it is given); the rules are here.

use crate::front_matter::FrontMatterFormat;
use std::collections::BTreeMap;

/// The folders of `layouts/` that hold shortcodes, in Hugo 0.168's and the older spelling.
pub const SHORTCODE_FOLDERS: [&str; 2] = ["_shortcodes", "shortcodes"];
/// The folders of `layouts/` that hold partials.
pub const PARTIAL_FOLDERS: [&str; 2] = ["_partials", "partials"];

/// The templates found among `files` (paths relative to `layouts/`, `/`-separated, with their
/// text) in `folders`: nested folders give namespaced names (`sub/name`); `name.html` wins
/// over the output format and language variants (`name.en.html`, `name.amp.html`), which are
/// used when it is missing. Files that are not templates (`.md`, `.txt`, … are; images are
/// not) are passed over. Where two files give the same name, the first path in byte order
/// wins.
pub fn templates<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a str)>,
    folders: &[&str],
) -> BTreeMap<String, String> {
    crate::sorted::map(
        templates_with_paths(files, folders)
            .into_iter()
            .map(|(name, (_, text))| (name, text.to_owned())),
    )
}

/// [`templates`], each with the path (relative to `layouts/`) it was read from.
pub fn templates_with_paths<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a str)>,
    folders: &[&str],
) -> BTreeMap<String, (&'a str, &'a str)> {
    // In path order (a map rather than a sort: one less sort instantiated in the .wasm).
    let sorted: BTreeMap<&str, &str> = crate::sorted::map(files);
    // name → (is the plain `name.html`, path, source)
    let mut found: BTreeMap<String, (bool, &str, &str)> = BTreeMap::new();
    for (path, text) in sorted {
        let Some((section, relative)) = folders
            .iter()
            .find_map(|folder| {
                let rest = path.strip_prefix(folder)?.strip_prefix('/')?;
                Some(("", rest))
            })
            .or_else(|| section_shortcode(path, folders))
        else {
            continue;
        };
        let Some((name, plain)) = template_name(relative) else {
            continue;
        };
        let name = match section {
            "" => name,
            section => format!("{section}/_shortcodes/{name}"),
        };
        let keep = match found.get(&name) {
            Some((existing_plain, _, _)) => plain && !existing_plain,
            None => true,
        };
        if keep {
            found.insert(name, (plain, path, text));
        }
    }
    crate::sorted::map(
        found
            .into_iter()
            .map(|(name, (_, path, text))| (name, (path, text))),
    )
}

/// The render hooks among `files` (paths relative to `layouts/`, with their text), by key: the
/// path below `layouts/` without `.html`, `_default/` left out (`_markup/render-link`,
/// `docs/_markup/render-codeblock-go`, `_markup/render-link.en`), for [`find_hook`]. Where
/// two files give one key, the first path in byte order wins.
pub fn hook_templates<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> BTreeMap<String, (&'a str, &'a str)> {
    let mut found = BTreeMap::new();
    for (path, text) in files {
        let Some(key) = hook_key(path) else {
            continue;
        };
        found.entry(key).or_insert((path, text));
    }
    found
}

fn hook_key(path: &str) -> Option<String> {
    let (dir, file) = path.rsplit_once("_markup/")?;
    let stem = file.strip_suffix(".html")?;
    if !(dir.is_empty() || dir.ends_with('/')) || !stem.starts_with("render-") || stem.contains('/')
    {
        return None;
    }
    let dir = dir.strip_prefix("_default/").unwrap_or(dir);
    Some(format!("{dir}_markup/{stem}"))
}

/// The render hook Hugo 0.168 uses (`tpl/tplimpl`: `LookupPagesLayout` with
/// `CategoryMarkup`) for a hook of `kind` (`link`, `codeblock`) and `variant` (a code block's
/// language, a blockquote's type; empty for none), among `keys` ([`hook_templates`]), on a
/// page whose template path is `base` ([`template_base`]) in a site in `lang`:
///
/// - a hook applies from its folder (`layouts/docs/_markup/`) to the pages below it;
///   `render-codeblock-go` only to `go` blocks, `render-codeblock` to every block;
/// - `.LANG` or `.html` in its name (`render-link.en.html`) weigh for it, as does the
///   variant; another output format rules it out, and so does another language on a
///   `multilingual` site;
/// - a hook nearer the page wins unless it has less of the output format
///   (`templatestore.go`, `bestMatch.isBetter`); a farther one wins only by weight; of
///   equal ones, the first path.
pub fn find_hook<'k>(
    keys: impl IntoIterator<Item = &'k str>,
    kind: &str,
    variant: &str,
    base: &str,
    lang: &str,
    multilingual: bool,
) -> Option<&'k str> {
    let depth = |path: &str| path.split('/').filter(|s| !s.is_empty()).count();
    // (distance, key, w1, w3), the farthest first as Hugo walks.
    let mut candidates: Vec<(usize, &str, u32, u32)> = Vec::new();
    for key in keys {
        let Some((dir, file)) = key.rsplit_once("_markup/") else {
            continue;
        };
        let dir = dir.trim_end_matches('/').to_lowercase();
        if !(dir.is_empty() || base == dir || base.starts_with(&format!("{dir}/"))) {
            continue;
        }
        let mut parts = file.split('.');
        let stem = parts.next().unwrap_or("").to_lowercase();
        let Some(rest) = stem
            .strip_prefix("render-")
            .and_then(|s| s.strip_prefix(kind))
        else {
            continue;
        };
        let (mut w1, mut w3) = (7, 0);
        match rest.strip_prefix('-') {
            None if rest.is_empty() => w1 += if variant.is_empty() { 4 } else { 0 },
            Some(own) if !variant.is_empty() && own == variant => w1 += 4,
            _ => continue,
        }
        let mut usable = true;
        for identifier in parts {
            match identifier.to_lowercase().as_str() {
                id if id == lang => w1 += 1,
                "html" => {
                    w1 += 4;
                    w3 += 1;
                }
                "amp" | "rss" | "json" | "calendar" | "csv" | "robots" | "sitemap"
                | "sitemapindex" | "webappmanifest" | "markdown" => usable = false,
                // Another language's (checked with Hugo 0.168: on a site of one language,
                // an unknown identifier is passed over).
                _ => usable &= !multilingual,
            }
        }
        if usable {
            candidates.push((depth(base) - depth(&dir).min(depth(base)), key, w1, w3));
        }
    }
    crate::sorted::sort_by(&mut candidates, |a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let mut best: Option<(usize, &str, u32, u32)> = None;
    for candidate in candidates {
        let (distance, _, w1, w3) = candidate;
        let better = match best {
            None => true,
            Some((best_distance, _, best_w1, best_w3)) => {
                let nearer = distance < best_distance;
                let outweighed = if nearer { w3 < best_w3 } else { w1 < best_w1 };
                // Of equal weights the nearer wins, else the first in path order (`best`).
                !outweighed && (nearer || w1 != best_w1 || w3 != best_w3)
            }
        };
        if better {
            best = Some(candidate);
        }
    }
    best.map(|(_, key, ..)| key)
}

/// The path Hugo looks a page's templates up from (`Path.BaseReTyped`): its content path,
/// lower-cased, without its extension or a bundle's `index`/`_index` file, its first folder
/// replaced by its `type` when that differs (`docs/a.md` of type `blog`: `blog/a`).
pub fn template_base(path: &str, page_type: Option<&str>) -> String {
    let path = path.trim_start_matches('/').to_lowercase();
    let stem = path
        .rsplit_once('.')
        .map_or(path.as_str(), |(stem, _)| stem);
    let base = match stem.rsplit_once('/') {
        Some((folder, "index" | "_index")) => folder,
        None if matches!(stem, "index" | "_index") => "",
        _ => stem,
    };
    let section = base.split_once('/').map(|(first, _)| first);
    match page_type.map(str::to_lowercase) {
        Some(kind) if !kind.is_empty() && section != Some(kind.as_str()) => {
            match base.split_once('/') {
                Some((_, rest)) => format!("{kind}/{rest}"),
                None => kind,
            }
        }
        _ => base.to_owned(),
    }
}

/// A section's shortcode (`docs/_shortcodes/note.html`, Hugo 0.146+: used by the pages below
/// `docs/`, over `_shortcodes/note.html`): its section and its path below `_shortcodes/`.
/// Its name is `docs/_shortcodes/note` ([`section_shortcode_name`]).
fn section_shortcode<'p>(path: &'p str, folders: &[&str]) -> Option<(&'p str, &'p str)> {
    let (section, relative) = path.split_once("/_shortcodes/")?;
    (folders.contains(&"_shortcodes") && !section.starts_with('_')).then_some((section, relative))
}

/// The shortcode a call of `name` runs on a page whose template path is `base`
/// ([`template_base`]): the nearest section's (`docs/_shortcodes/note` for `docs/a`) among
/// the names `has` knows, else `name` itself (Hugo 0.168's `LookupShortcode`).
pub fn section_shortcode_name(
    name: &str,
    base: &str,
    has: impl Fn(&str) -> bool,
) -> Option<String> {
    let mut dir = base;
    while !dir.is_empty() {
        let candidate = format!("{dir}/_shortcodes/{name}");
        if has(&candidate) {
            return Some(candidate);
        }
        dir = dir.rsplit_once('/').map_or("", |(parent, _)| parent);
    }
    None
}

/// Whether `path` (relative to `layouts/`) is a shortcode or partial template [`templates`]
/// would read: a caller need read no other file.
pub fn is_template(path: &str) -> bool {
    SHORTCODE_FOLDERS
        .iter()
        .chain(&PARTIAL_FOLDERS)
        .filter_map(|folder| path.strip_prefix(folder)?.strip_prefix('/'))
        .chain(section_shortcode(path, &SHORTCODE_FOLDERS).map(|(_, relative)| relative))
        .any(|relative| template_name(relative).is_some())
}

/// `sub/name.html` → (`sub/name`, true); `name.en.html` → (`name`, false); other files
/// (not `.html`, `.htm`, `.md`, `.txt`, `.xml` or `.json`) are not templates.
fn template_name(relative: &str) -> Option<(String, bool)> {
    let (folder, file) = match relative.rsplit_once('/') {
        Some((folder, file)) => (Some(folder), file),
        None => (None, relative),
    };
    let (stem, rest) = file.split_once('.')?;
    let extension = rest.rsplit('.').next()?;
    if !matches!(extension, "html" | "htm" | "md" | "txt" | "xml" | "json") || stem.is_empty() {
        return None;
    }
    let name = match folder {
        Some(folder) => format!("{folder}/{stem}"),
        None => stem.to_owned(),
    };
    Some((name, rest == "html"))
}

/// Whether the preview reads the file at `path` (relative to a project's root,
/// `/`-separated) when given a site as files: the config (`hugo.*`, `config.*`,
/// `config/`), templates under `layouts/`, `i18n/`, `data/`, `content/` and text files under
/// `assets/`, the project's and each theme's (`themes/NAME/…`). A reader of a project on disk
/// (the CLI's `--site`) reads these and passes over the rest (`static/`, `public/`, images).
pub fn is_site_file(path: &str) -> bool {
    let Some(within) = within_layer(path) else {
        return false;
    };
    let extension = within
        .rsplit_once('.')
        .map_or("", |(_, extension)| extension)
        .to_ascii_lowercase();
    let text = matches!(
        extension.as_str(),
        "toml"
            | "yaml"
            | "yml"
            | "json"
            | "csv"
            | "xml"
            | "html"
            | "htm"
            | "md"
            | "markdown"
            | "txt"
            | "css"
            | "scss"
            | "sass"
            | "js"
            | "mjs"
            | "ts"
            | "svg"
            | "org"
    );
    if !text {
        return false;
    }
    match within.split_once('/') {
        None => {
            let stem = within.split('.').next().unwrap_or("");
            matches!(stem, "hugo" | "config") && file_format(within).is_some()
        }
        Some(("config" | "i18n" | "data", _)) => true,
        Some(("layouts", rest)) => is_template(rest) || rest.contains("_markup/"),
        Some(("content" | "assets", _)) => true,
        _ => false,
    }
}

/// Whether `path` (as for [`is_site_file`]) is in a folder whose files templates may read:
/// as resources, `content/` (a page's bundle) and `assets/`; with `readFile`, `static/`; the
/// project's or a theme's.
pub fn is_resource_folder(path: &str) -> bool {
    within_layer(path).is_some_and(|within| {
        ["content/", "assets/", "static/"]
            .iter()
            .any(|folder| within.starts_with(folder))
    })
}

/// Whether `path` (as for [`is_site_file`]) is in a `static/` folder, the project's or a
/// theme's: the preview reads it only with `readFile`, `fileExists`, `os.Stat`.
pub fn is_static_file(path: &str) -> bool {
    is_in_folder(path, "static")
}

/// Whether `path` (as for [`is_site_file`]) is below the project's or a theme's `folder`.
pub fn is_in_folder(path: &str, folder: &str) -> bool {
    within_layer(path).is_some_and(|within| {
        within
            .strip_prefix(folder)
            .is_some_and(|rest| rest.starts_with('/'))
    })
}

/// `path` within its layer: the project's as it is, a theme's below `themes/NAME/`; `None`
/// for a theme's folder itself.
fn within_layer(path: &str) -> Option<&str> {
    match path.strip_prefix("themes/") {
        Some(rest) => rest.split_once('/').map(|(_, within)| within),
        None => Some(path),
    }
}

/// Whether `path` (as for [`is_site_file`]) is an image a page may show: beside a post in
/// `content/` (a page bundle), in `assets/` or `static/`. Its bytes are not read by the preview, only
/// its size ([`crate::image_size`]), given as a [`crate::BinaryFile`].
pub fn is_site_image(path: &str) -> bool {
    matches!(
        lower_extension(path).as_str(),
        "png" | "jpg" | "jpeg" | "gif" | "webp" | "avif" | "bmp" | "tif" | "tiff"
    ) && is_resource_folder(path)
}

/// A file name's extension, lower-cased (empty without one).
fn lower_extension(path: &str) -> String {
    path.rsplit_once('.')
        .map_or("", |(_, extension)| extension)
        .to_ascii_lowercase()
}

/// Whether a file in a resource folder is audio, video, a PDF or a font: a page or a
/// template may use it as a resource (`.Resources.GetMatch "*.mp3"`), by its path and URL
/// (the preview reads no bytes of it).
pub fn is_site_media(path: &str) -> bool {
    matches!(
        lower_extension(path).as_str(),
        "mp3"
            | "mp4"
            | "webm"
            | "ogg"
            | "oga"
            | "ogv"
            | "wav"
            | "m4a"
            | "mov"
            | "pdf"
            | "woff"
            | "woff2"
            | "ico"
    ) && is_resource_folder(path)
}

/// The format of a config or translation file by its extension (`.toml`, `.yaml`/`.yml`,
/// `.json`, any case).
pub fn file_format(name: &str) -> Option<FrontMatterFormat> {
    let (_, extension) = name.rsplit_once('.')?;
    match extension.to_ascii_lowercase().as_str() {
        "toml" => Some(FrontMatterFormat::Toml),
        "yaml" | "yml" => Some(FrontMatterFormat::Yaml),
        "json" => Some(FrontMatterFormat::Json),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_templates_as_hugo_looks_them_up() {
        let files = [
            ("_shortcodes/note.en.html", "en variant"),
            ("_shortcodes/note.html", "plain"),
            ("shortcodes/sub/tab.html", "nested"),
            ("shortcodes/only.amp.html", "variant used when alone"),
            ("shortcodes/image.png", "not a template"),
            ("partials/head.html", "a partial"),
            ("shortcodes/.html", "no name"),
        ];
        let found = templates(files, &SHORTCODE_FOLDERS);
        assert_eq!(
            found.into_iter().collect::<Vec<_>>(),
            [
                ("note".to_owned(), "plain".to_owned()),
                ("only".to_owned(), "variant used when alone".to_owned()),
                ("sub/tab".to_owned(), "nested".to_owned()),
            ]
        );
        let partials = templates(files, &PARTIAL_FOLDERS);
        assert_eq!(partials.get("head").map(String::as_str), Some("a partial"));
        assert!(is_template("_partials/x/y.html") && is_template("shortcodes/a.en.html"));
        assert!(is_template("docs/_shortcodes/a.html") && !is_template("docs/shortcodes/a.html"));
        let sections = templates(
            [("docs/api/_shortcodes/note.html", "api")],
            &SHORTCODE_FOLDERS,
        );
        let has = |name: &str| sections.contains_key(name);
        assert_eq!(
            section_shortcode_name("note", "docs/api/x", has).as_deref(),
            Some("docs/api/_shortcodes/note"),
            "a page below docs/api should call its section's shortcode"
        );
        assert_eq!(section_shortcode_name("note", "docs/x", has), None);
        assert!(!is_template("shortcodes/a.png") && !is_template("_default/single.html"));
    }

    #[test]
    fn finds_the_render_hook_hugo_uses_for_a_page() {
        let files = [
            ("_default/_markup/render-link.html", ""),
            ("docs/_markup/render-link.html", ""),
            ("_markup/render-codeblock-go.html", ""),
            ("docs/_markup/render-codeblock.html", ""),
            ("_markup/render-image.html", ""),
            ("_markup/render-image.en.html", ""),
            ("_markup/render-table.amp.html", ""),
            ("_markup/render-heading.fr.html", ""),
            ("_markup/notes.txt", ""),
        ];
        let hooks = hook_templates(files);
        let keys = || hooks.keys().map(String::as_str);
        let find = |kind, variant, base, multilingual| {
            find_hook(keys(), kind, variant, base, "en", multilingual)
        };
        assert_eq!(
            find("link", "", "docs/a", true),
            Some("docs/_markup/render-link")
        );
        assert_eq!(
            find("link", "", "blog/a", true),
            Some("_markup/render-link")
        );
        assert_eq!(
            find("codeblock", "go", "docs/a", true),
            Some("docs/_markup/render-codeblock"),
            "a section's generic code block hook should win over a language's above it"
        );
        assert_eq!(
            find("codeblock", "go", "a", true),
            Some("_markup/render-codeblock-go")
        );
        assert_eq!(find("codeblock", "", "a", true), None);
        assert_eq!(
            find("image", "", "a", true),
            Some("_markup/render-image.en")
        );
        assert_eq!(find("table", "", "a", true), None);
        assert_eq!(find("heading", "", "a", true), None);
        assert_eq!(
            find("heading", "", "a", false),
            Some("_markup/render-heading.fr")
        );
        assert_eq!(template_base("Docs/B/index.md", None), "docs/b");
        assert_eq!(template_base("docs/sub/x.md", Some("blog")), "blog/sub/x");
        assert_eq!(template_base("about.md", Some("docs")), "docs");
        assert_eq!(template_base("docs/x.md", Some("docs")), "docs/x");
    }

    #[test]
    fn knows_site_file_formats() {
        assert_eq!(file_format("hugo.TOML"), Some(FrontMatterFormat::Toml));
        assert_eq!(file_format("en.yml"), Some(FrontMatterFormat::Yaml));
        assert_eq!(file_format("fr.json"), Some(FrontMatterFormat::Json));
        assert_eq!(file_format("README"), None);
    }
}
