//! The built-ins that only read the page and site: `figure`, `details`, `param`, `ref`,
//! `relref` and `comment`.

use super::{escape, get_string, go_quote, plainify, position, truthy};
use crate::shortcode::call::{go_string, Call, Env, Report};
use crate::shortcode::tree::Params;
use serde_json::{Map, Value};

/// `comment`: swallows its inner content (HEAD, deprecated in 0.143).
pub fn comment(_call: &Call, _env: &Env, report: &mut Report) -> String {
    report.warning(
        "The \"comment\" shortcode was deprecated in v0.143.0 and will be removed in a future release. Please use HTML comments instead.",
    );
    String::new()
}

/// `figure` (HEAD `_shortcodes/figure.html`, whitespace as Hugo ships it). `src` is used as
/// written: a preview has no page or global resources to resolve it against.
pub fn figure(call: &Call, env: &Env, _report: &mut Report) -> String {
    let named = |key: &str| get_string(call, key, None);
    let markdownify = |text: &str| (env.render_markdown)(text, false);
    let mut out = String::from("<figure");
    if let Some(class) = named("class") {
        out.push_str(&format!(" class=\"{}\"", escape::text(&class)));
    }
    out.push('>');
    let link = named("link");
    if let Some(link) = &link {
        out.push_str(&format!("<a href=\"{}\"", escape::url(link)));
        if let Some(target) = named("target") {
            out.push_str(&format!(" target=\"{}\"", escape::text(&target)));
        }
        if let Some(rel) = named("rel") {
            out.push_str(&format!(" rel=\"{}\"", escape::text(&rel)));
        }
        out.push('>');
    }
    let src = named("src").unwrap_or_default();
    out.push_str(&format!("<img src=\"{}\"", escape::url(&src)));
    let caption = named("caption");
    if let Some(alt) = named("alt") {
        out.push_str(&format!("\n\t\t\talt=\"{}\"", escape::text(&alt)));
    } else if let Some(caption) = &caption {
        let plain = plainify(&markdownify(caption));
        out.push_str(&format!(
            "\n\t\t\talt=\"{}\"",
            escape::html_in_attribute(&plain)
        ));
    }
    for key in ["width", "height", "loading"] {
        if let Some(value) = named(key) {
            out.push_str(&format!(" {key}=\"{}\"", escape::text(&value)));
        }
    }
    out.push('>');
    if link.is_some() {
        out.push_str("</a>");
    }
    let title = named("title");
    let attr = named("attr");
    if title.is_some() || caption.is_some() || attr.is_some() {
        out.push_str("<figcaption>\n\t\t\t");
        if let Some(title) = &title {
            out.push_str(&format!("<h4>{}</h4>", escape::text(title)));
        }
        if caption.is_some() || attr.is_some() {
            out.push_str("<p>");
            if let Some(caption) = &caption {
                out.push_str(&markdownify(caption));
            }
            let attrlink = named("attrlink");
            if let Some(attrlink) = &attrlink {
                out.push_str(&format!(
                    "\n\t\t\t\t\t\t<a href=\"{}\">",
                    escape::url(attrlink)
                ));
            }
            if let Some(attr) = &attr {
                out.push_str(&markdownify(attr));
            }
            if attrlink.is_some() {
                out.push_str("</a>");
            }
            out.push_str("</p>");
        }
        out.push_str("\n\t\t</figcaption>");
    }
    out.push_str("\n</figure>\n");
    out
}

/// `details` (HEAD `_shortcodes/details.html`): the summary rendered inline, the inner
/// content as blocks.
pub fn details(call: &Call, env: &Env, _report: &mut Report) -> String {
    let named = |key: &str| get_string(call, key, None);
    let mut out = String::from("\n<details");
    if let Some(class) = named("class") {
        out.push_str(&format!(" class=\"{}\"", escape::text(&class)));
    }
    if let Some(name) = named("name") {
        out.push_str(&format!(" name=\"{}\"", escape::text(&name)));
    }
    if super::flag(call.param("open", None).as_ref()) == Some(true) {
        out.push_str(" open");
    }
    if let Some(title) = named("title") {
        out.push_str(&format!(" title=\"{}\"", escape::text(&title)));
    }
    let summary = named("summary").unwrap_or_else(|| "Details".into());
    out.push_str(">\n\t<summary>");
    out.push_str(&(env.render_markdown)(&summary, false));
    out.push_str("</summary>\n\t");
    out.push_str(&(env.render_markdown)(call.inner, true));
    out.push_str("</details>\n");
    out
}

/// `param` (HEAD `_shortcodes/param.html`): `.Page.Param KEY`, HTML-escaped.
pub fn param(call: &Call, env: &Env, report: &mut Report) -> String {
    let Some(key) = call.get_index(0).filter(truthy) else {
        report.error(format!("Missing param key: {}", position(call, env)));
        return String::new();
    };
    let key = go_string(&key);
    match page_param(env, &key).filter(truthy) {
        Some(value) => escape::text(&go_string(&value)),
        None => {
            report.error(format!(
                "Param {} not found: {}",
                go_quote(&key),
                position(call, env)
            ));
            String::new()
        }
    }
}

