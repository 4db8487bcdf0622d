//! The built-ins that only read the page and site: `figure`, `details`, `param`, `ref`,
//! `relref` and `comment`.

use super::{escape, get_string, plainify, position, truthy};
use crate::reference::{KnownPages, RefSource};
use crate::rules::quote::quote;
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

/// Hugo's `figure`: `urls.Parse` of `src`, written back as Go writes a URL; when not absolute,
/// the `.RelPermalink` of the page's resource (else the site's asset) at its path, as
/// `Resources.Get` finds it (a leading `./` is the same path), without its query or fragment.
fn figure_src(src: &str, env: &Env) -> String {
    let Ok(url) = crate::rules::net_url::parse(src) else {
        return src.to_owned();
    };
    if url.scheme.is_empty() {
        let path = url.path.strip_prefix("./").unwrap_or(&url.path);
        if let Some(link) = (env.resource)(path) {
            return link;
        }
    }
    url.to_url_string()
}

/// `figure` (HEAD `_shortcodes/figure.html`, whitespace as Hugo ships it). `src` as Hugo
/// 0.168 takes it: parsed as a URL; a relative one is looked up among the page's resources,
/// then the site's assets, and is that resource's `.RelPermalink` when there is one;
/// otherwise the URL as Go writes it.
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
    let src = figure_src(&named("src").unwrap_or_default(), env);
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
    let date = env
        .front_matter_dates
        .iter()
        .find(|(date_key, _)| date_key.eq_ignore_ascii_case(&key));
    match param_and_numbers(env, &key).filter(|(value, _, _)| truthy(value)) {
        Some((value, numbers, from_page)) => {
            let printed = match date {
                // A date key of the page's is a `time.Time` (`2026-02-07 00:00:00 +0000 UTC`).
                Some((_, time)) if from_page => {
                    crate::template::Object::display(&crate::shortcode::context::TimeObject(
                        time.clone(),
                    ))
                }
                // Printed as the template value Hugo has: a JSON front matter's 1000000 is a
                // float64, `1e+06`.
                _ => crate::template::Value::from_decoded(&value, numbers).to_go_string(),
            };
            escape::text(&printed)
        }
        None => {
            report.error(format!(
                "Param {} not found: {}",
                quote(&key),
                position(call, env)
            ));
            String::new()
        }
    }
}

/// [`page_param`], with the integer types of the tree it comes from and whether that is the
/// page's.
fn param_and_numbers(env: &Env, key: &str) -> Option<(Value, crate::template::NumberStyle, bool)> {
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
    in_page(key)
        .map(|value| (value, env.front_matter_numbers, true))
        .or_else(|| in_site(key).map(|value| (value, env.site.params_numbers, false)))
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
    let known = KnownPages {
        pages: env.pages,
        page_path: env.page_path,
        base_url: &env.site.base_url,
    };
    let position = position(call, env);
    let resolved = known.link(&target, absolute, RefSource::Position(&position));
    if let Some(message) = resolved.not_found {
        report.warning(message);
    }
    escape::text(&resolved.link)
}
