//! Hugo's front matter `cascade`: what a section's (or the home page's) `_index` file passes
//! down to the pages below it and to itself.
//!
//! In: the site's content files (`content/…/_index.md`), read once per renderer. Out: a page's
//! front matter with the cascaded values it does not set itself, as templates see it
//! (`.Params`, `.Param`). The front matter a render returns stays as written.
//!
//! Rules (checked with Hugo 0.168): `cascade` is a map, or a list of maps each with an
//! optional `target` (`_target` in older sites) of `path` (a glob on the page's path,
//! `/blog/**`), `kind`, `lang` and `environment`; an entry applies when all given match. The
//! nearest section's value wins, then the next one up; the page's own front matter wins over
//! all. A `params` table merges key by key into the page's `params`; other keys apply where
//! the page has none (any case).

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// The cascades of a site, by the folder of the `_index` file that declares them (`blog`,
/// `` for the home page).
#[derive(Debug, Default)]
pub struct Cascades {
    by_folder: BTreeMap<String, Vec<Entry>>,
    /// The site's language, for a `target`'s `lang`.
    lang: String,
}

#[derive(Debug)]
struct Entry {
    values: Map<String, Value>,
    target: Map<String, Value>,
}

impl Cascades {
    /// Reads the `cascade` of every `content/…/_index.*` among `files`, for a site in `lang`.
    pub fn read(files: &BTreeMap<String, String>, lang: String) -> Cascades {
        let mut by_folder = BTreeMap::new();
        for (path, text) in files {
            let Some(relative) = path.strip_prefix("content/") else {
                continue;
            };
            let (folder, file) = relative.rsplit_once('/').unwrap_or(("", relative));
            if !file.starts_with("_index.") {
                continue;
            }
            let mut ignored = Vec::new();
            let tree = crate::front_matter::parse(text, &mut ignored).tree();
            let Some(cascade) = tree
                .as_object()
                .and_then(|map| map.iter().find(|(k, _)| k.eq_ignore_ascii_case("cascade")))
                .map(|(_, v)| v)
            else {
                continue;
            };
            let entries: Vec<Entry> = match cascade {
                Value::Array(items) => items.iter().filter_map(Entry::from_value).collect(),
                single => Entry::from_value(single).into_iter().collect(),
            };
            if !entries.is_empty() {
                by_folder.insert(folder.to_lowercase(), entries);
            }
        }
        Cascades { by_folder, lang }
    }

    /// `front_matter` of the page at `path` (a content path, `blog/a.md`) with what the
    /// sections above it (and its own, for an `_index`) cascade to it.
    pub fn apply<'t>(
        &self,
        path: Option<&str>,
        front_matter: &'t Value,
    ) -> Cow<'t, Value> {
        let Some(path) = path else {
            return Cow::Borrowed(front_matter);
        };
        if self.by_folder.is_empty() {
            return Cow::Borrowed(front_matter);
        }
        let path = path.trim_start_matches('/').to_lowercase();
        let (folder, file) = path.rsplit_once('/').unwrap_or(("", &path));
        let section = file.starts_with("_index.");
        let logical = crate::reference::page_key(&path);
        let kind = match (section, logical.is_empty()) {
            (true, true) => "home",
            (true, false) => "section",
            _ => "page",
        };
        // The folders from the page's own up to the content root: nearest first.
        let mut folders = vec![folder];
        let mut rest = folder;
        while let Some((parent, _)) = rest.rsplit_once('/') {
            folders.push(parent);
            rest = parent;
        }
        if !folder.is_empty() {
            folders.push("");
        }
        let applicable: Vec<&Entry> = folders
            .into_iter()
            .flat_map(|folder| self.by_folder.get(folder).into_iter().flatten())
            .filter(|entry| entry.applies(&logical, kind, &self.lang))
            .collect();
        // Most pages of a site are below no cascade: their front matter is not copied.
        if applicable.is_empty() {
            return Cow::Borrowed(front_matter);
        }
        let mut merged = match front_matter {
            Value::Object(map) => map.clone(),
            _ => Map::new(),
        };
        let mut changed = false;
        for entry in applicable {
            changed |= merge_under(&mut merged, &entry.values);
        }
        if changed {
            Cow::Owned(Value::Object(merged))
        } else {
            Cow::Borrowed(front_matter)
        }
    }
}