/// Hugo's `Page.Param` (`resources/page.Param`): the page's params, then the site's; a key
/// as a whole first, then as a dotted path. Keys match case-insensitively. Since Hugo 0.123
/// the page's params are its front matter merged with its `params` table.
pub fn page_param(env: &Env, key: &str) -> Option<Value> {
    let front_matter = env.front_matter.as_object();
    let in_page = |path: &str| -> Option<Value> {
        let front_matter = front_matter?;
        lookup_path(front_matter, path).or_else(|| {
            let params = get_ci(front_matter, "params")?.as_object()?;
            lookup_path(params, path)
        })
    };
    let in_site = |path: &str| {
        env.site
            .params
            .as_object()
            .and_then(|p| lookup_path(p, path))
    };
    in_page(key).or_else(|| in_site(key))
}

/// A key as a whole, else a dotted path through nested maps.
fn lookup_path(map: &Map<String, Value>, key: &str) -> Option<Value> {
    if let Some(value) = get_ci(map, key) {
        return Some(value.clone());
    }
    if !key.contains('.') {
        return None;
    }
    let mut parts = key.split('.');
    let mut value = get_ci(map, parts.next()?)?;
    for part in parts {
        value = get_ci(value.as_object()?, part)?;
    }
    Some(value.clone())
}

fn get_ci<'v>(map: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
    map.get(key).or_else(|| {
        map.iter()
            .find(|(k, _)| k.to_lowercase() == key.to_lowercase())
            .map(|(_, v)| v)
    })
}

/// `ref`: the absolute permalink of a page.
pub fn ref_(call: &Call, env: &Env, report: &mut Report) -> String {
    reference(call, env, report, true)
}

/// `relref`: the relative permalink of a page.
pub fn relref(call: &Call, env: &Env, report: &mut Report) -> String {
    reference(call, env, report, false)
}

/// `{{ ref . .Params }}` / `{{ relref . .Params }}`: a positional path or a named `path`
/// (`lang` and `outputFormat` are accepted; a preview knows one language and one format).
fn reference(call: &Call, env: &Env, report: &mut Report, absolute: bool) -> String {
    let target = match call.params {
        Params::Positional(values) => values.first().map(go_string),
        Params::Named(map) => get_ci(map, "path").map(go_string),
    }
    .unwrap_or_default();
    let (path, fragment) = match target.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (target.as_str(), None),
    };
    let mut link = if path.is_empty() {
        // `#anchor` alone: a link within the page (Hugo's `refLink` with an empty path).
        String::new()
    } else {
        let relative = match resolve_page(env, path) {
            Ok(permalink) => permalink.to_owned(),
            Err(problem) => {
                report.warning(format!(
                    "REF_NOT_FOUND: Ref {}: {}: {problem}",
                    go_quote(&target),
                    position(call, env)
                ));
                guess_permalink(path)
            }
        };
        if absolute {
            join_base_url(&env.site.base_url, &relative)
        } else {
            relative
        }
    };
    if let Some(fragment) = fragment {
        link.push('#');
        link.push_str(fragment);
    }
    escape::text(&link)
}

/// Finds the page a `ref` path names: relative to the current page's folder first, then from
/// the content root, then (for a bare file name) any page with that name if only one has it.
/// Paths may leave out the extension or name a bundle's folder.
fn resolve_page<'e>(env: &Env<'e>, path: &str) -> Result<&'e str, String> {
    let pages = env.pages;
    let find = |wanted: &str| -> Option<&'e str> {
        let wanted = wanted.trim_matches('/');
        pages
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
        if let Some(folder) = env
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
        let matches: Vec<&str> = pages
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
            _ => return Err(format!("page reference {} is ambiguous", go_quote(path))),
        }
    }
    Err("page not found".into())
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

/// The permalink Hugo would most likely give a page that is not in the known pages:
/// `posts/x.md` → `/posts/x/`, a bundle's `index.md` → its folder.
fn guess_permalink(path: &str) -> String {
    let stem = strip_extension(path.trim_matches('/'));
    let stem = bundle_folder(stem).unwrap_or(stem);
    if stem.is_empty() {
        "/".into()
    } else {
        format!("/{}/", stem.to_lowercase())
    }
}

/// `https://example.org/` + `/posts/x/` without a doubled slash. No base URL: the relative
/// link.
fn join_base_url(base_url: &str, relative: &str) -> String {
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
        assert_eq!(guess_permalink("posts/x.md"), "/posts/x/");
        assert_eq!(guess_permalink("/posts/bundle/index.md"), "/posts/bundle/");
        assert_eq!(guess_permalink("posts/_index.md"), "/posts/");
        assert_eq!(guess_permalink("_index.md"), "/");
    }

    #[test]
    fn joins_base_url_without_doubled_slashes() {
        assert_eq!(
            join_base_url("https://example.org/", "/a/"),
            "https://example.org/a/"
        );
        assert_eq!(join_base_url("", "/a/"), "/a/");
    }
}
