//! Where a site's files live, as Hugo 0.168 decides it: each layer (the project, each theme)
//! mounts folders of its own (`source`) at component folders (`target`: `content`, `layouts`,
//! `data`, `assets`, `i18n`, or a folder below one).
//!
//! - A layer's `module.mounts` (`source`, `target`, `lang`) are its mounts; a theme's sources
//!   are relative to the theme's folder. A mount whose source the site does not have is
//!   passed over (`modules/collect.go`, `normalizeMounts`).
//! - The project keeps its default mount for each component it mounts nothing at: `content`
//!   (`contentDir`, and each language's `languages.L.contentDir`), `data` (`dataDir`), `layouts`
//!   (`layoutDir`), `i18n` (`i18nDir`), `assets` (`assetDir`) (`modules/config.go`,
//!   `ApplyProjectConfigDefaults`). A theme that declares no mount has its component folders
//!   mounted as they are (`applyMounts`).
//! - The preview is the site in its default language (`defaultContentLanguage`, else `en`):
//!   a mount for another language is left out.
//!
//! [`Mounts::apply`] gives the site's files at the paths the rest of the preview reads them
//! (`content/…` for the project, `themes/NAME/content/…` for a theme); files outside every
//! component folder (config, `static/`) stay where they are.

use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// The component folders a mount may target; a file of a layer's own folder of that name is
/// read only through a mount.
const COMPONENTS: [&str; 7] = [
    "content",
    "layouts",
    "data",
    "assets",
    "i18n",
    "archetypes",
    "static",
];
/// The components whose project default folder a config key moves (`contentDir` is read
/// with the languages).
const DIR_KEYS: [(&str, &str); 4] = [
    ("data", "dataDir"),
    ("layouts", "layoutDir"),
    ("i18n", "i18nDir"),
    ("assets", "assetDir"),
];

/// One mount: the files at or below `source` appear at or below `target`, both paths in the
/// site (`content.en` → `content`, `themes/book/docs` → `themes/book/content`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mount {
    pub source: String,
    pub target: String,
}

/// The mounts of a site, the project's first, and the folder of each layer (the project's
/// is empty), for [`Mounts::apply`].
#[derive(Debug, Clone, Default)]
pub struct Mounts {
    pub mounts: Vec<Mount>,
    roots: Vec<String>,
    /// A layer declares mounts of its own.
    declared: bool,
}

/// One layer's config, for [`Mounts::read`]: its folder (`""`, `themes/book/`), its config
/// tree and the config file a problem with its mounts is reported in.
pub(crate) struct Layer<'a> {
    pub root: &'a str,
    pub tree: Option<&'a Map<String, Value>>,
    pub file: Option<&'a str>,
}

