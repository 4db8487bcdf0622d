//! Hugo's `refLink` (`hugolib/site.go`): the permalink of the page a `ref` path names, for the
//! built-in `ref`/`relref` shortcodes and the template functions `ref`, `relref`, `urls.Ref`,
//! `urls.RelRef` alike (in Hugo the shortcodes are `{{ ref . .Params }}`).
//!
//! In: the known pages (content path → relative permalink), the current page's content path,
//! the base URL, and the reference as written (`other.md`, `/posts/other#sec`, `#top`).
//! Out: the link, and when the page is not known, what Hugo's `REF_NOT_FOUND` would say.
//!
//! Preview policy: Hugo logs a page it cannot find as an error and links to
//! `refLinksNotFoundURL` (empty by default). A preview usually knows only some of the site's
//! pages, so a missing page is a warning with Hugo's message and the link is the permalink
//! Hugo would most likely give it (`posts/x.md` → `/posts/x/`). `lang` and `outputFormat`
//! are accepted and ignored: a preview has one language and one output format.

use crate::rules::quote::quote;
use std::collections::BTreeMap;

/// Where a reference was made, for the `REF_NOT_FOUND` message.
pub enum RefSource<'a> {
    /// A shortcode (Hugo's `ShortcodeWithPage` is a `text.Positioner`): its `.Position` as
    /// `%s` prints it, quotes included (`"posts/a.md:3:1"`).
    Position(&'a str),
    /// A page: Hugo names it by its logical path (`/posts/a`).
    Page(Option<&'a str>),
}

/// A resolved reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefLink {
    /// The link, fragment included.
    pub link: String,
    /// Hugo's `REF_NOT_FOUND` message when the page is not among the known pages.
    pub not_found: Option<String>,
}

/// What a reference is resolved against.
pub struct KnownPages<'a> {
    /// Content path (`posts/other.md`) → relative permalink (`/posts/other/`).
    pub pages: &'a BTreeMap<String, String>,
    /// The current page's content path, for references relative to its folder.
    pub page_path: Option<&'a str>,
    pub base_url: &'a str,
}

impl KnownPages<'_> {
    /// Hugo's `refLink` for `target` (`path#fragment`): the relative permalink, or with
    /// `absolute` the permalink (base URL joined). An empty path links within the page
    /// (`#frag`).
    pub fn link(&self, target: &str, absolute: bool, source: RefSource) -> RefLink {
        let (path, fragment) = match target.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (target, None),
        };
        let mut not_found = None;
        let mut link = if path.is_empty() {
            String::new()
        } else {
            let relative = match self.resolve(path) {
                Ok(permalink) => permalink.to_owned(),
                Err(problem) => {
                    not_found = Some(not_found_message(path, &source, &problem));
                    default_permalink(path)
                }
            };
            if absolute {
                join_base_url(self.base_url, &relative)
            } else {
                rel_permalink(self.base_url, &relative)
            }
        };
        if let Some(fragment) = fragment {
            link.push('#');
            link.push_str(fragment);
        }
        RefLink { link, not_found }
    }

    /// Finds the page a `ref` path names: relative to the current page's folder first, then
    /// from the content root, then (for a bare file name) any page with that name if only
    /// one has it. Paths may leave out the extension or name a bundle's folder.
    fn resolve(&self, path: &str) -> Result<&str, String> {
        let find = |wanted: &str| -> Option<&str> {
            let wanted = wanted.trim_matches('/');
            self.pages
                .iter()
                .find(|(key, _)| {
                    let key = key.trim_start_matches('/');
                    let stem = strip_extension(key);
                    key == wanted
                        || stem == wanted
                        || bundle_folder(stem).is_some_and(|folder| folder == wanted)
                })
                .map(|(_, permalink)| permalink.as_str())
        };
        if !path.starts_with('/') {
            if let Some(folder) = self
                .page_path
                .and_then(|p| p.rsplit_once('/'))
                .map(|(f, _)| f)
            {
                if let Some(found) = find(&format!("{folder}/{path}")) {
                    return Ok(found);
                }
            }
        }
        if let Some(found) = find(path) {
            return Ok(found);
        }
        if !path.trim_start_matches('/').contains('/') {
            let name = path.trim_start_matches('/');
            let matches: Vec<&str> = self
                .pages
                .iter()
                .filter(|(key, _)| {
                    let file = key.rsplit('/').next().unwrap_or(key);
                    file == name || strip_extension(file) == name
                })
                .map(|(_, permalink)| permalink.as_str())
                .collect();
            match matches.as_slice() {
                [one] => return Ok(one),
                [] => {}
                _ => return Err(format!("page reference {} is ambiguous", quote(path))),
            }
        }
        Err("page not found".into())
    }
}