impl Entry {
    fn from_value(value: &Value) -> Option<Entry> {
        let map = value.as_object()?;
        let mut values = Map::new();
        let mut target = Map::new();
        for (key, value) in map {
            match (key.to_lowercase().as_str(), value) {
                ("target" | "_target", Value::Object(t)) => target = t.clone(),
                _ => {
                    values.insert(key.clone(), value.clone());
                }
            }
        }
        Some(Entry { values, target })
    }

    /// Whether every field of the entry's target matches the page (`logical`: its path
    /// without the leading `/`) in a site in `lang`, previewed as Hugo's development server.
    fn applies(&self, logical: &str, kind: &str, lang: &str) -> bool {
        self.target.iter().all(|(key, value)| {
            let wanted = value.as_str().unwrap_or("");
            match key.to_lowercase().as_str() {
                "path" => crate::shortcode::resources::glob_matches(wanted, logical),
                "kind" => wanted.eq_ignore_ascii_case(kind),
                "lang" => wanted.is_empty() || wanted.eq_ignore_ascii_case(lang),
                "environment" => {
                    wanted.is_empty()
                        || wanted.eq_ignore_ascii_case(crate::template::funcs::ENVIRONMENT)
                }
                _ => true,
            }
        })
    }
}

/// Puts `values` under `page` (its keys win, in any case; a `params` table key by key).
/// Whether anything was added.
fn merge_under(page: &mut Map<String, Value>, values: &Map<String, Value>) -> bool {
    let mut changed = false;
    for (key, value) in values {
        let existing = page.keys().find(|k| k.eq_ignore_ascii_case(key)).cloned();
        match (existing, value) {
            (Some(existing), Value::Object(cascaded)) if key.eq_ignore_ascii_case("params") => {
                if let Some(Value::Object(own)) = page.get_mut(&existing) {
                    for (k, v) in cascaded {
                        if !own.keys().any(|o| o.eq_ignore_ascii_case(k)) {
                            own.insert(k.clone(), v.clone());
                            changed = true;
                        }
                    }
                }
            }
            (Some(_), _) => {}
            (None, value) => {
                page.insert(key.clone(), value.clone());
                changed = true;
            }
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn files(list: &[(&str, &str)]) -> BTreeMap<String, String> {
        list.iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect()
    }

    /// The site checked with Hugo 0.168 (its `.Params.x|y|z|w` per page in the comments).
    #[test]
    fn cascades_as_hugo() {
        let cascades = Cascades::read(&files(&[
            (
                "content/blog/_index.md",
                "---\ncascade:\n  - params:\n      x: from-blog\n      Y: upper\n    w: top\n  - target:\n      path: /blog/sub/**\n    params:\n      z: only-sub\n---\n",
            ),
            (
                "content/blog/sub/_index.md",
                "---\ncascade:\n  params:\n    x: from-sub\n---\n",
            ),
        ]), "en".into());
        let params = |path: &str, own: Value| {
            let applied = cascades.apply(Some(path), &own).into_owned();
            let params = applied["params"].clone();
            let get = |k: &str| {
                params
                    .as_object()
                    .and_then(|m| m.iter().find(|(key, _)| key.eq_ignore_ascii_case(k)))
                    .map(|(_, v)| v.as_str().unwrap_or("").to_owned())
                    .unwrap_or_default()
            };
            format!("{}|{}|{}|{}", get("x"), get("y"), get("z"), applied["w"].as_str().unwrap_or(""))
        };
        // blog: from-blog|upper||top
        assert_eq!(params("blog/_index.md", json!({"params": {}})), "from-blog|upper||top");
        // blog/a: own|upper||top
        assert_eq!(params("blog/a.md", json!({"params": {"x": "own"}})), "own|upper||top");
        // blog/sub: from-sub|upper||top (the target needs something below /blog/sub/)
        assert_eq!(params("blog/sub/_index.md", json!({"params": {}})), "from-sub|upper||top");
        // blog/sub/b: from-sub|upper|only-sub|top
        assert_eq!(params("blog/sub/b.md", json!({"params": {}})), "from-sub|upper|only-sub|top");
    }

    #[test]
    fn a_page_with_nothing_cascaded_is_borrowed() {
        let cascades = Cascades::read(
            &files(&[("content/posts/a.md", "---\ntitle: a\n---\n")]),
            "en".into(),
        );
        let own = json!({"title": "a"});
        assert!(matches!(
            cascades.apply(Some("posts/a.md"), &own),
            Cow::Borrowed(_)
        ));
    }
}