impl Mounts {
    /// The mounts `layers` (the project first) declare or get by default, for a site that
    /// has a file or folder at a path where `exists`. `warn` is told of a mount that is not
    /// applied.
    pub(crate) fn read(
        layers: &[Layer<'_>],
        exists: &dyn Fn(&str) -> bool,
        warn: &mut dyn FnMut(Option<&str>, String),
    ) -> Mounts {
        let project = layers.first().and_then(|layer| layer.tree);
        let lang = project
            .and_then(|tree| get(tree, "defaultContentLanguage"))
            .and_then(Value::as_str)
            .filter(|lang| !lang.is_empty())
            .unwrap_or("en")
            .to_lowercase();
        let mut mounts = Mounts::default();
        for (index, layer) in layers.iter().enumerate() {
            mounts.roots.push(layer.root.to_owned());
            let declared = layer
                .tree
                .and_then(|tree| get(tree, "module"))
                .and_then(Value::as_object)
                .and_then(|module| get(module, "mounts"));
            let mut own: Vec<Mount> = Vec::new();
            mounts.declared |= declared.is_some();
            let items: &[Value] = match declared {
                Some(Value::Array(items)) => items,
                Some(_) => {
                    warn(layer.file, "module.mounts is not a list of mounts".into());
                    &[]
                }
                None => &[],
            };
            for (i, item) in items.iter().enumerate() {
                let field = |key: &str| {
                    item.as_object()
                        .and_then(|m| get(m, key))
                        .and_then(Value::as_str)
                };
                let key = format!("module.mounts[{i}]");
                let (Some(source), Some(target)) = (field("source"), field("target")) else {
                    warn(
                        layer.file,
                        format!("{key}: both source and target must be set"),
                    );
                    continue;
                };
                let source = crate::rules::path::clean(source);
                let target = crate::rules::path::clean(target);
                let component = target.split('/').next().unwrap_or("");
                if !COMPONENTS.contains(&component) {
                    warn(
                        layer.file,
                        format!("{key}: target must be one of {}", COMPONENTS.join(", ")),
                    );
                    continue;
                }
                if source.starts_with('/') || source == ".." || source.starts_with("../") {
                    warn(
                        layer.file,
                        format!("{key}: {source} is outside the site; its files are not read"),
                    );
                    continue;
                }
                if ["files", "includeFiles", "excludeFiles"]
                    .iter()
                    .any(|k| item.as_object().and_then(|m| get(m, k)).is_some())
                {
                    warn(
                        layer.file,
                        format!("{key}: files, includeFiles and excludeFiles are not applied: every file of {source} is mounted"),
                    );
                }
                let source = match source.as_str() {
                    "." => layer.root.trim_end_matches('/').to_owned(),
                    _ => format!("{}{source}", layer.root),
                };
                if !exists(&source) {
                    continue;
                }
                own.push(Mount {
                    source,
                    target: format!("{}{target}", layer.root),
                });
                // Its languages: `lang`, or `sites.matrix.languages` (names, or `*`); a mount
                // for another language still counts as the component's.
                let mut languages: Vec<&str> = field("lang").into_iter().collect();
                let matrix = item
                    .as_object()
                    .and_then(|m| get(m, "sites"))
                    .and_then(Value::as_object)
                    .and_then(|m| get(m, "matrix"))
                    .and_then(Value::as_object)
                    .and_then(|m| get(m, "languages"));
                match matrix {
                    Some(Value::Array(names)) => {
                        languages.extend(names.iter().filter_map(Value::as_str))
                    }
                    Some(Value::String(name)) => languages.push(name),
                    _ => {}
                }
                languages.retain(|l| !l.is_empty());
                let ours = |l: &&str| *l == "*" || l.eq_ignore_ascii_case(&lang);
                if !languages.is_empty() && !languages.iter().any(ours) {
                    if let Some(mount) = own.last_mut() {
                        mount.source.clear();
                    }
                }
            }
            let configured = |component: &str| {
                own.iter().any(|m| {
                    m.target
                        .strip_prefix(layer.root)
                        .and_then(|t| t.split('/').next())
                        == Some(component)
                })
            };
            let mut defaults: Vec<Mount> = Vec::new();
            if index == 0 {
                let tree = layer.tree;
                let dir = |key: &str| {
                    tree.and_then(|t| get(t, key))
                        .and_then(Value::as_str)
                        .filter(|d| !d.is_empty())
                        .map(crate::rules::path::clean)
                };
                if !configured("content") {
                    let top = dir("contentDir").unwrap_or_else(|| "content".into());
                    let languages = tree
                        .and_then(|t| get(t, "languages"))
                        .and_then(Value::as_object);
                    // Each language's own folder, the top one when it has none (Hugo
                    // mounts that one for every language: `dropLang`).
                    let mut content = Vec::new();
                    for (name, settings) in languages.into_iter().flatten() {
                        let own_dir = settings
                            .as_object()
                            .and_then(|s| get(s, "contentDir"))
                            .and_then(Value::as_str)
                            .filter(|d| !d.is_empty())
                            .map(crate::rules::path::clean)
                            .unwrap_or_else(|| top.clone());
                        if own_dir == top && !content.contains(&top) {
                            content.push(own_dir);
                        } else if own_dir != top && name.eq_ignore_ascii_case(&lang) {
                            content.insert(0, own_dir);
                        }
                    }
                    if !languages.is_some_and(|l| !l.is_empty()) {
                        content.push(top);
                    }
                    defaults.extend(content.into_iter().map(|source| Mount {
                        source,
                        target: "content".into(),
                    }));
                }
                for (component, key) in DIR_KEYS {
                    if !configured(component) {
                        defaults.push(Mount {
                            source: dir(key).unwrap_or_else(|| component.into()),
                            target: component.into(),
                        });
                    }
                }
            } else if items.is_empty() {
                defaults.extend(COMPONENTS.iter().map(|component| Mount {
                    source: format!("{}{component}", layer.root),
                    target: format!("{}{component}", layer.root),
                }));
            }
            own.retain(|m| !m.source.is_empty());
            mounts.mounts.extend(own);
            mounts.mounts.extend(defaults);
        }
        mounts
    }

    /// Whether the site has Hugo's default mounts, each folder where it is: then
    /// [`Mounts::apply`] changes nothing the preview reads (it leaves out only `static/`
    /// and `archetypes/`, which no mount of the project's defaults reaches).
    pub fn is_identity(&self) -> bool {
        !self.declared && self.mounts.iter().all(|mount| mount.source == mount.target)
    }

    /// `files` (by path in the site) at the paths their mounts give them, the first mount of
    /// a path winning; a file of a layer's component folder that no mount reaches is left
    /// out, other files (config, `static/`) stay where they are.
    pub fn apply<T: Clone>(&self, files: &BTreeMap<String, T>) -> BTreeMap<String, T> {
        let mut out = BTreeMap::new();
        for mount in &self.mounts {
            if let Some(value) = files.get(&mount.source) {
                out.entry(mount.target.clone())
                    .or_insert_with(|| value.clone());
            }
            let prefix = format!("{}/", mount.source);
            for (path, value) in files.range(prefix.clone()..) {
                let Some(rest) = path.strip_prefix(&prefix) else {
                    break;
                };
                out.entry(format!("{}/{rest}", mount.target))
                    .or_insert_with(|| value.clone());
            }
        }
        for (path, value) in files {
            let root = self
                .roots
                .iter()
                .filter(|root| path.starts_with(root.as_str()))
                .max_by_key(|root| root.len())
                .map_or("", String::as_str);
            let within = &path[root.len()..];
            let in_component = within
                .split_once('/')
                .is_some_and(|(first, _)| COMPONENTS.contains(&first));
            if !in_component {
                out.entry(path.clone()).or_insert_with(|| value.clone());
            }
        }
        out
    }

    /// Where the file at `path` (in the site) is mounted under the project's `content/`: its
    /// path below it (`content.en/docs/a.md` → `docs/a.md`).
    pub fn content_path(&self, path: &str) -> Option<String> {
        self.mounts.iter().find_map(|mount| {
            let below = mount.target.strip_prefix("content")?;
            if !below.is_empty() && !below.starts_with('/') {
                return None;
            }
            let rest = match path.strip_prefix(mount.source.as_str())? {
                "" => "",
                rest => rest.strip_prefix('/')?,
            };
            let joined = format!("{below}/{rest}");
            Some(joined.trim_matches('/').to_owned()).filter(|p| !p.is_empty())
        })
    }
}

/// The mounts of the site whose files (by path in the project) are `files` (its config and
/// its themes' are read from them), which has a file or folder at a path where `exists`.
pub fn of_site(files: &BTreeMap<String, String>, exists: &dyn Fn(&str) -> bool) -> Mounts {
    crate::site_files::mounts(files, exists)
}

/// Whether `files` has a file at `path` or below it.
pub(crate) fn has_path<T>(files: &BTreeMap<String, T>, path: &str) -> bool {
    let prefix = format!("{path}/");
    files.contains_key(path)
        || files
            .range(prefix.clone()..)
            .next()
            .is_some_and(|(p, _)| p.starts_with(&prefix))
}

fn get<'v>(map: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
    map.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(paths: &[&str]) -> BTreeMap<String, String> {
        paths
            .iter()
            .map(|p| (p.to_string(), p.to_string()))
            .collect()
    }