/// `siteRefLinker.logNotFound`, without the `[lang]` prefix of Hugo's log line.
fn not_found_message(path: &str, source: &RefSource, problem: &str) -> String {
    match source {
        RefSource::Position(position) => {
            format!("REF_NOT_FOUND: Ref {}: {position}: {problem}", quote(path))
        }
        RefSource::Page(page) => format!(
            "REF_NOT_FOUND: Ref {} from page {}: {problem}",
            quote(path),
            quote(&logical_path(page.unwrap_or("")))
        ),
    }
}

/// Hugo's `Page.Path` for a content path: `posts/a.md` → `/posts/a`, a bundle's index → its
/// folder.
fn logical_path(content_path: &str) -> String {
    let stem = strip_extension(content_path.trim_matches('/'));
    let stem = bundle_folder(stem).unwrap_or(stem);
    format!("/{}", stem.to_lowercase())
}

/// `posts/a.md` → `posts/a`; a dot in a folder name is not an extension.
fn strip_extension(path: &str) -> &str {
    let file_start = path.rfind('/').map_or(0, |i| i + 1);
    match path[file_start..].rfind('.') {
        Some(dot) if dot > 0 => &path[..file_start + dot],
        _ => path,
    }
}

/// `posts/a/index` or `posts/_index` (a stem) → the bundle's folder.
fn bundle_folder(stem: &str) -> Option<&str> {
    if stem == "index" || stem == "_index" {
        return Some("");
    }
    stem.strip_suffix("/index")
        .or_else(|| stem.strip_suffix("/_index"))
}

/// Hugo's default permalink of a content path, below the site's root (`posts/A.md` →
/// `/posts/a/`, a bundle's `index.md` or a section's `_index.md` → its folder, the home page
/// → `/`): what the preview gives a page no permalink is known for.
pub fn default_permalink(path: &str) -> String {
    let stem = strip_extension(path.trim_matches('/'));
    let stem = bundle_folder(stem).unwrap_or(stem);
    if stem.is_empty() {
        "/".into()
    } else {
        format!("/{}/", stem.to_lowercase())
    }
}

/// A page's `RelPermalink`: its permalink below the site's root (`/posts/a/`) under the path
/// of `base_url` (`https://example.org/docs/` → `/docs/posts/a/`), as Hugo adds its context
/// root.
pub fn rel_permalink(base_url: &str, relative: &str) -> String {
    let path = split_base(base_url).1.trim_end_matches('/');
    if path.is_empty() {
        relative.to_owned()
    } else {
        format!("{path}/{}", relative.trim_start_matches('/'))
    }
}

/// `https://example.org/docs/` → (`https://example.org`, `/docs/`); no scheme: all path.
pub(crate) fn split_base(base_url: &str) -> (&str, &str) {
    match base_url.find("://") {
        Some(scheme_end) => {
            let after = scheme_end + 3;
            match base_url[after..].find('/') {
                Some(slash) => base_url.split_at(after + slash),
                None => (base_url, ""),
            }
        }
        None => ("", base_url),
    }
}

/// `https://example.org/` + `/posts/x/` without a doubled slash. No base URL: the relative
/// link.
pub fn join_base_url(base_url: &str, relative: &str) -> String {
    if base_url.is_empty() {
        return relative.to_owned();
    }
    format!(
        "{}/{}",
        base_url.trim_end_matches('/'),
        relative.trim_start_matches('/')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses_permalinks_for_unknown_pages() {
        assert_eq!(default_permalink("posts/x.md"), "/posts/x/");
        assert_eq!(default_permalink("/posts/bundle/index.md"), "/posts/bundle/");
        assert_eq!(default_permalink("posts/_index.md"), "/posts/");
        assert_eq!(default_permalink("_index.md"), "/");
        assert_eq!(default_permalink("index.md"), "/");
        assert_eq!(default_permalink("posts/A.md"), "/posts/a/");
    }

    #[test]
    fn rel_permalink_adds_the_base_urls_path() {
        assert_eq!(rel_permalink("https://example.org/", "/posts/a/"), "/posts/a/");
        assert_eq!(rel_permalink("https://example.org", "/posts/a/"), "/posts/a/");
        assert_eq!(rel_permalink("", "/posts/a/"), "/posts/a/");
        assert_eq!(rel_permalink("https://example.org/docs/", "/posts/a/"), "/docs/posts/a/");
        assert_eq!(rel_permalink("https://example.org/docs", "/"), "/docs/");
        assert_eq!(rel_permalink("/docs/", "/posts/a/"), "/docs/posts/a/");
    }

    #[test]
    fn joins_base_url_without_doubled_slashes() {
        assert_eq!(
            join_base_url("https://example.org/", "/a/"),
            "https://example.org/a/"
        );
        assert_eq!(join_base_url("", "/a/"), "/a/");
    }

    #[test]
    fn names_pages_by_their_logical_path() {
        assert_eq!(logical_path("posts/A.md"), "/posts/a");
        assert_eq!(logical_path("posts/b/index.md"), "/posts/b");
        assert_eq!(logical_path(""), "/");
    }
}
