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

    /// Finds the page a `ref` path names ([`find_page`], with the lookup by bare name).
    fn resolve(&self, path: &str) -> Result<&str, String> {
        let found = find_page(
            self.pages.keys().map(String::as_str),
            path,
            self.page_path,
            true,
        )?;
        found
            .and_then(|content_path| self.pages.get(content_path))
            .map(String::as_str)
            .ok_or_else(|| "page not found".into())
    }
}

/// The page `reference` names among `pages` (content paths), as Hugo 0.168's page finder
/// (`pageFinder.getContentNode`) looks it up:
/// - paths compare as Hugo keys pages: lower case, without extension, a bundle by its folder
///   (`posts/b`, `posts/b/`, `posts/b/index.md` and `posts/b/index` are one page), a
///   trailing `/` ignored, `/` the home page;
/// - a path without a leading `/` is tried first relative to the `context` page: from a
///   section's own folder, from the folder that holds a page or a leaf bundle (`./x` beside
///   `posts/b/index.md` is `posts/x`), or with an extension and `../` from the file's folder;
///   `.` and `..` resolved. A path starting with `.` stops there;
/// - then from the content root;
/// - then, with `by_name` (`ref`/`relref`, `site.GetPage`) and a path without `/`, the one
///   page of that name: `Err` when several have it.
pub fn find_page<'p>(
    pages: impl Iterator<Item = &'p str> + Clone,
    reference: &str,
    context: Option<&str>,
    by_name: bool,
) -> Result<Option<&'p str>, String> {
    let trimmed = reference.trim_end_matches('/');
    let trimmed = if trimmed.is_empty() { "/" } else { trimmed };
    let find = |wanted: &str| {
        let key = page_key(wanted);
        pages.clone().find(|path| page_key(path) == key)
    };
    if let (Some(context), false) = (context, trimmed.starts_with('/')) {
        let context = context.trim_start_matches('/');
        let file_dir = context.rsplit_once('/').map_or("", |(dir, _)| dir);
        let file = context.rsplit('/').next().unwrap_or(context);
        // Hugo's `paths.HasExt`: any dot in the last segment.
        let has_extension = trimmed.rsplit('/').next().is_some_and(|f| f.contains('.'));
        let base = if file.starts_with("_index.") || (has_extension && trimmed.starts_with("../"))
        {
            file_dir
        } else if file.starts_with("index.") {
            // A leaf bundle: the folder that holds it.
            file_dir.rsplit_once('/').map_or("", |(dir, _)| dir)
        } else {
            file_dir
        };
        if let Some(found) = find(&clean_path(&format!("{base}/{trimmed}"))) {
            return Ok(Some(found));
        }
        if trimmed.starts_with('.') {
            return Ok(None);
        }
    }
    if let Some(found) = find(trimmed) {
        return Ok(Some(found));
    }
    if !by_name || reference.contains('/') {
        return Ok(None);
    }
    let name = page_key(trimmed);
    let mut named = pages.filter(|path| page_key(path).rsplit('/').next() == Some(name.as_str()));
    match (named.next(), named.next()) {
        (Some(_), Some(_)) => Err(format!("page reference {} is ambiguous", quote(reference))),
        (one, _) => Ok(one),
    }
}

/// A content path as Hugo keys its page: `Posts/B/index.md` → `posts/b`, `/` → ``.
pub(crate) fn page_key(path: &str) -> String {
    logical_path(path).trim_start_matches('/').to_owned()
}

/// `a/./b/../c` → `a/c`, as Go's `path.Join` cleans; `..` above the root stays at the root.
fn clean_path(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    parts.join("/")
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

/// `posts/a.md` → `posts/a`: a content format's extension (Hugo's content types) comes off;
/// another dot stays (`hugo-0.158.0+` names a page `hugo-0.158.0+.md`).
pub(crate) fn strip_extension(path: &str) -> &str {
    const CONTENT: &[&str] = &[
        "md", "markdown", "mdown", "html", "htm", "adoc", "asciidoc", "ad", "pdc", "pandoc",
        "org", "rst",
    ];
    let file_start = path.rfind('/').map_or(0, |i| i + 1);
    match path[file_start..].rfind('.') {
        Some(dot)
            if dot > 0
                && CONTENT
                    .iter()
                    .any(|ext| path[file_start + dot + 1..].eq_ignore_ascii_case(ext)) =>
        {
            &path[..file_start + dot]
        }
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
    fn finds_pages_as_hugos_page_finder() {
        let pages = [
            "_index.md",
            "docs/_index.md",
            "docs/language.md",
            "docs/content/lookandfeel.md",
            "docs/content/shortcodes/index.md",
            "blog/a.md",
            "news/a.md",
            "blog/unique.md",
        ];
        let find = |reference: &str, context: Option<&str>, by_name: bool| {
            find_page(pages.iter().copied(), reference, context, by_name)
        };
        let lookandfeel = Some("docs/content/lookandfeel.md");
        let bundle = Some("docs/content/shortcodes/index.md");
        // Beside a page, and beside a leaf bundle (from the folder that holds it).
        assert_eq!(find("shortcodes/", lookandfeel, false), Ok(Some(pages[4])));
        assert_eq!(find("../language/", bundle, false), Ok(Some(pages[2])));
        assert_eq!(find("./lookandfeel", bundle, false), Ok(Some(pages[3])));
        // With an extension, `../` counts from the file's own folder.
        assert_eq!(find("../lookandfeel.md", bundle, false), Ok(Some(pages[3])));
        // From a section, its own folder.
        assert_eq!(find("language", Some("docs/_index.md"), false), Ok(Some(pages[2])));
        // `./` stops at the page; other paths go on from the root.
        assert_eq!(find("./language", lookandfeel, false), Ok(None));
        assert_eq!(find("docs/Language.md", lookandfeel, false), Ok(Some(pages[2])));
        assert_eq!(find("/", None, false), Ok(Some(pages[0])));
        assert_eq!(find("/docs/", None, false), Ok(Some(pages[1])));
        // A bare name only for ref and site.GetPage, and only when one page has it.
        assert_eq!(find("unique", None, true), Ok(Some(pages[7])));
        assert_eq!(find("unique", lookandfeel, false), Ok(None));
        assert!(find("a", None, true).is_err());
        // A dot that is no content format's extension is part of the name.
        let dotted = ["blog/hugo-0.158.0+.md"];
        assert_eq!(
            find_page(dotted.iter().copied(), "hugo-0.158.0+/", Some("blog/x.md"), false),
            Ok(Some(dotted[0]))
        );
    }

    #[test]
    fn names_pages_by_their_logical_path() {
        assert_eq!(logical_path("posts/A.md"), "/posts/a");
        assert_eq!(logical_path("posts/b/index.md"), "/posts/b");
        assert_eq!(logical_path(""), "/");
    }
}