    fn tree(json: &str) -> Map<String, Value> {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn reads_the_default_languages_content_folder() {
        let site = files(&[
            "content.en/docs/a.md",
            "content.fr/docs/a.md",
            "content/shared.md",
            "hugo.toml",
        ]);
        let config = tree(
            r#"{"languages": {"en": {"contentDir": "content.en"}, "fr": {"contentDir": "content.fr"}, "de": {}}}"#,
        );
        let layers = [Layer {
            root: "",
            tree: Some(&config),
            file: None,
        }];
        let mounts = Mounts::read(&layers, &|p| has_path(&site, p), &mut |_, m| panic!("{m}"));
        let mounted = mounts.apply(&site);
        let paths: Vec<&str> = mounted.keys().map(String::as_str).collect();
        assert_eq!(
            paths,
            [
                "content.en/docs/a.md",
                "content.fr/docs/a.md",
                "content/docs/a.md",
                "content/shared.md",
                "hugo.toml"
            ]
        );
        assert_eq!(mounted["content/docs/a.md"], "content.en/docs/a.md");
        assert_eq!(
            mounts.content_path("content.en/docs/a.md").as_deref(),
            Some("docs/a.md")
        );
        assert!(!mounts.is_identity());
        let plain = [Layer {
            root: "",
            tree: None,
            file: None,
        }];
        let defaults = Mounts::read(&plain, &|p| has_path(&site, p), &mut |_, m| panic!("{m}"));
        assert!(defaults.is_identity(), "Hugo's default mounts move nothing");
    }

    #[test]
    fn a_declared_mount_replaces_the_components_default_only() {
        let site = files(&[
            "content/old.md",
            "docs/a.md",
            "layouts/_shortcodes/x.html",
            "themes/t/parts/_partials/p.html",
            "themes/t/layouts/_partials/q.html",
        ]);
        let project = tree(
            r#"{"module": {"mounts": [{"source": "docs", "target": "content/guide"}, {"source": "missing", "target": "layouts"}, {"source": "x", "target": "nowhere"}]}}"#,
        );
        let theme = tree(r#"{"module": {"mounts": [{"source": "parts", "target": "layouts"}]}}"#);
        let layers = [
            Layer {
                root: "",
                tree: Some(&project),
                file: None,
            },
            Layer {
                root: "themes/t/",
                tree: Some(&theme),
                file: None,
            },
        ];
        let mut warnings = Vec::new();
        let mounts = Mounts::read(&layers, &|p| has_path(&site, p), &mut |_, m| {
            warnings.push(m)
        });
        let mounted = mounts.apply(&site);
        let paths: Vec<&str> = mounted.keys().map(String::as_str).collect();
        assert_eq!(
            paths,
            [
                "content/guide/a.md",
                "docs/a.md",
                "layouts/_shortcodes/x.html",
                "themes/t/layouts/_partials/p.html",
                "themes/t/parts/_partials/p.html"
            ]
        );
        assert_eq!(warnings.len(), 1, "{warnings:?}");
    }
}
